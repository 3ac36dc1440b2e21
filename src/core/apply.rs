//! Turning a `Command` into stored state: rules checked, fields validated,
//! numbers allocated, history appended — all in one atomic store write.

use crate::model::{
    fields::DateCtx, history, route::route_draft, workflow, AuditEntry, Command, DocNo,
    HistoryEntry, Item, KindData, Link, LinkRel, Note, Status, Timestamp, User,
};
use crate::store::{StoreError, Txn};

use super::{Result, ServiceError};

/// Everything a write needs to know about who and when.
pub(super) struct WriteCtx<'a> {
    pub user: &'a User,
    pub now: Timestamp,
    pub dates: DateCtx<'a>,
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
        return Err(ServiceError::Rule(format!(
            "a new {} item starts at {initial}, not {}",
            it.kind, it.status
        )));
    }
    match &mut it.data {
        KindData::Outgoing(d) if d.doc_no.is_some() => {
            return Err(ServiceError::Rule(
                "文號 are allocated at 編號, never given by hand".into(),
            ));
        }
        KindData::Inbox(d) => d.routed_to = None,
        KindData::Supervision(d) if origin == Origin::New => d.reminders = 0,
        _ => {}
    }
    if origin == Origin::New {
        it.notes.clear();
    }
    for l in &it.links {
        match txn.get(l.id)? {
            Some(o) if cx.user.may_see(o.classification) => {}
            _ => return Err(ServiceError::NotFound(format!("linked item {}", l.id))),
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
    Ok(it)
}

/// A user may neither see nor create anything above their clearance.
fn see(user: &User, it: &Item) -> Result<()> {
    if user.may_see(it.classification) {
        Ok(())
    } else {
        Err(ServiceError::Denied(format!(
            "{} is above your clearance ({})",
            it.classification, user.clearance
        )))
    }
}

/// Reads the item a command targets at the version the writer read; an item
/// above the user's clearance is "not found", exactly like a missing one.
fn fetch(txn: &Txn, user: &User, id: u64, version: u64) -> Result<Item> {
    match txn.get(id)? {
        Some(it) if user.may_see(it.classification) => {}
        _ => return Err(ServiceError::NotFound(format!("item {id}"))),
    }
    Ok(txn.get_at(id, version)?)
}

/// Stores `after` as the next version of `before`, with a history entry.
fn save(
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
    Ok(after)
}

pub(super) fn audit_write(
    txn: &mut Txn,
    cx: &WriteCtx,
    id: u64,
    action: &str,
) -> Result<(), StoreError> {
    txn.audit(&AuditEntry {
        at: cx.now,
        user: cx.user.login.clone(),
        action: "write".into(),
        item: Some(id),
        detail: action.into(),
    })
}

/// Applies one command; returns every item written, the one to show first.
pub(super) fn apply(txn: &mut Txn, cx: &WriteCtx, cmd: Command) -> Result<Vec<Item>> {
    if !cx.user.role.can_write() {
        return Err(ServiceError::Denied(format!(
            "the role {} is read-only",
            cx.user.role
        )));
    }
    match cmd {
        Command::Create { item } => {
            let it = create(txn, cx, *item, "建立", Origin::New)?;
            audit_write(txn, cx, it.id, "建立")?;
            Ok(vec![it])
        }
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
            let tr = workflow::check(&before, to, cx.user.role, &note)?;
            let mut after = before.clone();
            after.status = to;
            effects(txn, cx, &mut after, to, &note)?;
            if !note.trim().is_empty() {
                after.notes.push(Note {
                    at: cx.now,
                    by: cx.user.login.clone(),
                    text: format!("{}：{}", tr.action, note.trim()),
                });
            }
            Ok(vec![save(txn, cx, &before, after, tr.action, &note)?])
        }
        Command::Route { id, version, to } => {
            let before = fetch(txn, cx.user, id, version)?;
            let tr = workflow::check(&before, Status::Routed, cx.user.role, "")?;
            let draft = route_draft(&before, to, &cx.user.login, cx.now).ok_or_else(|| {
                ServiceError::Rule(format!(
                    "only a 收件 request can be routed, and not to {to}"
                ))
            })?;
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
                return Err(ServiceError::Invalid {
                    field: "note".into(),
                    message: "must not be empty".into(),
                });
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
                return Err(ServiceError::Rule(
                    "an item cannot be linked to itself".into(),
                ));
            }
            let before = fetch(txn, cx.user, id, version)?;
            let other_before = match txn.get(other)? {
                Some(o) if cx.user.may_see(o.classification) => o,
                _ => return Err(ServiceError::NotFound(format!("item {other}"))),
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

/// What a workflow move does besides changing the status.
fn effects(txn: &mut Txn, cx: &WriteCtx, it: &mut Item, to: Status, note: &str) -> Result<()> {
    let note = note.trim();
    match (&mut it.data, to) {
        (KindData::Inbox(d), Status::Closed) => d.close_reason = note.into(),
        (KindData::Inbox(d), Status::Pending) => d.close_reason.clear(),
        (KindData::Incoming(d), Status::Instructed) => d.instruction = note.into(),
        (KindData::Incoming(d), Status::Completed) => d.result = note.into(),
        (KindData::Affair(d), Status::Completed) => d.result = note.into(),
        (KindData::Supervision(d), Status::Completed) => d.result = note.into(),
        (KindData::Supervision(d), Status::Urging) => d.reminders += 1,
        (KindData::Outgoing(d), Status::Approved) => {
            if !note.is_empty() {
                d.signer = note.into();
            } else if d.signer.is_empty() {
                d.signer = cx.user.display.clone();
            }
            d.sign_date.get_or_insert(cx.dates.today);
        }
        (KindData::Outgoing(d), Status::Numbered) => {
            if d.doc_no.is_some() {
                return Err(ServiceError::Rule(
                    "this document already has its 文號; numbers are never reissued".into(),
                ));
            }
            if d.prefix.trim().is_empty() {
                return Err(ServiceError::Rule(
                    "編號: set the 機關代字 (prefix) first".into(),
                ));
            }
            let year = cx.dates.today.format("%Y").to_string().parse().unwrap_or(0);
            let seq = txn.next(&format!("docno/{}/{}", d.prefix, year))?;
            d.doc_no = Some(DocNo {
                prefix: d.prefix.clone(),
                year,
                seq: seq as u32,
            });
        }
        _ => {}
    }
    Ok(())
}
