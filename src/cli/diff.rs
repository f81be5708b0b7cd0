//! `tidings diff`: show the fixes `fix` would make, as a unified diff, a word diff, or an HTML
//! redline page. Nothing is written to the files.

use super::args::DiffArgs;
use super::input;
use super::settings::Settings;
use super::{Status, for_each_target};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::files::{Target, write_atomic};
use crate::fixes::FixLevel;
use crate::report::{DiffFormat, diff, html};
use std::io::Write;
use std::path::PathBuf;

/// One file's rendering, and whether it proposes anything.
struct Rendered {
    text: String,
    changed: bool,
}

fn diff_target(
    settings: &Settings,
    target: &Target,
    explicit: bool,
    level: FixLevel,
    format: DiffFormat,
) -> Result<Option<Rendered>> {
    let Some(mut opened) = input::open(settings, target, explicit)? else {
        return Ok(None);
    };
    let text = opened.read_all()?;
    if format == DiffFormat::Html {
        let doc = Document::new(&text, opened.format);
        let findings = settings.linter.check(&doc);
        return Ok(Some(Rendered {
            changed: !findings.is_empty(),
            text: html::redline(&opened.name, &text, &findings, &doc.protected_regions()),
        }));
    }
    let fixed = settings.linter.fix(&text, opened.format, level);
    let rendered = if format == DiffFormat::Word {
        diff::words(&opened.name, &text, &fixed.text, settings.color)
    } else {
        diff::unified(&opened.name, &text, &fixed.text, settings.color)
    };
    Ok(Some(Rendered {
        changed: !rendered.is_empty(),
        text: rendered,
    }))
}

/// Runs `tidings diff`.
pub fn run(args: DiffArgs) -> Result<Status> {
    let mut settings = Settings::from_args(&args.common)?;
    let format = if args.word_diff {
        DiffFormat::Word
    } else {
        args.format
    };
    if format == DiffFormat::Html || args.output.is_some() {
        // A page or a file is not a terminal.
        settings.color = false;
    }
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
    let (rendered, failed) = for_each_target(&settings, &paths, |target, explicit, progress| {
        let rendered = diff_target(&settings, target, explicit, level, format);
        if let crate::files::Target::File(path) = target {
            progress.advance(std::fs::metadata(path).map_or(0, |m| m.len()));
        }
        rendered
    });
    if format == DiffFormat::Html && rendered.len() > 1 {
        return Err(Error::BadPath {
            path: paths[0].clone(),
            message: format!(
                "`--format html` shows one article per page, but {} files were found; name one file",
                rendered.len()
            ),
        });
    }
    let changed = rendered.iter().any(|(_, r)| r.changed);
    let output: String = rendered.into_iter().map(|(_, r)| r.text).collect();
    match &args.output {
        Some(path) => write_atomic(path, output.as_bytes())?,
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            out.write_all(output.as_bytes()).map_err(Error::Output)?;
            out.flush().map_err(Error::Output)?;
        }
    }
    Ok(if failed {
        Status::Error
    } else if changed {
        Status::Findings
    } else {
        Status::Clean
    })
}
