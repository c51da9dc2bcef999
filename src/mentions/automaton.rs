//! A pack's words compiled for leftmost-longest search through every article's text.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, Match, MatchKind, PatternID,
    StartKind,
};

use crate::classes::{first_found, Classes, BLOCK};

/// A leftmost-longest automaton over a pack's words.
///
/// Words that start with a byte rare in running text (a capital, a digit, the first byte of a
/// non-ASCII letter), as names do, are found by skipping the text 64 bytes at a time to
/// such bytes and walking an anchored DFA from each until it dies, which for most is after a
/// byte or two. The other words could start at any byte, but each holds a rarer stretch: they
/// are looked for only a little before where one of those stands (see [`RareInside`]). The
/// leftmost-longest match is the longest at the first position that has any, so taking the
/// earlier (then the longer) of the two searches' next matches gives the matches of one
/// automaton over all the words.
pub(crate) struct WordAutomaton {
    rare: Option<Part<RareStarts>>,
    other: Option<Part<Other>>,
}

/// The words that do not start with a rare byte.
enum Other {
    RareInside(Box<RareInside>),
    /// Every byte through an ordinary automaton, when no [`RareInside`] could be built.
    Everywhere(AhoCorasick),
}

impl Other {
    fn new(patterns: &[&[u8]], ascii_case_insensitive: bool) -> Option<Self> {
        match RareInside::new(patterns, ascii_case_insensitive) {
            Some(inside) => Some(Other::RareInside(Box::new(inside))),
            None => everywhere(patterns, ascii_case_insensitive).map(Other::Everywhere),
        }
    }

    /// The first match at or after `at`, as one leftmost-longest automaton over its words
    /// would find it.
    fn next_from(&self, bytes: &[u8], at: usize) -> Option<Match> {
        match self {
            Other::RareInside(inside) => inside.next_from(bytes, at),
            Other::Everywhere(automaton) => automaton.find(Input::new(bytes).range(at..)),
        }
    }
}

/// Words looked for from a stretch of each (up to [`STRETCH`] bytes, from its rarest byte): a
/// match starts at most `reach` bytes before such a stretch, so the places before each
/// stretch found, and only those, are tried with an anchored automaton. "the Vesk Palace" is
/// looked for where "Ves" stands, not at every "the". The stretches are searched with a
/// prefilter; the words themselves would not be, as their openings are everywhere.
struct RareInside {
    stretches: AhoCorasick,
    /// The furthest any stretch stands into its word.
    reach: usize,
    words: AnchoredWords,
}

/// Bytes of a word searched for in [`RareInside`].
const STRETCH: usize = 3;

impl RareInside {
    /// `None` for no words, an empty one, or too many for a DFA.
    fn new(patterns: &[&[u8]], ascii_case_insensitive: bool) -> Option<Self> {
        if patterns.is_empty() || patterns.iter().any(|pattern| pattern.is_empty()) {
            return None;
        }
        let mut stretches: Vec<&[u8]> = Vec::with_capacity(patterns.len());
        let mut reach = 0;
        for pattern in patterns {
            let rarest = (0..pattern.len())
                .min_by_key(|&at| commonness(pattern[at], ascii_case_insensitive))
                .unwrap_or(0);
            let from = rarest.min(pattern.len().saturating_sub(STRETCH));
            stretches.push(&pattern[from..pattern.len().min(from + STRETCH)]);
            reach = reach.max(from);
        }
        let stretches = AhoCorasickBuilder::new()
            .ascii_case_insensitive(ascii_case_insensitive)
            .match_kind(MatchKind::LeftmostFirst)
            .build(&stretches)
            .ok()?;
        Some(RareInside {
            stretches,
            reach,
            words: AnchoredWords::new(patterns, ascii_case_insensitive)?,
        })
    }

    /// The first match at or after `at`: the longest at the first place one starts.
    fn next_from(&self, bytes: &[u8], at: usize) -> Option<Match> {
        // Places before this one start no match.
        let mut tried = at;
        while tried < bytes.len() {
            let stretch = self.stretches.find(Input::new(bytes).range(tried..))?;
            // The next match holds its word's stretch at most `reach` bytes after its start,
            // and the stretch found stands no later than that one: so the next match starts
            // either at one of the places from `reach` before the stretch found up to it, or
            // after it.
            let last = stretch.start();
            for place in tried.max(last.saturating_sub(self.reach))..=last {
                if let Some(found) = self.words.longest_at(bytes, place) {
                    return Some(found);
                }
            }
            tried = last + 1;
        }
        None
    }
}

