//! `claimlint rules` and `claimlint rule ID`: the checks and their documentation.

use std::path::PathBuf;

use crate::app::{load_pack, Exit};

pub fn list(extra: &[PathBuf]) -> Exit {
    let pack = match load_pack(extra) {
        Ok(pack) => pack,
        Err(exit) => return exit,
    };
    let width = pack
        .checks
        .iter()
        .map(|spec| spec.id.len())
        .max()
        .unwrap_or(0);
    for spec in &pack.checks {
        println!(
            "{:width$}  {:9}  {:7}  {}",
            spec.id,
            spec.kind.name(),
            format!("{:?}", spec.severity).to_lowercase(),
            spec.summary
        );
    }
    Exit::Clean
}

pub fn explain(id: &str, extra: &[PathBuf]) -> Exit {
    let pack = match load_pack(extra) {
        Ok(pack) => pack,
        Err(exit) => return exit,
    };
    let Some(spec) = pack
        .checks
        .iter()
        .find(|spec| spec.id == id || spec.id.rsplit('/').next() == Some(id))
    else {
        let known: Vec<&str> = pack.checks.iter().map(|spec| spec.id.as_str()).collect();
        eprintln!("claimlint: no check `{id}`; known: {}", known.join(", "));
        return Exit::Error;
    };
    println!(
        "{} ({} check, {})",
        spec.id,
        spec.kind,
        format!("{:?}", spec.severity).to_lowercase()
    );
    println!("{}", spec.summary);
    if !spec.description.is_empty() {
        println!("\n{}", spec.description.trim_end());
    }
    if let Some(event) = spec.event {
        println!("\nEvent type: {}", pack.event(event).key);
    }
    println!("\nThe `{}` check kind\n{}", spec.kind, spec.kind.doc());
    let params = spec.kind.params();
    if !params.is_empty() {
        println!("\nParameters:");
        for (name, meaning) in params {
            let set = spec
                .params
                .get(*name)
                .map(|value| format!(" (set: {value})"))
                .unwrap_or_default();
            println!("  {name}: {meaning}{set}");
        }
    }
    if !spec.tests.is_empty() {
        println!("\nInline tests:");
        for test in &spec.tests {
            let expectation = if test.quiet {
                "must give no finding".to_string()
            } else {
                format!("must fire on {:?}", test.fires)
            };
            println!("  {} — {expectation}", test.name);
            for article in &test.articles {
                for line in article.lines() {
                    println!("      | {line}");
                }
                println!();
            }
        }
    }
    Exit::Clean
}
