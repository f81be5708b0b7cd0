//! Byte-level scanning shared by the document and rule stages: bytes of a few kinds, words,
//! and byte patterns in their context (capitals after a small letter, marks after a space),
//! sixteen to sixty-four bytes at a time where the processor allows.
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

/// Kinds of 32 bytes, one bit per byte (bit `k` for byte `at + k` of [`byte_kinds`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteKinds {
    /// Spaces.
    pub spaces: u32,
    /// The bytes of the list asked for.
    pub listed: u32,
    /// ASCII capitals.
    pub capitals: u32,
    /// Visible ASCII: no space, no control byte, nothing outside ASCII (`!` to DEL).
    pub visible: u32,
}

/// The [`ByteKinds`] of the 32 bytes at `at`, with `listed` asked for, or `None` when fewer
/// than 32 bytes are left: for a rule that decides most lines on their first words.
#[inline]
pub fn byte_kinds<const N: usize>(bytes: &[u8], at: usize, listed: [u8; N]) -> Option<ByteKinds> {
    let block = bytes.get(at..at.checked_add(32)?)?;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
        };
        let half = |k: usize| {
            // SAFETY: SSE2 is part of the x86_64 baseline, and `block` holds 32 readable
            // bytes, so the unaligned 16-byte load at 0 or 16 stays inside it.
            unsafe {
                let v = _mm_loadu_si128(block.as_ptr().add(16 * k).cast::<__m128i>());
                let mut any = _mm_setzero_si128();
                for b in listed {
                    any = _mm_or_si128(any, _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8)));
                }
                let mask = |lanes| _mm_movemask_epi8(lanes) as u32 & 0xFFFF;
                ByteKinds {
                    spaces: mask(_mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8))),
                    listed: mask(any),
                    capitals: mask(in_byte_range(v, b'A', 26)),
                    // Above the space as a signed byte: ASCII from `!` on (bytes from 0x80
                    // are negative).
                    visible: mask(_mm_cmpgt_epi8(v, _mm_set1_epi8(b' ' as i8))),
                }
            }
        };
        let (low, high) = (half(0), half(1));
        Some(ByteKinds {
            spaces: low.spaces | high.spaces << 16,
            listed: low.listed | high.listed << 16,
            capitals: low.capitals | high.capitals << 16,
            visible: low.visible | high.visible << 16,
        })
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        Some(byte_kinds_portable(block, listed))
    }
}

/// [`byte_kinds`] byte by byte, of the first 32 bytes of `block`: the reference the vector
/// version is tested against, and the implementation on other architectures.
pub fn byte_kinds_portable<const N: usize>(block: &[u8], listed: [u8; N]) -> ByteKinds {
    let mut kinds = ByteKinds {
        spaces: 0,
        listed: 0,
        capitals: 0,
        visible: 0,
    };
    for (k, &b) in block[..32].iter().enumerate() {
        kinds.spaces |= u32::from(b == b' ') << k;
        kinds.listed |= u32::from(listed.contains(&b)) << k;
        kinds.capitals |= u32::from(b.is_ascii_uppercase()) << k;
        kinds.visible |= u32::from(b > b' ' && b < 0x80) << k;
    }
    kinds
}

mod patterns;
mod words;

pub use patterns::{
    BytePattern, for_each_byte_where, for_each_space_between_like_letters, is_sentence_mark,
};
pub use words::{
    WORD_BATCH, WordMasks, for_each_word, for_each_word_batch, word_masks, word_masks_portable,
    word_spans,
};

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
            let words = &text[start..start + 17];
            assert_eq!(
                word_masks(&text, start),
                word_masks_portable(words),
                "{start}"
            );
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

    #[test]
    fn byte_kinds_equal_the_byte_by_byte_ones() {
        let mut text: Vec<u8> = (0u8..=255).collect();
        text.extend_from_slice(b"Yves Herman Reuters, said: (the) \"AFP\" a|b/c. \xe2\x80\x9c");
        let listed = *b"|/,.:(\"";
        for at in 0..text.len() - 32 {
            assert_eq!(
                byte_kinds(&text, at, listed),
                Some(byte_kinds_portable(&text[at..], listed)),
                "{at}"
            );
        }
        assert_eq!(byte_kinds(&text, text.len() - 31, listed), None);
    }
}
