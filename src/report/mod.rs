//! Reports: findings resolved to the bytes of the files they cite, then printed by one
//! [`Reporter`] per output format.

mod excerpt;
mod github;
mod human;
mod json;
mod jsonl;
pub(crate) mod pretty;
mod quotes;
mod sarif;
mod spelled;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::analysis::ArticleRecords;
use crate::baseline::{Baseline, Entry, Matcher};
use crate::cli::Format;
use crate::corpus::{self, Origin, PublishedFrom, SourceMap};
use crate::finding::runs::SortedFindings;
use crate::finding::{Finding, Label, Run};
use crate::pack::Severity;
use crate::pipeline::{InputProblem, Outcome};
use crate::position::Cursor;

pub use excerpt::Excerpts;
pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use jsonl::Jsonl;
pub use quotes::Quotes;
pub use sarif::Sarif;

/// A label as the report contract gives it: offsets into the file as read.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ResolvedLabel {
    /// Shared by every label citing the same source.
    pub path: Arc<str>,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub primary: bool,
    pub message: Arc<str>,
    /// Where the label is in the file itself, for formats that address files by line: the
    /// file path, and for a JSONL article its line (the offsets are then into its `text`).
    #[serde(skip)]
    pub location: FileLocation,
}

/// A label's place in terms of the file on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileLocation {
    pub file: Arc<str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The label's start and length in characters of the file, when its offsets address the
    /// file itself (not a line of a JSONL file).
    pub chars: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResolvedFinding {
    pub rule: String,
    pub check: String,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub labels: Vec<ResolvedLabel>,
}

/// An article as the JSON report lists it. Kept as it is and spelled out when written: a big
/// corpus lists hundreds of thousands.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleEntry {
    #[serde(rename = "path", serialize_with = "spelled::origin")]
    pub origin: Origin,
    #[serde(serialize_with = "spelled::day")]
    pub published: Option<chrono::NaiveDate>,
    pub published_from: PublishedFrom,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub articles: usize,
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// The report of a lint run, as the JSON contract spells it. Its findings are not held: each
/// is put together from its located labels as a [`Reporter`] asks for the next, printed and
/// dropped, and the summary, the statistics and the baseline comparison count it on its way.
pub struct Report {
    pub tool: Tool,
    /// The finding counts are complete once every finding has been taken.
    pub summary: Summary,
    /// Findings per rule; only with `--statistics`, complete once every finding is taken.
    pub statistics: Option<BTreeMap<String, usize>>,
    /// What `--baseline` matched, left new and found stale; set once every finding is taken.
    pub baseline: Option<crate::baseline::Comparison>,
    /// Where the sources labels point into can be read again, for renderers that quote them.
    pub quotes: Quotes,
    /// The checks that ran, for formats that describe rules (SARIF).
    pub rules: Vec<RuleInfo>,
    pending: Pending,
    sources: Sources,
    /// The baseline the findings are compared with, until the last finding is taken.
    matcher: Option<Matcher>,
    /// The baseline entries of every finding, the known ones included, for `--write-baseline`.
    entries: Option<Vec<Entry>>,
}

/// A check as formats that list rules describe it.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub id: String,
    pub kind: String,
    pub severity: Severity,
    pub summary: String,
    pub documentation: String,
}

/// The findings about the input itself, which no pack declares: (id, severity, summary).
const INPUT_RULES: &[(&str, Severity, &str)] = &[
    (
        "input/article",
        Severity::Error,
        "An article that cannot be read or decoded (binary, empty, invalid, too large).",
    ),
    (
        "input/undated",
        Severity::Info,
        "An article without a publication date: its relative dates stay unresolved.",
    ),
];

impl RuleInfo {
    /// The checks of the pack, then the built-in input rules.
    pub fn of_pack(pack: &crate::pack::Pack) -> Vec<RuleInfo> {
        let builtin = INPUT_RULES.iter().map(|(id, severity, summary)| RuleInfo {
            id: id.to_string(),
            kind: crate::checks::CheckKind::Input.name().to_string(),
            severity: *severity,
            summary: summary.to_string(),
            documentation: crate::checks::CheckKind::Input.doc().to_string(),
        });
        pack.checks
            .iter()
            .map(|spec| RuleInfo {
                id: spec.id.clone(),
                kind: spec.kind.name().to_string(),
                severity: spec.severity,
                summary: spec.summary.clone(),
                documentation: if spec.description.is_empty() {
                    spec.kind.doc().to_string()
                } else {
                    format!("{}\n\n{}", spec.description.trim(), spec.kind.doc())
                },
            })
            .chain(builtin)
            .collect()
    }
}

/// A JSON writing error as an I/O error, keeping its kind (a closed pipe stays a closed pipe).
pub(crate) fn json_error(error: serde_json::Error) -> io::Error {
    match error.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(error),
    }
}

/// One output format. A reporter takes the report's findings one at a time
/// ([`Report::next_finding`]) and writes each before it takes the next.
pub trait Reporter {
    fn write(&self, report: &mut Report, out: &mut dyn Write) -> io::Result<()>;
}

/// The printer of an output format: the one place a format is mapped to its code.
pub fn reporter(format: Format, color: bool, quiet: bool) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(Human {
            color,
            width: 100,
            quiet,
        }),
        Format::Json => Box::new(Json),
        Format::Jsonl => Box::new(Jsonl),
        Format::Sarif => Box::new(Sarif),
        Format::Github => Box::new(Github),
    }
}

/// The report of `outcome`, whose findings' messages move into it rather than being copied.
/// Their labels are located as the findings are taken, a chunk at a time, by reading the cited
/// sources again (only those).
///
/// `keep_text` keeps where every cited source can be read again, for renderers that quote them.
pub fn build(outcome: Outcome, keep_text: bool, rules: Vec<RuleInfo>) -> Report {
    build_in_chunks(outcome, keep_text, rules, LABELS_PER_CHUNK)
}

