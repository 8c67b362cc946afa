//! Spreadsheets in and out: the CSV table format, the list exports, and the stakeholder import.

mod export;
mod import;
mod table;

pub use export::{export_handover, export_kickoff, export_list, export_stakeholders};
pub use import::{Field, RowResult, guess_mapping, import_edit, preview};
pub use table::{Table, parse};
