//! Drawing meeting mode: large type that scales with the screen, a high-contrast theme, and
//! long lists continued on the next slide instead of shrinking or being clipped.

use egui::{Color32, Key, Pos2, Rect, RichText, Stroke, Ui, Vec2};

use crate::app::present::{Presentation, Slide};
use crate::app::{Action, Command, PresentStep, StewardApp};
use crate::model::people::shown_id;
use crate::model::{Project, StakeholderId};

mod presenter;
mod slides;
mod timeline_slide;

use slides::{
    agenda_slide, checklist_slide, commitments_slide, grid_slide, raci_slide, readiness_slide, testing_slide,
    title_slide,
};

/// The presentation palette: every text colour has a contrast of at least 7:1 on its background.
pub mod theme {
    use egui::Color32;
    pub const BACKGROUND: Color32 = Color32::WHITE;
    pub const TEXT: Color32 = Color32::from_rgb(17, 17, 17);
    pub const MUTED: Color32 = Color32::from_rgb(51, 51, 51);
    pub const ACCENT: Color32 = Color32::from_rgb(11, 61, 145);
    pub const GOOD: Color32 = Color32::from_rgb(8, 76, 38);
    pub const BAD: Color32 = Color32::from_rgb(139, 0, 0);
    pub const HIGHLIGHT: Color32 = Color32::from_rgb(220, 232, 250);
    /// Pairs of (text, background) used on slides, checked by a test.
    #[cfg_attr(not(test), allow(dead_code))]
    pub const PAIRS: &[(Color32, Color32)] = &[
        (TEXT, BACKGROUND),
        (MUTED, BACKGROUND),
        (ACCENT, BACKGROUND),
        (GOOD, BACKGROUND),
        (BAD, BACKGROUND),
        (TEXT, HIGHLIGHT),
        (MUTED, HIGHLIGHT),
        (ACCENT, HIGHLIGHT),
        (GOOD, HIGHLIGHT),
        (TEXT, super::QUADRANT_FILLS[0]),
        (TEXT, super::QUADRANT_FILLS[1]),
        (TEXT, super::QUADRANT_FILLS[2]),
        (TEXT, super::QUADRANT_FILLS[3]),
        (Color32::WHITE, ACCENT),
    ];
}

const QUADRANT_FILLS: [Color32; 4] = [
    Color32::from_rgb(252, 228, 214),
    Color32::from_rgb(255, 244, 206),
    Color32::from_rgb(221, 235, 247),
    Color32::from_rgb(236, 236, 236),
];

/// Type sizes for a screen: body text is at least 28 px and grows with the screen height.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub body: f32,
    pub title: f32,
    pub small: f32,
    pub margin: f32,
    /// 1 on the audience's screen; less in the presenter view's small copies of a slide.
    pub scale: f32,
}

impl Sizes {
    pub fn for_screen(screen: Vec2) -> Sizes {
        let body = (screen.y / 768.0 * 28.0).max(28.0);
        Sizes {
            body,
            title: body * 1.45,
            small: (body * 0.62).max(24.0),
            margin: (screen.x * 0.04).max(24.0),
            scale: 1.0,
        }
    }

    /// The same slide drawn `factor` times as large (a preview keeps the audience's layout).
    pub fn scaled(self, factor: f32) -> Sizes {
        Sizes {
            body: self.body * factor,
            title: self.title * factor,
            small: self.small * factor,
            margin: self.margin * factor,
            scale: self.scale * factor,
        }
    }

    /// Height of one list row: up to two lines of body text, a line of small text, and air.
    pub fn row(&self) -> f32 {
        self.body * 2.5 + self.small * 1.3 + 10.0 * self.scale
    }

    /// How many list rows fit on a slide of this screen.
    pub fn rows_per_slide(&self, screen: Vec2) -> usize {
        let list = screen.y - 2.0 * self.margin - self.title * 1.6 - self.small * 2.5;
        ((list / self.row()).floor() as usize).max(1)
    }
}

/// A person as the audience sees them (see [`shown_name`]), or "nobody".
fn shown(project: &Project, id: Option<StakeholderId>, hide: bool) -> String {
    shown_id(project, id, hide, "nobody").into_owned()
}

