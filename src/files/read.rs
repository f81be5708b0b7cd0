//! Reading input as UTF-8 text, whole or in paragraph-aligned chunks.
//!
//! Large plain-text files are processed a chunk at a time (about 1 MiB, cut after a blank line
//! where possible, otherwise after a line break) so that memory stays flat on a 100 MB file.
//! Chunks are cut after a `\n`, which never splits a UTF-8 sequence, so every chunk is checked
//! for validity on its own and an error reports the absolute byte offset.

use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Target chunk size for streaming.
pub const CHUNK_SIZE: usize = 1 << 20;
/// How many leading bytes are inspected for NUL bytes to detect binary files.
const BINARY_PROBE: usize = 8 << 10;

/// What kind of thing an input turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// UTF-8 text.
    Text,
    /// Contains NUL bytes: not text.
    Binary,
}

/// True when the first bytes of a file contain a NUL byte (as git and ripgrep decide).
pub fn is_binary(head: &[u8]) -> bool {
    memchr::memchr(0, &head[..head.len().min(BINARY_PROBE)]).is_some()
}

/// Appends what `reader` yields to `buffer` (`read_to_end` retries interrupted reads); on an
/// error the bytes appended so far are dropped, so the buffer is as it was, and the error
/// names `path`.
fn read_appending(mut reader: impl Read, buffer: &mut Vec<u8>, path: &Path) -> Result<usize> {
    let start = buffer.len();
    reader.read_to_end(buffer).map_err(|source| {
        buffer.truncate(start);
        Error::Read {
            path: path.to_owned(),
            source,
        }
    })
}

fn utf8_error(path: &Path, base: u64, error: std::str::Utf8Error) -> Error {
    Error::InvalidUtf8 {
        path: path.to_owned(),
        offset: base + error.valid_up_to() as u64,
    }
}

/// Reads a whole file (or stdin for `-`) as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                path: path.to_owned(),
                source,
            })?;
        bytes
    } else {
        std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?
    };
    String::from_utf8(bytes).map_err(|e| utf8_error(path, 0, e.utf8_error()))
}

/// Streams a reader as UTF-8 text chunks that end on line (preferably paragraph) boundaries.
pub struct ChunkReader<R> {
    reader: R,
    path: PathBuf,
    buffer: Vec<u8>,
    /// Bytes of `buffer` handed out by the previous call, to drop before reading on.
    consumed: usize,
    /// Absolute offset of `buffer[0]`.
    base: u64,
    /// Newlines before `buffer[0]`.
    lines: usize,
    eof: bool,
    chunk_size: usize,
}

/// One chunk of a stream.
#[derive(Debug)]
pub struct Chunk<'a> {
    /// Absolute byte offset of the chunk in the input.
    pub offset: u64,
    /// Number of lines before the chunk (0-based line of its first byte).
    pub line: usize,
    /// The text.
    pub text: &'a str,
}

impl<R: Read> ChunkReader<R> {
    /// Wraps `reader`; `path` names it in errors.
    pub fn new(reader: R, path: &Path) -> Self {
        Self::with_chunk_size(reader, path, CHUNK_SIZE)
    }

    /// Like [`ChunkReader::new`] with a chosen chunk size (tests use small ones).
    pub fn with_chunk_size(reader: R, path: &Path, chunk_size: usize) -> Self {
        ChunkReader {
            reader,
            path: path.to_owned(),
            // Grown as input arrives: most files are far smaller than a chunk, and a megabyte
            // reserved per file is a cost paid ten thousand times over on a directory.
            buffer: Vec::new(),
            consumed: 0,
            base: 0,
            lines: 0,
            eof: false,
            chunk_size: chunk_size.max(1),
        }
    }

    /// Reads until the buffer holds `want` bytes or the input ends. The bytes are read straight
    /// into the buffer's spare capacity (no zeroing of a megabyte before each read).
    fn fill(&mut self, want: usize) -> Result<()> {
        while !self.eof && self.buffer.len() < want {
            let start = self.buffer.len();
            let grow = (want - start).max(64 << 10);
            self.buffer.reserve(grow);
            // `read_to_end` retries interrupted reads and stops at the limit or the end.
            let read = read_appending(
                (&mut self.reader).take(grow as u64),
                &mut self.buffer,
                &self.path,
            )?;
            if read < grow {
                self.eof = true;
            }
        }
        Ok(())
    }

    /// Peeks at the first bytes to decide whether the input is text.
    pub fn kind(&mut self) -> Result<InputKind> {
        self.fill(BINARY_PROBE)?;
        Ok(if self.base == 0 && is_binary(&self.buffer) {
            InputKind::Binary
        } else {
            InputKind::Text
        })
    }

    /// The rest of the input as one string (for callers that need a file whole, such as
    /// Markdown). What is buffered already is handed over, not copied, and the rest is read in
    /// one go, so a small file costs one buffer and one UTF-8 check. An error reports the
    /// absolute offset of the first invalid byte, as [`ChunkReader::next_chunk`] would.
    pub fn read_rest(&mut self) -> Result<String> {
        self.drop_consumed();
        if !self.eof {
            read_appending(&mut self.reader, &mut self.buffer, &self.path)?;
            self.eof = true;
        }
        let bytes = std::mem::take(&mut self.buffer);
        String::from_utf8(bytes).map_err(|e| utf8_error(&self.path, self.base, e.utf8_error()))
    }

