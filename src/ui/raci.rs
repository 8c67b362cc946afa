//! The RACI matrix: areas as rows, people as columns, one letter per person per area.

use egui::{Grid, RichText, ScrollArea, Ui};

use std::borrow::Cow;

use super::context::PanelCtx;
use super::{editors, palette, widgets};
use crate::app::{Command, Selection};
use crate::model::raci_checks::raci_problems;
use crate::model::{Area, AreaId, Choice, Edit, Raci, Record, StakeholderId};

/// Letters in the order a click cycles through them.
const CYCLE: [Option<Raci>; 5] = [
    None,
    Some(Raci::Responsible),
    Some(Raci::Accountable),
    Some(Raci::Consulted),
    Some(Raci::Informed),
];

fn next_letter(current: Option<Raci>) -> Option<Raci> {
    let i = CYCLE.iter().position(|c| *c == current).unwrap_or(0);
    CYCLE[(i + 1) % CYCLE.len()]
}

/// The area's RACI problems as short lines, people by name (the model's rules, worded for
/// a place beside the area).
pub fn area_warnings(cx: &PanelCtx, area: &Area) -> Vec<String> {
    let internal = |id| cx.project.stakeholder(id).is_some_and(|s| s.side.is_internal());
    raci_problems(area, internal)
        .into_iter()
        .map(|problem| {
            problem
                .phrase(None)
                .render(|id| Cow::Borrowed(cx.derived.name(Some(id))))
        })
        .collect()
}

/// The selected area's editor and its RACI letters, beside the matrix.
pub fn area_editor(ui: &mut Ui, cx: &mut PanelCtx, area: &Area) {
    editors::area(ui, cx, area);
    ui.separator();
    area_assignments(ui, cx, area);
}

pub fn show(ui: &mut Ui, cx: &mut PanelCtx) {
    ui.horizontal(|ui| {
        if ui.add_enabled(!cx.read_only, egui::Button::new("+ Add area")).clicked() {
            let id = AreaId(cx.project.fresh_id());
            let area = Area {
                id,
                name: "New area".into(),
                key: false,
                description: String::new(),
                raci: vec![],
                extra: Default::default(),
            };
            let index = cx.project.areas.len();
            cx.send(Command::edit(
                Edit::Insert {
                    index,
                    record: Record::Area(area),
                },
                "Add area",
            ));
            cx.send(Command::Select(Selection::Area(id)));
        }
        ui.label(RichText::new("Click a cell to cycle R, A, C, I and empty. Select an area to edit it.").weak());
    });
    ui.add_space(4.0);

    // Columns: people holding any letter, by name. Others are added from the area editor.
    let project = &cx.project;
    let mut people: Vec<(StakeholderId, String)> = cx
        .derived
        .people_by_name
        .iter()
        .filter(|(id, _)| project.areas.iter().any(|a| a.role_of(*id).is_some()))
        .cloned()
        .collect();
    people.dedup_by_key(|(id, _)| *id);
    let selected_area = cx.view.selected_area();
    let read_only = cx.read_only;
    let mut commands = Vec::new();
    ScrollArea::both().show(ui, |ui| {
        Grid::new("raci_grid").striped(true).spacing([6.0, 6.0]).show(ui, |ui| {
            ui.label(RichText::new("Area").strong());
            ui.label(RichText::new("Checks").strong());
            for (_, name) in &people {
                ui.label(RichText::new(short_name(name)).strong()).on_hover_text(name);
            }
            ui.end_row();
            for area in &project.areas {
                let title = if area.key {
                    format!("{} ★", area.name)
                } else {
                    area.name.clone()
                };
                if ui
                    .selectable_label(selected_area == Some(area.id), title)
                    .on_hover_text("★ key area")
                    .clicked()
                {
                    commands.push(Command::Select(Selection::Area(area.id)));
                }
                let warnings = area_warnings(cx, area);
                if warnings.is_empty() {
                    ui.label(RichText::new("✔").color(palette::GOOD))
                        .on_hover_text("RACI is sound");
                } else {
                    ui.label(RichText::new(format!("⚠ {}", warnings.len())).color(ui.visuals().warn_fg_color))
                        .on_hover_text(warnings.join("\n"));
                }
                for (id, name) in &people {
                    let current = area.role_of(*id);
                    let text = current.map_or("·", Raci::letter);
                    let button =
                        egui::Button::new(RichText::new(text).monospace().strong()).min_size(egui::vec2(34.0, 22.0));
                    let response = ui.add_enabled(!read_only, button).on_hover_text(format!(
                        "{} in {}: {}",
                        name,
                        area.name,
                        current.map_or("nothing", |r| r.label())
                    ));
                    if response.clicked() {
                        let mut changed = area.clone();
                        changed.set_role(*id, next_letter(current));
                        commands.push(Command::edit(Edit::Put(Record::Area(changed)), "Change RACI"));
                    }
                }
                ui.end_row();
            }
        });
    });
    ui.add_space(8.0);
    for area in &project.areas {
        for warning in area_warnings(cx, area) {
            ui.label(RichText::new(format!("⚠ {}: {warning}", area.name)).color(ui.visuals().warn_fg_color));
        }
    }
    for command in commands {
        cx.send(command);
    }
}

/// First name and last initial, to keep columns narrow.
fn short_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    match (words.next(), words.last()) {
        (Some(first), Some(last)) => format!("{first} {}.", last.chars().next().unwrap_or(' ')),
        (Some(first), None) => first.to_string(),
        _ => name.to_string(),
    }
}

/// In the area editor: every letter in this area, editable, and a way to add a person.
pub fn area_assignments(ui: &mut Ui, cx: &mut PanelCtx, area: &Area) {
    widgets::section(
        ui,
        "RACI in this area",
        "One letter per person. Exactly one Accountable, at least one Responsible.",
    );
    let mut changed_area: Option<Area> = None;
    Grid::new("area_raci").num_columns(2).show(ui, |ui| {
        for assignment in &area.raci {
            let name = cx.derived.name(Some(assignment.stakeholder)).to_string();
            let label = ui.label(&name);
            let mut role = assignment.role;
            if widgets::choice_combo(ui, &format!("RACI of {name}"), &mut role)
                .labelled_by(label.id)
                .changed()
            {
                let mut a = area.clone();
                a.set_role(assignment.stakeholder, Some(role));
                changed_area = Some(a);
            }
            if ui
                .small_button("×")
                .on_hover_text(format!("Remove {name} from this area"))
                .clicked()
            {
                let mut a = area.clone();
                a.set_role(assignment.stakeholder, None);
                changed_area = Some(a);
            }
            ui.end_row();
        }
    });
    let mut newcomer: Option<StakeholderId> = None;
    ui.horizontal(|ui| {
        let label = ui.label("Add person");
        let candidates: Vec<_> = cx
            .derived
            .people_by_name
            .iter()
            .filter(|(id, _)| area.role_of(*id).is_none())
            .cloned()
            .collect();
        widgets::person_combo(ui, "Add person to area", &mut newcomer, &candidates).labelled_by(label.id);
    });
    if let Some(id) = newcomer {
        let mut a = area.clone();
        a.set_role(id, Some(Raci::Informed));
        changed_area = Some(a);
    }
    if let Some(a) = changed_area {
        cx.send(Command::edit(Edit::Put(Record::Area(a)), "Change RACI"));
    }
    for warning in area_warnings(cx, area) {
        ui.label(RichText::new(format!("⚠ {warning}")).color(ui.visuals().warn_fg_color));
    }
}
