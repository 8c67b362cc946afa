//! The project model: plain data, validation and ownership rules. No UI and no file I/O here.

pub mod columns;
mod edit;
mod enums;
pub mod findings;
pub mod generate;
mod ids;
pub mod meeting;
pub mod merge;
pub mod names;
pub mod number;
pub mod people;
mod project;
pub mod raci_checks;
pub mod readiness;
mod references;
pub mod schedule;
pub mod template;
pub mod testing;
mod validate;

pub use edit::{Edit, EditError, Record, apply};
pub use enums::{Choice, ContactKind, DocStatus, Engagement, Quadrant, Raci, Side, Stage};
pub use ids::{
    AgendaId, AreaId, HandoverId, KickoffId, LogId, MeetingId, MinuteId, RecordKey, ResultId, RoundId, ScenarioId,
    StakeholderId,
};
pub use meeting::{AgendaItem, Meeting, MeetingKind, Minute, MinuteKind, SlideKind};
pub use project::{
    Area, AreaReadiness, Extra, HandoverItem, KickoffItem, LogEntry, Project, ProjectDetails, ProjectSettings,
    RaciAssignment, ReadinessSnapshot, Stakeholder,
};
pub use references::{
    area_references, delete, delete_area, delete_stakeholder, record_name, references, stakeholder_references,
};
pub use testing::{Scenario, SignOff, TestPlan, TestResult, TestRound, TestStatus, Withdrawal};
pub use validate::{Problem, validate};
