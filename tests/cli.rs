//! Drives the real binary: every subcommand, every format, exit codes, stdin, Markdown
//! protection, idempotence and every kind of bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const SEED: &str = "seeds/000_4b7b9a7366d71444.txt";
const SEED_GOLD: &str = "seeds/000_4b7b9a7366d71444.gold.tsv";

fn tidings() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tidings"));
    cmd.env_remove("NO_COLOR").env("COLUMNS", "120");
    // Compiled dictionaries go to the build's scratch space, never the user's cache.
    cmd.env(
        "TIDINGS_CACHE_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("tidings-cache"),
    );
    cmd
}

/// A command run in `dir` without picking up any tidings.toml above it.
fn tidings_in(dir: &Path) -> Command {
    let mut cmd = tidings();
    cmd.current_dir(dir);
    cmd
}

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("utf-8 output")
}

// ---------------------------------------------------------------- check and its formats

#[test]
fn check_reports_findings_with_location_and_exit_1() {
    tidings()
        .args(["check", "--no-config", SEED])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("spacing/hyphen-space"))
        .stdout(predicate::str::contains(format!("{SEED}:4:209")))
        .stdout(predicate::str::contains("safe fix: `two-day`"))
        .stdout(predicate::str::contains("^^^^^^^^"));
}

#[test]
fn check_clean_text_exits_0() {
    tidings()
        .args(["check", "--no-config", "-"])
        .write_stdin("A clean sentence. Another one, with a comma.\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No issues found"));
}

#[test]
fn json_format_follows_the_schema_and_offsets_are_bytes() {
    let original = fs::read_to_string(seed_path()).unwrap();
    let out = stdout_of(
        tidings()
            .args(["check", "--no-config", "--format", "json"])
            .arg(seed_path()),
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["version"], 1);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    let findings = files[0]["findings"].as_array().unwrap();
    assert!(findings.len() >= 3);
    for f in findings {
        for key in [
            "rule",
            "start",
            "end",
            "line",
            "column",
            "original",
            "confidence",
            "applicability",
            "message",
        ] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&original[start..end], f["original"].as_str().unwrap());
        let applicability = f["applicability"].as_str().unwrap();
        assert!(["safe", "suggest", "flag"].contains(&applicability));
        assert_eq!(f.get("replacement").is_none(), applicability == "flag");
        let line = original[..start].matches('\n').count() + 1;
        assert_eq!(f["line"].as_u64().unwrap() as usize, line);
    }
    let two_day = findings
        .iter()
        .find(|f| f["original"] == "two -day")
        .expect("two -day found");
    assert_eq!(two_day["replacement"], "two-day");
    assert_eq!(two_day["rule"], "spacing/hyphen-space");
}

#[test]
fn jsonl_format_is_one_file_object_per_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "A two -day summit.\n").unwrap();
    fs::write(dir.path().join("b.txt"), "Non -European troops.\n").unwrap();
    fs::write(dir.path().join("c.txt"), "Clean.\n").unwrap();
    let out =
        stdout_of(tidings_in(dir.path()).args(["check", "--no-config", "--format", "jsonl", "."]));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "a.md");
    assert_eq!(lines[1]["path"], "b.txt");
    assert_eq!(lines[1]["findings"][0]["replacement"], "Non-European");
}

#[test]
fn github_format_prints_workflow_commands() {
    let out = stdout_of(
        tidings()
            .args(["check", "--no-config", "--format", "github", "-"])
            .write_stdin("A two -day summit.\n"),
    );
    let line = out.lines().next().unwrap();
    assert!(line.starts_with("::warning file=-,line=1,col=3,endLine=1,endColumn=11,title=tidings (spacing/hyphen-space)::"), "{line}");
}

