use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = steward::cli::Cli::parse();
    match cli.command {
        Some(command) => steward::cli::run(command),
        None => steward::run_app(cli.file),
    }
}
