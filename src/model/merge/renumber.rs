//! Both sides add a record and both take the next free id: the two records would collide.
//! Before merging, their record gets a fresh id, and every reference to it in their version
//! follows, so both records survive and every reference still points where it did.

use std::collections::HashMap;

use crate::model::{AgendaItem, Meeting, MeetingId, Minute};
use crate::model::{Area, HandoverItem, KickoffItem, LogEntry, Stakeholder};
use crate::model::{AreaId, Project, StakeholderId};

/// A record by id, of any kind (ids are unique across kinds within a project).
#[derive(PartialEq)]
enum Owned<'a> {
    Area(&'a Area),
    Stakeholder(&'a Stakeholder),
    Kickoff(&'a KickoffItem),
    Handover(&'a HandoverItem),
    Log(StakeholderId, &'a LogEntry),
    Meeting(&'a Meeting),
    Agenda(MeetingId, &'a AgendaItem),
    Minute(MeetingId, &'a Minute),
}

fn index(p: &Project) -> HashMap<u64, Owned<'_>> {
    let mut ids = HashMap::with_capacity(p.areas.len() + p.stakeholders.len() + p.kickoff.len() + p.handover.len());
    ids.extend(p.areas.iter().map(|r| (r.id.0, Owned::Area(r))));
    for s in &p.stakeholders {
        ids.insert(s.id.0, Owned::Stakeholder(s));
        ids.extend(s.log.iter().map(|l| (l.id.0, Owned::Log(s.id, l))));
    }
    ids.extend(p.kickoff.iter().map(|r| (r.id.0, Owned::Kickoff(r))));
    ids.extend(p.handover.iter().map(|r| (r.id.0, Owned::Handover(r))));
    for m in &p.meetings {
        ids.insert(m.id.0, Owned::Meeting(m));
        ids.extend(m.agenda.iter().map(|a| (a.id.0, Owned::Agenda(m.id, a))));
        ids.extend(m.minutes.iter().map(|x| (x.id.0, Owned::Minute(m.id, x))));
    }
    ids
}

fn max_id(p: &Project) -> u64 {
    p.fresh_id() - 1
}

/// Their version with every id that both sides newly used for different records renumbered;
/// `None` when there is no such id.
pub(super) fn separate_new_ids(base: &Project, mine: &Project, theirs: &Project) -> Option<Project> {
    if mine == base || theirs == base || mine == theirs {
        return None;
    }
    let (base_ids, mine_ids, theirs_ids) = (index(base), index(mine), index(theirs));
    let mut clashes: Vec<u64> = theirs_ids
        .iter()
        .filter(|(id, t)| !base_ids.contains_key(id) && mine_ids.get(id).is_some_and(|m| m != *t))
        .map(|(id, _)| *id)
        .collect();
    // A meeting of theirs that moves takes its whole agenda and minutes along.
    let moved: Vec<u64> = theirs
        .meetings
        .iter()
        .filter(|m| clashes.contains(&m.id.0))
        .flat_map(|m| m.agenda.iter().map(|a| a.id.0).chain(m.minutes.iter().map(|x| x.id.0)))
        .filter(|id| !base_ids.contains_key(id) && !clashes.contains(id))
        .collect();
    clashes.extend(moved);
    if clashes.is_empty() {
        return None;
    }
    clashes.sort_unstable();
    let first_free = max_id(base).max(max_id(mine)).max(max_id(theirs)) + 1;
    let map: HashMap<u64, u64> = clashes.into_iter().zip(first_free..).collect();
    let mut theirs = theirs.clone();
    renumber(&mut theirs, &map);
    Some(theirs)
}

/// Replaces every id and every reference found in `map`.
fn renumber(p: &mut Project, map: &HashMap<u64, u64>) {
    let n = |id: u64| map.get(&id).copied().unwrap_or(id);
    let person = |id: &mut StakeholderId| id.0 = n(id.0);
    let area = |id: &mut AreaId| id.0 = n(id.0);
    p.details.system_owner.as_mut().map(person);
    p.details.ownership_team.iter_mut().for_each(person);
    for a in &mut p.areas {
        area(&mut a.id);
        a.raci.iter_mut().for_each(|r| person(&mut r.stakeholder));
    }
    for s in &mut p.stakeholders {
        person(&mut s.id);
        s.log.iter_mut().for_each(|l| l.id.0 = n(l.id.0));
    }
    for k in &mut p.kickoff {
        k.id.0 = n(k.id.0);
        k.owner.as_mut().map(person);
    }
    for h in &mut p.handover {
        h.id.0 = n(h.id.0);
        h.area.as_mut().map(area);
        for who in [&mut h.current_doer, &mut h.internal_owner, &mut h.tester] {
            who.as_mut().map(person);
        }
    }
    for l in p.stakeholders.iter_mut().flat_map(|s| s.log.iter_mut()) {
        if let Some(m) = l.meeting.as_mut() {
            m.0 = n(m.0);
        }
    }
    p.meetings.iter_mut().for_each(|m: &mut Meeting| {
        m.id.0 = n(m.id.0);
        m.attendees.iter_mut().for_each(person);
        for a in &mut m.agenda {
            a.id.0 = n(a.id.0);
            a.presenter.as_mut().map(person);
        }
        for x in &mut m.minutes {
            x.id.0 = n(x.id.0);
            if let Some(a) = x.agenda.as_mut() {
                a.0 = n(a.0);
            }
            if let Some(k) = x.item.as_mut() {
                k.0 = n(k.0);
            }
        }
    });
    for snapshot in &mut p.readiness_history {
        snapshot.areas.iter_mut().for_each(|r| area(&mut r.area));
    }
}
