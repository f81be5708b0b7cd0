//! Folding names for comparison: case, diacritics, transliteration, and skeleton keys.
//!
//! A name is compared in three increasingly loose forms:
//! - **folded**: lowercase ASCII with diacritics removed and other scripts transliterated
//!   (`Gümrükçü` → `gumrukcu`, `Зеленский` → `zelenskii`), as deunicode does;
//! - **skeleton**: the folded form with the letters transliteration confuses merged
//!   (j/y/i, w/v, z/s, c/k/q, g/h, sch/sh, ph/f, th/t …) and doubled letters collapsed, so that
//!   `Kijiw`, `Kiiv` and `Kyiv` share a key, as do `Selenskyj` and `Zelensky`;
//! - **deletes**: symmetric-delete neighbours of the folded form, for edit distance 1–2
//!   (SymSpell), used to find candidates without scanning the gazetteer. The index stores
//!   them as 64-bit hashes ([`delete_hashes`]), never as strings.
//!
//! This file is also compiled into the build script, so it depends on nothing but `deunicode`.

/// Folds `text` into `out`: lowercase ASCII, diacritics removed, other scripts
/// transliterated, typographic apostrophes made straight, runs of whitespace made one space.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    // A word of printable ASCII (almost every word) is only lower-cased.
    if text.bytes().all(|b| b.is_ascii_graphic()) {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if matches!(c, '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´') {
            out.push('\'');
        } else if matches!(c, '‐' | '‑' | '–') {
            out.push('-');
        } else if let Some(ascii) = deunicode::deunicode_char(c) {
            for b in ascii.chars() {
                if b.is_ascii_alphanumeric() || b == '\'' || b == '-' {
                    out.push(b.to_ascii_lowercase());
                }
            }
        }
    }
}

/// Folds `text` (see [`fold_into`]).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// The skeleton key of an already folded single word (see the module documentation).
pub fn skeleton(folded: &str) -> String {
    let mut bytes: Vec<u8> = folded.bytes().filter(|b| b.is_ascii_alphabetic()).collect();
    let len = merge_skeleton(&mut bytes);
    bytes.truncate(len);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Longest word whose skeleton [`same_skeleton`] works out on the stack.
const STACK_SKELETON: usize = 64;

/// The skeleton of `folded` written into `buffer`, or `None` when the word does not fit.
fn skeleton_on_stack<'b>(folded: &str, buffer: &'b mut [u8; STACK_SKELETON]) -> Option<&'b [u8]> {
    if folded.len() > STACK_SKELETON {
        return None;
    }
    let mut len = 0;
    for b in folded.bytes().filter(u8::is_ascii_alphabetic) {
        buffer[len] = b;
        len += 1;
    }
    let len = merge_skeleton(&mut buffer[..len]);
    Some(&buffer[..len])
}

/// True when two folded words have the same [`skeleton`]: `skeleton(a) == skeleton(b)`,
/// worked out without allocating.
pub fn same_skeleton(a: &str, b: &str) -> bool {
    let (mut x, mut y) = ([0u8; STACK_SKELETON], [0u8; STACK_SKELETON]);
    match (skeleton_on_stack(a, &mut x), skeleton_on_stack(b, &mut y)) {
        (Some(a), Some(b)) => a == b,
        _ => skeleton(a) == skeleton(b),
    }
}

/// True when `folded` has the skeleton `key` (a [`skeleton`] already worked out). A skeleton
/// is never longer than its word (each letter or cluster gives at most one letter), so a key
/// longer than the word is turned down without working the word's skeleton out.
pub fn has_skeleton(folded: &str, key: &str) -> bool {
    if key.len() > folded.len() {
        return false;
    }
    let mut buffer = [0u8; STACK_SKELETON];
    match skeleton_on_stack(folded, &mut buffer) {
        Some(own) => own == key.as_bytes(),
        None => skeleton(folded) == key,
    }
}