/// How common a byte is in running English text, for choosing a word's rarest byte: capitals,
/// digits, punctuation and the bytes of other scripts first, then lower-case letters from the
/// rarest, the space last. Letters count as lower case when case is ignored.
fn commonness(byte: u8, ascii_case_insensitive: bool) -> u8 {
    const LETTERS_FROM_RAREST: &[u8; 26] = b"zqxjkvbpygfwmucldrhsnioate";
    let letter = if ascii_case_insensitive || byte.is_ascii_lowercase() {
        byte.to_ascii_lowercase()
    } else {
        0
    };
    match LETTERS_FROM_RAREST
        .iter()
        .position(|&known| known == letter)
    {
        Some(rank) => 1 + rank as u8,
        None if byte == b' ' => u8::MAX,
        None => 0,
    }
}

/// Some of the words, compiled, with the index among all the words of each.
struct Part<A> {
    automaton: A,
    ids: Vec<PatternID>,
}

/// Words that start with a rare byte, each of whose places is tried.
struct RareStarts {
    words: AnchoredWords,
}

/// Words tried at a given place: let go on the place's first bytes when none starts so, else
/// the longest that an anchored DFA, walked from there until it dies, matches.
pub(crate) struct AnchoredWords {
    dfa: DFA,
    start: StateID,
    starts: StartFilter,
}

impl AnchoredWords {
    /// `None` for no words, or too many for a DFA.
    pub(crate) fn new<P: AsRef<[u8]>>(
        patterns: &[P],
        ascii_case_insensitive: bool,
    ) -> Option<Self> {
        if patterns.is_empty() {
            return None;
        }
        let (dfa, start) = anchored_dfa(patterns, ascii_case_insensitive)?;
        Some(AnchoredWords {
            dfa,
            start,
            starts: StartFilter::new(patterns, ascii_case_insensitive),
        })
    }

    /// The longest of the words starting at `place`.
    #[inline]
    pub(crate) fn longest_at(&self, bytes: &[u8], place: usize) -> Option<Match> {
        self.longest_at_ending(bytes, place, |_| true)
    }

    /// The longest of the words starting at `place` whose end `ends` accepts.
    // Always inlined, as `longest_anchored` is: it is tried at most places its callers stop.
    #[inline(always)]
    pub(crate) fn longest_at_ending(
        &self,
        bytes: &[u8],
        place: usize,
        ends: impl Fn(usize) -> bool,
    ) -> Option<Match> {
        if !self.starts.may_start_at(bytes, place) {
            return None;
        }
        longest_anchored(&self.dfa, self.start, bytes, place, ends)
    }
}

impl WordAutomaton {
    /// A pack's patterns are literals, so building fails only on size: the words are then
    /// all searched through every byte, and an automaton that matches nothing is the last
    /// resort.
    pub(crate) fn new<P: AsRef<[u8]>>(patterns: &[P], ascii_case_insensitive: bool) -> Self {
        let rare_start = |pattern: &[u8]| {
            pattern.first().is_some_and(|&first| {
                is_rare(first) && !(ascii_case_insensitive && first.is_ascii_alphabetic())
            })
        };
        let (rare, other): (Vec<usize>, Vec<usize>) =
            (0..patterns.len()).partition(|&index| rare_start(patterns[index].as_ref()));
        let part_of = |indices: &[usize]| -> (Vec<&[u8]>, Vec<PatternID>) {
            indices
                .iter()
                .map(|&index| (patterns[index].as_ref(), pattern_id(index)))
                .unzip()
        };
        let (rare_words, rare_ids) = part_of(&rare);
        let rare = RareStarts::new(&rare_words, ascii_case_insensitive).map(|automaton| Part {
            automaton,
            ids: rare_ids,
        });
        // Searched through every byte: the other words, or all when the rare ones could not
        // be built.
        let rest: Vec<usize> = match rare {
            Some(_) => other,
            None => (0..patterns.len()).collect(),
        };
        let (rest_words, rest_ids) = part_of(&rest);
        let other = Other::new(&rest_words, ascii_case_insensitive).map(|automaton| Part {
            automaton,
            ids: rest_ids,
        });
        WordAutomaton { rare, other }
    }

