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
