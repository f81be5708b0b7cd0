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

static COMMA_BEFORE_THAT: RuleMeta = RuleMeta {
    id: "punctuation/comma-before-that",
    summary: "German comma before a `that` clause",
    explanation: "Finds a comma between a verb of saying or thinking (or `the fact`, `the \
        hope`) and the `that` of the clause it introduces (`He said, that the talks failed`), \
        where German's comma before `dass` survives machine translation, and removes it \
        (`He said that the talks failed`).",
    safety: "Safe: English never separates such a verb from its `that` clause; `that is`, \
        `that was`, `that said` and other uses of `that` on its own are left alone.",
    examples: &[
        Example {
            before: "The minister said, that the talks had failed.",
            after: "The minister said that the talks had failed.",
        },
        Example {
            before: "despite the fact, that he won",
            after: "despite the fact that he won",
        },
        Example {
            before: "He said, that is, he hinted; we knew, that was clear.",
            after: "He said, that is, he hinted; we knew, that was clear.",
        },
    ],
    priority: 40,
};

/// Verbs of saying, thinking and showing, and nouns, that take a `that` clause. Sorted.
const THAT_CLAUSE_HEADS: &[&str] = &[
    "added",
    "admitted",
    "announced",
    "argued",
    "assumed",
    "assumes",
    "believe",
    "believed",
    "believes",
    "claimed",
    "claims",
    "confirmed",
    "confirms",
    "emphasised",
    "emphasises",
    "emphasized",
    "emphasizes",
    "expect",
    "expected",
    "expects",
    "explained",
    "explains",
    "fact",
    "fear",
    "feared",
    "fears",
    "hope",
    "hoped",
    "hopes",
    "impression",
    "indicated",
    "insisted",
    "knew",
    "know",
    "knows",
    "noted",
    "recalled",
    "reported",
    "said",
    "say",
    "says",
    "showed",
    "shows",
    "stated",
    "states",
    "stressed",
    "stresses",
    "suggested",
    "think",
    "thinks",
    "thought",
    "warned",
    "warns",
];

/// Words after `that` that make it a pronoun of its own (`that is`, `that was clear`) rather
/// than the start of a clause. Sorted.
const THAT_AS_PRONOUN: &[&str] = &[
    "could", "did", "does", "had", "has", "is", "may", "means", "might", "must", "said", "should",
    "was", "will", "would",
];

/// The doubled-punctuation check.
pub struct Punctuation;

impl Rule for Punctuation {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 2] = [&DOUBLED, &COMMA_BEFORE_THAT];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        comma_before_that(text, out);
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

/// `said, that the` → `said that the`: see [`COMMA_BEFORE_THAT`].
fn comma_before_that(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    for comma in memchr::memmem::find_iter(bytes, ", that ") {
        let head = super::text::word_before(text, comma);
        let head_word = &text[head.clone()];
        if head.is_empty()
            || THAT_CLAUSE_HEADS
                .binary_search(&head_word.to_ascii_lowercase().as_str())
                .is_err()
        {
            continue;
        }
        // `This meant, dealers explained, that …`: a comma earlier in the sentence may open
        // an aside that this one closes. Only a head with no comma, colon or bracket between
        // it and the start of its sentence is taken.
        // (Lines wrapped at a fixed width break sentences anywhere: only a blank line ends
        // the look back, besides the marks.)
        let sentence = &bytes[head.start.saturating_sub(400)..head.start];
        let opened = sentence
            .windows(2)
            .rev()
            .find(|pair| {
                matches!(pair[1], b'.' | b'?' | b'!' | b',' | b'(' | b';' | b':') || pair == b"\n\n"
            })
            .map(|pair| pair[1]);
        if matches!(opened, Some(b',' | b'(' | b';' | b':')) {
            continue;
        }
        let next = super::text::word_after(text, comma + ", that ".len());
        let next_word = &text[next.clone()];
        // A word must follow, and not make `that` a pronoun (`that is`, `that was clear`).
        if next_word.is_empty()
            || THAT_AS_PRONOUN.binary_search(&next_word).is_ok()
            || bytes.get(next.end) == Some(&b',')
        {
            continue;
        }
        out.push(
            Finding::fix(
                &COMMA_BEFORE_THAT,
                comma..comma + 1,
                "",
                Applicability::Safe,
                0.9,
            )
            .message(format!("comma before `that`: `{head_word} that`"))
            .reason(format!(
                "`{head_word}` takes the `that` clause without a comma; German writes one \
                 before `dass`"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn lists_are_sorted() {
        assert!(THAT_CLAUSE_HEADS.windows(2).all(|w| w[0] < w[1]));
        assert!(THAT_AS_PRONOUN.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn german_commas_before_that() {
        assert_cases(
            &Punctuation,
            &[
                (
                    "The minister said, that the talks had failed.",
                    "The minister said that the talks had failed.",
                ),
                (
                    "Despite the fact, that he won. Scholz stressed, that Europe must act.",
                    "Despite the fact that he won. Scholz stressed that Europe must act.",
                ),
                // negatives
                (
                    "He said, that is, he hinted; we knew, that was clear.",
                    "He said, that is, he hinted; we knew, that was clear.",
                ),
                (
                    "In the end, that plan failed.",
                    "In the end, that plan failed.",
                ),
                (
                    "This meant, dealers explained, that investors gained.",
                    "This meant, dealers explained, that investors gained.",
                ),
                (
                    "But, he added, that results will still be poor.",
                    "But, he added, that results will still be poor.",
                ),
                (
                    "as he said, that, too, failed",
                    "as he said, that, too, failed",
                ),
            ],
        );
    }

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
