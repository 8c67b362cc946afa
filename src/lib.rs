//! Steward keeps ownership of a business-system implementation inside the customer's organization.
//!
//! Layers: [`model`] (plain data and rules), [`storage`] (files), [`app`] (state, commands,
//! undo, background jobs) and [`ui`] (panels that read state and emit commands).

pub mod cli;
pub mod model;
pub mod storage;

/// Opens the main window, with `file` loaded if given. Returns when the window closes.
pub fn run_app(file: Option<std::path::PathBuf>) -> std::process::ExitCode {
    let _ = file;
    eprintln!("The window is not built yet.");
    std::process::ExitCode::FAILURE
}
