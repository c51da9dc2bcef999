//! End-to-end: claimlint as a CI gate — the machine formats (SARIF, GitHub annotations, JSONL),
//! baselines, `claimlint.toml`, statistics and shell completions. Nothing here depends on how
//! many findings the seeds give; the snapshots in `snapshots/` pin that.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

fn claimlint_in(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("claimlint").expect("the binary is built");
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CI");
    command
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    claimlint_in(dir)
        .args(args)
        .output()
        .expect("claimlint runs")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch directory holding a copy of the seeds in `seeds/`, the working directory of the
/// runs, so that reports name `seeds/…` as in the repository.
fn scratch_with_seeds() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = dir.path().join("seeds");
    fs::create_dir(&seeds).expect("mkdir");
    for entry in fs::read_dir(SEEDS).expect("seeds") {
        let path = entry.expect("entry").path();
        fs::copy(&path, seeds.join(path.file_name().expect("name"))).expect("copy");
    }
    (dir, seeds)
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings")
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

// ---------------------------------------------------------------------------------------------
// Formats

/// Every SARIF result: its rule among the driver's rules (with the kind's documentation), a level
/// from its severity, one location per label (primary + related), regions that quote the file
/// by line/column and by character offset, and the baseline fingerprint.
#[test]
fn sarif_results_point_into_the_files_and_carry_baseline_fingerprints() {
    let (dir, _) = scratch_with_seeds();
    let root = dir.path();
    let report = json(&run_in(root, &["check", "seeds", "--format", "json"]));
    let sarif_run = run_in(
        root,
        &[
            "check",
            "seeds",
            "--format",
            "sarif",
            "--write-baseline",
            "b.json",
        ],
    );
    let sarif = json(&sarif_run);
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif_run.status.code(), Some(1), "the seeds have errors");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for rule in rules {
        assert!(!rule["shortDescription"]["text"]
            .as_str()
            .unwrap_or("")
            .is_empty());
        assert!(!rule["fullDescription"]["text"]
            .as_str()
            .unwrap_or("")
            .is_empty());
        assert_eq!(rule["help"], rule["fullDescription"]);
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), findings(&report).len());
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(root.join("b.json")).expect("baseline"))
            .expect("baseline JSON");
    let mut recorded: Vec<&str> = baseline["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|entry| entry["fingerprint"].as_str())
        .collect();
    let mut reported: Vec<&str> = Vec::new();
    for (result, finding) in results.iter().zip(findings(&report)) {
        assert_eq!(result["ruleId"], finding["rule"]);
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], finding["rule"]);
        let level = match finding["severity"].as_str() {
            Some("error") => "error",
            Some("warning") => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level);
        let related = result["relatedLocations"].as_array().map_or(0, Vec::len);
        let labels = finding["labels"].as_array().expect("labels");
        assert_eq!(1 + related, labels.len(), "{result}");
        let locations = result["locations"]
            .as_array()
            .expect("locations")
            .iter()
            .chain(result["relatedLocations"].as_array().into_iter().flatten());
        for location in locations {
            let physical = &location["physicalLocation"];
            let uri = physical["artifactLocation"]["uri"].as_str().expect("uri");
            assert!(uri.starts_with("seeds/"), "{uri}");
            let text = fs::read_to_string(root.join(uri)).expect("cited file");
            let region = &physical["region"];
            let snippet = region["snippet"]["text"].as_str().expect("snippet");
            let offset = region["charOffset"].as_u64().expect("charOffset") as usize;
            let length = region["charLength"].as_u64().expect("charLength") as usize;
            let by_chars: String = text.chars().skip(offset).take(length).collect();
            assert_eq!(by_chars, snippet);
            let line = region["startLine"].as_u64().expect("startLine") as usize;
            let column = region["startColumn"].as_u64().expect("startColumn") as usize;
            let from_line: String = text
                .lines()
                .nth(line - 1)
                .expect("line")
                .chars()
                .skip(column - 1)
                .take(length)
                .collect();
            assert_eq!(from_line, snippet);
        }
        reported.push(
            result["partialFingerprints"]["claimlint/v1"]
                .as_str()
                .expect("fingerprint"),
        );
    }
    recorded.sort_unstable();
    reported.sort_unstable();
    assert_eq!(reported, recorded, "SARIF fingerprints are the baseline's");
}

