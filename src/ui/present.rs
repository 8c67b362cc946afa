//! Drawing meeting mode: large type that scales with the screen, a high-contrast theme, and
//! long lists continued on the next slide instead of shrinking or being clipped.

use egui::{Align2, Color32, FontId, Frame, Grid, Key, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};

use crate::app::present::{Presentation, Slide, slides};
use crate::app::{Action, Command, PresentStep, StewardApp, today};
use crate::model::people::{shown_id, shown_name};
use crate::model::{Choice, Project, Quadrant, Raci, Stakeholder, StakeholderId};

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
}

impl Sizes {
    pub fn for_screen(screen: Vec2) -> Sizes {
        let body = (screen.y / 768.0 * 28.0).max(28.0);
        Sizes {
            body,
            title: body * 1.45,
            small: (body * 0.62).max(18.0),
            margin: (screen.x * 0.04).max(24.0),
        }
    }

    /// Height of one list row: up to two lines of body text, a line of small text, and air.
    pub fn row(&self) -> f32 {
        self.body * 2.5 + self.small * 1.3 + 10.0
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

/// Turns the clicker keys into presenter steps.
pub fn handle_keys(ctx: &egui::Context, app: &StewardApp) {
    let undo_redo = super::shortcuts::action_keys().filter(|(a, _)| matches!(a, Action::Undo | Action::Redo));
    for action in super::shortcuts::triggered(ctx, undo_redo) {
        if app.is_enabled(action) {
            app.push(Command::Action(action));
        }
    }
    let Some(present) = &app.present else { return };
    let step = |step| app.push(Command::Present(step));
    let screen = ctx.content_rect().size();
    let rows = Sizes::for_screen(screen).rows_per_slide(screen);
    if rows != present.rows_per_slide {
        step(PresentStep::FitRows(rows));
    }
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

/// Draws the current slide over the whole window.
pub fn show(ui: &mut Ui, app: &mut StewardApp) {
    let Some(present) = app.present.clone() else { return };
    let screen = ui.ctx().content_rect().size();
    let sizes = Sizes::for_screen(screen);
    if present.blanked {
        egui::CentralPanel::no_frame()
            .frame(Frame::new().fill(Color32::BLACK))
            .show(ui, |ui| {
                ui.allocate_space(ui.available_size());
            });
        return;
    }
    let all = slides(&app.doc.project, sizes.rows_per_slide(screen));
    let index = present.slide.min(all.len() - 1);
    let slide = all[index];
    let frame = Frame::new().fill(theme::BACKGROUND).inner_margin(sizes.margin);
    egui::CentralPanel::no_frame().frame(frame).show(ui, |ui| {
        // Slides are always dark on white, whatever the window's theme.
        *ui.visuals_mut() = egui::Visuals::light();
        ui.visuals_mut().override_text_color = Some(theme::TEXT);
        // Checkboxes with dark outlines and marks, visible from the back of the room.
        let widgets = &mut ui.visuals_mut().widgets;
        for w in [&mut widgets.inactive, &mut widgets.hovered, &mut widgets.active] {
            w.bg_fill = theme::BACKGROUND;
            w.weak_bg_fill = theme::BACKGROUND;
            w.bg_stroke = Stroke::new(2.0, theme::TEXT);
            w.fg_stroke = Stroke::new(3.0, theme::GOOD);
        }
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        let footer = sizes.small * 2.0;
        let body_rect = Rect::from_min_max(ui.max_rect().min, ui.max_rect().max - Vec2::new(0.0, footer));
        ui.scope_builder(egui::UiBuilder::new().max_rect(body_rect), |ui| {
            if slide != Slide::Title {
                ui.label(
                    RichText::new(slide.title())
                        .size(sizes.title)
                        .color(theme::ACCENT)
                        .strong(),
                );
                ui.add_space(sizes.body * 0.4);
            }
            match slide {
                Slide::Title => title_slide(ui, app, &sizes, present.hide_names),
                Slide::Commitments => commitments_slide(ui, app, &sizes),
                Slide::Checklist { start, end, .. } => checklist_slide(ui, app, &sizes, &present, start, end),
                Slide::Grid => grid_slide(ui, app, &sizes, present.hide_names),
                Slide::Raci { start, end, .. } => raci_slide(ui, app, &sizes, present.hide_names, start, end),
                Slide::Testing => testing_slide(ui, app, &sizes, present.hide_names),
                Slide::Readiness => readiness_slide(ui, app, &sizes, present.hide_names),
            }
        });
        // The footer is made of labels, so screen readers (and tests) can read the slide number.
        let full = ui.max_rect();
        let footer_rect = Rect::from_min_max(Pos2::new(full.left(), full.bottom() - footer), full.max);
        let hint = RichText::new("Esc leaves · Page Down/Up move · B blanks · H hides names")
            .size(sizes.small)
            .color(theme::MUTED);
        let number = RichText::new(format!("{} / {}", index + 1, all.len()))
            .size(sizes.small)
            .color(theme::MUTED);
        ui.scope_builder(egui::UiBuilder::new().max_rect(footer_rect), |ui| {
            ui.horizontal(|ui| {
                ui.label(hint);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.label(number));
            });
        });
    });
}

fn title_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, hide: bool) {
    let d = &app.doc.project.details;
    ui.add_space(sizes.body * 2.0);
    ui.label(
        RichText::new(&d.name)
            .size(sizes.title * 1.3)
            .color(theme::ACCENT)
            .strong(),
    );
    ui.add_space(sizes.body * 0.5);
    let line = |ui: &mut Ui, text: String| {
        ui.label(RichText::new(text).size(sizes.body));
    };
    if !d.organization.is_empty() {
        line(ui, d.organization.clone());
    }
    if !d.system.is_empty() || !d.vendor.is_empty() {
        line(ui, format!("{} with {}", d.system, d.vendor));
    }
    ui.add_space(sizes.body * 0.6);
    let date = |d: Option<chrono::NaiveDate>| d.map_or("not set".to_string(), |d| d.format("%-d %B %Y").to_string());
    line(
        ui,
        format!("Kickoff {} · Go-live {}", date(d.kickoff_date), date(d.go_live_date)),
    );
    if let Some(exit) = d.exit_date {
        line(
            ui,
            format!(
                "The consultants leave on {} ({} days from today)",
                date(Some(exit)),
                (exit - today()).num_days()
            ),
        );
    }
    if d.system_owner.is_some() {
        line(
            ui,
            format!("System owner: {}", shown(&app.doc.project, d.system_owner, hide)),
        );
    }
}

fn commitments_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes) {
    for (i, text) in app.doc.project.commitments.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("{}.", i + 1))
                    .size(sizes.body)
                    .color(theme::ACCENT)
                    .strong(),
            );
            ui.label(RichText::new(text).size(sizes.body));
        });
        ui.add_space(sizes.body * 0.35);
    }
}

