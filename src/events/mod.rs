//! Mentions → events. Within an article, mentions of the same event (an announced visit
//! named three times) merge; across articles, dated events of one series (an event type and
//! its participants) are clustered by date. Sorting then one sweep: O(n log n), never all pairs.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::extract::{Span, Tense};
use crate::mentions::{Counting, DateSlot, EventMention, Gap, Ordinal};
use crate::pack::{EntityId, EventTypeId};

mod store;
pub use store::Having;
use store::TellingStore;

/// A date range longer than this is too coarse to tell two events apart ("in 2019").
const FINE_DAYS: i64 = 62;

/// How many of the most recent earlier events [`EventIndex::counted_before`] names.
const RECENT_KEPT: usize = 6;

/// What came before an event: how many, and the most recent few (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    pub count: usize,
    pub recent: Vec<usize>,
}

/// Who an event is between: its type and its participants.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeriesKey {
    pub event_type: EventTypeId,
    pub participants: Vec<EntityId>,
}

/// One event as one article tells it. A corpus holds one per telling, so it is kept small:
/// the series is shared and the rare stated gap is boxed.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleEvent {
    pub article: usize,
    pub series: Arc<SeriesKey>,
    pub date: Option<DateSlot>,
    pub ordinals: Vec<Ordinal>,
    pub places: Vec<(EntityId, Span)>,
    pub since: Option<Box<Gap>>,
    pub visitor: Option<EntityId>,
    pub destination: Option<EntityId>,
    /// The first trigger, for labels.
    pub anchor: Span,
    /// The tense of the clause of the first trigger.
    pub tense: Tense,
}

impl ArticleEvent {
    fn from_mention(article: usize, mention: &EventMention, series: &mut SeriesKeys) -> Self {
        ArticleEvent {
            article,
            series: series.intern(mention.event_type, &mention.participants),
            date: mention.date,
            ordinals: mention.ordinal.into_iter().collect(),
            places: mention.place.into_iter().collect(),
            since: mention.since.map(Box::new),
            visitor: mention.visitor,
            destination: mention.destination,
            anchor: mention.trigger,
            tense: mention.tense,
        }
    }

    /// Announced rather than reported, as its first trigger tells it.
    pub fn planned(&self) -> bool {
        self.tense.looks_ahead()
    }

    pub fn bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.date.and_then(|slot| slot.value.bounds())
    }

    fn absorbs(&self, other: &ArticleEvent) -> bool {
        if self.series != other.series || self.planned() != other.planned() {
            return false;
        }
        match (self.bounds(), other.bounds()) {
            (Some((a_from, a_to)), Some((b_from, b_to))) => a_from <= b_to && b_from <= a_to,
            // An announced event is usually named several times, dated once.
            _ => self.planned(),
        }
    }

    fn absorb(&mut self, other: ArticleEvent) {
        if self.date.is_none() {
            self.date = other.date;
        }
        self.ordinals.extend(other.ordinals);
        self.places.extend(other.places);
        if self.since.is_none() {
            self.since = other.since;
        }
        self.visitor = self.visitor.or(other.visitor);
        self.destination = self.destination.or(other.destination);
    }
}

/// One key per series, shared by all its tellings: a corpus has few series and many tellings.
#[derive(Debug, Default)]
struct SeriesKeys(FxHashSet<Arc<SeriesKey>>);

impl SeriesKeys {
    fn intern(&mut self, event_type: EventTypeId, participants: &[EntityId]) -> Arc<SeriesKey> {
        let key = SeriesKey {
            event_type,
            participants: participants.to_vec(),
        };
        if let Some(known) = self.0.get(&key) {
            return Arc::clone(known);
        }
        let key = Arc::new(key);
        self.0.insert(Arc::clone(&key));
        key
    }
}

/// The events of a corpus as its articles tell them, gathered article by article as they are
/// analysed, so that no article's event mentions outlive it.
#[derive(Debug, Default)]
pub struct Tellings {
    store: TellingStore,
    series: SeriesKeys,
}

impl Tellings {
    /// Adds the events told by `article`, which comes after every article added so far.
    pub fn add(&mut self, article: usize, mentions: &[EventMention]) {
        debug_assert!(self
            .store
            .article(self.store.len().wrapping_sub(1))
            .is_none_or(|last| last <= article));
        for event in merge_in_article(article, mentions, &mut self.series) {
            self.store.push(&event);
        }
    }

