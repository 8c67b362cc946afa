//! The questions and notes the app puts to the user: one modal dialog at a time, what to do
//! after unsaved changes are dealt with, and the status bar's line.

use std::path::PathBuf;

use super::ExportKind;
use crate::model::Edit;
use crate::storage;

/// What to do once unsaved changes are saved or discarded.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterSave {
    Nothing,
    New,
    /// A new project from the named built-in template.
    NewFromTemplate(&'static str),
    ShowOpenDialog,
    OpenPath(PathBuf),
    Quit,
}

/// A modal question or message. Only one is shown at a time.
#[derive(Debug, Clone)]
pub enum Dialog {
    UnsavedChanges {
        then: AfterSave,
    },
    Error {
        title: String,
        message: String,
    },
    ConfirmDelete {
        title: String,
        references: Vec<String>,
        edit: Edit,
        label: String,
    },
    /// The file changed on disk and cannot be merged (`reason`): overwrite, save a copy, or reload.
    SaveConflict {
        path: PathBuf,
        then: AfterSave,
        reason: String,
    },
    /// Both sides changed the same things: the conflicts of `app.sync.merge`, to settle.
    Merge,
    /// No native file dialog is available: ask for a path by typing it.
    PathEntry {
        purpose: PathPurpose,
        text: String,
    },
    /// Someone else is editing the file (`holder`), or its lock file is unreadable (`None`).
    Locked {
        path: PathBuf,
        holder: Option<storage::LockInfo>,
    },
    /// The explicit warning before taking a lock from someone else.
    ConfirmEditAnyway {
        path: PathBuf,
        holder: storage::LockInfo,
    },
    /// Unsaved work from a session that ended without saving.
    Restore {
        entries: Vec<storage::recovery::RecoveryEntry>,
    },
    /// The saves since this user last opened the file.
    WhatChanged,
    /// Delete a sync client's conflicted copy? `hash` is what it held when it was read: a
    /// copy that changed since is left alone. `merged`: its changes were just merged and saved.
    DeleteCopy {
        path: PathBuf,
        hash: u64,
        merged: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    ImportCsv,
    Export(ExportKind),
}

/// A one-line note in the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
}
