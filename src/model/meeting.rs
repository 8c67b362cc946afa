//! Meetings: the internal kickoff, the kickoff with the vendor, the monthly hand-over reviews
//! and the exit review. Each has a date, attendees from the stakeholder register, a timed
//! agenda whose items become section slides, speaker notes for the generated slides, and the
//! minutes taken while it runs.
//!
//! The rules, in one place:
//! - An **action** recorded in a meeting is also a kickoff checklist item with its owner and due
//!   date, added in the same undoable step; the minute keeps a link to it, so the checklist is
//!   where it is tracked and the minutes show how it stands. A **question** to settle becomes an
//!   item too (its owner may come later). A **decision** is only minuted.
//! - Closing a meeting records when it and each agenda item actually began and ended, and adds
//!   "attended" to the engagement log of every attendee (once per meeting).
//! - Agenda items and minutes live inside their meeting, so a meeting is never left with an
//!   agenda item or minute that belongs to nothing; they are still records of their own
//!   ([`RecordKey::Agenda`], [`RecordKey::Minute`]) for selection, edits and deletes.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::columns::{Column, Listed};
use super::edit::{Edit, Record};
use super::enums::{Choice, ContactKind};
use super::ids::{AgendaId, KickoffId, LogId, MeetingId, MinuteId, RecordKey, StakeholderId};
use super::project::{Extra, KickoffItem, LogEntry, Project};

/// What kind of meeting it is; the kickoffs and reviews a project usually holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// Staff only, before the vendor is in the room.
    InternalKickoff,
    VendorKickoff,
    /// The monthly look at how each skill is moving from the consultants to staff.
    HandoverReview,
    /// Are we ready for the consultants to leave?
    ExitReview,
    #[default]
    Other,
}

impl Choice for MeetingKind {
    const ALL: &'static [Self] = &[
        MeetingKind::InternalKickoff,
        MeetingKind::VendorKickoff,
        MeetingKind::HandoverReview,
        MeetingKind::ExitReview,
        MeetingKind::Other,
    ];
    fn label(self) -> &'static str {
        match self {
            MeetingKind::InternalKickoff => "Internal kickoff",
            MeetingKind::VendorKickoff => "Kickoff with the vendor",
            MeetingKind::HandoverReview => "Hand-over review",
            MeetingKind::ExitReview => "Exit review",
            MeetingKind::Other => "Other meeting",
        }
    }
}

/// The slides Steward builds from the project. Agenda items say which of them they show, and
/// each can carry speaker notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SlideKind {
    Title,
    Agenda,
    Commitments,
    Checklist,
    Grid,
    Raci,
    /// The hand-over plan on a timeline.
    Timeline,
    Testing,
    Readiness,
}

impl SlideKind {
    /// The slides an agenda item can show (the title and the agenda always come first).
    pub const SHOWN_UNDER_ITEMS: &'static [SlideKind] = &[
        SlideKind::Commitments,
        SlideKind::Checklist,
        SlideKind::Grid,
        SlideKind::Raci,
        SlideKind::Timeline,
        SlideKind::Testing,
        SlideKind::Readiness,
    ];
}

impl Choice for SlideKind {
    const ALL: &'static [Self] = &[
        SlideKind::Title,
        SlideKind::Agenda,
        SlideKind::Commitments,
        SlideKind::Checklist,
        SlideKind::Grid,
        SlideKind::Raci,
        SlideKind::Timeline,
        SlideKind::Testing,
        SlideKind::Readiness,
    ];
    fn label(self) -> &'static str {
        match self {
            SlideKind::Title => "Title",
            SlideKind::Agenda => "Agenda",
            SlideKind::Commitments => "Commitments",
            SlideKind::Checklist => "Kickoff checklist",
            SlideKind::Grid => "Power and interest grid",
            SlideKind::Raci => "Who owns what (RACI)",
            SlideKind::Timeline => "Hand-over timeline",
            SlideKind::Testing => "Testing and sign-off",
            SlideKind::Readiness => "Exit readiness",
        }
    }
}

