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

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check { file } => check(&file),
        Command::Generate { out, records, seed } => generate(&out, records, seed),
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
