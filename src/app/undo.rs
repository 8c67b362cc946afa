//! Undo and redo over model edits. Each step stores only the edit that reverses it.

use std::time::{Duration, Instant};

use crate::model::{Edit, EditError, Project, apply};

/// Identifies "the same field of the same record", so that typing a word is one undo step.
pub type CoalesceKey = String;

/// Typing pauses longer than this start a new undo step.
const COALESCE_WINDOW: Duration = Duration::from_secs(3);

struct Step {
    id: u64,
    label: String,
    /// Applying this moves the project across the step (the inverse on the undo stack,
    /// the forward edit on the redo stack).
    edit: Edit,
    coalesce: Option<CoalesceKey>,
    at: Instant,
}

/// The undo and redo stacks of one open document, and whether it matches what is on disk.
#[derive(Default)]
pub struct UndoStack {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_id: u64,
    /// The step id that was on top when the document was last saved or loaded (0: none).
    saved_top: u64,
    /// Set when the saved state can no longer be reached by undo or redo.
    saved_lost: bool,
}

impl UndoStack {
    /// Applies an edit as a new undo step (or merges it into the previous one while typing).
    pub fn apply(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: &str,
        coalesce: Option<CoalesceKey>,
    ) -> Result<(), EditError> {
        let inverse = apply(project, edit)?;
        if !self.redo.is_empty() {
            if self.redo.iter().any(|s| s.id == self.saved_top) {
                self.saved_lost = true;
            }
            self.redo.clear();
        }
        let now = Instant::now();
        if let (Some(key), Some(top)) = (&coalesce, self.undo.last_mut())
            && top.coalesce.as_ref() == Some(key)
            && top.id != self.saved_top
            && now.duration_since(top.at) < COALESCE_WINDOW
        {
            // Keep the older inverse: it restores the state before the first keystroke.
            top.at = now;
            return Ok(());
        }
        self.next_id += 1;
        self.undo.push(Step {
            id: self.next_id,
            label: label.to_string(),
            edit: inverse,
            coalesce,
            at: now,
        });
        Ok(())
    }

    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.undo.pop()?;
        let forward = apply(project, step.edit).expect("an undo step always applies to the state it came from");
        let label = step.label.clone();
        self.redo.push(Step {
            edit: forward,
            coalesce: None,
            ..step
        });
        Some(label)
    }

    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.redo.pop()?;
        let inverse = apply(project, step.edit).expect("a redo step always applies to the state it came from");
        let label = step.label.clone();
        self.undo.push(Step { edit: inverse, ..step });
        Some(label)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Marks the current state as the one on disk.
    pub fn mark_saved(&mut self) {
        let top = self.top_id();
        self.mark_saved_step(top);
    }

    fn top_id(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.id)
    }

    /// Ends the current typing step and returns its id, so that a save started now can mark
    /// exactly this state as saved when it finishes, even if editing goes on meanwhile.
    pub fn seal(&mut self) -> u64 {
        if let Some(top) = self.undo.last_mut() {
            top.coalesce = None;
        }
        self.top_id()
    }

    /// Marks the state after step `id` (0: before any step) as the one on disk.
    pub fn mark_saved_step(&mut self, id: u64) {
        let reachable = id == 0 || self.undo.iter().chain(&self.redo).any(|s| s.id == id);
        self.saved_top = id;
        self.saved_lost = !reachable;
    }

    /// True when the project differs from what was last loaded or saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_lost || self.top_id() != self.saved_top
    }

    /// Marks the document as changed with no way back by undo (e.g. restored from a recovery copy).
    pub fn mark_unsaved(&mut self) {
        self.saved_lost = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Record, Stakeholder, StakeholderId};

    fn rename(p: &Project, name: &str) -> Edit {
        let mut s = p.stakeholders[0].clone();
        s.name = name.into();
        Edit::Put(Record::Stakeholder(s))
    }

    fn project() -> Project {
        let mut p = Project::default();
        p.stakeholders.push(Stakeholder::new(StakeholderId(1), "A"));
        p
    }

    #[test]
    fn typing_coalesces_into_one_step_and_undo_restores_the_start() {
        let mut p = project();
        let mut u = UndoStack::default();
        for name in ["Al", "Ali", "Alic", "Alice"] {
            let e = rename(&p, name);
            u.apply(&mut p, e, "Rename", Some("s1.name".into())).unwrap();
        }
        assert_eq!(p.stakeholders[0].name, "Alice");
        assert!(u.undo(&mut p).is_some());
        assert_eq!(p.stakeholders[0].name, "A");
        assert!(u.undo(&mut p).is_none());
        u.redo(&mut p);
        assert_eq!(p.stakeholders[0].name, "Alice");
    }

    #[test]
    fn different_fields_are_separate_steps() {
        let mut p = project();
        let mut u = UndoStack::default();
        let e = rename(&p, "B");
        u.apply(&mut p, e, "Rename", Some("s1.name".into())).unwrap();
        let mut s = p.stakeholders[0].clone();
        s.power = 5;
        u.apply(
            &mut p,
            Edit::Put(Record::Stakeholder(s)),
            "Power",
            Some("s1.power".into()),
        )
        .unwrap();
        u.undo(&mut p);
        assert_eq!((p.stakeholders[0].name.as_str(), p.stakeholders[0].power), ("B", 3));
    }

    #[test]
    fn dirty_follows_undo_back_to_the_saved_state() {
        let mut p = project();
        let mut u = UndoStack::default();
        assert!(!u.is_dirty());
        let e = rename(&p, "B");
        u.apply(&mut p, e, "Rename", None).unwrap();
        assert!(u.is_dirty());
        u.mark_saved();
        assert!(!u.is_dirty());
        let e = rename(&p, "C");
        u.apply(&mut p, e, "Rename", Some("k".into())).unwrap();
        assert!(u.is_dirty());
        u.undo(&mut p);
        assert!(!u.is_dirty());
        u.undo(&mut p);
        assert!(u.is_dirty());
        u.redo(&mut p);
        assert!(!u.is_dirty());
    }

    #[test]
    fn a_new_edit_after_undoing_past_the_save_stays_dirty() {
        let mut p = project();
        let mut u = UndoStack::default();
        let e = rename(&p, "B");
        u.apply(&mut p, e, "Rename", None).unwrap();
        u.mark_saved();
        u.undo(&mut p);
        let e = rename(&p, "C");
        u.apply(&mut p, e, "Rename", None).unwrap();
        assert!(u.is_dirty());
        u.undo(&mut p);
        assert!(u.is_dirty(), "the saved state B is unreachable now");
    }

    #[test]
    fn a_save_marks_the_state_it_started_from_even_if_editing_went_on() {
        let mut p = project();
        let mut u = UndoStack::default();
        let e = rename(&p, "B");
        u.apply(&mut p, e, "Rename", Some("k".into())).unwrap();
        let saving = u.seal();
        let e = rename(&p, "BC");
        u.apply(&mut p, e, "Rename", Some("k".into())).unwrap();
        u.mark_saved_step(saving);
        assert!(u.is_dirty(), "BC was typed after the save started");
        u.undo(&mut p);
        assert_eq!(p.stakeholders[0].name, "B");
        assert!(!u.is_dirty());
    }

    #[test]
    fn typing_never_merges_into_the_saved_step() {
        let mut p = project();
        let mut u = UndoStack::default();
        let e = rename(&p, "B");
        u.apply(&mut p, e, "Rename", Some("k".into())).unwrap();
        u.mark_saved();
        let e = rename(&p, "BC");
        u.apply(&mut p, e, "Rename", Some("k".into())).unwrap();
        assert!(u.is_dirty());
        u.undo(&mut p);
        assert_eq!(p.stakeholders[0].name, "B");
        assert!(!u.is_dirty());
    }
}
