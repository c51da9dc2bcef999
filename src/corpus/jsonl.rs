//! JSONL: one article per line (`id`, `date`, `title`, `text`, `url`); a bad line is reported
//! with its number and the other lines still load.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::decode::Decoded;
use super::json_string;
use super::{dateline, ArticleErrorKind, Metadata, Parsed, Problem, SourceMap};

/// A line's fields; its `text` first read as the raw JSON token (see [`read_line`]).
#[derive(Debug, Deserialize)]
struct Line<Text> {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    text: Option<Text>,
}

/// A line's fields. The text is decoded from its token by [`json_string::decoded`], in one
/// pass; a line it does not take is parsed again by serde_json alone, which gives the same
/// fields or the error it would have given.
fn read_line(line: &str) -> Result<Line<String>, serde_json::Error> {
    let raw: Line<&RawValue> = serde_json::from_str(line)?;
    let text = match raw.text {
        Some(token) => match json_string::decoded(token) {
            Some(text) => Some(text),
            None => return serde_json::from_str(line),
        },
        None => None,
    };
    Ok(Line {
        id: raw.id,
        date: raw.date,
        title: raw.title,
        url: raw.url,
        text,
    })
}

/// One line's article: its 1-based line number, what it holds, and the source offset of a
/// repaired byte in it.
pub struct LineArticle {
    pub line: usize,
    /// The line's first byte in its file.
    pub start: u64,
    pub parsed: Parsed,
    pub first_invalid: Option<usize>,
}

/// A date from a `date` value: an ISO date or datetime, or a written date.
fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    value
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
        .filter(|_| {
            value
                .get(10..)
                .is_some_and(|time| time.is_empty() || time.starts_with(['T', 't', ' ']))
        })
        .or_else(|| dateline::find_dateline(value).map(|(date, _)| date))
}

/// Why one line holds no article; the line number is added by the caller.
enum LineError {
    Json(String),
    MissingText,
}

impl LineError {
    fn on_line(self, line: usize) -> ArticleErrorKind {
        match self {
            LineError::Json(message) => ArticleErrorKind::Json { line, message },
            LineError::MissingText => ArticleErrorKind::MissingText { line },
        }
    }
}

/// A JSON parser's message, with the position given as a column: each line is parsed on its
/// own, so its "line 1" would contradict the line number reported beside it.
fn json_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => format!(
            "{} at column {}",
            message.get(..at).unwrap_or(&message),
            error.column()
        ),
        None => message,
    }
}

/// One line's article, or why not.
fn parse_line(line: &str) -> Result<Parsed, LineError> {
    let parsed = read_line(line).map_err(|error| LineError::Json(json_message(&error)))?;
    let text = parsed.text.ok_or(LineError::MissingText)?;
    if text.trim().is_empty() {
        return Err(LineError::Json("`text` is empty".to_string()));
    }
    let date = match parsed.date.as_deref() {
        Some(value) if !value.trim().is_empty() => Some(parse_date(value).ok_or_else(|| {
            LineError::Json(format!("`date` is not a date: {value:?} (use 2022-01-27)"))
        })?),
        _ => None,
    };
    let id = parsed.id.and_then(|id| match id {
        serde_json::Value::String(id) => Some(id),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    });
    Ok(Parsed {
        // The article's source is the decoded `text` itself, not the escaped JSON line.
        map: SourceMap::shifted(text.len(), 0),
        text,
        metadata: Metadata {
            title: parsed.title,
            date,
            publication: None,
            url: parsed.url,
            id,
        },
    })
}

/// Every line's article, or why not with the line's bytes in the file; blank lines are
/// skipped. `first_line` is the number of the text's first line in its file.
pub fn parse(decoded: &Decoded, first_line: usize) -> Vec<Result<LineArticle, Problem>> {
    let mut found = Vec::new();
    let mut offset = 0;
    for (index, line) in lines_of(&decoded.text).enumerate() {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            continue;
        }
        let number = first_line + index;
        let end = start + content.len();
        found.push(match parse_line(content) {
            Ok(parsed) => Ok(LineArticle {
                line: number,
                // The first line starts the file, before any byte order mark the map skips.
                start: if number == 1 {
                    0
                } else {
                    decoded.map.to_source(start, start).0 as u64
                },
                parsed,
                first_invalid: decoded.first_invalid_between(start, end),
            }),
            Err(kind) => Err(Problem {
                span: Some(decoded.map.to_source(start, end)),
                kind: kind.on_line(number),
            }),
        });
    }
    found
}

/// The lines of `text`, each with its line break, as `split_inclusive('\n')` gives them: the
/// breaks found by `memchr`'s vector search (core's, which `split_inclusive` uses, reads a
/// word at a time, and the lines of a news corpus are thousands of bytes long).
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        let end = breaks.next().map_or(text.len(), |at| at + 1);
        // A line break is ASCII: both ends are character boundaries.
        let line = text.get(start..end).filter(|line| !line.is_empty())?;
        start = end;
        Some(line)
    })
}

/// The `text` of one line of a JSONL file (without its line break): what that article's
/// offsets point into.
pub fn line_text(line: &[u8]) -> Option<String> {
    // The file's first line may open with a byte order mark the loader skipped.
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    // Checked whole first: a valid line (nearly every one) is not walked chunk by chunk.
    let line = match std::str::from_utf8(line) {
        Ok(valid) => std::borrow::Cow::Borrowed(valid),
        Err(_) => String::from_utf8_lossy(line),
    };
    read_line(line.trim_end_matches(['\n', '\r'])).ok()?.text
}

