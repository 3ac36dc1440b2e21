//! Carrying out effects against the `Service`. `exec` is one effect, run the
//! same way by the worker thread (so the screen never waits on the store or
//! the socket) and by tests (synchronously).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;

use crate::core::{Filter, Row, Service, ServiceError};
use crate::model::{Command, DateCtx, Item, Kind, LinkRel, Status, WorkCalendar};

use super::draft;
use super::event::{AppEvent, Effect, LinkView, Origin, Outcome, UndoEntry};

/// What the worker needs besides the service.
#[derive(Clone)]
pub struct Ctx {
    /// The service.
    pub svc: Arc<dyn Service>,
    /// For dates typed in forms.
    pub calendar: WorkCalendar,
    /// Where drafts go.
    pub drafts: Option<PathBuf>,
    /// The demo's clock (`None`: now).
    pub demo_now: Option<i64>,
}

fn err(e: ServiceError) -> Outcome {
    Outcome::Failed(e.to_string())
}

fn rows(
    svc: &dyn Service,
    kinds: &[Kind],
    text: Option<String>,
    open: bool,
) -> Result<Vec<Row>, ServiceError> {
    if text.is_some() || kinds.len() != 1 {
        let f = Filter {
            kind: (kinds.len() == 1).then(|| kinds[0]),
            open,
            text,
            ..Filter::default()
        };
        let mut v = svc.rows(&f)?;
        v.retain(|r| kinds.contains(&r.kind));
        if f.text.is_none() {
            v.sort_by(|a, b| b.updated.cmp(&a.updated).then(b.id.cmp(&a.id)));
        }
        return Ok(v);
    }
    svc.rows(&Filter {
        kind: Some(kinds[0]),
        open,
        ..Filter::default()
    })
}

fn rel_label(r: LinkRel) -> &'static str {
    match r {
        LinkRel::Source => "來源",
        LinkRel::Derived => "派生",
        LinkRel::Related => "相關",
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
        } => match rows(svc, &kinds, text, open_only) {
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
        Effect::LoadDetail { id, gen } => {
            let item = match svc.get(id) {
                Ok(i) => i,
                Err(e) => return Some(err(e)),
            };
            let history = svc.history(id).unwrap_or_default();
            let links = item
                .links
                .iter()
                .filter_map(|l| {
                    svc.get(l.id).ok().map(|o| LinkView {
                        id: o.id,
                        kind: o.kind,
                        code: o.code,
                        title: o.title,
                        rel: rel_label(l.rel),
                    })
                })
                .collect();
            Outcome::Detail {
                gen,
                item: Box::new(item),
                history,
                links,
            }
        }
        Effect::LoadUnitItems { unit, gen } => match svc.rows(&Filter {
            unit: Some(unit),
            open: true,
            limit: Some(200),
            ..Filter::default()
        }) {
            Ok(rows) => Outcome::UnitItems { gen, rows },
            Err(e) => err(e),
        },
        Effect::Apply {
            cmds,
            label,
            origin,
        } => Outcome::Applied {
            label,
            origin,
            results: cmds
                .into_iter()
                .map(|c| (c.target(), svc.apply(c)))
                .collect(),
        },
        Effect::Undo(e) => undo(svc, e),
        Effect::SaveForm { kind, id, fields } => save_form(cx, kind, id, fields),
        Effect::LoadDemo => {
            let now = cx
                .demo_now
                .unwrap_or_else(|| chrono::Utc::now().timestamp());
            let data = crate::demo::generate(2000, 2026, now);
            match crate::demo::load(svc, data) {
                Ok(n) => Outcome::DemoLoaded(n),
                Err(e) => err(e),
            }
        }
        Effect::SaveDraft(d) => {
            let dir = cx.drafts.as_ref()?;
            return draft::save(dir, &d)
                .err()
                .map(|e| Outcome::Failed(e.to_string()));
        }
        Effect::DeleteDraft(name) => {
            let dir = cx.drafts.as_ref()?;
            return draft::delete(dir, &name)
                .err()
                .map(|e| Outcome::Failed(e.to_string()));
        }
        Effect::Editor { .. } => return None,
    })
}

