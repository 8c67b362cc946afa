//! Opening files other people have open, read-only mode, and recovering unsaved work,
//! driven through the real app.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{click, demo_copy, harness_with, settle};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use steward::app::{Command, Dialog, StewardApp, UserDirs};
use steward::storage::{self, LockInfo, recovery};

/// Waits for something a background thread does (releasing a lock, removing a file).
fn eventually(what: &str, check: impl Fn() -> bool) {
    for _ in 0..400 {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("{what} did not happen");
}

fn foreign_lock(path: &Path) -> LockInfo {
    let info = LockInfo {
        user: "maria".into(),
        host: "PC-042".into(),
        pid: 1,
        instance: "someone-else".into(),
        since: "2026-11-23T09:30:00+01:00".into(),
    };
    std::fs::write(storage::lock_path(path), serde_json::to_vec(&info).unwrap()).unwrap();
    info
}

fn harness(file: Option<PathBuf>, dirs: UserDirs) -> Harness<'static, StewardApp> {
    harness_with(file, dirs)
}

#[test]
fn opening_takes_a_lock_and_opening_something_else_releases_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let mut harness = harness(Some(path.clone()), UserDirs::default());
    let lock = storage::read_lock(&path).expect("a lock file").unwrap();
    assert_eq!(lock.instance, harness.state().instance);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut harness);
    eventually("releasing the lock", || !storage::lock_path(&path).exists());
}

#[test]
fn a_file_someone_else_edits_opens_read_only_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let before = std::fs::read(&path).unwrap();
    let holder = foreign_lock(&path);
    let mut harness = harness(Some(path.clone()), UserDirs::default());

    match &harness.state().dialog {
        Some(Dialog::Locked { holder: Some(h), .. }) => assert_eq!(h, &holder),
        other => panic!("expected the lock dialog, got {other:?}"),
    }
    assert!(
        harness
            .query_by_label_contains("maria on PC-042 since 2026-11-23 09:30")
            .is_some()
    );
    click(&mut harness, "Open read-only");

    let app = harness.state();
    assert!(app.doc.read_only);
    assert!(app.title().contains("[read-only]"), "{}", app.title());
    assert!(
        harness.query_by_label_contains("Read-only:").is_some(),
        "the banner shows"
    );

    // Edits are refused and Save does nothing.
    let count = harness.state().doc.project.stakeholders.len();
    harness.get_by_role_and_label(Role::Button, "Stakeholders").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "+ Add stakeholder").click();
    harness.run();
    harness.state_mut().push(Command::Action(steward::app::Action::Save));
    settle(&mut harness);
    assert_eq!(harness.state().doc.project.stakeholders.len(), count);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        storage::read_lock(&path).unwrap().unwrap(),
        holder,
        "their lock is untouched"
    );
}

#[test]
fn a_copy_of_a_locked_file_is_untitled() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    foreign_lock(&path);
    let mut harness = harness(Some(path.clone()), UserDirs::default());
    click(&mut harness, "Open a copy");
    let app = harness.state();
    assert!(app.doc.path.is_none());
    assert!(!app.doc.read_only);
    assert!(app.doc.is_dirty(), "a copy must be saved somewhere to be kept");
    assert_eq!(app.doc.project.stakeholders.len(), 15);
}

#[test]
fn editing_anyway_needs_an_explicit_second_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    foreign_lock(&path);
    let mut harness = harness(Some(path.clone()), UserDirs::default());
    click(&mut harness, "Edit anyway…");
    assert!(matches!(harness.state().dialog, Some(Dialog::ConfirmEditAnyway { .. })));
    assert_eq!(
        storage::read_lock(&path).unwrap().unwrap().instance,
        "someone-else",
        "nothing taken yet"
    );
    click(&mut harness, "Take over editing");
    let app = harness.state();
    assert!(!app.doc.read_only);
    assert_eq!(app.doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(storage::read_lock(&path).unwrap().unwrap().instance, app.instance);
}

#[test]
fn a_corrupt_lock_offers_read_only_but_not_taking_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    std::fs::write(storage::lock_path(&path), b"\x00garbage").unwrap();
    let mut harness = harness(Some(path.clone()), UserDirs::default());
    assert!(matches!(
        harness.state().dialog,
        Some(Dialog::Locked { holder: None, .. })
    ));
    assert!(harness.query_by_label("Edit anyway…").is_none());
    click(&mut harness, "Open read-only");
    assert!(harness.state().doc.read_only);
}

