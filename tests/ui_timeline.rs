//! The hand-over timeline in the exit plan, driven like a user would: show it, hover a marker to
//! read it, click it to select it, drag it to a new date and undo that. Also the window's
//! workbook and calendar exports, which run in the background like every export.

mod common;

use chrono::Days;
use common::{click, ctrl, demo_copy, harness_with, settle};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use steward::app::{Panel, Selection, UserDirs};
use steward::model::schedule::Lanes;
use steward::ui::timeline::marker_pos;

/// An item whose marker no other marker covers: (lane, index).
fn lone_item(lanes: &Lanes) -> (usize, usize) {
    for (l, lane) in lanes.lanes.iter().enumerate() {
        for (i, item) in lane.items.iter().enumerate() {
            let crowded = lane
                .items
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && j % 3 == i % 3 && (other.date - item.date).num_days().abs() < 3);
            if !crowded {
                return (l, i);
            }
        }
    }
    panic!("every marker has a neighbour");
}

#[test]
fn the_timeline_shows_reads_selects_and_moves_hand_overs() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
    click(&mut harness, "Exit plan");
    assert_eq!(harness.state().view.panel, Panel::ExitPlan);
    harness
        .get_by_role_and_label(Role::CheckBox, "Show the timeline")
        .click();
    settle(&mut harness);
    // Labelled controls: the harness fails the run on any unlabelled input.
    harness.get_by_label("Hand-over timeline");
    harness.get_by_role_and_label(Role::Slider, "Zoom");

    let state = harness.state();
    let layout = state.view.timeline.layout.expect("the timeline was drawn");
    let lanes = state.view.timeline.cache.clone().unwrap().2;
    assert_eq!(
        lanes.lanes.iter().map(|l| l.items.len()).sum::<usize>() + lanes.undated,
        state.doc.project.handover.len()
    );
    let (lane, index) = lone_item(&lanes);
    let item = lanes.lanes[lane].items[index];
    let pos = marker_pos(&layout, lane, index, item.date);

    harness.hover_at(pos);
    harness.run();
    assert!(
        harness
            .query_by_label_contains(&format!("Target: {}", item.date))
            .is_some(),
        "hovering shows the item's details"
    );

    harness.drag_at(pos);
    harness.run();
    harness.drop_at(pos);
    settle(&mut harness);
    assert_eq!(harness.state().view.selection, Some(Selection::Handover(item.id)));

    // Drag two weeks later: one undoable change of the target date.
    let before = harness.state().doc.project.clone();
    let later = pos + egui::vec2(14.0 * layout.px_per_day, 0.0);
    harness.drag_at(pos);
    harness.run();
    for step in 1..=5 {
        harness.hover_at(pos.lerp(later, step as f32 / 5.0));
        harness.run();
    }
    harness.drop_at(later);
    settle(&mut harness);
    let moved = harness
        .state()
        .doc
        .project
        .handover
        .iter()
        .find(|h| h.id == item.id)
        .unwrap()
        .target;
    assert_eq!(moved, item.date.checked_add_days(Days::new(14)));
    ctrl(&mut harness, Key::Z);
    assert_eq!(harness.state().doc.project, before, "one undo step puts it back");
}

#[test]
fn with_ten_thousand_items_the_timeline_zooms_from_the_whole_project_to_a_month() {
    use steward::model::generate::{Sizes, generate};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    steward::storage::save_project(&path, &generate(Sizes::uniform(10_000), 3), None, false).unwrap();
    let mut harness = harness_with(Some(path), UserDirs::default());
    click(&mut harness, "Exit plan");
    harness
        .get_by_role_and_label(Role::CheckBox, "Show the timeline")
        .click();
    settle(&mut harness);
    let whole = harness.state().view.timeline.layout.unwrap();
    let lanes = harness.state().view.timeline.cache.clone().unwrap().2;
    let days = (lanes.last - lanes.first).num_days() as f32 + 1.0;
    assert!(
        (whole.px_per_day * days - whole.plot.width()).abs() < 1.0,
        "zoom 1 shows it all"
    );
    harness.state_mut().view.timeline.zoom = 1000.0;
    harness.run();
    let layout = harness.state().view.timeline.layout.unwrap();
    assert!(
        layout.px_per_day * 45.0 >= layout.plot.width(),
        "the zoom reaches about a month"
    );
}

#[test]
fn the_hand_over_review_shows_the_timeline_before_readiness() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
    harness.key_press(Key::F5);
    settle(&mut harness);
    for _ in 0..40 {
        if harness.query_by_label("Hand-over up to the exit").is_some() {
            break;
        }
        harness.key_press(Key::PageDown);
        harness.run();
    }
    harness.get_by_label("Hand-over up to the exit");
    harness.get_by_label("Hand-over timeline");
    // F5 presents the next meeting, the November hand-over review, whose item "Hand-over by
    // skill" shows the timeline, then readiness.
    harness.key_press(Key::PageDown);
    harness.run();
    harness.get_by_label("Ready for the consultants to leave?");
}

#[test]
fn the_window_exports_a_workbook_and_one_persons_calendar_in_the_background() {
    use steward::app::{Command, ExportKind};
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(Some(demo_copy(dir.path())), UserDirs::default());
    let project = harness.state().doc.project.clone();
    let owner = project.handover.iter().find_map(|h| h.internal_owner).unwrap();

    // The stakeholder editor offers the person's calendar.
    harness.state_mut().push(Command::Select(Selection::Stakeholder(owner)));
    settle(&mut harness);
    harness.get_by_role_and_label(Role::Button, "Export their dates (.ics)…");

    let ics = dir.path().join("mine.ics");
    let book = dir.path().join("all.xlsx");
    harness.state_mut().push(Command::ExportTo(
        ExportKind::Calendar {
            open_only: false,
            person: Some(owner),
        },
        ics.clone(),
    ));
    harness.state_mut().push(Command::ExportTo(
        ExportKind::Workbook { hide_names: false },
        book.clone(),
    ));
    settle(&mut harness);
    let text = std::fs::read_to_string(&ics).unwrap();
    let theirs = project
        .handover
        .iter()
        .filter(|h| h.internal_owner == Some(owner) && h.target.is_some())
        .count()
        + project
            .kickoff
            .iter()
            .filter(|k| k.owner == Some(owner) && k.due.is_some())
            .count()
        + project
            .stakeholder(owner)
            .unwrap()
            .log
            .iter()
            .filter(|l| l.follow_up.is_some())
            .count()
        + 3;
    assert_eq!(text.matches("BEGIN:VEVENT").count(), theirs);
    let sheets = steward::interop::xlsx::read_workbook(std::fs::read(&book).unwrap()).unwrap();
    assert_eq!(sheets.len(), 7);
}
