//! Tense and modality of the clause around a claim.
//!
//! The sentence is cut into clauses at semicolons, colons, brackets, quotes, dashes, comma +
//! conjunction, subordinators ("while", "when", "as", "after", …) and "that" after a reporting
//! verb. Inside the clause the verb group nearest before the claim decides (English puts the
//! governing verb before its time adverbial); failing that, the first one after it. A clause
//! with no verb at all ("“in the second half of April.”") borrows the tense of its neighbours,
//! left first.

use super::token::{Kind, Tok, WordTable};
use super::{Span, Tense};

#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    start: usize,
    text: &'a str,
    flags: u32,
    /// Punctuation that ends a clause sits before this word.
    boundary_before: bool,
}

/// The tense of the clause of `sentence` that holds byte `at` (offsets into `text`).
pub fn clause_tense(text: &str, sentence: Span, at: usize) -> Tense {
    Analysis::new(text, sentence).tense_at(at).0
}

/// A sentence cut into clauses, with the verb groups of each: computed once per sentence and
/// asked for every claim in it. Its buffers are reused from one sentence to the next.
pub(crate) struct Analysis<'a> {
    pub sentence: Span,
    /// Words and commas of the sentence.
    words: Vec<Word<'a>>,
    /// Index of the first word of each clause.
    cuts: Vec<usize>,
    /// (byte position, tense) of the verb groups, clause after clause.
    markers: Vec<(usize, Tense)>,
    /// For each clause, its range in `markers`.
    clause_markers: Vec<(usize, usize)>,
}

impl<'a> Analysis<'a> {
    pub fn new(text: &'a str, sentence: Span) -> Self {
        let mut analysis = Analysis::empty();
        analysis.reset(text, sentence);
        analysis
    }

    pub fn empty() -> Self {
        Analysis {
            sentence: Span::new(0, 0),
            words: Vec::new(),
            cuts: Vec::new(),
            markers: Vec::new(),
            clause_markers: Vec::new(),
        }
    }

    /// Analyses `sentence` of `text`, reusing the buffers.
    pub fn reset(&mut self, text: &'a str, sentence: Span) {
        self.sentence = sentence;
        self.words.clear();
        self.cuts.clear();
        self.markers.clear();
        self.clause_markers.clear();
        let end = sentence.end.min(text.len());
        let start = sentence.start.min(end);
        if let Some(slice) = text.get(start..end) {
            words_into(slice, start, &mut self.words);
        }
        self.finish();
    }

    /// [`Analysis::reset_from_tokens`] into new buffers.
    pub fn from_tokens(text: &'a str, sentence: Span, toks: &[Tok]) -> Self {
        let mut analysis = Analysis::empty();
        analysis.reset_from_tokens(text, sentence, toks);
        analysis
    }

    /// Analyses `sentence` of `text` from the extractor's tokens of its line (`toks`, in
    /// order, none straddling the sentence's ends), reusing the buffers: the same result as
    /// [`Analysis::reset`] without a second scan of the bytes.
    pub fn reset_from_tokens(&mut self, text: &'a str, sentence: Span, toks: &[Tok]) {
        self.sentence = sentence;
        self.words.clear();
        self.cuts.clear();
        self.markers.clear();
        self.clause_markers.clear();
        let lo = toks.partition_point(|t| t.start < sentence.start);
        let hi = toks.partition_point(|t| t.start < sentence.end);
        let toks = toks.get(lo..hi).unwrap_or(&[]);
        // At most a word a token: the buffer is grown once, not doubled word by word.
        self.words.reserve(toks.len());
        words_from_tokens(text, toks, &mut self.words);
        self.finish();
    }

    fn finish(&mut self) {
        if self.words.is_empty() {
            return;
        }
        clause_starts(&self.words, &mut self.cuts);
        for k in 0..self.cuts.len() {
            let to = self.cuts.get(k + 1).copied().unwrap_or(self.words.len());
            let from = self.markers.len();
            markers(&self.words[self.cuts[k]..to], &mut self.markers);
            self.clause_markers.push((from, self.markers.len()));
        }
    }

    fn clause(&self, k: usize) -> &[(usize, Tense)] {
        self.clause_markers
            .get(k)
            .and_then(|&(from, to)| self.markers.get(from..to))
            .unwrap_or(&[])
    }

    /// The tense of the clause holding byte `at`, and whether the clause itself gave it
    /// (false when it was borrowed from a neighbouring clause, a weaker clue).
    pub fn tense_at(&self, at: usize) -> (Tense, bool) {
        if self.cuts.is_empty() {
            return (Tense::Unknown, false);
        }
        // The clause holding `at`: the last cut at or before the first word at/after `at`.
        let at_word = self.words.partition_point(|w| w.start < at);
        let clause = self
            .cuts
            .iter()
            .rposition(|&c| c <= at_word)
            .unwrap_or(0)
            .min(self.cuts.len() - 1);
        let found = self.clause(clause);
        if let Some(t) = found
            .iter()
            .rev()
            .find(|m| m.0 < at)
            .or_else(|| found.iter().find(|m| m.0 >= at))
        {
            return (t.1, true);
        }
        // A verbless clause: borrow from the nearest clause that has a verb, left first.
        for distance in 1..self.cuts.len() {
            if let Some(m) = clause
                .checked_sub(distance)
                .and_then(|left| self.clause(left).last())
            {
                // A verbless continuation ("…, president and chief executive in March") goes
                // with the verb before it.
                return (m.1, true);
            }
            if let Some(m) = self.clause(clause + distance).first() {
                // A fronted adverbial ("In January, a bomb killed …") is the main clause's.
                return (m.1, clause == 0);
            }
        }
        (Tense::Unknown, false)
    }
}

/// The clause analyses of some sentences of one text, in text order: worked out once, for
/// the claims in them, and asked again for anything else there.
#[derive(Default)]
pub(crate) struct Clauses<'a> {
    analysed: Vec<Analysis<'a>>,
}

