//! `repetition/…`: words repeated by mistake and stuttered fragments of machine translation.

use super::{Context, Example, Rule, RuleMeta};
use crate::fixes::{Applicability, Finding};
use std::ops::Range;

static WORD: RuleMeta = RuleMeta {
    id: "repetition/word",
    summary: "word written twice",
    explanation: "Finds the same word twice in a row (`the the`, `to to`). Doubles that English \
        uses on purpose (`had had`, `that that`, `bye bye`, `Walla Walla`) are only suggested or \
        left alone.",
    safety: "A suggestion: a doubled word is almost always a slip, but it is a writer's slip, \
        not machine-translation damage, and inside a quotation it may be what was said; the \
        confidence is higher for articles and prepositions, which English never doubles.",
    examples: &[
        Example {
            before: "He said the the talks failed.",
            after: "He said the talks failed.",
        },
        Example {
            before: "He had had enough, and that that was it.",
            after: "He had had enough, and that that was it.",
        },
    ],
    priority: 40,
};

static STUTTER: RuleMeta = RuleMeta {
    id: "repetition/stutter",
    summary: "stuttered fragment left by machine translation",
    explanation: "Finds a short word repeated three or more times within a few characters, with \
        only quotation marks, commas and spaces between (`“he”, he “, he”, he is`): a fragment \
        machine translation produced from a quotation it could not parse. The span is offered \
        for review, with the word once as a suggestion.",
    safety: "Only a suggestion: what the fragment should say needs a human.",
    examples: &[
        Example {
            before: "expensive exercise, “he”, he “, he”, he is expensive",
            after: "expensive exercise, he is expensive",
        },
        Example {
            before: "He said he would, he said.",
            after: "He said he would, he said.",
        },
    ],
    priority: 35,
};

/// Words English never doubles.
const NEVER_DOUBLED: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
    "the", "to", "with",
];

/// Words English doubles on purpose.
const DOUBLED_ON_PURPOSE: &[&str] = &[
    "bye", "had", "knock", "no", "so", "that", "very", "walla", "bora", "is", "do",
];

/// The repetition checks.
pub struct Repetition;

impl Rule for Repetition {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 2] = [&WORD, &STUTTER];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        for segment in cx.doc.prose() {
            // Doubled words: a word and the word after the space that ends it. Most pairs
            // differ in their first letter: only spaces between words that share it (an ASCII
            // letter, in either case) come out of the scan.
            let mut pairs = Vec::new();
            let seg = &bytes[segment.clone()];
            // (A line break ends a word too, `said.\nThe the government`, but never joins
            // two: the scan reports spaces only.)
            crate::scan::for_each_space_between_like_letters(seg, |space, word_start| {
                let first = &seg[word_start..space];
                // The next word is the run of letters and digits after the space; it pairs
                // with `first` when it has the same length and the same letters. Compare the
                // letters first (most candidates differ there), then check that the run is
                // exactly that long: all of it alphanumeric, and no alphanumeric after it.
                let len = first.len();
                let next_end = space + 1 + len;
                let Some(next) = seg.get(space + 1..next_end) else {
                    return;
                };
                if first.eq_ignore_ascii_case(next)
                    && !seg.get(next_end).is_some_and(u8::is_ascii_alphanumeric)
                    && next.iter().all(u8::is_ascii_alphanumeric)
                {
                    let start = segment.start + space - len;
                    let second = segment.start + space + 1;
                    pairs.push([start..space + segment.start, second..second + len]);
                }
            });
            let words: Vec<Range<usize>> = pairs.iter().flat_map(|p| p.iter().cloned()).collect();
            doubled_words(text, &words, out);
            // Stutters are strung on quotation marks: look only around those.
            // One pass for `"` and the lead byte of `“` (E2 80 9C) and `”` (E2 80 9D), in order.
            let marks: Vec<usize> = memchr::memchr2_iter(b'"', 0xE2, seg)
                .filter(|&m| {
                    seg[m] == b'"' || matches!(seg.get(m + 1..m + 3), Some([0x80, 0x9C | 0x9D]))
                })
                .map(|m| segment.start + m)
                .collect();
            let mut done_until = segment.start;
            let mut found = Vec::new();
            for (k, &mark) in marks.iter().enumerate() {
                // A stutter strings three or more marks within a few words.
                if mark < done_until || marks.get(k + 2).is_none_or(|third| third - mark > 48) {
                    continue;
                }
                let mut start = mark.saturating_sub(48).max(segment.start);
                while !text.is_char_boundary(start) {
                    start += 1;
                }
                let mut end = (mark + 96).min(segment.end);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let window = self::words(text, start..end);
                stutters(text, &window, &mut found);
                done_until = mark + 1;
            }
            // Overlapping windows find one stutter more than once: keep each span once.
            found.sort_by_key(|f| (f.span.start, f.span.end));
            found.dedup_by(|a, b| a.span.start < b.span.end && b.span.start < a.span.end);
            out.extend(found);
        }
    }
}

