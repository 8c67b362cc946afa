//! The power/interest (Mendelow) grid: every stakeholder as a marker in one of four quadrants.

use std::collections::HashMap;

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};

use super::context::PanelCtx;
use super::palette;
use crate::app::{Command, Selection};
use crate::model::{Choice, Edit, Quadrant, Record, Stakeholder};

/// Screen position of a score pair inside `plot`: interest left to right, power bottom to top.
pub fn score_to_pos(plot: Rect, interest: f32, power: f32) -> Pos2 {
    let x = plot.left() + (interest - 0.5) / 5.0 * plot.width();
    let y = plot.bottom() - (power - 0.5) / 5.0 * plot.height();
    Pos2::new(x, y)
}

/// Colour of a marker by how far engagement must still move.
pub fn gap_color(gap: i32) -> Color32 {
    match gap {
        i32::MIN..=0 => palette::GOOD,
        1 => palette::CAUTION,
        _ => palette::BAD,
    }
}

pub fn show(ui: &mut Ui, cx: &mut PanelCtx) {
    ui.label(
        RichText::new(format!(
            "Power and interest are scored 1 to 5; {} and above counts as high. Drag a person to change their scores. Colour and the +n badge show how many levels engagement must still rise.",
            Quadrant::HIGH_FROM
        ))
        .weak(),
    );
    let available = ui.available_size();
    let side = (available.x.min(available.y) - 70.0).max(240.0);
    let (response, painter) = ui.allocate_painter(Vec2::new(side + 70.0, side + 30.0), Sense::hover());
    let plot = Rect::from_min_size(response.rect.min + Vec2::new(64.0, 4.0), Vec2::splat(side));
    draw_quadrants(&painter, plot, ui.visuals().dark_mode);

    let selected = cx.view.selected_stakeholder();
    let read_only = cx.read_only;
    let mut clicked = None;
    let mut moved = None;
    for marker in layout_markers(&cx.project.stakeholders, plot, 11.0) {
        match marker {
            Marker::Person(person, center) => {
                match person_marker(ui, &painter, person, center, selected == Some(person.id), !read_only) {
                    MarkerEvent::Clicked => clicked = Some(person.id),
                    MarkerEvent::Dropped(pos) => {
                        let (power, interest) = pos_to_score(plot, pos);
                        if (power, interest) != (person.power, person.interest) {
                            let mut changed = person.clone();
                            changed.power = power;
                            changed.interest = interest;
                            moved = Some(changed);
                        }
                    }
                    MarkerEvent::None => {}
                }
            }
            Marker::Crowd {
                power,
                interest,
                people,
                center,
            } => crowd_marker(ui, &painter, power, interest, &people, center),
        }
    }
    if let Some(id) = clicked {
        cx.send(Command::Select(Selection::Stakeholder(id)));
    }
    if let Some(person) = moved {
        let id = person.id;
        cx.send(Command::edit(
            Edit::Put(Record::Stakeholder(person)),
            "Move on the power/interest grid",
        ));
        cx.send(Command::Select(Selection::Stakeholder(id)));
    }
}

/// The score cell nearest to a point of the plot: (power, interest), each 1 to 5.
pub fn pos_to_score(plot: Rect, pos: Pos2) -> (u8, u8) {
    let interest = ((pos.x - plot.left()) / plot.width() * 5.0 + 0.5)
        .round()
        .clamp(1.0, 5.0) as u8;
    let power = ((plot.bottom() - pos.y) / plot.height() * 5.0 + 0.5)
        .round()
        .clamp(1.0, 5.0) as u8;
    (power, interest)
}

enum MarkerEvent {
    None,
    Clicked,
    /// Dragged and let go at this point.
    Dropped(Pos2),
}

/// One person as a dot coloured by engagement gap, with a "+n" badge when engagement must
/// still rise. Click selects; dragging moves the person to another power/interest score.
fn person_marker(
    ui: &mut Ui,
    painter: &egui::Painter,
    person: &Stakeholder,
    center: Pos2,
    selected: bool,
    movable: bool,
) -> MarkerEvent {
    let rect = Rect::from_center_size(center, Vec2::splat(22.0));
    let id = ui.scope_id().with(("grid_marker", person.id));
    let sense = if movable {
        Sense::click_and_drag()
    } else {
        Sense::click()
    };
    let marker = ui.interact(rect, id, sense);
    let dragging = marker.dragged();
    let center = match (dragging, marker.interact_pointer_pos()) {
        (true, Some(pointer)) => pointer,
        _ => center,
    };
    marker.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &person.name));
    let radius = if marker.hovered() || selected { 11.0 } else { 9.0 };
    painter.circle_filled(center, radius, gap_color(person.engagement_gap()));
    if selected {
        painter.circle_stroke(center, radius + 3.0, Stroke::new(2.5, ui.visuals().strong_text_color()));
    }
    painter.text(
        center,
        Align2::CENTER_CENTER,
        person.initials(),
        FontId::proportional(9.0),
        Color32::WHITE,
    );
    let gap = person.engagement_gap();
    if gap > 0 {
        let badge = center + Vec2::new(11.0, -11.0);
        painter.circle_filled(badge, 7.0, ui.visuals().extreme_bg_color);
        painter.text(
            badge,
            Align2::CENTER_CENTER,
            format!("+{gap}"),
            FontId::proportional(9.0),
            gap_color(gap),
        );
    }
    if marker.drag_stopped()
        && let Some(pos) = marker.interact_pointer_pos()
    {
        return MarkerEvent::Dropped(pos);
    }
    let clicked = marker
        .on_hover_text(format!(
            "{}\n{} · power {} · interest {}\nEngagement: {}, wanted {}",
            person.name,
            person.role,
            person.power,
            person.interest,
            person.engagement_now.label(),
            person.engagement_wanted.label()
        ))
        .clicked();
    if clicked {
        MarkerEvent::Clicked
    } else {
        MarkerEvent::None
    }
}

