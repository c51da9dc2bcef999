//! A corpus's findings in report order without holding them all. They are taken as the checks
//! make them; once `FINDINGS_HELD` wait (or `LABELS_HELD` of their own labels), they are
//! sorted and written to a temporary file as a run, and the report merges the runs as it
//! takes the findings. A corpus with fewer findings never touches the disk. A gigabyte of news
//! gives tens of thousands of findings, which would otherwise all wait for the report.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};

use super::codec::{finding_at, put_finding, Shared};
use super::Finding;
use crate::corpus::Origin;
use crate::extract::Span;
use crate::pack::Severity;
use crate::packed::Reader;

/// Findings held before they are written out as a run: a few megabytes.
const FINDINGS_HELD: usize = 4_096;

/// Own labels held before the findings are written out: a finding may have thousands.
const LABELS_HELD: usize = 1 << 16;

/// Bytes read from a run at a time.
const READ_AHEAD: usize = 1 << 16;

/// Findings as they are made, with the origin each sorts by (that of its anchor label).
pub struct FindingRuns {
    held: Vec<Finding>,
    origins: Vec<Option<Origin>>,
    held_labels: usize,
    findings_held: usize,
    written: Option<Written>,
    /// Set once the temporary file could not be written: then every finding is held.
    hold_all: bool,
}

/// The runs written out so far.
struct Written {
    file: File,
    runs: Vec<Run>,
    end: u64,
    shared: Shared,
}

/// Bytes of the temporary file that hold one sorted run.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: u64,
    end: u64,
}

impl Default for FindingRuns {
    fn default() -> Self {
        Self::holding(FINDINGS_HELD)
    }
}

impl FindingRuns {
    /// Findings that are all held, never written out: those whose explanations weigh them
    /// all at once.
    pub fn in_memory() -> Self {
        FindingRuns {
            hold_all: true,
            ..Self::holding(usize::MAX)
        }
    }

    /// Runs of `findings_held` findings at most.
    pub fn holding(findings_held: usize) -> Self {
        FindingRuns {
            held: Vec::new(),
            origins: Vec::new(),
            held_labels: 0,
            findings_held: findings_held.max(1),
            written: None,
            hold_all: false,
        }
    }

    /// Takes `finding`, which sorts by `origin`.
    pub fn push(&mut self, origin: Option<Origin>, finding: Finding) {
        self.held_labels += finding.labels.own.len();
        self.held.push(finding);
        self.origins.push(origin);
        if !self.hold_all
            && (self.held.len() >= self.findings_held || self.held_labels >= LABELS_HELD)
        {
            if let Err(error) = self.write_run() {
                eprintln!(
                    "claimlint: cannot write findings to a temporary file ({error}); keeping them in memory"
                );
                self.hold_all = true;
            }
        }
    }

    /// Every finding, when none was written out (a small corpus's): explanations that weigh
    /// all findings at once are given only then.
    pub fn all_held(&mut self) -> Option<&mut [Finding]> {
        self.written.is_none().then_some(self.held.as_mut_slice())
    }

    /// The findings in report order.
    pub fn finish(mut self) -> SortedFindings {
        let held = self.sorted_held();
        let source = match self.written {
            None => Source::Held(held.into_iter()),
            Some(written) => Source::Merged(Merge::new(written, held)),
        };
        SortedFindings {
            source,
            severity_of: None,
            error: None,
        }
    }

    /// The held findings, sorted, with their origins; none is held after.
    fn sorted_held(&mut self) -> Vec<(Option<Origin>, Finding)> {
        let mut held: Vec<(Option<Origin>, Finding)> = std::mem::take(&mut self.origins)
            .into_iter()
            .zip(std::mem::take(&mut self.held))
            .collect();
        // Stable: findings that compare equal stay in the order they were made.
        held.sort_by(|a, b| order(&a.0, &a.1, &b.0, &b.1));
        self.held_labels = 0;
        held
    }

