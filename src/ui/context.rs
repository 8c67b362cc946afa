//! What a panel may see and do. Panels get the project, the derived figures, the view state,
//! whether the file is read-only, and a sender for commands; they never reach into the app, so
//! a panel cannot change anything except by sending a command.

use chrono::NaiveDate;

use crate::app::{Command, CommandSender, Derived, FocusTarget, StewardApp, ViewState};
use crate::model::Project;

pub struct PanelCtx<'a> {
    pub project: &'a Project,
    pub derived: &'a Derived,
    /// What is shown: the panel's own filter, sort order and selection.
    pub view: &'a mut ViewState,
    pub read_only: bool,
    /// Changes whenever the project does, to key caches on.
    pub generation: u64,
    /// "ana on FINANCE-PC at 10:42": who wrote the version on disk, when the file says so.
    pub last_saved: Option<String>,
    /// Saves by others since this user last opened the file; `None` without a file.
    pub unseen_saves: Option<usize>,
    commands: CommandSender,
}

impl PanelCtx<'_> {
    pub fn send(&self, command: Command) {
        self.commands.send(command);
    }

    /// Whether focus was asked to move to `target`; asking is answered once.
    pub fn take_focus(&mut self, target: FocusTarget) -> bool {
        let asked = self.view.focus == Some(target);
        if asked {
            self.view.focus = None;
        }
        asked
    }

    /// The day the figures were computed for.
    pub fn today(&self) -> NaiveDate {
        self.derived.today.unwrap_or_else(crate::app::today)
    }
}

impl StewardApp {
    /// The narrow view of the app that panels draw from.
    pub fn panel_ctx(&mut self) -> PanelCtx<'_> {
        let unseen_saves = self.unseen_count();
        PanelCtx {
            project: &self.doc.project,
            derived: &self.derived,
            view: &mut self.view,
            read_only: self.doc.read_only,
            generation: self.doc.generation,
            last_saved: self.doc.saved_by.as_ref().map(crate::storage::SavedBy::describe),
            unseen_saves,
            commands: self.inbox.sender(),
        }
    }
}
