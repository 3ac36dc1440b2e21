//! Turning a `Command` into stored state: rules checked, fields validated,
//! numbers allocated, history appended — all in one atomic store write.

use crate::model::{
    effects::Actor, fields::DateCtx, history, route::route_draft, workflow, AuditEntry, Command,
    HistoryEntry, Item, KindData, Link, LinkRel, Note, Problem, Reason, Status, Timestamp, User,
};
use crate::store::{StoreError, Txn};

use super::{Result, ServiceError};

/// Everything a write needs to know about who and when.
pub(super) struct WriteCtx<'a> {
    pub user: &'a User,
    pub now: Timestamp,
    pub dates: DateCtx<'a>,
}

impl WriteCtx<'_> {
    /// The same, as the model's rules see it.
    pub fn actor(&self) -> Actor<'_> {
        Actor {
            user: self.user,
            now: self.now,
            dates: self.dates,
        }
    }
}

/// How a new item may enter the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// A clerk's new item: it starts at its kind's first status (a 收件 may
    /// also be logged as already 已關閉), with no notes or numbers of its own.
    New,
    /// An administrator's import (demo data, a restore): any status of the
    /// kind, notes kept. Numbers (文號) are still only allocated at 編號.
    Import,
}

/// Gives a new item its id, code and first version, stores it and its
/// history. The caller writes the audit entry (one per command or batch). The code is `{kind prefix}{year}-{n:04}`, gapless per kind and year.
/// Whatever the draft says, numbers and routing are the store's to give.
pub(super) fn create(
    txn: &mut Txn,
    cx: &WriteCtx,
    mut it: Item,
    action: &str,
    origin: Origin,
) -> Result<Item> {
    let initial = Status::initial(it.kind);
    let allowed = match origin {
        Origin::New => {
            it.status == initial
                || (it.kind == crate::model::Kind::Inbox && it.status == Status::Closed)
        }
        Origin::Import => workflow::statuses_of(it.kind).contains(&it.status),
    };
    if !allowed {
        return Err(ServiceError::refused(
            "",
            Reason::StartsAt {
                kind: it.kind,
                initial,
                got: it.status,
            },
        ));
    }
    match &mut it.data {
        KindData::Outgoing(d) if d.doc_no.is_some() => {
            return Err(ServiceError::refused("", Reason::DocNoByHand));
        }
        KindData::Inbox(d) => d.routed_to = None,
        _ => {}
    }
    if origin == Origin::New {
        super::steps::fresh(&mut it, cx);
    }
    if origin == Origin::New {
        it.notes.clear();
    }
    for l in &it.links {
        match txn.get(l.id)? {
            Some(o) if cx.user.may_see(o.classification) => {}
            _ => return Err(ServiceError::NotFound(super::Missing::Linked(l.id))),
        }
    }
    it.validate()?;
    see(cx.user, &it)?;
    it.id = txn.next("item")?;
    let year = cx.dates.today.format("%Y").to_string();
    let n = txn.next(&format!("code/{}{}", it.kind.code_prefix(), year))?;
    it.code = format!("{}{}-{:04}", it.kind.code_prefix(), year, n);
    it.version = 1;
    // An import keeps when and by whom the record was made; anything new is now, by this user.
    if origin == Origin::New || it.created == 0 || it.created > cx.now {
        it.created = cx.now;
        it.updated = cx.now;
        it.created_by = cx.user.login.clone();
        it.updated_by = cx.user.login.clone();
    } else {
        it.updated = it.updated.clamp(it.created, cx.now);
    }
    let changes = history::created(&it);
    txn.put(&it)?;
    txn.append_history(&HistoryEntry {
        item: it.id,
        version: 1,
        at: cx.now,
        by: cx.user.login.clone(),
        action: action.into(),
        note: String::new(),
        changes,
    })?;
    // An import restores records; only a clerk's new item lands on anyone.
    if origin == Origin::New {
        super::notify::land(txn, cx, None, &it, action, "")?;
    }
    Ok(it)
}

/// Creates a clerk's new item and links back every item it names as its
/// source (a meeting → the 督查 item of its decision): the new item first,
/// then the sources written.
fn create_linked(txn: &mut Txn, cx: &WriteCtx, mut it: Item) -> Result<Vec<Item>> {
    super::steps::infer_source(txn, &mut it)?;
    let it = create(txn, cx, it, "建立", Origin::New)?;
    audit_write(txn, cx, it.id, "建立")?;
    let mut out = vec![it.clone()];
    for l in it.links.iter().filter(|l| l.rel == LinkRel::Source) {
        let Some(src) = txn.get(l.id)? else { continue };
        if src.links.iter().any(|x| x.id == it.id) {
            continue;
        }
        let mut after = src.clone();
        after.links.push(Link {
            id: it.id,
            rel: LinkRel::Derived,
        });
        let note = format!("→ {} {}", it.kind, it.code);
        out.push(save(txn, cx, &src, after, "立項", &note)?);
    }
    Ok(out)
}

/// A user may neither see nor create anything above their clearance.
fn see(user: &User, it: &Item) -> Result<()> {
    if user.may_see(it.classification) {
        Ok(())
    } else {
        Err(ServiceError::Denied(super::Denial::AboveClearance {
            level: it.classification,
            clearance: user.clearance,
        }))
    }
}

/// Reads the item a command targets at the version the writer read; an item
/// above the user's clearance is "not found", exactly like a missing one.
pub(super) fn fetch(txn: &Txn, user: &User, id: u64, version: u64) -> Result<Item> {
    match txn.get(id)? {
        Some(it) if user.may_see(it.classification) => {}
        _ => return Err(ServiceError::NotFound(super::Missing::Item(id))),
    }
    Ok(txn.get_at(id, version)?)
}

