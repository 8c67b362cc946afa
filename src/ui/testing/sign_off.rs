//! Signing areas off: the grid of areas with their standing, and the progress marks the
//! Overview borrows.

use crate::app::Command;
use crate::model::testing::{AreaTesting, sign_off, sign_off_blockers, signer};
use crate::ui::context::PanelCtx;
use crate::ui::palette;
use egui::{Color32, Grid, RichText, Ui};

/// One line per area: its progress, where its sign-off stands, and the button to sign it off.
pub(super) fn sign_off_grid(ui: &mut Ui, cx: &mut PanelCtx) {
    let testing = &cx.derived.readiness.testing;
    if testing.is_empty() {
        ui.label(RichText::new("Add areas (in the RACI view) to sign them off.").weak());
        return;
    }
    let mut send = None;
    Grid::new("sign_off_grid")
        .num_columns(4)
        .spacing([10.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for area in testing {
                ui.label(&area.name);
                progress_bar(ui, area, 170.0);
                sign_off_status(ui, cx, area);
                send = send.take().or_else(|| sign_off_button(ui, cx, area));
                ui.end_row();
            }
        });
    if let Some((edit, label)) = send {
        cx.send(Command::edit(edit, label));
    }
}

/// Testing and sign-off of one area, for the area's editor: the bar, where the sign-off stands
/// and the button, the same as its line in the Tests panel.
pub fn area_sign_off(ui: &mut Ui, cx: &mut PanelCtx, area: crate::model::AreaId) {
    let Some(testing) = cx.derived.readiness.testing.iter().find(|a| a.area == area).cloned() else {
        return;
    };
    ui.label(RichText::new("Acceptance testing").strong());
    progress_bar(ui, &testing, 240.0);
    let mut send = None;
    ui.horizontal_wrapped(|ui| {
        sign_off_status(ui, cx, &testing);
        send = sign_off_button(ui, cx, &testing);
    });
    if let Some((edit, label)) = send {
        cx.send(Command::edit(edit, label));
    }
}

/// The "Sign off" button of an area, enabled only when its Accountable (internal staff) may sign
/// it off now; says why not on hover. Returns the sign-off to apply when clicked.
fn sign_off_button(ui: &mut Ui, cx: &mut PanelCtx, area: &AreaTesting) -> Option<(crate::model::Edit, String)> {
    // Cheap checks every frame; the blockers and the edit only on hover and click.
    let who = signer(cx.project, area.area).and_then(|who| staff_signer(cx, who));
    let button = egui::Button::new(format!("Sign off {}", area.name));
    let enabled = !cx.read_only && area.signed_off.is_none() && area.ready && who.is_ok();
    let response = ui.add_enabled(enabled, button);
    let response = if area.signed_off.is_some() {
        response.on_disabled_hover_text("Signed off already")
    } else if let Err(reason) = &who {
        response.on_disabled_hover_text(capitalized(reason))
    } else if !area.ready {
        let (project, id) = (cx.project, area.area);
        response.on_disabled_hover_ui(move |ui| {
            ui.label(capitalized(&crate::model::testing::summary(&sign_off_blockers(
                project, id,
            ))));
        })
    } else {
        let name = cx.derived.name(who.as_ref().ok().copied());
        response.on_hover_text(format!("Signed off by {name} today"))
    };
    if !response.clicked() {
        return None;
    }
    let who = who.ok()?;
    match sign_off(cx.project, area.area, who, cx.today()) {
        Ok(edit) => Some((edit, format!("Sign off {}", area.name))),
        Err(reason) => {
            cx.send(Command::Notify(capitalized(&reason)));
            None
        }
    }
}

/// The signer, when they are internal: a sign-off by the vendor or a consultant is not acceptance.
pub(super) fn staff_signer(
    cx: &PanelCtx,
    who: crate::model::StakeholderId,
) -> Result<crate::model::StakeholderId, String> {
    match cx.project.stakeholder(who) {
        Some(person) if person.side.is_internal() => Ok(who),
        Some(person) => Err(format!(
            "{} is Accountable but not internal staff: a sign-off by the vendor or a consultant is not acceptance",
            person.name
        )),
        None => Err("the Accountable no longer exists".into()),
    }
}

pub(super) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

