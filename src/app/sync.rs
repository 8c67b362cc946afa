//! Two people, one file. A background thread watches the open file (see `storage::watch`) and
//! reports saves by others as commands:
//! - with no unsaved changes (always so for a reader), the window reloads in place, keeping the
//!   panel, the selection and the scroll position, and says who saved;
//! - with unsaved changes, a banner offers to merge their version in now.
//!
//! Saving over a file that changed since it was loaded or last saved merges instead of asking:
//! their version is read, merged with mine against the base (the version this window loaded or
//! last saved), and saved when nothing conflicts. Conflicts go to the merge dialog. The merge
//! arrives in the open project as one undoable step, "Merge changes from Ana"; the save after
//! it checks the file again, so a third writer's save is merged too, never overwritten.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::command::Command;
use super::jobs::JobResult;
use super::{AfterSave, Dialog, StewardApp, UndoStack};
use crate::model::merge::{self, Conflict, Merged, Pick};
use crate::model::{Edit, Project, record_name};
use crate::storage::conflict_copies::FoundCopy;
use crate::storage::watch::{Seen, Watcher};
use crate::storage::{self, FileHeader, LoadError, Opened, history};

/// Watching the open file, and merges waiting for the user.
#[derive(Default)]
pub struct Sync {
    watch: Option<WatchHandle>,
    next_watch: u64,
    /// A version someone else saved while this window has unsaved changes (the banner).
    pub incoming: Option<Box<Opened>>,
    /// A merge with conflicts, waiting in the merge dialog.
    pub merge: Option<PendingMerge>,
    /// What the merge brought in, said once the save that follows it succeeds.
    pub merged_note: Option<String>,
    /// Sync clients' conflicted copies found beside the file, offered one at a time.
    pub copies: std::collections::VecDeque<Box<FoundCopy>>,
    /// A copy whose changes were merged: once the save that follows succeeds, the user is
    /// asked whether to delete it.
    pub copy_saving: Option<Box<FoundCopy>>,
    /// The revision this user had seen before this opening (from the local data folder);
    /// `None` when they never opened the file here.
    pub seen_before: Option<String>,
    /// Revisions saved from this window: not news to this user.
    pub own_revisions: Vec<String>,
}

/// A merge whose conflicts the user is settling.
pub struct PendingMerge {
    pub theirs: Box<Opened>,
    pub conflicts: Vec<Conflict>,
    /// One pick per conflict; mine until the user says otherwise.
    pub picks: Vec<Pick>,
    /// The merge came from a save: save afterwards, then do this. `None`: merge only.
    pub then: Option<AfterSave>,
    /// Their version is a sync client's conflicted copy, not the file on disk (merged
    /// against the copy's common version, or two-way when there is none).
    pub copy: Option<Box<FoundCopy>>,
    /// The common version the merge started from, unpacked (`None` for a conflicted copy,
    /// which brings its own); kept while the dialog is open, to merge again with the picks.
    pub base: Option<Box<Project>>,
}

impl PendingMerge {
    /// Who saved their version, for the dialog: "Ana on FINANCE-PC at 10:42".
    pub fn saved_by(&self) -> String {
        saver(&self.theirs.header)
    }

    /// Whether the merge has no common version, so every difference is listed.
    pub fn two_way(&self) -> bool {
        self.copy.as_ref().is_some_and(|c| c.base.is_none())
    }
}

/// The watcher thread of one open file; dropping it stops the thread.
struct WatchHandle {
    id: u64,
    stop: Arc<AtomicBool>,
    thread: std::thread::Thread,
}

impl Drop for WatchHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.unpark();
    }
}

impl Sync {
    /// Stops watching (while our own save runs, or when the document goes).
    pub fn stop_watching(&mut self) {
        self.watch = None;
    }

    /// Whether a watcher runs for the open file.
    pub fn is_watching(&self) -> bool {
        self.watch.is_some()
    }

    /// The id that the running watcher's reports carry (`Command::FileChanged`), if one runs.
    pub fn watch_id(&self) -> Option<u64> {
        self.watch.as_ref().map(|w| w.id)
    }

    /// Forgets everything about the previous document.
    pub(super) fn forget(&mut self) {
        *self = Sync {
            next_watch: self.next_watch,
            ..Sync::default()
        };
    }
}

/// How long after a version arrives its bytes are packed: by then the project it belongs to is
/// on screen, so deflating them does not compete with showing it.
const PACK_DELAY: Duration = Duration::from_millis(300);

