//! Form rows and pickers shared by the panels. Every input is tied to its visible label, so
//! screen readers (and the UI tests) can find it by name.

use chrono::NaiveDate;
use egui::{ComboBox, Id, Response, RichText, TextEdit, Ui};

use crate::model::{AreaId, Choice, StakeholderId};

/// Collects which field of a record changed while a form is drawn.
#[derive(Default)]
pub struct Form {
    pub changed: Option<&'static str>,
    /// Put the keyboard focus in the first text field, with its text selected so that typing
    /// replaces it (after "+ Add" and after Enter on a table row).
    pub focus_first: bool,
}

impl Form {
    pub fn focusing_first(focus_first: bool) -> Self {
        Form {
            changed: None,
            focus_first,
        }
    }

    fn note(&mut self, field: &'static str, changed: bool) -> bool {
        if changed {
            self.changed = Some(field);
        }
        changed
    }

    /// Scrolls a field into view when the keyboard reaches it, and gives the first text field
    /// the focus when asked.
    fn follow_focus(&mut self, ui: &Ui, response: &Response, text: &str) {
        if self.focus_first {
            self.focus_first = false;
            response.request_focus();
            if let Some(mut state) = egui::text_edit::TextEditState::load(ui.ctx(), response.id) {
                state
                    .cursor
                    .set_char_range(Some(egui::text_selection::CCursorRange::select_all_str(text)));
                state.store(ui.ctx(), response.id);
            }
            response.scroll_to_me(None);
        } else if response.gained_focus() {
            response.scroll_to_me(None);
        }
    }

    fn follow_focus_other(&self, response: &Response) {
        if response.gained_focus() {
            response.scroll_to_me(None);
        }
    }

    /// A labelled single-line text field.
    pub fn text(&mut self, ui: &mut Ui, label: &'static str, value: &mut String) -> bool {
        let label_id = ui.label(label).id;
        let response = ui
            .add(TextEdit::singleline(value).desired_width(f32::INFINITY))
            .labelled_by(label_id);
        self.follow_focus(ui, &response, value);
        ui.end_row();
        self.note(label, response.changed())
    }

    /// A labelled multi-line text field.
    pub fn multiline(&mut self, ui: &mut Ui, label: &'static str, value: &mut String) -> bool {
        let label_id = ui.label(label).id;
        let response = ui
            .add(TextEdit::multiline(value).desired_rows(3).desired_width(f32::INFINITY))
            .labelled_by(label_id);
        self.follow_focus(ui, &response, value);
        ui.end_row();
        self.note(label, response.changed())
    }

    /// A labelled choice from a fixed scale.
    pub fn choice<T: Choice>(&mut self, ui: &mut Ui, label: &'static str, value: &mut T) -> bool {
        let label_id = ui.label(label).id;
        let response = choice_combo(ui, label, value).labelled_by(label_id);
        self.follow_focus_other(&response);
        let changed = response.changed();
        ui.end_row();
        self.note(label, changed)
    }

    /// A labelled score from 1 to 5.
    pub fn score(&mut self, ui: &mut Ui, label: &'static str, value: &mut u8) -> bool {
        let label_id = ui.label(label).id;
        let response = ui.add(egui::Slider::new(value, 1..=5)).labelled_by(label_id);
        ui.end_row();
        self.note(label, response.changed())
    }

    /// A labelled pick of one stakeholder, or nobody.
    pub fn person(
        &mut self,
        ui: &mut Ui,
        label: &'static str,
        value: &mut Option<StakeholderId>,
        people: &[(StakeholderId, String)],
    ) -> bool {
        let label_id = ui.label(label).id;
        let response = person_combo(ui, label, value, people).labelled_by(label_id);
        self.follow_focus_other(&response);
        let changed = response.changed();
        ui.end_row();
        self.note(label, changed)
    }

    /// A labelled pick of an area, or none.
    pub fn area(
        &mut self,
        ui: &mut Ui,
        label: &'static str,
        value: &mut Option<AreaId>,
        areas: &[(AreaId, String)],
    ) -> bool {
        let label_id = ui.label(label).id;
        let response = area_combo(ui, label, value, areas).labelled_by(label_id);
        self.follow_focus_other(&response);
        let changed = response.changed();
        ui.end_row();
        self.note(label, changed)
    }

    /// A labelled date (YYYY-MM-DD), empty for none.
    pub fn date(&mut self, ui: &mut Ui, label: &'static str, value: &mut Option<NaiveDate>) -> bool {
        let label_id = ui.label(label).id;
        let response = date_edit(ui, Id::unique(("date", label)), value).labelled_by(label_id);
        self.follow_focus_other(&response);
        let changed = response.changed();
        ui.end_row();
        self.note(label, changed)
    }

