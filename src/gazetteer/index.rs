//! Reading a compiled index without copying it: `fst` maps and flat tables over one byte
//! buffer (the embedded default is a `&'static [u8]`).

use super::compile::{
    CHECKSUM_AT, ENTITY_HEADER, HEADER_LEN, MAGIC, MAGIC_PREFIX, Role, checksum,
    decode_entity_posting, fuzzy_table, section, word_flag,
};
use super::fold::{
    self, CommonSubsequence, KeyDomain, delete_hashes, key_hash, max_distance, reach_by_deletes,
};
use super::tsv::Kind;
use fst::{Map, Set};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

/// A problem with a compiled index (only possible for a corrupt or foreign file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError(pub String);

/// The bytes of an index: the binary's own, a buffer, or a memory-mapped file.
pub enum IndexBytes {
    /// Bytes that live as long as the program (the embedded default).
    Static(&'static [u8]),
    /// A buffer (an index compiled in this process, or a file read whole).
    Owned(Vec<u8>),
    /// A file mapped into memory (a cached or shipped index, read in place).
    Mapped(memmap2::Mmap),
}

impl IndexBytes {
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        match self {
            IndexBytes::Static(bytes) => bytes,
            IndexBytes::Owned(bytes) => bytes,
            IndexBytes::Mapped(map) => map,
        }
    }
}

impl From<Cow<'static, [u8]>> for IndexBytes {
    fn from(bytes: Cow<'static, [u8]>) -> Self {
        match bytes {
            Cow::Borrowed(bytes) => IndexBytes::Static(bytes),
            Cow::Owned(bytes) => IndexBytes::Owned(bytes),
        }
    }
}

/// A window into the shared index buffer, so the `fst` maps read it in place.
#[derive(Clone)]
struct Slice {
    data: Arc<IndexBytes>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        &self.data.bytes()[self.range.clone()]
    }
}

/// The fuzzy table's parameters (see [`fuzzy_table`]).
#[derive(Debug, Clone, Copy)]
struct FuzzyTable {
    home_slots: u64,
    payload_bits: u32,
    tag_bits: u32,
    /// Byte range of the slots in the index.
    slots: (usize, usize),
}

/// How many probes ahead of the one being read the fuzzy table is prefetched.
const PREFETCH_AHEAD: usize = 16;

/// A compiled gazetteer index.
pub struct Index {
    bytes: Arc<IndexBytes>,
    sections: [Range<usize>; section::COUNT],
    exact: Map<Slice>,
    fuzzy: FuzzyTable,
    words: Map<Slice>,
    groups: Map<Slice>,
    starters: Set<Slice>,
}

/// What a user dictionary's index records about its source and the default below it (see
/// [`super::compile::Layering`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayeringRecord {
    /// Hash of the dictionary's bytes and of the compiler.
    pub source: [u8; 16],
    /// Checksum of the default index the replaced entities were found in.
    pub base: u64,
    /// Entities of that index this dictionary replaces.
    pub replaced: Vec<u32>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("bytes", &self.bytes().len())
            .field("entities", &self.entity_count())
            .finish()
    }
}

/// An entity as stored in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRecord<'a> {
    /// Canonical spelling.
    pub name: &'a str,
    /// What it is.
    pub kind: Kind,
    /// 1–3.
    pub prominence: u8,
    /// Population (places).
    pub population: u64,
    /// Role and country, or what it is.
    pub description: &'a str,
}

/// A key's relation to an entity: which entity, how, and which token of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Posting {
    /// Entity id within its index.
    pub entity: u32,
    /// How the key relates to it.
    pub role: Role,
    /// For name tokens: the position of the token in the name (particles skipped).
    pub token: u8,
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    bytes.get(at..at + 8).map_or(0, |b| {
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    })
}

