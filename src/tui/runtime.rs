//! The main loop on a real terminal: one channel carries keys, pastes,
//! resizes, worker outcomes, server pushes and signals; the loop blocks on
//! it (idle CPU ≈ 0), coalesces what is queued, and draws only when the
//! state is dirty, inside a synchronized update, through a buffered stdout.

use std::io::{BufWriter, Stdout};
use std::path::PathBuf;
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::Instant;

use color_eyre::eyre::Result;
use ratatui::Terminal;

use crate::core::Service;
use crate::model::WorkCalendar;

use super::app::App;
use super::event::{AppEvent, Effect, Outcome};
use super::input_thread::{self, Pause};
use super::{term, view, worker, Prefs};

/// What the CLI hands over.
pub struct Launch {
    /// The service.
    pub svc: Arc<dyn Service>,
    /// The calendar.
    pub calendar: WorkCalendar,
    /// Warnings from opening (config, calendar).
    pub warnings: Vec<String>,
    /// Theme, language, keys.
    pub prefs: Prefs,
    /// How the service is reached (the status line says it).
    pub connection: super::Connection,
    /// Where drafts go.
    pub drafts: PathBuf,
}

type Term = Terminal<super::backend::Quiet<BufWriter<Stdout>>>;

/// Where `SHUNIU_TEST_PANIC` (a hidden debug trigger for the end-to-end
/// tests) makes the workbench panic, to prove the terminal comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TestPanic {
    /// The main loop, on the first key.
    Key,
    /// The worker thread, on its first effect.
    Worker,
}

fn test_panic() -> Option<TestPanic> {
    match std::env::var("SHUNIU_TEST_PANIC").ok()?.as_str() {
        "key" => Some(TestPanic::Key),
        "worker" => Some(TestPanic::Worker),
        _ => None,
    }
}

fn draw(t: &mut Term, app: &mut App) -> std::io::Result<()> {
    // Between frames only may a panic on another thread restore the terminal.
    let _frame = term::output();
    if term::crashed() {
        return Ok(());
    }
    if app.clear {
        t.clear()?;
        t.backend_mut().forget();
        app.clear = false;
    }
    // Inside a synchronized update, and nothing at all when nothing changed
    // (see `backend::Quiet`).
    t.draw(|f| view::draw(f, app))?;
    app.dirty = false;
    Ok(())
}

/// Why `$EDITOR` gave no text back.
enum EditorFail {
    /// It could not run, or its file could not be read (the OS's words).
    Io(std::io::Error),
    /// It ran and failed: the command and how it ended (the OS's words).
    Exited(String, String),
}

impl From<std::io::Error> for EditorFail {
    fn from(e: std::io::Error) -> Self {
        EditorFail::Io(e)
    }
}

/// Runs `$EDITOR` on `text` with the terminal handed over; returns the new text.
fn editor(text: &str, pause: &Pause) -> Result<String, EditorFail> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("shuniu.txt");
    std::fs::write(&path, text)?;
    let cmd = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    pause.pause();
    term::restore();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{cmd} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
    let back = term::enter();
    pause.resume();
    back?;
    let st = status?;
    if !st.success() {
        return Err(EditorFail::Exited(cmd, st.to_string()));
    }
    Ok(std::fs::read_to_string(&path)?)
}

fn send(fx: Vec<Effect>, work: &worker::Worker, local: &mut Vec<Effect>) {
    for e in fx {
        match e {
            Effect::Editor { .. } => local.push(e),
            e => work.send(e),
        }
    }
}

/// How long the end of the workbench waits for the writes still queued
/// (below the signal thread's two seconds).
const FINISH_WRITES: std::time::Duration = std::time::Duration::from_millis(1500);

