//! Data computed from the project, recomputed only when the project changes (never per frame).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::view::Selection;
use crate::model::columns::Names;
use crate::model::findings::{Finding, findings_with};
use crate::model::raci_checks::raci_problems;
use crate::model::readiness::{Readiness, Verdict, exit_verdict, readiness_with};
use crate::model::testing::{TestIndex, TestLookup};
use crate::model::{AreaId, Choice, Project, Quadrant, Stage, StakeholderId};

/// How many upcoming items the "due next" list keeps.
pub const DUE_NEXT: usize = 8;

/// Counts shown in the Overview and panel headers.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Counts {
    /// Stakeholders per quadrant, in `Quadrant::ALL` order.
    pub per_quadrant: [usize; 4],
    /// Hand-over items per stage, in `Stage::ALL` order.
    pub per_stage: [usize; 4],
    pub kickoff_done: usize,
    pub kickoff_overdue: usize,
}

/// Something with a date that is still open.
#[derive(Debug, Clone, PartialEq)]
pub struct DueItem {
    pub date: NaiveDate,
    pub text: String,
    pub selection: Selection,
}

/// Lookups the panels need on every frame, rebuilt when the document generation changes.
#[derive(Default)]
pub struct Derived {
    pub generation: u64,
    /// The day the figures were computed for; a new day recomputes them.
    pub today: Option<NaiveDate>,
    /// Names of people and areas by id, for tables and pickers.
    pub names: Names,
    /// Everyone, sorted by name, for person pickers.
    pub people_by_name: Vec<(StakeholderId, String)>,
    pub counts: Counts,
    /// Open kickoff items and unfinished hand-overs, soonest first.
    pub due_next: Vec<DueItem>,
    /// Where ownership is at risk, most severe first.
    pub findings: Vec<Finding>,
    /// Each area's broken RACI rules as short lines (people by name), for the matrix.
    pub raci_warnings: HashMap<AreaId, Vec<String>>,
    pub readiness: Readiness,
    pub verdict: Verdict,
    /// Test results by scenario and round, and each scenario's standing.
    pub tests: TestLookup,
}

impl Derived {
    pub fn refresh(&mut self, project: &Project, generation: u64, today: NaiveDate) {
        if self.generation == generation && self.today == Some(today) {
            return;
        }
        self.generation = generation;
        self.today = Some(today);
        self.names = Names::of(project);
        self.people_by_name = project.stakeholders.iter().map(|s| (s.id, s.name.clone())).collect();
        self.people_by_name.sort_by_cached_key(|(_, n)| n.to_lowercase());
        self.counts = counts(project, today);
        self.due_next = due_next(project);
        // The results indexed once for the findings, readiness and the tests list.
        let index = TestIndex::new(project);
        self.findings = findings_with(project, today, &index);
        self.raci_warnings = raci_warnings(project, &self.names);
        self.readiness = readiness_with(project, today, &index);
        self.verdict = exit_verdict(project, &self.readiness, &self.findings);
        self.tests = TestLookup::with(project, &index);
        super::startup::mark("derived figures");
    }

    /// The stakeholder's name, or an empty string for nobody.
    pub fn name(&self, id: Option<StakeholderId>) -> &str {
        self.names.person(id)
    }
}

fn counts(project: &Project, today: NaiveDate) -> Counts {
    let mut counts = Counts::default();
    for s in &project.stakeholders {
        let q = s.quadrant();
        counts.per_quadrant[Quadrant::ALL.iter().position(|x| *x == q).unwrap_or(0)] += 1;
    }
    for h in &project.handover {
        counts.per_stage[h.stage.rank() as usize] += 1;
    }
    counts.kickoff_done = project.kickoff.iter().filter(|k| k.is_done()).count();
    counts.kickoff_overdue = project.kickoff.iter().filter(|k| k.is_overdue(today)).count();
    counts
}

fn due_next(project: &Project) -> Vec<DueItem> {
    let kickoff = project.kickoff.iter().filter(|k| !k.is_done()).filter_map(|k| {
        k.due.map(|date| DueItem {
            date,
            text: format!("Kickoff: {}", k.text),
            selection: Selection::Kickoff(k.id),
        })
    });
    let handover = project
        .handover
        .iter()
        .filter(|h| h.stage != Stage::StaffAlone)
        .filter_map(|h| {
            h.target.map(|date| DueItem {
                date,
                text: format!("Hand-over: {}", h.skill),
                selection: Selection::Handover(h.id),
            })
        });
    let mut all: Vec<DueItem> = kickoff.chain(handover).collect();
    // Keep only the soonest few: a partial selection, not a full sort of thousands of items.
    if all.len() > DUE_NEXT {
        all.select_nth_unstable_by_key(DUE_NEXT - 1, |d| d.date);
        all.truncate(DUE_NEXT);
    }
    all.sort_by_key(|d| d.date);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Sizes, generate};

    #[test]
    fn due_next_keeps_the_soonest_open_items_in_order() {
        let p = generate(Sizes::uniform(300), 3);
        let due = due_next(&p);
        assert_eq!(due.len(), DUE_NEXT);
        assert!(due.windows(2).all(|w| w[0].date <= w[1].date));
        let latest_kept = due.last().unwrap().date;
        let open_earlier = p
            .kickoff
            .iter()
            .filter(|k| !k.is_done() && k.due.is_some_and(|d| d < latest_kept))
            .count()
            + p.handover
                .iter()
                .filter(|h| h.stage != Stage::StaffAlone && h.target.is_some_and(|d| d < latest_kept))
                .count();
        assert!(open_earlier < DUE_NEXT, "nothing sooner was left out");
    }

    #[test]
    fn counts_add_up() {
        let p = generate(Sizes::uniform(120), 4);
        let c = counts(&p, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(c.per_quadrant.iter().sum::<usize>(), 120);
        assert_eq!(c.per_stage.iter().sum::<usize>(), 120);
        assert!(c.kickoff_done + c.kickoff_overdue <= 120);
    }
}

/// The RACI checks of every area with a problem, worded for a place beside the area.
fn raci_warnings(project: &Project, names: &Names) -> HashMap<AreaId, Vec<String>> {
    let internal: HashSet<StakeholderId> = project
        .stakeholders
        .iter()
        .filter(|s| s.side.is_internal())
        .map(|s| s.id)
        .collect();
    project
        .areas
        .iter()
        .filter_map(|area| {
            let lines: Vec<String> = raci_problems(area, |id| internal.contains(&id))
                .into_iter()
                .map(|problem| problem.phrase(None).render(|id| Cow::Borrowed(names.person(Some(id)))))
                .collect();
            (!lines.is_empty()).then_some((area.id, lines))
        })
        .collect()
}
