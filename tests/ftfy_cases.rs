//! Mojibake repair checked against ftfy's public test cases.
//!
//! `tests/data/ftfy/test_cases.json` is copied unmodified from ftfy 6.3.1 (the PyPI sdist's
//! `tests/test_cases.json`). ftfy ("fixes text for you") is by Robyn Speer (Elia Robyn Lake),
//! Apache-2.0; see `tests/data/ftfy/NOTICE` and `LICENSE`. Thanks to its author for
//! collecting these cases.
//!
//! Each case has a `label`, an `original`, the `fixed` output of `ftfy.fix_text`, optionally
//! `fixed-encoding` (the output of `ftfy.fix_encoding` alone, when it differs from `fixed`)
//! and `expect`: `"pass"` or `"fail"` (a case ftfy itself gets wrong, kept as a target).
//!
//! We only repair encoding, so every case is compared with `fixed-encoding` (or `fixed` when
//! absent). That drops ftfy's other fixes from the comparison: HTML entities, un-curling
//! quotes, Latin ligatures, character width, line breaks, control characters. The cases
//! are classified as follows (the plans are those of ftfy 6.3.1's `fix_encoding_and_explain`):
//!
//! - **unchanged** (49 cases): the expected encoding output equals the input. This includes
//!   cases whose only `fixed` change is one of ftfy's other fixes, and the `"fail"` case
//!   `MISUTÂ AJIKKO`, which ftfy itself wrongly changes. All must stay unchanged.
//! - **other encoding** ([`OTHER_ENCODINGS`], 34 cases): UTF-8 mixed up with MacRoman, code
//!   page 437, Windows-1250/1251/1257 or ISO-8859-2, or a Latin-1/MacRoman mix-up: out of
//!   scope. Two cases labelled ISO-8859-2 and Windows-1257 are not here: ftfy fixes them
//!   through Latin-1 and Windows-1252, and so do we.
//! - **mojibake**: everything else that changes. ftfy fixes these by Latin-1 or sloppy
//!   Windows-1252 → UTF-8 (also CESU-8, restored 0xA0 bytes, lossy `�` sequences, runs of
//!   mojibake inside correct text, C1 controls read as Windows-1252). The 75 `"pass"` ones
//!   are counted and we must get at least 90 % of them; the 3 `"fail"` ones are only
//!   reported. Like ftfy's own test, we also give the counted cases one more layer of
//!   Latin-1 mojibake (UTF-8 bytes read as Latin-1) and want the same result, again for at
//!   least 90 % of them.

use std::collections::HashSet;

use serde::Deserialize;
use tidings::rules::mojibake::fix_mojibake;

/// Cases (by label) whose repair needs an encoding other than Latin-1 / Windows-1252.
const OTHER_ENCODINGS: &[&str] = &[
    "Synthetic: Messy language name in cp437: Czech",
    "Synthetic: Messy language name in cp437: Vietnamese",
    "UTF-8 / MacRoman mix-up about smurfs",
    "UTF-8 / Windows-1251 Russian mixup about futbol",
    "UTF-8 / Windows-1251 mixed up twice in Russian",
    "UTF-8 / Codepage 437 mixup in Russian",
    "UTF-8 / Windows-1250 mixup in French",
    "lossy UTF-8 / Windows-1250 mixup in Spanish",
    "UTF-8 / sloppy Windows-1250 mixup in English",
    "UTF-8 / ISO-8859-2 mixup in Czech",
    "UTF-8 / sloppy Windows-1250 mixup in Romanian",
    "UTF-8 / Windows-1250 mixup in Slovak",
    "UTF-8 / Windows-1252 followed by UTF-8 / Windows-1251",
    "A-with-grave in Vietnamese",
    "sharp S, in isolation, via MacRoman encoding",
    "English example in UTF-8 / Windows-1251 with a ligature",
    "We can fix 'à' in windows-1251 sometimes as well",
    "Latin-1 / MacRoman mixup in Spanish",
    "subtle UTF-8 / codepage 437 mixup in Spanish",
    "Latin-1 / MacRoman mixup in Spanish, 2 characters",
    "An example with 'à' in windows-1251 where we need our heuristic to be bolder",
    "UTF-8 / Windows-1251 mixup in tweet spam",
    "UTF-8 / Windows-1251 mixup",
    "Three layers of UTF-8 / MacRoman mixup in French",
    "UTF-8 / MacRoman mixup in French",
    "Italian UTF-8 / MacRoman example with ò",
    "Italian UTF-8 / MacRoman mojibake that looks like math",
    "Latvian UTF-8 / MacRoman mojibake",
    "Lithuanian UTF-8 / Windows-1257 mojibake",
    "Lithuanian UTF-8 / Windows-1250 mojibake",
    "Synthetic: Hebrew UTF-8 / Windows-1250 mojibake",
    "Synthetic: Hebrew UTF-8 / MacRoman mojibake",
    "Synthetic: Arabic UTF-8 / Windows-1250 mojibake",
    "Synthetic: Arabic UTF-8 / MacRoman mojibake",
];

