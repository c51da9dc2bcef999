//! Articles in: files, directories and stdin, in every supported format, each with its
//! publication date and a map from its analysed text back to the bytes it was read from.

mod dateline;
mod decode;
mod html;
mod jsonl;
mod markdown;
pub mod source_map;
mod txt;
mod walk;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use dateline::find_dateline;
pub use source_map::SourceMap;
pub use walk::{discover, Discovery, Input, WalkOptions, EXTENSIONS};

/// Where an article was read from. A JSONL file holds one article per line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The JSONL `id`.
    pub id: Option<String>,
    /// Where the article is published online (front matter or JSONL `url`, HTML `og:url`).
    pub url: Option<String>,
    /// The outlet that published it (front matter `source`, HTML `og:site_name`).
    pub publication: Option<String>,
}

/// A path named on the command line that does not exist, or a bad exclude glob.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    #[error("bad exclude pattern `{0}`: {1}")]
    BadGlob(String, String),
}

/// Why an article (or a whole file) could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArticleErrorKind {
    #[error("cannot be read: {message}")]
    Unreadable { message: String },
    #[error("is a binary file, not text")]
    Binary,
    #[error("is empty: it has no text to check")]
    Empty,
    #[error("has bad front matter on line {line}: {message}")]
    FrontMatter { line: usize, message: String },
    #[error("has a bad article on line {line}: {message}")]
    Json { line: usize, message: String },
    #[error("has an article on line {line} with no `text` field, so nothing to check")]
    MissingText { line: usize },
    #[error("is {size} bytes, more than the limit of {limit} (raise it with --max-file-size)")]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot be read again from standard input")]
    NotRereadable,
}

/// An input that could not be checked, with where in the source the problem is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin} {kind}")]
pub struct ArticleError {
    pub origin: Origin,
    /// Source bytes of the problem (a bad JSONL line, the front matter).
    pub span: Option<(usize, usize)>,
    pub kind: ArticleErrorKind,
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this are reported, not read.
    pub max_file_size: u64,
    /// Show a progress bar on stderr (a terminal, a large corpus).
    pub progress: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: 512 * 1024 * 1024,
            progress: false,
        }
    }
}

/// What a document says about itself, beside its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    /// A date the document states outright (front matter, `<meta>`, a JSONL field).
    pub date: Option<NaiveDate>,
    pub publication: Option<String>,
    pub url: Option<String>,
    pub id: Option<String>,
}

/// What a format reader found in one document, before its publication date is settled.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub text: String,
    pub map: SourceMap,
    pub metadata: Metadata,
}

/// Why a document, or one JSONL line, could not be read; its origin is added by the loader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub span: Option<(usize, usize)>,
    pub kind: ArticleErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
}

fn format_of(path: &Path) -> Format {
    let extension = path
        .extension()
        .and_then(|ext| ext.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("md" | "markdown") => Format::Markdown,
        Some("html" | "htm") => Format::Html,
        Some("jsonl") => Format::Jsonl,
        _ => Format::Text,
    }
}

fn unreadable(origin: Origin, error: &std::io::Error) -> ArticleError {
    ArticleError {
        origin,
        span: None,
        kind: ArticleErrorKind::Unreadable {
            message: error.to_string(),
        },
    }
}

fn too_large(origin: Origin, size: u64, limit: u64) -> ArticleError {
    ArticleError {
        origin,
        span: None,
        kind: ArticleErrorKind::TooLarge { size, limit },
    }
}

/// Reads and parses one input: one article, or several for JSONL.
pub fn load(input: &Input, options: &LoadOptions) -> Vec<Result<Article, ArticleError>> {
    match input {
        Input::Path(path) => load_path(path, options),
        Input::Stdin => load_reader(std::io::stdin().lock(), options),
    }
}

fn load_path(path: &Path, options: &LoadOptions) -> Vec<Result<Article, ArticleError>> {
    let origin = Origin::File(path.to_path_buf());
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => {
            return vec![Err(ArticleError {
                origin,
                span: None,
                kind: ArticleErrorKind::Unreadable {
                    message: "it is a directory, not a file".to_string(),
                },
            })]
        }
        Ok(metadata) if metadata.len() > options.max_file_size => {
            return vec![Err(too_large(
                origin,
                metadata.len(),
                options.max_file_size,
            ))]
        }
        Err(error) => return vec![Err(unreadable(origin, &error))],
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => load_document(origin, format_of(path), &bytes),
        Err(error) => vec![Err(unreadable(origin, &error))],
    }
}

