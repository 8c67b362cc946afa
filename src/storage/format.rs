//! The project file format: JSON with a `format_version` and a `revision` id at the top.
//!
//! Loading never panics and never touches the file on disk: every failure becomes a
//! [`LoadError`] naming the file and the problem (with line and column where JSON has them).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::diagnose;
use crate::model::{Project, validate};

/// The format this build writes. It reads this one and every older one, upgrading them.
///
/// - 1: stakeholders, RACI per area, the kickoff checklist, the exit plan, readiness history.
/// - 2: adds `testing` (scenarios, rounds, results, sign-offs) and the setting
///   `exit_require_sign_off`.
pub const FORMAT_VERSION: u32 = 2;

/// One step from a format to the next, on the file's JSON before it is read into the model.
type Upgrade = fn(&mut serde_json::Map<String, serde_json::Value>);

/// `UPGRADES[i]` takes a file from format `i + 1` to format `i + 2`.
const UPGRADES: &[Upgrade] = &[upgrade_1_to_2];

/// Format 1 had no test plan: the file gains an empty one. A hand-written `testing` field that
/// format 1 kept as unknown is set aside under another name rather than read as the plan.
fn upgrade_1_to_2(file: &mut serde_json::Map<String, serde_json::Value>) {
    if let Some(unknown) = file.remove("testing") {
        file.insert("testing_kept_from_format_1".into(), unknown);
    }
    file.insert(
        "testing".into(),
        serde_json::json!({"scenarios": [], "rounds": [], "results": [], "sign_offs": []}),
    );
}

/// Reads a file of an older format through the upgrade steps.
fn read_upgraded(bytes: &[u8], version: u64) -> Result<Project, LoadErrorKind> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| LoadErrorKind::Json(e.to_string()))?;
    let file = value
        .as_object_mut()
        .ok_or_else(|| LoadErrorKind::Json("the file is not a JSON object".into()))?;
    for upgrade in &UPGRADES[(version as usize - 1)..] {
        upgrade(file);
    }
    serde_json::from_value(value).map_err(|e| LoadErrorKind::Json(e.to_string()))
}

/// Why a file could not be opened. `Display` gives a message fit for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LoadErrorKind {
    /// The file could not be read at all (missing, no permission, drive gone).
    Io(String),
    /// Not JSON, or JSON of the wrong shape; the text includes line and column.
    Json(String),
    /// No `format_version`: probably not a Steward file.
    NotAProject,
    /// Written by a newer Steward.
    TooNew { found: u64, supported: u32 },
    /// Well-formed, but the records do not fit together.
    Invalid(Vec<String>),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.path.display();
        match &self.kind {
            LoadErrorKind::Io(reason) => write!(f, "Could not read \"{name}\": {reason}."),
            LoadErrorKind::Json(reason) => write!(f, "\"{name}\" is not a readable Steward project: {reason}."),
            LoadErrorKind::NotAProject => {
                write!(f, "\"{name}\" is not a Steward project: it has no \"format_version\".")
            }
            LoadErrorKind::TooNew { found, supported } => write!(
                f,
                "\"{name}\" was written by a newer Steward (file format {found}); this version reads format {supported} and older. Update Steward to open it."
            ),
            LoadErrorKind::Invalid(problems) => {
                write!(
                    f,
                    "\"{name}\" has {} problem(s): {}.",
                    problems.len(),
                    problems.join("; ")
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// The bookkeeping fields every file carries beside the project.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileHeader {
    pub format_version: u32,
    /// Renewed at every save, so a changed file is recognised even when times lie.
    pub revision: String,
    /// Who wrote this version, when the file says so (files from before 0.2 do not).
    pub saved_by: Option<SavedBy>,
    /// The project's id and its recent saves, when the file has them.
    pub lineage: super::history::Lineage,
}

/// Who saved a version of the file: user, computer and time, written beside the revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SavedBy {
    pub user: String,
    pub host: String,
    /// When, RFC 3339 with the writer's offset.
    pub at: String,
}

impl SavedBy {
    /// This user on this computer, now.
    pub fn current() -> SavedBy {
        SavedBy {
            user: super::lock::current_user(),
            host: gethostname::gethostname().to_string_lossy().into_owned(),
            at: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        }
    }

    /// "Ana on FINANCE-PC at 10:42" (with the date when it was not today).
    pub fn describe(&self) -> String {
        let when = match chrono::DateTime::parse_from_rfc3339(&self.at) {
            Ok(t) if t.with_timezone(&chrono::Local).date_naive() == chrono::Local::now().date_naive() => {
                t.with_timezone(&chrono::Local).format("at %H:%M").to_string()
            }
            Ok(t) => t
                .with_timezone(&chrono::Local)
                .format("on %Y-%m-%d at %H:%M")
                .to_string(),
            Err(_) => format!("at {}", self.at),
        };
        format!("{} on {} {when}", self.user, self.host)
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    format_version: u32,
    revision: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    saved_by: Option<&'a SavedBy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    history: &'a [super::history::HistoryEntry],
    #[serde(flatten)]
    project: &'a Project,
}

/// The whole file as JSON Schema describes it: the header fields beside the project's.
#[derive(schemars::JsonSchema)]
#[schemars(
    title = "Steward project file",
    description = "One implementation project, as written by Steward."
)]
#[allow(dead_code)]
struct ProjectFileSchema {
    /// The file format; this build writes format 2 and reads formats 1 and 2.
    format_version: u32,
    /// Renewed at every save, to recognise a file someone else changed.
    #[serde(default)]
    revision: String,
    /// Who wrote this version and when.
    #[serde(default)]
    saved_by: Option<SavedBy>,
    /// Given at the first save and kept by every later one, so that copies of the file (a
    /// sync client's conflicted copy) can be recognised as the same project.
    #[serde(default)]
    project_id: Option<String>,
    /// The last saves (at most 50), oldest first, each with a one-line summary.
    #[serde(default)]
    history: Vec<super::history::HistoryEntry>,
    #[serde(flatten)]
    project: Project,
}

