//! Modal dialogs: unsaved changes, errors, confirmations, save conflicts, typed paths.

use egui::{Id, Modal, RichText, Ui};

use crate::app::{Answer, Command, Dialog, DiscardChoice, PathPurpose, StewardApp};

/// Draws the current dialog, if any, and turns the answer into commands or app calls.
pub fn show(ctx: &egui::Context, app: &mut StewardApp) {
    let Some(dialog) = app.dialog.clone() else { return };
    if let Dialog::Merge = dialog {
        super::merge::dialog(ctx, app);
        return;
    }
    if let Dialog::WhatChanged = dialog {
        super::history::dialog(ctx, app);
        return;
    }
    let response = Modal::new(Id::unique("steward_dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match dialog {
            Dialog::UnsavedChanges { .. } => unsaved_changes(ui, app),
            Dialog::Error { title, message } => error(ui, app, &title, &message),
            Dialog::ConfirmDelete { title, references, edit, label } => {
                ui.heading(title);
                ui.label("These references will be cleared:");
                egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                    for reference in &references {
                        ui.label(format!("• {reference}"));
                    }
                });
                ui.label(RichText::new("You can undo this.").weak());
                ui.horizontal(|ui| {
                    if ui.button("Delete").clicked() {
                        app.push(Command::DismissDialog);
                        app.push(Command::edit(edit, label));
                    }
                    if ui.button("Cancel").clicked() {
                        app.push(Command::DismissDialog);
                    }
                });
            }
            Dialog::Merge | Dialog::WhatChanged => {}
            Dialog::DeleteCopy { path, merged, .. } => super::merge::delete_copy(ui, app, &path, merged),
            Dialog::SaveConflict { path, reason, .. } => {
                ui.heading("The file changed since you opened it");
                ui.label(format!(
                    "Someone else (or another program) changed \"{}\" after you opened it, and their version cannot be merged with yours. Saving now would replace it.",
                    path.display()
                ));
                ui.label(RichText::new(reason).weak());
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Overwrite their changes").clicked() {
                        app.push(Command::Answer(Answer::OverwriteAfterConflict));
                    }
                    if ui.button("Save as a copy…").clicked() {
                        app.push(Command::Answer(Answer::SaveCopyAfterConflict));
                    }
                    if ui.button("Reload and discard my changes").clicked() {
                        app.push(Command::Answer(Answer::ReloadAfterConflict));
                    }
                    if ui.button("Cancel").clicked() {
                        app.push(Command::DismissDialog);
                    }
                });
            }
            Dialog::Locked { path, holder } => {
                ui.heading("Someone else has this project open");
                match &holder {
                    Some(holder) => ui.label(format!(
                        "\"{}\" is open for editing by {}. Two people saving the same file would overwrite each other's work.",
                        path.display(),
                        holder.describe()
                    )),
                    None => ui.label(format!(
                        "\"{}\" has a lock file that cannot be read, so someone may be editing it. You can look at it read-only or work on a copy.",
                        path.display()
                    )),
                };
                ui.add_space(6.0);
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Open read-only").clicked() {
                        app.push(Command::Answer(Answer::OpenPendingReadOnly));
                    }
                    if ui.button("Open a copy").on_hover_text("Work on a copy and save it under another name").clicked() {
                        app.push(Command::Answer(Answer::OpenPendingAsCopy));
                    }
                    if let Some(holder) = holder
                        && ui.button("Edit anyway…").clicked()
                    {
                        app.push(Command::ShowDialog(Dialog::ConfirmEditAnyway { path: path.clone(), holder }));
                    }
                    if ui.button("Cancel").clicked() {
                        app.push(Command::Answer(Answer::CancelPendingOpen));
                    }
                });
            }
            Dialog::ConfirmEditAnyway { path, holder } => {
                ui.heading("Edit a file someone else is editing?");
                ui.label(format!(
                    "{} may still have \"{}\" open. If you both save, the later save replaces the other's changes. \
                     Only continue if you know they have finished (for example their computer crashed).",
                    holder.describe(),
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Take over editing").clicked() {
                        app.push(Command::Answer(Answer::EditPendingAnyway));
                    }
                    if ui.button("Back").clicked() {
                        app.push(Command::ShowDialog(Dialog::Locked { path: path.clone(), holder: Some(holder.clone()) }));
                    }
                });
            }
            Dialog::Restore { entries } => {
                ui.heading("Restore unsaved work?");
                ui.label("Steward ended without saving these changes. They were kept on this computer.");
                ui.add_space(4.0);
                for entry in entries {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(entry.describe());
                        if ui.button("Restore").clicked() {
                            app.push(Command::Answer(Answer::RestoreRecovery(entry.clone())));
                        }
                        if ui.button("Discard").on_hover_text("Delete this recovery copy for good").clicked() {
                            app.push(Command::Answer(Answer::DiscardRecovery(entry.clone())));
                        }
                    });
                }
                if ui.button("Decide later").clicked() {
                    app.push(Command::DismissDialog);
                }
            }
            Dialog::PathEntry { purpose, mut text } => {
                let (title, button) = match purpose {
                    PathPurpose::Open => ("Open a project", "Open"),
                    PathPurpose::SaveAs => ("Save the project as", "Save"),
                    PathPurpose::ImportCsv => ("Import from a spreadsheet", "Read"),
                    PathPurpose::Export(_) => ("Export", "Export"),
                };
                ui.heading(title);
                ui.label("No file dialog is available on this desktop (no portal answered). Type the full path of the file:");
                let label = ui.label("File path");
                let edit = ui.add(egui::TextEdit::singleline(&mut text).desired_width(480.0)).labelled_by(label.id);
                // Ready to type as soon as the dialog opens.
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.memory(|m| m.focused().is_none()) && !edit.lost_focus() {
                    edit.request_focus();
                }
                if edit.changed() {
                    app.push(Command::ShowDialog(Dialog::PathEntry { purpose, text: text.clone() }));
                }
                let submitted = (edit.lost_focus() || edit.has_focus()) && enter;
                ui.horizontal(|ui| {
                    let ok = ui.add_enabled(!text.trim().is_empty(), egui::Button::new(button));
                    if ok.clicked() || (submitted && !text.trim().is_empty()) {
                        let path = std::path::PathBuf::from(text.trim());
                        app.push(Command::DismissDialog);
                        app.push(match purpose {
                            PathPurpose::Open => Command::OpenPath(path),
                            PathPurpose::SaveAs => Command::SaveAsPath(path),
                            PathPurpose::ImportCsv => Command::ImportFrom(path),
                            PathPurpose::Export(kind) => Command::ExportTo(kind, path),
                        });
                    }
                    if ui.button("Cancel").clicked() {
                        app.push(Command::DismissDialog);
                    }
                });
            }
        }
    });
    if response.should_close()
        && matches!(
            app.dialog,
            Some(Dialog::Error { .. } | Dialog::ConfirmDelete { .. } | Dialog::DeleteCopy { .. })
        )
    {
        app.push(Command::DismissDialog);
    }
}

fn unsaved_changes(ui: &mut Ui, app: &mut StewardApp) {
    ui.heading("Save changes?");
    ui.label(format!(
        "\"{}\" has changes that are not saved yet.",
        app.doc.display_name()
    ));
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            app.push(Command::ResolveDiscard(DiscardChoice::Save));
        }
        if ui.button("Don't save").clicked() {
            app.push(Command::ResolveDiscard(DiscardChoice::Discard));
        }
        if ui.button("Cancel").clicked() {
            app.push(Command::ResolveDiscard(DiscardChoice::Cancel));
        }
    });
}

fn error(ui: &mut Ui, app: &mut StewardApp, title: &str, message: &str) {
    ui.heading(title);
    ui.label(message);
    ui.add_space(6.0);
    if ui.button("OK").clicked() {
        app.push(Command::DismissDialog);
    }
}
