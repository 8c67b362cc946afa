//! CSV exports of the three lists.
//!
//! Every text cell goes through [`neutralise`], so a name such as `=HYPERLINK(…)` is shown as
//! text, never run as a formula. People are looked up once per export (not once per row), so an
//! export takes time in proportion to the list. With `hide_names`, people appear by role or
//! initials, and the columns that could name someone (contact, notes) are left empty.

use std::collections::HashMap;

use super::table::{date, finish, neutralise, writer};
use crate::model::people::shown_name;
use crate::model::{AreaId, Choice, Project, StakeholderId};

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

/// How an export treats people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// People by role or initials; no contact details or notes.
    pub hide_names: bool,
}

/// Writes one row, every cell neutralised.
fn row<const N: usize>(w: &mut csv::Writer<Vec<u8>>, cells: [&str; N]) {
    w.write_record(cells.map(|c| neutralise(c).into_owned()))
        .expect("in memory");
}

/// Every person's shown name, looked up once.
fn people(project: &Project, options: CsvOptions) -> HashMap<StakeholderId, String> {
    project
        .stakeholders
        .iter()
        .map(|s| (s.id, shown_name(s, options.hide_names).into_owned()))
        .collect()
}

/// Text that may name people: kept, or left out when names are hidden.
fn private(text: &str, options: CsvOptions) -> &str {
    if options.hide_names { "" } else { text }
}

pub fn export_stakeholders(project: &Project) -> Vec<u8> {
    export_stakeholders_with(project, CsvOptions::default())
}

pub fn export_stakeholders_with(project: &Project, options: CsvOptions) -> Vec<u8> {
    let mut w = writer();
    row(&mut w, std::array::from_fn::<&str, 13, _>(|i| STAKEHOLDER_COLUMNS[i]));
    for s in &project.stakeholders {
        row(
            &mut w,
            [
                s.id.to_string().as_str(),
                &shown_name(s, options.hide_names),
                &s.role,
                &s.department,
                s.side.label(),
                &s.power.to_string(),
                &s.interest.to_string(),
                s.quadrant().label(),
                s.engagement_now.label(),
                s.engagement_wanted.label(),
                private(&s.benefit, options),
                private(&s.contact, options),
                private(&s.notes, options),
            ],
        );
    }
    finish(w)
}

pub fn export_kickoff(project: &Project) -> Vec<u8> {
    export_kickoff_with(project, CsvOptions::default())
}

pub fn export_kickoff_with(project: &Project, options: CsvOptions) -> Vec<u8> {
    let people = people(project, options);
    let name = |id: Option<StakeholderId>| id.and_then(|id| people.get(&id)).map_or("", String::as_str);
    let mut w = writer();
    row(
        &mut w,
        ["Id", "Item", "Category", "Owner", "Due", "Settled on", "Notes"],
    );
    for k in &project.kickoff {
        row(
            &mut w,
            [
                &k.id.to_string(),
                &k.text,
                &k.category,
                name(k.owner),
                &date(k.due),
                &date(k.done_on),
                private(&k.notes, options),
            ],
        );
    }
    finish(w)
}

pub fn export_handover(project: &Project) -> Vec<u8> {
    export_handover_with(project, CsvOptions::default())
}

pub fn export_handover_with(project: &Project, options: CsvOptions) -> Vec<u8> {
    let people = people(project, options);
    let areas: HashMap<AreaId, &str> = project.areas.iter().map(|a| (a.id, a.name.as_str())).collect();
    let name = |id: Option<StakeholderId>| id.and_then(|id| people.get(&id)).map_or("", String::as_str);
    let mut w = writer();
    row(
        &mut w,
        [
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
        ],
    );
    for h in &project.handover {
        let area = h.area.and_then(|a| areas.get(&a).copied()).unwrap_or("");
        row(
            &mut w,
            [
                &h.id.to_string(),
                &h.skill,
                area,
                name(h.current_doer),
                name(h.internal_owner),
                h.stage.label(),
                h.documentation.label(),
                name(h.tester),
                &date(h.target),
                private(&h.notes, options),
            ],
        );
    }
    finish(w)
}
