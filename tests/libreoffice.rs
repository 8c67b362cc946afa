//! LibreOffice opens the workbook Steward writes: converted headless to CSV, ODS and XLS, every
//! list comes back through Steward's import unchanged, and formula-like text stays text.
//! Needs `soffice` on the PATH; without it the test says so and passes, unless
//! `STEWARD_REQUIRE_TOOLS=1` is set: CI (`scripts/test-interop.sh`) installs LibreOffice and sets
//! it, so there a missing LibreOffice fails the run.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use steward::interop::csv::{Table, parse};
use steward::interop::import::ImportList;
use steward::interop::xlsx::{export_workbook, read_workbook};
use steward::model::generate::{Sizes, generate};
use steward::model::{HandoverItem, KickoffItem, Project, Record, Stakeholder};

fn soffice(args: &[&str], profile: &Path) -> Option<std::process::Output> {
    let profile = format!("-env:UserInstallation=file://{}", profile.display());
    Command::new("soffice")
        .arg(profile)
        .arg("--headless")
        .args(args)
        .output()
        .ok()
}

fn project() -> Project {
    let mut p = generate(
        Sizes {
            stakeholders: 25,
            kickoff: 25,
            handover: 25,
            areas: 5,
            log_per_person: 0,
        },
        21,
    );
    let odd = [
        "=1+1",
        "+49 30 123",
        "-5",
        "@SUM(A1)",
        "Zoë; \"quoted\", €",
        "two\nlines",
    ];
    for (i, s) in p.stakeholders.iter_mut().enumerate() {
        s.notes = odd[i % odd.len()].into();
    }
    for (i, h) in p.handover.iter_mut().enumerate() {
        h.notes = odd[(i + 1) % odd.len()].into();
    }
    p
}

/// Imports every list from `sheet(list)` and checks it against the original.
fn check_lists(original: &Project, sheet: impl Fn(ImportList) -> Table, via: &str) {
    let mut empty = original.clone();
    empty.stakeholders.clear();
    let table = sheet(ImportList::Stakeholders);
    let rows =
        ImportList::Stakeholders.preview(&table, &ImportList::Stakeholders.guess(&table.headers, &empty), &empty);
    assert_eq!(rows.len(), original.stakeholders.len(), "{via}");
    for (row, s) in rows.iter().zip(&original.stakeholders) {
        let Some(Record::Stakeholder(back)) = &row.record else {
            panic!("{via}: {:?}", row.problems)
        };
        assert_eq!(
            &Stakeholder {
                id: s.id,
                log: s.log.clone(),
                ..back.clone()
            },
            s,
            "{via}"
        );
    }
    let mut target = original.clone();
    target.kickoff.clear();
    target.handover.clear();
    for list in [ImportList::Kickoff, ImportList::Handover] {
        let table = sheet(list);
        let rows = list.preview(&table, &list.guess(&table.headers, &target), &target);
        for row in &rows {
            match (&row.record, list) {
                (Some(Record::Kickoff(k)), _) => {
                    let o = original.kickoff.iter().find(|o| o.text == k.text).unwrap();
                    assert_eq!(&KickoffItem { id: o.id, ..k.clone() }, o, "{via}");
                }
                (Some(Record::Handover(h)), _) => {
                    let o = original
                        .handover
                        .iter()
                        .find(|o| o.skill == h.skill && o.area == h.area)
                        .unwrap();
                    assert_eq!(&HandoverItem { id: o.id, ..h.clone() }, o, "{via}");
                }
                _ => panic!("{via}: row {} {:?}", row.row, row.problems),
            }
        }
    }
}

#[test]
fn libreoffice_opens_the_workbook_and_its_conversions_import_back() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    if soffice(&["--version"], &profile).is_none_or(|o| !o.status.success()) {
        let required = std::env::var("STEWARD_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
        assert!(!required, "soffice is required (STEWARD_REQUIRE_TOOLS=1) but missing");
        eprintln!("soffice is not installed: skipping the LibreOffice check");
        return;
    }
    let original = project();
    let book = dir.path().join("project.xlsx");
    std::fs::write(
        &book,
        export_workbook(&original, NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()).unwrap(),
    )
    .unwrap();
    let out = dir.path().to_str().unwrap();

    // Every sheet to CSV (UTF-8, comma, quoted text; -1: all sheets, one file each).
    let csv = soffice(
        &[
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            out,
            book.to_str().unwrap(),
        ],
        &profile,
    )
    .unwrap();
    assert!(csv.status.success(), "{}", String::from_utf8_lossy(&csv.stderr));
    // About the file, LibreOffice says nothing; about its own set-up (no Java) it may.
    let stderr = String::from_utf8_lossy(&csv.stderr).to_lowercase();
    let about_the_file = stderr
        .lines()
        .filter(|l| !l.contains("javaldx") && !l.trim().is_empty());
    for line in about_the_file {
        assert!(!line.contains("error") && !line.contains("warn"), "{line}");
    }
    let sheet_csv = |list: ImportList| {
        let path = dir.path().join(format!("project-{}.csv", list.sheet_name()));
        parse(&std::fs::read(&path).unwrap()).unwrap()
    };
    check_lists(&original, sheet_csv, "LibreOffice CSV");
    let people = std::fs::read_to_string(dir.path().join("project-Stakeholders.csv")).unwrap();
    assert!(
        people.lines().any(|l| l.ends_with(",=1+1") || l.ends_with(",\"=1+1\"")),
        "the note is the text =1+1, not the formula's result 2"
    );

    // To the OpenDocument and old Excel formats, then read back as the import reads them.
    for format in ["ods", "xls"] {
        let converted = soffice(
            &["--convert-to", format, "--outdir", out, book.to_str().unwrap()],
            &profile,
        )
        .unwrap();
        assert!(
            converted.status.success(),
            "{}",
            String::from_utf8_lossy(&converted.stderr)
        );
        let bytes = std::fs::read(dir.path().join(format!("project.{format}"))).unwrap();
        let sheets = read_workbook(bytes).unwrap();
        let sheet = |list: ImportList| sheets.iter().find(|(n, _)| n == list.sheet_name()).unwrap().1.clone();
        check_lists(&original, sheet, format);
    }
}