impl<'a> Clauses<'a> {
    /// Keeps the analysis of the sentence after the last one kept.
    pub fn extend(&mut self, analysis: Option<Analysis<'a>>) {
        self.analysed.extend(analysis);
    }

    /// The tense at byte `at`, from the analysis of the sentence (or stretch of one) holding
    /// it; unknown where none was analysed.
    pub fn tense_of(&self, at: usize) -> Tense {
        let index = self
            .analysed
            .partition_point(|analysis| analysis.sentence.end <= at);
        self.analysed
            .get(index)
            .filter(|analysis| analysis.sentence.start <= at)
            .map_or(Tense::Unknown, |analysis| analysis.tense_at(at).0)
    }

    /// The tense at byte `at` of `sentence`, if that sentence was analysed.
    pub fn tense_at(&self, sentence: Span, at: usize) -> Option<Tense> {
        let index = self
            .analysed
            .partition_point(|analysis| analysis.sentence.start < sentence.start);
        let analysis = self.analysed.get(index)?;
        (analysis.sentence == sentence).then(|| analysis.tense_at(at).0)
    }
}

/// Words and clause-ending punctuation marks of a sentence, appended to `out`. ASCII letters
/// are scanned byte by byte; anything else goes through `char`.
fn words_into<'a>(slice: &'a str, base: usize, out: &mut Vec<Word<'a>>) {
    let bytes = slice.as_bytes();
    let mut pending_boundary = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = if b.is_ascii() {
            (char::from(b), 1)
        } else {
            match slice.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if c.is_alphabetic() {
            let mut end = i + len;
            let mut j = end;
            let mut ascii = len == 1;
            while j < bytes.len() {
                let d = bytes[j];
                if d.is_ascii_alphabetic() {
                    j += 1;
                    end = j;
                    continue;
                }
                if d.is_ascii() && d != b'\'' {
                    break;
                }
                ascii &= d.is_ascii();
                let Some(d) = slice.get(j..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                let after = j + d.len_utf8();
                let apostrophe = (d == '\'' || d == '’')
                    && slice[after..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                if d.is_alphabetic() || apostrophe {
                    j = after;
                    end = j;
                } else {
                    break;
                }
            }
            let text = &slice[i..end];
            out.push(Word {
                start: base + i,
                text,
                // An ASCII word is read in place, where its neighbours' bytes are at hand.
                flags: if ascii {
                    LEXICON.get_at(bytes, i, end)
                } else {
                    flags(text)
                },
                boundary_before: pending_boundary,
            });
            pending_boundary = false;
            i = end;
            continue;
        }
        if matches!(
            c,
            ';' | ':' | '(' | ')' | '“' | '”' | '"' | '—' | '–' | '[' | ']'
        ) {
            pending_boundary = true;
        } else if c == ',' {
            // Remembered as a weak boundary: only a following conjunction makes it a cut.
            out.push(Word {
                start: base + i,
                text: ",",
                flags: 0,
                boundary_before: pending_boundary,
            });
            pending_boundary = false;
        }
        i += len;
    }
}

/// The words of [`words_into`], from the extractor's tokens: a word token is a word, except
/// that the tokenizer splits a possessive off ("Friday" "'" "s") where a word here keeps it
/// ("Friday's"), so touching word–apostrophe–word runs are joined; the commas inside a number
/// ("7,000") count, as they do in the byte scan.
fn words_from_tokens<'a>(text: &'a str, toks: &[Tok], out: &mut Vec<Word<'a>>) {
    let bytes = text.as_bytes();
    let mut pending_boundary = false;
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        match t.kind {
            Kind::Word { .. } => {
                let mut end = t.end;
                let mut last = k;
                while let (Some(apostrophe), Some(next)) = (toks.get(last + 1), toks.get(last + 2))
                {
                    if apostrophe.start == end
                        && (apostrophe.is_punct('\'') || apostrophe.is_punct('’'))
                        && next.start == apostrophe.end
                        && next.is_word()
                    {
                        end = next.end;
                        last += 2;
                    } else {
                        break;
                    }
                }
                let word = text.get(t.start..end).unwrap_or("");
                let flags = if word.is_ascii() {
                    LEXICON.get_at(bytes, t.start, end)
                } else {
                    flags(word)
                };
                out.push(Word {
                    start: t.start,
                    text: word,
                    flags,
                    boundary_before: pending_boundary,
                });
                pending_boundary = false;
                k = last + 1;
                continue;
            }
            Kind::Num { plain: false, .. } => {
                for (off, &b) in bytes[t.start..t.end].iter().enumerate() {
                    if b == b',' {
                        out.push(Word {
                            start: t.start + off,
                            text: ",",
                            flags: 0,
                            boundary_before: pending_boundary,
                        });
                        pending_boundary = false;
                    }
                }
            }
            Kind::Num { .. } => {}
            Kind::Punct(c) => {
                if matches!(
                    c,
                    ';' | ':' | '(' | ')' | '“' | '”' | '"' | '—' | '–' | '[' | ']'
                ) {
                    pending_boundary = true;
                } else if c == ',' {
                    out.push(Word {
                        start: t.start,
                        text: ",",
                        flags: 0,
                        boundary_before: pending_boundary,
                    });
                    pending_boundary = false;
                }
            }
        }
        k += 1;
    }
}

/// The reference version of [`words_into`], char by char: the two must agree.
#[cfg(test)]
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
                flags: flags(&slice[off..end]),
                boundary_before: pending_boundary,
            });
            pending_boundary = false;
        } else if matches!(
            c,
            ';' | ':' | '(' | ')' | '“' | '”' | '"' | '—' | '–' | '[' | ']'
        ) {
            pending_boundary = true;
        } else if c == ',' {
            out.push(Word {
                start: base + off,
                text: ",",
                flags: 0,
                boundary_before: pending_boundary,
            });
            pending_boundary = false;
        }
    }
    out
}

