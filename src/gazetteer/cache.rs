//! User dictionaries compiled once and kept on disk.
//!
//! A dictionary given with `--dictionary` (TSV or TOML) is compiled on first use and the
//! index written to the cache directory; later runs map that file and read it in place, so a
//! dictionary of a million names is ready in milliseconds instead of being parsed and compiled
//! at every start. A compiled index (`tidings gazetteer compile`) may also be given directly:
//! it is recognised by its magic bytes.
//!
//! - **Where**: `$TIDINGS_CACHE_DIR`, else `$XDG_CACHE_HOME/tidings`, else
//!   `$HOME/.cache/tidings` (on Windows `%LOCALAPPDATA%\tidings`); no cache when none is set.
//! - **Key**: the file is `<path hash>-<key>.tidx`, the key an XXH3-128 hash of the
//!   dictionary's bytes and of this build's [`FINGERPRINT`] (the index format, the compiler's
//!   sources and the embedded default), so that an edited dictionary or another version of
//!   tidings never meets a stale index. When a dictionary is compiled anew, the older indexes
//!   of the same path are removed.
//! - **Trust**: a cached file is used only if its checksum matches its contents and it names
//!   the dictionary's key as its source; anything else (corrupt, truncated, foreign) is
//!   compiled again and replaced. Files are written to a temporary file and renamed, so a
//!   reader never sees half of one.
//! - **Failure**: a cache that cannot be written (read-only, full) only costs the compile at
//!   the next start; the dictionary is still used.

use super::compile::{self, Layering, MAGIC_PREFIX};
use super::index::{Index, IndexBytes};
use super::user;
use crate::error::{Error, Result};
use crate::files::write_atomic;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What a cached index depends on besides the dictionary's bytes: the index format, the
/// sources of the compiler and dictionary reader, and the embedded default (computed by the
/// build script).
pub const FINGERPRINT: &str = env!("TIDINGS_INDEX_FINGERPRINT");

/// The environment variable that overrides the cache directory.
pub const CACHE_DIR_VARIABLE: &str = "TIDINGS_CACHE_DIR";

/// Extension of cached indexes.
const CACHE_EXTENSION: &str = "tidx";

/// The directory cached indexes go to (see the module documentation), if any.
pub fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var(CACHE_DIR_VARIABLE) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(dir).join("tidings"));
    }
    if cfg!(windows) {
        return var("LOCALAPPDATA").map(|dir| PathBuf::from(dir).join("tidings"));
    }
    var("HOME").map(|home| PathBuf::from(home).join(".cache").join("tidings"))
}

/// The cache key of a dictionary's bytes: XXH3-128 of the [`FINGERPRINT`] and the bytes.
pub fn source_key(bytes: &[u8]) -> [u8; 16] {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(FINGERPRINT.as_bytes());
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
    hasher.digest128().to_le_bytes()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The prefix of the cache files of dictionary `path`: a hash of its absolute path.
fn path_prefix(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let hash = xxhash_rust::xxh3::xxh3_64(absolute.as_os_str().as_encoded_bytes());
    format!("{hash:016x}-")
}

/// An index problem of file `path`, as the crate's error.
fn index_error(path: &Path, message: String) -> Error {
    Error::Index {
        path: path.to_owned(),
        message,
    }
}

/// Maps a file into memory.
fn map_file(path: &Path) -> Result<memmap2::Mmap> {
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    // SAFETY: the map is read-only and lives inside the index. tidings writes index files
    // only by renaming a complete temporary file over them, never in place; a file that
    // another program truncates or rewrites while it is mapped is outside what this can
    // guard against (as for every tool that maps its inputs).
    unsafe { memmap2::Mmap::map(&file) }.map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })
}

