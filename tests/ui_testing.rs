//! The tests list driven as a project owner would: add a scenario, record its results with the
//! keyboard alone, sign the area off, watch a later failure withdraw the sign-off, undo.

mod common;

use common::{click, ctrl, demo_copy, harness_with, settle};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use steward::app::{Panel, Selection, StewardApp, UserDirs};
use steward::model::{AreaId, ScenarioId, TestStatus};

/// Communications in the demo: Lena Fischer is its one Accountable, and its scenario passed.
const COMMUNICATIONS: AreaId = AreaId(4);
const NEWSLETTER: &str = "Send the members' newsletter to a segment";

fn press(harness: &mut Harness<'static, StewardApp>, key: Key) {
    harness.key_press(key);
    settle(harness);
}

fn status_of(harness: &Harness<'static, StewardApp>, scenario: ScenarioId) -> Option<TestStatus> {
    let app = harness.state();
    let round = app.derived.tests.latest_round?;
    app.doc.project.testing.result(scenario, round).map(|r| r.status)
}

fn signed_off(harness: &Harness<'static, StewardApp>) -> Option<bool> {
    let project = &harness.state().doc.project;
    project.testing.sign_off(COMMUNICATIONS).map(|s| s.is_active())
}

#[test]
fn add_a_scenario_record_results_by_keyboard_sign_off_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
    ctrl(&mut harness, Key::Num5);
    assert_eq!(harness.state().view.panel, Panel::Tests);

    // Select a Communications scenario, so the new one joins that area.
    click(&mut harness, NEWSLETTER);
    let before = harness.state().doc.project.testing.scenarios.len();
    click(&mut harness, "+ Add scenario");
    let app = harness.state();
    assert_eq!(app.doc.project.testing.scenarios.len(), before + 1);
    let added = app.doc.project.testing.scenarios.last().unwrap().clone();
    assert_eq!(app.view.selection, Some(Selection::Scenario(added.id)));
    assert_eq!(added.area, Some(COMMUNICATIONS));
    assert!(added.must_pass, "new scenarios must pass by default");
    assert!(
        harness.query_by_label("Sign off Communications").is_some(),
        "the sign-off button is labelled"
    );

    // Typing the title, F is a letter; Esc takes the keyboard back to the list, where F, then P
    // record two results in the chosen round, each one undo step.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Scenario")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("Fill in the member survey".into()));
    press(&mut harness, Key::F);
    settle(&mut harness);
    let title = &harness.state().doc.project.testing.scenarios.last().unwrap().title;
    assert_eq!(title, "Fill in the member survey", "typed into the new title");
    assert_eq!(
        status_of(&harness, added.id),
        None,
        "F while typing the title is text, not a result"
    );
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().view.selection, Some(Selection::Scenario(added.id)));
    press(&mut harness, Key::F);
    assert_eq!(status_of(&harness, added.id), Some(TestStatus::Failed));
    press(&mut harness, Key::P);
    assert_eq!(status_of(&harness, added.id), Some(TestStatus::Passed));
    assert_eq!(
        harness
            .state()
            .doc
            .project
            .testing
            .results
            .iter()
            .filter(|r| r.scenario == added.id)
            .count(),
        1,
        "recording again in the same round replaces the result"
    );

    click(&mut harness, "Sign off Communications");
    assert_eq!(signed_off(&harness), Some(true));
    let sign_off = harness
        .state()
        .doc
        .project
        .testing
        .sign_off(COMMUNICATIONS)
        .unwrap()
        .clone();
    let lena = harness
        .state()
        .doc
        .project
        .stakeholders
        .iter()
        .find(|s| s.name == "Lena Fischer")
        .unwrap()
        .id;
    assert_eq!(sign_off.by, lena, "the area's accountable owner signs");

    // A later failure withdraws the sign-off, says so, and undoes as one step with it.
    press(&mut harness, Key::F);
    assert_eq!(signed_off(&harness), Some(false));
    let status = harness
        .state()
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("withdrawn"), "{status}");
    ctrl(&mut harness, Key::Z);
    assert_eq!(signed_off(&harness), Some(true));
    assert_eq!(status_of(&harness, added.id), Some(TestStatus::Passed));

    // Undo the sign-off, then the pass: back to the failed result.
    ctrl(&mut harness, Key::Z);
    assert_eq!(signed_off(&harness), None);
    ctrl(&mut harness, Key::Z);
    assert_eq!(status_of(&harness, added.id), Some(TestStatus::Failed));
    assert!(
        harness.query_by_label("Sign off Communications").is_some(),
        "the button is back"
    );
}