fn checklist_slide(ui: &mut Ui, app: &mut StewardApp, sizes: &Sizes, present: &Presentation, start: usize, end: usize) {
    let project = &app.doc.project;
    let mut toggled = None;
    let width = ui.available_width();
    for index in start..end {
        let item = &project.kickoff[index];
        let highlight = present.cursor == Some(index);
        let row = Frame::new()
            .fill(if highlight { theme::HIGHLIGHT } else { theme::BACKGROUND })
            .inner_margin(4.0);
        row.show(ui, |ui| {
            ui.set_width(width - 8.0);
            ui.set_height(sizes.row() - 8.0);
            ui.spacing_mut().icon_width = sizes.body * 0.9;
            let mut done = item.is_done();
            let text = RichText::new(&item.text)
                .size(sizes.body)
                .color(if done { theme::GOOD } else { theme::TEXT });
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let response = ui.add(egui::Checkbox::new(&mut done, text));
            if response.changed() {
                toggled = Some(index);
            }
            let owner = shown(project, item.owner, present.hide_names);
            let due = item
                .due
                .map(|d| format!(" · due {}", d.format("%-d %b")))
                .unwrap_or_default();
            let state = if item.is_done() {
                " · settled"
            } else if item.is_overdue(today()) {
                " · overdue"
            } else {
                ""
            };
            ui.label(
                RichText::new(format!("{}{due}{state}", owner))
                    .size(sizes.small)
                    .color(theme::MUTED),
            );
        });
    }
    if project.kickoff.is_empty() {
        ui.label(RichText::new("The checklist is empty.").size(sizes.body));
    }
    if let Some(index) = toggled {
        let item = &app.doc.project.kickoff[index];
        app.push(Command::tick_kickoff(item, !item.is_done(), today()));
    }
}

