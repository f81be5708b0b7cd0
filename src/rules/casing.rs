//! `casing/…`: capitals in the wrong place.
//!
//! When a hyperlink is stripped from a translated article, the capital of the linked text stays
//! behind in mid-sentence (`stating it The return`, `At the moment Only 23`). And a title
//! before a name loses its capitals (`vice president JD Vance`).

use super::text::{char_before, is_function_word};
use super::{Context, Example, Rule, RuleMeta};
use crate::fixes::{Applicability, Finding};
use crate::gazetteer::Kind;
use crate::gazetteer::fold::fold;

static FUNCTION_WORD: RuleMeta = RuleMeta {
    id: "casing/function-word",
    summary: "capitalised function word in mid-sentence",
    explanation: "Finds a function word or common adverb with a capital in the middle of a \
        sentence, after a lower-case word (`stating it The return`, `At the moment Only 23`): \
        the trace of a removed link. Words after a colon, a quotation mark or a bracket, words \
        that start a name in the gazetteer (The Hague, The Times, The Who) and lines written \
        in title case (headlines) are left alone; `The` before a known name of several words \
        that has no article of its own is lowered (`said that The European Union` → `said \
        that the European Union`).",
    safety: "Safe: only function words are lowered, only after a lower-case word in the same \
        sentence, and never where they start a known name.",
    examples: &[
        Example {
            before: "stating it The return to the borders",
            after: "stating it the return to the borders",
        },
        Example {
            before: "At the moment Only 23 out of 32 members",
            after: "At the moment only 23 out of 32 members",
        },
        Example {
            before: "judges in The Hague read The Times: The ruling",
            after: "judges in The Hague read The Times: The ruling",
        },
    ],
    priority: 40,
};

static TITLE: RuleMeta = RuleMeta {
    id: "casing/title",
    summary: "title before a name written in lower case",
    explanation: "Finds a title written in lower case directly before the name of a person in \
        the gazetteer whose role it is (`vice president JD Vance`) and offers capitals \
        (`Vice President JD Vance`).",
    safety: "Only a suggestion: house styles differ on capitalising titles before names.",
    examples: &[
        Example {
            before: "including vice president JD Vance and others",
            after: "including Vice President JD Vance and others",
        },
        Example {
            before: "the former vice president of the company",
            after: "the former vice president of the company",
        },
    ],
    priority: 20,
};

/// Function words and common adverbs that a stripped link leaves capitalised.
const LOWERABLE: &[&str] = &[
    "a", "about", "across", "after", "against", "all", "almost", "also", "although", "among", "an",
    "and", "another", "any", "anyone", "anything", "are", "around", "as", "at", "be", "because",
    "been", "before", "between", "both", "but", "by", "can", "could", "despite", "did", "does",
    "during", "each", "either", "even", "every", "everyone", "few", "for", "from", "had", "has",
    "have", "he", "her", "his", "how", "if", "in", "into", "is", "it", "its", "just", "many",
    "more", "most", "much", "must", "nearly", "neither", "nobody", "not", "nothing", "of", "on",
    "once", "only", "or", "other", "our", "over", "several", "she", "should", "since", "so",
    "some", "somebody", "someone", "still", "such", "than", "that", "the", "their", "then",
    "there", "these", "they", "this", "those", "though", "through", "to", "under", "unless",
    "until", "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while",
    "who", "will", "with", "within", "without", "would", "yet",
];

/// Words after which a clause may start, so that a capitalised pronoun there is the pronoun
/// even where it is also someone's name (`said that He would`). Sorted.
const CLAUSE_OPENERS: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "if", "since", "so", "that",
    "though", "unless", "until", "when", "whether", "while",
];

/// Particles of names, after which a capitalised word is a surname (`van der Does`).
const NAME_PARTICLES: &[&str] = &[
    "abu", "al", "bin", "da", "de", "del", "della", "den", "der", "des", "di", "du", "el", "ibn",
    "la", "le", "st", "ten", "ter", "van", "von", "zu",
];

