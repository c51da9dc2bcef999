//! Counts ("7,000", "nearly 5 million", "two") and ordinals ("third", "70th", "twenty-first").
//!
//! Bounds conventions for a qualified amount X (kept in [`Quantity`]):
//! * exact: [X, X]
//! * "about/around/some/approximately/roughly X": [0.9X, 1.1X]
//! * "nearly/almost X": [0.9X, X]
//! * "more than/over X": (X, ∞), `low` = X is exclusive, `high` = `f64::INFINITY`
//! * "at least X": [X, ∞)
//! * "less than/fewer than/under X": [0, X), `high` = X is exclusive
//! * "at most/up to/no more than X": [0, X]

use super::token::{Kind, Lex, Tok};
use super::{Qualifier, Quantity};

/// The bounds a qualifier allows around `value`.
pub fn quantity(value: f64, qualifier: Qualifier) -> Quantity {
    let (low, high) = match qualifier {
        Qualifier::Exactly => (value, value),
        Qualifier::About => (value * 0.9, value * 1.1),
        Qualifier::Nearly => (value * 0.9, value),
        Qualifier::MoreThan | Qualifier::AtLeast => (value, f64::INFINITY),
        Qualifier::LessThan | Qualifier::AtMost => (0.0, value),
    };
    Quantity {
        value,
        low,
        high,
        qualifier,
    }
}

fn word<'a>(text: &'a str, toks: &[Tok], k: usize) -> &'a str {
    toks.get(k)
        .and_then(|t| text.get(t.start..t.end))
        .unwrap_or("")
}

fn lex(toks: &[Tok], k: usize) -> Lex {
    toks.get(k).map_or(Lex::Other, Tok::lex)
}

fn adjacent(toks: &[Tok], k: usize) -> bool {
    k > 0 && k < toks.len() && toks[k - 1].end == toks[k].start
}

/// A qualifier starting at `i`: its end token and meaning.
pub(crate) fn qualifier(toks: &[Tok], i: usize) -> Option<(usize, Qualifier)> {
    match lex(toks, i) {
        Lex::About => Some((i + 1, Qualifier::About)),
        Lex::Nearly => Some((i + 1, Qualifier::Nearly)),
        Lex::More | Lex::Less if lex(toks, i + 1) == Lex::Than => Some((
            i + 2,
            if lex(toks, i) == Lex::More {
                Qualifier::MoreThan
            } else {
                Qualifier::LessThan
            },
        )),
        Lex::Over => Some((i + 1, Qualifier::MoreThan)),
        Lex::Under => Some((i + 1, Qualifier::LessThan)),
        Lex::At if lex(toks, i + 1) == Lex::Least => Some((i + 2, Qualifier::AtLeast)),
        Lex::At if lex(toks, i + 1) == Lex::Most => Some((i + 2, Qualifier::AtMost)),
        Lex::Up if lex(toks, i + 1) == Lex::To => Some((i + 2, Qualifier::AtMost)),
        _ => None,
    }
}

/// Is the number token at `k` glued to something that makes it a code, a time or a ratio
/// ("F-16", "10:30", "24/7", "555-1234", "5G")?
fn is_code(toks: &[Tok], k: usize) -> bool {
    if adjacent(toks, k) {
        let prev = &toks[k - 1];
        if prev.is_word()
            || prev.is_punct('-')
            || prev.is_punct('/')
            || prev.is_punct(':')
            || prev.is_punct('.')
        {
            return true;
        }
    }
    if adjacent(toks, k + 1) {
        let next = &toks[k + 1];
        if next.is_punct('/') || next.is_punct(':') || next.is_word() {
            return true;
        }
        if next.is_punct('-')
            && toks
                .get(k + 2)
                .is_some_and(|t| matches!(t.kind, Kind::Num { .. }))
        {
            return true;
        }
    }
    false
}

/// An amount at `i`: digits or number words, with a scale ("5 million", "two hundred").
pub(crate) fn amount(text: &str, toks: &[Tok], i: usize) -> Option<(usize, f64)> {
    let t = toks.get(i)?;
    let (mut value, mut k) = match t.kind {
        Kind::Num { value, .. } => {
            if is_code(toks, i) {
                return None;
            }
            (value, i + 1)
        }
        Kind::Word {
            lex: Lex::NumWord(n),
            ..
        } => {
            let mut v = f64::from(n);
            let mut k = i + 1;
            // "twenty-one"
            if n >= 20
                && n % 10 == 0
                && toks.get(k).is_some_and(|t| t.is_punct('-'))
                && adjacent(toks, k)
                && adjacent(toks, k + 1)
            {
                if let Lex::NumWord(u) = lex(toks, k + 1) {
                    if u < 10 {
                        v += f64::from(u);
                        k += 2;
                    }
                }
            }
            (v, k)
        }
        _ => return None,
    };
    let _ = text;
    while let Lex::Scale(power) = lex(toks, k) {
        value *= 10f64.powi(i32::from(power));
        k += 1;
    }
    Some((k, value))
}