#[test]
fn keys_do_not_record_while_typing_in_a_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
    ctrl(&mut harness, Key::Num5);
    click(&mut harness, NEWSLETTER);
    let results = harness.state().doc.project.testing.results.len();
    let title = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Business process");
    title.focus();
    harness.run();
    press(&mut harness, Key::F);
    assert_eq!(harness.state().doc.project.testing.results.len(), results);
    let newsletter = harness
        .state()
        .doc
        .project
        .testing
        .scenarios
        .iter()
        .find(|s| s.title == NEWSLETTER)
        .unwrap()
        .id;
    assert_eq!(status_of(&harness, newsletter), Some(TestStatus::Passed), "unchanged");
}

#[test]
fn a_spreadsheet_of_test_cases_goes_through_the_same_preview_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("test cases.csv");
    std::fs::write(
        &csv,
        "Test case;Module;Expected outcome;Priority;UAT round 1\r\n\
         Renew online;Membership;Member is current;Yes;Passed\r\n\
         Print badges;Event;Badges print;No;\r\n\
         Close the year;Finance;Ledger balances;Yes;Failed\r\n",
    )
    .unwrap();
    let mut harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
    let before = harness.state().doc.project.testing.scenarios.len();
    let results = harness.state().doc.project.testing.results.len();
    harness.state_mut().import_target = Some(steward::interop::import::ImportList::Scenarios);
    harness.state_mut().push(steward::app::Command::ImportFrom(csv));
    settle(&mut harness);
    let import = harness.state().import.clone().expect("the preview shows");
    assert_eq!(import.list, steward::interop::import::ImportList::Scenarios);
    assert_eq!((import.rows.len(), import.ready()), (3, 2));
    assert!(
        harness
            .query_by_label_contains("row 3: there is no area called \"Event\"")
            .is_some(),
        "the problem is shown"
    );
    click(&mut harness, "Import 2 scenario(s)");
    let project = &harness.state().doc.project;
    assert_eq!(project.testing.scenarios.len(), before + 2);
    assert_eq!(
        project.testing.results.len(),
        results + 2,
        "the round column became results"
    );
    ctrl(&mut harness, Key::Z);
    assert_eq!(
        harness.state().doc.project.testing.scenarios.len(),
        before,
        "one undo step"
    );
}

#[test]
fn the_area_editor_signs_its_area_off_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
    harness
        .state_mut()
        .push(steward::app::Command::Select(Selection::Area(COMMUNICATIONS)));
    settle(&mut harness);
    assert_eq!(
        harness.state().view.panel,
        Panel::Stakeholders,
        "areas are edited beside RACI"
    );
    harness.get_by_label("Acceptance testing");
    let ready = harness
        .state()
        .derived
        .readiness
        .testing
        .iter()
        .find(|a| a.area == COMMUNICATIONS)
        .unwrap()
        .ready;
    assert!(ready, "Communications' scenario passed in the demo");
    harness.get_by_label("Ready for sign-off");
    click(&mut harness, "Sign off Communications");
    assert_eq!(signed_off(&harness), Some(true));
    assert!(
        harness.query_by_label_contains("Signed off ").is_some(),
        "the editor says who signed and when"
    );
    ctrl(&mut harness, Key::Z);
    assert_eq!(signed_off(&harness), None, "one undo step");
}
