//! The edit that turns one project into another, so that a merge arrives in the open project
//! as one ordinary, undoable step.

use std::collections::HashMap;

use super::Item;
use crate::model::{Edit, Project, Record};

/// One [`Edit::Batch`] that, applied to `from`, gives exactly `to`.
pub fn diff(from: &Project, to: &Project) -> Edit {
    let mut edits = Vec::new();
    if from.details != to.details {
        edits.push(Edit::SetDetails(to.details.clone()));
    }
    if from.settings != to.settings {
        edits.push(Edit::SetSettings(to.settings.clone()));
    }
    if from.commitments != to.commitments {
        edits.push(Edit::SetCommitments(to.commitments.clone()));
    }
    if from.readiness_history != to.readiness_history {
        edits.push(Edit::SetReadinessHistory(to.readiness_history.clone()));
    }
    if from.extra != to.extra {
        edits.push(Edit::SetExtra(to.extra.clone()));
    }
    list(&from.areas, &to.areas, Record::Area, &mut edits);
    list(&from.stakeholders, &to.stakeholders, Record::Stakeholder, &mut edits);
    list(&from.kickoff, &to.kickoff, Record::Kickoff, &mut edits);
    list(&from.handover, &to.handover, Record::Handover, &mut edits);
    let (f, t) = (&from.testing, &to.testing);
    list(&f.scenarios, &t.scenarios, Record::Scenario, &mut edits);
    list(&f.rounds, &t.rounds, Record::Round, &mut edits);
    list(&f.results, &t.results, Record::TestResult, &mut edits);
    list(&f.sign_offs, &t.sign_offs, Record::SignOff, &mut edits);
    list(&from.meetings, &to.meetings, Record::Meeting, &mut edits);
    Edit::Batch(edits)
}

/// Removes, replaces and inserts records so that `from` becomes `to`, order included.
fn list<T: Item>(from: &[T], to: &[T], record: fn(T) -> Record, edits: &mut Vec<Edit>) {
    if from == to {
        return;
    }
    let to_ids: HashMap<T::Id, &T> = to.iter().map(|r| (r.id(), r)).collect();
    let from_ids: HashMap<T::Id, &T> = from.iter().map(|r| (r.id(), r)).collect();
    let kept_from: Vec<T::Id> = from.iter().map(Item::id).filter(|id| to_ids.contains_key(id)).collect();
    let kept_to: Vec<T::Id> = to.iter().map(Item::id).filter(|id| from_ids.contains_key(id)).collect();
    // When the records both have are in another order, take them all out and put them back.
    let reorder = kept_from != kept_to;
    for r in from {
        if reorder || !to_ids.contains_key(&r.id()) {
            edits.push(Edit::Remove(r.key()));
        }
    }
    for (index, r) in to.iter().enumerate() {
        let before = from_ids.get(&r.id());
        if reorder || before.is_none() {
            edits.push(Edit::Insert {
                index,
                record: record(r.clone()),
            });
        } else if before != Some(&r) {
            edits.push(Edit::Put(record(r.clone())));
        }
    }
}
