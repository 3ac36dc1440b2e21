//! The terminal's life: raw mode, the alternate screen and bracketed paste
//! on the way in; everything undone on the way out, whichever way out it is
//! (normal exit, panic, SIGTERM, SIGHUP), and around `$EDITOR`.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::{
    cursor,
    event::{DisableBracketedPaste, EnableBracketedPaste},
    execute,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOKED: AtomicBool = AtomicBool::new(false);

/// Raw mode, alternate screen, bracketed paste.
pub fn enter() -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = std::io::stdout();
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
    let mut out = std::io::stdout();
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

/// A panic restores the terminal first, then the previous hook (color-eyre's
/// report) prints to a sane screen.
pub fn install_panic_hook() {
    if HOOKED.swap(true, Ordering::SeqCst) {
        return;
    }
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        prev(info);
    }));
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
