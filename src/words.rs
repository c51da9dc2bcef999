//! The words of a text (letters and digits, hyphens between them) found 64 bytes at a time:
//! each block's bytes are classed into bit masks, one bit a byte, and its words are read off
//! the masks, a few bit operations a word instead of a loop over its bytes.

use crate::classes::{valid_bits, Classes, BLOCK};

/// Every word of `text`, in order, as `(start, end)`: a letter or digit (of any script), then
/// letters, digits and hyphens, hyphens at its end left out.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Words<'_> {
    words_opening(text, Opening::Any)
}

/// The words of `text` (as `words` gives them) that open as `opening` says, in order: the
/// others are passed over in the masks, without a step each.
pub(crate) fn words_opening(text: &str, opening: Opening) -> Words<'_> {
    Words {
        text,
        opening,
        blocks: Blocks::Classified,
        pairs: None,
        base: 0,
        next_block: 0,
        starts: 0,
        outside: 0,
        in_word_before: false,
        spilled_letter: 0,
        open: None,
    }
}

/// The iterator of [`words_opening`]: the masks of one block at a time, its words read off them as
/// they are asked for. A caller's loop over it holds the few bit operations a word takes,
/// with no call per word.
pub(crate) struct Words<'t> {
    text: &'t str,
    opening: Opening,
    blocks: Blocks<'t>,
    /// When set, only the words opening like one of its words are given.
    pairs: Option<&'t OpeningPairs>,
    /// Where the block of `starts` and `outside` begins.
    base: usize,
    /// Where the next block begins.
    next_block: usize,
    /// The block's word starts not yet given.
    starts: u64,
    /// The block's bytes outside any word.
    outside: u64,
    /// Whether the byte before the next block continues a word (a letter, digit or a hyphen
    /// after one).
    in_word_before: bool,
    /// Bytes at the start of the next block that end a letter begun in this one.
    spilled_letter: u64,
    /// A word that runs on past the block it started in.
    open: Option<usize>,
}

/// Where a scan's masks come from.
enum Blocks<'t> {
    /// Each block classified as the scan reaches it.
    Classified,
    /// Classified, and each block's lower-case word starts kept for a second scan of the
    /// same text (see [`Words::keeping_lower_case`]).
    Keeping(Vec<KeptBlock>),
    /// A first scan's blocks, read again: no byte is classified twice.
    Kept(&'t [KeptBlock]),
}

/// What a second scan for lower-case words needs of a block.
#[derive(Debug, Clone, Copy)]
struct KeptBlock {
    lower_case_starts: u64,
    outside: u64,
}

/// A scan's blocks kept for a second scan of its text, for its lower-case words.
pub(crate) struct LowerCaseWords<'t> {
    text: &'t str,
    blocks: Vec<KeptBlock>,
}

impl<'t> LowerCaseWords<'t> {
    pub(crate) fn text(&self) -> &'t str {
        self.text
    }

    /// The words of the text opening as [`Opening::LowerCase`] says, read off the kept masks.
    pub(crate) fn words(&self) -> Words<'_> {
        Words {
            blocks: Blocks::Kept(&self.blocks),
            ..words_opening(self.text, Opening::LowerCase)
        }
    }
}

/// Which words a scan gives, by their first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opening {
    /// Every word: what the others are held to, in tests.
    #[cfg(test)]
    Any,
    /// An ASCII capital or a byte outside ASCII: every word that can be a name.
    Capital,
    /// A lower-case ASCII letter or a byte outside ASCII: every word that can be a name
    /// lower-cased.
    LowerCase,
}

impl Opening {
    /// The bytes of a block that words so opening may start at.
    #[inline]
    fn bytes(self, classes: &Classes) -> u64 {
        match self {
            #[cfg(test)]
            Opening::Any => u64::MAX,
            Opening::Capital => classes.upper | classes.non_ascii,
            Opening::LowerCase => classes.lower | classes.non_ascii,
        }
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            if self.starts != 0 {
                let first = self.starts.trailing_zeros();
                let start = self.base + first as usize;
                let ends = self.outside & (u64::MAX << first);
                if ends == 0 {
                    // The block's last word runs on into the next.
                    self.open = Some(start);
                    self.starts = 0;
                    continue;
                }
                self.starts &= self.starts - 1;
                return Some(self.trimmed(start, self.base + ends.trailing_zeros() as usize));
            }
            let len = self.text.len();
            if self.next_block >= len {
                let start = self.open.take()?;
                return Some(self.trimmed(start, len));
            }
            self.classify_next_block();
            if let Some(start) = self.open {
                if self.outside != 0 {
                    self.open = None;
                    let end = self.base + self.outside.trailing_zeros() as usize;
                    return Some(self.trimmed(start, end));
                }
            }
        }
    }
}

