//! Terminal input on its own thread, as events on the main channel. It can
//! be paused while `$EDITOR` owns the terminal, so no key is stolen from it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::event::AppEvent;
use super::key::{Code, Key};

/// Converts a crossterm key; `None` for releases and keys shuniu ignores.
pub fn convert(k: KeyEvent) -> Option<Key> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let code = match k.code {
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Tab => Code::Tab,
        KeyCode::BackTab => Code::BackTab,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::Delete => Code::Delete,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::F(n) => Code::F(n),
        _ => return None,
    };
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let code = match code {
        Code::Char(c) if ctrl => Code::Char(c.to_ascii_lowercase()),
        c => c,
    };
    Some(Key {
        code,
        ctrl,
        alt: k.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Pauses and resumes the input thread.
#[derive(Clone, Default)]
pub struct Pause {
    state: Arc<(Mutex<(bool, bool)>, Condvar)>,
    stop: Arc<AtomicBool>,
}

impl Pause {
    /// Stops reading and waits until the thread has let go of the terminal.
    pub fn pause(&self) {
        let (m, cv) = &*self.state;
        let mut g = m.lock().expect("lock");
        g.0 = true;
        let deadline = std::time::Instant::now() + Duration::from_secs(1);
        while !g.1 {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            g = cv.wait_timeout(g, left).expect("lock").0;
        }
    }

    /// Reads again.
    pub fn resume(&self) {
        let (m, cv) = &*self.state;
        let mut g = m.lock().expect("lock");
        g.0 = false;
        g.1 = false;
        cv.notify_all();
    }
}

/// Starts the input thread and the hang-up watch. It wakes twice a second at most when idle (to notice
/// a pause). A panic in it ends the workbench (see `term::guarded`).
pub fn spawn(tx: Sender<AppEvent>, pause: Pause) {
    let crash = tx.clone();
    let hangup = tx.clone();
    std::thread::Builder::new()
        .name("shuniu-input".into())
        .spawn(move || super::term::guarded(crash, move || read(tx, pause)))
        .expect("spawn the input thread");
    std::thread::Builder::new()
        .name("shuniu-hangup".into())
        .spawn(move || watch_hangup(hangup))
        .expect("spawn the hang-up watch");
}

fn read(tx: Sender<AppEvent>, pause: Pause) {
    loop {
        {
            let (m, cv) = &*pause.state;
            let mut g = m.lock().expect("lock");
            while g.0 {
                g.1 = true;
                cv.notify_all();
                g = cv.wait(g).expect("lock");
            }
        }
        if pause.stop.load(Ordering::Relaxed) {
            return;
        }
        match event::poll(Duration::from_millis(500)) {
            Ok(false) => continue,
            Ok(true) => {}
            Err(_) => {
                let _ = tx.send(AppEvent::InputClosed);
                return;
            }
        }
        let ev = match event::read() {
            Ok(Event::Key(k)) => convert(k).map(AppEvent::Key),
            Ok(Event::Paste(s)) => Some(AppEvent::Paste(s)),
            Ok(Event::Resize(w, h)) => Some(AppEvent::Resize(w, h)),
            Ok(_) => None,
            Err(_) => {
                let _ = tx.send(AppEvent::InputClosed);
                return;
            }
        };
        if let Some(ev) = ev {
            if tx.send(ev).is_err() {
                return;
            }
        }
    }
}

/// Watches the terminal on standard input for a hang-up (its SSH connection
/// or tmux pane is gone) and says so as `InputClosed`. crossterm 0.29 spins
/// inside `poll` once its terminal has hung up (a read of 0 bytes or EIO is
/// retried for ever), so the workbench could not notice by itself when the
/// SIGHUP went to a parent (`su`, `runuser`) instead of to it. A poll for no
/// events returns only on hang-up or error: this thread costs nothing while
/// the terminal is there.
fn watch_hangup(tx: Sender<AppEvent>) {
    use rustix::event::{poll, PollFd, PollFlags};
    let stdin = std::io::stdin();
    loop {
        let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
        match poll(&mut fds, None) {
            Ok(_) => {
                let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
                if fds[0].revents().intersects(gone) {
                    let _ = tx.send(AppEvent::InputClosed);
                    return;
                }
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return,
        }
    }
}
