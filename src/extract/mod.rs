//! Language-level recognizers: they know English, not any storyline. Each returns claims with
//! exact byte spans into the article's text and typed values.

pub mod dates;
pub mod durations;
pub mod numbers;
pub mod sentences;
pub mod tense;
mod token;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

pub use sentences::{paragraphs, sentences};
pub use tense::clause_tense;

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
    /// `YYYY-SU`; a range within one month gives the month, a decade `YYY`, any other range its
    /// first day (see [`DateValue::bounds`] for the rest).
    pub fn timex(&self) -> String {
        match *self {
            DateValue::Day(day) => day.format("%Y-%m-%d").to_string(),
            DateValue::Week { year, week } => format!("{year:04}-W{week:02}"),
            DateValue::Month { year, month } => format!("{year:04}-{month:02}"),
            DateValue::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            DateValue::Season { year, season } => format!("{year:04}-{}", season.timex()),
            DateValue::Year(year) => format!("{year:04}"),
            DateValue::Range { from, to } => {
                let whole_years = from.ordinal() == 1 && to.month() == 12 && to.day() == 31;
                if from.year() == to.year() && from.month() == to.month() {
                    format!("{}", from.format("%Y-%m"))
                } else if whole_years && from.year() == to.year() {
                    format!("{:04}", from.year())
                } else if whole_years && from.year() % 10 == 0 && to.year() == from.year() + 9 {
                    // A decade, TIMEX3-style: "199" for the 1990s.
                    format!("{:03}", from.year() / 10)
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

/// Substrings without which a stretch of text holds no claim: a cheap test that lets
/// claim-free text skip tokenizing. They need not be whole words; it is only a filter.
const TRIGGERS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "week",
    "month",
    "year",
    "quarter",
    "decade",
    "centur",
    "hour",
    "minute",
    "day",
    "ago",
    "summer",
    "spring",
    "fall",
    "autumn",
    "winter",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "first",
    "second",
    "third",
    "fifth",
    "eighth",
    "twelfth",
    "tieth",
    "half",
];

/// Lines longer than this are cut (at a sentence end or a space) so memory stays bounded on
/// one-line files.
const MAX_CHUNK: usize = 8 * 1024;

/// The built-in recognizers, compiled once and shared (it is `Sync`).
pub struct Extractor {
    triggers: AhoCorasick,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    pub fn new() -> Self {
        let triggers = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(TRIGGERS)
            // The patterns are fixed literals: building cannot fail for them.
            .unwrap_or_else(|_| unreachable!("fixed trigger patterns compile"));
        Extractor { triggers }
    }

    /// All claims in `text`, sorted by (start, end), each with the tense of its clause.
    /// Relative dates resolve against `publication`; without it they stay unresolved.
    pub fn extract(&self, text: &str, publication: Option<NaiveDate>) -> Vec<Claim> {
        let mut claims = Vec::new();
        let mut state = State {
            toks: Vec::new(),
            sentences: Vec::new(),
            anchor: None,
        };
        for (from, to) in chunks(text) {
            if !self.triggers.is_match(&text[from..to]) {
                continue;
            }
            self.extract_chunk(text, from, to, publication, &mut state, &mut claims);
        }
        claims.sort_by_key(|c| (c.span.start, c.span.end));
        claims
    }

    fn extract_chunk(
        &self,
        text: &str,
        from: usize,
        to: usize,
        publication: Option<NaiveDate>,
        state: &mut State,
        claims: &mut Vec<Claim>,
    ) {
        token::tokenize(text, from, to, &mut state.toks);
        state.sentences.clear();
        let toks = &state.toks;
        let mut sentences_done = false;
        let mut i = 0;
        while i < toks.len() {
            let found = if let Some(d) = dates::parse(text, toks, i) {
                Some((d.first, d.end, Found::Date(d)))
            } else if let Some((first, end, claim)) = durations::parse(text, toks, i) {
                Some((first, end, Found::Kind(ClaimKind::Duration(claim))))
            } else if let Some((first, end, n)) = numbers::parse_ordinal(text, toks, i) {
                Some((first, end, Found::Kind(ClaimKind::Ordinal(n))))
            } else if let Some((first, end, q)) = numbers::parse_number(text, toks, i) {
                Some((first, end, Found::Kind(ClaimKind::Number(q))))
            } else {
                None
            };
            let Some((first, end, found)) = found else {
                i += 1;
                continue;
            };
            let (Some(first_tok), Some(last_tok)) = (
                toks.get(first),
                end.checked_sub(1).and_then(|e| toks.get(e)),
            ) else {
                i += 1;
                continue;
            };
            let span = Span::new(first_tok.start, last_tok.end);
            if !sentences_done {
                sentences::sentences_in(text, from, to, &mut state.sentences);
                sentences_done = true;
            }
            let sentence = sentence_of(&state.sentences, span.start).unwrap_or(Span::new(from, to));
            let tense = tense::clause_tense(text, sentence, span.start);
            let kind = match found {
                Found::Kind(kind) => kind,
                Found::Date(d) => {
                    let value = dates::resolve(d.raw, tense, publication, state.anchor);
                    if let (Ok(v), false) = (
                        value,
                        matches!(d.raw, dates::Raw::YearEarlier | dates::Raw::AnchoredDays(_)),
                    ) {
                        state.anchor = Some(v);
                    }
                    let weekday = d.weekday.or(match d.raw {
                        dates::Raw::Weekday { weekday, .. } => Some(weekday),
                        _ => None,
                    });
                    ClaimKind::Date(DateClaim {
                        value,
                        relative: d.raw.is_relative(),
                        weekday,
                    })
                }
            };
            claims.push(Claim { span, kind, tense });
            i = end.max(i + 1);
        }
    }
}

enum Found {
    Date(dates::DateMatch),
    Kind(ClaimKind),
}

struct State {
    toks: Vec<token::Tok>,
    sentences: Vec<Span>,
    anchor: Option<DateValue>,
}

fn sentence_of(sentences: &[Span], at: usize) -> Option<Span> {
    let k = sentences.partition_point(|s| s.start <= at);
    let s = *sentences.get(k.checked_sub(1)?)?;
    (at < s.end).then_some(s)
}

/// Lines, with overlong ones cut at a sentence end or a space, as (from, to) byte offsets.
fn chunks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let from = pos;
        let line_end = bytes[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |k| from + k);
        let mut to = line_end;
        if to - from > MAX_CHUNK {
            let limit = from + MAX_CHUNK;
            let window = &bytes[from + MAX_CHUNK / 2..limit];
            to = window
                .windows(2)
                .rposition(|w| w == b". ")
                .map(|k| from + MAX_CHUNK / 2 + k + 1)
                .or_else(|| {
                    window
                        .iter()
                        .rposition(|&b| b == b' ')
                        .map(|k| from + MAX_CHUNK / 2 + k)
                })
                .unwrap_or(limit);
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            pos = to;
        } else {
            pos = line_end + 1;
        }
        Some((from, to))
    })
}
