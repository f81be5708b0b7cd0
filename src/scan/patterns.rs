//! Bytes in their context: what stands up to two bytes before and after each byte, tested
//! sixty-four bytes at a time, so that the spacing and casing rules see only the few marks,
//! spaces and capitals that fit their pattern.

/// What the spacing and casing rules look for around a byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BytePattern {
    /// A sentence mark (`,` `;` `:` `.` `?` `!`) right after a space.
    MarkAfterSpace,
    /// A sentence mark right before an ASCII letter or a non-ASCII byte.
    MarkBeforeLetter,
    /// The first of exactly two spaces: a space and a space, with no space before or after.
    DoubleSpace,
    /// An ASCII capital right after an ASCII small letter, a digit or `%` (`talksAnd`,
    /// `2%According`).
    CapitalAfterLowerOrDigit,
    /// An ASCII capital or a non-ASCII byte after a space after an ASCII small letter (`said
    /// The`, `president Łukaszenka`).
    CapitalOrHighAfterWord,
    /// A comma right after an ASCII digit (`2,5`).
    CommaAfterDigit,
    /// A full stop right after an ASCII digit (`500.000`, `24.`).
    PointAfterDigit,
}

impl BytePattern {
    /// Every pattern, in the order of their numbers.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    const ALL: [BytePattern; 7] = [
        BytePattern::MarkAfterSpace,
        BytePattern::MarkBeforeLetter,
        BytePattern::DoubleSpace,
        BytePattern::CapitalAfterLowerOrDigit,
        BytePattern::CapitalOrHighAfterWord,
        BytePattern::CommaAfterDigit,
        BytePattern::PointAfterDigit,
    ];

    /// The pattern numbered `code` (its place in [`BytePattern::ALL`]): the block scans take
    /// the pattern as a constant, so that each has its own loop with no choice inside.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    const fn from_code(code: u8) -> BytePattern {
        BytePattern::ALL[code as usize]
    }

    /// True when the middle byte of `window` (two bytes before it, the byte, two after it;
    /// zeros outside the text) fits.
    #[inline]
    pub fn fits(self, window: [u8; 5]) -> bool {
        let [two_before, before, here, next, two_after] = window;
        match self {
            BytePattern::MarkAfterSpace => is_sentence_mark(here) && before == b' ',
            BytePattern::MarkBeforeLetter => {
                is_sentence_mark(here) && (next.is_ascii_alphabetic() || next >= 0x80)
            }
            BytePattern::DoubleSpace => {
                before != b' ' && here == b' ' && next == b' ' && two_after != b' '
            }
            BytePattern::CapitalAfterLowerOrDigit => {
                here.is_ascii_uppercase()
                    && (before.is_ascii_lowercase() || before.is_ascii_digit() || before == b'%')
            }
            BytePattern::CapitalOrHighAfterWord => {
                (here.is_ascii_uppercase() || here >= 0x80)
                    && before == b' '
                    && two_before.is_ascii_lowercase()
            }
            BytePattern::CommaAfterDigit => here == b',' && before.is_ascii_digit(),
            BytePattern::PointAfterDigit => here == b'.' && before.is_ascii_digit(),
        }
    }
}

/// True for the sentence marks: `,` `;` `:` `.` `?` `!`.
#[inline]
pub fn is_sentence_mark(b: u8) -> bool {
    matches!(b, b',' | b';' | b':' | b'.' | b'?' | b'!')
}

