//! The performance budgets of issue 20, each printed as figure, budget, peer and ratio:
//! `scripts/bench.sh` (installs the peers, starts a virtual display, then runs this), or
//! `cargo bench --bench budgets [-- NAME...]` with NAME one of merge, poll, reload, xlsx, ics,
//! timeline, presenter, startup, heap.
//!
//! Where a peer does the same work (git merge-file, Python's openpyxl, `steward check`, a bare
//! eframe window), both are measured in this one run, alternating, and the ratio of the medians
//! is what the budget is checked against: on a shared machine the absolute figures move from one
//! run to the next, the ratio much less. Frame figures are CPU time of the thread that draws
//! (`CLOCK_THREAD_CPUTIME_ID`), the rest wall-clock time.
//!
//! Run with `--bare-window`, this binary is the bare eframe window of the start-up comparison.

mod common;

use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::HeadlessApp;
use steward::app::{Action, Panel, PresentStep};
use steward::model::Project;
use steward::model::generate::{Sizes, generate};
use steward::storage;

#[global_allocator]
static ALLOCATOR: common::CountingAllocator = common::CountingAllocator;

const RECORDS: usize = 10_000;

/// One line of the table.
struct Row {
    what: &'static str,
    figure: String,
    budget: &'static str,
    peer: String,
    ratio: String,
    met: Option<bool>,
}

impl Row {
    fn new(what: &'static str, figure: String, budget: &'static str, met: Option<bool>) -> Row {
        Row {
            what,
            figure,
            budget,
            peer: String::new(),
            ratio: String::new(),
            met,
        }
    }

    fn peer(mut self, peer: String, ratio: f64) -> Row {
        self.peer = peer;
        self.ratio = format!("{ratio:.2}x");
        self
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--bare-window") {
        bare_window();
        return;
    }
    let names: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    let wanted = |name: &str| names.is_empty() || names.contains(&name);

    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big.json");
    let started = Instant::now();
    {
        let project = generate(Sizes::uniform(RECORDS), 1);
        storage::create_project(&file, &project).expect("write the generated project");
    }
    let file_size = std::fs::metadata(&file).expect("metadata").len();
    println!(
        "The generated {RECORDS}-record project (as `steward generate --records {RECORDS}` writes it): {:.1} MB ({:.1} MiB)",
        file_size as f64 / 1e6,
        mb(file_size as usize)
    );
    let mut rows = Vec::new();
    // First, while little else has been allocated.
    if wanted("heap") {
        rows.push(heap(&file, file_size));
    }
    let project = storage::open_project(&file).expect("open").project;
    if wanted("merge") {
        rows.extend(merge(dir.path()));
    }
    if wanted("poll") {
        rows.push(poll(&file));
    }
    if wanted("reload") {
        rows.push(reload(dir.path(), &project));
    }
    if wanted("xlsx") {
        rows.extend(xlsx(dir.path(), &project));
    }
    if wanted("ics") {
        rows.push(ics(&project));
    }
    if wanted("timeline") {
        rows.push(timeline(&project));
    }
    if wanted("presenter") {
        rows.push(presenter(&project));
    }
    if wanted("startup") {
        rows.extend(startup(dir.path(), &file));
    }
    print_table(&rows);
    println!(
        "\n{} of {} budgets met; measured in {:.0} s on {}.",
        rows.iter().filter(|r| r.met == Some(true)).count(),
        rows.iter().filter(|r| r.met.is_some()).count(),
        started.elapsed().as_secs_f64(),
        machine()
    );
}

