//! Spreadsheet import and the exports, as the app runs them: dialogs and file I/O in background
//! jobs, the import shown as a preview the owner confirms, applied as one undoable edit.

use std::path::PathBuf;

use super::jobs::{self, DialogResult, JobResult};
use super::{Command, Dialog, PathPurpose, StewardApp, today};
use crate::interop::csv::{self, Table};
use crate::interop::ics::{self, CalendarOptions};
use crate::interop::import::{ImportList, ImportRow, import_edit};
use crate::interop::report::{self, ReportOptions};
use crate::interop::xlsx;
use crate::model::schedule::ScheduleFilter;
use crate::model::{Project, StakeholderId};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    StakeholdersCsv,
    KickoffCsv,
    HandoverCsv,
    ScenariosCsv,
    ResultsCsv,
    /// The whole project as one workbook.
    Workbook {
        hide_names: bool,
    },
    /// The dated items as an iCalendar file: only open ones, only one person's.
    Calendar {
        open_only: bool,
        person: Option<StakeholderId>,
    },
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
        ExportKind::Workbook { hide_names: false },
        ExportKind::Workbook { hide_names: true },
        ExportKind::Calendar {
            open_only: false,
            person: None,
        },
        ExportKind::Calendar {
            open_only: true,
            person: None,
        },
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
            ExportKind::Workbook { hide_names: false } => "Whole project as an Excel workbook…",
            ExportKind::Workbook { hide_names: true } => "Whole project as an Excel workbook, without names…",
            ExportKind::Calendar { person: Some(_), .. } => "This person's dates as a calendar (.ics)…",
            ExportKind::Calendar { open_only: false, .. } => "Dates as a calendar (.ics)…",
            ExportKind::Calendar { open_only: true, .. } => "Open items' dates as a calendar (.ics)…",
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
            ExportKind::Workbook { .. } => format!("{base}.xlsx"),
            ExportKind::Calendar { .. } => format!("{base} - dates.ics"),
            ExportKind::Report { .. } => format!("{base} - report.html"),
            ExportKind::Minutes { .. } => format!("{base} - minutes.html"),
        }
    }
}

/// A spreadsheet being imported: the owner picks the list and the sheet, adjusts the mapping
/// and sees every row's fate.
#[derive(Debug, Clone)]
pub struct ImportState {
    pub path: PathBuf,
    /// The sheets of a workbook, or the one table of a CSV file.
    pub sheets: Vec<(String, Table)>,
    /// Whether the file is a workbook (its sheets can be chosen) rather than CSV.
    pub workbook: bool,
    pub sheet: usize,
    pub list: ImportList,
    /// For each column, the index of the field it fills in `list.fields()` (0: ignored).
    pub mapping: Vec<usize>,
    pub rows: Vec<ImportRow>,
}

impl ImportState {
    pub fn new(path: PathBuf, sheets: Vec<(String, Table)>, workbook: bool, project: &Project) -> Self {
        // A workbook Steward wrote names its sheets after the lists: start with the first of
        // those that is there, else the first sheet, as stakeholders.
        let found = ImportList::ALL.iter().find_map(|list| {
            sheets
                .iter()
                .position(|(name, _)| name == list.sheet_name())
                .map(|sheet| (*list, sheet))
        });
        let (list, sheet) = found.unwrap_or((ImportList::Stakeholders, 0));
        let mut state = ImportState {
            path,
            sheets,
            workbook,
            sheet,
            list,
            mapping: Vec::new(),
            rows: Vec::new(),
        };
        state.guess(project);
        state
    }

    pub fn table(&self) -> &Table {
        &self.sheets[self.sheet].1
    }

    fn guess(&mut self, project: &Project) {
        self.mapping = self.list.guess(&self.sheets[self.sheet].1.headers, project);
        self.refresh(project);
    }

    fn refresh(&mut self, project: &Project) {
        self.rows = self.list.preview(&self.sheets[self.sheet].1, &self.mapping, project);
    }

    /// Changes which field a column fills, and recomputes the preview.
    pub fn set_field(&mut self, column: usize, field: usize, project: &Project) {
        if let Some(slot) = self.mapping.get_mut(column) {
            *slot = field;
            self.refresh(project);
        }
    }

    /// Imports into another list; a workbook switches to that list's sheet when it has one.
    pub fn set_list(&mut self, list: ImportList, project: &Project) {
        self.list = list;
        if let Some(sheet) = self.sheets.iter().position(|(name, _)| name == list.sheet_name()) {
            self.sheet = sheet;
        }
        self.guess(project);
    }

    pub fn set_sheet(&mut self, sheet: usize, project: &Project) {
        if sheet < self.sheets.len() {
            self.sheet = sheet;
            self.guess(project);
        }
    }

    pub fn ready(&self) -> usize {
        self.rows.iter().filter(|r| r.is_ready()).count()
    }
}

/// Whether a file is a workbook, by its name: `.xlsx`, `.xlsm`, `.xls` or `.ods`.
pub fn is_workbook(path: &std::path::Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods")
}

/// Reads a CSV file or a workbook into its sheets (call on a background thread).
pub fn read_sheets(path: &std::path::Path) -> Result<Vec<(String, Table)>, String> {
    // A pipe, a device or a huge file is refused at once, never read or waited on.
    let bytes = crate::storage::format::read_bounded(path, crate::storage::format::MAX_PROJECT_BYTES)?;
    if is_workbook(path) {
        xlsx::read_workbook(bytes)
    } else {
        csv::parse(&bytes).map(|table| vec![(String::new(), table)])
    }
}

