//! Reports: findings resolved to the bytes of the files they cite, then printed by one
//! [`Reporter`] per output format.

mod excerpt;
mod github;
mod human;
mod json;
mod jsonl;
mod pretty;
mod sarif;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::baseline::{Baseline, Entry, Matcher};
use crate::cli::Format;
use crate::corpus::{self, Origin, PublishedFrom, SourceMap};
use crate::finding::{Finding, Label, Run};
use crate::pack::Severity;
use crate::pipeline::Outcome;
use crate::position::Cursor;

pub use excerpt::Excerpts;
pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use jsonl::Jsonl;
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
    #[serde(rename = "path", serialize_with = "spelled_out")]
    pub origin: Origin,
    #[serde(serialize_with = "day_spelled_out")]
    pub published: Option<chrono::NaiveDate>,
    pub published_from: PublishedFrom,
}

fn spelled_out<S: serde::Serializer>(
    value: &impl std::fmt::Display,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

fn day_spelled_out<S: serde::Serializer>(
    day: &Option<chrono::NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match day {
        Some(day) => serializer.collect_str(day),
        None => serializer.serialize_none(),
    }
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
    pub articles: Vec<ArticleEntry>,
    /// The finding counts are complete once every finding has been taken.
    pub summary: Summary,
    /// Findings per rule; only with `--statistics`, complete once every finding is taken.
    pub statistics: Option<BTreeMap<String, usize>>,
    /// What `--baseline` matched, left new and found stale; set once every finding is taken.
    pub baseline: Option<crate::baseline::Comparison>,
    /// The lines of the sources labels point into, for renderers that show them.
    pub sources: BTreeMap<String, Arc<Excerpts>>,
    /// The checks that ran, for formats that describe rules (SARIF).
    pub rules: Vec<RuleInfo>,
    pending: Pending,
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

/// Re-reads the cited sources (only those) and locates every label in them. The outcome is
/// used up: its findings' messages move into the report rather than being copied.
///
/// `keep_text` keeps the lines around the labels of every cited source, for renderers that
/// show them.
pub fn build(outcome: Outcome, keep_text: bool, rules: Vec<RuleInfo>) -> Report {
    let mut sources = BTreeMap::new();
    let located = locate_labels(&outcome, &mut sources, keep_text);
    let claims = outcome.claim_count();
    let articles: Vec<ArticleEntry> = outcome
        .articles
        .iter()
        .map(|article| ArticleEntry {
            origin: article.origin.clone(),
            published: article.published,
            published_from: article.published_from,
        })
        .collect();
    let summary = Summary {
        articles: articles.len(),
        claims,
        ..Summary::default()
    };
    Report {
        tool: Tool {
            name: "claimlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        articles,
        summary,
        statistics: None,
        baseline: None,
        sources,
        rules,
        pending: Pending {
            findings: outcome.findings.into_iter(),
            located,
        },
        matcher: None,
        entries: None,
    }
}

impl Report {
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
            let Some(finding) = self.pending.next() else {
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

    /// The next findings to print, [`FINDINGS_PER_BATCH`] at most (none once all are taken):
    /// enough to share among threads, few enough to hold.
    pub fn next_batch(&mut self) -> Vec<ResolvedFinding> {
        std::iter::from_fn(|| self.next_finding())
            .take(FINDINGS_PER_BATCH)
            .collect()
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

/// The findings not yet printed, and where each of their labels was located.
struct Pending {
    findings: std::vec::IntoIter<Finding>,
    located: LocatedLabels,
}

/// The labels of every finding as located in their sources.
struct LocatedLabels {
    /// One per label, but one per run of labels that findings share; an empty slot is a
    /// label whose source is unknown, left out.
    slots: Vec<OnceLock<Located>>,
    /// The slot of each label, finding after finding, as many as it has.
    of_label: std::vec::IntoIter<usize>,
}

impl Iterator for Pending {
    type Item = ResolvedFinding;

    fn next(&mut self) -> Option<ResolvedFinding> {
        let finding = self.findings.next()?;
        let located = &mut self.located;
        let slots = located.of_label.by_ref().take(finding.labels.len());
        Some(ResolvedFinding {
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
        })
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
/// located, so this holds one file per thread at a time; with `keep_text`, only the lines
/// around the labels are kept.
fn locate_labels(
    outcome: &Outcome,
    sources: &mut BTreeMap<String, Arc<Excerpts>>,
    keep_text: bool,
) -> LocatedLabels {
    let articles = &outcome.articles;
    // Which labels cite each source (an article, then an input problem), by its index: no
    // origin is compared per label.
    let source_count = articles.len() + outcome.problems.len();
    let mut cited: Vec<Vec<Citing>> = vec![Vec::new(); source_count];
    let mut of_label = Vec::new();
    let mut slot_count = 0;
    // The first slot of each shared run, by the run's address (alive as long as `outcome`).
    let mut shared: FxHashMap<*const Label, usize> = FxHashMap::default();
    for (finding_index, finding) in outcome.findings.iter().enumerate() {
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
                // A run located once is cited again only where each finding's reach in its
                // source is needed, for the excerpts.
                if known.is_some() && !keep_text {
                    continue;
                }
                if let Some(refs) = cited.get_mut(label.article) {
                    refs.push(Citing {
                        finding: finding_index,
                        label,
                        slot: first + offset,
                    });
                }
            }
        }
    }
    // Filled from any thread as groups are located: no group's labels wait for the others.
    let slots: Vec<OnceLock<Located>> = (0..slot_count).map(|_| OnceLock::new()).collect();
    let origin_of = |index: usize| match articles.get(index) {
        Some(article) => Some(&article.origin),
        None => outcome
            .problems
            .get(index - articles.len())
            .map(|problem| &problem.origin),
    };
    // One group per file (a shard's lines together), located in parallel. Groups fill their
    // own slots, so the order they run in does not show in the report.
    let mut by_file: FxHashMap<Option<&Path>, Vec<Citations>> = FxHashMap::default();
    let cited_sources = cited
        .iter()
        .enumerate()
        .filter(|(_, refs)| !refs.is_empty())
        .filter_map(|(index, refs)| Some((origin_of(index)?, refs)));
    for (origin, refs) in cited_sources {
        by_file
            .entry(origin.path())
            .or_default()
            .push((origin, refs.as_slice()));
    }
    let groups: Vec<Vec<Citations>> = by_file.into_values().collect();
    let texts = groups
        .par_iter()
        .map(|group| locate_group(outcome, group, &slots, keep_text))
        .reduce(BTreeMap::new, |mut all, texts| {
            all.extend(texts);
            all
        });
    sources.extend(texts);
    LocatedLabels {
        slots,
        of_label: of_label.into_iter(),
    }
}

/// A label citing a source: its finding, the label, and its slot.
#[derive(Debug, Clone, Copy)]
struct Citing<'a> {
    finding: usize,
    label: &'a Label,
    slot: usize,
}

/// A source and the labels citing it.
type Citations<'a> = (&'a Origin, &'a [Citing<'a>]);

/// A text to quote, and the reach of each finding's labels in it (first start, last end).
type Quoted = (String, Vec<(usize, usize)>);

/// Locates the labels citing the origins of one file (all cited lines of a shard, read once)
/// into their slots; with `keep_text`, gives the lines around them.
fn locate_group(
    outcome: &Outcome,
    group: &[Citations],
    slots: &[OnceLock<Located>],
    keep_text: bool,
) -> BTreeMap<String, Arc<Excerpts>> {
    let articles = &outcome.articles;
    let wanted: BTreeSet<usize> = group
        .iter()
        .filter_map(|(origin, _)| match origin {
            Origin::JsonlLine { line, .. } if !outcome.kept_sources.contains_key(*origin) => {
                Some(*line)
            }
            _ => None,
        })
        .collect();
    let mut shard: Option<ShardLines> = None;
    let mut quoted: BTreeMap<Arc<str>, Quoted> = BTreeMap::new();
    for &(origin, refs) in group {
        let read: Option<Vec<u8>>;
        let bytes: Option<&[u8]> = if let Some(kept) = outcome.kept_sources.get(origin) {
            Some(kept)
        } else {
            match origin {
                Origin::File(path) => {
                    read = std::fs::read(path).ok();
                    read.as_deref()
                }
                Origin::JsonlLine { path, line } => shard
                    .get_or_insert_with(|| shard_lines(path, &wanted))
                    .get(line)
                    .and_then(|text| text.as_deref()),
                Origin::Stdin => None,
            }
        };
        let names = Arc::new(SourceNames::of(origin));
        // In the order of their offsets, so that one walk through the bytes finds them all.
        let mut spans: Vec<((usize, usize), &Citing)> = refs
            .iter()
            .map(|citing| {
                let map = articles
                    .get(citing.label.article)
                    .map(|article| &article.map);
                (source_span(map, citing.label, bytes), citing)
            })
            .collect();
        spans.sort_unstable_by_key(|&(span, citing)| (span, citing.slot));
        let mut cursor = bytes.map(Cursor::new);
        // Each finding's labels here, from its first start to its last end.
        let mut shown: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for (span, citing) in spans {
            // A label of a shared run is located once; the other findings citing it reach it
            // all the same. Its source is its article's, so it is in this group only.
            let located = slots[citing.slot].get_or_init(|| locate(&names, span, cursor.as_mut()));
            let reach = shown
                .entry(citing.finding)
                .or_insert((located.start, located.end));
            *reach = (reach.0.min(located.start), reach.1.max(located.end));
        }
        if let (true, Some(bytes)) = (keep_text, bytes) {
            // One file may be cited as an article and as an input problem: one text for both.
            let (_, groups) = quoted
                .entry(Arc::clone(&names.article))
                .or_insert_with(|| (String::from_utf8_lossy(bytes).into_owned(), Vec::new()));
            groups.extend(shown.into_values());
        }
    }
    quoted
        .into_iter()
        .map(|(name, (text, groups))| {
            let excerpts = Excerpts::new(&name, &text, groups);
            (name.to_string(), Arc::new(excerpts))
        })
        .collect()
}

/// Texts of a shard's cited lines by line number.
type ShardLines = BTreeMap<usize, Option<Vec<u8>>>;

/// The texts of the numbered lines of a JSONL shard (`None` for a line that is gone or no
/// longer an article).
fn shard_lines(path: &Path, wanted: &BTreeSet<usize>) -> ShardLines {
    let bytes = std::fs::read(path).ok();
    let mut found = bytes
        .as_deref()
        .map(cited_lines(wanted))
        .unwrap_or_default();
    wanted
        .iter()
        .map(|&line| (line, found.remove(&line).and_then(corpus::jsonl_line_text)))
        .collect()
}

/// The 1-based lines of `bytes` numbered in `wanted`, without their line ends.
fn cited_lines(wanted: &BTreeSet<usize>) -> impl Fn(&[u8]) -> BTreeMap<usize, &[u8]> + '_ {
    move |bytes| {
        let mut found = BTreeMap::new();
        let Some(&last) = wanted.last() else {
            return found;
        };
        for (index, line) in bytes.split(|&byte| byte == b'\n').enumerate() {
            let number = index + 1;
            if wanted.contains(&number) {
                found.insert(number, line);
            }
            if number >= last {
                break;
            }
        }
        found
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
    fn of(origin: &Origin) -> Self {
        let article: Arc<str> = origin.to_string().into();
        let (file, jsonl_line) = match origin {
            Origin::JsonlLine { path, line } => (path.display().to_string().into(), Some(*line)),
            _ => (Arc::clone(&article), None),
        };
        SourceNames {
            article,
            file,
            jsonl_line,
        }
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
    fn a_located_label_stays_small() {
        // Every label of a run waits in one of these: 1.36 million at 1 GB of news.
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
            findings,
            ..Outcome::default()
        };
        build(outcome, false, Vec::new())
    }

    #[test]
    fn a_shared_run_of_labels_is_located_once_and_shown_in_every_finding() {
        let text = "Han met Voss in 2019.\nThey met again in 2022.\n";
        let article = crate::pipeline::CheckedArticle {
            origin: Origin::Stdin,
            published: None,
            published_from: PublishedFrom::None,
            map: SourceMap::shifted(text.len(), 0),
            claim_count: 0,
        };
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
        let outcome = Outcome {
            articles: vec![article],
            findings,
            kept_sources: [(Origin::Stdin, text.as_bytes().to_vec())].into(),
            ..Outcome::default()
        };
        let located = locate_labels(&outcome, &mut BTreeMap::new(), false);
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
