//! Rules: one file per family, each rule with its documentation and its table of cases.
//!
//! A rule reads a [`Document`] and pushes [`Finding`]s. It never prints and never changes
//! anything itself; merging and applying fixes is the job of [`crate::fixes`]. Rule ids are
//! `family/name`; selectors on the command line and in `tidings.toml` accept either.

pub mod spacing;
mod text;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::fixes::Finding;

/// A before/after example shown by `tidings explain` and checked by the test suite.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// Input text.
    pub before: &'static str,
    /// Text after `fix --all` with only this rule enabled (equal to `before` for a negative
    /// example: text the rule must leave alone).
    pub after: &'static str,
}

/// Static description of a rule: what `tidings explain` prints and SARIF's rule metadata.
#[derive(Debug)]
pub struct RuleMeta {
    /// `family/name`, e.g. `spacing/hyphen-space`.
    pub id: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// What it detects and how, in a paragraph.
    pub explanation: &'static str,
    /// Why its fix is safe, or why it is only a suggestion or a flag.
    pub safety: &'static str,
    /// Worked examples, positive and negative.
    pub examples: &'static [Example],
    /// Tie-breaker when two fixes of equal confidence overlap: higher wins.
    pub priority: u8,
}

impl RuleMeta {
    /// The family part of the id (`spacing` for `spacing/hyphen-space`).
    pub fn family(&self) -> &'static str {
        self.id
            .split_once('/')
            .map_or(self.id, |(family, _)| family)
    }

    /// The name part of the id (`hyphen-space` for `spacing/hyphen-space`).
    pub fn name(&self) -> &'static str {
        self.id.split_once('/').map_or(self.id, |(_, name)| name)
    }

    /// A minimal description for unit tests of the fix machinery.
    #[cfg(test)]
    pub(crate) const fn test_meta(id: &'static str, priority: u8) -> RuleMeta {
        RuleMeta {
            id,
            summary: "",
            explanation: "",
            safety: "",
            examples: &[],
            priority,
        }
    }

    /// True when `selector` (a family or an id) names this rule.
    pub fn matches(&self, selector: &str) -> bool {
        selector == "all" || selector == self.id || selector == self.family()
    }
}

/// Style choices that change what counts as an error (from `tidings.toml`).
#[derive(Debug, Clone, Default)]
pub struct RuleOptions {}

/// What a rule gets to look at.
#[derive(Debug)]
pub struct Context<'a> {
    /// The document being checked.
    pub doc: &'a Document<'a>,
    /// Style options.
    pub options: &'a RuleOptions,
}

/// A check over a document.
pub trait Rule: Sync + Send {
    /// The rule's static description.
    fn meta(&self) -> &'static RuleMeta;
    /// Pushes every finding in `cx.doc` to `out`. Spans outside prose are dropped by the caller.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Every rule tidings has, in priority order of families.
pub fn all() -> &'static [&'static dyn Rule] {
    static RULES: &[&dyn Rule] = &[
        &spacing::HyphenSpace,
        &spacing::DoubleSpace,
        &spacing::SpaceBeforePunctuation,
        &spacing::MissingSpaceAfterPunctuation,
    ];
    RULES
}

/// Looks up a rule by id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|rule| rule.meta().id == id)
}

/// The rules enabled by `select` (empty means all) minus those matched by `ignore`.
///
/// Every selector must name a family, a rule id or `all`; anything else is an error so that a
/// typo in CI configuration does not silently disable a check.
pub fn select(select: &[String], ignore: &[String]) -> Result<Vec<&'static dyn Rule>> {
    for selector in select.iter().chain(ignore) {
        if !all().iter().any(|rule| rule.meta().matches(selector)) {
            return Err(Error::UnknownRule(selector.clone()));
        }
    }
    Ok(all()
        .iter()
        .copied()
        .filter(|rule| select.is_empty() || select.iter().any(|s| rule.meta().matches(s)))
        .filter(|rule| !ignore.iter().any(|s| rule.meta().matches(s)))
        .collect())
}

/// Checks a selector without building a rule list (for configuration validation).
pub fn is_known_selector(selector: &str) -> bool {
    all().iter().any(|rule| rule.meta().matches(selector))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Case tables: `(input, expected)` pairs run through one rule alone.

    use super::*;
    use crate::document::Format;
    use crate::fixes::{Applicability, FixLevel, apply_edits, select_fixes};

    /// Runs `rule` alone on `input` (plain text) and returns its findings.
    pub fn findings(rule: &dyn Rule, input: &str) -> Vec<Finding> {
        let doc = Document::new(input, Format::Plain);
        let options = RuleOptions::default();
        let cx = Context {
            doc: &doc,
            options: &options,
        };
        let mut out = Vec::new();
        rule.check(&cx, &mut out);
        out.retain(|f| doc.is_prose(&f.span));
        out
    }

    /// Applies every fix `rule` offers (safe and suggested) to `input`.
    pub fn fixed(rule: &dyn Rule, input: &str) -> String {
        let found = findings(rule, input);
        apply_edits(input, &select_fixes(&found, FixLevel::All))
    }

    /// Asserts each `(input, expected)` pair; when they are equal, asserts no finding at all.
    pub fn assert_cases(rule: &dyn Rule, cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            if input == expected {
                let found = findings(rule, input);
                assert!(
                    found.is_empty(),
                    "{}: expected no finding in {input:?}, got {:?}",
                    rule.meta().id,
                    found
                        .iter()
                        .map(|f| (&input[f.span.clone()], &f.replacement))
                        .collect::<Vec<_>>()
                );
            } else {
                assert_eq!(
                    &fixed(rule, input),
                    expected,
                    "{}: case {input:?}",
                    rule.meta().id
                );
            }
        }
    }

    /// Asserts the applicability of the single finding `rule` makes in `input`.
    pub fn assert_applicability(rule: &dyn Rule, input: &str, expected: Applicability) {
        let found = findings(rule, input);
        assert_eq!(
            found.len(),
            1,
            "{}: one finding expected in {input:?}",
            rule.meta().id
        );
        assert_eq!(
            found[0].applicability,
            expected,
            "{}: {input:?}",
            rule.meta().id
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = all().iter().map(|r| r.meta().id).collect();
        for id in &ids {
            let (family, name) = id.split_once('/').expect("family/name");
            assert!(!family.is_empty() && !name.is_empty());
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'/')
            );
        }
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
    }

    #[test]
    fn every_rule_is_documented_with_examples_that_hold() {
        for rule in all() {
            let meta = rule.meta();
            assert!(
                !meta.summary.is_empty() && !meta.explanation.is_empty() && !meta.safety.is_empty(),
                "{}",
                meta.id
            );
            assert!(
                meta.examples.iter().any(|e| e.before != e.after),
                "{} needs a positive example",
                meta.id
            );
            assert!(
                meta.examples.iter().any(|e| e.before == e.after),
                "{} needs a negative example",
                meta.id
            );
            let cases: Vec<(&str, &str)> =
                meta.examples.iter().map(|e| (e.before, e.after)).collect();
            testing::assert_cases(*rule, &cases);
        }
    }

    #[test]
    fn selection_by_family_and_id() {
        let spacing = select(&["spacing".into()], &[]).unwrap();
        assert!(spacing.iter().all(|r| r.meta().family() == "spacing"));
        let without = select(&[], &["spacing/double-space".into()]).unwrap();
        assert!(
            without
                .iter()
                .all(|r| r.meta().id != "spacing/double-space")
        );
        assert!(matches!(
            select(&["spelling".into()], &[]),
            Err(Error::UnknownRule(_))
        ));
    }
}
