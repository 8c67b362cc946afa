//! Work that must not run on the UI thread: native dialogs and file I/O. Each job runs on its
//! own thread and reports back through the app's command inbox.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::model::Project;
use crate::storage::recovery::RecoveryEntry;
use crate::storage::{LoadError, LockGuard, LockRefused, Opened, SaveFailure, Saved};

use super::AfterSave;
use super::command::Command;
use super::inbox::CommandSender;

/// A native dialog that closes faster than this was not seen by anyone: no dialog service answered.
const DIALOG_TOO_FAST: Duration = Duration::from_millis(250);

#[derive(Debug)]
pub enum DialogResult {
    Picked(PathBuf),
    Cancelled,
    /// No native dialog could be shown (for example no desktop portal is running).
    Unavailable,
}

pub enum JobResult {
    PickedOpen(DialogResult),
    PickedSaveAs(DialogResult),
    /// A file was read; `lock` is the attempt to lock it (none when reading failed).
    Loaded {
        path: PathBuf,
        result: Result<Opened, LoadError>,
        lock: Option<Result<LockGuard, LockRefused>>,
        /// The revision this user saw last time (from the local data folder), if any.
        last_seen: Option<String>,
        /// The project's figures, computed with the read (none when it failed).
        derived: Option<Box<super::Derived>>,
    },
    /// A save finished; `lock` is the new file's lock after a Save As.
    Saved {
        path: PathBuf,
        result: Result<Saved, SaveFailure>,
        saved_step: u64,
        then: AfterSave,
        lock: Option<LockGuard>,
    },
    /// What a merge into the open project starts from: their version (read after a save found
    /// the file changed, or the one the banner offered) and the base, unpacked.
    MergeInputs {
        path: PathBuf,
        theirs: Result<Box<Opened>, LoadError>,
        base: Result<Project, LoadError>,
        /// The merge came from a save: save afterwards, then do this. `None`: merge only.
        then: Option<AfterSave>,
    },
    /// The user chose to edit a file someone else has locked.
    ForcedLock {
        path: PathBuf,
        result: Result<LockGuard, LockRefused>,
    },
    /// Recovery copies found at start.
    Recoveries(Vec<RecoveryEntry>),
    Restored {
        entry: RecoveryEntry,
        result: Result<Project, LoadError>,
        lock: Option<Result<LockGuard, LockRefused>>,
        /// The original file's project id and history, which the next save continues.
        lineage: Option<crate::storage::Lineage>,
    },
    RecoveryWritten,
    /// Sync clients' conflicted copies found beside the file opened at `path`.
    ConflictCopies {
        path: PathBuf,
        found: Vec<crate::storage::conflict_copies::FoundCopy>,
    },
    /// A conflicted copy was deleted, or why not.
    CopyDeleted {
        path: PathBuf,
        result: Result<(), String>,
    },
    PickedImport(DialogResult),
    /// A spreadsheet was read: its sheets (one for CSV), or why not.
    SheetsRead {
        path: PathBuf,
        result: Result<Vec<(String, crate::interop::csv::Table)>, String>,
    },
    PickedExport {
        kind: super::ExportKind,
        picked: DialogResult,
    },
    Exported {
        path: PathBuf,
        /// Why the export was not written, in words.
        result: Result<(), String>,
    },
}

/// The running background jobs. Each reports back as a [`Command::JobDone`] through the app's
/// inbox, like every other change.
pub struct Jobs {
    sender: CommandSender,
    running: usize,
    native_dialogs: bool,
}

impl Jobs {
    pub fn new(sender: CommandSender) -> Self {
        Jobs {
            sender,
            running: 0,
            native_dialogs: true,
        }
    }

    pub fn spawn(&mut self, work: impl FnOnce() -> JobResult + Send + 'static) {
        let sender = self.sender.clone();
        self.running += 1;
        std::thread::spawn(move || sender.send(Command::JobDone(JobDone(Box::new(work())))));
    }

    /// Called for each job result the app takes from the inbox.
    pub fn finished_one(&mut self) {
        self.running = self.running.saturating_sub(1);
    }

    /// Whether file dialogs are the system's own (the default) or always the typed path.
    pub fn native_dialogs(&self) -> bool {
        self.native_dialogs
    }

    pub fn set_native_dialogs(&mut self, native: bool) {
        self.native_dialogs = native;
    }

    pub fn running(&self) -> usize {
        self.running
    }
}

/// A finished job's result, carried by a command.
pub struct JobDone(pub Box<JobResult>);

impl std::fmt::Debug for JobDone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JobDone(..)")
    }
}

/// Shows a native dialog on this (background) thread and tells "cancelled" from "no dialog at all".
/// With `native` false no dialog is shown at all, as where none is available: the user types
/// the path instead (the UI tests run that way, so that no real dialog can block them).
pub fn run_dialog(native: bool, show: impl FnOnce() -> Option<PathBuf>) -> DialogResult {
    if !native {
        return DialogResult::Unavailable;
    }
    let started = Instant::now();
    match show() {
        Some(path) => DialogResult::Picked(path),
        None if started.elapsed() < DIALOG_TOO_FAST => DialogResult::Unavailable,
        None => DialogResult::Cancelled,
    }
}

/// The file types Steward's dialogs offer.
pub fn project_dialog() -> rfd::FileDialog {
    rfd::FileDialog::new()
        .add_filter("Steward project", crate::storage::naming::PROJECT_EXTENSIONS)
        .add_filter("All files", &["*"])
}