fn print_table(rows: &[Row]) {
    let head = ["what", "figure", "budget", "peer", "ratio", "met"];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            let met = match r.met {
                Some(true) => "yes",
                Some(false) => "NO",
                // A figure shown for comparison has no budget of its own.
                None if r.budget.starts_with('(') => "-",
                None => "not measured",
            };
            [
                r.what.to_string(),
                r.figure.clone(),
                r.budget.to_string(),
                r.peer.clone(),
                r.ratio.clone(),
                met.to_string(),
            ]
        })
        .collect();
    let mut widths = head.map(str::len);
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |row: [&str; 6]| {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("| {} |", cells.join(" | "));
    };
    println!();
    line(head);
    line(widths.map(|w| "-".repeat(w)).each_ref().map(String::as_str));
    for row in &cells {
        line(row.each_ref().map(String::as_str));
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "an unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_default();
    format!("{cores} cores of \"{cpu}\", load average {load} at the end")
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut values: Vec<f64>) -> f64 {
    assert!(!values.is_empty());
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Runs `f` (which returns its own figure in ms) at least `min` times and until `time` has
/// passed or `max` runs were made; returns the median.
fn measure(min: usize, max: usize, time: Duration, mut f: impl FnMut() -> f64) -> f64 {
    let start = Instant::now();
    let mut values = Vec::new();
    while values.len() < min || (values.len() < max && start.elapsed() < time) {
        values.push(f());
    }
    median(values)
}

/// Like [`measure`] for two contenders, run alternately; returns both medians.
fn measure_pair(
    min: usize,
    max: usize,
    time: Duration,
    mut a: impl FnMut() -> f64,
    mut b: impl FnMut() -> f64,
) -> (f64, f64) {
    let start = Instant::now();
    let (mut va, mut vb) = (Vec::new(), Vec::new());
    while va.len() < min || (va.len() < max && start.elapsed() < time) {
        va.push(a());
        vb.push(b());
    }
    (median(va), median(vb))
}

fn wall(f: impl FnOnce()) -> f64 {
    let start = Instant::now();
    f();
    ms(start.elapsed())
}

/// CPU time used by this thread so far.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Median CPU time of one frame, in ms, after a few frames to warm the caches.
fn frame_cpu(headless: &mut HeadlessApp) -> f64 {
    for _ in 0..5 {
        headless.frame();
    }
    measure(200, 2000, Duration::from_secs(3), || {
        let before = thread_cpu();
        black_box(headless.frame());
        ms(thread_cpu() - before)
    })
}

fn run_quietly(command: &mut Command) -> bool {
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

// ---------------------------------------------------------------------------------------------

/// Heap in use after opening the project the way the app does (read in the background, the
/// merge base kept and packed, the derived figures) and drawing every panel, counted by the
/// allocator.
fn heap(file: &Path, file_size: u64) -> Row {
    let before = common::IN_USE.load(Ordering::Relaxed);
    let project = storage::open_project(file).expect("open").project;
    let alone = common::IN_USE.load(Ordering::Relaxed) - before;
    drop(project);
    println!("The project alone, parsed: {:.1} MiB of heap", mb(alone));
    let before = common::IN_USE.load(Ordering::Relaxed);
    let mut headless = HeadlessApp::empty();
    headless.app.prefs.watch_interval_secs = 3600;
    for _ in 0..2 {
        headless.frame();
    }
    let bare = common::IN_USE.load(Ordering::Relaxed) - before;
    common::PEAK.store(common::IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
    open_in(&mut headless, file);
    let project = headless.app.doc.project.clone();
    let views = common::views(&project);
    drop(project);
    for (_, panel, sub_view, selection) in views {
        headless.app.view.panel = panel;
        headless.app.view.stakeholder_view = sub_view;
        headless.app.view.selection = selection;
        for _ in 0..2 {
            headless.frame();
        }
    }
    // The version kept for merges is packed in the background a moment after opening.
    let start = Instant::now();
    while !headless.app.doc.base.as_ref().is_some_and(|b| b.is_packed()) {
        assert!(start.elapsed() < Duration::from_secs(30), "the merge base was packed");
        std::thread::sleep(Duration::from_millis(20));
    }
    let in_use = common::IN_USE.load(Ordering::Relaxed) - before;
    let peak = common::PEAK.load(Ordering::Relaxed) - before;
    black_box(&headless.app);
    let ratio = in_use as f64 / file_size as f64;
    Row::new(
        "heap after opening the project, every panel drawn (whole app)",
        format!(
            "{:.1} MiB ({:.2}x the file; {:.1} MiB without a project; peak {:.1} MiB)",
            mb(in_use),
            ratio,
            mb(bare),
            mb(peak)
        ),
        "at most 2x the file's size",
        Some(ratio <= 2.0),
    )
}

/// Opens `file` through the app's own path (a background job, then the commands it sends).
fn open_in(headless: &mut HeadlessApp, file: &Path) {
    headless
        .app
        .execute(steward::app::Command::OpenPath(file.to_path_buf()));
    let start = Instant::now();
    while headless.app.doc.path.as_deref() != Some(file) {
        assert!(start.elapsed() < Duration::from_secs(60), "the project did not open");
        std::thread::sleep(Duration::from_millis(2));
        headless.app.process();
    }
    headless.app.process();
}

/// The app's three-way merge (merge, then the one undoable edit that brings it in) against
/// `git merge-file` on the same three files as Steward wrote them; and `steward merge`, which
/// does what git does (three files in, one out).
fn merge(dir: &Path) -> Vec<Row> {
    use steward::model::merge::{diff, merge};
    let (base, mine, theirs) = common::merge_versions(RECORDS);
    let paths: Vec<PathBuf> = ["base", "mine", "theirs"]
        .iter()
        .map(|n| dir.join(format!("{n}.json")))
        .collect();
    for (path, project) in paths.iter().zip([&base, &mine, &theirs]) {
        storage::save_project(path, project, None, false).expect("save");
    }
    let merged = merge(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    let out = dir.join("git-merged.json");
    let git = |out: &Path| {
        let target = std::fs::File::create(out).expect("output file");
        let start = Instant::now();
        let status = Command::new("git")
            .args(["merge-file", "-p", "--"])
            .args([&paths[1], &paths[0], &paths[2]])
            .stdout(target)
            .stderr(Stdio::null())
            .status();
        let took = ms(start.elapsed());
        // Git's exit code is the number of conflicting hunks (the revision line in the header).
        status.is_ok_and(|s| s.code().is_some_and(|c| c >= 0)).then_some(took)
    };
    if git(&out).is_none() {
        let row = Row::new(
            "three-way merge (in the app)",
            "NOT MEASURED: git is missing".into(),
            "under 100 ms and at most 3x git merge-file",
            None,
        );
        return vec![row];
    }
    let (app_ms, git_ms) = measure_pair(
        10,
        40,
        Duration::from_secs(8),
        || {
            wall(|| {
                let merged = merge(&base, &mine, &theirs);
                black_box(diff(&mine, &merged.project));
            })
        },
        || git(&out).expect("git merge-file ran before"),
    );
    // What the window does when a save finds the file changed: their file is read and the
    // kept base unpacked (a background job), then the merge and its undoable edit.
    let packed = storage::Packed::of(&paths[0], &std::fs::read(&paths[0]).expect("read"));
    let (file_ms, git1_ms) = measure_pair(
        5,
        15,
        Duration::from_secs(10),
        || {
            wall(|| {
                let (theirs, base) = storage::packed::open_with_base(&paths[2], &packed);
                let (theirs, base) = (theirs.expect("theirs"), base.expect("base"));
                let merged = merge(&base, &mine, &theirs.project);
                black_box(diff(&mine, &merged.project));
            })
        },
        || git(&out).expect("git merge-file ran before"),
    );
    let steward_out = dir.join("steward-merged.json");
    let (cli_ms, git2_ms) = measure_pair(
        5,
        15,
        Duration::from_secs(10),
        || {
            wall(|| {
                assert!(run_quietly(
                    Command::new(env!("CARGO_BIN_EXE_steward"))
                        .arg("merge")
                        .args(&paths)
                        .arg("--out")
                        .arg(&steward_out)
                ));
            })
        },
        || git(&out).expect("git merge-file ran before"),
    );
    let ratio = app_ms / git_ms;
    vec![
        Row::new(
            "three-way merge in the app, about 1% edited on each side",
            format!("{app_ms:.1} ms"),
            "under 100 ms and at most 3x git merge-file",
            Some(app_ms < 100.0 && ratio <= 3.0),
        )
        .peer(format!("git merge-file {git_ms:.1} ms"), ratio),
        Row::new(
            "the same in the app from their file (read it, unpack the base, merge)",
            format!("{file_ms:.0} ms"),
            "(for comparison)",
            None,
        )
        .peer(format!("git merge-file {git1_ms:.1} ms"), file_ms / git1_ms),
        Row::new(
            "`steward merge` (three files in, one out, as git)",
            format!("{cli_ms:.0} ms"),
            "(for comparison)",
            None,
        )
        .peer(format!("git merge-file {git2_ms:.1} ms"), cli_ms / git2_ms),
    ]
}

/// One look at the open file when nobody changed it; the file must never be read.
fn poll(file: &Path) -> Row {
    let saved = storage::open_project(file).expect("open");
    let mut watcher = storage::watch::Watcher::new(file, &saved.fingerprint);
    let per_poll = measure(20, 200, Duration::from_secs(2), || {
        let start = Instant::now();
        for _ in 0..1000 {
            black_box(matches!(watcher.poll(), storage::watch::Seen::Unchanged));
        }
        ms(start.elapsed()) / 1000.0
    });
    let unread = watcher.reads() == 0;
    Row::new(
        "poll of the open file while nothing changed",
        format!(
            "{:.1} µs, {}",
            per_poll * 1000.0,
            if unread {
                "the file never read"
            } else {
                "THE FILE WAS READ"
            }
        ),
        "under 1 ms, no hashing of unchanged files",
        Some(per_poll < 1.0 && unread),
    )
}

/// Reloading a version a colleague saved: the watcher reads, hashes, parses and checks it, then
/// the window puts it in place and recomputes its figures (what the app does for
/// `Command::FileChanged`). Compared with the work of `steward check` on the same file, done in
/// this process (`steward::cli::check_report`: read, parse, check, summary, findings and
/// readiness) so that starting a process does not count.
fn reload(dir: &Path, project: &Project) -> Row {
    let a = dir.join("reload.json");
    let b = dir.join("reload-theirs.json");
    let mut theirs = project.clone();
    for i in (0..RECORDS).step_by(100) {
        theirs.stakeholders[i].notes = format!("edited by a colleague {i}");
    }
    let saved_a = storage::save_project(&a, project, None, false).expect("save");
    let saved_b = storage::save_project(&b, &theirs, None, false).expect("save");
    drop(theirs);
    let mut headless = HeadlessApp::empty();
    headless.app.prefs.watch_interval_secs = 3600;
    open_in(&mut headless, &a);
    headless.frame();
    let watch = headless.app.sync.watch_id().expect("the open file is watched");
    let mut on_a = true;
    let mut window_ms = Vec::new();
    let (reload_ms, check_ms) = measure_pair(
        8,
        30,
        Duration::from_secs(12),
        || {
            // The other version than the one shown, as a watcher that knows the shown one sees it.
            let (path, known) = if on_a { (&b, &saved_a) } else { (&a, &saved_b) };
            on_a = !on_a;
            let start = Instant::now();
            let seen = storage::watch::Watcher::new(path, &known.fingerprint).poll();
            assert!(matches!(seen, storage::watch::Seen::Changed(_)));
            let read = Instant::now();
            headless.app.execute(steward::app::Command::FileChanged {
                watch,
                seen: Box::new(seen),
            });
            headless.app.process();
            window_ms.push(ms(read.elapsed()));
            ms(start.elapsed())
        },
        || wall(|| drop(black_box(steward::cli::check_report(&a, false).expect("check")))),
    );
    let ratio = reload_ms / check_ms;
    Row::new(
        "reload of a colleague's save (read, check, show, figures)",
        format!("{reload_ms:.0} ms (the window's part {:.0} ms)", median(window_ms)),
        "under 1.5x `steward check` on it",
        Some(ratio < 1.5),
    )
    .peer(format!("steward check {check_ms:.0} ms"), ratio)
}

/// The workbook export against openpyxl writing the same rows; the import of 10,000 people.
fn xlsx(dir: &Path, project: &Project) -> Vec<Row> {
    use steward::interop::import::ImportList;
    use steward::interop::xlsx;
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).expect("valid date");
    let out = dir.join("steward.xlsx");
    let book = xlsx::export_workbook(project, today).expect("workbook");
    let rows_file = dir.join("rows.json");
    let rows = workbook_rows(&book);
    std::fs::write(&rows_file, &rows).expect("write the rows");
    let python = python_with_openpyxl();
    let script = dir.join("openpyxl_write.py");
    std::fs::write(&script, OPENPYXL_SCRIPT).expect("write the script");
    let py_out = dir.join("openpyxl.xlsx");
    let ours = || {
        wall(|| {
            let book = xlsx::export_workbook(project, today).expect("workbook");
            std::fs::write(&out, book).expect("write the workbook");
        })
    };
    let export_row = match &python {
        Some(python) => {
            let theirs = || -> f64 {
                let output = Command::new(python)
                    .arg(&script)
                    .arg(&rows_file)
                    .arg(&py_out)
                    .output()
                    .expect("python runs");
                assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
                String::from_utf8_lossy(&output.stdout)
                    .trim()
                    .parse()
                    .expect("the script prints its milliseconds")
            };
            let (ours_ms, py_ms) = measure_pair(3, 5, Duration::from_secs(30), ours, theirs);
            let ratio = ours_ms / py_ms;
            Row::new(
                "xlsx export of the whole project (seven sheets, to a file)",
                format!("{ours_ms:.0} ms"),
                "under 1 s and at most 1/4 of openpyxl",
                Some(ours_ms < 1000.0 && ratio <= 0.25),
            )
            .peer(format!("openpyxl {py_ms:.0} ms"), ratio)
        }
        None => {
            let ours_ms = measure(3, 5, Duration::from_secs(10), ours);
            let mut row = Row::new(
                "xlsx export of the whole project (seven sheets, to a file)",
                format!("{ours_ms:.0} ms"),
                "under 1 s and at most 1/4 of openpyxl",
                None,
            );
            row.peer = "NOT MEASURED: no Python with openpyxl (scripts/bench.sh installs it)".into();
            row
        }
    };
    let mut people_only = project.clone();
    people_only.kickoff.clear();
    people_only.handover.clear();
    people_only.testing = Default::default();
    let people_book = xlsx::export_workbook(&people_only, today).expect("workbook");
    drop(people_only);
    let empty = Project::default();
    let import_ms = measure(3, 10, Duration::from_secs(5), || {
        wall(|| {
            let sheets = xlsx::read_workbook(people_book.clone()).expect("read");
            let table = &sheets.iter().find(|(n, _)| n == "Stakeholders").expect("sheet").1;
            assert_eq!(table.rows.len(), RECORDS);
            let list = ImportList::Stakeholders;
            black_box(list.preview(table, &list.guess(&table.headers, &empty), &empty));
        })
    });
    vec![
        export_row,
        Row::new(
            "xlsx import of 10,000 stakeholders, to the preview",
            format!("{import_ms:.0} ms"),
            "under 2 s",
            Some(import_ms < 2000.0),
        ),
    ]
}

/// Writes what Python needs to write the same cells: each sheet's rows, with strings, numbers,
/// and dates as `{"d": serial}` (Excel's day number).
fn workbook_rows(book: &[u8]) -> Vec<u8> {
    use calamine::{Data, Reader};
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(book.to_vec())).expect("read");
    let mut sheets = serde_json::Map::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).expect("sheet");
        let rows: Vec<serde_json::Value> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Data::String(s) => serde_json::json!(s),
                        Data::Float(f) => serde_json::json!(f),
                        Data::Int(i) => serde_json::json!(i),
                        Data::Bool(b) => serde_json::json!(b),
                        Data::DateTime(d) => serde_json::json!({ "d": d.as_f64() }),
                        _ => serde_json::Value::Null,
                    })
                    .collect()
            })
            .collect();
        sheets.insert(name, serde_json::Value::Array(rows));
    }
    serde_json::to_vec(&sheets).expect("json")
}

