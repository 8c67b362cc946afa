//! The presenter view.

use egui::Ui;

use crate::app::StewardApp;

pub fn show(ui: &mut Ui, app: &mut StewardApp) {
    let rect = ui.max_rect();
    super::audience(ui, app, rect);
}