/// Stores `after` as the next version of `before`, with a history entry.
pub(super) fn save(
    txn: &mut Txn,
    cx: &WriteCtx,
    before: &Item,
    mut after: Item,
    action: &str,
    note: &str,
) -> Result<Item> {
    after.validate()?;
    see(cx.user, &after)?;
    after.version = before.version + 1;
    after.updated = cx.now;
    after.updated_by = cx.user.login.clone();
    let changes = history::diff(before, &after);
    txn.put(&after)?;
    txn.append_history(&HistoryEntry {
        item: after.id,
        version: after.version,
        at: cx.now,
        by: cx.user.login.clone(),
        action: action.into(),
        note: note.into(),
        changes,
    })?;
    audit_write(txn, cx, after.id, action)?;
    super::notify::land(txn, cx, Some(before), &after, action, note)?;
    Ok(after)
}

/// Records a write of one item in the audit trail.
pub(super) fn audit_write(
    txn: &mut Txn,
    cx: &WriteCtx,
    id: u64,
    action: &str,
) -> Result<(), StoreError> {
    audit_entry(txn, cx, Some(id), action)
}

/// Records a write in the audit trail: of one item (`item`), or of many
/// named at the end of `detail` (see `core::audit`).
pub(super) fn audit_entry(
    txn: &mut Txn,
    cx: &WriteCtx,
    item: Option<u64>,
    detail: &str,
) -> Result<(), StoreError> {
    txn.audit(&AuditEntry {
        at: cx.now,
        user: cx.user.login.clone(),
        action: "write".into(),
        item,
        detail: detail.into(),
    })
}

/// Applies one command; returns every item written, the one to show first.
pub(super) fn apply(txn: &mut Txn, cx: &WriteCtx, cmd: Command) -> Result<Vec<Item>> {
    if !cx.user.role.can_write() {
        return Err(ServiceError::Denied(super::Denial::ReadOnly {
            role: cx.user.role,
        }));
    }
    match cmd {
        Command::Create { item } => create_linked(txn, cx, *item),
        Command::Set {
            id,
            version,
            fields,
        } => {
            let before = fetch(txn, cx.user, id, version)?;
            let mut after = before.clone();
            for (name, value) in &fields {
                after.set(name, value, &cx.dates)?;
            }
            crate::model::effects::on_edit(&before, &mut after);
            crate::model::meetings::signin_ok(&before, &after)?;
            if after == before {
                return Ok(vec![before]);
            }
            Ok(vec![save(txn, cx, &before, after, "修改", "")?])
        }
        Command::Move {
            id,
            version,
            to,
            note,
        } => {
            let before = fetch(txn, cx.user, id, version)?;
            let (after, action) = super::steps::make_move(txn, cx, &before, to, &note)?;
            let mut out = vec![save(txn, cx, &before, after, action, &note)?];
            out.extend(super::steps::tell_sender(txn, cx, &out[0], to, &note)?);
            Ok(out)
        }
        Command::Act { id, version, act } => {
            let before = fetch(txn, cx.user, id, version)?;
            let mut after = before.clone();
            let done = crate::model::acts::apply(&mut after, &act, &cx.actor())?;
            Ok(vec![save(
                txn,
                cx,
                &before,
                after,
                &done.action,
                &done.note,
            )?])
        }
        Command::Route { id, version, to } => {
            let before = fetch(txn, cx.user, id, version)?;
            let tr = workflow::check(&before, Status::Routed, cx.user.role, "")?;
            let draft = route_draft(&before, to, &cx.user.login, cx.now)
                .ok_or_else(|| ServiceError::refused("", Reason::RouteOnly { to }))?;
            let created = create(
                txn,
                cx,
                draft,
                &format!("由 {} 分辦", before.code),
                Origin::New,
            )?;
            audit_write(txn, cx, created.id, "分辦建立")?;
            let mut after = before.clone();
            after.status = Status::Routed;
            if let KindData::Inbox(d) = &mut after.data {
                d.routed_to = Some(created.id);
            }
            after.links.push(Link {
                id: created.id,
                rel: LinkRel::Derived,
            });
            let note = format!("→ {} {}", to, created.code);
            let req = save(txn, cx, &before, after, tr.action, &note)?;
            Ok(vec![created, req])
        }
        Command::Note { id, version, text } => {
            if text.trim().is_empty() {
                return Err(ServiceError::invalid("note", Problem::Empty));
            }
            let before = fetch(txn, cx.user, id, version)?;
            let mut after = before.clone();
            after.notes.push(Note {
                at: cx.now,
                by: cx.user.login.clone(),
                text: text.trim().to_string(),
            });
            Ok(vec![save(txn, cx, &before, after, "備註", text.trim())?])
        }
        Command::Link { id, version, other } => {
            if id == other {
                return Err(ServiceError::refused("", Reason::SelfLink));
            }
            let before = fetch(txn, cx.user, id, version)?;
            let other_before = match txn.get(other)? {
                Some(o) if cx.user.may_see(o.classification) => o,
                _ => return Err(ServiceError::NotFound(super::Missing::Item(other))),
            };
            if before.links.iter().any(|l| l.id == other) {
                return Ok(vec![before]);
            }
            let mut a = before.clone();
            a.links.push(Link {
                id: other,
                rel: LinkRel::Related,
            });
            let mut b = other_before.clone();
            b.links.push(Link {
                id,
                rel: LinkRel::Related,
            });
            let a = save(txn, cx, &before, a, "關聯", &other_before.code)?;
            let b = save(txn, cx, &other_before, b, "關聯", &before.code)?;
            Ok(vec![a, b])
        }
    }
}
