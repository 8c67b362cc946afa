//! `steward export`: a project as CSV, a workbook, a calendar, an HTML report or JSON.

use std::path::Path;
use std::process::ExitCode;

use crate::storage;

use super::{CsvList, ExportFormat, fail};

/// The options that only some formats use.
pub(super) struct Options {
    pub hide_names: bool,
    pub person: Option<String>,
    pub open_only: bool,
}

pub(super) fn export(file: &Path, format: ExportFormat, out: &Path, list: CsvList, options: Options) -> ExitCode {
    let hide_names = options.hide_names;
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
    let today = chrono::Local::now().date_naive();
    let bytes = match format {
        ExportFormat::Xlsx => match crate::interop::xlsx::export_workbook(&project, today) {
            Ok(bytes) => bytes,
            Err(reason) => return fail(reason, 1),
        },
        ExportFormat::Ics => match super::calendar::calendar(&project, &options) {
            Ok(bytes) => bytes,
            Err(reason) => return fail(reason, 2),
        },
        ExportFormat::Csv => match list {
            CsvList::Stakeholders => csv::export_stakeholders(&project),
            CsvList::Kickoff => csv::export_kickoff(&project),
            CsvList::Handover => csv::export_handover(&project),
        },
        ExportFormat::Html => report::html_report(&project, today, report::ReportOptions { hide_names }).into_bytes(),
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