const FUTURE_MODALS_F: u32 = 1 << 0;
const CONDITIONAL_MODALS_F: u32 = 1 << 1;
const FUTURE_TO_F: u32 = 1 << 2;
const PAST_AUX_F: u32 = 1 << 3;
const PRESENT_AUX_F: u32 = 1 << 4;
const PERFECT_AUX_F: u32 = 1 << 5;
const PRESENT_VERBS_F: u32 = 1 << 6;
const IRREGULAR_PAST_F: u32 = 1 << 7;
const NOT_PAST_F: u32 = 1 << 8;
const REPORTING_F: u32 = 1 << 9;
const SUBORDINATORS_F: u32 = 1 << 10;
const CONJUNCTIONS_F: u32 = 1 << 11;
const PARTICIPLES_F: u32 = 1 << 12;
const FILLERS_F: u32 = 1 << 13;

/// The lists a word belongs to, case-insensitively: one hash-table probe (see [`LEXICON`]),
/// which matters: every word of every sentence holding a claim goes through it.
fn flags(word: &str) -> u32 {
    if word.is_ascii() {
        return LEXICON.get_at(word.as_bytes(), 0, word.len());
    }
    // "won’t": the typographic apostrophe reads as the plain one; other non-ASCII words are
    // in no list.
    let mut buf = [0u8; 16];
    let mut len = 0;
    for c in word.chars() {
        let c = if c == '’' { '\'' } else { c };
        if !c.is_ascii() || len == buf.len() {
            return 0;
        }
        buf[len] = (c as u8).to_ascii_lowercase();
        len += 1;
    }
    LEXICON.get_lower(&buf[..len])
}

/// The lists above, merged into one table of flags per lowercase word (keep them in sync: a
/// test checks it).
static LEXICON: WordTable<u32> = WordTable::build(LEXICON_ENTRIES, 0);