/// The JSON Schema of the project file, generated from the Rust types so that it cannot drift.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ProjectFileSchema)).expect("a schema serializes")
}

/// Only the version (and whether a field a later format defines is present), read first:
/// an older file whose shape a later format changed goes through the upgrade steps.
#[derive(serde::Deserialize)]
struct VersionOnly {
    format_version: Option<serde_json::Value>,
    #[serde(default)]
    testing: Option<serde::de::IgnoredAny>,
}

pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if crate::platform::file_in_use(err) {
        return "another program has the file open and Windows refuses to replace it; close it there (or \
                Explorer's preview of it) and save again"
            .into();
    }
    match err.kind() {
        // On Windows a file that another program holds open also gives "access denied".
        PermissionDenied if cfg!(windows) => "permission denied, or another program has the file open".into(),
        NotFound => "the file does not exist (it may have been moved, or the drive is disconnected)".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a folder, not a file".into(),
        NotADirectory => "a part of its path is a file, not a folder".into(),
        InvalidFilename => "the name is not allowed here, or the path is too long".into(),
        StorageFull => "the disk is full".into(),
        ReadOnlyFilesystem => "the drive is read-only".into(),
        _ => err.to_string(),
    }
}

/// Serializes a project with its header. Pretty-printed so that diffs and hand edits stay readable.
pub fn to_bytes(project: &Project, revision: &str) -> Vec<u8> {
    to_bytes_signed(project, revision, None)
}

/// [`to_bytes`], naming who saved it.
pub fn to_bytes_signed(project: &Project, revision: &str, saved_by: Option<&SavedBy>) -> Vec<u8> {
    to_bytes_with_lineage(project, revision, saved_by, &super::history::Lineage::default())
}

/// [`to_bytes_signed`], with the project's id and its history of saves.
pub fn to_bytes_with_lineage(
    project: &Project,
    revision: &str,
    saved_by: Option<&SavedBy>,
    lineage: &super::history::Lineage,
) -> Vec<u8> {
    let out = FileOut {
        format_version: FORMAT_VERSION,
        revision,
        saved_by,
        project_id: lineage.project_id.as_deref(),
        history: &lineage.history,
        project,
    };
    let mut bytes = serde_json::to_vec_pretty(&out).expect("a project always serializes");
    bytes.push(b'\n');
    bytes
}