/// One meeting of the project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meeting {
    pub id: MeetingId,
    pub title: String,
    #[serde(default)]
    pub kind: MeetingKind,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Who is invited, from the stakeholder register.
    #[serde(default)]
    pub attendees: Vec<StakeholderId>,
    /// In the order it runs.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// Speaker notes for the slides Steward builds, by slide.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub slide_notes: BTreeMap<SlideKind, String>,
    /// Decisions, actions and questions, in the order they were recorded.
    #[serde(default)]
    pub minutes: Vec<Minute>,
    /// When the meeting actually began and ended (from the presenter view's clock).
    #[serde(default)]
    pub started: Option<NaiveDateTime>,
    #[serde(default)]
    pub ended: Option<NaiveDateTime>,
    #[serde(default)]
    pub notes: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One item of an agenda: a section of the slides, with its time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AgendaItem {
    pub id: AgendaId,
    pub title: String,
    #[serde(default)]
    pub presenter: Option<StakeholderId>,
    /// The time planned for it, in minutes.
    #[serde(default)]
    pub planned_minutes: u32,
    /// Speaker notes, shown to the presenter on the item's slides.
    #[serde(default)]
    pub notes: String,
    /// The slides shown under this item, after its section slide.
    #[serde(default)]
    pub slides: Vec<SlideKind>,
    /// When it actually began and ended.
    #[serde(default)]
    pub started: Option<NaiveDateTime>,
    #[serde(default)]
    pub ended: Option<NaiveDateTime>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What a minute records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum MinuteKind {
    #[default]
    Decision,
    /// Someone will do something by a date: tracked as a kickoff checklist item.
    Action,
    /// A question the meeting could not settle: tracked as a kickoff checklist item.
    Question,
}

impl Choice for MinuteKind {
    const ALL: &'static [Self] = &[MinuteKind::Decision, MinuteKind::Action, MinuteKind::Question];
    fn label(self) -> &'static str {
        match self {
            MinuteKind::Decision => "Decision",
            MinuteKind::Action => "Action",
            MinuteKind::Question => "Question to settle",
        }
    }
}

/// A decision, action or question recorded during a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Minute {
    pub id: MinuteId,
    #[serde(default)]
    pub kind: MinuteKind,
    pub text: String,
    /// The agenda item it was recorded on, if any.
    #[serde(default)]
    pub agenda: Option<AgendaId>,
    /// The slide it was recorded on, if it was one Steward builds.
    #[serde(default)]
    pub slide: Option<SlideKind>,
    /// The checklist item that tracks an action or a question.
    #[serde(default)]
    pub item: Option<KickoffId>,
    #[serde(default)]
    pub recorded: Option<NaiveDateTime>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Meeting {
    pub fn new(id: MeetingId, title: impl Into<String>) -> Self {
        Meeting {
            id,
            title: title.into(),
            kind: MeetingKind::Other,
            date: None,
            attendees: Vec::new(),
            agenda: Vec::new(),
            slide_notes: BTreeMap::new(),
            minutes: Vec::new(),
            started: None,
            ended: None,
            notes: String::new(),
            extra: Extra::new(),
        }
    }

    /// The minutes planned for the whole agenda.
    pub fn planned_minutes(&self) -> u32 {
        self.agenda.iter().map(|a| a.planned_minutes).sum()
    }

    /// Whether the meeting has taken place (its times were recorded).
    pub fn is_held(&self) -> bool {
        self.started.is_some()
    }

    pub fn agenda_item(&self, id: AgendaId) -> Option<&AgendaItem> {
        self.agenda.iter().find(|a| a.id == id)
    }

    /// How many minutes of each kind were recorded.
    pub fn count(&self, kind: MinuteKind) -> usize {
        self.minutes.iter().filter(|m| m.kind == kind).count()
    }

    /// The speaker notes for one of the slides Steward builds ("" when none).
    pub fn notes_for(&self, slide: SlideKind) -> &str {
        self.slide_notes.get(&slide).map_or("", String::as_str)
    }

    /// "Kickoff with the vendor, 14 September 2026".
    pub fn describe(&self) -> String {
        match self.date {
            Some(date) => format!("{} · {}", self.title, date.format("%-d %B %Y")),
            None => self.title.clone(),
        }
    }
}

impl AgendaItem {
    pub fn new(id: AgendaId, title: impl Into<String>, minutes: u32) -> Self {
        AgendaItem {
            id,
            title: title.into(),
            presenter: None,
            planned_minutes: minutes,
            notes: String::new(),
            slides: Vec::new(),
            started: None,
            ended: None,
            extra: Extra::new(),
        }
    }
}

impl Project {
    pub fn meeting(&self, id: MeetingId) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// The meeting holding this agenda item, and the item.
    pub fn agenda_item(&self, id: AgendaId) -> Option<(&Meeting, &AgendaItem)> {
        self.meetings.iter().find_map(|m| m.agenda_item(id).map(|a| (m, a)))
    }

    /// The meeting holding this minute, and the minute.
    pub fn minute(&self, id: MinuteId) -> Option<(&Meeting, &Minute)> {
        self.meetings
            .iter()
            .find_map(|m| m.minutes.iter().find(|x| x.id == id).map(|x| (m, x)))
    }

