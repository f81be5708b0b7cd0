//! Applying chosen fixes: bytes outside their spans are copied as they are.

use super::Finding;

/// Returns `text` with each fix's span replaced by its replacement.
///
/// `fixes` must be sorted and non-overlapping, as [`super::select_fixes`] returns them; a fix
/// without a replacement is skipped.
pub fn apply_edits(text: &str, fixes: &[&Finding]) -> String {
    let growth: usize = fixes
        .iter()
        .filter_map(|f| f.replacement.as_ref().map(String::len))
        .sum();
    let mut out = String::with_capacity(text.len() + growth);
    let mut position = 0;
    for fix in fixes {
        let Some(replacement) = &fix.replacement else {
            continue;
        };
        debug_assert!(fix.span.start >= position, "fixes overlap or are unsorted");
        out.push_str(&text[position..fix.span.start]);
        out.push_str(replacement);
        position = fix.span.end;
    }
    out.push_str(&text[position..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::Applicability;
    use crate::rules::RuleMeta;

    static RULE: RuleMeta = RuleMeta::test_meta("test/apply", 1);

    #[test]
    fn replaces_only_spans() {
        let text = "a  b\r\nc ,d \n";
        let f1 = Finding::fix(&RULE, 1..3, " ", Applicability::Safe, 1.0);
        let f2 = Finding::fix(&RULE, 7..8, "", Applicability::Safe, 1.0);
        assert_eq!(apply_edits(text, &[&f1, &f2]), "a b\r\nc,d \n");
    }

    #[test]
    fn insertion_and_empty_list() {
        let text = "ab";
        let f = Finding::fix(&RULE, 1..1, " ", Applicability::Safe, 1.0);
        assert_eq!(apply_edits(text, &[&f]), "a b");
        assert_eq!(apply_edits(text, &[]), "ab");
    }
}
