//! The Kickoff panel's meetings: the internal kickoff, the vendor kickoff, the hand-over
//! reviews and the exit review, each with its date, attendees, timed agenda, speaker notes
//! for the slides and the minutes taken while it ran.

use egui::{RichText, Ui};

use super::context::PanelCtx;
use super::editors::{emit, form_grid};
use super::list::{self, ListRecord};
use super::widgets::{self, Form};
use crate::app::{Action, Command, ExportKind, FocusTarget, StewardApp, TableView, ViewState};
use crate::model::meeting::{MAX_ITEM_MINUTES, attended, record_attendance};
use crate::model::{
    AgendaId, AgendaItem, Choice, Edit, Meeting, MeetingId, MinuteKind, Project, Record, RecordKey, SlideKind,
};

impl ListRecord for Meeting {
    const ADD: &'static str = "+ Add meeting";
    const FILTER_HINT: &'static str = "meeting, kind, date…";

    fn table_view(view: &mut ViewState) -> &mut TableView {
        &mut view.meetings
    }

    fn new_record(id: u64, cx: &PanelCtx) -> Self {
        let mut meeting = Meeting::new(MeetingId(id), "New meeting");
        meeting.date = Some(cx.today());
        meeting
    }

    fn editor(&self, ui: &mut Ui, cx: &mut PanelCtx) {
        editor(ui, cx, self);
    }

    /// An agenda item or a minute selected opens its meeting.
    fn selected<'p>(project: &'p Project, view: &ViewState) -> Option<&'p Self> {
        match view.selection? {
            RecordKey::Meeting(id) => project.meeting(id),
            RecordKey::Agenda(id) => project.agenda_item(id).map(|(m, _)| m),
            RecordKey::Minute(id) => project.minute(id).map(|(m, _)| m),
            _ => None,
        }
    }
}

/// Whether the selection belongs to the meetings view.
pub fn is_meeting_selection(view: &ViewState) -> bool {
    matches!(
        view.selection,
        Some(RecordKey::Meeting(_) | RecordKey::Agenda(_) | RecordKey::Minute(_))
    )
}

pub fn show(ui: &mut Ui, cx: &mut PanelCtx) {
    list::with_editor::<Meeting>(ui, cx, |ui, cx| {
        ui.label(
            RichText::new(
                "Select a meeting to edit its agenda and speaker notes, then present it (F5), or run it with the presenter view (Alt+F5) to time the agenda and take minutes.",
            )
            .weak(),
        );
        ui.add_space(4.0);
        list::toolbar::<Meeting>(ui, cx, |_, _| {});
        list::table::<Meeting>(ui, cx);
    });
}

/// Everything about one meeting.
fn editor(ui: &mut Ui, cx: &mut PanelCtx, original: &Meeting) {
    let mut m = original.clone();
    // The focus asked for goes to the agenda item when one is selected (after "+ Add agenda item").
    let own = matches!(cx.view.selection, Some(RecordKey::Meeting(_)));
    let mut form = Form::focusing_first(own && cx.take_focus(FocusTarget::EditorFirstField));
    ui.heading(if m.title.trim().is_empty() {
        "Meeting"
    } else {
        m.title.as_str()
    });
    ui.horizontal_wrapped(|ui| {
        for (action, text) in [
            (Action::Present, "Present (F5)"),
            (Action::PresenterView, "Presenter view (Alt+F5)"),
        ] {
            if ui.button(text).on_hover_text(action.tooltip()).clicked() {
                cx.send(Command::Action(action));
            }
        }
    });
    ui.add_space(4.0);
    form_grid(ui, "meeting_form", |ui| {
        form.text(ui, "Title", &mut m.title);
        form.choice(ui, "Kind", &mut m.kind);
        form.date(ui, "Date", &mut m.date);
        form.multiline(ui, "Notes", &mut m.notes);
    });
    emit(cx, form, Record::Meeting(m), "meeting");
    held(ui, cx, original);
    ui.add_space(6.0);
    attendees(ui, cx, original);
    ui.add_space(6.0);
    agenda(ui, cx, original);
    ui.add_space(6.0);
    slide_notes(ui, cx, original);
    ui.add_space(6.0);
    minutes(ui, cx, original);
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        for hide_names in [false, true] {
            let kind = ExportKind::Minutes {
                meeting: original.id,
                hide_names,
            };
            if ui.button(kind.label()).clicked() {
                cx.send(Command::Export(kind));
            }
        }
    });
    ui.add_space(8.0);
    if ui
        .button("Delete meeting")
        .on_hover_text("Asks first: its agenda and minutes go with it, the checklist items made from it stay")
        .clicked()
    {
        cx.send(Command::Delete(RecordKey::Meeting(original.id)));
    }
}

