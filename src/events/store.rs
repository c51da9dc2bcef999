//! The article events of a corpus, packed. A big corpus tells a few events hundreds of
//! thousands of times: each telling held as an [`ArticleEvent`] took 144 bytes, with its
//! places and its ordinals in heap blocks of their own. Packed as varints, with the few
//! distinct series and dates interned and the rare stated gap kept aside, a telling takes
//! about 19 bytes (16.8 MB for 879,950 tellings of generated news at 1 GB, with the length of
//! each) and is unpacked when a check reads it. The packed tellings wait in a
//! [`RecordFile`]: past a megabyte, in a temporary file, read back in order.

use std::sync::Arc;

use super::{ArticleEvent, SeriesKey};
use crate::extract::{DateValue, Span, Tense};
use crate::mentions::{Counting, DateSlot, Gap, Ordinal};
use crate::pack::EntityId;
use crate::packed::{put_span, put_varint, Interned, Reader};
use crate::record_file::RecordFile;

/// The tenses in the order of their code in a telling's flags.
const TENSES: [Tense; 5] = [
    Tense::Past,
    Tense::Present,
    Tense::Future,
    Tense::Conditional,
    Tense::Unknown,
];

const HAS_DATE: u8 = 1;
const RELATIVE: u8 = 1 << 1;
const HAS_SINCE: u8 = 1 << 2;
const HAS_VISITOR: u8 = 1 << 3;
const HAS_DESTINATION: u8 = 1 << 4;
const TENSE_SHIFT: u32 = 5;

/// Article events in the order they were added, each packed as a record of `records`.
#[derive(Debug, Default)]
pub struct TellingStore {
    records: RecordFile,
    series: Interned<Arc<SeriesKey>>,
    dates: Interned<DateValue>,
    /// Stated gaps, by the order of the tellings that state them: few tellings have one.
    gaps: Vec<Gap>,
}

impl TellingStore {
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Appends `event` as the last telling.
    pub fn push(&mut self, event: &ArticleEvent) {
        let series = self.series.id(&event.series);
        let date = event
            .date
            .map(|slot| (self.dates.id(&slot.value), slot.span));
        let gap = event.since.as_ref().map(|gap| {
            self.gaps.push(**gap);
            self.gaps.len() - 1
        });
        self.records.push(|out| {
            put_varint(out, event.article as u64);
            put_varint(out, series as u64);
            out.push(flags_of(event));
            put_span(out, event.anchor);
            if let Some((date, span)) = date {
                put_varint(out, date as u64);
                put_span(out, span);
            }
            put_varint(out, event.ordinals.len() as u64);
            for ordinal in &event.ordinals {
                put_ordinal(out, ordinal);
            }
            put_varint(out, event.places.len() as u64);
            for (place, span) in &event.places {
                put_varint(out, u64::from(place.0));
                put_span(out, *span);
            }
            if let Some(gap) = gap {
                put_varint(out, gap as u64);
            }
            for entity in [event.visitor, event.destination].into_iter().flatten() {
                put_varint(out, u64::from(entity.0));
            }
        });
    }

    /// The telling at `position`, unpacked.
    pub fn get(&self, position: usize) -> Option<ArticleEvent> {
        self.records.with(position, |reader| self.unpack(reader))
    }

    /// The article of the telling at `position`, without unpacking the rest.
    pub fn article(&self, position: usize) -> Option<usize> {
        self.records
            .with(position, |reader| reader.varint() as usize)
    }