/// openpyxl in its fastest mode for large files (write-only), timing only the writing.
const OPENPYXL_SCRIPT: &str = r#"
import datetime, json, sys, time
from openpyxl import Workbook
with open(sys.argv[1]) as f:
    sheets = json.load(f)
epoch = datetime.datetime(1899, 12, 30)
for rows in sheets.values():
    for row in rows:
        for i, cell in enumerate(row):
            if isinstance(cell, dict):
                row[i] = (epoch + datetime.timedelta(days=cell["d"])).date()
start = time.perf_counter()
book = Workbook(write_only=True)
for name, rows in sheets.items():
    sheet = book.create_sheet(name)
    for row in rows:
        sheet.append(row)
book.save(sys.argv[2])
print((time.perf_counter() - start) * 1000)
"#;

/// The first Python that has openpyxl: `$STEWARD_BENCH_PYTHON`, `python3`, Debian's own.
fn python_with_openpyxl() -> Option<String> {
    let candidates = std::env::var("STEWARD_BENCH_PYTHON")
        .into_iter()
        .chain(["python3".to_string(), "/usr/bin/python3".to_string()]);
    candidates
        .into_iter()
        .find(|p| run_quietly(Command::new(p).args(["-c", "import openpyxl"])))
}

fn ics(project: &Project) -> Row {
    use steward::interop::ics::{CalendarOptions, calendar};
    let now = chrono::Utc::now();
    let mut size = 0;
    let took = measure(10, 50, Duration::from_secs(3), || {
        wall(|| size = black_box(calendar(project, CalendarOptions::default(), now)).len())
    });
    Row::new(
        "calendar (.ics) export of the whole project",
        format!("{took:.0} ms ({:.1} MiB)", mb(size)),
        "under 200 ms",
        Some(took < 200.0),
    )
}

