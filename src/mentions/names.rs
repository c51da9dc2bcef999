//! Proper-name candidates for the variant check: runs of capitalised words, cut into n-grams
//! keyed by their letters alone, so "Han Seo-yun" and "Han Seo Yun" share a key.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

// A fast, non-keyed hash: the keys are the article's own words, hashed by the million.
use rustc_hash::{FxHashMap, FxHashSet};

use crate::extract::Span;
use crate::words::{words_opening, LowerCaseWords, Opening, OpeningPairs};

/// Longest n-gram of a name run that is compared.
const MAX_WORDS: usize = 4;

/// Capitalised words that begin sentences and headlines without being names.
const NOT_NAMES: &[&str] = &[
    "A", "An", "And", "As", "At", "But", "By", "For", "From", "He", "Her", "His", "If", "In", "It",
    "Its", "Of", "On", "Or", "She", "So", "That", "The", "Their", "Then", "There", "These", "They",
    "This", "Those", "To", "We", "With", "While", "When", "After", "Before", "During", "Although",
    "Mr", "Mrs", "Ms", "Dr",
];

/// Words of titles and offices: a name n-gram never starts with one ("Defense Minister Shin
/// Won-sik" is compared as "Oh Dae-sung").
const TITLE_WORDS: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Premier",
    "Chancellor",
    "Secretary",
    "General",
    "Chairman",
    "Chairwoman",
    "Leader",
    "Supreme",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Ambassador",
    "Director",
    "Governor",
    "Mayor",
    "Senator",
    "Representative",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emperor",
    "Deputy",
    "Chief",
    "Commander",
    "Marshal",
    "Admiral",
    "Defense",
    "Defence",
    "Foreign",
    "Finance",
    "Interior",
    "State",
    "Former",
    "Acting",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Professor",
    "Gen",
    "Col",
    "Lt",
    "Sgt",
    "Capt",
];

/// One spelling of a name n-gram in one article: how often and where first. The form the
/// claims interchange reads an article's [`ArticleNames`] in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameSpelling {
    pub surface: String,
    /// Lowercase letters and digits only.
    pub key: String,
    pub count: usize,
    /// The first few occurrences.
    pub places: Vec<Span>,
    /// True when some occurrence stands inside a sentence, where capitals mark names.
    pub mid_sentence: bool,
    /// True when the article also writes the single word in lower case (a common word).
    pub common_word: bool,
}

impl From<Spelling<'_>> for NameSpelling {
    fn from(spelling: Spelling<'_>) -> Self {
        NameSpelling {
            surface: spelling.surface.to_string(),
            key: spelling.key.to_string(),
            count: spelling.count,
            places: spelling.places.to_vec(),
            mid_sentence: spelling.mid_sentence,
            common_word: spelling.common_word,
        }
    }
}

/// One spelling of an [`ArticleNames`], borrowed; written as a [`NameSpelling`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Spelling<'a> {
    pub surface: &'a str,
    /// Lowercase letters and digits only.
    pub key: &'a str,
    pub count: usize,
    /// The first few occurrences.
    pub places: &'a [Span],
    /// True when some occurrence stands inside a sentence, where capitals mark names.
    pub mid_sentence: bool,
    /// True when the article also writes the single word in lower case (a common word).
    pub common_word: bool,
}

/// An article's name spellings in order of first use, their surfaces and keys in one string:
/// an article has a few dozen spellings, and none gets allocations of its own. Written and
/// read as the list of [`NameSpelling`]s it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleNames {
    /// Each spelling's surface, then its key.
    strings: String,
    spellings: Vec<Stored>,
}

/// A spelling of an [`ArticleNames`], its strings as places in the shared one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stored {
    surface: Span,
    key: Span,
    count: usize,
    places: [Span; PLACES_KEPT],
    /// How many of `places` are filled.
    placed: usize,
    mid_sentence: bool,
    common_word: bool,
}

