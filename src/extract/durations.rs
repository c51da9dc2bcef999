//! Lengths of time: "more than two decades", "about two hours", "eight months", "a decade",
//! "half a century", "24 years", "two-year". Vague amounts ("several years", "a few days")
//! give no claim: they bound nothing a check could use.

use super::numbers::{amount, qualifier, quantity};
use super::token::{Lex, Tok};
use super::{DurationClaim, Qualifier, TimeUnit};

fn lex(toks: &[Tok], k: usize) -> Lex {
    toks.get(k).map_or(Lex::Other, Tok::lex)
}

fn unit_at(toks: &[Tok], k: usize, singular: bool) -> Option<TimeUnit> {
    match lex(toks, k) {
        Lex::Unit(u) => Some(u),
        Lex::Day if singular => Some(TimeUnit::Day),
        Lex::Week if singular => Some(TimeUnit::Week),
        Lex::MonthWord if singular => Some(TimeUnit::Month),
        Lex::Year if singular => Some(TimeUnit::Year),
        _ => None,
    }
}

/// A duration starting at token `i`: (first token, end token, claim).
pub(crate) fn parse(text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize, DurationClaim)> {
    let (k, qual) = match qualifier(toks, i) {
        Some((k, q)) => (k, q),
        None => (i, Qualifier::Exactly),
    };
    let (mut k, value, singular_ok) = match lex(toks, k) {
        Lex::A => {
            // "once a year", "twice a day", "per day" are rates, not lengths.
            let prev = i
                .checked_sub(1)
                .and_then(|p| text.get(toks[p].start..toks[p].end));
            if prev.is_some_and(|w| {
                ["once", "twice", "times", "per", "every"]
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(w))
            }) {
                return None;
            }
            (k + 1, 1.0, true)
        }
        Lex::Half if lex(toks, k + 1) == Lex::A => (k + 2, 0.5, true),
        _ => {
            let (end, value) = amount(text, toks, k)?;
            (end, value, value <= 1.0)
        }
    };
    // "two-year", "five-month": the adjectival form.
    let hyphen = toks.get(k).is_some_and(|t| t.is_punct('-'))
        && toks.get(k + 1).is_some_and(|t| toks[k].end == t.start)
        && k > 0
        && toks[k - 1].end == toks[k].start;
    if hyphen {
        k += 1;
    }
    let unit = unit_at(toks, k, singular_ok || hyphen)?;
    if !value.is_finite() || value <= 0.0 {
        return None;
    }
    Some((
        i,
        k + 1,
        DurationClaim {
            amount: quantity(value, qual),
            unit,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    fn duration(text: &str) -> Option<DurationClaim> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        parse(text, &toks, 0).map(|m| m.2)
    }

    #[test]
    fn more_than_two_decades() {
        let d = duration("more than two decades").expect("a duration");
        assert_eq!(d.unit, TimeUnit::Decade);
        assert_eq!(d.amount.value, 2.0);
        assert_eq!(d.amount.qualifier, Qualifier::MoreThan);
    }

    #[test]
    fn about_two_hours() {
        let d = duration("about two hours").expect("a duration");
        assert_eq!((d.amount.value, d.unit), (2.0, TimeUnit::Hour));
        assert_eq!(d.amount.qualifier, Qualifier::About);
    }

    #[test]
    fn plain_counts_of_units() {
        assert_eq!(
            duration("eight months").map(|d| (d.amount.value, d.unit)),
            Some((8.0, TimeUnit::Month))
        );
        assert_eq!(
            duration("24 years").map(|d| (d.amount.value, d.unit)),
            Some((24.0, TimeUnit::Year))
        );
        assert_eq!(
            duration("a decade").map(|d| (d.amount.value, d.unit)),
            Some((1.0, TimeUnit::Decade))
        );
        assert_eq!(
            duration("half a century").map(|d| (d.amount.value, d.unit)),
            Some((0.5, TimeUnit::Century))
        );
    }

    #[test]
    fn vague_amounts_give_nothing() {
        assert_eq!(duration("several years"), None);
        assert_eq!(duration("a few days"), None);
    }

    #[test]
    fn bounds_in_days_follow_the_qualifier() {
        let d = duration("more than two decades").expect("a duration");
        let (low, high) = d.bounds_in_days();
        assert!((low - 2.0 * 3652.425).abs() < 1e-6);
        assert_eq!(high, f64::INFINITY);
    }
}
