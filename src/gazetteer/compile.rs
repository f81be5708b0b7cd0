//! Compiling dictionaries into the gazetteer's binary index.
//!
//! The embedded default is compiled by `build.rs` (this file is included there), so the binary
//! starts with a ready index it reads without copying; user dictionaries are compiled the same
//! way at run time. The index is a set of `fst` maps plus flat tables:
//!
//! | section | contents |
//! | --- | --- |
//! | exact | folded name, variant, style spelling or name token → entity postings |
//! | entity postings | `u64`s: count, then entity id, role and token index per entry |
//! | skeleton, deletes | skeleton key / symmetric delete → token postings |
//! | token postings, tokens | `u32` token ids, and the folded tokens they stand for |
//! | entities | one tab-separated record per entity |
//! | words | folded English word or name form → size class and flags |
//! | groups | folded name form → equivalence groups (rigour) |
//! | starters | first words, and first two words, of multi-word names |

use super::fold::{deletes, edit_distance, fold, max_distance, skeleton};
use super::tsv::{Entry, Kind};
use std::collections::{BTreeMap, BTreeSet};

/// Magic bytes at the start of every compiled index.
pub const MAGIC: &[u8; 8] = b"TIDGAZ02";

/// Section numbers in a compiled index.
pub mod section {
    /// Folded key → offset into entity postings.
    pub const EXACT: usize = 0;
    /// `u64` entity postings.
    pub const ENTITY_POSTINGS: usize = 1;
    /// Skeleton key → offset into token postings.
    pub const SKELETON: usize = 2;
    /// Delete string → offset into token postings.
    pub const DELETES: usize = 3;
    /// `u32` token postings.
    pub const TOKEN_POSTINGS: usize = 4;
    /// Table of fuzzy tokens.
    pub const TOKENS: usize = 5;
    /// Table of entity records.
    pub const ENTITIES: usize = 6;
    /// Folded word → flags.
    pub const WORDS: usize = 7;
    /// Folded name form → offset into group postings.
    pub const GROUPS: usize = 8;
    /// `u32` group postings.
    pub const GROUP_POSTINGS: usize = 9;
    /// First words of multi-word keys.
    pub const STARTERS: usize = 10;
    /// Number of sections.
    pub const COUNT: usize = 11;
}

/// How a key relates to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The canonical name, in full.
    Canonical = 0,
    /// A spelling that is an error in English text.
    Variant = 1,
    /// A spelling other outlets use legitimately.
    Style = 2,
    /// A person's surname (the last token of the name).
    Surname = 3,
    /// Another token of a person's name (given names).
    Given = 4,
    /// Another name of an organisation or event (`Bundesbank` for Deutsche Bundesbank):
    /// recognised as a mention, never corrected.
    Alias = 5,
}

impl Role {
    /// How the role reads in explanations (`surname`, `listed misspelling`).
    pub fn describe(self) -> &'static str {
        match self {
            Role::Canonical => "canonical name",
            Role::Variant => "listed misspelling",
            Role::Style => "house-style variant",
            Role::Surname => "surname",
            Role::Given => "given name",
            Role::Alias => "other name",
        }
    }

    /// The role with code `code`.
    pub fn from_code(code: u8) -> Role {
        match code {
            0 => Role::Canonical,
            1 => Role::Variant,
            2 => Role::Style,
            3 => Role::Surname,
            4 => Role::Given,
            _ => Role::Alias,
        }
    }
}

/// Token index of a posting that stands for the whole name rather than one of its words.
pub const WHOLE_NAME: u8 = 0xff;

