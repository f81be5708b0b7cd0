//! Open documents as the editor sees them: text kept in step with incremental edits, and
//! positions in the protocol's terms (0-based lines, UTF-16 code units).

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// Byte offsets of the line starts of a text, split the way the protocol splits lines
/// (`\n`, `\r\n` and a lone `\r` each end a line).
#[derive(Debug, Clone)]
pub struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let lone_cr = bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if bytes[i] == b'\n' || lone_cr {
                starts.push(i + 1);
            }
        }
        LineMap { starts }
    }

    /// The protocol position of byte `offset` (clamped to the text).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character: usize = text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(to_u32(line), to_u32(character))
    }

    /// The protocol range of a byte span.
    pub fn range(&self, text: &str, span: &std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of a protocol position. A line past the end means the end of the text;
    /// a character past the end of its line means the end of the line (before its line
    /// ending), as the protocol asks; a position inside a surrogate pair means the character.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self.starts.get(line + 1).map_or(text.len(), |&next| {
            let mut end = next;
            if end > start && text.as_bytes()[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && text.as_bytes()[end - 1] == b'\r' {
                end -= 1;
            }
            end
        });
        let wanted = position.character as usize;
        let mut units = 0;
        for (index, c) in text[start..end].char_indices() {
            if units >= wanted {
                return start + index;
            }
            units += c.len_utf16();
            if units > wanted {
                return start + index;
            }
        }
        end
    }
}

/// Applies one change from `textDocument/didChange` (a ranged edit, or the whole text).
pub fn apply_change(
    text: &mut String,
    lines: &mut LineMap,
    change: TextDocumentContentChangeEvent,
) {
    match change.range {
        Some(range) => {
            let start = lines.offset(text, range.start);
            let end = lines.offset(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
        None => *text = change.text,
    }
    *lines = LineMap::new(text);
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        // “ is one UTF-16 unit (3 bytes), Д one unit (2 bytes), 🙂 two units (4 bytes).
        let text = "“Д🙂 Kijiw";
        let lines = LineMap::new(text);
        let start = text.find("Kijiw").unwrap();
        assert_eq!(lines.position(text, start), Position::new(0, 5));
        assert_eq!(lines.offset(text, Position::new(0, 5)), start);
        // Inside the surrogate pair: the emoji itself.
        assert_eq!(
            lines.offset(text, Position::new(0, 3)),
            text.find('🙂').unwrap()
        );
    }

    #[test]
    fn every_line_ending_splits_lines() {
        let text = "a\r\nb\rc\nd";
        let lines = LineMap::new(text);
        assert_eq!(
            lines.position(text, text.find('b').unwrap()),
            Position::new(1, 0)
        );
        assert_eq!(
            lines.position(text, text.find('c').unwrap()),
            Position::new(2, 0)
        );
        assert_eq!(
            lines.position(text, text.find('d').unwrap()),
            Position::new(3, 0)
        );
        // Past the end of a line: before its ending.
        assert_eq!(lines.offset(text, Position::new(0, 9)), 1);
        assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn ranged_changes_edit_in_place() {
        let mut text = "Pete HegeSth spoke.\n“Д🙂” Kiiv".to_owned();
        let mut lines = LineMap::new(&text);
        let change = |sl, sc, el, ec, new: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: new.to_owned(),
        };
        apply_change(&mut text, &mut lines, change(0, 5, 0, 12, "Hegseth"));
        apply_change(&mut text, &mut lines, change(1, 6, 1, 10, "Kyiv"));
        assert_eq!(text, "Pete Hegseth spoke.\n“Д🙂” Kyiv");
        apply_change(&mut text, &mut lines, change(0, 19, 1, 0, " "));
        assert_eq!(text, "Pete Hegseth spoke. “Д🙂” Kyiv");
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".to_owned(),
        };
        apply_change(&mut text, &mut lines, whole);
        assert_eq!(text, "new");
    }
}
