//! Choosing a consistent set of fixes when rules disagree.
//!
//! Overlapping fixes are resolved deterministically: higher confidence wins, then higher rule
//! priority, then the earlier span, then the rule id. Two insertions at the same point, or an
//! insertion touching another fix, count as overlapping: the loser is left for the next pass.

use super::{Finding, FixLevel};
use std::cmp::Ordering;
use std::collections::BTreeMap;

fn conflicts(a: &Finding, b: &Finding) -> bool {
    let (a, b) = (&a.span, &b.span);
    if a.is_empty() || b.is_empty() {
        // An insertion conflicts with anything it touches, edges included.
        a.start <= b.end && b.start <= a.end
    } else {
        a.start < b.end && b.start < a.end
    }
}

fn precedence(a: &Finding, b: &Finding) -> Ordering {
    b.confidence
        .total_cmp(&a.confidence)
        .then(b.rule.priority.cmp(&a.rule.priority))
        .then(a.span.start.cmp(&b.span.start))
        .then(a.span.end.cmp(&b.span.end))
        .then(a.rule.id.cmp(b.rule.id))
        .then(a.replacement.cmp(&b.replacement))
}

/// The fixes to apply at `level`: applicable, non-overlapping, sorted by position.
pub fn select_fixes(findings: &[Finding], level: FixLevel) -> Vec<&Finding> {
    let mut candidates: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.replacement.is_some() && level.applies(f.applicability))
        .collect();
    candidates.sort_by(|a, b| precedence(a, b));
    // Chosen spans by start offset, so each conflict check looks at two neighbours only.
    let mut chosen: BTreeMap<(usize, usize), &Finding> = BTreeMap::new();
    for candidate in candidates {
        let key = (candidate.span.start, candidate.span.end);
        let before = chosen.range(..=key).next_back().map(|(_, f)| *f);
        let after = chosen.range(key..).next().map(|(_, f)| *f);
        let clash = before.is_some_and(|f| conflicts(f, candidate))
            || after.is_some_and(|f| conflicts(f, candidate));
        if !clash {
            chosen.insert(key, candidate);
        }
    }
    chosen.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::Applicability;
    use crate::rules::RuleMeta;

    static LOW: RuleMeta = RuleMeta::test_meta("test/low", 1);
    static HIGH: RuleMeta = RuleMeta::test_meta("test/high", 9);

    fn fix(rule: &'static RuleMeta, span: std::ops::Range<usize>, confidence: f32) -> Finding {
        Finding::fix(rule, span, "x", Applicability::Safe, confidence)
    }

    #[test]
    fn higher_confidence_wins_then_priority() {
        let findings = vec![fix(&LOW, 0..4, 0.9), fix(&HIGH, 2..6, 0.8)];
        let chosen = select_fixes(&findings, FixLevel::Safe);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].rule.id, "test/low");
        let findings = vec![fix(&LOW, 0..4, 0.9), fix(&HIGH, 2..6, 0.9)];
        let chosen = select_fixes(&findings, FixLevel::Safe);
        assert_eq!(chosen[0].rule.id, "test/high");
    }

    #[test]
    fn adjacent_fixes_both_apply_but_touching_insertions_do_not() {
        let findings = vec![fix(&LOW, 0..2, 0.9), fix(&LOW, 2..4, 0.9)];
        assert_eq!(select_fixes(&findings, FixLevel::Safe).len(), 2);
        let findings = vec![fix(&LOW, 0..2, 0.9), fix(&LOW, 2..2, 0.8)];
        assert_eq!(select_fixes(&findings, FixLevel::Safe).len(), 1);
    }

    #[test]
    fn suggestions_only_at_level_all() {
        let mut suggestion = fix(&LOW, 0..2, 0.9);
        suggestion.applicability = Applicability::Suggest;
        let findings = vec![suggestion];
        assert!(select_fixes(&findings, FixLevel::Safe).is_empty());
        assert_eq!(select_fixes(&findings, FixLevel::All).len(), 1);
    }

    #[test]
    fn selection_is_independent_of_input_order() {
        let a = vec![
            fix(&LOW, 0..4, 0.7),
            fix(&HIGH, 3..8, 0.7),
            fix(&LOW, 8..9, 0.5),
        ];
        let mut b = a.clone();
        b.reverse();
        let ids = |v: Vec<&Finding>| {
            v.iter()
                .map(|f| (f.rule.id, f.span.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(select_fixes(&a, FixLevel::Safe)),
            ids(select_fixes(&b, FixLevel::Safe))
        );
    }
}