const LEXICON_ENTRIES: &[(&[u8], u32)] = &[
    (b"about", FUTURE_TO_F),
    (b"acknowledged", REPORTING_F),
    (b"added", REPORTING_F),
    (b"admitted", REPORTING_F),
    (b"after", SUBORDINATORS_F),
    (b"agree", FUTURE_TO_F),
    (b"agreed", FUTURE_TO_F | REPORTING_F),
    (b"agrees", FUTURE_TO_F),
    (b"aim", FUTURE_TO_F),
    (b"aimed", FUTURE_TO_F),
    (b"aiming", FUTURE_TO_F),
    (b"aims", FUTURE_TO_F),
    (b"already", FILLERS_F),
    (b"also", FILLERS_F),
    (b"although", SUBORDINATORS_F),
    (b"am", PRESENT_AUX_F),
    (b"and", CONJUNCTIONS_F),
    (b"announced", REPORTING_F),
    (b"announces", REPORTING_F),
    (b"appears", PRESENT_VERBS_F),
    (b"are", PRESENT_AUX_F),
    (b"aren't", PRESENT_AUX_F),
    (b"argued", REPORTING_F),
    (b"arose", IRREGULAR_PAST_F),
    (b"as", CONJUNCTIONS_F),
    (b"ate", IRREGULAR_PAST_F),
    (b"awoke", IRREGULAR_PAST_F),
    (b"be", FILLERS_F),
    (b"beat", IRREGULAR_PAST_F),
    (b"beaten", PARTICIPLES_F),
    (b"became", IRREGULAR_PAST_F),
    (b"because", SUBORDINATORS_F),
    (b"become", PARTICIPLES_F),
    (b"bed", NOT_PAST_F),
    (b"been", FILLERS_F | PARTICIPLES_F),
    (b"befell", IRREGULAR_PAST_F),
    (b"before", SUBORDINATORS_F),
    (b"began", IRREGULAR_PAST_F),
    (b"begun", PARTICIPLES_F),
    (b"being", FILLERS_F),
    (b"believe", PRESENT_VERBS_F | REPORTING_F),
    (b"believed", REPORTING_F),
    (b"believes", PRESENT_VERBS_F | REPORTING_F),
    (b"bent", IRREGULAR_PAST_F),
    (b"bid", IRREGULAR_PAST_F),
    (b"bled", IRREGULAR_PAST_F),
    (b"bleed", NOT_PAST_F),
    (b"blew", IRREGULAR_PAST_F),
    (b"bore", IRREGULAR_PAST_F),
    (b"bought", IRREGULAR_PAST_F),
    (b"bred", IRREGULAR_PAST_F),
    (b"breed", NOT_PAST_F),
    (b"broke", IRREGULAR_PAST_F),
    (b"broken", PARTICIPLES_F),
    (b"brought", IRREGULAR_PAST_F),
    (b"built", IRREGULAR_PAST_F),
    (b"but", CONJUNCTIONS_F),
    (b"calls", PRESENT_VERBS_F),
    (b"came", IRREGULAR_PAST_F),
    (b"caught", IRREGULAR_PAST_F),
    (b"chose", IRREGULAR_PAST_F),
    (b"chosen", PARTICIPLES_F),
    (b"claimed", REPORTING_F),
    (b"clung", IRREGULAR_PAST_F),
    (b"confirmed", REPORTING_F),
    (b"considers", PRESENT_VERBS_F),
    (b"continues", PRESENT_VERBS_F),
    (b"could", PAST_AUX_F),
    (b"couldn't", PAST_AUX_F),
    (b"creed", NOT_PAST_F),
    (b"crept", IRREGULAR_PAST_F),
    (b"dealt", IRREGULAR_PAST_F),
    (b"decide", FUTURE_TO_F),
    (b"decided", FUTURE_TO_F),
    (b"decides", FUTURE_TO_F),
    (b"declared", REPORTING_F),
    (b"deed", NOT_PAST_F),
    (b"denied", REPORTING_F),
    (b"did", IRREGULAR_PAST_F | PAST_AUX_F),
    (b"didn't", PAST_AUX_F),
    (b"do", PRESENT_AUX_F),
    (b"does", PRESENT_AUX_F),
    (b"doesn't", PRESENT_AUX_F),
    (b"don't", PRESENT_AUX_F),
    (b"done", PARTICIPLES_F),
    (b"drank", IRREGULAR_PAST_F),
    (b"drew", IRREGULAR_PAST_F),
    (b"driven", PARTICIPLES_F),
    (b"drove", IRREGULAR_PAST_F),
    (b"due", FUTURE_TO_F),
    (b"dug", IRREGULAR_PAST_F),
    (b"eaten", PARTICIPLES_F),
    (b"embed", NOT_PAST_F),
    (b"estimated", REPORTING_F),
    (b"exceed", NOT_PAST_F),
    (b"exists", PRESENT_VERBS_F),
    (b"expect", FUTURE_TO_F),
    (b"expected", FUTURE_TO_F | REPORTING_F),
    (b"expects", FUTURE_TO_F | PRESENT_VERBS_F | REPORTING_F),
    (b"explained", REPORTING_F),
    (b"faces", PRESENT_VERBS_F),
    (b"fallen", PARTICIPLES_F),
    (b"fed", IRREGULAR_PAST_F),
    (b"feed", NOT_PAST_F),
    (b"fell", IRREGULAR_PAST_F),
    (b"felt", IRREGULAR_PAST_F),
    (b"fled", IRREGULAR_PAST_F),
    (b"flew", IRREGULAR_PAST_F),
    (b"flown", PARTICIPLES_F),
    (b"forbade", IRREGULAR_PAST_F),
    (b"foresaw", IRREGULAR_PAST_F),
    (b"forgave", IRREGULAR_PAST_F),
    (b"forgot", IRREGULAR_PAST_F),
    (b"forgotten", PARTICIPLES_F),
    (b"forsook", IRREGULAR_PAST_F),
    (b"fought", IRREGULAR_PAST_F),
    (b"found", IRREGULAR_PAST_F),
    (b"froze", IRREGULAR_PAST_F),
    (b"frozen", PARTICIPLES_F),
    (b"gave", IRREGULAR_PAST_F),
    (b"given", PARTICIPLES_F),
    (b"going", FUTURE_TO_F),
    (b"gone", PARTICIPLES_F),
    (b"got", IRREGULAR_PAST_F),
    (b"greed", NOT_PAST_F),
    (b"grew", IRREGULAR_PAST_F),
    (b"grown", PARTICIPLES_F),
    (b"had", PAST_AUX_F),
    (b"hadn't", PAST_AUX_F),
    (b"has", PERFECT_AUX_F),
    (b"hasn't", PERFECT_AUX_F),
    (b"have", PERFECT_AUX_F),
    (b"haven't", PERFECT_AUX_F),
    (b"heard", IRREGULAR_PAST_F),
    (b"heed", NOT_PAST_F),
    (b"held", IRREGULAR_PAST_F | PARTICIPLES_F),
    (b"hid", IRREGULAR_PAST_F),
    (b"hidden", PARTICIPLES_F),
    (b"holds", PRESENT_VERBS_F),
    (b"hope", FUTURE_TO_F | REPORTING_F),
    (b"hoped", FUTURE_TO_F | REPORTING_F),
    (b"hopes", FUTURE_TO_F | PRESENT_VERBS_F | REPORTING_F),
    (b"hundred", NOT_PAST_F),
    (b"hung", IRREGULAR_PAST_F),
    (b"if", SUBORDINATORS_F),
    (b"includes", PRESENT_VERBS_F),
    (b"indeed", NOT_PAST_F),
    (b"indicated", REPORTING_F),
    (b"insisted", REPORTING_F),
    (b"intend", FUTURE_TO_F),
    (b"intended", FUTURE_TO_F),
    (b"intending", FUTURE_TO_F),
    (b"intends", FUTURE_TO_F),
    (b"is", PRESENT_AUX_F),
    (b"isn't", PRESENT_AUX_F),
    (b"just", FILLERS_F),
    (b"kept", IRREGULAR_PAST_F),
    (b"knew", IRREGULAR_PAST_F | REPORTING_F),
    (b"know", REPORTING_F),
    (b"known", PARTICIPLES_F),
    (b"knows", PRESENT_VERBS_F),
    (b"laid", IRREGULAR_PAST_F),
    (b"lasts", PRESENT_VERBS_F),
    (b"learned", REPORTING_F),
    (b"led", IRREGULAR_PAST_F),
    (b"left", IRREGULAR_PAST_F),
    (b"lent", IRREGULAR_PAST_F),
    (b"likely", FUTURE_TO_F),
    (b"lit", IRREGULAR_PAST_F),
    (b"lost", IRREGULAR_PAST_F),
    (b"made", IRREGULAR_PAST_F),
    (b"may", CONDITIONAL_MODALS_F),
    (b"means", PRESENT_VERBS_F),
    (b"meant", IRREGULAR_PAST_F),
    (b"met", IRREGULAR_PAST_F),
    (b"might", CONDITIONAL_MODALS_F),
    (b"misled", IRREGULAR_PAST_F),
    (b"mistook", IRREGULAR_PAST_F),
    (b"must", CONDITIONAL_MODALS_F),
    (b"n't", FILLERS_F),
    (b"need", NOT_PAST_F | PRESENT_VERBS_F),
    (b"needs", PRESENT_VERBS_F),
    (b"never", FILLERS_F),
    (b"nor", CONJUNCTIONS_F),
    (b"not", FILLERS_F),
    (b"noted", REPORTING_F),
    (b"now", FILLERS_F),
    (b"once", SUBORDINATORS_F),
    (b"or", CONJUNCTIONS_F),
    (b"outgrew", IRREGULAR_PAST_F),
    (b"overcame", IRREGULAR_PAST_F),
    (b"overran", IRREGULAR_PAST_F),
    (b"oversaw", IRREGULAR_PAST_F),
    (b"overthrew", IRREGULAR_PAST_F),
    (b"overtook", IRREGULAR_PAST_F),
    (b"paid", IRREGULAR_PAST_F),
    (b"plan", FUTURE_TO_F),
    (b"planned", FUTURE_TO_F),
    (b"planning", FUTURE_TO_F),
    (b"plans", FUTURE_TO_F | PRESENT_VERBS_F),
    (b"pledge", FUTURE_TO_F),
    (b"pledged", FUTURE_TO_F | REPORTING_F),
    (b"pledges", FUTURE_TO_F),
    (b"poised", FUTURE_TO_F),
    (b"predicted", REPORTING_F),
    (b"preparing", FUTURE_TO_F),
    (b"proceed", NOT_PAST_F),
    (b"promise", FUTURE_TO_F),
    (b"promised", FUTURE_TO_F | REPORTING_F),
    (b"promises", FUTURE_TO_F),
    (b"ran", IRREGULAR_PAST_F),
    (b"rang", IRREGULAR_PAST_F),
    (b"rebuilt", IRREGULAR_PAST_F),
    (b"red", NOT_PAST_F),
    (b"reed", NOT_PAST_F),
    (b"remain", PRESENT_VERBS_F),
    (b"remains", PRESENT_VERBS_F),
    (b"reported", REPORTING_F),
    (b"reportedly", FILLERS_F),
    (b"reports", REPORTING_F),
    (b"retook", IRREGULAR_PAST_F),
    (b"revealed", REPORTING_F),
    (b"ridden", PARTICIPLES_F),
    (b"risen", PARTICIPLES_F),
    (b"rode", IRREGULAR_PAST_F),
    (b"rose", IRREGULAR_PAST_F),
    (b"said", IRREGULAR_PAST_F | REPORTING_F),
    (b"sang", IRREGULAR_PAST_F),
    (b"sank", IRREGULAR_PAST_F),
    (b"sat", IRREGULAR_PAST_F),
    (b"saw", IRREGULAR_PAST_F),
    (b"say", PRESENT_VERBS_F | REPORTING_F),
    (b"says", PRESENT_VERBS_F | REPORTING_F),
    (b"scheduled", FUTURE_TO_F),
    (b"seed", NOT_PAST_F),
    (b"seek", PRESENT_VERBS_F),
    (b"seeks", PRESENT_VERBS_F),
    (b"seems", PRESENT_VERBS_F),
    (b"seen", PARTICIPLES_F),
    (b"sees", PRESENT_VERBS_F),
    (b"sent", IRREGULAR_PAST_F),
    (b"set", FUTURE_TO_F),
    (b"shall", FUTURE_MODALS_F),
    (b"shed", NOT_PAST_F),
    (b"shone", IRREGULAR_PAST_F),
    (b"shook", IRREGULAR_PAST_F),
    (b"shot", IRREGULAR_PAST_F),
    (b"should", CONDITIONAL_MODALS_F),
    (b"shown", PARTICIPLES_F),
    (b"shows", PRESENT_VERBS_F),
    (b"shrank", IRREGULAR_PAST_F),
    (b"since", CONJUNCTIONS_F),
    (b"slated", FUTURE_TO_F),
    (b"slept", IRREGULAR_PAST_F),
    (b"slid", IRREGULAR_PAST_F),
    (b"slung", IRREGULAR_PAST_F),
    (b"so", CONJUNCTIONS_F),
    (b"sold", IRREGULAR_PAST_F),
    (b"sought", IRREGULAR_PAST_F),
    (b"sped", IRREGULAR_PAST_F),
    (b"speed", NOT_PAST_F),
    (b"spent", IRREGULAR_PAST_F),
    (b"spoke", IRREGULAR_PAST_F),
    (b"spoken", PARTICIPLES_F),
    (b"sprang", IRREGULAR_PAST_F),
    (b"spun", IRREGULAR_PAST_F),
    (b"stated", REPORTING_F),
    (b"steed", NOT_PAST_F),
    (b"still", FILLERS_F),
    (b"stole", IRREGULAR_PAST_F),
    (b"stolen", PARTICIPLES_F),
    (b"stood", IRREGULAR_PAST_F),
    (b"strode", IRREGULAR_PAST_F),
    (b"strove", IRREGULAR_PAST_F),
    (b"struck", IRREGULAR_PAST_F),
    (b"strung", IRREGULAR_PAST_F),
    (b"stuck", IRREGULAR_PAST_F),
    (b"stung", IRREGULAR_PAST_F),
    (b"succeed", NOT_PAST_F),
    (b"suggest", REPORTING_F),
    (b"suggested", REPORTING_F),
    (b"suggests", PRESENT_VERBS_F | REPORTING_F),
    (b"swam", IRREGULAR_PAST_F),
    (b"swept", IRREGULAR_PAST_F),
    (b"swore", IRREGULAR_PAST_F),
    (b"sworn", PARTICIPLES_F),
    (b"swung", IRREGULAR_PAST_F),
    (b"taken", PARTICIPLES_F),
    (b"taught", IRREGULAR_PAST_F),
    (b"tells", PRESENT_VERBS_F | REPORTING_F),
    (b"then", CONJUNCTIONS_F | FILLERS_F),
    (b"think", PRESENT_VERBS_F | REPORTING_F),
    (b"thinks", PRESENT_VERBS_F | REPORTING_F),
    (b"though", SUBORDINATORS_F),
    (b"thought", IRREGULAR_PAST_F | REPORTING_F),
    (b"threaten", FUTURE_TO_F),
    (b"threatened", FUTURE_TO_F),
    (b"threatens", FUTURE_TO_F),
    (b"threw", IRREGULAR_PAST_F),
    (b"thrown", PARTICIPLES_F),
    (b"told", IRREGULAR_PAST_F | REPORTING_F),
    (b"took", IRREGULAR_PAST_F),
    (b"tore", IRREGULAR_PAST_F),
    (b"trod", IRREGULAR_PAST_F),
    (b"understood", IRREGULAR_PAST_F),
    (b"undertook", IRREGULAR_PAST_F),
    (b"underwent", IRREGULAR_PAST_F),
    (b"united", NOT_PAST_F),
    (b"unless", SUBORDINATORS_F),
    (b"until", SUBORDINATORS_F),
    (b"upheld", IRREGULAR_PAST_F),
    (b"vowed", FUTURE_TO_F | REPORTING_F),
    (b"want", FUTURE_TO_F | PRESENT_VERBS_F),
    (b"wants", FUTURE_TO_F | PRESENT_VERBS_F),
    (b"warned", REPORTING_F),
    (b"was", PAST_AUX_F),
    (b"wasn't", PAST_AUX_F),
    (b"wed", NOT_PAST_F),
    (b"weed", NOT_PAST_F),
    (b"went", IRREGULAR_PAST_F),
    (b"wept", IRREGULAR_PAST_F),
    (b"were", PAST_AUX_F),
    (b"weren't", PAST_AUX_F),
    (b"when", SUBORDINATORS_F),
    (b"where", SUBORDINATORS_F),
    (b"whereas", SUBORDINATORS_F),
    (b"which", SUBORDINATORS_F),
    (b"while", SUBORDINATORS_F),
    (b"who", SUBORDINATORS_F),
    (b"will", FUTURE_MODALS_F),
    (b"withdrew", IRREGULAR_PAST_F),
    (b"withheld", IRREGULAR_PAST_F),
    (b"withstood", IRREGULAR_PAST_F),
    (b"woke", IRREGULAR_PAST_F),
    (b"woken", PARTICIPLES_F),
    (b"won", IRREGULAR_PAST_F),
    (b"won't", FUTURE_MODALS_F),
    (b"wore", IRREGULAR_PAST_F),
    (b"worn", PARTICIPLES_F),
    (b"would", CONDITIONAL_MODALS_F),
    (b"wouldn't", CONDITIONAL_MODALS_F),
    (b"written", PARTICIPLES_F),
    (b"wrote", IRREGULAR_PAST_F),
    (b"yet", CONJUNCTIONS_F),
];

