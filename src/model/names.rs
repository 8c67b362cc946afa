//! People and areas by name: ids to names for tables and exports (built once per change), and
//! names back to ids for imports, with the plain-word parsing of dates and choices imports need.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::enums::Choice;
use super::ids::{AreaId, StakeholderId};
use super::project::Project;

/// Names of people and areas by id, built once per change so that tables and exports look
/// names up in constant time (an export of 80,000 items stays linear).
#[derive(Debug, Clone, Default)]
pub struct Names {
    people: HashMap<StakeholderId, String>,
    areas: HashMap<AreaId, String>,
}

impl Names {
    pub fn of(project: &Project) -> Names {
        Names {
            people: project.stakeholders.iter().map(|s| (s.id, s.name.clone())).collect(),
            areas: project.areas.iter().map(|a| (a.id, a.name.clone())).collect(),
        }
    }

    /// People as shown with names hidden: by role, or initials (see `people::shown_name`).
    pub fn hiding(project: &Project) -> Names {
        Names {
            people: project
                .stakeholders
                .iter()
                .map(|s| (s.id, super::people::shown_name(s, true).into_owned()))
                .collect(),
            ..Names::of(project)
        }
    }

    /// The person's name, or "" for nobody.
    pub fn person(&self, id: Option<StakeholderId>) -> &str {
        id.and_then(|id| self.people.get(&id)).map_or("", String::as_str)
    }

    /// The area's name, or "" for none.
    pub fn area(&self, id: Option<AreaId>) -> &str {
        id.and_then(|id| self.areas.get(&id)).map_or("", String::as_str)
    }
}

/// Names back to ids, for imports: people and areas by name, ignoring case and surrounding
/// spaces. A name that matches nothing, or more than one record, is an error, never a new record.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    people: HashMap<String, Vec<StakeholderId>>,
    areas: HashMap<String, Vec<AreaId>>,
}

fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Lookup {
    pub fn of(project: &Project) -> Lookup {
        let mut lookup = Lookup::default();
        for s in &project.stakeholders {
            lookup.people.entry(name_key(&s.name)).or_default().push(s.id);
        }
        for a in &project.areas {
            lookup.areas.entry(name_key(&a.name)).or_default().push(a.id);
        }
        lookup
    }

    /// The person named `name`; a blank cell is nobody.
    pub fn person(&self, name: &str, what: &str) -> Result<Option<StakeholderId>, String> {
        resolve(&self.people, name, what, "stakeholder")
    }

    /// The area named `name`; a blank cell is none.
    pub fn area(&self, name: &str) -> Result<Option<AreaId>, String> {
        resolve(&self.areas, name, "area", "area")
    }
}

fn resolve<T: Copy>(map: &HashMap<String, Vec<T>>, name: &str, what: &str, noun: &str) -> Result<Option<T>, String> {
    if name.trim().is_empty() {
        return Ok(None);
    }
    match map.get(&name_key(name)).map(Vec::as_slice) {
        Some([one]) => Ok(Some(*one)),
        Some(many) if many.len() > 1 => Err(format!(
            "{what} \"{}\" matches {} {noun}s; rename one of them first",
            name.trim(),
            many.len()
        )),
        _ => Err(format!("{what} \"{}\" matches no {noun} in the project", name.trim())),
    }
}

/// A date as Steward writes it (2027-03-31), or as a workbook cell read back gives it.
pub fn parse_date(text: &str, what: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let day = text.split(['T', ' ']).next().unwrap_or(text);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%d.%m.%Y"))
        .map(Some)
        .map_err(|_| format!("{what} \"{text}\" is not a date like 2027-03-31"))
}

pub fn parse_choice<T: Choice>(text: &str, what: &str) -> Result<Option<T>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    T::parse_loose(text.trim()).map(Some).ok_or_else(|| {
        let labels: Vec<_> = T::ALL.iter().map(|v| v.label()).collect();
        format!("{what} \"{}\" is not one of {}", text.trim(), labels.join(", "))
    })
}
