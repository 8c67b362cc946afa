//! Workbooks: what Steward writes reads back with real date and number cells, text that looks
//! like a formula stays text, and a workbook Steward exported imports back with nothing lost.

use std::io::Cursor;

use calamine::{Data, DataType, Reader};
use chrono::NaiveDate;
use steward::interop::csv::parse;
use steward::interop::import::{ImportList, import_edit};
use steward::interop::xlsx::{WorkbookOptions, export_workbook, export_workbook_with, read_workbook};
use steward::model::generate::{Sizes, TestSizes, generate, generate_with_tests};
use steward::model::{
    Area, AreaId, Edit, HandoverItem, KickoffItem, Project, Record, Stakeholder, StakeholderId, apply, validate,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()
}

/// Text that spreadsheets would otherwise take for a formula, and other awkward text.
const ODD: &[&str] = &[
    "=1+1",
    "+49 30 123456",
    "-5",
    "@SUM(A1:A3)",
    "\tleading tab",
    "\rleading CR",
    "=HYPERLINK(\"http://example.invalid\",\"click\")",
    "Zoë \"Zo\" Ångström; Müller, €",
    "two\nlines",
    "  spaces around  ",
];

fn project() -> Project {
    let mut p = generate(
        Sizes {
            stakeholders: 40,
            kickoff: 40,
            handover: 40,
            areas: 6,
            log_per_person: 0,
        },
        11,
    );
    for (i, s) in p.stakeholders.iter_mut().enumerate() {
        s.notes = ODD[i % ODD.len()].to_string();
        s.role = ODD[(i + 3) % ODD.len()].to_string();
    }
    for (i, k) in p.kickoff.iter_mut().enumerate() {
        k.notes = ODD[i % ODD.len()].to_string();
    }
    for (i, h) in p.handover.iter_mut().enumerate() {
        h.notes = ODD[(i + 5) % ODD.len()].to_string();
    }
    p.stakeholders[0].name = "=cmd|' /C calc'!A0".into();
    p
}

fn workbook(bytes: &[u8]) -> calamine::Sheets<Cursor<Vec<u8>>> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

#[test]
fn the_workbook_has_every_sheet_with_date_and_number_cells() {
    let p = project();
    let bytes = export_workbook(&p, today()).unwrap();
    let mut book = workbook(&bytes);
    assert_eq!(
        book.sheet_names(),
        [
            "Project",
            "Stakeholders",
            "RACI",
            "Kickoff checklist",
            "Exit plan",
            "Test scenarios",
            "Findings"
        ]
    );
    let plan = book.worksheet_range("Exit plan").unwrap();
    let header: Vec<String> = plan.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let target = header.iter().position(|h| h == "Target").unwrap();
    for (row, item) in plan.rows().skip(1).zip(&p.handover) {
        match (&row[target], item.target) {
            (Data::DateTime(cell), Some(day)) => {
                let (y, m, d, ..) = cell.to_ymd_hms_milli();
                assert_eq!(NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()), Some(day));
            }
            (Data::Empty, None) => {}
            (cell, day) => panic!("target {day:?} written as {cell:?}"),
        }
    }
    let people = book.worksheet_range("Stakeholders").unwrap();
    let header: Vec<String> = people.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    for title in ["Power", "Interest", "Engagement gap"] {
        let col = header.iter().position(|h| h == title).unwrap();
        assert!(
            people
                .rows()
                .skip(1)
                .all(|r| matches!(r[col], Data::Float(_) | Data::Int(_))),
            "{title} is a number cell"
        );
    }
    assert!(header.iter().any(|h| h == "Quadrant"));
    let details = book.worksheet_range("Project").unwrap();
    assert!(
        details
            .rows()
            .any(|r| r[0] == Data::String("Consultants' exit".into()) && r[1].is_datetime())
    );
}

#[test]
fn text_that_looks_like_a_formula_is_written_as_text() {
    let p = project();
    let bytes = export_workbook(&p, today()).unwrap();
    let mut book = workbook(&bytes);
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.rows().flatten().all(String::is_empty),
            "sheet {sheet} has a formula"
        );
    }
    let people = book.worksheet_range("Stakeholders").unwrap();
    let cells: Vec<String> = people.rows().flatten().map(|c| c.to_string()).collect();
    for odd in ODD {
        assert!(cells.iter().any(|c| c == odd), "{odd:?} kept as written");
    }
    assert!(cells.iter().any(|c| c == "=cmd|' /C calc'!A0"));
}