/// The `text` of line `number` (1-based) of a JSONL file.
pub fn nth_line_text(file: &[u8], number: usize) -> Option<String> {
    let line = file
        .split(|&byte| byte == b'\n')
        .nth(number.checked_sub(1)?)?;
    line_text(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::decode::decode;
    use crate::corpus::{load_file_bytes, Origin, PublishedFrom};
    use std::path::Path;

    const FILE: &str = "{\"id\": \"a\", \"date\": \"2022-01-27\", \"text\": \"Voss met Han.\", \"url\": \"https://example.org/a\", \"extra\": [1]}\nnot json\n\n{\"id\": 7, \"text\": \"Thursday, January 27, 2022\\nBody\"}\n{\"id\": \"d\"}\n{\"text\": \"x\", \"date\": \"soon\"}\n";

    #[test]
    fn good_lines_load_and_bad_lines_are_reported_with_their_numbers() {
        let loaded = load_file_bytes(Path::new("x.jsonl"), FILE.as_bytes());
        assert_eq!(loaded.len(), 5);
        let first = loaded[0].as_ref().expect("line 1 loads");
        assert_eq!(first.published_from, PublishedFrom::Metadata);
        assert_eq!(first.text, "Voss met Han.");
        assert_eq!(first.id.as_deref(), Some("a"));
        assert_eq!(first.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(
            first.origin,
            Origin::JsonlLine {
                path: Path::new("x.jsonl").into(),
                line: 1
            }
        );
        let bad = loaded[1].as_ref().expect_err("line 2 is bad");
        assert!(bad.to_string().contains("line 2"), "{bad}");
        let (start, end) = bad.span.expect("the line's bytes");
        assert_eq!(&FILE[start..end], "not json");
        let dated = loaded[2].as_ref().expect("line 4 loads");
        assert_eq!(dated.published_from, PublishedFrom::Dateline);
        assert_eq!(dated.id.as_deref(), Some("7"));
        let no_text = loaded[3].as_ref().expect_err("no text");
        assert!(no_text.to_string().contains("line 5"), "{no_text}");
        assert!(no_text.to_string().contains("no `text`"), "{no_text}");
        let bad_date = loaded[4].as_ref().expect_err("bad date");
        assert!(bad_date.to_string().contains("line 6"), "{bad_date}");
        assert!(bad_date.to_string().contains("\"soon\""), "{bad_date}");
    }

    #[test]
    fn the_article_text_is_the_decoded_text_field() {
        let loaded = load_file_bytes(
            Path::new("x.jsonl"),
            br#"{"text": "Caf\u00e9 \"talks\"\nsecond line"}"#,
        );
        let article = loaded[0].as_ref().expect("loads");
        assert_eq!(article.text, "Café \"talks\"\nsecond line");
        assert_eq!(article.map.to_source(0, 5), (0, 5));
    }

    #[test]
    fn a_bad_line_after_a_byte_order_mark_is_spanned_in_the_file() {
        let file = b"\xEF\xBB\xBF{\"text\": \"one\"}\n{bad}\n";
        let loaded = load_file_bytes(Path::new("x.jsonl"), file);
        let bad = loaded[1].as_ref().expect_err("line 2 is bad");
        let (start, end) = bad.span.expect("span");
        assert_eq!(&file[start..end], b"{bad}");
    }

    #[test]
    fn a_line_with_invalid_utf8_loads_with_a_warning() {
        let file = b"{\"text\": \"ok\"}\n{\"text\": \"b\xFFd\"}\n";
        let loaded = load_file_bytes(Path::new("x.jsonl"), file);
        assert!(loaded[0].as_ref().expect("line 1").warnings.is_empty());
        let repaired = loaded[1].as_ref().expect("line 2");
        assert_eq!(repaired.text, "b\u{FFFD}d");
        assert_eq!(
            repaired.warnings,
            vec!["invalid UTF-8 at byte 26, decoded lossily".to_string()]
        );
    }

    #[test]
    fn line_text_reads_back_one_article() {
        let text = b"\xEF\xBB\xBF{\"text\": \"one\"}\n{\"text\": \"two\"}\n";
        assert_eq!(nth_line_text(text, 1).as_deref(), Some("one"));
        assert_eq!(nth_line_text(text, 2).as_deref(), Some("two"));
        assert_eq!(nth_line_text(text, 3), None);
        assert_eq!(nth_line_text(text, 0), None);
    }

    proptest::proptest! {
        #[test]
        fn lines_are_split_as_split_inclusive_splits_them(text in "[a\né\r]{0,20}") {
            let lines: Vec<&str> = lines_of(&text).collect();
            let want: Vec<&str> = text.split_inclusive('\n').collect();
            proptest::prop_assert_eq!(lines, want);
        }
    }

    #[test]
    fn blank_lines_are_skipped_but_counted() {
        let decoded = decode(b"\n\n{\"text\": \"three\"}\n".to_vec(), false).expect("decodes");
        let parsed = parse(&decoded, 1);
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].as_ref().map(|found| found.line).ok(), Some(3));
    }
}
