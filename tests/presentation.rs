//! Meeting mode driven like a presenter with a clicker: through every slide, ticking an item
//! live, hiding names, blanking the screen, and back to where the owner was.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use steward::app::present::Slide;
use steward::app::{AppOptions, Document, Panel, StewardApp, UserDirs};
use steward::model::generate::{Sizes, generate};

fn harness(size: [f32; 2]) -> Harness<'static, StewardApp> {
    let mut harness = Harness::builder().with_size(size).build_eframe(|cc| {
        StewardApp::create(
            cc,
            AppOptions {
                file: None,
                dirs: UserDirs::default(),
            },
        )
    });
    // 40 kickoff items: the checklist needs several slides.
    let mut project = generate(
        Sizes {
            stakeholders: 12,
            kickoff: 40,
            handover: 20,
            areas: 5,
            log_per_person: 0,
        },
        4,
    );
    project.details.name = "Projected project".into();
    harness.state_mut().doc = Document::new_untitled(project);
    harness.run();
    harness
}

fn press(harness: &mut Harness<'static, StewardApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// Every label and value in the accessibility tree, as text.
fn visible_text(harness: &Harness<'static, StewardApp>) -> String {
    harness
        .root()
        .children_recursive()
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

fn slide_count(harness: &Harness<'static, StewardApp>) -> usize {
    // The footer says "n / N".
    let text = visible_text(harness);
    text.lines()
        .find_map(|l| l.split_once(" / ").and_then(|(_, n)| n.trim().parse().ok()))
        .unwrap_or(0)
}

#[test]
fn presenting_runs_through_every_slide_and_returns_with_esc() {
    let mut harness = harness([1024.0, 768.0]);
    harness.get_by_role_and_label(Role::Button, "Kickoff").click();
    harness.run();
    press(&mut harness, Key::F5);
    assert!(harness.state().present.is_some());
    assert!(
        harness.query_by_label("Projected project").is_some(),
        "the title slide shows"
    );

    let mut seen = Vec::new();
    for key in [Key::PageDown, Key::ArrowRight, Key::Space].iter().cycle().take(30) {
        let slide = harness.state().present.as_ref().unwrap().slide;
        if !seen.contains(&slide) {
            seen.push(slide);
        }
        press(&mut harness, *key);
    }
    let last = harness.state().present.as_ref().unwrap().slide;
    assert!(
        seen.len() >= 8,
        "title, commitments, 3+ checklist pages, grid, RACI, readiness: {seen:?}"
    );
    assert!(
        harness
            .query_by_label_contains("Ready for the consultants to leave?")
            .is_some(),
        "the last slide is readiness"
    );
    press(&mut harness, Key::PageUp);
    press(&mut harness, Key::Backspace);
    press(&mut harness, Key::ArrowLeft);
    assert_eq!(harness.state().present.as_ref().unwrap().slide, last - 3);

    press(&mut harness, Key::Escape);
    assert!(harness.state().present.is_none());
    assert_eq!(harness.state().view.panel, Panel::Kickoff, "back where the owner was");
}

#[test]
fn ticking_an_item_on_the_checklist_slide_is_an_ordinary_undoable_edit() {
    let mut harness = harness([1280.0, 720.0]);
    press(&mut harness, Key::F5);
    press(&mut harness, Key::PageDown);
    press(&mut harness, Key::PageDown);
    let Some(Slide::Checklist { start, end, .. }) = harness.state().current_slide() else {
        panic!("not on the checklist")
    };

    // By click: an open item on this page, not the first row.
    let project = harness.state().doc.project.clone();
    if let Some(clicked) = (start + 1..end).find(|&i| !project.kickoff[i].is_done()) {
        harness
            .get_by_role_and_label(Role::CheckBox, &project.kickoff[clicked].text)
            .click();
        harness.run();
        assert!(harness.state().doc.project.kickoff[clicked].is_done());
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
        assert!(
            !harness.state().doc.project.kickoff[clicked].is_done(),
            "undo works while presenting"
        );
    }

    // By keyboard: select the first row with Down and tick it with Enter.
    press(&mut harness, Key::ArrowDown);
    let cursor = harness.state().present.as_ref().unwrap().cursor.unwrap();
    assert_eq!(cursor, start);
    let was_done = harness.state().doc.project.kickoff[cursor].is_done();
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().doc.project.kickoff[cursor].is_done(), !was_done);

    press(&mut harness, Key::Escape);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().doc.project.kickoff[cursor].is_done(),
        was_done,
        "Ctrl+Z undoes the tick"
    );
}

