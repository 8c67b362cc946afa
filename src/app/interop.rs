//! Spreadsheet import and the exports, as the app runs them: dialogs and file I/O in background
//! jobs, the import shown as a preview the owner confirms, applied as one undoable edit.

use std::path::PathBuf;

use super::jobs::{self, DialogResult, JobResult};
use super::{Command, Dialog, PathPurpose, StewardApp, today};
use crate::interop::csv::{self, Field, RowResult, ScenarioField, ScenarioRow, Table};
use crate::interop::report::{self, ReportOptions};
use crate::model::Project;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    StakeholdersCsv,
    KickoffCsv,
    HandoverCsv,
    ScenariosCsv,
    ResultsCsv,
    Report {
        hide_names: bool,
    },
    /// A meeting's minutes as HTML (File › Export › Meeting minutes).
    Minutes {
        meeting: crate::model::MeetingId,
        hide_names: bool,
    },
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
            ExportKind::Minutes { hide_names: false, .. } => "Meeting minutes as HTML…",
            ExportKind::Minutes { hide_names: true, .. } => "Meeting minutes as HTML, without names…",
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
            ExportKind::Minutes { .. } => format!("{base} - minutes.html"),
        }
    }
}

/// What a spreadsheet import adds to the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportTarget {
    #[default]
    Stakeholders,
    /// Test cases: scenarios, with results in rounds that columns are named after.
    Scenarios,
}

/// A spreadsheet of test cases being imported: the mapping and each row's fate.
#[derive(Debug, Clone)]
pub struct ScenarioImport {
    pub options: Vec<ScenarioField>,
    pub mapping: Vec<ScenarioField>,
    pub rows: Vec<ScenarioRow>,
}

/// A spreadsheet being imported: the owner adjusts the mapping and sees every row's fate.
#[derive(Debug, Clone)]
pub struct ImportState {
    pub path: PathBuf,
    pub table: Table,
    pub mapping: Vec<Field>,
    pub rows: Vec<RowResult>,
    /// Set when the spreadsheet holds test scenarios rather than stakeholders.
    pub scenarios: Option<ScenarioImport>,
}

/// One row of the preview, whatever is imported: its number, its name, what is wrong.
pub struct PreviewRow<'a> {
    pub row: usize,
    pub name: &'a str,
    pub problems: &'a [String],
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
            scenarios: None,
        }
    }

    /// A spreadsheet of test cases for `project`.
    pub fn scenarios(path: PathBuf, table: Table, project: &Project) -> Self {
        let mapping = csv::guess_scenario_mapping(project, &table.headers);
        let rows = csv::preview_scenarios(project, &table, &mapping);
        ImportState {
            scenarios: Some(ScenarioImport {
                options: ScenarioField::options(project),
                mapping,
                rows,
            }),
            mapping: Vec::new(),
            rows: Vec::new(),
            path,
            table,
        }
    }

    /// What one imported row is called.
    pub fn noun(&self) -> &'static str {
        if self.scenarios.is_some() {
            "test scenario"
        } else {
            "stakeholder"
        }
    }

    /// The labels of the fields a column can fill, in the order of [`ImportState::chosen`].
    pub fn option_labels(&self, project: &Project) -> Vec<String> {
        match &self.scenarios {
            Some(s) => s.options.iter().map(|f| f.label(project)).collect(),
            None => Field::ALL.iter().map(|f| f.label().to_string()).collect(),
        }
    }

    /// The option a column fills now.
    pub fn chosen(&self, column: usize) -> usize {
        match &self.scenarios {
            Some(s) => s
                .mapping
                .get(column)
                .and_then(|f| s.options.iter().position(|o| o == f))
                .unwrap_or(0),
            None => self
                .mapping
                .get(column)
                .and_then(|f| Field::ALL.iter().position(|o| o == f))
                .unwrap_or(0),
        }
    }

    /// Makes `column` fill option number `option`, and recomputes the preview.
    pub fn choose(&mut self, column: usize, option: usize, project: &Project) {
        match &mut self.scenarios {
            Some(s) => {
                if let (Some(slot), Some(field)) = (s.mapping.get_mut(column), s.options.get(option)) {
                    *slot = *field;
                    s.rows = csv::preview_scenarios(project, &self.table, &s.mapping);
                }
            }
            None => {
                if let Some(field) = Field::ALL.get(option) {
                    self.set_field(column, *field);
                }
            }
        }
    }

    /// Every row for the preview, with the name as written (also on rows with problems).
    pub fn preview_rows(&self) -> Vec<PreviewRow<'_>> {
        // Each kind of import: its rows' numbers and problems, and the column holding the name.
        let (rows, name_column): (Vec<(usize, &[String])>, _) = match &self.scenarios {
            Some(s) => (
                s.rows.iter().map(|r| (r.row, r.problems.as_slice())).collect(),
                s.mapping.iter().position(|f| *f == ScenarioField::Title),
            ),
            None => (
                self.rows.iter().map(|r| (r.row, r.problems.as_slice())).collect(),
                self.mapping.iter().position(|f| *f == Field::Name),
            ),
        };
        rows.into_iter()
            .zip(&self.table.rows)
            .map(|((row, problems), (_, cells))| PreviewRow {
                row,
                name: name_column.and_then(|c| cells.get(c)).map_or("", String::as_str),
                problems,
            })
            .collect()
    }

    pub fn row_count(&self) -> usize {
        self.scenarios.as_ref().map_or(self.rows.len(), |s| s.rows.len())
    }

    /// Changes which field a column fills, and recomputes the preview.
    pub fn set_field(&mut self, column: usize, field: Field) {
        if let Some(slot) = self.mapping.get_mut(column) {
            *slot = field;
            self.rows = csv::preview(&self.table, &self.mapping);
        }
    }

    pub fn ready(&self) -> usize {
        match &self.scenarios {
            Some(s) => s.rows.iter().filter(|r| r.scenario.is_some()).count(),
            None => self.rows.iter().filter(|r| r.stakeholder.is_some()).count(),
        }
    }
}