/// Merges the letters of `bytes` (ASCII letters only) into their skeleton in place, at its
/// start; returns the skeleton's length. (Each step reads at least one byte and writes at
/// most one, so writing never overtakes reading.)
fn merge_skeleton(bytes: &mut [u8]) -> usize {
    let mut len = 0;
    let mut i = 0;
    while i < bytes.len() {
        // (Dispatched on the first letter, then the next: every cluster starts with a letter
        // of its own and the clusters of one letter differ in the second, so this is the
        // order-sensitive chain of prefix tests it replaces, at a fraction of the tests.)
        let next = bytes.get(i + 1).copied();
        let (letter, used) = match (bytes[i], next) {
            (b't', Some(b's')) if bytes[i..].starts_with(b"tsch") => (b'h', 4),
            (b't', Some(b'h')) => (b't', 2),
            (b's', Some(b'c')) if bytes.get(i + 2) == Some(&b'h') => (b's', 3),
            (b's', Some(b'z' | b'h')) => (b's', 2),
            (b'c', Some(b'h' | b'z')) | (b'k' | b'g', Some(b'h')) => (b'h', 2),
            (b'c', Some(b'k')) => (b'k', 2),
            (b'p', Some(b'h')) => (b'f', 2),
            (b'd', Some(b't')) => (b't', 2),
            (b'o', Some(b'u')) => (b'u', 2),
            (b'z', Some(b'h')) => (b's', 2),
            (first, _) => {
                let letter = match first {
                    b'j' | b'y' => b'i',
                    b'w' => b'v',
                    b'z' => b's',
                    b'c' | b'q' => b'k',
                    b'g' => b'h',
                    other => other,
                };
                (letter, 1)
            }
        };
        if len == 0 || bytes[len - 1] != letter {
            bytes[len] = letter;
            len += 1;
        }
        i += used;
    }
    len
}

/// True when `written` is `name` (both folded) as German romanizes Cyrillic: the same
/// transliteration skeleton, with a letter or cluster English romanization does not use there
/// (`w` for v, `j` for y or i, `sch` for sh or zh, `ch` for kh, `z` for ts: `Pokrowsk`,
/// `Kostjantyniwka`, `Bachmut`, `Donezk`).
pub fn transliteration_leak(written: &str, name: &str) -> bool {
    if written == name || written.len() < 5 || written.len() > name.len() + 3 {
        return false;
    }
    // (The skeleton keeps `z` and `ts` apart, as English spellings do; German's `z` for ts is
    // read as ts here.)
    let same_key = same_skeleton(written, name)
        || written.contains('z')
            && name.contains("ts")
            && skeleton(&written.replace('z', "ts")) == skeleton(name);
    if !same_key {
        return false;
    }
    // Clusters German does not write are an English (or other) spelling: `Shandwick` is no
    // German romanization of Sandvik.
    let english_cluster = ["th", "wh", "ph", "gh"]
        .iter()
        .any(|cluster| written.contains(cluster))
        || written
            .match_indices("sh")
            .any(|(i, _)| i == 0 || written.as_bytes()[i - 1] != b'c');
    if english_cluster {
        return false;
    }
    let marker = |written_has: &str, name_has: &str| {
        written.contains(written_has) && !name.contains(written_has) && name.contains(name_has)
    };
    marker("w", "v")
        || marker("j", "y")
        || marker("j", "i")
        || marker("sch", "sh")
        || marker("sch", "zh")
        || marker("ch", "kh")
        || marker("z", "ts")
}

/// The largest edit distance worth considering for a word of `len` letters: none below 4
/// letters, 1 up to 7, 2 from 8.
pub fn max_distance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// All strings reachable from `word` by deleting 1..=`distance` characters (ASCII input).
pub fn deletes(word: &str, distance: usize, out: &mut Vec<String>) {
    let start = out.len();
    let mut frontier = vec![word.to_owned()];
    for _ in 0..distance {
        let mut next = Vec::new();
        for w in &frontier {
            if w.len() <= 1 {
                continue;
            }
            for i in 0..w.len() {
                if !w.is_char_boundary(i) || !w.is_char_boundary(i + 1) {
                    continue;
                }
                let mut d = String::with_capacity(w.len() - 1);
                d.push_str(&w[..i]);
                d.push_str(&w[i + 1..]);
                next.push(d);
            }
        }
        next.sort_unstable();
        next.dedup();
        out.extend(next.iter().cloned());
        frontier = next;
    }
    out[start..].sort_unstable();
    let mut kept: Vec<String> = out.drain(start..).collect();
    kept.dedup();
    out.extend(kept);
}

/// Base of the polynomial hash of fuzzy keys (odd, so that its powers never vanish).
const KEY_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// What a fuzzy key is: the same letters as a delete and as a skeleton are different keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyDomain {
    /// A word, or a word with letters deleted.
    Delete = 0,
    /// A skeleton key.
    Skeleton = 1,
}

