//! Input formats and how they are recognised.

use std::path::Path;

/// The markup language of a document, which decides what counts as prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: everything is prose except URLs, e-mail addresses, hashtags and handles.
    #[default]
    #[value(alias = "text", alias = "txt")]
    Plain,
    /// CommonMark/GFM Markdown: only text nodes are prose.
    #[value(alias = "md")]
    Markdown,
}

impl Format {
    /// Guesses the format from a file name's extension (`.md`, `.markdown`, `.mdx` are
    /// Markdown; anything else is plain text).
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd" | "mdx") => Format::Markdown,
            _ => Format::Plain,
        }
    }

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Markdown => "markdown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_extensions() {
        assert_eq!(Format::from_path(Path::new("a/b.md")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("B.MARKDOWN")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("story.txt")), Format::Plain);
        assert_eq!(Format::from_path(Path::new("README")), Format::Plain);
    }
}
