//! The file's own short memory: the last saves, each with who, when and a one-line summary of
//! what changed, and an id that stays with the project from save to save.
//!
//! Both travel in the file beside the revision (`project_id` and `history`), outside the
//! project itself, so the three-way merge never sees them as project data. They are optional:
//! files without them open as before, and get them at their next save.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::format::SavedBy;

/// How many saves the file remembers; older ones fall off.
pub const HISTORY_LIMIT: usize = 50;

/// One save, as the file remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistoryEntry {
    /// The revision this save wrote.
    pub revision: String,
    /// Who saved, on which computer, and when.
    #[serde(flatten)]
    pub by: SavedBy,
    /// What changed, in one line: "2 stakeholders edited, 3 kickoff items ticked".
    pub summary: String,
}

/// Where a file comes from: its project id and its recent saves, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lineage {
    /// Given at the first save and kept ever after; Save as starts a new one.
    pub project_id: Option<String>,
    pub history: Vec<HistoryEntry>,
}

impl Lineage {
    /// The lineage after a save that wrote `revision`: the entry added, the oldest dropped
    /// beyond the limit, and a project id given if the file had none.
    pub fn after_save(&self, revision: &str, by: &SavedBy, summary: &str) -> Lineage {
        let mut history = self.history.clone();
        history.retain(|e| e.revision != revision);
        history.push(HistoryEntry {
            revision: revision.to_string(),
            by: by.clone(),
            summary: summary.to_string(),
        });
        trim(&mut history);
        Lineage {
            project_id: Some(self.project_id.clone().unwrap_or_else(super::format::new_revision)),
            history,
        }
    }

    /// Whether this file's history knows the revision.
    pub fn knows(&self, revision: &str) -> bool {
        self.history.iter().any(|e| e.revision == revision)
    }

    /// Whether `other` may be a version of the same project: true unless both name a project
    /// id and the ids differ.
    pub fn same_project(&self, other: &Lineage) -> bool {
        match (&self.project_id, &other.project_id) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// Both histories in one, each save once, in the order they were made (by time where both
/// sides know it), bounded like any history. Used when two versions are merged.
pub fn combine(a: &[HistoryEntry], b: &[HistoryEntry]) -> Vec<HistoryEntry> {
    let known: HashSet<&str> = a.iter().map(|e| e.revision.as_str()).collect();
    let mut all: Vec<HistoryEntry> = a.to_vec();
    all.extend(b.iter().filter(|e| !known.contains(e.revision.as_str())).cloned());
    // A stable sort by time keeps each side's own order where times are equal or unreadable.
    all.sort_by_key(|e| chrono::DateTime::parse_from_rfc3339(&e.by.at).ok());
    trim(&mut all);
    all
}

fn trim(history: &mut Vec<HistoryEntry>) {
    if history.len() > HISTORY_LIMIT {
        history.drain(..history.len() - HISTORY_LIMIT);
    }
}

/// The newest revision both versions have seen: `mine` and `theirs` are each a file's current
/// revision and its history. `None` when they share nothing (or a file has no history).
pub fn common_revision(mine: (&str, &[HistoryEntry]), theirs: (&str, &[HistoryEntry])) -> Option<String> {
    let in_theirs: HashSet<&str> = theirs
        .1
        .iter()
        .map(|e| e.revision.as_str())
        .chain([theirs.0])
        .filter(|r| !r.is_empty())
        .collect();
    std::iter::once(mine.0)
        .chain(mine.1.iter().rev().map(|e| e.revision.as_str()))
        .find(|r| !r.is_empty() && in_theirs.contains(r))
        .map(str::to_string)
}

/// The saves after `revision`, oldest first. `None` when the history does not reach back to
/// it (more saves than it remembers were made since), in which case all of it is newer.
pub fn since<'a>(history: &'a [HistoryEntry], revision: &str) -> Option<&'a [HistoryEntry]> {
    history
        .iter()
        .rposition(|e| e.revision == revision)
        .map(|i| &history[i + 1..])
}

/// The saves a user has not seen yet, for the "What changed since you last opened it" view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unseen<'a> {
    /// Oldest first; saves made from this window are left out.
    pub entries: Vec<&'a HistoryEntry>,
    /// False when the history does not reach back to the version last seen (or the user never
    /// opened the file here): there may have been earlier changes too.
    pub complete: bool,
}

/// The saves after `seen` (the revision the user saw last; `None`: never), leaving out `own`.
pub fn unseen<'a>(history: &'a [HistoryEntry], seen: Option<&str>, own: &[String]) -> Unseen<'a> {
    let (newer, complete) = match seen.and_then(|r| since(history, r)) {
        Some(newer) => (newer, true),
        None => (history, false),
    };
    Unseen {
        entries: newer.iter().filter(|e| !own.contains(&e.revision)).collect(),
        complete,
    }
}

