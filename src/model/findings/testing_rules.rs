//! The acceptance-testing rules of the findings engine.

use crate::model::enums::Choice;
use crate::model::ids::{AreaId, RecordKey, StakeholderId};
use crate::model::people::Phrase;
use crate::model::project::Project;
use crate::model::testing::{Scenario, TestIndex, TestResult, TestStatus};
use chrono::NaiveDate;
use std::collections::HashSet;

use super::per_area::PerArea;
use super::*;

/// How close (in days) go-live or the exit date must be for the testing rules that watch them.
pub const NEAR_DAYS: i64 = 14;

/// The rules checked for each scenario, in the order of the `broken` flags below.
const SCENARIO_RULES: [Rule; 4] = [
    Rule::MustPassNotPassing,
    Rule::TesterNotStaff,
    Rule::RunOnlyByConsultants,
    Rule::DefectOpenNearExit,
];

/// The finding for one scenario breaking `rule`.
fn one(rule: Rule, scenario: &Scenario, latest: Option<&TestResult>) -> Phrase {
    let title = &scenario.title;
    let standing = latest.map_or(TestStatus::NotRun, |r| r.status);
    match rule {
        Rule::MustPassNotPassing => {
            let how = match standing {
                TestStatus::NotRun => "has not been run".to_string(),
                other => format!("is {}", other.label().to_lowercase()),
            };
            Phrase::text(format!("Must-pass scenario \"{title}\" {how} and go-live is near"))
        }
        Rule::TesterNotStaff => {
            let phrase = Phrase::text(format!("\"{title}\" is tested by "));
            match scenario.tester {
                Some(tester) => phrase.person(tester),
                None => phrase.and("someone"),
            }
            .and(", who is not internal staff")
        }
        Rule::RunOnlyByConsultants => Phrase::text(format!("\"{title}\" was run only by consultants or the vendor")),
        _ => {
            let defect = latest.map_or("", |r| r.defect.trim());
            let reference = if defect.is_empty() {
                String::new()
            } else {
                format!(" (defect {defect})")
            };
            Phrase::text(format!(
                "\"{title}\" still fails{reference} and the consultants leave soon"
            ))
        }
    }
}

/// The one finding for `count` scenarios of an area breaking `rule`.
fn grouped(rule: Rule, count: usize, place: &str) -> String {
    match rule {
        Rule::MustPassNotPassing => format!("{count} must-pass scenarios {place} have not passed and go-live is near"),
        Rule::TesterNotStaff => format!("{count} scenarios {place} are tested by people who are not internal staff"),
        Rule::RunOnlyByConsultants => format!("{count} scenarios {place} were run only by consultants or the vendor"),
        _ => format!("{count} scenarios {place} still fail and the consultants leave soon"),
    }
}

pub(super) fn testing_findings(
    project: &Project,
    today: NaiveDate,
    add: &mut impl FnMut(Rule, Phrase, Option<RecordKey>),
    index: &TestIndex,
) {
    let internal = |id: StakeholderId| index.is_internal(id);
    let plan = &project.testing;
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
    let mut with_scenarios: IdMap<AreaId, ()> = IdMap::default();
    let mut hits: PerArea<'_, { SCENARIO_RULES.len() }> = PerArea::new(project);
    for (position, scenario) in plan.scenarios.iter().enumerate() {
        let latest = index.latest(scenario.id);
        let standing = latest.map_or(TestStatus::NotRun, |r| r.status);
        if let Some(area) = scenario.area {
            with_scenarios.insert(area, ());
            if scenario.must_pass && standing == TestStatus::Failed && signed.contains(&area) {
                failing_signed.insert(area);
            }
        }
        let broken = [
            scenario.must_pass && go_live_near && standing != TestStatus::Passed,
            scenario.tester.is_some_and(|t| !internal(t)),
            index.run_only_externally(scenario.id),
            exit_near && standing == TestStatus::Failed,
        ];
        for (rule, broken) in broken.into_iter().enumerate() {
            if broken {
                hits.hit(scenario.area, rule, position);
            }
        }
    }
    let one = |rule, position: usize| {
        let scenario = &plan.scenarios[position];
        (
            one(rule, scenario, index.latest(scenario.id)),
            RecordKey::Scenario(scenario.id),
        )
    };
    hits.report(SCENARIO_RULES, add, one, grouped);
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
        if !with_scenarios.contains_key(&area.id) {
            add(
                Rule::AreaWithoutScenarios,
                Phrase::text(format!("\"{}\" has no test scenarios", area.name)),
                Some(RecordKey::Area(area.id)),
            );
        }
    }
}
