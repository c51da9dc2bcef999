//! The rule-pack loader on arbitrary TOML: errors are values with a line and column, never a
//! panic.
#![no_main]

use claimlint::pack::{compile, PackSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let sources = vec![PackSource {
        file: "fuzz.toml".to_string(),
        text: text.to_string(),
    }];
    if let Err(errors) = compile(&sources) {
        for error in errors {
            assert!(error.line >= 1 && error.column >= 1);
        }
    }
});
