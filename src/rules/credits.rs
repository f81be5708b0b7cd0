//! `credits/…`: photo credit lines run into one (`Yves Herman Reuters`).
//!
//! Translated articles lose the separators of photo credits: the photographer's name and the
//! agencies end up in one run of words (`Hristo Rusev Getty Images News Getty images`). The
//! agencies come from the gazetteer; the agency casing itself is `names/case`'s business.

use super::{Context, Example, Rule, RuleMeta};
use crate::fixes::{Applicability, Finding};
use crate::gazetteer::fold::fold_into;
use crate::gazetteer::{Hit, Kind};
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

/// Distinct spellings a thread remembers as agencies or not (and distinct words as starts of
/// names or not).
const AGENCY_MEMO_LIMIT: usize = 100_000;

/// What a thread remembers of its agency lookups.
#[derive(Default)]
struct AgencyMemo {
    /// The [`Gazetteer::id`](crate::gazetteer::Gazetteer::id) the answers are for.
    gazetteer: u64,
    /// Whether a run of words names an agency, by spelling: credit-like lines (`Nine mths`,
    /// `Pay April 30`) repeat, and each needs several lookups.
    agencies: FxHashMap<Box<str>, bool>,
    /// Whether a folded word starts a multi-word name: headlines in capitals repeat their
    /// words in new runs.
    starters: FxHashMap<Box<str>, bool>,
    /// The folded spelling of the latest lookup, kept so that a lookup allocates nothing of
    /// its own.
    folded: String,
    /// The gazetteer hits of the latest lookup.
    hits: Vec<Hit>,
}

thread_local! {
    static AGENCY_MEMO: RefCell<AgencyMemo> = RefCell::default();
}

/// True when `surface` is the name of a news or photo agency in the gazetteer.
pub(super) fn is_agency(cx: &Context<'_>, surface: &str) -> bool {
    AGENCY_MEMO.with(|memo| {
        let memo = &mut *memo.borrow_mut();
        let id = cx.gazetteer.id();
        if memo.gazetteer != id {
            memo.gazetteer = id;
            memo.agencies.clear();
            memo.starters.clear();
        }
        if let Some(&agency) = memo.agencies.get(surface) {
            return agency;
        }
        let AgencyMemo {
            agencies,
            starters,
            folded,
            hits,
            ..
        } = memo;
        fold_into(surface, folded);
        // Every key of several words starts with a word the gazetteer lists as the start of
        // a multi-word name: most runs of capitalised words (`BAHIA COCOA REVIEW`) start
        // none, which a look-up of the short first word tells before the whole run is
        // searched for.
        let agency = match folded.split_once(' ') {
            Some((first, _)) if !starts_name(cx, starters, first) => false,
            _ => {
                hits.clear();
                cx.gazetteer.exact(folded, hits);
                hits.iter()
                    .filter_map(|h| cx.gazetteer.entity(h.entity))
                    .any(|e| e.kind == Kind::Agency)
            }
        };
        if agencies.len() >= AGENCY_MEMO_LIMIT {
            agencies.clear();
        }
        agencies.insert(surface.into(), agency);
        agency
    })
}

/// True when the folded word `first` starts a multi-word name in the gazetteer, remembered in
/// `starters`. (The gazetteer's starter set, not its hashed copy, which would be built for
/// this alone where the names rule is not run.)
fn starts_name(cx: &Context<'_>, starters: &mut FxHashMap<Box<str>, bool>, first: &str) -> bool {
    if let Some(&starts) = starters.get(first) {
        return starts;
    }
    let starts = cx.gazetteer.is_starter(first);
    if starters.len() >= AGENCY_MEMO_LIMIT {
        starters.clear();
    }
    starters.insert(first.into(), starts);
    starts
}

/// The number of words from `words[at..]` that form an agency's name, if they do.
fn agency_at(cx: &Context<'_>, text: &str, words: &[Range<usize>], at: usize) -> Option<usize> {
    (1..=4).rev().find(|&n| {
        at + n <= words.len() && is_agency(cx, &text[words[at].start..words[at + n - 1].end])
    })
}

/// How much of a line [`may_be_credit_line`] is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extent {
    /// The trimmed line: the answer is exact.
    Trimmed,
    /// The line from its first capital (where the trimmed line starts) to its end, whitespace
    /// at the end included: `false` only where the trimmed line gives `false` too.
    Untrimmed,
}

/// Rules out almost every line of prose cheaply: a credit line has at most 10 words, every
/// word but the last starts with a capital (the words are reached from space to space), and
/// it has no separators or sentence punctuation. `line` starts with a capital.
///
/// One pass over the bytes, left as soon as either test fails: prose fails on its second or
/// third word. The answer is the same whichever test fails first. Given an untrimmed line, a
/// test that fails at a space counts only where the line goes on after it (the first byte
/// after the spaces there is ASCII and no whitespace), and the answer is `true` where it may
/// not: the space may be trailing whitespace, which the trimmed line does not have.
fn may_be_credit_line(line: &str, extent: Extent) -> bool {
    let bytes = line.as_bytes();
    // The space at `at` lies inside the trimmed line (always so in a trimmed line).
    let inside = |at: usize| {
        extent == Extent::Trimmed
            || bytes[at + 1..]
                .iter()
                .find(|&&b| b != b' ')
                .is_some_and(|&b| b > b' ' && b < 0x80)
    };
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
                    return !inside(at);
                }
                let Some(&next) = bytes.get(at + 1) else {
                    break;
                };
                if next == b' ' {
                    continue;
                }
                words += 1;
                if words > 10 {
                    return !inside(at);
                }
                small_word = !if next < 0x80 {
                    next.is_ascii_uppercase()
                } else {
                    line[at + 1..].starts_with(char::is_uppercase)
                };
            }
        }
    }
    true
}

