//! What points at a record, and the edit that deletes it cleanly. Deleting a referenced
//! stakeholder or area first shows the user what will be cleared.

use super::edit::{Edit, Record};
use super::ids::{AreaId, RecordKey, StakeholderId};
use super::project::Project;

/// Every place that refers to the record, described for the person about to delete it.
/// Empty when nothing refers to it (kickoff and hand-over items are never referred to).
pub fn references(project: &Project, key: RecordKey) -> Vec<String> {
    match key {
        RecordKey::Stakeholder(id) => stakeholder_references(project, id),
        RecordKey::Area(id) => {
            let mut refs = area_references(project, id);
            if let Some(area) = project.area(id)
                && !area.raci.is_empty()
            {
                refs.insert(0, format!("{} RACI letter(s) in this area", area.raci.len()));
            }
            refs
        }
        RecordKey::Scenario(id) => {
            let n = project.testing.results.iter().filter(|r| r.scenario == id).count();
            if n == 0 {
                Vec::new()
            } else {
                vec![format!("{n} test result(s) of this scenario (deleted with it)")]
            }
        }
        RecordKey::Round(id) => {
            let n = project.testing.results.iter().filter(|r| r.round == id).count();
            if n == 0 {
                Vec::new()
            } else {
                vec![format!("{n} test result(s) in this round (deleted with it)")]
            }
        }
        RecordKey::Kickoff(_) | RecordKey::Meeting(_) | RecordKey::Agenda(_) | RecordKey::Minute(_) => {
            super::meeting::references(project, key)
        }
        RecordKey::Handover(_) | RecordKey::TestResult(_) | RecordKey::SignOff(_) => Vec::new(),
    }
}

/// One undoable edit that clears every reference to the record and then removes it.
pub fn delete(project: &Project, key: RecordKey) -> Edit {
    match key {
        RecordKey::Stakeholder(id) => delete_stakeholder(project, id),
        RecordKey::Area(id) => delete_area(project, id),
        RecordKey::Scenario(id) => super::testing::delete_scenario(project, id),
        RecordKey::Round(id) => super::testing::delete_round(project, id),
        RecordKey::Kickoff(_) | RecordKey::Meeting(_) | RecordKey::Agenda(_) | RecordKey::Minute(_) => {
            let mut edits = super::meeting::unlink(project, key);
            if edits.is_empty() {
                return Edit::Remove(key);
            }
            edits.push(Edit::Remove(key));
            Edit::Batch(edits)
        }
        RecordKey::Handover(_) | RecordKey::TestResult(_) | RecordKey::SignOff(_) => Edit::Remove(key),
    }
}

/// The record's name as a user knows it, or `None` when it no longer exists.
pub fn record_name(project: &Project, key: RecordKey) -> Option<&str> {
    Some(match key {
        RecordKey::Stakeholder(id) => project.stakeholder(id)?.name.as_str(),
        RecordKey::Area(id) => project.area(id)?.name.as_str(),
        RecordKey::Kickoff(id) => project.kickoff.iter().find(|k| k.id == id)?.text.as_str(),
        RecordKey::Handover(id) => project.handover.iter().find(|h| h.id == id)?.skill.as_str(),
        RecordKey::Scenario(id) => project.testing.scenario(id)?.title.as_str(),
        RecordKey::Round(id) => project.testing.round(id)?.name.as_str(),
        RecordKey::TestResult(id) => {
            let result = project.testing.results.iter().find(|r| r.id == id)?;
            project.testing.scenario(result.scenario)?.title.as_str()
        }
        RecordKey::SignOff(area) => {
            project.testing.sign_off(area)?;
            project.area(area)?.name.as_str()
        }
        RecordKey::Meeting(id) => project.meeting(id)?.title.as_str(),
        RecordKey::Agenda(id) => project.agenda_item(id)?.1.title.as_str(),
        RecordKey::Minute(id) => project.minute(id)?.1.text.as_str(),
    })
}

