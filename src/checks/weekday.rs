//! `weekday`: a weekday named with a date that falls on another weekday.

use chrono::Datelike;

use super::Check;
use crate::analysis::Analysis;
use crate::extract::{ClaimKind, DateValue};
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

    fn run(spec: &CheckSpec, analysis: &Analysis, _pack: &Pack) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (index, article) in analysis.articles.iter().enumerate() {
            for claim in &article.claims {
                let ClaimKind::Date(date) = &claim.kind else {
                    continue;
                };
                let (Some(named), Ok(DateValue::Day(day))) = (date.weekday, date.value) else {
                    continue;
                };
                if date.relative || day.weekday() == named {
                    continue;
                }
                findings.push(Finding {
                    rule: spec.id.clone(),
                    check: spec.kind,
                    severity: spec.severity,
                    message: format!(
                        "{} is a {}, not a {}",
                        day.format("%B %-d, %Y"),
                        day.weekday_name(),
                        weekday_name(named)
                    ),
                    help: Some(format!(
                        "Either the weekday or the date is wrong. {} fell on a {}.",
                        day.format("%B %-d, %Y"),
                        day.weekday_name()
                    )),
                    labels: vec![Label::primary(
                        index,
                        claim.span,
                        format!(
                            "{} here, but the date is a {}",
                            weekday_name(named),
                            day.weekday_name()
                        ),
                    )],
                });
            }
        }
        findings
    }
}

trait WeekdayName {
    fn weekday_name(&self) -> &'static str;
}

impl WeekdayName for chrono::NaiveDate {
    fn weekday_name(&self) -> &'static str {
        weekday_name(self.weekday())
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
