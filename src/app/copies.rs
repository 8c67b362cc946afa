//! Sync clients' conflicted copies of the open file: looked for in the background when a file
//! is opened for editing, offered one at a time in a banner, merged in as one undoable step
//! (against the version both descend from, or two-way when none is known), saved, and then,
//! only if the user says so, deleted in the background.

use std::path::PathBuf;

use super::jobs::JobResult;
use super::{AfterSave, Dialog, PendingMerge, StewardApp};
use crate::model::merge::{self, Merged, Pick};
use crate::model::{Edit, Project};
use crate::storage::conflict_copies::{self, FoundCopy};
use crate::storage::history;

/// Merges the copy into `mine`, settling conflict `i` by `picks[i]`.
pub(super) fn merge_copy_with(copy: &FoundCopy, mine: &Project, picks: &[Pick]) -> Merged {
    let theirs = &copy.opened.project;
    match &copy.base {
        Some(base) => merge::merge_with(base, mine, theirs, picks),
        None => merge::merge_two_way(mine, theirs, picks),
    }
}

impl StewardApp {
    /// Looks beside the file just opened for conflicted copies (off the UI thread).
    pub(super) fn look_for_conflict_copies(&mut self) {
        let (Some(path), Some(fingerprint)) = (self.doc.path.clone(), self.doc.fingerprint.as_ref()) else {
            return;
        };
        if self.doc.read_only {
            return;
        }
        let revision = fingerprint.revision.clone();
        let lineage = self.doc.lineage.clone();
        self.jobs.spawn(move || JobResult::ConflictCopies {
            found: conflict_copies::look_beside(&path, &revision, &lineage),
            path,
        });
    }

    pub(super) fn on_conflict_copies(&mut self, path: PathBuf, found: Vec<FoundCopy>) {
        if self.doc.path.as_deref() != Some(path.as_path()) || self.doc.read_only {
            return; // Another file is open by now, or this one cannot take the changes.
        }
        self.sync.copies = found.into_iter().map(Box::new).collect();
    }

    /// Banner: merge the first copy waiting. Conflicts go to the merge dialog.
    pub(super) fn merge_next_copy(&mut self) {
        let Some(copy) = self.sync.copies.pop_front() else {
            return;
        };
        let merged = merge_copy_with(&copy, &self.doc.project, &[]);
        if merged.conflicts.is_empty() {
            self.accept_copy_merge(copy, merged);
            return;
        }
        let count = merged.conflicts.len();
        self.sync.merge = Some(PendingMerge {
            picks: vec![Pick::Mine; count],
            conflicts: merged.conflicts,
            theirs: Box::new(copy.opened.clone()),
            then: Some(AfterSave::Nothing),
            copy: Some(copy),
            base: None,
        });
        self.dialog = Some(Dialog::Merge);
    }

    /// Takes a merged copy into the open project as one undoable step and saves; the question
    /// about deleting the copy comes once that save has succeeded.
    pub(super) fn accept_copy_merge(&mut self, copy: Box<FoundCopy>, merged: Merged) {
        let problems = crate::model::validate(&merged.project);
        if !problems.is_empty() {
            let problems: Vec<String> = problems.into_iter().map(|p| p.0).collect();
            self.dialog = Some(Dialog::Error {
                title: "The copy could not be merged".into(),
                message: format!(
                    "Merging \"{}\" would give an invalid project ({}). Nothing was changed; the copy is left as it is.",
                    copy.file_name(),
                    problems.join("; ")
                ),
            });
            return;
        }
        let from = copy
            .opened
            .header
            .saved_by
            .as_ref()
            .map(|s| s.user.clone())
            .or_else(|| copy.name.who.clone())
            .unwrap_or_else(|| "the copy".into());
        let edit = merge::diff(&self.doc.project, &merged.project);
        if !matches!(&edit, Edit::Batch(edits) if edits.is_empty())
            && let Err(err) = self
                .doc
                .apply(edit, &format!("Merge conflicted copy from {from}"), None)
        {
            self.error(format!("The copy could not be merged: {err}. Nothing was changed."));
            return;
        }
        // The copy's saves become part of this file's history, so the copy is known as merged.
        self.doc.lineage.history = history::combine(&self.doc.lineage.history, &copy.opened.header.lineage.history);
        let count = merged.incoming.total();
        let plural = if count == 1 { "" } else { "s" };
        let mut note = format!(
            "Merged {count} change{plural} from the conflicted copy \"{}\" ({}).",
            copy.file_name(),
            merged.incoming.summary()
        );
        if !merged.kept_for_references.is_empty() {
            note.push_str(&format!(
                " Kept, because the merged project still refers to them: {}.",
                merged.kept_for_references.join(", ")
            ));
        }
        self.sync.merged_note = Some(note);
        self.sync.copy_saving = Some(copy);
        if let Some(path) = self.doc.path.clone() {
            self.start_save(path, true, AfterSave::Nothing);
        }
    }

    /// After a successful save: the copy whose changes it holds may now be deleted, if the
    /// user wants.
    pub(super) fn offer_to_delete_merged_copy(&mut self) {
        if self.dialog.is_some() {
            return;
        }
        if let Some(copy) = self.sync.copy_saving.take() {
            self.dialog = Some(Dialog::DeleteCopy {
                path: copy.path.clone(),
                hash: copy.opened.fingerprint.hash,
                merged: true,
            });
        }
    }

    /// Banner: a copy holds nothing this file lacks; ask whether to delete it.
    pub(super) fn ask_delete_next_copy(&mut self) {
        if let Some(copy) = self.sync.copies.pop_front() {
            self.dialog = Some(Dialog::DeleteCopy {
                path: copy.path.clone(),
                hash: copy.opened.fingerprint.hash,
                merged: false,
            });
        }
    }

    /// The user agreed: delete the copy in the background, unless it changed since it was read.
    pub(super) fn delete_copy(&mut self) {
        if let Some(Dialog::DeleteCopy { path, hash, .. }) = self.dialog.take() {
            self.jobs.spawn(move || JobResult::CopyDeleted {
                result: conflict_copies::delete_copy(&path, hash),
                path,
            });
        }
    }

    pub(super) fn on_copy_deleted(&mut self, path: PathBuf, result: Result<(), String>) {
        let name = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        match result {
            Ok(()) => self.info(format!("Deleted the conflicted copy \"{name}\".")),
            Err(why) => self.error(format!("The conflicted copy \"{name}\" was not deleted: {why}.")),
        }
    }
}