impl FuzzyTable {
    /// Reads the table's parameters from its section, checking them.
    fn read(data: &[u8], range: Range<usize>) -> Result<FuzzyTable, IndexError> {
        let bytes = &data[range.clone()];
        let bad = |what: &str| IndexError(format!("fuzzy table: {what}"));
        if bytes.len() < fuzzy_table::HEADER + 4 || (bytes.len() - fuzzy_table::HEADER) % 4 != 0 {
            return Err(bad("truncated"));
        }
        let table = FuzzyTable {
            home_slots: read_u64(bytes, 0),
            payload_bits: read_u32(bytes, 8),
            tag_bits: read_u32(bytes, 12),
            slots: (range.start + fuzzy_table::HEADER, range.end),
        };
        let slot_count = (bytes.len() - fuzzy_table::HEADER) / 4;
        if table.home_slots == 0 || table.home_slots >= slot_count as u64 {
            return Err(bad("fewer slots than homes"));
        }
        if !(2..=fuzzy_table::MAX_PAYLOAD_BITS).contains(&table.payload_bits)
            || !(1..=fuzzy_table::MAX_TAG_BITS).contains(&table.tag_bits)
            || table.payload_bits + table.tag_bits > 32
        {
            return Err(bad("bad slot layout"));
        }
        Ok(table)
    }
}

/// Asks for the cache line holding `slots[at]` (a hint; nothing is read).
#[inline]
fn prefetch(slots: &[u8], at: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch is a hint that never faults, whatever the address; the pointer
        // is only formed (wrapping), never dereferenced.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(slots.as_ptr().wrapping_add(at).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (slots, at);
}

impl Index {
    /// Opens a compiled index. Nothing is copied or parsed: the `fst` maps and the tables
    /// read the buffer in place (for the embedded default, the binary's own data). The
    /// checksum is not verified (see [`Index::open_verified`]).
    pub fn open(bytes: impl Into<IndexBytes>) -> Result<Index, IndexError> {
        let bytes = Arc::new(bytes.into());
        let data = bytes.bytes();
        if data.len() < HEADER_LEN || !data.starts_with(MAGIC_PREFIX) {
            return Err(IndexError(
                "not a tidings gazetteer index (bad magic)".to_owned(),
            ));
        }
        if &data[..MAGIC.len()] != MAGIC {
            return Err(IndexError(format!(
                "a gazetteer index of another format ({}, this tidings reads {}): compile the \
                 dictionary again with this version (`tidings gazetteer compile`)",
                String::from_utf8_lossy(&data[..MAGIC.len()]),
                String::from_utf8_lossy(MAGIC)
            )));
        }
        let count = read_u32(data, MAGIC.len()) as usize;
        if count != section::COUNT {
            return Err(IndexError(format!(
                "index has {count} sections, expected {}",
                section::COUNT
            )));
        }
        let mut sections: [Range<usize>; section::COUNT] = Default::default();
        for (i, range) in sections.iter_mut().enumerate() {
            let at = 24 + i * 16;
            let offset = read_u64(data, at) as usize;
            let len = read_u64(data, at + 8) as usize;
            if offset.checked_add(len).is_none_or(|end| end > data.len()) {
                return Err(IndexError(format!(
                    "section {i} runs past the end of the index"
                )));
            }
            *range = offset..offset + len;
        }
        let slice = |i: usize| Slice {
            data: Arc::clone(&bytes),
            range: sections[i].clone(),
        };
        let map = |i: usize| -> Result<Map<Slice>, IndexError> {
            Map::new(slice(i)).map_err(|e| IndexError(format!("section {i}: {e}")))
        };
        let starters =
            Set::new(slice(section::STARTERS)).map_err(|e| IndexError(format!("starters: {e}")))?;
        let fuzzy = FuzzyTable::read(data, sections[section::FUZZY_TABLE].clone())?;
        Ok(Index {
            exact: map(section::EXACT)?,
            fuzzy,
            words: map(section::WORDS)?,
            groups: map(section::GROUPS)?,
            starters,
            sections,
            bytes,
        })
    }

