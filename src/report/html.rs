//! `tidings diff --format html`: a self-contained redline page for a sub-editor.
//!
//! The article is shown with each proposed fix in place, as a deletion and an insertion
//! coloured by rule family, the reason and confidence on hover, and a checkbox per fix (safe
//! fixes ticked, suggestions not). Buttons accept all safe fixes, reject all, and download or
//! copy the text with the ticked fixes applied. Flags are highlighted without a fix. Protected
//! regions of Markdown (code, links, HTML) are shown greyed and are never part of a fix.
//!
//! Everything from the input is escaped; the page loads nothing from the network.

use crate::fixes::{Applicability, Finding, FixLevel, select_fixes};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes the text of a deletion or insertion, making whitespace visible: a removed or
/// added space would otherwise be invisible on the page.
fn escape_change(text: &str) -> String {
    if !text.is_empty() && !text.chars().all(char::is_whitespace) {
        return escape(text);
    }
    let shown: String = text
        .chars()
        .map(|c| match c {
            '\n' => '↵',
            '\t' => '⇥',
            _ => '␣',
        })
        .collect();
    format!("<span class=\"ws\">{shown}</span>")
}

/// JSON safe to embed in a `<script>` element.
fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_owned())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[derive(Serialize)]
struct Piece<'a> {
    /// Unchanged text, or the original of a fix.
    text: &'a str,
    /// For a fix: its number, replacement and whether it starts ticked.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ticked: Option<bool>,
}