impl<'t> Words<'t> {
    /// Only the words whose first two bytes open like one of `pairs`' words (and some
    /// others): the rest are let go in the masks, a few operations each, before any is read.
    pub(crate) fn opening_like(mut self, pairs: &'t OpeningPairs) -> Self {
        self.pairs = Some(pairs);
        self
    }

    /// Keeps, as the scan goes, what a second scan of the text for its lower-case words
    /// needs, so that that scan classifies no byte again ([`Words::into_lower_case`]).
    pub(crate) fn keeping_lower_case(mut self) -> Self {
        self.blocks = Blocks::Keeping(Vec::with_capacity(self.text.len() / BLOCK + 1));
        self
    }

    /// The blocks kept for the lower-case words, the rest of the text classified first if
    /// the scan stopped short (and the whole text if the scan kept nothing).
    pub(crate) fn into_lower_case(mut self) -> LowerCaseWords<'t> {
        while self.next_block < self.text.len() {
            self.classify_next_block();
        }
        match self.blocks {
            Blocks::Keeping(blocks) => LowerCaseWords {
                text: self.text,
                blocks,
            },
            _ => words_opening(self.text, Opening::LowerCase)
                .keeping_lower_case()
                .into_lower_case(),
        }
    }

    /// The word `start..end` without the hyphens at its end.
    #[inline]
    fn trimmed(&self, start: usize, mut end: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        while end > start && bytes[end - 1] == b'-' {
            end -= 1;
        }
        (start, end)
    }

    /// Reads the next block's word starts and the bytes outside its words.
    fn classify_next_block(&mut self) {
        let bytes = self.text.as_bytes();
        let base = self.next_block;
        let len = bytes.len().min(base + BLOCK) - base;
        self.base = base;
        self.next_block = base + len;
        let starts = match &self.blocks {
            Blocks::Kept(kept) => {
                // Kept blocks cover the text (`into_lower_case` reads it to the end).
                let block = kept.get(base / BLOCK).copied().unwrap_or(KeptBlock {
                    lower_case_starts: 0,
                    outside: valid_bits(len),
                });
                self.outside = block.outside;
                block.lower_case_starts
            }
            _ => self.classify(base, len),
        };
        self.starts = match self.pairs {
            Some(pairs) => pairs.sift(bytes, base, starts),
            None => starts,
        };
    }

    /// Classifies the block of `len` bytes at `base`: sets the bytes outside its words and
    /// gives the starts of the words opening as the scan's opening says.
    fn classify(&mut self, base: usize, len: usize) -> u64 {
        let block = &self.text.as_bytes()[base..base + len];
        let classes = Classes::of(block);
        let mut letters = classes.alphanumeric() | self.spilled_letter;
        self.spilled_letter = 0;
        if classes.non_ascii != 0 {
            let (more, spilled) = non_ascii_letters(self.text, base, classes.non_ascii);
            letters |= more;
            self.spilled_letter = spilled;
        }
        let carry = u64::from(self.in_word_before);
        // Hyphens continue a word when a run of them follows a letter or digit: adding the
        // run's first bit carries through the run.
        let after_letter = ((letters << 1) | carry) & classes.hyphens;
        let joining =
            (classes.hyphens.wrapping_add(after_letter) ^ classes.hyphens) & classes.hyphens;
        let in_word = letters | joining;
        let starts = letters & !((in_word << 1) | carry);
        self.outside = !in_word & valid_bits(len);
        self.in_word_before = len == BLOCK && in_word >> 63 != 0;
        if let Blocks::Keeping(kept) = &mut self.blocks {
            kept.push(KeptBlock {
                lower_case_starts: starts & Opening::LowerCase.bytes(&classes),
                outside: self.outside,
            });
        }
        starts & self.opening.bytes(&classes)
    }
}

