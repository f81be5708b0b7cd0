//! The engine: runs the enabled rules over a document and applies their fixes.
//!
//! The linter never prints and never touches files; the command line, the language server and
//! the HTML redline all call it.

use crate::document::{Document, Format};
use crate::error::Result;
use crate::fixes::regions::{self, Edit};
use crate::fixes::{Finding, FixLevel, apply_edits, select_fixes};
use crate::gazetteer::Gazetteer;
use crate::rules::{self, Context, Rule, RuleMeta, RuleOptions};

/// How many fix passes `fix` makes at most: a fix may expose another (`a  ,b` → `a ,b` → `a,b`).
const MAX_FIX_PASSES: usize = 8;

/// Words around an edit whose findings `fix` works out again, and words of context around
/// those: a quarter more than any rule looks, since words are counted more roughly here than
/// the rules count them.
const RECHECK_WORDS: usize = rules::CONTEXT_WORDS * 5 / 4;

/// Rules plus the settings that decide what they report.
pub struct Linter {
    /// Enabled rule ids.
    enabled: Vec<&'static RuleMeta>,
    /// Checks that report at least one enabled id.
    checks: Vec<&'static dyn Rule>,
    options: RuleOptions,
    min_confidence: f32,
    gazetteer: Gazetteer,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field(
                "rules",
                &self.enabled.iter().map(|m| m.id).collect::<Vec<_>>(),
            )
            .field("min_confidence", &self.min_confidence)
            .finish()
    }
}

/// The result of fixing one text.
#[derive(Debug)]
pub struct Fixed {
    /// The repaired text (equal to the input when nothing applied).
    pub text: String,
    /// Fixes applied over all passes.
    pub applied: Vec<Finding>,
    /// Findings left in the repaired text (suggestions, flags, or conflicting fixes).
    pub remaining: Vec<Finding>,
}

impl Linter {
    /// A linter with the rules chosen by `select`/`ignore` (families or ids).
    pub fn new(
        select: &[String],
        ignore: &[String],
        min_confidence: f32,
        options: RuleOptions,
        gazetteer: Gazetteer,
    ) -> Result<Self> {
        let enabled = rules::select(select, ignore)?;
        let checks = rules::checks()
            .iter()
            .copied()
            .filter(|check| {
                check
                    .metas()
                    .iter()
                    .any(|m| enabled.iter().any(|e| e.id == m.id))
            })
            .collect();
        Ok(Linter {
            enabled,
            checks,
            options,
            min_confidence,
            gazetteer,
        })
    }

    /// A linter with every rule, default settings and the embedded gazetteer.
    pub fn with_all_rules() -> Self {
        Linter {
            enabled: rules::all().collect(),
            checks: rules::checks().to_vec(),
            options: RuleOptions::default(),
            min_confidence: 0.0,
            gazetteer: Gazetteer::embedded(),
        }
    }

    /// The enabled rule ids.
    pub fn rules(&self) -> &[&'static RuleMeta] {
        &self.enabled
    }

