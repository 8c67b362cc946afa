//! The command line: `steward [FILE]` opens the window; subcommands work without one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::storage;

mod calendar;
mod check;
mod drive;
mod export;
mod generate;
mod import;
mod merge;
mod minutes;
mod new;
mod upgrade;

pub use check::{insight, report as check_report, summary};

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
        /// Print every finding and area, however many; without it long lists are summarised.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Export a project as CSV (one list), an Excel workbook, an iCalendar file of its dates,
    /// an HTML report, or JSON.
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
        /// Show roles or initials instead of people's names, and leave out e-mail addresses
        /// and notes (HTML, CSV, XLSX and ICS; refused for JSON, which is the project itself).
        #[arg(long)]
        hide_names: bool,
        /// For ICS: only the items of this stakeholder (by name), and the milestones.
        #[arg(long)]
        person: Option<String>,
        /// For ICS: only items not yet settled, handed over or followed up.
        #[arg(long)]
        open_only: bool,
    },
    /// Add stakeholders, kickoff items or hand-over items from a spreadsheet (CSV, .xlsx, .xls,
    /// .ods) to a project. People and areas are matched by name; rows with problems are listed
    /// and skipped. The project is saved safely, keeping a .bak.
    Import {
        /// The spreadsheet to read.
        file: PathBuf,
        /// The project file to add the rows to.
        #[arg(long)]
        into: PathBuf,
        /// Which list the rows are.
        #[arg(long, value_enum)]
        list: CsvList,
        /// For workbooks: the sheet to read (default: the sheet named after the list, else the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Only report what would be imported; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a meeting's minutes as one HTML page: attendees, the agenda with its actual times,
    /// decisions, and actions with their owners and due dates.
    Minutes {
        /// The project file.
        file: PathBuf,
        /// Where to write the page (refuses to overwrite the project itself).
        #[arg(long)]
        out: PathBuf,
        /// The meeting, by id or by title; without it, the latest meeting held.
        #[arg(long)]
        meeting: Option<String>,
        /// Show roles or initials instead of people's names.
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
    /// Three-way merge of project files, as the app merges on save (usable as a git merge
    /// driver). Exits 0 and writes OUT when nothing conflicts or --prefer settles the
    /// conflicts; exits 1, lists the conflicts on standard error and writes nothing otherwise.
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// My version.
        mine: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where to write the merged project (may be MINE).
        #[arg(long)]
        out: PathBuf,
        /// Settle every conflict for this side instead of stopping.
        #[arg(long, value_enum)]
        prefer: Option<Prefer>,
    },
    /// Print the JSON Schema of the project file.
    Schema,
    /// The app without a window, driven line by line from standard input (for tests that run
    /// several Steward processes on one file).
    #[command(hide = true)]
    Drive {
        file: PathBuf,
        /// Seconds between looks at the file for saves by others.
        #[arg(long, default_value_t = 1)]
        watch_secs: u64,
    },
    /// Write a large generated project, for trying Steward at scale and for benchmarks.
    Generate {
        /// Where to write the project (refuses to overwrite an existing file).
        out: PathBuf,
        /// Records in each list (stakeholders, kickoff items, hand-over items); at most 100,000.
        #[arg(long, default_value_t = 1000)]
        records: u64,
        /// Seed for the generator: the same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Ics,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Prefer {
    Mine,
    Theirs,
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
        Command::Check { file, verbose } => check::check(&file, verbose),
        Command::Generate { out, records, seed } => generate::generate(&out, records, seed),
        Command::Export {
            file,
            format,
            out,
            list,
            hide_names,
            person,
            open_only,
        } => export::export(
            &file,
            format,
            &out,
            list,
            export::Options {
                hide_names,
                person,
                open_only,
            },
        ),
        Command::Import {
            file,
            into,
            list,
            sheet,
            dry_run,
        } => import::import(import::ImportArgs {
            file: &file,
            into: &into,
            list,
            sheet: sheet.as_deref(),
            dry_run,
        }),
        Command::Minutes {
            file,
            out,
            meeting,
            hide_names,
        } => minutes::minutes(&file, &out, meeting.as_deref(), hide_names),
        Command::New { file, template } => new::new(&file, &template),
        Command::Upgrade { file } => upgrade::upgrade(&file),
        Command::Merge {
            base,
            mine,
            theirs,
            out,
            prefer,
        } => merge::merge(&base, &mine, &theirs, &out, prefer),
        Command::Drive { file, watch_secs } => drive::drive(&file, watch_secs),
        Command::Schema => {
            say(&serde_json::to_string_pretty(&storage::json_schema()).expect("a schema serializes"));
            ExitCode::SUCCESS
        }
    }
}

/// Prints a message about a failure on standard error and gives the exit code. Control and
/// bidirectional characters from file names or file contents are shown escaped.
fn fail(message: impl std::fmt::Display, code: u8) -> ExitCode {
    complain(&message.to_string());
    ExitCode::from(code)
}

/// Prints `text` and a line end on standard output. When the reader has gone away (`steward
/// check FILE | head -3`), the process ends quietly, as command-line tools do, instead of
/// panicking. `text` must already be safe to print (see [`clean`]).
pub(crate) fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let result = out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    if let Err(e) = result {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        complain(&format!("Could not write the output: {e}."));
        std::process::exit(1);
    }
}

/// Prints a message on standard error, escaped; a closed standard error is ignored.
pub(crate) fn complain(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(clean(text).as_bytes());
    let _ = err.write_all(b"\n");
}

/// Text from a file, made safe for a terminal or a log: see [`crate::sanitize::escape_controls`].
pub(crate) fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    crate::sanitize::escape_controls(text)
}

/// A path, as printed: escaped like any other text.
pub(crate) fn shown_path(path: &std::path::Path) -> String {
    clean(&path.display().to_string()).into_owned()
}
