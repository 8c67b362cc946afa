//! Which version of each project this user last saw, kept in the user's local data folder
//! (never in the project, which colleagues share): the "What changed since you last opened
//! it" view starts from there.
//!
//! Projects are known by their project id where the file has one (so a renamed or moved file,
//! or one reached through another drive letter, is still recognised), otherwise by path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::history::Lineage;
use super::save::atomic_write;

/// How many projects are remembered; the ones seen longest ago are forgotten first.
const MAX_PROJECTS: usize = 500;

#[derive(Debug, Default, Serialize, Deserialize)]
struct SeenFile {
    #[serde(default)]
    projects: BTreeMap<String, SeenEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SeenEntry {
    revision: String,
    /// When it was seen (RFC 3339), to forget the oldest first.
    at: String,
}

fn file(dir: &Path) -> PathBuf {
    dir.join("seen.json")
}

/// The names a project may be remembered under: its id first, then its path.
fn keys(path: &Path, lineage: &Lineage) -> Vec<String> {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut keys: Vec<String> = lineage.project_id.iter().map(|id| format!("id:{id}")).collect();
    keys.push(format!("path:{}", path.display()));
    keys
}

fn read(dir: &Path) -> SeenFile {
    std::fs::read(file(dir))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The revision of this project the user saw last, if they opened it here before.
pub fn last_seen(dir: &Path, path: &Path, lineage: &Lineage) -> Option<String> {
    let seen = read(dir);
    keys(path, lineage)
        .iter()
        .find_map(|key| seen.projects.get(key))
        .map(|entry| entry.revision.clone())
}

/// Remembers that the user has seen `revision` of this project. Runs off the UI thread; a
/// failure only costs the "what changed" view its starting point.
pub fn remember(dir: &Path, path: &Path, lineage: &Lineage, revision: &str) -> std::io::Result<()> {
    if revision.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let mut seen = read(dir);
    let entry = SeenEntry {
        revision: revision.to_string(),
        at: chrono::Local::now().to_rfc3339(),
    };
    for key in keys(path, lineage) {
        seen.projects.insert(key, entry.clone());
    }
    while seen.projects.len() > MAX_PROJECTS {
        let oldest = seen
            .projects
            .iter()
            .min_by(|a, b| a.1.at.cmp(&b.1.at))
            .map(|(key, _)| key.clone())
            .expect("more than none");
        seen.projects.remove(&oldest);
    }
    let bytes = serde_json::to_vec_pretty(&seen).expect("the list serializes");
    atomic_write(&file(dir), &bytes).map_err(|e| std::io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_is_found_again_by_its_id_even_under_another_path() {
        let dir = tempfile::tempdir().unwrap();
        let lineage = Lineage {
            project_id: Some("p-1".into()),
            history: Vec::new(),
        };
        assert_eq!(last_seen(dir.path(), Path::new("/share/Plan.steward"), &lineage), None);
        remember(dir.path(), Path::new("/share/Plan.steward"), &lineage, "rev-7").unwrap();
        assert_eq!(
            last_seen(dir.path(), Path::new("/share/Plan.steward"), &lineage).as_deref(),
            Some("rev-7")
        );
        assert_eq!(
            last_seen(dir.path(), Path::new("Z:/Plan.steward"), &lineage).as_deref(),
            Some("rev-7"),
            "same id, another drive letter"
        );
        let no_id = Lineage::default();
        assert_eq!(
            last_seen(dir.path(), Path::new("/share/Plan.steward"), &no_id).as_deref(),
            Some("rev-7"),
            "by path when the file has no id"
        );
        assert_eq!(last_seen(dir.path(), Path::new("/share/Other.steward"), &no_id), None);
    }

    #[test]
    fn an_unreadable_list_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("seen.json"), b"{ broken").unwrap();
        let lineage = Lineage::default();
        assert_eq!(last_seen(dir.path(), Path::new("/p.steward"), &lineage), None);
        remember(dir.path(), Path::new("/p.steward"), &lineage, "r").unwrap();
        assert_eq!(
            last_seen(dir.path(), Path::new("/p.steward"), &lineage).as_deref(),
            Some("r")
        );
    }
}
