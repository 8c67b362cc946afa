//! The promises Steward makes about files on shared drives, proved with real processes:
//! a save killed at any moment leaves the old or the new file, never a broken one; of two
//! processes opening the same file, exactly one gets to edit; a killed session's work can be
//! recovered; and no input bytes make the loader panic.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use proptest::prelude::*;
use steward::model::generate::{Sizes, generate};
use steward::model::{Project, template};
use steward::storage::{self, recovery};

/// How far ahead the racing processes agree to start, and how long the winner holds the lock:
/// long enough that both run at once even where starting a process is slow (Windows, Wine).
const RACE_LEAD_MS: u128 = if cfg!(windows) { 2000 } else { 300 };
const RACE_HOLD_MS: u64 = if cfg!(windows) { 2000 } else { 400 };

/// Environment variable that turns this test binary into a helper process.
const ROLE: &str = "STEWARD_TEST_CHILD";

/// Re-runs this test binary as a child with a role. See [`child_entry`].
fn spawn_child(role: &str, args: &[&str]) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_entry", "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env("STEWARD_TEST_ARGS", args.join("\u{1f}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Does nothing in a normal test run; in a child process it plays the requested role.
#[test]
fn child_entry() {
    let Ok(role) = std::env::var(ROLE) else { return };
    let args: Vec<String> = std::env::var("STEWARD_TEST_ARGS")
        .unwrap()
        .split('\u{1f}')
        .map(String::from)
        .collect();
    match role.as_str() {
        "save-loop" => {
            let path = PathBuf::from(&args[0]);
            let (a, b) = two_versions();
            for i in 0.. {
                let project = if i % 2 == 0 { &a } else { &b };
                storage::save_project(&path, project, None, true).unwrap();
            }
        }
        "lock" => {
            let path = PathBuf::from(&args[0]);
            let start: u128 = args[1].parse().unwrap();
            while now_millis() < start {
                std::hint::spin_loop();
            }
            let instance = format!("child-{}", std::process::id());
            match storage::acquire_lock(&path, &instance) {
                Ok(guard) => {
                    println!("won");
                    std::thread::sleep(Duration::from_millis(RACE_HOLD_MS));
                    drop(guard);
                }
                Err(_) => println!("lost"),
            }
        }
        "edit-then-hang" => {
            let dir = PathBuf::from(&args[0]);
            let mut project = template::standard();
            project.details.name = "Unsaved work of a session that crashed".into();
            recovery::write_recovery(&dir, Some(Path::new(&args[1])), &project).unwrap();
            println!("written");
            std::thread::sleep(Duration::from_secs(60));
        }
        other => panic!("unknown role {other}"),
    }
}

fn now_millis() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis()
}

/// Two clearly different projects of a realistic size, so a save takes a few milliseconds.
fn two_versions() -> (Project, Project) {
    let a = generate(Sizes::uniform(300), 1);
    let mut b = generate(Sizes::uniform(300), 2);
    b.details.name = "Version B".into();
    (a, b)
}

/// A pseudo-random delay from the clock: no seed to manage, different every round.
fn jitter(max_ms: u64) -> Duration {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos() as u64;
    Duration::from_millis(nanos % max_ms)
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let (a, b) = two_versions();
    storage::save_project(&path, &a, None, false).unwrap();
    for round in 0..30 {
        let mut child = spawn_child("save-loop", &[path.to_str().unwrap()]);
        std::thread::sleep(Duration::from_millis(150) + jitter(120));
        child.kill().unwrap();
        child.wait().unwrap();
        let loaded = storage::open_project(&path)
            .unwrap_or_else(|e| panic!("round {round}: {e}"))
            .project;
        assert!(loaded == a || loaded == b, "round {round}: a mix of versions");
        let backup = storage::open_project(&storage::backup_path(&path));
        if let Ok(backup) = backup {
            assert!(
                backup.project == a || backup.project == b,
                "round {round}: the backup is whole too"
            );
        }
    }
    // Killed saves may leave their temporary file behind (a kill skips clean-up), but never
    // in place of the project: the next good save works as usual.
    storage::save_project(&path, &a, None, true).unwrap();
    assert_eq!(storage::open_project(&path).unwrap().project, a);
}

#[test]
fn of_two_processes_opening_the_same_file_exactly_one_may_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.json");
    for round in 0..15 {
        let start = (now_millis() + RACE_LEAD_MS).to_string();
        let children: Vec<Child> = (0..2)
            .map(|_| spawn_child("lock", &[path.to_str().unwrap(), &start]))
            .collect();
        let outcomes: Vec<String> = children
            .into_iter()
            .map(|c| String::from_utf8(c.wait_with_output().unwrap().stdout).unwrap())
            // libtest may print its own "test child_entry ..." on the same line.
            .map(|out| {
                out.split_whitespace()
                    .find(|w| *w == "won" || *w == "lost")
                    .unwrap_or("none")
                    .to_string()
            })
            .collect();
        let winners = outcomes.iter().filter(|o| *o == "won").count();
        assert_eq!(winners, 1, "round {round}: {outcomes:?}");
        assert!(
            !storage::lock_path(&path).exists(),
            "round {round}: the winner removed its lock"
        );
    }
}