impl ArticleNames {
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Spelling<'_>> {
        let text = |span: Span| self.strings.get(span.start..span.end).unwrap_or_default();
        self.spellings.iter().map(move |stored| Spelling {
            surface: text(stored.surface),
            key: text(stored.key),
            count: stored.count,
            places: &stored.places[..stored.placed],
            mid_sentence: stored.mid_sentence,
            common_word: stored.common_word,
        })
    }

    pub fn len(&self) -> usize {
        self.spellings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spellings.is_empty()
    }

    pub fn clear(&mut self) {
        self.strings.clear();
        self.spellings.clear();
    }

    /// Adds a spelling, its strings copied into the shared one.
    fn push(&mut self, spelling: Spelling<'_>) {
        let surface = self.stored_string(spelling.surface);
        let key = self.stored_string(spelling.key);
        let placed = spelling.places.len().min(PLACES_KEPT);
        let mut places = [Span::new(0, 0); PLACES_KEPT];
        places[..placed].copy_from_slice(&spelling.places[..placed]);
        self.spellings.push(Stored {
            surface,
            key,
            count: spelling.count,
            places,
            placed,
            mid_sentence: spelling.mid_sentence,
            common_word: spelling.common_word,
        });
    }

    /// `text` appended to the shared string, and where.
    fn stored_string(&mut self, text: &str) -> Span {
        let start = self.strings.len();
        self.strings.push_str(text);
        Span::new(start, self.strings.len())
    }
}

impl Serialize for ArticleNames {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for ArticleNames {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spellings = Vec::<NameSpelling>::deserialize(deserializer)?;
        let mut names = ArticleNames::default();
        for spelling in &spellings {
            names.push(Spelling {
                surface: &spelling.surface,
                key: &spelling.key,
                count: spelling.count,
                places: &spelling.places,
                mid_sentence: spelling.mid_sentence,
                common_word: spelling.common_word,
            });
        }
        Ok(names)
    }
}

// Hashed sets of the lists above: every capitalised word is looked up.
static NOT_NAME_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());
static TITLE_WORD_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| TITLE_WORDS.iter().copied().collect());

/// The listed words' shapes: most capitalised words are no listed word by these alone,
/// without hashing.
static LISTED: LazyLock<WordFilter> = LazyLock::new(|| {
    let mut listed = WordFilter::default();
    for word in NOT_NAMES.iter().chain(TITLE_WORDS) {
        listed.add(word.as_bytes());
    }
    listed
});

/// A quick "no" for words that are none of a set: a word of the set whose first byte falls in
/// the same row also has the same length, second byte and last byte (rows, lengths and bytes
/// kept as bits, so "yes" only means "maybe").
struct WordFilter {
    lengths: [u32; FILTER_ROWS],
    seconds: [u64; FILTER_ROWS],
    lasts: [u64; FILTER_ROWS],
}

/// Rows of a [`WordFilter`], one for each first byte's low six bits, so that the filter is
/// cleared in 1.3 KB, not 5 (one is made for every article). The two cases of a letter fall
/// in different rows; bytes 64 apart share one (digits share with the lower-case letters
/// from `p`, the lead byte of "É" with `C`), which only makes a "maybe" likelier.
const FILTER_ROWS: usize = 64;

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            lengths: [0; FILTER_ROWS],
            seconds: [0; FILTER_ROWS],
            lasts: [0; FILTER_ROWS],
        }
    }
}

impl WordFilter {
    fn add(&mut self, word: &[u8]) {
        if let Some(&first) = word.first() {
            let row = Self::row(first);
            self.lengths[row] |= Self::length_bit(word);
            self.seconds[row] |= Self::byte_bit(word.get(1));
            self.lasts[row] |= Self::byte_bit(word.last());
        }
    }