/// Too many people in one score cell to show one by one: a count, with names on hover.
fn crowd_marker(ui: &mut Ui, painter: &egui::Painter, power: u8, interest: u8, people: &[&Stakeholder], center: Pos2) {
    let rect = Rect::from_center_size(center, Vec2::new(64.0, 30.0));
    let id = ui.scope_id().with(("grid_crowd", power, interest));
    let response = ui.interact(rect, id, Sense::hover());
    let label = format!("{} people with power {power} and interest {interest}", people.len());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    let behind = people.iter().filter(|p| p.engagement_gap() >= 2).count();
    let color = if behind > 0 { gap_color(2) } else { palette::PROGRESS };
    painter.rect_filled(rect, 15.0, color);
    painter.text(
        center,
        Align2::CENTER_CENTER,
        people.len().to_string(),
        FontId::proportional(14.0),
        Color32::WHITE,
    );
    response.on_hover_ui(|ui| {
        ui.label(&label);
        ui.label(format!(
            "{behind} of them two or more engagement levels short of the wanted level."
        ));
        for person in people.iter().take(CROWD_NAMES) {
            ui.label(format!("• {}", person.name));
        }
        if people.len() > CROWD_NAMES {
            ui.label(format!("… and {} more: see the register.", people.len() - CROWD_NAMES));
        }
    });
}

fn draw_quadrants(painter: &egui::Painter, plot: Rect, dark: bool) {
    let split = score_to_pos(plot, Quadrant::HIGH_FROM as f32 - 0.5, Quadrant::HIGH_FROM as f32 - 0.5);
    let tint = |r, g, b| {
        if dark {
            Color32::from_rgb(r / 4, g / 4, b / 4)
        } else {
            Color32::from_rgb(r, g, b)
        }
    };
    let quadrants = [
        (
            Rect::from_min_max(Pos2::new(split.x, plot.top()), Pos2::new(plot.right(), split.y)),
            Quadrant::KeyPlayers,
            tint(252, 228, 214),
        ),
        (
            Rect::from_min_max(plot.min, split),
            Quadrant::KeepSatisfied,
            tint(255, 244, 206),
        ),
        (
            Rect::from_min_max(split, plot.max),
            Quadrant::KeepInformed,
            tint(221, 235, 247),
        ),
        (
            Rect::from_min_max(Pos2::new(plot.left(), split.y), Pos2::new(split.x, plot.bottom())),
            Quadrant::Monitor,
            tint(232, 232, 232),
        ),
    ];
    let text_color = if dark {
        Color32::from_gray(220)
    } else {
        Color32::from_gray(40)
    };
    for (rect, quadrant, fill) in quadrants {
        painter.rect_filled(rect, 0.0, fill);
        painter.text(
            rect.left_top() + Vec2::new(6.0, 4.0),
            Align2::LEFT_TOP,
            quadrant.label(),
            FontId::proportional(15.0),
            text_color,
        );
        painter.text(
            rect.left_top() + Vec2::new(6.0, 22.0),
            Align2::LEFT_TOP,
            quadrant.advice(),
            FontId::proportional(11.0),
            text_color.gamma_multiply(0.8),
        );
    }
    painter.rect_stroke(plot, 0.0, Stroke::new(1.0, text_color), egui::StrokeKind::Inside);
    for score in 1..=5 {
        let p = score_to_pos(plot, score as f32, 0.5);
        painter.text(
            Pos2::new(p.x, plot.bottom() + 4.0),
            Align2::CENTER_TOP,
            score.to_string(),
            FontId::proportional(11.0),
            text_color,
        );
        let p = score_to_pos(plot, 0.5, score as f32);
        painter.text(
            Pos2::new(plot.left() - 6.0, p.y),
            Align2::RIGHT_CENTER,
            score.to_string(),
            FontId::proportional(11.0),
            text_color,
        );
    }
    painter.text(
        Pos2::new(plot.center().x, plot.bottom() + 16.0),
        Align2::CENTER_TOP,
        "Interest >",
        FontId::proportional(12.0),
        text_color,
    );
    painter.text(
        Pos2::new(plot.left() - 22.0, plot.top()),
        Align2::CENTER_TOP,
        "Power ^",
        FontId::proportional(12.0),
        text_color,
    );
}

