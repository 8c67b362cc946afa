//! The real app driven through its accessibility tree, as a user would: open the demo, edit,
//! tick, undo, save. No GPU and no native dialogs are needed.

mod common;

use std::path::PathBuf;

use common::{click, ctrl, demo_copy, harness_with, settle};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use steward::app::{Command, Dialog, Panel, Selection, StewardApp, UserDirs};
use steward::model::Stage;

fn harness(file: Option<PathBuf>) -> Harness<'static, StewardApp> {
    harness_with(file, UserDirs::default())
}

#[test]
fn the_demo_given_at_start_opens_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let harness = harness(Some(path.clone()));
    let app = harness.state();
    assert_eq!(app.doc.path.as_deref(), Some(path.as_path()));
    assert!(app.doc.project.stakeholders.len() >= 12);
    assert!(!app.doc.is_dirty());
    assert_eq!(app.title(), "demo.json — Steward");
    assert!(app.dialog.is_none());
}

#[test]
fn add_edit_and_save_a_stakeholder() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let mut harness = harness(Some(path.clone()));
    let before = harness.state().doc.project.stakeholders.len();

    click(&mut harness, "Stakeholders");
    click(&mut harness, "+ Add stakeholder");
    let app = harness.state();
    assert_eq!(app.doc.project.stakeholders.len(), before + 1);
    let new_id = app.doc.project.stakeholders.last().unwrap().id;
    assert_eq!(app.view.selection, Some(Selection::Stakeholder(new_id)));

    let name = harness.get_by_role_and_label(Role::TextInput, "Name");
    name.focus();
    harness.run();
    ctrl(&mut harness, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Name")
        .type_text("Dana Whitfield");
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Role").focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Role")
        .type_text("Events coordinator");
    harness.run();

    let person = harness.state().doc.project.stakeholder(new_id).unwrap().clone();
    assert_eq!(person.name, "Dana Whitfield");
    assert_eq!(person.role, "Events coordinator");
    assert!(harness.state().doc.is_dirty());
    assert!(harness.state().title().starts_with('●'));

    // Typing the name was one undo step, the role another.
    ctrl(&mut harness, Key::Z);
    assert_eq!(harness.state().doc.project.stakeholder(new_id).unwrap().role, "");
    ctrl(&mut harness, Key::Y);
    assert_eq!(
        harness.state().doc.project.stakeholder(new_id).unwrap().role,
        "Events coordinator"
    );

    ctrl(&mut harness, Key::S);
    settle(&mut harness);
    assert!(!harness.state().doc.is_dirty(), "{:?}", harness.state().status);
    let on_disk = steward::storage::open_project(&path).unwrap().project;
    assert_eq!(on_disk.stakeholder(new_id).unwrap().name, "Dana Whitfield");
    assert_eq!(on_disk.stakeholders.len(), before + 1);
}

#[test]
fn tick_a_kickoff_item_then_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    let open = harness
        .state()
        .doc
        .project
        .kickoff
        .iter()
        .find(|k| !k.is_done())
        .unwrap()
        .clone();

    click(&mut harness, "Kickoff");
    harness.get_by_role_and_label(Role::CheckBox, &open.text).click();
    harness.run();
    let ticked = harness
        .state()
        .doc
        .project
        .kickoff
        .iter()
        .find(|k| k.id == open.id)
        .unwrap()
        .clone();
    assert!(ticked.is_done());
    assert_eq!(ticked.done_on, Some(chrono::Local::now().date_naive()));
    assert!(harness.state().doc.is_dirty());

    ctrl(&mut harness, Key::Z);
    let undone = harness
        .state()
        .doc
        .project
        .kickoff
        .iter()
        .find(|k| k.id == open.id)
        .unwrap()
        .clone();
    assert_eq!(undone, open);
    assert!(
        !harness.state().doc.is_dirty(),
        "undo back to the loaded state is clean"
    );

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert!(
        harness
            .state()
            .doc
            .project
            .kickoff
            .iter()
            .find(|k| k.id == open.id)
            .unwrap()
            .is_done()
    );
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    click(&mut harness, "Stakeholders");
    click(&mut harness, "+ Add stakeholder");
    let count = harness.state().doc.project.stakeholders.len();

    ctrl(&mut harness, Key::N);
    assert!(matches!(harness.state().dialog, Some(Dialog::UnsavedChanges { .. })));
    click(&mut harness, "Cancel");
    assert!(harness.state().dialog.is_none());
    assert_eq!(
        harness.state().doc.project.stakeholders.len(),
        count,
        "cancel keeps the work"
    );

    ctrl(&mut harness, Key::N);
    click(&mut harness, "Don't save");
    let app = harness.state();
    assert!(app.doc.path.is_none());
    assert_eq!(app.doc.project.details.name, "New project");
    assert!(!app.doc.is_dirty());
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    click(&mut harness, "Stakeholders");
    click(&mut harness, "+ Add stakeholder");
    harness.state_mut().push(Command::Action(steward::app::Action::Quit));
    harness.run();
    assert!(matches!(harness.state().dialog, Some(Dialog::UnsavedChanges { .. })));
    assert!(!harness.state().close_allowed);
    click(&mut harness, "Don't save");
    assert!(harness.state().close_allowed);
}

