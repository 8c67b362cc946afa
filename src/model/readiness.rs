//! Exit readiness: how far each area's hand-over has come, and whether the consultants can
//! leave on the exit date.
//!
//! An item scores up to 100 points: 80 for the hand-over stage (0, 1/3, 2/3 or all of it for
//! consultant does it, staff shadows, staff does it under review, staff runs it alone) and 20
//! for its documentation (none 0, draft 10, reviewed 20). An area's readiness is the mean of its
//! items (an area with no items is 0%: nothing has been planned). The whole project's readiness
//! is the mean over all items, so a large area weighs more than a small one.

use chrono::NaiveDate;

use super::enums::{DocStatus, Stage};
use super::findings::{Finding, Severity};
use super::ids::AreaId;
use super::project::{AreaReadiness, HandoverItem, Project, ReadinessSnapshot};
use super::testing::{AreaTesting, TestIndex, area_testing_with};

/// Points for the stage, out of 100 per item.
const STAGE_POINTS: f32 = 80.0;
/// Points for the documentation, out of 100 per item.
const DOC_POINTS: f32 = 20.0;

/// Readiness of one hand-over item, 0 to 100.
pub fn item_readiness(item: &HandoverItem) -> f32 {
    let stage = item.stage.rank() as f32 / Stage::StaffAlone.rank() as f32 * STAGE_POINTS;
    let doc = match item.documentation {
        DocStatus::None => 0.0,
        DocStatus::Draft => DOC_POINTS / 2.0,
        DocStatus::Reviewed => DOC_POINTS,
    };
    stage + doc
}

/// Readiness of one area.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaScore {
    pub area: AreaId,
    pub name: String,
    /// 0 to 100.
    pub percent: f32,
    pub items: usize,
    /// Items that staff already run alone.
    pub handed_over: usize,
}

/// Readiness of the whole project.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Readiness {
    /// 0 to 100, the mean over all hand-over items.
    pub overall: f32,
    pub areas: Vec<AreaScore>,
    /// Days from today to the consultants' exit date (negative once it passed).
    pub days_to_exit: Option<i64>,
    /// Acceptance testing and sign-off per area, in area order.
    pub testing: Vec<AreaTesting>,
}

pub fn readiness(project: &Project, today: NaiveDate) -> Readiness {
    readiness_with(project, today, &TestIndex::new(project))
}

/// [`readiness`] with the test index already built.
pub fn readiness_with(project: &Project, today: NaiveDate, tests: &TestIndex) -> Readiness {
    let mut areas: Vec<AreaScore> = project
        .areas
        .iter()
        .map(|a| AreaScore {
            area: a.id,
            name: a.name.clone(),
            percent: 0.0,
            items: 0,
            handed_over: 0,
        })
        .collect();
    let index: crate::model::testing::IdMap<AreaId, usize> =
        areas.iter().enumerate().map(|(i, a)| (a.area, i)).collect();
    let mut total = 0.0;
    for item in &project.handover {
        let score = item_readiness(item);
        total += score;
        if let Some(&i) = item.area.and_then(|a| index.get(&a)) {
            let area = &mut areas[i];
            area.percent += score;
            area.items += 1;
            area.handed_over += usize::from(item.stage == Stage::StaffAlone);
        }
    }
    for area in &mut areas {
        if area.items > 0 {
            area.percent /= area.items as f32;
        }
    }
    let overall = if project.handover.is_empty() {
        0.0
    } else {
        total / project.handover.len() as f32
    };
    Readiness {
        overall,
        areas,
        days_to_exit: project.details.exit_date.map(|exit| (exit - today).num_days()),
        testing: area_testing_with(project, tests),
    }
}

/// One condition of the go/no-go verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub label: String,
    pub passed: bool,
    /// Why it fails (or what it found when it passes); a long list is cut short here.
    pub detail: String,
    /// Every record the criterion names (the areas behind), in full.
    pub items: Vec<String>,
}

/// How many names a criterion's detail lists before "… and N more".
pub const DETAIL_NAMES: usize = 10;

