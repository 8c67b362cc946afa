//! Lock files beside a project, as office suites do (`.~lock.NAME#`), so colleagues who open
//! the same file on a shared drive see who is editing it and get a read-only copy instead.
//!
//! Rules: the lock is created exclusively; it is removed only by the instance that owns it; a
//! lock left by this same user on this same machine whose process is gone is taken over; a lock
//! from another machine is never broken without the user's explicit say.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::format::io_reason;

/// Who holds a lock, as written in the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// Unique per running Steward, so one instance never removes another's lock.
    pub instance: String,
    /// When the lock was taken, RFC 3339.
    pub since: String,
}

impl LockInfo {
    /// The current process, as instance `instance`.
    pub fn current(instance: &str) -> LockInfo {
        LockInfo {
            user: current_user(),
            host: gethostname::gethostname().to_string_lossy().into_owned(),
            pid: std::process::id(),
            instance: instance.to_string(),
            since: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        }
    }

    /// "maria on PC-042 since 2026-11-23 10:14", for the dialog.
    pub fn describe(&self) -> String {
        let since = chrono::DateTime::parse_from_rfc3339(&self.since)
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|_| self.since.clone());
        format!("{} on {} since {since}", self.user, self.host)
    }
}

/// The user name from the environment; "unknown" when none is set.
pub fn current_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// Why a lock could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockRefused {
    /// Someone else (another user, another machine, or a running process) is editing.
    HeldByOther(LockInfo),
    /// A lock file exists but cannot be read: somebody may be editing.
    Corrupt,
    /// The lock file could not be created (for example a read-only folder).
    Io(String),
}

impl std::fmt::Display for LockRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockRefused::HeldByOther(info) => write!(f, "opened for editing by {}", info.describe()),
            LockRefused::Corrupt => f.write_str("a lock file exists but cannot be read, so someone may be editing it"),
            LockRefused::Io(reason) => write!(f, "no lock file can be written beside it ({reason})"),
        }
    }
}

/// The lock file's path for a document: `.~lock.NAME#` in the same folder.
///
/// A document reached through a symbolic link is locked beside the real file, where colleagues
/// who open the real file look for the lock.
pub fn lock_path(document: &Path) -> PathBuf {
    let document = &super::save::real_path(document);
    let name = document
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    document.with_file_name(format!(".~lock.{name}#"))
}

/// Reads a lock file, if there is one. `Err(())` for an unreadable or malformed one.
///
/// Only a small regular file is read: a lock that is a folder, a pipe, a device or a huge file
/// counts as unreadable (someone may be editing), and is never waited on or read whole.
pub fn read_lock(document: &Path) -> Option<Result<LockInfo, ()>> {
    let path = lock_path(document);
    if let Err(e) = std::fs::symlink_metadata(&path) {
        return match e.kind() {
            std::io::ErrorKind::NotFound => None,
            _ => Some(Err(())),
        };
    }
    match super::format::read_bounded(&path, MAX_LOCK_BYTES) {
        Ok(bytes) => Some(serde_json::from_slice(&bytes).map_err(|_| ())),
        Err(_) => Some(Err(())),
    }
}

/// A lock file is a few hundred bytes; anything much larger is not one.
const MAX_LOCK_BYTES: u64 = 64 * 1024;

/// A held lock. Dropping it removes the lock file if it is still ours.
#[derive(Debug)]
pub struct LockGuard {
    path: PathBuf,
    instance: String,
}

impl LockGuard {
    pub fn lock_file(&self) -> &Path {
        &self.path
    }

