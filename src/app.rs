//! From parsed arguments to an exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{Cli, ColorChoice, Command, Common};
use crate::commands;
use crate::pack::{self, Pack, PackSource};

/// The process's exit status: one enum, as the contract lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Nothing at or above `--fail-on`.
    Clean,
    /// Findings at or above `--fail-on`, or failing inline tests.
    Findings,
    /// Usage, configuration, rule or input error.
    Error,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::Error => 2,
        }
    }
}

/// A bug must not look like a finding: end with exit 2 and a short request for a report.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "claimlint: internal error{location}: {}\nThis is a bug; please report it with the input that caused it.",
            info.payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default()
        );
        std::process::exit(2);
    }));
}

pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Check {
            paths,
            common,
            fail_on,
            claims,
            baseline,
            write_baseline,
            statistics,
        } => with_threads(common.threads, || {
            let gate = commands::check::Gate {
                fail_on,
                baseline: baseline.as_deref(),
                write_baseline: write_baseline.as_deref(),
                statistics,
            };
            commands::check::run(&paths, &claims, &common, &gate)
        }),
        Command::Extract {
            paths,
            output,
            common,
        } => with_threads(common.threads, || {
            commands::extract::run(&paths, &output, &common)
        }),
        Command::Claims { paths, common } => {
            with_threads(common.threads, || commands::claims::run(&paths, &common))
        }
        Command::Rules { rules } => commands::rules::list(&rules),
        Command::Rule { id, rules } => commands::rules::explain(&id, &rules),
        Command::Test { dir } => commands::test::run(dir.as_deref()),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "claimlint", &mut script);
            match std::io::stdout().write_all(&script) {
                Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("claimlint: {error}");
                    Exit::Error
                }
                _ => Exit::Clean,
            }
        }
        Command::Config => {
            let config = load_config().and_then(|config| {
                let pack = load_pack(&config.rules)?;
                checked_config(config, &crate::report::RuleInfo::of_pack(&pack))
            });
            match config {
                Ok(config) => {
                    print!("{}", commands::config_text(&config));
                    Exit::Clean
                }
                Err(exit) => exit,
            }
        }
    }
}

fn with_threads(threads: Option<usize>, work: impl FnOnce() -> Exit + Send) -> Exit {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = threads {
        builder = builder.num_threads(threads.max(1));
    }
    match builder.build() {
        Ok(pool) => pool.install(work),
        Err(error) => {
            eprintln!("claimlint: cannot start worker threads: {error}");
            Exit::Error
        }
    }
}

/// The default pack plus every `--rules` directory, or the diagnostics that say why not.
pub fn load_pack(extra: &[PathBuf]) -> Result<Pack, Exit> {
    let mut sources = pack::default_sources();
    for dir in extra {
        match read_pack_dir(dir) {
            Ok(found) => sources.extend(found),
            Err(message) => {
                eprintln!("claimlint: {message}");
                return Err(Exit::Error);
            }
        }
    }
    pack::compile(&sources).map_err(|errors| {
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_links(false);
        let mut stderr = std::io::stderr().lock();
        for error in errors {
            let mut rendered = String::new();
            if handler.render_report(&mut rendered, &error).is_err() {
                rendered = error.to_string();
            }
            let _ = writeln!(stderr, "{rendered}");
        }
        Exit::Error
    })
}

fn read_pack_dir(dir: &Path) -> Result<Vec<PackSource>, String> {
    if dir.is_file() {
        return PackSource::read(dir)
            .map(|source| vec![source])
            .map_err(|error| format!("{}: {error}", dir.display()));
    }
    let found = pack::compile::sources_in_dir(dir)
        .map_err(|error| format!("{}: {error}", dir.display()))?;
    if found.is_empty() {
        return Err(format!("{}: no rule files (*.toml) found", dir.display()));
    }
    Ok(found)
}

/// The nearest claimlint.toml's configuration (the default when there is none), or exit 2
/// with a diagnostic at the offending line.
pub fn load_config() -> Result<crate::config::Config, Exit> {
    let here = std::env::current_dir().unwrap_or_default();
    let Some(path) = crate::config::discover(&here) else {
        return Ok(crate::config::Config::default());
    };
    crate::config::load(&path).map_err(|error| config_error(&error))
}

/// Prints a configuration error at its line and column; exit 2.
pub fn config_error(error: &crate::pack::PackError) -> Exit {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_links(false);
    let mut rendered = String::new();
    if handler.render_report(&mut rendered, error).is_err() {
        rendered = error.to_string();
    }
    eprintln!("{rendered}");
    Exit::Error
}

/// The configuration with its `[severity]` keys checked against the rules that exist.
pub fn checked_config(
    config: crate::config::Config,
    rules: &[crate::report::RuleInfo],
) -> Result<crate::config::Config, Exit> {
    let ids: Vec<&str> = rules.iter().map(|rule| rule.id.as_str()).collect();
    match config.check_rule_ids(&ids) {
        Ok(()) => Ok(config),
        Err(error) => Err(config_error(&error)),
    }
}

/// A progress bar goes to stderr only when a person watches it there.
pub fn show_progress(common: &Common) -> bool {
    !common.quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Whether to colour output written to stdout.
pub fn use_color(common: &Common) -> bool {
    match common.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
