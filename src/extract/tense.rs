//! Tense and modality of the clause around a claim.
//!
//! The sentence is cut into clauses at semicolons, colons, brackets, quotes, dashes, comma +
//! conjunction, subordinators ("while", "when", "as", "after", …) and "that" after a reporting
//! verb. Inside the clause the verb group nearest before the claim decides (English puts the
//! governing verb before its time adverbial); failing that, the first one after it. A clause
//! with no verb at all ("“in the second half of April.”") borrows the tense of its neighbours,
//! left first.

use super::{Span, Tense};

#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    start: usize,
    text: &'a str,
    /// Punctuation that ends a clause sits before this word.
    boundary_before: bool,
}

/// The tense of the clause of `sentence` that holds byte `at` (offsets into `text`).
pub fn clause_tense(text: &str, sentence: Span, at: usize) -> Tense {
    let end = sentence.end.min(text.len());
    let start = sentence.start.min(end);
    let Some(slice) = text.get(start..end) else {
        return Tense::Unknown;
    };
    let words = words(slice, start);
    if words.is_empty() {
        return Tense::Unknown;
    }
    let cuts = clause_starts(&words);
    // The clause holding `at`: the last cut at or before the first word at/after `at`.
    let at_word = words
        .iter()
        .position(|w| w.start >= at)
        .unwrap_or(words.len());
    let mut clause = cuts.iter().rposition(|&c| c <= at_word).unwrap_or(0);
    if at_word == words.len() {
        clause = cuts.len() - 1;
    }
    let bounds = |k: usize| -> (usize, usize) {
        let from = cuts[k];
        let to = cuts.get(k + 1).copied().unwrap_or(words.len());
        (from, to)
    };

    let (from, to) = bounds(clause);
    let found = markers(&words[from..to]);
    if let Some(t) = found
        .iter()
        .rev()
        .find(|m| m.0 < at)
        .or_else(|| found.iter().find(|m| m.0 >= at))
    {
        return t.1;
    }
    // A verbless clause: borrow from the nearest clause that has a verb, left first.
    for distance in 1..cuts.len() {
        if let Some(left) = clause.checked_sub(distance) {
            let (from, to) = bounds(left);
            if let Some(m) = markers_last(&words[from..to]) {
                return m;
            }
        }
        if clause + distance < cuts.len() {
            let (from, to) = bounds(clause + distance);
            if let Some(m) = markers(&words[from..to]).first() {
                return m.1;
            }
        }
    }
    Tense::Unknown
}

fn markers_last(words: &[Word]) -> Option<Tense> {
    markers(words).last().map(|m| m.1)
}

/// Words and clause-ending punctuation marks of a sentence.
fn words(slice: &str, base: usize) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(slice.len() / 5);
    let mut pending_boundary = false;
    let mut iter = slice.char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        if c.is_alphabetic() {
            let mut end = off + c.len_utf8();
            while let Some(&(o, d)) = iter.peek() {
                let apostrophe = (d == '\'' || d == '’')
                    && slice[o + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                if d.is_alphabetic() || apostrophe {
                    end = o + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(Word {
                start: base + off,
                text: &slice[off..end],
                boundary_before: pending_boundary,
            });
            pending_boundary = false;
        } else if matches!(
            c,
            ';' | ':' | '(' | ')' | '“' | '”' | '"' | '—' | '–' | '[' | ']'
        ) {
            pending_boundary = true;
        } else if c == ',' {
            // Remembered as a weak boundary: only a following conjunction makes it a cut.
            out.push(Word {
                start: base + off,
                text: ",",
                boundary_before: pending_boundary,
            });
            pending_boundary = false;
        }
    }
    out
}

fn lower_is(word: &str, options: &[&str]) -> bool {
    options.iter().any(|o| o.eq_ignore_ascii_case(word))
}

const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "announced",
    "announces",
    "reported",
    "reports",
    "stated",
    "added",
    "claimed",
    "noted",
    "warned",
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "thought",
    "confirmed",
    "insisted",
    "argued",
    "suggested",
    "suggest",
    "suggests",
    "indicated",
    "explained",
    "revealed",
    "admitted",
    "predicted",
    "expects",
    "expected",
    "hope",
    "hopes",
    "hoped",
    "agreed",
    "declared",
    "estimated",
    "know",
    "knew",
    "learned",
    "promised",
    "vowed",
    "pledged",
    "acknowledged",
    "denied",
];

const SUBORDINATORS: &[&str] = &[
    "while", "whereas", "when", "because", "although", "though", "if", "unless", "which", "who",
    "where", "after", "before", "until", "once",
];

