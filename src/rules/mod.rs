//! Rules: one file per family, each rule with its documentation and its table of cases.
//!
//! A rule reads a [`Document`] and pushes [`Finding`]s. It never prints and never changes
//! anything itself; merging and applying fixes is the job of [`crate::fixes`]. Rule ids are
//! `family/name`; selectors on the command line and in `tidings.toml` accept either.

pub mod casing;
pub mod credits;
pub mod mojibake;
pub mod names;
pub mod numbers;
pub mod punctuation;
pub mod quotes;
pub mod repetition;
pub mod spacing;
mod text;
pub mod unicode;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::fixes::Finding;
use crate::gazetteer::Gazetteer;

/// The farthest, in words, any rule looks from a word to decide about it (the names rule's
/// evidence window). Every other rule looks at a line or two. `fix` relies on this to check
/// only the neighbourhood of its edits again (see [`crate::fixes::regions`]).
pub const CONTEXT_WORDS: usize = 2_000;

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

/// What to do about a spelling that is another outlet's legitimate house style (`Kiev`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HouseStyle {
    /// Say nothing.
    Off,
    /// Offer the house spelling as a suggestion (the default).
    #[default]
    Suggest,
    /// Treat the house spelling as a safe fix.
    Fix,
}

/// Whether name repairs put back diacritics the text does not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Diacritics {
    /// Repairs follow the text: a name written without diacritics is repaired without them
    /// (`Gumrukc` → `Gumrukcu`), as AP style does; `Erdogan` is left alone.
    #[default]
    Keep,
    /// Repairs use the gazetteer's spelling with diacritics (`Gümrükçü`), and names written
    /// without them are suggested with them (`Erdogan` → `Erdoğan`).
    Restore,
}

/// Style choices that change what counts as an error (from `tidings.toml`'s `[style]`).
#[derive(Debug, Clone, Default)]
pub struct RuleOptions {
    /// Older or foreign-derived spellings other outlets use (`Kiev`, `Zelenskyy`).
    pub house_style: HouseStyle,
    /// Diacritics in repaired names.
    pub diacritics: Diacritics,
    /// Turn straight quotation marks and apostrophes into curly ones (`quotes/straight`).
    pub curly_quotes: bool,
}

/// What a rule gets to look at.
#[derive(Debug)]
pub struct Context<'a> {
    /// The document being checked.
    pub doc: &'a Document<'a>,
    /// Style options.
    pub options: &'a RuleOptions,
    /// Names, places, organisations, events and the English lexicon.
    pub gazetteer: &'a Gazetteer,
}

/// A check over a document. One check may report under several rule ids (the names matcher
/// reports `names/case`, `names/variant`, …) so that one pass serves them all.
pub trait Rule: Sync + Send {
    /// The rule ids this check reports under.
    fn metas(&self) -> &'static [&'static RuleMeta];
    /// Pushes every finding in `cx.doc` to `out`. Spans outside prose are dropped by the caller.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Every check tidings has.
pub fn checks() -> &'static [&'static dyn Rule] {
    static CHECKS: &[&dyn Rule] = &[
        &names::Names,
        &quotes::Quotes,
        &spacing::HyphenSpace,
        &spacing::DoubleSpace,
        &spacing::SpaceBeforePunctuation,
        &spacing::SpaceBeforePercent,
        &spacing::SpaceInsideBrackets,
        &spacing::MissingSpaceAfterPunctuation,
        &spacing::GluedWords,
        &casing::Casing,
        &punctuation::Punctuation,
        &numbers::Numbers,
        &repetition::Repetition,
        &credits::Credits,
        &unicode::Unicode,
    ];
    CHECKS
}

/// Every rule id, in the order of [`checks`].
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    checks()
        .iter()
        .flat_map(|check| check.metas().iter().copied())
}

/// Looks up a rule by id.
pub fn by_id(id: &str) -> Option<&'static RuleMeta> {
    all().find(|meta| meta.id == id)
}

/// The rule ids enabled by `select` (empty means all) minus those matched by `ignore`.
///
/// Every selector must name a family, a rule id or `all`; anything else is an error so that a
/// typo in CI configuration does not silently disable a check.
pub fn select(select: &[String], ignore: &[String]) -> Result<Vec<&'static RuleMeta>> {
    for selector in select.iter().chain(ignore) {
        if !is_known_selector(selector) {
            return Err(Error::UnknownRule(selector.clone()));
        }
    }
    Ok(all()
        .filter(|meta| select.is_empty() || select.iter().any(|s| meta.matches(s)))
        .filter(|meta| !ignore.iter().any(|s| meta.matches(s)))
        .collect())
}

/// Checks a selector without building a rule list (for configuration validation).
pub fn is_known_selector(selector: &str) -> bool {
    all().any(|meta| meta.matches(selector))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Case tables: `(input, expected)` pairs run through one rule alone.

    use super::*;
    use crate::document::Format;
    use crate::fixes::{Applicability, FixLevel, apply_edits, select_fixes};

    /// Runs `rule` alone on `input` (plain text) and returns its findings.
    pub fn findings(rule: &dyn Rule, input: &str) -> Vec<Finding> {
        findings_with(rule, input, &RuleOptions::default())
    }

    /// Runs `rule` alone on `input` (plain text) with `options`.
    pub fn findings_with(rule: &dyn Rule, input: &str, options: &RuleOptions) -> Vec<Finding> {
        let doc = Document::new(input, Format::Plain);
        let gazetteer = Gazetteer::embedded();
        let cx = Context {
            doc: &doc,
            options,
            gazetteer: &gazetteer,
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
                    rule.metas()[0].id,
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
                    rule.metas()[0].id
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
            rule.metas()[0].id
        );
        assert_eq!(
            found[0].applicability,
            expected,
            "{}: {input:?}",
            rule.metas()[0].id
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = all().map(|meta| meta.id).collect();
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
        for check in checks() {
            for meta in check.metas() {
                assert!(
                    !meta.summary.is_empty()
                        && !meta.explanation.is_empty()
                        && !meta.safety.is_empty(),
                    "{}",
                    meta.id
                );
                let mut positive = false;
                let mut negative = false;
                for example in meta.examples {
                    // Each example holds with only this rule id's findings applied.
                    // Style rules are shown switched on.
                    let options = RuleOptions {
                        curly_quotes: true,
                        ..RuleOptions::default()
                    };
                    let found: Vec<Finding> =
                        testing::findings_with(*check, example.before, &options)
                            .into_iter()
                            .filter(|f| f.rule.id == meta.id)
                            .collect();
                    positive |= !found.is_empty();
                    negative |= found.is_empty();
                    let chosen = crate::fixes::select_fixes(&found, crate::fixes::FixLevel::All);
                    let fixed = crate::fixes::apply_edits(example.before, &chosen);
                    assert_eq!(
                        fixed, example.after,
                        "{}: example {:?}",
                        meta.id, example.before
                    );
                }
                assert!(
                    positive,
                    "{} needs an example it finds something in",
                    meta.id
                );
                assert!(negative, "{} needs an example it must leave alone", meta.id);
            }
        }
    }

    #[test]
    fn selection_by_family_and_id() {
        let spacing = select(&["spacing".into()], &[]).unwrap();
        assert!(spacing.iter().all(|meta| meta.family() == "spacing"));
        let without = select(&[], &["spacing/double-space".into()]).unwrap();
        assert!(without.iter().all(|meta| meta.id != "spacing/double-space"));
        assert!(matches!(
            select(&["spelling".into()], &[]),
            Err(Error::UnknownRule(_))
        ));
    }
}