fn timeline(project: &Project) -> Row {
    let mut headless = HeadlessApp::new(project.clone());
    headless.app.view.panel = Panel::ExitPlan;
    headless.app.view.timeline.shown = true;
    headless.app.view.timeline.zoom = 1.0;
    headless.app.view.timeline.offset = 150.0;
    let cpu = frame_cpu(&mut headless);
    Row::new(
        "frame: exit plan with the timeline, all 10,000 items in view",
        format!("{cpu:.2} ms CPU"),
        "under 1 ms",
        Some(cpu < 1.0),
    )
}

/// The presenter view (Alt+F5) with the slides in their own window: each frame draws both
/// windows, the slides at a projector's 1024x768. Every kind of slide is measured (the first of
/// each kind in the deck); the figure is the slowest.
fn presenter(project: &Project) -> Row {
    let mut headless = HeadlessApp::new(project.clone()).with_second_windows();
    headless
        .app
        .execute(steward::app::Command::Action(Action::PresenterView));
    headless.app.process();
    for _ in 0..3 {
        headless.frame();
    }
    let deck = {
        let present = headless.app.present.as_ref().expect("presenting");
        assert!(present.presenter, "the presenter view is open");
        present.deck(&headless.app.doc.project)
    };
    let mut seen = Vec::new();
    let mut worst = (0.0, String::new());
    for (index, slide) in deck.iter().enumerate() {
        let kind = format!("{:?}", slide.kind());
        if seen.contains(&kind) {
            continue;
        }
        seen.push(kind);
        headless
            .app
            .execute(steward::app::Command::Present(PresentStep::GoTo(index)));
        headless.app.process();
        let second = common::SECOND_WINDOW_FRAMES.load(Ordering::Relaxed);
        let cpu = frame_cpu(&mut headless);
        assert!(
            common::SECOND_WINDOW_FRAMES.load(Ordering::Relaxed) > second,
            "the slides' window was drawn in its own frame"
        );
        println!("presenter view on \"{}\": {cpu:.2} ms CPU a frame", slide.title());
        if cpu > worst.0 {
            worst = (cpu, slide.title());
        }
    }
    Row::new(
        "frame: presenter view and slides window, both drawn",
        format!("{:.2} ms CPU (slowest slide: {})", worst.0, worst.1),
        "under 2 ms",
        Some(worst.0 < 2.0),
    )
}

