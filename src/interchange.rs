//! The claims interchange format, for the map step (`claimlint extract`, per shard, stateless)
//! and the reduce step (`claimlint check --claims`). JSONL: a header line, then one record per
//! line, each an analysed article or an input problem.

use std::io::{self, BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analysis::ArticleAnalysis;
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

/// Writes the header, then every article and problem.
pub fn write(
    out: &mut dyn Write,
    pack: &Pack,
    articles: &[ArticleAnalysis],
    problems: &[InputProblem],
) -> io::Result<()> {
    let header = Header {
        format: FORMAT.to_string(),
        version: VERSION,
        tool: env!("CARGO_PKG_VERSION").to_string(),
        pack: pack.fingerprint.clone(),
    };
    serde_json::to_writer(&mut *out, &header).map_err(io::Error::other)?;
    writeln!(out)?;
    for article in articles {
        serde_json::to_writer(&mut *out, &Record::Article(Box::new(article.clone())))
            .map_err(io::Error::other)?;
        writeln!(out)?;
    }
    for problem in problems {
        serde_json::to_writer(&mut *out, &Record::Problem(problem.clone()))
            .map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Reads one claims file written with the same pack.
pub fn read(
    path: &Path,
    pack: &Pack,
) -> Result<(Vec<ArticleAnalysis>, Vec<InputProblem>), ClaimsFileError> {
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
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in lines.enumerate() {
        let line = line.map_err(|source| ClaimsFileError::Io {
            path: shown.clone(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(&line) {
            Ok(Record::Article(article)) => articles.push(*article),
            Ok(Record::Problem(problem)) => problems.push(problem),
            Err(error) => {
                return Err(ClaimsFileError::Record {
                    path: shown,
                    line: index + 2,
                    message: error.to_string(),
                })
            }
        }
    }
    Ok((articles, problems))
}
