//! Every user action is a [`Command`]. Panels push commands while drawing; the app applies them
//! after the frame. [`Action`]s carry their own label, tooltip and shortcut so that menus,
//! buttons and keys always agree.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::undo::CoalesceKey;
use super::view::{Panel, Selection};
use crate::model::{Edit, RecordKey};

/// Actions that have a name and maybe a shortcut: menu items and toolbar buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    New,
    Open,
    Save,
    SaveAs,
    ImportCsv,
    ImportScenariosCsv,
    Quit,
    Undo,
    Redo,
    DeleteSelected,
    Present,
    /// Present with the presenter view: slides on a second window, notes and clock on this one.
    PresenterView,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ShowOverview,
    ShowStakeholders,
    ShowKickoff,
    ShowExitPlan,
    ShowTests,
    WhatChanged,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::New,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::ImportCsv,
        Action::ImportScenariosCsv,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::DeleteSelected,
        Action::Present,
        Action::PresenterView,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::ShowOverview,
        Action::ShowStakeholders,
        Action::ShowKickoff,
        Action::ShowExitPlan,
        Action::ShowTests,
        Action::WhatChanged,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Action::New => "New project",
            Action::Open => "Open…",
            Action::Save => "Save",
            Action::SaveAs => "Save as…",
            Action::ImportCsv => "Import from a spreadsheet…",
            Action::ImportScenariosCsv => "Import test scenarios from a spreadsheet…",
            Action::Quit => "Quit",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::DeleteSelected => "Delete selected",
            Action::Present => "Present",
            Action::PresenterView => "Present with presenter view",
            Action::ZoomIn => "Zoom in",
            Action::ZoomOut => "Zoom out",
            Action::ZoomReset => "Actual size",
            Action::ShowOverview => "Overview",
            Action::ShowStakeholders => "Stakeholders",
            Action::ShowKickoff => "Kickoff",
            Action::ShowExitPlan => "Exit plan",
            Action::ShowTests => "Tests",
            Action::WhatChanged => "What changed since you last opened it…",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Action::New => "Start a new project from the standard template",
            Action::Open => "Open a project file",
            Action::Save => "Save the project to its file",
            Action::SaveAs => "Save the project to a new file",
            Action::ImportCsv => {
                "Add stakeholders, kickoff items, hand-over items or test scenarios from CSV, Excel or OpenDocument: preview first, one undo step"
            }
            Action::ImportScenariosCsv => {
                "Add test scenarios (and their results in rounds named by columns) from a spreadsheet of test cases: preview first, one undo step"
            }
            Action::Quit => "Close Steward",
            Action::Undo => "Undo the last change",
            Action::Redo => "Redo the change you undid",
            Action::DeleteSelected => "Delete the selected row (asks first if others refer to it)",
            Action::Present => "Show the project full screen for a meeting; Esc leaves",
            Action::PresenterView => {
                "Slides on the projector (the second screen), and on this screen the notes, the next slide, the clock and the minutes; Esc leaves"
            }
            Action::ZoomIn => "Make everything larger",
            Action::ZoomOut => "Make everything smaller",
            Action::ZoomReset => "Back to the normal size",
            Action::ShowOverview => "Where ownership stands, at a glance",
            Action::ShowStakeholders => "Register, power/interest grid and RACI",
            Action::ShowKickoff => "What must be settled at the kickoff",
            Action::ShowExitPlan => "Hand-over of each skill before the consultants leave",
            Action::ShowTests => "Acceptance tests by staff: scenarios, results by round, sign-off per area",
            Action::WhatChanged => "The saves made since you last opened this file: who, when and what they changed",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Action::New => cmd(Key::N),
            Action::Open => cmd(Key::O),
            Action::Save => cmd(Key::S),
            Action::SaveAs => Some(KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S)),
            Action::ImportCsv | Action::ImportScenariosCsv => None,
            Action::Quit => cmd(Key::Q),
            Action::Undo => cmd(Key::Z),
            Action::Redo => cmd(Key::Y),
            Action::DeleteSelected => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Delete)),
            Action::Present => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F5)),
            Action::PresenterView => Some(KeyboardShortcut::new(Modifiers::ALT, Key::F5)),
            Action::ZoomIn => cmd(Key::Plus),
            Action::ZoomOut => cmd(Key::Minus),
            Action::ZoomReset => cmd(Key::Num0),
            Action::ShowOverview => cmd(Key::Num1),
            Action::ShowStakeholders => cmd(Key::Num2),
            Action::ShowKickoff => cmd(Key::Num3),
            Action::ShowExitPlan => cmd(Key::Num4),
            Action::ShowTests => cmd(Key::Num5),
            Action::WhatChanged => None,
        }
    }

    /// Extra keys that trigger the same action (Ctrl+Shift+Z is a common redo).
    pub fn alternate_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Action::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)),
            // Ctrl+= is Ctrl++ without Shift on most keyboards.
            Action::ZoomIn => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals)),
            _ => None,
        }
    }
}

