//! Findings: what a check reports, with labels that point at claims in the articles.

use std::sync::Arc;

mod codec;
pub mod runs;

use crate::checks::CheckKind;
use crate::extract::Span;
use crate::pack::Severity;

/// A place in an article that a finding points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Label {
    /// Index of the article in the analysis.
    pub article: usize,
    /// Bytes of the article's analysed text.
    pub span: Span,
    pub primary: bool,
    /// Shared: a check that cites one event in many findings says the same of it in each.
    pub message: Arc<str>,
}

impl Label {
    pub fn primary(article: usize, span: Span, message: impl Into<Arc<str>>) -> Self {
        Label {
            article,
            span,
            primary: true,
            message: message.into(),
        }
    }

    pub fn related(article: usize, span: Span, message: impl Into<Arc<str>>) -> Self {
        Label {
            article,
            span,
            primary: false,
            message: message.into(),
        }
    }
}

/// A finding's help, in pieces: a check that explains thousands of findings with one
/// timeline shares its text between them, and each finding adds what is its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    pieces: Vec<Arc<str>>,
}

impl Help {
    /// The pieces, written one after the other.
    pub fn of_pieces<const N: usize>(pieces: [Arc<str>; N]) -> Self {
        Help {
            pieces: pieces.into(),
        }
    }

    /// Adds a paragraph on a line of its own.
    pub fn push_line(&mut self, text: &str) {
        self.pieces.push(format!("\n{text}").into());
    }

    pub fn text(&self) -> String {
        self.pieces.concat()
    }
}

impl From<String> for Help {
    fn from(text: String) -> Self {
        Help::of_pieces([text.into()])
    }
}

impl From<&str> for Help {
    fn from(text: &str) -> Self {
        Help::of_pieces([text.into()])
    }
}

/// A finding's labels: its own, then runs it shares with other findings (the sources of an
/// earlier event that thousands of timelines cite, say), in that order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    own: Vec<Label>,
    shared: Vec<Arc<[Label]>>,
}

impl Labels {
    /// Adds a run of labels that other findings hold too.
    pub fn share(&mut self, run: Arc<[Label]>) {
        self.shared.push(run);
    }

    /// The labels run by run, in order: the own ones, then each shared run (which other
    /// findings may hold too, the same `Arc`).
    pub fn runs(&self) -> impl Iterator<Item = Run<'_>> {
        std::iter::once(Run::Own(&self.own)).chain(self.shared.iter().map(Run::Shared))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Label> + Clone {
        self.own
            .iter()
            .chain(self.shared.iter().flat_map(|run| run.iter()))
    }

    pub fn len(&self) -> usize {
        self.own.len() + self.shared.iter().map(|run| run.len()).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn first(&self) -> Option<&Label> {
        self.iter().next()
    }

    /// Gives the labels and the list of shared runs exactly the room they need (see
    /// [`Finding::settle`]).
    fn settle(&mut self) {
        exact_vec(&mut self.own);
        exact_vec(&mut self.shared);
    }
}

/// Moves `items` into a block of their size. Shrinking in place would not do it: an allocator
/// may keep a block that shrinks by half or less where it is, as mimalloc does.
fn exact_vec<T>(items: &mut Vec<T>) {
    if items.capacity() > items.len() {
        let mut exact = Vec::with_capacity(items.len());
        exact.append(items);
        *items = exact;
    }
}

/// A run of a finding's labels.
#[derive(Debug, Clone, Copy)]
pub enum Run<'a> {
    Own(&'a [Label]),
    Shared(&'a Arc<[Label]>),
}

impl From<Vec<Label>> for Labels {
    fn from(own: Vec<Label>) -> Self {
        Labels {
            own,
            shared: Vec::new(),
        }
    }
}

impl IntoIterator for Labels {
    type Item = Label;
    type IntoIter = Box<dyn Iterator<Item = Label>>;

    /// The own labels moved out, the shared ones copied (a copy shares the message).
    fn into_iter(self) -> Self::IntoIter {
        let shared = self.shared.into_iter().flat_map(|run| run.to_vec());
        Box::new(self.own.into_iter().chain(shared))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub check: CheckKind,
    pub severity: Severity,
    pub message: String,
    pub help: Option<Help>,
    /// Primary label first; never empty for a pack check.
    pub labels: Labels,
}

impl Finding {
    /// Findings wait for the report, by the ten thousand in a big corpus: this gives their
    /// message and labels exactly the room they need (a help's pieces are made to measure).
    pub fn settle(&mut self) {
        if self.message.capacity() > self.message.len() {
            self.message = self.message.as_str().to_owned();
        }
        self.labels.settle();
    }

    /// The label findings are sorted by: the primary one.
    pub fn anchor(&self) -> Option<&Label> {
        self.labels
            .iter()
            .find(|label| label.primary)
            .or(self.labels.first())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settling_leaves_no_spare_room_and_keeps_the_content() {
        let mut labels = Vec::with_capacity(16);
        labels.push(Label::primary(3, Span::new(1, 4), "here"));
        labels.push(Label::related(5, Span::new(7, 9), "there"));
        let mut message = String::with_capacity(200);
        message.push_str("numbered 2nd");
        let mut finding = Finding {
            rule: "pack/rule".to_string(),
            check: CheckKind::Sequence,
            severity: Severity::Error,
            message,
            help: Some("Timeline:\n  1. 2019".into()),
            labels: labels.into(),
        };
        let before = finding.clone();
        finding.settle();
        assert_eq!(finding, before);
        assert_eq!(finding.labels.own.capacity(), 2);
        assert_eq!(finding.message.capacity(), finding.message.len());
    }

    #[test]
    fn a_help_reads_as_its_pieces_written_in_order() {
        let shared: Arc<str> = "Timeline:\n  1. 2019\n".into();
        let mut help = Help::of_pieces([Arc::clone(&shared), "  2. 2024 — here".into()]);
        help.push_line("Root cause: misdated.");
        assert_eq!(
            help.text(),
            "Timeline:\n  1. 2019\n  2. 2024 — here\nRoot cause: misdated."
        );
        assert_eq!(Help::from("plain").text(), "plain");
    }

    #[test]
    fn labels_read_own_then_shared_in_order() {
        let run: Arc<[Label]> = vec![
            Label::related(7, Span::new(0, 4), "1st meeting"),
            Label::related(8, Span::new(2, 6), "1st meeting"),
        ]
        .into();
        let mut labels = Labels::from(vec![
            Label::primary(1, Span::new(3, 5), "here"),
            Label::related(2, Span::new(9, 9), "own"),
        ]);
        labels.share(Arc::clone(&run));
        labels.share(run);
        let articles: Vec<usize> = labels.iter().map(|label| label.article).collect();
        assert_eq!(articles, [1, 2, 7, 8, 7, 8]);
        assert_eq!(labels.len(), 6);
        let runs: Vec<(bool, usize)> = labels
            .runs()
            .map(|run| match run {
                Run::Own(own) => (false, own.len()),
                Run::Shared(shared) => (true, shared.len()),
            })
            .collect();
        assert_eq!(runs, [(false, 2), (true, 2), (true, 2)]);
        let owned: Vec<usize> = labels.into_iter().map(|label| label.article).collect();
        assert_eq!(owned, articles);
    }
}
