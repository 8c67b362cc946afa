//! The built-in template a new project starts from: default areas, kickoff items and
//! commitments, written so that an owner can run a first meeting from it unchanged.

use super::ids::{AreaId, KickoffId};
use super::project::{Area, KickoffItem, Project, ProjectDetails};

/// Names of the built-in templates, for `steward new --template`.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "standard",
        "Areas of a typical association system and a full kickoff checklist",
    ),
    ("blank", "No areas, no checklist: start from nothing"),
];

const AREAS: &[(&str, bool, &str)] = &[
    ("Membership", true, "Joining, renewals, member records and categories"),
    ("Events", true, "Registration, sessions, badges and event finances"),
    ("Finance", true, "Invoicing, payments, reconciliation and month end"),
    (
        "Communications",
        false,
        "Email campaigns, newsletters and the member portal",
    ),
    ("Reporting", false, "Dashboards, queries and board reports"),
    (
        "Data & integrations",
        true,
        "Imports, data quality and links to other systems",
    ),
];

const KICKOFF: &[(&str, &str)] = &[
    (
        "Expectations",
        "Say out loud that the project's success is our job; the vendor helps, we own it",
    ),
    (
        "Expectations",
        "Agree what the new system should change for members and for staff",
    ),
    (
        "Expectations",
        "Tell each team what the system will give them personally",
    ),
    (
        "Roles",
        "Name the internal project lead and the vendor's project manager",
    ),
    ("Roles", "Confirm the executive sponsor and how decisions are escalated"),
    ("Roles", "Agree who is Responsible and Accountable for each area"),
    (
        "Ownership",
        "Name the system owner (or an ownership team covering every key area)",
    ),
    (
        "Ownership",
        "Pair a staff member with each consultant from the first week",
    ),
    (
        "Ownership",
        "Agree how hand-over progress will be tracked up to the consultants' exit",
    ),
    (
        "Schedule",
        "Agree the milestones, the go-live date and the consultants' exit date",
    ),
    ("Schedule", "Block staff time for configuration, training and testing"),
    (
        "Success measures",
        "Define three to five measures that show the project worked",
    ),
    ("Success measures", "Agree the exit criteria for the end of hypercare"),
    ("Ways of working", "Set the rhythm of status meetings and who attends"),
    ("Ways of working", "Agree how change requests are raised and approved"),
    (
        "Ways of working",
        "Decide where project documents and decisions are kept",
    ),
    ("Testing", "Name a staff tester for every area before go-live"),
    ("Risks", "List the top risks and who watches each one"),
    (
        "Preparation",
        "Hold an internal kickoff before the meeting with the vendor",
    ),
    (
        "Preparation",
        "Collect open questions and agree that people try to answer them first",
    ),
];

/// What the organization commits to at kickoff; editable per project.
pub const DEFAULT_COMMITMENTS: &[&str] = &[
    "This project succeeds or fails on our side. The vendor helps; the outcome is ours.",
    "Every one of us owns our part: we make the time, learn the system and do the work.",
    "When we do not know something, we try to work it out before we hand it to the consultants.",
    "Staff work next to the consultants from day one, so we can run the system when they leave.",
    "It will take effort. It is worth it, and we will keep saying why.",
];

/// A new project from the named template, or `None` for an unknown name.
pub fn from_template(name: &str) -> Option<Project> {
    match name {
        "standard" => Some(standard()),
        "blank" => Some(blank()),
        _ => None,
    }
}

fn blank() -> Project {
    Project {
        details: ProjectDetails {
            name: "New project".into(),
            uid: uuid::Uuid::new_v4().to_string(),
            ..Default::default()
        },
        commitments: DEFAULT_COMMITMENTS.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

/// The default template: typical areas, a kickoff checklist and the commitments.
pub fn standard() -> Project {
    let mut project = blank();
    let mut next = 1;
    for (name, key, description) in AREAS {
        project.areas.push(Area {
            id: AreaId(next),
            name: name.to_string(),
            key: *key,
            description: description.to_string(),
            raci: Vec::new(),
            extra: Default::default(),
        });
        next += 1;
    }
    for (category, text) in KICKOFF {
        let mut item = KickoffItem::new(KickoffId(next), *text);
        item.category = category.to_string();
        project.kickoff.push(item);
        next += 1;
    }
    project
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;

    #[test]
    fn every_template_is_valid() {
        for (name, _) in TEMPLATES {
            let p = from_template(name).unwrap();
            assert!(validate(&p).is_empty(), "{name}");
        }
        assert!(from_template("nope").is_none());
    }

    #[test]
    fn standard_has_areas_kickoff_items_and_commitments() {
        let p = standard();
        assert_eq!(p.areas.len(), 6);
        assert_eq!(p.kickoff.len(), 20);
        assert!(p.areas.iter().filter(|a| a.key).count() >= 3);
        assert!(!p.commitments.is_empty());
    }
}
