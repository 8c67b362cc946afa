//! Modal dialogs: unsaved changes, errors, confirmations, save conflicts, typed paths.

use egui::{Id, Modal, RichText, Ui};

use crate::app::{Command, Dialog, DiscardChoice, PathPurpose, StewardApp};

/// Draws the current dialog, if any, and turns the answer into commands or app calls.
pub fn show(ctx: &egui::Context, app: &mut StewardApp) {
    let Some(dialog) = app.dialog.clone() else { return };
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
            Dialog::SaveConflict { path, .. } => {
                ui.heading("The file changed since you opened it");
                ui.label(format!(
                    "Someone else (or another program) saved \"{}\" after you opened it. Saving now would replace their changes.",
                    path.display()
                ));
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Overwrite their changes").clicked() {
                        app.overwrite_after_conflict();
                    }
                    if ui.button("Save as a copy…").clicked() {
                        app.save_copy_after_conflict();
                    }
                    if ui.button("Reload and discard my changes").clicked() {
                        app.reload_after_conflict();
                    }
                    if ui.button("Cancel").clicked() {
                        app.push(Command::DismissDialog);
                    }
                });
            }
            Dialog::PathEntry { purpose, mut text } => {
                let (title, button) = match purpose {
                    PathPurpose::Open => ("Open a project", "Open"),
                    PathPurpose::SaveAs => ("Save the project as", "Save"),
                };
                ui.heading(title);
                ui.label("No file dialog is available on this desktop (no portal answered). Type the full path of the file:");
                let label = ui.label("File path");
                let edit = ui.add(egui::TextEdit::singleline(&mut text).desired_width(480.0)).labelled_by(label.id);
                if edit.changed() {
                    app.dialog = Some(Dialog::PathEntry { purpose, text: text.clone() });
                }
                let submitted = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let ok = ui.add_enabled(!text.trim().is_empty(), egui::Button::new(button));
                    if ok.clicked() || (submitted && !text.trim().is_empty()) {
                        let path = std::path::PathBuf::from(text.trim());
                        app.push(Command::DismissDialog);
                        app.push(match purpose {
                            PathPurpose::Open => Command::OpenPath(path),
                            PathPurpose::SaveAs => Command::SaveAsPath(path),
                        });
                    }
                    if ui.button("Cancel").clicked() {
                        app.push(Command::DismissDialog);
                    }
                });
            }
        }
    });
    if response.should_close() && matches!(app.dialog, Some(Dialog::Error { .. } | Dialog::ConfirmDelete { .. })) {
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
