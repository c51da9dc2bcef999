//! Every article loader on arbitrary bytes: no panic, and every mapped span lies in the source.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["a.txt", "a.md", "a.html", "a.jsonl"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[selector as usize % NAMES.len()];
    for article in claimlint::corpus::load_file_bytes(Path::new(name), bytes)
        .into_iter()
        .flatten()
    {
        let (start, end) = article.map.to_source(0, article.text.len());
        assert!(start <= end);
        if name != "a.jsonl" {
            assert!(end <= bytes.len());
        }
    }
});
