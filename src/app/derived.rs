//! Data computed from the project, recomputed only when the project changes (never per frame).

use std::collections::HashMap;

use crate::model::{Project, StakeholderId};

/// Lookups the panels need on every frame, rebuilt when the document generation changes.
#[derive(Default)]
pub struct Derived {
    pub generation: u64,
    names: HashMap<StakeholderId, String>,
    /// Everyone, sorted by name, for person pickers.
    pub people_by_name: Vec<(StakeholderId, String)>,
}

impl Derived {
    pub fn refresh(&mut self, project: &Project, generation: u64) {
        if self.generation == generation {
            return;
        }
        self.generation = generation;
        self.names = project.stakeholders.iter().map(|s| (s.id, s.name.clone())).collect();
        self.people_by_name = project.stakeholders.iter().map(|s| (s.id, s.name.clone())).collect();
        self.people_by_name.sort_by_cached_key(|(_, n)| n.to_lowercase());
    }

    /// The stakeholder's name, or an empty string for nobody.
    pub fn name(&self, id: Option<StakeholderId>) -> &str {
        id.and_then(|id| self.names.get(&id)).map_or("", String::as_str)
    }
}
