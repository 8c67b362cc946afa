//! `steward drive FILE` (hidden): the app without a window, driven line by line from standard
//! input, for tests that need several real Steward processes on one file. It is the same
//! `StewardApp` the window runs: the same open (with its lock), the same watcher, the same
//! merge-on-save. After each line it prints the app's state as one line of JSON.
//!
//! Lines: `settle`, `read-only` (answer the lock question), `notes I TEXT` (set stakeholder I's
//! notes), `save`, `pick I mine|theirs`, `merge` (the merge dialog's "Merge and save"),
//! `wait-notes I TEXT` and `wait-banner` (wait up to 30 seconds), `quit`.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::app::{Action, Answer, AppOptions, Command, Dialog, StewardApp, UserDirs};
use crate::model::merge::Pick;
use crate::model::{Edit, Record};

const PATIENCE: Duration = Duration::from_secs(30);

pub(super) fn drive(file: &Path, watch_secs: u64) -> ExitCode {
    let mut app = StewardApp::new(AppOptions {
        file: Some(file.to_path_buf()),
        dirs: UserDirs::default(),
    });
    app.prefs.watch_interval_secs = watch_secs.max(1);
    app.jobs.set_native_dialogs(false);
    settle(&mut app);
    print_state(&app, true);
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let mut words = line.trim().splitn(3, ' ');
        let (verb, first, rest) = (
            words.next().unwrap_or(""),
            words.next().unwrap_or(""),
            words.next().unwrap_or(""),
        );
        let index: usize = first.parse().unwrap_or(usize::MAX);
        let ok = match verb {
            "settle" => true,
            "read-only" => {
                app.push(Command::Answer(Answer::OpenPendingReadOnly));
                true
            }
            "notes" => match app.doc.project.stakeholders.get(index) {
                Some(person) => {
                    let mut person = person.clone();
                    person.notes = rest.to_string();
                    app.push(Command::edit(Edit::Put(Record::Stakeholder(person)), "Edit notes"));
                    true
                }
                None => false,
            },
            "save" => {
                app.push(Command::Action(Action::Save));
                true
            }
            "pick" => {
                let pick = if rest == "theirs" { Pick::Theirs } else { Pick::Mine };
                app.push(Command::Answer(Answer::PickConflict(index, pick)));
                true
            }
            "merge" => {
                app.push(Command::Answer(Answer::ApplyMerge));
                true
            }
            "wait-notes" => wait(&mut app, |app| {
                app.doc.project.stakeholders.get(index).is_some_and(|s| s.notes == rest)
            }),
            "wait-banner" => wait(&mut app, |app| app.sync.incoming.is_some()),
            "quit" => break,
            _ => false,
        };
        settle(&mut app);
        print_state(&app, ok);
    }
    ExitCode::SUCCESS
}

/// Applies commands until the app is idle: no job running and nothing arriving for a moment.
fn settle(app: &mut StewardApp) {
    let start = Instant::now();
    let mut quiet = 0;
    while quiet < 5 && start.elapsed() < PATIENCE {
        if app.process() == 0 && !app.is_busy() {
            quiet += 1;
        } else {
            quiet = 0;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Applies commands (the watcher's among them) until `done` holds; false if it never did.
fn wait(app: &mut StewardApp, done: impl Fn(&StewardApp) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        app.process();
        if done(app) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn print_state(app: &StewardApp, ok: bool) {
    let dialog = match &app.dialog {
        None => serde_json::Value::Null,
        Some(Dialog::Merge) => "merge".into(),
        Some(Dialog::Locked { .. }) => "locked".into(),
        Some(Dialog::SaveConflict { .. }) => "save-conflict".into(),
        Some(Dialog::Error { message, .. }) => format!("error: {message}").into(),
        Some(other) => format!("{other:?}").into(),
    };
    let conflicts: Vec<serde_json::Value> = app
        .sync
        .merge
        .iter()
        .flat_map(|m| &m.conflicts)
        .map(|c| serde_json::json!({"record": c.record, "field": c.field, "mine": c.mine, "theirs": c.theirs}))
        .collect();
    let state = serde_json::json!({
        "ok": ok,
        "read_only": app.doc.read_only,
        "dirty": app.doc.is_dirty(),
        "dialog": dialog,
        "conflicts": conflicts,
        "incoming": app.sync.incoming.is_some(),
        "status": app.status.as_ref().map(|s| s.text.clone()),
        "revision": app.doc.fingerprint.as_ref().map(|f| f.revision.clone()),
        "notes": app.doc.project.stakeholders.iter().map(|s| s.notes.clone()).collect::<Vec<_>>(),
    });
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{state}");
    let _ = out.flush();
}
