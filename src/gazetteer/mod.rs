//! The gazetteer: people, places, organisations and events with their house spellings, known
//! misspellings and style variants, plus the English lexicon that guards against false fixes.
//!
//! The default gazetteer is compiled from `dictionaries/` at build time and embedded in the
//! binary (see [`compile`]); it is opened without parsing or copying. Users add their own
//! dictionaries (TSV or TOML, see [`user`]); an entry of theirs that shares a spelling with a
//! default entry replaces it, so a house can impose its own spelling (`Zelenskyy`).

pub mod cache;
pub mod compile;
pub mod demonyms;
pub mod fold;
pub mod index;
pub mod key;
pub mod sources;
pub mod tsv;
pub mod user;

pub use compile::Role;
pub use index::{EntityRecord, Index, Posting};
pub use tsv::{Entry, Kind};

use crate::error::Result;
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

static EMBEDDED_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// The embedded default index, opened once.
pub fn embedded() -> Arc<Index> {
    static EMBEDDED: OnceLock<Arc<Index>> = OnceLock::new();
    Arc::clone(EMBEDDED.get_or_init(|| {
        // The bytes were written by our own build script; failing to open them is a build bug.
        Arc::new(
            Index::open(Cow::Borrowed(EMBEDDED_BYTES)).expect("embedded gazetteer index is valid"),
        )
    }))
}

/// An entity in a particular layer of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId {
    /// Layer: user dictionaries in order, then the default.
    pub layer: u16,
    /// Entity id within the layer's index.
    pub id: u32,
}

/// A posting resolved to a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hit {
    /// The entity.
    pub entity: EntityId,
    /// How the looked-up key relates to it.
    pub role: Role,
    /// Position of the matching token in the entity's name.
    pub token: u8,
}

struct Layer {
    source: String,
    index: Arc<Index>,
    /// Entities of this layer replaced by an entry of an earlier (user) layer.
    masked: HashSet<u32>,
}

impl Layer {
    /// The postings of this layer (number `layer`) as hits, without masked entities.
    fn visible_hits<'p>(
        &'p self,
        layer: usize,
        postings: &'p [Posting],
    ) -> impl Iterator<Item = Hit> + 'p {
        postings
            .iter()
            .filter(|p| !self.masked.contains(&p.entity))
            .map(move |p| Hit {
                entity: EntityId {
                    layer: layer as u16,
                    id: p.entity,
                },
                role: p.role,
                token: p.token,
            })
    }
}

pub use key::word_hash;

/// A blocked Bloom filter: each key sets two bits of one 64-bit word, so that a probe is one
/// memory access.
#[derive(Debug, Default)]
struct Bloom {
    words: Vec<u64>,
}

impl Bloom {
    /// A filter of `bits` bits (a power of two, at least 64) holding `hashes`.
    fn new(bits: usize, hashes: impl Iterator<Item = u64>) -> Self {
        let mut bloom = Bloom {
            words: vec![0; bits / 64],
        };
        for hash in hashes {
            let (word, bits) = bloom.probe(hash);
            bloom.words[word] |= bits;
        }
        bloom
    }

    /// The word and the two bits of a hash (the word from the low bits, the bits from the top).
    #[inline]
    fn probe(&self, hash: u64) -> (usize, u64) {
        let word = hash as usize & (self.words.len() - 1);
        (word, 1 << (hash >> 58) | 1 << ((hash >> 52) & 63))
    }

    /// False when the key was certainly never added.
    #[inline]
    fn may_contain(&self, hash: u64) -> bool {
        let (word, bits) = self.probe(hash);
        self.words[word] & bits == bits
    }
}

/// A Bloom filter of the first words of multi-word names (see
/// [`Gazetteer::starter_word_filter`]).
#[derive(Debug, Clone, Copy)]
pub struct StarterFilter<'g>(&'g Bloom);

impl StarterFilter<'_> {
    /// False when no word of this [`word_hash`] starts a multi-word name.
    #[inline]
    pub fn may_contain(&self, hash: u64) -> bool {
        self.0.may_contain(hash)
    }
}

