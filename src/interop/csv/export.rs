//! CSV exports of the lists, written from the same column definitions the tables use.
//!
//! Every cell goes through [`neutralise`], so a name such as `=HYPERLINK(…)` is shown as text,
//! never run as a formula. Names are looked up once per export, so an export takes time in
//! proportion to the list. With `hide_names`, people appear by role or initials, and the
//! columns that could name someone (contact, notes) are left empty.

use super::table::{finish, neutralise, writer};
use crate::model::columns::{Listed, Names};
use crate::model::{HandoverItem, KickoffItem, Project, Stakeholder};

/// How an export treats people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// People by role or initials; no contact details or notes.
    pub hide_names: bool,
}

/// Every record of one list, one row each, with the list's exported columns.
pub fn export_list<R: Listed>(project: &Project, options: CsvOptions) -> Vec<u8> {
    let names = if options.hide_names {
        Names::hiding(project)
    } else {
        Names::of(project)
    };
    let columns: Vec<_> = R::columns().iter().filter(|c| c.exported).collect();
    let mut w = writer();
    w.write_record(columns.iter().map(|c| neutralise(c.header_in_export()).into_owned()))
        .expect("in memory");
    for record in R::rows(project) {
        w.write_record(columns.iter().map(|c| {
            if options.hide_names && c.private {
                String::new()
            } else {
                neutralise(&(c.text)(record, &names)).into_owned()
            }
        }))
        .expect("in memory");
    }
    finish(w)
}

pub fn export_stakeholders(project: &Project) -> Vec<u8> {
    export_list::<Stakeholder>(project, CsvOptions::default())
}

pub fn export_stakeholders_with(project: &Project, options: CsvOptions) -> Vec<u8> {
    export_list::<Stakeholder>(project, options)
}

pub fn export_kickoff(project: &Project) -> Vec<u8> {
    export_list::<KickoffItem>(project, CsvOptions::default())
}

pub fn export_kickoff_with(project: &Project, options: CsvOptions) -> Vec<u8> {
    export_list::<KickoffItem>(project, options)
}

pub fn export_handover(project: &Project) -> Vec<u8> {
    export_list::<HandoverItem>(project, CsvOptions::default())
}

pub fn export_handover_with(project: &Project, options: CsvOptions) -> Vec<u8> {
    export_list::<HandoverItem>(project, options)
}
