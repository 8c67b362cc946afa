//! The spreadsheet import preview: map columns to fields, see each row's problems, confirm.

use egui::{Grid, Id, Modal, RichText, ScrollArea};

use crate::app::{Command, StewardApp};

/// Rows shown in the preview; the summary counts them all.
const PREVIEW_ROWS: usize = 200;

pub fn show(ctx: &egui::Context, app: &mut StewardApp) {
    if app.import.is_none() || app.dialog.is_some() {
        return;
    }
    let mut changed: Option<(usize, usize)> = None;
    let mut answer = None;
    Modal::new(Id::unique("csv_import")).show(ctx, |ui| {
        let Some(import) = &app.import else { return };
        ui.set_max_width(760.0);
        let noun = import.noun();
        ui.heading(format!("Import {noun}s"));
        let delimiter = if import.table.delimiter == b';' {
            "semicolons"
        } else {
            "commas"
        };
        ui.label(format!(
            "{} · {} rows · columns separated by {delimiter}",
            import.path.display(),
            import.row_count()
        ));
        ui.add_space(6.0);
        ui.label(RichText::new("Which field does each column fill?").strong());
        let options = import.option_labels(&app.doc.project);
        Grid::new("import_mapping")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for (column, header) in import.table.headers.iter().enumerate() {
                    let label = ui.label(if header.is_empty() {
                        format!("Column {}", column + 1)
                    } else {
                        header.clone()
                    });
                    let mut chosen = import.chosen(column);
                    let response = egui::ComboBox::from_id_salt(("import_field", column))
                        .selected_text(options.get(chosen).map_or("", String::as_str))
                        .show_ui(ui, |ui| {
                            for (i, option) in options.iter().enumerate() {
                                if ui.selectable_value(&mut chosen, i, option).changed() {
                                    changed = Some((column, chosen));
                                }
                            }
                        })
                        .response;
                    response.labelled_by(label.id);
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        let ready = import.ready();
        let problems = import.row_count() - ready;
        ui.label(
            RichText::new(format!(
                "{ready} row(s) ready to import, {problems} with problems (they will be skipped)."
            ))
            .strong(),
        );
        ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
            Grid::new("import_rows").striped(true).num_columns(3).show(ui, |ui| {
                ui.label(RichText::new("Row").strong());
                ui.label(RichText::new(if noun == "stakeholder" { "Name" } else { "Scenario" }).strong());
                ui.label(RichText::new("Result").strong());
                ui.end_row();
                for row in import.preview_rows().into_iter().take(PREVIEW_ROWS) {
                    ui.label(row.row.to_string());
                    // The name as written, also on rows that cannot be imported yet.
                    ui.label(row.name);
                    if row.problems.is_empty() {
                        ui.label(RichText::new("ready").color(super::palette::GOOD));
                    } else {
                        ui.label(RichText::new(row.problems.join("; ")).color(ui.visuals().error_fg_color));
                    }
                    ui.end_row();
                }
            });
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let import_button = egui::Button::new(format!("Import {ready} {noun}(s)"));
            if ui.add_enabled(ready > 0, import_button).clicked() {
                answer = Some(Command::ConfirmImport);
            }
            if ui.button("Cancel import").clicked() {
                answer = Some(Command::CancelImport);
            }
        });
    });
    if let Some((column, option)) = changed {
        app.push(Command::MapImportOption { column, option });
    }
    if let Some(command) = answer {
        app.push(command);
    }
}
