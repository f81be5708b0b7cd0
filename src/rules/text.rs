//! Small text helpers shared by rules: characters around an offset and word boundaries.
//!
//! All offsets are byte offsets on char boundaries.

use std::ops::Range;

/// The character ending at byte `end`, if any.
pub fn char_before(text: &str, end: usize) -> Option<char> {
    text[..end].chars().next_back()
}

/// The character starting at byte `start`, if any.
pub fn char_at(text: &str, start: usize) -> Option<char> {
    text[start..].chars().next()
}

/// A letter or digit: what words are made of.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The run of word characters ending at `end`.
pub fn word_before(text: &str, end: usize) -> Range<usize> {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(end, |(i, _)| i);
    start..end
}

/// The run of word characters starting at `start`.
pub fn word_after(text: &str, start: usize) -> Range<usize> {
    let end = text[start..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| start + i);
    start..end
}

/// The whitespace-delimited token ending at `end`.
pub fn token_before(text: &str, end: usize) -> Range<usize> {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !c.is_whitespace())
        .last()
        .map_or(end, |(i, _)| i);
    start..end
}

/// The whitespace-delimited token starting at `start`.
pub fn token_after(text: &str, start: usize) -> Range<usize> {
    let end = text[start..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, _)| start + i);
    start..end
}

/// Byte range of the line containing `offset`, without its line ending.
pub fn line_around(text: &str, offset: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
    let mut end = memchr::memchr(b'\n', &bytes[offset..]).map_or(text.len(), |i| offset + i);
    if end > start && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    start..end
}

/// The positions of `,` `;` `:` `.` `?` `!` in `bytes`, in order.
pub fn sentence_marks(bytes: &[u8]) -> crate::scan::BytePositions<'_, 6> {
    use crate::scan::byte_positions;
    byte_positions(bytes, [b',', b';', b':', b'.', b'?', b'!'])
}

/// A lower-case ASCII word of up to 8 bytes packed into a `u64` (for sets of short words
/// compared without `memcmp`); `None` when longer.
pub fn pack_short(word: &[u8]) -> Option<u64> {
    if word.len() > 8 {
        return None;
    }
    let mut buffer = [0u8; 8];
    for (slot, b) in buffer.iter_mut().zip(word) {
        *slot = b.to_ascii_lowercase();
    }
    Some(u64::from_le_bytes(buffer))
}

/// Words that do not start compounds and are not compound heads: `the -day` is not a compound.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "during", "each", "either", "for", "from", "had", "has", "have", "he", "her", "here",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "may", "me", "might", "more",
    "most", "must", "my", "neither", "no", "nor", "not", "of", "on", "once", "only", "or", "other",
    "our", "out", "over", "she", "should", "since", "so", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "under",
    "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether",
    "which", "while", "who", "whom", "whose", "why", "will", "with", "would", "you", "your",
];

/// True when `word` (any case) is an English function word.
pub fn is_function_word(word: &str) -> bool {
    word.len() <= 7
        && FUNCTION_WORDS
            .binary_search(&word.to_ascii_lowercase().as_str())
            .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_sorted() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_function_word("The"));
        assert!(!is_function_word("two"));
    }

    #[test]
    fn short_words_pack_without_case() {
        assert_eq!(pack_short(b"The"), pack_short(b"the"));
        assert_eq!(pack_short(b"elephants"), None);
    }

    #[test]
    fn sentence_marks_in_order() {
        let text = "a, b; c: d. e? f! g - h, and a longer tail. Of text!";
        let marks: Vec<usize> = sentence_marks(text.as_bytes()).collect();
        let expected: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| b",;:.?!".contains(b))
            .map(|(k, _)| k)
            .collect();
        assert_eq!(marks, expected);
        assert_eq!(sentence_marks(b"").count(), 0);
    }

    #[test]
    fn words_and_tokens() {
        let text = "a two -day “summit”";
        let hyphen = text.find('-').unwrap();
        assert_eq!(&text[word_before(text, hyphen - 1)], "two");
        assert_eq!(&text[word_after(text, hyphen + 1)], "day");
        let quote = text.find('“').unwrap();
        assert_eq!(&text[token_after(text, quote)], "“summit”");
        assert_eq!(&text[token_before(text, hyphen - 1)], "two");
        let crlf = "x\r\nab\r\ny";
        assert_eq!(&crlf[line_around(crlf, 4)], "ab");
    }
}