    /// The non-overlapping leftmost-longest matches in `text`, in order.
    pub(crate) fn find_iter<'a>(&'a self, text: &'a str) -> Matches<'a> {
        Matches {
            automaton: self,
            text,
            at: 0,
            next_rare: None,
            next_other: None,
        }
    }
}

fn pattern_id(index: usize) -> PatternID {
    PatternID::new(index).unwrap_or(PatternID::MAX)
}

/// A leftmost-longest DFA of the words, walked from its anchored start (given beside it);
/// `None` when the words are too many for one.
fn anchored_dfa<P: AsRef<[u8]>>(
    patterns: &[P],
    ascii_case_insensitive: bool,
) -> Option<(DFA, StateID)> {
    let dfa = DFA::builder()
        .ascii_case_insensitive(ascii_case_insensitive)
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(patterns)
        .ok()?;
    let start = dfa.start_state(Anchored::Yes).ok()?;
    Some((dfa, start))
}

/// A DFA searched through every byte, or the crate's own choice when the words are too many
/// for one; `None` for no words.
fn everywhere<P: AsRef<[u8]>>(patterns: &[P], ascii_case_insensitive: bool) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    let build = |kind| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(ascii_case_insensitive)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(patterns)
    };
    build(Some(AhoCorasickKind::DFA))
        .or_else(|_| build(None))
        .ok()
}

impl RareStarts {
    /// `None` for no words, or too many for a DFA.
    fn new(patterns: &[&[u8]], ascii_case_insensitive: bool) -> Option<Self> {
        AnchoredWords::new(patterns, ascii_case_insensitive).map(|words| RareStarts { words })
    }

    /// The first match at or after `from`: only a rare byte can start one.
    fn next_from(&self, bytes: &[u8], at: usize) -> Option<Match> {
        first_found(
            bytes,
            at,
            |_, classes| classes.upper | classes.digits | classes.non_ascii,
            |start| self.words.longest_at(bytes, start),
        )
    }
}

/// A byte rare in running text, that a word of [`RareStarts`] starts with: the same bytes
/// as its search's masks (`upper | digits | non_ascii`).
fn is_rare(byte: u8) -> bool {
    byte.is_ascii_uppercase() || byte.is_ascii_digit() || !byte.is_ascii()
}

/// Words found only as whole words of a text: where a word of the text starts, the longest
/// of them that ends where a word ends.
///
/// Word starts are found 64 bytes at a time (a letter or digit, or a non-ASCII byte, after
/// a byte that is neither); from each whose byte a word starts with, an anchored automaton is
/// walked until it dies. A search of every byte that keeps only whole words after the fact
/// loses a word to a longer match that is not one: "summit meeting" in "summit meetings"
/// would hide "summit".
pub(crate) struct WholeWords {
    automaton: Walked,
    /// The bytes its words start with, and the bytes that follow them.
    starts: StartFilter,
}

/// For each byte some words start with, the bytes they go on with, folded to five bits
/// (`byte & 31` puts a letter's two cases together); zero for a byte no word starts with.
/// Most places of a text that start like one of the words are let go on their second or third
/// byte, without walking an automaton.
struct StartFilter {
    seconds: Box<[u32; 256]>,
    /// The first three bytes of the words, each folded to five bits, as one bit of 2^15:
    /// "Tra" lets "Trade" go where "Trevik" is a word. A word shorter than three bytes sets
    /// the bit of every three it opens.
    openings: Box<[u64; OPENING_WORDS]>,
}

/// `u64`s of [`StartFilter::openings`]: one bit for each three five-bit bytes.
const OPENING_WORDS: usize = (1 << 15) / 64;

/// The bit of [`StartFilter::openings`] for an opening of three bytes.
#[inline]
fn opening_bit(first: u8, second: u8, third: u8) -> usize {
    (usize::from(first & 31) << 10) | (usize::from(second & 31) << 5) | usize::from(third & 31)
}