    /// Opens an index read from a file: as [`Index::open`], after checking that its checksum
    /// matches its contents, so that a corrupt file is never trusted.
    pub fn open_verified(bytes: impl Into<IndexBytes>) -> Result<Index, IndexError> {
        let bytes = bytes.into();
        let data = bytes.bytes();
        if data.len() >= HEADER_LEN
            && data.starts_with(MAGIC)
            && read_u64(data, CHECKSUM_AT) != checksum(data)
        {
            return Err(IndexError(
                "the index is corrupt (its checksum does not match its contents)".to_owned(),
            ));
        }
        Index::open(bytes)
    }

    /// The checksum recorded in the header (XXH3-64 of the contents): identifies the index.
    pub fn checksum(&self) -> u64 {
        read_u64(self.bytes(), CHECKSUM_AT)
    }

    /// The index's whole bytes (to write it to a file).
    pub fn bytes(&self) -> &[u8] {
        self.bytes.bytes()
    }

    /// What a user dictionary's index records about its source and the default below it;
    /// `None` for the default and for malformed records.
    pub fn layering(&self) -> Option<LayeringRecord> {
        let bytes = self.section(section::LAYERING);
        let source: [u8; 16] = bytes.get(..16)?.try_into().ok()?;
        let count = read_u32(bytes, 24) as usize;
        let ids = bytes.get(32..32 + count.checked_mul(4)?)?;
        Some(LayeringRecord {
            source,
            base: read_u64(bytes, 16),
            replaced: ids
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        })
    }

    fn section(&self, i: usize) -> &[u8] {
        &self.bytes()[self.sections[i].clone()]
    }

    fn table_entry(&self, i: usize, id: u32) -> Option<&str> {
        std::str::from_utf8(self.table_bytes(i, id)?).ok()
    }

    fn table_bytes(&self, i: usize, id: u32) -> Option<&[u8]> {
        let table = self.section(i);
        let count = read_u32(table, 0);
        if id >= count {
            return None;
        }
        let base = 4 + (count as usize + 1) * 4;
        let start = read_u32(table, 4 + id as usize * 4) as usize;
        let end = read_u32(table, 8 + id as usize * 4) as usize;
        table.get(base + start..base + end)
    }

    /// Number of entities.
    pub fn entity_count(&self) -> u32 {
        read_u32(self.section(section::ENTITIES), 0)
    }

