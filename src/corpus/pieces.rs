//! What the pipeline reads as one: an input, or, for a big JSONL file, a stretch of its lines.
//! A corpus that is one big file (a month of a news crawl) is then spread over every thread
//! and held a stretch at a time, as a corpus of shards is.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use super::{
    decode, format_of, jsonl_articles, load, spare, unreadable, Article, ArticleError, Format,
    Input, LoadOptions, Origin,
};

/// Bytes of a big JSONL file read as one unit: the line that crosses this many ends it.
/// (Unit tests cut small files into small stretches.)
const STRETCH_BYTES: u64 = if cfg!(test) { 1 << 12 } else { 1 << 20 };

/// JSONL files up to this size are read whole: a corpus of shards is not read twice to be cut.
const CUT_FROM: u64 = 8 * STRETCH_BYTES;

/// One unit of reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    Whole(Input),
    Lines(Lines),
}

/// Whole lines of a JSONL file: its bytes `start..end`, the first of them its line
/// `first_line` (counted from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    path: Arc<Path>,
    start: u64,
    end: u64,
    first_line: usize,
}

/// The units `inputs` are read in, in their order: each input whole, but a big JSONL file in
/// stretches of its lines. The articles, their origins and every problem come out as reading
/// each input whole gives them.
pub fn units(inputs: &[Input], options: &LoadOptions) -> Vec<Unit> {
    let mut units = Vec::with_capacity(inputs.len());
    for input in inputs {
        let stretches = match input {
            Input::Path(path) if is_big_jsonl(path, options) => stretches(path),
            _ => None,
        };
        match stretches {
            Some(stretches) => units.extend(stretches.into_iter().map(Unit::Lines)),
            None => units.push(Unit::Whole(input.clone())),
        }
    }
    units
}

/// Reads and parses one unit: the articles of an input, or of a stretch of lines.
pub fn load_unit(unit: &Unit, options: &LoadOptions) -> Vec<Result<Article, ArticleError>> {
    match unit {
        Unit::Whole(input) => load(input, options),
        Unit::Lines(lines) => load_lines(lines),
    }
}

/// A JSONL file worth cutting: bigger than [`CUT_FROM`], and not so big that it is refused
/// (reading it whole reports that).
fn is_big_jsonl(path: &Path, options: &LoadOptions) -> bool {
    format_of(path) == Format::Jsonl
        && std::fs::metadata(path).is_ok_and(|metadata| {
            metadata.is_file()
                && metadata.len() > CUT_FROM
                && metadata.len() <= options.max_file_size
        })
}

/// The stretches of `path`'s lines, found by reading it once. `None` when it cannot be read,
/// or holds no `{` and so no article: read whole, it reports why as it always did.
fn stretches(path: &Path) -> Option<Vec<Lines>> {
    let mut file = File::open(path).ok()?;
    let path: Arc<Path> = Arc::from(path);
    let mut buffer = vec![0u8; STRETCH_BYTES as usize];
    let mut found = Vec::new();
    let (mut start, mut first_line) = (0u64, 1usize);
    let (mut offset, mut lines_before) = (0u64, 0usize);
    let mut holds_an_object = false;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        let block = &buffer[..read];
        holds_an_object |= memchr::memchr(b'{', block).is_some();
        for at in memchr::memchr_iter(b'\n', block) {
            lines_before += 1;
            let end = offset + at as u64 + 1;
            if end - start >= STRETCH_BYTES {
                found.push(Lines {
                    path: Arc::clone(&path),
                    start,
                    end,
                    first_line,
                });
                (start, first_line) = (end, lines_before + 1);
            }
        }
        offset += read as u64;
    }
    if offset > start {
        found.push(Lines {
            path,
            start,
            end: offset,
            first_line,
        });
    }
    holds_an_object.then_some(found)
}

/// The articles of a stretch of lines, and the problems of its bad lines, as reading the
/// whole file gives them: offsets count from the file's start, lines from its first.
fn load_lines(lines: &Lines) -> Vec<Result<Article, ArticleError>> {
    let (bytes, base) = match read_stretch(lines) {
        Ok(read) => read,
        Err(error) => {
            return vec![Err(unreadable(
                Origin::File(Arc::clone(&lines.path)),
                &error,
            ))]
        }
    };
    match decode::decode_at(bytes, false, base) {
        Ok(decoded) => jsonl_articles(&lines.path, decoded, lines.first_line),
        // Blank lines only: the file's other stretches hold its articles, and blank lines
        // are skipped in a file read whole.
        Err(_) => Vec::new(),
    }
}

