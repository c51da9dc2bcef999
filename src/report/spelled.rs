//! An article entry's path and publication date as the JSON report spells them, written out
//! directly: a big corpus lists hundreds of thousands of articles, and going through
//! `Display` and the formatting machinery cost more than the rest of each entry.

use chrono::{Datelike, NaiveDate};

use crate::corpus::Origin;

/// The origin as its `Display` spells it: the path, with `:line` for a JSONL line.
pub(super) fn origin<S: serde::Serializer>(
    origin: &Origin,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match origin {
        Origin::File(path) => {
            if let Some(path) = path.to_str() {
                return serializer.serialize_str(path);
            }
        }
        Origin::JsonlLine { path, line } => {
            if let Some(path) = path.to_str() {
                let mut numbers = itoa::Buffer::new();
                let line = numbers.format(*line);
                let mut spelled = String::with_capacity(path.len() + 1 + line.len());
                spelled.push_str(path);
                spelled.push(':');
                spelled.push_str(line);
                return serializer.serialize_str(&spelled);
            }
        }
        Origin::Stdin => {}
    }
    // A path that is not UTF-8, and standard input: as `Display` writes them.
    serializer.collect_str(origin)
}

/// The day as its `Display` spells it, `YYYY-MM-DD`; none as null.
pub(super) fn day<S: serde::Serializer>(
    day: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match day {
        Some(day) => match iso_day(*day) {
            Some(spelled) => {
                serializer.serialize_str(std::str::from_utf8(&spelled).unwrap_or_default())
            }
            // A year beyond four digits, which `Display` signs.
            None => serializer.collect_str(day),
        },
        None => serializer.serialize_none(),
    }
}

/// `YYYY-MM-DD` for a year from 0 to 9999.
fn iso_day(day: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(day.year())
        .ok()
        .filter(|&year| year <= 9999)?;
    let digit = |value: u32, place: u32| b'0' + (value / place % 10) as u8;
    Some([
        digit(year, 1000),
        digit(year, 100),
        digit(year, 10),
        digit(year, 1),
        b'-',
        digit(day.month(), 10),
        digit(day.month(), 1),
        b'-',
        digit(day.day(), 10),
        digit(day.day(), 1),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    fn json(write: impl FnOnce(&mut serde_json::Serializer<&mut Vec<u8>>)) -> String {
        let mut out = Vec::new();
        write(&mut serde_json::Serializer::new(&mut out));
        String::from_utf8(out).unwrap_or_default()
    }

    proptest::proptest! {
        #[test]
        fn days_are_spelled_as_display_spells_them(days in -800_000i32..4_000_000) {
            let Some(day) = NaiveDate::from_num_days_from_ce_opt(days) else {
                return Ok(());
            };
            let want = serde_json::to_string(&day.to_string()).unwrap_or_default();
            proptest::prop_assert_eq!(json(|out| { let _ = super::day(&Some(day), out); }), want);
        }
    }

    #[test]
    fn origins_are_spelled_as_display_spells_them() {
        let path: Arc<Path> = Path::new("corpus/shard \"7\".jsonl").into();
        for origin in [
            Origin::File(path.clone()),
            Origin::JsonlLine {
                path,
                line: 120_034,
            },
            Origin::Stdin,
        ] {
            let want = serde_json::to_string(&origin.to_string()).unwrap_or_default();
            assert_eq!(
                json(|out| {
                    let _ = super::origin(&origin, out);
                }),
                want
            );
        }
        assert_eq!(
            json(|out| {
                let _ = super::day(&None, out);
            }),
            "null"
        );
    }
}
