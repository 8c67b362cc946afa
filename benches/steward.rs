//! Speed budgets of issue 7, measured with criterion: `cargo bench --bench steward`.
//!
//! - frame/<panel>/<n>: CPU time of one frame of the real app (layout and tessellation, no GPU)
//! - file/open/<n> and file/save/<n>: opening (parse + validate) and the full safe save
//! - insight/findings_and_readiness/<n>: all ownership rules, readiness and the exit verdict
//! - testing/...: the same and the Overview's frame with 10,000 test scenarios in 5 rounds
//! - sync/merge/<n>: three-way merge with about 1% of the records edited on each side, and the
//!   undoable edit that brings it into the open project
//! - sync/poll_unchanged/<n>: one look at the open file when nobody changed it
//! - export/ics/10000: the calendar of the whole project
//! - frame/presenter_grid/10000: the presenter view and the slides' window, both drawn
//!
//! The budgets of issue 20 with their peers (git merge-file, openpyxl, a bare window) are in
//! `benches/budgets.rs`, run by `scripts/bench.sh`.
//!
//! - memory/10000 (printed, not timed): heap in use with the largest project open
//!
//! `n` is the number of records in every list (stakeholders, kickoff items, hand-over items).

use std::hint::black_box;
use std::sync::atomic::Ordering;

mod common;

use common::{HeadlessApp, views};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use steward::app::{Panel, Selection};
use steward::model::Project;
use steward::model::generate::{Sizes, TestSizes, generate, generate_with_tests};
use steward::storage;

const SIZES: [usize; 3] = [100, 1_000, 10_000];

#[global_allocator]
static ALLOCATOR: common::CountingAllocator = common::CountingAllocator;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// Heap in use with the 10,000-record project open and every panel drawn (not timed).
fn memory(_: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.json");
    storage::save_project(&path, &generate(Sizes::uniform(10_000), 1), None, false).expect("save");
    let before = common::IN_USE.load(Ordering::Relaxed);
    common::PEAK.store(before, Ordering::Relaxed);
    let opened = storage::open_project(&path).expect("open");
    let mut headless = HeadlessApp::new(opened.project);
    let project = headless.app.doc.project.clone();
    for (_, panel, sub_view, selection) in views(&project) {
        headless.app.view.panel = panel;
        headless.app.view.stakeholder_view = sub_view;
        headless.app.view.selection = selection;
        for _ in 0..2 {
            headless.frame();
        }
    }
    drop(project);
    let in_use = common::IN_USE.load(Ordering::Relaxed) - before;
    let peak = common::PEAK.load(Ordering::Relaxed) - before;
    eprintln!(
        "memory/10000: heap in use with the project open and all panels drawn: {:.1} MB (peak while opening: {:.1} MB)",
        mb(in_use),
        mb(peak)
    );
    black_box(&headless.app);
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for n in SIZES {
        let project = generate(Sizes::uniform(n), 1);
        for (name, panel, sub_view, selection) in views(&project) {
            let mut headless = HeadlessApp::new(project.clone());
            headless.app.view.panel = panel;
            headless.app.view.stakeholder_view = sub_view;
            headless.app.view.selection = selection;
            for _ in 0..3 {
                headless.frame();
            }
            group.bench_function(BenchmarkId::new(name, n), |b| b.iter(|| black_box(headless.frame())));
        }
    }
    group.finish();
}

fn files(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("file");
    group.sample_size(20);
    for n in SIZES {
        let project = generate(Sizes::uniform(n), 1);
        let path = dir.path().join(format!("p{n}.json"));
        storage::save_project(&path, &project, None, false).expect("save");
        let bytes = std::fs::metadata(&path).expect("metadata").len();
        eprintln!("file with {n} records per list: {:.1} MB", bytes as f64 / 1e6);
        group.bench_function(BenchmarkId::new("open", n), |b| {
            b.iter(|| black_box(storage::open_project(&path).expect("open")))
        });
        group.bench_function(BenchmarkId::new("save", n), |b| {
            b.iter(|| black_box(storage::save_project(&path, &project, None, true).expect("save")))
        });
    }
    group.finish();
}

