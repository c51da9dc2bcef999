//! The sources a rendered report quotes, read again a batch of findings at a time. Holding the
//! lines around every label of a big corpus until the last finding is printed took more memory
//! than the rest of the run; what is held instead is where each cited source can be read.

use std::collections::BTreeMap;
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
    fn bytes(&self) -> Option<Vec<u8>> {
        match self {
            Reread::File(path) => std::fs::read(path).ok(),
            Reread::ShardLine { path, bytes } => {
                let mut file = std::fs::File::open(path).ok()?;
                file.seek(SeekFrom::Start(bytes.start)).ok()?;
                let mut line = vec![0; usize::try_from(bytes.end - bytes.start).ok()?];
                file.read_exact(&mut line).ok()?;
                corpus::jsonl_line_text(&line)
            }
            Reread::Kept(bytes) => Some(bytes.to_vec()),
        }
    }
}

/// Every cited source whose labels were located, by the name labels give it.
#[derive(Debug, Default)]
pub struct Quotes {
    sources: BTreeMap<Arc<str>, Reread>,
}

impl Quotes {
    pub(crate) fn add(&mut self, name: Arc<str>, reread: Reread) {
        self.sources.insert(name, reread);
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
        groups
            .into_par_iter()
            .filter_map(|(name, spans)| {
                let bytes = self.sources.get(name)?.bytes()?;
                let text = String::from_utf8_lossy(&bytes);
                let excerpts = Excerpts::new(name, &text, spans);
                Some((Arc::clone(name), Arc::new(excerpts)))
            })
            .collect()
    }
}
