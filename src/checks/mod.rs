//! The check kinds: a small closed set, each in its own file behind [`Check`], each
//! parameterised by the rule packs.

mod conflict;
mod interval;
mod reference;
mod sequence;
mod tense;
mod variant;
mod weekday;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::finding::Finding;
use crate::pack::{CheckSpec, Pack};

/// What every check kind does: read the whole analysed corpus and hand each finding to
/// `found` as it is made, in an order of its own that does not depend on the thread count (a
/// big corpus's findings need not all be held at once: see [`crate::pipeline`]).
pub trait Check {
    /// Documentation shown by `claimlint rule`: what it does, why it matters, an example.
    const DOC: &'static str;
    /// The parameters it accepts, with their defaults.
    const PARAMS: &'static [(&'static str, &'static str)] = &[];

    fn run(spec: &CheckSpec, analysis: &Analysis, pack: &Pack, found: &mut dyn FnMut(Finding));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    Sequence,
    Conflict,
    Weekday,
    Interval,
    Tense,
    Reference,
    Variant,
    /// Not a pack check: problems with the input itself (unreadable, undated articles).
    Input,
}

impl CheckKind {
    /// Every kind, the pack's first, [`CheckKind::Input`] last.
    pub const ALL: [CheckKind; 8] = [
        CheckKind::Sequence,
        CheckKind::Conflict,
        CheckKind::Weekday,
        CheckKind::Interval,
        CheckKind::Tense,
        CheckKind::Reference,
        CheckKind::Variant,
        CheckKind::Input,
    ];
}

/// The kinds a pack's check can be.
const PACK_KINDS: &[CheckKind] = CheckKind::ALL.split_at(CheckKind::ALL.len() - 1).0;

impl CheckKind {
    pub fn name(self) -> &'static str {
        match self {
            CheckKind::Sequence => "sequence",
            CheckKind::Conflict => "conflict",
            CheckKind::Weekday => "weekday",
            CheckKind::Interval => "interval",
            CheckKind::Tense => "tense",
            CheckKind::Reference => "reference",
            CheckKind::Variant => "variant",
            CheckKind::Input => "input",
        }
    }

    /// Kinds that read the events of one event type.
    pub fn needs_event(self) -> bool {
        matches!(
            self,
            CheckKind::Sequence | CheckKind::Conflict | CheckKind::Interval
        )
    }

    pub fn doc(self) -> &'static str {
        match self {
            CheckKind::Sequence => sequence::Sequence::DOC,
            CheckKind::Conflict => conflict::Conflict::DOC,
            CheckKind::Weekday => weekday::Weekday::DOC,
            CheckKind::Interval => interval::Interval::DOC,
            CheckKind::Tense => tense::Tense::DOC,
            CheckKind::Reference => reference::Reference::DOC,
            CheckKind::Variant => variant::Variant::DOC,
            CheckKind::Input => "Problems with the input itself: files that cannot be read, articles without a publication date.",
        }
    }

    pub fn params(self) -> &'static [(&'static str, &'static str)] {
        match self {
            CheckKind::Sequence => sequence::Sequence::PARAMS,
            CheckKind::Conflict => conflict::Conflict::PARAMS,
            CheckKind::Weekday => weekday::Weekday::PARAMS,
            CheckKind::Interval => interval::Interval::PARAMS,
            CheckKind::Tense => tense::Tense::PARAMS,
            CheckKind::Reference => reference::Reference::PARAMS,
            CheckKind::Variant => variant::Variant::PARAMS,
            CheckKind::Input => &[],
        }
    }

    /// Rejects parameters the kind does not know, so a typo is an error, not a silent default.
    pub fn validate_params(self, params: &toml::Table) -> Result<(), String> {
        let known = self.params();
        for key in params.keys() {
            if !known.iter().any(|(name, _)| name == key) {
                let names: Vec<&str> = known.iter().map(|(name, _)| *name).collect();
                return Err(if names.is_empty() {
                    format!("a `{}` check takes no parameter `{key}`", self.name())
                } else {
                    format!(
                        "a `{}` check takes no parameter `{key}`; it takes: {}",
                        self.name(),
                        names.join(", ")
                    )
                });
            }
        }
        Ok(())
    }

    /// Runs the check, handing each finding to `found` as it is made.
    pub fn run_into(
        self,
        spec: &CheckSpec,
        analysis: &Analysis,
        pack: &Pack,
        found: &mut dyn FnMut(Finding),
    ) {
        match self {
            CheckKind::Sequence => sequence::Sequence::run(spec, analysis, pack, found),
            CheckKind::Conflict => conflict::Conflict::run(spec, analysis, pack, found),
            CheckKind::Weekday => weekday::Weekday::run(spec, analysis, pack, found),
            CheckKind::Interval => interval::Interval::run(spec, analysis, pack, found),
            CheckKind::Tense => tense::Tense::run(spec, analysis, pack, found),
            CheckKind::Reference => reference::Reference::run(spec, analysis, pack, found),
            CheckKind::Variant => variant::Variant::run(spec, analysis, pack, found),
            CheckKind::Input => {}
        }
    }

    /// Runs the check and gives its findings in the order it made them.
    pub fn run(self, spec: &CheckSpec, analysis: &Analysis, pack: &Pack) -> Vec<Finding> {
        let mut findings = Vec::new();
        self.run_into(spec, analysis, pack, &mut |finding| findings.push(finding));
        findings
    }
}

