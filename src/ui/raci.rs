//! The RACI matrix: areas as rows, people as columns, one letter per person per area.

use egui::{Grid, RichText, ScrollArea, Ui};

use super::context::PanelCtx;
use super::{editors, palette, widgets};
use crate::app::{Command, Selection};
use crate::model::people::initials;
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

/// The area's RACI problems as short lines, people by name (worked out when the project
/// changes, in the derived figures).
pub fn area_warnings<'a>(cx: &'a PanelCtx, area: &Area) -> &'a [String] {
    cx.derived.raci_warnings.get(&area.id).map_or(&[], Vec::as_slice)
}

/// The selected area's editor and its RACI letters, beside the matrix.
pub fn area_editor(ui: &mut Ui, cx: &mut PanelCtx, area: &Area) {
    editors::area(ui, cx, area);
    ui.separator();
    area_assignments(ui, cx, area);
    ui.separator();
    crate::ui::testing::area_sign_off(ui, cx, area.id);
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
        ui.label(
            RichText::new(
                "Click a cell to cycle R, A, C, I and empty; right-click to choose. Select an area to edit it.",
            )
            .weak(),
        );
    });
    ui.add_space(4.0);

    // Every person is a column from the start, so a letter can go anywhere and no column
    // vanishes from under the pointer when its last letter is cleared.
    let project = cx.project;
    let people = &cx.derived.people_by_name;
    let selected_area = cx.view.selected_area();
    let read_only = cx.read_only;
    let mut commands = Vec::new();
    const ROW: f32 = 28.0;
    const CELL: f32 = 44.0;
    const AREA_WIDTH: f32 = 210.0;
    ScrollArea::vertical()
        .id_salt("raci_rows")
        .max_height(ui.available_height() * 0.75)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                // The area column stays put while the letters scroll sideways.
                ui.vertical(|ui| {
                    ui.set_width(AREA_WIDTH);
                    ui.add_sized(
                        [AREA_WIDTH, ROW],
                        egui::Label::new(RichText::new("Area · checks").strong()),
                    );
                    for area in &project.areas {
                        ui.allocate_ui(egui::vec2(AREA_WIDTH, ROW), |ui| {
                            ui.horizontal_centered(|ui| area_title(ui, cx, area, selected_area, &mut commands));
                        });
                    }
                });
                ScrollArea::horizontal()
                    .id_salt("raci_columns")
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                    .show_viewport(ui, |ui, viewport| {
                        let total = people.len() as f32 * CELL;
                        let height = ROW * (project.areas.len() as f32 + 1.0);
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(total, height), egui::Sense::hover());
                        // Only the columns in view are drawn: the matrix stays fast with many people.
                        let first = (viewport.min.x / CELL).floor().max(0.0) as usize;
                        let last = ((viewport.max.x / CELL).ceil() as usize).min(people.len());
                        for (column, (id, name)) in people.iter().enumerate().take(last).skip(first) {
                            let x = rect.left() + column as f32 * CELL;
                            let header = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(CELL, ROW));
                            ui.put(
                                header,
                                egui::Label::new(RichText::new(initials(name, 2)).strong()).truncate(),
                            )
                            .on_hover_text(name);
                            for (row, area) in project.areas.iter().enumerate() {
                                let cell = egui::Rect::from_min_size(
                                    egui::pos2(x, rect.top() + (row as f32 + 1.0) * ROW),
                                    egui::vec2(CELL, ROW),
                                );
                                if let Some(command) = letter_cell(ui, cell.shrink(2.0), area, *id, name, read_only) {
                                    commands.push(command);
                                }
                            }
                        }
                    });
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

/// An area's name (selects it for editing) and its checks.
fn area_title(ui: &mut Ui, cx: &PanelCtx, area: &Area, selected: Option<AreaId>, commands: &mut Vec<Command>) {
    let warnings = area_warnings(cx, area);
    if warnings.is_empty() {
        ui.label(RichText::new("✔").color(palette::GOOD))
            .on_hover_text("RACI is sound");
    } else {
        ui.label(RichText::new(format!("⚠ {}", warnings.len())).color(palette::warning(ui)))
            .on_hover_text(warnings.join("\n"));
    }
    let title = if area.key {
        format!("{} ★", area.name)
    } else {
        area.name.clone()
    };
    if ui
        .add(egui::Button::selectable(selected == Some(area.id), title).truncate())
        .on_hover_text("Select to edit the area (★ key area)")
        .clicked()
    {
        commands.push(Command::Select(Selection::Area(area.id)));
    }
}

/// One person's letter in one area: a click cycles R, A, C, I and empty; the menu on a
/// right click (or the keyboard's menu key) sets any letter directly.
fn letter_cell(
    ui: &mut Ui,
    rect: egui::Rect,
    area: &Area,
    person: StakeholderId,
    name: &str,
    read_only: bool,
) -> Option<Command> {
    let current = area.role_of(person);
    let text = current.map_or("·", Raci::letter);
    let button = egui::Button::new(RichText::new(text).monospace().strong());
    let response = ui
        .put(rect, |ui: &mut Ui| ui.add_enabled(!read_only, button))
        .on_hover_text(format!(
            "{name} in {}: {}. Click to change, right-click to choose.",
            area.name,
            current.map_or("nothing", |r| r.label())
        ));
    let set = |role: Option<Raci>| {
        let mut changed = area.clone();
        changed.set_role(person, role);
        Command::edit(Edit::Put(Record::Area(changed)), "Change RACI")
    };
    let mut chosen = None;
    response.context_menu(|ui| {
        for role in CYCLE {
            let label = role.map_or("Nothing", |r| r.label());
            if ui.selectable_label(current == role, label).clicked() {
                chosen = Some(set(role));
                ui.close();
            }
        }
    });
    if response.clicked() {
        chosen = Some(set(next_letter(current)));
    }
    chosen
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