/// [`build`], locating about `labels_per_chunk` labels at a time.
fn build_in_chunks(
    outcome: Outcome,
    keep_text: bool,
    rules: Vec<RuleInfo>,
    labels_per_chunk: usize,
) -> Report {
    let summary = Summary {
        articles: outcome.articles.len(),
        claims: outcome.claim_count(),
        ..Summary::default()
    };
    Report {
        tool: Tool {
            name: "claimlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary,
        statistics: None,
        baseline: None,
        quotes: Quotes::default(),
        rules,
        pending: Pending {
            findings: outcome.findings,
            chunk: Vec::new().into_iter(),
            located: LocatedLabels::default(),
            keep_text,
            labels_per_chunk,
            chunks_located: 0,
        },
        sources: Sources {
            articles: outcome.articles,
            problems: outcome.problems,
            kept: outcome.kept_sources,
        },
        matcher: None,
        entries: None,
    }
}

/// What labels point into: the articles, the input problems after them, and the sources that
/// cannot be read again (standard input).
struct Sources {
    articles: ArticleRecords,
    problems: Vec<InputProblem>,
    kept: BTreeMap<Origin, Vec<u8>>,
}

impl Sources {
    /// The origin of source `index`: an article, then an input problem.
    fn origin(&self, index: usize) -> Option<Origin> {
        crate::pipeline::source_origin(&self.articles, &self.problems, index)
    }

    /// The origin of source `index`, with where its line starts for a JSONL article.
    fn placed_origin(&self, index: usize) -> Option<(Origin, Option<u64>)> {
        match self.articles.placed_origin(index) {
            Some(placed) => Some(placed),
            None => self.origin(index).map(|origin| (origin, None)),
        }
    }
}

impl Report {
    /// The articles, as the JSON report lists them, in order.
    pub fn articles(&self) -> impl Iterator<Item = ArticleEntry> + '_ {
        self.sources
            .articles
            .dated_origins()
            .map(|(origin, published, published_from)| ArticleEntry {
                origin,
                published,
                published_from,
            })
    }

    /// Counts the findings per rule as they are taken.
    pub fn count_by_rule(&mut self) {
        self.statistics = Some(BTreeMap::new());
    }

    /// Leaves out the findings `baseline` knows; [`Report::baseline`] tells what it matched.
    pub fn compare_with(&mut self, baseline: Baseline) {
        self.matcher = Some(Matcher::new(baseline));
    }

    /// Records the baseline entry of every finding, for [`Report::take_entries`].
    pub fn record_entries(&mut self) {
        self.entries = Some(Vec::new());
    }

    /// The next finding to print, with its labels resolved, and counted.
    pub fn next_finding(&mut self) -> Option<ResolvedFinding> {
        loop {
            let Some(finding) = self.pending.next(&self.sources, &mut self.quotes) else {
                if let Some(matcher) = self.matcher.take() {
                    self.baseline = Some(matcher.finish());
                }
                return None;
            };
            if let Some(entries) = &mut self.entries {
                entries.push(crate::baseline::entry(&finding));
            }
            if let Some(matcher) = &mut self.matcher {
                if matcher.knows(&finding) {
                    continue;
                }
            }
            match finding.severity {
                Severity::Error => self.summary.errors += 1,
                Severity::Warning => self.summary.warnings += 1,
                Severity::Info => self.summary.infos += 1,
            }
            if let Some(statistics) = &mut self.statistics {
                *statistics.entry(finding.rule.clone()).or_insert(0) += 1;
            }
            return Some(finding);
        }
    }

    /// The next findings to print, [`FINDINGS_PER_BATCH`] at most and about
    /// [`LABELS_PER_BATCH`] labels (none once all are taken): enough to share among threads,
    /// few enough to hold. A finding that lists thousands of tellings fills a batch alone.
    pub fn next_batch(&mut self) -> Vec<ResolvedFinding> {
        // The batch starts in the chunk being taken, or in the next one.
        self.quotes.forget_before(self.pending.chunks_located);
        let mut batch = Vec::new();
        let mut labels = 0;
        while batch.len() < FINDINGS_PER_BATCH && labels < LABELS_PER_BATCH {
            let Some(finding) = self.next_finding() else {
                break;
            };
            labels += finding.labels.len();
            batch.push(finding);
        }
        batch
    }

    /// Every finding left, a batch at a time (see [`Report::next_batch`]): `prepare` takes
    /// what rendering a batch needs of the report, `render` renders it (sharing it among
    /// threads, if it will) while the next batch is taken, and `write` gets the batches
    /// rendered, in order. Taking a batch (reading the findings back, locating their labels)
    /// would otherwise leave every other thread idle between batches.
    pub fn render_batches<P: Send, R: Send>(
        &mut self,
        prepare: impl Fn(&Report, &[ResolvedFinding]) -> P,
        render: impl Fn(&[ResolvedFinding], P) -> io::Result<R> + Sync,
        mut write: impl FnMut(R) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut batch = self.next_batch();
        while !batch.is_empty() {
            let prepared = prepare(self, &batch);
            let (rendered, next) = rayon::join(|| render(&batch, prepared), || self.next_batch());
            write(rendered?)?;
            batch = next;
        }
        Ok(())
    }

    /// Why findings written out to a temporary file could not all be read back, if so: the
    /// report then lacks them.
    pub fn findings_error(&self) -> Option<&io::Error> {
        self.pending.findings.error()
    }

    /// Takes (and counts) the findings a reporter left, so the counts are complete.
    pub fn finish(&mut self) {
        while self.next_finding().is_some() {}
    }

    /// The baseline entries recorded since [`Report::record_entries`].
    pub fn take_entries(&mut self) -> Option<Vec<Entry>> {
        self.entries.take()
    }
}

/// Findings a reporter renders at once, in parallel, before writing them in order.
pub(crate) const FINDINGS_PER_BATCH: usize = 256;

/// Labels a reporter renders at once, about: each waits resolved, with its text and place.
const LABELS_PER_BATCH: usize = 4_096;

/// Labels located at once: the findings are taken in chunks of about this many labels, each
/// located in one pass through the sources it cites, so that a big corpus's findings do not
/// all wait with their labels located (a slot of up to 72 bytes each, and the label's text)
/// until they are printed. Each chunk reads its sources again: at 1 GB of news, 32,768 gave
/// the same peak as this and took half as long again to write the report.
const LABELS_PER_CHUNK: usize = 1 << 16;

/// The findings not yet printed: a chunk with its labels located, then the rest.
struct Pending {
    findings: SortedFindings,
    chunk: std::vec::IntoIter<Finding>,
    located: LocatedLabels,
    keep_text: bool,
    labels_per_chunk: usize,
    /// How many chunks were located: the number of the one being taken, counted from 1.
    chunks_located: usize,
}

/// The labels of a chunk of findings as located in their sources.
#[derive(Default)]
struct LocatedLabels {
    /// One per label, but one per run of labels that findings share; an empty slot is a
    /// label whose source is unknown, left out.
    slots: Vec<OnceLock<Located>>,
    /// The slot of each label, finding after finding, as many as it has.
    of_label: std::vec::IntoIter<usize>,
}

