//! The presenter view (Alt+F5). The slides go to a second window for the projector (the
//! second screen when there is one); this window stays with the presenter and shows the
//! current slide small, the next slide, the speaker notes, the clock, the agenda with its
//! times, and the minutes being taken. It is for the presenter only: it shows names even
//! when the slides hide them.

use std::time::Instant;

use egui::{Align2, Context, Id, Pos2, Rect, RichText, Ui, Vec2, ViewportBuilder, ViewportId};

use super::{Sizes, SlideView, audience, audience_screen_id, draw_slide, handle_keys};
use crate::app::present::{Presentation, Slide, item_at, speaker_notes};
use crate::app::{Command, PresentStep, StewardApp, clock_text, wall_now};
use crate::model::meeting::{MinuteDraft, record_minute};
use crate::model::people::shown_id;
use crate::model::{Choice, Edit, Meeting, MeetingId, MinuteKind, Record};
use crate::ui::widgets;

/// The projector's window.
pub fn audience_viewport() -> ViewportId {
    ViewportId::from_hash_of("steward_audience")
}

/// The projector the slides are drawn for when they cannot have a window of their own and
/// show inside this one (in the tests, or where the system offers one window only).
const EMBEDDED_SCREEN: Vec2 = Vec2::new(1024.0, 768.0);
const EMBEDDED_SCALE: f32 = 0.4;

/// The title of the slides' window.
pub const SLIDES_WINDOW: &str = "Steward: slides for the audience";

pub fn show(ui: &mut Ui, app: &mut StewardApp) {
    let ctx = ui.ctx().clone();
    presenter_window(ui, app, Instant::now());
    slides_window(&ctx, app);
}

/// The audience's window: full screen on the second monitor, or a window beside this one
/// when there is one screen. Keys pressed there work as they do here.
fn slides_window(ctx: &Context, app: &mut StewardApp) {
    if ctx.embed_viewports() {
        let size = EMBEDDED_SCREEN * EMBEDDED_SCALE;
        let corner = ctx.content_rect().left_bottom() + Vec2::new(8.0, -8.0);
        egui::Window::new(SLIDES_WINDOW)
            .id(Id::unique("steward_slides_window"))
            .collapsible(false)
            .resizable(false)
            .pivot(Align2::LEFT_BOTTOM)
            .fixed_pos(corner)
            .show(ctx, |ui| {
                let rect = Rect::from_min_size(ui.cursor().min, size);
                audience(ui, app, rect, EMBEDDED_SCREEN);
            });
        return;
    }
    let builder = ViewportBuilder::default()
        .with_title(SLIDES_WINDOW)
        .with_app_id("steward")
        .with_inner_size([1024.0, 768.0])
        // Full screen on the second monitor; with one monitor this is ignored and the slides
        // open as an ordinary window, so the presenter view can be tried anywhere.
        .with_monitor(1);
    ctx.show_viewport_immediate(audience_viewport(), builder, |ui, _| {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested()) {
            app.push(Command::Present(PresentStep::End));
        }
        handle_keys(&ctx, app);
        let rect = ui.max_rect();
        audience(ui, app, rect, rect.size());
    });
}

/// The presenter's own window.
fn presenter_window(ui: &mut Ui, app: &mut StewardApp, now: Instant) {
    let Some(present) = app.present.clone() else { return };
    let deck = present.deck(&app.doc.project);
    let (index, slide) = present.current(&deck);
    let meeting = present.meeting.and_then(|m| app.doc.project.meeting(m)).cloned();
    let full = ui.max_rect().shrink(10.0);
    ui.scope_builder(egui::UiBuilder::new().max_rect(full), |ui| {
        controls(ui, app, &present, index, deck.len());
        clock(ui, app, meeting.as_ref(), now);
        ui.separator();
        let area = ui.available_rect_before_wrap();
        let split = area.left() + area.width() * 0.58;
        let left = Rect::from_min_max(area.min, Pos2::new(split - 8.0, area.bottom()));
        let right = Rect::from_min_max(Pos2::new(split + 8.0, area.top()), area.max);
        ui.scope_builder(egui::UiBuilder::new().max_rect(left), |ui| {
            ui.label(RichText::new(format!("Now: {}", slide.name(&app.doc.project))).strong());
            preview(ui, app, &present, &deck, index, left.height() * 0.62);
            ui.add_space(6.0);
            notes(ui, app, &present, slide);
        });
        ui.scope_builder(egui::UiBuilder::new().max_rect(right), |ui| {
            egui::ScrollArea::vertical()
                .id_salt("presenter_right")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    match deck.get(index + 1) {
                        Some(next) => {
                            ui.label(RichText::new(format!("Next: {}", next.name(&app.doc.project))).strong());
                            preview(ui, app, &present, &deck, index + 1, right.height() * 0.3);
                        }
                        None => {
                            ui.label(RichText::new("Next: this is the last slide").strong());
                        }
                    }
                    ui.add_space(6.0);
                    if let Some(meeting) = &meeting {
                        agenda(ui, app, meeting, &deck, now);
                        ui.add_space(6.0);
                    }
                    minutes(ui, app, &present, meeting.as_ref(), &deck, index);
                });
        });
        ui.allocate_rect(area, egui::Sense::hover());
    });
}

