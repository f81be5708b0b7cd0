//! Sentence marks and spaces in their context: what stands one byte before and up to two
//! bytes after each byte, sixty-four bytes at a time, so that the spacing rules see only the few
//! marks and spaces that fit their pattern.

/// What the spacing rules look for around a byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkPattern {
    /// A sentence mark (`,` `;` `:` `.` `?` `!`) right after a space.
    MarkAfterSpace,
    /// A sentence mark right before an ASCII letter or a non-ASCII byte.
    MarkBeforeLetter,
    /// The first of exactly two spaces: a space and a space, with no space before or after.
    DoubleSpace,
}

impl MarkPattern {
    /// True when `here` fits, with `before` the byte before it and `next` and `two_after` the
    /// two after it (zero outside the text).
    #[inline]
    pub fn fits(self, before: u8, here: u8, next: u8, two_after: u8) -> bool {
        match self {
            MarkPattern::MarkAfterSpace => is_sentence_mark(here) && before == b' ',
            MarkPattern::MarkBeforeLetter => {
                is_sentence_mark(here) && (next.is_ascii_alphabetic() || next >= 0x80)
            }
            MarkPattern::DoubleSpace => {
                before != b' ' && here == b' ' && next == b' ' && two_after != b' '
            }
        }
    }
}

/// True for the sentence marks: `,` `;` `:` `.` `?` `!`.
#[inline]
pub fn is_sentence_mark(b: u8) -> bool {
    matches!(b, b',' | b';' | b':' | b'.' | b'?' | b'!')
}

/// Lanes of the 16 bytes after `before_block` (which points at the byte before them) that fit
/// `pattern`, all bits set where they do.
///
/// # Safety
/// `before_block` must point to 19 readable bytes.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn pattern_lanes(
    before_block: *const u8,
    pattern: MarkPattern,
) -> std::arch::x86_64::__m128i {
    use super::in_byte_range;
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
    };
    // SAFETY: SSE2 is part of the x86_64 baseline, and the caller guarantees 19 readable
    // bytes, so the unaligned 16-byte loads at 0, 1, 2 and 3 stay inside them.
    unsafe {
        let load = |k: usize| _mm_loadu_si128(before_block.add(k).cast::<__m128i>());
        let splat = |b: u8| _mm_set1_epi8(b as i8);
        let eq = |v: __m128i, b: u8| _mm_cmpeq_epi8(v, splat(b));
        let sentence_mark = |here: __m128i| {
            // Six marks in five comparisons: `,` (0x2C) and `.` (0x2E) differ in bit 1 only;
            // `:` (0x3A), `;` (0x3B) and `?` (0x3F) in bits 0 and 2 only, with `>` (0x3E),
            // which is taken out again; `!` stands alone.
            let comma_or_stop = eq(_mm_or_si128(here, splat(0x02)), b'.');
            let colon_semicolon_question =
                _mm_andnot_si128(eq(here, b'>'), eq(_mm_or_si128(here, splat(0x05)), b'?'));
            _mm_or_si128(
                _mm_or_si128(comma_or_stop, colon_semicolon_question),
                eq(here, b'!'),
            )
        };
        match pattern {
            MarkPattern::MarkAfterSpace => _mm_and_si128(sentence_mark(load(1)), eq(load(0), b' ')),
            MarkPattern::MarkBeforeLetter => {
                let next = load(2);
                // ASCII letters in either case, or a non-ASCII byte (negative as signed).
                let letter_next = _mm_or_si128(
                    in_byte_range(_mm_or_si128(next, splat(0x20)), b'a', 26),
                    _mm_cmplt_epi8(next, _mm_setzero_si128()),
                );
                _mm_and_si128(sentence_mark(load(1)), letter_next)
            }
            MarkPattern::DoubleSpace => {
                let pair = _mm_and_si128(eq(load(1), b' '), eq(load(2), b' '));
                let neighbour = _mm_or_si128(eq(load(0), b' '), eq(load(3), b' '));
                _mm_andnot_si128(neighbour, pair)
            }
        }
    }
}

