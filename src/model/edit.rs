//! Every change to a project is an [`Edit`]. Applying one returns its exact inverse, which is
//! what makes undo exact and cheap: no snapshots of the whole project are kept.

use super::ids::MeetingId;
use super::ids::RecordKey;
use super::meeting::{AgendaItem, Meeting, Minute};
use super::project::{
    Area, Extra, HandoverItem, KickoffItem, Project, ProjectDetails, ProjectSettings, ReadinessSnapshot, Stakeholder,
};
use super::testing::{Scenario, SignOff, TestResult, TestRound};

/// A whole record of one of the project's lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Area(Area),
    Stakeholder(Stakeholder),
    Kickoff(KickoffItem),
    Handover(HandoverItem),
    Scenario(Scenario),
    Round(TestRound),
    TestResult(TestResult),
    /// An area's sign-off; there is at most one per area, so the area names it.
    SignOff(SignOff),
    Meeting(Meeting),
    /// An agenda item of the meeting named first.
    Agenda(MeetingId, AgendaItem),
    /// A minute of the meeting named first.
    Minute(MeetingId, Minute),
}

impl Record {
    pub fn key(&self) -> RecordKey {
        match self {
            Record::Area(r) => RecordKey::Area(r.id),
            Record::Stakeholder(r) => RecordKey::Stakeholder(r.id),
            Record::Kickoff(r) => RecordKey::Kickoff(r.id),
            Record::Handover(r) => RecordKey::Handover(r.id),
            Record::Scenario(r) => RecordKey::Scenario(r.id),
            Record::Round(r) => RecordKey::Round(r.id),
            Record::TestResult(r) => RecordKey::TestResult(r.id),
            Record::SignOff(r) => RecordKey::SignOff(r.area),
            Record::Meeting(r) => RecordKey::Meeting(r.id),
            Record::Agenda(_, r) => RecordKey::Agenda(r.id),
            Record::Minute(_, r) => RecordKey::Minute(r.id),
        }
    }
}

/// One change to a project.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    SetDetails(ProjectDetails),
    SetSettings(ProjectSettings),
    SetCommitments(Vec<String>),
    SetReadinessHistory(Vec<ReadinessSnapshot>),
    /// Replace the project's own fields this version does not know (a merge may bring them in).
    SetExtra(Extra),
    /// Replace the record with the same kind and id.
    Put(Record),
    /// Insert a new record at a position in its list (clamped to the end).
    Insert {
        index: usize,
        record: Record,
    },
    Remove(RecordKey),
    /// Several edits that undo and redo as one step.
    Batch(Vec<Edit>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    NotFound(RecordKey),
    DuplicateId(RecordKey),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NotFound(key) => write!(f, "the record {key:?} no longer exists"),
            EditError::DuplicateId(key) => write!(f, "a record {key:?} already exists"),
        }
    }
}

impl std::error::Error for EditError {}

trait Keyed {
    fn same_record(&self, other: &Self) -> bool;
}

macro_rules! keyed {
    ($($ty:ty),*) => {$(
        impl Keyed for $ty {
            fn same_record(&self, other: &Self) -> bool { self.id == other.id }
        }
    )*};
}
keyed!(
    Area,
    Stakeholder,
    KickoffItem,
    HandoverItem,
    Scenario,
    TestRound,
    TestResult,
    Meeting,
    AgendaItem,
    Minute
);

impl Keyed for SignOff {
    fn same_record(&self, other: &Self) -> bool {
        self.area == other.area
    }
}

fn put<T: Keyed>(list: &mut [T], record: T, key: RecordKey) -> Result<T, EditError> {
    let slot = list
        .iter_mut()
        .find(|r| r.same_record(&record))
        .ok_or(EditError::NotFound(key))?;
    Ok(std::mem::replace(slot, record))
}

fn insert<T: Keyed>(list: &mut Vec<T>, index: usize, record: T, key: RecordKey) -> Result<(), EditError> {
    if list.iter().any(|r| r.same_record(&record)) {
        return Err(EditError::DuplicateId(key));
    }
    list.insert(index.min(list.len()), record);
    Ok(())
}

/// The meeting that an agenda item or minute goes into.
fn meeting_mut(project: &mut Project, id: MeetingId) -> Result<&mut Meeting, EditError> {
    project
        .meetings
        .iter_mut()
        .find(|m| m.id == id)
        .ok_or(EditError::NotFound(RecordKey::Meeting(id)))
}

