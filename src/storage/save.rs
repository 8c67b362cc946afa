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
    fn hard_link(&self, original: &Path, link: &Path) -> std::io::Result<()> {
        std::fs::hard_link(original, link)
    }
    /// Gives `file` an owner and group (unix only; elsewhere files have no such owner).
    #[cfg(unix)]
    fn chown(&self, file: &File, uid: Option<u32>, gid: Option<u32>) -> std::io::Result<()> {
        std::os::unix::fs::fchown(file, uid, gid)
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

/// The file a path stands for: symbolic links followed (at most 40 of them), so that a save
/// updates the real file in its own folder and the link stays a link.
pub fn real_path(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => match std::fs::read_link(&current) {
                Ok(target) if target.is_absolute() => current = target,
                Ok(target) => current = folder_of(&current).join(target),
                Err(_) => break,
            },
            _ => break,
        }
    }
    current
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
    match replace_file(path, bytes, keep_backup, disk, None) {
        Ok(()) => Ok(()),
        Err(WriteFailure::Error(e)) => Err(e),
        Err(WriteFailure::Changed) => unreachable!("no check was asked for"),
    }
}

/// Why [`replace_file`] did not replace the file. The file is untouched in both cases.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteFailure {
    /// `unchanged` said that someone else changed the file meanwhile.
    Changed,
    Error(SaveError),
}

/// Why a folder cannot take the file, in the true words: gone, or not a folder at all.
fn check_folder(dir: &Path) -> Result<(), String> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(format!("\"{}\" is a file, not a folder", dir.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(format!(
            "a part of the folder path \"{}\" is a file, not a folder",
            dir.display()
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err("its folder no longer exists (the drive may be disconnected)".into())
        }
        Err(e) => Err(format!("its folder cannot be reached ({})", io_reason(&e))),
    }
}

/// Replaces `path` (with `keep_backup`, the real file behind any symbolic link) with `bytes`: written to a
/// temporary file first, given the original's owner, group and permissions, the previous
/// version kept as `NAME.bak` when asked, then renamed into place. `unchanged` is asked just
/// before the original is touched; when it answers false nothing is replaced.
pub fn replace_file(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    disk: &dyn Disk,
    unchanged: Option<&dyn Fn(&Path) -> bool>,
) -> Result<(), WriteFailure> {
    let error = |reason: String| {
        WriteFailure::Error(SaveError {
            path: path.to_path_buf(),
            reason,
        })
    };
    let fail = |e: std::io::Error| error(io_reason(&e));
    // A project (saved with a backup) reached through a symbolic link is saved where the link
    // points. Small files written without a backup (locks, preferences) replace a link itself
    // and are never written through it.
    let target = if keep_backup {
        real_path(path)
    } else {
        path.to_path_buf()
    };
    let dir = folder_of(&target);
    check_folder(&dir).map_err(error)?;
    let original = match std::fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => return Err(error("it is a folder, not a file".into())),
        Ok(meta) if !meta.is_file() => {
            return Err(error(
                "it is not a regular file (it is a device, a pipe or a socket)".into(),
            ));
        }
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e)),
    };
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The temporary file deletes itself when dropped, on every early return below.
    let mut temp = disk.create_temp(&dir, &format!(".{file_name}.")).map_err(fail)?;
    disk.write(temp.as_file_mut(), bytes).map_err(fail)?;
    // Keep the original's owner, group and permissions; a new file gets what any new file in
    // that folder gets (temporary files are private, which would lock colleagues out).
    let mut in_place = false;
    match &original {
        Some(meta) => {
            in_place = !give_ownership(temp.as_file(), meta, disk);
            temp.as_file().set_permissions(meta.permissions()).map_err(fail)?;
        }
        None => {
            if let Some(permissions) = new_file_permissions(&dir) {
                temp.as_file().set_permissions(permissions).map_err(fail)?;
            }
        }
    }
    if let Some(unchanged) = unchanged
        && !unchanged(&target)
    {
        return Err(WriteFailure::Changed);
    }
    if keep_backup && let Some(meta) = &original {
        make_backup(&target, &dir, &file_name, meta, in_place, disk).map_err(error)?;
    }
    if in_place {
        // The file belongs to someone else and a new file could not be given to them: write
        // the bytes into the existing file, so that owner and group stay. The backup above is
        // a full copy, so the previous version is safe should this be cut short.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&target)
            .map_err(fail)?;
        disk.write(&mut file, bytes).map_err(fail)?;
        return Ok(());
    }
    let mut attempt = 0;
    loop {
        match disk.rename(temp.path(), &target) {
            Ok(()) => break,
            Err(e) if attempt + 1 < RENAME_TRIES && transient(&e) => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(20 << attempt));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && check_folder(&dir).is_ok() => {
                return Err(error(
                    "another program moved or replaced files in its folder at the same moment; try again".into(),
                ));
            }
            Err(e) => return Err(fail(e)),
        }
    }
    // The temporary file is now the target: make sure dropping `temp` does not delete it.
    let _ = temp.into_temp_path().keep();
    sync_dir(&dir);
    Ok(())
}

