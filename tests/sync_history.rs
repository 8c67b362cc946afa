//! The file's history of saves, "What changed since you last opened it", and sync clients'
//! conflicted copies, driven through the real app.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{click, demo_copy, harness_with, settle};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use steward::app::{Command, Dialog, StewardApp, UserDirs};
use steward::model::{Edit, KickoffId, KickoffItem, Project, Record};
use steward::storage::{self, Lineage, SavedBy};

fn ana() -> SavedBy {
    SavedBy {
        user: "ana".into(),
        host: "FINANCE-PC".into(),
        at: chrono::Local::now().to_rfc3339(),
    }
}

/// Writes `project` as ana would from her copy of Steward, continuing `lineage` with `summary`.
fn write_as_ana(path: &Path, project: &Project, lineage: &Lineage, summary: &str) -> (String, Lineage) {
    let revision = storage::new_revision();
    let lineage = lineage.after_save(&revision, &ana(), summary);
    let bytes = storage::to_bytes_with_lineage(project, &revision, Some(&ana()), &lineage);
    storage::safe_save(path, &bytes).unwrap();
    (revision, lineage)
}

fn on_disk(path: &Path) -> storage::Opened {
    storage::open_project(path).unwrap()
}

fn status(harness: &Harness<'static, StewardApp>) -> String {
    harness
        .state()
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn put(harness: &mut Harness<'static, StewardApp>, record: Record, label: &str) {
    harness.state_mut().push(Command::edit(Edit::Put(record), label));
    settle(harness);
}

#[test]
fn each_save_leaves_who_and_what_changed_in_the_files_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let mut harness = harness_with(Some(path.clone()), UserDirs::default());
    let mut person = harness.state().doc.project.stakeholders[0].clone();
    person.notes = "changed".into();
    put(&mut harness, Record::Stakeholder(person), "Edit notes");
    let mut item = harness
        .state()
        .doc
        .project
        .kickoff
        .iter()
        .find(|k| k.done_on.is_none())
        .expect("the demo has open kickoff items")
        .clone();
    harness.state_mut().push(Command::tick_kickoff(
        &item,
        true,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    ));
    settle(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);

    let first = on_disk(&path).header;
    let entry = first.lineage.history.last().expect("the save is in the history");
    assert_eq!(entry.summary, "1 stakeholder edited, 1 kickoff item ticked");
    assert_eq!(entry.by.user, storage::lock::current_user());
    assert_eq!(entry.revision, first.revision);
    let id = first
        .lineage
        .project_id
        .clone()
        .expect("a project id from the first save");

    item.notes = "second save".into();
    put(&mut harness, Record::Kickoff(item), "Edit notes");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    let second = on_disk(&path).header.lineage;
    assert_eq!(second.project_id, Some(id), "the id stays");
    let summaries: Vec<&str> = second.history.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["1 stakeholder edited, 1 kickoff item ticked", "1 kickoff item edited"]
    );
}