/// Removes a record kept inside a meeting: which meeting, where in its list, and the record.
fn remove_nested<T>(
    project: &mut Project,
    list: impl Fn(&mut Meeting) -> &mut Vec<T>,
    matches: impl Fn(&T) -> bool,
    key: RecordKey,
) -> Result<(MeetingId, usize, T), EditError> {
    for meeting in &mut project.meetings {
        let id = meeting.id;
        let items = list(meeting);
        if let Some(index) = items.iter().position(&matches) {
            return Ok((id, index, items.remove(index)));
        }
    }
    Err(EditError::NotFound(key))
}

fn remove<T>(list: &mut Vec<T>, matches: impl Fn(&T) -> bool, key: RecordKey) -> Result<(usize, T), EditError> {
    let index = list.iter().position(matches).ok_or(EditError::NotFound(key))?;
    Ok((index, list.remove(index)))
}

/// Applies `edit` and returns the edit that undoes it. On error the project is unchanged.
pub fn apply(project: &mut Project, edit: Edit) -> Result<Edit, EditError> {
    Ok(match edit {
        Edit::SetDetails(d) => Edit::SetDetails(std::mem::replace(&mut project.details, d)),
        Edit::SetSettings(s) => Edit::SetSettings(std::mem::replace(&mut project.settings, s)),
        Edit::SetCommitments(c) => Edit::SetCommitments(std::mem::replace(&mut project.commitments, c)),
        Edit::SetReadinessHistory(h) => Edit::SetReadinessHistory(std::mem::replace(&mut project.readiness_history, h)),
        Edit::SetExtra(x) => Edit::SetExtra(std::mem::replace(&mut project.extra, x)),
        Edit::Put(record) => {
            let key = record.key();
            Edit::Put(match record {
                Record::Area(r) => Record::Area(put(&mut project.areas, r, key)?),
                Record::Stakeholder(r) => Record::Stakeholder(put(&mut project.stakeholders, r, key)?),
                Record::Kickoff(r) => Record::Kickoff(put(&mut project.kickoff, r, key)?),
                Record::Handover(r) => Record::Handover(put(&mut project.handover, r, key)?),
                Record::Scenario(r) => Record::Scenario(put(&mut project.testing.scenarios, r, key)?),
                Record::Round(r) => Record::Round(put(&mut project.testing.rounds, r, key)?),
                Record::TestResult(r) => Record::TestResult(put(&mut project.testing.results, r, key)?),
                Record::SignOff(r) => Record::SignOff(put(&mut project.testing.sign_offs, r, key)?),
                Record::Meeting(r) => Record::Meeting(put(&mut project.meetings, r, key)?),
                Record::Agenda(m, r) => Record::Agenda(m, put(&mut meeting_mut(project, m)?.agenda, r, key)?),
                Record::Minute(m, r) => Record::Minute(m, put(&mut meeting_mut(project, m)?.minutes, r, key)?),
            })
        }
        Edit::Insert { index, record } => {
            let key = record.key();
            match record {
                Record::Area(r) => insert(&mut project.areas, index, r, key)?,
                Record::Stakeholder(r) => insert(&mut project.stakeholders, index, r, key)?,
                Record::Kickoff(r) => insert(&mut project.kickoff, index, r, key)?,
                Record::Handover(r) => insert(&mut project.handover, index, r, key)?,
                Record::Scenario(r) => insert(&mut project.testing.scenarios, index, r, key)?,
                Record::Round(r) => insert(&mut project.testing.rounds, index, r, key)?,
                Record::TestResult(r) => insert(&mut project.testing.results, index, r, key)?,
                Record::SignOff(r) => insert(&mut project.testing.sign_offs, index, r, key)?,
                Record::Meeting(r) => insert(&mut project.meetings, index, r, key)?,
                Record::Agenda(m, r) => insert(&mut meeting_mut(project, m)?.agenda, index, r, key)?,
                Record::Minute(m, r) => insert(&mut meeting_mut(project, m)?.minutes, index, r, key)?,
            }
            Edit::Remove(key)
        }
        Edit::Remove(key) => {
            let (index, record) = match key {
                RecordKey::Area(id) => {
                    let (i, r) = remove(&mut project.areas, |r| r.id == id, key)?;
                    (i, Record::Area(r))
                }
                RecordKey::Stakeholder(id) => {
                    let (i, r) = remove(&mut project.stakeholders, |r| r.id == id, key)?;
                    (i, Record::Stakeholder(r))
                }
                RecordKey::Kickoff(id) => {
                    let (i, r) = remove(&mut project.kickoff, |r| r.id == id, key)?;
                    (i, Record::Kickoff(r))
                }
                RecordKey::Handover(id) => {
                    let (i, r) = remove(&mut project.handover, |r| r.id == id, key)?;
                    (i, Record::Handover(r))
                }
                RecordKey::Scenario(id) => {
                    let (i, r) = remove(&mut project.testing.scenarios, |r| r.id == id, key)?;
                    (i, Record::Scenario(r))
                }
                RecordKey::Round(id) => {
                    let (i, r) = remove(&mut project.testing.rounds, |r| r.id == id, key)?;
                    (i, Record::Round(r))
                }
                RecordKey::TestResult(id) => {
                    let (i, r) = remove(&mut project.testing.results, |r| r.id == id, key)?;
                    (i, Record::TestResult(r))
                }
                RecordKey::SignOff(area) => {
                    let (i, r) = remove(&mut project.testing.sign_offs, |r| r.area == area, key)?;
                    (i, Record::SignOff(r))
                }
                RecordKey::Meeting(id) => {
                    let (i, r) = remove(&mut project.meetings, |r| r.id == id, key)?;
                    (i, Record::Meeting(r))
                }
                RecordKey::Agenda(id) => {
                    let (m, i, r) = remove_nested(project, |m| &mut m.agenda, |r| r.id == id, key)?;
                    (i, Record::Agenda(m, r))
                }
                RecordKey::Minute(id) => {
                    let (m, i, r) = remove_nested(project, |m| &mut m.minutes, |r| r.id == id, key)?;
                    (i, Record::Minute(m, r))
                }
            };
            Edit::Insert { index, record }
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply(project, edit) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(err) => {
                        // Roll back what was applied so a failed batch leaves no trace.
                        for inverse in inverses.into_iter().rev() {
                            apply(project, inverse).expect("an inverse always applies");
                        }
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            Edit::Batch(inverses)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StakeholderId;

    fn project() -> Project {
        let mut p = Project::default();
        p.stakeholders.push(Stakeholder::new(StakeholderId(1), "Ann"));
        p.stakeholders.push(Stakeholder::new(StakeholderId(2), "Ben"));
        p
    }

    #[test]
    fn put_then_inverse_restores_the_record() {
        let mut p = project();
        let before = p.clone();
        let mut changed = p.stakeholders[0].clone();
        changed.name = "Anna".into();
        let inverse = apply(&mut p, Edit::Put(Record::Stakeholder(changed))).unwrap();
        assert_eq!(p.stakeholders[0].name, "Anna");
        apply(&mut p, inverse).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn remove_then_inverse_puts_it_back_at_the_same_position() {
        let mut p = project();
        let before = p.clone();
        let inverse = apply(&mut p, Edit::Remove(RecordKey::Stakeholder(StakeholderId(1)))).unwrap();
        assert_eq!(p.stakeholders.len(), 1);
        apply(&mut p, inverse).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn insert_refuses_a_duplicate_id() {
        let mut p = project();
        let dup = Stakeholder::new(StakeholderId(2), "Other");
        let err = apply(
            &mut p,
            Edit::Insert {
                index: 0,
                record: Record::Stakeholder(dup),
            },
        )
        .unwrap_err();
        assert_eq!(err, EditError::DuplicateId(RecordKey::Stakeholder(StakeholderId(2))));
    }

    #[test]
    fn a_failing_batch_leaves_the_project_unchanged() {
        let mut p = project();
        let before = p.clone();
        let batch = Edit::Batch(vec![
            Edit::Remove(RecordKey::Stakeholder(StakeholderId(1))),
            Edit::Remove(RecordKey::Stakeholder(StakeholderId(99))),
        ]);
        assert!(apply(&mut p, batch).is_err());
        assert_eq!(p, before);
    }

    #[test]
    fn batch_inverse_undoes_in_reverse_order() {
        let mut p = project();
        let before = p.clone();
        let mut renamed = p.stakeholders[1].clone();
        renamed.name = "Benjamin".into();
        let batch = Edit::Batch(vec![
            Edit::Put(Record::Stakeholder(renamed)),
            Edit::Remove(RecordKey::Stakeholder(StakeholderId(2))),
        ]);
        let inverse = apply(&mut p, batch).unwrap();
        assert_eq!(p.stakeholders.len(), 1);
        apply(&mut p, inverse).unwrap();
        assert_eq!(p, before);
    }
}
