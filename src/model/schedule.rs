//! The project's dated items in one list: the milestones (kickoff, go-live, the consultants'
//! exit), kickoff due dates, hand-over target dates and follow-ups from the engagement log.
//! The calendar export, the timeline and its SVG in the report all read this list.

use chrono::NaiveDate;

use super::enums::Choice;
use super::ids::{AreaId, RecordKey, StakeholderId};
use super::people::Phrase;
use super::project::Project;

/// What kind of date an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatedKind {
    Milestone,
    KickoffDue,
    HandoverTarget,
    FollowUp,
}

impl DatedKind {
    pub fn label(self) -> &'static str {
        match self {
            DatedKind::Milestone => "Milestone",
            DatedKind::KickoffDue => "Kickoff item due",
            DatedKind::HandoverTarget => "Hand-over target",
            DatedKind::FollowUp => "Follow-up",
        }
    }
}

/// One date that matters.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedItem {
    /// Unique and unchanging within the project ("handover-12"): with the project's uid it
    /// names the calendar event, so exporting again updates the event instead of adding one.
    pub key: String,
    pub kind: DatedKind,
    pub date: NaiveDate,
    /// A short line, people kept as ids so that names can be hidden when it is shown.
    pub title: Phrase,
    /// More detail for the calendar's description.
    pub detail: Phrase,
    /// The person the item belongs to: the kickoff item's owner, the hand-over's internal owner,
    /// the stakeholder a follow-up is with.
    pub person: Option<StakeholderId>,
    pub area: Option<AreaId>,
    /// Settled, handed over or followed up.
    pub done: bool,
    pub record: Option<RecordKey>,
}

/// Which dated items to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScheduleFilter {
    /// Only the items of this person (milestones are always listed).
    pub person: Option<StakeholderId>,
    /// Only what is still open (milestones are always listed).
    pub open_only: bool,
}

impl ScheduleFilter {
    fn keeps(&self, item: &DatedItem) -> bool {
        if item.kind == DatedKind::Milestone {
            return true;
        }
        let mine = match self.person {
            None => true,
            Some(who) => item.person == Some(who),
        };
        mine && !(self.open_only && item.done)
    }
}

/// Every dated item of the project that `filter` keeps, in date order (ties by kind, then key).
pub fn dated_items(project: &Project, filter: ScheduleFilter) -> Vec<DatedItem> {
    let mut items = Vec::new();
    let d = &project.details;
    for (key, date, what) in [
        ("milestone-kickoff", d.kickoff_date, "Kickoff"),
        ("milestone-go-live", d.go_live_date, "Go-live"),
        ("milestone-exit", d.exit_date, "Consultants' exit"),
    ] {
        if let Some(date) = date {
            let name = if d.name.trim().is_empty() {
                what.to_string()
            } else {
                format!("{what}: {}", d.name.trim())
            };
            items.push(DatedItem {
                key: key.into(),
                kind: DatedKind::Milestone,
                date,
                title: Phrase::text(name),
                detail: Phrase::text(format!("{what} of the project")),
                person: None,
                area: None,
                done: false,
                record: None,
            });
        }
    }
    for k in &project.kickoff {
        if let Some(due) = k.due {
            let mut detail = Phrase::text(format!("Kickoff checklist, {}", k.category));
            if let Some(owner) = k.owner {
                detail = detail.and(". Owner: ").person(owner);
            }
            items.push(DatedItem {
                key: format!("kickoff-{}", k.id),
                kind: DatedKind::KickoffDue,
                date: due,
                title: Phrase::text(format!("Kickoff: {}", k.text)),
                detail,
                person: k.owner,
                area: None,
                done: k.is_done(),
                record: Some(RecordKey::Kickoff(k.id)),
            });
        }
    }
    let area_name = |id| project.area(id).map_or("", |a| a.name.as_str());
    for h in &project.handover {
        if let Some(target) = h.target {
            let mut detail = Phrase::text(format!(
                "Stage: {}. Documentation: {}.",
                h.stage.label(),
                h.documentation.label()
            ));
            if let Some(owner) = h.internal_owner {
                detail = detail.and(" Internal owner: ").person(owner).and(".");
            }
            if let Some(area) = h.area {
                detail = detail.and(format!(" Area: {}.", area_name(area)));
            }
            items.push(DatedItem {
                key: format!("handover-{}", h.id),
                kind: DatedKind::HandoverTarget,
                date: target,
                title: Phrase::text(format!("Hand-over: {}", h.skill)),
                detail,
                person: h.internal_owner,
                area: h.area,
                done: h.stage == super::Stage::StaffAlone,
                record: Some(RecordKey::Handover(h.id)),
            });
        }
    }
    for s in &project.stakeholders {
        for entry in &s.log {
            if let Some(date) = entry.follow_up {
                items.push(DatedItem {
                    key: format!("follow-up-{}-{}", s.id, entry.id),
                    kind: DatedKind::FollowUp,
                    date,
                    title: Phrase::text("Follow up with ").person(s.id),
                    detail: Phrase::text(format!(
                        "After the {} on {}: {}",
                        entry.kind.label().to_lowercase(),
                        entry.date,
                        entry.note
                    )),
                    person: Some(s.id),
                    area: None,
                    done: entry.follow_up_done,
                    record: Some(RecordKey::Stakeholder(s.id)),
                });
            }
        }
    }
    items.retain(|item| filter.keeps(item));
    items.sort_by(|a, b| (a.date, a.kind, &a.key).cmp(&(b.date, b.kind, &b.key)));
    items
}

