//! Three-way merge of projects: the version both sides started from (the base), mine (the
//! project in this window) and theirs (what someone else saved meanwhile).
//!
//! Every list is merged by record id, and a record that both sides changed is merged field by
//! field. Only the same field changed to two different values, or a record deleted on one side
//! and changed on the other, is a [`Conflict`]; each conflict is settled by a [`Pick`]. Fields
//! this version does not know (`extra`) merge like any other field, so they survive.
//!
//! Two further rules keep the result a valid project and lose nothing:
//! - records both sides added under the same id (both took the next free id) are both kept:
//!   theirs gets a new id first, with every reference to it in their version;
//! - a record one side deleted that the merged project still refers to is kept.

mod changes;
mod diff;
mod renumber;
mod value;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ids::{AreaId, RecordKey, StakeholderId};
use super::project::{Area, HandoverItem, KickoffItem, Project, Stakeholder};
use super::testing::{Scenario, SignOff, TestResult, TestRound};

pub use changes::describe_changes;
pub use diff::diff;

/// Which side a conflict is settled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Mine,
    Theirs,
}

/// One place where both sides changed the same thing differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The record, as a user knows it: `stakeholder "Ann Lee"`, `project details`.
    pub record: String,
    /// The record's key, when it is a record of one of the lists (to jump to it).
    pub key: Option<RecordKey>,
    /// The field within the record: `notes`, `log entry 12 › note`, or `whole record`.
    pub field: String,
    /// Mine and theirs as text; `(deleted)` or `(removed)` where that side took it away.
    pub mine: String,
    pub theirs: String,
}

/// What came in from their side, counted per kind of record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incoming {
    /// noun → (added, changed, removed)
    counts: BTreeMap<&'static str, [usize; 3]>,
}

impl Incoming {
    fn count(&mut self, noun: &'static str, what: usize) {
        self.counts.entry(noun).or_default()[what] += 1;
    }

    /// How many changes came in from their side.
    pub fn total(&self) -> usize {
        self.counts.values().flatten().sum()
    }

    /// "2 stakeholders changed, 1 kickoff item added", or "nothing" when nothing came in.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for (noun, counts) in &self.counts {
            for (n, verb) in counts.iter().zip(["added", "changed", "removed"]) {
                match n {
                    0 => {}
                    1 => parts.push(format!("1 {noun} {verb}")),
                    n if noun.ends_with('s') => parts.push(format!("{n} {noun} {verb}")),
                    n => parts.push(format!("{n} {noun}s {verb}")),
                }
            }
        }
        if parts.is_empty() {
            "nothing".into()
        } else {
            parts.join(", ")
        }
    }
}

/// The result of a merge.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged project, with every conflict settled as picked (mine where no pick was given).
    pub project: Project,
    /// Every conflict, in a stable order: the same inputs give the same list, so picks given
    /// by index to [`merge_with`] settle exactly these.
    pub conflicts: Vec<Conflict>,
    pub incoming: Incoming,
    /// Records one side deleted that were kept because the merged project still refers to them.
    pub kept_for_references: Vec<String>,
}

/// Merges with every conflict settled for mine (look at `conflicts` before using the result).
pub fn merge(base: &Project, mine: &Project, theirs: &Project) -> Merged {
    merge_with(base, mine, theirs, &[])
}

/// Merges, settling conflict number `i` by `picks[i]` (mine when `picks` is shorter).
pub fn merge_with(base: &Project, mine: &Project, theirs: &Project, picks: &[Pick]) -> Merged {
    merge_inner(base, mine, theirs, picks, false)
}

/// Merges two versions with no common ancestor known (a sync client's conflicted copy whose
/// history shares no save with this file): every difference is a conflict, settled by
/// `picks` like [`merge_with`]'s. Records and entries only one side has are conflicts too
/// (keep or leave out); nothing changes without a pick for theirs.
pub fn merge_two_way(mine: &Project, theirs: &Project, picks: &[Pick]) -> Merged {
    let mut merged = merge_inner(&Project::default(), mine, theirs, picks, true);
    merged.incoming = Incoming::between(mine, &merged.project);
    merged
}

