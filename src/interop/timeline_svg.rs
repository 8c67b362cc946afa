//! The hand-over timeline as an SVG picture for the HTML report: the same lanes as the window
//! (one per area, markers at target dates coloured by stage), lines for today, go-live and the
//! exit, late items and items after the exit ringed in red. Markers that would overlap on the
//! same pixel are written once, so the picture stays small for very large plans.

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::report::escape;
use crate::model::schedule::handover_lanes;
use crate::model::{Choice, Project, Stage};

const WIDTH: f32 = 900.0;
const LABEL: f32 = 150.0;
const HEADER: f32 = 24.0;
const LANE: f32 = 30.0;

fn stage_color(stage: Stage) -> &'static str {
    match stage {
        Stage::ConsultantDoes => "#8c8c96",
        Stage::StaffShadows => "#d69614",
        Stage::StaffWithReview => "#4678be",
        Stage::StaffAlone => "#2e8b57",
    }
}

/// The picture, inline in HTML (so without a namespace: the report names no address but one).
pub fn timeline_svg(project: &Project, today: NaiveDate) -> String {
    let lanes = handover_lanes(project, today);
    let placed: usize = lanes.lanes.iter().map(|l| l.items.len()).sum();
    if placed == 0 {
        return "<p class=\"muted\">No hand-over item has a target date yet.</p>".into();
    }
    let days = ((lanes.last - lanes.first).num_days() + 1) as f32;
    let plot = WIDTH - LABEL - 10.0;
    let x = |d: NaiveDate| LABEL + ((d - lanes.first).num_days() as f32 + 0.5) * plot / days;
    let height = HEADER + lanes.lanes.len() as f32 * LANE + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-label=\"Hand-over timeline: {placed} items by area and target date\" font-family=\"sans-serif\" font-size=\"11\">"
    );
    for (l, lane) in lanes.lanes.iter().enumerate() {
        let top = HEADER + l as f32 * LANE;
        if l % 2 == 1 {
            let _ = write!(
                s,
                "<rect x=\"0\" y=\"{top}\" width=\"{WIDTH}\" height=\"{LANE}\" fill=\"#f3f3f6\"/>"
            );
        }
        let _ = write!(
            s,
            "<text x=\"4\" y=\"{:.1}\">{} ({})</text>",
            top + LANE / 2.0 + 4.0,
            escape(&lane.name),
            lane.items.len()
        );
    }
    // Years always; months too when there is room.
    let monthly = plot / days * 30.4 >= 30.0;
    let mut month = NaiveDate::from_ymd_opt(lanes.first.year(), lanes.first.month(), 1).unwrap_or(lanes.first);
    while month <= lanes.last {
        let january = month.month() == 1;
        if (monthly || january) && month >= lanes.first {
            let mx = x(month);
            let label = month.format(if january { "%Y" } else { "%b" });
            let _ = write!(
                s,
                "<line x1=\"{mx:.1}\" y1=\"{}\" x2=\"{mx:.1}\" y2=\"{height}\" stroke=\"#ccc\"/><text x=\"{:.1}\" y=\"12\" fill=\"#555\">{label}</text>",
                HEADER - 4.0,
                mx + 2.0
            );
        }
        let Some(next) = month.checked_add_months(chrono::Months::new(1)) else {
            break;
        };
        month = next;
    }
    let d = &project.details;
    for (date, label, color) in [
        (Some(today), "today", "#4678be"),
        (d.go_live_date, "go-live", "#2e8b57"),
        (d.exit_date, "exit", "#c83232"),
    ] {
        let Some(date) = date else { continue };
        let lx = x(date);
        let _ = write!(
            s,
            "<line x1=\"{lx:.1}\" y1=\"{}\" x2=\"{lx:.1}\" y2=\"{height}\" stroke=\"{color}\" stroke-width=\"2\"/>\
             <text x=\"{:.1}\" y=\"{}\" fill=\"{color}\">{label}</text>",
            HEADER - 6.0,
            lx + 3.0,
            HEADER - 2.0
        );
    }
    let skills: std::collections::HashMap<_, _> = project.handover.iter().map(|h| (h.id, h.skill.as_str())).collect();
    let mut drawn = HashSet::new();
    for (l, lane) in lanes.lanes.iter().enumerate() {
        for (i, item) in lane.items.iter().enumerate() {
            let cx = x(item.date);
            let cy = HEADER + l as f32 * LANE + 8.0 + (i % 3) as f32 * 7.0;
            let marked =
                (item.stage != Stage::StaffAlone && item.date < today) || d.exit_date.is_some_and(|e| item.date > e);
            if !drawn.insert((l, (cx * 2.0) as i64, i % 3, item.stage, marked)) {
                continue;
            }
            let stroke = if marked {
                " stroke=\"#c83232\" stroke-width=\"2\""
            } else {
                ""
            };
            let _ = write!(
                s,
                "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"4\" fill=\"{}\"{stroke}><title>{} · {} · {}{}</title></circle>",
                stage_color(item.stage),
                escape(skills.get(&item.id).copied().unwrap_or("")),
                item.stage.label(),
                item.date,
                if marked { " · late or after the exit" } else { "" }
            );
        }
    }
    s.push_str("</svg>");
    let _ = write!(s, "<p class=\"muted\">");
    for stage in Stage::ALL {
        let _ = write!(
            s,
            "<span style=\"color:{}\">●</span> {} &nbsp; ",
            stage_color(*stage),
            stage.label()
        );
    }
    s.push_str("<span style=\"color:#c83232\">○</span> late or due after the exit");
    if lanes.undated > 0 {
        let _ = write!(s, "; {} item(s) have no target date", lanes.undated);
    }
    s.push_str("</p>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Sizes, generate};

    #[test]
    fn the_svg_has_a_lane_per_area_the_lines_and_stays_small() {
        let p = generate(Sizes::uniform(10_000), 2);
        let today = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
        let svg = timeline_svg(&p, today);
        assert!(svg.starts_with("<svg") && svg.contains("</svg>"));
        for area in &p.areas {
            assert!(svg.contains(&escape(&area.name)), "{}", area.name);
        }
        for line in [">today<", ">go-live<", ">exit<"] {
            assert!(svg.contains(line), "{line}");
        }
        // Overlapping markers are written once: far fewer circles than items.
        let circles = svg.matches("<circle").count();
        assert!(circles > 100 && circles < 10_000, "{circles}");
        assert!(svg.len() < 2_000_000, "{} bytes", svg.len());
    }

    #[test]
    fn names_are_never_in_the_picture() {
        let p = generate(Sizes::uniform(50), 4);
        let svg = timeline_svg(&p, NaiveDate::from_ymd_opt(2027, 1, 10).unwrap());
        for s in &p.stakeholders {
            assert!(!svg.contains(&s.name));
        }
    }
}