/// Adverbs that open a sentence, after which a stripped link may leave a capital
/// (`Currently Only 12 …`).
const SENTENCE_ADVERBS: &[&str] = &[
    "additionally",
    "currently",
    "earlier",
    "finally",
    "furthermore",
    "however",
    "initially",
    "later",
    "meanwhile",
    "moreover",
    "nevertheless",
    "nonetheless",
    "now",
    "previously",
    "recently",
    "subsequently",
    "then",
    "therefore",
    "thus",
    "today",
    "yesterday",
];

/// Titles that are capitalised directly before a name.
const TITLES: &[&str] = &[
    "chancellor",
    "defence minister",
    "defense secretary",
    "finance minister",
    "foreign minister",
    "general",
    "president",
    "prime minister",
    "secretary of state",
    "vice president",
];

/// The first words of [`TITLES`].
const TITLE_STARTS: &[&str] = &[
    "chancellor",
    "defence",
    "defense",
    "finance",
    "foreign",
    "general",
    "president",
    "prime",
    "secretary",
    "vice",
];

/// The last four letters of each of [`TITLES`], to pass over other words at once.
const TITLE_ENDINGS: [&[u8; 4]; 6] = [b"llor", b"ster", b"tary", b"eral", b"dent", b"tate"];

/// The casing checks.
pub struct Casing;

impl Rule for Casing {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 2] = [&FUNCTION_WORD, &TITLE];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        let lowerable = lowerable();
        let mut title_starts = Vec::new();
        for segment in cx.doc.prose() {
            // Candidates only: a capital after a space after a small letter, or a title. The
            // words of the line around a candidate give the rules their context.
            let at_candidate = |at: usize, title_check: bool, out: &mut Vec<Finding>| {
                // The line, and the next one: a name may continue there (`of The\nNevada Bank`).
                let line = super::text::line_around(text, at);
                let next_line_end =
                    memchr::memchr(b'\n', &bytes[(line.end + 1).min(segment.end)..segment.end])
                        .map_or(segment.end, |n| line.end + 1 + n);
                let line = line.start.max(segment.start)..next_line_end.min(segment.end);
                let words = words_in(text, line);
                if let Ok(k) = words.binary_search_by_key(&at, |w| w.start) {
                    if title_check {
                        title(cx, text, &words, k, out);
                    } else {
                        function_word(cx, text, &words, k, words[k].clone(), out);
                    }
                }
            };
            // Capitals (and non-ASCII letters) after a space after a small letter, found a
            // block at a time: a stray function word, or a name after a title. (The first two
            // bytes of a segment have no word before them in it.)
            let seg_bytes = &bytes[segment.clone()];
            title_starts.clear();
            let after_word = crate::scan::BytePattern::CapitalOrHighAfterWord;
            crate::scan::for_each_byte_where(seg_bytes, after_word, |offset| {
                let at = segment.start + offset;
                if offset < 2 {
                    return;
                }
                titles_before(bytes, segment.start, at, &mut title_starts);
                if !bytes[at].is_ascii_uppercase() {
                    return;
                }
                // (Most capitalised words are names: their first two letters rule most out
                // before the word is read. A word of one letter is no candidate either.)
                let letter = usize::from(bytes[at] - b'A');
                if at + 1 >= segment.end
                    || !bytes[at + 1].is_ascii_lowercase()
                    || lowerable.seconds[letter] & 1 << (bytes[at + 1] - b'a') == 0
                {
                    return;
                }
                // Only a function word is a candidate: check the word before the context.
                // (None is longer than 8 letters: the word is read no further.)
                let limit = segment.end.min(at + 9);
                let mut end = at + 1;
                while end < limit && bytes[end].is_ascii_lowercase() {
                    end += 1;
                }
                let word = &bytes[at..end];
                if word.len() < 2 || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    return;
                }
                // (Their length rules out more before the search.)
                if lowerable.lengths[letter] & 1 << word.len() != 0
                    && super::text::pack_short(word)
                        .is_some_and(|key| lowerable.packed.binary_search(&key).is_ok())
                {
                    at_candidate(at, false, out);
                }
            });
            // The titles, in order, after the function words (as a search for them would).
            title_starts.sort_unstable();
            title_starts.dedup();
            for &at in &title_starts {
                at_candidate(at, true, out);
            }
        }
    }
}

