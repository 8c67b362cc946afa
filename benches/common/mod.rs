//! What both benchmarks use: the app without a window, and the two versions a merge joins.
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use eframe::App as _;
use steward::app::{AppOptions, Panel, Selection, StakeholderView, StewardApp, UserDirs};
use steward::model::Project;

/// Counts heap bytes in use, for the memory figures (Steward's own memory apart from the GPU
/// driver's). Each benchmark installs it as its `#[global_allocator]`.
pub struct CountingAllocator;

pub static IN_USE: AtomicUsize = AtomicUsize::new(0);
pub static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// The size of the main window in the frame benchmarks.
pub const WINDOW: egui::Vec2 = egui::vec2(1280.0, 800.0);
/// The size of the slides' window (a projector) in the presenter benchmark.
pub const PROJECTOR: egui::Vec2 = egui::vec2(1024.0, 768.0);

/// Frames drawn in second windows so far (to check that the presenter's slides window ran).
pub static SECOND_WINDOW_FRAMES: AtomicUsize = AtomicUsize::new(0);

/// The real app without a window: each frame is `ctx.run_ui` and tessellation (all the CPU
/// work of a frame but the GPU's), at 1280x800.
pub struct HeadlessApp {
    pub ctx: egui::Context,
    pub app: StewardApp,
    pub frame: eframe::Frame,
}

impl HeadlessApp {
    pub fn new(project: Project) -> Self {
        let mut headless = Self::empty();
        headless.app.doc = steward::app::Document::new_untitled(project);
        headless
    }

    /// The app as it starts without a file (the standard template).
    pub fn empty() -> Self {
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let app = StewardApp::create(
            &cc,
            AppOptions {
                file: None,
                dirs: UserDirs::default(),
            },
        );
        HeadlessApp {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
        }
    }

    /// Second windows get their own frame, as on a desktop: each immediate viewport (the
    /// presenter view's slides) runs its own `run_ui` and tessellation at the projector's size,
    /// nested in the main window's frame as eframe's glow backend does it, so the time of
    /// [`HeadlessApp::frame`] covers both windows. Without this egui would draw the second
    /// window inside the first, smaller.
    pub fn with_second_windows(self) -> Self {
        self.ctx.set_embed_viewports(false);
        egui::Context::set_immediate_viewport_renderer(|ctx, viewport| {
            let egui::ImmediateViewport {
                ids,
                mut viewport_ui_cb,
                ..
            } = viewport;
            let mut input = egui::RawInput {
                viewport_id: ids.this,
                screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, PROJECTOR)),
                ..Default::default()
            };
            input.viewports.insert(ids.this, Default::default());
            let output = ctx.run_ui(input, |ui| viewport_ui_cb(ui));
            SECOND_WINDOW_FRAMES.fetch_add(1, Ordering::Relaxed);
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point).len());
        });
        self
    }

    /// One frame; returns the number of primitives, so that nothing is optimised away.
    pub fn frame(&mut self) -> usize {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, WINDOW)),
            ..Default::default()
        };
        let HeadlessApp { ctx, app, frame } = self;
        let output = ctx.run_ui(input, |ui| app.ui(ui, frame));
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        primitives.len()
    }
}

/// Every panel the benchmarks draw, with the editor open where a panel has one.
pub fn views(project: &Project) -> Vec<(&'static str, Panel, StakeholderView, Option<Selection>)> {
    vec![
        ("overview", Panel::Overview, StakeholderView::Register, None),
        (
            "register",
            Panel::Stakeholders,
            StakeholderView::Register,
            Some(Selection::Stakeholder(project.stakeholders[0].id)),
        ),
        ("grid", Panel::Stakeholders, StakeholderView::Grid, None),
        ("raci", Panel::Stakeholders, StakeholderView::Raci, None),
        (
            "kickoff",
            Panel::Kickoff,
            StakeholderView::Register,
            Some(Selection::Kickoff(project.kickoff[0].id)),
        ),
        (
            "exit_plan",
            Panel::ExitPlan,
            StakeholderView::Register,
            Some(Selection::Handover(project.handover[0].id)),
        ),
        (
            "tests",
            Panel::Tests,
            StakeholderView::Register,
            Some(Selection::Scenario(project.testing.scenarios[0].id)),
        ),
    ]
}

/// Base, mine and theirs for the merge benchmarks: about 1% of the records edited on each side,
/// in different records, plus one addition each. Returns them in that order.
pub fn merge_versions(n: usize) -> (Project, Project, Project) {
    let base = steward::model::generate::generate(steward::model::generate::Sizes::uniform(n), 1);
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    for i in (0..n).step_by(100) {
        mine.stakeholders[i].notes = format!("mine {i}");
        mine.kickoff[i].notes = format!("mine {i}");
        theirs.stakeholders[i + 50].notes = format!("theirs {i}");
        theirs.handover[i + 50].notes = format!("theirs {i}");
    }
    let id = steward::model::KickoffId(base.fresh_id());
    mine.kickoff.push(steward::model::KickoffItem::new(id, "mine"));
    theirs.kickoff.insert(7, steward::model::KickoffItem::new(id, "theirs"));
    (base, mine, theirs)
}