fn insight(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).expect("valid date");
    let mut group = c.benchmark_group("insight");
    for n in SIZES {
        let project = generate(Sizes::uniform(n), 1);
        group.bench_function(BenchmarkId::new("findings_and_readiness", n), |b| {
            b.iter(|| {
                // As the app does on each change: the results indexed once for both.
                let index = steward::model::testing::TestIndex::new(&project);
                let found = steward::model::findings::findings_with(&project, today, &index);
                let ready = steward::model::readiness::readiness_with(&project, today, &index);
                black_box(steward::model::readiness::exit_verdict(&project, &ready, &found))
            })
        });
    }
    group.finish();
}

/// CSV exports of the lists: time must grow in proportion to the list (people and areas are
/// looked up once per export, not once per row). 80,000 hand-over items once took 30 s.
fn exports(c: &mut Criterion) {
    use steward::interop::csv;
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for n in [10_000, 80_000] {
        let project = generate(Sizes::uniform(n), 1);
        group.bench_function(BenchmarkId::new("csv_handover", n), |b| {
            b.iter(|| black_box(csv::export_handover(&project)))
        });
        group.bench_function(BenchmarkId::new("csv_kickoff", n), |b| {
            b.iter(|| black_box(csv::export_kickoff(&project)))
        });
    }
    let project = generate(Sizes::uniform(10_000), 1);
    let now = chrono::Utc::now();
    group.bench_function("ics/10000", |b| {
        b.iter(|| black_box(steward::interop::ics::calendar(&project, Default::default(), now)))
    });
    group.finish();
}

/// Acceptance testing at scale (issue 19): 10,000 scenarios in 5 rounds, about 40,000 results.
/// The findings with readiness and the verdict, and one frame of the Overview (testing progress
/// per area) and of the tests list with a scenario's editor open.
fn testing(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 20).expect("valid date");
    let tests = TestSizes {
        scenarios: 10_000,
        rounds: 5,
    };
    let project = generate_with_tests(Sizes::uniform(10_000), tests, 1);
    eprintln!(
        "testing: {} scenarios, {} rounds, {} results",
        project.testing.scenarios.len(),
        project.testing.rounds.len(),
        project.testing.results.len()
    );
    let mut group = c.benchmark_group("testing");
    group.bench_function("index/10000x5", |b| {
        b.iter(|| {
            black_box(steward::model::testing::TestIndex::new(&project).standing(project.testing.scenarios[0].id))
        })
    });
    group.bench_function("findings/10000x5", |b| {
        b.iter(|| black_box(steward::model::findings::findings(&project, today)))
    });
    group.bench_function("readiness/10000x5", |b| {
        b.iter(|| black_box(steward::model::readiness::readiness(&project, today)))
    });
    group.bench_function("findings_and_readiness/10000x5", |b| {
        b.iter(|| {
            // As the app does on each change: the results indexed once for both.
            let index = steward::model::testing::TestIndex::new(&project);
            let found = steward::model::findings::findings_with(&project, today, &index);
            let ready = steward::model::readiness::readiness_with(&project, today, &index);
            black_box(steward::model::readiness::exit_verdict(&project, &ready, &found))
        })
    });
    for (name, panel) in [("frame_overview", Panel::Overview), ("frame_tests", Panel::Tests)] {
        let mut headless = HeadlessApp::new(project.clone());
        headless.app.view.panel = panel;
        if panel == Panel::Tests {
            headless.app.view.selection = Some(Selection::Scenario(project.testing.scenarios[0].id));
        }
        for _ in 0..3 {
            headless.frame();
        }
        group.bench_function(format!("{name}/10000x5"), |b| b.iter(|| black_box(headless.frame())));
    }
    group.finish();
}

