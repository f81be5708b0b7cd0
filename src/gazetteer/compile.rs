//! Compiling dictionaries into the gazetteer's binary index.
//!
//! The embedded default is compiled by `build.rs` (this file is included there), so the binary
//! starts with a ready index it reads without copying; user dictionaries are compiled the same
//! way at run time (and cached on disk, see [`super::cache`]). The index is a set of `fst`
//! maps plus flat tables:
//!
//! | section | contents |
//! | --- | --- |
//! | exact | folded name, variant, style spelling or name token → entity postings |
//! | entity postings | `u64`s: count, then entity id, role and token index per entry |
//! | fuzzy table | hashed skeleton keys and symmetric deletes → fuzzy token ids (see [`fuzzy_table`]) |
//! | fuzzy postings | token ids of the fuzzy keys that have more than one |
//! | tokens | the folded fuzzy tokens |
//! | entities | one record per entity: kind, prominence, population, name, description |
//! | words | folded English word or name form → size class and flags |
//! | groups | folded name form → equivalence groups (rigour) |
//! | starters | first words, and first two words, of multi-word names (an `fst` set, and the same as a table to list them fast) |
//! | layering | for a user dictionary: its source, and the default entities it replaces |
//!
//! The header is the magic, the section count, a checksum (XXH3-64 of everything after the
//! header, so that a corrupt file on disk is never trusted) and each section's offset and
//! length.

use super::fold::{
    KeyDomain, delete_hashes, edit_distance, fold, key_hash, max_distance, skeleton,
    transliteration_leak,
};
use super::tsv::{Entry, Kind};
use std::collections::{BTreeMap, BTreeSet};

/// Magic bytes at the start of every compiled index. The first six name the file type, the
/// last two the format version.
pub const MAGIC: &[u8; 8] = b"TIDGAZ03";

/// The bytes every compiled index of any version starts with.
pub const MAGIC_PREFIX: &[u8; 6] = b"TIDGAZ";

/// Where the checksum sits in the header.
pub const CHECKSUM_AT: usize = 16;

/// Length of the header: magic, section count, reserved word, checksum, and (offset, length)
/// for each section.
pub const HEADER_LEN: usize = 24 + section::COUNT * 16;

/// Section numbers in a compiled index.
pub mod section {
    /// Folded key → offset into entity postings.
    pub const EXACT: usize = 0;
    /// `u64` entity postings.
    pub const ENTITY_POSTINGS: usize = 1;
    /// Hashed skeleton keys and deletes → token ids (see [`super::fuzzy_table`]).
    pub const FUZZY_TABLE: usize = 2;
    /// Token ids of fuzzy keys with several tokens.
    pub const FUZZY_POSTINGS: usize = 3;
    /// Table of fuzzy tokens.
    pub const TOKENS: usize = 4;
    /// Table of entity records.
    pub const ENTITIES: usize = 5;
    /// Folded word → flags.
    pub const WORDS: usize = 6;
    /// Folded name form → offset into group postings.
    pub const GROUPS: usize = 7;
    /// `u32` group postings.
    pub const GROUP_POSTINGS: usize = 8;
    /// First words of multi-word keys.
    pub const STARTERS: usize = 9;
    /// A user dictionary's source and the entities of the default it replaces.
    pub const LAYERING: usize = 10;
    /// The starters again, as a string table.
    pub const STARTER_LIST: usize = 11;
    /// Number of sections.
    pub const COUNT: usize = 12;
}

