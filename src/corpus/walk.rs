//! Finding the articles: files as named, directories walked (`.gitignore`-aware), `-` for stdin.

use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use super::{ArticleError, ArticleErrorKind, CorpusError, Origin};

/// File endings read when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl"];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Globs of paths to leave out.
    pub exclude: Vec<String>,
}

/// The inputs found, and what could not be walked.
#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    pub problems: Vec<ArticleError>,
}

fn walk_problem(error: ignore::Error, root: &Path) -> ArticleError {
    let path = match &error {
        ignore::Error::WithPath { path, .. } => path.clone(),
        ignore::Error::Loop { child, .. } => child.clone(),
        _ => root.to_path_buf(),
    };
    ArticleError {
        origin: Origin::File(path.into()),
        span: None,
        kind: ArticleErrorKind::Unreadable {
            message: error.to_string(),
        },
    }
}

pub fn discover(paths: &[PathBuf], options: &WalkOptions) -> Result<Discovery, CorpusError> {
    let mut discovery = Discovery::default();
    for path in paths {
        if path.as_os_str() == "-" {
            discovery.inputs.push(Input::Stdin);
            continue;
        }
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            // A dangling symlink is a name with nothing behind it: not found.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(CorpusError::NotFound(path.clone()))
            }
            // It exists but cannot be looked at (permissions): report it, check the rest.
            Err(error) => {
                discovery.problems.push(ArticleError {
                    origin: Origin::File(path.as_path().into()),
                    span: None,
                    kind: ArticleErrorKind::Unreadable {
                        message: error.to_string(),
                    },
                });
                continue;
            }
        };
        if !metadata.is_dir() {
            discovery.inputs.push(Input::Path(path.clone()));
            continue;
        }
        let mut overrides = OverrideBuilder::new(path);
        for glob in &options.exclude {
            overrides
                .add(&format!("!{glob}"))
                .map_err(|error| CorpusError::BadGlob(glob.clone(), error.to_string()))?;
        }
        let overrides = overrides
            .build()
            .map_err(|error| CorpusError::BadGlob(options.exclude.join(", "), error.to_string()))?;
        let walker = WalkBuilder::new(path)
            .require_git(false)
            .follow_links(true)
            .overrides(overrides)
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|kind| kind.is_file());
                    let wanted = entry
                        .path()
                        .extension()
                        .and_then(|ext| ext.to_str())
                        .is_some_and(|ext| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()));
                    if is_file && wanted {
                        discovery.inputs.push(Input::Path(entry.into_path()));
                    }
                }
                Err(error) => discovery.problems.push(walk_problem(error, path)),
            }
        }
    }
    discovery.inputs.sort();
    discovery.inputs.dedup();
    Ok(discovery)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_walked_sorted_and_gitignore_is_honoured() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::write(root.join("b.txt"), "b").expect("write");
        std::fs::write(root.join("a.md"), "a").expect("write");
        std::fs::write(root.join("skip.txt"), "s").expect("write");
        std::fs::write(root.join("image.png"), "p").expect("write");
        std::fs::write(root.join(".gitignore"), "skip.txt\n").expect("write");
        std::fs::create_dir(root.join("sub")).expect("mkdir");
        std::fs::write(root.join("sub/c.jsonl"), "{}").expect("write");
        let found = discover(&[root.to_path_buf()], &WalkOptions::default()).expect("walks");
        let names: Vec<String> = found
            .inputs
            .iter()
            .map(|input| match input {
                Input::Path(path) => path
                    .strip_prefix(root)
                    .unwrap_or(path)
                    .display()
                    .to_string(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, vec!["a.md", "b.txt", "sub/c.jsonl"]);
    }

    fn names(found: &Discovery, root: &Path) -> Vec<String> {
        found
            .inputs
            .iter()
            .map(|input| match input {
                Input::Path(path) => path
                    .strip_prefix(root)
                    .unwrap_or(path)
                    .display()
                    .to_string(),
                Input::Stdin => "-".into(),
            })
            .collect()
    }

    #[test]
    fn gitignore_is_honoured_outside_a_git_repository_and_hidden_files_are_skipped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::write(root.join(".gitignore"), "drafts/\n").expect("write");
        std::fs::create_dir(root.join("drafts")).expect("mkdir");
        std::fs::write(root.join("drafts/d.txt"), "d").expect("write");
        std::fs::write(root.join(".hidden.txt"), "h").expect("write");
        std::fs::create_dir(root.join(".cache")).expect("mkdir");
        std::fs::write(root.join(".cache/c.txt"), "c").expect("write");
        std::fs::write(root.join("kept.htm"), "k").expect("write");
        std::fs::write(root.join("page.HTML"), "k").expect("write");
        let found = discover(&[root.to_path_buf()], &WalkOptions::default()).expect("walks");
        assert_eq!(names(&found, root), vec!["kept.htm", "page.HTML"]);
        assert!(found.problems.is_empty());
    }

    #[test]
    fn a_named_file_is_taken_whatever_its_extension() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("notes.log");
        std::fs::write(&file, "text").expect("write");
        let found = discover(std::slice::from_ref(&file), &WalkOptions::default()).expect("ok");
        assert_eq!(found.inputs, vec![Input::Path(file)]);
    }

    #[test]
    fn dash_is_standard_input() {
        let found = discover(&[PathBuf::from("-")], &WalkOptions::default()).expect("ok");
        assert_eq!(found.inputs, vec![Input::Stdin]);
    }

    #[test]
    fn a_file_named_twice_or_also_found_by_walking_is_taken_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "a").expect("write");
        let paths = [file.clone(), dir.path().to_path_buf(), file.clone()];
        let found = discover(&paths, &WalkOptions::default()).expect("ok");
        assert_eq!(found.inputs, vec![Input::Path(file)]);
    }

    #[test]
    fn inputs_are_sorted_whatever_order_they_are_named_in() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, "a").expect("write");
        std::fs::write(&b, "b").expect("write");
        let found = discover(
            &[PathBuf::from("-"), b.clone(), a.clone()],
            &WalkOptions::default(),
        )
        .expect("ok");
        assert_eq!(
            found.inputs,
            vec![Input::Path(a), Input::Path(b), Input::Stdin]
        );
    }

    #[test]
    fn a_bad_exclude_glob_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = WalkOptions {
            exclude: vec!["a[".into()],
        };
        let error = discover(&[dir.path().to_path_buf()], &options).expect_err("bad glob");
        assert!(matches!(error, CorpusError::BadGlob(..)), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_named_on_the_command_line_is_not_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("gone.txt");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).expect("symlink");
        let error = discover(&[link], &WalkOptions::default()).expect_err("dangling");
        assert!(matches!(error, CorpusError::NotFound(_)));
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_inside_a_directory_is_a_problem_beside_the_inputs() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), "a").expect("write");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("b.txt"))
            .expect("symlink");
        let found = discover(&[dir.path().to_path_buf()], &WalkOptions::default()).expect("ok");
        assert_eq!(names(&found, dir.path()), vec!["a.txt"]);
        assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
    }

    #[test]
    fn excluded_globs_are_left_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("keep.txt"), "k").expect("write");
        std::fs::write(dir.path().join("drop.txt"), "d").expect("write");
        let options = WalkOptions {
            exclude: vec!["drop.txt".into()],
        };
        let found = discover(&[dir.path().to_path_buf()], &options).expect("walks");
        assert_eq!(found.inputs.len(), 1);
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let error = discover(&[PathBuf::from("no/such/place")], &WalkOptions::default())
            .expect_err("missing");
        assert!(matches!(error, CorpusError::NotFound(_)));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_a_problem_not_a_hang() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("a")).expect("mkdir");
        std::fs::write(dir.path().join("a/x.txt"), "x").expect("write");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("a/loop")).expect("symlink");
        let found = discover(&[dir.path().to_path_buf()], &WalkOptions::default()).expect("walks");
        assert_eq!(found.inputs.len(), 1);
        assert!(!found.problems.is_empty());
    }
}
