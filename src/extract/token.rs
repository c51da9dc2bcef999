//! A small, allocation-light tokenizer shared by the recognizers. Words are classified once, at
//! tokenization, so the recognizers compare enum tags instead of strings.

use chrono::Weekday;

use super::dates::Holiday;
use super::{DayPart, Season, TimeUnit};
use crate::swar::{ascii_letter_bits, load8, HIGH_BITS};

/// What a word means to the recognizers. Words that matter to none of them are `Other`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Lex {
    Other,
    Month(u32),
    /// "Jan", "Sept": only a month when a day, a year or a period follows.
    MonthAbbr(u32),
    Weekday(Weekday),
    /// one … ninety (cardinal number words).
    NumWord(u32),
    /// hundred, thousand, million, billion: ten to this power (a small integer keeps every
    /// token of a sentence, tokenized by the million, in 32 bytes).
    Scale(u8),
    Ordinal(u32),
    Unit(TimeUnit),
    Season(Season),
    Last,
    This,
    Next,
    Coming,
    Past,
    Previous,
    Following,
    Ago,
    Earlier,
    Later,
    Early,
    Mid,
    Late,
    End,
    Beginning,
    Half,
    Quarter,
    Yesterday,
    Today,
    Tomorrow,
    Tonight,
    The,
    A,
    In,
    On,
    Of,
    And,
    Or,
    To,
    Through,
    Fiscal,
    As,
    Before,
    After,
    Since,
    Until,
    During,
    By,
    From,
    Between,
    Current,
    Latest,
    Recent,
    Most,
    About,
    Nearly,
    More,
    Than,
    Over,
    At,
    Least,
    Less,
    Under,
    Up,
    Several,
    Few,
    Dozens,
    Weekend,
    /// "that year", "that same day": the date named last.
    That,
    Same,
    /// "the full year", "the whole year".
    Full,
    /// "New Year's Day".
    New,
    Holiday(Holiday),
    /// morning, afternoon, evening, night.
    DayPart(DayPart),
    Day,
    Year,
    Week,
    MonthWord,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Word {
        lex: Lex,
        cap: bool,
    },
    /// Digits, with thousands separators and a decimal part folded in.
    Num {
        value: f64,
        digits: u8,
        plain: bool,
    },
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Tok {
    pub fn lex(&self) -> Lex {
        match self.kind {
            Kind::Word { lex, .. } => lex,
            _ => Lex::Other,
        }
    }
    /// Can a claim start at this token? False for punctuation and for words that no
    /// recognizer accepts as a first word ("in", "of", "days", …), so the scan skips them
    /// without trying every recognizer (a test checks that none would match there).
    #[inline]
    pub fn may_start_claim(&self) -> bool {
        match self.kind {
            Kind::Num { .. } => true,
            Kind::Punct(_) => false,
            Kind::Word { lex, .. } => !matches!(
                lex,
                Lex::Other
                    | Lex::In
                    | Lex::On
                    | Lex::Of
                    | Lex::And
                    | Lex::Or
                    | Lex::To
                    | Lex::Through
                    | Lex::Before
                    | Lex::After
                    | Lex::Since
                    | Lex::Until
                    | Lex::During
                    | Lex::By
                    | Lex::From
                    | Lex::Between
                    | Lex::Current
                    | Lex::Latest
                    | Lex::Recent
                    | Lex::Most
                    | Lex::Than
                    | Lex::Least
                    | Lex::Several
                    | Lex::Few
                    | Lex::Dozens
                    | Lex::Weekend
                    | Lex::Day
                    | Lex::Week
                    | Lex::MonthWord
                    | Lex::Unit(_)
                    | Lex::Scale(_)
                    | Lex::Quarter
                    | Lex::End
                    | Lex::Beginning
                    | Lex::Following
                    | Lex::Same
                    | Lex::Full
                    | Lex::DayPart(_)
            ),
        }
    }
    pub fn is_cap(&self) -> bool {
        matches!(self.kind, Kind::Word { cap: true, .. })
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word { .. })
    }
    /// An integer written in plain digits, with its digit count.
    pub fn int(&self) -> Option<(u32, u8)> {
        match self.kind {
            Kind::Num {
                value,
                digits,
                plain: true,
            } if value < 1e9 => Some((value as u32, digits)),
            _ => None,
        }
    }
}

