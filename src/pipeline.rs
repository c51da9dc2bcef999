//! The lint run as a library: inputs → articles → analyses → events → findings.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Condvar, Mutex, PoisonError};

use rayon::prelude::*;

use crate::analysis::{Analysis, Analyzer, ArticleAnalysis, ArticleRecords, Gathered};
use crate::checks::CheckKind;
use crate::corpus::{self, ArticleError, Input, LoadOptions, Origin, PublishedFrom};
use crate::extract::Span;
use crate::finding::runs::{FindingRuns, SortedFindings};
use crate::finding::{Finding, Label};
use crate::pack::{Pack, Severity};
use crate::root_cause;
use crate::timings;

/// An input that could not be checked (or only partly), reported as a finding of its own.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct InputProblem {
    pub origin: Origin,
    /// Bytes of the source the problem is about.
    pub span: Option<(usize, usize)>,
    pub message: String,
    pub severity: Severity,
}

/// Everything a lint run produced: the findings and what rendering them needs of the
/// articles. The claims are gone by then, so the report is built in their memory.
#[derive(Debug, Default)]
pub struct Outcome {
    pub articles: ArticleRecords,
    pub problems: Vec<InputProblem>,
    pub findings: SortedFindings,
    /// Sources that cannot be read again (stdin), kept for rendering.
    pub kept_sources: BTreeMap<Origin, Vec<u8>>,
}

impl Outcome {
    pub fn claim_count(&self) -> usize {
        self.articles.claim_count()
    }
}

/// The articles of some inputs, analysed, with what could not be read.
#[derive(Debug, Default)]
pub struct Analyzed {
    pub articles: Vec<ArticleAnalysis>,
    pub problems: Vec<InputProblem>,
    /// Sources that cannot be read again (stdin), kept for rendering.
    pub kept_sources: BTreeMap<Origin, Vec<u8>>,
}

fn analyze_input(analyzer: &Analyzer, unit: &corpus::Unit, options: &LoadOptions) -> Analyzed {
    let mut analyzed = Analyzed::default();
    for loaded in corpus::load_unit(unit, options) {
        match loaded {
            Ok(article) => {
                for warning in &article.warnings {
                    analyzed.problems.push(InputProblem {
                        origin: article.origin.clone(),
                        span: None,
                        message: format!("{}: {warning}", article.origin),
                        severity: Severity::Warning,
                    });
                }
                if article.origin == Origin::Stdin {
                    analyzed
                        .kept_sources
                        .insert(Origin::Stdin, article.text.clone().into_bytes());
                }
                let analysis = analyzer.analyze(&article, article.published);
                if analysis.claims_truncated {
                    analyzed.problems.push(InputProblem {
                        origin: article.origin.clone(),
                        span: None,
                        message: format!(
                            "{}: {} claims found; only the first {} were checked (raise the limit with --max-claims)",
                            article.origin, analysis.claim_count, analyzer.max_claims
                        ),
                        severity: Severity::Warning,
                    });
                }
                analyzed.articles.push(analysis);
            }
            Err(error) => analyzed.problems.push(InputProblem::from(&error)),
        }
    }
    analyzed
}

