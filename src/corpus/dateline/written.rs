//! The dateline pattern without a place, matched by hand: what the regex of
//! [`super::dateline_pattern`]`(false)` captures, found along its paths in the order the regex
//! tries them, with nothing compiled. Compiling the two patterns was 45 % of start-up (24.6 M
//! of 54.6 M instructions), and capturing with them about 2 % of the time spent on each article.
//!
//! The pattern, case-insensitive:
//! `^\s* (?:PREFIX\s*(?:on)?\s*:?\s*)? (?:WEEKDAY\.?,?\s+)? DATE (?P<rest>.*)$` where DATE is
//! `MONTH\.?\s+DAY(?:st|nd|rd|th)?,?\s+YEAR`, `DAY(?:st|nd|rd|th)?\s+MONTH\.?,?\s+YEAR` or
//! `YEAR-MM-DD`, a day being one or two ASCII digits and a year four.
//!
//! Every alternative (a prefix, a weekday, a month, "on") is tried in the pattern's order, the
//! rest of the line after each, as the regex backtracks. Runs of spaces are taken whole, and
//! the optional ".", ",", ":" and "st"… whenever present: what follows each never starts with
//! a space or with that mark, so the regex's paths without them fail there.

/// A date as a dateline writes it: the parts the pattern captures, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Written<'a> {
    /// "January 27, 2022": `m1`, `d1`, `y1`.
    MonthFirst {
        month: &'a str,
        day: &'a str,
        year: &'a str,
    },
    /// "27 January 2022": `d2`, `m2`, `y2`.
    DayFirst {
        day: &'a str,
        month: &'a str,
        year: &'a str,
    },
    /// "2022-01-27": `iso`.
    Iso(&'a str),
}

/// A line the pattern matches: its date, and what follows it (`rest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Dateline<'a> {
    pub date: Written<'a>,
    pub rest: &'a str,
}

/// Words that may open a dateline before its date, in the pattern's order.
pub(super) const PREFIXES: [&str; 5] = [
    "updated",
    "published",
    "posted",
    "last updated",
    "first published",
];

/// Weekdays, in the pattern's order: a name before its abbreviations.
pub(super) const WEEKDAYS: [&str; 17] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Months, in the pattern's order: a name before its abbreviations.
pub(super) const MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
];

/// Suffixes of a day, in the pattern's order.
const DAY_SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];

/// What the pattern without a place captures in `line` (one line: no `\n`), if it matches.
pub(super) fn dateline(line: &str) -> Option<Dateline<'_>> {
    debug_assert!(!line.contains('\n'), "one line at a time");
    let start = spaces(line, 0);
    PREFIXES
        .iter()
        .filter_map(|prefix| literal(line, start, prefix))
        .find_map(|after| {
            let after = spaces(line, after);
            literal(line, after, "on")
                .and_then(|on| after_prefix(line, on))
                .or_else(|| after_prefix(line, after))
        })
        .or_else(|| weekday_then_date(line, start))
}

/// `\s*:?\s*`, then the rest of the pattern.
fn after_prefix(line: &str, at: usize) -> Option<Dateline<'_>> {
    let at = spaces(line, at);
    let at = spaces(line, mark(line, at, b':'));
    weekday_then_date(line, at)
}

/// `(?:WEEKDAY\.?,?\s+)? DATE (?P<rest>.*)$` from `at`.
fn weekday_then_date(line: &str, at: usize) -> Option<Dateline<'_>> {
    WEEKDAYS
        .iter()
        .filter_map(|weekday| literal(line, at, weekday))
        .find_map(|after| {
            let after = mark(line, mark(line, after, b'.'), b',');
            date(line, some_spaces(line, after)?)
        })
        .or_else(|| date(line, at))
}

/// One of the three dates at `at`, in the pattern's order, and the rest of the line.
fn date(line: &str, at: usize) -> Option<Dateline<'_>> {
    month_first(line, at)
        .or_else(|| day_first(line, at))
        .or_else(|| iso(line, at))
}

/// `MONTH\.?\s+DAY(?:st|nd|rd|th)?,?\s+YEAR`.
fn month_first(line: &str, at: usize) -> Option<Dateline<'_>> {
    MONTHS
        .iter()
        .filter_map(|month| literal(line, at, month))
        .find_map(|month_end| {
            let day_start = some_spaces(line, mark(line, month_end, b'.'))?;
            let day_end = day(line, day_start)?;
            let (year_start, year_end) = year(line, mark(line, suffix(line, day_end), b','))?;
            Some(Dateline {
                date: Written::MonthFirst {
                    month: &line[at..month_end],
                    day: &line[day_start..day_end],
                    year: &line[year_start..year_end],
                },
                rest: &line[year_end..],
            })
        })
}

/// `DAY(?:st|nd|rd|th)?\s+MONTH\.?,?\s+YEAR`.
fn day_first(line: &str, at: usize) -> Option<Dateline<'_>> {
    let day_end = day(line, at)?;
    let month_start = some_spaces(line, suffix(line, day_end))?;
    MONTHS
        .iter()
        .filter_map(|month| literal(line, month_start, month))
        .find_map(|month_end| {
            let (year_start, year_end) = year(line, mark(line, mark(line, month_end, b'.'), b','))?;
            Some(Dateline {
                date: Written::DayFirst {
                    day: &line[at..day_end],
                    month: &line[month_start..month_end],
                    year: &line[year_start..year_end],
                },
                rest: &line[year_end..],
            })
        })
}

