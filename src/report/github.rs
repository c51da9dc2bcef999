//! GitHub Actions workflow commands: one annotation per finding, on its primary label.

use std::io::{self, Write};

use super::{Report, Reporter};
use crate::pack::Severity;

pub struct Github;

/// Escapes a message as GitHub's workflow commands require.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (file, title): also `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A path as GitHub matches it against the repository's files: `/` separators, no leading `./`.
fn repository_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(after) = rest.strip_prefix("./") {
        rest = after.trim_start_matches('/');
    }
    rest.to_string()
}

impl Reporter for Github {
    fn write(&self, report: &mut Report, out: &mut dyn Write) -> io::Result<()> {
        while let Some(finding) = report.next_finding() {
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let primary = finding
                .labels
                .iter()
                .find(|label| label.primary)
                .or(finding.labels.first());
            let mut properties = Vec::new();
            if let Some(label) = primary {
                let place = &label.location;
                properties.push(format!(
                    "file={}",
                    escape_property(&repository_path(&place.file))
                ));
                if place.line > 0 {
                    properties.push(format!("line={}", place.line));
                    // GitHub takes columns only for an annotation within one line.
                    if place.end_line == place.line {
                        properties.push(format!("col={}", place.column));
                    }
                    properties.push(format!("endLine={}", place.end_line));
                    if place.end_line == place.line {
                        properties.push(format!("endColumn={}", place.end_column));
                    }
                }
            }
            properties.push(format!("title={}", escape_property(&finding.rule)));
            let mut message = finding.message.clone();
            if let Some(help) = &finding.help {
                message.push('\n');
                message.push_str(help);
            }
            writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn paths_lose_a_leading_dot_and_use_forward_slashes() {
        assert_eq!(repository_path("./seeds/a.txt"), "seeds/a.txt");
        assert_eq!(repository_path(".\\seeds\\a.txt"), "seeds/a.txt");
        assert_eq!(repository_path("seeds/a.txt"), "seeds/a.txt");
    }
}
