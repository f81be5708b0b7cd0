//! Findings in the protocol's terms: diagnostics, code actions and hovers.

use super::text::LineMap;
use crate::fixes::{Applicability, Finding, FixLevel, select_fixes};
use crate::gazetteer::Gazetteer;
use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Hover, HoverContents,
    MarkupContent, MarkupKind, NumberOrString, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The code action kind of "apply all safe fixes", under `source.fixAll` so that editors'
/// fix-all-on-save settings pick it up.
pub const FIX_ALL_KIND: &str = "source.fixAll.tidings";

/// The severity a finding is shown with: a safe fix is a definite error in the text
/// (warning), a suggestion is information, a flag is a hint to look.
pub fn severity(applicability: Applicability) -> DiagnosticSeverity {
    match applicability {
        Applicability::Safe => DiagnosticSeverity::WARNING,
        Applicability::Suggest => DiagnosticSeverity::INFORMATION,
        Applicability::Flag => DiagnosticSeverity::HINT,
    }
}

/// A finding as a diagnostic: the rule id as its code, the message then the reason.
pub fn diagnostic(text: &str, lines: &LineMap, finding: &Finding) -> Diagnostic {
    let mut message = finding.message.clone();
    if !finding.reason.is_empty() {
        message.push('\n');
        message.push_str(&finding.reason);
    }
    Diagnostic {
        range: lines.range(text, &finding.span),
        severity: Some(severity(finding.applicability)),
        code: Some(NumberOrString::String(finding.rule.id.to_owned())),
        source: Some("tidings".to_owned()),
        message,
        data: Some(serde_json::json!({
            "applicability": finding.applicability.name(),
            "confidence": finding.confidence,
            "replacement": finding.replacement,
        })),
        ..Diagnostic::default()
    }
}

fn shown(text: &str) -> String {
    crate::report::visible(text)
}

/// The quick fix for one finding with a replacement.
pub fn quick_fix(uri: &Uri, text: &str, lines: &LineMap, finding: &Finding) -> Option<CodeAction> {
    let replacement = finding.replacement.as_ref()?;
    let original = &text[finding.span.clone()];
    let title = if replacement.is_empty() {
        format!("Delete `{}` ({})", shown(original), finding.rule.id)
    } else {
        format!(
            "Replace `{}` with `{}` ({}, {})",
            shown(original),
            shown(replacement),
            finding.rule.id,
            finding.applicability.name()
        )
    };
    let edit = TextEdit::new(lines.range(text, &finding.span), replacement.clone());
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(text, lines, finding)]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(finding.applicability == Applicability::Safe),
        ..CodeAction::default()
    })
}

/// "Apply all safe fixes in this file": one edit per safe fix that `tidings fix` would make
/// in a first pass (overlaps resolved the same way). `None` when there are none.
pub fn fix_all(uri: &Uri, text: &str, lines: &LineMap, findings: &[Finding]) -> Option<CodeAction> {
    let chosen = select_fixes(findings, FixLevel::Safe);
    if chosen.is_empty() {
        return None;
    }
    let edits: Vec<TextEdit> = chosen
        .iter()
        .filter_map(|f| {
            let replacement = f.replacement.clone()?;
            Some(TextEdit::new(lines.range(text, &f.span), replacement))
        })
        .collect();
    let count = edits.len();
    Some(CodeAction {
        title: format!(
            "Apply all {count} safe tidings fix{} in this file",
            if count == 1 { "" } else { "es" }
        ),
        kind: Some(CodeActionKind::from(FIX_ALL_KIND)),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    })
}

/// True when a client asking only for `only` kinds wants actions of `kind` (kinds are
/// hierarchical: `source.fixAll` covers `source.fixAll.tidings`).
pub fn kind_wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|wanted| {
            let wanted = wanted.as_str();
            kind == wanted
                || (kind.starts_with(wanted) && kind.as_bytes().get(wanted.len()) == Some(&b'.'))
        })
    })
}

