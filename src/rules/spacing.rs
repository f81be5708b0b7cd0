//! `spacing/…`: spaces where they do not belong and missing where they do.
//!
//! Machine translation and lossy HTML-to-text conversion leave spaces inside hyphenated
//! compounds (`two -day`), doubled spaces, spaces before punctuation (`said .`) and no space
//! after a full stop (`unrealistic.He`). Each rule below says when its fix is safe.

use super::text::{
    char_at, char_before, is_camel_brand, is_function_word, line_around, token_after, token_before,
    word_after, word_before,
};
use super::{Context, Example, Rule, RuleMeta};
use crate::document::Format;
use crate::fixes::{Applicability, Finding};
use crate::gazetteer::compile::word_flag;
use crate::gazetteer::fold::fold;
use std::ops::Range;

/// Number words and numerals that start compounds: `two-day`, `first-ever`, `30-year`.
const NUMBER_WORDS: &[&str] = &[
    "eight",
    "eighteen",
    "eighty",
    "eleven",
    "fifteen",
    "fifth",
    "fifty",
    "first",
    "five",
    "forty",
    "four",
    "fourteen",
    "fourth",
    "half",
    "hundred",
    "million",
    "multi",
    "nine",
    "nineteen",
    "ninety",
    "one",
    "second",
    "seven",
    "seventeen",
    "seventy",
    "six",
    "sixteen",
    "sixty",
    "ten",
    "third",
    "thirteen",
    "thirty",
    "thousand",
    "three",
    "twelve",
    "twenty",
    "two",
];

/// Prefixes that are written with a hyphen: `non-European`, `e-mail`, `ex-president`.
const PREFIXES: &[&str] = &[
    "all", "anti", "co", "counter", "cross", "e", "ex", "far", "full", "high", "inter", "long",
    "low", "mid", "much", "neo", "non", "part", "post", "pre", "pro", "pseudo", "quasi", "self",
    "semi", "short", "so", "sub", "super", "trans", "ultra", "vice", "well", "wide",
];

/// Second elements of common compounds: `two-day`, `state-owned`, `Russia-backed`.
const SECOND_ELEMENTS: &[&str] = &[
    "backed",
    "based",
    "born",
    "bound",
    "built",
    "century",
    "controlled",
    "day",
    "designed",
    "driven",
    "elect",
    "ever",
    "fired",
    "focused",
    "free",
    "friendly",
    "funded",
    "held",
    "hour",
    "inspired",
    "led",
    "level",
    "like",
    "linked",
    "long",
    "made",
    "minded",
    "minute",
    "month",
    "old",
    "oriented",
    "owned",
    "party",
    "point",
    "related",
    "round",
    "run",
    "scale",
    "second",
    "sized",
    "speaking",
    "stage",
    "standing",
    "style",
    "term",
    "time",
    "week",
    "wide",
    "year",
];

/// Words after `e-` that are written lowercase: `e -Mail` becomes `e-mail`.
fn lowercase_after_prefix(prefix: &str, word: &str) -> bool {
    let mut chars = word.chars();
    let titlecase = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    titlecase
        && (prefix.eq_ignore_ascii_case("e")
            || SECOND_ELEMENTS
                .binary_search(&word.to_lowercase().as_str())
                .is_ok())
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.binary_search(&word.to_lowercase().as_str()).is_ok()
}

static HYPHEN_SPACE: RuleMeta = RuleMeta {
    id: "spacing/hyphen-space",
    summary: "space before the hyphen of a compound",
    explanation: "Finds a word, a space, then a hyphen glued to the next word (`two -day`, \
        `non -European`, `e -Mail`): a compound whose hyphen lost its left side, typically in \
        machine translation. The space is removed; after `e-` the capital is lowered (`e-mail`). \
        German's compound of an acronym and a noun (`EU -Commission`, `G7 -summit`) becomes two \
        words as English writes it (`EU Commission`), and a span of years loses its space \
        (`2024 -2025`).",
    safety: "Safe when the first word is a number word, a numeral or a hyphenating prefix \
        (`non`, `anti`, `e`…) or the second is a common compound head (`day`, `year`, `based`, \
        `led`…), the first an acronym before a common noun in small letters, or both \
        the names of countries or cities (`Russia -Ukraine`). Other word pairs (`Smith -Jones`) \
        are only suggested, and nothing is done \
        when either side is a function word (`the war -which`), a number (`-5`) or a dash.",
    examples: &[
        Example {
            before: "a two -day summit",
            after: "a two-day summit",
        },
        Example {
            before: "non -European troops",
            after: "non-European troops",
        },
        Example {
            before: "in the comments e -Mail.",
            after: "in the comments e-mail.",
        },
        Example {
            before: "the so -called coalition of the willing",
            after: "the so-called coalition of the willing",
        },
        Example {
            before: "temperatures of -5 and the war -which",
            after: "temperatures of -5 and the war -which",
        },
    ],
    priority: 50,
};

/// `spacing/hyphen-space`: see [`HYPHEN_SPACE`].
pub struct HyphenSpace;

impl Rule for HyphenSpace {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 1] = [&HYPHEN_SPACE];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        for hyphen in memchr::memmem::find_iter(text.as_bytes(), " -").map(|i| i + 1) {
            let Some(after) = char_at(text, hyphen + 1) else {
                continue;
            };
            if after.is_ascii_digit() {
                if let Some(finding) =
                    spaced_year_range(text, hyphen).or_else(|| spaced_designation(text, hyphen))
                {
                    out.push(finding);
                }
                continue;
            }
            if !after.is_alphabetic() {
                continue;
            }
            let space_start = hyphen - 1;
            let left = word_before(text, space_start);
            let right = word_after(text, hyphen + 1);
            if left.is_empty() || right.is_empty() {
                continue;
            }
            let (left_word, right_word) = (&text[left.clone()], &text[right.clone()]);
            // `15-year -old`: the second hyphen of an age, after the first was written.
            let age = right_word == "old"
                && matches!(
                    left_word,
                    "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days"
                )
                && char_before(text, left.start) == Some('-');
            if age {
                // (Only the space goes, so that the first hyphen's repair does not overlap.)
                out.push(
                    Finding::fix(
                        &HYPHEN_SPACE,
                        space_start..hyphen,
                        "",
                        Applicability::Safe,
                        0.97,
                    )
                    .message(format!(
                        "space before the hyphen of a compound: `{left_word}-old`"
                    ))
                    .reason("an age is written with two hyphens (`15-year-old`)"),
                );
                continue;
            }
            // The left word must be a whole word: not the tail of `U.S.` or `5-year`.
            if char_before(text, left.start)
                .is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '“' | '"' | '‘'))
            {
                continue;
            }
            // (`so -called`, `all -out`, `well -known`: a prefix that is also a function word
            // still hyphenates a content word.)
            // (`US -led`: an acronym is no function word, whatever its letters spell.)
            let acronym = left_word.len() >= 2 && left_word.bytes().all(|b| b.is_ascii_uppercase());
            if is_function_word(right_word)
                || (is_function_word(left_word) && !in_list(PREFIXES, left_word) && !acronym)
            {
                continue;
            }
            let numeral = left_word.bytes().all(|b| b.is_ascii_digit());
            let left_known =
                numeral || in_list(NUMBER_WORDS, left_word) || in_list(PREFIXES, left_word);
            let right_known = in_list(SECOND_ELEMENTS, right_word);
            let (applicability, confidence, reason) = match (left_known, right_known) {
                (true, true) => (
                    Applicability::Safe,
                    0.99,
                    format!("`{left_word}` and `{right_word}` form hyphenated compounds"),
                ),
                (true, false) => (
                    Applicability::Safe,
                    0.96,
                    format!("`{left_word}` is written with a hyphen before the next word"),
                ),
                (false, true) => (
                    Applicability::Safe,
                    0.95,
                    format!("`{right_word}` is a common compound head"),
                ),
                (false, false) => {
                    // `EU -Commission`, `CDU -leader`, `G7 -summit`: German's compound of an
                    // acronym and a noun, which English writes as two words.
                    if let Some(finding) =
                        acronym_before_noun(cx, left_word, right_word, left.start..right.end)
                    {
                        out.push(finding);
                        continue;
                    }
                    // `the Russia -Ukraine war`, `the Berlin -Warsaw line`: two places joined
                    // as one compound. `X -ray`, `T -shirt`, `U -turn`: a capital letter before
                    // a common word in small letters is a compound of its own.
                    let places = is_major_place(cx, left_word) && is_major_place(cx, right_word);
                    let letter_compound = left_word.len() == 1
                        && left_word.bytes().all(|b| b.is_ascii_uppercase())
                        && right_word.len() >= 3
                        && right_word.bytes().all(|b| b.is_ascii_lowercase())
                        && cx.gazetteer.word(right_word) & word_flag::WORD != 0;
                    if places || letter_compound {
                        let replacement = format!("{left_word}-{right_word}");
                        let reason = if places {
                            format!(
                                "`{left_word}` and `{right_word}` are places joined by the hyphen"
                            )
                        } else {
                            format!(
                                "a capital letter and `{right_word}` form a compound (`X-ray`, \
                                 `T-shirt`)"
                            )
                        };
                        out.push(
                            Finding::fix(
                                &HYPHEN_SPACE,
                                left.start..right.end,
                                &replacement,
                                Applicability::Safe,
                                0.9,
                            )
                            .message(format!(
                                "space before the hyphen of a compound: `{replacement}`"
                            ))
                            .reason(reason),
                        );
                        continue;
                    }
                    let letters = left_word.chars().all(char::is_alphabetic)
                        && left_word.chars().count() >= 2;
                    if !letters {
                        continue;
                    }
                    (
                        Applicability::Suggest,
                        0.6,
                        "a hyphen glued to the next word usually joins a compound".to_owned(),
                    )
                }
            };
            let new_right = if left_known && lowercase_after_prefix(left_word, right_word) {
                right_word.to_lowercase()
            } else {
                right_word.to_owned()
            };
            let replacement = format!("{left_word}-{new_right}");
            out.push(
                Finding::fix(
                    &HYPHEN_SPACE,
                    left.start..right.end,
                    &replacement,
                    applicability,
                    confidence,
                )
                .message(format!(
                    "space before the hyphen of a compound: `{replacement}`"
                ))
                .reason(reason),
            );
        }
    }
}

