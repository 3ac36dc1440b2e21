//! The notices of a write: which users it lands its item on (the rules are
//! `model::queue`), stored in the same batch as the write and handed back by
//! the batch to be pushed once it has committed.

use crate::model::queue::{landings, may_land, Notice, People};
use crate::model::Item;
use crate::store::Txn;

use super::apply::WriteCtx;
use super::Result;

/// Stores a notice for everyone the write of `after` (from `before`, or a
/// new item) lands it on. Users who may not see the item get none.
pub(super) fn land(
    txn: &mut Txn,
    cx: &WriteCtx,
    before: Option<&Item>,
    after: &Item,
    action: &str,
    note: &str,
) -> Result<()> {
    if !may_land(before, after, action) {
        return Ok(());
    }
    let landed = {
        let (users, units) = txn.users_and_units()?;
        let people = People { users, units };
        landings(before, after, action, note, &cx.user.login, &people)
    };
    for (to, what) in landed {
        txn.put_notice(&Notice {
            id: 0,
            to,
            item: after.id,
            code: after.code.clone(),
            title: after.title.clone(),
            classification: after.classification,
            what,
            action: action.to_string(),
            note: note.to_string(),
            by: cx.user.login.clone(),
            at: cx.now,
            read: false,
        })?;
    }
    Ok(())
}
