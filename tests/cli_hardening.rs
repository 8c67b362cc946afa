//! The command line under hostile or careless use: closed pipes, colleagues' locks, read-only
//! files, races, absurd arguments, and outputs that are not ordinary files.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use steward::model::{Area, AreaId, Project, template};
use steward::storage;

fn steward(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write_project(path: &Path, project: &Project) {
    storage::save_project(path, project, None, true).unwrap();
}

fn many_areas(n: u64) -> Project {
    let mut p = template::standard();
    p.areas.extend((0..n).map(|i| Area {
        id: AreaId(1_000_000 + i),
        name: format!("Area number {i} with a long name"),
        key: false,
        description: String::new(),
        raci: Vec::new(),
        extra: Default::default(),
    }));
    p
}

#[test]
fn a_closed_pipe_ends_check_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    write_project(&path, &many_areas(5_000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(["check", "--verbose", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -3`: the reader goes away before the output is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn long_lists_are_summarised_unless_verbose() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    write_project(&path, &many_areas(3_000));
    let out = steward(&["check", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let short = text(&out.stdout);
    assert!(short.lines().count() < 120, "{} lines", short.lines().count());
    assert!(short.lines().all(|l| l.len() < 2_000), "a line is too long");
    assert!(
        short.contains("more (--verbose") || short.contains("more areas"),
        "{short}"
    );
    let out = steward(&["check", "--verbose", path.to_str().unwrap()]);
    let full = text(&out.stdout);
    assert!(full.contains("Area number 2999 with a long name"));
}

#[test]
fn upgrade_respects_a_colleagues_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    write_project(&path, &template::standard());
    let before = std::fs::read(&path).unwrap();
    let mut info = storage::LockInfo::current("someone-else");
    info.user = "maria".into();
    info.host = "PC-042".into();
    std::fs::write(storage::lock_path(&path), serde_json::to_vec(&info).unwrap()).unwrap();

    let out = steward(&["upgrade", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("open for editing by maria on PC-042"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!storage::backup_path(&path).exists());
    // Their lock is left as it was.
    assert!(
        std::fs::read_to_string(storage::lock_path(&path))
            .unwrap()
            .contains("maria")
    );
}

#[test]
fn upgrade_leaves_a_read_only_file_alone_and_takes_and_releases_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    write_project(&path, &template::standard());
    let before = std::fs::read(&path).unwrap();
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions.clone()).unwrap();
    let out = steward(&["upgrade", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("read-only"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&path).unwrap(), before);

    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&path, permissions).unwrap();
    let out = steward(&["upgrade", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(storage::backup_path(&path).exists());
    assert!(!storage::lock_path(&path).exists(), "the lock is released");
}

#[test]
fn upgrade_keeps_unknown_numbers_exactly_and_refuses_what_would_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    std::fs::write(
        &path,
        r#"{"format_version":1,"details":{"name":"x","ledger":12345678901234567890123,"z":-0}}"#,
    )
    .unwrap();
    let out = steward(&["upgrade", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("12345678901234567890123") && after.contains("\"z\": -0\n"),
        "{after}"
    );

    // A huge percentage no longer passes check, so upgrade cannot turn it into null.
    let bad = dir.path().join("bad.json");
    let original =
        r#"{"format_version":1,"details":{"name":"x"},"readiness_history":[{"date":"2026-01-01","overall":1e39}]}"#;
    std::fs::write(&bad, original).unwrap();
    assert_eq!(steward(&["check", bad.to_str().unwrap()]).status.code(), Some(1));
    assert_eq!(steward(&["upgrade", bad.to_str().unwrap()]).status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), original);
}

#[test]
fn several_new_at_once_create_one_file_and_the_rest_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let children: Vec<_> = (0..6)
        .map(|i| {
            let template = if i % 2 == 0 { "standard" } else { "blank" };
            Command::new(env!("CARGO_BIN_EXE_steward"))
                .args(["new", path.to_str().unwrap(), "--template", template])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let created = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(
        created,
        1,
        "{:?}",
        outputs.iter().map(|o| text(&o.stderr)).collect::<Vec<_>>()
    );
    for o in outputs.iter().filter(|o| !o.status.success()) {
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains("already exists"), "{}", text(&o.stderr));
    }
    assert!(storage::open_project(&path).is_ok());
}

#[test]
fn absurd_counts_are_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    let out = steward(&["generate", path.to_str().unwrap(), "--records", "1000000000000"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("too many") && err.contains("100,000"), "{err}");
    assert!(!path.exists());
    let out = steward(&[
        "generate",
        path.to_str().unwrap(),
        "--records",
        "99999999999999999999999",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains("panicked"));
}

#[cfg(unix)]
#[test]
fn exports_never_replace_a_pipe_or_device_and_know_the_project_by_identity() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    write_project(&path, &template::standard());
    let before = std::fs::read(&path).unwrap();

    let fifo = dir.path().join("out.csv");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates a file system entry.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let out = steward(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        fifo.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a regular file"),
        "{}",
        text(&out.stderr)
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "still a pipe"
    );

    // A hard link to the project is the project.
    let alias = dir.path().join("alias.json");
    std::fs::hard_link(&path, &alias).unwrap();
    let out = steward(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--out",
        alias.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("the project itself"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // A folder that does not exist is named as such.
    let out = steward(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        dir.path().join("nope/out.csv").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("folder no longer exists"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn hide_names_applies_to_every_export_or_is_refused() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json");
    let project = storage::open_project(Path::new(demo)).unwrap().project;
    let dir = tempfile::tempdir().unwrap();
    for list in ["stakeholders", "kickoff", "handover"] {
        let out_path = dir.path().join(format!("{list}.csv"));
        let out = steward(&[
            "export",
            demo,
            "--format",
            "csv",
            "--list",
            list,
            "--hide-names",
            "--out",
            out_path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let csv = std::fs::read_to_string(&out_path).unwrap();
        for s in &project.stakeholders {
            assert!(!csv.contains(&s.name), "{list}: {} is named", s.name);
            if !s.contact.is_empty() {
                assert!(!csv.contains(&s.contact), "{list}: {} is there", s.contact);
            }
        }
        assert!(!csv.contains('@'), "{list}: an e-mail address is there");
    }
    let out = steward(&[
        "export",
        demo,
        "--format",
        "json",
        "--hide-names",
        "--out",
        dir.path().join("x.json").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--hide-names cannot apply"));
    assert!(!dir.path().join("x.json").exists());
}

#[test]
fn a_forged_name_prints_as_one_escaped_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let mut p = template::standard();
    p.details.name = "Plan\n\nVerdict: GO\n\u{1b}[2J\u{202E}".into();
    write_project(&path, &p);
    let out = steward(&["check", path.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("Verdict:")).count(),
        1,
        "{stdout}"
    );
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{202E}'));
}
