//! Times the language-level recognizers alone: `Extractor::extract` over texts held in memory.
//!
//! ```sh
//! cargo run --release --example generate -- --seed 7 --megabytes 50 --out /tmp/gen50
//! cargo run --release --example bench_extract -- /tmp/gen50            # JSONL shards
//! cargo run --release --example bench_extract -- seeds --repeat 500    # .txt files, repeated
//! ```
//!
//! Inputs: a directory (or file) of `.jsonl` shards, whose lines' `text` are articles, or of
//! `.txt` articles. Each text's publication date comes from its dateline, as in the pipeline.
//! Options: `--runs N` (default 5), `--repeat N` (hold every text N times, default 1),
//! `--dump FILE` (write every claim, one per line, to compare the output of two builds).
//! Prints MB/s of each run and their median, on the one thread it runs on: by the wall clock
//! and, where Linux tells it (`/proc/thread-self/schedstat`), by the time the thread was on a
//! CPU, which stays meaningful when other work shares the cores.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use claimlint::corpus::find_dateline;
use claimlint::extract::Extractor;

mod support;
use support::{cpu_ns, median};

fn files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e == "jsonl" || e == "txt" || e == "json")
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn load(path: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    for file in files(path) {
        let Ok(raw) = std::fs::read_to_string(&file) else {
            eprintln!("skipped {} (not UTF-8 text)", file.display());
            continue;
        };
        if file.extension().is_some_and(|e| e == "txt") {
            texts.push(raw);
            continue;
        }
        for line in raw.lines().filter(|l| !l.trim().is_empty()) {
            match serde_json::from_str::<serde_json::Value>(line) {
                Ok(v) => {
                    if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                        texts.push(t.to_string());
                    }
                }
                Err(e) => eprintln!("skipped a line of {}: {e}", file.display()),
            }
        }
    }
    texts
}

fn extractor_once() -> &'static Extractor {
    static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut runs = 5usize;
    let mut repeat = 1usize;
    let mut dump = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(repeat),
            "--dump" => dump = args.next().map(PathBuf::from),
            _ => path = Some(PathBuf::from(arg)),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: bench_extract DIR|FILE [--runs N] [--repeat N]");
        std::process::exit(2);
    };
    let texts = load(&path);
    if texts.is_empty() {
        eprintln!("no texts found in {}", path.display());
        std::process::exit(2);
    }
    let docs: Vec<(&str, Option<NaiveDate>)> = texts
        .iter()
        .map(|t| (t.as_str(), find_dateline(t).map(|(d, _)| d)))
        .collect();
    let docs: Vec<(&str, Option<NaiveDate>)> =
        std::iter::repeat_n(docs, repeat.max(1)).flatten().collect();
    if let Some(out) = dump {
        use std::fmt::Write as _;
        let mut all = String::new();
        for (k, (text, publication)) in texts.iter().zip(&docs).map(|(t, d)| (t, d.1)).enumerate() {
            for c in extractor_once().extract(text, publication) {
                let _ = writeln!(all, "{k}\t{:?}\t{:?}", c.span, c.kind);
            }
        }
        if let Err(e) = std::fs::write(&out, all) {
            eprintln!("cannot write {}: {e}", out.display());
            std::process::exit(2);
        }
    }
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let extractor = Extractor::new();
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let mut claims = 0usize;
    for run in 1..=runs.max(1) {
        let cpu_start = cpu_ns();
        let started = Instant::now();
        claims = 0;
        for (text, publication) in &docs {
            claims += std::hint::black_box(extractor.extract(text, *publication)).len();
        }
        let secs = started.elapsed().as_secs_f64();
        let rate = bytes as f64 / 1e6 / secs;
        rates.push(rate);
        match cpu_start.zip(cpu_ns()) {
            Some((a, b)) if b > a => {
                let cpu_rate = bytes as f64 / 1e6 / ((b - a) as f64 / 1e9);
                cpu_rates.push(cpu_rate);
                println!("run {run}: {secs:.3} s, {rate:.1} MB/s wall, {cpu_rate:.1} MB/s on CPU");
            }
            _ => println!("run {run}: {secs:.3} s, {rate:.1} MB/s wall"),
        }
    }
    let n = rates.len();
    print!(
        "{} texts, {:.1} MB, {claims} claims; median of {n} runs: {:.1} MB/s wall",
        docs.len(),
        bytes as f64 / 1e6,
        median(rates).unwrap_or(0.0)
    );
    match median(cpu_rates) {
        Some(cpu) => println!(", {cpu:.1} MB/s on CPU (one thread)"),
        None => println!(" (one thread)"),
    }
}
