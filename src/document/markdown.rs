//! Markdown: prose is the text nodes pulldown-cmark reports, nothing else.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// What the Markdown pass hands back to [`super::Document`].
pub(super) struct Parsed {
    /// Byte ranges of text nodes, merged where contiguous.
    pub prose: Vec<Range<usize>>,
    /// Byte ranges of HTML (blocks and inline), where suppression comments live.
    pub html: Vec<Range<usize>>,
}

/// Parses `text` as GFM-flavoured Markdown with front matter.
pub(super) fn parse(text: &str) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_MATH;
    let mut prose: Vec<Range<usize>> = Vec::new();
    let mut html = Vec::new();
    // Depth counters for containers whose text is not prose.
    let mut code_blocks = 0usize;
    let mut metadata = 0usize;
    // One entry per open link: is it an autolink or e-mail link (whose text is the target)?
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_blocks += 1,
            Event::End(TagEnd::CodeBlock) => code_blocks = code_blocks.saturating_sub(1),
            Event::Start(Tag::MetadataBlock(_)) => metadata += 1,
            Event::End(TagEnd::MetadataBlock(_)) => metadata = metadata.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. }) => {
                links.push(matches!(link_type, LinkType::Autolink | LinkType::Email));
            }
            Event::End(TagEnd::Link) => {
                links.pop();
            }
            Event::Text(content) => {
                let in_autolink = links.last().copied().unwrap_or(false);
                // Only text whose source bytes are exactly its content is prose: entities
                // (`&amp;`) and backslash escapes are markup and stay untouched.
                if code_blocks == 0
                    && metadata == 0
                    && !in_autolink
                    && text.get(range.clone()) == Some(&*content)
                {
                    push_merged(&mut prose, range);
                }
            }
            Event::SoftBreak if code_blocks == 0 => {
                if matches!(text.get(range.clone()), Some("\n" | "\r\n")) {
                    push_merged(&mut prose, range);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => html.push(range),
            _ => {}
        }
    }
    Parsed { prose, html }
}

fn push_merged(ranges: &mut Vec<Range<usize>>, range: Range<usize>) {
    if let Some(last) = ranges.last_mut()
        && last.end == range.start
    {
        last.end = range.end;
        return;
    }
    ranges.push(range);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_escapes_are_not_prose() {
        let text = "Tom &amp; Jerry \\* star";
        let parsed = parse(text);
        let joined: Vec<&str> = parsed.prose.iter().map(|r| &text[r.clone()]).collect();
        assert!(!joined.iter().any(|s| s.contains("&amp;")), "{joined:?}");
        assert!(joined.iter().any(|s| s.contains("Tom")));
    }

    #[test]
    fn paragraph_lines_merge_into_one_segment() {
        let text = "one line\nnext line\n";
        let parsed = parse(text);
        assert_eq!(parsed.prose, vec![0..18]);
    }

    #[test]
    fn html_comments_are_collected() {
        let text = "<!-- tidings-disable -->\n\ntext <!-- x --> more\n";
        let parsed = parse(text);
        assert_eq!(parsed.html.len(), 2);
    }
}
