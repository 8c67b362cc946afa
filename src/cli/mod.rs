//! The command line: `steward [FILE]` opens the window; subcommands work without one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::storage;

mod check;
mod export;
mod generate;
mod new;
mod upgrade;

pub use check::{insight, summary};

#[derive(Debug, Parser)]
#[command(
    name = "steward",
    version,
    about = "Keep ownership of a business-system implementation in-house."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A project file to open in the window.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a project file without opening a window; print a summary, the findings and
    /// exit readiness. Exits 0 when the file is valid (findings are advice), 1 when it is not.
    Check {
        /// The project file to check.
        file: PathBuf,
    },
    /// Export a project as CSV (one list), an HTML report, or JSON.
    Export {
        /// The project file.
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Where to write the export (refuses to overwrite the project itself).
        #[arg(long)]
        out: PathBuf,
        /// For CSV: which list to export.
        #[arg(long, value_enum, default_value_t = CsvList::Stakeholders)]
        list: CsvList,
        /// For HTML: show roles or initials instead of people's names.
        #[arg(long)]
        hide_names: bool,
    },
    /// Create a new project file from a built-in template (standard, crm, erp or blank). A FILE
    /// without an extension gets `.steward`.
    New {
        /// Where to create it (refuses to overwrite an existing file).
        file: PathBuf,
        #[arg(long, default_value = "standard")]
        template: String,
    },
    /// Rewrite a project in the current format through the same safe save as the app,
    /// keeping a .bak of the old file and any fields this version does not know.
    Upgrade { file: PathBuf },
    /// Print the JSON Schema of the project file.
    Schema,
    /// Write a large generated project, for trying Steward at scale and for benchmarks.
    Generate {
        /// Where to write the project (refuses to overwrite an existing file).
        out: PathBuf,
        /// Records in each list (stakeholders, kickoff items, hand-over items).
        #[arg(long, default_value_t = 1000)]
        records: usize,
        /// Seed for the generator: the same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvList {
    Stakeholders,
    Kickoff,
    Handover,
    /// Test scenarios, with their result in each round as a column.
    Scenarios,
    /// Every test result of every round.
    Results,
}

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check { file } => check::check(&file),
        Command::Generate { out, records, seed } => generate::generate(&out, records, seed),
        Command::Export {
            file,
            format,
            out,
            list,
            hide_names,
        } => export::export(&file, format, &out, list, hide_names),
        Command::New { file, template } => new::new(&file, &template),
        Command::Upgrade { file } => upgrade::upgrade(&file),
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&storage::json_schema()).expect("a schema serializes")
            );
            ExitCode::SUCCESS
        }
    }
}

fn fail(message: impl std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(code)
}
