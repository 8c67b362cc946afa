//! The lists driven as a user would: rows open wherever they are clicked, and the keyboard
//! alone reaches, moves through and edits a table. Key presses are counted so that the number a
//! task takes cannot quietly grow.

mod common;

use std::cell::Cell;

use common::{demo_copy, harness_with, settle};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use steward::app::{Selection, StewardApp, UserDirs};

/// Counts key presses the way a person would feel them.
struct Keys<'h> {
    harness: &'h mut Harness<'static, StewardApp>,
    presses: Cell<usize>,
}

impl Keys<'_> {
    fn press(&mut self, key: Key) {
        self.with(Modifiers::NONE, key);
    }

    fn with(&mut self, modifiers: Modifiers, key: Key) {
        self.presses.set(self.presses.get() + 1);
        self.harness.key_press_modifiers(modifiers, key);
        settle(self.harness);
    }

    fn type_text(&mut self, text: &str) {
        self.presses.set(self.presses.get() + text.chars().count());
        self.harness.event(egui::Event::Text(text.into()));
        settle(self.harness);
    }

    /// Presses Tab until `done` holds, at most `limit` times.
    fn tab_until(&mut self, limit: usize, done: impl Fn(&StewardApp) -> bool) {
        for _ in 0..limit {
            if done(self.harness.state()) {
                return;
            }
            self.press(Key::Tab);
        }
        assert!(done(self.harness.state()), "not reached within {limit} Tab presses");
    }
}

fn demo() -> (tempfile::TempDir, Harness<'static, StewardApp>) {
    let dir = tempfile::tempdir().unwrap();
    let harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
    (dir, harness)
}

#[test]
fn a_click_on_any_cell_text_opens_the_row_and_only_the_box_ticks() {
    let (_dir, mut harness) = demo();
    common::click(&mut harness, "Stakeholders");
    let people = harness.state().doc.project.stakeholders.clone();
    let unique = |text: &str| people.iter().filter(|p| p.role == text || p.department == text).count() == 1;
    let person = people
        .iter()
        .find(|p| unique(&p.role) && unique(&p.department))
        .unwrap()
        .clone();
    for text in [person.role.as_str(), person.department.as_str()] {
        harness.state_mut().view.selection = None;
        harness.run();
        harness.get_by_role_and_label(Role::Label, text).click();
        settle(&mut harness);
        assert_eq!(
            harness.state().view.selection,
            Some(Selection::Stakeholder(person.id)),
            "clicking {text:?}"
        );
    }

    common::click(&mut harness, "Kickoff");
    let open = harness
        .state()
        .doc
        .project
        .kickoff
        .iter()
        .find(|k| !k.is_done())
        .unwrap()
        .clone();
    harness.get_by_role_and_label(Role::Label, &open.text).click();
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.view.selection, Some(Selection::Kickoff(open.id)));
    assert!(
        !app.doc
            .project
            .kickoff
            .iter()
            .find(|k| k.id == open.id)
            .unwrap()
            .is_done(),
        "a click on the text must not tick the item"
    );
    assert!(!app.doc.is_dirty());
}

#[test]
fn the_checklist_by_keyboard_alone() {
    let (_dir, mut harness) = demo();
    let project = harness.state().doc.project.clone();
    let target = project.kickoff.iter().position(|k| !k.is_done()).unwrap();
    let mut keys = Keys {
        harness: &mut harness,
        presses: Cell::new(0),
    };
    keys.with(Modifiers::COMMAND, Key::Num3);
    // The table is one stop: Tab reaches it in a few presses and selects the first row.
    keys.tab_until(18, |app| app.view.selection.is_some());
    assert_eq!(
        keys.harness.state().view.selection,
        Some(Selection::Kickoff(project.kickoff[0].id))
    );
    for _ in 0..target {
        keys.press(Key::ArrowDown);
    }
    let item = &project.kickoff[target];
    assert_eq!(keys.harness.state().view.selection, Some(Selection::Kickoff(item.id)));

    // Space ticks the row, Ctrl+Z takes it back.
    let status = |keys: &Keys| {
        keys.harness
            .state()
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    keys.press(Key::Space);
    assert!(keys.harness.state().doc.project.kickoff[target].is_done());
    assert!(
        status(&keys).starts_with("Tick kickoff item"),
        "the status says what was done"
    );
    keys.with(Modifiers::COMMAND, Key::Z);
    assert!(!keys.harness.state().doc.project.kickoff[target].is_done());
    assert!(status(&keys).starts_with("Undid"));

    // Enter opens the editor with the item's text selected: typing replaces it.
    keys.press(Key::Enter);
    keys.type_text("Agree the exit criteria");
    assert_eq!(
        keys.harness.state().doc.project.kickoff[target].text,
        "Agree the exit criteria"
    );

    // Esc returns to the row, where the arrows work again; Esc there closes the editor.
    keys.press(Key::Escape);
    keys.press(Key::End);
    assert_eq!(
        keys.harness.state().view.selection,
        Some(Selection::Kickoff(project.kickoff.last().unwrap().id))
    );
    keys.press(Key::Escape);
    assert_eq!(keys.harness.state().view.selection, None);
    let presses = keys.presses.get();
    // Ctrl+3, the Tabs past the menu, the navigation, the checklist and meetings tabs and the toolbar (17 today), the moves,
    // Space, Ctrl+Z, Enter, the 23 letters, Esc, End, Esc.
    assert!(presses <= 1 + 17 + target + 3 + 23 + 3, "{presses} key presses");
}

#[test]
fn adding_puts_the_cursor_in_the_new_records_name() {
    let (_dir, mut harness) = demo();
    common::click(&mut harness, "Stakeholders");
    common::click(&mut harness, "+ Add stakeholder");
    harness.event(egui::Event::Text("Dana Whitfield".into()));
    settle(&mut harness);
    let added = harness.state().doc.project.stakeholders.last().unwrap().clone();
    assert_eq!(
        added.name, "Dana Whitfield",
        "the placeholder name was selected and replaced"
    );

    // The editor closes with its own button.
    common::click(&mut harness, "× Close");
    assert_eq!(harness.state().view.selection, None);
}

#[test]
fn adding_while_another_record_is_open_puts_the_cursor_in_the_new_one() {
    let (_dir, mut harness) = demo();
    common::click(&mut harness, "Stakeholders");
    let first = harness.state().doc.project.stakeholders[0].clone();
    harness
        .state_mut()
        .push(steward::app::Command::Select(Selection::Stakeholder(first.id)));
    settle(&mut harness);
    common::click(&mut harness, "+ Add stakeholder");
    harness.event(egui::Event::Text("Noor Haddad".into()));
    settle(&mut harness);
    let project = &harness.state().doc.project;
    assert_eq!(project.stakeholders.last().unwrap().name, "Noor Haddad");
    assert_eq!(
        project.stakeholders[0].name, first.name,
        "the record open before is untouched"
    );
}
