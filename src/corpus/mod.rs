//! Articles in: files, directories and stdin, in every supported format, each with its
//! publication date and a map from its analysed text back to the bytes it was read from.

pub mod source_map;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

pub use source_map::SourceMap;

/// Where an article was read from. A JSONL file holds one article per line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    File(PathBuf),
    JsonlLine { path: PathBuf, line: usize },
    Stdin,
}

impl Origin {
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::File(path) | Origin::JsonlLine { path, .. } => Some(path),
            Origin::Stdin => None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::JsonlLine { path, line } => write!(f, "{}:{line}", path.display()),
            Origin::Stdin => f.write_str("<stdin>"),
        }
    }
}

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedFrom {
    Metadata,
    Dateline,
    None,
}

/// An article ready for extraction.
#[derive(Debug, Clone)]
pub struct Article {
    pub origin: Origin,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_from: PublishedFrom,
    /// The analysed text: visible text for HTML, the body for Markdown, `text` for JSONL.
    pub text: String,
    /// Maps offsets in `text` to offsets in the source (the file, or the JSONL line's text).
    pub map: SourceMap,
    /// Problems that did not stop the article from being checked (lossy decoding, …).
    pub warnings: Vec<String>,
}

mod stub;
pub use stub::*;
