//! The open project with its file, undo history and a generation counter for caches.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::undo::{CoalesceKey, UndoStack};
use crate::model::{Edit, EditError, Project, template};
use crate::storage::{Fingerprint, Lineage, LockGuard, Packed, SavedBy};

/// One open project.
pub struct Document {
    pub project: Project,
    /// The file it came from or was saved to; `None` until first saved.
    pub path: Option<PathBuf>,
    /// What the file looked like at the last load or save, to notice changes by others.
    pub fingerprint: Option<Fingerprint>,
    /// The file as it was at the last load or save, packed: the common ancestor when someone
    /// else's save must be merged with ours (unpacked in a background job only then, so the
    /// project is not held in memory twice). `None` for a project never loaded from or saved
    /// to its file.
    pub base: Option<Arc<Packed>>,
    /// Who wrote the version on disk, when the file says so.
    pub saved_by: Option<SavedBy>,
    /// The file's project id and its last saves, continued by the next save.
    pub lineage: Lineage,
    /// Opened without the right to save over the file (locked by someone else, or by choice).
    pub read_only: bool,
    /// Our lock file beside the project while we may edit it; released when dropped.
    pub lock: Option<LockGuard>,
    pub undo: UndoStack,
    /// Bumped on every change, so derived data knows when to recompute.
    pub generation: u64,
}

impl Document {
    pub fn new_untitled(project: Project) -> Self {
        Document {
            project,
            path: None,
            fingerprint: None,
            base: None,
            saved_by: None,
            lineage: Lineage::default(),
            read_only: false,
            lock: None,
            undo: UndoStack::default(),
            generation: 1,
        }
    }

    pub fn from_template() -> Self {
        Self::new_untitled(template::standard())
    }

    pub fn opened(project: Project, path: PathBuf, fingerprint: Fingerprint, packed: Arc<Packed>) -> Self {
        Document {
            base: Some(packed),
            path: Some(path),
            fingerprint: Some(fingerprint),
            ..Self::new_untitled(project)
        }
    }

    pub fn apply(&mut self, edit: Edit, label: &str, coalesce: Option<CoalesceKey>) -> Result<(), EditError> {
        self.undo.apply(&mut self.project, edit, label, coalesce)?;
        self.generation += 1;
        Ok(())
    }

    pub fn undo(&mut self) -> Option<String> {
        let label = self.undo.undo(&mut self.project)?;
        self.generation += 1;
        Some(label)
    }

    pub fn redo(&mut self) -> Option<String> {
        let label = self.undo.redo(&mut self.project)?;
        self.generation += 1;
        Some(label)
    }

    pub fn is_dirty(&self) -> bool {
        self.undo.is_dirty()
    }

    /// The file name for the title bar, or "Untitled".
    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| "Untitled".to_string(), |n| n.to_string_lossy().into_owned())
    }
}
