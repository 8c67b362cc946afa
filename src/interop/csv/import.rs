//! Stakeholder import, done in steps the app shows the owner: guess the column mapping from the
//! headers, preview every row with its problems, then add the good rows as one undoable edit.

use super::table::Table;
use crate::model::{Choice, Engagement, Side, Stakeholder, StakeholderId};

/// Which stakeholder field a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Ignore,
    Name,
    Role,
    Department,
    Side,
    Power,
    Interest,
    EngagementNow,
    EngagementWanted,
    Benefit,
    Contact,
    Notes,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::Ignore,
        Field::Name,
        Field::Role,
        Field::Department,
        Field::Side,
        Field::Power,
        Field::Interest,
        Field::EngagementNow,
        Field::EngagementWanted,
        Field::Benefit,
        Field::Contact,
        Field::Notes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Ignore => "(ignore)",
            Field::Name => "Name",
            Field::Role => "Role",
            Field::Department => "Department",
            Field::Side => "Side",
            Field::Power => "Power",
            Field::Interest => "Interest",
            Field::EngagementNow => "Engagement now",
            Field::EngagementWanted => "Engagement wanted",
            Field::Benefit => "What's in it for them",
            Field::Contact => "Contact",
            Field::Notes => "Notes",
        }
    }
}

/// A good first guess of the field for each column, from common header names.
pub fn guess_mapping(headers: &[String]) -> Vec<Field> {
    let mut used = std::collections::HashSet::new();
    headers
        .iter()
        .map(|h| {
            let h: String = h
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ')
                .collect();
            let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
            let field = if has(&["wanted", "desired", "target", "goal"]) {
                Field::EngagementWanted
            } else if has(&["engagement", "current", "attitude", "support"]) {
                Field::EngagementNow
            } else if has(&["benefit", "in it for", "wiifm", "gain"]) {
                Field::Benefit
            } else if has(&["power", "influence"]) {
                Field::Power
            } else if has(&["interest"]) {
                Field::Interest
            } else if has(&["dept", "department", "team", "unit"]) {
                Field::Department
            } else if has(&["role", "title", "position", "job"]) {
                Field::Role
            } else if has(&["side", "type", "group", "category", "affiliation"]) {
                Field::Side
            } else if has(&["email", "mail", "phone", "contact"]) {
                Field::Contact
            } else if has(&["note", "comment", "remark"]) {
                Field::Notes
            } else if has(&["name", "person", "stakeholder"]) {
                Field::Name
            } else {
                Field::Ignore
            };
            // Each field from one column only: the first that fits.
            if field != Field::Ignore && !used.insert(field) {
                Field::Ignore
            } else {
                field
            }
        })
        .collect()
}

/// One spreadsheet row as it would be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct RowResult {
    pub row: usize,
    /// The person, when the row is good enough to import.
    pub stakeholder: Option<Stakeholder>,
    /// Problems, phrased like "row 7: power must be 1 to 5".
    pub problems: Vec<String>,
}

fn score(text: &str) -> Option<u8> {
    text.trim().parse::<u8>().ok().filter(|v| (1..=5).contains(v))
}

/// Applies the mapping to every row and says what is wrong with each.
pub fn preview(table: &Table, mapping: &[Field]) -> Vec<RowResult> {
    table
        .rows
        .iter()
        .map(|(row, cells)| {
            let mut s = Stakeholder::new(StakeholderId(0), "");
            let mut problems = Vec::new();
            for (field, cell) in mapping.iter().zip(cells) {
                if cell.is_empty() {
                    continue;
                }
                let blank = cell.trim().is_empty();
                match field {
                    Field::Ignore => {}
                    // A blank value leaves the default; blank text is kept as written.
                    Field::Side | Field::Power | Field::Interest | Field::EngagementNow | Field::EngagementWanted
                        if blank => {}
                    Field::Name => s.name = cell.clone(),
                    Field::Role => s.role = cell.clone(),
                    Field::Department => s.department = cell.clone(),
                    Field::Benefit => s.benefit = cell.clone(),
                    Field::Contact => s.contact = cell.clone(),
                    Field::Notes => s.notes = cell.clone(),
                    Field::Side => match Side::parse_loose(cell.trim()) {
                        Some(side) => s.side = side,
                        None => problems.push(format!(
                            "row {row}: side \"{}\" is not one of {}",
                            cell.trim(),
                            labels::<Side>()
                        )),
                    },
                    Field::Power => match score(cell) {
                        Some(v) => s.power = v,
                        None => problems.push(format!("row {row}: power must be 1 to 5, not \"{}\"", cell.trim())),
                    },
                    Field::Interest => match score(cell) {
                        Some(v) => s.interest = v,
                        None => problems.push(format!("row {row}: interest must be 1 to 5, not \"{}\"", cell.trim())),
                    },
                    Field::EngagementNow | Field::EngagementWanted => match Engagement::parse_loose(cell.trim()) {
                        Some(level) if *field == Field::EngagementNow => s.engagement_now = level,
                        Some(level) => s.engagement_wanted = level,
                        None => problems.push(format!(
                            "row {row}: engagement \"{cell}\" is not one of {}",
                            labels::<Engagement>()
                        )),
                    },
                }
            }
            if s.name.trim().is_empty() {
                problems.push(format!("row {row}: no name"));
            }
            RowResult {
                row: *row,
                stakeholder: problems.is_empty().then_some(s),
                problems,
            }
        })
        .collect()
}