/// Tokenizes `text[from..to]`, appending to `out` (reused across calls to avoid allocation).
/// Offsets are into `text`.
pub(crate) fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            let (end, value, digits, plain) = scan_number(bytes, i, to);
            out.push(Tok {
                start: i,
                end,
                kind: Kind::Num {
                    value,
                    digits,
                    plain,
                },
            });
            i = end;
            continue;
        }
        if b.is_ascii_alphabetic() {
            let end = scan_word(text, i, to);
            out.push(Tok {
                start: i,
                end,
                kind: Kind::Word {
                    lex: classify_at(bytes, i, end),
                    cap: b.is_ascii_uppercase(),
                },
            });
            i = end;
            continue;
        }
        if b.is_ascii() {
            // ASCII whitespace beyond `is_ascii_whitespace` (the vertical tab) is no token.
            let c = char::from(b);
            if !c.is_whitespace() {
                out.push(Tok {
                    start: i,
                    end: i + 1,
                    kind: Kind::Punct(c),
                });
            }
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..to).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if c.is_alphabetic() {
            let end = scan_word(text, i, to);
            out.push(Tok {
                start: i,
                end,
                kind: Kind::Word {
                    lex: classify_at(bytes, i, end),
                    cap: c.is_uppercase(),
                },
            });
            i = end;
            continue;
        }
        if !c.is_whitespace() {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind: Kind::Punct(c),
            });
        }
        i += c.len_utf8();
    }
}

