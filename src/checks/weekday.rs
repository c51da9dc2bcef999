//! `weekday`: a weekday named with a date that falls on another weekday.

use chrono::Datelike;

use super::Check;
use crate::analysis::Analysis;
use crate::finding::{Finding, Label};
use crate::pack::{CheckSpec, Pack};

pub struct Weekday;

impl Check for Weekday {
    const DOC: &'static str = "\
What it does: finds a weekday written with a full date (\"Thursday, January 27, 2022\") when \
that date falls on another weekday.
Why it matters: a wrong weekday means the date or the day was mistyped, or the story was \
re-dated without its text being updated; either way one of them is false.
Example: \"on Tuesday, June 5, 2024\" — June 5, 2024 was a Wednesday.";

    fn run(spec: &CheckSpec, analysis: &Analysis, _pack: &Pack, found: &mut dyn FnMut(Finding)) {
        for (index, article) in analysis.articles.iter().enumerate() {
            for written in article.weekday_dates.iter() {
                let actual = written.day.weekday();
                if actual == written.weekday {
                    continue;
                }
                let day = written.day.format("%B %-d, %Y");
                found(Finding {
                    rule: spec.id.clone(),
                    check: spec.kind,
                    severity: spec.severity,
                    message: format!(
                        "{day} is a {}, not a {}",
                        weekday_name(actual),
                        weekday_name(written.weekday)
                    ),
                    help: Some(
                        format!(
                            "Either the weekday or the date is wrong: {day} fell on a {}.",
                            weekday_name(actual)
                        )
                        .into(),
                    ),
                    labels: vec![Label::primary(
                        index,
                        written.span,
                        format!(
                            "{} here, but the date is a {}",
                            weekday_name(written.weekday),
                            weekday_name(actual)
                        ),
                    )]
                    .into(),
                });
            }
        }
    }
}

pub(crate) fn weekday_name(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}
