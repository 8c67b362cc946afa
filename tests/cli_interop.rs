//! The export, new and upgrade commands, as scripts on a shared drive would use them.

use std::process::{Command, Output};

fn steward(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(args)
        .output()
        .expect("the binary runs")
}

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json");

#[test]
fn export_writes_csv_html_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("people.csv");
    let out = steward(&["export", DEMO, "--format", "csv", "--out", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}Id,Name,Role"));
    assert_eq!(text.lines().count(), 16, "header and 15 people");

    let kickoff = dir.path().join("kickoff.csv");
    assert!(
        steward(&[
            "export",
            DEMO,
            "--format",
            "csv",
            "--list",
            "kickoff",
            "--out",
            kickoff.to_str().unwrap()
        ])
        .status
        .success()
    );
    assert!(std::fs::read_to_string(&kickoff).unwrap().contains("Settled on"));

    for (list, header) in [
        ("scenarios", "Id,Scenario,Area"),
        ("results", "Scenario id,Scenario,Round"),
    ] {
        let path = dir.path().join(format!("{list}.csv"));
        let out = steward(&[
            "export",
            DEMO,
            "--format",
            "csv",
            "--list",
            list,
            "--out",
            path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with(&format!("\u{feff}{header}"))
        );
    }

    let html = dir.path().join("report.html");
    assert!(
        steward(&[
            "export",
            DEMO,
            "--format",
            "html",
            "--hide-names",
            "--out",
            html.to_str().unwrap()
        ])
        .status
        .success()
    );
    let report = std::fs::read_to_string(&html).unwrap();
    assert!(report.contains("<svg") && !report.contains("Tom Okafor"));

    let json = dir.path().join("copy.json");
    assert!(
        steward(&["export", DEMO, "--format", "json", "--out", json.to_str().unwrap()])
            .status
            .success()
    );
    assert!(steward(&["check", json.to_str().unwrap()]).status.success());
}

#[test]
fn export_refuses_to_write_over_the_project_and_bad_input_fails() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.json");
    std::fs::copy(DEMO, &project).unwrap();
    let before = std::fs::read(&project).unwrap();
    let p = project.to_str().unwrap();
    assert_eq!(
        steward(&["export", p, "--format", "csv", "--out", p]).status.code(),
        Some(2)
    );
    assert_eq!(std::fs::read(&project).unwrap(), before);
    assert_eq!(
        steward(&["export", p, "--format", "pdf", "--out", "x"]).status.code(),
        Some(2),
        "usage error"
    );
    let missing = steward(&[
        "export",
        "/nonexistent/p.json",
        "--format",
        "csv",
        "--out",
        dir.path().join("o.csv").to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/p.json"));
}

#[test]
fn new_creates_from_a_template_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.json");
    let p = path.to_str().unwrap();
    assert!(steward(&["new", p]).status.success());
    let check = String::from_utf8(steward(&["check", p]).stdout).unwrap();
    assert!(
        check.contains("Areas: 6") && check.contains("Kickoff items: 20"),
        "{check}"
    );
    let before = std::fs::read(&path).unwrap();
    assert_eq!(steward(&["new", p, "--template", "blank"]).status.code(), Some(2));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let blank = dir.path().join("blank.json");
    assert!(
        steward(&["new", blank.to_str().unwrap(), "--template", "blank"])
            .status
            .success()
    );
    assert_eq!(
        steward(&["new", dir.path().join("x.json").to_str().unwrap(), "--template", "nope"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn upgrade_rewrites_safely_keeping_unknown_fields_and_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.json");
    let original = br#"{"format_version":1,"details":{"name":"Old","from_the_future":42},"shoe":"size"}"#;
    std::fs::write(&path, original).unwrap();
    let out = steward(&["upgrade", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("from_the_future") && text.contains("\"shoe\"") && text.contains("\"revision\""));
    assert_eq!(std::fs::read(dir.path().join("old.json.bak")).unwrap(), original);

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, b"{not json").unwrap();
    assert_eq!(steward(&["upgrade", broken.to_str().unwrap()]).status.code(), Some(1));
    assert_eq!(std::fs::read(&broken).unwrap(), b"{not json");
    assert!(!dir.path().join("broken.json.bak").exists());
}
