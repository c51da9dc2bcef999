//! Language-level recognizers: they know English, not any storyline. Each returns claims with
//! exact byte spans into the article's text and typed values.

pub mod dates;
pub mod durations;
mod gate;
pub mod numbers;
pub mod sentences;
pub mod tense;
mod token;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

pub use sentences::{paragraphs, sentences};
pub use tense::clause_tense;

/// A byte range into an article's analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

impl Tense {
    /// Will or would: the clause looks ahead of its moment (an announced event, "next" read
    /// forward).
    pub fn looks_ahead(self) -> bool {
        matches!(self, Tense::Future | Tense::Conditional)
    }
}

/// A resolved calendar value, at the precision the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

pub(crate) fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
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
    /// `YYYY-SU`; a Saturday–Sunday range is a weekend `YYYY-Www-WE`, a calendar half of a year
    /// `YYYY-H1`/`YYYY-H2`, any other range within one month gives the month, a decade `YYY`,
    /// any other range its first day (see [`DateValue::bounds`] for the rest).
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
                let one_year = from.year() == to.year();
                if from.weekday() == Weekday::Sat && from.succ_opt() == Some(to) {
                    // A weekend, TIMEX3-style: "1990-W32-WE".
                    let week = from.iso_week();
                    format!("{:04}-W{:02}-WE", week.year(), week.week())
                } else if one_year
                    && (from.month(), from.day(), to.month(), to.day()) == (1, 1, 6, 30)
                {
                    format!("{:04}-H1", from.year())
                } else if one_year
                    && (from.month(), from.day(), to.month(), to.day()) == (7, 1, 12, 31)
                {
                    format!("{:04}-H2", from.year())
                } else if from.year() == to.year() && from.month() == to.month() {
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

/// The part of a day named with it ("Wednesday night", "this morning"), TIMEX3's `TMO`,
/// `TAF`, `TEV`, `TNI`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    /// TIMEX3's code for the part ("NI" in "2000-01-05TNI").
    pub fn timex(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// Why a date expression has no calendar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    /// "Wednesday night": the part of the day, when one is named. The value stays the day:
    /// news copy names the part loosely ("Friday night" for an evening), so it refines the
    /// reading without changing the date.
    pub part_of_day: Option<DayPart>,
    /// The tense of its clause: it decides which way a relative date resolves, and whether
    /// the date can be that of an event told in another tense.
    pub tense: Tense,
}

/// How a number or duration was hedged in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub low: f64,
    /// Infinite for "more than"; written as `null` in JSON, which has no infinity.
    #[serde(with = "unbounded")]
    pub high: f64,
    pub qualifier: Qualifier,
}

/// An upper bound that may be infinite, as an optional number.
mod unbounded {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            serializer.serialize_some(value)
        } else {
            serializer.serialize_none()
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(deserializer)?.unwrap_or(f64::INFINITY))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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

/// One typed claim found in an article's text. A date carries the tense of its clause; the
/// tense of any other claim is asked of the clause analyses ([`TensesOf::EveryClaim`]), for a
/// lint run never reads it and working it out is a good part of the extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub span: Span,
    pub kind: ClaimKind,
}

/// Which claims' sentences the extractor analyses into clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TensesOf {
    /// Only those holding a date, whose tense decides its value.
    Dates,
    /// Those holding any claim, to show the tense of each.
    EveryClaim,
}

/// Bytes of news a claim comes with, about (one in 157 bytes of the generated corpus), for
/// a first guess at how many an article holds.
const CLAIM_BYTES: usize = 128;

/// Tokens of a sentence of news, for a first guess at the tokenizer's buffer.
const SENTENCE_TOKENS: usize = 64;

/// Sentences longer than this are cut (at a space) so memory stays bounded on texts without
/// punctuation.
const MAX_CHUNK: usize = 8 * 1024;

/// The built-in recognizers, compiled once and shared (it is `Sync`).
pub struct Extractor {
    gate: gate::Gate,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    pub fn new() -> Self {
        Extractor {
            gate: gate::Gate::new(),
        }
    }

    /// All claims in `text`, sorted by (start, end), dates with the tense of their clause.
    /// Relative dates resolve against `publication`; without it they stay unresolved.
    pub fn extract(&self, text: &str, publication: Option<NaiveDate>) -> Vec<Claim> {
        self.extract_with_clauses(
            text,
            &sentences::sentences(text),
            publication,
            TensesOf::Dates,
        )
        .0
    }

