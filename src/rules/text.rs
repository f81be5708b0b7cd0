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

/// Calls `f` with the position of every ASCII capital letter in `range` of `bytes`, in order.
///
/// Eight bytes are tested at a time (SWAR): running prose has few capitals, so most words are
/// passed over without looking at their letters one by one.
pub fn for_each_ascii_capital(bytes: &[u8], range: Range<usize>, mut f: impl FnMut(usize)) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = range.start;
    while at + 8 <= range.end {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(&bytes[at..at + 8]);
        let x = u64::from_le_bytes(chunk);
        let low7 = x & !HIGH;
        // High bit set in each byte ≥ `A`, and in each byte ≥ `[`; neither carries over.
        let from_a = low7 + ONES * (0x80 - u64::from(b'A'));
        let past_z = low7 + ONES * (0x80 - u64::from(b'Z' + 1));
        let mut capitals = from_a & !past_z & !x & HIGH;
        while capitals != 0 {
            f(at + capitals.trailing_zeros() as usize / 8);
            capitals &= capitals - 1;
        }
        at += 8;
    }
    for (k, b) in bytes[at..range.end].iter().enumerate() {
        if b.is_ascii_uppercase() {
            f(at + k);
        }
    }
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
    fn capitals_are_found_in_and_across_chunks() {
        let text = "aBc defGhij kLMnopq rstuvwXyz É Z[@`";
        let mut found = Vec::new();
        for_each_ascii_capital(text.as_bytes(), 0..text.len(), |at| found.push(at));
        let expected: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_uppercase())
            .map(|(k, _)| k)
            .collect();
        assert_eq!(found, expected);
        // A sub-range is honoured at both ends.
        let mut inner = Vec::new();
        for_each_ascii_capital(text.as_bytes(), 2..14, |at| inner.push(at));
        assert_eq!(inner, vec![7, 13]);
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
/// Bytes are scanned directly, with a fast path for ASCII.
pub fn word_spans(text: &str, range: Range<usize>, inner_marks: bool, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    let mut start: Option<usize> = None;
    while i < range.end {
        let b = bytes[i];
        // Runs of ASCII letters and digits, the common case, in a tight loop.
        if ASCII_ALNUM[usize::from(b)] {
            if start.is_none() {
                start = Some(i);
            }
            i += 1;
            while i < range.end && ASCII_ALNUM[usize::from(bytes[i])] {
                i += 1;
            }
            continue;
        }
        // A plain separator between words (space, most punctuation) ends a word at once.
        if b < 0x80 && !(inner_marks && (b == b'\'' || b == b'-')) {
            if let Some(s) = start.take() {
                out.push(s..i);
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
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start {
            let inner = inner_marks
                && (b == b'\''
                    || b == b'-'
                    || (b == 0xE2 && bytes.get(i + 1..i + 3) == Some(&[0x80, 0x99])))
                && bytes
                    .get(i + len)
                    .is_some_and(|n| n.is_ascii_alphabetic() || *n >= 0x80);
            if !inner {
                out.push(s..i);
                start = None;
            }
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(s..range.end);
    }
}

#[cfg(test)]
mod word_span_tests {
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