/// Lanes of the 16 bytes two after `window` (which points two bytes before them) that fit
/// `pattern`, all bits set where they do.
///
/// # Safety
/// `window` must point to 20 readable bytes.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn pattern_lanes(window: *const u8, pattern: BytePattern) -> std::arch::x86_64::__m128i {
    use super::in_byte_range;
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
    };
    // SAFETY: SSE2 is part of the x86_64 baseline, and the caller guarantees 20 readable
    // bytes, so the unaligned 16-byte loads at 0 to 4 stay inside them.
    unsafe {
        let load = |k: usize| _mm_loadu_si128(window.add(k).cast::<__m128i>());
        let (two_before, before, here, next, two_after) = (0, 1, 2, 3, 4);
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
        // A non-ASCII byte has its top bit set: negative as a signed byte.
        let high = |v: __m128i| _mm_cmplt_epi8(v, _mm_setzero_si128());
        match pattern {
            BytePattern::MarkAfterSpace => {
                _mm_and_si128(sentence_mark(load(here)), eq(load(before), b' '))
            }
            BytePattern::MarkBeforeLetter => {
                let next = load(next);
                // ASCII letters in either case, or a non-ASCII byte.
                let letter_next = _mm_or_si128(
                    in_byte_range(_mm_or_si128(next, splat(0x20)), b'a', 26),
                    high(next),
                );
                _mm_and_si128(sentence_mark(load(here)), letter_next)
            }
            BytePattern::DoubleSpace => {
                let pair = _mm_and_si128(eq(load(here), b' '), eq(load(next), b' '));
                let neighbour = _mm_or_si128(eq(load(before), b' '), eq(load(two_after), b' '));
                _mm_andnot_si128(neighbour, pair)
            }
            BytePattern::CapitalAfterLowerOrDigit => {
                let before = load(before);
                let context = _mm_or_si128(
                    _mm_or_si128(
                        in_byte_range(before, b'a', 26),
                        in_byte_range(before, b'0', 10),
                    ),
                    eq(before, b'%'),
                );
                _mm_and_si128(in_byte_range(load(here), b'A', 26), context)
            }
            BytePattern::CapitalOrHighAfterWord => {
                let here = load(here);
                let capital_or_high = _mm_or_si128(in_byte_range(here, b'A', 26), high(here));
                let context = _mm_and_si128(
                    eq(load(before), b' '),
                    in_byte_range(load(two_before), b'a', 26),
                );
                _mm_and_si128(capital_or_high, context)
            }
            BytePattern::CommaAfterDigit => {
                _mm_and_si128(eq(load(here), b','), in_byte_range(load(before), b'0', 10))
            }
            BytePattern::PointAfterDigit => {
                _mm_and_si128(eq(load(here), b'.'), in_byte_range(load(before), b'0', 10))
            }
        }
    }
}

/// Lanes of `v` with `lo <= b < lo + n` (unsigned), 32 at a time: `in_byte_range` for AVX2.
///
/// # Safety
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn in_byte_range_avx2(
    v: std::arch::x86_64::__m256i,
    lo: u8,
    n: u8,
) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::{_mm256_add_epi8, _mm256_cmpgt_epi8, _mm256_set1_epi8};
    let shifted = _mm256_add_epi8(v, _mm256_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
    _mm256_cmpgt_epi8(_mm256_set1_epi8(0x80u8.wrapping_add(n) as i8), shifted)
}

/// Lanes of `v` equal to `b`, 32 at a time.
///
/// # Safety
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn eq_avx2(v: std::arch::x86_64::__m256i, b: u8) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::{_mm256_cmpeq_epi8, _mm256_set1_epi8};
    _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b as i8))
}

