//! The merge dialog (each conflict with its record, field and both values side by side, a pick
//! per conflict, or all mine, or all theirs), the banner that offers to merge a version
//! someone else saved while this window has unsaved changes, and the banner and question
//! about sync clients' conflicted copies.

use egui::{Id, Modal, RichText, Ui};

use crate::app::{Answer, Command, StewardApp};
use crate::model::merge::Pick;

/// The merge dialog, drawn while `app.sync.merge` waits for the user.
pub fn dialog(ctx: &egui::Context, app: &mut StewardApp) {
    let Some(pending) = &app.sync.merge else { return };
    let who = pending.saved_by();
    let saving = pending.then.is_some();
    let copy = pending.copy.as_ref().map(|c| (c.file_name(), c.name.client.name()));
    let mut answers = Vec::new();
    let width = (ctx.content_rect().width() - 80.0).clamp(420.0, 900.0);
    Modal::new(Id::unique("steward_merge")).show(ctx, |ui| {
        ui.set_width(width);
        let both = match pending.conflicts.len() {
            1 => "this change was made on both sides".to_string(),
            n => format!("these {n} changes were made on both sides"),
        };
        match &copy {
            None => {
                ui.heading("Both of you changed the same things");
                ui.label(format!(
                    "{who} saved this project after you opened it. Everything else merged by itself, but \
                     {both}: choose the version to keep."
                ));
            }
            Some((file, client)) if pending.two_way() => {
                ui.heading("Merge the conflicted copy");
                ui.label(format!(
                    "{client} kept \"{file}\" (saved by {who}) beside this file. No earlier version common to \
                     both could be found, so every difference is listed: choose the version to keep. Nothing \
                     is taken from the copy unless you choose it."
                ));
            }
            Some((file, client)) => {
                ui.heading("Merge the conflicted copy");
                ui.label(format!(
                    "{client} kept \"{file}\" (saved by {who}) beside this file. Everything else merged by \
                     itself, but {both}: choose the version to keep."
                ));
            }
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button("Keep all mine").clicked() {
                answers.push(Answer::PickAllConflicts(Pick::Mine));
            }
            if ui.button("Take all theirs").clicked() {
                answers.push(Answer::PickAllConflicts(Pick::Theirs));
            }
        });
        ui.separator();
        let column = ((width - 260.0) / 2.0).max(140.0);
        egui::ScrollArea::vertical()
            .max_height((ctx.content_rect().height() - 300.0).max(160.0))
            .show(ui, |ui| {
                egui::Grid::new("merge_conflicts")
                    .num_columns(3)
                    .spacing([12.0, 8.0])
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label(RichText::new("Record and field").strong());
                        ui.label(RichText::new("Mine").strong());
                        let theirs = match &copy {
                            Some(_) => "The copy".to_string(),
                            None => format!("Theirs ({who})"),
                        };
                        ui.label(RichText::new(theirs).strong());
                        ui.end_row();
                        for (i, (conflict, pick)) in pending.conflicts.iter().zip(&pending.picks).enumerate() {
                            ui.vertical(|ui| {
                                ui.set_max_width(220.0);
                                ui.label(&conflict.record);
                                if !conflict.field.is_empty() {
                                    ui.label(RichText::new(&conflict.field).weak());
                                }
                            });
                            for (side, text) in [(Pick::Mine, &conflict.mine), (Pick::Theirs, &conflict.theirs)] {
                                ui.scope(|ui| {
                                    ui.set_max_width(column);
                                    let radio = ui.radio(*pick == side, text.as_str());
                                    if radio.clicked() {
                                        answers.push(Answer::PickConflict(i, side));
                                    }
                                });
                            }
                            ui.end_row();
                        }
                    });
            });
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let apply = if saving { "Merge and save" } else { "Merge" };
            if ui.button(apply).clicked() {
                answers.push(Answer::ApplyMerge);
            }
            if copy.is_none()
                && ui
                    .button("Save mine as a copy…")
                    .on_hover_text("Merge nothing; keep your version in another file")
                    .clicked()
            {
                answers.push(Answer::SaveCopyInsteadOfMerge);
            }
            if ui
                .button("Cancel")
                .on_hover_text("Merge nothing now; your changes stay unsaved")
                .clicked()
            {
                answers.push(Answer::CancelMerge);
            }
        });
    });
    for answer in answers {
        app.push(Command::Answer(answer));
    }
}