    /// Like [`Extractor::extract`], for a caller that has split `text` into its
    /// [`sentences::sentences`] already, also giving the clause analyses of the sentences
    /// `tenses_of` asks for, for whatever else asks for a tense there.
    pub(crate) fn extract_with_clauses<'a>(
        &self,
        text: &'a str,
        sentences: &[Span],
        publication: Option<NaiveDate>,
        tenses_of: TensesOf,
    ) -> (Vec<Claim>, tense::Clauses<'a>) {
        self.extract_where(text, sentences, publication, tenses_of, |piece| {
            self.gate.may_hold_claim(piece)
        })
    }

    /// The claims of the sentences `worth_a_look` accepts: a sentence the [`gate::Gate`] lets
    /// go holds no claim, so it is not even tokenized (a test checks this against accepting
    /// them all).
    fn extract_where<'a>(
        &self,
        text: &'a str,
        sentences: &[Span],
        publication: Option<NaiveDate>,
        tenses_of: TensesOf,
        worth_a_look: impl Fn(&str) -> bool,
    ) -> (Vec<Claim>, tense::Clauses<'a>) {
        // Sized for news, so that neither is doubled on the way.
        let mut claims = Vec::with_capacity(text.len() / CLAIM_BYTES);
        let mut clauses = tense::Clauses::default();
        let mut state = State {
            toks: Vec::with_capacity(SENTENCE_TOKENS),
            last_day: None,
            last_quarter: None,
            last_date: None,
        };
        for &sentence in sentences {
            for piece in pieces(text, sentence) {
                let Some(words) = text.get(piece.start..piece.end) else {
                    continue;
                };
                if worth_a_look(words) {
                    let analysed = self.extract_piece(
                        text,
                        piece,
                        publication,
                        tenses_of,
                        &mut state,
                        &mut claims,
                    );
                    clauses.extend(analysed);
                }
            }
        }
        claims.sort_by_key(|c| (c.span.start, c.span.end));
        (claims, clauses)
    }

    /// The claims of one sentence, or of one stretch of an overlong one, and its clause
    /// analysis when it held any.
    fn extract_piece<'a>(
        &self,
        text: &'a str,
        piece: Span,
        publication: Option<NaiveDate>,
        tenses_of: TensesOf,
        state: &mut State,
        claims: &mut Vec<Claim>,
    ) -> Option<tense::Analysis<'a>> {
        token::tokenize(text, piece.start, piece.end, &mut state.toks);
        let toks = &state.toks;
        let mut analysis: Option<tense::Analysis<'a>> = None;
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].may_start_claim() {
                i += 1;
                continue;
            }
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
            let kind = match found {
                Found::Kind(kind) => {
                    if tenses_of == TensesOf::EveryClaim {
                        analysis
                            .get_or_insert_with(|| tense::Analysis::from_tokens(text, piece, toks));
                    }
                    kind
                }
                Found::Date(d) => {
                    let (tense, own_tense) = analysis
                        .get_or_insert_with(|| tense::Analysis::from_tokens(text, piece, toks))
                        .tense_at(span.start);
                    let anchor = match d.raw {
                        dates::Raw::YearEarlier | dates::Raw::QuarterOfYear(_) => {
                            state.last_quarter
                        }
                        dates::Raw::AnchoredYears(_) | dates::Raw::AnchoredMonths(_) => {
                            state.last_date
                        }
                        _ => state.last_day,
                    };
                    // A deadline ("payable Dec. 7", "extended to Nov. 20", "by Oct. 31") is not
                    // located by the clause's verb: the nearest occurrence is meant.
                    let deadline = d
                        .first
                        .checked_sub(1)
                        .and_then(|k| toks.get(k))
                        .and_then(|t| text.get(t.start..t.end))
                        .is_some_and(|w| {
                            [
                                "by",
                                "until",
                                "till",
                                "through",
                                "to",
                                "payable",
                                "effective",
                                "record",
                            ]
                            .iter()
                            .any(|x| x.eq_ignore_ascii_case(w))
                        });
                    let value =
                        dates::resolve(&d, tense, own_tense && !deadline, publication, anchor);
                    match (value, d.raw) {
                        (
                            _,
                            dates::Raw::YearEarlier
                            | dates::Raw::AnchoredDays(_)
                            | dates::Raw::AnchoredYears(_)
                            | dates::Raw::AnchoredMonths(_)
                            | dates::Raw::QuarterOfYear(_),
                        ) => {}
                        (Ok(v), _) => {
                            state.last_date = Some(v);
                            match v {
                                DateValue::Day(_) => state.last_day = Some(v),
                                DateValue::Quarter { .. } => state.last_quarter = Some(v),
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                    let weekday = d.weekday.or(match d.raw {
                        dates::Raw::Weekday { weekday, .. } => Some(weekday),
                        _ => None,
                    });
                    ClaimKind::Date(DateClaim {
                        value,
                        relative: d.raw.is_relative(),
                        weekday,
                        part_of_day: d.part_of_day,
                        tense,
                    })
                }
            };
            claims.push(Claim { span, kind });
            i = end.max(i + 1);
        }
        analysis
    }
}

enum Found {
    Date(dates::DateMatch),
    Kind(ClaimKind),
}

