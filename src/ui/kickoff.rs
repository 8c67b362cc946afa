//! The kickoff checklist: what must be settled at and around the kickoff meeting, and the
//! commitments the organization makes there.

use egui::{RichText, Ui};

use super::context::PanelCtx;
use super::editors::{emit, form_grid};
use super::list::{self, ListRecord};
use super::palette;
use super::widgets::Form;
use crate::app::{Command, FocusTarget, KickoffView, TableView, ViewState};
use crate::model::columns::Column;
use crate::model::{Choice, Edit, KickoffId, KickoffItem, Record, RecordKey};

impl ListRecord for KickoffItem {
    const ADD: &'static str = "+ Add item";
    const FILTER_HINT: &'static str = "item, category, owner…";
    const NUMBERED: bool = true;

    fn table_view(view: &mut ViewState) -> &mut TableView {
        &mut view.kickoff
    }

    fn new_record(id: u64, cx: &PanelCtx) -> Self {
        let mut item = KickoffItem::new(KickoffId(id), "New item");
        // A new item joins the category of the one selected, as it usually belongs with it.
        item.category = KickoffItem::selected(cx.project, cx.view)
            .map(|k| k.category.clone())
            .unwrap_or_default();
        item
    }

    fn editor(&self, ui: &mut Ui, cx: &mut PanelCtx) {
        let mut k = self.clone();
        let mut form = Form::focusing_first(cx.take_focus(FocusTarget::EditorFirstField));
        ui.heading("Kickoff item");
        let mut done = k.is_done();
        let today = cx.today();
        form_grid(ui, "kickoff_form", |ui| {
            form.multiline(ui, "Item", &mut k.text);
            form.text(ui, "Category", &mut k.category);
            form.person(ui, "Owner", &mut k.owner, &cx.derived.people_by_name);
            form.date(ui, "Due", &mut k.due);
            if form.check(ui, "Done", "Settled", &mut done) {
                k.done_on = done.then_some(today);
            }
            if k.done_on.is_some() {
                form.date(ui, "Done on", &mut k.done_on);
            }
            form.multiline(ui, "Notes", &mut k.notes);
        });
        emit(cx, form, Record::Kickoff(k), "kickoff item");
        if let Some((meeting, minute)) = cx.project.minute_for_item(self.id) {
            ui.add_space(4.0);
            let text = format!("{} recorded at {}", minute.kind.label(), meeting.describe());
            if ui.link(text).on_hover_text("Open the meeting").clicked() {
                cx.send(Command::Select(RecordKey::Meeting(meeting.id)));
            }
        }
        ui.add_space(8.0);
        if ui.button("Delete item").clicked() {
            cx.send(Command::Delete(RecordKey::Kickoff(self.id)));
        }
    }

    fn cell(&self, ui: &mut Ui, column: &Column<Self>, cx: &PanelCtx) {
        match column.title {
            "Item" => {
                // Only the box ticks; a click on the text selects the row like any other cell.
                let mut done = self.is_done();
                let tick = ui.add_enabled(!cx.read_only, egui::Checkbox::without_text(&mut done));
                let label = ui.add(egui::Label::new(&self.text).truncate());
                if tick.labelled_by(label.id).changed() {
                    cx.send(Command::tick_kickoff(self, done, cx.today()));
                }
            }
            "Due" if self.is_overdue(cx.today()) => {
                ui.label(RichText::new(&*(column.text)(self, &cx.derived.names)).color(palette::error(ui)))
                    .on_hover_text("Overdue");
            }
            _ => list::text_cell(ui, &(column.text)(self, &cx.derived.names)),
        }
    }

    fn space(&self, cx: &PanelCtx) -> Option<Command> {
        (!cx.read_only).then(|| Command::tick_kickoff(self, !self.is_done(), cx.today()))
    }

    fn hiding(view: &ViewState) -> bool {
        view.kickoff_hide_done
    }

    fn hidden(&self) -> bool {
        self.is_done()
    }
}

pub fn show(ui: &mut Ui, cx: &mut PanelCtx) {
    let (done, overdue) = (cx.derived.counts.kickoff_done, cx.derived.counts.kickoff_overdue);
    // A meeting, agenda item or minute chosen elsewhere opens the meetings.
    let meetings = cx.view.kickoff_view == KickoffView::Meetings || super::meetings::is_meeting_selection(cx.view);
    ui.horizontal(|ui| {
        ui.heading("Kickoff");
        ui.add_space(12.0);
        let checklist = format!("Checklist ({done} of {} settled)", cx.project.kickoff.len());
        if ui.selectable_label(!meetings, checklist).clicked() && meetings {
            cx.view.kickoff_view = KickoffView::Checklist;
            if super::meetings::is_meeting_selection(cx.view) {
                cx.send(Command::Deselect);
            }
        }
        let count = format!("Meetings ({})", cx.project.meetings.len());
        if ui.selectable_label(meetings, count).clicked() {
            cx.view.kickoff_view = KickoffView::Meetings;
        }
        if overdue > 0 && !meetings {
            ui.label(RichText::new(format!("· {overdue} overdue")).color(palette::warning(ui)));
        }
    });
    ui.separator();
    if meetings {
        super::meetings::show(ui, cx);
        return;
    }

    list::with_editor::<KickoffItem>(ui, cx, |ui, cx| {
        let read_only = cx.read_only;
        ui.add_enabled_ui(!read_only, |ui| commitments(ui, cx));
        list::toolbar::<KickoffItem>(ui, cx, |ui, cx| {
            ui.checkbox(&mut cx.view.kickoff_hide_done, "Hide settled items");
        });
        list::table::<KickoffItem>(ui, cx);
    });
}

/// What the organization commits to at kickoff, shown on the commitments slide when presenting.
fn commitments(ui: &mut Ui, cx: &mut PanelCtx) {
    let mut list = cx.project.commitments.clone();
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
        cx.send(Command::edit(Edit::SetCommitments(list), "Change commitments"));
    } else if let Some(i) = changed {
        cx.send(Command::typing(
            Edit::SetCommitments(list),
            "Edit commitment",
            format!("commitment.{i}"),
        ));
    }
}
