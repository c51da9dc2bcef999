//! `claimlint check`: the lint run.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::baseline;

use crate::analysis::{Analyzer, Gathered};
use crate::app::{load_config, load_pack, use_color, Exit};
use crate::cli::{Common, FailOn, Format};
use crate::config::{Config, Threshold};
use crate::corpus::LoadOptions;
use crate::finding::runs::SortedFindings;
use crate::interchange;
use crate::pack::Pack;
use crate::pipeline::{self, InputProblem};
use crate::report::{self, RuleInfo};
use crate::timings;

const DEFAULT_DIR: &str = "seeds";

/// What decides the exit code: the threshold and the baseline.
pub struct Gate<'a> {
    pub fail_on: Option<FailOn>,
    pub baseline: Option<&'a Path>,
    pub write_baseline: Option<&'a Path>,
    pub statistics: bool,
}

pub fn run(paths: &[PathBuf], claims: &[PathBuf], common: &Common, gate: &Gate) -> Exit {
    let config = match load_config() {
        Ok(config) => config,
        Err(exit) => return exit,
    };
    let outcome = if claims.is_empty() {
        lint_articles(paths, common, &config)
    } else {
        reduce_claims(claims, common, &config)
    };
    let checked = outcome.and_then(|(outcome, rules)| {
        let config = crate::app::checked_config(config, &rules)?;
        Ok((outcome, rules, config))
    });
    match checked {
        Ok((outcome, rules, config)) => report(outcome, &rules, common, gate, &config),
        Err(exit) => exit,
    }
}

/// Packs named on the command line, then those of the configuration.
fn extra_packs(common: &Common, config: &Config) -> Vec<PathBuf> {
    common.rules.iter().chain(&config.rules).cloned().collect()
}

/// The map and reduce steps in one process.
fn lint_articles(
    paths: &[PathBuf],
    common: &Common,
    config: &Config,
) -> Result<(pipeline::Outcome, Vec<RuleInfo>), Exit> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        if !config.paths.is_empty() {
            config.paths.clone()
        } else if Path::new(DEFAULT_DIR).is_dir() {
            vec![PathBuf::from(DEFAULT_DIR)]
        } else {
            eprintln!("claimlint: no paths given and no `{DEFAULT_DIR}/` directory here");
            return Err(Exit::Error);
        }
    } else {
        paths.to_vec()
    };
    let pack = load_pack(&extra_packs(common, config))?;
    let (inputs, walk_problems) = super::discover(&paths, &config.exclude)?;
    let options = LoadOptions {
        max_file_size: common.max_file_size,
        progress: crate::app::show_progress(common),
    };
    let outcome = pipeline::lint(&pack, &inputs, walk_problems, &options, common.max_claims);
    Ok((outcome, RuleInfo::of_pack(&pack)))
}

/// The reduce step over claims files from any number of shards.
fn reduce_claims(
    files: &[PathBuf],
    common: &Common,
    config: &Config,
) -> Result<(pipeline::Outcome, Vec<RuleInfo>), Exit> {
    let pack = load_pack(&extra_packs(common, config))?;
    // Shards may come in any order; the report may not depend on it.
    let gathered = match gather_merged(files, &pack) {
        Err(interchange::MergeError::OutOfOrder { .. }) => gather_sorted(files, &pack),
        Err(interchange::MergeError::File(error)) => Err(error),
        Ok(gathered) => Ok(gathered),
    };
    let (gathered, mut problems) = gathered.map_err(|error| {
        eprintln!("claimlint: {error}");
        Exit::Error
    })?;
    problems.sort_by(|a, b| (&a.origin, &a.message).cmp(&(&b.origin, &b.message)));
    let mut analyzer = Analyzer::new(&pack);
    analyzer.max_claims = common.max_claims;
    let options = LoadOptions {
        max_file_size: common.max_file_size,
        progress: crate::app::show_progress(common),
    };
    let outcome = pipeline::reduce(&analyzer, gathered, problems, Default::default(), &options);
    Ok((outcome, RuleInfo::of_pack(&pack)))
}

/// The articles of claims files that each list them in origin order (as `extract` writes
/// them), merged a record at a time, and their input problems.
fn gather_merged(
    files: &[PathBuf],
    pack: &Pack,
) -> Result<(Gathered, Vec<InputProblem>), interchange::MergeError> {
    let mut readers = files
        .iter()
        .map(|file| interchange::ClaimsReader::open(file, pack))
        .collect::<Result<Vec<_>, _>>()
        .map_err(interchange::MergeError::File)?;
    let mut gathered = Gathered::default();
    interchange::merge_in_origin_order(&mut readers, |article| gathered.add(article))?;
    let problems = readers
        .into_iter()
        .flat_map(interchange::ClaimsReader::problems)
        .collect();
    Ok((gathered, problems))
}