/// `EU -Commission`, `US -President`, `G7 -summit`: an acronym, then a space and a hyphen
/// glued to a common noun, where German wrote one compound (`EU-Kommission`). English writes
/// the two words apart; a participle (`US -backed`) or a name (`US -China`) is left to the
/// hyphen's other repairs.
/// True when `word` is written as the name of a country, or of a city of 100,000 people or
/// more, in the gazetteer (`Russia`, `Warsaw`).
fn is_major_place(cx: &Context<'_>, word: &str) -> bool {
    use crate::gazetteer::{Kind, Role};
    if !word.starts_with(|c: char| c.is_uppercase()) || word.chars().count() < 3 {
        return false;
    }
    let mut hits = Vec::new();
    cx.gazetteer.exact(&fold(word), &mut hits);
    hits.iter().any(|hit| {
        hit.role == Role::Canonical
            && cx.gazetteer.entity(hit.entity).is_some_and(|entity| {
                entity.name == word
                    && (entity.kind == Kind::Country
                        || entity.kind == Kind::City && entity.population >= 100_000)
            })
    })
}

fn acronym_before_noun(
    cx: &Context<'_>,
    left: &str,
    right: &str,
    span: Range<usize>,
) -> Option<Finding> {
    let acronym = left.len() >= 2
        && left.len() <= 5
        && left.starts_with(|c: char| c.is_ascii_uppercase())
        && left
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    // (A headline in capitals, `CUTS -steady`, `PLANS -REPORT`, is none: the acronym is no
    // word in capitals, and the noun is written in small letters.)
    if !acronym
        || right.len() < 3
        || !right.chars().skip(1).any(char::is_lowercase)
        || right.ends_with("ed")
        || right.ends_with("ing")
    {
        return None;
    }
    let acronym_flags = cx.gazetteer.word(&fold(left));
    if acronym_flags & word_flag::WORD != 0 && acronym_flags & word_flag::ABBREV == 0 {
        return None;
    }
    let folded = fold(right);
    let flags = cx.gazetteer.word(&folded);
    // (An English word, also written capitalised as a title, `President`; no name.)
    let noun = flags & word_flag::WORD != 0
        && flags & (word_flag::PROPER | word_flag::DEMONYM | word_flag::NAME_FORM) == 0;
    if !noun {
        return None;
    }
    // (Nor a place or body of the gazetteer's, but for small towns named by words: Summit,
    // New Jersey.)
    let mut hits = Vec::new();
    cx.gazetteer.exact(&folded, &mut hits);
    if hits.iter().any(|h| {
        cx.gazetteer
            .entity(h.entity)
            .is_none_or(|e| !(e.kind == crate::gazetteer::Kind::City && e.population < 100_000))
    }) {
        return None;
    }
    let replacement = format!("{left} {right}");
    Some(
        Finding::fix(&HYPHEN_SPACE, span, &replacement, Applicability::Safe, 0.85)
            .message(format!("German compound of an acronym: `{replacement}`"))
            .reason(format!(
                "English writes `{left}` apart from the noun `{right}`; the hyphen is German's \
                 compound"
            )),
    )
}

