//! The testing rules: indexes of results, each area's standing, sign-off and its withdrawal,
//! recording a result as one undoable edit.

use crate::model::edit::{Edit, Record};
use crate::model::ids::{AreaId, RecordKey, ResultId, RoundId, ScenarioId, StakeholderId};
use crate::model::project::{Extra, Project};
use chrono::NaiveDate;
use std::collections::HashMap;

use super::*;

/// A fast hasher for record ids, which are small unique integers: one multiply rather than
/// SipHash, as the test plan is indexed on every change of a project with 50,000 results.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A map keyed by record ids, with [`IdHasher`].
pub type IdMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;

/// What one pass over a scenario's results found.
#[derive(Clone, Copy)]
struct Seen<'a> {
    /// The result in the latest round with a run: it decides the standing.
    latest: &'a TestResult,
    position: usize,
    /// Run at least once by someone named, and by internal staff.
    someone: bool,
    staff: bool,
}

/// Each scenario's standing and who ran it, computed in one pass over the results.
pub struct TestIndex<'a> {
    seen: IdMap<ScenarioId, Seen<'a>>,
    rounds: IdMap<RoundId, usize>,
    /// Staff and sponsors, the people whose runs count as the organization's own.
    internal: IdMap<StakeholderId, ()>,
}

impl<'a> TestIndex<'a> {
    pub fn new(project: &'a Project) -> Self {
        let plan = &project.testing;
        let rounds: IdMap<RoundId, usize> = plan.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let internal: IdMap<StakeholderId, ()> = project
            .stakeholders
            .iter()
            .filter(|s| s.side.is_internal())
            .map(|s| (s.id, ()))
            .collect();
        let mut seen: IdMap<ScenarioId, Seen> = IdMap::default();
        seen.reserve(plan.scenarios.len());
        for result in plan.results.iter().filter(|r| r.status != TestStatus::NotRun) {
            let Some(&position) = rounds.get(&result.round) else {
                continue;
            };
            let someone = result.run_by.is_some();
            let staff = result.run_by.is_some_and(|who| internal.contains_key(&who));
            seen.entry(result.scenario)
                .and_modify(|s| {
                    s.someone |= someone;
                    s.staff |= staff;
                    if s.position < position {
                        s.latest = result;
                        s.position = position;
                    }
                })
                .or_insert(Seen {
                    latest: result,
                    position,
                    someone,
                    staff,
                });
        }
        TestIndex { seen, rounds, internal }
    }

    /// Whether `who` is internal staff (or a sponsor).
    pub fn is_internal(&self, who: StakeholderId) -> bool {
        self.internal.contains_key(&who)
    }

    /// The result that decides where the scenario stands, if it was ever run.
    pub fn latest(&self, scenario: ScenarioId) -> Option<&'a TestResult> {
        self.seen.get(&scenario).map(|s| s.latest)
    }

    /// Passed, failed, blocked, or not run when it never was.
    pub fn standing(&self, scenario: ScenarioId) -> TestStatus {
        self.latest(scenario).map_or(TestStatus::NotRun, |r| r.status)
    }

    /// Run at least once, and only ever by consultants or the vendor.
    pub fn run_only_externally(&self, scenario: ScenarioId) -> bool {
        self.seen.get(&scenario).is_some_and(|s| s.someone && !s.staff)
    }

    pub fn round_position(&self, round: RoundId) -> Option<usize> {
        self.rounds.get(&round).copied()
    }
}

/// Lookups the tests list needs on every frame, built once per change of the project.
#[derive(Debug, Clone, Default)]
pub struct TestLookup {
    /// The position in `results` of each scenario's result in each round.
    pub results: HashMap<(ScenarioId, RoundId), usize, std::hash::BuildHasherDefault<IdHasher>>,
    /// Each scenario's standing (see the module's rules).
    pub standing: IdMap<ScenarioId, TestStatus>,
    /// The last round, in list order, that has any result other than "not run".
    pub latest_round: Option<RoundId>,
    /// Scenarios by standing, in `TestStatus::ALL` order.
    pub counts: [usize; 4],
}

impl TestLookup {
    pub fn of(project: &Project) -> TestLookup {
        TestLookup::with(project, &TestIndex::new(project))
    }

