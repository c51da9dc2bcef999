//! `interval`: "the first … in more than two decades" against the dated events before it.

use super::{article_name, describe_date, param_f64, Check};
use crate::analysis::Analysis;
use crate::events::Having;
use crate::extract::Qualifier;
use crate::finding::{Finding, Label};
use crate::pack::{CheckSpec, Pack};

pub struct Interval;

impl Check for Interval {
    const DOC: &'static str = "\
What it does: reads \"the first visit … in more than two decades\", \"their first meeting in \
nine years\" and compares the stated gap with the latest earlier event the corpus dates: for a \
visit, the same visitor's previous visit to the same country; otherwise the previous event \
between the same participants.
Why it matters: a wrong interval means a previous event is missing, misdated or invented.
Example: \"his first visit to the country in more than two decades\" dated June 2024, while \
another article dates his previous visit to July 2000 — 24 years: consistent, no finding. Had \
the previous visit been in 2019, the claim would be false.
An event the corpus does not know cannot contradict the claim: with no earlier dated event, \
nothing is reported.";
    const PARAMS: &'static [(&'static str, &'static str)] = &[(
        "tolerance",
        "0.1 — the share of the stated duration allowed either way for an unhedged figure",
    )];

    fn run(spec: &CheckSpec, analysis: &Analysis, _pack: &Pack, found: &mut dyn FnMut(Finding)) {
        let tolerance = param_f64(spec, "tolerance", 0.1);
        let index = &analysis.events;
        for (_, event) in index.tellings_having(Having::Gap) {
            if spec
                .event
                .is_some_and(|wanted| wanted != event.series.event_type)
            {
                continue;
            }
            let (Some(gap), Some((start, _))) = (event.since.as_deref().copied(), event.bounds())
            else {
                continue;
            };
            // The latest earlier event of what the claim counts; none known, nothing to say.
            let Some(&previous) = index
                .counted_before(&event, gap.counts, start)
                .and_then(|earlier| earlier.recent.last().copied())
                .as_ref()
            else {
                continue;
            };
            let previous = &index.events[previous];
            let gap_days = (start - previous.to).num_days() as f64;
            let (low, high) = gap.duration.bounds_in_days();
            let (low, high) = if gap.duration.amount.qualifier == Qualifier::Exactly {
                (low * (1.0 - tolerance), high * (1.0 + tolerance))
            } else {
                (low, high)
            };
            if gap_days >= low && gap_days <= high {
                continue;
            }
            let years = gap_days / 365.2425;
            let Some(told) = previous
                .first_tellings
                .first()
                .and_then(|&first| index.told(first))
            else {
                continue;
            };
            let mut labels = vec![Label::primary(
                event.article,
                gap.span,
                format!("the gap is about {years:.1} years"),
            )];
            if let Some(slot) = told.date {
                labels.push(Label::related(
                    told.article,
                    slot.span,
                    format!("the previous one, {}", describe_date(&slot.value)),
                ));
            }
            found(Finding {
                rule: spec.id.clone(),
                check: spec.kind,
                severity: spec.severity,
                message: format!(
                    "the stated interval does not match the timeline: the previous one ({}, {}) is {years:.1} years earlier",
                    told.date.map(|slot| describe_date(&slot.value)).unwrap_or_default(),
                    article_name(analysis, told.article)
                ),
                help: Some(
                    "Either the interval is wrong, or the earlier event is misdated, or it did not take place."
                        .to_string().into()
                ),
                labels: labels.into(),
            });
        }
    }
}