#[test]
fn hidden_names_appear_nowhere_on_any_slide() {
    let mut harness = harness([1024.0, 768.0]);
    let names: Vec<String> = harness
        .state()
        .doc
        .project
        .stakeholders
        .iter()
        .map(|s| s.name.clone())
        .collect();
    press(&mut harness, Key::F5);
    press(&mut harness, Key::H);
    assert!(harness.state().present.as_ref().unwrap().hide_names);
    let count = slide_count(&harness);
    assert!(count >= 8);
    for _ in 0..count {
        let text = visible_text(&harness);
        for name in &names {
            assert!(
                !text.contains(name.as_str()),
                "{name} is shown on slide {}",
                harness.state().present.as_ref().unwrap().slide + 1
            );
        }
        press(&mut harness, Key::PageDown);
    }
    // With names shown, they do appear somewhere (the test can fail).
    press(&mut harness, Key::H);
    let mut found = false;
    for _ in 0..count {
        found |= names.iter().any(|n| visible_text(&harness).contains(n.as_str()));
        press(&mut harness, Key::PageUp);
    }
    assert!(found);
}

#[test]
fn b_blanks_the_screen_and_any_key_brings_it_back() {
    let mut harness = harness([1280.0, 720.0]);
    press(&mut harness, Key::F5);
    press(&mut harness, Key::PageDown);
    press(&mut harness, Key::B);
    assert!(harness.state().present.as_ref().unwrap().blanked);
    assert!(
        harness.query_by_label_contains("What we commit to").is_none(),
        "nothing shows while blank"
    );
    press(&mut harness, Key::A);
    let present = harness.state().present.as_ref().unwrap();
    assert!(!present.blanked);
    assert_eq!(present.slide, 1, "the key that unblanks does not also move");
    assert!(harness.query_by_label_contains("What we commit to").is_some());
}

#[test]
fn slides_fit_at_the_three_projector_sizes() {
    for size in [[1024.0, 768.0], [1280.0, 720.0], [1920.0, 1080.0]] {
        let mut harness = harness(size);
        press(&mut harness, Key::F5);
        let count = slide_count(&harness);
        for _ in 0..count {
            // Every widget lies inside the window: nothing is pushed off the slide.
            for node in harness.root().children_recursive() {
                let node = node.accesskit_node();
                if let Some(rect) = node.raw_bounds() {
                    let inside = rect.x1 <= size[0] as f64 + 1.0 && rect.y1 <= size[1] as f64 + 1.0;
                    assert!(inside, "{size:?}: {rect:?} {:?}", node.label());
                }
            }
            press(&mut harness, Key::PageDown);
        }
    }
}

#[test]
fn commitments_edited_in_the_kickoff_panel_appear_on_their_slide() {
    let mut harness = harness([1280.0, 720.0]);
    let before = harness.state().doc.project.commitments.len();
    harness.get_by_role_and_label(Role::Button, "Kickoff").click();
    harness.run();
    harness.get_by_label_contains("shown on the kickoff slides").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "+ Add commitment").click();
    harness.run();
    assert_eq!(harness.state().doc.project.commitments.len(), before + 1);
    press(&mut harness, Key::F5);
    press(&mut harness, Key::PageDown);
    assert!(harness.query_by_label("We commit to …").is_some());
    press(&mut harness, Key::Escape);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.project.commitments.len(), before);
}

#[test]
fn the_testing_slide_shows_sign_offs_and_hides_the_signer_when_asked() {
    let demo = steward::storage::open_project(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo.json"
    )))
    .unwrap();
    let mut harness = Harness::builder().with_size([1024.0, 768.0]).build_eframe(|cc| {
        StewardApp::create(
            cc,
            AppOptions {
                file: None,
                dirs: UserDirs::default(),
            },
        )
    });
    let mut doc = Document::new_untitled(demo.project);
    // A new generation, so the figures are computed for this project rather than kept.
    doc.generation = harness.state().doc.generation + 1;
    harness.state_mut().doc = doc;
    harness.run();
    press(&mut harness, Key::F5);
    for _ in 0..40 {
        if harness
            .query_by_label_contains("Tested and signed off by staff?")
            .is_some()
        {
            break;
        }
        press(&mut harness, Key::PageDown);
    }
    let text = visible_text(&harness);
    assert!(text.contains("1 of 6 areas signed off"), "{text}");
    assert!(text.contains("Signed off by Tom Okafor"), "{text}");
    assert!(
        text.contains("Fails: Refund a cancelled registration (CED-2230)"),
        "{text}"
    );
    press(&mut harness, Key::H);
    let text = visible_text(&harness);
    assert!(!text.contains("Tom Okafor"));
    assert!(text.contains("Signed off by Director of membership"), "{text}");
}
