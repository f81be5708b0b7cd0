//! Byte-level scanning shared by the document and rule stages.
//!
//! Prose is scanned for bytes that come every few characters (spaces, punctuation), where
//! `memchr`'s per-call set-up costs more than the search itself.

/// The positions in `bytes` of any of the `needles`, in order.
///
/// In prose, spaces and punctuation come every few bytes, too often for `memchr` to pay for
/// its restarts: sixteen bytes are compared with every needle at once and the hits read from
/// a bit mask.
pub fn byte_positions<const N: usize>(bytes: &[u8], needles: [u8; N]) -> BytePositions<'_, N> {
    BytePositions {
        bytes,
        needles,
        chunk_start: 0,
        mask: 0,
    }
}

/// Iterator of [`byte_positions`].
pub struct BytePositions<'a, const N: usize> {
    bytes: &'a [u8],
    needles: [u8; N],
    /// Start of the next chunk to scan.
    chunk_start: usize,
    /// Hits in the current chunk, bit `k` for byte `chunk_start - 16 + k`.
    mask: u32,
}

impl<const N: usize> BytePositions<'_, N> {
    /// Needles in the 16 bytes at `at` as a bit mask.
    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn chunk_mask(&self, at: usize) -> u32 {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8, _mm_setzero_si128,
        };
        let chunk = &self.bytes[at..at + 16];
        // SAFETY: SSE2 is part of the x86_64 baseline, and `chunk` holds 16 readable bytes
        // (an unaligned load is allowed).
        unsafe {
            let x = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
            let mut any = _mm_setzero_si128();
            for needle in self.needles {
                any = _mm_or_si128(any, _mm_cmpeq_epi8(x, _mm_set1_epi8(needle as i8)));
            }
            _mm_movemask_epi8(any) as u32
        }
    }

    /// Needles in the 16 bytes at `at` as a bit mask.
    #[cfg(not(target_arch = "x86_64"))]
    fn chunk_mask(&self, at: usize) -> u32 {
        self.bytes[at..at + 16]
            .iter()
            .enumerate()
            .filter(|(_, b)| self.needles.contains(b))
            .fold(0, |mask, (k, _)| mask | 1 << k)
    }
}

impl<const N: usize> Iterator for BytePositions<'_, N> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        loop {
            if self.mask != 0 {
                let k = self.mask.trailing_zeros() as usize;
                self.mask &= self.mask - 1;
                return Some(self.chunk_start - 16 + k);
            }
            let at = self.chunk_start;
            if at + 16 <= self.bytes.len() {
                self.mask = self.chunk_mask(at);
                self.chunk_start += 16;
                continue;
            }
            // The tail, byte by byte.
            while self.chunk_start < self.bytes.len() {
                let at = self.chunk_start;
                self.chunk_start += 1;
                if self.needles.contains(&self.bytes[at]) {
                    // Keep `chunk_start - 16 + k` meaningful for later calls: no mask is set.
                    return Some(at);
                }
            }
            return None;
        }
    }
}

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
}

