// On Windows, no console window opens when Steward starts from Explorer or the Start menu;
// from a terminal, it attaches to that terminal so the commands print there.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    steward::app::startup::begin();
    steward::platform::attach_parent_console();
    let cli = steward::cli::Cli::parse();
    match cli.command {
        Some(command) => steward::cli::run(command),
        None => steward::run_app(cli.file),
    }
}
