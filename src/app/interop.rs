//! Spreadsheet import and the exports, as the app runs them: dialogs and file I/O in background
//! jobs, the import shown as a preview the owner confirms, applied as one undoable edit.

use std::path::PathBuf;

use super::jobs::{self, DialogResult, JobResult};
use super::{Command, Dialog, PathPurpose, StewardApp, today};
use crate::interop::csv::{self, Field, RowResult, Table};
use crate::interop::report::{self, ReportOptions};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    StakeholdersCsv,
    KickoffCsv,
    HandoverCsv,
    ScenariosCsv,
    ResultsCsv,
    Report { hide_names: bool },
}

impl ExportKind {
    pub const ALL: &'static [ExportKind] = &[
        ExportKind::StakeholdersCsv,
        ExportKind::KickoffCsv,
        ExportKind::HandoverCsv,
        ExportKind::ScenariosCsv,
        ExportKind::ResultsCsv,
        ExportKind::Report { hide_names: false },
        ExportKind::Report { hide_names: true },
    ];

    pub fn label(self) -> &'static str {
        match self {
            ExportKind::StakeholdersCsv => "Stakeholders as CSV…",
            ExportKind::KickoffCsv => "Kickoff checklist as CSV…",
            ExportKind::HandoverCsv => "Exit plan as CSV…",
            ExportKind::ScenariosCsv => "Test scenarios as CSV…",
            ExportKind::ResultsCsv => "Test results, every round, as CSV…",
            ExportKind::Report { hide_names: false } => "Report as HTML…",
            ExportKind::Report { hide_names: true } => "Report as HTML, without names…",
        }
    }

    fn file_name(self, project: &str) -> String {
        let base = if project.trim().is_empty() {
            "project"
        } else {
            project.trim()
        };
        match self {
            ExportKind::StakeholdersCsv => format!("{base} - stakeholders.csv"),
            ExportKind::KickoffCsv => format!("{base} - kickoff.csv"),
            ExportKind::HandoverCsv => format!("{base} - exit plan.csv"),
            ExportKind::ScenariosCsv => format!("{base} - test scenarios.csv"),
            ExportKind::ResultsCsv => format!("{base} - test results.csv"),
            ExportKind::Report { .. } => format!("{base} - report.html"),
        }
    }
}

/// A spreadsheet being imported: the owner adjusts the mapping and sees every row's fate.
#[derive(Debug, Clone)]
pub struct ImportState {
    pub path: PathBuf,
    pub table: Table,
    pub mapping: Vec<Field>,
    pub rows: Vec<RowResult>,
}

impl ImportState {
    pub fn new(path: PathBuf, table: Table) -> Self {
        let mapping = csv::guess_mapping(&table.headers);
        let rows = csv::preview(&table, &mapping);
        ImportState {
            path,
            table,
            mapping,
            rows,
        }
    }

    /// Changes which field a column fills, and recomputes the preview.
    pub fn set_field(&mut self, column: usize, field: Field) {
        if let Some(slot) = self.mapping.get_mut(column) {
            *slot = field;
            self.rows = csv::preview(&self.table, &self.mapping);
        }
    }

    pub fn ready(&self) -> usize {
        self.rows.iter().filter(|r| r.stakeholder.is_some()).count()
    }
}

impl StewardApp {
    pub(super) fn show_import_dialog(&mut self) {
        self.jobs.spawn(|| {
            let dialog = rfd::FileDialog::new()
                .set_title("Import stakeholders from a spreadsheet")
                .add_filter("CSV", &["csv", "txt"])
                .add_filter("All files", &["*"]);
            JobResult::PickedImport(jobs::run_dialog(|| dialog.pick_file()))
        });
    }

    /// Reads and parses a CSV file in the background, then shows the import preview.
    pub fn start_csv_import(&mut self, path: PathBuf) {
        let job_path = path.clone();
        self.jobs.spawn(move || {
            let result = std::fs::read(&job_path)
                .map_err(|e| crate::storage::format::io_reason(&e))
                .and_then(|bytes| csv::parse(&bytes));
            JobResult::CsvRead { path: job_path, result }
        });
        self.info(format!("Reading {}…", path.display()));
    }

