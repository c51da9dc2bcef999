//! Baselines: record today's findings, then fail only on new ones. A fingerprint is built from
//! the rule, the article path and the normalised texts of the labels — never from offsets or
//! line numbers — so it survives unrelated edits to the articles.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::{ResolvedFinding, ResolvedLabel};

pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub fingerprint: String,
    /// For the reader of the file; not compared.
    pub message: String,
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// What a baseline did to a report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Comparison {
    pub matched: usize,
    pub new: usize,
    /// Entries no finding matches any more: fixed, or the articles changed.
    pub stale: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: baseline version {found}; this claimlint writes version {VERSION}")]
    Version { path: String, found: u32 },
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The article's path as given on the command line (a JSONL article with its line), with
/// forward slashes and no leading `./`: the same dossier checked the same way on Windows or
/// Linux keeps its baseline, and two `index.md` in different directories stay apart.
fn article_path(label: &ResolvedLabel) -> String {
    let path = label.path.replace('\\', "/");
    let mut path = path.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.trim_start_matches('/');
    }
    path.to_string()
}

/// FNV-1a, 64 bits: stable across runs, machines and versions.
fn hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The rule, where the finding is (the primary label's article path and text) and what it
/// clashes with (the other labels' texts, wherever they are, as a set: a new article repeating
/// one of them does not make the finding new).
pub fn fingerprint(finding: &ResolvedFinding) -> String {
    let primary = finding
        .labels
        .iter()
        .find(|label| label.primary)
        .or(finding.labels.first());
    let anchor = primary
        .map(|label| format!("{}\u{1f}{}", article_path(label), normalise(&label.text)))
        .unwrap_or_default();
    let mut others: Vec<String> = finding
        .labels
        .iter()
        .filter(|label| !label.primary)
        .map(|label| normalise(&label.text))
        .collect();
    others.sort();
    others.dedup();
    hash(&format!(
        "{}\u{1e}{anchor}\u{1e}{}",
        finding.rule,
        others.join("\u{1e}")
    ))
}

pub fn entry(finding: &ResolvedFinding) -> Entry {
    let mut paths: Vec<String> = finding
        .labels
        .iter()
        .map(|label| label.path.to_string())
        .collect();
    paths.sort();
    paths.dedup();
    Entry {
        rule: finding.rule.clone(),
        fingerprint: fingerprint(finding),
        message: finding.message.clone(),
        paths,
    }
}

/// By rule, then where: a changed finding changes one place of a committed baseline.
fn reading_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    (&a.rule, &a.paths, &a.message, &a.fingerprint).cmp(&(
        &b.rule,
        &b.paths,
        &b.message,
        &b.fingerprint,
    ))
}

impl Baseline {
    /// A baseline of these entries, in reading order.
    pub fn of_entries(mut entries: Vec<Entry>) -> Baseline {
        entries.sort_by(reading_order);
        Baseline {
            version: VERSION,
            entries,
        }
    }
}

pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| BaselineError::Read {
        path: shown.clone(),
        message: error.to_string(),
    })?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|error| BaselineError::Read {
        path: shown.clone(),
        message: format!("not a claimlint baseline: {error}"),
    })?;
    if baseline.version != VERSION {
        return Err(BaselineError::Version {
            path: shown,
            found: baseline.version,
        });
    }
    Ok(baseline)
}

/// A baseline matched against findings one at a time, as a report streams them: each entry
/// matches one finding, the findings left over are new.
pub struct Matcher {
    /// The entries not matched yet, by fingerprint.
    remaining: BTreeMap<String, Vec<Entry>>,
    comparison: Comparison,
}

impl Matcher {
    pub fn new(baseline: Baseline) -> Self {
        let mut remaining: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
        for entry in baseline.entries {
            remaining
                .entry(entry.fingerprint.clone())
                .or_default()
                .push(entry);
        }
        Matcher {
            remaining,
            comparison: Comparison::default(),
        }
    }

    /// Whether the baseline knows `finding`; an entry that matched matches nothing else.
    pub fn knows(&mut self, finding: &ResolvedFinding) -> bool {
        let known = self
            .remaining
            .get_mut(fingerprint(finding).as_str())
            .and_then(Vec::pop)
            .is_some();
        if known {
            self.comparison.matched += 1;
        } else {
            self.comparison.new += 1;
        }
        known
    }

