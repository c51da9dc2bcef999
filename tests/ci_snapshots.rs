//! Snapshots of what CI reads besides the reports: the baseline file of `seeds/`, the gate's
//! summary with that baseline, the per-rule statistics and the effective configuration. Kept in
//! the top-level `snapshots/` directory, like `tests/snapshots.rs`.

use std::path::Path;

use assert_cmd::Command;

fn run_in(dir: &Path, args: &[&str]) -> String {
    let output = Command::cargo_bin("claimlint")
        .expect("the binary is built")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("claimlint runs");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn run(args: &[&str]) -> String {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// The baseline of `seeds/` as `--write-baseline` records it, and the summary line of a run
/// against it.
#[test]
fn seeds_baseline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("baseline.json");
    let file = file.to_str().expect("UTF-8 path");
    run(&[
        "check",
        "seeds",
        "-q",
        "--format",
        "json",
        "--write-baseline",
        file,
    ]);
    let written = std::fs::read_to_string(file).expect("the baseline is written");
    let gated = run(&["check", "seeds", "--color", "never", "--baseline", file]);
    settings().bind(|| {
        insta::assert_snapshot!("seeds_baseline", written);
        insta::assert_snapshot!("seeds_baseline_summary", gated);
    });
}

#[test]
fn seeds_statistics_json() {
    let report: serde_json::Value = serde_json::from_str(&run(&[
        "check",
        "seeds",
        "--format",
        "json",
        "--statistics",
    ]))
    .expect("JSON");
    settings().bind(|| {
        insta::assert_snapshot!(
            "seeds_statistics_json",
            serde_json::to_string_pretty(&report["statistics"]).expect("JSON")
        );
    });
}

#[test]
fn effective_configuration() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("claimlint.toml"),
        "paths = [\"dossier\", \"more\"]\nrules = [\"packs\"]\nexclude = [\"drafts/**\"]\nfail-on = \"warning\"\n\n[severity]\nname-variant = \"off\"\n\"summits/kinship\" = \"warning\"\n",
    )
    .expect("write");
    std::fs::create_dir(dir.path().join("packs")).expect("mkdir");
    std::fs::write(dir.path().join("packs").join("empty.toml"), "# nothing\n").expect("write");
    let nested = dir.path().join("dossier");
    std::fs::create_dir(&nested).expect("mkdir");
    let printed = run_in(&nested, &["config"]);
    // The first line names the file, under a temporary directory.
    let (origin, rest) = printed.split_once('\n').unwrap_or(("", ""));
    assert!(origin.ends_with("/claimlint.toml"), "{origin}");
    settings().bind(|| {
        insta::assert_snapshot!("effective_configuration", rest);
    });
}
