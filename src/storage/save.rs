//! Writing files so that a crash or a failure never leaves a half-written or lost file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::format::io_reason;

/// Why a save failed. The original file is untouched whenever this is returned.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveError {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Could not save \"{}\": {}. The file on disk was not changed.",
            self.path.display(),
            self.reason
        )
    }
}

impl std::error::Error for SaveError {}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written, flushed,
/// given the original's permissions and renamed over the target, then the folder is flushed.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |e: std::io::Error| SaveError {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions()).map_err(fail)?;
    }
    // On error the temporary file is dropped, which deletes it.
    temp.persist(path).map_err(|e| fail(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Flushes the folder entry so the rename itself survives a power cut. Best effort.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