impl FromStr for CheckKind {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        PACK_KINDS
            .iter()
            .copied()
            .find(|kind| kind.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = PACK_KINDS.iter().map(|kind| kind.name()).collect();
                format!("unknown check kind `{name}`; known: {}", names.join(", "))
            })
    }
}

impl fmt::Display for CheckKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Reads a numeric parameter, falling back to its default.
pub(crate) fn param_f64(spec: &CheckSpec, name: &str, default: f64) -> f64 {
    match spec.params.get(name) {
        Some(toml::Value::Float(value)) => *value,
        Some(toml::Value::Integer(value)) => *value as f64,
        _ => default,
    }
}

/// A date as a reader would say it: "April 2019", "April 16–30, 2022".
pub(crate) fn describe_date(value: &crate::extract::DateValue) -> String {
    use crate::extract::DateValue;
    use chrono::Datelike;
    match *value {
        DateValue::Day(day) => day.format("%B %-d, %Y").to_string(),
        DateValue::Month { .. } | DateValue::Quarter { .. } | DateValue::Season { .. } => {
            match value.bounds() {
                Some((from, _)) if matches!(value, DateValue::Month { .. }) => {
                    from.format("%B %Y").to_string()
                }
                _ => value.timex(),
            }
        }
        DateValue::Week { .. } => match value.bounds() {
            Some((from, to)) => format!("{} – {}", from.format("%B %-d"), to.format("%B %-d, %Y")),
            None => value.timex(),
        },
        DateValue::Year(year) => year.to_string(),
        DateValue::Range { from, to } => {
            if from.year() == to.year() && from.month() == to.month() {
                format!(
                    "{} {}–{}, {}",
                    from.format("%B"),
                    from.day(),
                    to.day(),
                    from.year()
                )
            } else {
                format!(
                    "{} – {}",
                    from.format("%B %-d, %Y"),
                    to.format("%B %-d, %Y")
                )
            }
        }
    }
}

/// The short name of article `index` for messages: its file name (and JSONL line).
pub(crate) fn article_name(analysis: &Analysis, index: usize) -> String {
    analysis
        .articles
        .origin(index)
        .map(|origin| origin_name(&origin))
        .unwrap_or_default()
}

/// The short name of an article from `origin` for messages.
pub(crate) fn origin_name(origin: &crate::corpus::Origin) -> String {
    use crate::corpus::Origin;
    match origin {
        Origin::File(path) => file_name(path),
        Origin::JsonlLine { path, line } => format!("{}:{line}", file_name(path)),
        Origin::Stdin => "<stdin>".to_string(),
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// "1st", "2nd", "3rd", "11th".
pub(crate) fn ordinal_suffix(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "Han Seo Yun and Arlen Voss".
pub(crate) fn participants(pack: &Pack, ids: &[crate::pack::EntityId]) -> String {
    let names: Vec<&str> = ids
        .iter()
        .map(|&id| pack.entity(id).name.as_str())
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