/// Flags of a word in the lexicon (above the size class in the low byte).
pub mod word_flag {
    /// An ordinary English word (SCOWL words, contractions).
    pub const WORD: u64 = 1 << 8;
    /// A word usually written with a capital (English, Monday, London).
    pub const UPPER: u64 = 1 << 9;
    /// An abbreviation.
    pub const ABBREV: u64 = 1 << 10;
    /// A proper name from SCOWL's name lists.
    pub const PROPER: u64 = 1 << 11;
    /// A form in a person-name equivalence group (rigour, from Wikidata).
    pub const NAME_FORM: u64 = 1 << 12;
    /// A nationality adjective or demonym.
    pub const DEMONYM: u64 = 1 << 13;
}

/// Particles that are part of a name but never its distinctive token.
pub const PARTICLES: &[&str] = &[
    "a", "abu", "al", "ap", "bin", "binti", "d'", "da", "das", "de", "del", "della", "der", "des",
    "di", "do", "dos", "du", "e", "el", "ibn", "king", "la", "le", "mac", "queen", "san", "st",
    "ter", "van", "von", "y", "zu",
];

/// Words of lexicon data to compile along with the entries.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// `(folded word, flags)`; flags combine a size class (low byte) and [`word_flag`]s.
    pub words: Vec<(String, u64)>,
    /// Groups of equivalent folded name forms.
    pub groups: Vec<Vec<String>>,
}

/// Options for what goes into the fuzzy index.
#[derive(Debug, Clone, Copy)]
pub struct CompileOptions {
    /// Places below this population are matched exactly only, never fuzzily.
    pub fuzzy_min_population: u64,
    /// Foreign names (variants) of cities below this population are not indexed.
    pub variant_min_population: u64,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions {
            fuzzy_min_population: 50_000,
            variant_min_population: 100_000,
        }
    }
}

impl CompileOptions {
    /// For user dictionaries: everything listed is meant.
    pub fn everything() -> Self {
        CompileOptions {
            fuzzy_min_population: 0,
            variant_min_population: 0,
        }
    }
}

/// The folded tokens of a name, without particles.
pub fn name_tokens(folded: &str) -> Vec<&str> {
    folded
        .split([' ', '-'])
        .filter(|t| !t.is_empty() && PARTICLES.binary_search(t).is_err())
        .collect()
}

fn encode_entity_posting(entity: u32, role: Role, token: u8) -> u64 {
    u64::from(entity) | ((role as u64) << 32) | (u64::from(token) << 40)
}

/// Decodes an entity posting into `(entity, role, token index)`.
pub fn decode_entity_posting(posting: u64) -> (u32, Role, u8) {
    (
        posting as u32,
        Role::from_code((posting >> 32) as u8),
        (posting >> 40) as u8,
    )
}

/// Writes a string table: count, offsets, bytes.
fn string_table(strings: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    let mut offset = 0u32;
    out.extend_from_slice(&offset.to_le_bytes());
    for s in strings {
        offset += s.len() as u32;
        out.extend_from_slice(&offset.to_le_bytes());
    }
    for s in strings {
        out.extend_from_slice(s.as_bytes());
    }
    out
}

fn fst_map(map: &BTreeMap<String, u64>) -> Vec<u8> {
    let mut builder = fst::MapBuilder::memory();
    for (key, value) in map {
        // Keys come sorted and unique from the BTreeMap, so insertion cannot fail.
        let _ = builder.insert(key, *value);
    }
    builder.into_inner().unwrap_or_default()
}

fn fst_set(set: &BTreeSet<String>) -> Vec<u8> {
    let mut builder = fst::SetBuilder::memory();
    for key in set {
        let _ = builder.insert(key);
    }
    builder.into_inner().unwrap_or_default()
}

/// Adds `key → posting` to a multimap.
fn add<T: Ord + Copy>(map: &mut BTreeMap<String, BTreeSet<T>>, key: String, value: T) {
    if !key.is_empty() {
        map.entry(key).or_default().insert(value);
    }
}