const CONJUNCTIONS: &[&str] = &[
    "and", "but", "or", "so", "then", "yet", "as", "since", "nor",
];

/// Indices (into `words`) where clauses start; always begins with 0.
fn clause_starts(words: &[Word]) -> Vec<usize> {
    let mut cuts = vec![0];
    for k in 1..words.len() {
        let w = words[k];
        let prev = words[k - 1];
        let cut = if w.boundary_before {
            true
        } else if w.text == "," {
            false
        } else if prev.text == "," && lower_is(w.text, CONJUNCTIONS) {
            true
        } else if lower_is(w.text, SUBORDINATORS) {
            true
        } else if w.text.eq_ignore_ascii_case("as") {
            as_is_conjunction(words, k)
        } else if w.text.eq_ignore_ascii_case("that") {
            prev.text == ","
                || words[k.saturating_sub(4)..k]
                    .iter()
                    .any(|p| lower_is(p.text, REPORTING))
        } else {
            false
        };
        if cut && cuts.last() != Some(&k) {
            cuts.push(k);
        }
    }
    cuts
}

/// "as" joins clauses ("came as reports said …") but not in "as early as", "such as",
/// "as well", "as a stop-off".
fn as_is_conjunction(words: &[Word], k: usize) -> bool {
    let next = words.get(k + 1).map(|w| w.text);
    let after_next = words.get(k + 2).map(|w| w.text);
    let prev = k.checked_sub(1).map(|p| words[p].text);
    let before_prev = k.checked_sub(2).map(|p| words[p].text);
    if after_next.is_some_and(|w| w.eq_ignore_ascii_case("as"))
        || before_prev.is_some_and(|w| w.eq_ignore_ascii_case("as"))
    {
        return false;
    }
    if prev.is_some_and(|p| lower_is(p, &["such", "so", "same", "known", "well"])) {
        return false;
    }
    !next.is_some_and(|n| {
        lower_is(
            n,
            &[
                "a", "an", "the", "well", "of", "part", "such", "if", "though", "to", "for", "in",
                "much", "many", "long", "soon", "far", ",",
            ],
        )
    })
}

const FUTURE_MODALS: &[&str] = &["will", "shall", "won't", "won’t"];
const CONDITIONAL_MODALS: &[&str] = &[
    "would",
    "could",
    "might",
    "may",
    "should",
    "wouldn't",
    "couldn't",
    "wouldn’t",
    "couldn’t",
    "must",
];
/// Verbs that, followed by "to", announce a future event.
const FUTURE_TO: &[&str] = &[
    "set",
    "expected",
    "scheduled",
    "due",
    "slated",
    "poised",
    "going",
    "planning",
    "preparing",
    "plans",
    "plan",
    "intends",
    "intend",
    "intending",
    "aims",
    "aim",
    "aiming",
    "hopes",
    "hope",
    "about",
    "likely",
    "expect",
    "expects",
    "wants",
    "want",
    "vowed",
];
const PAST_AUX: &[&str] = &[
    "was", "were", "had", "did", "wasn't", "weren't", "didn't", "hadn't",
];
const PRESENT_AUX: &[&str] = &[
    "is", "are", "am", "isn't", "aren't", "does", "doesn't", "do", "don't",
];
const PERFECT_AUX: &[&str] = &["has", "have", "hasn't", "haven't"];
const PRESENT_VERBS: &[&str] = &[
    "says",
    "remains",
    "seems",
    "appears",
    "wants",
    "needs",
    "believes",
    "thinks",
    "faces",
    "continues",
    "includes",
    "means",
    "knows",
    "considers",
    "holds",
    "shows",
    "suggests",
    "tells",
    "sees",
    "calls",
    "expects",
    "hopes",
    "plans",
    "want",
    "believe",
    "think",
    "seek",
    "seeks",
    "say",
    "need",
    "remain",
    "lasts",
    "exists",
];
const IRREGULAR_PAST: &[&str] = &[
    "met",
    "went",
    "came",
    "took",
    "gave",
    "made",
    "said",
    "told",
    "held",
    "saw",
    "sent",
    "left",
    "began",
    "became",
    "brought",
    "bought",
    "built",
    "caught",
    "chose",
    "drew",
    "drove",
    "ate",
    "fell",
    "felt",
    "fought",
    "found",
    "flew",
    "forgot",
    "got",
    "grew",
    "heard",
    "hid",
    "kept",
    "knew",
    "laid",
    "led",
    "lost",
    "meant",
    "paid",
    "ran",
    "rang",
    "rose",
    "sold",
    "sought",
    "sat",
    "shot",
    "slept",
    "spoke",
    "spent",
    "stood",
    "stole",
    "struck",
    "swore",
    "taught",
    "thought",
    "threw",
    "understood",
    "woke",
    "won",
    "wore",
    "wrote",
    "broke",
    "arose",
    "fled",
    "overtook",
    "withdrew",
    "undertook",
    "shook",
    "sank",
    "sang",
    "swam",
    "dealt",
    "fed",
    "hung",
    "lit",
    "slid",
    "spun",
    "stuck",
    "stung",
    "swept",
    "wept",
    "bore",
    "beat",
    "bid",
    "did",
];
/// Words ending in "-ed" that are not past verbs.
const NOT_PAST: &[&str] = &[
    "need", "indeed", "speed", "hundred", "seed", "feed", "exceed", "proceed", "succeed", "breed",
    "greed", "shed", "united", "red", "bed", "embed", "wed", "steed", "weed", "deed", "creed",
    "bleed", "heed", "reed",
];

