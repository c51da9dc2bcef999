//! Datelines: a publication date at the top of an article ("Thursday, January 27, 2022",
//! "ORANPORT, Jan. 27, 2022 —", "27 January 2022", "2022-01-27").

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::extract::Span;

mod written;

use written::{Dateline, Written};

/// Only the first lines with text are searched: a date further down is body text.
const LINES_SEARCHED: usize = 5;
/// A dateline line is short, unless the date opens it and a dash or bar sets it off.
const MAX_DATELINE_LINE: usize = 90;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| dateline_pattern(true));

/// The pattern, with a place or without (which [`written::dateline`] matches by hand).
fn dateline_pattern(with_place: bool) -> Regex {
    let place = if with_place {
        r"(?-i: (?P<place> \p{Lu}[\p{L}.'’-]* (?:\ (?:\p{Lu}[\p{L}.'’-]*|\p{Ll}{1,3})){0,3} ),\s+ )?"
    } else {
        ""
    };
    let prefixes = written::PREFIXES.join("|").replace(' ', r"\ ");
    let weekdays = written::WEEKDAYS.join("|");
    let months = written::MONTHS.join("|");
    let pattern = format!(
        r"(?ix)
        ^\s*
        (?: (?:{prefixes})\s*(?:on)?\s*:?\s* )?
        # A place: up to four capitalised words (SEOUL, Rio de Janeiro, ST. PETERSBURG),
        # case-sensitive so that a lowercase clause is not taken for one.
        {place}
        (?: (?:{weekdays})\.?,?\s+ )?
        # ASCII digits: the numbers are parsed as such, so other digits would only match to
        # fail, and Unicode's are a fifth of the compile time.
        (?:
            (?P<m1>{months})\.?\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>[0-9]{{4}})
          | (?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{months})\.?,?\s+(?P<y2>[0-9]{{4}})
          | (?P<iso>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})
        )
        (?P<rest>.*)$"
    );
    Regex::new(&pattern).expect("the dateline pattern is valid")
}

/// What the pattern with a place captures in `line`, which the one without did not match.
/// It is compiled when a line first needs it, not at start-up: most datelines name no place,
/// and compiling its Unicode letter classes took millions of instructions.
fn with_place(line: &str) -> Option<Dateline<'_>> {
    // A place is set off by a comma, and every date holds a year of four digits: a line
    // without both is no dateline with a place.
    let four_digits = line
        .as_bytes()
        .windows(4)
        .any(|window| window.iter().all(u8::is_ascii_digit));
    if !(line.contains(',') && four_digits) {
        return None;
    }
    captured(&DATELINE.captures(line)?)
}

/// The parts of a match of the pattern.
fn captured<'a>(captures: &regex::Captures<'a>) -> Option<Dateline<'a>> {
    let part = |name: &str| captures.name(name).map(|found| found.as_str());
    let date = if let Some(iso) = part("iso") {
        Written::Iso(iso)
    } else if let Some(month) = part("m1") {
        Written::MonthFirst {
            month,
            day: part("d1")?,
            year: part("y1")?,
        }
    } else {
        Written::DayFirst {
            day: part("d2")?,
            month: part("m2")?,
            year: part("y2")?,
        }
    };
    Some(Dateline {
        date,
        rest: part("rest").unwrap_or_default(),
    })
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let number = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(number)
}

/// What may follow the date on a dateline: nothing, a time, a dash, a bar, a source.
fn sets_off(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.is_empty()
        || rest.starts_with(['—', '–', '-', '|', '/', '(', '·', '•'])
        || rest
            .split_whitespace()
            .next()
            .is_some_and(|word| word.eq_ignore_ascii_case("at") || word.contains(':'))
}

fn parse_line(line: &str) -> Option<NaiveDate> {
    let found = written::dateline(line).or_else(|| with_place(line))?;
    date_of(line, found)
}

