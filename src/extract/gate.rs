//! Which stretches of text are worth tokenizing: a claim holds a digit or one of the
//! tokenizer's keywords that opens like one of [`OPENINGS`] ("Jan", "third", "years"), so a
//! stretch with neither holds none. Most sentences of news are let go here, 64 bytes at a
//! time, without being tokenized.

use crate::classes::{first_found, Classes};
use crate::mentions::AnchoredWords;

use super::token::KEYWORDS;

/// How the words a claim can hold open, lower case: every word the recognizers know that
/// makes a stretch a claim starts with one of these (a test holds each of them to it). The
/// gate looks for the keywords that open so, as whole words: "Markets" or "decided" open like
/// "mar" and "dec" but are no keyword, and the tokenizer makes nothing of them.
const OPENINGS: &[&str] = &[
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
    "thirteen",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "ninety",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "ninth",
    "first",
    "second",
    "third",
    "fifth",
    "eighth",
    "twelfth",
    "half",
    "thanksgiving",
    "christmas",
    "easter",
    "halloween",
    "morning",
    "afternoon",
    "evening",
    "night",
];

/// The keywords opening like an opening, compiled: a quick "no" on a word's first three
/// bytes, then an anchored automaton walked from the word's start.
pub(crate) struct Gate {
    /// `None` only if no automaton could be built, when every stretch is let through.
    keywords: Option<AnchoredWords>,
}

impl Gate {
    pub(crate) fn new() -> Self {
        let keywords: Vec<&[u8]> = KEYWORDS
            .iter()
            .map(|&(word, _)| word)
            .filter(|word| {
                OPENINGS
                    .iter()
                    .any(|opening| word.starts_with(opening.as_bytes()))
            })
            .collect();
        Gate {
            keywords: AnchoredWords::new(&keywords, true),
        }
    }

    /// Whether `stretch` may hold a claim: it holds a digit, or a run of ASCII letters that is
    /// one of the keywords (a run starts a word or follows a hyphen, as in "mid-January"). The
    /// tokenizer's words run on over letters outside ASCII too, which the gate takes for no
    /// letters: it may let through a stretch the tokenizer makes nothing of, never the other
    /// way round.
    pub(crate) fn may_hold_claim(&self, stretch: &str) -> bool {
        let Some(keywords) = &self.keywords else {
            return true;
        };
        let bytes = stretch.as_bytes();
        // The first digit, which settles it, or else the starts of letter runs.
        let places = |start: usize, classes: &Classes| {
            if classes.digits != 0 {
                return classes.digits & classes.digits.wrapping_neg();
            }
            let letters = classes.lower | classes.upper;
            let carry = start > 0 && bytes[start - 1].is_ascii_alphabetic();
            letters & !((letters << 1) | u64::from(carry))
        };
        let ends_run = |end: usize| !bytes.get(end).is_some_and(u8::is_ascii_alphabetic);
        let holds = |at: usize| {
            let keyword = || keywords.longest_at_ending(bytes, at, ends_run).is_some();
            (bytes[at].is_ascii_digit() || keyword()).then_some(())
        };
        first_found(bytes, 0, places, holds).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classes::BLOCK;

    #[test]
    fn digits_and_keywords_pass() {
        let gate = Gate::new();
        for stretch in [
            "In 2019.",
            "on Jan. 5",
            "mid-January",
            "the THIRD summit",
            "two years ago",
            "Fifteenth",
            "the twentieth anniversary",
            "in Mar. and Dec",
            "the Year's end",
            "decades",
            "ten-point",
        ] {
            assert!(gate.may_hold_claim(stretch), "{stretch:?}");
        }
    }

    /// Openings inside words, and words that only open like a keyword ("Markets" like "mar").
    #[test]
    fn words_that_are_no_keyword_do_not_pass() {
        let gate = Gate::new();
        for stretch in [
            "Remarkably often",
            "someone tightened it",
            "Nothing here.",
            "Markets reacted calmly",
            "the mayor decided",
            "tensions eased",
            "a novel, seconds later",
        ] {
            assert!(!gate.may_hold_claim(stretch), "{stretch:?}");
        }
    }

    #[test]
    fn words_run_across_blocks() {
        let gate = Gate::new();
        // "x" fills the first block: the "mar" that opens the next goes on a word begun before.
        let stretch = format!("{}mar {}", "x".repeat(BLOCK), "y".repeat(10));
        assert!(!gate.may_hold_claim(&stretch));
        let stretch = format!("{} march", "x".repeat(BLOCK - 1));
        assert!(gate.may_hold_claim(&stretch));
    }
}
