//! Structural checks a file must pass to be opened: unique ids, references that resolve,
//! scores in range. These are errors, not advice (advice lives in the findings).

use std::collections::{HashMap, HashSet};

use crate::sanitize::is_visibly_empty;

use super::ids::{AreaId, StakeholderId};
use super::project::Project;

/// One reason a project is not structurally valid, phrased for the person who owns the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every structural problem in the project; empty when it is valid.
pub fn validate(project: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |text: String| problems.push(Problem(text));

    // Every id names one record; the message names both records that share one. Labels are
    // only written out for an id given twice (this runs on every load of a large project).
    let records = project.areas.len()
        + project.stakeholders.iter().map(|s| 1 + s.log.len()).sum::<usize>()
        + project.kickoff.len()
        + project.handover.len()
        + project.testing.scenarios.len()
        + project.testing.rounds.len()
        + project.testing.results.len();
    let mut owners: HashMap<u64, Owner> = HashMap::with_capacity(records);
    let mut check_unique = |owner: Owner, id: u64, push: &mut dyn FnMut(String)| {
        if let Some(first) = owners.get(&id) {
            push(format!(
                "id {id} is used by both {} and {}; every record needs its own id",
                first.label(project),
                owner.label(project)
            ));
        } else {
            owners.insert(id, owner);
        }
    };
    for (i, a) in project.areas.iter().enumerate() {
        check_unique(Owner::Area(i), a.id.0, &mut push);
    }
    for (i, s) in project.stakeholders.iter().enumerate() {
        check_unique(Owner::Stakeholder(i), s.id.0, &mut push);
        for (j, l) in s.log.iter().enumerate() {
            check_unique(Owner::Log(i, j), l.id.0, &mut push);
        }
    }
    for (i, k) in project.kickoff.iter().enumerate() {
        check_unique(Owner::Kickoff(i), k.id.0, &mut push);
    }
    for (i, h) in project.handover.iter().enumerate() {
        check_unique(Owner::Handover(i), h.id.0, &mut push);
    }
    let plan = &project.testing;
    for (i, s) in plan.scenarios.iter().enumerate() {
        check_unique(Owner::Scenario(i), s.id.0, &mut push);
    }
    for (i, r) in plan.rounds.iter().enumerate() {
        check_unique(Owner::Round(i), r.id.0, &mut push);
    }
    for (i, r) in plan.results.iter().enumerate() {
        check_unique(Owner::Result(i), r.id.0, &mut push);
    }
    for (i, m) in project.meetings.iter().enumerate() {
        check_unique(Owner::Meeting(i), m.id.0, &mut push);
        for (j, a) in m.agenda.iter().enumerate() {
            check_unique(Owner::Agenda(i, j), a.id.0, &mut push);
        }
        for (j, x) in m.minutes.iter().enumerate() {
            check_unique(Owner::Minute(i, j), x.id.0, &mut push);
        }
    }

    let people: HashSet<StakeholderId> = project.stakeholders.iter().map(|s| s.id).collect();
    let areas: HashSet<_> = project.areas.iter().map(|a| a.id).collect();
    // What refers is worded only for a message: this runs for every record on every load.
    let person = |what: &dyn Fn() -> String, id: Option<StakeholderId>, push: &mut dyn FnMut(String)| {
        if let Some(id) = id
            && !people.contains(&id)
        {
            push(format!(
                "{} refers to stakeholder id {id}, which does not exist",
                what()
            ));
        }
    };

    let details = &project.details;
    person(&|| "the system owner".into(), details.system_owner, &mut push);
    for id in &details.ownership_team {
        person(&|| "the ownership team".into(), Some(*id), &mut push);
    }

    for s in &project.stakeholders {
        if is_visibly_empty(&s.name) {
            push(format!(
                "stakeholder id {} has no name (a name made only of spaces or invisible characters counts as none)",
                s.id
            ));
        }
        for (label, score) in [("power", s.power), ("interest", s.interest)] {
            if !(1..=5).contains(&score) {
                push(format!(
                    "stakeholder \"{}\" (id {}): {label} must be 1 to 5, not {score}",
                    shown(&s.name),
                    s.id
                ));
            }
        }
    }
    for a in &project.areas {
        let mut holders = HashSet::new();
        for r in &a.raci {
            person(
                &|| format!("the RACI of area \"{}\"", a.name),
                Some(r.stakeholder),
                &mut push,
            );
            if !holders.insert(r.stakeholder) {
                push(format!(
                    "area \"{}\" gives stakeholder id {} more than one RACI letter",
                    a.name, r.stakeholder
                ));
            }
        }
    }
    for k in &project.kickoff {
        person(&|| format!("kickoff item \"{}\"", k.text), k.owner, &mut push);
    }
    for h in &project.handover {
        let what = || format!("hand-over item \"{}\"", h.skill);
        person(&what, h.current_doer, &mut push);
        person(&what, h.internal_owner, &mut push);
        person(&what, h.tester, &mut push);
        if let Some(area) = h.area
            && !areas.contains(&area)
        {
            push(format!("{} refers to area id {area}, which does not exist", what()));
        }
    }
    let settings = &project.settings;
    if settings.exit_min_area_readiness > 100 {
        push(format!(
            "the go/no-go setting \"exit_min_area_readiness\" must be 0 to 100 (percent), not {}",
            settings.exit_min_area_readiness
        ));
    }
    if !(1..=MAX_LOAD_LIMIT).contains(&settings.max_load_per_person) {
        push(format!(
            "the setting \"max_load_per_person\" must be 1 to {MAX_LOAD_LIMIT}, not {}",
            settings.max_load_per_person
        ));
    }
    // Only needed to check the readiness history, and only built when there is one.
    let kinds: HashMap<u64, &str> = project
        .stakeholders
        .iter()
        .map(|s| (s.id.0, "a stakeholder"))
        .chain(project.kickoff.iter().map(|k| (k.id.0, "a kickoff item")))
        .chain(project.handover.iter().map(|h| (h.id.0, "a hand-over item")))
        .chain(
            project
                .stakeholders
                .iter()
                .flat_map(|s| s.log.iter().map(|l| (l.id.0, "a log entry"))),
        )
        .take(if project.readiness_history.is_empty() {
            0
        } else {
            usize::MAX
        })
        .collect();
    let percent_ok = |p: f32| p.is_finite() && (0.0..=100.0).contains(&p);
    for snap in &project.readiness_history {
        let what = format!("the readiness snapshot of {}", snap.date);
        if !percent_ok(snap.overall) {
            push(format!(
                "{what}: overall readiness must be 0 to 100 (percent), not {}",
                snap.overall
            ));
        }
        let mut listed = HashSet::new();
        for a in &snap.areas {
            if !percent_ok(a.percent) {
                push(format!(
                    "{what}: the readiness of area id {} must be 0 to 100 (percent), not {}",
                    a.area, a.percent
                ));
            }
            // An area deleted since keeps its place in history; an id that now names another
            // kind of record cannot be right.
            if let Some(kind) = kinds.get(&a.area.0) {
                push(format!(
                    "{what} refers to area id {}, which is {kind}, not an area",
                    a.area
                ));
            }
            if !listed.insert(a.area) {
                push(format!("{what} lists area id {} more than once", a.area));
            }
        }
    }
    let mut dates = HashSet::new();
    for snap in &project.readiness_history {
        if !dates.insert(snap.date) {
            push(format!(
                "there are two readiness snapshots for {}; keep one per day",
                snap.date
            ));
        }
    }
    validate_testing(project, &areas, &mut push, &person);
    super::meeting::validate_meetings(project, &mut push, &person);
    problems
}

