//! The records of a corpus's articles, packed. Every article of a big corpus waits for the
//! checks and the report as a record: held as an [`ArticleRecord`], one took 136 bytes, with
//! its source map and its weekday dates in heap blocks of their own; packed as varints, with
//! the paths of its files interned and the rare relation and title claims kept aside, about
//! 26 (9.4 MB for 359,586 articles of generated news at 1 GB, with the length of each). They
//! wait in a [`RecordFile`]: past a megabyte, in a temporary file.

use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};

use super::{ArticleRecord, WeekdayDate};
use crate::corpus::{Origin, PublishedFrom, Segment, SourceMap};
use crate::mentions::{RelationClaim, TitleClaim};
use crate::packed::{put_signed, put_span, put_varint, Interned, Reader};
use crate::record_file::{Cursor, RecordFile};

const STDIN: u8 = 0;
const FILE: u8 = 1;
const JSONL_LINE: u8 = 2;

/// Where the publication date came from, in the order of its code.
const PUBLISHED_FROM: [PublishedFrom; 3] = [
    PublishedFrom::Metadata,
    PublishedFrom::Dateline,
    PublishedFrom::None,
];
const HAS_DATE: u8 = 1 << 2;

/// Article records in corpus order, each packed as a record of `records`.
#[derive(Debug, Default)]
pub struct ArticleRecords {
    records: RecordFile,
    paths: Interned<Arc<Path>>,
    /// Relation and title claims, by the order of the records that make some.
    claims: Vec<PersonClaims>,
    /// The claims of every article, counted as they are pushed.
    claim_count: usize,
}

/// An article's relation and title claims: few articles make any.
type PersonClaims = (Box<[RelationClaim]>, Box<[TitleClaim]>);

impl ArticleRecords {
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Appends `record` as the last article.
    pub fn push(&mut self, record: ArticleRecord) {
        // Saturating: a count of claims is read, never wrapped.
        self.claim_count = self.claim_count.saturating_add(record.claim_count);
        let origin = self.origin_code(&record.origin, record.line_start);
        let claims = self.keep_claims(record.relations, record.titles);
        self.records.push(|out| {
            put_origin(out, origin);
            put_published(out, record.published, record.published_from);
            put_varint(out, record.claim_count as u64);
            put_map(out, &record.map);
            put_varint(out, record.weekday_dates.len() as u64);
            for written in record.weekday_dates.iter() {
                put_weekday_date(out, written);
            }
            put_varint(out, record.unresolved_dates.len() as u64);
            for span in record.unresolved_dates.iter() {
                put_span(out, *span);
            }
            put_varint(out, claims as u64);
        });
    }

    /// The record of article `index`, unpacked.
    pub fn get(&self, index: usize) -> Option<ArticleRecord> {
        self.records.with(index, |reader| self.unpack(reader))
    }

    fn unpack(&self, reader: &mut Reader) -> ArticleRecord {
        let (origin, line_start) = self.placed_origin_at(reader);
        let (published, published_from) = published_at(reader);
        let claim_count = reader.varint() as usize;
        let map = map_at(reader);
        let weekday_dates = (0..reader.varint())
            .filter_map(|_| weekday_date_at(reader))
            .collect();
        let unresolved_dates = (0..reader.varint()).map(|_| reader.span()).collect();
        let (relations, titles) = match reader.varint() as usize {
            0 => Default::default(),
            claims => self.claims.get(claims - 1).cloned().unwrap_or_default(),
        };
        ArticleRecord {
            origin,
            line_start,
            published,
            published_from,
            map,
            claim_count,
            weekday_dates,
            unresolved_dates,
            relations,
            titles,
        }
    }

    /// Where article `index` came from, without unpacking the rest.
    pub fn origin(&self, index: usize) -> Option<Origin> {
        self.records.with(index, |reader| self.origin_at(reader))
    }

    /// Where article `index` came from, and for a JSONL article, where its line starts.
    pub fn placed_origin(&self, index: usize) -> Option<(Origin, Option<u64>)> {
        self.records
            .with(index, |reader| self.placed_origin_at(reader))
    }

    /// The publication date of article `index`, without unpacking the rest.
    pub fn published(&self, index: usize) -> Option<NaiveDate> {
        self.records
            .with(index, |reader| {
                self.origin_at(reader);
                published_at(reader).0
            })
            .flatten()
    }

