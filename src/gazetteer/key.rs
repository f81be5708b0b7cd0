//! Short words as numbers: the bytes of a word of up to 15 bytes and its length packed into a
//! `u128`, and the hash of that number. Almost every word of prose fits, so a word is compared
//! and hashed with a few instructions and no pointer to follow.

/// Longest word (in bytes) that packs into a key.
pub const MAX_PACKED: usize = 15;

/// The bytes of `word` with its length in the top byte, when it fits.
#[inline]
pub fn pack(word: &[u8]) -> Option<u128> {
    if word.len() > MAX_PACKED {
        return None;
    }
    let mut buffer = [0u8; 16];
    buffer[..word.len()].copy_from_slice(word);
    buffer[15] = word.len() as u8;
    Some(u128::from_le_bytes(buffer))
}

/// `KEEP[n]`: the low `n` bytes of a `u128` set.
static KEEP: [u128; 16] = {
    let mut masks = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        masks[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// [`pack`] of `text[start..end]`, reading the 16 bytes at `start` at once when the text has
/// them (the bytes past the word are masked off).
#[inline]
pub fn pack_in(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > MAX_PACKED {
        return None;
    }
    match text.get(start..start + 16) {
        Some(block) => {
            let mut bytes = [0u8; 16];
            bytes.copy_from_slice(block);
            let value = u128::from_le_bytes(bytes);
            Some(value & KEEP[len] | (len as u128) << 120)
        }
        None => pack(&text[start..end]),
    }
}

/// A well-mixed 64-bit hash of a packed key: one 128-bit multiply, folded.
#[inline]
pub fn hash_key(key: u128) -> u64 {
    let (low, high) = (key as u64, (key >> 64) as u64);
    let product =
        u128::from(low ^ 0x243F_6A88_85A3_08D3) * u128::from(high ^ 0x1319_8A2E_0370_7344);
    (product as u64) ^ ((product >> 64) as u64)
}

/// The hash of a folded word, the same in every process: [`hash_key`] of its packed form, or
/// FxHash for the rare longer word. Memos of name lookups and the starter filters use it.
#[inline]
pub fn word_hash(folded: &str) -> u64 {
    match pack(folded.as_bytes()) {
        Some(key) => hash_key(key),
        None => {
            use std::hash::BuildHasher;
            rustc_hash::FxBuildHasher.hash_one(folded)
        }
    }
}

/// True when the packed word is plain lower case: an ASCII lower-case letter or digit, then
/// lower-case letters, digits, apostrophes and hyphens (its own folded form). Numbers count:
/// they name no one, and newswire is full of them.
#[inline]
pub fn is_plain_lower_key(key: u128) -> bool {
    let len = (key >> 120) as u32;
    let first = key as u8;
    if len == 0 || !(first.is_ascii_lowercase() || first.is_ascii_digit()) {
        return false;
    }
    let wanted = (1u32 << len) - 1;
    plain_byte_mask(key) & wanted == wanted
}

/// Bit `k` set when byte `k` of the key is an ASCII lower-case letter, digit, apostrophe or
/// hyphen.
#[inline]
fn plain_byte_mask(key: u128) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };
        let bytes = key.to_le_bytes();
        // SAFETY: SSE2 is part of the x86_64 baseline; `bytes` holds the 16 bytes loaded.
        unsafe {
            let v = _mm_loadu_si128(bytes.as_ptr().cast::<__m128i>());
            let in_range = |lo: u8, n: u8| crate::scan::in_byte_range(v, lo, n);
            let marks = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\'' as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'-' as i8)),
            );
            let plain = _mm_or_si128(_mm_or_si128(in_range(b'a', 26), in_range(b'0', 10)), marks);
            _mm_movemask_epi8(plain) as u32
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        key.to_le_bytes()
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || **b == b'\'' || **b == b'-'
            })
            .fold(0, |mask, (k, _)| mask | 1 << k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_in_place_equals_packing_a_copy() {
        let text = b"the Hegseth said-so 123456789012345 x";
        for start in 0..text.len() {
            for end in start..text.len().min(start + 20) {
                assert_eq!(
                    pack_in(text, start, end),
                    pack(&text[start..end]),
                    "{start}..{end}"
                );
            }
        }
        assert_eq!(pack(b"sixteen-letters!"), None);
        assert_ne!(pack(b"a"), pack(b"a\0"));
    }

    #[test]
    fn hashes_differ_for_near_words() {
        let words = [
            "kyiv", "kiev", "kijiw", "kyvi", "a", "b", "ab", "ba", "the", "thee",
        ];
        let mut hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
        // Bloom filters take the low bits and the bits from 40 up: both must vary.
        let low: std::collections::HashSet<u64> =
            words.iter().map(|w| word_hash(w) & 0xFFFF).collect();
        let high: std::collections::HashSet<u64> =
            words.iter().map(|w| word_hash(w) >> 48).collect();
        assert!(low.len() >= 9 && high.len() >= 9);
    }

    #[test]
    fn plain_lower_words() {
        for word in [
            "the",
            "won't",
            "co-operation",
            "g7",
            "1987",
            "7up",
            "10-year",
        ] {
            assert!(is_plain_lower_key(pack(word.as_bytes()).unwrap()), "{word}");
        }
        for word in [
            "The",
            "iPhone",
            "7Up",
            "'s",
            "café",
            "x_y",
            "a b",
            "ab.",
            "abcdefghijklmnO",
        ] {
            assert!(
                !is_plain_lower_key(pack(word.as_bytes()).unwrap()),
                "{word}"
            );
        }
    }
}