/// `2024 -2025`: a span of years with a space before its hyphen.
fn spaced_year_range(text: &str, hyphen: usize) -> Option<Finding> {
    let left = word_before(text, hyphen - 1);
    let bytes = text.as_bytes();
    let right_end = hyphen
        + 1
        + bytes[hyphen + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    let (first, second) = (&text[left.clone()], &text[hyphen + 1..right_end]);
    let year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !year(first)
        || !year(second)
        || char_before(text, left.start).is_some_and(|c| !c.is_whitespace() && c != '(')
        || bytes
            .get(right_end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b',')
            && bytes.get(right_end + 1).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let (from, to): (u32, u32) = (first.parse().ok()?, second.parse().ok()?);
    if !(1800..=2100).contains(&from) || to <= from || to - from > 50 {
        return None;
    }
    Some(space_before_hyphen_of(
        hyphen,
        &format!("a span of years: `{first}-{second}`"),
        "a span of years is written without spaces",
    ))
}

/// The repair of the space before the hyphen at `hyphen` in a figure (`what`: a span of
/// years, a designation).
fn space_before_hyphen_of(hyphen: usize, what: &str, reason: &str) -> Finding {
    Finding::fix(
        &HYPHEN_SPACE,
        hyphen - 1..hyphen,
        "",
        Applicability::Safe,
        0.9,
    )
    .message(format!("space before the hyphen of {what}"))
    .reason(reason)
}

/// Letters of Soviet and Russian aircraft designations written in mixed case (`MiG-29`,
/// `Su-34`); other designations are capitals (`F-35`, `S-400`, `COVID-19`).
const MIXED_CASE_DESIGNATIONS: &[&str] = &["An", "Il", "Ka", "Mi", "MiG", "Su", "Tu", "Yak"];

/// `F -35`, `S -400`, `MiG -29`, `COVID -19`: a designation (capitals, or a Russian aircraft
/// maker's letters, then a number) whose hyphen lost its left side. Not a minus in figures
/// (`A -3.5`, `B -2%`).
fn spaced_designation(text: &str, hyphen: usize) -> Option<Finding> {
    let bytes = text.as_bytes();
    let left = word_before(text, hyphen - 1);
    let letters = &text[left.clone()];
    let capitals =
        (1..=5).contains(&letters.len()) && letters.bytes().all(|b| b.is_ascii_uppercase());
    if !(capitals || MIXED_CASE_DESIGNATIONS.contains(&letters))
        || char_before(text, left.start).is_some_and(|c| !c.is_whitespace() && c != '(')
    {
        return None;
    }
    let digits_end = hyphen
        + 1
        + bytes[hyphen + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    // (A model letter may follow: `F-35A`, `T-72B3`.)
    let end = digits_end
        + bytes[digits_end..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
    if digits_end - hyphen - 1 > 4
        || bytes[digits_end..end]
            .first()
            .is_some_and(u8::is_ascii_lowercase)
        || bytes.get(end).is_some_and(|b| {
            matches!(b, b'%' | b'-' | b'/')
                || matches!(b, b'.' | b',') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        })
    {
        return None;
    }
    let designation = format!("{letters}-{}", &text[hyphen + 1..end]);
    Some(space_before_hyphen_of(
        hyphen,
        &format!("a designation: `{designation}`"),
        "a designation of letters and a number is written with a hyphen, unspaced",
    ))
}

static DOUBLE_SPACE: RuleMeta = RuleMeta {
    id: "spacing/double-space",
    summary: "doubled space between two words",
    explanation: "Finds exactly two spaces between two words inside a line. Indentation, \
        trailing spaces, runs of three or more, spaces after a full stop (a typewriter \
        convention) and lines with several runs (alignment in tables of figures) are left alone.",
    safety: "Safe in Markdown, where runs of spaces in prose have no meaning (tables and code \
        are protected). In plain text only a suggestion: two spaces may align columns.",
    examples: &[
        Example {
            before: "the company said  it was",
            after: "the company said it was",
        },
        Example {
            before: "It ended.  Then it began.",
            after: "It ended.  Then it began.",
        },
        Example {
            before: " Wheat   2.55  2.40   IV",
            after: " Wheat   2.55  2.40   IV",
        },
    ],
    priority: 20,
};

/// `spacing/double-space`: see [`DOUBLE_SPACE`].
pub struct DoubleSpace;

impl Rule for DoubleSpace {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 1] = [&DOUBLE_SPACE];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        // Runs of exactly two spaces, found a block at a time: a search for `  ` would stop at
        // every indentation and every table.
        crate::scan::for_each_byte_where(bytes, crate::scan::BytePattern::DoubleSpace, |start| {
            let end = start + 2;
            let (Some(before), Some(after)) = (char_before(text, start), char_at(text, end)) else {
                return;
            };
            if !before.is_alphanumeric() || !after.is_alphanumeric() {
                return;
            }
            if !(before.is_lowercase() || after.is_lowercase()) {
                return;
            }
            let line = &text[line_around(text, start)];
            let trimmed = line.trim_start_matches([' ', '\t']);
            let runs = memchr::memmem::find_iter(trimmed.trim_end().as_bytes(), "  ").count();
            if runs > 1 || trimmed.contains('\t') {
                return;
            }
            let applicability = if cx.doc.format() == Format::Markdown {
                Applicability::Safe
            } else {
                Applicability::Suggest
            };
            out.push(
                Finding::fix(&DOUBLE_SPACE, start..end, " ", applicability, 0.9)
                    .message("doubled space between words")
                    .reason("two spaces between words inside a sentence"),
            );
        });
    }
}

static SPACE_BEFORE_PUNCTUATION: RuleMeta = RuleMeta {
    id: "spacing/space-before-punctuation",
    summary: "space before a comma, full stop, semicolon, colon, question or exclamation mark",
    explanation: "Finds spaces between a word and the punctuation that should follow it \
        directly (`said .`, `April 3 , 1986`). Spaced ellipses (`. . .`), decimal points \
        (`.5`), `.NET`-style names, ratios (`3 : 1`) and emoticons are left alone.",
    safety: "A suggestion, though English never puts a space before these marks after a word: \
        machine translation does not make this mistake, typists and pasted layouts do, so \
        `tidings fix` leaves it to `--all` (or to `[style]` choices like French spacing).",
    examples: &[
        Example {
            before: "Chinese Petroleum Corp .",
            after: "Chinese Petroleum Corp.",
        },
        Example {
            before: "as of Friday, April 3 , 1986",
            after: "as of Friday, April 3, 1986",
        },
        Example {
            before: "if the . . . import ban, a .5 pct rise, odds of 3 : 1",
            after: "if the . . . import ban, a .5 pct rise, odds of 3 : 1",
        },
    ],
    priority: 40,
};

/// `spacing/space-before-punctuation`: see [`SPACE_BEFORE_PUNCTUATION`].
pub struct SpaceBeforePunctuation;

impl Rule for SpaceBeforePunctuation {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 1] = [&SPACE_BEFORE_PUNCTUATION];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        // Only marks right after a space, found a block at a time: most marks follow a word.
        crate::scan::for_each_byte_where(bytes, crate::scan::BytePattern::MarkAfterSpace, |mark| {
            let mut start = mark - 1;
            while start > 0 && bytes[start - 1] == b' ' {
                start -= 1;
            }
            let Some(before) = char_before(text, start) else {
                return;
            };
            if !(before.is_alphanumeric() || matches!(before, '”' | '’' | ')' | '"')) {
                return;
            }
            let punctuation = bytes[mark];
            let next = char_at(text, mark + 1);
            let next_is_end =
                next.is_none_or(|c| c.is_whitespace() || matches!(c, '”' | '’' | '"' | ')' | ']'));
            let acceptable_next = match punctuation {
                // `. . .`, `.5`, `.NET`, `...`
                b'.' => next_is_end && !text[mark + 1..].starts_with(" ."),
                // `3 : 1`, `:)`, `10 :30`
                b':' => {
                    next.is_none_or(char::is_whitespace)
                        && !(before.is_ascii_digit()
                            && text[mark + 1..]
                                .trim_start()
                                .starts_with(|c: char| c.is_ascii_digit()))
                }
                b',' | b';' => next.is_none_or(|c| !c.is_ascii_digit()),
                _ => next_is_end || next.is_some_and(|c| c == '?' || c == '!'),
            };
            if !acceptable_next {
                return;
            }
            let mark_char = punctuation as char;
            out.push(
                Finding::fix(
                    &SPACE_BEFORE_PUNCTUATION,
                    start..mark,
                    "",
                    Applicability::Suggest,
                    0.9,
                )
                .message(format!("space before `{mark_char}`"))
                .reason(format!(
                    "`{mark_char}` follows the word directly in English"
                )),
            );
        });
    }
}

static SPACE_BEFORE_PERCENT: RuleMeta = RuleMeta {
    id: "spacing/percent",
    summary: "space between a number and its percent sign",
    explanation: "Finds a number and a percent sign set apart by a space (`rose by 3 %`), as \
        German and French write them and machine translation from them keeps, and joins them \
        as English writes them (`rose by 3%`).",
    safety: "Safe: English news style (AP, Reuters, the Guardian) never spaces a percent sign; \
        only a number standing as a word of its own is joined.",
    examples: &[
        Example {
            before: "costs will rise by 3 % next year",
            after: "costs will rise by 3% next year",
        },
        Example {
            before: "a 2,5 % rise",
            after: "a 2,5% rise",
        },
        Example {
            before: "10 %% in a format, % of and the A4 %",
            after: "10 %% in a format, % of and the A4 %",
        },
    ],
    priority: 40,
};

/// `spacing/percent`: see [`SPACE_BEFORE_PERCENT`].
pub struct SpaceBeforePercent;

impl Rule for SpaceBeforePercent {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 1] = [&SPACE_BEFORE_PERCENT];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        for percent in memchr::memmem::find_iter(bytes, " %").map(|i| i + 1) {
            // `3 %` but not `3 %%` (a format string) or `3 %d`; `3.2 %in October` (the sign
            // glued to a common word after it as well) is repaired on both sides.
            if bytes
                .get(percent + 1)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'%')
                && glued_after_percent(cx, text, percent).is_none()
            {
                continue;
            }
            let space = percent - 1;
            if space == 0 || !bytes[space - 1].is_ascii_digit() {
                continue;
            }
            // The number must be a word of its own: `3`, `2.5`, `2,5`, `(3`, not `A4` or `x-3`.
            let number = token_before(text, space);
            let token = &text[number.clone()];
            let digits = token.trim_start_matches(['(', '+', '-', '−', '~']);
            if digits.is_empty()
                || !digits.starts_with(|c: char| c.is_ascii_digit())
                || !digits
                    .bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
            {
                continue;
            }
            out.push(
                Finding::fix(
                    &SPACE_BEFORE_PERCENT,
                    space..percent,
                    "",
                    Applicability::Safe,
                    0.9,
                )
                .message(format!("space between `{digits}` and `%`"))
                .reason("English writes the percent sign against its number"),
            );
        }
    }
}

