//! Noticing that the open file changed on disk. Network shares often send no change
//! notifications, so the file is polled; each poll is one `stat` (size, modification time and,
//! on Unix, the file's identity, which a safe save's rename changes). Only when those differ is
//! the file read and hashed, and only when the bytes differ is it parsed and reported.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::document::{Fingerprint, Opened};
use super::format::LoadError;

/// What one `stat` tells about the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    modified: Option<SystemTime>,
    /// The inode on Unix; `None` where unknown.
    identity: Option<u64>,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let identity = Some(std::os::unix::fs::MetadataExt::ino(meta));
        #[cfg(not(unix))]
        let identity = None;
        Stamp {
            size: meta.len(),
            modified: meta.modified().ok(),
            identity,
        }
    }

    /// Same size and time, and the same file where both identities are known.
    fn same_as(&self, other: &Stamp) -> bool {
        self.size == other.size
            && self.modified == other.modified
            && (self.identity.is_none() || other.identity.is_none() || self.identity == other.identity)
    }
}

/// What a poll found.
#[derive(Debug)]
pub enum Seen {
    Unchanged,
    /// Someone saved a new version; here it is, read and checked.
    Changed(Box<Opened>),
    /// The file changed but cannot be read as a project (reported once per version).
    Unreadable(LoadError),
    /// The file is gone (moved, deleted, or the drive is disconnected); reported once.
    Missing,
}

/// Watches one file, starting from what it looked like at the last load or save.
pub struct Watcher {
    path: PathBuf,
    stamp: Stamp,
    hash: u64,
    missing: bool,
    reads: u64,
}

impl Watcher {
    pub fn new(path: &Path, known: &Fingerprint) -> Watcher {
        Watcher {
            path: path.to_path_buf(),
            stamp: Stamp {
                size: known.size,
                modified: known.modified,
                identity: None,
            },
            hash: known.hash,
            missing: false,
            reads: 0,
        }
    }

    /// How many times the file was read (not just looked at) so far.
    pub fn reads(&self) -> u64 {
        self.reads
    }

    /// Looks at the file once.
    pub fn poll(&mut self) -> Seen {
        let meta = match std::fs::metadata(&self.path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let first = !self.missing;
                self.missing = true;
                return if first { Seen::Missing } else { Seen::Unchanged };
            }
            // A share that does not answer for a moment: look again next time.
            Err(_) => return Seen::Unchanged,
        };
        self.missing = false;
        let stamp = Stamp::of(&meta);
        if stamp.same_as(&self.stamp) {
            self.stamp = stamp;
            return Seen::Unchanged;
        }
        self.reads += 1;
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(_) => return Seen::Unchanged,
        };
        self.stamp = stamp;
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        if hash == self.hash {
            // Touched, not changed.
            return Seen::Unchanged;
        }
        self.hash = hash;
        match super::document::opened_from_bytes(&self.path, bytes, stamp.modified) {
            Ok(opened) => Seen::Changed(Box::new(opened)),
            Err(err) => Seen::Unreadable(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;
    use crate::storage::save_project;

    #[test]
    fn an_unchanged_file_is_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let saved = save_project(&path, &template::standard(), None, false).unwrap();
        let mut watcher = Watcher::new(&path, &saved.fingerprint);
        for _ in 0..100 {
            assert!(matches!(watcher.poll(), Seen::Unchanged));
        }
        assert_eq!(watcher.reads(), 0);
    }

    #[test]
    fn a_save_by_someone_else_is_seen_once_with_its_project() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let mut project = template::standard();
        let saved = save_project(&path, &project, None, false).unwrap();
        let mut watcher = Watcher::new(&path, &saved.fingerprint);
        project.details.name = "Renamed by Ana".into();
        save_project(&path, &project, Some(&saved.fingerprint), false).unwrap();
        match watcher.poll() {
            Seen::Changed(opened) => {
                assert_eq!(opened.project.details.name, "Renamed by Ana");
                assert!(opened.header.saved_by.is_some(), "the file says who saved it");
            }
            other => panic!("expected a change, got {other:?}"),
        }
        assert_eq!(watcher.reads(), 1);
        assert!(matches!(watcher.poll(), Seen::Unchanged), "reported once");
        assert_eq!(watcher.reads(), 1, "and not read again");
    }

    #[test]
    fn a_touched_file_is_read_but_not_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let saved = save_project(&path, &template::standard(), None, false).unwrap();
        let mut watcher = Watcher::new(&path, &saved.fingerprint);
        let later = SystemTime::now() + std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(matches!(watcher.poll(), Seen::Unchanged));
        assert_eq!(watcher.reads(), 1);
        assert!(matches!(watcher.poll(), Seen::Unchanged));
        assert_eq!(watcher.reads(), 1);
    }

    #[test]
    fn a_vanished_or_broken_file_is_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let saved = save_project(&path, &template::standard(), None, false).unwrap();
        let mut watcher = Watcher::new(&path, &saved.fingerprint);
        std::fs::write(&path, b"{ not json").unwrap();
        assert!(matches!(watcher.poll(), Seen::Unreadable(_)));
        assert!(matches!(watcher.poll(), Seen::Unchanged));
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(watcher.poll(), Seen::Missing));
        assert!(matches!(watcher.poll(), Seen::Unchanged));
    }
}
