//! Words: runs of letters and digits (with inner apostrophes and hyphens where asked), found
//! sixteen bytes at a time in ASCII text and a character at a time elsewhere.

use super::in_byte_range;
use std::ops::Range;

/// What 16 bytes of ASCII text hold, one bit per byte (bit `k` for byte `k`), for finding
/// words a block at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordMasks {
    /// ASCII letters and digits.
    pub alnum: u32,
    /// Bytes whose *following* byte is an ASCII letter or a non-ASCII byte (the lookahead an
    /// inner apostrophe or hyphen needs).
    pub letter_follows: u32,
    /// Apostrophes and hyphens.
    pub marks: u32,
    /// ASCII capital letters (a word without any is plain lower case: see [`for_each_word_batch`]).
    pub upper: u32,
}

/// The [`WordMasks`] of the 16 bytes at `at`, or `None` when one of them is not ASCII (the
/// caller then takes those bytes one character at a time). Needs `bytes[at..at + 17]`: the
/// 17th byte is the lookahead of the 16th.
#[inline]
pub fn word_masks(bytes: &[u8], at: usize) -> Option<WordMasks> {
    let block = &bytes[at..at + 17];
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of the x86_64 baseline, and `block` holds 17 readable bytes, so
        // both unaligned 16-byte loads (at 0 and at 1) stay inside it.
        unsafe {
            let here = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            if _mm_movemask_epi8(here) != 0 {
                return None;
            }
            let next = _mm_loadu_si128(block.as_ptr().add(1).cast::<__m128i>());
            let in_range = in_byte_range;
            let fold_case = |v: __m128i| _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letters = in_range(fold_case(here), b'a', 26);
            let digits = in_range(here, b'0', 10);
            let next_letters = in_range(fold_case(next), b'a', 26);
            // A non-ASCII byte has its top bit set: negative as a signed byte.
            let next_high = _mm_cmplt_epi8(next, _mm_set1_epi8(0));
            let marks = _mm_or_si128(
                _mm_cmpeq_epi8(here, _mm_set1_epi8(b'\'' as i8)),
                _mm_cmpeq_epi8(here, _mm_set1_epi8(b'-' as i8)),
            );
            Some(WordMasks {
                alnum: _mm_movemask_epi8(_mm_or_si128(letters, digits)) as u32,
                letter_follows: _mm_movemask_epi8(_mm_or_si128(next_letters, next_high)) as u32,
                marks: _mm_movemask_epi8(marks) as u32,
                upper: _mm_movemask_epi8(in_range(here, b'A', 26)) as u32,
            })
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        word_masks_portable(block)
    }
}

/// [`word_masks`] byte by byte: the reference the vector version is tested against, and the
/// implementation on other architectures.
pub fn word_masks_portable(block: &[u8]) -> Option<WordMasks> {
    if !block[..16].is_ascii() {
        return None;
    }
    let mut masks = WordMasks {
        alnum: 0,
        letter_follows: 0,
        marks: 0,
        upper: 0,
    };
    for k in 0..16 {
        let (b, next) = (block[k], block[k + 1]);
        masks.alnum |= u32::from(b.is_ascii_alphanumeric()) << k;
        masks.letter_follows |= u32::from(next.is_ascii_alphabetic() || next >= 0x80) << k;
        masks.marks |= u32::from(b == b'\'' || b == b'-') << k;
        masks.upper |= u32::from(b.is_ascii_uppercase()) << k;
    }
    Some(masks)
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
/// Sixteen bytes of ASCII are classified at once (see [`word_masks`]) and the
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
    for_each_word_marked(text, range, inner_marks, |start, end, _| found(start, end));
}

