//! Snapshots of the reports of `seeds/`, kept in the top-level `snapshots/` directory.

use assert_cmd::Command;

fn run(args: &[&str]) -> String {
    let output = Command::cargo_bin("claimlint")
        .expect("the binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("claimlint runs");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn seeds_json_report() {
    settings().bind(|| {
        insta::assert_snapshot!(
            "seeds_json_report",
            run(&["check", "seeds", "--format", "json"])
        );
    });
}

#[test]
fn seeds_human_report() {
    settings().bind(|| {
        insta::assert_snapshot!(
            "seeds_human_report",
            run(&["check", "seeds", "--format", "human", "--color", "never"])
        );
    });
}

#[test]
fn seeds_claims_json() {
    settings().bind(|| {
        insta::assert_snapshot!(
            "seeds_claims_json",
            run(&["claims", "seeds", "--format", "json"])
        );
    });
}

#[test]
fn seeds_sarif_report() {
    settings().bind(|| {
        insta::assert_snapshot!(
            "seeds_sarif_report",
            run(&["check", "seeds", "--format", "sarif"])
        );
    });
}

#[test]
fn seeds_github_annotations() {
    settings().bind(|| {
        insta::assert_snapshot!(
            "seeds_github_annotations",
            run(&["check", "seeds", "--format", "github"])
        );
    });
}

#[test]
fn seeds_jsonl_findings() {
    settings().bind(|| {
        insta::assert_snapshot!(
            "seeds_jsonl_findings",
            run(&["check", "seeds", "--format", "jsonl"])
        );
    });
}
