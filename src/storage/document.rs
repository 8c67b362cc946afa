//! Opening and saving a project file as a whole, with what is needed to notice that someone
//! else changed the file in between.

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use super::format::{self, FileHeader, LoadError};
use super::history::Lineage;
use super::packed::Packed;
use super::save::{RealDisk, SaveError, WriteFailure, create_file, replace_file};
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
    /// The file's bytes (packed later): the base of the next merge for a window that shows this.
    pub packed: Arc<Packed>,
}

/// Reads, parses and validates a project file. Never writes anything.
pub fn open_project(path: &Path) -> Result<Opened, LoadError> {
    let bytes = format::read_bounded(path, format::MAX_PROJECT_BYTES).map_err(|reason| LoadError {
        path: path.to_path_buf(),
        kind: format::LoadErrorKind::Io(reason),
    })?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    opened_from_bytes(path, bytes, modified)
}

/// Parses and validates the `bytes` read from `path`. They are kept for the merge base, to be
/// packed later ([`Packed::pack`]).
pub fn opened_from_bytes(path: &Path, bytes: Vec<u8>, modified: Option<SystemTime>) -> Result<Opened, LoadError> {
    let (project, header) = format::from_bytes(path, &bytes)?;
    let fingerprint = Fingerprint::of(&bytes, modified, &header.revision);
    Ok(Opened {
        project,
        header,
        fingerprint,
        packed: Arc::new(Packed::later(path, bytes)),
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
    /// The project id and history as written, this save's entry included.
    pub lineage: Lineage,
    /// Who saved, as written in the file.
    pub saved_by: Option<format::SavedBy>,
    /// What was written, packed: the base of the next merge.
    pub packed: Arc<Packed>,
}

/// Saves `project` to `path` with a new revision id.
///
/// `expected` is the fingerprint from the last load or save of this same path: if the file on
/// disk no longer matches it, nothing is written and [`SaveFailure::Conflict`] is returned,
/// unless `overwrite` is set. `None` (a new file, or Save As) writes without checking. The check
/// is made again just before the file is replaced, so a colleague's save in between is caught.
///
/// What is written is first read back as a project: a save never puts in place a file that
/// Steward itself would refuse to open, or one that opens as something else.
pub fn save_project(
    path: &Path,
    project: &Project,
    expected: Option<&Fingerprint>,
    overwrite: bool,
) -> Result<Saved, SaveFailure> {
    save_project_with(path, project, expected, overwrite, &Lineage::default(), "saved")
}

/// [`save_project`], continuing the file's `lineage` (its project id and history) with an
/// entry for this save that says what changed (`summary`).
pub fn save_project_with(
    path: &Path,
    project: &Project,
    expected: Option<&Fingerprint>,
    overwrite: bool,
    lineage: &Lineage,
    summary: &str,
) -> Result<Saved, SaveFailure> {
    let check = expected.filter(|_| !overwrite);
    if let Some(expected) = check
        && changed_on_disk(path, expected)
    {
        return Err(SaveFailure::Conflict);
    }
    let revision = format::new_revision();
    let saved_by = format::SavedBy::current();
    let lineage = lineage.after_save(&revision, &saved_by, summary);
    let bytes = verified_bytes_full(path, project, &revision, Some(&saved_by), &lineage).map_err(SaveFailure::Error)?;
    let unchanged = |target: &Path| check.is_none_or(|expected| !changed_on_disk(target, expected));
    match replace_file(path, &bytes, true, &RealDisk, Some(&unchanged)) {
        Ok(()) => {}
        Err(WriteFailure::Changed) => return Err(SaveFailure::Conflict),
        Err(WriteFailure::Error(e)) => return Err(SaveFailure::Error(e)),
    }
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Saved {
        fingerprint: Fingerprint::of(&bytes, modified, &revision),
        lineage,
        saved_by: Some(saved_by),
        packed: Arc::new(Packed::of(path, &bytes)),
    })
}

/// Creates a new project file at `path`; fails when anything is there already, even when
/// another process creates the same file at the same moment.
pub fn create_project(path: &Path, project: &Project) -> Result<Saved, SaveError> {
    let revision = format::new_revision();
    let bytes = verified_bytes(path, project, &revision)?;
    create_file(path, &bytes)?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Saved {
        fingerprint: Fingerprint::of(&bytes, modified, &revision),
        lineage: Lineage::default(),
        saved_by: None,
        packed: Arc::new(Packed::of(path, &bytes)),
    })
}

/// The file's bytes, once they are proven to load back as the very same project.
pub fn verified_bytes(path: &Path, project: &Project, revision: &str) -> Result<Vec<u8>, SaveError> {
    verified_bytes_signed(path, project, revision, None)
}

