//! `steward export`: a project as CSV, an HTML report or JSON.

use std::path::Path;
use std::process::ExitCode;

use crate::storage;

use super::{CsvList, ExportFormat, fail};

pub(super) fn export(file: &Path, format: ExportFormat, out: &Path, list: CsvList, hide_names: bool) -> ExitCode {
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
            CsvList::Scenarios => csv::export_scenarios(&project),
            CsvList::Results => csv::export_results(&project),
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

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
