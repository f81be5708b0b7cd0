//! Mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 (`Itâ€™s` for `It’s`).
//!
//! (Being written: see the `unicode/mojibake` rule.)

use std::ops::Range;

/// A repair of one span of mojibake.
#[derive(Debug, Clone, PartialEq)]
pub struct MojibakeFix {
    /// Byte range of the damaged text.
    pub span: Range<usize>,
    /// The repaired text.
    pub replacement: String,
    /// How sure the repair is, 0–1.
    pub confidence: f32,
}

/// Finds spans of mojibake in `text` and their repairs, in order, non-overlapping.
pub fn find_mojibake(_text: &str) -> Vec<MojibakeFix> {
    Vec::new()
}

/// `text` with every repair from [`find_mojibake`] applied.
pub fn fix_mojibake(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut position = 0;
    for fix in find_mojibake(text) {
        out.push_str(&text[position..fix.span.start]);
        out.push_str(&fix.replacement);
        position = fix.span.end;
    }
    out.push_str(&text[position..]);
    out
}
