//! Opening and saving a project file as a whole, with what is needed to notice that someone
//! else changed the file in between.

use std::path::Path;
use std::time::SystemTime;

use super::format::{self, FileHeader, LoadError};
use super::save::{SaveError, safe_save};
use crate::model::Project;

/// What a file looked like when it was loaded or last saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub modified: Option<SystemTime>,
    /// A hash of the bytes (xxh3): catches changes that keep size and time.
    pub hash: u64,
    /// The revision id inside the file.
    pub revision: String,
}

impl Fingerprint {
    pub fn of(bytes: &[u8], modified: Option<SystemTime>, revision: &str) -> Self {
        Fingerprint {
            size: bytes.len() as u64,
            modified,
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
            revision: revision.to_string(),
        }
    }
}

/// A project read from disk.
#[derive(Debug, Clone)]
pub struct Opened {
    pub project: Project,
    pub header: FileHeader,
    pub fingerprint: Fingerprint,
}

/// Reads, parses and validates a project file. Never writes anything.
pub fn open_project(path: &Path) -> Result<Opened, LoadError> {
    let (project, header, bytes) = format::read_project(path)?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let fingerprint = Fingerprint::of(&bytes, modified, &header.revision);
    Ok(Opened {
        project,
        header,
        fingerprint,
    })
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveFailure {
    /// The file on disk changed since it was loaded or last saved. Nothing was written.
    Conflict,
    Error(SaveError),
}

impl std::fmt::Display for SaveFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveFailure::Conflict => f.write_str("The file was changed by someone else since you opened it."),
            SaveFailure::Error(e) => e.fmt(f),
        }
    }
}

/// A completed save.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub fingerprint: Fingerprint,
}

/// Saves `project` to `path` with a new revision id.
///
/// `expected` is the fingerprint from the last load or save of this same path: if the file on
/// disk no longer matches it, nothing is written and [`SaveFailure::Conflict`] is returned,
/// unless `overwrite` is set. `None` (a new file, or Save As) writes without checking.
pub fn save_project(
    path: &Path,
    project: &Project,
    expected: Option<&Fingerprint>,
    overwrite: bool,
) -> Result<Saved, SaveFailure> {
    if let (Some(expected), false) = (expected, overwrite)
        && changed_on_disk(path, expected)
    {
        return Err(SaveFailure::Conflict);
    }
    let revision = format::new_revision();
    let bytes = format::to_bytes_signed(project, &revision, Some(&format::SavedBy::current()));
    safe_save(path, &bytes).map_err(SaveFailure::Error)?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Saved {
        fingerprint: Fingerprint::of(&bytes, modified, &revision),
    })
}

/// True when the bytes on disk differ from what `expected` describes (or the file vanished).
/// A changed time with identical bytes is not a change.
pub fn changed_on_disk(path: &Path, expected: &Fingerprint) -> bool {
    match std::fs::read(path) {
        Ok(bytes) => bytes.len() as u64 != expected.size || xxhash_rust::xxh3::xxh3_64(&bytes) != expected.hash,
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    #[test]
    fn a_change_with_the_same_size_and_restored_time_is_a_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let project = template::standard();
        let saved = save_project(&path, &project, None, false).unwrap();
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();

        // Someone else changes one character, keeping the size, and the time is put back.
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes.iter().position(|b| *b == b'N').unwrap();
        bytes[at] = b'M';
        std::fs::write(&path, &bytes).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), saved.fingerprint.size);

        let result = save_project(&path, &project, Some(&saved.fingerprint), false);
        assert_eq!(result.unwrap_err(), SaveFailure::Conflict);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "their version is untouched");
        save_project(&path, &project, Some(&saved.fingerprint), true).expect("overwrite when asked to");
    }

    #[test]
    fn a_changed_time_with_the_same_bytes_is_not_a_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let project = template::standard();
        let saved = save_project(&path, &project, None, false).unwrap();
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(save_project(&path, &project, Some(&saved.fingerprint), false).is_ok());
    }

    #[test]
    fn every_save_renews_the_revision_inside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let project = template::standard();
        let first = save_project(&path, &project, None, false).unwrap();
        let second = save_project(&path, &project, Some(&first.fingerprint), false).unwrap();
        assert_ne!(first.fingerprint.revision, second.fingerprint.revision);
        assert_eq!(
            open_project(&path).unwrap().header.revision,
            second.fingerprint.revision
        );
    }

    #[test]
    fn a_vanished_file_counts_as_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let saved = save_project(&path, &template::standard(), None, false).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(changed_on_disk(&path, &saved.fingerprint));
    }
}
