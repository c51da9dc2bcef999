//! Reports: findings resolved to the bytes of the files they cite, then printed by one
//! [`Reporter`] per output format.

mod github;
mod human;
mod json;
mod jsonl;
mod sarif;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::cli::Format;
use crate::corpus::{self, Origin, PublishedFrom, SourceMap};
use crate::finding::{Finding, Label};
use crate::pack::Severity;
use crate::pipeline::Outcome;

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
    pub message: String,
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

#[derive(Debug, Clone, Serialize)]
pub struct ArticleEntry {
    pub path: String,
    pub published: Option<String>,
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

/// The report of a lint run, as the JSON contract spells it.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub tool: Tool,
    pub articles: Vec<ArticleEntry>,
    pub findings: Vec<ResolvedFinding>,
    pub summary: Summary,
    /// Findings per rule; only with `--statistics`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistics: Option<BTreeMap<String, usize>>,
    /// What `--baseline` matched, left new and found stale; only when a baseline is used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<crate::baseline::Comparison>,
    /// The sources labels point into, for renderers that show them.
    #[serde(skip)]
    pub sources: BTreeMap<String, String>,
    /// The checks that ran, for formats that describe rules (SARIF).
    #[serde(skip)]
    pub rules: Vec<RuleInfo>,
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

/// One output format.
pub trait Reporter {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
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

/// Re-reads the cited sources (only those) and resolves every label. The outcome is used up:
/// its findings' messages move into the report rather than being copied.
///
/// `keep_text` keeps the whole text of every cited source, for renderers that show it.
pub fn build(outcome: Outcome, keep_text: bool, rules: Vec<RuleInfo>) -> Report {
    let mut sources = BTreeMap::new();
    let slots = locate_labels(&outcome, &mut sources, keep_text);
    let claims = outcome.claim_count();
    let articles: Vec<ArticleEntry> = outcome
        .articles
        .iter()
        .map(|article| ArticleEntry {
            path: article.origin.to_string(),
            published: article.published.map(|day| day.to_string()),
            published_from: article.published_from,
        })
        .collect();
    let summary = Summary {
        articles: articles.len(),
        claims,
        ..Summary::default()
    };
    let mut report = Report {
        tool: Tool {
            name: "claimlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        articles,
        findings: resolved_findings(outcome.findings, slots),
        summary,
        statistics: None,
        baseline: None,
        sources,
        rules,
    };
    report.recount();
    report
}

impl Report {
    /// Counts the findings per rule.
    pub fn count_by_rule(&mut self) {
        let mut counts = BTreeMap::new();
        for finding in &self.findings {
            *counts.entry(finding.rule.clone()).or_insert(0) += 1;
        }
        self.statistics = Some(counts);
    }

    /// Recounts the summary after findings were dropped (by a baseline).
    pub fn recount(&mut self) {
        let count = |severity: Severity| {
            self.findings
                .iter()
                .filter(|finding| finding.severity == severity)
                .count()
        };
        self.summary.errors = count(Severity::Error);
        self.summary.warnings = count(Severity::Warning);
        self.summary.infos = count(Severity::Info);
    }
}

/// The findings with their labels resolved in `slots` (one per label, empty where the source
/// is unknown: such a label is left out); the messages move over.
fn resolved_findings(
    findings: Vec<Finding>,
    slots: Vec<Vec<OnceLock<ResolvedLabel>>>,
) -> Vec<ResolvedFinding> {
    findings
        .into_iter()
        .zip(slots)
        .map(|(finding, slots)| ResolvedFinding {
            check: finding.check.name().to_string(),
            rule: finding.rule,
            severity: finding.severity,
            message: finding.message,
            help: finding.help,
            labels: finding
                .labels
                .into_iter()
                .zip(slots)
                .filter_map(|(label, slot)| {
                    let mut resolved = slot.into_inner()?;
                    resolved.message = label.message;
                    Some(resolved)
                })
                .collect(),
        })
        .collect()
}

/// Every label of the outcome's findings resolved against the cited sources, in a slot per
/// (finding, label), the messages left for the findings to hand over. The sources are read
/// again source by source: a JSONL shard once for all its cited lines, each text dropped once
/// its labels are resolved (unless `keep_text`), so rendering holds one source per thread at
/// a time.
fn locate_labels(
    outcome: &Outcome,
    sources: &mut BTreeMap<String, String>,
    keep_text: bool,
) -> Vec<Vec<OnceLock<ResolvedLabel>>> {
    let articles = &outcome.articles;
    // Which labels cite each source (an article, then an input problem), by its index: no
    // origin is compared per label.
    let source_count = articles.len() + outcome.problems.len();
    let mut cited: Vec<Vec<(usize, usize)>> = vec![Vec::new(); source_count];
    // Filled from any thread as groups are resolved: no group's labels wait for the others.
    let mut slots: Vec<Vec<OnceLock<ResolvedLabel>>> = Vec::new();
    for (f, finding) in outcome.findings.iter().enumerate() {
        slots.push((0..finding.labels.len()).map(|_| OnceLock::new()).collect());
        for (l, label) in finding.labels.iter().enumerate() {
            if let Some(refs) = cited.get_mut(label.article) {
                refs.push((f, l));
            }
        }
    }
    let origin_of = |index: usize| match articles.get(index) {
        Some(article) => Some(&article.origin),
        None => outcome
            .problems
            .get(index - articles.len())
            .map(|problem| &problem.origin),
    };
    // One group per file (a shard's lines together), resolved in parallel. Groups fill their
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
        .map(|group| {
            let (labels, texts) = resolve_group(outcome, group, keep_text);
            for ((f, l), label) in labels {
                // Each (finding, label) is cited by exactly one source: set once.
                let _ = slots[f][l].set(label);
            }
            texts
        })
        .reduce(BTreeMap::new, |mut all, texts| {
            all.extend(texts);
            all
        });
    sources.extend(texts);
    slots
}

/// A source and the (finding, label) indices of the labels citing it.
type Citations<'a> = (&'a Origin, &'a [(usize, usize)]);

/// A resolved label and where it goes: (finding, label) indices.
type ResolvedAt = ((usize, usize), ResolvedLabel);

/// The labels citing the origins of one file (all cited lines of a shard, read once), and,
/// with `keep_text`, the texts.
fn resolve_group(
    outcome: &Outcome,
    group: &[Citations],
    keep_text: bool,
) -> (Vec<ResolvedAt>, BTreeMap<String, String>) {
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
    let mut texts = BTreeMap::new();
    let mut labels = Vec::new();
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
        let names = SourceNames::of(origin);
        for &(f, l) in refs {
            let label = &outcome.findings[f].labels[l];
            let map = articles.get(label.article).map(|article| &article.map);
            let resolved = resolve_label(origin, &names, map, label, bytes, &mut texts, keep_text);
            labels.push(((f, l), resolved));
        }
    }
    (labels, texts)
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
}

impl SourceNames {
    fn of(origin: &Origin) -> Self {
        let article: Arc<str> = origin.to_string().into();
        let file = match origin {
            Origin::JsonlLine { path, .. } => path.display().to_string().into(),
            _ => Arc::clone(&article),
        };
        SourceNames { article, file }
    }
}

/// One label, against the bytes its offsets point into (`None`: the source is gone); its
/// message is left for the finding to hand over.
fn resolve_label(
    origin: &Origin,
    names: &SourceNames,
    map: Option<&SourceMap>,
    label: &Label,
    source: Option<&[u8]>,
    sources: &mut BTreeMap<String, String>,
    keep_text: bool,
) -> ResolvedLabel {
    let (start, end) = match map {
        Some(map) => map.to_source(label.span.start, label.span.end),
        None => (label.span.start, label.span.end),
    };
    let path = Arc::clone(&names.article);
    match source {
        Some(bytes) => {
            let end = end.min(bytes.len());
            let start = start.min(end);
            let (line, column) = line_column(bytes, start);
            let (end_line, end_column) = line_column(bytes, end);
            let location = match origin {
                Origin::JsonlLine { line, .. } => FileLocation {
                    file: Arc::clone(&names.file),
                    line: *line,
                    column: 1,
                    end_line: *line,
                    end_column: 1,
                    chars: None,
                },
                _ => {
                    let before = String::from_utf8_lossy(&bytes[..start]).chars().count();
                    let within = String::from_utf8_lossy(&bytes[start..end]).chars().count();
                    FileLocation {
                        file: Arc::clone(&names.file),
                        line,
                        column,
                        end_line,
                        end_column,
                        chars: Some((before, within)),
                    }
                }
            };
            if keep_text {
                sources
                    .entry(path.to_string())
                    .or_insert_with(|| String::from_utf8_lossy(bytes).into_owned());
            }
            ResolvedLabel {
                path,
                start,
                end,
                line,
                column,
                text: String::from_utf8_lossy(&bytes[start..end]).into_owned(),
                primary: label.primary,
                message: String::new(),
                location,
            }
        }
        // The file vanished or cannot be re-read: keep the offsets, say nothing of text.
        None => ResolvedLabel {
            location: FileLocation {
                file: path.clone(),
                ..FileLocation::default()
            },
            path,
            start,
            end,
            line: 0,
            column: 0,
            text: String::new(),
            primary: label.primary,
            message: String::new(),
        },
    }
}

/// 1-based line, and column in characters, of byte `offset` of `bytes`.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |index| index + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_counts_characters_after_the_last_newline() {
        let text = "ab\n‘cd’ ef";
        let offset = text.find("ef").unwrap_or(0);
        assert_eq!(line_column(text.as_bytes(), offset), (2, 6));
    }
}
