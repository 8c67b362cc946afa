//! What differs on Windows, run under Wine by scripts/test-windows.sh: projects under UNC-style
//! paths and mapped drive letters, a save while another process holds the file open without
//! FILE_SHARE_DELETE, hidden lock files, per-user folders in %APPDATA% and %LOCALAPPDATA%,
//! and logoff reaching the app.
#![cfg(windows)]

use std::os::windows::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use steward::model::template;
use steward::storage::{self, lock_path, naming};

const ROLE: &str = "STEWARD_WINDOWS_CHILD";

fn wide(s: &std::ffi::OsStr) -> Vec<u16> {
    s.encode_wide().chain(std::iter::once(0)).collect()
}

/// Saves, reopens, locks and backs up a project at `path`, as the app does on a share.
fn full_round(path: &Path) {
    let mut project = template::standard();
    project.details.name = "On the share".into();
    storage::save_project(path, &project, None, false).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let opened = storage::open_project(path).unwrap();
    assert_eq!(opened.project, project);

    let lock = storage::acquire_lock(path, "me").unwrap();
    assert!(
        lock_path(path).exists(),
        "{}: lock beside it",
        lock_path(path).display()
    );
    assert!(matches!(
        storage::acquire_lock(path, "someone else"),
        Err(storage::LockRefused::HeldByOther(_))
    ));

    project.details.name = "Saved again".into();
    let saved = storage::save_project(path, &project, Some(&opened.fingerprint), false).unwrap();
    let _ = saved;
    assert_eq!(storage::open_project(path).unwrap().project.details.name, "Saved again");
    let backup = storage::open_project(&storage::backup_path(path)).unwrap();
    assert_eq!(backup.project.details.name, "On the share");
    drop(lock);
    assert!(!lock_path(path).exists());
}

#[test]
fn child_entry() {
    let Ok(role) = std::env::var(ROLE) else { return };
    let path = PathBuf::from(std::env::var("STEWARD_PATH").unwrap());
    match role.as_str() {
        // Holds the file open as many Windows programs do: others may read and write, but
        // not delete or replace it. Ends when its standard input closes.
        "hold-open" => {
            use std::os::windows::fs::OpenOptionsExt;
            const FILE_SHARE_READ: u32 = 1;
            const FILE_SHARE_WRITE: u32 = 2;
            let _file = std::fs::OpenOptions::new()
                .read(true)
                .share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE)
                .open(&path)
                .unwrap();
            println!("holding");
            let mut sink = String::new();
            let _ = std::io::stdin().read_line(&mut sink);
        }
        other => panic!("unknown role {other}"),
    }
}

