//! `quotes/…`: quotation marks facing the wrong way, spaced on the wrong side, nested, or
//! glued to a possessive.
//!
//! Machine translation moves the space around a quotation mark (`existed, “said Roche` for
//! `existed,” said Roche`) and turns marks the wrong way (`adding:” Ukrainian`). A paragraph-level
//! state machine over “ ” pairs the marks: where the pairing and the mark's position agree
//! with one repair, it is made; where they do not, the mark is flagged. Straight quotes carry
//! no direction, so they are paired by order, and only in a paragraph where every mark stands
//! where its turn allows (hard-wrapped newswire splits quotations over lines); German `„` is
//! turned where it opens a quotation. Apostrophes (`Trump's`, `won't`, `’90s`,
//! `rock ’n’ roll`) are never taken for quotation marks.

use super::text::{char_at, char_before};
use super::{Context, Example, Rule, RuleMeta};
use crate::document::Format;
use crate::fixes::{Applicability, Finding};
use std::ops::Range;

static DIRECTION: RuleMeta = RuleMeta {
    id: "quotes/direction",
    summary: "quotation mark facing the wrong way or on the wrong side of a space",
    explanation: "Pairs the curly double quotation marks of each paragraph. A mark that the \
        pairing needs to close a quotation but that opens the next word (`existed, “said Roche`) \
        is moved before the space and turned (`existed,” said Roche`); a mark that must open a \
        quotation but closes the previous word (`adding:” Ukrainian`) is moved after the space \
        and turned (`adding: “Ukrainian`); a quotation left open at the end of a paragraph by an \
        opening mark after the last sentence (`problem of Europe. “`) is closed. Straight marks \
        are paired by order where every mark of the paragraph agrees (`give in, \"said` → \
        `give in,\" said`), and a German opening mark `„` becomes `“`.",
    safety: "Safe where the pairing and the words around the mark agree: a closing mark \
        followed by an attribution (`said`, `Blain said`), an opening mark followed by a word \
        and later closed. Anything else is flagged for review, never guessed.",
    examples: &[
        Example {
            before: "“It is as if it never existed, “said David Roche.",
            after: "“It is as if it never existed,” said David Roche.",
        },
        Example {
            before: "Blain said, adding:” Ukrainian peace will be a problem of Europe. “",
            after: "Blain said, adding: “Ukrainian peace will be a problem of Europe.”",
        },
        Example {
            before: "\"We will not give in, \"said Zelensky.",
            after: "\"We will not give in,\" said Zelensky.",
        },
        Example {
            before: "“We saw it earlier,” said Kallas, adding that “he won't stop.”",
            after: "“We saw it earlier,” said Kallas, adding that “he won't stop.”",
        },
    ],
    priority: 60,
};

static SPACING: RuleMeta = RuleMeta {
    id: "quotes/spacing",
    summary: "space between a quotation mark and the words it encloses",
    explanation: "Finds a closing quotation mark standing alone between spaces after a full \
        stop, question or exclamation mark, or after a comma inside a quotation \
        (`expensive exercise. ” He said`), and joins it to the sentence it closes \
        (`expensive exercise.” He said`); a stray space after an opening mark (`“ We will`), where \
        the next mark closes the quotation, goes, and so does one before its closing mark after \
        a word (`“ historic ”`). Straight marks spaced inside a pair that the \
        paragraph's marks make certain (`a \" historic moment \" for`) are joined to the words \
        they enclose, and a closing mark glued to the next sentence or word (`intimidated.”He \
        added`, `a good day for Europe\"and praised`) gets its space, as does an opening mark glued to the sentence before it where the next \
        mark closes its quotation (`the meeting.“ The situation` → `the meeting. “The \
        situation`, `He was clear.“The` → `He was clear. “The`).",
    safety: "Safe: a closing mark never stands alone after sentence punctuation in English, \
        and straight marks are joined only where every mark of the paragraph pairs.",
    examples: &[
        Example {
            before: "it is an expensive exercise. ” He said",
            after: "it is an expensive exercise.” He said",
        },
        Example {
            before: "He called it a \" historic moment \" for Europe.",
            after: "He called it a \"historic moment\" for Europe.",
        },
        Example {
            before: "he said: “ We will see. ”",
            after: "he said: “We will see.”",
        },
        Example {
            before: "“We will see,” he said, and “ ” was all.",
            after: "“We will see,” he said, and “ ” was all.",
        },
    ],
    priority: 55,
};

static NESTED: RuleMeta = RuleMeta {
    id: "quotes/nested",
    summary: "double quotation marks inside a quotation",
    explanation: "Finds a quotation inside a quotation written with double marks \
        (`“It is as if “Ironclad's commitment” never existed”`) and offers single marks for the \
        inner one, as English style wants.",
    safety: "Only a suggestion: the inner marks may also be a misplaced end of the outer \
        quotation.",
    examples: &[
        Example {
            before: "“It is as if “Ironclad commitment” never existed,” he said.",
            after: "“It is as if ‘Ironclad commitment’ never existed,” he said.",
        },
        Example {
            before: "“It is as if ‘Ironclad commitment’ never existed,” he said.",
            after: "“It is as if ‘Ironclad commitment’ never existed,” he said.",
        },
    ],
    priority: 30,
};

static POSSESSIVE: RuleMeta = RuleMeta {
    id: "quotes/possessive",
    summary: "possessive `’s` separated from its word",
    explanation: "Finds a possessive ending split off by a space (`Scholz ‘s plan`, `Scholz ’s \
        plan`) and joins it with an apostrophe (`Scholz’s plan`).",
    safety: "Safe: `’s` after a space is never a word of its own.",
    examples: &[
        Example {
            before: "Chancellor Scholz ‘s plan",
            after: "Chancellor Scholz’s plan",
        },
        Example {
            before: "rock ’n’ roll in the ’90s, Trump's plan",
            after: "rock ’n’ roll in the ’90s, Trump's plan",
        },
    ],
    priority: 50,
};

static APOSTROPHE: RuleMeta = RuleMeta {
    id: "quotes/apostrophe",
    summary: "accent or opening quote written for an apostrophe inside a word",
    explanation: "Finds an acute accent (`´`) between two letters, or an opening single quote \
        (`‘`) or a backtick before the ending of a contraction or possessive (`don‘t`, \
        `Russia`s`), where machine translation and keyboard layouts put them for an \
        apostrophe, and writes the apostrophe the document uses: `’` where it has curly \
        apostrophes or quotation marks, `'` where they are straight.",
    safety: "Safe: an accent standing alone between two letters is never a letter of a word, \
        and an opening quote or backtick never ends a word before `s`, `t`, `re`, `ll`, `ve`, \
        `d` or `m`.",
    examples: &[
        Example {
            before: "“That´s the highest value since Russia´s invasion.”",
            after: "“That’s the highest value since Russia’s invasion.”",
        },
        Example {
            before: "We don‘t know.",
            after: "We don’t know.",
        },
        Example {
            before: "the ‘rock’ and Jos´ café",
            after: "the ‘rock’ and Jos´ café",
        },
    ],
    priority: 50,
};

