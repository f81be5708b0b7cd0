//! `--format json` and `--format jsonl`: the machine-readable schema documented in the README.
//!
//! ```json
//! {"version":1,"files":[{"path":"a.md","findings":[{"rule":"spacing/hyphen-space",
//!   "start":120,"end":127,"line":4,"column":17,"end_line":4,"end_column":25,
//!   "original":"two -day","replacement":"two-day","confidence":0.99,
//!   "applicability":"safe","message":"…","reason":"…"}]}]}
//! ```
//! Only files with findings are listed. `replacement` is absent for `flag` findings.

use super::{FileReport, LocatedFinding, Reporter};
use crate::fixes::Applicability;
use serde::Serialize;
use std::io::{self, Write};

/// Schema version written in every JSON document.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    start: u64,
    end: u64,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    original: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<&'a str>,
    confidence: f32,
    applicability: Applicability,
    message: &'a str,
    reason: &'a str,
}

impl<'a> From<&'a LocatedFinding> for JsonFinding<'a> {
    fn from(f: &'a LocatedFinding) -> Self {
        JsonFinding {
            rule: f.rule_id(),
            start: f.start,
            end: f.end,
            line: f.line,
            column: f.column,
            end_line: f.end_line,
            end_column: f.end_column,
            original: &f.original,
            replacement: f.finding.replacement.as_deref(),
            confidence: (f.finding.confidence * 1000.0).round() / 1000.0,
            applicability: f.finding.applicability,
            message: &f.finding.message,
            reason: &f.finding.reason,
        }
    }
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    findings: Vec<JsonFinding<'a>>,
}

fn file_object(report: &FileReport) -> JsonFile<'_> {
    JsonFile {
        path: &report.path,
        findings: report.findings.iter().map(JsonFinding::from).collect(),
    }
}

/// `--format json`: streams one document.
#[derive(Default)]
pub struct Json {
    files_written: usize,
}

impl Reporter for Json {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\"version\":{SCHEMA_VERSION},\"files\":[")
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if report.findings.is_empty() {
            return Ok(());
        }
        if self.files_written > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &file_object(report))?;
        self.files_written += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &super::Summary) -> io::Result<()> {
        writeln!(out, "]}}")
    }
}

/// `--format jsonl`: one file object per line.
pub struct JsonLines;

impl Reporter for JsonLines {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if report.findings.is_empty() {
            return Ok(());
        }
        serde_json::to_writer(&mut *out, &file_object(report))?;
        out.write_all(b"\n")
    }
}
