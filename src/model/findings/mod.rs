//! The rules that tell the owner where ownership is at risk of being outsourced.
//! Each rule looks at the project and produces findings that link to the record concerned.
//! Everything here runs in linear time, so findings can be recomputed on every change.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::NaiveDate;

use super::columns::Names;
use super::enums::{Choice, DocStatus, Quadrant, Raci, Stage};
use super::ids::{AreaId, RecordKey, StakeholderId};
use super::people::Phrase;
use super::project::{HandoverItem, Project};
use super::raci_checks::raci_problems;
use super::testing::{IdMap, TestIndex};
use per_area::PerArea;

mod per_area;
mod testing_rules;

pub use per_area::GROUP_ABOVE;

use testing_rules::testing_findings;

/// How urgent a finding is. Ordered: `High` sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    High,
    Medium,
    Low,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
        }
    }
}

/// One rule. Its order is the order findings of equal severity are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    NoSystemOwner,
    AccountableCount,
    ExternalAccountable,
    HandoverWithoutOwner,
    HandoverOwnedExternally,
    SignedOffFailing,
    MustPassNotPassing,
    TeamMissesKeyArea,
    NoResponsible,
    Overloaded,
    HandoverLate,
    HandedOverUndocumented,
    AreaUntested,
    AreaWithoutScenarios,
    TesterNotStaff,
    RunOnlyByConsultants,
    DefectOpenNearExit,
    EngagementGap,
    KickoffOverdue,
    FollowUpOverdue,
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::NoSystemOwner,
        Rule::AccountableCount,
        Rule::ExternalAccountable,
        Rule::HandoverWithoutOwner,
        Rule::HandoverOwnedExternally,
        Rule::SignedOffFailing,
        Rule::MustPassNotPassing,
        Rule::TeamMissesKeyArea,
        Rule::NoResponsible,
        Rule::Overloaded,
        Rule::HandoverLate,
        Rule::HandedOverUndocumented,
        Rule::AreaUntested,
        Rule::AreaWithoutScenarios,
        Rule::TesterNotStaff,
        Rule::RunOnlyByConsultants,
        Rule::DefectOpenNearExit,
        Rule::EngagementGap,
        Rule::KickoffOverdue,
        Rule::FollowUpOverdue,
    ];

    pub fn severity(self) -> Severity {
        use Rule::*;
        match self {
            NoSystemOwner
            | AccountableCount
            | ExternalAccountable
            | HandoverWithoutOwner
            | HandoverOwnedExternally
            | SignedOffFailing
            | MustPassNotPassing => Severity::High,
            TeamMissesKeyArea
            | NoResponsible
            | Overloaded
            | HandoverLate
            | HandedOverUndocumented
            | AreaUntested
            | AreaWithoutScenarios
            | TesterNotStaff
            | RunOnlyByConsultants
            | DefectOpenNearExit
            | EngagementGap => Severity::Medium,
            KickoffOverdue | FollowUpOverdue => Severity::Low,
        }
    }

    /// A stable short name, for reports and scripts.
    pub fn name(self) -> &'static str {
        use Rule::*;
        match self {
            NoSystemOwner => "no-system-owner",
            AccountableCount => "accountable-count",
            ExternalAccountable => "external-accountable",
            HandoverWithoutOwner => "handover-without-owner",
            HandoverOwnedExternally => "handover-owned-externally",
            TeamMissesKeyArea => "team-misses-key-area",
            NoResponsible => "no-responsible",
            Overloaded => "overloaded",
            HandoverLate => "handover-late",
            HandedOverUndocumented => "handed-over-undocumented",
            AreaUntested => "area-untested",
            SignedOffFailing => "signed-off-failing",
            MustPassNotPassing => "must-pass-not-passing",
            AreaWithoutScenarios => "area-without-scenarios",
            TesterNotStaff => "tester-not-staff",
            RunOnlyByConsultants => "run-only-by-consultants",
            DefectOpenNearExit => "defect-open-near-exit",
            EngagementGap => "engagement-gap",
            KickoffOverdue => "kickoff-overdue",
            FollowUpOverdue => "follow-up-overdue",
        }
    }

    /// Why the rule matters, in one or two sentences.
    pub fn why(self) -> &'static str {
        use Rule::*;
        match self {
            NoSystemOwner => {
                "Without a named owner, each department looks after its own corner after go-live and the system slowly decays."
            }
            AccountableCount => {
                "An area needs exactly one Accountable person: with none nobody signs off, and with two each waits for the other."
            }
            ExternalAccountable => {
                "A consultant or vendor can do the work, but the outcome must be owned by someone who stays after they leave."
            }
            HandoverWithoutOwner => "Nobody inside is lined up to take this over, so it leaves with the consultants.",
            HandoverOwnedExternally => {
                "The person meant to take this over is not on staff, so the knowledge still leaves with them."
            }
            TeamMissesKeyArea => {
                "An ownership team that leaves a key area out turns that area into a silo nobody looks after across departments."
            }
            NoResponsible => "An area where nobody does the work depends on goodwill or on the consultants.",
            Overloaded => {
                "One person holding this much is a single point of failure: one resignation undoes the hand-over."
            }
            HandoverLate => {
                "The target date passed and staff do not yet run this alone; the exit date comes closer either way."
            }
            HandedOverUndocumented => {
                "Staff run it, but without reviewed documentation the knowledge leaves again with the next resignation."
            }
            AreaUntested => {
                "Lack of testing is a leading cause of failed go-lives: someone on staff must test each area first."
            }
            SignedOffFailing => {
                "The area was accepted, but a must-pass scenario now fails: the sign-off no longer says what it seems to."
            }
            MustPassNotPassing => {
                "Go-live is close and this must-pass scenario has not passed: either it gets fixed and retested, or go-live moves."
            }
            AreaWithoutScenarios => {
                "Without test scenarios nobody can show that the area works, and staff have no reason to learn it before go-live."
            }
            TesterNotStaff => {
                "Scenarios that staff run themselves are how they learn the system; a consultant testing it proves little about that."
            }
            RunOnlyByConsultants => {
                "Only consultants or the vendor ran this scenario: it shows the system works, not that the organisation can run it."
            }
            DefectOpenNearExit => {
                "A defect still open when the consultants leave becomes the organisation's to chase, often without the people who knew it."
            }
            EngagementGap => "A powerful person well below the engagement you need is the classic risk to adoption.",
            KickoffOverdue => "Kickoff decisions left open tend to be made later by the consultants, by default.",
            FollowUpOverdue => "A promised follow-up that does not happen costs trust with that stakeholder.",
        }
    }
}

