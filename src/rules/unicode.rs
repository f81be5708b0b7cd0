//! `unicode/…`: broken Unicode — mojibake, invisible characters, stray non-breaking spaces,
//! look-alike letters from other scripts, and text not in NFC.

use super::mojibake::find_mojibake;
use super::{Context, Example, Rule, RuleMeta};
use crate::fixes::{Applicability, Finding};
use crate::gazetteer::fold::fold;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

static MOJIBAKE: RuleMeta = RuleMeta {
    id: "unicode/mojibake",
    summary: "UTF-8 text decoded as Windows-1252 or Latin-1",
    explanation: "Finds text whose UTF-8 bytes were read as Windows-1252 or Latin-1 somewhere \
        along the way (`Itâ€™s` for `It’s`, `CafÃ©` for `Café`, double encodings too) and \
        restores it, as ftfy does.",
    safety: "Safe for the unmistakable sequences (`â€™`, `Ã©`): they are never written on \
        purpose. Short, ambiguous ones are suggestions.",
    examples: &[
        Example {
            before: "Itâ€™s a CafÃ© in ZÃ¼rich",
            after: "It’s a Café in Zürich",
        },
        Example {
            before: "It’s a Café in Zürich, São Paulo and Ærø",
            after: "It’s a Café in Zürich, São Paulo and Ærø",
        },
    ],
    priority: 90,
};

static INVISIBLE: RuleMeta = RuleMeta {
    id: "unicode/invisible",
    summary: "invisible character in the text",
    explanation: "Finds characters that display as nothing but break search, spelling and \
        hyphenation: zero-width spaces, soft hyphens, word joiners, a byte-order mark in the \
        middle of the text, bidirectional controls, and zero-width joiners between Latin \
        letters (they are left where emoji and scripts that need them use them).",
    safety: "Safe: the characters are removed and nothing visible changes.",
    examples: &[
        Example {
            before: "Zelen\u{200b}sky and the de\u{ad}fence minister",
            after: "Zelensky and the defence minister",
        },
        Example {
            before: "a family 👨\u{200d}👩\u{200d}👧 photo",
            after: "a family 👨\u{200d}👩\u{200d}👧 photo",
        },
    ],
    priority: 80,
};

static NBSP: RuleMeta = RuleMeta {
    id: "unicode/nbsp",
    summary: "non-breaking space next to another space",
    explanation: "Finds a non-breaking space beside an ordinary space, tab or line end, where \
        it only doubles the gap; a non-breaking space between two words (`10\u{a0}km`) is left.",
    safety: "Safe: the ordinary space stays and the extra one goes.",
    examples: &[
        Example {
            before: "said \u{a0}on Monday",
            after: "said on Monday",
        },
        Example {
            before: "a distance of 10\u{a0}km",
            after: "a distance of 10\u{a0}km",
        },
    ],
    priority: 70,
};

static HOMOGLYPH: RuleMeta = RuleMeta {
    id: "unicode/homoglyph",
    summary: "Latin word with a Cyrillic or Greek look-alike letter",
    explanation: "Finds words that mix Latin letters with Cyrillic or Greek letters that look \
        the same (`СNN` with a Cyrillic С) and replaces the look-alikes with Latin letters. Words \
        wholly in another script are left alone.",
    safety: "Safe when the repaired word is a known word, a name in the gazetteer or an \
        acronym; otherwise a suggestion.",
    examples: &[
        Example {
            before: "according to \u{421}NN and the \u{420}entagon",
            after: "according to CNN and the Pentagon",
        },
        Example {
            before: "Президент and Ζεύς",
            after: "Президент and Ζεύς",
        },
    ],
    priority: 85,
};

static NFC: RuleMeta = RuleMeta {
    id: "unicode/nfc",
    summary: "letters written as base letter plus combining mark",
    explanation: "Finds characters not in Unicode normalisation form C (`e` + combining acute for \
        `é`), which look right but defeat search and comparison, and composes them.",
    safety: "Safe: NFC is canonically equivalent; nothing visible changes.",
    examples: &[
        Example {
            before: "Gu\u{308}mru\u{308}kc\u{327}u\u{308}",
            after: "Gümrükçü",
        },
        Example {
            before: "Gümrükçü",
            after: "Gümrükçü",
        },
    ],
    priority: 75,
};

/// The Unicode checks.
pub struct Unicode;

