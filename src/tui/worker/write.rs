//! Writes: undo, workflow steps from the menu, forms, the end of a call,
//! the directory.

use crate::core::{Service, ServiceError};
use crate::model::{
    workflow, BatchStep, Command, DateCtx, Item, ItemId, Kind, Link, LinkRel, Person, Reason,
    Status, Unit,
};

use super::super::i18n::T;

use super::super::event::{DirKey, Origin, Outcome, StepWrite, UndoEntry};
use super::{err, Ctx};

/// Takes back a change: a new `Set` of the fields' values before it (as
/// history recorded them), or the reverse move for a close.
pub(super) fn undo(svc: &dyn Service, e: UndoEntry) -> Outcome {
    if e.route {
        return undo_route(svc, e);
    }
    let mut results = vec![];
    for (id, version) in e.targets {
        let r = (|| {
            let hist = svc.history(id)?;
            let entry =
                hist.iter()
                    .find(|h| h.version == version)
                    .ok_or(ServiceError::NotFound(crate::core::Missing::History {
                        id,
                        version,
                    }))?;
            let cur = svc.get(id)?;
            if let Some(st) = entry.changes.iter().find(|c| c.field == "status") {
                let to = Status::parse(&st.before)
                    .map_err(|e| ServiceError::invalid("status", e.problem))?;
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
                return Err(ServiceError::refused("", Reason::NoUndo));
            }
            svc.apply(Command::Set {
                id,
                version: cur.version,
                fields,
            })
        })();
        results.push((Some(id), r));
    }
    super::applied(svc, e.label, Origin::Undo, results)
}

/// Takes back a route as new changes: every item the route made is
/// withdrawn (its move to 已取消: 撤銷, or 取消 for a meeting) with a note
/// naming the request, then the request goes back to 待處理 (撤回分辦).
/// Nothing is written unless all of it can be: an item already worked on,
/// or a request no longer 已分辦, refuses the whole undo.
fn undo_route(svc: &dyn Service, e: UndoEntry) -> Outcome {
    // The change recorded the items the route made; each links to its request.
    let mut request: Option<Item> = None;
    let mut made = vec![];
    for (id, _) in &e.targets {
        match svc.get(*id) {
            Ok(it) if it.kind == Kind::Inbox => request = Some(it),
            Ok(it) => made.push(it),
            Err(err) => return super::err(err),
        }
    }
    if request.is_none() {
        let source = made
            .iter()
            .flat_map(|it| it.links.iter())
            .find(|l| l.rel == crate::model::LinkRel::Source)
            .map(|l| l.id);
        if let Some(id) = source {
            match svc.get(id) {
                Ok(it) if it.kind == Kind::Inbox => request = Some(it),
                Ok(_) => {}
                Err(err) => return super::err(err),
            }
        }
    }
    let Some(req) = request else {
        return Outcome::Refused(T::MsgNothingToUndo, vec![]);
    };
    if req.status != Status::Routed {
        return Outcome::Refused(
            T::MsgRouteMovedOn,
            vec![req.code.clone(), req.status.label().into()],
        );
    }
    if let Some(it) = made
        .iter()
        .find(|it| !workflow::moves_from(it.kind, it.status).any(|t| t.to == Status::Cancelled))
    {
        return Outcome::Refused(
            T::MsgRouteMovedOn,
            vec![it.code.clone(), it.status.label().into()],
        );
    }
    let mut results = vec![];
    for it in &made {
        let r = svc.apply(Command::Move {
            id: it.id,
            version: it.version,
            to: Status::Cancelled,
            note: format!("撤回分辦（{}）", req.code),
        });
        let failed = r.is_err();
        results.push((Some(it.id), r));
        if failed {
            return super::applied(svc, e.label, Origin::Undo, results);
        }
    }
    let codes: Vec<&str> = made.iter().map(|it| it.code.as_str()).collect();
    let r = svc.apply(Command::Move {
        id: req.id,
        version: req.version,
        to: Status::Pending,
        note: format!("撤銷 {}", codes.join("、")),
    });
    results.push((Some(req.id), r));
    super::applied(svc, e.label, Origin::Undo, results)
}

