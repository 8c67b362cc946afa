//! `steward minutes`: a meeting's minutes from a script, as File › Export writes them.

use std::process::{Command, Output};

fn steward(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(args)
        .output()
        .expect("the binary runs")
}

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json");

#[test]
fn minutes_are_written_for_the_meeting_named_or_the_latest_held() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.html");
    let o = out.to_str().unwrap();
    let run = steward(&["minutes", DEMO, "--out", o]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains("Minutes: Kickoff with Brightpath"),
        "the latest meeting held"
    );
    assert!(html.contains("Tom Okafor"));

    let run = steward(&[
        "minutes",
        DEMO,
        "--out",
        o,
        "--meeting",
        "internal KICKOFF",
        "--hide-names",
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Minutes: Internal kickoff"));
    assert!(!html.contains("Tom Okafor") && !html.contains("Helen Marsh"));

    let run = steward(&["minutes", DEMO, "--out", o, "--meeting", "360"]);
    assert!(run.status.success());
    assert!(std::fs::read_to_string(&out).unwrap().contains("Minutes: Exit review"));
}

#[test]
fn an_unknown_meeting_is_named_with_the_ones_there_are_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.html");
    let run = steward(&["minutes", DEMO, "--out", out.to_str().unwrap(), "--meeting", "Board"]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("no meeting \"Board\"") && err.contains("Exit review · 23 June 2027 (id 360)"),
        "{err}"
    );
    assert!(!out.exists());
    // The project itself is never the output.
    let project = dir.path().join("p.json");
    std::fs::copy(DEMO, &project).unwrap();
    let p = project.to_str().unwrap();
    assert_eq!(steward(&["minutes", p, "--out", p]).status.code(), Some(2));
    assert_eq!(std::fs::read(&project).unwrap(), std::fs::read(DEMO).unwrap());
}
