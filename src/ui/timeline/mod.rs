//! The hand-over timeline in the exit plan: one lane per area, each item a marker at its target
//! date coloured by its rung on the ladder, lines for today, go-live and the consultants' exit.
//! Late items and items due after the exit are ringed. Hover a marker for its details, click it
//! to select it, drag it along the lane to move its target date (one undoable step). Only what
//! is visible is drawn, and markers too close together to tell apart are drawn as one (in the
//! colour of the least advanced of them), so a plan of 10,000 items stays cheap to draw.

use std::sync::Arc;

mod paint;

pub use paint::{Look, marker_pos, paint, stage_color};
use paint::{date_at, x_of};

use chrono::NaiveDate;
use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2};

use super::context::PanelCtx;
use super::palette;
use crate::app::{Command, Selection, TimelineLayout, TimelineView};
use crate::model::schedule::{Lanes, handover_lanes};
use crate::model::{Choice, Edit, HandoverId, Project, Record, Stage};

/// Width of the lane names left of the plot.
pub const LABEL_WIDTH: f32 = 140.0;
/// Height of the header above the lanes: months, days (when zoomed in), the lines' labels.
pub const HEADER: f32 = 44.0;
/// Height of one lane; markers sit on three rows in it so that neighbours overlap less.
pub const LANE: f32 = 40.0;
const ROWS: usize = 3;
const RADIUS: f32 = 5.0;
/// The shortest span the zoom shows, in days.
const MIN_DAYS: f32 = 30.0;

fn lanes(cx: &mut PanelCtx) -> Arc<Lanes> {
    let today = cx.today();
    cached_lanes(&mut cx.view.timeline, cx.project, cx.generation, today)
}

/// The lanes of `project` (at `generation`) on `today`, built again only when either changed;
/// the exit plan and the timeline slide share them.
pub fn cached_lanes(view: &mut TimelineView, project: &Project, generation: u64, today: NaiveDate) -> Arc<Lanes> {
    match &view.cache {
        Some((built_for, day, lanes)) if *built_for == generation && *day == today => lanes.clone(),
        _ => {
            let lanes = Arc::new(handover_lanes(project, today));
            view.cache = Some((generation, today, lanes.clone()));
            lanes
        }
    }
}

/// The zoom, scroll and legend above the timeline.
fn controls(ui: &mut Ui, cx: &mut PanelCtx, total_days: f32) {
    let max_zoom = (total_days / MIN_DAYS).max(1.0);
    let view = &mut cx.view.timeline;
    view.zoom = view.zoom.clamp(1.0, max_zoom);
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::Slider::new(&mut view.zoom, 1.0..=max_zoom)
                .logarithmic(true)
                .show_value(false)
                .text("Zoom"),
        )
        .on_hover_text("From the whole project to about a month");
        let shown = total_days / view.zoom;
        let max_offset = (total_days - shown).max(0.0);
        view.offset = view.offset.clamp(0.0, max_offset);
        ui.add_enabled(
            max_offset > 0.0,
            egui::Slider::new(&mut view.offset, 0.0..=max_offset.max(1.0))
                .show_value(false)
                .text("Scroll through time"),
        );
        if ui.button("Whole project").clicked() {
            view.zoom = 1.0;
            view.offset = 0.0;
        }
        ui.add_space(12.0);
        for stage in Stage::ALL {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
            ui.painter().circle_filled(rect.center(), RADIUS, stage_color(*stage));
            ui.label(stage.label());
        }
        let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
        ui.painter()
            .circle_stroke(rect.center(), RADIUS, Stroke::new(2.0, palette::BAD));
        ui.label("late or after the exit");
    });
}

pub fn show(ui: &mut Ui, cx: &mut PanelCtx) {
    let lanes = lanes(cx);
    let total_days = ((lanes.last - lanes.first).num_days() + 1) as f32;
    controls(ui, cx, total_days);
    if lanes.lanes.iter().all(|l| l.items.is_empty()) {
        ui.label(egui::RichText::new("No hand-over item has a target date yet.").weak());
        return;
    }
    let height = HEADER + lanes.lanes.len() as f32 * LANE + 4.0;
    let width = ui.available_width().max(LABEL_WIDTH + 200.0);
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Hand-over timeline"));
    let view = &cx.view.timeline;
    let plot = Rect::from_min_max(
        Pos2::new(rect.left() + LABEL_WIDTH, rect.top() + HEADER),
        Pos2::new(rect.right() - 8.0, rect.bottom()),
    );
    let layout = TimelineLayout {
        plot,
        first: lanes.first,
        offset: view.offset,
        px_per_day: plot.width() / (total_days / view.zoom.max(1.0)),
        lane: LANE,
    };
    cx.view.timeline.layout = Some(layout);
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let look = Look {
        text: visuals.text_color(),
        weak: visuals.weak_text_color(),
        stripe: visuals.faint_bg_color,
        font: 11.0,
        radius: RADIUS,
        today: palette::PROGRESS,
        go_live: palette::GOOD,
        exit: palette::BAD,
    };
    let dragging = cx.view.timeline.dragging;
    paint(&painter, &look, cx.project, cx.today(), &lanes, &layout, rect, dragging);
    interact(ui, cx, &lanes, &layout, &response, &painter);
}

