//! Application state: the open document, what is shown, commands, undo and background jobs.
//! The UI reads this state and pushes [`Command`]s; [`StewardApp::execute`] applies them.

mod changes;
mod command;
mod copies;
mod derived;
mod dialog;
mod document;
mod ending;
mod files;
mod inbox;
mod interop;
mod jobs;
mod meeting;
mod prefs;
pub mod present;
pub mod startup;
mod sync;
mod undo;
mod view;

use std::path::PathBuf;

pub use command::{Action, Answer, Command, DiscardChoice, PresentStep};
pub use derived::{Counts, Derived, DueItem};
pub use dialog::{AfterSave, Dialog, PathPurpose, StatusMessage};
pub use document::Document;
pub use files::preload;
pub use inbox::{CommandSender, Inbox};
pub use interop::{ExportKind, ImportChange, ImportState, is_workbook, read_sheets};
pub use jobs::{DialogResult, JobDone, JobResult, Jobs};
pub use meeting::{MeetingClock, clock_text, wall_now};
pub use prefs::{Prefs, Theme, UserDirs};
pub use sync::{PendingMerge, Sync};
pub use undo::{CoalesceKey, UndoStack};
pub use view::{
    FocusTarget, KickoffView, Panel, Selection, StakeholderView, TableView, TimelineLayout, TimelineView, ViewState,
    panel_for,
};

use crate::model::{Edit, RecordKey, delete, record_name, references};
use crate::storage;

/// How the app is started: which file, and where per-user files live.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    pub file: Option<PathBuf>,
    pub dirs: UserDirs,
}

/// The whole application. `eframe::App` is implemented for it in [`crate::ui`].
pub struct StewardApp {
    pub doc: Document,
    pub view: ViewState,
    pub derived: Derived,
    pub prefs: Prefs,
    pub dirs: UserDirs,
    pub dialog: Option<Dialog>,
    pub status: Option<StatusMessage>,
    pub jobs: Jobs,
    /// Every change arrives here as a command, applied after the frame.
    pub inbox: Inbox,
    /// Set once the user agreed to close (or nothing was unsaved).
    pub close_allowed: bool,
    /// Set when the app wants the window closed; the UI sends the viewport command.
    pub close_requested: bool,
    /// The last title sent to the window, to send it again only when it changes.
    pub shown_title: String,
    /// Identifies this running Steward in lock files.
    pub instance: String,
    /// A project read from disk that waits for the user's answer about its lock.
    pub pending_open: Option<files::PendingOpen>,
    /// When the next recovery copy of unsaved work is due.
    pub recovery_due: Option<std::time::Instant>,
    /// A spreadsheet import waiting for the owner's confirmation.
    pub import: Option<ImportState>,
    /// The list the next spreadsheet read is imported into, when an action chose one.
    pub import_target: Option<crate::interop::import::ImportList>,
    /// Meeting mode, while it runs.
    pub present: Option<present::Presentation>,
    /// The clock of the meeting presented last (kept when the presentation ends, so the same
    /// meeting presented again carries on).
    pub clock: Option<MeetingClock>,
    /// Full screen on or off, for the window to apply (meeting mode starts and ends it).
    pub fullscreen_request: Option<bool>,
    /// The theme and zoom last applied to the window, to apply them again only on change.
    pub applied_look: Option<(Theme, f32)>,
    /// Watching the open file, and merges waiting for the user.
    pub sync: Sync,
    /// The start-up probe's view of the first frames (idle unless it is turned on).
    pub startup: startup::FrameWatch,
    /// The file the app was started with, until it is read: the window says it is opening it
    /// rather than show another project meanwhile.
    pub opening: Option<PathBuf>,
}