/// When it was held, and whose attendance is in the engagement logs.
fn held(ui: &mut Ui, cx: &mut PanelCtx, m: &Meeting) {
    let text = match (m.started, m.ended) {
        (Some(s), Some(e)) => format!(
            "Held {} from {} to {}.",
            s.format("%-d %B %Y"),
            s.format("%H:%M"),
            e.format("%H:%M")
        ),
        _ => "Not held yet: the presenter view records its times.".into(),
    };
    ui.label(RichText::new(text).weak());
    let logged = attended(cx.project, m.id);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "Attendance in the engagement log of {} of {} attendees.",
                logged,
                m.attendees.len()
            ))
            .weak(),
        );
        if let Some(edit) = record_attendance(cx.project, m.id, cx.today())
            && ui
                .small_button("Record attendance")
                .on_hover_text("Adds \"attended\" to the engagement log of each attendee (once per meeting)")
                .clicked()
        {
            cx.send(Command::edit(edit, "Record attendance"));
        }
    });
}

/// The people invited, from the stakeholder register.
fn attendees(ui: &mut Ui, cx: &mut PanelCtx, m: &Meeting) {
    egui::CollapsingHeader::new(format!("Attendees ({})", m.attendees.len()))
        .id_salt("meeting_attendees")
        .show(ui, |ui| {
            let mut list = m.attendees.clone();
            let mut remove = None;
            for (i, id) in list.iter().enumerate() {
                let Some(person) = cx.project.stakeholder(*id) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    if ui
                        .small_button("×")
                        .on_hover_text(format!("{} does not attend", person.name))
                        .clicked()
                    {
                        remove = Some(i);
                    }
                    ui.label(&person.name);
                    ui.label(RichText::new(format!("{} · {}", person.role, person.side.label())).weak());
                });
            }
            let mut added = None;
            ui.horizontal(|ui| {
                let label = ui.label("Add attendee");
                let others: Vec<_> = cx
                    .derived
                    .people_by_name
                    .iter()
                    .filter(|(id, _)| !list.contains(id))
                    .cloned()
                    .collect();
                widgets::person_combo(ui, "add_attendee", &mut added, &others).labelled_by(label.id);
            });
            let changed = if let Some(i) = remove {
                list.remove(i);
                true
            } else if let Some(id) = added {
                list.push(id);
                true
            } else {
                false
            };
            if changed {
                let mut m = m.clone();
                m.attendees = list;
                cx.send(Command::edit(Edit::Put(Record::Meeting(m)), "Change attendees"));
            }
        });
}

/// The agenda: one line per item (a click edits it), its time, and the slides it shows.
fn agenda(ui: &mut Ui, cx: &mut PanelCtx, m: &Meeting) {
    let selected = match cx.view.selection {
        Some(RecordKey::Agenda(id)) => m.agenda_item(id).cloned(),
        _ => None,
    };
    egui::CollapsingHeader::new(format!(
        "Agenda ({} items, {} minutes)",
        m.agenda.len(),
        m.planned_minutes()
    ))
    .id_salt("meeting_agenda")
    .default_open(true)
    .show(ui, |ui| {
        for (i, item) in m.agenda.iter().enumerate() {
            let open = selected.as_ref().is_some_and(|s| s.id == item.id);
            let text = format!("{}. {} · {} min", i + 1, item.title, item.planned_minutes);
            if ui.add(egui::Button::selectable(open, text).truncate()).clicked() {
                cx.send(Command::Select(if open {
                    RecordKey::Meeting(m.id)
                } else {
                    RecordKey::Agenda(item.id)
                }));
            }
        }
        if ui.button("+ Add agenda item").clicked() {
            let id = AgendaId(cx.project.fresh_id());
            let item = AgendaItem::new(id, "New agenda item", 10);
            cx.send(Command::edit(
                Edit::Insert {
                    index: m.agenda.len(),
                    record: Record::Agenda(m.id, item),
                },
                "Add agenda item",
            ));
            cx.send(Command::Select(RecordKey::Agenda(id)));
            cx.send(Command::Focus(FocusTarget::EditorFirstField));
        }
        if let Some(item) = selected {
            ui.separator();
            agenda_item(ui, cx, m, &item);
        }
    });
}

