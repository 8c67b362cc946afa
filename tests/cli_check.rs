//! `steward check` as a scheduled job on a shared drive would run it.

use std::process::Command;

fn steward(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn a_valid_file_prints_summary_findings_and_readiness_and_exits_zero() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json");
    let out = steward(&["check", demo]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "valid (format 2)",
        "Stakeholders: 15",
        "Findings:",
        "[High]",
        "Exit readiness:",
        "Verdict: NO-GO",
        "Membership",
        "Acceptance testing:",
        "Every area signed off after testing by staff",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn a_broken_file_exits_non_zero_with_the_message_on_stderr_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, b"{\"format_version\": 1, \"details\": ").unwrap();
    let out = steward(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("broken.json") && err.contains("line 1"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"{\"format_version\": 1, \"details\": ");
}

#[test]
fn a_newer_file_names_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.json");
    std::fs::write(&path, br#"{"format_version": 9, "details": {"name": "x"}}"#).unwrap();
    let out = steward(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("format 9") && err.contains(&format!("format {}", steward::storage::FORMAT_VERSION)),
        "{err}"
    );
}

#[test]
fn generate_writes_a_valid_file_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let p = path.to_str().unwrap();
    assert!(steward(&["generate", p, "--records", "50"]).status.success());
    assert!(steward(&["check", p]).status.success());
    let before = std::fs::read(&path).unwrap();
    let again = steward(&["generate", p, "--records", "10"]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
