//! `--format concise`: one line per finding, for grep and quick reading.

use super::{FileReport, ReportOptions, Reporter, Summary, paint, visible};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

/// The concise reporter.
pub struct Concise {
    color: bool,
}

impl Concise {
    /// A concise reporter.
    pub fn new(options: ReportOptions<'_>) -> Self {
        Concise {
            color: options.color,
        }
    }
}

impl Reporter for Concise {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for f in &report.findings {
            let location = format!("{}:{}:{}:", report.path, f.line, f.column);
            let rule = Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold();
            let fix = match &f.finding.replacement {
                Some(r) => format!(" → `{}`", visible(r)),
                None => String::new(),
            };
            writeln!(
                out,
                "{} {} [{}] {}{}",
                paint(self.color, Style::new().bold(), &location),
                paint(self.color, rule, f.rule_id()),
                f.finding.applicability.name(),
                f.finding.message,
                fix
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        super::full::write_summary(out, summary, self.color)
    }
}