/// Gives a new file the owner and group of `original`. False when the owner could not be kept
/// (a colleague's file saved by someone who may not give files away).
#[cfg(unix)]
fn give_ownership(file: &File, original: &std::fs::Metadata, disk: &dyn Disk) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = file.metadata() else {
        return true;
    };
    if now.uid() == original.uid() && now.gid() == original.gid() {
        return true;
    }
    if disk.chown(file, Some(original.uid()), Some(original.gid())).is_ok() {
        return true;
    }
    // Not allowed to give the file away: keep at least the group, if we belong to it.
    let _ = disk.chown(file, None, Some(original.gid()));
    now.uid() == original.uid()
}

#[cfg(not(unix))]
fn give_ownership(_: &File, _: &std::fs::Metadata, _: &dyn Disk) -> bool {
    true
}

/// Creates `path` with `bytes`, failing when anything (a file, a folder, a link) is already
/// there, even when another process creates it at the same moment: the complete file is
/// linked into place in one step, which the file system refuses if the name is taken.
pub fn create_file(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    create_file_with(path, bytes, &RealDisk)
}

/// The reason [`create_file`] gives when the name is taken.
pub const ALREADY_EXISTS: &str = "it already exists; choose a new file name";

pub fn create_file_with(path: &Path, bytes: &[u8], disk: &dyn Disk) -> Result<(), SaveError> {
    let error = |reason: String| SaveError {
        path: path.to_path_buf(),
        reason,
    };
    let fail = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::AlreadyExists => error(ALREADY_EXISTS.into()),
        _ => error(io_reason(&e)),
    };
    let dir = folder_of(path);
    check_folder(&dir).map_err(error)?;
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(error(ALREADY_EXISTS.into()));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = disk.create_temp(&dir, &format!(".{file_name}.")).map_err(fail)?;
    disk.write(temp.as_file_mut(), bytes).map_err(fail)?;
    if let Some(permissions) = new_file_permissions(&dir) {
        temp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    match disk.hard_link(temp.path(), path) {
        // `temp` removes its own name when dropped; the file stays under `path`.
        Ok(()) => {
            sync_dir(&dir);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(fail(e)),
        Err(_) => {
            // No hard links here (some shares): create the name exclusively and fill it.
            drop(temp);
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(fail)?;
            if let Err(e) = disk.write(&mut file, bytes) {
                drop(file);
                let _ = std::fs::remove_file(path);
                return Err(fail(e));
            }
            sync_dir(&dir);
            Ok(())
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

/// Keeps the current file as `NAME.bak`: a hard link where the file system has them (instant,
/// no copy, and the very same permissions), otherwise a copy that gets the original's owner,
/// group and permissions before any byte is written to it. Staged under a name unique to this
/// save, so that two saves at once never take each other's staging file away.
fn make_backup(
    path: &Path,
    dir: &Path,
    file_name: &str,
    original: &std::fs::Metadata,
    must_copy: bool,
    disk: &dyn Disk,
) -> Result<(), String> {
    let backup = backup_path(path);
    if std::fs::symlink_metadata(&backup).is_ok_and(|m| m.is_dir()) {
        return Err(format!(
            "the backup \"{}\" is a folder, not a file; move it away and save again",
            backup.display()
        ));
    }
    let staging = dir.join(format!(".{file_name}.{}.bak.tmp", uuid::Uuid::new_v4().simple()));
    let backup_error = |e: std::io::Error| {
        format!(
            "the backup \"{}\" could not be written: {}",
            backup.display(),
            io_reason(&e)
        )
    };
    // On Windows a link shares the original's open handles: while another program holds the
    // file, the link could be neither renamed nor removed. A copy has no such tie.
    if must_copy || cfg!(windows) || disk.hard_link(path, &staging).is_err() {
        let result = copy_private(path, &staging, original, disk);
        if let Err(e) = result {
            let _ = std::fs::remove_file(&staging);
            return Err(backup_error(e));
        }
    }
    // Windows refuses even the backup's rename for a moment while another program holds it.
    let result = with_retries(|| disk.rename(&staging, &backup));
    if result.is_err() {
        let _ = std::fs::remove_file(&staging);
    }
    result.map_err(backup_error)
}

/// Copies `from` to a new file `to` that is private until it has the original's owner, group
/// and permissions, so that no moment exists in which the copy is more readable.
fn copy_private(from: &Path, to: &Path, original: &std::fs::Metadata, disk: &dyn Disk) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut copy = options.open(to)?;
    let _ = give_ownership(&copy, original, disk);
    copy.set_permissions(original.permissions())?;
    let bytes = std::fs::read(from)?;
    disk.write(&mut copy, &bytes)
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

    #[test]
    fn the_true_cause_is_named_when_the_folder_is_a_file_or_the_backup_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.txt");
        std::fs::write(&file, b"x").unwrap();
        let err = safe_save(&file.join("p.json"), b"x").unwrap_err();
        assert!(err.reason.contains("is a file, not a folder"), "{err}");
        assert!(!err.reason.contains("no longer exists"), "{err}");

        let (dir, path) = setup();
        std::fs::create_dir(backup_path(&path)).unwrap();
        let err = safe_save(&path, b"new").unwrap_err();
        assert!(
            err.reason.contains("the backup") && err.reason.contains("p.json.bak\" is a folder"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"old version");
        assert_eq!(files_in(dir.path()), vec!["p.json", "p.json.bak"]);
    }

    #[test]
    fn a_change_noticed_just_before_replacing_stops_the_save() {
        let (dir, path) = setup();
        let result = replace_file(&path, b"new", true, &RealDisk, Some(&|_: &Path| false));
        assert_eq!(result, Err(WriteFailure::Changed));
        assert_eq!(std::fs::read(&path).unwrap(), b"old version");
        assert_eq!(files_in(dir.path()), vec!["p.json"]);
    }

    #[test]
    fn creating_never_overwrites_even_when_racing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.json");
        let results: Vec<Result<(), SaveError>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let path = path.clone();
                    s.spawn(move || create_file(&path, format!("writer {i}").as_bytes()))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let winners: Vec<usize> = (0..8).filter(|i| results[*i].is_ok()).collect();
        assert_eq!(winners.len(), 1, "{results:?}");
        for r in results.iter().filter(|r| r.is_err()) {
            assert_eq!(r.as_ref().unwrap_err().reason, ALREADY_EXISTS);
        }
        assert_eq!(
            std::fs::read(&path).unwrap(),
            format!("writer {}", winners[0]).as_bytes()
        );
        assert_eq!(files_in(dir.path()), vec!["new.json"], "no temporary file is left");
        // A file, a folder or a link that is already there is never replaced.
        assert_eq!(create_file(&path, b"again").unwrap_err().reason, ALREADY_EXISTS);
        assert_eq!(create_file(dir.path(), b"x").unwrap_err().reason, ALREADY_EXISTS);
    }

    /// A file system without hard links (some shares).
    struct NoHardLinks;
    impl Disk for NoHardLinks {
        fn hard_link(&self, _: &Path, _: &Path) -> std::io::Result<()> {
            Err(std::io::Error::from(ErrorKind::Unsupported))
        }
    }

    #[test]
    fn creating_without_hard_links_still_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.json");
        create_file_with(&path, b"first", &NoHardLinks).unwrap();
        assert_eq!(
            create_file_with(&path, b"second", &NoHardLinks).unwrap_err().reason,
            ALREADY_EXISTS
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(files_in(dir.path()), vec!["new.json"]);
    }

    #[test]
    fn saves_racing_each_other_never_report_a_missing_file() {
        let (_dir, path) = setup();
        std::thread::scope(|s| {
            for writer in 0..3 {
                let path = path.clone();
                s.spawn(move || {
                    for i in 0..40 {
                        let bytes = format!("writer {writer} save {i}");
                        if let Err(e) = safe_save(&path, bytes.as_bytes()) {
                            panic!("a racing save failed: {e}");
                        }
                    }
                });
            }
        });
        assert!(std::fs::read(&path).unwrap().starts_with(b"writer "));
    }

    #[cfg(unix)]
    #[test]
    fn a_save_through_a_symbolic_link_updates_the_real_file() {
        let share = tempfile::tempdir().unwrap();
        let real = share.path().join("plan.json");
        std::fs::write(&real, b"old version").unwrap();
        let local = tempfile::tempdir().unwrap();
        let link = local.path().join("plan.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();

        safe_save(&link, b"new version").unwrap();
        assert!(
            std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "the link stays a link"
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new version");
        assert_eq!(std::fs::read(backup_path(&real)).unwrap(), b"old version");
        assert!(
            !std::fs::symlink_metadata(backup_path(&real))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(files_in(local.path()), vec!["plan.json"], "nothing new beside the link");

        // A relative link, through a second link.
        let second = local.path().join("again.json");
        std::os::unix::fs::symlink("plan.json", &second).unwrap();
        safe_save(&second, b"third").unwrap();
        assert_eq!(std::fs::read(&real).unwrap(), b"third");
        assert_eq!(real_path(&second), real);
    }

    #[cfg(unix)]
    #[test]
    fn a_copied_backup_is_no_more_readable_than_the_original() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, path) = setup();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_file(&path, b"new", true, &NoHardLinks).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&backup_path(&path)), 0o600);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"old version");
    }

    /// Someone who may not give files away (not the owner, not root).
    #[cfg(unix)]
    struct NoChown;
    #[cfg(unix)]
    impl Disk for NoChown {
        fn chown(&self, _: &File, _: Option<u32>, _: Option<u32>) -> std::io::Result<()> {
            Err(std::io::Error::from(ErrorKind::PermissionDenied))
        }
    }

    #[cfg(unix)]
    fn is_root() -> bool {
        // SAFETY: geteuid has no preconditions.
        unsafe { libc::geteuid() == 0 }
    }

    #[cfg(unix)]
    #[test]
    fn a_colleagues_file_keeps_its_owner_and_group() {
        use std::os::unix::fs::MetadataExt;
        if !is_root() {
            eprintln!("skipped: giving a file to another user needs root");
            return;
        }
        let (_dir, path) = setup();
        std::os::unix::fs::chown(&path, Some(65534), Some(65533)).unwrap();
        safe_save(&path, b"new").unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (65534, 65533));
        let backup = std::fs::metadata(backup_path(&path)).unwrap();
        assert_eq!((backup.uid(), backup.gid()), (65534, 65533));
    }

    #[cfg(unix)]
    #[test]
    fn when_the_owner_cannot_be_given_the_file_is_rewritten_in_place() {
        use std::os::unix::fs::MetadataExt;
        let (_dir, path) = setup();
        if is_root() {
            std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
        } else {
            eprintln!("skipped: needs a file owned by someone else");
            return;
        }
        let before = std::fs::metadata(&path).unwrap();
        write_file(&path, b"new", true, &NoChown).unwrap();
        let after = std::fs::metadata(&path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(after.ino(), before.ino(), "the same file, so the same owner");
        assert_eq!((after.uid(), after.gid()), (65534, 65534));
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"old version");
        assert_ne!(
            std::fs::metadata(backup_path(&path)).unwrap().ino(),
            before.ino(),
            "a copy, not a link"
        );
    }
}
