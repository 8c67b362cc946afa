//! The Stakeholders panel: the register as a table, the power/interest grid and the RACI matrix,
//! with a side editor for the selected person or area.

use egui::{Id, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::table::{directed, row_order, sort_header};
use super::{editors, grid, raci, widgets};
use crate::app::{Command, Selection, StakeholderView, StewardApp};
use crate::model::{Choice, Edit, Quadrant, Record, Stakeholder, StakeholderId};

pub fn show(ui: &mut Ui, app: &mut StewardApp) {
    ui.horizontal(|ui| {
        ui.heading("Stakeholders");
        ui.add_space(12.0);
        for (view, label) in [
            (StakeholderView::Register, "Register"),
            (StakeholderView::Grid, "Power/interest grid"),
            (StakeholderView::Raci, "RACI by area"),
        ] {
            if ui.selectable_label(app.view.stakeholder_view == view, label).clicked() {
                app.view.stakeholder_view = view;
            }
        }
    });
    ui.separator();

    let read_only = app.doc.read_only;
    let selected_person = app
        .view
        .selected_stakeholder()
        .and_then(|id| app.doc.project.stakeholder(id))
        .cloned();
    let selected_area = app
        .view
        .selected_area()
        .and_then(|id| app.doc.project.area(id))
        .cloned();
    let editor_open = match app.view.stakeholder_view {
        StakeholderView::Raci => selected_area.is_some(),
        _ => selected_person.is_some(),
    };
    if editor_open {
        egui::Panel::right("stakeholder_editor")
            .default_size(340.0)
            .min_size(280.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.add_enabled_ui(!read_only, |ui| {
                        match (&app.view.stakeholder_view, &selected_person, &selected_area) {
                            (StakeholderView::Raci, _, Some(area)) => {
                                editors::area(ui, app, area);
                                ui.separator();
                                raci::area_assignments(ui, app, area);
                            }
                            (_, Some(person), _) => editors::stakeholder(ui, app, person),
                            _ => {}
                        }
                    });
                });
            });
    }
    match app.view.stakeholder_view {
        StakeholderView::Register => register(ui, app),
        StakeholderView::Grid => grid::show(ui, app),
        StakeholderView::Raci => raci::show(ui, app),
    }
}