impl StartFilter {
    /// An empty word is no word: it starts with nothing and is never found.
    fn new<P: AsRef<[u8]>>(patterns: &[P], ascii_case_insensitive: bool) -> Self {
        let mut seconds = Box::new([0u32; 256]);
        let mut openings = Box::new([0u64; OPENING_WORDS]);
        for pattern in patterns {
            let Some(&first) = pattern.as_ref().first() else {
                continue;
            };
            // Folding to five bits puts a letter's two cases together already.
            let any = 0..=31u8;
            let seconds_of = pattern.as_ref().get(1).map_or(any.clone(), |&b| b..=b);
            for second in seconds_of {
                let thirds = pattern.as_ref().get(2).map_or(any.clone(), |&b| b..=b);
                for third in thirds {
                    let bit = opening_bit(first, second, third);
                    openings[bit / 64] |= 1 << (bit % 64);
                }
            }
            // A word of one byte goes on with anything.
            let then = pattern
                .as_ref()
                .get(1)
                .map_or(u32::MAX, |&second| second_bit(second));
            seconds[usize::from(first)] |= then;
            if ascii_case_insensitive {
                seconds[usize::from(first.to_ascii_lowercase())] |= then;
                seconds[usize::from(first.to_ascii_uppercase())] |= then;
            }
        }
        StartFilter { seconds, openings }
    }

    /// False when no word can start at `start`, by its first three bytes.
    #[inline]
    fn may_start_at(&self, bytes: &[u8], start: usize) -> bool {
        let Some(&first) = bytes.get(start) else {
            return false;
        };
        let seconds = self.seconds[usize::from(first)];
        if seconds == 0 {
            return false;
        }
        let Some(&second) = bytes.get(start + 1) else {
            return true;
        };
        if seconds & second_bit(second) == 0 {
            return false;
        }
        bytes.get(start + 2).is_none_or(|&third| {
            let bit = opening_bit(first, second, third);
            self.openings[bit / 64] & (1 << (bit % 64)) != 0
        })
    }

    /// The places of `places` (bit `k` for `base + k`) where [`StartFilter::may_start_at`]
    /// holds. Whether a place of running text opens like a word is a coin toss to the branch
    /// predictor, so a block's places are tested without a branch each where the block's
    /// bytes and two more are there to read; the text's last block, place by place.
    #[inline]
    fn sift(&self, bytes: &[u8], base: usize, mut places: u64) -> u64 {
        let Some(window) = bytes
            .get(base..)
            .and_then(|rest| rest.first_chunk::<{ BLOCK + 2 }>())
        else {
            return self.sift_by_place(bytes, base, places);
        };
        let mut kept = 0;
        while places != 0 {
            let k = places.trailing_zeros() as usize % BLOCK;
            places &= places - 1;
            let (first, second, third) = (window[k], window[k + 1], window[k + 2]);
            let bit = opening_bit(first, second, third);
            let opens = self.openings[bit / 64] >> (bit % 64);
            let goes_on = self.seconds[usize::from(first)] >> (second & 31);
            kept |= (opens & u64::from(goes_on) & 1) << k;
        }
        kept
    }

    /// [`StartFilter::sift`] one place at a time.
    #[cold]
    fn sift_by_place(&self, bytes: &[u8], base: usize, mut places: u64) -> u64 {
        let mut kept = 0;
        while places != 0 {
            let k = places.trailing_zeros();
            places &= places - 1;
            if self.may_start_at(bytes, base + k as usize) {
                kept |= 1 << k;
            }
        }
        kept
    }
}

/// An automaton walked from its anchored start: a DFA, or an NFA for words too many for one.
enum Walked {
    Dfa(DFA, StateID),
    Nfa(aho_corasick::nfa::contiguous::NFA, StateID),
}