/// Lanes of the 32 bytes after `before_block` (which points at the byte before them) that fit
/// `pattern`, all bits set where they do: [`pattern_lanes`] twice as wide.
///
/// # Safety
/// `before_block` must point to 35 readable bytes, and the processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn pattern_lanes_avx2(
    before_block: *const u8,
    pattern: MarkPattern,
) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8,
        _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_or_si256, _mm256_set1_epi8,
        _mm256_setzero_si256,
    };
    // SAFETY: the caller guarantees AVX2 and 35 readable bytes, so the unaligned 32-byte loads
    // at 0, 1, 2 and 3 stay inside them. (No closures: they would not inherit AVX2.)
    unsafe {
        let space = _mm256_set1_epi8(b' ' as i8);
        match pattern {
            MarkPattern::MarkAfterSpace | MarkPattern::MarkBeforeLetter => {
                let here = _mm256_loadu_si256(before_block.add(1).cast::<__m256i>());
                // The same five comparisons as in `pattern_lanes`.
                let comma_or_stop = _mm256_cmpeq_epi8(
                    _mm256_or_si256(here, _mm256_set1_epi8(0x02)),
                    _mm256_set1_epi8(b'.' as i8),
                );
                let colon_semicolon_question = _mm256_andnot_si256(
                    _mm256_cmpeq_epi8(here, _mm256_set1_epi8(b'>' as i8)),
                    _mm256_cmpeq_epi8(
                        _mm256_or_si256(here, _mm256_set1_epi8(0x05)),
                        _mm256_set1_epi8(b'?' as i8),
                    ),
                );
                let mark = _mm256_or_si256(
                    _mm256_or_si256(comma_or_stop, colon_semicolon_question),
                    _mm256_cmpeq_epi8(here, _mm256_set1_epi8(b'!' as i8)),
                );
                let context = if pattern == MarkPattern::MarkAfterSpace {
                    let before = _mm256_loadu_si256(before_block.cast::<__m256i>());
                    _mm256_cmpeq_epi8(before, space)
                } else {
                    let next = _mm256_loadu_si256(before_block.add(2).cast::<__m256i>());
                    // Letters: `next | 0x20` in `a..=z`, shifted to the bottom of the signed
                    // bytes and compared once; non-ASCII bytes are negative as signed.
                    let shifted = _mm256_add_epi8(
                        _mm256_or_si256(next, _mm256_set1_epi8(0x20)),
                        _mm256_set1_epi8(0x80u8.wrapping_sub(b'a') as i8),
                    );
                    let letter =
                        _mm256_cmpgt_epi8(_mm256_set1_epi8(0x80u8.wrapping_add(26) as i8), shifted);
                    let high = _mm256_cmpgt_epi8(_mm256_setzero_si256(), next);
                    _mm256_or_si256(letter, high)
                };
                _mm256_and_si256(mark, context)
            }
            MarkPattern::DoubleSpace => {
                let load = |k: usize| _mm256_loadu_si256(before_block.add(k).cast::<__m256i>());
                let pair = _mm256_and_si256(
                    _mm256_cmpeq_epi8(load(1), space),
                    _mm256_cmpeq_epi8(load(2), space),
                );
                let neighbour = _mm256_or_si256(
                    _mm256_cmpeq_epi8(load(0), space),
                    _mm256_cmpeq_epi8(load(3), space),
                );
                _mm256_andnot_si256(neighbour, pair)
            }
        }
    }
}

/// How [`for_each_mark_with`] tests blocks of bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vectors {
    /// 32 bytes to a register (x86_64 processors with AVX2).
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    Avx2,
    /// 16 bytes to a register (every x86_64 processor).
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    Sse2,
    /// Byte by byte.
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))]
    None,
}

/// Calls `found(i)` for each position `i` of `bytes` that fits `pattern` (bytes outside the
/// text count as zeros), in order.
///
/// Sixty-four bytes are tested at a time and passed over at once when none fits, as nearly
/// all are: the hits of these patterns are rare in prose.
#[inline]
pub fn for_each_mark(bytes: &[u8], pattern: MarkPattern, found: impl FnMut(usize)) {
    #[cfg(target_arch = "x86_64")]
    let vectors = if std::is_x86_feature_detected!("avx2") {
        Vectors::Avx2
    } else {
        Vectors::Sse2
    };
    #[cfg(not(target_arch = "x86_64"))]
    let vectors = Vectors::None;
    for_each_mark_with(bytes, pattern, vectors, found);
}