/// Human descriptions of every place that refers to this stakeholder.
pub fn stakeholder_references(project: &Project, id: StakeholderId) -> Vec<String> {
    let mut refs = Vec::new();
    let d = &project.details;
    if d.system_owner == Some(id) {
        refs.push("system owner of the project".to_string());
    }
    if d.ownership_team.contains(&id) {
        refs.push("member of the ownership team".to_string());
    }
    for a in &project.areas {
        if let Some(role) = a.role_of(id) {
            refs.push(format!("{} in the RACI of \"{}\"", role.letter(), a.name));
        }
    }
    for k in &project.kickoff {
        if k.owner == Some(id) {
            refs.push(format!("owner of kickoff item \"{}\"", k.text));
        }
    }
    for h in &project.handover {
        for (field, value) in [
            ("does today", h.current_doer),
            ("internal owner", h.internal_owner),
            ("tester", h.tester),
        ] {
            if value == Some(id) {
                refs.push(format!("{field} of hand-over item \"{}\"", h.skill));
            }
        }
    }
    let plan = &project.testing;
    for s in plan.scenarios.iter().filter(|s| s.tester == Some(id)) {
        refs.push(format!("tester of scenario \"{}\"", s.title));
    }
    let ran = plan.results.iter().filter(|r| r.run_by == Some(id)).count();
    if ran > 0 {
        refs.push(format!("ran {ran} test result(s)"));
    }
    for s in plan.sign_offs.iter().filter(|s| s.by == id) {
        let area = project.area(s.area).map_or("", |a| a.name.as_str());
        refs.push(format!("signed off \"{area}\" (the sign-off is removed)"));
    }
    refs.extend(super::meeting::person_references(project, id));
    refs
}

/// One undoable edit that clears every reference to the stakeholder and then removes them.
pub fn delete_stakeholder(project: &Project, id: StakeholderId) -> Edit {
    let mut edits = Vec::new();
    let d = &project.details;
    if d.system_owner == Some(id) || d.ownership_team.contains(&id) {
        let mut details = d.clone();
        if details.system_owner == Some(id) {
            details.system_owner = None;
        }
        details.ownership_team.retain(|m| *m != id);
        edits.push(Edit::SetDetails(details));
    }
    for a in &project.areas {
        if a.role_of(id).is_some() {
            let mut area = a.clone();
            area.set_role(id, None);
            edits.push(Edit::Put(Record::Area(area)));
        }
    }
    for k in &project.kickoff {
        if k.owner == Some(id) {
            let mut item = k.clone();
            item.owner = None;
            edits.push(Edit::Put(Record::Kickoff(item)));
        }
    }
    for h in &project.handover {
        if [h.current_doer, h.internal_owner, h.tester].contains(&Some(id)) {
            let mut item = h.clone();
            for field in [&mut item.current_doer, &mut item.internal_owner, &mut item.tester] {
                if *field == Some(id) {
                    *field = None;
                }
            }
            edits.push(Edit::Put(Record::Handover(item)));
        }
    }
    let plan = &project.testing;
    for s in plan.scenarios.iter().filter(|s| s.tester == Some(id)) {
        let mut scenario = s.clone();
        scenario.tester = None;
        edits.push(Edit::Put(Record::Scenario(scenario)));
    }
    for r in plan.results.iter().filter(|r| r.run_by == Some(id)) {
        let mut result = r.clone();
        result.run_by = None;
        edits.push(Edit::Put(Record::TestResult(result)));
    }
    for s in plan.sign_offs.iter().filter(|s| s.by == id) {
        edits.push(Edit::Remove(RecordKey::SignOff(s.area)));
    }
    edits.extend(super::meeting::forget_person(project, id));
    edits.push(Edit::Remove(RecordKey::Stakeholder(id)));
    Edit::Batch(edits)
}

