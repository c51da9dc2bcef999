//! The human report: one miette diagnostic per finding, its labels grouped per article, each
//! article a related diagnostic with its own named source.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use rayon::prelude::*;

use super::excerpt::CONTEXT_LINES;
use super::{Excerpts, Report, Reporter, ResolvedFinding, ResolvedLabel};
use crate::pack::Severity;

pub struct Human {
    pub color: bool,
    pub width: usize,
    /// Leave out the summary line.
    pub quiet: bool,
}

/// One article's part of a finding.
#[derive(Debug)]
struct ArticlePart {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Arc<Excerpts>,
    labels: Vec<LabeledSpan>,
    related: Vec<ArticlePart>,
}

impl fmt::Display for ArticlePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArticlePart {}

impl Diagnostic for ArticlePart {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|code| Box::new(code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        (!self.labels.is_empty()).then_some(&*self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty()).then(|| Box::new(self.labels.iter().cloned()) as Box<_>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|part| part as &dyn Diagnostic)) as Box<_>)
    }
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn labeled(label: &ResolvedLabel) -> LabeledSpan {
    let span = (label.start, label.end - label.start);
    if label.primary {
        LabeledSpan::new_primary_with_span(Some(label.message.to_string()), span)
    } else {
        LabeledSpan::new_with_span(Some(label.message.to_string()), span)
    }
}

fn diagnostic(
    sources: &BTreeMap<Arc<str>, Arc<Excerpts>>,
    finding: &ResolvedFinding,
) -> ArticlePart {
    // Articles in the order their first label appears, the primary one first.
    let mut paths: Vec<&str> = Vec::new();
    let mut ordered: Vec<&ResolvedLabel> = finding.labels.iter().filter(|l| l.primary).collect();
    ordered.extend(finding.labels.iter().filter(|l| !l.primary));
    for label in &ordered {
        if !paths.contains(&&*label.path) {
            paths.push(&label.path);
        }
    }
    let part = |path: &str, message: String| {
        // A source gone since its labels were located is named, not quoted.
        let source = sources.get(path).cloned();
        let labels = match source {
            Some(_) => finding
                .labels
                .iter()
                .filter(|label| &*label.path == path && label.line > 0)
                .map(labeled)
                .collect(),
            None => Vec::new(),
        };
        ArticlePart {
            message,
            code: None,
            severity: miette_severity(finding.severity),
            help: None,
            source: source.unwrap_or_default(),
            labels,
            related: Vec::new(),
        }
    };
    let main_path = paths.first().copied().unwrap_or("");
    let mut main = part(main_path, finding.message.clone());
    main.code = Some(finding.rule.clone());
    main.help = finding.help.clone();
    main.related = paths
        .iter()
        .skip(1)
        .map(|path| part(path, format!("also in {path}")))
        .collect();
    main
}

impl Reporter for Human {
    fn write(&self, report: &mut Report, out: &mut dyn Write) -> io::Result<()> {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_links(false)
            .with_context_lines(CONTEXT_LINES);
        // Rendering is most of the work: a batch of findings is rendered in parallel, then
        // written in order.
        report.render_batches(
            |report, batch| report.quotes.excerpts(batch),
            |batch, sources| {
                batch
                    .par_iter()
                    .map(|finding| {
                        let mut rendered = String::new();
                        handler
                            .render_report(&mut rendered, &diagnostic(&sources, finding))
                            .map(|()| rendered)
                            .map_err(io::Error::other)
                    })
                    .collect::<io::Result<Vec<String>>>()
            },
            |rendered| {
                for text in rendered {
                    writeln!(out, "{}", text.trim_end())?;
                    writeln!(out)?;
                }
                Ok(())
            },
        )?;
        if let Some(statistics) = &report.statistics {
            for (rule, count) in statistics {
                writeln!(out, "{count:>6}  {rule}")?;
            }
            writeln!(out)?;
        }
        if self.quiet {
            return Ok(());
        }
        let summary = &report.summary;
        write!(
            out,
            "{} article{} checked, {} claims: {} error{}, {} warning{}, {} note{}",
            summary.articles,
            plural(summary.articles),
            summary.claims,
            summary.errors,
            plural(summary.errors),
            summary.warnings,
            plural(summary.warnings),
            summary.infos,
            plural(summary.infos)
        )?;
        match &report.baseline {
            Some(baseline) => writeln!(
                out,
                " (baseline: {} known, {} new, {} stale)",
                baseline.matched,
                baseline.new,
                baseline.stale.len()
            ),
            None => writeln!(out),
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}