fn is_ed_past(word: &str) -> bool {
    word.len() >= 4
        && word.ends_with("ed")
        && word.chars().next().is_some_and(char::is_lowercase)
        && !lower_is(word, NOT_PAST)
}

fn is_participle(word: &str) -> bool {
    is_ed_past(word)
        || lower_is(word, IRREGULAR_PAST)
        || lower_is(
            word,
            &[
                "been",
                "done",
                "gone",
                "seen",
                "given",
                "taken",
                "known",
                "shown",
                "written",
                "spoken",
                "chosen",
                "held",
                "begun",
                "become",
                "driven",
                "eaten",
                "fallen",
                "flown",
                "grown",
                "hidden",
                "ridden",
                "risen",
                "stolen",
                "sworn",
                "thrown",
                "woken",
                "worn",
                "broken",
                "forgotten",
                "frozen",
                "beaten",
            ],
        )
}

fn is_filler(word: &str) -> bool {
    word.ends_with("ly")
        || lower_is(
            word,
            &[
                "not",
                "also",
                "already",
                "still",
                "just",
                "n't",
                "be",
                "been",
                "being",
                "never",
                "now",
                "then",
                "reportedly",
            ],
        )
}

/// (byte position, tense) of each verb group in the words, in order.
fn markers(words: &[Word]) -> Vec<(usize, Tense)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let w = words[k].text;
        let pos = words[k].start;
        let next = words.get(k + 1).map_or("", |n| n.text);
        let next2 = words.get(k + 2).map_or("", |n| n.text);
        let lower_first = w.chars().next().is_some_and(char::is_lowercase);
        let tense = if lower_is(w, FUTURE_MODALS) || w.ends_with("'ll") || w.ends_with("’ll") {
            Some(Tense::Future)
        } else if lower_first && lower_is(w, CONDITIONAL_MODALS) {
            Some(Tense::Conditional)
        } else if w.ends_with("'d") || w.ends_with("’d") {
            Some(Tense::Conditional)
        } else if lower_is(w, &["soon", "upcoming"]) {
            Some(Tense::Future)
        } else if lower_is(w, FUTURE_TO)
            && next.eq_ignore_ascii_case("to")
            && future_to_ok(words, k)
        {
            Some(future_or_conditional(words, k))
        } else if (lower_is(w, PRESENT_AUX) || lower_is(w, PAST_AUX))
            && ((lower_is(next, FUTURE_TO) && next2.eq_ignore_ascii_case("to"))
                || (is_filler(next)
                    && lower_is(next2, FUTURE_TO)
                    && words
                        .get(k + 3)
                        .is_some_and(|n| n.text.eq_ignore_ascii_case("to"))))
        {
            // "is expected to", "was scheduled to": one group, decided at the verb.
            k += 1;
            continue;
        } else if lower_is(w, PERFECT_AUX) {
            if next_participle(words, k + 1) {
                Some(Tense::Past)
            } else {
                Some(Tense::Present)
            }
        } else if lower_is(w, PAST_AUX) {
            Some(Tense::Past)
        } else if lower_is(w, PRESENT_AUX) {
            Some(Tense::Present)
        } else if lower_first && (lower_is(w, IRREGULAR_PAST) || is_ed_past(w)) {
            // A participle after a determiner is an adjective ("the planned trip").
            let prev = k.checked_sub(1).map_or("", |p| words[p].text);
            if lower_is(
                prev,
                &[
                    "the", "a", "an", "its", "his", "her", "their", "our", "this",
                ],
            ) {
                None
            } else {
                Some(Tense::Past)
            }
        } else if lower_first && lower_is(w, PRESENT_VERBS) {
            Some(Tense::Present)
        } else {
            None
        };
        if let Some(t) = tense {
            out.push((pos, t));
            // The rest of the verb group ("will be held", "has also visited") is part of it.
            k += 1;
            while k < words.len() && (is_filler(words[k].text) || is_participle(words[k].text)) {
                k += 1;
            }
            continue;
        }
        k += 1;
    }
    out
}