static SPACE_INSIDE_BRACKETS: RuleMeta = RuleMeta {
    id: "spacing/inside-brackets",
    summary: "space just inside a parenthesis or bracket",
    explanation: "Finds a space after an opening parenthesis or bracket or before its closing \
        one on the same line (`( ReArm Europe )`) and removes it (`(ReArm Europe)`). Brackets \
        that do not pair on their line, empty ones and lists marked `a )` are left alone.",
    safety: "A suggestion, like spaces before punctuation: English never spaces inside \
        brackets, but pasted layouts and plain-text tables may.",
    examples: &[
        Example {
            before: "an 800 billion euro plan ( ReArm Europe ) on Tuesday",
            after: "an 800 billion euro plan (ReArm Europe) on Tuesday",
        },
        Example {
            before: "a ) the first b ) the second, and ( )",
            after: "a ) the first b ) the second, and ( )",
        },
    ],
    priority: 40,
};

/// `spacing/inside-brackets`: see [`SPACE_INSIDE_BRACKETS`].
pub struct SpaceInsideBrackets;

impl Rule for SpaceInsideBrackets {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 1] = [&SPACE_INSIDE_BRACKETS];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        for open in memchr::memchr2_iter(b'(', b'[', bytes) {
            let close_mark = if bytes[open] == b'(' { b')' } else { b']' };
            let inner_start = open + 1;
            // The closing mark of the same line, with no other bracket in between. (The line
            // ends at its `\n`; a `\r` before it is neither mark.)
            let Some(close) =
                memchr::memchr3(close_mark, bytes[open], b'\n', &bytes[inner_start..])
                    .map(|i| inner_start + i)
                    .filter(|&i| bytes[i] == close_mark)
            else {
                continue;
            };
            // Most brackets hold no space against them: decided on two bytes, before the line
            // is looked at.
            if bytes[inner_start] != b' ' && bytes[close - 1] != b' ' {
                continue;
            }
            let line = line_around(text, open);
            let inner = &text[inner_start..close];
            let content = inner.trim_matches(' ');
            // Words inside, not figures aligned in a table (`Aus Sch  137.5  ( 137.6 )`).
            if content.len() > 200 || !content.starts_with(char::is_alphabetic) {
                continue;
            }
            let line = &text[line];
            if line.trim().contains("   ") || line.contains('\t') {
                continue;
            }
            let leading = inner.len() - inner.trim_start_matches(' ').len();
            let trailing = inner.len() - inner.trim_end_matches(' ').len();
            if leading == 0 && trailing == 0 {
                continue;
            }
            let mark = |at: usize| &text[at..at + 1];
            let mut push = |span: std::ops::Range<usize>, which: &str| {
                out.push(
                    Finding::fix(
                        &SPACE_INSIDE_BRACKETS,
                        span,
                        "",
                        Applicability::Suggest,
                        0.85,
                    )
                    .message(format!("space {which}"))
                    .reason("English sets brackets against the words they enclose"),
                );
            };
            if leading > 0 {
                push(
                    inner_start..inner_start + leading,
                    &format!("after `{}`", mark(open)),
                );
            }
            if trailing > 0 {
                push(
                    close - trailing..close,
                    &format!("before `{}`", mark(close)),
                );
            }
        }
    }
}

static MISSING_SPACE_AFTER_PUNCTUATION: RuleMeta = RuleMeta {
    id: "spacing/missing-space-after-punctuation",
    summary: "no space after a full stop, question mark, comma, semicolon or colon",
    explanation: "Finds a word glued to the next one by punctuation: a full stop, question or \
        exclamation mark or colon before a capitalised word (`unrealistic.He called`), or a comma, \
        semicolon or colon between two words (`Paris,France`, `Note:the`). Abbreviations and initials (`U.S.`, \
        `e.g.`), numbers (`3.5`, `1,000`), domains and file names (`www.x.com`, `Node.js`, `report.PDF`) \
        and anything inside a longer dotted or slashed token are left alone.",
    safety: "Safe: both sides are ordinary words (letters only, the second capitalised after a \
        full stop), which no abbreviation, number, name or address looks like.",
    examples: &[
        Example {
            before: "were unrealistic.He called",
            after: "were unrealistic. He called",
        },
        Example {
            before: "in Munich.Image: Reuters",
            after: "in Munich. Image: Reuters",
        },
        Example {
            before: "The U.S. and e.g. Node.js at 3.5 pct, 1,000 dlrs on www.x.com",
            after: "The U.S. and e.g. Node.js at 3.5 pct, 1,000 dlrs on www.x.com",
        },
    ],
    priority: 40,
};

/// `spacing/missing-space-after-punctuation`: see [`MISSING_SPACE_AFTER_PUNCTUATION`].
pub struct MissingSpaceAfterPunctuation;

/// True when both sides are words of their own and together they are none:
/// `Paris,France`, but not `adjustm,ent` or `pl;aced`.
fn is_separate_words(cx: &Context<'_>, left: &str, right: &str) -> bool {
    let known = |w: &str| {
        cx.gazetteer.word(&fold(w)) != 0 || {
            let mut hits = Vec::new();
            cx.gazetteer.exact(&fold(w), &mut hits);
            !hits.is_empty()
        }
    };
    let joined = format!("{left}{right}");
    known(left) && known(right) && cx.gazetteer.word(&fold(&joined)) == 0
}

/// True for two to five capitals the lexicon lists as an abbreviation (`EU`, `IMF`) or the
/// gazetteer as a name written so (`NATO`).
fn is_known_acronym(cx: &Context<'_>, word: &str) -> bool {
    if !(2..=5).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let folded = fold(word);
    if cx.gazetteer.word(&folded) & crate::gazetteer::compile::word_flag::ABBREV != 0 {
        return true;
    }
    let mut hits = Vec::new();
    cx.gazetteer.exact(&folded, &mut hits);
    hits.iter()
        .filter_map(|h| cx.gazetteer.entity(h.entity))
        .any(|e| e.name == word)
}

/// True for the extension of a common kind of file (`PDF`, `docx`), which follows a full stop
/// in a file's name (`report.PDF`) and starts no sentence.
fn is_file_extension(word: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "csv", "doc", "docx", "exe", "gif", "htm", "html", "jpeg", "jpg", "json", "mp3", "mp4",
        "pdf", "png", "ppt", "pptx", "rtf", "txt", "wav", "xls", "xlsx", "xml", "zip",
    ];
    EXTENSIONS
        .iter()
        .any(|extension| extension.eq_ignore_ascii_case(word))
}

/// A space written before a mark instead of after it (`drones .At least`, `Friday ,a
/// spokesman`): the mark at `mark` has a space before it and a word glued after it.
fn swapped_space(cx: &Context<'_>, text: &str, mark: usize) -> Option<Finding> {
    let space = mark - 1;
    let before = char_before(text, space)?;
    if !(before.is_lowercase() || before.is_ascii_digit()) {
        return None;
    }
    let right = &text[word_after(text, mark + 1)];
    let mut chars = right.chars();
    let first = chars.next()?;
    let second = chars.next();
    let punctuation = text.as_bytes()[mark];
    let fits = match punctuation {
        // A new sentence: a capital, then small letters (not `.NET`).
        b'.' | b'?' | b'!' => first.is_uppercase() && second.is_some_and(char::is_lowercase),
        _ => first.is_alphabetic() && second.is_none_or(char::is_lowercase),
    };
    let left = &text[token_before(text, space)];
    // The word after is an English word (`At`, `According`), and not the `Net` of `.Net`
    // (asked of the lexicon last, once the cheap tests pass).
    if !fits
        || right.eq_ignore_ascii_case("net")
        || !is_plain_word_token(left) && !left.bytes().all(|b| b.is_ascii_digit())
        || !is_plain_word_token(&text[token_after(text, mark + 1)])
        || is_table_line(&text[super::text::line_around(text, mark)])
        || cx.gazetteer.word(&fold(right)) & crate::gazetteer::compile::word_flag::WORD == 0
    {
        return None;
    }
    let mark_char = punctuation as char;
    Some(
        Finding::fix(
            &MISSING_SPACE_AFTER_PUNCTUATION,
            space..mark + 1,
            format!("{mark_char} "),
            Applicability::Safe,
            0.9,
        )
        .message(format!(
            "space before `{mark_char}` instead of after it: `{left}{mark_char} {right}`"
        ))
        .reason("the mark follows its word and the space comes after it"),
    )
}

/// A plain word, possibly followed by closing punctuation: `Image:` or `called,`.
fn is_plain_word_token(token: &str) -> bool {
    let core = token.trim_end_matches(['.', ',', ';', ':', '?', '!', '”', '’', '"', ')']);
    !core.is_empty()
        && core
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
}

