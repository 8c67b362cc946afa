//! Importing a list from a spreadsheet (CSV or a workbook sheet): stakeholders, kickoff items,
//! hand-over items or test scenarios. The steps are the same for every list: guess which column fills which field,
//! preview every row with its problems, then add the good rows as one undoable edit.
//!
//! Stakeholders use the CSV import's fields and header guesses; test scenarios use the test-case
//! fields, with a field per round for the results. Kickoff and hand-over items use
//! the columns declared in the model: every exported column that can be set is a field, so a
//! column added there can be imported too. People and areas are found by name; a name that
//! matches nothing is a problem of that row, never a new record.

use std::collections::{HashMap, HashSet};

mod columns;
mod edit;

use columns::{HANDOVER_WORDS, KICKOFF_WORDS, guess_columns, labels, preview_columns};
pub use edit::import_edit;

use super::csv::{self, Field, ScenarioField, Table};
use crate::model::columns::Listed;
use crate::model::{
    AreaId, HandoverId, HandoverItem, KickoffId, KickoffItem, Project, Record, RoundId, Scenario, ScenarioId,
    Stakeholder, TestStatus,
};

/// Which list an import fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportList {
    Stakeholders,
    Kickoff,
    Handover,
    /// Test cases: a scenario a row, with its result in the rounds that columns are named after.
    Scenarios,
}

/// One spreadsheet row as it would be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// The row number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    /// The record, when the row is good enough to import (its id is assigned on import).
    pub record: Option<Record>,
    /// Problems, phrased like "row 7: owner \"Ann\" matches no stakeholder in the project".
    pub problems: Vec<String>,
    /// The row's name, item or skill as written, to show in the preview.
    pub label: String,
    /// A scenario row's results, by round.
    pub results: Vec<(RoundId, TestStatus)>,
    /// Set when the row's scenario is already in the project: its results go to that scenario.
    pub adds_to: Option<ScenarioId>,
}

impl ImportRow {
    /// Whether confirming the import takes this row.
    pub fn is_ready(&self) -> bool {
        self.problems.is_empty() && (self.record.is_some() || self.adds_to.is_some())
    }
}

/// Field 0 of every list: the column is not imported.
pub const IGNORE: usize = 0;