/// Steps the app until `done` holds.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(20), "{what} did not happen");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn what_changed_lists_the_saves_by_others_since_this_user_last_opened_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let dirs = UserDirs {
        config: None,
        data: Some(data.path().to_path_buf()),
    };
    let path = demo_copy(dir.path());
    let start = on_disk(&path);
    let (seen, lineage) = write_as_ana(&path, &start.project, &start.header.lineage, "new project");

    // First visit: no earlier visit to compare with, so the dialog shows the last saves.
    let mut harness = harness_with(Some(path.clone()), dirs.clone());
    assert!(status(&harness).starts_with("Opened "), "{}", status(&harness));
    assert!(
        harness
            .query_by_label("What changed since you last opened it")
            .is_some(),
        "no count without an earlier visit"
    );
    harness
        .state_mut()
        .push(Command::Action(steward::app::Action::WhatChanged));
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("You have not opened this file on this computer before")
            .is_some()
    );
    click(&mut harness, "Close");
    drop(harness);
    wait_until("the local note of what was seen", || {
        storage::seen::last_seen(data.path(), &path, &lineage).as_deref() == Some(seen.as_str())
    });

    // Ana saves twice while this user is away.
    let mut p = start.project.clone();
    p.stakeholders[0].notes = "ana 1".into();
    p.stakeholders[1].notes = "ana 1".into();
    let (_, lineage) = write_as_ana(&path, &p, &lineage, "2 stakeholders edited");
    p.kickoff[0].done_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 25);
    write_as_ana(&path, &p, &lineage, "1 kickoff item ticked");

    let mut harness = harness_with(Some(path.clone()), dirs);
    let text = status(&harness);
    assert!(text.contains("2 saves since you last opened it"), "{text}");
    let link = "What changed since you last opened it (2 saves)";
    assert!(harness.query_by_label(link).is_some(), "the Overview offers it");
    harness.get_by_label(link).click();
    settle(&mut harness);
    assert!(matches!(harness.state().dialog, Some(Dialog::WhatChanged)));
    assert!(harness.query_by_label("2 saves since you last opened it:").is_some());
    for summary in ["2 stakeholders edited", "1 kickoff item ticked"] {
        assert!(harness.query_all_by_label(summary).next().is_some(), "{summary}");
    }
    assert!(
        harness
            .query_all_by_label_contains("ana on FINANCE-PC at ")
            .next()
            .is_some()
    );
    assert!(
        harness.query_by_label("new project").is_none(),
        "a save seen before is not news (the full list is folded away)"
    );
    click(&mut harness, "Close");
    assert!(harness.state().dialog.is_none());
}

/// The demo saved twice by ana: its history has a common start, the `.bak` keeps it.
fn saved_twice(dir: &Path) -> (PathBuf, Project, Lineage) {
    let path = demo_copy(dir);
    let start = on_disk(&path);
    let (_, base_lineage) = write_as_ana(&path, &start.project, &start.header.lineage, "new project");
    let mut mine = start.project.clone();
    mine.stakeholders[0].notes = "saved on the office PC".into();
    write_as_ana(&path, &mine, &base_lineage, "1 stakeholder edited");
    (path, start.project, base_lineage)
}

#[test]
fn a_conflicted_copy_is_offered_merged_saved_and_deleted_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, base, base_lineage) = saved_twice(dir.path());
    // Dropbox kept the laptop's version, made from the same start, beside the file.
    let copy = dir.path().join("demo (ana's conflicted copy 2026-11-25).json");
    let mut theirs = base.clone();
    theirs.stakeholders[1].notes = "written on the laptop".into();
    write_as_ana(&copy, &theirs, &base_lineage, "1 stakeholder edited");
    let copy_revision = on_disk(&copy).header.revision;

    let mut harness = harness_with(Some(path.clone()), UserDirs::default());
    assert_eq!(harness.state().sync.copies.len(), 1, "found in the background at open");
    assert!(
        harness
            .query_by_label_contains("Dropbox made a conflicted copy of this file, \"demo (ana's conflicted copy")
            .is_some()
    );
    click(&mut harness, "Merge and save");

    let saved = on_disk(&path);
    assert_eq!(saved.project.stakeholders[0].notes, "saved on the office PC");
    assert_eq!(saved.project.stakeholders[1].notes, "written on the laptop");
    assert!(
        saved.header.lineage.knows(&copy_revision),
        "the copy's save is now part of the file's history"
    );
    assert_eq!(
        harness.state().doc.undo.undo_label(),
        Some("Merge conflicted copy from ana")
    );
    assert!(!harness.state().doc.is_dirty());
    assert!(
        status(&harness).starts_with("Merged 1 change from the conflicted copy"),
        "{}",
        status(&harness)
    );
    // Asked, never automatic.
    assert!(matches!(
        harness.state().dialog,
        Some(Dialog::DeleteCopy { merged: true, .. })
    ));
    assert!(copy.exists());
    click(&mut harness, "Delete the copy");
    assert!(!copy.exists());
    assert!(
        status(&harness).starts_with("Deleted the conflicted copy"),
        "{}",
        status(&harness)
    );
    assert!(harness.state().sync.copies.is_empty());
}

