//! A progress bar on stderr for long runs (indicatif), shown only to a person at a terminal:
//! never when stderr is piped or redirected, never in CI (`CI` set) or on a dumb terminal, and
//! never for small inputs, where it would only flicker.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Inputs smaller than this finish before a bar is worth drawing.
const MIN_BYTES: u64 = 32 << 20;
/// Or this many files.
const MIN_FILES: usize = 2_000;

/// Bytes of input done so far; a no-op when no bar is shown.
#[derive(Debug)]
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for `files` files of `bytes()` bytes in all, when one should be shown.
    ///
    /// `bytes` is asked only when a bar could be drawn at all (stderr a terminal, not CI, not a
    /// dumb terminal): sizing the input costs a `stat` per file, which is wasted work (and a
    /// serial phase before the parallel one) when the output goes to a pipe or a file.
    pub(crate) fn new(files: usize, bytes: impl FnOnce() -> u64) -> Self {
        let drawable = std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none()
            && std::env::var("TERM").map_or(true, |term| term != "dumb");
        if !drawable {
            return Progress { bar: None };
        }
        let bytes = bytes();
        let wanted = bytes >= MIN_BYTES || files >= MIN_FILES;
        Progress {
            bar: wanted.then(|| Self::bar(bytes)),
        }
    }

    fn bar(bytes: u64) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta})",
        ) {
            bar.set_style(style);
        }
        bar
    }

    /// Counts `bytes` more of input as done.
    pub(crate) fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    /// True when a bar is drawn.
    #[cfg(test)]
    pub(crate) fn is_shown(&self) -> bool {
        self.bar.is_some()
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        // Leave no half-drawn bar above the report.
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_bar_for_small_inputs_or_when_stderr_is_not_a_terminal() {
        // Small inputs never get a bar, whatever stderr is.
        assert!(!Progress::new(1, || 1 << 10).is_shown());
        // The test harness captures stderr (not a terminal), so even a large input gets none,
        // and its size is not even asked.
        if !std::io::stderr().is_terminal() {
            assert!(!Progress::new(1, || 1 << 40).is_shown());
            assert!(!Progress::new(1, || unreachable!("sized without a terminal")).is_shown());
        }
        let small = Progress::new(0, || 0);
        small.advance(10);
        assert!(!small.is_shown());
    }
}
