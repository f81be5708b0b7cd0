//! Byte offsets to 1-based lines and columns.

/// Start offsets of every line of a text, for turning byte offsets into line and column.
///
/// Columns count Unicode scalar values (characters), 1-based, as editors and GitHub show them.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (a `\n` ends a line; `\r\n` is one line ending).
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 0-based line number containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte range of 0-based `line`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line];
        let mut end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and 1-based character column of byte `offset`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// 0-based line and UTF-16 column of byte `offset`, as the Language Server Protocol wants.
    pub fn utf16_position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = text[start..offset].chars().map(char::len_utf16).sum();
        (line, column)
    }

    /// Number of lines (a final line without a newline counts; an empty text has one line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Lines and columns of offsets met roughly in order (a chunk's findings), found by counting
/// line endings between one offset and the next rather than indexing every line of the text:
/// a chunk of a megabyte with a dozen findings costs a dozen short counts, not a list of every
/// line start.
#[derive(Debug, Clone)]
pub struct LineCursor<'t> {
    text: &'t str,
    /// 0-based line of `line_start`.
    line: usize,
    /// Start offset of the line the cursor stands on.
    line_start: usize,
}

impl<'t> LineCursor<'t> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'t str) -> Self {
        LineCursor {
            text,
            line: 0,
            line_start: 0,
        }
    }

    /// Moves to the line holding byte `offset`: forward by counting line endings, backward
    /// (an overlapping span) the same way in reverse.
    fn seek(&mut self, offset: usize) {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        if offset >= self.line_start {
            let skipped = &bytes[self.line_start..offset];
            if let Some(last) = memchr::memrchr(b'\n', skipped) {
                self.line += memchr::memchr_iter(b'\n', skipped).count();
                self.line_start += last + 1;
            }
        } else {
            let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
            self.line -= memchr::memchr_iter(b'\n', &bytes[start..self.line_start]).count();
            self.line_start = start;
        }
    }

    /// 1-based line and 1-based character column of byte `offset`, as [`LineIndex::position`].
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        self.seek(offset);
        let column = self.text[self.line_start..offset].chars().count() + 1;
        (self.line + 1, column)
    }

    /// Byte range of the line holding byte `offset`, without its line ending, as
    /// [`LineIndex::line_range`].
    pub fn line_range(&mut self, offset: usize) -> std::ops::Range<usize> {
        self.seek(offset);
        let bytes = self.text.as_bytes();
        let start = self.line_start;
        let mut end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "ab\n“cd” e\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        let e = text.find('e').unwrap();
        assert_eq!(index.position(text, e), (2, 6));
        let last = text.find("last").unwrap();
        assert_eq!(index.position(text, last), (3, 1));
        assert_eq!(&text[index.line_range(text, 1)], "“cd” e");
        assert_eq!(&text[index.line_range(text, 2)], "last");
    }

    #[test]
    fn the_cursor_agrees_with_the_index_in_any_order() {
        let text = "ab\n“cd” e\r\n\nlast line\nx";
        let index = LineIndex::new(text);
        let mut cursor = LineCursor::new(text);
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        // Forward, then backward, then jumping about.
        let jumps = [0, 9, 2, 15, 14, 3, text.len(), 1];
        let order = offsets
            .iter()
            .copied()
            .chain(offsets.iter().rev().copied())
            .chain(jumps.iter().copied().filter(|&o| text.is_char_boundary(o)));
        for offset in order {
            assert_eq!(
                cursor.position(offset),
                index.position(text, offset),
                "{offset}"
            );
            let line = index.line_of(offset);
            assert_eq!(
                cursor.line_range(offset),
                index.line_range(text, line),
                "{offset}"
            );
        }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "😀“x";
        let index = LineIndex::new(text);
        assert_eq!(index.utf16_position(text, text.find('x').unwrap()), (0, 3));
    }
}
