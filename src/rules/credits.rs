//! `credits/…`: photo credit lines run into one (`Yves Herman Reuters`).
//!
//! Translated articles lose the separators of photo credits: the photographer's name and the
//! agencies end up in one run of words (`Hristo Rusev Getty Images News Getty images`). The
//! agencies come from the gazetteer; the agency casing itself is `names/case`'s business.

use super::{Context, Example, Rule, RuleMeta};
use crate::fixes::{Applicability, Finding};
use crate::gazetteer::Kind;
use crate::gazetteer::fold::fold;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::ops::Range;

static SEPARATOR: RuleMeta = RuleMeta {
    id: "credits/separator",
    summary: "photo credit with the photographer and agencies run together",
    explanation: "Finds a line made only of a name and one or more news or photo agencies from \
        the gazetteer (`Yves Herman Reuters`, `Hristo Rusev Getty Images News Getty Images`) and \
        offers separators between them (`Yves Herman | Reuters`).",
    safety: "Only a suggestion: houses write credits in different ways (`/`, `|`, `via`).",
    examples: &[
        Example {
            before: "Yves Herman Reuters",
            after: "Yves Herman | Reuters",
        },
        Example {
            before: "Hristo Rusev Getty Images News Getty Images",
            after: "Hristo Rusev | Getty Images News | Getty Images",
        },
        Example {
            before: "Reuters reported that Yves Herman left",
            after: "Reuters reported that Yves Herman left",
        },
    ],
    priority: 30,
};

/// The credit-line check.
pub struct Credits;

impl Rule for Credits {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 1] = [&SEPARATOR];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        for segment in cx.doc.prose() {
            let mut start = segment.start;
            for line_end in crate::scan::byte_positions(&text.as_bytes()[segment.clone()], [b'\n'])
                .map(|i| segment.start + i)
                .chain(std::iter::once(segment.end))
            {
                let line = start..line_end;
                start = line_end + 1;
                check_line(cx, text, line, out);
            }
        }
    }
}

/// The number of words from `words[at..]` that form an agency's name, if they do.
/// Distinct spellings a thread remembers as agencies or not.
const AGENCY_MEMO_LIMIT: usize = 100_000;

thread_local! {
    /// Whether a run of words names an agency, by gazetteer and spelling: credit-like lines
    /// (`Nine mths`, `Pay April 30`) repeat, and each needs several lookups.
    static AGENCY_MEMO: RefCell<(u64, FxHashMap<Box<str>, bool>)> = RefCell::default();
}

/// True when `surface` is the name of a news or photo agency in the gazetteer.
pub(super) fn is_agency(cx: &Context<'_>, surface: &str) -> bool {
    let id = cx.gazetteer.id();
    let known = AGENCY_MEMO.with(|memo| {
        let memo = memo.borrow();
        (memo.0 == id)
            .then(|| memo.1.get(surface).copied())
            .flatten()
    });
    if let Some(agency) = known {
        return agency;
    }
    let mut hits = Vec::new();
    cx.gazetteer.exact(&fold(surface), &mut hits);
    let agency = hits
        .iter()
        .filter_map(|h| cx.gazetteer.entity(h.entity))
        .any(|e| e.kind == Kind::Agency);
    AGENCY_MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.0 != id || memo.1.len() >= AGENCY_MEMO_LIMIT {
            memo.0 = id;
            memo.1.clear();
        }
        memo.1.insert(surface.into(), agency);
    });
    agency
}

fn agency_at(cx: &Context<'_>, text: &str, words: &[Range<usize>], at: usize) -> Option<usize> {
    (1..=4).rev().find(|&n| {
        at + n <= words.len() && is_agency(cx, &text[words[at].start..words[at + n - 1].end])
    })
}

/// Rules out almost every line of prose cheaply: a credit line has at most 10 words, every
/// word but the last starts with a capital (the words are reached from space to space), and
/// it has no separators or sentence punctuation. `trimmed` starts with a capital.
///
/// One pass over the bytes, left as soon as either test fails: prose fails on its second or
/// third word. The answer is the same whichever test fails first.
fn may_be_credit_line(trimmed: &str) -> bool {
    let bytes = trimmed.as_bytes();
    let mut words = 1;
    // A word not starting with a capital was seen: the line passes only if it is the last.
    let mut small_word = false;
    for (at, &b) in bytes.iter().enumerate() {
        match CREDIT_BYTE[usize::from(b)] {
            ORDINARY => {}
            FORBIDDEN => return false,
            // `“` is E2 80 9C.
            LEAD_E2 => {
                if bytes[at + 1..].starts_with(&[0x80, 0x9C]) {
                    return false;
                }
            }
            _ => {
                // A space after a word in small letters: that word was not the last.
                if small_word {
                    return false;
                }
                let Some(&next) = bytes.get(at + 1) else {
                    break;
                };
                if next == b' ' {
                    continue;
                }
                words += 1;
                if words > 10 {
                    return false;
                }
                small_word = !if next < 0x80 {
                    next.is_ascii_uppercase()
                } else {
                    trimmed[at + 1..].starts_with(char::is_uppercase)
                };
            }
        }
    }
    true
}

/// [`CREDIT_BYTE`]: a byte [`may_be_credit_line`] passes over.
const ORDINARY: u8 = 0;
/// [`CREDIT_BYTE`]: a separator or sentence mark no credit line has.
const FORBIDDEN: u8 = 1;
/// [`CREDIT_BYTE`]: the first byte of `“`.
const LEAD_E2: u8 = 2;
/// [`CREDIT_BYTE`]: the space between words.
const SPACE: u8 = 3;

