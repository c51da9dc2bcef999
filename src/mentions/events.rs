//! Event mentions in one article: a trigger word of an event type, with the participants,
//! place, date, ordinal and tense its sentence gives.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::extract::{Claim, ClaimKind, DateValue, DurationClaim, Span, Tense};
use crate::pack::{EntityId, EntityKind, EventTypeId, Pack};

use super::entities::{is_hashtag, EntityMention, Naming};

/// How far before a trigger an ordinal or anaphor may stand ("their third summit meeting").
const WORDS_BEFORE_TRIGGER: usize = 4;
/// How far after a trigger "in more than two decades" may stand.
const INTERVAL_REACH: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSlot {
    pub value: DateValue,
    pub span: Span,
    /// True when resolved against the publication date.
    pub relative: bool,
}

/// What an ordinal or an interval counts: meetings between the participants, or the
/// visitor's visits to one country ("his first visit to Caldora").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Counting {
    Meetings,
    Visits,
}

/// "their third summit": the number and what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ordinal {
    pub n: u32,
    pub span: Span,
    pub counts: Counting,
}

/// "the first … in more than two decades": the stated gap to the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub duration: DurationClaim,
    pub span: Span,
    pub counts: Counting,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    pub event_type: EventTypeId,
    pub trigger: Span,
    pub sentence: Span,
    /// Sorted, distinct.
    pub participants: Vec<EntityId>,
    /// For a visit: who travels and to which country.
    pub visitor: Option<EntityId>,
    pub destination: Option<EntityId>,
    pub place: Option<(EntityId, Span)>,
    pub date: Option<DateSlot>,
    pub ordinal: Option<Ordinal>,
    pub since: Option<Gap>,
    pub tense: Tense,
}

impl EventMention {
    /// Announced rather than reported: will, is set to, would, might.
    pub fn planned(&self) -> bool {
        self.tense.looks_ahead()
    }
}

/// Bytes of news text per trigger word, about: for a first guess at how many an article has.
const TRIGGER_BYTES: usize = 128;

/// The trigger words of every event type, compiled once.
pub struct EventMatcher {
    /// `None` when the pack has no trigger words.
    automaton: Option<super::WholeWords>,
    types: Vec<EventTypeId>,
}

impl EventMatcher {
    pub fn new(pack: &Pack) -> Self {
        let mut words = Vec::new();
        let mut types = Vec::new();
        for (index, event) in pack.events.iter().enumerate() {
            for trigger in &event.triggers {
                words.push(trigger.clone());
                types.push(EventTypeId(index as u32));
            }
        }
        let automaton = super::WholeWords::new(&words, true);
        EventMatcher { automaton, types }
    }

    fn triggers(&self, pack: &Pack, text: &str) -> Vec<(Span, EventTypeId)> {
        // Sized for news, so that the list is not doubled on the way.
        let mut found: Vec<(Span, EventTypeId)> = Vec::with_capacity(text.len() / TRIGGER_BYTES);
        found.extend(
            self.automaton
                .iter()
                .flat_map(|automaton| automaton.find_iter(text))
                .filter(|hit| !is_hashtag(text, hit.start()))
                .map(|hit| {
                    (
                        Span::new(hit.start(), hit.end()),
                        self.types[hit.pattern().as_usize()],
                    )
                }),
        );
        for (index, event) in pack.events.iter().enumerate() {
            for pattern in &event.patterns {
                found.extend(
                    pattern
                        .find_iter(text)
                        .map(|hit| (Span::new(hit.start(), hit.end()), EventTypeId(index as u32))),
                );
            }
        }
        found.sort();
        found.dedup();
        found
    }
}

/// What an article gives the event recognizer.
pub struct ArticleView<'a> {
    pub text: &'a str,
    pub publication: Option<NaiveDate>,
    pub sentences: &'a [Span],
    pub claims: &'a [Claim],
    pub entities: &'a [EntityMention],
    /// Persons named only as someone's kin ("grandson of X"): not participants.
    pub kin: &'a [Span],
    pub tense_at: &'a dyn Fn(Span, usize) -> Tense,
}

