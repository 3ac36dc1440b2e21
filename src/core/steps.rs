//! The store's part of workflow steps: what a new item starts with, the
//! 文號 allocated at 編號, and a 初審 return written on the sender's record.
//! The rules themselves are in `model::workflow`, `model::effects` and
//! `model::acts`.

use crate::model::{
    effects::apply_move, DocNo, Item, Kind, KindData, Lack, LinkRel, Reason, RuleError, Status,
    SupervisionSource,
};
use crate::store::Txn;

use super::apply::{save, WriteCtx};
use super::{Result, ServiceError};

/// A clerk's new item starts clean: no record of steps not yet taken. A 收文
/// is created at its 簽收, so it records when and by whom (and at least one copy).
pub(super) fn fresh(it: &mut Item, cx: &WriteCtx) {
    match &mut it.data {
        KindData::Incoming(d) => {
            d.returns.clear();
            d.circulation.clear();
            d.signed_at.get_or_insert(cx.now);
            if d.signed_by.is_empty() {
                d.signed_by = cx.user.login.clone();
            }
            if d.copies == 0 {
                d.copies = 1;
            }
        }
        KindData::Outgoing(d) => {
            d.round = 0;
            d.gates.clear();
            d.cosigned.clear();
        }
        KindData::Supervision(d) => {
            d.reminders = 0;
            d.assigned_on = None;
            d.accepted_at = None;
            d.accepted_by.clear();
            d.progress.clear();
            d.reminded.clear();
            d.completed_on = None;
            d.verified_by.clear();
        }
        _ => {}
    }
}

/// 立項 from a source item: the source must be ready (a meeting held), and
/// unless the draft says otherwise its kind says what sort of source it is.
pub(super) fn infer_source(txn: &Txn, it: &mut Item) -> Result<()> {
    let KindData::Supervision(d) = &mut it.data else {
        return Ok(());
    };
    let Some(l) = it.links.iter().find(|l| l.rel == LinkRel::Source) else {
        return Ok(());
    };
    if let Some(src) = txn.get(l.id)? {
        crate::model::supervision::source_ok(&src)?;
        if d.source != SupervisionSource::Other {
            return Ok(());
        }
        d.source = match (&src.data, src.kind) {
            (_, Kind::Meeting) => SupervisionSource::MeetingDecision,
            (KindData::Incoming(s), _) if !s.instruction.is_empty() => {
                SupervisionSource::Instruction
            }
            (KindData::Affair(_), _) => SupervisionSource::Instruction,
            _ => SupervisionSource::Other,
        };
    }
    Ok(())
}

/// The item after a workflow move (not yet saved) and the move's verb.
pub(super) fn make_move(
    txn: &mut Txn,
    cx: &WriteCtx,
    before: &Item,
    to: Status,
    note: &str,
) -> Result<(Item, &'static str)> {
    let mut after = before.clone();
    let tr = apply_move(&mut after, to, note, &cx.actor())?;
    if let (KindData::Outgoing(d), Status::Numbered) = (&mut after.data, to) {
        if d.doc_no.is_some() {
            return Err(ServiceError::refused("", Reason::Renumber));
        }
        if d.prefix.trim().is_empty() {
            return Err(ServiceError::Rule(
                RuleError::Missing {
                    action: tr.action,
                    what: Lack::Prefix,
                }
                .into(),
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
    Ok((after, tr.action))
}

/// A 收文 returned at 初審 goes back to its sender: the reason is written on
/// the 收件 request it was routed from (the sender's record), if there is one.
pub(super) fn tell_sender(
    txn: &mut Txn,
    cx: &WriteCtx,
    it: &Item,
    to: Status,
    note: &str,
) -> Result<Vec<Item>> {
    if it.kind != Kind::Incoming || to != Status::Returned {
        return Ok(vec![]);
    }
    let mut out = vec![];
    for l in it.links.iter().filter(|l| l.rel == LinkRel::Source) {
        let Some(req) = txn.get(l.id)? else { continue };
        if req.kind != Kind::Inbox || !cx.user.may_see(req.classification) {
            continue;
        }
        let mut after = req.clone();
        let text = format!("初審退回（{}）：{}", it.code, note.trim());
        after.notes.push(cx.actor().note(text.clone()));
        out.push(save(txn, cx, &req, after, "退文", &text)?);
    }
    Ok(out)
}
