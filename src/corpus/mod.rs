//! Articles in: files, directories and stdin, in every supported format, each with its
//! publication date and a map from its analysed text back to the bytes it was read from.

mod dateline;
mod decode;
mod html;
mod json_string;
mod jsonl;
mod markdown;
mod pieces;
pub mod source_map;
mod spare;
mod txt;
mod walk;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use dateline::find_dateline;
pub use pieces::{load_unit, units, Unit};
pub use source_map::{Segment, SourceMap};
pub use walk::{discover, Discovery, Input, WalkOptions, EXTENSIONS};

/// Where an article was read from. A JSONL file holds one article per line.
///
/// Origins sort as the corpus is read: by path (a shard's lines in order, beside the files
/// whose names sort around it), standard input last.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    // Shared: every line of a JSONL shard names the same file.
    File(Arc<Path>),
    JsonlLine { path: Arc<Path>, line: usize },
    Stdin,
}

impl Origin {
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::File(path) | Origin::JsonlLine { path, .. } => Some(path),
            Origin::Stdin => None,
        }
    }

    /// Standard input after every path; a path's file before its lines (one path is never
    /// both, but the order must tell every two origins apart).
    fn sort_key(&self) -> (bool, Option<&Path>, bool, usize) {
        match self {
            Origin::File(path) => (false, Some(path), false, 0),
            Origin::JsonlLine { path, line } => (false, Some(path), true, *line),
            Origin::Stdin => (true, None, false, 0),
        }
    }
}

impl Ord for Origin {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Origin {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
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
    /// For a JSONL article, the byte its line starts at in the file: where the report reads
    /// the line again, instead of counting lines to it.
    pub line_start: Option<u64>,
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
    let origin = Origin::File(Arc::from(path));
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
    let format = format_of(path);
    // A JSONL file's bytes are let go once its lines are parsed, and their memory serves the
    // next; another file's become its article's text, sized to it.
    let read = match format {
        Format::Jsonl => std::fs::File::open(path).and_then(spare::read_to_end),
        _ => std::fs::read(path),
    };
    match read {
        Ok(bytes) => load_document(origin, format, bytes),
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
            load_document(Origin::Stdin, format, bytes)
        }
        Err(error) => vec![Err(unreadable(Origin::Stdin, &error))],
    }
}

/// Parses bytes read from `path`; its extension chooses the format (plain text when unknown).
pub fn load_file_bytes(path: &Path, bytes: &[u8]) -> Vec<Result<Article, ArticleError>> {
    load_document(
        Origin::File(Arc::from(path)),
        format_of(path),
        bytes.to_vec(),
    )
}

fn load_document(
    origin: Origin,
    format: Format,
    bytes: Vec<u8>,
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
    if let (Format::Jsonl, Origin::File(path)) = (format, &origin) {
        return jsonl_articles(path, decoded, 1);
    }
    let warnings = lossy_warning(decoded.first_invalid);
    let parsed = match format {
        Format::Text | Format::Jsonl => Ok(txt::parse(decoded)),
        Format::Markdown => markdown::parse(decoded),
        Format::Html => Ok(html::parse(decoded)),
    };
    vec![parsed
        .and_then(|parsed| article(origin.clone(), parsed, warnings))
        .map_err(failed)]
}

/// Each line's article; a bad line's problem points at its bytes in the file. `first_line`
/// is the number of the decoded text's first line in the file. The articles copy their texts
/// out of the JSON: the decoded bytes' memory goes back to the thread's spare buffer.
fn jsonl_articles(
    path: &Arc<Path>,
    decoded: decode::Decoded,
    first_line: usize,
) -> Vec<Result<Article, ArticleError>> {
    let lines = jsonl::parse(&decoded, first_line);
    spare::give_back(decoded.text.into_bytes());
    lines
        .into_iter()
        .map(|line| match line {
            Ok(line) => {
                let origin = Origin::JsonlLine {
                    path: Arc::clone(path),
                    line: line.line,
                };
                let warnings = lossy_warning(line.first_invalid);
                article(origin.clone(), line.parsed, warnings)
                    .map(|article| Article {
                        line_start: Some(line.start),
                        ..article
                    })
                    .map_err(|problem| ArticleError {
                        origin,
                        span: problem.span,
                        kind: problem.kind,
                    })
            }
            Err(problem) => Err(ArticleError {
                origin: Origin::File(Arc::clone(path)),
                span: problem.span,
                kind: problem.kind,
            }),
        })
        .collect()
}