/// Something the app should do after this frame.
#[derive(Debug)]
pub enum Command {
    Action(Action),
    OpenPath(PathBuf),
    /// Start a new project from a built-in template (asks first about unsaved changes).
    NewFromTemplate(&'static str),
    SaveAsPath(PathBuf),
    /// A change to the project, undoable under `label`.
    Edit {
        edit: Edit,
        label: String,
        coalesce: Option<CoalesceKey>,
    },
    Select(Selection),
    /// Nothing selected: the side editor closes.
    Deselect,
    /// Move the keyboard focus on the next frame (to a new record's first field).
    Focus(super::FocusTarget),
    ShowPanel(Panel),
    /// Delete a record of any kind, asking first if anything refers to it.
    Delete(RecordKey),
    /// Export the project (shows a save dialog).
    Export(super::ExportKind),
    /// Write an export to this file.
    ExportTo(super::ExportKind, PathBuf),
    /// Read this spreadsheet (CSV or workbook) and show the import preview.
    ImportFrom(PathBuf),
    ConfirmImport,
    CancelImport,
    /// Answer to the "unsaved changes" question.
    ResolveDiscard(DiscardChoice),
    DismissDialog,
    DismissMessage,
    /// The system asks Steward to end (a signal, logoff, shutdown): keep unsaved work, let go
    /// of the lock, close.
    End(crate::platform::shutdown::EndRequest),
    /// Say this in the status bar (what an edit did besides, such as withdrawing a sign-off).
    Notify(String),
    /// A background job finished.
    JobDone(super::jobs::JobDone),
    /// The owner answered a question about files: a conflict, a lock, a recovery copy.
    Answer(Answer),
    /// Show this dialog (a step inside a dialog, such as the path being typed).
    ShowDialog(super::Dialog),
    /// A change in the import preview: the list, the sheet or a column's field.
    ChangeImport(super::ImportChange),
    SetTheme(super::Theme),
    SetPresentHideNames(bool),
    /// A step of the running presentation.
    Present(PresentStep),
    /// The file watcher `watch` saw the open file change on disk.
    FileChanged {
        watch: u64,
        seen: Box<crate::storage::watch::Seen>,
    },
}

/// Answers to the file dialogs.
#[derive(Debug)]
pub enum Answer {
    OverwriteAfterConflict,
    SaveCopyAfterConflict,
    ReloadAfterConflict,
    OpenPendingReadOnly,
    OpenPendingAsCopy,
    CancelPendingOpen,
    EditPendingAnyway,
    RestoreRecovery(crate::storage::recovery::RecoveryEntry),
    DiscardRecovery(crate::storage::recovery::RecoveryEntry),
    /// Merge dialog: settle conflict `index` for one side.
    PickConflict(usize, crate::model::merge::Pick),
    /// Merge dialog: settle every conflict for one side.
    PickAllConflicts(crate::model::merge::Pick),
    /// Merge dialog: take the merge as picked (and save, when the merge came from a save).
    ApplyMerge,
    /// Merge dialog: merge nothing; keep my version in another file instead.
    SaveCopyInsteadOfMerge,
    /// Merge dialog: merge nothing now.
    CancelMerge,
    /// Banner: merge the version someone else saved into my unsaved work now.
    MergeIncoming,
    /// Banner: not now (saving will merge it).
    DismissIncoming,
    /// Conflicted-copy banner: merge the copy into this file and save.
    MergeCopy,
    /// Conflicted-copy banner: not now (it is offered again the next time the file opens).
    SkipCopy,
    /// Conflicted-copy banner: ask whether to delete a copy that holds nothing new.
    AskDeleteCopy,
    /// Delete the conflicted copy (the answer to [`super::Dialog::DeleteCopy`]).
    DeleteCopy,
}

/// What the presenter can do while slides are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentStep {
    Next,
    Previous,
    /// Go to slide number `n` of the deck (from the presenter view's agenda).
    GoTo(usize),
    Blank,
    Unblank,
    ToggleNames,
    /// Move the highlighted checklist row by this many rows.
    MoveCursor(i32),
    /// Tick or untick the highlighted checklist row.
    TickCursor,
    /// This many list rows fit on a slide of the screen as it is now.
    FitRows(usize),
    /// The meeting begins now: the presenter view's clock starts again.
    RestartClock,
    /// Present this meeting from now on (one just created to take minutes in).
    UseMeeting(crate::model::MeetingId),
    End,
}

impl Command {
    pub fn edit(edit: Edit, label: impl Into<String>) -> Command {
        Command::Edit {
            edit,
            label: label.into(),
            coalesce: None,
        }
    }

    /// Ticks (`done`) or unticks a kickoff item as one undoable step; a tick records `today`
    /// as the day it was settled. The checklist, its slide and the presenter's keys all use this.
    pub fn tick_kickoff(item: &crate::model::KickoffItem, done: bool, today: chrono::NaiveDate) -> Command {
        let mut item = item.clone();
        item.done_on = done.then_some(today);
        let label = if done {
            "Tick kickoff item"
        } else {
            "Untick kickoff item"
        };
        Command::edit(Edit::Put(crate::model::Record::Kickoff(item)), label)
    }

    /// An edit that merges with the previous one while the same field is being typed into.
    pub fn typing(edit: Edit, label: impl Into<String>, field: impl Into<CoalesceKey>) -> Command {
        Command::Edit {
            edit,
            label: label.into(),
            coalesce: Some(field.into()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardChoice {
    Save,
    Discard,
    Cancel,
}
