//! `tidings explain RULE` and `tidings rules`.

use super::Status;
use crate::error::{Error, Result};
use crate::rules::{self, RuleMeta};
use std::fmt::Write as _;
use std::io::Write;

/// The text `tidings explain` prints for one rule.
pub fn explanation(meta: &RuleMeta) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", meta.id, meta.summary);
    let _ = writeln!(out, "{}\n", meta.explanation);
    let _ = writeln!(out, "Fix safety: {}\n", meta.safety);
    let _ = writeln!(out, "Examples:");
    for example in meta.examples {
        if example.before == example.after {
            let _ = writeln!(out, "  unchanged: {}", example.before);
        } else {
            let _ = writeln!(out, "  before:    {}", example.before);
            let _ = writeln!(out, "  after:     {}", example.after);
        }
    }
    out
}

/// Runs `tidings explain`.
pub fn explain(selector: &str) -> Result<Status> {
    let matching: Vec<&RuleMeta> = rules::all().filter(|meta| meta.matches(selector)).collect();
    if matching.is_empty() {
        return Err(Error::UnknownRule(selector.to_owned()));
    }
    let texts: Vec<String> = matching.iter().map(|meta| explanation(meta)).collect();
    std::io::stdout()
        .lock()
        .write_all(texts.join("\n").as_bytes())
        .map_err(Error::Output)?;
    Ok(Status::Clean)
}

/// Runs `tidings rules`.
pub fn list() -> Result<Status> {
    let mut out = std::io::stdout().lock();
    let width = rules::all().map(|meta| meta.id.len()).max().unwrap_or(0);
    for meta in rules::all() {
        writeln!(out, "{:width$}  {}", meta.id, meta.summary).map_err(Error::Output)?;
    }
    Ok(Status::Clean)
}
