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
        write_then_rename(output, |out| extract(&reading, common, out))
    };
    match written {
        Ok(()) => Exit::Clean,
        Err(error) => {
            eprintln!("claimlint: cannot write {}: {error}", output.display());
            Exit::Error
        }
    }
}

/// Writes `output` through a file beside it, renamed into place once complete: a run that
/// fails or is stopped leaves no claims file that looks whole but misses articles, and an
/// `output` among the inputs is read before it is replaced.
fn write_then_rename(
    output: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = output.file_name().unwrap_or_default().to_string_lossy();
    let partial = output.with_file_name(format!(".{name}.partial"));
    let written = std::fs::File::create(&partial).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        out.flush()
    });
    let renamed = written.and_then(|()| std::fs::rename(&partial, output));
    if renamed.is_err() {
        // Nothing half-written stays behind; a failure to remove it changes nothing.
        let _ = std::fs::remove_file(&partial);
    }
    renamed
}

/// Analyses the inputs and writes each input's articles as soon as it and the inputs before it
/// are done, so a shard of any size is extracted in the memory of the inputs in flight; the
/// input problems follow them.
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