/// Which record holds an id, by position, until a message needs its name.
#[derive(Clone, Copy)]
enum Owner {
    Area(usize),
    Stakeholder(usize),
    Log(usize, usize),
    Kickoff(usize),
    Handover(usize),
    Scenario(usize),
    Round(usize),
    Result(usize),
    Meeting(usize),
    Agenda(usize, usize),
    Minute(usize, usize),
}

impl Owner {
    fn label(self, p: &Project) -> String {
        match self {
            Owner::Area(i) => format!("area \"{}\"", shown(&p.areas[i].name)),
            Owner::Stakeholder(i) => format!("stakeholder \"{}\"", shown(&p.stakeholders[i].name)),
            Owner::Log(i, j) => format!(
                "the log entry of {} on stakeholder \"{}\"",
                p.stakeholders[i].log[j].date,
                shown(&p.stakeholders[i].name)
            ),
            Owner::Kickoff(i) => format!("kickoff item \"{}\"", shown(&p.kickoff[i].text)),
            Owner::Handover(i) => format!("hand-over item \"{}\"", shown(&p.handover[i].skill)),
            Owner::Scenario(i) => format!("test scenario \"{}\"", shown(&p.testing.scenarios[i].title)),
            Owner::Round(i) => format!("test round \"{}\"", shown(&p.testing.rounds[i].name)),
            Owner::Result(i) => format!("test result id {}", p.testing.results[i].id),
            Owner::Meeting(i) => format!("meeting \"{}\"", shown(&p.meetings[i].title)),
            Owner::Agenda(i, j) => format!("agenda item \"{}\"", shown(&p.meetings[i].agenda[j].title)),
            Owner::Minute(i, j) => format!("minute id {}", p.meetings[i].minutes[j].id),
        }
    }
}