/// A workflow step: its writes in order, in one store write (all or none:
/// a 辦結 whose move is refused keeps no result, a 會議通知 whose 發通知
/// is refused is not saved either), each naming the version read; the
/// item's version is checked once. The result is the item as the last
/// write left it (for 立項, the new 督查 item).
pub(super) fn step(
    cx: &Ctx,
    id: ItemId,
    version: u64,
    writes: Vec<StepWrite>,
    label: String,
) -> Outcome {
    let svc = cx.svc.as_ref();
    let mut cmds = Vec::with_capacity(writes.len());
    for w in writes {
        cmds.push(match w {
            StepWrite::Set(fields) => Command::Set {
                id,
                version,
                fields,
            },
            StepWrite::Move(to, note) => Command::Move {
                id,
                version,
                to,
                note,
            },
            StepWrite::Act(act) => Command::Act { id, version, act },
            StepWrite::Supervise(title) => match supervision_draft(cx, id, &title) {
                Ok(item) => Command::Create {
                    item: Box::new(item),
                },
                Err(e) => return super::applied(svc, label, Origin::Step, vec![(None, Err(e))]),
            },
        });
    }
    let Some(target) = cmds.last().map(Command::target) else {
        return super::applied(svc, label, Origin::Step, vec![]);
    };
    let r = if cmds.len() == 1 {
        svc.apply(cmds.remove(0))
    } else {
        svc.apply_batch(cmds.into_iter().map(BatchStep::of).collect())
            .map(|mut v| v.pop().expect("a batch returns an item per command"))
    };
    super::applied(svc, label, Origin::Step, vec![(target, r)])
}

/// A new 督查 item titled `title`, its source item `from`.
fn supervision_draft(cx: &Ctx, from: ItemId, title: &str) -> Result<Item, ServiceError> {
    let svc = cx.svc.as_ref();
    let ctx = DateCtx {
        today: svc.today(),
        cal: &cx.calendar,
    };
    let login = svc.whoami()?.login;
    let mut it = Item::new(Kind::Supervision, "", &login, 0);
    it.set("title", title, &ctx)?;
    it.links.push(Link {
        id: from,
        rel: LinkRel::Source,
    });
    Ok(it)
}

pub(super) fn save_form(
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
    let now = cx.now();
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
            errors.push((e.field, e.problem));
        }
    }
    if errors.is_empty() {
        if let Err(e) = item.validate() {
            errors.push((e.field, e.problem));
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
    super::applied(
        svc,
        String::new(),
        Origin::Form,
        vec![(target, svc.apply(cmd))],
    )
}

/// Creates a call record, its start time-stamped now.
pub(super) fn start_call(cx: &Ctx, mut item: Item) -> Outcome {
    let svc = cx.svc.as_ref();
    if let crate::model::KindData::Affair(d) = &mut item.data {
        d.started = Some(cx.now());
    }
    item.created_by = svc.whoami().map(|u| u.login).unwrap_or_default();
    item.updated_by = item.created_by.clone();
    let cmd = Command::Create {
        item: Box::new(item),
    };
    super::applied(
        svc,
        String::new(),
        Origin::CallStart,
        vec![(None, svc.apply(cmd))],
    )
}

/// Saves a call's length, then hands the record back for its gist.
pub(super) fn end_call(svc: &dyn Service, id: ItemId, secs: u64) -> Outcome {
    let r = svc.get(id).and_then(|cur| {
        svc.apply(Command::Set {
            id,
            version: cur.version,
            fields: vec![("duration".into(), secs.to_string())],
        })
    });
    super::applied(svc, String::new(), Origin::CallEnd, vec![(Some(id), r)])
}

/// Puts units and people, then reads the directory back.
pub(super) fn save_directory(
    svc: &dyn Service,
    units: Vec<Unit>,
    people: Vec<Person>,
    select: DirKey,
) -> Outcome {
    if let Err(e) = svc.save_directory(units, people) {
        return err(e);
    }
    match (svc.units(), svc.people()) {
        (Ok(units), Ok(people)) => {
            let select = match select {
                // A new person: the newest of that name in that unit.
                DirKey::Person(0, name, unit) => {
                    let id = people
                        .iter()
                        .filter(|p| p.name == name && p.unit == unit)
                        .map(|p| p.id)
                        .max()
                        .unwrap_or(0);
                    DirKey::Person(id, name, unit)
                }
                s => s,
            };
            Outcome::DirectorySaved {
                units,
                people,
                select,
            }
        }
        (Err(e), _) | (_, Err(e)) => err(e),
    }
}
