//! Spreadsheets in and out: the CSV table format, the list exports, and the stakeholder import.

mod export;
mod import;
mod table;

pub use export::{STAKEHOLDER_COLUMNS, export_handover, export_kickoff, export_stakeholders};
pub use import::{Field, RowResult, guess_mapping, import_edit, preview};
pub use table::{Table, parse};