    /// False when `word` is surely none of the words added.
    #[inline]
    fn may_hold(&self, word: &[u8]) -> bool {
        let Some(&first) = word.first() else {
            return false;
        };
        let row = Self::row(first);
        self.lengths[row] & Self::length_bit(word) != 0
            && self.seconds[row] & Self::byte_bit(word.get(1)) != 0
            && self.lasts[row] & Self::byte_bit(word.last()) != 0
    }

    #[inline]
    fn row(first: u8) -> usize {
        usize::from(first) % FILTER_ROWS
    }

    #[inline]
    fn length_bit(word: &[u8]) -> u32 {
        1 << word.len().min(31)
    }

    #[inline]
    fn byte_bit(byte: Option<&u8>) -> u64 {
        byte.map_or(1, |&byte| 1 << (byte & 63))
    }
}

/// Whether `word` is one of [`NOT_NAMES`].
fn is_not_a_name(word: &str) -> bool {
    may_be_listed(word) && NOT_NAME_SET.contains(word)
}

/// Whether `word` is one of [`TITLE_WORDS`] or [`NOT_NAMES`].
fn is_title_or_not_a_name(word: &str) -> bool {
    may_be_listed(word) && (TITLE_WORD_SET.contains(word) || NOT_NAME_SET.contains(word))
}

fn may_be_listed(word: &str) -> bool {
    LISTED.may_hold(word.as_bytes())
}

/// A capitalised word of a name run.
#[derive(Clone, Copy)]
struct Word {
    span: Span,
    /// Opens a sentence or line.
    initial: bool,
}

/// Whether the word `start..end` of `text` could be part of a name: capitalised, and no
/// hashtag. Most words are in lower case, told by their first byte before the word is sliced
/// out.
#[inline]
fn is_name_word(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let hashtag = start > 0 && bytes[start - 1] == b'#';
    !(bytes[start].is_ascii_lowercase() || hashtag) && is_capitalised(&text[start..end])
}

/// An upper-case letter followed by some lower-case one: "Kim", "McKay", not "UN" or "2019".
#[inline]
fn is_capitalised(word: &str) -> bool {
    let bytes = word.as_bytes();
    match bytes.first() {
        Some(first) if first.is_ascii_uppercase() => {
            bytes[1..].iter().any(u8::is_ascii_lowercase)
                || (!word.is_ascii() && word.chars().any(char::is_lowercase))
        }
        Some(first) if first.is_ascii() => false,
        _ => {
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().any(char::is_lowercase)
        }
    }
}

/// Whether a word after `before` opens a sentence, a line or a headline: nothing but spaces,
/// dashes and opening quotes between it and the end of the last sentence.
fn opens_sentence(before: &str) -> bool {
    let lead_in = |byte: &u8| matches!(byte, b' ' | b'\t' | b'-' | b'"' | b'\'');
    let bytes = before.as_bytes();
    let kept = bytes.len() - bytes.iter().rev().take_while(|byte| lead_in(byte)).count();
    match kept.checked_sub(1).map(|last| bytes[last]) {
        None => true,
        Some(last) if last.is_ascii() => {
            matches!(last, b'.' | b'!' | b'?' | b'\n' | b':' | b'|' | b'#')
        }
        // Curly quotes, or some other character: the whole rule, by characters.
        Some(_) => before[..kept]
            .trim_end_matches([' ', '\t', '-', '“', '"', '‘', '\''])
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | '|' | '#')),
    }
}

/// What spellings of one name share: their letters and digits, lower-cased.
pub(crate) fn key_of(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    write_key(text, &mut key);
    key
}

/// The [`key_of`] `text`, written at the end of `into`.
fn write_key(text: &str, into: &mut String) {
    if text.is_ascii() {
        // Most names: bytes in, bytes out, with no decoding.
        into.extend(
            text.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|byte| char::from(byte.to_ascii_lowercase())),
        );
        return;
    }
    into.extend(
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
}

