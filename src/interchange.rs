//! The claims interchange format, for the map step (`claimlint extract`, per shard, stateless)
//! and the reduce step (`claimlint check --claims`). JSONL: a header line, then one record per
//! line, each an analysed article or an input problem.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{self, BufRead, Write};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analysis::ArticleAnalysis;
use crate::corpus::Origin;
use crate::pack::Pack;
use crate::pipeline::InputProblem;

/// The format's name and version, in the header of every claims file.
pub const FORMAT: &str = "claimlint-claims";
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    tool: String,
    /// The fingerprint of the rule pack the claims were extracted with.
    pack: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Record {
    Article(Box<ArticleAnalysis>),
    Problem(InputProblem),
}

#[derive(Debug, thiserror::Error)]
pub enum ClaimsFileError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}:{line}: not a claims record: {message}")]
    Record {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: not a claims file (no `{FORMAT}` header); make one with `claimlint extract`")]
    NoHeader { path: String },
    #[error("{path}: claims format version {found}, this claimlint reads version {VERSION}")]
    Version { path: String, found: u32 },
    #[error("{path}: extracted with another rule pack ({found}; now {expected}); extract again with the same --rules")]
    Pack {
        path: String,
        found: String,
        expected: String,
    },
}

/// A claims file being written: the header, then each record as it comes.
pub struct ClaimsWriter<W> {
    out: W,
}

impl<W: Write> ClaimsWriter<W> {
    /// Writes the header for claims extracted with `pack`.
    pub fn start(out: W, pack: &Pack) -> io::Result<Self> {
        let header = Header {
            format: FORMAT.to_string(),
            version: VERSION,
            tool: env!("CARGO_PKG_VERSION").to_string(),
            pack: pack.fingerprint.clone(),
        };
        let mut writer = ClaimsWriter { out };
        writer.line(&header)?;
        Ok(writer)
    }

    pub fn article(&mut self, article: &ArticleAnalysis) -> io::Result<()> {
        self.line(&RecordRef::Article(article))
    }

    pub fn problem(&mut self, problem: &InputProblem) -> io::Result<()> {
        self.line(&RecordRef::Problem(problem))
    }

    fn line(&mut self, value: &impl Serialize) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value).map_err(io::Error::other)?;
        writeln!(self.out)
    }
}

/// A [`Record`] written from borrowed parts: the same JSON, without a copy of the article.
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum RecordRef<'a> {
    Article(&'a ArticleAnalysis),
    Problem(&'a InputProblem),
}

/// A claims file read a record at a time: its articles in the order they were written, its
/// input problems set aside.
pub struct ClaimsReader {
    path: String,
    lines: io::Lines<io::BufReader<std::fs::File>>,
    /// The 1-based number of the last line read.
    line: usize,
    problems: Vec<InputProblem>,
    /// The path of the last article read, shared by the next ones from the same file, as a
    /// direct run shares one path among a shard's lines.
    last_path: Option<Arc<Path>>,
}

impl ClaimsReader {
    /// Opens a claims file and checks that it was written with `pack`.
    pub fn open(path: &Path, pack: &Pack) -> Result<Self, ClaimsFileError> {
        let shown = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|source| ClaimsFileError::Io {
            path: shown.clone(),
            source,
        })?;
        let mut lines = io::BufReader::new(file).lines();
        let header_line = match lines.next() {
            Some(Ok(line)) => line,
            Some(Err(source)) => {
                return Err(ClaimsFileError::Io {
                    path: shown,
                    source,
                })
            }
            None => return Err(ClaimsFileError::NoHeader { path: shown }),
        };
        let header: Header = serde_json::from_str(&header_line)
            .ok()
            .filter(|header: &Header| header.format == FORMAT)
            .ok_or_else(|| ClaimsFileError::NoHeader {
                path: shown.clone(),
            })?;
        if header.version != VERSION {
            return Err(ClaimsFileError::Version {
                path: shown,
                found: header.version,
            });
        }
        if header.pack != pack.fingerprint {
            return Err(ClaimsFileError::Pack {
                path: shown,
                found: header.pack,
                expected: pack.fingerprint.clone(),
            });
        }
        Ok(ClaimsReader {
            path: shown,
            lines,
            line: 1,
            problems: Vec::new(),
            last_path: None,
        })
    }

    /// The next article; the problems read on the way are kept for [`ClaimsReader::problems`].
    pub fn next_article(&mut self) -> Result<Option<ArticleAnalysis>, ClaimsFileError> {
        for line in self.lines.by_ref() {
            self.line += 1;
            let line = line.map_err(|source| ClaimsFileError::Io {
                path: self.path.clone(),
                source,
            })?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Record>(&line) {
                Ok(Record::Article(mut article)) => {
                    self.share_path(&mut article.origin);
                    return Ok(Some(*article));
                }
                Ok(Record::Problem(problem)) => self.problems.push(problem),
                Err(error) => {
                    return Err(ClaimsFileError::Record {
                        path: self.path.clone(),
                        line: self.line,
                        message: error.to_string(),
                    })
                }
            }
        }
        Ok(None)
    }

    fn share_path(&mut self, origin: &mut Origin) {
        let (Origin::File(path) | Origin::JsonlLine { path, .. }) = origin else {
            return;
        };
        match &self.last_path {
            Some(last) if **last == **path => *path = Arc::clone(last),
            _ => self.last_path = Some(Arc::clone(path)),
        }
    }

    /// The input problems read so far.
    pub fn problems(self) -> Vec<InputProblem> {
        self.problems
    }
}