    /// [`TestLookup::of`] with the index already built.
    pub fn with(project: &Project, index: &TestIndex) -> TestLookup {
        let plan = &project.testing;
        let standing: IdMap<ScenarioId, TestStatus> =
            plan.scenarios.iter().map(|s| (s.id, index.standing(s.id))).collect();
        let mut counts = [0; 4];
        for status in standing.values() {
            counts[*status as usize] += 1;
        }
        let results = plan
            .results
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.scenario, r.round), i))
            .collect();
        let latest_round = plan
            .results
            .iter()
            .filter(|r| r.status != TestStatus::NotRun)
            .filter_map(|r| index.round_position(r.round))
            .max()
            .map(|i| plan.rounds[i].id);
        TestLookup {
            results,
            standing,
            latest_round,
            counts,
        }
    }

    pub fn result<'p>(&self, project: &'p Project, scenario: ScenarioId, round: RoundId) -> Option<&'p TestResult> {
        self.results
            .get(&(scenario, round))
            .and_then(|&i| project.testing.results.get(i))
    }

    pub fn standing(&self, scenario: ScenarioId) -> TestStatus {
        self.standing.get(&scenario).copied().unwrap_or_default()
    }
}

/// Testing progress and sign-off of one area, for the Overview, the report and the verdict.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaTesting {
    pub area: AreaId,
    pub name: String,
    pub scenarios: usize,
    pub must_pass: usize,
    /// Scenarios by standing.
    pub passed: usize,
    pub failed: usize,
    pub blocked: usize,
    pub not_run: usize,
    /// Must-pass scenarios whose standing is not "passed".
    pub must_pass_open: usize,
    /// Must-pass scenarios whose passing run was not done by internal staff.
    pub passed_without_staff: usize,
    /// Ready for sign-off: at least one must-pass scenario, and all of them passed.
    pub ready: bool,
    /// The active sign-off: who and when.
    pub signed_off: Option<(StakeholderId, NaiveDate)>,
    /// The last withdrawal, when the area is not signed off now.
    pub withdrawn: Option<Withdrawal>,
}

impl AreaTesting {
    /// Signed off, still ready, and its must-pass scenarios were passed by staff.
    pub fn accepted_by_staff(&self) -> bool {
        self.signed_off.is_some() && self.ready && self.passed_without_staff == 0
    }
}

/// Testing progress per area, in area order.
pub fn area_testing(project: &Project) -> Vec<AreaTesting> {
    let index = TestIndex::new(project);
    area_testing_with(project, &index)
}

pub fn area_testing_with(project: &Project, index: &TestIndex) -> Vec<AreaTesting> {
    let mut areas: Vec<AreaTesting> = project
        .areas
        .iter()
        .map(|a| AreaTesting {
            area: a.id,
            name: a.name.clone(),
            ..Default::default()
        })
        .collect();
    let position: IdMap<AreaId, usize> = areas.iter().enumerate().map(|(i, a)| (a.area, i)).collect();
    for scenario in &project.testing.scenarios {
        let Some(&i) = scenario.area.and_then(|a| position.get(&a)) else {
            continue;
        };
        let area = &mut areas[i];
        area.scenarios += 1;
        let latest = index.latest(scenario.id);
        let standing = latest.map_or(TestStatus::NotRun, |r| r.status);
        match standing {
            TestStatus::Passed => area.passed += 1,
            TestStatus::Failed => area.failed += 1,
            TestStatus::Blocked => area.blocked += 1,
            TestStatus::NotRun => area.not_run += 1,
        }
        if scenario.must_pass {
            area.must_pass += 1;
            if standing != TestStatus::Passed {
                area.must_pass_open += 1;
            } else if !latest.and_then(|r| r.run_by).is_some_and(|who| index.is_internal(who)) {
                area.passed_without_staff += 1;
            }
        }
    }
    for area in &mut areas {
        area.ready = area.must_pass > 0 && area.must_pass_open == 0;
    }
    for sign_off in &project.testing.sign_offs {
        if let Some(&i) = position.get(&sign_off.area) {
            match &sign_off.withdrawn {
                None => areas[i].signed_off = Some((sign_off.by, sign_off.date)),
                Some(w) => areas[i].withdrawn = Some(w.clone()),
            }
        }
    }
    areas
}

