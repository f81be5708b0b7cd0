//! Reading dictionary tables: `#` comment lines, one header line naming the columns, then
//! tab-separated rows. Lists inside a cell are `|`-separated.
//!
//! This file is also compiled into the build script, so it depends on nothing but `std`.

use std::collections::HashMap;

/// What kind of thing an entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A person.
    Person,
    /// A city or town.
    City,
    /// A country.
    Country,
    /// A first-level region (state, oblast, province).
    Region,
    /// An international body or other organisation.
    Organisation,
    /// A news or photo agency.
    Agency,
    /// A company.
    Company,
    /// A political party.
    Party,
    /// A newspaper, broadcaster or other outlet.
    Media,
    /// A think tank or research institute.
    Thinktank,
    /// A summit, conference or other event.
    Event,
    /// A named military exercise.
    Exercise,
    /// A named military operation or war.
    Operation,
    /// A named agreement or negotiating format.
    Agreement,
    /// Anything else (user dictionaries).
    Other,
}

impl Kind {
    /// All kinds, in code order.
    pub const ALL: [Kind; 15] = [
        Kind::Person,
        Kind::City,
        Kind::Country,
        Kind::Region,
        Kind::Organisation,
        Kind::Agency,
        Kind::Company,
        Kind::Party,
        Kind::Media,
        Kind::Thinktank,
        Kind::Event,
        Kind::Exercise,
        Kind::Operation,
        Kind::Agreement,
        Kind::Other,
    ];

    /// The name used in dictionary files.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::City => "city",
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::Organisation => "organisation",
            Kind::Agency => "agency",
            Kind::Company => "company",
            Kind::Party => "party",
            Kind::Media => "media",
            Kind::Thinktank => "thinktank",
            Kind::Event => "event",
            Kind::Exercise => "exercise",
            Kind::Operation => "operation",
            Kind::Agreement => "agreement",
            Kind::Other => "other",
        }
    }

    /// Parses a kind name (also `organization`, `place`).
    pub fn parse(text: &str) -> Option<Kind> {
        let text = text.trim().to_ascii_lowercase();
        Some(match text.as_str() {
            "organization" => Kind::Organisation,
            "place" | "town" => Kind::City,
            "" => Kind::Other,
            other => *Kind::ALL.iter().find(|k| k.name() == other)?,
        })
    }

    /// Its code in compiled indexes.
    pub fn code(self) -> u8 {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(14) as u8
    }

    /// The kind with code `code`.
    pub fn from_code(code: u8) -> Kind {
        Kind::ALL.get(code as usize).copied().unwrap_or(Kind::Other)
    }

    /// True for cities, countries and regions.
    pub fn is_place(self) -> bool {
        matches!(self, Kind::City | Kind::Country | Kind::Region)
    }
}

/// One entry of a gazetteer dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Canonical (house) spelling.
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// 1–3, how often it is in the news.
    pub prominence: u8,
    /// Population, for places.
    pub population: u64,
    /// Spellings that are errors in English text, repaired to `name`.
    pub variants: Vec<String>,
    /// Spellings other outlets use legitimately (house style).
    pub style: Vec<String>,
    /// Role and country, or what it is.
    pub description: String,
    /// 1-based line in its file, for messages.
    pub line: usize,
}

impl Entry {
    /// An entry with only a name and a kind (prominence 2, nothing else), as a dictionary
    /// row `name<TAB>kind` on line `line` gives.
    pub fn named(name: impl Into<String>, kind: Kind, line: usize) -> Entry {
        Entry {
            name: name.into(),
            kind,
            prominence: 2,
            population: 0,
            variants: Vec::new(),
            style: Vec::new(),
            description: String::new(),
            line,
        }
    }
}

/// A problem in a dictionary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

/// A parsed table: column names and rows with their line numbers.
#[derive(Debug, Default)]
pub struct Table {
    /// Column names from the header line.
    pub columns: Vec<String>,
    /// Rows: 1-based line and cells.
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// Parses table text. Every row must have as many cells as the header has columns
    /// (trailing empty cells may be left out).
    pub fn parse(text: &str) -> Result<Table, TableError> {
        let mut table = Table::default();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            let raw = if line == 1 {
                raw.trim_start_matches('\u{feff}')
            } else {
                raw
            };
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let cells: Vec<String> = raw.split('\t').map(|c| c.trim().to_owned()).collect();
            if table.columns.is_empty() {
                table.columns = cells.iter().map(|c| c.to_ascii_lowercase()).collect();
                continue;
            }
            if cells.len() > table.columns.len() {
                return Err(TableError {
                    line,
                    message: format!(
                        "{} tab-separated cells, but the header names {} columns ({})",
                        cells.len(),
                        table.columns.len(),
                        table.columns.join(", ")
                    ),
                });
            }
            table.rows.push((line, cells));
        }
        Ok(table)
    }

    /// Index of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// Splits a `|`-separated cell.