    /// Every telling, unpacked in order: one pass through the records.
    pub fn iter(&self) -> impl Iterator<Item = ArticleEvent> + '_ {
        let mut cursor = self.records.cursor();
        std::iter::from_fn(move || cursor.next_with(|reader| self.unpack(reader)))
    }

    /// The tellings that have what is asked, with their positions, unpacked in order: the
    /// others are passed over on their first bytes. A check that reads only dated tellings,
    /// or numbered ones, unpacks no other (each unpacking clones the series and allocates).
    pub fn iter_having(&self, having: Having) -> impl Iterator<Item = (usize, ArticleEvent)> + '_ {
        let mut cursor = self.records.cursor();
        let mut position = 0;
        std::iter::from_fn(move || loop {
            let at = position;
            let told = cursor.next_with(|reader| {
                Head::read(&mut reader.clone())
                    .has(having)
                    .then(|| self.unpack(reader))
            })?;
            position += 1;
            if let Some(event) = told {
                return Some((at, event));
            }
        })
    }

    /// What clustering reads of every telling, in order: its head and the trip it tells of,
    /// with its ordinals, places and gap passed over, where unpacking it would clone its
    /// series and allocate.
    pub fn sketches(&self) -> impl Iterator<Item = Sketch<'_>> + '_ {
        let mut cursor = self.records.cursor();
        std::iter::from_fn(move || cursor.next_with(|reader| self.sketch(reader)))
    }

    fn sketch(&self, reader: &mut Reader) -> Sketch<'_> {
        let head = Head::read(reader);
        let tail = Tail::read(reader, &head, |_| {}, |_, _| {});
        Sketch {
            article: head.article,
            series: &self.series.values[head.series],
            bounds: head
                .date
                .and_then(|(date, _)| self.dates.values[date].bounds()),
            tense: head.tense(),
            visitor: tail.visitor,
            destination: tail.destination,
        }
    }

    /// Bytes the packed tellings hold in memory, and bytes written out.
    pub fn packed_bytes(&self) -> (usize, u64) {
        (self.records.held_bytes(), self.records.written_bytes())
    }

    pub fn shrink_to_fit(&mut self) {
        self.gaps.shrink_to_fit();
    }

    fn unpack(&self, reader: &mut Reader) -> ArticleEvent {
        let head = Head::read(reader);
        let mut ordinals = Vec::with_capacity(head.ordinals);
        let mut places = Vec::new();
        let tail = Tail::read(
            reader,
            &head,
            |ordinal| ordinals.push(ordinal),
            |place, span| places.push((place, span)),
        );
        ArticleEvent {
            article: head.article,
            series: Arc::clone(&self.series.values[head.series]),
            date: head.date.map(|(date, span)| DateSlot {
                value: self.dates.values[date],
                span,
                relative: head.flags & RELATIVE != 0,
            }),
            ordinals,
            places,
            since: tail.gap.map(|gap| Box::new(self.gaps[gap])),
            visitor: tail.visitor,
            destination: tail.destination,
            anchor: head.anchor,
            tense: head.tense(),
        }
    }
}

/// What clustering reads of a telling (see [`TellingStore::sketches`]): what its
/// [`ArticleEvent`] would say of the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sketch<'a> {
    pub article: usize,
    pub series: &'a Arc<SeriesKey>,
    /// [`ArticleEvent::bounds`].
    pub bounds: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    pub tense: Tense,
    pub visitor: Option<EntityId>,
    pub destination: Option<EntityId>,
}

/// What a reader of the tellings needs each to have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Having {
    Date,
    /// A stated gap ("the first visit in two decades").
    Gap,
    Ordinal,
}

/// What a telling opens with, as [`TellingStore::push`] writes it, up to its ordinals: enough
/// to tell what it has without unpacking it.
struct Head {
    article: usize,
    /// The interned series.
    series: usize,
    flags: u8,
    anchor: Span,
    /// The interned date and its span.
    date: Option<(usize, Span)>,
    /// How many ordinals follow.
    ordinals: usize,
}

impl Head {
    fn read(reader: &mut Reader) -> Self {
        let article = reader.varint() as usize;
        let series = reader.varint() as usize;
        let flags = reader.byte();
        let anchor = reader.span();
        let date = (flags & HAS_DATE != 0).then(|| (reader.varint() as usize, reader.span()));
        Head {
            article,
            series,
            flags,
            anchor,
            date,
            ordinals: reader.varint() as usize,
        }
    }

    fn tense(&self) -> Tense {
        TENSES[usize::from(self.flags >> TENSE_SHIFT)]
    }

    fn has(&self, having: Having) -> bool {
        match having {
            Having::Date => self.date.is_some(),
            Having::Gap => self.flags & HAS_SINCE != 0,
            Having::Ordinal => self.ordinals > 0,
        }
    }
}

/// What a telling holds after its [`Head`], as [`TellingStore::push`] writes it: its
/// ordinals and places, each handed to `ordinal` and `place` as it is read, then its gap (by
/// number) and its trip. Read the one way by unpacking and by sketching.
struct Tail {
    gap: Option<usize>,
    visitor: Option<EntityId>,
    destination: Option<EntityId>,
}

