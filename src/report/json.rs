//! The JSON report: the contract tests and tools read.

use std::io::{self, Write};

use super::pretty::{array_in_batches, findings_array, nested, Object};
use super::{Report, Reporter};

pub struct Json;

impl Reporter for Json {
    /// The fields in the contract's order; the findings are streamed, and the summary, which
    /// counts them, follows them.
    fn write(&self, report: &mut Report, out: &mut dyn Write) -> io::Result<()> {
        let mut fields = Object::begin(out, 0)?;
        fields.field("tool", &report.tool)?;
        fields.field_with("articles", |out, depth| {
            array_in_batches(out, depth, report.articles(), nested)
        })?;
        fields.field_with("findings", |out, depth| {
            findings_array(report, out, depth, nested)
        })?;
        fields.field("summary", &report.summary)?;
        if let Some(statistics) = &report.statistics {
            fields.field("statistics", statistics)?;
        }
        if let Some(baseline) = &report.baseline {
            fields.field("baseline", baseline)?;
        }
        fields.end()?;
        writeln!(out)
    }
}