// ---------------------------------------------------------------------------------------------

/// Start-up under a display: from starting the process to the first painted frame, of Steward
/// opening the project and of a bare eframe window (this binary with `--bare-window`), run
/// alternately. Then the window at rest, watching its file.
fn startup(dir: &Path, file: &Path) -> Vec<Row> {
    let what = "window showing the opened project, after a bare window";
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        let none = "NOT MEASURED: no display (scripts/bench.sh starts Xvfb)".to_string();
        return vec![
            Row::new(what, none.clone(), "within 60 ms of the bare window", None),
            Row::new("CPU of the window at rest", none, "none", None),
        ];
    }
    let home = dir.join("home");
    std::fs::create_dir_all(&home).expect("home");
    let me = std::env::current_exe().expect("this binary");
    let bare = || probe(|| with_arg(Command::new(&me), "--bare-window"), &home).0;
    let steward = || probe(|| with_arg(Command::new(env!("CARGO_BIN_EXE_steward")), file), &home);
    // The first start of each fills the disk cache and Mesa's shader cache.
    bare();
    steward();
    let mut marks = Vec::new();
    let (bare_ms, steward_ms) = measure_pair(7, 7, Duration::ZERO, bare, || {
        let (took, steps) = steward();
        marks.push((took, steps));
        took
    });
    let behind = steward_ms - bare_ms;
    // The steps of the start nearest the median, as the app noted them.
    marks.sort_by(|a, b| (a.0 - steward_ms).abs().total_cmp(&(b.0 - steward_ms).abs()));
    if let Some((_, steps)) = marks.first() {
        println!("\nSteward's start-up, step by step (ms since main):");
        for (step, at) in steps {
            println!("  {at:>7.1}  {step}");
        }
    }
    // The bare window at rest too: what eframe's own threads do (accessibility's D-Bus
    // connection wakes now and then) is not the app's.
    let idle = idle_cpu(with_arg(Command::new(env!("CARGO_BIN_EXE_steward")), file), &home);
    let bare_idle = idle_cpu(with_arg(Command::new(&me), "--bare-window"), &home);
    vec![
        Row::new(
            what,
            format!("{behind:.0} ms behind ({steward_ms:.0} ms)"),
            "within 60 ms of the bare window",
            Some(behind <= 60.0),
        )
        .peer(format!("bare eframe window {bare_ms:.0} ms"), steward_ms / bare_ms),
        match (idle, bare_idle) {
            // A frame costs more than 1 ms (layout and software painting); 3 polls cost µs.
            (Some(cpu), Some(bare)) => Row::new(
                "CPU of the window at rest, project open, file watched (10 s)",
                format!("{cpu:.2} ms, all threads"),
                "none: no frame (under 1 ms more than the bare window)",
                Some(cpu - bare < 1.0),
            )
            .peer(format!("bare eframe window {bare:.2} ms"), cpu / bare.max(0.001)),
            _ => Row::new("CPU of the window at rest", "NOT MEASURED".into(), "none", None),
        },
    ]
}