/// The largest "areas per person" limit the settings accept.
pub const MAX_LOAD_LIMIT: u32 = 1000;

/// A name for a message: control and bidirectional characters escaped.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    crate::sanitize::escape_controls(text)
}

/// Reports a reference to a stakeholder who does not exist: (what refers, the id, where to report).
type PersonCheck<'a> = &'a dyn Fn(&dyn Fn() -> String, Option<StakeholderId>, &mut dyn FnMut(String));

/// The test plan's records: names, dates in order, and results that point at real records.
fn validate_testing(project: &Project, areas: &HashSet<AreaId>, push: &mut dyn FnMut(String), person: PersonCheck) {
    let plan = &project.testing;
    let mut scenarios = HashSet::with_capacity(plan.scenarios.len());
    for s in &plan.scenarios {
        scenarios.insert(s.id);
        if s.title.trim().is_empty() {
            push(format!("test scenario id {} has no title", s.id));
        }
        let what = || format!("test scenario \"{}\"", s.title);
        if let Some(area) = s.area
            && !areas.contains(&area)
        {
            push(format!("{} refers to area id {area}, which does not exist", what()));
        }
        person(&what, s.tester, push);
    }
    let mut rounds = HashSet::new();
    for r in &plan.rounds {
        rounds.insert(r.id);
        if r.name.trim().is_empty() {
            push(format!("test round id {} has no name", r.id));
        }
        if let (Some(start), Some(end)) = (r.start, r.end)
            && end < start
        {
            push(format!(
                "test round \"{}\" ends ({end}) before it starts ({start})",
                r.name
            ));
        }
    }
    let mut pairs = HashSet::with_capacity(plan.results.len());
    for r in &plan.results {
        let what = || format!("test result id {}", r.id);
        if !scenarios.contains(&r.scenario) {
            push(format!(
                "{} is for scenario id {}, which does not exist",
                what(),
                r.scenario
            ));
        }
        if !rounds.contains(&r.round) {
            push(format!("{} is for round id {}, which does not exist", what(), r.round));
        }
        if !pairs.insert((r.scenario, r.round)) {
            push(format!(
                "scenario id {} has more than one result in round id {}",
                r.scenario, r.round
            ));
        }
        person(&what, r.run_by, push);
    }
    let mut signed = HashSet::new();
    for s in &plan.sign_offs {
        if !areas.contains(&s.area) {
            push(format!("a sign-off refers to area id {}, which does not exist", s.area));
        }
        if !signed.insert(s.area) {
            push(format!("area id {} has more than one sign-off", s.area));
        }
        person(&|| format!("the sign-off of area id {}", s.area), Some(s.by), push);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Area, AreaId, HandoverId, HandoverItem, Raci, Stakeholder};

    fn base() -> Project {
        let mut p = Project::default();
        p.details.name = "Test".into();
        p.stakeholders.push(Stakeholder::new(StakeholderId(1), "Ann Lee"));
        p.areas.push(Area {
            id: AreaId(2),
            name: "Finance".into(),
            key: true,
            description: String::new(),
            raci: Vec::new(),
            extra: Default::default(),
        });
        p
    }

    #[test]
    fn a_clean_project_has_no_problems() {
        assert!(validate(&base()).is_empty());
    }

    #[test]
    fn duplicate_ids_across_kinds_are_reported() {
        let mut p = base();
        p.handover.push(HandoverItem::new(HandoverId(1), "Month end"));
        let problems = validate(&p);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].0,
            "id 1 is used by both stakeholder \"Ann Lee\" and hand-over item \"Month end\"; every record needs its own id"
        );
    }

    #[test]
    fn dangling_references_are_reported() {
        let mut p = base();
        p.details.system_owner = Some(StakeholderId(99));
        let mut h = HandoverItem::new(HandoverId(3), "Renewals");
        h.area = Some(AreaId(77));
        p.handover.push(h);
        p.areas[0].set_role(StakeholderId(42), Some(Raci::Accountable));
        let text: Vec<String> = validate(&p).into_iter().map(|p| p.0).collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(text.iter().any(|t| t.contains("system owner") && t.contains("99")));
        assert!(text.iter().any(|t| t.contains("area id 77")));
        assert!(text.iter().any(|t| t.contains("RACI") && t.contains("42")));
    }

    #[test]
    fn scores_outside_one_to_five_are_reported() {
        let mut p = base();
        p.stakeholders[0].power = 0;
        p.stakeholders[0].interest = 6;
        let problems = validate(&p);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].0.contains("power must be 1 to 5, not 0"));
        assert!(problems[1].0.contains("interest must be 1 to 5, not 6"));
    }

    #[test]
    fn a_name_of_invisible_characters_is_no_name() {
        let mut p = base();
        p.stakeholders[0].name = "\u{200B}\u{FEFF}\u{2060} ".into();
        let problems = validate(&p);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].0.contains("has no name"));
    }

    #[test]
    fn settings_and_snapshots_stay_in_range() {
        use crate::model::{AreaReadiness, ReadinessSnapshot};
        let mut p = base();
        p.settings.exit_min_area_readiness = 150;
        p.settings.max_load_per_person = 0;
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let snap = |overall: f32, areas: Vec<AreaReadiness>| ReadinessSnapshot {
            date,
            overall,
            areas,
            extra: Default::default(),
        };
        p.readiness_history.push(snap(
            250.0,
            vec![
                AreaReadiness {
                    area: AreaId(2),
                    percent: -1.0,
                },
                AreaReadiness {
                    area: AreaId(1),
                    percent: 50.0,
                },
                AreaReadiness {
                    area: AreaId(2),
                    percent: 50.0,
                },
            ],
        ));
        p.readiness_history.push(snap(
            f32::INFINITY,
            vec![AreaReadiness {
                area: AreaId(40),
                percent: 50.0,
            }],
        ));
        let text: Vec<String> = validate(&p).into_iter().map(|p| p.0).collect();
        let has = |needle: &str| text.iter().any(|t| t.contains(needle));
        assert!(
            has("\"exit_min_area_readiness\" must be 0 to 100 (percent), not 150"),
            "{text:?}"
        );
        assert!(has("\"max_load_per_person\" must be 1 to 1000, not 0"), "{text:?}");
        assert!(has("overall readiness must be 0 to 100 (percent), not 250"), "{text:?}");
        assert!(has("overall readiness must be 0 to 100 (percent), not inf"), "{text:?}");
        assert!(has("area id 2 must be 0 to 100"), "{text:?}");
        assert!(has("refers to area id 1, which is a stakeholder"), "{text:?}");
        assert!(has("lists area id 2 more than once"), "{text:?}");
        assert!(has("two readiness snapshots for 2026-01-01"), "{text:?}");
        assert_eq!(text.len(), 8, "a deleted area (40) may stay in history: {text:?}");
    }

    #[test]
    fn test_plan_problems_are_named_in_plain_words() {
        use crate::model::{ResultId, RoundId, Scenario, ScenarioId, TestResult, TestRound, TestStatus};
        let mut p = base();
        let mut s = Scenario::new(ScenarioId(3), "Renew a lapsed member");
        s.area = Some(AreaId(2));
        p.testing.scenarios.push(s);
        let mut round = TestRound::new(RoundId(4), " ");
        round.start = chrono::NaiveDate::from_ymd_opt(2026, 5, 2);
        round.end = chrono::NaiveDate::from_ymd_opt(2026, 5, 1);
        p.testing.rounds.push(round);
        let result = |id, scenario| TestResult {
            id: ResultId(id),
            scenario: ScenarioId(scenario),
            round: RoundId(4),
            status: TestStatus::Passed,
            date: None,
            run_by: None,
            note: String::new(),
            defect: String::new(),
            extra: Default::default(),
        };
        p.testing.results.push(result(5, 99));
        p.testing.results.push(result(6, 3));
        p.testing.results.push(result(7, 3));
        let text: Vec<String> = validate(&p).into_iter().map(|p| p.0).collect();
        assert!(text.contains(&"test round id 4 has no name".to_string()), "{text:?}");
        assert!(
            text.iter().any(|t| t.contains("ends (2026-05-01) before it starts")),
            "{text:?}"
        );
        assert!(text.contains(&"test result id 5 is for scenario id 99, which does not exist".to_string()));
        assert!(text.contains(&"scenario id 3 has more than one result in round id 4".to_string()));
        assert_eq!(text.len(), 4, "{text:?}");
    }

    #[test]
    fn two_letters_for_one_person_in_an_area_is_reported() {
        let mut p = base();
        p.areas[0].raci.push(crate::model::RaciAssignment {
            stakeholder: StakeholderId(1),
            role: Raci::Responsible,
            extra: Default::default(),
        });
        p.areas[0].raci.push(crate::model::RaciAssignment {
            stakeholder: StakeholderId(1),
            role: Raci::Accountable,
            extra: Default::default(),
        });
        assert!(validate(&p)[0].0.contains("more than one RACI letter"));
    }
}
