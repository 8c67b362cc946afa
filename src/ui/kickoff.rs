//! The kickoff checklist: what must be settled at and around the kickoff meeting.

use egui::{Id, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::editors;
use super::table::{directed, row_order, sort_header};
use super::widgets::{self, format_date};
use crate::app::{Command, Selection, StewardApp, today};
use crate::model::{Edit, KickoffId, KickoffItem, Record};

pub fn show(ui: &mut Ui, app: &mut StewardApp) {
    let project = &app.doc.project;
    let (done, overdue) = (app.derived.counts.kickoff_done, app.derived.counts.kickoff_overdue);
    ui.horizontal(|ui| {
        ui.heading("Kickoff checklist");
        ui.add_space(12.0);
        ui.label(format!("{done} of {} settled", project.kickoff.len()));
        if overdue > 0 {
            ui.label(RichText::new(format!("· {overdue} overdue")).color(ui.visuals().warn_fg_color));
        }
    });
    ui.separator();

    let read_only = app.doc.read_only;
    if let Some(item) = app
        .view
        .selected_kickoff()
        .and_then(|id| app.doc.project.kickoff.iter().find(|k| k.id == id))
        .cloned()
    {
        egui::Panel::right("kickoff_editor")
            .default_size(340.0)
            .min_size(280.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.add_enabled_ui(!read_only, |ui| editors::kickoff(ui, app, &item));
                });
            });
    }

    ui.add_enabled_ui(!read_only, |ui| commitments(ui, app));

    ui.horizontal(|ui| {
        if ui.add_enabled(!read_only, egui::Button::new("+ Add item")).clicked() {
            let id = KickoffId(app.doc.project.fresh_id());
            let mut item = KickoffItem::new(id, "New item");
            item.category = app
                .view
                .selected_kickoff()
                .and_then(|sel| app.doc.project.kickoff.iter().find(|k| k.id == sel))
                .map(|k| k.category.clone())
                .unwrap_or_default();
            let index = app.doc.project.kickoff.len();
            app.push(Command::edit(
                Edit::Insert {
                    index,
                    record: Record::Kickoff(item),
                },
                "Add kickoff item",
            ));
            app.push(Command::Select(Selection::Kickoff(id)));
        }
        ui.add_space(12.0);
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut app.view.kickoff.filter)
                .hint_text("item, category, owner…")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        ui.checkbox(&mut app.view.kickoff_hide_done, "Hide settled items");
    });
    ui.add_space(4.0);

    let project = &app.doc.project;
    let derived = &app.derived;
    let view = app.view.kickoff.clone();
    let hide_done = app.view.kickoff_hide_done;
    let rows = row_order(
        ui,
        Id::unique("kickoff_rows"),
        app.doc.generation,
        &view,
        hide_done,
        || {
            let mut rows: Vec<usize> = (0..project.kickoff.len())
                .filter(|&i| {
                    let k = &project.kickoff[i];
                    !(hide_done && k.is_done())
                        && widgets::matches_filter(
                            &view.filter,
                            &[&k.text, &k.category, derived.name(k.owner), &k.notes],
                        )
                })
                .collect();
            rows.sort_by(|&a, &b| {
                let (x, y) = (&project.kickoff[a], &project.kickoff[b]);
                let ordering = match view.sort_column {
                    1 => x.text.to_lowercase().cmp(&y.text.to_lowercase()),
                    2 => x.category.to_lowercase().cmp(&y.category.to_lowercase()),
                    3 => derived.name(x.owner).cmp(derived.name(y.owner)),
                    4 => (x.due.is_none(), x.due).cmp(&(y.due.is_none(), y.due)),
                    5 => x.done_on.cmp(&y.done_on),
                    _ => a.cmp(&b),
                };
                directed(&view, ordering.then(a.cmp(&b)))
            });
            rows
        },
    );

    let selected = app.view.selected_kickoff();
    let scroll_to = app
        .view
        .scroll_to_selection
        .then(|| rows.iter().position(|&i| Some(project.kickoff[i].id) == selected))
        .flatten();
    let today = today();
    let mut clicked = None;
    let mut toggled: Option<KickoffItem> = None;
    egui::ScrollArea::horizontal()
        .id_salt("kickoff_hscroll")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("kickoff_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(36.0))
                .column(Column::initial(420.0).at_least(200.0).clip(true).resizable(true))
                .column(Column::initial(130.0).clip(true).resizable(true))
                .column(Column::initial(150.0).clip(true).resizable(true))
                .column(Column::initial(95.0))
                .column(Column::remainder().at_least(90.0));
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, Some(egui::Align::Center));
            }
            table
                .header(24.0, |mut header| {
                    for (i, title) in ["#", "Item", "Category", "Owner", "Due", "Settled on"]
                        .iter()
                        .enumerate()
                    {
                        header.col(|ui| sort_header(ui, &mut app.view.kickoff, i, title));
                    }
                })
                .body(|body| {
                    body.rows(26.0, rows.len(), |mut row| {
                        let index = rows[row.index()];
                        let k = &project.kickoff[index];
                        row.set_selected(selected == Some(k.id));
                        row.col(|ui| {
                            ui.label(RichText::new((index + 1).to_string()).weak());
                        });
                        row.col(|ui| {
                            let mut done = k.is_done();
                            let response = ui.add_enabled(!read_only, egui::Checkbox::new(&mut done, &k.text));
                            if response.changed() {
                                let mut item = k.clone();
                                item.done_on = done.then_some(today);
                                toggled = Some(item);
                            }
                        });
                        row.col(|ui| {
                            ui.label(&k.category);
                        });
                        row.col(|ui| {
                            ui.label(derived.name(k.owner));
                        });
                        row.col(|ui| {
                            let text = RichText::new(format_date(k.due));
                            if k.is_overdue(today) {
                                ui.label(text.color(ui.visuals().error_fg_color))
                                    .on_hover_text("Overdue");
                            } else {
                                ui.label(text);
                            }
                        });
                        row.col(|ui| {
                            ui.label(format_date(k.done_on));
                        });
                        if row.response().clicked() {
                            clicked = Some(k.id);
                        }
                    });
                });
        });
    app.view.scroll_to_selection = false;
    if let Some(item) = toggled {
        let label = if item.is_done() {
            "Tick kickoff item"
        } else {
            "Untick kickoff item"
        };
        app.push(Command::edit(Edit::Put(Record::Kickoff(item)), label));
    }
    if let Some(id) = clicked {
        app.push(Command::Select(Selection::Kickoff(id)));
    }
}

