//! Times each stage of the per-article analysis over texts held in memory, on one thread: where
//! the map phase's time goes, without reading, decoding or the cross-article phase.
//!
//! ```sh
//! cargo run --release --example generate -- --seed 7 --megabytes 10 --out /tmp/gen10
//! cargo run --release --example bench_stages -- /tmp/gen10
//! ```
//!
//! Prints, per stage, MB/s by CPU time (`/proc/thread-self/schedstat`, else the wall clock),
//! the median of `--runs N` (default 3). A stage's rate counts the whole text even when the
//! stage looks at part of it; the last line, the whole analysis, is what the map phase does.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use claimlint::analysis::Analyzer;
use claimlint::corpus::{self, Article, LoadOptions};
use claimlint::extract::{sentences, Extractor};
use claimlint::mentions::{names, EntityMatcher};

mod support;

/// Seconds on this thread's CPU clock, or on the wall clock where there is none.
fn seconds() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    let wall = START.get_or_init(Instant::now).elapsed().as_secs_f64();
    support::cpu_ns().map_or(wall, |ns| ns as f64 / 1e9)
}

fn articles(dir: &Path) -> Vec<Article> {
    let Ok(found) = corpus::discover(&[dir.to_path_buf()], &Default::default()) else {
        return Vec::new();
    };
    found
        .inputs
        .iter()
        .flat_map(|input| corpus::load(input, &LoadOptions::default()))
        .filter_map(Result::ok)
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut runs = 3usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            _ => dir = Some(arg),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: bench_stages DIR [--runs N]");
        std::process::exit(2);
    };
    let articles = articles(Path::new(&dir));
    let bytes: usize = articles.iter().map(|article| article.text.len()).sum();
    if bytes == 0 {
        eprintln!("no articles in {dir}");
        std::process::exit(2);
    }
    let pack = match claimlint::app::load_pack(&[]) {
        Ok(pack) => pack,
        Err(_) => std::process::exit(2),
    };
    let extractor = Extractor::new();
    let entities = EntityMatcher::new(&pack);
    let analyzer = Analyzer::new(&pack);
    let no_date = |_: usize| -> Option<(NaiveDate, NaiveDate)> { None };
    type Stage<'a> = (&'a str, Box<dyn Fn(&Article) -> usize + 'a>);
    let stages: Vec<Stage> = vec![
        ("sentences", Box::new(|a| sentences(&a.text).len())),
        (
            "extract (claims)",
            Box::new(|a| extractor.extract(&a.text, a.published).len()),
        ),
        (
            "entities",
            Box::new(|a| entities.find(&pack, &a.text, &no_date).len()),
        ),
        (
            "name spellings",
            Box::new(|a| names::name_spellings(&a.text).len()),
        ),
        (
            "whole analysis",
            Box::new(|a| analyzer.analyze(a, a.published).events.len()),
        ),
    ];
    println!("{} articles, {:.1} MB", articles.len(), bytes as f64 / 1e6);
    let loading: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let started = seconds();
            std::hint::black_box(self::articles(Path::new(&dir)).len());
            bytes as f64 / 1e6 / (seconds() - started).max(1e-9)
        })
        .collect();
    let rate = support::median(loading).unwrap_or(0.0);
    println!("{:<18} {rate:>8.1} MB/s", "load (read, parse)");
    for (name, stage) in &stages {
        let rates: Vec<f64> = (0..runs.max(1))
            .map(|_| {
                let started = seconds();
                let found: usize = articles
                    .iter()
                    .map(|a| std::hint::black_box(stage(a)))
                    .sum();
                std::hint::black_box(found);
                bytes as f64 / 1e6 / (seconds() - started).max(1e-9)
            })
            .collect();
        let rate = support::median(rates).unwrap_or(0.0);
        println!("{name:<18} {rate:>8.1} MB/s");
    }
}