fn register(ui: &mut Ui, app: &mut StewardApp) {
    ui.horizontal(|ui| {
        let add = ui.add_enabled(!app.doc.read_only, egui::Button::new("+ Add stakeholder"));
        if add.clicked() {
            add_stakeholder(app);
        }
        ui.add_space(12.0);
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut app.view.stakeholders.filter)
                .hint_text("name, role, department…")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
    });
    ui.add_space(4.0);

    let project = &app.doc.project;
    let view = app.view.stakeholders.clone();
    let rows = row_order(
        ui,
        Id::unique("stakeholder_rows"),
        app.doc.generation,
        &view,
        false,
        || {
            let mut rows: Vec<usize> = (0..project.stakeholders.len())
                .filter(|&i| {
                    let s = &project.stakeholders[i];
                    widgets::matches_filter(
                        &view.filter,
                        &[&s.name, &s.role, &s.department, s.side.label(), &s.notes],
                    )
                })
                .collect();
            rows.sort_by(|&a, &b| {
                directed(
                    &view,
                    compare(&project.stakeholders[a], &project.stakeholders[b], view.sort_column),
                )
            });
            rows
        },
    );
    if rows.is_empty() {
        ui.label(RichText::new("No stakeholders match. Clear the filter or add someone.").weak());
    }

    let selected = app.view.selected_stakeholder();
    let scroll_to = app
        .view
        .scroll_to_selection
        .then(|| rows.iter().position(|&i| Some(project.stakeholders[i].id) == selected))
        .flatten();
    let mut clicked: Option<StakeholderId> = None;
    egui::ScrollArea::horizontal()
        .id_salt("stakeholders_hscroll")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("stakeholder_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(180.0).at_least(120.0).clip(true).resizable(true))
                .column(Column::initial(150.0).clip(true).resizable(true))
                .column(Column::initial(120.0).clip(true).resizable(true))
                .column(Column::initial(80.0))
                .column(Column::initial(50.0))
                .column(Column::initial(60.0))
                .column(Column::initial(110.0))
                .column(Column::initial(90.0))
                .column(Column::remainder().at_least(90.0));
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, Some(egui::Align::Center));
            }
            let titles = [
                "Name",
                "Role",
                "Department",
                "Side",
                "Power",
                "Interest",
                "Quadrant",
                "Now",
                "Wanted",
            ];
            table
                .header(24.0, |mut header| {
                    for (i, title) in titles.iter().enumerate() {
                        header.col(|ui| sort_header(ui, &mut app.view.stakeholders, i, title));
                    }
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let s = &project.stakeholders[rows[row.index()]];
                        let is_selected = selected == Some(s.id);
                        row.set_selected(is_selected);
                        row.col(|ui| {
                            if ui
                                .add(egui::Button::selectable(is_selected, &s.name).frame(false))
                                .clicked()
                            {
                                clicked = Some(s.id);
                            }
                        });
                        row.col(|ui| {
                            ui.label(&s.role);
                        });
                        row.col(|ui| {
                            ui.label(&s.department);
                        });
                        row.col(|ui| {
                            ui.label(s.side.label());
                        });
                        row.col(|ui| {
                            ui.label(s.power.to_string());
                        });
                        row.col(|ui| {
                            ui.label(s.interest.to_string());
                        });
                        row.col(|ui| {
                            ui.label(s.quadrant().label());
                        });
                        row.col(|ui| {
                            ui.label(s.engagement_now.label());
                        });
                        row.col(|ui| {
                            let gap = s.engagement_gap();
                            let text = RichText::new(s.engagement_wanted.label());
                            ui.label(if gap >= 2 {
                                text.color(ui.visuals().warn_fg_color)
                            } else {
                                text
                            })
                            .on_hover_text(format!("{gap:+} level(s) from now to wanted"));
                        });
                        if row.response().clicked() {
                            clicked = Some(s.id);
                        }
                    });
                });
        });
    app.view.scroll_to_selection = false;
    if let Some(id) = clicked {
        app.push(Command::Select(Selection::Stakeholder(id)));
    }
}

fn compare(a: &Stakeholder, b: &Stakeholder, column: usize) -> std::cmp::Ordering {
    let by_text = |x: &str, y: &str| x.to_lowercase().cmp(&y.to_lowercase());
    let primary = match column {
        1 => by_text(&a.role, &b.role),
        2 => by_text(&a.department, &b.department),
        3 => a.side.cmp(&b.side),
        4 => b.power.cmp(&a.power),
        5 => b.interest.cmp(&a.interest),
        6 => quadrant_rank(a).cmp(&quadrant_rank(b)),
        7 => a.engagement_now.cmp(&b.engagement_now),
        8 => b.engagement_gap().cmp(&a.engagement_gap()),
        _ => std::cmp::Ordering::Equal,
    };
    primary.then_with(|| by_text(&a.name, &b.name))
}

fn quadrant_rank(s: &Stakeholder) -> usize {
    Quadrant::ALL.iter().position(|q| *q == s.quadrant()).unwrap_or(0)
}

/// Adds a new person at the end of the register and selects them for editing.
pub fn add_stakeholder(app: &mut StewardApp) {
    let id = StakeholderId(app.doc.project.fresh_id());
    let person = Stakeholder::new(id, "New stakeholder");
    let index = app.doc.project.stakeholders.len();
    app.push(Command::edit(
        Edit::Insert {
            index,
            record: Record::Stakeholder(person),
        },
        "Add stakeholder",
    ));
    app.push(Command::Select(Selection::Stakeholder(id)));
}
