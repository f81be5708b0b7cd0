//! `credits/…`: photo credit lines run into one (`Yves Herman Reuters`).
//!
//! Translated articles lose the separators of photo credits: the photographer's name and the
//! agencies end up in one run of words (`Hristo Rusev Getty Images News Getty images`). The
//! agencies come from the gazetteer; the agency casing itself is `names/case`'s business.

use super::{Context, Example, Rule, RuleMeta};
use crate::fixes::{Applicability, Finding};
use crate::gazetteer::Kind;
use crate::gazetteer::fold::fold;
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
            for line_end in memchr::memchr_iter(b'\n', &text.as_bytes()[segment.clone()])
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
fn agency_at(cx: &Context<'_>, text: &str, words: &[Range<usize>], at: usize) -> Option<usize> {
    for n in (1..=4).rev() {
        if at + n > words.len() {
            continue;
        }
        let name = fold(&text[words[at].start..words[at + n - 1].end]);
        let mut hits = Vec::new();
        cx.gazetteer.exact(&name, &mut hits);
        let agency = hits
            .iter()
            .filter_map(|h| cx.gazetteer.entity(h.entity))
            .any(|e| e.kind == Kind::Agency);
        if agency {
            return Some(n);
        }
    }
    None
}

fn check_line(cx: &Context<'_>, text: &str, line: Range<usize>, out: &mut Vec<Finding>) {
    let content = text[line.clone()].trim_end_matches('\r');
    let trimmed = content.trim();
    // Cheap rejections first: most lines of prose are no credit line.
    if trimmed.is_empty() || trimmed.len() > 100 || !trimmed.starts_with(char::is_uppercase) {
        return;
    }
    if trimmed.contains(['|', '/', ',', '.', ':', '(', '“', '"']) {
        return;
    }
    // Credit lines are names and agencies: every word but the last is capitalised.
    let mut parts = trimmed.split(' ').filter(|w| !w.is_empty()).peekable();
    let mut count = 0;
    while let Some(word) = parts.next() {
        count += 1;
        if count > 10 || (parts.peek().is_some() && !word.starts_with(char::is_uppercase)) {
            return;
        }
    }
    let offset = line.start + (content.len() - content.trim_start().len());
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut position = offset;
    for word in trimmed.split(' ') {
        if !word.is_empty() {
            words.push(position..position + word.len());
        }
        position += word.len() + 1;
    }
    if words.len() < 2
        || words.len() > 10
        || !text[words[0].clone()].starts_with(char::is_uppercase)
    {
        return;
    }
    // A credit line ends with an agency: check that first, it rules out almost every line.
    if !(1..=4.min(words.len() - 1))
        .any(|n| agency_at(cx, text, &words, words.len() - n) == Some(n))
    {
        return;
    }
    // The photographer: one to four words before the first agency.
    let Some(first_agency) =
        (1..=4.min(words.len() - 1)).find(|&p| agency_at(cx, text, &words, p).is_some())
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
        let Some(n) = agency_at(cx, text, &words, at) else {
            return;
        };
        let mut end = at + n;
        // One more word that is no agency of its own: `Getty Images News`.
        let extra_word = end < words.len()
            && agency_at(cx, text, &words, end).is_none()
            && text[words[end].clone()].starts_with(char::is_uppercase)
            && (end + 1 == words.len() || agency_at(cx, text, &words, end + 1).is_some());
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