/// Lanes of the 32 bytes two after `window` that fit `pattern`: [`pattern_lanes`] twice as
/// wide. (Helpers are functions, not closures, which would not inherit AVX2.)
///
/// # Safety
/// `window` must point to 36 readable bytes, and the processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn pattern_lanes_avx2(
    window: *const u8,
    pattern: BytePattern,
) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpgt_epi8, _mm256_loadu_si256,
        _mm256_or_si256, _mm256_set1_epi8, _mm256_setzero_si256,
    };
    // SAFETY: the caller guarantees AVX2 and 36 readable bytes, so the unaligned 32-byte loads
    // at 0 to 4 stay inside them.
    unsafe {
        let two_before = _mm256_loadu_si256(window.cast::<__m256i>());
        let before = _mm256_loadu_si256(window.add(1).cast::<__m256i>());
        let here = _mm256_loadu_si256(window.add(2).cast::<__m256i>());
        let next = _mm256_loadu_si256(window.add(3).cast::<__m256i>());
        let two_after = _mm256_loadu_si256(window.add(4).cast::<__m256i>());
        let mark = || {
            // The same five comparisons as in `pattern_lanes`.
            let comma_or_stop = eq_avx2(_mm256_or_si256(here, _mm256_set1_epi8(0x02)), b'.');
            let colon_semicolon_question = _mm256_andnot_si256(
                eq_avx2(here, b'>'),
                eq_avx2(_mm256_or_si256(here, _mm256_set1_epi8(0x05)), b'?'),
            );
            _mm256_or_si256(
                _mm256_or_si256(comma_or_stop, colon_semicolon_question),
                eq_avx2(here, b'!'),
            )
        };
        let high = |v: __m256i| _mm256_cmpgt_epi8(_mm256_setzero_si256(), v);
        match pattern {
            BytePattern::MarkAfterSpace => _mm256_and_si256(mark(), eq_avx2(before, b' ')),
            BytePattern::MarkBeforeLetter => {
                let letter =
                    in_byte_range_avx2(_mm256_or_si256(next, _mm256_set1_epi8(0x20)), b'a', 26);
                _mm256_and_si256(mark(), _mm256_or_si256(letter, high(next)))
            }
            BytePattern::DoubleSpace => {
                let pair = _mm256_and_si256(eq_avx2(here, b' '), eq_avx2(next, b' '));
                let neighbour = _mm256_or_si256(eq_avx2(before, b' '), eq_avx2(two_after, b' '));
                _mm256_andnot_si256(neighbour, pair)
            }
            BytePattern::CapitalAfterLowerOrDigit => {
                let context = _mm256_or_si256(
                    _mm256_or_si256(
                        in_byte_range_avx2(before, b'a', 26),
                        in_byte_range_avx2(before, b'0', 10),
                    ),
                    eq_avx2(before, b'%'),
                );
                _mm256_and_si256(in_byte_range_avx2(here, b'A', 26), context)
            }
            BytePattern::CapitalOrHighAfterWord => {
                let capital_or_high =
                    _mm256_or_si256(in_byte_range_avx2(here, b'A', 26), high(here));
                let context = _mm256_and_si256(
                    eq_avx2(before, b' '),
                    in_byte_range_avx2(two_before, b'a', 26),
                );
                _mm256_and_si256(capital_or_high, context)
            }
            BytePattern::CommaAfterDigit => {
                _mm256_and_si256(eq_avx2(here, b','), in_byte_range_avx2(before, b'0', 10))
            }
            BytePattern::PointAfterDigit => {
                _mm256_and_si256(eq_avx2(here, b'.'), in_byte_range_avx2(before, b'0', 10))
            }
        }
    }
}

/// How [`for_each_byte_where_with`] tests blocks of bytes.
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
/// slice count as zeros), in order.
///
/// Sixty-four bytes are tested at a time and passed over at once when none fits, as most
/// are: the hits of these patterns are rare in prose.
#[inline]
pub fn for_each_byte_where(bytes: &[u8], pattern: BytePattern, found: impl FnMut(usize)) {
    #[cfg(target_arch = "x86_64")]
    let vectors = if std::is_x86_feature_detected!("avx2") {
        Vectors::Avx2
    } else {
        Vectors::Sse2
    };
    #[cfg(not(target_arch = "x86_64"))]
    let vectors = Vectors::None;
    for_each_byte_where_with(bytes, pattern, vectors, found);
}

/// Bytes a block reads before its first byte.
const BEFORE: usize = 2;
/// Bytes a block reads after its last byte.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
const AFTER: usize = 2;

