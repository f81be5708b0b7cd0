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

/// The apostrophe a document writes, for repairs that add one: `’` when it has one, `'` when
/// it writes straight apostrophes between letters, else `’` if its quotation marks are curly
/// and `'` if not.
pub fn document_apostrophe(text: &str) -> char {
    if text.contains('’') {
        return '’';
    }
    let bytes = text.as_bytes();
    let straight = memchr::memchr_iter(b'\'', bytes).any(|at| {
        at > 0
            && bytes[at - 1].is_ascii_alphabetic()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic)
    });
    if straight {
        '\''
    } else if text.contains('“') || text.contains('”') || text.contains('‘') {
        '’'
    } else {
        '\''
    }
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
