//! A deterministic generator of news-like articles for benchmarks: datelines, leaders, meetings,
//! ordinals, absolute and relative dates, numbers and filler prose.
//!
//! ```sh
//! cargo run --release --example generate -- --seed 7 --megabytes 100 --out /tmp/corpus-100
//! ```
//!
//! Writes JSONL shards of about 1 MB of article text each (`id`, `text`; the text opens with a
//! dateline). Same seed and size, same files, byte for byte.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use chrono::{Days, NaiveDate};

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Pairs of leaders whose terms overlapped, with the years they could meet and where each is
/// from. The generated world is consistent: every article numbers and dates the meetings of its
/// pair the same way, except the rare planted contradictions.
const PAIRS: &[(&str, &str, &str, &str, i32, i32)] = &[
    (
        "Vladimir Putin",
        "Xi Jinping",
        "Russia",
        "China",
        2013,
        2025,
    ),
    (
        "Vladimir Putin",
        "Kim Jong Un",
        "Russia",
        "North Korea",
        2013,
        2025,
    ),
    (
        "Donald Trump",
        "Kim Jong Un",
        "the United States",
        "North Korea",
        2017,
        2020,
    ),
    (
        "Moon Jae-in",
        "Kim Jong Un",
        "South Korea",
        "North Korea",
        2017,
        2021,
    ),
    (
        "Shinzo Abe",
        "Vladimir Putin",
        "Japan",
        "Russia",
        2013,
        2019,
    ),
    (
        "Joe Biden",
        "Xi Jinping",
        "the United States",
        "China",
        2021,
        2024,
    ),
    (
        "Fumio Kishida",
        "Yoon Suk Yeol",
        "Japan",
        "South Korea",
        2022,
        2023,
    ),
];

const CITIES: &[(&str, usize)] = &[
    ("Moscow", 0),
    ("Beijing", 1),
    ("Vladivostok", 0),
    ("Pyongyang", 1),
    ("Singapore", 2),
    ("Hanoi", 2),
    ("Panmunjom", 1),
    ("Seoul", 0),
    ("Osaka", 2),
    ("Tokyo", 0),
    ("Sochi", 1),
    ("Geneva", 2),
    ("Washington", 0),
];

const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "11th", "12th", "13th", "14th", "15th", "16th", "17th", "18th", "19th", "20th",
];

const FILLER: &[&str] = &[
    "Officials familiar with the preparations said the agenda remained under discussion.",
    "Analysts cautioned that expectations for a breakthrough should be kept modest.",
    "The foreign ministry declined to comment on the details of the arrangements.",
    "Trade between the two countries has grown steadily over the past decade.",
    "Security was tightened around the venue, and several roads were closed to traffic.",
    "The talks covered energy, transport links and regional security.",
    "State media carried lengthy reports, with photographs of the delegations.",
    "Diplomats from neighbouring countries said they were watching the talks closely.",
    "Opposition lawmakers criticised the government for a lack of transparency.",
    "The two sides also discussed cooperation in agriculture, health and education.",
    "Markets reacted calmly to the news, with the currency little changed.",
    "About 3,500 journalists were accredited, and nearly 2 million dollars was spent on security.",
    "The visit lasted about two hours longer than planned, according to one aide.",
];