impl StewardApp {
    /// Creates the app; reads preferences and starts loading `options.file` in the background.
    pub fn new(options: AppOptions) -> Self {
        let prefs = options.dirs.config.as_deref().map(Prefs::load).unwrap_or_default();
        let inbox = Inbox::default();
        let mut app = StewardApp {
            doc: Document::from_template(),
            view: ViewState::default(),
            derived: Derived::default(),
            prefs,
            dirs: options.dirs,
            dialog: None,
            status: None,
            jobs: Jobs::new(inbox.sender()),
            inbox,
            close_allowed: false,
            close_requested: false,
            shown_title: String::new(),
            instance: uuid::Uuid::new_v4().to_string(),
            pending_open: None,
            recovery_due: None,
            import: None,
            import_target: None,
            present: None,
            clock: None,
            fullscreen_request: None,
            applied_look: None,
            sync: Sync::default(),
            startup: startup::FrameWatch::default(),
            opening: None,
        };
        if let Some(file) = options.file {
            app.opening = Some(file.clone());
            app.start_load(file);
        } else if let Some(last) = app.prefs.recent.first().cloned() {
            app.reopen_if_present(last);
        }
        app.check_for_recoveries();
        app.derived.refresh(&app.doc.project, app.doc.generation, today());
        startup::mark("app created");
        app
    }

    /// True while a dialog or file operation runs in the background.
    pub fn is_busy(&self) -> bool {
        self.jobs.running() > 0
    }

    /// The title of a window started with `file` (or without), before anything happened in it.
    pub fn new_title(file: Option<&std::path::Path>) -> String {
        match file.and_then(std::path::Path::file_name) {
            Some(name) => format!("{} — Steward", name.to_string_lossy()),
            None => "Untitled — Steward".to_string(),
        }
    }

    /// The window title: file name, a mark for unsaved changes, read-only state.
    pub fn title(&self) -> String {
        if self.opening.is_some() {
            return Self::new_title(self.opening.as_deref());
        }
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        let read_only = if self.doc.read_only { " [read-only]" } else { "" };
        format!("{dirty}{}{read_only} — Steward", self.doc.display_name())
    }

    /// Sends a command to the app's own inbox.
    pub fn push(&self, command: Command) {
        self.inbox.sender().send(command);
    }

    /// Applies the commands in the inbox in the order they were sent (including any that
    /// applying them sends), then refreshes the derived figures. Returns how many were applied.
    pub fn process(&mut self) -> usize {
        let mut applied = 0;
        while let Some(command) = self.inbox.next() {
            self.execute(command);
            applied += 1;
        }
        self.derived.refresh(&self.doc.project, self.doc.generation, today());
        applied
    }

    pub fn execute(&mut self, command: Command) {
        match command {
            Command::Action(action) => self.run_action(action),
            Command::OpenPath(path) => self.ask_then(AfterSave::OpenPath(path)),
            Command::SaveAsPath(path) => {
                let path = storage::naming::with_project_extension(path);
                self.start_save(path, false, AfterSave::Nothing)
            }
            Command::Edit { edit, label, coalesce } => self.apply_edit(edit, &label, coalesce),
            Command::Select(selection) => {
                self.view.panel = view::panel_for(selection);
                if let Selection::Area(_) = selection {
                    self.view.stakeholder_view = StakeholderView::Raci;
                }
                self.view.selection = Some(selection);
                self.view.scroll_to_selection = true;
            }
            Command::Deselect => self.view.selection = None,
            Command::Focus(target) => self.view.focus = Some(target),
            Command::ShowPanel(panel) => self.view.panel = panel,
            Command::NewFromTemplate(name) => self.ask_then(AfterSave::NewFromTemplate(name)),
            Command::Delete(key) => self.delete_record(key),
            Command::Export(kind) => self.show_export_dialog(kind),
            Command::ExportTo(kind, path) => self.start_export(kind, path),
            Command::ImportFrom(path) => self.start_import(path),
            Command::ConfirmImport => self.confirm_import(),
            Command::CancelImport => self.import = None,
            Command::ResolveDiscard(choice) => self.resolve_discard(choice),
            Command::DismissDialog => self.dialog = None,
            Command::DismissMessage => self.status = None,
            Command::Notify(text) => self.info(text),
            Command::Answer(answer) => self.answer(answer),
            Command::ShowDialog(dialog) => self.dialog = Some(dialog),
            Command::ChangeImport(change) => self.change_import(change),
            Command::SetTheme(theme) => self.set_theme(theme),
            Command::SetPresentHideNames(hide) => {
                self.prefs.present_hide_names = hide;
                self.store_prefs();
            }
            Command::Present(step) => self.present_step(step),
            Command::End(request) => self.end_now(request),
            Command::FileChanged { watch, seen } => self.on_file_changed(watch, *seen),
            Command::JobDone(JobDone(result)) => {
                self.jobs.finished_one();
                self.on_job_finished(*result);
            }
        }
    }