/// `\s+YEAR` from `at`: where the year starts and ends.
fn year(line: &str, at: usize) -> Option<(usize, usize)> {
    let start = some_spaces(line, at)?;
    Some((start, digits(line, start, 4)?))
}

/// `YEAR-MM-DD`.
fn iso(line: &str, at: usize) -> Option<Dateline<'_>> {
    let end = digits(line, at, 4)?;
    let end = digits(line, byte(line, end, b'-')?, 2)?;
    let end = digits(line, byte(line, end, b'-')?, 2)?;
    Some(Dateline {
        date: Written::Iso(&line[at..end]),
        rest: &line[end..],
    })
}

/// `[0-9]{1,2}`, two digits when there are: a digit cannot follow a day.
fn day(line: &str, at: usize) -> Option<usize> {
    let end = digits(line, at, 1)?;
    Some(digits(line, end, 1).unwrap_or(end))
}

/// Past `(?:st|nd|rd|th)?`.
fn suffix(line: &str, at: usize) -> usize {
    DAY_SUFFIXES
        .iter()
        .find_map(|suffix| literal(line, at, suffix))
        .unwrap_or(at)
}

/// Past exactly `count` ASCII digits at `at`.
fn digits(line: &str, at: usize, count: usize) -> Option<usize> {
    let end = at + count;
    let run = line.as_bytes().get(at..end)?;
    run.iter().all(u8::is_ascii_digit).then_some(end)
}

/// Past the byte `wanted` at `at`.
fn byte(line: &str, at: usize, wanted: u8) -> Option<usize> {
    (line.as_bytes().get(at) == Some(&wanted)).then_some(at + 1)
}

/// Past the byte `wanted` at `at` if it is there (`x?`), else `at`.
fn mark(line: &str, at: usize, wanted: u8) -> usize {
    byte(line, at, wanted).unwrap_or(at)
}

/// Past the run of spaces (Unicode's White_Space, as `\s`) at `at`, if any (`\s*`).
fn spaces(line: &str, at: usize) -> usize {
    let rest = &line[at..];
    at + rest.len() - rest.trim_start_matches(char::is_whitespace).len()
}

/// Past the run of spaces at `at`, which must hold one (`\s+`).
fn some_spaces(line: &str, at: usize) -> Option<usize> {
    let end = spaces(line, at);
    (end > at).then_some(end)
}

/// Past `word` (ASCII lower case) at `at`, matched as the case-insensitive pattern matches it:
/// each letter in either case, and "s" and "k" also as "ſ" and the Kelvin sign, the two
/// characters outside ASCII that fold to an ASCII letter.
fn literal(line: &str, at: usize, word: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut end = at;
    for &letter in word.as_bytes() {
        let next = *bytes.get(end)?;
        if next.to_ascii_lowercase() == letter {
            end += 1;
            continue;
        }
        let folded = match letter {
            b's' => "ſ",
            b'k' => "\u{212A}",
            _ => return None,
        };
        if !bytes[end..].starts_with(folded.as_bytes()) {
            return None;
        }
        end += folded.len();
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> Option<(Written<'_>, &str)> {
        dateline(line).map(|found| (found.date, found.rest))
    }

    #[test]
    fn each_date_form_with_its_rest() {
        assert_eq!(
            parts("Thursday, January 27, 2022 — Talks"),
            Some((
                Written::MonthFirst {
                    month: "January",
                    day: "27",
                    year: "2022"
                },
                " — Talks"
            ))
        );
        assert_eq!(
            parts("  27th Sept. 2023"),
            Some((
                Written::DayFirst {
                    day: "27",
                    month: "Sept",
                    year: "2023"
                },
                ""
            ))
        );
        assert_eq!(
            parts("Published 2022-01-27 10:00"),
            Some((Written::Iso("2022-01-27"), " 10:00"))
        );
    }

    #[test]
    fn on_after_a_prefix_is_let_go_when_the_date_does_not_follow_it() {
        // "on" is taken first; "Ontario" then fails and the path without it does too, but
        // "Updated on: Jan 5, 2022" reads through it.
        assert_eq!(parts("Updated Ontario, Jan 5, 2022"), None);
        assert!(parts("Updated on: Jan 5, 2022").is_some());
        assert!(parts("POSTED ON Monday 5 June 2023").is_some());
    }

    #[test]
    fn a_month_abbreviation_is_tried_after_its_name() {
        assert_eq!(
            parts("Sep 5 2023").map(|(date, _)| date),
            Some(Written::MonthFirst {
                month: "Sep",
                day: "5",
                year: "2023"
            })
        );
        assert_eq!(parts("Septembre 5 2023"), None);
    }

    #[test]
    fn long_s_and_the_kelvin_sign_fold_as_the_regex_folds_them() {
        assert_eq!(literal("ſunday", 0, "sunday"), Some("ſunday".len()));
        assert_eq!(literal("\u{212A}", 0, "k"), Some(3));
        assert_eq!(literal("Sunda", 0, "sunday"), None);
    }
}
