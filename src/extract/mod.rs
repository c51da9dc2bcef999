//! Language-level recognizers: they know English, not any storyline. Each returns claims with
//! exact byte spans into the article's text and typed values.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// A byte range into an article's analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The tense or modality of the clause a claim stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    Past,
    Present,
    /// will, is set to, plans to, is expected to, soon.
    Future,
    /// would, might, could: hypothetical or future-in-the-past; never a contradiction by itself.
    Conditional,
    Unknown,
}

/// A resolved calendar value, at the precision the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateValue {
    Day(NaiveDate),
    Week {
        year: i32,
        week: u32,
    },
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Season {
        year: i32,
        season: Season,
    },
    Year(i32),
    /// Inclusive range of days ("in the second half of April", "September 10 and 13").
    Range {
        from: NaiveDate,
        to: NaiveDate,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    fn timex(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
    /// Northern-hemisphere meteorological months (winter runs into the next year).
    fn months(self) -> (u32, u32) {
        match self {
            Season::Spring => (3, 5),
            Season::Summer => (6, 8),
            Season::Fall => (9, 11),
            Season::Winter => (12, 2),
        }
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

impl DateValue {
    /// First and last day covered, inclusive.
    pub fn bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        match *self {
            DateValue::Day(day) => Some((day, day)),
            DateValue::Week { year, week } => {
                let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
                Some((monday, monday + chrono::Days::new(6)))
            }
            DateValue::Month { year, month } => Some((
                NaiveDate::from_ymd_opt(year, month, 1)?,
                last_day_of_month(year, month)?,
            )),
            DateValue::Quarter { year, quarter } => {
                let first_month = (quarter.clamp(1, 4) - 1) * 3 + 1;
                Some((
                    NaiveDate::from_ymd_opt(year, first_month, 1)?,
                    last_day_of_month(year, first_month + 2)?,
                ))
            }
            DateValue::Season { year, season } => {
                let (first, last) = season.months();
                let last_year = if last < first { year + 1 } else { year };
                Some((
                    NaiveDate::from_ymd_opt(year, first, 1)?,
                    last_day_of_month(last_year, last)?,
                ))
            }
            DateValue::Year(year) => Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            )),
            DateValue::Range { from, to } => Some((from, to)),
        }
    }

    /// The value in ISO / TIMEX3 form: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Www`, `YYYY-Qn`,
    /// `YYYY-SU`; a range gives its first day (see [`DateValue::bounds`] for the rest).
    pub fn timex(&self) -> String {
        match *self {
            DateValue::Day(day) => day.format("%Y-%m-%d").to_string(),
            DateValue::Week { year, week } => format!("{year:04}-W{week:02}"),
            DateValue::Month { year, month } => format!("{year:04}-{month:02}"),
            DateValue::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            DateValue::Season { year, season } => format!("{year:04}-{}", season.timex()),
            DateValue::Year(year) => format!("{year:04}"),
            DateValue::Range { from, to } => {
                if from.year() == to.year() && from.month() == to.month() {
                    format!("{}", from.format("%Y-%m"))
                } else {
                    format!("{}", from.format("%Y-%m-%d"))
                }
            }
        }
    }

    pub fn overlaps(&self, other: &DateValue) -> bool {
        match (self.bounds(), other.bounds()) {
            (Some((a_from, a_to)), Some((b_from, b_to))) => a_from <= b_to && b_from <= a_to,
            _ => false,
        }
    }
}

/// Why a date expression has no calendar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unresolved {
    /// Relative to a publication date the article does not have.
    NoPublicationDate,
    /// The expression names no calendar position ("at an appropriate time").
    Vague,
}

/// A date mention: what the text says and what it resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateClaim {
    /// `Ok` when resolved, `Err` with the reason when not.
    pub value: Result<DateValue, Unresolved>,
    /// True when the value depends on the publication date ("last September", "on Tuesday").
    pub relative: bool,
    /// A weekday named with the date ("Thursday, January 27, 2022"), for the weekday check.
    pub weekday: Option<Weekday>,
}

/// How a number or duration was hedged in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    Exactly,
    About,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
    Nearly,
}

/// A count with the bounds its qualifier allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub qualifier: Qualifier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

impl TimeUnit {
    /// Length in days, for comparing durations with date gaps.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Minute => 1.0 / 1440.0,
            TimeUnit::Hour => 1.0 / 24.0,
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => 30.436875,
            TimeUnit::Year => 365.2425,
            TimeUnit::Decade => 3652.425,
            TimeUnit::Century => 36524.25,
        }
    }
}

/// A length of time ("more than two decades", "about two hours", "eight months").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DurationClaim {
    pub amount: Quantity,
    pub unit: TimeUnit,
}

impl DurationClaim {
    /// Bounds in days implied by the amount and its qualifier.
    pub fn bounds_in_days(&self) -> (f64, f64) {
        let unit = self.unit.days();
        (self.amount.low * unit, self.amount.high * unit)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClaimKind {
    Date(DateClaim),
    /// A weekday that is not part of a date claim.
    Weekday(Weekday),
    Ordinal(u32),
    Number(Quantity),
    Duration(DurationClaim),
}

/// One typed claim found in an article's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub span: Span,
    pub kind: ClaimKind,
    pub tense: Tense,
}

pub mod sentences {
    //! Placeholder until the sentence splitter lands: one sentence per line.
    use super::Span;
    pub fn sentences(text: &str) -> Vec<Span> {
        let mut found = Vec::new();
        let mut start = 0;
        for (index, c) in text.char_indices() {
            if c == '\n' || (c == '.' && text[index + 1..].starts_with(' ')) {
                found.push(Span::new(start, index + 1));
                start = index + 1;
            }
        }
        if start < text.len() {
            found.push(Span::new(start, text.len()));
        }
        found
    }
}

pub mod tense {
    //! Placeholder until the tense recognizer lands.
    use super::{Span, Tense};
    pub fn clause_tense(text: &str, sentence: Span, at: usize) -> Tense {
        let clause = &text[sentence.start..sentence.end.max(at)];
        if clause.contains(" will ")
            || clause.contains(" set to ")
            || clause.contains("expected to")
        {
            Tense::Future
        } else if clause.contains(" would ") || clause.contains(" might ") {
            Tense::Conditional
        } else {
            Tense::Past
        }
    }
}

/// Placeholder until the recognizers land.
pub struct Extractor;

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    pub fn new() -> Self {
        Extractor
    }
    pub fn extract(&self, _text: &str, _publication: Option<NaiveDate>) -> Vec<Claim> {
        Vec::new()
    }
}
