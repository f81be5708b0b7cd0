//! `tidings fix`: apply fixes in place (atomically) or filter stdin to stdout.

use super::args::FixArgs;
use super::input;
use super::progress::Progress;
use super::settings::Settings;
use super::{Status, for_each_target};
use crate::document::Format;
use crate::error::{Error, Result};
use crate::files::{AtomicFile, CHUNK_SIZE, Target, ensure_writable, write_atomic};
use crate::fixes::{Applicability, FixLevel};
use std::io::Write;
use std::path::Path;

/// What fixing one file did.
#[derive(Debug, Default, Clone, Copy)]
pub struct FileFixes {
    /// Fixes applied.
    pub applied: usize,
    /// Suggestions left (not applied at this level).
    pub suggestions_left: usize,
    /// Flags left for review.
    pub flags_left: usize,
}

fn count_left(fixes: &mut FileFixes, remaining: &[crate::fixes::Finding]) {
    for f in remaining {
        match f.applicability {
            Applicability::Suggest => fixes.suggestions_left += 1,
            Applicability::Flag => fixes.flags_left += 1,
            Applicability::Safe => {}
        }
    }
}

/// Fixes stdin to stdout, a chunk at a time for plain text.
fn fix_stdin(settings: &Settings, level: FixLevel) -> Result<FileFixes> {
    let Some(mut opened) = input::open(settings, &Target::Stdin, true)? else {
        return Ok(FileFixes::default());
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut fixes = FileFixes::default();
    let mut emit = |text: &str, format: Format, out: &mut dyn Write| -> Result<()> {
        let fixed = settings.linter.fix(text, format, level);
        fixes.applied += fixed.applied.len();
        count_left(&mut fixes, &fixed.remaining);
        out.write_all(fixed.text.as_bytes()).map_err(Error::Output)
    };
    if opened.format == Format::Markdown {
        let text = opened.read_all()?;
        emit(&text, opened.format, &mut out)?;
    } else {
        while let Some(chunk) = opened.reader.next_chunk()? {
            emit(chunk.text, opened.format, &mut out)?;
        }
    }
    out.flush().map_err(Error::Output)?;
    Ok(fixes)
}

/// Fixes one file in place. Nothing is written unless something changed, and an error at any
/// point (bad UTF-8 half-way through a big file, a full disk) leaves the original untouched.
fn fix_file(
    settings: &Settings,
    target: &Target,
    explicit: bool,
    level: FixLevel,
    progress: &Progress,
) -> Result<Option<FileFixes>> {
    let Target::File(path) = target else {
        return Err(Error::Usage(
            "`-` cannot be mixed with other paths".to_owned(),
        ));
    };
    ensure_writable(path)?;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let Some(mut opened) = input::open(settings, target, explicit)? else {
        return Ok(None);
    };
    let mut fixes = FileFixes::default();
    if opened.format == Format::Markdown || size <= CHUNK_SIZE as u64 {
        let text = opened.read_all()?;
        let fixed = settings.linter.fix(&text, opened.format, level);
        progress.advance(text.len() as u64);
        fixes.applied = fixed.applied.len();
        count_left(&mut fixes, &fixed.remaining);
        if fixed.text != text {
            write_atomic(path, fixed.text.as_bytes())?;
        }
        return Ok(Some(fixes));
    }
    let mut replacement = AtomicFile::create(path)?;
    let mut changed = false;
    while let Some(chunk) = opened.reader.next_chunk()? {
        let fixed = settings.linter.fix(chunk.text, opened.format, level);
        progress.advance(chunk.text.len() as u64);
        changed |= fixed.text != chunk.text;
        fixes.applied += fixed.applied.len();
        count_left(&mut fixes, &fixed.remaining);
        replacement.write(fixed.text.as_bytes())?;
    }
    if changed {
        replacement.commit()?;
    }
    Ok(Some(fixes))
}

/// Runs `tidings fix`.
pub fn run(args: FixArgs) -> Result<Status> {
    let settings = Settings::from_args(&args.common)?;
    let level = if args.all {
        FixLevel::All
    } else {
        FixLevel::Safe
    };
    let stdin = Path::new("-");
    if args.paths.iter().any(|p| p == stdin) {
        if args.paths.len() > 1 {
            return Err(Error::Usage(
                "`tidings fix -` filters stdin to stdout and takes no other paths".to_owned(),
            ));
        }
        fix_stdin(&settings, level)?;
        return Ok(Status::Clean);
    }
    let (files, failed) = for_each_target(&settings, &args.paths, |target, explicit, progress| {
        fix_file(&settings, target, explicit, level, progress)
    });
    let mut total = FileFixes::default();
    let mut files_changed = 0;
    for (target, fixes) in files {
        if fixes.applied > 0 {
            files_changed += 1;
            if !args.quiet {
                eprintln!(
                    "fixed {} in {}",
                    plural(fixes.applied, "issue"),
                    settings.display_name(&target)
                );
            }
        }
        total.applied += fixes.applied;
        total.suggestions_left += fixes.suggestions_left;
        total.flags_left += fixes.flags_left;
    }
    if !args.quiet {
        let mut line = format!(
            "tidings: fixed {} in {}",
            plural(total.applied, "issue"),
            plural(files_changed, "file")
        );
        if total.suggestions_left > 0 {
            line.push_str(&format!(
                "; {} left (apply with `tidings fix --all`)",
                plural(total.suggestions_left, "suggestion")
            ));
        }
        if total.flags_left > 0 {
            line.push_str(&format!(
                "; {} to review (`tidings check`)",
                plural(total.flags_left, "finding")
            ));
        }
        eprintln!("{line}");
    }
    Ok(if failed { Status::Error } else { Status::Clean })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
