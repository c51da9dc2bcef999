//! Sentence and paragraph boundaries for news text.
//!
//! News puts one paragraph per line, so a newline always ends a sentence. Inside a line, a
//! period ends a sentence unless it closes an abbreviation ("Mr.", "Jan.", "U.S."), an initial
//! ("John F. Kennedy") or sits inside a number ("2.5").

use super::token::WordTable;
use super::Span;

/// Paragraphs: non-blank lines, trimmed. Blank lines and single newlines both separate them.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        if let Some(span) = trim(text, start, end) {
            out.push(span);
        }
        start = end;
    }
    out
}

/// Bytes a sentence of news takes, for a first guess at how many a text has.
const SENTENCE_BYTES: usize = 96;

/// Sentences of the whole text, trimmed, in order.
pub fn sentences(text: &str) -> Vec<Span> {
    // News has a sentence every hundred bytes or so: sized once, not doubled on the way.
    let mut out = Vec::with_capacity(text.len() / SENTENCE_BYTES + 1);
    sentences_in(text, 0, text.len(), &mut out);
    out
}

/// Sentences of `text[from..to]` (offsets into `text`), appended to `out`.
pub(crate) fn sentences_in(text: &str, from: usize, to: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut candidates = Candidates::new(bytes, to);
    let mut start = from;
    let mut i = from;
    while i < to {
        i = candidates.next_from(i);
        let Some(&b) = bytes.get(i).filter(|_| i < to) else {
            break;
        };
        let end_here = match b {
            b'\n' => Some(i),
            b'!' | b'?' => terminal_end(text, i + 1, to)
                .filter(|&(_, next)| can_start_sentence(next))
                .map(|(end, _)| end),
            b'.' => period_boundary(text, from, i, to),
            // "…" (U+2026) behaves like "...".
            0xE2 if text[i..to].starts_with('…') => {
                ellipsis_boundary(text, i + '…'.len_utf8(), to)
            }
            _ => None,
        };
        if let Some(end) = end_here {
            if let Some(span) = trim(text, start, end.max(start)) {
                out.push(span);
            }
            start = end.max(i + 1);
            // Skip the closing quotes we already included.
            i = start;
            continue;
        }
        i += 1;
    }
    if let Some(span) = trim(text, start, to) {
        out.push(span);
    }
}

/// The bytes that can end a sentence: a line break, `.`, `!`, `?`, or 0xE2 (the first byte of
/// "…"). Periods, question marks and line breaks are found by one SIMD search; `!` and 0xE2,
/// rare in news, by another, whose answer is kept until the scan has passed it, so that
/// each search skips whole stretches instead of testing eight bytes at a time for five.
struct Candidates<'a> {
    bytes: &'a [u8],
    to: usize,
    /// Where `!` and 0xE2 were last looked for, and the first found from there (`to` if
    /// none).
    rare: Option<(usize, usize)>,
}

impl<'a> Candidates<'a> {
    fn new(bytes: &'a [u8], to: usize) -> Self {
        Candidates {
            bytes,
            to: to.min(bytes.len()),
            rare: None,
        }
    }

    /// The first position from `from` on (`to` if none) holding a byte that can end a
    /// sentence.
    fn next_from(&mut self, from: usize) -> usize {
        let Some(rest) = self.bytes.get(from..self.to) else {
            return self.to;
        };
        let common = memchr::memchr3(b'.', b'?', b'\n', rest).map_or(self.to, |k| from + k);
        let rare = match self.rare {
            Some((looked_from, found)) if looked_from <= from && from <= found => found,
            _ => {
                let found = memchr::memchr2(b'!', 0xE2, rest).map_or(self.to, |k| from + k);
                self.rare = Some((from, found));
                found
            }
        };
        common.min(rare)
    }
}

/// After a terminator at `after - 1`: closing quotes/brackets are part of the sentence; then
/// whitespace and something that can start a sentence (or the end) must follow. Returns the
/// sentence end and the next sentence's first char.
fn terminal_end(text: &str, after: usize, to: usize) -> Option<(usize, Option<char>)> {
    let rest = &text[after..to];
    let mut end = after;
    let mut chars = rest.char_indices();
    let mut saw_space = false;
    for (off, c) in chars.by_ref() {
        if !saw_space && matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '»') {
            end = after + off + c.len_utf8();
            continue;
        }
        if c == '\n' {
            return Some((end, None));
        }
        if c.is_whitespace() {
            saw_space = true;
            continue;
        }
        if !saw_space {
            return None;
        }
        return Some((end, Some(c)));
    }
    Some((end, None))
}

fn can_start_sentence(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '"' | '\'' | '‘' | '“' | '(' | '[' | '-' | '—' | '–' | '«'
                )
        }
    }
}