/// True for a line of a hand-laid table: a run of three or more spaces after its first word.
fn is_table_line(line: &str) -> bool {
    memchr::memmem::find(line.trim().as_bytes(), b"   ").is_some()
}

impl Rule for MissingSpaceAfterPunctuation {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 1] = [&MISSING_SPACE_AFTER_PUNCTUATION];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        // Most marks are followed by a space: only those before a letter (or a non-ASCII byte)
        // are found, a block at a time.
        crate::scan::for_each_byte_where(
            bytes,
            crate::scan::BytePattern::MarkBeforeLetter,
            |mark| {
                if mark == 0 {
                    return;
                }
                if bytes[mark - 1] == b' ' {
                    if let Some(finding) = swapped_space(cx, text, mark) {
                        out.push(finding);
                    }
                    return;
                }
                let (Some(mut before), Some(after)) =
                    (char_before(text, mark), char_at(text, mark + 1))
                else {
                    return;
                };
                // `a “historic moment”.He added`: a quotation or bracket closed before the stop
                // (or a percentage: `rose 2%.According to`).
                let mut closed_at = mark;
                if matches!(before, '"' | '”' | '’' | ')' | '%')
                    && matches!(bytes[mark], b'.' | b'?' | b'!')
                {
                    closed_at = mark - before.len_utf8();
                    match char_before(text, closed_at) {
                        Some(c) if c.is_lowercase() || c.is_ascii_digit() => before = c,
                        _ => return,
                    }
                }
                let punctuation = bytes[mark];
                // `said:“We will`: a quotation opened right after the colon or comma that
                // introduces it.
                if after == '“'
                    && matches!(punctuation, b':' | b',')
                    && before.is_alphabetic()
                    && char_at(text, mark + 1 + '“'.len_utf8()).is_some_and(char::is_alphanumeric)
                {
                    let mark_char = punctuation as char;
                    out.push(
                        Finding::fix(
                            &MISSING_SPACE_AFTER_PUNCTUATION,
                            mark + 1..mark + 1,
                            " ",
                            Applicability::Safe,
                            0.9,
                        )
                        .message(format!("no space after `{mark_char}`: `{mark_char} “`"))
                        .reason("the quotation opens after the mark that introduces it"),
                    );
                    return;
                }
                if !after.is_alphabetic() || !(before.is_alphabetic() || before.is_ascii_digit()) {
                    return;
                }
                // (A colon before a small letter joins two words like a comma: `said:the`.)
                let sentence_end = matches!(punctuation, b'.' | b'?' | b'!')
                    || (punctuation == b':' && after.is_uppercase());
                let left_word = word_before(text, closed_at);
                let right_word = word_after(text, mark + 1);
                let left = &text[left_word.clone()];
                let right = &text[right_word.clone()];
                if sentence_end {
                    // `He`, `According`: a capital followed by a small letter.
                    let mut chars = right.chars();
                    let capitalised = chars.next().is_some_and(char::is_uppercase)
                        && chars.next().is_some_and(char::is_lowercase);
                    // `Russia.EU Commission`: a known acronym after a word of small letters.
                    // (Not a file's extension: `report.PDF`.)
                    let acronym = !capitalised
                        && punctuation == b'.'
                        && before.is_lowercase()
                        && left.chars().count() >= 3
                        && !is_file_extension(right)
                        && is_known_acronym(cx, right);
                    if !(capitalised || acronym)
                        || !(before.is_lowercase() || before.is_ascii_digit())
                    {
                        return;
                    }
                    // `St.Gobain`, `Dr.Smith`: an abbreviation's full stop, often written so in names.
                    if punctuation == b'.'
                        && left.chars().count() <= 3
                        && left.starts_with(char::is_uppercase)
                    {
                        return;
                    }
                } else if left.chars().count() < 2
                    || right.chars().count() < 2
                    || !before.is_alphabetic()
                    || !is_separate_words(cx, left, right)
                {
                    // `adjustm,ent` is one word with a stray comma, not two words.
                    return;
                }
                // Both whitespace-delimited tokens must be plain words: not `x.com/a`, `a.b.c`.
                let token_left = text[token_before(text, mark)]
                    .trim_start_matches(['(', '“', '"', '‘'])
                    .trim_end_matches(['"', '”', '’', ')']);
                let year = sentence_end
                    && token_left.len() == 4
                    && token_left.bytes().all(|b| b.is_ascii_digit());
                let percentage = sentence_end
                    && token_left.strip_suffix('%').is_some_and(|number| {
                        number.starts_with(|c: char| c.is_ascii_digit())
                            && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    });
                let token_right = &text[token_after(text, mark + 1)];
                if !(year || percentage || is_plain_word_token(token_left))
                    || !is_plain_word_token(token_right)
                {
                    return;
                }
                let mark_char = punctuation as char;
                // Columns of a table (`Swiss.Bank.   5,261,475 unch.`) are laid out by hand.
                let in_table = is_table_line(&text[super::text::line_around(text, mark)]);
                let (applicability, confidence) = if in_table {
                    (Applicability::Suggest, 0.6)
                } else {
                    (Applicability::Safe, 0.93)
                };
                out.push(
                    Finding::fix(
                        &MISSING_SPACE_AFTER_PUNCTUATION,
                        mark + 1..mark + 1,
                        " ",
                        applicability,
                        confidence,
                    )
                    .message(format!(
                        "no space after `{mark_char}`: `{}{mark_char} {right}`",
                        &text[left_word.start..mark]
                    ))
                    .reason(format!("`{left}` and `{right}` are separate words")),
                );
            },
        );
        // `(signed in May)was praised`: a bracketed phrase glued to the word after it. (Not
        // `(s)he` or `(in)famous`, where the brackets hold part of one word.)
        for close in memchr::memchr_iter(b')', bytes) {
            if !bytes.get(close + 1).is_some_and(u8::is_ascii_lowercase) {
                continue;
            }
            let line_start = memchr::memrchr(b'\n', &bytes[..close]).map_or(0, |i| i + 1);
            let Some(open) =
                memchr::memrchr(b'(', &bytes[line_start..close]).map(|i| line_start + i)
            else {
                continue;
            };
            let inside = &text[open + 1..close];
            let right = &text[word_after(text, close + 1)];
            if !inside.contains(' ')
                || inside.contains(')')
                || right.chars().count() < 2
                || !is_plain_word_token(&text[token_after(text, close + 1)])
                || cx.gazetteer.word(&fold(right)) == 0
            {
                continue;
            }
            out.push(
                Finding::fix(
                    &MISSING_SPACE_AFTER_PUNCTUATION,
                    close + 1..close + 1,
                    " ",
                    Applicability::Safe,
                    0.9,
                )
                .message(format!("no space after `)`: `) {right}`"))
                .reason(format!("the bracketed phrase ends before `{right}`")),
            );
        }
    }
}

static GLUED_WORDS: RuleMeta = RuleMeta {
    id: "spacing/glued-words",
    summary: "two words run together where a space was lost",
    explanation: "Finds a word glued to the capitalised word after it where a link or line \
        break was lost (`talksAnd`, `MelnikWas`, `2%According`, `PolandLithuania`). A common \
        word after the join is lowered (`talks and`); two names are separated by a comma \
        (`Poland, Lithuania`); a word that opens sentences glued to a noun or a name starts \
        the next sentence (`springThe army` → `spring. The army`). Brands and names written with inner capitals on purpose \
        (`YouTube`, `McDonald`, `DeSantis`, `iPhone`, `BioNTech`; `dictionaries/camelcase.txt` \
        and the gazetteer) are never split. A news agency's initials glued to a name \
        (`UkraineEPA`) get their space back. A capitalised common word glued to a number \
        (`2.4%Economists had`) starts a sentence whose full stop was lost (`2.4%. Economists`). \
        A small word glued to a percent sign (`2.4%in November`) gets its space back.",
    safety: "Safe when the second word is a common English word (`And`, `Was`, `According`) and \
        the whole is no known name; two names joined (`PolandLithuania`) and a sentence break \
        after a number (`2.4%. Economists`) are only suggestions.",
    examples: &[
        Example {
            before: "agreed to start peace talksAnd that he instructed",
            after: "agreed to start peace talks and that he instructed",
        },
        Example {
            before: "only 23 members reached 2%According to estimates",
            after: "only 23 members reached 2% according to estimates",
        },
        Example {
            before: "on YouTube, LinkedIn and PlayStation, said McDonald and DeSantis",
            after: "on YouTube, LinkedIn and PlayStation, said McDonald and DeSantis",
        },
    ],
    priority: 45,
};

