//! Signing an area off: what still blocks it, who may sign, and the edit that records it.

use crate::model::edit::{Edit, Record};
use crate::model::enums::{Choice, Raci};
use crate::model::ids::{AreaId, StakeholderId};
use crate::model::project::Project;
use chrono::NaiveDate;

use super::*;

/// What keeps an area from being signed off, in plain words; empty when it can be.
pub fn sign_off_blockers(project: &Project, area: AreaId) -> Vec<String> {
    let index = TestIndex::new(project);
    let mut must_pass = 0;
    let mut blockers = Vec::new();
    for scenario in project
        .testing
        .scenarios
        .iter()
        .filter(|s| s.area == Some(area) && s.must_pass)
    {
        must_pass += 1;
        match index.latest(scenario.id) {
            None => blockers.push(format!("\"{}\" has not been run", scenario.title)),
            Some(r) if r.status == TestStatus::Passed => {}
            Some(r) => {
                let round = project.testing.round(r.round).map_or("", |r| r.name.as_str());
                blockers.push(format!(
                    "\"{}\" is {} in {round}",
                    scenario.title,
                    r.status.label().to_lowercase()
                ));
            }
        }
    }
    if must_pass == 0 {
        blockers.push("it has no must-pass scenario yet".into());
    }
    blockers
}

/// The one edit that records the area's sign-off by its accountable owner on `date`.
/// Refuses, saying why, when the area is not ready or the signer may not sign.
pub fn sign_off(project: &Project, area: AreaId, by: StakeholderId, date: NaiveDate) -> Result<Edit, String> {
    let Some(a) = project.area(area) else {
        return Err("that area no longer exists".into());
    };
    let Some(person) = project.stakeholder(by) else {
        return Err("the person signing no longer exists".into());
    };
    if a.role_of(by) != Some(Raci::Accountable) {
        return Err(format!(
            "{} is not Accountable for \"{}\": only the area's accountable owner signs it off",
            person.name, a.name
        ));
    }
    if !person.side.is_internal() {
        return Err(format!(
            "{} is not internal staff: a sign-off by the vendor or a consultant is not acceptance",
            person.name
        ));
    }
    let blockers = sign_off_blockers(project, area);
    if !blockers.is_empty() {
        return Err(format!(
            "\"{}\" is not ready for sign-off: {}",
            a.name,
            summary(&blockers)
        ));
    }
    let record = Record::SignOff(SignOff {
        area,
        by,
        date,
        withdrawn: None,
        extra: project
            .testing
            .sign_off(area)
            .map(|s| s.extra.clone())
            .unwrap_or_default(),
    });
    Ok(if project.testing.sign_off(area).is_some() {
        Edit::Put(record)
    } else {
        Edit::Insert {
            index: usize::MAX,
            record,
        }
    })
}

/// The accountable owner who would sign the area off, or why nobody can.
pub fn signer(project: &Project, area: AreaId) -> Result<StakeholderId, String> {
    let a = project.area(area).ok_or("that area no longer exists")?;
    let accountable: Vec<StakeholderId> = a.holders(Raci::Accountable).collect();
    match accountable.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("nobody is Accountable for \"{}\" to sign it off", a.name)),
        _ => Err(format!("\"{}\" has more than one Accountable; name one first", a.name)),
    }
}

/// The first few items of a list in one line, with how many more there are.
pub fn summary(items: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = items.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
    if items.len() > SHOWN {
        text.push_str(&format!("; and {} more", items.len() - SHOWN));
    }
    text
}