/// "A, B, C and 9,960 more": the first `shown` of `items`, then how many are left out.
pub fn summarise(items: &[String], shown: usize) -> String {
    if items.len() <= shown {
        return items.join(", ");
    }
    format!(
        "{} … and {} more",
        items[..shown].join(", "),
        thousands(items.len() - shown)
    )
}

/// 9960 as "9,960".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether the consultants can leave on the exit date, and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    pub go: bool,
    pub criteria: Vec<Criterion>,
}

/// The go/no-go verdict from the project's own criteria (see `ProjectSettings`).
pub fn exit_verdict(project: &Project, readiness: &Readiness, findings: &[Finding]) -> Verdict {
    let settings = &project.settings;
    let minimum = settings.exit_min_area_readiness as f32;
    let mut criteria = Vec::new();

    let behind: Vec<String> = readiness
        .areas
        .iter()
        .filter(|a| a.percent + 0.05 < minimum)
        .map(|a| format!("{} {:.0}%", a.name, a.percent))
        .collect();
    criteria.push(Criterion {
        label: format!("Every area at least {minimum:.0}% ready"),
        passed: behind.is_empty() && !readiness.areas.is_empty(),
        detail: if readiness.areas.is_empty() {
            "No areas are defined yet".into()
        } else if behind.is_empty() {
            "All areas are there".into()
        } else {
            format!("Behind: {}", summarise(&behind, DETAIL_NAMES))
        },
        items: behind,
    });

    if settings.exit_block_on_high_findings {
        let high = findings.iter().filter(|f| f.severity == Severity::High).count();
        criteria.push(Criterion {
            label: "No high-severity findings".into(),
            passed: high == 0,
            detail: if high == 0 {
                "None open".into()
            } else {
                format!("{high} open")
            },
            items: Vec::new(),
        });
    }

    if settings.exit_require_sign_off {
        criteria.push(sign_off_criterion(&readiness.testing));
    }

    // A set, not a search per item: this runs on every change of a 10,000-record project.
    let internal: std::collections::HashSet<_> = project
        .stakeholders
        .iter()
        .filter(|s| s.side.is_internal())
        .map(|s| s.id)
        .collect();
    let unowned = project
        .handover
        .iter()
        .filter(|h| !h.internal_owner.is_some_and(|id| internal.contains(&id)))
        .count();
    criteria.push(Criterion {
        label: "Every hand-over item has an internal owner".into(),
        passed: unowned == 0,
        detail: if unowned == 0 {
            "All owned in-house".into()
        } else {
            format!("{unowned} item(s) without one")
        },
        items: Vec::new(),
    });

    Verdict {
        go: criteria.iter().all(|c| c.passed),
        criteria,
    }
}

/// "Every area signed off after testing by staff", naming the areas that are not.
fn sign_off_criterion(testing: &[AreaTesting]) -> Criterion {
    let mut unsigned = Vec::new();
    let mut not_ready = Vec::new();
    let mut not_by_staff = Vec::new();
    for area in testing {
        if area.signed_off.is_none() {
            unsigned.push(area.name.clone());
        } else if !area.ready {
            not_ready.push(area.name.clone());
        } else if area.passed_without_staff > 0 {
            not_by_staff.push(area.name.clone());
        }
    }
    // Long lists are cut short in the detail; every area stays in `items`.
    let mut problems = Vec::new();
    for (what, names) in [
        ("Not signed off", &unsigned),
        ("Signed off but failing now", &not_ready),
        ("Passed only by consultants or the vendor", &not_by_staff),
    ] {
        if !names.is_empty() {
            problems.push(format!("{what}: {}", summarise(names, DETAIL_NAMES)));
        }
    }
    Criterion {
        label: "Every area signed off after testing by staff".into(),
        passed: problems.is_empty() && !testing.is_empty(),
        detail: if testing.is_empty() {
            "No areas are defined yet".into()
        } else if problems.is_empty() {
            "All areas accepted".into()
        } else {
            problems.join("; ")
        },
        items: unsigned.into_iter().chain(not_ready).chain(not_by_staff).collect(),
    }
}

