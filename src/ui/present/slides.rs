//! The slides themselves: each kind drawn from the project at the size of the screen.

use egui::{Align2, Color32, FontId, Frame, Grid, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};

use super::{QUADRANT_FILLS, Sizes, shown, theme};
use crate::app::present::Presentation;
use crate::app::{Command, StewardApp, today};
use crate::model::people::{initials, shown_name};
use crate::model::{AgendaId, Choice, Quadrant, Raci, Stakeholder};

pub(super) fn title_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, present: &Presentation) {
    let hide = present.hide_names;
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
    if let Some(meeting) = present.meeting.and_then(|m| app.doc.project.meeting(m)) {
        ui.label(
            RichText::new(meeting.describe())
                .size(sizes.body)
                .color(theme::ACCENT)
                .strong(),
        );
        ui.add_space(sizes.body * 0.4);
    }
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

/// The meeting's agenda, one item a line with its presenter and time. On an item's section
/// slide (`current`), that item is highlighted and the items before it are muted.
pub(super) fn agenda_slide(
    ui: &mut Ui,
    app: &StewardApp,
    sizes: &Sizes,
    present: &Presentation,
    current: Option<AgendaId>,
) {
    let project = &app.doc.project;
    let Some(meeting) = present.meeting.and_then(|m| project.meeting(m)) else {
        return;
    };
    let position = current.and_then(|c| meeting.agenda.iter().position(|a| a.id == c));
    if let Some(i) = position {
        let item = &meeting.agenda[i];
        let by = item
            .presenter
            .map(|p| format!(" · presented by {}", shown(project, Some(p), present.hide_names)))
            .unwrap_or_default();
        ui.label(
            RichText::new(format!(
                "Item {} of {} · {} minutes{by}",
                i + 1,
                meeting.agenda.len(),
                item.planned_minutes
            ))
            .size(sizes.body),
        );
        ui.add_space(sizes.body * 0.5);
    } else {
        let date = meeting
            .date
            .map(|d| format!("{} · ", d.format("%A %-d %B %Y")))
            .unwrap_or_default();
        ui.label(
            RichText::new(format!("{date}{} minutes in all", meeting.planned_minutes()))
                .size(sizes.small)
                .color(theme::MUTED),
        );
        ui.add_space(sizes.body * 0.3);
    }
    let row = sizes.body * 1.6;
    let fit = ((ui.available_height() / row).floor() as usize).max(1);
    let (from, to) = window(meeting.agenda.len(), fit, position);
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    for (i, item) in meeting.agenda.iter().enumerate().take(to).skip(from) {
        let (color, fill) = match position {
            Some(p) if p == i => (theme::ACCENT, theme::HIGHLIGHT),
            Some(p) if i < p => (theme::MUTED, theme::BACKGROUND),
            _ => (theme::TEXT, theme::BACKGROUND),
        };
        let mut job = egui::text::LayoutJob::default();
        let format = |size: f32, color: Color32| egui::TextFormat {
            font_id: FontId::proportional(size),
            color,
            valign: egui::Align::Center,
            ..Default::default()
        };
        job.append(&format!("{}. {}", i + 1, item.title), 0.0, format(sizes.body, color));
        let by = item
            .presenter
            .map(|p| format!("{} · ", shown(project, Some(p), present.hide_names)))
            .unwrap_or_default();
        job.append(
            &format!("   {by}{} min", item.planned_minutes),
            0.0,
            format(sizes.small, theme::MUTED),
        );
        Frame::new()
            .fill(fill)
            .inner_margin(egui::Margin::symmetric(
                (6.0 * sizes.scale) as i8,
                (2.0 * sizes.scale) as i8,
            ))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.add(egui::Label::new(job).truncate());
            });
    }
    if to - from < meeting.agenda.len() {
        ui.label(
            RichText::new(format!("{} of {} items shown", to - from, meeting.agenda.len()))
                .size(sizes.small)
                .color(theme::MUTED),
        );
    }
}

/// Which `fit` of `count` rows to show so that row `keep` is among them.
fn window(count: usize, fit: usize, keep: Option<usize>) -> (usize, usize) {
    if count <= fit {
        return (0, count);
    }
    let fit = fit.saturating_sub(1).max(1);
    let start = keep.map_or(0, |k| k.saturating_sub(fit / 2)).min(count - fit);
    (start, start + fit)
}

