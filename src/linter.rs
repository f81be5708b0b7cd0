//! The engine: runs the enabled rules over a document and applies their fixes.
//!
//! The linter never prints and never touches files; the command line, the language server and
//! the HTML redline all call it.

use crate::document::{Document, Format};
use crate::error::Result;
use crate::fixes::{Finding, FixLevel, apply_edits, select_fixes};
use crate::gazetteer::Gazetteer;
use crate::rules::{self, Context, Rule, RuleMeta, RuleOptions};

/// How many fix passes `fix` makes at most: a fix may expose another (`a  ,b` → `a ,b` → `a,b`).
const MAX_FIX_PASSES: usize = 8;

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

    /// Findings in `text` read as `format`.
    pub fn check_text(&self, text: &str, format: Format) -> Vec<Finding> {
        self.check(&Document::new(text, format))
    }

    /// Applies fixes at `level` until the text stops changing (at most a few passes), so that a
    /// second run of `fix` changes nothing.
    pub fn fix(&self, text: &str, format: Format, level: FixLevel) -> Fixed {
        let mut current = text.to_owned();
        let mut applied = Vec::new();
        for _ in 0..MAX_FIX_PASSES {
            let findings = self.check_text(&current, format);
            let chosen = select_fixes(&findings, level);
            if chosen.is_empty() {
                return Fixed {
                    text: current,
                    applied,
                    remaining: findings,
                };
            }
            let next = apply_edits(&current, &chosen);
            applied.extend(chosen.into_iter().cloned());
            if next == current {
                break;
            }
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