    fn answer(&mut self, answer: Answer) {
        match answer {
            Answer::OpenPendingReadOnly => self.open_pending_read_only(),
            Answer::OpenPendingAsCopy => self.open_pending_as_copy(),
            Answer::CancelPendingOpen => self.cancel_pending_open(),
            Answer::EditPendingAnyway => self.edit_pending_anyway(),
            Answer::RestoreRecovery(entry) => self.restore_recovery(entry),
            Answer::DiscardRecovery(entry) => self.discard_recovery(&entry),
            sync => self.answer_sync(sync),
        }
    }

    fn run_action(&mut self, action: Action) {
        match action {
            Action::New => self.ask_then(AfterSave::New),
            Action::Open => self.ask_then(AfterSave::ShowOpenDialog),
            Action::Save => self.save(AfterSave::Nothing),
            Action::SaveAs => self.show_save_dialog(),
            Action::ImportCsv => self.show_import_dialog(None),
            Action::ImportScenariosCsv => self.show_import_dialog(Some(crate::interop::import::ImportList::Scenarios)),
            Action::Quit => self.ask_then(AfterSave::Quit),
            Action::Undo => {
                if let Some(label) = self.doc.undo() {
                    self.info(format!("Undid: {label}"));
                }
            }
            Action::Redo => {
                if let Some(label) = self.doc.redo() {
                    self.info(format!("Redid: {label}"));
                }
            }
            Action::DeleteSelected => {
                if let Some(key) = self.view.selection {
                    self.delete_record(key);
                }
            }
            Action::Present => self.start_presentation(),
            Action::PresenterView => self.start_presenter_view(),
            Action::ZoomIn | Action::ZoomOut | Action::ZoomReset => {
                self.prefs.zoom = match action {
                    Action::ZoomIn => prefs::step_zoom(self.prefs.zoom, 1),
                    Action::ZoomOut => prefs::step_zoom(self.prefs.zoom, -1),
                    _ => 1.0,
                };
                self.store_prefs();
            }
            Action::ShowOverview => self.view.panel = Panel::Overview,
            Action::ShowStakeholders => self.view.panel = Panel::Stakeholders,
            Action::ShowKickoff => self.view.panel = Panel::Kickoff,
            Action::ShowExitPlan => self.view.panel = Panel::ExitPlan,
            Action::ShowTests => self.view.panel = Panel::Tests,
            Action::WhatChanged => self.dialog = Some(Dialog::WhatChanged),
        }
    }

    /// Whether an action can run now (menus grey out the others).
    pub fn is_enabled(&self, action: Action) -> bool {
        match action {
            Action::Save | Action::ImportCsv | Action::ImportScenariosCsv => !self.doc.read_only,
            Action::Undo => !self.doc.read_only && self.doc.undo.undo_label().is_some(),
            Action::Redo => !self.doc.read_only && self.doc.undo.redo_label().is_some(),
            Action::DeleteSelected => !self.doc.read_only && self.view.selection.is_some(),
            Action::WhatChanged => self.doc.path.is_some(),
            _ => true,
        }
    }

    pub fn start_presentation(&mut self) {
        let mut present = present::Presentation::new(self.view.panel, self.prefs.present_hide_names);
        present.meeting = self.meeting_to_present();
        self.present = Some(present);
        self.follow_slide();
        self.fullscreen_request = Some(true);
    }

    /// Leaves meeting mode and returns to the panel the owner was on.
    pub fn end_presentation(&mut self) {
        self.close_clock();
        if let Some(present) = self.present.take() {
            self.view.panel = present.return_to;
            if present.hide_names != self.prefs.present_hide_names {
                self.prefs.present_hide_names = present.hide_names;
                self.store_prefs();
            }
        }
        self.fullscreen_request = Some(false);
    }

