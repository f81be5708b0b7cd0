//! `tidings diff`: the proposed fixes as a unified diff or as a word diff.
//!
//! The unified diff is what `git apply` and `patch` read; the word diff (`--word-diff`) marks
//! changes inside the line as `git diff --word-diff` does (`[-HegeSth,-]{+Hegseth,+}`), which is how an editor reads a changed
//! sentence. Both use the `similar` crate.

use super::paint;
use anstyle::{AnsiColor, Style};
use similar::{ChangeTag, TextDiff};
use std::fmt::Write as _;

fn red() -> Style {
    Style::new().fg_color(Some(AnsiColor::Red.into()))
}

fn green() -> Style {
    Style::new().fg_color(Some(AnsiColor::Green.into()))
}

fn cyan() -> Style {
    Style::new().fg_color(Some(AnsiColor::Cyan.into()))
}

/// A unified diff (3 lines of context) from `old` to `new`, labelled `a/path` and `b/path`;
/// empty when they are equal.
pub fn unified(path: &str, old: &str, new: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let diff = TextDiff::from_lines(old, new);
    let mut out = String::new();
    let bold = Style::new().bold();
    let _ = writeln!(out, "{}", paint(color, bold, &format!("--- a/{path}")));
    let _ = writeln!(out, "{}", paint(color, bold, &format!("+++ b/{path}")));
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        let _ = writeln!(out, "{}", paint(color, cyan(), &hunk.header().to_string()));
        for change in hunk.iter_changes() {
            let (sign, style) = match change.tag() {
                ChangeTag::Equal => (' ', None),
                ChangeTag::Delete => ('-', Some(red())),
                ChangeTag::Insert => ('+', Some(green())),
            };
            let value = change.value();
            let line = value.strip_suffix('\n').unwrap_or(value);
            let text = format!("{sign}{line}");
            match style {
                Some(style) => out.push_str(&paint(color, style, &text)),
                None => out.push_str(&text),
            }
            out.push('\n');
            if change.missing_newline() {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// A word diff: each changed group of lines printed once with `[-old-]{+new+}` marks (coloured
/// on a terminal instead of marked), headed by `path:line`.
pub fn words(path: &str, old: &str, new: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let lines = TextDiff::from_lines(old, new);
    let mut out = String::new();
    for group in lines.grouped_ops(0) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        let old_block: String = old_range
            .clone()
            .filter_map(|i| lines.old_slice(i))
            .collect();
        let new_block: String = new_range.filter_map(|i| lines.new_slice(i)).collect();
        let bold = Style::new().bold();
        let _ = writeln!(
            out,
            "{}",
            paint(color, bold, &format!("{path}:{}", old_range.start + 1))
        );
        let words = TextDiff::from_words(old_block.as_str(), new_block.as_str());
        let mut pending: Option<(ChangeTag, String)> = None;
        let flush = |out: &mut String, pending: &mut Option<(ChangeTag, String)>| {
            if let Some((tag, text)) = pending.take() {
                match (tag, color) {
                    (ChangeTag::Equal, _) => out.push_str(&text),
                    (ChangeTag::Delete, false) => {
                        let _ = write!(out, "[-{text}-]");
                    }
                    (ChangeTag::Insert, false) => {
                        let _ = write!(out, "{{+{text}+}}");
                    }
                    (ChangeTag::Delete, true) => {
                        out.push_str(&paint(true, red().strikethrough(), &text))
                    }
                    (ChangeTag::Insert, true) => {
                        out.push_str(&paint(true, green().underline(), &text))
                    }
                }
            }
        };
        for change in words.iter_all_changes() {
            let tag = change.tag();
            match &mut pending {
                Some((pending_tag, text)) if *pending_tag == tag => text.push_str(change.value()),
                _ => {
                    flush(&mut out, &mut pending);
                    pending = Some((tag, change.value().to_owned()));
                }
            }
        }
        flush(&mut out, &mut pending);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_diff_marks_changed_lines() {
        let diff = unified(
            "a.txt",
            "one\ntwo -day\nthree\n",
            "one\ntwo-day\nthree\n",
            false,
        );
        assert!(
            diff.starts_with("--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n"),
            "{diff}"
        );
        assert!(diff.contains("\n-two -day\n+two-day\n"), "{diff}");
    }

    #[test]
    fn word_diff_marks_changed_words() {
        let diff = words(
            "a.txt",
            "x\nPete HegeSth, and\ny\n",
            "x\nPete Hegseth, and\ny\n",
            false,
        );
        assert_eq!(diff, "a.txt:2\nPete [-HegeSth,-]{+Hegseth,+} and\n");
    }

    #[test]
    fn no_diff_when_equal() {
        assert!(unified("a", "x", "x", false).is_empty());
        assert!(words("a", "x", "x", false).is_empty());
    }
}