/// What each byte is to [`may_be_credit_line`]: one table look-up per byte instead of a chain
/// of comparisons.
static CREDIT_BYTE: [u8; 256] = {
    let mut table = [ORDINARY; 256];
    let forbidden = b"|/,.:(\"";
    let mut k = 0;
    while k < forbidden.len() {
        table[forbidden[k] as usize] = FORBIDDEN;
        k += 1;
    }
    table[0xE2] = LEAD_E2;
    table[b' ' as usize] = SPACE;
    table
};

/// `text.trim()`, with ASCII ends stripped byte by byte: `str::trim` decodes every character
/// it looks at. Where a non-ASCII byte is left at an end, `str::trim` finishes the job (it may
/// be a Unicode space), so the result is always `text.trim()`.
fn trim_whitespace(text: &str) -> &str {
    // The ASCII characters `char::is_whitespace` accepts: tab, line feed, vertical tab, form
    // feed, carriage return and space.
    let is_space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = text.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !is_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |i| i + 1);
    // `start` and `end` border ASCII bytes: both are char boundaries.
    let rest = &text[start..end];
    match (rest.as_bytes().first(), rest.as_bytes().last()) {
        (Some(&first), Some(&last)) if first >= 0x80 || last >= 0x80 => rest.trim(),
        _ => rest,
    }
}

fn check_line(cx: &Context<'_>, text: &str, line: Range<usize>, out: &mut Vec<Finding>) {
    // Most lines start with an ASCII byte that is no space and no capital: no credit line, and
    // no need to trim it to know.
    if let Some(&first) = text.as_bytes().get(line.start)
        && first < 0x80
        // (`trim` also takes the vertical tab, which `is_ascii_whitespace` does not.)
        && !(first.is_ascii_whitespace() || first == 0x0B)
        && !first.is_ascii_uppercase()
        && line.start < line.end
    {
        return;
    }
    let content = text[line.clone()].trim_end_matches('\r');
    let trimmed = trim_whitespace(content);
    // Cheap rejections first: most lines of prose are no credit line.
    if trimmed.is_empty() || trimmed.len() > 100 || !trimmed.starts_with(char::is_uppercase) {
        return;
    }
    if !may_be_credit_line(trimmed) {
        return;
    }
    let offset = line.start + (content.len() - content.trim_start().len());
    // At most 10 words: no allocation for them.
    let mut buffer: [Range<usize>; 10] = Default::default();
    let mut count = 0;
    let mut position = offset;
    for word in trimmed.split(' ') {
        if !word.is_empty() {
            let Some(slot) = buffer.get_mut(count) else {
                return;
            };
            *slot = position..position + word.len();
            count += 1;
        }
        position += word.len() + 1;
    }
    let words = &buffer[..count];
    if words.len() < 2 || !text[words[0].clone()].starts_with(char::is_uppercase) {
        return;
    }
    // A credit line ends with an agency: check that first, it rules out almost every line.
    if !(1..=4.min(words.len() - 1)).any(|n| {
        is_agency(
            cx,
            &text[words[words.len() - n].start..words[words.len() - 1].end],
        )
    }) {
        return;
    }
    // The photographer: one to four words before the first agency.
    let Some(first_agency) =
        (1..=4.min(words.len() - 1)).find(|&p| agency_at(cx, text, words, p).is_some())
    else {
        return;
    };
    if !words[..first_agency]
        .iter()
        .all(|w| text[w.clone()].starts_with(char::is_uppercase))
    {
        return;
    }
    let mut segments = Vec::with_capacity(4);
    segments.push(words[0].start..words[first_agency - 1].end);
    let mut at = first_agency;
    while at < words.len() {
        let Some(n) = agency_at(cx, text, words, at) else {
            return;
        };
        let mut end = at + n;
        // One more word that is no agency of its own: `Getty Images News`.
        let extra_word = end < words.len()
            && agency_at(cx, text, words, end).is_none()
            && text[words[end].clone()].starts_with(char::is_uppercase)
            && (end + 1 == words.len() || agency_at(cx, text, words, end + 1).is_some());
        if extra_word {
            end += 1;
        }
        segments.push(words[at].start..words[end - 1].end);
        at = end;
    }
    let replacement = segments
        .iter()
        .map(|s| &text[s.clone()])
        .collect::<Vec<_>>()
        .join(" | ");
    let span = segments[0].start..segments[segments.len() - 1].end;
    if replacement == text[span.clone()] {
        return;
    }
    out.push(
        Finding::fix(&SEPARATOR, span, &replacement, Applicability::Suggest, 0.6)
            .message(format!("photo credit run together: `{replacement}`"))
            .reason("a name followed only by news or photo agencies from the gazetteer"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn credit_lines() {
        assert_cases(
            &Credits,
            &[
                ("Yves Herman Reuters", "Yves Herman | Reuters"),
                (
                    "Hristo Rusev Getty Images News Getty images",
                    "Hristo Rusev | Getty Images News | Getty images",
                ),
                ("Photo Agency Staff AFP", "Photo Agency Staff | AFP"),
                // negatives
                ("Reuters reported on Monday", "Reuters reported on Monday"),
                ("Yves Herman/Reuters", "Yves Herman/Reuters"),
                ("NATO Command Structure", "NATO Command Structure"),
            ],
        );
    }
}
