//! Ending when the system asks (a signal, logoff, shutdown): keep a recovery copy of unsaved
//! work, remove the lock beside the project, then close without asking. Requests arrive from
//! [`crate::platform::shutdown`] and reach the app as commands through its inbox.

use std::sync::mpsc::{Receiver, channel};

use super::Command;
use std::time::Duration;

use super::StewardApp;
use crate::platform::shutdown::{EndRequest, GRACE};
use crate::storage::recovery;

/// How long the app waits for the recovery copy and the lock removal; within [`GRACE`].
const KEEP_WAIT: Duration = Duration::from_millis(GRACE.as_millis() as u64 * 3 / 4);

impl StewardApp {
    /// Requests to end arrive on `requests` from now on (see
    /// [`crate::platform::shutdown::listen`]); each becomes a [`Command::End`] in the inbox,
    /// like every other change.
    pub fn listen_for_end(&mut self, requests: Receiver<EndRequest>) {
        let sender = self.inbox.sender();
        std::thread::spawn(move || {
            for request in requests {
                sender.send(Command::End(request));
            }
        });
    }

    /// Keeps unsaved work as a recovery copy, removes our lock, and closes without asking.
    /// The writing happens on a worker thread, but the app waits for it (boundedly): the
    /// process ends right after.
    pub fn end_now(&mut self, request: EndRequest) {
        log::info!("ending: {}", request.reason.describe());
        let unsaved = (self.doc.is_dirty() && !self.doc.read_only).then(|| self.doc.project.clone());
        let dir = self.dirs.data.clone();
        let original = self.doc.path.clone();
        let lock = self.doc.lock.take();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            if let (Some(project), Some(dir)) = (unsaved, dir) {
                match recovery::write_recovery(&dir, original.as_deref(), &project) {
                    Ok(file) => log::info!("unsaved work kept in {}", file.display()),
                    Err(err) => log::warn!("could not keep unsaved work: {err}"),
                }
            }
            // Dropping the guard removes the lock file if it is still ours.
            drop(lock);
            let _ = tx.send(());
        });
        if rx.recv_timeout(KEEP_WAIT).is_err() {
            log::warn!("keeping unsaved work took too long; ending anyway");
        }
        request.finished();
        self.dialog = None;
        self.close_allowed = true;
        self.close_requested = true;
    }
}
