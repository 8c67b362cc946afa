//! Two people, one file, driven through the real app: saving over a file someone else changed
//! merges instead of overwriting, conflicts go to the merge dialog, a reader follows the
//! owner's saves, and unsaved work gets a banner rather than being replaced.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{click, demo_copy, harness_with, settle};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use steward::app::{Command, Dialog, Prefs, StewardApp, UserDirs};
use steward::model::merge::Pick;
use steward::model::{Edit, Project, Record};
use steward::storage::{self, SavedBy};

/// Preferences that look at the file every second, so the tests wait little.
fn quick_watch() -> (tempfile::TempDir, UserDirs) {
    let config = tempfile::tempdir().unwrap();
    let prefs = Prefs {
        watch_interval_secs: 1,
        ..Prefs::default()
    };
    prefs.store(config.path()).unwrap();
    let dirs = UserDirs {
        config: Some(config.path().to_path_buf()),
        data: None,
    };
    (config, dirs)
}

/// Ana on FINANCE-PC changes the file with another copy of Steward.
fn ana_saves(path: &Path, change: impl FnOnce(&mut Project)) {
    let mut project = storage::open_project(path).unwrap().project;
    change(&mut project);
    let ana = SavedBy {
        user: "ana".into(),
        host: "FINANCE-PC".into(),
        at: chrono::Local::now().to_rfc3339(),
    };
    let bytes = storage::to_bytes_signed(&project, &storage::new_revision(), Some(&ana));
    storage::safe_save(path, &bytes).unwrap();
}

fn edit_stakeholder(harness: &mut Harness<'static, StewardApp>, index: usize, notes: &str) {
    let mut person = harness.state().doc.project.stakeholders[index].clone();
    person.notes = notes.into();
    harness
        .state_mut()
        .push(Command::edit(Edit::Put(Record::Stakeholder(person)), "Edit notes"));
    settle(harness);
}

/// Steps the app until `done` holds (the watcher looks once a second).
fn wait_for(harness: &mut Harness<'static, StewardApp>, what: &str, done: impl Fn(&StewardApp) -> bool) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(start.elapsed() < Duration::from_secs(20), "{what} did not happen");
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    settle(harness);
}

fn status(harness: &Harness<'static, StewardApp>) -> String {
    harness
        .state()
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn on_disk(path: &Path) -> Project {
    storage::open_project(path).unwrap().project
}

#[test]
fn saving_over_someone_elses_save_merges_and_says_what_came_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let mut harness = harness_with(Some(path.clone()), UserDirs::default());
    edit_stakeholder(&mut harness, 0, "mine");
    ana_saves(&path, |p| {
        p.stakeholders[1].notes = "ana's".into();
        p.kickoff[0].notes = "ticked by ana".into();
    });

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);

    assert!(harness.state().dialog.is_none(), "{:?}", harness.state().dialog);
    let text = status(&harness);
    assert!(
        text.starts_with("Merged 2 changes saved by ana on FINANCE-PC at "),
        "{text}"
    );
    assert!(text.contains("1 kickoff item changed, 1 stakeholder changed"), "{text}");
    let saved = on_disk(&path);
    assert_eq!(saved.stakeholders[0].notes, "mine");
    assert_eq!(saved.stakeholders[1].notes, "ana's");
    assert_eq!(saved.kickoff[0].notes, "ticked by ana");
    assert_eq!(
        storage::open_project(&path).unwrap().header.saved_by.unwrap().user,
        storage::lock::current_user()
    );
    let app = harness.state();
    assert!(!app.doc.is_dirty());
    assert_eq!(
        app.doc.undo.undo_label(),
        Some("Merge changes from ana"),
        "one undoable step"
    );
    assert!(storage::backup_path(&path).exists(), "the merged save is a safe save");
}