/// The hash of a key from its polynomial hash and length: SplitMix64's finaliser, so that
/// every bit depends on every byte.
fn finish_key_hash(polynomial: u64, len: usize, domain: KeyDomain) -> u64 {
    let mut z = polynomial
        ^ (len as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93)
        ^ (domain as u64).wrapping_mul(0xA076_1D64_78BD_642F);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The 64-bit hash of a fuzzy key (a word, a delete or a skeleton) under which the index
/// files it. Equal to what [`delete_hashes`] gives for the same bytes.
pub fn key_hash(key: &[u8], domain: KeyDomain) -> u64 {
    let polynomial = key.iter().fold(0u64, |h, &b| {
        h.wrapping_mul(KEY_BASE).wrapping_add(u64::from(b))
    });
    finish_key_hash(polynomial, key.len(), domain)
}

/// Longest word whose delete hashes are computed in stack buffers (longer ones use the heap).
const STACK_WORD: usize = 64;

/// Appends the [`key_hash`]es of `word` and of every string reachable from it by deleting
/// 1..=`distance` bytes (at most 2): the keys [`deletes`] lists, without building a string.
///
/// Each hash costs a few multiplications: the polynomial hash of a word with letters cut out
/// is put together from the hashes of its prefixes. Deleting one letter of a run gives the
/// same string whichever letter it is, so only the first of a run is deleted; a few other
/// repeats may still be given twice (callers deduplicate what they find).
pub fn delete_hashes(word: &[u8], distance: usize, out: &mut Vec<u64>) {
    let n = word.len();
    // (Room for the word, its single deletes and, at distance 2, its pairs: grown once.)
    out.reserve(
        1 + n
            + if distance >= 2 {
                n * n.saturating_sub(1) / 2
            } else {
                0
            },
    );
    let (mut stack_prefix, mut stack_power) = ([0u64; STACK_WORD + 1], [0u64; STACK_WORD + 1]);
    let (mut heap_prefix, mut heap_power) = (Vec::new(), Vec::new());
    let (prefix, power) = if n <= STACK_WORD {
        (&mut stack_prefix[..=n], &mut stack_power[..=n])
    } else {
        heap_prefix.resize(n + 1, 0);
        heap_power.resize(n + 1, 0);
        (&mut heap_prefix[..], &mut heap_power[..])
    };
    power[0] = 1;
    for (k, &b) in word.iter().enumerate() {
        prefix[k + 1] = prefix[k].wrapping_mul(KEY_BASE).wrapping_add(u64::from(b));
        power[k + 1] = power[k].wrapping_mul(KEY_BASE);
    }
    let (prefix, power) = (&*prefix, &*power);
    // The polynomial hash of `word[from..to]`.
    let part = |from: usize, to: usize| {
        prefix[to].wrapping_sub(prefix[from].wrapping_mul(power[to - from]))
    };
    out.push(finish_key_hash(prefix[n], n, KeyDomain::Delete));
    if distance == 0 || n < 2 {
        return;
    }
    for i in 0..n {
        if i > 0 && word[i] == word[i - 1] {
            continue;
        }
        let once = prefix[i]
            .wrapping_mul(power[n - 1 - i])
            .wrapping_add(part(i + 1, n));
        out.push(finish_key_hash(once, n - 1, KeyDomain::Delete));
        if distance < 2 || n < 3 {
            continue;
        }
        // The second delete after the first: the other order gives the same strings.
        for j in i + 1..n {
            if j > i + 1 && word[j] == word[j - 1] {
                continue;
            }
            let twice = prefix[i]
                .wrapping_mul(power[n - 2 - i])
                .wrapping_add(part(i + 1, j).wrapping_mul(power[n - 1 - j]))
                .wrapping_add(part(j + 1, n));
            out.push(finish_key_hash(twice, n - 2, KeyDomain::Delete));
        }
    }
}

/// The longest common subsequence of one word with others, by Crochemore et al.'s
/// bit-vector algorithm for words of up to 64 bytes (one machine word per step), and by the
/// usual table for longer ones.
///
/// Two words meet in the symmetric-delete index exactly when they share a subsequence that
/// each reaches within its delete budget (see [`reach_by_deletes`]).
pub struct CommonSubsequence<'a> {
    word: &'a [u8],
    /// For each ASCII byte, the positions in `word` where it occurs; `None` when `word` is
    /// longer than 64 bytes or not ASCII.
    positions: Option<Box<[u64; 128]>>,
}

