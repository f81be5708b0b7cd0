//! `tidings.toml`: project configuration, found upward from the working directory.
//!
//! ```toml
//! select = ["spacing", "names"]        # rule families or ids (default: all)
//! ignore = ["spacing/double-space"]
//! min-confidence = 0.5                 # drop findings below this confidence
//! include = ["**/*.md", "**/*.txt"]    # files to check when walking directories
//! exclude = ["vendor/**"]
//! dictionaries = ["house-names.tsv"]   # extra gazetteer files, relative to this file
//!
//! [style]
//! house = "suggest"                    # other outlets' spellings (Kiev): suggest, fix or off
//! diacritics = "keep"                  # repaired names follow the text; "restore" adds them
//! curly-quotes = false                 # true: "straight" quotes become “curly” ones
//! ```
//! Unknown keys and unknown rule names are errors naming the file, line and key, so that a typo
//! never silently turns a check off.

use crate::error::{Error, Result};
use crate::rules::{Diacritics, HouseStyle};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// File names looked for, in order, in each directory from the working directory upward.
pub const CONFIG_NAMES: &[&str] = &["tidings.toml", ".tidings.toml"];

/// The contents of a `tidings.toml`, validated.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it was read from (`None` for the built-in defaults).
    pub path: Option<PathBuf>,
    /// Rule families or ids to enable (empty: all).
    pub select: Vec<String>,
    /// Rule families or ids to disable.
    pub ignore: Vec<String>,
    /// Findings below this confidence are dropped.
    pub min_confidence: Option<f32>,
    /// Globs of files to check when walking directories.
    pub include: Vec<String>,
    /// Globs of files to skip when walking directories.
    pub exclude: Vec<String>,
    /// Extra dictionary files, resolved against the configuration file's directory.
    pub dictionaries: Vec<PathBuf>,
    /// `[style]`: house style choices.
    pub style: StyleConfig,
}

/// `[style]` in tidings.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StyleConfig {
    /// Other outlets' spellings (`Kiev`): `suggest` (default), `fix` or `off`.
    pub house: Option<HouseStyle>,
    /// Diacritics in repaired names: `keep` (follow the text, default) or `restore`.
    pub diacritics: Option<Diacritics>,
    /// Turn straight quotes into curly ones (default false).
    pub curly_quotes: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    min_confidence: Option<Spanned<f32>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    dictionaries: Option<Vec<String>>,
    style: Option<StyleConfig>,
}

impl Config {
    /// Finds the nearest `tidings.toml` from `start` upward.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().find_map(|dir| {
            CONFIG_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|candidate| candidate.is_file())
        })
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        Config::parse(&text, path)
    }

    /// Parses configuration text; `path` is used for error messages and relative paths.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let at = |offset: usize, message: String| {
            let (line, column) = line_column(text, offset);
            Error::Config {
                path: path.to_owned(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            at(offset, e.message().trim().to_owned())
        })?;
        let selectors = |list: Option<Vec<Spanned<String>>>, key: &str| -> Result<Vec<String>> {
            let mut out = Vec::new();
            for item in list.unwrap_or_default() {
                if !crate::rules::is_known_selector(item.get_ref()) {
                    return Err(at(
                        item.span().start,
                        format!(
                            "`{key}`: unknown rule or family `{}` (run `tidings rules` to list them)",
                            item.get_ref()
                        ),
                    ));
                }
                out.push(item.into_inner());
            }
            Ok(out)
        };
        let globs = |list: Option<Vec<Spanned<String>>>, key: &str| -> Result<Vec<String>> {
            let mut out = Vec::new();
            for item in list.unwrap_or_default() {
                if let Err(e) = globset::Glob::new(item.get_ref()) {
                    return Err(at(item.span().start, format!("`{key}`: bad glob: {e}")));
                }
                out.push(item.into_inner());
            }
            Ok(out)
        };
        let min_confidence = match raw.min_confidence {
            Some(value) if !(0.0..=1.0).contains(value.get_ref()) => {
                return Err(at(
                    value.span().start,
                    "`min-confidence` must be between 0 and 1".to_owned(),
                ));
            }
            other => other.map(Spanned::into_inner),
        };
        let base = path.parent().unwrap_or(Path::new("."));
        Ok(Config {
            path: Some(path.to_owned()),
            select: selectors(raw.select, "select")?,
            ignore: selectors(raw.ignore, "ignore")?,
            min_confidence,
            include: globs(raw.include, "include")?,
            exclude: globs(raw.exclude, "exclude")?,
            dictionaries: raw
                .dictionaries
                .unwrap_or_default()
                .into_iter()
                .map(|p| base.join(p))
                .collect(),
            style: raw.style.unwrap_or_default(),
        })
    }
}

/// 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_keys() {
        let text = "select = [\"spacing\"]\nignore = [\"spacing/double-space\"]\nmin-confidence = 0.5\ninclude = [\"**/*.md\"]\nexclude = [\"vendor/**\"]\ndictionaries = [\"house.tsv\"]\n";
        let config = Config::parse(text, Path::new("/repo/tidings.toml")).unwrap();
        assert_eq!(config.select, vec!["spacing"]);
        assert_eq!(config.ignore, vec!["spacing/double-space"]);
        assert_eq!(config.min_confidence, Some(0.5));
        assert_eq!(config.dictionaries, vec![PathBuf::from("/repo/house.tsv")]);
    }

    #[test]
    fn style_table() {
        let config = Config::parse(
            "[style]\nhouse = \"fix\"\ndiacritics = \"restore\"\n",
            Path::new("t.toml"),
        )
        .unwrap();
        assert_eq!(config.style.house, Some(HouseStyle::Fix));
        assert_eq!(config.style.diacritics, Some(Diacritics::Restore));
        let err =
            Config::parse("[style]\nhouse = \"sometimes\"\n", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().starts_with("t.toml:2:"), "{err}");
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let err =
            Config::parse("select = []\nselectt = [\"x\"]\n", Path::new("t.toml")).unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("t.toml:2:"), "{message}");
        assert!(message.contains("selectt"), "{message}");
    }

    #[test]
    fn unknown_rule_names_line() {
        let err = Config::parse(
            "\nignore = [\"spacing\", \"nonsense\"]\n",
            Path::new("t.toml"),
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("t.toml:2:"), "{message}");
        assert!(message.contains("nonsense"), "{message}");
    }

    #[test]
    fn bad_value_type_and_range() {
        let err = Config::parse("min-confidence = \"high\"\n", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().starts_with("t.toml:1:"), "{err}");
        let err = Config::parse("min-confidence = 2.0\n", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("between 0 and 1"), "{err}");
    }
}