#[test]
fn a_broken_file_is_reported_by_name_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    let bytes = b"{\n  \"format_version\": 1,\n  \"details\": {\"name\": \"x\",}\n}\n";
    std::fs::write(&path, bytes).unwrap();
    let mut harness = harness(None);
    harness.state_mut().push(Command::OpenPath(path.clone()));
    settle(&mut harness);
    match &harness.state().dialog {
        Some(Dialog::Error { message, .. }) => {
            assert!(message.contains("broken.json"), "{message}");
            assert!(message.contains("line 3"), "{message}");
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert_eq!(
        harness.state().doc.project.details.name,
        "New project",
        "the current project stays"
    );
    click(&mut harness, "OK");
    assert!(harness.state().dialog.is_none());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn deleting_a_referenced_stakeholder_lists_what_will_be_cleared_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    let project = harness.state().doc.project.clone();
    let owner = project.handover.iter().find_map(|h| h.internal_owner).unwrap();
    let name = project.stakeholder(owner).unwrap().name.clone();

    click(&mut harness, "Stakeholders");
    harness.get_by_role_and_label(Role::Button, &name).click();
    harness.run();
    assert_eq!(harness.state().view.selection, Some(Selection::Stakeholder(owner)));
    // Below the engagement log, which may be long.
    harness
        .get_by_role_and_label(Role::Button, "Delete stakeholder")
        .scroll_to_me();
    harness.run();
    click(&mut harness, "Delete stakeholder");
    match &harness.state().dialog {
        Some(Dialog::ConfirmDelete { references, .. }) => assert!(references.iter().any(|r| r.contains("hand-over"))),
        other => panic!("expected a confirmation, got {other:?}"),
    }
    click(&mut harness, "Delete");
    let after = &harness.state().doc.project;
    assert!(after.stakeholder(owner).is_none());
    assert!(after.handover.iter().all(|h| h.internal_owner != Some(owner)));
    assert!(steward::model::validate(after).is_empty());

    ctrl(&mut harness, Key::Z);
    assert_eq!(harness.state().doc.project, project);
}

#[test]
fn every_panel_and_editor_has_named_controls() {
    // The harness checks after each run that every input has an accessible name.
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    let p = harness.state().doc.project.clone();
    let selections = [
        Selection::Stakeholder(p.stakeholders[0].id),
        Selection::Area(p.areas[0].id),
        Selection::Kickoff(p.kickoff[0].id),
        Selection::Handover(p.handover.iter().find(|h| h.stage != Stage::StaffAlone).unwrap().id),
    ];
    for selection in selections {
        harness.state_mut().push(Command::Select(selection));
        harness.run();
    }
    for label in ["Register", "Power/interest grid", "RACI by area"] {
        click(&mut harness, "Stakeholders");
        click(&mut harness, label);
    }
    click(&mut harness, "Overview");
    assert_eq!(harness.state().view.panel, Panel::Overview);
}

#[test]
fn clicking_a_grid_marker_selects_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    let person = harness.state().doc.project.stakeholders[2].clone();
    click(&mut harness, "Stakeholders");
    click(&mut harness, "Power/interest grid");
    harness.get_by_role_and_label(Role::Button, &person.name).click();
    harness.run();
    assert_eq!(harness.state().view.selection, Some(Selection::Stakeholder(person.id)));
}

#[test]
fn an_idle_window_stops_repainting() {
    let mut harness = harness(None);
    click(&mut harness, "Stakeholders");
    // `try_run` steps until the app stops asking for repaints; an app that redrew continuously
    // would exceed the step limit and fail here.
    let steps = harness.try_run().expect("the app keeps requesting repaints while idle");
    assert!(steps <= 3, "{steps} frames without any input");
}