/// Moving through the slides, blanking, hiding names and leaving, as buttons.
fn controls(ui: &mut Ui, app: &StewardApp, present: &Presentation, index: usize, count: usize) {
    let step = |step| app.push(Command::Present(step));
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("Previous slide"))
            .on_hover_text("Page Up, Left arrow or Backspace")
            .clicked()
        {
            step(PresentStep::Previous);
        }
        if ui
            .add_enabled(index + 1 < count, egui::Button::new("Next slide ▶"))
            .on_hover_text("Page Down, Right arrow or Space")
            .clicked()
        {
            step(PresentStep::Next);
        }
        ui.label(RichText::new(format!("Slide {} of {count}", index + 1)).strong());
        ui.separator();
        let blank = if present.blanked {
            "Show the slide again"
        } else {
            "Black screen (B)"
        };
        if ui.selectable_label(present.blanked, blank).clicked() {
            step(if present.blanked {
                PresentStep::Unblank
            } else {
                PresentStep::Blank
            });
        }
        let mut hide = present.hide_names;
        if ui
            .checkbox(&mut hide, "Hide names on the slides (H)")
            .on_hover_text("People appear by role or initials on the audience's screen; this window keeps their names")
            .changed()
        {
            step(PresentStep::ToggleNames);
        }
        ui.separator();
        if ui
            .button("End the presentation (Esc)")
            .on_hover_text("Closes the slides; the meeting's times and attendance are recorded")
            .clicked()
        {
            step(PresentStep::End);
        }
    });
    if present.blanked {
        ui.label(RichText::new("The audience sees a black screen. Any key brings the slide back.").strong());
    }
}

/// Time since the meeting began, the time left for the agenda item, and how late the meeting is.
fn clock(ui: &mut Ui, app: &StewardApp, meeting: Option<&Meeting>, now: Instant) {
    let Some(clock) = &app.clock else { return };
    ui.horizontal_wrapped(|ui| {
        let elapsed = clock.elapsed(now).as_secs() as i64;
        ui.label("Meeting time");
        ui.label(RichText::new(clock_text(elapsed)).size(22.0).strong());
        let agenda = meeting.map_or(&[][..], |m| m.agenda.as_slice());
        if let (Some(item), Some(left)) = (
            clock.current_item().and_then(|i| agenda.iter().find(|a| a.id == i)),
            clock.left(agenda, now),
        ) {
            ui.separator();
            ui.label(format!("{}:", item.title));
            let text = if left >= 0 {
                RichText::new(format!("{} left", clock_text(left)))
            } else {
                RichText::new(format!("{} over", clock_text(-left))).color(ui.visuals().error_fg_color)
            };
            ui.label(text.size(22.0).strong());
        }
        if !agenda.is_empty() {
            ui.separator();
            let behind = clock.behind(agenda, now);
            let minutes = behind.abs() / 60;
            let text = match behind {
                b if b >= 60 => {
                    RichText::new(format!("{minutes} min behind the plan")).color(ui.visuals().warn_fg_color)
                }
                b if b <= -60 => RichText::new(format!("{minutes} min ahead of the plan")),
                _ => RichText::new("On time"),
            };
            ui.label(text.strong());
        }
        ui.separator();
        if ui
            .small_button("Start the clock now")
            .on_hover_text("The meeting begins now: the clock and the agenda's times start again")
            .clicked()
        {
            app.push(Command::Present(PresentStep::RestartClock));
        }
    });
}

