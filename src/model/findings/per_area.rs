//! Findings about single records (a hand-over item, a test scenario), gathered by area: an
//! area with more than [`GROUP_ABOVE`] records breaking one rule gets one finding with the
//! count, which opens the area. Long lists of near-identical lines hide the other findings,
//! and formatting thousands of them costs time on every change.

use crate::model::ids::{AreaId, RecordKey};
use crate::model::people::Phrase;
use crate::model::project::{Area, Project};
use crate::model::testing::IdMap;

use super::Rule;

/// More records than this in one area breaking one rule are one finding for the area.
pub const GROUP_ABOVE: usize = 5;

/// The records (by position in their list) that break each of `N` rules, per area; the last
/// slot holds the records without an area.
pub(super) struct PerArea<'p, const N: usize> {
    areas: &'p [Area],
    slot_of: IdMap<AreaId, usize>,
    hits: Vec<[Vec<usize>; N]>,
}

impl<'p, const N: usize> PerArea<'p, N> {
    pub fn new(project: &'p Project) -> Self {
        PerArea {
            areas: &project.areas,
            slot_of: project.areas.iter().enumerate().map(|(i, a)| (a.id, i)).collect(),
            hits: vec![std::array::from_fn(|_| Vec::new()); project.areas.len() + 1],
        }
    }

    /// Notes that the record at `position`, in `area`, breaks rule number `rule`.
    pub fn hit(&mut self, area: Option<AreaId>, rule: usize, position: usize) {
        let slot = area
            .and_then(|a| self.slot_of.get(&a).copied())
            .unwrap_or(self.areas.len());
        self.hits[slot][rule].push(position);
    }

    /// Adds the findings, area by area and rule by rule: one per record while an area has few,
    /// else one for the area made by `grouped(rule, count, place)`, where place reads
    /// `in "Finance"` or `without an area`.
    pub fn report(
        &self,
        rules: [Rule; N],
        add: &mut impl FnMut(Rule, Phrase, Option<RecordKey>),
        mut one: impl FnMut(Rule, usize) -> (Phrase, RecordKey),
        grouped: impl Fn(Rule, usize, &str) -> String,
    ) {
        for (slot, by_rule) in self.hits.iter().enumerate() {
            let area = self.areas.get(slot);
            for (rule, positions) in rules.iter().zip(by_rule) {
                if positions.len() > GROUP_ABOVE {
                    let place = area.map_or("without an area".to_string(), |a| format!("in \"{}\"", a.name));
                    let text = grouped(*rule, positions.len(), &place);
                    add(*rule, Phrase::text(text), area.map(|a| RecordKey::Area(a.id)));
                    continue;
                }
                for &position in positions {
                    let (phrase, target) = one(*rule, position);
                    add(*rule, phrase, Some(target));
                }
            }
        }
    }
}