/// [`for_each_byte_where`] with the blocks tested as `vectors` says.
#[inline]
fn for_each_byte_where_with(
    bytes: &[u8],
    pattern: BytePattern,
    vectors: Vectors,
    mut found: impl FnMut(usize),
) {
    let fits_at = |i: usize| {
        let mut window = [0u8; 5];
        for (k, slot) in window.iter_mut().enumerate() {
            if let Some(&b) = (i + k).checked_sub(BEFORE).and_then(|at| bytes.get(at)) {
                *slot = b;
            }
        }
        pattern.fits(window)
    };
    // The first bytes have fewer than two bytes before them.
    let start = BEFORE.min(bytes.len());
    for i in 0..start {
        if fits_at(i) {
            found(i);
        }
    }
    // Each pattern gets its own loops (the match is decided where this is inlined).
    #[cfg(target_arch = "x86_64")]
    let at = {
        let found = &mut found;
        match pattern {
            BytePattern::MarkAfterSpace => blocks::<0>(bytes, vectors, start, found),
            BytePattern::MarkBeforeLetter => blocks::<1>(bytes, vectors, start, found),
            BytePattern::DoubleSpace => blocks::<2>(bytes, vectors, start, found),
            BytePattern::CapitalAfterLowerOrDigit => blocks::<3>(bytes, vectors, start, found),
            BytePattern::CapitalOrHighAfterWord => blocks::<4>(bytes, vectors, start, found),
            BytePattern::CommaAfterDigit => blocks::<5>(bytes, vectors, start, found),
            BytePattern::PointAfterDigit => blocks::<6>(bytes, vectors, start, found),
        }
    };
    #[cfg(not(target_arch = "x86_64"))]
    let at = {
        let _ = vectors;
        start
    };
    // The rest (and everything elsewhere), byte by byte.
    for i in at..bytes.len() {
        if fits_at(i) {
            found(i);
        }
    }
}

/// Calls `found` with `at + k` for each bit `k` set in `hits`, lowest first.
#[inline]
fn report_hits(at: usize, mut hits: u64, found: &mut impl FnMut(usize)) {
    while hits != 0 {
        found(at + hits.trailing_zeros() as usize);
        hits &= hits - 1;
    }
}

/// Calls `found` for the hits of the pattern numbered `PATTERN` in the 64-byte blocks from
/// `at` (at least [`BEFORE`]), tested as `vectors` says; returns where it stopped.
#[cfg(target_arch = "x86_64")]
#[inline]
fn blocks<const PATTERN: u8>(
    bytes: &[u8],
    vectors: Vectors,
    at: usize,
    found: &mut impl FnMut(usize),
) -> usize {
    match vectors {
        // SAFETY: the processor has AVX2.
        Vectors::Avx2 => unsafe { blocks_avx2::<PATTERN>(bytes, at, found) },
        Vectors::Sse2 => blocks_sse2::<PATTERN>(bytes, at, found),
        Vectors::None => at,
    }
}