#[test]
fn sarif_format_is_sarif_2_1_0() {
    let out = stdout_of(
        tidings()
            .args(["check", "--no-config", "--format", "sarif"])
            .arg(seed_path()),
    );
    let sarif: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "tidings");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index], result["ruleId"].as_str().unwrap());
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        assert!(result["message"]["text"].as_str().is_some());
        if result["properties"]["applicability"] != "flag" {
            let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
            assert!(replacement["insertedContent"]["text"].is_string());
        }
    }
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let out = stdout_of(
        tidings()
            .args(["check", "--no-config", "--format", "concise", "-"])
            .write_stdin("A two -day summit and non -European troops.\n"),
    );
    let findings: Vec<&str> = out.lines().filter(|l| l.starts_with("-:")).collect();
    assert_eq!(findings.len(), 2, "{out}");
    assert!(
        findings[0].starts_with("-:1:3: spacing/hyphen-space [safe]"),
        "{out}"
    );
    // What the fix replaces is shown beside the replacement, which is not repeated.
    assert!(
        findings[0].ends_with("compound: `two -day` → `two-day`"),
        "{out}"
    );
}

// ---------------------------------------------------------------- fix

#[test]
fn fix_stdin_repairs_the_seed_compounds_and_nothing_outside_gold() {
    let original = fs::read_to_string(seed_path()).unwrap();
    let out = stdout_of(
        tidings()
            .args(["fix", "--no-config", "-"])
            .write_stdin(original.clone()),
    );
    assert!(out.contains("a two-day summit"));
    assert!(out.contains("non-European troops"));
    assert!(out.contains("comments e-mail."));
    let json = stdout_of(
        tidings()
            .args(["eval", "--no-config", "--json", "--output", "-"])
            .arg(seed_path())
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED_GOLD))
            .write_stdin(out),
    );
    let summary: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(summary["stray"], 0, "{summary}");
    assert_eq!(summary["wrong"], 0, "{summary}");
}

#[test]
fn fix_stdin_is_byte_identical_when_clean() {
    let inputs: [&[u8]; 4] = [
        b"\xEF\xBB\xBFClean text with a BOM.\r\nAnd CRLF lines.  \r\n",
        b"No final newline, trailing spaces   ",
        b"",
        b"Tabs\tand  \n\n\n  indentation.\n",
    ];
    for input in inputs {
        let output = tidings()
            .args(["fix", "--no-config", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert!(output.status.success());
        assert_eq!(output.stdout, input, "{:?}", String::from_utf8_lossy(input));
    }
}

#[test]
fn fix_preserves_crlf_and_bom_around_fixes() {
    let input = "\u{feff}A two -day summit.\r\nNext line.  \r\n";
    let out = stdout_of(
        tidings()
            .args(["fix", "--no-config", "-"])
            .write_stdin(input),
    );
    assert_eq!(out, "\u{feff}A two-day summit.\r\nNext line.  \r\n");
}

#[test]
fn fix_is_idempotent() {
    let original = fs::read_to_string(seed_path()).unwrap();
    let once = stdout_of(
        tidings()
            .args(["fix", "--no-config", "--all", "-"])
            .write_stdin(original),
    );
    let twice = stdout_of(
        tidings()
            .args(["fix", "--no-config", "--all", "-"])
            .write_stdin(once.clone()),
    );
    assert_eq!(once, twice);
    let check = tidings()
        .args(["check", "--no-config", "--format", "json", "-"])
        .write_stdin(once)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let fixable = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .filter(|f| f["applicability"] != "flag")
        .count();
    assert_eq!(fixable, 0, "fix --all left fixable findings: {json}");
}

#[test]
fn fix_in_place_walks_directories_respecting_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("a.md"), "A two -day summit.\n").unwrap();
    fs::write(root.join("sub/b.txt"), "Non -European troops.\n").unwrap();
    fs::write(root.join("ignored.md"), "A two -day summit.\n").unwrap();
    fs::write(root.join("clean.md"), "Nothing to do.\n").unwrap();
    fs::write(root.join(".gitignore"), "ignored.md\n").unwrap();
    let clean_before = fs::metadata(root.join("clean.md"))
        .unwrap()
        .modified()
        .unwrap();
    tidings_in(root)
        .args(["fix", "--no-config", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains("fixed 2 issues in 2 files"));
    assert_eq!(
        fs::read_to_string(root.join("a.md")).unwrap(),
        "A two-day summit.\n"
    );
    assert_eq!(
        fs::read_to_string(root.join("sub/b.txt")).unwrap(),
        "Non-European troops.\n"
    );
    assert_eq!(
        fs::read_to_string(root.join("ignored.md")).unwrap(),
        "A two -day summit.\n"
    );
    assert_eq!(
        fs::metadata(root.join("clean.md"))
            .unwrap()
            .modified()
            .unwrap(),
        clean_before
    );
    let leftovers: Vec<_> = fs::read_dir(root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tidings-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[cfg(unix)]
#[test]
fn fix_in_place_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, "A two -day summit.\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o604)).unwrap();
    tidings_in(dir.path())
        .args(["fix", "--no-config", "a.txt"])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&path).unwrap(), "A two-day summit.\n");
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o604
    );
}

