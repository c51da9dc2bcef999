//! Proper-name candidates for the variant check: runs of capitalised words, cut into n-grams
//! keyed by their letters alone, so "Kim Jong-un" and "Kim Jong Un" share a key.

use std::collections::{BTreeMap, BTreeSet};

use crate::extract::Span;

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
/// Won-sik" is compared as "Shin Won-sik").
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

/// One occurrence of a name n-gram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameOccurrence {
    pub span: Span,
    pub surface: String,
    /// Lowercase letters and digits only.
    pub key: String,
    pub words: usize,
    /// True when the article also uses the single word in lower case (a common word).
    pub common_word: bool,
    /// True when it opens a line or sentence, where any word is capitalised.
    pub initial: bool,
}

struct Word {
    span: Span,
    capitalised: bool,
    initial: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    for (index, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || (c == '-' && start.is_some());
        match (start, in_word) {
            (None, true) => start = Some(index),
            (Some(begin), false) => {
                let word = text[begin..index].trim_end_matches('-');
                let span = Span::new(begin, begin + word.len());
                let hashtag = text[..begin].ends_with('#');
                let capitalised = !hashtag
                    && word.chars().next().is_some_and(char::is_uppercase)
                    && word.chars().any(char::is_lowercase);
                let initial = text[..begin]
                    .trim_end_matches([' ', '\t', '-', '“', '"', '‘', '\''])
                    .chars()
                    .next_back()
                    .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | '|' | '#'));
                found.push(Word {
                    span,
                    capitalised,
                    initial,
                });
                start = None;
            }
            _ => {}
        }
    }
    found
}

fn key_of(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every name n-gram of `text`.
pub fn name_occurrences(text: &str) -> Vec<NameOccurrence> {
    let words = words(text);
    let lowercase: std::collections::HashSet<&str> = words
        .iter()
        .filter(|word| !word.capitalised)
        .map(|word| &text[word.span.start..word.span.end])
        .collect();
    let mut occurrences = Vec::new();
    let mut run: Vec<&Word> = Vec::new();
    let flush = |run: &mut Vec<&Word>, occurrences: &mut Vec<NameOccurrence>| {
        for first in 0..run.len() {
            let opening = &text[run[first].span.start..run[first].span.end];
            if TITLE_WORDS.contains(&opening) || NOT_NAMES.contains(&opening) {
                continue;
            }
            for last in first..run.len().min(first + MAX_WORDS) {
                let span = Span::new(run[first].span.start, run[last].span.end);
                let surface = &text[span.start..span.end];
                let common_word =
                    first == last && lowercase.contains(surface.to_lowercase().as_str());
                occurrences.push(NameOccurrence {
                    span,
                    surface: surface.to_string(),
                    key: key_of(surface),
                    words: last - first + 1,
                    common_word,
                    initial: run[first].initial,
                });
            }
        }
        run.clear();
    };
    for (index, word) in words.iter().enumerate() {
        let surface = &text[word.span.start..word.span.end];
        let joined = run
            .last()
            .is_none_or(|previous: &&Word| &text[previous.span.end..word.span.start] == " ");
        if !joined {
            flush(&mut run, &mut occurrences);
        }
        if word.capitalised && !(run.is_empty() && NOT_NAMES.contains(&surface)) {
            run.push(&words[index]);
        } else {
            flush(&mut run, &mut occurrences);
        }
    }
    flush(&mut run, &mut occurrences);
    occurrences
}

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
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    pub spellings: BTreeMap<String, BTreeMap<String, SurfaceStats>>,
    /// Keys of words some article also writes in lower case.
    pub common: BTreeSet<String>,
}

impl NameIndex {
    pub fn add(&mut self, article: usize, names: &[NameOccurrence]) {
        for name in names {
            if name.common_word {
                self.common.insert(name.key.clone());
            }
            let stats = self
                .spellings
                .entry(name.key.clone())
                .or_default()
                .entry(name.surface.clone())
                .or_default();
            stats.count += 1;
            stats.mid_sentence |= !name.initial;
            if stats.places.len() < PLACES_KEPT {
                stats.places.push((article, name.span));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, String)> {
        name_occurrences(text)
            .into_iter()
            .map(|occurrence| {
                (
                    text[occurrence.span.start..occurrence.span.end].to_string(),
                    occurrence.key,
                )
            })
            .collect()
    }

    #[test]
    fn hyphenated_and_spaced_names_share_a_key() {
        let hyphen = keys("leader Kim Jong-un said");
        let spaced = keys("leader Kim Jong Un said");
        assert!(hyphen.contains(&("Kim Jong-un".into(), "kimjongun".into())));
        assert!(spaced.contains(&("Kim Jong Un".into(), "kimjongun".into())));
    }

    #[test]
    fn sentence_initial_function_words_start_no_name() {
        let found = keys("The Kremlin said");
        assert!(found.iter().all(|(surface, _)| !surface.starts_with("The")));
    }

    #[test]
    fn hashtags_are_not_names() {
        assert!(keys("#Kim #Jongun").is_empty());
    }

    #[test]
    fn punctuation_ends_a_run() {
        let found = keys("Moscow, Seoul");
        assert!(!found.iter().any(|(surface, _)| surface.contains(',')));
    }
}
