//! One module per subcommand.

pub mod check;
pub mod claims;
pub mod extract;
pub mod rules;
pub mod test;

use std::path::PathBuf;

use crate::app::Exit;
use crate::corpus::{self, WalkOptions};
use crate::pack::Severity;
use crate::pipeline::InputProblem;

/// The inputs named on the command line, or exit 2 with the reason.
pub(crate) fn discover(paths: &[PathBuf]) -> Result<(Vec<corpus::Input>, Vec<InputProblem>), Exit> {
    let discovery = corpus::discover(paths, &WalkOptions::default()).map_err(|error| {
        eprintln!("claimlint: {error}");
        Exit::Error
    })?;
    let problems: Vec<InputProblem> = discovery
        .problems
        .iter()
        .map(|problem| InputProblem {
            origin: problem.origin.clone(),
            span: problem.span,
            message: problem.to_string(),
            severity: Severity::Error,
        })
        .collect();
    if discovery.inputs.is_empty() {
        let named: Vec<String> = paths
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        eprintln!(
            "claimlint: no articles found in {} (looked for .txt, .md, .html, .jsonl)",
            named.join(", ")
        );
        return Err(Exit::Error);
    }
    Ok((discovery.inputs, problems))
}