#[test]
fn conflicts_are_settled_in_the_dialog_one_by_one_or_all_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let mut harness = harness_with(Some(path.clone()), UserDirs::default());
    let name = harness.state().doc.project.stakeholders[0].name.clone();
    let untouched = harness.state().doc.project.stakeholders[2].notes.clone();
    edit_stakeholder(&mut harness, 0, "my notes");
    let mut details = harness.state().doc.project.details.clone();
    details.vendor = "My vendor".into();
    harness
        .state_mut()
        .push(Command::edit(Edit::SetDetails(details), "Vendor"));
    settle(&mut harness);
    ana_saves(&path, |p| {
        p.stakeholders[0].notes = "ana's notes".into();
        p.details.vendor = "Ana's vendor".into();
        p.stakeholders[2].notes = "no conflict".into();
    });

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(matches!(harness.state().dialog, Some(Dialog::Merge)));
    let before = std::fs::read(&path).unwrap();
    // Each conflict: the record, the field, and both values side by side.
    for label in [
        format!("stakeholder \"{name}\""),
        "notes".into(),
        "project details".into(),
        "vendor".into(),
    ] {
        assert!(harness.query_all_by_label(&label).next().is_some(), "{label} is shown");
    }
    for value in ["my notes", "ana's notes", "My vendor", "Ana's vendor"] {
        assert!(
            harness.query_by_role_and_label(Role::RadioButton, value).is_some(),
            "{value}"
        );
    }
    assert!(
        harness
            .query_by_label_contains("Theirs (ana on FINANCE-PC at")
            .is_some()
    );

    // All theirs, then mine again for the notes only.
    click(&mut harness, "Take all theirs");
    harness.get_by_role_and_label(Role::RadioButton, "my notes").click();
    settle(&mut harness);
    let picks = &harness.state().sync.merge.as_ref().unwrap().picks;
    assert_eq!(picks, &[Pick::Theirs, Pick::Mine]);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing written before the choice"
    );

    click(&mut harness, "Merge and save");
    assert!(harness.state().dialog.is_none());
    let saved = on_disk(&path);
    assert_eq!(saved.stakeholders[0].notes, "my notes");
    assert_eq!(saved.details.vendor, "Ana's vendor");
    assert_eq!(saved.stakeholders[2].notes, "no conflict");
    assert!(status(&harness).contains("Saved"), "{}", status(&harness));

    // Undo takes the whole merge back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.doc.project.details.vendor, "My vendor");
    assert_eq!(app.doc.project.stakeholders[2].notes, untouched);
}

#[test]
fn cancelling_the_merge_writes_nothing_and_keeps_my_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let mut harness = harness_with(Some(path.clone()), UserDirs::default());
    edit_stakeholder(&mut harness, 0, "mine");
    ana_saves(&path, |p| p.stakeholders[0].notes = "ana's".into());
    let theirs = std::fs::read(&path).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    click(&mut harness, "Cancel");
    assert!(harness.state().dialog.is_none());
    assert_eq!(std::fs::read(&path).unwrap(), theirs);
    assert!(harness.state().doc.is_dirty());
    assert_eq!(harness.state().doc.project.stakeholders[0].notes, "mine");
}

#[test]
fn unsaved_work_gets_a_banner_and_merge_now_brings_their_changes_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let (_config, dirs) = quick_watch();
    let mut harness = harness_with(Some(path.clone()), dirs);
    edit_stakeholder(&mut harness, 0, "mine");
    let before = harness.state().doc.project.stakeholders[1].notes.clone();
    ana_saves(&path, |p| p.stakeholders[1].notes = "ana's".into());

    wait_for(&mut harness, "the banner", |app| app.sync.incoming.is_some());
    assert!(harness.query_by_label_contains("ana on FINANCE-PC at").is_some());
    assert_eq!(
        harness.state().doc.project.stakeholders[1].notes,
        before,
        "nothing replaced"
    );
    click(&mut harness, "Merge now");

    let app = harness.state();
    assert!(app.sync.incoming.is_none());
    assert_eq!(app.doc.project.stakeholders[0].notes, "mine");
    assert_eq!(app.doc.project.stakeholders[1].notes, "ana's");
    assert!(app.doc.is_dirty(), "merged, not yet saved");
    assert_eq!(app.doc.undo.undo_label(), Some("Merge changes from ana"));
    assert!(
        status(&harness).starts_with("Merged 1 change saved by ana"),
        "{}",
        status(&harness)
    );
}

