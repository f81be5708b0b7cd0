//! Findings and fixes: what rules report, how overlapping fixes are merged, and how they are
//! applied without touching a byte outside their spans.

mod apply;
mod finding;
mod merge;
pub mod regions;

pub use apply::apply_edits;
pub use finding::{Applicability, Finding, FixLevel};
pub use merge::select_fixes;