#[test]
fn jsonl_lines_are_the_json_reports_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = json(&run_in(root, &["check", "seeds", "--format", "json"]));
    let output = run_in(root, &["check", "seeds", "--format", "jsonl"]);
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(&lines, findings(&report));
    assert_eq!(output.status.code(), Some(1));
}

/// One workflow command per finding, on the primary label; `%`, CR and LF escaped in the
/// message, `:` and `,` too in the properties.
#[test]
fn github_annotations_escape_properties_and_messages() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("a,b:c.txt"),
        "Friday, January 27, 2022\n\nNothing else.\n",
    )
    .expect("write");
    let output = run_in(dir.path(), &["check", ".", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|line| line.contains("title=summits/weekday"))
        .unwrap_or_else(|| panic!("a weekday annotation: {text}"));
    assert!(
        line.starts_with(
            "::error file=a%2Cb%3Ac.txt,line=1,col=1,endLine=1,endColumn=25,title=summits/weekday::"
        ),
        "{line}"
    );
    let message = line
        .splitn(3, "::")
        .nth(2)
        .expect("a message after the properties");
    assert!(message.contains("%0A"), "help on its own line: {message}");
    assert!(!message.contains('\n'));
}

#[test]
fn github_annotations_use_warning_and_notice_for_lower_severities() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = run_in(root, &["check", "seeds", "--format", "github"]);
    let report = json(&run_in(root, &["check", "seeds", "--format", "json"]));
    let text = String::from_utf8_lossy(&output.stdout);
    let commands: Vec<&str> = text
        .lines()
        .map(|line| line.split(' ').next().unwrap_or(""))
        .collect();
    let expected: Vec<&str> = findings(&report)
        .iter()
        .map(|finding| match finding["severity"].as_str() {
            Some("error") => "::error",
            Some("warning") => "::warning",
            _ => "::notice",
        })
        .collect();
    assert_eq!(commands, expected);
}

// ---------------------------------------------------------------------------------------------
// Baselines