/// The starts of multi-word names: their first words in a set, with a Bloom filter in front of
/// it that fits in a core's cache (almost every word of running text is asked about and almost
/// none is a starter), and a Bloom filter of their first two words.
///
/// The set is an open-addressed table over one buffer of the words' bytes, built straight from
/// the indexes' bytes: a `String` per starter cost an allocation (and a free at exit) for each
/// of tens of thousands of starters on every run, one-line checks included.
#[derive(Debug, Default)]
struct Starters {
    words: StarterWords,
    word_bloom: Bloom,
    pair_bloom: Bloom,
}

/// A set of words: their bytes end to end in `text`, found by [`word_hash`] through `slots`
/// (open addressing, linear probing; a power of two long and at most half full).
#[derive(Debug, Default)]
struct StarterWords {
    text: Vec<u8>,
    /// Where each word starts and ends in `text`.
    spans: Vec<(u32, u32)>,
    /// One more than the word's place in `spans` (0 when empty), with the top half of its hash
    /// so that most slots of other words are passed without comparing bytes.
    slots: Vec<(u32, u32)>,
}

impl StarterWords {
    /// A set with room for `capacity` words.
    fn with_capacity(capacity: usize) -> Self {
        StarterWords {
            text: Vec::with_capacity(capacity * 8),
            spans: Vec::with_capacity(capacity),
            slots: vec![(0, 0); (capacity * 2).next_power_of_two().max(16)],
        }
    }

    fn word(&self, span: (u32, u32)) -> &[u8] {
        &self.text[span.0 as usize..span.1 as usize]
    }