    /// Clusters the article events into events.
    pub fn index(self) -> EventIndex {
        EventIndex::cluster(self.store)
    }
}

/// Articles an event keeps the first telling of, to name and cite in messages: enough to
/// check it, few enough to read.
pub const SOURCES_KEPT: usize = 3;

/// Article events of one series that are the same real event. A big event is told by
/// hundreds of thousands of articles: it keeps what the checks say of it, not the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub series: SeriesKey,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The position (see [`EventIndex::told`]) of the first telling of each of the first
    /// [`SOURCES_KEPT`] articles telling of it, in article order; never empty.
    pub first_tellings: Vec<usize>,
    /// How many articles tell of it.
    pub articles: usize,
    /// Whether every telling of it announces it rather than reports it.
    pub planned: bool,
}

/// What an event keeps of its tellings, gathered in one pass through them in article order.
#[derive(Debug, Default)]
struct Summary {
    first_tellings: Vec<usize>,
    articles: usize,
    last_article: Option<usize>,
    /// Whether a telling reports it rather than announces it.
    reported: bool,
}

impl Summary {
    fn add(&mut self, position: usize, article: usize, tense: Tense) {
        if self.last_article != Some(article) {
            self.last_article = Some(article);
            self.articles += 1;
            if self.first_tellings.len() < SOURCES_KEPT {
                self.first_tellings.push(position);
            }
        }
        self.reported |= !tense.looks_ahead();
    }
}

/// The dates the tellings of one series give, each with the trips told with it: clustering
/// depends on nothing else, and a big corpus tells a few events hundreds of thousands of times
/// with a few distinct dates each.
type DatedAlike = BTreeMap<Dates, BTreeSet<(EntityId, EntityId)>>;

/// The first and the last day a date can be.
type Dates = (NaiveDate, NaiveDate);

/// Dates of one series joined as one event, while the corpus is clustered.
struct Cluster {
    series: Arc<SeriesKey>,
    from: NaiveDate,
    to: NaiveDate,
    /// The distinct dates of its tellings.
    dates: Vec<Dates>,
}

/// The article events of a corpus, by position in article order, and the events they cluster
/// into.
#[derive(Debug, Default)]
pub struct EventIndex {
    tellings: TellingStore,
    /// Sorted by series, then end date.
    pub events: Vec<Event>,
    /// The event of the article events of each series (by the address of its key in
    /// `tellings`) with each dates.
    event_of: FxHashMap<(usize, Dates), u32>,
    /// Events that are a visit by a person to a country, by date.
    pub visits: BTreeMap<(EntityId, EntityId), Vec<usize>>,
}

/// An article event that belongs to no event (it has no date).
const NO_EVENT: u32 = u32::MAX;

impl EventIndex {
    /// How many article events the corpus tells.
    pub fn told_count(&self) -> usize {
        self.tellings.len()
    }

    /// Bytes the packed article events hold in memory, and bytes written out.
    pub fn packed_bytes(&self) -> (usize, u64) {
        self.tellings.packed_bytes()
    }

    /// The article event at `position`.
    pub fn told(&self, position: usize) -> Option<ArticleEvent> {
        self.tellings.get(position)
    }

    /// The article telling the article event at `position`.
    pub fn told_in(&self, position: usize) -> Option<usize> {
        self.tellings.article(position)
    }