impl StewardApp {
    /// Asks for the spreadsheet to import; `list` preselects what it fills (the owner can still
    /// change it in the preview).
    pub(super) fn show_import_dialog(&mut self, list: Option<ImportList>) {
        self.import_target = list;
        let title = match list {
            Some(ImportList::Scenarios) => "Import test scenarios from a spreadsheet",
            _ => "Import from a spreadsheet",
        };
        let native = self.jobs.native_dialogs();
        self.jobs.spawn(move || {
            let dialog = rfd::FileDialog::new()
                .set_title(title)
                .add_filter("Spreadsheets", &["csv", "txt", "xlsx", "xlsm", "xls", "ods"])
                .add_filter("CSV", &["csv", "txt"])
                .add_filter("Workbooks", &["xlsx", "xlsm", "xls", "ods"])
                .add_filter("All files", &["*"]);
            JobResult::PickedImport(jobs::run_dialog(native, || dialog.pick_file()))
        });
    }

    /// Reads a CSV file or a workbook in the background, then shows the import preview.
    pub fn start_import(&mut self, path: PathBuf) {
        let job_path = path.clone();
        self.jobs.spawn(move || {
            let result = read_sheets(&job_path);
            JobResult::SheetsRead { path: job_path, result }
        });
        self.info(format!("Reading {}…", path.display()));
    }

    pub(super) fn change_import(&mut self, change: ImportChange) {
        let project = &self.doc.project;
        if let Some(import) = self.import.as_mut() {
            match change {
                ImportChange::Field { column, field } => import.set_field(column, field, project),
                ImportChange::List(list) => import.set_list(list, project),
                ImportChange::Sheet(sheet) => import.set_sheet(sheet, project),
            }
        }
    }

    /// Adds the good rows of the import as one undoable step.
    pub fn confirm_import(&mut self) {
        let Some(import) = self.import.take() else { return };
        // Names are resolved again against the project as it is now.
        let rows = import.list.preview(import.table(), &import.mapping, &self.doc.project);
        let (edit, count) = import_edit(&self.doc.project, &rows);
        let skipped = rows.len() - count;
        let noun = import.list.noun();
        let results: usize = rows
            .iter()
            .filter(|r| r.is_ready() && r.adds_to.is_some())
            .map(|r| r.results.len())
            .sum();
        let added = count - rows.iter().filter(|r| r.is_ready() && r.adds_to.is_some()).count();
        let what = if results > 0 {
            format!("{added} {noun}(s) and {results} result(s)")
        } else {
            format!("{added} {noun}(s)")
        };
        if count > 0 {
            self.execute(Command::edit(edit, format!("Import {what}")));
        }
        self.info(format!(
            "Imported {what} from {}; {skipped} row(s) skipped.",
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
                ExportKind::Workbook { .. } => ("Excel workbook", "xlsx"),
                ExportKind::Calendar { .. } => ("iCalendar", "ics"),
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
                ExportKind::StakeholdersCsv => Ok(csv::export_stakeholders(&project)),
                ExportKind::KickoffCsv => Ok(csv::export_kickoff(&project)),
                ExportKind::HandoverCsv => Ok(csv::export_handover(&project)),
                ExportKind::ScenariosCsv => Ok(csv::export_scenarios(&project)),
                ExportKind::ResultsCsv => Ok(csv::export_results(&project)),
                ExportKind::Workbook { hide_names } => {
                    xlsx::export_workbook_with(&project, today, xlsx::WorkbookOptions { hide_names })
                }
                ExportKind::Calendar { open_only, person } => {
                    let options = CalendarOptions {
                        filter: ScheduleFilter { person, open_only },
                        hide_names: false,
                    };
                    Ok(ics::calendar(&project, options, chrono::Utc::now()))
                }
                ExportKind::Report { hide_names } => {
                    Ok(report::html_report(&project, today, ReportOptions { hide_names }).into_bytes())
                }
                ExportKind::Minutes { meeting, hide_names } => {
                    crate::interop::minutes::html_minutes(&project, meeting, today, ReportOptions { hide_names })
                        .map(String::into_bytes)
                        .ok_or_else(|| "that meeting no longer exists".to_string())
                }
            };
            let result =
                bytes.and_then(|bytes| crate::storage::atomic_write(&job_path, &bytes).map_err(|e| e.to_string()));
            JobResult::Exported { result, path: job_path }
        });
    }

    pub(super) fn on_interop_job(&mut self, result: JobResult) {
        match result {
            JobResult::PickedImport(picked) => match picked {
                DialogResult::Picked(path) => self.start_import(path),
                DialogResult::Cancelled => {}
                DialogResult::Unavailable => {
                    self.dialog = Some(Dialog::PathEntry {
                        purpose: PathPurpose::ImportCsv,
                        text: String::new(),
                    })
                }
            },
            JobResult::SheetsRead { path, result } => match result {
                Ok(sheets) => {
                    self.status = None;
                    let workbook = is_workbook(&path);
                    let mut import = ImportState::new(path, sheets, workbook, &self.doc.project);
                    if let Some(list) = self.import_target.take() {
                        import.set_list(list, &self.doc.project);
                    }
                    self.import = Some(import);
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
                        message: err,
                    })
                }
            },
            _ => unreachable!("only interop jobs come here"),
        }
    }
}

/// A change in the import preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportChange {
    /// Fill field `field` (an index into the list's fields; 0 ignores) from column `column`.
    Field {
        column: usize,
        field: usize,
    },
    List(ImportList),
    Sheet(usize),
}
