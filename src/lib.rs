//! Steward keeps ownership of a business-system implementation inside the customer's organization.
//!
//! Layers: [`model`] (plain data and rules), [`storage`] (files), [`app`] (state, commands,
//! undo, background jobs) and [`ui`] (panels that read state and emit commands).

pub mod app;
pub mod cli;
pub mod interop;
pub mod model;
pub mod platform;
pub mod sanitize;
pub mod storage;
pub mod ui;

pub use ui::run_app;

/// How many cases a property or fuzz test runs: `default` in the normal test suite, or the
/// number in the `STEWARD_FUZZ_CASES` environment variable for a longer run (see the README).
#[doc(hidden)]
pub fn test_cases(default: u32) -> u32 {
    std::env::var("STEWARD_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}