    /// Every article event with its position, in article order.
    pub fn tellings(&self) -> impl Iterator<Item = (usize, ArticleEvent)> + '_ {
        self.tellings.iter().enumerate()
    }

    /// The article events `having` a date, a gap or an ordinal, with their positions, in
    /// article order: the others are not unpacked.
    pub fn tellings_having(
        &self,
        having: Having,
    ) -> impl Iterator<Item = (usize, ArticleEvent)> + '_ {
        self.tellings.iter_having(having)
    }

    /// The event `told`, an article event of this index, belongs to.
    pub fn event_of(&self, told: &ArticleEvent) -> Option<usize> {
        let key = (Arc::as_ptr(&told.series) as usize, told.bounds()?);
        let event = *self.event_of.get(&key)?;
        (event != NO_EVENT).then_some(event as usize)
    }

    /// This index as it would be if `article` told of its events with `mentions` instead.
    pub fn retold(&self, article: usize, mentions: &[EventMention]) -> Self {
        let mut tellings = TellingStore::default();
        let mut retold = Some(merge_in_article(
            article,
            mentions,
            &mut SeriesKeys::default(),
        ));
        // The article's new events go where its old ones were: before the first later article's.
        let mut put_retold = |tellings: &mut TellingStore| {
            for event in retold.take().into_iter().flatten() {
                tellings.push(&event);
            }
        };
        for told in self.tellings.iter() {
            if told.article >= article {
                put_retold(&mut tellings);
            }
            if told.article != article {
                tellings.push(&told);
            }
        }
        put_retold(&mut tellings);
        Self::cluster(tellings)
    }

    /// The events `article` tells of, merged within it. The tellings are in article order:
    /// the article's first is found by bisection, reading only the articles of the tellings
    /// it passes, and only the article's own are unpacked.
    pub fn told_by(&self, article: usize) -> Vec<ArticleEvent> {
        let (mut low, mut high) = (0, self.tellings.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if self
                .tellings
                .article(middle)
                .is_some_and(|told| told < article)
            {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        (low..self.tellings.len())
            .map_while(|position| self.tellings.get(position))
            .take_while(|told| told.article == article)
            .collect()
    }

    /// Clusters article events, in article order, into events.
    fn cluster(mut tellings: TellingStore) -> Self {
        tellings.shrink_to_fit();
        let mut by_series: BTreeMap<Arc<SeriesKey>, DatedAlike> = BTreeMap::new();
        for told in tellings.sketches() {
            let Some(bounds) = told.bounds else {
                continue;
            };
            let trips = by_series
                .entry(Arc::clone(told.series))
                .or_default()
                .entry(bounds)
                .or_default();
            trips.extend(told.visitor.zip(told.destination));
        }
        // Series cluster independently, in parallel; joined in series order.
        let clusters: Vec<Cluster> = by_series
            .par_iter()
            .flat_map_iter(|(series, dated)| cluster_series(series, dated))
            .collect();
        let mut visits = visits_of(&clusters, &by_series);
        let (event_of, summaries) = summarise(&tellings, &clusters);
        let events: Vec<Event> = clusters
            .into_iter()
            .zip(summaries)
            .map(|(cluster, summary)| Event {
                series: SeriesKey::clone(&cluster.series),
                from: cluster.from,
                to: cluster.to,
                first_tellings: summary.first_tellings,
                articles: summary.articles,
                planned: !summary.reported,
            })
            .collect();
        for list in visits.values_mut() {
            list.sort_by_key(|&index| (events[index].to, events[index].from, index));
        }
        EventIndex {
            tellings,
            events,
            event_of,
            visits,
        }
    }

    /// The events an ordinal or interval of `told`, the article event at `position`, counts
    /// that ended before `start`; `None` when what it counts cannot be established (a visit to
    /// an unknown country). O(log n).
    pub fn counted_before(
        &self,
        told: &ArticleEvent,
        counts: Counting,
        start: NaiveDate,
    ) -> Option<Earlier> {
        let own = self.event_of(told);
        let ended_before = |index: &usize| self.events[*index].to < start;
        let (count, recent): (usize, Vec<usize>) = match counts {
            Counting::Meetings => {
                let (first, last) = self.series_range(&told.series);
                let count = self.events[first..last].partition_point(|other| other.to < start);
                let from = first + count.saturating_sub(RECENT_KEPT);
                (count, (from..first + count).collect())
            }
            Counting::Visits => {
                let list = self.visits.get(&(told.visitor?, told.destination?))?;
                let count = list.partition_point(ended_before);
                let from = count.saturating_sub(RECENT_KEPT);
                (count, list[from..count].to_vec())
            }
        };
        // The event itself never ends before its own start; this guards against clustering
        // having stretched it.
        let own_counted = own.is_some_and(|own| recent.contains(&own));
        Some(Earlier {
            count: count - usize::from(own_counted),
            recent: recent
                .into_iter()
                .filter(|&index| Some(index) != own)
                .collect(),
        })
    }

    /// The bounds of a series in [`EventIndex::events`].
    fn series_range(&self, key: &SeriesKey) -> (usize, usize) {
        let first = self.events.partition_point(|event| &event.series < key);
        let last = self.events.partition_point(|event| &event.series <= key);
        (first, last)
    }

    /// The events of one series, by date.
    pub fn series<'a>(&'a self, key: &'a SeriesKey) -> impl Iterator<Item = (usize, &'a Event)> {
        let start = self.events.partition_point(|event| &event.series < key);
        self.events[start..]
            .iter()
            .take_while(move |event| &event.series == key)
            .enumerate()
            .map(move |(offset, event)| (start + offset, event))
    }
}

