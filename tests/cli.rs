//! End-to-end: the built binary on the seeds and on small fixtures; exit codes and JSON.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn claimlint() -> Command {
    let mut command = Command::cargo_bin("claimlint").expect("the binary is built");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn json_report(args: &[&str]) -> (Value, i32) {
    let output = claimlint()
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("claimlint runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (report, output.status.code().unwrap_or(-1))
}

#[test]
fn seeds_report_lists_every_article_with_its_publication_date() {
    let (report, _) = json_report(&["check", "seeds"]);
    let articles: Vec<(String, Value, String)> = report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|article| {
            (
                article["path"].as_str().unwrap_or("").to_string(),
                article["published"].clone(),
                article["published_from"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(articles.len(), 5);
    let published: Vec<(Value, &str)> = articles
        .iter()
        .map(|(_, date, from)| (date.clone(), from.as_str()))
        .collect();
    assert_eq!(
        published,
        vec![
            (Value::from("2022-01-27"), "dateline"),
            (Value::from("2024-07-22"), "dateline"),
            (Value::Null, "none"),
            (Value::Null, "none"),
            (Value::Null, "none"),
        ]
    );
    assert!(articles[0].0.ends_with("000_4aadf4290b8e0acb.txt"));
}

#[test]
fn every_label_quotes_the_file_exactly() {
    let (report, _) = json_report(&["check", "seeds"]);
    let findings = report["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for finding in findings {
        for label in finding["labels"].as_array().expect("labels") {
            let path = label["path"].as_str().expect("path");
            let bytes =
                fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("cited file");
            let start = label["start"].as_u64().expect("start") as usize;
            let end = label["end"].as_u64().expect("end") as usize;
            assert_eq!(
                String::from_utf8_lossy(&bytes[start..end]),
                label["text"].as_str().expect("text"),
                "{label}"
            );
            let before = &bytes[..start];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            assert_eq!(label["line"].as_u64(), Some(line as u64), "{label}");
            assert_eq!(label["column"].as_u64(), Some(column as u64), "{label}");
        }
    }
}

#[test]
fn seeds_fail_the_gate_with_exit_1() {
    let (_, code) = json_report(&["check", "seeds"]);
    assert_eq!(code, 1);
}

#[test]
fn a_clean_dated_article_exits_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("clean.txt"),
        "Thursday, January 27, 2022\n\nThe council met on Tuesday and approved the budget.\n",
    )
    .expect("write");
    let (report, code) = json_report(&["check", dir.path().to_str().expect("utf-8 path")]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["summary"]["errors"], 0);
}

#[test]
fn a_tense_finding_names_where_the_publication_date_came_from() {
    let dir = tempfile::tempdir().expect("temp dir");
    let visit = "Vladimir Putin will visit Kim Jong Un in Pyongyang in April 2019.\n";
    fs::write(
        dir.path().join("dateline.txt"),
        format!("Wednesday, July 10, 2024\n\n{visit}"),
    )
    .expect("write");
    fs::write(
        dir.path().join("metadata.md"),
        format!("---\ndate: 2024-07-10\n---\n\n{visit}"),
    )
    .expect("write");
    let (report, code) = json_report(&["check", dir.path().to_str().expect("utf-8 path")]);
    assert_eq!(code, 1, "{report}");
    let helps: Vec<(String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == "summits/tense")
        .map(|finding| {
            let path = finding["labels"][0]["path"].as_str().unwrap_or_default();
            let file = Path::new(path)
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                file,
                finding["help"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(helps.len(), 2, "{report}");
    assert!(
        helps[0].0 == "dateline.txt" && helps[0].1.ends_with("(2024-07-10, from its dateline)."),
        "{helps:?}"
    );
    assert!(
        helps[1].0 == "metadata.md" && helps[1].1.ends_with("(2024-07-10, from its metadata)."),
        "{helps:?}"
    );
}

/// The JSON report and exit code of a corpus of `a.txt` and `count` copies of `other`
/// (`b1.txt`, `b2.txt`, …).
fn one_against_many(one: &str, other: &str, count: usize) -> (serde_json::Value, i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), one).expect("write");
    for i in 1..=count {
        fs::write(dir.path().join(format!("b{i}.txt")), other).expect("write");
    }
    json_report(&["check", dir.path().to_str().expect("utf-8 path")])
}

#[test]
fn two_meetings_called_the_same_ordinal_label_the_first_tellings_of_each_and_count_them() {
    let (report, code) = one_against_many(
        "Wednesday, March 6, 2019\n\nDonald Trump met Kim Jong Un in Hanoi on February 27, 2019, for their second summit.\n",
        "Tuesday, July 2, 2019\n\nDonald Trump met Kim Jong Un at Panmunjom on June 30, 2019, for their second summit.\n",
        7,
    );
    assert_eq!(code, 1, "{report}");
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{report}");
    let finding = &findings[0];
    assert_eq!(
        finding["message"],
        "2 different meetings between Donald Trump and Kim Jong Un are each called the 2nd"
    );
    let help = finding["help"].as_str().unwrap_or_default();
    assert!(
        help.contains("(a.txt; 1 article calls it the 2nd)")
            && help.contains("and 4 more; 7 articles call it the 2nd)")
            && help.ends_with("The labels show where the first 5 tellings of each call it so."),
        "{help}"
    );
    // One label for the first meeting's one telling, five of the second's seven.
    let labeled: Vec<String> = finding["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|label| {
            let path = Path::new(label["path"].as_str().unwrap_or_default());
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            format!("{file} {} {}", label["text"], label["primary"])
        })
        .collect();
    assert_eq!(
        labeled,
        [
            "a.txt \"second\" true",
            "b1.txt \"second\" false",
            "b2.txt \"second\" false",
            "b3.txt \"second\" false",
            "b4.txt \"second\" false",
            "b5.txt \"second\" false",
        ]
    );
}

#[test]
fn a_misdated_article_names_the_first_five_that_contradict_it_and_counts_the_rest() {
    let (report, code) = one_against_many(
        "Monday, January 27, 2020\n\nDonald Trump will meet Kim Jong Un in Hanoi in the second half of February.\n",
        "Monday, July 22, 2024\n\nDonald Trump met Kim Jong Un in Hanoi in February 2019.\n",
        8,
    );
    assert_eq!(code, 1, "{report}");
    let conflicts: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == "summits/event-date")
        .collect();
    assert_eq!(conflicts.len(), 1, "{report}");
    let message = conflicts[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.ends_with("but February 2019 by b1.txt, b2.txt, b3.txt, b4.txt, b5.txt and 3 more"),
        "{message}"
    );
    let labeled: Vec<&str> = conflicts[0]["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|label| label["text"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        labeled,
        [
            "the second half of February",
            "February 2019",
            "February 2019",
            "February 2019",
            "February 2019",
            "February 2019"
        ]
    );
}

#[test]
fn a_missing_path_exits_2() {
    claimlint()
        .args(["check", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no/such/dir"));
}

#[test]
fn an_empty_directory_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    claimlint()
        .args(["check", dir.path().to_str().expect("utf-8 path")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no articles"));
}

#[test]
fn an_unknown_flag_exits_2() {
    claimlint().args(["check", "--frobnicate"]).assert().code(2);
}

#[test]
fn a_rule_file_with_a_syntax_error_exits_2_naming_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("broken.toml"),
        "[pack]\nname = \"broken\"\nseverity = = \"error\"\n",
    )
    .expect("write");
    let output = claimlint()
        .args([
            "check",
            "seeds",
            "--rules",
            dir.path().to_str().expect("utf-8 path"),
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.toml:3:"), "{stderr}");
}

#[test]
fn an_unknown_key_in_a_rule_file_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("typo.toml"),
        "[[check]]\nid = \"x\"\nkind = \"weekday\"\nseverity = \"error\"\nsumary = \"typo\"\n",
    )
    .expect("write");
    let output = claimlint()
        .args(["rules", "--rules", dir.path().to_str().expect("utf-8 path")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("typo.toml:5:1"), "{stderr}");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let one = claimlint()
        .args(["check", "seeds", "--format", "json", "-j", "1"])
        .output()
        .expect("runs");
    let four = claimlint()
        .args(["check", "seeds", "--format", "json", "-j", "4"])
        .output()
        .expect("runs");
    assert_eq!(one.stdout, four.stdout);
}

/// A dossier about another summit series, with one miscounted summit and one wrong weekday:
/// the default pack finds exactly those and nothing else.
#[test]
fn another_summit_series_needs_no_new_rules() {
    let (report, code) = json_report(&["check", "tests/fixtures/other-series"]);
    assert_eq!(code, 1);
    let found: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["severity"] != "info")
        .map(|finding| {
            let primary = finding["labels"]
                .as_array()
                .and_then(|labels| labels.iter().find(|label| label["primary"] == true))
                .expect("a primary label");
            (
                finding["check"].as_str().unwrap_or("").to_string(),
                primary["path"]
                    .as_str()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                primary["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "sequence".to_string(),
                "d_wrong_count.txt".to_string(),
                "second".to_string()
            ),
            (
                "weekday".to_string(),
                "e_wrong_weekday.txt".to_string(),
                "Friday, June 12, 2018".to_string()
            ),
        ]
    );
}

/// The map step on two halves of the seeds, then the reduce step on both claims files, gives
/// the report `check seeds` gives, byte for byte.
#[test]
fn extract_then_check_claims_equals_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = dir.path().join("first.jsonl");
    let second = dir.path().join("second.jsonl");
    claimlint()
        .args([
            "extract",
            "seeds/000_4aadf4290b8e0acb.txt",
            "seeds/001_e907f36626033505.txt",
            "-o",
        ])
        .arg(&first)
        .assert()
        .code(0);
    claimlint()
        .args([
            "extract",
            "seeds/002_1ec6f29f9f034710.txt",
            "seeds/003_ce9650cbe7e462b2.txt",
            "seeds/004_420ad0503cdb44f6.txt",
            "-o",
        ])
        .arg(&second)
        .assert()
        .code(0);
    let reduced = claimlint()
        .args(["check", "--format", "json", "--claims"])
        .arg(&second)
        .arg(&first)
        .output()
        .expect("runs");
    let direct = claimlint()
        .args(["check", "seeds", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(reduced.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&reduced.stdout),
        String::from_utf8_lossy(&direct.stdout)
    );
}

/// A copy of the seeds in `dir/corpus`, and the seeds' paths.
fn seeds_copied_into(dir: &Path) -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).expect("mkdir");
    let mut seeds: Vec<_> = fs::read_dir("seeds")
        .expect("seeds")
        .map(|entry| entry.expect("entry").path())
        .collect();
    seeds.sort();
    for path in &seeds {
        fs::copy(path, corpus.join(path.file_name().expect("file name"))).expect("copy");
    }
    (corpus, seeds)
}

/// `claimlint extract PATH -o CLAIMS`, which succeeds.
fn extract(path: &Path, claims: &Path) {
    claimlint()
        .arg("extract")
        .arg(path)
        .arg("-o")
        .arg(claims)
        .assert()
        .code(0);
}

/// Files and a JSONL shard whose name sorts between them: the reduce step orders the articles
/// as the direct run reads them, by path. A claims file listing them in another order (its
/// records reversed) is read whole and sorted, to the same report.
#[test]
fn claims_of_files_and_shards_give_the_report_of_the_direct_run_in_any_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (corpus, seeds) = seeds_copied_into(dir.path());
    // Two seeds again, as the articles of a shard named between the files.
    let shard: String = seeds
        .iter()
        .take(2)
        .enumerate()
        .map(|(index, path)| {
            let text = fs::read_to_string(path).expect("a seed reads");
            format!("{}\n", serde_json::json!({"id": index, "text": text}))
        })
        .collect();
    fs::write(corpus.join("001a_shard.jsonl"), shard).expect("shard written");
    let claims = dir.path().join("claims.jsonl");
    extract(&corpus, &claims);
    let reduced = claimlint()
        .args(["check", "--format", "json", "--claims"])
        .arg(&claims)
        .output()
        .expect("runs");
    let direct = claimlint()
        .args(["check", "--format", "json"])
        .arg(&corpus)
        .output()
        .expect("runs");
    assert_eq!(reduced.status.code(), direct.status.code());
    assert_eq!(
        String::from_utf8_lossy(&reduced.stdout),
        String::from_utf8_lossy(&direct.stdout)
    );
    let report: Value = serde_json::from_slice(&reduced.stdout).expect("JSON");
    assert_eq!(report["articles"].as_array().map(Vec::len), Some(7));
    let written = fs::read_to_string(&claims).expect("claims read");
    let mut lines: Vec<&str> = written.lines().collect();
    lines[1..].reverse();
    let reversed = dir.path().join("reversed.jsonl");
    fs::write(&reversed, lines.join("\n") + "\n").expect("written");
    let resorted = claimlint()
        .args(["check", "--format", "json", "--claims"])
        .arg(&reversed)
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&resorted.stdout),
        String::from_utf8_lossy(&direct.stdout)
    );
}

