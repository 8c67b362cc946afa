//! Acceptance testing by staff: test scenarios per area, rounds of testing, the result of each
//! scenario in each round, and the sign-off of each area by its accountable owner.
//!
//! The rules, in one place:
//! - A scenario's **standing** is its latest result other than "not run", taking rounds in the
//!   order they are listed. "Blocked" counts as not passed.
//! - An area is **ready for sign-off** when it has at least one must-pass scenario and every
//!   must-pass scenario's standing is "passed". Nice-to-have scenarios never block it.
//! - Only the area's one Accountable person, who must be internal staff (or a sponsor), signs
//!   it off. A sign-off by the vendor or a consultant is not acceptance.
//! - A failed result for a must-pass scenario that becomes its standing **withdraws** the
//!   sign-off of its area; the withdrawal keeps its date and the reason, and the area must be
//!   signed off again once the scenario passes.

use std::collections::HashMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::edit::{Edit, Record};
use super::enums::{Choice, Raci};
use super::ids::{AreaId, RecordKey, ResultId, RoundId, ScenarioId, StakeholderId};
use super::project::{Extra, Project};

/// Everything about acceptance testing in one project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
pub struct TestPlan {
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// Rounds of testing, in the order they happen.
    #[serde(default)]
    pub rounds: Vec<TestRound>,
    /// One result per scenario and round, for every round that was recorded.
    #[serde(default)]
    pub results: Vec<TestResult>,
    /// At most one per area: the latest sign-off, kept with its withdrawal if it was withdrawn.
    #[serde(default)]
    pub sign_offs: Vec<SignOff>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl TestPlan {
    pub fn is_empty(&self) -> bool {
        self.scenarios.is_empty() && self.rounds.is_empty() && self.results.is_empty() && self.sign_offs.is_empty()
    }

    pub fn scenario(&self, id: ScenarioId) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    pub fn round(&self, id: RoundId) -> Option<&TestRound> {
        self.rounds.iter().find(|r| r.id == id)
    }

    pub fn result(&self, scenario: ScenarioId, round: RoundId) -> Option<&TestResult> {
        self.results.iter().find(|r| r.scenario == scenario && r.round == round)
    }

    pub fn sign_off(&self, area: AreaId) -> Option<&SignOff> {
        self.sign_offs.iter().find(|s| s.area == area)
    }
}

fn default_true() -> bool {
    true
}

/// One business process, proved end to end in the new system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Scenario {
    pub id: ScenarioId,
    #[serde(default)]
    pub area: Option<AreaId>,
    pub title: String,
    /// The business process it proves, such as "renew a lapsed member".
    #[serde(default)]
    pub process: String,
    /// What the tester does, one step a line.
    #[serde(default)]
    pub steps: String,
    /// What must happen for the scenario to pass.
    #[serde(default)]
    pub expected: String,
    /// Must pass before go-live; otherwise it is nice to have.
    #[serde(default = "default_true")]
    pub must_pass: bool,
    /// The staff member who runs it.
    #[serde(default)]
    pub tester: Option<StakeholderId>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Scenario {
    pub fn new(id: ScenarioId, title: impl Into<String>) -> Self {
        Scenario {
            id,
            area: None,
            title: title.into(),
            process: String::new(),
            steps: String::new(),
            expected: String::new(),
            must_pass: true,
            tester: None,
            extra: Extra::new(),
        }
    }
}

/// A round of testing, such as "UAT round 1".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TestRound {
    pub id: RoundId,
    pub name: String,
    #[serde(default, deserialize_with = "plain_date::option")]
    #[schemars(with = "Option<NaiveDate>")]
    pub start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "plain_date::option")]
    #[schemars(with = "Option<NaiveDate>")]
    pub end: Option<NaiveDate>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl TestRound {
    pub fn new(id: RoundId, name: impl Into<String>) -> Self {
        TestRound {
            id,
            name: name.into(),
            start: None,
            end: None,
            extra: Extra::new(),
        }
    }
}

/// What happened when a scenario was run in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum TestStatus {
    #[default]
    NotRun,
    Passed,
    Failed,
    /// It could not be run because something else is broken.
    Blocked,
}

