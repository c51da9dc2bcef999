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

use chrono::{Datelike, Days, NaiveDate};

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

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const LEADERS: &[(&str, &str, &str)] = &[
    ("Vladimir Putin", "Putin", "Russia"),
    ("Xi Jinping", "Xi", "China"),
    ("Kim Jong Un", "Kim", "North Korea"),
    ("Moon Jae-in", "Moon", "South Korea"),
    ("Shinzo Abe", "Abe", "Japan"),
    ("Donald Trump", "Trump", "the United States"),
    ("Joe Biden", "Biden", "the United States"),
    ("Fumio Kishida", "Kishida", "Japan"),
    ("Yoon Suk Yeol", "Yoon", "South Korea"),
];

const CITIES: &[&str] = &[
    "Moscow",
    "Beijing",
    "Pyongyang",
    "Seoul",
    "Tokyo",
    "Washington",
    "Vladivostok",
    "Hanoi",
    "Singapore",
    "Osaka",
    "Helsinki",
    "Geneva",
];

const ORDINALS: &[&str] = &["first", "second", "third", "fourth", "fifth"];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const RELATIVE: &[&str] = &[
    "next week",
    "later this month",
    "in the second half of April",
    "early next year",
    "as early as next month",
];
const FILLER: &[&str] = &[
    "Officials familiar with the preparations said the agenda remained under discussion.",
    "Analysts cautioned that expectations for a breakthrough should be kept modest.",
    "The foreign ministry declined to comment on the details of the arrangements.",
    "Trade between the two countries has grown steadily over the past decade.",
    "Security was tightened around the venue, and several roads were closed to traffic.",
    "The talks are expected to cover energy, transport links and regional security.",
    "State media carried lengthy reports on the preparations, with photographs of the delegations.",
    "Diplomats from neighbouring countries said they were watching the meeting closely.",
    "Opposition lawmakers criticised the government for a lack of transparency.",
    "The two sides also discussed cooperation in agriculture, health and education.",
    "Markets reacted calmly to the announcement, with the currency little changed.",
    "A joint statement is expected to be released at the end of the visit.",
];

fn weekday_name(day: NaiveDate) -> &'static str {
    match day.weekday() {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

fn article(rng: &mut Rng, index: usize) -> String {
    let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let published = base + Days::new(rng.below(9000) as u64);
    let (a, a_short, a_country) = *rng.pick(LEADERS);
    let mut other = rng.below(LEADERS.len() - 1);
    if LEADERS[other].0 == a {
        other = LEADERS.len() - 1;
    }
    let (b, b_short, b_country) = LEADERS[other];
    let city = rng.pick(CITIES);
    let mut text = String::with_capacity(4096);
    let _ = writeln!(
        text,
        "{}, {}\n\n{a} and {b} to hold talks in {city} (report {index})\n",
        weekday_name(published),
        published.format("%B %-d, %Y")
    );
    let paragraphs = 6 + rng.below(8);
    for _ in 0..paragraphs {
        let mut paragraph = String::new();
        match rng.below(7) {
            0 => {
                let _ = write!(
                    paragraph,
                    "{a} met {b} in {city} on {}, their {} meeting since {}. ",
                    rng.pick(WEEKDAYS),
                    rng.pick(ORDINALS),
                    2000 + rng.below(24)
                );
            }
            1 => {
                let _ = write!(
                    paragraph,
                    "Mr. {a_short} will visit {b_country} {}, officials in {a_country} said. ",
                    rng.pick(RELATIVE)
                );
            }
            2 => {
                let _ = write!(
                    paragraph,
                    "The leaders last met in {} {}, when {b_short} travelled to {city}. ",
                    rng.pick(MONTHS),
                    2000 + rng.below(24)
                );
            }
            3 => {
                let _ = write!(
                    paragraph,
                    "About {},{:03} people attended, and nearly {} million dollars in aid was pledged over {} years. ",
                    1 + rng.below(90),
                    rng.below(1000),
                    1 + rng.below(20),
                    2 + rng.below(10)
                );
            }
            4 => {
                let _ = write!(
                    paragraph,
                    "It was the first visit by a leader of {b_country} to {a_country} in more than {} decades. ",
                    1 + rng.below(3)
                );
            }
            _ => {}
        }
        for _ in 0..2 + rng.below(5) {
            paragraph.push_str(*rng.pick(FILLER));
            paragraph.push(' ');
        }
        text.push_str(paragraph.trim_end());
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
    let target = args.megabytes * 1_000_000;
    let mut written = 0;
    let mut index = 0;
    let mut shard = 0;
    // JSONL shards of about 1 MB: one article per line, few files even for a gigabyte.
    while written < target {
        let mut lines = String::with_capacity(1 << 20);
        let mut text_bytes = 0;
        while text_bytes < 1_000_000 && written + text_bytes < target {
            let text = article(&mut rng, index);
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
