//! The spreadsheet import preview: map columns to fields, see each row's problems, confirm.

use egui::{Grid, Id, Modal, RichText, ScrollArea};

use crate::app::{Command, ImportChange, StewardApp};
use crate::interop::import::{IGNORE, ImportList};

/// Rows shown in the preview; the summary counts them all.
const PREVIEW_ROWS: usize = 200;

pub fn show(ctx: &egui::Context, app: &mut StewardApp) {
    if app.import.is_none() || app.dialog.is_some() {
        return;
    }
    let mut changed: Option<ImportChange> = None;
    let mut answer = None;
    Modal::new(Id::unique("csv_import")).show(ctx, |ui| {
        let Some(import) = &app.import else { return };
        ui.set_max_width(760.0);
        ui.heading(format!("Import {}", import.list.label().to_lowercase()));
        let table = import.table();
        let source = if import.workbook {
            format!("sheet \"{}\"", import.sheets[import.sheet].0)
        } else if table.delimiter == b';' {
            "columns separated by semicolons".to_string()
        } else {
            "columns separated by commas".to_string()
        };
        ui.label(format!(
            "{} · {} rows · {source}",
            import.path.display(),
            import.rows.len()
        ));
        ui.add_space(6.0);
        Grid::new("import_source")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                let label = ui.label("Import into");
                let mut list = import.list;
                egui::ComboBox::from_id_salt("import_list")
                    .selected_text(list.label())
                    .show_ui(ui, |ui| {
                        for option in ImportList::ALL {
                            if ui.selectable_value(&mut list, *option, option.label()).changed() {
                                changed = Some(ImportChange::List(list));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                if import.workbook {
                    let label = ui.label("Sheet");
                    let mut sheet = import.sheet;
                    egui::ComboBox::from_id_salt("import_sheet")
                        .selected_text(import.sheets[sheet].0.as_str())
                        .show_ui(ui, |ui| {
                            for (i, (name, _)) in import.sheets.iter().enumerate() {
                                if ui.selectable_value(&mut sheet, i, name.as_str()).changed() {
                                    changed = Some(ImportChange::Sheet(sheet));
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        let fields = import.list.fields(&app.doc.project);
        ui.label(RichText::new("Which field does each column fill?").strong());
        Grid::new("import_mapping")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for (column, header) in table.headers.iter().enumerate() {
                    let label = ui.label(if header.is_empty() {
                        format!("Column {}", column + 1)
                    } else {
                        header.clone()
                    });
                    let mut field = import.mapping.get(column).copied().unwrap_or(IGNORE);
                    let response = egui::ComboBox::from_id_salt(("import_field", import.list, column))
                        .selected_text(fields.get(field).map_or("(ignore)", String::as_str))
                        .show_ui(ui, |ui| {
                            for (option, name) in fields.iter().enumerate() {
                                if ui.selectable_value(&mut field, option, name.as_str()).changed() {
                                    changed = Some(ImportChange::Field { column, field });
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
        let problems = import.rows.len() - ready;
        ui.label(
            RichText::new(format!(
                "{ready} row(s) ready to import, {problems} with problems (they will be skipped)."
            ))
            .strong(),
        );
        ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
            Grid::new("import_rows").striped(true).num_columns(3).show(ui, |ui| {
                ui.label(RichText::new("Row").strong());
                ui.label(RichText::new(fields.get(1).map_or("Name", String::as_str)).strong());
                ui.label(RichText::new("Result").strong());
                ui.end_row();
                for row in import.rows.iter().take(PREVIEW_ROWS) {
                    ui.label(row.row.to_string());
                    // The name as written, also on rows that cannot be imported yet.
                    ui.label(&row.label);
                    if row.adds_to.is_some() {
                        let results = row.results.len();
                        ui.label(
                            RichText::new(format!(
                                "ready: {results} result(s) for the scenario already in the project"
                            ))
                            .color(super::palette::GOOD),
                        );
                    } else if row.problems.is_empty() {
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
            // Rows naming scenarios already there only record results.
            let results: usize = import
                .rows
                .iter()
                .filter(|r| r.is_ready() && r.adds_to.is_some())
                .map(|r| r.results.len())
                .sum();
            let added = import
                .rows
                .iter()
                .filter(|r| r.is_ready() && r.record.is_some())
                .count();
            let text = match (added, results) {
                (_, 0) => format!("Import {added} {}(s)", import.list.noun()),
                (0, _) => format!("Record {results} result(s)"),
                _ => format!(
                    "Import {added} {}(s) and record {results} result(s)",
                    import.list.noun()
                ),
            };
            let import_button = egui::Button::new(text);
            if ui.add_enabled(ready > 0, import_button).clicked() {
                answer = Some(Command::ConfirmImport);
            }
            if ui.button("Cancel import").clicked() {
                answer = Some(Command::CancelImport);
            }
        });
    });
    if let Some(change) = changed {
        app.push(Command::ChangeImport(change));
    }
    if let Some(command) = answer {
        app.push(command);
    }
}