    /// The publication dates of articles asked for in corpus order, read in one pass.
    pub fn published_dates(&self) -> PublishedDates<'_> {
        PublishedDates {
            records: self,
            cursor: self.records.cursor(),
            next: 0,
            last: None,
        }
    }

    /// Where each article came from and its publication date (with where that came from), in
    /// order, without unpacking the rest: what a list of the articles shows. One pass through
    /// the records.
    pub fn dated_origins(
        &self,
    ) -> impl Iterator<Item = (Origin, Option<NaiveDate>, PublishedFrom)> + '_ {
        let mut cursor = self.records.cursor();
        std::iter::from_fn(move || {
            cursor.next_with(|reader| {
                let origin = self.origin_at(reader);
                let (published, from) = published_at(reader);
                (origin, published, from)
            })
        })
    }

    /// How many claims the articles make, all of them.
    pub fn claim_count(&self) -> usize {
        self.claim_count
    }

    /// Every record, unpacked in order: one pass through the records.
    pub fn iter(&self) -> impl Iterator<Item = ArticleRecord> + '_ {
        let mut cursor = self.records.cursor();
        std::iter::from_fn(move || cursor.next_with(|reader| self.unpack(reader)))
    }

    /// These records with article `index`'s replaced by `record`.
    pub fn with_replaced(&self, index: usize, record: ArticleRecord) -> Self {
        let mut replaced = ArticleRecords::default();
        let mut record = Some(record);
        for (position, known) in self.iter().enumerate() {
            match record.take_if(|_| position == index) {
                Some(record) => replaced.push(record),
                None => replaced.push(known),
            }
        }
        replaced
    }

    /// Bytes the packed records hold in memory, and bytes written out.
    pub fn packed_bytes(&self) -> (usize, u64) {
        (self.records.held_bytes(), self.records.written_bytes())
    }

    pub fn shrink_to_fit(&mut self) {
        self.claims.shrink_to_fit();
    }

    /// An origin with its path interned (and a JSONL line's start): what [`put_origin`]
    /// writes.
    fn origin_code(&mut self, origin: &Origin, line_start: Option<u64>) -> OriginCode {
        match origin {
            Origin::Stdin => OriginCode::Stdin,
            Origin::File(path) => OriginCode::File(self.paths.id(path)),
            Origin::JsonlLine { path, line } => {
                OriginCode::JsonlLine(self.paths.id(path), *line, line_start)
            }
        }
    }

    /// Keeps an article's relation and title claims aside, if it makes any: 0 when it makes
    /// none, else their place counted from 1.
    fn keep_claims(&mut self, relations: Box<[RelationClaim]>, titles: Box<[TitleClaim]>) -> usize {
        if relations.is_empty() && titles.is_empty() {
            return 0;
        }
        self.claims.push((relations, titles));
        self.claims.len()
    }

    fn origin_at(&self, reader: &mut Reader) -> Origin {
        self.placed_origin_at(reader).0
    }

    fn placed_origin_at(&self, reader: &mut Reader) -> (Origin, Option<u64>) {
        match reader.byte() {
            FILE => (Origin::File(self.path_at(reader)), None),
            JSONL_LINE => {
                let origin = Origin::JsonlLine {
                    path: self.path_at(reader),
                    line: reader.varint() as usize,
                };
                (origin, reader.varint().checked_sub(1))
            }
            _ => (Origin::Stdin, None),
        }
    }

    fn path_at(&self, reader: &mut Reader) -> Arc<Path> {
        Arc::clone(&self.paths.values[reader.varint() as usize])
    }
}

/// The publication dates of articles, read on through the records as later articles are
/// asked for: a check that goes through the tellings in corpus order asks for each article's
/// in turn, and looking each up by number would skip through records again every time.
pub struct PublishedDates<'a> {
    records: &'a ArticleRecords,
    cursor: Cursor<'a>,
    /// The article the cursor reads next.
    next: usize,
    last: Option<(usize, Option<NaiveDate>)>,
}

impl PublishedDates<'_> {
    /// The publication date of article `index`; cheapest when no earlier article than the
    /// last one is asked for.
    pub fn of(&mut self, index: usize) -> Option<NaiveDate> {
        match self.last {
            Some((last, date)) if last == index => return date,
            Some((last, _)) if index < last => return self.records.published(index),
            _ => {}
        }
        while self.next <= index {
            let records = self.records;
            let date = self.cursor.next_with(|reader| {
                records.origin_at(reader);
                published_at(reader).0
            })?;
            self.last = Some((self.next, date));
            self.next += 1;
        }
        self.last.and_then(|(_, date)| date)
    }
}