    /// Changes the window's theme and remembers it.
    pub fn set_theme(&mut self, theme: Theme) {
        self.prefs.theme = theme;
        self.store_prefs();
    }

    /// Deletes a record of any kind; when others refer to it, lists them and asks first.
    fn delete_record(&mut self, key: RecordKey) {
        let project = &self.doc.project;
        let Some(name) = record_name(project, key) else { return };
        let title = format!("Delete {} \"{name}\"?", key.noun());
        let (edit, references) = (delete(project, key), references(project, key));
        self.confirm_or_apply(title, references, edit, &format!("Delete {}", key.noun()));
    }

    fn apply_edit(&mut self, edit: Edit, label: &str, coalesce: Option<CoalesceKey>) {
        if self.doc.read_only {
            self.error("This project is open read-only: use Save as… to keep your own copy.");
            return;
        }
        let typing = coalesce.is_some();
        match self.doc.apply(edit, label, coalesce) {
            // The status follows what was just done; while typing, an older note just goes.
            Ok(()) if typing => self.status = None,
            Ok(()) => self.info(format!("{label}. Ctrl+Z undoes it.")),
            Err(err) => self.error(format!("{label} failed: {err}.")),
        }
    }

    fn confirm_or_apply(&mut self, title: String, references: Vec<String>, edit: Edit, label: &str) {
        if references.is_empty() {
            self.apply_edit(edit, label, None);
            self.view.selection = None;
        } else {
            self.dialog = Some(Dialog::ConfirmDelete {
                title,
                references,
                edit,
                label: label.to_string(),
            });
        }
    }

    /// Runs `then` now, or first asks what to do with unsaved changes.
    fn ask_then(&mut self, then: AfterSave) {
        if self.doc.is_dirty() && !self.doc.read_only {
            self.dialog = Some(Dialog::UnsavedChanges { then });
        } else {
            self.continue_with(then);
        }
    }

    fn resolve_discard(&mut self, choice: DiscardChoice) {
        let Some(Dialog::UnsavedChanges { then }) = self.dialog.take() else {
            return;
        };
        match choice {
            DiscardChoice::Save => self.save(then),
            DiscardChoice::Discard => {
                self.remove_recovery_in_background(self.doc.path.clone());
                self.continue_with(then);
            }
            DiscardChoice::Cancel => {}
        }
    }

    fn continue_with(&mut self, then: AfterSave) {
        match then {
            AfterSave::Nothing => {}
            AfterSave::New => self.continue_with(AfterSave::NewFromTemplate("standard")),
            AfterSave::NewFromTemplate(name) => {
                let Some(project) = crate::model::template::from_template(name) else {
                    return;
                };
                self.replace_document(Document::new_untitled(project));
                self.info("New project. Next: add the stakeholders, name the system owner and set the dates.");
            }
            AfterSave::ShowOpenDialog => self.show_open_dialog(),
            AfterSave::OpenPath(path) => self.start_load(path),
            AfterSave::Quit => {
                self.close_allowed = true;
                self.close_requested = true;
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        let generation = self.doc.generation + doc.generation;
        let mut old = std::mem::replace(&mut self.doc, doc);
        files::release_in_background(old.lock.take());
        self.sync.forget();
        self.recovery_due = None;
        // Keep generations increasing across documents so caches never mistake one for another.
        self.doc.generation = generation;
        self.view.selection = None;
    }

    /// Opens the project worked on last, if it is still there; otherwise the new project stays.
    /// The check runs off the UI thread (the share may be slow or gone).
    fn reopen_if_present(&self, path: PathBuf) {
        let sender = self.inbox.sender();
        std::thread::spawn(move || {
            if path.is_file() {
                sender.send(Command::OpenPath(path));
            }
        });
    }

    /// Writes preferences on a background thread; failures only cost the recent-files list.
    pub fn store_prefs(&self) {
        if let Some(dir) = self.dirs.config.clone() {
            let prefs = self.prefs.clone();
            std::thread::spawn(move || {
                if let Err(err) = prefs.store(&dir) {
                    log::warn!("could not store preferences in {}: {err}", dir.display());
                }
            });
        }
    }
}

/// Today's date on this computer.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

impl StewardApp {
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            is_error: true,
        });
    }
}