impl Pending {
    /// The next finding with its labels located; the labels of the next chunk are located
    /// when this one runs out.
    fn next(&mut self, sources: &Sources, quotes: &mut Quotes) -> Option<ResolvedFinding> {
        loop {
            if let Some(finding) = self.chunk.next() {
                return Some(resolve(finding, &mut self.located));
            }
            let mut chunk = Vec::new();
            let mut labels = 0;
            while labels < self.labels_per_chunk {
                let Some(finding) = self.findings.next() else {
                    break;
                };
                labels += finding.labels.len();
                chunk.push(finding);
            }
            if chunk.is_empty() {
                return None;
            }
            self.chunks_located += 1;
            if self.keep_text {
                quotes.begin_chunk(self.chunks_located);
            }
            self.located = locate_labels(sources, &chunk, quotes, self.keep_text);
            self.chunk = chunk.into_iter();
        }
    }
}

/// `finding` with the labels `located` found for it, which are the next ones there.
fn resolve(finding: Finding, located: &mut LocatedLabels) -> ResolvedFinding {
    let slots = located.of_label.by_ref().take(finding.labels.len());
    ResolvedFinding {
        check: finding.check.name().to_string(),
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        help: finding.help.map(|help| help.text()),
        labels: finding
            .labels
            .into_iter()
            .zip(slots)
            .filter_map(|(label, slot)| {
                let found = located.slots.get(slot)?.get()?;
                Some(found.to_label(label.primary, label.message))
            })
            .collect(),
    }
}

/// A label as found in its source: what the report needs of the source's bytes, kept small
/// since every label of the run waits in one until its finding is printed.
struct Located {
    source: Arc<SourceNames>,
    start: usize,
    end: usize,
    /// `None`: the source could not be read again.
    found: Option<Found>,
}

/// What a label's bytes say about it.
struct Found {
    line: usize,
    column: usize,
    /// Where it ends and its start in characters, for a label in a file of its own (a JSONL
    /// article's offsets are into its `text`, not the file). Boxed: a corpus of JSONL shards
    /// has none, and every label waits in one of these.
    in_file: Option<Box<InFile>>,
    text: Box<str>,
}

struct InFile {
    end_line: usize,
    end_column: usize,
    chars_before: usize,
}

impl Located {
    fn to_label(&self, primary: bool, message: Arc<str>) -> ResolvedLabel {
        let path = Arc::clone(&self.source.article);
        let file = Arc::clone(&self.source.file);
        let Some(found) = &self.found else {
            // The file vanished or cannot be re-read: keep the offsets, say nothing of text.
            return ResolvedLabel {
                location: FileLocation {
                    file: Arc::clone(&path),
                    ..FileLocation::default()
                },
                path,
                start: self.start,
                end: self.end,
                line: 0,
                column: 0,
                text: String::new(),
                primary,
                message,
            };
        };
        let location = match &found.in_file {
            Some(place) => FileLocation {
                file,
                line: found.line,
                column: found.column,
                end_line: place.end_line,
                end_column: place.end_column,
                chars: Some((place.chars_before, found.text.chars().count())),
            },
            // A JSONL article: the file is addressed by the article's line.
            None => {
                let line = self.source.jsonl_line.unwrap_or_default();
                FileLocation {
                    file,
                    line,
                    column: 1,
                    end_line: line,
                    end_column: 1,
                    chars: None,
                }
            }
        };
        ResolvedLabel {
            path,
            start: self.start,
            end: self.end,
            line: found.line,
            column: found.column,
            text: found.text.to_string(),
            primary,
            message,
            location,
        }
    }
}

/// Every label of the outcome's findings located in the cited sources: a slot per label, but
/// one per shared run of labels (a big event cited by thousands of timelines is located
/// once), and the slot of each label, finding after finding. The sources are read again file
/// by file: a JSONL shard once for all its cited lines, each text dropped once its labels are
/// located, so this holds one file per thread at a time; with `keep_text`, where each source
/// can be read again is kept.
fn locate_labels(
    sources: &Sources,
    findings: &[Finding],
    quotes: &mut Quotes,
    keep_text: bool,
) -> LocatedLabels {
    // The labels to locate, by the index of the source they cite (an article, then an input
    // problem): no origin is compared per label.
    let mut cited: Vec<Citing> = Vec::new();
    let mut of_label = Vec::new();
    let mut slot_count = 0;
    // The first slot of each shared run, by the run's address (alive as long as `findings`).
    let mut shared: FxHashMap<*const Label, usize> = FxHashMap::default();
    for finding in findings {
        for run in finding.labels.runs() {
            let (labels, known) = match run {
                Run::Own(labels) => (labels, None),
                Run::Shared(labels) => {
                    let address = labels.as_ptr();
                    let known = shared.get(&address).copied();
                    if known.is_none() {
                        shared.insert(address, slot_count);
                    }
                    (&labels[..], known)
                }
            };
            let first = known.unwrap_or(slot_count);
            if known.is_none() {
                slot_count += labels.len();
            }
            for (offset, label) in labels.iter().enumerate() {
                of_label.push(first + offset);
                // A run located once is not cited again.
                if known.is_some() {
                    continue;
                }
                cited.push(Citing {
                    label,
                    slot: first + offset,
                });
            }
        }
    }
    // Filled from any thread as groups are located: no group's labels wait for the others.
    let slots: Vec<OnceLock<Located>> = (0..slot_count).map(|_| OnceLock::new()).collect();
    cited.sort_by_key(|citing| citing.label.article);
    let cited_sources: Vec<(Origin, Option<u64>, &[Citing])> = cited
        .chunk_by(|a, b| a.label.article == b.label.article)
        .filter_map(|refs| {
            let (origin, line_start) = sources.placed_origin(refs[0].label.article)?;
            Some((origin, line_start, refs))
        })
        .collect();
    // One group per file (a shard's lines together), located in parallel. Groups fill their
    // own slots, so the order they run in does not show in the report.
    let mut by_file: FxHashMap<Option<&Path>, Vec<Citations>> = FxHashMap::default();
    for (origin, line_start, refs) in &cited_sources {
        by_file
            .entry(origin.path())
            .or_default()
            .push((origin, *line_start, refs));
    }
    let groups: Vec<Vec<Citations>> = by_file.into_values().collect();
    let rereads = groups
        .par_iter()
        .map(|group| locate_group(sources, group, &slots, keep_text))
        .reduce(Vec::new, |mut all, rereads| {
            all.extend(rereads);
            all
        });
    for (name, reread) in rereads {
        quotes.add(name, reread);
    }
    LocatedLabels {
        slots,
        of_label: of_label.into_iter(),
    }
}