fn merge_inner(base: &Project, mine: &Project, theirs: &Project, picks: &[Pick], two_way: bool) -> Merged {
    let theirs_renumbered = if two_way {
        None
    } else {
        renumber::separate_new_ids(base, mine, theirs)
    };
    let theirs = theirs_renumbered.as_ref().unwrap_or(theirs);
    let mut cx = Cx {
        picks,
        conflicts: Vec::new(),
        incoming: Incoming::default(),
        two_way,
    };
    let mut project = merge_rest(base, mine, theirs, &mut cx);
    project.areas = merge_list(&base.areas, &mine.areas, &theirs.areas, &mut cx);
    project.stakeholders = merge_list(&base.stakeholders, &mine.stakeholders, &theirs.stakeholders, &mut cx);
    project.kickoff = merge_list(&base.kickoff, &mine.kickoff, &theirs.kickoff, &mut cx);
    project.handover = merge_list(&base.handover, &mine.handover, &theirs.handover, &mut cx);
    let (b, m, t) = (&base.testing, &mine.testing, &theirs.testing);
    project.testing.scenarios = merge_list(&b.scenarios, &m.scenarios, &t.scenarios, &mut cx);
    project.testing.rounds = merge_list(&b.rounds, &m.rounds, &t.rounds, &mut cx);
    project.testing.results = merge_list(&b.results, &m.results, &t.results, &mut cx);
    project.testing.sign_offs = merge_list(&b.sign_offs, &m.sign_offs, &t.sign_offs, &mut cx);
    project.meetings = merge_list(&base.meetings, &mine.meetings, &theirs.meetings, &mut cx);
    let kept_for_references = keep_referenced(&mut project, [mine, theirs, base]);
    // One side unchanged: the other side is the answer exactly, order and all.
    if two_way {
        if mine == theirs {
            project = mine.clone();
        }
    } else if mine == base {
        project = theirs.clone();
    } else if theirs == base {
        project = mine.clone();
    }
    Merged {
        project,
        conflicts: cx.conflicts,
        incoming: cx.incoming,
        kept_for_references,
    }
}

/// The merge in progress: the picks to apply, the conflicts met so far, what came in.
struct Cx<'a> {
    picks: &'a [Pick],
    conflicts: Vec<Conflict>,
    incoming: Incoming,
    /// No common ancestor: every difference is a conflict.
    two_way: bool,
}

impl Cx<'_> {
    /// Records a conflict and answers which side to take for it.
    fn conflict(&mut self, mut conflict: Conflict) -> Pick {
        if self.two_way {
            // Without a common version nobody removed anything: one side just lacks it.
            for side in [&mut conflict.mine, &mut conflict.theirs] {
                if side == "(removed)" {
                    *side = "(not there)".into();
                }
            }
        }
        let pick = self.picks.get(self.conflicts.len()).copied().unwrap_or(Pick::Mine);
        self.conflicts.push(conflict);
        pick
    }
}

/// Everything but the four record lists: details, settings, commitments, the readiness
/// history and unknown top-level fields, merged field by field as JSON.
fn merge_rest(base: &Project, mine: &Project, theirs: &Project, cx: &mut Cx) -> Project {
    let rest = |p: &Project| {
        let shell = Project {
            details: p.details.clone(),
            settings: p.settings.clone(),
            commitments: p.commitments.clone(),
            readiness_history: p.readiness_history.clone(),
            extra: p.extra.clone(),
            ..Project::default()
        };
        serde_json::to_value(shell).expect("a project serializes")
    };
    let (b, m, t) = (rest(base), rest(mine), rest(theirs));
    if m == t || (t == b && !cx.two_way) {
        return serde_json::from_value(m).expect("mine deserializes");
    }
    // Without a common version, no field of the base may count as either side's.
    let b = if cx.two_way {
        Value::Object(serde_json::Map::new())
    } else {
        b
    };
    let Value::Object(t_map) = &t else {
        unreachable!("a project is an object")
    };
    for (field, t_value) in t_map {
        if b.get(field) != Some(t_value) {
            let noun = match field.as_str() {
                "details" => "project detail",
                "settings" => "setting",
                "commitments" => "commitment list",
                "readiness_history" => "readiness history",
                _ => "other project field",
            };
            cx.incoming.count(noun, 1);
        }
    }
    let merged = value::merge_object_fields(&b, &m, &t, cx, &|field| {
        let record = match field {
            "details" => "project details",
            "settings" => "settings",
            _ => "project",
        };
        (record.to_string(), None)
    });
    match serde_json::from_value(merged) {
        Ok(project) => project,
        // Cannot happen for values that each deserialized; keep mine rather than fail.
        Err(_) => serde_json::from_value(m).expect("mine deserializes"),
    }
}

/// A record of one of the project's lists, as the merge sees it.
trait Item: Clone + PartialEq + Serialize + DeserializeOwned {
    type Id: Copy + Eq + Hash;
    const NOUN: &'static str;
    fn id(&self) -> Self::Id;
    fn key(&self) -> RecordKey;
    fn name(&self) -> &str;
}

