//! Steward keeps ownership of a business-system implementation inside the customer's organization.
//!
//! Layers: [`model`] (plain data and rules), [`storage`] (files), [`app`] (state, commands,
//! undo, background jobs) and [`ui`] (panels that read state and emit commands).

pub mod app;
pub mod cli;
pub mod interop;
pub mod model;
pub mod platform;
pub mod storage;
pub mod ui;

pub use ui::run_app;
