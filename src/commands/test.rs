//! `claimlint test`: the rule packs' inline tests.

use std::path::{Path, PathBuf};

use crate::app::{load_pack, Exit};
use crate::inline_tests;

pub fn run(dir: Option<&Path>) -> Exit {
    let extra: Vec<PathBuf> = dir.map(Path::to_path_buf).into_iter().collect();
    let pack = match load_pack(&extra) {
        Ok(pack) => pack,
        Err(exit) => return exit,
    };
    let outcomes = inline_tests::run_all(&pack);
    let mut failed = 0;
    for outcome in &outcomes {
        if outcome.passed() {
            println!("ok    {} › {}", outcome.check, outcome.test);
        } else {
            failed += 1;
            println!("FAIL  {} › {}", outcome.check, outcome.test);
            for failure in &outcome.failures {
                println!("      {failure}");
            }
        }
    }
    println!("{} passed, {} failed", outcomes.len() - failed, failed);
    if failed == 0 {
        Exit::Clean
    } else {
        Exit::Findings
    }
}
