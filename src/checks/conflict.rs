//! `conflict`: one event given incompatible dates in different articles.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Datelike;

use super::{article_name, describe_date, origin_name, participants, Check};
use crate::analysis::Analysis;
use crate::events::{ArticleEvent, Having, SeriesKey};
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
        // The suspects: tellings dated by a relative phrase that no other article corroborates,
        // by series and month of the year. They are few; every other telling is compared with
        // those of its group in a second pass, so that what waits grows with the suspects.
        // By series, then month: a telling of the second pass finds its group by borrowing
        // its series, not by holding another count of it.
        let mut groups: BTreeMap<Arc<SeriesKey>, BTreeMap<u32, Vec<Suspect>>> = BTreeMap::new();
        for (_, event) in index.tellings_having(Having::Date) {
            let Some((month, relative)) = dated_within_a_month(spec, &event) else {
                continue;
            };
            if relative && !corroborated(analysis, &event) {
                groups
                    .entry(Arc::clone(&event.series))
                    .or_default()
                    .entry(month)
                    .or_default()
                    .push(Suspect {
                        event,
                        others: Others::default(),
                    });
            }
        }
        if groups.is_empty() {
            return;
        }
        for (_, other) in index.tellings_having(Having::Date) {
            let Some((month, _)) = dated_within_a_month(spec, &other) else {
                continue;
            };
            let Some(suspects) = groups
                .get_mut(&*other.series)
                .and_then(|months| months.get_mut(&month))
            else {
                continue;
            };
            for suspect in suspects {
                if suspect.contradicted_by(pack, &other) {
                    suspect.others.add(&other);
                }
            }
        }
        for suspect in groups
            .into_values()
            .flat_map(BTreeMap::into_values)
            .flatten()
        {
            if let Some(finding) = date_conflict(spec, analysis, pack, &suspect) {
                found(finding);
            }
        }
    }
}

/// The month of the year a telling is dated within, and whether its date was resolved from a
/// relative phrase; `None` for a telling the check leaves out (another event type, no date,
/// a date spanning months, no place).
fn dated_within_a_month(spec: &CheckSpec, event: &ArticleEvent) -> Option<(u32, bool)> {
    if spec
        .event
        .is_some_and(|wanted| wanted != event.series.event_type)
    {
        return None;
    }
    let (slot, (from, to)) = (event.date?, event.bounds()?);
    if from.year() != to.year() || from.month() != to.month() || event.places.is_empty() {
        return None;
    }
    Some((from.month(), slot.relative))
}

/// A telling whose relative date may be an artefact of its article's publication date, with
/// the tellings of other articles that date the same event in another year.
struct Suspect {
    event: ArticleEvent,
    others: Others,
}

impl Suspect {
    /// Whether `other`, of the suspect's series and month, dates the same event (a place in
    /// common) in another year, in another article.
    fn contradicted_by(&self, pack: &Pack, other: &ArticleEvent) -> bool {
        let year = |event: &ArticleEvent| event.bounds().map(|(from, _)| from.year());
        other.article != self.event.article
            && year(other) != year(&self.event)
            && shares_place(pack, &self.event, other)
    }
}

/// The articles that contradict a suspect: the first telling of each of the first
/// [`OTHERS_LABELED`], and how many there are (a big event is told by thousands).
#[derive(Default)]
struct Others {
    first: Vec<ArticleEvent>,
    articles: usize,
    last_article: Option<usize>,
}

/// Contradicting articles a finding labels and names.
const OTHERS_LABELED: usize = 5;

impl Others {
    /// Adds `other`, which comes after the others in article order.
    fn add(&mut self, other: &ArticleEvent) {
        if self.last_article == Some(other.article) {
            return;
        }
        self.last_article = Some(other.article);
        self.articles += 1;
        if self.first.len() < OTHERS_LABELED {
            self.first.push(other.clone());
        }
    }
}

/// True when another article dates the same event as this telling does: then the date is no
/// artefact of one article's publication date.
fn corroborated(analysis: &Analysis, told: &ArticleEvent) -> bool {
    // The telling is one of its event's: another article tells of it too when it has two.
    let index = &analysis.events;
    index
        .event_of(told)
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
    suspect: &Suspect,
) -> Option<Finding> {
    let event = &suspect.event;
    let others = &suspect.others;
    let slot = event.date?;
    let other_slot = others.first.first()?.date?;
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
    for other in &others.first {
        let Some(other_date) = other.date else {
            continue;
        };
        labels.push(Label::related(
            other.article,
            other_date.span,
            format!("dated {}", describe_date(&other_date.value)),
        ));
        other_names.push(article_name(analysis, other.article));
    }
    let mut named = other_names.join(", ");
    let unnamed = others.articles - other_names.len();
    if unnamed > 0 {
        named.push_str(&format!(" and {unnamed} more"));
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
            named
        ),
        help: Some(format!(
            "{} gives a relative date, resolved against its publication date ({published}); the other {} the same {noun} in {place} explicitly. The month agrees but the year does not: {} is probably misdated, or it tells of another {noun}.",
            origin_name(&article.origin),
            if others.articles == 1 { "article dates" } else { "articles date" },
            origin_name(&article.origin),
        ).into()),
        labels: labels.into(),
    })
}