/// The reduce step where the articles are gone: findings keep their offsets and say nothing of
/// text, and the run still fails on them.
#[test]
fn claims_whose_articles_are_gone_still_report_their_offsets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (corpus, _) = seeds_copied_into(dir.path());
    let claims = dir.path().join("claims.jsonl");
    extract(&corpus, &claims);
    fs::remove_dir_all(&corpus).expect("rm");
    let (report, code) = json_report(&["check", "--claims", claims.to_str().expect("UTF-8")]);
    assert_eq!(code, 1);
    let labels: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .flat_map(|finding| finding["labels"].as_array().into_iter().flatten())
        .collect();
    assert!(!labels.is_empty());
    for label in labels {
        assert_eq!(label["line"], 0, "{label}");
        assert_eq!(label["text"], "", "{label}");
        assert!(label["end"].as_u64() >= label["start"].as_u64(), "{label}");
        assert!(
            label["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{label}"
        );
    }
}

/// The claims file appears whole or not at all: written beside, renamed into place.
#[test]
fn extract_leaves_only_the_finished_claims_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let claims = dir.path().join("claims.jsonl");
    extract(Path::new("seeds"), &claims);
    let names: Vec<String> = fs::read_dir(dir.path())
        .expect("listed")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["claims.jsonl"]);
    let written = fs::read_to_string(&claims).expect("claims read");
    assert_eq!(written.lines().count(), 1 + 5);
    claimlint()
        .args(["extract", "seeds", "-o"])
        .arg(dir.path().join("missing").join("claims.jsonl"))
        .assert()
        .code(2);
}