#[test]
fn a_copy_with_no_common_version_lists_every_difference_and_takes_only_what_is_picked() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path()); // never saved by this version: no history
    let mut theirs = on_disk(&path).project;
    theirs.details.vendor = "Vendor from the copy".into();
    let added = KickoffId(theirs.fresh_id());
    theirs.kickoff.push(KickoffItem::new(added, "Added on the laptop"));
    let copy = dir.path().join("demo.sync-conflict-20261125-104200-ABCDEFG.json");
    std::fs::write(
        &copy,
        storage::to_bytes_signed(&theirs, &storage::new_revision(), Some(&ana())),
    )
    .unwrap();

    let mut harness = harness_with(Some(path.clone()), UserDirs::default());
    assert!(
        harness
            .query_by_label_contains("No earlier version common to both was found")
            .is_some()
    );
    let before = std::fs::read(&path).unwrap();
    click(&mut harness, "Merge and save");
    assert!(matches!(harness.state().dialog, Some(Dialog::Merge)));
    assert!(harness.query_by_label("Merge the conflicted copy").is_some());
    let conflicts = harness.state().sync.merge.as_ref().unwrap().conflicts.clone();
    assert_eq!(conflicts.len(), 2, "{conflicts:?}");
    assert!(
        harness
            .query_by_role_and_label(Role::RadioButton, "Vendor from the copy")
            .is_some()
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing written before the choice"
    );

    // Take the vendor only: the kickoff item stays out.
    harness
        .get_by_role_and_label(Role::RadioButton, "Vendor from the copy")
        .click();
    settle(&mut harness);
    click(&mut harness, "Merge and save");
    let saved = on_disk(&path).project;
    assert_eq!(saved.details.vendor, "Vendor from the copy");
    assert!(!saved.kickoff.iter().any(|k| k.id == added));
    assert!(matches!(harness.state().dialog, Some(Dialog::DeleteCopy { .. })));
    click(&mut harness, "Keep it");
    assert!(copy.exists(), "kept when the user says so");
}

#[test]
fn only_copies_of_the_same_project_are_offered_and_a_stale_one_only_for_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _) = saved_twice(dir.path());
    let own = on_disk(&path);
    // Named like OneDrive's copy, but a project of its own; and a file that is no project.
    let other = Lineage::default().after_save("x", &ana(), "new project");
    std::fs::write(
        dir.path().join("demo-DRAFT.json"),
        storage::to_bytes_with_lineage(&own.project, "x", Some(&ana()), &other),
    )
    .unwrap();
    std::fs::write(dir.path().join("demo-LAPTOP.json"), b"not a project").unwrap();
    // Nextcloud kept a copy identical to the file: nothing to merge, only to tidy up.
    let stale = dir.path().join("demo (conflicted copy 2026-11-25 104200).json");
    std::fs::copy(&path, &stale).unwrap();

    let mut harness = harness_with(Some(path.clone()), UserDirs::default());
    let copies: Vec<String> = harness.state().sync.copies.iter().map(|c| c.file_name()).collect();
    assert_eq!(copies, ["demo (conflicted copy 2026-11-25 104200).json"]);
    assert!(
        harness
            .query_by_label_contains("It holds nothing that this file lacks")
            .is_some()
    );
    click(&mut harness, "Delete the copy…");
    assert!(matches!(
        harness.state().dialog,
        Some(Dialog::DeleteCopy { merged: false, .. })
    ));
    assert!(stale.exists());
    click(&mut harness, "Delete the copy");
    assert!(!stale.exists());
    assert!(dir.path().join("demo-DRAFT.json").exists() && dir.path().join("demo-LAPTOP.json").exists());

    // A reader cannot take changes in, so nothing is offered there.
    std::fs::copy(&path, &stale).unwrap();
    let mut reader = harness_with(Some(path.clone()), UserDirs::default());
    click(&mut reader, "Open read-only");
    assert!(reader.state().sync.copies.is_empty());
}