/// Flattens a multimap into an fst over offsets into a posting array.
fn postings_u64(map: BTreeMap<String, BTreeSet<u64>>) -> (Vec<u8>, Vec<u8>) {
    let mut offsets = BTreeMap::new();
    let mut postings: Vec<u64> = Vec::new();
    for (key, values) in map {
        offsets.insert(key, postings.len() as u64);
        postings.push(values.len() as u64);
        postings.extend(values);
    }
    let bytes = postings.iter().flat_map(|v| v.to_le_bytes()).collect();
    (fst_map(&offsets), bytes)
}

/// Key → id pairs kept in one byte arena and sorted once. A large user dictionary has tens of
/// millions of symmetric deletes; a map of sets would need many times the memory.
#[derive(Default)]
struct KeyPostings {
    arena: Vec<u8>,
    /// (offset into the arena, key length, id).
    pairs: Vec<(u64, u32, u32)>,
}

impl KeyPostings {
    fn push(&mut self, key: &str, id: u32) {
        if key.is_empty() {
            return;
        }
        self.pairs
            .push((self.arena.len() as u64, key.len() as u32, id));
        self.arena.extend_from_slice(key.as_bytes());
    }

    /// Sorts and deduplicates the pairs, appends each key's ids (count first) to `postings`
    /// and returns an fst from key to the offset of its ids: the same layout as
    /// [`postings_u32`].
    fn finish(mut self, postings: &mut Vec<u32>) -> Vec<u8> {
        let arena = &self.arena;
        let key = |&(offset, len, _): &(u64, u32, u32)| {
            &arena[offset as usize..offset as usize + len as usize]
        };
        self.pairs
            .sort_unstable_by(|a, b| key(a).cmp(key(b)).then(a.2.cmp(&b.2)));
        self.pairs.dedup_by(|a, b| a.2 == b.2 && key(a) == key(b));
        let mut builder = fst::MapBuilder::memory();
        for run in self.pairs.chunk_by(|a, b| key(a) == key(b)) {
            // Keys arrive sorted and unique, so insertion cannot fail.
            let _ = builder.insert(key(&run[0]), postings.len() as u64);
            postings.push(run.len() as u32);
            postings.extend(run.iter().map(|p| p.2));
        }
        builder.into_inner().unwrap_or_default()
    }
}

fn postings_u32(map: BTreeMap<String, BTreeSet<u32>>, postings: &mut Vec<u32>) -> Vec<u8> {
    let mut offsets = BTreeMap::new();
    for (key, values) in map {
        offsets.insert(key, postings.len() as u64);
        postings.push(values.len() as u32);
        postings.extend(values);
    }
    fst_map(&offsets)
}

/// True when every word of a folded spelling is a common English word (`the bank`): such a
/// spelling names nothing, whatever a source says.
fn all_common_words(folded: &str, words: &BTreeMap<String, u64>) -> bool {
    folded.split([' ', '-']).filter(|w| !w.is_empty()).all(|w| {
        words
            .get(w)
            .is_some_and(|flags| flags & word_flag::WORD != 0 && flags & 0xff <= 70)
    })
}

