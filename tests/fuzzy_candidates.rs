//! The fuzzy candidates of the hashed fuzzy table are exactly those of the index it replaced,
//! whose symmetric deletes and skeleton keys were strings in `fst` maps.
//!
//! The reference below is that implementation over plain maps: every token of the index
//! filed under its skeleton and under itself and each string [`deletes`] lists for it, and a
//! word's candidates looked up under its skeleton, itself and its deletes. For a few thousand
//! words (every word of the test sentences, and garbles of the gazetteer's own tokens), the
//! new lookup must give the same set: not one candidate lost and none added. The names rule
//! keeps a candidate by its distance and skeleton alone, so equal sets mean equal verdicts
//! whatever it keeps.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use tidings::gazetteer::fold::{deletes, fold, max_distance, skeleton};
use tidings::gazetteer::index::Index;
use tidings::gazetteer::tsv::{Entry, Kind};
use tidings::gazetteer::user::compile_entries;
use tidings::gazetteer::{Gazetteer, embedded};

/// The string-keyed index of the previous implementation.
struct Reference {
    skeletons: HashMap<String, Vec<u32>>,
    deletes: HashMap<String, Vec<u32>>,
}

impl Reference {
    fn new(index: &Index) -> Reference {
        let mut reference = Reference {
            skeletons: HashMap::new(),
            deletes: HashMap::new(),
        };
        let mut listed = Vec::new();
        for id in 0..index.token_count() {
            let token = index
                .token(id)
                .expect("every id below the count has a token");
            let key = skeleton(token);
            if !key.is_empty() {
                reference.skeletons.entry(key).or_default().push(id);
            }
            listed.clear();
            listed.push(token.to_owned());
            deletes(token, max_distance(token.len()), &mut listed);
            for key in listed.drain(..) {
                reference.deletes.entry(key).or_default().push(id);
            }
        }
        reference
    }

    fn candidates(&self, folded: &str) -> BTreeSet<u32> {
        let mut keys = vec![folded.to_owned()];
        deletes(folded, max_distance(folded.len()), &mut keys);
        let key = skeleton(folded);
        let by_skeleton = (!key.is_empty())
            .then(|| self.skeletons.get(&key))
            .flatten();
        keys.iter()
            .filter_map(|k| self.deletes.get(k))
            .chain(by_skeleton)
            .flatten()
            .copied()
            .collect()
    }
}

fn new_candidates(index: &Index, folded: &str) -> BTreeSet<u32> {
    let (mut ids, mut scratch) = (Vec::new(), Vec::new());
    index.fuzzy_neighbours(folded, &skeleton(folded), &mut ids, &mut scratch);
    let set: BTreeSet<u32> = ids.iter().copied().collect();
    assert_eq!(set.len(), ids.len(), "{folded}: candidates repeated");
    set
}

/// Every folded word of the test sentences.
fn sentence_words() -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for file in ["name_sentences.tsv", "clean_sentences.tsv"] {
        let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("test sentences are readable");
        for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-') {
            let folded = fold(word);
            if !folded.is_empty() && !folded.contains(' ') {
                words.insert(folded);
            }
        }
    }
    words
}

/// Garbles of `token` the way machine translation and typing garble names: a letter dropped,
/// doubled, swapped, replaced; the end cut off; a transliteration swap; two letters added.
fn garbles(token: &str, seed: usize) -> Vec<String> {
    let b = token.as_bytes();
    let n = b.len();
    let at = 1 + seed % (n - 2).max(1);
    let at = at.min(n - 1);
    let mut out = Vec::new();
    let with = |edit: &dyn Fn(&mut Vec<u8>)| {
        let mut w = b.to_vec();
        edit(&mut w);
        String::from_utf8(w).expect("ASCII")
    };
    out.push(with(&|w| {
        w.remove(at);
    }));
    out.push(with(&|w| w.insert(at, b[at])));
    out.push(with(&|w| w.swap(at - 1, at)));
    out.push(with(&|w| w[at] = if b[at] == b'e' { b'a' } else { b'e' }));
    out.push(with(&|w| w.truncate(n.saturating_sub(1 + seed % 2))));
    out.push(with(&|w| {
        for c in w.iter_mut() {
            *c = match *c {
                b'v' => b'w',
                b'y' => b'j',
                b'k' => b'c',
                b'z' => b's',
                other => other,
            }
        }
    }));
    out.push(with(&|w| {
        w.insert(at, b'h');
        w.insert(0, b[n - 1]);
    }));
    out
}

fn assert_same_candidates(index: &Index, reference: &Reference, words: &BTreeSet<String>) {
    let mut found = 0;
    for word in words {
        let old = reference.candidates(word);
        let new = new_candidates(index, word);
        assert_eq!(new, old, "{word}: the fuzzy candidates changed");
        found += usize::from(!new.is_empty());
    }
    // The words do reach names: the comparison is not between two empty sets.
    assert!(
        found * 4 >= words.len(),
        "only {found} of {} words have candidates",
        words.len()
    );
}

#[test]
fn embedded_candidates_are_those_of_the_string_index() {
    let index = embedded();
    let reference = Reference::new(&index);
    let mut words = sentence_words();
    assert!(words.len() > 2000, "{} sentence words", words.len());
    let step = (index.token_count() as usize / 700).max(1);
    for (seed, id) in (0..index.token_count()).step_by(step).enumerate() {
        let token = index.token(id).expect("token");
        words.extend(garbles(token, seed));
    }
    assert!(words.len() > 6000, "{} words", words.len());
    assert_same_candidates(&index, &reference, &words);

    // The gazetteer's own lookup (what the names rule calls) gives those tokens.
    let gazetteer = Gazetteer::embedded();
    let mut tokens = Vec::new();
    for word in words.iter().step_by(7) {
        tokens.clear();
        gazetteer.fuzzy_tokens(word, &skeleton(word), &mut tokens);
        let expected: Vec<String> = reference
            .candidates(word)
            .into_iter()
            .map(|id| index.token(id).expect("token").to_owned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(tokens, expected, "{word}");
    }
}

/// A user dictionary of dense pseudo-names (many shared deletes, so many keys with several
/// tokens) gives the same candidates too.
#[test]
fn user_dictionary_candidates_are_those_of_the_string_index() {
    const PARTS: &[&str] = &[
        "ka", "ki", "ko", "ra", "ri", "sa", "sen", "son", "ov", "berg", "ma", "mi", "na", "li",
    ];
    let mut state = 7u64;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize
    };
    let mut names = BTreeSet::new();
    while names.len() < 5000 {
        let parts = 2 + next() % 3;
        let name: String = (0..parts).map(|_| PARTS[next() % PARTS.len()]).collect();
        names.insert(name);
    }
    let entries: Vec<Entry> = names
        .iter()
        .enumerate()
        .map(|(line, name)| Entry::named(name.as_str(), Kind::Organisation, line + 2))
        .collect();
    let bytes = compile_entries(&entries, None).expect("compiles");
    let index = Index::open(Cow::Owned(bytes)).expect("opens");
    let reference = Reference::new(&index);
    let mut words = BTreeSet::new();
    for (seed, name) in names.iter().step_by(5).enumerate() {
        words.extend(garbles(name, seed));
        words.insert(name.clone());
    }
    assert_same_candidates(&index, &reference, &words);
}