/// Takes back a change: a new `Set` of the fields' values before it (as
/// history recorded them), or the reverse move for a close.
fn undo(svc: &dyn Service, e: UndoEntry) -> Outcome {
    let mut results = vec![];
    for (id, version) in e.targets {
        let r = (|| {
            let hist = svc.history(id)?;
            let entry = hist.iter().find(|h| h.version == version).ok_or_else(|| {
                ServiceError::NotFound(format!("history of item {id} v{version}"))
            })?;
            let cur = svc.get(id)?;
            if let Some(st) = entry.changes.iter().find(|c| c.field == "status") {
                let to =
                    Status::parse(&st.before).map_err(|e| ServiceError::Rule(e.to_string()))?;
                return svc.apply(Command::Move {
                    id,
                    version: cur.version,
                    to,
                    note: format!("撤銷 {}", entry.action),
                });
            }
            let fields: Vec<(String, String)> = entry
                .changes
                .iter()
                .filter(|c| crate::model::fields::spec(&c.field).is_some_and(|s| !s.system))
                .map(|c| (c.field.clone(), c.before.clone()))
                .collect();
            if fields.is_empty() {
                return Err(ServiceError::Rule("this change cannot be undone".into()));
            }
            svc.apply(Command::Set {
                id,
                version: cur.version,
                fields,
            })
        })();
        results.push((Some(id), r));
    }
    Outcome::Applied {
        label: e.label,
        origin: Origin::Undo,
        results,
    }
}

fn save_form(
    cx: &Ctx,
    kind: Kind,
    id: Option<(u64, u64)>,
    fields: Vec<(String, String)>,
) -> Outcome {
    let svc = cx.svc.as_ref();
    let ctx = DateCtx {
        today: svc.today(),
        cal: &cx.calendar,
    };
    let now = chrono::Utc::now().timestamp();
    let mut item = match id {
        Some((id, _)) => match svc.get(id) {
            Ok(i) => i,
            Err(e) => return err(e),
        },
        None => {
            let login = svc.whoami().map(|u| u.login).unwrap_or_default();
            let mut it = Item::new(kind, "", &login, 0);
            if let crate::model::KindData::Inbox(d) = &mut it.data {
                d.received = now;
            }
            it
        }
    };
    let mut errors = vec![];
    for (k, v) in &fields {
        if let Err(e) = item.set(k, v, &ctx) {
            errors.push((e.field, e.message));
        }
    }
    if errors.is_empty() {
        if let Err(e) = item.validate() {
            errors.push((e.field, e.message));
        }
    }
    if !errors.is_empty() {
        return Outcome::FormInvalid(errors);
    }
    let cmd = match id {
        None => Command::Create {
            item: Box::new(item),
        },
        Some((id, version)) => Command::Set {
            id,
            version,
            fields,
        },
    };
    let target = cmd.target();
    Outcome::Applied {
        label: String::new(),
        origin: Origin::Form,
        results: vec![(target, svc.apply(cmd))],
    }
}

/// Runs effects on a thread, newest requests first served: rows and
/// details superseded by a later request of the same sort are skipped.
pub fn spawn(cx: Ctx, rx: Receiver<Effect>, tx: Sender<AppEvent>) {
    std::thread::Builder::new()
        .name("shuniu-worker".into())
        .spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut batch = vec![first];
                batch.extend(rx.try_iter());
                let n = batch.len();
                for (i, fx) in batch.iter().enumerate() {
                    let later = &batch[i + 1..n];
                    let superseded = match fx {
                        Effect::LoadRows { tab, .. } => later
                            .iter()
                            .any(|l| matches!(l, Effect::LoadRows { tab: t, .. } if t == tab)),
                        Effect::LoadDetail { .. } | Effect::LoadUnitItems { .. } => {
                            later.iter().any(|l| {
                                matches!(
                                    l,
                                    Effect::LoadDetail { .. } | Effect::LoadUnitItems { .. }
                                )
                            })
                        }
                        Effect::LoadCounts => later.iter().any(|l| matches!(l, Effect::LoadCounts)),
                        _ => false,
                    };
                    if superseded {
                        continue;
                    }
                    if let Some(o) = exec(&cx, fx.clone()) {
                        if tx.send(AppEvent::Outcome(o)).is_err() {
                            return;
                        }
                    }
                }
            }
        })
        .expect("spawn the worker thread");
}