/// Packs a version kept for the next merge, in the background, a moment from now.
pub(super) fn pack_soon(packed: &Arc<storage::Packed>) {
    if packed.is_packed() {
        return;
    }
    let packed = packed.clone();
    let spawned = std::thread::Builder::new().name("steward-pack".into()).spawn(move || {
        std::thread::sleep(PACK_DELAY);
        packed.pack();
    });
    if let Err(err) = spawned {
        log::warn!("could not start packing the version kept for merges: {err}");
    }
}

/// "Ana on FINANCE-PC at 10:42", or a plain word for files that do not say who saved them.
fn saver(header: &FileHeader) -> String {
    header
        .saved_by
        .as_ref()
        .map_or_else(|| "someone else".to_string(), storage::SavedBy::describe)
}

impl StewardApp {
    /// Starts watching the open file from what it looked like at the last load or save.
    pub(super) fn watch_open_file(&mut self) {
        self.sync.watch = None;
        let (Some(path), Some(known)) = (self.doc.path.clone(), self.doc.fingerprint.clone()) else {
            return;
        };
        let interval = Duration::from_secs(self.prefs.watch_interval_secs.max(1));
        self.sync.next_watch += 1;
        let id = self.sync.next_watch;
        let sender = self.inbox.sender();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let spawned = std::thread::Builder::new().name("steward-watch".into()).spawn(move || {
            let mut watcher = Watcher::new(&path, &known);
            loop {
                // Sleeps without waking the window; an early wake-up only means an early look.
                std::thread::park_timeout(interval);
                if stopped.load(Ordering::Relaxed) {
                    return;
                }
                match watcher.poll() {
                    Seen::Unchanged => {}
                    seen => sender.send(Command::FileChanged {
                        watch: id,
                        seen: Box::new(seen),
                    }),
                }
            }
        });
        match spawned {
            Ok(handle) => {
                self.sync.watch = Some(WatchHandle {
                    id,
                    stop,
                    thread: handle.thread().clone(),
                })
            }
            Err(err) => log::warn!("could not start watching the file: {err}"),
        }
    }

    /// The watcher saw the file change.
    pub(super) fn on_file_changed(&mut self, watch: u64, seen: Seen) {
        if self.sync.watch.as_ref().map(|w| w.id) != Some(watch) {
            return; // From a watcher of a file or a version that is no longer open.
        }
        let name = self.doc.display_name();
        match seen {
            Seen::Unchanged => {}
            Seen::Missing => self.error(format!(
                "\"{name}\" is no longer on disk (moved, deleted, or the drive is disconnected). \
                 Your project is still here: Save writes it again."
            )),
            Seen::Unreadable(err) => self.error(format!(
                "\"{name}\" was changed on disk but cannot be read: {err} Still showing the last good version."
            )),
            Seen::Changed(opened) => {
                if self.doc.fingerprint.as_ref().map(|f| f.hash) == Some(opened.fingerprint.hash) {
                    return;
                }
                if self.doc.is_dirty() && !self.doc.read_only {
                    pack_soon(&opened.packed);
                    self.sync.incoming = Some(opened);
                } else {
                    self.reload_in_place(*opened);
                }
            }
        }
    }

    /// Shows the version on disk in place of the open one, which has no unsaved changes.
    fn reload_in_place(&mut self, opened: Opened) {
        let who = saver(&opened.header);
        pack_soon(&opened.packed);
        self.doc.base = Some(opened.packed);
        self.doc.project = opened.project;
        self.doc.fingerprint = Some(opened.fingerprint);
        self.doc.saved_by = opened.header.saved_by;
        self.doc.lineage = opened.header.lineage;
        // The undo steps belong to the version that was replaced.
        self.doc.undo = UndoStack::default();
        self.doc.generation += 1;
        if let Some(selected) = self.view.selection
            && record_name(&self.doc.project, selected).is_none()
        {
            self.view.selection = None;
        }
        self.sync.incoming = None;
        self.remember_seen();
        self.info(format!("Updated: {who} saved a new version."));
    }

    /// A save found the file changed: read their version and unpack the base (in the
    /// background), then merge.
    pub(super) fn on_save_conflict(&mut self, path: std::path::PathBuf, then: AfterSave) {
        let Some(base) = self.doc.base.clone() else {
            self.dialog = Some(Dialog::SaveConflict {
                path,
                then,
                reason: "This window has no earlier version of the file to merge from.".into(),
            });
            self.watch_open_file();
            return;
        };
        let job_path = path.clone();
        self.jobs.spawn(move || {
            let (theirs, base) = storage::packed::open_with_base(&job_path, &base);
            JobResult::MergeInputs {
                theirs: theirs.map(Box::new),
                base,
                path: job_path,
                then: Some(then),
            }
        });
        self.info(format!(
            "{} was saved by someone else meanwhile: merging…",
            path.display()
        ));
    }

