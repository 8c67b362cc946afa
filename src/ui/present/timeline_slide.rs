//! The hand-over timeline on a slide: the whole plan, lanes by area, in the slides' colours and
//! at a size readable from the back of the room. Nothing on it is interactive.

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};

use super::{Sizes, theme};
use crate::app::{StewardApp, TimelineLayout, today};
use crate::model::{Choice, Stage};
use crate::ui::timeline::{Look, cached_lanes, paint, stage_color};

pub(super) fn timeline_slide(ui: &mut Ui, app: &mut StewardApp, sizes: &Sizes) {
    let today = today();
    // Built once per change of the project, not per frame: the presenter view draws this slide
    // up to three times a frame (the audience's, the current and the next slide).
    let lanes = cached_lanes(&mut app.view.timeline, &app.doc.project, app.doc.generation, today);
    let project = &app.doc.project;
    if lanes.lanes.iter().all(|l| l.items.is_empty()) {
        ui.label(RichText::new("No hand-over item has a target date yet.").size(sizes.body));
        return;
    }
    // The legend first, one line, then the picture in the rest of the slide.
    ui.horizontal_wrapped(|ui| {
        for stage in Stage::ALL {
            dot(ui, sizes, stage_color(*stage), None);
            ui.label(RichText::new(stage.label()).size(sizes.small));
            ui.add_space(sizes.small * 0.5);
        }
        dot(ui, sizes, theme::BACKGROUND, Some(theme::BAD));
        ui.label(RichText::new("late or after the exit").size(sizes.small));
    });
    ui.add_space(sizes.small * 0.5);
    let size = ui.available_size();
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Hand-over timeline"));
    // Lane names, months and the date labels: no smaller than any other slide text.
    let font = sizes.small;
    let header = font * 3.5;
    let label_width = (rect.width() * 0.22).min(font * 14.0);
    let plot = Rect::from_min_max(
        Pos2::new(rect.left() + label_width, rect.top() + header),
        Pos2::new(rect.right() - font, rect.bottom()),
    );
    let days = ((lanes.last - lanes.first).num_days() + 1) as f32;
    let layout = TimelineLayout {
        plot,
        first: lanes.first,
        offset: 0.0,
        px_per_day: plot.width() / days,
        lane: plot.height() / lanes.lanes.len() as f32,
    };
    let look = Look {
        text: theme::TEXT,
        weak: theme::MUTED,
        stripe: Color32::from_gray(240),
        font,
        // Never larger than the labels, and still a dot on the presenter's small copy.
        radius: (layout.lane * 0.11).max(4.0 * sizes.scale).min(font * 0.45),
        today: theme::ACCENT,
        go_live: theme::GOOD,
        exit: theme::BAD,
    };
    paint(ui.painter(), &look, project, today, &lanes, &layout, rect, None);
    if lanes.undated > 0 {
        ui.painter().text(
            rect.right_top(),
            Align2::RIGHT_TOP,
            format!("{} without a target date", lanes.undated),
            FontId::proportional(font),
            theme::MUTED,
        );
    }
}

fn dot(ui: &mut Ui, sizes: &Sizes, fill: Color32, ring: Option<Color32>) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(sizes.small), Sense::hover());
    let stroke = ring.map_or(Stroke::NONE, |c| Stroke::new(3.0, c));
    ui.painter().circle(rect.center(), sizes.small * 0.35, fill, stroke);
}
