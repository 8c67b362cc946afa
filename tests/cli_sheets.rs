//! `steward export --format xlsx|ics` and `steward import`, as a script would run them.

use std::process::{Command, Output};

fn steward(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(args)
        .output()
        .expect("the binary runs")
}

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json");

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_workbook_goes_out_and_its_hand_overs_come_back_into_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("plan.xlsx");
    ok(&steward(&[
        "export",
        DEMO,
        "--format",
        "xlsx",
        "--out",
        book.to_str().unwrap(),
    ]));
    assert!(std::fs::read(&book).unwrap().starts_with(b"PK"), "a zip container");

    // A copy of the demo without its exit plan takes the plan back from the workbook.
    let project = dir.path().join("project.json");
    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(DEMO).unwrap()).unwrap();
    let items = json["handover"].as_array().unwrap().len();
    json["handover"] = serde_json::json!([]);
    std::fs::write(&project, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    // Saved once by the app: it has a project id and a history that the import must continue.
    let opened = steward::storage::open_project(&project).unwrap();
    let first = steward::storage::save_project_with(
        &project,
        &opened.project,
        Some(&opened.fingerprint),
        false,
        &opened.header.lineage,
        "exit plan cleared",
    )
    .unwrap();
    let id = first.lineage.project_id.clone().expect("a project id after a save");

    let dry = steward(&[
        "import",
        book.to_str().unwrap(),
        "--into",
        project.to_str().unwrap(),
        "--list",
        "handover",
        "--dry-run",
    ]);
    ok(&dry);
    assert!(String::from_utf8_lossy(&dry.stdout).contains(&format!("Would import {items} hand-over item(s)")));
    let out = steward(&[
        "import",
        book.to_str().unwrap(),
        "--into",
        project.to_str().unwrap(),
        "--list",
        "handover",
    ]);
    ok(&out);
    let header = steward::storage::open_project(&project).unwrap().header;
    assert_eq!(
        header.lineage.project_id.as_deref(),
        Some(id.as_str()),
        "the project id is kept"
    );
    let summaries: Vec<_> = header.lineage.history.iter().map(|h| h.summary.as_str()).collect();
    assert_eq!(summaries.len(), first.lineage.history.len() + 1, "{summaries:?}");
    assert_eq!(summaries[summaries.len() - 2], "exit plan cleared");
    assert!(summaries.last().unwrap().contains("imported"), "{summaries:?}");
    let after = steward::storage::open_project(&project).unwrap().project;
    let demo = steward::storage::open_project(std::path::Path::new(DEMO))
        .unwrap()
        .project;
    assert_eq!(after.handover.len(), items);
    for (back, original) in after.handover.iter().zip(&demo.handover) {
        assert_eq!(back.skill, original.skill);
        assert_eq!(back.internal_owner, original.internal_owner);
        assert_eq!(back.area, original.area);
        assert_eq!(back.target, original.target);
    }
    assert!(
        steward::storage::backup_path(&project).exists(),
        "the previous file is kept"
    );

    let missing = steward(&[
        "import",
        book.to_str().unwrap(),
        "--into",
        project.to_str().unwrap(),
        "--list",
        "handover",
        "--sheet",
        "Nope",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("\"Exit plan\""));
}

#[test]
fn unknown_names_in_an_import_are_reported_and_the_row_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project.json");
    std::fs::copy(DEMO, &project).unwrap();
    let csv = dir.path().join("items.csv");
    std::fs::write(&csv, "Item,Owner,Due\nAgree the data owner,Nobody Atall,2027-01-10\n").unwrap();
    let out = steward(&[
        "import",
        csv.to_str().unwrap(),
        "--into",
        project.to_str().unwrap(),
        "--list",
        "kickoff",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("row 2: owner \"Nobody Atall\" matches no stakeholder"));
    assert_eq!(
        std::fs::read(&project).unwrap(),
        std::fs::read(DEMO).unwrap(),
        "the project is unchanged"
    );
}

#[test]
fn the_calendar_export_takes_a_person_and_open_only() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("dates.ics");
    ok(&steward(&[
        "export",
        DEMO,
        "--format",
        "ics",
        "--out",
        ics.to_str().unwrap(),
    ]));
    let all = std::fs::read_to_string(&ics).unwrap();
    assert!(all.starts_with("BEGIN:VCALENDAR\r\n") && all.ends_with("END:VCALENDAR\r\n"));
    assert!(all.contains("UID:milestone-exit@3b0f6e52-8d1a-4c7e-a4b9-6f2d0c9e5a71.steward"));

    let demo = steward::storage::open_project(std::path::Path::new(DEMO))
        .unwrap()
        .project;
    let owner = demo.handover.iter().find_map(|h| h.internal_owner).unwrap();
    let name = demo.stakeholder(owner).unwrap().name.clone();
    let mine = dir.path().join("mine.ics");
    ok(&steward(&[
        "export",
        DEMO,
        "--format",
        "ics",
        "--person",
        &name,
        "--open-only",
        "--out",
        mine.to_str().unwrap(),
    ]));
    let mine = std::fs::read_to_string(&mine).unwrap();
    assert!(mine.matches("BEGIN:VEVENT").count() < all.matches("BEGIN:VEVENT").count());

    let nobody = steward(&[
        "export",
        DEMO,
        "--format",
        "ics",
        "--person",
        "Nobody Atall",
        "--out",
        ics.to_str().unwrap(),
    ]);
    assert_eq!(nobody.status.code(), Some(2));
}
