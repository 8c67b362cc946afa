//! Spreadsheets in and out: the CSV table format, the list exports, and the stakeholder import.

mod export;
mod import;
mod table;
mod tests_plan;

pub use export::{
    CsvOptions, export_handover, export_handover_with, export_kickoff, export_kickoff_with, export_list,
    export_stakeholders, export_stakeholders_with,
};
pub use import::{Field, RowResult, guess_mapping, preview};
pub use table::{Table, neutralise, parse, text_of_cell};
pub use tests_plan::{
    ScenarioField, ScenarioRow, export_results, export_scenarios, guess_scenario_mapping, preview_scenarios,
};