const STYLE: &str = r#"
:root { --fg:#1b1b1b; --bg:#fdfdfb; --muted:#6b6b6b; --panel:#f1f0ea; --del:#b3261e; --ins:#1b6e2a; }
@media (prefers-color-scheme: dark) {
  :root { --fg:#e8e6e0; --bg:#17181a; --muted:#a0a0a0; --panel:#24262a; --del:#ff8a80; --ins:#8fd694; }
}
body { font: 17px/1.6 Georgia, "Times New Roman", serif; color: var(--fg); background: var(--bg); max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
header { font-family: system-ui, sans-serif; font-size: 14px; background: var(--panel); padding: .75rem 1rem; border-radius: 6px; position: sticky; top: 0; }
header h1 { font-size: 16px; margin: 0 0 .25rem; }
header button { margin-right: .5rem; }
.summary span { white-space: nowrap; }
article { white-space: pre-wrap; margin-top: 1.5rem; }
.fix { border-bottom: 2px solid var(--family); border-radius: 2px; }
.fix input { margin: 0 .15em; vertical-align: middle; }
.fix del { color: var(--del); text-decoration: line-through; }
.fix ins { color: var(--ins); text-decoration: none; background: color-mix(in srgb, var(--ins) 12%, transparent); }
.fix.off del { color: inherit; text-decoration: none; }
.fix.off ins { display: none; }
.flag { background: color-mix(in srgb, var(--family) 25%, transparent); cursor: help; }
.protected { color: var(--muted); background: var(--panel); }
.f-names { --family:#7b3fb5; } .f-spacing { --family:#1f6fb2; } .f-quotes { --family:#c26a00; }
.f-casing { --family:#0f8a7c; } .f-punctuation { --family:#8a5a2b; } .f-repetition { --family:#c2185b; }
.f-credits { --family:#616161; } .f-unicode { --family:#d32f2f; } .f-other { --family:#444; }
.fix[data-alternatives]::after { content: "+" attr(data-alternatives); font-size: .7em; vertical-align: super; color: var(--family); }
.ws { font-family: system-ui, sans-serif; opacity: .8; }
#copied { font-family: system-ui, sans-serif; color: var(--ins); }
@media print { header button, .fix input { display: none; } header { position: static; } .fix.off ins { display: none; } }
"#;

const SCRIPT: &str = r#"
const data = JSON.parse(document.getElementById('tidings-data').textContent);
function boxes() { return Array.from(document.querySelectorAll('.fix input[type=checkbox]')); }
function sync(box) { box.closest('.fix').classList.toggle('off', !box.checked); }
boxes().forEach(b => { sync(b); b.addEventListener('change', () => sync(b)); });
function setAll(predicate) { boxes().forEach(b => { b.checked = predicate(b); sync(b); }); }
document.getElementById('accept-safe').onclick = () => setAll(b => b.dataset.applicability === 'safe');
document.getElementById('reject-all').onclick = () => setAll(() => false);
function exportText() {
  const ticked = new Set(boxes().filter(b => b.checked).map(b => Number(b.dataset.fix)));
  return data.pieces.map(p => (p.fix !== undefined && ticked.has(p.fix)) ? p.replacement : p.text).join('');
}
window.tidingsExport = exportText;
document.getElementById('download').onclick = () => {
  const blob = new Blob([exportText()], { type: 'text/plain;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = data.name;
  document.body.appendChild(a); a.click(); a.remove();
};
document.getElementById('copy').onclick = async () => {
  const text = exportText();
  try { await navigator.clipboard.writeText(text); }
  catch (e) { const t = document.createElement('textarea'); t.value = text; document.body.appendChild(t); t.select(); document.execCommand('copy'); t.remove(); }
  document.getElementById('copied').textContent = 'copied';
};
"#;

fn family_class(family: &str) -> &'static str {
    match family {
        "names" => "f-names",
        "spacing" => "f-spacing",
        "quotes" => "f-quotes",
        "casing" => "f-casing",
        "punctuation" => "f-punctuation",
        "repetition" => "f-repetition",
        "credits" => "f-credits",
        "unicode" => "f-unicode",
        _ => "f-other",
    }
}

/// Writes `text` escaped, greying the parts that fall in protected regions.
fn push_text(out: &mut String, text: &str, range: Range<usize>, protected: &[Range<usize>]) {
    let mut position = range.start;
    for region in protected
        .iter()
        .filter(|r| r.end > range.start && r.start < range.end)
    {
        let start = region.start.max(range.start);
        let end = region.end.min(range.end);
        if start > position {
            out.push_str(&escape(&text[position..start]));
        }
        let _ = write!(
            out,
            "<span class=\"protected\" title=\"protected: never changed\">{}</span>",
            escape(&text[start..end])
        );
        position = end;
    }
    if position < range.end {
        out.push_str(&escape(&text[position..range.end]));
    }
}

/// The redline page for `text` (named `name`) and its findings.
pub fn redline(name: &str, text: &str, findings: &[Finding], protected: &[Range<usize>]) -> String {
    let fixes = select_fixes(findings, FixLevel::All);
    let flags: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.replacement.is_none()
                && !fixes
                    .iter()
                    .any(|x| x.span.start < f.span.end && f.span.start < x.span.end)
        })
        .collect();
    // Proposals that overlap a chosen fix cannot be ticked alongside it; they are listed in the
    // tooltip of the fix they overlap (`tidings fix` reconsiders them on its next pass).
    let alternatives: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.replacement.is_some() && !fixes.iter().any(|x| std::ptr::eq(*x, *f)))
        .collect();
    // Fixes and flags in text order.
    let mut marks: Vec<&Finding> = fixes.iter().copied().chain(flags.iter().copied()).collect();
    marks.sort_by_key(|f| (f.span.start, f.span.end));
    let mut by_family: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &marks {
        *by_family.entry(f.rule.family()).or_default() += 1;
    }
    let safe = fixes
        .iter()
        .filter(|f| f.applicability == Applicability::Safe)
        .count();

    let mut body = String::new();
    let mut pieces = Vec::new();
    let mut position = 0;
    let mut fix_number = 0;
    let mut listed = vec![false; alternatives.len()];
    for f in &marks {
        if f.span.start < position {
            continue;
        }
        push_text(&mut body, text, position..f.span.start, protected);
        pieces.push(Piece {
            text: &text[position..f.span.start],
            fix: None,
            replacement: None,
            ticked: None,
        });
        let original = &text[f.span.clone()];
        let class = family_class(f.rule.family());
        let mut tip = format!(
            "{} [{}, {}, confidence {:.2}]\n{}\n{}",
            f.rule.id,
            f.applicability.name(),
            f.rule.summary,
            f.confidence,
            f.message,
            f.reason
        );
        // Each alternative is listed once, with the first fix it overlaps.
        let overlapping: Vec<&Finding> = alternatives
            .iter()
            .zip(listed.iter_mut())
            .filter(|(a, listed)| {
                !**listed
                    && a.span.start < f.span.end.max(f.span.start + 1)
                    && f.span.start < a.span.end.max(a.span.start + 1)
            })
            .map(|(a, listed)| {
                *listed = true;
                *a
            })
            .collect();
        for alternative in &overlapping {
            let _ = write!(
                tip,
                "\n\nAlso proposed here ({}, {}): `{}` → `{}`: {}",
                alternative.rule.id,
                alternative.applicability.name(),
                &text[alternative.span.clone()],
                alternative.replacement.as_deref().unwrap_or_default(),
                alternative.message
            );
        }
        let tip = escape(&tip);
        let alternatives_attribute = if overlapping.is_empty() {
            String::new()
        } else {
            format!(" data-alternatives=\"{}\"", overlapping.len())
        };
        match &f.replacement {
            Some(replacement) => {
                let ticked = f.applicability == Applicability::Safe;
                let _ = write!(
                    body,
                    "<span class=\"fix {class}\" title=\"{tip}\"{alternatives_attribute}><input type=\"checkbox\" data-fix=\"{fix_number}\" data-applicability=\"{}\" aria-label=\"apply {}\"{}><del>{}</del><ins>{}</ins></span>",
                    f.applicability.name(),
                    escape(f.rule.id),
                    if ticked { " checked" } else { "" },
                    escape_change(original),
                    escape_change(replacement)
                );
                pieces.push(Piece {
                    text: original,
                    fix: Some(fix_number),
                    replacement: Some(replacement),
                    ticked: Some(ticked),
                });
                fix_number += 1;
            }
            None => {
                let _ = write!(
                    body,
                    "<span class=\"flag {class}\" title=\"{tip}\"{alternatives_attribute}>{}</span>",
                    escape(original)
                );
                pieces.push(Piece {
                    text: original,
                    fix: None,
                    replacement: None,
                    ticked: None,
                });
            }
        }
        position = f.span.end;
    }
    push_text(&mut body, text, position..text.len(), protected);
    pieces.push(Piece {
        text: &text[position..],
        fix: None,
        replacement: None,
        ticked: None,
    });

    let summary: String = by_family
        .iter()
        .map(|(family, n)| {
            format!(
                "<span class=\"{}\" style=\"border-bottom:2px solid var(--family)\">{} {}</span>",
                family_class(family),
                escape(family),
                n
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let also = match alternatives.len() {
        0 => String::new(),
        1 => "; 1 overlapping proposal in the tooltip of the fix it overlaps".to_owned(),
        n => format!("; {n} overlapping proposals in the tooltips of the fixes they overlap"),
    };
    let export_name = std::path::Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .map_or_else(|| "article.txt".to_owned(), str::to_owned);
    #[derive(Serialize)]
    struct Data<'a> {
        name: String,
        pieces: Vec<Piece<'a>>,
    }
    let data = script_json(&Data {
        name: export_name,
        pieces,
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>tidings: {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>tidings review: {title}</h1>\n<p class=\"summary\" id=\"summary\">{fixes} proposed fixes ({safe} safe, ticked), {flags} to review: {summary}{also}</p>\n<button id=\"accept-safe\">Accept all safe</button><button id=\"reject-all\">Reject all</button><button id=\"download\">Download text</button><button id=\"copy\">Copy text</button> <span id=\"copied\"></span>\n</header>\n<article id=\"article\">{body}</article>\n<script type=\"application/json\" id=\"tidings-data\">{data}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        title = escape(name),
        fixes = fixes.len(),
        flags = flags.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};
    use crate::linter::Linter;

    fn page(text: &str, format: Format) -> String {
        let linter = Linter::with_all_rules();
        let doc = Document::new(text, format);
        let findings = linter.check(&doc);
        redline("story.md", text, &findings, &doc.protected_regions())
    }

    #[test]
    fn input_is_escaped_and_nothing_is_loaded() {
        let html = page(
            "A two -day <script>alert(1)</script> summit & \"talks\".\n",
            Format::Plain,
        );
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src="));
        // The embedded data cannot close its script element.
        let data_start = html.find("id=\"tidings-data\">").unwrap();
        let data_end = html[data_start..].find("</script>").unwrap();
        assert!(!html[data_start..data_start + data_end].contains("<script"));
    }

    #[test]
    fn fixes_are_shown_with_checkboxes_ticked_when_safe() {
        let html = page("A two -day summit in Kiev.\n", Format::Plain);
        assert!(
            html.contains("<del>two -day</del><ins>two-day</ins>"),
            "{html}"
        );
        assert!(html.contains(
            "data-applicability=\"safe\" aria-label=\"apply spacing/hyphen-space\" checked"
        ));
        assert!(html.contains("data-applicability=\"suggest\" aria-label=\"apply names/style\">"));
        assert!(html.contains("2 proposed fixes (1 safe, ticked)"));
    }

    #[test]
    fn removed_spaces_are_visible() {
        let html = page("He said it was over . ” Then he left.\n", Format::Plain);
        assert!(
            html.contains("<del><span class=\"ws\">␣</span></del>"),
            "{html}"
        );
    }

    #[test]
    fn overlapping_proposals_are_listed_once_with_the_fix_they_overlap() {
        use crate::fixes::Applicability;
        use crate::rules::RuleMeta;
        static WIDE: RuleMeta = RuleMeta::test_meta("test/wide", 1);
        static NARROW: RuleMeta = RuleMeta::test_meta("test/narrow", 1);
        let text = "one two three four";
        let findings = vec![
            Finding::fix(&WIDE, 0..13, "ONE TWO THREE", Applicability::Suggest, 0.5),
            Finding::fix(&NARROW, 0..3, "One", Applicability::Safe, 0.9),
            Finding::fix(&NARROW, 4..7, "Two", Applicability::Safe, 0.9),
        ];
        let html = redline("story.txt", text, &findings, &[]);
        assert_eq!(html.matches("class=\"fix ").count(), 2, "{html}");
        // Listed with the first fix it overlaps, not with both.
        assert_eq!(html.matches("data-alternatives=\"1\"").count(), 1);
        assert_eq!(
            html.matches("Also proposed here (test/wide, suggest)")
                .count(),
            1
        );
        assert!(html.contains("1 overlapping proposal in the tooltip"));
    }

    #[test]
    fn protected_markdown_is_greyed() {
        let html = page(
            "A two -day summit with `two -day` code.\n",
            Format::Markdown,
        );
        assert!(html.contains("<span class=\"protected\""));
        assert_eq!(html.matches("<del>").count(), 1);
    }
}
