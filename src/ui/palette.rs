//! Every colour the window uses, by what it means. Panels name a colour here rather than
//! writing its numbers, so a meaning looks the same everywhere and can change in one place.
//! (The slides keep their own, stronger palette for projectors: see `present::theme`.)

use egui::{Color32, Ui};

/// On target, handed over, reviewed, sound.
pub const GOOD: Color32 = Color32::from_rgb(46, 139, 87);
/// One step away: worth a look.
pub const CAUTION: Color32 = Color32::from_rgb(214, 150, 20);
/// Broken, late, far off target.
pub const BAD: Color32 = Color32::from_rgb(200, 50, 50);
/// Progress that is still under way, and neutral marks.
pub const PROGRESS: Color32 = Color32::from_rgb(70, 120, 190);
/// Severity chips.
pub const SEVERITY_HIGH: Color32 = BAD;
pub const SEVERITY_MEDIUM: Color32 = Color32::from_rgb(214, 140, 20);
pub const SEVERITY_LOW: Color32 = Color32::from_rgb(90, 130, 190);
/// Text typed into a field that is not valid yet (a date being typed).
pub const INVALID_TEXT: Color32 = Color32::from_rgb(200, 30, 30);

/// The theme's warning colour (it differs between light, dark and high contrast).
pub fn warning(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

/// The theme's error colour.
pub fn error(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}
