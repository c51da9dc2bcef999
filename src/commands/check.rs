//! `claimlint check`: the lint run.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::app::{load_pack, use_color, Exit};
use crate::cli::{Common, FailOn, Format};
use crate::corpus::LoadOptions;
use crate::pack::Severity;
use crate::pipeline;
use crate::report::{self, Human, Json, Reporter};

const DEFAULT_DIR: &str = "seeds";

pub fn run(paths: &[PathBuf], common: &Common, fail_on: FailOn) -> Exit {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        if Path::new(DEFAULT_DIR).is_dir() {
            vec![PathBuf::from(DEFAULT_DIR)]
        } else {
            eprintln!("claimlint: no paths given and no `{DEFAULT_DIR}/` directory here");
            return Exit::Error;
        }
    } else {
        paths.to_vec()
    };
    let pack = match load_pack(&common.rules) {
        Ok(pack) => pack,
        Err(exit) => return exit,
    };
    let (inputs, walk_problems) = match super::discover(&paths) {
        Ok(found) => found,
        Err(exit) => return exit,
    };
    let options = LoadOptions {
        max_file_size: common.max_file_size,
    };
    let outcome = pipeline::lint(&pack, &inputs, walk_problems, &options, common.max_claims);
    let report = report::build(&outcome);
    let reporter: Box<dyn Reporter> = match common.format {
        Format::Human => Box::new(Human {
            color: use_color(common),
            width: 100,
            quiet: common.quiet,
        }),
        Format::Json => Box::new(Json),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = reporter
        .write(&report, &mut stdout)
        .and_then(|()| stdout.flush())
    {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("claimlint: cannot write the report: {error}");
            return Exit::Error;
        }
    }
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    // Severity orders Error < Warning < Info: "at or above" the threshold is <=.
    if report
        .findings
        .iter()
        .any(|finding| finding.severity <= threshold)
    {
        Exit::Findings
    } else {
        Exit::Clean
    }
}
