//! The Overview: where ownership is at risk (findings), exit readiness and the verdict, what is
//! due next, and the project's details and owners.

use egui::{Color32, Grid, RichText, ScrollArea, Ui};

use super::context::PanelCtx;
use super::readiness_chart;
use super::widgets::{self, Form, format_date};
use crate::app::{Command, Panel, today};
use crate::model::findings::Severity;
use crate::model::readiness::{history_with, snapshot};
use crate::model::{Choice, Edit, Quadrant, Stage, StakeholderId};

pub const GREEN: Color32 = super::palette::GOOD;

pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::High => super::palette::SEVERITY_HIGH,
        Severity::Medium => super::palette::SEVERITY_MEDIUM,
        Severity::Low => super::palette::SEVERITY_LOW,
    }
}

pub fn show(ui: &mut Ui, cx: &mut PanelCtx) {
    ScrollArea::vertical().show(ui, |ui| {
        header(ui, cx);
        ui.add_space(6.0);
        let starting = cx.project.stakeholders.is_empty();
        ui.columns(2, |columns| {
            if starting {
                // Nothing entered yet: what to do next, not a wall of risks about empty fields.
                next_steps(&mut columns[0], cx);
            } else {
                findings(&mut columns[0], cx);
            }
            exit_readiness(&mut columns[0], cx);
            counts(&mut columns[1], cx);
            due_next(&mut columns[1], cx);
            let read_only = cx.read_only;
            columns[1].add_enabled_ui(!read_only, |ui| details(ui, cx));
        });
    });
}

fn header(ui: &mut Ui, cx: &PanelCtx) {
    let name = &cx.project.details.name;
    ui.horizontal(|ui| {
        ui.heading(if name.is_empty() { "Untitled project" } else { name });
        ui.add_space(12.0);
        let verdict = &cx.derived.verdict;
        let (text, color) = if verdict.go {
            ("Ready for the consultants to leave", GREEN)
        } else {
            ("Not ready for the consultants to leave", severity_color(Severity::High))
        };
        egui::Frame::new()
            .fill(color)
            .corner_radius(4.0)
            .inner_margin(egui::vec2(8.0, 3.0))
            .show(ui, |ui| {
                ui.label(RichText::new(text).color(Color32::WHITE).strong());
            });
        if let Some(days) = cx.derived.readiness.days_to_exit {
            let text = if days >= 0 {
                format!("{days} days to the exit date")
            } else {
                format!("exit date passed {} days ago", -days)
            };
            ui.label(RichText::new(text).weak());
        }
    });
}

/// The first steps of a new project, each ticked off as it is done.
fn next_steps(ui: &mut Ui, cx: &mut PanelCtx) {
    widgets::section(
        ui,
        "Next steps",
        "The ownership checks start once the people are entered. Until then, this is where to begin.",
    );
    let p = cx.project;
    let d = &p.details;
    let steps = [
        (
            "Add the stakeholders: staff, sponsor, vendor and consultants",
            !p.stakeholders.is_empty(),
        ),
        (
            "Name the system owner or an ownership team (Project, below right)",
            d.system_owner.is_some() || !d.ownership_team.is_empty(),
        ),
        (
            "Set the kickoff, go-live and exit dates (Project, below right)",
            d.exit_date.is_some() && d.go_live_date.is_some(),
        ),
        (
            "Give each area one Accountable person on staff (Stakeholders › RACI by area)",
            false,
        ),
    ];
    for (i, (text, done)) in steps.iter().enumerate() {
        let mark = if *done { "✔" } else { "○" };
        let line = RichText::new(format!("{mark} {}. {text}", i + 1));
        ui.label(if *done { line.weak() } else { line });
    }
    ui.add_space(4.0);
    if ui.button("Go to the stakeholders").clicked() {
        cx.send(Command::ShowPanel(Panel::Stakeholders));
    }
    ui.add_space(8.0);
}