/// True when the file starts with the magic of a compiled gazetteer index.
fn is_compiled_index(path: &Path) -> Result<bool> {
    let mut start = [0u8; MAGIC_PREFIX.len()];
    let mut file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    match file.read_exact(&mut start) {
        Ok(()) => Ok(&start == MAGIC_PREFIX),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
        Err(source) => Err(Error::Read {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Opens a compiled index file: mapped, its checksum verified.
pub fn open_index_file(path: &Path) -> Result<Index> {
    Index::open_verified(IndexBytes::Mapped(map_file(path)?)).map_err(|e| index_error(path, e.0))
}

/// The index of a dictionary file: a compiled index is opened directly; a TSV or TOML
/// dictionary comes from the cache, or is compiled over `base` (the embedded default, whose
/// entities it may replace) and cached.
pub fn load(path: &Path, base: &Index) -> Result<Index> {
    load_cached_in(path, base, cache_dir().as_deref())
}

/// [`load`] with the cache in `dir` (none: compile every time).
pub fn load_cached_in(path: &Path, base: &Index, dir: Option<&Path>) -> Result<Index> {
    if is_compiled_index(path)? {
        return open_index_file(path);
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let key = source_key(&bytes);
    let cached = dir.map(|dir| cache_file(dir, path, &key));
    if let Some(index) = cached.as_deref().and_then(|file| open_cached(file, &key)) {
        return Ok(index);
    }
    let compiled = compile_bytes(bytes, path, key, base)?;
    if let (Some(dir), Some(file)) = (dir, cached) {
        // A cache that cannot be written only costs the compile at the next start.
        if std::fs::create_dir_all(dir).is_ok() && write_atomic(&file, &compiled).is_ok() {
            remove_older(dir, path, &file);
        }
    }
    Index::open(IndexBytes::Owned(compiled)).map_err(|e| index_error(path, e.0))
}

/// The cache file of dictionary `path` with key `key` in `dir`.
pub fn cache_file(dir: &Path, path: &Path, key: &[u8; 16]) -> PathBuf {
    dir.join(format!(
        "{}{}.{CACHE_EXTENSION}",
        path_prefix(path),
        hex(key)
    ))
}

/// A cached index, if it is sound and compiled from the dictionary with key `key`.
fn open_cached(file: &Path, key: &[u8; 16]) -> Option<Index> {
    let index = open_index_file(file).ok()?;
    (index.layering()?.source == *key).then_some(index)
}

/// Compiles a TSV or TOML dictionary file into index bytes over `base` (the embedded
/// default): what `tidings gazetteer compile` writes and `--dictionary` reads as it is.
pub fn compile_file(path: &Path, base: &Index) -> Result<Vec<u8>> {
    if is_compiled_index(path)? {
        return Err(index_error(
            path,
            "already a compiled gazetteer index".to_owned(),
        ));
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let key = source_key(&bytes);
    compile_bytes(bytes, path, key, base)
}

/// Compiles dictionary bytes (read from `path`, whose extension picks the format) into index
/// bytes, recording `key` as its source and which entities of `base` it replaces.
fn compile_bytes(bytes: Vec<u8>, path: &Path, key: [u8; 16], base: &Index) -> Result<Vec<u8>> {
    let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to() as u64,
    })?;
    let entries = user::parse(&text, path)?;
    drop(text);
    let mut found = Vec::new();
    let mut named_below = |key: &str, out: &mut Vec<u32>| {
        found.clear();
        base.exact(key, &mut found);
        out.extend(
            found
                .iter()
                .filter(|p| compile::is_naming_role(p.role))
                .map(|p| p.entity),
        );
    };
    let layering = Layering {
        source: key,
        base: base.checksum(),
        named_below: &mut named_below,
    };
    user::compile_entries(&entries, Some(layering)).map_err(|message| index_error(path, message))
}

/// Removes the cached indexes of dictionary `path` other than `keep` (older versions of it).
fn remove_older(dir: &Path, path: &Path, keep: &Path) {
    let prefix = path_prefix(path);
    let Ok(files) = std::fs::read_dir(dir) else {
        return;
    };
    for file in files.flatten() {
        let name = file.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(CACHE_EXTENSION) && file.path() != keep {
            // Another process may be using it: on Unix its map stays valid; elsewhere the
            // removal fails and is tried again next time.
            let _ = std::fs::remove_file(file.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::embedded;

    const HOUSE: &str = "name\tkind\tvariants\tstyle\nVolodymyr Zelenskyy\tperson\tSelenskyj\tZelensky\nQuuxville\tcity\t\t\n";
    const OTHER: &str = "name\tkind\nFrobnitz Holdings\tcompany\n";

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("writes");
        path
    }

    fn cached_files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|f| f.extension().is_some_and(|e| e == CACHE_EXTENSION));
        files.sort();
        files
    }

    fn names(index: &Index, key: &str) -> Vec<String> {
        let mut postings = Vec::new();
        index.exact(key, &mut postings);
        postings
            .iter()
            .filter_map(|p| index.entity(p.entity))
            .map(|e| e.name.to_owned())
            .collect()
    }

    #[test]
    fn compiled_on_first_use_then_read_from_the_cache() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = dir.path().join("cache");
        let path = write(dir.path(), "house.tsv", HOUSE);
        let first = load_cached_in(&path, &embedded(), Some(&cache)).expect("loads");
        assert_eq!(names(&first, "selenskyj"), ["Volodymyr Zelenskyy"]);
        let files = cached_files(&cache);
        assert_eq!(files.len(), 1, "{files:?}");
        assert_eq!(std::fs::read(&files[0]).expect("reads"), first.bytes());
        // The next load reads that file: put another (sound) index under its name, compiled
        // for this dictionary's key, and that is what comes back.
        let key = source_key(HOUSE.as_bytes());
        let planted =
            compile_bytes(OTHER.as_bytes().to_vec(), &path, key, &embedded()).expect("compiles");
        std::fs::write(&files[0], &planted).expect("writes");
        let second = load_cached_in(&path, &embedded(), Some(&cache)).expect("loads");
        assert_eq!(second.bytes(), &planted[..]);
        assert_eq!(names(&second, "frobnitz holdings"), ["Frobnitz Holdings"]);
    }

    #[test]
    fn a_corrupt_or_foreign_cache_file_is_compiled_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = dir.path().join("cache");
        let path = write(dir.path(), "house.tsv", HOUSE);
        let good = load_cached_in(&path, &embedded(), Some(&cache))
            .expect("loads")
            .bytes()
            .to_vec();
        let file = cache_file(&cache, &path, &source_key(HOUSE.as_bytes()));
        let mut corrupt = good.clone();
        let middle = corrupt.len() / 2;
        corrupt[middle] ^= 0x40;
        // Another dictionary's sound index (its own key) is foreign here.
        let other = write(dir.path(), "other.tsv", OTHER);
        let foreign = load_cached_in(&other, &embedded(), None)
            .expect("loads")
            .bytes()
            .to_vec();
        let truncated = good[..good.len() / 3].to_vec();
        for (what, bytes) in [
            ("corrupt", corrupt),
            ("foreign", foreign),
            ("truncated", truncated),
            ("not an index", b"hello".to_vec()),
        ] {
            std::fs::write(&file, &bytes).expect("writes");
            let index = load_cached_in(&path, &embedded(), Some(&cache)).expect("loads");
            assert_eq!(index.bytes(), &good[..], "{what}: not compiled again");
            assert_eq!(
                std::fs::read(&file).expect("reads"),
                good,
                "{what}: not replaced"
            );
        }
    }

    #[test]
    fn an_edited_dictionary_replaces_its_cache_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = dir.path().join("cache");
        let path = write(dir.path(), "house.tsv", HOUSE);
        let other = write(dir.path(), "other.tsv", OTHER);
        load_cached_in(&path, &embedded(), Some(&cache)).expect("loads");
        load_cached_in(&other, &embedded(), Some(&cache)).expect("loads");
        let before = cached_files(&cache);
        assert_eq!(before.len(), 2);
        write(
            dir.path(),
            "house.tsv",
            &format!("{HOUSE}Barville\tcity\t\t\n"),
        );
        let index = load_cached_in(&path, &embedded(), Some(&cache)).expect("loads");
        assert_eq!(names(&index, "barville"), ["Barville"]);
        let after = cached_files(&cache);
        assert_eq!(after.len(), 2, "{after:?}");
        // The other dictionary's file is kept; this one's old file is gone.
        let kept: Vec<_> = after.iter().filter(|f| before.contains(f)).collect();
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn a_cache_that_cannot_be_written_still_gives_the_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write(dir.path(), "house.tsv", HOUSE);
        // A file where the cache directory should be: it cannot be created.
        let blocked = write(dir.path(), "cache", "");
        let index = load_cached_in(&path, &embedded(), Some(&blocked)).expect("loads");
        assert_eq!(names(&index, "quuxville"), ["Quuxville"]);
    }

    #[test]
    fn compiled_index_files_are_recognised_and_checked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write(dir.path(), "house.tsv", HOUSE);
        let bytes = compile_file(&path, &embedded()).expect("compiles");
        let index_path = dir.path().join("house.idx");
        std::fs::write(&index_path, &bytes).expect("writes");
        let index = load_cached_in(&index_path, &embedded(), None).expect("opens");
        assert_eq!(index.bytes(), &bytes[..]);
        assert!(compile_file(&index_path, &embedded()).is_err());
        let mut corrupt = bytes.clone();
        let last = corrupt.len() - 1;
        corrupt[last] ^= 1;
        std::fs::write(&index_path, &corrupt).expect("writes");
        let error = load_cached_in(&index_path, &embedded(), None)
            .expect_err("a corrupt index is refused")
            .to_string();
        assert!(
            error.contains("house.idx") && error.contains("corrupt"),
            "{error}"
        );
        let mut older = bytes;
        older[6..8].copy_from_slice(b"02");
        std::fs::write(&index_path, &older).expect("writes");
        let error = load_cached_in(&index_path, &embedded(), None)
            .expect_err("another format is refused")
            .to_string();
        assert!(error.contains("another format"), "{error}");
    }
}
