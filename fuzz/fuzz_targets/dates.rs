//! The claim recognizers (dates above all) on arbitrary text and publication dates: no panic,
//! every span on char boundaries inside the text.
#![no_main]

use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use claimlint::extract::Extractor;
use libfuzzer_sys::fuzz_target;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fuzz_target!(|data: &[u8]| {
    let Some((&day, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let publication = NaiveDate::from_ymd_opt(1990, 1, 1)
        .and_then(|start| start.checked_add_days(Days::new(u64::from(day) * 150)))
        .filter(|_| day != 0);
    for claim in extractor().extract(text, publication) {
        assert!(claim.span.start <= claim.span.end && claim.span.end <= text.len());
        assert!(text.is_char_boundary(claim.span.start) && text.is_char_boundary(claim.span.end));
    }
});