/// Today's readiness as a snapshot for the history chart.
pub fn snapshot(readiness: &Readiness, today: NaiveDate) -> ReadinessSnapshot {
    ReadinessSnapshot {
        date: today,
        overall: (readiness.overall * 10.0).round() / 10.0,
        areas: readiness
            .areas
            .iter()
            .map(|a| AreaReadiness {
                area: a.area,
                percent: (a.percent * 10.0).round() / 10.0,
            })
            .collect(),
        extra: Default::default(),
    }
}

/// The history with today's snapshot added, replacing one already taken today.
pub fn history_with(project: &Project, snapshot: ReadinessSnapshot) -> Vec<ReadinessSnapshot> {
    let mut history: Vec<ReadinessSnapshot> = project
        .readiness_history
        .iter()
        .filter(|s| s.date != snapshot.date)
        .cloned()
        .collect();
    history.push(snapshot);
    history.sort_by_key(|s| s.date);
    history
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::findings::{Rule, findings};
    use crate::model::{Area, HandoverId, Side, Stakeholder, StakeholderId};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn item(id: u64, area: u64, stage: Stage, doc: DocStatus) -> HandoverItem {
        let mut h = HandoverItem::new(HandoverId(id), format!("skill {id}"));
        h.area = Some(AreaId(area));
        h.stage = stage;
        h.documentation = doc;
        h.internal_owner = Some(StakeholderId(1));
        h
    }

    fn project() -> Project {
        let mut p = Project::default();
        p.stakeholders.push(Stakeholder::new(StakeholderId(1), "Ann"));
        for (id, name) in [(10, "Events"), (11, "Finance")] {
            p.areas.push(Area {
                id: AreaId(id),
                name: name.into(),
                key: true,
                description: String::new(),
                raci: vec![],
                extra: Default::default(),
            });
        }
        p.handover.push(item(20, 10, Stage::StaffAlone, DocStatus::Reviewed));
        p.handover.push(item(21, 10, Stage::StaffShadows, DocStatus::Draft));
        p.handover.push(item(22, 11, Stage::ConsultantDoes, DocStatus::None));
        p.details.exit_date = NaiveDate::from_ymd_opt(2026, 12, 23);
        p
    }

    #[test]
    fn a_long_list_of_areas_behind_is_summarised() {
        let items: Vec<String> = (0..10_000).map(|i| format!("Area {i} 0%")).collect();
        let text = summarise(&items, DETAIL_NAMES);
        assert!(text.starts_with("Area 0 0%, Area 1 0%"), "{text}");
        assert!(text.ends_with("Area 9 0% … and 9,990 more"), "{text}");
        assert_eq!(summarise(&items[..3], DETAIL_NAMES), "Area 0 0%, Area 1 0%, Area 2 0%");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn item_scores_follow_the_ladder_and_the_documentation() {
        let score = |stage, doc| item_readiness(&item(1, 1, stage, doc));
        assert_eq!(score(Stage::ConsultantDoes, DocStatus::None), 0.0);
        assert!((score(Stage::StaffShadows, DocStatus::None) - 80.0 / 3.0).abs() < 1e-4);
        assert!((score(Stage::StaffWithReview, DocStatus::Draft) - (160.0 / 3.0 + 10.0)).abs() < 1e-4);
        assert_eq!(score(Stage::StaffAlone, DocStatus::Reviewed), 100.0);
        assert_eq!(score(Stage::StaffAlone, DocStatus::Draft), 90.0);
    }

    #[test]
    fn areas_are_the_mean_of_their_items_and_overall_weighs_by_items() {
        let r = readiness(&project(), today());
        let events = 100.0;
        let shadows = 80.0 / 3.0 + 10.0;
        assert!((r.areas[0].percent - (events + shadows) / 2.0).abs() < 1e-3);
        assert_eq!((r.areas[0].items, r.areas[0].handed_over), (2, 1));
        assert_eq!(r.areas[1].percent, 0.0);
        assert!((r.overall - (events + shadows) / 3.0).abs() < 1e-3);
        assert_eq!(r.days_to_exit, Some(30));
    }

    #[test]
    fn an_empty_plan_is_not_ready() {
        let mut p = project();
        p.handover.clear();
        let r = readiness(&p, today());
        assert_eq!(r.overall, 0.0);
        assert!(r.areas.iter().all(|a| a.percent == 0.0 && a.items == 0));
    }

    #[test]
    fn the_verdict_names_what_fails_and_follows_the_settings() {
        let mut p = project();
        let r = readiness(&p, today());
        let found = findings(&p, today());
        let v = exit_verdict(&p, &r, &found);
        assert!(!v.go);
        assert!(!v.criteria[0].passed);
        assert!(v.criteria[0].detail.contains("Events") && v.criteria[0].detail.contains("Finance 0%"));

        // Everything handed over and documented, every area tested, one internal owner.
        for h in &mut p.handover {
            h.stage = Stage::StaffAlone;
            h.documentation = DocStatus::Reviewed;
            h.tester = Some(StakeholderId(1));
        }
        let r = readiness(&p, today());
        let found = findings(&p, today());
        let high: Vec<_> = found
            .iter()
            .filter(|f| f.severity == Severity::High)
            .map(|f| f.rule)
            .collect();
        assert!(high.contains(&Rule::AccountableCount), "no Accountable yet: {high:?}");
        let v = exit_verdict(&p, &r, &found);
        assert!(v.criteria[0].passed);
        assert!(!v.go, "high findings block the exit");
        p.settings.exit_block_on_high_findings = false;
        p.settings.exit_require_sign_off = false;
        let v = exit_verdict(&p, &r, &found);
        assert!(v.go, "{v:?}");
        assert_eq!(v.criteria.len(), 2);
    }

    #[test]
    fn an_external_owner_fails_the_ownership_criterion() {
        let mut p = project();
        p.stakeholders[0].side = Side::Consultant;
        let r = readiness(&p, today());
        let v = exit_verdict(&p, &r, &[]);
        let owned = v.criteria.last().unwrap();
        assert!(!owned.passed);
        assert_eq!(owned.detail, "3 item(s) without one");
    }

    #[test]
    fn the_sign_off_criterion_counts_and_can_be_switched_off() {
        use crate::model::testing::{record_result, sign_off};
        use crate::model::{Raci, RoundId, Scenario, ScenarioId, TestRound, TestStatus, apply};
        let mut p = project();
        for area in &mut p.areas {
            area.set_role(StakeholderId(1), Some(Raci::Accountable));
        }
        let criterion = |p: &Project| {
            let r = readiness(p, today());
            exit_verdict(p, &r, &[])
                .criteria
                .into_iter()
                .find(|c| c.label.contains("signed off"))
        };
        let c = criterion(&p).unwrap();
        assert!(!c.passed);
        assert_eq!(c.detail, "Not signed off: Events, Finance");

        p.testing.rounds.push(TestRound::new(RoundId(40), "UAT round 1"));
        for (id, area) in [(30, 10), (31, 11)] {
            let mut s = Scenario::new(ScenarioId(id), format!("scenario {id}"));
            s.area = Some(AreaId(area));
            p.testing.scenarios.push(s);
            let recorded = record_result(
                &p,
                ScenarioId(id),
                RoundId(40),
                TestStatus::Passed,
                Some(StakeholderId(1)),
                today(),
            )
            .unwrap();
            apply(&mut p, recorded.edit).unwrap();
            let edit = sign_off(&p, AreaId(area), StakeholderId(1), today()).unwrap();
            apply(&mut p, edit).unwrap();
        }
        let c = criterion(&p).unwrap();
        assert!(c.passed, "{c:?}");

        // A pass by a consultant is not testing by staff.
        p.stakeholders.push(Stakeholder::new(StakeholderId(2), "Cat"));
        p.stakeholders[1].side = Side::Consultant;
        p.testing.results[0].run_by = Some(StakeholderId(2));
        let c = criterion(&p).unwrap();
        assert_eq!(c.detail, "Passed only by consultants or the vendor: Events");

        p.settings.exit_require_sign_off = false;
        assert!(criterion(&p).is_none());
    }

    #[test]
    fn a_snapshot_replaces_one_taken_the_same_day() {
        let mut p = project();
        let r = readiness(&p, today());
        p.readiness_history = history_with(&p, snapshot(&r, today()));
        p.readiness_history = history_with(&p, snapshot(&r, today()));
        assert_eq!(p.readiness_history.len(), 1);
        assert_eq!(p.readiness_history[0].areas.len(), 2);
    }
}