/// The item under `pos`, if any: its lane, index and id.
fn hit(lanes: &Lanes, layout: &TimelineLayout, pos: Pos2) -> Option<(usize, usize, HandoverId)> {
    if !layout.plot.contains(pos) {
        return None;
    }
    let lane = ((pos.y - layout.plot.top()) / layout.lane).floor() as usize;
    let lane_items = lanes.lanes.get(lane)?;
    let reach = RADIUS + 2.0;
    let from = date_at(layout, pos.x - reach);
    let to = date_at(layout, pos.x + reach);
    lane_items
        .between(from, to)
        .map(|index| (index, marker_pos(layout, lane, index, lane_items.items[index].date)))
        .filter(|(_, at)| at.distance(pos) <= reach)
        .min_by(|a, b| a.1.distance(pos).total_cmp(&b.1.distance(pos)))
        .map(|(index, _)| (lane, index, lane_items.items[index].id))
}

fn interact(
    ui: &Ui,
    cx: &mut PanelCtx,
    lanes: &Lanes,
    layout: &TimelineLayout,
    response: &egui::Response,
    painter: &egui::Painter,
) {
    let pointer = response.interact_pointer_pos().or(response.hover_pos());
    if response.drag_started()
        && let Some(pos) = ui.input(|i| i.pointer.press_origin())
    {
        cx.view.timeline.dragging = hit(lanes, layout, pos).filter(|_| !cx.read_only).map(|(_, _, id)| id);
    }
    if let Some(id) = cx.view.timeline.dragging {
        let Some(pos) = pointer else { return };
        let new_date = date_at(layout, pos.x);
        let lane = lanes
            .lanes
            .iter()
            .position(|l| l.items.iter().any(|i| i.id == id))
            .unwrap_or(0);
        let y = layout.plot.top() + (lane as f32 + 0.5) * layout.lane;
        let at = Pos2::new(x_of(layout, new_date), y);
        let color = cx
            .project
            .handover
            .iter()
            .find(|h| h.id == id)
            .map_or(palette::PROGRESS, |h| stage_color(h.stage));
        painter.circle(at, RADIUS + 2.0, color, Stroke::new(2.0, ui.visuals().text_color()));
        painter.text(
            at + Vec2::new(8.0, -8.0),
            Align2::LEFT_BOTTOM,
            new_date.to_string(),
            FontId::proportional(12.0),
            ui.visuals().strong_text_color(),
        );
        if response.drag_stopped() {
            cx.view.timeline.dragging = None;
            if let Some(item) = cx.project.handover.iter().find(|h| h.id == id)
                && item.target != Some(new_date)
            {
                let mut item = item.clone();
                item.target = Some(new_date);
                cx.send(Command::edit(
                    Edit::Put(Record::Handover(item)),
                    "Move hand-over target date",
                ));
                cx.send(Command::Select(Selection::Handover(id)));
            }
        }
        return;
    }
    if response.dragged() {
        // Dragging the background scrolls through time.
        let days = -response.drag_delta().x / layout.px_per_day;
        cx.view.timeline.offset = (cx.view.timeline.offset + days).max(0.0);
    }
    let Some(pos) = response.hover_pos() else { return };
    let Some((_, _, id)) = hit(lanes, layout, pos) else {
        return;
    };
    if response.clicked() {
        cx.send(Command::Select(Selection::Handover(id)));
    }
    let Some(item) = cx.project.handover.iter().find(|h| h.id == id) else {
        return;
    };
    let names = &cx.derived.names;
    let today = cx.today();
    let mut lines = vec![
        item.skill.clone(),
        format!("Area: {}", names.area(item.area)),
        format!("Internal owner: {}", names.person(item.internal_owner)),
        format!("Stage: {}", item.stage.label()),
        format!("Target: {}", item.target.map(|d| d.to_string()).unwrap_or_default()),
    ];
    if item.is_late(today) {
        lines.push("Late".into());
    }
    if cx
        .project
        .details
        .exit_date
        .is_some_and(|e| item.target.is_some_and(|t| t > e))
    {
        lines.push("Due after the consultants' exit".into());
    }
    let text = lines.join("\n");
    egui::Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        response.id.with("item"),
        pos + Vec2::new(12.0, 12.0),
    )
    .show(|ui| ui.label(text));
}