/// The letters and digits of a folded spelling: `St Louis` and `St. Louis` are one spelling.
fn letters_only(folded: &str) -> String {
    folded.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// True when a foreign spelling is recognisably the same name (`Kiew`, `Moskau`, `Warschau`),
/// not another name for the place (`Temasek` for Singapore).
fn is_close_spelling(variant: &str, name: &str) -> bool {
    edit_distance(&skeleton(variant), &skeleton(name)) <= 2
        || edit_distance(variant, name) <= (name.len() / 3).max(2)
}

/// `Duesseldorf` for `Düsseldorf`: the usual ASCII spelling of German umlauts, not an error.
fn is_umlaut_spelling(variant: &str, name: &str) -> bool {
    let name = name
        .replace(['ä', 'Ä'], "ae")
        .replace(['ö', 'Ö'], "oe")
        .replace(['ü', 'Ü'], "ue")
        .replace('ß', "ss");
    fold(&name) == fold(variant)
}

/// Records the first word and the first two words of a multi-word key, so that a matcher can
/// rule out most phrases with one lookup.
fn add_starters(starters: &mut BTreeSet<String>, key: &str) {
    let mut words = key.split(' ');
    if let (Some(first), Some(second)) = (words.next(), words.next()) {
        starters.insert(first.to_owned());
        starters.insert(format!("{first} {second}"));
    }
}

/// Compiles entries and lexicon data into an index.
pub fn compile(entries: &[Entry], lexicon: &Lexicon, options: CompileOptions) -> Vec<u8> {
    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    for (word, flags) in &lexicon.words {
        let entry = words.entry(word.clone()).or_insert(0xff);
        let size = (*entry & 0xff).min(flags & 0xff);
        *entry = ((*entry | flags) & !0xff) | size;
    }
    let mut exact: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    let mut fuzzy_tokens: BTreeSet<String> = BTreeSet::new();
    let mut starters: BTreeSet<String> = BTreeSet::new();
    let mut records = Vec::with_capacity(entries.len());
    for (id, entry) in entries.iter().enumerate() {
        let id = id as u32;
        let folded = fold(&entry.name);
        let tokens = name_tokens(&folded);
        let last = tokens.len().saturating_sub(1) as u8;
        add(
            &mut exact,
            folded.clone(),
            encode_entity_posting(id, Role::Canonical, 0),
        );
        let multi_word = folded.contains(' ');
        if multi_word {
            add_starters(&mut starters, &folded);
        }
        // Foreign names of small places are more often something else than a leak.
        let small_place =
            entry.kind == Kind::City && entry.population < options.variant_min_population;
        // Only people and places have house-style spellings; for organisations and events the
        // `style` column lists short forms and other names, which are not to be corrected.
        let style_role = if entry.kind == Kind::Person || entry.kind.is_place() {
            Role::Style
        } else {
            Role::Alias
        };
        for (role, spellings) in [(Role::Variant, &entry.variants), (style_role, &entry.style)] {
            for spelling in spellings {
                let key = fold(spelling);
                if role == Role::Variant
                    && entry.kind.is_place()
                    && (small_place
                        || key.contains(' ')
                        || is_umlaut_spelling(spelling, &entry.name)
                        || !is_close_spelling(&key, &folded))
                {
                    // Only foreign spellings of the same name are errors (`Kiew`, `München`);
                    // other names of a place (`Temasek`, `Great Britain`) are not.
                    continue;
                }
                if letters_only(&key) == letters_only(&folded) || all_common_words(&key, &words) {
                    continue;
                }
                let token = if entry.kind == Kind::Person && !key.contains(' ') {
                    last
                } else {
                    WHOLE_NAME
                };
                if entry.name.chars().all(|c| !c.is_lowercase()) && key.contains(' ') {
                    // The full name of an acronym (`Association of Southeast Asian Nations` for
                    // ASEAN) is no error and no style to correct.
                    continue;
                }
                if key.contains(' ') {
                    add_starters(&mut starters, &key);
                }
                add(&mut exact, key, encode_entity_posting(id, role, token));
            }
        }
        let fuzzy_place = !entry.kind.is_place()
            || entry.kind != Kind::City
            || entry.population >= options.fuzzy_min_population;
        if entry.kind == Kind::Person && tokens.len() > 1 {
            for (index, token) in tokens.iter().enumerate() {
                let role = if index + 1 == tokens.len() {
                    Role::Surname
                } else {
                    Role::Given
                };
                add(
                    &mut exact,
                    (*token).to_owned(),
                    encode_entity_posting(id, role, index as u8),
                );
                if token.len() >= 4 {
                    fuzzy_tokens.insert((*token).to_owned());
                }
            }
        } else if !multi_word && folded.len() >= 4 && fuzzy_place {
            fuzzy_tokens.insert(folded.clone());
        } else if multi_word && !entry.kind.is_place() {
            // The first word of a body's or an event's name, so that a garbled first word
            // (`Stadfast Dart`) finds the names it may begin.
            if let Some(first) = tokens.first().filter(|t| t.len() >= 5) {
                fuzzy_tokens.insert((*first).to_owned());
            }
        }
        records.push(format!(
            "{}\t{}\t{}\t{}\t{}",
            entry.name,
            entry.kind.code(),
            entry.prominence,
            entry.population,
            entry.description.replace(['\t', '\n'], " ")
        ));
    }

    let tokens: Vec<String> = fuzzy_tokens.into_iter().collect();
    let mut skeletons = KeyPostings::default();
    let mut delete_map = KeyPostings::default();
    let mut scratch = Vec::new();
    for (id, token) in tokens.iter().enumerate() {
        let id = id as u32;
        skeletons.push(&skeleton(token), id);
        scratch.clear();
        deletes(token, max_distance(token.len()), &mut scratch);
        for d in scratch.drain(..) {
            delete_map.push(&d, id);
        }
        // The token itself, so that a query's own deletes can meet it.
        delete_map.push(token, id);
    }
    let mut token_postings = Vec::new();
    let skeleton_fst = skeletons.finish(&mut token_postings);
    let deletes_fst = delete_map.finish(&mut token_postings);

    let mut groups: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for (id, group) in lexicon.groups.iter().enumerate() {
        for form in group {
            add(&mut groups, form.clone(), id as u32);
        }
    }
    let mut group_postings = Vec::new();
    let groups_fst = postings_u32(groups, &mut group_postings);

    let (exact_fst, entity_postings) = postings_u64(exact);
    let u32_bytes = |v: &[u32]| v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
    let sections: [Vec<u8>; section::COUNT] = [
        exact_fst,
        entity_postings,
        skeleton_fst,
        deletes_fst,
        u32_bytes(&token_postings),
        string_table(&tokens),
        string_table(&records),
        fst_map(&words),
        groups_fst,
        u32_bytes(&group_postings),
        fst_set(&starters),
    ];
    let header_len = MAGIC.len() + 4 + section::COUNT * 16;
    let mut out = Vec::with_capacity(
        header_len + sections.iter().map(Vec::len).sum::<usize>() + 8 * section::COUNT,
    );
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(section::COUNT as u32).to_le_bytes());
    let mut offset = header_len as u64;
    for s in &sections {
        // Each section starts 8-byte aligned.
        offset = offset.div_ceil(8) * 8;
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        offset += s.len() as u64;
    }
    for s in &sections {
        while out.len() % 8 != 0 {
            out.push(0);
        }
        out.extend_from_slice(s);
    }
    out
}