/// Calls `found` for the hits of the pattern numbered `PATTERN` in the 64-byte blocks from
/// `at` (at least [`BEFORE`]) while a block and the bytes after it fit in `bytes`; returns
/// where it stopped.
#[cfg(target_arch = "x86_64")]
#[inline]
fn blocks_sse2<const PATTERN: u8>(
    bytes: &[u8],
    mut at: usize,
    found: &mut impl FnMut(usize),
) -> usize {
    use std::arch::x86_64::{_mm_movemask_epi8, _mm_or_si128};
    let pattern = const { BytePattern::from_code(PATTERN) };
    debug_assert!(at >= BEFORE);
    while at + 64 + AFTER <= bytes.len() {
        // SAFETY: `bytes[at - BEFORE..at + 64 + AFTER]` is readable (`at >= BEFORE`, and the
        // loop condition), so each of the four 20-byte windows at `at - BEFORE + 16k` is; SSE2
        // is part of the x86_64 baseline.
        let hits = unsafe {
            let window = bytes.as_ptr().add(at - BEFORE);
            let lanes0 = pattern_lanes(window, pattern);
            let lanes1 = pattern_lanes(window.add(16), pattern);
            let lanes2 = pattern_lanes(window.add(32), pattern);
            let lanes3 = pattern_lanes(window.add(48), pattern);
            let any = _mm_or_si128(_mm_or_si128(lanes0, lanes1), _mm_or_si128(lanes2, lanes3));
            if _mm_movemask_epi8(any) == 0 {
                0
            } else {
                let mask = |lanes| u64::from(_mm_movemask_epi8(lanes) as u16);
                mask(lanes0) | mask(lanes1) << 16 | mask(lanes2) << 32 | mask(lanes3) << 48
            }
        };
        report_hits(at, hits, found);
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
unsafe fn blocks_avx2<const PATTERN: u8>(
    bytes: &[u8],
    mut at: usize,
    found: &mut impl FnMut(usize),
) -> usize {
    use std::arch::x86_64::{_mm256_movemask_epi8, _mm256_or_si256};
    let pattern = const { BytePattern::from_code(PATTERN) };
    debug_assert!(at >= BEFORE);
    while at + 64 + AFTER <= bytes.len() {
        // SAFETY: `bytes[at - BEFORE..at + 64 + AFTER]` is readable, so both 36-byte windows
        // at `at - BEFORE` and 32 bytes later are; the caller guarantees AVX2.
        let hits = unsafe {
            let window = bytes.as_ptr().add(at - BEFORE);
            let low = pattern_lanes_avx2(window, pattern);
            let high = pattern_lanes_avx2(window.add(32), pattern);
            if _mm256_movemask_epi8(_mm256_or_si256(low, high)) == 0 {
                0
            } else {
                u64::from(_mm256_movemask_epi8(low) as u32)
                    | u64::from(_mm256_movemask_epi8(high) as u32) << 32
            }
        };
        report_hits(at, hits, found);
        at += 64;
    }
    at
}

/// Calls `found(space, word_start)` for each space of `bytes` between two words that start
/// with the same ASCII letter (in either case), in order, with the start of the word before
/// the space: the byte after the last space or line break before it (0 when there is none).
///
/// For the doubled-word check: the spaces and line breaks of 64 bytes are found at once, the
/// start of each word is read from that mask instead of being carried from space to space, and
/// only the few spaces whose words share a first letter leave the scan.
#[inline]
pub fn for_each_space_between_like_letters(bytes: &[u8], mut found: impl FnMut(usize, usize)) {
    let mut word_start = 0;
    #[cfg(target_arch = "x86_64")]
    let at = if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2.
        unsafe { space_blocks_avx2(bytes, &mut word_start, &mut found) }
    } else {
        space_blocks_sse2(bytes, &mut word_start, &mut found)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let at = 0;
    space_tail(bytes, at, word_start, &mut found);
}

/// [`for_each_space_between_like_letters`] byte by byte from `at`, where the word before
/// started at `word_start`.
#[inline]
fn space_tail(
    bytes: &[u8],
    at: usize,
    mut word_start: usize,
    found: &mut impl FnMut(usize, usize),
) {
    for i in at..bytes.len() {
        let b = bytes[i];
        if b == b' '
            && bytes
                .get(i + 1)
                .is_some_and(|&next| next.is_ascii_alphabetic() && alike(bytes[word_start], next))
        {
            found(i, word_start);
        }
        if b == b' ' || b == b'\n' {
            word_start = i + 1;
        }
    }
}

/// True when `head`, the first byte of a word, is the ASCII letter `letter` in either case.
/// (Only A–Z and a–z fold onto a small letter with bit 0x20 set.)
#[inline(always)]
fn alike(head: u8, letter: u8) -> bool {
    head | 0x20 == letter | 0x20
}

/// Reports the spaces of `hits` (bit `k` for byte `at + k`, each before an ASCII letter) whose
/// word before starts with that letter, with the start of that word, read from `delimiters`
/// (the block's spaces and line breaks) or carried in `word_start`, which is left after the
/// block's last delimiter.
#[inline]
fn report_spaces(
    bytes: &[u8],
    at: usize,
    mut hits: u64,
    delimiters: u64,
    word_start: &mut usize,
    found: &mut impl FnMut(usize, usize),
) {
    while hits != 0 {
        let k = hits.trailing_zeros() as usize;
        hits &= hits - 1;
        let before = delimiters & ((1u64 << k) - 1);
        let start = if before == 0 {
            *word_start
        } else {
            at + 64 - before.leading_zeros() as usize
        };
        if alike(bytes[start], bytes[at + k + 1]) {
            found(at + k, start);
        }
    }
    if delimiters != 0 {
        *word_start = at + 64 - delimiters.leading_zeros() as usize;
    }
}

/// The 64-byte blocks of [`for_each_space_between_like_letters`], 16 bytes to a register, while a
/// block and the byte after it fit in `bytes`; returns where it stopped.
#[cfg(target_arch = "x86_64")]
#[inline]
fn space_blocks_sse2(
    bytes: &[u8],
    word_start: &mut usize,
    found: &mut impl FnMut(usize, usize),
) -> usize {
    use super::in_byte_range;
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let mut at = 0;
    while at + 64 < bytes.len() {
        let (mut hits, mut delimiters) = (0u64, 0u64);
        for part in 0..4 {
            // SAFETY: SSE2 is part of the x86_64 baseline, and `bytes[at..at + 65]` is
            // readable (the loop condition), so both 16-byte loads at `at + 16 * part` and one
            // byte later stay inside it.
            let (hit, delimiter) = unsafe {
                let here = _mm_loadu_si128(bytes.as_ptr().add(at + 16 * part).cast::<__m128i>());
                let next =
                    _mm_loadu_si128(bytes.as_ptr().add(at + 16 * part + 1).cast::<__m128i>());
                let space = _mm_cmpeq_epi8(here, _mm_set1_epi8(b' ' as i8));
                let line_break = _mm_cmpeq_epi8(here, _mm_set1_epi8(b'\n' as i8));
                let letter = in_byte_range(_mm_or_si128(next, _mm_set1_epi8(0x20)), b'a', 26);
                (
                    _mm_movemask_epi8(_mm_and_si128(space, letter)) as u16,
                    _mm_movemask_epi8(_mm_or_si128(space, line_break)) as u16,
                )
            };
            hits |= u64::from(hit) << (16 * part);
            delimiters |= u64::from(delimiter) << (16 * part);
        }
        report_spaces(bytes, at, hits, delimiters, word_start, found);
        at += 64;
    }
    at
}

/// [`space_blocks_sse2`] 32 bytes to a register.
///
/// # Safety
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn space_blocks_avx2(
    bytes: &[u8],
    word_start: &mut usize,
    found: &mut impl FnMut(usize, usize),
) -> usize {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8,
    };
    let mut at = 0;
    while at + 64 < bytes.len() {
        let (mut hits, mut delimiters) = (0u64, 0u64);
        for half in 0..2 {
            // SAFETY: `bytes[at..at + 65]` is readable (the loop condition), so both 32-byte
            // loads at `at + 32 * half` and one byte later stay inside it; the caller
            // guarantees AVX2.
            let (hit, delimiter) = unsafe {
                let window = bytes.as_ptr().add(at + 32 * half);
                let here = _mm256_loadu_si256(window.cast::<__m256i>());
                let next = _mm256_loadu_si256(window.add(1).cast::<__m256i>());
                let space = eq_avx2(here, b' ');
                let line_break = eq_avx2(here, b'\n');
                let letter =
                    in_byte_range_avx2(_mm256_or_si256(next, _mm256_set1_epi8(0x20)), b'a', 26);
                (
                    _mm256_movemask_epi8(_mm256_and_si256(space, letter)) as u32,
                    _mm256_movemask_epi8(_mm256_or_si256(space, line_break)) as u32,
                )
            };
            hits |= u64::from(hit) << (32 * half);
            delimiters |= u64::from(delimiter) << (32 * half);
        }
        report_spaces(bytes, at, hits, delimiters, word_start, found);
        at += 64;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_found_at_every_offset_every_way() {
        // Every byte value, then the marks, spaces and capitals the patterns are for, long
        // enough for several blocks at every offset.
        let mut text: Vec<u8> = (0u8..=255).collect();
        text.extend_from_slice(
            b"a , b. c;d  e:f.g,,h   i  .j?K!l >m <n =o x  y ;\xc3\xa9 ,x said  it  talksAnd \
              2%According 3M @Z `a [b {c said The president \xc5\x81 AZ az 09 2,5 500.000 24. /,:.",
        );
        let text = text.repeat(3);
        let byte = |k: usize| text.get(k).copied().unwrap_or(0);
        for start in 0..80 {
            let slice = &text[start..];
            for pattern in [
                BytePattern::MarkAfterSpace,
                BytePattern::MarkBeforeLetter,
                BytePattern::DoubleSpace,
                BytePattern::CapitalAfterLowerOrDigit,
                BytePattern::CapitalOrHighAfterWord,
                BytePattern::CommaAfterDigit,
                BytePattern::PointAfterDigit,
            ] {
                let expected: Vec<usize> = (start..text.len())
                    .filter(|&k| {
                        let at = |j: usize| if j < start { 0 } else { byte(j) };
                        let before = |d: usize| k.checked_sub(d).map_or(0, at);
                        pattern.fits([before(2), before(1), text[k], byte(k + 1), byte(k + 2)])
                    })
                    .collect();
                assert!(!expected.is_empty(), "{pattern:?}");
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
                    for_each_byte_where_with(slice, pattern, vectors, |i| found.push(i + start));
                    assert_eq!(found, expected, "{pattern:?} {vectors:?} from {start}");
                }
            }
        }
        // The byte tests themselves.
        let marks: Vec<u8> = (0u8..=255).filter(|&b| is_sentence_mark(b)).collect();
        assert_eq!(marks, b"!,.:;?");
    }

    #[test]
    fn spaces_between_like_letters_come_with_their_word_starts() {
        // Spaces before letters and before other bytes, line breaks, doubled spaces, words
        // alike and unlike and long words, across block edges at every offset.
        let mut text: Vec<u8> = (0u8..=255).collect();
        text.extend_from_slice(
            b"the the  talks\nThe the 10 10 a\n b  \xc3\xa9 x Zz zZ extraordinarilylongwordhere \
              exact and so on ,a .B z a@ `a @a |\\ {[ a\nA b  b tt",
        );
        let text = text.repeat(3);
        for start in 0..80 {
            let slice = &text[start..];
            let mut expected = Vec::new();
            space_tail(slice, 0, 0, &mut |i, w| expected.push((i, w)));
            // The reference, from its definition.
            let mut reference = Vec::new();
            let mut word_start = 0;
            for (i, &b) in slice.iter().enumerate() {
                if b == b' '
                    && slice.get(i + 1).is_some_and(|&next| {
                        next.is_ascii_alphabetic() && slice[word_start].eq_ignore_ascii_case(&next)
                    })
                {
                    reference.push((i, word_start));
                }
                if b == b' ' || b == b'\n' {
                    word_start = i + 1;
                }
            }
            assert_eq!(expected, reference, "from {start}");
            assert!(expected.len() >= 9, "{expected:?}");
            let mut found = Vec::new();
            for_each_space_between_like_letters(slice, |i, w| found.push((i, w)));
            assert_eq!(found, expected, "from {start}");
            #[cfg(target_arch = "x86_64")]
            {
                let mut found = Vec::new();
                let mut word_start = 0;
                let at = space_blocks_sse2(slice, &mut word_start, &mut |i, w| found.push((i, w)));
                space_tail(slice, at, word_start, &mut |i, w| found.push((i, w)));
                assert_eq!(found, expected, "SSE2 from {start}");
            }
        }
    }
}