#[test]
fn the_delete_key_removes_the_selected_row_and_undo_brings_it_back() {
    let mut harness = harness(None);
    let item = harness.state().doc.project.kickoff[3].clone();
    harness.state_mut().push(Command::Select(Selection::Kickoff(item.id)));
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert!(harness.state().doc.project.kickoff.iter().all(|k| k.id != item.id));
    ctrl(&mut harness, Key::Z);
    assert_eq!(harness.state().doc.project.kickoff[3], item);
}

#[test]
fn clicking_a_finding_goes_to_the_record_it_is_about() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    let findings = harness.state().derived.findings.clone();
    assert!(!findings.is_empty());
    let unowned = findings
        .iter()
        .find(|f| f.rule == steward::model::findings::Rule::HandoverWithoutOwner)
        .unwrap();
    let title = unowned.title_in(&harness.state().derived.names);
    harness.get_by_role_and_label(Role::Link, &title).click();
    harness.run();
    let Some(steward::model::RecordKey::Handover(id)) = unowned.target else {
        panic!("{unowned:?}")
    };
    assert_eq!(harness.state().view.selection, Some(Selection::Handover(id)));
    assert_eq!(harness.state().view.panel, Panel::ExitPlan);

    // Giving the item an internal owner makes the finding go away at once.
    click(&mut harness, "Overview");
    let mut item = harness
        .state()
        .doc
        .project
        .handover
        .iter()
        .find(|h| h.id == id)
        .unwrap()
        .clone();
    item.internal_owner = harness
        .state()
        .doc
        .project
        .stakeholders
        .iter()
        .find(|s| s.side.is_internal())
        .map(|s| s.id);
    harness.state_mut().push(Command::edit(
        steward::model::Edit::Put(steward::model::Record::Handover(item)),
        "Set owner",
    ));
    harness.run();
    assert!(
        harness
            .state()
            .derived
            .findings
            .iter()
            .all(|f| f.target != unowned.target || f.rule != unowned.rule)
    );
    assert!(harness.query_by_label(&title).is_none());
}

#[test]
fn recording_a_readiness_snapshot_is_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    let before = harness.state().doc.project.readiness_history.len();
    // The Overview is longer than the window: bring the button into view first.
    harness
        .get_by_role_and_label(Role::Button, "Record readiness snapshot")
        .scroll_to_me();
    harness.run();
    click(&mut harness, "Record readiness snapshot");
    let history = &harness.state().doc.project.readiness_history;
    assert_eq!(history.len(), before + 1);
    assert_eq!(history.last().unwrap().date, chrono::Local::now().date_naive());
    ctrl(&mut harness, Key::Z);
    assert_eq!(harness.state().doc.project.readiness_history.len(), before);
}

#[test]
fn dragging_a_person_on_the_grid_changes_their_power_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    // Someone with low power, alone in their score cell, so the marker sits on the score.
    let project = harness.state().doc.project.clone();
    let person = project
        .stakeholders
        .iter()
        .find(|s| {
            s.power <= 2
                && project
                    .stakeholders
                    .iter()
                    .filter(|o| (o.power, o.interest) == (s.power, s.interest))
                    .count()
                    == 1
        })
        .unwrap()
        .clone();
    click(&mut harness, "Stakeholders");
    click(&mut harness, "Power/interest grid");
    let start = harness
        .get_by_role_and_label(Role::Button, &person.name)
        .rect()
        .center();
    let target = start + egui::vec2(0.0, -400.0);
    harness.drag_at(start);
    harness.run();
    for step in 1..=4 {
        harness.hover_at(start + (target - start) * step as f32 / 4.0);
        harness.run();
    }
    harness.drop_at(target);
    harness.run();

    let moved = harness.state().doc.project.stakeholder(person.id).unwrap().clone();
    assert!(moved.power > person.power, "power {} -> {}", person.power, moved.power);
    assert_eq!(moved.interest, person.interest);
    assert_eq!(
        harness.state().doc.undo.undo_label(),
        Some("Move on the power/interest grid")
    );

    ctrl(&mut harness, Key::Z);
    assert_eq!(harness.state().doc.project.stakeholder(person.id).unwrap(), &person);
}

