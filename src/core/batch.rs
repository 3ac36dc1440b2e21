//! Several commands in one store write (`Service::apply_batch`): all of them
//! or none. Each command is checked and recorded exactly as `apply` does it
//! alone — rules, fields, its own history entries and audit entries — and
//! each item's version is checked once, against what the client read: a
//! later command on an item the batch already wrote names that same
//! version, or (`BatchStep::on`) the earlier command whose item it works on.

use std::collections::HashMap;

use crate::model::{BatchStep, Item, ItemId, Refusal};
use crate::store::Txn;

use super::apply::{self, WriteCtx};
use super::{Result, ServiceError};

/// What a batch wrote.
pub(super) struct Written {
    /// For each command, the item it wrote first, as the batch left it.
    pub firsts: Vec<Item>,
    /// Every item written, once each, as the batch left it (what is
    /// published: nobody sees a state the batch passed through).
    pub all: Vec<Item>,
}

/// Applies the steps in order inside `txn`; the first refusal refuses the
/// whole batch (the caller's store write then stores nothing).
pub(super) fn apply_batch(txn: &mut Txn, cx: &WriteCtx, steps: Vec<BatchStep>) -> Result<Written> {
    if steps.is_empty() {
        return Err(ServiceError::Rule(Refusal::other(
            "a batch needs at least one command",
        )));
    }
    let n = steps.len();
    let mut firsts: Vec<ItemId> = Vec::with_capacity(n);
    let mut last: HashMap<ItemId, Item> = HashMap::new();
    let mut order: Vec<ItemId> = vec![];
    for (i, step) in steps.into_iter().enumerate() {
        let mut cmd = step.cmd;
        let which = || format!("command {} of {n}", i + 1);
        if let Some(on) = step.on {
            let Some(&id) = firsts.get(on as usize) else {
                return Err(ServiceError::Rule(Refusal::other(format!(
                    "{} works on the item of command {}, which does not come before it",
                    which(),
                    on as usize + 1
                ))));
            };
            let now = last[&id].version;
            if !cmd.retarget(id, now) {
                return Err(ServiceError::Rule(Refusal::other(format!(
                    "{} creates an item, so it cannot work on another one",
                    which()
                ))));
            }
        } else if let (Some(id), Some(read)) = (cmd.target(), cmd.version()) {
            // Already written by this batch and named at the version read:
            // the check was made by the first write; go on from there.
            if let Some(now) = last.get(&id).map(|it| it.version) {
                if now != read && txn.stored_version(id)? == Some(read) {
                    cmd.retarget(id, now);
                }
            }
        }
        let written = apply::apply(txn, cx, cmd)?;
        let first = written.first().expect("a write returns its item").id;
        firsts.push(first);
        for it in written {
            if !last.contains_key(&it.id) {
                order.push(it.id);
            }
            last.insert(it.id, it);
        }
    }
    Ok(Written {
        firsts: firsts.iter().map(|id| last[id].clone()).collect(),
        all: order.iter().map(|id| last[id].clone()).collect(),
    })
}