/// A count at `i`, with its qualifier if one starts at `i`.
pub(crate) fn parse_number(text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize, Quantity)> {
    let (start_amount, qual) = match qualifier(toks, i) {
        Some((k, q)) => (k, q),
        None => (i, Qualifier::Exactly),
    };
    let (end, value) = amount(text, toks, start_amount)?;
    // A lone "one" is a pronoun far more often than a count ("one of the", "no one").
    if qual == Qualifier::Exactly
        && end == start_amount + 1
        && lex(toks, start_amount) == Lex::NumWord(1)
    {
        return None;
    }
    Some((i, end, quantity(value, qual)))
}

/// An ordinal at `i`: "third", "Third", "70th", "21st", "twenty-first".
pub(crate) fn parse_ordinal(text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize, u32)> {
    let t = toks.get(i)?;
    match t.kind {
        Kind::Num { .. } => {
            let (n, _) = t.int()?;
            let suffix = word(text, toks, i + 1).to_ascii_lowercase();
            if !adjacent(toks, i + 1) || !matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                return None;
            }
            if adjacent(toks, i) && !toks[i - 1].is_punct('(') {
                return None;
            }
            let expected = match (n % 100, n % 10) {
                (11..=13, _) => "th",
                (_, 1) => "st",
                (_, 2) => "nd",
                (_, 3) => "rd",
                _ => "th",
            };
            (suffix == expected).then_some((i, i + 2, n))
        }
        Kind::Word {
            lex: Lex::NumWord(tens),
            ..
        } if tens >= 20
            && toks.get(i + 1).is_some_and(|t| t.is_punct('-'))
            && adjacent(toks, i + 1)
            && adjacent(toks, i + 2) =>
        {
            match lex(toks, i + 2) {
                Lex::Ordinal(u) if u < 10 => Some((i, i + 3, tens + u)),
                _ => None,
            }
        }
        Kind::Word {
            lex: Lex::Ordinal(n),
            ..
        } => {
            // "a second", "per second", "two second" are time, not order.
            if n == 2 {
                let prev = i.checked_sub(1).map_or(Lex::Other, |k| lex(toks, k));
                if matches!(prev, Lex::A | Lex::NumWord(_))
                    || i.checked_sub(1)
                        .is_some_and(|k| matches!(toks[k].kind, Kind::Num { .. }))
                {
                    return None;
                }
            }
            Some((i, i + 1, n))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        out
    }

    fn number(text: &str, i: usize) -> Option<Quantity> {
        parse_number(text, &toks(text), i).map(|m| m.2)
    }

    #[test]
    fn nearly_keeps_the_value_as_upper_bound() {
        let q = number("nearly 5 million shells", 0).expect("a number");
        assert_eq!(q.value, 5e6);
        assert_eq!(q.qualifier, Qualifier::Nearly);
        assert_eq!((q.low, q.high), (4.5e6, 5e6));
    }

    #[test]
    fn more_than_is_open_above() {
        let q = number("more than 9,000 containers", 0).expect("a number");
        assert_eq!(q.value, 9000.0);
        assert_eq!(q.high, f64::INFINITY);
        assert_eq!(q.qualifier, Qualifier::MoreThan);
    }

    #[test]
    fn about_is_ten_percent_either_side() {
        let q = number("about 7,000 containers", 0).expect("a number");
        assert!((q.low - 6300.0).abs() < 1e-6 && (q.high - 7700.0).abs() < 1e-6);
    }

    #[test]
    fn number_words_combine() {
        assert_eq!(number("twenty-one guns", 0).map(|q| q.value), Some(21.0));
        assert_eq!(
            number("two hundred people", 0).map(|q| q.value),
            Some(200.0)
        );
    }

    #[test]
    fn codes_and_times_are_not_numbers() {
        assert_eq!(number("F-16 jets", 2), None);
        assert_eq!(number("10:30 am", 0), None);
        assert_eq!(number("24/7 news", 0), None);
    }

    #[test]
    fn ordinals_in_words_and_digits() {
        let t = toks("the 70th anniversary of their third summit and twenty-first century");
        let text = "the 70th anniversary of their third summit and twenty-first century";
        assert_eq!(parse_ordinal(text, &t, 1).map(|m| m.2), Some(70));
        assert_eq!(parse_ordinal(text, &t, 6).map(|m| m.2), Some(3));
        assert_eq!(parse_ordinal(text, &t, 9).map(|m| m.2), Some(21));
    }

    #[test]
    fn a_second_is_time_not_order() {
        let text = "in a second";
        assert_eq!(parse_ordinal(text, &toks(text), 2), None);
    }
}
