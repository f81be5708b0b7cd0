//! `--format github`: GitHub Actions workflow commands, which annotate the pull request diff.

use super::{FileReport, Reporter, visible};
use crate::fixes::Applicability;
use std::io::{self, Write};

/// The GitHub Actions reporter.
pub struct Github;

/// Escapes a workflow-command message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for f in &report.findings {
            let command = match f.finding.applicability {
                Applicability::Flag => "notice",
                _ => "warning",
            };
            let fix = match &f.finding.replacement {
                Some(r) => format!(" → `{}` ({})", visible(r), f.finding.applicability.name()),
                None => String::new(),
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&report.path),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(&format!("tidings ({})", f.rule_id())),
                escape_data(&format!("{}{}", f.finding.message, fix)),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
