//! Markdown with TOML (`+++`) or YAML (`---`) front matter: `date`, `title`, `source`, `url`.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::decode::Decoded;
use super::{dateline, ArticleErrorKind, Metadata, Parsed, Problem};

/// Front matter fields the articles use; other keys are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    /// The publication (`source`).
    pub source: Option<String>,
    pub url: Option<String>,
}

/// An article's body after its front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'t> {
    pub front: FrontMatter,
    /// Byte offset of the body in the text.
    pub body_start: usize,
    pub body: &'t str,
}

/// The body of a Markdown document, mapped back to the file, with its front matter's fields.
pub fn parse(decoded: Decoded) -> Result<Parsed, Problem> {
    let split = split(&decoded.text).map_err(|kind| {
        let line = match &kind {
            ArticleErrorKind::FrontMatter { line, .. } => *line,
            _ => 1,
        };
        let (start, end) = line_range(&decoded.text, line);
        Problem {
            span: Some(decoded.map.to_source(start, end)),
            kind,
        }
    })?;
    let map = decoded.map.slice(split.body_start, decoded.text.len());
    Ok(Parsed {
        text: split.body.to_string(),
        map,
        metadata: Metadata {
            title: split.front.title,
            date: split.front.date,
            publication: split.front.source,
            url: split.front.url,
            id: None,
        },
    })
}

/// Text offsets of 1-based line `line` of `text`, without its line break.
fn line_range(text: &str, line: usize) -> (usize, usize) {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = text.get(start..).unwrap_or("");
    let end = rest.find('\n').map_or(text.len(), |at| start + at);
    (start, end)
}

/// Splits `text` into front matter and body; text without front matter is all body.
pub fn split(text: &str) -> Result<Split<'_>, ArticleErrorKind> {
    let fence = if text.starts_with("+++") {
        "+++"
    } else if text.starts_with("---") {
        "---"
    } else {
        return Ok(Split {
            front: FrontMatter::default(),
            body_start: 0,
            body: text,
        });
    };
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != fence {
        return Ok(Split {
            front: FrontMatter::default(),
            body_start: 0,
            body: text,
        });
    }
    let mut offset = first_line_end;
    let mut closing = None;
    for line in text[first_line_end..].split_inclusive('\n') {
        if line.trim_end() == fence {
            closing = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start)) = closing else {
        return Err(ArticleErrorKind::FrontMatter {
            line: 1,
            message: format!("front matter opened with `{fence}` is never closed"),
        });
    };
    let front_text = &text[first_line_end..front_end];
    let front = if fence == "+++" {
        parse_toml(front_text)
    } else {
        parse_yaml(front_text)
    }?;
    Ok(Split {
        front,
        body_start,
        body: &text[body_start..],
    })
}

/// 1-based line in the file of byte `offset` of the front matter (which starts on line 2).
fn file_line(front: &str, offset: usize) -> usize {
    // Bytes, not a str slice: an offset reported by a parser need not fall on a character.
    let before = front.as_bytes().get(..offset).unwrap_or(front.as_bytes());
    before.iter().filter(|&&byte| byte == b'\n').count() + 2
}

fn line_of_key(front: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        if line.trim_start().starts_with(key) {
            return file_line(front, offset);
        }
        offset += line.len();
    }
    2
}

fn bad_date(front: &str, value: &str) -> ArticleErrorKind {
    ArticleErrorKind::FrontMatter {
        line: line_of_key(front, "date"),
        message: format!("`date` is not a date: {value:?} (use 2022-01-27)"),
    }
}

