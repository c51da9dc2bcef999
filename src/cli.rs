//! The command line, as clap parses it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "claimlint",
    version,
    about = "Finds claims across a dossier of news articles that cannot all be true.",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// One finding per line.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Options shared by the commands that read articles and rules.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// More rule packs: a directory of `*.toml` files, added to the default pack.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour in the human report (`NO_COLOR` is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<usize>,
    /// Largest article file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 512 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Claims kept per article; an article with more is checked on the first ones, with a
    /// warning.
    #[arg(long, value_name = "N", default_value_t = crate::analysis::DEFAULT_MAX_CLAIMS)]
    pub max_claims: usize,
    /// Print nothing but findings (no summary line).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles for contradictions (the lint run).
    Check {
        /// Files or directories of articles, or `-` for stdin (default: `seeds/` if present).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
        /// Exit 1 when a finding is at or above this severity.
        /// (default: `fail-on` in claimlint.toml, else error)
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// Check claims files written by `claimlint extract` (the reduce step) instead of
        /// reading articles.
        #[arg(long = "claims", value_name = "FILE", num_args = 1.., conflicts_with = "paths")]
        claims: Vec<PathBuf>,
        /// Fail only on findings this baseline does not record; report entries that no longer
        /// match as stale.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record the current findings as a baseline.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Count the findings per rule (after the report; in JSON as `statistics`).
        #[arg(long)]
        statistics: bool,
    },
    /// Extract the claims of a shard of articles into a claims file (the map step).
    Extract {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the claims (JSONL); `-` for stdout.
        #[arg(short, long, value_name = "FILE", default_value = "-")]
        output: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Show the claims and events extracted from articles, to debug a rule.
    Claims {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// List the checks of the loaded packs.
    Rules {
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Explain one check: what it does, its parameters and its inline tests.
    Rule {
        id: String,
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Run the rule packs' inline tests (the default pack, plus DIR if given).
    Test { dir: Option<PathBuf> },
    /// Print the effective configuration and the claimlint.toml it comes from.
    Config,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}