/// The stretch's bytes, and where they start in the file.
fn read_stretch(lines: &Lines) -> io::Result<(Vec<u8>, usize)> {
    let base = usize::try_from(lines.start).map_err(io::Error::other)?;
    let mut file = File::open(&lines.path)?;
    file.seek(SeekFrom::Start(lines.start))?;
    Ok((spare::read_exact(file, lines.end - lines.start)?, base))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JSONL file of `count` article lines, with blank lines, a bad line, invalid UTF-8 and
    /// a line that starts with a byte order mark among them.
    fn big_jsonl(count: usize) -> Vec<u8> {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        for n in 0..count {
            let text = format!(
                "Tuesday, September 4, 2018\\n\\nOfficials said article {n} met on Monday. {}",
                "Filler prose about the talks goes on. ".repeat(n % 40)
            );
            bytes.extend(format!("{{\"id\": \"a{n}\", \"text\": \"{text}\"}}\n").as_bytes());
            match n % 97 {
                3 => bytes.extend(b"\n   \n"),
                5 => bytes.extend(b"{not json\n"),
                7 => bytes.extend(b"{\"text\": \"bad \xFF byte\"}\n"),
                11 => bytes.extend(b"\xEF\xBB\xBF{\"text\": \"mid-file mark\"}\n"),
                _ => {}
            }
        }
        bytes
    }

    fn described(loaded: Vec<Result<Article, ArticleError>>) -> Vec<String> {
        loaded
            .into_iter()
            .map(|article| match article {
                Ok(article) => format!(
                    "{} {:?} {:?} {:?} {:?} {}",
                    article.origin,
                    article.line_start,
                    article.id,
                    article.published,
                    article.warnings,
                    article.text
                ),
                Err(error) => format!("{} {:?} {:?}", error.origin, error.span, error.kind),
            })
            .collect()
    }

    #[test]
    fn a_big_jsonl_file_read_in_stretches_gives_what_it_gives_read_whole() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("big.jsonl");
        std::fs::write(&path, big_jsonl(600)).expect("writes");
        let options = LoadOptions::default();
        let input = Input::Path(path.clone());
        let units = units(std::slice::from_ref(&input), &options);
        assert!(units.len() > 8, "{} units", units.len());
        let whole = described(load(&input, &options));
        let stretched = described(
            units
                .iter()
                .flat_map(|unit| load_unit(unit, &options))
                .collect(),
        );
        assert!(whole.len() > 600);
        assert_eq!(stretched, whole);
    }

    #[test]
    fn each_jsonl_article_knows_where_its_line_starts_in_the_file() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("big.jsonl");
        let bytes = big_jsonl(600);
        std::fs::write(&path, &bytes).expect("writes");
        let line_starts: Vec<u64> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', &bytes).map(|at| at as u64 + 1))
            .collect();
        let options = LoadOptions::default();
        let input = Input::Path(path.clone());
        let units = units(std::slice::from_ref(&input), &options);
        let mut checked = 0;
        for loaded in units.iter().flat_map(|unit| load_unit(unit, &options)) {
            let Ok(article) = loaded else { continue };
            let Origin::JsonlLine { line, .. } = article.origin else {
                panic!("{} is no JSONL line", article.origin);
            };
            assert_eq!(
                article.line_start,
                line_starts.get(line - 1).copied(),
                "line {line}"
            );
            checked += 1;
        }
        assert!(checked > 600, "{checked} articles");
    }

    #[test]
    fn small_and_other_files_are_read_whole() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let small = dir.path().join("small.jsonl");
        std::fs::write(&small, big_jsonl(20)).expect("writes");
        let text = dir.path().join("big.txt");
        std::fs::write(&text, big_jsonl(600)).expect("writes");
        let inputs = [Input::Path(small), Input::Path(text), Input::Stdin];
        let units = units(&inputs, &LoadOptions::default());
        let whole: Vec<Unit> = inputs.into_iter().map(Unit::Whole).collect();
        assert_eq!(units, whole);
    }
}