macro_rules! item {
    ($ty:ty, $id:ty, $noun:literal, $variant:ident, $name:ident) => {
        impl Item for $ty {
            type Id = $id;
            const NOUN: &'static str = $noun;
            fn id(&self) -> $id {
                self.id
            }
            fn key(&self) -> RecordKey {
                RecordKey::$variant(self.id)
            }
            fn name(&self) -> &str {
                &self.$name
            }
        }
    };
}
item!(Area, AreaId, "area", Area, name);
item!(Stakeholder, StakeholderId, "stakeholder", Stakeholder, name);
item!(KickoffItem, super::ids::KickoffId, "kickoff item", Kickoff, text);
item!(HandoverItem, super::ids::HandoverId, "hand-over item", Handover, skill);
item!(Scenario, super::ids::ScenarioId, "test scenario", Scenario, title);
item!(TestRound, super::ids::RoundId, "test round", Round, name);
item!(
    super::meeting::Meeting,
    super::ids::MeetingId,
    "meeting",
    Meeting,
    title
);

impl Item for TestResult {
    type Id = super::ids::ResultId;
    const NOUN: &'static str = "test result";
    fn id(&self) -> Self::Id {
        self.id
    }
    fn key(&self) -> RecordKey {
        RecordKey::TestResult(self.id)
    }
    fn name(&self) -> &str {
        &self.note
    }
}

/// A sign-off is named by its area: there is at most one per area.
impl Item for SignOff {
    type Id = AreaId;
    const NOUN: &'static str = "sign-off";
    fn id(&self) -> AreaId {
        self.area
    }
    fn key(&self) -> RecordKey {
        RecordKey::SignOff(self.area)
    }
    fn name(&self) -> &str {
        "sign-off"
    }
}

fn label<T: Item>(record: &T) -> String {
    format!("{} \"{}\"", T::NOUN, record.name())
}

/// Merges one list by id. Mine's order is kept; records only theirs added go after the record
/// that precedes them in their list.
fn merge_list<T: Item>(base: &[T], mine: &[T], theirs: &[T], cx: &mut Cx) -> Vec<T> {
    if mine == theirs || (theirs == base && !cx.two_way) {
        return mine.to_vec();
    }
    let base_ids: HashMap<T::Id, &T> = base.iter().map(|r| (r.id(), r)).collect();
    let theirs_ids: HashMap<T::Id, &T> = theirs.iter().map(|r| (r.id(), r)).collect();
    let mut merged = Vec::with_capacity(mine.len().max(theirs.len()));
    for m in mine {
        match (base_ids.get(&m.id()), theirs_ids.get(&m.id())) {
            (Some(&b), Some(&t)) => {
                if t == m || t == b {
                    merged.push(m.clone());
                } else if m == b {
                    cx.incoming.count(T::NOUN, 1);
                    merged.push(t.clone());
                } else {
                    merged.push(merge_record(b, m, t, cx));
                    cx.incoming.count(T::NOUN, 1);
                }
            }
            (Some(&b), None) => {
                if m == b {
                    cx.incoming.count(T::NOUN, 2);
                } else {
                    let conflict = Conflict {
                        record: label(m),
                        key: Some(m.key()),
                        field: "whole record".into(),
                        mine: format!("changed ({})", value::changed_fields(b, m)),
                        theirs: "(deleted)".into(),
                    };
                    if cx.conflict(conflict) == Pick::Mine {
                        merged.push(m.clone());
                    } else {
                        cx.incoming.count(T::NOUN, 2);
                    }
                }
            }
            (None, Some(&t)) if cx.two_way && t != m => merged.push(merge_record_two_way(m, t, cx)),
            (None, None) if cx.two_way => {
                let conflict = Conflict {
                    record: label(m),
                    key: Some(m.key()),
                    field: "whole record".into(),
                    mine: "present".into(),
                    theirs: "(not there)".into(),
                };
                if cx.conflict(conflict) == Pick::Mine {
                    merged.push(m.clone());
                }
            }
            // Added by me (or by both sides alike: the ids were separated beforehand otherwise).
            (None, _) => merged.push(m.clone()),
        }
    }
    let mine_ids: HashSet<T::Id> = mine.iter().map(Item::id).collect();
    // Records theirs has and mine does not, by the record they follow in their list.
    let mut after: HashMap<Option<T::Id>, Vec<T>> = HashMap::new();
    let mut anchor = None;
    for t in theirs {
        if mine_ids.contains(&t.id()) {
            anchor = Some(t.id());
            continue;
        }
        let keep = match base_ids.get(&t.id()) {
            None if cx.two_way => {
                let conflict = Conflict {
                    record: label(t),
                    key: Some(t.key()),
                    field: "whole record".into(),
                    mine: "(not there)".into(),
                    theirs: "present".into(),
                };
                cx.conflict(conflict) == Pick::Theirs
            }
            None => true,
            Some(&b) if b == t => false, // I deleted it and they did not touch it.
            Some(&b) => {
                let conflict = Conflict {
                    record: label(t),
                    key: Some(t.key()),
                    field: "whole record".into(),
                    mine: "(deleted)".into(),
                    theirs: format!("changed ({})", value::changed_fields(b, t)),
                };
                cx.conflict(conflict) == Pick::Theirs
            }
        };
        if keep {
            cx.incoming.count(T::NOUN, 0);
            after.entry(anchor).or_default().push(t.clone());
        }
    }
    if after.is_empty() {
        return merged;
    }
    let mut out = after.remove(&None).unwrap_or_default();
    out.reserve(merged.len());
    for record in merged {
        let id = record.id();
        out.push(record);
        if let Some(more) = after.remove(&Some(id)) {
            out.extend(more);
        }
    }
    // Anchors mine deleted: what followed them goes to the end rather than being lost.
    let mut rest: Vec<(Option<T::Id>, Vec<T>)> = after.into_iter().collect();
    rest.sort_by_key(|(anchor, _)| anchor.and_then(|a| theirs.iter().position(|t| t.id() == a)));
    out.extend(rest.into_iter().flat_map(|(_, records)| records));
    out
}