/// The fuzzy table: every fuzzy key (a token, its symmetric deletes and its skeleton) filed
/// under its 64-bit [`key_hash`] in one open-addressing table of 32-bit slots, so that a probe
/// reads one cache line where an `fst` of tens of millions of deletes walks a chain of them.
///
/// Layout: `u64` number of home slots `n`, `u32` payload bits `p`, `u32` tag bits `t`, then the
/// slots (`u32`), the last one empty. Only the high 36 bits of a key's hash `h` count (`k`): a
/// key has its home at `k * n / 2^64` and sits there or in the first free slot after it
/// (linear probing; keys were inserted in order of their homes, so no slot between a key's
/// home and its place is empty). A slot holds a tag (`t` bits of `h` from bit 28, 0 made 1)
/// above a payload: a token id shifted left by one, or,
/// when the low bit is set, the number of an entry in the fuzzy postings (keys with several
/// tokens). An empty slot is 0. A lookup reads from the home to the first empty slot and
/// takes every slot with its tag; a slot of another key with the same tag gives a token that
/// is not a neighbour, which the caller's distance check drops.
///
/// The fuzzy postings section: `u32` count `m`, `m + 1` offsets into the ids that follow.
pub mod fuzzy_table {
    /// Bytes before the slots.
    pub const HEADER: usize = 16;
    /// Home slots per 100 keys (a load factor of 65%).
    pub const SLOTS_PER_100_KEYS: usize = 154;
    /// Most payload bits a slot may spend (at least 4 bits are left for the tag).
    pub const MAX_PAYLOAD_BITS: u32 = 28;
    /// Most tag bits a slot uses.
    pub const MAX_TAG_BITS: u32 = 16;
    /// The bits of a key's hash that count (the low 28 bits carry a token id while the table
    /// is built).
    pub const KEY_BITS: u64 = !((1 << 28) - 1);
    /// Where the tag starts in a key's hash.
    pub const TAG_SHIFT: u32 = 28;
    /// Most fuzzy tokens an index holds.
    pub const MAX_TOKENS: usize = 1 << 27;

    /// The home slot of a key hash in a table of `slots` home slots.
    #[inline]
    pub fn home(hash: u64, slots: u64) -> usize {
        ((u128::from(hash & KEY_BITS) * u128::from(slots)) >> 64) as usize
    }

