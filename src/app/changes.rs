//! "What changed since you last opened it": the file's history of saves, from the revision
//! this user saw last. That revision is kept per user in the local data folder (never in the
//! project) and written off the UI thread whenever the window shows a new version of the file.

use super::StewardApp;
use crate::storage::history::{self, Unseen};
use crate::storage::seen;

impl StewardApp {
    /// Remembers, in the background, that this user has seen the version now shown.
    pub(super) fn remember_seen(&self) {
        let (Some(dir), Some(path), Some(fingerprint)) = (
            self.dirs.data.clone(),
            self.doc.path.clone(),
            self.doc.fingerprint.as_ref(),
        ) else {
            return;
        };
        let revision = fingerprint.revision.clone();
        let lineage = self.doc.lineage.clone();
        std::thread::spawn(move || {
            if let Err(err) = seen::remember(&dir, &path, &lineage, &revision) {
                log::warn!("could not note which version was seen in {}: {err}", dir.display());
            }
        });
    }

    /// The saves of the open file this user has not seen, oldest first.
    pub fn unseen_saves(&self) -> Unseen<'_> {
        history::unseen(
            &self.doc.lineage.history,
            self.sync.seen_before.as_deref(),
            &self.sync.own_revisions,
        )
    }

    /// How many saves by others came since the user last opened the file, for the Overview:
    /// 0 also when this is their first visit (there is no "since" to count from); `None` for a
    /// project that has no file yet.
    pub fn unseen_count(&self) -> Option<usize> {
        self.doc.path.as_ref()?;
        if self.sync.seen_before.is_none() {
            return Some(0);
        }
        Some(self.unseen_saves().entries.len())
    }
}