/// A label citing a source, and its slot.
#[derive(Debug, Clone, Copy)]
struct Citing<'a> {
    label: &'a Label,
    slot: usize,
}

/// A source (with where its line starts, for a JSONL article) and the labels citing it.
type Citations<'a> = (&'a Origin, Option<u64>, &'a [Citing<'a>]);

/// Locates the labels citing the origins of one file (all cited lines of a shard, read once)
/// into their slots; with `keep_text`, gives where each source that was read can be read again.
fn locate_group(
    sources: &Sources,
    group: &[Citations],
    slots: &[OnceLock<Located>],
    keep_text: bool,
) -> Vec<(Arc<str>, quotes::Reread)> {
    let articles = &sources.articles;
    // The group's lines come in the order of their articles, which is their order in the
    // shard: it is read forward once, a line at a time.
    let mut shard: Option<ShardReader> = None;
    let mut shard_name = ShardName::default();
    let mut rereads = Vec::new();
    for &(origin, line_start, refs) in group {
        let read: Option<Vec<u8>>;
        let shard_line: Option<ShardLine>;
        // The source's bytes, and where they can be read again; none for standard input
        // that was not kept (claims extracted from it): its labels keep their offsets only.
        let (bytes, reread): (Option<&[u8]>, Option<quotes::Reread>) =
            if let Some(kept) = sources.kept.get(origin) {
                (
                    Some(kept),
                    Some(quotes::Reread::Kept(kept.as_slice().into())),
                )
            } else {
                match origin {
                    Origin::File(path) => {
                        read = std::fs::read(path).ok();
                        (
                            read.as_deref(),
                            Some(quotes::Reread::File(Arc::clone(path))),
                        )
                    }
                    Origin::JsonlLine { path, line } => {
                        shard_line = shard
                            .get_or_insert_with(|| ShardReader::open(path))
                            .line(*line, line_start);
                        let reread = shard_line.as_ref().map(|line| quotes::Reread::ShardLine {
                            path: Arc::clone(path),
                            bytes: line.bytes.clone(),
                        });
                        (shard_line.as_ref().map(|line| line.text.as_slice()), reread)
                    }
                    Origin::Stdin => (None, None),
                }
            };
        let names = Arc::new(SourceNames::of(origin, &mut shard_name));
        // Every label here cites the same source: its map, if it is an article, is unpacked once.
        let map = refs
            .first()
            .and_then(|citing| articles.get(citing.label.article))
            .map(|article| article.map);
        // In the order of their offsets, so that one walk through the bytes finds them all.
        let mut spans: Vec<((usize, usize), &Citing)> = refs
            .iter()
            .map(|citing| (source_span(map.as_ref(), citing.label, bytes), citing))
            .collect();
        spans.sort_unstable_by_key(|&(span, citing)| (span, citing.slot));
        let mut cursor = bytes.map(Cursor::new);
        for (span, citing) in spans {
            // A label of a shared run is located once, by the first finding citing it.
            slots[citing.slot].get_or_init(|| locate(&names, span, cursor.as_mut()));
        }
        if let (true, Some(_), Some(reread)) = (keep_text, bytes, reread) {
            rereads.push((Arc::clone(&names.article), reread));
        }
    }
    rereads
}

/// A cited line of a JSONL shard.
struct ShardLine {
    /// Its bytes' place in the file, without the line end.
    bytes: Range<u64>,
    /// The article text its JSON holds.
    text: Vec<u8>,
}

/// A JSONL shard read forward a line at a time for the lines a group cites: a shard of any
/// size is read once and held a line at a time.
struct ShardReader {
    path: Arc<Path>,
    /// `None` when the shard cannot be opened: its lines are gone.
    file: Option<io::BufReader<std::fs::File>>,
    /// The number (from 1) and offset of the next line to read.
    next: usize,
    offset: u64,
    buffer: Vec<u8>,
}

/// Bytes of a shard read at once.
const SHARD_READ: usize = 1 << 18;

impl ShardReader {
    fn open(path: &Arc<Path>) -> Self {
        let file = std::fs::File::open(path)
            .ok()
            .map(|file| io::BufReader::with_capacity(SHARD_READ, file));
        ShardReader {
            path: Arc::clone(path),
            file,
            next: 1,
            offset: 0,
            buffer: Vec::new(),
        }
    }

    /// Line `number`, if the shard still has it and it still holds an article; `line_start`
    /// is where the line started when it was checked, if known.
    fn line(&mut self, number: usize, line_start: Option<u64>) -> Option<ShardLine> {
        let (start, line) = self.raw_line(number, line_start)?;
        let text = corpus::jsonl_line_text(line)?;
        Some(ShardLine {
            bytes: start..start + line.len() as u64,
            text,
        })
    }

    /// Line `number` (from 1) without its line end, and its offset; `None` past the last
    /// line end. A line before the one read last is read again from the start. A line whose
    /// start is known is sought; the others are reached by counting lines.
    fn raw_line(&mut self, number: usize, line_start: Option<u64>) -> Option<(u64, &[u8])> {
        if number < self.next {
            *self = ShardReader::open(&self.path);
        }
        if let Some(start) = line_start.filter(|_| number > self.next) {
            if self.buffered_up_to(start) {
                self.seek_line(number, start);
            } else if let Some(line) = self.read_line_at(number, start) {
                return Some((start, &self.buffer[line]));
            }
        }
        let file = self.file.as_mut()?;
        // The lines before it are passed over in the reader's buffer, not copied out.
        while self.next < number {
            let skipped = skip_line(file)?;
            if skipped == 0 {
                return None;
            }
            self.next += 1;
            self.offset += skipped;
        }
        self.buffer.clear();
        let read = io::BufRead::read_until(file, b'\n', &mut self.buffer).ok()?;
        if read == 0 {
            return None;
        }
        let start = self.offset;
        self.next += 1;
        self.offset += read as u64;
        let line = self.buffer.strip_suffix(b"\n").unwrap_or(&self.buffer);
        Some((start, line))
    }

    /// Whether the byte before `start` is in the reader's buffer: a line there is reached
    /// without reading.
    fn buffered_up_to(&self, start: u64) -> bool {
        let Some(file) = self.file.as_ref() else {
            return false;
        };
        start
            .checked_sub(1)
            .is_some_and(|before| before < self.offset + file.buffer().len() as u64)
    }

