//! The consultant-exit plan: each skill, who does it now, who takes it over, and how far along.

use egui::{Color32, Id, RichText, Sense, Ui, Vec2};
use egui_extras::{Column, TableBuilder};

use super::editors;
use super::table::{directed, row_order, sort_header};
use super::widgets::{self, format_date};
use crate::app::{Command, Selection, StewardApp, today};
use crate::model::{Choice, DocStatus, Edit, HandoverId, HandoverItem, Record, Stage};

pub fn show(ui: &mut Ui, app: &mut StewardApp) {
    let project = &app.doc.project;
    ui.horizontal(|ui| {
        ui.heading("Consultant-exit plan");
        ui.add_space(12.0);
        for (stage, n) in Stage::ALL.iter().zip(app.derived.counts.per_stage) {
            ui.label(RichText::new(format!("{}: {n}", stage.label())).weak());
        }
    });
    if let Some(exit) = project.details.exit_date {
        let days = (exit - today()).num_days();
        let text = if days >= 0 {
            format!(
                "The consultants leave on {} ({days} days from today).",
                exit.format("%Y-%m-%d")
            )
        } else {
            format!(
                "The consultants' exit date {} passed {} days ago.",
                exit.format("%Y-%m-%d"),
                -days
            )
        };
        ui.label(text);
    } else {
        ui.label(RichText::new("Set the consultants' exit date in the Overview.").weak());
    }
    ui.separator();

    let read_only = app.doc.read_only;
    if let Some(item) = app
        .view
        .selected_handover()
        .and_then(|id| app.doc.project.handover.iter().find(|h| h.id == id))
        .cloned()
    {
        egui::Panel::right("handover_editor")
            .default_size(360.0)
            .min_size(280.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.add_enabled_ui(!read_only, |ui| editors::handover(ui, app, &item));
                });
            });
    }

    ui.horizontal(|ui| {
        if ui
            .add_enabled(!read_only, egui::Button::new("+ Add hand-over item"))
            .clicked()
        {
            let id = HandoverId(app.doc.project.fresh_id());
            let mut item = HandoverItem::new(id, "New skill");
            item.target = app.doc.project.details.exit_date;
            let index = app.doc.project.handover.len();
            app.push(Command::edit(
                Edit::Insert {
                    index,
                    record: Record::Handover(item),
                },
                "Add hand-over item",
            ));
            app.push(Command::Select(Selection::Handover(id)));
        }
        ui.add_space(12.0);
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut app.view.handover.filter)
                .hint_text("skill, area, person…")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
    });
    ui.add_space(4.0);

    let project = &app.doc.project;
    let derived = &app.derived;
    let area_name = |h: &HandoverItem| h.area.and_then(|a| project.area(a)).map_or("", |a| a.name.as_str());
    let view = app.view.handover.clone();
    let rows = row_order(
        ui,
        Id::unique("handover_rows"),
        app.doc.generation,
        &view,
        false,
        || {
            let mut rows: Vec<usize> = (0..project.handover.len())
                .filter(|&i| {
                    let h = &project.handover[i];
                    widgets::matches_filter(
                        &view.filter,
                        &[
                            &h.skill,
                            area_name(h),
                            derived.name(h.current_doer),
                            derived.name(h.internal_owner),
                            h.stage.label(),
                            &h.notes,
                        ],
                    )
                })
                .collect();
            rows.sort_by(|&a, &b| {
                let (x, y) = (&project.handover[a], &project.handover[b]);
                let ordering = match view.sort_column {
                    0 => x.skill.to_lowercase().cmp(&y.skill.to_lowercase()),
                    1 => area_name(x).cmp(area_name(y)),
                    2 => derived.name(x.current_doer).cmp(derived.name(y.current_doer)),
                    3 => derived.name(x.internal_owner).cmp(derived.name(y.internal_owner)),
                    4 => x.stage.cmp(&y.stage),
                    5 => x.documentation.cmp(&y.documentation),
                    6 => derived.name(x.tester).cmp(derived.name(y.tester)),
                    _ => (x.target.is_none(), x.target).cmp(&(y.target.is_none(), y.target)),
                };
                directed(&view, ordering.then(a.cmp(&b)))
            });
            rows
        },
    );

    let selected = app.view.selected_handover();
    let scroll_to = app
        .view
        .scroll_to_selection
        .then(|| rows.iter().position(|&i| Some(project.handover[i].id) == selected))
        .flatten();
    let today = today();
    let mut clicked = None;
    egui::ScrollArea::horizontal()
        .id_salt("exit_plan_hscroll")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("handover_table")
                .striped(true)
                .sense(Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(240.0).at_least(140.0).clip(true).resizable(true))
                .column(Column::initial(120.0).clip(true).resizable(true))
                .column(Column::initial(130.0).clip(true).resizable(true))
                .column(Column::initial(130.0).clip(true).resizable(true))
                .column(Column::initial(150.0))
                .column(Column::initial(80.0))
                .column(Column::initial(120.0).clip(true))
                .column(Column::remainder().at_least(90.0));
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, Some(egui::Align::Center));
            }
            table
                .header(24.0, |mut header| {
                    for (i, title) in [
                        "Skill or task",
                        "Area",
                        "Does it today",
                        "Internal owner",
                        "Stage",
                        "Docs",
                        "Tested by",
                        "Target",
                    ]
                    .iter()
                    .enumerate()
                    {
                        header.col(|ui| sort_header(ui, &mut app.view.handover, i, title));
                    }
                })
                .body(|body| {
                    body.rows(26.0, rows.len(), |mut row| {
                        let h = &project.handover[rows[row.index()]];
                        let is_selected = selected == Some(h.id);
                        row.set_selected(is_selected);
                        row.col(|ui| {
                            if ui
                                .add(egui::Button::selectable(is_selected, &h.skill).frame(false))
                                .clicked()
                            {
                                clicked = Some(h.id);
                            }
                        });
                        row.col(|ui| {
                            ui.label(area_name(h));
                        });
                        row.col(|ui| {
                            ui.label(derived.name(h.current_doer));
                        });
                        row.col(|ui| {
                            let owner = derived.name(h.internal_owner);
                            if owner.is_empty() {
                                ui.label(RichText::new("nobody").color(ui.visuals().error_fg_color));
                            } else {
                                ui.label(owner);
                            }
                        });
                        row.col(|ui| {
                            stage_ladder(ui, h.stage);
                        });
                        row.col(|ui| {
                            let color = match h.documentation {
                                DocStatus::None => ui.visuals().error_fg_color,
                                DocStatus::Draft => ui.visuals().warn_fg_color,
                                DocStatus::Reviewed => Color32::from_rgb(46, 139, 87),
                            };
                            ui.label(RichText::new(h.documentation.label()).color(color));
                        });
                        row.col(|ui| {
                            ui.label(derived.name(h.tester));
                        });
                        row.col(|ui| {
                            let late = h.stage != Stage::StaffAlone && h.target.is_some_and(|t| t < today);
                            let text = RichText::new(format_date(h.target));
                            ui.label(if late {
                                text.color(ui.visuals().error_fg_color)
                            } else {
                                text
                            });
                        });
                        if row.response().clicked() {
                            clicked = Some(h.id);
                        }
                    });
                });
        });
    app.view.scroll_to_selection = false;
    if let Some(id) = clicked {
        app.push(Command::Select(Selection::Handover(id)));
    }
}

/// Four boxes, filled up to the current rung of the hand-over ladder.
pub fn stage_ladder(ui: &mut Ui, stage: Stage) {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(60.0, 14.0), Sense::hover());
    let filled = stage.rank() + 1;
    let color = if stage == Stage::StaffAlone {
        Color32::from_rgb(46, 139, 87)
    } else {
        Color32::from_rgb(70, 120, 190)
    };
    for i in 0..4 {
        let r = egui::Rect::from_min_size(rect.min + Vec2::new(i as f32 * 15.0, 0.0), Vec2::new(12.0, 14.0));
        if i < filled {
            ui.painter().rect_filled(r, 2.0, color);
        } else {
            ui.painter()
                .rect_stroke(r, 2.0, (1.0, ui.visuals().weak_text_color()), egui::StrokeKind::Inside);
        }
    }
    response.on_hover_text(stage.label());
    ui.label(RichText::new(format!("{}/4", filled)).small().weak());
}
