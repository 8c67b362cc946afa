//! Ending when the system asks: on SIGTERM (logout, shutdown), SIGHUP and SIGINT the app keeps
//! a recovery copy of unsaved work and removes its lock before the process ends. Proved with
//! real processes receiving real signals, and in-process for the app's part.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{demo_copy, harness_with, settle};
use steward::app::{Command, UserDirs};
use steward::platform::shutdown::{EndReason, EndRequest};
use steward::storage::{self, recovery};

const RENAMED: &str = "Edited, never saved";

/// A copy of the demo under Steward's own extension.
fn project_in(dir: &Path) -> PathBuf {
    let json = demo_copy(dir);
    let path = dir.join("Rollout.steward");
    std::fs::rename(json, &path).unwrap();
    path
}

fn dirs(data: &Path) -> UserDirs {
    UserDirs {
        config: None,
        data: Some(data.to_path_buf()),
    }
}

fn rename(harness: &mut egui_kittest::Harness<'static, steward::app::StewardApp>) {
    let mut details = harness.state().doc.project.details.clone();
    details.name = RENAMED.into();
    harness
        .state_mut()
        .push(Command::edit(steward::model::Edit::SetDetails(details), "Rename"));
    harness.run();
}

#[test]
fn an_end_request_keeps_unsaved_work_removes_the_lock_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = project_in(dir.path());
    let mut harness = harness_with(Some(path.clone()), dirs(data.path()));
    assert!(storage::lock_path(&path).exists(), "opening took the lock");
    rename(&mut harness);

    harness.state_mut().end_now(EndRequest::new(EndReason::Terminate));

    assert!(!storage::lock_path(&path).exists(), "the lock is gone at once");
    let kept = recovery::list_recoveries(data.path());
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].original.as_deref(), Some(path.as_path()));
    assert_eq!(recovery::load_recovery(&kept[0]).unwrap().details.name, RENAMED);
    let app = harness.state();
    assert!(app.close_allowed, "closing does not ask about unsaved changes");
    let before = storage::open_project(&path).unwrap().project;
    assert_ne!(before.details.name, RENAMED, "the project itself is not saved over");
}

#[test]
fn an_end_request_without_unsaved_work_leaves_no_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = project_in(dir.path());
    let mut harness = harness_with(Some(path.clone()), dirs(data.path()));
    harness.state_mut().end_now(EndRequest::new(EndReason::SessionEnd));
    assert!(!storage::lock_path(&path).exists());
    assert!(recovery::list_recoveries(data.path()).is_empty());
    settle(&mut harness);
}

#[cfg(unix)]
mod signals {
    use std::process::{Child, Stdio};

    use super::*;

    const ROLE: &str = "STEWARD_ENDING_CHILD";

    /// In a child process: the real app, headless, with the project open, an unsaved edit
    /// (unless told "clean") and the platform's signal listener wired in as `run_app` does.
    /// Prints "ready", then keeps drawing frames until a signal ends the process.
    #[test]
    fn child_entry() {
        let Ok(role) = std::env::var(ROLE) else { return };
        let path = PathBuf::from(std::env::var("STEWARD_PATH").unwrap());
        let data = PathBuf::from(std::env::var("STEWARD_DATA").unwrap());
        let mut harness = harness_with(Some(path), dirs(&data));
        if role == "edited" {
            rename(&mut harness);
        }
        let requests = steward::platform::shutdown::listen(|| {}).unwrap();
        harness.state_mut().listen_for_end(requests);
        println!("ready");
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            harness.step();
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("no signal came");
    }

    fn spawn(role: &str, path: &Path, data: &Path) -> Child {
        std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "signals::child_entry", "--nocapture", "--test-threads=1"])
            .env(ROLE, role)
            .env("STEWARD_PATH", path)
            .env("STEWARD_DATA", data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// Waits for the child's "ready" line.
    fn wait_ready(child: &mut Child) {
        use std::io::BufRead;
        let out = child.stdout.take().unwrap();
        let mut lines = std::io::BufReader::new(out).lines();
        loop {
            let line = lines.next().expect("the child ended before it was ready").unwrap();
            if line.contains("ready") {
                break;
            }
        }
        // Keep draining so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
    }

    fn send(child: &Child, signal: i32) {
        // SAFETY: sending a signal to our own child process.
        let result = unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        assert_eq!(result, 0);
    }

    fn wait_with_deadline(child: &mut Child, seconds: u64) -> std::process::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("the process did not end within {seconds} s of the signal");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn sigterm_sighup_and_sigint_keep_unsaved_work_and_leave_no_lock() {
        let cases = [
            (libc::SIGTERM, 143, "SIGTERM"),
            (libc::SIGHUP, 129, "SIGHUP"),
            (libc::SIGINT, 130, "SIGINT"),
        ];
        let folders: Vec<_> = cases
            .iter()
            .map(|_| (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()))
            .collect();
        let mut children: Vec<(Child, PathBuf)> = folders
            .iter()
            .map(|(dir, data)| {
                let path = project_in(dir.path());
                (spawn("edited", &path, data.path()), path)
            })
            .collect();
        for (child, path) in &mut children {
            wait_ready(child);
            assert!(storage::lock_path(path).exists(), "the child holds the lock");
        }
        for ((child, _), (signal, _, _)) in children.iter().zip(cases) {
            send(child, signal);
        }
        for (((child, path), (_, code, name)), (_, data)) in children.iter_mut().zip(cases).zip(&folders) {
            let status = wait_with_deadline(child, 20);
            assert_eq!(status.code(), Some(code), "{name}: ended with its own status");
            assert!(!storage::lock_path(path).exists(), "{name}: no lock left behind");
            let kept = recovery::list_recoveries(data.path());
            assert_eq!(kept.len(), 1, "{name}: one recovery copy");
            assert_eq!(kept[0].original.as_deref(), Some(path.as_path()), "{name}");
            assert_eq!(
                recovery::load_recovery(&kept[0]).unwrap().details.name,
                RENAMED,
                "{name}: the unsaved edit is in it"
            );
            assert_ne!(
                storage::open_project(path).unwrap().project.details.name,
                RENAMED,
                "{name}: the project file is untouched"
            );
        }
    }

    #[test]
    fn sigterm_without_unsaved_work_removes_the_lock_and_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let path = project_in(dir.path());
        let before = std::fs::read(&path).unwrap();
        let mut child = spawn("clean", &path, data.path());
        wait_ready(&mut child);
        assert!(storage::lock_path(&path).exists());
        send(&child, libc::SIGTERM);
        let started = Instant::now();
        let status = wait_with_deadline(&mut child, 20);
        assert_eq!(status.code(), Some(143));
        assert!(started.elapsed() < Duration::from_secs(10), "ended promptly");
        assert!(!storage::lock_path(&path).exists());
        assert!(recovery::list_recoveries(data.path()).is_empty());
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the file is byte for byte as it was"
        );
    }
}