    pub(super) fn map_import_column(&mut self, column: usize, field: Field) {
        if let Some(import) = self.import.as_mut() {
            import.set_field(column, field);
        }
    }

    /// Adds the good rows of the import as one undoable step.
    pub fn confirm_import(&mut self) {
        let Some(import) = self.import.take() else { return };
        let (edit, count) = csv::import_edit(&self.doc.project, &import.rows);
        let skipped = import.rows.len() - count;
        if count > 0 {
            self.execute(Command::edit(edit, format!("Import {count} stakeholders")));
        }
        self.info(format!(
            "Imported {count} stakeholder(s) from {}; {skipped} row(s) skipped.",
            import.path.display()
        ));
    }

    pub(super) fn show_export_dialog(&mut self, kind: ExportKind) {
        let name = kind.file_name(&self.doc.project.details.name);
        let start = self
            .doc
            .path
            .as_deref()
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_path_buf);
        self.jobs.spawn(move || {
            let (filter, ext) = match kind {
                ExportKind::Report { .. } => ("HTML report", "html"),
                _ => ("CSV", "csv"),
            };
            let mut dialog = rfd::FileDialog::new()
                .set_title("Export")
                .set_file_name(name)
                .add_filter(filter, &[ext]);
            if let Some(dir) = start {
                dialog = dialog.set_directory(dir);
            }
            JobResult::PickedExport {
                kind,
                picked: jobs::run_dialog(|| dialog.save_file()),
            }
        });
    }

    /// Writes an export in the background.
    pub fn start_export(&mut self, kind: ExportKind, path: PathBuf) {
        let project = self.doc.project.clone();
        let today = today();
        let job_path = path.clone();
        self.jobs.spawn(move || {
            let bytes = match kind {
                ExportKind::StakeholdersCsv => csv::export_stakeholders(&project),
                ExportKind::KickoffCsv => csv::export_kickoff(&project),
                ExportKind::HandoverCsv => csv::export_handover(&project),
                ExportKind::ScenariosCsv => csv::export_scenarios(&project),
                ExportKind::ResultsCsv => csv::export_results(&project),
                ExportKind::Report { hide_names } => {
                    report::html_report(&project, today, ReportOptions { hide_names }).into_bytes()
                }
            };
            JobResult::Exported {
                result: crate::storage::atomic_write(&job_path, &bytes),
                path: job_path,
            }
        });
    }

    pub(super) fn on_interop_job(&mut self, result: JobResult) {
        match result {
            JobResult::PickedImport(picked) => match picked {
                DialogResult::Picked(path) => self.start_csv_import(path),
                DialogResult::Cancelled => {}
                DialogResult::Unavailable => {
                    self.dialog = Some(Dialog::PathEntry {
                        purpose: PathPurpose::ImportCsv,
                        text: String::new(),
                    })
                }
            },
            JobResult::CsvRead { path, result } => match result {
                Ok(table) => {
                    self.status = None;
                    self.import = Some(ImportState::new(path, table));
                }
                Err(reason) => {
                    self.dialog = Some(Dialog::Error {
                        title: "The spreadsheet could not be read".into(),
                        message: format!("\"{}\": {reason}.", path.display()),
                    })
                }
            },
            JobResult::PickedExport { kind, picked } => match picked {
                DialogResult::Picked(path) => self.start_export(kind, path),
                DialogResult::Cancelled => {}
                DialogResult::Unavailable => {
                    self.dialog = Some(Dialog::PathEntry {
                        purpose: PathPurpose::Export(kind),
                        text: String::new(),
                    })
                }
            },
            JobResult::Exported { path, result } => match result {
                Ok(()) => self.info(format!("Exported {}.", path.display())),
                Err(err) => {
                    self.dialog = Some(Dialog::Error {
                        title: "The export was not written".into(),
                        message: err.to_string(),
                    })
                }
            },
            _ => unreachable!("only interop jobs come here"),
        }
    }
}