static UNPAIRED: RuleMeta = RuleMeta {
    id: "quotes/unpaired",
    summary: "quotation mark that cannot be paired",
    explanation: "Flags a curly double quotation mark that neither opens nor closes a \
        quotation in its paragraph and whose repair is not clear: glued between two words, or \
        closing a quotation that was never opened.",
    safety: "A flag only: the right repair depends on what was quoted.",
    examples: &[
        Example {
            before: "The plan” was rejected.",
            after: "The plan” was rejected.",
        },
        Example {
            before: "He called it “unrealistic”.",
            after: "He called it “unrealistic”.",
        },
    ],
    priority: 10,
};

static STRAIGHT: RuleMeta = RuleMeta {
    id: "quotes/straight",
    summary: "straight quotation mark or apostrophe (house style: curly)",
    explanation: "When the house style asks for curly quotes (`[style] curly-quotes = true` or \
        `--curly-quotes`; the examples show it switched on), turns paired straight double quotes into “ ” and apostrophes inside or \
        after words into ’. Off by default: many publications keep straight quotes.",
    safety: "Safe when switched on: double quotes are only turned where a paragraph pairs them \
        evenly, apostrophes only between or after letters; single quotes used as quotation \
        marks are left alone.",
    examples: &[
        Example {
            before: "He said \"it's over\" and left.",
            after: "He said “it’s over” and left.",
        },
        Example {
            before: "He said “it’s over” and left.",
            after: "He said “it’s over” and left.",
        },
    ],
    priority: 20,
};

/// The quotation-mark checks; one pass reports under every `quotes/…` id.
pub struct Quotes;

impl Rule for Quotes {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 7] = [
            &DIRECTION,
            &SPACING,
            &NESTED,
            &POSSESSIVE,
            &APOSTROPHE,
            &UNPAIRED,
            &STRAIGHT,
        ];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        // Only paragraphs with curly double quotes need the pairing: find the marks first.
        let bytes = text.as_bytes();
        let mut done_until = 0;
        for at in memchr::memmem::find_iter(bytes, b"\xE2\x80") {
            if at < done_until || !matches!(bytes.get(at + 2), Some(0x9C..=0x9E)) {
                continue;
            }
            let Some(paragraph) = paragraph_around(cx, at) else {
                continue;
            };
            done_until = paragraph.end;
            pair_marks(text, paragraph, out);
        }
        // Straight double quotes: only paragraphs that have them are paired.
        let mut done_until = 0;
        for at in memchr::memchr_iter(b'"', bytes) {
            if at < done_until {
                continue;
            }
            let Some(paragraph) = paragraph_around(cx, at) else {
                continue;
            };
            done_until = paragraph.end;
            pair_straight(text, paragraph, out);
        }
        possessives(text, out);
        accent_apostrophes(text, out);
        if cx.options.curly_quotes {
            for paragraph in paragraphs(cx) {
                straight_to_curly(text, paragraph, out);
            }
        }
    }
}

/// Curly replacements for the straight quotes of one paragraph (house style).
fn straight_to_curly(text: &str, paragraph: Range<usize>, out: &mut Vec<Finding>) {
    let bytes = &text.as_bytes()[paragraph.clone()];
    let doubles: Vec<usize> = memchr::memchr_iter(b'"', bytes)
        .map(|i| paragraph.start + i)
        .collect();
    if doubles.len() % 2 == 0 {
        for (k, &at) in doubles.iter().enumerate() {
            let opening = k % 2 == 0;
            let before = if at > paragraph.start {
                char_before(text, at)
            } else {
                None
            };
            let fits = if opening {
                is_space(before) || before.is_some_and(|c| matches!(c, '(' | '[' | '—' | '–'))
            } else {
                !is_space(before)
            };
            if !fits {
                // Pairs that do not fall on word edges are left for a human.
                return;
            }
        }
        for (k, &at) in doubles.iter().enumerate() {
            let mark = if k % 2 == 0 { "“" } else { "”" };
            out.push(
                Finding::fix(&STRAIGHT, at..at + 1, mark, Applicability::Safe, 0.9)
                    .message(format!("straight quotation mark: `{mark}`"))
                    .reason("the house style asks for curly quotes"),
            );
        }
    }
    for at in memchr::memchr_iter(b'\'', bytes).map(|i| paragraph.start + i) {
        let before = char_before(text, at);
        let after = char_at(text, at + 1);
        let apostrophe = before.is_some_and(char::is_alphanumeric)
            && (after.is_some_and(char::is_alphabetic) || (before == Some('s') && is_space(after)));
        if apostrophe {
            out.push(
                Finding::fix(&STRAIGHT, at..at + 1, "’", Applicability::Safe, 0.9)
                    .message("straight apostrophe: `’`")
                    .reason("the house style asks for curly apostrophes"),
            );
        }
    }
}

/// Words that attribute a quotation: a closing mark before them ends the quotation.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "announced",
    "argued",
    "asked",
    "asks",
    "commented",
    "concluded",
    "continued",
    "declared",
    "explained",
    "insisted",
    "noted",
    "recalled",
    "replied",
    "said",
    "says",
    "stated",
    "stressed",
    "told",
    "tweeted",
    "warned",
    "writes",
    "wrote",
];

/// The paragraph (see [`paragraphs`]) holding byte `at`, if it is prose.
fn paragraph_around(cx: &Context<'_>, at: usize) -> Option<Range<usize>> {
    let segment = cx.doc.prose_segment_at(at)?;
    let bytes = cx.doc.text().as_bytes();
    let plain = cx.doc.format() == Format::Plain;
    let mut start = at;
    while start > segment.start {
        if bytes[start - 1] == b'\n'
            && (plain || start >= 2 && matches!(bytes[start - 2], b'\n' | b'\r'))
        {
            break;
        }
        start -= 1;
    }
    let mut end = at;
    while end < segment.end {
        if bytes[end] == b'\n'
            && (plain
                || bytes
                    .get(end + 1)
                    .is_none_or(|b| matches!(b, b'\n' | b'\r')))
        {
            break;
        }
        end += 1;
    }
    Some(start..end)
}