/// The largest project file Steward reads: far above anything it writes (a generated project
/// at the record limit is well under this), and small enough to refuse a wrong file at once.
pub const MAX_PROJECT_BYTES: u64 = 512 * 1024 * 1024;

/// The UTF-8 byte-order mark that Windows Notepad puts in front of a file it saved.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses and validates file contents. `path` is only used in messages.
///
/// A leading byte-order mark is accepted (Steward itself never writes one). A key given twice
/// in any object is refused, as is anything the project model cannot hold exactly.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<(Project, FileHeader), LoadError> {
    let error = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
            let why = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
                "it is saved as UTF-16 text; save it as UTF-8".to_string()
            } else {
                format!("line {line}: it is not UTF-8 text (it may be a binary file or use another encoding)")
            };
            return Err(error(LoadErrorKind::Json(why)));
        }
    };
    // The check for keys given twice and the parse are independent passes over the text: for
    // a large file (a 10,000-record project is 24 MB) they run side by side.
    let (scanned, parsed) = if bytes.len() >= PARALLEL_SCAN_BYTES {
        std::thread::scope(|scope| {
            let scanning = std::thread::Builder::new()
                .name("steward-scan".into())
                .spawn_scoped(scope, || diagnose::scan(text));
            let parsed = serde_json::from_str::<Project>(text);
            let scanned = match scanning.map(|s| s.join()) {
                Ok(Ok(scanned)) => scanned,
                _ => diagnose::scan(text),
            };
            (scanned, Some(parsed))
        })
    } else {
        let scanned = diagnose::scan(text);
        let parsed = scanned.is_ok().then(|| serde_json::from_str::<Project>(text));
        (scanned, parsed)
    };
    if let Err(why) = scanned {
        return Err(error(LoadErrorKind::Json(why)));
    }
    // A file of the current format (every file this version writes) is read as it is.
    let current = |project: &Project| {
        project.extra.get("format_version").and_then(serde_json::Value::as_u64) == Some(u64::from(FORMAT_VERSION))
    };
    let parsed = match parsed {
        Some(Ok(project)) if current(&project) => Ok(project),
        _ => Err(()),
    };
    let mut project: Project = match parsed {
        Ok(project) => project,
        Err(()) => read_older_or_explain(text).map_err(error)?,
    };
    let version = match project.extra.remove("format_version") {
        None => return Err(error(LoadErrorKind::NotAProject)),
        Some(v) => v.as_u64().ok_or_else(|| {
            error(LoadErrorKind::Json(format!(
                "\"format_version\" must be a whole number, not {}",
                diagnose::describe(&v)
            )))
        })?,
    };
    if version > u64::from(FORMAT_VERSION) {
        return Err(error(LoadErrorKind::TooNew {
            found: version,
            supported: FORMAT_VERSION,
        }));
    }
    if version == 0 {
        return Err(error(LoadErrorKind::Json(
            "\"format_version\" 0 is not a valid version".into(),
        )));
    }
    let revision = match project.extra.remove("revision") {
        Some(serde_json::Value::String(r)) => r,
        _ => String::new(),
    };
    // Unreadable "who saved" is dropped rather than refusing the file; it is only information.
    let saved_by = project
        .extra
        .remove("saved_by")
        .and_then(|v| serde_json::from_value(v).ok());
    let lineage = super::history::Lineage {
        project_id: match project.extra.remove("project_id") {
            Some(serde_json::Value::String(id)) if !id.is_empty() => Some(id),
            _ => None,
        },
        history: project
            .extra
            .remove("history")
            .map(super::history::read_history)
            .unwrap_or_default(),
    };
    let problems = validate(&project);
    if !problems.is_empty() {
        return Err(error(LoadErrorKind::Invalid(
            problems.into_iter().map(|p| p.0).collect(),
        )));
    }
    Ok((
        project,
        FileHeader {
            format_version: version as u32,
            revision,
            saved_by,
            lineage,
        },
    ))
}

/// From this size on, the duplicate-key check runs on a second thread beside the parse.
const PARALLEL_SCAN_BYTES: usize = 1 << 20;

