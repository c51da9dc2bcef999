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
pub(crate) fn discover(
    paths: &[PathBuf],
    exclude: &[String],
) -> Result<(Vec<corpus::Input>, Vec<InputProblem>), Exit> {
    let options = WalkOptions {
        exclude: exclude.to_vec(),
    };
    let discovery = corpus::discover(paths, &options).map_err(|error| {
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

/// The effective configuration as TOML, with where it comes from.
pub fn config_text(config: &crate::config::Config) -> String {
    let mut text = match &config.file {
        Some(file) => format!("# from {}\n", file.display()),
        None => "# no claimlint.toml found here or in a parent; defaults\n".to_string(),
    };
    let list = |items: Vec<String>| {
        items
            .iter()
            .map(|item| format!("{item:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let paths = config
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let rules = config
        .rules
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    text.push_str(&format!("paths = [{}]\n", list(paths)));
    text.push_str(&format!("rules = [{}]\n", list(rules)));
    text.push_str(&format!("exclude = [{}]\n", list(config.exclude.clone())));
    let fail_on = match config.fail_on {
        Some(crate::config::Threshold::Warning) => "warning",
        _ => "error",
    };
    text.push_str(&format!("fail-on = {fail_on:?}\n"));
    text.push_str("\n[severity]\n");
    for (check, level) in &config.severity {
        let level = format!("{level:?}").to_lowercase();
        text.push_str(&format!("{check:?} = {level:?}\n"));
    }
    text
}

/// What the commands that read articles share: the pack, the inputs, the load options.
pub(crate) struct Reading {
    pub pack: crate::pack::Pack,
    pub inputs: Vec<corpus::Input>,
    pub problems: Vec<InputProblem>,
    pub options: corpus::LoadOptions,
}

impl Reading {
    /// The packs and excludes come from the flags and the nearest claimlint.toml, as for
    /// `check`, so that claims extracted here are checked with the same pack.
    pub fn new(paths: &[PathBuf], common: &crate::cli::Common) -> Result<Self, Exit> {
        let config = crate::app::load_config()?;
        let packs: Vec<PathBuf> = common.rules.iter().chain(&config.rules).cloned().collect();
        let pack = crate::app::load_pack(&packs)?;
        let (inputs, problems) = discover(paths, &config.exclude)?;
        Ok(Reading {
            pack,
            inputs,
            problems,
            options: corpus::LoadOptions {
                max_file_size: common.max_file_size,
                progress: crate::app::show_progress(common),
            },
        })
    }

    pub fn analyzer(&self, common: &crate::cli::Common) -> crate::analysis::Analyzer<'_> {
        let mut analyzer = crate::analysis::Analyzer::new(&self.pack);
        analyzer.max_claims = common.max_claims;
        analyzer
    }
}