/// A small copy of slide `index`, as the audience sees it, at most `max_height` high.
fn preview(ui: &mut Ui, app: &mut StewardApp, present: &Presentation, deck: &[Slide], index: usize, max_height: f32) {
    let screen = ui
        .ctx()
        .data(|d| d.get_temp::<Vec2>(audience_screen_id()))
        .unwrap_or(EMBEDDED_SCREEN);
    let width = ui.available_width().min(max_height * screen.x / screen.y).max(60.0);
    let size = Vec2::new(width, width * screen.y / screen.x);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let view = SlideView {
        rect,
        sizes: Sizes::for_screen(screen).scaled(width / screen.x),
        index,
        count: deck.len(),
        slide: deck[index],
        live: false,
    };
    // A child that leaves this column's layout alone: the slide's own layout ends where it ends.
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    draw_slide(&mut child, app, present, &view);
    ui.painter().rect_stroke(
        rect,
        0.0,
        ui.visuals().widgets.noninteractive.fg_stroke,
        egui::StrokeKind::Outside,
    );
}

/// The speaker notes of the slide on screen.
fn notes(ui: &mut Ui, app: &StewardApp, present: &Presentation, slide: Slide) {
    ui.label(RichText::new("Speaker notes").strong());
    let text = speaker_notes(&app.doc.project, present.meeting, slide);
    egui::ScrollArea::vertical().id_salt("speaker_notes").show(ui, |ui| {
        if text.trim().is_empty() {
            ui.label(RichText::new("No notes for this slide. Write them in the Kickoff panel, under Meetings.").weak());
        } else {
            ui.label(RichText::new(text).size(18.0).color(ui.visuals().strong_text_color()));
        }
    });
}

/// The agenda with each item's plan and the time spent on it; a click goes to its slides.
fn agenda(ui: &mut Ui, app: &StewardApp, meeting: &Meeting, deck: &[Slide], now: Instant) {
    ui.label(RichText::new(format!("Agenda ({} minutes)", meeting.planned_minutes())).strong());
    let current = app.clock.as_ref().and_then(|c| c.current_item());
    for (number, item) in meeting.agenda.iter().enumerate() {
        ui.horizontal(|ui| {
            let title = format!("{}. {}", number + 1, item.title);
            let response = ui.add(egui::Button::selectable(current == Some(item.id), title).truncate());
            if response.on_hover_text("Go to this item's slides").clicked()
                && let Some(at) = deck
                    .iter()
                    .position(|s| matches!(s, Slide::Section { item: i, .. } if *i == item.id))
            {
                app.push(Command::Present(PresentStep::GoTo(at)));
            }
            let spent = app.clock.as_ref().map_or(0, |c| c.spent(item.id, now).as_secs() as i64);
            let over = spent > item.planned_minutes as i64 * 60;
            let text = if spent > 0 {
                format!("{} of {} min", clock_text(spent), item.planned_minutes)
            } else {
                format!("{} min", item.planned_minutes)
            };
            let text = RichText::new(text).weak();
            ui.label(if over {
                text.color(ui.visuals().warn_fg_color)
            } else {
                text
            });
        });
    }
}