/// The fields of one agenda item, and moving or removing it.
fn agenda_item(ui: &mut Ui, cx: &mut PanelCtx, m: &Meeting, original: &AgendaItem) {
    let mut item = original.clone();
    let mut form = Form::focusing_first(cx.take_focus(FocusTarget::EditorFirstField));
    form_grid(ui, "agenda_item_form", |ui| {
        form.text(ui, "Item", &mut item.title);
        form.person(ui, "Presenter", &mut item.presenter, &cx.derived.people_by_name);
        let label = ui.label("Minutes planned");
        let response = ui
            .add(egui::DragValue::new(&mut item.planned_minutes).range(0..=MAX_ITEM_MINUTES))
            .labelled_by(label.id);
        if response.changed() {
            form.changed = Some("Minutes planned");
        }
        ui.end_row();
        ui.label("Slides shown");
        ui.vertical(|ui| {
            for kind in SlideKind::SHOWN_UNDER_ITEMS {
                let mut on = item.slides.contains(kind);
                if ui.checkbox(&mut on, kind.label()).changed() {
                    if on {
                        // Keep the usual order of the slides.
                        item.slides.push(*kind);
                        item.slides.sort();
                    } else {
                        item.slides.retain(|k| k != kind);
                    }
                    form.changed = Some("Slides shown");
                }
            }
        });
        ui.end_row();
        form.multiline(ui, "Speaker notes", &mut item.notes);
    });
    emit(cx, form, Record::Agenda(m.id, item), "agenda item");
    let at = m.agenda.iter().position(|a| a.id == original.id).unwrap_or(0);
    ui.horizontal(|ui| {
        let mut moved = None;
        if ui.add_enabled(at > 0, egui::Button::new("Move up")).clicked() {
            moved = Some(at - 1);
        }
        if ui
            .add_enabled(at + 1 < m.agenda.len(), egui::Button::new("Move down"))
            .clicked()
        {
            moved = Some(at + 1);
        }
        if let Some(to) = moved {
            let mut m = m.clone();
            let item = m.agenda.remove(at);
            m.agenda.insert(to, item);
            cx.send(Command::edit(Edit::Put(Record::Meeting(m)), "Move agenda item"));
        }
        if ui.button("Remove item").clicked() {
            cx.send(Command::Delete(RecordKey::Agenda(original.id)));
        }
    });
}

/// Speaker notes for the slides Steward builds, shown in the presenter view.
fn slide_notes(ui: &mut Ui, cx: &mut PanelCtx, original: &Meeting) {
    egui::CollapsingHeader::new("Speaker notes for the slides")
        .id_salt("meeting_slide_notes")
        .show(ui, |ui| {
            ui.label(RichText::new("Only the presenter sees them. Each agenda item has its own notes above.").weak());
            let mut m = original.clone();
            let mut form = Form::default();
            form_grid(ui, "slide_notes_form", |ui| {
                for kind in SlideKind::ALL {
                    let mut text = m.notes_for(*kind).to_string();
                    if form.multiline(ui, kind.label(), &mut text) {
                        if text.is_empty() {
                            m.slide_notes.remove(kind);
                        } else {
                            m.slide_notes.insert(*kind, text);
                        }
                    }
                }
            });
            emit(cx, form, Record::Meeting(m), "speaker notes");
        });
}

/// What the meeting decided, and the actions and questions it tracks in the checklist.
fn minutes(ui: &mut Ui, cx: &mut PanelCtx, m: &Meeting) {
    egui::CollapsingHeader::new(format!(
        "Minutes ({}, {}, {})",
        widgets::count(m.count(MinuteKind::Decision), "decision"),
        widgets::count(m.count(MinuteKind::Action), "action"),
        widgets::count(m.count(MinuteKind::Question), "question")
    ))
    .id_salt("meeting_minutes")
    .default_open(!m.minutes.is_empty())
    .show(ui, |ui| {
        if m.minutes.is_empty() {
            ui.label(RichText::new("Nothing recorded yet: minutes are taken in the presenter view.").weak());
        }
        for minute in &m.minutes {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .small_button("×")
                    .on_hover_text("Delete this minute (its checklist item stays)")
                    .clicked()
                {
                    cx.send(Command::Delete(RecordKey::Minute(minute.id)));
                }
                ui.label(RichText::new(format!("{}:", minute.kind.label())).strong());
                ui.label(&minute.text);
                if let Some(item) = minute
                    .item
                    .and_then(|id| cx.project.kickoff.iter().find(|k| k.id == id))
                {
                    let owner = cx.derived.names.person(item.owner);
                    let state = if item.is_done() { "settled" } else { "open" };
                    let text = format!("{} · {state}", if owner.is_empty() { "no owner" } else { owner });
                    if ui
                        .link(text)
                        .on_hover_text("Open its item in the kickoff checklist")
                        .clicked()
                    {
                        cx.send(Command::Select(RecordKey::Kickoff(item.id)));
                    }
                }
            });
        }
    });
}

/// File › Export › Meeting minutes: one entry per meeting, with names and without.
pub fn export_menu(ui: &mut Ui, app: &StewardApp) {
    for hide_names in [false, true] {
        let title = if hide_names {
            "Meeting minutes as HTML, without names"
        } else {
            "Meeting minutes as HTML"
        };
        ui.menu_button(title, |ui| {
            if app.doc.project.meetings.is_empty() {
                ui.label(RichText::new("No meetings yet (Kickoff panel, Meetings)").weak());
            }
            for meeting in &app.doc.project.meetings {
                if ui.button(meeting.describe()).clicked() {
                    app.push(Command::Export(ExportKind::Minutes {
                        meeting: meeting.id,
                        hide_names,
                    }));
                    ui.close();
                }
            }
        });
    }
}
