//! Scores the date recognizer against TempEval-3 TimeBank/AQUAINT (TBAQ-cleaned) gold TIMEX3.
//!
//! Run: `cargo run --release --example timebank_score -- /tmp/tbaq/TBAQ-cleaned [--verbose | --all]`
//! (see docs/temporal-eval.md for fetching the data). Only `TimeBank/` and `AQUAINT/` are read.
//!
//! Counting, for gold `type="DATE"` timexes of the document body:
//! * gold whose value is `PRESENT_REF`, `PAST_REF` or `FUTURE_REF` ("now", "recently") is
//!   excluded: the recognizer makes no claim for it by design; a prediction overlapping it is
//!   counted neither way;
//! * a predicted Date claim that overlaps a DATE gold is a true positive (relaxed match);
//! * one that overlaps only a TIME/DURATION/SET gold is "other type": left out of the primary
//!   precision, counted as a false positive in the strict one;
//! * value accuracy is over matched gold: the best-overlapping prediction's
//!   `DateValue::timex()` must equal the gold `value` (week numbers zero-padded: "2000-W7" →
//!   "2000-W07", decades "199X" → "199"); an unresolved prediction never equals.
//! * speed: extraction alone, over all documents held in memory, best of three passes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use claimlint::extract::{ClaimKind, Extractor};

struct Timex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

struct Doc {
    name: String,
    text: String,
    dct: Option<NaiveDate>,
    timexes: Vec<Timex>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_string())
}

fn decode_into(out: &mut String, s: &str) {
    out.push_str(
        &s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    );
}

fn parse_doc(name: String, raw: &str) -> Option<Doc> {
    let dct = raw
        .find("functionInDocument=\"CREATION_TIME\"")
        .and_then(|at| {
            let open = raw[..at].rfind('<')?;
            let close = raw[at..].find('>')? + at;
            attr(&raw[open..close], "value")
        })
        .and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok());
    let body_start = raw.find("<TEXT>")? + "<TEXT>".len();
    let body_end = raw.find("</TEXT>")?;
    let body = raw.get(body_start..body_end)?;
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        decode_into(&mut text, &rest[..lt]);
        let gt = rest[lt..].find('>')? + lt;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            open = Some((
                text.len(),
                attr(tag, "type").unwrap_or_default(),
                attr(tag, "value").unwrap_or_default(),
            ));
        } else if tag.starts_with("/TIMEX3") {
            if let Some((start, kind, value)) = open.take() {
                timexes.push(Timex {
                    start,
                    end: text.len(),
                    kind,
                    value,
                });
            }
        }
        rest = &rest[gt + 1..];
    }
    decode_into(&mut text, rest);
    Some(Doc {
        name,
        text,
        dct,
        timexes,
    })
}

fn normalize(value: &str) -> String {
    // TE-3 writes decades "199X"; TIMEX3 (and `DateValue::timex`) write "199".
    if value.len() == 4 && value.ends_with('X') && value[..3].chars().all(|c| c.is_ascii_digit()) {
        return value[..3].to_string();
    }
    // "2000-W7" → "2000-W07"
    if let Some((year, week)) = value.split_once("-W") {
        if week.len() == 1 && week.chars().all(|c| c.is_ascii_digit()) {
            return format!("{year}-W0{week}");
        }
    }
    value.to_string()
}

fn is_ref(value: &str) -> bool {
    value.ends_with("_REF")
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut from = start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 60).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    format!(
        "{}[{}]{}",
        &text[from..start],
        &text[start..end],
        &text[end..to]
    )
    .replace('\n', " ")
}

fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in ["TimeBank", "AQUAINT"] {
        if let Ok(entries) = std::fs::read_dir(root.join(sub)) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "tml") {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "--all");
    // --all also lists the matches whose value is right.
    let all = args.iter().any(|a| a == "--all");
    let Some(root) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: timebank_score DIR [--verbose | --all]");
        std::process::exit(2);
    };
    let extractor = Extractor::new();
    let (mut gold_total, mut gold_matched, mut value_ok) = (0usize, 0usize, 0usize);
    let (mut tp, mut fp, mut other_type, mut ref_overlap, mut gold_ref) = (0, 0, 0, 0, 0);
    let (mut bytes, mut docs) = (0usize, 0usize);
    let mut loaded: Vec<Doc> = Vec::new();
    for path in files(Path::new(root)) {
        let Ok(raw) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(doc) = parse_doc(name, &raw) else {
            eprintln!("skipping {}: no <TEXT>", path.display());
            continue;
        };
        docs += 1;
        bytes += doc.text.len();
        let claims = extractor.extract(&doc.text, doc.dct);
        loaded.push(doc);
        let doc = loaded.last().expect("just pushed");
        let preds: Vec<(usize, usize, String)> = claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Date(d) => Some((
                    c.span.start,
                    c.span.end,
                    d.value.map(|v| v.timex()).unwrap_or_default(),
                )),
                _ => None,
            })
            .collect();
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        let mut used = BTreeSet::new();
        for g in &doc.timexes {
            if g.kind != "DATE" {
                continue;
            }
            if is_ref(&g.value) {
                gold_ref += 1;
                continue;
            }
            gold_total += 1;
            let best = preds
                .iter()
                .enumerate()
                .filter(|(_, p)| overlaps((p.0, p.1), (g.start, g.end)))
                .max_by_key(|(_, p)| p.1.min(g.end) - p.0.max(g.start));
            match best {
                Some((k, p)) => {
                    used.insert(k);
                    gold_matched += 1;
                    if p.2 == normalize(&g.value) {
                        value_ok += 1;
                        if all {
                            println!(
                                "OK {}: {} ({:?}) :: {}",
                                doc.name,
                                p.2,
                                &doc.text[p.0..p.1],
                                context(&doc.text, g.start, g.end)
                            );
                        }
                    } else if verbose {
                        println!(
                            "VALUE {}: gold {} pred {} ({:?}) :: {}",
                            doc.name,
                            g.value,
                            p.2,
                            &doc.text[p.0..p.1],
                            context(&doc.text, g.start, g.end)
                        );
                    }
                }
                None => {
                    if verbose {
                        println!(
                            "MISS {}: {} :: {}",
                            doc.name,
                            g.value,
                            context(&doc.text, g.start, g.end)
                        );
                    }
                }
            }
        }
        for (k, p) in preds.iter().enumerate() {
            let hits: Vec<&Timex> = doc
                .timexes
                .iter()
                .filter(|g| overlaps((p.0, p.1), (g.start, g.end)))
                .collect();
            if hits.iter().any(|g| g.kind == "DATE" && !is_ref(&g.value)) || used.contains(&k) {
                tp += 1;
            } else if hits.iter().any(|g| is_ref(&g.value)) {
                ref_overlap += 1;
            } else if !hits.is_empty() {
                other_type += 1;
            } else {
                fp += 1;
                if verbose {
                    println!(
                        "FP {}: pred {} :: {}",
                        doc.name,
                        p.2,
                        context(&doc.text, p.0, p.1)
                    );
                }
            }
        }
    }
    let mut seconds = f64::INFINITY;
    for _ in 0..3 {
        let t0 = std::time::Instant::now();
        let mut n = 0;
        for doc in &loaded {
            n += extractor.extract(&doc.text, doc.dct).len();
        }
        std::hint::black_box(n);
        seconds = seconds.min(t0.elapsed().as_secs_f64());
    }
    let f1 = |p: f64, r: f64| {
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let strict_precision = tp as f64 / (tp + fp + other_type).max(1) as f64;
    let recall = gold_matched as f64 / gold_total.max(1) as f64;
    let accuracy = value_ok as f64 / gold_matched.max(1) as f64;
    let relaxed_f1 = f1(precision, recall);
    println!(
        "documents: {docs}, text: {bytes} bytes, extract: {:.1} MB/s",
        bytes as f64 / 1e6 / seconds.max(1e-9)
    );
    println!("gold DATE timexes: {gold_total} scored, {gold_ref} *_REF excluded");
    println!(
        "predicted Date claims: {tp} matched, {fp} false, {other_type} on TIME/DURATION/SET gold, {ref_overlap} on *_REF gold"
    );
    println!(
        "relaxed precision: {precision:.3}  (strict, other types as false: {strict_precision:.3})"
    );
    println!("relaxed recall:    {recall:.3}");
    println!("relaxed F1:        {relaxed_f1:.3}");
    println!("value accuracy:    {accuracy:.3}  ({value_ok}/{gold_matched})");
    println!("value F1:          {:.3}", relaxed_f1 * accuracy);
    println!(
        "value F1 (strict): {:.3}",
        f1(strict_precision, recall) * accuracy
    );
}