    /// The minute that created this checklist item, with its meeting.
    pub fn minute_for_item(&self, item: KickoffId) -> Option<(&Meeting, &Minute)> {
        self.meetings
            .iter()
            .find_map(|m| m.minutes.iter().find(|x| x.item == Some(item)).map(|x| (m, x)))
    }
}

/// The meeting to present when none is chosen: the first one not yet held that is dated today
/// or later (or not dated at all), taking dated meetings in date order.
pub fn next_meeting(project: &Project, today: NaiveDate) -> Option<MeetingId> {
    let mut open: Vec<&Meeting> = project
        .meetings
        .iter()
        .filter(|m| !m.is_held() && m.date.is_none_or(|d| d >= today))
        .collect();
    open.sort_by_key(|m| (m.date.is_none(), m.date));
    open.first().map(|m| m.id)
}

/// The meeting whose minutes are wanted when none is named: the latest one held (or, when none
/// was held, the latest dated on or before `today`, else the first).
pub fn latest_meeting(project: &Project, today: NaiveDate) -> Option<MeetingId> {
    let held = project
        .meetings
        .iter()
        .filter(|m| m.is_held())
        .max_by_key(|m| m.started);
    let past = || {
        project
            .meetings
            .iter()
            .filter(|m| m.date.is_some_and(|d| d <= today))
            .max_by_key(|m| m.date)
    };
    held.or_else(past).or(project.meetings.first()).map(|m| m.id)
}

/// What the presenter typed to record a minute.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MinuteDraft {
    pub kind: MinuteKind,
    pub text: String,
    /// For an action (required) or a question (optional): who settles it.
    pub owner: Option<StakeholderId>,
    pub due: Option<NaiveDate>,
    pub agenda: Option<AgendaId>,
    pub slide: Option<SlideKind>,
}

/// The category that checklist items made from minutes are filed under.
pub const ACTIONS_CATEGORY: &str = "Meeting actions";
pub const QUESTIONS_CATEGORY: &str = "Open questions";

/// The one undoable edit that records `draft` in the meeting's minutes; an action or a question
/// also becomes a kickoff checklist item (with its owner and due date) in the same step.
/// Returns the edit and what to call it in the undo history.
pub fn record_minute(
    project: &Project,
    meeting: MeetingId,
    draft: &MinuteDraft,
    now: NaiveDateTime,
) -> Result<(Edit, String), String> {
    let m = project.meeting(meeting).ok_or("the meeting no longer exists")?;
    let text = draft.text.trim();
    if crate::sanitize::is_visibly_empty(text) {
        return Err(format!("write the {} first", draft.kind.label().to_lowercase()));
    }
    if draft.kind == MinuteKind::Action && draft.owner.is_none() {
        return Err("an action needs an owner: choose who will do it".into());
    }
    let mut id = project.fresh_id();
    let mut edits = Vec::new();
    let item = if draft.kind == MinuteKind::Decision {
        None
    } else {
        let mut item = KickoffItem::new(KickoffId(id), text);
        id += 1;
        item.category = match draft.kind {
            MinuteKind::Question => QUESTIONS_CATEGORY,
            _ => ACTIONS_CATEGORY,
        }
        .into();
        item.owner = draft.owner;
        item.due = draft.due;
        item.notes = format!("From the minutes of {}.", m.describe());
        let key = item.id;
        edits.push(Edit::Insert {
            index: project.kickoff.len(),
            record: Record::Kickoff(item),
        });
        Some(key)
    };
    let minute = Minute {
        id: MinuteId(id),
        kind: draft.kind,
        text: text.to_string(),
        agenda: draft.agenda.filter(|a| m.agenda_item(*a).is_some()),
        slide: draft.slide,
        item,
        recorded: Some(now),
        extra: Extra::new(),
    };
    edits.push(Edit::Insert {
        index: m.minutes.len(),
        record: Record::Minute(meeting, minute),
    });
    let label = match draft.kind {
        MinuteKind::Decision => "Record a decision",
        MinuteKind::Action => "Record an action",
        MinuteKind::Question => "Record a question to settle",
    };
    Ok((Edit::Batch(edits), label.to_string()))
}

/// When a meeting and its agenda items actually ran, as the presenter view's clock saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingTimes {
    pub started: NaiveDateTime,
    pub ended: NaiveDateTime,
    /// (item, first began, last ended) for every item that was reached.
    pub items: Vec<(AgendaId, NaiveDateTime, NaiveDateTime)>,
}