/// An origin whose path is named by its number among the interned paths.
#[derive(Debug, Clone, Copy)]
enum OriginCode {
    Stdin,
    File(usize),
    JsonlLine(usize, usize, Option<u64>),
}

fn put_origin(out: &mut Vec<u8>, origin: OriginCode) {
    match origin {
        OriginCode::Stdin => out.push(STDIN),
        OriginCode::File(path) => {
            out.push(FILE);
            put_varint(out, path as u64);
        }
        OriginCode::JsonlLine(path, line, start) => {
            out.push(JSONL_LINE);
            put_varint(out, path as u64);
            put_varint(out, line as u64);
            // 0 for none (the line of an article from a claims file that did not say), and
            // a start past the largest varint (no file has one) is let go as none.
            put_varint(
                out,
                start.and_then(|start| start.checked_add(1)).unwrap_or(0),
            );
        }
    }
}

impl FromIterator<ArticleRecord> for ArticleRecords {
    fn from_iter<I: IntoIterator<Item = ArticleRecord>>(records: I) -> Self {
        let mut packed = ArticleRecords::default();
        records.into_iter().for_each(|record| packed.push(record));
        packed
    }
}

fn put_published(out: &mut Vec<u8>, published: Option<NaiveDate>, from: PublishedFrom) {
    let from = from as u8;
    match published {
        Some(day) => {
            out.push(from | HAS_DATE);
            put_signed(out, i64::from(day.num_days_from_ce()));
        }
        None => out.push(from),
    }
}

fn published_at(reader: &mut Reader) -> (Option<NaiveDate>, PublishedFrom) {
    let flags = reader.byte();
    let from = PUBLISHED_FROM
        .get(usize::from(flags & !HAS_DATE))
        .copied()
        .unwrap_or(PublishedFrom::None);
    let day = if flags & HAS_DATE != 0 {
        day_at(reader)
    } else {
        None
    };
    (day, from)
}

fn put_map(out: &mut Vec<u8>, map: &SourceMap) {
    let segments = map.segments();
    put_varint(out, segments.len() as u64);
    for segment in segments {
        put_varint(out, segment.text_start as u64);
        put_varint(out, segment.text_len as u64);
        put_varint(out, segment.source_start as u64);
        put_varint(out, segment.source_len as u64);
        out.push(u8::from(segment.exact));
    }
}

fn map_at(reader: &mut Reader) -> SourceMap {
    let segments = (0..reader.varint())
        .map(|_| Segment {
            text_start: reader.varint() as usize,
            text_len: reader.varint() as usize,
            source_start: reader.varint() as usize,
            source_len: reader.varint() as usize,
            exact: reader.byte() != 0,
        })
        .collect();
    SourceMap::from_segments(segments)
}

fn put_weekday_date(out: &mut Vec<u8>, written: &WeekdayDate) {
    put_span(out, written.span);
    put_signed(out, i64::from(written.day.num_days_from_ce()));
    out.push(written.weekday.num_days_from_monday() as u8);
}

/// A weekday date as [`put_weekday_date`] wrote it; all its bytes are read even if it does not
/// make a date, so the next field starts where it should.
fn weekday_date_at(reader: &mut Reader) -> Option<WeekdayDate> {
    let span = reader.span();
    let day = day_at(reader);
    let weekday = Weekday::try_from(reader.byte()).ok();
    Some(WeekdayDate {
        span,
        day: day?,
        weekday: weekday?,
    })
}