impl ImportList {
    pub const ALL: &'static [ImportList] = &[
        ImportList::Stakeholders,
        ImportList::Kickoff,
        ImportList::Handover,
        ImportList::Scenarios,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ImportList::Stakeholders => "Stakeholders",
            ImportList::Kickoff => "Kickoff items",
            ImportList::Handover => "Hand-over items",
            ImportList::Scenarios => "Test scenarios",
        }
    }

    /// What one imported record is called.
    pub fn noun(self) -> &'static str {
        match self {
            ImportList::Stakeholders => Stakeholder::NOUN,
            ImportList::Kickoff => KickoffItem::NOUN,
            ImportList::Handover => HandoverItem::NOUN,
            ImportList::Scenarios => Scenario::NOUN,
        }
    }

    /// The sheet a Steward workbook keeps this list on.
    pub fn sheet_name(self) -> &'static str {
        match self {
            ImportList::Stakeholders => super::xlsx::STAKEHOLDERS_SHEET,
            ImportList::Kickoff => super::xlsx::KICKOFF_SHEET,
            ImportList::Handover => super::xlsx::HANDOVER_SHEET,
            ImportList::Scenarios => super::xlsx::SCENARIOS_SHEET,
        }
    }

    /// The fields a column can fill, by label; index 0 is "(ignore)". Test scenarios have a
    /// field per round of the project.
    pub fn fields(self, project: &Project) -> Vec<String> {
        match self {
            ImportList::Stakeholders => Field::ALL.iter().map(|f| f.label().to_string()).collect(),
            ImportList::Kickoff => labels::<KickoffItem>(),
            ImportList::Handover => labels::<HandoverItem>(),
            ImportList::Scenarios => ScenarioField::options(project)
                .into_iter()
                .map(|f| f.label(project))
                .collect(),
        }
    }

    /// A first guess of the field for each column, from the headers.
    pub fn guess(self, headers: &[String], project: &Project) -> Vec<usize> {
        match self {
            ImportList::Scenarios => {
                let options = ScenarioField::options(project);
                csv::guess_scenario_mapping(project, headers)
                    .into_iter()
                    .map(|f| options.iter().position(|o| *o == f).unwrap_or(IGNORE))
                    .collect()
            }
            ImportList::Stakeholders => csv::guess_mapping(headers)
                .into_iter()
                .map(|f| Field::ALL.iter().position(|g| *g == f).unwrap_or(IGNORE))
                .collect(),
            ImportList::Kickoff => guess_columns::<KickoffItem>(headers, KICKOFF_WORDS),
            ImportList::Handover => guess_columns::<HandoverItem>(headers, HANDOVER_WORDS),
        }
    }

    /// Every row with the mapping applied, and what is wrong with it. A record the project
    /// already has (a person of the same name, a kickoff item of the same text, a hand-over of
    /// the same skill in the same area) is a problem too, so importing a sheet twice adds nothing.
    pub fn preview(self, table: &Table, mapping: &[usize], project: &Project) -> Vec<ImportRow> {
        let mut rows = self.preview_rows(table, mapping, project);
        let existing: HashSet<_> = match self {
            ImportList::Stakeholders => project.stakeholders.iter().map(|s| same(&s.name, None)).collect(),
            ImportList::Kickoff => project.kickoff.iter().map(|k| same(&k.text, None)).collect(),
            ImportList::Handover => project.handover.iter().map(|h| same(&h.skill, h.area)).collect(),
            ImportList::Scenarios => HashSet::new(),
        };
        let scenarios: HashMap<_, ScenarioId> = match self {
            ImportList::Scenarios => project
                .testing
                .scenarios
                .iter()
                .map(|s| (same(&s.title, s.area), s.id))
                .collect(),
            _ => HashMap::new(),
        };
        for row in &mut rows {
            let key = match &row.record {
                Some(Record::Stakeholder(s)) => same(&s.name, None),
                Some(Record::Kickoff(k)) => same(&k.text, None),
                Some(Record::Handover(h)) => same(&h.skill, h.area),
                Some(Record::Scenario(s)) => same(&s.title, s.area),
                _ => continue,
            };
            // A scenario already in the project takes the row's results instead, those that
            // differ from what it has.
            if let Some(&id) = scenarios.get(&key) {
                row.results
                    .retain(|(round, status)| project.testing.result(id, *round).map(|r| r.status) != Some(*status));
                if !row.results.is_empty() {
                    row.record = None;
                    row.adds_to = Some(id);
                    continue;
                }
            }
            if existing.contains(&key) || scenarios.contains_key(&key) {
                let same = if scenarios.contains_key(&key) {
                    ", with the same results"
                } else {
                    ""
                };
                row.problems.push(format!(
                    "row {}: \"{}\" is already in the project{same}",
                    row.row,
                    row.label.trim()
                ));
                row.record = None;
            }
        }
        rows
    }

    fn preview_rows(self, table: &Table, mapping: &[usize], project: &Project) -> Vec<ImportRow> {
        match self {
            ImportList::Stakeholders => {
                let fields: Vec<Field> = mapping
                    .iter()
                    .map(|i| Field::ALL.get(*i).copied().unwrap_or(Field::Ignore))
                    .collect();
                let name_column = fields.iter().position(|f| *f == Field::Name);
                csv::preview(table, &fields)
                    .into_iter()
                    .zip(&table.rows)
                    .map(|(r, (_, cells))| ImportRow {
                        row: r.row,
                        record: r.stakeholder.map(Record::Stakeholder),
                        problems: r.problems,
                        label: name_column.and_then(|c| cells.get(c)).cloned().unwrap_or_default(),
                        results: Vec::new(),
                        adds_to: None,
                    })
                    .collect()
            }
            ImportList::Scenarios => {
                let options = ScenarioField::options(project);
                let fields: Vec<ScenarioField> = mapping
                    .iter()
                    .map(|i| options.get(*i).copied().unwrap_or(ScenarioField::Ignore))
                    .collect();
                let title_column = fields.iter().position(|f| *f == ScenarioField::Title);
                csv::preview_scenarios(project, table, &fields)
                    .into_iter()
                    .zip(&table.rows)
                    .map(|(r, (_, cells))| {
                        let (record, results) = match r.scenario {
                            Some((scenario, results)) => (Some(Record::Scenario(scenario)), results),
                            None => (None, Vec::new()),
                        };
                        ImportRow {
                            row: r.row,
                            record,
                            problems: r.problems,
                            label: title_column.and_then(|c| cells.get(c)).cloned().unwrap_or_default(),
                            results,
                            adds_to: None,
                        }
                    })
                    .collect()
            }
            ImportList::Kickoff => preview_columns(
                table,
                mapping,
                project,
                || KickoffItem::new(KickoffId(0), ""),
                |k| (!k.text.trim().is_empty()).then(|| k.text.clone()),
                "no item text",
            ),
            ImportList::Handover => preview_columns(
                table,
                mapping,
                project,
                || HandoverItem::new(HandoverId(0), ""),
                |h| (!h.skill.trim().is_empty()).then(|| h.skill.clone()),
                "no skill or task",
            ),
        }
    }
}

/// What makes two records the same for an import: the name or text, ignoring case and outer
/// spaces, and the area.
fn same(text: &str, area: Option<AreaId>) -> (String, Option<AreaId>) {
    (text.trim().to_lowercase(), area)
}