#[test]
fn unsaved_work_is_kept_locally_and_offered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let dirs = UserDirs {
        config: None,
        data: Some(data.path().to_path_buf()),
    };

    // A session edits, keeps a recovery copy, and "crashes" (is dropped without saving).
    {
        let mut harness = harness(Some(path.clone()), dirs.clone());
        harness
            .state_mut()
            .push(Command::Action(steward::app::Action::DeleteSelected));
        let mut details = harness.state().doc.project.details.clone();
        details.name = "Renamed before the crash".into();
        harness
            .state_mut()
            .push(Command::edit(steward::model::Edit::SetDetails(details), "Rename"));
        harness.run();
        assert!(harness.state_mut().tick_recovery(Duration::ZERO).is_some());
        settle(&mut harness);
        assert_eq!(
            recovery::list_recoveries(data.path()).len(),
            1,
            "kept in the local data folder"
        );
        assert!(
            std::fs::read_dir(dir.path()).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("recovery"))
        );
    }

    // The next start offers it.
    let mut harness = harness(None, dirs);
    assert!(matches!(&harness.state().dialog, Some(Dialog::Restore { entries }) if entries.len() == 1));
    click(&mut harness, "Restore");
    let app = harness.state();
    assert_eq!(app.doc.project.details.name, "Renamed before the crash");
    assert_eq!(app.doc.path.as_deref(), Some(path.as_path()));
    assert!(app.doc.is_dirty());

    // Saving it removes the recovery copy.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert_eq!(
        storage::open_project(&path).unwrap().project.details.name,
        "Renamed before the crash"
    );
    eventually("removing the recovery copy", || {
        recovery::list_recoveries(data.path()).is_empty()
    });
}

#[test]
fn importing_a_spreadsheet_previews_problems_and_adds_good_rows_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("register.csv");
    std::fs::write(
        &csv,
        "\u{feff}Full name;Job title;Influence;Interest;Notes\r\nRuth Adeyemi;Finance clerk;2;4;\r\nOmar Saleh;Web editor;9;3;too high\r\n;;;;\r\nIda Berg;Board member;5;1;\r\n",
    )
    .unwrap();
    let mut harness = harness(None, UserDirs::default());
    let before = harness.state().doc.project.stakeholders.len();
    harness.state_mut().push(Command::ImportFrom(csv.clone()));
    settle(&mut harness);

    let import = harness.state().import.clone().expect("the preview shows");
    assert_eq!(import.rows.len(), 3);
    assert_eq!(import.ready(), 2);
    assert!(
        harness.query_by_label_contains("row 3: power must be 1 to 5").is_some(),
        "the problem is shown"
    );
    assert!(
        harness
            .query_by_label_contains("2 row(s) ready to import, 1 with problems")
            .is_some()
    );

    // Map the power column to nothing: now every row is fine.
    harness.get_by_role_and_label(Role::ComboBox, "Influence").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "(ignore)").click();
    harness.run();
    assert_eq!(harness.state().import.as_ref().unwrap().ready(), 3);

    click(&mut harness, "Import 3 stakeholder(s)");
    let app = harness.state();
    assert!(app.import.is_none());
    assert_eq!(app.doc.project.stakeholders.len(), before + 3);
    assert!(
        app.doc
            .project
            .stakeholders
            .iter()
            .any(|s| s.name == "Ida Berg" && s.role == "Board member" && s.interest == 1)
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().doc.project.stakeholders.len(),
        before,
        "one undo step removes the whole import"
    );
}

#[test]
fn exporting_writes_the_file_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let mut harness = harness(Some(demo_copy(dir.path())), UserDirs::default());
    harness.state_mut().push(Command::ExportTo(
        steward::app::ExportKind::Report { hide_names: true },
        out.clone(),
    ));
    settle(&mut harness);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Member system renewal") && !html.contains("Tom Okafor"));
}

#[test]
fn without_a_native_dialog_a_typed_path_and_enter_open_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, "Name,Role\nRuth Adeyemi,Finance clerk\n").unwrap();
    let mut harness = harness(None, UserDirs::default());
    harness.state_mut().dialog = Some(Dialog::PathEntry {
        purpose: steward::app::PathPurpose::ImportCsv,
        text: String::new(),
    });
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "File path")
        .type_text(csv.to_str().unwrap());
    harness.run();
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    let import = harness.state().import.as_ref().expect("the import preview opens");
    assert_eq!(import.ready(), 1);
    assert!(harness.state().dialog.is_none());
}