    /// Reads line `number`, said to start at byte `start`, from the file itself: a line
    /// beyond the reader's buffer is read alone, not with the next [`SHARD_READ`] bytes, most
    /// of which hold no cited line when the findings cite a line in a hundred. Gives where the
    /// line (without its line end) lies in the buffer. `None` when the line is not there: past
    /// the end, or not after a line end (the shard changed since it was checked); the shard is
    /// then read again from the start, for the line to be counted to.
    fn read_line_at(&mut self, number: usize, start: u64) -> Option<Range<usize>> {
        match start
            .checked_sub(1)
            .and_then(|before| self.line_after(before))
        {
            Some((line, after)) => {
                self.next = number + 1;
                self.offset = after;
                Some(line)
            }
            None => {
                *self = ShardReader::open(&self.path);
                None
            }
        }
    }

    /// The line after byte `before`, which must end a line, read into the buffer: where it
    /// lies there, and the offset after it and its line end, where the reader is left.
    fn line_after(&mut self, before: u64) -> Option<(Range<usize>, u64)> {
        let file = self.file.as_mut()?;
        self.buffer.clear();
        io::Seek::seek(file, io::SeekFrom::Start(before)).ok()?;
        read_through_line_end(file.get_mut(), &mut self.buffer).ok()?;
        if self.buffer.first() != Some(&b'\n') {
            return None;
        }
        let (end, ended) = match memchr::memchr(b'\n', &self.buffer[1..]) {
            Some(at) => (at + 1, true),
            None => (self.buffer.len(), false),
        };
        // Nothing after the last line end is a line.
        if end == 1 && !ended {
            return None;
        }
        let after = before + end as u64 + u64::from(ended);
        io::Seek::seek(file, io::SeekFrom::Start(after)).ok()?;
        Some((1..end, after))
    }

    /// Moves to line `number`, said to start at byte `start`, if the byte before that ends a
    /// line. When it does not, the shard changed since it was checked: it is read again from
    /// the start, and the line is reached by counting.
    fn seek_line(&mut self, number: usize, start: u64) {
        let Some(file) = self.file.as_mut() else {
            return;
        };
        let Some(distance) = start
            .checked_sub(1)
            .and_then(|before| before.checked_sub(self.offset))
            .and_then(|distance| i64::try_from(distance).ok())
        else {
            return;
        };
        // Within the reader's buffer (`buffered_up_to`): no read.
        let mut before = [0u8; 1];
        let ends_a_line = file.seek_relative(distance).is_ok()
            && io::Read::read_exact(file, &mut before).is_ok()
            && before[0] == b'\n';
        if ends_a_line {
            self.next = number;
            self.offset = start;
        } else {
            *self = ShardReader::open(&self.path);
        }
    }
}

/// Bytes read at a time for a line read alone: a line of news, JSON and all, in one read.
const LINE_READ: usize = 8 << 10;

/// Appends `file`'s bytes to `into`, [`LINE_READ`] at a time, until a line end after the
/// first byte or the end of the file.
fn read_through_line_end(file: &mut impl io::Read, into: &mut Vec<u8>) -> io::Result<()> {
    loop {
        let filled = into.len();
        into.resize(filled + LINE_READ, 0);
        let read = read_some(file, &mut into[filled..]);
        into.truncate(filled + read.as_ref().map_or(0, |&read| read));
        let new = into.get(filled.max(1)..).unwrap_or_default();
        if read? == 0 || memchr::memchr(b'\n', new).is_some() {
            return Ok(());
        }
    }
}

/// One read into `into`, again if a signal interrupted it.
fn read_some(file: &mut impl io::Read, into: &mut [u8]) -> io::Result<usize> {
    loop {
        match file.read(into) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            read => return read,
        }
    }
}

/// Reads past one line and its line end; how many bytes it took (0 at the end of the file).
fn skip_line(reader: &mut impl io::BufRead) -> Option<u64> {
    let mut skipped = 0u64;
    loop {
        let available = reader.fill_buf().ok()?;
        if available.is_empty() {
            return Some(skipped);
        }
        let (taken, ended) = match memchr::memchr(b'\n', available) {
            Some(end) => (end + 1, true),
            None => (available.len(), false),
        };
        reader.consume(taken);
        skipped += taken as u64;
        if ended {
            return Some(skipped);
        }
    }
}

/// How the report names a source: the article (a JSONL article with its line) and the file.
struct SourceNames {
    article: Arc<str>,
    file: Arc<str>,
    /// For a JSONL article, its line in the file.
    jsonl_line: Option<usize>,
}

impl SourceNames {
    /// The names of `origin`; a JSONL article takes the name of its shard from `shard`.
    fn of(origin: &Origin, shard: &mut ShardName) -> Self {
        let article: Arc<str> = origin.to_string().into();
        let (file, jsonl_line) = match origin {
            Origin::JsonlLine { path, line } => (shard.of(path), Some(*line)),
            _ => (Arc::clone(&article), None),
        };
        SourceNames {
            article,
            file,
            jsonl_line,
        }
    }
}

/// The name of a JSONL shard, made once for all its cited lines: a big corpus cites hundreds
/// of thousands of them, and a name each would cost as much again as the labels.
#[derive(Default)]
struct ShardName(Option<(Arc<Path>, Arc<str>)>);

impl ShardName {
    fn of(&mut self, path: &Arc<Path>) -> Arc<str> {
        if let Some((known, name)) = &self.0 {
            if known == path {
                return Arc::clone(name);
            }
        }
        let name: Arc<str> = path.display().to_string().into();
        self.0 = Some((Arc::clone(path), Arc::clone(&name)));
        name
    }
}

/// Where a label's offsets point in its source (clamped to the bytes, when there are any).
fn source_span(map: Option<&SourceMap>, label: &Label, bytes: Option<&[u8]>) -> (usize, usize) {
    let (start, end) = match map {
        Some(map) => map.to_source(label.span.start, label.span.end),
        None => (label.span.start, label.span.end),
    };
    match bytes {
        Some(bytes) => {
            let end = end.min(bytes.len());
            (start.min(end), end)
        }
        None => (start, end),
    }
}

