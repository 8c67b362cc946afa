//! Running a meeting from Steward: the presenter view beside the slides, the agenda's times,
//! and minutes taken live that become tracked checklist items. Under the test harness the
//! slides' window is drawn inside the presenter's (egui embeds viewports there), so both
//! windows are in one accessibility tree and are told apart by the slides' window node.

mod common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use steward::app::{Command, StewardApp, UserDirs};
use steward::model::{KickoffItem, MeetingId, MinuteKind, RecordKey};

use common::{demo_copy, harness_with};

/// The title of the slides' window (see `ui::present::presenter`).
const SLIDES: &str = "Steward: slides for the audience";
const VENDOR_KICKOFF: MeetingId = MeetingId(320);
const NOVEMBER_REVIEW: MeetingId = MeetingId(340);

/// The demo, with `meeting` chosen in the Kickoff panel and the presenter view open.
fn presenting(dir: &std::path::Path, meeting: MeetingId) -> Harness<'static, StewardApp> {
    let mut harness = harness_with(Some(demo_copy(dir)), UserDirs::default());
    harness.state_mut().push(Command::Select(RecordKey::Meeting(meeting)));
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::F5);
    harness.run();
    let present = harness.state().present.as_ref().expect("Alt+F5 presents");
    assert!(present.presenter, "with the presenter view");
    assert_eq!(present.meeting, Some(meeting));
    harness
}

fn texts<'t>(nodes: impl Iterator<Item = egui_kittest::Node<'t>>) -> Vec<String> {
    nodes
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .collect()
}

/// Every label and value in the slides' window.
fn audience_text(harness: &Harness<'static, StewardApp>) -> String {
    let window = harness.get_by_label(SLIDES);
    texts(window.children_recursive()).join("\n")
}

/// Every label and value in both windows.
fn all_text(harness: &Harness<'static, StewardApp>) -> String {
    texts(harness.root().children_recursive()).join("\n")
}

/// The slide number the slides' footer shows, and the number the presenter view shows.
fn both_numbers(harness: &Harness<'static, StewardApp>) -> (String, String) {
    let audience = audience_text(harness)
        .lines()
        .find(|l| l.contains(" / "))
        .expect("the slides show their number")
        .to_string();
    let presenter = all_text(harness)
        .lines()
        .find(|l| l.starts_with("Slide ") && l.contains(" of "))
        .expect("the presenter view shows the number")
        .to_string();
    (audience, presenter)
}

fn assert_agree(harness: &Harness<'static, StewardApp>) -> usize {
    let (audience, presenter) = both_numbers(harness);
    let (n, count) = audience.split_once(" / ").unwrap();
    assert_eq!(
        presenter,
        format!("Slide {n} of {count}"),
        "both windows show the same slide"
    );
    let index = harness.state().present.as_ref().unwrap().slide;
    assert_eq!(n.parse::<usize>().unwrap(), index + 1);
    index
}

#[test]
fn the_presenter_view_drives_the_slides_and_both_windows_agree() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = presenting(dir.path(), VENDOR_KICKOFF);
    assert_eq!(assert_agree(&harness), 0);
    assert!(audience_text(&harness).contains("Kickoff with Brightpath · 14 September 2026"));

    // From the presenter's buttons.
    harness.get_by_role_and_label(Role::Button, "Next slide ▶").click();
    harness.run();
    assert_eq!(assert_agree(&harness), 1);
    assert!(audience_text(&harness).contains("Agenda"));
    assert!(all_text(&harness).contains("Next: 1. Welcome and introductions"));

    // From the agenda in the presenter view: the item's section slide, with its speaker notes.
    harness
        .get_by_role_and_label(Role::Button, "3. Roles, ownership and the system owner")
        .click();
    harness.run();
    let section = assert_agree(&harness);
    let slides = audience_text(&harness);
    assert!(slides.contains("3. Roles, ownership and the system owner"), "{slides}");
    assert!(slides.contains("presented by Tom Okafor"), "{slides}");
    assert!(
        all_text(&harness).contains("Name Tom as system owner"),
        "the speaker notes show to the presenter"
    );
    assert!(
        !slides.contains("Name Tom as system owner"),
        "and never on the audience's slides"
    );

    // From the clicker's keys, and back.
    harness.key_press(Key::PageDown);
    harness.run();
    assert_eq!(assert_agree(&harness), section + 1);
    assert!(audience_text(&harness).contains("Who owns what"));
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(assert_agree(&harness), section);
    harness.get_by_role_and_label(Role::Button, "Previous slide").click();
    harness.run();
    assert_eq!(assert_agree(&harness), section - 1);

    // B blanks the audience's screen only; the presenter still sees where they are.
    harness.key_press(Key::B);
    harness.run();
    assert!(!audience_text(&harness).contains(" / "), "the slides' window is black");
    assert!(all_text(&harness).contains("The audience sees a black screen"));
    harness.key_press(Key::A);
    harness.run();
    assert_eq!(assert_agree(&harness), section - 1);

    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().present.is_none());
    assert!(harness.query_by_label(SLIDES).is_none(), "the slides' window closes");
}