/// What the organization commits to at kickoff, shown on the commitments slide when presenting.
fn commitments(ui: &mut Ui, app: &mut StewardApp) {
    let mut list = app.doc.project.commitments.clone();
    let mut changed: Option<usize> = None;
    let mut structure_changed = false;
    egui::CollapsingHeader::new(format!("Commitments ({}), shown on the kickoff slides", list.len()))
        .id_salt("commitments")
        .show(ui, |ui| {
            let mut remove = None;
            for (i, text) in list.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    let label = ui.label(format!("{}.", i + 1));
                    let edit = egui::TextEdit::singleline(text).desired_width(ui.available_width() - 40.0);
                    if ui.add(edit).labelled_by(label.id).changed() {
                        changed = Some(i);
                    }
                    if ui.small_button("×").on_hover_text("Remove this commitment").clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                list.remove(i);
                structure_changed = true;
            }
            if ui.button("+ Add commitment").clicked() {
                list.push("We commit to …".into());
                structure_changed = true;
            }
        });
    if structure_changed {
        app.push(Command::edit(Edit::SetCommitments(list), "Change commitments"));
    } else if let Some(i) = changed {
        app.push(Command::typing(
            Edit::SetCommitments(list),
            "Edit commitment",
            format!("commitment.{i}"),
        ));
    }
}