#[test]
fn fix_all_also_applies_suggestions() {
    let input = "The Smith -Jones deal.\n";
    assert_eq!(
        stdout_of(
            tidings()
                .args(["fix", "--no-config", "-"])
                .write_stdin(input)
        ),
        input
    );
    assert_eq!(
        stdout_of(
            tidings()
                .args(["fix", "--no-config", "--all", "-"])
                .write_stdin(input)
        ),
        "The Smith-Jones deal.\n"
    );
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_prints_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, "Line one.\nA two -day summit.\n").unwrap();
    tidings_in(dir.path())
        .args(["diff", "--no-config", "--color", "never", "a.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n Line one.\n-A two -day summit.\n+A two-day summit.\n"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "Line one.\nA two -day summit.\n"
    );
    tidings_in(dir.path())
        .args([
            "diff",
            "--no-config",
            "--color",
            "never",
            "--word-diff",
            "a.txt",
        ])
        .assert()
        .code(1)
        .stdout("a.txt:2\nA [-two -day-]{+two-day+} summit.\n");
}

#[test]
fn diff_of_clean_text_is_empty_and_exits_0() {
    tidings()
        .args(["diff", "--no-config", "-"])
        .write_stdin("Clean.\n")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn diff_output_applies_with_patch_semantics() {
    // The diff's + lines are exactly what fix produces.
    let original = fs::read_to_string(seed_path()).unwrap();
    let fixed = stdout_of(
        tidings()
            .args(["fix", "--no-config", "-"])
            .write_stdin(original.clone()),
    );
    let diff = stdout_of(
        tidings()
            .args(["diff", "--no-config", "--color", "never", "-"])
            .write_stdin(original.clone()),
    );
    let added: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .map(|l| &l[1..])
        .collect();
    let removed: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .map(|l| &l[1..])
        .collect();
    for line in &added {
        assert!(fixed.lines().any(|l| l == *line));
    }
    for line in &removed {
        assert!(original.lines().any(|l| l == *line));
        assert!(!fixed.lines().any(|l| l == *line));
    }
}

// ---------------------------------------------------------------- Markdown

#[test]
fn markdown_protected_regions_are_never_changed() {
    let input = "---\ntitle: a two -day summit\n---\n\n# A two -day summit\n\nProse with a two -day summit and `a two -day` code.\n\n```\ncode two -day  block\n```\n\n    indented two -day\n\n[a two -day link](https://x.org/two -day) <https://a.b/non -European>\n\n<div>html two -day</div>\n\nMail desk@two-day.org now.\n";
    let out = stdout_of(
        tidings()
            .args(["fix", "--no-config", "--input-format", "markdown", "-"])
            .write_stdin(input),
    );
    let expected = input
        .replace("# A two -day summit", "# A two-day summit")
        .replace(
            "Prose with a two -day summit",
            "Prose with a two-day summit",
        )
        .replace("[a two -day link]", "[a two-day link]");
    assert_eq!(out, expected);
}

#[test]
fn markdown_suppression_comments() {
    let input = "<!-- tidings-disable-next-line spacing/hyphen-space -->\nA two -day summit.\n\nA two -day summit.\n\n<!-- tidings-disable -->\n\nA two -day summit.\n\n<!-- tidings-enable -->\n\nA two -day summit.\n";
    let out = stdout_of(
        tidings()
            .args([
                "check",
                "--no-config",
                "--format",
                "json",
                "--stdin-filename",
                "x.md",
                "-",
            ])
            .write_stdin(input),
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let lines: Vec<u64> = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![4, 12]);
}

// ---------------------------------------------------------------- selection and configuration

#[test]
fn select_ignore_and_min_confidence() {
    let input = "A two -day summit , and the Smith -Jones deal.\n";
    let count = |args: &[&str]| {
        let out = stdout_of(
            tidings()
                .args(["check", "--no-config", "--format", "json"])
                .args(args)
                .arg("-")
                .write_stdin(input),
        );
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["findings"].as_array().unwrap().len())
            .sum::<usize>()
    };
    assert_eq!(count(&[]), 3);
    assert_eq!(count(&["--select", "spacing/hyphen-space"]), 2);
    assert_eq!(count(&["--ignore", "spacing/hyphen-space"]), 1);
    assert_eq!(
        count(&[
            "--select",
            "spacing",
            "--ignore",
            "spacing/space-before-punctuation"
        ]),
        2
    );
    assert_eq!(count(&["--min-confidence", "0.9"]), 2);
}