    /// The slot of `word` (of hash `hash`), or of the empty slot where it belongs.
    fn find(&self, hash: u64, word: &[u8]) -> usize {
        let mask = self.slots.len() - 1;
        let tag = (hash >> 32) as u32;
        let mut at = hash as usize & mask;
        loop {
            let (entry, entry_tag) = self.slots[at];
            if entry == 0 || (entry_tag == tag && self.word(self.spans[entry as usize - 1]) == word)
            {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds `word` (of hash `hash`) unless it is there; true when it was added.
    fn insert(&mut self, hash: u64, word: &[u8]) -> bool {
        if (self.spans.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let at = self.find(hash, word);
        if self.slots[at].0 != 0 {
            return false;
        }
        let start = self.text.len() as u32;
        self.text.extend_from_slice(word);
        self.spans.push((start, self.text.len() as u32));
        self.slots[at] = (self.spans.len() as u32, (hash >> 32) as u32);
        true
    }

    /// Doubles the table (rare: [`StarterWords::with_capacity`] is given the starters' count).
    fn grow(&mut self) {
        let doubled = vec![(0, 0); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for (entry, tag) in old.into_iter().filter(|&(entry, _)| entry != 0) {
            let hash = bytes_hash(self.word(self.spans[entry as usize - 1]));
            let mut at = hash as usize & mask;
            while self.slots[at].0 != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (entry, tag);
        }
    }

    fn contains(&self, hash: u64, word: &[u8]) -> bool {
        self.slots[self.find(hash, word)].0 != 0
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Every word, in the order added.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.spans.iter().map(|&span| self.word(span))
    }
}

/// [`word_hash`] of a word's bytes, which are valid UTF-8.
fn bytes_hash(word: &[u8]) -> u64 {
    match key::pack(word) {
        Some(packed) => key::hash_key(packed),
        None => std::str::from_utf8(word).map_or(0, word_hash),
    }
}

/// Bits a starter filter gives each key: with two bits per key, about 1% false positives.
const BLOOM_BITS_PER_KEY: usize = 16;

/// The smallest starter filter (16 KiB): small enough to stay in a core's first-level cache
/// beside the text, which matters as almost every word of prose is looked up in it.
const MIN_BLOOM_BITS: usize = 1 << 17;

/// Bits for a filter of `keys` keys: a power of two.
fn bloom_bits(keys: usize) -> usize {
    (keys * BLOOM_BITS_PER_KEY)
        .next_power_of_two()
        .max(MIN_BLOOM_BITS)
}

/// One hash for two words, from their [`word_hash`]es.
fn pair_hash(first: u64, second: u64) -> u64 {
    first.rotate_left(23) ^ second.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Starters {
    /// The sets and filters of these starters' bytes (starters that are not UTF-8 are left
    /// out, as they can match no word), hashed from the bytes without a `String` apiece.
    fn new<'a>(starters: impl Iterator<Item = &'a [u8]> + Clone) -> Self {
        let mut words = StarterWords::with_capacity(starters.clone().count());
        let mut word_hashes = Vec::with_capacity(words.spans.capacity());
        let mut pairs = Vec::new();
        // (Spaces are found by a byte loop: starters are short, and tens of thousands of
        // them are split when the filters are built, once per run.)
        let space = |s: &[u8]| s.iter().position(|&b| b == b' ');
        for starter in starters {
            if !starter.is_ascii() && std::str::from_utf8(starter).is_err() {
                continue;
            }
            match space(starter) {
                Some(at) => {
                    let (first, rest) = (&starter[..at], &starter[at + 1..]);
                    let second = space(rest).map_or(rest, |end| &rest[..end]);
                    pairs.push(pair_hash(bytes_hash(first), bytes_hash(second)));
                }
                None => {
                    let hash = bytes_hash(starter);
                    if words.insert(hash, starter) {
                        word_hashes.push(hash);
                    }
                }
            }
        }
        Starters {
            word_bloom: Bloom::new(bloom_bits(words.len()), word_hashes.into_iter()),
            pair_bloom: Bloom::new(bloom_bits(pairs.len()), pairs.into_iter()),
            words,
        }
    }

    fn contains_word(&self, word: &str) -> bool {
        self.contains_hashed_word(word_hash(word), word)
    }

    fn contains_hashed_word(&self, hash: u64, word: &str) -> bool {
        self.word_bloom.may_contain(hash) && self.words.contains(hash, word.as_bytes())
    }
}

/// The gazetteer: user layers first, the embedded default last.
pub struct Gazetteer {
    layers: Vec<Layer>,
    /// First words of multi-word names, for a check per word without touching an `fst`.
    starters: OnceLock<Starters>,
    /// Distinguishes gazetteers for caches of lookups.
    id: u64,
}

fn next_gazetteer_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.layers.iter().map(|l| &l.source))
            .finish()
    }
}

impl Default for Gazetteer {
    fn default() -> Self {
        Gazetteer::embedded()
    }
}

impl Gazetteer {
    /// The embedded default gazetteer alone.
    pub fn embedded() -> Gazetteer {
        // All embedded-only gazetteers are the same data: they share one id (0).
        Gazetteer {
            layers: vec![Layer {
                source: "default".to_owned(),
                index: embedded(),
                masked: HashSet::new(),
            }],
            id: 0,
            starters: OnceLock::new(),
        }
    }

    /// The default gazetteer with user dictionaries layered over it (earlier files win).
    /// Each is a compiled index, or a TSV or TOML dictionary compiled on first use and then
    /// read from the cache (see [`cache`]).
    pub fn with_dictionaries(paths: &[PathBuf]) -> Result<Gazetteer> {
        let default = embedded();
        let mut layers = Vec::new();
        for path in paths {
            layers.push((path.display().to_string(), cache::load(path, &default)?));
        }
        Ok(Gazetteer::layered(layers))
    }

    /// User layers `(source, index)`, earlier ones winning, over the embedded default.
    fn layered(user: Vec<(String, Index)>) -> Gazetteer {
        let mut layers: Vec<Layer> = user
            .into_iter()
            .map(|(source, index)| Layer {
                source,
                index: Arc::new(index),
                masked: HashSet::new(),
            })
            .collect();
        layers.push(Layer {
            source: "default".to_owned(),
            index: embedded(),
            masked: HashSet::new(),
        });
        let mut gazetteer = Gazetteer {
            layers,
            id: next_gazetteer_id(),
            starters: OnceLock::new(),
        };
        gazetteer.mask_shadowed();
        gazetteer
    }

    /// Masks entities of later layers that share a spelling (name, variant or style) with an
    /// entity of an earlier layer. What a dictionary replaces in the default was recorded
    /// when it was compiled (over this default); other pairs of layers are compared key by
    /// key.
    fn mask_shadowed(&mut self) {
        // The default layer is last and shadows nothing.
        let default = self.layers.len() - 1;
        let default_checksum = self.layers[default].index.checksum();
        for upper in 0..default {
            let mut last = default;
            if let Some(record) = self.layers[upper]
                .index
                .layering()
                .filter(|record| record.base == default_checksum)
            {
                self.layers[default].masked.extend(record.replaced);
                last = default - 1;
            }
            if upper + 1 > last {
                continue;
            }
            let keys: Vec<String> = self.layers[upper]
                .index
                .keys()
                .into_iter()
                .filter(|(_, postings)| postings.iter().any(|p| compile::is_naming_role(p.role)))
                .map(|(key, _)| key)
                .collect();
            let mut found = Vec::new();
            for lower in upper + 1..=last {
                for key in &keys {
                    found.clear();
                    self.layers[lower].index.exact(key, &mut found);
                    let hidden = found
                        .iter()
                        .filter(|p| compile::is_naming_role(p.role))
                        .map(|p| p.entity);
                    self.layers[lower].masked.extend(hidden);
                }
            }
        }
    }

    /// An id that differs between gazetteers with different contents (for caches).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The lexicon (English words, name forms) lives in the default layer.
    fn lexicon(&self) -> &Index {
        &self.layers[self.layers.len() - 1].index
    }

    /// All entities a folded key names, in every layer.
    ///
    /// (Each layer's postings go straight into `out`, as [`Layer::visible_hits`] would give
    /// them: no list of postings is allocated per lookup.)
    pub fn exact(&self, folded: &str, out: &mut Vec<Hit>) {
        for (layer, l) in self.layers.iter().enumerate() {
            l.index.exact_each(folded, |p| {
                if !l.masked.contains(&p.entity) {
                    out.push(Hit {
                        entity: EntityId {
                            layer: layer as u16,
                            id: p.entity,
                        },
                        role: p.role,
                        token: p.token,
                    });
                }
            });
        }
    }

    /// Keys starting with `prefix` in every layer (at most `limit` per layer, as
    /// [`Gazetteer::keys_with_prefix`] finds them), without their hits.
    pub fn prefix_keys(&self, prefix: &str, limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut found = Vec::new();
        for (layer, l) in self.layers.iter().enumerate() {
            found.clear();
            l.index.prefix_keys(prefix, limit, &mut found);
            // A key counts where some entity of it is visible (not masked by a user layer).
            for key in found.drain(..) {
                let mut postings = Vec::new();
                if !l.masked.is_empty() {
                    l.index.exact(&key, &mut postings);
                    if l.visible_hits(layer, &postings).next().is_none() {
                        continue;
                    }
                }
                out.push(key);
            }
        }
        out
    }

    /// Keys starting with `prefix` in every layer (at most `limit` per layer), as hits.
    pub fn keys_with_prefix(&self, prefix: &str, limit: usize) -> Vec<(String, Vec<Hit>)> {
        let mut out = Vec::new();
        let mut found = Vec::new();
        for (layer, l) in self.layers.iter().enumerate() {
            found.clear();
            l.index.keys_with_prefix(prefix, limit, &mut found);
            for (key, postings) in found.drain(..) {
                let hits: Vec<Hit> = l.visible_hits(layer, &postings).collect();
                if !hits.is_empty() {
                    out.push((key, hits));
                }
            }
        }
        out
    }

    /// One line about the entity a hit names, for people: `Pete Hegseth — person, US Secretary
    /// of Defense (2025–) [surname; prominence 3; default]`. Used by `tidings gazetteer
    /// lookup` and the language server's hover.
    pub fn describe(&self, hit: &Hit) -> Option<String> {
        use std::fmt::Write as _;
        let entity = self.entity(hit.entity)?;
        let source = self
            .sources()
            .get(hit.entity.layer as usize)
            .copied()
            .unwrap_or("?");
        let mut line = format!("{} — {}", entity.name, entity.kind.name());
        if !entity.description.is_empty() {
            let _ = write!(line, ", {}", entity.description);
        }
        let _ = write!(
            line,
            " [{}; prominence {}; {source}]",
            hit.role.describe(),
            entity.prominence
        );
        Some(line)
    }

    /// Descriptions of every entry that `name` names exactly (after folding), canonical
    /// names first.
    pub fn describe_name(&self, name: &str) -> Vec<String> {
        let mut hits = Vec::new();
        self.exact(&fold::fold(name), &mut hits);
        hits.sort_by_key(|hit| (hit.role != Role::Canonical, hit.entity.layer, hit.entity.id));
        hits.dedup_by_key(|hit| hit.entity);
        hits.iter().filter_map(|hit| self.describe(hit)).collect()
    }

    /// The record of an entity.
    pub fn entity(&self, id: EntityId) -> Option<EntityRecord<'_>> {
        self.layers.get(id.layer as usize)?.index.entity(id.id)
    }

    /// Fuzzy tokens (folded) within reach of `folded`: sharing its skeleton or within the
    /// symmetric-delete neighbourhood. Distances are not checked here.
    pub fn fuzzy_tokens(&self, folded: &str, skeleton: &str, out: &mut Vec<String>) {
        let mut ids = Vec::new();
        let mut scratch = Vec::new();
        for layer in &self.layers {
            ids.clear();
            layer
                .index
                .fuzzy_neighbours(folded, skeleton, &mut ids, &mut scratch);
            for id in &ids {
                if let Some(token) = layer.index.token(*id) {
                    out.push(token.to_owned());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Lexicon flags of a folded word (see [`compile::word_flag`]).
    pub fn word(&self, folded: &str) -> u64 {
        self.lexicon().word(folded)
    }

    /// True when `folded` is a common English word (SCOWL size ≤ `max_size`).
    pub fn is_common_word(&self, folded: &str, max_size: u64) -> bool {
        self.lexicon().is_common_word(folded, max_size)
    }

    /// True when two folded forms are recorded spellings of the same person name.
    pub fn same_name_group(&self, a: &str, b: &str) -> bool {
        self.lexicon().same_name_group(a, b)
    }

    /// True when `folded` (a word, or two words joined by a space) starts a multi-word name
    /// in some layer.
    pub fn is_starter(&self, folded: &str) -> bool {
        self.layers.iter().any(|l| l.index.is_starter(folded))
    }

    /// True when a folded single word starts a multi-word name in some layer (a hash-set
    /// lookup; the set is built on first use).
    pub fn is_starter_word(&self, folded: &str) -> bool {
        self.starters().contains_word(folded)
    }

    /// False when no word of this [`word_hash`] starts a multi-word name (a Bloom filter: true
    /// means perhaps, and [`Gazetteer::is_starter_word_hashed`] decides).
    #[inline]
    pub fn may_be_starter_word(&self, hash: u64) -> bool {
        self.starters().word_bloom.may_contain(hash)
    }

    /// The filter of [`Gazetteer::may_be_starter_word`], to ask once per document rather than
    /// once per word.
    pub fn starter_word_filter(&self) -> StarterFilter<'_> {
        StarterFilter(&self.starters().word_bloom)
    }

    /// [`Gazetteer::is_starter_word`] for a word whose [`word_hash`] the caller has already.
    pub fn is_starter_word_hashed(&self, hash: u64, folded: &str) -> bool {
        self.starters().contains_hashed_word(hash, folded)
    }

    /// False when no multi-word name starts with two words of these [`word_hash`]es (a Bloom
    /// filter: true means perhaps, and [`Gazetteer::is_starter`] decides).
    pub fn may_start_pair(&self, first: u64, second: u64) -> bool {
        self.starters()
            .pair_bloom
            .may_contain(pair_hash(first, second))
    }

    fn starters(&self) -> &Starters {
        self.starters
            .get_or_init(|| Starters::new(self.layers.iter().flat_map(|l| l.index.starter_bytes())))
    }

    /// Where each layer came from (`default` for the embedded one).
    pub fn sources(&self) -> Vec<&str> {
        self.layers.iter().map(|l| l.source.as_str()).collect()
    }

    /// Number of entities and keys per layer.
    pub fn statistics(&self) -> Vec<(String, u32, usize)> {
        self.layers
            .iter()
            .map(|l| {
                (
                    l.source.clone(),
                    l.index.entity_count(),
                    l.index.key_count(),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_filters_hold_every_starter_and_few_others() {
        let g = Gazetteer::embedded();
        let starters = g.starters();
        assert!(starters.words.len() > 1000);
        for word in starters.words.iter() {
            let word = std::str::from_utf8(word).unwrap();
            assert!(starters.word_bloom.may_contain(word_hash(word)), "{word}");
            assert!(g.is_starter_word(word), "{word}");
        }
        assert!(g.is_starter_word("the") && g.is_starter_word("steadfast"));
        assert!(!g.is_starter_word("yesterday"));
        // Words that start no name: the filter lets through about 1% of them.
        let passed = (0..100_000)
            .map(|n| format!("w{n}x"))
            .filter(|w| starters.word_bloom.may_contain(word_hash(w)))
            .count();
        assert!(passed < 2_500, "{passed} of 100,000 passed the filter");
        let pairs = (0..100_000u64)
            .filter(|&n| g.may_start_pair(word_hash(&format!("p{n}")), word_hash("zq")))
            .count();
        assert!(pairs < 2_500, "{pairs} of 100,000 pairs passed the filter");
        assert!(g.may_start_pair(word_hash("steadfast"), word_hash("dart")));
    }

    #[test]
    fn embedded_index_opens_and_finds_entries() {
        let g = Gazetteer::embedded();
        let mut hits = Vec::new();
        g.exact("hegseth", &mut hits);
        let names: Vec<&str> = hits
            .iter()
            .filter_map(|h| g.entity(h.entity))
            .map(|e| e.name)
            .collect();
        assert!(names.contains(&"Pete Hegseth"), "{names:?}");
        hits.clear();
        g.exact("kiev", &mut hits);
        assert!(
            hits.iter()
                .any(|h| h.role == Role::Style
                    && g.entity(h.entity).is_some_and(|e| e.name == "Kyiv"))
        );
        assert!(g.is_common_word("the", 10));
        assert!(!g.is_common_word("hegseth", 70));
        assert!(g.is_starter("steadfast"));
    }

    #[test]
    fn fuzzy_tokens_reach_garbled_names() {
        let g = Gazetteer::embedded();
        let mut out = Vec::new();
        g.fuzzy_tokens("kijiw", &fold::skeleton("kijiw"), &mut out);
        assert!(out.contains(&"kyiv".to_owned()), "{out:?}");
        out.clear();
        g.fuzzy_tokens("hegesth", &fold::skeleton("hegesth"), &mut out);
        assert!(out.contains(&"hegseth".to_owned()), "{out:?}");
        out.clear();
        g.fuzzy_tokens("stoleberg", &fold::skeleton("stoleberg"), &mut out);
        assert!(out.contains(&"stoltenberg".to_owned()), "{out:?}");
    }

    /// What a dictionary replaces in the default, recorded when it was compiled, is what
    /// comparing it with the default key by key finds.
    #[test]
    fn recorded_replacements_match_the_key_by_key_comparison() {
        let text = "name\tkind\tvariants\tstyle\nVolodymyr Zelenskyy\tperson\tSelenskyj\tZelensky\nKyiv\tcity\tKiew\tKiev\nQuuxville\tcity\t\t\n";
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("house.tsv");
        std::fs::write(&path, text).expect("writes");
        let entries = user::parse(text, &path).expect("parses");
        let recorded = cache::compile_file(&path, &embedded()).expect("compiles");
        let plain = user::compile_entries(&entries, None).expect("compiles");
        let masked = |bytes: Vec<u8>| {
            let index = Index::open(Cow::Owned(bytes)).expect("opens");
            let gazetteer = Gazetteer::layered(vec![("house.tsv".to_owned(), index)]);
            let mut masked: Vec<u32> = gazetteer.layers[1].masked.iter().copied().collect();
            masked.sort_unstable();
            masked
        };
        let (fast, slow) = (masked(recorded.clone()), masked(plain));
        assert!(!fast.is_empty());
        assert_eq!(fast, slow);
        // The default's Kyiv is among them, and hidden from lookups.
        let index = Index::open(Cow::Owned(recorded)).expect("opens");
        let gazetteer = Gazetteer::layered(vec![("house.tsv".to_owned(), index)]);
        let mut hits = Vec::new();
        gazetteer.exact("kyiv", &mut hits);
        assert!(hits.iter().all(|h| h.entity.layer == 0), "{hits:?}");
    }
}