impl StewardApp {
    pub(super) fn show_import_dialog(&mut self, target: ImportTarget) {
        self.import_target = target;
        let title = match target {
            ImportTarget::Stakeholders => "Import stakeholders from a spreadsheet",
            ImportTarget::Scenarios => "Import test scenarios from a spreadsheet",
        };
        let native = self.jobs.native_dialogs();
        self.jobs.spawn(move || {
            let dialog = rfd::FileDialog::new()
                .set_title(title)
                .add_filter("CSV", &["csv", "txt"])
                .add_filter("All files", &["*"]);
            JobResult::PickedImport(jobs::run_dialog(native, || dialog.pick_file()))
        });
    }

    /// Reads and parses a CSV file in the background, then shows the import preview.
    pub fn start_csv_import(&mut self, path: PathBuf) {
        let job_path = path.clone();
        self.jobs.spawn(move || {
            // A pipe, a device or a huge file is refused at once, never read or waited on.
            let result = crate::storage::format::read_bounded(&job_path, crate::storage::format::MAX_PROJECT_BYTES)
                .and_then(|bytes| csv::parse(&bytes));
            JobResult::CsvRead { path: job_path, result }
        });
        self.info(format!("Reading {}…", path.display()));
    }

    pub(super) fn map_import_option(&mut self, column: usize, option: usize) {
        if let Some(import) = self.import.as_mut() {
            import.choose(column, option, &self.doc.project);
        }
    }

    pub(super) fn map_import_column(&mut self, column: usize, field: Field) {
        if let Some(import) = self.import.as_mut() {
            import.set_field(column, field);
        }
    }

    /// Adds the good rows of the import as one undoable step.
    pub fn confirm_import(&mut self) {
        let Some(import) = self.import.take() else { return };
        if let Some(scenarios) = &import.scenarios {
            let (edit, count) = csv::import_scenarios_edit(&self.doc.project, &scenarios.rows);
            let skipped = scenarios.rows.len() - count;
            if count > 0 {
                self.execute(Command::edit(edit, format!("Import {count} test scenarios")));
            }
            self.info(format!(
                "Imported {count} test scenario(s) from {}; {skipped} row(s) skipped.",
                import.path.display()
            ));
            return;
        }
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
        let native = self.jobs.native_dialogs();
        self.jobs.spawn(move || {
            let (filter, ext) = match kind {
                ExportKind::Report { .. } => ("HTML report", "html"),
                ExportKind::Minutes { .. } => ("HTML minutes", "html"),
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
                picked: jobs::run_dialog(native, || dialog.save_file()),
            }
        });
    }

    /// Writes an export in the background.
    pub fn start_export(&mut self, kind: ExportKind, path: PathBuf) {
        if let ExportKind::Minutes { meeting, .. } = kind
            && self.doc.project.meeting(meeting).is_none()
        {
            self.error("The minutes were not written: that meeting no longer exists.");
            return;
        }
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
                ExportKind::Minutes { meeting, hide_names } => {
                    crate::interop::minutes::html_minutes(&project, meeting, today, ReportOptions { hide_names })
                        .unwrap_or_default()
                        .into_bytes()
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
                    self.import = Some(match self.import_target {
                        ImportTarget::Stakeholders => ImportState::new(path, table),
                        ImportTarget::Scenarios => ImportState::scenarios(path, table, &self.doc.project),
                    });
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
