//! CSV exports of the lists, written from the same column definitions the tables use.

use super::table::{finish, writer};
use crate::model::columns::{Listed, Names};
use crate::model::{HandoverItem, KickoffItem, Project, Stakeholder};

/// Every record of one list, one row each, with the list's exported columns.
pub fn export_list<R: Listed>(project: &Project) -> Vec<u8> {
    let names = Names::of(project);
    let columns: Vec<_> = R::columns().iter().filter(|c| c.exported).collect();
    let mut w = writer();
    w.write_record(columns.iter().map(|c| c.header_in_export()))
        .expect("in memory");
    for record in R::rows(project) {
        w.write_record(columns.iter().map(|c| (c.text)(record, &names).into_owned()))
            .expect("in memory");
    }
    finish(w)
}

pub fn export_stakeholders(project: &Project) -> Vec<u8> {
    export_list::<Stakeholder>(project)
}

pub fn export_kickoff(project: &Project) -> Vec<u8> {
    export_list::<KickoffItem>(project)
}

pub fn export_handover(project: &Project) -> Vec<u8> {
    export_list::<HandoverItem>(project)
}
