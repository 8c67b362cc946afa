//! Acceptance tests by staff: the fourth record list. Scenarios per area, the result of each in
//! the chosen round (one key or one click, one undo step), rounds, and the sign-off per area.
//! Every rule (standing, readiness for sign-off, withdrawal) lives in `model::testing`.

use egui::{Color32, Key, Modifiers, RichText, Ui};

use super::context::PanelCtx;
use super::editors::{emit, form_grid};
use super::list::{self, ListRecord};
use super::palette;
use super::widgets::{self, Form};
use crate::app::{Command, FocusTarget, TableView, ViewState};
use crate::model::columns::Column;
use crate::model::testing::{Recorded, put_result, record_result};
use crate::model::{Choice, Edit, Record, RecordKey, RoundId, Scenario, ScenarioId, TestRound, TestStatus};

mod sign_off;

pub use sign_off::*;

/// The keys that record a result of the selected scenario in the chosen round.
pub const RESULT_KEYS: &[(Key, TestStatus)] = &[
    (Key::P, TestStatus::Passed),
    (Key::F, TestStatus::Failed),
    (Key::B, TestStatus::Blocked),
    (Key::N, TestStatus::NotRun),
];

/// The colour a result is shown in.
pub fn status_color(ui: &Ui, status: TestStatus) -> Color32 {
    match status {
        TestStatus::Passed => palette::GOOD,
        TestStatus::Failed => palette::error(ui),
        TestStatus::Blocked => palette::warning(ui),
        TestStatus::NotRun => ui.visuals().weak_text_color(),
    }
}

/// The round the list shows and records: the chosen one, else the latest with results, else
/// the first.
pub fn current_round(cx: &PanelCtx) -> Option<RoundId> {
    let rounds = &cx.project.testing.rounds;
    cx.view
        .test_round
        .filter(|id| rounds.iter().any(|r| r.id == *id))
        .or(cx.derived.tests.latest_round)
        .or_else(|| rounds.first().map(|r| r.id))
}

impl ListRecord for Scenario {
    const ADD: &'static str = "+ Add scenario";
    const FILTER_HINT: &'static str = "scenario, area, process, tester…";

    fn table_view(view: &mut ViewState) -> &mut TableView {
        &mut view.tests
    }

    fn new_record(id: u64, cx: &PanelCtx) -> Self {
        let mut s = Scenario::new(ScenarioId(id), "New scenario");
        // A new scenario joins the area of the one selected, as scenarios are added per area.
        s.area = Scenario::selected(cx.project, cx.view).and_then(|s| s.area);
        s
    }

    fn editor(&self, ui: &mut Ui, cx: &mut PanelCtx) {
        let mut s = self.clone();
        let mut form = Form::focusing_first(cx.take_focus(FocusTarget::EditorFirstField));
        ui.heading("Test scenario");
        let areas: Vec<_> = cx.project.areas.iter().map(|a| (a.id, a.name.clone())).collect();
        let people = &cx.derived.people_by_name;
        form_grid(ui, "scenario_form", |ui| {
            form.text(ui, "Scenario", &mut s.title);
            form.area(ui, "Area", &mut s.area, &areas);
            form.text(ui, "Business process", &mut s.process);
            form.multiline(ui, "Steps", &mut s.steps);
            form.multiline(ui, "Expected result", &mut s.expected);
            form.check(ui, "Must pass", "before go-live", &mut s.must_pass);
            form.person(ui, "Tester", &mut s.tester, people);
        });
        emit(cx, form, Record::Scenario(s), "scenario");
        ui.add_space(8.0);
        result_editor(ui, cx, self);
        ui.add_space(8.0);
        history(ui, cx, self);
        ui.add_space(8.0);
        if ui.button("Delete scenario").clicked() {
            cx.send(Command::Delete(RecordKey::Scenario(self.id)));
        }
    }

