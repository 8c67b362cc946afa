//! How project files are named. A project is saved as `NAME.steward` (the same JSON as ever);
//! files named `NAME.json` by earlier versions still open and keep their name when saved.

use std::path::{Path, PathBuf};

/// Steward's own file extension, without the dot.
pub const PROJECT_EXTENSION: &str = "steward";

/// Extensions the Open and Save dialogs offer as projects: ours first, then the older one.
pub const PROJECT_EXTENSIONS: &[&str] = &[PROJECT_EXTENSION, "json"];

/// The file name a new project is offered under: its name with characters that Windows or a
/// share refuse replaced, plus `.steward`. An empty name becomes "Project".
pub fn default_file_name(project_name: &str) -> String {
    let cleaned: String = project_name
        .trim()
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    // Windows drops trailing dots and spaces silently; never let the name end with them.
    let cleaned = cleaned.trim_end_matches(['.', ' ']).trim();
    let stem = if cleaned.is_empty() { "Project" } else { cleaned };
    format!("{stem}.{PROJECT_EXTENSION}")
}

/// `path` as given when it has an extension; otherwise with `.steward` added. A typed
/// "Budget 2027" becomes "Budget 2027.steward", while "old.json" stays "old.json".
pub fn with_project_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() || path.file_name().is_none() {
        return path;
    }
    let mut name = path.file_name().expect("checked above").to_os_string();
    name.push(".");
    name.push(PROJECT_EXTENSION);
    path.with_file_name(name)
}

/// Whether `path` looks like a project by its extension (`.steward` or `.json`, any case).
pub fn is_project_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PROJECT_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_projects_are_offered_as_dot_steward() {
        assert_eq!(default_file_name("AMS rollout"), "AMS rollout.steward");
        assert_eq!(default_file_name("  "), "Project.steward");
        assert_eq!(default_file_name("CRM: phase 2/3?"), "CRM- phase 2-3-.steward");
        assert_eq!(default_file_name("Ends with dots..."), "Ends with dots.steward");
    }

    #[test]
    fn a_typed_name_without_extension_gets_ours_and_others_keep_theirs() {
        assert_eq!(
            with_project_extension(PathBuf::from("/share/Budget 2027")),
            PathBuf::from("/share/Budget 2027.steward")
        );
        assert_eq!(
            with_project_extension(PathBuf::from("/share/old.json")),
            PathBuf::from("/share/old.json")
        );
        assert_eq!(
            with_project_extension(PathBuf::from("p.steward")),
            PathBuf::from("p.steward")
        );
    }

    #[test]
    fn both_extensions_count_as_projects() {
        assert!(is_project_file(Path::new("a.steward")));
        assert!(is_project_file(Path::new("A.STEWARD")));
        assert!(is_project_file(Path::new("a.json")));
        assert!(!is_project_file(Path::new("a.csv")));
        assert!(!is_project_file(Path::new("steward")));
    }
}