/// Parses `words.tsv` rows (`word`, `size`, `class`) into lexicon words.
pub fn lexicon_words(
    rows: &[(usize, std::collections::HashMap<String, String>)],
) -> Vec<(String, u64)> {
    let mut out = Vec::with_capacity(rows.len());
    for (_, row) in rows {
        let Some(word) = row.get("word") else {
            continue;
        };
        let size: u64 = row.get("size").and_then(|s| s.parse().ok()).unwrap_or(95);
        let flag = match row.get("class").map(String::as_str) {
            Some("word") => word_flag::WORD,
            Some("upper") => word_flag::UPPER,
            Some("abbrev") => word_flag::ABBREV,
            _ => word_flag::PROPER,
        };
        out.push((fold(word), size.min(255) | flag));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_are_sorted() {
        assert!(PARTICLES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn name_tokens_skip_particles() {
        assert_eq!(
            name_tokens("luiz inacio lula da silva"),
            vec!["luiz", "inacio", "lula", "silva"]
        );
        assert_eq!(
            name_tokens("jean-yves le drian"),
            vec!["jean", "yves", "drian"]
        );
    }

    #[test]
    fn postings_round_trip() {
        let p = encode_entity_posting(123_456, Role::Surname, 2);
        assert_eq!(decode_entity_posting(p), (123_456, Role::Surname, 2));
    }
}
