//! CSV exports of the three lists.

use super::table::{date, finish, writer};
use crate::model::{Choice, Project, StakeholderId};

/// The columns of the stakeholder export, which the import recognises too.
pub const STAKEHOLDER_COLUMNS: &[&str] = &[
    "Id",
    "Name",
    "Role",
    "Department",
    "Side",
    "Power",
    "Interest",
    "Quadrant",
    "Engagement now",
    "Engagement wanted",
    "What's in it for them",
    "Contact",
    "Notes",
];

pub fn export_stakeholders(project: &Project) -> Vec<u8> {
    let mut w = writer();
    w.write_record(STAKEHOLDER_COLUMNS).expect("in memory");
    for s in &project.stakeholders {
        w.write_record([
            s.id.to_string().as_str(),
            &s.name,
            &s.role,
            &s.department,
            s.side.label(),
            &s.power.to_string(),
            &s.interest.to_string(),
            s.quadrant().label(),
            s.engagement_now.label(),
            s.engagement_wanted.label(),
            &s.benefit,
            &s.contact,
            &s.notes,
        ])
        .expect("in memory");
    }
    finish(w)
}

pub fn export_kickoff(project: &Project) -> Vec<u8> {
    let name = |id: Option<StakeholderId>| {
        id.and_then(|id| project.stakeholder(id))
            .map_or("", |s| s.name.as_str())
    };
    let mut w = writer();
    w.write_record(["Id", "Item", "Category", "Owner", "Due", "Settled on", "Notes"])
        .expect("in memory");
    for k in &project.kickoff {
        w.write_record([
            &k.id.to_string(),
            &k.text,
            &k.category,
            name(k.owner),
            &date(k.due),
            &date(k.done_on),
            &k.notes,
        ])
        .expect("in memory");
    }
    finish(w)
}

pub fn export_handover(project: &Project) -> Vec<u8> {
    let name = |id: Option<StakeholderId>| {
        id.and_then(|id| project.stakeholder(id))
            .map_or("", |s| s.name.as_str())
    };
    let mut w = writer();
    w.write_record([
        "Id",
        "Skill or task",
        "Area",
        "Does it today",
        "Internal owner",
        "Stage",
        "Documentation",
        "Tested by",
        "Target",
        "Notes",
    ])
    .expect("in memory");
    for h in &project.handover {
        let area = h.area.and_then(|a| project.area(a)).map_or("", |a| a.name.as_str());
        w.write_record([
            &h.id.to_string(),
            &h.skill,
            area,
            name(h.current_doer),
            name(h.internal_owner),
            h.stage.label(),
            h.documentation.label(),
            name(h.tester),
            &date(h.target),
            &h.notes,
        ])
        .expect("in memory");
    }
    finish(w)
}