/// Words written with a capital inside on purpose (`dictionaries/camelcase.txt`).
pub fn is_camel_brand(word: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            include_str!("../../dictionaries/camelcase.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        })
        .contains(word)
}

#[cfg(test)]
mod brand_tests {
    #[test]
    fn camel_brands_are_known() {
        assert!(super::is_camel_brand("YouTube"));
        assert!(super::is_camel_brand("iPhone"));
        assert!(!super::is_camel_brand("talksAnd"));
    }
}

/// ASCII letters and digits, by byte.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Appends the byte ranges of the words in `range` (letters and digits, and with
/// `inner_marks` also apostrophes and hyphens between letters, as in `won't`, `Jean-Yves`).
///
/// Sixteen bytes of ASCII are classified at once (see [`crate::scan::word_masks`]) and the
/// word edges read from a bit mask; a block with other bytes is taken a character at a time.
pub fn word_spans(text: &str, range: Range<usize>, inner_marks: bool, out: &mut Vec<Range<usize>>) {
    for_each_word(text, range, inner_marks, |start, end| out.push(start..end));
}

/// Calls `found(start, end)` for each word of `range`, in order, as [`word_spans`] lists them:
/// for callers that work on each word as it is found rather than on a list.
#[inline]
pub fn for_each_word(
    text: &str,
    range: Range<usize>,
    inner_marks: bool,
    mut found: impl FnMut(usize, usize),
) {
    let out = &mut found;
    let bytes = text.as_bytes();
    let mut scanner = WordScanner {
        text,
        end: range.end,
        inner_marks,
        start: None,
    };
    let mut i = range.start;
    // A block needs a 17th byte of lookahead inside the text.
    while i + 16 <= range.end && i + 17 <= bytes.len() {
        let Some(masks) = crate::scan::word_masks(bytes, i) else {
            i = scanner.scalar(i, i + 16, out);
            continue;
        };
        let carry = u32::from(scanner.start.is_some());
        let mut in_word = masks.alnum;
        if inner_marks {
            // A mark is inside a word between a letter or digit (or the word so far) and a
            // letter: the byte before an inner mark is never another inner mark.
            in_word |= masks.marks & ((masks.alnum << 1) | carry) & masks.letter_follows;
        }
        let mut edges = (in_word ^ ((in_word << 1) | carry)) & 0xFFFF;
        while edges != 0 {
            let at = i + edges.trailing_zeros() as usize;
            edges &= edges - 1;
            match scanner.start.take() {
                Some(s) => out(s, at),
                None => scanner.start = Some(at),
            }
        }
        i += 16;
    }
    scanner.scalar(i, range.end, out);
    if let Some(s) = scanner.start {
        out(s, range.end);
    }
}

/// The character-at-a-time half of [`word_spans`].
struct WordScanner<'t> {
    text: &'t str,
    /// End of the range being scanned.
    end: usize,
    inner_marks: bool,
    /// Start of the word being read, if any.
    start: Option<usize>,
}

