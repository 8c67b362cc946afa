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

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::enums::Choice;
use crate::model::ids::{AreaId, ResultId, RoundId, ScenarioId, StakeholderId};
use crate::model::project::Extra;

mod rules;
mod sign_off;

pub use rules::*;
pub use sign_off::*;

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

impl TestResult {
    /// A result with no date, runner, note or defect reference yet.
    pub fn new(id: ResultId, scenario: ScenarioId, round: RoundId, status: TestStatus) -> TestResult {
        TestResult {
            id,
            scenario,
            round,
            status,
            date: None,
            run_by: None,
            note: String::new(),
            defect: String::new(),
            extra: Extra::new(),
        }
    }
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
    use serde::{Deserializer, de::Error};

    fn parse<E: Error>(text: &str) -> Result<NaiveDate, E> {
        // The form Steward writes, read directly (a file has tens of thousands of results);
        // anything else goes through chrono, which gives the same date or refuses it.
        if let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *text.as_bytes()
            && [y1, y2, y3, y4, m1, m2, d1, d2].iter().all(u8::is_ascii_digit)
        {
            let n = |digits: &[u8]| digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
            if let Some(date) = NaiveDate::from_ymd_opt(n(&[y1, y2, y3, y4]) as i32, n(&[m1, m2]), n(&[d1, d2])) {
                return Ok(date);
            }
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            E::custom(format!(
                "\"{text}\" is not a date: write dates as year-month-day, like 2026-03-31"
            ))
        })
    }

    /// A date's text, without copying it.
    struct DateText;

    impl serde::de::Visitor<'_> for DateText {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: Error>(self, text: &str) -> Result<NaiveDate, E> {
            parse(text)
        }
    }

    struct MaybeDate;

    impl<'de> serde::de::Visitor<'de> for MaybeDate {
        type Value = Option<NaiveDate>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(DateText).map(Some)
        }
    }

    pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(DateText)
    }

    pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(MaybeDate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::enums::Raci;
    use crate::model::project::Project;
    use crate::model::{Area, Side, Stakeholder, apply, validate};

    /// The direct reading of year-month-day gives what chrono gives, and refuses what it refuses.
    #[test]
    fn dates_read_directly_agree_with_chrono() {
        for text in [
            "2026-03-31",
            "2026-02-29",
            "2028-02-29",
            "0000-01-01",
            "9999-12-31",
            "2026-13-01",
            "2026-00-10",
            "2026-3-5",
            "26-03-31",
            "2026-03-31 ",
            "+2026-03-31",
            "2026/03/31",
            "",
        ] {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            let ours = plain_date::required(serde_json::Value::String(text.into())).ok();
            assert_eq!(ours, chrono, "{text:?}");
        }
    }

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
