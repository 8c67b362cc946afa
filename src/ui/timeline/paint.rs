//! Drawing the timeline: where a date and an item go, the lanes, ticks and lines, and the
//! markers. The exit plan and the timeline slide both paint through here, each with its own look.

use chrono::{Datelike, Days, NaiveDate};
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke};

use super::ROWS;
use crate::app::TimelineLayout;
use crate::model::schedule::Lanes;
use crate::model::{HandoverId, Project, Stage};
use crate::ui::palette;

/// The colour of a rung on the hand-over ladder.
pub fn stage_color(stage: Stage) -> Color32 {
    match stage {
        Stage::ConsultantDoes => Color32::from_rgb(140, 140, 150),
        Stage::StaffShadows => palette::CAUTION,
        Stage::StaffWithReview => palette::PROGRESS,
        Stage::StaffAlone => palette::GOOD,
    }
}

/// Where the marker of item `index` of lane `lane`, dated `date`, is drawn.
pub fn marker_pos(layout: &TimelineLayout, lane: usize, index: usize, date: NaiveDate) -> Pos2 {
    Pos2::new(
        x_of(layout, date),
        layout.plot.top() + (lane as f32 + row_y(index)) * layout.lane,
    )
}

/// How far down its lane (as a share of the lane's height) item `index` sits.
fn row_y(index: usize) -> f32 {
    0.25 + (index % ROWS) as f32 * 0.25
}

pub(super) fn x_of(layout: &TimelineLayout, date: NaiveDate) -> f32 {
    let days = (date - layout.first).num_days() as f32;
    layout.plot.left() + (days - layout.offset + 0.5) * layout.px_per_day
}

/// The day under horizontal position `x`.
pub(super) fn date_at(layout: &TimelineLayout, x: f32) -> NaiveDate {
    let days = ((x - layout.plot.left()) / layout.px_per_day + layout.offset).floor() as i64;
    shift(layout.first, days)
}

fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(date)
}

/// Colours and sizes: the window's theme in the exit plan, the slides' own on a slide.
pub struct Look {
    pub text: Color32,
    pub weak: Color32,
    pub stripe: Color32,
    /// Type size of labels; other distances in the header grow with it.
    pub font: f32,
    pub radius: f32,
    pub today: Color32,
    pub go_live: Color32,
    pub exit: Color32,
}

/// The whole picture in `rect`: lanes, ticks, lines and the visible markers (all but `skip`,
/// the one being dragged). Markers closer together on a row than they can be told apart are
/// drawn as one, in the colour of the least advanced rung among them and ringed if any of them
/// is late, so that a dense plan shows where ownership is at risk without drawing every item.
/// Lanes outside the painter's clip rectangle are not drawn at all.
#[allow(clippy::too_many_arguments)]
pub fn paint(
    painter: &egui::Painter,
    look: &Look,
    project: &Project,
    today: NaiveDate,
    lanes: &Lanes,
    layout: &TimelineLayout,
    rect: Rect,
    skip: Option<HandoverId>,
) {
    draw_frame(painter, look, project, today, lanes, layout, rect);
    let plot = layout.plot;
    let clip = painter.clip_rect();
    let exit = project.details.exit_date;
    let visible_from = date_at(layout, plot.left() - look.radius);
    let visible_to = date_at(layout, plot.right() + look.radius);
    let late_stroke = Stroke::new((look.radius * 0.4).max(2.0), look.exit);
    // Markers nearer than this on one row are one marker.
    let apart = look.radius * 1.6;
    let draw = |m: Marker| {
        let stroke = if m.late { late_stroke } else { Stroke::NONE };
        painter.circle(m.pos, look.radius, stage_color(m.stage), stroke);
    };
    for (l, lane) in lanes.lanes.iter().enumerate() {
        let top = plot.top() + l as f32 * layout.lane;
        if top > clip.bottom() || top + layout.lane < clip.top() {
            continue;
        }
        let mut open: [Option<Marker>; ROWS] = [None; ROWS];
        for index in lane.between(visible_from, visible_to) {
            let item = lane.items[index];
            if Some(item.id) == skip {
                continue;
            }
            let pos = marker_pos(layout, l, index, item.date);
            let late = (item.stage != Stage::StaffAlone && item.date < today) || exit.is_some_and(|e| item.date > e);
            match &mut open[index % ROWS] {
                Some(m) if pos.x - m.pos.x < apart => {
                    m.stage = m.stage.min(item.stage);
                    m.late |= late;
                }
                slot => {
                    if let Some(done) = slot.replace(Marker {
                        pos,
                        stage: item.stage,
                        late,
                    }) {
                        draw(done);
                    }
                }
            }
        }
        open.into_iter().flatten().for_each(draw);
    }
}