/// True when the untrimmed line `line` of `bytes`, which starts with a capital, is surely no
/// credit line, as its first 32 bytes tell at once (see [`crate::scan::byte_kinds`]): they
/// hold a separator or sentence mark, or a word that starts with a visible ASCII byte that
/// is no capital and has another such word after it (so the space between lies inside the
/// trimmed line). False says nothing: [`may_be_credit_line`] decides.
fn surely_no_credit(bytes: &[u8], line: Range<usize>) -> bool {
    let Some(kinds) = crate::scan::byte_kinds(bytes, line.start, *FORBIDDEN_BYTES) else {
        return false;
    };
    let len = line.len();
    let in_line = if len >= 32 { u32::MAX } else { (1 << len) - 1 };
    if kinds.listed & in_line != 0 {
        return true;
    }
    // Words start after a space, on a byte that is no space; these start on a visible byte.
    let starts = (kinds.spaces << 1) & kinds.visible & in_line;
    let small = starts & !kinds.capitals;
    if small == 0 {
        return false;
    }
    starts & (u32::MAX << small.trailing_zeros() << 1) != 0
}

/// [`CREDIT_BYTE`]: a byte [`may_be_credit_line`] passes over.
const ORDINARY: u8 = 0;
/// [`CREDIT_BYTE`]: a separator or sentence mark no credit line has.
const FORBIDDEN: u8 = 1;
/// [`CREDIT_BYTE`]: the first byte of `“`.
const LEAD_E2: u8 = 2;
/// [`CREDIT_BYTE`]: the space between words.
const SPACE: u8 = 3;

/// The separators and sentence marks no credit line has.
const FORBIDDEN_BYTES: &[u8; 7] = b"|/,.:(\"";

/// What each byte is to [`may_be_credit_line`]: one table look-up per byte instead of a chain
/// of comparisons.
static CREDIT_BYTE: [u8; 256] = {
    let mut table = [ORDINARY; 256];
    let forbidden = FORBIDDEN_BYTES;
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
    // Most lines are decided on their first words, before any trimming: past the indent, a
    // line that starts with an ASCII byte that is no whitespace and no capital is no credit
    // line, and one that starts with a capital (where its trimmed form starts) is read up to
    // its first word in small letters that another word follows.
    let bytes = &text.as_bytes()[line.clone()];
    let indent = bytes.iter().take_while(|&&b| b == b' ').count();
    let Some(&first) = bytes.get(indent) else {
        // Blank: nothing is left after trimming.
        return;
    };
    // (`trim` also takes the vertical tab, which `is_ascii_whitespace` does not.)
    let whitespace = first.is_ascii_whitespace() || first == 0x0B;
    if first.is_ascii_uppercase() {
        let start = line.start + indent;
        if surely_no_credit(text.as_bytes(), start..line.end)
            || !may_be_credit_line(&text[start..line.end], Extent::Untrimmed)
        {
            return;
        }
    } else if first < 0x80 && !whitespace {
        return;
    }
    let content = text[line.clone()].trim_end_matches('\r');
    let trimmed = trim_whitespace(content);
    // Cheap rejections first: most lines of prose are no credit line.
    if trimmed.is_empty() || trimmed.len() > 100 || !trimmed.starts_with(char::is_uppercase) {
        return;
    }
    if !may_be_credit_line(trimmed, Extent::Trimmed) {
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

    #[test]
    fn a_line_surely_no_credit_is_none_on_the_slow_path_either() {
        // Lines with their ends trimmed or not, marks and small words early and late.
        let lines = [
            "Yves Herman Reuters",
            "Yves Herman Reuters   ",
            "Yves herman   ",
            "Yves herman Reuters",
            "Yves herman  Reuters \r",
            "Yves herman\tReuters",
            "Hristo Rusev Getty Images News Getty images",
            "Showers continued throughout the week in",
            "The dry period means the temporao will be late this year.",
            "BAHIA COCOA REVIEW",
            "Pay March 31",
            "Natl   Loan           Release   Call",
            "Comissaria Smith said there is still some doubt as to how",
            "A b",
            "A b c",
            "A Łukasz b c",
            "Reuters, AFP",
            "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve",
            "Yves Herman “Reuters”",
        ];
        for line in lines {
            // Room for the 32-byte look at the line's head.
            let text = format!("{line}\n{}", " ".repeat(40));
            let sure = surely_no_credit(text.as_bytes(), 0..line.len());
            let trimmed = trim_whitespace(line.trim_end_matches('\r'));
            let exact = may_be_credit_line(trimmed, Extent::Trimmed);
            let untrimmed = may_be_credit_line(line, Extent::Untrimmed);
            assert!(!(sure && exact), "{line:?}");
            assert!(untrimmed || !exact, "{line:?}");
        }
    }
}
