//! Working with the tools people already have: spreadsheets (CSV) and a shareable report.

pub mod csv;
pub mod minutes;
pub mod report;
