//! The lists whose fields are the columns declared in the model (kickoff and hand-over items):
//! every exported column that can be set is a field; headers are matched to them, then each row
//! is filled through the columns' setters.

use super::{IGNORE, ImportRow};
use crate::interop::csv::Table;
use crate::model::Project;
use crate::model::columns::{Column, Listed, Lookup};

fn importable<R: Listed>() -> impl Iterator<Item = &'static Column<R>> {
    R::columns().iter().filter(|c| c.exported && c.set.is_some())
}

pub(super) fn labels<R: Listed>() -> Vec<String> {
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
pub(super) type Words = &'static [(&'static str, &'static [&'static str])];
pub(super) const KICKOFF_WORDS: Words = &[
    ("Item", &["item", "task", "topic", "description", "what"]),
    ("Category", &["category", "group", "type"]),
    ("Owner", &["owner", "who", "responsible", "assignee"]),
    ("Due", &["due", "deadline", "by"]),
    ("Settled on", &["settled", "done", "completed", "closed"]),
    ("Notes", &["note", "comment", "remark"]),
];
pub(super) const HANDOVER_WORDS: Words = &[
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
pub(super) fn guess_columns<R: Listed>(headers: &[String], words: Words) -> Vec<usize> {
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

pub(super) fn preview_columns<R: Listed>(
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
