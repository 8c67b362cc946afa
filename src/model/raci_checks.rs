//! The practitioners' RACI rules for one area, in one place: exactly one Accountable, at least
//! one Responsible, and an Accountable who is internal staff. The findings, the RACI matrix and
//! the area editor all ask here.

use super::enums::Raci;
use super::findings::Rule;
use super::ids::StakeholderId;
use super::people::Phrase;
use super::project::Area;

/// One broken RACI rule in an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaciProblem {
    NoAccountable,
    SeveralAccountable(usize),
    ExternalAccountable(StakeholderId),
    NoResponsible,
}

impl RaciProblem {
    pub fn rule(self) -> Rule {
        match self {
            RaciProblem::NoAccountable | RaciProblem::SeveralAccountable(_) => Rule::AccountableCount,
            RaciProblem::ExternalAccountable(_) => Rule::ExternalAccountable,
            RaciProblem::NoResponsible => Rule::NoResponsible,
        }
    }

    /// The problem in words; `area` names the area when the text stands on its own (a finding),
    /// and is `None` beside the area itself (the matrix, the editor).
    pub fn phrase(self, area: Option<&str>) -> Phrase {
        let place = |text: &str| match area {
            Some(name) => format!("{text} for \"{name}\""),
            None => text.to_string(),
        };
        match self {
            RaciProblem::NoAccountable => Phrase::text(place("No one is Accountable")),
            RaciProblem::SeveralAccountable(n) => Phrase::text(place(&format!("{n} people are Accountable"))),
            RaciProblem::ExternalAccountable(id) => Phrase::text("")
                .person(id)
                .and(format!(" {} but is not internal staff", place("is Accountable"))),
            RaciProblem::NoResponsible => Phrase::text(place("No one is Responsible")),
        }
    }
}

/// Every broken rule in `area`; `internal` tells staff and sponsors from consultants and vendors.
pub fn raci_problems(area: &Area, internal: impl Fn(StakeholderId) -> bool) -> Vec<RaciProblem> {
    let mut problems = Vec::new();
    let accountable: Vec<StakeholderId> = area.holders(Raci::Accountable).collect();
    match accountable.len() {
        0 => problems.push(RaciProblem::NoAccountable),
        1 => {}
        n => problems.push(RaciProblem::SeveralAccountable(n)),
    }
    problems.extend(
        accountable
            .into_iter()
            .filter(|id| !internal(*id))
            .map(RaciProblem::ExternalAccountable),
    );
    if area.holders(Raci::Responsible).next().is_none() {
        problems.push(RaciProblem::NoResponsible);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AreaId;

    fn area(letters: &[(u64, Raci)]) -> Area {
        let mut a = Area {
            id: AreaId(1),
            name: "Finance".into(),
            key: true,
            description: String::new(),
            raci: vec![],
            extra: Default::default(),
        };
        for (id, role) in letters {
            a.set_role(StakeholderId(*id), Some(*role));
        }
        a
    }

    #[test]
    fn each_rule_fires_and_a_sound_area_has_none() {
        let staff = |id: StakeholderId| id.0 < 10;
        assert_eq!(
            raci_problems(&area(&[]), staff),
            vec![RaciProblem::NoAccountable, RaciProblem::NoResponsible]
        );
        assert_eq!(
            raci_problems(
                &area(&[(1, Raci::Accountable), (2, Raci::Accountable), (3, Raci::Responsible)]),
                staff
            ),
            vec![RaciProblem::SeveralAccountable(2)]
        );
        assert_eq!(
            raci_problems(&area(&[(11, Raci::Accountable), (3, Raci::Responsible)]), staff),
            vec![RaciProblem::ExternalAccountable(StakeholderId(11))]
        );
        assert!(raci_problems(&area(&[(1, Raci::Accountable), (3, Raci::Responsible)]), staff).is_empty());
    }
}