    fn write_run(&mut self) -> io::Result<()> {
        if self.written.is_none() {
            self.written = Some(Written {
                file: tempfile::tempfile()?,
                runs: Vec::new(),
                end: 0,
                shared: Shared::default(),
            });
        }
        let held = self.sorted_held();
        let Some(written) = self.written.as_mut() else {
            return Ok(());
        };
        let mut bytes = Vec::new();
        let mut record = Vec::new();
        for (origin, finding) in &held {
            record.clear();
            put_finding(&mut record, &mut written.shared, origin.as_ref(), finding);
            crate::packed::put_varint(&mut bytes, record.len() as u64);
            bytes.extend_from_slice(&record);
        }
        if let Err(error) = written.file.write_all(&bytes) {
            // Nothing is lost: what could not be written is held again.
            for (origin, finding) in held {
                self.origins.push(origin);
                self.held.push(finding);
            }
            return Err(error);
        }
        let start = written.end;
        written.end += bytes.len() as u64;
        written.runs.push(Run {
            start,
            end: written.end,
        });
        Ok(())
    }
}

/// Report order: the anchor's origin, its place, the rule, then the message.
fn order(
    origin: &Option<Origin>,
    finding: &Finding,
    other_origin: &Option<Origin>,
    other: &Finding,
) -> Ordering {
    fn key<'a>(
        origin: &'a Option<Origin>,
        finding: &'a Finding,
    ) -> (&'a Option<Origin>, Option<Span>, &'a str, &'a str) {
        (
            origin,
            finding.anchor().map(|label| label.span),
            &finding.rule,
            &finding.message,
        )
    }
    key(origin, finding).cmp(&key(other_origin, other))
}

/// The findings of a [`FindingRuns`], in report order.
pub struct SortedFindings {
    source: Source,
    severity_of: Option<SeverityOf>,
    error: Option<io::Error>,
}

/// A finding's severity as configured, or `None` when its rule is turned off.
type SeverityOf = Box<dyn Fn(&Finding) -> Option<Severity> + Send + Sync>;

enum Source {
    Held(std::vec::IntoIter<(Option<Origin>, Finding)>),
    Merged(Merge),
}

impl SortedFindings {
    /// Gives each finding the severity `severity_of` says, and leaves out those it turns off.
    pub fn set_severities(&mut self, severity_of: SeverityOf) {
        self.severity_of = Some(severity_of);
    }

    /// Why the findings written out could not all be read back, if they could not.
    pub fn error(&self) -> Option<&io::Error> {
        self.error.as_ref()
    }

    fn next_sorted(&mut self) -> Option<Finding> {
        match &mut self.source {
            Source::Held(held) => held.next().map(|(_, finding)| finding),
            Source::Merged(merge) => match merge.next() {
                Ok(next) => next,
                Err(error) => {
                    self.error = Some(error);
                    self.source = Source::Held(Vec::new().into_iter());
                    None
                }
            },
        }
    }
}

impl std::fmt::Debug for SortedFindings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SortedFindings")
            .field("written", &matches!(self.source, Source::Merged(_)))
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl Default for SortedFindings {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl From<Vec<Finding>> for SortedFindings {
    /// Findings already in report order.
    fn from(findings: Vec<Finding>) -> Self {
        let held: Vec<(Option<Origin>, Finding)> = findings
            .into_iter()
            .map(|finding| (None, finding))
            .collect();
        SortedFindings {
            source: Source::Held(held.into_iter()),
            severity_of: None,
            error: None,
        }
    }
}

impl Iterator for SortedFindings {
    type Item = Finding;

    fn next(&mut self) -> Option<Finding> {
        loop {
            let mut finding = self.next_sorted()?;
            let Some(severity_of) = &self.severity_of else {
                return Some(finding);
            };
            if let Some(severity) = severity_of(&finding) {
                finding.severity = severity;
                return Some(finding);
            }
        }
    }
}

/// The runs merged: the next finding of each run waits, the least first.
struct Merge {
    file: File,
    shared: Shared,
    readers: Vec<RunReader>,
    held: std::vec::IntoIter<(Option<Origin>, Finding)>,
    heads: BinaryHeap<Reverse<Head>>,
    /// Whether the runs were read a first time.
    started: bool,
}

/// The next finding of a run; the held findings are the run after the written ones.
struct Head {
    origin: Option<Origin>,
    finding: Finding,
    run: usize,
}

impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        // Findings that compare equal come in the order they were made: by run, since runs
        // are written in that order and each is sorted stably.
        order(&self.origin, &self.finding, &other.origin, &other.finding)
            .then(self.run.cmp(&other.run))
    }
}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Head {}