/// Lanes of `v` with `lo <= b < lo + n` (unsigned), as one signed comparison: the range is
/// shifted to the bottom of the signed bytes first.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn in_byte_range(
    v: std::arch::x86_64::__m128i,
    lo: u8,
    n: u8,
) -> std::arch::x86_64::__m128i {
    use std::arch::x86_64::{_mm_add_epi8, _mm_cmplt_epi8, _mm_set1_epi8};
    // SAFETY: SSE2 is part of the x86_64 baseline; these are plain register operations.
    unsafe {
        let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
        _mm_cmplt_epi8(shifted, _mm_set1_epi8(0x80u8.wrapping_add(n) as i8))
    }
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
    };
    for k in 0..16 {
        let (b, next) = (block[k], block[k + 1]);
        masks.alnum |= u32::from(b.is_ascii_alphanumeric()) << k;
        masks.letter_follows |= u32::from(next.is_ascii_alphabetic() || next >= 0x80) << k;
        masks.marks |= u32::from(b == b'\'' || b == b'-') << k;
    }
    Some(masks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vector_masks_equal_the_byte_by_byte_ones() {
        // Every byte value in every position, the range edges of letters and digits, and the
        // marks and contexts the masks are for.
        let mut text: Vec<u8> = (0u8..=255).collect();
        text.extend_from_slice(
            b"@AZ[`az{/09:'-%\x7f Jean-Yves won't 3-4 x' talksAnd 2%According it The",
        );
        for start in 2..text.len() - 17 {
            let (words, capitals) = (&text[start..start + 17], &text[start - 2..start + 16]);
            assert_eq!(
                word_masks(&text, start),
                word_masks_portable(words),
                "{start}"
            );
            assert_eq!(
                capital_masks(&text, start),
                capital_masks_portable(capitals),
                "{start}"
            );
        }
    }

    #[test]
    fn capitals_are_found_in_their_context_at_every_offset() {
        let text = b"aB cD eF 9G %H iJ kL mN oP qR sT uV wX yZ AB Ab aA zZ a Q";
        let glued = |m: &CapitalMasks| m.after_lower | m.after_digit_or_percent;
        let after_word = |m: &CapitalMasks| m.after_space & m.two_after_lower;
        for start in 0..text.len() {
            for end in start..=text.len() {
                for (wanted, expected) in [
                    (
                        &glued as &dyn Fn(&CapitalMasks) -> u32,
                        &(|i: usize| {
                            i >= 1
                                && (text[i - 1].is_ascii_lowercase()
                                    || text[i - 1].is_ascii_digit()
                                    || text[i - 1] == b'%')
                        }) as &dyn Fn(usize) -> bool,
                    ),
                    (
                        &after_word,
                        &(|i: usize| {
                            i >= 2 && text[i - 1] == b' ' && text[i - 2].is_ascii_lowercase()
                        }),
                    ),
                ] {
                    let mut found = Vec::new();
                    for_each_capital_where(text, start..end, wanted, |i| found.push(i));
                    let reference: Vec<usize> = (start..end)
                        .filter(|&i| text[i].is_ascii_uppercase() && expected(i))
                        .collect();
                    assert_eq!(found, reference, "{start}..{end}");
                }
            }
        }
    }

    #[test]
    fn byte_positions_find_every_needle() {
        let text = b"a, b. c;d  e:f.g,,h                 .";
        let found: Vec<usize> = byte_positions(text, [b',', b'.']).collect();
        let expected: Vec<usize> = (0..text.len())
            .filter(|&k| text[k] == b',' || text[k] == b'.')
            .collect();
        assert_eq!(found, expected);
    }
}

/// What stands before each ASCII capital letter in 16 bytes of text, one bit per byte (bit
/// `k` for byte `k`): the context the casing and glued-words rules look for, so that only the
/// few capitals that fit reach them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapitalMasks {
    /// ASCII capital letters.
    pub capital: u32,
    /// Bytes after an ASCII small letter.
    pub after_lower: u32,
    /// Bytes after an ASCII digit or `%`.
    pub after_digit_or_percent: u32,
    /// Bytes after a space.
    pub after_space: u32,
    /// Bytes two after an ASCII small letter.
    pub two_after_lower: u32,
}

