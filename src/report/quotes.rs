//! The sources a rendered report quotes, read again a batch of findings at a time. Holding the
//! lines around every label of a big corpus until the last finding is printed took more memory
//! than the rest of the run; what is held instead is where each cited source can be read.

use std::borrow::Cow;
use std::collections::{BTreeMap, VecDeque};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Excerpts, ResolvedFinding};
use crate::corpus;

/// Where a cited source's bytes (those its labels' offsets point into) can be read again.
#[derive(Debug, Clone)]
pub(crate) enum Reread {
    /// A file of its own, read whole.
    File(Arc<Path>),
    /// One article of a JSONL shard: the bytes of its line in the file, whose JSON holds the
    /// article's text.
    ShardLine { path: Arc<Path>, bytes: Range<u64> },
    /// A source that cannot be read again (stdin), kept.
    Kept(Arc<[u8]>),
}

impl Reread {
    /// The source's bytes; a shard line is read through `shard`, the shard opened once for all
    /// the lines read from it.
    fn bytes(&self, shard: &mut Option<File>) -> Option<Cow<'_, [u8]>> {
        match self {
            Reread::File(path) => std::fs::read(path).ok().map(Cow::Owned),
            Reread::ShardLine { path, bytes } => {
                let file = match shard {
                    Some(file) => file,
                    None => shard.insert(File::open(path).ok()?),
                };
                file.seek(SeekFrom::Start(bytes.start)).ok()?;
                let mut line = vec![0; usize::try_from(bytes.end - bytes.start).ok()?];
                file.read_exact(&mut line).ok()?;
                corpus::jsonl_line_text(&line).map(Cow::Owned)
            }
            Reread::Kept(bytes) => Some(Cow::Borrowed(bytes)),
        }
    }
}

/// What a batch reads a source through: a shard it shares with other sources, or itself.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum ReadThrough<'a> {
    Shard(&'a Path),
    Alone(&'a Arc<str>),
}

/// A source a batch quotes: its name, where to read it, and each finding's reach in it.
type Cited<'a> = (&'a Arc<str>, &'a Reread, Vec<(usize, usize)>);

/// The cited sources whose labels were located, by the name labels give them, a chunk of
/// findings at a time: a big corpus cites hundreds of thousands, and the findings still to
/// render need only those of their own chunks.
#[derive(Debug, Default)]
pub struct Quotes {
    /// The sources of each chunk not yet let go, by the chunk's number, oldest first.
    chunks: VecDeque<(usize, BTreeMap<Arc<str>, Reread>)>,
}

impl Quotes {
    /// Starts the sources of chunk `number`, which comes after every chunk so far.
    pub(crate) fn begin_chunk(&mut self, number: usize) {
        self.chunks.push_back((number, BTreeMap::new()));
    }

    /// Adds a source of the last chunk begun.
    pub(crate) fn add(&mut self, name: Arc<str>, reread: Reread) {
        if let Some((_, sources)) = self.chunks.back_mut() {
            sources.insert(name, reread);
        }
    }

    /// Lets go of the sources of the chunks before chunk `number`: no finding still to be
    /// rendered is in them.
    pub(crate) fn forget_before(&mut self, number: usize) {
        while self
            .chunks
            .front()
            .is_some_and(|(first, _)| *first < number)
        {
            self.chunks.pop_front();
        }
    }

    fn get(&self, name: &Arc<str>) -> Option<&Reread> {
        self.chunks
            .iter()
            .rev()
            .find_map(|(_, sources)| sources.get(name))
    }

    /// The lines `findings` quote, by source name: the sources they cite are read again (in
    /// parallel) and each keeps, per finding, the lines from its first label there to its last.
    /// A source that can no longer be read is left out.
    pub fn excerpts(&self, findings: &[ResolvedFinding]) -> BTreeMap<Arc<str>, Arc<Excerpts>> {
        let mut groups: BTreeMap<&Arc<str>, Vec<(usize, usize)>> = BTreeMap::new();
        for finding in findings {
            let mut reach: BTreeMap<&Arc<str>, (usize, usize)> = BTreeMap::new();
            // A label with no line was not found in its source: nothing of it is shown.
            for label in finding.labels.iter().filter(|label| label.line > 0) {
                let span = reach.entry(&label.path).or_insert((label.start, label.end));
                *span = (span.0.min(label.start), span.1.max(label.end));
            }
            for (path, span) in reach {
                groups.entry(path).or_default().push(span);
            }
        }
        // The lines of one shard are read through one handle, a shard at a time in parallel.
        let mut by_file: BTreeMap<ReadThrough, Vec<Cited>> = BTreeMap::new();
        for (name, spans) in groups {
            let Some(reread) = self.get(name) else {
                continue;
            };
            let file = match reread {
                Reread::ShardLine { path, .. } => ReadThrough::Shard(path),
                Reread::File(_) | Reread::Kept(_) => ReadThrough::Alone(name),
            };
            by_file.entry(file).or_default().push((name, reread, spans));
        }
        by_file
            .into_par_iter()
            .flat_map_iter(|(_, cited)| {
                let mut shard = None;
                cited.into_iter().filter_map(move |(name, reread, spans)| {
                    let bytes = reread.bytes(&mut shard)?;
                    let text = String::from_utf8_lossy(&bytes);
                    let excerpts = Excerpts::new(name, &text, spans);
                    Some((Arc::clone(name), Arc::new(excerpts)))
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sources_of_chunks_before_the_one_taken_are_let_go() {
        let name = |text: &str| -> Arc<str> { text.into() };
        let kept = |text: &str| Reread::Kept(text.as_bytes().into());
        let mut quotes = Quotes::default();
        quotes.begin_chunk(1);
        quotes.add(name("a.txt"), kept("a"));
        quotes.begin_chunk(2);
        quotes.add(name("b.txt"), kept("b"));
        assert!(quotes.get(&name("a.txt")).is_some());
        assert!(quotes.get(&name("b.txt")).is_some());
        quotes.forget_before(2);
        assert!(quotes.get(&name("a.txt")).is_none());
        assert!(quotes.get(&name("b.txt")).is_some());
        quotes.forget_before(2);
        assert!(quotes.get(&name("b.txt")).is_some());
        quotes.forget_before(3);
        assert!(quotes.get(&name("b.txt")).is_none());
    }
}
