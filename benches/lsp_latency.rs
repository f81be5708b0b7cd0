//! Latency of `tidings lsp` as an editor sees it: the time from writing a `didChange` for a
//! 50 KB Markdown article to reading the `publishDiagnostics` for that version, through the
//! real binary over stdio.
//!
//! Run with `cargo bench --bench lsp_latency`. The article is the seed (real machine-translated
//! news) repeated to 50 KB; each change types or deletes one character mid-article, the way a
//! writer edits. Prints the median, 95th percentile and worst of the change latencies, and the
//! time to the first diagnostics after `didOpen`.

#[path = "../tests/support/framing.rs"]
mod framing;

use serde_json::{Value, json};
use std::io::BufReader;
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = include_str!("../seeds/000_4b7b9a7366d71444.txt");
const ARTICLE_BYTES: usize = 50_000;
const CHANGES: usize = 200;
const WARMUP: usize = 10;

/// A minimal LSP client: framed writes, and blocking reads on the same thread.
struct Client {
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Client {
    fn send(&mut self, message: Value) {
        framing::write_message(&mut self.stdin, &message).expect("write to the server");
    }

    fn read(&mut self) -> Value {
        framing::read_message(&mut self.stdout).expect("the server closed its output")
    }

    /// Reads until the diagnostics for `version` arrive; returns how many there are.
    fn diagnostics_for(&mut self, version: i64) -> usize {
        loop {
            let message = self.read();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["version"] == version
            {
                return message["params"]["diagnostics"]
                    .as_array()
                    .map_or(0, Vec::len);
            }
        }
    }
}

/// The seed's paragraphs under Markdown headings, repeated to about 50 KB.
fn article() -> String {
    let mut text = String::from("# Europe and the talks on Ukraine\n\n");
    let mut part = 1;
    while text.len() < ARTICLE_BYTES {
        text.push_str(&format!("## Part {part}\n\n"));
        for paragraph in SEED.lines().filter(|l| !l.trim().is_empty()) {
            if text.len() >= ARTICLE_BYTES {
                break;
            }
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        part += 1;
    }
    text
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let text = article();
    let lines: Vec<&str> = text.split('\n').collect();
    let middle = lines.len() / 2;
    let edit_line = (middle..lines.len())
        .find(|&i| lines[i].len() > 40)
        .expect("a long line mid-article");

    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["lsp", "--stdio"])
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tidings lsp starts");
    let mut client = Client {
        stdin: child.stdin.take().expect("stdin"),
        stdout: BufReader::new(child.stdout.take().expect("stdout")),
    };
    let uri = "file:///bench/article.md";
    client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": {"noConfig": true}
    }}));
    while client.read()["id"] != 1 {}
    client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    let opened = Instant::now();
    client.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 0, "text": text}
        }}),
    );
    let first_count = client.diagnostics_for(0);
    let open_latency = opened.elapsed();

    let mut latencies = Vec::with_capacity(CHANGES);
    for version in 1..=(WARMUP + CHANGES) as i64 {
        // Type an `x` at the start of the line, then delete it again: the document stays the
        // same size and every change is re-linted.
        let range = if version % 2 == 1 {
            json!({"start": {"line": edit_line, "character": 0}, "end": {"line": edit_line, "character": 0}})
        } else {
            json!({"start": {"line": edit_line, "character": 0}, "end": {"line": edit_line, "character": 1}})
        };
        let inserted = if version % 2 == 1 { "x" } else { "" };
        let started = Instant::now();
        client.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range, "text": inserted}]
            }}),
        );
        let count = client.diagnostics_for(version);
        let elapsed = started.elapsed();
        assert!(
            count + 2 >= first_count,
            "diagnostics went missing: {count} vs {first_count}"
        );
        if version as usize > WARMUP {
            latencies.push(elapsed);
        }
    }
    client.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    while client.read()["id"] != 2 {}
    client.send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = child.wait();

    latencies.sort();
    println!(
        "lsp latency, {} KB Markdown article, {} diagnostics:",
        text.len() / 1000,
        first_count
    );
    println!("  didOpen → diagnostics:   {:.2} ms", millis(open_latency));
    println!(
        "  didChange → diagnostics: median {:.2} ms, p95 {:.2} ms, worst {:.2} ms ({} changes)",
        millis(percentile(&latencies, 0.5)),
        millis(percentile(&latencies, 0.95)),
        millis(latencies[latencies.len() - 1]),
        latencies.len()
    );
}