/// The one undoable edit that records the meeting's actual times and its attendance. `None`
/// when the meeting no longer exists, or when it was held on another day and everyone's
/// attendance is already recorded.
pub fn close_meeting(project: &Project, meeting: MeetingId, times: &MeetingTimes) -> Option<Edit> {
    let mut m = project.meeting(meeting)?.clone();
    // A meeting held on another day keeps its times: showing its slides again later (to go
    // over the minutes) does not move them.
    let same_day = m.started.is_none_or(|s| s.date() == times.started.date());
    if !same_day {
        let date = m.date.unwrap_or(times.started.date());
        let edits = attendance(project, meeting, date);
        return (!edits.is_empty()).then_some(Edit::Batch(edits));
    }
    m.started = Some(m.started.map_or(times.started, |s| s.min(times.started)));
    m.ended = Some(m.ended.map_or(times.ended, |e| e.max(times.ended)));
    for (id, start, end) in &times.items {
        if let Some(item) = m.agenda.iter_mut().find(|a| a.id == *id) {
            item.started = Some(item.started.map_or(*start, |s| s.min(*start)));
            item.ended = Some(item.ended.map_or(*end, |e| e.max(*end)));
        }
    }
    let date = m.date.unwrap_or(times.started.date());
    let mut edits = vec![Edit::Put(Record::Meeting(m))];
    edits.extend(attendance(project, meeting, date));
    Some(Edit::Batch(edits))
}