/// The banner shown while a version someone else saved waits to be merged.
pub fn incoming_banner(ui: &mut Ui, app: &StewardApp) {
    let Some(incoming) = &app.sync.incoming else { return };
    let who = incoming
        .header
        .saved_by
        .as_ref()
        .map_or_else(|| "Someone else".to_string(), |s| s.describe());
    egui::Frame::new()
        .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.35))
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{who} saved a new version of this file. Your unsaved changes are kept: merge theirs in now, or Save will merge them."
                    ))
                    .strong(),
                );
                if ui.button("Merge now").clicked() {
                    app.push(Command::Answer(Answer::MergeIncoming));
                }
                if ui.button("Later").on_hover_text("Hide this; saving merges their changes").clicked() {
                    app.push(Command::Answer(Answer::DismissIncoming));
                }
            });
        });
    ui.add_space(4.0);
}

/// The banner offering the first conflicted copy found beside the file.
pub fn copy_banner(ui: &mut Ui, app: &StewardApp) {
    let Some(copy) = app.sync.copies.front() else { return };
    let file = copy.file_name();
    let client = copy.name.client.name();
    let who = copy
        .opened
        .header
        .saved_by
        .as_ref()
        .map(|s| format!(", saved by {}", s.describe()))
        .unwrap_or_default();
    let more = match app.sync.copies.len() {
        1 => String::new(),
        n => format!(" ({} more after this one)", n - 1),
    };
    egui::Frame::new()
        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.2))
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                if copy.nothing_new {
                    ui.label(
                        RichText::new(format!(
                            "{client} left a copy of this file beside it, \"{file}\"{who}. It holds nothing that \
                             this file lacks{more}."
                        ))
                        .strong(),
                    );
                    if ui.button("Delete the copy…").clicked() {
                        app.push(Command::Answer(Answer::AskDeleteCopy));
                    }
                    if ui
                        .button("Keep it")
                        .on_hover_text("Leave the copy where it is")
                        .clicked()
                    {
                        app.push(Command::Answer(Answer::SkipCopy));
                    }
                } else {
                    let how = if copy.base.is_some() {
                        "Its changes can be merged into this file"
                    } else {
                        "No earlier version common to both was found: merging lists every difference for you to choose"
                    };
                    ui.label(
                        RichText::new(format!(
                            "{client} made a conflicted copy of this file, \"{file}\"{who}{more}. {how}."
                        ))
                        .strong(),
                    );
                    if ui
                        .button("Merge and save")
                        .on_hover_text("Merge the copy's changes into this file (one undoable step) and save")
                        .clicked()
                    {
                        app.push(Command::Answer(Answer::MergeCopy));
                    }
                    if ui
                        .button("Not now")
                        .on_hover_text("Leave the copy as it is; it is offered again next time the file opens")
                        .clicked()
                    {
                        app.push(Command::Answer(Answer::SkipCopy));
                    }
                }
            });
        });
    ui.add_space(4.0);
}

/// The question before a conflicted copy is deleted.
pub fn delete_copy(ui: &mut Ui, app: &StewardApp, path: &std::path::Path, merged: bool) {
    let file = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    ui.heading("Delete the conflicted copy?");
    let why = if merged {
        format!(
            "Its changes are now merged and saved in \"{}\".",
            app.doc.display_name()
        )
    } else {
        format!("It holds nothing that \"{}\" lacks.", app.doc.display_name())
    };
    ui.label(format!(
        "{why} Delete \"{file}\"? Steward cannot undo this, though your sync client may keep deleted files for a while."
    ));
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if ui.button("Delete the copy").clicked() {
            app.push(Command::Answer(Answer::DeleteCopy));
        }
        if ui.button("Keep it").clicked() {
            app.push(Command::DismissDialog);
        }
    });
}