pub fn event_mentions(
    pack: &Pack,
    matcher: &EventMatcher,
    view: &ArticleView,
) -> Vec<EventMention> {
    let mut mentions: Vec<EventMention> = Vec::new();
    let triggers = matcher.triggers(pack, view.text);
    for (position, &(trigger, event_type)) in triggers.iter().enumerate() {
        let index = view
            .sentences
            .partition_point(|sentence| sentence.end < trigger.end);
        let Some(&sentence) = view
            .sentences
            .get(index)
            .filter(|sentence| sentence.contains(trigger))
        else {
            continue;
        };
        let wanted = pack.event(event_type).participants;
        let counts = counting(pack, view.text, trigger, event_type);
        // The host of a visit is the only participant added to those the sentence names or an
        // anaphor borrows.
        let host = usize::from(counts == Counting::Visits);
        let at = TriggerAt {
            event_type,
            trigger,
            sentence,
        };
        // Looked for once, and only when the sentence names too few persons.
        let anaphor = std::cell::OnceCell::new();
        let anaphor = || {
            *anaphor
                .get_or_init(|| has_anaphor(view.text, pack.event(event_type), sentence, trigger))
        };
        // Most triggers stand in sentences naming too few persons to become a mention: they are
        // let go before their date, venue and clause are looked for.
        if !may_have_participants(pack, view, at, wanted - host.min(wanted), &anaphor) {
            continue;
        }
        // The clause's tense is worked out only when asked: most triggers have no date in
        // reach.
        let tense = std::cell::OnceCell::new();
        let tense = || *tense.get_or_init(|| (view.tense_at)(sentence, trigger.start));
        let next_trigger = triggers
            .get(position + 1)
            .map_or(sentence.end, |(next, _)| next.start.min(sentence.end));
        let reach = Reach::new(view.text, sentence, trigger, next_trigger);
        let date = mention_date(view, &reach, &tense);
        let when = date.and_then(|slot| slot.value.bounds());
        let Some(people) = participants(pack, view, at, when, &anaphor, &mentions) else {
            continue;
        };
        if people.len() + host < wanted {
            continue;
        }
        let ordinal =
            ordinal_before(view, sentence, trigger).map(|(n, span)| Ordinal { n, span, counts });
        // "the first visit in two decades" states a gap; "the third meeting in a year" does not.
        let since = match ordinal {
            Some(Ordinal { n: 1, .. }) => {
                interval_after(view, sentence, trigger).map(|(duration, span)| Gap {
                    duration,
                    span,
                    counts,
                })
            }
            _ => None,
        };
        let mut mention = EventMention {
            event_type,
            trigger,
            sentence,
            participants: people,
            visitor: None,
            destination: None,
            place: place_in(pack, view, &reach),
            date,
            ordinal,
            since,
            // Set below, once the mention is known to have its participants.
            tense: Tense::Unknown,
        };
        locate_visit(pack, &mut mention);
        if counts == Counting::Visits {
            add_host(pack, view, &mut mention);
        }
        if mention.participants.len() < wanted {
            continue;
        }
        mention.tense = tense();
        // Several triggers in one sentence about the same people are one mention.
        if let Some(previous) = mentions.last_mut() {
            if previous.sentence == sentence
                && previous.event_type == event_type
                && previous.participants == mention.participants
            {
                previous.ordinal = previous.ordinal.or(mention.ordinal);
                previous.since = previous.since.or(mention.since);
                previous.date = previous.date.or(mention.date);
                previous.visitor = previous.visitor.or(mention.visitor);
                previous.destination = previous.destination.or(mention.destination);
                continue;
            }
        }
        mentions.push(mention);
    }
    mentions
}

/// The entity mentions inside `sentence` (mentions are sorted by span).
fn entities_in<'a>(
    view: &ArticleView<'a>,
    sentence: Span,
) -> impl Iterator<Item = &'a EntityMention> {
    let first = view
        .entities
        .partition_point(|mention| mention.span.start < sentence.start);
    view.entities[first..]
        .iter()
        .take_while(move |mention| mention.span.start < sentence.end)
        .filter(move |mention| sentence.contains(mention.span))
}