/// Claims extracted from standard input: the reduce step cannot read the text again, and its
/// findings keep every label, with offsets and no text.
#[test]
fn claims_from_standard_input_keep_their_labels() {
    let dir = tempfile::tempdir().expect("temp dir");
    let claims = dir.path().join("claims.jsonl");
    let text = fs::read("seeds/001_e907f36626033505.txt").expect("a seed reads");
    claimlint()
        .args(["extract", "-", "-o"])
        .arg(&claims)
        .write_stdin(text.clone())
        .assert()
        .code(0);
    let (reduced, code) = json_report(&["check", "--claims", claims.to_str().expect("UTF-8")]);
    let direct = claimlint()
        .args(["check", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(Some(code), direct.status.code());
    let direct: Value = serde_json::from_slice(&direct.stdout).expect("JSON");
    let labels = |report: &Value| -> Vec<(Value, Value)> {
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .flat_map(|finding| finding["labels"].as_array().into_iter().flatten())
            .map(|label| (label["start"].clone(), label["end"].clone()))
            .collect()
    };
    assert!(!labels(&reduced).is_empty());
    assert_eq!(labels(&reduced), labels(&direct));
}

#[test]
fn claims_from_another_rule_pack_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let claims = dir.path().join("claims.jsonl");
    claimlint()
        .args(["extract", "seeds", "-o"])
        .arg(&claims)
        .assert()
        .code(0);
    let rules = dir.path().join("rules");
    fs::create_dir(&rules).expect("mkdir");
    fs::write(
        rules.join("extra.toml"),
        "[[entity]]\nid = \"someone\"\nkind = \"person\"\nname = \"Some One\"\n",
    )
    .expect("write");
    claimlint()
        .args(["check", "--rules"])
        .arg(&rules)
        .arg("--claims")
        .arg(&claims)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("another rule pack"));
}