/// A result to record, and what recording it did besides.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// One undoable step: the result, plus the withdrawal of a sign-off it breaks.
    pub edit: Edit,
    /// Said to the user when the result withdrew a sign-off.
    pub notice: Option<String>,
}

/// Records `status` for a scenario in a round, run by `by` on `date` (keeping the note and
/// defect reference already there), and withdraws the area's sign-off when a must-pass
/// scenario now stands failed.
pub fn record_result(
    project: &Project,
    scenario: ScenarioId,
    round: RoundId,
    status: TestStatus,
    by: Option<StakeholderId>,
    date: NaiveDate,
) -> Result<Recorded, String> {
    let existing = project.testing.result(scenario, round);
    let mut result = match existing {
        Some(r) => r.clone(),
        None => TestResult::new(ResultId(project.fresh_id()), scenario, round, status),
    };
    result.status = status;
    if status == TestStatus::NotRun {
        result.date = None;
    } else {
        result.date = Some(date);
        result.run_by = by.or(result.run_by);
    }
    put_result(project, result, date)
}

/// Puts a whole result (new or changed) and withdraws a sign-off it breaks; see [`record_result`].
pub fn put_result(project: &Project, result: TestResult, today: NaiveDate) -> Result<Recorded, String> {
    let plan = &project.testing;
    let scenario = plan
        .scenario(result.scenario)
        .ok_or_else(|| format!("scenario id {} does not exist", result.scenario))?;
    let round = plan
        .round(result.round)
        .ok_or_else(|| format!("round id {} does not exist", result.round))?;
    let exists = plan.results.iter().any(|r| r.id == result.id);
    let mut notice = None;
    let mut edits = Vec::new();
    if result.status == TestStatus::Failed
        && scenario.must_pass
        && let Some(area) = scenario.area
        && let Some(signed) = plan.sign_off(area).filter(|s| s.is_active())
        && becomes_standing(project, &result)
    {
        let area_name = project.area(area).map_or("", |a| a.name.as_str());
        let reason = format!("\"{}\" failed in {}", scenario.title, round.name);
        notice = Some(format!("The sign-off of \"{area_name}\" was withdrawn: {reason}."));
        let mut withdrawn = signed.clone();
        withdrawn.withdrawn = Some(Withdrawal {
            date: today,
            reason,
            extra: Extra::new(),
        });
        edits.push(Edit::Put(Record::SignOff(withdrawn)));
    }
    let put = if exists {
        Edit::Put(Record::TestResult(result))
    } else {
        Edit::Insert {
            index: usize::MAX,
            record: Record::TestResult(result),
        }
    };
    let edit = if edits.is_empty() {
        put
    } else {
        edits.insert(0, put);
        Edit::Batch(edits)
    };
    Ok(Recorded { edit, notice })
}

/// Whether this result, once recorded, is the one that decides its scenario's standing.
fn becomes_standing(project: &Project, result: &TestResult) -> bool {
    let index = TestIndex::new(project);
    let Some(position) = index.round_position(result.round) else {
        return false;
    };
    // The latest run in any other round than this one.
    let later_elsewhere = project.testing.results.iter().any(|r| {
        r.scenario == result.scenario
            && r.round != result.round
            && r.status != TestStatus::NotRun
            && index.round_position(r.round).is_some_and(|p| p > position)
    });
    !later_elsewhere
}

/// One undoable edit that removes a scenario with all its results.
pub fn delete_scenario(project: &Project, id: ScenarioId) -> Edit {
    remove_with_results(project, |r| r.scenario == id, RecordKey::Scenario(id))
}

/// One undoable edit that removes a round with all its results.
pub fn delete_round(project: &Project, id: RoundId) -> Edit {
    remove_with_results(project, |r| r.round == id, RecordKey::Round(id))
}

/// Removes the results that belong to `record`, then the record itself, as one step.
fn remove_with_results(project: &Project, belongs: impl Fn(&TestResult) -> bool, record: RecordKey) -> Edit {
    let mut edits: Vec<Edit> = project
        .testing
        .results
        .iter()
        .filter(|r| belongs(r))
        .map(|r| Edit::Remove(RecordKey::TestResult(r.id)))
        .collect();
    edits.push(Edit::Remove(record));
    Edit::Batch(edits)
}
