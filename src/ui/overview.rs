//! The Overview: the project's details and owner, counts, and what is due next.

use egui::{Grid, RichText, ScrollArea, Ui};

use super::editors::today;
use super::widgets::{self, Form, format_date};
use crate::app::{Command, Selection, StewardApp};
use crate::model::{Choice, Edit, Quadrant, Stage, StakeholderId};

/// How many upcoming items the "due next" list shows.
const DUE_NEXT: usize = 8;

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
    widgets::section(ui, "At a glance", "");
    Grid::new("overview_counts")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.label("Stakeholders");
            ui.label(p.stakeholders.len().to_string());
            ui.end_row();
            for quadrant in Quadrant::ALL {
                ui.label(RichText::new(format!("   {}", quadrant.label())).weak());
                ui.label(
                    p.stakeholders
                        .iter()
                        .filter(|s| s.quadrant() == *quadrant)
                        .count()
                        .to_string(),
                );
                ui.end_row();
            }
            ui.label("Areas");
            ui.label(p.areas.len().to_string());
            ui.end_row();
            let done = p.kickoff.iter().filter(|k| k.is_done()).count();
            ui.label("Kickoff items settled");
            ui.label(format!("{done} of {}", p.kickoff.len()));
            ui.end_row();
            ui.label("Hand-over items");
            ui.label(p.handover.len().to_string());
            ui.end_row();
            for stage in Stage::ALL {
                ui.label(RichText::new(format!("   {}", stage.label())).weak());
                ui.label(p.handover.iter().filter(|h| h.stage == *stage).count().to_string());
                ui.end_row();
            }
            if let Some(exit) = p.details.exit_date {
                ui.label("Days until the consultants leave");
                ui.label((exit - today()).num_days().to_string());
                ui.end_row();
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
    let p = &app.doc.project;
    let mut due: Vec<(chrono::NaiveDate, String, Selection)> = p
        .kickoff
        .iter()
        .filter(|k| !k.is_done())
        .filter_map(|k| {
            k.due
                .map(|d| (d, format!("Kickoff: {}", k.text), Selection::Kickoff(k.id)))
        })
        .chain(
            p.handover
                .iter()
                .filter(|h| h.stage != Stage::StaffAlone)
                .filter_map(|h| {
                    h.target
                        .map(|d| (d, format!("Hand-over: {}", h.skill), Selection::Handover(h.id)))
                }),
        )
        .collect();
    due.sort_by_key(|(date, ..)| *date);
    if due.is_empty() {
        ui.label(RichText::new("Nothing with a date is open.").weak());
    }
    let today = today();
    let mut chosen = None;
    Grid::new("due_next")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (date, text, selection) in due.into_iter().take(DUE_NEXT) {
                let date_text = RichText::new(format_date(Some(date)));
                ui.label(if date < today {
                    date_text.color(ui.visuals().error_fg_color)
                } else {
                    date_text
                });
                if ui.link(text).clicked() {
                    chosen = Some(selection);
                }
                ui.end_row();
            }
        });
    if let Some(selection) = chosen {
        app.push(Command::Select(selection));
    }
}
