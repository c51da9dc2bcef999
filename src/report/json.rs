//! The JSON report: the contract tests and tools read.

use std::io::{self, Write};

use super::{Report, Reporter};

pub struct Json;

impl Reporter for Json {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report).map_err(super::json_error)?;
        writeln!(out)
    }
}
