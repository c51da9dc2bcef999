//! `sequence`: ordinal numbering ("their third summit") that disagrees with the dated timeline
//! of the series, or two different events given the same ordinal.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{article_name, describe_date, ordinal_suffix, participants, Check};
use crate::analysis::Analysis;
use crate::events::{ArticleEvent, Earlier, Event, Having, SeriesKey};
use crate::finding::{Finding, Help, Label, Labels};
use crate::mentions::Counting;
use crate::pack::{CheckSpec, Pack};

pub struct Sequence;

impl Check for Sequence {
    const DOC: &'static str = "\
What it does: builds the dated timeline of each series of events (an event type between the \
same participants, e.g. meetings between two leaders) from every article, then checks each \
ordinal (\"their third summit\") against it: an event numbered n cannot have n or more distinct \
dated events of its series before it. Two different dated events given the same ordinal are \
flagged too.
Why it matters: a wrong count usually means an event was missed, invented or misdated \
somewhere in the dossier; the finding lists the timeline so you can see which.
Example: \"their third summit\" in July 2024 while the corpus dates meetings to April 2019, \
April 2022 and September 2023.
A missing event is no contradiction: a corpus may know fewer events than the ordinal implies, \
so only too many earlier events are reported. An ordinal with \"in more than two decades\" \
belongs to the interval check.";