/// What one article says of a spelling, gathered before any string is allocated.
struct Tally<'t> {
    surface: &'t str,
    count: usize,
    /// The first `count` (at most all) are filled: occurrences in order.
    places: [Span; PLACES_KEPT],
    mid_sentence: bool,
    words: usize,
}

/// An article's spellings as its words come: runs of capitalised words joined by single
/// spaces, each cut into n-grams when it ends, tallied by surface.
struct Tallies<'t> {
    text: &'t str,
    /// In order of first use.
    tallies: Vec<Tally<'t>>,
    index_of: FxHashMap<&'t str, usize>,
    run: Vec<Word>,
}

impl<'t> Tallies<'t> {
    fn new(text: &'t str) -> Self {
        // Sized for an article of news, which has a few dozen spellings: no growing on the way.
        Tallies {
            text,
            tallies: Vec::with_capacity(SPELLINGS_EXPECTED),
            index_of: FxHashMap::with_capacity_and_hasher(SPELLINGS_EXPECTED, Default::default()),
            run: Vec::with_capacity(8),
        }
    }

    /// Adds a capitalised word: to the open run if only a space stands between them.
    fn add_name_word(&mut self, word: Word) {
        let text = self.text;
        let joined = self
            .run
            .last()
            .is_none_or(|previous| &text[previous.span.end..word.span.start] == " ");
        if !joined {
            self.end_run();
        }
        let surface = &text[word.span.start..word.span.end];
        if !(self.run.is_empty() && is_not_a_name(surface)) {
            self.run.push(word);
        }
    }

    /// Tallies the n-grams of the open run, if any, and closes it.
    fn end_run(&mut self) {
        let text = self.text;
        let run = &self.run;
        for first in 0..run.len() {
            let opening = &text[run[first].span.start..run[first].span.end];
            if is_title_or_not_a_name(opening) {
                continue;
            }
            for last in first..run.len().min(first + MAX_WORDS) {
                let span = Span::new(run[first].span.start, run[last].span.end);
                let surface = &text[span.start..span.end];
                let tallies = &mut self.tallies;
                let index = *self.index_of.entry(surface).or_insert_with(|| {
                    tallies.push(Tally {
                        surface,
                        count: 0,
                        places: [span; PLACES_KEPT],
                        mid_sentence: false,
                        words: last - first + 1,
                    });
                    tallies.len() - 1
                });
                let tally = &mut tallies[index];
                if let Some(place) = tally.places.get_mut(tally.count) {
                    *place = span;
                }
                tally.count += 1;
                tally.mid_sentence |= !run[first].initial;
            }
        }
        self.run.clear();
    }
}

/// Every name n-gram of `text`, one entry per distinct spelling, in order of first use.
pub fn name_spellings(text: &str) -> ArticleNames {
    let mut tallies = Tallies::new(text);
    // Only words that open like a name are read. Any other word between two name words
    // leaves more than a space between them, which ends the run (in `add_name_word`) before
    // the second, as that word would have.
    let mut words = words_opening(text, Opening::Capital).keeping_lower_case();
    for (start, end) in words.by_ref() {
        if is_name_word(text, start, end) {
            let initial = opens_sentence(&text[..start]);
            let span = Span::new(start, end);
            tallies.add_name_word(Word { span, initial });
        }
    }
    tallies.end_run();
    let tallies = tallies.tallies;
    let common = common_words(&words.into_lower_case(), &tallies);
    // A key is seldom longer than its surface (only where lower-casing lengthens a letter
    // outside ASCII); the string grows if one is.
    let bytes = tallies.iter().map(|tally| 2 * tally.surface.len()).sum();
    let mut names = ArticleNames {
        strings: String::with_capacity(bytes),
        spellings: Vec::with_capacity(tallies.len()),
    };
    // Each key is made in one buffer, then copied beside its surface.
    let mut key = String::new();
    for (tally, common_word) in tallies.iter().zip(common) {
        key.clear();
        write_key(tally.surface, &mut key);
        names.push(Spelling {
            surface: tally.surface,
            key: &key,
            count: tally.count,
            places: &tally.places[..tally.count.min(PLACES_KEPT)],
            mid_sentence: tally.mid_sentence,
            common_word,
        });
    }
    names
}

