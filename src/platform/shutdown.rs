//! Being asked to end: `SIGTERM` (what a Linux desktop sends at logout or shutdown), `SIGHUP`
//! (the terminal went away), `SIGINT` (Ctrl+C), and on Windows Ctrl+C, closing the console,
//! logoff and shutdown.
//!
//! The seam into the app is narrow on purpose: [`listen`] returns a [`Receiver`] of
//! [`EndRequest`]s and calls `wake` after each, so an idle window runs a frame and reads it.
//! The app keeps a recovery copy of unsaved work, removes its lock and then calls
//! [`EndRequest::finished`]. The platform side then lets the process end: at once when the app
//! does not close its window by itself within a few seconds, and after [`GRACE`] even when
//! the app never answered (a hung window must not keep a logout waiting forever).
//!
//! A second signal while the first is being handled ends the process at once, as a second
//! Ctrl+C does in most programs.

use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// How long the app gets to keep its recovery copy and remove its lock.
pub const GRACE: Duration = Duration::from_secs(8);

/// How long a window that finished its work gets to close by itself before the process ends.
pub const CLOSE_WAIT: Duration = Duration::from_secs(2);

/// Why Steward is asked to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// `SIGTERM`: logout, shutdown, `kill`, a service manager.
    Terminate,
    /// `SIGHUP`: the terminal it was started from closed.
    Hangup,
    /// `SIGINT` or Ctrl+C in the terminal.
    Interrupt,
    /// Windows: the user logs off or the computer shuts down.
    SessionEnd,
    /// Windows: the console window Steward was started from is being closed.
    ConsoleClosed,
}

impl EndReason {
    /// The exit status a shell shows for this reason (128 plus the signal's number on Unix).
    pub fn exit_code(self) -> i32 {
        match self {
            EndReason::Hangup => 129,
            EndReason::Interrupt => 130,
            EndReason::Terminate | EndReason::SessionEnd | EndReason::ConsoleClosed => 143,
        }
    }

    /// Words for the log and the status line.
    pub fn describe(self) -> &'static str {
        match self {
            EndReason::Terminate => "the system asked Steward to end (SIGTERM)",
            EndReason::Hangup => "the terminal Steward was started from closed (SIGHUP)",
            EndReason::Interrupt => "Ctrl+C was pressed (SIGINT)",
            EndReason::SessionEnd => "Windows is logging off or shutting down",
            EndReason::ConsoleClosed => "the console Steward was started from is closing",
        }
    }
}

/// A request to end, delivered to the app.
#[derive(Debug)]
pub struct EndRequest {
    pub reason: EndReason,
    done: Option<SyncSender<()>>,
}

impl EndRequest {
    /// A request that nobody waits on (for tests and for the app's own use).
    pub fn new(reason: EndReason) -> Self {
        EndRequest { reason, done: None }
    }

    /// Tells the platform side that unsaved work is kept and the lock is gone: the process may
    /// end now. Dropping the request without calling this has the same effect.
    pub fn finished(self) {
        if let Some(done) = self.done {
            let _ = done.send(());
        }
    }
}

type Wake = Box<dyn Fn() + Send + Sync>;

/// Where requests go: the app's receiver and the function that wakes its window.
struct Sink {
    tx: Mutex<Sender<EndRequest>>,
    wake: Wake,
}

static SINK: OnceLock<Sink> = OnceLock::new();

/// Starts listening for requests to end. Call once per process; `wake` is called after each
/// request is sent (typically `ctx.request_repaint()`). A second call returns an error.
pub fn listen(wake: impl Fn() + Send + Sync + 'static) -> std::io::Result<Receiver<EndRequest>> {
    let (tx, rx) = channel();
    let sink = Sink {
        tx: Mutex::new(tx),
        wake: Box::new(wake),
    };
    if SINK.set(sink).is_err() {
        return Err(std::io::Error::other("Steward already listens for requests to end"));
    }
    start_listening()?;
    Ok(rx)
}

/// Sends a request to the app and waits until it says it is done, or [`GRACE`] passed.
/// Returns whether the app answered in time.
pub(crate) fn deliver_and_wait(reason: EndReason) -> bool {
    let Some(sink) = SINK.get() else { return false };
    let (done_tx, done_rx) = sync_channel(1);
    let request = EndRequest {
        reason,
        done: Some(done_tx),
    };
    let sent = sink.tx.lock().map(|tx| tx.send(request).is_ok()).unwrap_or(false);
    if !sent {
        // The app is gone already (its receiver was dropped): nothing is left to keep.
        return true;
    }
    (sink.wake)();
    // `Err(Disconnected)` means the request was dropped without `finished`: also done.
    !matches!(
        done_rx.recv_timeout(GRACE),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout)
    )
}

#[cfg(unix)]
fn start_listening() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("steward-signals".into())
        .spawn(move || {
            let Some(first) = signals.forever().next() else { return };
            let reason = match first {
                SIGHUP => EndReason::Hangup,
                SIGINT => EndReason::Interrupt,
                _ => EndReason::Terminate,
            };
            log::info!("ending: {}", reason.describe());
            // A second signal while the app keeps its work ends the process at once.
            let second = std::thread::spawn(move || {
                if signals.forever().next().is_some() {
                    std::process::exit(reason.exit_code());
                }
            });
            if deliver_and_wait(reason) {
                // The work is kept: give the window a moment to close by itself.
                std::thread::sleep(CLOSE_WAIT);
            }
            handle.close();
            let _ = second;
            std::process::exit(reason.exit_code());
        })?;
    Ok(())
}

#[cfg(windows)]
fn start_listening() -> std::io::Result<()> {
    super::windows::listen_for_session_end()
}

#[cfg(not(any(unix, windows)))]
fn start_listening() -> std::io::Result<()> {
    Ok(())
}
