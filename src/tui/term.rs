//! The terminal's life: raw mode, the alternate screen and bracketed paste
//! on the way in; everything undone on the way out, whichever way out it is
//! (normal exit, panic, SIGTERM, SIGHUP), and around `$EDITOR`.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

use ratatui::crossterm::{
    cursor,
    event::{DisableBracketedPaste, EnableBracketedPaste},
    execute,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOKED: AtomicBool = AtomicBool::new(false);
/// A thread panicked: no frame is drawn any more.
static CRASHED: AtomicBool = AtomicBool::new(false);
/// Held while a frame is written, so that a panic on another thread restores
/// the terminal (and prints its report) only between frames.
static OUTPUT: Mutex<()> = Mutex::new(());

/// Whether a thread has panicked (the main loop then draws nothing more).
pub fn crashed() -> bool {
    CRASHED.load(Ordering::SeqCst)
}

/// The right to write a frame; see `OUTPUT`.
pub fn output() -> MutexGuard<'static, ()> {
    OUTPUT.lock().unwrap_or_else(|e| e.into_inner())
}

/// `OUTPUT` for the panic hook: waited for a moment at most, since the
/// panicking thread may hold it itself (a panic while drawing).
fn output_for_panic() -> Option<MutexGuard<'static, ()>> {
    let deadline = Instant::now() + Duration::from_millis(300);
    loop {
        match OUTPUT.try_lock() {
            Ok(g) => return Some(g),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => return None,
        }
    }
}

/// The terminal's output, written to directly. Not `std::io::stdout()`:
/// the CLI's main thread holds its lock for the whole run, and the terminal
/// must also be given back from the worker's panic and the signal thread.
fn out() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    Ok(std::io::stdout().as_fd().try_clone_to_owned()?.into())
}

/// Raw mode, alternate screen, bracketed paste.
pub fn enter() -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = out()?;
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    Ok(())
}

/// Puts the terminal back as the shell had it. Safe to call twice and from
/// a panic hook or a signal thread; errors are ignored (the terminal may be gone).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let Ok(mut out) = out() else {
        let _ = terminal::disable_raw_mode();
        return;
    };
    let _ = execute!(
        out,
        ratatui::crossterm::terminal::EndSynchronizedUpdate,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped (every early return and `?`).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// A panic on any thread restores the terminal first, between frames, then
/// the previous hook (color-eyre's report) prints to a sane screen; no frame
/// is drawn after it.
pub fn install_panic_hook() {
    if HOOKED.swap(true, Ordering::SeqCst) {
        return;
    }
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        CRASHED.store(true, Ordering::SeqCst);
        let _frame = output_for_panic();
        restore();
        prev(info);
    }));
}

/// Runs a helper thread's body; if it panics (the hook has restored the
/// terminal and printed the report), the main loop is told to end.
pub fn guarded(tx: std::sync::mpsc::Sender<super::event::AppEvent>, body: impl FnOnce()) {
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).is_err() {
        let _ = tx.send(super::event::AppEvent::Crashed);
    }
}

/// SIGTERM and SIGHUP arrive as events on `tx`; if the main loop has not
/// finished two seconds later, the terminal is restored and the process ends.
pub fn watch_signals(tx: std::sync::mpsc::Sender<super::event::AppEvent>) {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::Builder::new()
        .name("shuniu-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = tx.send(super::event::AppEvent::Signal(sig));
                std::thread::sleep(std::time::Duration::from_secs(2));
                restore();
                std::process::exit(128 + sig);
            }
        })
        .ok();
}
