//! JSONL: one finding per line, the same objects as the JSON report's `findings`.

use std::io::{self, Write};

use super::{Report, Reporter};

pub struct Jsonl;

impl Reporter for Jsonl {
    fn write(&self, report: &mut Report, out: &mut dyn Write) -> io::Result<()> {
        while let Some(finding) = report.next_finding() {
            serde_json::to_writer(&mut *out, &finding).map_err(super::json_error)?;
            writeln!(out)?;
        }
        Ok(())
    }
}
