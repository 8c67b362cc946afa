//! The Overview: the project's details and owner, counts, and what is due next.

use egui::{Grid, RichText, ScrollArea, Ui};

use super::widgets::{self, Form, format_date};
use crate::app::{Command, StewardApp, today};
use crate::model::{Choice, Edit, Quadrant, Stage, StakeholderId};

pub fn show(ui: &mut Ui, app: &mut StewardApp) {
    ScrollArea::vertical().show(ui, |ui| {
        let name = &app.doc.project.details.name;
        ui.heading(if name.is_empty() { "Untitled project" } else { name });
        ui.add_space(6.0);
        ui.columns(2, |columns| {
            let read_only = app.doc.read_only;
            columns[0].add_enabled_ui(!read_only, |ui| details(ui, app));
            counts(&mut columns[1], app);
            due_next(&mut columns[1], app);
        });
    });
}

fn details(ui: &mut Ui, app: &mut StewardApp) {
    widgets::section(
        ui,
        "Project",
        "Who implements what, for whom, and the dates that matter.",
    );
    let mut d = app.doc.project.details.clone();
    let mut form = Form::default();
    Grid::new("details_form")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            form.text(ui, "Project name", &mut d.name);
            form.text(ui, "Organization", &mut d.organization);
            form.text(ui, "System", &mut d.system);
            form.text(ui, "Vendor or consultancy", &mut d.vendor);
            form.date(ui, "Kickoff", &mut d.kickoff_date);
            form.date(ui, "Go-live", &mut d.go_live_date);
            form.date(ui, "Consultants leave", &mut d.exit_date);
            form.person(ui, "System owner", &mut d.system_owner, &app.derived.people_by_name);
        });

    widgets::section(
        ui,
        "Ownership team",
        "People from the key areas who keep the system healthy together after go-live.",
    );
    let mut remove: Option<StakeholderId> = None;
    for member in &d.ownership_team {
        ui.horizontal(|ui| {
            ui.label(app.derived.name(Some(*member)));
            if ui
                .small_button("×")
                .on_hover_text("Remove from the ownership team")
                .clicked()
            {
                remove = Some(*member);
            }
        });
    }
    let mut newcomer = None;
    ui.horizontal(|ui| {
        let label = ui.label("Add member");
        let candidates: Vec<_> = app
            .derived
            .people_by_name
            .iter()
            .filter(|(id, _)| !d.ownership_team.contains(id))
            .cloned()
            .collect();
        widgets::person_combo(ui, "Add team member", &mut newcomer, &candidates).labelled_by(label.id);
    });
    let mut team_changed = false;
    if let Some(id) = remove {
        d.ownership_team.retain(|m| *m != id);
        team_changed = true;
    }
    if let Some(id) = newcomer {
        d.ownership_team.push(id);
        team_changed = true;
    }
    Grid::new("details_notes").num_columns(2).show(ui, |ui| {
        form.multiline(ui, "Notes", &mut d.notes);
    });

    if team_changed {
        app.push(Command::edit(Edit::SetDetails(d), "Change ownership team"));
    } else if let Some(field) = form.changed {
        app.push(Command::typing(
            Edit::SetDetails(d),
            format!("Edit project: {}", field.to_lowercase()),
            format!("details.{field}"),
        ));
    }
}

fn counts(ui: &mut Ui, app: &StewardApp) {
    let p = &app.doc.project;
    let c = &app.derived.counts;
    widgets::section(ui, "At a glance", "");
    Grid::new("overview_counts")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            let row = |ui: &mut Ui, label: RichText, value: String| {
                ui.label(label);
                ui.label(value);
                ui.end_row();
            };
            row(ui, "Stakeholders".into(), p.stakeholders.len().to_string());
            for (quadrant, n) in Quadrant::ALL.iter().zip(c.per_quadrant) {
                row(
                    ui,
                    RichText::new(format!("   {}", quadrant.label())).weak(),
                    n.to_string(),
                );
            }
            row(ui, "Areas".into(), p.areas.len().to_string());
            row(
                ui,
                "Kickoff items settled".into(),
                format!("{} of {}", c.kickoff_done, p.kickoff.len()),
            );
            row(ui, "Hand-over items".into(), p.handover.len().to_string());
            for (stage, n) in Stage::ALL.iter().zip(c.per_stage) {
                row(ui, RichText::new(format!("   {}", stage.label())).weak(), n.to_string());
            }
            if let Some(exit) = p.details.exit_date {
                row(
                    ui,
                    "Days until the consultants leave".into(),
                    (exit - today()).num_days().to_string(),
                );
            }
        });
}

/// Open kickoff items and unfinished hand-overs, soonest first.
fn due_next(ui: &mut Ui, app: &mut StewardApp) {
    widgets::section(
        ui,
        "Due next",
        "Open kickoff items and hand-overs not yet run by staff alone, soonest first.",
    );
    if app.derived.due_next.is_empty() {
        ui.label(RichText::new("Nothing with a date is open.").weak());
    }
    let today = today();
    let mut chosen = None;
    Grid::new("due_next")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for item in &app.derived.due_next {
                let date_text = RichText::new(format_date(Some(item.date)));
                ui.label(if item.date < today {
                    date_text.color(ui.visuals().error_fg_color)
                } else {
                    date_text
                });
                if ui.link(&item.text).clicked() {
                    chosen = Some(item.selection);
                }
                ui.end_row();
            }
        });
    if let Some(selection) = chosen {
        app.push(Command::Select(selection));
    }
}