fn period_boundary(text: &str, from: usize, i: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // "..." : one boundary at its end at most.
    if i + 1 < to && bytes[i + 1] == b'.' {
        return None;
    }
    if i > from && bytes[i - 1] == b'.' {
        return ellipsis_boundary(text, i + 1, to);
    }
    let (end, next) = terminal_end(text, i + 1, to)?;
    if !can_start_sentence(next) {
        return None;
    }
    if is_abbreviation(text, from, i) {
        return None;
    }
    Some(end)
}

fn ellipsis_boundary(text: &str, after: usize, to: usize) -> Option<usize> {
    let (end, next) = terminal_end(text, after, to)?;
    match next {
        Some(c) if c.is_uppercase() => Some(end),
        None => Some(end),
        _ => None,
    }
}

/// Is the word before the period at `dot` an abbreviation that does not end a sentence?
fn is_abbreviation(text: &str, from: usize, dot: usize) -> bool {
    // Most words before a period are ASCII: read back byte by byte, with no decoding.
    let bytes = text.as_bytes();
    let mut word_start = dot;
    let mut dotted = false;
    while word_start > from {
        match WORD_BYTES[usize::from(bytes[word_start - 1])] {
            WordByte::LetterOrDigit => {}
            WordByte::Period => dotted = true,
            WordByte::Other => break,
            WordByte::NonAscii => return is_abbreviation_by_chars(text, from, dot),
        }
        word_start -= 1;
    }
    let word = &bytes[word_start..dot];
    match word {
        [] => false,
        // Initials and dotted acronyms: "F.", "U.S.", "U.N.".
        [initial] if initial.is_ascii_uppercase() => true,
        _ if dotted => true,
        _ => ABBREVIATIONS.get_at(bytes, word_start, dot),
    }
}

/// What a byte is to the word before a period, read back from it: one table lookup a byte.
#[derive(Clone, Copy)]
enum WordByte {
    LetterOrDigit,
    Period,
    /// Ends the word.
    Other,
    /// A byte of a character outside ASCII: the word is read by chars instead.
    NonAscii,
}

const WORD_BYTES: [WordByte; 256] = {
    let mut table = [WordByte::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_alphanumeric() {
            WordByte::LetterOrDigit
        } else if b == b'.' {
            WordByte::Period
        } else if !b.is_ascii() {
            WordByte::NonAscii
        } else {
            WordByte::Other
        };
        byte += 1;
    }
    table
};