/// How a set of words opens: for each first byte folded to five bits, the second bytes so
/// folded that follow it (every one after a word of one byte). A word opening like none of
/// them is none of them; one that does may still be none, as folding puts a letter's two
/// cases, and some other bytes, together.
#[derive(Debug, Clone, Default)]
pub(crate) struct OpeningPairs {
    seconds: [u32; 32],
}

impl OpeningPairs {
    pub(crate) fn add(&mut self, word: &[u8]) {
        if let Some(&first) = word.first() {
            self.seconds[usize::from(first & 31)] |=
                word.get(1).map_or(u32::MAX, |&second| 1 << (second & 31));
        }
    }

    /// The places of `places` (bit `k` for `base + k`, each the first byte of a word) where a
    /// word opens like one of the set, tested without a branch each: which do is a coin toss
    /// to the branch predictor. A word of one byte is tested with the byte after it (or
    /// none, at the end): only a word of one byte, which lets any byte follow, can be it.
    #[inline]
    fn sift(&self, bytes: &[u8], base: usize, mut places: u64) -> u64 {
        let window = bytes
            .get(base..)
            .and_then(|rest| rest.first_chunk::<{ BLOCK + 1 }>());
        let mut kept = 0;
        while places != 0 {
            let k = places.trailing_zeros() as usize % BLOCK;
            places &= places - 1;
            let (first, second) = match window {
                Some(window) => (window[k], window[k + 1]),
                // The text's last block: its last byte has none after it.
                None => (
                    bytes[base + k],
                    bytes.get(base + k + 1).copied().unwrap_or(0),
                ),
            };
            kept |= u64::from((self.seconds[usize::from(first & 31)] >> (second & 31)) & 1) << k;
        }
        kept
    }
}

