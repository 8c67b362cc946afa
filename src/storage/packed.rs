//! A project file's bytes, deflated: the version an open window keeps as the base of the next
//! three-way merge. Kept whole, that version would hold the project in memory a second time
//! (about 25 MB at 10,000 records per list); deflated it is about a tenth of the file, and
//! unpacking it (inflate, then the same parse and checks as opening) only happens when someone
//! else's save has to be merged or a save describes what changed, both off the UI thread.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;

use super::format::{self, LoadError, LoadErrorKind};
use crate::model::Project;

/// A project file as it was on disk, deflated.
#[derive(Clone, PartialEq, Eq)]
pub struct Packed {
    /// The file the bytes came from (for messages only).
    path: PathBuf,
    deflated: Vec<u8>,
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packed({}, {} bytes)", self.path.display(), self.deflated.len())
    }
}

impl Packed {
    /// Packs the bytes of the file at `path`. Level 1: the text of a project deflates to about
    /// a tenth at that level already, in about 20 ms for 24 MB; higher levels take many times
    /// longer for little more.
    pub fn of(path: &Path, file_bytes: &[u8]) -> Packed {
        let mut encoder = DeflateEncoder::new(Vec::with_capacity(file_bytes.len() / 8), Compression::fast());
        // Writing into a Vec cannot fail.
        encoder.write_all(file_bytes).expect("deflate into memory");
        let mut deflated = encoder.finish().expect("deflate into memory");
        deflated.shrink_to_fit();
        Packed {
            path: path.to_path_buf(),
            deflated,
        }
    }

    /// The project again, read and checked as when the file is opened.
    pub fn unpack(&self) -> Result<Project, LoadError> {
        let mut bytes = Vec::new();
        DeflateDecoder::new(self.deflated.as_slice())
            .read_to_end(&mut bytes)
            .map_err(|e| LoadError {
                path: self.path.clone(),
                kind: LoadErrorKind::Io(format!("the copy kept in memory is damaged ({e})")),
            })?;
        format::from_bytes(&self.path, &bytes).map(|(project, _)| project)
    }

    /// How many bytes it takes.
    pub fn size(&self) -> usize {
        self.deflated.len()
    }
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
    fn damaged_packed_bytes_are_an_error_naming_the_file() {
        let mut packed = Packed::of(Path::new("shared/p.json"), b"{}");
        packed.deflated = vec![0xff; 16];
        let err = packed.unpack().expect_err("damaged");
        assert!(err.to_string().contains("p.json"), "{err}");
    }
}