/// The end of the word starting at `start`: letters, and apostrophes inside a word ("don't"),
/// but not a closing quote; a possessive "'s" is split off so "Friday's" is still a weekday.
/// ASCII letters are scanned eight at a time; anything else goes through `char`.
// Always inlined: called once a word of every tokenized sentence, and left a call by the
// compiler's own choice, whose entry and exit cost more than most words' scan.
#[inline(always)]
fn scan_word(text: &str, start: usize, to: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut j = start;
    while j < to {
        // Eight letters at a time while they last.
        if let Some(x) = load8(bytes, j).filter(|_| j + 8 <= to) {
            let not_letters = !ascii_letter_bits(x) & HIGH_BITS;
            if not_letters == 0 {
                j += 8;
                end = j;
                continue;
            }
            let run = (not_letters.trailing_zeros() / 8) as usize;
            if run > 0 {
                j += run;
                end = j;
            }
        }
        let Some(&b) = bytes.get(j).filter(|_| j < to) else {
            break;
        };
        if b.is_ascii_alphabetic() {
            j += 1;
            end = j;
            continue;
        }
        if b.is_ascii() && b != b'\'' {
            break;
        }
        let Some(c) = text.get(j..to).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = j + c.len_utf8();
        if c.is_alphabetic() {
            j = next;
            end = j;
        } else if c == '\'' || c == '’' {
            let mut after = text[next..to].chars();
            match (after.next(), after.next()) {
                (Some('s' | 'S'), following) if !following.is_some_and(char::is_alphabetic) => {
                    break
                }
                (Some(following), _) if following.is_alphabetic() => j = next,
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

/// Scans "7,000", "2.5", "1998": returns the end, the value, the count of integer digits and
/// whether it is plain digits only.
fn scan_number(bytes: &[u8], start: usize, to: usize) -> (usize, f64, u8, bool) {
    let mut i = start;
    let mut value = 0f64;
    let mut digits = 0u8;
    let mut plain = true;
    while i < to {
        let b = bytes[i];
        if b.is_ascii_digit() {
            value = value * 10.0 + f64::from(b - b'0');
            digits = digits.saturating_add(1);
            i += 1;
        } else if b == b','
            && digits > 0
            && i + 4 <= to
            && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && (i + 4 >= to || !bytes[i + 4].is_ascii_digit())
        {
            // Thousands separator: exactly three digits follow.
            plain = false;
            i += 1;
        } else {
            break;
        }
    }
    if i + 1 < to && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
        plain = false;
        i += 1;
        let mut scale = 0.1;
        while i < to && bytes[i].is_ascii_digit() {
            value += f64::from(bytes[i] - b'0') * scale;
            scale /= 10.0;
            i += 1;
        }
    }
    (i, value, digits, plain)
}

/// Every word the recognizers know, lowercase, with its meaning. Words not listed are
/// [`Lex::Other`]. Looked up through [`KEYWORD_TABLE`], a hash table built at compile time.
pub(super) const KEYWORDS: &[(&[u8], Lex)] = &[
    (b"january", Lex::Month(1)),
    (b"february", Lex::Month(2)),
    (b"march", Lex::Month(3)),
    (b"april", Lex::Month(4)),
    (b"may", Lex::Month(5)),
    (b"june", Lex::Month(6)),
    (b"july", Lex::Month(7)),
    (b"august", Lex::Month(8)),
    (b"september", Lex::Month(9)),
    (b"october", Lex::Month(10)),
    (b"november", Lex::Month(11)),
    (b"december", Lex::Month(12)),
    (b"jan", Lex::MonthAbbr(1)),
    (b"feb", Lex::MonthAbbr(2)),
    (b"mar", Lex::MonthAbbr(3)),
    (b"apr", Lex::MonthAbbr(4)),
    (b"jun", Lex::MonthAbbr(6)),
    (b"jul", Lex::MonthAbbr(7)),
    (b"aug", Lex::MonthAbbr(8)),
    (b"sep", Lex::MonthAbbr(9)),
    (b"sept", Lex::MonthAbbr(9)),
    (b"oct", Lex::MonthAbbr(10)),
    (b"nov", Lex::MonthAbbr(11)),
    (b"dec", Lex::MonthAbbr(12)),
    (b"monday", Lex::Weekday(Weekday::Mon)),
    (b"tuesday", Lex::Weekday(Weekday::Tue)),
    (b"wednesday", Lex::Weekday(Weekday::Wed)),
    (b"thursday", Lex::Weekday(Weekday::Thu)),
    (b"friday", Lex::Weekday(Weekday::Fri)),
    (b"saturday", Lex::Weekday(Weekday::Sat)),
    (b"sunday", Lex::Weekday(Weekday::Sun)),
    (b"one", Lex::NumWord(1)),
    (b"two", Lex::NumWord(2)),
    (b"three", Lex::NumWord(3)),
    (b"four", Lex::NumWord(4)),
    (b"five", Lex::NumWord(5)),
    (b"six", Lex::NumWord(6)),
    (b"seven", Lex::NumWord(7)),
    (b"eight", Lex::NumWord(8)),
    (b"nine", Lex::NumWord(9)),
    (b"ten", Lex::NumWord(10)),
    (b"eleven", Lex::NumWord(11)),
    (b"twelve", Lex::NumWord(12)),
    (b"thirteen", Lex::NumWord(13)),
    (b"fourteen", Lex::NumWord(14)),
    (b"fifteen", Lex::NumWord(15)),
    (b"sixteen", Lex::NumWord(16)),
    (b"seventeen", Lex::NumWord(17)),
    (b"eighteen", Lex::NumWord(18)),
    (b"nineteen", Lex::NumWord(19)),
    (b"twenty", Lex::NumWord(20)),
    (b"thirty", Lex::NumWord(30)),
    (b"forty", Lex::NumWord(40)),
    (b"fifty", Lex::NumWord(50)),
    (b"sixty", Lex::NumWord(60)),
    (b"seventy", Lex::NumWord(70)),
    (b"eighty", Lex::NumWord(80)),
    (b"ninety", Lex::NumWord(90)),
    (b"hundred", Lex::Scale(2)),
    (b"thousand", Lex::Scale(3)),
    (b"million", Lex::Scale(6)),
    (b"billion", Lex::Scale(9)),
    (b"trillion", Lex::Scale(12)),
    (b"first", Lex::Ordinal(1)),
    (b"second", Lex::Ordinal(2)),
    (b"third", Lex::Ordinal(3)),
    (b"fourth", Lex::Ordinal(4)),
    (b"fifth", Lex::Ordinal(5)),
    (b"sixth", Lex::Ordinal(6)),
    (b"seventh", Lex::Ordinal(7)),
    (b"eighth", Lex::Ordinal(8)),
    (b"ninth", Lex::Ordinal(9)),
    (b"tenth", Lex::Ordinal(10)),
    (b"eleventh", Lex::Ordinal(11)),
    (b"twelfth", Lex::Ordinal(12)),
    (b"thirteenth", Lex::Ordinal(13)),
    (b"fourteenth", Lex::Ordinal(14)),
    (b"fifteenth", Lex::Ordinal(15)),
    (b"sixteenth", Lex::Ordinal(16)),
    (b"seventeenth", Lex::Ordinal(17)),
    (b"eighteenth", Lex::Ordinal(18)),
    (b"nineteenth", Lex::Ordinal(19)),
    (b"twentieth", Lex::Ordinal(20)),
    (b"thirtieth", Lex::Ordinal(30)),
    (b"fortieth", Lex::Ordinal(40)),
    (b"fiftieth", Lex::Ordinal(50)),
    (b"sixtieth", Lex::Ordinal(60)),
    (b"seventieth", Lex::Ordinal(70)),
    (b"eightieth", Lex::Ordinal(80)),
    (b"ninetieth", Lex::Ordinal(90)),
    (b"hundredth", Lex::Ordinal(100)),
    (b"minute", Lex::Unit(TimeUnit::Minute)),
    (b"minutes", Lex::Unit(TimeUnit::Minute)),
    (b"hour", Lex::Unit(TimeUnit::Hour)),
    (b"hours", Lex::Unit(TimeUnit::Hour)),
    (b"day", Lex::Day),
    (b"days", Lex::Unit(TimeUnit::Day)),
    (b"week", Lex::Week),
    (b"weeks", Lex::Unit(TimeUnit::Week)),
    (b"month", Lex::MonthWord),
    (b"months", Lex::Unit(TimeUnit::Month)),
    (b"year", Lex::Year),
    (b"years", Lex::Unit(TimeUnit::Year)),
    (b"decade", Lex::Unit(TimeUnit::Decade)),
    (b"decades", Lex::Unit(TimeUnit::Decade)),
    (b"century", Lex::Unit(TimeUnit::Century)),
    (b"centuries", Lex::Unit(TimeUnit::Century)),
    (b"spring", Lex::Season(Season::Spring)),
    (b"summer", Lex::Season(Season::Summer)),
    (b"fall", Lex::Season(Season::Fall)),
    (b"autumn", Lex::Season(Season::Fall)),
    (b"winter", Lex::Season(Season::Winter)),
    (b"last", Lex::Last),
    (b"this", Lex::This),
    (b"next", Lex::Next),
    (b"coming", Lex::Coming),
    (b"past", Lex::Past),
    (b"previous", Lex::Previous),
    (b"prior", Lex::Previous),
    (b"preceding", Lex::Previous),
    (b"following", Lex::Following),
    (b"ago", Lex::Ago),
    (b"earlier", Lex::Earlier),
    (b"later", Lex::Later),
    (b"early", Lex::Early),
    (b"mid", Lex::Mid),
    (b"late", Lex::Late),
    (b"end", Lex::End),
    (b"beginning", Lex::Beginning),
    (b"start", Lex::Beginning),
    (b"half", Lex::Half),
    (b"quarter", Lex::Quarter),
    (b"yesterday", Lex::Yesterday),
    (b"today", Lex::Today),
    (b"tomorrow", Lex::Tomorrow),
    (b"tonight", Lex::Tonight),
    (b"the", Lex::The),
    (b"a", Lex::A),
    (b"an", Lex::A),
    (b"in", Lex::In),
    (b"on", Lex::On),
    (b"of", Lex::Of),
    (b"and", Lex::And),
    (b"or", Lex::Or),
    (b"to", Lex::To),
    (b"through", Lex::Through),
    (b"till", Lex::Through),
    (b"fiscal", Lex::Fiscal),
    (b"as", Lex::As),
    (b"before", Lex::Before),
    (b"after", Lex::After),
    (b"since", Lex::Since),
    (b"until", Lex::Until),
    (b"during", Lex::During),
    (b"by", Lex::By),
    (b"from", Lex::From),
    (b"between", Lex::Between),
    (b"current", Lex::Current),
    (b"latest", Lex::Latest),
    (b"recent", Lex::Recent),
    (b"most", Lex::Most),
    (b"about", Lex::About),
    (b"around", Lex::About),
    (b"some", Lex::About),
    (b"approximately", Lex::About),
    (b"roughly", Lex::About),
    (b"nearly", Lex::Nearly),
    (b"almost", Lex::Nearly),
    (b"more", Lex::More),
    (b"than", Lex::Than),
    (b"over", Lex::Over),
    (b"at", Lex::At),
    (b"least", Lex::Least),
    (b"less", Lex::Less),
    (b"fewer", Lex::Less),
    (b"under", Lex::Under),
    (b"up", Lex::Up),
    (b"several", Lex::Several),
    (b"many", Lex::Several),
    (b"numerous", Lex::Several),
    (b"few", Lex::Few),
    (b"dozens", Lex::Dozens),
    (b"hundreds", Lex::Dozens),
    (b"thousands", Lex::Dozens),
    (b"millions", Lex::Dozens),
    (b"billions", Lex::Dozens),
    (b"tens", Lex::Dozens),
    (b"weekend", Lex::Weekend),
    (b"that", Lex::That),
    (b"same", Lex::Same),
    (b"full", Lex::Full),
    (b"whole", Lex::Full),
    (b"entire", Lex::Full),
    (b"new", Lex::New),
    (b"thanksgiving", Lex::Holiday(Holiday::Thanksgiving)),
    (b"christmas", Lex::Holiday(Holiday::Christmas)),
    (b"easter", Lex::Holiday(Holiday::Easter)),
    (b"halloween", Lex::Holiday(Holiday::Halloween)),
    (b"morning", Lex::DayPart(DayPart::Morning)),
    (b"afternoon", Lex::DayPart(DayPart::Afternoon)),
    (b"evening", Lex::DayPart(DayPart::Evening)),
    (b"night", Lex::DayPart(DayPart::Night)),
];

/// Longest word a [`WordTable`] holds; longer words are not looked up.
const MAX_KEYWORD: usize = 16;
const TABLE_BITS: u32 = 10;
const TABLE_SIZE: usize = 1 << TABLE_BITS;

/// A word list with a value per word, as an open-addressing hash table built at compile time:
/// a word packed into a `u128` (lowercase bytes, zero-padded; a word's bytes are never zero,
/// so lengths cannot collide) is hashed to a slot and probed linearly. An empty slot has key 0.
pub(crate) struct WordTable<T: Copy + 'static> {
    keys: [u128; TABLE_SIZE],
    values: [T; TABLE_SIZE],
    missing: T,
}

static KEYWORD_TABLE: WordTable<Lex> = WordTable::build(KEYWORDS, Lex::Other);

impl<T: Copy + 'static> WordTable<T> {
    /// `entries` are lowercase and at most [`MAX_KEYWORD`] bytes long (checked at compile
    /// time); `missing` is the value of every other word.
    pub(crate) const fn build(entries: &[(&[u8], T)], missing: T) -> Self {
        assert!(entries.len() * 3 < TABLE_SIZE * 2, "word table too full");
        let mut keys = [0u128; TABLE_SIZE];
        let mut values = [missing; TABLE_SIZE];
        let mut k = 0;
        while k < entries.len() {
            let (word, value) = entries[k];
            assert!(
                !word.is_empty() && word.len() <= MAX_KEYWORD,
                "keyword length"
            );
            let mut key = 0u128;
            let mut j = 0;
            while j < word.len() {
                assert!(!word[j].is_ascii_uppercase(), "keywords are lowercase");
                key |= (word[j] as u128) << (8 * j);
                j += 1;
            }
            let mut slot = slot_of(key);
            while keys[slot] != 0 && keys[slot] != key {
                slot = (slot + 1) & (TABLE_SIZE - 1);
            }
            keys[slot] = key;
            values[slot] = value;
            k += 1;
        }
        WordTable {
            keys,
            values,
            missing,
        }
    }

    /// The value of the word `bytes[start..end]` in any case. Meant for words of letters,
    /// digits and apostrophes; a non-ASCII byte is always a miss (setting bit 0x20 to
    /// lowercase may turn other ASCII punctuation into other punctuation, never into a letter,
    /// so such words miss too). Reads the word as one `u128` where
    /// sixteen bytes are available (no byte-by-byte copy), else byte by byte.
    #[inline]
    pub(crate) fn get_at(&self, bytes: &[u8], start: usize, end: usize) -> T {
        let len = end.saturating_sub(start);
        if len == 0 || len > MAX_KEYWORD {
            return self.missing;
        }
        let mask = LOW_BYTES[len];
        let raw = match bytes.get(start..start + 16) {
            Some(chunk) => {
                let mut buf = [0u8; 16];
                buf.copy_from_slice(chunk);
                u128::from_le_bytes(buf) & mask
            }
            None => {
                let mut key = 0u128;
                for (j, &b) in bytes[start..end].iter().enumerate() {
                    key |= u128::from(b) << (8 * j);
                }
                key
            }
        };
        const HIGH_BITS: u128 = u128::from_le_bytes([0x80; 16]);
        const CASE_BITS: u128 = u128::from_le_bytes([0x20; 16]);
        if raw & HIGH_BITS != 0 {
            // Not ASCII: no keyword.
            return self.missing;
        }
        // Setting 0x20 lowercases a letter and leaves an apostrophe (0x27) alone.
        self.get_key(raw | (CASE_BITS & mask))
    }

    /// The value of a word given lowercase, ASCII, at most sixteen bytes.
    pub(crate) fn get_lower(&self, word: &[u8]) -> T {
        if word.is_empty() || word.len() > MAX_KEYWORD {
            return self.missing;
        }
        let mut key = 0u128;
        for (j, &b) in word.iter().enumerate() {
            key |= u128::from(b) << (8 * j);
        }
        self.get_key(key)
    }

    #[inline]
    fn get_key(&self, key: u128) -> T {
        let mut slot = slot_of(key);
        loop {
            let k = self.keys[slot];
            if k == key {
                return self.values[slot];
            }
            if k == 0 {
                return self.missing;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
    }
}

/// `LOW_BYTES[n]` keeps the low `n` bytes of a `u128`: a load, where a shift by a variable
/// amount takes a dozen instructions on a 64-bit machine.
const LOW_BYTES: [u128; MAX_KEYWORD + 1] = {
    let mut masks = [0u128; MAX_KEYWORD + 1];
    let mut len = 1;
    while len <= MAX_KEYWORD {
        masks[len] = (masks[len - 1] << 8) | 0xFF;
        len += 1;
    }
    masks
};

#[inline]
const fn slot_of(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TABLE_BITS)) as usize
}

#[inline]
fn classify_at(bytes: &[u8], start: usize, end: usize) -> Lex {
    KEYWORD_TABLE.get_at(bytes, start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        out
    }

    #[test]
    fn low_bytes_keep_that_many_bytes() {
        assert_eq!(LOW_BYTES[0], 0);
        assert_eq!(LOW_BYTES[1], 0xFF);
        assert_eq!(LOW_BYTES[3], 0xFF_FFFF);
        assert_eq!(LOW_BYTES[MAX_KEYWORD], u128::MAX);
    }

    #[test]
    fn a_token_fits_in_32_bytes() {
        // Sentences are tokenized by the million: what each token costs to write and read.
        assert!(
            std::mem::size_of::<Tok>() <= 32,
            "{}",
            std::mem::size_of::<Tok>()
        );
    }

    #[test]
    fn thousands_separator_folds_into_the_number() {
        let t = toks("about 7,000 containers");
        assert_eq!(t.len(), 3);
        assert_eq!(
            t[1].kind,
            Kind::Num {
                value: 7000.0,
                digits: 4,
                plain: false
            }
        );
    }

    #[test]
    fn a_comma_before_a_year_is_not_a_separator() {
        let t = toks("June 12, 2024");
        assert_eq!(t.len(), 4);
        assert_eq!(t[1].int(), Some((12, 2)));
        assert_eq!(t[3].int(), Some((2024, 4)));
    }

    #[test]
    fn apostrophes_stay_inside_words_but_closing_quotes_do_not() {
        let text = "don’t ‘Soon’";
        let t = toks(text);
        assert_eq!(t.len(), 4);
        assert_eq!(&text[t[0].start..t[0].end], "don’t");
    }

    #[test]
    fn a_possessive_is_split_off() {
        let text = "Friday's ruling";
        let t = toks(text);
        assert_eq!(&text[t[0].start..t[0].end], "Friday");
        assert_eq!(t[0].lex(), Lex::Weekday(chrono::Weekday::Fri));
    }

    #[test]
    fn every_keyword_is_found_in_any_case_and_at_the_end_of_the_text() {
        for &(word, lex) in KEYWORDS {
            let lower = std::str::from_utf8(word).expect("ASCII keyword");
            let upper = lower.to_ascii_uppercase();
            let title = format!("{}{}", &upper[..1], &lower[1..]);
            for form in [lower.to_string(), upper, title] {
                for text in [form.clone(), format!("{form} and some more text after it")] {
                    let t = toks(&text);
                    assert_eq!(t[0].lex(), lex, "{text:?}");
                    assert_eq!(&text[t[0].start..t[0].end], form);
                }
            }
        }
    }

    #[test]
    fn words_that_are_no_keyword_are_other() {
        for text in [
            "summits", "Mays", "mon", "don't", "café", "yearly", "weekends",
        ] {
            assert_eq!(toks(text)[0].lex(), Lex::Other, "{text:?}");
        }
        assert_eq!(
            toks("x monthsxxxxxxxxxxxxxxxxxxxx")[1].lex(),
            Lex::Other,
            "a long word"
        );
    }

    #[test]
    fn long_words_scan_to_their_end() {
        let text = "Supercalifragilistic’s abcdefghijklmnop-qrst donʼt xxxxxxxxéxxxxxxxx";
        let t = toks(text);
        let words: Vec<&str> = t.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            vec![
                "Supercalifragilistic",
                "’",
                "s",
                "abcdefghijklmnop",
                "-",
                "qrst",
                "donʼt",
                "xxxxxxxxéxxxxxxxx"
            ]
        );
    }

    #[test]
    fn decimals_are_one_number() {
        let t = toks("2.5 million");
        assert_eq!(t.len(), 2);
        assert!(matches!(t[0].kind, Kind::Num { value, .. } if (value - 2.5).abs() < 1e-9));
    }
}