#[test]
fn work_of_a_killed_session_can_be_recovered() {
    let data = tempfile::tempdir().unwrap();
    let original = "/share/projects/p.json";
    let mut child = spawn_child("edit-then-hang", &[data.path().to_str().unwrap(), original]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while recovery::list_recoveries(data.path()).is_empty() {
        assert!(Instant::now() < deadline, "the child never wrote its recovery copy");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let found = recovery::list_recoveries(data.path());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].original.as_deref(), Some(Path::new(original)));
    let project = recovery::load_recovery(&found[0]).unwrap();
    assert_eq!(project.details.name, "Unsaved work of a session that crashed");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(steward::test_cases(300)))]

    #[test]
    fn arbitrary_bytes_never_make_the_loader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = storage::from_bytes(Path::new("fuzz.json"), &bytes);
    }

    #[test]
    fn damaged_project_files_never_make_the_loader_panic(
        cuts in proptest::collection::vec((0usize..10_000, any::<u8>()), 1..8),
        truncate in proptest::option::of(0usize..10_000),
    ) {
        let mut bytes = storage::to_bytes(&generate(Sizes::uniform(8), 3), "r");
        for (at, value) in cuts {
            let at = at % bytes.len();
            bytes[at] = value;
        }
        if let Some(len) = truncate {
            bytes.truncate(len % bytes.len());
        }
        let _ = storage::from_bytes(Path::new("fuzz.json"), &bytes);
    }

    #[test]
    fn generated_projects_survive_a_real_save_and_load(seed in any::<u64>(), people in 0usize..40, items in 0usize..40, text in "\\PC{0,40}") {
        let mut project = generate(Sizes { stakeholders: people, kickoff: items, handover: items, areas: 4, log_per_person: 1 }, seed);
        project.details.notes = text.clone();
        if let Some(first) = project.stakeholders.first_mut() {
            first.name = format!("{text} \"quoted\" \\ {text}");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        storage::save_project(&path, &project, None, false).unwrap();
        let back = storage::open_project(&path).unwrap().project;
        prop_assert_eq!(back, project);
    }
}

/// A JSON number as a person or another program might write it: long, negative zero,
/// with a fraction, with an exponent far outside what a float holds.
fn json_number() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,20})?([eE][-+]?[0-9]{1,3})?"
}