/// [`for_each_word`], also telling `found` whether the word is plain lower case (see
/// [`for_each_word_batch`]), read from the capital letters' masks of the blocks it lies in.
#[inline]
fn for_each_word_marked(
    text: &str,
    range: Range<usize>,
    inner_marks: bool,
    mut found: impl FnMut(usize, usize, bool),
) {
    let out = &mut found;
    let bytes = text.as_bytes();
    let mut scanner = WordScanner {
        text,
        end: range.end,
        inner_marks,
        start: None,
        unplain: false,
    };
    let mut i = range.start;
    // A block needs a 17th byte of lookahead inside the text.
    while i + 16 <= range.end && i + 17 <= bytes.len() {
        let Some(masks) = word_masks(bytes, i) else {
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
        // Adding a word's capitals to its run of bits carries out of the run: bit `k` is set
        // where a word with a capital ends (bit 16: the word still open has one). A word
        // carried in that is already not plain counts as one with a capital in byte 0.
        let capital_ends =
            (in_word + (masks.upper | (carry & u32::from(scanner.unplain)))) & !in_word;
        while edges != 0 {
            let k = edges.trailing_zeros();
            let at = i + k as usize;
            edges &= edges - 1;
            match scanner.start.take() {
                Some(s) => out(s, at, capital_ends & (1 << k) == 0),
                None => scanner.start = Some(at),
            }
        }
        scanner.unplain = capital_ends >> 16 != 0;
        i += 16;
    }
    scanner.scalar(i, range.end, out);
    if let Some(s) = scanner.start {
        out(s, range.end, !scanner.unplain);
    }
}

/// How many words [`for_each_word_batch`] hands over at a time.
pub const WORD_BATCH: usize = 64;

/// [`for_each_word`], handing the words over [`WORD_BATCH`] at a time as `(start, end, plain)`:
/// the caller's work on each word then runs in one tight loop of its own, not in a call per
/// word. `plain` set promises a word of ASCII lower-case letters and digits (with any inner
/// apostrophes and hyphens) that starts with a letter or digit, read from the block masks; a
/// word it is not set for may still be one (words met a character at a time are not judged).
#[inline]
pub fn for_each_word_batch(
    text: &str,
    range: Range<usize>,
    inner_marks: bool,
    mut found: impl FnMut(&[(usize, usize, bool)]),
) {
    let mut batch = [(0usize, 0usize, false); WORD_BATCH];
    let mut filled = 0;
    for_each_word_marked(text, range, inner_marks, |start, end, plain| {
        batch[filled] = (start, end, plain);
        filled += 1;
        if filled == WORD_BATCH {
            found(&batch);
            filled = 0;
        }
    });
    if filled > 0 {
        found(&batch[..filled]);
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
    /// The word being read is not known to be plain lower case: it has a capital, or some of
    /// it was read a character at a time.
    unplain: bool,
}

impl WordScanner<'_> {
    /// Scans from `i` until at least `until` (a character may run past it), pushing the words
    /// that end on the way; returns where it stopped.
    fn scalar(
        &mut self,
        mut i: usize,
        until: usize,
        out: &mut impl FnMut(usize, usize, bool),
    ) -> usize {
        let (text, bytes, inner_marks) = (self.text, self.text.as_bytes(), self.inner_marks);
        let until = until.min(self.end);
        // Words read here, even in part, are not judged plain.
        self.unplain = true;
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
                    out(s, i, false);
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
                    out(s, i, false);
                    self.start = None;
                }
            }
            i += len;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text` found a character at a time only (the reference).
    fn scalar_spans(text: &str, inner_marks: bool) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut scanner = WordScanner {
            text,
            end: text.len(),
            inner_marks,
            start: None,
            unplain: false,
        };
        scanner.scalar(0, text.len(), &mut |s, e, _| out.push(s..e));
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
                    unplain: false,
                };
                scanner.scalar(from, cut, &mut |s, e, _| expected.push(s..e));
                if let Some(s) = scanner.start {
                    expected.push(s..cut);
                }
                assert_eq!(part, expected, "round {round}, {from}..{cut}: {text:?}");
            }
        }
    }

    #[test]
    fn plain_words_are_lower_case_ascii() {
        let text = "the Reuters report's 3-day x-ray won't cafés O'Brien said Kyiv’s talksAnd \
                    markets rose 12,000.5 shares in a quiet session of trading today again";
        let mut plain_words = Vec::new();
        for_each_word_marked(text, 0..text.len(), true, |s, e, plain| {
            let word = &text[s..e];
            let lower = word
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"'-".contains(&b));
            assert!(!plain || lower, "{word:?}");
            if plain {
                plain_words.push(word);
            }
        });
        // Words in blocks of ASCII text (`x-ray` ends in the block that holds `cafés`, and
        // is not judged).
        for word in ["the", "report's", "3-day", "markets", "quiet"] {
            assert!(plain_words.contains(&word), "{word:?} in {plain_words:?}");
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
