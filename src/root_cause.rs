//! Root cause: when one article's publication date explains several findings — a re-dated or
//! republished story whose relative dates all shift — say so in those findings: which article,
//! which date would make its claims agree with the rest, and how many findings it would clear.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Months, NaiveDate};

use crate::analysis::{Analysis, Analyzer, ArticleRecord};
use crate::checks::origin_name;
use crate::corpus::{self, Input, LoadOptions, Origin};
use crate::events::EventIndex;
use crate::extract::{DateValue, Span};
use crate::finding::Finding;
use crate::mentions::DateSlot;
use crate::pipeline::run_checks;

/// Articles examined at most, so that a large corpus with many findings stays fast.
const MAX_SUSPECTS: usize = 8;
/// Publication dates tried per article, the most often suggested first.
const MAX_SHIFTS: usize = 4;
/// Every hypothesis re-runs all checks, so root causes are sought in dossiers (up to this many
/// articles), not in archives, where the findings still stand but go unexplained.
const MAX_ARTICLES: usize = 2_000;

/// What identifies a finding across re-runs: its rule and primary label.
type FindingKey = (String, usize, Span);

fn key(finding: &Finding) -> Option<FindingKey> {
    let anchor = finding.anchor()?;
    Some((finding.rule.clone(), anchor.article, anchor.span))
}

/// The date an event of `article` is given at `span` (findings cite the dates of events).
fn date_at(events: &EventIndex, article: usize, span: Span) -> Option<DateSlot> {
    events
        .told_by(article)
        .iter()
        .filter_map(|event| event.date)
        .find(|slot| slot.span == span)
}

/// A relative date of `article` at `span`, if there is one.
fn relative_date(events: &EventIndex, article: usize, span: Span) -> Option<DateValue> {
    date_at(events, article, span)
        .filter(|slot| slot.relative)
        .map(|slot| slot.value)
}

fn any_date(events: &EventIndex, article: usize, span: Span) -> Option<DateValue> {
    date_at(events, article, span).map(|slot| slot.value)
}

/// Month shifts that would move a relative date of `suspect` onto the dates it clashes with,
/// the most often suggested first.
fn candidate_shifts(analysis: &Analysis, findings: &[Finding], suspect: usize) -> Vec<i32> {
    let mut shifts: BTreeMap<i32, usize> = BTreeMap::new();
    for finding in findings {
        for own in finding
            .labels
            .iter()
            .filter(|label| label.article == suspect)
        {
            let Some(value) = relative_date(&analysis.events, suspect, own.span) else {
                continue;
            };
            let Some((from, _)) = value.bounds() else {
                continue;
            };
            for other in finding
                .labels
                .iter()
                .filter(|label| label.article != suspect)
            {
                let Some((other_from, _)) =
                    any_date(&analysis.events, other.article, other.span).and_then(|v| v.bounds())
                else {
                    continue;
                };
                let months = (other_from.year() - from.year()) * 12 + other_from.month() as i32
                    - from.month() as i32;
                if months != 0 {
                    *shifts.entry(months).or_default() += 1;
                }
            }
        }
    }
    let mut ranked: Vec<(usize, i32)> = shifts.into_iter().map(|(m, n)| (n, m)).collect();
    ranked.sort_by_key(|&(votes, months)| (std::cmp::Reverse(votes), months.abs(), months));
    ranked
        .into_iter()
        .take(MAX_SHIFTS)
        .map(|(_, months)| months)
        .collect()
}

fn shift(day: NaiveDate, months: i32) -> Option<NaiveDate> {
    if months >= 0 {
        day.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        day.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

/// Re-reads an article so it can be analysed under another publication date.
fn reload(origin: &Origin, options: &LoadOptions) -> Option<crate::corpus::Article> {
    let path = origin.path()?.to_path_buf();
    corpus::load(&Input::Path(path), options)
        .into_iter()
        .filter_map(Result::ok)
        .find(|article| &article.origin == origin)
}

/// Whether root causes are sought in `analysis`: a dossier, not an archive.
pub fn weighs(analysis: &Analysis) -> bool {
    analysis.articles.len() <= MAX_ARTICLES
}

pub fn explain(
    analyzer: &Analyzer,
    analysis: &mut Analysis,
    findings: &mut [Finding],
    options: &LoadOptions,
) {
    if !weighs(analysis) {
        return;
    }
    let before: BTreeSet<FindingKey> = findings.iter().filter_map(key).collect();
    let mut suspects: Vec<(usize, usize)> = Vec::new();
    for (index, article) in analysis.articles.iter().enumerate() {
        if article.published.is_none() {
            continue;
        }
        let cited = findings
            .iter()
            .filter(|finding| {
                finding.labels.iter().any(|label| {
                    label.article == index
                        && relative_date(&analysis.events, index, label.span).is_some()
                })
            })
            .count();
        // One finding is explained by its own help; a root cause explains several.
        if cited >= 2 {
            suspects.push((cited, index));
        }
    }
    suspects.sort_by_key(|(cited, index)| (std::cmp::Reverse(*cited), *index));
    suspects.truncate(MAX_SUSPECTS);
    for (_, suspect) in suspects {
        let Some(published) = analysis.articles.published(suspect) else {
            continue;
        };
        let Some(article) = analysis
            .articles
            .origin(suspect)
            .and_then(|origin| reload(&origin, options))
        else {
            continue;
        };
        let mut best: Option<(usize, NaiveDate, BTreeSet<FindingKey>)> = None;
        let shifts = candidate_shifts(analysis, findings, suspect);
        let index = std::mem::take(&mut analysis.events);
        for months in shifts {
            let Some(date) = shift(published, months) else {
                continue;
            };
            let mut redated = analyzer.analyze(&article, Some(date));
            analysis.events = index.retold(suspect, &std::mem::take(&mut redated.events));
            redated.names.clear();
            let redated = analysis
                .articles
                .with_replaced(suspect, ArticleRecord::of(redated));
            let original = std::mem::replace(&mut analysis.articles, redated);
            let after: BTreeSet<FindingKey> = run_checks(analyzer.pack, analysis)
                .iter()
                .filter_map(key)
                .collect();
            analysis.articles = original;
            let cleared: BTreeSet<FindingKey> = before.difference(&after).cloned().collect();
            let created = after.difference(&before).count();
            if created == 0
                && !cleared.is_empty()
                && best
                    .as_ref()
                    .is_none_or(|(count, _, _)| cleared.len() > *count)
            {
                best = Some((cleared.len(), date, cleared));
            }
        }
        analysis.events = index;
        let Some((count, date, cleared)) = best else {
            continue;
        };
        let Some(article) = analysis.articles.get(suspect) else {
            continue;
        };
        let note = format!(
            "Root cause: {} may be misdated. Its {} gives {published}; dated {date} instead, its relative dates would agree with the rest of the corpus, which would clear {count} finding{}.",
            origin_name(&article.origin),
            match article.published_from {
                crate::corpus::PublishedFrom::Metadata => "metadata",
                _ => "dateline",
            },
            if count == 1 { "" } else { "s" }
        );
        for finding in findings.iter_mut() {
            if key(finding).is_some_and(|k| cleared.contains(&k)) {
                match &mut finding.help {
                    Some(help) => help.push_line(&note),
                    None => finding.help = Some(note.as_str().into()),
                }
            }
        }
    }
}