/// One marker to draw: one item, or several too close together to tell apart.
#[derive(Clone, Copy)]
struct Marker {
    pos: Pos2,
    /// The least advanced rung among its items.
    stage: Stage,
    /// Any of its items late or due after the exit.
    late: bool,
}

/// Month and year ticks, lane names and stripes, and the lines for today, go-live and exit.
fn draw_frame(
    painter: &egui::Painter,
    look: &Look,
    project: &Project,
    today: NaiveDate,
    lanes: &Lanes,
    layout: &TimelineLayout,
    rect: Rect,
) {
    let (text, weak) = (look.text, look.weak);
    let font = FontId::proportional(look.font);
    let em = look.font / 11.0;
    let lane_h = layout.lane;
    let plot = layout.plot;
    for (l, lane) in lanes.lanes.iter().enumerate() {
        let top = plot.top() + l as f32 * lane_h;
        if l % 2 == 1 {
            painter.rect_filled(
                Rect::from_min_max(Pos2::new(rect.left(), top), Pos2::new(rect.right(), top + lane_h)),
                0.0,
                look.stripe,
            );
        }
        let name = format!("{} ({})", lane.name, lane.items.len());
        painter.text(
            Pos2::new(rect.left() + 4.0, top + lane_h / 2.0),
            Align2::LEFT_CENTER,
            name,
            font.clone(),
            text,
        );
    }
    // A tick at each month start, labelled when there is room; otherwise each year.
    let px_per_month = layout.px_per_day * 30.4;
    let from = date_at(layout, plot.left());
    let to = date_at(layout, plot.right());
    let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    while month <= to {
        let x = x_of(layout, month) - layout.px_per_day / 2.0;
        let january = month.month() == 1;
        if x >= plot.left() && (px_per_month >= 8.0 || january) {
            painter.line_segment(
                [Pos2::new(x, rect.top()), Pos2::new(x, plot.bottom())],
                Stroke::new(if january { 1.0 } else { 0.5 }, weak.gamma_multiply(0.5)),
            );
            let label = if px_per_month >= 60.0 {
                Some(month.format("%b %Y").to_string())
            } else if january || (px_per_month >= 28.0 && month.month() % 3 == 1) {
                Some(month.format(if january { "%Y" } else { "%b" }).to_string())
            } else {
                None
            };
            if let Some(label) = label {
                painter.text(
                    Pos2::new(x + 2.0, rect.top() + 2.0 * em),
                    Align2::LEFT_TOP,
                    label,
                    font.clone(),
                    weak,
                );
            }
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(to.succ_opt().unwrap_or(to));
    }
    // Zoomed in far enough, a faint tick and the day at each Monday.
    if layout.px_per_day * 7.0 >= 40.0 * em {
        for day in from.iter_days().take_while(|d| *d <= to) {
            if day.weekday() == chrono::Weekday::Mon {
                let x = x_of(layout, day) - layout.px_per_day / 2.0;
                painter.line_segment(
                    [Pos2::new(x, plot.top() - 14.0 * em), Pos2::new(x, plot.bottom())],
                    Stroke::new(0.5, weak.gamma_multiply(0.3)),
                );
                painter.text(
                    Pos2::new(x + 2.0, rect.top() + 15.0 * em),
                    Align2::LEFT_TOP,
                    day.day().to_string(),
                    font.clone(),
                    weak,
                );
            }
        }
    }
    let d = &project.details;
    for (date, label, color) in [
        (Some(today), "today", look.today),
        (d.go_live_date, "go-live", look.go_live),
        (d.exit_date, "exit", look.exit),
    ] {
        let Some(date) = date else { continue };
        let x = x_of(layout, date);
        if x < plot.left() || x > plot.right() {
            continue;
        }
        painter.line_segment(
            [Pos2::new(x, plot.top() - 14.0 * em), Pos2::new(x, plot.bottom())],
            Stroke::new(2.0 * em.max(1.0), color),
        );
        painter.text(
            Pos2::new(x + 3.0, plot.top() - 1.0),
            Align2::LEFT_BOTTOM,
            label,
            font.clone(),
            color,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::{HEADER, LABEL_WIDTH, LANE, RADIUS};
    use super::*;
    use crate::model::schedule::{Lane, LaneItem};
    use egui::Vec2;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    /// The circles `paint` draws for one lane of items (date, stage), seen over March 2027.
    fn circles(items: &[(u32, Stage)], plot_width: f32) -> Vec<(Pos2, Color32, bool)> {
        let lanes = Lanes {
            lanes: vec![Lane {
                area: None,
                name: "Finance".into(),
                items: items
                    .iter()
                    .enumerate()
                    .map(|(i, (d, stage))| LaneItem {
                        id: HandoverId(i as u64 + 1),
                        date: day(*d),
                        stage: *stage,
                    })
                    .collect(),
            }],
            first: day(1),
            last: day(31),
            undated: 0,
        };
        let rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(LABEL_WIDTH + plot_width, HEADER + LANE));
        let plot = Rect::from_min_max(Pos2::new(LABEL_WIDTH, HEADER), rect.max);
        let layout = TimelineLayout {
            plot,
            first: day(1),
            offset: 0.0,
            px_per_day: plot_width / 31.0,
            lane: LANE,
        };
        let look = Look {
            text: Color32::BLACK,
            weak: Color32::GRAY,
            stripe: Color32::WHITE,
            font: 11.0,
            radius: RADIUS,
            today: Color32::BLUE,
            go_live: Color32::GREEN,
            exit: Color32::RED,
        };
        let mut project = Project::default();
        project.details.exit_date = Some(day(31));
        let ctx = egui::Context::default();
        let mut found = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter().with_clip_rect(rect);
            // Today is the 15th: anything before it and not yet run alone is late.
            paint(&painter, &look, &project, day(15), &lanes, &layout, rect, None);
            ui.ctx().graphics(|g| {
                for clipped in g
                    .get(painter.layer_id())
                    .into_iter()
                    .flat_map(|list| list.all_entries())
                {
                    if let egui::Shape::Circle(c) = &clipped.shape {
                        found.push((c.center, c.fill, c.stroke.width > 0.0));
                    }
                }
            });
        });
        output.textures_delta.clear();
        found
    }

    #[test]
    fn markers_too_close_to_tell_apart_are_one_in_the_colour_of_the_least_advanced() {
        // Items 0 and 3 share a row (three rows a lane) and, 31 days in 62 px, dates 2 days
        // apart are 4 px apart: one marker. It is grey (the consultant still does one) and
        // ringed (that one is late).
        let narrow = circles(&[(10, Stage::ConsultantDoes), (11, Stage::StaffAlone)], 62.0);
        assert_eq!(narrow.len(), 2, "different rows are separate markers: {narrow:?}");
        let row_mates = [
            (10, Stage::ConsultantDoes),
            (11, Stage::StaffAlone),
            (11, Stage::StaffAlone),
            (12, Stage::StaffAlone),
        ];
        let dense = circles(&row_mates, 62.0);
        assert_eq!(dense.len(), 3, "items 0 and 3 share a row and a spot: {dense:?}");
        let first_row: Vec<_> = dense
            .iter()
            .filter(|(p, ..)| (p.y - dense[0].0.y).abs() < 0.1)
            .collect();
        assert_eq!(first_row.len(), 1);
        assert_eq!(
            first_row[0].1,
            stage_color(Stage::ConsultantDoes),
            "the least advanced colours it"
        );
        assert!(first_row[0].2, "the late item rings it");

        // Wide enough, every item is its own marker.
        let wide = circles(&row_mates, 3100.0);
        assert_eq!(wide.len(), 4);
        assert_eq!(
            wide.iter()
                .filter(|(_, fill, _)| *fill == stage_color(Stage::StaffAlone))
                .count(),
            3
        );
    }
}
