//! The test plan in spreadsheets. Two exports: the scenarios (one row each, with its standing in
//! every round) and the results (one row per scenario and round, the whole history). The import
//! reads a spreadsheet of test cases: each row a scenario, and a column named like a round
//! ("UAT round 1") gives its result in that round.

use std::collections::HashMap;

use super::table::{Table, finish, writer};
use crate::model::columns::{Listed, Names};
use crate::model::{Choice, Project, RoundId, Scenario, ScenarioId, StakeholderId, TestResult, TestStatus};

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn person(project: &Project, id: Option<StakeholderId>) -> &str {
    id.and_then(|id| project.stakeholder(id))
        .map_or("", |s| s.name.as_str())
}

/// One row per scenario with the list's exported columns, then its result in each round as a
/// column named after the round.
pub fn export_scenarios(project: &Project) -> Vec<u8> {
    let plan = &project.testing;
    let names = Names::of(project);
    let columns: Vec<_> = Scenario::columns().iter().filter(|c| c.exported).collect();
    let results: HashMap<(ScenarioId, RoundId), TestStatus> =
        plan.results.iter().map(|r| ((r.scenario, r.round), r.status)).collect();
    let mut w = writer();
    let header = columns
        .iter()
        .map(|c| c.header_in_export())
        .chain(plan.rounds.iter().map(|r| r.name.as_str()));
    w.write_record(header).expect("in memory");
    for s in &plan.scenarios {
        let mut row: Vec<String> = columns.iter().map(|c| (c.text)(s, &names).into_owned()).collect();
        for round in &plan.rounds {
            row.push(
                results
                    .get(&(s.id, round.id))
                    .map_or(String::new(), |status| status.label().to_string()),
            );
        }
        w.write_record(&row).expect("in memory");
    }
    finish(w)
}

/// Every result of every round: the history, one row each.
pub fn export_results(project: &Project) -> Vec<u8> {
    let plan = &project.testing;
    let mut w = writer();
    w.write_record([
        "Scenario id",
        "Scenario",
        "Round",
        "Result",
        "Date",
        "Run by",
        "Note",
        "Defect",
    ])
    .expect("in memory");
    // In round order, then scenario order, as a tester reads a test log.
    let scenario_position: HashMap<ScenarioId, usize> =
        plan.scenarios.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let round_position: HashMap<RoundId, usize> = plan.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut results: Vec<&TestResult> = plan.results.iter().collect();
    results.sort_by_key(|r| (round_position.get(&r.round), scenario_position.get(&r.scenario)));
    for r in results {
        w.write_record([
            r.scenario.to_string().as_str(),
            plan.scenario(r.scenario).map_or("", |s| s.title.as_str()),
            plan.round(r.round).map_or("", |r| r.name.as_str()),
            r.status.label(),
            &date(r.date),
            person(project, r.run_by),
            &r.note,
            &r.defect,
        ])
        .expect("in memory");
    }
    finish(w)
}

/// What a column of a test-case spreadsheet fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioField {
    Ignore,
    Title,
    Area,
    Process,
    Steps,
    Expected,
    MustPass,
    Tester,
    /// The result in this round.
    Round(RoundId),
}

impl ScenarioField {
    /// Every field a column can fill in this project: the scenario's own, then one per round.
    pub fn options(project: &Project) -> Vec<ScenarioField> {
        let mut all = vec![
            ScenarioField::Ignore,
            ScenarioField::Title,
            ScenarioField::Area,
            ScenarioField::Process,
            ScenarioField::Steps,
            ScenarioField::Expected,
            ScenarioField::MustPass,
            ScenarioField::Tester,
        ];
        all.extend(project.testing.rounds.iter().map(|r| ScenarioField::Round(r.id)));
        all
    }

    pub fn label(self, project: &Project) -> String {
        match self {
            ScenarioField::Ignore => "(ignore)".into(),
            ScenarioField::Title => "Scenario".into(),
            ScenarioField::Area => "Area".into(),
            ScenarioField::Process => "Business process".into(),
            ScenarioField::Steps => "Steps".into(),
            ScenarioField::Expected => "Expected result".into(),
            ScenarioField::MustPass => "Must pass".into(),
            ScenarioField::Tester => "Tester".into(),
            ScenarioField::Round(id) => format!(
                "Result in {}",
                project.testing.round(id).map_or("a deleted round", |r| r.name.as_str())
            ),
        }
    }
}