fn grid_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, hide: bool) {
    let available = ui.available_size();
    let side = available.y.min(available.x * 0.62);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(available.x, side), Sense::hover());
    let plot = Rect::from_min_size(
        rect.min + Vec2::new(sizes.small * 1.5, 0.0),
        Vec2::splat(side - sizes.small * 1.5),
    );
    let painter = ui.painter_at(rect);
    let split = crate::ui::grid::score_to_pos(plot, Quadrant::HIGH_FROM as f32 - 0.5, Quadrant::HIGH_FROM as f32 - 0.5);
    let quadrants = [
        (
            Rect::from_min_max(Pos2::new(split.x, plot.top()), Pos2::new(plot.right(), split.y)),
            Quadrant::KeyPlayers,
        ),
        (Rect::from_min_max(plot.min, split), Quadrant::KeepSatisfied),
        (Rect::from_min_max(split, plot.max), Quadrant::KeepInformed),
        (
            Rect::from_min_max(Pos2::new(plot.left(), split.y), Pos2::new(split.x, plot.bottom())),
            Quadrant::Monitor,
        ),
    ];
    for ((area, quadrant), fill) in quadrants.into_iter().zip(QUADRANT_FILLS) {
        painter.rect_filled(area, 0.0, fill);
        painter.text(
            area.left_top() + Vec2::splat(6.0),
            Align2::LEFT_TOP,
            quadrant.label(),
            FontId::proportional(sizes.small),
            theme::TEXT,
        );
    }
    painter.rect_stroke(plot, 0.0, Stroke::new(2.0, theme::TEXT), egui::StrokeKind::Inside);
    painter.text(
        Pos2::new(plot.center().x, plot.bottom()),
        Align2::CENTER_TOP,
        "Interest",
        FontId::proportional(sizes.small * 0.8),
        theme::MUTED,
    );
    let radius = (plot.width() / 24.0).max(14.0);
    for marker in crate::ui::grid::layout_markers(&app.doc.project.stakeholders, plot, radius) {
        match marker {
            crate::ui::grid::Marker::Person(person, center) => {
                let label = if hide {
                    short(&shown_name(person, true))
                } else {
                    person.initials()
                };
                painter.circle_filled(center, radius, crate::ui::grid::gap_color(person.engagement_gap()));
                painter.text(
                    center,
                    Align2::CENTER_CENTER,
                    label,
                    FontId::proportional(radius * 0.85),
                    Color32::WHITE,
                );
            }
            crate::ui::grid::Marker::Crowd { people, center, .. } => {
                painter.circle_filled(center, radius * 1.4, theme::ACCENT);
                painter.text(
                    center,
                    Align2::CENTER_CENTER,
                    people.len().to_string(),
                    FontId::proportional(radius),
                    Color32::WHITE,
                );
            }
        }
    }
    // Beside the grid, who needs the most attention: key players furthest from the wanted engagement.
    let legend = Rect::from_min_max(Pos2::new(plot.right() + sizes.margin * 0.5, rect.top()), rect.max);
    if legend.width() > sizes.body * 6.0 {
        let mut focus: Vec<&Stakeholder> = app
            .doc
            .project
            .stakeholders
            .iter()
            .filter(|s| s.quadrant() == Quadrant::KeyPlayers && s.engagement_gap() > 0)
            .collect();
        focus.sort_by_key(|s| std::cmp::Reverse(s.engagement_gap()));
        ui.scope_builder(egui::UiBuilder::new().max_rect(legend), |ui| {
            let size = sizes.body * 0.8;
            ui.label(RichText::new("Key players to win over").size(size).strong());
            let fit = ((legend.height() - size * 2.0) / (size * 2.4)).floor().max(0.0) as usize;
            for person in focus.iter().take(fit) {
                ui.label(RichText::new(shown_name(person, hide).into_owned()).size(size));
                ui.label(
                    RichText::new(
                        format!(
                            "{} → {}",
                            person.engagement_now.label(),
                            person.engagement_wanted.label()
                        )
                        .replace('→', "to"),
                    )
                    .size(sizes.small * 0.85)
                    .color(theme::MUTED),
                );
            }
        });
    }
}