    /// A labelled yes/no.
    pub fn check(&mut self, ui: &mut Ui, label: &'static str, text: &str, value: &mut bool) -> bool {
        let label_id = ui.label(label).id;
        let response = ui.checkbox(value, text).labelled_by(label_id);
        ui.end_row();
        self.note(label, response.changed())
    }
}

/// "1 stakeholder", "3 stakeholders": a count with its noun in the right number.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A combo box over every value of a scale. `name` is the accessible name.
pub fn choice_combo<T: Choice>(ui: &mut Ui, name: &str, value: &mut T) -> Response {
    let mut changed = false;
    let mut response = ComboBox::from_id_salt(name)
        .selected_text(value.label())
        .show_ui(ui, |ui| {
            for option in T::ALL {
                changed |= ui.selectable_value(value, *option, option.label()).changed();
            }
        })
        .response;
    if changed {
        response.mark_changed();
    }
    response
}

/// A combo box of people sorted by name, with "Nobody" first.
pub fn person_combo(
    ui: &mut Ui,
    name: &str,
    value: &mut Option<StakeholderId>,
    people: &[(StakeholderId, String)],
) -> Response {
    let current = value
        .and_then(|id| people.iter().find(|(p, _)| *p == id))
        .map_or("Nobody", |(_, n)| n.as_str());
    let mut changed = false;
    let mut response = ComboBox::from_id_salt(name)
        .selected_text(current)
        .height(320.0)
        .show_ui(ui, |ui| {
            changed |= ui.selectable_value(value, None, "Nobody").changed();
            for (id, person) in people {
                changed |= ui.selectable_value(value, Some(*id), person).changed();
            }
        })
        .response;
    if changed {
        response.mark_changed();
    }
    response
}

fn area_combo(ui: &mut Ui, name: &str, value: &mut Option<AreaId>, areas: &[(AreaId, String)]) -> Response {
    let current = value
        .and_then(|id| areas.iter().find(|(a, _)| *a == id))
        .map_or("No area", |(_, n)| n.as_str());
    let mut changed = false;
    let mut response = ComboBox::from_id_salt(name)
        .selected_text(current)
        .show_ui(ui, |ui| {
            changed |= ui.selectable_value(value, None, "No area").changed();
            for (id, area) in areas {
                changed |= ui.selectable_value(value, Some(*id), area).changed();
            }
        })
        .response;
    if changed {
        response.mark_changed();
    }
    response
}

pub fn format_date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// Empty text is "no date"; anything else must be a real YYYY-MM-DD date.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Some).map_err(|_| ())
}

/// A date text field. While it has focus the typed text is kept as typed; the value changes
/// only when the text is a valid date (or empty). Invalid text is outlined in red.
pub fn date_edit(ui: &mut Ui, id: Id, value: &mut Option<NaiveDate>) -> Response {
    let buffer_id = id.with("typed");
    let mut text = ui
        .data(|d| d.get_temp::<String>(buffer_id))
        .unwrap_or_else(|| format_date(*value));
    let parsed = parse_date(&text);
    let mut edit = TextEdit::singleline(&mut text)
        .id(id)
        .hint_text("YYYY-MM-DD")
        .desired_width(110.0);
    if parsed.is_err() {
        edit = edit.text_color(super::palette::INVALID_TEXT);
    }
    let text_response = ui.add(edit);
    // Report a change only when the value changed, not on every keystroke.
    let mut response = text_response.clone();
    response.flags.set(egui::response::Flags::CHANGED, false);
    if text_response.has_focus() {
        ui.data_mut(|d| d.insert_temp(buffer_id, text.clone()));
        if let Ok(date) = parse_date(&text)
            && date != *value
        {
            *value = date;
            response.mark_changed();
        }
    } else {
        ui.data_mut(|d| d.remove::<String>(buffer_id));
    }
    if parsed.is_err() {
        response = response.on_hover_text("Type a date as YYYY-MM-DD, or leave empty");
    }
    response
}

/// A heading with a muted explanation under it.
pub fn section(ui: &mut Ui, title: &str, explanation: &str) {
    ui.add_space(4.0);
    ui.heading(title);
    if !explanation.is_empty() {
        ui.label(RichText::new(explanation).weak());
    }
    ui.add_space(2.0);
}

/// Lowercase "contains" over several fields, for table filters.
pub fn matches_filter(filter: &str, fields: &[&str]) -> bool {
    if filter.trim().is_empty() {
        return true;
    }
    let needle = filter.trim().to_lowercase();
    fields.iter().any(|f| f.to_lowercase().contains(&needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date(" 2026-03-01 "), Ok(NaiveDate::from_ymd_opt(2026, 3, 1)));
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("1/3/2026").is_err());
    }

    #[test]
    fn filter_is_case_insensitive_over_all_fields() {
        assert!(matches_filter("fin", &["Ann", "Finance"]));
        assert!(matches_filter("  ", &["x"]));
        assert!(!matches_filter("events", &["Ann", "Finance"]));
    }
}
