//! `tidings eval INPUT GOLD`: score tidings (or any tool's output) against expected repairs.

use super::Status;
use super::args::EvalArgs;
use super::settings::Settings;
use crate::document::Format;
use crate::error::{Error, Result};
use crate::eval::{Outcome, load_gold, score};
use crate::files::read_text;
use crate::fixes::FixLevel;
use std::io::Write;

/// Runs `tidings eval`.
pub fn run(args: EvalArgs) -> Result<Status> {
    let input = read_text(&args.input)?;
    let gold = read_text(&args.gold)?;
    let output = match &args.output {
        Some(path) => read_text(path)?,
        None => {
            let settings = Settings::from_args(&args.common)?;
            let level = if args.all {
                FixLevel::All
            } else {
                FixLevel::Safe
            };
            let format = args
                .common
                .input_format
                .unwrap_or_else(|| Format::from_path(&args.input));
            settings.linter.fix(&input, format, level).text
        }
    };
    let records = load_gold(&args.gold, &gold, &input)?;
    let evaluation = score(&input, &output, records);
    let mut out = std::io::stdout().lock();
    if args.verbose {
        for r in &evaluation.records {
            if r.outcome != Outcome::Fixed && (r.record.required || r.outcome == Outcome::Wrong) {
                let outcome = match r.outcome {
                    Outcome::Untouched => "untouched",
                    Outcome::Wrong => "wrong",
                    Outcome::Fixed => "fixed",
                };
                writeln!(
                    out,
                    "{outcome:9} {:>6} [{}] {:?} -> {:?}; want {:?}",
                    r.record.id, r.record.category, r.record.find, r.got, r.record.options
                )
                .map_err(Error::Output)?;
            }
        }
        for stray in &evaluation.strays {
            let before = &input[floor(&input, stray.start.saturating_sub(20))..stray.start];
            let after = &input[stray.end..ceil(&input, stray.end + 20)];
            writeln!(
                out,
                "stray     {before:?} [{:?} -> {:?}] {after:?}",
                &input[stray.start..stray.end],
                stray.replacement
            )
            .map_err(Error::Output)?;
        }
    }
    if args.json {
        let json =
            serde_json::to_string(&evaluation.summary).map_err(|e| Error::Output(e.into()))?;
        writeln!(out, "{json}").map_err(Error::Output)?;
    } else {
        writeln!(out, "{}", evaluation.summary.line()).map_err(Error::Output)?;
    }
    Ok(Status::Clean)
}

fn floor(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}