/// A small JSON value, written as text.
fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        json_number(),
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        "[a-zA-Z0-9 ]{0,8}".prop_map(|s| format!("\"{s}\"")),
        "20[0-9]{2}-(0[1-9]|1[0-2])-[0-3][0-9]".prop_map(|s| format!("\"{s}\"")),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            proptest::collection::vec(("[a-z]{1,6}", inner), 0..4).prop_map(|v| {
                let mut seen = std::collections::HashSet::new();
                let fields: Vec<String> = v
                    .into_iter()
                    .filter(|(k, _)| seen.insert(k.clone()))
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

/// Places in a generated project where a value is put: known fields (which may refuse it)
/// and new, unknown ones (which must keep it exactly).
const PLACES: &[&[&str]] = &[
    &["readiness_history", "0", "overall"],
    &["readiness_history", "0", "areas", "0", "percent"],
    &["readiness_history", "0", "areas", "0", "area"],
    &["settings", "exit_min_area_readiness"],
    &["settings", "max_load_per_person"],
    &["stakeholders", "0", "power"],
    &["stakeholders", "0", "id"],
    &["stakeholders", "0", "name"],
    &["details", "exit_date"],
    &["details", "system_owner"],
    &["handover", "0", "stage"],
    &["handover", "0", "area"],
    &["kickoff", "0", "due"],
    &["future_top"],
    &["details", "future_detail"],
    &["stakeholders", "0", "shoe_size"],
    &["stakeholders", "0", "log", "0", "mood"],
    &["readiness_history", "0", "weather"],
];

fn put(doc: &mut serde_json::Value, place: &[&str], value: serde_json::Value) {
    let (last, parents) = place.split_last().unwrap();
    let mut node = doc;
    for step in parents {
        node = match step.parse::<usize>() {
            Ok(i) => match node.get_mut(i) {
                Some(n) => n,
                None => return,
            },
            Err(_) => match node.get_mut(*step) {
                Some(n) => n,
                None => return,
            },
        };
    }
    if let Some(map) = node.as_object_mut() {
        map.insert(last.to_string(), value);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(steward::test_cases(200)))]

    /// Whatever loads, saves and loads again unchanged: a save never refuses, alters or
    /// drops a value the loader accepted, and writing it twice gives the same bytes.
    #[test]
    fn whatever_loads_saves_and_loads_again_unchanged(
        seed in any::<u64>(),
        edits in proptest::collection::vec((0..PLACES.len(), json_value()), 1..5),
    ) {
        let mut project = generate(Sizes { stakeholders: 3, kickoff: 2, handover: 2, areas: 2, log_per_person: 1 }, seed);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let ready = steward::model::readiness::readiness(&project, today);
        project.readiness_history = vec![steward::model::readiness::snapshot(&ready, today)];
        let mut doc: serde_json::Value = serde_json::from_slice(&storage::to_bytes(&project, "r")).unwrap();
        for (place, value) in &edits {
            put(&mut doc, PLACES[*place], serde_json::from_str(value).unwrap());
        }
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let Ok((loaded, _)) = storage::from_bytes(Path::new("p.json"), text.as_bytes()) else {
            return Ok(()); // refused on load, with a message: nothing to save
        };
        let bytes = storage::verified_bytes(Path::new("p.json"), &loaded, "r2");
        prop_assert!(bytes.is_ok(), "a loaded project could not be saved: {:?}\n{text}", bytes.err());
        let bytes = bytes.unwrap();
        let (again, _) = storage::from_bytes(Path::new("p.json"), &bytes).unwrap();
        prop_assert_eq!(&again, &loaded);
        prop_assert_eq!(storage::to_bytes(&again, "r2"), bytes);
        // Unknown fields are kept exactly as written.
        for (place, value) in &edits {
            let name = PLACES[*place].last().unwrap();
            if matches!(*name, "future_top" | "future_detail" | "shoe_size" | "mood" | "weather") {
                let written: serde_json::Value = serde_json::from_slice(&storage::to_bytes(&again, "r")).unwrap();
                let mut node = &written;
                for step in PLACES[*place] {
                    node = match step.parse::<usize>() { Ok(i) => &node[i], Err(_) => &node[*step] };
                }
                if !node.is_null() || value == "null" {
                    let exact: serde_json::Value = serde_json::from_str(value).unwrap();
                    if edits.iter().filter(|(p, _)| p == place).last().map(|(_, v)| v) == Some(value) {
                        prop_assert_eq!(node.to_string(), exact.to_string());
                    }
                }
            }
        }
    }
}

#[test]
fn names_with_spaces_accents_and_emoji_and_very_large_values_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Projekt Übergabe 📁 ñ");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("Plan d'été – 2027 ✓.json");
    let mut project = generate(
        Sizes {
            stakeholders: 3,
            kickoff: 1,
            handover: 1,
            areas: 1,
            log_per_person: 0,
        },
        9,
    );
    project.details.notes = "ten megabytes of notes. ".repeat(10 * 1024 * 1024 / 24);
    let first = &mut project.stakeholders[0];
    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    first.log = (0..100_000u64)
        .map(|i| steward::model::LogEntry {
            id: steward::model::LogId(10_000_000 + i),
            date,
            kind: Default::default(),
            note: format!("call {i}"),
            follow_up: None,
            follow_up_done: false,
            meeting: None,
            extra: Default::default(),
        })
        .collect();
    // Creating proves that the bytes load back as the same project before they are put in place.
    storage::create_project(&path, &project).unwrap();
    let opened = storage::open_project(&path).unwrap();
    assert_eq!(opened.project.stakeholders[0].log.len(), 100_000);
    assert_eq!(opened.project.details.notes.len(), project.details.notes.len());
}