    /// Their version and the base are ready: merge, unless another file is open by now.
    pub(super) fn on_merge_inputs(
        &mut self,
        path: std::path::PathBuf,
        theirs: Result<Box<Opened>, LoadError>,
        base: Result<Project, LoadError>,
        then: Option<AfterSave>,
    ) {
        let here = self.doc.path.as_deref() == Some(path.as_path());
        match (theirs.and_then(|t| base.map(|b| (t, b))), then) {
            (Ok((theirs, base)), then) if here => self.start_merge(theirs, base, then),
            (Ok(_), _) => {}
            (Err(err), Some(then)) => {
                self.dialog = Some(Dialog::SaveConflict {
                    path,
                    then,
                    reason: err.to_string(),
                });
                self.status = None;
                self.watch_open_file();
            }
            (Err(err), None) => self.error(format!("Nothing was merged: {err}")),
        }
    }

    /// Merges `theirs` into the open project: at once when nothing conflicts, else through
    /// the merge dialog. `then`: save afterwards (the merge came from a save).
    fn start_merge(&mut self, theirs: Box<Opened>, base: Project, then: Option<AfterSave>) {
        let merged = merge::merge(&base, &self.doc.project, &theirs.project);
        if merged.conflicts.is_empty() {
            self.accept_merge(theirs, merged, then);
            return;
        }
        let count = merged.conflicts.len();
        self.sync.merge = Some(PendingMerge {
            picks: vec![Pick::Mine; count],
            conflicts: merged.conflicts,
            theirs,
            then,
            copy: None,
            base: Some(Box::new(base)),
        });
        self.dialog = Some(Dialog::Merge);
        self.status = None;
    }

    /// Takes a finished merge into the open project as one undoable step, makes their version
    /// the new base, and saves when the merge came from a save.
    fn accept_merge(&mut self, theirs: Box<Opened>, merged: Merged, then: Option<AfterSave>) {
        let who = saver(&theirs.header);
        let from = theirs
            .header
            .saved_by
            .as_ref()
            .map_or("the other version", |s| s.user.as_str());
        let problems = crate::model::validate(&merged.project);
        if !problems.is_empty() {
            // Not expected (the merge keeps ids unique and references whole); never save it.
            let problems: Vec<String> = problems.into_iter().map(|p| p.0).collect();
            self.dialog = Some(Dialog::Error {
                title: "The versions could not be merged".into(),
                message: format!(
                    "The merge would give an invalid project ({}). Nothing was changed or saved; use Save as… to keep your version.",
                    problems.join("; ")
                ),
            });
            self.watch_open_file();
            return;
        }
        let edit = merge::diff(&self.doc.project, &merged.project);
        if !matches!(&edit, Edit::Batch(edits) if edits.is_empty())
            && let Err(err) = self.doc.apply(edit, &format!("Merge changes from {from}"), None)
        {
            self.error(format!("The merge could not be applied: {err}. Nothing was changed."));
            return;
        }
        let opened = *theirs;
        pack_soon(&opened.packed);
        self.doc.base = Some(opened.packed);
        self.doc.fingerprint = Some(opened.fingerprint);
        self.doc.saved_by = opened.header.saved_by;
        // Their saves and mine, each once; their project id wins for a file that had none.
        let lineage = opened.header.lineage;
        self.doc.lineage = storage::Lineage {
            project_id: lineage.project_id.or(self.doc.lineage.project_id.take()),
            history: history::combine(&lineage.history, &self.doc.lineage.history),
        };
        self.remember_seen();
        self.sync.incoming = None;
        let count = merged.incoming.total();
        let plural = if count == 1 { "" } else { "s" };
        let mut note = format!(
            "Merged {count} change{plural} saved by {who} ({}).",
            merged.incoming.summary()
        );
        if !merged.kept_for_references.is_empty() {
            note.push_str(&format!(
                " Kept, because the merged project still refers to them: {}.",
                merged.kept_for_references.join(", ")
            ));
        }
        match (then, self.doc.path.clone()) {
            (Some(then), Some(path)) => {
                self.sync.merged_note = Some(note);
                self.start_save(path, true, then);
            }
            _ => {
                self.info(note);
                self.watch_open_file();
            }
        }
    }

