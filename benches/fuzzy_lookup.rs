//! Fuzzy lookup at scale: a gazetteer of one million name keys (a large newsroom's own
//! dictionary), compiled the way user dictionaries are, then the lookups the names rule makes
//! for one word: skeleton key and symmetric-delete neighbours (probes of the hashed fuzzy
//! table, overlapped), and the edit-distance check of the candidates.
//!
//! Run with `cargo bench --bench fuzzy_lookup`. The names are pseudo-words from a seeded
//! generator over real name syllables, so the index has the shape of real surnames (lengths 5–13,
//! shared prefixes and endings) without shipping a million real people.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::time::Instant;
use tidings::gazetteer::fold::{edit_distance, max_distance, skeleton};
use tidings::gazetteer::index::Index;
use tidings::gazetteer::tsv::{Entry, Kind};
use tidings::gazetteer::user::compile_entries;

const KEYS: usize = 1_000_000;

const ONSETS: &[&str] = &[
    "b", "br", "ch", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "pr", "r", "s",
    "sh", "st", "t", "tr", "v", "w", "z", "zh",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ei", "ou", "y"];
const CODAS: &[&str] = &[
    "", "", "n", "r", "l", "s", "k", "m", "th", "ng", "ck", "sk", "v", "tz",
];
const ENDINGS: &[&str] = &[
    "", "son", "sen", "ov", "ova", "enko", "ski", "sky", "man", "berg", "stein", "ez", "elli",
    "ian", "escu", "oglu",
];

/// A deterministic generator (SplitMix64), so every run indexes the same names.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

fn pseudo_name(rng: &mut Seeded) -> String {
    let syllables = 2 + (rng.next() % 2) as usize;
    let mut name = String::new();
    for _ in 0..syllables {
        name.push_str(rng.pick(ONSETS));
        name.push_str(rng.pick(VOWELS));
        name.push_str(rng.pick(CODAS));
    }
    name.push_str(rng.pick(ENDINGS));
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

struct Fixture {
    index: Index,
    /// Garbled forms of indexed names (one edit each), and words that are in no entry.
    garbled: Vec<String>,
    absent: Vec<String>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let started = Instant::now();
        let mut rng = Seeded(20261124);
        let mut seen = std::collections::HashSet::new();
        let mut entries = Vec::with_capacity(KEYS);
        while entries.len() < KEYS {
            let name = pseudo_name(&mut rng);
            if name.len() < 5 || !seen.insert(name.clone()) {
                continue;
            }
            entries.push(Entry::named(name, Kind::Organisation, entries.len() + 2));
        }
        let bytes = compile_entries(&entries, None).expect("the dictionary compiles");
        let index = Index::open(Cow::Owned(bytes)).expect("the compiled index opens");
        eprintln!(
            "fuzzy_lookup: {} keys indexed in {:.1} s ({} MB)",
            index.key_count(),
            started.elapsed().as_secs_f64(),
            index.bytes().len() >> 20
        );
        // One edit each: a deleted, a doubled and a swapped letter, in turn.
        let garbled = entries
            .iter()
            .step_by(KEYS / 1000)
            .enumerate()
            .map(|(i, e)| {
                let folded = e.name.to_ascii_lowercase();
                let at = 1 + i % (folded.len() - 2);
                match i % 3 {
                    0 => format!("{}{}", &folded[..at], &folded[at + 1..]),
                    1 => format!("{}{}", &folded[..at], &folded[at - 1..]),
                    _ => {
                        let mut b = folded.into_bytes();
                        b.swap(at, at + 1);
                        String::from_utf8(b).expect("ASCII")
                    }
                }
            })
            .collect();
        let absent = (0..1000)
            .map(|_| format!("{}q", pseudo_name(&mut rng).to_ascii_lowercase()))
            .collect();
        let fixture = Fixture {
            index,
            garbled,
            absent,
        };
        // A garbled name must find its entry, or the benchmark measures nothing useful.
        let (mut ids, mut scratch) = (Vec::new(), Vec::new());
        let found = fixture
            .garbled
            .iter()
            .filter(|g| lookup(&fixture.index, g, &mut ids, &mut scratch) > 0)
            .count();
        assert!(
            found * 100 >= fixture.garbled.len() * 95,
            "only {found} of {} garbled names found a candidate",
            fixture.garbled.len()
        );
        fixture
    })
}

/// What the names rule asks for one word: candidates by skeleton and by deletes, each then
/// checked for its real edit distance. Returns how many are within reach.
fn lookup(index: &Index, folded: &str, ids: &mut Vec<u32>, scratch: &mut Vec<u64>) -> usize {
    ids.clear();
    index.fuzzy_neighbours(folded, &skeleton(folded), ids, scratch);
    let limit = max_distance(folded.len());
    ids.iter()
        .filter_map(|&id| index.token(id))
        .filter(|token| edit_distance(folded, token) <= limit)
        .count()
}

fn main() {
    divan::main();
}

/// A garbled name (one edit from an entry): the lookup that finds candidates.
#[divan::bench]
fn garbled_name(bencher: divan::Bencher) {
    let fixture = fixture();
    let mut next = 0;
    let (mut ids, mut scratch) = (Vec::new(), Vec::new());
    bencher.bench_local(|| {
        next = (next + 1) % fixture.garbled.len();
        lookup(
            &fixture.index,
            divan::black_box(&fixture.garbled[next]),
            &mut ids,
            &mut scratch,
        )
    });
}

/// The embedded default gazetteer (what `tidings` ships), on real garbles from the issue and
/// on ordinary words.
#[divan::bench(args = ["hegeseth", "kijiw", "selensky", "stoleberg", "gumrukc", "announcement", "yesterday"])]
fn embedded(bencher: divan::Bencher, word: &str) {
    let index = tidings::gazetteer::embedded();
    let (mut ids, mut scratch) = (Vec::new(), Vec::new());
    bencher.bench_local(|| lookup(&index, divan::black_box(word), &mut ids, &mut scratch));
}

/// A word near no entry: the common case on clean prose.
#[divan::bench]
fn absent_word(bencher: divan::Bencher) {
    let fixture = fixture();
    let mut next = 0;
    let (mut ids, mut scratch) = (Vec::new(), Vec::new());
    bencher.bench_local(|| {
        next = (next + 1) % fixture.absent.len();
        lookup(
            &fixture.index,
            divan::black_box(&fixture.absent[next]),
            &mut ids,
            &mut scratch,
        )
    });
}
