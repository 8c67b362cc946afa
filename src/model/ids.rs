//! Stable record ids. References between records always use these, never list positions,
//! so sorting, filtering or deleting rows can never make a reference point at the wrong record.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $name(pub u64);

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