    /// Forgets the bytes handed out by the previous call, counting their lines.
    fn drop_consumed(&mut self) {
        if self.consumed > 0 {
            let dropped = &self.buffer[..self.consumed];
            self.lines += memchr::memchr_iter(b'\n', dropped).count();
            self.base += self.consumed as u64;
            self.buffer.drain(..self.consumed);
            self.consumed = 0;
        }
    }

    /// The next chunk, or `None` at the end of input.
    pub fn next_chunk(&mut self) -> Result<Option<Chunk<'_>>> {
        self.drop_consumed();
        self.fill(self.chunk_size)?;
        if self.buffer.is_empty() {
            return Ok(None);
        }
        let mut cut = if self.eof && self.buffer.len() <= self.chunk_size {
            self.buffer.len()
        } else {
            self.cut_point()
        };
        // A single line longer than the chunk: keep reading until it ends.
        while cut == 0 {
            let want = self.buffer.len() * 2;
            self.fill(want)?;
            cut = if self.eof {
                self.buffer.len()
            } else {
                self.cut_point()
            };
        }
        let text = std::str::from_utf8(&self.buffer[..cut])
            .map_err(|e| utf8_error(&self.path, self.base, e))?;
        self.consumed = cut;
        Ok(Some(Chunk {
            offset: self.base,
            line: self.lines,
            text,
        }))
    }

    /// Where to cut the buffer: after the last blank line in its second half, else after the
    /// last line break, else 0 (no line break yet).
    fn cut_point(&self) -> usize {
        let window = &self.buffer[..self.buffer.len().min(self.chunk_size)];
        let half = window.len() / 2;
        if let Some(blank) = memchr::memmem::rfind(&window[half..], b"\n\n") {
            return half + blank + 2;
        }
        if let Some(blank) = memchr::memmem::rfind(&window[half..], b"\n\r\n") {
            return half + blank + 3;
        }
        if let Some(newline) = memchr::memrchr(b'\n', window) {
            return newline + 1;
        }
        memchr::memchr(b'\n', &self.buffer).map_or(0, |i| i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(input: &[u8], size: usize) -> Result<Vec<(u64, usize, String)>> {
        let mut reader = ChunkReader::with_chunk_size(input, Path::new("t.txt"), size);
        let mut out = Vec::new();
        while let Some(chunk) = reader.next_chunk()? {
            out.push((chunk.offset, chunk.line, chunk.text.to_owned()));
        }
        Ok(out)
    }

    #[test]
    fn chunks_reassemble_exactly() {
        let input = "para one line\nline two\n\npara two é\r\n\r\nthree\nno newline at end";
        for size in [1, 5, 16, 40, 1000] {
            let pieces = chunks(input.as_bytes(), size).unwrap();
            let joined: String = pieces.iter().map(|p| p.2.as_str()).collect();
            assert_eq!(joined, input, "size {size}");
            for (offset, line, text) in &pieces {
                assert_eq!(
                    &input[*offset as usize..*offset as usize + text.len()],
                    text
                );
                assert_eq!(*line, input[..*offset as usize].matches('\n').count());
            }
        }
    }

    #[test]
    fn invalid_utf8_reports_absolute_offset() {
        let mut input = b"good line\nanother good line\n".to_vec();
        input.extend_from_slice(b"bad \xff byte\n");
        let err = chunks(&input, 12).unwrap_err();
        match err {
            Error::InvalidUtf8 { offset, .. } => assert_eq!(offset, 32),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn read_rest_equals_the_chunks_joined() {
        let input = "para one line\nline two\n\npara two é\r\n\r\nthree\nno newline at end";
        for size in [1, 5, 16, 40, 1000] {
            let mut reader = ChunkReader::with_chunk_size(input.as_bytes(), Path::new("t"), size);
            assert_eq!(reader.kind().unwrap(), InputKind::Text);
            assert_eq!(reader.read_rest().unwrap(), input, "size {size}");
            // After a chunk, the rest is what follows it.
            let mut reader = ChunkReader::with_chunk_size(input.as_bytes(), Path::new("t"), size);
            let first = reader.next_chunk().unwrap().unwrap().text.len();
            assert_eq!(reader.read_rest().unwrap(), &input[first..], "size {size}");
        }
        let mut input = b"good line\nanother good line\n".to_vec();
        input.extend_from_slice(b"bad \xff byte\n");
        let mut reader = ChunkReader::with_chunk_size(&input[..], Path::new("t"), 12);
        match reader.read_rest().unwrap_err() {
            Error::InvalidUtf8 { offset, .. } => assert_eq!(offset, 32),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn empty_input_has_no_chunks() {
        assert!(chunks(b"", 10).unwrap().is_empty());
    }

    #[test]
    fn binary_detection() {
        let mut reader = ChunkReader::new(&b"abc\0def"[..], Path::new("x"));
        assert_eq!(reader.kind().unwrap(), InputKind::Binary);
        let mut reader = ChunkReader::new(&b"abc def"[..], Path::new("x"));
        assert_eq!(reader.kind().unwrap(), InputKind::Text);
    }
}