/// The cluster of the article events of each series with each dates, and what each cluster
/// keeps of its tellings: one pass through them in article order.
fn summarise(
    tellings: &TellingStore,
    clusters: &[Cluster],
) -> (FxHashMap<(usize, Dates), u32>, Vec<Summary>) {
    // Every telling of a series shares the store's one key of it, so the key's address names
    // the series.
    let mut cluster_of: FxHashMap<(usize, Dates), u32> = FxHashMap::default();
    for (index, cluster) in clusters.iter().enumerate() {
        // Events are fewer than article events, which a corpus in memory cannot hold 2³² of;
        // were it otherwise, the excess would read as belonging to no event.
        let index = u32::try_from(index).unwrap_or(NO_EVENT);
        for &dates in &cluster.dates {
            cluster_of.insert((Arc::as_ptr(&cluster.series) as usize, dates), index);
        }
    }
    let mut summaries: Vec<Summary> = clusters.iter().map(|_| Summary::default()).collect();
    for (position, told) in tellings.sketches().enumerate() {
        let Some(dates) = told.bounds else {
            continue;
        };
        let key = (Arc::as_ptr(told.series) as usize, dates);
        if let Some(summary) = cluster_of
            .get(&key)
            .and_then(|&index| summaries.get_mut(index as usize))
        {
            summary.add(position, told.article, told.tense);
        }
    }
    (cluster_of, summaries)
}

/// The clusters that are a visit of a person to a country, by (visitor, destination), from the
/// trips told with their dates.
fn visits_of(
    clusters: &[Cluster],
    by_series: &BTreeMap<Arc<SeriesKey>, DatedAlike>,
) -> BTreeMap<(EntityId, EntityId), Vec<usize>> {
    let mut visits: BTreeMap<(EntityId, EntityId), Vec<usize>> = BTreeMap::new();
    for (index, cluster) in clusters.iter().enumerate() {
        let Some(dated) = by_series.get(&cluster.series) else {
            continue;
        };
        let told: BTreeSet<(EntityId, EntityId)> = cluster
            .dates
            .iter()
            .filter_map(|bounds| dated.get(bounds))
            .flatten()
            .copied()
            .collect();
        for trip in told {
            visits.entry(trip).or_default().push(index);
        }
    }
    visits
}

/// How many of an article's latest events a mention may merge into: news names one event a few
/// times close together; a pathological article must not cost quadratic time.
const MERGE_WINDOW: usize = 32;

fn merge_in_article(
    article: usize,
    mentions: &[EventMention],
    series: &mut SeriesKeys,
) -> Vec<ArticleEvent> {
    let mut merged: Vec<ArticleEvent> = Vec::new();
    for mention in mentions {
        let event = ArticleEvent::from_mention(article, mention, series);
        let window = merged.len().saturating_sub(MERGE_WINDOW);
        match merged[window..]
            .iter_mut()
            .find(|known| known.absorbs(&event))
        {
            Some(known) => known.absorb(event),
            None => merged.push(event),
        }
    }
    merged
}

