//! Copies that sync clients leave beside a file when two computers changed it before they
//! heard from each other. Each client names its copy in its own way:
//!
//! | client | `Plan.steward` becomes |
//! | --- | --- |
//! | Dropbox | `Plan (Ann's conflicted copy 2026-11-25).steward` |
//! | OneDrive | `Plan-LAPTOP.steward` (the computer's name) |
//! | Syncthing | `Plan.sync-conflict-20261125-104200-ABCDEFG.steward` (date, time, device) |
//! | Nextcloud, ownCloud | `Plan (conflicted copy 2026-11-25 104200).steward`, with the user's name before the date when the server asks for it; older clients `Plan_conflict-20261125-104200.steward` |
//!
//! [`parse_copy_name`] reads those names (a pure function); [`look_beside`] lists the folder
//! and reads the candidates, and runs off the UI thread. OneDrive's pattern ("-NAME") would
//! also fit ordinary files such as `Plan-draft.steward`, so such a file only counts when it is
//! the same project (the same project id), or, for files without an id, when it was last saved
//! on the computer its name ends with.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::document::{Opened, open_project};
use super::history::{self, Lineage};
use crate::model::Project;

/// The sync clients whose conflicted copies are recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncClient {
    Dropbox,
    OneDrive,
    Syncthing,
    Nextcloud,
}

impl SyncClient {
    /// The client as the user knows it.
    pub fn name(self) -> &'static str {
        match self {
            SyncClient::Dropbox => "Dropbox",
            SyncClient::OneDrive => "OneDrive",
            SyncClient::Syncthing => "Syncthing",
            SyncClient::Nextcloud => "Nextcloud or ownCloud",
        }
    }
}

/// What a copy's name says: which client made it and, where the name tells, for whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyName {
    pub client: SyncClient,
    /// Dropbox's person or computer, OneDrive's computer, Syncthing's device, Nextcloud's user.
    pub who: Option<String>,
}

/// `name` split into stem and extension (with its dot); a leading dot is not an extension.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 => name.split_at(i),
        _ => (name, ""),
    }
}

/// Whether `text` is made of digits in the places `pattern` has `9`, and equal elsewhere.
fn shaped(text: &str, pattern: &str) -> bool {
    text.len() == pattern.len()
        && text
            .bytes()
            .zip(pattern.bytes())
            .all(|(c, p)| if p == b'9' { c.is_ascii_digit() } else { c == p })
}

/// Whether `candidate` is a sync client's conflicted copy of the file named `original`
/// (both plain file names, no folders), and if so whose.
pub fn parse_copy_name(original: &str, candidate: &str) -> Option<CopyName> {
    let (stem, ext) = split_extension(original);
    if candidate.len() <= original.len() || stem.is_empty() {
        return None;
    }
    let (rest, candidate_ext) = candidate.split_at(candidate.len() - ext.len());
    if !candidate_ext.eq_ignore_ascii_case(ext) {
        return None;
    }
    let tag = rest.strip_prefix(stem)?;
    let copy = |client, who: &str| {
        Some(CopyName {
            client,
            who: (!who.trim().is_empty()).then(|| who.trim().to_string()),
        })
    };
    // Syncthing: ".sync-conflict-YYYYMMDD-HHMMSS-DEVICE".
    if let Some(stamp) = tag.strip_prefix(".sync-conflict-") {
        let (when, device) = stamp.split_at(stamp.len().min(16));
        if shaped(when, "99999999-999999-") && device.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return copy(SyncClient::Syncthing, device);
        }
        return None;
    }
    // Dropbox and Nextcloud: " (… conflicted copy …)" before the extension.
    if let Some(inner) = tag.strip_prefix(" (").and_then(|t| t.strip_suffix(')')) {
        if let Some(after) = inner.strip_prefix("conflicted copy ") {
            // Nextcloud: "[USER ]YYYY-MM-DD HHMMSS".
            let (user, when) = after.split_at(after.len().saturating_sub(17));
            if shaped(when, "9999-99-99 999999") && (user.is_empty() || user.ends_with(' ')) {
                return copy(SyncClient::Nextcloud, user);
            }
            return None;
        }
        if let Some((who, when)) = inner.split_once("'s conflicted copy ") {
            // Dropbox: "WHO's conflicted copy YYYY-MM-DD", sometimes followed by " (1)".
            if when.get(..10).is_some_and(|day| shaped(day, "9999-99-99")) && !who.is_empty() {
                return copy(SyncClient::Dropbox, who);
            }
        }
        return None;
    }
    // Older Nextcloud and ownCloud clients: "_conflict-YYYYMMDD-HHMMSS" or "_conflict_USER-…".
    if let Some(after) = tag.strip_prefix("_conflict") {
        let (user, when) = after.split_at(after.len().saturating_sub(16));
        let user_ok = user.is_empty() || user.starts_with('_');
        if shaped(when, "-99999999-999999") && user_ok {
            return copy(SyncClient::Nextcloud, user.trim_start_matches('_'));
        }
        return None;
    }
    // OneDrive: "-COMPUTERNAME". A computer name has letters (all digits is a year or a
    // number, as in "Plan-2027"), digits and hyphens, at most 63 of them.
    if let Some(host) = tag.strip_prefix('-') {
        let fits = (1..=63).contains(&host.len())
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && host.bytes().any(|b| b.is_ascii_alphabetic())
            && !host.starts_with('-');
        if fits {
            return copy(SyncClient::OneDrive, host);
        }
    }
    None
}

