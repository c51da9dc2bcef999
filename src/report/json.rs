//! The JSON report: the contract tests and tools read.

use std::io::{self, Write};

use serde::ser::{SerializeMap, Serializer as _};

use super::{json_error, Report, Reporter, Streamed};

pub struct Json;

impl Reporter for Json {
    /// The fields in the contract's order; the findings are streamed, and the summary, which
    /// counts them, follows them.
    fn write(&self, report: &mut Report, out: &mut dyn Write) -> io::Result<()> {
        let mut serializer = serde_json::Serializer::pretty(&mut *out);
        let mut fields = serializer.serialize_map(None).map_err(json_error)?;
        fields
            .serialize_entry("tool", &report.tool)
            .and_then(|()| fields.serialize_entry("articles", &report.articles))
            .and_then(|()| {
                fields.serialize_entry("findings", &Streamed::new(|| report.next_finding()))
            })
            .and_then(|()| fields.serialize_entry("summary", &report.summary))
            .map_err(json_error)?;
        if let Some(statistics) = &report.statistics {
            fields
                .serialize_entry("statistics", statistics)
                .map_err(json_error)?;
        }
        if let Some(baseline) = &report.baseline {
            fields
                .serialize_entry("baseline", baseline)
                .map_err(json_error)?;
        }
        fields.end().map_err(json_error)?;
        writeln!(out)
    }
}