    /// The tag of a key hash (never 0, which marks an empty slot).
    #[inline]
    pub fn tag(hash: u64, tag_bits: u32) -> u32 {
        (((hash >> TAG_SHIFT) as u32) & ((1u32 << tag_bits) - 1)).max(1)
    }
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
fn string_table<S: AsRef<[u8]>>(strings: &[S]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    let mut offset = 0u32;
    out.extend_from_slice(&offset.to_le_bytes());
    for s in strings {
        offset += s.as_ref().len() as u32;
        out.extend_from_slice(&offset.to_le_bytes());
    }
    for s in strings {
        out.extend_from_slice(s.as_ref());
    }
    out
}

/// Bytes before the name in an entity record: kind, prominence, population (`u64`) and the
/// name's length (`u32`); the description follows the name.
pub const ENTITY_HEADER: usize = 14;

/// An entity record (see [`ENTITY_HEADER`]).
fn entity_record(entry: &Entry) -> Vec<u8> {
    let description = entry.description.replace(['\t', '\n'], " ");
    let mut record = Vec::with_capacity(ENTITY_HEADER + entry.name.len() + description.len());
    record.push(entry.kind.code());
    record.push(entry.prominence);
    record.extend_from_slice(&entry.population.to_le_bytes());
    record.extend_from_slice(&(entry.name.len() as u32).to_le_bytes());
    record.extend_from_slice(entry.name.as_bytes());
    record.extend_from_slice(description.as_bytes());
    record
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

/// Compiles entries and lexicon data into an index. A user dictionary also records its
/// `layering` (its source, and what it replaces in the default index).
///
/// Fails only when the dictionary has more fuzzy tokens than an index can number (hundreds
/// of millions).
pub fn compile(
    entries: &[Entry],
    lexicon: &Lexicon,
    options: CompileOptions,
    layering: Option<Layering<'_>>,
) -> Result<Vec<u8>, String> {
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
                // (A small place's name as German romanizes it, `Kupjansk`, is a leak; the
                // rule repairs it only with the place's country in view.)
                // (Only those of the same skeleton: German's `z` for ts would give small
                // towns the spellings of the great cities they share a name with, `Donezk`.)
                let leak = entry.kind == Kind::City
                    && transliteration_leak(&key, &folded)
                    && skeleton(&key) == skeleton(&folded);
                // (`München`, `Köln`: German's own name of a great city, written with its
                // umlauts, is a leak however far it is from the English name.)
                let german_exonym = entry.kind == Kind::City
                    && entry.population >= 1_000_000
                    && spelling.contains(['ä', 'ö', 'ü', 'ß'])
                    && !entry.name.contains(['ä', 'ö', 'ü', 'ß']);
                if role == Role::Variant
                    && entry.kind.is_place()
                    && (small_place && !leak
                        || key.contains(' ')
                        || is_umlaut_spelling(spelling, &entry.name)
                        || !is_close_spelling(&key, &folded) && !german_exonym)
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
        records.push(entity_record(entry));
    }

    // Every section but the fuzzy table first, so that the maps they come from are freed
    // before the table, the largest part, is built.
    let layering_section = match layering {
        Some(layering) => layering_bytes(&exact, layering),
        None => Vec::new(),
    };
    let (exact_fst, entity_postings) = postings_u64(exact);
    let entities = string_table(&records);
    drop(records);
    let mut groups: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for (id, group) in lexicon.groups.iter().enumerate() {
        for form in group {
            add(&mut groups, form.clone(), id as u32);
        }
    }
    let mut group_postings = Vec::new();
    let groups_fst = postings_u32(groups, &mut group_postings);
    let tokens: Vec<String> = fuzzy_tokens.into_iter().collect();
    let (header_and_table, fuzzy_postings) = build_fuzzy_table(&tokens)?;
    let sections: [Vec<u8>; section::COUNT] = [
        exact_fst,
        entity_postings,
        Vec::new(),
        fuzzy_postings,
        string_table(&tokens),
        entities,
        fst_map(&words),
        groups_fst,
        u32_bytes(&group_postings),
        fst_set(&starters),
        layering_section,
        string_table(&starters.into_iter().collect::<Vec<_>>()),
    ];
    Ok(assemble(header_and_table, &sections))
}

fn u32_bytes(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Puts the header and the sections together and checksums them. `out` holds room for the
/// header and then the fuzzy table (built there, so that the largest section is never
/// copied); the other sections follow it, each 8-byte aligned (`sections[FUZZY_TABLE]` is
/// not used).
fn assemble(mut out: Vec<u8>, sections: &[Vec<u8>; section::COUNT]) -> Vec<u8> {
    out[..MAGIC.len()].copy_from_slice(MAGIC);
    out[8..12].copy_from_slice(&(section::COUNT as u32).to_le_bytes());
    let place = |out: &mut Vec<u8>, i: usize, offset: usize, len: usize| {
        let at = 24 + i * 16;
        out[at..at + 8].copy_from_slice(&(offset as u64).to_le_bytes());
        out[at + 8..at + 16].copy_from_slice(&(len as u64).to_le_bytes());
    };
    let table_len = out.len() - HEADER_LEN;
    place(&mut out, section::FUZZY_TABLE, HEADER_LEN, table_len);
    out.reserve(sections.iter().map(|s| s.len() + 8).sum());
    for (i, s) in sections.iter().enumerate() {
        if i == section::FUZZY_TABLE {
            continue;
        }
        while out.len() % 8 != 0 {
            out.push(0);
        }
        let offset = out.len();
        out.extend_from_slice(s);
        place(&mut out, i, offset, s.len());
    }
    let checksum = checksum(&out);
    out[CHECKSUM_AT..CHECKSUM_AT + 8].copy_from_slice(&checksum.to_le_bytes());
    out
}

/// The checksum of an index: XXH3-64 of everything after the header.
pub fn checksum(index: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(index.get(HEADER_LEN..).unwrap_or_default())
}

/// Fuzzy keys per partition while the table is built (8 bytes each, twice, in memory).
const KEYS_PER_PARTITION: usize = 1 << 24;

/// The fuzzy keys of token `token`: its skeleton and its deletes (with itself), hashed.
fn fuzzy_keys(token: &str, out: &mut Vec<u64>) {
    out.clear();
    let skeleton = skeleton(token);
    if !skeleton.is_empty() {
        out.push(key_hash(skeleton.as_bytes(), KeyDomain::Skeleton));
    }
    delete_hashes(token.as_bytes(), max_distance(token.len()), out);
}

/// Sorts 64-bit values: two passes of a radix sort on the high 32 bits, then the few runs
/// that agree on them sorted whole.
fn radix_sort(values: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    for shift in [32u32, 48] {
        let digit = |v: u64| ((v >> shift) & 0xffff) as usize;
        let mut starts = vec![0usize; 1 << 16];
        for &v in values.iter() {
            starts[digit(v)] += 1;
        }
        let mut total = 0;
        for start in starts.iter_mut() {
            (*start, total) = (total, total + *start);
        }
        scratch.clear();
        scratch.resize(values.len(), 0);
        for &v in values.iter() {
            let slot = &mut starts[digit(v)];
            scratch[*slot] = v;
            *slot += 1;
        }
        std::mem::swap(values, scratch);
    }
    for run in values.chunk_by_mut(|a, b| a >> 32 == b >> 32) {
        if run.len() > 1 {
            run.sort_unstable();
        }
    }
}

/// Builds the fuzzy table (see [`fuzzy_table`]) for tokens `tokens` (ids are positions) behind
/// [`HEADER_LEN`] bytes of room for the index header, and its postings.
///
/// Memory stays near six bytes per slot: the keys are hashed once to count them, then again
/// in partitions of contiguous homes (at most 32 million keys each), each sorted and written
/// in order of its homes. Two keys whose hashes agree on the 36 bits that count are one key
/// here: a lookup of either also gives the other's tokens, which the caller's check drops.
fn build_fuzzy_table(tokens: &[String]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut hashes = Vec::new();
    let mut keys = 0usize;
    for token in tokens {
        fuzzy_keys(token, &mut hashes);
        keys += hashes.len();
    }
    if tokens.len() > fuzzy_table::MAX_TOKENS {
        return Err(format!(
            "{} fuzzy tokens are more than a gazetteer index holds ({})",
            tokens.len(),
            fuzzy_table::MAX_TOKENS
        ));
    }
    let home_slots = (keys * fuzzy_table::SLOTS_PER_100_KEYS / 100).max(1) as u64;
    let partitions = keys.div_ceil(KEYS_PER_PARTITION).max(1) as u64;
    let slots_at = HEADER_LEN + fuzzy_table::HEADER;
    // While building, a slot holds its payload plus one (0: empty), and `low_bits` the low
    // 16 bits of its key's hash, for the tag.
    let mut table = vec![0u8; slots_at + 4 * home_slots as usize];
    let mut low_bits = vec![0u16; home_slots as usize];
    let (mut multi_offsets, mut multi_ids) = (vec![0u32], Vec::new());
    let mut next_free = 0usize;
    // A key and a token in one word: the key's hash bits the table uses, above the token id.
    let (mut pairs, mut scratch) = (Vec::new(), Vec::new());
    let id_mask = !fuzzy_table::KEY_BITS;
    for partition in 0..partitions {
        pairs.clear();
        for (id, token) in tokens.iter().enumerate() {
            fuzzy_keys(token, &mut hashes);
            pairs.extend(
                hashes
                    .iter()
                    .filter(|&&h| fuzzy_table::home(h, partitions) as u64 == partition)
                    .map(|&h| (h & fuzzy_table::KEY_BITS) | id as u64),
            );
        }
        radix_sort(&mut pairs, &mut scratch);
        pairs.dedup();
        for run in pairs.chunk_by(|a, b| (a ^ b) & fuzzy_table::KEY_BITS == 0) {
            let hash = run[0] & fuzzy_table::KEY_BITS;
            let payload = if let [pair] = run {
                ((pair & id_mask) as u32) << 1
            } else {
                let number = (multi_offsets.len() - 1) as u32;
                multi_ids.extend(run.iter().map(|pair| (pair & id_mask) as u32));
                multi_offsets.push(multi_ids.len() as u32);
                (number << 1) | 1
            };
            let at = fuzzy_table::home(hash, home_slots).max(next_free);
            if at >= low_bits.len() {
                low_bits.resize(at + 1, 0);
                table.resize(slots_at + 4 * (at + 1), 0);
            }
            let byte = slots_at + 4 * at;
            table[byte..byte + 4].copy_from_slice(&(payload + 1).to_le_bytes());
            low_bits[at] = (hash >> fuzzy_table::TAG_SHIFT) as u16;
            next_free = at + 1;
        }
    }
    drop((pairs, scratch));
    // The last slot is always empty, so that every lookup ends inside the table.
    table.extend_from_slice(&0u32.to_le_bytes());
    let largest = tokens.len().max(multi_offsets.len() - 1) as u32;
    let payload_bits = (u32::BITS - largest.leading_zeros()) + 1;
    if payload_bits > fuzzy_table::MAX_PAYLOAD_BITS {
        return Err(format!(
            "{} fuzzy tokens and {} shared fuzzy keys are more than a gazetteer index holds",
            tokens.len(),
            multi_offsets.len() - 1
        ));
    }
    let tag_bits = (32 - payload_bits).min(fuzzy_table::MAX_TAG_BITS);
    table[HEADER_LEN..HEADER_LEN + 8].copy_from_slice(&home_slots.to_le_bytes());
    table[HEADER_LEN + 8..HEADER_LEN + 12].copy_from_slice(&payload_bits.to_le_bytes());
    table[HEADER_LEN + 12..slots_at].copy_from_slice(&tag_bits.to_le_bytes());
    for (bytes, &low) in table[slots_at..].chunks_exact_mut(4).zip(&low_bits) {
        let payload = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        if payload != 0 {
            let tag = fuzzy_table::tag(u64::from(low) << fuzzy_table::TAG_SHIFT, tag_bits);
            let slot = (tag << payload_bits) | (payload - 1);
            bytes.copy_from_slice(&slot.to_le_bytes());
        }
    }
    let mut postings = Vec::with_capacity(4 * (1 + multi_offsets.len() + multi_ids.len()));
    postings.extend_from_slice(&((multi_offsets.len() - 1) as u32).to_le_bytes());
    for value in multi_offsets.iter().chain(&multi_ids) {
        postings.extend_from_slice(&value.to_le_bytes());
    }
    Ok((table, postings))
}

/// Roles under which a spelling names an entity (not only a token of its name): a user entry
/// with such a spelling replaces the entities of lower layers that have it in such a role.
pub fn is_naming_role(role: Role) -> bool {
    matches!(
        role,
        Role::Canonical | Role::Variant | Role::Style | Role::Alias
    )
}

/// How a user dictionary's index relates to its source and to the default index below it.
pub struct Layering<'a> {
    /// A hash of the dictionary's bytes and of the compiler, so that a cached index is known
    /// to be this dictionary's.
    pub source: [u8; 16],
    /// The checksum of the index below (the embedded default).
    pub base: u64,
    /// The entities of the index below that a spelling names in a naming role (see
    /// [`is_naming_role`]), appended to the vector.
    pub named_below: &'a mut dyn FnMut(&str, &mut Vec<u32>),
}

/// The layering section: `source` (16 bytes), `base` (`u64`), the number of replaced entities
/// (`u32`, then 4 bytes of padding) and their ids (`u32`, ascending).
fn layering_bytes(exact: &BTreeMap<String, BTreeSet<u64>>, layering: Layering<'_>) -> Vec<u8> {
    let mut replaced = Vec::new();
    for (key, postings) in exact {
        if postings
            .iter()
            .any(|&p| is_naming_role(decode_entity_posting(p).1))
        {
            (layering.named_below)(key, &mut replaced);
        }
    }
    replaced.sort_unstable();
    replaced.dedup();
    let mut out = Vec::with_capacity(32 + 4 * replaced.len());
    out.extend_from_slice(&layering.source);
    out.extend_from_slice(&layering.base.to_le_bytes());
    out.extend_from_slice(&(replaced.len() as u32).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&u32_bytes(&replaced));
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