/// SARIF: one result per finding, the primary label as its location, every other label (in
/// other articles too) a related location.
#[test]
fn sarif_results_carry_every_label() {
    let (report, _) = json_report(&["check", "seeds"]);
    let output = claimlint()
        .args(["check", "seeds", "--format", "sarif"])
        .output()
        .expect("runs");
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["rule"]);
        let labels = finding["labels"].as_array().map_or(0, Vec::len);
        let related = result["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related + 1, labels, "{result}");
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        assert!(uri.starts_with("seeds/"), "{uri}");
    }
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert!(rules
        .iter()
        .any(|rule| rule["id"] == "summits/summit-count"));
}

#[test]
fn github_annotations_name_seed_files_and_lines() {
    let output = claimlint()
        .args(["check", "seeds", "--format", "github"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text
        .lines()
        .any(|line| line.starts_with("::error file=seeds/001_e907f36626033505.txt,line=11,")));
    assert!(text.lines().all(|line| line.starts_with("::")));
    assert_eq!(output.status.code(), Some(1));
}

fn copy_seeds_to(dir: &std::path::Path) {
    for entry in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")).expect("seeds") {
        let path = entry.expect("entry").path();
        fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
}

/// A baseline hides today's findings, survives an unrelated edit, and a new contradiction
/// fails the gate again; an entry that matches nothing any more is reported as stale.
#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("dossier");
    fs::create_dir(&corpus).expect("mkdir");
    copy_seeds_to(&corpus);
    let baseline = dir.path().join("baseline.json");
    claimlint()
        .arg("check")
        .arg(&corpus)
        .arg("--write-baseline")
        .arg(&baseline)
        .assert()
        .code(1);
    claimlint()
        .arg("check")
        .arg(&corpus)
        .arg("--baseline")
        .arg(&baseline)
        .assert()
        .code(0);
    // An unrelated paragraph changes: the baseline still matches.
    let edited = corpus.join("001_e907f36626033505.txt");
    let text = fs::read_to_string(&edited).expect("read");
    fs::write(
        &edited,
        text.replace(
            "Recently, tensions on the Korean Peninsula have risen again",
            "Lately, tensions on the Korean Peninsula have risen once more, officials said,",
        ),
    )
    .expect("write");
    claimlint()
        .arg("check")
        .arg(&corpus)
        .arg("--baseline")
        .arg(&baseline)
        .assert()
        .code(0);
    // A new contradiction fails again, and only it is reported.
    fs::write(
        corpus.join("005_new.txt"),
        "Friday, January 27, 2022\n\nKim Jong Un, the grandson of Kim Jong Il, spoke.\n",
    )
    .expect("write");
    let output = claimlint()
        .arg("check")
        .arg(&corpus)
        .args(["--format", "json", "--baseline"])
        .arg(&baseline)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["baseline"]["new"], 2, "{report}");
    assert!(report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .all(|finding| finding["labels"][0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("005_new.txt"))));
    // Fixing a recorded contradiction leaves its entry stale.
    let grandson = corpus.join("003_ce9650cbe7e462b2.txt");
    let text = fs::read_to_string(&grandson).expect("read");
    fs::write(
        &grandson,
        text.replace("grandson of Kim Jong-il", "son of Kim Jong-il"),
    )
    .expect("write");
    fs::remove_file(corpus.join("005_new.txt")).expect("rm");
    let output = claimlint()
        .arg("check")
        .arg(&corpus)
        .args(["--format", "json", "--baseline"])
        .arg(&baseline)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let stale = report["baseline"]["stale"].as_array().expect("stale");
    assert_eq!(stale.len(), 1, "{report}");
    assert_eq!(stale[0]["rule"], "summits/kinship");
    assert!(String::from_utf8_lossy(&output.stderr).contains("stale baseline entry"));
}