impl WordScanner<'_> {
    /// Scans from `i` until at least `until` (a character may run past it), pushing the words
    /// that end on the way; returns where it stopped.
    fn scalar(&mut self, mut i: usize, until: usize, out: &mut impl FnMut(usize, usize)) -> usize {
        let (text, bytes, inner_marks) = (self.text, self.text.as_bytes(), self.inner_marks);
        let until = until.min(self.end);
        while i < until {
            let b = bytes[i];
            // Runs of ASCII letters and digits, the common case, in a tight loop.
            if ASCII_ALNUM[usize::from(b)] {
                if self.start.is_none() {
                    self.start = Some(i);
                }
                i += 1;
                while i < until && ASCII_ALNUM[usize::from(bytes[i])] {
                    i += 1;
                }
                continue;
            }
            // A plain separator between words (space, most punctuation) ends a word at once.
            if b < 0x80 && !(inner_marks && (b == b'\'' || b == b'-')) {
                if let Some(s) = self.start.take() {
                    out(s, i);
                }
                i += 1;
                continue;
            }
            let (is_word, len) = if b < 0x80 {
                (false, 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            };
            if is_word {
                if self.start.is_none() {
                    self.start = Some(i);
                }
            } else if let Some(s) = self.start {
                let inner = inner_marks
                    && (b == b'\''
                        || b == b'-'
                        || (b == 0xE2 && bytes.get(i + 1..i + 3) == Some(&[0x80, 0x99])))
                    && bytes
                        .get(i + len)
                        .is_some_and(|n| n.is_ascii_alphabetic() || *n >= 0x80);
                if !inner {
                    out(s, i);
                    self.start = None;
                }
            }
            i += len;
        }
        i
    }
}

#[cfg(test)]
mod word_span_tests {
    use super::*;

    /// The words of `text` found a character at a time only (the reference).
    fn scalar_spans(text: &str, inner_marks: bool) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut scanner = WordScanner {
            text,
            end: text.len(),
            inner_marks,
            start: None,
        };
        scanner.scalar(0, text.len(), &mut |s, e| out.push(s..e));
        if let Some(s) = scanner.start {
            out.push(s..text.len());
        }
        out
    }

    #[test]
    fn blocks_find_what_characters_find() {
        let pieces = [
            "Jean-Yves",
            "won't",
            "won’t",
            "3-4",
            "3-day",
            "a--b",
            "x'",
            "'quoted'",
            "-lead",
            "trail-",
            "cafés",
            "Zürich-based",
            "2%According",
            "e -Mail",
            "O'Brien's",
            "  ",
            "\n",
            "Kyiv’s",
            "ab-’c",
            "x-é",
            "—",
            "“Hi”",
            "12,000.5",
            "U.S.",
            "talksAnd",
        ];
        // Seeded mixes of the pieces, so that every piece meets every block offset.
        let mut state = 7u64;
        for round in 0..400 {
            let mut text = String::new();
            for _ in 0..40 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
                if (state >> 20) % 3 != 0 {
                    text.push(' ');
                }
            }
            for inner in [false, true] {
                let mut fast = Vec::new();
                word_spans(&text, 0..text.len(), inner, &mut fast);
                assert_eq!(fast, scalar_spans(&text, inner), "round {round}: {text:?}");
                // A range that ends before the text does (a prose segment).
                let cut = (text.len() * 2 / 3..text.len())
                    .find(|&c| text.is_char_boundary(c))
                    .unwrap_or(text.len());
                let from = (3..text.len())
                    .find(|&c| text.is_char_boundary(c))
                    .unwrap_or(text.len());
                let mut part = Vec::new();
                word_spans(&text, from..cut, inner, &mut part);
                let mut expected = Vec::new();
                let mut scanner = WordScanner {
                    text: &text,
                    end: cut,
                    inner_marks: inner,
                    start: None,
                };
                scanner.scalar(from, cut, &mut |s, e| expected.push(s..e));
                if let Some(s) = scanner.start {
                    expected.push(s..cut);
                }
                assert_eq!(part, expected, "round {round}, {from}..{cut}: {text:?}");
            }
        }
    }

    #[test]
    fn words_with_and_without_inner_marks() {
        let text = "Jean-Yves won’t go, 2 cafés.";
        let mut plain = Vec::new();
        super::word_spans(text, 0..text.len(), false, &mut plain);
        let words: Vec<&str> = plain.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, vec!["Jean", "Yves", "won", "t", "go", "2", "cafés"]);
        let mut inner = Vec::new();
        super::word_spans(text, 0..text.len(), true, &mut inner);
        let words: Vec<&str> = inner.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, vec!["Jean-Yves", "won’t", "go", "2", "cafés"]);
    }
}
