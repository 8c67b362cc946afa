//! Helpers shared by the UI tests: start the real app headless and wait for its background jobs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use steward::app::{AppOptions, StewardApp, UserDirs};

/// A fresh copy of the demo project in `dir`, so tests can save over it.
pub fn demo_copy(dir: &Path) -> PathBuf {
    let path = dir.join("demo.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json"), &path).unwrap();
    path
}

/// The app in a 1280x800 window, with `file` opened and per-user files in `dirs`.
pub fn harness_with(file: Option<PathBuf>, dirs: UserDirs) -> Harness<'static, StewardApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| StewardApp::create(cc, AppOptions { file, dirs }));
    // No real file dialog may open (on Windows one would wait for a click): paths are typed.
    harness.state_mut().jobs.set_native_dialogs(false);
    settle(&mut harness);
    harness
}

/// Steps frames until background jobs (loads, saves) have finished and the UI is still.
pub fn settle(harness: &mut Harness<'static, StewardApp>) {
    for _ in 0..1000 {
        harness.step();
        // Once no job runs, the spinner goes and the UI settles within a few frames.
        if !harness.state().is_busy() && harness.try_run().is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("a background job did not finish");
}

/// Clicks the button with this label.
pub fn click(harness: &mut Harness<'static, StewardApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    // The click may start a background job: step until it is done rather than expect stillness.
    settle(harness);
}

/// Presses Ctrl (Cmd on macOS) with `key`.
pub fn ctrl(harness: &mut Harness<'static, StewardApp>, key: Key) {
    harness.key_press_modifiers(Modifiers::COMMAND, key);
    settle(harness);
}
