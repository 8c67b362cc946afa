//! Opening and saving, with the care a shared drive needs: lock files, read-only opening,
//! conflict checks, and recovery copies of unsaved work. All file I/O runs in background jobs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::jobs::{self, DialogResult, JobResult};
use super::{AfterSave, Dialog, Document, PathPurpose, StewardApp};
use crate::storage::recovery::{self, RecoveryEntry};
use crate::storage::{self, LoadError, LockRefused, SaveFailure};

/// The file the app was started with, being read since before the window opened.
struct Preloaded {
    path: PathBuf,
    reading: std::thread::JoinHandle<Result<storage::Opened, LoadError>>,
}

static PRELOADED: std::sync::Mutex<Option<Preloaded>> = std::sync::Mutex::new(None);

/// Starts reading `path` on a thread of its own at once, before the window and OpenGL start
/// (which takes about as long as parsing a large project), instead of once the app exists.
/// The app's first load of `path` takes the result over (and only then takes the lock); nothing
/// of it is shown before that.
pub fn preload(path: PathBuf) {
    let job_path = path.clone();
    let spawned = std::thread::Builder::new()
        .name("steward-preload".into())
        .spawn(move || storage::open_project(&job_path));
    if let (Ok(reading), Ok(mut slot)) = (spawned, PRELOADED.lock()) {
        *slot = Some(Preloaded { path, reading });
    }
}

/// The preloaded read of `path`, if one was started.
fn take_preloaded(path: &Path) -> Option<std::thread::JoinHandle<Result<storage::Opened, LoadError>>> {
    let mut slot = PRELOADED.lock().ok()?;
    if slot.as_ref().is_some_and(|p| p.path == path) {
        slot.take().map(|p| p.reading)
    } else {
        None
    }
}

/// A project that was read but not yet shown, because its lock needs the user's decision.
pub struct PendingOpen {
    pub path: PathBuf,
    pub opened: storage::Opened,
    /// Its figures, computed in the background with the read.
    pub derived: Option<Box<super::Derived>>,
    /// The revision this user saw last time, from the local data folder.
    pub last_seen: Option<String>,
}

impl StewardApp {
    pub(super) fn show_open_dialog(&mut self) {
        let start = self.doc.path.as_deref().and_then(Path::parent).map(Path::to_path_buf);
        let native = self.jobs.native_dialogs();
        self.jobs.spawn(move || {
            let mut dialog = jobs::project_dialog().set_title("Open a Steward project");
            if let Some(dir) = start {
                dialog = dialog.set_directory(dir);
            }
            JobResult::PickedOpen(jobs::run_dialog(native, || dialog.pick_file()))
        });
    }

