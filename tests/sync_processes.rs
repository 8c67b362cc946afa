//! Two people, one file, in separate processes: one Steward edits, a second Steward has the
//! file open read-only, and an outside writer (this test process) changes the file. Each
//! Steward is the real app without a window (`steward drive`), with its own lock, watcher and
//! merge-on-save; they share nothing but the file.
//!
//! Nothing is lost, the reader follows every save, and the conflict appears in the editor's
//! merge dialog (the only window with unsaved work), never in the reader's.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::Value;
use steward::storage::{self, SavedBy};

/// One running Steward, driven line by line.
struct Steward {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Steward {
    /// Starts Steward on `file` and returns it with its first state (after opening).
    fn open(file: &Path) -> (Steward, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_steward"))
            .args(["drive", "--watch-secs", "1"])
            .arg(file)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("steward starts");
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        let mut steward = Steward { child, input, output };
        let state = steward.read();
        (steward, state)
    }

    fn read(&mut self) -> Value {
        let mut line = String::new();
        self.output.read_line(&mut line).expect("steward answers");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not a state ({e}): {line:?}"))
    }

    /// Sends one line and returns the state after it.
    fn send(&mut self, line: &str) -> Value {
        writeln!(self.input, "{line}").unwrap();
        self.input.flush().unwrap();
        let state = self.read();
        assert_eq!(state["ok"], true, "{line}: {state}");
        state
    }

    fn quit(mut self) {
        writeln!(self.input, "quit").unwrap();
        self.input.flush().unwrap();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "steward ended with {status}");
    }
}

impl Drop for Steward {
    fn drop(&mut self) {
        // Only after a failed assertion: do not leave the process behind.
        let _ = self.child.kill();
    }
}

fn notes(state: &Value, index: usize) -> &str {
    state["notes"][index].as_str().unwrap()
}

/// Someone outside Steward's windows (a script, another program) saves the file.
fn outside_save(path: &Path, change: impl FnOnce(&mut steward::model::Project)) {
    let opened = storage::open_project(path).unwrap();
    let mut project = opened.project;
    change(&mut project);
    let who = SavedBy {
        user: "ana".into(),
        host: "FINANCE-PC".into(),
        at: chrono::Local::now().to_rfc3339(),
    };
    let revision = storage::new_revision();
    let lineage = opened
        .header
        .lineage
        .after_save(&revision, &who, "2 stakeholders edited");
    storage::safe_save(
        path,
        &storage::to_bytes_with_lineage(&project, &revision, Some(&who), &lineage),
    )
    .unwrap();
}

fn demo_copy(dir: &Path) -> PathBuf {
    let path = dir.join("plan.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json"), &path).unwrap();
    path
}

#[test]
fn an_editor_a_reader_and_an_outside_writer_in_three_processes_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let original = storage::open_project(&path).unwrap().project;
    let untouched = original.stakeholders[2].notes.clone();

    let (mut editor, state) = Steward::open(&path);
    assert_eq!(
        (state["read_only"].as_bool(), state["dialog"].as_str()),
        (Some(false), None)
    );
    let (mut reader, state) = Steward::open(&path);
    assert_eq!(
        state["dialog"], "locked",
        "the editor's process holds the lock: {state}"
    );
    let state = reader.send("read-only");
    assert_eq!(state["read_only"], true);

    // The editor changes a note and does not save yet.
    let state = editor.send("notes 0 the editor's note");
    assert_eq!(state["dirty"], true);
    // Meanwhile someone outside saves: the same note, and another one.
    outside_save(&path, |p| {
        p.stakeholders[0].notes = "the outside note".into();
        p.stakeholders[1].notes = "only outside".into();
    });
    let outside = std::fs::read(&path).unwrap();

    // The reader shows the outside save in place; there is nothing to merge in a reader.
    let state = reader.send("wait-notes 1 only outside");
    assert_eq!(notes(&state, 0), "the outside note");
    assert_eq!(
        (state["dialog"].as_str(), state["dirty"].as_bool()),
        (None, Some(false))
    );
    assert!(
        state["status"]
            .as_str()
            .unwrap()
            .starts_with("Updated: ana on FINANCE-PC"),
        "{state}"
    );

    // The editor keeps its unsaved work and is offered the merge.
    let state = editor.send("wait-banner");
    assert_eq!(notes(&state, 0), "the editor's note");
    assert_eq!(notes(&state, 1), original.stakeholders[1].notes, "nothing replaced");

    // Saving merges: the other note comes in by itself, the same note is the one conflict.
    let state = editor.send("save");
    assert_eq!(state["dialog"], "merge", "{state}");
    let conflicts = state["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{state}");
    assert_eq!(conflicts[0]["field"], "notes");
    assert_eq!(conflicts[0]["mine"], "the editor's note");
    assert_eq!(conflicts[0]["theirs"], "the outside note");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        outside,
        "nothing written before the choice"
    );

    editor.send("pick 0 mine");
    let state = editor.send("merge");
    assert_eq!(
        (state["dialog"].as_str(), state["dirty"].as_bool()),
        (None, Some(false)),
        "{state}"
    );
    let saved = storage::open_project(&path).unwrap();
    let p = &saved.project;
    assert_eq!(p.stakeholders[0].notes, "the editor's note");
    assert_eq!(p.stakeholders[1].notes, "only outside");
    assert_eq!(p.stakeholders[2].notes, untouched);
    let summaries: Vec<&str> = saved
        .header
        .lineage
        .history
        .iter()
        .map(|e| e.summary.as_str())
        .collect();
    assert_eq!(
        summaries,
        ["2 stakeholders edited", "1 stakeholder edited"],
        "both saves are in the file's history"
    );

    // The reader follows the editor's save too, and is exactly current.
    let state = reader.send("wait-notes 0 the editor's note");
    assert_eq!(notes(&state, 1), "only outside");
    assert_eq!(state["revision"].as_str(), Some(saved.header.revision.as_str()));
    assert!(state["conflicts"].as_array().unwrap().is_empty());

    editor.quit();
    reader.quit();
    assert!(!storage::lock_path(&path).exists(), "the editor's lock went with it");
}
