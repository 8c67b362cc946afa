//! The command line: `steward [FILE]` opens the window; subcommands work without one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::storage;

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
    /// Create a new project file from a built-in template (standard or blank). A FILE without
    /// an extension gets `.steward`.
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
}

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check { file } => check(&file),
        Command::Generate { out, records, seed } => generate(&out, records, seed),
        Command::Export {
            file,
            format,
            out,
            list,
            hide_names,
        } => export(&file, format, &out, list, hide_names),
        Command::New { file, template } => new(&file, &template),
        Command::Upgrade { file } => upgrade(&file),
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&storage::json_schema()).expect("a schema serializes")
            );
            ExitCode::SUCCESS
        }
    }
}

fn check(file: &std::path::Path) -> ExitCode {
    match storage::read_project(file) {
        Ok((project, header, _)) => {
            println!("{}", summary(&project, &header, file));
            println!("{}", insight(&project, chrono::Local::now().date_naive()));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn fail(message: impl std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(code)
}

fn export(
    file: &std::path::Path,
    format: ExportFormat,
    out: &std::path::Path,
    list: CsvList,
    hide_names: bool,
) -> ExitCode {
    if same_file(file, out) {
        return fail(
            format!("{} is the project itself: choose another --out.", out.display()),
            2,
        );
    }
    let (project, header, _) = match storage::read_project(file) {
        Ok(read) => read,
        Err(err) => return fail(err, 1),
    };
    use crate::interop::{csv, report};
    let bytes = match format {
        ExportFormat::Csv => match list {
            CsvList::Stakeholders => csv::export_stakeholders(&project),
            CsvList::Kickoff => csv::export_kickoff(&project),
            CsvList::Handover => csv::export_handover(&project),
        },
        ExportFormat::Html => {
            let today = chrono::Local::now().date_naive();
            report::html_report(&project, today, report::ReportOptions { hide_names }).into_bytes()
        }
        ExportFormat::Json => storage::to_bytes(&project, &header.revision),
    };
    match storage::atomic_write(out, &bytes) {
        Ok(()) => {
            println!("Wrote {}.", out.display());
            ExitCode::SUCCESS
        }
        Err(err) => fail(err, 1),
    }
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn new(file: &std::path::Path, template: &str) -> ExitCode {
    // A name typed without an extension becomes NAME.steward.
    let file = &storage::naming::with_project_extension(file.to_path_buf());
    let Some(project) = crate::model::template::from_template(template) else {
        let names: Vec<&str> = crate::model::template::TEMPLATES.iter().map(|(n, _)| *n).collect();
        return fail(
            format!(
                "There is no template \"{template}\"; choose one of: {}.",
                names.join(", ")
            ),
            2,
        );
    };
    if file.exists() {
        return fail(format!("{} already exists: choose a new file name.", file.display()), 2);
    }
    match storage::save_project(file, &project, None, false) {
        Ok(_) => {
            println!("Created {} from the {template} template.", file.display());
            ExitCode::SUCCESS
        }
        Err(err) => fail(err, 1),
    }
}

fn upgrade(file: &std::path::Path) -> ExitCode {
    let opened = match storage::open_project(file) {
        Ok(opened) => opened,
        Err(err) => return fail(err, 1),
    };
    let from = opened.header.format_version;
    match storage::save_project(file, &opened.project, Some(&opened.fingerprint), false) {
        Ok(_) => {
            println!(
                "{} rewritten in format {} (was {from}); the previous file is kept as {}.",
                file.display(),
                storage::FORMAT_VERSION,
                storage::backup_path(file).display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => fail(err, 1),
    }
}

fn generate(out: &std::path::Path, records: usize, seed: u64) -> ExitCode {
    if out.exists() {
        eprintln!("{} already exists: choose a new file name.", out.display());
        return ExitCode::from(2);
    }
    let project = crate::model::generate::generate(crate::model::generate::Sizes::uniform(records), seed);
    match storage::save_project(out, &project, None, false) {
        Ok(_) => {
            println!("Wrote {} ({records} records per list).", out.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// Findings and exit readiness as plain text, for scheduled jobs on the shared drive.
pub fn insight(project: &crate::model::Project, today: chrono::NaiveDate) -> String {
    use crate::model::{findings, readiness};
    let found = findings::findings(project, today);
    let ready = readiness::readiness(project, today);
    let verdict = readiness::exit_verdict(project, &ready, &found);
    let mut out = format!("\nFindings: {}\n", found.len());
    for f in &found {
        out.push_str(&format!("  [{}] {} ({})\n", f.severity.label(), f.title, f.rule.name()));
    }
    out.push_str(&format!("\nExit readiness: {:.0}% overall", ready.overall));
    if let Some(days) = ready.days_to_exit {
        out.push_str(&format!(", {days} days to the exit date"));
    }
    out.push('\n');
    for area in &ready.areas {
        out.push_str(&format!(
            "  {:<28} {:>3.0}%  ({} of {} run by staff)\n",
            area.name, area.percent, area.handed_over, area.items
        ));
    }
    out.push_str(&format!("\nVerdict: {}\n", if verdict.go { "GO" } else { "NO-GO" }));
    for c in &verdict.criteria {
        out.push_str(&format!(
            "  {} {}: {}\n",
            if c.passed { "pass" } else { "FAIL" },
            c.label,
            c.detail
        ));
    }
    out
}

/// A short summary of a valid project, as printed by `steward check`.
pub fn summary(project: &crate::model::Project, header: &storage::FileHeader, file: &std::path::Path) -> String {
    let done = project.kickoff.iter().filter(|k| k.is_done()).count();
    let alone = project
        .handover
        .iter()
        .filter(|h| h.stage == crate::model::Stage::StaffAlone)
        .count();
    format!(
        "{}: valid (format {})\nProject: {}\nStakeholders: {}\nAreas: {}\nKickoff items: {} ({} done)\nHand-over items: {} ({} run by staff alone)",
        file.display(),
        header.format_version,
        project.details.name,
        project.stakeholders.len(),
        project.areas.len(),
        project.kickoff.len(),
        done,
        project.handover.len(),
        alone,
    )
}