/// Which tallies (by index) are of single capitalised words the article also writes in lower
/// case (as a word that is no name word): common words, not names.
fn common_words(lower_case: &LowerCaseWords, tallies: &[Tally]) -> Vec<bool> {
    // The single words lower-cased into one buffer.
    let singles = || {
        tallies
            .iter()
            .enumerate()
            .filter(|(_, tally)| tally.words == 1)
    };
    let mut lowered: Vec<u8> =
        Vec::with_capacity(singles().map(|(_, tally)| tally.surface.len()).sum());
    let mut spellings: Vec<(Span, usize)> = Vec::with_capacity(singles().count());
    for (index, tally) in singles() {
        let start = lowered.len();
        if tally.surface.is_ascii() {
            lowered.extend_from_slice(tally.surface.as_bytes());
            lowered[start..].make_ascii_lowercase();
        } else {
            lowered.extend_from_slice(tally.surface.to_lowercase().as_bytes());
        }
        spellings.push((Span::new(start, lowered.len()), index));
    }
    let mut common = vec![false; tallies.len()];
    if spellings.is_empty() {
        return common;
    }
    // Each lower case's first spelling, and each spelling's next of the same lower case: every
    // spelling of one lower case ("McKay", "Mckay") is found.
    let mut first_of: FxHashMap<&[u8], usize> =
        FxHashMap::with_capacity_and_hasher(spellings.len(), Default::default());
    let mut next_of: Vec<Option<usize>> = vec![None; spellings.len()];
    // Most lower-case words cannot be one of them, and are let go without a lookup.
    let mut shapes = WordFilter::default();
    // Most do not even open like one, and are let go before they are read.
    let mut openings = OpeningPairs::default();
    for (place, &(span, _)) in spellings.iter().enumerate().rev() {
        let word = &lowered[span.start..span.end];
        shapes.add(word);
        openings.add(word);
        next_of[place] = first_of.insert(word, place);
    }
    let text = lower_case.text();
    let bytes = text.as_bytes();
    // A name lower-cased opens with a lower-case letter, or outside ASCII (where a word can
    // still be a name word, and is then no common word).
    for (start, end) in lower_case.words().opening_like(&openings) {
        let surface = &bytes[start..end];
        if !shapes.may_hold(surface) || (!surface[0].is_ascii() && is_name_word(text, start, end)) {
            continue;
        }
        let mut place = first_of.get(surface).copied();
        while let Some(at) = place {
            common[spellings[at].1] = true;
            place = next_of[at];
        }
    }
    common
}

/// Spellings an article is expected to have, at most, for sizing its tallies.
const SPELLINGS_EXPECTED: usize = 64;

/// Places of a spelling kept for labels; the count goes on.
const PLACES_KEPT: usize = 3;

/// How often, and where first, one spelling occurs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurfaceStats {
    pub count: usize,
    /// True when some occurrence stands inside a sentence, where capitals mark names.
    pub mid_sentence: bool,
    /// The first few (article, span) occurrences.
    pub places: Vec<(usize, Span)>,
}

/// Every name spelling of the corpus by key: bounded by the vocabulary, not by the text.
/// Hashed, for every article's spellings go through it; readers sort what they iterate.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    pub spellings: FxHashMap<String, BTreeMap<String, SurfaceStats>>,
    /// Keys of words some article also writes in lower case.
    pub common: FxHashSet<String>,
}

