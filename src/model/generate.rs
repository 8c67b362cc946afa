//! A deterministic generator of large, valid projects, for benchmarks and scale tests.
//! The same sizes and seed always give the same project, byte for byte.

use chrono::{Days, NaiveDate};

use super::enums::{Choice, ContactKind, DocStatus, Engagement, Raci, Side, Stage};
use super::ids::{AreaId, HandoverId, KickoffId, LogId, ResultId, RoundId, ScenarioId, StakeholderId};
use super::project::{Area, HandoverItem, KickoffItem, LogEntry, Project, Stakeholder};
use super::template;
use super::testing::{Scenario, TestPlan, TestResult, TestRound, TestStatus};

/// How many records of each kind to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub stakeholders: usize,
    pub kickoff: usize,
    pub handover: usize,
    pub areas: usize,
    /// Engagement-log entries per stakeholder.
    pub log_per_person: usize,
}

impl Sizes {
    /// `n` records in every list, one log entry per person: about 1 MB of JSON per 1,000.
    pub fn uniform(n: usize) -> Sizes {
        Sizes {
            stakeholders: n,
            kickoff: n,
            handover: n,
            areas: 12,
            log_per_person: 1,
        }
    }
}

/// A small linear congruential generator: deterministic, fast, and needs no crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloe", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemi", "Liam", "Mona", "Nils",
    "Olga", "Priya",
];
const LAST: &[&str] = &[
    "Adler",
    "Brooks",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gallo",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
];
const DEPARTMENTS: &[&str] = &[
    "Membership",
    "Events",
    "Finance",
    "Communications",
    "IT",
    "Education",
    "Executive office",
];
const VERBS: &[&str] = &[
    "Run",
    "Configure",
    "Review",
    "Reconcile",
    "Import",
    "Publish",
    "Approve",
    "Test",
];
const OBJECTS: &[&str] = &[
    "renewal batch",
    "event setup",
    "invoice run",
    "member import",
    "newsletter",
    "board report",
    "price list",
    "web form",
];

/// How large the generated test plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestSizes {
    pub scenarios: usize,
    pub rounds: usize,
}

impl TestSizes {
    /// As many scenarios as hand-over items, in five rounds (none when there are no items).
    pub fn for_sizes(sizes: Sizes) -> TestSizes {
        TestSizes {
            scenarios: sizes.handover,
            rounds: if sizes.handover > 0 { 5 } else { 0 },
        }
    }
}

/// A valid project with the given sizes and a test plan to match (see [`TestSizes::for_sizes`]).
pub fn generate(sizes: Sizes, seed: u64) -> Project {
    generate_with_tests(sizes, TestSizes::for_sizes(sizes), seed)
}