fn lower_is(word: &str, options: &[&str]) -> bool {
    options.iter().any(|o| o.eq_ignore_ascii_case(word))
}

#[cfg_attr(not(test), allow(dead_code))]
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

#[cfg_attr(not(test), allow(dead_code))]
const SUBORDINATORS: &[&str] = &[
    "while", "whereas", "when", "because", "although", "though", "if", "unless", "which", "who",
    "where", "after", "before", "until", "once",
];

#[cfg_attr(not(test), allow(dead_code))]
const CONJUNCTIONS: &[&str] = &[
    "and", "but", "or", "so", "then", "yet", "as", "since", "nor",
];

/// Indices (into `words`) where clauses start, into `cuts`; always begins with 0.
fn clause_starts(words: &[Word], cuts: &mut Vec<usize>) {
    cuts.push(0);
    for k in 1..words.len() {
        let w = words[k];
        let prev = words[k - 1];
        let cut = if w.boundary_before {
            true
        } else if w.text == "," {
            false
        } else if (prev.text == "," && w.flags & CONJUNCTIONS_F != 0)
            || w.flags & SUBORDINATORS_F != 0
        {
            true
        } else if w.text.eq_ignore_ascii_case("as") {
            as_is_conjunction(words, k)
        } else if w.text.eq_ignore_ascii_case("that") {
            prev.text == ","
                || words[k.saturating_sub(4)..k]
                    .iter()
                    .any(|p| p.flags & REPORTING_F != 0)
        } else {
            false
        };
        if cut && cuts.last() != Some(&k) {
            cuts.push(k);
        }
    }
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

#[cfg_attr(not(test), allow(dead_code))]
const FUTURE_MODALS: &[&str] = &["will", "shall", "won't", "won’t"];
#[cfg_attr(not(test), allow(dead_code))]
const CONDITIONAL_MODALS: &[&str] = &[
    "would",
    "might",
    "may",
    "should",
    "wouldn't",
    "wouldn’t",
    "must",
];
/// Verbs that, followed by "to", announce a future event.
#[cfg_attr(not(test), allow(dead_code))]
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
    "planned",
    "hoped",
    "aimed",
    "agreed",
    "agree",
    "agrees",
    "promised",
    "promise",
    "promises",
    "pledged",
    "pledge",
    "pledges",
    "decided",
    "decide",
    "decides",
    "intended",
    "threatened",
    "threaten",
    "threatens",
];
#[cfg_attr(not(test), allow(dead_code))]
const PAST_AUX: &[&str] = &[
    "was", "were", "had", "did", "wasn't", "weren't", "didn't", "hadn't", "could", "couldn't",
];
#[cfg_attr(not(test), allow(dead_code))]
const PRESENT_AUX: &[&str] = &[
    "is", "are", "am", "isn't", "aren't", "does", "doesn't", "do", "don't",
];
#[cfg_attr(not(test), allow(dead_code))]
const PERFECT_AUX: &[&str] = &["has", "have", "hasn't", "haven't"];
#[cfg_attr(not(test), allow(dead_code))]
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
#[cfg_attr(not(test), allow(dead_code))]
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
    "tore",
    "bent",
    "bled",
    "blew",
    "bred",
    "clung",
    "crept",
    "dug",
    "drank",
    "forbade",
    "forgave",
    "froze",
    "lent",
    "mistook",
    "rode",
    "shone",
    "shrank",
    "sprang",
    "strode",
    "strove",
    "swung",
    "sped",
    "trod",
    "overcame",
    "oversaw",
    "withheld",
    "upheld",
    "foresaw",
    "awoke",
    "befell",
    "outgrew",
    "overran",
    "overthrew",
    "rebuilt",
    "retook",
    "underwent",
    "withstood",
    "slung",
    "strung",
    "forsook",
    "misled",
];
/// Words ending in "-ed" that are not past verbs.
#[cfg_attr(not(test), allow(dead_code))]
const NOT_PAST: &[&str] = &[
    "need", "indeed", "speed", "hundred", "seed", "feed", "exceed", "proceed", "succeed", "breed",
    "greed", "shed", "united", "red", "bed", "embed", "wed", "steed", "weed", "deed", "creed",
    "bleed", "heed", "reed",
];

