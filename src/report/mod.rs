//! Reports: one file per output format, all fed the same located findings.
//!
//! The engine produces [`crate::fixes::Finding`]s with byte spans; [`locate`] adds what readers
//! need (line, column, the source line) while the text is still in memory, and a [`Reporter`]
//! prints them. Every format streams: a file's findings are printed as soon as the file is done.

mod concise;
pub mod diff;
mod full;
mod github;
pub mod html;
mod json;
mod sarif;

use crate::document::LineCursor;
use crate::fixes::{Applicability, Finding};
use crate::rules::RuleMeta;
use std::io::{self, Write};
use std::ops::Range;

/// Output formats of `tidings check` (one enum, like ruff's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// One block per finding with the source line, the span underlined and the fix.
    #[default]
    Full,
    /// One line per finding: `path:line:col: rule [applicability] message`.
    Concise,
    /// One JSON document: `{"version":1,"files":[…]}`.
    Json,
    /// One JSON object per file and line: `{"path":…,"findings":[…]}`.
    Jsonl,
    /// GitHub Actions workflow commands (`::warning file=…,line=…,col=…::…`).
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// Output formats of `tidings diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiffFormat {
    /// A unified diff of whole lines (coloured on a terminal).
    #[default]
    Unified,
    /// Changed words marked inside lines: `[-old-]{+new+}`.
    Word,
    /// A self-contained HTML page: every fix inline with a checkbox, reasons on hover, export.
    Html,
}

/// A finding with the position and context a reader needs.
#[derive(Debug, Clone)]
pub struct LocatedFinding {
    /// The finding, with its span relative to the chunk it was found in.
    pub finding: Finding,
    /// Absolute byte offset of the start of the span in the file.
    pub start: u64,
    /// Absolute byte offset of the end of the span in the file.
    pub end: u64,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based character column of the start.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based character column of the end (exclusive).
    pub end_column: usize,
    /// The text the span covers.
    pub original: String,
    /// The whole source line(s) the span is on, without the final line ending.
    pub context: String,
    /// The span within `context`.
    pub context_span: Range<usize>,
}

impl LocatedFinding {
    /// The rule id.
    pub fn rule_id(&self) -> &'static str {
        self.finding.rule.id
    }
}

/// Adds positions and context to `finding`, found in `text` which starts at byte `offset` and
/// line `first_line` (0-based) of its file. `lines` is a cursor over `text`, cheapest when the
/// findings come in order.
pub fn locate(
    finding: Finding,
    text: &str,
    lines: &mut LineCursor<'_>,
    offset: u64,
    first_line: usize,
) -> LocatedFinding {
    let span = finding.span.clone();
    let (line, column) = lines.position(span.start);
    let first = lines.line_range(span.start);
    let (end_line, end_column) = lines.position(span.end);
    let last = lines.line_range(span.end);
    let context = text[first.start..last.end.max(span.end)].to_owned();
    LocatedFinding {
        start: offset + span.start as u64,
        end: offset + span.end as u64,
        line: first_line + line,
        column,
        end_line: first_line + end_line,
        end_column,
        original: text[span.clone()].to_owned(),
        context_span: span.start - first.start..span.end - first.start,
        context,
        finding,
    }
}

/// The findings of one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user will recognise it (`-` for stdin, or `--stdin-filename`).
    pub path: String,
    /// Findings in file order.
    pub findings: Vec<LocatedFinding>,
}

/// Totals for the end of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Findings whose fix `fix` applies.
    pub safe: usize,
    /// Findings whose fix `fix --all` applies.
    pub suggest: usize,
    /// Findings without a fix.
    pub flag: usize,
}

impl Summary {
    /// Adds a file's findings to the totals.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        if !report.findings.is_empty() {
            self.files_with_findings += 1;
        }
        for f in &report.findings {
            match f.finding.applicability {
                Applicability::Safe => self.safe += 1,
                Applicability::Suggest => self.suggest += 1,
                Applicability::Flag => self.flag += 1,
            }
        }
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.safe + self.suggest + self.flag
    }
}

/// Settings every reporter may use.
#[derive(Clone, Copy)]
pub struct ReportOptions<'a> {
    /// Use ANSI colours.
    pub color: bool,
    /// The enabled rules (SARIF lists them).
    pub rules: &'a [&'static RuleMeta],
    /// Terminal width for the full format.
    pub width: usize,
}

/// Prints findings in one format.
pub trait Reporter {
    /// Called once before any file.
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// Called once per file, in a deterministic order (also for files without findings).
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;
    /// Called once at the end.
    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// The reporter for `format`.
pub fn reporter<'a>(format: OutputFormat, options: ReportOptions<'a>) -> Box<dyn Reporter + 'a> {
    match format {
        OutputFormat::Full => Box::new(full::Full::new(options)),
        OutputFormat::Concise => Box::new(concise::Concise::new(options)),
        OutputFormat::Json => Box::new(json::Json::default()),
        OutputFormat::Jsonl => Box::new(json::JsonLines),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Sarif => Box::new(sarif::Sarif::new(options)),
    }
}

/// The label shown for a finding's fix: `safe fix: `x``, `suggestion: `x``, or `review`.
pub fn fix_label(finding: &Finding) -> String {
    match (&finding.replacement, finding.applicability) {
        (Some(r), Applicability::Safe) => format!("safe fix: `{}`", visible(r)),
        (Some(r), _) => format!("suggestion: `{}`", visible(r)),
        (None, _) => "review this".to_owned(),
    }
}

/// Makes an empty replacement or whitespace-only text visible in messages.
pub fn visible(text: &str) -> String {
    if text.is_empty() {
        "(delete)".to_owned()
    } else {
        text.replace('\n', "\\n").replace('\t', "\\t")
    }
}

/// Paints `text` with `style` when colours are on.
pub(crate) fn paint(color: bool, style: anstyle::Style, text: &str) -> String {
    if color {
        format!("{}{}{}", style.render(), text, style.render_reset())
    } else {
        text.to_owned()
    }
}
