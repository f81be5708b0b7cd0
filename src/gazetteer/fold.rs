//! Folding names for comparison: case, diacritics, transliteration, and skeleton keys.
//!
//! A name is compared in three increasingly loose forms:
//! - **folded**: lowercase ASCII with diacritics removed and other scripts transliterated
//!   (`Gümrükçü` → `gumrukcu`, `Зеленский` → `zelenskii`), as deunicode does;
//! - **skeleton**: the folded form with the letters transliteration confuses merged
//!   (j/y/i, w/v, z/s, c/k/q, g/h, sch/sh, ph/f, th/t …) and doubled letters collapsed, so that
//!   `Kijiw`, `Kiiv` and `Kyiv` share a key, as do `Selenskyj` and `Zelensky`;
//! - **deletes**: symmetric-delete neighbours of the folded form, for edit distance 1–2
//!   (SymSpell), used to find candidates without scanning the gazetteer.
//!
//! This file is also compiled into the build script, so it depends on nothing but `deunicode`.

/// Folds `text` into `out`: lowercase ASCII, diacritics removed, other scripts
/// transliterated, typographic apostrophes made straight, runs of whitespace made one space.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
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
    let bytes: Vec<u8> = folded.bytes().filter(|b| b.is_ascii_alphabetic()).collect();
    let mut merged: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let (letter, used) = if rest.starts_with(b"tsch") {
            (b'h', 4)
        } else if rest.starts_with(b"sch") || rest.starts_with(b"sz") {
            (b's', if rest.starts_with(b"sch") { 3 } else { 2 })
        } else if rest.starts_with(b"ch")
            || rest.starts_with(b"kh")
            || rest.starts_with(b"gh")
            || rest.starts_with(b"cz")
        {
            (b'h', 2)
        } else if rest.starts_with(b"ph") {
            (b'f', 2)
        } else if rest.starts_with(b"th") || rest.starts_with(b"dt") {
            (b't', 2)
        } else if rest.starts_with(b"ck") {
            (b'k', 2)
        } else if rest.starts_with(b"ou") {
            (b'u', 2)
        } else if rest.starts_with(b"zh") || rest.starts_with(b"sh") {
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
        if merged.last() != Some(&letter) {
            merged.push(letter);
        }
        i += used;
    }
    String::from_utf8(merged).unwrap_or_default()
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

/// Optimal-string-alignment distance between two ASCII strings: insertions, deletions,
/// substitutions and adjacent transpositions each cost 1.
pub fn edit_distance(a: &str, b: &str) -> usize {
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
}