    /// The gazetteer the name rules use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// All findings in `doc`, in prose only, not suppressed, above the confidence threshold,
    /// sorted by position then rule id.
    pub fn check(&self, doc: &Document<'_>) -> Vec<Finding> {
        let cx = Context {
            doc,
            options: &self.options,
            gazetteer: &self.gazetteer,
        };
        let mut findings = Vec::new();
        for check in &self.checks {
            check.check(&cx, &mut findings);
        }
        let suppressions = doc.suppressions();
        findings.retain(|f| {
            self.enabled.iter().any(|m| std::ptr::eq(*m, f.rule))
                && f.confidence >= self.min_confidence
                && doc.is_prose(&f.span)
                && !suppressions.suppresses(f.rule.id, f.span.start)
        });
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule.id).cmp(&(b.span.start, b.span.end, b.rule.id))
        });
        findings
    }

    /// The findings of `text`, the result of `edits` on a text whose findings were `previous`:
    /// plain text is checked again only around the edits (see [`regions`]); Markdown, whose
    /// structure an edit may change, is checked again whole.
    fn recheck(
        &self,
        text: &str,
        format: Format,
        previous: Vec<Finding>,
        edits: &[Edit],
    ) -> Vec<Finding> {
        if format != Format::Plain {
            return self.check_text(text, format);
        }
        let rechecks = regions::rechecks(text, edits, RECHECK_WORDS, RECHECK_WORDS);
        let window_bytes: usize = rechecks.iter().map(|r| r.window.len()).sum();
        // A window opening on a byte-order mark would take it for the file's own.
        let opens_on_mark = rechecks
            .iter()
            .any(|r| r.window.start > 0 && text[r.window.start..].starts_with('\u{feff}'));
        if window_bytes >= text.len() / 2 || opens_on_mark {
            return self.check_text(text, format);
        }
        let mut fresh = Vec::new();
        for recheck in &rechecks {
            let window = &text[recheck.window.clone()];
            for mut finding in self.check_text(window, format) {
                finding.span = finding.span.start + recheck.window.start
                    ..finding.span.end + recheck.window.start;
                fresh.push(finding);
            }
        }
        let cores: Vec<_> = rechecks.into_iter().map(|r| r.core).collect();
        regions::merge_findings(previous, edits, &cores, fresh)
    }

    /// Findings in `text` read as `format`.
    pub fn check_text(&self, text: &str, format: Format) -> Vec<Finding> {
        self.check(&Document::new(text, format))
    }

    /// Applies fixes at `level` until the text stops changing (at most a few passes), so that a
    /// second run of `fix` changes nothing.
    pub fn fix(&self, text: &str, format: Format, level: FixLevel) -> Fixed {
        let mut current = text.to_owned();
        let mut applied = Vec::new();
        let mut findings = self.check_text(&current, format);
        for _ in 0..MAX_FIX_PASSES {
            let chosen = select_fixes(&findings, level);
            if chosen.is_empty() {
                return Fixed {
                    text: current,
                    applied,
                    remaining: findings,
                };
            }
            let next = apply_edits(&current, &chosen);
            let edits = Edit::of_fixes(&chosen);
            applied.extend(chosen.into_iter().cloned());
            if next == current {
                break;
            }
            findings = self.recheck(&next, format, findings, &edits);
            current = next;
        }
        let remaining = self.check_text(&current, format);
        Fixed {
            text: current,
            applied,
            remaining,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long article: the seed's damage at both ends of a long stretch of clean prose, so
    /// that `fix` checks windows around its edits rather than the whole text again.
    fn long_article() -> String {
        let seed = include_str!("../seeds/000_4b7b9a7366d71444.txt");
        let clean = "The committee met on Tuesday and agreed the budget for next year.\n";
        format!("{seed}\n{}{seed}", clean.repeat(3000))
    }

    #[test]
    fn fix_reports_what_a_full_check_of_its_output_finds() {
        let linter = Linter::with_all_rules();
        let text = long_article();
        // The first pass's edits leave most of the text outside the windows checked again.
        let first = linter.check_text(&text, Format::Plain);
        let chosen = select_fixes(&first, FixLevel::Safe);
        let edits = Edit::of_fixes(&chosen);
        let next = apply_edits(&text, &chosen);
        let windows: usize = regions::rechecks(&next, &edits, RECHECK_WORDS, RECHECK_WORDS)
            .iter()
            .map(|r| r.window.len())
            .sum();
        assert!(windows < next.len() / 2, "{windows} of {}", next.len());
        let fixed = linter.fix(&text, Format::Plain, FixLevel::Safe);
        assert!(fixed.applied.len() > 40, "{} fixes", fixed.applied.len());
        let full = linter.check_text(&fixed.text, Format::Plain);
        let summary = |findings: &[Finding]| {
            findings
                .iter()
                .map(|f| (f.span.clone(), f.rule.id, f.replacement.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(summary(&fixed.remaining), summary(&full));
        // And a second run changes nothing.
        let again = linter.fix(&fixed.text, Format::Plain, FixLevel::Safe);
        assert_eq!(again.text, fixed.text);
    }

    #[test]
    fn a_fix_that_gives_evidence_is_seen_by_the_next_pass() {
        // Once `HegeSth` is repaired, `Hegseth` is written exactly a few lines above
        // `Hegsetth`, which the second pass then repairs too: that line lies outside the first
        // edit's line but inside its window.
        let filler = "The committee met on Tuesday and agreed the budget for next year.\n";
        let text = format!(
            "US Secretary of Defense Pete HegeSth visited the troops on Monday.\n{}\
             Later, Hegsetth told reporters that the exercise had gone well.\n{}",
            filler.repeat(3),
            filler.repeat(3000)
        );
        let linter = Linter::with_all_rules();
        let fixed = linter.fix(&text, Format::Plain, FixLevel::Safe);
        assert!(
            fixed.text.contains("Pete Hegseth visited"),
            "{}",
            &fixed.text[..200]
        );
        assert!(
            fixed.text.contains("Later, Hegseth told"),
            "{}",
            &fixed.text[..400]
        );
        assert!(linter.check_text(&fixed.text, Format::Plain).is_empty());
        assert!(fixed.remaining.is_empty());
    }
}