pub fn list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Columns an entry table may have.
pub const ENTRY_COLUMNS: &[&str] = &[
    "name",
    "kind",
    "prominence",
    "population",
    "variants",
    "style",
    "description",
    "wikipedia",
];

/// Reads entries from a table with a `name` column and any of [`ENTRY_COLUMNS`].
pub fn entries(text: &str, default_kind: Kind) -> Result<Vec<Entry>, TableError> {
    let table = Table::parse(text)?;
    if table.columns.is_empty() {
        return Ok(Vec::new());
    }
    for (i, column) in table.columns.iter().enumerate() {
        if !ENTRY_COLUMNS.contains(&column.as_str()) {
            return Err(TableError {
                line: header_line(text),
                message: format!(
                    "unknown column `{column}` (column {}); expected some of: {}",
                    i + 1,
                    ENTRY_COLUMNS.join(", ")
                ),
            });
        }
    }
    let Some(name_column) = table.column("name") else {
        return Err(TableError {
            line: header_line(text),
            message: "the header has no `name` column".to_owned(),
        });
    };
    let cell = |row: &Vec<String>, column: &str| -> String {
        table
            .column(column)
            .and_then(|i| row.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let mut out = Vec::with_capacity(table.rows.len());
    for (line, row) in &table.rows {
        let line = *line;
        let name = row.get(name_column).cloned().unwrap_or_default();
        if name.is_empty() {
            return Err(TableError {
                line,
                message: "empty `name`".to_owned(),
            });
        }
        let kind_text = cell(row, "kind");
        let kind = if kind_text.is_empty() {
            default_kind
        } else {
            Kind::parse(&kind_text).ok_or_else(|| TableError {
                line,
                message: format!(
                    "unknown kind `{kind_text}`; expected one of: {}",
                    Kind::ALL
                        .iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?
        };
        let number = |column: &str, default: u64| -> Result<u64, TableError> {
            let text = cell(row, column);
            if text.is_empty() {
                return Ok(default);
            }
            text.parse().map_err(|_| TableError {
                line,
                message: format!("`{column}` must be a whole number, not `{text}`"),
            })
        };
        let prominence = number("prominence", 1)?;
        if !(1..=3).contains(&prominence) {
            return Err(TableError {
                line,
                message: format!("`prominence` must be 1, 2 or 3, not {prominence}"),
            });
        }
        out.push(Entry {
            name,
            kind,
            prominence: prominence as u8,
            population: number("population", 0)?,
            variants: list(&cell(row, "variants")),
            style: list(&cell(row, "style")),
            description: cell(row, "description"),
            line,
        });
    }
    Ok(out)
}

fn header_line(text: &str) -> usize {
    text.lines()
        .position(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map_or(1, |i| i + 1)
}

/// A row keyed by column name, with its 1-based line.
pub type NamedRow = (usize, HashMap<String, String>);

/// Reads a two-or-more-column table into rows keyed by column name.
pub fn rows_by_name(text: &str) -> Result<Vec<NamedRow>, TableError> {
    let table = Table::parse(text)?;
    Ok(table
        .rows
        .iter()
        .map(|(line, cells)| {
            let map = table
                .columns
                .iter()
                .cloned()
                .zip(cells.iter().cloned())
                .collect();
            (*line, map)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_with_header_and_comments() {
        let text = "# comment\nname\tkind\tprominence\tvariants\tstyle\tdescription\nPete Hegseth\tperson\t3\tHegset|Gegset\t\tUS Secretary of Defense\nKyiv\tcity\n";
        let entries = entries(text, Kind::Other).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].variants, vec!["Hegset", "Gegset"]);
        assert_eq!(entries[0].prominence, 3);
        assert_eq!(entries[0].line, 3);
        assert_eq!(entries[1].kind, Kind::City);
        assert_eq!(entries[1].prominence, 1);
    }

    #[test]
    fn errors_name_the_line() {
        let err = entries("name\tkind\nX\tplanet\n", Kind::Other).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("unknown kind `planet`"));
        let err = entries("name\tcolour\nX\tred\n", Kind::Other).unwrap_err();
        assert_eq!(err.line, 1);
        let err = entries("name\tkind\nX\tperson\textra\n", Kind::Other).unwrap_err();
        assert_eq!(err.line, 2);
        let err = entries("name\tprominence\nX\t7\n", Kind::Other).unwrap_err();
        assert!(err.message.contains("prominence"));
    }

    #[test]
    fn kinds_round_trip() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(kind.code()), kind);
            assert_eq!(Kind::parse(kind.name()), Some(kind));
        }
    }
}
