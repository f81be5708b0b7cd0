//! Reading a compiled index without copying it: `fst` maps and flat tables over one byte
//! buffer (the embedded default is a `&'static [u8]`).

use super::compile::{MAGIC, Role, decode_entity_posting, section, word_flag};
use super::fold::{deletes, max_distance};
use super::tsv::Kind;
use fst::{Map, Set};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

/// A problem with a compiled index (only possible for a corrupt or foreign file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError(pub String);

/// A window into the shared index buffer, so the `fst` maps read it in place.
#[derive(Clone)]
struct Slice {
    data: Arc<Cow<'static, [u8]>>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        &self.data[self.range.clone()]
    }
}

/// Longest word whose deletes are walked in a stack buffer (longer ones are listed).
const MAX_WALK_LEN: usize = 64;

/// A compiled gazetteer index.
pub struct Index {
    bytes: Arc<Cow<'static, [u8]>>,
    sections: [Range<usize>; section::COUNT],
    exact: Map<Slice>,
    skeleton: Map<Slice>,
    deletes: Map<Slice>,
    words: Map<Slice>,
    groups: Map<Slice>,
    starters: Set<Slice>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("bytes", &self.bytes.len())
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

impl Index {
    /// Opens a compiled index. Nothing is copied or parsed: the `fst` maps and the tables
    /// read the buffer in place (for the embedded default, the binary's own data).
    pub fn open(bytes: Cow<'static, [u8]>) -> Result<Index, IndexError> {
        let bytes = Arc::new(bytes);
        if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(IndexError(
                "not a tidings gazetteer index (bad magic)".to_owned(),
            ));
        }
        let count = read_u32(&bytes, MAGIC.len()) as usize;
        if count != section::COUNT {
            return Err(IndexError(format!(
                "index has {count} sections, expected {}",
                section::COUNT
            )));
        }
        let mut sections: [Range<usize>; section::COUNT] = Default::default();
        for (i, range) in sections.iter_mut().enumerate() {
            let at = MAGIC.len() + 4 + i * 16;
            let offset = read_u64(&bytes, at) as usize;
            let len = read_u64(&bytes, at + 8) as usize;
            if offset.checked_add(len).is_none_or(|end| end > bytes.len()) {
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
        Ok(Index {
            exact: map(section::EXACT)?,
            skeleton: map(section::SKELETON)?,
            deletes: map(section::DELETES)?,
            words: map(section::WORDS)?,
            groups: map(section::GROUPS)?,
            starters,
            sections,
            bytes,
        })
    }

    fn section(&self, i: usize) -> &[u8] {
        &self.bytes[self.sections[i].clone()]
    }

    fn table_entry(&self, i: usize, id: u32) -> Option<&str> {
        let table = self.section(i);
        let count = read_u32(table, 0);
        if id >= count {
            return None;
        }
        let base = 4 + (count as usize + 1) * 4;
        let start = read_u32(table, 4 + id as usize * 4) as usize;
        let end = read_u32(table, 8 + id as usize * 4) as usize;
        table
            .get(base + start..base + end)
            .and_then(|b| std::str::from_utf8(b).ok())
    }

    /// Number of entities.
    pub fn entity_count(&self) -> u32 {
        read_u32(self.section(section::ENTITIES), 0)
    }

    /// The entity with id `id`.
    pub fn entity(&self, id: u32) -> Option<EntityRecord<'_>> {
        let record = self.table_entry(section::ENTITIES, id)?;
        let mut fields = record.splitn(5, '\t');
        Some(EntityRecord {
            name: fields.next()?,
            kind: Kind::from_code(fields.next()?.parse().ok()?),
            prominence: fields.next()?.parse().ok()?,
            population: fields.next()?.parse().ok()?,
            description: fields.next().unwrap_or_default(),
        })
    }

    /// Entities a folded key names, with their roles.
    pub fn exact(&self, folded: &str, out: &mut Vec<Posting>) {
        if let Some(offset) = self.exact.get(folded) {
            self.entity_postings(offset, out);
        }
    }