/// `spacing/glued-words`: see [`GLUED_WORDS`].
pub struct GluedWords;

/// Words that, capitalised and glued to a noun, open the next sentence (`springThe army`,
/// `successHowever`). Pronouns are left out: after a verb they go on its sentence (`saidHe
/// would`).
const SENTENCE_OPENERS: &[&str] = &[
    "furthermore",
    "however",
    "meanwhile",
    "moreover",
    "nevertheless",
    "the",
    "therefore",
    "these",
    "this",
    "those",
];

/// A news agency's initials glued to the name before them where a photo credit lost its
/// space (`Zelensky’s UkraineEPA`): the capital at `i` starts them.
fn glued_agency(cx: &Context<'_>, text: &str, i: usize) -> Option<Finding> {
    let bytes = text.as_bytes();
    if i < 3 || !bytes[i - 1].is_ascii_lowercase() {
        return None;
    }
    let end = i + bytes[i..]
        .iter()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    if !(2..=5).contains(&(end - i)) || bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let left_range = word_before(text, i);
    let left = &text[left_range.clone()];
    let whole = &text[left_range.start..end];
    if left.chars().count() < 3
        || !left.starts_with(char::is_uppercase)
        || is_camel_brand(whole)
        || !super::credits::is_agency(cx, &text[i..end])
    {
        return None;
    }
    // The name before must be a name or word of its own, and the whole no known name.
    let mut hits = Vec::new();
    cx.gazetteer.exact(&fold(whole), &mut hits);
    if !hits.is_empty() {
        return None;
    }
    cx.gazetteer.exact(&fold(left), &mut hits);
    if hits.is_empty() && cx.gazetteer.word(&fold(left)) == 0 {
        return None;
    }
    let agency = &text[i..end];
    Some(
        Finding::fix(&GLUED_WORDS, i..i, " ", Applicability::Safe, 0.85)
            .message(format!("words run together: `{left} {agency}`"))
            .reason(format!(
                "`{agency}` is a news agency's name, glued to `{left}` where a photo credit \
                 lost its space"
            )),
    )
}

impl Rule for GluedWords {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 1] = [&GLUED_WORDS];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        let mut previous_token_end = 0;
        // Only a capital after a small letter, a digit or `%` can start a glued word (or an
        // agency's initials glued to a name): the others are passed over a block at a time.
        let glued = crate::scan::BytePattern::CapitalAfterLowerOrDigit;
        crate::scan::for_each_byte_where(bytes, glued, |i| {
            // A capital after a small letter, a digit or `%`, starting a word in title case.
            if !bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase) {
                if let Some(finding) = glued_agency(cx, text, i) {
                    out.push(finding);
                }
                return;
            }
            let before = bytes[i - 1];
            if !(before.is_ascii_lowercase() || before == b'%' || before.is_ascii_digit()) {
                return;
            }
            let token = token_before(text, i).start..token_after(text, i).end;
            if token.start < previous_token_end {
                return;
            }
            previous_token_end = token.end;
            let right_range = word_after(text, i);
            // `2%According`: the number and its sign are the left word (`3Station` is a name).
            let digits = before == b'%';
            let left_range = if digits {
                let mut start = i;
                while start > 0
                    && (bytes[start - 1].is_ascii_digit()
                        || matches!(bytes[start - 1], b'%' | b'.' | b','))
                {
                    start -= 1;
                }
                start..i
            } else {
                word_before(text, i)
            };
            if left_range.is_empty() || (digits && !bytes[left_range.start].is_ascii_digit()) {
                return;
            }
            let whole = &text[left_range.start..right_range.end];
            let (left, right) = (&text[left_range.clone()], &text[right_range.clone()]);
            if (!digits && left.chars().count() < 2) || right.chars().count() < 2 {
                return;
            }
            if is_camel_brand(whole) || is_camel_brand(&text[token.clone()]) {
                return;
            }
            // (The particles of names first: a test of bytes before the gazetteer's lookups.)
            let particle = left.len() <= 4
                && matches!(
                    left.to_ascii_lowercase().as_str(),
                    "mc" | "mac" | "de" | "la" | "le" | "di" | "van" | "von" | "o" | "fitz" | "du"
                );
            if particle {
                return;
            }
            let folded_whole = fold(whole);
            let mut hits = Vec::new();
            cx.gazetteer.exact(&folded_whole, &mut hits);
            if !hits.is_empty() || cx.gazetteer.word(&folded_whole) != 0 {
                return;
            }
            let right_lower = right.to_lowercase();
            let right_function_word = is_function_word(&right_lower);
            let right_common = right_function_word || cx.gazetteer.is_common_word(&right_lower, 35);
            // The gazetteer is asked only where a repair still depends on its answer: each
            // repair below needs all of its conditions, and the lookups are pure.
            let left_known = || {
                digits
                    || left.chars().next().is_some_and(char::is_uppercase)
                    || cx.gazetteer.word(&fold(left)) != 0
            };
            // (A function word is no name, whatever the gazetteer lists under it:
            // `3.1%In January`.)
            let right_name_cell = std::cell::OnceCell::new();
            let right_name = || {
                *right_name_cell.get_or_init(|| {
                    let mut hits = Vec::new();
                    cx.gazetteer.exact(&fold(right), &mut hits);
                    !hits.is_empty() && !right_function_word
                })
            };
            let left_name = || {
                let mut hits = Vec::new();
                cx.gazetteer.exact(&fold(left), &mut hits);
                !hits.is_empty()
            };
            let split = i;
            let left_start = left_range.start;
            // `talksAnd`, `MelnikWas`, `2%According`; but not `ChemLawn` or `BankEast`, which
            // are the names of companies written in one word.
            let lowercase_left = left.starts_with(char::is_lowercase);
            let function_word = (right_function_word && (right_lower.len() >= 3 || digits))
                || right_lower == "according";
            // `in the springThe army lost`, `a successHowever, many`: a word that opens
            // sentences, glued to a noun, starts the next sentence, whose full stop was lost.
            // (After a function word or a verb it goes on the sentence: `according toThe`,
            // `reportedThe`.) (Or glued to a name: `talks in KyivThe delegation`.)
            let opens_sentence = || {
                let left_lower = left.to_lowercase();
                SENTENCE_OPENERS.contains(&right_lower.as_str())
                    && !digits
                    && left.chars().count() >= 3
                    && (lowercase_left
                        && !is_function_word(&left_lower)
                        && !left_lower.ends_with("ed")
                        && super::quotes::SPEECH_VERBS
                            .binary_search(&left_lower.as_str())
                            .is_err()
                        && cx.gazetteer.is_common_word(&fold(left), 70)
                        || left.starts_with(char::is_uppercase) && left_name())
            };
            let (replacement, applicability, confidence, reason) =
                if opens_sentence() && !right_name() {
                    (
                        format!("{}. {}", &text[left_start..split], right),
                        Applicability::Safe,
                        0.85,
                        format!(
                            "`{right}` opens sentences and `{left}` ends one: the full stop and \
                             space between them were lost"
                        ),
                    )
                } else if right_common && function_word && left_known() && !right_name() {
                    (
                        format!("{}{} {}", &text[left_start..split], "", right_lower),
                        Applicability::Safe,
                        0.93,
                        format!("`{right}` is a common word run into `{left}`"),
                    )
                } else if digits && right_common && !right_name() {
                    // `2.4%Economists had`: a number ends a sentence far more often than a
                    // capitalised common word follows it inside one.
                    (
                        format!("{}. {}", &text[left_start..split], right),
                        Applicability::Suggest,
                        0.6,
                        format!(
                            "`{right}` is capitalised after the number `{left}`: a sentence \
                             lost its full stop and space"
                        ),
                    )
                } else if right_common && lowercase_left && !right_name() {
                    (
                        format!("{} {}", &text[left_start..split], right_lower),
                        Applicability::Suggest,
                        0.6,
                        format!("`{right}` looks like a word run into `{left}`, or a product name"),
                    )
                } else if left.chars().next().is_some_and(char::is_uppercase)
                    && right_name()
                    && left_name()
                {
                    (
                        format!("{}, {}", &text[left_start..split], right),
                        Applicability::Suggest,
                        0.6,
                        format!("`{left}` and `{right}` are both names"),
                    )
                } else {
                    return;
                };
            let span = left_start..right_range.end;
            out.push(
                Finding::fix(&GLUED_WORDS, span, &replacement, applicability, confidence)
                    .message(format!("words run together: `{replacement}`"))
                    .reason(reason),
            );
        });
        // `2.4%in November`: a percent sign glued to the small word after it.
        for percent in memchr::memchr_iter(b'%', bytes) {
            if let Some(finding) = glued_after_percent(cx, text, percent) {
                out.push(finding);
            }
        }
    }
}

