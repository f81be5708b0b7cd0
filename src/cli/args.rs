//! Command-line flags, defined once with clap; `--help` text comes from these doc comments.

use crate::document::Format;
use crate::report::{DiffFormat, OutputFormat};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Repairs the damage machine translation leaves in English news: garbled names, spacing and
/// punctuation glitches, quote and casing damage.
///
/// Exit codes: 0 clean (or fixed), 1 findings (check) or changes (diff), 2 error.
#[derive(Debug, Parser)]
#[command(
    name = "tidings",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report problems with their proposed fixes; change nothing.
    Check(CheckArgs),
    /// Apply fixes: in place for files and directories, stdin to stdout for `-`.
    Fix(FixArgs),
    /// Show the fixes `fix` would make as a diff; change nothing.
    Diff(DiffArgs),
    /// Explain a rule (or every rule of a family): what it finds, why its fix is safe, examples.
    Explain {
        /// A rule id (`spacing/hyphen-space`) or a family (`spacing`).
        rule: String,
    },
    /// List every rule with its summary.
    Rules,
    /// Run the language server on stdin/stdout (for editors: diagnostics, quick fixes, hover).
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Score a repair against a gold list of expected repairs (the format of seeds/*.gold.tsv).
    Eval(EvalArgs),
    /// Look names up in the gazetteer, or validate a dictionary of your own.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

/// `tidings gazetteer …`.
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Show what a name resolves to (entries, near spellings, lexicon) and what tidings would do.
    Lookup {
        /// The name, e.g. `Selenskyj` or `Pete HegeSth`.
        name: String,
        /// Extra dictionaries to layer over the default (repeatable).
        #[arg(long = "dictionary", value_name = "FILE")]
        dictionaries: Vec<PathBuf>,
    },
    /// Validate a user dictionary: line-numbered errors, duplicates, collisions with other
    /// entries and with common words. Exit 0 clean, 1 warnings, 2 errors.
    Check {
        /// The dictionary (TSV or TOML).
        file: PathBuf,
    },
    /// Count the entities and keys of the gazetteer: the embedded default, and the
    /// dictionaries given (compiled on first use, then read from the cache).
    Stats {
        /// Extra dictionaries to layer over the default (repeatable).
        #[arg(long = "dictionary", value_name = "FILE")]
        dictionaries: Vec<PathBuf>,
    },
    /// Compile a dictionary (TSV or TOML) into an index that `--dictionary` reads in place,
    /// to ship a large dictionary ready to use.
    Compile {
        /// The dictionary (TSV or TOML).
        file: PathBuf,
        /// Where to write the index.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

/// When to use colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Flags shared by `check`, `fix` and `diff`.
#[derive(Debug, Args, Clone, Default)]
pub struct CommonArgs {
    /// Use this configuration file instead of the nearest tidings.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore tidings.toml files.
    #[arg(long)]
    pub no_config: bool,
    /// Only these rule families or ids (comma-separated or repeated), e.g. `spacing,names/fuzzy`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Skip these rule families or ids.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Drop findings whose confidence is below this (0–1).
    #[arg(long, value_name = "N", value_parser = parse_confidence)]
    pub min_confidence: Option<f32>,
    /// Format of stdin (files are recognised by extension: .md is Markdown, else plain text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<Format>,
    /// Name to report for stdin (its extension also picks the format).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Extra gazetteer dictionary (TSV or TOML); repeatable. Its entries win over the defaults.
    #[arg(long = "dictionary", value_name = "FILE")]
    pub dictionaries: Vec<PathBuf>,
    /// House style for other outlets' spellings (`Kiev`): suggest, fix or off.
    #[arg(long, value_enum, value_name = "MODE")]
    pub house_style: Option<HouseStyleArg>,
    /// Put diacritics back in repaired names (`Gümrükçü`), even where the text has none.
    #[arg(long)]
    pub restore_diacritics: bool,
    /// Turn "straight" quotation marks and apostrophes into “curly” ones (a house style).
    #[arg(long)]
    pub curly_quotes: bool,
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `--house-style` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HouseStyleArg {
    /// Offer the house spelling as a suggestion.
    Suggest,
    /// Apply the house spelling as a safe fix.
    Fix,
    /// Say nothing.
    Off,
}

fn parse_confidence(text: &str) -> Result<f32, String> {
    let value: f32 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err("must be between 0 and 1".to_owned())
    }
}

/// `tidings check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check (`-` for stdin). Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub format: OutputFormat,
    /// Flags shared with the other commands.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `tidings fix`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files or directories to fix in place, or `-` to filter stdin to stdout.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Also apply suggestions, not only safe fixes.
    #[arg(long)]
    pub all: bool,
    /// Print nothing on stderr unless something goes wrong.
    #[arg(long, short)]
    pub quiet: bool,
    /// Flags shared with the other commands.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `tidings diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Files or directories (`-` for stdin). Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Include suggestions, not only safe fixes.
    #[arg(long)]
    pub all: bool,
    /// Mark changed words inside lines (`[-old-]{+new+}`) instead of whole lines
    /// (the same as `--format word`).
    #[arg(long, conflicts_with = "format")]
    pub word_diff: bool,
    /// How to show the changes: a unified diff, a word diff, or a self-contained HTML redline
    /// page to review fix by fix in a browser.
    #[arg(long, value_enum, default_value_t = DiffFormat::Unified)]
    pub format: DiffFormat,
    /// Write the output to FILE instead of stdout (handy for `--format html`).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Flags shared with the other commands.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `tidings eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The original text.
    pub input: PathBuf,
    /// The gold list of expected repairs (TSV: id, category, required, find, options).
    pub gold: PathBuf,
    /// A repaired text to score; by default tidings repairs INPUT itself.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When repairing INPUT, also apply suggestions.
    #[arg(long)]
    pub all: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// List misses, wrong fixes and stray changes.
    #[arg(long, short)]
    pub verbose: bool,
    /// Flags shared with the other commands.
    #[command(flatten)]
    pub common: CommonArgs,
}