fn words(text: &str, segment: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(segment.len() / 6);
    crate::scan::word_spans(text, segment, false, &mut out);
    out
}

fn doubled_words(text: &str, words: &[Range<usize>], out: &mut Vec<Finding>) {
    for pair in words.chunks_exact(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if &text[a.end..b.start] != " " {
            continue;
        }
        if a.len() != b.len() {
            continue;
        }
        let (first, second) = (&text[a.clone()], &text[b.clone()]);
        if !first.eq_ignore_ascii_case(second) || first.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let lower = first.to_lowercase();
        // `Walla Walla`, `Duran Duran`, the band The The: a capitalised second word is a name.
        if DOUBLED_ON_PURPOSE.contains(&lower.as_str()) || second.starts_with(char::is_uppercase) {
            continue;
        }
        let confidence = if NEVER_DOUBLED.binary_search(&lower.as_str()).is_ok() {
            0.9
        } else {
            0.7
        };
        let applicability = Applicability::Suggest;
        out.push(
            Finding::fix(&WORD, a.end..b.end, "", applicability, confidence)
                .message(format!("`{first}` written twice"))
                .reason(format!("`{first} {second}`: the same word twice in a row")),
        );
    }
}

fn stutters(text: &str, words: &[Range<usize>], out: &mut Vec<Finding>) {
    let mut k = 0;
    while k < words.len() {
        // A stutter needs a quotation mark between its words: skip ahead cheaply otherwise.
        if words[k].len() > 4
            || k + 1 == words.len()
            || !text[words[k].end..words[k + 1].start].contains(['“', '”', '"'])
        {
            k += 1;
            continue;
        }
        let word = &text[words[k].clone()];
        if word.chars().count() > 4 {
            k += 1;
            continue;
        }
        // Extend while the same word recurs with only marks, commas and spaces between.
        let mut last = k;
        while last + 1 < words.len() {
            let gap = &text[words[last].end..words[last + 1].start];
            let same = text[words[last + 1].clone()].eq_ignore_ascii_case(word);
            let quiet = gap
                .chars()
                .all(|c| matches!(c, ' ' | ',' | '“' | '”' | '"' | '‘' | '’'))
                && gap.chars().count() <= 6;
            let marked = gap.chars().any(|c| matches!(c, '“' | '”' | '"'));
            if same && quiet && (marked || last > k) {
                last += 1;
            } else {
                break;
            }
        }
        if last - k + 1 >= 3 {
            // From the gap before the first occurrence to the last occurrence.
            let mut start = words[k].start;
            while start > 0
                && matches!(
                    text[..start].chars().next_back(),
                    Some(' ' | ',' | '“' | '”' | '"')
                )
            {
                start -= text[..start].chars().next_back().map_or(1, char::len_utf8);
            }
            let end = words[last].end;
            let prefix = if text[start..words[k].start].contains(',') {
                ", "
            } else {
                " "
            };
            let replacement = format!("{prefix}{word}");
            out.push(
                Finding::fix(
                    &STUTTER,
                    start..end,
                    &replacement,
                    Applicability::Suggest,
                    0.5,
                )
                .message(format!(
                    "stuttered fragment: `{}`",
                    &text[start..end].trim()
                ))
                .reason(format!(
                    "`{word}` repeated {} times among quotation marks",
                    last - k + 1
                )),
            );
            k = last + 1;
        } else {
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_applicability, assert_cases};

    #[test]
    fn lists_are_sorted() {
        assert!(NEVER_DOUBLED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn doubled_words() {
        assert_cases(
            &Repetition,
            &[
                ("said the the talks", "said the talks"),
                ("went to to Paris", "went to Paris"),
                // negatives
                ("He had had enough", "He had had enough"),
                ("that that is", "that that is"),
                ("in Walla Walla", "in Walla Walla"),
                ("The the talks", "The talks"),
                // At the start of a line after another.
                (
                    "He said so.\nThe the talks failed.",
                    "He said so.\nThe talks failed.",
                ),
                ("The The played", "The The played"),
                ("10 10", "10 10"),
            ],
        );
        assert_applicability(&Repetition, "a big big problem", Applicability::Suggest);
        assert_applicability(&Repetition, "said the the talks", Applicability::Suggest);
    }

    #[test]
    fn stutter_is_a_suggestion() {
        assert_applicability(
            &Repetition,
            "expensive exercise, “he”, he “, he”, he is expensive",
            Applicability::Suggest,
        );
        assert_cases(
            &Repetition,
            &[("He said he would, he said.", "He said he would, he said.")],
        );
    }
}