/// Sweeps the dates of one series in date order, joining those that overlap. Coarse dates
/// join the one fine event they overlap, if there is exactly one.
fn cluster_series(series: &Arc<SeriesKey>, dated: &DatedAlike) -> Vec<Cluster> {
    // In date order, as the map keeps them.
    let (fine, coarse): (Vec<&Dates>, Vec<&Dates>) = dated
        .keys()
        .partition(|(from, to)| (*to - *from).num_days() <= FINE_DAYS);
    let mut events: Vec<Cluster> = Vec::new();
    let new_event = |from, to| Cluster {
        series: Arc::clone(series),
        from,
        to,
        dates: vec![(from, to)],
    };
    for &(from, to) in fine {
        match events.last_mut() {
            Some(last) if from <= last.to => {
                last.to = last.to.max(to);
                last.dates.push((from, to));
            }
            _ => events.push(new_event(from, to)),
        }
    }
    for &(from, to) in coarse {
        let overlapping: Vec<usize> = events
            .iter()
            .enumerate()
            .filter(|(_, event)| event.from <= to && from <= event.to)
            .map(|(index, _)| index)
            .collect();
        match overlapping.as_slice() {
            [only] => events[*only].dates.push((from, to)),
            [] => events.push(new_event(from, to)),
            _ => {}
        }
    }
    // By end date, so that "every event over before day D" is a prefix found by bisection.
    events.sort_by_key(|event| (event.to, event.from));
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::DateValue;
    use crate::pack::{EntityId, EventTypeId};

    /// The event of the article event at `position`.
    fn event_at(index: &EventIndex, position: usize) -> Option<usize> {
        index.event_of(&index.told(position)?)
    }

    fn mention(participants: &[u32], day: Option<(i32, u32, u32)>, at: usize) -> EventMention {
        EventMention {
            event_type: EventTypeId(0),
            trigger: Span::new(at, at + 6),
            sentence: Span::new(at, at + 40),
            participants: participants.iter().copied().map(EntityId).collect(),
            visitor: None,
            destination: None,
            place: None,
            date: day.map(|(y, m, d)| DateSlot {
                value: DateValue::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap()),
                span: Span::new(at + 10, at + 20),
                relative: false,
            }),
            ordinal: None,
            since: None,
            tense: Tense::Past,
        }
    }

    #[test]
    fn tellings_share_one_key_per_series_across_articles() {
        let mut tellings = Tellings::default();
        tellings.add(0, &[mention(&[1, 2], Some((2019, 4, 25)), 0)]);
        tellings.add(1, &[mention(&[1, 2], Some((2019, 4, 25)), 5)]);
        tellings.add(1, &[]);
        tellings.add(2, &[mention(&[1, 3], Some((2019, 4, 25)), 9)]);
        let index = tellings.index();
        assert_eq!(index.told_count(), 3);
        let told: Vec<ArticleEvent> = index.tellings().map(|(_, told)| told).collect();
        assert!(Arc::ptr_eq(&told[0].series, &told[1].series));
        assert!(!Arc::ptr_eq(&told[0].series, &told[2].series));
        assert_eq!(told[2].series.participants, vec![EntityId(1), EntityId(3)]);
        // Same series, same day: one event told by two articles; the other series stays apart.
        assert_eq!(index.events.len(), 2);
        let event_of: Vec<Option<usize>> = (0..3).map(|p| event_at(&index, p)).collect();
        assert_eq!(event_of, vec![Some(0), Some(0), Some(1)]);
    }

    #[test]
    fn an_article_finds_the_events_it_tells_among_every_article_s() {
        let mut tellings = Tellings::default();
        tellings.add(0, &[mention(&[1, 2], Some((2019, 4, 25)), 0)]);
        tellings.add(
            2,
            &[
                mention(&[1, 2], Some((2019, 4, 25)), 10),
                mention(&[1, 2], Some((2023, 9, 13)), 20),
            ],
        );
        tellings.add(5, &[mention(&[1, 3], None, 30)]);
        let index = tellings.index();
        let anchors = |article| -> Vec<usize> {
            index
                .told_by(article)
                .iter()
                .map(|told| told.anchor.start)
                .collect()
        };
        assert_eq!(anchors(0), vec![0]);
        assert_eq!(anchors(1), Vec::<usize>::new());
        assert_eq!(anchors(2), vec![10, 20]);
        assert_eq!(anchors(5), vec![30]);
        assert_eq!(anchors(6), Vec::<usize>::new());
        assert_eq!(event_at(&index, 3), None);
    }

    proptest::proptest! {
        #[test]
        fn an_article_s_events_are_found_by_bisection_as_by_reading_every_one(
            counts in proptest::collection::vec(0usize..4, 0..40)
        ) {
            let mut tellings = Tellings::default();
            for (article, &count) in counts.iter().enumerate() {
                let told: Vec<EventMention> = (0..count)
                    .map(|k| mention(&[1, 2], Some((2000 + k as i32, 1, 1)), 100 * article + 10 * k))
                    .collect();
                tellings.add(article, &told);
            }
            let index = tellings.index();
            let anchors = |told: Vec<ArticleEvent>| -> Vec<usize> {
                told.iter().map(|told| told.anchor.start).collect()
            };
            for article in 0..counts.len() + 2 {
                let read: Vec<ArticleEvent> = index
                    .tellings()
                    .map(|(_, told)| told)
                    .filter(|told| told.article == article)
                    .collect();
                proptest::prop_assert_eq!(anchors(index.told_by(article)), anchors(read));
            }
        }
    }

    #[test]
    fn an_event_keeps_its_first_few_articles_and_counts_the_rest() {
        let mut tellings = Tellings::default();
        for article in 0..5 {
            let mut told = mention(&[1, 2], Some((2019, 4, 25)), 10 * article);
            told.tense = if article == 0 {
                Tense::Future
            } else {
                Tense::Past
            };
            tellings.add(article, &[told]);
        }
        let mut planned = mention(&[1, 2], Some((2024, 6, 19)), 90);
        planned.tense = Tense::Future;
        tellings.add(5, &[planned.clone()]);
        tellings.add(6, &[planned]);
        let index = tellings.index();
        let [met, announced] = index.events.as_slice() else {
            panic!("two events: {:?}", index.events);
        };
        assert_eq!(met.first_tellings, vec![0, 1, 2]);
        assert_eq!(met.articles, 5);
        assert!(!met.planned);
        assert_eq!(announced.first_tellings, vec![5, 6]);
        assert_eq!(announced.articles, 2);
        assert!(announced.planned);
    }

    #[test]
    fn an_article_merges_its_mentions_of_one_event() {
        let mut tellings = Tellings::default();
        tellings.add(
            0,
            &[
                mention(&[1, 2], Some((2019, 4, 25)), 0),
                mention(&[1, 2], Some((2019, 4, 25)), 50),
                mention(&[1, 2], Some((2023, 9, 13)), 90),
            ],
        );
        let index = tellings.index();
        assert_eq!(index.told_count(), 2);
        assert_eq!(index.told_by(0).len(), 2);
        assert_eq!(index.told(0).map(|told| told.anchor), Some(Span::new(0, 6)));
    }

    #[test]
    fn a_coarse_date_joins_the_one_event_it_overlaps_and_no_event_when_it_overlaps_two() {
        let coarse = |year: i32, month: u32, at: usize| {
            let mut told = mention(&[1, 2], None, at);
            told.date = Some(DateSlot {
                value: DateValue::Quarter {
                    year,
                    quarter: (month - 1) / 3 + 1,
                },
                span: Span::new(at + 10, at + 20),
                relative: false,
            });
            told
        };
        let mut tellings = Tellings::default();
        // Each told by several articles: each telling must land where the first one did.
        for article in 0..3 {
            let at = 100 * article;
            tellings.add(
                article,
                &[
                    mention(&[1, 2], Some((2019, 4, 25)), at),
                    mention(&[1, 2], Some((2020, 1, 10)), at + 30),
                    mention(&[1, 2], Some((2020, 2, 20)), at + 60),
                ],
            );
        }
        for article in 3..5 {
            // The second quarter of 2019 holds one meeting; the first of 2020, two.
            tellings.add(article, &[coarse(2019, 5, 0), coarse(2020, 2, 40)]);
        }
        let index = tellings.index();
        let days: Vec<(NaiveDate, NaiveDate)> = index
            .events
            .iter()
            .map(|event| (event.from, event.to))
            .collect();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            days,
            [
                (day(2019, 4, 25), day(2019, 4, 25)),
                (day(2020, 1, 10), day(2020, 1, 10)),
                (day(2020, 2, 20), day(2020, 2, 20))
            ]
        );
        let events: Vec<Option<usize>> = (0..index.told_count())
            .map(|position| event_at(&index, position))
            .collect();
        let fine = [Some(0), Some(1), Some(2)];
        assert_eq!(events[..9], [fine, fine, fine].concat());
        assert_eq!(events[9..], [Some(0), None, Some(0), None]);
        assert_eq!(index.events[0].articles, 5);
        assert_eq!(index.events[0].first_tellings, vec![0, 3, 6]);
    }
}
