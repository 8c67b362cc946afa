//! The fixed scales Steward models: sides, engagement levels, RACI letters, the hand-over ladder.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Lists every variant of a fieldless enum with a human label, in display order.
pub trait Choice: Sized + Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    fn label(self) -> &'static str;

    /// Finds a variant by its label or its serialized name, ignoring case and spaces.
    fn parse_loose(text: &str) -> Option<Self> {
        let wanted = normalize(text);
        Self::ALL.iter().copied().find(|v| normalize(v.label()) == wanted)
    }
}

fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which side of the table a stakeholder sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Employee of the customer organization.
    #[default]
    Staff,
    /// Executive sponsor inside the customer organization.
    Sponsor,
    /// The software vendor.
    Vendor,
    /// An implementation consultant (vendor's or third party).
    Consultant,
}

impl Side {
    /// Internal people can own things after the consultants leave.
    pub fn is_internal(self) -> bool {
        matches!(self, Side::Staff | Side::Sponsor)
    }
}

impl Choice for Side {
    const ALL: &'static [Self] = &[Side::Staff, Side::Sponsor, Side::Vendor, Side::Consultant];
    fn label(self) -> &'static str {
        match self {
            Side::Staff => "Staff",
            Side::Sponsor => "Sponsor",
            Side::Vendor => "Vendor",
            Side::Consultant => "Consultant",
        }
    }
}

/// Engagement levels, ordered from least to most engaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Engagement {
    Unaware,
    Resistant,
    #[default]
    Neutral,
    Supportive,
    Leading,
}

impl Engagement {
    /// Position on the scale, 0 (unaware) to 4 (leading).
    pub fn rank(self) -> i32 {
        self as i32
    }
}

impl Choice for Engagement {
    const ALL: &'static [Self] = &[
        Engagement::Unaware,
        Engagement::Resistant,
        Engagement::Neutral,
        Engagement::Supportive,
        Engagement::Leading,
    ];
    fn label(self) -> &'static str {
        match self {
            Engagement::Unaware => "Unaware",
            Engagement::Resistant => "Resistant",
            Engagement::Neutral => "Neutral",
            Engagement::Supportive => "Supportive",
            Engagement::Leading => "Leading",
        }
    }
}

/// A RACI letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum Raci {
    #[serde(rename = "R")]
    Responsible,
    #[serde(rename = "A")]
    Accountable,
    #[serde(rename = "C")]
    Consulted,
    #[serde(rename = "I")]
    Informed,
}

impl Raci {
    pub fn letter(self) -> &'static str {
        match self {
            Raci::Responsible => "R",
            Raci::Accountable => "A",
            Raci::Consulted => "C",
            Raci::Informed => "I",
        }
    }
}

impl Choice for Raci {
    const ALL: &'static [Self] = &[Raci::Responsible, Raci::Accountable, Raci::Consulted, Raci::Informed];
    fn label(self) -> &'static str {
        match self {
            Raci::Responsible => "Responsible",
            Raci::Accountable => "Accountable",
            Raci::Consulted => "Consulted",
            Raci::Informed => "Informed",
        }
    }
}

/// The hand-over ladder: staged autonomy from "consultant does it" to "staff runs it alone".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    ConsultantDoes,
    StaffShadows,
    StaffWithReview,
    StaffAlone,
}

impl Stage {
    /// Position on the ladder, 0 to 3.
    pub fn rank(self) -> u32 {
        self as u32
    }
}

impl Choice for Stage {
    const ALL: &'static [Self] = &[
        Stage::ConsultantDoes,
        Stage::StaffShadows,
        Stage::StaffWithReview,
        Stage::StaffAlone,
    ];
    fn label(self) -> &'static str {
        match self {
            Stage::ConsultantDoes => "Consultant does it",
            Stage::StaffShadows => "Staff shadows",
            Stage::StaffWithReview => "Staff does it, consultant reviews",
            Stage::StaffAlone => "Staff runs it alone",
        }
    }
}

/// How far the written documentation of a skill has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocStatus {
    #[default]
    None,
    Draft,
    Reviewed,
}

impl Choice for DocStatus {
    const ALL: &'static [Self] = &[DocStatus::None, DocStatus::Draft, DocStatus::Reviewed];
    fn label(self) -> &'static str {
        match self {
            DocStatus::None => "None",
            DocStatus::Draft => "Draft",
            DocStatus::Reviewed => "Reviewed",
        }
    }
}

/// How a contact in the engagement log took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    #[default]
    Meeting,
    Call,
    Email,
    Workshop,
}

impl Choice for ContactKind {
    const ALL: &'static [Self] = &[
        ContactKind::Meeting,
        ContactKind::Call,
        ContactKind::Email,
        ContactKind::Workshop,
    ];
    fn label(self) -> &'static str {
        match self {
            ContactKind::Meeting => "Meeting",
            ContactKind::Call => "Call",
            ContactKind::Email => "Email",
            ContactKind::Workshop => "Workshop",
        }
    }
}

/// The four quadrants of the power/interest (Mendelow) grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quadrant {
    KeyPlayers,
    KeepSatisfied,
    KeepInformed,
    Monitor,
}

impl Quadrant {
    /// Scores of this value and above count as "high" on either axis (scores run 1 to 5).
    pub const HIGH_FROM: u8 = 3;

    pub fn of(power: u8, interest: u8) -> Quadrant {
        match (power >= Self::HIGH_FROM, interest >= Self::HIGH_FROM) {
            (true, true) => Quadrant::KeyPlayers,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }

    pub fn advice(self) -> &'static str {
        match self {
            Quadrant::KeyPlayers => "Manage closely",
            Quadrant::KeepSatisfied => "Keep satisfied, do not overload",
            Quadrant::KeepInformed => "Keep informed, ask for input",
            Quadrant::Monitor => "Monitor with little effort",
        }
    }
}

impl Choice for Quadrant {
    const ALL: &'static [Self] = &[
        Quadrant::KeyPlayers,
        Quadrant::KeepSatisfied,
        Quadrant::KeepInformed,
        Quadrant::Monitor,
    ];
    fn label(self) -> &'static str {
        match self {
            Quadrant::KeyPlayers => "Key players",
            Quadrant::KeepSatisfied => "Keep satisfied",
            Quadrant::KeepInformed => "Keep informed",
            Quadrant::Monitor => "Monitor",
        }
    }
}
