//! Rule-pack errors: each points at the line and column of the TOML file it comes from.

use std::ops::Range;

use crate::position::line_column;
use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// A rule file that cannot be used, with the place in it that says why.
#[derive(Debug, Error, Diagnostic)]
#[error("{file}:{line}:{column}: {message}")]
#[diagnostic(code(claimlint::rules))]
pub struct PackError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl PackError {
    /// An error at `span` (byte offsets) of the rule file `file` holding `source`.
    pub fn at(file: &str, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let (line, column) = line_column(source.as_bytes(), start);
        let message = message.into();
        PackError {
            file: file.to_string(),
            line,
            column,
            label: message.clone(),
            message,
            source_code: NamedSource::new(file, source.to_string()),
            span: (start, end - start).into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_names_line_and_column_of_its_span() {
        let source = "a = 1\nb = 2\nc = [\n";
        let error = PackError::at("rules/x.toml", source, 14..15, "bad");
        assert_eq!((error.line, error.column), (3, 3));
        assert_eq!(error.to_string(), "rules/x.toml:3:3: bad");
    }

    #[test]
    fn column_counts_characters_not_bytes() {
        assert_eq!(line_column("é = x".as_bytes(), 4), (1, 4));
    }
}
