//! Date expressions: absolute ("June 12, 2024"), partial ("April 2019", "in July") and
//! relative ones ("last September", "on Tuesday", "two weeks ago"), parsed from tokens into a
//! [`Raw`] form and then resolved against the publication date and the clause's tense.
//!
//! Conventions (kept stable because checks compare these values):
//! * A weekday, or a month or day without a year, resolves by tense: past → the latest one on
//!   or before publication; future (and conditional, which in news is mostly reported future:
//!   "said he would visit in April") → the next one (for a month, the current month counts);
//!   present/unknown → a month or day in the publication year, a weekday on or before it.
//! * "early/mid/late May" keep month precision (like TimeML's `mod`), "the first/second half
//!   of April" is a day range.
//! * The span covers the date phrase without a leading preposition ("in", "on"), but keeps
//!   articles that belong to the phrase ("the second half of April", "the third quarter") and
//!   hedges that change its meaning ("as early as next week").
//! * "a year earlier", "the day before" anchor on the previous date of the text when there is
//!   one (TimeML's anchoring), else on the publication date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::token::{Kind, Lex, Tok};
use super::{last_day_of_month, DateValue, DayPart, Season, Tense, TimeUnit, Unresolved};

/// Which occurrence of a year-less month, weekday, quarter or season is meant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Rel {
    ByTense,
    Last,
    This,
    Next,
    /// "September last year" (-1), "September this year" (0).
    YearOffset(i32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Half {
    Whole,
    First,
    Second,
}

/// Holidays whose date follows from the year alone (Western calendar, as English-language
/// news uses them; Thanksgiving is the United States' fourth Thursday of November).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Holiday {
    NewYearsDay,
    NewYearsEve,
    Easter,
    Halloween,
    Thanksgiving,
    ChristmasEve,
    Christmas,
}

impl Holiday {
    pub(crate) fn date_in(self, year: i32) -> Option<NaiveDate> {
        let ymd = |month, day| NaiveDate::from_ymd_opt(year, month, day);
        match self {
            Holiday::NewYearsDay => ymd(1, 1),
            Holiday::NewYearsEve => ymd(12, 31),
            Holiday::Easter => easter_sunday(year),
            Holiday::Halloween => ymd(10, 31),
            Holiday::Thanksgiving => {
                NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4)
            }
            Holiday::ChristmasEve => ymd(12, 24),
            Holiday::Christmas => ymd(12, 25),
        }
    }
}

/// Easter Sunday of the Gregorian calendar (the anonymous algorithm, "Meeus/Jones/Butcher").
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// A parsed date expression before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Raw {
    Abs(DateValue),
    MonthDay {
        month: u32,
        day: u32,
        day2: Option<u32>,
    },
    Month {
        month: u32,
        rel: Rel,
        half: Half,
    },
    Weekday {
        weekday: Weekday,
        rel: Rel,
    },
    Days(i64),
    /// "the day before", "that day": days from the day named last (else publication).
    AnchoredDays(i64),
    /// "that year", "the following year": years from the date named last.
    AnchoredYears(i64),
    /// "that month", "the following month": months from the date named last.
    AnchoredMonths(i64),
    Holiday {
        holiday: Holiday,
        rel: Rel,
    },
    Weeks(i64),
    Months(i64),
    Years(i64),
    Quarter {
        quarter: u32,
        rel: Rel,
    },
    LatestQuarter,
    CurrentQuarter,
    Season {
        season: Season,
        rel: Rel,
    },
    YearEarlier,
    /// "the weekend", "last weekend": a Saturday and the Sunday after it.
    Weekend {
        rel: Rel,
    },
    /// "the 1988 quarter", "the 1988 period": that year's quarter matching the one under
    /// discussion (the last quarter named), else the year.
    QuarterOfYear(i32),
    Ago {
        amount: i64,
        unit: TimeUnit,
    },
}