/// The text of a file that is not simply of the current format: an older one (upgraded step by
/// step where its shape changed), or one that does not parse, explained in plain words.
fn read_older_or_explain(text: &str) -> Result<Project, LoadErrorKind> {
    // Format 1 differs from format 2 only by the test plan, which it lacks (and which the model
    // fills in empty). Only a format 1 file with a hand-written "testing" field needs the upgrade
    // step on its JSON; everything else is read directly, with the plain-word diagnostics.
    let is_object = text.trim_start().starts_with('{');
    let needs_upgrade = match serde_json::from_str(text).ok().filter(|_| is_object) {
        Some(VersionOnly {
            format_version: Some(v),
            testing,
        }) => v
            .as_u64()
            .filter(|&found| (1..u64::from(FORMAT_VERSION)).contains(&found) && testing.is_some()),
        _ => None,
    };
    if let Some(found) = needs_upgrade {
        return read_upgraded(text.as_bytes(), found);
    }
    match serde_json::from_str(text) {
        Ok(project) => Ok(project),
        Err(json_err) => {
            let doc: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            // A newer file may fail to parse for reasons this version cannot know about:
            // name the version rather than the symptom.
            if let Some(found) = doc.get("format_version").and_then(serde_json::Value::as_u64)
                && found > u64::from(FORMAT_VERSION)
            {
                return Err(LoadErrorKind::TooNew {
                    found,
                    supported: FORMAT_VERSION,
                });
            }
            if doc.is_object() && doc.get("format_version").is_none() {
                return Err(LoadErrorKind::NotAProject);
            }
            Err(LoadErrorKind::Json(diagnose::explain(text, &doc, &json_err)))
        }
    }
}