/// The date `found` in `line` gives, unless what follows it makes the line body text.
fn date_of(line: &str, found: Dateline<'_>) -> Option<NaiveDate> {
    let rest = found.rest;
    // A date that runs on into words ("January 27, 2022, the leaders met") opens a sentence
    // of body text; a dateline ends at the date or sets what follows apart.
    if !sets_off(rest)
        && (rest.chars().any(char::is_alphanumeric)
            || line.trim().chars().count() > MAX_DATELINE_LINE)
    {
        return None;
    }
    let (month, day, year) = match found.date {
        Written::Iso(iso) => return NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok(),
        Written::MonthFirst { month, day, year } | Written::DayFirst { day, month, year } => {
            (month, day, year)
        }
    };
    NaiveDate::from_ymd_opt(year.parse().ok()?, month_number(month)?, day.parse().ok()?)
}

/// The publication date a dateline in the first lines of `text` gives, and the line's span.
pub fn find_dateline(text: &str) -> Option<(NaiveDate, Span)> {
    let mut offset = 0;
    let mut searched = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            continue;
        }
        if let Some(date) = parse_line(content) {
            return Some((date, Span::new(start, start + content.len())));
        }
        searched += 1;
        if searched == LINES_SEARCHED {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn found(text: &str) -> Option<NaiveDate> {
        find_dateline(text).map(|(date, _)| date)
    }

    #[test]
    fn weekday_month_day_year() {
        assert_eq!(
            found("Thursday, January 27, 2022\n\nText."),
            date(2022, 1, 27)
        );
    }

    #[test]
    fn month_day_year_without_weekday() {
        assert_eq!(found("January 27, 2022\nText."), date(2022, 1, 27));
    }

    #[test]
    fn day_month_year() {
        assert_eq!(found("27 January 2022\nText."), date(2022, 1, 27));
    }

    #[test]
    fn abbreviated_months_with_and_without_period() {
        assert_eq!(found("Jan. 27, 2022\nText."), date(2022, 1, 27));
        assert_eq!(found("Jan 27 2022\nText."), date(2022, 1, 27));
        assert_eq!(found("Sept. 5, 2023\nText."), date(2023, 9, 5));
    }

    #[test]
    fn digits_outside_ascii_give_no_date() {
        assert_eq!(found("January ٢٧, ٢٠٢٢\nText."), None);
        assert_eq!(found("January 27, 2022\nText."), date(2022, 1, 27));
    }

    #[test]
    fn iso_date() {
        assert_eq!(found("2022-01-27\nText."), date(2022, 1, 27));
    }

    #[test]
    fn place_prefix_and_dash() {
        assert_eq!(
            found("ORANPORT, Jan. 27, 2022 — The talks began."),
            date(2022, 1, 27)
        );
    }

    #[test]
    fn published_prefix_and_time() {
        assert_eq!(
            found("Published: March 3, 2024 at 10:30 a.m.\nText."),
            date(2024, 3, 3)
        );
    }

    #[test]
    fn weekday_and_abbreviated_september() {
        assert_eq!(found("Tuesday, Sept. 5, 2023\nText."), date(2023, 9, 5));
    }

    #[test]
    fn weekday_day_month_year() {
        assert_eq!(found("Thursday 27 January 2022\nText."), date(2022, 1, 27));
    }

    #[test]
    fn uppercase_place_abbreviated_month_and_em_dash() {
        assert_eq!(
            found("VESKA, Jan. 27, 2022 — Talks between the two leaders began."),
            date(2022, 1, 27)
        );
    }

    #[test]
    fn place_of_several_words_and_a_wire_credit() {
        assert_eq!(
            found("NEW ORANPORT, Jan 27 2022 (Wire) - Talks began."),
            date(2022, 1, 27)
        );
        assert_eq!(
            found("Port of Veska, 27 January 2022 | The talks"),
            date(2022, 1, 27)
        );
    }

    #[test]
    fn updated_prefix() {
        assert_eq!(
            found("Updated: Jan. 27, 2022 10:42 pm\nText."),
            date(2022, 1, 27)
        );
        assert_eq!(found("Published 2022-01-27\nText."), date(2022, 1, 27));
    }

    #[test]
    fn a_dateline_below_a_headline() {
        let text = "Leaders To Meet In Veska\n\nBy A. Writer\nMonday, July 22, 2024\nBody.";
        assert_eq!(found(text), date(2024, 7, 22));
    }

    #[test]
    fn a_sentence_opening_with_a_date_is_no_dateline() {
        assert_eq!(
            found("On Tuesday, January 25, 2022, the leaders met in Veska.\n"),
            None
        );
        assert_eq!(found("January 27, 2022, was the day they met.\n"), None);
        assert_eq!(
            found("in the end, January 27, 2022 — a date to remember\n"),
            None
        );
    }

    #[test]
    fn a_date_in_body_text_is_no_dateline() {
        assert_eq!(
            found("The two leaders met on January 27, 2022 in Veska to discuss trade.\n"),
            None
        );
        assert_eq!(found("January 27, 2022 was the day they met.\n"), None);
    }

    #[test]
    fn an_impossible_date_is_no_dateline() {
        assert_eq!(found("February 30, 2022\nText."), None);
        assert_eq!(found("2022-02-30\nText."), None);
        assert_eq!(found("31 April 2022\nText."), None);
    }

    #[test]
    fn no_text_no_dateline() {
        assert_eq!(found(""), None);
        assert_eq!(found("\n\n  \n"), None);
    }

    #[test]
    fn only_the_first_lines_are_searched() {
        let text = "a\nb\nc\nd\ne\nf\nJanuary 27, 2022\n";
        assert_eq!(found(text), None);
    }

    /// The pattern without a place, compiled: what [`written::dateline`] must capture.
    static WITHOUT_PLACE: LazyLock<Regex> = LazyLock::new(|| dateline_pattern(false));

    fn captured_by(pattern: &Regex, line: &str) -> Option<(Written<'static>, String)> {
        let found = captured(&pattern.captures(line)?)?;
        Some((owned(found.date), found.rest.to_string()))
    }

    fn matched_by_hand(line: &str) -> Option<(Written<'static>, String)> {
        let found = written::dateline(line)?;
        Some((owned(found.date), found.rest.to_string()))
    }

    /// `date` with its parts leaked, to compare across lines' lifetimes in a test.
    fn owned(date: Written<'_>) -> Written<'static> {
        let leak = |part: &str| -> &'static str { Box::leak(part.to_string().into_boxed_str()) };
        match date {
            Written::MonthFirst { month, day, year } => Written::MonthFirst {
                month: leak(month),
                day: leak(day),
                year: leak(year),
            },
            Written::DayFirst { day, month, year } => Written::DayFirst {
                day: leak(day),
                month: leak(month),
                year: leak(year),
            },
            Written::Iso(iso) => Written::Iso(leak(iso)),
        }
    }

    /// How a line was read before the hand matcher: the full pattern had to match, then the
    /// pattern without a place captured it, or else the full one.
    fn parse_line_by_patterns(line: &str) -> Option<NaiveDate> {
        if !DATELINE.is_match(line) {
            return None;
        }
        let captures = WITHOUT_PLACE
            .captures(line)
            .or_else(|| DATELINE.captures(line))?;
        date_of(line, captured(&captures)?)
    }

    /// Lines of datelines with places, weekdays and prefixes, and some that only look like one.
    const WITH_PLACES: &str = "(Updated: |posted on )?((SEOUL|Rio de Janeiro|Thursday|MAY|Jan|Émile|St. Ann|Port of Veska|A b c d e)[,.]? )?((Monday|Thu|Sat)[.]?,? )?((January|Sept|May|mar)[.]? [0-9]{1,2}(th)?,? [0-9]{4}|[0-9]{1,2} (June|Dec)[.]?,? [0-9]{4}|2022-01-2[0-9])( —| at 10:00| x|, said)?";

    /// Lines built from every part of the pattern without a place, in every case, with the
    /// characters that fold to ASCII letters, spaces outside ASCII, and parts missing, doubled
    /// or a digit too long.
    const WITHOUT_PLACES: &str = "[ \t\u{a0}\u{2003}]{0,2}((Updated|PUBLISHED|posted|Last updated|first Published|Poſted|last  updated)[ \u{a0}]{0,2}(on|On|ON|Ontario|o)?[ ]{0,2}:?[ ]{0,2})?((Monday|thu|Thurs|THUR|tues|Tue|Sat|ſun|sunday|Fri|wed|Mon)[.]?,?[ \u{a0}]{0,2})?(((January|Sept|sep|September|May|mar|Auguſt|june|Dec|decembre|JAN|Octo)[.]?,?[ ]{0,2}[0-9]{1,3}(th|St|ND|rd|nd|t)?,?[ \u{3000}]{0,2}[0-9]{3,5})|([0-9]{1,3}(th|St|s)?[ ]{0,2}(June|Dec|sept|Jul|ſep)[.]?,?[ ]{0,2}[0-9]{3,5})|([0-9]{4}-[0-9]{1,2}-[0-9]{2,3}))( —| at 10:00| x|, said|2|\r)?";

    /// Words and marks of datelines, for lines that join them at random.
    fn pieces() -> Vec<&'static str> {
        let mut pieces: Vec<&str> = vec![
            " ",
            "  ",
            ",",
            ".",
            ":",
            "-",
            "—",
            "th",
            "st",
            "on",
            "5",
            "27",
            "2022",
            "20",
            "2",
            "2022-01-27",
            "ſ",
            "\u{212A}",
            "\u{a0}",
            "x",
            "Veska",
        ];
        pieces.extend(written::PREFIXES);
        pieces.extend(written::WEEKDAYS);
        pieces.extend(written::MONTHS);
        pieces
    }

    proptest::proptest! {
        #[test]
        fn a_dateline_without_a_place_reads_as_the_full_pattern_reads_it(line in WITH_PLACES) {
            if let Some(without) = captured_by(&WITHOUT_PLACE, &line) {
                proptest::prop_assert_eq!(Some(without), captured_by(&DATELINE, &line));
            }
        }

        #[test]
        fn the_hand_matcher_captures_what_the_pattern_without_a_place_captures(
            line in WITHOUT_PLACES
        ) {
            proptest::prop_assert_eq!(matched_by_hand(&line), captured_by(&WITHOUT_PLACE, &line));
        }

        #[test]
        fn the_hand_matcher_agrees_on_pieces_joined_at_random(
            parts in proptest::collection::vec(proptest::sample::select(pieces()), 0..10)
        ) {
            let line = parts.concat();
            proptest::prop_assert_eq!(matched_by_hand(&line), captured_by(&WITHOUT_PLACE, &line));
        }

        #[test]
        fn the_hand_matcher_agrees_on_any_line(line in "[^\n]{0,40}") {
            proptest::prop_assert_eq!(matched_by_hand(&line), captured_by(&WITHOUT_PLACE, &line));
        }

        #[test]
        fn a_line_gives_the_date_the_patterns_gave(line in WITH_PLACES) {
            proptest::prop_assert_eq!(parse_line(&line), parse_line_by_patterns(&line));
        }

        #[test]
        fn a_line_of_pieces_gives_the_date_the_patterns_gave(
            parts in proptest::collection::vec(proptest::sample::select(pieces()), 0..10)
        ) {
            let line = parts.concat();
            proptest::prop_assert_eq!(parse_line(&line), parse_line_by_patterns(&line));
        }
    }

    #[test]
    fn a_dateline_with_a_place_is_read_by_the_full_pattern() {
        assert_eq!(found("ORANPORT, Jan. 27, 2022 —\nText."), date(2022, 1, 27));
        assert!(written::dateline("ORANPORT, Jan. 27, 2022 —").is_none());
    }

    #[test]
    fn span_covers_the_dateline_line() {
        let text = "\nMonday, July 22, 2024\nBody";
        let (_, span) = find_dateline(text).expect("found");
        assert_eq!(&text[span.start..span.end], "Monday, July 22, 2024");
    }
}