#[test]
fn a_workbook_steward_exported_imports_back_with_nothing_lost() {
    let original = project();
    let sheets = read_workbook(export_workbook(&original, today()).unwrap()).unwrap();
    let sheet = |list: ImportList| &sheets.iter().find(|(name, _)| name == list.sheet_name()).unwrap().1;

    // Stakeholders into an empty project.
    let empty = Project::default();
    let table = sheet(ImportList::Stakeholders);
    let rows = ImportList::Stakeholders.preview(table, &ImportList::Stakeholders.guess(&table.headers, &empty), &empty);
    assert_eq!(rows.len(), original.stakeholders.len());
    for (row, person) in rows.iter().zip(&original.stakeholders) {
        assert!(row.problems.is_empty(), "{:?}", row.problems);
        let Some(Record::Stakeholder(back)) = &row.record else {
            panic!()
        };
        assert_eq!(
            &Stakeholder {
                id: person.id,
                ..back.clone()
            },
            person
        );
    }

    // Kickoff and hand-over items into the same project without them: names resolve.
    let mut target = original.clone();
    target.kickoff.clear();
    target.handover.clear();
    for list in [ImportList::Kickoff, ImportList::Handover] {
        let table = sheet(list);
        let rows = list.preview(table, &list.guess(&table.headers, &target), &target);
        assert!(
            rows.iter().all(|r| r.problems.is_empty()),
            "{:?}",
            rows.iter().find(|r| !r.problems.is_empty())
        );
        let (edit, count) = import_edit(&target, &rows);
        assert_eq!(count, rows.len());
        apply(&mut target, edit).unwrap();
    }
    assert!(validate(&target).is_empty());
    // Importing the same sheets again adds nothing: every row is already there.
    for list in [ImportList::Kickoff, ImportList::Handover] {
        let table = sheet(list);
        let rows = list.preview(table, &list.guess(&table.headers, &target), &target);
        assert!(
            rows.iter()
                .all(|r| r.record.is_none() && r.problems[0].ends_with("is already in the project"))
        );
    }
    assert_eq!(target.kickoff.len(), original.kickoff.len());
    for (back, k) in target.kickoff.iter().zip(&original.kickoff) {
        assert_eq!(
            &KickoffItem {
                id: k.id,
                ..back.clone()
            },
            k
        );
    }
    for (back, h) in target.handover.iter().zip(&original.handover) {
        assert_eq!(
            &HandoverItem {
                id: h.id,
                ..back.clone()
            },
            h
        );
    }
}

fn people_and_areas() -> Project {
    Project {
        stakeholders: vec![
            Stakeholder::new(StakeholderId(1), "Ann Smith"),
            Stakeholder::new(StakeholderId(2), "Bo Lind"),
            Stakeholder::new(StakeholderId(3), "Bo Lind"),
        ],
        areas: vec![Area {
            id: AreaId(10),
            name: "Finance".into(),
            key: true,
            description: String::new(),
            raci: Vec::new(),
            extra: Default::default(),
        }],
        ..Default::default()
    }
}

#[test]
fn names_resolve_to_existing_records_and_unknown_names_are_reported() {
    let project = people_and_areas();
    let table = parse(
        "Task,Owner,Due\n\
         Agree roles,  ann SMITH ,2027-02-01\n\
         Agree scope,Carla Nobody,2027-02-02\n\
         Agree budget,Bo Lind,\n\
         Agree dates,,31.12.2027\n\
         Agree tools,Ann Smith,next week\n"
            .as_bytes(),
    )
    .unwrap();
    let mapping = ImportList::Kickoff.guess(&table.headers, &project);
    assert!(mapping.iter().all(|f| *f != 0), "{mapping:?}");
    let rows = ImportList::Kickoff.preview(&table, &mapping, &project);
    let Some(Record::Kickoff(first)) = &rows[0].record else {
        panic!("{:?}", rows[0])
    };
    assert_eq!(first.owner, Some(StakeholderId(1)), "case and spaces do not matter");
    assert_eq!(
        rows[1].problems,
        ["row 3: owner \"Carla Nobody\" matches no stakeholder in the project"]
    );
    assert!(rows[2].problems[0].starts_with("row 4: owner \"Bo Lind\" matches 2 stakeholders"));
    assert!(rows[3].problems.is_empty(), "{:?}", rows[3].problems);
    assert!(rows[4].problems[0].contains("\"next week\" is not a date"));

    let (edit, count) = import_edit(&project, &rows);
    assert_eq!(count, 2);
    let mut after = project.clone();
    let undo = apply(&mut after, edit).unwrap();
    assert_eq!(after.stakeholders, project.stakeholders, "no person is invented");
    assert_eq!(after.kickoff.len(), 2);
    apply(&mut after, undo).unwrap();
    assert_eq!(after, project, "one undoable step");

    let table = parse("Skill,Area,Internal owner,Stage\nInvoices,Finanse,Ann Smith,shadows\nReports,finance,Ann Smith,Staff shadows\n".as_bytes()).unwrap();
    let rows = ImportList::Handover.preview(&table, &ImportList::Handover.guess(&table.headers, &project), &project);
    assert_eq!(rows[0].problems.len(), 2, "{:?}", rows[0].problems);
    assert!(rows[0].problems[0].contains("area \"Finanse\" matches no area"));
    let Some(Record::Handover(h)) = &rows[1].record else {
        panic!("{:?}", rows[1])
    };
    assert_eq!(h.area, Some(AreaId(10)));
    assert!(matches!(import_edit(&project, &rows).0, Edit::Batch(ref e) if e.len() == 1));
}

