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
    let written = if output.as_os_str() == "-" {
        let mut stdout = std::io::BufWriter::new(std::io::stdout());
        extract(&reading, common, &mut stdout).and_then(|()| stdout.flush())
    } else {
        std::fs::File::create(output).and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            extract(&reading, common, &mut out).and_then(|()| out.flush())
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

/// Analyses the inputs and writes each input's articles as its batch is done, so a shard of
/// any size is extracted in the memory of a batch; the input problems follow them.
fn extract(
    reading: &super::Reading,
    common: &Common,
    out: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    let analyzer = reading.analyzer(common);
    let mut writer = interchange::ClaimsWriter::start(out, &reading.pack)?;
    let mut problems = reading.problems.clone();
    let mut written = Ok(());
    pipeline::analyze_each(&analyzer, &reading.inputs, &reading.options, |analyzed| {
        problems.extend(analyzed.problems);
        if written.is_ok() {
            written = analyzed
                .articles
                .iter()
                .try_for_each(|article| writer.article(article));
        }
    });
    written?;
    problems
        .iter()
        .try_for_each(|problem| writer.problem(problem))
}