impl Merge {
    fn new(written: Written, held: Vec<(Option<Origin>, Finding)>) -> Self {
        Merge {
            readers: written
                .runs
                .iter()
                .map(|&run| RunReader::new(run))
                .collect(),
            file: written.file,
            shared: written.shared,
            held: held.into_iter(),
            heads: BinaryHeap::new(),
            started: false,
        }
    }

    fn next(&mut self) -> io::Result<Option<Finding>> {
        if !self.started {
            self.started = true;
            for run in 0..=self.readers.len() {
                self.refill(run)?;
            }
        }
        let Some(Reverse(head)) = self.heads.pop() else {
            return Ok(None);
        };
        self.refill(head.run)?;
        Ok(Some(head.finding))
    }

    /// Puts the next finding of `run` among the heads, if it has one.
    fn refill(&mut self, run: usize) -> io::Result<()> {
        let next = match self.readers.get_mut(run) {
            Some(reader) => reader.next(&self.file, &self.shared)?,
            None => self.held.next(),
        };
        if let Some((origin, finding)) = next {
            self.heads.push(Reverse(Head {
                origin,
                finding,
                run,
            }));
        }
        Ok(())
    }
}

/// Reads one run's findings in order, a block at a time.
struct RunReader {
    /// Where the bytes not yet read start in the file.
    next: u64,
    end: u64,
    buffer: Vec<u8>,
    /// Where the next finding starts in `buffer`.
    at: usize,
}

impl RunReader {
    fn new(run: Run) -> Self {
        RunReader {
            next: run.start,
            end: run.end,
            buffer: Vec::new(),
            at: 0,
        }
    }

