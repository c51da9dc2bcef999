//! `conflict`: one event given incompatible dates in different articles.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::{article_name, describe_date, origin_name, participants, Check};
use crate::analysis::Analysis;
use crate::events::ArticleEvent;
use crate::finding::{Finding, Label};
use crate::pack::{CheckSpec, EntityId, Pack};

pub struct Conflict;

impl Check for Conflict {
    const DOC: &'static str = "\
What it does: finds one event that articles date differently. Two tellings are taken for the \
same event when they share the event type, the participants, the place (or one place lies in \
the other) and the month of the year, but not the year — and at least one of the dates was \
resolved from a relative phrase (\"in the second half of April\", \"last September\") against \
an article's publication date.
Why it matters: that pattern is the signature of a misdated article: a story republished \
under a new dateline keeps its relative dates, which then resolve to the wrong year.
Example: one article (dated 2022-01-27) announces Han's trip to Kestrel Bay \"in the second \
half of April\" (→ April 2022); two others say the Kestrel Bay summit was in April 2019.
A relative date that another article corroborates (the same event, the same dates) is not \
reported: the publication date that resolved it is then no suspect.";

    fn run(spec: &CheckSpec, analysis: &Analysis, pack: &Pack, found: &mut dyn FnMut(Finding)) {
        let index = &analysis.events;
        // Group dated tellings by series and month of the year; compare within a group only.
        let mut groups: BTreeMap<(&crate::events::SeriesKey, u32), MonthGroup> = BTreeMap::new();
        for (position, event) in index.tellings() {
            if spec
                .event
                .is_some_and(|wanted| wanted != event.series.event_type)
            {
                continue;
            }
            let (Some(slot), Some((from, to))) = (event.date, event.bounds()) else {
                continue;
            };
            if from.year() != to.year() || from.month() != to.month() || event.places.is_empty() {
                continue;
            }
            let group = groups
                .entry((index.series_of(position), from.month()))
                .or_default();
            group.positions.push(position);
            if slot.relative {
                group.relative.push(position);
            }
        }
        for group in groups.values() {
            for &position in &group.relative {
                if corroborated(analysis, position) {
                    continue;
                }
                let event = index.told(position);
                let Some((from, _)) = event.bounds() else {
                    continue;
                };
                let others: Vec<ArticleEvent> = group
                    .positions
                    .iter()
                    .filter(|&&other| index.told_in(other) != event.article)
                    .map(|&other| index.told(other))
                    .filter(|other| other.bounds().is_some_and(|(o, _)| o.year() != from.year()))
                    .filter(|other| shares_place(pack, &event, other))
                    .collect();
                if let Some(finding) = date_conflict(spec, analysis, pack, &event, &others) {
                    found(finding);
                }
            }
        }
    }
}

/// The tellings of one series dated within one month of the year, by position, and those of
/// them whose date was resolved from a relative phrase (the ones that can be misdated).
#[derive(Default)]
struct MonthGroup {
    positions: Vec<usize>,
    relative: Vec<usize>,
}

/// True when another article dates the same event as this telling does: then the date is no
/// artefact of one article's publication date.
fn corroborated(analysis: &Analysis, position: usize) -> bool {
    // The telling is one of its event's: another article tells of it too when it has two.
    let index = &analysis.events;
    index
        .event_of(position)
        .is_some_and(|event| index.events[event].articles > 1)
}

fn shares_place(pack: &Pack, a: &ArticleEvent, b: &ArticleEvent) -> bool {
    a.places.iter().any(|(x, _)| {
        b.places.iter().any(|(y, _)| {
            specific(pack, *x)
                && specific(pack, *y)
                && (pack.place_within(*x, *y) || pack.place_within(*y, *x))
        })
    })
}

/// A city or site, not a whole country: two visits to one country are no evidence of one event.
fn specific(pack: &Pack, place: EntityId) -> bool {
    pack.entity(place).kind == crate::pack::EntityKind::Place
}

fn date_conflict(
    spec: &CheckSpec,
    analysis: &Analysis,
    pack: &Pack,
    event: &ArticleEvent,
    others: &[ArticleEvent],
) -> Option<Finding> {
    let slot = event.date?;
    let first = others.first()?;
    let other_slot = first.date?;
    let noun = &pack.event(event.series.event_type).noun;
    let who = participants(pack, &event.series.participants);
    let place = event
        .places
        .iter()
        .find(|(id, _)| specific(pack, *id))
        .map(|(id, _)| pack.entity(*id).name.clone())
        .unwrap_or_default();
    let article = analysis.articles.get(event.article)?;
    let mut labels = vec![Label::primary(
        event.article,
        slot.span,
        format!("resolves to {}", describe_date(&slot.value)),
    )];
    let mut other_names = Vec::new();
    for other in others {
        let Some(other_date) = other.date else {
            continue;
        };
        if labels.iter().any(|label| label.article == other.article) {
            continue;
        }
        labels.push(Label::related(
            other.article,
            other_date.span,
            format!("dated {}", describe_date(&other_date.value)),
        ));
        other_names.push(article_name(analysis, other.article));
    }
    let published = article
        .published
        .map(|day| day.to_string())
        .unwrap_or_else(|| "none".into());
    Some(Finding {
        rule: spec.id.clone(),
        check: spec.kind,
        severity: spec.severity,
        message: format!(
            "the {noun} between {who} in {place} is dated {} by {} but {} by {}",
            describe_date(&slot.value),
            origin_name(&article.origin),
            describe_date(&other_slot.value),
            other_names.join(", ")
        ),
        help: Some(format!(
            "{} gives a relative date, resolved against its publication date ({published}); the other {} the same {noun} in {place} explicitly. The month agrees but the year does not: {} is probably misdated, or it tells of another {noun}.",
            origin_name(&article.origin),
            if other_names.len() == 1 { "article dates" } else { "articles date" },
            origin_name(&article.origin),
        ).into()),
        labels: labels.into(),
    })
}
