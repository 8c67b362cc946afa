//! The acceptance-testing rules of the findings engine.

use crate::model::enums::Choice;
use crate::model::ids::{AreaId, RecordKey, StakeholderId};
use crate::model::people::Phrase;
use crate::model::project::{Project, Stakeholder};
use crate::model::testing::{TestIndex, TestStatus};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

use super::*;

/// How close (in days) go-live or the exit date must be for the testing rules that watch them.
pub const NEAR_DAYS: i64 = 14;

pub(super) fn testing_findings(
    project: &Project,
    today: NaiveDate,
    add: &mut impl FnMut(Rule, Phrase, Option<RecordKey>),
    people: &HashMap<StakeholderId, &Stakeholder>,
) {
    let internal = |id: StakeholderId| people.get(&id).is_some_and(|s| s.side.is_internal());
    let plan = &project.testing;
    let index = TestIndex::new(project);
    let near = |date: Option<NaiveDate>| date.is_some_and(|d| (d - today).num_days() <= NEAR_DAYS);
    let go_live_near = near(project.details.go_live_date);
    let exit_near = near(project.details.exit_date);
    let signed: HashSet<AreaId> = plan
        .sign_offs
        .iter()
        .filter(|s| s.is_active())
        .map(|s| s.area)
        .collect();
    let mut failing_signed: HashSet<AreaId> = HashSet::new();
    let mut with_scenarios: HashSet<AreaId> = HashSet::new();
    for scenario in &plan.scenarios {
        let target = Some(RecordKey::Scenario(scenario.id));
        let latest = index.latest(scenario.id);
        let standing = latest.map_or(TestStatus::NotRun, |r| r.status);
        if let Some(area) = scenario.area {
            with_scenarios.insert(area);
            if scenario.must_pass && standing == TestStatus::Failed && signed.contains(&area) {
                failing_signed.insert(area);
            }
        }
        if scenario.must_pass && go_live_near && standing != TestStatus::Passed {
            let how = match standing {
                TestStatus::NotRun => "has not been run".to_string(),
                other => format!("is {}", other.label().to_lowercase()),
            };
            add(
                Rule::MustPassNotPassing,
                Phrase::text(format!(
                    "Must-pass scenario \"{}\" {how} and go-live is near",
                    scenario.title
                )),
                target,
            );
        }
        if let Some(tester) = scenario.tester
            && !internal(tester)
        {
            add(
                Rule::TesterNotStaff,
                Phrase::text(format!("\"{}\" is tested by ", scenario.title))
                    .person(tester)
                    .and(", who is not internal staff"),
                target,
            );
        }
        if index.run_only_externally(scenario.id) {
            add(
                Rule::RunOnlyByConsultants,
                Phrase::text(format!(
                    "\"{}\" was run only by consultants or the vendor",
                    scenario.title
                )),
                target,
            );
        }
        if exit_near && standing == TestStatus::Failed {
            let defect = latest.map_or("", |r| r.defect.trim());
            let reference = if defect.is_empty() {
                String::new()
            } else {
                format!(" (defect {defect})")
            };
            add(
                Rule::DefectOpenNearExit,
                Phrase::text(format!(
                    "\"{}\" still fails{reference} and the consultants leave soon",
                    scenario.title
                )),
                target,
            );
        }
    }
    for area in &project.areas {
        if failing_signed.contains(&area.id) {
            add(
                Rule::SignedOffFailing,
                Phrase::text(format!(
                    "\"{}\" is signed off but a must-pass scenario fails",
                    area.name
                )),
                Some(RecordKey::Area(area.id)),
            );
        }
        if !with_scenarios.contains(&area.id) {
            add(
                Rule::AreaWithoutScenarios,
                Phrase::text(format!("\"{}\" has no test scenarios", area.name)),
                Some(RecordKey::Area(area.id)),
            );
        }
    }
}
