//! What the benchmark examples share: a per-thread CPU clock and the median.

/// Nanoseconds this thread has spent on a CPU, where Linux tells it
/// (`/proc/thread-self/schedstat`): meaningful when other work shares the cores.
pub fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// The median (the upper one of an even count), or `None` for no values.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}
