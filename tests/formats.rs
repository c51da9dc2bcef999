//! End-to-end: every article format, and bad inputs reported one by one while the rest is
//! still checked.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn check(dir: &Path, extra: &[&str]) -> (Value, i32, String) {
    let output = Command::cargo_bin("claimlint")
        .expect("the binary is built")
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .expect("claimlint runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (
        report,
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn published(report: &Value) -> Vec<(String, Value, String)> {
    report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|article| {
            let path = article["path"].as_str().unwrap_or("");
            (
                path.rsplit('/').next().unwrap_or(path).to_string(),
                article["published"].clone(),
                article["published_from"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn input_problems(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == "input/article")
        .map(|finding| {
            let path = finding["labels"][0]["path"].as_str().unwrap_or("");
            (
                path.rsplit('/').next().unwrap_or(path).to_string(),
                finding["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const WRONG_WEEKDAY: &str = "Friday, January 27, 2022";

#[test]
fn each_format_gives_its_publication_date_and_labels_quote_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(
        root.join("a.md"),
        format!(
            "+++\ntitle = \"T\"\ndate = 2022-01-27\n+++\nThe talks were held {WRONG_WEEKDAY}.\n"
        ),
    )
    .expect("write");
    fs::write(
        root.join("b.md"),
        "---\ntitle: T\ndate: \"2024-07-22T08:00:00Z\"\n---\nNothing to see.\n",
    )
    .expect("write");
    fs::write(
        root.join("c.html"),
        format!("<html><head><meta property=\"article:published_time\" content=\"2023-09-13T10:00:00Z\"><script>var s = \"{WRONG_WEEKDAY}\";</script></head><body><p>Officials&nbsp;said the meeting on {WRONG_WEEKDAY} &amp; the next day went well.</p></body></html>"),
    )
    .expect("write");
    fs::write(
        root.join("d.jsonl"),
        format!("{{\"id\": \"1\", \"date\": \"2019-04-25\", \"text\": \"The summit opened {WRONG_WEEKDAY}.\"}}\n{{\"id\": \"2\", \"text\": \"Monday, July 22, 2024\\nBody.\"}}\n"),
    )
    .expect("write");
    fs::write(root.join("e.txt"), "27 January 2022\n\nBody text.\n").expect("write");
    let (report, code, _) = check(root, &[]);
    assert_eq!(code, 1, "the wrong weekdays are errors: {report}");
    assert_eq!(
        published(&report),
        vec![
            ("a.md".into(), Value::from("2022-01-27"), "metadata".into()),
            ("b.md".into(), Value::from("2024-07-22"), "metadata".into()),
            (
                "c.html".into(),
                Value::from("2023-09-13"),
                "metadata".into()
            ),
            (
                "d.jsonl:1".into(),
                Value::from("2019-04-25"),
                "metadata".into()
            ),
            (
                "d.jsonl:2".into(),
                Value::from("2024-07-22"),
                "dateline".into()
            ),
            ("e.txt".into(), Value::from("2022-01-27"), "dateline".into()),
        ]
    );
    let weekday_labels: Vec<(String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["check"] == "weekday")
        .map(|finding| {
            let label = &finding["labels"][0];
            (
                label["path"]
                    .as_str()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                label["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        weekday_labels,
        vec![
            ("a.md".to_string(), WRONG_WEEKDAY.to_string()),
            ("c.html".to_string(), WRONG_WEEKDAY.to_string()),
            ("d.jsonl:1".to_string(), WRONG_WEEKDAY.to_string()),
        ],
        "the script's date is not text; every label quotes its source"
    );
    // The HTML label's offsets point into the file as read.
    let html = fs::read_to_string(root.join("c.html")).expect("read");
    let finding = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|finding| {
            finding["labels"][0]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("c.html"))
        })
        .expect("an HTML finding");
    let start = finding["labels"][0]["start"].as_u64().expect("start") as usize;
    let end = finding["labels"][0]["end"].as_u64().expect("end") as usize;
    assert_eq!(&html[start..end], WRONG_WEEKDAY);
}

#[test]
fn bad_inputs_are_reported_one_by_one_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(
        root.join("good.txt"),
        "Thursday, January 27, 2022\n\nAll quiet.\n",
    )
    .expect("write");
    fs::write(root.join("binary.txt"), b"\x00\x01\x02binary").expect("write");
    fs::write(root.join("empty.txt"), "").expect("write");
    fs::write(
        root.join("latin1.txt"),
        b"Thursday, January 27, 2022\n\nCaf\xe9 talks.\n",
    )
    .expect("write");
    fs::write(root.join("front.md"), "+++\ndate = = 1\n+++\nBody\n").expect("write");
    fs::write(
        root.join("lines.jsonl"),
        "{\"text\": \"Thursday, January 27, 2022\\nFine.\"}\n{broken\n",
    )
    .expect("write");
    let (report, code, _) = check(root, &[]);
    assert_eq!(code, 1, "unreadable inputs are errors");
    let names: Vec<String> = published(&report)
        .into_iter()
        .map(|(name, _, _)| name)
        .collect();
    assert_eq!(names, vec!["good.txt", "latin1.txt", "lines.jsonl:1"]);
    let problems = input_problems(&report);
    let mentions = |name: &str, words: &str| {
        problems
            .iter()
            .any(|(path, message)| path == name && message.contains(words))
    };
    assert!(mentions("binary.txt", "binary"), "{problems:?}");
    assert!(mentions("empty.txt", "empty"), "{problems:?}");
    assert!(mentions("front.md", "line 2"), "{problems:?}");
    assert!(mentions("lines.jsonl", "line 2"), "{problems:?}");
    assert!(mentions("latin1.txt", "decoded lossily"), "{problems:?}");
    assert_eq!(problems.len(), 5, "{problems:?}");
}

#[test]
fn a_file_over_the_size_limit_is_reported_with_the_flag_to_raise_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("big.txt"), "x".repeat(2000)).expect("write");
    fs::write(
        dir.path().join("small.txt"),
        "Thursday, January 27, 2022\nok\n",
    )
    .expect("write");
    let (report, _, _) = check(dir.path(), &["--max-file-size", "1000"]);
    let problems = input_problems(&report);
    assert!(
        problems
            .iter()
            .any(|(path, message)| path == "big.txt" && message.contains("--max-file-size")),
        "{problems:?}"
    );
    assert_eq!(published(&report).len(), 1);
}

#[test]
fn stdin_is_an_article() {
    let output = Command::cargo_bin("claimlint")
        .expect("the binary is built")
        .args(["check", "-", "--format", "json"])
        .write_stdin(format!("{WRONG_WEEKDAY}\n\nText.\n"))
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["articles"][0]["path"], "<stdin>");
    assert_eq!(report["findings"][0]["labels"][0]["text"], WRONG_WEEKDAY);
    assert_eq!(output.status.code(), Some(1));
}