/// The paragraphs of the document's prose: lines in plain text (machine-translated articles
/// put one paragraph on a line), blank-line-separated blocks in Markdown.
fn paragraphs(cx: &Context<'_>) -> Vec<Range<usize>> {
    let text = cx.doc.text();
    let mut out = Vec::new();
    for segment in cx.doc.prose() {
        let mut start = segment.start;
        let bytes = text.as_bytes();
        for newline in
            memchr::memchr_iter(b'\n', &bytes[segment.clone()]).map(|i| segment.start + i)
        {
            let blank_next = bytes
                .get(newline + 1)
                .is_none_or(|b| *b == b'\n' || *b == b'\r');
            if cx.doc.format() == Format::Plain || blank_next {
                out.push(start..newline);
                start = newline + 1;
            }
        }
        out.push(start..segment.end);
    }
    out.retain(|p| p.start < p.end);
    out
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// When the words after byte `at` attribute a quotation (`said David Roche`, `Blain said`,
/// `said German defense minister`), the position of the speech verb among them.
fn attribution_follows(text: &str, at: usize, end: usize) -> Option<usize> {
    let words = text[at..end]
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .filter(|w| !w.is_empty())
        .take(4);
    for (index, word) in words.enumerate() {
        if SPEECH_VERBS
            .binary_search(&word.to_lowercase().as_str())
            .is_ok()
        {
            return Some(index);
        }
        // (A name, or a pronoun or article before the verb: `she wrote`, `the minister said`.)
        if !word.starts_with(char::is_uppercase)
            && !matches!(
                word,
                "he" | "she"
                    | "they"
                    | "we"
                    | "i"
                    | "it"
                    | "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
            )
        {
            return None;
        }
    }
    None
}

/// Runs the pairing state machine over one paragraph.
fn pair_marks(text: &str, paragraph: Range<usize>, out: &mut Vec<Finding>) {
    let bytes = &text.as_bytes()[paragraph.clone()];
    // “ is E2 80 9C and ” is E2 80 9D: find their shared prefix.
    let marks: Vec<(usize, bool)> = memchr::memmem::find_iter(bytes, b"\xE2\x80")
        .filter_map(|i| match bytes.get(i + 2) {
            Some(0x9C) => Some((paragraph.start + i, true)),
            Some(0x9D) => Some((paragraph.start + i, false)),
            // `„` (German style) opens like `“`: it is turned where it opens a quotation.
            Some(0x9E) => Some((paragraph.start + i, true)),
            _ => None,
        })
        .collect();
    if marks.is_empty() {
        return;
    }
    let mut depth = 0usize;
    let mut nested_open: Option<usize> = None;
    // The open quotation began with a stray space after its mark (`“ historic`).
    let mut spaced_open = false;
    for (index, &(at, opening_glyph)) in marks.iter().enumerate() {
        if depth == 0 {
            spaced_open = false;
        }
        let end = at + 3;
        let before = if at > paragraph.start {
            char_before(text, at)
        } else {
            None
        };
        let after = if end < paragraph.end {
            char_at(text, end)
        } else {
            None
        };
        let space_before =
            is_space(before) || before.is_some_and(|c| matches!(c, '(' | '[' | '—' | '–'));
        let space_after = is_space(after);
        let punct_after =
            after.is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']'));
        let later_mark = marks.len() > index + 1;
        if opening_glyph {
            match (space_before, space_after || punct_after) {
                // ` “word`: an opening position.
                (true, false) => {
                    let punctuation = before
                        .is_some_and(char::is_whitespace)
                        .then(|| char_before(text, at - 1))
                        .flatten()
                        .filter(|c| matches!(c, ',' | '.' | '?' | '!'));
                    let verb =
                        punctuation.and_then(|_| attribution_follows(text, end, paragraph.end));
                    // `, “said` or `, “Blain said` closes a quotation even when an earlier
                    // stray mark made the pairing think it closed already.
                    let certain = punctuation == Some(',') && verb.is_some_and(|v| v <= 1);
                    if verb.is_some() && (depth >= 1 || certain) {
                        // `existed, “said Roche`: the close of the quotation, moved.
                        let space = at - 1;
                        out.push(
                            Finding::fix(&DIRECTION, space..end, "” ", Applicability::Safe, 0.95)
                                .message(
                                    "closing quotation mark turned and moved after the space: `” `",
                                )
                                .reason("the quotation is open and an attribution follows"),
                        );
                        depth = depth.saturating_sub(1);
                    } else if depth == 0 {
                        if text[at..].starts_with('„') {
                            out.push(
                                Finding::fix(&DIRECTION, at..end, "“", Applicability::Safe, 0.9)
                                    .message("German opening quotation mark: `“`")
                                    .reason("English opens a quotation with a raised mark"),
                            );
                        }
                        depth = 1;
                    } else if depth == 1 {
                        depth = 2;
                        nested_open = Some(at);
                    } else {
                        out.push(unpaired(at, "a third level of quotation"));
                    }
                }
                // ` “ ` or ` “,` or a paragraph-final ` “`: a stray closing mark.
                (true, true) => {
                    if depth >= 1
                        && before.is_some_and(char::is_whitespace)
                        && at > paragraph.start + 1
                    {
                        let space = at - 1;
                        let previous = char_before(text, space);
                        if previous.is_some_and(|c| !c.is_whitespace()) {
                            out.push(
                                Finding::fix(
                                    &DIRECTION,
                                    space..end,
                                    "”",
                                    Applicability::Safe,
                                    0.93,
                                )
                                .message("quotation closed with an opening mark: `”`")
                                .reason("the quotation is open and this mark ends it"),
                            );
                            depth -= 1;
                            continue;
                        }
                    }
                    // `called it “ historic ”`, `he said. “ We have`: with no quotation open
                    // and the next mark a closing one, the space after the mark is stray.
                    let word_follows = after == Some(' ')
                        && char_at(text, end + 1).is_some_and(char::is_alphanumeric);
                    let closed_next = marks.get(index + 1).is_some_and(|&(_, opens)| !opens);
                    if depth == 0 && word_follows && closed_next {
                        out.push(
                            Finding::fix(&SPACING, end..end + 1, "", Applicability::Safe, 0.85)
                                .message("space after an opening quotation mark")
                                .reason(
                                    "no quotation is open, the next mark closes one, and a \
                                     quotation starts with its first word",
                                ),
                        );
                        depth = 1;
                        spaced_open = true;
                        continue;
                    }
                    out.push(unpaired(at, "an opening mark with nothing to open"));
                }
                // `word“ `: closing position with an opening glyph.
                (false, true) => {
                    if depth >= 1 {
                        out.push(
                            Finding::fix(&DIRECTION, at..end, "”", Applicability::Safe, 0.9)
                                .message("closing quotation mark written as opening: `”`")
                                .reason("the quotation is open and this mark ends a word"),
                        );
                        depth -= 1;
                    } else if let Some(fix) = straight_quotation_closed(text, &paragraph, at, end) {
                        out.push(fix);
                    } else if glued_after_punctuation(before)
                        && after == Some(' ')
                        && char_at(text, end + 1).is_some_and(char::is_alphanumeric)
                        && marks.get(index + 1).is_some_and(|&(_, opens)| !opens)
                    {
                        // `after the meeting.“ The situation … unacceptable.”`: no quotation is
                        // open, the next mark closes one, and the space is on the wrong side.
                        out.push(
                            Finding::fix(&SPACING, at..end + 1, " “", Applicability::Safe, 0.9)
                                .message("opening quotation mark moved after the space: ` “`")
                                .reason(
                                    "no quotation is open, the next mark closes one, and a \
                                     quotation starts with its first word",
                                ),
                        );
                        depth = 1;
                    } else {
                        out.push(unpaired(at, "an opening mark after a word"));
                    }
                }
                // `unrealistic.“He called`: with a quotation open, a mark after the end of a
                // sentence and before the next one closes the quotation and lost its space.
                (false, false)
                    if depth == 1
                        && before.is_some_and(|c| matches!(c, '.' | '!' | '?'))
                        && after.is_some_and(char::is_uppercase) =>
                {
                    out.push(
                        Finding::fix(&DIRECTION, at..end, "” ", Applicability::Safe, 0.9)
                            .message("closing quotation mark written as opening, glued to the next sentence: `” `")
                            .reason("the quotation is open, its sentence has ended and the next begins"),
                    );
                    depth = 0;
                }
                // `He was clear.“The situation …,” he said`: no quotation is open, the next
                // mark closes one: the mark opens it and lost the space before it.
                (false, false)
                    if depth == 0
                        && glued_after_punctuation(before)
                        && after.is_some_and(char::is_alphanumeric)
                        && marks.get(index + 1).is_some_and(|&(_, opens)| !opens) =>
                {
                    // (After a colon or comma the spacing rule inserts that space.)
                    if before.is_some_and(|c| matches!(c, '.' | '?' | '!')) {
                        out.push(
                            Finding::fix(&SPACING, at..at, " ", Applicability::Safe, 0.9)
                                .message("no space before an opening quotation mark")
                                .reason(
                                    "no quotation is open, the next mark closes one, and the \
                                     sentence before has ended",
                                ),
                        );
                    }
                    depth = 1;
                }
                (false, false) => out.push(unpaired(at, "a mark glued between two words")),
            }
        } else {
            match (space_before, space_after || punct_after) {
                // `word” `: a closing position.
                (false, true) => {
                    if depth >= 1 {
                        if depth == 2 {
                            if let Some(open) = nested_open.take() {
                                nested(open, at, out);
                            }
                        }
                        depth -= 1;
                    } else if space_after
                        && after.is_some()
                        && char_at(text, end + 1).is_some_and(char::is_alphabetic)
                        && later_mark
                        && attribution_follows(text, end, paragraph.end).is_none()
                    {
                        // `adding:” Ukrainian`: the opening mark, turned and moved.
                        let space_end = end + after.map_or(0, char::len_utf8);
                        out.push(
                            Finding::fix(&DIRECTION, at..space_end, " “", Applicability::Safe, 0.9)
                                .message(
                                    "opening quotation mark turned and moved after the space: ` “`",
                                )
                                .reason(
                                    "no quotation is open here and one starts with the next word",
                                ),
                        );
                        depth = 1;
                    } else {
                        out.push(unpaired(at, "a closing mark with no quotation open"));
                    }
                }
                // ` ” `: a closing mark standing alone.
                (true, true) => {
                    let space = at - usize::from(before.is_some_and(char::is_whitespace));
                    // (`ready, ” the minister said`: a comma before the space, with a
                    // quotation open, is the end of that quotation too.)
                    // (And after a word, where the quotation opened with a stray space too:
                    // `“ unrealistic ”`.)
                    // (And after a word, before punctuation, where it is the only mark left to
                    // close the open quotation: `“in the coming weeks ”, he added`.)
                    let only_closer = marks.get(index + 1).is_none_or(|&(_, opens)| opens);
                    let sentence_end = char_before(text, space).is_some_and(|c| {
                        matches!(c, '.' | '?' | '!')
                            || (c == ',' && depth >= 1)
                            || (spaced_open && depth == 1 && c.is_alphanumeric())
                            || (depth == 1 && punct_after && only_closer && c.is_alphanumeric())
                    });
                    if sentence_end && space < at {
                        out.push(
                            Finding::fix(&SPACING, space..at, "", Applicability::Safe, 0.95)
                                .message("space before a closing quotation mark")
                                .reason(
                                    "a closing mark follows its sentence's punctuation directly",
                                ),
                        );
                        depth = depth.saturating_sub(1);
                    } else {
                        out.push(unpaired(at, "a closing mark between spaces"));
                    }
                }
                // ` ”word`: an opening position with a closing glyph.
                (true, false) => {
                    let space = at - usize::from(before.is_some_and(char::is_whitespace));
                    let closes_quotation = space < at
                        && char_before(text, space)
                            .is_some_and(|c| matches!(c, ',' | '.' | '?' | '!'))
                        && attribution_follows(text, end, paragraph.end).is_some();
                    if depth >= 1 && closes_quotation {
                        // `turning point, ”said the minister`: the close, moved before the space.
                        out.push(
                            Finding::fix(&DIRECTION, space..end, "” ", Applicability::Safe, 0.93)
                                .message("closing quotation mark moved before the space: `” `")
                                .reason("the quotation is open and an attribution follows"),
                        );
                        depth -= 1;
                    } else if depth == 0 {
                        out.push(
                            Finding::fix(&DIRECTION, at..end, "“", Applicability::Safe, 0.9)
                                .message("opening quotation mark written as closing: `“`")
                                .reason("no quotation is open and this mark starts a word"),
                        );
                        depth = 1;
                    } else if depth == 1
                        && space < at
                        && char_before(text, space).is_some_and(char::is_alphanumeric)
                        && after.is_some_and(char::is_alphabetic)
                        && marks.get(index + 1).is_none_or(|&(_, opens)| opens)
                    {
                        // `the “Coalition of the Willing ”met`: the close of the open quotation
                        // (no closing mark follows to claim it), on the wrong side of the space.
                        out.push(
                            Finding::fix(&DIRECTION, space..end, "” ", Applicability::Safe, 0.85)
                                .message("closing quotation mark moved before the space: `” `")
                                .reason(
                                    "the quotation is open, no other mark closes it, and a \
                                     closing mark never starts a word",
                                ),
                        );
                        depth = 0;
                    } else {
                        out.push(unpaired(at, "a closing mark before a word"));
                    }
                }
                // `intimidated.”He added`: the close of a quotation glued to the next sentence.
                (false, false)
                    if depth >= 1
                        && before.is_some_and(|c| matches!(c, '.' | '?' | '!' | ','))
                        && after.is_some_and(char::is_alphabetic) =>
                {
                    out.push(
                        Finding::fix(&SPACING, end..end, " ", Applicability::Safe, 0.9)
                            .message("no space after a closing quotation mark")
                            .reason(
                                "the quotation ends with its punctuation; the next word is apart",
                            ),
                    );
                    if depth == 2 {
                        if let Some(open) = nested_open.take() {
                            nested(open, at, out);
                        }
                    }
                    depth -= 1;
                }
                (false, false) => out.push(unpaired(at, "a mark glued between two words")),
            }
        }
    }
}

