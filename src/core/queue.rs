//! The queues and notices of one user, answered from the engine's rows (the
//! few candidate items are read whole to apply `model::queue`'s rules).

use crate::model::queue::{names, why_on, Notice, People, Queue};
use crate::model::{Kind, Role, Status, User};

use super::rows::PackedRow;
use super::{Engine, QueueEntry, Result, Row};

/// How many items 已辦 lists at most.
pub const DONE_LIMIT: usize = 200;

/// Whether the rules of `model::queue` could put the row's item on `me`:
/// a cheap superset, so only these items are read whole.
fn candidate(r: &PackedRow, me: &User, people: &People) -> bool {
    let (kind, status) = (r.kind(), r.status());
    let sv_done = matches!(status, Status::Completed | Status::Verified);
    if !(status.is_open() || (kind == Kind::Supervision && sv_done)) {
        return false;
    }
    names(me, r.handler())
        || (kind == Kind::Incoming && status == Status::Circulating)
        || (me.role == Role::Leader
            && matches!(
                (kind, status),
                (Kind::Incoming, Status::Proposed) | (Kind::Outgoing, Status::Reviewing)
            ))
        || (me.role == Role::Inspector && kind == Kind::Supervision && sv_done)
        || (kind == Kind::Supervision && people.in_unit(me, r.counterpart()))
}

/// `me`'s 待辦, 待閱 or 已辦.
pub(super) fn queue(engine: &Engine, me: &User, which: Queue) -> Result<Vec<QueueEntry>> {
    if which == Queue::Done {
        let rows = engine.rows.read().expect("lock");
        return Ok(engine
            .store
            .done_by(&me.login, DONE_LIMIT)?
            .into_iter()
            .filter_map(|id| rows.get(&id))
            .filter(|r| me.may_see(r.classification()))
            .map(|r| QueueEntry {
                queue: Queue::Done,
                why: None,
                row: r.row(),
            })
            .collect());
    }
    let users = engine.store.users()?;
    let units = engine.unit_names.read().expect("lock").clone();
    let people = People {
        users: &users,
        units: &units,
    };
    let ids: Vec<u64> = engine
        .rows
        .read()
        .expect("lock")
        .values()
        .filter(|r| me.may_see(r.classification()) && candidate(r, me, &people))
        .map(|r| r.id())
        .collect();
    let mut out = vec![];
    for id in ids {
        let Some(it) = engine.store.get(id)? else {
            continue;
        };
        if let Some(why) = why_on(&it, me, &people).filter(|w| w.queue() == which) {
            out.push(QueueEntry {
                queue: which,
                why: Some(why),
                row: Row::of(&it),
            });
        }
    }
    // Due first (no deadline last), then the most recently changed.
    out.sort_by(|a, b| {
        let due = |e: &QueueEntry| (e.row.deadline.is_none(), e.row.deadline);
        due(a).cmp(&due(b)).then(b.row.updated.cmp(&a.row.updated))
    });
    Ok(out)
}

/// `me`'s notices, newest first, about items they may still see.
pub(super) fn notices(engine: &Engine, me: &User, unread_only: bool) -> Result<Vec<Notice>> {
    let rows = engine.rows.read().expect("lock");
    let mut out: Vec<Notice> = engine
        .store
        .notices(&me.login)?
        .into_iter()
        .filter(|n| !unread_only || !n.read)
        .filter(|n| {
            rows.get(&n.item)
                .is_some_and(|r| me.may_see(r.classification()))
        })
        .collect();
    out.reverse();
    Ok(out)
}

/// Marks `me`'s notices `ids` read.
pub(super) fn mark_read(engine: &Engine, me: &User, ids: &[u64]) -> Result<usize> {
    Ok(engine.store.write(|t| t.mark_read(&me.login, ids))?)
}
