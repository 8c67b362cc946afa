//! The one way into the app. Panels, dialogs, the menu, the presentation, background jobs and
//! anything still to come (a file watcher, a signal handler, a second window) send
//! [`Command`]s here; the app applies them in one place, after the frame, in the order sent.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, OnceLock};

use super::command::Command;

/// A handle for sending commands to the app, from the UI thread or any other.
#[derive(Clone)]
pub struct CommandSender {
    tx: Sender<Command>,
    /// The window to wake when a command arrives from another thread; set once it exists.
    wake: Arc<OnceLock<egui::Context>>,
}

impl CommandSender {
    pub fn send(&self, command: Command) {
        // The receiver lives as long as the app; after it is gone nobody is left to tell.
        let _ = self.tx.send(command);
        if let Some(ctx) = self.wake.get() {
            ctx.request_repaint();
        }
    }
}

/// The app's end of the channel.
pub struct Inbox {
    sender: CommandSender,
    rx: Receiver<Command>,
}

impl Default for Inbox {
    fn default() -> Self {
        let (tx, rx) = channel();
        Inbox {
            sender: CommandSender {
                tx,
                wake: Arc::new(OnceLock::new()),
            },
            rx,
        }
    }
}

impl Inbox {
    pub fn sender(&self) -> CommandSender {
        self.sender.clone()
    }

    /// The window to wake when commands arrive from other threads.
    pub fn set_context(&self, ctx: egui::Context) {
        let _ = self.sender.wake.set(ctx);
    }

    /// The next waiting command, if any.
    pub fn next(&self) -> Option<Command> {
        match self.rx.try_recv() {
            Ok(command) => Some(command),
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => None,
        }
    }
}