/// True when `before` (the character before a quotation mark) ends a sentence or introduces a
/// quotation (`.`, `?`, `!`, `:`, `,`): an opening mark glued to it has lost the space before it.
fn glued_after_punctuation(before: Option<char>) -> bool {
    before.is_some_and(|c| matches!(c, '.' | '?' | '!' | ':' | ','))
}

/// Where a straight double quote stands between its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StraightPosition {
    /// ` "word`: where a quotation opens.
    Opening,
    /// `word" ` or `word".`: where a quotation closes.
    Closing,
    /// `added:" Ukraine`: an opening mark glued to the colon before it.
    AfterColon,
    /// ` " `, or ` "` at the end of the paragraph: a mark between spaces.
    Spaced,
    /// `word"word`: glued between two words.
    Glued,
}

/// Pairs the straight double quotes of one paragraph and repairs the spaces machine
/// translation moved around them: `in, "said` → `in," said`, `added:" Ukraine` →
/// `added: "Ukraine`, `systems. "` → `systems."`, `a " historic moment "` → `a "historic
/// moment"`. Straight quotes carry no direction, so the pairing is by order alone; it is
/// trusted only when the paragraph has an even number of marks and every mark stands where its
/// turn (opening or closing) allows, as text wrapped at a fixed width splits quotations over
/// lines and would pair them wrongly.
fn pair_straight(text: &str, paragraph: Range<usize>, out: &mut Vec<Finding>) {
    let bytes = &text.as_bytes()[paragraph.clone()];
    let marks: Vec<usize> = memchr::memchr_iter(b'"', bytes)
        .map(|i| paragraph.start + i)
        .collect();
    if marks.is_empty() || marks.len() % 2 != 0 {
        return;
    }
    let position = |at: usize| {
        let before = (at > paragraph.start)
            .then(|| char_before(text, at))
            .flatten();
        let after = (at + 1 < paragraph.end)
            .then(|| char_at(text, at + 1))
            .flatten();
        let open_before =
            is_space(before) || before.is_some_and(|c| matches!(c, '(' | '[' | '—' | '–'));
        let ends_after = is_space(after)
            || after.is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']'));
        match (open_before, ends_after) {
            (true, false) => StraightPosition::Opening,
            (false, true) if before == Some(':') && after == Some(' ') => {
                StraightPosition::AfterColon
            }
            (false, true) => StraightPosition::Closing,
            (true, true) => StraightPosition::Spaced,
            (false, false) => StraightPosition::Glued,
        }
    };
    let mut fixes: Vec<(Range<usize>, &str, &'static RuleMeta, &str)> = Vec::new();
    for pair in marks.chunks(2) {
        let (open, close) = (pair[0], pair[1]);
        let (open_at, close_at) = (position(open), position(close));
        let space_before_close = close > paragraph.start && text.as_bytes()[close - 1] == b' ';
        let before_space = space_before_close
            .then(|| char_before(text, close - 1))
            .flatten();
        let open_fix = match open_at {
            StraightPosition::Opening => None,
            // `added:" Ukraine`: the mark goes after the space.
            StraightPosition::AfterColon
                if char_at(text, open + 2).is_some_and(char::is_alphanumeric) =>
            {
                Some((
                    open..open + 2,
                    " \"",
                    &DIRECTION,
                    "opening quotation mark moved after the space",
                ))
            }
            // `said:"We`: a space goes before the mark.
            StraightPosition::Glued
                if open > paragraph.start
                    && text.as_bytes()[open - 1] == b':'
                    && char_at(text, open + 1).is_some_and(char::is_alphanumeric) =>
            {
                Some((
                    open..open,
                    " ",
                    &SPACING,
                    "no space before an opening quotation mark",
                ))
            }
            // `a " historic`: the space after the mark goes.
            StraightPosition::Spaced
                if text.as_bytes().get(open + 1) == Some(&b' ')
                    && char_at(text, open + 2).is_some_and(char::is_alphanumeric)
                    && open > paragraph.start
                    && text.as_bytes()[open - 1] == b' ' =>
            {
                Some((
                    open..open + 2,
                    "\"",
                    &SPACING,
                    "space after an opening quotation mark",
                ))
            }
            _ => return,
        };
        let close_fix = match close_at {
            StraightPosition::Closing => None,
            // `give in, "said Zelensky`: the mark goes before the space. So it does in `the
            // "Frankfurter Allgemeine Zeitung "he said`, after a word and before a word in
            // small letters. (Without the attribution such a mark as often opens a quotation
            // inside the first: `"The old adage is "sell in May …'`.)
            StraightPosition::Opening
                if (before_space.is_some_and(|c| matches!(c, ',' | '.' | '?' | '!'))
                    || before_space.is_some_and(char::is_alphanumeric)
                        && char_at(text, close + 1).is_some_and(char::is_lowercase))
                    && attribution_follows(text, close + 1, paragraph.end).is_some() =>
            {
                Some((
                    close - 1..close + 1,
                    "\" ",
                    &DIRECTION,
                    "closing quotation mark moved before the space",
                ))
            }
            // `intimidated."He added`: a space goes after the mark.
            StraightPosition::Glued
                if close > paragraph.start
                    && matches!(text.as_bytes()[close - 1], b'.' | b'?' | b'!' | b',')
                    && char_at(text, close + 1).is_some_and(char::is_alphabetic) =>
            {
                Some((
                    close + 1..close + 1,
                    " ",
                    &SPACING,
                    "no space after a closing quotation mark",
                ))
            }
            // `"a good day for Europe"and praised`: a quotation opened where a quotation
            // opens, closed glued to the next word (not a possessive `s`).
            StraightPosition::Glued
                if open_at == StraightPosition::Opening
                    && char_before(text, close).is_some_and(char::is_alphabetic)
                    && text[close + 1..]
                        .chars()
                        .take_while(|c| c.is_alphabetic())
                        .count()
                        >= 2 =>
            {
                Some((
                    close + 1..close + 1,
                    " ",
                    &SPACING,
                    "no space after a closing quotation mark",
                ))
            }
            // `systems. "` or `moment " .`: the space before the mark goes. (So it does in
            // `"unacceptable ".`: a mark before punctuation opens nothing.)
            StraightPosition::Spaced
                if before_space.is_some_and(|c| matches!(c, '.' | '?' | '!' | ','))
                    || (open_fix.is_some() && before_space.is_some_and(char::is_alphanumeric))
                    || (before_space.is_some_and(char::is_alphanumeric)
                        && char_at(text, close + 1)
                            .is_some_and(|c| matches!(c, '.' | ',' | ';' | ':' | '?' | '!'))) =>
            {
                Some((
                    close - 1..close + 1,
                    "\"",
                    &SPACING,
                    "space before a closing quotation mark",
                ))
            }
            _ => return,
        };
        fixes.extend(open_fix);
        fixes.extend(close_fix);
    }
    for (span, replacement, rule, message) in fixes {
        out.push(
            Finding::fix(rule, span, replacement, Applicability::Safe, 0.9)
                .message(match replacement.trim() {
                    "" => message.to_owned(),
                    mark => format!("{message}: `{mark}`"),
                })
                .reason("the straight quotation marks of the paragraph pair up only so"),
        );
    }
}