#[test]
fn logging_a_contact_with_a_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(demo_copy(dir.path())));
    let person = harness
        .state()
        .doc
        .project
        .stakeholders
        .iter()
        .find(|s| s.log.is_empty())
        .unwrap()
        .clone();
    harness
        .state_mut()
        .push(Command::Select(Selection::Stakeholder(person.id)));
    harness.run();
    click(&mut harness, "+ Add contact");
    let log = harness.state().doc.project.stakeholder(person.id).unwrap().log.clone();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].date, chrono::Local::now().date_naive());

    let note = harness.get_by_role_and_label(Role::MultilineTextInput, "Note");
    note.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note")
        .type_text("Walked through the new renewal screens");
    harness.run();
    let follow = harness.get_by_role_and_label(Role::TextInput, "Follow up by");
    follow.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Follow up by")
        .type_text("2020-01-31");
    harness.run();
    let entry = harness.state().doc.project.stakeholder(person.id).unwrap().log[0].clone();
    assert_eq!(entry.note, "Walked through the new renewal screens");
    assert_eq!(entry.follow_up, chrono::NaiveDate::from_ymd_opt(2020, 1, 31));
    assert!(
        harness
            .state()
            .derived
            .findings
            .iter()
            .any(|f| f.rule == steward::model::findings::Rule::FollowUpOverdue
                && f.title_in(&harness.state().derived.names).contains(&person.name)),
        "an overdue follow-up becomes a finding"
    );
}

#[test]
fn ctrl_shift_s_asks_for_a_new_name_and_ctrl_shift_z_redoes() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let on_disk = std::fs::read(&path).unwrap();
    let mut harness = harness(Some(path.clone()));
    let mut details = harness.state().doc.project.details.clone();
    details.name = "Renamed".into();
    harness
        .state_mut()
        .push(Command::edit(steward::model::Edit::SetDetails(details), "Rename"));
    settle(&mut harness);

    // Undo, then Ctrl+Shift+Z redoes (it used to undo again, as Ctrl+Z).
    ctrl(&mut harness, Key::Z);
    assert_ne!(harness.state().doc.project.details.name, "Renamed");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut harness);
    assert_eq!(harness.state().doc.project.details.name, "Renamed");

    // Ctrl+Shift+S is Save as: the open file is left alone and the change stays unsaved.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    settle(&mut harness);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        on_disk,
        "Save as must not write the open file"
    );
    assert!(harness.state().doc.is_dirty());
    let status = harness.state().status.clone();
    assert!(
        !status.as_ref().is_some_and(|s| s.text.starts_with("Saved")),
        "{status:?}"
    );
}

#[test]
fn a_new_project_from_the_crm_template_has_crm_areas() {
    let mut harness = harness(None);
    click(&mut harness, "File");
    click(&mut harness, "New from template");
    click(&mut harness, "CRM");
    let app = harness.state();
    assert!(app.doc.project.areas.iter().any(|a| a.name == "Sales pipeline"));
    assert!(app.doc.path.is_none(), "a new project has no file until it is saved");
}

#[test]
fn a_new_project_shows_next_steps_rather_than_a_wall_of_findings() {
    let mut harness = harness(None);
    harness.run();
    assert!(harness.query_by_label_contains("Next steps").is_some());
    assert!(harness.query_by_label_contains("No system owner").is_none());
    click(&mut harness, "Go to the stakeholders");
    assert_eq!(harness.state().view.panel, Panel::Stakeholders);
}

#[test]
fn every_person_is_a_raci_column_and_stays_one() {
    let mut harness = harness(None);
    for (i, name) in ["Ann Lee", "Ben Ode", "Cy Park"].iter().enumerate() {
        let person = steward::model::Stakeholder::new(steward::model::StakeholderId(900 + i as u64), *name);
        harness.state_mut().push(Command::edit(
            steward::model::Edit::Insert {
                index: i,
                record: steward::model::Record::Stakeholder(person),
            },
            "Add",
        ));
    }
    settle(&mut harness);
    click(&mut harness, "Stakeholders");
    click(&mut harness, "RACI by area");
    let areas = harness.state().doc.project.areas.len();
    let empty_cells = |h: &Harness<'static, StewardApp>| h.query_all_by_label("·").count();
    assert_eq!(
        empty_cells(&harness),
        3 * areas,
        "three people without letters are three columns"
    );
    // Cycle one cell all the way round: the column stays, and so does the pointer's target.
    harness.query_all_by_label("·").next().unwrap().click();
    settle(&mut harness);
    for letter in ["R", "A", "C", "I"] {
        assert_eq!(empty_cells(&harness), 3 * areas - 1, "while {letter} is set");
        harness.get_by_label(letter).click();
        settle(&mut harness);
    }
    assert_eq!(
        empty_cells(&harness),
        3 * areas,
        "clearing the last letter keeps the column"
    );
}
