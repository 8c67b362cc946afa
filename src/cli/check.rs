//! `steward check`: validate a file, print a summary, the findings and exit readiness.

use std::path::Path;
use std::process::ExitCode;

use crate::storage;

pub(super) fn check(file: &Path) -> ExitCode {
    match storage::read_project(file) {
        Ok((project, header, _)) => {
            println!("{}", summary(&project, &header, file));
            println!("{}", insight(&project, chrono::Local::now().date_naive()));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// Findings and exit readiness as plain text, for scheduled jobs on the shared drive.
pub fn insight(project: &crate::model::Project, today: chrono::NaiveDate) -> String {
    use crate::model::{findings, readiness};
    let found = findings::findings(project, today);
    let ready = readiness::readiness(project, today);
    let verdict = readiness::exit_verdict(project, &ready, &found);
    let mut out = format!("\nFindings: {}\n", found.len());
    for f in &found {
        out.push_str(&format!("  [{}] {} ({})\n", f.severity.label(), f.title, f.rule.name()));
    }
    out.push_str(&format!("\nExit readiness: {:.0}% overall", ready.overall));
    if let Some(days) = ready.days_to_exit {
        out.push_str(&format!(", {days} days to the exit date"));
    }
    out.push('\n');
    for area in &ready.areas {
        out.push_str(&format!(
            "  {:<28} {:>3.0}%  ({} of {} run by staff)\n",
            area.name, area.percent, area.handed_over, area.items
        ));
    }
    out.push_str(&testing_text(project, &ready.testing));
    out.push_str(&format!("\nVerdict: {}\n", if verdict.go { "GO" } else { "NO-GO" }));
    for c in &verdict.criteria {
        out.push_str(&format!(
            "  {} {}: {}\n",
            if c.passed { "pass" } else { "FAIL" },
            c.label,
            c.detail
        ));
    }
    out
}

/// Acceptance testing per area: standing of the scenarios and the sign-off.
pub fn testing_text(project: &crate::model::Project, testing: &[crate::model::testing::AreaTesting]) -> String {
    let plan = &project.testing;
    let mut out = format!(
        "\nAcceptance testing: {} scenario(s), {} round(s), {} result(s)\n",
        plan.scenarios.len(),
        plan.rounds.len(),
        plan.results.len()
    );
    for area in testing {
        let sign_off = match (&area.signed_off, &area.withdrawn) {
            (Some((by, date)), _) => {
                let name = project.stakeholder(*by).map_or("?", |s| s.name.as_str());
                format!("signed off by {name} on {date}")
            }
            (None, Some(w)) => format!("sign-off withdrawn on {}: {}", w.date, w.reason),
            (None, None) if area.ready => "ready for sign-off".into(),
            (None, None) => "not ready for sign-off".into(),
        };
        out.push_str(&format!(
            "  {:<28} {:>3} passed {:>3} failed {:>3} blocked {:>3} not run  {sign_off}\n",
            area.name, area.passed, area.failed, area.blocked, area.not_run
        ));
    }
    out
}

/// A short summary of a valid project, as printed by `steward check`.
pub fn summary(project: &crate::model::Project, header: &storage::FileHeader, file: &Path) -> String {
    let done = project.kickoff.iter().filter(|k| k.is_done()).count();
    let alone = project
        .handover
        .iter()
        .filter(|h| h.stage == crate::model::Stage::StaffAlone)
        .count();
    format!(
        "{}: valid (format {})\nProject: {}\nStakeholders: {}\nAreas: {}\nKickoff items: {} ({} done)\nHand-over items: {} ({} run by staff alone)\nTest scenarios: {}",
        file.display(),
        header.format_version,
        project.details.name,
        project.stakeholders.len(),
        project.areas.len(),
        project.kickoff.len(),
        done,
        project.handover.len(),
        alone,
        project.testing.scenarios.len(),
    )
}