    fn next(
        &mut self,
        file: &File,
        shared: &Shared,
    ) -> io::Result<Option<(Option<Origin>, Finding)>> {
        // A record's length is a varint of ten bytes at most.
        if self.fill(file, 10)? == 0 {
            return Ok(None);
        }
        let mut reader = Reader::at(&self.buffer, self.at as u64);
        let len = reader.varint() as usize;
        self.at = reader.position();
        if self.fill(file, len)? < len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "a run of findings ends within a finding",
            ));
        }
        let mut reader = Reader::at(&self.buffer, self.at as u64);
        let finding = finding_at(&mut reader, shared);
        self.at += len;
        Ok(Some(finding))
    }

    /// Reads on until `wanted` bytes wait past `at`, or the run ends; how many wait.
    fn fill(&mut self, file: &File, wanted: usize) -> io::Result<usize> {
        let waiting = self.buffer.len() - self.at;
        if waiting < wanted && self.next < self.end {
            self.buffer.drain(..self.at);
            self.at = 0;
            let more = (wanted - waiting).max(READ_AHEAD) as u64;
            let len = more.min(self.end - self.next) as usize;
            let from = self.buffer.len();
            self.buffer.resize(from + len, 0);
            let mut file = file;
            file.seek(SeekFrom::Start(self.next))?;
            file.read_exact(&mut self.buffer[from..])?;
            self.next += len as u64;
        }
        Ok(self.buffer.len() - self.at)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::*;
    use crate::checks::CheckKind;
    use crate::finding::{Help, Label, Labels};

    /// A finding from small numbers, sharing a run of labels and a help piece with others of
    /// the same `shared`; `unique` makes findings that sort alike tell apart.
    fn finding(
        rule: u8,
        message: u8,
        span: usize,
        shared: &[Arc<[Label]>],
        unique: usize,
    ) -> Finding {
        let piece: Arc<str> = format!("timeline {}", message % 2).into();
        let mut labels = Labels::from(vec![
            Label::primary(span % 3, crate::extract::Span::new(span, span + 2), "here"),
            Label::related(
                unique,
                crate::extract::Span::new(1, 4),
                format!("own {unique}"),
            ),
        ]);
        for run in shared {
            labels.share(Arc::clone(run));
        }
        Finding {
            rule: format!("pack/rule-{rule}"),
            check: CheckKind::Sequence,
            severity: Severity::Error,
            message: format!("message {message}"),
            help: (message % 3 != 0)
                .then(|| Help::of_pieces([piece, format!(" and {unique}").into()])),
            labels,
        }
    }

    fn origin(index: u8) -> Option<Origin> {
        match index % 4 {
            0 => None,
            1 => Some(Origin::File(Path::new("b/one.txt").into())),
            2 => Some(Origin::JsonlLine {
                path: Path::new("a/shard.jsonl").into(),
                line: usize::from(index),
            }),
            _ => Some(Origin::Stdin),
        }
    }

    fn written_and_merged(items: &[(u8, u8, u8, usize)], held: usize) -> Vec<Finding> {
        let runs_of_labels: Vec<Arc<[Label]>> = (0..3)
            .map(|n| {
                vec![Label::related(
                    n,
                    crate::extract::Span::new(n, n + 5),
                    "listed",
                )]
                .into()
            })
            .collect();
        let mut runs = match held {
            usize::MAX => FindingRuns::in_memory(),
            held => FindingRuns::holding(held),
        };
        for (unique, &(from, rule, message, span)) in items.iter().enumerate() {
            let shared = &runs_of_labels[..usize::from(message) % 4];
            runs.push(origin(from), finding(rule, message, span, shared, unique));
        }
        runs.finish().collect()
    }

    proptest! {
        #[test]
        fn findings_written_out_in_runs_come_back_as_if_all_were_held(
            items in proptest::collection::vec((0u8..8, 0u8..3, 0u8..5, 0usize..6), 0..60),
            held in 1usize..9,
        ) {
            let all_held = written_and_merged(&items, usize::MAX);
            let merged = written_and_merged(&items, held);
            prop_assert_eq!(merged, all_held);
        }
    }

    #[test]
    fn held_findings_come_in_report_order_and_equal_ones_as_they_were_made() {
        let items = [
            (1, 0, 1, 3),
            (0, 0, 1, 3),
            (1, 0, 1, 3),
            (2, 1, 0, 0),
            (1, 0, 1, 2),
        ];
        let sorted = written_and_merged(&items, usize::MAX);
        let made: Vec<String> = sorted
            .iter()
            .map(|finding| {
                finding
                    .labels
                    .iter()
                    .nth(1)
                    .map(|label| label.message.to_string())
                    .unwrap_or_default()
            })
            .collect();
        // No origin first, then the jsonl line, then the file by span, equal ones as made.
        assert_eq!(made, ["own 1", "own 3", "own 4", "own 0", "own 2"]);
    }

    #[test]
    fn findings_read_back_share_what_they_shared() {
        let run: Arc<[Label]> =
            vec![Label::related(1, crate::extract::Span::new(0, 3), "listed")].into();
        let mut runs = FindingRuns::holding(1);
        for unique in 0..3 {
            runs.push(
                origin(1),
                finding(0, 1, unique, &[Arc::clone(&run)], unique),
            );
        }
        let findings: Vec<Finding> = runs.finish().collect();
        assert_eq!(findings.len(), 3);
        let shared: Vec<&Arc<[Label]>> = findings
            .iter()
            .map(|finding| &finding.labels.shared[0])
            .collect();
        assert!(Arc::ptr_eq(shared[0], shared[1]) && Arc::ptr_eq(shared[1], shared[2]));
    }

    #[test]
    fn findings_held_in_memory_stay_there_however_many_labels_they_have() {
        let labels: Vec<Label> = (0..LABELS_HELD)
            .map(|n| Label::related(n, crate::extract::Span::new(0, 1), "told"))
            .collect();
        let mut held = FindingRuns::in_memory();
        let mut written = FindingRuns::holding(usize::MAX);
        for runs in [&mut held, &mut written] {
            runs.push(
                origin(1),
                Finding {
                    labels: labels.clone().into(),
                    ..finding(0, 1, 0, &[], 0)
                },
            );
        }
        assert_eq!(held.all_held().map(|findings| findings.len()), Some(1));
        assert!(written.all_held().is_none());
    }

    #[test]
    fn a_severity_turned_off_leaves_the_finding_out() {
        let mut runs = FindingRuns::holding(2);
        for unique in 0..5 {
            runs.push(
                origin(1),
                finding((unique % 2) as u8, 1, unique, &[], unique),
            );
        }
        let mut sorted = runs.finish();
        sorted.set_severities(Box::new(|finding| {
            (finding.rule == "pack/rule-1").then_some(Severity::Warning)
        }));
        let kept: Vec<(String, Severity)> = sorted
            .map(|finding| (finding.rule, finding.severity))
            .collect();
        assert_eq!(
            kept,
            vec![("pack/rule-1".to_string(), Severity::Warning); 2]
        );
    }
}
