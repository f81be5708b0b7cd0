//! Files in and out: walking directories, reading UTF-8 text in chunks, atomic in-place writes.

mod read;
mod walk;
mod write;

pub use read::{CHUNK_SIZE, Chunk, ChunkReader, InputKind, is_binary, read_text};
pub use walk::{FileFilter, Target, collect_targets};
pub use write::{AtomicFile, ensure_writable, write_atomic};