/// A conflicted copy found beside the open file, read and checked.
#[derive(Debug, Clone)]
pub struct FoundCopy {
    pub path: PathBuf,
    pub name: CopyName,
    pub opened: Opened,
    /// The version both this file and the copy descend from, where a file holding it was
    /// found (this file itself, its `.bak`, or another copy). `None`: a two-way merge.
    pub base: Option<Arc<Project>>,
    /// The copy is a version this file already contains (an older one, or the same).
    pub nothing_new: bool,
}

impl FoundCopy {
    /// The copy's file name, for messages.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned())
    }
}

/// Looks beside `path` for sync clients' conflicted copies of it that are versions of the
/// same project. `revision` and `lineage` describe the open file as it was loaded. Reads
/// files, so it runs in a background job; anything unreadable is passed over quietly.
pub fn look_beside(path: &Path, revision: &str, lineage: &Lineage) -> Vec<FoundCopy> {
    let real = super::save::real_path(path);
    let (Some(folder), Some(original)) = (real.parent(), real.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    }) else {
        return Vec::new();
    };
    let mut candidates: Vec<(PathBuf, CopyName)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            parse_copy_name(original, &name).map(|copy| (folder.join(name), copy))
        })
        .collect();
    candidates.sort_by(|a, b| a.0.cmp(&b.0));
    let mut found: Vec<FoundCopy> = Vec::new();
    for (copy_path, name) in candidates {
        let Ok(opened) = open_project(&copy_path) else { continue };
        let theirs = &opened.header.lineage;
        let same_id = lineage.project_id.is_some() && lineage.project_id == theirs.project_id;
        if !lineage.same_project(theirs) {
            continue;
        }
        if name.client == SyncClient::OneDrive && !same_id {
            let saved_on = opened.header.saved_by.as_ref().map(|s| s.host.as_str());
            if !saved_on
                .zip(name.who.as_deref())
                .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
            {
                continue;
            }
        }
        found.push(FoundCopy {
            path: copy_path,
            name,
            opened,
            base: None,
            nothing_new: false,
        });
    }
    if found.is_empty() {
        return found;
    }
    // The common version of each copy and this file, from whichever file still holds it.
    let original_now = open_project(&real).ok();
    let backup = open_project(&super::save::backup_path(&real)).ok();
    let holders: Vec<(String, Project)> = original_now
        .iter()
        .chain(backup.iter())
        .chain(found.iter().map(|f| &f.opened))
        .map(|o| (o.header.revision.clone(), o.project.clone()))
        .collect();
    for copy in &mut found {
        let theirs = &copy.opened.header;
        let common = history::common_revision(
            (revision, &lineage.history),
            (&theirs.revision, &theirs.lineage.history),
        );
        // A file changed by hand or by another program keeps its revision id: when two files
        // name the same revision but differ, the ids prove nothing, and every difference is
        // asked about rather than taken from a wrongly chosen common version.
        let trusted = holders
            .iter()
            .all(|(r, p)| *r != theirs.revision || *p == copy.opened.project);
        let common = common.filter(|_| trusted);
        let same_as_open = original_now.as_ref().is_some_and(|o| o.project == copy.opened.project);
        copy.nothing_new = same_as_open || common.as_deref() == Some(theirs.revision.as_str());
        copy.base = common.and_then(|c| holders.iter().find(|(r, _)| *r == c).map(|(_, p)| Arc::new(p.clone())));
    }
    found
}