/// One thing the owner should look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// One line naming the record concerned, with people kept as ids: rendered with names or
    /// with names hidden only where it is shown (most findings are never on screen).
    pub text: Phrase,
    /// The record to jump to; `None` for the project as a whole.
    pub target: Option<RecordKey>,
}

impl Finding {
    /// The line as shown with names shown or hidden (for one finding; see [`Finding::title_in`]
    /// for many).
    pub fn shown_title(&self, project: &Project, hide_names: bool) -> String {
        self.text.render_in(project, hide_names)
    }

    /// The line with people as `names` has them (`Names::of` or `Names::hiding`, built once
    /// for many findings).
    pub fn title_in(&self, names: &Names) -> String {
        self.text.render(|id| {
            let name = names.person(Some(id));
            Cow::Borrowed(if name.is_empty() { "someone" } else { name })
        })
    }
}

/// The rules checked for each hand-over item, in the order of the `broken` flags in [`findings_with`].
const HANDOVER_RULES: [Rule; 4] = [
    Rule::HandoverWithoutOwner,
    Rule::HandoverOwnedExternally,
    Rule::HandoverLate,
    Rule::HandedOverUndocumented,
];

/// The finding for one hand-over item breaking `rule`.
fn handover_phrase(rule: Rule, item: &HandoverItem) -> Phrase {
    let skill = &item.skill;
    match (rule, item.internal_owner) {
        (Rule::HandoverWithoutOwner, _) | (Rule::HandoverOwnedExternally, None) => {
            Phrase::text(format!("\"{skill}\" has no internal owner"))
        }
        (Rule::HandoverOwnedExternally, Some(owner)) => Phrase::text(format!("\"{skill}\" is to be taken over by "))
            .person(owner)
            .and(", who is not internal staff"),
        (Rule::HandoverLate, _) => {
            let due = item.target.map(|d| d.to_string()).unwrap_or_default();
            Phrase::text(format!(
                "\"{skill}\" was due {due} and is at \"{}\"",
                item.stage.label()
            ))
        }
        _ => Phrase::text(format!(
            "\"{skill}\" is run by staff but its documentation is {}",
            item.documentation.label().to_lowercase()
        )),
    }
}