/// Pushes onto `starts` the start of each title of [`TITLES`] that ends one space before the
/// name candidate at `name` and starts a word of the segment (at its start or after a space).
///
/// A title is repaired only before a name in capitals, after a single space: the names' first
/// letters, found a block at a time, lead to the few titles there are, where a search for the
/// titles' words would stop at every `general` and `president`.
fn titles_before(bytes: &[u8], segment_start: usize, name: usize, starts: &mut Vec<usize>) {
    let end = name - 1;
    if end < segment_start + 4 {
        return;
    }
    let ending = u32::from_le_bytes([
        bytes[end - 4],
        bytes[end - 3],
        bytes[end - 2],
        bytes[end - 1],
    ]);
    if !TITLE_ENDINGS
        .iter()
        .any(|title_ending| u32::from_le_bytes(**title_ending) == ending)
    {
        return;
    }
    for title in TITLES {
        let title = title.as_bytes();
        if end >= segment_start + title.len() && &bytes[end - title.len()..end] == title {
            let start = end - title.len();
            if start == segment_start || bytes[start - 1] == b' ' {
                starts.push(start);
            }
        }
    }
}

/// [`LOWERABLE`] packed and sorted, searched without string compares, and the lengths and
/// second letters its words have for each first letter.
struct Lowerable {
    /// The words packed by [`super::text::pack_short`], sorted.
    packed: Vec<u64>,
    /// For each letter `a` to `z`, bit `n` set when a word of `n` letters starts with it.
    lengths: [u16; 26],
    /// For each letter `a` to `z`, bit `k` set when a word starts with it and the `k`th
    /// letter of the alphabet.
    seconds: [u32; 26],
}

/// The [`Lowerable`] words.
fn lowerable() -> &'static Lowerable {
    static WORDS: std::sync::LazyLock<Lowerable> = std::sync::LazyLock::new(|| {
        let mut packed: Vec<u64> = LOWERABLE
            .iter()
            .map(|word| {
                super::text::pack_short(word.as_bytes())
                    .expect("lower-able function words are at most 8 letters")
            })
            .collect();
        packed.sort_unstable();
        let mut lengths = [0u16; 26];
        let mut seconds = [0u32; 26];
        for word in LOWERABLE {
            let first = usize::from(word.as_bytes()[0] - b'a');
            lengths[first] |= 1 << word.len();
            if let Some(&second) = word.as_bytes().get(1) {
                seconds[first] |= 1 << (second - b'a');
            }
        }
        Lowerable {
            packed,
            lengths,
            seconds,
        }
    });
    &WORDS
}

/// Byte ranges of the words (letters, digits, inner apostrophes) of a segment.
fn words_in(text: &str, segment: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(segment.len() / 6);
    crate::scan::word_spans(text, segment, true, &mut out);
    out
}

