//! 待辦 · 待閱 · 已辦: who an item is "on" now and why, and which changes
//! make it land on someone (a [`Notice`]). Pure rules, so `core` decides the
//! notices of a write in the same batch as the write, and the TUI and the CLI
//! list the same queues.
//!
//! Items name people as the office writes them: a handler (經辦人) or a 傳閱
//! holder is a display name or a login, a unit is a key, a name or an
//! abbreviation. [`People`] maps those to the accounts that log in.

use serde::{Deserialize, Serialize};

use super::vocab::vocab;
use super::{
    Classification, Item, ItemId, Kind, KindData, Role, Status, Timestamp, Unit, User, ValueError,
};

vocab!(
    /// The three queues of a clerk.
    Queue, "queue", {
        Todo => ("待辦", "待办", "todo"),
        ToRead => ("待閱", "待阅", "toread"),
        Done => ("已辦", "已办", "done"),
    }
);

vocab!(
    /// Why an item is on someone now.
    Why, "why", {
        Handler => ("經辦", "经办", "handler"),
        LeadUnit => ("待簽收", "待签收", "to-accept"),
        Holder => ("傳閱中", "传阅中", "circulated"),
        ForInstruction => ("待批辦", "待批办", "to-instruct"),
        ForSigning => ("待簽發", "待签发", "to-sign"),
        ForVerification => ("待複核", "待复核", "to-verify"),
        ForSettling => ("待銷號", "待销号", "to-settle"),
    }
);

vocab!(
    /// What made an item land on someone: the reason a notice gives.
    Landing, "landing", {
        Assigned => ("指派", "指派", "assigned"),
        Delegated => ("交辦", "交办", "delegated"),
        Instructed => ("批示", "批示", "instructed"),
        Returned => ("退回", "退回", "returned"),
        Urged => ("催辦", "催办", "urged"),
        Reminded => ("臨近提醒", "临近提醒", "reminded"),
        Chased => ("催收", "催收", "chased"),
        Circulated => ("傳閱", "传阅", "circulated"),
        Awaiting => ("待處理", "待处理", "awaiting"),
    }
);

impl Why {
    /// The queue an item on someone for this reason belongs to.
    pub fn queue(self) -> Queue {
        match self {
            Why::Holder => Queue::ToRead,
            _ => Queue::Todo,
        }
    }
}

/// A message to one user that an item landed on them. Stored per user until
/// read, and pushed at once to their connected clients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Store-assigned, from 1.
    pub id: u64,
    /// Login of the user it is for.
    pub to: String,
    /// The item.
    pub item: ItemId,
    /// Its code, for the message.
    pub code: String,
    /// Its title, for the message (untrusted text: escape before showing).
    pub title: String,
    /// Its 密級 when the notice was written (delivery checks the item as it is).
    pub classification: Classification,
    /// What happened.
    pub what: Landing,
    /// The history verb of the write (`交辦`, `批辦`, `修改` …).
    pub action: String,
    /// The note of the write (the 批示 itself, the 催辦 text), if any.
    pub note: String,
    /// Login of the writer.
    pub by: String,
    /// When.
    pub at: Timestamp,
    /// Whether the user has seen it.
    pub read: bool,
}

/// The accounts and units the queue rules map names through.
#[derive(Debug, Clone, Copy)]
pub struct People<'a> {
    /// Every user (disabled ones are never on anything).
    pub users: &'a [User],
    /// The directory's units.
    pub units: &'a [Unit],
}

impl People<'_> {
    /// The unit key a name stands for (itself when no unit matches).
    fn unit_key<'b>(&'b self, name: &'b str) -> &'b str {
        let n = name.trim();
        self.units
            .iter()
            .find(|u| u.key == n || u.name == n || u.abbreviations.iter().any(|a| a == n))
            .map(|u| u.key.as_str())
            .unwrap_or(n)
    }

    /// Whether `user` belongs to the unit called `unit`.
    pub fn in_unit(&self, user: &User, unit: &str) -> bool {
        !unit.trim().is_empty() && self.unit_key(&user.unit) == self.unit_key(unit)
    }

    /// Whether `name` names a unit of the directory.
    fn is_unit(&self, name: &str) -> bool {
        let n = name.trim();
        self.units
            .iter()
            .any(|u| u.key == n || u.name == n || u.abbreviations.iter().any(|a| a == n))
    }
}

/// Whether `name` (a handler, a holder) names `user`: their login or display name.
pub fn names(user: &User, name: &str) -> bool {
    let n = name.trim();
    !n.is_empty() && (n == user.login || n == user.display)
}

