//! What the user is looking at: the panel, the selection, filters and sort orders.
//! This is UI state, not project data, so it is neither saved nor undone.

use crate::model::{AreaId, HandoverId, KickoffId, RecordKey, StakeholderId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    #[default]
    Overview,
    Stakeholders,
    Kickoff,
    ExitPlan,
    Tests,
}

/// The three views of the Stakeholders panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StakeholderView {
    #[default]
    Register,
    Grid,
    Raci,
}

/// The two views of the Kickoff panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KickoffView {
    #[default]
    Checklist,
    Meetings,
}

/// The selected record, if any: a record key like everywhere else.
pub type Selection = RecordKey;

/// The panel that shows a record. Selecting a record switches to it.
pub fn panel_for(key: RecordKey) -> Panel {
    match key {
        RecordKey::Stakeholder(_) | RecordKey::Area(_) | RecordKey::SignOff(_) => Panel::Stakeholders,
        RecordKey::Scenario(_) | RecordKey::Round(_) | RecordKey::TestResult(_) => Panel::Tests,
        RecordKey::Kickoff(_) | RecordKey::Meeting(_) | RecordKey::Agenda(_) | RecordKey::Minute(_) => Panel::Kickoff,
        RecordKey::Handover(_) => Panel::ExitPlan,
    }
}

/// A table's filter text and sort order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableView {
    pub filter: String,
    pub sort_column: usize,
    pub descending: bool,
}

impl TableView {
    /// Clicking a column header sorts by it; clicking it again reverses the order.
    pub fn toggle_sort(&mut self, column: usize) {
        if self.sort_column == column {
            self.descending = !self.descending;
        } else {
            self.sort_column = column;
            self.descending = false;
        }
    }
}

/// Where the keyboard focus should go on the next frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FocusTarget {
    /// The first field of the side editor (after "+ Add", or Enter on a row).
    EditorFirstField,
    /// The table of the current list (Esc in the editor returns there).
    Table,
}

/// Everything about what is shown, kept across frames.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    pub panel: Panel,
    pub stakeholder_view: StakeholderView,
    pub selection: Option<Selection>,
    /// Set when a selection was made from elsewhere, so the table scrolls to it once.
    pub scroll_to_selection: bool,
    pub stakeholders: TableView,
    pub kickoff: TableView,
    pub handover: TableView,
    pub kickoff_hide_done: bool,
    pub kickoff_view: KickoffView,
    pub meetings: TableView,
    pub tests: TableView,
    /// The round whose results the tests list shows and records; `None` picks the latest
    /// round that has results.
    pub test_round: Option<crate::model::RoundId>,
    pub focus: Option<FocusTarget>,
    pub timeline: TimelineView,
}

/// The exit plan's timeline: whether it is shown, its zoom and scroll, the lanes it draws
/// (rebuilt when the project changes) and where it drew them last.
#[derive(Debug, Clone, Default)]
pub struct TimelineView {
    /// The timeline instead of the table.
    pub shown: bool,
    /// 1 shows the whole project; larger shows fewer days (down to about a month).
    pub zoom: f32,
    /// Days between the first date and the left edge.
    pub offset: f32,
    /// The item being dragged to a new date.
    pub dragging: Option<HandoverId>,
    /// The lanes, with the project generation and the day they were built for.
    pub cache: Option<(u64, chrono::NaiveDate, std::sync::Arc<crate::model::schedule::Lanes>)>,
    /// Where the last frame put things, for hit tests and the UI tests.
    pub layout: Option<TimelineLayout>,
}

/// The timeline's geometry in the last frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineLayout {
    /// The area the lanes are drawn in, right of the lane names.
    pub plot: egui::Rect,
    /// The date at the plot's left edge, and how far into that day it starts.
    pub first: chrono::NaiveDate,
    pub offset: f32,
    pub px_per_day: f32,
    /// Height of one lane.
    pub lane: f32,
}

impl ViewState {
    pub fn selected_stakeholder(&self) -> Option<StakeholderId> {
        match self.selection {
            Some(Selection::Stakeholder(id)) => Some(id),
            _ => None,
        }
    }
    pub fn selected_area(&self) -> Option<AreaId> {
        match self.selection {
            Some(Selection::Area(id)) => Some(id),
            _ => None,
        }
    }
    pub fn selected_kickoff(&self) -> Option<KickoffId> {
        match self.selection {
            Some(Selection::Kickoff(id)) => Some(id),
            _ => None,
        }
    }
    pub fn selected_handover(&self) -> Option<HandoverId> {
        match self.selection {
            Some(Selection::Handover(id)) => Some(id),
            _ => None,
        }
    }
}
