//! Where a text must be checked again after fixes were applied to it.
//!
//! `fix` applies its fixes and checks the text again, because one fix may expose another
//! (`a  ,b` → `a ,b` → `a,b`). Checking the whole text again costs a second full check, while a
//! fix changes what the rules see only nearby: the names rule weighs evidence within
//! [`crate::rules::CONTEXT_WORDS`] words of a word, and the other rules look at a line or two.
//! So only a *window* around each edit is checked again, and of its findings only those in the
//! window's *core* are kept: the core lies far enough inside the window that every rule sees
//! there all the context a full check would give it. Findings outside the cores are the
//! earlier ones, moved by the edits before them.

use std::ops::Range;

use super::Finding;

/// One applied edit: the span it replaced in the old text and the length of its replacement.
#[derive(Debug, Clone)]
pub struct Edit {
    /// Span in the text before the edit.
    pub old: Range<usize>,
    /// Length in bytes of what replaced it.
    pub new_len: usize,
}

impl Edit {
    /// The edits that applying `fixes` makes (fixes without a replacement make none).
    pub fn of_fixes(fixes: &[&Finding]) -> Vec<Edit> {
        fixes
            .iter()
            .filter_map(|f| {
                f.replacement.as_ref().map(|r| Edit {
                    old: f.span.clone(),
                    new_len: r.len(),
                })
            })
            .collect()
    }
}

/// A stretch of the edited text to check again, and the part of it whose findings count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recheck {
    /// Bytes to check again (whole lines).
    pub window: Range<usize>,
    /// Bytes whose findings replace the earlier ones (whole lines, inside `window`).
    pub core: Range<usize>,
}

/// The regions of `text` (the text after `edits`) to check again: around each edit, a core of
/// `core_words` words on each side and a margin of `margin_words` more, both cut at line
/// boundaries; overlapping regions merged.
pub fn rechecks(
    text: &str,
    edits: &[Edit],
    core_words: usize,
    margin_words: usize,
) -> Vec<Recheck> {
    let bytes = text.as_bytes();
    let mut out: Vec<Recheck> = Vec::new();
    for span in new_spans(edits) {
        let core = line_start(bytes, words_back(bytes, span.start, core_words))
            ..line_end(bytes, words_forward(bytes, span.end, core_words));
        let window = line_start(bytes, words_back(bytes, core.start, margin_words))
            ..line_end(bytes, words_forward(bytes, core.end, margin_words));
        match out.last_mut() {
            Some(last) if window.start <= last.window.end => {
                last.window.end = last.window.end.max(window.end);
                last.core.end = last.core.end.max(core.end);
            }
            _ => out.push(Recheck { window, core }),
        }
    }
    out
}

/// The spans the edits' replacements occupy in the edited text, in order.
fn new_spans(edits: &[Edit]) -> Vec<Range<usize>> {
    let mut shift: isize = 0;
    edits
        .iter()
        .map(|edit| {
            let start = edit.old.start.saturating_add_signed(shift);
            shift += edit.new_len as isize - edit.old.len() as isize;
            start..start + edit.new_len
        })
        .collect()
}

/// Where byte `offset` of the old text lies in the edited text, for an offset outside every
/// edit (one inside an edit maps to the start of its replacement).
pub fn map_offset(edits: &[Edit], offset: usize) -> usize {
    let mut shift: isize = 0;
    for edit in edits {
        // An insertion at the offset moves what is there; a replacement must end by it.
        let before = if edit.old.is_empty() {
            edit.old.start <= offset
        } else {
            edit.old.end <= offset
        };
        if !before {
            if edit.old.start < offset {
                return edit.old.start.saturating_add_signed(shift);
            }
            break;
        }
        shift += edit.new_len as isize - edit.old.len() as isize;
    }
    offset.saturating_add_signed(shift)
}