impl Choice for TestStatus {
    const ALL: &'static [Self] = &[
        TestStatus::NotRun,
        TestStatus::Passed,
        TestStatus::Failed,
        TestStatus::Blocked,
    ];
    fn label(self) -> &'static str {
        match self {
            TestStatus::NotRun => "Not run",
            TestStatus::Passed => "Passed",
            TestStatus::Failed => "Failed",
            TestStatus::Blocked => "Blocked",
        }
    }
}

/// One scenario's result in one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TestResult {
    pub id: ResultId,
    pub scenario: ScenarioId,
    pub round: RoundId,
    #[serde(default)]
    pub status: TestStatus,
    /// The day it was run.
    #[serde(default, deserialize_with = "plain_date::option")]
    #[schemars(with = "Option<NaiveDate>")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub run_by: Option<StakeholderId>,
    #[serde(default)]
    pub note: String,
    /// The vendor's defect or ticket reference: a number or a link.
    #[serde(default)]
    pub defect: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The accountable owner's acceptance of an area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SignOff {
    pub area: AreaId,
    pub by: StakeholderId,
    #[serde(deserialize_with = "plain_date::required")]
    #[schemars(with = "NaiveDate")]
    pub date: NaiveDate,
    /// Set when a later failure withdrew the sign-off.
    #[serde(default)]
    pub withdrawn: Option<Withdrawal>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl SignOff {
    pub fn is_active(&self) -> bool {
        self.withdrawn.is_none()
    }
}

/// Why and when a sign-off was withdrawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Withdrawal {
    #[serde(deserialize_with = "plain_date::required")]
    #[schemars(with = "NaiveDate")]
    pub date: NaiveDate,
    pub reason: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Dates read with a message a project owner understands, rather than the parser's.
mod plain_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, de::Error};

    fn parse<E: Error>(text: &str) -> Result<NaiveDate, E> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            E::custom(format!(
                "\"{text}\" is not a date: write dates as year-month-day, like 2026-03-31"
            ))
        })
    }

    pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        parse(&String::deserialize(d)?)
    }

    pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => parse(&text).map(Some),
        }
    }
}

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
        TestIndex { seen, rounds }
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
        let plan = &project.testing;
        let index = TestIndex::new(project);
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
    let internal: IdMap<StakeholderId, ()> = project
        .stakeholders
        .iter()
        .filter(|s| s.side.is_internal())
        .map(|s| (s.id, ()))
        .collect();
    let mut areas: Vec<AreaTesting> = project
        .areas
        .iter()
        .map(|a| AreaTesting {
            area: a.id,
            name: a.name.clone(),
            ..Default::default()
        })
        .collect();
    let position: HashMap<AreaId, usize> = areas.iter().enumerate().map(|(i, a)| (a.area, i)).collect();
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
            } else if !latest
                .and_then(|r| r.run_by)
                .is_some_and(|who| internal.contains_key(&who))
            {
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

/// What keeps an area from being signed off, in plain words; empty when it can be.
pub fn sign_off_blockers(project: &Project, area: AreaId) -> Vec<String> {
    let index = TestIndex::new(project);
    let mut must_pass = 0;
    let mut blockers = Vec::new();
    for scenario in project
        .testing
        .scenarios
        .iter()
        .filter(|s| s.area == Some(area) && s.must_pass)
    {
        must_pass += 1;
        match index.latest(scenario.id) {
            None => blockers.push(format!("\"{}\" has not been run", scenario.title)),
            Some(r) if r.status == TestStatus::Passed => {}
            Some(r) => {
                let round = project.testing.round(r.round).map_or("", |r| r.name.as_str());
                blockers.push(format!(
                    "\"{}\" is {} in {round}",
                    scenario.title,
                    r.status.label().to_lowercase()
                ));
            }
        }
    }
    if must_pass == 0 {
        blockers.push("it has no must-pass scenario yet".into());
    }
    blockers
}

/// The one edit that records the area's sign-off by its accountable owner on `date`.
/// Refuses, saying why, when the area is not ready or the signer may not sign.
pub fn sign_off(project: &Project, area: AreaId, by: StakeholderId, date: NaiveDate) -> Result<Edit, String> {
    let Some(a) = project.area(area) else {
        return Err("that area no longer exists".into());
    };
    let Some(person) = project.stakeholder(by) else {
        return Err("the person signing no longer exists".into());
    };
    if a.role_of(by) != Some(Raci::Accountable) {
        return Err(format!(
            "{} is not Accountable for \"{}\": only the area's accountable owner signs it off",
            person.name, a.name
        ));
    }
    if !person.side.is_internal() {
        return Err(format!(
            "{} is not internal staff: a sign-off by the vendor or a consultant is not acceptance",
            person.name
        ));
    }
    let blockers = sign_off_blockers(project, area);
    if !blockers.is_empty() {
        return Err(format!(
            "\"{}\" is not ready for sign-off: {}",
            a.name,
            summary(&blockers)
        ));
    }
    let record = Record::SignOff(SignOff {
        area,
        by,
        date,
        withdrawn: None,
        extra: project
            .testing
            .sign_off(area)
            .map(|s| s.extra.clone())
            .unwrap_or_default(),
    });
    Ok(if project.testing.sign_off(area).is_some() {
        Edit::Put(record)
    } else {
        Edit::Insert {
            index: usize::MAX,
            record,
        }
    })
}

/// The accountable owner who would sign the area off, or why nobody can.
pub fn signer(project: &Project, area: AreaId) -> Result<StakeholderId, String> {
    let a = project.area(area).ok_or("that area no longer exists")?;
    let accountable: Vec<StakeholderId> = a.holders(Raci::Accountable).collect();
    match accountable.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("nobody is Accountable for \"{}\" to sign it off", a.name)),
        _ => Err(format!("\"{}\" has more than one Accountable; name one first", a.name)),
    }
}

