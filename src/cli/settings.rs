//! The second stage of argument parsing: raw flags plus `tidings.toml` become validated
//! settings that know how to build the pipeline (as ripgrep's `HiArgs` do).

use super::args::{ColorChoice, CommonArgs, HouseStyleArg};
use crate::config::Config;
use crate::document::Format;
use crate::error::{Error, Result};
use crate::files::{FileFilter, Target};
use crate::gazetteer::Gazetteer;
use crate::linter::Linter;
use crate::rules::{Diacritics, HouseStyle, RuleOptions};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Everything a command needs, validated.
pub struct Settings {
    /// The configured linter.
    pub linter: Linter,
    /// Which files directory walks take.
    pub filter: FileFilter,
    /// Format forced for stdin.
    pub input_format: Option<Format>,
    /// Name reported for stdin.
    pub stdin_name: String,
    /// Whether stdout gets colours.
    pub color: bool,
    /// The configuration file used, if any.
    pub config_path: Option<PathBuf>,
}

impl Settings {
    /// Loads the configuration (unless disabled) and merges the command-line flags over it:
    /// `--select` replaces the configured selection, `--ignore` adds to it.
    pub fn from_args(common: &CommonArgs) -> Result<Settings> {
        let cwd = std::env::current_dir().map_err(|source| Error::Read {
            path: PathBuf::from("."),
            source,
        })?;
        Settings::from_args_in(common, &cwd)
    }

    /// As [`Settings::from_args`], looking for `tidings.toml` upward from `dir` (an editor's
    /// workspace root) rather than the working directory; relative paths in `common` are
    /// taken relative to `dir`.
    pub fn from_args_in(common: &CommonArgs, dir: &Path) -> Result<Settings> {
        let config = if common.no_config {
            Config::default()
        } else if let Some(path) = &common.config {
            let path = dir.join(path);
            if !path.is_file() {
                return Err(Error::NotFound { path });
            }
            Config::load(&path)?
        } else {
            match Config::discover(dir) {
                Some(path) => Config::load(&path)?,
                None => Config::default(),
            }
        };
        let select = if common.select.is_empty() {
            config.select.clone()
        } else {
            common.select.clone()
        };
        let mut ignore = config.ignore.clone();
        ignore.extend(common.ignore.iter().cloned());
        let min_confidence = common
            .min_confidence
            .or(config.min_confidence)
            .unwrap_or(0.0);
        let options = RuleOptions {
            house_style: match common.house_style {
                Some(HouseStyleArg::Suggest) => HouseStyle::Suggest,
                Some(HouseStyleArg::Fix) => HouseStyle::Fix,
                Some(HouseStyleArg::Off) => HouseStyle::Off,
                None => config.style.house.unwrap_or_default(),
            },
            diacritics: if common.restore_diacritics {
                Diacritics::Restore
            } else {
                config.style.diacritics.unwrap_or_default()
            },
            curly_quotes: common.curly_quotes || config.style.curly_quotes.unwrap_or(false),
        };
        let mut dictionaries: Vec<PathBuf> =
            common.dictionaries.iter().map(|p| dir.join(p)).collect();
        dictionaries.extend(config.dictionaries.iter().cloned());
        for path in &dictionaries {
            if !path.is_file() {
                return Err(Error::NotFound { path: path.clone() });
            }
        }
        let gazetteer = if dictionaries.is_empty() {
            Gazetteer::embedded()
        } else {
            Gazetteer::with_dictionaries(&dictionaries)?
        };
        let linter = Linter::new(&select, &ignore, min_confidence, options, gazetteer)?;
        let filter = FileFilter::new(&config.include, &config.exclude)?;
        Ok(Settings {
            linter,
            filter,
            input_format: common.input_format,
            stdin_name: common
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "-".to_owned()),
            color: use_color(common.color),
            config_path: config.path,
        })
    }

    /// The format of a target: `--input-format` or the stdin name's extension for stdin, the
    /// extension for files.
    pub fn format_of(&self, target: &Target) -> Format {
        match target {
            Target::Stdin => self
                .input_format
                .unwrap_or_else(|| Format::from_path(Path::new(&self.stdin_name))),
            Target::File(path) => Format::from_path(path),
        }
    }

    /// The name a target is reported under.
    pub fn display_name(&self, target: &Target) -> String {
        match target {
            Target::Stdin => self.stdin_name.clone(),
            Target::File(path) => {
                let shown = path.display().to_string();
                shown.strip_prefix("./").map(str::to_owned).unwrap_or(shown)
            }
        }
    }
}

/// Decides on colours for stdout.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
