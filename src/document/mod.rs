//! Documents: the text of a file, its format, and which of its bytes are prose.
//!
//! Rules only ever change prose. Everything else — code, link targets, URLs, e-mail addresses,
//! HTML, front matter, Markdown syntax — is a *protected region*: a rule may read it for context
//! but a finding whose span touches it is dropped. Spans are byte offsets into the original text
//! so that fixes can be applied without touching a single byte outside them.

mod format;
mod lines;
mod links;
mod markdown;
mod suppress;

pub use format::Format;
pub use lines::{LineCursor, LineIndex};
pub use suppress::{Suppression, Suppressions};

use std::ops::Range;

/// A text to check: its bytes, its format and its prose segments.
#[derive(Debug)]
pub struct Document<'a> {
    text: &'a str,
    format: Format,
    /// Sorted, disjoint byte ranges of prose.
    prose: Vec<Range<usize>>,
    suppressions: Suppressions,
}

impl<'a> Document<'a> {
    /// Parses `text` as `format` and works out its prose segments and suppression comments.
    pub fn new(text: &'a str, format: Format) -> Self {
        // A byte-order mark is never prose: it belongs to the file, not the article.
        let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let (segments, suppressions) = match format {
            Format::Plain => (
                std::iter::once(body_start..text.len()).collect(),
                Suppressions::default(),
            ),
            Format::Markdown => {
                let parsed = markdown::parse(text);
                let suppressions = Suppressions::from_comments(text, &parsed.html);
                (parsed.prose, suppressions)
            }
        };
        let mut prose = Vec::with_capacity(segments.len());
        for segment in segments {
            links::subtract_links(text, segment, &mut prose);
        }
        prose.retain(|r| !r.is_empty());
        Document {
            text,
            format,
            prose,
            suppressions,
        }
    }

    /// The whole text, protected regions included.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The format the text was parsed as.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Sorted, disjoint byte ranges that rules may change.
    pub fn prose(&self) -> &[Range<usize>] {
        &self.prose
    }

    /// True when `span` lies wholly inside one prose segment. A zero-width span (an insertion)
    /// must lie inside a segment or on its edge.
    pub fn is_prose(&self, span: &Range<usize>) -> bool {
        let index = self.prose.partition_point(|segment| segment.end < span.end);
        self.prose
            .get(index)
            .is_some_and(|segment| segment.start <= span.start && span.end <= segment.end)
    }

    /// The prose segment containing byte `offset`, if any.
    pub fn prose_segment_at(&self, offset: usize) -> Option<Range<usize>> {
        let index = self.prose.partition_point(|segment| segment.end <= offset);
        self.prose
            .get(index)
            .filter(|segment| segment.start <= offset)
            .cloned()
    }

    /// Byte ranges that are not prose (the complement of [`Document::prose`]).
    pub fn protected_regions(&self) -> Vec<Range<usize>> {
        let mut regions = Vec::new();
        let mut position = 0;
        for segment in &self.prose {
            if segment.start > position {
                regions.push(position..segment.start);
            }
            position = segment.end;
        }
        if position < self.text.len() {
            regions.push(position..self.text.len());
        }
        regions
    }

    /// Inline `<!-- tidings-disable … -->` comments found in the document.
    pub fn suppressions(&self) -> &Suppressions {
        &self.suppressions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_texts<'a>(doc: &Document<'a>) -> Vec<&'a str> {
        doc.prose().iter().map(|r| &doc.text()[r.clone()]).collect()
    }

    #[test]
    fn plain_text_is_all_prose_but_urls_and_emails() {
        let text = "See https://example.com/a-b, or write to desk@example.org today.";
        let doc = Document::new(text, Format::Plain);
        assert_eq!(prose_texts(&doc), vec!["See ", ", or write to ", " today."]);
    }

    #[test]
    fn bom_is_not_prose() {
        let doc = Document::new("\u{feff}Hello", Format::Plain);
        assert_eq!(prose_texts(&doc), vec!["Hello"]);
    }

    #[test]
    fn markdown_code_links_html_and_front_matter_are_protected() {
        let text = "---\ntitle: a  b\n---\n\n# Head line\n\nSome `co  de` and [link text](http://x.y/a  b) here.\n\n```\nfenced  code\n```\n\n    indented  code\n\n<div>html  block</div>\n\nEnd <b>bold</b> <http://auto.link> text.\n";
        let doc = Document::new(text, Format::Markdown);
        let prose = prose_texts(&doc).join("|");
        assert!(prose.contains("Head line"));
        assert!(prose.contains("link text"));
        assert!(!prose.contains("co  de"), "{prose}");
        assert!(!prose.contains("fenced"), "{prose}");
        assert!(!prose.contains("indented"), "{prose}");
        assert!(!prose.contains("html"), "{prose}");
        assert!(!prose.contains("title"), "{prose}");
        assert!(!prose.contains("auto.link"), "{prose}");
        assert!(!prose.contains("http"), "{prose}");
    }

    #[test]
    fn is_prose_checks_whole_span() {
        let doc = Document::new("ab http://x.y cd", Format::Plain);
        assert!(doc.is_prose(&(0..2)));
        assert!(!doc.is_prose(&(1..5)));
        assert!(doc.is_prose(&(3..3)));
        assert!(doc.is_prose(&(14..16)));
        assert!(!doc.is_prose(&(5..6)));
    }

    #[test]
    fn protected_regions_complement_prose() {
        let doc = Document::new("ab http://x.y cd", Format::Plain);
        assert_eq!(doc.protected_regions(), vec![3..13]);
    }
}