#[test]
fn unknown_rule_is_an_error() {
    tidings()
        .args(["check", "--no-config", "--select", "spelling", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule or family `spelling`",
        ));
}

#[test]
fn config_is_found_upward_and_applied() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("tidings.toml"),
        "ignore = [\"spacing/hyphen-space\"]\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("deep")).unwrap();
    fs::write(dir.path().join("deep/a.txt"), "A two -day summit.\n").unwrap();
    tidings_in(&dir.path().join("deep"))
        .args(["check", "a.txt"])
        .assert()
        .code(0);
    tidings_in(&dir.path().join("deep"))
        .args(["check", "--no-config", "a.txt"])
        .assert()
        .code(1);
}

#[test]
fn config_include_and_exclude_globs() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("tidings.toml"),
        "include = [\"*.news\"]\nexclude = [\"skip/**\"]\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("skip")).unwrap();
    fs::write(dir.path().join("a.news"), "A two -day summit.\n").unwrap();
    fs::write(dir.path().join("b.md"), "A two -day summit.\n").unwrap();
    fs::write(dir.path().join("skip/c.news"), "A two -day summit.\n").unwrap();
    let out = stdout_of(tidings_in(dir.path()).args(["check", "--format", "jsonl", "."]));
    let paths: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(paths, vec!["a.news"]);
}

#[test]
fn bad_config_names_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("tidings.toml"),
        "select = [\"spacing\"]\nmin-confidense = 0.5\n",
    )
    .unwrap();
    tidings_in(dir.path())
        .args(["check", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("tidings.toml:2:1:")
                .and(predicate::str::contains("min-confidense")),
        );
}

#[test]
fn explicit_config_flag() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("custom.toml");
    fs::write(&config, "select = [\"spacing/space-before-punctuation\"]\n").unwrap();
    tidings()
        .args(["check", "--config"])
        .arg(&config)
        .arg("-")
        .write_stdin("A two -day summit.\n")
        .assert()
        .code(0);
    tidings()
        .args(["check", "--config", "/nonexistent/t.toml", "-"])
        .write_stdin("x")
        .assert()
        .code(2);
}

// ---------------------------------------------------------------- bad input

#[test]
fn invalid_utf8_is_an_error_with_offset_and_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt");
    let bytes = b"A two -day summit.\nLatin-1 caf\xe9 here.\n";
    fs::write(&path, bytes).unwrap();
    tidings_in(dir.path())
        .args(["fix", "--no-config", "bad.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.txt: not valid UTF-8 at byte 30",
        ));
    assert_eq!(fs::read(&path).unwrap(), bytes);
    tidings_in(dir.path())
        .args(["check", "--no-config", "bad.txt"])
        .assert()
        .code(2);
    tidings()
        .args(["fix", "--no-config", "-"])
        .write_stdin(&bytes[..])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-: not valid UTF-8 at byte 30"));
}

#[test]
fn missing_path_is_an_error_but_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "A two -day summit.\n").unwrap();
    tidings_in(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "missing.txt",
            "a.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.txt: no such file or directory",
        ))
        .stdout(predicate::str::contains("a.txt:1:3"));
}

#[test]
fn stdin_cannot_be_mixed_with_paths_in_fix() {
    let dir = tempfile::tempdir().unwrap();
    tidings_in(dir.path())
        .args(["fix", "--no-config", "-", "."])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("takes no other paths"));
}