impl Raw {
    pub fn is_relative(&self) -> bool {
        !matches!(self, Raw::Abs(_) | Raw::QuarterOfYear(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DateMatch {
    /// First and one-past-last token.
    pub first: usize,
    pub end: usize,
    pub raw: Raw,
    pub weekday: Option<Weekday>,
    pub part_of_day: Option<DayPart>,
}

struct P<'t> {
    text: &'t str,
    toks: &'t [Tok],
}

impl<'t> P<'t> {
    fn word(&self, k: usize) -> &'t str {
        self.toks
            .get(k)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }
    fn lex(&self, k: usize) -> Lex {
        self.toks.get(k).map_or(Lex::Other, Tok::lex)
    }
    fn tok(&self, k: usize) -> Option<&'t Tok> {
        self.toks.get(k)
    }
    fn punct(&self, k: usize, c: char) -> bool {
        self.toks.get(k).is_some_and(|t| t.is_punct(c))
    }
    /// Tokens k-1 and k touch (no space between): "mid-March", "1990s".
    fn adjacent(&self, k: usize) -> bool {
        k > 0 && k < self.toks.len() && self.toks[k - 1].end == self.toks[k].start
    }
    fn int(&self, k: usize) -> Option<(u32, u8)> {
        self.toks.get(k).and_then(Tok::int)
    }
    /// "10:30": a number glued to a colon and more digits.
    fn is_time(&self, k: usize) -> bool {
        self.punct(k + 1, ':')
            && self.adjacent(k + 1)
            && self.adjacent(k + 2)
            && matches!(self.tok(k + 2).map(|t| t.kind), Some(Kind::Num { .. }))
    }
    /// A day of month at k, not a time ("10:30") nor part of a bigger number.
    fn day(&self, k: usize) -> Option<u32> {
        let (d, digits) = self.int(k)?;
        if !(1..=31).contains(&d) || digits > 2 {
            return None;
        }
        if self.is_time(k) || self.punct(k + 1, '/') {
            return None;
        }
        Some(d)
    }
    /// Skips an ordinal suffix glued to a day ("12th").
    fn after_day(&self, k: usize) -> usize {
        match self.tok(k + 1) {
            Some(t) if self.adjacent(k + 1) && t.is_word() && t.end - t.start == 2 => k + 2,
            _ => k + 1,
        }
    }
    fn year(&self, k: usize) -> Option<i32> {
        let (y, digits) = self.int(k)?;
        if digits == 4 && (1000..=2999).contains(&y) && !self.is_time(k) {
            Some(y as i32)
        } else {
            None
        }
    }
    /// A year at k, in digits ("1997") or spoken ("nineteen ninety-seven", "two thousand
    /// and eight", as transcripts write them), with the token after it.
    fn year_at(&self, k: usize) -> Option<(i32, usize)> {
        if let Some(year) = self.year(k) {
            return Some((year, k + 1));
        }
        self.spoken_year(k)
    }
    /// "nineteen ninety-six", "eighteen twelve", "two thousand", "two thousand and one".
    fn spoken_year(&self, k: usize) -> Option<(i32, usize)> {
        match self.lex(k) {
            Lex::NumWord(century @ (11..=19)) => {
                let (rest, end) = self.spoken_tens(k + 1)?;
                (rest >= 10).then_some((century as i32 * 100 + rest as i32, end))
            }
            Lex::NumWord(2) if matches!(self.lex(k + 1), Lex::Scale(3)) => {
                let k = k + 2;
                let after_and = if self.lex(k) == Lex::And { k + 1 } else { k };
                match self.spoken_tens(after_and) {
                    Some((rest, end)) => Some((2000 + rest as i32, end)),
                    None => Some((2000, k)),
                }
            }
            _ => None,
        }
    }
    /// 1–99 in words at k ("six", "ninety-six", "ninety six", "twelve"), with its end.
    fn spoken_tens(&self, k: usize) -> Option<(u32, usize)> {
        let Lex::NumWord(n @ 1..=99) = self.lex(k) else {
            return None;
        };
        if n >= 20 && n % 10 == 0 {
            let next = if self.punct(k + 1, '-') && self.adjacent(k + 1) {
                k + 2
            } else {
                k + 1
            };
            if let Lex::NumWord(unit @ 1..=9) = self.lex(next) {
                return Some((n + unit, next + 1));
            }
        }
        Some((n, k + 1))
    }
    fn month_at(&self, k: usize) -> Option<(u32, usize)> {
        let t = self.tok(k)?;
        match t.lex() {
            Lex::Month(m) if t.is_cap() => Some((m, k + 1)),
            Lex::MonthAbbr(m) if t.is_cap() => {
                if self.punct(k + 1, '.') && self.adjacent(k + 1) {
                    Some((m, k + 2))
                } else {
                    Some((m, k + 1))
                }
            }
            _ => None,
        }
    }
    /// "this year" / "last year" / "next year" at k: the year offset and the end.
    fn year_rel(&self, k: usize) -> Option<(i32, usize)> {
        let off = match self.lex(k) {
            Lex::Last | Lex::Previous | Lex::Past => -1,
            Lex::This | Lex::Current => 0,
            Lex::Next | Lex::Coming => 1,
            _ => return None,
        };
        (self.lex(k + 1) == Lex::Year).then_some((off, k + 2))
    }
}

fn m(first: usize, end: usize, raw: Raw) -> Option<DateMatch> {
    Some(DateMatch {
        first,
        end,
        raw,
        weekday: None,
        part_of_day: None,
    })
}

/// The date expression starting at token `i`, if any.
pub(crate) fn parse(text: &str, toks: &[Tok], i: usize) -> Option<DateMatch> {
    let p = P { text, toks };
    let mut found = parse_at(&p, i)?;
    // "Wednesday night", "yesterday morning": a single day may name its part.
    let one_day = matches!(
        found.raw,
        Raw::Weekday { .. }
            | Raw::Days(_)
            | Raw::MonthDay { day2: None, .. }
            | Raw::Abs(DateValue::Day(_))
            | Raw::Holiday { .. }
    );
    if let (true, None, Lex::DayPart(part)) = (one_day, found.part_of_day, p.lex(found.end)) {
        found.part_of_day = Some(part);
        found.end += 1;
    }
    Some(found)
}

fn parse_at(p: &P, i: usize) -> Option<DateMatch> {
    let t = p.tok(i)?;
    match t.kind {
        Kind::Num { .. } => number_first(p, i),
        Kind::Punct(_) => None,
        Kind::Word { lex, cap } => match lex {
            Lex::Weekday(wd) if cap => weekday_first(p, i, wd),
            Lex::Month(_) | Lex::MonthAbbr(_) => month_first(p, i, Rel::ByTense),
            Lex::Yesterday => m(i, i + 1, Raw::Days(-1)),
            Lex::Today => m(i, i + 1, Raw::Days(0)),
            Lex::Tonight => with_part(m(i, i + 1, Raw::Days(0)), DayPart::Night),
            Lex::Tomorrow => m(i, i + 1, Raw::Days(1)),
            Lex::Last | Lex::This | Lex::Next | Lex::Coming | Lex::Past | Lex::Previous => {
                relative_first(p, i)
            }
            Lex::Earlier | Lex::Later => match p.lex(i + 1) {
                // "earlier this week", "later this month": the same period.
                Lex::This => {
                    let inner = relative_first(p, i + 1)?;
                    m(i, inner.end, inner.raw)
                }
                // "later that year", "earlier that day".
                Lex::That => {
                    let inner = that_first(p, i + 1)?;
                    m(i, inner.end, inner.raw)
                }
                // "earlier in the year".
                Lex::In if p.lex(i + 2) == Lex::The && p.lex(i + 3) == Lex::Year => {
                    m(i, i + 4, Raw::Years(0))
                }
                _ => None,
            },
            Lex::That => that_first(p, i),
            Lex::Holiday(holiday) => holiday_first(p, i, holiday, Rel::ByTense),
            Lex::New if cap => {
                // "New Year's Day", "New Year's Eve".
                let possessive = p.punct(i + 2, '\'') || p.punct(i + 2, '’');
                (p.lex(i + 1) == Lex::Year && possessive && p.word(i + 3) == "s").then_some(())?;
                match p.lex(i + 4) {
                    Lex::Day => holiday_end(p, i, i + 5, Holiday::NewYearsDay, Rel::ByTense),
                    _ if p.word(i + 4).eq_ignore_ascii_case("eve") => {
                        holiday_end(p, i, i + 5, Holiday::NewYearsEve, Rel::ByTense)
                    }
                    _ => None,
                }
            }
            Lex::Early | Lex::Mid | Lex::Late => part_first(p, i),
            Lex::The => the_first(p, i),
            Lex::As => {
                // "as early as next week": the hedge is part of the claim.
                if matches!(p.lex(i + 1), Lex::Early | Lex::Late) && p.lex(i + 2) == Lex::As {
                    let inner = parse_at(p, i + 3)?;
                    Some(DateMatch { first: i, ..inner })
                } else {
                    None
                }
            }
            Lex::Fiscal => {
                let y = p.year(i + 1)?;
                m(i, i + 2, Raw::Abs(DateValue::Year(y)))
            }
            Lex::A => ago_first(p, i),
            Lex::NumWord(_) => ago_first(p, i).or_else(|| spoken_year_first(p, i)),
            Lex::Nearly | Lex::About | Lex::More => {
                // "almost four years ago", "more than a year ago": the hedge is kept.
                let k = if p.lex(i + 1) == Lex::Than {
                    i + 2
                } else {
                    i + 1
                };
                let inner = ago_first(p, k)?;
                matches!(inner.raw, Raw::Ago { .. } | Raw::YearEarlier).then_some(())?;
                Some(DateMatch { first: i, ..inner })
            }
            Lex::Ordinal(_) => ordinal_first(p, i),
            Lex::Season(season) => {
                let y = p.year(i + 1)?;
                m(i, i + 2, Raw::Abs(DateValue::Season { year: y, season }))
            }
            Lex::Year => {
                let hyphen = p.punct(i + 1, '-') && p.adjacent(i + 1) && p.adjacent(i + 2);
                let possessive = (p.punct(i + 1, '\'') || p.punct(i + 1, '’'))
                    && p.adjacent(i + 1)
                    && p.word(i + 2) == "s";
                // "year-earlier", "year-ago" (financial reporting).
                if hyphen && matches!(p.lex(i + 2), Lex::Earlier | Lex::Ago) {
                    m(i, i + 3, Raw::YearEarlier)
                } else if hyphen && p.lex(i + 2) == Lex::End {
                    // "year-end", "year end", "year's end": the end of the current year.
                    m(i, i + 3, Raw::Years(0))
                } else if p.lex(i + 1) == Lex::End {
                    m(i, i + 2, Raw::Years(0))
                } else if possessive && p.lex(i + 3) == Lex::End {
                    m(i, i + 4, Raw::Years(0))
                } else {
                    None
                }
            }
            Lex::End | Lex::Beginning => None,
            _ => None,
        },
    }
}

fn with_part(found: Option<DateMatch>, part: DayPart) -> Option<DateMatch> {
    found.map(|d| DateMatch {
        part_of_day: Some(part),
        ..d
    })
}

/// "third quarter", "third-quarter" at k: the quarter and the token after it.
fn quarter_at(p: &P, k: usize) -> Option<(u32, usize)> {
    let Lex::Ordinal(n @ 1..=4) = p.lex(k) else {
        return None;
    };
    let q = if p.punct(k + 1, '-') && p.adjacent(k + 1) {
        k + 2
    } else {
        k + 1
    };
    (p.lex(q) == Lex::Quarter).then_some((n, q + 1))
}

/// "the year-ago third quarter" (that quarter a year before publication's), "the year-earlier
/// quarter" (the quarter under discussion, a year before), starting at `first`, with
/// "year" at k.
fn year_ago_quarter(p: &P, first: usize, k: usize) -> Option<DateMatch> {
    (p.punct(k + 1, '-') && matches!(p.lex(k + 2), Lex::Ago | Lex::Earlier)).then_some(())?;
    if let Some((quarter, end)) = quarter_at(p, k + 3) {
        return m(
            first,
            end,
            Raw::Quarter {
                quarter,
                rel: Rel::YearOffset(-1),
            },
        );
    }
    match p.lex(k + 3) {
        Lex::Quarter => m(first, k + 4, Raw::YearEarlier),
        _ if p.word(k + 3).eq_ignore_ascii_case("period") => m(first, k + 4, Raw::YearEarlier),
        _ => None,
    }
}

/// "that year", "that same day", "that month": counted from the date named last.
fn that_first(p: &P, i: usize) -> Option<DateMatch> {
    let k = if p.lex(i + 1) == Lex::Same {
        i + 2
    } else {
        i + 1
    };
    anchored_unit(p, i, k, 0)
}

/// The anchored unit at k ("year", "month", "day"), `step` of them on from the date named
/// last, as a claim starting at `first`.
fn anchored_unit(p: &P, first: usize, k: usize, step: i64) -> Option<DateMatch> {
    let raw = match p.lex(k) {
        Lex::Year => Raw::AnchoredYears(step),
        Lex::MonthWord => Raw::AnchoredMonths(step),
        Lex::Day => Raw::AnchoredDays(step),
        _ => return None,
    };
    // "that day care centre", "the same day trip": a compound noun, not a day.
    const DAY_COMPOUNDS: &[&str] = &["care", "trip", "trips", "job", "jobs", "pass", "passes"];
    if raw == Raw::AnchoredDays(step)
        && DAY_COMPOUNDS
            .iter()
            .any(|noun| p.word(k + 1).eq_ignore_ascii_case(noun))
    {
        return None;
    }
    m(first, k + 1, raw)
}

/// "Thanksgiving", "Thanksgiving Day", "Christmas Eve", "last Christmas".
fn holiday_first(p: &P, i: usize, holiday: Holiday, rel: Rel) -> Option<DateMatch> {
    let t = p.tok(i)?;
    t.is_cap().then_some(())?;
    let k = i + 1;
    match (holiday, p.lex(k)) {
        (_, Lex::Day) => holiday_end(p, i, k + 1, holiday, rel),
        (Holiday::Christmas, _) if p.word(k).eq_ignore_ascii_case("eve") => {
            holiday_end(p, i, k + 1, Holiday::ChristmasEve, rel)
        }
        // "Easter week", "Christmas shopping": not the day itself.
        (_, Lex::Week | Lex::Weekend) => None,
        _ => holiday_end(p, i, k, holiday, rel),
    }
}

fn holiday_end(p: &P, first: usize, end: usize, holiday: Holiday, rel: Rel) -> Option<DateMatch> {
    // "Christmas 1998", "Thanksgiving of 2019".
    let at = if p.lex(end) == Lex::Of { end + 1 } else { end };
    if let Some((year, year_end)) = p.year_at(at) {
        return m(
            first,
            year_end,
            Raw::Abs(DateValue::Day(holiday.date_in(year)?)),
        );
    }
    m(first, end, Raw::Holiday { holiday, rel })
}

/// A spoken year standing alone: "in nineteen ninety-six". "Two thousand" alone counts
/// things more often than it names the year, so it needs a date word before it.
fn spoken_year_first(p: &P, i: usize) -> Option<DateMatch> {
    let (year, end) = p.spoken_year(i)?;
    let prev = i.checked_sub(1).map_or(Lex::Other, |k| p.lex(k));
    if year >= 2000 && !date_context(prev) {
        return None;
    }
    if counts_something(p, end) {
        return None;
    }
    m(i, end, Raw::Abs(DateValue::Year(year)))
}

fn weekday_first(p: &P, i: usize, wd: Weekday) -> Option<DateMatch> {
    let mut k = i + 1;
    if p.punct(k, ',') {
        k += 1;
    }
    if let Some(inner) = month_first(p, k, Rel::ByTense).or_else(|| day_month(p, k)) {
        if matches!(
            inner.raw,
            Raw::Abs(DateValue::Day(_)) | Raw::MonthDay { day2: None, .. }
        ) {
            return Some(DateMatch {
                first: i,
                end: inner.end,
                raw: inner.raw,
                weekday: Some(wd),
                part_of_day: None,
            });
        }
    }
    m(
        i,
        i + 1,
        Raw::Weekday {
            weekday: wd,
            rel: Rel::ByTense,
        },
    )
}

/// Words before a bare month or year that make it a date ("in July", "since 2001").
fn date_context(lex: Lex) -> bool {
    matches!(
        lex,
        Lex::In
            | Lex::Since
            | Lex::Until
            | Lex::Through
            | Lex::By
            | Lex::From
            | Lex::During
            | Lex::Before
            | Lex::After
            | Lex::Of
            | Lex::Early
            | Lex::Mid
            | Lex::Late
            | Lex::Last
            | Lex::This
            | Lex::Next
            | Lex::Between
            | Lex::And
            | Lex::To
            | Lex::On
            | Lex::Fiscal
    )
}

fn month_first(p: &P, i: usize, rel: Rel) -> Option<DateMatch> {
    let t = p.tok(i)?;
    let (month, mut k) = p.month_at(i)?;
    let abbreviated = matches!(t.lex(), Lex::MonthAbbr(_));
    if p.punct(k, '-') && p.adjacent(k) {
        // "June-July", "May-based": not handled, and not a date on its own.
        return None;
    }
    if let Some(day) = p.day(k) {
        let after = p.after_day(k);
        // "September 10 and 13", "June 4-6", "May 1 to 3".
        let mut day2 = None;
        let mut end = after;
        if matches!(p.lex(after), Lex::And | Lex::To | Lex::Through)
            || p.punct(after, '-')
            || p.punct(after, '–')
        {
            if let Some(d2) = p.day(after + 1).filter(|&d2| d2 > day) {
                day2 = Some(d2);
                end = p.after_day(after + 1);
            }
        }
        if p.punct(end, ',') || p.adjacent(end) {
            k = end + usize::from(p.punct(end, ','));
        } else {
            k = end;
        }
        if let Some(year) = p.year(k) {
            let from = NaiveDate::from_ymd_opt(year, month, day)?;
            let raw = match day2 {
                None => Raw::Abs(DateValue::Day(from)),
                Some(d2) => Raw::Abs(DateValue::Range {
                    from,
                    to: NaiveDate::from_ymd_opt(year, month, d2)?,
                }),
            };
            return m(i, k + 1, raw);
        }
        // A year-less day must exist in some year (Feb 29 included).
        NaiveDate::from_ymd_opt(2000, month, day)?;
        if let Some(d2) = day2 {
            NaiveDate::from_ymd_opt(2000, month, d2)?;
        }
        return m(i, end, Raw::MonthDay { month, day, day2 });
    }
    let mut after_month = k;
    if p.punct(after_month, ',') || p.lex(after_month) == Lex::Of {
        after_month += 1;
    }
    if let Some((year, end)) = p.year_at(after_month) {
        return m(i, end, Raw::Abs(DateValue::Month { year, month }));
    }
    if let Some((off, end)) = p.year_rel(k) {
        return m(
            i,
            end,
            Raw::Month {
                month,
                rel: Rel::YearOffset(off),
                half: Half::Whole,
            },
        );
    }
    // A bare month: abbreviations, "May" and "March" need a date word before them.
    let prev = i.checked_sub(1).map_or(Lex::Other, |k| p.lex(k));
    // "Jan Kavan": a bare abbreviation is a month only with its period.
    if abbreviated && k == i + 1 {
        return None;
    }
    let ambiguous = abbreviated || month == 5 || month == 3;
    if rel == Rel::ByTense && ambiguous && !date_context(prev) {
        return None;
    }
    m(
        i,
        k,
        Raw::Month {
            month,
            rel,
            half: Half::Whole,
        },
    )
}

/// "12 June 2024", "27 January".
fn day_month(p: &P, i: usize) -> Option<DateMatch> {
    let day = p.day(i)?;
    let k = p.after_day(i);
    let k = if p.lex(k) == Lex::Of { k + 1 } else { k };
    let (month, k) = p.month_at(k)?;
    let k2 = if p.punct(k, ',') { k + 1 } else { k };
    if let Some(year) = p.year(k2) {
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        return m(i, k2 + 1, Raw::Abs(DateValue::Day(date)));
    }
    NaiveDate::from_ymd_opt(2000, month, day)?;
    m(
        i,
        k,
        Raw::MonthDay {
            month,
            day,
            day2: None,
        },
    )
}

fn number_first(p: &P, i: usize) -> Option<DateMatch> {
    // Part of a bigger token run: "F-16", "24/7", "10:30", "555-1234".
    if i > 0 && p.adjacent(i) {
        let prev = p.tok(i - 1)?;
        let glued =
            prev.is_punct('-') || prev.is_punct('/') || prev.is_punct(':') || prev.is_word();
        // "mid-2019" is the one glued form that stays a date.
        if glued && !(prev.is_punct('-') && i >= 2 && matches!(p.lex(i - 2), Lex::Mid)) {
            return None;
        }
        if prev.is_punct('$') || prev.is_punct('#') {
            return None;
        }
    }
    if let Some(found) = day_month(p, i).or_else(|| ago_first(p, i)) {
        return Some(found);
    }
    let year = p.year(i)?;
    // ISO: 2013-03-21.
    if p.punct(i + 1, '-') && p.adjacent(i + 1) && p.adjacent(i + 2) {
        if let Some((mo, 2)) = p.int(i + 2) {
            if p.punct(i + 3, '-') && p.adjacent(i + 3) && p.adjacent(i + 4) {
                if let Some((d, 2)) = p.int(i + 4) {
                    let date = NaiveDate::from_ymd_opt(year, mo, d)?;
                    return m(i, i + 5, Raw::Abs(DateValue::Day(date)));
                }
                return None;
            }
        }
        // "1950-53", "1950-1953": a span of years.
        if let Some((to, digits)) = p.int(i + 2) {
            let to_year = match digits {
                2 => year - year % 100 + to as i32,
                4 => to as i32,
                _ => return None,
            };
            if to_year > year && to_year - year < 100 && !p.punct(i + 3, '-') {
                let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
                let to = NaiveDate::from_ymd_opt(to_year, 12, 31)?;
                return m(i, i + 3, Raw::Abs(DateValue::Range { from, to }));
            }
        }
        return None;
    }
    // "2019/20", "1990.5": part of another number; but "in 1990.\"" ends a sentence.
    let decimal = p.punct(i + 1, '.')
        && p.adjacent(i + 1)
        && p.adjacent(i + 2)
        && p.tok(i + 2)
            .is_some_and(|t| matches!(t.kind, Kind::Num { .. }));
    if p.punct(i + 1, '/') || decimal {
        return None;
    }
    // "the 1990s".
    if let Some(next) = p.tok(i + 1) {
        if p.adjacent(i + 1) && next.is_word() {
            if p.word(i + 1) == "s" && year % 10 == 0 {
                let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
                let to = NaiveDate::from_ymd_opt(year + 9, 12, 31)?;
                let first = if i > 0 && p.lex(i - 1) == Lex::The {
                    i - 1
                } else {
                    i
                };
                return m(first, i + 2, Raw::Abs(DateValue::Range { from, to }));
            }
            return None;
        }
    }
    // "the 1988 third quarter", "the 1988 quarter".
    let mut k = i + 1;
    if let Lex::Ordinal(n @ 1..=4) = p.lex(k) {
        k += 1;
        if p.punct(k, '-') && p.adjacent(k) {
            k += 1;
        }
        if p.lex(k) == Lex::Quarter {
            return m(i, k + 1, Raw::Abs(DateValue::Quarter { year, quarter: n }));
        }
    } else if p.lex(k) == Lex::Quarter || p.word(k).eq_ignore_ascii_case("period") {
        return m(i, i + 1, Raw::QuarterOfYear(year));
    }
    if bare_year_ok(p, i, year) {
        return m(i, i + 1, Raw::Abs(DateValue::Year(year)));
    }
    None
}

/// A four-digit number is a year after a date word, or when it looks like one (1900–2099)
/// and is not counting something ("2000 containers").
fn bare_year_ok(p: &P, i: usize, year: i32) -> bool {
    let prev = i.checked_sub(1).and_then(|k| p.tok(k));
    if let Some(prev) = prev {
        if prev.is_punct('$') || prev.is_punct('#') || prev.is_punct('£') || prev.is_punct('€') {
            return false;
        }
        if date_context(prev.lex()) || matches!(prev.lex(), Lex::Month(_) | Lex::MonthAbbr(_)) {
            return !counts_something(p, i + 1);
        }
        // "Section 2022", "Windows 2000": a name, not a year; but a capitalised function
        // word opening a sentence ("For 1988, …", "That 1978 resolution") names nothing.
        if prev.is_cap() && prev.lex() == Lex::Other && !is_determiner_or_preposition(p, i - 1) {
            return false;
        }
        // "the 1992 protests", "a 1996 law": a year modifying a noun after an article; a
        // count would not take one ("the 2000 containers" is rare next to "2,000").
        if matches!(prev.lex(), Lex::The | Lex::A) || is_determiner_or_preposition(p, i - 1) {
            return (1900..=2099).contains(&year) && !counts_unit(p, i + 1);
        }
    }
    (1900..=2099).contains(&year) && !counts_something(p, i + 1)
}

/// Determiners and prepositions that the keyword table does not know ("that", "for", "its").
fn is_determiner_or_preposition(p: &P, k: usize) -> bool {
    const WORDS: &[&str] = &[
        "that", "for", "its", "his", "her", "their", "our", "with", "whose", "every", "each", "at",
        "an",
    ];
    let word = p.word(k);
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Is the token at k a unit, a scale word or a percent sign: something only a count takes?
fn counts_unit(p: &P, k: usize) -> bool {
    p.tok(k).is_some_and(|t| {
        t.is_punct('%') || matches!(t.lex(), Lex::Unit(_) | Lex::Scale(_) | Lex::Dozens)
    })
}

/// Is the token at k a plural noun or unit that the number before it counts?
fn counts_something(p: &P, k: usize) -> bool {
    let Some(t) = p.tok(k) else {
        return false;
    };
    if t.is_punct('%') {
        return true;
    }
    match t.kind {
        Kind::Word { lex, cap: false } => {
            if matches!(lex, Lex::Unit(_) | Lex::Scale(_) | Lex::Dozens) {
                return true;
            }
            // Plural nouns: "containers", "people"; but not verbs and function words.
            let len = t.end - t.start;
            len > 3 && lex == Lex::Other && is_plural_like(p.word(k))
        }
        _ => false,
    }
}

/// A lowercase word ending in "s" that is not a common verb or function word: likely a plural
/// noun counted by the number before it.
fn is_plural_like(word: &str) -> bool {
    const NOT_NOUNS: &[&str] = &[
        "was", "is", "has", "as", "this", "its", "his", "plus", "thus", "always", "perhaps",
        "whereas", "says", "sees", "means", "remains", "seems", "saw", "does", "goes", "makes",
        "marks", "begins", "ends", "shows", "brings", "gives", "takes", "comes", "becomes",
    ];
    word.ends_with('s') && !word.ends_with("ss") && !NOT_NOUNS.contains(&word)
}

fn relative_first(p: &P, i: usize) -> Option<DateMatch> {
    let which = p.lex(i);
    let rel = match which {
        Lex::Last | Lex::Past | Lex::Previous => Rel::Last,
        Lex::This | Lex::Current => Rel::This,
        Lex::Next | Lex::Coming | Lex::Following => Rel::Next,
        _ => return None,
    };
    let step: i64 = match rel {
        Rel::Last => -1,
        Rel::Next => 1,
        _ => 0,
    };
    let k = i + 1;
    let t = p.tok(k)?;
    match t.lex() {
        Lex::Weekday(weekday) if t.is_cap() && which != Lex::Past => {
            m(i, k + 1, Raw::Weekday { weekday, rel })
        }
        Lex::Month(_) | Lex::MonthAbbr(_) if which != Lex::Past && which != Lex::Previous => {
            let inner = month_first(p, k, rel)?;
            match inner.raw {
                Raw::Month { .. } => m(i, inner.end, inner.raw),
                _ => None,
            }
        }
        Lex::Season(season) if which != Lex::Past => m(i, k + 1, Raw::Season { season, rel }),
        Lex::Holiday(holiday) => {
            holiday_first(p, k, holiday, rel).map(|d| DateMatch { first: i, ..d })
        }
        // "this morning", "last night".
        Lex::DayPart(part) if rel == Rel::This => with_part(m(i, k + 1, Raw::Days(0)), part),
        Lex::DayPart(DayPart::Night) if rel == Rel::Last => {
            with_part(m(i, k + 1, Raw::Days(-1)), DayPart::Night)
        }
        Lex::Week => m(i, k + 1, Raw::Weeks(step)),
        Lex::Weekend if which != Lex::Previous => m(i, k + 1, Raw::Weekend { rel }),
        Lex::MonthWord => m(i, k + 1, Raw::Months(step)),
        Lex::Year => {
            // "last year's quarter", "next year's first quarter".
            let possessive = (p.punct(k + 1, '\'') || p.punct(k + 1, '’'))
                && p.adjacent(k + 1)
                && p.word(k + 2) == "s";
            if possessive {
                if let Some((quarter, end)) = quarter_at(p, k + 3) {
                    return m(
                        i,
                        end,
                        Raw::Quarter {
                            quarter,
                            rel: Rel::YearOffset(step as i32),
                        },
                    );
                }
                if step == -1 && p.lex(k + 3) == Lex::Quarter {
                    return m(i, k + 4, Raw::YearEarlier);
                }
            }
            m(i, k + 1, Raw::Years(step))
        }
        Lex::Quarter => match rel {
            Rel::This => m(i, k + 1, Raw::CurrentQuarter),
            Rel::Last => m(i, k + 1, Raw::LatestQuarter),
            _ => None,
        },
        Lex::Day if which == Lex::Previous => m(i, k + 1, Raw::AnchoredDays(-1)),
        _ => None,
    }
}

/// "early December", "mid-March", "late last July", "mid-2019", "early next year".
fn part_first(p: &P, i: usize) -> Option<DateMatch> {
    let mut k = i + 1;
    if p.punct(k, '-') && p.adjacent(k) {
        k += 1;
    }
    let inner = match p.tok(k)?.kind {
        Kind::Num { .. } => {
            let year = p.year(k)?;
            if p.adjacent(k + 1) {
                // "the early 1990s"
                return number_first(p, k).map(|d| DateMatch { first: i, ..d });
            }
            return m(i, k + 1, Raw::Abs(DateValue::Year(year)));
        }
        Kind::Word { lex, .. } => match lex {
            Lex::Month(_) | Lex::MonthAbbr(_) => month_first(p, k, Rel::ByTense)?,
            Lex::Last | Lex::This | Lex::Next => relative_first(p, k)?,
            Lex::Yesterday | Lex::Today | Lex::Tomorrow => parse_at(p, k)?,
            _ => return None,
        },
        Kind::Punct(_) => return None,
    };
    Some(DateMatch { first: i, ..inner })
}

/// Phrases that begin with "the": halves, quarters, decades, "the day before", "the past
/// year", "the end of 1990".
fn the_first(p: &P, i: usize) -> Option<DateMatch> {
    let k = i + 1;
    let t = p.tok(k)?;
    match t.lex() {
        Lex::Ordinal(_) => ordinal_first(p, k).map(|d| DateMatch { first: i, ..d }),
        Lex::Quarter => {
            // "the quarter a year ago": the quarter under discussion, a year before.
            if let Some(earlier) = ago_first(p, k + 1).filter(|d| d.raw == Raw::YearEarlier) {
                return m(i, earlier.end, Raw::YearEarlier);
            }
            m(i, k + 1, Raw::LatestQuarter)
        }
        // "the comparable year-ago quarter", "the corresponding period last year".
        Lex::Other
            if ["comparable", "corresponding"]
                .iter()
                .any(|w| p.word(k).eq_ignore_ascii_case(w))
                && p.lex(k + 1) == Lex::Year =>
        {
            year_ago_quarter(p, i, k + 1)
        }
        Lex::Year if p.punct(k + 1, '-') && matches!(p.lex(k + 2), Lex::Ago | Lex::Earlier) => {
            year_ago_quarter(p, i, k)
        }
        Lex::Latest | Lex::Recent => {
            // "the latest period" is the latest quarter in results reporting.
            (p.lex(k + 1) == Lex::Quarter || p.word(k + 1).eq_ignore_ascii_case("period"))
                .then_some(())?;
            m(i, k + 2, Raw::LatestQuarter)
        }
        Lex::Weekend => m(i, k + 1, Raw::Weekend { rel: Rel::ByTense }),
        // "the last half of 1989": the second half.
        Lex::Last if p.lex(k + 1) == Lex::Half && p.lex(k + 2) == Lex::Of => {
            let inner = half_of(p, k + 3, Half::Second)?;
            m(i, inner.end, inner.raw)
        }
        Lex::Most if p.lex(k + 1) == Lex::Recent && p.lex(k + 2) == Lex::Quarter => {
            m(i, k + 3, Raw::LatestQuarter)
        }
        Lex::Current if p.lex(k + 1) == Lex::Quarter => m(i, k + 2, Raw::CurrentQuarter),
        Lex::Current if p.lex(k + 1) == Lex::Year => m(i, k + 2, Raw::Years(0)),
        Lex::Past | Lex::Previous
            if p.lex(k + 1) == Lex::Year && !matches!(p.lex(k + 2), Lex::Or | Lex::Of) =>
        {
            m(i, k + 2, Raw::Years(-1))
        }
        Lex::Previous | Lex::Following | Lex::Next if p.lex(k + 1) == Lex::Day => {
            let step = if t.lex() == Lex::Previous { -1 } else { 1 };
            m(i, k + 2, Raw::AnchoredDays(step))
        }
        Lex::Day if matches!(p.lex(k + 1), Lex::Before | Lex::After) => {
            let step = if p.lex(k + 1) == Lex::Before { -1 } else { 1 };
            m(i, k + 2, Raw::AnchoredDays(step))
        }
        Lex::End | Lex::Beginning if p.lex(k + 1) == Lex::Of => {
            let inner = match p.lex(k + 2) {
                Lex::The if p.lex(k + 3) == Lex::Year => DateMatch {
                    first: k + 2,
                    end: k + 4,
                    raw: Raw::Years(0),
                    weekday: None,
                    part_of_day: None,
                },
                _ => parse_at(p, k + 2)?,
            };
            Some(DateMatch { first: i, ..inner })
        }
        Lex::Season(season) => {
            if p.lex(k + 1) == Lex::Of {
                let (year, end) = p.year_at(k + 2)?;
                return m(i, end, Raw::Abs(DateValue::Season { year, season }));
            }
            m(
                i,
                k + 1,
                Raw::Season {
                    season,
                    rel: Rel::ByTense,
                },
            )
        }
        Lex::Early | Lex::Mid | Lex::Late => {
            let inner = part_first(p, k)?;
            Some(DateMatch { first: i, ..inner })
        }
        // "the year 2000", "the year two thousand".
        Lex::Year => {
            if let Some((year, end)) = p.year_at(k + 1) {
                return m(i, end, Raw::Abs(DateValue::Year(year)));
            }
            // "for the year", "through the first nine months of the year": the current one.
            let prev = i.checked_sub(1).map_or(Lex::Other, |j| p.lex(j));
            let governed = matches!(prev, Lex::Of | Lex::In | Lex::During | Lex::Through)
                || i.checked_sub(1)
                    .is_some_and(|j| p.word(j).eq_ignore_ascii_case("for"));
            let qualified = matches!(
                p.lex(k + 1),
                Lex::Of | Lex::Before | Lex::After | Lex::Earlier | Lex::Ago | Lex::Later | Lex::That
            ) || p.tok(k + 1).is_some_and(|t| matches!(t.kind, Kind::Num { .. }))
                // "the year-ago quarter", "the year's best".
                || (p.adjacent(k + 1)
                    && (p.punct(k + 1, '-') || p.punct(k + 1, '\'') || p.punct(k + 1, '’')))
                || ["when", "in", "which", "to", "since"]
                    .iter()
                    .any(|w| p.word(k + 1).eq_ignore_ascii_case(w));
            (governed && !qualified).then_some(())?;
            m(i, k + 1, Raw::Years(0))
        }
        // "the full year", "the fiscal year", "the current fiscal year".
        Lex::Full | Lex::Fiscal if p.lex(k + 1) == Lex::Year => m(i, k + 2, Raw::Years(0)),
        Lex::Current if p.lex(k + 1) == Lex::Fiscal && p.lex(k + 2) == Lex::Year => {
            m(i, k + 3, Raw::Years(0))
        }
        // "the same day", "the following year", "the following month".
        Lex::Same => anchored_unit(p, i, k + 1, 0),
        Lex::Following if matches!(p.lex(k + 1), Lex::Year | Lex::MonthWord) => {
            anchored_unit(p, i, k + 1, 1)
        }
        Lex::Other => None,
        _ => {
            if matches!(t.kind, Kind::Num { .. }) {
                // "the 1990s" is handled at the number; "the 1950-53 war" keeps the range.
                return None;
            }
            None
        }
    }
}

/// "third quarter", "third-quarter", "the first quarter of 1990", "the second half of April".
fn ordinal_first(p: &P, i: usize) -> Option<DateMatch> {
    let Lex::Ordinal(n) = p.lex(i) else {
        return None;
    };
    let mut k = i + 1;
    if p.punct(k, '-') && p.adjacent(k) {
        k += 1;
    }
    match p.lex(k) {
        Lex::Quarter if (1..=4).contains(&n) => {
            let k = k + 1;
            if p.lex(k) == Lex::Of {
                if let Some(year) = p.year(k + 1) {
                    return m(i, k + 2, Raw::Abs(DateValue::Quarter { year, quarter: n }));
                }
                if let Some((off, end)) = p.year_rel(k + 1) {
                    return m(
                        i,
                        end,
                        Raw::Quarter {
                            quarter: n,
                            rel: Rel::YearOffset(off),
                        },
                    );
                }
            }
            m(
                i,
                k,
                Raw::Quarter {
                    quarter: n,
                    rel: Rel::ByTense,
                },
            )
        }
        Lex::Half if (1..=2).contains(&n) && p.lex(k + 1) == Lex::Of => {
            let half = if n == 1 { Half::First } else { Half::Second };
            let inner = half_of(p, k + 2, half)?;
            m(i, inner.end, inner.raw)
        }
        _ => None,
    }
}

/// "… half of" followed at `k` by the year, a month or "the year": the half's value, ending
/// where the inner date ends.
fn half_of(p: &P, k: usize, half: Half) -> Option<DateMatch> {
    let inner = if p.lex(k) == Lex::The && p.lex(k + 1) == Lex::Year {
        DateMatch {
            first: k,
            end: k + 2,
            raw: Raw::Years(0),
            weekday: None,
            part_of_day: None,
        }
    } else if matches!(p.lex(k), Lex::Month(_) | Lex::MonthAbbr(_)) {
        // "of April" is a date by itself here, even for "May" and "March".
        month_first(p, k, Rel::ByTense).or_else(|| {
            let (month, end) = p.month_at(k)?;
            m(
                k,
                end,
                Raw::Month {
                    month,
                    rel: Rel::ByTense,
                    half: Half::Whole,
                },
            )
        })?
    } else {
        parse_at(p, k)?
    };
    let raw = halve(inner.raw, half)?;
    m(k, inner.end, raw)
}

fn halve(raw: Raw, half: Half) -> Option<Raw> {
    match raw {
        Raw::Month { month, rel, .. } => Some(Raw::Month { month, rel, half }),
        // A year's halves are its calendar halves, January–June and July–December.
        Raw::Abs(DateValue::Year(year)) => Some(Raw::Abs(match half {
            Half::Whole => DateValue::Year(year),
            Half::First => DateValue::Range {
                from: NaiveDate::from_ymd_opt(year, 1, 1)?,
                to: NaiveDate::from_ymd_opt(year, 6, 30)?,
            },
            Half::Second => DateValue::Range {
                from: NaiveDate::from_ymd_opt(year, 7, 1)?,
                to: NaiveDate::from_ymd_opt(year, 12, 31)?,
            },
        })),
        Raw::Abs(value @ DateValue::Month { .. }) => {
            let (from, to) = value.bounds()?;
            Some(Raw::Abs(split_half(from, to, half)?))
        }
        Raw::Years(_) => Some(raw_years_half(raw, half)),
        _ => None,
    }
}

fn raw_years_half(raw: Raw, _half: Half) -> Raw {
    // "the first half of the year" keeps year precision: the half is not a calendar value
    // the checks compare.
    raw
}

fn split_half(from: NaiveDate, to: NaiveDate, half: Half) -> Option<DateValue> {
    let days = (to - from).num_days();
    let mid = from.checked_add_days(Days::new(u64::try_from(days / 2).ok()?))?;
    Some(match half {
        Half::Whole => DateValue::Range { from, to },
        Half::First => DateValue::Range { from, to: mid },
        Half::Second => DateValue::Range {
            from: mid.succ_opt()?,
            to,
        },
    })
}

/// "two weeks ago", "a year ago", "a year earlier", "a day after", "three years ago".
fn ago_first(p: &P, i: usize) -> Option<DateMatch> {
    let amount: i64 = match p.lex(i) {
        Lex::A => 1,
        Lex::NumWord(n) => i64::from(n),
        _ => match p.int(i) {
            Some((n, digits)) if digits <= 3 => i64::from(n),
            _ => return None,
        },
    };
    let unit_tok = i + 1;
    let unit = match p.lex(unit_tok) {
        Lex::Day => TimeUnit::Day,
        Lex::Week => TimeUnit::Week,
        Lex::MonthWord => TimeUnit::Month,
        Lex::Year => TimeUnit::Year,
        Lex::Unit(u) if amount > 1 => u,
        Lex::Unit(TimeUnit::Decade) if amount == 1 => TimeUnit::Decade,
        _ => return None,
    };
    match p.lex(unit_tok + 1) {
        Lex::Ago if unit == TimeUnit::Year && amount == 1 => m(i, unit_tok + 2, Raw::YearEarlier),
        Lex::Ago => m(i, unit_tok + 2, Raw::Ago { amount, unit }),
        Lex::Earlier if unit == TimeUnit::Year && amount == 1 => {
            m(i, unit_tok + 2, Raw::YearEarlier)
        }
        Lex::After | Lex::Before | Lex::Later | Lex::Earlier
            if unit == TimeUnit::Day && amount == 1 =>
        {
            let step = if matches!(p.lex(unit_tok + 1), Lex::After | Lex::Later) {
                1
            } else {
                -1
            };
            m(i, unit_tok + 2, Raw::AnchoredDays(step))
        }
        _ => None,
    }
}

/// Numbers glued to a weekday's date: keeps the weekday only when it was given.
/// Resolves a parsed date. `own_tense` is false when the clause had no verb and its tense
/// was borrowed from a neighbour: a year-less month or day then takes the occurrence nearest
/// to publication rather than trusting that weaker clue.
pub(crate) fn resolve(
    found: &DateMatch,
    tense: Tense,
    own_tense: bool,
    publication: Option<NaiveDate>,
    anchor: Option<DateValue>,
) -> Result<DateValue, Unresolved> {
    let raw = found.raw;
    match raw {
        Raw::Abs(value) => return Ok(value),
        Raw::QuarterOfYear(year) => {
            return Ok(match anchor {
                Some(DateValue::Quarter { quarter, .. }) => DateValue::Quarter { year, quarter },
                _ => DateValue::Year(year),
            })
        }
        _ => {}
    }
    let p = publication.ok_or(Unresolved::NoPublicationDate)?;
    // "Monday, Oct. 26": the year in which that day is a Monday, if one is near.
    if let (
        Raw::MonthDay {
            month,
            day,
            day2: None,
        },
        Some(weekday),
    ) = (raw, found.weekday)
    {
        let fits = [p.year(), p.year() - 1, p.year() + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .filter(|d| d.weekday() == weekday)
            .min_by_key(|d| (*d - p).num_days().abs());
        if let Some(date) = fits {
            return Ok(DateValue::Day(date));
        }
    }
    let calendar_tense = match raw {
        Raw::Month { .. } | Raw::MonthDay { .. } if !own_tense => Tense::Unknown,
        _ => tense,
    };
    resolve_relative(raw, calendar_tense, p, anchor).ok_or(Unresolved::Vague)
}

/// The year of a month or a day named without one, by the clause's tense: looking back, the
/// latest that began on or before publication; looking forward, the next that has not ended;
/// otherwise the nearest. A past clause about a date a year gone when the same date is only
/// weeks ahead ("gave no reason for the Jan. 14 deadline") speaks of the coming one: news
/// rarely dates a year-old event without its year.
fn year_by_tense(
    p: NaiveDate,
    tense: Tense,
    first_day: impl Fn(i32) -> Option<NaiveDate>,
    last_day: impl Fn(i32) -> Option<NaiveDate>,
) -> i32 {
    if tense.looks_ahead() {
        return if last_day(p.year()).is_some_and(|d| d >= p) {
            p.year()
        } else {
            p.year() + 1
        };
    }
    if tense != Tense::Past {
        return nearest_year(p, tense, |y| {
            let (from, to) = (first_day(y)?, last_day(y)?);
            Some(from + Days::new(((to - from).num_days() / 2).unsigned_abs()))
        });
    }
    let year = if first_day(p.year()).is_some_and(|d| d <= p) {
        p.year()
    } else {
        p.year() - 1
    };
    let gone = first_day(year).map(|d| (p - d).num_days());
    let ahead = first_day(year + 1).map(|d| (d - p).num_days());
    match (gone, ahead) {
        (Some(gone), Some(ahead)) if gone > YEAR_GONE_DAYS && ahead <= WEEKS_AHEAD_DAYS => year + 1,
        _ => year,
    }
}

/// See [`year_by_tense`]: a date this long past …
const YEAR_GONE_DAYS: i64 = 300;
/// … yields to one at most this far ahead.
const WEEKS_AHEAD_DAYS: i64 = 31;

/// The year (among the publication's and its neighbours) whose `date_in(year)` lies nearest
/// to `p`; on a tie, the earlier one unless the clause looks forward.
fn nearest_year(p: NaiveDate, tense: Tense, date_in: impl Fn(i32) -> Option<NaiveDate>) -> i32 {
    let mut best = (i64::MAX, p.year());
    for year in [p.year() - 1, p.year(), p.year() + 1] {
        let Some(d) = date_in(year) else { continue };
        let gap = (d - p).num_days();
        let tie_break = i64::from((gap > 0) != tense.looks_ahead());
        let cost = gap.abs() * 2 + tie_break;
        if cost < best.0 {
            best = (cost, year);
        }
    }
    best.1
}

fn resolve_relative(
    raw: Raw,
    tense: Tense,
    p: NaiveDate,
    anchor: Option<DateValue>,
) -> Option<DateValue> {
    Some(match raw {
        Raw::Abs(value) => value,
        Raw::QuarterOfYear(year) => DateValue::Year(year),
        Raw::MonthDay { month, day, day2 } => {
            let on = |y| NaiveDate::from_ymd_opt(y, month, day);
            let year = year_by_tense(p, tense, on, on);
            let from = valid_day(year, month, day)?;
            match day2 {
                None => DateValue::Day(from),
                Some(d2) => DateValue::Range {
                    from,
                    to: valid_day(year, month, d2)?,
                },
            }
        }
        Raw::Month { month, rel, half } => {
            let pm = p.month();
            let year = match rel {
                Rel::ByTense => year_by_tense(
                    p,
                    tense,
                    |y| NaiveDate::from_ymd_opt(y, month, 1),
                    |y| last_day_of_month(y, month),
                ),
                Rel::This => p.year(),
                Rel::Last => {
                    if month < pm {
                        p.year()
                    } else {
                        p.year() - 1
                    }
                }
                Rel::Next => {
                    if month > pm {
                        p.year()
                    } else {
                        p.year() + 1
                    }
                }
                Rel::YearOffset(off) => p.year() + off,
            };
            let value = DateValue::Month { year, month };
            match half {
                Half::Whole => value,
                _ => {
                    let (from, to) = value.bounds()?;
                    split_half(from, to, half)?
                }
            }
        }
        Raw::Weekday { weekday, rel } => {
            let back = days_back(p.weekday(), weekday);
            let ahead = (7 - back) % 7;
            let day = match rel {
                Rel::ByTense if tense.looks_ahead() => {
                    p + Days::new(if ahead == 0 { 7 } else { ahead })
                }
                Rel::ByTense => p - Days::new(back),
                Rel::Last => p - Days::new(if back == 0 { 7 } else { back }),
                Rel::This => p + Days::new(ahead),
                Rel::Next => p + Days::new(if ahead == 0 { 7 } else { ahead }),
                Rel::YearOffset(_) => return None,
            };
            DateValue::Day(day)
        }
        Raw::Weekend { rel } => {
            // The weekend on or before publication (a Saturday or Sunday publication is in
            // it), or the next one.
            let back = days_back(p.weekday(), Weekday::Sat);
            let latest = p - Days::new(back);
            let coming = if back <= 1 {
                latest
            } else {
                latest + Days::new(7)
            };
            let saturday = match rel {
                // "this weekend" is the coming one unless the clause looks back.
                Rel::ByTense if tense.looks_ahead() => coming,
                Rel::This if tense != Tense::Past => coming,
                Rel::ByTense | Rel::This => latest,
                Rel::Last => {
                    if back <= 1 {
                        latest - Days::new(7)
                    } else {
                        latest
                    }
                }
                Rel::Next => latest + Days::new(7),
                Rel::YearOffset(_) => return None,
            };
            DateValue::Range {
                from: saturday,
                to: saturday + Days::new(1),
            }
        }
        Raw::Days(n) => DateValue::Day(add_days(p, n)?),
        Raw::AnchoredYears(n) => {
            let (from, _) = anchor?.bounds()?;
            DateValue::Year(from.year() + i32::try_from(n).ok()?)
        }
        Raw::AnchoredMonths(n) => {
            let (from, _) = anchor?.bounds()?;
            let (year, month) = add_months(from.year(), from.month(), n)?;
            DateValue::Month { year, month }
        }
        Raw::Holiday { holiday, rel } => {
            let on = |year| holiday.date_in(year);
            let year = match rel {
                Rel::ByTense => year_by_tense(p, tense, on, on),
                Rel::This | Rel::YearOffset(0) => p.year(),
                Rel::YearOffset(off) => p.year() + off,
                Rel::Last => {
                    if on(p.year()).is_some_and(|d| d < p) {
                        p.year()
                    } else {
                        p.year() - 1
                    }
                }
                Rel::Next => {
                    if on(p.year()).is_some_and(|d| d > p) {
                        p.year()
                    } else {
                        p.year() + 1
                    }
                }
            };
            DateValue::Day(on(year)?)
        }
        Raw::AnchoredDays(n) => {
            let base = match anchor {
                Some(DateValue::Day(d)) => d,
                _ => p,
            };
            DateValue::Day(add_days(base, n)?)
        }
        Raw::Weeks(n) => {
            let week = add_days(p, n * 7)?.iso_week();
            DateValue::Week {
                year: week.year(),
                week: week.week(),
            }
        }
        Raw::Months(n) => {
            let (year, month) = add_months(p.year(), p.month(), n)?;
            DateValue::Month { year, month }
        }
        Raw::Years(n) => DateValue::Year(p.year() + i32::try_from(n).ok()?),
        Raw::Quarter { quarter, rel } => {
            let start_month = (quarter - 1) * 3 + 1;
            let year = match rel {
                Rel::YearOffset(off) => p.year() + off,
                Rel::This => p.year(),
                Rel::Last | Rel::Next => return None,
                // A past clause speaks of a quarter begun by publication; otherwise the
                // nearest is meant: results are expected and reported soon after a quarter.
                Rel::ByTense if tense == Tense::Past => year_by_tense(
                    p,
                    tense,
                    |y| NaiveDate::from_ymd_opt(y, start_month, 1),
                    |y| last_day_of_month(y, start_month + 2),
                ),
                Rel::ByTense => nearest_year(p, tense, |y| {
                    NaiveDate::from_ymd_opt(y, start_month + 1, 15)
                }),
            };
            DateValue::Quarter { year, quarter }
        }
        Raw::LatestQuarter => {
            let current = (p.month() - 1) / 3 + 1;
            if tense.looks_ahead() {
                DateValue::Quarter {
                    year: p.year(),
                    quarter: current,
                }
            } else if current == 1 {
                DateValue::Quarter {
                    year: p.year() - 1,
                    quarter: 4,
                }
            } else {
                DateValue::Quarter {
                    year: p.year(),
                    quarter: current - 1,
                }
            }
        }
        Raw::CurrentQuarter => DateValue::Quarter {
            year: p.year(),
            quarter: (p.month() - 1) / 3 + 1,
        },
        Raw::Season { season, rel } => {
            let at = |year: i32| DateValue::Season { year, season }.bounds();
            let year = match rel {
                Rel::ByTense if tense.looks_ahead() => {
                    if at(p.year())?.1 >= p {
                        p.year()
                    } else {
                        p.year() + 1
                    }
                }
                Rel::ByTense => {
                    if at(p.year())?.0 <= p {
                        p.year()
                    } else {
                        p.year() - 1
                    }
                }
                Rel::This => p.year(),
                Rel::Last => {
                    if at(p.year())?.1 < p {
                        p.year()
                    } else {
                        p.year() - 1
                    }
                }
                Rel::Next => {
                    if at(p.year())?.0 > p {
                        p.year()
                    } else {
                        p.year() + 1
                    }
                }
                Rel::YearOffset(off) => p.year() + off,
            };
            DateValue::Season { year, season }
        }
        // In results reporting "a year earlier" compares with the quarter under discussion.
        Raw::YearEarlier => match anchor {
            Some(DateValue::Quarter { year, quarter }) => DateValue::Quarter {
                year: year - 1,
                quarter,
            },
            _ => DateValue::Year(p.year() - 1),
        },
        Raw::Ago { amount, unit } => match unit {
            TimeUnit::Minute | TimeUnit::Hour => DateValue::Day(p),
            TimeUnit::Day => DateValue::Day(add_days(p, -amount)?),
            TimeUnit::Week => {
                let week = add_days(p, -amount * 7)?.iso_week();
                DateValue::Week {
                    year: week.year(),
                    week: week.week(),
                }
            }
            TimeUnit::Month => {
                let (year, month) = add_months(p.year(), p.month(), -amount)?;
                DateValue::Month { year, month }
            }
            TimeUnit::Year => DateValue::Year(p.year() - i32::try_from(amount).ok()?),
            TimeUnit::Decade => DateValue::Year(p.year() - 10 * i32::try_from(amount).ok()?),
            TimeUnit::Century => return None,
        },
    })
}

fn valid_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    // Feb 29 in a non-leap year: the text's day, clamped, is still the best reading.
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, month, 28))
}

fn days_back(from: Weekday, to: Weekday) -> u64 {
    u64::from((from.num_days_from_monday() + 7 - to.num_days_from_monday()) % 7)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let abs = Days::new(n.unsigned_abs());
    if n >= 0 {
        d.checked_add_days(abs)
    } else {
        d.checked_sub_days(abs)
    }
}

fn add_months(year: i32, month: u32, n: i64) -> Option<(i32, u32)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let abs = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    let d = if n >= 0 {
        first.checked_add_months(abs)?
    } else {
        first.checked_sub_months(abs)?
    };
    Some((d.year(), d.month()))
}
