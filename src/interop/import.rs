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

use super::csv::{self, Field, ScenarioField, Table};
use crate::model::columns::{Column, Listed, Lookup};
use crate::model::{
    AreaId, Edit, HandoverId, HandoverItem, KickoffId, KickoffItem, Project, Record, ResultId, RoundId, Scenario,
    ScenarioId, Stakeholder, StakeholderId, TestResult, TestStatus,
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

fn importable<R: Listed>() -> impl Iterator<Item = &'static Column<R>> {
    R::columns().iter().filter(|c| c.exported && c.set.is_some())
}

fn labels<R: Listed>() -> Vec<String> {
    std::iter::once("(ignore)")
        .chain(importable::<R>().map(Column::header_in_export))
        .map(str::to_string)
        .collect()
}

fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Header words that suggest a column, for sheets not written by Steward: (column title, words).
type Words = &'static [(&'static str, &'static [&'static str])];
const KICKOFF_WORDS: Words = &[
    ("Item", &["item", "task", "topic", "description", "what"]),
    ("Category", &["category", "group", "type"]),
    ("Owner", &["owner", "who", "responsible", "assignee"]),
    ("Due", &["due", "deadline", "by"]),
    ("Settled on", &["settled", "done", "completed", "closed"]),
    ("Notes", &["note", "comment", "remark"]),
];
const HANDOVER_WORDS: Words = &[
    ("Skill or task", &["skill", "task", "activity", "process"]),
    ("Area", &["area", "module", "domain"]),
    ("Does it today", &["today", "current", "consultant"]),
    ("Internal owner", &["owner", "successor", "internal"]),
    ("Stage", &["stage", "status", "ladder"]),
    ("Docs", &["doc"]),
    ("Tested by", &["test"]),
    ("Target", &["target", "due", "deadline", "date"]),
    ("Notes", &["note", "comment", "remark"]),
];

/// Exact header matches first (a workbook Steward wrote maps itself), then header words; each
/// field from one column only.
fn guess_columns<R: Listed>(headers: &[String], words: Words) -> Vec<usize> {
    let fields: Vec<_> = importable::<R>().collect();
    let mut used = vec![false; fields.len()];
    let mut mapping = vec![IGNORE; headers.len()];
    for (h, header) in headers.iter().enumerate() {
        let header = normalize(header);
        if let Some(f) = fields
            .iter()
            .position(|c| normalize(c.header_in_export()) == header || normalize(c.title) == header)
            && !used[f]
        {
            used[f] = true;
            mapping[h] = f + 1;
        }
    }
    for (h, header) in headers.iter().enumerate() {
        if mapping[h] != IGNORE {
            continue;
        }
        let header = header.to_lowercase();
        let found = words.iter().find_map(|(title, words)| {
            let f = fields.iter().position(|c| c.title == *title)?;
            (!used[f] && words.iter().any(|w| header.contains(w))).then_some(f)
        });
        if let Some(f) = found {
            used[f] = true;
            mapping[h] = f + 1;
        }
    }
    mapping
}

fn preview_columns<R: Listed>(
    table: &Table,
    mapping: &[usize],
    project: &Project,
    blank: impl Fn() -> R,
    label: impl Fn(&R) -> Option<String>,
    missing: &str,
) -> Vec<ImportRow> {
    let fields: Vec<_> = importable::<R>().collect();
    let lookup = Lookup::of(project);
    table
        .rows
        .iter()
        .map(|(row, cells)| {
            let mut record = blank();
            let mut problems = Vec::new();
            for (field, cell) in mapping.iter().zip(cells) {
                let Some(column) = field.checked_sub(1).and_then(|f| fields.get(f)) else {
                    continue;
                };
                let set = column.set.expect("importable columns can be set");
                if let Err(problem) = set(&mut record, cell, &lookup) {
                    problems.push(format!("row {row}: {problem}"));
                }
            }
            let name = label(&record);
            if name.is_none() {
                problems.push(format!("row {row}: {missing}"));
            }
            ImportRow {
                row: *row,
                record: problems.is_empty().then(|| record.into_record()),
                problems,
                label: name.unwrap_or_default(),
                results: Vec::new(),
                adds_to: None,
            }
        })
        .collect()
}

/// One undoable edit adding every good row at the end of its list with fresh ids (a scenario with
/// its results; a scenario already in the project gets the row's results), and how many rows it
/// takes.
pub fn import_edit(project: &Project, rows: &[ImportRow]) -> (Edit, usize) {
    let mut next = project.fresh_id();
    let mut edits = Vec::new();
    let mut count = 0;
    let result = |scenario: ScenarioId, round: RoundId, status: TestStatus, next: &mut u64| match project
        .testing
        .result(scenario, round)
    {
        Some(r) if r.status == status => None,
        Some(r) => Some(Edit::Put(Record::TestResult(TestResult { status, ..r.clone() }))),
        None => {
            let id = ResultId(*next);
            *next += 1;
            Some(Edit::Insert {
                index: usize::MAX,
                record: Record::TestResult(TestResult::new(id, scenario, round, status)),
            })
        }
    };
    for row in rows.iter().filter(|r| r.is_ready()) {
        let scenario = match (&row.record, row.adds_to) {
            (Some(Record::Scenario(s)), _) => {
                let id = ScenarioId(next);
                next += 1;
                edits.push(Edit::Insert {
                    index: usize::MAX,
                    record: Record::Scenario(Scenario { id, ..s.clone() }),
                });
                id
            }
            (None, Some(id)) => id,
            _ => continue,
        };
        count += 1;
        for (round, status) in &row.results {
            edits.extend(result(scenario, *round, *status, &mut next));
        }
    }
    let (mut people, mut kickoff, mut handover) = (
        project.stakeholders.len(),
        project.kickoff.len(),
        project.handover.len(),
    );
    for record in rows.iter().filter(|r| r.is_ready()).filter_map(|r| r.record.clone()) {
        let (record, index) = match record {
            Record::Stakeholder(s) => {
                people += 1;
                (
                    Record::Stakeholder(Stakeholder {
                        id: StakeholderId(next),
                        ..s
                    }),
                    people - 1,
                )
            }
            Record::Kickoff(k) => {
                kickoff += 1;
                (
                    Record::Kickoff(KickoffItem {
                        id: KickoffId(next),
                        ..k
                    }),
                    kickoff - 1,
                )
            }
            Record::Handover(h) => {
                handover += 1;
                (
                    Record::Handover(HandoverItem {
                        id: HandoverId(next),
                        ..h
                    }),
                    handover - 1,
                )
            }
            // Scenarios were added above; the other kinds are not imported.
            _ => continue,
        };
        edits.push(Edit::Insert { index, record });
        next += 1;
        count += 1;
    }
    (Edit::Batch(edits), count)
}
