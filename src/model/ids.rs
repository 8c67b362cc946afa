//! Stable record ids. References between records always use these, never list positions,
//! so sorting, filtering or deleting rows can never make a reference point at the wrong record.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                super::number::u64(d).map($name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

record_id!(
    /// A functional area such as membership or finance.
    AreaId
);
record_id!(
    /// A person on the stakeholder register.
    StakeholderId
);
record_id!(
    /// An item of the kickoff checklist.
    KickoffId
);
record_id!(
    /// An item of the consultant-exit (hand-over) plan.
    HandoverId
);
record_id!(
    /// An entry in a stakeholder's engagement log.
    LogId
);
record_id!(
    /// A test scenario of the acceptance-test plan.
    ScenarioId
);
record_id!(
    /// A round of testing (system test, a UAT round, regression).
    RoundId
);
record_id!(
    /// One scenario's result in one round.
    ResultId
);
record_id!(
    /// A meeting: the internal kickoff, the vendor kickoff, a hand-over review, the exit review.
    MeetingId
);
record_id!(
    /// An item of a meeting's agenda.
    AgendaId
);
record_id!(
    /// A decision, action or question recorded in a meeting's minutes.
    MinuteId
);

/// One record of any kind, by kind and id. What is selected, what a finding points at, what an
/// edit replaces or removes and what a delete asks about are all record keys, so a new kind of
/// record is one more variant here rather than one more enum in every layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKey {
    Area(AreaId),
    Stakeholder(StakeholderId),
    Kickoff(KickoffId),
    Handover(HandoverId),
    Scenario(ScenarioId),
    Round(RoundId),
    TestResult(ResultId),
    /// An area's sign-off; there is at most one per area, so the area names it.
    SignOff(AreaId),
    Meeting(MeetingId),
    /// An agenda item, kept inside its meeting.
    Agenda(AgendaId),
    /// A decision, action or question, kept in its meeting's minutes.
    Minute(MinuteId),
}

impl RecordKey {
    /// What the record is called in messages ("Delete kickoff item").
    pub fn noun(self) -> &'static str {
        match self {
            RecordKey::Area(_) => "area",
            RecordKey::Stakeholder(_) => "stakeholder",
            RecordKey::Kickoff(_) => "kickoff item",
            RecordKey::Handover(_) => "hand-over item",
            RecordKey::Scenario(_) => "test scenario",
            RecordKey::Round(_) => "test round",
            RecordKey::TestResult(_) => "test result",
            RecordKey::SignOff(_) => "sign-off",
            RecordKey::Meeting(_) => "meeting",
            RecordKey::Agenda(_) => "agenda item",
            RecordKey::Minute(_) => "minute",
        }
    }
}