fn is_ed_past(word: &str, flags: u32) -> bool {
    word.len() >= 4
        && word.ends_with("ed")
        // "unspecified", "undisclosed", "unnamed": adjectives, not verbs.
        && !(word.starts_with("un") && word.len() > 8)
        && word.chars().next().is_some_and(char::is_lowercase)
        && flags & NOT_PAST_F == 0
}

#[cfg_attr(not(test), allow(dead_code))]
const PARTICIPLES: &[&str] = &[
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
];
#[cfg_attr(not(test), allow(dead_code))]
const FILLERS: &[&str] = &[
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
];

fn is_participle(w: &Word) -> bool {
    is_ed_past(w.text, w.flags) || w.flags & (IRREGULAR_PAST_F | PARTICIPLES_F) != 0
}

fn is_filler(w: &Word) -> bool {
    w.text.ends_with("ly") || w.flags & FILLERS_F != 0
}

/// (byte position, tense) of each verb group in the words, in order, appended to `out`.
fn markers(words: &[Word], out: &mut Vec<(usize, Tense)>) {
    let mut k = 0;
    while k < words.len() {
        let w = words[k].text;
        let f = words[k].flags;
        let nf = words.get(k + 1).map_or(0, |n| n.flags);
        let nf2 = words.get(k + 2).map_or(0, |n| n.flags);
        let pos = words[k].start;
        let next = words.get(k + 1).map_or("", |n| n.text);
        let next2 = words.get(k + 2).map_or("", |n| n.text);
        let lower_first = w.chars().next().is_some_and(char::is_lowercase);
        let tense = if (f & FUTURE_MODALS_F != 0) || w.ends_with("'ll") || w.ends_with("’ll") {
            Some(Tense::Future)
        } else if (lower_first && f & CONDITIONAL_MODALS_F != 0)
            || w.ends_with("'d")
            || w.ends_with("’d")
        {
            Some(Tense::Conditional)
        } else if lower_is(w, &["soon", "upcoming"]) {
            Some(Tense::Future)
        } else if (f & FUTURE_TO_F != 0)
            && next.eq_ignore_ascii_case("to")
            && future_to_ok(words, k)
        {
            Some(future_or_conditional(words, k))
        } else if ((f & PRESENT_AUX_F != 0) || (f & PAST_AUX_F != 0))
            && (((nf & FUTURE_TO_F != 0) && next2.eq_ignore_ascii_case("to"))
                || (words.get(k + 1).is_some_and(is_filler)
                    && (nf2 & FUTURE_TO_F != 0)
                    && words
                        .get(k + 3)
                        .is_some_and(|n| n.text.eq_ignore_ascii_case("to"))))
        {
            // "is expected to", "was scheduled to": one group, decided at the verb.
            k += 1;
            continue;
        } else if ((f & PRESENT_AUX_F != 0) || (f & PAST_AUX_F != 0))
            && next.eq_ignore_ascii_case("to")
            && lower_is(w, &["is", "are", "was", "were"])
            && next2.chars().next().is_some_and(char::is_lowercase)
        {
            // "is to resume trading Tuesday": an arrangement, the future (seen from the past
            // after "was").
            if f & PAST_AUX_F != 0 {
                Some(Tense::Conditional)
            } else {
                Some(Tense::Future)
            }
        } else if f & PERFECT_AUX_F != 0 {
            let verb = words[k + 1..].iter().find(|w| !is_filler(w));
            if verb.is_some_and(|v| schedules(v.text)) {
                // "has scheduled a news conference Thursday".
                Some(Tense::Conditional)
            } else if next_participle(words, k + 1) {
                Some(Tense::Past)
            } else {
                Some(Tense::Present)
            }
        } else if f & PAST_AUX_F != 0 {
            Some(Tense::Past)
        } else if f & PRESENT_AUX_F != 0 {
            Some(Tense::Present)
        } else if lower_first && ((f & IRREGULAR_PAST_F != 0) || is_ed_past(w, f)) {
            // A participle after a determiner is an adjective ("the planned trip"); after "be"
            // it is a passive ("to be completed") with no tense of its own.
            let prev = k.checked_sub(1).map_or("", |p| words[p].text);
            if lower_is(
                prev,
                &[
                    "the", "a", "an", "its", "his", "her", "their", "our", "this", "be", "been",
                    "being", "to",
                ],
            ) {
                None
            } else if schedules(w) {
                // "planned a demonstration on Saturday": the event is still to come.
                Some(Tense::Conditional)
            } else {
                Some(Tense::Past)
            }
        } else if lower_first && (f & PRESENT_VERBS_F != 0) {
            Some(Tense::Present)
        } else {
            None
        };
        if let Some(t) = tense {
            out.push((pos, t));
            // The rest of the verb group ("will be held", "has also visited") is part of it.
            k += 1;
            while k < words.len() && (is_filler(&words[k]) || is_participle(&words[k])) {
                k += 1;
            }
            continue;
        }
        k += 1;
    }
}

