//! `punctuation/…`: doubled punctuation marks (`next week..`, `,,`, `. .`).

use super::text::char_before;
use super::{Context, Example, Rule, RuleMeta};
use crate::fixes::{Applicability, Finding};

static DOUBLED: RuleMeta = RuleMeta {
    id: "punctuation/doubled",
    summary: "punctuation mark doubled by mistake",
    explanation: "Finds a full stop, comma, semicolon or colon written twice (`next week..`, \
        `,,`, `;;`) or twice with a space between (`end. .`). Ellipses (`...`, `. . .`), `?!`, \
        `!!`, `??` and numbers (`1..10`) are left alone.",
    safety: "Safe inside a paragraph: one of two identical marks is dropped and nothing else \
        changes. Two dots ending a paragraph may be an ellipsis cut short: a suggestion.",
    examples: &[
        Example {
            before: "talks are expected next week.. The talks",
            after: "talks are expected next week. The talks",
        },
        Example {
            before: "Paris,, Berlin and Rome. . Then",
            after: "Paris, Berlin and Rome. Then",
        },
        Example {
            before: "and then... nothing. . . at all?! In 1..10",
            after: "and then... nothing. . . at all?! In 1..10",
        },
    ],
    priority: 45,
};

/// The doubled-punctuation check.
pub struct Punctuation;

impl Rule for Punctuation {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 1] = [&DOUBLED];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        let mut skip_until = 0;
        for at in crate::scan::byte_positions(bytes, [b'.', b',', b';', b':']) {
            if at < skip_until {
                continue;
            }
            let mark = bytes[at];
            // Find the run of this mark, with single spaces allowed between (`. .`).
            let mut end = at + 1;
            let mut count = 1;
            let mut spaced = false;
            loop {
                if bytes.get(end) == Some(&mark) {
                    end += 1;
                    count += 1;
                } else if bytes.get(end) == Some(&b' ') && bytes.get(end + 1) == Some(&mark) {
                    end += 2;
                    count += 1;
                    spaced = true;
                } else {
                    break;
                }
            }
            skip_until = end;
            if count != 2 {
                // One mark is normal; three or more is an ellipsis or a deliberate row.
                continue;
            }
            let previous = char_before(text, at);
            let next = text[end..].chars().next();
            if previous.is_some_and(|c| c.is_ascii_digit())
                && next.is_some_and(|c| c.is_ascii_digit())
            {
                // `1..10`, `9,,100`: a range or a typo inside a number, not a doubled mark.
                continue;
            }
            if mark == b'.' && previous == Some(' ') {
                continue;
            }
            if !previous.is_some_and(|c| c.is_alphanumeric() || matches!(c, ')' | '”' | '’' | '"'))
            {
                continue;
            }
            if spaced && mark != b'.' {
                continue;
            }
            let symbol = mark as char;
            // At the end of a paragraph two dots may be an ellipsis cut short.
            let paragraph_end = text[end..].trim_start_matches([' ', '\r']).is_empty()
                || text[end..]
                    .trim_start_matches([' ', '\r'])
                    .starts_with('\n');
            let (applicability, confidence) = if mark == b'.' && paragraph_end {
                (Applicability::Suggest, 0.8)
            } else {
                (Applicability::Safe, 0.95)
            };
            out.push(
                Finding::fix(
                    &DOUBLED,
                    at..end,
                    symbol.to_string(),
                    applicability,
                    confidence,
                )
                .message(format!("`{symbol}` doubled"))
                .reason(format!("`{}` is one mark written twice", &text[at..end])),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn doubled_marks() {
        assert_cases(
            &Punctuation,
            &[
                ("expected next week..", "expected next week."),
                ("Paris,, Berlin", "Paris, Berlin"),
                ("the end. . Then", "the end. Then"),
                ("one;; two", "one; two"),
                // negatives
                ("and then... nothing", "and then... nothing"),
                ("a row of dots....", "a row of dots...."),
                ("if the . . . import ban", "if the . . . import ban"),
                ("pages 1..10", "pages 1..10"),
                ("Really?! Yes!!", "Really?! Yes!!"),
                ("at 10:30, then", "at 10:30, then"),
            ],
        );
    }
}