/// One label, at `start..end` of its source, found with `cursor` in the source's bytes
/// (`None`: the source is gone).
fn locate(
    source: &Arc<SourceNames>,
    (start, end): (usize, usize),
    cursor: Option<&mut Cursor>,
) -> Located {
    let source = Arc::clone(source);
    let Some(cursor) = cursor else {
        return Located {
            source,
            start,
            end,
            found: None,
        };
    };
    let at = cursor.position(start);
    let in_file = source.jsonl_line.is_none().then(|| {
        // Counted on from the label's start by a copy: the next label may start before this
        // one ends, and the cursor only walks forward.
        let until = cursor.clone().position(end);
        Box::new(InFile {
            end_line: until.line,
            end_column: until.column,
            chars_before: at.chars_before,
        })
    });
    Located {
        source,
        start,
        end,
        found: Some(Found {
            line: at.line,
            column: at.column,
            in_file,
            text: String::from_utf8_lossy(&cursor.bytes()[start..end]).into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_reader_finds_lines_by_number_with_their_offsets() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let found = |bytes: &[u8], wanted: &[usize]| -> Vec<(usize, u64, Vec<u8>)> {
            let path: Arc<Path> = dir.path().join("shard.jsonl").into();
            std::fs::write(&path, bytes).expect("writes");
            let mut reader = ShardReader::open(&path);
            wanted
                .iter()
                .filter_map(|&number| {
                    let (offset, line) = reader.raw_line(number, None)?;
                    Some((number, offset, line.to_vec()))
                })
                .collect()
        };
        let four = b"one\ntwo\n\nfour";
        let expected = [
            (1, 0, b"one".to_vec()),
            (3, 8, Vec::new()),
            (4, 9, b"four".to_vec()),
        ];
        assert_eq!(found(four, &[1, 3, 4, 9]), expected);
        // Asked backwards, it reads the shard again.
        assert_eq!(
            found(four, &[4, 1]),
            [expected[2].clone(), expected[0].clone()]
        );
        // No line follows the last line end.
        assert_eq!(
            found(b"one\ntwo\nthree\n", &[1, 3, 4]),
            [(1, 0, b"one".to_vec()), (3, 8, b"three".to_vec())]
        );
        assert_eq!(found(b"", &[1]), []);
    }

    #[test]
    fn a_shard_reader_seeks_lines_whose_start_is_known_and_counts_to_the_others() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path: Arc<Path> = dir.path().join("shard.jsonl").into();
        let found = |bytes: &[u8], wanted: &[(usize, Option<u64>)]| -> Vec<(u64, Vec<u8>)> {
            std::fs::write(&path, bytes).expect("writes");
            let mut reader = ShardReader::open(&path);
            wanted
                .iter()
                .filter_map(|&(number, start)| {
                    let (offset, line) = reader.raw_line(number, start)?;
                    Some((offset, line.to_vec()))
                })
                .collect()
        };
        // Long enough that a sought line lies beyond the reader's first buffer.
        let filler = "x".repeat(SHARD_READ);
        let lines = format!("one\n{filler}\nthree\n\nfive\nsix");
        let start = |line: &str| lines.find(line).map(|at| at as u64);
        let (three, five, six) = (start("three"), start("five"), start("six"));
        let expected = [
            (0, b"one".to_vec()),
            (three.unwrap_or(0), b"three".to_vec()),
            (five.unwrap_or(0), b"five".to_vec()),
            (six.unwrap_or(0), b"six".to_vec()),
        ];
        let counted = found(
            lines.as_bytes(),
            &[(1, None), (3, None), (5, None), (6, None)],
        );
        assert_eq!(counted, expected);
        let sought = found(
            lines.as_bytes(),
            &[(1, Some(0)), (3, three), (5, five), (6, six)],
        );
        assert_eq!(sought, expected);
        // Known starts mixed with counting, and a line asked for again.
        let mixed = found(
            lines.as_bytes(),
            &[(3, three), (5, None), (6, six), (1, Some(0))],
        );
        assert_eq!(mixed, [&expected[1..], &expected[..1]].concat());
        // The start is what is read: a line start given for another number is that line.
        let trusted = found(lines.as_bytes(), &[(5, three)]);
        assert_eq!(trusted, &expected[1..2]);
        // A start that is no line's start any more (the shard changed since it was checked):
        // the line is counted to instead.
        let wrong = found(lines.as_bytes(), &[(5, three.map(|at| at + 2)), (6, six)]);
        assert_eq!(wrong, &expected[2..]);
    }

    #[test]
    fn a_line_beyond_the_buffer_is_read_alone_whatever_its_length() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path: Arc<Path> = dir.path().join("shard.jsonl").into();
        let filler = "x".repeat(SHARD_READ);
        let long = "y".repeat(3 * LINE_READ + 5);
        let lines = format!("one\n{filler}\n{long}\nfour\n{filler}\nlast");
        std::fs::write(&path, &lines).expect("writes");
        let start = |line: &str| lines.find(line).map(|at| at as u64);
        let mut reader = ShardReader::open(&path);
        let mut line = |number: usize, start: Option<u64>| {
            reader
                .raw_line(number, start)
                .map(|(offset, line)| (offset, String::from_utf8_lossy(line).into_owned()))
        };
        // A line of several reads; the next counted to from its end; the last line, with no
        // line end, beyond the buffer again.
        let (long_at, four_at, last_at) = (start(&long), start("four"), start("last"));
        assert_eq!(line(3, long_at), long_at.map(|at| (at, long.clone())));
        assert_eq!(line(4, None), four_at.map(|at| (at, "four".to_string())));
        assert_eq!(line(6, last_at), last_at.map(|at| (at, "last".to_string())));
        assert_eq!(line(7, None), None);
        // Nothing follows the last line end: no line starts there. An empty line is a line.
        let end = (SHARD_READ + 5) as u64;
        std::fs::write(&path, format!("one\n{filler}\n")).expect("writes");
        let mut reader = ShardReader::open(&path);
        assert_eq!(reader.raw_line(3, Some(end)).map(|(at, _)| at), None);
        std::fs::write(&path, format!("one\n{filler}\n\nlast")).expect("writes");
        let mut reader = ShardReader::open(&path);
        let empty = reader
            .raw_line(3, Some(end))
            .map(|(at, line)| (at, line.to_vec()));
        assert_eq!(empty, Some((end, Vec::new())));
        assert_eq!(reader.raw_line(4, None).map(|(at, _)| at), Some(end + 1));
    }

    #[test]
    fn the_lines_of_one_shard_share_its_name() {
        let shard: Arc<Path> = Path::new("news/shard-1.jsonl").into();
        let other: Arc<Path> = Path::new("news/shard-2.jsonl").into();
        let mut names = ShardName::default();
        let line = |path: &Arc<Path>, line| Origin::JsonlLine {
            path: Arc::clone(path),
            line,
        };
        let first = SourceNames::of(&line(&shard, 3), &mut names);
        let second = SourceNames::of(&line(&shard, 9), &mut names);
        let third = SourceNames::of(&line(&other, 1), &mut names);
        assert_eq!(&*second.article, "news/shard-1.jsonl:9");
        assert_eq!(&*second.file, "news/shard-1.jsonl");
        assert!(Arc::ptr_eq(&first.file, &second.file));
        assert_eq!(&*third.file, "news/shard-2.jsonl");
        assert_eq!(third.jsonl_line, Some(1));
    }

    #[test]
    fn a_located_label_stays_small() {
        // Every label of a chunk waits in one of these until its finding is printed: 65,536 at
        // a time.
        assert!(std::mem::size_of::<OnceLock<Located>>() <= 72);
    }

    fn finding(rule: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.to_string(),
            check: crate::checks::CheckKind::Input,
            severity,
            message: format!("{rule} said"),
            help: None,
            labels: crate::finding::Labels::default(),
        }
    }

    fn report_of(findings: Vec<Finding>) -> Report {
        let outcome = Outcome {
            findings: findings.into(),
            ..Outcome::default()
        };
        build(outcome, false, Vec::new())
    }

    /// An undated article from `origin` whose text is its source's first `len` bytes.
    fn plain_article(origin: Origin, len: usize) -> crate::analysis::ArticleRecord {
        crate::analysis::ArticleRecord {
            origin,
            line_start: None,
            published: None,
            published_from: PublishedFrom::None,
            map: SourceMap::shifted(len, 0),
            claim_count: 0,
            weekday_dates: Box::default(),
            unresolved_dates: Box::default(),
            relations: Box::default(),
            titles: Box::default(),
        }
    }

    #[test]
    fn a_shared_run_of_labels_is_located_once_and_shown_in_every_finding() {
        let text = "Han met Voss in 2019.\nThey met again in 2022.\n";
        let article = plain_article(Origin::Stdin, text.len());
        let span_of = |word: &str| {
            let start = text.find(word).unwrap_or(0);
            crate::extract::Span::new(start, start + word.len())
        };
        let run: Arc<[Label]> = vec![
            Label::related(0, span_of("2019"), "1st meeting"),
            Label::related(0, span_of("2022"), "2nd meeting"),
        ]
        .into();
        let mut findings = Vec::new();
        for (rule, word) in [("a", "Han"), ("b", "Voss")] {
            let mut labels =
                crate::finding::Labels::from(vec![Label::primary(0, span_of(word), "here")]);
            labels.share(Arc::clone(&run));
            findings.push(Finding {
                labels,
                ..finding(rule, Severity::Error)
            });
        }
        let sources = Sources {
            articles: [article.clone()].into_iter().collect(),
            problems: Vec::new(),
            kept: [(Origin::Stdin, text.as_bytes().to_vec())].into(),
        };
        let located = locate_labels(&sources, &findings, &mut Quotes::default(), false);
        let outcome = Outcome {
            articles: [article].into_iter().collect(),
            findings: findings.into(),
            kept_sources: [(Origin::Stdin, text.as_bytes().to_vec())].into(),
            ..Outcome::default()
        };
        assert_eq!(located.slots.len(), 4);
        assert_eq!(located.of_label.as_slice(), [0, 1, 2, 3, 1, 2]);
        let mut report = build(outcome, false, Vec::new());
        let shown: Vec<Vec<(String, usize)>> = std::iter::from_fn(|| report.next_finding())
            .map(|finding| {
                finding
                    .labels
                    .iter()
                    .map(|label| (label.text.clone(), label.line))
                    .collect()
            })
            .collect();
        let expected = |word: &str| {
            vec![
                (word.to_string(), 1),
                ("2019".to_string(), 1),
                ("2022".to_string(), 2),
            ]
        };
        assert_eq!(shown, [expected("Han"), expected("Voss")]);
    }

    /// What miette reads around `label` in `source`, with the renderer's context.
    fn quoted(source: &dyn miette::SourceCode, label: &ResolvedLabel) -> Option<String> {
        let span = miette::SourceSpan::new(label.start.into(), label.end - label.start);
        let contents = source
            .read_span(&span, excerpt::CONTEXT_LINES, excerpt::CONTEXT_LINES)
            .ok()?;
        Some(format!(
            "{:?} {:?} {} {}",
            String::from_utf8_lossy(contents.data()),
            contents.span(),
            contents.line(),
            contents.column()
        ))
    }

    #[test]
    fn quoted_sources_are_read_again_per_batch_and_one_gone_is_left_out() {
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("a temporary dir: {error}"));
        let shard_text = "Opening line.\n\nHan met Voss in 2019.\n\nClosing line.";
        let shard_path = dir.path().join("shard.jsonl");
        let first = serde_json::json!({"id": "a", "text": "Another article."});
        let second = serde_json::json!({"id": "b", "text": shard_text});
        std::fs::write(&shard_path, format!("{first}\n{second}\n"))
            .unwrap_or_else(|error| panic!("the shard is written: {error}"));
        let file_text = "One.\nTwo.\nThree: Voss spoke.\nFour.\nFive.\n";
        let file_path = dir.path().join("article.txt");
        std::fs::write(&file_path, file_text)
            .unwrap_or_else(|error| panic!("the file is written: {error}"));
        let shard_origin = Origin::JsonlLine {
            path: shard_path.as_path().into(),
            line: 2,
        };
        let file_origin = Origin::File(file_path.as_path().into());
        let span_in = |text: &str, word: &str| {
            let start = text.find(word).unwrap_or(0);
            crate::extract::Span::new(start, start + word.len())
        };
        let outcome = || Outcome {
            articles: [
                plain_article(shard_origin.clone(), shard_text.len()),
                plain_article(file_origin.clone(), file_text.len()),
            ]
            .into_iter()
            .collect(),
            findings: vec![Finding {
                labels: crate::finding::Labels::from(vec![
                    Label::primary(0, span_in(shard_text, "2019"), "here"),
                    Label::related(0, span_in(shard_text, "Han"), "who"),
                    Label::related(1, span_in(file_text, "Voss"), "also"),
                ]),
                ..finding("a", Severity::Error)
            }]
            .into(),
            ..Outcome::default()
        };
        let mut report = build(outcome(), true, Vec::new());
        // Rendered once the file is gone (its labels are located as its findings are taken).
        let mut rendered_later = build(outcome(), true, Vec::new());
        let batch = report.next_batch();
        assert_eq!(batch.len(), 1);
        let excerpts = report.quotes.excerpts(&batch);
        assert_eq!(excerpts.len(), 2);
        for label in &batch[0].labels {
            let whole = if *label.path == *shard_origin.to_string() {
                shard_text
            } else {
                file_text
            };
            let kept = excerpts
                .get(&label.path)
                .map(|kept| &**kept as &dyn miette::SourceCode);
            assert_eq!(
                kept.and_then(|kept| quoted(kept, label)),
                quoted(&whole, label),
                "{}",
                label.text
            );
        }
        // The file vanishes between locating its labels and quoting them: the shard is still
        // quoted, and the finding still renders, naming the file.
        std::fs::remove_file(&file_path).unwrap_or_else(|error| panic!("removed: {error}"));
        let excerpts = report.quotes.excerpts(&batch);
        assert_eq!(
            excerpts
                .keys()
                .map(|name| name.to_string())
                .collect::<Vec<_>>(),
            [shard_origin.to_string()]
        );
        let mut rendered = Vec::new();
        Human {
            color: false,
            width: 100,
            quiet: true,
        }
        .write(&mut rendered_later, &mut rendered)
        .unwrap_or_else(|error| panic!("renders: {error}"));
        let rendered = String::from_utf8_lossy(&rendered);
        assert!(rendered.contains("Han met Voss in 2019."), "{rendered}");
        assert!(
            rendered.contains(&format!("also in {file_origin}")),
            "{rendered}"
        );
        assert!(!rendered.contains("Three: Voss spoke."), "{rendered}");
    }

    #[test]
    fn findings_located_a_chunk_at_a_time_read_as_located_at_once() {
        let text = "Han met Voss in 2019.\nThey met again in 2022.\nVoss left.\n";
        let article = plain_article(Origin::Stdin, text.len());
        let span_of = |word: &str| {
            let start = text.rfind(word).unwrap_or(0);
            crate::extract::Span::new(start, start + word.len())
        };
        let run: Arc<[Label]> = vec![
            Label::related(0, span_of("2019"), "1st meeting"),
            Label::related(0, span_of("2022"), "2nd meeting"),
        ]
        .into();
        let outcome = || {
            let findings = ["Han", "Voss", "again", "left"]
                .into_iter()
                .map(|word| {
                    let mut labels = crate::finding::Labels::from(vec![Label::primary(
                        0,
                        span_of(word),
                        "here",
                    )]);
                    labels.share(Arc::clone(&run));
                    Finding {
                        labels,
                        ..finding(word, Severity::Error)
                    }
                })
                .collect::<Vec<Finding>>();
            Outcome {
                articles: [article.clone()].into_iter().collect(),
                findings: findings.into(),
                kept_sources: [(Origin::Stdin, text.as_bytes().to_vec())].into(),
                ..Outcome::default()
            }
        };
        let shown = |mut report: Report| -> Vec<Vec<(String, usize, usize)>> {
            std::iter::from_fn(|| report.next_finding())
                .map(|finding| {
                    finding
                        .labels
                        .iter()
                        .map(|label| (label.text.clone(), label.line, label.column))
                        .collect()
                })
                .collect()
        };
        let at_once = shown(build(outcome(), false, Vec::new()));
        assert_eq!(at_once.len(), 4);
        assert_eq!(at_once[3][0], ("left".to_string(), 3, 6));
        let rendered = |mut report: Report| {
            let mut out = Vec::new();
            Human {
                color: false,
                width: 100,
                quiet: true,
            }
            .write(&mut report, &mut out)
            .unwrap_or_else(|error| panic!("renders: {error}"));
            String::from_utf8_lossy(&out).into_owned()
        };
        let quoted_at_once = rendered(build(outcome(), true, Vec::new()));
        assert!(quoted_at_once.contains("Voss left."), "{quoted_at_once}");
        for labels_per_chunk in [1, 3, 4, 7] {
            let in_chunks = shown(build_in_chunks(
                outcome(),
                false,
                Vec::new(),
                labels_per_chunk,
            ));
            assert_eq!(in_chunks, at_once, "{labels_per_chunk} labels a chunk");
            // Quoted, each batch reads the sources of the chunks it spans.
            let quoted = rendered(build_in_chunks(
                outcome(),
                true,
                Vec::new(),
                labels_per_chunk,
            ));
            assert_eq!(quoted, quoted_at_once, "{labels_per_chunk} labels a chunk");
        }
    }

    #[test]
    fn findings_are_counted_as_they_are_taken_and_finish_takes_the_rest() {
        let mut report = report_of(vec![
            finding("a", Severity::Error),
            finding("b", Severity::Warning),
            finding("a", Severity::Info),
        ]);
        report.count_by_rule();
        let first = report.next_finding().map(|finding| finding.rule);
        assert_eq!(first.as_deref(), Some("a"));
        assert_eq!(report.summary.errors + report.summary.warnings, 1);
        report.finish();
        let summary = &report.summary;
        assert_eq!((summary.errors, summary.warnings, summary.infos), (1, 1, 1));
        let statistics = report.statistics.clone().unwrap_or_default();
        assert_eq!(
            statistics,
            BTreeMap::from([("a".into(), 2), ("b".into(), 1)])
        );
        assert!(report.next_finding().is_none());
    }

    #[test]
    fn a_baseline_leaves_out_what_it_knows_and_names_what_it_no_longer_sees() {
        let mut first = report_of(vec![finding("a", Severity::Error)]);
        first.record_entries();
        first.finish();
        let mut entries = first.take_entries().unwrap_or_default();
        let mut gone = entries[0].clone();
        gone.fingerprint = "0".repeat(16);
        entries.push(gone);
        let mut report = report_of(vec![
            finding("a", Severity::Error),
            finding("b", Severity::Warning),
        ]);
        report.compare_with(Baseline::of_entries(entries));
        let shown: Vec<String> = std::iter::from_fn(|| report.next_finding())
            .map(|finding| finding.rule)
            .collect();
        assert_eq!(shown, ["b"]);
        assert_eq!((report.summary.errors, report.summary.warnings), (0, 1));
        let comparison = report.baseline.clone().unwrap_or_default();
        assert_eq!((comparison.matched, comparison.new), (1, 1));
        assert_eq!(comparison.stale.len(), 1);
    }
}