/// A number's percent sign glued to the word after it (`fell to 2.4%in November`, `5%of
/// GDP`): the `%` at `percent` has a number of its own before it and a common word in lower
/// case after it. Format strings (`%s`, `%d`, `%in`'s neighbours in code) have no number
/// standing before them as a word.
fn glued_after_percent(cx: &Context<'_>, text: &str, percent: usize) -> Option<Finding> {
    let bytes = text.as_bytes();
    if !bytes.get(percent + 1).is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    // (`3.2 %in October`: a space may stand between the number and its sign.)
    let number_end = if percent > 1 && bytes[percent - 1] == b' ' {
        percent - 1
    } else {
        percent
    };
    if number_end == 0 || !bytes[number_end - 1].is_ascii_digit() {
        return None;
    }
    // The number is a word of its own: `2.4`, `5`, `(12`, not `A4` or `x2`.
    let mut start = number_end;
    while start > 0
        && (bytes[start - 1].is_ascii_digit() || matches!(bytes[start - 1], b'.' | b','))
    {
        start -= 1;
    }
    if !bytes[start].is_ascii_digit()
        || start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'%')
    {
        return None;
    }
    let right = word_after(text, percent + 1);
    let word = &text[right.clone()];
    if word.len() < 2
        || right.end < bytes.len()
            && matches!(bytes[right.end], b'%' | b'_' | b'/' | b'.' | b'=')
            && bytes
                .get(right.end + 1)
                .is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    let function_word = is_function_word(word);
    if !function_word && !cx.gazetteer.is_common_word(word, 35) {
        return None;
    }
    let applicability = if function_word {
        Applicability::Safe
    } else {
        Applicability::Suggest
    };
    Some(
        Finding::fix(
            &GLUED_WORDS,
            percent + 1..percent + 1,
            " ",
            applicability,
            if function_word { 0.93 } else { 0.7 },
        )
        .message(format!(
            "words run together: `{}% {word}`",
            &text[start..number_end]
        ))
        .reason(format!(
            "`{word}` is a common word run into the percent sign before it"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_applicability, assert_cases};

    #[test]
    fn glued_words_cases() {
        assert_cases(
            &GluedWords,
            &[
                (
                    "start peace talksAnd that he",
                    "start peace talks and that he",
                ),
                ("Oleg MelnikWas there", "Oleg Melnik was there"),
                // A word that opens sentences, after a noun: the full stop was lost.
                (
                    "began in the springThe army lost, a successHowever, many",
                    "began in the spring. The army lost, a success. However, many",
                ),
                (
                    "The talks in KyivThe delegation left early.",
                    "The talks in Kyiv. The delegation left early.",
                ),
                // After a function word or a verb, the sentence goes on.
                (
                    "according toThe Guardian, the agency reportedThe minister",
                    "according to the Guardian, the agency reported the minister",
                ),
                (
                    "reached 2%According to NATO",
                    "reached 2% according to NATO",
                ),
                ("fell to 3.1%In January", "fell to 3.1% in January"),
                // A small word glued to the percent sign.
                (
                    "inflation fell to 2.4%in November, and 5%of GDP",
                    "inflation fell to 2.4% in November, and 5% of GDP",
                ),
                // (German spacing of the sign too: the other side is spacing/percent's.)
                ("rose to 3.2 %in October", "rose to 3.2 % in October"),
                // Format strings and codes are left alone.
                (
                    "printf(\"%d%s\", x) and A4%in and 10%%of and 3%is_x",
                    "printf(\"%d%s\", x) and A4%in and 10%%of and 3%is_x",
                ),
                (
                    "slowed to 2.4%Economists had",
                    "slowed to 2.4%. Economists had",
                ),
                (
                    "trade between PolandLithuania grew",
                    "trade between Poland, Lithuania grew",
                ),
                (
                    "Photo: Zelensky’s UkraineEPA",
                    "Photo: Zelensky’s Ukraine EPA",
                ),
                // negatives
                (
                    "the ChinaAMC fund, USAID and the GeForceRTX",
                    "the ChinaAMC fund, USAID and the GeForceRTX",
                ),
                (
                    "on YouTube and LinkedIn via PlayStation",
                    "on YouTube and LinkedIn via PlayStation",
                ),
                (
                    "McDonald met DeSantis at LaGuardia",
                    "McDonald met DeSantis at LaGuardia",
                ),
                (
                    "an iPhone, JavaScript and BioNTech",
                    "an iPhone, JavaScript and BioNTech",
                ),
                (
                    "shares of BlackRock and JPMorgan",
                    "shares of BlackRock and JPMorgan",
                ),
                ("Pete HegSeth said", "Pete HegSeth said"),
            ],
        );
        assert_applicability(
            &GluedWords,
            "slowed to 2.4%Economists had",
            Applicability::Suggest,
        );
        assert_applicability(
            &GluedWords,
            "between PolandLithuania grew",
            Applicability::Suggest,
        );
    }

    #[test]
    fn percent_cases() {
        assert_cases(
            &SpaceBeforePercent,
            &[
                ("rose by 3 % next year", "rose by 3% next year"),
                ("a 2.5 % rise (10 %)", "a 2.5% rise (10%)"),
                ("rose to 3.2 %in October", "rose to 3.2%in October"),
                ("a 3 %d format", "a 3 %d format"),
                ("fell 0,8 %.", "fell 0,8%."),
                // negatives
                ("printf(\"%d %s\", 3 %d)", "printf(\"%d %s\", 3 %d)"),
                ("the A4 % and x-3 %", "the A4 % and x-3 %"),
                ("grew 10 %% on", "grew 10 %% on"),
                ("a % sign", "a % sign"),
            ],
        );
        assert_applicability(&SpaceBeforePercent, "by 3 % now", Applicability::Safe);
    }

    #[test]
    fn inside_brackets_cases() {
        assert_cases(
            &SpaceInsideBrackets,
            &[
                (
                    "a plan ( ReArm Europe ) on Tuesday",
                    "a plan (ReArm Europe) on Tuesday",
                ),
                ("the E3 (France, Britain )", "the E3 (France, Britain)"),
                ("see [ note ]", "see [note]"),
                // negatives: figures aligned in a table, brackets that do not pair on the
                // line, lists, empty brackets
                (
                    " Aus Sch         137.5    ( 137.6 )",
                    " Aus Sch         137.5    ( 137.6 )",
                ),
                ("a ) first b ) second", "a ) first b ) second"),
                ("an open ( bracket\nclosed )", "an open ( bracket\nclosed )"),
                ("empty ( ) ones", "empty ( ) ones"),
            ],
        );
        assert_applicability(
            &SpaceInsideBrackets,
            "a plan (ReArm Europe ) on",
            Applicability::Suggest,
        );
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [NUMBER_WORDS, PREFIXES, SECOND_ELEMENTS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{:?}", list);
        }
    }

    #[test]
    fn two_places_joined_by_a_spaced_hyphen() {
        // Safe, where other capitalised words are only suggested.
        assert_applicability(&HyphenSpace, "the Russia -Ukraine war", Applicability::Safe);
        assert_applicability(&HyphenSpace, "the Berlin -Warsaw line", Applicability::Safe);
        assert_applicability(
            &HyphenSpace,
            "the Smith -Jones deal",
            Applicability::Suggest,
        );
    }

    #[test]
    fn hyphen_space_cases() {
        assert_cases(
            &HyphenSpace,
            &[
                ("start a two -day summit", "start a two-day summit"),
                // German's compounds of an acronym and a noun, and a span of years.
                (
                    "The US -President met the EU -Commission before the G7 -summit.",
                    "The US President met the EU Commission before the G7 summit.",
                ),
                (
                    "The CDU -leader and the UN -Security Council in the 2024 -2025 budget.",
                    "The CDU leader and the UN Security Council in the 2024-2025 budget.",
                ),
                ("a US -backed plan", "a US-backed plan"),
                (
                    "The X -ray showed it; he made a U -turn.",
                    "The X-ray showed it; he made a U-turn.",
                ),
                (
                    "between 2024 -15 and 1990 -2100",
                    "between 2024 -15 and 1990 -2100",
                ),
                ("and non -European troops", "and non-European troops"),
                ("in the comments e -Mail.", "in the comments e-mail."),
                ("a 30 -year high", "a 30-year high"),
                // Designations: aircraft, missiles, a disease.
                (
                    "new F -35A jets, S -400 systems, MiG -29 fighters and COVID -19.",
                    "new F-35A jets, S-400 systems, MiG-29 fighters and COVID-19.",
                ),
                // (A minus in figures is left alone.)
                (
                    "group A -3.5 and B -2% and Smith -12 and x -3",
                    "group A -3.5 and B -2% and Smith -12 and x -3",
                ),
                ("The 15 -year -old was hurt", "The 15-year-old was hurt"),
                ("a 15-year -old boy", "a 15-year-old boy"),
                ("a state -owned firm", "a state-owned firm"),
                ("the Russia -Ukraine war", "the Russia-Ukraine war"),
                ("“non -European” troops", "“non-European” troops"),
                // negatives
                ("a fall to -5 degrees", "a fall to -5 degrees"),
                ("the war -which began", "the war -which began"),
                ("prices - not volumes", "prices - not volumes"),
                ("use the --force flag", "use the --force flag"),
                ("U.S. -backed", "U.S. -backed"),
                ("found in -mail", "found in -mail"),
                ("the so -called coalition", "the so-called coalition"),
                ("a well -known face", "a well-known face"),
                ("E -Mail addresses", "E-mail addresses"),
                ("the US -led coalition", "the US-led coalition"),
                ("it is -which", "it is -which"),
                ("so -and -so", "so -and -so"),
            ],
        );
        assert_applicability(&HyphenSpace, "a two -day summit", Applicability::Safe);
        // Headlines in capitals are not such compounds: at most a hyphen is suggested.
        let headline = crate::rules::testing::findings(
            &HyphenSpace,
            "OPEC CUTS -steady and SAUDI PLANS -REPORT",
        );
        assert_eq!(headline.len(), 2);
        assert!(
            headline
                .iter()
                .all(|f| f.applicability == Applicability::Suggest)
        );
        assert_applicability(&HyphenSpace, "the Smith -Jones war", Applicability::Suggest);
    }

    #[test]
    fn double_space_cases() {
        assert_cases(
            &DoubleSpace,
            &[
                ("The company said  it was", "The company said it was"),
                ("by 65  to 70", "by 65 to 70"),
                // negatives
                ("    indented paragraph", "    indented paragraph"),
                ("trailing  ", "trailing  "),
                ("end of sentence.  Next one", "end of sentence.  Next one"),
                ("three   spaces", "three   spaces"),
                (
                    " Wheat   2.55  2.40       IV",
                    " Wheat   2.55  2.40       IV",
                ),
                ("Due: 27  35 and  x", "Due: 27  35 and  x"),
                ("YEMEN  -- USDA", "YEMEN  -- USDA"),
                ("NEW  YORK", "NEW  YORK"),
            ],
        );
        assert_applicability(&DoubleSpace, "said  it", Applicability::Suggest);
    }

    #[test]
    fn double_space_is_safe_in_markdown() {
        let text = "The company said  it was.\n";
        let doc = crate::document::Document::new(text, Format::Markdown);
        let options = crate::rules::RuleOptions::default();
        let gazetteer = crate::gazetteer::Gazetteer::embedded();
        let mut out = Vec::new();
        DoubleSpace.check(
            &Context {
                doc: &doc,
                options: &options,
                gazetteer: &gazetteer,
            },
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].applicability, Applicability::Safe);
    }

    #[test]
    fn space_before_punctuation_cases() {
        assert_cases(
            &SpaceBeforePunctuation,
            &[
                (
                    "another mill to meet their demands .",
                    "another mill to meet their demands.",
                ),
                (
                    "at a press conference , is expected",
                    "at a press conference, is expected",
                ),
                ("Hunan , Jiangxi", "Hunan, Jiangxi"),
                ("Is it true ? Yes !", "Is it true? Yes!"),
                ("he said : “no”", "he said: “no”"),
                ("the “plan” , he said", "the “plan”, he said"),
                // negatives
                ("if the . . . import ban", "if the . . . import ban"),
                ("a .5 pct rise", "a .5 pct rise"),
                ("built on .NET today", "built on .NET today"),
                ("odds of 3 : 1", "odds of 3 : 1"),
                ("and then ... nothing", "and then ... nothing"),
                (" , leading", " , leading"),
                ("smile :)", "smile :)"),
            ],
        );
    }

    #[test]
    fn missing_space_after_punctuation_cases() {
        assert_cases(
            &MissingSpaceAfterPunctuation,
            &[
                (
                    "goals were unrealistic.He called",
                    "goals were unrealistic. He called",
                ),
                ("in Munich.Image: Reuters", "in Munich. Image: Reuters"),
                ("Really?Yes.", "Really? Yes."),
                ("from Paris,France and", "from Paris, France and"),
                ("in 2024.The year", "in 2024. The year"),
                (
                    "The report said:the situation is bad.",
                    "The report said: the situation is bad.",
                ),
                ("at 10:30 and 3:1", "at 10:30 and 3:1"),
                (
                    "The deal (signed in May)was praised.",
                    "The deal (signed in May) was praised.",
                ),
                (
                    "(s)he said it was (in)famous",
                    "(s)he said it was (in)famous",
                ),
                (
                    "a “historic moment”.He added",
                    "a “historic moment”. He added",
                ),
                (
                    "a \"historic moment\".He added",
                    "a \"historic moment\". He added",
                ),
                ("(in euros).The rate", "(in euros). The rate"),
                (
                    "sanctions against Russia.EU leaders and the alliance.NATO said",
                    "sanctions against Russia. EU leaders and the alliance. NATO said",
                ),
                ("see index.HTM and Vue.JS", "see index.HTM and Vue.JS"),
                (
                    "the file report.PDF was sent",
                    "the file report.PDF was sent",
                ),
                (
                    "The price rose 2%.According to analysts",
                    "The price rose 2%. According to analysts",
                ),
                ("up 2.5%.Analysts said", "up 2.5%. Analysts said"),
                (
                    "Starmer said:“We stand with Ukraine,” and added,“Always.”",
                    "Starmer said: “We stand with Ukraine,” and added, “Always.”",
                ),
                (
                    "shot down 45 of 60 drones .At least three, on Friday ,a spokesman said",
                    "shot down 45 of 60 drones. At least three, on Friday, a spokesman said",
                ),
                (
                    "built on ASP .NET and the .Net way",
                    "built on ASP .NET and the .Net way",
                ),
                // negatives
                ("the “U.S.”.", "the “U.S.”."),
                ("said “Yes”.OK", "said “Yes”.OK"),
                ("The U.S. Army", "The U.S. Army"),
                ("e.g. this", "e.g. this"),
                ("3.5 pct", "3.5 pct"),
                ("1,000 dlrs", "1,000 dlrs"),
                ("see www.x.com today", "see www.x.com today"),
                ("Node.js and Vue.js", "Node.js and Vue.js"),
                ("ASP.NET Core", "ASP.NET Core"),
                ("System.Console.WriteLine", "System.Console.WriteLine"),
                ("at 10:30 GMT", "at 10:30 GMT"),
                ("NOTE:1986 revs", "NOTE:1986 revs"),
                ("file report.Final/x", "file report.Final/x"),
                ("a,b", "a,b"),
            ],
        );
    }

    #[test]
    fn missing_space_in_a_table_is_only_suggested() {
        assert_applicability(
            &MissingSpaceAfterPunctuation,
            " Zurich  33,008,542 up, Swiss.Bank.   5,261,475 unch.",
            Applicability::Suggest,
        );
        assert_applicability(
            &MissingSpaceAfterPunctuation,
            "said on Monday.The Swiss bank",
            Applicability::Safe,
        );
    }
}
