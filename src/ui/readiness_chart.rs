//! A small line chart of recorded readiness over time, up to the consultants' exit date.

use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2};

use crate::app::today;
use crate::model::Project;

/// Draws the recorded snapshots, today's value, and the exit date and target as guides.
pub fn show(ui: &mut Ui, project: &Project, current: f32) {
    let history = &project.readiness_history;
    if history.is_empty() {
        ui.label(egui::RichText::new("Record a snapshot now and then to see the trend toward the exit date.").weak());
        return;
    }
    let today = today();
    let first = history[0].date.min(today);
    let last = project.details.exit_date.unwrap_or(today).max(today);
    let span = (last - first).num_days().max(1) as f32;
    let (response, painter) = ui.allocate_painter(Vec2::new(ui.available_width().min(420.0), 150.0), Sense::hover());
    let plot = Rect::from_min_max(
        response.rect.min + Vec2::new(34.0, 8.0),
        response.rect.max - Vec2::new(8.0, 18.0),
    );
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let x = |date: chrono::NaiveDate| plot.left() + (date - first).num_days() as f32 / span * plot.width();
    let y = |percent: f32| plot.bottom() - percent.clamp(0.0, 100.0) / 100.0 * plot.height();

    painter.rect_stroke(plot, 0.0, Stroke::new(1.0, weak), egui::StrokeKind::Inside);
    for percent in [0.0, 50.0, 100.0] {
        painter.text(
            Pos2::new(plot.left() - 4.0, y(percent)),
            Align2::RIGHT_CENTER,
            format!("{percent:.0}%"),
            FontId::proportional(10.0),
            weak,
        );
    }
    let target = project.settings.exit_min_area_readiness as f32;
    painter.hline(
        plot.x_range(),
        y(target),
        Stroke::new(1.0, super::palette::GOOD.gamma_multiply(0.7)),
    );
    if let Some(exit) = project.details.exit_date {
        painter.vline(x(exit), plot.y_range(), Stroke::new(1.0, super::palette::BAD));
        painter.text(
            Pos2::new(x(exit), plot.bottom() + 2.0),
            Align2::RIGHT_TOP,
            "exit",
            FontId::proportional(10.0),
            text,
        );
    }
    let mut points: Vec<Pos2> = history.iter().map(|s| Pos2::new(x(s.date), y(s.overall))).collect();
    let color = super::palette::PROGRESS;
    painter.add(egui::Shape::line(points.clone(), Stroke::new(2.0, color)));
    for p in &points {
        painter.circle_filled(*p, 3.0, color);
    }
    let now = Pos2::new(x(today), y(current));
    if let Some(last_point) = points.pop() {
        painter.add(egui::Shape::dashed_line(
            &[last_point, now],
            Stroke::new(1.5, color),
            4.0,
            3.0,
        ));
    }
    painter.circle_stroke(now, 4.0, Stroke::new(2.0, color));
    painter.text(
        now + Vec2::new(6.0, -6.0),
        Align2::LEFT_BOTTOM,
        format!("today {current:.0}%"),
        FontId::proportional(10.0),
        text,
    );
    painter.text(
        Pos2::new(plot.left(), plot.bottom() + 2.0),
        Align2::LEFT_TOP,
        first.format("%Y-%m-%d").to_string(),
        FontId::proportional(10.0),
        weak,
    );
    response.on_hover_text(format!(
        "Overall readiness recorded {} times; the green line is the target of {target:.0}% per area.",
        history.len()
    ));
}