#[test]
fn minutes_recorded_live_become_tracked_items_and_undo_takes_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = presenting(dir.path(), NOVEMBER_REVIEW);
    let items_before = harness.state().doc.project.kickoff.len();
    harness
        .get_by_role_and_label(Role::Button, "1. Actions from last time")
        .click();
    harness.run();
    let slide = harness.state().present.as_ref().unwrap().slide;

    // A decision, typed with spaces and backspaces that must not move the slides.
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "Minute");
    field.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Minute")
        .type_text("Month end moves to staff in Januaryx");
    harness.key_press(Key::Backspace);
    harness.run();
    assert_eq!(
        harness.state().present.as_ref().unwrap().slide,
        slide,
        "typing is not a clicker"
    );
    harness
        .get_by_role_and_label(Role::Button, "Record the decision")
        .click();
    harness.run();
    let minutes =
        |h: &Harness<'static, StewardApp>| h.state().doc.project.meeting(NOVEMBER_REVIEW).unwrap().minutes.clone();
    let decision = minutes(&harness)[0].clone();
    assert_eq!(decision.kind, MinuteKind::Decision);
    assert_eq!(decision.text, "Month end moves to staff in January");
    assert_eq!(
        decision.agenda,
        Some(steward::model::AgendaId(341)),
        "on the agenda item on screen"
    );
    assert_eq!(
        harness.state().doc.project.kickoff.len(),
        items_before,
        "a decision is only minuted"
    );

    // An action: its text, its owner and its due date.
    harness.get_by_role_and_label(Role::RadioButton, "Action").click();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "Record the action")
            .accesskit_node()
            .is_disabled(),
        "an action needs its text and an owner"
    );
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "Minute");
    field.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Minute")
        .type_text("Write up the month-end steps");
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, "Owner").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Gareth Lewis").click();
    harness.run();
    let due = harness.get_by_role_and_label(Role::TextInput, "Due");
    due.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Due")
        .type_text("2026-12-18");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Record the action").click();
    harness.run();

    let project = &harness.state().doc.project;
    let action = minutes(&harness)[1].clone();
    assert_eq!(action.kind, MinuteKind::Action);
    let item: &KickoffItem = project.kickoff.last().unwrap();
    assert_eq!(project.kickoff.len(), items_before + 1);
    assert_eq!(action.item, Some(item.id), "the minute tracks its checklist item");
    assert_eq!(item.text, "Write up the month-end steps");
    let gareth = project
        .stakeholders
        .iter()
        .find(|s| s.name == "Gareth Lewis")
        .unwrap()
        .id;
    assert_eq!(item.owner, Some(gareth));
    assert_eq!(item.due, chrono::NaiveDate::from_ymd_opt(2026, 12, 18));
    assert!(all_text(&harness).contains("Action: Write up the month-end steps (Gareth Lewis, due 2026-12-18)"));

    // The checklist shows it, with its owner, once the presentation is over.
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Kickoff").click();
    harness.run();
    harness.get_by_label_contains("Checklist (").click();
    harness.run();
    assert!(harness.query_by_label("Write up the month-end steps").is_some());

    // Undo: the times and attendance written on leaving go first, then the action, whole.
    let undo = |h: &mut Harness<'static, StewardApp>| {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    };
    assert!(harness.state().doc.project.meeting(NOVEMBER_REVIEW).unwrap().is_held());
    undo(&mut harness);
    assert!(!harness.state().doc.project.meeting(NOVEMBER_REVIEW).unwrap().is_held());
    undo(&mut harness);
    assert_eq!(harness.state().doc.project.kickoff.len(), items_before);
    assert_eq!(minutes(&harness).len(), 1, "the decision stays");
    assert!(harness.query_by_label("Write up the month-end steps").is_none());
}

