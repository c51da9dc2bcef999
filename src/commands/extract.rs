//! `claimlint extract`: the map step — analyse a shard of articles, write its claims.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::analysis::Analyzer;
use crate::app::{load_pack, Exit};
use crate::cli::Common;
use crate::corpus::LoadOptions;
use crate::interchange;
use crate::pipeline;

pub fn run(paths: &[PathBuf], output: &Path, common: &Common) -> Exit {
    let pack = match load_pack(&common.rules) {
        Ok(pack) => pack,
        Err(exit) => return exit,
    };
    let (inputs, mut problems) = match super::discover(paths, &[]) {
        Ok(found) => found,
        Err(exit) => return exit,
    };
    let mut analyzer = Analyzer::new(&pack);
    analyzer.max_claims = common.max_claims;
    let options = LoadOptions {
        max_file_size: common.max_file_size,
        progress: crate::app::show_progress(common),
    };
    let analyzed = pipeline::analyze_inputs(&analyzer, &inputs, &options);
    problems.extend(analyzed.problems);
    let written = if output.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        interchange::write(&mut stdout, &pack, &analyzed.articles, &problems)
            .and_then(|()| stdout.flush())
    } else {
        std::fs::File::create(output).and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            interchange::write(&mut out, &pack, &analyzed.articles, &problems)
                .and_then(|()| out.flush())
        })
    };
    match written {
        Ok(()) => Exit::Clean,
        Err(error) => {
            eprintln!("claimlint: cannot write {}: {error}", output.display());
            Exit::Error
        }
    }
}
