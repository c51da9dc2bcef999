//! The packs' inline tests: small articles with the findings a check must and must not give.

use std::path::PathBuf;

use crate::analysis::{Analysis, Analyzer};
use crate::corpus;
use crate::pack::{CheckSpec, InlineTest, Pack};

/// The outcome of one inline test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    pub check: String,
    pub test: String,
    /// Empty when the test passed; otherwise what went wrong.
    pub failures: Vec<String>,
}

impl TestOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs every inline test of every check of `pack`.
pub fn run_all(pack: &Pack) -> Vec<TestOutcome> {
    let analyzer = Analyzer::new(pack);
    pack.checks
        .iter()
        .flat_map(|spec| {
            spec.tests
                .iter()
                .map(|test| run_one(&analyzer, spec, test))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn run_one(analyzer: &Analyzer, spec: &CheckSpec, test: &InlineTest) -> TestOutcome {
    let mut articles = Vec::new();
    let mut texts = Vec::new();
    let mut failures = Vec::new();
    for (index, body) in test.articles.iter().enumerate() {
        let path = PathBuf::from(format!(
            "{}/{}/article-{}.txt",
            spec.id,
            test.name,
            index + 1
        ));
        for loaded in corpus::load_file_bytes(&path, body.as_bytes()) {
            match loaded {
                Ok(article) => {
                    texts.push(article.text.clone());
                    articles.push(analyzer.analyze(&article, article.published));
                }
                Err(error) => {
                    failures.push(format!("article {} does not load: {error}", index + 1))
                }
            }
        }
    }
    let analysis = Analysis::new(articles);
    let findings = spec.kind.run(spec, &analysis, analyzer.pack);
    let quoted: Vec<&str> = findings
        .iter()
        .flat_map(|finding| finding.labels.iter())
        .filter_map(|label| {
            texts
                .get(label.article)?
                .get(label.span.start..label.span.end)
        })
        .collect();
    for wanted in &test.fires {
        if !quoted.iter().any(|text| text.contains(wanted.as_str())) {
            failures.push(format!(
                "expected a finding with a label on “{wanted}”; got {} finding(s) quoting {:?}",
                findings.len(),
                quoted
            ));
        }
    }
    if test.quiet && !findings.is_empty() {
        let messages: Vec<&str> = findings
            .iter()
            .map(|finding| finding.message.as_str())
            .collect();
        failures.push(format!("expected no finding; got {messages:?}"));
    }
    TestOutcome {
        check: spec.id.clone(),
        test: test.name.clone(),
        failures,
    }
}