impl Tail {
    fn read(
        reader: &mut Reader,
        head: &Head,
        mut ordinal: impl FnMut(Ordinal),
        mut place: impl FnMut(EntityId, Span),
    ) -> Self {
        for _ in 0..head.ordinals {
            ordinal(ordinal_at(reader));
        }
        for _ in 0..reader.varint() {
            let entity = EntityId(reader.varint() as u32);
            place(entity, reader.span());
        }
        let gap = (head.flags & HAS_SINCE != 0).then(|| reader.varint() as usize);
        let mut entity_if =
            |flag: u8| (head.flags & flag != 0).then(|| EntityId(reader.varint() as u32));
        let visitor = entity_if(HAS_VISITOR);
        let destination = entity_if(HAS_DESTINATION);
        Tail {
            gap,
            visitor,
            destination,
        }
    }
}

/// What a telling has, and its tense, in a byte.
fn flags_of(event: &ArticleEvent) -> u8 {
    let mut flags = (event.tense as u8) << TENSE_SHIFT;
    for (present, flag) in [
        (event.date.is_some(), HAS_DATE),
        (event.date.is_some_and(|slot| slot.relative), RELATIVE),
        (event.since.is_some(), HAS_SINCE),
        (event.visitor.is_some(), HAS_VISITOR),
        (event.destination.is_some(), HAS_DESTINATION),
    ] {
        if present {
            flags |= flag;
        }
    }
    flags
}

/// An ordinal as its number and what it counts in one varint, then its span.
fn put_ordinal(out: &mut Vec<u8>, ordinal: &Ordinal) {
    let counts = match ordinal.counts {
        Counting::Meetings => 0,
        Counting::Visits => 1,
    };
    put_varint(out, (u64::from(ordinal.n) << 1) | counts);
    put_span(out, ordinal.span);
}