/// One hand-over item on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaneItem {
    pub id: super::ids::HandoverId,
    pub date: NaiveDate,
    pub stage: super::Stage,
}

/// The hand-over items of one area, by target date.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub area: Option<AreaId>,
    pub name: String,
    /// Sorted by date, then id.
    pub items: Vec<LaneItem>,
}

impl Lane {
    /// The items dated from `from` to `to`, both included, found by binary search.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> std::ops::Range<usize> {
        let start = self.items.partition_point(|i| i.date < from);
        let end = self.items.partition_point(|i| i.date <= to);
        start..end.max(start)
    }
}

/// The hand-over plan as lanes, one per area (in the project's order, then "No area"), and
/// the span of dates to show: every target and milestone, with a little room at both ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Lanes {
    pub lanes: Vec<Lane>,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Hand-over items without a target date, which the timeline cannot place.
    pub undated: usize,
}

pub fn handover_lanes(project: &Project, today: NaiveDate) -> Lanes {
    let mut index = std::collections::HashMap::new();
    let mut lanes: Vec<Lane> = project
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| {
            index.insert(a.id, i);
            Lane {
                area: Some(a.id),
                name: a.name.clone(),
                items: Vec::new(),
            }
        })
        .collect();
    let mut loose = Lane {
        area: None,
        name: "No area".into(),
        items: Vec::new(),
    };
    let mut undated = 0;
    for h in &project.handover {
        let Some(date) = h.target else {
            undated += 1;
            continue;
        };
        let item = LaneItem {
            id: h.id,
            date,
            stage: h.stage,
        };
        match h.area.and_then(|a| index.get(&a)) {
            Some(&i) => lanes[i].items.push(item),
            None => loose.items.push(item),
        }
    }
    if !loose.items.is_empty() {
        lanes.push(loose);
    }
    for lane in &mut lanes {
        lane.items.sort_by_key(|i| (i.date, i.id));
    }
    let d = &project.details;
    let dates = lanes
        .iter()
        .flat_map(|l| [l.items.first(), l.items.last()])
        .flatten()
        .map(|i| i.date)
        .chain(
            [d.kickoff_date, d.go_live_date, d.exit_date, Some(today)]
                .into_iter()
                .flatten(),
        );
    // A week before and two after, so that markers and lines at the ends stay readable.
    let first = dates.clone().min().unwrap_or(today);
    let first = first.checked_sub_days(chrono::Days::new(7)).unwrap_or(first);
    let last = dates.max().unwrap_or(today);
    let last = last.checked_add_days(chrono::Days::new(14)).unwrap_or(last);
    Lanes {
        lanes,
        first,
        last,
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Sizes, generate};

    #[test]
    fn every_dated_record_appears_once_with_a_unique_key() {
        let p = generate(Sizes::uniform(40), 5);
        let items = dated_items(&p, ScheduleFilter::default());
        let dated = p.kickoff.iter().filter(|k| k.due.is_some()).count()
            + p.handover.iter().filter(|h| h.target.is_some()).count()
            + p.stakeholders
                .iter()
                .flat_map(|s| &s.log)
                .filter(|l| l.follow_up.is_some())
                .count()
            + 3;
        assert_eq!(items.len(), dated);
        let mut keys: Vec<_> = items.iter().map(|i| i.key.as_str()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), items.len());
        assert!(items.windows(2).all(|w| w[0].date <= w[1].date));
    }

    #[test]
    fn lanes_hold_every_dated_hand_over_once_in_date_order() {
        let mut p = generate(Sizes::uniform(200), 6);
        p.handover[0].area = None;
        p.handover[1].target = None;
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let lanes = handover_lanes(&p, today);
        let placed: usize = lanes.lanes.iter().map(|l| l.items.len()).sum();
        assert_eq!(placed + lanes.undated, p.handover.len());
        assert_eq!(lanes.undated, p.handover.iter().filter(|h| h.target.is_none()).count());
        assert_eq!(lanes.lanes.last().unwrap().name, "No area");
        for lane in &lanes.lanes {
            assert!(lane.items.windows(2).all(|w| w[0].date <= w[1].date));
            let r = lane.between(lanes.first, lanes.last);
            assert_eq!(r, 0..lane.items.len());
        }
        assert!(lanes.first <= today && lanes.last >= p.details.exit_date.unwrap());
    }

    #[test]
    fn only_mine_and_only_open_keep_the_milestones() {
        let p = generate(Sizes::uniform(40), 5);
        let who = p.handover.iter().find_map(|h| h.internal_owner).unwrap();
        let mine = dated_items(
            &p,
            ScheduleFilter {
                person: Some(who),
                open_only: false,
            },
        );
        assert!(
            mine.iter()
                .all(|i| i.kind == DatedKind::Milestone || i.person == Some(who))
        );
        assert_eq!(mine.iter().filter(|i| i.kind == DatedKind::Milestone).count(), 3);
        let open = dated_items(
            &p,
            ScheduleFilter {
                person: None,
                open_only: true,
            },
        );
        assert!(open.iter().all(|i| !i.done));
        assert!(open.len() < dated_items(&p, ScheduleFilter::default()).len());
    }
}