#[test]
fn read_only_file_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.txt");
    fs::write(&path, "A two -day summit.\n").unwrap();
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    tidings_in(dir.path())
        .args(["fix", "--no-config", "ro.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ro.txt: file is read-only"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "A two -day summit.\n");
}

#[test]
fn binary_files_in_directories_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), b"binary\0data two -day").unwrap();
    fs::write(dir.path().join("b.txt"), "Clean.\n").unwrap();
    tidings_in(dir.path())
        .args(["check", "--no-config", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("skipping binary file a.txt"));
    tidings_in(dir.path())
        .args(["check", "--no-config", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary file"));
}

#[test]
fn bad_arguments_exit_2() {
    tidings()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    tidings().args(["frobnicate"]).assert().code(2);
    tidings().args(["fix"]).assert().code(2);
    tidings()
        .args(["check", "--min-confidence", "1.5", "-"])
        .assert()
        .code(2);
}

#[test]
fn large_multi_chunk_file_streams_with_correct_offsets() {
    // About 3 MB: several chunks for the streaming reader.
    let paragraph = "The ministers met on Thursday in Brussels to discuss the budget for the coming year.\nThey agreed on most points.\n\n";
    let mut text = String::new();
    let mut expected_lines = Vec::new();
    let mut line = 1;
    while text.len() < 3_000_000 {
        text.push_str(paragraph);
        line += 3;
        if line % 999 == 1 {
            expected_lines.push(line);
            text.push_str("A two -day summit.\n");
            line += 1;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    fs::write(&path, &text).unwrap();
    let out = stdout_of(tidings_in(dir.path()).args([
        "check",
        "--no-config",
        "--format",
        "json",
        "big.txt",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let lines: Vec<usize> = findings
        .iter()
        .map(|f| f["line"].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(lines, expected_lines);
    for f in findings {
        let start = f["start"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..start + 8], "two -day");
    }
    tidings_in(dir.path())
        .args(["fix", "--no-config", "big.txt"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text.replace("two -day", "two-day")
    );
}

#[test]
fn very_long_line_works() {
    let mut text = "word ".repeat(600_000);
    text.push_str("a two -day summit");
    let out = stdout_of(
        tidings()
            .args(["fix", "--no-config", "-"])
            .write_stdin(text.clone()),
    );
    assert_eq!(out, text.replace("two -day", "two-day"));
}

// ---------------------------------------------------------------- explain, rules, eval

#[test]
fn explain_prints_rule_documentation() {
    tidings()
        .args(["explain", "spacing/hyphen-space"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Fix safety:")
                .and(predicate::str::contains("before:    a two -day summit")),
        );
    tidings()
        .args(["explain", "spacing"])
        .assert()
        .success()
        .stdout(predicate::str::contains("spacing/double-space"));
    tidings()
        .args(["explain", "nonsense/rule"])
        .assert()
        .code(2);
}

#[test]
fn rules_lists_every_rule() {
    let out = stdout_of(tidings().args(["rules"]));
    for id in [
        "spacing/hyphen-space",
        "spacing/double-space",
        "spacing/space-before-punctuation",
        "spacing/missing-space-after-punctuation",
    ] {
        assert!(out.contains(id), "{out}");
    }
}

#[test]
fn eval_scores_tidings_on_the_seed() {
    let out = stdout_of(tidings().current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "eval",
        "--no-config",
        "--json",
        SEED,
        SEED_GOLD,
    ]));
    let summary: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(summary["precision"].as_f64().unwrap() >= 0.95, "{summary}");
    let verbose = stdout_of(tidings().current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "eval",
        "--no-config",
        "--verbose",
        SEED,
        SEED_GOLD,
    ]));
    for id in ["s05", "s11", "s17"] {
        assert!(
            !verbose.contains(&format!(" {id} [")),
            "{id} not fixed:\n{verbose}"
        );
    }
}

// ---------------------------------------------------------------- names and the gazetteer

#[test]
fn seed_names_are_repaired() {
    let original = fs::read_to_string(seed_path()).unwrap();
    let out = stdout_of(
        tidings()
            .args(["fix", "--no-config", "-"])
            .write_stdin(original),
    );
    for expected in [
        "Pete Hegseth,",
        "Pete Hegseth gave",
        "Defense Hegseth supported",
        "and Kyiv –",
        "if Kyiv decided",
        "NATO exercises, Steadfast Dart on",
        "Getty Images News Getty Images",
    ] {
        assert!(out.contains(expected), "missing {expected:?}");
    }
    assert!(out.contains("Zeki Levent Gumrukcu") || out.contains("Zeki Levent Gümrükçü"));
    for untouched in [
        "John Healey",
        "Kaja Kallas",
        "Boris Pistorius",
        "Bill Blain",
        "Mark Rutte",
    ] {
        assert!(out.contains(untouched), "{untouched} was changed");
    }
}

#[test]
fn user_dictionary_sets_the_house_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let dictionary = dir.path().join("house.tsv");
    fs::write(&dictionary, HOUSE_TSV).unwrap();
    let input = "President Selenskyj met Mr Zelensky.\n";
    let out = stdout_of(
        tidings()
            .args(["fix", "--no-config", "--house-style", "fix", "--dictionary"])
            .arg(&dictionary)
            .arg("-")
            .write_stdin(input),
    );
    assert_eq!(out, "President Zelenskyy met Mr Zelenskyy.\n");
    let config = dir.path().join("tidings.toml");
    fs::write(
        &config,
        "dictionaries = [\"house.tsv\"]\n[style]\nhouse = \"fix\"\n",
    )
    .unwrap();
    let out = stdout_of(tidings_in(dir.path()).args(["fix", "-"]).write_stdin(input));
    assert_eq!(out, "President Zelenskyy met Mr Zelenskyy.\n");
}

#[test]
fn gazetteer_lookup_explains_a_name() {
    tidings()
        .args(["gazetteer", "lookup", "HegeSth"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Pete Hegseth")
                .and(predicate::str::contains("names/fuzzy [safe] → Hegseth")),
        );
    tidings()
        .args(["gazetteer", "lookup", "Kiev"])
        .assert()
        .success()
        .stdout(predicate::str::contains("house-style variant"));
}

#[test]
fn gazetteer_check_reports_problems_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.tsv");
    fs::write(&good, "name\tkind\nQuantum Widgets Ltd\tcompany\n").unwrap();
    tidings()
        .args(["gazetteer", "check"])
        .arg(&good)
        .assert()
        .code(0);
    let warn = dir.path().join("warn.tsv");
    fs::write(
        &warn,
        "name\tkind\tvariants\nAnna Example\tperson\tWill\nAnna Example\tperson\t\n",
    )
    .unwrap();
    tidings()
        .args(["gazetteer", "check"])
        .arg(&warn)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("warn.tsv:2: variant `Will` is a common English word")
                .and(predicate::str::contains("warn.tsv:3: duplicate entry")),
        );
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "[[entry]]\nname = \"X\"\nkind = \"planet\"\n").unwrap();
    tidings()
        .args(["gazetteer", "check"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:1:"));
}

#[test]
fn machine_translation_samples_are_repaired_as_reviewed() {
    // Sentences with the damage German-to-English machine translation leaves beyond the seed
    // (names as German spells them, genitives, quotes, spacing, casing, mojibake); the expected
    // output was reviewed line by line. A change in behaviour shows here first.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let input = fs::read_to_string(data.join("mt_samples.txt")).unwrap();
    let expected = fs::read_to_string(data.join("mt_samples.fixed.txt")).unwrap();
    let out = stdout_of(
        tidings()
            .args(["fix", "--no-config", "-"])
            .write_stdin(input.clone()),
    );
    assert_ne!(input, expected, "the samples must need repairs");
    for (n, (got, want)) in out.lines().zip(expected.lines()).enumerate() {
        assert_eq!(got, want, "mt_samples.txt line {}", n + 1);
    }
    assert_eq!(out.lines().count(), expected.lines().count());
    // And the repaired text needs nothing more.
    let again = stdout_of(
        tidings()
            .args(["fix", "--no-config", "-"])
            .write_stdin(out.clone()),
    );
    assert_eq!(again, out);
}

#[test]
fn curated_dictionaries_have_no_duplicates_or_collisions_of_their_own() {
    // Checked as user dictionaries, the curated files may only collide with the defaults they
    // are part of (a person's listed misspelling that is also a place's); never with themselves.
    for file in ["people.tsv", "organisations.tsv", "events.tsv"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("dictionaries")
            .join(file);
        let output = tidings()
            .args(["gazetteer", "check"])
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let own: Vec<&str> = stdout
            .lines()
            .filter(|l| l.contains("duplicate entry") || l.contains("on line"))
            .collect();
        assert!(own.is_empty(), "{file}:\n{}", own.join("\n"));
    }
}

const HOUSE_TSV: &str = "name\tkind\tvariants\tstyle\tdescription\nVolodymyr Zelenskyy\tperson\tSelenskyj\tZelensky\tPresident of Ukraine\n";

/// Files ending in `.tidx` in `dir`.
fn cache_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "tidx"))
        .collect()
}

#[test]
fn dictionaries_are_compiled_once_into_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let dictionary = dir.path().join("house.tsv");
    fs::write(&dictionary, HOUSE_TSV).unwrap();
    let stats = |cache: &Path| {
        stdout_of(
            tidings()
                .env("TIDINGS_CACHE_DIR", cache)
                .args(["gazetteer", "stats", "--dictionary"])
                .arg(&dictionary),
        )
    };
    let first = stats(&cache);
    assert!(first.contains("house.tsv: 1 entities"), "{first}");
    let files = cache_files(&cache);
    assert_eq!(files.len(), 1, "{files:?}");
    let modified = fs::metadata(&files[0]).unwrap().modified().unwrap();
    assert_eq!(stats(&cache), first);
    assert_eq!(cache_files(&cache), files);
    assert_eq!(
        fs::metadata(&files[0]).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn gazetteer_compile_ships_an_index_that_dictionary_reads() {
    let dir = tempfile::tempdir().unwrap();
    let dictionary = dir.path().join("house.tsv");
    fs::write(&dictionary, HOUSE_TSV).unwrap();
    let index = dir.path().join("house.idx");
    tidings()
        .args(["gazetteer", "compile"])
        .arg(&dictionary)
        .arg("-o")
        .arg(&index)
        .assert()
        .success()
        .stdout(predicate::str::contains("house.idx: 1 entities"));
    let input = "President Selenskyj met Mr Zelensky.\n";
    for source in [&dictionary, &index] {
        let out = stdout_of(
            tidings()
                .args(["fix", "--no-config", "--house-style", "fix", "--dictionary"])
                .arg(source)
                .arg("-")
                .write_stdin(input),
        );
        assert_eq!(
            out,
            "President Zelenskyy met Mr Zelenskyy.\n",
            "{}",
            source.display()
        );
    }
    // Compiling an index again, or a corrupt index, is an error naming the file.
    tidings()
        .args(["gazetteer", "compile"])
        .arg(&index)
        .arg("-o")
        .arg(dir.path().join("again.idx"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "already a compiled gazetteer index",
        ));
    let mut bytes = fs::read(&index).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(&index, bytes).unwrap();
    tidings()
        .args(["check", "--no-config", "--dictionary"])
        .arg(&index)
        .arg("-")
        .write_stdin(input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("house.idx").and(predicate::str::contains("corrupt")));
}

#[test]
fn missing_dictionary_is_an_error() {
    tidings()
        .args([
            "check",
            "--no-config",
            "--dictionary",
            "/nonexistent.tsv",
            "-",
        ])
        .write_stdin("x")
        .assert()
        .code(2);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    // 2,000 files is a run long enough for a bar at a terminal; here stderr is a pipe.
    let dir = tempfile::tempdir().unwrap();
    for k in 0..2_000 {
        std::fs::write(
            dir.path().join(format!("story{k:04}.txt")),
            "A two -day summit.\n",
        )
        .unwrap();
    }
    let output = tidings_in(dir.path())
        .args(["check", "--no-config", "--format", "concise", "."])
        .env_remove("CI")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains('\r') && !stderr.contains("B/s"),
        "progress drawn on a pipe: {stderr:?}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.contains("spacing/")).count(),
        2_000
    );
}
