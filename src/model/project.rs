//! The project file's data: plain structs, serializable, with no UI in them.
//!
//! Every record keeps the fields this version does not know in `extra`, so a file written by a
//! newer minor version (or edited by hand) loses nothing when it is saved again.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::enums::{ContactKind, DocStatus, Engagement, Quadrant, Raci, Side, Stage};
use super::ids::{AreaId, HandoverId, KickoffId, LogId, MeetingId, StakeholderId};
use super::meeting::Meeting;
use super::number;
use super::testing::TestPlan;

/// Fields this version of Steward does not know, kept as they were read.
pub type Extra = Map<String, Value>;

/// One implementation project: everything in one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
pub struct Project {
    pub details: ProjectDetails,
    #[serde(default)]
    pub settings: ProjectSettings,
    #[serde(default)]
    pub areas: Vec<Area>,
    #[serde(default)]
    pub stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    pub kickoff: Vec<KickoffItem>,
    #[serde(default)]
    pub handover: Vec<HandoverItem>,
    /// What the organization commits to, shown on the commitments slide.
    #[serde(default)]
    pub commitments: Vec<String>,
    /// Recorded exit-readiness figures, oldest first.
    #[serde(default)]
    pub readiness_history: Vec<ReadinessSnapshot>,
    /// Acceptance testing by staff: scenarios, rounds, results and sign-offs.
    #[serde(default)]
    pub testing: TestPlan,
    /// The kickoffs and reviews, with their agendas and minutes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The project's name, parties, key dates and owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
pub struct ProjectDetails {
    pub name: String,
    /// An identifier that never changes, not even when the project is renamed: calendar events
    /// are named after it, so importing a calendar again updates events instead of adding them.
    /// Empty in files written before it existed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    #[serde(default)]
    pub organization: String,
    /// The business system being implemented (AMS, CRM, ERP ...).
    #[serde(default)]
    pub system: String,
    /// The vendor or consultancy doing the implementation.
    #[serde(default)]
    pub vendor: String,
    #[serde(default)]
    pub kickoff_date: Option<NaiveDate>,
    #[serde(default)]
    pub go_live_date: Option<NaiveDate>,
    #[serde(default)]
    pub exit_date: Option<NaiveDate>,
    /// The one person who owns the system after go-live.
    #[serde(default)]
    pub system_owner: Option<StakeholderId>,
    /// A small ownership team, ideally someone from each key area.
    #[serde(default)]
    pub ownership_team: Vec<StakeholderId>,
    #[serde(default)]
    pub notes: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Thresholds the owner can tune for the findings and the exit verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProjectSettings {
    /// More areas or hand-over items than this for one person is a single point of failure.
    #[serde(default = "default_max_load", deserialize_with = "number::u32")]
    pub max_load_per_person: u32,
    /// Every area must be at least this ready (percent) for a "go" at the exit date.
    #[serde(default = "default_area_ready", deserialize_with = "number::u32")]
    pub exit_min_area_readiness: u32,
    /// Whether high-severity findings block a "go".
    #[serde(default = "default_true")]
    pub exit_block_on_high_findings: bool,
    /// Whether every area must be signed off after testing by staff for a "go".
    #[serde(default = "default_true")]
    pub exit_require_sign_off: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

fn default_max_load() -> u32 {
    6
}
fn default_area_ready() -> u32 {
    90
}
fn default_true() -> bool {
    true
}

impl Default for ProjectSettings {
    fn default() -> Self {
        ProjectSettings {
            max_load_per_person: default_max_load(),
            exit_min_area_readiness: default_area_ready(),
            exit_block_on_high_findings: true,
            exit_require_sign_off: true,
            extra: Extra::new(),
        }
    }
}

/// A functional area of the system (membership, events, finance ...) with its RACI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Area {
    pub id: AreaId,
    pub name: String,
    /// Key areas must be represented in the ownership team.
    #[serde(default)]
    pub key: bool,
    #[serde(default)]
    pub description: String,
    /// Who is Responsible, Accountable, Consulted or Informed here: one letter per person.
    #[serde(default)]
    pub raci: Vec<RaciAssignment>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Area {
    pub fn role_of(&self, who: StakeholderId) -> Option<Raci> {
        self.raci.iter().find(|a| a.stakeholder == who).map(|a| a.role)
    }

    /// Sets or clears one person's letter, keeping at most one letter per person.
    pub fn set_role(&mut self, who: StakeholderId, role: Option<Raci>) {
        self.raci.retain(|a| a.stakeholder != who);
        if let Some(role) = role {
            self.raci.push(RaciAssignment {
                stakeholder: who,
                role,
                extra: Extra::new(),
            });
        }
    }

    pub fn holders(&self, role: Raci) -> impl Iterator<Item = StakeholderId> + '_ {
        self.raci.iter().filter(move |a| a.role == role).map(|a| a.stakeholder)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RaciAssignment {
    pub stakeholder: StakeholderId,
    pub role: Raci,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A person with a stake in the implementation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stakeholder {
    pub id: StakeholderId,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub side: Side,
    /// Power or influence over the project, 1 to 5.
    #[serde(default = "default_score", deserialize_with = "number::u8")]
    pub power: u8,
    /// Interest in the project, 1 to 5.
    #[serde(default = "default_score", deserialize_with = "number::u8")]
    pub interest: u8,
    #[serde(default)]
    pub engagement_now: Engagement,
    #[serde(default)]
    pub engagement_wanted: Engagement,
    /// What this person gains from the new system, in their own terms.
    #[serde(default)]
    pub benefit: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub notes: String,
    /// Dated contacts with this person, oldest first.
    #[serde(default)]
    pub log: Vec<LogEntry>,
    #[serde(flatten)]
    pub extra: Extra,
}

fn default_score() -> u8 {
    3
}

impl Stakeholder {
    pub fn new(id: StakeholderId, name: impl Into<String>) -> Self {
        Stakeholder {
            id,
            name: name.into(),
            role: String::new(),
            department: String::new(),
            side: Side::Staff,
            power: 3,
            interest: 3,
            engagement_now: Engagement::Neutral,
            engagement_wanted: Engagement::Supportive,
            benefit: String::new(),
            contact: String::new(),
            notes: String::new(),
            log: Vec::new(),
            extra: Extra::new(),
        }
    }

    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.power, self.interest)
    }

    /// How many levels the current engagement sits below the wanted one (negative: above).
    pub fn engagement_gap(&self) -> i32 {
        self.engagement_wanted.rank() - self.engagement_now.rank()
    }

    /// Initials, used when names must not be shown (projected meetings).
    pub fn initials(&self) -> String {
        super::people::initials(&self.name, usize::MAX)
    }
}

/// One dated contact with a stakeholder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LogEntry {
    pub id: LogId,
    pub date: NaiveDate,
    #[serde(default)]
    pub kind: ContactKind,
    #[serde(default)]
    pub note: String,
    /// When to follow up, if a follow-up was promised.
    #[serde(default)]
    pub follow_up: Option<NaiveDate>,
    /// Set once the follow-up has happened.
    #[serde(default)]
    pub follow_up_done: bool,
    /// The meeting this entry records attendance of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<MeetingId>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Something that must be settled at or around the kickoff meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KickoffItem {
    pub id: KickoffId,
    pub text: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub owner: Option<StakeholderId>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// The day it was done; `None` while open.
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl KickoffItem {
    pub fn new(id: KickoffId, text: impl Into<String>) -> Self {
        KickoffItem {
            id,
            text: text.into(),
            category: String::new(),
            owner: None,
            due: None,
            done_on: None,
            notes: String::new(),
            extra: Extra::new(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.done_on.is_some()
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.is_done() && self.due.is_some_and(|due| due < today)
    }
}

/// One skill or task that must move from the consultants to an internal owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HandoverItem {
    pub id: HandoverId,
    #[serde(default)]
    pub area: Option<AreaId>,
    pub skill: String,
    /// Who does it today, usually a consultant.
    #[serde(default)]
    pub current_doer: Option<StakeholderId>,
    /// The internal person who takes it over.
    #[serde(default)]
    pub internal_owner: Option<StakeholderId>,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default)]
    pub documentation: DocStatus,
    /// Who on staff tests this before go-live.
    #[serde(default)]
    pub tester: Option<StakeholderId>,
    #[serde(default)]
    pub target: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl HandoverItem {
    pub fn new(id: HandoverId, skill: impl Into<String>) -> Self {
        HandoverItem {
            id,
            area: None,
            skill: skill.into(),
            current_doer: None,
            internal_owner: None,
            stage: Stage::ConsultantDoes,
            documentation: DocStatus::None,
            tester: None,
            target: None,
            notes: String::new(),
            extra: Extra::new(),
        }
    }

    /// Past its target date and staff do not yet run it alone.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.stage != Stage::StaffAlone && self.target.is_some_and(|t| t < today)
    }
}

/// Exit readiness recorded on a date, for the trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReadinessSnapshot {
    pub date: NaiveDate,
    /// Whole-project readiness, 0 to 100.
    #[serde(deserialize_with = "number::f32")]
    pub overall: f32,
    /// Per-area readiness, 0 to 100.
    #[serde(default)]
    pub areas: Vec<AreaReadiness>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AreaReadiness {
    pub area: AreaId,
    #[serde(deserialize_with = "number::f32")]
    pub percent: f32,
}

impl Project {
    pub fn stakeholder(&self, id: StakeholderId) -> Option<&Stakeholder> {
        self.stakeholders.iter().find(|s| s.id == id)
    }

