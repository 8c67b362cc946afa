//! A project file's bytes, deflated: the version an open window keeps as the base of the next
//! three-way merge. Kept whole, that version would hold the project in memory a second time
//! (about 25 MB at 10,000 records per list); deflated it is about a tenth of the file, and
//! unpacking it (inflate, then the same parse and checks as opening) only happens when someone
//! else's save has to be merged or a save describes what changed, both off the UI thread.
//!
//! A file just opened keeps its bytes as they are until [`Packed::pack`] runs: the window packs
//! them in the background once the project is on screen, so that deflating (about 20 ms for
//! 24 MB) does not compete with reading and showing it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;

use super::format::{self, LoadError, LoadErrorKind};
use crate::model::Project;

/// A project file as it was on disk, deflated (or about to be).
pub struct Packed {
    /// The file the bytes came from (for messages only).
    path: PathBuf,
    stored: Mutex<Stored>,
}

enum Stored {
    /// The file's bytes as read, until they are packed (shared, so that packing and unpacking
    /// need no copy of them).
    Raw(Arc<Vec<u8>>),
    Deflated(Vec<u8>),
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packed({}, {} bytes)", self.path.display(), self.size())
    }
}

impl Clone for Packed {
    fn clone(&self) -> Packed {
        let stored = match &*self.lock() {
            Stored::Raw(bytes) => Stored::Raw(bytes.clone()),
            Stored::Deflated(bytes) => Stored::Deflated(bytes.clone()),
        };
        Packed {
            path: self.path.clone(),
            stored: Mutex::new(stored),
        }
    }
}

/// Two packs are equal when they hold the same file bytes.
impl PartialEq for Packed {
    fn eq(&self, other: &Packed) -> bool {
        self.path == other.path && self.bytes().ok() == other.bytes().ok()
    }
}

impl Packed {
    /// Packs the bytes of the file at `path` now. Level 1: the text of a project deflates to
    /// about a tenth at that level already; higher levels take many times longer for little more.
    pub fn of(path: &Path, file_bytes: &[u8]) -> Packed {
        Packed {
            path: path.to_path_buf(),
            stored: Mutex::new(Stored::Deflated(deflate(file_bytes))),
        }
    }

    /// Keeps the bytes of the file at `path` as they are, until [`Packed::pack`].
    pub fn later(path: &Path, file_bytes: Vec<u8>) -> Packed {
        Packed {
            path: path.to_path_buf(),
            stored: Mutex::new(Stored::Raw(Arc::new(file_bytes))),
        }
    }

    /// Deflates the bytes if that was left for later (on the calling thread; the lock is not
    /// held meanwhile, so an unpack is never kept waiting).
    pub fn pack(&self) {
        let raw = match &*self.lock() {
            Stored::Raw(bytes) => bytes.clone(),
            Stored::Deflated(_) => return,
        };
        let deflated = deflate(&raw);
        drop(raw);
        *self.lock() = Stored::Deflated(deflated);
    }

    /// Whether the bytes are deflated by now.
    pub fn is_packed(&self) -> bool {
        matches!(&*self.lock(), Stored::Deflated(_))
    }

    /// The project again, read and checked as when the file is opened.
    pub fn unpack(&self) -> Result<Project, LoadError> {
        let bytes = self.bytes()?;
        format::from_bytes(&self.path, &bytes).map(|(project, _)| project)
    }

    /// How many bytes it takes.
    pub fn size(&self) -> usize {
        match &*self.lock() {
            Stored::Raw(bytes) => bytes.len(),
            Stored::Deflated(bytes) => bytes.len(),
        }
    }

    /// The file's bytes.
    fn bytes(&self) -> Result<Arc<Vec<u8>>, LoadError> {
        let deflated = match &*self.lock() {
            Stored::Raw(bytes) => return Ok(bytes.clone()),
            Stored::Deflated(bytes) => bytes.clone(),
        };
        let mut bytes = Vec::new();
        DeflateDecoder::new(deflated.as_slice())
            .read_to_end(&mut bytes)
            .map_err(|e| LoadError {
                path: self.path.clone(),
                kind: LoadErrorKind::Io(format!("the copy kept in memory is damaged ({e})")),
            })?;
        Ok(Arc::new(bytes))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Stored> {
        // The data inside stays whole even if a thread panicked while holding the lock.
        self.stored.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::with_capacity(bytes.len() / 8), Compression::fast());
    // Writing into a Vec cannot fail.
    encoder.write_all(bytes).expect("deflate into memory");
    let mut deflated = encoder.finish().expect("deflate into memory");
    deflated.shrink_to_fit();
    deflated
}

/// What a merge with the file at `path` starts from: the file, opened, and `base`, unpacked.
/// Both take about as long, so they run side by side.
pub fn open_with_base(path: &Path, base: &Packed) -> (Result<super::Opened, LoadError>, Result<Project, LoadError>) {
    std::thread::scope(|scope| {
        let unpacking = std::thread::Builder::new()
            .name("steward-unpack".into())
            .spawn_scoped(scope, || base.unpack());
        let theirs = super::open_project(path);
        let base = match unpacking.map(|u| u.join()) {
            Ok(Ok(unpacked)) => unpacked,
            // No thread to spare: unpack here.
            _ => base.unpack(),
        };
        (theirs, base)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Sizes, generate};

    #[test]
    fn a_packed_file_unpacks_to_the_same_project_and_is_much_smaller() {
        let project = generate(Sizes::uniform(300), 5);
        let bytes = format::to_bytes(&project, "r1");
        let packed = Packed::of(Path::new("p.json"), &bytes);
        assert_eq!(packed.unpack().expect("unpacks"), project);
        assert!(packed.size() * 4 < bytes.len(), "{} of {}", packed.size(), bytes.len());
    }

    #[test]
    fn bytes_kept_for_later_unpack_the_same_before_and_after_packing() {
        let project = generate(Sizes::uniform(200), 6);
        let bytes = format::to_bytes(&project, "r1");
        let packed = Packed::later(Path::new("p.json"), bytes.clone());
        assert!(!packed.is_packed());
        assert_eq!(packed.size(), bytes.len());
        assert_eq!(packed.unpack().expect("unpacks"), project);
        packed.pack();
        assert!(packed.is_packed());
        assert!(packed.size() * 4 < bytes.len());
        assert_eq!(packed.unpack().expect("unpacks"), project);
        assert!(packed == Packed::of(Path::new("p.json"), &bytes));
    }

    #[test]
    fn damaged_packed_bytes_are_an_error_naming_the_file() {
        let packed = Packed::of(Path::new("shared/p.json"), b"{}");
        *packed.lock() = Stored::Deflated(vec![0xff; 16]);
        let err = packed.unpack().expect_err("damaged");
        assert!(err.to_string().contains("p.json"), "{err}");
    }
}