/// The claims inside `sentence` (claims are sorted by span).
fn claims_in<'a>(view: &ArticleView<'a>, sentence: Span) -> impl Iterator<Item = &'a Claim> {
    let first = view
        .claims
        .partition_point(|claim| claim.span.start < sentence.start);
    view.claims[first..]
        .iter()
        .take_while(move |claim| claim.span.start < sentence.end)
        .filter(move |claim| sentence.contains(claim.span))
}

/// A trigger word of an event type, in its sentence.
#[derive(Debug, Clone, Copy)]
struct TriggerAt {
    event_type: EventTypeId,
    trigger: Span,
    sentence: Span,
}

/// False when [`participants`] cannot find `wanted` persons for a trigger: its sentence names
/// fewer persons who could take part (in office or not), and no anaphor before the trigger
/// borrows those of an earlier mention.
fn may_have_participants(
    pack: &Pack,
    view: &ArticleView,
    at: TriggerAt,
    wanted: usize,
    anaphor: &dyn Fn() -> bool,
) -> bool {
    let event = pack.event(at.event_type);
    let mut persons: Vec<EntityId> = Vec::new();
    for mention in entities_in(view, at.sentence) {
        if persons.len() >= wanted {
            return true;
        }
        if could_take_part(pack, view, event, mention) && !persons.contains(&mention.entity) {
            persons.push(mention.entity);
        }
    }
    persons.len() >= wanted || anaphor()
}

/// Whether a mention names a person who could take part in an event of the type, in office
/// or not: not a country's adjective, not someone's kin, a leader where only leaders count.
fn could_take_part(
    pack: &Pack,
    view: &ArticleView,
    event: &crate::pack::EventType,
    mention: &EntityMention,
) -> bool {
    let entity = pack.entity(mention.entity);
    mention.naming != Naming::Demonym
        && !view.kin.iter().any(|kin| kin.contains(mention.span))
        && entity.kind == EntityKind::Person
        && (!event.leaders_only || entity.is_leader())
}

/// Whether the words just before a trigger hold an anaphor of its event ("their", "the two
/// leaders").
fn has_anaphor(text: &str, event: &crate::pack::EventType, sentence: Span, trigger: Span) -> bool {
    if event.anaphora.is_empty() {
        return false;
    }
    let lead_in = words_before(text, sentence.start, trigger.start, WORDS_BEFORE_TRIGGER);
    let holds = |plain: &[u8]| {
        event
            .anaphora
            .iter()
            .any(|anaphor| holds_bytes(plain, anaphor.as_bytes()))
    };
    // A few short words: made plain on the stack, without a string.
    let mut buffer = [0u8; 64];
    match buffer.get_mut(..lead_in.len()) {
        Some(plain) if lead_in.is_ascii() => {
            for (to, byte) in plain.iter_mut().zip(lead_in.bytes()) {
                *to = if byte.is_ascii_alphanumeric() {
                    byte.to_ascii_lowercase()
                } else {
                    b' '
                };
            }
            holds(plain)
        }
        _ => holds(plain_words(lead_in).as_bytes()),
    }
}

/// Whether `needle` occurs in `haystack`: both a few bytes long, too short to be worth a
/// searcher's set-up.
fn holds_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    haystack
        .windows(needle.len())
        .any(|window| window[0] == first && window == needle)
}

