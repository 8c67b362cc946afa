//! `steward export`: a project as CSV, a workbook, a calendar, an HTML report or JSON.
//!
//! The export goes where `--out` says and only there: an existing device or named pipe is
//! refused (never replaced by a regular file), and the project itself is recognised by the
//! file's identity, so a hard link or another route to the same file is refused too.

use std::path::Path;
use std::process::ExitCode;

use super::{CsvList, ExportFormat, fail, say, shown_path};
use crate::storage;

/// The options that only some formats use.
pub(super) struct Options {
    pub hide_names: bool,
    pub person: Option<String>,
    pub open_only: bool,
}

pub(super) fn export(file: &Path, format: ExportFormat, out: &Path, list: CsvList, options: Options) -> ExitCode {
    let hide_names = options.hide_names;
    if hide_names && format == ExportFormat::Json {
        return fail(
            "--hide-names cannot apply to a JSON export, which is the whole project with every name in it: use --format html or --format csv.",
            2,
        );
    }
    if let Err(refused) = check_out(file, out) {
        return refused;
    }
    let (project, header, _) = match storage::read_project(file) {
        Ok(read) => read,
        Err(err) => return fail(err, 1),
    };
    use crate::interop::{csv, report};
    let csv_options = csv::CsvOptions { hide_names };
    let today = chrono::Local::now().date_naive();
    let bytes = match format {
        ExportFormat::Xlsx => match crate::interop::xlsx::export_workbook_with(
            &project,
            today,
            crate::interop::xlsx::WorkbookOptions { hide_names },
        ) {
            Ok(bytes) => bytes,
            Err(reason) => return fail(reason, 1),
        },
        ExportFormat::Ics => match super::calendar::calendar(&project, &options) {
            Ok(bytes) => bytes,
            Err(reason) => return fail(reason, 2),
        },
        ExportFormat::Csv => match list {
            CsvList::Stakeholders => csv::export_stakeholders_with(&project, csv_options),
            CsvList::Kickoff => csv::export_kickoff_with(&project, csv_options),
            CsvList::Handover => csv::export_handover_with(&project, csv_options),
            CsvList::Scenarios => csv::export_scenarios(&project),
            CsvList::Results => csv::export_results(&project),
        },
        ExportFormat::Html => report::html_report(&project, today, report::ReportOptions { hide_names }).into_bytes(),
        ExportFormat::Json => match storage::verified_bytes(out, &project, &header.revision) {
            Ok(bytes) => bytes,
            Err(err) => return fail(err, 1),
        },
    };
    match storage::atomic_write(out, &bytes) {
        Ok(()) => {
            say(&format!("Wrote {}.", shown_path(out)));
            ExitCode::SUCCESS
        }
        Err(err) => fail(err, 1),
    }
}

/// Refuses an `--out` that is the project itself (by any path) or an existing device or pipe,
/// with the message and exit code to give; every verb that writes a file checks this first.
pub(super) fn check_out(file: &Path, out: &Path) -> Result<(), ExitCode> {
    if same_file(file, out) {
        return Err(fail(
            format!("{} is the project itself: choose another --out.", shown_path(out)),
            2,
        ));
    }
    if let Ok(meta) = std::fs::metadata(out)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return Err(fail(
            format!(
                "{} is not a regular file (it is a device or a pipe): exports are written only to regular files, so nothing was written.",
                shown_path(out)
            ),
            2,
        ));
    }
    Ok(())
}

/// Whether two paths name the same file: by device and file number where the system tells
/// them (a hard link, a symbolic link or another route to the same file counts), otherwise
/// by the fully resolved path.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