/// Reads a file's `history` field leniently: entries that cannot be read are left out rather
/// than refusing the file, since the history is only information.
pub(super) fn read_history(value: serde_json::Value) -> Vec<HistoryEntry> {
    match value {
        serde_json::Value::Array(entries) => entries
            .into_iter()
            .filter_map(|e| serde_json::from_value(e).ok())
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(user: &str, at: &str) -> SavedBy {
        SavedBy {
            user: user.into(),
            host: "PC".into(),
            at: at.into(),
        }
    }

    fn entry(revision: &str, at: &str) -> HistoryEntry {
        HistoryEntry {
            revision: revision.into(),
            by: by("ana", at),
            summary: format!("save {revision}"),
        }
    }

    #[test]
    fn a_save_adds_one_entry_and_the_history_stays_bounded() {
        let mut lineage = Lineage::default();
        for i in 0..HISTORY_LIMIT + 7 {
            lineage = lineage.after_save(&format!("r{i}"), &by("ana", "2026-11-25T10:00:00+01:00"), "edit");
        }
        assert_eq!(lineage.history.len(), HISTORY_LIMIT);
        assert_eq!(lineage.history[0].revision, "r7", "the oldest fell off");
        assert_eq!(
            lineage.history.last().unwrap().revision,
            format!("r{}", HISTORY_LIMIT + 6)
        );
        let id = lineage.project_id.clone().expect("an id is given at the first save");
        let next = lineage.after_save("later", &by("bo", "2026-11-26T09:00:00+01:00"), "x");
        assert_eq!(next.project_id, Some(id), "and kept ever after");
    }

    #[test]
    fn combined_histories_hold_each_save_once_in_time_order() {
        let shared = [
            entry("a", "2026-11-20T09:00:00+01:00"),
            entry("b", "2026-11-21T09:00:00+01:00"),
        ];
        let mut mine = shared.to_vec();
        mine.push(entry("m", "2026-11-23T09:00:00+01:00"));
        let mut theirs = shared.to_vec();
        theirs.push(entry("t", "2026-11-22T09:00:00+01:00"));
        let all = combine(&mine, &theirs);
        let order: Vec<&str> = all.iter().map(|e| e.revision.as_str()).collect();
        assert_eq!(order, ["a", "b", "t", "m"]);
        assert_eq!(common_revision(("m", &mine), ("t", &theirs)).as_deref(), Some("b"));
    }

    #[test]
    fn the_common_revision_may_be_either_files_own() {
        let old = [entry("a", "2026-11-20T09:00:00+01:00")];
        let newer = [old[0].clone(), entry("b", "2026-11-21T09:00:00+01:00")];
        // The copy is an older version of mine: its own revision is the common one.
        assert_eq!(common_revision(("b", &newer), ("a", &old)).as_deref(), Some("a"));
        // The copy is newer than mine.
        assert_eq!(common_revision(("a", &old), ("b", &newer)).as_deref(), Some("a"));
        // Files without history share nothing unless they are the same revision.
        assert_eq!(common_revision(("x", &[]), ("y", &[])), None);
        assert_eq!(common_revision(("", &[]), ("", &[])), None, "no revision is no match");
        assert_eq!(common_revision(("x", &[]), ("x", &[])).as_deref(), Some("x"));
    }

    #[test]
    fn since_lists_the_saves_after_a_revision_or_says_it_does_not_reach_back() {
        let history = [
            entry("a", "2026-11-20T09:00:00+01:00"),
            entry("b", "2026-11-21T09:00:00+01:00"),
            entry("c", "2026-11-22T09:00:00+01:00"),
        ];
        let newer: Vec<&str> = since(&history, "a")
            .unwrap()
            .iter()
            .map(|e| e.revision.as_str())
            .collect();
        assert_eq!(newer, ["b", "c"]);
        assert!(since(&history, "c").unwrap().is_empty());
        assert!(since(&history, "gone").is_none());
    }

    #[test]
    fn unseen_saves_start_after_the_last_one_seen_and_leave_out_my_own() {
        let history = [
            entry("a", "2026-11-20T09:00:00+01:00"),
            entry("b", "2026-11-21T09:00:00+01:00"),
            entry("c", "2026-11-22T09:00:00+01:00"),
            entry("d", "2026-11-23T09:00:00+01:00"),
        ];
        let revisions = |u: &Unseen| u.entries.iter().map(|e| e.revision.clone()).collect::<Vec<_>>();
        let u = unseen(&history, Some("b"), &["d".to_string()]);
        assert_eq!((revisions(&u), u.complete), (vec!["c".to_string()], true));
        let u = unseen(&history, Some("d"), &[]);
        assert!(u.entries.is_empty() && u.complete, "nothing new");
        let u = unseen(&history, Some("fell off"), &[]);
        assert_eq!((u.entries.len(), u.complete), (4, false));
        let u = unseen(&history, None, &[]);
        assert_eq!((u.entries.len(), u.complete), (4, false), "never seen here: all of it");
    }

    #[test]
    fn unreadable_entries_are_left_out_and_the_rest_kept() {
        let value = serde_json::json!([
            {"revision": "a", "user": "ana", "host": "PC", "at": "2026-11-20T09:00:00+01:00", "summary": "x"},
            {"revision": 5},
            "nonsense"
        ]);
        let history = read_history(value);
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].by.user, "ana");
        assert!(read_history(serde_json::json!({"not": "a list"})).is_empty());
    }

    #[test]
    fn different_project_ids_are_different_projects() {
        let a = Lineage {
            project_id: Some("1".into()),
            history: Vec::new(),
        };
        let b = Lineage {
            project_id: Some("2".into()),
            history: Vec::new(),
        };
        assert!(!a.same_project(&b));
        assert!(a.same_project(&a.clone()));
        assert!(
            a.same_project(&Lineage::default()),
            "a file without an id may be either"
        );
    }
}
