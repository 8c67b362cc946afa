//! Steward's own file extension: new projects become `NAME.steward`, older `NAME.json`
//! projects open and keep their name, and the lock, the backup and the recovery copy follow the
//! file's real name. Through the real app and the real command line.

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::{demo_copy, harness_with, settle};
use steward::app::{Command, UserDirs};
use steward::storage::{self, recovery};

fn steward(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_steward")).args(args).output().unwrap()
}

#[test]
fn steward_new_without_an_extension_makes_a_dot_steward_file_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let out = steward(&["new", dir.path().join("Budget 2027").to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = dir.path().join("Budget 2027.steward");
    assert!(path.is_file());
    assert!(!dir.path().join("Budget 2027").exists());
    // The same JSON as ever inside.
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(value.get("format_version").is_some());
    assert!(steward(&["check", path.to_str().unwrap()]).status.success());

    // A name with an extension is taken as given.
    let json = dir.path().join("kept.json");
    assert!(steward(&["new", json.to_str().unwrap()]).status.success());
    assert!(json.is_file());
}

#[test]
fn save_as_with_a_bare_name_writes_dot_steward_and_locks_that_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(None, UserDirs::default());
    harness
        .state_mut()
        .push(Command::SaveAsPath(dir.path().join("Rollout plan")));
    settle(&mut harness);
    let path = dir.path().join("Rollout plan.steward");
    assert!(path.is_file(), "saved as NAME.steward");
    assert_eq!(harness.state().doc.path.as_deref(), Some(path.as_path()));
    assert!(
        harness.state().title().starts_with("Rollout plan.steward"),
        "{}",
        harness.state().title()
    );
    assert!(
        dir.path().join(".~lock.Rollout plan.steward#").exists(),
        "the lock follows the name"
    );
}

#[test]
fn a_json_project_keeps_its_name_and_its_lock_backup_and_recovery_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    assert_eq!(path.extension().unwrap(), "json");
    let dirs = UserDirs {
        config: None,
        data: Some(data.path().to_path_buf()),
    };
    let mut harness = harness_with(Some(path.clone()), dirs);
    assert!(dir.path().join(".~lock.demo.json#").exists());

    let mut details = harness.state().doc.project.details.clone();
    details.name = "Renamed".into();
    harness
        .state_mut()
        .push(Command::edit(steward::model::Edit::SetDetails(details), "Rename"));
    harness.run();
    assert!(harness.state_mut().tick_recovery(std::time::Duration::ZERO).is_some());
    settle(&mut harness);
    let kept = recovery::list_recoveries(data.path());
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].original.as_deref(),
        Some(path.as_path()),
        "recovery names the .json"
    );

    harness.state_mut().push(Command::Action(steward::app::Action::Save));
    settle(&mut harness);
    assert_eq!(storage::open_project(&path).unwrap().project.details.name, "Renamed");
    assert!(
        dir.path().join("demo.json.bak").is_file(),
        "backup beside it, by its real name"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains(".steward")),
        "a .json project is never renamed: {names:?}"
    );
}

#[test]
fn the_open_and_save_dialogs_offer_steward_first_and_still_json() {
    assert_eq!(storage::naming::PROJECT_EXTENSIONS, &["steward", "json"]);
    assert!(storage::naming::is_project_file(Path::new("x.steward")));
    assert!(storage::naming::is_project_file(Path::new("x.json")));
}