/// People in one score cell beyond this are shown as a count rather than one by one.
pub const MAX_MARKERS_PER_CELL: usize = 12;
/// Names listed in a crowded cell's tooltip.
const CROWD_NAMES: usize = 15;

/// What the grid draws in one spot.
pub enum Marker<'a> {
    Person(&'a Stakeholder, Pos2),
    Crowd {
        power: u8,
        interest: u8,
        people: Vec<&'a Stakeholder>,
        center: Pos2,
    },
}

/// Places each person in their score cell, spreading people who share a cell on a small ring,
/// and shows a crowded cell as one count.
/// `marker_radius` sets how far apart people in one cell are placed, so dots never overlap.
pub fn layout_markers(people: &[Stakeholder], plot: Rect, marker_radius: f32) -> Vec<Marker<'_>> {
    let mut cells: HashMap<(u8, u8), Vec<&Stakeholder>> = HashMap::new();
    for person in people {
        cells
            .entry((person.power.clamp(1, 5), person.interest.clamp(1, 5)))
            .or_default()
            .push(person);
    }
    let cell = plot.width() / 5.0;
    let mut placed = Vec::with_capacity(people.len().min(25 * MAX_MARKERS_PER_CELL));
    let mut cells: Vec<_> = cells.into_iter().collect();
    cells.sort_by_key(|(key, _)| *key);
    for ((power, interest), group) in cells {
        let center = score_to_pos(plot, interest as f32, power as f32);
        let n = group.len();
        if n > MAX_MARKERS_PER_CELL {
            placed.push(Marker::Crowd {
                power,
                interest,
                people: group,
                center,
            });
            continue;
        }
        for (i, person) in group.into_iter().enumerate() {
            let offset = if n == 1 {
                Vec2::ZERO
            } else {
                let angle = i as f32 / n as f32 * std::f32::consts::TAU;
                // Neighbours on the ring are 2·ring·sin(π/n) apart: keep that above two radii.
                let ring = marker_radius * 1.15 / (std::f32::consts::PI / n as f32).sin();
                Vec2::angled(angle) * ring.min(cell * 0.42)
            };
            placed.push(Marker::Person(person, center + offset));
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StakeholderId;

    fn people(n: usize, power: u8, interest: u8) -> Vec<Stakeholder> {
        (0..n)
            .map(|i| {
                let mut s = Stakeholder::new(StakeholderId(i as u64 + 1), format!("P{i}"));
                s.power = power;
                s.interest = interest;
                s
            })
            .collect()
    }

    #[test]
    fn a_few_people_in_a_cell_are_shown_one_by_one_inside_the_plot() {
        let plot = Rect::from_min_size(Pos2::ZERO, Vec2::splat(500.0));
        let group = people(MAX_MARKERS_PER_CELL, 5, 5);
        let markers = layout_markers(&group, plot, 9.0);
        assert_eq!(markers.len(), MAX_MARKERS_PER_CELL);
        let positions: Vec<Pos2> = markers
            .iter()
            .map(|m| match m {
                Marker::Person(_, p) => *p,
                _ => unreachable!(),
            })
            .collect();
        for (i, a) in positions.iter().enumerate() {
            for b in &positions[i + 1..] {
                assert!(a.distance(*b) >= 18.0, "dots of radius 9 must not overlap");
            }
        }
        for m in &markers {
            let Marker::Person(_, pos) = m else {
                panic!("expected people")
            };
            assert!(plot.contains(*pos));
            assert!(
                pos.x > plot.center().x && pos.y < plot.center().y,
                "high power, high interest: top right"
            );
        }
    }

    #[test]
    fn a_point_maps_back_to_the_score_it_was_drawn_at() {
        let plot = Rect::from_min_size(Pos2::new(30.0, 10.0), Vec2::splat(500.0));
        for power in 1..=5u8 {
            for interest in 1..=5u8 {
                let pos = score_to_pos(plot, interest as f32, power as f32) + Vec2::new(20.0, -20.0);
                assert_eq!(pos_to_score(plot, pos), (power, interest));
            }
        }
        assert_eq!(
            pos_to_score(plot, Pos2::new(-100.0, 900.0)),
            (1, 1),
            "outside clamps to the grid"
        );
    }

    #[test]
    fn a_crowded_cell_becomes_one_count() {
        let plot = Rect::from_min_size(Pos2::ZERO, Vec2::splat(500.0));
        let mut group = people(MAX_MARKERS_PER_CELL + 1, 1, 1);
        group.extend(people(2, 4, 2).into_iter().map(|mut s| {
            s.id.0 += 1000;
            s
        }));
        let markers = layout_markers(&group, plot, 9.0);
        assert_eq!(markers.len(), 3);
        assert!(markers.iter().any(|m| matches!(m, Marker::Crowd { people, power: 1, interest: 1, .. } if people.len() == MAX_MARKERS_PER_CELL + 1)));
    }
}
