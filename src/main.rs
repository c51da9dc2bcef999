use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    claimlint::app::install_panic_hook();
    let cli = claimlint::cli::Cli::parse();
    ExitCode::from(claimlint::app::run(cli).code())
}