    pub fn area(&self, id: AreaId) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// An id not used by any record yet. Ids are unique across all kinds of record.
    pub fn fresh_id(&self) -> u64 {
        self.max_id() + 1
    }

    fn max_id(&self) -> u64 {
        let areas = self.areas.iter().map(|a| a.id.0);
        let people = self.stakeholders.iter().map(|s| s.id.0);
        let logs = self.stakeholders.iter().flat_map(|s| s.log.iter().map(|l| l.id.0));
        let kickoff = self.kickoff.iter().map(|k| k.id.0);
        let handover = self.handover.iter().map(|h| h.id.0);
        let testing = &self.testing;
        let scenarios = testing.scenarios.iter().map(|s| s.id.0);
        let rounds = testing.rounds.iter().map(|r| r.id.0);
        let results = testing.results.iter().map(|r| r.id.0);
        let meetings = self.meetings.iter().flat_map(|m| {
            let agenda = m.agenda.iter().map(|a| a.id.0);
            let minutes = m.minutes.iter().map(|x| x.id.0);
            std::iter::once(m.id.0).chain(agenda).chain(minutes)
        });
        areas
            .chain(people)
            .chain(logs)
            .chain(kickoff)
            .chain(handover)
            .chain(scenarios)
            .chain(rounds)
            .chain(results)
            .chain(meetings)
            .max()
            .unwrap_or(0)
    }
}