fn findings(ui: &mut Ui, cx: &mut PanelCtx) {
    let findings = &cx.derived.findings;
    let high = findings.iter().filter(|f| f.severity == Severity::High).count();
    widgets::section(
        ui,
        "Where ownership is at risk",
        &format!(
            "{}, {high} high. Click one to go to the record; hover for why it matters.",
            widgets::count(findings.len(), "finding")
        ),
    );
    if findings.is_empty() {
        ui.label(RichText::new("✔ No findings: ownership looks in-house.").color(GREEN));
        return;
    }
    let mut chosen = None;
    let row_height = ui.spacing().interact_size.y + 2.0;
    ScrollArea::vertical()
        .id_salt("findings_list")
        .max_height(300.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, findings.len(), |ui, rows| {
            // Long titles end in "…" rather than spilling into the next column.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for finding in &findings[rows] {
                ui.horizontal(|ui| {
                    ui.set_max_width(ui.available_width());
                    severity_chip(ui, finding.severity);
                    let title = finding.title_in(&cx.derived.names);
                    let hover = format!("{title}\n\n{}", finding.rule.why());
                    if ui.link(title).on_hover_text(hover).clicked() {
                        chosen = Some(finding.target);
                    }
                });
            }
        });
    match chosen {
        // A finding about the project as a whole is about the details shown here.
        Some(None) => cx.send(Command::ShowPanel(Panel::Overview)),
        Some(Some(key)) => cx.send(Command::Select(key)),
        None => {}
    }
}

/// A fixed-width coloured chip naming the severity, so titles line up.
pub fn severity_chip(ui: &mut Ui, severity: Severity) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(56.0, 16.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 3.0, severity_color(severity));
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        severity.label(),
        egui::FontId::proportional(11.0),
        Color32::WHITE,
    );
}