/// The first few items of a list in one line, with how many more there are.
pub fn summary(items: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = items.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
    if items.len() > SHOWN {
        text.push_str(&format!("; and {} more", items.len() - SHOWN));
    }
    text
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
        None => TestResult {
            id: ResultId(project.fresh_id()),
            scenario,
            round,
            status,
            date: None,
            run_by: None,
            note: String::new(),
            defect: String::new(),
            extra: Extra::new(),
        },
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
    let mut edits: Vec<Edit> = project
        .testing
        .results
        .iter()
        .filter(|r| r.scenario == id)
        .map(|r| Edit::Remove(RecordKey::TestResult(r.id)))
        .collect();
    edits.push(Edit::Remove(RecordKey::Scenario(id)));
    Edit::Batch(edits)
}

/// One undoable edit that removes a round with all its results.
pub fn delete_round(project: &Project, id: RoundId) -> Edit {
    let mut edits: Vec<Edit> = project
        .testing
        .results
        .iter()
        .filter(|r| r.round == id)
        .map(|r| Edit::Remove(RecordKey::TestResult(r.id)))
        .collect();
    edits.push(Edit::Remove(RecordKey::Round(id)));
    Edit::Batch(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Area, Side, Stakeholder, apply, validate};

    const ANN: StakeholderId = StakeholderId(1);
    const CAT: StakeholderId = StakeholderId(2);
    const FINANCE: AreaId = AreaId(10);
    const UAT1: RoundId = RoundId(30);
    const UAT2: RoundId = RoundId(31);
    const MONTH_END: ScenarioId = ScenarioId(20);
    const REFUND: ScenarioId = ScenarioId(21);

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, n).unwrap()
    }

    /// Finance, accountable Ann (staff); two must-pass scenarios; two rounds; nothing run yet.
    fn project() -> Project {
        let mut p = Project::default();
        p.stakeholders.push(Stakeholder::new(ANN, "Ann"));
        let mut cat = Stakeholder::new(CAT, "Cat");
        cat.side = Side::Consultant;
        p.stakeholders.push(cat);
        let mut area = Area {
            id: FINANCE,
            name: "Finance".into(),
            key: true,
            description: String::new(),
            raci: vec![],
            extra: Default::default(),
        };
        area.set_role(ANN, Some(Raci::Accountable));
        p.areas.push(area);
        for (id, title) in [(MONTH_END, "Close the month"), (REFUND, "Refund an event registration")] {
            let mut s = Scenario::new(id, title);
            s.area = Some(FINANCE);
            s.tester = Some(ANN);
            p.testing.scenarios.push(s);
        }
        p.testing.rounds.push(TestRound::new(UAT1, "UAT round 1"));
        p.testing.rounds.push(TestRound::new(UAT2, "UAT round 2"));
        p
    }

    fn record(p: &mut Project, s: ScenarioId, r: RoundId, status: TestStatus) -> Option<String> {
        let recorded = record_result(p, s, r, status, Some(ANN), day(10)).unwrap();
        apply(p, recorded.edit).unwrap();
        assert!(validate(p).is_empty(), "{:?}", validate(p));
        recorded.notice
    }

    fn sign(p: &mut Project) -> Result<(), String> {
        let edit = sign_off(p, FINANCE, ANN, day(12))?;
        apply(p, edit).unwrap();
        Ok(())
    }

    #[test]
    fn an_area_is_ready_when_every_must_pass_scenario_passed_in_its_latest_run() {
        let mut p = project();
        assert_eq!(sign_off_blockers(&p, FINANCE).len(), 2);
        record(&mut p, MONTH_END, UAT1, TestStatus::Failed);
        record(&mut p, REFUND, UAT1, TestStatus::Passed);
        let blockers = sign_off_blockers(&p, FINANCE);
        assert_eq!(
            blockers,
            vec!["\"Close the month\" is failed in UAT round 1".to_string()]
        );
        assert!(sign(&mut p).unwrap_err().contains("not ready"));
        // Passing in the later round decides; the refund was not run again and still counts.
        record(&mut p, MONTH_END, UAT2, TestStatus::Passed);
        assert!(sign_off_blockers(&p, FINANCE).is_empty());
        sign(&mut p).unwrap();
        let t = &area_testing(&p)[0];
        assert_eq!(t.signed_off, Some((ANN, day(12))));
        assert!(t.ready && t.accepted_by_staff());
        assert_eq!((t.passed, t.failed, t.not_run), (2, 0, 0));
    }

    #[test]
    fn nice_to_have_scenarios_do_not_block_but_an_area_without_must_pass_is_not_ready() {
        let mut p = project();
        for s in &mut p.testing.scenarios {
            s.must_pass = false;
        }
        assert_eq!(
            sign_off_blockers(&p, FINANCE),
            vec!["it has no must-pass scenario yet".to_string()]
        );
        p.testing.scenarios[0].must_pass = true;
        record(&mut p, MONTH_END, UAT1, TestStatus::Passed);
        record(&mut p, REFUND, UAT1, TestStatus::Failed);
        assert!(sign_off_blockers(&p, FINANCE).is_empty());
    }

    #[test]
    fn blocked_in_the_latest_round_is_not_passed() {
        let mut p = project();
        record(&mut p, MONTH_END, UAT1, TestStatus::Passed);
        record(&mut p, REFUND, UAT1, TestStatus::Passed);
        record(&mut p, REFUND, UAT2, TestStatus::Blocked);
        assert_eq!(sign_off_blockers(&p, FINANCE).len(), 1);
        // "Not run" in a later round does not change the standing.
        record(&mut p, REFUND, UAT2, TestStatus::NotRun);
        assert!(sign_off_blockers(&p, FINANCE).is_empty());
    }

    #[test]
    fn only_the_internal_accountable_owner_signs_off() {
        let mut p = project();
        record(&mut p, MONTH_END, UAT1, TestStatus::Passed);
        record(&mut p, REFUND, UAT1, TestStatus::Passed);
        assert!(
            sign_off(&p, FINANCE, CAT, day(12))
                .unwrap_err()
                .contains("not Accountable")
        );
        p.areas[0].set_role(ANN, None);
        p.areas[0].set_role(CAT, Some(Raci::Accountable));
        assert_eq!(signer(&p, FINANCE), Ok(CAT));
        assert!(
            sign_off(&p, FINANCE, CAT, day(12))
                .unwrap_err()
                .contains("not acceptance")
        );
        p.areas[0].set_role(CAT, None);
        assert!(signer(&p, FINANCE).unwrap_err().contains("nobody is Accountable"));
    }

    #[test]
    fn a_later_failure_withdraws_the_sign_off_and_says_so() {
        let mut p = project();
        record(&mut p, MONTH_END, UAT1, TestStatus::Passed);
        record(&mut p, REFUND, UAT1, TestStatus::Passed);
        sign(&mut p).unwrap();
        let before = p.clone();
        let recorded = record_result(&p, REFUND, UAT2, TestStatus::Failed, Some(ANN), day(14)).unwrap();
        let notice = recorded.notice.clone().unwrap();
        assert!(
            notice.contains("Finance")
                && notice.contains("Refund an event registration")
                && notice.contains("UAT round 2"),
            "{notice}"
        );
        let inverse = apply(&mut p, recorded.edit).unwrap();
        let s = p.testing.sign_off(FINANCE).unwrap();
        assert_eq!(s.withdrawn.as_ref().map(|w| w.date), Some(day(14)));
        let t = &area_testing(&p)[0];
        assert_eq!(t.signed_off, None);
        assert!(!t.ready && t.withdrawn.is_some());
        // One step: undoing the result brings the sign-off back as well.
        apply(&mut p, inverse).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn a_failure_in_an_earlier_round_or_of_a_nice_to_have_keeps_the_sign_off() {
        let mut p = project();
        p.testing.scenarios.push({
            let mut s = Scenario::new(ScenarioId(22), "Export to the ledger");
            s.area = Some(FINANCE);
            s.must_pass = false;
            s
        });
        record(&mut p, MONTH_END, UAT2, TestStatus::Passed);
        record(&mut p, REFUND, UAT2, TestStatus::Passed);
        sign(&mut p).unwrap();
        assert_eq!(
            record(&mut p, MONTH_END, UAT1, TestStatus::Failed),
            None,
            "UAT 2 still decides"
        );
        assert_eq!(
            record(&mut p, ScenarioId(22), UAT2, TestStatus::Failed),
            None,
            "nice to have"
        );
        assert!(p.testing.sign_off(FINANCE).unwrap().is_active());
    }

    #[test]
    fn passes_by_consultants_do_not_count_as_staff_acceptance() {
        let mut p = project();
        for s in [MONTH_END, REFUND] {
            let recorded = record_result(&p, s, UAT1, TestStatus::Passed, Some(CAT), day(10)).unwrap();
            apply(&mut p, recorded.edit).unwrap();
        }
        sign(&mut p).unwrap();
        let t = &area_testing(&p)[0];
        assert!(t.ready && t.signed_off.is_some());
        assert_eq!(t.passed_without_staff, 2);
        assert!(!t.accepted_by_staff());
        let index = TestIndex::new(&p);
        assert!(index.run_only_externally(MONTH_END));
    }

    #[test]
    fn recording_again_in_the_same_round_replaces_the_result() {
        let mut p = project();
        record(&mut p, MONTH_END, UAT1, TestStatus::Failed);
        p.testing.results[0].defect = "VEND-12".into();
        record(&mut p, MONTH_END, UAT1, TestStatus::Passed);
        assert_eq!(p.testing.results.len(), 1);
        assert_eq!(p.testing.results[0].status, TestStatus::Passed);
        assert_eq!(p.testing.results[0].defect, "VEND-12", "the defect reference is kept");
    }

    #[test]
    fn deleting_a_scenario_or_a_round_takes_its_results_and_undoes_whole() {
        let mut p = project();
        record(&mut p, MONTH_END, UAT1, TestStatus::Passed);
        record(&mut p, MONTH_END, UAT2, TestStatus::Passed);
        record(&mut p, REFUND, UAT1, TestStatus::Passed);
        let before = p.clone();
        let inverse = apply(&mut p, delete_scenario(&before, MONTH_END)).unwrap();
        assert_eq!(p.testing.results.len(), 1);
        assert!(validate(&p).is_empty());
        apply(&mut p, inverse).unwrap();
        assert_eq!(p, before);
        apply(&mut p, delete_round(&before, UAT1)).unwrap();
        assert_eq!(p.testing.results.len(), 1);
        assert!(validate(&p).is_empty());
    }

    #[test]
    fn dates_that_are_not_dates_are_refused_in_plain_words() {
        let err = serde_json::from_str::<TestRound>(r#"{"id":1,"name":"UAT","start":"31/03/2026"}"#).unwrap_err();
        assert!(err.to_string().contains("\"31/03/2026\" is not a date"), "{err}");
        let ok: TestRound = serde_json::from_str(r#"{"id":1,"name":"UAT","start":"2026-03-31","end":null}"#).unwrap();
        assert_eq!(ok.start, NaiveDate::from_ymd_opt(2026, 3, 31));
    }
}
