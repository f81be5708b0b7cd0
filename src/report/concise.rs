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
            let message = f.finding.message.as_str();
            // Most messages end with the replacement (`…: `two-day``); the line shows it once,
            // after what it replaces.
            let (message, fix) = match &f.finding.replacement {
                Some(r) => (
                    message.strip_suffix(&format!(": `{r}`")).unwrap_or(message),
                    match (f.original.is_empty(), r.is_empty()) {
                        (true, _) => format!(": insert `{}`", visible(r)),
                        (false, true) => format!(": delete `{}`", visible(&f.original)),
                        (false, false) => {
                            format!(": `{}` → `{}`", visible(&f.original), visible(r))
                        }
                    },
                ),
                None => (message, String::new()),
            };
            writeln!(
                out,
                "{} {} [{}] {}{}",
                paint(self.color, Style::new().bold(), &location),
                paint(self.color, rule, f.rule_id()),
                f.finding.applicability.name(),
                message,
                fix
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        super::full::write_summary(out, summary, self.color)
    }
}
