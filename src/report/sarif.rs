//! SARIF 2.1.0: the checks as rules with their documentation, each finding a result with its
//! primary location and the other labels (in other articles too) as related locations.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::pretty::{findings_array, nested, Array, Object};
use super::{Report, Reporter, ResolvedFinding, ResolvedLabel, RuleInfo};
use crate::pack::Severity;

pub struct Sarif;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The key of the baseline fingerprint among a result's `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "claimlint/v1";

/// A file path as a URI: a relative reference for a relative path (forward slashes, spaces and
/// the like percent-encoded), a `file:` URI for an absolute one.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let drive = path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && path.as_bytes().get(1) == Some(&b':')
        && path.as_bytes().get(2) == Some(&b'/');
    let absolute = path.starts_with('/') || drive;
    let mut encoded = String::with_capacity(path.len() + 8);
    if absolute {
        encoded.push_str(if path.starts_with('/') {
            "file://"
        } else {
            "file:///"
        });
    }
    for (index, byte) in path.bytes().enumerate() {
        // A drive letter's colon stays a colon.
        if drive && index == 1 {
            encoded.push(':');
            continue;
        }
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

fn physical_location(label: &ResolvedLabel) -> Value {
    let place = &label.location;
    let mut region = json!({});
    if place.line > 0 {
        region = json!({
            "startLine": place.line,
            "startColumn": place.column,
            "endLine": place.end_line,
            "endColumn": place.end_column,
        });
        // Offsets address the file itself only when the label is not inside a JSONL line.
        if let Some((offset, length)) = place.chars {
            region["charOffset"] = json!(offset);
            region["charLength"] = json!(length);
            region["byteOffset"] = json!(label.start);
            region["byteLength"] = json!(label.end - label.start);
        }
        region["snippet"] = json!({ "text": label.text });
    }
    let mut location = json!({ "artifactLocation": { "uri": uri(&place.file) } });
    if region.as_object().is_some_and(|fields| !fields.is_empty()) {
        location["region"] = region;
    }
    location
}

/// The SARIF `result` of one finding.
fn result(rules: &[RuleInfo], finding: &ResolvedFinding) -> Value {
    let primary = finding
        .labels
        .iter()
        .position(|label| label.primary)
        .unwrap_or(0);
    let locations: Vec<Value> = finding
        .labels
        .get(primary)
        .map(|label| {
            json!({
                "physicalLocation": physical_location(label),
                "message": { "text": label.message },
            })
        })
        .into_iter()
        .collect();
    let related: Vec<Value> = finding
        .labels
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != primary)
        .map(|(index, label)| {
            json!({
                "id": index,
                "physicalLocation": physical_location(label),
                "message": { "text": label.message },
            })
        })
        .collect();
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text.push_str("\n\n");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": { "text": text },
        "locations": locations,
        "partialFingerprints": {
            FINGERPRINT_KEY: crate::baseline::fingerprint(finding),
        },
    });
    if let Some(index) = rules.iter().position(|rule| rule.id == finding.rule) {
        result["ruleIndex"] = json!(index);
    }
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    result
}

impl Reporter for Sarif {
    /// The log's objects with their keys in alphabetical order, as `serde_json` writes those of
    /// a `Value` (each result is one); the results are streamed.
    fn write(&self, report: &mut Report, out: &mut dyn Write) -> io::Result<()> {
        let described: Vec<Value> = report
            .rules
            .iter()
            .map(|rule| {
                json!({
                    "id": rule.id,
                    "name": rule.kind,
                    "shortDescription": { "text": rule.summary },
                    "fullDescription": { "text": rule.documentation },
                    "help": { "text": rule.documentation },
                    "defaultConfiguration": { "level": level(rule.severity) },
                })
            })
            .collect();
        let tool = json!({
            "driver": {
                "name": "claimlint",
                "version": report.tool.version,
                "informationUri": "https://github.com/claimlint/claimlint",
                "rules": described,
            }
        });
        // Results name their rule by index while the report hands out its findings.
        let rules = report.rules.clone();
        let mut log = Object::begin(out, 0)?;
        log.field("$schema", &"https://json.schemastore.org/sarif-2.1.0.json")?;
        log.field_with("runs", |out, depth| {
            let mut runs = Array::begin(out, depth)?;
            runs.element_with(|out, depth| {
                let mut run = Object::begin(out, depth)?;
                run.field("columnKind", &"unicodeCodePoints")?;
                run.field_with("results", |out, depth| {
                    findings_array(report, out, depth, |finding, depth| {
                        nested(&result(&rules, finding), depth)
                    })
                })?;
                run.field("tool", &tool)?;
                run.end()
            })?;
            runs.end()
        })?;
        log.field("version", &"2.1.0")?;
        log.end()?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_relative_references_and_absolute_ones_file_uris() {
        assert_eq!(uri("seeds/a b,c.txt"), "seeds/a%20b%2Cc.txt");
        assert_eq!(uri("dir\\x.txt"), "dir/x.txt");
        assert_eq!(uri("/tmp/d/x.txt"), "file:///tmp/d/x.txt");
        assert_eq!(uri("C:\\d\\x.txt"), "file:///C:/d/x.txt");
    }
}