fn lossy_warning(first_invalid: Option<usize>) -> Vec<String> {
    first_invalid
        .map(|at| format!("invalid UTF-8 at byte {at}, decoded lossily"))
        .into_iter()
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
        line_start: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_sort_as_the_corpus_is_read() {
        let file = |name: &str| Origin::File(Path::new(name).into());
        let line = |name: &str, line| Origin::JsonlLine {
            path: Path::new(name).into(),
            line,
        };
        let mut origins = vec![
            Origin::Stdin,
            file("c.txt"),
            line("b.jsonl", 10),
            file("a.txt"),
            line("b.jsonl", 2),
        ];
        origins.sort();
        assert_eq!(
            origins,
            [
                file("a.txt"),
                line("b.jsonl", 2),
                line("b.jsonl", 10),
                file("c.txt"),
                Origin::Stdin
            ]
        );
    }

    fn only(loaded: Vec<Result<Article, ArticleError>>) -> Result<Article, ArticleError> {
        let mut loaded = loaded.into_iter();
        let first = loaded.next().expect("one result");
        assert!(loaded.next().is_none(), "more than one result");
        first
    }

    fn quote<'s>(source: &'s [u8], article: &Article, word: &str) -> &'s [u8] {
        let start = article.text.find(word).expect("word in text");
        let (from, to) = article.map.to_source(start, start + word.len());
        &source[from..to]
    }

    #[test]
    fn a_binary_file_is_an_error() {
        let error = only(load_file_bytes(Path::new("a.txt"), b"PK\x03\x04\0\0text")).unwrap_err();
        assert_eq!(error.kind, ArticleErrorKind::Binary);
        assert_eq!(error.to_string(), "a.txt is a binary file, not text");
    }

    #[test]
    fn an_empty_or_blank_file_is_an_error() {
        for bytes in [&b""[..], b"  \n\t\r\n", b"\xEF\xBB\xBF\n"] {
            let error = only(load_file_bytes(Path::new("a.md"), bytes)).unwrap_err();
            assert_eq!(error.kind, ArticleErrorKind::Empty, "{bytes:?}");
        }
    }

    #[test]
    fn front_matter_with_no_body_is_empty() {
        let error = only(load_file_bytes(
            Path::new("a.md"),
            b"---\ntitle: Only a title\n---\n\n",
        ))
        .unwrap_err();
        assert_eq!(error.kind, ArticleErrorKind::Empty);
    }

    #[test]
    fn html_with_no_visible_text_is_empty() {
        let error = only(load_file_bytes(
            Path::new("a.html"),
            b"<html><head><title>T</title></head><body><script>x()</script></body></html>",
        ))
        .unwrap_err();
        assert_eq!(error.kind, ArticleErrorKind::Empty);
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_a_warning_and_mapped_to_the_bad_bytes() {
        let source = b"Talks in Ves\xE9ka began.\n";
        let article = only(load_file_bytes(Path::new("a.txt"), source)).expect("loads");
        assert_eq!(article.text, "Talks in Ves\u{FFFD}ka began.\n");
        assert_eq!(
            article.warnings,
            vec!["invalid UTF-8 at byte 12, decoded lossily".to_string()]
        );
        assert_eq!(quote(source, &article, "\u{FFFD}"), b"\xE9");
        assert_eq!(quote(source, &article, "began"), b"began");
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_offsets_still_quote_the_file() {
        let source = b"\xEF\xBB\xBFJanuary 27, 2022\nThe talks began.\n";
        let article = only(load_file_bytes(Path::new("a.txt"), source)).expect("loads");
        assert!(article.text.starts_with("January"));
        assert_eq!(quote(source, &article, "talks"), b"talks");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2022, 1, 27));
    }

    #[test]
    fn an_unknown_extension_is_read_as_text() {
        let article = only(load_file_bytes(Path::new("a.log"), b"<p>not parsed</p>")).expect("ok");
        assert_eq!(article.text, "<p>not parsed</p>");
    }

    #[test]
    fn a_directory_is_unreadable() {
        let dir = tempfile::tempdir().expect("temp dir");
        let error = only(load(
            &Input::Path(dir.path().to_path_buf()),
            &LoadOptions::default(),
        ))
        .unwrap_err();
        assert!(
            matches!(error.kind, ArticleErrorKind::Unreadable { .. }),
            "{error}"
        );
        assert!(error.to_string().contains("directory"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_is_unreadable() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("gone.txt");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).expect("symlink");
        let error = only(load(&Input::Path(link.clone()), &LoadOptions::default())).unwrap_err();
        assert_eq!(error.origin, Origin::File(link.into()));
        assert!(
            matches!(error.kind, ArticleErrorKind::Unreadable { .. }),
            "{error}"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_too_large_and_names_the_flag() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "0123456789").expect("write");
        let options = LoadOptions {
            max_file_size: 9,
            ..LoadOptions::default()
        };
        let error = only(load(&Input::Path(path), &options)).unwrap_err();
        assert_eq!(
            error.kind,
            ArticleErrorKind::TooLarge { size: 10, limit: 9 }
        );
        assert!(error.to_string().contains("--max-file-size"), "{error}");
    }

    #[test]
    fn a_file_at_the_limit_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "0123456789").expect("write");
        let options = LoadOptions {
            max_file_size: 10,
            ..LoadOptions::default()
        };
        assert!(only(load(&Input::Path(path), &options)).is_ok());
    }

    #[test]
    fn standard_input_has_the_stdin_origin_and_is_text() {
        let article = only(load_reader(
            &b"Monday, July 22, 2024\nThe talks began.\n"[..],
            &LoadOptions::default(),
        ))
        .expect("loads");
        assert_eq!(article.origin, Origin::Stdin);
        assert_eq!(article.published_from, PublishedFrom::Dateline);
        assert_eq!(article.text, "Monday, July 22, 2024\nThe talks began.\n");
    }

    #[test]
    fn standard_input_that_looks_like_html_is_read_as_html() {
        let article = only(load_reader(
            &b"  <!DOCTYPE html><html><body><p>Visible &amp; true</p></body></html>"[..],
            &LoadOptions::default(),
        ))
        .expect("loads");
        assert_eq!(article.text.trim(), "Visible & true");
    }

    #[test]
    fn standard_input_over_the_limit_is_too_large() {
        let options = LoadOptions {
            max_file_size: 4,
            ..LoadOptions::default()
        };
        let error = only(load_reader(&b"too long"[..], &options)).unwrap_err();
        assert_eq!(error.origin, Origin::Stdin);
        assert_eq!(error.kind, ArticleErrorKind::TooLarge { size: 5, limit: 4 });
    }

    #[test]
    fn standard_input_cannot_be_read_again() {
        let error = read_source(&Origin::Stdin).unwrap_err();
        assert_eq!(error.kind, ArticleErrorKind::NotRereadable);
    }

    #[test]
    fn read_source_gives_a_files_bytes_and_a_jsonl_lines_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = dir.path().join("a.txt");
        std::fs::write(&text, "plain").expect("write");
        assert_eq!(
            read_source(&Origin::File(text.into())).expect("reads"),
            b"plain".to_vec()
        );
        let lines = dir.path().join("a.jsonl");
        std::fs::write(&lines, "{\"text\": \"one\"}\n{\"text\": \"t\\u00e9\"}\n").expect("write");
        let second = Origin::JsonlLine {
            path: lines.clone().into(),
            line: 2,
        };
        assert_eq!(read_source(&second).expect("reads"), "té".as_bytes());
        let missing = Origin::JsonlLine {
            path: lines.into(),
            line: 9,
        };
        assert!(read_source(&missing).is_err());
    }

    #[test]
    fn labels_on_a_jsonl_article_quote_what_read_source_gives() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, "\n{\"text\": \"Caf\\u00e9 talks \\\"begin\\\"\"}\n").expect("write");
        let article = only(load(&Input::Path(path), &LoadOptions::default())).expect("loads");
        let source = read_source(&article.origin).expect("reads");
        assert_eq!(quote(&source, &article, "\"begin\""), b"\"begin\"");
        assert_eq!(quote(&source, &article, "Caf\u{e9}"), "Café".as_bytes());
    }

    #[test]
    fn a_markdown_body_maps_back_to_the_file() {
        let source = b"+++\ntitle = \"T\"\n+++\nThe talks began.\n";
        let article = only(load_file_bytes(Path::new("a.md"), source)).expect("loads");
        assert_eq!(article.text, "The talks began.\n");
        assert_eq!(quote(source, &article, "talks"), b"talks");
    }

    #[test]
    fn a_front_matter_date_beats_a_dateline() {
        let source = b"---\ndate: 2024-07-22\n---\nJanuary 27, 2022\nBody.\n";
        let article = only(load_file_bytes(Path::new("a.md"), source)).expect("loads");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2024, 7, 22));
        assert_eq!(article.published_from, PublishedFrom::Metadata);
    }

    #[test]
    fn a_markdown_body_dateline_gives_the_date_without_front_matter_date() {
        let source = b"---\ntitle: T\n---\nSept. 5, 2023\nBody.\n";
        let article = only(load_file_bytes(Path::new("a.markdown"), source)).expect("loads");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2023, 9, 5));
        assert_eq!(article.published_from, PublishedFrom::Dateline);
    }

    #[test]
    fn bad_front_matter_is_an_error_spanning_its_line_in_the_file() {
        let source = b"+++\ntitle = \"T\"\ndate = = 3\n+++\nBody\n";
        let error = only(load_file_bytes(Path::new("a.md"), source)).unwrap_err();
        assert!(
            matches!(error.kind, ArticleErrorKind::FrontMatter { line: 3, .. }),
            "{error}"
        );
        let (start, end) = error.span.expect("span");
        assert_eq!(&source[start..end], b"date = = 3");
        assert!(error
            .to_string()
            .starts_with("a.md has bad front matter on line 3"));
    }

    #[test]
    fn html_labels_quote_a_word_after_an_entity_exactly() {
        let source =
            "<html><body><p>Han &amp; Voss met in Veska&#8217;s Citadel.</p></body></html>";
        let article = only(load_file_bytes(Path::new("a.html"), source.as_bytes())).expect("ok");
        assert!(
            article.text.contains("Veska’s Citadel"),
            "{:?}",
            article.text
        );
        assert_eq!(quote(source.as_bytes(), &article, "Citadel"), b"Citadel");
        assert_eq!(quote(source.as_bytes(), &article, "’"), b"&#8217;");
        assert_eq!(quote(source.as_bytes(), &article, "& Voss"), b"&amp; Voss");
    }

    #[test]
    fn html_labels_quote_the_file_around_invalid_utf8() {
        let source = b"<p>Ves\xE9ka &amp; Oranport</p>";
        let article = only(load_file_bytes(Path::new("a.htm"), source)).expect("ok");
        assert_eq!(quote(source, &article, "Oranport"), b"Oranport");
        assert_eq!(quote(source, &article, "Ves"), b"Ves");
        assert_eq!(article.warnings.len(), 1);
    }

    #[test]
    fn an_html_dateline_is_used_when_there_is_no_date_markup() {
        let source =
            b"<html><body><p>ORANPORT, Jan. 27, 2022 \xE2\x80\x94 Talks began.</p></body></html>";
        let article = only(load_file_bytes(Path::new("a.html"), source)).expect("ok");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2022, 1, 27));
        assert_eq!(article.published_from, PublishedFrom::Dateline);
    }

    #[test]
    fn html_metadata_gives_the_date_title_url_and_publication() {
        let source = br#"<html><head><title>Talks &amp; more</title>
            <meta property="og:url" content="https://example.org/a">
            <meta property="og:site_name" content="The Daily">
            <meta name="article:published_time" content="2024-07-22T10:00:00+09:00">
            </head><body><p>Text.</p></body></html>"#;
        let article = only(load_file_bytes(Path::new("a.html"), source)).expect("ok");
        assert_eq!(article.title.as_deref(), Some("Talks & more"));
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2024, 7, 22));
        assert_eq!(article.published_from, PublishedFrom::Metadata);
        assert_eq!(article.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(article.publication.as_deref(), Some("The Daily"));
    }

    fn seed(name: &str) -> Article {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(name);
        only(load(&Input::Path(path), &LoadOptions::default())).expect("seed loads")
    }

    #[test]
    fn seed_000_is_dated_by_its_dateline() {
        let article = seed("000_4aadf4290b8e0acb.txt");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2022, 1, 27));
        assert_eq!(article.published_from, PublishedFrom::Dateline);
        assert!(article.warnings.is_empty());
    }

    #[test]
    fn seed_001_is_dated_by_its_dateline() {
        let article = seed("001_e907f36626033505.txt");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2024, 7, 22));
        assert_eq!(article.published_from, PublishedFrom::Dateline);
    }

    #[test]
    fn seeds_002_003_004_have_no_date() {
        for name in [
            "002_1ec6f29f9f034710.txt",
            "003_ce9650cbe7e462b2.txt",
            "004_420ad0503cdb44f6.txt",
        ] {
            let article = seed(name);
            assert_eq!(article.published, None, "{name}");
            assert_eq!(article.published_from, PublishedFrom::None, "{name}");
        }
    }

    #[test]
    fn seed_text_is_the_file_itself() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/001_e907f36626033505.txt");
        let bytes = std::fs::read(&path).expect("seed");
        let article = seed("001_e907f36626033505.txt");
        assert_eq!(article.text.as_bytes(), &bytes[..]);
        let (_, dateline) = find_dateline(&article.text).expect("dateline");
        let (from, to) = article.map.to_source(dateline.start, dateline.end);
        assert_eq!(&bytes[from..to], b"Monday, July 22, 2024");
    }

    mod robustness {
        use super::*;
        use proptest::prelude::*;

        const EXTENSIONS_TRIED: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl", "bin"];

        /// Pieces that steer random input into the parsers' interesting paths.
        const FRAGMENTS: &[&[u8]] = &[
            b"<p>",
            b"</p>",
            b"<div>",
            b"</div>",
            b"<br>",
            b"<script>",
            b"</script>",
            b"<title>",
            b"</title>",
            b"<time datetime=\"2022-01-27\">",
            b"<!--",
            b"-->",
            b"&amp;",
            b"&#8217;",
            b"&#x;",
            b"&eacute;",
            b"&",
            b";",
            b"\xFF",
            b"\xE2\x80",
            b"\xEF\xBB\xBF",
            "é—".as_bytes(),
            b"\n",
            b"\r\n",
            b"---\n",
            b"+++\n",
            b"date = 2022-01-27\n",
            b"date: 2022-02-30\n",
            b"title: \"",
            b"{\"text\": \"",
            b"\\u00e9",
            b"\\n",
            b"\", \"date\": \"2022-01-27\"}",
            b"\"}\n",
            b"\0",
            b"Thursday, January 27, 2022\n",
            b"SEOUL, Jan. 27, 2022 \xE2\x80\x94 ",
        ];

        fn document() -> impl Strategy<Value = Vec<u8>> {
            let piece = prop_oneof![
                prop::collection::vec(any::<u8>(), 0..8),
                prop::sample::select(FRAGMENTS).prop_map(<[u8]>::to_vec),
            ];
            prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
        }

        /// What an article's offsets point into, as the report would read it back.
        fn source_of(article: &Article, bytes: &[u8]) -> Vec<u8> {
            match &article.origin {
                Origin::JsonlLine { line, .. } => jsonl::nth_line_text(bytes, *line)
                    .expect("a loaded line reads back")
                    .into_bytes(),
                _ => bytes.to_vec(),
            }
        }

        fn check_map(article: &Article, source: &[u8]) {
            let mut covered = 0;
            for segment in article.map.segments() {
                assert_eq!(
                    segment.text_start, covered,
                    "segments cover the text in order"
                );
                covered += segment.text_len;
                let source_end = segment.source_start + segment.source_len;
                assert!(source_end <= source.len(), "{segment:?} beyond the source");
                if segment.exact {
                    assert_eq!(
                        source.get(segment.source_start..source_end),
                        article.text.as_bytes().get(segment.text_start..covered),
                        "an exact segment quotes the source"
                    );
                }
            }
            assert_eq!(covered, article.text.len(), "the map covers the whole text");
            let len = article.text.len();
            for (start, end) in [(0, len), (0, len / 2), (len / 3, len), (len / 2, len / 2)] {
                let (from, to) = article.map.to_source(start, end);
                assert!(
                    from <= to && to <= source.len(),
                    "{start}..{end} → {from}..{to}"
                );
            }
        }

        proptest! {
            #[test]
            fn no_bytes_make_a_loader_panic_and_every_map_stays_inside_its_source(
                bytes in prop_oneof![prop::collection::vec(any::<u8>(), 0..256), document()],
            ) {
                for extension in EXTENSIONS_TRIED {
                    let path = PathBuf::from(format!("a.{extension}"));
                    for loaded in load_file_bytes(&path, &bytes) {
                        match loaded {
                            Ok(article) => check_map(&article, &source_of(&article, &bytes)),
                            Err(error) => {
                                if let Some((start, end)) = error.span {
                                    prop_assert!(start <= end && end <= bytes.len());
                                }
                            }
                        }
                    }
                }
            }

            #[test]
            fn no_text_makes_the_dateline_finder_panic(text in "\\PC{0,80}(\n\\PC{0,40}){0,6}") {
                if let Some((_, span)) = find_dateline(&text) {
                    prop_assert!(text.get(span.start..span.end).is_some());
                }
            }
        }
    }
}