/// Taking minutes: a decision, an action (which becomes a checklist item with its owner and
/// due date) or a question to settle, recorded on the slide and agenda item on screen.
fn minutes(
    ui: &mut Ui,
    app: &mut StewardApp,
    present: &Presentation,
    meeting: Option<&Meeting>,
    deck: &[Slide],
    index: usize,
) {
    ui.label(RichText::new("Minutes").strong());
    let Some(meeting) = meeting else {
        ui.label("Minutes belong to a meeting, and none is being presented.");
        if ui
            .add_enabled(!app.doc.read_only, egui::Button::new("Take minutes in a new meeting"))
            .on_hover_text("Adds a meeting dated today to the Kickoff panel's meetings")
            .clicked()
        {
            let id = app.doc.project.fresh_id();
            let day = app.derived.today.unwrap_or_else(crate::app::today);
            let mut new = Meeting::new(MeetingId(id), format!("Meeting of {}", day.format("%-d %B %Y")));
            new.date = Some(day);
            let index = app.doc.project.meetings.len();
            app.push(Command::edit(
                Edit::Insert {
                    index,
                    record: Record::Meeting(new),
                },
                "Add meeting",
            ));
            app.push(Command::Present(PresentStep::UseMeeting(MeetingId(id))));
        }
        return;
    };
    let item = item_at(deck, index).and_then(|i| meeting.agenda_item(i));
    let slide = deck[index].kind();
    let on = match (item, deck[index]) {
        (Some(item), Slide::Section { .. }) => item.title.clone(),
        (Some(item), s) => format!("{} · {}", item.title, s.name(&app.doc.project)),
        (None, s) => s.name(&app.doc.project),
    };
    ui.label(RichText::new(format!("Recorded on: {on}")).weak());
    let mut draft = present.draft.clone();
    ui.horizontal(|ui| {
        for kind in MinuteKind::ALL {
            ui.radio_value(&mut draft.kind, *kind, kind.label());
        }
    });
    let hint = match draft.kind {
        MinuteKind::Decision => "What was decided",
        MinuteKind::Action => "What will be done",
        MinuteKind::Question => "The question to settle",
    };
    let label = ui.label("Minute");
    ui.add(
        egui::TextEdit::multiline(&mut draft.text)
            .hint_text(hint)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    if draft.kind != MinuteKind::Decision {
        egui::Grid::new("minute_owner").num_columns(2).show(ui, |ui| {
            let label = ui.label(if draft.kind == MinuteKind::Action {
                "Owner"
            } else {
                "Who settles it"
            });
            widgets::person_combo(ui, "minute_owner", &mut draft.owner, &app.derived.people_by_name)
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Due");
            widgets::date_edit(ui, Id::unique("minute_due"), &mut draft.due).labelled_by(label.id);
            ui.end_row();
        });
    }
    let missing = if draft.text.trim().is_empty() {
        Some("Write the minute first")
    } else if draft.kind == MinuteKind::Action && draft.owner.is_none() {
        Some("An action needs an owner")
    } else {
        None
    };
    let record = match draft.kind {
        MinuteKind::Decision => "Record the decision",
        MinuteKind::Action => "Record the action",
        MinuteKind::Question => "Record the question",
    };
    let enabled = missing.is_none() && !app.doc.read_only;
    let response = ui.add_enabled(enabled, egui::Button::new(record));
    let response = match missing {
        Some(why) => response.on_disabled_hover_text(why),
        None => response.on_hover_text("One undoable step; an action or a question also goes on the kickoff checklist"),
    };
    if response.clicked() {
        let to_record = MinuteDraft {
            agenda: item.map(|i| i.id),
            slide,
            ..draft.clone()
        };
        match record_minute(&app.doc.project, meeting.id, &to_record, wall_now()) {
            Ok((edit, label)) => {
                app.push(Command::edit(edit, label));
                draft = MinuteDraft {
                    kind: draft.kind,
                    ..Default::default()
                };
            }
            Err(why) => app.push(Command::Notify(format!("Not recorded: {why}."))),
        }
    }
    if let Some(p) = app.present.as_mut() {
        p.draft = draft;
    }
    if let Some(status) = &app.status {
        ui.label(RichText::new(&status.text).weak());
    }
    recorded(ui, app, meeting);
}

/// What this meeting recorded so far, newest first.
fn recorded(ui: &mut Ui, app: &StewardApp, meeting: &Meeting) {
    if meeting.minutes.is_empty() {
        return;
    }
    ui.add_space(4.0);
    let project = &app.doc.project;
    for minute in meeting.minutes.iter().rev().take(8) {
        let tracked = minute
            .item
            .and_then(|id| project.kickoff.iter().find(|k| k.id == id))
            .map(|k| {
                let who = shown_id(project, k.owner, false, "nobody yet");
                let due = k.due.map(|d| format!(", due {d}")).unwrap_or_default();
                format!(" ({who}{due})")
            })
            .unwrap_or_default();
        ui.label(format!("{}: {}{tracked}", minute.kind.label(), minute.text));
    }
}
