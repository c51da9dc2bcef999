//! JSONL: one article per line (`id`, `date`, `title`, `text`, `url`); a bad line is reported
//! with its number and the other lines still load.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{dateline, Article, ArticleError, ArticleErrorKind, Origin, PublishedFrom, SourceMap};

#[derive(Debug, Deserialize)]
struct Line {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    text: Option<String>,
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    value
        .trim()
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
        .or_else(|| dateline::find_dateline(value).map(|(date, _)| date))
}

/// One line's article, or why not.
fn article(path: &Path, number: usize, line: &str) -> Result<Article, ArticleErrorKind> {
    let parsed: Line = serde_json::from_str(line).map_err(|error| ArticleErrorKind::Json {
        message: error.to_string(),
    })?;
    let text = parsed.text.ok_or(ArticleErrorKind::MissingText)?;
    if text.trim().is_empty() {
        return Err(ArticleErrorKind::Empty);
    }
    let metadata_date = match parsed.date.as_deref() {
        Some(value) if !value.trim().is_empty() => {
            Some(parse_date(value).ok_or_else(|| ArticleErrorKind::Json {
                message: format!("`date` is not a date: {value:?} (use 2022-01-27)"),
            })?)
        }
        _ => None,
    };
    let (published, published_from) = match metadata_date {
        Some(date) => (Some(date), PublishedFrom::Metadata),
        None => match dateline::find_dateline(&text) {
            Some((date, _)) => (Some(date), PublishedFrom::Dateline),
            None => (None, PublishedFrom::None),
        },
    };
    Ok(Article {
        origin: Origin::JsonlLine {
            path: path.to_path_buf(),
            line: number,
        },
        title: parsed.title,
        published,
        published_from,
        map: SourceMap::shifted(text.len(), 0),
        text,
        warnings: Vec::new(),
    })
}

/// Every line's article; blank lines are skipped.
pub fn articles(path: &Path, text: &str) -> Vec<Result<Article, ArticleError>> {
    let mut found = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            continue;
        }
        found.push(
            article(path, index + 1, content).map_err(|kind| ArticleError {
                origin: Origin::File(path.to_path_buf()),
                span: Some((start, start + content.len())),
                kind: match kind {
                    ArticleErrorKind::Json { message } => ArticleErrorKind::Json {
                        message: format!("line {}: {message}", index + 1),
                    },
                    ArticleErrorKind::MissingText => ArticleErrorKind::Json {
                        message: format!("line {}: no `text` field", index + 1),
                    },
                    ArticleErrorKind::Empty => ArticleErrorKind::Json {
                        message: format!("line {}: `text` is empty", index + 1),
                    },
                    other => other,
                },
            }),
        );
    }
    found
}

/// The text of line `number` of a JSONL file: what that article's label offsets point into.
pub fn line_text(file: &str, number: usize) -> Option<String> {
    let line = file.split_inclusive('\n').nth(number.checked_sub(1)?)?;
    let parsed: Line = serde_json::from_str(line.trim_end_matches(['\n', '\r'])).ok()?;
    parsed.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_load_and_bad_lines_are_reported_with_their_numbers() {
        let text = "{\"id\": \"a\", \"date\": \"2022-01-27\", \"text\": \"Voss met Han.\"}\nnot json\n\n{\"id\": \"c\", \"text\": \"Thursday, January 27, 2022\\nBody\"}\n{\"id\": \"d\"}\n";
        let loaded = articles(Path::new("x.jsonl"), text);
        assert_eq!(loaded.len(), 4);
        let first = loaded[0].as_ref().expect("line 1 loads");
        assert_eq!(first.published_from, PublishedFrom::Metadata);
        assert_eq!(
            first.origin,
            Origin::JsonlLine {
                path: "x.jsonl".into(),
                line: 1
            }
        );
        let bad = loaded[1].as_ref().expect_err("line 2 is bad");
        assert!(bad.to_string().contains("line 2"), "{bad}");
        assert_eq!(bad.span, Some((59, 67)));
        let dated = loaded[2].as_ref().expect("line 4 loads");
        assert_eq!(dated.published_from, PublishedFrom::Dateline);
        assert!(loaded[3]
            .as_ref()
            .expect_err("no text")
            .to_string()
            .contains("line 5"));
    }

    #[test]
    fn line_text_reads_back_one_article() {
        let text = "{\"text\": \"one\"}\n{\"text\": \"two\"}\n";
        assert_eq!(line_text(text, 2).as_deref(), Some("two"));
        assert_eq!(line_text(text, 3), None);
        assert_eq!(line_text(text, 0), None);
    }
}