    /// The entity with id `id`.
    pub fn entity(&self, id: u32) -> Option<EntityRecord<'_>> {
        let record = self.table_bytes(section::ENTITIES, id)?;
        let (header, text) = record.split_at_checked(ENTITY_HEADER)?;
        let name_len = read_u32(header, 10) as usize;
        let (name, description) = text.split_at_checked(name_len)?;
        Some(EntityRecord {
            name: std::str::from_utf8(name).ok()?,
            kind: Kind::from_code(header[0]),
            prominence: header[1],
            population: read_u64(header, 2),
            description: std::str::from_utf8(description).ok()?,
        })
    }

    /// Entities a folded key names, with their roles.
    pub fn exact(&self, folded: &str, out: &mut Vec<Posting>) {
        if let Some(offset) = self.exact.get(folded) {
            self.entity_postings(offset, out);
        }
    }

    /// [`Index::exact`], handing each posting to `found` rather than to a list: for callers
    /// that filter or convert the postings at once, without a list of their own to fill.
    pub fn exact_each(&self, folded: &str, found: impl FnMut(Posting)) {
        if let Some(offset) = self.exact.get(folded) {
            self.each_entity_posting(offset, found);
        }
    }

    /// The postings stored at `offset` (a value of the exact map).
    fn entity_postings(&self, offset: u64, out: &mut Vec<Posting>) {
        self.each_entity_posting(offset, |posting| out.push(posting));
    }

    /// Calls `found` with each posting stored at `offset` (a value of the exact map), in order.
    fn each_entity_posting(&self, offset: u64, mut found: impl FnMut(Posting)) {
        let postings = self.section(section::ENTITY_POSTINGS);
        let at = offset as usize * 8;
        let count = read_u64(postings, at) as usize;
        for i in 0..count {
            let (entity, role, token) = decode_entity_posting(read_u64(postings, at + 8 + i * 8));
            found(Posting {
                entity,
                role,
                token,
            });
        }
    }

    /// Keys that start with `prefix`, at most `limit` of them, with their postings.
    pub fn keys_with_prefix(
        &self,
        prefix: &str,
        limit: usize,
        out: &mut Vec<(String, Vec<Posting>)>,
    ) {
        let mut keys = Vec::new();
        self.walk_prefix(prefix, limit, &mut keys);
        for (key, offset) in keys {
            let mut postings = Vec::new();
            self.entity_postings(offset, &mut postings);
            out.push((key, postings));
        }
    }

    /// Keys that start with `prefix`, at most `limit` of them, without their postings: for
    /// callers that only want the spellings.
    pub fn prefix_keys(&self, prefix: &str, limit: usize, out: &mut Vec<String>) {
        let mut keys = Vec::new();
        self.walk_prefix(prefix, limit, &mut keys);
        out.extend(keys.into_iter().map(|(key, _)| key));
    }

    /// The first `limit` keys of the exact map that start with `prefix`, with their values.
    ///
    /// An automaton stream costs tens of thousands of instructions to set up; this walks the
    /// `fst`'s nodes directly: down the prefix, then depth first in byte order, which is the
    /// order of the keys, adding up the outputs along the way.
    fn walk_prefix(&self, prefix: &str, limit: usize, out: &mut Vec<(String, u64)>) {
        let fst = self.exact.as_fst();
        let mut node = fst.root();
        let mut output = fst::raw::Output::zero();
        for &byte in prefix.as_bytes() {
            match node.find_input(byte) {
                Some(i) => {
                    let transition = node.transition(i);
                    output = output.cat(transition.out);
                    node = fst.node(transition.addr);
                }
                None => return,
            }
        }
        let mut key = prefix.as_bytes().to_vec();
        let mut remaining = limit;
        walk_keys(fst, node, output, &mut key, &mut remaining, out);
    }

    /// True when some key of the index equals `folded`.
    pub fn has_key(&self, folded: &str) -> bool {
        self.exact.contains_key(folded)
    }

    /// The fuzzy token with id `id`.
    pub fn token(&self, id: u32) -> Option<&str> {
        self.table_entry(section::TOKENS, id)
    }

    /// Number of fuzzy tokens.
    pub fn token_count(&self) -> u32 {
        read_u32(self.section(section::TOKENS), 0)
    }

    /// The fuzzy candidates of a folded word, appended to `out` sorted and without repeats:
    /// the tokens that share its `skeleton` (the word's skeleton key; none when empty) and
    /// those its symmetric deletes meet (see [`reach_by_deletes`]). The probes of both are
    /// overlapped, and the slots of other keys that share a probed key's tag are checked away,
    /// so that the result is exactly that set. `scratch` holds the probed hashes.
    pub fn fuzzy_neighbours(
        &self,
        folded: &str,
        skeleton: &str,
        out: &mut Vec<u32>,
        scratch: &mut Vec<u64>,
    ) {
        let start = out.len();
        scratch.clear();
        if !skeleton.is_empty() {
            scratch.push(key_hash(skeleton.as_bytes(), KeyDomain::Skeleton));
        }
        delete_hashes(folded.as_bytes(), max_distance(folded.len()), scratch);
        self.probe(scratch, out);
        out[start..].sort_unstable();
        let mut kept = start;
        for i in start..out.len() {
            if i == start || out[i] != out[i - 1] {
                out[kept] = out[i];
                kept += 1;
            }
        }
        out.truncate(kept);
        self.prefetch_tokens(&out[start..]);
        let common = CommonSubsequence::new(folded.as_bytes());
        let mut kept = start;
        for i in start..out.len() {
            let Some(token) = self.token(out[i]) else {
                continue;
            };
            if reach_by_deletes(&common, folded.as_bytes(), token.as_bytes())
                || (!skeleton.is_empty() && fold::has_skeleton(token, skeleton))
            {
                out[kept] = out[i];
                kept += 1;
            }
        }
        out.truncate(kept);
    }

    /// Asks for the cache lines of the tokens `ids` (their offsets first, then their bytes),
    /// so that the caller's reads of the candidates overlap their misses.
    fn prefetch_tokens(&self, ids: &[u32]) {
        let table = self.section(section::TOKENS);
        for &id in ids {
            prefetch(table, 4 + id as usize * 4);
        }
        let base = 4 + (read_u32(table, 0) as usize + 1) * 4;
        for &id in ids {
            prefetch(table, base + read_u32(table, 4 + id as usize * 4) as usize);
        }
    }

    /// Appends the token ids filed under each key hash. A probe costs one or two cache lines;
    /// the lines of the next few probes are requested while one is read, so that their
    /// misses overlap.
    fn probe(&self, hashes: &[u64], out: &mut Vec<u32>) {
        let table = self.fuzzy;
        let slots = self
            .bytes()
            .get(table.slots.0..table.slots.1)
            .unwrap_or_default();
        let home = |hash: u64| fuzzy_table::home(hash, table.home_slots) * 4;
        for &hash in hashes.iter().take(PREFETCH_AHEAD) {
            prefetch(slots, home(hash));
        }
        let payload_mask = (1u32 << table.payload_bits) - 1;
        for (i, &hash) in hashes.iter().enumerate() {
            if let Some(&ahead) = hashes.get(i + PREFETCH_AHEAD) {
                prefetch(slots, home(ahead));
            }
            let tag = fuzzy_table::tag(hash, table.tag_bits);
            let mut at = home(hash);
            while let Some(bytes) = slots.get(at..at + 4) {
                let slot = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
                if slot == 0 {
                    break;
                }
                if slot >> table.payload_bits == tag {
                    let payload = slot & payload_mask;
                    if payload & 1 == 0 {
                        out.push(payload >> 1);
                    } else {
                        self.multi_postings(payload >> 1, out);
                    }
                }
                at += 4;
            }
        }
    }

    /// Appends the token ids of the fuzzy key with several tokens numbered `number`.
    fn multi_postings(&self, number: u32, out: &mut Vec<u32>) {
        let postings = self.section(section::FUZZY_POSTINGS);
        let count = read_u32(postings, 0);
        if number >= count {
            return;
        }
        let offsets = 4 + number as usize * 4;
        let ids = 4 + (count as usize + 1) * 4;
        let (from, to) = (
            read_u32(postings, offsets) as usize,
            read_u32(postings, offsets + 4) as usize,
        );
        for i in from..to {
            match postings.get(ids + i * 4..ids + i * 4 + 4) {
                Some(b) => out.push(u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
                None => return,
            }
        }
    }

    /// Lexicon flags of a folded word (0 when unknown): size class in the low byte, then
    /// [`word_flag`]s.
    pub fn word(&self, folded: &str) -> u64 {
        self.words.get(folded).unwrap_or(0)
    }

    /// True when `folded` is a common English word (SCOWL size ≤ `max_size`).
    pub fn is_common_word(&self, folded: &str, max_size: u64) -> bool {
        let flags = self.word(folded);
        flags & word_flag::WORD != 0 && flags & 0xff <= max_size
    }

    /// Name-equivalence groups `folded` belongs to.
    pub fn groups(&self, folded: &str, out: &mut Vec<u32>) {
        let Some(offset) = self.groups.get(folded) else {
            return;
        };
        let postings = self.section(section::GROUP_POSTINGS);
        let at = offset as usize * 4;
        let count = read_u32(postings, at) as usize;
        for i in 0..count {
            out.push(read_u32(postings, at + 4 + i * 4));
        }
    }

    /// True when two folded name forms are recorded as spellings of the same name.
    pub fn same_name_group(&self, a: &str, b: &str) -> bool {
        let (mut ga, mut gb) = (Vec::new(), Vec::new());
        self.groups(a, &mut ga);
        if ga.is_empty() {
            return false;
        }
        self.groups(b, &mut gb);
        ga.iter().any(|g| gb.contains(g))
    }

    /// True when `folded` (a word, or two words joined by a space) starts a multi-word key.
    pub fn is_starter(&self, folded: &str) -> bool {
        self.starters.contains(folded)
    }

    /// Every starter's bytes: the first word, and the first two words, of each multi-word key.
    /// The table is read in one pass, without a UTF-8 check or a lookup of the section per
    /// starter (tens of thousands are read on every run); the caller checks what it keeps.
    pub fn starter_bytes(&self) -> impl Iterator<Item = &[u8]> + Clone {
        let table = self.section(section::STARTER_LIST);
        let count = read_u32(table, 0) as usize;
        let base = 4 + (count + 1) * 4;
        (0..count).filter_map(move |id| {
            let start = read_u32(table, 4 + id * 4) as usize;
            let end = read_u32(table, 8 + id * 4) as usize;
            table.get(base + start..base + end)
        })
    }

    /// Number of keys in the exact map (for `gazetteer` statistics).
    pub fn key_count(&self) -> usize {
        self.exact.len()
    }

    /// Every key of the exact map with its postings, for validation.
    pub fn keys(&self) -> Vec<(String, Vec<Posting>)> {
        let mut out = Vec::new();
        self.keys_with_prefix("", usize::MAX, &mut out);
        out
    }
}

