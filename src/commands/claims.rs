//! `claimlint claims`: every claim and event mention, to debug a rule.

use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::analysis::{Analyzer, ArticleAnalysis};
use crate::app::Exit;
use crate::cli::{Common, Format};
use crate::corpus::{self, Article, Origin};
use crate::extract::{Claim, ClaimKind, DayPart, Qualifier, Span, Tense, Unresolved};
use crate::pack::Pack;
use crate::pipeline;
use crate::position::Cursor;
use crate::report::pretty::{nested, Array, Object};

#[derive(Debug, Serialize)]
struct ClaimRow {
    kind: &'static str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: String,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    tense: Tense,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualifier: Option<Qualifier>,
    /// "Wednesday night": the part of the day named with a date.
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of_day: Option<DayPart>,
    /// Why a date has no value ("no-publication-date").
    #[serde(skip_serializing_if = "Option::is_none")]
    unresolved: Option<Unresolved>,
}

#[derive(Debug, Serialize)]
struct EventRow {
    event: String,
    trigger: String,
    line: usize,
    participants: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ordinal: Option<u32>,
    tense: Tense,
}

#[derive(Debug, Serialize)]
struct ArticleRows {
    path: String,
    published: Option<String>,
    claims: Vec<ClaimRow>,
    events: Vec<EventRow>,
}

fn number(value: f64) -> String {
    // "1.7 billion" is 1700000000.0000002 in binary floating point: a value within a
    // trillionth of it from a whole number is that number.
    let whole = value.round();
    if value.is_infinite() {
        "∞".into()
    } else if (value - whole).abs() <= 1e-12 * value.abs().max(1.0) && whole.abs() < 1e15 {
        format!("{}", whole as i64)
    } else {
        format!("{value}")
    }
}

/// `at` walks through `source`: claims in the order of their offsets cost one pass over it.
fn claim_row(claim: &Claim, tense: Tense, article: &ArticleAnalysis, at: &mut Cursor) -> ClaimRow {
    let source = at.bytes();
    let (start, end) = article.map.to_source(claim.span.start, claim.span.end);
    let (start, end) = (start.min(source.len()), end.min(source.len()));
    let position = at.position(start);
    let (line, column) = (position.line, position.column);
    let (unresolved, part_of_day) = match &claim.kind {
        ClaimKind::Date(date) => (date.value.err(), date.part_of_day),
        _ => (None, None),
    };
    let (kind, value, from, to, qualifier) = match &claim.kind {
        ClaimKind::Date(date) => {
            let (value, from, to) = match date.value {
                Ok(value) => {
                    let bounds = value.bounds();
                    let ranged = matches!(value, crate::extract::DateValue::Range { .. });
                    (
                        value.timex(),
                        bounds.filter(|_| ranged).map(|(from, _)| from.to_string()),
                        bounds.filter(|_| ranged).map(|(_, to)| to.to_string()),
                    )
                }
                Err(_) => ("unresolved".to_string(), None, None),
            };
            ("date", value, from, to, None)
        }
        ClaimKind::Weekday(day) => ("weekday", format!("{day:?}"), None, None, None),
        ClaimKind::Ordinal(n) => ("ordinal", n.to_string(), None, None, None),
        ClaimKind::Number(quantity) => (
            "number",
            number(quantity.value),
            Some(number(quantity.low)),
            Some(number(quantity.high)),
            Some(quantity.qualifier),
        ),
        ClaimKind::Duration(duration) => (
            "duration",
            format!("{} {:?}", number(duration.amount.value), duration.unit).to_lowercase(),
            Some(number(duration.amount.low)),
            Some(number(duration.amount.high)),
            Some(duration.amount.qualifier),
        ),
    };
    ClaimRow {
        kind,
        start,
        end,
        line,
        column,
        text: String::from_utf8_lossy(&source[start..end]).into_owned(),
        value,
        from,
        to,
        tense,
        qualifier,
        part_of_day,
        unresolved,
    }
}

fn event_rows(pack: &Pack, article: &ArticleAnalysis, source: &[u8]) -> Vec<EventRow> {
    let mut at = Cursor::new(source);
    let text_of = |span: Span| {
        let (start, end) = article.map.to_source(span.start, span.end);
        let end = end.min(source.len());
        String::from_utf8_lossy(&source[start.min(end)..end]).into_owned()
    };
    article
        .events
        .iter()
        .map(|mention| {
            let (start, _) = article
                .map
                .to_source(mention.trigger.start, mention.trigger.end);
            EventRow {
                event: pack.event(mention.event_type).key.clone(),
                trigger: text_of(mention.trigger),
                line: at.position(start).line,
                participants: mention
                    .participants
                    .iter()
                    .map(|&id| pack.entity(id).name.clone())
                    .collect(),
                place: mention.place.map(|(id, _)| pack.entity(id).name.clone()),
                date: mention.date.map(|slot| slot.value.timex()),
                ordinal: mention.ordinal.map(|ordinal| ordinal.n),
                tense: mention.tense,
            }
        })
        .collect()
}

