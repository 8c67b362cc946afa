//! Writing files so that a crash or a failure never leaves a half-written or lost file.
//!
//! A save writes a temporary file in the same folder, flushes it, gives it the original's
//! permissions, keeps the previous version as `NAME.bak`, renames the temporary file over the
//! target (retrying briefly, as network shares refuse renames for a moment when another program
//! glances at the file), and flushes the folder. Any failure leaves the original untouched and
//! removes the temporary file.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::format::io_reason;

/// How many times a refused rename is tried before the save gives up.
const RENAME_TRIES: u32 = 5;

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

/// The file-system steps of a save. Tests replace some of them to simulate a full disk, a
/// read-only folder or a share that refuses renames; the app always uses [`RealDisk`].
pub trait Disk {
    fn create_temp(&self, dir: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
        tempfile::Builder::new().prefix(prefix).suffix(".tmp").tempfile_in(dir)
    }
    fn write(&self, file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
        file.write_all(bytes)?;
        file.sync_all()
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::rename(from, to)
    }
}

/// The real file system.
pub struct RealDisk;
impl Disk for RealDisk {}

/// The backup kept beside a project: `NAME.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{name}.bak"))
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` atomically, with no backup (for small files: preferences, locks).
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_file(path, bytes, false, &RealDisk)
}

/// Saves `bytes` over `path` safely, keeping the previous version as `NAME.bak`.
pub fn safe_save(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_file(path, bytes, true, &RealDisk)
}

/// [`safe_save`] through the given disk steps.
pub fn write_file(path: &Path, bytes: &[u8], keep_backup: bool, disk: &dyn Disk) -> Result<(), SaveError> {
    let fail = |e: std::io::Error| SaveError {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let dir = folder_of(path);
    if !dir.is_dir() {
        return Err(SaveError {
            path: path.to_path_buf(),
            reason: "its folder no longer exists (the drive may be disconnected)".into(),
        });
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The temporary file deletes itself when dropped, on every early return below.
    let mut temp = disk.create_temp(&dir, &format!(".{file_name}.")).map_err(fail)?;
    disk.write(temp.as_file_mut(), bytes).map_err(fail)?;
    // Keep the original's permissions; a new file gets what any new file in that folder gets
    // (temporary files are private, which would lock colleagues out of a shared project).
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => new_file_permissions(&dir),
    };
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    if keep_backup && path.exists() {
        // Windows refuses even the backup's rename while another program holds the file.
        with_retries(|| make_backup(path, &dir, &file_name, disk)).map_err(fail)?;
    }
    with_retries(|| disk.rename(temp.path(), path)).map_err(fail)?;
    // The temporary file is now the target: make sure dropping `temp` does not delete it.
    let _ = temp.into_temp_path().keep();
    sync_dir(&dir);
    Ok(())
}

/// Runs `step`, trying again a few times with growing pauses while it fails in a way that
/// usually passes (see [`transient`]).
fn with_retries(mut step: impl FnMut() -> std::io::Result<()>) -> std::io::Result<()> {
    let mut attempt = 0;
    loop {
        match step() {
            Ok(()) => return Ok(()),
            Err(e) if attempt + 1 < RENAME_TRIES && transient(&e) => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(20 << attempt));
            }
            Err(e) => return Err(e),
        }
    }
}

/// The permissions a newly created file gets in `dir` (the user's umask applied), found by
/// creating and removing a small probe file.
fn new_file_permissions(dir: &Path) -> Option<std::fs::Permissions> {
    let probe = dir.join(format!(".steward-probe-{}", uuid::Uuid::new_v4()));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .ok()?;
    let permissions = file.metadata().ok().map(|m| m.permissions());
    drop(file);
    let _ = std::fs::remove_file(&probe);
    permissions
}

/// Errors a share reports for a moment while another program holds the file.
fn transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        PermissionDenied | ResourceBusy | WouldBlock | Interrupted | TimedOut
    ) || crate::platform::file_in_use(e)
}

/// Keeps the current file as `NAME.bak`: a hard link where the file system has them (instant,
/// no copy), otherwise a full copy. Written under a temporary name and renamed into place.
///
/// The temporary name is new for every attempt, and a copy is only ever written into a file
/// this call created: a link left behind by a refused attempt is a second name of the
/// original itself, and writing through it would destroy the original.
fn make_backup(path: &Path, dir: &Path, file_name: &str, disk: &dyn Disk) -> std::io::Result<()> {
    let staging = dir.join(format!(".{file_name}.{}.bak.tmp", uuid::Uuid::new_v4().simple()));
    // On Windows a link shares the original's open handles: while another program holds the
    // file, the link could be neither renamed nor removed. A copy has no such tie.
    let linked = !cfg!(windows) && std::fs::hard_link(path, &staging).is_ok();
    if !linked {
        let mut copy = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&staging)?;
        let original = std::fs::read(path);
        if let Err(e) = original.and_then(|bytes| disk.write(&mut copy, &bytes)) {
            drop(copy);
            let _ = std::fs::remove_file(&staging);
            return Err(e);
        }
    }
    let result = disk.rename(&staging, &backup_path(path));
    if result.is_err() {
        let _ = std::fs::remove_file(&staging);
    }
    result
}

/// Flushes the folder entry so the rename itself survives a power cut. Best effort.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::io::ErrorKind;

    use super::*;

    /// Fails the first `failures` renames with the given error.
    struct RefusingRename {
        failures: Cell<u32>,
        kind: ErrorKind,
    }
    impl Disk for RefusingRename {
        fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
            if self.failures.get() > 0 && !from.to_string_lossy().ends_with(".bak.tmp") {
                self.failures.set(self.failures.get() - 1);
                return Err(std::io::Error::from(self.kind));
            }
            std::fs::rename(from, to)
        }
    }

    /// Writes half the bytes, then reports a full disk.
    struct FullDisk;
    impl Disk for FullDisk {
        fn write(&self, file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
            file.write_all(&bytes[..bytes.len() / 2])?;
            Err(std::io::Error::from(ErrorKind::StorageFull))
        }
    }

    /// A folder where nothing new can be created.
    struct ReadOnlyFolder;
    impl Disk for ReadOnlyFolder {
        fn create_temp(&self, _: &Path, _: &str) -> std::io::Result<tempfile::NamedTempFile> {
            Err(std::io::Error::from(ErrorKind::ReadOnlyFilesystem))
        }
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        std::fs::write(&path, b"old version").unwrap();
        (dir, path)
    }

    #[test]
    fn a_save_keeps_the_previous_version_as_bak() {
        let (dir, path) = setup();
        safe_save(&path, b"new version").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new version");
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"old version");
        safe_save(&path, b"third").unwrap();
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"new version");
        assert_eq!(files_in(dir.path()), vec!["p.json", "p.json.bak"]);
    }

    #[test]
    fn a_full_disk_leaves_the_original_and_no_temporary_file() {
        let (dir, path) = setup();
        let err = write_file(&path, b"new version that does not fit", true, &FullDisk).unwrap_err();
        assert!(err.to_string().contains("disk is full"), "{err}");
        assert!(err.to_string().contains("p.json"));
        assert_eq!(std::fs::read(&path).unwrap(), b"old version");
        assert_eq!(files_in(dir.path()), vec!["p.json"]);
    }

    #[test]
    fn a_read_only_folder_is_reported_and_nothing_changes() {
        let (dir, path) = setup();
        let err = write_file(&path, b"new", true, &ReadOnlyFolder).unwrap_err();
        assert!(err.reason.contains("read-only"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old version");
        assert_eq!(files_in(dir.path()), vec!["p.json"]);
    }

    #[test]
    fn a_rename_refused_for_a_moment_is_retried() {
        let (_dir, path) = setup();
        let disk = RefusingRename {
            failures: Cell::new(RENAME_TRIES - 1),
            kind: ErrorKind::PermissionDenied,
        };
        write_file(&path, b"new", true, &disk).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn a_rename_refused_for_good_fails_cleanly() {
        let (dir, path) = setup();
        let disk = RefusingRename {
            failures: Cell::new(RENAME_TRIES),
            kind: ErrorKind::PermissionDenied,
        };
        assert!(write_file(&path, b"new", true, &disk).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old version");
        let left: Vec<String> = files_in(dir.path())
            .into_iter()
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_vanished_folder_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("p.json");
        let err = safe_save(&path, b"x").unwrap_err();
        assert!(err.reason.contains("no longer exists"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_ordinary_permissions_not_private_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ordinary = dir.path().join("ordinary");
        std::fs::write(&ordinary, b"x").unwrap();
        let path = dir.path().join("new.json");
        safe_save(&path, b"new").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&ordinary));
        assert_eq!(files_in(dir.path()), vec!["new.json", "ordinary"], "the probe is gone");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_of_the_original_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, path) = setup();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        safe_save(&path, b"new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
