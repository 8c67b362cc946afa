//! Storage: the file format and safe saving. No UI here.

pub mod conflict_copies;
pub mod diagnose;
pub mod document;
pub mod format;
pub mod history;
pub mod lock;
pub mod naming;
pub mod packed;
pub mod recovery;
pub mod save;
pub mod seen;
pub mod watch;

pub use document::{
    Fingerprint, Opened, SaveFailure, Saved, changed_on_disk, create_project, open_project, opened_from_bytes,
    save_project, save_project_with, verified_bytes,
};
pub use history::{HistoryEntry, Lineage};
pub use packed::Packed;

pub use format::{
    FORMAT_VERSION, FileHeader, LoadError, LoadErrorKind, SavedBy, from_bytes, json_schema, new_revision, read_project,
    to_bytes, to_bytes_signed, to_bytes_with_lineage,
};
pub use lock::{LockGuard, LockInfo, LockRefused, acquire_lock, force_acquire, lock_path, read_lock};
pub use save::{ALREADY_EXISTS, SaveError, atomic_write, backup_path, create_file, real_path, safe_save};

/// The bundled demo project, read as a user's file is: for the unit tests that draw or export it.
#[cfg(test)]
pub(crate) fn demo_project() -> crate::model::Project {
    let bytes = include_bytes!("../../assets/demo.json");
    from_bytes(std::path::Path::new("demo.json"), bytes)
        .expect("the demo is valid")
        .0
}
