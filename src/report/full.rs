//! The default human format: one block per finding, the source line with the span underlined
//! and the proposed replacement (rendered by annotate-snippets, as rustc renders errors).

use super::{FileReport, ReportOptions, Reporter, Summary, fix_label, paint};
use crate::fixes::Applicability;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

/// The full reporter.
pub struct Full {
    renderer: Renderer,
    color: bool,
}

impl Full {
    /// A full reporter.
    pub fn new(options: ReportOptions<'_>) -> Self {
        let renderer = if options.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Full {
            renderer: renderer.term_width(options.width),
            color: options.color,
        }
    }
}

impl Reporter for Full {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for f in &report.findings {
            let level = match f.finding.applicability {
                Applicability::Flag => Level::NOTE,
                _ => Level::WARNING,
            };
            let reason = format!(
                "{} (confidence {:.2}, {})",
                if f.finding.reason.is_empty() {
                    f.finding.rule.summary
                } else {
                    &f.finding.reason
                },
                f.finding.confidence,
                f.finding.applicability.name()
            );
            let group = Group::with_title(
                level
                    .primary_title(f.finding.message.as_str())
                    .id(f.rule_id()),
            )
            .element(
                Snippet::source(f.context.as_str())
                    .line_start(f.line)
                    .path(report.path.as_str())
                    .annotation(
                        AnnotationKind::Primary
                            .span(f.context_span.clone())
                            .label(fix_label(&f.finding)),
                    ),
            )
            .element(Level::NOTE.no_name().message(format!("reason: {reason}")));
            writeln!(out, "{}\n", self.renderer.render(&[group]))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        write_summary(out, summary, self.color)
    }
}

/// The closing line of the human formats.
pub(super) fn write_summary(out: &mut dyn Write, summary: &Summary, color: bool) -> io::Result<()> {
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    if summary.total() == 0 {
        let ok = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
        return writeln!(
            out,
            "{} ({} {} checked)",
            paint(color, ok, "No issues found"),
            summary.files,
            files(summary.files)
        );
    }
    let bold = Style::new().bold();
    let found = format!(
        "Found {} {} in {} of {} {}",
        summary.total(),
        if summary.total() == 1 {
            "issue"
        } else {
            "issues"
        },
        summary.files_with_findings,
        summary.files,
        files(summary.files)
    );
    let mut parts = Vec::new();
    if summary.safe > 0 {
        parts.push(format!("{} fixable with `tidings fix`", summary.safe));
    }
    if summary.suggest > 0 {
        parts.push(format!("{} more with `tidings fix --all`", summary.suggest));
    }
    if summary.flag > 0 {
        parts.push(format!("{} to review", summary.flag));
    }
    writeln!(
        out,
        "{} ({}).",
        paint(color, bold, &found),
        parts.join(", ")
    )
}