/// Turns the clicker keys into presenter steps. Called for each window that shows the
/// presentation (the slides and the presenter view), so every key works from either.
pub fn handle_keys(ctx: &egui::Context, app: &StewardApp) {
    let undo_redo = super::shortcuts::action_keys().filter(|(a, _)| matches!(a, Action::Undo | Action::Redo));
    for action in super::shortcuts::triggered(ctx, undo_redo) {
        if app.is_enabled(action) {
            app.push(Command::Action(action));
        }
    }
    let Some(present) = &app.present else { return };
    // While the presenter types a minute, the keys are the text's.
    if ctx.text_edit_focused() {
        return;
    }
    let step = |step| app.push(Command::Present(step));
    if present.blanked {
        // Any key brings the slide back, and does nothing else.
        let any = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Key { pressed: true, .. }))
        });
        if any {
            ctx.input_mut(|i| i.events.clear());
            step(PresentStep::Unblank);
        }
        return;
    }
    let pressed = |key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
    let keys: [(&[Key], PresentStep); 7] = [
        (&[Key::Escape], PresentStep::End),
        (&[Key::B], PresentStep::Blank),
        (&[Key::H], PresentStep::ToggleNames),
        (&[Key::PageDown, Key::ArrowRight, Key::Space], PresentStep::Next),
        (&[Key::PageUp, Key::ArrowLeft, Key::Backspace], PresentStep::Previous),
        (&[Key::ArrowDown], PresentStep::MoveCursor(1)),
        (&[Key::ArrowUp], PresentStep::MoveCursor(-1)),
    ];
    for (keys, action) in keys {
        if keys.iter().any(|&k| pressed(k)) {
            step(action);
        }
    }
    if pressed(Key::Enter) {
        step(PresentStep::TickCursor);
    }
}

/// Draws the presentation: the slides over the whole window, or the presenter view with the
/// slides in a second window.
pub fn show(ui: &mut Ui, app: &mut StewardApp) {
    if app.present.as_ref().is_some_and(|p| p.presenter) {
        presenter::show(ui, app);
    } else {
        let rect = ui.max_rect();
        audience(ui, app, rect, rect.size());
    }
}

/// Where the audience's screen size is kept for the presenter view's previews.
fn audience_screen_id() -> egui::Id {
    egui::Id::unique("steward_audience_screen")
}

/// The slides as the audience sees them on a `screen` of that size, drawn into `rect` (the
/// window or the projector's viewport, or a smaller copy of it); black while blanked.
pub(super) fn audience(ui: &mut Ui, app: &mut StewardApp, rect: Rect, screen: Vec2) {
    let Some(present) = app.present.clone() else { return };
    let sizes = Sizes::for_screen(screen).scaled(rect.width() / screen.x);
    let rows = Sizes::for_screen(screen).rows_per_slide(screen);
    if rows != present.rows_per_slide {
        app.push(Command::Present(PresentStep::FitRows(rows)));
    }
    ui.ctx().data_mut(|d| d.insert_temp(audience_screen_id(), screen));
    ui.allocate_rect(rect, egui::Sense::hover());
    if present.blanked {
        ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
        return;
    }
    let deck = present.deck(&app.doc.project);
    let (index, slide) = present.current(&deck);
    let view = SlideView {
        rect,
        sizes,
        index,
        count: deck.len(),
        slide,
        live: true,
    };
    draw_slide(ui, app, &present, &view);
}

/// One slide to draw, where and how large.
pub(super) struct SlideView {
    pub rect: Rect,
    pub sizes: Sizes,
    pub index: usize,
    pub count: usize,
    pub slide: Slide,
    /// The audience's slide answers clicks; the presenter's small copies only show.
    pub live: bool,
}

