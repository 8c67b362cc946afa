//! `steward minutes`: a meeting's minutes as a self-contained HTML page, as File › Export ›
//! Meeting minutes writes them. Without `--meeting`, the latest meeting held.

use std::path::Path;
use std::process::ExitCode;

use super::{clean, fail, say, shown_path};
use crate::interop::minutes::html_minutes;
use crate::interop::report::ReportOptions;
use crate::model::{MeetingId, Project, meeting};
use crate::storage;

pub(super) fn minutes(file: &Path, out: &Path, which: Option<&str>, hide_names: bool) -> ExitCode {
    if let Err(refused) = super::export::check_out(file, out) {
        return refused;
    }
    let (project, _, _) = match storage::read_project(file) {
        Ok(read) => read,
        Err(err) => return fail(err, 1),
    };
    let today = chrono::Local::now().date_naive();
    let Some(id) = find(&project, which, today) else {
        let known: Vec<String> = project
            .meetings
            .iter()
            .map(|m| format!("{} (id {})", clean(&m.describe()), m.id))
            .collect();
        let why = match which {
            Some(which) => format!("there is no meeting \"{}\"", clean(which)),
            None => "it has no meetings".into(),
        };
        let list = if known.is_empty() {
            String::new()
        } else {
            format!(" Its meetings: {}.", known.join("; "))
        };
        return fail(format!("{}: {why}.{list}", shown_path(file)), 1);
    };
    let html = html_minutes(&project, id, today, ReportOptions { hide_names }).expect("the meeting exists");
    match storage::atomic_write(out, html.as_bytes()) {
        Ok(()) => {
            say(&format!("Wrote {}.", shown_path(out)));
            ExitCode::SUCCESS
        }
        Err(err) => fail(err, 1),
    }
}

/// The meeting named by its id or its title (ignoring case), or the latest one held.
fn find(project: &Project, which: Option<&str>, today: chrono::NaiveDate) -> Option<MeetingId> {
    let Some(which) = which.map(str::trim) else {
        return meeting::latest_meeting(project, today);
    };
    let by_id = which
        .parse::<u64>()
        .ok()
        .map(MeetingId)
        .filter(|id| project.meeting(*id).is_some());
    by_id.or_else(|| {
        project
            .meetings
            .iter()
            .find(|m| m.title.trim().eq_ignore_ascii_case(which))
            .map(|m| m.id)
    })
}
