//! Carrying out effects against the `Service`. `exec` is one effect, run the
//! same way by the worker thread (so the screen never waits on the store or
//! the socket) and by tests (synchronously).

mod dashboard;
mod dirfile;
mod meetings;
mod read;
mod write;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;

use crate::core::{Service, ServiceError};
use crate::model::WorkCalendar;

use super::draft;
use super::event::{AppEvent, Effect, Outcome};
use super::i18n::T;

pub use read::{caller_items, caller_rows, FIND_LIMIT};

/// What the worker needs besides the service.
#[derive(Clone)]
pub struct Ctx {
    /// The service.
    pub svc: Arc<dyn Service>,
    /// For dates typed in forms.
    pub calendar: WorkCalendar,
    /// Where drafts go.
    pub drafts: Option<PathBuf>,
    /// A fixed clock for the demo data and call records (`None`: now).
    pub now: Option<i64>,
}

impl Ctx {
    /// The time now (or the fixed clock).
    pub fn now(&self) -> i64 {
        self.now.unwrap_or_else(|| chrono::Utc::now().timestamp())
    }
}

fn err(e: ServiceError) -> Outcome {
    Outcome::ServiceFailed(e)
}

/// A draft could not be kept: the folder and the OS's words, in a sentence
/// the clerk reads in their language.
fn draft_failed(t: T, dir: &std::path::Path, e: std::io::Error) -> Outcome {
    let esc = crate::model::sanitize::escape;
    Outcome::Refused(
        t,
        vec![esc(&dir.display().to_string()), esc(&e.to_string())],
    )
}

/// The outcome of writes, with who changed what for each refusal because
/// another clerk changed the item first (the fields the daemon names as
/// changed since the version the write read).
pub(super) fn applied(
    svc: &dyn Service,
    label: String,
    origin: super::event::Origin,
    results: Vec<(
        Option<crate::model::ItemId>,
        Result<crate::model::Item, ServiceError>,
    )>,
) -> Outcome {
    let conflicts = results
        .iter()
        .filter_map(|(_, r)| match r {
            Err(ServiceError::Conflict {
                id,
                read,
                version,
                by,
                when,
                changed,
            }) => {
                let fields: Vec<String> = changed.iter().map(|c| c.field.clone()).collect();
                Some(super::event::Conflict {
                    id: *id,
                    code: svc.get(*id).map(|i| i.code).unwrap_or_default(),
                    by: by.clone(),
                    when: when.clone(),
                    read: *read,
                    version: *version,
                    fields,
                })
            }
            _ => None,
        })
        .collect();
    Outcome::Applied {
        label,
        origin,
        results,
        conflicts,
    }
}

