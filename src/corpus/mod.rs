//! Articles in: files, directories and stdin, in every supported format, each with its
//! publication date and a map from its analysed text back to the bytes it was read from.

mod dateline;
mod decode;
mod html;
mod jsonl;
mod markdown;
pub mod source_map;
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
    #[error("is empty")]
    Empty,
    #[error("has bad front matter on line {line}: {message}")]
    FrontMatter { line: usize, message: String },
    #[error("has a bad JSON line: {message}")]
    Json { message: String },
    #[error("has an article with no `text`")]
    MissingText,
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

/// Reads and parses one input: one article, or several for JSONL.
pub fn load(input: &Input, options: &LoadOptions) -> Vec<Result<Article, ArticleError>> {
    match input {
        Input::Path(path) => {
            let origin = Origin::File(path.clone());
            match std::fs::metadata(path) {
                Ok(metadata) if metadata.len() > options.max_file_size => {
                    return vec![Err(ArticleError {
                        origin,
                        span: None,
                        kind: ArticleErrorKind::TooLarge {
                            size: metadata.len(),
                            limit: options.max_file_size,
                        },
                    })]
                }
                Ok(metadata) if metadata.is_dir() => {
                    return vec![Err(ArticleError {
                        origin,
                        span: None,
                        kind: ArticleErrorKind::Unreadable {
                            message: "is a directory".to_string(),
                        },
                    })]
                }
                Err(error) => return vec![Err(unreadable(origin, &error))],
                Ok(_) => {}
            }
            match std::fs::read(path) {
                Ok(bytes) => load_bytes(origin, format_of(path), &bytes),
                Err(error) => vec![Err(unreadable(origin, &error))],
            }
        }
        Input::Stdin => {
            let mut bytes = Vec::new();
            let limit = options.max_file_size.saturating_add(1);
            match std::io::stdin().take(limit).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() as u64 > options.max_file_size => vec![Err(ArticleError {
                    origin: Origin::Stdin,
                    span: None,
                    kind: ArticleErrorKind::TooLarge {
                        size: bytes.len() as u64,
                        limit: options.max_file_size,
                    },
                })],
                Ok(_) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let format = if html::looks_like_html(&text) {
                        Format::Html
                    } else {
                        Format::Text
                    };
                    load_bytes(Origin::Stdin, format, &bytes)
                }
                Err(error) => vec![Err(unreadable(Origin::Stdin, &error))],
            }
        }
    }
}

/// Parses bytes read from `path` (its extension chooses the format).
pub fn load_file_bytes(path: &Path, bytes: &[u8]) -> Vec<Result<Article, ArticleError>> {
    load_bytes(Origin::File(path.to_path_buf()), format_of(path), bytes)
}

fn load_bytes(origin: Origin, format: Format, bytes: &[u8]) -> Vec<Result<Article, ArticleError>> {
    let fail = |kind| {
        vec![Err(ArticleError {
            origin: origin.clone(),
            span: None,
            kind,
        })]
    };
    let decoded = match decode::decode(bytes, format != Format::Jsonl) {
        Ok(decoded) => decoded,
        Err(decode::DecodeError::Binary) => return fail(ArticleErrorKind::Binary),
        Err(decode::DecodeError::Empty) => return fail(ArticleErrorKind::Empty),
    };
    let mut warnings = Vec::new();
    if let Some(at) = decoded.first_invalid {
        warnings.push(format!("invalid UTF-8 at byte {at}, decoded lossily"));
    }
    let article = |text: String, map: SourceMap, title, metadata_date: Option<NaiveDate>| {
        let (published, published_from) = match metadata_date {
            Some(date) => (Some(date), PublishedFrom::Metadata),
            None => match dateline::find_dateline(&text) {
                Some((date, _)) => (Some(date), PublishedFrom::Dateline),
                None => (None, PublishedFrom::None),
            },
        };
        Article {
            origin: origin.clone(),
            title,
            published,
            published_from,
            text,
            map,
            warnings: warnings.clone(),
        }
    };
    match format {
        Format::Text => vec![Ok(article(decoded.text, decoded.map, None, None))],
        Format::Jsonl => match &origin {
            Origin::File(path) => jsonl::articles(path, &decoded.text),
            _ => vec![Ok(article(decoded.text, decoded.map, None, None))],
        },
        Format::Markdown => match markdown::split(&decoded.text) {
            Ok(split) => {
                let body_start = split.body_start;
                let body = split.body.to_string();
                let mut map = SourceMap::default();
                for segment in decoded.map.segments() {
                    // Keep the part of the decoded text's map that covers the body.
                    let start = segment.text_start.max(body_start);
                    let end = (segment.text_start + segment.text_len).min(body_start + body.len());
                    if start >= end {
                        continue;
                    }
                    if segment.exact {
                        let shift = start - segment.text_start;
                        map.push_exact(
                            start - body_start,
                            segment.source_start + shift,
                            end - start,
                        );
                    } else {
                        map.push_replaced(
                            start - body_start,
                            end - start,
                            segment.source_start,
                            segment.source_len,
                        );
                    }
                }
                vec![Ok(article(body, map, split.front.title, split.front.date))]
            }
            Err(kind) => {
                let line = match &kind {
                    ArticleErrorKind::FrontMatter { line, .. } => *line,
                    _ => 1,
                };
                let start = decoded
                    .text
                    .split_inclusive('\n')
                    .take(line.saturating_sub(1))
                    .map(str::len)
                    .sum::<usize>();
                let end = decoded.text[start..]
                    .find('\n')
                    .map_or(decoded.text.len(), |i| start + i);
                let (start, end) = decoded.map.to_source(start, end);
                vec![Err(ArticleError {
                    origin: origin.clone(),
                    span: Some((start, end)),
                    kind,
                })]
            }
        },
        Format::Html => {
            let page = html::page(&decoded.text);
            if page.text.trim().is_empty() {
                return fail(ArticleErrorKind::Empty);
            }
            // The page's map points into the decoded text; compose it with the decoding map.
            let mut map = SourceMap::default();
            for segment in page.map.segments() {
                let (start, end) = decoded.map.to_source(
                    segment.source_start,
                    segment.source_start + segment.source_len,
                );
                if segment.exact && end - start == segment.text_len {
                    map.push_exact(segment.text_start, start, segment.text_len);
                } else {
                    map.push_replaced(segment.text_start, segment.text_len, start, end - start);
                }
            }
            vec![Ok(article(page.text, map, page.title, page.published))]
        }
    }
}

/// The `text` of one JSONL line (its bytes, without the newline): what that article's offsets
/// point into.
pub fn jsonl_line_text(line: &[u8]) -> Option<Vec<u8>> {
    jsonl::line_text(&String::from_utf8_lossy(line), 1).map(String::into_bytes)
}

/// The bytes label offsets of `origin` point into, read again to render findings.
pub fn read_source(origin: &Origin) -> Result<Vec<u8>, ArticleError> {
    match origin {
        Origin::File(path) => {
            std::fs::read(path).map_err(|error| unreadable(origin.clone(), &error))
        }
        Origin::JsonlLine { path, line } => {
            let bytes = std::fs::read(path).map_err(|error| unreadable(origin.clone(), &error))?;
            let text = String::from_utf8_lossy(&bytes);
            jsonl::line_text(&text, *line)
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
