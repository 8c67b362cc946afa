//! The calendar options of `steward export --format ics`: only one person's items, only open ones.

use crate::interop::ics::{self, CalendarOptions};
use crate::model::Project;
use crate::model::columns::Lookup;
use crate::model::schedule::ScheduleFilter;

use super::export::Options;

/// The calendar's bytes, or why the options do not fit the project (an unknown person).
pub(super) fn calendar(project: &Project, options: &Options) -> Result<Vec<u8>, String> {
    let person = match options.person.as_deref() {
        Some(name) => match Lookup::of(project).person(name, "--person") {
            Ok(Some(id)) => Some(id),
            Ok(None) => None,
            Err(reason) => return Err(reason),
        },
        None => None,
    };
    let options = CalendarOptions {
        filter: ScheduleFilter {
            person,
            open_only: options.open_only,
        },
        hide_names: options.hide_names,
    };
    Ok(ics::calendar(project, options, chrono::Utc::now()))
}
