//! The one undoable edit an import makes.

use super::ImportRow;
use crate::model::{
    Edit, HandoverId, HandoverItem, KickoffId, KickoffItem, Project, Record, ResultId, RoundId, Scenario, ScenarioId,
    Stakeholder, StakeholderId, TestResult, TestStatus,
};

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
