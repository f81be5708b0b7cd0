//! `tidings diff`: print the fixes `fix` would make, as a unified or word diff.

use super::args::DiffArgs;
use super::input::{self, is_explicit};
use super::settings::Settings;
use super::{Status, note, print_error};
use crate::error::{Error, Result};
use crate::files::{Target, collect_targets};
use crate::fixes::FixLevel;
use crate::report::diff;
use rayon::prelude::*;
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
    let mut errors = Vec::new();
    let targets = collect_targets(&paths, &settings.filter, &mut errors);
    for error in &errors {
        print_error(error);
    }
    let outcomes: Vec<(Target, Result<Option<String>>)> = targets
        .into_par_iter()
        .map(|target| {
            let outcome = diff_target(
                &settings,
                &target,
                is_explicit(&paths, &target),
                level,
                args.word_diff,
            );
            (target, outcome)
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = !errors.is_empty();
    let mut changed = false;
    for (target, outcome) in outcomes {
        match outcome {
            Ok(Some(text)) => {
                changed |= !text.is_empty();
                out.write_all(text.as_bytes()).map_err(Error::Output)?;
            }
            Ok(None) => note(&format!(
                "skipping binary file {}",
                settings.display_name(&target)
            )),
            Err(error) => {
                failed = true;
                print_error(&error);
            }
        }
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