/// The hover for the findings at a position: rule, applicability, confidence, message, the
/// evidence, and for names the gazetteer entries of the repaired name.
pub fn hover(
    text: &str,
    lines: &LineMap,
    findings: &[&Finding],
    gazetteer: &Gazetteer,
) -> Option<Hover> {
    let first = findings.first()?;
    let mut value = String::new();
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            value.push_str("\n\n---\n\n");
        }
        let _ = writeln!(
            value,
            "**{}** · {} · confidence {:.2}\n",
            f.rule.id,
            f.applicability.name(),
            f.confidence
        );
        let _ = writeln!(value, "{}\n", escape_markdown(&f.message));
        if !f.reason.is_empty() {
            let _ = writeln!(value, "Evidence: {}\n", escape_markdown(&f.reason));
        }
        if let Some(replacement) = &f.replacement {
            let _ = writeln!(
                value,
                "Fix: `{}` → `{}`\n",
                shown(&text[f.span.clone()]),
                shown(replacement)
            );
        }
        if f.rule.family() == "names" {
            let name = f.replacement.as_deref().unwrap_or(&text[f.span.clone()]);
            let entries = gazetteer.describe_name(name);
            if !entries.is_empty() {
                value.push_str("Gazetteer:\n");
                for entry in entries.iter().take(5) {
                    let _ = writeln!(value, "- {}", escape_markdown(entry));
                }
            }
        }
        let _ = write!(value, "\n_{}_", escape_markdown(f.rule.summary));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(lines.range(text, &first.span)),
    })
}

/// Escapes the characters Markdown would read as formatting in text from the article or the
/// dictionaries.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::linter::Linter;

    fn uri() -> Uri {
        "file:///tmp/story.md".parse().unwrap()
    }

    #[test]
    fn diagnostics_carry_rule_reason_and_utf16_range() {
        let text = "“Д🙂” said Pete HegeSth.";
        let linter = Linter::with_all_rules();
        let findings = linter.check_text(text, Format::Plain);
        let lines = LineMap::new(text);
        let finding = findings
            .iter()
            .find(|f| f.rule.id.starts_with("names/"))
            .unwrap();
        let d = diagnostic(text, &lines, finding);
        // “ Д 🙂(2) ” space s a i d space P e t e space = 16 units before HegeSth.
        assert_eq!(d.range.start, lsp_types::Position::new(0, 16));
        assert_eq!(d.range.end, lsp_types::Position::new(0, 23));
        assert_eq!(d.code, Some(NumberOrString::String(finding.rule.id.into())));
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert!(d.message.contains(&finding.reason));
    }

    #[test]
    fn fix_all_takes_only_safe_fixes() {
        let text = "A two -day summit in Kiev with Pete HegeSth.";
        let linter = Linter::with_all_rules();
        let findings = linter.check_text(text, Format::Plain);
        assert!(
            findings
                .iter()
                .any(|f| f.applicability == Applicability::Suggest)
        );
        let lines = LineMap::new(text);
        let action = fix_all(&uri(), text, &lines, &findings).unwrap();
        let edits = &action.edit.unwrap().changes.unwrap()[&uri()];
        let new: Vec<&str> = edits.iter().map(|e| e.new_text.as_str()).collect();
        assert_eq!(new, ["two-day", "Hegseth"]);
    }

    #[test]
    fn kinds_are_hierarchical() {
        let only = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(kind_wanted(Some(&only), FIX_ALL_KIND));
        assert!(!kind_wanted(Some(&only), "quickfix"));
        assert!(!kind_wanted(
            Some(&[CodeActionKind::from("source.fix")]),
            FIX_ALL_KIND
        ));
        assert!(kind_wanted(None, "quickfix"));
    }

    #[test]
    fn hover_on_a_name_shows_the_gazetteer_entry() {
        let text = "US Secretary of Defense Pete HegeSth said.";
        let linter = Linter::with_all_rules();
        let findings = linter.check_text(text, Format::Plain);
        let lines = LineMap::new(text);
        let refs: Vec<&Finding> = findings.iter().collect();
        let hover = hover(text, &lines, &refs, linter.gazetteer()).unwrap();
        let HoverContents::Markup(markup) = hover.contents else {
            panic!("markup expected")
        };
        assert!(
            markup.value.contains("Pete Hegseth — person"),
            "{}",
            markup.value
        );
        assert!(markup.value.contains("Evidence:"));
    }
}