/// Pushes the keys at and below `node` (whose path is `key`) in order, until `remaining`
/// keys have been pushed.
/// Pushes the keys at and below `node` (whose path is `key`, with the outputs along it adding
/// up to `output`) with their values, in order, until `remaining` keys have been pushed.
fn walk_keys<D: AsRef<[u8]>>(
    fst: &fst::raw::Fst<D>,
    node: fst::raw::Node<'_>,
    output: fst::raw::Output,
    key: &mut Vec<u8>,
    remaining: &mut usize,
    out: &mut Vec<(String, u64)>,
) {
    if *remaining == 0 {
        return;
    }
    if node.is_final() {
        let value = output.cat(node.final_output()).value();
        out.push((String::from_utf8_lossy(key).into_owned(), value));
        *remaining -= 1;
    }
    for transition in node.transitions() {
        if *remaining == 0 {
            return;
        }
        key.push(transition.inp);
        let next = fst.node(transition.addr);
        walk_keys(fst, next, output.cat(transition.out), key, remaining, out);
        key.pop();
    }
}

#[cfg(test)]
mod tests {
    /// Walking the nodes lists the same keys and values, in the same order, as an automaton
    /// stream over the map.
    #[test]
    fn prefix_walk_matches_the_stream() {
        use fst::{IntoStreamer, Streamer, automaton::Automaton};
        let index = crate::gazetteer::embedded();
        for prefix in [
            "", "a", "new", "new ", "san", "ham", "kyi", "zzz", "united n", "é",
        ] {
            for limit in [0, 1, 16, 128] {
                let mut walked = Vec::new();
                index.walk_prefix(prefix, limit, &mut walked);
                let automaton = fst::automaton::Str::new(prefix).starts_with();
                let mut stream = index.exact.search(automaton).into_stream();
                let mut streamed = Vec::new();
                while let Some((key, value)) = stream.next() {
                    if streamed.len() == limit {
                        break;
                    }
                    streamed.push((String::from_utf8_lossy(key).into_owned(), value));
                }
                assert_eq!(walked, streamed, "{prefix:?} {limit}");
                if limit == 16 && prefix == "san" {
                    assert_eq!(walked.len(), 16);
                }
            }
        }
    }
}
