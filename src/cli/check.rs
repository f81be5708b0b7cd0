//! `tidings check`: report findings in any output format.

use super::args::CheckArgs;
use super::input;
use super::progress::Progress;
use super::settings::Settings;
use super::{Status, for_each_target};
use crate::document::{Document, Format, LineCursor};
use crate::error::{Error, Result};
use crate::files::Target;
use crate::linter::Linter;
use crate::report::{self, FileReport, LocatedFinding, ReportOptions, Summary};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Findings of `text` (a chunk starting at `offset`, line `line`), located for reporting.
pub fn lint_chunk(
    linter: &Linter,
    text: &str,
    format: Format,
    offset: u64,
    line: usize,
) -> Vec<LocatedFinding> {
    let doc = Document::new(text, format);
    let findings = linter.check(&doc);
    if findings.is_empty() {
        return Vec::new();
    }
    let mut lines = LineCursor::new(text);
    findings
        .into_iter()
        .map(|f| report::locate(f, text, &mut lines, offset, line))
        .collect()
}

/// Checks one target; `Ok(None)` when it was a binary file met while walking.
pub fn check_target(
    settings: &Settings,
    target: &Target,
    explicit: bool,
    progress: &Progress,
) -> Result<Option<FileReport>> {
    let Some(mut opened) = input::open(settings, target, explicit)? else {
        return Ok(None);
    };
    let mut findings = Vec::new();
    if opened.format == Format::Markdown {
        let text = opened.read_all()?;
        findings = lint_chunk(&settings.linter, &text, opened.format, 0, 0);
        progress.advance(text.len() as u64);
    } else {
        while let Some(chunk) = opened.reader.next_chunk()? {
            progress.advance(chunk.text.len() as u64);
            findings.extend(lint_chunk(
                &settings.linter,
                chunk.text,
                opened.format,
                chunk.offset,
                chunk.line,
            ));
        }
    }
    Ok(Some(FileReport {
        path: opened.name,
        findings,
    }))
}

/// Runs `tidings check`.
pub fn run(args: CheckArgs) -> Result<Status> {
    let settings = Settings::from_args(&args.common)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let (files, failed) = for_each_target(&settings, &paths, |target, explicit, progress| {
        check_target(&settings, target, explicit, progress)
    });
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(140);
    let options = ReportOptions {
        color: settings.color,
        rules: settings.linter.rules(),
        width,
    };
    let mut reporter = report::reporter(args.format, options);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut summary = Summary::default();
    reporter.start(&mut out).map_err(Error::Output)?;
    for (_, file) in &files {
        summary.add(file);
        reporter.file(&mut out, file).map_err(Error::Output)?;
    }
    reporter.finish(&mut out, &summary).map_err(Error::Output)?;
    out.flush().map_err(Error::Output)?;
    Ok(if failed {
        Status::Error
    } else if summary.total() > 0 {
        Status::Findings
    } else {
        Status::Clean
    })
}