    /// The name and folder Save as starts from: the file's own, or for a new project a name
    /// made from the project's name in the folder used last.
    fn suggested_save_path(&self) -> (String, Option<PathBuf>) {
        let name = match self.doc.path.as_deref().and_then(Path::file_name) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => storage::naming::default_file_name(&self.doc.project.details.name),
        };
        let folder = self
            .doc
            .path
            .as_deref()
            .or(self.prefs.recent.first().map(PathBuf::as_path))
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        (name, folder)
    }

    pub(super) fn show_save_dialog(&mut self) {
        let (name, start) = self.suggested_save_path();
        let name = Some(name);
        let native = self.jobs.native_dialogs();
        self.jobs.spawn(move || {
            let mut dialog = jobs::project_dialog().set_title("Save the project as");
            if let Some(name) = name {
                dialog = dialog.set_file_name(name);
            }
            if let Some(dir) = start {
                dialog = dialog.set_directory(dir);
            }
            JobResult::PickedSaveAs(jobs::run_dialog(native, || dialog.save_file()))
        });
    }

    /// Loads a file and takes its lock in the background; the current document stays until
    /// the new one is ready.
    pub fn start_load(&mut self, path: PathBuf) {
        let job_path = path.clone();
        let instance = self.instance.clone();
        let data = self.dirs.data.clone();
        let preloaded = take_preloaded(&path);
        self.jobs.spawn(move || {
            // Taking the lock writes and flushes a small file: done while the project is read.
            let (result, lock) = std::thread::scope(|scope| {
                let locking = std::thread::Builder::new()
                    .name("steward-lock".into())
                    .spawn_scoped(scope, || storage::acquire_lock(&job_path, &instance));
                let result = match preloaded.map(std::thread::JoinHandle::join) {
                    Some(Ok(result)) => result,
                    _ => storage::open_project(&job_path),
                };
                let lock = match locking.map(|l| l.join()) {
                    Ok(Ok(lock)) => lock,
                    _ => storage::acquire_lock(&job_path, &instance),
                };
                (result, lock)
            });
            // A file that cannot be opened keeps no lock of ours (dropping the guard removes it).
            let lock = result.is_ok().then_some(lock);
            let last_seen = match (&result, data) {
                (Ok(opened), Some(dir)) => storage::seen::last_seen(&dir, &job_path, &opened.header.lineage),
                _ => None,
            };
            // The figures too: the window then only has to put the project in place.
            let derived = result.as_ref().ok().map(|opened| {
                let mut derived = super::Derived::default();
                derived.refresh(&opened.project, 0, super::today());
                Box::new(derived)
            });
            super::startup::mark("file read and checked (background)");
            JobResult::Loaded {
                result,
                lock,
                path: job_path,
                last_seen,
                derived,
            }
        });
        self.info(format!("Opening {}…", path.display()));
    }

    pub(super) fn save(&mut self, then: AfterSave) {
        if self.doc.read_only {
            self.error("This project is open read-only: use Save as… to keep your own copy.");
            return;
        }
        match self.doc.path.clone() {
            Some(path) => self.start_save(path, true, then),
            None => self.show_save_dialog(),
        }
    }

    /// Saves a copy of the project in the background. `same_file` checks for changes by others;
    /// otherwise (Save As) the new file's lock is taken first.
    pub(super) fn start_save(&mut self, path: PathBuf, same_file: bool, then: AfterSave) {
        self.start_save_with(path, same_file, false, then);
    }

    pub(super) fn start_save_with(&mut self, path: PathBuf, same_file: bool, overwrite: bool, then: AfterSave) {
        let project = std::sync::Arc::new(self.doc.project.clone());
        let same_file = same_file && self.doc.path.as_deref() == Some(path.as_path());
        if same_file {
            // Our own save must not look like someone else's: watch again once it is done.
            self.sync.stop_watching();
        }
        let expected = if same_file { self.doc.fingerprint.clone() } else { None };
        // Save as starts a project of its own (a new id); the history of saves comes along.
        let lineage = if same_file {
            self.doc.lineage.clone()
        } else {
            storage::Lineage {
                project_id: None,
                history: self.doc.lineage.history.clone(),
            }
        };
        let base = self.doc.base.clone();
        let saved_step = self.doc.undo.seal();
        let job_path = path.clone();
        let instance = self.instance.clone();
        self.jobs.spawn(move || {
            let lock = if same_file {
                None
            } else {
                match storage::acquire_lock(&job_path, &instance) {
                    Ok(lock) => Some(lock),
                    Err(refused @ (LockRefused::HeldByOther(_) | LockRefused::Corrupt)) => {
                        let reason = format!("it is {refused}");
                        let err = storage::SaveError {
                            path: job_path.clone(),
                            reason,
                        };
                        return JobResult::Saved {
                            path: job_path,
                            result: Err(SaveFailure::Error(err)),
                            saved_step,
                            then,
                            lock: None,
                        };
                    }
                    // A folder where no lock can be written may still take the file itself.
                    Err(LockRefused::Io(_)) => None,
                }
            };
            let summary = match base.map(|b| b.unpack()) {
                // No version loaded, but the file has a history: work restored after a crash.
                None if !lineage.history.is_empty() => "saved from a recovery copy".to_string(),
                None => crate::model::merge::describe_changes(None, &project),
                Some(Ok(base)) => crate::model::merge::describe_changes(Some(&base), &project),
                // Not expected (it was checked when kept); the save itself does not need it.
                Some(Err(_)) => "saved".to_string(),
            };
            JobResult::Saved {
                result: storage::save_project_with(
                    &job_path,
                    &project,
                    expected.as_ref(),
                    overwrite,
                    &lineage,
                    &summary,
                ),
                path: job_path,
                saved_step,
                then,
                lock,
            }
        });
        self.info(format!("Saving {}…", path.display()));
    }

    pub(super) fn on_job_finished(&mut self, result: JobResult) {
        match result {
            JobResult::PickedOpen(picked) => match picked {
                DialogResult::Picked(path) => self.start_load(path),
                DialogResult::Cancelled => {}
                DialogResult::Unavailable => {
                    self.dialog = Some(Dialog::PathEntry {
                        purpose: PathPurpose::Open,
                        text: String::new(),
                    })
                }
            },
            JobResult::PickedSaveAs(picked) => match picked {
                DialogResult::Picked(path) => {
                    let path = storage::naming::with_project_extension(path);
                    self.start_save(path, false, AfterSave::Nothing)
                }
                DialogResult::Cancelled => {}
                DialogResult::Unavailable => {
                    // Typed by hand: start from the suggested name, never from an empty field.
                    let (name, folder) = self.suggested_save_path();
                    let text = folder
                        .map_or(PathBuf::from(&name), |f| f.join(&name))
                        .display()
                        .to_string();
                    self.dialog = Some(Dialog::PathEntry {
                        purpose: PathPurpose::SaveAs,
                        text,
                    })
                }
            },
            JobResult::Loaded {
                path,
                result,
                lock,
                last_seen,
                derived,
            } => self.on_loaded(path, result, lock, last_seen, derived),
            JobResult::MergeInputs {
                path,
                theirs,
                base,
                then,
            } => self.on_merge_inputs(path, theirs, base, then),
            JobResult::Saved {
                path,
                result,
                saved_step,
                then,
                lock,
            } => match result {
                Ok(saved) => {
                    if self.doc.path.as_deref() != Some(path.as_path()) {
                        let old_path = self.doc.path.take();
                        release_in_background(self.doc.lock.take());
                        self.remove_recovery_in_background(old_path);
                        self.doc.lock = lock;
                    }
                    self.doc.path = Some(path.clone());
                    self.sync.own_revisions.push(saved.fingerprint.revision.clone());
                    self.doc.fingerprint = Some(saved.fingerprint);
                    self.doc.base = Some(saved.packed);
                    self.doc.saved_by = saved.saved_by;
                    self.doc.lineage = saved.lineage;
                    self.doc.read_only = false;
                    self.doc.undo.mark_saved_step(saved_step);
                    self.remember_recent(&path);
                    if !self.doc.is_dirty() {
                        self.remove_recovery_in_background(Some(path.clone()));
                    }
                    let merged = self
                        .sync
                        .merged_note
                        .take()
                        .map(|n| format!("{n} "))
                        .unwrap_or_default();
                    self.info(format!("{merged}Saved {}.", path.display()));
                    self.watch_open_file();
                    self.remember_seen();
                    self.offer_to_delete_merged_copy();
                    self.continue_with(then);
                }
                Err(SaveFailure::Conflict) => self.on_save_conflict(path, then),
                Err(SaveFailure::Error(err)) => {
                    self.watch_open_file();
                    self.dialog = Some(Dialog::Error {
                        title: "The project was not saved".into(),
                        message: err.to_string(),
                    });
                    self.status = None;
                }
            },
            JobResult::ForcedLock { path, result } => match result {
                Ok(lock) => self.show_pending(Some(lock), false),
                Err(refused) => {
                    self.pending_open = None;
                    self.dialog = Some(Dialog::Error {
                        title: "The file could not be opened for editing".into(),
                        message: format!("\"{}\": {refused}.", path.display()),
                    });
                }
            },
            JobResult::Recoveries(entries) => {
                let own = std::process::id();
                let entries: Vec<RecoveryEntry> = entries
                    .into_iter()
                    .filter(|e| e.pid == own || !storage::lock::process_alive(e.pid))
                    .collect();
                if !entries.is_empty() && self.dialog.is_none() {
                    self.dialog = Some(Dialog::Restore { entries });
                }
            }
            JobResult::Restored {
                entry,
                result,
                lock,
                lineage,
            } => match result {
                Ok(project) => {
                    let mut doc = Document::new_untitled(project);
                    doc.path = entry.original.clone();
                    doc.lineage = lineage.unwrap_or_default();
                    doc.undo.mark_unsaved();
                    match lock {
                        Some(Ok(lock)) => doc.lock = Some(lock),
                        Some(Err(_)) => doc.read_only = true,
                        None => {}
                    }
                    self.replace_document(doc);
                    self.info(format!("Restored {}. Save it to keep it.", entry.describe()));
                }
                Err(err) => {
                    self.dialog = Some(Dialog::Error {
                        title: "The recovery copy could not be read".into(),
                        message: err.to_string(),
                    })
                }
            },
            JobResult::RecoveryWritten => {}
            JobResult::ConflictCopies { path, found } => self.on_conflict_copies(path, found),
            JobResult::CopyDeleted { path, result } => self.on_copy_deleted(path, result),
            interop @ (JobResult::PickedImport(_)
            | JobResult::SheetsRead { .. }
            | JobResult::PickedExport { .. }
            | JobResult::Exported { .. }) => self.on_interop_job(interop),
        }
    }

    fn on_loaded(
        &mut self,
        path: PathBuf,
        result: Result<storage::Opened, LoadError>,
        lock: Option<Result<storage::LockGuard, LockRefused>>,
        last_seen: Option<String>,
        derived: Option<Box<super::Derived>>,
    ) {
        super::startup::mark("file's result received");
        self.opening = None;
        let opened = match result {
            Ok(opened) => opened,
            Err(err) => {
                self.dialog = Some(Dialog::Error {
                    title: "The project could not be opened".into(),
                    message: err.to_string(),
                });
                self.status = None;
                return;
            }
        };
        self.pending_open = Some(super::files::PendingOpen {
            path: path.clone(),
            opened,
            derived,
            last_seen,
        });
        match lock {
            Some(Ok(lock)) => self.show_pending(Some(lock), false),
            Some(Err(LockRefused::Io(reason))) => {
                self.show_pending(None, true);
                self.error(format!("Opened read-only: {reason}."));
            }
            Some(Err(LockRefused::HeldByOther(holder))) => {
                self.dialog = Some(Dialog::Locked {
                    path,
                    holder: Some(holder),
                });
                self.status = None;
            }
            Some(Err(LockRefused::Corrupt)) | None => {
                self.dialog = Some(Dialog::Locked { path, holder: None });
                self.status = None;
            }
        }
    }

    /// Shows the project waiting in `pending_open`, with or without edit rights.
    fn show_pending(&mut self, lock: Option<storage::LockGuard>, read_only: bool) {
        let Some(pending) = self.pending_open.take() else {
            return;
        };
        let opened = pending.opened;
        super::sync::pack_soon(&opened.packed);
        let mut doc = Document::opened(opened.project, pending.path.clone(), opened.fingerprint, opened.packed);
        doc.saved_by = opened.header.saved_by;
        doc.lineage = opened.header.lineage;
        doc.lock = lock;
        doc.read_only = read_only;
        self.replace_document(doc);
        if let Some(mut derived) = pending.derived {
            // Computed for this very project; only its generation was not known yet.
            derived.generation = self.doc.generation;
            self.derived = *derived;
        }
        self.sync.seen_before = pending.last_seen;
        self.watch_open_file();
        self.remember_recent(&pending.path);
        self.remember_seen();
        self.look_for_conflict_copies();
        let how = if read_only { " read-only" } else { "" };
        let news = match self.unseen_saves() {
            // Only worth a word when the user opened the file here before.
            unseen if self.sync.seen_before.is_some() && !unseen.entries.is_empty() => {
                let n = unseen.entries.len();
                let saves = if n == 1 { "1 save" } else { &format!("{n} saves") };
                format!(" {saves} since you last opened it: View › What changed since you last opened it.")
            }
            _ => String::new(),
        };
        self.info(format!("Opened {}{how}.{news}", pending.path.display()));
        super::startup::mark("document in place");
    }

    /// Lock dialog: look at the file without the right to save over it.
    pub fn open_pending_read_only(&mut self) {
        self.dialog = None;
        self.show_pending(None, true);
    }

    /// Lock dialog: work on a copy that must be saved under another name.
    pub fn open_pending_as_copy(&mut self) {
        self.dialog = None;
        let Some(pending) = self.pending_open.take() else {
            return;
        };
        let mut doc = Document::new_untitled(pending.opened.project);
        doc.undo.mark_unsaved();
        self.replace_document(doc);
        self.info(format!(
            "Opened a copy of {}: use Save as… to keep it.",
            pending.path.display()
        ));
    }

    /// Lock dialog, after the explicit warning: take the lock from its holder.
    pub fn edit_pending_anyway(&mut self) {
        self.dialog = None;
        let Some(path) = self.pending_open.as_ref().map(|p| p.path.clone()) else {
            return;
        };
        let instance = self.instance.clone();
        self.jobs.spawn(move || JobResult::ForcedLock {
            result: storage::force_acquire(&path, &instance),
            path,
        });
    }

    pub fn cancel_pending_open(&mut self) {
        self.dialog = None;
        self.pending_open = None;
        self.status = None;
    }

    /// Looks for recovery copies left by a session that ended without saving.
    pub(super) fn check_for_recoveries(&mut self) {
        if let Some(dir) = self.dirs.data.clone() {
            self.jobs
                .spawn(move || JobResult::Recoveries(recovery::list_recoveries(&dir)));
        }
    }

    /// Restore dialog: open the unsaved work as it was last kept.
    pub fn restore_recovery(&mut self, entry: RecoveryEntry) {
        self.dialog = None;
        let instance = self.instance.clone();
        self.jobs.spawn(move || {
            let result = recovery::load_recovery(&entry);
            let lock = entry
                .original
                .as_deref()
                .filter(|p| p.exists())
                .map(|p| storage::acquire_lock(p, &instance));
            let lineage = entry
                .original
                .as_deref()
                .and_then(|p| storage::open_project(p).ok())
                .map(|o| o.header.lineage);
            JobResult::Restored {
                entry,
                result,
                lock,
                lineage,
            }
        });
    }

    /// Restore dialog: throw the unsaved work away for good.
    pub fn discard_recovery(&mut self, entry: &RecoveryEntry) {
        if let Some(Dialog::Restore { entries }) = &mut self.dialog {
            entries.retain(|e| e.file != entry.file);
            if entries.is_empty() {
                self.dialog = None;
            }
        }
        let file = entry.file.clone();
        std::thread::spawn(move || {
            let _ = std::fs::remove_file(file);
        });
    }

    /// Keeps a recovery copy of unsaved work every `interval`. Returns how long until the next
    /// one is due, so the window can wake for it even when idle.
    pub fn tick_recovery(&mut self, interval: Duration) -> Option<Duration> {
        let dir = self.dirs.data.clone()?;
        if !self.doc.is_dirty() || self.doc.read_only {
            self.recovery_due = None;
            return None;
        }
        let now = Instant::now();
        // A shorter interval (changed preference) takes effect at once.
        let due = self.recovery_due.map_or(now + interval, |due| due.min(now + interval));
        self.recovery_due = Some(due);
        if now < due {
            return Some(due - now);
        }
        self.recovery_due = Some(now + interval);
        let project = self.doc.project.clone();
        let original = self.doc.path.clone();
        self.jobs.spawn(move || {
            if let Err(err) = recovery::write_recovery(&dir, original.as_deref(), &project) {
                log::warn!("could not keep a recovery copy: {err}");
            }
            JobResult::RecoveryWritten
        });
        Some(interval)
    }

    /// Removes the recovery copy of a document whose changes were saved or discarded.
    pub(super) fn remove_recovery_in_background(&self, original: Option<PathBuf>) {
        if let Some(dir) = self.dirs.data.clone() {
            std::thread::spawn(move || recovery::remove_recovery(&dir, original.as_deref()));
        }
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.prefs.add_recent(&path);
        self.store_prefs();
    }
}

/// Releasing a lock deletes a file, perhaps on a slow share: never on the UI thread.
pub(super) fn release_in_background(lock: Option<storage::LockGuard>) {
    if let Some(lock) = lock {
        std::thread::spawn(move || drop(lock));
    }
}