/// Deletes a conflicted copy, but only while it holds what it held when it was read (`hash`
/// of its bytes): a copy that the sync client changed since is left alone.
pub fn delete_copy(path: &Path, hash: u64) -> Result<(), String> {
    let bytes = super::format::read_bounded(path, super::format::MAX_PROJECT_BYTES)?;
    if xxhash_rust::xxh3::xxh3_64(&bytes) != hash {
        return Err("it changed since Steward read it, so it was left as it is".into());
    }
    std::fs::remove_file(path).map_err(|e| super::format::io_reason(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;
    use crate::storage::format::SavedBy;

    fn client(original: &str, candidate: &str) -> Option<(SyncClient, Option<String>)> {
        parse_copy_name(original, candidate).map(|c| (c.client, c.who))
    }

    #[test]
    fn dropbox_names_the_person_or_computer_and_the_day() {
        assert_eq!(
            client("Plan.steward", "Plan (Ann's conflicted copy 2026-11-25).steward"),
            Some((SyncClient::Dropbox, Some("Ann".into())))
        );
        assert_eq!(
            client(
                "Plan.steward",
                "Plan (Pierre's MacBook Pro's conflicted copy 2026-11-25 (1)).steward"
            ),
            Some((SyncClient::Dropbox, Some("Pierre's MacBook Pro".into())))
        );
        assert_eq!(
            client(
                "Budget (final).json",
                "Budget (final) (Ann Lee's conflicted copy 2026-01-02).json"
            ),
            Some((SyncClient::Dropbox, Some("Ann Lee".into())))
        );
        assert_eq!(
            client("Plan.steward", "Plan (Ann's conflicted copy soon).steward"),
            None
        );
        assert_eq!(client("Plan.steward", "Plan (Ann's notes).steward"), None);
    }

    #[test]
    fn onedrive_appends_the_computer_name() {
        assert_eq!(
            client("Plan.steward", "Plan-LAPTOP.steward"),
            Some((SyncClient::OneDrive, Some("LAPTOP".into())))
        );
        assert_eq!(
            client("Plan.steward", "Plan-DESKTOP-4KJ9P2A.steward"),
            Some((SyncClient::OneDrive, Some("DESKTOP-4KJ9P2A".into())))
        );
        // A year or a number is not a computer's name; neither is a name with spaces.
        assert_eq!(client("Plan.steward", "Plan-2027.steward"), None);
        assert_eq!(client("Plan.steward", "Plan-old copy.steward"), None);
        assert_eq!(client("Plan.steward", "Plan--X.steward"), None);
        // Another extension is another kind of file.
        assert_eq!(client("Plan.steward", "Plan-LAPTOP.json"), None);
    }

    #[test]
    fn syncthing_puts_date_time_and_device_before_the_extension() {
        assert_eq!(
            client("Plan.steward", "Plan.sync-conflict-20261125-104200-ABCDEFG.steward"),
            Some((SyncClient::Syncthing, Some("ABCDEFG".into())))
        );
        // Only the last extension moves: "Plan.steward.json" keeps ".steward" in the stem.
        assert_eq!(
            client(
                "Plan.steward.json",
                "Plan.steward.sync-conflict-20261125-104200-ABCDEFG.json"
            ),
            Some((SyncClient::Syncthing, Some("ABCDEFG".into())))
        );
        assert_eq!(client("Plan.steward", "Plan.sync-conflict-2026-ABCDEFG.steward"), None);
    }

    #[test]
    fn nextcloud_and_owncloud_write_conflicted_copy_with_date_and_time() {
        assert_eq!(
            client("Plan.steward", "Plan (conflicted copy 2026-11-25 104200).steward"),
            Some((SyncClient::Nextcloud, None))
        );
        assert_eq!(
            client(
                "Plan.steward",
                "Plan (conflicted copy Ann Lee 2026-11-25 104200).steward"
            ),
            Some((SyncClient::Nextcloud, Some("Ann Lee".into())))
        );
        assert_eq!(
            client("Plan.steward", "Plan_conflict-20261125-104200.steward"),
            Some((SyncClient::Nextcloud, None))
        );
        assert_eq!(
            client("Plan.steward", "Plan_conflict_ann-20261125-104200.steward"),
            Some((SyncClient::Nextcloud, Some("ann".into())))
        );
        assert_eq!(client("Plan.steward", "Plan (conflicted copy yesterday).steward"), None);
    }

    #[test]
    fn the_file_itself_and_its_companions_are_not_copies() {
        for name in [
            "Plan.steward",
            "Plan.steward.bak",
            ".~lock.Plan.steward#",
            "Plan.steward.tmp",
            "Other.steward",
            "Plan 2.steward",
            "Plan (1).steward",
            "Plan.sync-conflict-20261125-104200-ABCDEFG.json",
        ] {
            assert_eq!(client("Plan.steward", name), None, "{name}");
        }
    }

    fn saved_on(host: &str) -> SavedBy {
        SavedBy {
            user: "ann".into(),
            host: host.into(),
            at: "2026-11-25T10:42:00+01:00".into(),
        }
    }

    fn write(path: &Path, project: &Project, revision: &str, host: &str, lineage: &Lineage) {
        let bytes = crate::storage::to_bytes_with_lineage(project, revision, Some(&saved_on(host)), lineage);
        std::fs::write(path, bytes).unwrap();
    }

    #[test]
    fn copies_of_the_same_project_are_found_with_their_common_version() {
        let dir = tempfile::tempdir().unwrap();
        let base = template::standard();
        let start = Lineage::default().after_save("r0", &saved_on("SERVER"), "new project");
        let mut mine = base.clone();
        mine.details.vendor = "Mine".into();
        let mine_lineage = start.after_save("r-mine", &saved_on("OFFICE"), "project details edited");
        let mut theirs = base.clone();
        theirs.kickoff[0].notes = "theirs".into();
        let theirs_lineage = start.after_save("r-theirs", &saved_on("LAPTOP"), "1 stakeholder edited");
        let plan = dir.path().join("Plan.steward");
        write(&plan, &mine, "r-mine", "OFFICE", &mine_lineage);
        // The common version survives in the backup of the last save.
        write(&crate::storage::backup_path(&plan), &base, "r0", "SERVER", &start);
        write(
            &dir.path().join("Plan-LAPTOP.steward"),
            &theirs,
            "r-theirs",
            "LAPTOP",
            &theirs_lineage,
        );
        // A stale copy: a version this file already contains.
        write(
            &dir.path().join("Plan (Ann's conflicted copy 2026-11-20).steward"),
            &base,
            "r0",
            "SERVER",
            &start,
        );
        // Not a project at all, and a project of its own that happens to be named like a copy.
        std::fs::write(
            dir.path().join("Plan.sync-conflict-20261125-104200-ABCDEFG.steward"),
            b"hello",
        )
        .unwrap();
        let other = Lineage::default().after_save("x", &saved_on("LAPTOP"), "new project");
        write(&dir.path().join("Plan-DRAFT.steward"), &theirs, "x", "DRAFT", &other);

        let found = look_beside(&plan, "r-mine", &mine_lineage);
        let names: Vec<String> = found.iter().map(FoundCopy::file_name).collect();
        assert_eq!(
            names,
            ["Plan (Ann's conflicted copy 2026-11-20).steward", "Plan-LAPTOP.steward"]
        );
        let stale = &found[0];
        assert!(stale.nothing_new);
        let laptop = &found[1];
        assert_eq!(laptop.name.client, SyncClient::OneDrive);
        assert!(!laptop.nothing_new);
        assert_eq!(
            laptop.base.as_deref(),
            Some(&base),
            "the common version, from the backup"
        );
        assert_eq!(laptop.opened.project, theirs);
    }

    #[test]
    fn a_copy_edited_without_a_new_revision_is_never_taken_for_an_old_version() {
        let dir = tempfile::tempdir().unwrap();
        let p = template::standard();
        let plan = dir.path().join("Plan.steward");
        let lineage = Lineage::default().after_save("r1", &saved_on("OFFICE"), "new project");
        write(&plan, &p, "r1", "OFFICE", &lineage);
        let mut edited = p.clone();
        edited.details.vendor = "Typed into the copy by hand".into();
        write(
            &dir.path().join("Plan (Ann's conflicted copy 2026-11-25).steward"),
            &edited,
            "r1",
            "OFFICE",
            &lineage,
        );
        let found = look_beside(&plan, "r1", &lineage);
        assert_eq!(found.len(), 1);
        assert!(!found[0].nothing_new, "it differs, whatever its revision says");
        assert!(found[0].base.is_none(), "so every difference is asked about");
    }

    #[test]
    fn a_copy_is_deleted_only_while_it_holds_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("Plan-LAPTOP.steward");
        std::fs::write(&copy, b"first").unwrap();
        let hash = xxhash_rust::xxh3::xxh3_64(b"first");
        std::fs::write(&copy, b"changed by the sync client").unwrap();
        let err = delete_copy(&copy, hash).unwrap_err();
        assert!(err.contains("changed since"), "{err}");
        assert!(copy.exists());
        std::fs::write(&copy, b"first").unwrap();
        delete_copy(&copy, hash).unwrap();
        assert!(!copy.exists());
        assert!(
            delete_copy(&copy, hash).is_err(),
            "a copy that is gone is said to be gone"
        );
    }

    #[test]
    fn a_onedrive_like_name_without_an_id_counts_only_when_saved_on_that_computer() {
        let dir = tempfile::tempdir().unwrap();
        let p = template::standard();
        let plan = dir.path().join("Plan.steward");
        let none = Lineage::default();
        write(&plan, &p, "a", "OFFICE", &none);
        write(&dir.path().join("Plan-LAPTOP.steward"), &p, "b", "laptop", &none);
        write(&dir.path().join("Plan-final.steward"), &p, "c", "OFFICE", &none);
        let found = look_beside(&plan, "a", &none);
        let names: Vec<String> = found.iter().map(FoundCopy::file_name).collect();
        assert_eq!(names, ["Plan-LAPTOP.steward"]);
        assert!(found[0].base.is_none(), "no shared history: a two-way merge");
        assert!(found[0].nothing_new, "identical to the open file");
    }
}
