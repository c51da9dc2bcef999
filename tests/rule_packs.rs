//! The default pack's inline tests are part of `cargo test`.

use claimlint::pack::{compile, default_sources};

#[test]
fn default_pack_inline_tests_pass() {
    let pack = compile(&default_sources()).expect("the default pack compiles");
    let outcomes = claimlint::inline_tests::run_all(&pack);
    assert!(!outcomes.is_empty(), "the default pack has inline tests");
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|outcome| !outcome.passed())
        .map(|outcome| {
            format!(
                "{} › {}: {:?}",
                outcome.check, outcome.test, outcome.failures
            )
        })
        .collect();
    assert!(
        failed.is_empty(),
        "failing inline tests:\n{}",
        failed.join("\n")
    );
}

#[test]
fn every_check_kind_has_a_case_that_fires_and_one_that_must_stay_quiet() {
    let pack = compile(&default_sources()).expect("the default pack compiles");
    for spec in &pack.checks {
        assert!(
            spec.tests.iter().any(|test| !test.fires.is_empty()),
            "{} has no case that must fire",
            spec.id
        );
        assert!(
            spec.tests.iter().any(|test| test.quiet),
            "{} has no case that must stay quiet",
            spec.id
        );
    }
}