fn exit_readiness(ui: &mut Ui, cx: &mut PanelCtx) {
    let readiness = &cx.derived.readiness;
    widgets::section(
        ui,
        "Exit readiness",
        &format!(
            "{:.0}% overall. Each item counts its rung on the hand-over ladder (80%) and its documentation (20%).",
            readiness.overall
        ),
    );
    // Readiness and acceptance testing side by side, one row per area.
    let testing = &readiness.testing;
    Grid::new("readiness_bars")
        .num_columns(3)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("Hand-over").small().weak());
            ui.label(RichText::new("Acceptance testing").small().weak());
            ui.end_row();
            let minimum = cx.project.settings.exit_min_area_readiness as f32;
            for (i, area) in readiness.areas.iter().enumerate() {
                ui.label(&area.name);
                let color = if area.percent + 0.05 >= minimum {
                    GREEN
                } else {
                    severity_color(Severity::Medium)
                };
                ui.add(
                    egui::ProgressBar::new(area.percent / 100.0)
                        .desired_width(140.0)
                        .fill(color)
                        .text(format!(
                            "{:.0}% · {}/{} by staff",
                            area.percent, area.handed_over, area.items
                        )),
                )
                .on_hover_text(format!(
                    "{:.0}% ready; staff run {} of {} hand-over items alone",
                    area.percent, area.handed_over, area.items
                ));
                match testing.get(i) {
                    Some(t) => super::testing::compact_progress(ui, t),
                    None => {
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
    super::testing::sign_off_summary(ui, cx);
    ui.add_space(6.0);
    ui.label(RichText::new("Go/no-go criteria").strong());
    for criterion in &cx.derived.verdict.criteria {
        let (mark, color) = if criterion.passed {
            ("✔", GREEN)
        } else {
            ("⚠", severity_color(Severity::High))
        };
        ui.label(RichText::new(format!("{mark} {}: {}", criterion.label, criterion.detail)).color(color));
    }
    let read_only = cx.read_only;
    ui.add_enabled_ui(!read_only, |ui| {
        egui::CollapsingHeader::new("Adjust the criteria").show(ui, |ui| criteria_settings(ui, cx));
        ui.horizontal(|ui| {
            if ui
                .button("Record readiness snapshot")
                .on_hover_text("Keep today's figures for the trend chart")
                .clicked()
            {
                let history = history_with(&cx.project, snapshot(&cx.derived.readiness, today()));
                cx.send(Command::edit(
                    Edit::SetReadinessHistory(history),
                    "Record readiness snapshot",
                ));
            }
            ui.label(RichText::new(format!("{} recorded", cx.project.readiness_history.len())).weak());
        });
    });
    readiness_chart::show(ui, &cx.project, cx.derived.readiness.overall);
}

fn criteria_settings(ui: &mut Ui, cx: &mut PanelCtx) {
    let mut settings = cx.project.settings.clone();
    let mut changed = false;
    Grid::new("criteria_settings").num_columns(2).show(ui, |ui| {
        let label = ui.label("Minimum readiness per area");
        changed |= ui
            .add(egui::Slider::new(&mut settings.exit_min_area_readiness, 50..=100).suffix("%"))
            .labelled_by(label.id)
            .changed();
        ui.end_row();
        let label = ui.label("High findings");
        changed |= ui
            .checkbox(&mut settings.exit_block_on_high_findings, "block the exit")
            .labelled_by(label.id)
            .changed();
        ui.end_row();
        let label = ui.label("Sign-off");
        changed |= ui
            .checkbox(
                &mut settings.exit_require_sign_off,
                "every area signed off after testing by staff",
            )
            .labelled_by(label.id)
            .changed();
        ui.end_row();
        let label = ui.label("Most areas and items per person");
        changed |= ui
            .add(egui::DragValue::new(&mut settings.max_load_per_person).range(1..=100))
            .labelled_by(label.id)
            .changed();
        ui.end_row();
    });
    if changed {
        cx.send(Command::typing(
            Edit::SetSettings(settings),
            "Change exit criteria",
            "settings",
        ));
    }
}

fn details(ui: &mut Ui, cx: &mut PanelCtx) {
    widgets::section(
        ui,
        "Project",
        "Who implements what, for whom, and the dates that matter.",
    );
    ui.horizontal_wrapped(|ui| {
        if let Some(who) = &cx.last_saved {
            ui.label(egui::RichText::new(format!("Last saved by {who}")).weak());
        }
        if let Some(unseen) = cx.unseen_saves {
            let text = match unseen {
                0 => "What changed since you last opened it".to_string(),
                1 => "What changed since you last opened it (1 save)".to_string(),
                n => format!("What changed since you last opened it ({n} saves)"),
            };
            if ui
                .link(text)
                .on_hover_text(crate::app::Action::WhatChanged.tooltip())
                .clicked()
            {
                cx.send(crate::app::Command::Action(crate::app::Action::WhatChanged));
            }
        }
    });
    let mut d = cx.project.details.clone();
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
            form.person(ui, "System owner", &mut d.system_owner, &cx.derived.people_by_name);
        });

    widgets::section(
        ui,
        "Ownership team",
        "People from the key areas who keep the system healthy together after go-live.",
    );
    let mut remove: Option<StakeholderId> = None;
    for member in &d.ownership_team {
        ui.horizontal(|ui| {
            ui.label(cx.derived.name(Some(*member)));
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
        let candidates: Vec<_> = cx
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
        cx.send(Command::edit(Edit::SetDetails(d), "Change ownership team"));
    } else if let Some(field) = form.changed {
        cx.send(Command::typing(
            Edit::SetDetails(d),
            format!("Edit project: {}", field.to_lowercase()),
            format!("details.{field}"),
        ));
    }
}

fn counts(ui: &mut Ui, cx: &PanelCtx) {
    let p = &cx.project;
    let c = &cx.derived.counts;
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
        });
}

/// Open kickoff items and unfinished hand-overs, soonest first.
fn due_next(ui: &mut Ui, cx: &mut PanelCtx) {
    widgets::section(
        ui,
        "Due next",
        "Open kickoff items and hand-overs not yet run by staff alone, soonest first.",
    );
    if cx.derived.due_next.is_empty() {
        ui.label(RichText::new("Nothing with a date is open.").weak());
    }
    let today = today();
    let mut chosen = None;
    Grid::new("due_next")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for item in &cx.derived.due_next {
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
        cx.send(Command::Select(selection));
    }
}