/// Analyses the inputs in parallel and hands each input's result to `sink`, in the inputs'
/// order, as soon as it and those before it are done ([`in_order`]): a caller that folds what
/// it needs and drops the rest holds the inputs in flight, not the corpus.
pub fn analyze_each(
    analyzer: &Analyzer,
    inputs: &[Input],
    options: &LoadOptions,
    mut sink: impl FnMut(Analyzed) + Send,
) {
    // A big JSONL file is read in stretches of lines, so that one file spreads over the
    // threads like a corpus of shards.
    let units = corpus::units(inputs, options);
    let progress = if options.progress && units.len() > PROGRESS_FROM {
        indicatif::ProgressBar::new(units.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let width = rayon::current_num_threads().max(1) * INPUTS_IN_FLIGHT_PER_THREAD;
    in_order(
        units.len(),
        width,
        |index| {
            let analyzed = analyze_input(analyzer, &units[index], options);
            progress.inc(1);
            analyzed
        },
        &mut sink,
    );
    progress.finish_and_clear();
}

/// Runs `analyse` on `0..count` on the pool's threads and hands the results to `sink` in that
/// order, each as soon as those before it are handed on. Every thread takes the next index as
/// it frees, none more than `width` ahead of the first result not yet handed on; the calling
/// thread hands results on between indices of its own. A panic in `analyse` stops the others
/// from starting more and is raised again here.
fn in_order<T: Send>(
    count: usize,
    width: usize,
    analyse: impl Fn(usize) -> T + Sync,
    mut sink: impl FnMut(T) + Send,
) {
    let window = Window::new(count, width);
    let run = |index: usize| std::panic::catch_unwind(AssertUnwindSafe(|| analyse(index)));
    rayon::scope(|scope| {
        for _ in 1..rayon::current_num_threads().max(1) {
            scope.spawn(|_| {
                while let Some(index) = window.take() {
                    window.done(index, run(index));
                }
            });
        }
        loop {
            match window.next_step() {
                Step::HandOn(result) => sink(result),
                Step::Analyse(index) => window.done(index, run(index)),
                Step::Finished => break,
            }
        }
    });
}

/// Inputs a thread may run ahead of the first result not yet handed on: enough to even out
/// unequal inputs, few enough that the results waiting stay small next to the corpus.
const INPUTS_IN_FLIGHT_PER_THREAD: usize = 16;

/// Inputs from which a progress bar is worth showing.
const PROGRESS_FROM: usize = 200;

/// The inputs being analysed by [`in_order`]: which to start next, and the results waiting to
/// be handed on in order.
struct Window<T> {
    state: Mutex<WindowState<T>>,
    changed: Condvar,
    inputs: usize,
    width: usize,
}

struct WindowState<T> {
    /// The next input to start.
    next: usize,
    /// The next input to hand on: all before it are.
    handed_on: usize,
    /// Finished inputs waiting for those before them.
    ready: BTreeMap<usize, T>,
    /// Set when an analysis panicked: no more inputs are started.
    failed: bool,
    /// The panic, raised again on the thread that hands results on.
    panic: Option<Box<dyn std::any::Any + Send>>,
}

/// What the thread that hands results on does next.
enum Step<T> {
    HandOn(T),
    Analyse(usize),
    Finished,
}

impl<T> Window<T> {
    fn new(inputs: usize, width: usize) -> Self {
        Window {
            state: Mutex::new(WindowState {
                next: 0,
                handed_on: 0,
                ready: BTreeMap::new(),
                failed: false,
                panic: None,
            }),
            changed: Condvar::new(),
            inputs,
            width: width.max(1),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WindowState<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts the next input if there is one and the window has room for it.
    fn start_next(&self, state: &mut WindowState<T>) -> Option<usize> {
        let next = state.next;
        (next < self.inputs && next < state.handed_on + self.width).then(|| {
            state.next += 1;
            next
        })
    }

    /// The next input to analyse, waiting while the window is full; `None` once every input
    /// is started or an analysis panicked.
    fn take(&self) -> Option<usize> {
        let mut state = self.lock();
        loop {
            if state.next >= self.inputs || state.failed {
                return None;
            }
            if let Some(index) = self.start_next(&mut state) {
                return Some(index);
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn done(&self, index: usize, analyzed: std::thread::Result<T>) {
        let mut state = self.lock();
        match analyzed {
            Ok(analyzed) => {
                state.ready.insert(index, analyzed);
            }
            Err(panic) => {
                state.failed = true;
                state.panic.get_or_insert(panic);
            }
        }
        self.changed.notify_all();
    }

    /// The next result in order when it is ready, else an input to analyse meanwhile, else a
    /// wait for either.
    fn next_step(&self) -> Step<T> {
        let mut state = self.lock();
        loop {
            if let Some(panic) = state.panic.take() {
                drop(state);
                std::panic::resume_unwind(panic);
            }
            let first = state.handed_on;
            if let Some(analyzed) = state.ready.remove(&first) {
                state.handed_on += 1;
                self.changed.notify_all();
                return Step::HandOn(analyzed);
            }
            if state.handed_on >= self.inputs {
                return Step::Finished;
            }
            if let Some(index) = self.start_next(&mut state) {
                return Step::Analyse(index);
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

impl From<&ArticleError> for InputProblem {
    fn from(error: &ArticleError) -> Self {
        InputProblem {
            origin: error.origin.clone(),
            span: error.span,
            message: error.to_string(),
            severity: Severity::Error,
        }
    }
}

/// Runs every check of the pack over the corpus at once; the findings in report order.
pub fn run_checks(pack: &Pack, analysis: &Analysis) -> Vec<Finding> {
    let runs = Mutex::new(FindingRuns::in_memory());
    run_checks_into(pack, analysis, &runs);
    runs.into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .finish()
        .collect()
}

/// Runs every check of the pack over the corpus at once, each handing its findings to `runs`
/// as it makes them.
fn run_checks_into(pack: &Pack, analysis: &Analysis, runs: &Mutex<FindingRuns>) {
    pack.checks.par_iter().for_each(|spec| {
        let started = std::time::Instant::now();
        let mut count = 0;
        spec.kind
            .run_into(spec, analysis, pack, &mut |mut finding| {
                finding.settle();
                count += 1;
                let origin = anchor_origin(&analysis.articles, &[], &finding);
                runs.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(origin, finding);
            });
        timings::print(format_args!(
            "check {} {:.3}s findings {count}",
            spec.id,
            started.elapsed().as_secs_f64(),
        ));
    });
}

/// The origin a finding sorts by: that of its anchor label; a label citing no known source
/// sorts as standard input.
fn anchor_origin(
    articles: &ArticleRecords,
    problems: &[InputProblem],
    finding: &Finding,
) -> Option<Origin> {
    let anchor = finding.anchor()?;
    Some(source_origin(articles, problems, anchor.article).unwrap_or(Origin::Stdin))
}

/// The whole lint run after discovery.
pub fn lint(
    pack: &Pack,
    inputs: &[Input],
    walk_problems: Vec<InputProblem>,
    options: &LoadOptions,
    max_claims: usize,
) -> Outcome {
    let mut analyzer = Analyzer::new(pack);
    analyzer.max_claims = max_claims;
    let started = std::time::Instant::now();
    // The map: each input's analyses are folded as they come, their event mentions and name
    // spellings into the corpus-wide indexes, so neither outlives the inputs in flight.
    let mut gathered = Gathered::default();
    let mut problems = walk_problems;
    let mut kept_sources = BTreeMap::new();
    let mut mentions = 0;
    analyze_each(&analyzer, inputs, options, |analyzed| {
        for article in analyzed.articles {
            mentions += article.events.len();
            gathered.add(article);
        }
        problems.extend(analyzed.problems);
        kept_sources.extend(analyzed.kept_sources);
    });
    let mapped = started.elapsed();
    timings::print(format_args!("map {:.3}s", mapped.as_secs_f64()));
    let claims = gathered.articles().claim_count();
    let outcome = reduce(&analyzer, gathered, problems, kept_sources, options);
    // For the benchmark: how the per-article and the cross-article phases grow.
    timings::print(format_args!(
        "articles {} claims {claims} event-mentions {mentions} map {:.3}s reduce {:.3}s",
        outcome.articles.len(),
        mapped.as_secs_f64(),
        (started.elapsed() - mapped).as_secs_f64()
    ));
    outcome
}

/// The cross-article phase: events, checks, explanations, input findings, order.
pub fn reduce(
    analyzer: &Analyzer,
    gathered: Gathered,
    problems: Vec<InputProblem>,
    kept_sources: BTreeMap<Origin, Vec<u8>>,
    options: &LoadOptions,
) -> Outcome {
    let pack = analyzer.pack;
    let phase = timings::Phase::start("index");
    let mut analysis = gathered.analysis();
    phase.end();
    let (events_held, events_written) = analysis.events.packed_bytes();
    let (records_held, records_written) = analysis.articles.packed_bytes();
    timings::print(format_args!(
        "article-events {} events {} packed: article events {:.1}MB held {:.1}MB written, article records {:.1}MB held {:.1}MB written",
        analysis.events.told_count(),
        analysis.events.events.len(),
        events_held as f64 / 1e6,
        events_written as f64 / 1e6,
        records_held as f64 / 1e6,
        records_written as f64 / 1e6,
    ));
    let phase = timings::Phase::start("checks");
    // A corpus small enough for root causes holds its findings: they weigh them all at once.
    let runs = Mutex::new(if root_cause::weighs(&analysis) {
        FindingRuns::in_memory()
    } else {
        FindingRuns::default()
    });
    run_checks_into(pack, &analysis, &runs);
    let mut runs = runs.into_inner().unwrap_or_else(PoisonError::into_inner);
    phase.end();
    let phase = timings::Phase::start("root-cause");
    if let Some(findings) = runs.all_held() {
        root_cause::explain(analyzer, &mut analysis, findings, options);
    }
    phase.end();
    for note in undated_notes(&analysis) {
        runs.push(anchor_origin(&analysis.articles, &[], &note), note);
    }
    let base = analysis.articles.len();
    for (offset, problem) in problems.iter().enumerate() {
        let finding = problem_finding(base + offset, problem);
        runs.push(
            anchor_origin(&analysis.articles, &problems, &finding),
            finding,
        );
    }
    let findings = runs.finish();
    Outcome {
        articles: analysis.articles,
        problems,
        findings,
        kept_sources,
    }
}

/// An undated article's relative dates stay unresolved: say so once per article.
fn undated_notes(analysis: &Analysis) -> Vec<Finding> {
    let mut notes = Vec::new();
    for (index, article) in analysis.articles.iter().enumerate() {
        if article.published_from != PublishedFrom::None {
            continue;
        }
        let unresolved = &article.unresolved_dates;
        let Some(first) = unresolved.first() else {
            continue;
        };
        notes.push(Finding {
            rule: "input/undated".to_string(),
            check: CheckKind::Input,
            severity: Severity::Info,
            message: format!(
                "no publication date: {} relative date{} stay{} unresolved",
                unresolved.len(),
                if unresolved.len() == 1 { "" } else { "s" },
                if unresolved.len() == 1 { "s" } else { "" }
            ),
            help: Some(
                "Add a dateline (\"Thursday, January 27, 2022\") in the first lines, or a `date` in front matter, JSONL or HTML metadata; until then checks that need these dates skip them."
                    .to_string().into()
            ),
            labels: vec![Label::primary(index, *first, "relative to an unknown date")].into(),
        });
    }
    notes
}

fn problem_finding(source_index: usize, problem: &InputProblem) -> Finding {
    let span = problem
        .span
        .map(|(start, end)| Span::new(start, end))
        .unwrap_or(Span::new(0, 0));
    Finding {
        rule: "input/article".to_string(),
        check: CheckKind::Input,
        severity: problem.severity,
        message: problem.message.clone(),
        help: None,
        labels: vec![Label::primary(source_index, span, "here")].into(),
    }
}

/// The origin of source `index`: an article, then an input problem (labels number them so).
pub(crate) fn source_origin(
    articles: &ArticleRecords,
    problems: &[InputProblem],
    index: usize,
) -> Option<Origin> {
    match articles.origin(index) {
        Some(origin) => Some(origin),
        None => problems
            .get(index.checked_sub(articles.len())?)
            .map(|problem| problem.origin.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Indices `0..count` through [`in_order`] on `threads` threads, each "analysis" being
    /// `analyse`; the results in the order they were handed on.
    fn through_window(
        count: usize,
        width: usize,
        threads: usize,
        analyse: impl Fn(usize) -> usize + Sync,
    ) -> Vec<usize> {
        let handed_on = std::sync::atomic::AtomicUsize::new(0);
        let mut results = Vec::new();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a test pool");
        pool.install(|| {
            in_order(
                count,
                width,
                |index| {
                    // Never more than the width ahead of what was handed on (the count here
                    // may lag the window's by the one result being handed on).
                    let behind = handed_on.load(std::sync::atomic::Ordering::SeqCst);
                    assert!(index < behind + 1 + width, "{index} started at {behind}");
                    analyse(index)
                },
                |result| {
                    results.push(result);
                    handed_on.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                },
            );
        });
        results
    }

    #[test]
    fn results_are_handed_on_in_input_order_however_unequal_the_inputs() {
        // Inputs that take unequal times, so that they finish out of order.
        let analyse = |index: usize| {
            std::thread::sleep(std::time::Duration::from_micros(
                ((index * 7) % 5) as u64 * 300,
            ));
            index * 10
        };
        for threads in [1, 2, 4] {
            let handed_on = through_window(40, 3, threads, analyse);
            assert_eq!(
                handed_on,
                (0..40).map(|index| index * 10).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_panicking_analysis_is_raised_again_without_hanging_the_others() {
        let outcome = std::panic::catch_unwind(|| {
            through_window(50, 2, 3, |index| {
                assert!(index != 7, "input 7 cannot be analysed");
                index
            })
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn a_big_jsonl_file_in_stretches_is_analysed_as_read_whole_on_any_number_of_threads() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("big.jsonl");
        let mut lines = String::new();
        for n in 0..400 {
            lines.push_str(&format!(
                "{{\"id\": \"a{n}\", \"text\": \"Tuesday, September 4, 2018\\n\\nOfficials \
                 said the {n}th talks were held on Monday. {}\"}}\n",
                "The summit went on. ".repeat(n % 30)
            ));
            if n % 50 == 7 {
                lines.push_str("{not json\n\n");
            }
        }
        std::fs::write(&path, lines).expect("writes");
        let pack = crate::app::load_pack(&[]).unwrap_or_else(|_| panic!("the default pack loads"));
        let analyzer = Analyzer::new(&pack);
        let options = LoadOptions::default();
        let inputs = [Input::Path(path)];
        assert!(corpus::units(&inputs, &options).len() > 4);
        // Articles, then problems, as one input gives them.
        let described = |analyzed: &[Analyzed]| -> Vec<String> {
            let articles = analyzed
                .iter()
                .flat_map(|one| &one.articles)
                .map(|article| {
                    serde_json::to_string(article).unwrap_or_else(|error| error.to_string())
                });
            let problems = analyzed
                .iter()
                .flat_map(|one| &one.problems)
                .map(|problem| format!("{problem:?}"));
            articles.chain(problems).collect()
        };
        let whole = described(&[analyze_input(
            &analyzer,
            &corpus::Unit::Whole(inputs[0].clone()),
            &options,
        )]);
        assert!(whole.len() > 400);
        for threads in [1, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap_or_else(|_| panic!("a pool of {threads}"));
            let mut stretched = Vec::new();
            pool.install(|| {
                analyze_each(&analyzer, &inputs, &options, |analyzed| {
                    stretched.push(analyzed)
                })
            });
            assert_eq!(described(&stretched), whole, "{threads} threads");
        }
    }
}
