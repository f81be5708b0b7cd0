//! User dictionaries: TSV (the columns of `dictionaries/people.tsv`) or TOML.
//!
//! A TSV file has a header line naming its columns (tab-separated), then one entry per line:
//! `name`, `kind`, `variants`, `style`, `description` (lists `|`-separated), for example
//! `Volodymyr Zelenskyy`, `person`, `Selenskyj`, `Zelensky|Zelenskiy`, `President of Ukraine`.
//! ```toml
//! # house.toml
//! [[entry]]
//! name = "Volodymyr Zelenskyy"
//! kind = "person"
//! variants = ["Selenskyj"]
//! style = ["Zelensky", "Zelenskiy"]
//! description = "President of Ukraine"
//! ```
//! Only `name` is required; `kind` defaults to `other`, `prominence` to 2 (a house cares about
//! the names it lists).

use super::compile::{self, CompileOptions, Layering, Lexicon};
use super::tsv::{Entry, Kind, entries};
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    entry: Vec<Spanned<TomlEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlEntry {
    name: String,
    kind: Option<String>,
    prominence: Option<u8>,
    population: Option<u64>,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    style: Vec<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    wikipedia: String,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Compiles a user dictionary's entries into an index: everything listed is indexed (no
/// population thresholds), over no lexicon of its own (the default's serves every layer).
pub fn compile_entries(
    entries: &[Entry],
    layering: Option<Layering<'_>>,
) -> Result<Vec<u8>, String> {
    compile::compile(
        entries,
        &Lexicon::default(),
        CompileOptions::everything(),
        layering,
    )
}

/// Reads a user dictionary (`.toml` as TOML, anything else as TSV).
pub fn load(path: &Path) -> Result<Vec<Entry>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(&text, path)
}

/// Parses user dictionary text; `path` picks the format and names errors.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Entry>> {
    let error = |line: usize, message: String| Error::Dictionary {
        path: path.to_owned(),
        line,
        message,
    };
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        let file: TomlFile = toml::from_str(text).map_err(|e| {
            error(
                line_of(text, e.span().map_or(0, |s| s.start)),
                e.message().trim().to_owned(),
            )
        })?;
        let mut out = Vec::with_capacity(file.entry.len());
        for spanned in file.entry {
            let line = line_of(text, spanned.span().start);
            let e = spanned.into_inner();
            let _ = e.wikipedia;
            let kind = match &e.kind {
                Some(k) => {
                    Kind::parse(k).ok_or_else(|| error(line, format!("unknown kind `{k}`")))?
                }
                None => Kind::Other,
            };
            let prominence = e.prominence.unwrap_or(2);
            if !(1..=3).contains(&prominence) {
                return Err(error(
                    line,
                    format!("`prominence` must be 1, 2 or 3, not {prominence}"),
                ));
            }
            if e.name.trim().is_empty() {
                return Err(error(line, "empty `name`".to_owned()));
            }
            out.push(Entry {
                name: e.name.trim().to_owned(),
                kind,
                prominence,
                population: e.population.unwrap_or(0),
                variants: e.variants,
                style: e.style,
                description: e.description,
                line,
            });
        }
        return Ok(out);
    }
    let mut found = entries(text, Kind::Other).map_err(|e| error(e.line, e.message))?;
    // A house lists the names it cares about: unless told otherwise, they matter.
    let has_prominence = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .is_some_and(|header| {
            header
                .split('\t')
                .any(|c| c.trim().eq_ignore_ascii_case("prominence"))
        });
    if !has_prominence {
        for entry in &mut found {
            entry.prominence = 2;
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_tsv_agree() {
        let toml = "[[entry]]\nname = \"Volodymyr Zelenskyy\"\nkind = \"person\"\nvariants = [\"Selenskyj\"]\nstyle = [\"Zelensky\"]\n";
        let tsv = "name\tkind\tvariants\tstyle\nVolodymyr Zelenskyy\tperson\tSelenskyj\tZelensky\n";
        let a = parse(toml, Path::new("h.toml")).unwrap();
        let b = parse(tsv, Path::new("h.tsv")).unwrap();
        assert_eq!(a[0].name, b[0].name);
        assert_eq!(a[0].variants, b[0].variants);
        assert_eq!(a[0].style, b[0].style);
        assert_eq!(a[0].kind, Kind::Person);
        assert_eq!(b[0].prominence, 2);
    }

    #[test]
    fn errors_have_lines() {
        let err = parse(
            "[[entry]]\nname = \"X\"\ncolour = \"red\"\n",
            Path::new("h.toml"),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("h.toml:3:"), "{err}");
        let err = parse("name\tkind\nX\tplanet\n", Path::new("h.tsv")).unwrap_err();
        assert!(err.to_string().starts_with("h.tsv:2:"), "{err}");
    }
}