fn function_word(
    cx: &Context<'_>,
    text: &str,
    words: &[std::ops::Range<usize>],
    k: usize,
    word: std::ops::Range<usize>,
    out: &mut Vec<Finding>,
) {
    // Most words are not capitalised: decide on the first byte.
    if !text.as_bytes()[word.start].is_ascii_uppercase() {
        return;
    }
    let surface = &text[word.clone()];
    let mut chars = surface.chars();
    let Some(first) = chars.next() else { return };
    if !first.is_uppercase() || !chars.clone().all(char::is_lowercase) {
        return;
    }
    let lower = surface.to_lowercase();
    // A single capital is a class or series (`Class A shares`, `that A shares rose`), not a
    // stray article.
    if surface.chars().count() < 2 || LOWERABLE.binary_search(&lower.as_str()).is_err() || k == 0 {
        return;
    }
    // The previous word must be a lower-case word in the same sentence, with only spaces
    // between them.
    let previous = &text[words[k - 1].clone()];
    let gap = &text[words[k - 1].end..word.start];
    // (Or a sentence adverb opening the sentence: `Currently Only 12 of the 27`; not any
    // word, as names are made of them: `Ten Have said`.)
    let opening_word = || {
        SENTENCE_ADVERBS
            .binary_search(&previous.to_lowercase().as_str())
            .is_ok()
            && previous.starts_with(char::is_uppercase)
            && starts_sentence(text, words[k - 1].start)
    };
    // (Or a day of the week, which ends an adverbial of time: `said on Tuesday The
    // government`.)
    let weekday = matches!(
        previous,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    );
    if gap != " " || !(previous.chars().all(|c| c.is_lowercase()) || weekday || opening_word()) {
        // Two spaces often stand where a full stop was lost: not a mid-sentence capital.
        return;
    }
    // A surname after its particle: `Rein van der Does`, `Rafael de Which`.
    if NAME_PARTICLES.binary_search(&previous).is_ok() {
        return;
    }
    // `He` is also a surname (He Lifeng): where the article names him, `that He said` may be
    // his; elsewhere it is the pronoun where a clause may start (`said that He would`), not
    // where a name is expected (`quoted He as saying`: the pronoun would be `him`).
    let mut hits = Vec::new();
    cx.gazetteer.exact(&fold(surface), &mut hits);
    let clause_may_start = CLAUSE_OPENERS.binary_search(&previous).is_ok();
    // (Only a surname written as a word of its own counts: `in` of Moon Jae-in does not.)
    if hits.iter().any(|h| match h.role {
        // (A place is named so after a preposition of place, `flights to Most`, the Czech
        // city, or before a word of its own, `4.3 billion Can dlrs`; before a function word,
        // `the report Most of the victims`, it is the word.)
        crate::gazetteer::Role::Canonical => cx.gazetteer.entity(h.entity).is_none_or(|e| {
            !e.kind.is_place()
                || matches!(
                    previous,
                    "in" | "to" | "from" | "near" | "at" | "outside" | "via" | "of"
                )
                || !words
                    .get(k + 1)
                    .is_some_and(|next| super::text::is_function_word(&text[next.clone()]))
        }),
        // (Either token: Chinese names put the surname first, `He Lifeng`.)
        crate::gazetteer::Role::Surname | crate::gazetteer::Role::Given => {
            cx.gazetteer.entity(h.entity).is_some_and(|e| {
                e.name
                    .split(' ')
                    .any(|part| part.eq_ignore_ascii_case(surface))
                    && (!clause_may_start || text.contains(e.name))
            })
        }
        _ => false,
    }) {
        return;
    }
    if char_before(text, words[k - 1].start)
        .is_some_and(|c| matches!(c, '“' | '"' | '‘' | '(' | '['))
    {
        return;
    }
    // Before a capitalised word it starts a title or name (`The Observer`, `Most Favoured
    // Nation`); the known ones (The Hague, The Times) are in the gazetteer too. Only `The`
    // before a name of several words that has no `The` of its own is lowered (`said that The
    // European Union`, `said it The White House`).
    if words
        .get(k + 1)
        .is_some_and(|next| text[next.clone()].starts_with(char::is_uppercase))
        && !(surface == "The" && article_before_name(cx, text, words, k))
    {
        return;
    }
    // `Just for Kids`, `Out of Africa`: a title with a small function word inside.
    if let (Some(next), Some(after)) = (words.get(k + 1), words.get(k + 2))
        && LOWERABLE.contains(&&text[next.clone()])
        && text[after.clone()].starts_with(char::is_uppercase)
        && &text[next.end..after.start] == " "
    {
        return;
    }
    // A name that starts with the word and goes on in small letters (`The new York Times`,
    // miscased): the words must make the name, not only begin some name (`it The new rules`:
    // The New York Times begins so, but no name is `the new rules`).
    let mut phrase = fold(surface);
    for next in words.iter().skip(k + 1).take(5) {
        phrase.push(' ');
        phrase.push_str(&fold(&text[next.clone()]));
        let mut hits = Vec::new();
        cx.gazetteer.exact(&phrase, &mut hits);
        if !hits.is_empty() {
            return;
        }
        // (The starters list pairs of words; longer beginnings are looked for as prefixes.)
        let goes_on = if phrase.matches(' ').count() == 1 {
            cx.gazetteer.is_starter(&phrase)
        } else {
            !cx.gazetteer
                .prefix_keys(&format!("{phrase} "), 1)
                .is_empty()
        };
        if !goes_on {
            break;
        }
    }
    // Headlines and titles: most words of the line capitalised.
    let line = super::text::line_around(text, word.start);
    let line_words: Vec<&str> = words
        .iter()
        .filter(|w| w.start >= line.start && w.end <= line.end)
        .map(|w| &text[w.clone()])
        .collect();
    let capitalised = line_words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    if line_words.len() >= 3 && capitalised * 2 > line_words.len() {
        return;
    }
    out.push(
        Finding::fix(&FUNCTION_WORD, word.clone(), &lower, Applicability::Safe, 0.9)
            .message(format!("`{surface}` in mid-sentence: `{lower}`"))
            .reason(format!("`{lower}` is a function word after `{previous}`; the capital is left from a removed link")),
    );
}