impl<'a> CommonSubsequence<'a> {
    /// Prepares `word` for comparisons.
    pub fn new(word: &'a [u8]) -> Self {
        let positions = (word.len() <= 64 && word.is_ascii()).then(|| {
            let mut positions = Box::new([0u64; 128]);
            for (i, &b) in word.iter().enumerate() {
                positions[usize::from(b)] |= 1 << i;
            }
            positions
        });
        CommonSubsequence { word, positions }
    }

    /// The length of the longest common subsequence of the prepared word and `other`.
    pub fn len_with(&self, other: &[u8]) -> usize {
        let n = self.word.len();
        let Some(positions) = &self.positions else {
            return common_subsequence_table(self.word, other);
        };
        let all = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
        // A zero bit in `v` per letter of the word matched so far.
        let mut v = all;
        for &b in other {
            let m = positions.get(usize::from(b)).copied().unwrap_or(0);
            let u = v & m;
            v = (v.wrapping_add(u) | (v & !m)) & all;
        }
        (!v & all).count_ones() as usize
    }
}

/// The longest common subsequence by the quadratic table.
fn common_subsequence_table(a: &[u8], b: &[u8]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut current = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            current[j + 1] = if x == y {
                previous[j] + 1
            } else {
                previous[j + 1].max(current[j])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// True when `word` and `token` meet in the symmetric-delete index: some non-empty string is
/// both `word` with at most `max_distance(word)` letters deleted and `token` with at most
/// `max_distance(token)` deleted. `common` is [`CommonSubsequence::new`] of `word`.
pub fn reach_by_deletes(common: &CommonSubsequence<'_>, word: &[u8], token: &[u8]) -> bool {
    let needed = (word.len() - max_distance(word.len()))
        .max(token.len() - max_distance(token.len()))
        .max(1);
    // The common subsequence is at most the shorter length: skip the count when that is short.
    word.len().min(token.len()) >= needed && common.len_with(token) >= needed
}

/// Longest second string whose distance rows fit in a stack buffer.
const STACK_DISTANCE: usize = 64;

/// Optimal-string-alignment distance between two ASCII strings: insertions, deletions,
/// substitutions and adjacent transpositions each cost 1.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let width = b.len() + 1;
    // Three rows (the one before the previous, the previous, the current), on the stack
    // for the words of names; only the cells a word uses are cleared.
    let mut stack = [[0usize; STACK_DISTANCE + 1]; 3];
    let mut heap = Vec::new();
    let [x, y, z] = &mut stack;
    let (mut previous2, mut previous, mut current): (&mut [usize], &mut [usize], &mut [usize]) =
        if b.len() <= STACK_DISTANCE {
            (&mut x[..width], &mut y[..width], &mut z[..width])
        } else {
            heap.resize(3 * width, 0);
            let (x, rest) = heap.split_at_mut(width);
            let (y, z) = rest.split_at_mut(width);
            (x, y, z)
        };
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let here = a[i - 1];
        current[0] = i;
        for j in 1..width {
            let cost = usize::from(here != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && here == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(previous2[j - 2] + 1);
            }
            current[j] = best;
        }
        // (previous2, previous, current) = (previous, current, previous2)
        std::mem::swap(&mut previous2, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// True when `edit_distance(a, b) <= 1`: the words are equal or one substitution, insertion,
/// deletion or swap of neighbours apart, found in one pass.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match a.len() as isize - b.len() as isize {
        0 => {
            p == a.len()
                || a[p + 1..] == b[p + 1..]
                || p + 1 < a.len()
                    && a[p] == b[p + 1]
                    && a[p + 1] == b[p]
                    && a[p + 2..] == b[p + 2..]
        }
        1 => a[p + 1..] == b[p..],
        -1 => a[p..] == b[p + 1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_scripts() {
        assert_eq!(fold("Gümrükçü"), "gumrukcu");
        assert_eq!(fold("HegeSth"), "hegesth");
        assert_eq!(fold("Zeki  Levent\tGümrükçü"), "zeki levent gumrukcu");
        assert_eq!(fold("Łukasz"), "lukasz");
        assert_eq!(fold("Erdoğan’s"), "erdogan's");
        assert_eq!(fold("Зеленский"), "zelenskii");
    }

    #[test]
    fn skeletons_merge_transliteration_variants() {
        let key = |s: &str| skeleton(&fold(s));
        assert_eq!(key("Kijiw"), key("Kyiv"));
        assert_eq!(key("Kiiv"), key("Kyiv"));
        assert_eq!(key("Selensky"), key("Zelensky"));
        assert_eq!(key("Selenskyj"), key("Zelensky"));
        assert_eq!(key("Zelenskiy"), key("Zelensky"));
        assert_eq!(key("Gegset"), key("Hegseth"));
        assert_eq!(key("Wladimir"), key("Vladimir"));
        assert_eq!(key("Saluschnyj"), key("Zaluzhnyi"));
        assert_eq!(key("Charkiw"), key("Kharkiv"));
        assert_eq!(key("Lawrow"), key("Lavrov"));
        assert_ne!(key("Kiel"), key("Kyiv"));
        assert_ne!(key("Healy"), key("Hegseth"));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("hegesth", "hegseth"), 1);
        assert_eq!(edit_distance("hegeseth", "hegseth"), 1);
        assert_eq!(edit_distance("gumrukc", "gumrukcu"), 1);
        assert_eq!(edit_distance("stoleberg", "stoltenberg"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(max_distance(3), 0);
        assert_eq!(max_distance(7), 1);
        assert_eq!(max_distance(11), 2);
    }

    #[test]
    fn deletes_are_unique_and_bounded() {
        let mut out = Vec::new();
        deletes("kyiv", 1, &mut out);
        assert_eq!(out, vec!["kiv", "kyi", "kyv", "yiv"]);
        let mut two = Vec::new();
        deletes("hegseth", 2, &mut two);
        assert!(two.contains(&"hgseh".to_owned()));
        assert!(two.iter().all(|d| d.len() >= 5));
    }

    /// The hashes are those of the strings [`deletes`] lists, plus the word itself: the same
    /// set, for words with runs, short words and words longer than the stack buffers.
    #[test]
    fn delete_hashes_are_the_hashes_of_the_deletes() {
        let long = "abcdefghij".repeat(7);
        let words = [
            "kyiv",
            "hegseth",
            "mississippi",
            "aaaa",
            "abba",
            "bookkeeper",
            "llanfairpwllgwyngyll",
            "ab",
            "a",
            "",
            long.as_str(),
        ];
        for word in words {
            for distance in 0..=2 {
                let mut listed = vec![word.to_owned()];
                if distance > 0 {
                    deletes(word, distance, &mut listed);
                }
                let mut expected: Vec<u64> = listed
                    .iter()
                    .map(|d| key_hash(d.as_bytes(), KeyDomain::Delete))
                    .collect();
                expected.sort_unstable();
                expected.dedup();
                let mut got = Vec::new();
                delete_hashes(word.as_bytes(), distance, &mut got);
                got.sort_unstable();
                got.dedup();
                assert_eq!(got, expected, "{word} at distance {distance}");
            }
        }
        assert_ne!(
            key_hash(b"kiv", KeyDomain::Delete),
            key_hash(b"kiv", KeyDomain::Skeleton)
        );
    }

    /// The distance of the straightforward three-vector implementation this one replaced.
    fn reference_distance(a: &str, b: &str) -> usize {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let mut previous2 = vec![0usize; b.len() + 1];
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        let mut current = vec![0usize; b.len() + 1];
        for i in 1..=a.len() {
            current[0] = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (previous[j] + 1)
                    .min(current[j - 1] + 1)
                    .min(previous[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(previous2[j - 2] + 1);
                }
                current[j] = best;
            }
            std::mem::swap(&mut previous2, &mut previous);
            std::mem::swap(&mut previous, &mut current);
        }
        previous[b.len()]
    }

    /// A generator of words of a given length over `alphabet`, the same sequence every run
    /// (xorshift).
    fn random_words(alphabet: &'static [u8]) -> impl FnMut(usize) -> String {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        move |len| {
            (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    char::from(alphabet[(state % alphabet.len() as u64) as usize])
                })
                .collect()
        }
    }

    #[test]
    fn distance_matches_the_reference_on_random_words() {
        // A small alphabet, so that runs, transpositions and shared letters are common.
        let mut word = random_words(b"abcd");
        for round in 0..3000 {
            let (a, b) = (word(round % 13), word((round / 13) % 11 + (round % 3) * 30));
            assert_eq!(edit_distance(&a, &b), reference_distance(&a, &b), "{a} {b}");
        }
    }

    #[test]
    fn one_edit_and_skeletons_match_their_references_on_random_words() {
        let mut word = random_words(b"aschtzkjy-");
        for round in 0..5000 {
            let (a, b) = (word(round % 9), word((round / 9) % 9 + (round % 7) * 10));
            assert_eq!(
                within_one_edit(&a, &b),
                edit_distance(&a, &b) <= 1,
                "{a} {b}"
            );
            assert_eq!(
                same_skeleton(&a, &b),
                skeleton(&a) == skeleton(&b),
                "{a} {b}"
            );
            assert_eq!(
                has_skeleton(&a, &skeleton(&b)),
                skeleton(&a) == skeleton(&b)
            );
        }
        assert!(within_one_edit("kyiv", "kiyv") && !within_one_edit("kyiv", "kivy"));
    }

    /// [`merge_skeleton`] as a chain of prefix tests in order: the reference for its
    /// dispatch on letters.
    fn reference_merge_skeleton(bytes: &mut [u8]) -> usize {
        let mut len = 0;
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let starts = |clusters: &[&[u8]]| clusters.iter().any(|c| rest.starts_with(c));
            let (letter, used) = if starts(&[b"tsch"]) {
                (b'h', 4)
            } else if starts(&[b"sch"]) {
                (b's', 3)
            } else if starts(&[b"sz"]) {
                (b's', 2)
            } else if starts(&[b"ch", b"kh", b"gh", b"cz"]) {
                (b'h', 2)
            } else if starts(&[b"ph"]) {
                (b'f', 2)
            } else if starts(&[b"th", b"dt"]) {
                (b't', 2)
            } else if starts(&[b"ck"]) {
                (b'k', 2)
            } else if starts(&[b"ou"]) {
                (b'u', 2)
            } else if starts(&[b"zh", b"sh"]) {
                (b's', 2)
            } else {
                let letter = match rest[0] {
                    b'j' | b'y' => b'i',
                    b'w' => b'v',
                    b'z' => b's',
                    b'c' | b'q' => b'k',
                    b'g' => b'h',
                    other => other,
                };
                (letter, 1)
            };
            if len == 0 || bytes[len - 1] != letter {
                bytes[len] = letter;
                len += 1;
            }
            i += used;
        }
        len
    }

    #[test]
    fn skeletons_match_the_chain_of_prefix_tests() {
        let mut word = random_words(b"tschzkghpdouqjywab");
        for round in 0..20_000 {
            let w = word(round % 12);
            let (mut a, mut b) = (w.clone().into_bytes(), w.clone().into_bytes());
            let (la, lb) = (merge_skeleton(&mut a), reference_merge_skeleton(&mut b));
            assert_eq!(a[..la], b[..lb], "{w}");
        }
    }

    #[test]
    fn common_subsequence_matches_the_table() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut word = |len: usize| -> Vec<u8> {
            (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    b'a' + (state % 5) as u8
                })
                .collect()
        };
        for round in 0..3000 {
            let a = word(round % 17 + if round % 7 == 0 { 50 } else { 0 });
            let b = word((round / 17) % 15);
            let common = CommonSubsequence::new(&a);
            assert_eq!(
                common.len_with(&b),
                common_subsequence_table(&a, &b),
                "{:?} {:?}",
                String::from_utf8_lossy(&a),
                String::from_utf8_lossy(&b)
            );
        }
        // And the symmetric-delete reach it decides: 2 deletes from `stoltenberg` meet
        // `stoleberg`; `kyiv` and `kiev` meet with one each; `kyiv` and `kharkiv` do not.
        let reach = |a: &str, b: &str| {
            reach_by_deletes(
                &CommonSubsequence::new(a.as_bytes()),
                a.as_bytes(),
                b.as_bytes(),
            )
        };
        assert!(reach("stoleberg", "stoltenberg"));
        assert!(reach("kyiv", "kiev"));
        assert!(!reach("kyiv", "kharkiv"));
        assert!(!reach("", "abcd"));
    }
}