/// Marks a meeting as held without the clock (it was run elsewhere): its attendance goes into
/// the engagement logs. `None` when there is nothing to record.
pub fn record_attendance(project: &Project, meeting: MeetingId, today: NaiveDate) -> Option<Edit> {
    let m = project.meeting(meeting)?;
    let edits = attendance(project, meeting, m.date.unwrap_or(today));
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// An "attended" entry in the engagement log of each attendee who has none for this meeting.
fn attendance(project: &Project, meeting: MeetingId, date: NaiveDate) -> Vec<Edit> {
    let Some(m) = project.meeting(meeting) else {
        return Vec::new();
    };
    let mut id = project.fresh_id();
    let mut edits = Vec::new();
    for who in &m.attendees {
        let Some(person) = project.stakeholder(*who) else {
            continue;
        };
        if person.log.iter().any(|l| l.meeting == Some(meeting)) {
            continue;
        }
        let mut person = person.clone();
        person.log.push(LogEntry {
            id: LogId(id),
            date,
            kind: ContactKind::Meeting,
            note: format!("Attended {}", m.title),
            follow_up: None,
            follow_up_done: false,
            meeting: Some(meeting),
            extra: Extra::new(),
        });
        id += 1;
        edits.push(Edit::Put(Record::Stakeholder(person)));
    }
    edits
}

/// Who attended: how many people have this meeting in their engagement log.
pub fn attended(project: &Project, meeting: MeetingId) -> usize {
    project
        .stakeholders
        .iter()
        .filter(|s| s.log.iter().any(|l| l.meeting == Some(meeting)))
        .count()
}

/// What refers to a meeting record, for the question before it is deleted.
pub(super) fn references(project: &Project, key: RecordKey) -> Vec<String> {
    match key {
        RecordKey::Meeting(id) => {
            let Some(m) = project.meeting(id) else {
                return Vec::new();
            };
            let mut refs = Vec::new();
            if !m.agenda.is_empty() {
                refs.push(format!("{} agenda item(s) (deleted with it)", m.agenda.len()));
            }
            if !m.minutes.is_empty() {
                refs.push(format!(
                    "{} minute(s) (deleted with it; checklist items made from actions stay)",
                    m.minutes.len()
                ));
            }
            let logged = attended(project, id);
            if logged > 0 {
                refs.push(format!("attendance in {logged} engagement log(s) (the entries stay)"));
            }
            refs
        }
        RecordKey::Agenda(id) => project
            .meetings
            .iter()
            .flat_map(|m| m.minutes.iter())
            .filter(|x| x.agenda == Some(id))
            .map(|x| format!("{} \"{}\" recorded on it (kept)", x.kind.label().to_lowercase(), x.text))
            .collect(),
        RecordKey::Minute(id) => project
            .minute(id)
            .and_then(|(_, x)| x.item)
            .and_then(|item| project.kickoff.iter().find(|k| k.id == item))
            .map(|k| vec![format!("kickoff item \"{}\" (stays in the checklist)", k.text)])
            .unwrap_or_default(),
        RecordKey::Kickoff(item) => project
            .minute_for_item(item)
            .map(|(m, x)| {
                vec![format!(
                    "{} recorded at {} (the minute stays)",
                    x.kind.label().to_lowercase(),
                    m.title
                )]
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The edits that clear what points at the record before it is removed (links from minutes,
/// from engagement logs); the removal itself follows them.
pub(super) fn unlink(project: &Project, key: RecordKey) -> Vec<Edit> {
    let mut edits = Vec::new();
    match key {
        RecordKey::Meeting(id) => {
            for s in project
                .stakeholders
                .iter()
                .filter(|s| s.log.iter().any(|l| l.meeting == Some(id)))
            {
                let mut s = s.clone();
                for l in s.log.iter_mut().filter(|l| l.meeting == Some(id)) {
                    l.meeting = None;
                }
                edits.push(Edit::Put(Record::Stakeholder(s)));
            }
        }
        RecordKey::Agenda(id) => {
            for m in &project.meetings {
                for x in m.minutes.iter().filter(|x| x.agenda == Some(id)) {
                    let mut x = x.clone();
                    x.agenda = None;
                    edits.push(Edit::Put(Record::Minute(m.id, x)));
                }
            }
        }
        RecordKey::Kickoff(item) => {
            for m in &project.meetings {
                for x in m.minutes.iter().filter(|x| x.item == Some(item)) {
                    let mut x = x.clone();
                    x.item = None;
                    edits.push(Edit::Put(Record::Minute(m.id, x)));
                }
            }
        }
        _ => {}
    }
    edits
}

/// A stakeholder about to be deleted leaves the attendee lists and stops presenting.
pub(super) fn forget_person(project: &Project, who: StakeholderId) -> Vec<Edit> {
    project
        .meetings
        .iter()
        .filter(|m| m.attendees.contains(&who) || m.agenda.iter().any(|a| a.presenter == Some(who)))
        .map(|m| {
            let mut m = m.clone();
            m.attendees.retain(|a| *a != who);
            for a in m.agenda.iter_mut().filter(|a| a.presenter == Some(who)) {
                a.presenter = None;
            }
            Edit::Put(Record::Meeting(m))
        })
        .collect()
}

/// Where a stakeholder appears in meetings, for the question before they are deleted.
pub(super) fn person_references(project: &Project, who: StakeholderId) -> Vec<String> {
    let mut refs = Vec::new();
    for m in &project.meetings {
        if m.attendees.contains(&who) {
            refs.push(format!("attendee of meeting \"{}\"", m.title));
        }
        for a in m.agenda.iter().filter(|a| a.presenter == Some(who)) {
            refs.push(format!("presenter of agenda item \"{}\"", a.title));
        }
    }
    refs
}

fn date(d: Option<NaiveDate>) -> Cow<'static, str> {
    d.map_or(Cow::Borrowed(""), |d| Cow::Owned(d.to_string()))
}

type M = Column<Meeting>;
static MEETING_COLUMNS: &[Column<Meeting>] = &[
    M::export_only("Id", |m, _| Cow::Owned(m.id.to_string())),
    M::new("Date", 95.0, |m, _| date(m.date))
        .sorted_by(|a, b| (a.date.is_none(), a.date).cmp(&(b.date.is_none(), b.date))),
    M::new("Meeting", 220.0, |m, _| Cow::Borrowed(&m.title)),
    M::new("Kind", 150.0, |m, _| Cow::Borrowed(m.kind.label())).sorted_by(|a, b| a.kind.cmp(&b.kind)),
    M::new("Attendees", 80.0, |m, _| Cow::Owned(m.attendees.len().to_string()))
        .sorted_by(|a, b| b.attendees.len().cmp(&a.attendees.len())),
    M::new("Agenda", 120.0, |m, _| {
        let items = if m.agenda.len() == 1 { "item" } else { "items" };
        Cow::Owned(format!("{} {items}, {} min", m.agenda.len(), m.planned_minutes()))
    })
    .sorted_by(|a, b| a.planned_minutes().cmp(&b.planned_minutes())),
    M::new("Minutes", 170.0, |m, _| {
        let n = |kind, one, many| match m.count(kind) {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        Cow::Owned(format!(
            "{}, {}",
            n(MinuteKind::Decision, "decision", "decisions"),
            n(MinuteKind::Action, "action", "actions")
        ))
    })
    .sorted_by(|a, b| a.minutes.len().cmp(&b.minutes.len())),
    M::new("Held", 110.0, |m, _| match (m.started, m.ended) {
        (Some(s), Some(e)) => Cow::Owned(format!("{}–{}", s.format("%H:%M"), e.format("%H:%M"))),
        (Some(s), None) => Cow::Owned(s.format("%H:%M").to_string()),
        _ => Cow::Borrowed(""),
    })
    .sorted_by(|a, b| a.started.cmp(&b.started)),
];

impl Listed for Meeting {
    const NOUN: &'static str = "meeting";
    fn rows(project: &Project) -> &[Self] {
        &project.meetings
    }
    fn key(&self) -> RecordKey {
        RecordKey::Meeting(self.id)
    }
    fn into_record(self) -> Record {
        Record::Meeting(self)
    }
    fn columns() -> &'static [Column<Self>] {
        MEETING_COLUMNS
    }
}

/// Structural checks on meetings: every attendee and presenter exists, no one is listed twice.
/// Reports a reference to a stakeholder who does not exist (see `validate`).
type PersonCheck<'a> = &'a dyn Fn(&dyn Fn() -> String, Option<StakeholderId>, &mut dyn FnMut(String));

pub(super) fn validate_meetings(project: &Project, push: &mut dyn FnMut(String), person: PersonCheck) {
    for m in &project.meetings {
        let what = format!("meeting \"{}\"", crate::sanitize::escape_controls(&m.title));
        if crate::sanitize::is_visibly_empty(&m.title) {
            push(format!("meeting id {} has no title", m.id));
        }
        let mut seen = std::collections::HashSet::new();
        for a in &m.attendees {
            person(&|| format!("the attendees of {what}"), Some(*a), push);
            if !seen.insert(*a) {
                push(format!("{what} lists stakeholder id {a} as an attendee more than once"));
            }
        }
        for a in &m.agenda {
            person(&|| format!("agenda item \"{}\" of {what}", a.title), a.presenter, push);
            if a.planned_minutes > MAX_ITEM_MINUTES {
                push(format!(
                    "agenda item \"{}\" of {what}: the time planned must be 0 to {MAX_ITEM_MINUTES} minutes, not {}",
                    a.title, a.planned_minutes
                ));
            }
        }
        for x in &m.minutes {
            if let Some(a) = x.agenda
                && m.agenda_item(a).is_none()
            {
                push(format!(
                    "minute id {} of {what} refers to agenda item id {a}, which is not on its agenda",
                    x.id
                ));
            }
        }
    }
}

/// The longest agenda item the file accepts: a whole day.
pub const MAX_ITEM_MINUTES: u32 = 24 * 60;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stakeholder, apply, validate};

    const ANN: StakeholderId = StakeholderId(1);
    const BEN: StakeholderId = StakeholderId(2);
    const KICKOFF: MeetingId = MeetingId(10);
    const ROLES: AgendaId = AgendaId(11);

    fn at(hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 9, 14)
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    }

    fn project() -> Project {
        let mut p = Project::default();
        p.stakeholders.push(Stakeholder::new(ANN, "Ann"));
        p.stakeholders.push(Stakeholder::new(BEN, "Ben"));
        let mut m = Meeting::new(KICKOFF, "Kickoff with the vendor");
        m.date = NaiveDate::from_ymd_opt(2026, 9, 14);
        m.attendees = vec![ANN, BEN];
        let mut roles = AgendaItem::new(ROLES, "Roles and ownership", 20);
        roles.presenter = Some(ANN);
        m.agenda.push(roles);
        m.agenda.push(AgendaItem::new(AgendaId(12), "Questions", 10));
        p.meetings.push(m);
        p
    }

    #[test]
    fn an_action_becomes_a_checklist_item_with_its_owner_in_one_undoable_step() {
        let mut p = project();
        let before = p.clone();
        let draft = MinuteDraft {
            kind: MinuteKind::Action,
            text: "  Send the data migration plan ".into(),
            owner: Some(BEN),
            due: NaiveDate::from_ymd_opt(2026, 9, 28),
            agenda: Some(ROLES),
            slide: Some(SlideKind::Raci),
        };
        let (edit, label) = record_minute(&p, KICKOFF, &draft, at(10, 12)).unwrap();
        assert_eq!(label, "Record an action");
        let inverse = apply(&mut p, edit).unwrap();
        assert!(validate(&p).is_empty(), "{:?}", validate(&p));
        let item = p.kickoff.last().unwrap();
        assert_eq!(item.text, "Send the data migration plan");
        assert_eq!((item.owner, item.due), (Some(BEN), draft.due));
        assert_eq!(item.category, ACTIONS_CATEGORY);
        let minute = &p.meetings[0].minutes[0];
        assert_eq!(minute.item, Some(item.id));
        assert_eq!(minute.agenda, Some(ROLES));
        assert_eq!(minute.recorded, Some(at(10, 12)));
        assert_ne!(minute.id.0, item.id.0, "every record has its own id");
        assert_eq!(p.minute_for_item(item.id).map(|(m, _)| m.id), Some(KICKOFF));
        apply(&mut p, inverse).unwrap();
        assert_eq!(p, before, "undo takes both the minute and the item away");
    }

    #[test]
    fn a_decision_is_only_minuted_and_an_action_needs_an_owner_and_text() {
        let mut p = project();
        let decision = MinuteDraft {
            text: "Weekly status on Tuesdays".into(),
            ..Default::default()
        };
        let (edit, _) = record_minute(&p, KICKOFF, &decision, at(10, 5)).unwrap();
        apply(&mut p, edit).unwrap();
        assert!(p.kickoff.is_empty());
        assert_eq!(p.meetings[0].count(MinuteKind::Decision), 1);
        let action = MinuteDraft {
            kind: MinuteKind::Action,
            text: "Book the training room".into(),
            ..Default::default()
        };
        assert!(
            record_minute(&p, KICKOFF, &action, at(10, 6))
                .unwrap_err()
                .contains("owner")
        );
        let empty = MinuteDraft {
            text: " \u{200B} ".into(),
            ..Default::default()
        };
        assert!(record_minute(&p, KICKOFF, &empty, at(10, 6)).is_err());
        let question = MinuteDraft {
            kind: MinuteKind::Question,
            text: "Who approves change requests?".into(),
            ..Default::default()
        };
        let (edit, _) = record_minute(&p, KICKOFF, &question, at(10, 7)).unwrap();
        apply(&mut p, edit).unwrap();
        assert_eq!(p.kickoff[0].category, QUESTIONS_CATEGORY);
        assert_eq!(p.kickoff[0].owner, None);
    }

    #[test]
    fn closing_records_the_times_and_attendance_once() {
        let mut p = project();
        let times = MeetingTimes {
            started: at(10, 0),
            ended: at(10, 41),
            items: vec![(ROLES, at(10, 2), at(10, 30))],
        };
        let before = p.clone();
        let edit = close_meeting(&p, KICKOFF, &times).unwrap();
        let inverse = apply(&mut p, edit).unwrap();
        let m = &p.meetings[0];
        assert_eq!((m.started, m.ended), (Some(at(10, 0)), Some(at(10, 41))));
        assert_eq!(m.agenda[0].started, Some(at(10, 2)));
        assert_eq!(m.agenda[1].started, None, "not reached");
        assert_eq!(attended(&p, KICKOFF), 2);
        let log = &p.stakeholders[0].log[0];
        assert_eq!(log.date, NaiveDate::from_ymd_opt(2026, 9, 14).unwrap());
        assert_eq!(log.note, "Attended Kickoff with the vendor");
        assert!(validate(&p).is_empty(), "{:?}", validate(&p));
        let after = p.clone();
        apply(&mut p, inverse).unwrap();
        assert_eq!(p, before, "one undo step takes times and attendance back");
        p = after;
        // Presenting again later extends the times and logs nobody twice.
        let later = MeetingTimes {
            started: at(10, 50),
            ended: at(11, 0),
            items: vec![(ROLES, at(10, 50), at(10, 55))],
        };
        let edit = close_meeting(&p, KICKOFF, &later).unwrap();
        apply(&mut p, edit).unwrap();
        assert_eq!(p.meetings[0].ended, Some(at(11, 0)));
        assert_eq!(p.meetings[0].started, Some(at(10, 0)));
        assert_eq!(p.meetings[0].agenda[0].ended, Some(at(10, 55)));
        assert_eq!(p.stakeholders[0].log.len(), 1);
        assert_eq!(record_attendance(&p, KICKOFF, at(12, 0).date()), None);
        // Weeks later, going over the slides again changes nothing.
        let weeks_later = MeetingTimes {
            started: at(10, 0) + chrono::Duration::days(30),
            ended: at(11, 0) + chrono::Duration::days(30),
            items: vec![(
                ROLES,
                at(10, 0) + chrono::Duration::days(30),
                at(10, 5) + chrono::Duration::days(30),
            )],
        };
        assert_eq!(close_meeting(&p, KICKOFF, &weeks_later), None);
    }

    #[test]
    fn deleting_clears_links_and_undoes_exactly() {
        let mut p = project();
        let draft = MinuteDraft {
            kind: MinuteKind::Action,
            text: "Send the plan".into(),
            owner: Some(ANN),
            agenda: Some(ROLES),
            ..Default::default()
        };
        let edit = record_minute(&p, KICKOFF, &draft, at(10, 0)).unwrap().0;
        apply(&mut p, edit).unwrap();
        let times = MeetingTimes {
            started: at(10, 0),
            ended: at(10, 30),
            items: vec![],
        };
        let edit = close_meeting(&p, KICKOFF, &times).unwrap();
        apply(&mut p, edit).unwrap();
        let item = p.kickoff[0].id;
        for key in [
            RecordKey::Kickoff(item),
            RecordKey::Agenda(ROLES),
            RecordKey::Meeting(KICKOFF),
            RecordKey::Stakeholder(ANN),
        ] {
            let before = p.clone();
            assert!(!crate::model::references(&p, key).is_empty(), "{key:?}");
            let inverse = apply(&mut p, crate::model::delete(&before, key)).unwrap();
            assert!(validate(&p).is_empty(), "{key:?}: {:?}", validate(&p));
            assert!(crate::model::record_name(&p, key).is_none(), "{key:?} is gone");
            apply(&mut p, inverse).unwrap();
            assert_eq!(p, before, "{key:?}");
        }
    }

    #[test]
    fn the_meeting_to_present_is_the_next_one_not_yet_held() {
        let mut p = project();
        let day = |d| NaiveDate::from_ymd_opt(2026, 9, d).unwrap();
        let mut review = Meeting::new(MeetingId(20), "Hand-over review");
        review.date = Some(day(30));
        p.meetings.push(review);
        assert_eq!(next_meeting(&p, day(1)), Some(KICKOFF));
        assert_eq!(next_meeting(&p, day(15)), Some(MeetingId(20)), "the kickoff is past");
        p.meetings[0].started = Some(at(10, 0));
        assert_eq!(next_meeting(&p, day(1)), Some(MeetingId(20)), "the kickoff was held");
        assert_eq!(latest_meeting(&p, day(20)), Some(KICKOFF));
        p.meetings[1].started = Some(at(10, 0));
        assert_eq!(next_meeting(&p, day(1)), None);
    }

    #[test]
    fn validation_names_missing_people_and_stray_links() {
        let mut p = project();
        p.meetings[0].attendees.push(StakeholderId(99));
        p.meetings[0].agenda[1].planned_minutes = 100_000;
        p.meetings[0].minutes.push(Minute {
            id: MinuteId(30),
            kind: MinuteKind::Decision,
            text: "x".into(),
            agenda: Some(AgendaId(77)),
            slide: None,
            item: None,
            recorded: None,
            extra: Extra::new(),
        });
        let problems: Vec<String> = validate(&p).into_iter().map(|p| p.0).collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("stakeholder id 99"));
        p.meetings[0].agenda[0].id = AgendaId(1);
        assert!(validate(&p).iter().any(|x| x.0.contains("id 1 is used by both")));
    }

    #[test]
    fn minutes_taken_on_two_computers_at_once_merge_without_losing_either() {
        let base = project();
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        let draft = |text: &str, owner| MinuteDraft {
            kind: MinuteKind::Action,
            text: text.into(),
            owner: Some(owner),
            ..Default::default()
        };
        // Both take the same fresh ids for their checklist item and their minute.
        apply(
            &mut mine,
            record_minute(&base, KICKOFF, &draft("Mine", ANN), at(10, 0)).unwrap().0,
        )
        .unwrap();
        apply(
            &mut theirs,
            record_minute(&base, KICKOFF, &draft("Theirs", BEN), at(10, 1))
                .unwrap()
                .0,
        )
        .unwrap();
        let mut newcomer = Stakeholder::new(StakeholderId(theirs.fresh_id()), "Cleo");
        newcomer.role = "Treasurer".into();
        theirs.stakeholders.push(newcomer);
        let merged = crate::model::merge::merge(&base, &mine, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let p = &merged.project;
        assert!(validate(p).is_empty(), "{:?}", validate(p));
        let mut minutes: Vec<&str> = p.meetings[0].minutes.iter().map(|x| x.text.as_str()).collect();
        minutes.sort();
        assert_eq!(minutes, ["Mine", "Theirs"]);
        for x in &p.meetings[0].minutes {
            let item = p.kickoff.iter().find(|k| Some(k.id) == x.item).unwrap();
            assert_eq!(item.text, x.text, "each minute still points at its own item");
        }
        // The merge arrives in the window as one edit that gives exactly the merged project.
        let mut window = mine.clone();
        apply(&mut window, crate::model::merge::diff(&mine, p)).unwrap();
        assert_eq!(&window, p);
    }

    #[test]
    fn a_meeting_reads_back_as_written() {
        let mut p = project();
        p.meetings[0]
            .slide_notes
            .insert(SlideKind::Raci, "Ask Ann to explain".into());
        p.meetings[0].agenda[0].slides = vec![SlideKind::Raci, SlideKind::Grid];
        let json = serde_json::to_string(&p.meetings[0]).unwrap();
        assert!(
            json.contains("\"slide_notes\":{\"raci\":\"Ask Ann to explain\"}"),
            "{json}"
        );
        let back: Meeting = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p.meetings[0]);
        let minimal: Meeting = serde_json::from_str(r#"{"id":3,"title":"Exit review"}"#).unwrap();
        assert_eq!(minimal, Meeting::new(MeetingId(3), "Exit review"));
    }
}