impl NameIndex {
    /// Strings are copied only for keys and surfaces the index has not seen: most articles
    /// name who others named before them.
    pub fn add(&mut self, article: usize, names: &ArticleNames) {
        for name in names.iter() {
            if name.common_word && !self.common.contains(name.key) {
                self.common.insert(name.key.to_string());
            }
            let surfaces = match self.spellings.get_mut(name.key) {
                Some(surfaces) => surfaces,
                None => self.spellings.entry(name.key.to_string()).or_default(),
            };
            let stats = match surfaces.get_mut(name.surface) {
                Some(stats) => stats,
                None => surfaces.entry(name.surface.to_string()).or_default(),
            };
            stats.count += name.count;
            stats.mid_sentence |= name.mid_sentence;
            // One place per article, so that labels show the spread across the corpus.
            let first = name.places.first().copied();
            let new_article = stats.places.iter().all(|(known, _)| *known != article);
            if let (Some(span), true) = (first, new_article && stats.places.len() < PLACES_KEPT) {
                stats.places.push((article, span));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, String)> {
        name_spellings(text)
            .iter()
            .map(|spelling| (spelling.surface.to_string(), spelling.key.to_string()))
            .collect()
    }

    #[test]
    fn hyphenated_and_spaced_names_share_a_key() {
        let hyphen = keys("leader Han Seo-yun said");
        let spaced = keys("leader Han Seo Yun said");
        assert!(hyphen.contains(&("Han Seo-yun".into(), "hanseoyun".into())));
        assert!(spaced.contains(&("Han Seo Yun".into(), "hanseoyun".into())));
    }

    #[test]
    fn sentence_initial_function_words_start_no_name() {
        let found = keys("The Citadel said");
        assert!(found.iter().all(|(surface, _)| !surface.starts_with("The")));
    }

    #[test]
    fn hashtags_are_not_names() {
        assert!(keys("#Han #Seoyun").is_empty());
    }

    #[test]
    fn a_capitalised_word_also_written_in_lower_case_is_common() {
        let text =
            "Summit talks began. The summit ended. Voss left. Élan and élan. McKay, Mckay, mckay.";
        let spellings = name_spellings(text);
        let common: Vec<&str> = spellings
            .iter()
            .filter(|spelling| spelling.common_word)
            .map(|spelling| spelling.surface)
            .collect();
        assert_eq!(common, ["Summit", "Élan", "McKay", "Mckay"]);
    }

    #[test]
    fn article_names_are_written_and_read_as_the_list_of_their_spellings() {
        let names = name_spellings("Han Seo-yun met Élan Voss. Voss and Han Seo-yun left. Élan.");
        let listed: Vec<NameSpelling> = names.iter().map(NameSpelling::from).collect();
        assert!(listed.len() > 3 && listed.iter().any(|spelling| spelling.count == 2));
        let written = serde_json::to_string(&names).expect("serializes");
        assert_eq!(written, serde_json::to_string(&listed).expect("serializes"));
        let read: ArticleNames = serde_json::from_str(&written).expect("deserializes");
        assert_eq!(read, names);
    }

    #[test]
    fn long_words_that_open_alike_are_told_apart_by_their_ends() {
        let text = "Internationalist talks. Internationalists met. Internationalism, and an \
                    internationalist spoke to internationalisms.";
        let common: Vec<String> = name_spellings(text)
            .iter()
            .filter(|spelling| spelling.common_word)
            .map(|spelling| spelling.surface.to_string())
            .collect();
        assert_eq!(common, ["Internationalist"]);
    }

    /// The spellings of `text` read word by word: every word scanned, a run ended by each word
    /// that is no name word, and every tally looked up among all of those words lower-cased.
    /// What reading only the words that open like a name or like one lower-cased must give.
    fn spellings_word_by_word(text: &str) -> Vec<NameSpelling> {
        let mut tallies = Tallies::new(text);
        let mut lower_case: FxHashSet<&str> = FxHashSet::default();
        for (start, end) in crate::words::words(text) {
            if is_name_word(text, start, end) {
                let initial = opens_sentence(&text[..start]);
                let span = Span::new(start, end);
                tallies.add_name_word(Word { span, initial });
            } else {
                tallies.end_run();
                lower_case.insert(&text[start..end]);
            }
        }
        tallies.end_run();
        tallies
            .tallies
            .iter()
            .map(|tally| NameSpelling {
                surface: tally.surface.to_string(),
                key: key_of(tally.surface),
                count: tally.count,
                places: tally.places[..tally.count.min(PLACES_KEPT)].to_vec(),
                mid_sentence: tally.mid_sentence,
                common_word: tally.words == 1
                    && lower_case.contains(tally.surface.to_lowercase().as_str()),
            })
            .collect()
    }

    /// Words and what stands between them in news, names and their lower cases among them.
    fn name_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        let words = proptest::sample::select(vec![
            "Kim",
            "Jong",
            "Un",
            "kim",
            "UN",
            "Trump",
            "trump",
            "the",
            "The",
            "Mr",
            "Seo-yun",
            "seo-yun",
            "Han",
            "State",
            "state",
            "McKay",
            "mckay",
            "Mckay",
            "Émile",
            "émile",
            "ÉMILE",
            "İstanbul",
            "i\u{307}stanbul",
            "istanbul",
            "\u{212A}elvin",
            "kelvin",
            "éa",
            "\u{3d2}a",
            "2019",
            "ß",
            "Über-Alles",
            "über-alles",
            "x",
        ]);
        let between = proptest::sample::select(vec![
            " ", " ", " ", "  ", ", ", ". ", "\n", "-", " #", "#", " “", "” ", ": ", " - ",
        ]);
        proptest::collection::vec((words, between), 0..30).prop_map(|pairs| {
            pairs
                .into_iter()
                .flat_map(|(word, between)| [word, between])
                .collect()
        })
    }

    proptest::proptest! {
        #[test]
        fn reading_the_words_that_open_like_names_gives_what_reading_every_word_gives(
            text in name_text()
        ) {
            let spellings: Vec<NameSpelling> = name_spellings(&text)
                .iter()
                .map(NameSpelling::from)
                .collect();
            proptest::prop_assert_eq!(spellings, spellings_word_by_word(&text));
        }

        #[test]
        fn filtered_lookups_find_every_common_word(
            text in "([AaBbÉéÀà@`][AaBbÉéÀà@`]{0,3}[ .,\n]{1,2}){0,24}"
        ) {
            let flagged = |spellings: Vec<NameSpelling>| -> Vec<String> {
                spellings
                    .into_iter()
                    .filter(|spelling| spelling.common_word)
                    .map(|spelling| spelling.surface)
                    .collect()
            };
            let spellings = name_spellings(&text).iter().map(NameSpelling::from).collect();
            proptest::prop_assert_eq!(flagged(spellings), flagged(spellings_word_by_word(&text)));
        }

        #[test]
        fn byte_tests_of_words_agree_with_the_char_rules(
            before in "[a-z .!?:|#\n\t'\"“‘”-]{0,12}",
            word in "[A-Za-zÉéÜü0-9]{1,6}",
        ) {
            let opens = before
                .trim_end_matches([' ', '\t', '-', '“', '"', '‘', '\''])
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | '|' | '#'));
            proptest::prop_assert_eq!(opens_sentence(&before), opens);
            let capitalised = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().any(char::is_lowercase);
            proptest::prop_assert_eq!(is_capitalised(&word), capitalised);
        }

        #[test]
        fn the_ascii_key_is_the_key_of_the_chars(text in "[A-Za-z0-9 .'-]{0,30}") {
            let by_chars: String = text
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            proptest::prop_assert_eq!(key_of(&text), by_chars);
        }

    }

    #[test]
    fn punctuation_ends_a_run() {
        let found = keys("Veska, Oranport");
        assert!(!found.iter().any(|(surface, _)| surface.contains(',')));
    }
}