impl Rule for Unicode {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 5] = [&MOJIBAKE, &INVISIBLE, &NBSP, &HOMOGLYPH, &NFC];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        if text.is_ascii() {
            return;
        }
        for mut fix in find_mojibake(text) {
            let original = &text[fix.span.clone()];
            if fix.replacement == "\u{2020}" && original.starts_with("â€") {
                // `seriousâ€ and`: `â€` and a space decode to a dagger (`E2 80 A0`, its
                // no-break space turned into a space), but in news it is far more often a
                // closing quotation mark whose last byte (`9D`, no Windows-1252 character)
                // was lost. Inside an open quotation, the mark; otherwise only a flag.
                if quotation_open_before(text, fix.span.start) {
                    let space = &original["â€".len()..];
                    fix.replacement = format!("”{space}");
                } else {
                    out.push(
                        Finding::flag(&MOJIBAKE, fix.span, 0.5)
                            .message(format!("mojibake: `{original}` may be `”` or `†`"))
                            .reason("UTF-8 bytes read as Windows-1252, with a byte lost"),
                    );
                    continue;
                }
            }
            if fix.replacement == "\u{fffd}" && original == "â€\u{fffd}" {
                // `â€�`: a lossy decoder's mark for the lost last byte of `E2 80 ..`. Inside
                // an open quotation it was the closing mark (`9D`), as with the dagger above.
                if quotation_open_before(text, fix.span.start) {
                    fix.replacement = "”".to_owned();
                    fix.confidence = 0.9;
                }
            }
            let applicability = if fix.confidence >= 0.9 {
                Applicability::Safe
            } else {
                Applicability::Suggest
            };
            let message = format!("mojibake: `{original}` is `{}`", fix.replacement);
            out.push(
                Finding::fix(
                    &MOJIBAKE,
                    fix.span,
                    fix.replacement,
                    applicability,
                    fix.confidence,
                )
                .message(message)
                .reason("UTF-8 bytes read as Windows-1252 or Latin-1"),
            );
        }
        invisible(text, out);
        nbsp(text, out);
        homoglyphs(cx, text, out);
        nfc(text, out);
    }
}

/// True when more quotations open than close on the line before `at`, counting the marks
/// still in mojibake (`â€œ` opens; `â€�` closes, once repaired).
fn quotation_open_before(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let open = before.matches('“').count() + before.matches("â€œ").count();
    let closed = before.matches('”').count() + before.matches("â€\u{fffd}").count();
    open > closed
}

fn invisible(text: &str, out: &mut Vec<Finding>) {
    // Every invisible character this looks for starts with one of these three bytes (`U+00AD`
    // C2, `U+200B`…`U+2069` E2, `U+FEFF` EF): only those places are decoded.
    let bytes = text.as_bytes();
    for at in memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes) {
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        let name = match c {
            '\u{200b}' => "zero-width space",
            '\u{ad}' => "soft hyphen",
            '\u{2060}' => "word joiner",
            '\u{feff}' if at > 0 => "byte-order mark",
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                "bidirectional control"
            }
            '\u{200c}' | '\u{200d}' => {
                let before = text[..at].chars().next_back();
                let after = text[at + c.len_utf8()..].chars().next();
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
                if !(latin(before) && latin(after)) {
                    continue;
                }
                "zero-width joiner"
            }
            _ => continue,
        };
        out.push(
            Finding::fix(
                &INVISIBLE,
                at..at + c.len_utf8(),
                "",
                Applicability::Safe,
                0.97,
            )
            .message(format!("invisible {name} (U+{:04X})", c as u32))
            .reason(format!(
                "a {name} displays as nothing but breaks search and spelling"
            )),
        );
    }
}

fn nbsp(text: &str, out: &mut Vec<Finding>) {
    for at in memchr::memmem::find_iter(text.as_bytes(), "\u{a0}".as_bytes()) {
        let before = text[..at].chars().next_back();
        let after = text[at + 2..].chars().next();
        let spacey = |c: Option<char>| c.is_none_or(|c| c.is_whitespace());
        if spacey(before) || spacey(after) {
            out.push(
                Finding::fix(&NBSP, at..at + 2, "", Applicability::Safe, 0.9)
                    .message("non-breaking space beside another space")
                    .reason("the non-breaking space only doubles the gap"),
            );
        }
    }
}

/// The Latin letter a Cyrillic or Greek look-alike stands for.
fn latin_twin(c: char) -> Option<char> {
    Some(match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' | 'Ϲ' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Ν' => 'N',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'Υ' | 'Ү' => 'Y',
        'Ζ' => 'Z',
        'а' => 'a',
        'с' => 'c',
        'е' => 'e',
        'һ' => 'h',
        'і' => 'i',
        'ј' => 'j',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ѕ' => 's',
        'у' => 'y',
        'х' => 'x',
        _ => return None,
    })
}