    fn run(spec: &CheckSpec, analysis: &Analysis, pack: &Pack, found: &mut dyn FnMut(Finding)) {
        let index = &analysis.events;
        let mut same_ordinal: BTreeMap<(Arc<SeriesKey>, u32), BTreeMap<usize, Called>> =
            BTreeMap::new();
        // The article events that give an ordinal are read in order and checked a block at a
        // time, each block's in parallel, its results taken in order before the next: what
        // waits is a block's, not the corpus's. Each worker keeps one description memo from
        // block to block, so that it describes an event once (a memo for each piece of work
        // described every event again in each, and two threads cut a block into many more
        // pieces than one).
        let workers = rayon::current_num_threads().max(1);
        let memos: Vec<Mutex<Described>> = (0..workers)
            .map(|_| Mutex::new(Described::new(analysis)))
            .collect();
        let mut numbered = index.tellings_having(Having::Ordinal);
        loop {
            let block: Vec<(usize, ArticleEvent)> =
                numbered.by_ref().take(TELLINGS_PER_BLOCK).collect();
            if block.is_empty() {
                break;
            }
            let per_chunk = block.len().div_ceil(workers * CHUNKS_PER_WORKER);
            let checked: Vec<Numbered> = block
                .par_chunks(per_chunk.max(1))
                .flat_map_iter(|chunk| {
                    // A worker locks only its own memo, and nothing below calls into rayon (which
                    // could start another piece on this thread): the lock never waits.
                    let worker = rayon::current_thread_index().unwrap_or(0) % workers;
                    let mut described = memos[worker]
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    chunk
                        .iter()
                        .flat_map(|(position, event)| {
                            check_ordinals(spec, analysis, pack, &mut described, *position, event)
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            for numbered in checked {
                match numbered {
                    Numbered::Miscount(finding) => found(*finding),
                    Numbered::ToCompare {
                        position,
                        article,
                        series,
                        n,
                        event,
                    } => same_ordinal
                        .entry((series, n))
                        .or_default()
                        .entry(event)
                        .or_default()
                        .add(position, article),
                }
            }
        }
        let mut described = memos
            .into_iter()
            .next()
            .map(|memo| {
                memo.into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            })
            .unwrap_or_else(|| Described::new(analysis));
        for ((series, n), events) in same_ordinal {
            if let Some(finding) =
                same_ordinal_twice(spec, analysis, &mut described, pack, &series, n, &events)
            {
                found(finding);
            }
        }
    }
}

/// Article events checked at once: enough to share among threads, few enough to hold.
const TELLINGS_PER_BLOCK: usize = 1 << 13;

/// Pieces a block is cut into for each worker, so that one slow piece does not hold up the
/// others.
const CHUNKS_PER_WORKER: usize = 4;

/// Tellings that call one event by one ordinal, of which a finding labels the first
/// [`LABELED_PER_EVENT`]: a big event is called so by thousands.
#[derive(Debug, Default)]
struct Called {
    first: Vec<usize>,
    tellings: usize,
    articles: usize,
    last_article: Option<usize>,
}

/// Tellings of each event a same-ordinal finding labels.
const LABELED_PER_EVENT: usize = 5;

impl Called {
    /// Adds the telling at `position`, told in `article`, which comes after the others.
    fn add(&mut self, position: usize, article: usize) {
        if self.first.len() < LABELED_PER_EVENT {
            self.first.push(position);
        }
        self.tellings += 1;
        if self.last_article != Some(article) {
            self.last_article = Some(article);
            self.articles += 1;
        }
    }
}

/// What an ordinal of an article event gives: a finding of too many earlier events, or a
/// number left to compare with other events given the same one. Most article events give
/// nothing, and hold nothing while the others are checked.
enum Numbered {
    /// Boxed: most results are numbers to compare, and each is as big as the biggest variant.
    Miscount(Box<Finding>),
    ToCompare {
        position: usize,
        article: usize,
        series: Arc<SeriesKey>,
        n: u32,
        /// The event the telling belongs to.
        event: usize,
    },
}

fn check_ordinals(
    spec: &CheckSpec,
    analysis: &Analysis,
    pack: &Pack,
    described: &mut Described,
    position: usize,
    event: &ArticleEvent,
) -> Vec<Numbered> {
    let index = &analysis.events;
    let mut numbered = Vec::new();
    if spec
        .event
        .is_some_and(|wanted| wanted != event.series.event_type)
        || event.since.is_some()
    {
        return numbered;
    }
    let Some(start) = earliest_day(analysis, event) else {
        return numbered;
    };
    let mut ordinals: Vec<(Counting, u32)> = event
        .ordinals
        .iter()
        .map(|ordinal| (ordinal.counts, ordinal.n))
        .collect();
    ordinals.sort_unstable();
    ordinals.dedup();
    for (counts, n) in ordinals {
        let Some(earlier) = index.counted_before(event, counts, start) else {
            continue;
        };
        let counted = Counted::new(pack, event, counts);
        if earlier.count as u32 >= n {
            let mut finding =
                too_many_before(spec, analysis, described, &counted, event, n, &earlier);
            // Settled as it is made, not when the check returns: a big corpus has tens of
            // thousands of these, and their spare room would all be held at once.
            finding.settle();
            numbered.push(Numbered::Miscount(Box::new(finding)));
        } else if counts == Counting::Meetings {
            // A miscount is explained above; the rest are compared with each other.
            if let Some(event_index) = index.event_of(event) {
                numbered.push(Numbered::ToCompare {
                    position,
                    article: event.article,
                    series: Arc::clone(&event.series),
                    n,
                    event: event_index,
                });
            }
        }
    }
    numbered
}

/// How findings describe an event (its date, the articles telling of it), worked out once
/// per event: a dossier's big events are told by thousands of articles and cited by many
/// findings, so describing them afresh each time would grow with the square of the corpus.
struct Described<'a> {
    analysis: &'a Analysis,
    memo: BTreeMap<usize, (String, String)>,
    /// The labels of an event listed in a timeline, by (event, its number there), with the
    /// noun they were made for.
    listed: BTreeMap<(usize, usize), NounLabels>,
    /// Miscount helps' shared parts by what they count: noun, participants, earlier events.
    timelines: BTreeMap<TimelineKey, (Arc<str>, Arc<str>)>,
    /// The message of an ordinal's label ("numbered 3rd here"), by its number: a finding
    /// that two events share an ordinal labels every telling of it, thousands in a big corpus.
    numbered: BTreeMap<u32, Arc<str>>,
}

type TimelineKey = (String, String, usize, Vec<usize>);

/// Labels made for one noun ("meeting", "visit").
type NounLabels = (String, Arc<[Label]>);

impl<'a> Described<'a> {
    fn new(analysis: &'a Analysis) -> Self {
        Described {
            analysis,
            memo: BTreeMap::new(),
            listed: BTreeMap::new(),
            timelines: BTreeMap::new(),
            numbered: BTreeMap::new(),
        }
    }

    /// "numbered 3rd here", one copy per number.
    fn numbered_here(&mut self, n: u32) -> Arc<str> {
        let message = self
            .numbered
            .entry(n)
            .or_insert_with(|| format!("numbered {} here", ordinal_suffix(n)).into());
        Arc::clone(message)
    }

    /// The labels of event `index` listed as the `number`th `noun` of a timeline: one run,
    /// shared by every finding that lists the event so (a big event is listed by thousands).
    fn listed(&mut self, index: usize, number: usize, noun: &str) -> Arc<[Label]> {
        if let Some((known_noun, labels)) = self.listed.get(&(index, number)) {
            if known_noun == noun {
                return Arc::clone(labels);
            }
        }
        let (date, _) = self.event(index);
        let message: Arc<str> = format!("{} {noun}, {date}", ordinal_suffix(number as u32)).into();
        let analysis = self.analysis;
        let labels: Arc<[Label]> =
            event_labels(analysis, &analysis.events.events[index], message).into();
        self.listed
            .insert((index, number), (noun.to_string(), Arc::clone(&labels)));
        labels
    }

    /// The help of a miscount, but for its own line: the timeline of the events counted before
    /// it, and the closing sentence. One pair per count, shared by every finding that counts
    /// the same events (a big corpus has thousands).
    fn timeline(&mut self, counted: &Counted, earlier: &Earlier) -> (Arc<str>, Arc<str>) {
        let (noun, who) = (&counted.noun, &counted.who);
        let key = (
            noun.clone(),
            who.clone(),
            earlier.count,
            earlier.recent.clone(),
        );
        if let Some(known) = self.timelines.get(&key) {
            return known.clone();
        }
        let mut lines = vec![format!("Timeline of {noun}s {who} in this corpus:")];
        // Only the most recent earlier events are named; a long series is summarised.
        let unnamed = earlier.count - earlier.recent.len();
        if unnamed > 0 {
            lines.push(format!("  1.–{unnamed}. (earlier {noun}s, not listed)"));
        }
        for (offset, &other) in earlier.recent.iter().enumerate() {
            let (date, sources) = self.event(other);
            lines.push(format!("  {}. {date} — {sources}", unnamed + offset + 1));
        }
        lines.push(String::new());
        let closing = format!(
            "\nEither this {noun} is the {}, or one of the earlier ones is misdated or did not take place.",
            ordinal_suffix(earlier.count as u32 + 1)
        );
        let shared = (Arc::from(lines.join("\n")), Arc::from(closing));
        self.timelines.insert(key, shared.clone());
        shared
    }

    /// (date, sources) of event `index` of the event index.
    fn event(&mut self, index: usize) -> &(String, String) {
        let analysis = self.analysis;
        self.memo.entry(index).or_insert_with(|| {
            let event = &analysis.events.events[index];
            (event_date(analysis, event), sources(analysis, event))
        })
    }
}

/// What a count counts, in words: "meeting" "between A and B", "visit" "by A to C".
struct Counted {
    noun: String,
    who: String,
    counts: Counting,
}

impl Counted {
    fn new(pack: &Pack, event: &ArticleEvent, counts: Counting) -> Self {
        match (counts, event.visitor, event.destination) {
            (Counting::Visits, Some(visitor), Some(destination)) => Counted {
                noun: "visit".to_string(),
                who: format!(
                    "by {} to {}",
                    pack.entity(visitor).name,
                    pack.entity(destination).name
                ),
                counts,
            },
            _ => Counted {
                noun: pack.event(event.series.event_type).noun.clone(),
                who: format!("between {}", participants(pack, &event.series.participants)),
                counts,
            },
        }
    }
}

/// The first day the event can have happened: its date, or for an undated announced event the
/// publication date of its article.
fn earliest_day(analysis: &Analysis, event: &ArticleEvent) -> Option<NaiveDate> {
    match event.bounds() {
        Some((from, _)) => Some(from),
        None if event.planned() => analysis.articles.published(event.article),
        None => None,
    }
}

/// The labels of the ordinals `n` of `event` that count `counts`, the first one primary; all
/// say `message` ("numbered 3rd here").
fn ordinal_labels(
    event: &ArticleEvent,
    counts: Counting,
    n: u32,
    message: &Arc<str>,
) -> Vec<Label> {
    event
        .ordinals
        .iter()
        .filter(|ordinal| ordinal.n == n && ordinal.counts == counts)
        .enumerate()
        .map(|(i, ordinal)| {
            let message = Arc::clone(message);
            if i == 0 {
                Label::primary(event.article, ordinal.span, message)
            } else {
                Label::related(event.article, ordinal.span, message)
            }
        })
        .collect()
}

/// One label per article telling of `event` (the first few articles): on its date where it has
/// one.
fn event_labels(analysis: &Analysis, event: &Event, message: Arc<str>) -> Vec<Label> {
    event
        .first_tellings
        .iter()
        .filter_map(|&first| {
            let told = analysis.events.told(first)?;
            let span = told.date.map_or(told.anchor, |slot| slot.span);
            Some(Label::related(told.article, span, Arc::clone(&message)))
        })
        .collect()
}

/// The articles telling of `event`: the first few by name, the rest counted.
fn sources(analysis: &Analysis, event: &Event) -> String {
    let names: Vec<String> = event
        .first_tellings
        .iter()
        .filter_map(|&first| analysis.events.told_in(first))
        .map(|article| article_name(analysis, article))
        .collect();
    let more = event.articles.saturating_sub(names.len());
    if more > 0 {
        format!("{} and {more} more", names.join(", "))
    } else {
        names.join(", ")
    }
}

fn event_date(analysis: &Analysis, event: &Event) -> String {
    let date = event
        .first_tellings
        .first()
        .and_then(|&first| analysis.events.told(first)?.date)
        .map(|slot| describe_date(&slot.value))
        .unwrap_or_else(|| event.from.to_string());
    if event.planned {
        format!("{date} (announced)")
    } else {
        date
    }
}

fn too_many_before(
    spec: &CheckSpec,
    analysis: &Analysis,
    described: &mut Described,
    counted: &Counted,
    event: &ArticleEvent,
    n: u32,
    earlier: &Earlier,
) -> Finding {
    let (noun, who) = (&counted.noun, &counted.who);
    let here = described.numbered_here(n);
    let mut labels = Labels::from(ordinal_labels(event, counted.counts, n, &here));
    let unnamed = earlier.count - earlier.recent.len();
    for (offset, &other) in earlier.recent.iter().enumerate() {
        labels.share(described.listed(other, unnamed + offset + 1, noun));
    }
    let (timeline, closing) = described.timeline(counted, earlier);
    let this_date = event
        .date
        .map(|slot| describe_date(&slot.value))
        .unwrap_or_else(|| "after publication".to_string());
    let own_line = format!(
        "  {}. {} — {}, numbered {} there",
        earlier.count + 1,
        this_date,
        article_name(analysis, event.article),
        ordinal_suffix(n)
    );
    Finding {
        rule: spec.id.clone(),
        check: spec.kind,
        severity: spec.severity,
        message: format!(
            "numbered {}, but the corpus dates {} earlier {noun}s {who}",
            ordinal_suffix(n),
            earlier.count
        ),
        help: Some(Help::of_pieces([timeline, own_line.into(), closing])),
        labels,
    }
}

/// Different events of one series given the same ordinal `n`, each with the tellings that
/// call it so (in event order): a finding that labels the first few tellings of each.
fn same_ordinal_twice(
    spec: &CheckSpec,
    analysis: &Analysis,
    described: &mut Described,
    pack: &Pack,
    series: &SeriesKey,
    n: u32,
    events: &BTreeMap<usize, Called>,
) -> Option<Finding> {
    if events.len() < 2 {
        return None;
    }
    let index = &analysis.events;
    let noun = &pack.event(series.event_type).noun;
    let who = participants(pack, &series.participants);
    let nth = ordinal_suffix(n);
    let here = described.numbered_here(n);
    let mut labels = Vec::new();
    let mut dates = Vec::new();
    let mut some_unlabeled = false;
    for (&event_index, called) in events {
        let (date, sources) = described.event(event_index);
        let calls = match called.articles {
            1 => "1 article calls it".to_string(),
            many => format!("{many} articles call it"),
        };
        dates.push(format!("{date} ({sources}; {calls} the {nth})"));
        some_unlabeled |= called.tellings > called.first.len();
        for told in called
            .first
            .iter()
            .filter_map(|&position| index.told(position))
        {
            let mut own = ordinal_labels(&told, Counting::Meetings, n, &here);
            if !labels.is_empty() {
                for label in &mut own {
                    label.primary = false;
                }
            }
            labels.extend(own);
        }
    }
    let mut help = format!(
        "The {nth} {noun} is dated {}. Only one of them can be the {nth}.",
        dates.join(" and ")
    );
    if some_unlabeled {
        help.push_str(&format!(
            "\nThe labels show where the first {LABELED_PER_EVENT} tellings of each call it so."
        ));
    }
    Some(Finding {
        rule: spec.id.clone(),
        check: spec.kind,
        severity: spec.severity,
        message: format!(
            "{} different {noun}s between {who} are each called the {nth}",
            events.len(),
        ),
        help: Some(help.into()),
        labels: labels.into(),
    })
}