/// The persons a mention is about: those named in its sentence, or, for "their" and "the two
/// leaders", those of the article's previous mention.
fn participants(
    pack: &Pack,
    view: &ArticleView,
    at: TriggerAt,
    when: Option<(NaiveDate, NaiveDate)>,
    anaphor: &dyn Fn() -> bool,
    earlier: &[EventMention],
) -> Option<Vec<EntityId>> {
    let TriggerAt {
        event_type,
        trigger,
        sentence,
    } = at;
    let event = pack.event(event_type);
    // A leader takes part as a leader: in office when the event is dated.
    let in_office = |id: EntityId| match when {
        Some((from, to)) => pack
            .entity(id)
            .roles
            .iter()
            .any(|role| role.overlaps(from, to)),
        None => true,
    };
    let mut people: Vec<EntityId> = entities_in(view, sentence)
        .filter(|mention| could_take_part(pack, view, event, mention))
        .map(|mention| mention.entity)
        .filter(|&id| !event.leaders_only || in_office(id))
        .collect();
    people.sort();
    people.dedup();
    if people.len() >= event.participants {
        return Some(people);
    }
    if !anaphor() {
        return Some(people);
    }
    // "Caldora and Sudria held their first meeting": the anaphor means the countries.
    let countries_before = entities_in(view, Span::new(sentence.start, trigger.start))
        .filter(|mention| {
            mention.naming == Naming::Full
                && pack.entity(mention.entity).kind == EntityKind::Country
        })
        .count();
    if people.is_empty() && countries_before >= 2 {
        return None;
    }
    let mut merged = antecedents(pack, view, sentence, earlier)?;
    merged.extend(people);
    merged.sort();
    merged.dedup();
    Some(merged)
}

/// `text` in lower case with every character that is not a letter or digit made a space, so
/// that "their" and "the two leaders" are found whatever the punctuation.
fn plain_words(text: &str) -> String {
    if text.is_ascii() {
        return text
            .bytes()
            .map(|byte| {
                if byte.is_ascii_alphanumeric() {
                    char::from(byte.to_ascii_lowercase())
                } else {
                    ' '
                }
            })
            .collect();
    }
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// How far back "their" and "the two leaders" look for the persons they stand for.
const ANAPHOR_REACH: usize = 2;

/// The persons an anaphor stands for: those of an event mentioned in the last sentences, else
/// the last two leaders named there.
fn antecedents(
    pack: &Pack,
    view: &ArticleView,
    sentence: Span,
    earlier: &[EventMention],
) -> Option<Vec<EntityId>> {
    let index = view
        .sentences
        .partition_point(|other| other.start < sentence.start);
    let reach_start = view.sentences[index.saturating_sub(ANAPHOR_REACH)..index]
        .first()
        .map_or(sentence.start, |first| first.start);
    // Mentions are in text order: look back only as far as the reach.
    let previous = earlier
        .iter()
        .rev()
        .take_while(|mention| mention.sentence.start >= reach_start)
        .find(|mention| mention.sentence.end <= sentence.start);
    if let Some(previous) = previous {
        return Some(previous.participants.clone());
    }
    let mut recent: Vec<EntityId> = Vec::new();
    for mention in entities_in(view, Span::new(reach_start, sentence.start))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let entity = pack.entity(mention.entity);
        if mention.naming != Naming::Demonym
            && entity.kind == EntityKind::Person
            && entity.is_leader()
            && !recent.contains(&mention.entity)
        {
            recent.push(mention.entity);
        }
        if recent.len() == 2 {
            return Some(recent);
        }
    }
    None
}

/// The text of up to `count` words before `end`, not reaching before `floor`.
fn words_before(text: &str, floor: usize, end: usize, count: usize) -> &str {
    let head = &text[floor..end];
    let bytes = head.as_bytes();
    let mut seen = 0;
    let mut start = bytes.len();
    // Byte by byte while the words are ASCII, as most are.
    for index in (0..bytes.len()).rev() {
        let byte = bytes[index];
        if !byte.is_ascii() {
            return words_before_by_chars(head, count);
        }
        if byte == b' ' {
            seen += 1;
            if seen > count {
                break;
            }
        }
        if matches!(byte, b'.' | b',' | b';' | b':' | b'"') {
            break;
        }
        start = index;
    }
    &head[start..]
}