/// Reads standard input (or any reader standing in for it): HTML when it looks like an HTML
/// document, plain text otherwise, since there is no file name to tell.
fn load_reader(reader: impl Read, options: &LoadOptions) -> Vec<Result<Article, ArticleError>> {
    let mut bytes = Vec::new();
    // One byte past the limit tells a stream at the limit from one beyond it.
    let limit = options.max_file_size.saturating_add(1);
    match reader.take(limit).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > options.max_file_size => vec![Err(too_large(
            Origin::Stdin,
            bytes.len() as u64,
            options.max_file_size,
        ))],
        Ok(_) => {
            let format = if html::looks_like_html(&bytes) {
                Format::Html
            } else {
                Format::Text
            };
            load_document(Origin::Stdin, format, &bytes)
        }
        Err(error) => vec![Err(unreadable(Origin::Stdin, &error))],
    }
}

/// Parses bytes read from `path`; its extension chooses the format (plain text when unknown).
pub fn load_file_bytes(path: &Path, bytes: &[u8]) -> Vec<Result<Article, ArticleError>> {
    load_document(Origin::File(path.to_path_buf()), format_of(path), bytes)
}

fn load_document(
    origin: Origin,
    format: Format,
    bytes: &[u8],
) -> Vec<Result<Article, ArticleError>> {
    let failed = |problem: Problem| ArticleError {
        origin: origin.clone(),
        span: problem.span,
        kind: problem.kind,
    };
    // A NUL byte is no reason to refuse a whole JSONL file: only the lines holding one fail.
    let decoded = match decode::decode(bytes, format != Format::Jsonl) {
        Ok(decoded) => decoded,
        Err(decode::DecodeError::Binary) => {
            return vec![Err(failed(Problem {
                span: None,
                kind: ArticleErrorKind::Binary,
            }))]
        }
        Err(decode::DecodeError::Empty) => {
            return vec![Err(failed(Problem {
                span: None,
                kind: ArticleErrorKind::Empty,
            }))]
        }
    };
    let lossy_warning = |first_invalid: Option<usize>| -> Vec<String> {
        first_invalid
            .map(|at| format!("invalid UTF-8 at byte {at}, decoded lossily"))
            .into_iter()
            .collect()
    };
    let path = match (&origin, format) {
        (Origin::File(path), Format::Jsonl) => path.clone(),
        _ => {
            let warnings = lossy_warning(decoded.first_invalid);
            let parsed = match format {
                Format::Text | Format::Jsonl => Ok(txt::parse(decoded)),
                Format::Markdown => markdown::parse(decoded),
                Format::Html => Ok(html::parse(decoded)),
            };
            return vec![parsed
                .and_then(|parsed| article(origin.clone(), parsed, warnings))
                .map_err(failed)];
        }
    };
    jsonl::parse(&decoded)
        .into_iter()
        .map(|line| {
            let line = line.map_err(failed)?;
            let origin = Origin::JsonlLine {
                path: path.clone(),
                line: line.line,
            };
            let warnings = lossy_warning(line.first_invalid);
            article(origin.clone(), line.parsed, warnings).map_err(|problem| ArticleError {
                origin,
                span: problem.span,
                kind: problem.kind,
            })
        })
        .collect()
}

/// Settles the publication date (a stated date beats a dateline) and refuses a document with
/// no text left to check.
fn article(origin: Origin, parsed: Parsed, warnings: Vec<String>) -> Result<Article, Problem> {
    if parsed.text.trim().is_empty() {
        return Err(Problem {
            span: None,
            kind: ArticleErrorKind::Empty,
        });
    }
    let (published, published_from) = match parsed.metadata.date {
        Some(date) => (Some(date), PublishedFrom::Metadata),
        None => match dateline::find_dateline(&parsed.text) {
            Some((date, _)) => (Some(date), PublishedFrom::Dateline),
            None => (None, PublishedFrom::None),
        },
    };
    Ok(Article {
        origin,
        title: parsed.metadata.title,
        published,
        published_from,
        text: parsed.text,
        map: parsed.map,
        warnings,
        id: parsed.metadata.id,
        url: parsed.metadata.url,
        publication: parsed.metadata.publication,
    })
}

/// The `text` of one JSONL line (its bytes, without the newline): what that article's offsets
/// point into.
pub fn jsonl_line_text(line: &[u8]) -> Option<Vec<u8>> {
    jsonl::line_text(line).map(String::into_bytes)
}

/// The bytes label offsets of `origin` point into, read again to render findings.
pub fn read_source(origin: &Origin) -> Result<Vec<u8>, ArticleError> {
    match origin {
        Origin::File(path) => {
            std::fs::read(path).map_err(|error| unreadable(origin.clone(), &error))
        }
        Origin::JsonlLine { path, line } => {
            let bytes = std::fs::read(path).map_err(|error| unreadable(origin.clone(), &error))?;
            jsonl::nth_line_text(&bytes, *line)
                .map(String::into_bytes)
                .ok_or_else(|| ArticleError {
                    origin: origin.clone(),
                    span: None,
                    kind: ArticleErrorKind::Unreadable {
                        message: "the line changed since it was checked".to_string(),
                    },
                })
        }
        Origin::Stdin => Err(ArticleError {
            origin: Origin::Stdin,
            span: None,
            kind: ArticleErrorKind::NotRereadable,
        }),
    }
}
