//! The start-up probe, for the benchmark that compares Steward's start with a bare window
//! (`cargo bench --bench budgets`, see PERFORMANCE.md). With `STEWARD_STARTUP_PROBE=1` the app
//! notes how long each step of starting took, and once the frame showing the opened project
//! has been painted it prints the steps on standard output and closes. Without the variable
//! every call here is one check of a flag.

use std::sync::Mutex;
use std::sync::OnceLock;
use std::time::Instant;

/// The variable that turns the probe on.
pub const PROBE_VAR: &str = "STEWARD_STARTUP_PROBE";

struct Probe {
    start: Instant,
    marks: Mutex<Vec<(String, f64)>>,
}

static PROBE: OnceLock<Option<Probe>> = OnceLock::new();

fn probe() -> Option<&'static Probe> {
    PROBE
        .get_or_init(|| {
            std::env::var_os(PROBE_VAR).map(|_| Probe {
                start: Instant::now(),
                marks: Mutex::new(Vec::new()),
            })
        })
        .as_ref()
}

/// Starts the clock (as early as possible in `main`); later marks count from here.
pub fn begin() {
    probe();
}

/// Whether the probe is on.
pub fn enabled() -> bool {
    probe().is_some()
}

/// Notes that `step` ended now.
pub fn mark(step: impl Into<String>) {
    if let Some(p) = probe() {
        let ms = p.start.elapsed().as_secs_f64() * 1000.0;
        if let Ok(mut marks) = p.marks.lock() {
            marks.push((step.into(), ms));
        }
    }
}

/// Prints every step as `probe <step> <milliseconds>`, one a line; the last line is `shown`.
pub fn report() {
    let Some(p) = probe() else { return };
    let Ok(marks) = p.marks.lock() else { return };
    let mut out = String::new();
    for (step, ms) in marks.iter() {
        out.push_str(&format!("probe {step} {ms:.2}\n"));
    }
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
}

/// Follows the first frames: notes the first one, the first that shows the opened project, and
/// asks to close on the frame after it (by then the project's frame has been painted), unless
/// the probe's value is `stay` (the benchmark then measures the window at rest).
#[derive(Debug, Default)]
pub struct FrameWatch {
    frames: u64,
    drawn: bool,
    done: bool,
}

impl FrameWatch {
    /// Called at the start of each frame. Returns true when the probe is done and the app
    /// should close.
    pub fn frame_starts(&mut self) -> bool {
        if self.done || !enabled() {
            return false;
        }
        self.frames += 1;
        mark(format!("frame {} starts", self.frames));
        if self.drawn {
            self.done = true;
            mark("shown");
            report();
            return std::env::var(PROBE_VAR).map_or(true, |v| v != "stay");
        }
        false
    }

    /// Called at the end of each frame's drawing, with whether it showed the opened project.
    /// Returns true when a repaint is needed to see that frame painted.
    pub fn frame_drawn(&mut self, showed_project: bool) -> bool {
        if self.done || self.drawn || !enabled() {
            return false;
        }
        mark(format!("frame {} drawn", self.frames));
        if showed_project {
            mark("project drawn");
            self.drawn = true;
            return true;
        }
        false
    }
}
