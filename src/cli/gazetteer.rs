//! `tidings gazetteer lookup NAME`, `check FILE`, `stats` and `compile FILE -o INDEX`.

use super::Status;
use super::args::GazetteerCommand;
use crate::document::Format;
use crate::error::{Error, Result};
use crate::gazetteer::fold::{edit_distance, fold, skeleton};
use crate::gazetteer::index::{Index, IndexBytes};
use crate::gazetteer::{Gazetteer, Hit, Role, cache, embedded, user};
use crate::linter::Linter;
use crate::rules::RuleOptions;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

fn describe_hit(gazetteer: &Gazetteer, hit: &Hit) -> Option<String> {
    gazetteer.describe(hit)
}

/// What the gazetteer knows about a name, and what tidings would do with it.
pub fn lookup(gazetteer: Gazetteer, name: &str) -> Result<String> {
    let mut out = String::new();
    let folded = fold(name);
    let _ = writeln!(
        out,
        "{name}\n  folded: {folded}   skeleton: {}",
        skeleton(&folded)
    );
    let mut hits = Vec::new();
    gazetteer.exact(&folded, &mut hits);
    if hits.is_empty() {
        let _ = writeln!(out, "  exact: no entry");
    }
    for hit in &hits {
        if let Some(line) = describe_hit(&gazetteer, hit) {
            let _ = writeln!(out, "  exact: {line}");
        }
    }
    if !folded.contains(' ') {
        let mut near = Vec::new();
        gazetteer.fuzzy_tokens(&folded, &skeleton(&folded), &mut near);
        near.retain(|token| *token != folded);
        for token in near.iter().take(12) {
            let distance = edit_distance(&folded, token);
            let how = if skeleton(token) == skeleton(&folded) {
                "same skeleton".to_owned()
            } else {
                format!("{distance} edit{}", if distance == 1 { "" } else { "s" })
            };
            let mut token_hits = Vec::new();
            gazetteer.exact(token, &mut token_hits);
            for hit in token_hits.iter().take(3) {
                if let Some(line) = describe_hit(&gazetteer, hit) {
                    let _ = writeln!(out, "  near ({how}): {line}");
                }
            }
        }
        let flags = gazetteer.word(&folded);
        if flags != 0 {
            let _ = writeln!(out, "  lexicon: {}", describe_flags(flags));
        }
    }
    let linter = Linter::new(
        &["names".to_owned()],
        &[],
        0.0,
        RuleOptions::default(),
        gazetteer,
    )?;
    let findings = linter.check_text(name, Format::Plain);
    if findings.is_empty() {
        let _ = writeln!(out, "  on its own: left as it is");
    }
    for f in findings {
        let _ = writeln!(
            out,
            "  on its own: {} [{}] → {} ({})",
            f.rule.id,
            f.applicability.name(),
            f.replacement.as_deref().unwrap_or("(no replacement)"),
            f.reason
        );
    }
    Ok(out)
}

fn describe_flags(flags: u64) -> String {
    use crate::gazetteer::compile::word_flag;
    let mut parts = Vec::new();
    for (flag, name) in [
        (word_flag::WORD, "English word"),
        (word_flag::UPPER, "capitalised word"),
        (word_flag::ABBREV, "abbreviation"),
        (word_flag::PROPER, "proper name"),
        (word_flag::NAME_FORM, "person-name form"),
        (word_flag::DEMONYM, "nationality"),
    ] {
        if flags & flag != 0 {
            parts.push(name);
        }
    }
    let size = flags & 0xff;
    if size < 0xff {
        format!("{} (SCOWL size {size})", parts.join(", "))
    } else {
        parts.join(", ")
    }
}