/// A valid project with the given sizes. References point at existing records.
pub fn generate_with_tests(sizes: Sizes, tests: TestSizes, seed: u64) -> Project {
    let mut rng = Lcg(seed ^ 0x5157_4152_4421);
    let mut project = template::standard();
    project.details.name = format!("Generated project ({} records per list)", sizes.stakeholders);
    project.details.organization = "Example Association".into();
    project.details.uid = format!("generated-{seed}");
    let start = NaiveDate::from_ymd_opt(2026, 9, 1).expect("valid date");
    project.details.kickoff_date = Some(start);
    project.details.go_live_date = start.checked_add_days(Days::new(200));
    project.details.exit_date = start.checked_add_days(Days::new(300));
    project.kickoff.clear();
    project.areas.clear();
    project.testing = TestPlan::default();
    project.meetings.clear();

    let mut next_id = 1u64;
    let mut id = || {
        next_id += 1;
        next_id
    };
    for i in 0..sizes.areas.max(1) {
        project.areas.push(Area {
            id: AreaId(id()),
            name: format!("{} {}", DEPARTMENTS[i % DEPARTMENTS.len()], i / DEPARTMENTS.len() + 1),
            key: i % 2 == 0,
            description: String::new(),
            raci: Vec::new(),
            extra: Default::default(),
        });
    }
    let date = |rng: &mut Lcg| {
        start
            .checked_add_days(Days::new(rng.below(360) as u64))
            .expect("valid date")
    };
    for i in 0..sizes.stakeholders {
        let mut s = Stakeholder::new(
            StakeholderId(id()),
            format!("{} {} {i}", rng.pick(FIRST), rng.pick(LAST)),
        );
        s.role = format!("{} lead", rng.pick(DEPARTMENTS));
        s.department = rng.pick(DEPARTMENTS).to_string();
        s.side = rng.pick(Side::ALL);
        s.power = 1 + rng.below(5) as u8;
        s.interest = 1 + rng.below(5) as u8;
        s.engagement_now = rng.pick(Engagement::ALL);
        s.engagement_wanted = rng.pick(Engagement::ALL);
        s.benefit = "Less manual work and one place for member data".into();
        s.contact = format!("person{i}@example.org");
        for _ in 0..sizes.log_per_person {
            let day = date(&mut rng);
            s.log.push(LogEntry {
                id: LogId(id()),
                date: day,
                kind: rng.pick(ContactKind::ALL),
                note: "Talked through the hand-over schedule".into(),
                follow_up: (rng.below(3) == 0).then(|| day.checked_add_days(Days::new(14)).expect("valid date")),
                follow_up_done: rng.below(2) == 0,
                meeting: None,
                extra: Default::default(),
            });
        }
        project.stakeholders.push(s);
    }
    let people: Vec<StakeholderId> = project.stakeholders.iter().map(|s| s.id).collect();
    let person = |rng: &mut Lcg| (!people.is_empty()).then(|| people[rng.below(people.len())]);
    for area in &mut project.areas {
        for role in [
            Raci::Accountable,
            Raci::Responsible,
            Raci::Responsible,
            Raci::Consulted,
            Raci::Informed,
        ] {
            if let Some(who) = person(&mut rng)
                && area.role_of(who).is_none()
            {
                area.set_role(who, Some(role));
            }
        }
    }
    let areas: Vec<AreaId> = project.areas.iter().map(|a| a.id).collect();
    for i in 0..sizes.kickoff {
        let mut k = KickoffItem::new(
            KickoffId(id()),
            format!("{} the {} ({i})", rng.pick(VERBS), rng.pick(OBJECTS)),
        );
        k.category = rng.pick(DEPARTMENTS).to_string();
        k.owner = person(&mut rng);
        k.due = Some(date(&mut rng));
        k.done_on = (rng.below(2) == 0).then(|| date(&mut rng));
        project.kickoff.push(k);
    }
    for i in 0..sizes.handover {
        let mut h = HandoverItem::new(
            HandoverId(id()),
            format!("{} the {} ({i})", rng.pick(VERBS), rng.pick(OBJECTS)),
        );
        h.area = Some(rng.pick(&areas));
        h.current_doer = person(&mut rng);
        h.internal_owner = person(&mut rng);
        h.tester = person(&mut rng);
        h.stage = rng.pick(Stage::ALL);
        h.documentation = rng.pick(DocStatus::ALL);
        h.target = Some(date(&mut rng));
        h.notes = "Shadowing sessions booked every Tuesday".into();
        project.handover.push(h);
    }
    let plan = &mut project.testing;
    for r in 0..tests.rounds {
        let mut round = TestRound::new(RoundId(id()), format!("Round {}", r + 1));
        round.start = start.checked_add_days(Days::new(100 + 20 * r as u64));
        round.end = start.checked_add_days(Days::new(110 + 20 * r as u64));
        plan.rounds.push(round);
    }
    let rounds: Vec<(RoundId, Option<NaiveDate>)> = plan.rounds.iter().map(|r| (r.id, r.start)).collect();
    for i in 0..tests.scenarios {
        let mut s = Scenario::new(
            ScenarioId(id()),
            format!("{} the {} ({i})", rng.pick(VERBS), rng.pick(OBJECTS)),
        );
        s.area = (!areas.is_empty()).then(|| rng.pick(&areas));
        s.process = rng.pick(OBJECTS).to_string();
        s.steps = "Open the record\nDo the change\nCheck the result".into();
        s.expected = "The record shows the change and nothing else moved".into();
        s.must_pass = rng.below(4) != 0;
        s.tester = person(&mut rng);
        let scenario = s.id;
        plan.scenarios.push(s);
        for (round, day) in &rounds {
            // Most scenarios get a result in most rounds; a few rounds are left unrecorded.
            if rng.below(5) == 0 {
                continue;
            }
            plan.results.push(TestResult {
                id: ResultId(id()),
                scenario,
                round: *round,
                status: rng.pick(TestStatus::ALL),
                date: *day,
                run_by: person(&mut rng),
                note: String::new(),
                defect: if rng.below(4) == 0 {
                    format!("VEND-{}", rng.below(9000) + 1000)
                } else {
                    String::new()
                },
                extra: Default::default(),
            });
        }
    }
    project
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;

    #[test]
    fn generated_projects_are_valid_and_deterministic() {
        let a = generate(Sizes::uniform(200), 7);
        assert!(validate(&a).is_empty(), "{:?}", validate(&a));
        assert_eq!(a.stakeholders.len(), 200);
        assert_eq!(a.kickoff.len(), 200);
        assert_eq!(a.handover.len(), 200);
        assert_eq!((a.testing.scenarios.len(), a.testing.rounds.len()), (200, 5));
        assert!(
            a.testing.results.len() > 600,
            "most scenarios have results in most rounds"
        );
        assert_eq!(a, generate(Sizes::uniform(200), 7));
        assert_ne!(a, generate(Sizes::uniform(200), 8));
    }

    #[test]
    fn an_empty_project_can_be_generated() {
        let sizes = Sizes {
            stakeholders: 0,
            kickoff: 0,
            handover: 0,
            areas: 0,
            log_per_person: 0,
        };
        assert!(validate(&generate(sizes, 1)).is_empty());
    }
}