/// Runs one effect; `None` for effects with nothing to report.
pub fn exec(cx: &Ctx, fx: Effect) -> Option<Outcome> {
    let svc = cx.svc.as_ref();
    Some(match fx {
        Effect::LoadRows {
            tab,
            gen,
            kinds,
            text,
            open_only,
            limit,
        } => match read::rows(svc, &kinds, text, open_only, limit) {
            Ok(rows) => Outcome::Rows { tab, gen, rows },
            Err(e) => err(e),
        },
        Effect::LoadCounts => match svc.counts() {
            Ok(c) => Outcome::Counts(c),
            Err(e) => err(e),
        },
        Effect::LoadDirectory => match (svc.units(), svc.people()) {
            (Ok(u), Ok(p)) => Outcome::Directory(u, p),
            (Err(e), _) | (_, Err(e)) => err(e),
        },
        Effect::LoadDetail { id, gen } => read::detail(svc, id, gen),
        Effect::LoadUnitItems { unit, gen } => match caller_rows(svc, &unit, "") {
            Ok(rows) => Outcome::UnitItems { gen, rows },
            Err(e) => err(e),
        },
        Effect::Find { gen, query } => match svc.search(&query, FIND_LIMIT) {
            Ok(results) => Outcome::Found { gen, results },
            Err(e) => err(e),
        },
        Effect::LoadCaller { unit, person, gen } => match caller_items(svc, &unit, &person) {
            Ok(rows) => Outcome::CallerItems { gen, rows },
            Err(e) => err(e),
        },
        Effect::Apply {
            cmds,
            label,
            origin,
        } => applied(
            svc,
            label,
            origin,
            cmds.into_iter()
                .map(|c| (c.target(), svc.apply(c)))
                .collect(),
        ),
        Effect::Undo(e) => write::undo(svc, e),
        Effect::Step {
            id,
            version,
            writes,
            label,
        } => write::step(cx, id, version, writes, label),
        Effect::LoadBoard => match read::board(svc) {
            Ok(items) => Outcome::Board(items),
            Err(e) => err(e),
        },
        Effect::SaveForm { kind, id, fields } => write::save_form(cx, kind, id, fields),
        Effect::StartCall { item } => write::start_call(cx, *item),
        Effect::EndCall { id, secs } => write::end_call(svc, id, secs),
        Effect::SaveDirectory {
            units,
            people,
            select,
        } => write::save_directory(svc, units, people, select),
        Effect::ImportDirectory { file } => dirfile::import(svc, &file),
        Effect::ExportDirectory { file, people } => dirfile::export(svc, &file, people),
        Effect::LoadQueue { gen } => {
            let load = |q| svc.queue(q);
            match (
                load(crate::model::queue::Queue::Todo),
                load(crate::model::queue::Queue::ToRead),
                load(crate::model::queue::Queue::Done),
            ) {
                (Ok(a), Ok(b), Ok(c)) => Outcome::Queue {
                    gen,
                    sections: Box::new([a, b, c]),
                },
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => err(e),
            }
        }
        Effect::LoadCirculation { gen } => {
            let today = svc.today();
            Outcome::Circulation {
                gen,
                today,
                rows: read::circulation(svc, today).map_err(Box::new),
            }
        }
        Effect::LoadNotices => match svc.notices(true) {
            Ok(v) => Outcome::Notices(v),
            Err(e) => err(e),
        },
        Effect::MarkRead(ids) => return svc.mark_read(&ids).err().map(err),
        Effect::LoadDemo => {
            let data = crate::demo::generate(2000, 2026, cx.now());
            match crate::demo::load(svc, data) {
                Ok(n) => Outcome::DemoLoaded(n),
                Err(e) => err(e),
            }
        }
        Effect::SaveDraft(d) => {
            let dir = cx.drafts.as_ref()?;
            return draft::save(dir, &d)
                .err()
                .map(|e| draft_failed(T::MsgDraftFailed, dir, e));
        }
        Effect::DeleteDraft(name) => {
            let dir = cx.drafts.as_ref()?;
            return draft::delete(dir, &name)
                .err()
                .map(|e| draft_failed(T::MsgDraftDeleteFailed, dir, e));
        }
        Effect::LoadDashboard { gen, days } => Outcome::Dashboard {
            gen,
            load: dashboard::load(svc, &cx.calendar, days)
                .map(Box::new)
                .map_err(Box::new),
        },
        Effect::LoadMeetings { gen } => Outcome::Meetings {
            gen,
            items: meetings::all(svc).map_err(Box::new),
        },
        Effect::WriteNotice { file, text } => meetings::write_notice(&file, &text),
        Effect::Editor { .. } => return None,
    })
}

/// Whether a later effect of the batch makes `fx` pointless: rows of the
/// same tab, another detail, another quick-find query, another caller, a
/// later state of the same draft.
fn superseded(fx: &Effect, later: &[Effect]) -> bool {
    match fx {
        Effect::LoadRows { tab, .. } => later
            .iter()
            .any(|l| matches!(l, Effect::LoadRows { tab: t, .. } if t == tab)),
        Effect::LoadDetail { .. } | Effect::LoadUnitItems { .. } => later
            .iter()
            .any(|l| matches!(l, Effect::LoadDetail { .. } | Effect::LoadUnitItems { .. })),
        Effect::LoadCounts => later.iter().any(|l| matches!(l, Effect::LoadCounts)),
        Effect::LoadBoard => later.iter().any(|l| matches!(l, Effect::LoadBoard)),
        Effect::LoadMeetings { .. } => later
            .iter()
            .any(|l| matches!(l, Effect::LoadMeetings { .. })),
        Effect::Find { .. } => later.iter().any(|l| matches!(l, Effect::Find { .. })),
        Effect::LoadCaller { .. } => later.iter().any(|l| matches!(l, Effect::LoadCaller { .. })),
        Effect::SaveDraft(d) => later.iter().any(|l| match l {
            Effect::SaveDraft(n) => n.name == d.name,
            Effect::DeleteDraft(n) => *n == d.name,
            _ => false,
        }),
        _ => false,
    }
}

/// The worker thread: effects go in with `send`; `finish` lets it carry out
/// the writes still queued (drafts, changes, forms) before the workbench
/// ends — a SIGHUP in mid-form loses nothing typed.
pub struct Worker {
    tx: Sender<Effect>,
    closing: Arc<AtomicBool>,
    done: Receiver<()>,
}

