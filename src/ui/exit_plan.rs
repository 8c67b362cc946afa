//! The consultant-exit plan: each skill, who does it now, who takes it over, and how far along.

use egui::{RichText, Sense, Ui, Vec2};

use super::context::PanelCtx;
use super::editors::{emit, form_grid};
use super::list::{self, ListRecord};
use super::palette;
use super::widgets::Form;
use crate::app::{Command, FocusTarget, TableView, ViewState};
use crate::model::columns::Column;
use crate::model::{Choice, DocStatus, HandoverId, HandoverItem, Record, RecordKey, Stage};

impl ListRecord for HandoverItem {
    const ADD: &'static str = "+ Add hand-over item";
    const FILTER_HINT: &'static str = "skill, area, person…";

    fn table_view(view: &mut ViewState) -> &mut TableView {
        &mut view.handover
    }

    fn new_record(id: u64, cx: &PanelCtx) -> Self {
        let mut item = HandoverItem::new(HandoverId(id), "New skill");
        item.target = cx.project.details.exit_date;
        item
    }

    fn editor(&self, ui: &mut Ui, cx: &mut PanelCtx) {
        let mut h = self.clone();
        let mut form = Form::focusing_first(cx.take_focus(FocusTarget::EditorFirstField));
        ui.heading("Hand-over item");
        let areas: Vec<_> = cx.project.areas.iter().map(|a| (a.id, a.name.clone())).collect();
        let people = &cx.derived.people_by_name;
        form_grid(ui, "handover_form", |ui| {
            form.text(ui, "Skill or task", &mut h.skill);
            form.area(ui, "Area", &mut h.area, &areas);
            form.person(ui, "Does it today", &mut h.current_doer, people);
            form.person(ui, "Internal owner", &mut h.internal_owner, people);
            form.choice(ui, "Stage", &mut h.stage);
            form.choice(ui, "Documentation", &mut h.documentation);
            form.person(ui, "Tested by", &mut h.tester, people);
            form.date(ui, "Target date", &mut h.target);
            form.multiline(ui, "Notes", &mut h.notes);
        });
        ui.label(RichText::new(stage_hint(h.stage)).weak().small());
        emit(cx, form, Record::Handover(h), "hand-over item");
        ui.add_space(8.0);
        if ui.button("Delete item").clicked() {
            cx.send(Command::Delete(RecordKey::Handover(self.id)));
        }
    }

    fn cell(&self, ui: &mut Ui, column: &Column<Self>, cx: &PanelCtx) {
        let text = (column.text)(self, &cx.derived.names);
        match column.title {
            "Internal owner" if text.is_empty() => {
                ui.label(RichText::new("nobody").color(palette::error(ui)));
            }
            "Stage" => stage_ladder(ui, self.stage),
            "Docs" => {
                let color = match self.documentation {
                    DocStatus::None => palette::error(ui),
                    DocStatus::Draft => palette::warning(ui),
                    DocStatus::Reviewed => palette::GOOD,
                };
                ui.label(RichText::new(&*text).color(color));
            }
            "Target" if self.is_late(cx.today()) => {
                ui.label(RichText::new(&*text).color(palette::error(ui)))
                    .on_hover_text("Late");
            }
            _ => list::text_cell(ui, &text),
        }
    }
}

pub fn show(ui: &mut Ui, cx: &mut PanelCtx) {
    ui.horizontal(|ui| {
        ui.heading("Consultant-exit plan");
        ui.add_space(12.0);
        for (stage, n) in Stage::ALL.iter().zip(cx.derived.counts.per_stage) {
            ui.label(RichText::new(format!("{}: {n}", stage.label())).weak());
        }
    });
    if let Some(exit) = cx.project.details.exit_date {
        let days = (exit - cx.today()).num_days();
        let text = if days >= 0 {
            format!("The consultants leave on {exit} ({days} days from today).")
        } else {
            format!("The consultants' exit date {exit} passed {} days ago.", -days)
        };
        ui.label(text);
    } else {
        ui.label(RichText::new("Set the consultants' exit date in the Overview.").weak());
    }
    ui.checkbox(&mut cx.view.timeline.shown, "Show the timeline")
        .on_hover_text("Every hand-over item on a lane per area, up to the exit date");
    if cx.view.timeline.shown {
        let height = (ui.available_height() * 0.45).max(160.0);
        egui::ScrollArea::vertical()
            .id_salt("timeline_lanes")
            .max_height(height)
            .show(ui, |ui| super::timeline::show(ui, cx));
    }
    ui.separator();
    list::show::<HandoverItem>(ui, cx);
}

/// Four boxes, filled up to the current rung of the hand-over ladder.
pub fn stage_ladder(ui: &mut Ui, stage: Stage) {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(60.0, 14.0), Sense::hover());
    let filled = stage.rank() + 1;
    let color = if stage == Stage::StaffAlone {
        palette::GOOD
    } else {
        palette::PROGRESS
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

fn stage_hint(stage: Stage) -> &'static str {
    use Stage::*;
    match stage {
        ConsultantDoes => "Next: have the internal owner watch the consultant do it.",
        StaffShadows => "Next: the internal owner does it while the consultant reviews.",
        StaffWithReview => "Next: sign off once the owner did it unaided, with the consultant only observing.",
        StaffAlone => "Handed over. Make sure the documentation is reviewed.",
    }
}