    /// A save conflict that cannot be merged: overwrite the changed file anyway.
    pub fn overwrite_after_conflict(&mut self) {
        if let Some(Dialog::SaveConflict { path, then, .. }) = self.dialog.take() {
            self.start_save_with(path, true, true, then);
        }
    }

    /// A save conflict that cannot be merged: keep my version in another file.
    pub fn save_copy_after_conflict(&mut self) {
        self.dialog = None;
        self.show_save_dialog();
    }

    /// A save conflict that cannot be merged: throw my changes away and load what is on disk.
    pub fn reload_after_conflict(&mut self) {
        if let Some(Dialog::SaveConflict { path, .. }) = self.dialog.take() {
            self.doc.lock = None;
            self.start_load(path);
        }
    }

    /// The answers about someone else's save: the merge dialog, the banner, an unmergeable file.
    pub(super) fn answer_sync(&mut self, answer: super::Answer) {
        use super::Answer;
        match answer {
            Answer::OverwriteAfterConflict => self.overwrite_after_conflict(),
            Answer::SaveCopyAfterConflict => self.save_copy_after_conflict(),
            Answer::ReloadAfterConflict => self.reload_after_conflict(),
            Answer::PickConflict(index, pick) => self.pick_conflict(Some(index), pick),
            Answer::PickAllConflicts(pick) => self.pick_conflict(None, pick),
            Answer::ApplyMerge => self.apply_merge(),
            Answer::SaveCopyInsteadOfMerge => {
                self.cancel_merge();
                self.show_save_dialog();
            }
            Answer::CancelMerge => self.cancel_merge(),
            Answer::MergeIncoming => self.merge_incoming(),
            Answer::DismissIncoming => self.sync.incoming = None,
            Answer::MergeCopy => self.merge_next_copy(),
            Answer::SkipCopy => {
                self.sync.copies.pop_front();
            }
            Answer::AskDeleteCopy => self.ask_delete_next_copy(),
            Answer::DeleteCopy => self.delete_copy(),
            _ => {}
        }
    }

    /// Merge dialog: settle one conflict (`Some(index)`) or all of them for `pick`.
    pub(super) fn pick_conflict(&mut self, index: Option<usize>, pick: Pick) {
        if let Some(pending) = &mut self.sync.merge {
            match index {
                Some(i) => {
                    if let Some(slot) = pending.picks.get_mut(i) {
                        *slot = pick;
                    }
                }
                None => pending.picks.iter_mut().for_each(|p| *p = pick),
            }
        }
    }

    /// Merge dialog: merge with the conflicts settled as picked.
    pub(super) fn apply_merge(&mut self) {
        if let Some(pending) = self.sync.merge.take_if(|p| p.copy.is_some()) {
            self.dialog = None;
            let copy = pending.copy.expect("checked above");
            let merged = super::copies::merge_copy_with(&copy, &self.doc.project, &pending.picks);
            self.accept_copy_merge(copy, merged);
            return;
        }
        let Some(pending) = self.sync.merge.take() else {
            return;
        };
        let Some(base) = pending.base else { return };
        self.dialog = None;
        let merged = merge::merge_with(&base, &self.doc.project, &pending.theirs.project, &pending.picks);
        self.accept_merge(pending.theirs, merged, pending.then);
    }

    /// Merge dialog: merge nothing now; the changes stay unsaved.
    pub(super) fn cancel_merge(&mut self) {
        if let Some(copy) = self.sync.merge.take().and_then(|p| p.copy) {
            // Offered again: the copy is still there, and so are its changes.
            self.sync.copies.push_front(copy);
        }
        self.dialog = None;
        self.info("Nothing was merged or saved; your changes are still here.");
        self.watch_open_file();
    }

    /// Banner: merge the version someone else saved into the unsaved work now.
    pub(super) fn merge_incoming(&mut self) {
        let (Some(path), Some(base)) = (self.doc.path.clone(), self.doc.base.clone()) else {
            return;
        };
        let Some(theirs) = self.sync.incoming.take() else {
            return;
        };
        let who = saver(&theirs.header);
        self.jobs.spawn(move || JobResult::MergeInputs {
            theirs: Ok(theirs),
            base: base.unpack(),
            path,
            then: None,
        });
        self.info(format!("Merging the version {who} saved…"));
    }
}