#[test]
fn leaving_records_the_meeting_times_and_who_attended() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = presenting(dir.path(), NOVEMBER_REVIEW);
    // Opening the slides and leaving at once is no meeting: nothing is written.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().doc.project.meeting(NOVEMBER_REVIEW).unwrap().is_held());
    assert!(!harness.state().doc.is_dirty());

    harness.key_press_modifiers(Modifiers::ALT, Key::F5);
    harness.run();
    for _ in 0..3 {
        harness.key_press(Key::PageDown);
        harness.run();
    }
    harness.key_press(Key::Escape);
    harness.run();
    let project = &harness.state().doc.project;
    let meeting = project.meeting(NOVEMBER_REVIEW).unwrap();
    assert!(meeting.is_held() && meeting.ended.is_some());
    assert!(meeting.agenda[0].started.is_some(), "the first item was reached");
    assert!(meeting.agenda[4].started.is_none(), "the last was not");
    for who in &meeting.attendees {
        let person = project.stakeholder(*who).unwrap();
        assert!(
            person
                .log
                .iter()
                .any(|l| l.meeting == Some(NOVEMBER_REVIEW) && l.note == "Attended Hand-over review, November"),
            "{} attended",
            person.name
        );
    }
}

#[test]
fn hidden_names_stay_off_the_audience_window_while_the_presenter_sees_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = presenting(dir.path(), VENDOR_KICKOFF);
    let names: Vec<String> = harness
        .state()
        .doc
        .project
        .stakeholders
        .iter()
        .map(|s| s.name.clone())
        .collect();
    harness.key_press(Key::H);
    harness.run();
    assert!(harness.state().present.as_ref().unwrap().hide_names);
    let count = harness
        .state()
        .present
        .as_ref()
        .unwrap()
        .deck(&harness.state().doc.project)
        .len();
    assert!(count > 10);
    let mut presenter_saw_names = false;
    for _ in 0..count {
        let slides = audience_text(&harness);
        for name in &names {
            assert!(
                !slides.contains(name.as_str()),
                "{name} is on the audience's slide {}",
                harness.state().present.as_ref().unwrap().slide + 1
            );
        }
        presenter_saw_names |= names.iter().any(|n| all_text(&harness).contains(n.as_str()));
        harness.key_press(Key::PageDown);
        harness.run();
    }
    assert!(presenter_saw_names, "the presenter view keeps the names");
    // With names shown, the slides do name people (the test can fail).
    harness.key_press(Key::H);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "3. Roles, ownership and the system owner")
        .click();
    harness.run();
    assert!(audience_text(&harness).contains("Tom Okafor"));
}