/// True when the capitalised words after `The` (word `k`) are exactly the name of something
/// other than a person, of two words or more, that is not written with `The` itself nor begins
/// a name that is (`The European Union`; not `The Hague`, `The New York Times`).
fn article_before_name(
    cx: &Context<'_>,
    text: &str,
    words: &[std::ops::Range<usize>],
    k: usize,
) -> bool {
    let run: Vec<&str> = words
        .iter()
        .skip(k + 1)
        .take(5)
        .map(|w| &text[w.clone()])
        .take_while(|w| w.starts_with(char::is_uppercase))
        .collect();
    // The run must end where the sentence goes on in small letters, with single spaces.
    let joined_by_spaces = words[k..=k + run.len()]
        .windows(2)
        .all(|pair| &text[pair[0].end..pair[1].start] == " ");
    if run.len() < 2 || run.len() == 5 || !joined_by_spaces {
        return false;
    }
    let name = fold(&run.join(" "));
    let mut hits = Vec::new();
    cx.gazetteer.exact(&name, &mut hits);
    let other_than_person = hits.iter().any(|h| {
        h.role == crate::gazetteer::Role::Canonical
            && cx
                .gazetteer
                .entity(h.entity)
                .is_some_and(|e| e.kind != Kind::Person && !e.name.starts_with("The "))
    });
    if !other_than_person {
        return false;
    }
    let with_article = format!("the {name}");
    hits.clear();
    cx.gazetteer.exact(&with_article, &mut hits);
    hits.is_empty()
        && cx
            .gazetteer
            .prefix_keys(&format!("{with_article} "), 1)
            .is_empty()
}

/// True when the word at `start` opens a sentence: at the start of a line, or after a full
/// stop, question or exclamation mark and a space.
fn starts_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(' ');
    before.is_empty() || before.ends_with(['\n', '.', '?', '!'])
}

