//! Each stage of tidings on its own, over the same prose: reading a document (plain text and
//! Markdown), scanning words, the name lookups, each rule family, applying fixes, and each
//! output format. `scripts/bench.sh` measures the whole program against typos; these benches
//! say which stage a change made faster or slower.
//!
//! Run with `cargo bench --bench stages`. The prose is the repository's own: the seed article
//! (real machine-translated news with its damage) and the news sentences of `tests/data`,
//! repeated to about 1 MB. Set `TIDINGS_BENCH_CORPUS` to a file of real prose (for example
//! the Reuters-21578 bodies) to use its first megabyte instead. Throughput is reported in
//! bytes; the name rules keep what they learn of each distinct word between documents, so
//! these are the steady-state figures of a long run.

use divan::counter::BytesCount;
use std::sync::OnceLock;
use tidings::document::{Document, Format, LineCursor};
use tidings::fixes::FixLevel;
use tidings::gazetteer::{Gazetteer, fold::fold};
use tidings::linter::Linter;
use tidings::report::{self, FileReport, OutputFormat, ReportOptions};
use tidings::rules::RuleOptions;

/// About how much prose each bench reads.
const TARGET_BYTES: usize = 1 << 20;

const FAMILIES: &[&str] = &[
    "names",
    "quotes",
    "spacing",
    "casing",
    "punctuation",
    "repetition",
    "credits",
    "unicode",
];

fn main() {
    divan::main();
}

/// The prose every bench reads.
fn prose() -> &'static str {
    static PROSE: OnceLock<String> = OnceLock::new();
    PROSE.get_or_init(|| {
        if let Some(path) = std::env::var_os("TIDINGS_BENCH_CORPUS") {
            let text = std::fs::read_to_string(&path).expect("TIDINGS_BENCH_CORPUS is readable");
            let mut end = TARGET_BYTES.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            return text[..end].to_owned();
        }
        let mut pieces = vec![include_str!("../seeds/000_4b7b9a7366d71444.txt").to_owned()];
        for data in [
            include_str!("../tests/data/name_sentences.tsv"),
            include_str!("../tests/data/clean_sentences.tsv"),
        ] {
            let sentences: Vec<&str> = data
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| l.split('\t').next().unwrap_or(l))
                .collect();
            // Paragraphs of four sentences, as an article has them.
            for paragraph in sentences.chunks(4) {
                pieces.push(paragraph.join(" "));
            }
        }
        let once = pieces.join("\n\n");
        let mut text = String::with_capacity(TARGET_BYTES + once.len());
        while text.len() < TARGET_BYTES {
            text.push_str(&once);
            text.push_str("\n\n");
        }
        text
    })
}

/// The same prose as Markdown: a heading, and a link and some code in each paragraph.
fn markdown() -> &'static str {
    static MARKDOWN: OnceLock<String> = OnceLock::new();
    MARKDOWN.get_or_init(|| {
        let mut text = String::from("# The news\n\n");
        for (k, paragraph) in prose().split("\n\n").enumerate() {
            if k % 8 == 0 {
                text.push_str(&format!("## Part {k}\n\n"));
            }
            text.push_str(paragraph);
            text.push_str(" See [the source](https://example.com/a-b) and `code  here`.\n\n");
        }
        text
    })
}

fn linter(families: &[&str]) -> Linter {
    let select: Vec<String> = families.iter().map(|f| (*f).to_owned()).collect();
    Linter::new(
        &select,
        &[],
        0.0,
        RuleOptions::default(),
        Gazetteer::embedded(),
    )
    .expect("the families exist")
}

/// Reading a document: its prose segments (links, URLs and e-mail addresses taken out).
#[divan::bench(args = ["plain", "markdown"])]
fn document(bencher: divan::Bencher, format: &str) {
    let (text, format) = match format {
        "plain" => (prose(), Format::Plain),
        _ => (markdown(), Format::Markdown),
    };
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| Document::new(divan::black_box(text), format).prose().len());
}

/// Finding the words of the prose, sixteen bytes at a time.
#[divan::bench]
fn scan_words(bencher: divan::Bencher) {
    let text = prose();
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let mut count = 0usize;
        tidings::scan::for_each_word(divan::black_box(text), 0..text.len(), true, |_, _| {
            count += 1
        });
        count
    });
}

/// `linter` checking the prose, once per iteration.
fn bench_check(bencher: divan::Bencher, linter: &Linter) {
    let text = prose();
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        linter
            .check_text(divan::black_box(text), Format::Plain)
            .len()
    });
}

/// One rule family alone over the prose (names: the whole matcher, with its per-word cache).
#[divan::bench(args = FAMILIES)]
fn family(bencher: divan::Bencher, family: &str) {
    bench_check(bencher, &linter(&[family]));
}

/// Every rule at once, as `tidings check` runs them.
#[divan::bench]
fn all_rules(bencher: divan::Bencher) {
    bench_check(bencher, &Linter::with_all_rules());
}

/// Exact name lookups in the embedded gazetteer (folded form → entities).
#[divan::bench(args = ["hegseth", "kyiv", "steadfast dart", "yesterday"])]
fn name_exact(bencher: divan::Bencher, name: &str) {
    let gazetteer = Gazetteer::embedded();
    let folded = fold(name);
    let mut hits = Vec::new();
    bencher.bench_local(|| {
        hits.clear();
        gazetteer.exact(divan::black_box(&folded), &mut hits);
        hits.len()
    });
}

/// `tidings fix`: safe fixes applied until nothing changes, over the seed article (the damage
/// of a real story) followed by the rest of the prose.
#[divan::bench]
fn fix(bencher: divan::Bencher) {
    let text = prose();
    let linter = Linter::with_all_rules();
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        linter
            .fix(divan::black_box(text), Format::Plain, FixLevel::Safe)
            .applied
            .len()
    });
}

/// Each output format, writing the findings of the prose to memory.
#[divan::bench(args = [
    OutputFormat::Full,
    OutputFormat::Concise,
    OutputFormat::Json,
    OutputFormat::Jsonl,
    OutputFormat::Github,
    OutputFormat::Sarif,
])]
fn output(bencher: divan::Bencher, format: OutputFormat) {
    let text = prose();
    let linter = Linter::with_all_rules();
    let mut lines = LineCursor::new(text);
    let findings: Vec<_> = linter
        .check_text(text, Format::Plain)
        .into_iter()
        .map(|f| report::locate(f, text, &mut lines, 0, 0))
        .collect();
    let file = FileReport {
        path: "prose.txt".to_owned(),
        findings,
    };
    let mut summary = report::Summary::default();
    summary.add(&file);
    bencher
        .counter(divan::counter::ItemsCount::new(file.findings.len()))
        .bench(|| {
            let options = ReportOptions {
                color: false,
                rules: linter.rules(),
                width: 140,
            };
            let mut out = Vec::with_capacity(1 << 20);
            let mut reporter = report::reporter(format, options);
            reporter.start(&mut out).expect("memory takes the output");
            reporter
                .file(&mut out, &file)
                .expect("memory takes the output");
            reporter
                .finish(&mut out, &summary)
                .expect("memory takes the output");
            out.len()
        });
}
