//! The acceptance-testing rules of the findings engine.

use crate::model::enums::Choice;
use crate::model::ids::{AreaId, RecordKey, StakeholderId};
use crate::model::people::Phrase;
use crate::model::project::{Area, Project, Stakeholder};
use crate::model::testing::{Scenario, TestIndex, TestResult, TestStatus};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

use super::*;

/// How close (in days) go-live or the exit date must be for the testing rules that watch them.
pub const NEAR_DAYS: i64 = 14;

/// More scenarios than this in one area breaking one rule are one finding for the area (with
/// the count), which the owner opens to see them: a long list of near-identical lines hides
/// the other findings, and costs time on every change.
pub const GROUP_ABOVE: usize = 5;

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

/// The one finding for `count` scenarios of an area (or of no area) breaking `rule`.
fn grouped(rule: Rule, count: usize, area: Option<&Area>) -> (Phrase, Option<RecordKey>) {
    let place = area.map_or("without an area".to_string(), |a| format!("in \"{}\"", a.name));
    let text = match rule {
        Rule::MustPassNotPassing => format!("{count} must-pass scenarios {place} have not passed and go-live is near"),
        Rule::TesterNotStaff => format!("{count} scenarios {place} are tested by people who are not internal staff"),
        Rule::RunOnlyByConsultants => format!("{count} scenarios {place} were run only by consultants or the vendor"),
        _ => format!("{count} scenarios {place} still fail and the consultants leave soon"),
    };
    (Phrase::text(text), area.map(|a| RecordKey::Area(a.id)))
}

pub(super) fn testing_findings(
    project: &Project,
    today: NaiveDate,
    add: &mut impl FnMut(Rule, Phrase, Option<RecordKey>),
    people: &IdMap<StakeholderId, &Stakeholder>,
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
    // The scenarios breaking each per-scenario rule, by area (the last slot: no area), so that
    // an area with many of them gets one finding rather than one line per scenario.
    let area_slot: HashMap<AreaId, usize> = project.areas.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let mut hits: Vec<[Vec<usize>; SCENARIO_RULES.len()]> = vec![Default::default(); project.areas.len() + 1];
    for (position, scenario) in plan.scenarios.iter().enumerate() {
        let latest = index.latest(scenario.id);
        let standing = latest.map_or(TestStatus::NotRun, |r| r.status);
        let slot = scenario
            .area
            .and_then(|a| area_slot.get(&a).copied())
            .unwrap_or(project.areas.len());
        if let Some(area) = scenario.area {
            with_scenarios.insert(area);
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
                hits[slot][rule].push(position);
            }
        }
    }
    for (slot, by_rule) in hits.iter().enumerate() {
        let area = project.areas.get(slot);
        for (rule, positions) in SCENARIO_RULES.iter().zip(by_rule) {
            if positions.len() > GROUP_ABOVE {
                let (phrase, target) = grouped(*rule, positions.len(), area);
                add(*rule, phrase, target);
                continue;
            }
            for &position in positions {
                let scenario = &plan.scenarios[position];
                let latest = index.latest(scenario.id);
                add(
                    *rule,
                    one(*rule, scenario, latest),
                    Some(RecordKey::Scenario(scenario.id)),
                );
            }
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
