//! Recovery copies: while there are unsaved changes, the app writes the project to the user's
//! local data folder (never to the shared drive) now and then. After a crash they are offered
//! at the next start. A normal save or an explicit discard removes them.
//!
//! One copy is kept per document, named after a hash of its path, so copies are replaced rather
//! than piling up. Each copy records the original path and when it was written.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::format::{self, LoadError};
use super::save::{SaveError, atomic_write};
use crate::model::Project;

/// What a recovery copy says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Envelope {
    /// The document it belongs to; `None` for a project that was never saved.
    original: Option<PathBuf>,
    /// RFC 3339.
    saved_at: String,
    /// The process that wrote it: a copy of a Steward that is still running is not offered.
    #[serde(default)]
    pid: u32,
    /// The project file's contents, exactly as a save would write them.
    project: serde_json::Value,
}

/// A recovery copy found in the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryEntry {
    pub original: Option<PathBuf>,
    pub saved_at: String,
    /// The process that wrote it.
    pub pid: u32,
    /// Where the copy itself is.
    pub file: PathBuf,
}

impl RecoveryEntry {
    /// "p.json, 2026-11-23 14:02", for the restore dialog.
    pub fn describe(&self) -> String {
        let name = self
            .original
            .as_deref()
            .map_or_else(|| "An unsaved new project".to_string(), |p| p.display().to_string());
        let when = chrono::DateTime::parse_from_rfc3339(&self.saved_at)
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|_| self.saved_at.clone());
        format!("{name}, last kept {when}")
    }
}

/// The copy's file name for a document: stable per path.
fn file_for(dir: &Path, original: Option<&Path>) -> PathBuf {
    let key = original.map_or(0, |p| xxhash_rust::xxh3::xxh3_64(p.to_string_lossy().as_bytes()));
    dir.join(format!("recovery-{key:016x}.json"))
}

/// Writes (or replaces) the recovery copy for `original`. Returns where it went.
pub fn write_recovery(dir: &Path, original: Option<&Path>, project: &Project) -> Result<PathBuf, SaveError> {
    std::fs::create_dir_all(dir).map_err(|e| SaveError {
        path: dir.to_path_buf(),
        reason: format::io_reason(&e),
    })?;
    let bytes = format::to_bytes(project, "recovery");
    let envelope = Envelope {
        original: original.map(Path::to_path_buf),
        saved_at: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        pid: std::process::id(),
        project: serde_json::from_slice(&bytes).expect("a project serializes to JSON"),
    };
    let file = file_for(dir, original);
    atomic_write(&file, &serde_json::to_vec(&envelope).expect("an envelope serializes"))?;
    Ok(file)
}

/// Every readable recovery copy in the folder, newest first. Broken ones are skipped.
pub fn list_recoveries(dir: &Path) -> Vec<RecoveryEntry> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<RecoveryEntry> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("recovery-"))
        })
        .filter_map(|file| {
            let envelope: Envelope = serde_json::from_slice(&std::fs::read(&file).ok()?).ok()?;
            Some(RecoveryEntry {
                original: envelope.original,
                saved_at: envelope.saved_at,
                pid: envelope.pid,
                file,
            })
        })
        .collect();
    found.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
    found
}

/// Reads the project out of a recovery copy.
pub fn load_recovery(entry: &RecoveryEntry) -> Result<Project, LoadError> {
    let bytes = std::fs::read(&entry.file).map_err(|e| LoadError {
        path: entry.file.clone(),
        kind: format::LoadErrorKind::Io(format::io_reason(&e)),
    })?;
    let envelope: Envelope = serde_json::from_slice(&bytes).map_err(|e| LoadError {
        path: entry.file.clone(),
        kind: format::LoadErrorKind::Json(e.to_string()),
    })?;
    let inner = serde_json::to_vec(&envelope.project).expect("a JSON value serializes");
    format::from_bytes(&entry.file, &inner).map(|(project, _)| project)
}

/// Removes the recovery copy for `original`, if any.
pub fn remove_recovery(dir: &Path, original: Option<&Path>) {
    let _ = std::fs::remove_file(file_for(dir, original));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    #[test]
    fn a_copy_round_trips_and_is_replaced_not_accumulated() {
        let dir = tempfile::tempdir().unwrap();
        let original = Path::new("/share/projects/p.json");
        let mut project = template::standard();
        write_recovery(dir.path(), Some(original), &project).unwrap();
        project.details.name = "Changed".into();
        write_recovery(dir.path(), Some(original), &project).unwrap();
        write_recovery(dir.path(), None, &template::standard()).unwrap();

        let found = list_recoveries(dir.path());
        assert_eq!(found.len(), 2);
        let mine = found.iter().find(|e| e.original.as_deref() == Some(original)).unwrap();
        assert_eq!(load_recovery(mine).unwrap(), project);
        assert!(mine.describe().contains("/share/projects/p.json"));

        remove_recovery(dir.path(), Some(original));
        assert_eq!(list_recoveries(dir.path()).len(), 1);
        assert_eq!(list_recoveries(dir.path())[0].original, None);
    }

    #[test]
    fn broken_copies_are_skipped_and_a_missing_folder_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("recovery-0000000000000001.json"), b"{half").unwrap();
        assert!(list_recoveries(dir.path()).is_empty());
        assert!(list_recoveries(&dir.path().join("nope")).is_empty());
    }
}
