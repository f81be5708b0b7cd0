//! `tidings diff`: print the fixes `fix` would make, as a unified or word diff.

use super::args::DiffArgs;
use super::input;
use super::settings::Settings;
use super::{Status, for_each_target};
use crate::error::{Error, Result};
use crate::files::Target;
use crate::fixes::FixLevel;
use crate::report::diff;
use std::io::Write;
use std::path::PathBuf;

fn diff_target(
    settings: &Settings,
    target: &Target,
    explicit: bool,
    level: FixLevel,
    word_diff: bool,
) -> Result<Option<String>> {
    let Some(mut opened) = input::open(settings, target, explicit)? else {
        return Ok(None);
    };
    let text = opened.read_all()?;
    let fixed = settings.linter.fix(&text, opened.format, level);
    Ok(Some(if word_diff {
        diff::words(&opened.name, &text, &fixed.text, settings.color)
    } else {
        diff::unified(&opened.name, &text, &fixed.text, settings.color)
    }))
}

/// Runs `tidings diff`.
pub fn run(args: DiffArgs) -> Result<Status> {
    let settings = Settings::from_args(&args.common)?;
    let level = if args.all {
        FixLevel::All
    } else {
        FixLevel::Safe
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let (diffs, failed) = for_each_target(&settings, &paths, |target, explicit| {
        diff_target(&settings, target, explicit, level, args.word_diff)
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut changed = false;
    for (_, text) in diffs {
        changed |= !text.is_empty();
        out.write_all(text.as_bytes()).map_err(Error::Output)?;
    }
    out.flush().map_err(Error::Output)?;
    Ok(if failed {
        Status::Error
    } else if changed {
        Status::Findings
    } else {
        Status::Clean
    })
}
