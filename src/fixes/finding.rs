//! The finding model shared by every rule, the command line, reports and the editor front-ends.

use crate::rules::RuleMeta;
use serde::Serialize;
use std::ops::Range;

/// How far a fix may be trusted, decided per finding (like ruff's `Applicability`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Reported for a human to look at; no replacement is offered.
    Flag,
    /// A replacement is offered, but only applied on request (`fix --all`).
    Suggest,
    /// A careful sub-editor would apply it without looking: `fix` applies it.
    Safe,
}

impl Applicability {
    /// The lowercase name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            Applicability::Flag => "flag",
            Applicability::Suggest => "suggest",
            Applicability::Safe => "safe",
        }
    }
}

/// Which fixes `fix` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixLevel {
    /// Only `safe` fixes (the default).
    #[default]
    Safe,
    /// `safe` and `suggest` fixes (`fix --all`).
    All,
}

impl FixLevel {
    /// True when a fix of `applicability` is applied at this level.
    pub fn applies(self, applicability: Applicability) -> bool {
        match self {
            FixLevel::Safe => applicability == Applicability::Safe,
            FixLevel::All => applicability >= Applicability::Suggest,
        }
    }
}

/// One problem found in a document, with its proposed repair.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule that found it.
    pub rule: &'static RuleMeta,
    /// Byte span in the document's text.
    pub span: Range<usize>,
    /// The text to put in place of the span; `None` for a flag.
    pub replacement: Option<String>,
    /// How sure the rule is that the replacement is right, 0–1.
    pub confidence: f32,
    /// Whether `fix` may apply it.
    pub applicability: Applicability,
    /// What is wrong, for the reader of a report.
    pub message: String,
    /// Why the rule believes it (the evidence), for the reviewer of a fix.
    pub reason: String,
}

impl Finding {
    /// A finding with a replacement.
    pub fn fix(
        rule: &'static RuleMeta,
        span: Range<usize>,
        replacement: impl Into<String>,
        applicability: Applicability,
        confidence: f32,
    ) -> Self {
        let replacement = replacement.into();
        Finding {
            rule,
            span,
            message: String::new(),
            reason: String::new(),
            replacement: if applicability == Applicability::Flag {
                None
            } else {
                Some(replacement)
            },
            confidence,
            applicability,
        }
    }

    /// A finding without a replacement, for a human to review.
    pub fn flag(rule: &'static RuleMeta, span: Range<usize>, confidence: f32) -> Self {
        Finding {
            rule,
            span,
            replacement: None,
            confidence,
            applicability: Applicability::Flag,
            message: String::new(),
            reason: String::new(),
        }
    }

    /// Sets the message.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Sets the reason (the evidence).
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = reason.into();
        self
    }

    /// The rule id, `family/name`.
    pub fn rule_id(&self) -> &'static str {
        self.rule.id
    }

    /// The text the finding covers.
    pub fn original<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.clone()]
    }
}
