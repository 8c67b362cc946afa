//! Per-user preferences and recent files, kept in the user's config folder (never in a project).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    /// How often unsaved work is copied to the local recovery folder, in seconds.
    pub recovery_interval_secs: u64,
    /// How often the open file is looked at for saves by others, in seconds (one `stat` each).
    pub watch_interval_secs: u64,
    pub theme: Theme,
    /// Zoom of the normal window, 1.0 for actual size.
    pub zoom: f32,
    /// Meeting mode shows roles or initials instead of names.
    pub present_hide_names: bool,
}

/// The look of the normal window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl Theme {
    pub const ALL: &'static [Theme] = &[Theme::Light, Theme::Dark, Theme::HighContrast];
    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::HighContrast => "High contrast",
        }
    }
}

/// Zoom steps for Ctrl+plus and Ctrl+minus.
pub const ZOOM_STEPS: &[f32] = &[0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5];

/// The next zoom step up (`direction` 1) or down (-1) from `zoom`.
pub fn step_zoom(zoom: f32, direction: i32) -> f32 {
    if direction > 0 {
        ZOOM_STEPS
            .iter()
            .copied()
            .find(|z| *z > zoom + 0.001)
            .unwrap_or(*ZOOM_STEPS.last().expect("steps"))
    } else {
        ZOOM_STEPS
            .iter()
            .rev()
            .copied()
            .find(|z| *z < zoom - 0.001)
            .unwrap_or(ZOOM_STEPS[0])
    }
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            recovery_interval_secs: 60,
            watch_interval_secs: 3,
            theme: Theme::Dark,
            zoom: 1.0,
            present_hide_names: false,
        }
    }
}

impl Prefs {
    fn file(dir: &Path) -> PathBuf {
        dir.join("preferences.json")
    }

    /// Reads preferences; a missing or unreadable file gives the defaults.
    pub fn load(dir: &Path) -> Prefs {
        std::fs::read(Self::file(dir))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes preferences atomically. Called from a background thread.
    pub fn store(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let bytes = serde_json::to_vec_pretty(self).expect("preferences serialize");
        crate::storage::atomic_write(&Self::file(dir), &bytes).map_err(|e| std::io::Error::other(e.to_string()))
    }

    /// Puts `path` at the top of the recent files.
    pub fn add_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}

/// Where Steward keeps per-user files. `None` in tests, so they never touch the real folders.
#[derive(Debug, Clone, Default)]
pub struct UserDirs {
    pub config: Option<PathBuf>,
    pub data: Option<PathBuf>,
}

impl UserDirs {
    /// The platform's folders for this user (`~/.config/steward` and `~/.local/share/steward` on Linux).
    pub fn for_current_user() -> Self {
        match directories::ProjectDirs::from("org", "Steward", "steward") {
            Some(dirs) => UserDirs {
                config: Some(dirs.config_dir().into()),
                data: Some(dirs.data_local_dir().into()),
            },
            None => UserDirs::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut p = Prefs::default();
        for i in 0..15 {
            p.add_recent(Path::new(&format!("/f{i}.json")));
        }
        p.add_recent(Path::new("/f3.json"));
        assert_eq!(p.recent.len(), MAX_RECENT);
        assert_eq!(p.recent[0], Path::new("/f3.json"));
        assert_eq!(
            p.recent.iter().filter(|r| r.as_path() == Path::new("/f3.json")).count(),
            1
        );
    }

    #[test]
    fn preferences_round_trip_through_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Prefs::default();
        p.add_recent(Path::new("/a.json"));
        p.store(dir.path()).unwrap();
        assert_eq!(Prefs::load(dir.path()), p);
    }

    #[test]
    fn zoom_steps_up_and_down_and_stops_at_the_ends() {
        assert_eq!(step_zoom(1.0, 1), 1.1);
        assert_eq!(step_zoom(1.0, -1), 0.9);
        assert_eq!(step_zoom(2.5, 1), 2.5);
        assert_eq!(step_zoom(0.67, -1), 0.67);
        assert_eq!(step_zoom(1.03, -1), 1.0, "an odd value snaps to the next step");
    }

    #[test]
    fn broken_preferences_fall_back_to_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("preferences.json"), b"{not json").unwrap();
        assert_eq!(Prefs::load(dir.path()), Prefs::default());
    }
}