/// Why the articles of claims files were not all merged in origin order.
#[derive(Debug)]
pub enum MergeError {
    File(ClaimsFileError),
    /// This file lists an article after one whose origin sorts after it.
    OutOfOrder {
        path: String,
    },
}

/// Hands the articles of every claims file to `sink` in origin order (equal origins in the
/// order of the files), each file read once, a record at a time. Every file must list its
/// articles in origin order, as `extract` writes a corpus of files or of JSONL shards; the
/// first article out of order stops the merge with [`MergeError::OutOfOrder`].
pub fn merge_in_origin_order(
    readers: &mut [ClaimsReader],
    mut sink: impl FnMut(ArticleAnalysis),
) -> Result<(), MergeError> {
    let mut heads: Vec<Option<ArticleAnalysis>> = Vec::with_capacity(readers.len());
    let mut queue = BinaryHeap::new();
    for (index, reader) in readers.iter_mut().enumerate() {
        let head = reader.next_article().map_err(MergeError::File)?;
        if let Some(article) = &head {
            queue.push(Reverse((article.origin.clone(), index)));
        }
        heads.push(head);
    }
    while let Some(Reverse((origin, index))) = queue.pop() {
        let Some(article) = heads[index].take() else {
            continue;
        };
        sink(article);
        let reader = &mut readers[index];
        let next = reader.next_article().map_err(MergeError::File)?;
        if let Some(article) = &next {
            if article.origin < origin {
                return Err(MergeError::OutOfOrder {
                    path: reader.path.clone(),
                });
            }
            queue.push(Reverse((article.origin.clone(), index)));
        }
        heads[index] = next;
    }
    Ok(())
}

/// Reads one claims file written with the same pack.
pub fn read(
    path: &Path,
    pack: &Pack,
) -> Result<(Vec<ArticleAnalysis>, Vec<InputProblem>), ClaimsFileError> {
    let mut reader = ClaimsReader::open(path, pack)?;
    let mut articles = Vec::new();
    while let Some(article) = reader.next_article()? {
        articles.push(article);
    }
    Ok((articles, reader.problems()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article_from(name: &str) -> ArticleAnalysis {
        let pack = Pack::default();
        let analyzer = crate::analysis::Analyzer::new(&pack);
        let path = Path::new(name);
        let loaded = crate::corpus::load_file_bytes(path, b"Han met Voss on Monday.");
        let Some(Ok(article)) = loaded.into_iter().next() else {
            panic!("{name} loads");
        };
        analyzer.analyze(&article, None)
    }

    /// A claims file of articles named `names`, in that order.
    fn claims_file(dir: &Path, file: &str, names: &[&str]) -> std::path::PathBuf {
        let path = dir.join(file);
        let mut out = Vec::new();
        let mut writer =
            ClaimsWriter::start(&mut out, &Pack::default()).unwrap_or_else(|e| panic!("{e}"));
        for name in names {
            writer
                .article(&article_from(name))
                .unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&path, out).unwrap_or_else(|e| panic!("{e}"));
        path
    }

    fn merged(files: &[std::path::PathBuf]) -> Result<Vec<String>, MergeError> {
        let pack = Pack::default();
        let mut readers: Vec<ClaimsReader> = files
            .iter()
            .map(|file| ClaimsReader::open(file, &pack).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        let mut origins = Vec::new();
        merge_in_origin_order(&mut readers, |article| {
            origins.push(article.origin.to_string())
        })?;
        Ok(origins)
    }

    #[test]
    fn files_in_origin_order_are_merged_equal_origins_in_file_order() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let first = claims_file(dir.path(), "1.jsonl", &["a.txt", "c.txt", "d.txt"]);
        let second = claims_file(dir.path(), "2.jsonl", &["b.txt", "c.txt"]);
        let origins = merged(&[second.clone(), first.clone()]).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(origins, ["a.txt", "b.txt", "c.txt", "c.txt", "d.txt"]);
        // The read-everything path sorts the same way.
        let mut all: Vec<ArticleAnalysis> = [second, first]
            .iter()
            .flat_map(|file| {
                read(file, &Pack::default())
                    .map(|(articles, _)| articles)
                    .unwrap_or_default()
            })
            .collect();
        all.sort_by(|a, b| a.origin.cmp(&b.origin));
        let sorted: Vec<String> = all
            .iter()
            .map(|article| article.origin.to_string())
            .collect();
        assert_eq!(origins, sorted);
    }

    #[test]
    fn a_file_out_of_origin_order_stops_the_merge() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let sorted = claims_file(dir.path(), "1.jsonl", &["a.txt", "b.txt"]);
        let unsorted = claims_file(dir.path(), "2.jsonl", &["d.txt", "c.txt"]);
        let stopped = merged(&[sorted, unsorted.clone()]);
        assert!(
            matches!(&stopped, Err(MergeError::OutOfOrder { path }) if *path == unsorted.display().to_string()),
            "{stopped:?}"
        );
        assert!(Origin::File(Path::new("c.txt").into()) < Origin::File(Path::new("d.txt").into()));
    }
}
