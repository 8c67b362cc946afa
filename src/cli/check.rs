//! `steward check`: validate a file, print a summary, the findings and exit readiness.
//!
//! Everything printed that comes from the file (names, titles) is escaped, so a name holding
//! line breaks or escape sequences cannot forge a line or colour the terminal. Long lists are
//! cut short unless `--verbose` is given.

use std::path::Path;
use std::process::ExitCode;

use super::{clean, complain, say, shown_path};
use crate::model::readiness::{summarise, thousands};
use crate::storage;

/// How many findings and areas are listed before the rest is summarised.
pub const LIST_LIMIT: usize = 25;

pub(super) fn check(file: &Path, verbose: bool) -> ExitCode {
    match report(file, verbose) {
        Ok(text) => {
            say(&text);
            ExitCode::SUCCESS
        }
        Err(err) => {
            complain(&err.to_string());
            ExitCode::FAILURE
        }
    }
}

/// Everything `steward check` prints for a valid file: the summary, the findings and exit
/// readiness (also what the reload benchmark compares itself with).
pub fn report(file: &Path, verbose: bool) -> Result<String, storage::LoadError> {
    let (project, header, _) = storage::read_project(file)?;
    let summary = summary(&project, &header, file);
    let insight = insight_with(&project, chrono::Local::now().date_naive(), verbose);
    Ok(format!("{summary}\n{insight}"))
}

/// Findings and exit readiness as plain text, for scheduled jobs on the shared drive, in full.
pub fn insight(project: &crate::model::Project, today: chrono::NaiveDate) -> String {
    insight_with(project, today, true)
}

/// A line saying how many more there are, when a list was cut short.
fn more_line(total: usize, limit: usize, what: &str) -> String {
    format!(
        "  … and {} more {what} (--verbose lists them all)\n",
        thousands(total - limit)
    )
}

/// [`insight`], with long lists cut short unless `verbose`.
pub fn insight_with(project: &crate::model::Project, today: chrono::NaiveDate, verbose: bool) -> String {
    use crate::model::{findings, readiness};
    let index = crate::model::testing::TestIndex::new(project);
    let found = findings::findings_with(project, today, &index);
    let ready = readiness::readiness_with(project, today, &index);
    let verdict = readiness::exit_verdict(project, &ready, &found);
    let limit = if verbose { usize::MAX } else { LIST_LIMIT };
    let mut out = format!("\nFindings: {}\n", found.len());
    let names = crate::model::columns::Names::of(project);
    for f in found.iter().take(limit) {
        out.push_str(&format!(
            "  [{}] {} ({})\n",
            f.severity.label(),
            clean(&f.title_in(&names)),
            f.rule.name()
        ));
    }
    if found.len() > limit {
        out.push_str(&more_line(found.len(), limit, "findings"));
    }
    out.push_str(&format!("\nExit readiness: {:.0}% overall", ready.overall));
    if let Some(days) = ready.days_to_exit {
        out.push_str(&format!(", {days} days to the exit date"));
    }
    out.push('\n');
    for area in ready.areas.iter().take(limit) {
        out.push_str(&format!(
            "  {:<28} {:>3.0}%  ({} of {} run by staff)\n",
            clean(&area.name),
            area.percent,
            area.handed_over,
            area.items
        ));
    }
    if ready.areas.len() > limit {
        out.push_str(&more_line(ready.areas.len(), limit, "areas"));
    }
    out.push_str(&testing_text(project, &ready.testing, limit));
    out.push_str(&format!("\nVerdict: {}\n", if verdict.go { "GO" } else { "NO-GO" }));
    for c in &verdict.criteria {
        let detail = if verbose && !c.items.is_empty() {
            format!("Behind: {}", summarise(&c.items, usize::MAX))
        } else {
            c.detail.clone()
        };
        out.push_str(&format!(
            "  {} {}: {}\n",
            if c.passed { "pass" } else { "FAIL" },
            c.label,
            clean(&detail)
        ));
    }
    out
}

/// Acceptance testing per area: standing of the scenarios and the sign-off.
pub fn testing_text(
    project: &crate::model::Project,
    testing: &[crate::model::testing::AreaTesting],
    limit: usize,
) -> String {
    let plan = &project.testing;
    let mut out = format!(
        "\nAcceptance testing: {} scenario(s), {} round(s), {} result(s)\n",
        plan.scenarios.len(),
        plan.rounds.len(),
        plan.results.len()
    );
    for area in testing.iter().take(limit) {
        let sign_off = match (&area.signed_off, &area.withdrawn) {
            (Some((by, date)), _) => {
                let name = project.stakeholder(*by).map_or("?", |s| s.name.as_str());
                format!("signed off by {} on {date}", clean(name))
            }
            (None, Some(w)) => format!("sign-off withdrawn on {}: {}", w.date, clean(&w.reason)),
            (None, None) if area.ready => "ready for sign-off".into(),
            (None, None) => "not ready for sign-off".into(),
        };
        out.push_str(&format!(
            "  {:<28} {:>3} passed {:>3} failed {:>3} blocked {:>3} not run  {sign_off}\n",
            clean(&area.name),
            area.passed,
            area.failed,
            area.blocked,
            area.not_run
        ));
    }
    if testing.len() > limit {
        out.push_str(&more_line(testing.len(), limit, "areas"));
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
        shown_path(file),
        header.format_version,
        clean(&project.details.name),
        project.stakeholders.len(),
        project.areas.len(),
        project.kickoff.len(),
        done,
        project.handover.len(),
        alone,
        project.testing.scenarios.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Area, AreaId, template};

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_name_cannot_forge_a_verdict_line_or_colour_the_terminal() {
        let mut p = template::standard();
        p.details.name = "Plan\nVerdict: GO\n\u{1b}[32mall green\u{202E}".into();
        p.areas[0].name = "Events\r\nVerdict: GO".into();
        let header = storage::FileHeader {
            format_version: 1,
            revision: String::new(),
            saved_by: None,
            ..Default::default()
        };
        let text = format!(
            "{}\n{}",
            summary(&p, &header, Path::new("p\n.json")),
            insight_with(&p, today(), false)
        );
        assert_eq!(text.lines().filter(|l| l.starts_with("Verdict:")).count(), 1, "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202E}') && !text.contains('\r'),
            "{text}"
        );
        assert!(
            text.contains("Project: Plan\\nVerdict: GO\\n\\u{001B}[32mall green\\u{202E}"),
            "{text}"
        );
    }

    #[test]
    fn thousands_of_areas_behind_are_summarised_unless_verbose() {
        let mut p = template::standard();
        p.areas = (0..10_000)
            .map(|i| Area {
                id: AreaId(1_000_000 + i),
                name: format!("Area {i}"),
                key: false,
                description: String::new(),
                raci: Vec::new(),
                extra: Default::default(),
            })
            .collect();
        p.handover.clear();
        let short = insight_with(&p, today(), false);
        assert!(short.lines().count() < 100, "{} lines", short.lines().count());
        let verdict = short.lines().find(|l| l.contains("Behind:")).unwrap();
        assert!(verdict.contains("… and 9,990 more"), "{verdict}");
        assert!(
            short.contains("… and 9,975 more areas (--verbose lists them all)"),
            "{short}"
        );
        let full = insight_with(&p, today(), true);
        let verdict = full.lines().find(|l| l.contains("Behind:")).unwrap();
        assert!(verdict.contains("Area 9999 0%") && !verdict.contains("more"));
        assert!(full.contains("  Area 9999 "));
    }
}