/// [`words_before`] for words not all ASCII: the curly quotes stop it too.
fn words_before_by_chars(head: &str, count: usize) -> &str {
    let mut seen = 0;
    let mut start = head.len();
    for (index, c) in head.char_indices().rev() {
        if c == ' ' {
            seen += 1;
            if seen > count {
                break;
            }
        }
        if matches!(c, '.' | ',' | ';' | ':' | '“' | '”' | '"') {
            break;
        }
        start = index;
    }
    &head[start..]
}

/// Words after which a place is where something happens ("in Hanoi", "visited Estavia", "the
/// eastern city of Kestrel Bay"), unlike "leader of Norland" or "ties with Estavia".
const VENUE_LEAD_INS: &[&str] = &[
    "in",
    "at",
    "to",
    "into",
    "visit",
    "visits",
    "visited",
    "visiting",
    "city of",
    "town of",
    "capital of",
    "port of",
    "island of",
    "village of",
    "resort of",
];

fn is_venue(text: &str, place: Span) -> bool {
    let before = text[..place.start]
        .trim_end_matches([' ', '\u{a0}'])
        .trim_end_matches("the")
        .trim_end();
    // The last 16 characters, lower-cased: on the stack when they are ASCII, as most are.
    let from = before.char_indices().rev().nth(15).map_or(0, |(at, _)| at);
    let last = &before[from..];
    let mut buffer = [0u8; 16];
    let lowered;
    let lower = match buffer.get_mut(..last.len()) {
        Some(ascii) if last.is_ascii() => {
            ascii.copy_from_slice(last.as_bytes());
            ascii.make_ascii_lowercase();
            // ASCII bytes lower-cased are ASCII.
            std::str::from_utf8(ascii).unwrap_or_default()
        }
        _ => {
            lowered = last.to_lowercase();
            lowered.as_str()
        }
    };
    VENUE_LEAD_INS.iter().any(|lead_in| {
        lower.ends_with(lead_in)
            && lower[..lower.len() - lead_in.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Where a trigger's slots (its date, its venue) may stand: after it up to the next trigger of
/// the sentence, else before it back to the start of its clause.
struct Reach {
    before: Span,
    after: Span,
}

/// What ends a clause looking back from a trigger.
const CLAUSE_BREAKS: &[&str] = &[
    ",",
    ";",
    ":",
    " as ",
    " while ",
    " but ",
    " because ",
    "“",
    "”",
];

/// Whether a byte is the last of some clause break: a place no break can end at is passed
/// over without comparing the breaks.
const ENDS_A_BREAK: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < CLAUSE_BREAKS.len() {
        let bytes = CLAUSE_BREAKS[k].as_bytes();
        table[bytes[bytes.len() - 1] as usize] = true;
        k += 1;
    }
    table
};

impl Reach {
    fn new(text: &str, sentence: Span, trigger: Span, next_trigger: usize) -> Self {
        let head = &text.as_bytes()[sentence.start..trigger.start];
        // The last place a clause break ends: scanned back from the trigger, which is near.
        let clause_start = (1..=head.len())
            .rev()
            .find(|&end| {
                ENDS_A_BREAK[usize::from(head[end - 1])]
                    && CLAUSE_BREAKS
                        .iter()
                        .any(|mark| head[..end].ends_with(mark.as_bytes()))
            })
            .map_or(sentence.start, |end| sentence.start + end);
        Reach {
            before: Span::new(clause_start, trigger.start),
            after: Span::new(trigger.end, next_trigger.max(trigger.end)),
        }
    }
}

/// Where a trigger says the event happens: the most specific venue after it (a city before a
/// country), else the nearest before it in its clause.
fn place_in(pack: &Pack, view: &ArticleView, reach: &Reach) -> Option<(EntityId, Span)> {
    let venues = |span: Span| {
        entities_in(view, span)
            .filter(|mention| mention.naming == Naming::Full)
            .filter(|mention| {
                matches!(
                    pack.entity(mention.entity).kind,
                    EntityKind::Place | EntityKind::Country
                )
            })
            .filter(|mention| is_venue(view.text, mention.span))
    };
    // After the trigger, the first place, else the first country; else the last venue
    // before it. Each venue is tried only until that is settled.
    let mut first_after = None;
    for mention in venues(reach.after) {
        if pack.entity(mention.entity).kind == EntityKind::Place {
            first_after = Some(mention);
            break;
        }
        first_after = first_after.or(Some(mention));
    }
    let chosen = first_after.or_else(|| venues(reach.before).last());
    chosen.map(|mention| (mention.entity, mention.span))
}

/// The date of a mention: the nearest date claim after its trigger, else before it in its
/// clause, whose own clause does not contradict the trigger's tense.
fn mention_date(view: &ArticleView, reach: &Reach, tense: &dyn Fn() -> Tense) -> Option<DateSlot> {
    let compatible = |claim_tense: Tense| {
        let tense = tense();
        let planned = tense.looks_ahead();
        let claim_planned = claim_tense.looks_ahead();
        !(planned && claim_tense == Tense::Past || claim_planned && tense == Tense::Past)
    };
    let dates = |span: Span| -> Vec<DateSlot> {
        claims_in(view, span)
            .filter_map(|claim| match &claim.kind {
                ClaimKind::Date(date) if compatible(date.tense) => {
                    date.value.ok().map(|value| DateSlot {
                        value,
                        span: claim.span,
                        relative: date.relative,
                    })
                }
                _ => None,
            })
            .collect()
    };
    dates(reach.after)
        .first()
        .copied()
        .or_else(|| dates(reach.before).last().copied())
}

/// Whether the trigger word means travel to a place.
fn counting(pack: &Pack, text: &str, trigger: Span, event_type: EventTypeId) -> Counting {
    let word = &text[trigger.start..trigger.end];
    // The word in lower case is one of the visit triggers; an ASCII word is compared as it
    // stands.
    let is_word = |visit: &String| {
        if word.is_ascii() {
            visit.len() == word.len()
                && visit
                    .bytes()
                    .zip(word.bytes())
                    .all(|(v, w)| v == w.to_ascii_lowercase())
        } else {
            *visit == word.to_lowercase()
        }
    };
    if pack.event(event_type).visit_triggers.iter().any(is_word) {
        Counting::Visits
    } else {
        Counting::Meetings
    }
}

/// Words that may stand between an ordinal and the trigger it numbers ("third summit
/// meeting", "first-ever official visit") — anything else ("second day of the summit") means
/// the ordinal numbers something else.
fn modifies_trigger(between: &str) -> bool {
    const BREAKS: &[&str] = &[
        "of", "day", "days", "round", "rounds", "time", "times", "session", "leg", "stage",
        "phase", "week", "year", "part", "in", "on", "at", "for", "with", "and", "or", "since",
        "after", "before",
    ];
    between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .all(|word| !BREAKS.contains(&word.to_lowercase().as_str()))
}

fn ordinal_before(view: &ArticleView, sentence: Span, trigger: Span) -> Option<(u32, Span)> {
    let lead_in = words_before(
        view.text,
        sentence.start,
        trigger.start,
        WORDS_BEFORE_TRIGGER,
    );
    let floor = trigger.start - lead_in.len();
    claims_in(view, Span::new(floor, trigger.start))
        .filter_map(|claim| match claim.kind {
            ClaimKind::Ordinal(n) => Some((n, claim.span)),
            _ => None,
        })
        .last()
        .filter(|(_, span)| modifies_trigger(&view.text[span.end..trigger.start]))
}

/// "in more than two decades", "for the first time in nine years" after the trigger.
fn interval_after(
    view: &ArticleView,
    sentence: Span,
    trigger: Span,
) -> Option<(DurationClaim, Span)> {
    let reach = (trigger.end + INTERVAL_REACH).min(sentence.end);
    claims_in(view, Span::new(trigger.end, reach)).find_map(|claim| match claim.kind {
        ClaimKind::Duration(duration) => {
            let before = view.text[..claim.span.start].trim_end();
            let lead = before.rsplit(' ').next().unwrap_or("");
            let hedged = [
                "than", "over", "nearly", "almost", "about", "least", "in", "for",
            ];
            hedged.contains(&lead).then_some((duration, claim.span))
        }
        _ => None,
    })
}

/// Who travels where: the one participant who is not from the country of the venue.
fn locate_visit(pack: &Pack, mention: &mut EventMention) {
    let Some(country) = mention.place.and_then(|(place, _)| pack.country_of(place)) else {
        return;
    };
    let from_elsewhere: Vec<EntityId> = mention
        .participants
        .iter()
        .copied()
        .filter(|&person| {
            !pack
                .entity(person)
                .roles
                .iter()
                .any(|role| role.of == country)
        })
        .collect();
    if let [visitor] = from_elsewhere.as_slice() {
        mention.visitor = Some(*visitor);
        mention.destination = Some(country);
    }
}

/// A visit by one leader to a country whose leader is not named: the host is whoever led that
/// country then.
fn add_host(pack: &Pack, view: &ArticleView, mention: &mut EventMention) {
    let (Some(country), [_]) = (mention.destination, mention.participants.as_slice()) else {
        return;
    };
    let when = mention
        .date
        .and_then(|slot| slot.value.bounds())
        .or_else(|| view.publication.map(|day| (day, day)));
    let Some((from, to)) = when else { return };
    if let [host] = pack.holders(country, "leader", from, to).as_slice() {
        mention.participants.push(*host);
        mention.participants.sort();
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn plain_words_split_and_join_as_words(text in "[A-Za-zÉé0-9 ,.’'\"“-]{0,40}") {
            let joined = text
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .collect::<Vec<_>>()
                .join(" ");
            prop_assert_eq!(super::plain_words(&text), joined);
        }

        #[test]
        fn words_before_reads_bytes_as_it_reads_chars(
            text in "[A-Za-zÉé0-9 ,.;:’'\"“”-]{0,60}",
            count in 0usize..6,
        ) {
            prop_assert_eq!(
                super::words_before(&text, 0, text.len(), count),
                super::words_before_by_chars(&text, count)
            );
        }

        #[test]
        fn holds_bytes_is_contains(haystack in "[ab ]{0,12}", needle in "[ab ]{0,4}") {
            prop_assert_eq!(
                super::holds_bytes(haystack.as_bytes(), needle.as_bytes()),
                haystack.contains(needle.as_str())
            );
        }

        #[test]
        fn a_venue_is_told_by_the_lower_cased_words_before_it(
            before in "([A-Za-zÀÉàéİ’]{0,8}[ ,.\u{a0}]{1,2}){0,4}(In|in|IN|to|the|city of|Visited)?[ \u{a0}]{0,2}(the )?",
        ) {
            let text = format!("{before}Hanoi");
            let place = super::Span::new(before.len(), text.len());
            prop_assert_eq!(super::is_venue(&text, place), venue_by_strings(&text, place));
        }
    }

    /// [`super::is_venue`] with every lead-in lower-cased into a string of its own.
    fn venue_by_strings(text: &str, place: super::Span) -> bool {
        let before = text[..place.start]
            .trim_end_matches([' ', '\u{a0}'])
            .trim_end_matches("the")
            .trim_end();
        let from = before.char_indices().rev().nth(15).map_or(0, |(at, _)| at);
        let lower = before[from..].to_lowercase();
        super::VENUE_LEAD_INS.iter().any(|lead_in| {
            lower.ends_with(lead_in)
                && lower[..lower.len() - lead_in.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    }

    #[test]
    fn venues_follow_a_locative_lead_in() {
        let venue = |text: &str| {
            let start = text.find("Hanoi").unwrap_or(text.len());
            super::is_venue(text, super::Span::new(start, start + "Hanoi".len()))
        };
        assert!(venue("They met in Hanoi"));
        assert!(venue("They met IN the Hanoi"));
        assert!(venue("the eastern city of Hanoi"));
        assert!(venue("Le sommet s’est tenu in Hanoi"));
        assert!(!venue("the leader of Hanoi"));
        assert!(!venue("ties within Hanoi"));
    }
}