/// The bytes of the block at `base` that belong to letters or digits outside ASCII, and those
/// of the next block that end one begun in this block.
fn non_ascii_letters(text: &str, base: usize, non_ascii: u64) -> (u64, u64) {
    let bytes = text.as_bytes();
    let (mut letters, mut spilled) = (0u64, 0u64);
    let mut leads = non_ascii;
    while leads != 0 {
        let bit = leads.trailing_zeros() as usize;
        leads &= leads - 1;
        let at = base + bit;
        // Continuation bytes belong to the character before them.
        if bytes[at] & 0xC0 == 0x80 {
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        if !c.is_alphanumeric() {
            continue;
        }
        let end = bit + c.len_utf8();
        letters |= valid_bits(end) & !valid_bits(bit);
        if end > BLOCK {
            spilled |= valid_bits(end - BLOCK);
        }
    }
    (letters, spilled)
}

/// The words of `text` one character at a time: the definition the block scan is held to.
#[cfg(test)]
fn word_spans_by_chars(text: &str) -> Vec<(usize, usize)> {
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
                found.push((begin, begin + word.len()));
                start = None;
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_texts(text: &str) -> Vec<&str> {
        words(text).map(|(start, end)| &text[start..end]).collect()
    }

    fn words_by_chars(text: &str) -> Vec<&str> {
        word_spans_by_chars(text)
            .into_iter()
            .map(|(start, end)| &text[start..end])
            .collect()
    }

    #[test]
    fn hyphens_join_words_and_are_left_off_their_ends() {
        assert_eq!(
            word_texts("--Han Seo-yun-- met Kim-- -- Jong-Un."),
            ["Han", "Seo-yun", "met", "Kim", "Jong-Un"]
        );
    }

    #[test]
    fn words_run_across_blocks_and_letters_outside_ascii_count() {
        let long = "a".repeat(150);
        let text = format!("{long} {long}-{long} Élan-été “quoted” x");
        assert_eq!(word_texts(&text), words_by_chars(&text));
        for pad in 0..70 {
            let text = format!("{}Ünal-é ßtraße “x” {}", " ".repeat(pad), "b-".repeat(pad));
            assert_eq!(word_texts(&text), words_by_chars(&text), "{pad}");
        }
    }

    /// The words of `text` opening as `opening` says, as the words of every opening filtered.
    fn opening_by_filter(text: &str, opening: Opening) -> Vec<&str> {
        word_texts(text)
            .into_iter()
            .filter(|word| {
                let first = word.as_bytes()[0];
                match opening {
                    Opening::Any => true,
                    Opening::Capital => first.is_ascii_uppercase() || !first.is_ascii(),
                    Opening::LowerCase => first.is_ascii_lowercase() || !first.is_ascii(),
                }
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn a_scan_for_some_openings_finds_those_words_of_all(
            text in "([A-Za-z0-9ÉéÜ“]{0,12}[ .,#'\n\t–-]{0,3}){0,40}|([A-Za-zé]{50,70}[ -]{1,2}){0,5}|\\PC{0,150}"
        ) {
            for opening in [Opening::Capital, Opening::LowerCase] {
                let found: Vec<&str> = words_opening(&text, opening)
                    .map(|(start, end)| &text[start..end])
                    .collect();
                proptest::prop_assert_eq!(found, opening_by_filter(&text, opening));
            }
        }

        #[test]
        fn words_opening_like_a_set_are_those_its_words_could_be(
            set in proptest::collection::vec("[a-dA-DÉé]{1,3}", 0..6),
            text in "([a-dA-D0-9Éé@`]{0,5}[ .-]{0,2}){0,40}|([a-d]{60,70} ){0,3}",
        ) {
            let mut pairs = OpeningPairs::default();
            for word in &set {
                pairs.add(word.as_bytes());
            }
            for opening in [Opening::Capital, Opening::LowerCase] {
                let found: Vec<(usize, usize)> = words_opening(&text, opening).opening_like(&pairs).collect();
                let every: Vec<(usize, usize)> = words_opening(&text, opening).collect();
                // Every word of the set is among those found...
                let of_set = every.iter().filter(|&&(start, end)| set.iter().any(|word| word == &text[start..end]));
                for word in of_set {
                    proptest::prop_assert!(found.contains(word), "{word:?}");
                }
                // ...and those found are those whose first two bytes (the second after the
                // word, for a word of one) open like a word of the set, folded.
                let bytes = text.as_bytes();
                let folded = |byte: u8| byte & 31;
                let opens_like = |&&(start, _): &&(usize, usize)| {
                    let second = bytes.get(start + 1).copied().unwrap_or(0);
                    set.iter().any(|word| {
                        let word = word.as_bytes();
                        folded(word[0]) == folded(bytes[start])
                            && word.get(1).is_none_or(|&then| folded(then) == folded(second))
                    })
                };
                let want: Vec<(usize, usize)> = every.iter().filter(opens_like).copied().collect();
                proptest::prop_assert_eq!(found, want);
            }
        }

        #[test]
        fn a_second_scan_of_kept_blocks_finds_the_lower_case_words(
            text in "([A-Za-z0-9ÉéÜ“]{0,12}[ .,#'\n\t–-]{0,3}){0,40}|([a-zA-Zé]{50,70}[ -]{1,2}){0,5}|\\PC{0,150}",
            read in 0usize..30,
            keeping in proptest::bool::ANY,
            set in proptest::collection::vec("[a-dé]{1,3}", 0..4),
        ) {
            // The first scan may stop short, or keep nothing.
            let first = words_opening(&text, Opening::Capital);
            let mut first = if keeping { first.keeping_lower_case() } else { first };
            first.by_ref().take(read).for_each(drop);
            let kept = first.into_lower_case();
            let found: Vec<(usize, usize)> = kept.words().collect();
            let want: Vec<(usize, usize)> = words_opening(&text, Opening::LowerCase).collect();
            proptest::prop_assert_eq!(found, want);
            let mut pairs = OpeningPairs::default();
            for word in &set {
                pairs.add(word.as_bytes());
            }
            let found: Vec<(usize, usize)> = kept.words().opening_like(&pairs).collect();
            let want: Vec<(usize, usize)> =
                words_opening(&text, Opening::LowerCase).opening_like(&pairs).collect();
            proptest::prop_assert_eq!(found, want);
        }

        #[test]
        fn the_block_scan_finds_the_words_a_char_scan_finds(
            text in "[A-Za-z0-9 .,#'\n\t-]{0,200}|[a-zé Ü–—“”-]{0,150}|\\PC{0,150}|([A-Za-z0-9]{0,12}[ .,#'\n\té–-]{0,3}){0,40}"
        ) {
            proptest::prop_assert_eq!(word_texts(&text), words_by_chars(&text));
        }
    }
}
