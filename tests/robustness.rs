//! Hostile inputs never make claimlint panic or skip the good articles; the same input gives the
//! same bytes whatever the thread count.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn copy_seeds(to: &Path) {
    for entry in fs::read_dir(seeds_dir()).expect("seeds") {
        let path = entry.expect("entry").path();
        fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
    }
}

fn run(args: &[&str]) -> (Value, i32, String) {
    let output = Command::cargo_bin("claimlint")
        .expect("the binary is built")
        .args(args)
        .output()
        .expect("claimlint runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let report = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("not JSON ({error}); stderr: {stderr}"));
    (report, output.status.code().unwrap_or(-1), stderr)
}

#[test]
fn a_directory_of_hostile_inputs_still_checks_every_seed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    copy_seeds(root);
    fs::write(root.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    fs::write(
        root.join("invalid-utf8.txt"),
        b"Thursday, January 27, 2022\n\xff\xfe Kim Jong Un met \xc3\x28 Vladimir Putin.\n",
    )
    .expect("write");
    fs::write(root.join("empty.txt"), "").expect("write");
    fs::write(
        root.join("one-line.txt"),
        "Kim Jong Un met Vladimir Putin on Tuesday, June 4, 2019. ".repeat(20_000),
    )
    .expect("write");
    fs::write(root.join("front.md"), "---\ndate: [unclosed\n---\nBody\n").expect("write");
    fs::write(
        root.join("mixed.jsonl"),
        "{\"text\": \"Thursday, January 27, 2022\\nKim Jong Un met Vladimir Putin.\"}\n\u{0}\u{1}not json\n{\"text\": 42}\n{\"date\": \"2024-07-22\", \"text\": \"Fine.\"}\n",
    )
    .expect("write");
    fs::write(
        root.join("page.html"),
        "<html><body><script>while(true){}</script><p>Kim &amp; Putin &#x1F600; &bogus; &#99999999;</p><style>p{}</style></body></html>",
    )
    .expect("write");
    let mut deep = root.to_path_buf();
    for level in 0..40 {
        deep = deep.join(format!("d{level}"));
    }
    fs::create_dir_all(&deep).expect("deep dirs");
    fs::write(
        deep.join("deep.txt"),
        "Monday, July 22, 2024\n\nDeep article.\n",
    )
    .expect("write");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("dangling.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink(root, root.join("loop")).expect("symlink");
    }
    let (report, code, stderr) = run(&["check", root.to_str().expect("utf-8"), "--format", "json"]);
    assert!(!stderr.contains("internal error"), "{stderr}");
    assert!(code == 1 || code == 2, "exit {code}");
    let paths: Vec<&str> = report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|article| article["path"].as_str())
        .collect();
    for seed in ["000_", "001_", "002_", "003_", "004_"] {
        assert!(
            paths.iter().any(|path| path
                .rsplit('/')
                .next()
                .is_some_and(|name| name.starts_with(seed))),
            "seed {seed} missing from {paths:?}"
        );
    }
    assert!(paths.iter().any(|path| path.ends_with("deep.txt")));
    assert!(paths.iter().any(|path| path.ends_with("one-line.txt")));
    let problems: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == "input/article")
        .map(|finding| finding["message"].as_str().unwrap_or("").to_string())
        .collect();
    let about = |name: &str| {
        problems
            .iter()
            .filter(|message| message.contains(name))
            .count()
    };
    assert_eq!(about("binary.txt"), 1, "{problems:#?}");
    assert_eq!(about("empty.txt"), 1, "{problems:#?}");
    assert_eq!(about("invalid-utf8.txt"), 1, "{problems:#?}");
    assert_eq!(about("front.md"), 1, "{problems:#?}");
    assert_eq!(about("mixed.jsonl"), 2, "two bad lines: {problems:#?}");
    #[cfg(unix)]
    {
        assert_eq!(about("dangling.txt"), 1, "{problems:#?}");
        assert!(
            problems.iter().any(|message| message.contains("loop")),
            "{problems:#?}"
        );
    }
}

#[test]
fn more_claims_than_the_limit_is_a_warning_not_a_failure() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("dates.txt"),
        "Thursday, January 27, 2022\n\n".to_string() + &"It happened in April 2019. ".repeat(500),
    )
    .expect("write");
    let (report, _, _) = run(&[
        "check",
        dir.path().to_str().expect("utf-8"),
        "--format",
        "json",
        "--max-claims",
        "100",
    ]);
    let warned = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|finding| {
            finding["severity"] == "warning"
                && finding["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("--max-claims"))
        });
    assert!(warned, "{report}");
}

/// A corpus of seeds, fixtures and synthetic articles made by recombining the seeds'
/// paragraphs under other datelines.
fn synthetic_corpus(root: &Path) {
    copy_seeds(root);
    let paragraphs: Vec<String> = fs::read_dir(seeds_dir())
        .expect("seeds")
        .filter_map(|entry| fs::read_to_string(entry.ok()?.path()).ok())
        .flat_map(|text| text.split("\n\n").map(str::to_string).collect::<Vec<_>>())
        .filter(|paragraph| paragraph.len() > 40)
        .collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let datelines = [
        "Thursday, January 27, 2022",
        "Monday, July 22, 2024",
        "Wednesday, September 13, 2023",
        "Friday, April 26, 2019",
    ];
    for index in 0..150 {
        let mut text = format!("{}\n\n", datelines[next(datelines.len())]);
        for _ in 0..6 {
            text.push_str(&paragraphs[next(paragraphs.len())]);
            text.push_str("\n\n");
        }
        fs::write(root.join(format!("synthetic-{index:03}.txt")), text).expect("write");
    }
}

#[test]
fn output_is_byte_identical_with_one_or_four_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    synthetic_corpus(dir.path());
    let path = dir.path().to_str().expect("utf-8");
    let run_with = |threads: &str| {
        Command::cargo_bin("claimlint")
            .expect("the binary is built")
            .args(["check", path, "--format", "json", "-j", threads])
            .output()
            .expect("runs")
            .stdout
    };
    let one = run_with("1");
    let four = run_with("4");
    assert!(one.len() > 1000, "a real report");
    assert!(one == four, "reports differ between -j 1 and -j 4");
}