/// `"We cannot afford it,“ said Merz`: a quotation opened with a straight mark (the paragraph's
/// only one before) and closed with a curly opening mark after a word, an attribution after
/// it. The close is written as the open is: a straight mark.
fn straight_quotation_closed(
    text: &str,
    paragraph: &Range<usize>,
    at: usize,
    end: usize,
) -> Option<Finding> {
    let before = &text.as_bytes()[paragraph.start..at];
    let mut straight = memchr::memchr_iter(b'"', before);
    let open = straight.next()?;
    if straight.next().is_some()
        || !char_at(text, paragraph.start + open + 1).is_some_and(char::is_alphanumeric)
        || !matches!(char_before(text, at), Some(',' | '.' | '?' | '!'))
        || attribution_follows(text, end, paragraph.end).is_none()
    {
        return None;
    }
    Some(
        Finding::fix(&DIRECTION, at..end, "\"", Applicability::Safe, 0.85)
            .message("closing quotation mark written as a curly opening one: `\"`")
            .reason("a straight mark opened the quotation and an attribution follows its close"),
    )
}

fn unpaired(at: usize, why: &str) -> Finding {
    Finding::flag(&UNPAIRED, at..at + 3, 0.5)
        .message("quotation mark that cannot be paired")
        .reason(format!("{why}; check what was quoted"))
}