#[derive(Deserialize)]
struct Case {
    label: String,
    original: String,
    fixed: String,
    #[serde(rename = "fixed-encoding")]
    fixed_encoding: Option<String>,
    expect: String,
}

impl Case {
    fn expected(&self) -> &str {
        self.fixed_encoding.as_deref().unwrap_or(&self.fixed)
    }
}

fn load() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/ftfy/test_cases.json"
    );
    let json = std::fs::read_to_string(path).expect("read ftfy test cases");
    serde_json::from_str(&json).expect("parse ftfy test cases")
}

fn describe(case: &Case, got: &str) -> String {
    format!(
        "  [{}] {}\n      input:    {:?}\n      expected: {:?}\n      got:      {:?}",
        case.expect,
        case.label,
        case.original,
        case.expected(),
        got
    )
}

#[test]
fn ftfy_cases() {
    let cases = load();
    assert_eq!(cases.len(), 161, "the pinned ftfy 6.3.1 file has 161 cases");
    let labels: HashSet<&str> = cases.iter().map(|c| c.label.as_str()).collect();
    for label in OTHER_ENCODINGS {
        assert!(
            labels.contains(label),
            "unknown label in OTHER_ENCODINGS: {label}"
        );
    }
    let other: HashSet<&str> = OTHER_ENCODINGS.iter().copied().collect();

    let (mut unchanged_total, mut unchanged_failures) = (0, Vec::new());
    let (mut counted_total, mut counted_passed, mut counted_failures) = (0, 0, Vec::new());
    let (mut layered_passed, mut layered_failures) = (0, Vec::new());
    let (mut hard_total, mut hard_passed) = (0, 0);
    let mut other_total = 0;
    for case in &cases {
        let got = fix_mojibake(&case.original);
        if case.expected() == case.original {
            unchanged_total += 1;
            if got != case.original {
                unchanged_failures.push(describe(case, &got));
            }
        } else if other.contains(case.label.as_str()) {
            other_total += 1;
        } else if case.expect == "pass" {
            counted_total += 1;
            if got == case.expected() {
                counted_passed += 1;
            } else {
                counted_failures.push(describe(case, &got));
            }
            let layered: String = case.original.bytes().map(char::from).collect();
            let got = fix_mojibake(&layered);
            if got == case.expected() {
                layered_passed += 1;
            } else {
                layered_failures.push(describe(case, &got));
            }
        } else {
            hard_total += 1;
            hard_passed += usize::from(got == case.expected());
        }
    }

    println!("ftfy 6.3.1 test cases ({} in all):", cases.len());
    println!(
        "  mojibake (Latin-1 / Windows-1252) cases ftfy passes: {counted_passed}/{counted_total} ({:.1} %)",
        100.0 * counted_passed as f64 / counted_total as f64
    );
    println!(
        "  the same with one more layer of Latin-1 mojibake: {layered_passed}/{counted_total}"
    );
    println!(
        "  must stay unchanged: {}/{unchanged_total}",
        unchanged_total - unchanged_failures.len()
    );
    println!("  mojibake cases ftfy itself fails (not counted): {hard_passed}/{hard_total}");
    println!("  other encodings (out of scope, not run): {other_total}");
    if !counted_failures.is_empty() {
        println!("counted failures:\n{}", counted_failures.join("\n"));
    }
    if !layered_failures.is_empty() {
        println!(
            "failures with one more layer:\n{}",
            layered_failures.join("\n")
        );
    }
    if !unchanged_failures.is_empty() {
        println!(
            "changed text that must stay unchanged:\n{}",
            unchanged_failures.join("\n")
        );
    }

    assert!(
        unchanged_failures.is_empty(),
        "{} cases that must stay unchanged were changed",
        unchanged_failures.len()
    );
    assert!(
        counted_passed * 10 >= counted_total * 9,
        "passed {counted_passed}/{counted_total} mojibake cases; at least 90 % needed"
    );
    assert!(
        layered_passed * 10 >= counted_total * 9,
        "passed {layered_passed}/{counted_total} mojibake cases with one more layer; at least 90 % needed"
    );
}
