//! Capitals in their context: what stands one and two bytes before each ASCII capital.

use super::in_byte_range;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