    fn cell(&self, ui: &mut Ui, column: &Column<Self>, cx: &PanelCtx) {
        match column.title {
            "Result" => {
                let status = current_round(cx)
                    .and_then(|round| cx.derived.tests.result(cx.project, self.id, round))
                    .map(|r| (r.status, r.defect.trim()));
                match status {
                    Some((status, defect)) => {
                        let response = ui.label(RichText::new(status.label()).color(status_color(ui, status)));
                        if !defect.is_empty() {
                            response.on_hover_text(format!("Defect {defect}"));
                        }
                    }
                    None => {
                        ui.label(RichText::new("–").weak());
                    }
                }
            }
            "Standing" => {
                let status = cx.derived.tests.standing(self.id);
                ui.label(RichText::new(status.label()).color(status_color(ui, status)))
                    .on_hover_text("The latest result in any round");
            }
            "Must pass" if self.must_pass => {
                ui.label(RichText::new("Yes").strong());
            }
            _ => list::text_cell(ui, &(column.text)(self, &cx.derived.names)),
        }
    }
}

/// Records `status` for the scenario in the chosen round, as one undoable step, and says so
/// when it withdrew a sign-off.
fn record(cx: &PanelCtx, scenario: &Scenario, round: RoundId, status: TestStatus) {
    let existing = cx.derived.tests.result(cx.project, scenario.id, round);
    let by = existing.and_then(|r| r.run_by).or(scenario.tester);
    match record_result(cx.project, scenario.id, round, status, by, cx.today()) {
        Ok(recorded) => send_recorded(
            cx,
            recorded,
            format!("Record {}: {}", status.label().to_lowercase(), scenario.title),
            None,
        ),
        Err(reason) => cx.send(Command::Notify(format!("Could not record the result: {reason}."))),
    }
}

fn send_recorded(cx: &PanelCtx, recorded: Recorded, label: String, coalesce: Option<String>) {
    cx.send(Command::Edit {
        edit: recorded.edit,
        label,
        coalesce,
    });
    if let Some(notice) = recorded.notice {
        cx.send(Command::Notify(notice));
    }
}

/// The result in the chosen round: one button per result, then its details.
fn result_editor(ui: &mut Ui, cx: &mut PanelCtx, scenario: &Scenario) {
    let Some(round) = current_round(cx) else {
        widgets::section(ui, "Result", "Add a round of testing to record results.");
        return;
    };
    let round_name = cx.project.testing.round(round).map_or("", |r| r.name.as_str());
    widgets::section(
        ui,
        &format!("Result in {round_name}"),
        "One click (or P, F, B, N in the list) records it as one undoable step.",
    );
    let existing = cx.derived.tests.result(cx.project, scenario.id, round).cloned();
    let current = existing.as_ref().map(|r| r.status);
    ui.horizontal_wrapped(|ui| {
        for status in TestStatus::ALL {
            let chosen = current == Some(*status);
            // The chosen one shows in the selection's own colours, which always contrast.
            let text = if chosen {
                RichText::new(status.label()).strong()
            } else {
                RichText::new(status.label()).color(status_color(ui, *status))
            };
            if ui.add(egui::Button::selectable(chosen, text)).clicked() && !chosen {
                record(cx, scenario, round, *status);
            }
        }
    });
    let Some(result) = existing else { return };
    let mut r = result.clone();
    let mut form = Form::default();
    form_grid(ui, "result_form", |ui| {
        form.date(ui, "Run on", &mut r.date);
        form.person(ui, "Run by", &mut r.run_by, &cx.derived.people_by_name);
        form.text(ui, "Defect reference", &mut r.defect);
        form.multiline(ui, "Result note", &mut r.note);
    });
    if let Some(field) = form.changed
        && let Ok(recorded) = put_result(cx.project, r, cx.today())
    {
        let key = format!("{:?}.{field}", RecordKey::TestResult(result.id));
        send_recorded(
            cx,
            recorded,
            format!("Edit result: {}", field.to_lowercase()),
            Some(key),
        );
    }
}

/// Every round's result of the scenario, oldest round first.
fn history(ui: &mut Ui, cx: &PanelCtx, scenario: &Scenario) {
    let plan = &cx.project.testing;
    if plan.rounds.is_empty() {
        return;
    }
    ui.label(RichText::new("All rounds").strong());
    for round in &plan.rounds {
        let line = match cx.derived.tests.result(cx.project, scenario.id, round.id) {
            None => format!("{}: –", round.name),
            Some(r) => {
                let mut line = format!("{}: {}", round.name, r.status.label());
                if let Some(date) = r.date {
                    line.push_str(&format!(" on {date}"));
                }
                let by = cx.derived.name(r.run_by);
                if !by.is_empty() {
                    line.push_str(&format!(" by {by}"));
                }
                if !r.defect.trim().is_empty() {
                    line.push_str(&format!(" (defect {})", r.defect.trim()));
                }
                line
            }
        };
        ui.label(RichText::new(line).small());
    }
}