impl Worker {
    /// Queues an effect.
    pub fn send(&self, fx: Effect) {
        let _ = self.tx.send(fx);
    }

    /// Ends the worker: reads still queued are dropped, writes are carried
    /// out in order. Waits at most `timeout`; returns whether it finished.
    pub fn finish(self, timeout: Duration) -> bool {
        self.closing.store(true, Ordering::SeqCst);
        drop(self.tx);
        matches!(
            self.done.recv_timeout(timeout),
            Err(RecvTimeoutError::Disconnected)
        )
    }
}

/// Runs effects on a thread, in order, except that rows, details and
/// queries superseded by a later request of the same sort (already queued
/// when their turn comes) are skipped: fast typing never queues stale work.
/// With `panic_first` (the runtime's `SHUNIU_TEST_PANIC=worker`), the thread
/// panics on its first effect, to test that a panic there restores the
/// terminal too. A panic ends the thread and tells the main loop
/// (`AppEvent::Crashed`).
pub fn spawn(cx: Ctx, tx: Sender<AppEvent>, panic_first: bool) -> Worker {
    let (wtx, rx) = std::sync::mpsc::channel::<Effect>();
    let (done_tx, done) = std::sync::mpsc::channel::<()>();
    let closing = Arc::new(AtomicBool::new(false));
    let c = closing.clone();
    std::thread::Builder::new()
        .name("shuniu-worker".into())
        .spawn(move || {
            // Dropped when the thread ends, however it ends: `finish` sees it.
            let _done = done_tx;
            super::term::guarded(tx.clone(), || work(cx, rx, tx, &c, panic_first))
        })
        .expect("spawn the worker thread");
    Worker {
        tx: wtx,
        closing,
        done,
    }
}

fn work(
    cx: Ctx,
    rx: Receiver<Effect>,
    tx: Sender<AppEvent>,
    closing: &AtomicBool,
    panic_first: bool,
) {
    let mut queue: VecDeque<Effect> = VecDeque::new();
    loop {
        if queue.is_empty() {
            match rx.recv() {
                Ok(fx) => queue.push_back(fx),
                Err(_) => return,
            }
        }
        queue.extend(rx.try_iter());
        let Some(fx) = queue.pop_front() else {
            continue;
        };
        if panic_first {
            panic!("SHUNIU_TEST_PANIC=worker: a test of a panic in the worker thread");
        }
        if superseded(&fx, queue.make_contiguous()) {
            continue;
        }
        if closing.load(Ordering::SeqCst) && !fx.is_write() {
            continue;
        }
        if let Some(o) = exec(&cx, fx) {
            // The main loop may be gone already (ending): the writes go on.
            let _ = tx.send(AppEvent::Outcome(o));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::draft::Draft;

    fn draft(text: &str) -> Draft {
        Draft {
            name: "new-inbox".into(),
            kind: "inbox".into(),
            id: None,
            code: String::new(),
            fields: vec![("title".into(), text.into())],
            focus: 0,
            saved: 1,
        }
    }

    #[test]
    fn finish_carries_out_the_queued_draft_saves_and_drops_the_reads() {
        let dir = tempfile::tempdir().unwrap();
        let core = crate::tui::harness::fixture(&dir.path().join("data"), 0);
        let drafts = dir.path().join("drafts");
        let cx = Ctx {
            svc: core.clone(),
            calendar: crate::model::WorkCalendar::builtin(),
            drafts: Some(drafts.clone()),
            now: Some(crate::tui::harness::FIXED_NOW),
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let w = spawn(cx, tx, false);
        // The worker is busy with the demo data (a while, in a debug build)
        // when the clerk types and the connection drops.
        w.send(Effect::LoadDemo);
        for i in 0..=20 {
            w.send(Effect::SaveDraft(draft(&format!("斷線前的來件 {i}"))));
        }
        w.send(Effect::LoadDemo);
        w.send(Effect::LoadCounts);
        assert!(w.finish(Duration::from_secs(60)), "the worker finished");
        let saved = crate::tui::draft::list(&drafts);
        assert_eq!(
            saved,
            vec![draft("斷線前的來件 20")],
            "the last state typed"
        );
        // The read queued behind the drafts was dropped, and so was the
        // second demo load; nothing else is on its way.
        let outcomes: Vec<AppEvent> = rx.try_iter().collect();
        assert!(
            !outcomes
                .iter()
                .any(|o| matches!(o, AppEvent::Outcome(Outcome::Counts(_)))),
            "{outcomes:?}"
        );
        let items = core.rows(&crate::core::Filter::default()).unwrap().len();
        assert!(items <= 2000, "{items}: the second load did not run");
    }
}