fn with_arg(mut command: Command, arg: impl AsRef<std::ffi::OsStr>) -> Command {
    command.arg(arg);
    command
}

/// Runs the command with the start-up probe and a home of its own; returns the time from
/// spawning to the line saying the frame was painted, and the steps the process printed. A run
/// that does not get there within 30 s is stopped and tried again (three times at most).
fn probe(command: impl Fn() -> Command, home: &Path) -> (f64, Vec<(String, f64)>) {
    for _ in 0..3 {
        if let Some(found) = probe_once(&mut command(), home) {
            return found;
        }
        println!("(a start-up run did not show its frame; trying again)");
    }
    panic!("three start-up runs in a row did not show their frame");
}

fn probe_once(command: &mut Command, home: &Path) -> Option<(f64, Vec<(String, f64)>)> {
    let start = Instant::now();
    let mut child = command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env(steward::app::startup::PROBE_VAR, "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the app");
    let stdout = child.stdout.take().expect("stdout");
    let watchdog = Watchdog::start(child.id(), Duration::from_secs(30));
    let mut took = None;
    let mut steps = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let Some(rest) = line.strip_prefix("probe ") else {
            continue;
        };
        let Some((step, at)) = rest.rsplit_once(' ') else {
            continue;
        };
        steps.push((step.to_string(), at.parse().unwrap_or(f64::NAN)));
        if step == "shown" {
            took = Some(ms(start.elapsed()));
            break;
        }
    }
    let _ = child.wait();
    drop(watchdog);
    took.map(|took| (took, steps))
}