/// The nearest claimlint.toml gives the default paths, the severities (`off` included) and the
/// threshold; command-line flags beat it.
#[test]
fn configuration_is_discovered_upwards_and_overrides_severities() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dossier = dir.path().join("dossier");
    fs::create_dir(&dossier).expect("mkdir");
    copy_seeds_to(&dossier);
    fs::write(
        dir.path().join("claimlint.toml"),
        "paths = [\"dossier\"]\nfail-on = \"warning\"\n\n[severity]\n\"summits/kinship\" = \"off\"\nname-variant = \"info\"\n",
    )
    .expect("write");
    let nested = dir.path().join("nested");
    fs::create_dir(&nested).expect("mkdir");
    let run = |args: &[&str]| {
        Command::cargo_bin("claimlint")
            .expect("binary")
            .current_dir(&nested)
            .args(args)
            .output()
            .expect("runs")
    };
    let output = run(&["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(report["articles"].as_array().map(Vec::len), Some(5));
    assert!(findings
        .iter()
        .all(|finding| finding["rule"] != "summits/kinship"));
    assert!(findings
        .iter()
        .filter(|finding| finding["rule"] == "summits/name-variant")
        .all(|finding| finding["severity"] == "info"));
    assert_eq!(output.status.code(), Some(1));
    let printed = run(&["config"]);
    let text = String::from_utf8_lossy(&printed.stdout);
    assert!(text.contains("claimlint.toml"), "{text}");
    assert!(text.contains("fail-on = \"warning\""), "{text}");
    fs::write(
        dir.path().join("claimlint.toml"),
        "paths = []\nsevirity = 1\n",
    )
    .expect("write");
    let broken = run(&["check"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("claimlint.toml:2:1"));
}

/// A reader that stops reading (`| head`) is not an error of the run: it still fails on its
/// findings, with 1, not 2.
#[test]
fn a_closed_output_pipe_still_fails_on_the_findings() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "seeds", "--format", "jsonl"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("claimlint starts");
    // Closed long before the run gets to its report.
    drop(child.stdout.take());
    let status = child.wait().expect("claimlint ends");
    assert_eq!(status.code(), Some(1));
}