/// [`for_each_mark`] with the blocks tested as `vectors` says.
#[inline]
fn for_each_mark_with(
    bytes: &[u8],
    pattern: MarkPattern,
    vectors: Vectors,
    mut found: impl FnMut(usize),
) {
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let fits_at = |i: usize| {
        let before = i.checked_sub(1).map_or(0, byte);
        pattern.fits(before, byte(i), byte(i + 1), byte(i + 2))
    };
    if bytes.is_empty() {
        return;
    }
    // The first byte has no byte before it.
    if fits_at(0) {
        found(0);
    }
    let mut at = 1;
    #[cfg(target_arch = "x86_64")]
    match vectors {
        // SAFETY: the processor has AVX2.
        Vectors::Avx2 => at = unsafe { blocks_avx2(bytes, pattern, at, &mut found) },
        Vectors::Sse2 => at = blocks_sse2(bytes, pattern, at, &mut found),
        Vectors::None => {}
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = vectors;
    // The rest (and everything elsewhere), byte by byte.
    for i in at..bytes.len() {
        if fits_at(i) {
            found(i);
        }
    }
}

/// Calls `found` for the hits of the 64-byte blocks from `at` (at least 1) while a block and
/// the two bytes after it fit in `bytes`; returns where it stopped.
#[cfg(target_arch = "x86_64")]
#[inline]
fn blocks_sse2(
    bytes: &[u8],
    pattern: MarkPattern,
    mut at: usize,
    found: &mut impl FnMut(usize),
) -> usize {
    use std::arch::x86_64::{_mm_movemask_epi8, _mm_or_si128};
    debug_assert!(at >= 1);
    // Each block reads from the byte before it to two bytes after it.
    while at + 66 <= bytes.len() {
        // SAFETY: `bytes[at - 1..at + 66]` is readable (`at >= 1`, and the loop condition),
        // so each of the four 19-byte windows at `at - 1 + 16k` is; SSE2 is part of the
        // x86_64 baseline.
        let mut hits = unsafe {
            let base = bytes.as_ptr().add(at - 1);
            let lanes0 = pattern_lanes(base, pattern);
            let lanes1 = pattern_lanes(base.add(16), pattern);
            let lanes2 = pattern_lanes(base.add(32), pattern);
            let lanes3 = pattern_lanes(base.add(48), pattern);
            let any = _mm_or_si128(_mm_or_si128(lanes0, lanes1), _mm_or_si128(lanes2, lanes3));
            if _mm_movemask_epi8(any) == 0 {
                0
            } else {
                let mask = |lanes| u64::from(_mm_movemask_epi8(lanes) as u16);
                mask(lanes0) | mask(lanes1) << 16 | mask(lanes2) << 32 | mask(lanes3) << 48
            }
        };
        while hits != 0 {
            found(at + hits.trailing_zeros() as usize);
            hits &= hits - 1;
        }
        at += 64;
    }
    at
}

/// [`blocks_sse2`] 32 bytes to a register.
///
/// # Safety
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn blocks_avx2(
    bytes: &[u8],
    pattern: MarkPattern,
    mut at: usize,
    found: &mut impl FnMut(usize),
) -> usize {
    use std::arch::x86_64::{_mm256_movemask_epi8, _mm256_or_si256};
    debug_assert!(at >= 1);
    while at + 66 <= bytes.len() {
        // SAFETY: `bytes[at - 1..at + 66]` is readable, so both 35-byte windows at `at - 1`
        // and `at + 31` are; the caller guarantees AVX2.
        let mut hits = unsafe {
            let base = bytes.as_ptr().add(at - 1);
            let low = pattern_lanes_avx2(base, pattern);
            let high = pattern_lanes_avx2(base.add(32), pattern);
            if _mm256_movemask_epi8(_mm256_or_si256(low, high)) == 0 {
                0
            } else {
                u64::from(_mm256_movemask_epi8(low) as u32)
                    | u64::from(_mm256_movemask_epi8(high) as u32) << 32
            }
        };
        while hits != 0 {
            found(at + hits.trailing_zeros() as usize);
            hits &= hits - 1;
        }
        at += 64;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_spaces_are_found_at_every_offset() {
        // Every byte value, then the marks and spaces the patterns are for, long enough for
        // several blocks at every offset.
        let mut text: Vec<u8> = (0u8..=255).collect();
        text.extend_from_slice(
            b"a , b. c;d  e:f.g,,h   i  .j?K!l >m <n =o x  y ;\xc3\xa9 ,x said  it  ",
        );
        let text = text.repeat(3);
        let at = |k: usize| text.get(k).copied().unwrap_or(0);
        let before = |k: usize| k.checked_sub(1).map_or(0, |k| text[k]);
        for start in 0..80 {
            let slice = &text[start..];
            for pattern in [
                MarkPattern::MarkAfterSpace,
                MarkPattern::MarkBeforeLetter,
                MarkPattern::DoubleSpace,
            ] {
                let expected: Vec<usize> = (start..text.len())
                    .filter(|&k| {
                        let before = if k == start { 0 } else { before(k) };
                        pattern.fits(before, text[k], at(k + 1), at(k + 2))
                    })
                    .collect();
                let mut ways = vec![Vectors::None];
                #[cfg(target_arch = "x86_64")]
                {
                    ways.push(Vectors::Sse2);
                    if std::is_x86_feature_detected!("avx2") {
                        ways.push(Vectors::Avx2);
                    }
                }
                for vectors in ways {
                    let mut found = Vec::new();
                    for_each_mark_with(slice, pattern, vectors, |i| found.push(i + start));
                    assert_eq!(found, expected, "{pattern:?} {vectors:?} from {start}");
                }
            }
        }
        // The byte tests themselves.
        let marks: Vec<u8> = (0u8..=255).filter(|&b| is_sentence_mark(b)).collect();
        assert_eq!(marks, b"!,.:;?");
    }
}