pub fn run(paths: &[PathBuf], common: &Common) -> Exit {
    let reading = match super::Reading::new(paths, common) {
        Ok(reading) => reading,
        Err(exit) => return exit,
    };
    let analyzer = reading.analyzer(common);
    let mut problems = reading.problems.clone();
    let mut listed = 0;
    // Each article's rows are written as they are made: the listing of a big corpus is never
    // held.
    // A big JSONL file is read a stretch of lines at a time, as `check` reads it.
    let units = corpus::units(&reading.inputs, &reading.options);
    let mut each_article = |write: &mut dyn FnMut(ArticleRows) -> std::io::Result<()>| {
        for unit in &units {
            for loaded in corpus::load_unit(unit, &reading.options) {
                match loaded {
                    Ok(article) => {
                        write(article_rows(&analyzer, &article))?;
                        listed += 1;
                    }
                    Err(error) => problems.push(pipeline::InputProblem::from(&error)),
                }
            }
        }
        Ok(())
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match common.format {
        Format::Human => each_article(&mut |rows| write_table(&mut stdout, &rows)),
        // The claims are a debugging view: every machine format gets the JSON document.
        Format::Json | Format::Jsonl | Format::Sarif | Format::Github => {
            write_json(&mut stdout, each_article)
        }
    }
    .and_then(|()| stdout.flush());
    for problem in &problems {
        eprintln!("claimlint: {}", problem.message);
    }
    if let Err(error) = written {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("claimlint: {error}");
            return Exit::Error;
        }
    }
    if problems.is_empty() || listed > 0 {
        Exit::Clean
    } else {
        Exit::Error
    }
}

/// Every claim and event mention of one article, placed in the bytes its offsets point into.
fn article_rows(analyzer: &Analyzer, article: &Article) -> ArticleRows {
    let (analysis, claims) = analyzer.analyze_with_claims(article, article.published);
    // A file is read again for the bytes its offsets point into, markup and all; a JSONL
    // article's point into its own text, already here (reading its shard again for each
    // article would cost the shard's size per article).
    let source: Cow<[u8]> = match &article.origin {
        Origin::File(_) => Cow::Owned(
            corpus::read_source(&article.origin)
                .unwrap_or_else(|_| article.text.clone().into_bytes()),
        ),
        Origin::JsonlLine { .. } | Origin::Stdin => Cow::Borrowed(article.text.as_bytes()),
    };
    let mut at = Cursor::new(&source);
    ArticleRows {
        path: article.origin.to_string(),
        published: article.published.map(|day| day.to_string()),
        claims: claims
            .iter()
            .map(|(claim, tense)| claim_row(claim, *tense, &analysis, &mut at))
            .collect(),
        events: event_rows(analyzer.pack, &analysis, &source),
    }
}

/// `{"articles": [...]}`, pretty-printed, the articles written one by one as `each_article`
/// makes them.
fn write_json(
    out: &mut dyn Write,
    each_article: impl FnOnce(&mut dyn FnMut(ArticleRows) -> std::io::Result<()>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut document = Object::begin(out, 0)?;
    document.field_with("articles", |out, depth| {
        let mut articles = Array::begin(out, depth)?;
        each_article(&mut |rows| {
            // As a `Value`, as the whole document was: its keys in alphabetical order.
            let value = serde_json::to_value(&rows).map_err(std::io::Error::other)?;
            articles.element_with(|out, depth| out.write_all(&nested(&value, depth)?))
        })?;
        articles.end()
    })?;
    document.end()?;
    writeln!(out)
}

/// One article's claims and event mentions as a table.
fn write_table(out: &mut dyn Write, article: &ArticleRows) -> std::io::Result<()> {
    writeln!(
        out,
        "{} (published {})",
        article.path,
        article.published.as_deref().unwrap_or("unknown")
    )?;
    for claim in &article.claims {
        let range = match (&claim.from, &claim.to) {
            (Some(from), Some(to)) if claim.kind != "date" || from != to => {
                format!(" [{from} .. {to}]")
            }
            _ => String::new(),
        };
        writeln!(
            out,
            "  {:>4}:{:<4} {:9} {:12} {:<28} {}{range}",
            claim.line,
            claim.column,
            claim.kind,
            format!("{:?}", claim.tense).to_lowercase(),
            format!("“{}”", claim.text),
            claim.value
        )?;
    }
    for event in &article.events {
        writeln!(
            out,
            "  {:>4}      event     {:12} “{}” {} {}{}{}",
            event.line,
            format!("{:?}", event.tense).to_lowercase(),
            event.trigger,
            event.participants.join(" & "),
            event
                .place
                .as_deref()
                .map(|p| format!(" in {p}"))
                .unwrap_or_default(),
            event
                .date
                .as_deref()
                .map(|d| format!(" on {d}"))
                .unwrap_or_default(),
            event.ordinal.map(|n| format!(" #{n}")).unwrap_or_default(),
        )?;
    }
    writeln!(out)?;
    Ok(())
}
