//! What differs between operating systems, kept out of the other layers: being asked to end
//! (signals on Linux, logoff and shutdown on Windows), the console of a Windows program,
//! hidden lock files and whether a process still runs.

pub mod shutdown;
#[cfg(windows)]
pub mod windows;

use std::path::Path;

/// The window's icon (and the taskbar's on Linux), drawn from `assets/icon/steward.svg`.
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/steward-64.png");

/// On Windows, makes `path` hidden, as office suites hide their lock files. Elsewhere the dot
/// at the start of the name already hides it. Best effort: a share may refuse attributes.
pub fn hide_file(path: &Path) {
    #[cfg(windows)]
    windows::set_hidden(path);
    #[cfg(not(windows))]
    let _ = path;
}

/// Whether a process with this id runs on this machine. When it cannot be told, the answer
/// is yes: a lock whose owner may be alive is never taken over silently.
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // Signal 0 checks for existence without sending anything.
        // SAFETY: kill with signal 0 has no effect on the target process.
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(windows)]
    {
        windows::process_alive(pid)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = pid;
        true
    }
}

/// Whether an error means that another program holds the file open (Windows' sharing and
/// lock violations). Such a refusal usually passes, so a save retries it.
pub fn file_in_use(err: &std::io::Error) -> bool {
    // ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
    cfg!(windows) && matches!(err.raw_os_error(), Some(32 | 33))
}

/// Started from a terminal on Windows, a windowless program prints nowhere: this attaches to
/// the terminal it was started from, so `steward check` prints there. Started from Explorer
/// or the Start menu there is no such terminal, and no console window appears. Elsewhere a
/// program always has its terminal, so this does nothing.
pub fn attach_parent_console() {
    #[cfg(windows)]
    windows::attach_parent_console();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_icon_is_a_64_pixel_square() {
        let icon = eframe::icon_data::from_png_bytes(ICON_PNG).expect("a PNG");
        assert_eq!((icon.width, icon.height), (64, 64));
        assert!(icon.rgba.iter().skip(3).step_by(4).any(|a| *a == 255), "not blank");
    }

    #[test]
    fn only_sharing_and_lock_violations_count_as_a_file_in_use() {
        let sharing = std::io::Error::from_raw_os_error(32);
        let other = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(file_in_use(&sharing), cfg!(windows));
        assert!(!file_in_use(&other));
    }

    #[test]
    fn this_process_runs() {
        assert!(process_alive(std::process::id()));
    }
}