/// [`is_abbreviation`] by chars, for a word that may hold letters outside ASCII.
fn is_abbreviation_by_chars(text: &str, from: usize, dot: usize) -> bool {
    let before = &text[from..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(off, c)| off + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: "F.", "U.S.", "U.N.".
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if word.contains('.') || (letters == 1 && word.chars().all(|c| c.is_uppercase())) {
        return true;
    }
    ABBREVIATIONS.get_at(text.as_bytes(), from + word_start, dot)
}

/// Words that end with a period without ending the sentence: titles, months, "No.", "Inc.".
static ABBREVIATIONS: WordTable<bool> = WordTable::build(
    &[
        (b"mr", true),
        (b"mrs", true),
        (b"ms", true),
        (b"dr", true),
        (b"prof", true),
        (b"gen", true),
        (b"sen", true),
        (b"rep", true),
        (b"gov", true),
        (b"st", true),
        (b"jr", true),
        (b"sr", true),
        (b"lt", true),
        (b"col", true),
        (b"capt", true),
        (b"sgt", true),
        (b"maj", true),
        (b"adm", true),
        (b"cmdr", true),
        (b"rev", true),
        (b"hon", true),
        (b"pres", true),
        (b"supt", true),
        (b"jan", true),
        (b"feb", true),
        (b"mar", true),
        (b"apr", true),
        (b"jun", true),
        (b"jul", true),
        (b"aug", true),
        (b"sep", true),
        (b"sept", true),
        (b"oct", true),
        (b"nov", true),
        (b"dec", true),
        (b"no", true),
        (b"vs", true),
        (b"approx", true),
        (b"dept", true),
        (b"est", true),
        (b"ft", true),
        (b"mt", true),
        (b"fig", true),
        (b"vol", true),
        (b"corp", true),
        (b"inc", true),
        (b"ltd", true),
        (b"co", true),
    ],
    false,
);

/// `text[start..end]` without the white space at its ends (as `str::trim` has it), if anything
/// is left. Most ends are ASCII: they are read byte by byte, and `str::trim`'s own rule
/// (Unicode white space) takes over only at a byte outside ASCII.
fn trim(text: &str, start: usize, end: usize) -> Option<Span> {
    let slice = text.get(start..end)?;
    let bytes = slice.as_bytes();
    let mut from = bytes
        .iter()
        .take_while(|&&byte| is_ascii_white(byte))
        .count();
    if bytes.get(from).is_some_and(|byte| !byte.is_ascii()) {
        from = slice.len() - slice.trim_start().len();
    }
    let rest = &slice[from..];
    let tail = rest
        .bytes()
        .rev()
        .take_while(|&byte| is_ascii_white(byte))
        .count();
    let mut kept = rest.len() - tail;
    if kept > 0 && !rest.as_bytes()[kept - 1].is_ascii() {
        kept = rest.trim_end().len();
    }
    (kept > 0).then(|| Span::new(start + from, start + from + kept))
}

/// White space within ASCII as `char::is_whitespace` has it: with the vertical tab, which
/// `u8::is_ascii_whitespace` leaves out.
fn is_ascii_white(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn trimming_by_bytes_is_str_trim(
            text in "[ \t\n\x0b\x0c\ra\u{a0}\u{2028}\u{3000}é.]{0,12}",
        ) {
            let boundaries = || (0..=text.len()).filter(|&at| text.is_char_boundary(at));
            for end in boundaries() {
                for start in boundaries().take_while(|&start| start <= end) {
                    let slice = &text[start..end];
                    let trimmed = slice.trim();
                    let want = (!trimmed.is_empty()).then(|| {
                        let from = start + slice.len() - slice.trim_start().len();
                        Span::new(from, from + trimmed.len())
                    });
                    proptest::prop_assert_eq!(trim(&text, start, end), want, "{:?} {}..{}", text, start, end);
                }
            }
        }

        #[test]
        fn abbreviations_read_by_bytes_are_those_read_by_chars(
            before in "[A-Za-z0-9 .,\"“É-]{0,12}|([a-zA-Z]{0,3}\\.?){0,4}|\\PC{0,8}",
        ) {
            let text = format!("{before}.");
            let dot = before.len();
            for from in (0..=dot).filter(|&from| text.is_char_boundary(from)) {
                proptest::prop_assert_eq!(
                    is_abbreviation(&text, from, dot),
                    is_abbreviation_by_chars(&text, from, dot),
                    "{:?} from {}", text, from
                );
            }
        }
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Han met Dr. Lind and Mrs. Ortega. They talked."),
            vec!["Mr. Han met Dr. Lind and Mrs. Ortega.", "They talked."]
        );
    }

    #[test]
    fn dotted_acronyms_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("The U.S. and the U.N. praised John F. Kennedy. Then it rained."),
            vec![
                "The U.S. and the U.N. praised John F. Kennedy.",
                "Then it rained."
            ]
        );
    }

    #[test]
    fn month_abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("It opened on Jan. 27 and closed in Sept. 2020. Done."),
            vec!["It opened on Jan. 27 and closed in Sept. 2020.", "Done."]
        );
    }

    #[test]
    fn decimals_do_not_end_sentences() {
        assert_eq!(
            split("Growth was 2.5 percent. Good."),
            vec!["Growth was 2.5 percent.", "Good."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said “in April.” Then he left. ‘Yes.’ She agreed."),
            vec![
                "He said “in April.”",
                "Then he left.",
                "‘Yes.’",
                "She agreed."
            ]
        );
    }

    #[test]
    fn ellipses_end_a_sentence_only_before_a_capital() {
        assert_eq!(
            split("Wait... and see... Then go."),
            vec!["Wait... and see...", "Then go."]
        );
    }

    #[test]
    fn a_newline_ends_a_sentence() {
        assert_eq!(
            split("Thursday, January 27, 2022\n\nHeadline Here\nBody text."),
            vec!["Thursday, January 27, 2022", "Headline Here", "Body text."]
        );
    }

    #[test]
    fn the_next_candidate_is_the_first_byte_that_can_end_a_sentence() {
        let text =
            "Plain words here, then a stop. Or two! Why? A line\nand … that is all".as_bytes();
        let want = |from: usize, to: usize| {
            (from..to)
                .find(|&k| matches!(text[k], b'\n' | b'.' | b'!' | b'?' | 0xE2))
                .unwrap_or(to)
        };
        for to in 0..=text.len() {
            // Asked forwards, as the scan asks, and backwards: the rare bytes' kept answer
            // holds only where it was looked for.
            let mut forwards = Candidates::new(text, to);
            let mut backwards = Candidates::new(text, to);
            for from in 0..=to {
                assert_eq!(forwards.next_from(from), want(from, to), "{from}..{to}");
                let from = to - from;
                assert_eq!(backwards.next_from(from), want(from, to), "{from}..{to}");
            }
        }
    }

    #[test]
    fn paragraphs_are_non_blank_lines() {
        let text = "One.\n\n  Two. Three.\nFour\n";
        let got: Vec<&str> = paragraphs(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(got, vec!["One.", "Two. Three.", "Four"]);
    }
}