/// Why `it` is on `user` now, or `None`. The first rule that holds wins:
/// a 傳閱 copy out with them (待閱); a role's step the item waits for (a
/// 領導's 批辦 and 簽發, a 督查員's 複核 and 銷號); a 督查 交辦 not yet
/// 簽收 (the lead unit's people, or its handler); the handler of an open
/// item (a 督查 in 承辦 or 催辦 with no handler: its lead unit's people).
pub fn why_on(it: &Item, user: &User, people: &People) -> Option<Why> {
    if user.disabled || !user.may_see(it.classification) {
        return None;
    }
    if let KindData::Incoming(d) = &it.data {
        let holds = d.circulation.iter().any(|c| {
            c.back.is_none()
                && (names(user, &c.holder)
                    || (people.is_unit(&c.holder) && people.in_unit(user, &c.holder)))
        });
        if it.status == Status::Circulating && holds {
            return Some(Why::Holder);
        }
    }
    if let Some(w) = awaits_role(it) {
        return (user.role == w.0).then_some(w.1);
    }
    if !it.status.is_open() {
        return None;
    }
    if let (KindData::Supervision(d), Status::Assigned) = (&it.data, it.status) {
        let on = if it.handler.trim().is_empty() {
            people.in_unit(user, &d.lead_unit)
        } else {
            names(user, &it.handler)
        };
        return on.then_some(Why::LeadUnit);
    }
    let accepted = matches!(it.status, Status::Handling | Status::Urging);
    if it.kind == Kind::Supervision && accepted && it.handler.trim().is_empty() {
        if let KindData::Supervision(d) = &it.data {
            return people.in_unit(user, &d.lead_unit).then_some(Why::Handler);
        }
    }
    names(user, &it.handler).then_some(Why::Handler)
}

/// The role whose step an item waits for, if it waits for one: a 收文 in
/// 擬辦 for the 領導's 批辦; a 發文 in 審核 with the four gates passed and
/// 會簽 complete for the 領導's 簽發; a 督查 辦結報告 for the 督查員's 複核,
/// then its 銷號.
pub fn awaits_role(it: &Item) -> Option<(Role, Why)> {
    match (&it.data, it.status) {
        (KindData::Incoming(_), Status::Proposed) => Some((Role::Leader, Why::ForInstruction)),
        (KindData::Outgoing(d), Status::Reviewing)
            if super::fields_ext::gates_pending(d).is_empty()
                && super::fields_ext::cosign_pending(d).is_empty() =>
        {
            Some((Role::Leader, Why::ForSigning))
        }
        (KindData::Supervision(_), Status::Completed) => {
            Some((Role::Inspector, Why::ForVerification))
        }
        (KindData::Supervision(_), Status::Verified) => Some((Role::Inspector, Why::ForSettling)),
        _ => None,
    }
}

/// Everyone `it` is on, with why, in user order.
pub fn on_whom<'a>(it: &Item, people: &People<'a>) -> Vec<(&'a User, Why)> {
    people
        .users
        .iter()
        .filter_map(|u| why_on(it, u, people).map(|w| (u, w)))
        .collect()
}

/// Whether a write could land an item on anyone: a cheap test, so a write
/// that changes none of what the rules read needs no user list.
pub fn may_land(before: Option<&Item>, after: &Item, action: &str) -> bool {
    let Some(b) = before else {
        return true;
    };
    poke(action).is_some()
        || b.status != after.status
        || b.handler != after.handler
        || b.classification != after.classification
        || b.data != after.data
}

/// The verbs that land an item again on whoever it is on, even if it was on
/// them already.
fn poke(action: &str) -> Option<Landing> {
    match action {
        "催辦" => Some(Landing::Urged),
        "臨近提醒" => Some(Landing::Reminded),
        "催收" => Some(Landing::Chased),
        "退改" | "退回重辦" | "退回" => Some(Landing::Returned),
        a if a.ends_with("關退回") => Some(Landing::Returned),
        _ => None,
    }
}

/// Who a write lands `after` on, and why: everyone it is on now and was not
/// on before, and for a 催辦, 催收, 臨近提醒 or return everyone it is on
/// now. The writer is never told of their own write. For a 催收 only the
/// holder asked is told (the note names them).
pub fn landings(
    before: Option<&Item>,
    after: &Item,
    action: &str,
    note: &str,
    by: &str,
    people: &People,
) -> Vec<(String, Landing)> {
    if !may_land(before, after, action) {
        return vec![];
    }
    let was: Vec<String> = match before {
        Some(b) => on_whom(b, people)
            .into_iter()
            .map(|(u, _)| u.login.clone())
            .collect(),
        None => vec![],
    };
    let poked = poke(action);
    let mut out = vec![];
    for (u, why) in on_whom(after, people) {
        if u.login == by {
            continue;
        }
        let fresh = !was.contains(&u.login);
        let what = match (poked, fresh) {
            (Some(Landing::Chased), _) => {
                if !note.contains(&u.display) && !note.contains(&u.login) {
                    continue;
                }
                Landing::Chased
            }
            (Some(p), _) => p,
            (None, true) => landed_because(action, why),
            (None, false) => continue,
        };
        out.push((u.login.clone(), what));
    }
    out
}

/// Why an item newly on someone landed there, from the verb and the rule.
fn landed_because(action: &str, why: Why) -> Landing {
    match (action, why) {
        ("交辦", _) => Landing::Delegated,
        ("批辦", _) => Landing::Instructed,
        (_, Why::Holder) => Landing::Circulated,
        (_, Why::ForInstruction | Why::ForSigning | Why::ForVerification | Why::ForSettling) => {
            Landing::Awaiting
        }
        _ => Landing::Assigned,
    }
}

#[cfg(test)]
#[path = "queue_tests.rs"]
mod tests;