/// A date from a front matter string: ISO date, RFC 3339 or "YYYY-MM-DD HH:MM", or a dateline.
fn parse_date_text(value: &str) -> Option<NaiveDate> {
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

fn parse_toml(front: &str) -> Result<FrontMatter, ArticleErrorKind> {
    let table: toml::Table =
        toml::from_str(front).map_err(|error| ArticleErrorKind::FrontMatter {
            line: file_line(front, error.span().map_or(0, |span| span.start)),
            message: error.message().trim().to_string(),
        })?;
    let date = match table.get("date") {
        None => None,
        Some(toml::Value::Datetime(datetime)) => {
            let day = datetime
                .date
                .ok_or_else(|| bad_date(front, &datetime.to_string()))?;
            Some(
                NaiveDate::from_ymd_opt(day.year.into(), day.month.into(), day.day.into())
                    .ok_or_else(|| bad_date(front, &datetime.to_string()))?,
            )
        }
        Some(toml::Value::String(text)) => {
            Some(parse_date_text(text).ok_or_else(|| bad_date(front, text))?)
        }
        Some(other) => return Err(bad_date(front, &other.to_string())),
    };
    let text = |key: &str| {
        table
            .get(key)
            .and_then(toml::Value::as_str)
            .map(str::to_string)
    };
    Ok(FrontMatter {
        date,
        title: text("title"),
        source: text("source"),
        url: text("url"),
    })
}

fn parse_yaml(front: &str) -> Result<FrontMatter, ArticleErrorKind> {
    if front.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let value: serde_yaml::Value =
        serde_yaml::from_str(front).map_err(|error| ArticleErrorKind::FrontMatter {
            line: error.location().map_or(2, |location| location.line() + 1),
            message: without_location(&error.to_string()),
        })?;
    let serde_yaml::Value::Mapping(mapping) = value else {
        return Err(ArticleErrorKind::FrontMatter {
            line: 2,
            message: "front matter is not a set of `key: value` lines".to_string(),
        });
    };
    let field = |key: &str| mapping.get(serde_yaml::Value::String(key.to_string()));
    let date = match field("date") {
        None | Some(serde_yaml::Value::Null) => None,
        Some(serde_yaml::Value::String(text)) => {
            Some(parse_date_text(text).ok_or_else(|| bad_date(front, text))?)
        }
        Some(other) => {
            let shown = serde_yaml::to_string(other).unwrap_or_default();
            return Err(bad_date(front, shown.trim()));
        }
    };
    let text = |key: &str| {
        field(key)
            .and_then(serde_yaml::Value::as_str)
            .map(str::to_string)
    };
    Ok(FrontMatter {
        date,
        title: text("title"),
        source: text("source"),
        url: text("url"),
    })
}

/// A YAML error message without its "at line N column M": those count from the front
/// matter's first line, not the file's, and the file's line is reported beside it.
fn without_location(message: &str) -> String {
    static LOCATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r" at line \d+ column \d+").expect("the location pattern is valid")
    });
    LOCATION.replace_all(message, "").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_front_matter_gives_date_and_title() {
        let text = "+++\ntitle = \"Summit\"\ndate = 2022-01-27\nsource = \"X\"\n+++\nBody text.\n";
        let split = split(text).expect("parses");
        assert_eq!(split.front.date, NaiveDate::from_ymd_opt(2022, 1, 27));
        assert_eq!(split.front.title.as_deref(), Some("Summit"));
        assert_eq!(split.body, "Body text.\n");
        assert_eq!(&text[split.body_start..], "Body text.\n");
    }

    #[test]
    fn yaml_front_matter_with_a_datetime_string() {
        let text = "---\ntitle: Summit\ndate: \"2024-07-22T09:00:00Z\"\nurl: https://example.org\n---\nBody.\n";
        let split = split(text).expect("parses");
        assert_eq!(split.front.date, NaiveDate::from_ymd_opt(2024, 7, 22));
    }

    #[test]
    fn yaml_bare_date() {
        let text = "---\ndate: 2024-07-22\n---\nBody.\n";
        assert_eq!(
            split(text).expect("parses").front.date,
            NaiveDate::from_ymd_opt(2024, 7, 22)
        );
    }

    #[test]
    fn unterminated_front_matter_is_an_error_on_line_1() {
        let error = split("+++\ntitle = \"x\"\nBody\n").unwrap_err();
        assert!(
            matches!(error, ArticleErrorKind::FrontMatter { line: 1, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn bad_toml_is_an_error_at_its_line() {
        let error = split("+++\ntitle = \"x\"\ndate = = 3\n+++\nBody\n").unwrap_err();
        assert!(
            matches!(error, ArticleErrorKind::FrontMatter { line: 3, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn a_date_that_is_no_date_is_an_error_at_the_date_line() {
        let error = split("---\ntitle: x\ndate: soon\n---\nBody\n").unwrap_err();
        assert!(
            matches!(error, ArticleErrorKind::FrontMatter { line: 3, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn source_and_url_are_kept_and_other_keys_ignored() {
        let text = "---\ntitle: T\nsource: The Daily\nurl: https://example.org/a\ntags: [a, b]\n---\nBody.\n";
        let front = split(text).expect("parses").front;
        assert_eq!(front.source.as_deref(), Some("The Daily"));
        assert_eq!(front.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn toml_datetimes_give_their_date() {
        for value in [
            "2022-01-27T10:00:00Z",
            "2022-01-27T10:00:00+09:00",
            "2022-01-27 10:00:00",
            "\"2022-01-27 10:00:00\"",
            "\"January 27, 2022\"",
        ] {
            let text = format!("+++\ndate = {value}\n+++\nBody\n");
            assert_eq!(
                split(&text).expect("parses").front.date,
                NaiveDate::from_ymd_opt(2022, 1, 27),
                "{value}"
            );
        }
    }

    #[test]
    fn yaml_datetime_with_a_space_gives_its_date() {
        let text = "---\ndate: 2022-01-27 10:00:00\n---\nBody\n";
        assert_eq!(
            split(text).expect("parses").front.date,
            NaiveDate::from_ymd_opt(2022, 1, 27)
        );
    }

    #[test]
    fn a_toml_time_without_a_date_is_an_error() {
        let error = split("+++\ntitle = \"x\"\ndate = 10:00:00\n+++\nBody\n").unwrap_err();
        assert!(
            matches!(error, ArticleErrorKind::FrontMatter { line: 3, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn an_impossible_front_matter_date_is_an_error() {
        let error = split("---\ndate: 2022-02-30\n---\nBody\n").unwrap_err();
        assert!(
            matches!(error, ArticleErrorKind::FrontMatter { line: 2, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn bad_yaml_is_an_error_at_its_file_line_without_the_parsers_own_count() {
        let error = split("---\ntitle: x\ndate: [unclosed\n---\nBody\n").unwrap_err();
        let ArticleErrorKind::FrontMatter { line, message } = error else {
            panic!("front matter error expected, got {error:?}");
        };
        assert!((3..=4).contains(&line), "{line}: {message}");
        assert!(!message.contains(" at line "), "{message}");
    }

    #[test]
    fn yaml_that_is_not_a_mapping_is_an_error() {
        let error = split("---\n- a\n- b\n---\nBody\n").unwrap_err();
        assert!(
            matches!(error, ArticleErrorKind::FrontMatter { line: 2, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn unterminated_yaml_front_matter_is_an_error_on_line_1() {
        let error = split("---\ntitle: x\nBody\n").unwrap_err();
        assert!(
            matches!(error, ArticleErrorKind::FrontMatter { line: 1, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn front_matter_with_crlf_line_ends() {
        let text = "+++\r\ndate = 2022-01-27\r\n+++\r\nBody\r\n";
        let split = split(text).expect("parses");
        assert_eq!(split.front.date, NaiveDate::from_ymd_opt(2022, 1, 27));
        assert_eq!(split.body, "Body\r\n");
    }

    #[test]
    fn text_without_front_matter_is_all_body() {
        let split = split("Thursday, January 27, 2022\nBody").expect("parses");
        assert_eq!(split.body_start, 0);
        assert_eq!(split.front, FrontMatter::default());
    }
}