    /// What the baseline did: the counts, and the entries no finding matched.
    pub fn finish(self) -> Comparison {
        let mut comparison = self.comparison;
        comparison.stale = self.remaining.into_values().flatten().collect();
        comparison.stale.sort_by(reading_order);
        comparison
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Severity;
    use crate::report::FileLocation;

    fn of_findings(findings: &[ResolvedFinding]) -> Baseline {
        Baseline::of_entries(findings.iter().map(entry).collect())
    }

    /// Drops the findings the baseline knows and reports the rest.
    fn apply(baseline: &Baseline, findings: &mut Vec<ResolvedFinding>) -> Comparison {
        let mut matcher = Matcher::new(baseline.clone());
        findings.retain(|finding| !matcher.knows(finding));
        matcher.finish()
    }

    fn finding(rule: &str, texts: &[(&str, &str, usize)]) -> ResolvedFinding {
        ResolvedFinding {
            rule: rule.to_string(),
            check: "sequence".to_string(),
            severity: Severity::Error,
            message: "m".to_string(),
            help: None,
            labels: texts
                .iter()
                .map(|(path, text, start)| ResolvedLabel {
                    path: (*path).into(),
                    start: *start,
                    end: start + text.len(),
                    line: start / 10 + 1,
                    column: 1,
                    text: text.to_string(),
                    primary: true,
                    message: "".into(),
                    location: FileLocation {
                        file: (*path).into(),
                        line: start / 10 + 1,
                        ..FileLocation::default()
                    },
                })
                .collect(),
        }
    }

    #[test]
    fn fingerprints_ignore_offsets_lines_case_and_spacing() {
        let before = finding("r", &[("seeds/a.txt", "third  summit", 10)]);
        let after = finding("r", &[("seeds/a.txt", "Third\nsummit", 5000)]);
        assert_eq!(fingerprint(&before), fingerprint(&after));
    }

    #[test]
    fn fingerprints_normalise_separators_and_a_leading_dot() {
        let unix = finding("r", &[("seeds/a.txt", "third", 1)]);
        let windows = finding("r", &[(".\\seeds\\a.txt", "third", 1)]);
        assert_eq!(fingerprint(&unix), fingerprint(&windows));
    }

    #[test]
    fn same_file_name_in_another_directory_is_another_article() {
        let one = finding("r", &[("2023/index.md", "third", 1)]);
        let other = finding("r", &[("2024/index.md", "third", 1)]);
        assert_ne!(fingerprint(&one), fingerprint(&other));
    }

    #[test]
    fn duplicate_fingerprints_are_counted() {
        let twice = finding("r", &[("a.txt", "third", 1)]);
        let baseline = of_findings(std::slice::from_ref(&twice));
        let mut findings = vec![twice.clone(), twice];
        let comparison = apply(&baseline, &mut findings);
        assert_eq!((comparison.matched, comparison.new), (1, 1));
        assert_eq!(findings.len(), 1);
        assert!(comparison.stale.is_empty());
    }

    #[test]
    fn fingerprints_differ_by_rule_and_text() {
        let one = finding("r", &[("a.txt", "third", 1)]);
        assert_ne!(
            fingerprint(&one),
            fingerprint(&finding("s", &[("a.txt", "third", 1)]))
        );
        assert_ne!(
            fingerprint(&one),
            fingerprint(&finding("r", &[("a.txt", "fourth", 1)]))
        );
    }

    #[test]
    fn a_baseline_hides_known_findings_and_reports_stale_entries() {
        let known = finding("r", &[("a.txt", "third", 1)]);
        let gone = finding("r", &[("b.txt", "second", 1)]);
        let baseline = of_findings(&[known.clone(), gone]);
        let fresh = finding("r", &[("c.txt", "fifth", 1)]);
        let mut findings = vec![known, fresh.clone()];
        let comparison = apply(&baseline, &mut findings);
        assert_eq!(findings, vec![fresh]);
        assert_eq!((comparison.matched, comparison.new), (1, 1));
        assert_eq!(comparison.stale.len(), 1);
        assert_eq!(comparison.stale[0].paths, vec!["b.txt".to_string()]);
    }
}