fn ordinal_at(reader: &mut Reader) -> Ordinal {
    let code = reader.varint();
    Ordinal {
        n: (code >> 1) as u32,
        counts: if code & 1 == 0 {
            Counting::Meetings
        } else {
            Counting::Visits
        },
        span: reader.span(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{DurationClaim, Qualifier, Quantity, Span, TimeUnit};
    use crate::pack::EventTypeId;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn series(event_type: u32, participants: &[u32]) -> Arc<SeriesKey> {
        Arc::new(SeriesKey {
            event_type: EventTypeId(event_type),
            participants: participants.iter().copied().map(EntityId).collect(),
        })
    }

    fn span() -> impl Strategy<Value = Span> {
        prop_oneof![
            (0usize..5_000, 0usize..40).prop_map(|(start, len)| Span::new(start, start + len)),
            (any::<usize>(), any::<usize>()).prop_map(|(start, end)| Span::new(start, end)),
        ]
    }

    fn date_value() -> impl Strategy<Value = DateValue> {
        (1900i32..2100, 1u32..=12, 1u32..=28, 0u32..40).prop_map(|(year, month, day, days)| {
            let from = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            match days % 4 {
                0 => DateValue::Day(from),
                1 => DateValue::Month { year, month },
                2 => DateValue::Year(year),
                _ => DateValue::Range {
                    from,
                    to: from + chrono::Days::new(u64::from(days)),
                },
            }
        })
    }

    fn article_event() -> impl Strategy<Value = ArticleEvent> {
        let date = proptest::option::of((date_value(), span(), any::<bool>()).prop_map(
            |(value, span, relative)| DateSlot {
                value,
                span,
                relative,
            },
        ));
        let ordinals = proptest::collection::vec(
            (any::<u32>(), any::<bool>(), span()).prop_map(|(n, visits, span)| Ordinal {
                n,
                span,
                counts: if visits {
                    Counting::Visits
                } else {
                    Counting::Meetings
                },
            }),
            0..3,
        );
        let places = proptest::collection::vec((any::<u32>().prop_map(EntityId), span()), 0..3);
        let since = proptest::option::of((1u32..40, span()).prop_map(|(years, span)| {
            Box::new(Gap {
                duration: DurationClaim {
                    amount: Quantity {
                        value: f64::from(years),
                        low: f64::from(years),
                        high: f64::INFINITY,
                        qualifier: Qualifier::MoreThan,
                    },
                    unit: TimeUnit::Year,
                },
                span,
                counts: Counting::Visits,
            })
        }));
        let entity = || proptest::option::of(any::<u32>().prop_map(EntityId));
        (
            (0usize..1_000_000, 0u32..3, 0usize..TENSES.len(), span()),
            date,
            ordinals,
            places,
            since,
            entity(),
            entity(),
        )
            .prop_map(
                |(
                    (article, kind, tense, anchor),
                    date,
                    ordinals,
                    places,
                    since,
                    visitor,
                    destination,
                )| {
                    ArticleEvent {
                        article,
                        series: series(kind, &[1, 2 + kind]),
                        date,
                        ordinals,
                        places,
                        since,
                        visitor,
                        destination,
                        anchor,
                        tense: TENSES[tense],
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn every_telling_unpacks_as_it_was_packed(events in proptest::collection::vec(article_event(), 0..20)) {
            let mut store = TellingStore::default();
            for event in &events {
                store.push(event);
            }
            prop_assert_eq!(store.len(), events.len());
            let unpacked: Vec<ArticleEvent> = store.iter().collect();
            prop_assert_eq!(&unpacked, &events);
            for (position, event) in events.iter().enumerate() {
                prop_assert_eq!(store.get(position), Some(event.clone()));
                prop_assert_eq!(store.article(position), Some(event.article));
            }
        }

        #[test]
        fn a_sketch_says_what_its_telling_unpacked_says(events in proptest::collection::vec(article_event(), 0..20)) {
            let mut store = TellingStore::default();
            for event in &events {
                store.push(event);
            }
            let sketched: Vec<_> = store
                .sketches()
                .map(|told| (told.article, told.series.clone(), told.bounds, told.tense, told.visitor, told.destination))
                .collect();
            let unpacked: Vec<_> = events
                .iter()
                .map(|told| (told.article, told.series.clone(), told.bounds(), told.tense, told.visitor, told.destination))
                .collect();
            prop_assert_eq!(sketched, unpacked);
        }

        #[test]
        fn tellings_having_are_those_that_have(events in proptest::collection::vec(article_event(), 0..20)) {
            let mut store = TellingStore::default();
            for event in &events {
                store.push(event);
            }
            type Has = fn(&ArticleEvent) -> bool;
            let tests: [(Having, Has); 3] = [
                (Having::Date, |event| event.date.is_some()),
                (Having::Gap, |event| event.since.is_some()),
                (Having::Ordinal, |event| !event.ordinals.is_empty()),
            ];
            for (having, has) in tests {
                let want: Vec<(usize, ArticleEvent)> = events
                    .iter()
                    .cloned()
                    .enumerate()
                    .filter(|(_, event)| has(event))
                    .collect();
                prop_assert_eq!(store.iter_having(having).collect::<Vec<_>>(), want);
            }
        }
    }

    #[test]
    fn tenses_are_listed_in_the_order_of_their_codes() {
        for (code, tense) in TENSES.iter().enumerate() {
            assert_eq!(*tense as usize, code);
        }
    }

    #[test]
    fn a_telling_of_a_dated_meeting_in_one_place_takes_a_few_bytes() {
        let event = ArticleEvent {
            article: 250_000,
            series: series(0, &[1, 2]),
            date: Some(DateSlot {
                value: DateValue::Day(NaiveDate::from_ymd_opt(2023, 9, 13).unwrap()),
                span: Span::new(1_200, 1_218),
                relative: false,
            }),
            ordinals: vec![Ordinal {
                n: 3,
                span: Span::new(1_150, 1_155),
                counts: Counting::Meetings,
            }],
            places: vec![(EntityId(40), Span::new(1_170, 1_181))],
            since: None,
            visitor: None,
            destination: None,
            anchor: Span::new(1_156, 1_162),
            tense: Tense::Past,
        };
        let mut store = TellingStore::default();
        store.push(&event);
        // Its bytes, their length (one byte) and where it starts (eight).
        let (held, _) = store.packed_bytes();
        assert!(held <= 24 + 1 + 8, "{held} bytes");
        assert_eq!(store.get(0), Some(event));
    }
}