/// [`verified_bytes`], naming who saved the file.
pub fn verified_bytes_signed(
    path: &Path,
    project: &Project,
    revision: &str,
    saved_by: Option<&format::SavedBy>,
) -> Result<Vec<u8>, SaveError> {
    verified_bytes_full(path, project, revision, saved_by, &Lineage::default())
}

/// [`verified_bytes_signed`], with the project id and history of saves.
pub fn verified_bytes_full(
    path: &Path,
    project: &Project,
    revision: &str,
    saved_by: Option<&format::SavedBy>,
    lineage: &Lineage,
) -> Result<Vec<u8>, SaveError> {
    let bytes = format::to_bytes_with_lineage(project, revision, saved_by, lineage);
    let refuse = |why: String| SaveError {
        path: path.to_path_buf(),
        reason: format!("Steward would not be able to open what it was about to write ({why})"),
    };
    match format::from_bytes(path, &bytes) {
        Ok((back, _)) if back == *project => Ok(bytes),
        Ok(_) => Err(refuse("the written project would read back differently".into())),
        Err(e) => Err(refuse(match e.kind {
            format::LoadErrorKind::Invalid(problems) => problems.join("; "),
            format::LoadErrorKind::Json(why) => why,
            other => format!("{other:?}"),
        })),
    }
}

/// True when the bytes on disk differ from what `expected` describes (or the file vanished).
/// A changed time with identical bytes is not a change.
pub fn changed_on_disk(path: &Path, expected: &Fingerprint) -> bool {
    match format::read_bounded(path, format::MAX_PROJECT_BYTES) {
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
    fn every_save_adds_to_the_files_history_and_keeps_its_project_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let project = template::standard();
        let first = save_project_with(&path, &project, None, false, &Lineage::default(), "new project").unwrap();
        let second = save_project_with(
            &path,
            &project,
            Some(&first.fingerprint),
            false,
            &first.lineage,
            "1 stakeholder edited",
        )
        .unwrap();
        let opened = open_project(&path).unwrap();
        let lineage = &opened.header.lineage;
        assert_eq!(
            lineage, &second.lineage,
            "what the save says it wrote is what the file holds"
        );
        assert_eq!(lineage.project_id, first.lineage.project_id);
        assert!(lineage.project_id.is_some());
        let entries: Vec<(&str, &str)> = lineage
            .history
            .iter()
            .map(|e| (e.revision.as_str(), e.summary.as_str()))
            .collect();
        assert_eq!(
            entries,
            [
                (first.fingerprint.revision.as_str(), "new project"),
                (second.fingerprint.revision.as_str(), "1 stakeholder edited")
            ]
        );
        assert_eq!(lineage.history[1].by, opened.header.saved_by.unwrap());
        assert_eq!(opened.project, project, "the history is not part of the project");
    }

    #[test]
    fn a_vanished_file_counts_as_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let saved = save_project(&path, &template::standard(), None, false).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(changed_on_disk(&path, &saved.fingerprint));
    }

    #[test]
    fn a_save_never_writes_a_file_that_would_not_open_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let mut project = template::standard();
        let saved = save_project(&path, &project, None, false).unwrap();
        let before = std::fs::read(&path).unwrap();
        for overall in [f32::INFINITY, f32::NAN, 1e30, -5.0] {
            project.readiness_history = vec![crate::model::ReadinessSnapshot {
                date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                overall,
                areas: Vec::new(),
                extra: Default::default(),
            }];
            let err = save_project(&path, &project, Some(&saved.fingerprint), false).unwrap_err();
            let text = err.to_string();
            assert!(text.contains("would not be able to open"), "{text}");
            assert!(text.contains("was not changed"), "{text}");
            assert_eq!(std::fs::read(&path).unwrap(), before, "untouched for {overall}");
        }
        assert!(create_project(&dir.path().join("q.json"), &project).is_err());
        assert!(!dir.path().join("q.json").exists());
    }

    #[test]
    fn a_huge_percentage_cannot_pass_a_check_and_vanish_on_upgrade() {
        // Before: `check` accepted 1e39 (read as infinity), and a save wrote `null`.
        let text =
            r#"{"format_version":1,"details":{"name":"x"},"readiness_history":[{"date":"2026-01-01","overall":1e39}]}"#;
        assert!(format::from_bytes(Path::new("p.json"), text.as_bytes()).is_err());
    }

    #[test]
    fn create_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        std::fs::write(&path, b"someone's work").unwrap();
        let err = create_project(&path, &template::standard()).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"someone's work");
    }
}