/// Workbooks and the timeline at the largest size: the workbook export of the whole project,
/// reading 10,000 stakeholders from a workbook into the import preview, and a frame of the exit
/// plan with the timeline shown (whole project, and zoomed to about a month).
fn sheets(c: &mut Criterion) {
    use steward::interop::import::ImportList;
    use steward::interop::xlsx;
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).expect("valid date");
    let project = generate(Sizes::uniform(10_000), 1);
    let mut group = c.benchmark_group("sheets");
    group.sample_size(10);
    group.bench_function("xlsx_export/10000", |b| {
        b.iter(|| black_box(xlsx::export_workbook(&project, today).expect("workbook")))
    });
    let book = xlsx::export_workbook(&project, today).expect("workbook");
    eprintln!(
        "workbook of the 10,000-record project: {:.1} MB",
        book.len() as f64 / 1e6
    );
    let mut people_only = project.clone();
    people_only.kickoff.clear();
    people_only.handover.clear();
    let people_book = xlsx::export_workbook(&people_only, today).expect("workbook");
    let empty = Project::default();
    group.bench_function("xlsx_import_preview/10000", |b| {
        b.iter(|| {
            let sheets = xlsx::read_workbook(people_book.clone()).expect("read");
            let table = &sheets.iter().find(|(n, _)| n == "Stakeholders").expect("sheet").1;
            let list = ImportList::Stakeholders;
            black_box(list.preview(table, &list.guess(&table.headers, &empty), &empty))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("frame");
    for (name, zoom) in [("timeline", 1.0), ("timeline_month", 1000.0)] {
        let mut headless = HeadlessApp::new(project.clone());
        headless.app.view.panel = Panel::ExitPlan;
        headless.app.view.timeline.shown = true;
        headless.app.view.timeline.zoom = zoom;
        headless.app.view.timeline.offset = 150.0;
        for _ in 0..3 {
            headless.frame();
        }
        group.bench_function(BenchmarkId::new(name, 10_000), |b| {
            b.iter(|| black_box(headless.frame()))
        });
    }
    // The presenter view with the slides in their own window (both drawn each frame), on the
    // grid slide; `cargo bench --bench budgets -- presenter` measures every kind of slide.
    let mut headless = HeadlessApp::new(project.clone()).with_second_windows();
    headless
        .app
        .execute(steward::app::Command::Action(steward::app::Action::PresenterView));
    headless.app.process();
    let deck = headless
        .app
        .present
        .as_ref()
        .expect("presenting")
        .deck(&headless.app.doc.project);
    let grid = deck
        .iter()
        .position(|s| matches!(s, steward::app::present::Slide::Grid))
        .unwrap_or(0);
    headless
        .app
        .execute(steward::app::Command::Present(steward::app::PresentStep::GoTo(grid)));
    headless.app.process();
    for _ in 0..3 {
        headless.frame();
    }
    group.bench_function(BenchmarkId::new("presenter_grid", 10_000), |b| {
        b.iter(|| black_box(headless.frame()))
    });
    group.finish();
}

/// Three-way merge of two 10,000-record projects, and the poll that live reload runs.
fn sync(c: &mut Criterion) {
    use steward::model::merge::{diff, merge};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("sync");
    group.sample_size(20);
    let n = 10_000;
    let (base, mine, theirs) = common::merge_versions(n);
    let merged = merge(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    eprintln!(
        "merge of {n} records per list: {} changes came in",
        merged.incoming.total()
    );
    group.bench_function(BenchmarkId::new("merge", n), |b| {
        b.iter(|| {
            let merged = merge(&base, &mine, &theirs);
            black_box(diff(&mine, &merged.project))
        })
    });

    let path = dir.path().join("watched.json");
    let saved = storage::save_project(&path, &base, None, false).expect("save");
    let mut watcher = storage::watch::Watcher::new(&path, &saved.fingerprint);
    group.bench_function(BenchmarkId::new("poll_unchanged", n), |b| {
        b.iter(|| black_box(matches!(watcher.poll(), storage::watch::Seen::Unchanged)))
    });
    assert_eq!(watcher.reads(), 0, "an unchanged file is never read");
    group.finish();
}

criterion_group!(benches, memory, frames, files, insight, exports, testing, sheets, sync);
criterion_main!(benches);
