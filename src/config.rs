//! `claimlint.toml`: the nearest one in the working directory or a parent configures paths,
//! extra packs, excluded globs, per-check severities and the failure threshold. Flags on the
//! command line beat it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::pack::{PackError, Severity};

pub const FILE_NAME: &str = "claimlint.toml";

/// A per-check severity: one of the three, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Threshold {
    Error,
    Warning,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<Level>>,
    #[serde(default)]
    fail_on: Option<Threshold>,
}

/// The effective configuration, with paths made absolute against the file's directory.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Config {
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
    pub paths: Vec<PathBuf>,
    pub rules: Vec<PathBuf>,
    pub exclude: Vec<String>,
    pub severity: BTreeMap<String, Level>,
    pub fail_on: Option<Threshold>,
    /// Where each `[severity]` key's value is in the file, to point at a key naming no check.
    #[serde(skip)]
    severity_spans: BTreeMap<String, std::ops::Range<usize>>,
    /// The file's text, for diagnostics.
    #[serde(skip)]
    text: String,
}

/// The nearest `claimlint.toml` from `start` upwards.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

pub fn load(path: &Path) -> Result<Config, Box<PackError>> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| {
        Box::new(PackError::at(
            &shown,
            "",
            0..0,
            format!("cannot read: {error}"),
        ))
    })?;
    let file: ConfigFile = toml::from_str(&text).map_err(|error| {
        Box::new(PackError::at(
            &shown,
            &text,
            error.span().unwrap_or(0..0),
            error.message().trim_end(),
        ))
    })?;
    // Paths are relative to the file; expressed relative to the working directory when the
    // file is in it or above it, so reports show the paths a user would type.
    let dir = path.parent().unwrap_or(Path::new("."));
    let cwd = std::env::current_dir().unwrap_or_default();
    let base = match cwd.strip_prefix(dir) {
        Ok(below) => below.components().map(|_| "..").collect::<PathBuf>(),
        Err(_) => dir.to_path_buf(),
    };
    let relative = |item: &String| {
        let given = Path::new(item);
        if given.is_absolute() || base.as_os_str().is_empty() {
            given.to_path_buf()
        } else {
            base.join(given)
        }
    };
    Ok(Config {
        file: Some(path.to_path_buf()),
        paths: file.paths.iter().map(relative).collect(),
        rules: file.rules.iter().map(relative).collect(),
        exclude: file.exclude,
        severity_spans: file
            .severity
            .iter()
            .map(|(check, level)| (check.clone(), level.span()))
            .collect(),
        severity: file
            .severity
            .into_iter()
            .map(|(check, level)| (check, level.into_inner()))
            .collect(),
        fail_on: file.fail_on,
        text,
    })
}

impl Config {
    /// The level configured for a check, by full id (`pack/check`) or by its short id.
    pub fn level_of(&self, rule: &str) -> Option<Level> {
        self.severity.get(rule).copied().or_else(|| {
            rule.rsplit_once('/')
                .and_then(|(_, short)| self.severity.get(short).copied())
        })
    }

    /// Rejects a `[severity]` key that names none of `rules` (full ids), by full or short id:
    /// a typo must not silently leave a check at its default severity.
    pub fn check_rule_ids(&self, rules: &[&str]) -> Result<(), Box<PackError>> {
        for (key, span) in &self.severity_spans {
            let known = rules
                .iter()
                .any(|id| id == key || id.rsplit_once('/').is_some_and(|(_, short)| short == key));
            if !known {
                let file = self
                    .file
                    .as_ref()
                    .map(|path| path.display().to_string())
                    .unwrap_or_default();
                return Err(Box::new(
                    PackError::at(
                        &file,
                        &self.text,
                        span.clone(),
                        format!("`[severity]` names no known check: `{key}`"),
                    )
                    .with_help(format!(
                        "known checks (`claimlint rules`): {}",
                        rules.join(", ")
                    )),
                ));
            }
        }
        Ok(())
    }

    /// The severity a finding of `rule` ends with; `None` when the check is off.
    pub fn apply(&self, rule: &str, severity: Severity) -> Option<Severity> {
        match self.level_of(rule) {
            None => Some(severity),
            Some(Level::Off) => None,
            Some(Level::Info) => Some(Severity::Info),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Error) => Some(Severity::Error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, text).expect("write");
        path
    }

    #[test]
    fn nearest_file_upwards_is_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).expect("mkdir");
        let path = write(dir.path(), "paths = [\"x\"]\n");
        assert_eq!(discover(&nested), Some(path));
    }

    #[test]
    fn severities_apply_by_full_or_short_id_and_off_drops() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write(
            dir.path(),
            "[severity]\n\"summits/name-variant\" = \"off\"\nweekday = \"warning\"\n",
        );
        let config = load(&path).expect("loads");
        assert_eq!(
            config.apply("summits/name-variant", Severity::Warning),
            None
        );
        assert_eq!(
            config.apply("summits/weekday", Severity::Error),
            Some(Severity::Warning)
        );
        assert_eq!(
            config.apply("summits/kinship", Severity::Error),
            Some(Severity::Error)
        );
    }

    #[test]
    fn a_severity_for_no_known_check_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write(
            dir.path(),
            "[severity]\nweekday = \"off\"\n\"summits/wekday\" = \"info\"\n",
        );
        let config = load(&path).expect("loads");
        let rules = ["summits/weekday", "input/undated"];
        let error = config.check_rule_ids(&rules).expect_err("a typo");
        assert_eq!(error.line, 3, "{error}");
        assert!(error.message.contains("summits/wekday"), "{error}");
        let fine = write(
            dir.path(),
            "[severity]\nweekday = \"off\"\nundated = \"off\"\n",
        );
        assert!(load(&fine).expect("loads").check_rule_ids(&rules).is_ok());
    }

    #[test]
    fn unknown_keys_point_at_their_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write(dir.path(), "paths = []\nfail_on = \"warning\"\n");
        let error = load(&path).expect_err("unknown key");
        assert_eq!(error.line, 2, "{error}");
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write(dir.path(), "paths = [\"dossier\"]\nrules = [\"packs\"]\n");
        let config = load(&path).expect("loads");
        let dossier = config.paths[0].clone();
        let shown = if dossier.is_absolute() {
            dossier
        } else {
            std::env::current_dir().expect("cwd").join(dossier)
        };
        assert!(shown.ends_with("dossier"), "{shown:?}");
        assert_eq!(config.rules.len(), 1);
    }
}
