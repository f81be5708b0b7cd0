//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, GitLab).
//!
//! Columns are Unicode code points (`columnKind`), regions also carry byte offsets, and every
//! finding with a replacement carries a SARIF `fix`.

use super::{FileReport, ReportOptions, Reporter, Summary};
use crate::fixes::Applicability;
use crate::rules::RuleMeta;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The SARIF reporter.
pub struct Sarif {
    rules: Vec<&'static RuleMeta>,
    results_written: usize,
}

impl Sarif {
    /// A SARIF reporter describing the enabled `rules`.
    pub fn new(options: ReportOptions<'_>) -> Self {
        Sarif {
            rules: options.rules.to_vec(),
            results_written: 0,
        }
    }

    fn driver(&self) -> Value {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|meta| {
                json!({
                    "id": meta.id,
                    "name": meta.name(),
                    "shortDescription": {"text": meta.summary},
                    "fullDescription": {"text": meta.explanation},
                    "help": {"text": format!("{}\n\n{}", meta.explanation, meta.safety)},
                    "defaultConfiguration": {"level": "warning"},
                    "properties": {"family": meta.family()},
                })
            })
            .collect();
        json!({
            "name": "tidings",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://github.com/tidings/tidings",
            "rules": rules,
        })
    }
}

impl Reporter for Sarif {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let driver = serde_json::to_string(&self.driver())?;
        write!(
            out,
            "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
        )
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for f in &report.findings {
            let rule_index = self.rules.iter().position(|meta| meta.id == f.rule_id());
            let level = match f.finding.applicability {
                Applicability::Flag => "note",
                _ => "warning",
            };
            let region = json!({
                "startLine": f.line,
                "startColumn": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
                "byteOffset": f.start,
                "byteLength": f.end - f.start,
                "snippet": {"text": f.original},
            });
            let location = json!({"physicalLocation": {
                "artifactLocation": {"uri": uri(&report.path)},
                "region": region,
            }});
            let mut result = json!({
                "ruleId": f.rule_id(),
                "level": level,
                "message": {"text": if f.finding.reason.is_empty() { f.finding.message.clone() } else { format!("{} ({})", f.finding.message, f.finding.reason) }},
                "locations": [location],
                "properties": {
                    "confidence": (f.finding.confidence * 1000.0).round() / 1000.0,
                    "applicability": f.finding.applicability.name(),
                },
            });
            if let Some(index) = rule_index {
                result["ruleIndex"] = json!(index);
            }
            if let Some(replacement) = &f.finding.replacement {
                result["fixes"] = json!([{
                    "description": {"text": format!("{} fix: replace with `{}`", f.finding.applicability.name(), replacement)},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri(&report.path)},
                        "replacements": [{
                            "deletedRegion": {"byteOffset": f.start, "byteLength": f.end - f.start},
                            "insertedContent": {"text": replacement},
                        }],
                    }],
                }]);
            }
            if self.results_written > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, &result)?;
            self.results_written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        writeln!(out, "]}}]}}")
    }
}

/// A relative URI reference for a path (forward slashes, spaces and `%` escaped).
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn uri_escapes() {
        assert_eq!(super::uri("./a b/ü.md"), "a%20b/%C3%BC.md");
    }
}
