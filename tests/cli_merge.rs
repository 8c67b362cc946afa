//! `steward merge`, as a git merge driver would call it.

use std::path::{Path, PathBuf};
use std::process::Command;

use steward::model::Project;
use steward::storage;

fn steward(args: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_steward"))
        .arg("merge")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Base, mine and theirs in `dir`, each the demo with a change.
fn three(dir: &Path, mine: impl FnOnce(&mut Project), theirs: impl FnOnce(&mut Project)) -> [PathBuf; 3] {
    let demo = storage::open_project(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json")))
        .unwrap()
        .project;
    let (mut m, mut t) = (demo.clone(), demo.clone());
    mine(&mut m);
    theirs(&mut t);
    let mut paths = Vec::new();
    for (name, project) in [("base.json", &demo), ("mine.json", &m), ("theirs.json", &t)] {
        let path = dir.join(name);
        storage::save_project(&path, project, None, false).unwrap();
        paths.push(path);
    }
    paths.try_into().unwrap()
}

#[test]
fn changes_to_different_records_merge_into_the_output_and_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let [base, mine, theirs] = three(
        dir.path(),
        |p| p.stakeholders[0].notes = "mine".into(),
        |p| p.kickoff[1].notes = "theirs".into(),
    );
    let out = steward(&[&base, &mine, &theirs, Path::new("--out"), &mine]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let merged = storage::open_project(&mine).unwrap().project;
    assert_eq!(merged.stakeholders[0].notes, "mine");
    assert_eq!(merged.kickoff[1].notes, "theirs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 kickoff item changed"));
    // Both sides' saves stay in the file's history, and the merge adds its own.
    let history = storage::open_project(&mine).unwrap().header.lineage.history;
    let summaries: Vec<&str> = history.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(summaries.len(), 3, "{summaries:?}");
    assert_eq!(summaries[2], "merged with steward merge: 1 kickoff item changed");
}

#[test]
fn conflicts_exit_one_and_write_nothing_unless_a_side_is_preferred() {
    let dir = tempfile::tempdir().unwrap();
    let [base, mine, theirs] = three(
        dir.path(),
        |p| p.details.vendor = "Mine".into(),
        |p| p.details.vendor = "Theirs".into(),
    );
    let target = dir.path().join("merged.json");
    let out = steward(&[&base, &mine, &theirs, Path::new("--out"), &target]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("conflict: project details › vendor"), "{err}");
    assert!(err.contains("mine:   Mine") && err.contains("theirs: Theirs"), "{err}");
    assert!(!target.exists());

    let out = steward(&[
        &base,
        &mine,
        &theirs,
        Path::new("--out"),
        &target,
        Path::new("--prefer"),
        Path::new("theirs"),
    ]);
    assert!(out.status.success());
    assert_eq!(storage::open_project(&target).unwrap().project.details.vendor, "Theirs");
}