/// A first guess for each column: the usual names of test-case columns, and round names.
pub fn guess_scenario_mapping(project: &Project, headers: &[String]) -> Vec<ScenarioField> {
    let mut used = Vec::new();
    headers
        .iter()
        .map(|h| {
            let plain: String = h
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ')
                .collect();
            let has = |words: &[&str]| words.iter().any(|w| plain.contains(w));
            let round = project
                .testing
                .rounds
                .iter()
                .find(|r| r.name.trim().eq_ignore_ascii_case(h.trim()));
            let field = if let Some(round) = round {
                ScenarioField::Round(round.id)
            } else if plain.trim() == "id" {
                ScenarioField::Ignore
            } else if has(&["expected", "outcome"]) {
                ScenarioField::Expected
            } else if has(&["step", "procedure", "instruction"]) {
                ScenarioField::Steps
            } else if has(&["process", "requirement"]) {
                ScenarioField::Process
            } else if has(&["must", "priority", "critical", "mandatory"]) {
                ScenarioField::MustPass
            } else if has(&["tester", "tested by", "assigned", "owner"]) {
                ScenarioField::Tester
            } else if has(&["area", "module", "function"]) {
                ScenarioField::Area
            } else if has(&["scenario", "title", "test case", "case", "name", "summary"]) {
                ScenarioField::Title
            } else {
                ScenarioField::Ignore
            };
            if field != ScenarioField::Ignore && used.contains(&field) {
                ScenarioField::Ignore
            } else {
                used.push(field);
                field
            }
        })
        .collect()
}

/// One spreadsheet row as it would be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioRow {
    pub row: usize,
    /// The scenario and its results (ids are given on import), when the row is good.
    pub scenario: Option<(Scenario, Vec<(RoundId, TestStatus)>)>,
    pub problems: Vec<String>,
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "x" | "1" | "must" | "must pass" | "high" | "critical" => Some(true),
        "no" | "n" | "false" | "0" | "nice to have" | "low" | "medium" => Some(false),
        _ => None,
    }
}