/// "due to" and "set to" announce the future only after a form of "be" ("is due to visit"),
/// not as a cause ("due to the war").
fn future_to_ok(words: &[Word], k: usize) -> bool {
    let w = words[k].text;
    if lower_is(w, &["due", "set", "about", "likely", "going"]) {
        let prev = k.checked_sub(1).map_or("", |p| words[p].text);
        let prev2 = k.checked_sub(2).map_or("", |p| words[p].text);
        let be = |s: &str| lower_is(s, &["is", "are", "was", "were", "be", "am", "not"]);
        // "the peace process, set to resume Monday": a reduced relative clause.
        let after_comma = prev == "," && w.eq_ignore_ascii_case("set");
        return be(prev)
            || after_comma
            || (k.checked_sub(1).is_some_and(|p| is_filler(&words[p])) && be(prev2))
            || prev.ends_with("'s")
            || prev.ends_with("’s");
    }
    true
}

/// Verbs that put their object on a calendar ahead: "scheduled a hearing for Monday".
fn schedules(verb: &str) -> bool {
    lower_is(verb, &["scheduled", "rescheduled", "planned", "slated"])
}

/// "was expected to visit" is a future seen from the past: conditional, not future.
fn future_or_conditional(words: &[Word], k: usize) -> Tense {
    let w = words[k].text;
    if lower_is(
        w,
        &[
            "vowed",
            "planned",
            "hoped",
            "aimed",
            "agreed",
            "promised",
            "pledged",
            "decided",
            "intended",
            "threatened",
        ],
    ) {
        return Tense::Conditional;
    }
    let start = k.saturating_sub(2);
    if words[start..k].iter().any(|p| p.flags & PAST_AUX_F != 0) {
        Tense::Conditional
    } else {
        Tense::Future
    }
}

