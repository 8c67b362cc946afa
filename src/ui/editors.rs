//! Side editors: every field of the selected record, edited in place. Each change becomes one
//! `Put` edit of the whole record, coalesced per field so that typing a word is one undo step.

use egui::{Grid, RichText, Ui};

use super::context::PanelCtx;
use super::widgets::Form;
use crate::app::{Command, FocusTarget, today};
use crate::model::{Area, Choice, Edit, Quadrant, Record, RecordKey, Stakeholder};

pub fn form_grid(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    Grid::new(id)
        .num_columns(2)
        .spacing([10.0, 6.0])
        .min_col_width(90.0)
        .show(ui, add);
}

pub fn emit(cx: &PanelCtx, form: Form, record: Record, what: &str) {
    if let Some(field) = form.changed {
        let key = format!("{:?}.{field}", record.key());
        cx.send(Command::typing(
            Edit::Put(record),
            format!("Edit {what}: {}", field.to_lowercase()),
            key,
        ));
    }
}

/// Editor for one stakeholder; `None` when the id no longer exists.
pub fn stakeholder(ui: &mut Ui, cx: &mut PanelCtx, original: &Stakeholder) {
    let mut s = original.clone();
    let mut form = Form::focusing_first(cx.take_focus(FocusTarget::EditorFirstField));
    ui.heading(if s.name.is_empty() {
        "Stakeholder"
    } else {
        s.name.as_str()
    });
    ui.label(RichText::new(format!("{} · {}", s.quadrant().label(), s.quadrant().advice())).weak());
    ui.add_space(4.0);
    form_grid(ui, "stakeholder_form", |ui| {
        form.text(ui, "Name", &mut s.name);
        form.text(ui, "Role", &mut s.role);
        form.text(ui, "Department", &mut s.department);
        form.choice(ui, "Side", &mut s.side);
        form.score(ui, "Power", &mut s.power);
        form.score(ui, "Interest", &mut s.interest);
        form.choice(ui, "Engagement now", &mut s.engagement_now);
        form.choice(ui, "Engagement wanted", &mut s.engagement_wanted);
        form.multiline(ui, "What's in it for them", &mut s.benefit);
        form.text(ui, "Contact", &mut s.contact);
        form.multiline(ui, "Notes", &mut s.notes);
    });
    ui.label(
        RichText::new(format!(
            "Power and interest of {} or more count as high.",
            Quadrant::HIGH_FROM
        ))
        .weak()
        .small(),
    );
    emit(cx, form, Record::Stakeholder(s), "stakeholder");
    ui.add_space(6.0);
    engagement_log(ui, cx, original);
    ui.add_space(8.0);
    if ui
        .button("Export their dates (.ics)…")
        .on_hover_text("Their kickoff items, hand-overs and follow-ups, with the milestones, as a calendar")
        .clicked()
    {
        cx.send(Command::Export(crate::app::ExportKind::Calendar {
            open_only: false,
            person: Some(original.id),
        }));
    }
    if ui
        .button("Delete stakeholder")
        .on_hover_text("Asks first if anything refers to this person")
        .clicked()
    {
        cx.send(Command::Delete(RecordKey::Stakeholder(original.id)));
    }
}

/// Dated contacts with the person and promised follow-ups, newest first.
fn engagement_log(ui: &mut Ui, cx: &mut PanelCtx, original: &Stakeholder) {
    super::widgets::section(
        ui,
        "Engagement log",
        "Meetings, calls, emails and workshops, with any follow-up you promised.",
    );
    let mut person = original.clone();
    let mut changed: Option<String> = None;
    let mut remove = None;
    let today = today();
    for (index, entry) in person.log.iter_mut().enumerate().rev() {
        let key = format!("log{}", entry.id);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            Grid::new(("log_entry", entry.id))
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let label = ui.label("Date");
                    let mut date = Some(entry.date);
                    if super::widgets::date_edit(ui, egui::Id::unique(("log_date", entry.id)), &mut date)
                        .labelled_by(label.id)
                        .changed()
                        && let Some(date) = date
                    {
                        entry.date = date;
                        changed = Some(format!("{key}.date"));
                    }
                    ui.end_row();
                    let label = ui.label("Kind");
                    if super::widgets::choice_combo(ui, &format!("Contact kind {}", entry.id), &mut entry.kind)
                        .labelled_by(label.id)
                        .changed()
                    {
                        changed = Some(format!("{key}.kind"));
                    }
                    ui.end_row();
                    let label = ui.label("Note");
                    if ui
                        .add(
                            egui::TextEdit::multiline(&mut entry.note)
                                .desired_rows(2)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id)
                        .changed()
                    {
                        changed = Some(format!("{key}.note"));
                    }
                    ui.end_row();
                    let label = ui.label("Follow up by");
                    if super::widgets::date_edit(ui, egui::Id::unique(("log_follow", entry.id)), &mut entry.follow_up)
                        .labelled_by(label.id)
                        .changed()
                    {
                        changed = Some(format!("{key}.follow"));
                    }
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                if entry.follow_up.is_some() {
                    if ui.checkbox(&mut entry.follow_up_done, "Followed up").changed() {
                        changed = Some(format!("{key}.done"));
                    }
                    if !entry.follow_up_done && entry.follow_up.is_some_and(|d| d < today) {
                        ui.label(RichText::new("overdue").color(ui.visuals().error_fg_color));
                    }
                }
                if ui.small_button("Remove contact").clicked() {
                    remove = Some(index);
                }
            });
        });
    }
    if ui.button("+ Add contact").clicked() {
        let id = crate::model::LogId(cx.project.fresh_id());
        person.log.push(crate::model::LogEntry {
            id,
            date: today,
            kind: crate::model::ContactKind::Meeting,
            note: String::new(),
            follow_up: None,
            follow_up_done: false,
            meeting: None,
            extra: Default::default(),
        });
        cx.send(Command::edit(Edit::Put(Record::Stakeholder(person)), "Add contact"));
        return;
    }
    if let Some(index) = remove {
        person.log.remove(index);
        cx.send(Command::edit(Edit::Put(Record::Stakeholder(person)), "Remove contact"));
    } else if let Some(key) = changed {
        cx.send(Command::typing(
            Edit::Put(Record::Stakeholder(person)),
            "Edit contact",
            format!("{:?}.{key}", original.id),
        ));
    }
}

pub fn area(ui: &mut Ui, cx: &mut PanelCtx, original: &Area) {
    let mut a = original.clone();
    let mut form = Form::focusing_first(cx.take_focus(FocusTarget::EditorFirstField));
    ui.heading(if a.name.is_empty() { "Area" } else { a.name.as_str() });
    form_grid(ui, "area_form", |ui| {
        form.text(ui, "Area name", &mut a.name);
        form.check(ui, "Key area", "Must be represented in the ownership team", &mut a.key);
        form.multiline(ui, "Description", &mut a.description);
    });
    emit(cx, form, Record::Area(a), "area");
    ui.add_space(8.0);
    if ui
        .button("Delete area")
        .on_hover_text("Asks first if hand-over items are filed under it")
        .clicked()
    {
        cx.send(Command::Delete(RecordKey::Area(original.id)));
    }
}
