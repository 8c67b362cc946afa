//! Windows specifics: the console of a windowless program, hidden files, whether a process
//! runs, and noticing logoff and shutdown.

use std::ffi::OsStr;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_INVALID_PARAMETER, GetLastError, HWND, LPARAM, LRESULT, WPARAM,
};
use windows_sys::Win32::Storage::FileSystem::{
    FILE_ATTRIBUTE_HIDDEN, GetFileAttributesW, INVALID_FILE_ATTRIBUTES, SetFileAttributesW,
};
use windows_sys::Win32::System::Console::{
    ATTACH_PARENT_PROCESS, AttachConsole, CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT,
    CTRL_SHUTDOWN_EVENT, GetStdHandle, STD_OUTPUT_HANDLE, SetConsoleCtrlHandler,
};
use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
use windows_sys::Win32::System::Threading::{GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    CreateWindowExW, DefWindowProcW, DispatchMessageW, GetMessageW, MSG, RegisterClassW, TranslateMessage,
    WM_ENDSESSION, WM_QUERYENDSESSION, WNDCLASSW,
};

use super::shutdown::{CLOSE_WAIT, EndReason, deliver_and_wait};

/// The class name of the hidden window that hears about logoff and shutdown. Tests find the
/// window by it.
pub const SESSION_WINDOW_CLASS: &str = "StewardSessionWatcher";

/// Exit status of a process that is still running.
const STILL_ACTIVE: u32 = 259;

fn wide(s: &OsStr) -> Vec<u16> {
    s.encode_wide().chain(std::iter::once(0)).collect()
}

/// Adds the hidden attribute to a file. Best effort.
pub fn set_hidden(path: &Path) {
    let name = wide(path.as_os_str());
    // SAFETY: `name` is a NUL-terminated wide string that outlives both calls.
    unsafe {
        let attributes = GetFileAttributesW(name.as_ptr());
        if attributes != INVALID_FILE_ATTRIBUTES && attributes & FILE_ATTRIBUTE_HIDDEN == 0 {
            SetFileAttributesW(name.as_ptr(), attributes | FILE_ATTRIBUTE_HIDDEN);
        }
    }
}

/// Whether the file carries the hidden attribute.
pub fn is_hidden(path: &Path) -> bool {
    let name = wide(path.as_os_str());
    // SAFETY: `name` is a NUL-terminated wide string that outlives the call.
    let attributes = unsafe { GetFileAttributesW(name.as_ptr()) };
    attributes != INVALID_FILE_ATTRIBUTES && attributes & FILE_ATTRIBUTE_HIDDEN != 0
}

/// Whether a process with this id runs. A process that exists but may not be asked (another
/// user's) counts as running.
pub fn process_alive(pid: u32) -> bool {
    // SAFETY: the handle is checked before use and closed once.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            // No such process is reported as an invalid parameter; anything else (access
            // denied) means it exists.
            return GetLastError() != ERROR_INVALID_PARAMETER;
        }
        let mut code = 0u32;
        let ok = GetExitCodeProcess(handle, &mut code);
        CloseHandle(handle);
        ok == 0 || code == STILL_ACTIVE
    }
}

/// Attaches to the console of the program that started Steward, when it has no output of its
/// own (a windowless program started from a terminal). Output that was redirected to a file or
/// a pipe is left as it is.
pub fn attach_parent_console() {
    // SAFETY: plain calls without pointers.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        if out.is_null() {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

static ENDING: AtomicBool = AtomicBool::new(false);

/// Console events (Ctrl+C, closing the console, logoff and shutdown for console programs).
unsafe extern "system" fn console_event(kind: u32) -> i32 {
    let reason = match kind {
        CTRL_C_EVENT | CTRL_BREAK_EVENT => EndReason::Interrupt,
        CTRL_CLOSE_EVENT => EndReason::ConsoleClosed,
        CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => EndReason::SessionEnd,
        _ => return 0,
    };
    if ENDING.swap(true, Ordering::SeqCst) {
        // A second request while the first is handled: end now.
        std::process::exit(reason.exit_code());
    }
    if deliver_and_wait(reason) {
        std::thread::sleep(CLOSE_WAIT);
    }
    std::process::exit(reason.exit_code());
}

/// The hidden window's messages: Windows asks every top-level window before logoff or shutdown
/// (`WM_QUERYENDSESSION`) and then says it happens (`WM_ENDSESSION`); once that returns the
/// process may be ended at any moment, so the app's work is done before returning.
unsafe extern "system" fn session_window(hwnd: HWND, message: u32, wparam: WPARAM, lparam: LPARAM) -> LRESULT {
    match message {
        WM_QUERYENDSESSION => 1,
        WM_ENDSESSION => {
            if wparam != 0 && !ENDING.swap(true, Ordering::SeqCst) {
                deliver_and_wait(EndReason::SessionEnd);
            }
            0
        }
        // SAFETY: forwarding the window's own message as received.
        _ => unsafe { DefWindowProcW(hwnd, message, wparam, lparam) },
    }
}

/// Installs the console handler and starts the hidden window on its own thread.
pub fn listen_for_session_end() -> std::io::Result<()> {
    // SAFETY: `console_event` is a valid handler for the life of the process.
    if unsafe { SetConsoleCtrlHandler(Some(console_event), 1) } == 0 {
        log::warn!("no console handler: {}", std::io::Error::last_os_error());
    }
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("steward-session".into())
        .spawn(move || {
            let class = wide(OsStr::new(SESSION_WINDOW_CLASS));
            // SAFETY: the class and window names outlive the window, which lives as long as
            // this thread; the message loop below runs on the thread that made the window.
            unsafe {
                let instance = GetModuleHandleW(std::ptr::null());
                let wc = WNDCLASSW {
                    style: 0,
                    lpfnWndProc: Some(session_window),
                    cbClsExtra: 0,
                    cbWndExtra: 0,
                    hInstance: instance,
                    hIcon: std::ptr::null_mut(),
                    hCursor: std::ptr::null_mut(),
                    hbrBackground: std::ptr::null_mut(),
                    lpszMenuName: std::ptr::null(),
                    lpszClassName: class.as_ptr(),
                };
                RegisterClassW(&wc);
                // A top-level window that is never shown: message-only windows do not hear
                // about the end of a session.
                let hwnd = CreateWindowExW(
                    0,
                    class.as_ptr(),
                    class.as_ptr(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    instance,
                    std::ptr::null(),
                );
                if hwnd.is_null() {
                    let _ = ready_tx.send(Err(std::io::Error::last_os_error()));
                    return;
                }
                let _ = ready_tx.send(Ok(()));
                let mut msg: MSG = std::mem::zeroed();
                while GetMessageW(&mut msg, std::ptr::null_mut(), 0, 0) > 0 {
                    TranslateMessage(&msg);
                    DispatchMessageW(&msg);
                }
            }
        })?;
    ready_rx
        .recv()
        .unwrap_or_else(|_| Err(std::io::Error::other("the session watcher did not start")))
}