pub(super) fn sign_off_status(ui: &mut Ui, cx: &PanelCtx, area: &AreaTesting) {
    match (&area.signed_off, &area.withdrawn) {
        (Some((by, date)), _) => {
            let text = format!("Signed off {date} by {}", cx.derived.name(Some(*by)));
            let color = if area.ready { palette::GOOD } else { palette::error(ui) };
            ui.label(RichText::new(text).color(color));
        }
        (None, Some(w)) => {
            ui.label(RichText::new(format!("Withdrawn on {}", w.date)).color(palette::error(ui)))
                .on_hover_text(&w.reason);
        }
        (None, None) if area.ready => {
            ui.label(RichText::new("Ready for sign-off").color(palette::PROGRESS));
        }
        (None, None) => {
            let (project, id) = (cx.project, area.area);
            ui.label(RichText::new("Not ready").weak()).on_hover_ui(move |ui| {
                ui.label(capitalized(&crate::model::testing::summary(&sign_off_blockers(
                    project, id,
                ))));
            });
        }
    }
}

/// Passed, failed, blocked and not run as one bar, with the counts on it.
pub fn progress_bar(ui: &mut Ui, area: &AreaTesting, width: f32) -> egui::Response {
    let height = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let weak = ui.visuals().extreme_bg_color;
    painter.rect_filled(rect, 3.0, weak);
    let total = area.scenarios.max(1) as f32;
    let mut x = rect.min.x;
    for (n, color) in [
        (area.passed, palette::GOOD),
        (area.failed, palette::BAD),
        (area.blocked, palette::CAUTION),
    ] {
        let w = rect.width() * n as f32 / total;
        if w > 0.0 {
            painter.rect_filled(
                egui::Rect::from_min_size(egui::pos2(x, rect.min.y), egui::vec2(w, rect.height())),
                0.0,
                color,
            );
        }
        x += w;
    }
    let text = if area.scenarios == 0 {
        "no scenarios".to_string()
    } else if width < 180.0 {
        format!(
            "{}/{} passed · {} failed",
            area.passed,
            area.scenarios,
            area.failed + area.blocked
        )
    } else {
        format!(
            "{} passed · {} failed · {} not run",
            area.passed,
            area.failed + area.blocked,
            area.not_run
        )
    };
    let text_color = if area.passed + area.failed + area.blocked > 0 {
        Color32::WHITE
    } else {
        ui.visuals().text_color()
    };
    painter.text(
        rect.left_center() + egui::vec2(6.0, 0.0),
        egui::Align2::LEFT_CENTER,
        text,
        egui::FontId::proportional(12.0),
        text_color,
    );
    response.on_hover_text(format!(
        "{} scenario(s): {} passed, {} failed, {} blocked, {} not run",
        area.scenarios, area.passed, area.failed, area.blocked, area.not_run
    ))
}

/// The Overview's testing progress of one area, beside its readiness: a bar of passed, failed
/// and not run, and a mark for the sign-off.
pub fn compact_progress(ui: &mut Ui, area: &AreaTesting) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        progress_bar(ui, area, 140.0);
        let (mark, color, why) = match (&area.signed_off, &area.withdrawn) {
            (Some(_), _) if area.ready => ("✔", palette::GOOD, "Signed off".to_string()),
            (Some(_), _) => (
                "⚠",
                palette::error(ui),
                "Signed off, but a must-pass scenario fails now".into(),
            ),
            (None, Some(w)) => ("⚠", palette::error(ui), format!("Sign-off withdrawn: {}", w.reason)),
            (None, None) if area.ready => ("○", palette::PROGRESS, "Ready for sign-off".into()),
            (None, None) => ("", palette::PROGRESS, String::new()),
        };
        if !mark.is_empty() {
            ui.label(RichText::new(mark).color(color)).on_hover_text(why);
        }
    });
}

/// One line under the bars: how many areas are signed off.
pub fn sign_off_summary(ui: &mut Ui, cx: &PanelCtx) {
    let testing = &cx.derived.readiness.testing;
    let signed = testing.iter().filter(|a| a.signed_off.is_some()).count();
    let scenarios = cx.project.testing.scenarios.len();
    ui.label(
        RichText::new(format!(
            "{signed} of {} areas signed off after testing; {scenarios} test scenario(s). Testing bars count each scenario by its latest result (✔ signed off).",
            testing.len()
        ))
        .weak(),
    );
}
