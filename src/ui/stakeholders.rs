//! The Stakeholders panel: the register (a record list), the power/interest grid and the RACI
//! matrix, with the side editor for the selected person or area.

use egui::{RichText, Ui};

use super::context::PanelCtx;
use super::list::{self, ListRecord};
use super::{editors, grid, raci};
use crate::app::{StakeholderView, TableView, ViewState};
use crate::model::columns::Column;
use crate::model::{Choice as _, Stakeholder, StakeholderId};

impl ListRecord for Stakeholder {
    const ADD: &'static str = "+ Add stakeholder";
    const FILTER_HINT: &'static str = "name, role, department…";

    fn table_view(view: &mut ViewState) -> &mut TableView {
        &mut view.stakeholders
    }

    fn new_record(id: u64, _cx: &PanelCtx) -> Self {
        Stakeholder::new(StakeholderId(id), "New stakeholder")
    }

    fn editor(&self, ui: &mut Ui, cx: &mut PanelCtx) {
        editors::stakeholder(ui, cx, self);
    }

    fn cell(&self, ui: &mut Ui, column: &Column<Self>, cx: &PanelCtx) {
        if column.title == "Wanted" {
            // A gap of two levels or more is the classic risk: make it stand out.
            let gap = self.engagement_gap();
            let text = RichText::new(self.engagement_wanted.label());
            let text = if gap >= 2 {
                text.color(super::palette::warning(ui))
            } else {
                text
            };
            ui.label(text)
                .on_hover_text(format!("{gap:+} level(s) from now to wanted"));
        } else {
            list::text_cell(ui, &(column.text)(self, &cx.derived.names));
        }
    }
}

pub fn show(ui: &mut Ui, cx: &mut PanelCtx) {
    ui.horizontal(|ui| {
        ui.heading("Stakeholders");
        ui.add_space(12.0);
        for (view, label) in [
            (StakeholderView::Register, "Register"),
            (StakeholderView::Grid, "Power/interest grid"),
            (StakeholderView::Raci, "RACI by area"),
        ] {
            if ui.selectable_label(cx.view.stakeholder_view == view, label).clicked() {
                cx.view.stakeholder_view = view;
            }
        }
    });
    ui.separator();

    match cx.view.stakeholder_view {
        StakeholderView::Register => list::show::<Stakeholder>(ui, cx),
        StakeholderView::Grid => list::with_editor::<Stakeholder>(ui, cx, grid::show),
        StakeholderView::Raci => {
            let area = cx.view.selected_area().and_then(|id| cx.project.area(id)).cloned();
            list::side_by_side(ui, cx, area.is_some(), raci::show, |ui, cx| {
                if let Some(area) = &area {
                    raci::area_editor(ui, cx, area);
                }
            });
        }
    }
}