/// A record both sides changed: merged field by field.
fn merge_record<T: Item>(base: &T, mine: &T, theirs: &T, cx: &mut Cx) -> T {
    let json = |r: &T| serde_json::to_value(r).expect("a record serializes");
    let (b, m, t) = (json(base), json(mine), json(theirs));
    let record = label(mine);
    let key = mine.key();
    let merged = value::merge_object_fields(&b, &m, &t, cx, &|_| (record.clone(), Some(key)));
    serde_json::from_value(merged).unwrap_or_else(|_| mine.clone())
}

/// A record both versions have, differently, with no common version to tell who changed what:
/// every field that differs is a conflict.
fn merge_record_two_way<T: Item>(mine: &T, theirs: &T, cx: &mut Cx) -> T {
    let json = |r: &T| serde_json::to_value(r).expect("a record serializes");
    let (m, t) = (json(mine), json(theirs));
    let record = label(mine);
    let key = mine.key();
    let none = Value::Object(serde_json::Map::new());
    let merged = value::merge_object_fields(&none, &m, &t, cx, &|_| (record.clone(), Some(key)));
    serde_json::from_value(merged).unwrap_or_else(|_| mine.clone())
}

/// Puts back records that one side deleted but the merged project still refers to (a
/// stakeholder someone else just made owner of an item, an area given a new hand-over item).
/// Returns their names.
fn keep_referenced(project: &mut Project, sources: [&Project; 3]) -> Vec<String> {
    let mut kept = Vec::new();
    // Areas first: an area put back brings its RACI, which may name a deleted stakeholder.
    let areas: HashSet<AreaId> = project.areas.iter().map(|a| a.id).collect();
    let mut missing: Vec<AreaId> = project
        .handover
        .iter()
        .filter_map(|h| h.area)
        .filter(|id| !areas.contains(id))
        .collect();
    missing.sort();
    missing.dedup();
    for id in missing {
        if let Some(a) = sources.iter().find_map(|p| p.area(id)) {
            kept.push(label(a));
            project.areas.push(a.clone());
        }
    }
    let people: HashSet<StakeholderId> = project.stakeholders.iter().map(|s| s.id).collect();
    let d = &project.details;
    let mut wanted: Vec<StakeholderId> = d
        .system_owner
        .into_iter()
        .chain(d.ownership_team.iter().copied())
        .collect();
    wanted.extend(project.areas.iter().flat_map(|a| a.raci.iter().map(|r| r.stakeholder)));
    wanted.extend(project.kickoff.iter().filter_map(|k| k.owner));
    for h in &project.handover {
        wanted.extend([h.current_doer, h.internal_owner, h.tester].into_iter().flatten());
    }
    for m in &project.meetings {
        wanted.extend(m.attendees.iter().copied());
        wanted.extend(m.agenda.iter().filter_map(|a| a.presenter));
    }
    let mut missing: Vec<StakeholderId> = wanted.into_iter().filter(|id| !people.contains(id)).collect();
    missing.sort();
    missing.dedup();
    for id in missing {
        if let Some(s) = sources.iter().find_map(|p| p.stakeholder(id)) {
            kept.push(label(s));
            project.stakeholders.push(s.clone());
        }
    }
    kept
}

#[cfg(test)]
mod tests;