fn labels<T: Choice>() -> String {
    T::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::table::BOM;
    use super::super::{export_handover, export_kickoff, export_stakeholders, parse};
    use super::*;
    use crate::model::apply;
    use crate::model::generate::{Sizes, generate};
    use crate::model::{Edit, Project, Record};
    use proptest::prelude::*;

    /// Adds the good rows the way the app does, through the one import of every list.
    fn import_edit(project: &Project, rows: &[RowResult]) -> (Edit, usize) {
        let rows: Vec<_> = rows
            .iter()
            .map(|r| crate::interop::import::ImportRow {
                row: r.row,
                record: r.stakeholder.clone().map(Record::Stakeholder),
                problems: r.problems.clone(),
                label: String::new(),
                results: Vec::new(),
                adds_to: None,
            })
            .collect();
        crate::interop::import::import_edit(project, &rows)
    }

    fn table(text: &str) -> Table {
        parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn bom_semicolons_quotes_newlines_empty_rows_and_extra_columns() {
        let text = "\u{feff}Full name;Dept;Influence;Interest;Email;Shoe size\r\n\
                    \"Okafor; Tom\";Membership;4;5;t@x.org;44\r\n\
                    ;;;;;\r\n\
                    \"Lena \"\"Lee\"\" Fischer\";\"Comms\nand web\";2;3;;\r\n\
                    Priya Raman;Membership;2;5\r\n";
        let t = table(text);
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.headers[0], "Full name");
        assert_eq!(t.rows.len(), 3, "the empty row is skipped");
        let mapping = guess_mapping(&t.headers);
        assert_eq!(
            mapping,
            vec![
                Field::Name,
                Field::Department,
                Field::Power,
                Field::Interest,
                Field::Contact,
                Field::Ignore
            ]
        );
        let rows = preview(&t, &mapping);
        assert!(rows.iter().all(|r| r.problems.is_empty()), "{rows:?}");
        let people: Vec<_> = rows.iter().map(|r| r.stakeholder.clone().unwrap()).collect();
        assert_eq!(people[0].name, "Okafor; Tom");
        assert_eq!(people[1].name, "Lena \"Lee\" Fischer");
        assert_eq!(people[1].department, "Comms\nand web");
        assert_eq!(
            rows[2].row, 5,
            "row numbers count the header, the empty row and the multi-line cell's row"
        );
    }

    #[test]
    fn row_problems_name_the_row_and_the_rule() {
        let t = table("Name,Power,Interest,Side\nAnn,7,3,Staff\n,2,2,Staff\nCat,3,3,Partner\nDee,3,3,consultant\n");
        let rows = preview(&t, &guess_mapping(&t.headers));
        assert_eq!(rows[0].problems, vec!["row 2: power must be 1 to 5, not \"7\""]);
        assert_eq!(rows[1].problems, vec!["row 3: no name"]);
        assert!(rows[2].problems[0].starts_with("row 4: side \"Partner\" is not one of Staff"));
        assert!(rows[3].problems.is_empty(), "labels match loosely");
        assert_eq!(rows[3].stakeholder.as_ref().unwrap().side, Side::Consultant);
        let project = Project::default();
        let (_, count) = import_edit(&project, &rows);
        assert_eq!(count, 1);
    }

    #[test]
    fn the_import_is_one_undoable_step() {
        let mut project = generate(Sizes::uniform(5), 1);
        let before = project.clone();
        let t = table("Name,Role\nNew One,Tester\nNew Two,Trainer\n");
        let (edit, count) = import_edit(&project, &preview(&t, &guess_mapping(&t.headers)));
        assert_eq!(count, 2);
        let inverse = apply(&mut project, edit).unwrap();
        assert_eq!(project.stakeholders.len(), 7);
        assert!(crate::model::validate(&project).is_empty());
        apply(&mut project, inverse).unwrap();
        assert_eq!(project, before);
    }

    #[test]
    fn not_utf8_is_refused_with_advice() {
        let err = parse(b"Name\nJos\xe9\n").unwrap_err();
        assert!(err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn exports_start_with_a_bom_and_use_crlf() {
        let p = generate(Sizes::uniform(3), 1);
        for bytes in [export_stakeholders(&p), export_kickoff(&p), export_handover(&p)] {
            assert!(bytes.starts_with(BOM));
            let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
            assert_eq!(text.matches("\r\n").count(), 4, "{text}");
        }
    }

    proptest! {
        #[test]
        fn exported_stakeholders_import_back_the_same(seed in any::<u64>(), n in 0usize..30, odd in "[-=+@'\ta-zA-Z ,;\"\n]{0,20}") {
            let mut project = generate(Sizes { stakeholders: n, kickoff: 0, handover: 0, areas: 1, log_per_person: 0 }, seed);
            for s in &mut project.stakeholders {
                s.notes = odd.clone();
                s.benefit = format!("{odd}é€");
            }
            let t = parse(&export_stakeholders(&project)).unwrap();
            let rows = preview(&t, &guess_mapping(&t.headers));
            prop_assert_eq!(rows.len(), n);
            for (row, original) in rows.iter().zip(&project.stakeholders) {
                prop_assert!(row.problems.is_empty(), "{:?}", row.problems);
                let back = Stakeholder { id: original.id, ..row.stakeholder.clone().unwrap() };
                prop_assert_eq!(&back, original);
            }
        }
    }

    #[test]
    fn formulas_are_neutralised_on_export_and_read_back_as_typed() {
        let mut project = generate(
            Sizes {
                stakeholders: 6,
                kickoff: 1,
                handover: 1,
                areas: 1,
                log_per_person: 0,
            },
            3,
        );
        let hostile = [
            "=HYPERLINK(\"http://evil.example\",\"Click\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
            "'=already quoted",
        ];
        for (s, name) in project.stakeholders.iter_mut().zip(hostile) {
            s.name = name.to_string();
            s.notes = name.to_string();
        }
        project.kickoff[0].text = "=1+2".into();
        project.handover[0].skill = "@cmd".into();
        let bytes = export_stakeholders(&project);
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&bytes[3..]);
        for record in reader.records() {
            let record = record.unwrap();
            for cell in record.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a cell a spreadsheet would run: {cell:?}"
                );
            }
        }
        for other in [export_kickoff(&project), export_handover(&project)] {
            let text = String::from_utf8(other).unwrap();
            assert!(text.contains("'=1+2") || text.contains("'@cmd"), "{text}");
        }
        let t = parse(&bytes).unwrap();
        let rows = preview(&t, &guess_mapping(&t.headers));
        for (row, name) in rows.iter().zip(hostile) {
            let s = row.stakeholder.as_ref().unwrap();
            assert_eq!(s.name, name);
            assert_eq!(s.notes, name);
        }
    }

    #[test]
    fn utf16_and_binary_files_are_refused_with_advice() {
        let utf16: Vec<u8> = "\u{feff}Name\r\nAnn\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = parse(&utf16).unwrap_err();
        assert!(err.contains("UTF-16") && err.contains("CSV UTF-8"), "{err}");
        let err = parse(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe").unwrap_err();
        assert!(err.contains("not UTF-8"), "{err}");
    }

    #[test]
    fn a_hundred_thousand_rows_import_without_trouble() {
        let mut text = String::from("Name,Power\n");
        for i in 0..100_000 {
            text.push_str(&format!("Person {i},3\n"));
        }
        let t = table(&text);
        let rows = preview(&t, &guess_mapping(&t.headers));
        assert_eq!(rows.len(), 100_000);
        assert!(rows.iter().all(|r| r.problems.is_empty()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(crate::test_cases(256)))]
        /// Whatever the bytes (mismatched quotes, binary, stray separators), the import gives a
        /// result or a message and never changes the project until the edit is applied.
        #[test]
        fn arbitrary_bytes_never_panic_the_import(
            bytes in proptest::collection::vec(any::<u8>(), 0..600),
            text in "[\"',;\\n\\r=a-z0-9\\t]{0,200}",
        ) {
            let project = generate(Sizes::uniform(3), 1);
            let before = project.clone();
            for input in [bytes.clone(), text.into_bytes()] {
                if let Ok(t) = parse(&input) {
                    let rows = preview(&t, &guess_mapping(&t.headers));
                    let (edit, count) = import_edit(&project, &rows);
                    prop_assert!(count <= rows.len());
                    let mut changed = project.clone();
                    prop_assert!(apply(&mut changed, edit).is_ok(), "an import edit always applies");
                    prop_assert!(crate::model::validate(&changed).is_empty(), "an import made the project invalid");
                }
                prop_assert_eq!(&project, &before);
            }
        }
    }
}