fn spawn_holder(path: &Path) -> Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_entry", "--nocapture", "--test-threads=1"])
        .env(ROLE, "hold-open")
        .env("STEWARD_PATH", path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::BufRead;
    let out = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(out).lines();
    loop {
        let line = lines.next().expect("the holder ended early").unwrap();
        if line.contains("holding") {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    child
}

#[test]
fn a_save_while_another_process_holds_the_file_retries_then_fails_clearly_and_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Held.steward");
    let mut original = template::standard();
    original.details.name = "Original".into();
    storage::save_project(&path, &original, None, false).unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut holder = spawn_holder(&path);
    let mut changed = original.clone();
    changed.details.name = "Changed".into();
    let started = Instant::now();
    let result = storage::save_project(&path, &changed, None, true);
    let took = started.elapsed();
    let err = match result {
        Err(storage::SaveFailure::Error(err)) => err,
        Err(other) => panic!("expected an error, got {other:?}"),
        Ok(_) => panic!("the save replaced a file another process holds open"),
    };
    let message = err.to_string();
    assert!(message.contains("Held.steward"), "{message}");
    assert!(message.contains("another program has the file open"), "{message}");
    assert!(message.contains("was not changed"), "{message}");
    assert!(
        took >= Duration::from_millis(500),
        "it retried for a while first ({took:?}): {message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "the original is intact");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left: {leftovers:?}");

    drop(holder.stdin.take());
    holder.wait().unwrap();
    storage::save_project(&path, &changed, None, true).expect("saves once the file is free");
    assert_eq!(storage::open_project(&path).unwrap().project.details.name, "Changed");
}

#[test]
fn the_lock_file_is_hidden_and_still_released_and_taken_over() {
    use steward::platform::windows::is_hidden;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.steward");
    storage::save_project(&path, &template::standard(), None, false).unwrap();

    let guard = storage::acquire_lock(&path, "me").unwrap();
    assert!(
        is_hidden(&lock_path(&path)),
        "hidden, as Office and LibreOffice hide theirs"
    );
    assert!(storage::read_lock(&path).unwrap().is_ok(), "still readable");
    drop(guard);
    assert!(!lock_path(&path).exists(), "a hidden lock is removed as usual");

    // A lock forced over someone else's stays hidden too.
    let theirs = storage::acquire_lock(&path, "them").unwrap();
    let forced = storage::force_acquire(&path, "me").unwrap();
    assert!(is_hidden(&lock_path(&path)));
    assert_eq!(storage::read_lock(&path).unwrap().unwrap().instance, "me");
    drop(theirs);
    drop(forced);
    assert!(!lock_path(&path).exists());

    // A hidden lock left by a process of ours that is gone is taken over silently.
    let mut stale = storage::LockInfo::current("crashed");
    stale.pid = finished_process_id();
    std::fs::write(lock_path(&path), serde_json::to_vec(&stale).unwrap()).unwrap();
    steward::platform::hide_file(&lock_path(&path));
    let guard = storage::acquire_lock(&path, "me").expect("a stale lock is taken over");
    assert_eq!(storage::read_lock(&path).unwrap().unwrap().instance, "me");
    drop(guard);
}

/// The id of a process that has ended.
fn finished_process_id() -> u32 {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "nothing_matches_this", "--test-threads=1"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn process_checks_tell_running_from_ended() {
    assert!(steward::platform::process_alive(std::process::id()));
    assert!(!steward::platform::process_alive(finished_process_id()));
}

/// A scratch folder on a share, and the share's folder as this machine also sees it.
///
/// Under Wine, scripts/test-windows.sh serves a folder as `\\fileserver\projects` and maps it
/// to a drive letter, and names them in `STEWARD_TEST_UNC` and `STEWARD_TEST_DRIVE`. On
/// Windows itself the administrative share of the temporary folder's drive
/// (`\\localhost\C$`) and a drive letter mapped with `DefineDosDevice` (as `subst` does)
/// stand in.
fn unc_folder() -> (tempfile::TempDir, PathBuf) {
    if let Ok(share) = std::env::var("STEWARD_TEST_UNC") {
        let dir = tempfile::tempdir_in(&share).expect("the share is reachable");
        let path = dir.path().to_path_buf();
        return (dir, path);
    }
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().to_str().unwrap().to_string();
    let (drive, rest) = text.split_once(":\\").expect("on a drive");
    let unc = PathBuf::from(format!(r"\\localhost\{drive}$\{rest}"));
    (dir, unc)
}

#[test]
fn a_project_under_a_unc_path_saves_locks_and_backs_up() {
    let (_dir, folder) = unc_folder();
    assert!(folder.to_string_lossy().starts_with(r"\\"), "{}", folder.display());
    assert!(folder.is_dir(), "{}", folder.display());
    let path = folder.join("Shared.steward");
    full_round(&path);
    assert_eq!(lock_path(&path), folder.join(".~lock.Shared.steward#"));
    assert!(folder.join("Shared.steward.bak").exists(), "the backup is on the share");
}

#[test]
fn a_project_on_a_mapped_drive_letter_saves_locks_and_backs_up() {
    use windows_sys::Win32::Storage::FileSystem::{DDD_REMOVE_DEFINITION, DefineDosDeviceW};
    let mapped_here = std::env::var("STEWARD_TEST_DRIVE").ok();
    let dir = tempfile::tempdir().unwrap();
    let (letter, unmap) = match &mapped_here {
        Some(drive) => (drive.trim_end_matches(':').to_string(), None),
        None => {
            let letter = ('P'..='Y')
                .find(|l| !Path::new(&format!("{l}:\\")).exists())
                .expect("a free drive letter");
            let device = wide(std::ffi::OsStr::new(&format!("{letter}:")));
            let target = wide(dir.path().as_os_str());
            // SAFETY: both strings are NUL-terminated and outlive the calls.
            let mapped = unsafe { DefineDosDeviceW(0, device.as_ptr(), target.as_ptr()) };
            assert_ne!(
                mapped,
                0,
                "could not map {letter}: ({})",
                std::io::Error::last_os_error()
            );
            (letter.to_string(), Some((device, target)))
        }
    };
    let root = PathBuf::from(format!("{letter}:\\"));
    assert!(root.is_dir(), "{} is mapped", root.display());
    let scratch = tempfile::tempdir_in(&root).unwrap();
    let result = std::panic::catch_unwind(|| {
        let path = scratch.path().join("Mapped.steward");
        assert!(path.to_string_lossy().starts_with(&format!("{letter}:")));
        full_round(&path);
        assert!(scratch.path().join("Mapped.steward.bak").exists());
        assert_eq!(lock_path(&path), scratch.path().join(".~lock.Mapped.steward#"));
    });
    drop(scratch);
    if let Some((device, target)) = unmap {
        // SAFETY: as above.
        unsafe { DefineDosDeviceW(DDD_REMOVE_DEFINITION, device.as_ptr(), target.as_ptr()) };
    }
    result.unwrap();
}

#[test]
fn preferences_live_in_appdata_and_recovery_copies_in_localappdata() {
    let dirs = steward::app::UserDirs::for_current_user();
    let lower = |p: &Path| p.to_string_lossy().to_lowercase();
    let appdata = std::env::var("APPDATA").expect("APPDATA is set");
    let local = std::env::var("LOCALAPPDATA").expect("LOCALAPPDATA is set");
    let config = dirs.config.expect("a config folder");
    let data = dirs.data.expect("a data folder");
    assert!(
        lower(&config).starts_with(&appdata.to_lowercase()),
        "{}",
        config.display()
    );
    assert!(lower(&data).starts_with(&local.to_lowercase()), "{}", data.display());
    assert!(
        lower(&config).ends_with(r"steward\steward\config"),
        "{}",
        config.display()
    );
    assert!(lower(&data).ends_with(r"steward\steward\data"), "{}", data.display());
    // Recovery copies go there and round-trip (in a scratch folder beside the real one).
    let scratch = data.join(format!("test-{}", std::process::id()));
    let written =
        storage::recovery::write_recovery(&scratch, Some(Path::new(r"S:\p.steward")), &template::standard()).unwrap();
    assert!(lower(&written).starts_with(&local.to_lowercase()));
    assert_eq!(storage::recovery::list_recoveries(&scratch).len(), 1);
    std::fs::remove_dir_all(&scratch).unwrap();
}

#[test]
fn logoff_reaches_the_app_as_a_request_to_end() {
    use steward::platform::shutdown::EndReason;
    use steward::platform::windows::SESSION_WINDOW_CLASS;
    use windows_sys::Win32::UI::WindowsAndMessaging::{FindWindowW, SendMessageW, WM_ENDSESSION, WM_QUERYENDSESSION};
    let requests = steward::platform::shutdown::listen(|| {}).unwrap();
    let class = wide(std::ffi::OsStr::new(SESSION_WINDOW_CLASS));
    // SAFETY: the class name is NUL-terminated; the window belongs to this process.
    let hwnd = unsafe { FindWindowW(class.as_ptr(), std::ptr::null()) } as usize;
    assert_ne!(hwnd, 0, "the hidden session window exists");
    let windows_asks = std::thread::spawn(move || {
        let hwnd = hwnd as windows_sys::Win32::Foundation::HWND;
        // SAFETY: sending the two messages Windows sends at logoff to our own window.
        unsafe {
            let may_end = SendMessageW(hwnd, WM_QUERYENDSESSION, 0, 0);
            SendMessageW(hwnd, WM_ENDSESSION, 1, 0);
            may_end
        }
    });
    let request = requests.recv_timeout(Duration::from_secs(10)).expect("the app is told");
    assert_eq!(request.reason, EndReason::SessionEnd);
    // The window waits for the app before letting Windows go on.
    std::thread::sleep(Duration::from_millis(200));
    assert!(!windows_asks.is_finished(), "Windows is held until the work is kept");
    request.finished();
    assert_eq!(windows_asks.join().unwrap(), 1, "Steward never blocks a logoff");
}

#[test]
fn new_projects_from_the_command_line_get_the_steward_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(["new", dir.path().join("Budget 2027").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Budget 2027.steward"),
        "prints to the console"
    );
    assert!(dir.path().join("Budget 2027.steward").is_file());
    let _ = naming::PROJECT_EXTENSION;
}
