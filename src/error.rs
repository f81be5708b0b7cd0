//! The one error type of tidings.
//!
//! Every error names what it was working on (a file, a config key, a rule id) and what was
//! expected, so that a user reading a CI log can act on it without a debugger. The command line
//! maps every error to exit code 2.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong in tidings, with the context a user needs to fix it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or stdin could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file (or `-` for stdin).
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A file is not valid UTF-8; tidings never guesses an encoding.
    #[error(
        "{path}: not valid UTF-8 at byte {offset} (tidings reads UTF-8 only; the file was not changed)"
    )]
    InvalidUtf8 {
        /// The file (or `-` for stdin).
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: u64,
    },
    /// A file contains NUL bytes: it is not text.
    #[error("{path}: binary file (contains NUL bytes); not checked")]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// A file could not be written (in place or to a temporary file beside it).
    #[error("{path}: cannot write: {source} (the file was not changed)")]
    Write {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// `fix` was asked to rewrite a file the user marked read-only.
    #[error("{path}: file is read-only; not changed (make it writable or use `tidings diff`)")]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// A path on the command line does not exist.
    #[error("{path}: no such file or directory")]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// A path is of the wrong kind for the command (a directory given to `fix -`, ...).
    #[error("{path}: {message}")]
    BadPath {
        /// The path as given.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A configuration file is malformed or has an unknown key.
    #[error("{path}:{line}:{column}: {message}")]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A dictionary file has a malformed line.
    #[error("{path}:{line}: {message}")]
    Dictionary {
        /// The dictionary file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A compiled gazetteer index cannot be used (corrupt, of another format, too large).
    #[error("{path}: {message}")]
    Index {
        /// The index file, or the dictionary being compiled.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// A rule selector names no rule or family.
    #[error("unknown rule or family `{0}` (run `tidings rules` to list them)")]
    UnknownRule(String),
    /// A gold file or other evaluation input is malformed.
    #[error("{path}:{line}: {message}")]
    Gold {
        /// The gold file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// Writing to standard output or standard error failed.
    #[error("cannot write output: {0}")]
    Output(#[source] io::Error),
    /// The language server's connection with the editor failed.
    #[error("language server: {0}")]
    Protocol(String),
    /// Bad command-line usage that clap could not catch.
    #[error("{0}")]
    Usage(String),
}

/// Result type used throughout tidings.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// True when the error only means the reader of our output went away (e.g. `| head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}
