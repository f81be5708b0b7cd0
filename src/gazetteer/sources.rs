//! Reading the default dictionaries in `dictionaries/` into entries and lexicon data.
//!
//! Used by `build.rs` to compile the embedded index (this file is included there) and by
//! tests. Depends on nothing but `std` and its sibling modules.

use super::compile::{Lexicon, lexicon_words, word_flag};
use super::fold::fold;
use super::tsv::{Entry, Kind, TableError, entries, list, rows_by_name};
use std::collections::HashMap;
use std::path::Path;

/// Entity files of the default gazetteer, with the kind assumed when a row gives none.
pub const ENTITY_FILES: &[(&str, Kind)] = &[
    ("people.tsv", Kind::Person),
    ("organisations.tsv", Kind::Organisation),
    ("events.tsv", Kind::Event),
    ("places.tsv", Kind::City),
];

/// Every file the default gazetteer is compiled from.
pub const ALL_FILES: &[&str] = &[
    "people.tsv",
    "organisations.tsv",
    "events.tsv",
    "places.tsv",
    "house_style.tsv",
    "words.tsv",
    "name_parts.tsv",
    "demonyms.tsv",
];

fn read(dir: &Path, name: &str) -> Result<String, String> {
    std::fs::read_to_string(dir.join(name))
        .map_err(|e| format!("{}: {e}", dir.join(name).display()))
}

fn located(name: &str) -> impl Fn(TableError) -> String + '_ {
    move |e| format!("dictionaries/{name}:{}: {}", e.line, e.message)
}

/// Reads all default dictionaries from `dir`.
pub fn load(dir: &Path) -> Result<(Vec<Entry>, Lexicon), String> {
    let mut all = Vec::new();
    for (name, kind) in ENTITY_FILES {
        let mut found = entries(&read(dir, name)?, *kind).map_err(located(name))?;
        all.append(&mut found);
    }
    apply_house_style(&mut all, &read(dir, "house_style.tsv")?)?;

    let mut lexicon = Lexicon {
        words: lexicon_words(
            &rows_by_name(&read(dir, "words.tsv")?).map_err(located("words.tsv"))?,
        ),
        groups: Vec::new(),
    };
    for (_, row) in
        rows_by_name(&read(dir, "name_parts.tsv")?).map_err(located("name_parts.tsv"))?
    {
        let forms: Vec<String> = list(row.get("forms").map_or("", String::as_str))
            .iter()
            .map(|f| fold(f))
            .collect();
        for form in &forms {
            lexicon
                .words
                .push((form.clone(), 0xff | word_flag::NAME_FORM));
        }
        lexicon.groups.push(forms);
    }
    for (_, row) in rows_by_name(&read(dir, "demonyms.tsv")?).map_err(located("demonyms.tsv"))? {
        for demonym in demonym_forms(&row) {
            lexicon
                .words
                .push((fold(&demonym), 0xff | word_flag::DEMONYM));
        }
    }
    Ok((all, lexicon))
}

/// Renames places to their house spelling and moves legitimate older spellings from
/// `variants` (errors) to `style` (house style).
fn apply_house_style(entries: &mut [Entry], text: &str) -> Result<(), String> {
    for (line, row) in rows_by_name(text).map_err(located("house_style.tsv"))? {
        let entry_name = row.get("entry").cloned().unwrap_or_default();
        let house = row.get("house").cloned().unwrap_or_default();
        let style = list(row.get("style").map_or("", String::as_str));
        let mut found = false;
        for entry in entries
            .iter_mut()
            .filter(|e| e.kind.is_place() && e.name == entry_name)
        {
            found = true;
            entry.name = house.clone();
            let folded_style: Vec<String> = style.iter().map(|s| fold(s)).collect();
            entry.variants.retain(|v| !folded_style.contains(&fold(v)));
            for s in &style {
                if fold(s) != fold(&entry.name) && !entry.style.contains(s) {
                    entry.style.push(s.clone());
                }
            }
        }
        if !found {
            return Err(format!(
                "dictionaries/house_style.tsv:{line}: no place named `{entry_name}` in places.tsv"
            ));
        }
    }
    Ok(())
}

/// The nationality adjectives of a row of `demonyms.tsv`: the main one, then its variants.
pub fn demonym_forms(row: &HashMap<String, String>) -> impl Iterator<Item = String> + use<> {
    row.get("demonym")
        .cloned()
        .into_iter()
        .chain(row.get("variants").map(|v| list(v)).unwrap_or_default())
}