/// Suggests single marks for a quotation nested in another.
fn nested(open: usize, close: usize, out: &mut Vec<Finding>) {
    for (at, replacement) in [(open, "‘"), (close, "’")] {
        out.push(
            Finding::fix(
                &NESTED,
                at..at + 3,
                replacement,
                Applicability::Suggest,
                0.6,
            )
            .message(format!("quotation inside a quotation: `{replacement}`"))
            .reason("English marks a quotation within a quotation with single marks"),
        );
    }
}

/// `Scholz ‘s` and `Scholz ’s` → `Scholz’s`.
/// Endings after an apostrophe: contractions and the possessive (`don't`, `they're`, `I'm`).
const APOSTROPHE_ENDINGS: [&str; 7] = ["s", "t", "re", "ll", "ve", "d", "m"];

/// Accents, opening single quotes and backticks written for an apostrophe inside a word
/// (`That´s`, `don‘t`, `Russia`s`): see [`APOSTROPHE`].
fn accent_apostrophes(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    // `´` is C2 B4, `‘` is E2 80 98; the backtick is one byte.
    let mut apostrophe: Option<char> = None;
    for at in memchr::memchr3_iter(b'\xC2', b'\xE2', b'`', bytes) {
        let width = match (bytes[at], bytes.get(at + 1), bytes.get(at + 2)) {
            (0xC2, Some(0xB4), _) => 2,
            (0xE2, Some(0x80), Some(0x98)) => 3,
            (b'`', _, _) => 1,
            _ => continue,
        };
        let accent = width == 2;
        if !char_before(text, at).is_some_and(char::is_alphabetic) {
            continue;
        }
        let after = &text[at + width..];
        let letters = after
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(after.len());
        if letters == 0 {
            continue;
        }
        let ending = &after[..letters];
        if !accent && !APOSTROPHE_ENDINGS.contains(&ending) {
            continue;
        }
        let apostrophe = *apostrophe.get_or_insert_with(|| super::text::document_apostrophe(text));
        out.push(
            Finding::fix(
                &APOSTROPHE,
                at..at + width,
                apostrophe.to_string(),
                Applicability::Safe,
                0.95,
            )
            .message(format!(
                "`{}` written for an apostrophe",
                &text[at..at + width]
            ))
            .reason(if accent {
                "an accent standing alone between two letters is an apostrophe"
            } else {
                "a contraction or possessive ending follows"
            }),
        );
    }
}