#[test]
fn theme_zoom_and_hide_names_are_remembered_in_the_preferences() {
    let config = tempfile::tempdir().unwrap();
    let dirs = UserDirs {
        config: Some(config.path().to_path_buf()),
        data: None,
    };
    let mut harness = harness(None, dirs.clone());
    harness.get_by_role_and_label(Role::Button, "View").click();
    harness.run();
    harness.get_by_label("High contrast theme").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "View").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Hide names when presenting")
        .click();
    harness.run();
    let prefs = &harness.state().prefs;
    assert_eq!(prefs.theme, steward::app::Theme::HighContrast);
    assert_eq!(prefs.zoom, 1.1);
    assert!(prefs.present_hide_names);
    assert_eq!(harness.ctx.zoom_factor(), 1.1);

    let stored = || steward::app::Prefs::load(config.path());
    eventually("storing the preferences", || {
        let p = stored();
        p.theme == steward::app::Theme::HighContrast && p.zoom == 1.1 && p.present_hide_names
    });
    // A new start picks them up.
    let again = harness_with(None, dirs);
    assert_eq!(again.state().prefs.theme, steward::app::Theme::HighContrast);
}

#[test]
fn starting_without_a_file_reopens_the_last_project_if_it_is_still_there() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let last = demo_copy(dir.path());
    let prefs = steward::app::Prefs {
        recent: vec![last.clone()],
        ..Default::default()
    };
    prefs.store(&config).unwrap();
    let dirs = || UserDirs {
        config: Some(config.clone()),
        data: Some(dir.path().join("data")),
    };
    let mut harness = harness_with(None, dirs());
    for _ in 0..200 {
        settle(&mut harness);
        if harness.state().doc.path.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(harness.state().doc.path.as_deref(), Some(last.as_path()));
    drop(harness);

    // Gone from the share: Steward starts on a new project, without an error.
    std::fs::remove_file(&last).unwrap();
    let mut harness = harness_with(None, dirs());
    std::thread::sleep(std::time::Duration::from_millis(100));
    settle(&mut harness);
    assert!(harness.state().doc.path.is_none());
    assert!(harness.state().dialog.is_none());
}

#[test]
fn save_as_suggests_the_projects_name_in_the_folder_used_last() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let earlier = dir.path().join("share");
    std::fs::create_dir_all(&earlier).unwrap();
    let prefs = steward::app::Prefs {
        // The last project no longer exists, so Steward starts on a new one.
        recent: vec![earlier.join("gone.steward")],
        ..Default::default()
    };
    prefs.store(&config).unwrap();
    let mut harness = harness_with(
        None,
        UserDirs {
            config: Some(config),
            data: Some(dir.path().join("data")),
        },
    );
    let mut details = harness.state().doc.project.details.clone();
    details.name = "Board pack".into();
    harness.state_mut().push(steward::app::Command::edit(
        steward::model::Edit::SetDetails(details),
        "Rename",
    ));
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::S);
    settle(&mut harness);
    // Without a desktop portal (as here) the path is typed, starting from the suggestion.
    match harness.state().dialog.clone() {
        Some(Dialog::PathEntry { text, .. }) => {
            assert_eq!(std::path::PathBuf::from(text), earlier.join("Board pack.steward"))
        }
        other => panic!("expected the path to be asked for, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn importing_a_named_pipe_is_refused_rather_than_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("people.csv");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid, NUL-terminated path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let mut harness = harness_with(None, UserDirs::default());
    harness.state_mut().push(steward::app::Command::ImportFrom(fifo));
    // A read of the pipe would never end: settle() would give up and fail the test.
    settle(&mut harness);
    assert!(harness.state().import.is_none());
}

/// Started with a file, the window says it is opening that file until it is read, rather than
/// show another project meanwhile; then the project is there, whole.
#[test]
fn a_large_file_shows_that_it_is_opening_until_it_is_read() {
    use steward::app::AppOptions;
    use steward::model::generate::{Sizes, generate};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    // Large enough that reading it takes far longer than the first frame.
    storage::create_project(&path, &generate(Sizes::uniform(3000), 3)).unwrap();
    let file = Some(path.clone());
    let mut harness = Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |cc| {
        StewardApp::create(
            cc,
            AppOptions {
                file,
                dirs: UserDirs::default(),
            },
        )
    });
    harness.step();
    assert_eq!(harness.state().opening.as_deref(), Some(path.as_path()));
    assert_eq!(harness.state().title(), "large.json — Steward");
    assert!(harness.query_by_label("Opening large.json…").is_some());
    assert!(
        harness.query_by_label_contains("Overview").is_none(),
        "nothing of the template project is shown while the file is read"
    );
    settle(&mut harness);
    let app = harness.state();
    assert!(app.opening.is_none());
    assert_eq!(app.doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(app.doc.project.stakeholders.len(), 3000);
    assert!(harness.query_by_label("Opening large.json…").is_none());
    assert!(harness.query_by_label_contains("Overview").is_some());
    // The figures came with the read: they are those of the project shown.
    assert_eq!(app.derived.generation, app.doc.generation);
    assert_eq!(app.derived.counts.per_quadrant.iter().sum::<usize>(), 3000);
}
