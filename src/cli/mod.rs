//! The command line: thin glue from flags to the library (like ripgrep's and typos' binaries).
//!
//! Each subcommand is one file. Flags are parsed in two stages: clap's raw [`args`], then
//! validated [`settings::Settings`] that build the linter.

pub mod args;
mod check;
mod diff;
mod eval;
mod explain;
mod fix;
mod gazetteer;
mod input;
mod progress;
pub mod settings;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

/// How a run ended, mapped to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Exit 0: nothing found, or fixes applied.
    Clean,
    /// Exit 1: findings (`check`) or changes (`diff`).
    Findings,
    /// Exit 2: an error (bad input, bad config, bad arguments).
    Error,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Clean => 0,
            Status::Findings => 1,
            Status::Error => 2,
        })
    }
}

/// Prints an error the way every command does.
pub(crate) fn print_error(error: &crate::error::Error) {
    eprintln!("tidings: error: {error}");
}

/// Prints a note (a skipped file, …) on stderr.
pub(crate) fn note(message: &str) {
    eprintln!("tidings: note: {message}");
}

/// Expands `paths`, runs `work` on every target in parallel and hands back the results in
/// a deterministic order. Walk errors and per-file errors are printed; binary files met while
/// walking (`Ok(None)` from `work`) are noted. The flag is true when anything failed. `work`
/// reports the bytes it has read to the progress bar, which is drawn only for long runs at a
/// terminal (the input is sized, a `stat` per file, only then).
pub(crate) fn for_each_target<T: Send>(
    settings: &settings::Settings,
    paths: &[std::path::PathBuf],
    work: impl Fn(&crate::files::Target, bool, &progress::Progress) -> crate::error::Result<Option<T>>
    + Sync,
) -> (Vec<(crate::files::Target, T)>, bool) {
    use rayon::prelude::*;
    let mut errors = Vec::new();
    let targets = crate::files::collect_targets(paths, &settings.filter, &mut errors);
    for error in &errors {
        print_error(error);
    }
    // Sized only when a bar may be drawn, and then in parallel (a `stat` per file).
    let progress = progress::Progress::new(targets.len(), || {
        targets
            .par_iter()
            .map(|target| match target {
                crate::files::Target::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
                crate::files::Target::Stdin => 0,
            })
            .sum()
    });
    let outcomes: Vec<_> = targets
        .into_par_iter()
        .map(|target| {
            let outcome = work(&target, input::is_explicit(paths, &target), &progress);
            (target, outcome)
        })
        .collect();
    drop(progress);
    let mut failed = !errors.is_empty();
    let mut done = Vec::with_capacity(outcomes.len());
    for (target, outcome) in outcomes {
        match outcome {
            Ok(Some(value)) => done.push((target, value)),
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
    (done, failed)
}

/// Parses the command line, runs the command and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Fix(args) => fix::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Explain { rule } => explain::explain(&rule),
        Command::Rules => explain::list(),
        Command::Lsp { stdio: _ } => crate::lsp::serve_stdio().map(|()| Status::Clean),
        Command::Eval(args) => eval::run(args),
        Command::Gazetteer(command) => gazetteer::run(command),
    };
    match result {
        Ok(status) => status.into(),
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            print_error(&error);
            Status::Error.into()
        }
    }
}
