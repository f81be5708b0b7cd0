//! tidings: finds and repairs the damage machine translation leaves in English news.
//!
//! Data flows through one module per stage:
//! [`files`] (walk, read, write) → [`document`] (formats and protected regions) →
//! [`rules`] (one file per family) → [`fixes`] (merge, apply) → [`report`] (one file per
//! output format). [`linter::Linter`] ties the middle together and is what the command line
//! ([`cli`]) and other front-ends call.

#![warn(missing_docs)]

pub mod cli;
pub mod config;
pub mod document;
pub mod error;
pub mod eval;
pub mod files;
pub mod fixes;
pub mod gazetteer;
pub mod linter;
pub mod lsp;
pub mod report;
pub mod rules;
pub mod scan;

pub use document::{Document, Format};
pub use error::{Error, Result};
pub use fixes::{Applicability, Finding, FixLevel};
pub use linter::Linter;
