//! `claimlint extract`: the map step — analyse a shard of articles, write its claims.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::app::Exit;
use crate::cli::Common;
use crate::interchange;
use crate::pipeline;

pub fn run(paths: &[PathBuf], output: &Path, common: &Common) -> Exit {
    let reading = match super::Reading::new(paths, common) {
        Ok(reading) => reading,
        Err(exit) => return exit,
    };
    let analyzer = reading.analyzer(common);
    let pack = &reading.pack;
    let mut problems = reading.problems.clone();
    let analyzed = pipeline::analyze_inputs(&analyzer, &reading.inputs, &reading.options);
    problems.extend(analyzed.problems);
    let written = if output.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        interchange::write(&mut stdout, pack, &analyzed.articles, &problems)
            .and_then(|()| stdout.flush())
    } else {
        std::fs::File::create(output).and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            interchange::write(&mut out, pack, &analyzed.articles, &problems)
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