/// Human descriptions of the hand-over items and test scenarios filed under this area.
pub fn area_references(project: &Project, id: AreaId) -> Vec<String> {
    let handover = project
        .handover
        .iter()
        .filter(|h| h.area == Some(id))
        .map(|h| format!("area of hand-over item \"{}\"", h.skill));
    let scenarios = project
        .testing
        .scenarios
        .iter()
        .filter(|s| s.area == Some(id))
        .map(|s| format!("area of test scenario \"{}\"", s.title));
    let sign_off = project
        .testing
        .sign_off(id)
        .map(|_| "its sign-off (removed with the area)".to_string());
    handover.chain(scenarios).chain(sign_off).collect()
}

/// One undoable edit that un-files the area's hand-over items and removes the area.
pub fn delete_area(project: &Project, id: AreaId) -> Edit {
    let mut edits: Vec<Edit> = project
        .handover
        .iter()
        .filter(|h| h.area == Some(id))
        .map(|h| {
            let mut item = h.clone();
            item.area = None;
            Edit::Put(Record::Handover(item))
        })
        .collect();
    for s in project.testing.scenarios.iter().filter(|s| s.area == Some(id)) {
        let mut scenario = s.clone();
        scenario.area = None;
        edits.push(Edit::Put(Record::Scenario(scenario)));
    }
    if project.testing.sign_off(id).is_some() {
        edits.push(Edit::Remove(RecordKey::SignOff(id)));
    }
    edits.push(Edit::Remove(RecordKey::Area(id)));
    Edit::Batch(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Area, HandoverId, HandoverItem, KickoffId, KickoffItem, Raci, Stakeholder, apply, validate};

    fn project() -> Project {
        let mut p = Project::default();
        p.stakeholders.push(Stakeholder::new(StakeholderId(1), "Ann"));
        p.stakeholders.push(Stakeholder::new(StakeholderId(2), "Ben"));
        let mut area = Area {
            id: AreaId(3),
            name: "Events".into(),
            key: true,
            description: String::new(),
            raci: vec![],
            extra: Default::default(),
        };
        area.set_role(StakeholderId(1), Some(Raci::Accountable));
        p.areas.push(area);
        let mut k = KickoffItem::new(KickoffId(4), "Agree roles");
        k.owner = Some(StakeholderId(1));
        p.kickoff.push(k);
        let mut h = HandoverItem::new(HandoverId(5), "Event setup");
        h.area = Some(AreaId(3));
        h.internal_owner = Some(StakeholderId(1));
        h.tester = Some(StakeholderId(1));
        h.current_doer = Some(StakeholderId(2));
        p.handover.push(h);
        p.details.system_owner = Some(StakeholderId(1));
        p.details.ownership_team = vec![StakeholderId(1), StakeholderId(2)];
        p
    }

    #[test]
    fn lists_every_reference_to_a_stakeholder() {
        let refs = stakeholder_references(&project(), StakeholderId(1));
        assert_eq!(refs.len(), 6, "{refs:?}");
    }

    #[test]
    fn deleting_a_referenced_stakeholder_clears_references_and_undoes_exactly() {
        let mut p = project();
        let before = p.clone();
        let edit = delete_stakeholder(&p, StakeholderId(1));
        let inverse = apply(&mut p, edit).unwrap();
        assert!(validate(&p).is_empty(), "{:?}", validate(&p));
        assert_eq!(p.stakeholders.len(), 1);
        assert_eq!(p.details.system_owner, None);
        assert_eq!(p.details.ownership_team, vec![StakeholderId(2)]);
        assert_eq!(p.handover[0].current_doer, Some(StakeholderId(2)));
        assert_eq!(p.handover[0].internal_owner, None);
        assert!(stakeholder_references(&p, StakeholderId(1)).is_empty());
        apply(&mut p, inverse).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn deleting_an_area_unfiles_its_items() {
        let mut p = project();
        assert_eq!(area_references(&p, AreaId(3)).len(), 1);
        let edit = delete_area(&p, AreaId(3));
        apply(&mut p, edit).unwrap();
        assert!(p.areas.is_empty());
        assert_eq!(p.handover[0].area, None);
        assert!(validate(&p).is_empty());
    }
}
