//! Findings: what a check reports, with labels that point at claims in the articles.

use std::sync::Arc;

use crate::checks::CheckKind;
use crate::extract::Span;
use crate::pack::Severity;

/// A place in an article that a finding points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    /// Index of the article in the analysis.
    pub article: usize,
    /// Bytes of the article's analysed text.
    pub span: Span,
    pub primary: bool,
    /// Shared: a check that cites one event in many findings says the same of it in each.
    pub message: Arc<str>,
}

impl Label {
    pub fn primary(article: usize, span: Span, message: impl Into<Arc<str>>) -> Self {
        Label {
            article,
            span,
            primary: true,
            message: message.into(),
        }
    }

    pub fn related(article: usize, span: Span, message: impl Into<Arc<str>>) -> Self {
        Label {
            article,
            span,
            primary: false,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub check: CheckKind,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Primary label first; never empty for a pack check.
    pub labels: Vec<Label>,
}

impl Finding {
    /// The label findings are sorted by: the primary one.
    pub fn anchor(&self) -> Option<&Label> {
        self.labels
            .iter()
            .find(|label| label.primary)
            .or(self.labels.first())
    }
}