/// Problems in a user dictionary: `(line, message)`; errors stop at the first.
pub fn check_file(path: &std::path::Path) -> Result<Vec<(usize, String)>> {
    let entries = user::load(path)?;
    let default = Gazetteer::embedded();
    let mut warnings = Vec::new();
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    for entry in &entries {
        let spellings = std::iter::once((&entry.name, "name"))
            .chain(entry.variants.iter().map(|v| (v, "variant")))
            .chain(entry.style.iter().map(|v| (v, "style")));
        for (spelling, what) in spellings {
            let key = fold(spelling);
            if let Some((line, owner)) = seen.get(&key) {
                if *owner != entry.name {
                    warnings.push((
                        entry.line,
                        format!("{what} `{spelling}` collides with `{owner}` on line {line}"),
                    ));
                } else if what == "name" {
                    warnings.push((
                        entry.line,
                        format!("duplicate entry `{spelling}` (first on line {line})"),
                    ));
                }
            } else {
                seen.insert(key.clone(), (entry.line, entry.name.clone()));
            }
            if what != "name" && default.is_common_word(&key, 70) {
                warnings.push((
                    entry.line,
                    format!("{what} `{spelling}` is a common English word: every `{spelling}` in a text would be changed"),
                ));
            }
            let mut hits = Vec::new();
            default.exact(&key, &mut hits);
            for hit in hits
                .iter()
                .filter(|h| matches!(h.role, Role::Canonical | Role::Variant | Role::Style))
            {
                if let Some(other) = default.entity(hit.entity)
                    && fold(other.name) != fold(&entry.name)
                {
                    warnings.push((
                        entry.line,
                        format!("{what} `{spelling}` is also the {} of the default entry `{}`, which this entry replaces", hit.role.describe(), other.name),
                    ));
                }
            }
        }
    }
    warnings.sort();
    warnings.dedup();
    Ok(warnings)
}

/// The embedded gazetteer with `dictionaries` layered over it.
fn gazetteer_with(dictionaries: &[std::path::PathBuf]) -> Result<Gazetteer> {
    if dictionaries.is_empty() {
        Ok(Gazetteer::embedded())
    } else {
        Gazetteer::with_dictionaries(dictionaries)
    }
}

/// Compiles dictionary `file` into an index at `output` (written atomically); returns a line
/// about it.
pub fn compile_file(file: &std::path::Path, output: &std::path::Path) -> Result<String> {
    let index =
        Index::open(IndexBytes::Owned(cache::compile_file(file, &embedded())?)).map_err(|e| {
            Error::Index {
                path: file.to_owned(),
                message: e.0,
            }
        })?;
    crate::files::write_atomic(output, index.bytes())?;
    Ok(format!(
        "{}: {} entities, {} keys, {} fuzzy tokens ({:.1} MB)",
        output.display(),
        index.entity_count(),
        index.key_count(),
        index.token_count(),
        index.bytes().len() as f64 / 1e6
    ))
}

/// Runs `tidings gazetteer …`.
pub fn run(command: GazetteerCommand) -> Result<Status> {
    let mut out = std::io::stdout().lock();
    match command {
        GazetteerCommand::Lookup { name, dictionaries } => {
            let text = lookup(gazetteer_with(&dictionaries)?, &name)?;
            out.write_all(text.as_bytes()).map_err(Error::Output)?;
            Ok(Status::Clean)
        }
        GazetteerCommand::Check { file } => {
            let warnings = check_file(&file)?;
            for (line, message) in &warnings {
                writeln!(out, "{}:{line}: {message}", file.display()).map_err(Error::Output)?;
            }
            if warnings.is_empty() {
                writeln!(out, "{}: ok", file.display()).map_err(Error::Output)?;
                Ok(Status::Clean)
            } else {
                Ok(Status::Findings)
            }
        }
        GazetteerCommand::Stats { dictionaries } => {
            for (source, entities, keys) in gazetteer_with(&dictionaries)?.statistics() {
                writeln!(out, "{source}: {entities} entities, {keys} keys")
                    .map_err(Error::Output)?;
            }
            Ok(Status::Clean)
        }
        GazetteerCommand::Compile { file, output } => {
            let line = compile_file(&file, &output)?;
            writeln!(out, "{line}").map_err(Error::Output)?;
            Ok(Status::Clean)
        }
    }
}