/// Up to three letters for a marker.
fn short(text: &str) -> String {
    let initials: String = text
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(3)
        .collect();
    if initials.is_empty() {
        "?".into()
    } else {
        initials.to_uppercase()
    }
}

fn raci_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, hide: bool, start: usize, end: usize) {
    let project = &app.doc.project;
    for area in &project.areas[start..end] {
        ui.scope(|ui| {
            ui.set_height(sizes.row() - 4.0);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let names = |role: Raci| {
                let list: Vec<String> = area.holders(role).map(|id| shown(project, Some(id), hide)).collect();
                if list.is_empty() {
                    "nobody".to_string()
                } else {
                    list.join(", ")
                }
            };
            ui.label(RichText::new(&area.name).size(sizes.body).strong());
            ui.label(
                RichText::new(format!(
                    "Accountable: {} · Responsible: {}",
                    names(Raci::Accountable),
                    names(Raci::Responsible)
                ))
                .size(sizes.small)
                .color(theme::MUTED),
            );
        });
    }
}

/// Per area: how its scenarios stand and who signed it off (by role when names are hidden);
/// then the must-pass scenarios that still fail, with the vendor's defect reference.
fn testing_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, hide: bool) {
    let project = &app.doc.project;
    let testing = &app.derived.readiness.testing;
    let signed = testing.iter().filter(|a| a.signed_off.is_some()).count();
    let color = if signed == testing.len() && !testing.is_empty() {
        theme::GOOD
    } else {
        theme::BAD
    };
    ui.label(
        RichText::new(format!("{signed} of {} areas signed off", testing.len()))
            .size(sizes.body)
            .color(color)
            .strong(),
    );
    ui.add_space(sizes.body * 0.3);
    let row = sizes.small * 1.5;
    let areas_fit = ((ui.available_height() * 0.6) / row).floor().max(1.0) as usize;
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    Grid::new("testing_slide")
        .num_columns(3)
        .spacing([sizes.small, sizes.small * 0.3])
        .show(ui, |ui| {
            for area in testing.iter().take(areas_fit) {
                ui.label(RichText::new(&area.name).size(sizes.small));
                let counts = format!(
                    "{} passed · {} failed · {} not run",
                    area.passed,
                    area.failed + area.blocked,
                    area.not_run
                );
                let counts_color = if area.failed + area.blocked > 0 {
                    theme::BAD
                } else {
                    theme::TEXT
                };
                ui.label(RichText::new(counts).size(sizes.small).color(counts_color));
                let (text, color) = match (&area.signed_off, &area.withdrawn) {
                    (Some((by, _)), _) => (
                        format!("Signed off by {}", shown(project, Some(*by), hide)),
                        theme::GOOD,
                    ),
                    (None, Some(_)) => ("Sign-off withdrawn".to_string(), theme::BAD),
                    (None, None) if area.ready => ("Ready for sign-off".to_string(), theme::ACCENT),
                    (None, None) => ("Not ready".to_string(), theme::MUTED),
                };
                ui.label(RichText::new(text).size(sizes.small).color(color));
                ui.end_row();
            }
        });
    let index = crate::model::testing::TestIndex::new(project);
    let failing: Vec<String> = project
        .testing
        .scenarios
        .iter()
        .filter(|s| s.must_pass && index.standing(s.id) == crate::model::TestStatus::Failed)
        .map(|s| {
            let defect = index
                .latest(s.id)
                .map(|r| r.defect.trim().to_string())
                .filter(|d| !d.is_empty())
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            format!("Fails: {}{defect}", s.title)
        })
        .collect();
    if failing.is_empty() {
        return;
    }
    ui.add_space(sizes.body * 0.3);
    let fit = ((ui.available_height() - sizes.small * 1.6) / (sizes.small * 1.5))
        .floor()
        .max(1.0) as usize;
    for line in failing.iter().take(fit.saturating_sub(1).max(1)) {
        ui.label(RichText::new(line).size(sizes.small));
    }
    if failing.len() > fit.saturating_sub(1).max(1) {
        ui.label(
            RichText::new(format!(
                "… and {} more failing in Steward",
                failing.len() - fit.saturating_sub(1).max(1)
            ))
            .size(sizes.small)
            .color(theme::MUTED),
        );
    }
}

