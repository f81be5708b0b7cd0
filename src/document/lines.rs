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
    fn utf16_columns_count_surrogate_pairs() {
        let text = "😀“x";
        let index = LineIndex::new(text);
        assert_eq!(index.utf16_position(text, text.find('x').unwrap()), (0, 3));
    }
}