/// Every text cell of every sheet.
fn all_text(bytes: &[u8]) -> String {
    let mut book = workbook(bytes);
    let mut text = String::new();
    for name in book.sheet_names() {
        for row in book.worksheet_range(&name).unwrap().rows() {
            for cell in row {
                text.push_str(&cell.to_string());
                text.push('\n');
            }
        }
    }
    text
}

#[test]
fn a_workbook_without_names_shows_roles_and_leaves_out_contacts_and_notes() {
    let mut p = generate_with_tests(
        Sizes::uniform(30),
        TestSizes {
            scenarios: 30,
            rounds: 2,
        },
        4,
    );
    for (i, s) in p.stakeholders.iter_mut().enumerate() {
        s.name = format!("Zelda Quill{i:02}");
        s.contact = format!("zq{i}@example.invalid");
        s.notes = format!("private note {i}");
    }
    let with = all_text(&export_workbook(&p, today()).unwrap());
    assert!(
        with.contains("Zelda Quill07") && with.contains("zq7@example.invalid"),
        "names are there by default"
    );
    let without = all_text(&export_workbook_with(&p, today(), WorkbookOptions { hide_names: true }).unwrap());
    let leaks: Vec<_> = without
        .lines()
        .filter(|l| l.contains("Zelda") || l.contains("Quill"))
        .collect();
    assert!(leaks.is_empty(), "no name on any sheet: {leaks:?}");
    assert!(!without.contains("@example.invalid") && !without.contains("private note"));
    let role = &p.stakeholders[0].role;
    assert!(
        !role.is_empty() && without.contains(role.as_str()),
        "people appear by role"
    );
}

#[test]
fn the_test_scenarios_sheet_reads_back_as_results_for_the_scenarios_already_there() {
    let p = generate_with_tests(
        Sizes::uniform(20),
        TestSizes {
            scenarios: 25,
            rounds: 3,
        },
        9,
    );
    assert!(p.testing.results.len() > 10);
    let sheets = read_workbook(export_workbook(&p, today()).unwrap()).unwrap();
    let list = ImportList::Scenarios;
    let (_, table) = sheets.iter().find(|(name, _)| name == list.sheet_name()).unwrap();
    for round in &p.testing.rounds {
        assert!(table.headers.contains(&round.name), "a column for {}", round.name);
    }

    // Into a project without the scenarios: every one comes back with its results.
    let mut fresh = p.clone();
    fresh.testing.scenarios.clear();
    fresh.testing.results.clear();
    let rows = list.preview(table, &list.guess(&table.headers, &fresh), &fresh);
    assert!(
        rows.iter().all(|r| r.is_ready()),
        "{:?}",
        rows.iter().find(|r| !r.is_ready())
    );
    let (edit, count) = import_edit(&fresh, &rows);
    assert_eq!(count, p.testing.scenarios.len());
    apply(&mut fresh, edit).unwrap();
    assert!(validate(&fresh).is_empty());
    let standing = |q: &Project| {
        let mut all: Vec<_> = q
            .testing
            .results
            .iter()
            .map(|r| (q.testing.scenario(r.scenario).unwrap().title.clone(), r.round, r.status))
            .collect();
        all.sort();
        all
    };
    assert_eq!(standing(&fresh), standing(&p));

    // Into the project itself: nothing is new, the results are already there.
    let rows = list.preview(table, &list.guess(&table.headers, &p), &p);
    let (edit, _) = import_edit(&p, &rows);
    let mut same = p.clone();
    apply(&mut same, edit).unwrap();
    assert_eq!(same.testing, p.testing, "importing the export again changes nothing");

    // A tester changed one result in the sheet: only that result changes.
    let mut edited = table.clone();
    let round = &p.testing.rounds[0];
    let col = edited.headers.iter().position(|h| *h == round.name).unwrap();
    let title_col = edited.headers.iter().position(|h| h == "Scenario").unwrap();
    let (_, cells) = &mut edited.rows[0];
    let before = cells[col].clone();
    cells[col] = if before == "Failed" {
        "Passed".into()
    } else {
        "Failed".into()
    };
    let title = cells[title_col].clone();
    let rows = list.preview(&edited, &list.guess(&edited.headers, &p), &p);
    assert!(rows[0].adds_to.is_some(), "the row names a scenario already there");
    let (edit, _) = import_edit(&p, &rows);
    let mut changed = p.clone();
    apply(&mut changed, edit).unwrap();
    let scenario = changed.testing.scenarios.iter().find(|s| s.title == title).unwrap().id;
    let now = changed.testing.result(scenario, round.id).unwrap().status;
    assert_ne!(Some(now), p.testing.result(scenario, round.id).map(|r| r.status));
    assert_eq!(
        changed.testing.results.len(),
        p.testing.results.len() + usize::from(before.is_empty())
    );
}