impl WholeWords {
    /// `None` for no words, or a word list no automaton could be built for.
    pub(crate) fn new<P: AsRef<[u8]>>(
        patterns: &[P],
        ascii_case_insensitive: bool,
    ) -> Option<Self> {
        if patterns.is_empty() {
            return None;
        }
        let starts = StartFilter::new(patterns, ascii_case_insensitive);
        let automaton = match anchored_dfa(patterns, ascii_case_insensitive) {
            Some((dfa, start)) => Walked::Dfa(dfa, start),
            None => {
                let nfa = aho_corasick::nfa::contiguous::NFA::builder()
                    .ascii_case_insensitive(ascii_case_insensitive)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns)
                    .ok()?;
                let start = nfa.start_state(Anchored::Yes).ok()?;
                Walked::Nfa(nfa, start)
            }
        };
        Some(WholeWords { automaton, starts })
    }

    /// The whole-word matches in `text`, in order, none overlapping.
    pub(crate) fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Match> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            let found = self.next_from(text, at)?;
            at = found.end();
            Some(found)
        })
    }

    /// The first whole-word match starting at or after `at`.
    fn next_from(&self, text: &str, at: usize) -> Option<Match> {
        let bytes = text.as_bytes();
        // A superset of the word starts, told apart by `at_word_start`: a letter or digit, or
        // a byte outside ASCII (which may continue a letter), after no ASCII letter or digit.
        let starts = |start: usize, classes: &Classes| {
            let word = classes.alphanumeric();
            let carry = start > 0 && bytes[start - 1].is_ascii_alphanumeric();
            let places = (word | classes.non_ascii) & !((word << 1) | u64::from(carry));
            // Most words start with bytes none of its words do.
            self.starts.sift(bytes, start, places)
        };
        first_found(bytes, at, starts, |start| self.at_word_start(text, start))
    }

    /// The longest whole-word match at `start`, a place the start filter let through, if a
    /// word of the text starts there.
    fn at_word_start(&self, text: &str, start: usize) -> Option<Match> {
        let bytes = text.as_bytes();
        let starts_word = match start.checked_sub(1).map(|before| bytes[before]) {
            None => true,
            Some(before) if before.is_ascii() => !before.is_ascii_alphanumeric(),
            Some(_) => {
                text.is_char_boundary(start)
                    && !text[..start]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            }
        };
        if !starts_word {
            return None;
        }
        match &self.automaton {
            Walked::Dfa(dfa, state) => longest_whole_word(dfa, *state, text, start),
            Walked::Nfa(nfa, state) => longest_whole_word(nfa, *state, text, start),
        }
    }
}

/// A byte's bit in [`StartFilter::seconds`].
#[inline]
fn second_bit(byte: u8) -> u32 {
    1 << (byte & 31)
}

/// The longest match at `start` that ends a word.
fn longest_whole_word<A: Automaton>(
    automaton: &A,
    state: StateID,
    text: &str,
    start: usize,
) -> Option<Match> {
    let bytes = text.as_bytes();
    let ends_word = |end: usize| match bytes.get(end) {
        None => true,
        Some(after) if after.is_ascii() => !after.is_ascii_alphanumeric(),
        Some(_) => text
            .get(end..)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric())),
    };
    longest_anchored(automaton, state, bytes, start, ends_word)
}

/// The longest match of `automaton`, walked from its anchored start `state` at `start` until it
/// dies, whose end `accept`s.
// Always inlined: its callers walk it at most places a scan stops at, where a call costs as
// much as the one or two steps most walks take.
#[inline(always)]
fn longest_anchored<A: Automaton>(
    automaton: &A,
    mut state: StateID,
    bytes: &[u8],
    start: usize,
    accept: impl Fn(usize) -> bool,
) -> Option<Match> {
    let mut longest = None;
    for (offset, &byte) in bytes.get(start..)?.iter().enumerate() {
        state = automaton.next_state(Anchored::Yes, state, byte);
        if !automaton.is_special(state) {
            continue;
        }
        if automaton.is_dead(state) {
            break;
        }
        if automaton.is_match(state) {
            let pattern = automaton.match_pattern(state, 0);
            let end = start + offset + 1;
            if end - automaton.pattern_len(pattern) == start && accept(end) {
                longest = Some(Match::new(pattern, start..end));
            }
        }
    }
    longest
}

/// The matches of a [`WordAutomaton`] in a text.
pub(crate) struct Matches<'a> {
    automaton: &'a WordAutomaton,
    text: &'a str,
    /// Where the search goes on: past the last match.
    at: usize,
    /// Each part's next match at or after the last place it was searched from (`Some(None)`:
    /// none), kept while it does not overlap what was taken.
    next_rare: Option<Option<Match>>,
    next_other: Option<Option<Match>>,
}

impl Matches<'_> {
    /// A part's next match at or after `at`, searched again only when the one kept is gone.
    fn next_of<A>(
        kept: &mut Option<Option<Match>>,
        part: Option<&Part<A>>,
        at: usize,
        search: impl FnOnce(&A, usize) -> Option<Match>,
    ) -> Option<Match> {
        let part = part?;
        let stale = match kept {
            Some(Some(found)) => found.start() < at,
            Some(None) => false,
            None => true,
        };
        if stale {
            let found = search(&part.automaton, at).map(|found| {
                let id = part.ids.get(found.pattern().as_usize()).copied();
                Match::new(id.unwrap_or(PatternID::MAX), found.span())
            });
            *kept = Some(found);
        }
        kept.flatten()
    }
}

