//! A small, allocation-light tokenizer shared by the recognizers. Words are classified once, at
//! tokenization, so the recognizers compare enum tags instead of strings.

use chrono::Weekday;

use super::{Season, TimeUnit};

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
    /// hundred, thousand, million, billion.
    Scale(f64),
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
        let Some(c) = text[i..to].chars().next() else {
            break;
        };
        if c.is_alphabetic() {
            let end = scan_word(text, i, to);
            let word = &text[i..end];
            out.push(Tok {
                start: i,
                end,
                kind: Kind::Word {
                    lex: classify(word),
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

fn scan_word(text: &str, start: usize, to: usize) -> usize {
    let mut end = start;
    for (off, c) in text[start..to].char_indices() {
        if c.is_alphabetic() {
            end = start + off + c.len_utf8();
        } else if c == '\'' || c == '’' {
            // An apostrophe inside a word ("don't"), not a closing quote; a possessive "'s" is
            // split off so "Friday's" is still a weekday.
            let rest = &text[start + off + c.len_utf8()..to];
            let mut after = rest.chars();
            match (after.next(), after.next()) {
                (Some('s' | 'S'), next) if !next.is_some_and(char::is_alphabetic) => break,
                (Some(next), _) if next.is_alphabetic() => {}
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

fn classify(word: &str) -> Lex {
    let mut buf = [0u8; 16];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return Lex::Other;
    }
    for (dst, src) in buf.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    let lower = &buf[..bytes.len()];
    use Lex::*;
    match lower {
        b"january" => Month(1),
        b"february" => Month(2),
        b"march" => Month(3),
        b"april" => Month(4),
        b"may" => Month(5),
        b"june" => Month(6),
        b"july" => Month(7),
        b"august" => Month(8),
        b"september" => Month(9),
        b"october" => Month(10),
        b"november" => Month(11),
        b"december" => Month(12),
        b"jan" => MonthAbbr(1),
        b"feb" => MonthAbbr(2),
        b"mar" => MonthAbbr(3),
        b"apr" => MonthAbbr(4),
        b"jun" => MonthAbbr(6),
        b"jul" => MonthAbbr(7),
        b"aug" => MonthAbbr(8),
        b"sep" | b"sept" => MonthAbbr(9),
        b"oct" => MonthAbbr(10),
        b"nov" => MonthAbbr(11),
        b"dec" => MonthAbbr(12),
        b"monday" => Weekday(chrono::Weekday::Mon),
        b"tuesday" => Weekday(chrono::Weekday::Tue),
        b"wednesday" => Weekday(chrono::Weekday::Wed),
        b"thursday" => Weekday(chrono::Weekday::Thu),
        b"friday" => Weekday(chrono::Weekday::Fri),
        b"saturday" => Weekday(chrono::Weekday::Sat),
        b"sunday" => Weekday(chrono::Weekday::Sun),
        b"one" => NumWord(1),
        b"two" => NumWord(2),
        b"three" => NumWord(3),
        b"four" => NumWord(4),
        b"five" => NumWord(5),
        b"six" => NumWord(6),
        b"seven" => NumWord(7),
        b"eight" => NumWord(8),
        b"nine" => NumWord(9),
        b"ten" => NumWord(10),
        b"eleven" => NumWord(11),
        b"twelve" => NumWord(12),
        b"thirteen" => NumWord(13),
        b"fourteen" => NumWord(14),
        b"fifteen" => NumWord(15),
        b"sixteen" => NumWord(16),
        b"seventeen" => NumWord(17),
        b"eighteen" => NumWord(18),
        b"nineteen" => NumWord(19),
        b"twenty" => NumWord(20),
        b"thirty" => NumWord(30),
        b"forty" => NumWord(40),
        b"fifty" => NumWord(50),
        b"sixty" => NumWord(60),
        b"seventy" => NumWord(70),
        b"eighty" => NumWord(80),
        b"ninety" => NumWord(90),
        b"hundred" => Scale(1e2),
        b"thousand" => Scale(1e3),
        b"million" => Scale(1e6),
        b"billion" => Scale(1e9),
        b"trillion" => Scale(1e12),
        b"first" => Ordinal(1),
        b"second" => Ordinal(2),
        b"third" => Ordinal(3),
        b"fourth" => Ordinal(4),
        b"fifth" => Ordinal(5),
        b"sixth" => Ordinal(6),
        b"seventh" => Ordinal(7),
        b"eighth" => Ordinal(8),
        b"ninth" => Ordinal(9),
        b"tenth" => Ordinal(10),
        b"eleventh" => Ordinal(11),
        b"twelfth" => Ordinal(12),
        b"thirteenth" => Ordinal(13),
        b"fourteenth" => Ordinal(14),
        b"fifteenth" => Ordinal(15),
        b"sixteenth" => Ordinal(16),
        b"seventeenth" => Ordinal(17),
        b"eighteenth" => Ordinal(18),
        b"nineteenth" => Ordinal(19),
        b"twentieth" => Ordinal(20),
        b"thirtieth" => Ordinal(30),
        b"fortieth" => Ordinal(40),
        b"fiftieth" => Ordinal(50),
        b"sixtieth" => Ordinal(60),
        b"seventieth" => Ordinal(70),
        b"eightieth" => Ordinal(80),
        b"ninetieth" => Ordinal(90),
        b"hundredth" => Ordinal(100),
        b"minute" | b"minutes" => Unit(TimeUnit::Minute),
        b"hour" | b"hours" => Unit(TimeUnit::Hour),
        b"day" => Day,
        b"days" => Unit(TimeUnit::Day),
        b"week" => Week,
        b"weeks" => Unit(TimeUnit::Week),
        b"month" => MonthWord,
        b"months" => Unit(TimeUnit::Month),
        b"year" => Year,
        b"years" => Unit(TimeUnit::Year),
        b"decade" | b"decades" => Unit(TimeUnit::Decade),
        b"century" | b"centuries" => Unit(TimeUnit::Century),
        b"spring" => Season(super::Season::Spring),
        b"summer" => Season(super::Season::Summer),
        b"fall" | b"autumn" => Season(super::Season::Fall),
        b"winter" => Season(super::Season::Winter),
        b"last" => Last,
        b"this" => This,
        b"next" => Next,
        b"coming" => Coming,
        b"past" => Past,
        b"previous" | b"prior" | b"preceding" => Previous,
        b"following" => Following,
        b"ago" => Ago,
        b"earlier" => Earlier,
        b"later" => Later,
        b"early" => Early,
        b"mid" => Mid,
        b"late" => Late,
        b"end" => End,
        b"beginning" | b"start" => Beginning,
        b"half" => Half,
        b"quarter" => Quarter,
        b"yesterday" => Yesterday,
        b"today" => Today,
        b"tomorrow" => Tomorrow,
        b"tonight" => Tonight,
        b"the" => The,
        b"a" | b"an" => A,
        b"in" => In,
        b"on" => On,
        b"of" => Of,
        b"and" => And,
        b"or" => Or,
        b"to" => To,
        b"through" | b"till" => Through,
        b"fiscal" => Fiscal,
        b"as" => As,
        b"before" => Before,
        b"after" => After,
        b"since" => Since,
        b"until" => Until,
        b"during" => During,
        b"by" => By,
        b"from" => From,
        b"between" => Between,
        b"current" => Current,
        b"latest" => Latest,
        b"recent" => Recent,
        b"most" => Most,
        b"about" | b"around" | b"some" | b"approximately" | b"roughly" => About,
        b"nearly" | b"almost" => Nearly,
        b"more" => More,
        b"than" => Than,
        b"over" => Over,
        b"at" => At,
        b"least" => Least,
        b"less" | b"fewer" => Less,
        b"under" => Under,
        b"up" => Up,
        b"several" | b"many" | b"numerous" => Several,
        b"few" => Few,
        b"dozens" | b"hundreds" | b"thousands" | b"millions" | b"billions" | b"tens" => Dozens,
        b"weekend" => Weekend,
        _ => Other,
    }
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
    fn decimals_are_one_number() {
        let t = toks("2.5 million");
        assert_eq!(t.len(), 2);
        assert!(matches!(t[0].kind, Kind::Num { value, .. } if (value - 2.5).abs() < 1e-9));
    }
}
