//! The project file format: JSON with a `format_version` and a `revision` id at the top.
//!
//! Loading never panics and never touches the file on disk: every failure becomes a
//! [`LoadError`] naming the file and the problem (with line and column where JSON has them).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Project, validate};

/// The format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

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
}

/// Who saved a version of the file: user, computer and time, written beside the revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// The file format; this build writes and reads format 1.
    format_version: u32,
    /// Renewed at every save, to recognise a file someone else changed.
    #[serde(default)]
    revision: String,
    /// Who wrote this version and when.
    #[serde(default)]
    saved_by: Option<SavedBy>,
    #[serde(flatten)]
    project: Project,
}

/// The JSON Schema of the project file, generated from the Rust types so that it cannot drift.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ProjectFileSchema)).expect("a schema serializes")
}

/// Only the version, read when the full parse failed, to tell "newer" from "broken".
#[derive(Deserialize)]
struct VersionOnly {
    format_version: Option<serde_json::Value>,
}

pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "the file does not exist (it may have been moved, or the drive is disconnected)".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a folder, not a file".into(),
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
    let out = FileOut {
        format_version: FORMAT_VERSION,
        revision,
        saved_by,
        project,
    };
    let mut bytes = serde_json::to_vec_pretty(&out).expect("a project always serializes");
    bytes.push(b'\n');
    bytes
}

/// Parses and validates file contents. `path` is only used in messages.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<(Project, FileHeader), LoadError> {
    let error = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let mut project: Project = match serde_json::from_slice(bytes) {
        Ok(project) => project,
        Err(json_err) => {
            // A newer file may fail to parse for reasons this version cannot know about:
            // name the version rather than the symptom.
            if let Ok(VersionOnly {
                format_version: Some(v),
            }) = serde_json::from_slice(bytes)
                && let Some(found) = v.as_u64()
                && found > u64::from(FORMAT_VERSION)
            {
                return Err(error(LoadErrorKind::TooNew {
                    found,
                    supported: FORMAT_VERSION,
                }));
            }
            return Err(error(LoadErrorKind::Json(json_err.to_string())));
        }
    };
    let version = match project.extra.remove("format_version") {
        None => return Err(error(LoadErrorKind::NotAProject)),
        Some(v) => v.as_u64().ok_or_else(|| {
            error(LoadErrorKind::Json(format!(
                "\"format_version\" must be a whole number, not {v}"
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
        },
    ))
}

/// Reads and parses a file. The file is only read, never written.
pub fn read_project(path: &Path) -> Result<(Project, FileHeader, Vec<u8>), LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError {
        path: path.to_path_buf(),
        kind: LoadErrorKind::Io(io_reason(&e)),
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
            msg.contains("/share/p.json") && msg.contains('7') && msg.contains("format 1"),
            "{msg}"
        );
    }

    #[test]
    fn newer_version_with_an_unreadable_shape_still_says_newer() {
        let kind = load(r#"{"format_version":2,"details":"a string now"}"#).unwrap_err();
        assert!(matches!(kind, LoadErrorKind::TooNew { found: 2, .. }));
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let kind = load("{\n  \"format_version\": 1,\n  \"details\": {\"name\": }\n}").unwrap_err();
        match kind {
            LoadErrorKind::Json(text) => assert!(text.contains("line 3"), "{text}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_required_field_is_named() {
        let kind = load(r#"{"format_version":1,"details":{"name":"x"},"stakeholders":[{"id":1}]}"#).unwrap_err();
        assert!(
            matches!(&kind, LoadErrorKind::Json(t) if t.contains("missing field `name`")),
            "{kind:?}"
        );
    }

    #[test]
    fn wrong_type_is_named() {
        let kind =
            load(r#"{"format_version":1,"details":{"name":"x"},"stakeholders":[{"id":1,"name":"A","power":"high"}]}"#)
                .unwrap_err();
        assert!(
            matches!(&kind, LoadErrorKind::Json(t) if t.contains("invalid type")),
            "{kind:?}"
        );
    }

    #[test]
    fn dangling_id_is_refused() {
        let kind = load(r#"{"format_version":1,"details":{"name":"x","system_owner":5}}"#).unwrap_err();
        assert!(
            matches!(&kind, LoadErrorKind::Invalid(p) if p[0].contains("stakeholder id 5")),
            "{kind:?}"
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
