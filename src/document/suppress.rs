//! Inline suppression comments in Markdown and HTML.
//!
//! ```markdown
//! <!-- tidings-disable-next-line names spacing/double-space -->
//! <!-- tidings-disable quotes -->  …  <!-- tidings-enable -->
//! ```
//! A comment without rule names disables every rule. Rule names are families (`names`) or ids
//! (`names/fuzzy`).

use std::ops::Range;

/// One suppressed region of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Bytes whose findings are suppressed.
    pub span: Range<usize>,
    /// Rule families or ids to suppress; empty means all rules.
    pub rules: Vec<String>,
}

impl Suppression {
    /// True when this suppression covers a finding of `rule` starting at `offset`.
    pub fn covers(&self, rule: &str, offset: usize) -> bool {
        self.span.contains(&offset)
            && (self.rules.is_empty()
                || self.rules.iter().any(|selector| {
                    rule == selector
                        || rule
                            .strip_prefix(selector.as_str())
                            .is_some_and(|rest| rest.starts_with('/'))
                }))
    }
}

/// All suppressions of a document.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    entries: Vec<Suppression>,
}

impl Suppressions {
    /// Finds `tidings-disable…` comments in the given HTML ranges of `text`.
    pub(super) fn from_comments(text: &str, html: &[Range<usize>]) -> Self {
        let mut entries = Vec::new();
        let mut open: Option<(usize, Vec<String>)> = None;
        for range in html {
            let chunk = &text[range.clone()];
            let mut search = 0;
            while let Some(found) = chunk[search..].find("<!--") {
                let comment_start = search + found;
                let Some(close) = chunk[comment_start..].find("-->") else {
                    break;
                };
                let body = chunk[comment_start + 4..comment_start + close].trim();
                let comment_end = range.start + comment_start + close + 3;
                search = comment_start + close + 3;
                let mut words = body.split_whitespace();
                let directive = words.next().unwrap_or_default();
                let rules: Vec<String> = words.map(str::to_owned).collect();
                match directive {
                    "tidings-disable-next-line" => {
                        let next_line_start = text[comment_end..]
                            .find('\n')
                            .map_or(text.len(), |i| comment_end + i + 1);
                        let next_line_end = text[next_line_start..]
                            .find('\n')
                            .map_or(text.len(), |i| next_line_start + i + 1);
                        entries.push(Suppression {
                            span: next_line_start..next_line_end,
                            rules,
                        });
                    }
                    "tidings-disable" => {
                        if let Some((start, rules)) = open.take() {
                            entries.push(Suppression {
                                span: start..range.start + comment_start,
                                rules,
                            });
                        }
                        open = Some((comment_end, rules));
                    }
                    "tidings-enable" => {
                        if let Some((start, rules)) = open.take() {
                            entries.push(Suppression {
                                span: start..range.start + comment_start,
                                rules,
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some((start, rules)) = open {
            entries.push(Suppression {
                span: start..text.len(),
                rules,
            });
        }
        Suppressions { entries }
    }

    /// True when a finding of `rule` starting at `offset` is suppressed.
    pub fn suppresses(&self, rule: &str, offset: usize) -> bool {
        self.entries.iter().any(|entry| entry.covers(rule, offset))
    }

    /// The suppressions, in document order.
    pub fn entries(&self) -> &[Suppression] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Document, Format};

    #[test]
    fn next_line_suppresses_only_the_next_line() {
        let text = "<!-- tidings-disable-next-line spacing -->\nfirst line\n\nsecond line\n";
        let doc = Document::new(text, Format::Markdown);
        let first = text.find("first").unwrap();
        let second = text.find("second").unwrap();
        assert!(doc.suppressions().suppresses("spacing/double-space", first));
        assert!(!doc.suppressions().suppresses("names/fuzzy", first));
        assert!(
            !doc.suppressions()
                .suppresses("spacing/double-space", second)
        );
    }

    #[test]
    fn disable_enable_region() {
        let text = "a\n\n<!-- tidings-disable -->\n\nb\n\n<!-- tidings-enable -->\n\nc\n";
        let doc = Document::new(text, Format::Markdown);
        let s = doc.suppressions();
        assert!(!s.suppresses("quotes/direction", text.find('a').unwrap()));
        assert!(s.suppresses("quotes/direction", text.find("\nb\n").unwrap() + 1));
        assert!(!s.suppresses("quotes/direction", text.find("\nc\n").unwrap() + 1));
    }

    #[test]
    fn family_selector_does_not_match_prefix_of_other_family() {
        let text = "<!-- tidings-disable-next-line name -->\nx\n";
        let doc = Document::new(text, Format::Markdown);
        assert!(
            !doc.suppressions()
                .suppresses("names/fuzzy", text.find('x').unwrap())
        );
    }
}