/// The owner edits and saves, a colleague has the file open read-only, and someone outside
/// changes it as well: nothing is lost, the reader follows, and keeps what it had selected.
#[test]
fn a_reader_follows_the_owners_saves_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let (_config, dirs) = quick_watch();
    let mut owner = harness_with(Some(path.clone()), dirs.clone());
    let mut reader = harness_with(Some(path.clone()), dirs);
    assert!(
        matches!(reader.state().dialog, Some(Dialog::Locked { .. })),
        "the owner holds the lock"
    );
    click(&mut reader, "Open read-only");
    assert!(reader.state().doc.read_only);
    assert!(reader.state().sync.is_watching());
    let selected = reader.state().doc.project.stakeholders[3].id;
    reader
        .state_mut()
        .push(Command::Select(steward::model::RecordKey::Stakeholder(selected)));
    settle(&mut reader);

    edit_stakeholder(&mut owner, 0, "owner's change");
    ana_saves(&path, |p| p.stakeholders[1].notes = "outside change".into());
    owner.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut owner);
    let saved = on_disk(&path);
    assert_eq!(saved.stakeholders[0].notes, "owner's change");
    assert_eq!(saved.stakeholders[1].notes, "outside change");

    wait_for(&mut reader, "the reader's update", |app| {
        app.doc.project.stakeholders[0].notes == "owner's change"
    });
    let app = reader.state();
    assert_eq!(app.doc.project, saved);
    assert!(app.doc.read_only);
    assert_eq!(
        app.view.selection,
        Some(steward::model::RecordKey::Stakeholder(selected))
    );
    assert!(status(&reader).starts_with("Updated: "), "{}", status(&reader));
    assert!(!app.doc.is_dirty());
}

#[test]
fn an_editor_without_unsaved_changes_takes_an_outside_save_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let (_config, dirs) = quick_watch();
    let mut harness = harness_with(Some(path.clone()), dirs);
    ana_saves(&path, |p| p.details.vendor = "New vendor".into());
    wait_for(&mut harness, "the update", |app| {
        app.doc.project.details.vendor == "New vendor"
    });
    let app = harness.state();
    assert!(!app.doc.is_dirty());
    assert!(app.doc.lock.is_some(), "still the one editing");
    assert!(app.sync.incoming.is_none(), "no banner: nothing of mine to merge");
    assert!(
        harness
            .query_by_label_contains("Last saved by ana on FINANCE-PC at ")
            .is_some()
    );
    assert!(
        status(&harness).starts_with("Updated: ana on FINANCE-PC at "),
        "{}",
        status(&harness)
    );

    // Saving now writes over their version without a merge: it is already in the window.
    edit_stakeholder(&mut harness, 0, "after the update");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(status(&harness).starts_with("Saved"), "{}", status(&harness));
    let saved = on_disk(&path);
    assert_eq!(saved.details.vendor, "New vendor");
    assert_eq!(saved.stakeholders[0].notes, "after the update");
}

#[test]
fn a_file_that_vanished_cannot_be_merged_and_offers_to_write_mine_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let mut harness = harness_with(Some(path.clone()), UserDirs::default());
    edit_stakeholder(&mut harness, 0, "mine");
    std::fs::remove_file(&path).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(
        matches!(&harness.state().dialog, Some(Dialog::SaveConflict { reason, .. }) if reason.contains("does not exist")),
        "{:?}",
        harness.state().dialog
    );
    click(&mut harness, "Overwrite their changes");
    assert_eq!(on_disk(&path).stakeholders[0].notes, "mine");
    assert!(!harness.state().doc.is_dirty());
}

/// The version kept as the base of the next merge is the file's bytes, packed soon after
/// opening and after each save or reload: not a second copy of the project in memory.
#[test]
fn the_version_kept_for_merging_is_packed_and_is_the_version_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let file_size = std::fs::metadata(&path).unwrap().len() as usize;
    let (_config, dirs) = quick_watch();
    let mut harness = harness_with(Some(path.clone()), dirs);
    wait_for(&mut harness, "the base packed", |app| {
        app.doc.base.as_ref().is_some_and(|b| b.is_packed())
    });
    let base = harness.state().doc.base.clone().unwrap();
    assert!(base.size() * 3 < file_size, "{} of {file_size} bytes", base.size());
    assert_eq!(base.unpack().unwrap(), storage::open_project(&path).unwrap().project);

    // After a save, the base is what was written, packed again.
    edit_stakeholder(&mut harness, 0, "saved now");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    let base = harness.state().doc.base.clone().unwrap();
    assert!(base.is_packed(), "a save packs what it wrote");
    assert_eq!(base.unpack().unwrap().stakeholders[0].notes, "saved now");
    assert_eq!(base.unpack().unwrap(), storage::open_project(&path).unwrap().project);
}