/// Moves earlier findings into the edited text, dropping those that start inside a core
/// (they are found again there) and adding the new ones found inside the cores, sorted as
/// [`crate::Linter::check`] sorts them.
pub fn merge_findings(
    previous: Vec<Finding>,
    edits: &[Edit],
    cores: &[Range<usize>],
    fresh: Vec<Finding>,
) -> Vec<Finding> {
    let in_core = |offset: usize| cores.iter().any(|core| core.contains(&offset));
    let mut out: Vec<Finding> = previous
        .into_iter()
        .filter_map(|mut finding| {
            let start = map_offset(edits, finding.span.start);
            let end = map_offset(edits, finding.span.end).max(start);
            if in_core(start) {
                return None;
            }
            finding.span = start..end;
            Some(finding)
        })
        .collect();
    out.extend(fresh.into_iter().filter(|f| in_core(f.span.start)));
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule.id).cmp(&(b.span.start, b.span.end, b.rule.id))
    });
    out
}

/// True for a byte that starts a word when it follows a non-word byte.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The start of the `words`-th word before `from` (or 0).
fn words_back(bytes: &[u8], from: usize, words: usize) -> usize {
    if words == 0 {
        return from;
    }
    let mut seen = 0;
    let mut at = from.min(bytes.len());
    while at > 0 {
        at -= 1;
        if is_word_byte(bytes[at]) && (at == 0 || !is_word_byte(bytes[at - 1])) {
            seen += 1;
            if seen == words {
                return at;
            }
        }
    }
    0
}

/// The end of the `words`-th word after `from` (or the end of the text).
fn words_forward(bytes: &[u8], from: usize, words: usize) -> usize {
    if words == 0 {
        return from;
    }
    let mut seen = 0;
    let mut at = from;
    while at < bytes.len() {
        if is_word_byte(bytes[at]) && (at + 1 == bytes.len() || !is_word_byte(bytes[at + 1])) {
            seen += 1;
            if seen == words {
                return at + 1;
            }
        }
        at += 1;
    }
    bytes.len()
}

/// The start of the line holding `offset`.
fn line_start(bytes: &[u8], offset: usize) -> usize {
    memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1)
}

/// The end of the line holding `offset`, after its line break.
fn line_end(bytes: &[u8], offset: usize) -> usize {
    if offset > 0 && bytes.get(offset - 1) == Some(&b'\n') {
        return offset;
    }
    memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |i| offset + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(old: Range<usize>, new_len: usize) -> Edit {
        Edit { old, new_len }
    }

    #[test]
    fn offsets_move_by_the_edits_before_them() {
        // "a  b ,c" → "a b,c": two edits, each one byte shorter.
        let edits = [edit(1..3, 1), edit(4..5, 0)];
        assert_eq!(map_offset(&edits, 0), 0);
        assert_eq!(map_offset(&edits, 3), 2);
        assert_eq!(map_offset(&edits, 5), 3);
        assert_eq!(map_offset(&edits, 6), 4);
        // An insertion moves what is at its position.
        let insert = [edit(2..2, 1)];
        assert_eq!(map_offset(&insert, 1), 1);
        assert_eq!(map_offset(&insert, 2), 3);
    }

    #[test]
    fn regions_are_whole_lines_with_a_margin() {
        let text = "one two\nthree four\nfive six\nseven eight\nnine ten\n";
        // An edit in `five`: a core of one word each side, then one more word of margin.
        let at = text.find("five").unwrap();
        let regions = rechecks(text, &[edit(at..at + 4, 4)], 1, 1);
        assert_eq!(regions.len(), 1);
        let region = &regions[0];
        assert_eq!(&text[region.core.clone()], "three four\nfive six\n");
        assert_eq!(
            &text[region.window.clone()],
            "one two\nthree four\nfive six\nseven eight\n"
        );
        // Two edits close together share one region.
        let far = text.find("nine").unwrap();
        assert_eq!(
            rechecks(text, &[edit(0..3, 3), edit(far..far + 4, 4)], 1, 1).len(),
            1
        );
        // Far apart, they do not.
        assert_eq!(
            rechecks(text, &[edit(0..3, 3), edit(far..far + 4, 4)], 0, 0).len(),
            2
        );
    }
}
