//! "What changed since you last opened it": the saves the file remembers that this user has
//! not seen, newest first, each with who saved, when, and its one-line summary; below them,
//! every save the file remembers.

use egui::{Grid, Id, Modal, RichText, ScrollArea, Ui};

use crate::app::{Command, StewardApp};
use crate::storage::HistoryEntry;

/// The dialog, drawn while `Dialog::WhatChanged` is shown.
pub fn dialog(ctx: &egui::Context, app: &StewardApp) {
    let unseen = app.unseen_saves();
    let history = &app.doc.lineage.history;
    let width = (ctx.content_rect().width() - 80.0).clamp(420.0, 760.0);
    let height = (ctx.content_rect().height() - 260.0).max(160.0);
    let response = Modal::new(Id::unique("steward_what_changed")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading("What changed since you last opened it");
        let n = unseen.entries.len();
        let intro = match (&app.sync.seen_before, unseen.complete, n) {
            _ if history.is_empty() => {
                "This file has no record of its saves yet: Steward starts one with the next save.".to_string()
            }
            (None, _, _) => "You have not opened this file on this computer before. These are its last saves:".into(),
            (Some(_), true, 0) => "Nothing: this is the version you saw last.".into(),
            (Some(_), true, 1) => "One save since you last opened it:".into(),
            (Some(_), true, n) => format!("{n} saves since you last opened it:"),
            (Some(_), false, _) => {
                format!("More saves were made since you last opened it than the file remembers. The last {n}:")
            }
        };
        ui.label(intro);
        ui.add_space(4.0);
        ScrollArea::vertical().max_height(height).show(ui, |ui| {
            if n > 0 {
                entries(ui, "unseen_saves", unseen.entries.iter().rev().copied());
            }
            if !history.is_empty() {
                ui.add_space(6.0);
                egui::CollapsingHeader::new(format!("Every save the file remembers ({})", history.len()))
                    .default_open(n == 0 && app.sync.seen_before.is_some())
                    .show(ui, |ui| entries(ui, "all_saves", history.iter().rev()));
            }
        });
        ui.add_space(6.0);
        if ui.button("Close").clicked() {
            app.push(Command::DismissDialog);
        }
    });
    if response.should_close() {
        app.push(Command::DismissDialog);
    }
}

/// The saves as a table: who and when, then what changed.
fn entries<'a>(ui: &mut Ui, id: &str, saves: impl Iterator<Item = &'a HistoryEntry>) {
    Grid::new(id)
        .num_columns(2)
        .spacing([16.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for save in saves {
                ui.label(RichText::new(save.by.describe()).strong());
                ui.label(&save.summary);
                ui.end_row();
            }
        });
}