fn possessives(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    // `Russia 's economy`: the straight apostrophe, kept straight. (Not `the letter 's'`: a
    // quotation mark or apostrophe after the `s` makes it a quoted letter.)
    for at in memchr::memmem::find_iter(bytes, b" 's") {
        let after = bytes.get(at + 3).copied();
        let ends_word = after
            .is_none_or(|b| !b.is_ascii_alphanumeric() && !matches!(b, b'\'' | b'"') && b < 0x80);
        let word_before = char_before(text, at).is_some_and(char::is_alphabetic);
        if ends_word && word_before {
            out.push(
                Finding::fix(&POSSESSIVE, at..at + 3, "'s", Applicability::Safe, 0.95)
                    .message("possessive split from its word: `'s`")
                    .reason("`'s` after a space is never a word of its own"),
            );
        }
    }
    for at in memchr::memmem::find_iter(bytes, b"\xE2\x80") {
        if !matches!(bytes.get(at + 2), Some(0x98 | 0x99)) || at == 0 || bytes[at - 1] != b' ' {
            continue;
        }
        let after = &text[at + 3..];
        let ends_word = after.starts_with('s') && !after[1..].starts_with(char::is_alphanumeric);
        let word_before = at >= 2 && char_before(text, at - 1).is_some_and(char::is_alphabetic);
        if ends_word && word_before {
            out.push(
                Finding::fix(&POSSESSIVE, at - 1..at + 4, "’s", Applicability::Safe, 0.95)
                    .message("possessive split from its word: `’s`")
                    .reason("`’s` after a space is never a word of its own"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_cases, findings};

    #[test]
    fn speech_verbs_are_sorted() {
        assert!(SPEECH_VERBS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn seed_quotes_are_repaired() {
        assert_cases(
            &Quotes,
            &[
                (
                    "“It knocked on. It is as if it never existed, “said David Roche, a strategist.",
                    "“It knocked on. It is as if it never existed,” said David Roche, a strategist.",
                ),
                (
                    "“Europe is a problem of Europe. The moment Europe needs, “Blain said, adding:” Ukrainian peace will be a problem of Europe. “",
                    "“Europe is a problem of Europe. The moment Europe needs,” Blain said, adding: “Ukrainian peace will be a problem of Europe.”",
                ),
                (
                    "“There is no betrayal there. They are interested in peace, “said HegeSeth, adding that the conversations” will require both sides that they do not want. “",
                    "“There is no betrayal there. They are interested in peace,” said HegeSeth, adding that the conversations “will require both sides that they do not want.”",
                ),
                (
                    "“This is regrettable. The administration established it before negotiations began, “said German defense minister Boris Pistorius.",
                    "“This is regrettable. The administration established it before negotiations began,” said German defense minister Boris Pistorius.",
                ),
                (
                    "and it is expensive exercise. ” He said in the comments",
                    "and it is expensive exercise.” He said in the comments",
                ),
                // The closing mark on the wrong side of the space.
                (
                    "“This is a turning point, ”said the minister.",
                    "“This is a turning point,” said the minister.",
                ),
                // (A pronoun or article before the verb attributes it too.)
                (
                    "“This is a dark day for Europe, ”she wrote on X.",
                    "“This is a dark day for Europe,” she wrote on X.",
                ),
            ],
        );
        // A quotation closed on a line whose opening mark is on the line before (newswire
        // wrapped at 70 columns) is no opening mark turned: at most it is flagged.
        let wrapped = "“Our reforms cut costs by 65 to\n70 pct,” he told reporters. “I am sure";
        assert_eq!(crate::rules::testing::fixed(&Quotes, wrapped), wrapped);
    }

    #[test]
    fn straight_quotes_are_repaired_where_their_pairing_is_certain() {
        assert_cases(
            &Quotes,
            &[
                (
                    "\"We will not give in, \"said Zelensky in Kyiv.",
                    "\"We will not give in,\" said Zelensky in Kyiv.",
                ),
                (
                    "Blain said, adding:\" Ukraine will be a problem of Europe.\"",
                    "Blain said, adding: \"Ukraine will be a problem of Europe.\"",
                ),
                (
                    "\"We need more air defence systems. \" He left.",
                    "\"We need more air defence systems.\" He left.",
                ),
                (
                    "He called it a \" historic moment \" for Europe.",
                    "He called it a \"historic moment\" for Europe.",
                ),
                (
                    "Scholz called it \"a good day for Europe\"and praised them.",
                    "Scholz called it \"a good day for Europe\" and praised them.",
                ),
                (
                    "\"It's round one to the Americans, \" said Richard Reid.",
                    "\"It's round one to the Americans,\" said Richard Reid.",
                ),
                (
                    "The chancellor said:\"We will not be intimidated.\"He added more.",
                    "The chancellor said: \"We will not be intimidated.\" He added more.",
                ),
                (
                    "In an interview with the \"Frankfurter Allgemeine Zeitung \"he said: \"This is a turning point. \"",
                    "In an interview with the \"Frankfurter Allgemeine Zeitung\" he said: \"This is a turning point.\"",
                ),
            ],
        );
    }

    /// Hard-wrapped newswire (Reuters, 1987) quoting a saying inside a quotation.
    const NESTED_NEWSWIRE: &str = "    \"A five to 10 pct drop is likely. There was a six pct fall
before the 1983 election when the Conservatives were further
ahead in the polls and the market was on a multiple of only 14
instead of 18 now,\" noted Nick Knight of brokers James Capel.
    \"The old adage is \"sell in May and go away'. That's likely to
apply this year but will probably start in April,\" he added.
";

    #[test]
    fn straight_quotes_that_do_not_pair_are_left_alone() {
        assert_cases(
            &Quotes,
            &[
                // Hard-wrapped newswire: a quotation continues from the line before, so the
                // marks of this paragraph do not pair by order.
                (
                    "end of the quote,\" he said, \"and the start of the next",
                    "end of the quote,\" he said, \"and the start of the next",
                ),
                // A possessive after the mark is no word glued to it.
                (
                    "He called it \"Europe\"s day\" and \"ours\" at once.",
                    "He called it \"Europe\"s day\" and \"ours\" at once.",
                ),
                // Odd number of marks: nothing is trusted.
                (
                    "a \" historic moment \" and 12\" of rain \"",
                    "a \" historic moment \" and 12\" of rain \"",
                ),
                (
                    "He said \"no\" and \"yes\" (\"maybe\").",
                    "He said \"no\" and \"yes\" (\"maybe\").",
                ),
                // A quotation inside a quotation, its marks straight: no pairing by order.
                (NESTED_NEWSWIRE, NESTED_NEWSWIRE),
                // A mark glued between words is not repaired by guesswork.
                (
                    "The 12\"x8\" print, \"said\" he.",
                    "The 12\"x8\" print, \"said\" he.",
                ),
            ],
        );
    }

    #[test]
    fn an_opening_mark_glued_between_two_sentences_closes_the_open_quotation() {
        assert_cases(
            &Quotes,
            &[(
                "He called the plans “unrealistic.“He called for a new start.",
                "He called the plans “unrealistic.” He called for a new start.",
            )],
        );
        // With no quotation open it is no closing mark: flagged, not repaired.
        let found = findings(
            &Quotes,
            "He called the plans unrealistic.“He called for a new start.",
        );
        assert!(!found.is_empty() && found.iter().all(|f| f.replacement.is_none()));
    }

    #[test]
    fn an_opening_mark_glued_to_the_sentence_before_gets_its_space() {
        assert_cases(
            &Quotes,
            &[
                (
                    "They met.“ The situation is unacceptable. ” Then they left.",
                    "They met. “The situation is unacceptable.” Then they left.",
                ),
                (
                    "He was clear.“The situation is unacceptable,” he said.",
                    "He was clear. “The situation is unacceptable,” he said.",
                ),
            ],
        );
        for text in [
            "They met.“ The situation is unacceptable. ” Then they left.",
            "He was clear.“The situation is unacceptable,” he said.",
        ] {
            assert!(
                findings(&Quotes, text)
                    .iter()
                    .all(|f| f.applicability == Applicability::Safe),
                "{text}"
            );
        }
        // With no closing mark after it, the mark may close an earlier quotation: flagged.
        for text in [
            "They met.“ The situation is unacceptable.",
            "He was clear.“The situation is unacceptable.",
        ] {
            let found = findings(&Quotes, text);
            assert!(
                !found.is_empty() && found.iter().all(|f| f.replacement.is_none()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_straight_closing_mark_spaced_before_punctuation_loses_the_space() {
        assert_cases(
            &Quotes,
            &[(
                "The minister called it \"unacceptable \". \"We reject it,\" she said.",
                "The minister called it \"unacceptable\". \"We reject it,\" she said.",
            )],
        );
    }

    #[test]
    fn a_straight_quotation_closed_with_a_curly_opening_mark() {
        assert_cases(
            &Quotes,
            &[(
                "\"We cannot afford another month of arguing,“ said Merz.",
                "\"We cannot afford another month of arguing,\" said Merz.",
            )],
        );
        // Without the attribution it is only flagged.
        let found = findings(&Quotes, "\"We cannot afford it,“ the report.");
        assert!(found.iter().all(|f| f.replacement.is_none()));
    }

    #[test]
    fn german_opening_marks_are_turned() {
        assert_cases(
            &Quotes,
            &[(
                "„We will not give in,“ said Zelensky.",
                "“We will not give in,” said Zelensky.",
            )],
        );
    }

    #[test]
    fn a_closing_mark_glued_to_the_next_word_gets_its_space() {
        assert_cases(
            &Quotes,
            &[
                (
                    "He said: “We will not be intimidated.”He added that Berlin stands firm.",
                    "He said: “We will not be intimidated.” He added that Berlin stands firm.",
                ),
                (
                    "The “Coalition of the Willing ”met in Paris.",
                    "The “Coalition of the Willing” met in Paris.",
                ),
            ],
        );
        // A closing mark before a word that a later closing mark could answer for is not
        // guessed at: it is flagged.
        let text = "The “Coalition ”of the Willing” met in Paris.";
        assert_eq!(crate::rules::testing::fixed(&Quotes, text), text);
    }

    #[test]
    fn stray_spaces_inside_curly_quotes_go() {
        assert_cases(
            &Quotes,
            &[
                (
                    "The minister called the plan “ unrealistic ”.",
                    "The minister called the plan “unrealistic”.",
                ),
                (
                    "“Europe must act,” he said. “ We have no time.”",
                    "“Europe must act,” he said. “We have no time.”",
                ),
            ],
        );
        // A spaced mark that the next mark does not close is no opening with a stray space.
        let text = "the talks “ will go on “ he said.";
        assert_eq!(crate::rules::testing::fixed(&Quotes, text), text);
    }

    #[test]
    fn a_closing_mark_spaced_before_punctuation_closes_the_open_quotation() {
        assert_cases(
            &Quotes,
            &[
                (
                    "The talks could begin “in the coming weeks ”, he added.",
                    "The talks could begin “in the coming weeks”, he added.",
                ),
                (
                    "He called it “a betrayal ”. Then he left.",
                    "He called it “a betrayal”. Then he left.",
                ),
            ],
        );
        // With no quotation open, or another closing mark still to come, it is not guessed.
        for text in ["The word ”, he said.", "“It is ”, he said ” today."] {
            assert_eq!(crate::rules::testing::fixed(&Quotes, text), text);
        }
    }

    #[test]
    fn a_closing_mark_spaced_after_a_comma_is_joined() {
        assert_cases(
            &Quotes,
            &[(
                "“We are ready, ” the minister said.",
                "“We are ready,” the minister said.",
            )],
        );
    }

    #[test]
    fn correct_quotes_and_apostrophes_are_left_alone() {
        assert_cases(
            &Quotes,
            &[
                (
                    "“Every quick amendment is a dirty contract,” said Kallas, adding that “we saw it earlier, he won't stop killing.”",
                    "“Every quick amendment is a dirty contract,” said Kallas, adding that “we saw it earlier, he won't stop killing.”",
                ),
                (
                    "He said the goals were “unrealistic” and left.",
                    "He said the goals were “unrealistic” and left.",
                ),
                (
                    "Trump’s plan, rock ’n’ roll in the ’90s and ‘single quotes’.",
                    "Trump’s plan, rock ’n’ roll in the ’90s and ‘single quotes’.",
                ),
                (
                    "“A paragraph quoted in full continues",
                    "“A paragraph quoted in full continues",
                ),
                ("He said (“no”) twice.", "He said (“no”) twice."),
            ],
        );
    }

    #[test]
    fn nested_quotes_are_suggested_as_single() {
        let found = findings(
            &Quotes,
            "“It is as if “Ironclad's commitment” never existed,” said Roche.",
        );
        let nested: Vec<_> = found
            .iter()
            .filter(|f| f.rule.id == "quotes/nested")
            .collect();
        assert_eq!(nested.len(), 2);
        assert!(
            nested
                .iter()
                .all(|f| f.applicability == Applicability::Suggest)
        );
    }

    #[test]
    fn ambiguous_marks_are_flagged_not_fixed() {
        let found = findings(&Quotes, "The plan” was rejected.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].applicability, Applicability::Flag);
    }

    #[test]
    fn straight_quotes_become_curly_when_asked() {
        let options = crate::rules::RuleOptions {
            curly_quotes: true,
            ..crate::rules::RuleOptions::default()
        };
        let input = "He said \"it's over\" and the ministers' plan \"failed\".";
        let found = crate::rules::testing::findings_with(&Quotes, input, &options);
        let chosen = crate::fixes::select_fixes(&found, crate::fixes::FixLevel::Safe);
        assert_eq!(
            crate::fixes::apply_edits(input, &chosen),
            "He said “it’s over” and the ministers’ plan “failed”."
        );
        assert!(findings(&Quotes, input).is_empty());
    }

    #[test]
    fn accents_and_opening_quotes_inside_words_become_apostrophes() {
        assert_cases(
            &Quotes,
            &[
                (
                    "“That´s the highest value since Russia´s invasion.”",
                    "“That’s the highest value since Russia’s invasion.”",
                ),
                // With no curly mark to follow, the plain one.
                ("Thats it: that´s all.", "Thats it: that's all."),
                (
                    "We don‘t know and they`re late.",
                    "We don’t know and they’re late.",
                ),
                // A document that writes its apostrophes straight gets a straight one.
                ("It's what we don´t know.", "It's what we don't know."),
                ("the ‘rock’ and Jos´ café", "the ‘rock’ and Jos´ café"),
                ("the ‘standard‘ line", "the ‘standard‘ line"),
            ],
        );
    }

    #[test]
    fn possessives_join() {
        assert_cases(
            &Quotes,
            &[
                (
                    "Scholz ‘s plan and Merz ’s reply",
                    "Scholz’s plan and Merz’s reply",
                ),
                (
                    "Russia 's economy and the EU 's budget.",
                    "Russia's economy and the EU's budget.",
                ),
                // A quoted letter stays.
                ("the letter 's' is silent", "the letter 's' is silent"),
            ],
        );
    }
}