    /// Removes the lock file, unless someone else's lock replaced it meanwhile.
    pub fn release(self) {}
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        let ours = super::format::read_bounded(&self.path, MAX_LOCK_BYTES)
            .ok()
            .and_then(|b| serde_json::from_slice::<LockInfo>(&b).ok())
            .is_some_and(|info| info.instance == self.instance);
        if ours {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Is a process with this id running on this machine? (See [`crate::platform::process_alive`].)
pub fn process_alive(pid: u32) -> bool {
    crate::platform::process_alive(pid)
}

/// Whether an existing lock may be taken over silently: ours, or left by this user on this
/// machine by a process that is gone.
fn is_stale_or_ours(existing: &LockInfo, me: &LockInfo) -> bool {
    if existing.instance == me.instance {
        return true;
    }
    existing.user == me.user && existing.host == me.host && !process_alive(existing.pid)
}

fn write_new(path: &Path, info: &LockInfo) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    // Hidden on Windows, as office suites hide theirs (the leading dot hides it elsewhere).
    #[cfg(windows)]
    std::os::windows::fs::OpenOptionsExt::attributes(&mut options, 0x2 /* FILE_ATTRIBUTE_HIDDEN */);
    let mut file = options.open(path)?;
    file.write_all(&serde_json::to_vec_pretty(info).expect("lock info serializes"))?;
    file.sync_all()
}

/// Takes the lock for `document` as `instance`.
pub fn acquire_lock(document: &Path, instance: &str) -> Result<LockGuard, LockRefused> {
    let me = LockInfo::current(instance);
    let path = lock_path(document);
    let guard = || LockGuard {
        path: path.clone(),
        instance: instance.to_string(),
    };
    for _ in 0..3 {
        match write_new(&path, &me) {
            Ok(()) => return Ok(guard()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(LockRefused::Io(io_reason(&e))),
        }
        let existing = match read_lock(document) {
            None => continue, // removed meanwhile: try again
            Some(Err(())) => return Err(LockRefused::Corrupt),
            Some(Ok(info)) => info,
        };
        if !is_stale_or_ours(&existing, &me) {
            return Err(LockRefused::HeldByOther(existing));
        }
        if existing.instance == me.instance {
            return Ok(guard());
        }
        // Take over a stale lock: move it aside under a unique name (only one taker's rename
        // can succeed), then create ours exclusively as usual.
        let aside = path.with_extension(format!("stale-{instance}"));
        if std::fs::rename(&path, &aside).is_ok() {
            let moved: Option<LockInfo> = std::fs::read(&aside).ok().and_then(|b| serde_json::from_slice(&b).ok());
            if moved.as_ref() != Some(&existing) {
                // Another taker got there first and we moved their fresh lock: put it back.
                let _ = std::fs::hard_link(&aside, &path);
            }
            let _ = std::fs::remove_file(&aside);
        }
    }
    Err(LockRefused::Corrupt)
}

/// Takes the lock even though someone else holds it: only after the user was warned.
pub fn force_acquire(document: &Path, instance: &str) -> Result<LockGuard, LockRefused> {
    let path = lock_path(document);
    let me = LockInfo::current(instance);
    let bytes = serde_json::to_vec_pretty(&me).expect("lock info serializes");
    super::save::atomic_write(&path, &bytes).map_err(|e| LockRefused::Io(e.reason))?;
    crate::platform::hide_file(&path);
    Ok(LockGuard {
        path,
        instance: instance.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_lock(document: &Path, info: &LockInfo) {
        std::fs::write(lock_path(document), serde_json::to_vec(info).unwrap()).unwrap();
    }

    /// A pid that is not running: the highest possible pid is never in use in tests.
    fn dead_pid() -> u32 {
        let mut pid = 4_000_000;
        while process_alive(pid) {
            pid -= 1;
        }
        pid
    }

    #[test]
    fn the_lock_file_sits_beside_the_document() {
        assert_eq!(
            lock_path(Path::new("/share/p.json")),
            Path::new("/share/.~lock.p.json#")
        );
    }

    #[test]
    fn stale_lock_cases() {
        let me = LockInfo::current("me");
        let live = std::process::id();
        let other = |user: &str, host: &str, pid: u32| LockInfo {
            user: user.into(),
            host: host.into(),
            pid,
            instance: "other".into(),
            since: me.since.clone(),
        };
        // (existing lock, expected outcome)
        let cases: Vec<(&str, Option<LockInfo>, Result<(), &str>)> = vec![
            ("no lock", None, Ok(())),
            (
                "same user and host, process gone",
                Some(other(&me.user, &me.host, dead_pid())),
                Ok(()),
            ),
            (
                "same user and host, process running",
                Some(other(&me.user, &me.host, live)),
                Err("held"),
            ),
            (
                "other host, process id not running here",
                Some(other(&me.user, "elsewhere", dead_pid())),
                Err("held"),
            ),
            (
                "other user, same host, process gone",
                Some(other("someone", &me.host, dead_pid())),
                Err("held"),
            ),
            (
                "our own instance",
                Some(LockInfo {
                    instance: "me".into(),
                    ..me.clone()
                }),
                Ok(()),
            ),
        ];
        for (name, existing, expected) in cases {
            let dir = tempfile::tempdir().unwrap();
            let doc = dir.path().join("p.json");
            if let Some(info) = &existing {
                write_lock(&doc, info);
            }
            let result = acquire_lock(&doc, "me");
            match (expected, &result) {
                (Ok(()), Ok(_)) => {
                    let now = read_lock(&doc).unwrap().unwrap();
                    assert_eq!(now.instance, "me", "{name}");
                }
                (Err("held"), Err(LockRefused::HeldByOther(info))) => {
                    assert_eq!(Some(info), existing.as_ref(), "{name}");
                    assert_eq!(
                        read_lock(&doc).unwrap().unwrap(),
                        existing.clone().unwrap(),
                        "{name}: untouched"
                    );
                }
                _ => panic!("{name}: expected {expected:?}, got {result:?}"),
            }
        }
    }

    #[test]
    fn a_corrupt_lock_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.json");
        std::fs::write(lock_path(&doc), b"garbage").unwrap();
        assert_eq!(acquire_lock(&doc, "me").unwrap_err(), LockRefused::Corrupt);
        assert_eq!(std::fs::read(lock_path(&doc)).unwrap(), b"garbage");
    }

    #[test]
    fn odd_lock_files_never_hang_or_crash_and_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.json");
        let lock = lock_path(&doc);
        // Empty.
        std::fs::write(&lock, b"").unwrap();
        assert_eq!(acquire_lock(&doc, "me").unwrap_err(), LockRefused::Corrupt);
        std::fs::remove_file(&lock).unwrap();
        // Huge (sparse, so the test stays small on disk).
        std::fs::File::create(&lock).unwrap().set_len(8 << 30).unwrap();
        assert_eq!(acquire_lock(&doc, "me").unwrap_err(), LockRefused::Corrupt);
        assert_eq!(std::fs::metadata(&lock).unwrap().len(), 8 << 30);
        std::fs::remove_file(&lock).unwrap();
        // A folder.
        std::fs::create_dir(&lock).unwrap();
        assert_eq!(acquire_lock(&doc, "me").unwrap_err(), LockRefused::Corrupt);
        assert!(lock.is_dir());
        std::fs::remove_dir(&lock).unwrap();
        #[cfg(unix)]
        {
            // A named pipe: refused at once, never waited on.
            let c = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
            // SAFETY: a valid C string; mkfifo only creates a file system entry.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            assert_eq!(acquire_lock(&doc, "me").unwrap_err(), LockRefused::Corrupt);
            std::fs::remove_file(&lock).unwrap();
            // A link to another file: never written through.
            let other = dir.path().join("other.txt");
            std::fs::write(&other, b"precious").unwrap();
            std::os::unix::fs::symlink(&other, &lock).unwrap();
            assert!(acquire_lock(&doc, "me").is_err());
            assert_eq!(std::fs::read(&other).unwrap(), b"precious");
            std::fs::remove_file(&lock).unwrap();
        }
        // Dated in the future, by someone else: still theirs.
        let mut info = LockInfo::current("them");
        info.user = "maria".into();
        info.since = "2999-01-01T00:00:00+00:00".into();
        std::fs::write(&lock, serde_json::to_vec(&info).unwrap()).unwrap();
        assert!(matches!(acquire_lock(&doc, "me"), Err(LockRefused::HeldByOther(_))));
    }

    #[cfg(unix)]
    #[test]
    fn forcing_a_lock_that_is_a_link_never_writes_through_it() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.json");
        let other = dir.path().join("other.txt");
        std::fs::write(&other, b"precious").unwrap();
        std::os::unix::fs::symlink(&other, lock_path(&doc)).unwrap();
        let guard = force_acquire(&doc, "me").unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"precious");
        assert!(
            !std::fs::symlink_metadata(lock_path(&doc))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        drop(guard);
        assert_eq!(std::fs::read(&other).unwrap(), b"precious");
    }

    #[cfg(unix)]
    #[test]
    fn a_document_reached_through_a_link_is_locked_beside_the_real_file() {
        let share = tempfile::tempdir().unwrap();
        let real = share.path().join("plan.json");
        std::fs::write(&real, b"{}").unwrap();
        let local = tempfile::tempdir().unwrap();
        let link = local.path().join("plan.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let guard = acquire_lock(&link, "me").unwrap();
        assert_eq!(guard.lock_file(), share.path().join(".~lock.plan.json#"));
        assert!(matches!(acquire_lock(&real, "other"), Err(LockRefused::HeldByOther(_))));
        drop(guard);
    }

    #[test]
    fn releasing_removes_only_our_own_lock() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.json");
        let guard = acquire_lock(&doc, "me").unwrap();
        assert!(lock_path(&doc).exists());
        guard.release();
        assert!(!lock_path(&doc).exists());

        let guard = acquire_lock(&doc, "me").unwrap();
        let intruder = LockInfo {
            instance: "them".into(),
            ..LockInfo::current("them")
        };
        write_lock(&doc, &intruder);
        drop(guard);
        assert_eq!(read_lock(&doc).unwrap().unwrap(), intruder, "someone else's lock stays");
    }

    #[test]
    fn force_replaces_a_foreign_lock() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.json");
        write_lock(
            &doc,
            &LockInfo {
                host: "elsewhere".into(),
                ..LockInfo::current("them")
            },
        );
        assert!(matches!(acquire_lock(&doc, "me"), Err(LockRefused::HeldByOther(_))));
        let guard = force_acquire(&doc, "me").unwrap();
        assert_eq!(read_lock(&doc).unwrap().unwrap().instance, "me");
        drop(guard);
        assert!(!lock_path(&doc).exists());
    }

    #[test]
    fn describe_names_user_host_and_time() {
        let info = LockInfo {
            user: "maria".into(),
            host: "PC-042".into(),
            pid: 1,
            instance: "x".into(),
            since: "2026-11-23T10:14:00+01:00".into(),
        };
        assert_eq!(info.describe(), "maria on PC-042 since 2026-11-23 10:14");
    }
}