/// Kills a child process that is still running after a while (a window that hangs).
struct Watchdog {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Watchdog {
    fn start(pid: u32, after: Duration) -> Watchdog {
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let seen = done.clone();
        std::thread::spawn(move || {
            let until = Instant::now() + after;
            while Instant::now() < until {
                if seen.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            if !seen.load(Ordering::Relaxed) {
                // SAFETY: sends SIGKILL to the child this benchmark started and has not reaped.
                unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            }
        });
        Watchdog { done }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
    }
}

/// CPU time in ms the real app uses over 10 s at rest, with the project open and its watcher
/// polling: the run time of all its threads (OpenGL's included) from /proc/PID/task/*/schedstat,
/// which counts nanoseconds (the tick counts of /proc/PID/stat charge a whole 10 ms tick to
/// whatever runs when the tick comes, such as the watcher's one `stat`).
fn idle_cpu(mut command: Command, home: &Path) -> Option<f64> {
    let mut child = command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env(steward::app::startup::PROBE_VAR, "stay")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let stdout = child.stdout.take()?;
    let watchdog = Watchdog::start(child.id(), Duration::from_secs(60));
    let mut lines = BufReader::new(stdout).lines();
    let shown = lines.any(|l| l.is_ok_and(|l| l.starts_with("probe shown")));
    let pid = child.id();
    let run_ns = || -> Option<u64> {
        let mut ns = 0;
        for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
            let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
            ns += stat.split_whitespace().next()?.parse::<u64>().ok()?;
        }
        Some(ns)
    };
    let result = if shown {
        std::thread::sleep(Duration::from_secs(1));
        let before = run_ns();
        std::thread::sleep(Duration::from_secs(10));
        before.zip(run_ns()).map(|(a, b)| b.saturating_sub(a) as f64 / 1e6)
    } else {
        None
    };
    // SAFETY: sends SIGTERM to the child this function started; Steward ends cleanly on it.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let _ = child.wait();
    drop(watchdog);
    result
}

/// A bare eframe window with Steward's eframe features and window size: its second frame
/// (the first one painted) prints `probe shown` and closes the window.
fn bare_window() {
    struct Bare {
        start: Instant,
        frames: u32,
    }
    impl eframe::App for Bare {
        fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
            self.frames += 1;
            if self.frames == 2 {
                println!("probe shown {:.2}", ms(self.start.elapsed()));
                let stay = std::env::var(steward::app::startup::PROBE_VAR).is_ok_and(|v| v == "stay");
                if !stay {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            egui::CentralPanel::default().show(ui, |ui| ui.label("A bare eframe window"));
            if self.frames == 1 {
                ui.ctx().request_repaint();
            }
        }
    }
    let start = Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare window")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "bare",
        options,
        Box::new(move |_| Ok(Box::new(Bare { start, frames: 0 }))),
    )
    .expect("the bare window opens");
}