/// Applies the mapping to every row and says what is wrong with each, in the spreadsheet's
/// row numbers. Areas and testers are found by name, ignoring case.
pub fn preview_scenarios(project: &Project, table: &Table, mapping: &[ScenarioField]) -> Vec<ScenarioRow> {
    let areas: HashMap<String, _> = project
        .areas
        .iter()
        .map(|a| (a.name.trim().to_lowercase(), a.id))
        .collect();
    let people: HashMap<String, _> = project
        .stakeholders
        .iter()
        .map(|s| (s.name.trim().to_lowercase(), s.id))
        .collect();
    table
        .rows
        .iter()
        .map(|(row, cells)| {
            let mut s = Scenario::new(ScenarioId(0), "");
            let mut results = Vec::new();
            let mut problems = Vec::new();
            for (field, cell) in mapping.iter().zip(cells) {
                let value = cell.trim();
                if value.is_empty() {
                    continue;
                }
                match field {
                    ScenarioField::Ignore => {}
                    ScenarioField::Title => s.title = value.to_string(),
                    ScenarioField::Process => s.process = cell.clone(),
                    ScenarioField::Steps => s.steps = cell.clone(),
                    ScenarioField::Expected => s.expected = cell.clone(),
                    ScenarioField::Area => match areas.get(&value.to_lowercase()) {
                        Some(id) => s.area = Some(*id),
                        None => problems.push(format!("row {row}: there is no area called \"{value}\"")),
                    },
                    ScenarioField::Tester => match people.get(&value.to_lowercase()) {
                        Some(id) => s.tester = Some(*id),
                        None => problems.push(format!("row {row}: nobody called \"{value}\" is on the register")),
                    },
                    ScenarioField::MustPass => match yes_no(value) {
                        Some(must) => s.must_pass = must,
                        None => problems.push(format!("row {row}: must pass should be yes or no, not \"{value}\"")),
                    },
                    ScenarioField::Round(round) => match TestStatus::parse_loose(value) {
                        Some(status) => results.push((*round, status)),
                        None => {
                            let name = project.testing.round(*round).map_or("", |r| r.name.as_str());
                            problems.push(format!(
                                "row {row}: \"{value}\" in {name} is not a result ({})",
                                TestStatus::ALL.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ")
                            ));
                        }
                    },
                }
            }
            if s.title.is_empty() {
                problems.push(format!("row {row}: no scenario title"));
            }
            ScenarioRow {
                row: *row,
                scenario: problems.is_empty().then_some((s, results)),
                problems,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;
    use crate::model::columns::Listed;
    use crate::model::generate::{Sizes, generate};
    use crate::model::{Edit, Record, apply, template, validate};

    /// Adds the good rows the way the app does, through the one import of every list.
    fn import_scenarios_edit(project: &Project, rows: &[ScenarioRow]) -> (Edit, usize) {
        let rows: Vec<_> = rows
            .iter()
            .map(|r| crate::interop::import::ImportRow {
                row: r.row,
                record: r.scenario.clone().map(|(s, _)| Record::Scenario(s)),
                problems: r.problems.clone(),
                label: String::new(),
                results: r.scenario.clone().map(|(_, results)| results).unwrap_or_default(),
                adds_to: None,
            })
            .collect();
        crate::interop::import::import_edit(project, &rows)
    }

    #[test]
    fn the_scenario_export_has_a_column_per_round_and_the_results_export_the_history() {
        let p = generate(Sizes::uniform(20), 3);
        let t = parse(&export_scenarios(&p)).unwrap();
        let exported = Scenario::columns().iter().filter(|c| c.exported).count();
        assert_eq!(t.headers.len(), exported + 5);
        assert_eq!(t.headers[exported], "Round 1");
        assert_eq!(&t.headers[..3], ["Id", "Scenario", "Area"]);
        assert_eq!(t.rows.len(), 20);
        let t = parse(&export_results(&p)).unwrap();
        assert_eq!(t.rows.len(), p.testing.results.len());
        assert!(t.rows.iter().all(|(_, cells)| !cells[3].is_empty()));
    }

    #[test]
    fn a_spreadsheet_of_test_cases_imports_as_one_step_with_problems_named_by_row() {
        let mut p = template::standard();
        let text = "Test case;Module;Steps;Expected outcome;Priority;UAT round 1\n\
                    Renew online;Membership;\"Log in\nPay\";Member is current;Yes;Passed\n\
                    Print badges;Event;Open the event;Badges print;No;\n\
                    Merge duplicates;Data & integrations;Pick two;One record;maybe;green\n\
                    ;Finance;;;Yes;\n";
        let t = parse(text.as_bytes()).unwrap();
        let mapping = guess_scenario_mapping(&p, &t.headers);
        let uat = p.testing.rounds[1].id;
        assert_eq!(
            mapping,
            vec![
                ScenarioField::Title,
                ScenarioField::Area,
                ScenarioField::Steps,
                ScenarioField::Expected,
                ScenarioField::MustPass,
                ScenarioField::Round(uat)
            ]
        );
        let rows = preview_scenarios(&p, &t, &mapping);
        assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
        assert_eq!(rows[1].problems, vec!["row 3: there is no area called \"Event\""]);
        assert_eq!(rows[2].problems.len(), 2, "{:?}", rows[2].problems);
        assert!(rows[2].problems[1].contains("\"green\" in UAT round 1 is not a result"));
        assert_eq!(rows[3].problems, vec!["row 5: no scenario title"]);
        let before = p.clone();
        let (edit, count) = import_scenarios_edit(&p, &rows);
        assert_eq!(count, 1);
        let inverse = apply(&mut p, edit).unwrap();
        assert!(validate(&p).is_empty(), "{:?}", validate(&p));
        let added = p.testing.scenarios.last().unwrap();
        assert_eq!(
            (added.title.as_str(), added.steps.as_str()),
            ("Renew online", "Log in\nPay")
        );
        assert_eq!(p.testing.result(added.id, uat).unwrap().status, TestStatus::Passed);
        apply(&mut p, inverse).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn exported_scenarios_import_back_the_same() {
        let p = generate(Sizes::uniform(30), 5);
        let t = parse(&export_scenarios(&p)).unwrap();
        let rows = preview_scenarios(&p, &t, &guess_scenario_mapping(&p, &t.headers));
        for (row, original) in rows.iter().zip(&p.testing.scenarios) {
            assert!(row.problems.is_empty(), "{:?}", row.problems);
            let (back, results) = row.scenario.clone().unwrap();
            assert_eq!(
                Scenario {
                    id: original.id,
                    ..back
                },
                *original
            );
            let expected: Vec<_> = p
                .testing
                .rounds
                .iter()
                .filter_map(|r| p.testing.result(original.id, r.id).map(|x| (r.id, x.status)))
                .collect();
            assert_eq!(results, expected);
        }
    }
}