/// Reads a whole file, but only a regular file of at most `limit` bytes: a device, a named
/// pipe or a huge file is refused at once, never read until memory runs out or waited on.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    check_regular(&meta, limit)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Should the file be swapped for a pipe after the check, opening must not wait.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| io_reason(&e))?;
    // Check what was actually opened, not only what the name pointed at a moment before.
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    check_regular(&meta, limit)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn check_regular(meta: &std::fs::Metadata, limit: u64) -> Result<(), String> {
    if meta.is_dir() {
        return Err("it is a folder, not a file".into());
    }
    if !meta.is_file() {
        return Err("it is not a regular file (it is a device, a pipe or a socket)".into());
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    Ok(())
}

fn too_large(size: u64, limit: u64) -> String {
    format!(
        "it is {}, larger than any project Steward writes (at most {})",
        human_size(size),
        human_size(limit)
    )
}

/// "3.2 GB", "512 MB", "17 KB", "900 bytes".
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB * KB {
        format!("{:.1} GB", b / (KB * KB * KB))
    } else if b >= KB * KB {
        format!("{:.0} MB", b / (KB * KB))
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads and parses a file. The file is only read, never written.
pub fn read_project(path: &Path) -> Result<(Project, FileHeader, Vec<u8>), LoadError> {
    let bytes = read_bounded(path, MAX_PROJECT_BYTES).map_err(|reason| LoadError {
        path: path.to_path_buf(),
        kind: LoadErrorKind::Io(reason),
    })?;
    let (project, header) = from_bytes(path, &bytes)?;
    Ok((project, header, bytes))
}

/// A fresh revision id for the next save.
pub fn new_revision() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    trait ForTest {
        fn to_string_for_test(&self) -> String;
    }
    impl ForTest for LoadErrorKind {
        fn to_string_for_test(&self) -> String {
            LoadError {
                path: "p.json".into(),
                kind: self.clone(),
            }
            .to_string()
        }
    }

    fn load(text: &str) -> Result<Project, LoadErrorKind> {
        from_bytes(Path::new("p.json"), text.as_bytes())
            .map(|(p, _)| p)
            .map_err(|e| e.kind)
    }

    #[test]
    fn round_trip_keeps_everything() {
        let p = template::standard();
        let bytes = to_bytes(&p, "rev-1");
        let (back, header) = from_bytes(Path::new("x"), &bytes).unwrap();
        assert_eq!(back, p);
        assert_eq!(
            header,
            FileHeader {
                format_version: FORMAT_VERSION,
                revision: "rev-1".into(),
                saved_by: None,
                lineage: Default::default(),
            }
        );
        let who = SavedBy {
            user: "ana".into(),
            host: "FINANCE-PC".into(),
            at: "2026-11-24T10:42:00+01:00".into(),
        };
        let (back, header) = from_bytes(Path::new("x"), &to_bytes_signed(&p, "rev-2", Some(&who))).unwrap();
        assert_eq!(back, p, "who saved is not part of the project");
        assert_eq!(header.saved_by, Some(who));
    }

    #[test]
    fn the_project_id_and_history_travel_beside_the_project() {
        let p = template::standard();
        let who = SavedBy {
            user: "ana".into(),
            host: "FINANCE-PC".into(),
            at: "2026-11-24T10:42:00+01:00".into(),
        };
        let lineage = super::super::history::Lineage::default().after_save("rev-1", &who, "2 stakeholders edited");
        let bytes = to_bytes_with_lineage(&p, "rev-1", Some(&who), &lineage);
        let (back, header) = from_bytes(Path::new("x"), &bytes).unwrap();
        assert_eq!(back, p, "neither is part of the project");
        assert_eq!(header.lineage, lineage);
        // A broken history is only information: the file still opens, without it.
        let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        value["history"] = serde_json::json!("lost");
        value["project_id"] = serde_json::json!(7);
        let (back, header) = from_bytes(Path::new("x"), &serde_json::to_vec(&value).unwrap()).unwrap();
        assert_eq!(back, p);
        assert_eq!(header.lineage, Default::default());
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let text = r#"{"format_version":1,"future_top":{"a":1},"details":{"name":"X","future_detail":true},
            "stakeholders":[{"id":1,"name":"Ann","shoe_size":42}]}"#;
        let p = load(text).unwrap();
        let again = String::from_utf8(to_bytes(&p, "r")).unwrap();
        for needle in ["future_top", "future_detail", "shoe_size"] {
            assert!(again.contains(needle), "{needle} lost");
        }
    }

    #[test]
    fn newer_version_is_refused_naming_both_versions() {
        let err = from_bytes(
            Path::new("/share/p.json"),
            br#"{"format_version":7,"details":{"name":"x"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.kind,
            LoadErrorKind::TooNew {
                found: 7,
                supported: FORMAT_VERSION
            }
        );
        let msg = err.to_string();
        assert!(
            msg.contains("/share/p.json") && msg.contains('7') && msg.contains(&format!("format {FORMAT_VERSION}")),
            "{msg}"
        );
    }

    #[test]
    fn newer_version_with_an_unreadable_shape_still_says_newer() {
        let kind = load(r#"{"format_version":3,"details":"a string now"}"#).unwrap_err();
        assert!(matches!(kind, LoadErrorKind::TooNew { found: 3, .. }));
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let kind = load("{\n  \"format_version\": 1,\n  \"details\": {\"name\": }\n}").unwrap_err();
        match kind {
            LoadErrorKind::Json(text) => assert!(text.contains("line 3"), "{text}"),
            other => panic!("{other:?}"),
        }
    }

    fn json_message(text: &str) -> String {
        match load(text).unwrap_err() {
            LoadErrorKind::Json(t) => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_required_field_is_named() {
        let t = json_message(r#"{"format_version":1,"details":{"name":"x"},"stakeholders":[{"id":1}]}"#);
        assert!(
            t.contains("stakeholder 1") && t.contains("required field \"name\" is missing"),
            "{t}"
        );
    }

    #[test]
    fn wrong_type_is_named_with_field_value_and_line() {
        let t = json_message(
            "{\"format_version\":1,\"details\":{\"name\":\"x\"},\n\"stakeholders\":[\n{\"id\":1,\"name\":\"Ann\",\n\"power\":\"high\"}]}",
        );
        assert_eq!(
            t,
            "line 4: stakeholder 1 (\"Ann\"), field \"power\": it holds the text \"high\", but it must be a whole number"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted_and_never_written() {
        let p = template::standard();
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(to_bytes(&p, "r"));
        let (back, _) = from_bytes(Path::new("p.json"), &bytes).expect("a BOM is accepted");
        assert_eq!(back, p);
        assert!(!to_bytes(&back, "r").starts_with(b"\xEF"));
    }

    #[test]
    fn load_errors_speak_plain_words() {
        // A JSON list, not a project.
        let t = json_message("[1, 2]");
        assert!(t.contains("holds a list") && t.contains("not a Steward project"), "{t}");
        assert!(!t.contains("invalid type"), "{t}");
        // A date that does not exist.
        let t = json_message("{\"format_version\":1,\n\"details\":{\"name\":\"x\",\n  \"exit_date\":\"2027-02-30\"}}");
        assert_eq!(
            t,
            "line 3: field \"details\", field \"exit_date\": \"2027-02-30\" is not a date that exists"
        );
        // An empty file.
        assert_eq!(json_message(""), "the file is empty");
        assert_eq!(json_message("  \n"), "the file is empty");
        // A cut-off file.
        let t = json_message("{\"format_version\":1,\n\"details\":{\"name\":");
        assert!(t.starts_with("line 2") && t.contains("ends in the middle"), "{t}");
        // A choice that does not exist.
        let t = json_message(
            r#"{"format_version":1,"details":{"name":"x"},"handover":[{"id":1,"skill":"S","stage":"done"}]}"#,
        );
        assert!(
            t.contains("hand-over item 1 (\"S\"), field \"stage\"") && t.contains("\"done\" is not one of"),
            "{t}"
        );
        // A number too large for its field.
        let t = json_message(
            r#"{"format_version":1,"details":{"name":"x"},"stakeholders":[{"id":1,"name":"A","power":300}]}"#,
        );
        assert!(
            t.contains("field \"power\"") && t.contains("300") && t.contains("at most 255"),
            "{t}"
        );
        // Nested: a log entry's date.
        let t = json_message(
            r#"{"format_version":1,"details":{"name":"x"},"stakeholders":[{"id":1,"name":"A","log":[{"id":2,"date":"soon"}]}]}"#,
        );
        assert!(
            t.contains("stakeholder 1 (\"A\"), log entry 1 (\"soon\"), field \"date\"") && t.contains("YYYY-MM-DD"),
            "{t}"
        );
        // Binary and UTF-16 files.
        let t = json_message("\u{0}\u{1}");
        assert!(!t.is_empty());
        let kind = from_bytes(Path::new("p"), b"\xFF\xFE{\x00").unwrap_err().kind;
        assert!(
            matches!(&kind, LoadErrorKind::Json(t) if t.contains("UTF-16")),
            "{kind:?}"
        );
    }

    #[test]
    fn a_key_given_twice_is_refused_anywhere() {
        let t = json_message(r#"{"format_version":1,"details":{"name":"x","name":"y"}}"#);
        assert_eq!(t, "line 1: field \"details\": the field \"name\" is given twice");
        let t = json_message("{\"format_version\":1,\"details\":{\"name\":\"x\"},\n\"future\":{\"a\":1,\"a\":2}}");
        assert!(t.starts_with("line 2") && t.contains("\"a\" is given twice"), "{t}");
        let t = json_message(r#"{"format_version":1,"format_version":1,"details":{"name":"x"}}"#);
        assert!(t.contains("\"format_version\" is given twice"), "{t}");
    }

    #[test]
    fn unknown_numbers_are_kept_exactly_as_written() {
        let text = r#"{"format_version":1,"details":{"name":"x","big":123456789012345678901234567890,"neg_zero":-0,"exp":1.50e+3,"tiny":1e-400},"future":[-0.0,18446744073709551616]}"#;
        let p = load(text).unwrap();
        let again = String::from_utf8(to_bytes(&p, "r")).unwrap();
        for needle in [
            "123456789012345678901234567890",
            "\"neg_zero\": -0,",
            "1.50e+3",
            "1e-400",
            "-0.0",
            "18446744073709551616",
        ] {
            assert!(again.contains(needle), "{needle} changed: {again}");
        }
        assert_eq!(load(&again).unwrap(), p);
    }

    #[test]
    fn a_huge_percentage_is_refused_on_load() {
        let t = json_message(
            r#"{"format_version":1,"details":{"name":"x"},"readiness_history":[{"date":"2026-01-01","overall":1e39}]}"#,
        );
        assert!(
            t.contains("readiness snapshot 1") && t.contains("\"overall\"") && t.contains("ordinary size"),
            "{t}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_pipes_and_huge_files_are_refused_without_reading() {
        let err = read_project(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates a file system entry.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = read_project(&fifo).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let huge = dir.path().join("huge.json");
        std::fs::File::create(&huge)
            .unwrap()
            .set_len(MAX_PROJECT_BYTES + 1)
            .unwrap();
        let err = read_project(&huge).unwrap_err();
        assert!(
            err.to_string().contains("larger than any project Steward writes"),
            "{err}"
        );
        let err = read_bounded(&huge, 10).unwrap_err();
        assert!(err.contains("512 MB") && err.contains("10 bytes"), "{err}");
        let err = read_project(dir.path()).unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
    }

    #[test]
    fn dangling_id_is_refused() {
        let kind = load(r#"{"format_version":1,"details":{"name":"x","system_owner":5}}"#).unwrap_err();
        assert!(
            matches!(&kind, LoadErrorKind::Invalid(p) if p[0].contains("stakeholder id 5")),
            "{kind:?}"
        );
    }

    /// A format 1 file as Steward 1 wrote it, with a hand-added `testing` field it did not know.
    const FORMAT_1: &str = r#"{
      "format_version": 1, "revision": "r1",
      "details": {"name": "Old", "go_live_date": "2026-12-01"},
      "settings": {"max_load_per_person": 4},
      "areas": [{"id": 1, "name": "Finance", "raci": [{"stakeholder": 2, "role": "A"}]}],
      "stakeholders": [{"id": 2, "name": "Ann"}],
      "testing": "see the spreadsheet"
    }"#;

    #[test]
    fn a_format_1_file_opens_with_an_empty_test_plan_and_loses_nothing() {
        let (p, header) = from_bytes(Path::new("old.json"), FORMAT_1.as_bytes()).unwrap();
        assert_eq!(header.format_version, 1, "the header says what was read");
        assert!(p.testing.is_empty());
        assert_eq!(p.settings.max_load_per_person, 4);
        assert!(p.settings.exit_require_sign_off, "the new criterion is on");
        assert_eq!(p.areas[0].raci.len(), 1);
        assert_eq!(
            p.extra.get("testing_kept_from_format_1"),
            Some(&serde_json::json!("see the spreadsheet"))
        );
        // Written back in the current format, and read again unchanged.
        let bytes = to_bytes(&p, "r2");
        let (again, header) = from_bytes(Path::new("new.json"), &bytes).unwrap();
        assert_eq!(header.format_version, FORMAT_VERSION);
        assert_eq!(again, p);
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("\"testing\": {") && text.contains("\"format_version\": 2"),
            "{text}"
        );
    }

    /// Large files take the other path (the duplicate check beside the parse): the same answers.
    #[test]
    fn a_large_file_is_checked_and_upgraded_as_a_small_one() {
        let project = crate::model::generate::generate(crate::model::generate::Sizes::uniform(600), 2);
        let text = String::from_utf8(to_bytes(&project, "r1")).unwrap();
        assert!(text.len() >= PARALLEL_SCAN_BYTES, "{} bytes", text.len());
        let (back, _) = from_bytes(Path::new("big.json"), text.as_bytes()).unwrap();
        assert_eq!(back, project);
        // A key given twice near the end, in a record that otherwise parses.
        let at = text.rfind("\"notes\": \"").unwrap();
        let twice = format!("{}\"notes\": \"a\", {}", &text[..at], &text[at..]);
        let kind = from_bytes(Path::new("big.json"), twice.as_bytes()).unwrap_err().kind;
        assert!(
            matches!(&kind, LoadErrorKind::Json(t) if t.contains("\"notes\" is given twice")),
            "{kind:?}"
        );
        // A format 1 file with a hand-written "testing" field is upgraded, however large.
        let old = FORMAT_1.replace(
            "\"testing\": \"see the spreadsheet\"",
            &format!(
                "\"testing\": \"see the spreadsheet\", \"padding\": \"{}\"",
                "x".repeat(PARALLEL_SCAN_BYTES)
            ),
        );
        let (p, header) = from_bytes(Path::new("old.json"), old.as_bytes()).unwrap();
        assert_eq!(header.format_version, 1);
        assert!(p.testing.is_empty());
        assert!(p.extra.contains_key("testing_kept_from_format_1"));
    }

    #[test]
    fn three_rounds_of_results_survive_a_round_trip() {
        use crate::model::testing::{record_result, sign_off};
        use crate::model::{Raci, RoundId, Stakeholder, StakeholderId, TestStatus, apply};
        let mut p = template::standard();
        p.stakeholders.push(Stakeholder::new(StakeholderId(900), "Ann Staff"));
        let finance = p.areas.iter().find(|a| a.name == "Finance").unwrap().id;
        p.areas
            .iter_mut()
            .find(|a| a.id == finance)
            .unwrap()
            .set_role(StakeholderId(900), Some(Raci::Accountable));
        let rounds: Vec<RoundId> = p.testing.rounds.iter().map(|r| r.id).collect();
        assert_eq!(rounds.len(), 3);
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        let statuses = [TestStatus::Failed, TestStatus::Blocked, TestStatus::Passed];
        for (i, round) in rounds.iter().enumerate() {
            let scenarios: Vec<_> = p.testing.scenarios.iter().map(|s| s.id).collect();
            for (j, scenario) in scenarios.into_iter().enumerate() {
                let status = if i == 2 {
                    TestStatus::Passed
                } else {
                    statuses[(i + j) % 3]
                };
                let recorded = record_result(
                    &p,
                    scenario,
                    *round,
                    status,
                    Some(StakeholderId(900)),
                    day(i as u32 + 1),
                )
                .unwrap();
                apply(&mut p, recorded.edit).unwrap();
            }
        }
        p.testing.results[0].defect = "https://vendor.example/ticket/12".into();
        p.testing.results[1].note = "Needs the new price list".into();
        let edit = sign_off(&p, finance, StakeholderId(900), day(20)).unwrap();
        apply(&mut p, edit).unwrap();
        assert_eq!(p.testing.results.len(), 3 * p.testing.scenarios.len());
        let (back, _) = from_bytes(Path::new("x"), &to_bytes(&p, "rev")).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn bad_test_plans_are_refused_in_plain_words() {
        let with = |testing: &str| {
            let text = format!(r#"{{"format_version":2,"details":{{"name":"x"}},"testing":{testing}}}"#);
            load(&text).unwrap_err().to_string_for_test()
        };
        let missing = with(
            r#"{"scenarios":[{"id":1,"title":"Renew"}],"rounds":[{"id":2,"name":"UAT"}],
            "results":[{"id":3,"scenario":9,"round":2,"status":"passed"}]}"#,
        );
        assert!(
            missing.contains("test result id 3 is for scenario id 9, which does not exist"),
            "{missing}"
        );
        let unnamed = with(r#"{"rounds":[{"id":2,"name":""}]}"#);
        assert!(unnamed.contains("test round id 2 has no name"), "{unnamed}");
        let not_a_date = with(r#"{"rounds":[{"id":2,"name":"UAT","start":"next Monday"}]}"#);
        assert!(not_a_date.contains("\"next Monday\" is not a date"), "{not_a_date}");
        assert!(not_a_date.contains("line 1"), "the place is named: {not_a_date}");
        let status = with(
            r#"{"scenarios":[{"id":1,"title":"Renew"}],"rounds":[{"id":2,"name":"UAT"}],
            "results":[{"id":3,"scenario":1,"round":2,"status":"green"}]}"#,
        );
        assert!(status.contains("\"green\" is not one of the known choices"), "{status}");
    }

    #[test]
    fn a_refused_file_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.json");
        let text = r#"{"format_version":2,"details":{"name":"x"},"testing":{"rounds":[{"id":2,"name":" "}]}}"#;
        std::fs::write(&path, text).unwrap();
        let err = read_project(&path).unwrap_err();
        assert!(err.to_string().contains("has no name"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "nothing written beside it"
        );
    }

    #[test]
    fn a_file_without_version_is_not_a_project() {
        assert_eq!(
            load(r#"{"details":{"name":"x"}}"#).unwrap_err(),
            LoadErrorKind::NotAProject
        );
    }

    #[test]
    fn missing_file_is_an_io_error_naming_the_path() {
        let err = read_project(Path::new("/nonexistent/dir/p.json")).unwrap_err();
        assert!(matches!(err.kind, LoadErrorKind::Io(_)));
        assert!(err.to_string().contains("/nonexistent/dir/p.json"));
    }
}