#[test]
fn the_kickoff_panel_lists_the_meetings_edits_an_agenda_and_exports_the_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
    harness.get_by_role_and_label(Role::Button, "Kickoff").click();
    harness.run();
    harness.get_by_label("Meetings (4)").click();
    harness.run();
    for title in [
        "Internal kickoff",
        "Kickoff with Brightpath",
        "Hand-over review, November",
        "Exit review",
    ] {
        assert!(harness.query_all_by_label(title).next().is_some(), "{title} is listed");
    }
    harness.get_by_label("Hand-over review, November").click();
    harness.run();
    assert_eq!(
        harness.state().view.selection,
        Some(RecordKey::Meeting(NOVEMBER_REVIEW))
    );

    // A new agenda item: the cursor goes to its title, which typing replaces.
    harness.get_by_role_and_label(Role::Button, "+ Add agenda item").click();
    harness.run();
    harness.event(egui::Event::Text("Budget for hypercare".into()));
    harness.run();
    let meeting = harness.state().doc.project.meeting(NOVEMBER_REVIEW).unwrap().clone();
    assert_eq!(meeting.agenda.len(), 6);
    assert_eq!(meeting.agenda[5].title, "Budget for hypercare");
    harness.get_by_label("Exit readiness").scroll_to_me();
    harness.run();
    harness.get_by_label("Exit readiness").click();
    harness.run();
    let meeting = harness.state().doc.project.meeting(NOVEMBER_REVIEW).unwrap().clone();
    assert_eq!(meeting.agenda[5].slides, vec![steward::model::SlideKind::Readiness]);
    harness.get_by_role_and_label(Role::Button, "Move up").scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Move up").click();
    harness.run();
    let meeting = harness.state().doc.project.meeting(NOVEMBER_REVIEW).unwrap().clone();
    assert_eq!(meeting.agenda[4].title, "Budget for hypercare");
    // Every control of the editor has a name (the harness checks after each run).
    harness.get_by_label("Speaker notes for the slides").click();
    harness.run();
    harness.get_by_label("Attendees (6)").click();
    harness.run();

    // File › Export › Meeting minutes, without names: no dialog service here, so a typed path.
    let out = dir.path().join("minutes.html");
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").hover();
    harness.run();
    harness.get_by_label("Meeting minutes as HTML, without names").hover();
    harness.run();
    harness
        .get_by_label("Kickoff with Brightpath · 14 September 2026")
        .click();
    common::settle(&mut harness);
    harness
        .get_by_role_and_label(Role::TextInput, "File path")
        .type_text(out.to_str().unwrap());
    harness.run();
    harness.key_press(Key::Enter);
    common::settle(&mut harness);
    let html = std::fs::read_to_string(&out).expect("the minutes were written");
    assert!(html.contains("Minutes: Kickoff with Brightpath"));
    assert!(html.contains("Only runs by staff count as acceptance"));
    assert!(!html.contains("Tom Okafor") && html.contains("Director of membership"));
}

#[test]
fn a_long_agenda_fits_its_slides_at_the_projector_sizes() {
    for size in [[1024.0, 768.0], [1920.0, 1080.0]] {
        let dir = tempfile::tempdir().unwrap();
        let mut harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
        harness.set_size(egui::Vec2::from(size));
        let mut project = harness.state().doc.project.clone();
        let first = project.fresh_id();
        let meeting = project.meetings.iter_mut().find(|m| m.id == VENDOR_KICKOFF).unwrap();
        for (i, id) in (first..first + 14).enumerate() {
            let title = format!("An extra agenda item with a long title that goes on and on, number {i}");
            let item = steward::model::AgendaItem::new(steward::model::AgendaId(id), title, 5);
            meeting.agenda.push(item);
        }
        let mut doc = steward::app::Document::new_untitled(project);
        doc.generation = harness.state().doc.generation + 1;
        harness.state_mut().doc = doc;
        harness
            .state_mut()
            .push(Command::Select(RecordKey::Meeting(VENDOR_KICKOFF)));
        harness.run();
        harness.key_press(Key::F5);
        harness.run();
        let count = harness
            .state()
            .present
            .as_ref()
            .unwrap()
            .deck(&harness.state().doc.project)
            .len();
        assert!(count > 30);
        let mut shown_last_item = false;
        for _ in 0..count {
            for node in harness.root().children_recursive() {
                let node = node.accesskit_node();
                if let Some(rect) = node.raw_bounds() {
                    let inside = rect.x1 <= size[0] as f64 + 1.0 && rect.y1 <= size[1] as f64 + 1.0;
                    assert!(inside, "{size:?}: {rect:?} {:?}", node.label());
                }
            }
            // The section slide of the last item keeps it in view, highlighted among the others.
            shown_last_item |= harness.query_all_by_label_contains("20. An extra agenda item").count() == 2
                && harness.query_by_label_contains("Item 20 of 20").is_some();
            harness.key_press(Key::PageDown);
            harness.run();
        }
        assert!(shown_last_item, "{size:?}");
    }
}