/// "due to" and "set to" announce the future only after a form of "be" ("is due to visit"),
/// not as a cause ("due to the war").
fn future_to_ok(words: &[Word], k: usize) -> bool {
    let w = words[k].text;
    if lower_is(w, &["due", "set", "about", "likely", "going"]) {
        let prev = k.checked_sub(1).map_or("", |p| words[p].text);
        let prev2 = k.checked_sub(2).map_or("", |p| words[p].text);
        let be = |s: &str| lower_is(s, &["is", "are", "was", "were", "be", "am", "not"]);
        return be(prev)
            || (is_filler(prev) && be(prev2))
            || prev.ends_with("'s")
            || prev.ends_with("’s");
    }
    true
}

/// "was expected to visit" is a future seen from the past: conditional, not future.
fn future_or_conditional(words: &[Word], k: usize) -> Tense {
    let w = words[k].text;
    if lower_is(w, &["vowed", "planned", "hoped", "aimed"]) {
        return Tense::Conditional;
    }
    let start = k.saturating_sub(2);
    if words[start..k].iter().any(|p| lower_is(p.text, PAST_AUX)) {
        Tense::Conditional
    } else {
        Tense::Future
    }
}

fn next_participle(words: &[Word], mut k: usize) -> bool {
    while k < words.len() && is_filler(words[k].text) && !words[k].text.eq_ignore_ascii_case("been")
    {
        k += 1;
    }
    words.get(k).is_some_and(|w| is_participle(w.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_at(sentence: &str, needle: &str) -> Tense {
        let at = sentence.find(needle).expect("needle in sentence");
        clause_tense(sentence, Span::new(0, sentence.len()), at)
    }

    #[test]
    fn will_makes_the_clause_future() {
        assert_eq!(
            tense_at("Putin will visit on Friday.", "Friday"),
            Tense::Future
        );
    }

    #[test]
    fn reported_speech_keeps_its_own_tense() {
        let s = "Officials said on Tuesday that the leader will visit in April.";
        assert_eq!(tense_at(s, "Tuesday"), Tense::Past);
        assert_eq!(tense_at(s, "April"), Tense::Future);
    }

    #[test]
    fn would_is_conditional() {
        let s = "State media said on Tuesday that Kim would visit Russia “in the second half of April.”";
        assert_eq!(tense_at(s, "in the second"), Tense::Conditional);
        assert_eq!(tense_at(s, "Tuesday"), Tense::Past);
    }

    #[test]
    fn expected_to_and_as_early_as_are_future() {
        let s = "Mr. Kim’s comments came as media reports said Mr. Putin is expected to visit North Korea as early as next week.";
        assert_eq!(tense_at(s, "as early as"), Tense::Future);
    }

    #[test]
    fn past_verbs_make_the_clause_past() {
        assert_eq!(
            tense_at(
                "Mr. Kim visited Russia last September for a meeting.",
                "last September"
            ),
            Tense::Past
        );
        assert_eq!(
            tense_at(
                "In March, the minister said shipments had arrived.",
                "March"
            ),
            Tense::Past
        );
        assert_eq!(
            tense_at(
                "Their first summit happened in Vladivostok in April 2019.",
                "April"
            ),
            Tense::Past
        );
    }

    #[test]
    fn is_set_to_and_plans_to_are_future() {
        assert_eq!(
            tense_at("The leader is set to visit Russia.", "Russia"),
            Tense::Future
        );
        assert_eq!(
            tense_at("He plans to travel to Russia this month.", "this month"),
            Tense::Future
        );
    }

    #[test]
    fn present_verbs_make_the_clause_present() {
        assert_eq!(
            tense_at("The forum is held in the city.", "city"),
            Tense::Present
        );
    }

    #[test]
    fn no_verb_is_unknown() {
        assert_eq!(
            tense_at("Thursday, January 27, 2022", "January"),
            Tense::Unknown
        );
    }

    #[test]
    fn due_to_as_a_cause_is_not_future() {
        assert_eq!(
            tense_at("Trade fell due to the war in March.", "March"),
            Tense::Past
        );
    }
}