/// The [`CapitalMasks`] of the 16 bytes at `at`. Needs `at >= 2` and `bytes[at - 2..at + 16]`.
#[inline]
pub fn capital_masks(bytes: &[u8], at: usize) -> CapitalMasks {
    let block = &bytes[at - 2..at + 16];
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of the x86_64 baseline, and `block` holds 18 readable bytes, so
        // the three unaligned 16-byte loads (at 0, 1 and 2) stay inside it.
        unsafe {
            let two_before = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            let before = _mm_loadu_si128(block.as_ptr().add(1).cast::<__m128i>());
            let here = _mm_loadu_si128(block.as_ptr().add(2).cast::<__m128i>());
            let in_range = in_byte_range;
            let mask = |v: __m128i| _mm_movemask_epi8(v) as u32;
            CapitalMasks {
                capital: mask(in_range(here, b'A', 26)),
                after_lower: mask(in_range(before, b'a', 26)),
                after_digit_or_percent: mask(_mm_or_si128(
                    in_range(before, b'0', 10),
                    _mm_cmpeq_epi8(before, _mm_set1_epi8(b'%' as i8)),
                )),
                after_space: mask(_mm_cmpeq_epi8(before, _mm_set1_epi8(b' ' as i8))),
                two_after_lower: mask(in_range(two_before, b'a', 26)),
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        capital_masks_portable(block)
    }
}

/// [`capital_masks`] byte by byte, from the 18 bytes starting two before the block: the
/// reference the vector version is tested against, and the implementation on other
/// architectures.
pub fn capital_masks_portable(block: &[u8]) -> CapitalMasks {
    let mut masks = CapitalMasks {
        capital: 0,
        after_lower: 0,
        after_digit_or_percent: 0,
        after_space: 0,
        two_after_lower: 0,
    };
    for k in 0..16 {
        let (two_before, before, here) = (block[k], block[k + 1], block[k + 2]);
        masks.capital |= u32::from(here.is_ascii_uppercase()) << k;
        masks.after_lower |= u32::from(before.is_ascii_lowercase()) << k;
        masks.after_digit_or_percent |= u32::from(before.is_ascii_digit() || before == b'%') << k;
        masks.after_space |= u32::from(before == b' ') << k;
        masks.two_after_lower |= u32::from(two_before.is_ascii_lowercase()) << k;
    }
    masks
}

/// Calls `found(i)` for each ASCII capital at `i` in `range` whose context `wanted` accepts,
/// given the [`CapitalMasks`] of its block (bytes before the text count as zeros); positions
/// are visited in order.
#[inline]
pub fn for_each_capital_where(
    bytes: &[u8],
    range: std::ops::Range<usize>,
    wanted: impl Fn(&CapitalMasks) -> u32,
    mut found: impl FnMut(usize),
) {
    let mut at = range.start;
    // The first two bytes of the text have no two bytes before them: one at a time.
    while at < range.end.min(2) {
        let masks = capital_masks_portable(&pad_block(bytes, at));
        if masks.capital & wanted(&masks) & 1 != 0 {
            found(at);
        }
        at += 1;
    }
    while at + 16 <= range.end {
        let masks = capital_masks(bytes, at);
        let mut hits = masks.capital & wanted(&masks);
        while hits != 0 {
            found(at + hits.trailing_zeros() as usize);
            hits &= hits - 1;
        }
        at += 16;
    }
    // The tail, from a block that ends at the range's end (positions before `at` already
    // visited are masked off).
    if at < range.end && range.end >= 18 {
        let start = range.end - 16;
        let masks = capital_masks(bytes, start);
        let mut hits = masks.capital & wanted(&masks) & (u32::MAX << (at - start));
        while hits != 0 {
            found(start + hits.trailing_zeros() as usize);
            hits &= hits - 1;
        }
    } else {
        for i in at..range.end {
            let masks = capital_masks_portable(&pad_block(bytes, i));
            if masks.capital & wanted(&masks) & 1 != 0 {
                found(i);
            }
        }
    }
}

/// The 18 bytes from `i - 2` as [`capital_masks_portable`] reads them, zeros outside the text.
fn pad_block(bytes: &[u8], i: usize) -> [u8; 18] {
    let mut block = [0u8; 18];
    for (k, slot) in block.iter_mut().enumerate() {
        if let Some(&b) = (i + k).checked_sub(2).and_then(|at| bytes.get(at)) {
            *slot = b;
        }
    }
    block
}