fn readiness_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, hide: bool) {
    let derived = &app.derived;
    let (text, color) = if derived.verdict.go {
        ("Yes: every criterion passes", theme::GOOD)
    } else {
        ("Not yet", theme::BAD)
    };
    let days = derived
        .readiness
        .days_to_exit
        .map(|d| format!(" · {d} days to the exit date"))
        .unwrap_or_default();
    ui.label(
        RichText::new(format!(
            "{text} · {:.0}% ready overall{days}",
            derived.readiness.overall
        ))
        .size(sizes.body)
        .color(color)
        .strong(),
    );
    ui.add_space(sizes.body * 0.3);
    let bar_height = sizes.small * 1.4;
    let room = ui.available_height();
    let areas_fit = ((room * 0.5) / (bar_height + 6.0)).floor().max(1.0) as usize;
    for area in derived.readiness.areas.iter().take(areas_fit) {
        ui.horizontal(|ui| {
            let name_size = Vec2::new(ui.available_width() * 0.35, bar_height);
            ui.allocate_ui_with_layout(name_size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(&area.name).size(sizes.small)).truncate());
            });
            let (bar, _) = ui.allocate_exact_size(Vec2::new(ui.available_width(), bar_height), Sense::hover());
            ui.painter().rect_filled(bar, 3.0, QUADRANT_FILLS[3]);
            let filled = Rect::from_min_size(bar.min, Vec2::new(bar.width() * area.percent / 100.0, bar.height()));
            ui.painter().rect_filled(filled, 3.0, theme::ACCENT);
            ui.painter().text(
                bar.right_center() - Vec2::new(8.0, 0.0),
                Align2::RIGHT_CENTER,
                format!("{:.0}%", area.percent),
                FontId::proportional(sizes.small),
                theme::TEXT,
            );
        });
    }
    ui.add_space(sizes.body * 0.3);
    let findings = &derived.findings;
    let left = ui.available_height() - sizes.small * 1.6;
    let fit = (left / (sizes.small * 1.5)).floor().max(0.0) as usize;
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    for finding in findings.iter().take(fit.saturating_sub(1)) {
        let title = finding.shown_title(&app.doc.project, hide);
        ui.label(RichText::new(format!("{}: {title}", finding.severity.label())).size(sizes.small));
    }
    if findings.len() > fit.saturating_sub(1) {
        ui.label(
            RichText::new(format!(
                "… and {} more findings in Steward",
                findings.len() - fit.saturating_sub(1)
            ))
            .size(sizes.small)
            .color(theme::MUTED),
        );
    }
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
}