impl Iterator for Matches<'_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let (text, at) = (self.text, self.at);
        if at > text.len() {
            return None;
        }
        let rare = Self::next_of(
            &mut self.next_rare,
            self.automaton.rare.as_ref(),
            at,
            |rare, at| rare.next_from(text.as_bytes(), at),
        );
        let other = Self::next_of(
            &mut self.next_other,
            self.automaton.other.as_ref(),
            at,
            |other, at| other.next_from(text.as_bytes(), at),
        );
        let found = match (rare, other) {
            (Some(a), Some(b)) => {
                // The earlier, then the longer, then the word given first.
                let key = |m: &Match| (m.start(), std::cmp::Reverse(m.end()), m.pattern());
                if key(&a) <= key(&b) {
                    a
                } else {
                    b
                }
            }
            (found, None) | (None, found) => found?,
        };
        // No word is empty, so the search always moves on.
        self.at = found.end().max(at + 1);
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(matches: impl Iterator<Item = Match>) -> Vec<(usize, usize, usize)> {
        matches
            .map(|found| (found.start(), found.end(), found.pattern().as_usize()))
            .collect()
    }

    /// Every byte through an unanchored automaton: what the anchored search must equal.
    fn everywhere(
        patterns: &[String],
        ascii_case_insensitive: bool,
        text: &str,
    ) -> Vec<(usize, usize, usize)> {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(ascii_case_insensitive)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .unwrap_or_else(|error| panic!("builds: {error}"));
        spans(automaton.find_iter(text))
    }

    #[test]
    fn words_opening_commonly_are_looked_for_before_their_rarest_stretch() {
        let words = WordAutomaton::new(
            &["the Vesk Palace", "demilitarized zone", "Vesk Palace"],
            false,
        );
        let Some(Part {
            automaton: Other::RareInside(inside),
            ids,
        }) = &words.other
        else {
            panic!("the words opening with common bytes are searched from a rarer stretch");
        };
        assert_eq!(ids.len(), 2);
        // "Ves" stands 4 bytes into its word, "zed" 10.
        assert_eq!(inside.reach, 10);
        let text = "At the Vesk Palace, breathe Vesk Palace air; the demilitarized zone.";
        assert_eq!(
            spans(words.find_iter(text)),
            vec![(3, 18, 0), (24, 39, 0), (49, 67, 1)]
        );
        assert_eq!(commonness(b'K', false), 0);
        assert!(commonness(b'z', false) < commonness(b'e', false));
        assert!(commonness(b'K', true) > commonness(b'z', true));
    }

    #[test]
    fn names_are_searched_from_rare_bytes_and_common_words_everywhere() {
        let names = WordAutomaton::new(&["Han Seo", "Han", "Émile", "7th Fleet"], false);
        assert!(names.rare.is_some() && names.other.is_none());
        let words = WordAutomaton::new(&["met", "Summit"], false);
        assert_eq!(words.rare.as_ref().map(|part| part.ids.len()), Some(1));
        assert_eq!(words.other.as_ref().map(|part| part.ids.len()), Some(1));
        let ignoring_case = WordAutomaton::new(&["Summit", "7th"], true);
        assert_eq!(
            ignoring_case.rare.as_ref().map(|part| part.ids.len()),
            Some(1)
        );
        let text = "Han Seo met Émile and Hans of the 7th Fleet.";
        assert_eq!(
            spans(names.find_iter(text)),
            vec![(0, 7, 0), (12, 18, 2), (23, 26, 1), (35, 44, 3)]
        );
    }

    /// Whole words by brute force: at each place a word starts, every word tried, the longest
    /// that ends a word kept (the first given among equals).
    fn whole_words_by_trying_each(
        patterns: &[String],
        ascii_case_insensitive: bool,
        text: &str,
    ) -> Vec<(usize, usize, usize)> {
        let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let same = |a: &[u8], b: &[u8]| {
            if ascii_case_insensitive {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        let mut found = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let starts_word =
                text.is_char_boundary(at) && !alphanumeric(text[..at].chars().next_back());
            let longest = patterns
                .iter()
                .enumerate()
                .filter(|_| starts_word)
                .filter(|(_, word)| {
                    let end = at + word.len();
                    text.as_bytes()
                        .get(at..end)
                        .is_some_and(|here| same(here, word.as_bytes()))
                        && text.is_char_boundary(end)
                        && !alphanumeric(text[end..].chars().next())
                })
                .max_by_key(|(index, word)| (word.len(), std::cmp::Reverse(*index)));
            match longest {
                Some((index, word)) => {
                    found.push((at, at + word.len(), index));
                    at += word.len();
                }
                None => at += 1,
            }
        }
        found
    }

    #[test]
    fn places_are_let_go_by_their_first_three_bytes() {
        let filter = StartFilter::new(&["Trevik", "Ix", "K"], false);
        let may_start = |text: &str| filter.may_start_at(text.as_bytes(), 0);
        assert!(may_start("Trevik said") && may_start("Tre"));
        assert!(!may_start("Trade") && !may_start("The"));
        // Shorter words let anything follow them.
        assert!(may_start("Ix's") && may_start("Ixora") && may_start("Kolb") && may_start("K"));
        assert!(!may_start("Ia"));
        let ignoring_case = StartFilter::new(&["summit"], true);
        assert!(
            ignoring_case.may_start_at(b"SUMMIT", 0) && ignoring_case.may_start_at(b"Summer", 0)
        );
        assert!(!ignoring_case.may_start_at(b"suspect", 0));
    }

    #[test]
    fn a_longer_word_that_runs_into_the_next_hides_no_whole_word() {
        let words = WholeWords::new(&["summit", "summit meeting", "met"], true)
            .unwrap_or_else(|| panic!("builds"));
        let text = "Summit meetings; they met at the helmet factory, metres away. Met.";
        assert_eq!(
            spans(words.find_iter(text)),
            vec![(0, 6, 0), (22, 25, 2), (62, 65, 2)]
        );
        assert!(WholeWords::new(&[] as &[&str], true).is_none());
    }

    /// Bytes some of which share their five low bits ('s', 'S', '3', 0x13), the two cases of
    /// letters, and a character outside ASCII.
    fn sift_byte() -> impl proptest::strategy::Strategy<Value = u8> {
        proptest::sample::select(b"aAsSmM3\x13\xc3\xa9 -".to_vec())
    }

    proptest::proptest! {
        #[test]
        fn sifting_a_block_keeps_the_places_a_word_may_start_at(
            patterns in proptest::collection::vec(proptest::collection::vec(sift_byte(), 0..4), 1..6),
            bytes in proptest::collection::vec(sift_byte(), 0..200),
            base in 0usize..200,
            places in proptest::num::u64::ANY,
            ignore_case in proptest::bool::ANY,
        ) {
            let filter = StartFilter::new(&patterns, ignore_case);
            // Places past the end of the text are never asked about.
            let within = (0..BLOCK)
                .filter(|&k| base + k < bytes.len())
                .fold(0u64, |within, k| within | 1 << k);
            let places = places & within;
            let by_place = (0..BLOCK)
                .filter(|&k| places & (1 << k) != 0 && filter.may_start_at(&bytes, base + k))
                .fold(0u64, |kept, k| kept | 1 << k);
            proptest::prop_assert_eq!(filter.sift(&bytes, base, places), by_place);
        }

        #[test]
        fn whole_words_are_the_longest_that_end_a_word_where_one_starts(
            patterns in proptest::collection::vec("[a-cA-CÉ0-2][a-cA-C é-]{0,5}", 1..8),
            text in "([a-cA-CÉé0-2 .#-]{0,6}){0,20}",
            ignore_case in proptest::bool::ANY,
        ) {
            let words = WholeWords::new(&patterns, ignore_case);
            let found = words.map(|words| spans(words.find_iter(&text))).unwrap_or_default();
            proptest::prop_assert_eq!(found, whole_words_by_trying_each(&patterns, ignore_case, &text));
        }

        #[test]
        fn searching_from_rare_bytes_finds_what_searching_every_byte_finds(
            patterns in proptest::collection::vec("[a-cA-CÉ0-2 ][a-cA-C é-]{0,5}", 1..8),
            text in "([a-cA-CÉé0-2 .-]{0,6}){0,20}",
            ignore_case in proptest::bool::ANY,
        ) {
            let automaton = WordAutomaton::new(&patterns, ignore_case);
            proptest::prop_assert_eq!(
                spans(automaton.find_iter(&text)),
                everywhere(&patterns, ignore_case, &text)
            );
        }
    }
}