fn homoglyphs(cx: &Context<'_>, text: &str, out: &mut Vec<Finding>) {
    let flush = |start: usize, end: usize, out: &mut Vec<Finding>| {
        let word = &text[start..end];
        let latin = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
        let twins = word.chars().filter(|c| latin_twin(*c).is_some()).count();
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if latin == 0 || twins == 0 || latin + twins != letters {
            return;
        }
        let repaired: String = word.chars().map(|c| latin_twin(c).unwrap_or(c)).collect();
        let folded = fold(&repaired);
        let mut hits = Vec::new();
        cx.gazetteer.exact(&folded, &mut hits);
        let known = !hits.is_empty()
            || cx.gazetteer.word(&folded) != 0
            || repaired.chars().all(|c| !c.is_lowercase());
        let applicability = if known {
            Applicability::Safe
        } else {
            Applicability::Suggest
        };
        out.push(
            Finding::fix(
                &HOMOGLYPH,
                start..end,
                &repaired,
                applicability,
                if known { 0.95 } else { 0.7 },
            )
            .message(format!(
                "look-alike letters from another script: `{repaired}`"
            ))
            .reason(format!(
                "`{word}` mixes Latin letters with {twins} Cyrillic or Greek look-alike{}",
                if twins == 1 { "" } else { "s" }
            )),
        );
    };
    // A look-alike is a Greek or Cyrillic letter, whose UTF-8 starts with a byte from CE to
    // D3: only the words around such bytes are looked at.
    let bytes = text.as_bytes();
    let mut done_until = 0;
    for (at, _) in bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| (0xCE..=0xD3).contains(*b))
    {
        if at < done_until {
            continue;
        }
        // (Words of letters and digits: a digit is neither Latin nor a look-alike.)
        let start = super::text::word_before(text, at).start;
        let end = super::text::word_after(text, at).end;
        done_until = end.max(at + 1);
        if start < end {
            flush(start, end, out);
        }
    }
}

fn nfc(text: &str, out: &mut Vec<Finding>) {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return;
    }
    // Clusters of a base character and the combining marks after it.
    let mut cluster_start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, _) = chars[k];
        cluster_start = cluster_start.max(at);
        let mut end = k + 1;
        while end < chars.len() && canonical_combining_class(chars[end].1) != 0 {
            end += 1;
        }
        let end_byte = chars.get(end).map_or(text.len(), |(b, _)| *b);
        let cluster = &text[at..end_byte];
        if end > k + 1 || cluster.chars().count() > 1 {
            let composed: String = cluster.nfc().collect();
            if composed != cluster {
                out.push(
                    Finding::fix(&NFC, at..end_byte, &composed, Applicability::Safe, 0.99)
                        .message(format!(
                            "`{composed}` written as a letter plus combining marks"
                        ))
                        .reason("not in Unicode normalisation form C"),
                );
            }
        }
        k = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_applicability, assert_cases};

    #[test]
    fn invisible_and_spacing_characters() {
        assert_cases(
            &Unicode,
            &[
                ("Zelen\u{200b}sky", "Zelensky"),
                ("right\u{202e}left", "rightleft"),
                ("mid\u{feff}text", "midtext"),
                ("said\u{a0} on", "said on"),
                // negatives
                ("10\u{a0}km", "10\u{a0}km"),
                ("👨\u{200d}👩", "👨\u{200d}👩"),
                (
                    "\u{feff}leading BOM is the file's",
                    "\u{feff}leading BOM is the file's",
                ),
            ],
        );
    }

    #[test]
    fn a_closing_mark_that_lost_its_last_byte_is_no_dagger() {
        assert_cases(
            &Unicode,
            &[(
                "He said â€œthe situation is seriousâ€ and left.",
                "He said “the situation is serious” and left.",
            )],
        );
        // Outside a quotation it may be either: flagged, not changed.
        assert_applicability(&Unicode, "The mark â€ is used here.", Applicability::Flag);
        // A lossy decoder's `�` for the lost byte: the same.
        assert_cases(
            &Unicode,
            &[("The ICR is â€œbbâ€\u{fffd} now.", "The ICR is “bb” now.")],
        );
        assert_applicability(
            &Unicode,
            "The ICR is bbâ€\u{fffd} now.",
            Applicability::Suggest,
        );
    }

    #[test]
    fn homoglyphs_are_replaced() {
        assert_cases(
            &Unicode,
            &[
                ("\u{421}NN reported", "CNN reported"),
                (
                    "“Yes,” the \u{421}EO said, and m\u{43e}re \u{AD}later",
                    "“Yes,” the CEO said, and more later",
                ),
                ("Президент Зеленский", "Президент Зеленский"),
            ],
        );
        assert_applicability(&Unicode, "the q\u{43e}zzle", Applicability::Suggest);
    }

    #[test]
    fn decomposed_text_is_composed() {
        assert_cases(
            &Unicode,
            &[("Ame\u{301}lie", "Amélie"), ("Amélie", "Amélie")],
        );
    }
}