fn next_participle(words: &[Word], mut k: usize) -> bool {
    while k < words.len() && is_filler(&words[k]) && !words[k].text.eq_ignore_ascii_case("been") {
        k += 1;
    }
    words.get(k).is_some_and(is_participle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_at(sentence: &str, needle: &str) -> Tense {
        let at = sentence.find(needle).expect("needle in sentence");
        clause_tense(sentence, Span::new(0, sentence.len()), at)
    }

    fn same_words(text: &str) {
        let mut fast = Vec::new();
        words_into(text, 7, &mut fast);
        let slow = words(text, 7);
        assert_eq!(fast.len(), slow.len(), "{text:?}");
        for (a, b) in fast.iter().zip(&slow) {
            assert_eq!(
                (a.start, a.text, a.flags, a.boundary_before),
                (b.start, b.text, b.flags, b.boundary_before),
                "{text:?}"
            );
        }
    }

    fn same_words_from_tokens(text: &str) {
        let mut toks = Vec::new();
        super::super::token::tokenize(text, 0, text.len(), &mut toks);
        let mut from_tokens = Vec::new();
        words_from_tokens(text, &toks, &mut from_tokens);
        let slow = words(text, 0);
        assert_eq!(from_tokens.len(), slow.len(), "{text:?}");
        for (a, b) in from_tokens.iter().zip(&slow) {
            assert_eq!(
                (a.start, a.text, a.flags, a.boundary_before),
                (b.start, b.text, b.flags, b.boundary_before),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_from_tokens_match_the_char_scan() {
        for text in [
            "He said, “it won’t be done” (soon); they didn't — rock’n’roll’s Friday's 'tis.",
            "About 7,000 and 1,000,000, or 2.5; Friday’s’x a's's ’s",
            "",
            "s",
        ] {
            same_words_from_tokens(text);
        }
    }

    #[test]
    fn the_byte_scan_of_words_matches_the_char_scan() {
        for text in [
            "He said, “it won’t be done” (soon); they didn't — rock’n’roll’s Friday's 'tis.",
            "Café owners’ union said: no",
            "",
            "a",
        ] {
            same_words(text);
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn the_byte_scan_of_words_matches_on_any_text(text in "\\PC{0,120}") {
                same_words(&text);
            }

            #[test]
            fn words_from_tokens_match_on_any_line(text in "[^\\n]{0,120}") {
                same_words_from_tokens(&text);
            }

            #[test]
            fn words_from_tokens_match_on_apostrophes(text in "(won|’|'|t|s|S|é|, |“|—| |;|7,000|2\\.5|x){0,40}") {
                same_words_from_tokens(&text);
            }

            #[test]
            fn the_byte_scan_of_words_matches_on_apostrophes(text in "(won|’|'|t|s|é|, |“|—| |;|2){0,40}") {
                same_words(&text);
            }
        }
    }

    #[test]
    fn the_lexicon_match_knows_every_listed_word() {
        for (list, bit) in [
            (FUTURE_MODALS, FUTURE_MODALS_F),
            (CONDITIONAL_MODALS, CONDITIONAL_MODALS_F),
            (FUTURE_TO, FUTURE_TO_F),
            (PAST_AUX, PAST_AUX_F),
            (PRESENT_AUX, PRESENT_AUX_F),
            (PERFECT_AUX, PERFECT_AUX_F),
            (PRESENT_VERBS, PRESENT_VERBS_F),
            (IRREGULAR_PAST, IRREGULAR_PAST_F),
            (NOT_PAST, NOT_PAST_F),
            (REPORTING, REPORTING_F),
            (SUBORDINATORS, SUBORDINATORS_F),
            (CONJUNCTIONS, CONJUNCTIONS_F),
            (PARTICIPLES, PARTICIPLES_F),
            (FILLERS, FILLERS_F),
        ] {
            for word in list {
                assert_ne!(flags(word) & bit, 0, "{word}");
                assert_ne!(flags(&word.to_uppercase()) & bit, 0, "{word}");
            }
        }
    }

    #[test]
    fn will_makes_the_clause_future() {
        assert_eq!(
            tense_at("Voss will visit on Friday.", "Friday"),
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
        let s = "State media said on Tuesday that Han would visit Estavia “in the second half of April.”";
        assert_eq!(tense_at(s, "in the second"), Tense::Conditional);
        assert_eq!(tense_at(s, "Tuesday"), Tense::Past);
    }

    #[test]
    fn expected_to_and_as_early_as_are_future() {
        let s = "Mr. Han’s comments came as media reports said Mr. Voss is expected to visit Norland as early as next week.";
        assert_eq!(tense_at(s, "as early as"), Tense::Future);
    }

    #[test]
    fn past_verbs_make_the_clause_past() {
        assert_eq!(
            tense_at(
                "Mr. Han visited Estavia last September for a meeting.",
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
                "Their first summit happened in Kestrel Bay in April 2019.",
                "April"
            ),
            Tense::Past
        );
    }

    #[test]
    fn is_set_to_and_plans_to_are_future() {
        assert_eq!(
            tense_at("The leader is set to visit Estavia.", "Estavia"),
            Tense::Future
        );
        assert_eq!(
            tense_at("He plans to travel to Estavia this month.", "this month"),
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