/// Every finding for the project as of `today`, most severe first.
pub fn findings(project: &Project, today: NaiveDate) -> Vec<Finding> {
    findings_with(project, today, &TestIndex::new(project))
}

/// [`findings`] with the test index already built (the app builds it once per change for the
/// findings, readiness and the tests list).
pub fn findings_with(project: &Project, today: NaiveDate, index: &TestIndex) -> Vec<Finding> {
    // One bucket per rule: rules are declared most severe first, so concatenating the buckets
    // sorts the findings without a sort, and keeps each rule's findings in record order.
    let mut buckets: Vec<Vec<Finding>> = vec![Vec::new(); Rule::ALL.len()];
    let mut add = |rule: Rule, text: Phrase, target: Option<RecordKey>| {
        buckets[rule as usize].push(Finding {
            rule,
            severity: rule.severity(),
            text,
            target,
        });
    };
    // The test index already holds who is internal, in a compact map.
    let internal = |id: StakeholderId| index.is_internal(id);
    let details = &project.details;

    // Ownership after go-live.
    if details.system_owner.is_none() && details.ownership_team.is_empty() {
        add(
            Rule::NoSystemOwner,
            Phrase::text("No system owner or ownership team is named"),
            None,
        );
    }
    let owners: HashSet<StakeholderId> = details
        .system_owner
        .into_iter()
        .chain(details.ownership_team.iter().copied())
        .collect();
    if !owners.is_empty() {
        for area in project.areas.iter().filter(|a| a.key) {
            let represented = area
                .raci
                .iter()
                .any(|r| matches!(r.role, Raci::Responsible | Raci::Accountable) && owners.contains(&r.stakeholder));
            if !represented {
                add(
                    Rule::TeamMissesKeyArea,
                    Phrase::text(format!(
                        "Nobody in the ownership team is R or A for the key area \"{}\"",
                        area.name
                    )),
                    Some(RecordKey::Area(area.id)),
                );
            }
        }
    }

    // RACI per area.
    let mut load: IdMap<StakeholderId, usize> = IdMap::default();
    for area in &project.areas {
        for id in area.holders(Raci::Accountable) {
            *load.entry(id).or_default() += 1;
        }
        for problem in raci_problems(area, internal) {
            add(
                problem.rule(),
                problem.phrase(Some(&area.name)),
                Some(RecordKey::Area(area.id)),
            );
        }
    }

    // The hand-over plan.
    let mut tested: IdMap<AreaId, ()> = IdMap::default();
    let mut hits: PerArea<'_, { HANDOVER_RULES.len() }> = PerArea::new(project);
    for (position, item) in project.handover.iter().enumerate() {
        let owner = item.internal_owner;
        if let Some(owner) = owner {
            *load.entry(owner).or_default() += 1;
        }
        let broken = [
            owner.is_none(),
            owner.is_some_and(|o| !internal(o)),
            item.is_late(today) && item.target.is_some(),
            item.stage == Stage::StaffAlone && item.documentation != DocStatus::Reviewed,
        ];
        for (rule, broken) in broken.into_iter().enumerate() {
            if broken {
                hits.hit(item.area, rule, position);
            }
        }
        if let (Some(area), Some(tester)) = (item.area, item.tester)
            && internal(tester)
        {
            tested.insert(area, ());
        }
    }
    let one = |rule, position: usize| {
        let item = &project.handover[position];
        (handover_phrase(rule, item), RecordKey::Handover(item.id))
    };
    hits.report(HANDOVER_RULES, &mut add, one, |rule, count, place| match rule {
        Rule::HandoverWithoutOwner => format!("{count} hand-over items {place} have no internal owner"),
        Rule::HandoverOwnedExternally => {
            format!("{count} hand-over items {place} are to be taken over by people who are not internal staff")
        }
        Rule::HandoverLate => {
            format!("{count} hand-over items {place} are past their target date and staff do not yet run them alone")
        }
        _ => format!("{count} hand-over items {place} are run by staff but their documentation is not reviewed"),
    });
    for area in &project.areas {
        if !tested.contains_key(&area.id) {
            add(
                Rule::AreaUntested,
                Phrase::text(format!("Nobody on staff tests \"{}\" before go-live", area.name)),
                Some(RecordKey::Area(area.id)),
            );
        }
    }

    // Acceptance testing.
    testing_findings(project, today, &mut add, index);

    // Load per person, in register order so the output is stable.
    let limit = project.settings.max_load_per_person as usize;
    for person in &project.stakeholders {
        let n = load.get(&person.id).copied().unwrap_or(0);
        if n > limit {
            add(
                Rule::Overloaded,
                Phrase::text("")
                    .person(person.id)
                    .and(format!(" owns {n} areas and hand-over items (more than {limit})")),
                Some(RecordKey::Stakeholder(person.id)),
            );
        }
    }

    // The kickoff checklist.
    for item in project.kickoff.iter().filter(|k| k.is_overdue(today)) {
        // NaiveDate displays as YYYY-MM-DD without parsing a format string each time.
        let due = item.due.map(|d| d.to_string()).unwrap_or_default();
        add(
            Rule::KickoffOverdue,
            Phrase::text(format!("Kickoff item overdue since {due}: \"{}\"", item.text)),
            Some(RecordKey::Kickoff(item.id)),
        );
    }

    // Engagement.
    for person in &project.stakeholders {
        if person.power >= Quadrant::HIGH_FROM && person.engagement_gap() >= 2 {
            add(
                Rule::EngagementGap,
                Phrase::text("").person(person.id).and(format!(
                    " (power {}) is {} but should be {}",
                    person.power,
                    person.engagement_now.label().to_lowercase(),
                    person.engagement_wanted.label().to_lowercase()
                )),
                Some(RecordKey::Stakeholder(person.id)),
            );
        }
        for entry in &person.log {
            if let Some(follow_up) = entry.follow_up
                && !entry.follow_up_done
                && follow_up < today
            {
                add(
                    Rule::FollowUpOverdue,
                    Phrase::text("Follow-up with ")
                        .person(person.id)
                        .and(format!(" was due {follow_up}")),
                    Some(RecordKey::Stakeholder(person.id)),
                );
            }
        }
    }

    // Moved once into a list of the right size (`flatten` cannot tell the size ahead).
    let mut all = Vec::with_capacity(buckets.iter().map(Vec::len).sum());
    for bucket in buckets {
        all.extend(bucket);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::testing_rules::NEAR_DAYS;
    use super::*;
    use crate::model::Stakeholder;
    #[allow(unused_imports)]
    use crate::model::testing::{TestIndex, TestStatus};
    use crate::model::testing::{record_result, sign_off};
    use crate::model::{
        Area, ContactKind, Engagement, HandoverId, HandoverItem, KickoffId, KickoffItem, LogEntry, LogId, RoundId,
        Scenario, ScenarioId, Side, TestRound, apply,
    };

    const ANN: StakeholderId = StakeholderId(1);
    const BEN: StakeholderId = StakeholderId(2);
    const CAT: StakeholderId = StakeholderId(3);
    const FINANCE: AreaId = AreaId(10);

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }
    fn day(offset: i64) -> NaiveDate {
        today() + chrono::Duration::days(offset)
    }

    /// A small project that breaks no rule.
    fn healthy() -> Project {
        let mut p = Project::default();
        for (id, name, side) in [
            (ANN, "Ann", Side::Staff),
            (BEN, "Ben", Side::Staff),
            (CAT, "Cat", Side::Consultant),
        ] {
            let mut s = Stakeholder::new(id, name);
            s.side = side;
            s.power = 4;
            s.engagement_now = Engagement::Supportive;
            s.engagement_wanted = Engagement::Supportive;
            p.stakeholders.push(s);
        }
        let mut area = Area {
            id: FINANCE,
            name: "Finance".into(),
            key: true,
            description: String::new(),
            raci: vec![],
            extra: Default::default(),
        };
        area.set_role(ANN, Some(Raci::Accountable));
        area.set_role(BEN, Some(Raci::Responsible));
        area.set_role(CAT, Some(Raci::Consulted));
        p.areas.push(area);
        p.details.system_owner = Some(ANN);
        p.details.ownership_team = vec![ANN];
        let mut h = HandoverItem::new(HandoverId(20), "Month end");
        h.area = Some(FINANCE);
        h.current_doer = Some(CAT);
        h.internal_owner = Some(BEN);
        h.tester = Some(BEN);
        h.stage = Stage::StaffWithReview;
        h.documentation = DocStatus::Draft;
        h.target = Some(day(30));
        p.handover.push(h);
        let mut k = KickoffItem::new(KickoffId(30), "Agree roles");
        k.due = Some(day(-10));
        k.done_on = Some(day(-12));
        p.kickoff.push(k);
        let mut scenario = Scenario::new(MONTH_END, "Close the month");
        scenario.area = Some(FINANCE);
        scenario.tester = Some(BEN);
        p.testing.scenarios.push(scenario);
        p.testing.rounds.push(TestRound::new(UAT, "UAT round 1"));
        p
    }

    const MONTH_END: ScenarioId = ScenarioId(50);
    const UAT: RoundId = RoundId(60);

    /// Records a result of the month-end scenario in UAT, run by `who`.
    fn ran(p: &mut Project, status: TestStatus, who: StakeholderId) {
        let recorded = record_result(p, MONTH_END, UAT, status, Some(who), day(-1)).unwrap();
        apply(p, recorded.edit).unwrap();
    }

    fn rules(p: &Project) -> Vec<Rule> {
        findings(p, today()).into_iter().map(|f| f.rule).collect()
    }

    fn person(p: &mut Project, id: StakeholderId) -> &mut Stakeholder {
        p.stakeholders.iter_mut().find(|s| s.id == id).unwrap()
    }

    #[test]
    fn a_healthy_project_has_no_findings() {
        assert_eq!(rules(&healthy()), vec![]);
    }

    #[test]
    fn no_system_owner_nor_team() {
        let mut p = healthy();
        p.details.system_owner = None;
        assert_eq!(rules(&p), vec![], "a team alone is enough");
        p.details.ownership_team.clear();
        assert_eq!(rules(&p), vec![Rule::NoSystemOwner]);
    }

    #[test]
    fn ownership_team_missing_a_key_area() {
        let mut p = healthy();
        p.details.system_owner = Some(CAT);
        p.details.ownership_team = vec![CAT];
        let found = findings(&p, today());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].rule, found[0].target),
            (Rule::TeamMissesKeyArea, Some(RecordKey::Area(FINANCE)))
        );
        p.areas[0].key = false;
        assert_eq!(rules(&p), vec![], "only key areas must be represented");
    }

    #[test]
    fn an_area_needs_exactly_one_accountable() {
        let mut p = healthy();
        p.details.ownership_team = vec![ANN, BEN];
        p.areas[0].set_role(ANN, Some(Raci::Informed));
        assert_eq!(rules(&p), vec![Rule::AccountableCount]);
        let mut dee = Stakeholder::new(StakeholderId(4), "Dee");
        dee.engagement_wanted = dee.engagement_now;
        p.stakeholders.push(dee);
        p.areas[0].set_role(ANN, Some(Raci::Accountable));
        p.areas[0].set_role(StakeholderId(4), Some(Raci::Accountable));
        let found = findings(&p, today());
        assert_eq!(
            found.iter().map(|f| f.rule).collect::<Vec<_>>(),
            vec![Rule::AccountableCount]
        );
        assert!(found[0].shown_title(&p, false).contains("2 people"));
    }

    #[test]
    fn an_external_accountable() {
        let mut p = healthy();
        p.areas[0].set_role(ANN, Some(Raci::Consulted));
        p.areas[0].set_role(CAT, Some(Raci::Accountable));
        p.details.ownership_team = vec![ANN, BEN];
        assert_eq!(rules(&p), vec![Rule::ExternalAccountable]);
        person(&mut p, CAT).side = Side::Sponsor;
        assert_eq!(rules(&p), vec![], "a sponsor is internal");
    }

    #[test]
    fn an_area_without_a_responsible() {
        let mut p = healthy();
        p.areas[0].set_role(BEN, Some(Raci::Informed));
        assert_eq!(rules(&p), vec![Rule::NoResponsible]);
    }

    #[test]
    fn a_handover_without_internal_owner() {
        let mut p = healthy();
        p.handover[0].internal_owner = None;
        assert_eq!(rules(&p), vec![Rule::HandoverWithoutOwner]);
        p.handover[0].internal_owner = Some(CAT);
        assert_eq!(rules(&p), vec![Rule::HandoverOwnedExternally]);
    }

    #[test]
    fn one_person_owning_too_much() {
        let mut p = healthy();
        let mut second = p.handover[0].clone();
        second.id = HandoverId(21);
        p.handover.push(second);
        p.settings.max_load_per_person = 2;
        assert_eq!(rules(&p), vec![], "two items is at the limit, not over");
        p.settings.max_load_per_person = 1;
        let found = findings(&p, today());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].rule, found[0].target),
            (Rule::Overloaded, Some(RecordKey::Stakeholder(BEN)))
        );
    }

    #[test]
    fn a_late_handover() {
        let mut p = healthy();
        p.handover[0].target = Some(day(-1));
        assert_eq!(rules(&p), vec![Rule::HandoverLate]);
        p.handover[0].stage = Stage::StaffAlone;
        p.handover[0].documentation = DocStatus::Reviewed;
        assert_eq!(rules(&p), vec![], "handed over in time for today");
    }

    #[test]
    fn handed_over_without_reviewed_documentation() {
        let mut p = healthy();
        p.handover[0].stage = Stage::StaffAlone;
        assert_eq!(rules(&p), vec![Rule::HandedOverUndocumented]);
        p.handover[0].documentation = DocStatus::Reviewed;
        assert_eq!(rules(&p), vec![]);
    }

    #[test]
    fn an_area_nobody_on_staff_tests() {
        let mut p = healthy();
        p.handover[0].tester = Some(CAT);
        assert_eq!(rules(&p), vec![Rule::AreaUntested]);
        p.handover[0].tester = None;
        assert_eq!(rules(&p), vec![Rule::AreaUntested]);
    }

    #[test]
    fn an_area_without_test_scenarios() {
        let mut p = healthy();
        p.testing.scenarios[0].area = None;
        let found = findings(&p, today());
        assert_eq!(
            found.iter().map(|f| (f.rule, f.target)).collect::<Vec<_>>(),
            vec![(Rule::AreaWithoutScenarios, Some(RecordKey::Area(FINANCE)))]
        );
    }

    #[test]
    fn a_must_pass_scenario_not_passing_close_to_go_live() {
        let mut p = healthy();
        p.details.go_live_date = Some(day(NEAR_DAYS + 1));
        assert_eq!(rules(&p), vec![], "go-live is not near yet");
        p.details.go_live_date = Some(day(NEAR_DAYS));
        let found = findings(&p, today());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].rule, found[0].target),
            (Rule::MustPassNotPassing, Some(RecordKey::Scenario(MONTH_END)))
        );
        assert!(found[0].shown_title(&p, false).contains("has not been run"));
        ran(&mut p, TestStatus::Failed, BEN);
        assert_eq!(rules(&p), vec![Rule::MustPassNotPassing]);
        ran(&mut p, TestStatus::Passed, BEN);
        assert_eq!(rules(&p), vec![]);
        ran(&mut p, TestStatus::Failed, BEN);
        p.testing.scenarios[0].must_pass = false;
        assert_eq!(rules(&p), vec![], "a nice-to-have scenario does not hold up go-live");
    }

    #[test]
    fn a_scenario_run_only_by_consultants() {
        let mut p = healthy();
        ran(&mut p, TestStatus::Passed, CAT);
        assert_eq!(rules(&p), vec![Rule::RunOnlyByConsultants]);
        let recorded = record_result(&p, MONTH_END, UAT, TestStatus::Passed, Some(BEN), day(0)).unwrap();
        apply(&mut p, recorded.edit).unwrap();
        assert_eq!(rules(&p), vec![], "staff ran it now");
    }

    #[test]
    fn a_tester_who_is_not_staff() {
        let mut p = healthy();
        p.testing.scenarios[0].tester = Some(CAT);
        let found = findings(&p, today());
        assert_eq!(
            found.iter().map(|f| (f.rule, f.target)).collect::<Vec<_>>(),
            vec![(Rule::TesterNotStaff, Some(RecordKey::Scenario(MONTH_END)))]
        );
        person(&mut p, CAT).side = Side::Sponsor;
        assert_eq!(rules(&p), vec![], "a sponsor is internal");
    }

    #[test]
    fn many_scenarios_of_an_area_breaking_a_rule_are_one_finding_for_the_area() {
        let mut p = healthy();
        p.testing.scenarios[0].tester = Some(CAT);
        let mut next = p.fresh_id();
        let mut add_tested_by_cat = |p: &mut Project, n: usize| {
            for _ in 0..n {
                let mut s = p.testing.scenarios[0].clone();
                s.id = crate::model::ScenarioId(next);
                s.title = format!("Scenario {next}");
                next += 1;
                p.testing.scenarios.push(s);
            }
        };
        add_tested_by_cat(&mut p, GROUP_ABOVE - 1);
        let found = findings(&p, today());
        assert_eq!(found.len(), GROUP_ABOVE, "up to the limit, one line each");
        assert!(found.iter().all(|f| matches!(f.target, Some(RecordKey::Scenario(_)))));
        add_tested_by_cat(&mut p, 1);
        let found = findings(&p, today());
        assert_eq!(
            found.iter().map(|f| (f.rule, f.target)).collect::<Vec<_>>(),
            vec![(Rule::TesterNotStaff, Some(RecordKey::Area(FINANCE)))]
        );
        let n = GROUP_ABOVE + 1;
        assert_eq!(
            found[0].shown_title(&p, false),
            format!("{n} scenarios in \"Finance\" are tested by people who are not internal staff")
        );
        // Once the tester is on staff, the whole group goes.
        person(&mut p, CAT).side = Side::Staff;
        assert_eq!(rules(&p), vec![], "a colleague on staff is fine");
    }

    #[test]
    fn many_late_hand_overs_of_an_area_are_one_finding_for_the_area() {
        let mut p = healthy();
        p.handover[0].target = Some(day(-3));
        let template = p.handover[0].clone();
        let mut next = p.fresh_id();
        for _ in 0..GROUP_ABOVE - 1 {
            p.handover.push(HandoverItem {
                id: crate::model::HandoverId(next),
                ..template.clone()
            });
            next += 1;
        }
        let found = findings(&p, today());
        assert_eq!(found.len(), GROUP_ABOVE, "up to the limit, one line per item");
        assert!(found.iter().all(|f| f.rule == Rule::HandoverLate));
        assert!(found[0].shown_title(&p, false).contains("was due"));
        p.handover.push(HandoverItem {
            id: crate::model::HandoverId(next),
            ..template
        });
        let found = findings(&p, today());
        assert_eq!(
            found.iter().map(|f| (f.rule, f.target)).collect::<Vec<_>>(),
            vec![(Rule::HandoverLate, Some(RecordKey::Area(FINANCE)))]
        );
        assert_eq!(
            found[0].shown_title(&p, false),
            format!(
                "{} hand-over items in \"Finance\" are past their target date and staff do not yet run them alone",
                GROUP_ABOVE + 1
            )
        );
    }

    #[test]
    fn an_area_signed_off_with_a_failing_result() {
        let mut p = healthy();
        ran(&mut p, TestStatus::Passed, BEN);
        let edit = sign_off(&p, FINANCE, ANN, day(0)).unwrap();
        apply(&mut p, edit).unwrap();
        assert_eq!(rules(&p), vec![], "signed off and passing");
        // A failure written straight into the file (not through the app, which withdraws).
        p.testing.results[0].status = TestStatus::Failed;
        let found = findings(&p, today());
        assert_eq!(
            found.iter().map(|f| (f.rule, f.target)).collect::<Vec<_>>(),
            vec![(Rule::SignedOffFailing, Some(RecordKey::Area(FINANCE)))]
        );
        // Recorded through the model, the failure withdraws the sign-off instead.
        p.testing.results[0].status = TestStatus::Passed;
        ran(&mut p, TestStatus::Failed, BEN);
        assert!(!p.testing.sign_offs[0].is_active());
        assert_eq!(rules(&p), vec![]);
    }

    #[test]
    fn a_defect_still_open_near_the_exit() {
        let mut p = healthy();
        ran(&mut p, TestStatus::Failed, BEN);
        p.testing.results[0].defect = "VEND-431".into();
        p.details.exit_date = Some(day(NEAR_DAYS + 1));
        assert_eq!(rules(&p), vec![], "the exit is not near yet");
        p.details.exit_date = Some(day(3));
        let found = findings(&p, today());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, Rule::DefectOpenNearExit);
        assert!(found[0].shown_title(&p, false).contains("VEND-431"));
        ran(&mut p, TestStatus::Passed, BEN);
        assert_eq!(rules(&p), vec![], "fixed and retested");
    }

    #[test]
    fn an_overdue_kickoff_item() {
        let mut p = healthy();
        p.kickoff[0].done_on = None;
        assert_eq!(rules(&p), vec![Rule::KickoffOverdue]);
        p.kickoff[0].due = Some(today());
        assert_eq!(rules(&p), vec![], "due today is not overdue yet");
    }

    #[test]
    fn a_powerful_person_far_below_the_wanted_engagement() {
        let mut p = healthy();
        person(&mut p, ANN).engagement_now = Engagement::Resistant;
        assert_eq!(rules(&p), vec![Rule::EngagementGap]);
        person(&mut p, ANN).power = Quadrant::HIGH_FROM - 1;
        assert_eq!(rules(&p), vec![], "low power");
        person(&mut p, ANN).power = 5;
        person(&mut p, ANN).engagement_now = Engagement::Neutral;
        assert_eq!(rules(&p), vec![], "one level short is not flagged");
    }

    #[test]
    fn an_overdue_follow_up() {
        let mut p = healthy();
        let entry = LogEntry {
            id: LogId(40),
            date: day(-20),
            kind: ContactKind::Call,
            note: String::new(),
            follow_up: Some(day(-3)),
            follow_up_done: false,
            meeting: None,
            extra: Default::default(),
        };
        person(&mut p, BEN).log.push(entry);
        assert_eq!(rules(&p), vec![Rule::FollowUpOverdue]);
        person(&mut p, BEN).log[0].follow_up_done = true;
        assert_eq!(rules(&p), vec![]);
    }

    #[test]
    fn findings_are_sorted_by_severity() {
        let mut p = healthy();
        p.kickoff[0].done_on = None;
        p.handover[0].internal_owner = None;
        p.areas[0].set_role(BEN, Some(Raci::Informed));
        let found = findings(&p, today());
        assert!(found.windows(2).all(|w| w[0].severity <= w[1].severity), "{found:?}");
        assert_eq!(found[0].severity, Severity::High);
        assert_eq!(found.last().unwrap().severity, Severity::Low);
    }

    #[test]
    fn rules_are_declared_in_severity_order() {
        assert!(Rule::ALL.windows(2).all(|w| w[0].severity() <= w[1].severity()));
        assert!(Rule::ALL.iter().enumerate().all(|(i, r)| *r as usize == i));
    }

    #[test]
    fn every_rule_explains_itself() {
        let names: HashSet<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(names.len(), Rule::ALL.len());
        assert!(Rule::ALL.iter().all(|r| r.why().len() > 40));
    }
}