pub(super) fn commitments_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes) {
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

pub(super) fn checklist_slide(
    ui: &mut Ui,
    app: &mut StewardApp,
    sizes: &Sizes,
    present: &Presentation,
    start: usize,
    end: usize,
) {
    let project = &app.doc.project;
    let mut toggled = None;
    let width = ui.available_width();
    for index in start..end {
        let item = &project.kickoff[index];
        let highlight = present.cursor == Some(index);
        let row = Frame::new()
            .fill(if highlight { theme::HIGHLIGHT } else { theme::BACKGROUND })
            .inner_margin(4.0 * sizes.scale);
        row.show(ui, |ui| {
            // Margins scale with the slide, so the presenter's small copy has the same layout.
            ui.set_width((width - 8.0 * sizes.scale).max(0.0));
            ui.set_height((sizes.row() - 8.0 * sizes.scale).max(0.0));
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

pub(super) fn grid_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, hide: bool) {
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
    for ((area, _), fill) in quadrants.iter().zip(QUADRANT_FILLS) {
        painter.rect_filled(*area, 0.0, fill);
    }
    painter.rect_stroke(plot, 0.0, Stroke::new(2.0, theme::TEXT), egui::StrokeKind::Inside);
    // Both axes are named, at the size of every other secondary line.
    painter.text(
        Pos2::new(plot.center().x, plot.bottom() + 2.0),
        Align2::CENTER_TOP,
        "Interest",
        FontId::proportional(sizes.small),
        theme::MUTED,
    );
    let power = ui
        .painter()
        .layout_no_wrap("Power".into(), FontId::proportional(sizes.small), theme::MUTED);
    let at = Pos2::new(rect.left(), plot.center().y + power.size().x / 2.0);
    painter.add(egui::epaint::TextShape::new(at, power, theme::MUTED).with_angle(-std::f32::consts::FRAC_PI_2));
    // Dots are large enough for initials of at least 24 px.
    let radius = (plot.width() / 24.0).max(29.0);
    for marker in crate::ui::grid::layout_markers(&app.doc.project.stakeholders, plot, radius) {
        match marker {
            crate::ui::grid::Marker::Person(person, center) => {
                let label = initials(&shown_name(person, hide), 2);
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
    // Captions go on top of the dots, on a plate of their quadrant's colour, so none is hidden.
    for ((area, quadrant), fill) in quadrants.into_iter().zip(QUADRANT_FILLS) {
        let caption = painter.layout_no_wrap(quadrant.label().into(), FontId::proportional(sizes.small), theme::TEXT);
        let at = area.left_top() + Vec2::splat(6.0);
        painter.rect_filled(
            Rect::from_min_size(at, caption.size()).expand(3.0),
            3.0,
            fill.gamma_multiply(0.92),
        );
        painter.galley(at, caption, theme::TEXT);
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
            let size = sizes.body;
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
                    .size(sizes.small)
                    .color(theme::MUTED),
                );
            }
        });
    }
}

pub(super) fn raci_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, hide: bool, start: usize, end: usize) {
    let project = &app.doc.project;
    for area in &project.areas[start..end] {
        ui.scope(|ui| {
            ui.set_height((sizes.row() - 4.0 * sizes.scale).max(0.0));
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
pub(super) fn testing_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, hide: bool) {
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
    // Standings come from the figures computed on change; only the lines that fit are worded
    // (the presenter view draws this slide twice a frame, with thousands of scenarios).
    let tests = &app.derived.tests;
    let failing: Vec<&crate::model::Scenario> = project
        .testing
        .scenarios
        .iter()
        .filter(|s| s.must_pass && tests.standing(s.id) == crate::model::TestStatus::Failed)
        .collect();
    if failing.is_empty() {
        return;
    }
    ui.add_space(sizes.body * 0.3);
    let fit = ((ui.available_height() - sizes.small * 1.6) / (sizes.small * 1.5))
        .floor()
        .max(1.0) as usize;
    let shown = fit.saturating_sub(1).max(1);
    for s in failing.iter().take(shown) {
        // The result that decides the standing: the one in the latest round that was run.
        let defect = project
            .testing
            .rounds
            .iter()
            .rev()
            .filter_map(|round| tests.result(project, s.id, round.id))
            .find(|r| r.status != crate::model::TestStatus::NotRun)
            .map(|r| r.defect.trim())
            .filter(|d| !d.is_empty())
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        ui.label(RichText::new(format!("Fails: {}{defect}", s.title)).size(sizes.small));
    }
    if failing.len() > shown {
        ui.label(
            RichText::new(format!("… and {} more failing in Steward", failing.len() - shown))
                .size(sizes.small)
                .color(theme::MUTED),
        );
    }
}

pub(super) fn readiness_slide(ui: &mut Ui, app: &StewardApp, sizes: &Sizes, hide: bool) {
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