fn title(
    cx: &Context<'_>,
    text: &str,
    words: &[std::ops::Range<usize>],
    k: usize,
    out: &mut Vec<Finding>,
) {
    // Most words start no title: check the first word before anything else.
    if !TITLE_STARTS.contains(&&text[words[k].clone()]) {
        return;
    }
    // `president` in `vice president` is part of the longer title, found from `vice`.
    if k > 0 && &text[words[k].clone()] == "president" && &text[words[k - 1].clone()] == "vice" {
        return;
    }
    for title in TITLES {
        let parts: Vec<&str> = title.split(' ').collect();
        let n = parts.len();
        if k + n >= words.len() {
            continue;
        }
        let matches = parts
            .iter()
            .enumerate()
            .all(|(j, p)| text[words[k + j].clone()] == **p)
            && (1..=n).all(|j| &text[words[k + j - 1].end..words[k + j].start] == " ");
        if !matches {
            continue;
        }
        // The title must be followed by a gazetteer person whose description holds the title.
        let name_start = words[k + n].start;
        if !text[name_start..].starts_with(char::is_uppercase) {
            continue;
        }
        let mut best = None;
        for m in (1..=3).rev() {
            if k + n + m > words.len() {
                continue;
            }
            let name = &text[name_start..words[k + n + m - 1].end];
            let mut hits = Vec::new();
            cx.gazetteer.exact(&fold(name), &mut hits);
            let person = hits
                .iter()
                .filter(|h| {
                    matches!(
                        h.role,
                        crate::gazetteer::Role::Canonical | crate::gazetteer::Role::Surname
                    )
                })
                .find_map(|h| {
                    let e = cx.gazetteer.entity(h.entity)?;
                    (e.kind == Kind::Person && fold(e.description).contains(title)).then_some(e)
                });
            if person.is_some() {
                best = Some(name);
                break;
            }
        }
        if best.is_none() || is_function_word(parts[0]) {
            continue;
        }
        let span = words[k].start..words[k + n - 1].end;
        let replacement: String = text[span.clone()]
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ");
        out.push(
            Finding::fix(&TITLE, span, &replacement, Applicability::Suggest, 0.6)
                .message(format!("title before a name: `{replacement}`"))
                .reason(format!(
                    "`{}` holds this office in the gazetteer",
                    best.unwrap_or_default()
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
        assert!(SENTENCE_ADVERBS.windows(2).all(|w| w[0] < w[1]));
        assert!(LOWERABLE.windows(2).all(|w| w[0] < w[1]));
        assert!(NAME_PARTICLES.windows(2).all(|w| w[0] < w[1]));
        assert!(CLAUSE_OPENERS.windows(2).all(|w| w[0] < w[1]));
        for title in TITLES {
            assert!(
                TITLE_STARTS.contains(&title.split(' ').next().unwrap()),
                "{title}"
            );
            assert!(
                TITLE_ENDINGS
                    .iter()
                    .any(|ending| ending[..] == title.as_bytes()[title.len() - 4..]),
                "{title}"
            );
        }
    }

    #[test]
    fn stray_capitals_are_lowered() {
        assert_cases(
            &Casing,
            &[
                (
                    "stateing it The return to the borders",
                    "stateing it the return to the borders",
                ),
                (
                    "At the moment Only 23 out of 32",
                    "At the moment only 23 out of 32",
                ),
                ("and they said But it failed", "and they said but it failed"),
                (
                    "He said that Since the start of the war prices rose.",
                    "He said that since the start of the war prices rose.",
                ),
                // A single capital is a class or a rating.
                ("that A shares rose", "that A shares rose"),
                // (`in` is also a syllable of Moon Jae-in's name, not a surname of its own.)
                (
                    "He stressed that In the coming weeks the talks would continue.",
                    "He stressed that in the coming weeks the talks would continue.",
                ),
                (
                    "Currently Only 12 of the 27 member states have ratified it.",
                    "Currently only 12 of the 27 member states have ratified it.",
                ),
                (
                    "The spokesman said it Would take several weeks.",
                    "The spokesman said it would take several weeks.",
                ),
                (
                    "According to the report Many soldiers were wounded.",
                    "According to the report many soldiers were wounded.",
                ),
                (
                    "The minister said on Tuesday The government would not back down.",
                    "The minister said on Tuesday the government would not back down.",
                ),
                (
                    "He pointed out that Several countries agreed to Almost all of it.",
                    "He pointed out that several countries agreed to almost all of it.",
                ),
                // `Most` is also a Czech town: its name after a preposition of place only.
                (
                    "According to the report Most of the victims were civilians.",
                    "According to the report most of the victims were civilians.",
                ),
                (
                    "The trains to Most were cancelled.",
                    "The trains to Most were cancelled.",
                ),
                ("a 4.3 billion Can dlr offer", "a 4.3 billion Can dlr offer"),
                (
                    "The chancellor said that He would not accept any tax increases.",
                    "The chancellor said that he would not accept any tax increases.",
                ),
                (
                    "In the end Nobody wanted to take responsibility.",
                    "In the end nobody wanted to take responsibility.",
                ),
                // `The new` begins The New York Times; `the new rules` is no name.
                (
                    "The minister explained it The new rules would apply from May.",
                    "The minister explained it the new rules would apply from May.",
                ),
                // `The` before a name that has none of its own.
                (
                    "A spokesman said on the phone that The European Union would respond to it.",
                    "A spokesman said on the phone that the European Union would respond to it.",
                ),
                // … but not before names written with it, or words that are no known name.
                (
                    "A spokesman told reporters that The New York Times had it wrong again.",
                    "A spokesman told reporters that The New York Times had it wrong again.",
                ),
                (
                    "A spokesman told reporters that The Hill had it wrong again today.",
                    "A spokesman told reporters that The Hill had it wrong again today.",
                ),
                (
                    "The critic said that The Lost Daughter was a fine film of its kind.",
                    "The critic said that The Lost Daughter was a fine film of its kind.",
                ),
                // … but a name written in small letters after it keeps the capital.
                (
                    "He said it The new York Times reported.",
                    "He said it The new York Times reported.",
                ),
                // Where a name is expected, `He` stays (the pronoun would be `him`).
                (
                    "The China Daily quoted He as saying China should adopt it.",
                    "The China Daily quoted He as saying China should adopt it.",
                ),
                // negatives
                (
                    "Rein van der Does, director of research, admits to being cautious.",
                    "Rein van der Does, director of research, admits to being cautious.",
                ),
                (
                    "Ten Have said Dutch price ratios were low.",
                    "Ten Have said Dutch price ratios were low.",
                ),
                // (`He` is He Lifeng's surname where the article names him.)
                (
                    "He Lifeng arrived. Officials said that He would attend the talks.",
                    "He Lifeng arrived. Officials said that He would attend the talks.",
                ),
                (
                    "The ministers met. The talks ended.",
                    "The ministers met. The talks ended.",
                ),
                ("he said: The talks ended", "he said: The talks ended"),
                (
                    "they went to The Hague and read The Times",
                    "they went to The Hague and read The Times",
                ),
                ("he said “The talks ended”", "he said “The talks ended”"),
                (
                    "NATO To Hold Talks On The Future Of Ukraine",
                    "NATO To Hold Talks On The Future Of Ukraine",
                ),
                ("in May and in March", "in May and in March"),
                (
                    "from sale of Just for Kids! and others",
                    "from sale of Just for Kids! and others",
                ),
            ],
        );
    }

    #[test]
    fn titles_before_names_are_suggested() {
        assert_cases(
            &Casing,
            &[
                (
                    "including vice president JD Vance and",
                    "including Vice President JD Vance and",
                ),
                (
                    "the vice president of the company",
                    "the vice president of the company",
                ),
            ],
        );
    }
}