/// Draws one slide into `view.rect`.
pub(super) fn draw_slide(ui: &mut Ui, app: &mut StewardApp, present: &Presentation, view: &SlideView) {
    let (sizes, slide) = (view.sizes, view.slide);
    ui.painter().rect_filled(view.rect, 0.0, theme::BACKGROUND);
    let inner = view.rect.shrink(sizes.margin);
    ui.scope_builder(egui::UiBuilder::new().max_rect(inner), |ui| {
        ui.set_clip_rect(view.rect.intersect(ui.clip_rect()));
        // Slides are always dark on white, whatever the window's theme.
        *ui.visuals_mut() = egui::Visuals::light();
        ui.visuals_mut().override_text_color = Some(theme::TEXT);
        if !view.live {
            // A copy to look at: nothing in it reacts, and it is not faded.
            ui.visuals_mut().disabled_alpha = 1.0;
            ui.disable();
        }
        if sizes.scale < 1.0 {
            let spacing = ui.spacing_mut();
            spacing.item_spacing *= sizes.scale;
            spacing.interact_size *= sizes.scale;
            spacing.button_padding *= sizes.scale;
        }
        // Checkboxes with dark outlines and marks, visible from the back of the room.
        let widgets = &mut ui.visuals_mut().widgets;
        for w in [
            &mut widgets.inactive,
            &mut widgets.hovered,
            &mut widgets.active,
            &mut widgets.noninteractive,
        ] {
            w.bg_fill = theme::BACKGROUND;
            w.weak_bg_fill = theme::BACKGROUND;
            w.bg_stroke = Stroke::new(2.0 * sizes.scale, theme::TEXT);
            w.fg_stroke = Stroke::new(3.0 * sizes.scale, theme::GOOD);
        }
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        let footer = sizes.small * 2.0;
        let body_rect = Rect::from_min_max(inner.min, inner.max - Vec2::new(0.0, footer));
        ui.scope_builder(egui::UiBuilder::new().max_rect(body_rect), |ui| {
            if slide != Slide::Title {
                ui.label(
                    RichText::new(slide.name(&app.doc.project))
                        .size(sizes.title)
                        .color(theme::ACCENT)
                        .strong(),
                );
                ui.add_space(sizes.body * 0.4);
            }
            let hide = present.hide_names;
            match slide {
                Slide::Title => title_slide(ui, app, &sizes, present),
                Slide::Agenda => agenda_slide(ui, app, &sizes, present, None),
                Slide::Section { item, .. } => agenda_slide(ui, app, &sizes, present, Some(item)),
                Slide::Commitments => commitments_slide(ui, app, &sizes),
                Slide::Checklist { start, end, .. } => checklist_slide(ui, app, &sizes, present, start, end),
                Slide::Grid => grid_slide(ui, app, &sizes, hide),
                Slide::Raci { start, end, .. } => raci_slide(ui, app, &sizes, hide, start, end),
                Slide::Timeline => timeline_slide::timeline_slide(ui, app, &sizes),
                Slide::Testing => testing_slide(ui, app, &sizes, hide),
                Slide::Readiness => readiness_slide(ui, app, &sizes, hide),
            }
        });
        // The footer is made of labels, so screen readers (and tests) can read the slide number.
        let footer_rect = Rect::from_min_max(Pos2::new(inner.left(), inner.bottom() - footer), inner.max);
        let hint = RichText::new("Esc leaves · Page Down/Up move · B blanks · H hides names")
            .size(sizes.small)
            .color(theme::MUTED);
        let number = RichText::new(format!("{} / {}", view.index + 1, view.count))
            .size(sizes.small)
            .color(theme::MUTED);
        ui.scope_builder(egui::UiBuilder::new().max_rect(footer_rect), |ui| {
            ui.horizontal(|ui| {
                ui.add(egui::Label::new(hint).truncate());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.label(number));
            });
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: Color32) -> f64 {
        let channel = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (l1, l2) = (luminance(a), luminance(b));
        (l1.max(l2) + 0.05) / (l1.min(l2) + 0.05)
    }

    #[test]
    fn every_text_colour_has_a_contrast_of_at_least_seven() {
        for (text, background) in theme::PAIRS {
            let ratio = contrast(*text, *background);
            assert!(ratio >= 7.0, "{text:?} on {background:?}: {ratio:.2}");
        }
        assert!(
            (contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01,
            "the formula is WCAG's"
        );
    }

    #[test]
    fn type_is_at_least_28_px_and_grows_with_the_screen() {
        for screen in [
            Vec2::new(1024.0, 768.0),
            Vec2::new(1280.0, 720.0),
            Vec2::new(1920.0, 1080.0),
        ] {
            let sizes = Sizes::for_screen(screen);
            assert!(sizes.body >= 28.0);
            assert!(sizes.rows_per_slide(screen) >= 3, "{screen:?}");
        }
        assert!(Sizes::for_screen(Vec2::new(1920.0, 1080.0)).body > 38.0);
    }

    #[test]
    fn every_slide_of_every_deck_draws_full_size_and_as_the_presenter_s_small_copy() {
        let project = crate::storage::demo_project();
        let mut app = StewardApp::new(crate::app::AppOptions::default());
        let meetings: Vec<_> = project.meetings.iter().map(|m| Some(m.id)).collect();
        app.doc.project = project;
        app.start_presentation();
        let ctx = egui::Context::default();
        let screen = Vec2::new(1024.0, 768.0);
        let mut drawn = std::collections::HashSet::new();
        for meeting in std::iter::once(None).chain(meetings) {
            let mut present = app.present.clone().unwrap();
            present.meeting = meeting;
            let deck = present.deck(&app.doc.project);
            for (index, slide) in deck.iter().enumerate() {
                // Full size, the "next slide" copy, and a copy smaller than any window gives.
                for factor in [1.0, 0.3, 0.06] {
                    let view = SlideView {
                        rect: Rect::from_min_size(Pos2::ZERO, screen * factor),
                        sizes: Sizes::for_screen(screen).scaled(factor),
                        index,
                        count: deck.len(),
                        slide: *slide,
                        live: false,
                    };
                    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                        draw_slide(ui, &mut app, &present, &view);
                    });
                    output.textures_delta.clear();
                    assert!(!output.shapes.is_empty(), "{slide:?} at {factor}: nothing drawn");
                }
                drawn.insert(std::mem::discriminant(slide));
            }
        }
        assert!(drawn.len() >= 10, "every kind of slide: {} kinds drawn", drawn.len());
    }

    /// Every font size used on slide `index` of the demo, drawn at `size`.
    fn font_sizes(size: Vec2, hide_names: bool, meeting: Option<u64>) -> Vec<(String, Vec<(f32, String)>)> {
        let project = crate::storage::demo_project();
        let mut app = StewardApp::new(crate::app::AppOptions::default());
        app.doc.project = project;
        app.start_presentation();
        app.present.as_mut().unwrap().hide_names = hide_names;
        app.present.as_mut().unwrap().meeting = meeting.map(crate::model::MeetingId);
        let rows = Sizes::for_screen(size).rows_per_slide(size);
        app.present.as_mut().unwrap().rows_per_slide = rows;
        let count = app.present.as_ref().unwrap().deck(&app.doc.project).len();
        let ctx = egui::Context::default();
        let mut found = Vec::new();
        for index in 0..count {
            app.present.as_mut().unwrap().slide = index;
            let input = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| show(ui, &mut app));
            output.textures_delta.clear();
            let mut sizes = Vec::new();
            for clipped in &output.shapes {
                collect_text(&clipped.shape, &mut sizes);
            }
            let title = app.present.as_ref().unwrap().deck(&app.doc.project)[index].name(&app.doc.project);
            found.push((title, sizes));
        }
        found
    }

    fn collect_text(shape: &egui::Shape, out: &mut Vec<(f32, String)>) {
        match shape {
            egui::Shape::Text(text) => {
                for section in &text.galley.job.sections {
                    let range = section.byte_range.start.0..section.byte_range.end.0;
                    let words = text.galley.job.text[range].to_string();
                    if !words.trim().is_empty() {
                        out.push((section.format.font_id.size, words));
                    }
                }
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect_text(s, out)),
            _ => {}
        }
    }

    #[test]
    fn every_word_on_every_slide_is_readable_from_the_back_of_the_room() {
        // Without a meeting, and with the demo's kickoff, whose agenda shows every kind of slide.
        for (hide_names, meeting) in [(false, None), (true, None), (false, Some(320)), (true, Some(320))] {
            let slides = font_sizes(Vec2::new(1024.0, 768.0), hide_names, meeting);
            assert!(slides.len() >= 6);
            if meeting.is_some() {
                assert!(slides.iter().any(|(title, _)| title == "Agenda"));
                assert!(
                    slides.iter().any(|(title, _)| title.starts_with("6. Risks")),
                    "{:?}",
                    slides.iter().map(|s| &s.0).collect::<Vec<_>>()
                );
            }
            for (title, sizes) in slides {
                assert!(!sizes.is_empty(), "{title}: no text found");
                for (size, words) in &sizes {
                    assert!(*size >= 24.0, "{title}: {words:?} is {size} px");
                }
                assert!(
                    sizes.iter().any(|(size, _)| *size >= 28.0),
                    "{title}: no body text of 28 px"
                );
            }
        }
    }
}
