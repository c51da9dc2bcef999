//! `tense`: an event announced in the future tense but dated before the publication date, or
//! reported in the past tense but dated after it.

use super::{describe_date, Check};
use crate::analysis::Analysis;
use crate::corpus::PublishedFrom;
use crate::events::Having;
use crate::finding::{Finding, Label};
use crate::pack::{CheckSpec, Pack};

pub struct Tense;

impl Check for Tense {
    const DOC: &'static str = "\
What it does: reads the events of the pack's event types and flags one announced in the future \
tense (will, is set to, plans to) with an explicit date before the article's publication date, \
or reported in the past tense (met, visited, took place) with a date after it.
Why it matters: either the date is wrong or the article's publication date is; a republished \
story often shows this.
Example: an article dated 2024-07-22 saying \"Voss will visit Port Elin in April 2019\".
Only explicit dates count: a relative date (\"next week\") is resolved by the tense itself and \
cannot contradict it; \"would\" and \"might\" are never read as future.";

    fn run(spec: &CheckSpec, analysis: &Analysis, pack: &Pack, found: &mut dyn FnMut(Finding)) {
        let mut published_dates = analysis.articles.published_dates();
        for (_, event) in analysis.events.tellings_having(Having::Date) {
            if spec
                .event
                .is_some_and(|wanted| wanted != event.series.event_type)
            {
                continue;
            }
            let (Some(published), Some(slot)) = (published_dates.of(event.article), event.date)
            else {
                continue;
            };
            let Some((from, to)) = slot.value.bounds() else {
                continue;
            };
            if slot.relative {
                continue;
            }
            let future = event.tense == crate::extract::Tense::Future;
            let past = event.tense == crate::extract::Tense::Past;
            let noun = &pack.event(event.series.event_type).noun;
            let (message, note) = if future && to < published {
                (
                    format!("a {noun} announced as coming is dated {}, before the article's publication date {published}", describe_date(&slot.value)),
                    "future tense here",
                )
            } else if past && from > published {
                (
                    format!("a {noun} reported as past is dated {}, after the article's publication date {published}", describe_date(&slot.value)),
                    "past tense here",
                )
            } else {
                continue;
            };
            let dated_by = match analysis.articles.get(event.article) {
                Some(article) if article.published_from == PublishedFrom::Metadata => "metadata",
                _ => "dateline",
            };
            found(Finding {
                rule: spec.id.clone(),
                check: spec.kind,
                severity: spec.severity,
                message,
                help: Some(
                    format!(
                        "Check the date, or the article's publication date ({published}, from its {dated_by})."
                    )
                    .into(),
                ),
                labels: vec![
                    Label::primary(
                        event.article,
                        slot.span,
                        format!("dated {}", describe_date(&slot.value)),
                    ),
                    Label::related(event.article, event.anchor, note),
                ]
                .into(),
            });
        }
    }
}
