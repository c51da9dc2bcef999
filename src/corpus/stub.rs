//! Placeholder loaders until the real ones land: .txt files only, no dateline.
use std::path::{Path, PathBuf};

use super::{Article, Origin, PublishedFrom, SourceMap};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

#[derive(Debug, Default, Clone)]
pub struct WalkOptions {
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: 512 << 20,
        }
    }
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    pub problems: Vec<ArticleError>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{0}: no such file or directory")]
    NotFound(PathBuf),
}

#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct ArticleError {
    pub origin: Origin,
    pub span: Option<(usize, usize)>,
    pub message: String,
}

pub fn discover(paths: &[PathBuf], _options: &WalkOptions) -> Result<Discovery, CorpusError> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|_| CorpusError::NotFound(path.clone()))?
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .collect();
            files.sort();
            inputs.extend(files.into_iter().map(Input::Path));
        } else if path.exists() {
            inputs.push(Input::Path(path.clone()));
        } else {
            return Err(CorpusError::NotFound(path.clone()));
        }
    }
    Ok(Discovery {
        inputs,
        problems: Vec::new(),
    })
}

pub fn load(input: &Input, _options: &LoadOptions) -> Vec<Result<Article, ArticleError>> {
    match input {
        Input::Path(path) => match std::fs::read(path) {
            Ok(bytes) => load_bytes(path, &bytes),
            Err(error) => vec![Err(ArticleError {
                origin: Origin::File(path.clone()),
                span: None,
                message: error.to_string(),
            })],
        },
        Input::Stdin => Vec::new(),
    }
}

pub fn load_bytes(path: &Path, bytes: &[u8]) -> Vec<Result<Article, ArticleError>> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let published = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .and_then(|line| {
            let line = line.trim();
            let line = line
                .split_once(", ")
                .filter(|(day, _)| day.ends_with("day"))
                .map_or(line, |(_, rest)| rest);
            chrono::NaiveDate::parse_from_str(line, "%B %d, %Y").ok()
        });
    vec![Ok(Article {
        origin: Origin::File(path.to_path_buf()),
        title: None,
        published,
        published_from: if published.is_some() {
            PublishedFrom::Dateline
        } else {
            PublishedFrom::None
        },
        map: SourceMap::shifted(text.len(), 0),
        text,
        warnings: Vec::new(),
    })]
}

pub fn read_source(origin: &Origin) -> Result<Vec<u8>, ArticleError> {
    match origin {
        Origin::File(path) => std::fs::read(path).map_err(|error| ArticleError {
            origin: origin.clone(),
            span: None,
            message: error.to_string(),
        }),
        _ => Err(ArticleError {
            origin: origin.clone(),
            span: None,
            message: "cannot be read again".into(),
        }),
    }
}