/// Runs the workbench until the clerk quits or a signal ends it.
pub fn run(l: Launch) -> Result<()> {
    let svc = l.svc.clone();
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let (setup, mut warnings) = super::setup(
        svc.as_ref(),
        l.calendar.clone(),
        &l.prefs,
        l.connection,
        Some(l.drafts.clone()),
    );
    warnings.extend(l.warnings);
    let (mut app, first) = App::new(setup, size);
    let cx = worker::Ctx {
        svc: svc.clone(),
        calendar: l.calendar,
        drafts: Some(l.drafts),
        now: None,
    };
    // The first frame's data is loaded before the first frame: no flash of emptiness.
    let mut fx = vec![];
    for e in first {
        if let Some(o) = worker::exec(&cx, e) {
            fx.extend(app.outcome(o));
        }
    }
    for e in fx {
        if let Some(o) = worker::exec(&cx, e) {
            app.outcome(o);
        }
    }
    if let Some(w) = warnings.first() {
        let more = if warnings.len() > 1 {
            format!(" (+{})", warnings.len() - 1)
        } else {
            String::new()
        };
        app.say(super::app::Level::Error, format!("{w}{more}"));
    }
    let panic_at = test_panic();
    let (tx, rx) = channel::<AppEvent>();
    term::install_panic_hook();
    let work = worker::spawn(cx, tx.clone(), panic_at == Some(TestPanic::Worker));
    if let Ok(push) = svc.subscribe() {
        let tx = tx.clone();
        std::thread::Builder::new()
            .name("shuniu-push".into())
            .spawn(move || {
                for p in push {
                    if tx.send(AppEvent::Push(p)).is_err() {
                        return;
                    }
                }
                // The channel closed: the service is gone (the daemon's
                // client closes its subscribers when the connection drops).
                let _ = tx.send(AppEvent::Disconnected);
            })?;
    }
    term::watch_signals(tx.clone());
    term::enter()?;
    let _guard = term::Guard;
    let pause = Pause::default();
    input_thread::spawn(tx.clone(), pause.clone());
    let backend = super::backend::Quiet::new(BufWriter::with_capacity(1 << 16, std::io::stdout()));
    let mut terminal = Terminal::new(backend)?;
    terminal.clear()?;
    let mut local: Vec<Effect> = vec![];
    let mut exit_code = None;
    let mut crashed = false;
    loop {
        if app.dirty {
            draw(&mut terminal, &mut app)?;
        }
        if app.quit {
            break;
        }
        let ev = match app.deadline() {
            Some(d) => match rx.recv_timeout(d.saturating_duration_since(Instant::now())) {
                Ok(ev) => Some(ev),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(ev) => Some(ev),
                Err(_) => break,
            },
        };
        let mut events: Vec<AppEvent> = ev.into_iter().collect();
        if events.is_empty() {
            let fx = app.tick(Instant::now());
            send(fx, &work, &mut local);
        }
        events.extend(rx.try_iter());
        for ev in events {
            let fx = match ev {
                AppEvent::Key(_) if panic_at == Some(TestPanic::Key) => {
                    panic!("SHUNIU_TEST_PANIC=key: a test of a panic in the main loop")
                }
                AppEvent::Key(k) => app.key(k),
                AppEvent::Paste(s) => app.paste(&s),
                AppEvent::Resize(w, h) => {
                    app.size = (w, h);
                    app.dirty = true;
                    let h = app.list_height();
                    for t in app.tabs.iter_mut() {
                        t.scroll_to(h);
                    }
                    vec![]
                }
                AppEvent::Outcome(o) => app.outcome(o),
                AppEvent::Push(p) => app.push(p),
                AppEvent::Signal(sig) => {
                    // The draft is saved as it is typed: the worker finishes
                    // the saves still queued before the process ends.
                    exit_code = Some(128 + sig);
                    app.quit = true;
                    vec![]
                }
                AppEvent::InputClosed => {
                    app.quit = true;
                    vec![]
                }
                AppEvent::Disconnected => {
                    app.disconnected();
                    vec![]
                }
                AppEvent::Crashed => {
                    crashed = true;
                    break;
                }
            };
            send(fx, &work, &mut local);
        }
        // Everything of this wake-up is in: a burst of pushes is counted once.
        let fx = app.settle();
        send(fx, &work, &mut local);
        for e in std::mem::take(&mut local) {
            if let Effect::Editor { field, text } = e {
                let o = match editor(&text, &pause) {
                    Ok(text) => Outcome::Edited { field, text },
                    Err(EditorFail::Io(err)) => Outcome::Failed(app.tf(
                        super::i18n::T::MsgEditorFailed,
                        &[&crate::model::sanitize::escape(&err.to_string())],
                    )),
                    Err(EditorFail::Exited(cmd, how)) => {
                        let e = crate::model::sanitize::escape;
                        Outcome::Failed(
                            app.tf(super::i18n::T::MsgEditorExited, &[&e(&cmd), &e(&how)]),
                        )
                    }
                };
                terminal.clear()?;
                terminal.backend_mut().forget();
                let fx = app.outcome(o);
                send(fx, &work, &mut local);
            }
        }
        if exit_code.is_some() || crashed {
            break;
        }
    }
    drop(terminal);
    term::restore();
    if crashed {
        // The report is on the screen already (the panic hook printed it).
        std::process::exit(101);
    }
    // The shell has its terminal back; the writes still queued go through.
    work.finish(FINISH_WRITES);
    if let Some(code) = exit_code {
        std::process::exit(code);
    }
    Ok(())
}