    /// The postings stored at `offset` (a value of the exact map).
    fn entity_postings(&self, offset: u64, out: &mut Vec<Posting>) {
        let postings = self.section(section::ENTITY_POSTINGS);
        let at = offset as usize * 8;
        let count = read_u64(postings, at) as usize;
        for i in 0..count {
            let (entity, role, token) = decode_entity_posting(read_u64(postings, at + 8 + i * 8));
            out.push(Posting {
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

    fn token_postings(&self, offset: u64, out: &mut Vec<u32>) {
        let postings = self.section(section::TOKEN_POSTINGS);
        let at = offset as usize * 4;
        let count = read_u32(postings, at) as usize;
        for i in 0..count {
            out.push(read_u32(postings, at + 4 + i * 4));
        }
    }

    /// The fuzzy token with id `id`.
    pub fn token(&self, id: u32) -> Option<&str> {
        self.table_entry(section::TOKENS, id)
    }

    /// Fuzzy tokens sharing `skeleton`.
    pub fn skeleton_tokens(&self, skeleton: &str, out: &mut Vec<u32>) {
        if let Some(offset) = self.skeleton.get(skeleton) {
            self.token_postings(offset, out);
        }
    }

    /// Fuzzy tokens that may be within edit distance `max_distance(len)` of `folded`
    /// (symmetric deletes; candidates still need their distance checked).
    pub fn delete_neighbours(&self, folded: &str, out: &mut Vec<u32>, scratch: &mut Vec<String>) {
        if folded.is_ascii() && folded.len() <= MAX_WALK_LEN {
            self.walk_deletes(folded.as_bytes(), out);
        } else {
            self.list_deletes(folded, out, scratch);
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Looks up `word` and its deletes without allocating: each delete is built in a stack
    /// buffer and looked up at once. Deleting one letter of a run gives the same string
    /// whichever letter it is, so only the first of a run is deleted; other repeats only cost
    /// a lookup (the caller deduplicates the ids).
    fn walk_deletes(&self, word: &[u8], out: &mut Vec<u32>) {
        let mut probe = |key: &[u8]| {
            if let Some(offset) = self.deletes.get(key) {
                self.token_postings(offset, out);
            }
        };
        probe(word);
        let n = word.len();
        // Words of 4 letters and more (see `max_distance`), so the slices below are not empty.
        let distance = max_distance(n);
        if distance == 0 {
            return;
        }
        let (mut once, mut twice) = ([0u8; MAX_WALK_LEN], [0u8; MAX_WALK_LEN]);
        for i in 0..n {
            if i > 0 && word[i] == word[i - 1] {
                continue;
            }
            once[..i].copy_from_slice(&word[..i]);
            once[i..n - 1].copy_from_slice(&word[i + 1..]);
            probe(&once[..n - 1]);
            if distance < 2 {
                continue;
            }
            // Second deletes at or after the first: the other order gives the same strings.
            for j in i..n - 1 {
                if j > i && once[j] == once[j - 1] {
                    continue;
                }
                twice[..j].copy_from_slice(&once[..j]);
                twice[j..n - 2].copy_from_slice(&once[j + 1..n - 1]);
                probe(&twice[..n - 2]);
            }
        }
    }

    /// Looks up `folded` and its deletes for any input, listing the deletes as strings first.
    fn list_deletes(&self, folded: &str, out: &mut Vec<u32>, scratch: &mut Vec<String>) {
        scratch.clear();
        scratch.push(folded.to_owned());
        deletes(folded, max_distance(folded.len()), scratch);
        for key in scratch.iter() {
            if let Some(offset) = self.deletes.get(key) {
                self.token_postings(offset, out);
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

    /// Every starter: the first word, and the first two words, of each multi-word key.
    pub fn starters(&self) -> Vec<String> {
        use fst::{IntoStreamer, Streamer};
        let mut out = Vec::new();
        let mut stream = self.starters.into_stream();
        while let Some(key) = stream.next() {
            out.push(String::from_utf8_lossy(key).into_owned());
        }
        out
    }

    /// Number of keys in the exact map (for `gazetteer` statistics).
    pub fn key_count(&self) -> usize {
        self.exact.len()
    }

    /// Every key of the exact map with its postings, for validation.
    pub fn keys(&self) -> Vec<(String, Vec<Posting>)> {
        use fst::Streamer;
        let mut out = Vec::new();
        let mut stream = self.exact.stream();
        while let Some((key, _)) = stream.next() {
            let key = String::from_utf8_lossy(key).into_owned();
            let mut postings = Vec::new();
            self.exact(&key, &mut postings);
            out.push((key, postings));
        }
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

    /// The allocation-free delete walk finds exactly what listing every delete finds.
    #[test]
    fn delete_walk_matches_listing_every_delete() {
        let index = crate::gazetteer::embedded();
        let words = [
            "hegeseth",
            "hegseth",
            "kijiw",
            "kiiv",
            "selensky",
            "zlansky",
            "stoleberg",
            "gumrukc",
            "baerbok",
            "wladimir",
            "announcement",
            "yesterday",
            "committee",
            "mississippi",
            "aaaa",
            "abba",
            "bookkeeper",
            "llanfair",
            "x",
            "",
        ];
        let (mut walked, mut listed, mut scratch) = (Vec::new(), Vec::new(), Vec::new());
        for word in words {
            walked.clear();
            listed.clear();
            index.delete_neighbours(word, &mut walked, &mut scratch);
            index.list_deletes(word, &mut listed, &mut scratch);
            listed.sort_unstable();
            listed.dedup();
            assert_eq!(walked, listed, "{word}");
        }
        // And it does find neighbours: Hegseth is one edit from HegeSeth.
        walked.clear();
        index.delete_neighbours("hegeseth", &mut walked, &mut scratch);
        assert!(walked.iter().any(|&id| index.token(id) == Some("hegseth")));
    }
}
