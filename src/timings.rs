//! Phase timings for the benchmark harness (`CLAIMLINT_TIMINGS=1`): how long each phase took
//! and, where the platform tells, the resident memory at its end and the peak so far, so a
//! run shows which phase holds the memory.

use std::time::Instant;

/// Whether the run was asked for its timings. Read per phase: a handful of calls per run.
pub fn enabled() -> bool {
    std::env::var_os("CLAIMLINT_TIMINGS").is_some()
}

/// Prints `timings: {line}` with the process's memory appended, when timings are enabled.
pub fn print(line: std::fmt::Arguments<'_>) {
    if enabled() {
        match memory() {
            Some((resident, peak)) => {
                eprintln!("timings: {line} rss {resident}MB peak {peak}MB")
            }
            None => eprintln!("timings: {line}"),
        }
    }
}

/// A phase's clock: [`Phase::end`] prints its name and how long it took.
pub struct Phase {
    name: &'static str,
    started: Instant,
}

impl Phase {
    pub fn start(name: &'static str) -> Self {
        Phase {
            name,
            started: Instant::now(),
        }
    }

    pub fn end(self) {
        print(format_args!(
            "{} {:.3}s",
            self.name,
            self.started.elapsed().as_secs_f64()
        ));
    }
}

/// Resident and peak resident memory in MB, from `/proc/self/status` (Linux only).
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|line| line.starts_with(name))?;
        let kilobytes: u64 = line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kilobytes / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn memory_is_read_from_the_process_status() {
        let (resident, peak) = memory().expect("Linux has /proc/self/status");
        // A test process holds megabytes: a zero means the field was misread.
        assert!(resident > 0, "resident {resident} MB");
        assert!(peak >= resident, "peak {peak} MB < resident {resident} MB");
    }
}