/// Write a baseline, then: it passes; an unrelated edit keeps it passing; a new wrong weekday
/// in a dateline fails (exit 1) and is the only finding reported.
#[test]
fn baseline_survives_unrelated_edits_and_catches_a_new_contradiction() {
    let (dir, seeds) = scratch_with_seeds();
    let root = dir.path();
    let written = run_in(root, &["check", "--write-baseline", "baseline.json", "-q"]);
    assert_eq!(written.status.code(), Some(1), "{}", stderr(&written));
    let passing = run_in(
        root,
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(passing.status.code(), Some(0), "{}", stderr(&passing));
    let report = json(&passing);
    assert!(findings(&report).is_empty());
    assert_eq!(report["baseline"]["new"], 0);
    assert_eq!(report["baseline"]["stale"], Value::Array(Vec::new()));
    let matched = report["baseline"]["matched"].as_u64().expect("matched");
    assert!(matched > 0);

    // An unrelated paragraph of 004 is rewritten and moved down by a new one.
    let article = seeds.join("004_420ad0503cdb44f6.txt");
    let text = fs::read_to_string(&article).expect("read");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(
        4,
        "An added paragraph, with nothing in it that anyone could contradict.\n",
    );
    fs::write(&article, lines.join("\n")).expect("write");
    let edited = run_in(root, &["check", "--baseline", "baseline.json"]);
    assert_eq!(edited.status.code(), Some(0), "{}", stderr(&edited));

    // 000's dateline names the wrong weekday.
    replace_in(
        &seeds.join("000_4aadf4290b8e0acb.txt"),
        "Thursday, January 27, 2022",
        "Friday, January 27, 2022",
    );
    let failing = run_in(
        root,
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(failing.status.code(), Some(1));
    let report = json(&failing);
    let new: Vec<(&str, &str)> = findings(&report)
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().unwrap_or(""),
                finding["labels"][0]["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(new, vec![("summits/weekday", "Friday, January 27, 2022")]);
    assert_eq!(report["baseline"]["new"], 1);
    assert_eq!(report["summary"]["errors"], 1);
}

/// The same contradiction twice where the baseline recorded it once: one is new.
#[test]
fn baseline_entries_are_counted_not_just_present() {
    let (dir, seeds) = scratch_with_seeds();
    let root = dir.path();
    fs::write(
        seeds.join("005_extra.txt"),
        "Thursday, January 27, 2022\n\nKim Jong Un, the grandson of Kim Jong Il, spoke.\n",
    )
    .expect("write");
    run_in(root, &["check", "--write-baseline", "baseline.json", "-q"]);
    let article = seeds.join("005_extra.txt");
    let text = fs::read_to_string(&article).expect("read");
    fs::write(
        &article,
        format!("{text}\nAgain: Kim Jong Un, the grandson of Kim Jong Il, spoke.\n"),
    )
    .expect("write");
    let output = run_in(
        root,
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["baseline"]["new"], 1, "{report}");
    assert_eq!(findings(&report)[0]["rule"], "summits/kinship");
}

/// A fixed contradiction leaves its entry stale: on stderr and in the human summary, and the
/// gate passes.
#[test]
fn stale_baseline_entries_are_reported_in_human_mode() {
    let (dir, seeds) = scratch_with_seeds();
    let root = dir.path();
    run_in(root, &["check", "--write-baseline", "baseline.json", "-q"]);
    replace_in(
        &seeds.join("003_ce9650cbe7e462b2.txt"),
        "grandson of Kim Jong-il",
        "son of Kim Jong-il",
    );
    let output = run_in(root, &["check", "--baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let errors = stderr(&output);
    let stale: Vec<&str> = errors
        .lines()
        .filter(|line| line.starts_with("claimlint: stale baseline entry"))
        .collect();
    assert_eq!(stale.len(), 1, "{errors}");
    assert!(
        stale[0].contains("summits/kinship (seeds/003_ce9650cbe7e462b2.txt)"),
        "{errors}"
    );
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("new, 1 stale)"), "{out}");
}

/// `--baseline F --write-baseline F` compares with the old file, then refreshes it.
#[test]
fn a_baseline_is_read_before_it_is_rewritten() {
    let (dir, seeds) = scratch_with_seeds();
    let root = dir.path();
    run_in(root, &["check", "--write-baseline", "baseline.json", "-q"]);
    replace_in(
        &seeds.join("003_ce9650cbe7e462b2.txt"),
        "grandson of Kim Jong-il",
        "son of Kim Jong-il",
    );
    let refresh = run_in(
        root,
        &[
            "check",
            "--baseline",
            "baseline.json",
            "--write-baseline",
            "baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        json(&refresh)["baseline"]["stale"][0]["rule"],
        "summits/kinship"
    );
    let again = json(&run_in(
        root,
        &["check", "--baseline", "baseline.json", "--format", "json"],
    ));
    assert_eq!(again["baseline"]["stale"], Value::Array(Vec::new()));
}

#[test]
fn a_missing_or_foreign_baseline_exits_2() {
    let (dir, _) = scratch_with_seeds();
    let root = dir.path();
    let missing = run_in(root, &["check", "--baseline", "nope.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nope.json"));
    fs::write(root.join("other.json"), "{\"results\": []}").expect("write");
    let foreign = run_in(root, &["check", "--baseline", "other.json"]);
    assert_eq!(foreign.status.code(), Some(2));
    assert!(stderr(&foreign).contains("not a claimlint baseline"));
}

/// Without a baseline the JSON report has no `baseline` key, and `statistics` only when asked.
#[test]
fn optional_json_keys_appear_only_when_asked() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plain = json(&run_in(root, &["check", "seeds", "--format", "json"]));
    let keys: Vec<&String> = plain.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["articles", "findings", "summary", "tool"]);
    let counted = json(&run_in(
        root,
        &["check", "seeds", "--format", "json", "--statistics"],
    ));
    let statistics = counted["statistics"].as_object().expect("statistics");
    let total: u64 = statistics.values().filter_map(Value::as_u64).sum();
    assert_eq!(total as usize, findings(&counted).len());
    for finding in findings(&counted) {
        let rule = finding["rule"].as_str().expect("rule");
        assert!(statistics.contains_key(rule), "{rule}");
    }
}

#[test]
fn statistics_follow_the_human_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = run_in(
        root,
        &["check", "seeds", "--statistics", "--color", "never"],
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let summary = lines
        .iter()
        .rposition(|line| line.contains("articles checked"));
    let count_line = lines
        .iter()
        .rposition(|line| line.split_whitespace().nth(1) == Some("summits/kinship"));
    assert!(
        matches!((count_line, summary), (Some(count), Some(summary)) if count < summary),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// Configuration

fn scratch_with_config(config: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, _) = scratch_with_seeds();
    fs::write(dir.path().join("claimlint.toml"), config).expect("write");
    let nested = dir.path().join("a").join("b");
    fs::create_dir_all(&nested).expect("mkdir");
    (dir, nested)
}

/// The nearest file wins: one in a subdirectory hides the one above it.
#[test]
fn the_nearest_configuration_wins() {
    let (dir, nested) = scratch_with_config("paths = [\"seeds\"]\n");
    fs::write(
        dir.path().join("a").join("claimlint.toml"),
        "paths = [\"../seeds\"]\n[severity]\nkinship = \"off\"\n",
    )
    .expect("write");
    let output = run_in(&nested, &["config"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines()
            .next()
            .is_some_and(|line| line.ends_with("a/claimlint.toml")),
        "{text}"
    );
    assert!(text.contains("\"kinship\" = \"off\""), "{text}");
    let report = json(&run_in(&nested, &["check", "--format", "json"]));
    assert_eq!(report["summary"]["articles"], 5);
    assert!(findings(&report)
        .iter()
        .all(|finding| finding["rule"] != "summits/kinship"));
}

/// Severity overrides by full or short id (the file's paths are relative to the file): `off` drops, others change the severity and so the
/// gate; `--fail-on` on the command line beats `fail-on` in the file.
#[test]
fn severity_overrides_and_flags_beat_the_file() {
    let (_dir, nested) = scratch_with_config(
        "paths = [\"seeds\"]\nfail-on = \"warning\"\n\n[severity]\nevent-date = \"off\"\n\"summits/summit-count\" = \"off\"\n\"summits/kinship\" = \"warning\"\nname-variant = \"info\"\nundated = \"off\"\n",
    );
    let output = run_in(&nested, &["check", "--format", "json"]);
    let report = json(&output);
    let rules: Vec<(&str, &str)> = findings(&report)
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().unwrap_or(""),
                finding["severity"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(!rules.is_empty());
    for (rule, severity) in &rules {
        match *rule {
            "summits/kinship" => assert_eq!(*severity, "warning"),
            "summits/name-variant" => assert_eq!(*severity, "info"),
            "summits/event-date" | "summits/summit-count" | "input/undated" => {
                panic!("{rule} is off")
            }
            _ => {}
        }
    }
    assert_eq!(report["summary"]["errors"], 0, "{rules:?}");
    assert!(rules.contains(&("summits/kinship", "warning")));
    assert_eq!(output.status.code(), Some(1), "fail-on = warning");
    let flag = run_in(&nested, &["check", "--fail-on", "error", "-q"]);
    assert_eq!(flag.status.code(), Some(0), "the flag beats the file");
}

/// Paths on the command line beat `paths`; `exclude` globs leave articles out.
#[test]
fn command_line_paths_beat_the_file_and_excludes_apply() {
    let (dir, nested) = scratch_with_config("paths = [\"nowhere\"]\nexclude = [\"003_*\"]\n");
    let seeds = dir.path().join("seeds");
    let seeds = seeds.to_str().expect("UTF-8 path");
    let report = json(&run_in(&nested, &["check", seeds, "--format", "json"]));
    let names: Vec<&str> = report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|article| article["path"].as_str())
        .filter_map(|path| path.rsplit('/').next())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.iter().all(|name| !name.starts_with("003_")));
    let missing = run_in(&nested, &["check"]);
    assert_eq!(
        missing.status.code(),
        Some(2),
        "the configured path is missing"
    );
}

#[test]
fn an_unknown_key_in_the_configuration_exits_2_at_its_line_and_column() {
    let (dir, nested) =
        scratch_with_config("paths = [\"seeds\"]\n\n[severity]\nweekday = \"off\"\n");
    fs::write(
        dir.path().join("claimlint.toml"),
        "paths = [\"seeds\"]\nrule = [\"packs\"]\n",
    )
    .expect("write");
    let output = run_in(&nested, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(errors.contains("claimlint.toml:2:1"), "{errors}");
    assert!(errors.contains("unknown field `rule`"), "{errors}");
    let config = run_in(&nested, &["config"]);
    assert_eq!(config.status.code(), Some(2));
}

#[test]
fn a_severity_for_an_unknown_check_exits_2_at_its_line() {
    let (_dir, nested) = scratch_with_config(
        "paths = [\"seeds\"]\n\n[severity]\nweekday = \"off\"\n\"summits/kinshp\" = \"off\"\n",
    );
    for args in [&["check"][..], &["config"][..]] {
        let output = run_in(&nested, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let errors = stderr(&output);
        assert!(errors.contains("claimlint.toml:5:"), "{errors}");
        assert!(errors.contains("summits/kinshp"), "{errors}");
    }
}

#[test]
fn a_bad_severity_level_exits_2() {
    let (_dir, nested) = scratch_with_config("[severity]\nweekday = \"fatal\"\n");
    let output = run_in(&nested, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("claimlint.toml:2:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn without_a_file_config_prints_the_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run_in(dir.path(), &["config"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("# no claimlint.toml"), "{text}");
    assert!(text.contains("fail-on = \"error\""), "{text}");
}

// ---------------------------------------------------------------------------------------------
// The rest of the command line

#[test]
fn completions_are_printed_for_each_shell() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (shell, marker) in [
        ("bash", "_claimlint()"),
        ("zsh", "#compdef claimlint"),
        ("fish", "complete -c claimlint"),
    ] {
        let output = run_in(dir.path(), &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("write-baseline"), "{shell}");
    }
    let unknown = run_in(dir.path(), &["completions", "tcsh"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn rules_lists_the_checks_and_rule_explains_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = run_in(dir.path(), &["rules"]);
    assert_eq!(list.status.code(), Some(0));
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(
        text.lines().any(|line| line.starts_with("summits/weekday")),
        "{text}"
    );
    let explained = run_in(dir.path(), &["rule", "weekday"]);
    assert_eq!(explained.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&explained.stdout).contains("The `weekday` check kind"));
    assert_eq!(
        run_in(dir.path(), &["rule", "no-such-check"]).status.code(),
        Some(2)
    );
}

/// Nothing but the report on stdout and no progress bar when stderr is not a terminal.
#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    for index in 0..250 {
        fs::write(
            dir.path().join(format!("{index:03}.txt")),
            "Thursday, January 27, 2022\n\nQuiet.\n",
        )
        .expect("write");
    }
    let output = run_in(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(json(&output)["summary"]["articles"], 250);
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
}