/// Every meeting of every pair: date and city, in date order per pair.
struct World {
    meetings: Vec<Vec<(NaiveDate, &'static str)>>,
}

impl World {
    fn new(rng: &mut Rng) -> Self {
        let meetings = PAIRS
            .iter()
            .map(|&(_, _, _, _, first_year, last_year)| {
                let start = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or_default();
                let span_days = ((last_year - first_year + 1) * 365) as u64;
                let mut days: Vec<u64> = (0..20)
                    .map(|_| rng.below(span_days as usize) as u64)
                    .collect();
                days.sort_unstable();
                days.dedup_by(|a, b| a.abs_diff(*b) < 30);
                days.into_iter()
                    .map(|offset| (start + Days::new(offset), rng.pick(CITIES).0))
                    .collect()
            })
            .collect();
        World { meetings }
    }
}

fn weekday_name(day: NaiveDate) -> String {
    day.format("%A").to_string()
}

/// One article about the `k`th meeting of a pair, published a few days after it; about one in
/// a hundred carries a planted contradiction (a wrong ordinal or a wrong weekday).
fn article(rng: &mut Rng, world: &World, index: usize) -> String {
    let pair = rng.below(PAIRS.len());
    let (a, b, a_country, b_country, _, _) = PAIRS[pair];
    let meetings = &world.meetings[pair];
    let k = rng.below(meetings.len());
    let (day, city) = meetings[k];
    let published = day + Days::new(rng.below(6) as u64);
    let planted = rng.below(100);
    let dateline_weekday = if planted == 0 {
        weekday_name(published + Days::new(1))
    } else {
        weekday_name(published)
    };
    let ordinal = ORDINALS[(k + usize::from(planted == 1)).min(ORDINALS.len() - 1)];
    let a_short = a.rsplit(' ').next().unwrap_or(a);
    let b_short = b.rsplit(' ').next().unwrap_or(b);
    let mut text = String::with_capacity(4096);
    // The article's number is marked as one: "(report 2010)" reads as a year, which dated the
    // headline's meeting to it and put every later ordinal of the pair out of step (the
    // summit-count findings of the 10 MB corpus were 665 instead of 24).
    let _ = writeln!(
        text,
        "{dateline_weekday}, {}\n\n{a} and {b} hold talks in {city} (report #{index})\n",
        published.format("%B %-d, %Y")
    );
    let _ = write!(
        text,
        "{a} met {b} in {city} on {}, their {ordinal} meeting, officials in {a_country} said. ",
        weekday_name(day)
    );
    for _ in 0..1 + rng.below(3) {
        text.push_str(rng.pick(FILLER));
        text.push(' ');
    }
    text.push_str("\n\n");
    if k > 0 {
        let (previous, previous_city) = meetings[k - 1];
        let _ = write!(
            text,
            "The two leaders last met in {previous_city} in {}. ",
            previous.format("%B %Y")
        );
    }
    if let Some(&(next, _)) = meetings.get(k + 1) {
        let _ = write!(
            text,
            "Mr. {b_short} will visit {a_country} in {}, according to a statement from {b_country}. ",
            next.format("%B %Y")
        );
    }
    for _ in 0..2 + rng.below(4) {
        text.push_str(rng.pick(FILLER));
        text.push(' ');
    }
    text.push_str("\n\n");
    for _ in 0..3 + rng.below(8) {
        for _ in 0..2 + rng.below(4) {
            text.push_str(rng.pick(FILLER));
            text.push(' ');
        }
        let _ = write!(text, "Mr. {a_short} said the talks were useful.");
        text.push_str("\n\n");
    }
    text
}

struct Args {
    seed: u64,
    megabytes: usize,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        seed: 1,
        megabytes: 10,
        out: PathBuf::from("corpus"),
    };
    let mut words = std::env::args().skip(1);
    while let Some(flag) = words.next() {
        let value = words.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--seed" => args.seed = value.parse().map_err(|e| format!("--seed: {e}"))?,
            "--megabytes" => {
                args.megabytes = value.parse().map_err(|e| format!("--megabytes: {e}"))?
            }
            "--out" => args.out = PathBuf::from(value),
            other => {
                return Err(format!(
                    "unknown flag {other}; use --seed, --megabytes, --out"
                ))
            }
        }
    }
    Ok(args)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("generate: {message}");
            std::process::exit(2);
        }
    };
    if let Err(error) = fs::create_dir_all(&args.out) {
        eprintln!("generate: {}: {error}", args.out.display());
        std::process::exit(2);
    }
    let mut rng = Rng(args.seed);
    let world = World::new(&mut rng);
    let target = args.megabytes * 1_000_000;
    let mut written = 0;
    let mut index = 0;
    let mut shard = 0;
    // JSONL shards of about 1 MB: one article per line, few files even for a gigabyte.
    while written < target {
        let mut lines = String::with_capacity(1 << 20);
        let mut text_bytes = 0;
        while text_bytes < 1_000_000 && written + text_bytes < target {
            let text = article(&mut rng, &world, index);
            text_bytes += text.len();
            let line = serde_json::json!({ "id": format!("a{index}"), "text": text });
            lines.push_str(&line.to_string());
            lines.push('\n');
            index += 1;
        }
        let path = args.out.join(format!("shard-{shard:05}.jsonl"));
        if let Err(error) = fs::write(&path, &lines) {
            eprintln!("generate: {}: {error}", path.display());
            std::process::exit(2);
        }
        written += text_bytes;
        shard += 1;
    }
    println!(
        "wrote {index} articles, {:.1} MB of text, to {}",
        written as f64 / 1e6,
        args.out.display()
    );
}
