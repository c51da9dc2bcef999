//! Findings as bytes, for the runs a big corpus's findings wait in on disk (see
//! [`super::runs`]). What findings share stays shared: a big event's labels and a timeline's
//! text are cited by thousands of findings, so each distinct one is kept once, in memory, and
//! a finding names it by number.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Finding, Help, Label, Labels};
use crate::checks::CheckKind;
use crate::corpus::Origin;
use crate::pack::Severity;
use crate::packed::{put_span, put_varint, Reader};

/// The severities in the order of their code (see [`severity_code`]); the check kinds are in
/// the order of [`CheckKind::ALL`] (see [`check_code`]).
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

fn check_code(kind: CheckKind) -> u8 {
    match kind {
        CheckKind::Sequence => 0,
        CheckKind::Conflict => 1,
        CheckKind::Weekday => 2,
        CheckKind::Interval => 3,
        CheckKind::Tense => 4,
        CheckKind::Reference => 5,
        CheckKind::Variant => 6,
        CheckKind::Input => 7,
    }
}

fn severity_code(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// The pieces findings share, each once, by the number findings name it with. Keyed by
/// content: checks that work in parallel make their own copy of the same timeline.
#[derive(Debug, Default)]
pub struct Shared {
    texts: Vec<Arc<str>>,
    text_ids: FxHashMap<Arc<str>, usize>,
    runs: Vec<Arc<[Label]>>,
    run_ids: FxHashMap<Arc<[Label]>, usize>,
}

impl Shared {
    fn text_id(&mut self, text: &Arc<str>) -> usize {
        if let Some(&id) = self.text_ids.get(text) {
            return id;
        }
        self.texts.push(Arc::clone(text));
        self.text_ids.insert(Arc::clone(text), self.texts.len() - 1);
        self.texts.len() - 1
    }

    fn run_id(&mut self, run: &Arc<[Label]>) -> usize {
        if let Some(&id) = self.run_ids.get(run) {
            return id;
        }
        self.runs.push(Arc::clone(run));
        self.run_ids.insert(Arc::clone(run), self.runs.len() - 1);
        self.runs.len() - 1
    }
}

/// Appends `finding`, with the origin it sorts by, to `out`.
pub fn put_finding(
    out: &mut Vec<u8>,
    shared: &mut Shared,
    origin: Option<&Origin>,
    finding: &Finding,
) {
    put_origin(out, origin);
    put_str(out, &finding.rule);
    out.push(check_code(finding.check));
    out.push(severity_code(finding.severity));
    put_str(out, &finding.message);
    match &finding.help {
        None => out.push(0),
        Some(help) => {
            out.push(1);
            put_varint(out, help.pieces.len() as u64);
            for piece in &help.pieces {
                put_text(out, shared, piece);
            }
        }
    }
    put_varint(out, finding.labels.own.len() as u64);
    for label in &finding.labels.own {
        put_varint(out, label.article as u64);
        put_span(out, label.span);
        out.push(u8::from(label.primary));
        put_text(out, shared, &label.message);
    }
    put_varint(out, finding.labels.shared.len() as u64);
    for run in &finding.labels.shared {
        put_varint(out, shared.run_id(run) as u64);
    }
}

/// Reads back what [`put_finding`] wrote.
pub fn finding_at(reader: &mut Reader, shared: &Shared) -> (Option<Origin>, Finding) {
    let origin = origin_at(reader);
    let rule = str_at(reader);
    let check = CheckKind::ALL[usize::from(reader.byte())];
    let severity = SEVERITIES[usize::from(reader.byte())];
    let message = str_at(reader);
    let help = (reader.byte() == 1).then(|| Help {
        pieces: (0..reader.varint())
            .map(|_| text_at(reader, shared))
            .collect(),
    });
    let own = (0..reader.varint())
        .map(|_| Label {
            article: reader.varint() as usize,
            span: reader.span(),
            primary: reader.byte() == 1,
            message: text_at(reader, shared),
        })
        .collect();
    let runs = (0..reader.varint())
        .map(|_| Arc::clone(&shared.runs[reader.varint() as usize]))
        .collect();
    let finding = Finding {
        rule,
        check,
        severity,
        message,
        help,
        labels: Labels { own, shared: runs },
    };
    (origin, finding)
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_bytes(out, text.as_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn str_at(reader: &mut Reader) -> String {
    String::from_utf8_lossy(reader.bytes()).into_owned()
}

/// A text others hold too is named by number; one held only here is written out.
fn put_text(out: &mut Vec<u8>, shared: &mut Shared, text: &Arc<str>) {
    if Arc::strong_count(text) > 1 {
        put_varint(out, shared.text_id(text) as u64 + 1);
    } else {
        out.push(0);
        put_str(out, text);
    }
}

fn text_at(reader: &mut Reader, shared: &Shared) -> Arc<str> {
    match reader.varint() {
        0 => str_at(reader).into(),
        id => Arc::clone(&shared.texts[id as usize - 1]),
    }
}

const NO_ORIGIN: u8 = 0;
const FILE: u8 = 1;
const JSONL_LINE: u8 = 2;
const STDIN: u8 = 3;

fn put_origin(out: &mut Vec<u8>, origin: Option<&Origin>) {
    match origin {
        None => out.push(NO_ORIGIN),
        Some(Origin::File(path)) => {
            out.push(FILE);
            put_bytes(out, &path_bytes(path));
        }
        Some(Origin::JsonlLine { path, line }) => {
            out.push(JSONL_LINE);
            put_bytes(out, &path_bytes(path));
            put_varint(out, *line as u64);
        }
        Some(Origin::Stdin) => out.push(STDIN),
    }
}

fn origin_at(reader: &mut Reader) -> Option<Origin> {
    match reader.byte() {
        FILE => Some(Origin::File(path_of(reader.bytes()))),
        JSONL_LINE => {
            let path = path_of(reader.bytes());
            Some(Origin::JsonlLine {
                path,
                line: reader.varint() as usize,
            })
        }
        STDIN => Some(Origin::Stdin),
        _ => None,
    }
}

#[cfg(unix)]
fn path_bytes(path: &std::path::Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().into()
}

#[cfg(unix)]
fn path_of(bytes: &[u8]) -> Arc<std::path::Path> {
    use std::os::unix::ffi::OsStrExt;
    std::path::Path::new(std::ffi::OsStr::from_bytes(bytes)).into()
}

#[cfg(not(unix))]
fn path_bytes(path: &std::path::Path) -> std::borrow::Cow<'_, [u8]> {
    path.to_string_lossy().into_owned().into_bytes().into()
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> Arc<std::path::Path> {
    std::path::Path::new(&*String::from_utf8_lossy(bytes)).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_kinds_and_severities_are_listed_in_the_order_of_their_codes() {
        for (code, kind) in CheckKind::ALL.iter().enumerate() {
            assert_eq!(usize::from(check_code(*kind)), code);
        }
        for (code, severity) in SEVERITIES.iter().enumerate() {
            assert_eq!(usize::from(severity_code(*severity)), code);
        }
    }
}