fn day_at(reader: &mut Reader) -> Option<NaiveDate> {
    i32::try_from(reader.signed())
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;
    use crate::pack::EntityId;
    use crate::pack::Relation;
    use proptest::prelude::*;

    fn day() -> impl Strategy<Value = NaiveDate> {
        (-3000i32..3000, 1u32..=365).prop_map(|(year, ordinal)| {
            NaiveDate::from_yo_opt(year, ordinal).unwrap_or(NaiveDate::MIN)
        })
    }

    fn span() -> impl Strategy<Value = Span> {
        (any::<usize>(), any::<usize>()).prop_map(|(start, end)| Span::new(start, end))
    }

    fn origin() -> impl Strategy<Value = Origin> {
        let path = prop_oneof![Just("a.txt"), Just("news/shard-1.jsonl"), Just("b.md")]
            .prop_map(|path| Arc::<Path>::from(Path::new(path)));
        prop_oneof![
            Just(Origin::Stdin),
            path.clone().prop_map(Origin::File),
            (path, any::<usize>()).prop_map(|(path, line)| Origin::JsonlLine { path, line }),
        ]
    }

    fn record() -> impl Strategy<Value = ArticleRecord> {
        let segment = (
            any::<usize>(),
            any::<usize>(),
            any::<usize>(),
            any::<usize>(),
            any::<bool>(),
        )
            .prop_map(
                |(text_start, text_len, source_start, source_len, exact)| Segment {
                    text_start,
                    text_len,
                    source_start,
                    source_len,
                    exact,
                },
            );
        let weekday_date = (span(), day(), 0u8..7).prop_map(|(span, day, weekday)| WeekdayDate {
            span,
            day,
            weekday: Weekday::try_from(weekday).unwrap_or(Weekday::Mon),
        });
        let relation = (span(), any::<u32>()).prop_map(|(span, id)| RelationClaim {
            span,
            subject: EntityId(id),
            object: EntityId(id / 2),
            relation: Relation::Grandchild,
            word: "grandson".to_string(),
        });
        let title = (span(), any::<u32>()).prop_map(|(span, id)| TitleClaim {
            span,
            person: EntityId(id),
            country: EntityId(id / 3),
            title: "President".to_string(),
        });
        (
            (
                origin(),
                proptest::option::of(0..=u64::MAX),
                proptest::option::of(day()),
                0usize..3,
                any::<usize>(),
            ),
            proptest::collection::vec(segment, 0..3),
            proptest::collection::vec(weekday_date, 0..3),
            proptest::collection::vec(span(), 0..3),
            proptest::collection::vec(relation, 0..2),
            proptest::collection::vec(title, 0..2),
        )
            .prop_map(
                |(
                    (origin, line_start, published, from, claim_count),
                    segments,
                    weekdays,
                    unresolved,
                    relations,
                    titles,
                )| {
                    // Only a JSONL line has a start, and none past the largest varint.
                    let line_start = line_start
                        .filter(|&start| start < u64::MAX)
                        .filter(|_| matches!(origin, Origin::JsonlLine { .. }));
                    ArticleRecord {
                        origin,
                        line_start,
                        published,
                        published_from: PUBLISHED_FROM[from],
                        map: SourceMap::from_segments(segments),
                        claim_count,
                        weekday_dates: weekdays.into(),
                        unresolved_dates: unresolved.into(),
                        relations: relations.into(),
                        titles: titles.into(),
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn publication_dates_asked_for_in_any_order_are_the_records(
            records in proptest::collection::vec(record(), 0..12),
            asked in proptest::collection::vec(0usize..14, 0..20),
        ) {
            let packed: ArticleRecords = records.iter().cloned().collect();
            let mut dates = packed.published_dates();
            let mut in_order = asked.clone();
            in_order.sort_unstable();
            // In order, as checks ask, then in any order.
            for index in in_order.into_iter().chain(asked) {
                let published = records.get(index).and_then(|record| record.published);
                prop_assert_eq!(dates.of(index), published, "article {}", index);
            }
        }

        #[test]
        fn every_record_unpacks_as_it_was_packed(records in proptest::collection::vec(record(), 0..12)) {
            let packed: ArticleRecords = records.iter().cloned().collect();
            prop_assert_eq!(packed.len(), records.len());
            for (index, record) in records.iter().enumerate() {
                prop_assert_eq!(packed.get(index), Some(record.clone()));
                prop_assert_eq!(packed.origin(index), Some(record.origin.clone()));
                prop_assert_eq!(packed.published(index), record.published);
                prop_assert_eq!(
                    packed.placed_origin(index),
                    Some((record.origin.clone(), record.line_start))
                );
            }
            prop_assert_eq!(
                packed.dated_origins().collect::<Vec<_>>(),
                records
                    .iter()
                    .map(|record| (record.origin.clone(), record.published, record.published_from))
                    .collect::<Vec<_>>()
            );
            prop_assert!(packed.get(records.len()).is_none());
            prop_assert_eq!(packed.iter().collect::<Vec<_>>(), records.clone());
            let claims = records
                .iter()
                .fold(0usize, |sum, record| sum.saturating_add(record.claim_count));
            prop_assert_eq!(packed.claim_count(), claims);
            if let Some(first) = records.first() {
                let last = records.len() - 1;
                let replaced = packed.with_replaced(last, first.clone());
                prop_assert_eq!(replaced.get(last), Some(first.clone()));
                prop_assert_eq!(replaced.len(), records.len());
            }
        }
    }

    #[test]
    fn published_from_is_listed_in_the_order_of_its_codes() {
        for (code, from) in PUBLISHED_FROM.iter().enumerate() {
            assert_eq!(*from as usize, code);
        }
    }
}
