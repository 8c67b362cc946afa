//! Working with the tools people already have: spreadsheets (CSV and workbooks), calendars and a
//! shareable report.

pub mod csv;
pub mod ics;
pub mod import;
pub mod minutes;
pub mod report;
pub mod timeline_svg;
pub mod xlsx;