struct State {
    /// The tokens of the sentence at hand (buffer reused).
    toks: Vec<token::Tok>,
    /// The latest day and quarter named, for "the day before" and "a year earlier".
    last_day: Option<DateValue>,
    last_quarter: Option<DateValue>,
    /// The latest date of any kind named, for "that year" and "the following month".
    last_date: Option<DateValue>,
}

/// `sentence` as it is, or cut into stretches of at most [`MAX_CHUNK`] bytes (at a space when
/// there is one) when it is longer, so a text without punctuation is not one huge token list.
fn pieces(text: &str, sentence: Span) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let end = sentence.end.min(bytes.len());
    let mut pos = sentence.start.min(end);
    std::iter::from_fn(move || {
        if pos >= end {
            return None;
        }
        let from = pos;
        let mut to = end;
        if to - from > MAX_CHUNK {
            let limit = from + MAX_CHUNK;
            to = bytes[from + MAX_CHUNK / 2..limit]
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(limit, |k| from + MAX_CHUNK / 2 + k);
            while !text.is_char_boundary(to) {
                to -= 1;
            }
        }
        pos = to;
        Some(Span::new(from, to))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    /// The Date claims of `text` as (phrase, value, weekday).
    fn dates(
        text: &str,
        publication: Option<NaiveDate>,
    ) -> Vec<(&str, Result<DateValue, Unresolved>, Option<Weekday>)> {
        Extractor::new()
            .extract(text, publication)
            .into_iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Date(d) => Some((&text[c.span.start..c.span.end], d.value, d.weekday)),
                _ => None,
            })
            .collect()
    }

    fn date(text: &str, publication: Option<NaiveDate>) -> (&str, Result<DateValue, Unresolved>) {
        let found = dates(text, publication);
        assert_eq!(found.len(), 1, "one date in {text:?}: {found:?}");
        (found[0].0, found[0].1)
    }

    #[test]
    fn second_half_of_april_in_a_future_clause_is_a_day_range() {
        let text = "Norlander state media said on Tuesday that the leader would visit Estavia “in the second half of April.”";
        let found = dates(text, Some(ymd(2022, 1, 27)));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "Tuesday");
        assert_eq!(found[0].1, Ok(DateValue::Day(ymd(2022, 1, 25))));
        assert_eq!(found[1].0, "the second half of April");
        assert_eq!(
            found[1].1,
            Ok(DateValue::Range {
                from: ymd(2022, 4, 16),
                to: ymd(2022, 4, 30)
            })
        );
    }

    #[test]
    fn last_september_is_the_previous_september() {
        let (phrase, value) = date(
            "Mr. Han visited Estavia last September for a meeting.",
            Some(ymd(2024, 7, 22)),
        );
        assert_eq!(phrase, "last September");
        assert_eq!(
            value,
            Ok(DateValue::Month {
                year: 2023,
                month: 9
            })
        );
    }

    #[test]
    fn september_last_year_is_the_previous_year() {
        let (phrase, value) = date(
            "The meeting at the spaceport in September last year changed everything.",
            Some(ymd(2024, 7, 22)),
        );
        assert_eq!(phrase, "September last year");
        assert_eq!(
            value,
            Ok(DateValue::Month {
                year: 2023,
                month: 9
            })
        );
    }

    #[test]
    fn a_weekday_without_publication_date_stays_unresolved() {
        let found = dates("Voss and Han met on Wednesday at the cosmodrome.", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Wednesday");
        assert_eq!(found[0].1, Err(Unresolved::NoPublicationDate));
        assert_eq!(found[0].2, Some(Weekday::Wed));
    }

    #[test]
    fn september_10_and_13_is_a_range() {
        let (phrase, value) = date(
            "There, between September 10 and 13, an economic forum is held.",
            Some(ymd(2023, 9, 5)),
        );
        assert_eq!(phrase, "September 10 and 13");
        assert_eq!(
            value,
            Ok(DateValue::Range {
                from: ymd(2023, 9, 10),
                to: ymd(2023, 9, 13)
            })
        );
    }

    #[test]
    fn in_late_may_keeps_month_precision() {
        let (phrase, value) = date(
            "Its recent failure to put a satellite in orbit in late May hurt.",
            Some(ymd(2024, 7, 22)),
        );
        assert_eq!(phrase, "late May");
        assert_eq!(
            value,
            Ok(DateValue::Month {
                year: 2024,
                month: 5
            })
        );
    }

    #[test]
    fn month_and_year_is_absolute() {
        let found = dates("Voss visited Port Elin in July 2000.", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "July 2000");
        assert_eq!(
            found[0].1,
            Ok(DateValue::Month {
                year: 2000,
                month: 7
            })
        );
    }

    #[test]
    fn a_dateline_weekday_belongs_to_its_date() {
        let found = dates("Thursday, January 27, 2022\n\nHeadline", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Thursday, January 27, 2022");
        assert_eq!(found[0].1, Ok(DateValue::Day(ymd(2022, 1, 27))));
        assert_eq!(found[0].2, Some(Weekday::Thu));
    }

    #[test]
    fn a_weekday_with_an_abbreviated_month_is_one_claim() {
        let found = dates(
            "The Times said in an editorial on Monday, Oct. 26, 1998: no.",
            None,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Monday, Oct. 26, 1998");
        assert_eq!(found[0].2, Some(Weekday::Mon));
    }

    #[test]
    fn a_weekday_with_a_yearless_date_keeps_the_written_date() {
        let found = dates(
            "He spoke on Tuesday, June 4, to reporters.",
            Some(ymd(2024, 7, 22)),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Tuesday, June 4");
        assert_eq!(found[0].1, Ok(DateValue::Day(ymd(2024, 6, 4))));
        assert_eq!(found[0].2, Some(Weekday::Tue));
    }

    #[test]
    fn as_early_as_next_week_covers_the_hedge() {
        let (phrase, value) = date(
            "Mr. Voss is expected to visit Norland as early as next week.",
            Some(ymd(2024, 7, 22)),
        );
        assert_eq!(phrase, "as early as next week");
        assert_eq!(
            value,
            Ok(DateValue::Week {
                year: 2024,
                week: 31
            })
        );
    }

    #[test]
    fn a_bare_year_after_a_preposition_is_a_date() {
        let (phrase, value) = date("He crossed Estavia by train to visit Veska in 2001.", None);
        assert_eq!((phrase, value), ("2001", Ok(DateValue::Year(2001))));
    }

    #[test]
    fn year_range_of_a_war() {
        let (phrase, value) = date("the armistice of the Border War (1950-53).", None);
        assert_eq!(phrase, "1950-53");
        assert_eq!(
            value,
            Ok(DateValue::Range {
                from: ymd(1950, 1, 1),
                to: ymd(1953, 12, 31)
            })
        );
    }

    #[test]
    fn non_dates_give_no_date() {
        for text in [
            "Norland shipped about 7,000 containers.",
            "long-range weapons and F-16 fighter jets",
            "relations for the next 100 years",
            "Updated news 24/7: Entertainment",
            "Section 2022 of the act",
            "Call 555-1234 now.",
            "The meeting starts at 10:30 today",
            "He may visit later.",
            "Protesters march through the city.",
            "the 70th anniversary of the armistice",
        ] {
            let found: Vec<_> = dates(text, Some(ymd(2024, 7, 22)))
                .into_iter()
                .filter(|d| d.0 != "today")
                .collect();
            assert!(found.is_empty(), "{text:?} gave {found:?}");
        }
    }

    #[test]
    fn relative_days_weeks_and_years() {
        let p = Some(ymd(2024, 7, 22));
        assert_eq!(
            date("It rained yesterday.", p).1,
            Ok(DateValue::Day(ymd(2024, 7, 21)))
        );
        assert_eq!(
            date("They left two weeks ago.", p).1,
            Ok(DateValue::Week {
                year: 2024,
                week: 28
            })
        );
        assert_eq!(
            date("It started three years ago.", p).1,
            Ok(DateValue::Year(2021))
        );
        assert_eq!(
            date("He came a month ago.", p).1,
            Ok(DateValue::Month {
                year: 2024,
                month: 6
            })
        );
        assert_eq!(
            date("Mr. Voss said earlier this month that it was fine.", p).1,
            Ok(DateValue::Month {
                year: 2024,
                month: 7
            })
        );
        assert_eq!(
            date("Earlier this week, the paper ran it.", p).1,
            Ok(DateValue::Week {
                year: 2024,
                week: 30
            })
        );
        assert_eq!(
            date("Sales grew last year.", p).1,
            Ok(DateValue::Year(2023))
        );
        assert_eq!(
            date("He travels this month.", p).1,
            Ok(DateValue::Month {
                year: 2024,
                month: 7
            })
        );
        assert_eq!(
            date("He traveled last summer.", p).1,
            Ok(DateValue::Season {
                year: 2023,
                season: Season::Summer
            })
        );
        assert_eq!(
            date("It will open next month.", p).1,
            Ok(DateValue::Month {
                year: 2024,
                month: 8
            })
        );
    }

    #[test]
    fn relative_weekday_resolves_by_tense() {
        let p = Some(ymd(2024, 7, 24)); // a Wednesday
        assert_eq!(
            date("Blinken said on Tuesday that it was true.", p).1,
            Ok(DateValue::Day(ymd(2024, 7, 23)))
        );
        assert_eq!(
            date("Blinken will speak on Tuesday.", p).1,
            Ok(DateValue::Day(ymd(2024, 7, 30)))
        );
    }

    #[test]
    fn month_without_year_resolves_by_tense() {
        let p = Some(ymd(2024, 7, 22));
        assert_eq!(
            date("He visited the city in September.", p).1,
            Ok(DateValue::Month {
                year: 2023,
                month: 9
            })
        );
        assert_eq!(
            date("He will visit the city in April.", p).1,
            Ok(DateValue::Month {
                year: 2025,
                month: 4
            })
        );
        assert_eq!(
            date("In March, the minister said it.", p).1,
            Ok(DateValue::Month {
                year: 2024,
                month: 3
            })
        );
    }

    #[test]
    fn decades_mid_years_and_iso_dates() {
        assert_eq!(
            date("It boomed in the 1990s.", None).1.map(|v| v.timex()),
            Ok("199".to_string())
        );
        assert_eq!(
            date("It will end by mid-2019.", None).1,
            Ok(DateValue::Year(2019))
        );
        assert_eq!(
            date("Filed 2013-03-21 in court.", None).1,
            Ok(DateValue::Day(ymd(2013, 3, 21)))
        );
        assert_eq!(
            date("It closed on Jan. 27 last.", Some(ymd(2022, 2, 1))).1,
            Ok(DateValue::Day(ymd(2022, 1, 27)))
        );
        assert_eq!(
            date("Sales rose in the third quarter.", Some(ymd(1989, 10, 27))).1,
            Ok(DateValue::Quarter {
                year: 1989,
                quarter: 3
            })
        );
        assert_eq!(
            date("It was signed 12 June 2024 in Paris.", None).1,
            Ok(DateValue::Day(ymd(2024, 6, 12)))
        );
    }

    #[test]
    fn the_weekend_is_the_saturday_and_sunday_by_tense() {
        let p = Some(ymd(1990, 8, 15)); // a Wednesday
        let weekend = |from, to| {
            Ok(DateValue::Range {
                from: ymd(1990, 8, from),
                to: ymd(1990, 8, to),
            })
        };
        let (phrase, value) = date("Talks were held over the weekend.", p);
        assert_eq!((phrase, value), ("the weekend", weekend(11, 12)));
        assert_eq!(value.map(|v| v.timex()), Ok("1990-W32-WE".to_string()));
        assert_eq!(
            date("They will meet this weekend.", p).1,
            weekend(18, 19),
            "this weekend, future"
        );
        assert_eq!(date("It rained last weekend.", p).1, weekend(11, 12));
        assert_eq!(date("He will fly next weekend.", p).1, weekend(18, 19));
        let sunday = Some(ymd(1990, 8, 12));
        assert_eq!(
            date("It rained over the weekend.", sunday).1,
            weekend(11, 12),
            "a Sunday paper's weekend is its own"
        );
    }

    #[test]
    fn halves_of_a_year_are_calendar_halves() {
        let (phrase, value) = date("Earnings will fall in the last half of 1989.", None);
        assert_eq!(phrase, "the last half of 1989");
        assert_eq!(
            value,
            Ok(DateValue::Range {
                from: ymd(1989, 7, 1),
                to: ymd(1989, 12, 31)
            })
        );
        assert_eq!(value.map(|v| v.timex()), Ok("1989-H2".to_string()));
        assert_eq!(
            date("Sales rose in the first half of 1990.", None)
                .1
                .map(|v| v.timex()),
            Ok("1990-H1".to_string())
        );
    }

    #[test]
    fn the_latest_period_is_the_latest_quarter() {
        let (phrase, value) = date(
            "Profit rose 5% in the latest period.",
            Some(ymd(1989, 10, 27)),
        );
        assert_eq!(phrase, "the latest period");
        assert_eq!(
            value,
            Ok(DateValue::Quarter {
                year: 1989,
                quarter: 3
            })
        );
    }

    #[test]
    fn numbers_ordinals_and_durations_come_out_in_order() {
        let text = "Voss made his first visit in more than two decades; the talks lasted about two hours and they discussed nearly 5 million shells, their third summit.";
        let kinds: Vec<String> = Extractor::new()
            .extract(text, None)
            .into_iter()
            .map(|c| format!("{}={:?}", &text[c.span.start..c.span.end], c.kind))
            .collect();
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        assert!(kinds[0].starts_with("first=Ordinal(1)"));
        assert!(kinds[1].starts_with("more than two decades=Duration"));
        assert!(kinds[2].starts_with("about two hours=Duration"));
        assert!(kinds[3].starts_with("nearly 5 million=Number"));
        assert!(kinds[4].starts_with("third=Ordinal(3)"));
    }

    #[test]
    fn claims_carry_the_tense_of_their_clause() {
        let text = "Han said that Voss will visit in the second half of April.";
        let claims = Extractor::new().extract(text, Some(ymd(2022, 1, 27)));
        assert_eq!(claims.len(), 1);
        let ClaimKind::Date(date) = &claims[0].kind else {
            panic!("a date: {claims:?}");
        };
        assert_eq!(date.tense, Tense::Future);
    }

    /// The claims of `text` with and without the gate.
    fn gated_and_ungated(text: &str) -> (Vec<Claim>, Vec<Claim>) {
        let extractor = Extractor::new();
        let publication = NaiveDate::from_ymd_opt(2024, 7, 22);
        (
            extractor.extract(text, publication),
            extractor
                .extract_where(text, &sentences(text), publication, TensesOf::Dates, |_| {
                    true
                })
                .0,
        )
    }

    #[test]
    fn every_word_a_claim_can_hold_opens_like_an_opening() {
        for &(word, _) in token::KEYWORDS {
            let word = std::str::from_utf8(word).expect("ASCII keyword");
            for text in [
                format!("The {word} summit."),
                format!("{word} hours"),
                format!("In {word} 2019."),
            ] {
                let (gated, ungated) = gated_and_ungated(&text);
                assert_eq!(gated, ungated, "{text:?}");
            }
        }
    }

    #[test]
    fn an_overlong_sentence_is_cut_at_spaces_into_bounded_pieces() {
        let text = "talks went on and on ".repeat(1500) + "until May 5, 2019 ended them";
        let sentence = Span::new(0, text.len());
        let cut: Vec<Span> = pieces(&text, sentence).collect();
        assert!(cut.len() > 3, "{} pieces", cut.len());
        assert_eq!(cut.first().map(|piece| piece.start), Some(0));
        assert_eq!(cut.last().map(|piece| piece.end), Some(text.len()));
        for (piece, next) in cut.iter().zip(&cut[1..]) {
            assert!(piece.len() <= MAX_CHUNK);
            assert_eq!(piece.end, next.start);
            assert_eq!(text.as_bytes()[piece.end], b' ');
        }
        let dates = dates(&text, None);
        assert_eq!(dates.len(), 1);
        assert_eq!(dates[0].0, "May 5, 2019");
    }

    #[test]
    fn text_without_openings_gives_nothing() {
        assert!(Extractor::new()
            .extract("Nothing to see here, really.", None)
            .is_empty());
        assert!(Extractor::new().extract("", None).is_empty());
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn check(text: &str) {
            let pubdate = NaiveDate::from_ymd_opt(2024, 7, 22);
            for claim in Extractor::new().extract(text, pubdate) {
                assert!(claim.span.start < claim.span.end && claim.span.end <= text.len());
                assert!(text.is_char_boundary(claim.span.start));
                assert!(text.is_char_boundary(claim.span.end));
            }
            for s in sentences(text).into_iter().chain(paragraphs(text)) {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                let _ = clause_tense(text, s, s.start + s.len() / 2);
            }
        }

        /// Every keyword of the tokenizer in three casings, numbers, punctuation and filler, each
        /// with the space or line break after it.
        fn vocabulary() -> Vec<String> {
            let keywords = token::KEYWORDS
                .iter()
                .filter_map(|(word, _)| std::str::from_utf8(word).ok());
            let others = [
                "2", "19", "2019", "3.5", "1990s", "summit", "talks", "held", ",", ".", "-", "\n",
            ];
            keywords
                .flat_map(|word| {
                    let title = format!("{}{}", word[..1].to_ascii_uppercase(), &word[1..]);
                    [word.to_string(), title, word.to_ascii_uppercase()]
                })
                .chain(others.iter().map(|other| other.to_string()))
                .flat_map(|word| [format!("{word} "), format!("{word}\n"), format!("{word}-")])
                .collect()
        }

        /// No recognizer matches at a token the scan skips.
        fn skipped_tokens_start_no_claim(text: &str) {
            let mut toks = Vec::new();
            token::tokenize(text, 0, text.len(), &mut toks);
            for (i, t) in toks.iter().enumerate() {
                if t.may_start_claim() {
                    continue;
                }
                assert!(dates::parse(text, &toks, i).is_none(), "{text:?} at {i}");
                assert!(
                    durations::parse(text, &toks, i).is_none(),
                    "{text:?} at {i}"
                );
                assert!(
                    numbers::parse_ordinal(text, &toks, i).is_none(),
                    "{text:?} at {i}"
                );
                assert!(
                    numbers::parse_number(text, &toks, i).is_none(),
                    "{text:?} at {i}"
                );
            }
        }

        proptest! {
            #[test]
            fn tokens_the_scan_skips_start_no_claim(text in "((in|on|of|and|or|to|through|before|after|since|until|during|by|from|between|current|latest|recent|most|than|least|several|few|dozens|weekend|day|days|week|weeks|month|months|years|hours|hundred|million|quarter|end|beginning|following|the|a|year|ago|earlier|next|last|2|1990|s|-|,|\\.|’s|May|Monday|third|two|half|more|at|up|over|under|about) ){0,16}") {
                skipped_tokens_start_no_claim(&text);
            }

            #[test]
            fn the_gate_drops_no_claim(words in prop::collection::vec(prop::sample::select(vocabulary()), 0..14)) {
                let text = words.concat();
                let (gated, ungated) = gated_and_ungated(&text);
                prop_assert_eq!(gated, ungated, "{:?}", text);
            }

            /// Words of the vocabulary beside letters and marks outside ASCII, which the gate
            /// reads as no letters: it may pass more, never less.
            #[test]
            fn the_gate_drops_no_claim_beside_text_outside_ascii(
                pieces in prop::collection::vec(
                    (prop::sample::select(vocabulary()), "[éßÜ“”’—–\u{a0}'a-]{0,2}"),
                    0..12,
                )
            ) {
                let text: String = pieces
                    .iter()
                    .flat_map(|(word, beside)| [beside.as_str(), word.as_str()])
                    .collect();
                let (gated, ungated) = gated_and_ungated(&text);
                prop_assert_eq!(gated, ungated, "{:?}", text);
            }

            #[test]
            fn arbitrary_text_never_panics_and_spans_are_on_char_boundaries(text in "\\PC{0,200}") {
                check(&text);
            }

            #[test]
            fn date_like_text_never_panics(text in "((on|in|last|next|the|mid-|early|late|as early as|a|two|about|more than|,|\\.|’|”|–|-| )+ ?(Monday|May|March|Sept\\.|June|2024|12|31|1950-53|1990s|year|week|ago|quarter|third|half of|Jan\\. 27|\u{e9}t\u{e9}|0|99999999999|that|same|following|Thanksgiving|Christmas Eve|New Year\'s Day|nineteen ninety-six|two thousand and|night|year-end|year\'s|fiscal|full|year-ago|comparable) ?){0,12}") {
                check(&text);
            }
        }
    }

    fn day(y: i32, m: u32, d: u32) -> Result<DateValue, Unresolved> {
        Ok(DateValue::Day(ymd(y, m, d)))
    }

    fn year(y: i32) -> Result<DateValue, Unresolved> {
        Ok(DateValue::Year(y))
    }

    #[test]
    fn spoken_years_are_years() {
        let p = Some(ymd(1998, 2, 27));
        assert_eq!(
            date("The bomb went off in nineteen ninety-six.", p),
            ("nineteen ninety-six", year(1996))
        );
        assert_eq!(
            date("A bomb exploded in January nineteen ninety-seven.", p).1,
            Ok(DateValue::Month {
                year: 1997,
                month: 1
            })
        );
        assert_eq!(
            date("The approach of the year two thousand worries them.", p),
            ("the year two thousand", year(2000))
        );
        assert!(
            dates("They sent two thousand troops.", p).is_empty(),
            "a count, not a year"
        );
    }

    #[test]
    fn bare_years_after_function_words_and_before_closing_quotes() {
        let p = Some(ymd(1989, 11, 2));
        assert_eq!(
            date("For 1988, the company earned $1.7 billion.", p),
            ("1988", year(1988))
        );
        assert_eq!(date("A 1996 law tightened it.", p), ("1996", year(1996)));
        assert_eq!(
            date("Many who led the 1992 protests have moved.", p),
            ("1992", year(1992))
        );
        assert_eq!(
            date("\"We expect record earnings in 1990.\"", p),
            ("1990", year(1990))
        );
        assert!(dates("It runs on Windows 2000 machines.", p).is_empty());
    }

    #[test]
    fn holidays_resolve_by_tense_and_relative_words() {
        let p = Some(ymd(2000, 1, 10));
        assert_eq!(
            date("He was found on Thanksgiving Day clinging to a tube.", p),
            ("Thanksgiving Day", day(1999, 11, 25))
        );
        assert_eq!(
            date("He arrived last Thanksgiving.", p),
            ("last Thanksgiving", day(1999, 11, 25))
        );
        assert_eq!(
            date("They will meet on Christmas Eve.", p),
            ("Christmas Eve", day(2000, 12, 24))
        );
        assert_eq!(date("It opened at Easter 2024.", p).1, day(2024, 3, 31));
        assert_eq!(
            date("Fireworks were set off on New Year's Day.", p),
            ("New Year's Day", day(2000, 1, 1))
        );
        assert!(dates("Crowds gathered for Easter week.", p).is_empty());
    }

    #[test]
    fn that_year_and_the_following_month_count_from_the_date_named_last() {
        let p = Some(ymd(2000, 4, 1));
        let found = dates(
            "He fled to Florida in June 1998 and returned later that year; the following month he was jailed.",
            p,
        );
        let phrases: Vec<_> = found.iter().map(|d| (d.0, d.1)).collect();
        assert_eq!(
            phrases,
            vec![
                (
                    "June 1998",
                    Ok(DateValue::Month {
                        year: 1998,
                        month: 6
                    })
                ),
                ("later that year", year(1998)),
                (
                    "the following month",
                    Ok(DateValue::Month {
                        year: 1998,
                        month: 7
                    })
                ),
            ]
        );
        assert_eq!(
            dates("He was shot on Oct. 23. That same day a fax arrived.", p)[1],
            ("That same day", day(1999, 10, 23), None)
        );
        assert_eq!(
            dates(
                "He was shot on Oct. 23. Police searched that day outside his home.",
                p
            )[1],
            ("that day", day(1999, 10, 23), None)
        );
        assert_eq!(
            dates("He was shot on Oct. 23 near that day care centre.", p).len(),
            1,
            "a day care centre is no date"
        );
    }

    #[test]
    fn the_current_year_in_results_reporting() {
        let p = Some(ymd(1989, 11, 2));
        assert_eq!(
            date("Sales for the full year were $6.6 billion.", p),
            ("the full year", year(1989))
        );
        assert_eq!(
            date("Earnings will fall for the fiscal year.", p),
            ("the fiscal year", year(1989))
        );
        assert_eq!(
            date("Pet food volume was flat for the year.", p),
            ("the year", year(1989))
        );
        assert_eq!(
            date("The deal should close by year-end.", p),
            ("year-end", year(1989))
        );
        assert!(
            dates("In the year before the war, prices rose.", p).is_empty(),
            "the year before something is not the current year"
        );
    }

    #[test]
    fn year_ago_quarters_are_last_years() {
        let p = Some(ymd(1989, 10, 25));
        let q = |year, quarter| Ok(DateValue::Quarter { year, quarter });
        assert_eq!(
            date("It earned $22.5 million in the year-ago third quarter.", p),
            ("the year-ago third quarter", q(1988, 3))
        );
        let found = dates(
            "Profit fell in the third quarter. For the quarter a year ago, it earned $16 million.",
            p,
        );
        assert_eq!(found[1].0, "the quarter a year ago");
        assert_eq!(found[1].1, q(1988, 3));
        assert_eq!(
            date("It could start as early as next year's first quarter.", p).1,
            q(1990, 1)
        );
    }

    #[test]
    fn past_quarters_have_begun_and_expected_results_are_the_nearest() {
        let p = Some(ymd(1989, 10, 25));
        let q = |year, quarter| Ok(DateValue::Quarter { year, quarter });
        assert_eq!(
            date("Sun earned $5.2 million in the fiscal first quarter.", p).1,
            q(1989, 1)
        );
        assert_eq!(
            date("The company expects to report a third-quarter loss.", p).1,
            q(1989, 3)
        );
    }

    #[test]
    fn a_past_clause_about_a_date_weeks_ahead_means_the_coming_one() {
        let p = Some(ymd(2000, 1, 5));
        assert_eq!(
            date("Meissner gave no reason for the Jan. 14 deadline.", p).1,
            day(2000, 1, 14)
        );
        assert_eq!(
            date("The talks ended on Nov. 3.", p).1,
            day(1999, 11, 3),
            "two months back stays in the past"
        );
        assert_eq!(
            date(
                "Saudi Arabia told companies of a cutback in September.",
                Some(ymd(1990, 8, 16))
            )
            .1,
            Ok(DateValue::Month {
                year: 1990,
                month: 9
            })
        );
    }

    #[test]
    fn parts_of_the_day_extend_the_phrase_but_not_the_value() {
        let p = Some(ymd(2000, 1, 7)); // a Friday
        let claims = Extractor::new().extract(
            "A message was read Wednesday night. He spoke last night and again this morning.",
            p,
        );
        let parts: Vec<_> = claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Date(d) => Some((d.value, d.part_of_day)),
                _ => None,
            })
            .collect();
        assert_eq!(
            parts,
            vec![
                (day(2000, 1, 5), Some(DayPart::Night)),
                (day(2000, 1, 6), Some(DayPart::Night)),
                (day(2000, 1, 7), Some(DayPart::Morning)),
            ]
        );
    }

    #[test]
    fn arrangements_and_plans_look_forward() {
        let p = Some(ymd(1998, 9, 30)); // a Wednesday
        assert_eq!(
            date("The team planned to leave Nairobi on Thursday.", p).1,
            day(1998, 10, 1)
        );
        assert_eq!(
            date("Shares are to resume trading in Paris Tuesday.", p).1,
            day(1998, 10, 6)
        );
        assert_eq!(
            date("The attorney has scheduled a news conference Thursday.", p).1,
            day(1998, 10, 1)
        );
        assert_eq!(
            date("His relatives could not be located Monday.", p).1,
            day(1998, 9, 28),
            "could is the past of can"
        );
    }
}
