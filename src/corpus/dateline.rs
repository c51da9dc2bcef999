//! Datelines: a publication date at the top of an article ("Thursday, January 27, 2022",
//! "ORANPORT, Jan. 27, 2022 —", "27 January 2022", "2022-01-27").

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::extract::Span;

/// Only the first lines with text are searched: a date further down is body text.
const LINES_SEARCHED: usize = 5;
/// A dateline line is short, unless the date opens it and a dash or bar sets it off.
const MAX_DATELINE_LINE: usize = 90;

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

static DATELINE: LazyLock<Regex> = LazyLock::new(|| dateline_pattern(true));

/// The same without the place: most datelines name none, and their parts are captured by
/// this much smaller automaton (the place's Unicode letter classes are most of the other).
/// Where both match they read the same date and the same rest: a place has no digit, so
/// the date cannot start anywhere else.
static DATELINE_WITHOUT_PLACE: LazyLock<Regex> = LazyLock::new(|| dateline_pattern(false));

fn dateline_pattern(with_place: bool) -> Regex {
    let place = if with_place {
        r"(?-i: (?P<place> \p{Lu}[\p{L}.'’-]* (?:\ (?:\p{Lu}[\p{L}.'’-]*|\p{Ll}{1,3})){0,3} ),\s+ )?"
    } else {
        ""
    };
    let pattern = format!(
        r"(?ix)
        ^\s*
        (?: (?:updated|published|posted|last\ updated|first\ published)\s*(?:on)?\s*:?\s* )?
        # A place: up to four capitalised words (SEOUL, Rio de Janeiro, ST. PETERSBURG),
        # case-sensitive so that a lowercase clause is not taken for one.
        {place}
        (?: (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+ )?
        # ASCII digits: the numbers are parsed as such, so other digits would only match to
        # fail, and Unicode's are a fifth of the compile time.
        (?:
            (?P<m1>{MONTHS})\.?\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>[0-9]{{4}})
          | (?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTHS})\.?,?\s+(?P<y2>[0-9]{{4}})
          | (?P<iso>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})
        )
        (?P<rest>.*)$"
    );
    Regex::new(&pattern).expect("the dateline pattern is valid")
}

/// Compiles the dateline pattern now, so that the first article does not wait for it.
pub(crate) fn prepare() {
    LazyLock::force(&DATELINE);
    LazyLock::force(&DATELINE_WITHOUT_PLACE);
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
    // Most lines are body text, which a DFA turns down without the slower capturing engine.
    if !DATELINE.is_match(line) {
        return None;
    }
    let captures = DATELINE_WITHOUT_PLACE
        .captures(line)
        .or_else(|| DATELINE.captures(line))?;
    let rest = captures.name("rest").map_or("", |m| m.as_str());
    // A date that runs on into words ("January 27, 2022, the leaders met") opens a sentence
    // of body text; a dateline ends at the date or sets what follows apart.
    if !sets_off(rest)
        && (rest.chars().any(char::is_alphanumeric)
            || line.trim().chars().count() > MAX_DATELINE_LINE)
    {
        return None;
    }
    if let Some(iso) = captures.name("iso") {
        return NaiveDate::parse_from_str(iso.as_str(), "%Y-%m-%d").ok();
    }
    let (month, day, year) = match (captures.name("m1"), captures.name("m2")) {
        (Some(month), _) => (month, captures.name("d1")?, captures.name("y1")?),
        (None, Some(month)) => (month, captures.name("d2")?, captures.name("y2")?),
        (None, None) => return None,
    };
    NaiveDate::from_ymd_opt(
        year.as_str().parse().ok()?,
        month_number(month.as_str())?,
        day.as_str().parse().ok()?,
    )
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

    /// What the full pattern alone captures: the reading the shortcut through the pattern
    /// without a place must give.
    fn parts_of_full_pattern(line: &str) -> Option<Vec<Option<&str>>> {
        let captures = DATELINE.captures(line)?;
        let parts = ["m1", "d1", "y1", "m2", "d2", "y2", "iso", "rest"];
        Some(
            parts
                .iter()
                .map(|part| captures.name(part).map(|found| found.as_str()))
                .collect(),
        )
    }

    proptest::proptest! {
        #[test]
        fn a_dateline_without_a_place_reads_as_the_full_pattern_reads_it(
            line in "(Updated: |posted on )?((SEOUL|Rio de Janeiro|Thursday|MAY|Jan|Émile)[,.]? )?((Monday|Thu|Sat)[.]?,? )?((January|Sept|May|mar)[.]? [0-9]{1,2}(th)?,? [0-9]{4}|[0-9]{1,2} (June|Dec)[.]?,? [0-9]{4}|2022-01-2[0-9])( —| at 10:00| x|, said)?"
        ) {
            let shortcut = DATELINE_WITHOUT_PLACE.captures(&line).map(|captures| {
                ["m1", "d1", "y1", "m2", "d2", "y2", "iso", "rest"]
                    .iter()
                    .map(|part| captures.name(part).map(|found| found.as_str()))
                    .collect::<Vec<_>>()
            });
            if let Some(shortcut) = shortcut {
                proptest::prop_assert_eq!(Some(shortcut), parts_of_full_pattern(&line));
            }
        }
    }

    #[test]
    fn a_dateline_with_a_place_is_read_by_the_full_pattern() {
        assert_eq!(found("ORANPORT, Jan. 27, 2022 —\nText."), date(2022, 1, 27));
        assert!(DATELINE_WITHOUT_PLACE
            .captures("ORANPORT, Jan. 27, 2022 —")
            .is_none());
    }

    #[test]
    fn span_covers_the_dateline_line() {
        let text = "\nMonday, July 22, 2024\nBody";
        let (_, span) = find_dateline(text).expect("found");
        assert_eq!(&text[span.start..span.end], "Monday, July 22, 2024");
    }
}