pub fn show(ui: &mut Ui, cx: &mut PanelCtx) {
    keys(ui, cx);
    list::with_editor::<Scenario>(ui, cx, |ui, cx| {
        header(ui, cx);
        ui.separator();
        egui::CollapsingHeader::new("Sign-off by area")
            .default_open(true)
            .show(ui, |ui| {
                // Scrolls sideways rather than pushing the table under the editor on a narrow window.
                egui::ScrollArea::horizontal()
                    .id_salt("sign_off_scroll")
                    .show(ui, |ui| sign_off_grid(ui, cx));
            });
        ui.separator();
        rounds_bar(ui, cx);
        list::toolbar::<Scenario>(ui, cx, |_, _| {});
        list::table::<Scenario>(ui, cx);
    });
}

fn header(ui: &mut Ui, cx: &PanelCtx) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("Acceptance tests");
        ui.add_space(12.0);
        for (status, n) in TestStatus::ALL.iter().zip(cx.derived.tests.counts) {
            ui.label(RichText::new(format!("{}: {n}", status.label())).weak());
        }
    });
    ui.label(
        RichText::new(
            "Staff run the scenarios round by round. Select a scenario and press P (passed), F (failed), \
             B (blocked) or N (not run) to record its result in the chosen round.",
        )
        .weak(),
    );
}

/// P, F, B and N record a result of the selected scenario, unless a text field has the keys
/// (the list itself may have the focus: it answers only arrows, Enter, Space and Esc).
fn keys(ui: &mut Ui, cx: &mut PanelCtx) {
    let ctx = ui.ctx().clone();
    let typing = ctx
        .memory(|m| m.focused())
        .is_some_and(|id| egui::text_edit::TextEditState::load(&ctx, id).is_some());
    if cx.read_only || typing {
        return;
    }
    let (Some(scenario), Some(round)) = (Scenario::selected(cx.project, cx.view), current_round(cx)) else {
        return;
    };
    for (key, status) in RESULT_KEYS {
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, *key)) {
            record(cx, scenario, round, *status);
        }
    }
}

/// The chosen round, adding one, and its name and dates.
fn rounds_bar(ui: &mut Ui, cx: &mut PanelCtx) {
    let current = current_round(cx);
    let rounds = &cx.project.testing.rounds;
    let mut added = None;
    let mut chosen = current;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Round");
        let name = |id: Option<RoundId>| {
            id.and_then(|id| rounds.iter().find(|r| r.id == id))
                .map_or("none yet", |r| r.name.as_str())
        };
        egui::ComboBox::from_id_salt("test_round")
            .selected_text(name(current))
            .show_ui(ui, |ui| {
                for round in rounds {
                    ui.selectable_value(&mut chosen, Some(round.id), &round.name);
                }
            })
            .response
            .labelled_by(label.id);
        if ui
            .add_enabled(!cx.read_only, egui::Button::new("+ Add round"))
            .on_hover_text("Rounds run in the order listed: system test, UAT rounds, regression")
            .clicked()
        {
            added = Some(RoundId(cx.project.fresh_id()));
        }
    });
    if chosen != current {
        cx.view.test_round = chosen;
    }
    if let Some(id) = added {
        let round = TestRound::new(id, format!("Round {}", rounds.len() + 1));
        cx.send(Command::edit(
            Edit::Insert {
                index: usize::MAX,
                record: Record::Round(round),
            },
            "Add round",
        ));
        cx.view.test_round = Some(id);
    }
    let Some(round) = current.and_then(|id| rounds.iter().find(|r| r.id == id)).cloned() else {
        return;
    };
    egui::CollapsingHeader::new("Round details").show(ui, |ui| {
        ui.add_enabled_ui(!cx.read_only, |ui| {
            let mut r = round.clone();
            let mut form = Form::default();
            form_grid(ui, "round_form", |ui| {
                form.text(ui, "Round name", &mut r.name);
                form.date(ui, "Starts", &mut r.start);
                form.date(ui, "Ends", &mut r.end);
            });
            emit(cx, form, Record::Round(r), "round");
            if ui.button("Delete round").clicked() {
                cx.send(Command::Delete(RecordKey::Round(round.id)));
            }
        });
    });
}