/// The articles of claims files in any order, all read, then sorted by origin, and their
/// input problems.
fn gather_sorted(
    files: &[PathBuf],
    pack: &Pack,
) -> Result<(Gathered, Vec<InputProblem>), interchange::ClaimsFileError> {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        let (found, trouble) = interchange::read(file, pack)?;
        articles.extend(found);
        problems.extend(trouble);
    }
    articles.sort_by(|a, b| a.origin.cmp(&b.origin));
    let mut gathered = Gathered::default();
    for article in articles {
        gathered.add(article);
    }
    Ok((gathered, problems))
}

/// Renders the findings, then writes the baseline and gives the exit code.
fn report(
    mut outcome: pipeline::Outcome,
    rules: &[RuleInfo],
    common: &Common,
    gate: &Gate,
    config: &Config,
) -> Exit {
    // Read before anything is written: `--baseline F --write-baseline F` compares with the old
    // baseline, then refreshes it.
    let known = match gate.baseline.map(baseline::read).transpose() {
        Ok(known) => known,
        Err(error) => {
            eprintln!("claimlint: {error}");
            return Exit::Error;
        }
    };
    apply_severities(config, &mut outcome.findings);
    let phase = timings::Phase::start("report");
    let mut report = report::build(outcome, common.format == Format::Human, rules.to_vec());
    phase.end();
    if gate.write_baseline.is_some() {
        report.record_entries();
    }
    if let Some(known) = known {
        report.compare_with(known);
    }
    if gate.statistics {
        report.count_by_rule();
    }
    if let Err(exit) = write_report(&mut report, common) {
        return exit;
    }
    if let Some(error) = report.findings_error() {
        eprintln!("claimlint: cannot read findings back from a temporary file: {error}");
        return Exit::Error;
    }
    if let (Some(path), Some(entries)) = (gate.write_baseline, report.take_entries()) {
        if let Err(exit) = write_baseline(path, entries) {
            return exit;
        }
    }
    // On stderr whatever the format: the JSON report also carries them in `baseline`.
    if let Some(comparison) = report.baseline.as_ref().filter(|_| !common.quiet) {
        for entry in &comparison.stale {
            eprintln!(
                "claimlint: stale baseline entry {} ({}): {}",
                entry.rule,
                entry.paths.join(", "),
                entry.message
            );
        }
    }
    let exit = gate_exit(&report.summary, gate, config);
    // The process ends here: freeing a large corpus's findings label by label would only
    // delay the exit.
    std::mem::forget(report);
    exit
}

/// Severity overrides of the configuration, `off` included, before baselines and the gate,
/// and before labels are located: a finding turned off is never looked up.
fn apply_severities(config: &Config, findings: &mut SortedFindings) {
    let config = config.clone();
    findings.set_severities(Box::new(move |finding| {
        config.apply(&finding.rule, finding.severity)
    }));
}

/// Streams the report to stdout in the chosen format; every finding is counted, even those
/// a closed pipe kept from being written.
fn write_report(report: &mut report::Report, common: &Common) -> Result<(), Exit> {
    let phase = timings::Phase::start("write");
    let reporter = report::reporter(common.format, use_color(common), common.quiet);
    // Stdout is line-buffered: a large report would cost a system call per line.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = reporter
        .write(report, &mut stdout)
        .and_then(|()| stdout.flush());
    report.finish();
    phase.end();
    match written {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("claimlint: cannot write the report: {error}");
            Err(Exit::Error)
        }
        _ => Ok(()),
    }
}

fn write_baseline(path: &Path, entries: Vec<baseline::Entry>) -> Result<(), Exit> {
    serde_json::to_string_pretty(&baseline::Baseline::of_entries(entries))
        .map_err(std::io::Error::other)
        .and_then(|text| std::fs::write(path, text + "\n"))
        .map_err(|error| {
            eprintln!("claimlint: cannot write {}: {error}", path.display());
            Exit::Error
        })
}

/// Findings at or above the threshold (`--fail-on`, else the configuration's, else errors)
/// fail the run.
fn gate_exit(summary: &report::Summary, gate: &Gate, config: &Config) -> Exit {
    let configured = config.fail_on.map(|threshold| match threshold {
        Threshold::Error => FailOn::Error,
        Threshold::Warning => FailOn::Warning,
    });
    let failing = match gate.fail_on.or(configured).unwrap_or(FailOn::Error) {
        FailOn::Error => summary.errors,
        FailOn::Warning => summary.errors + summary.warnings,
    };
    if failing > 0 {
        Exit::Findings
    } else {
        Exit::Clean
    }
}
