//! The status chains of each kind as data: which move is allowed from which
//! status, by which roles, and what it needs. The TUI offers exactly these
//! moves, the CLI accepts exactly these, and `Core` refuses everything else.

use thiserror::Error;

use super::reason::{Lack, Reason};
use super::{Item, Kind, KindData, Role, Status};

use Role::*;
use Status::*;

/// Roles that run the office's paperwork.
pub const OFFICE: &[Role] = &[Admin, Director, Clerk];
/// Roles that may sign off (簽發) and instruct (批辦).
pub const SIGNERS: &[Role] = &[Admin, Director, Leader];
/// Roles that run supervision.
pub const SUPERVISORS: &[Role] = &[Admin, Director, Inspector];
/// Anyone who may write; for steps every participant takes.
pub const WRITERS: &[Role] = &[Admin, Director, Clerk, Inspector, Leader];
/// Who may withdraw a 督查 filed by mistake before it is 交辦: the office
/// that files (routes) it and the supervisors who run it.
pub const FILERS: &[Role] = &[Admin, Director, Clerk, Inspector];

/// What a move demands beyond the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing more.
    Nothing,
    /// A note giving the reason (returns, closes, cancellations).
    Reason,
    /// The item must carry a deadline.
    Deadline,
    /// A 收文 must name its lead unit (承辦單位).
    LeadUnit,
    /// 簽發: the four gates of 審核 passed in this round, every co-signing
    /// unit signed (會簽), and a 上行文 names its 簽發人.
    Signer,
    /// A result (辦結 report) must be written in the note (a 閱知件 needs none).
    Result,
    /// 督查 交辦: a lead unit and a deadline.
    Assignment,
    /// 收文 登記: the 簽收 recorded, with its count (份數) and time.
    Receipt,
    /// Only a 閱知件 goes straight to 傳閱.
    ForReading,
    /// 核發: a distribution list.
    Distribution,
}

/// One allowed move of a kind's workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The kind the move belongs to.
    pub kind: Kind,
    /// Where the item must be.
    pub from: Status,
    /// Where it goes.
    pub to: Status,
    /// The verb a clerk sees, e.g. `登記`, `退回`.
    pub action: &'static str,
    /// Who may make the move.
    pub roles: &'static [Role],
    /// What else it requires.
    pub needs: Needs,
}

const fn t(
    kind: Kind,
    from: Status,
    to: Status,
    action: &'static str,
    roles: &'static [Role],
    needs: Needs,
) -> Transition {
    Transition {
        kind,
        from,
        to,
        action,
        roles,
        needs,
    }
}

use Kind::{
    Affair as Af, Inbox as Ib, Incoming as In, Meeting as Mt, Outgoing as Out, Supervision as Sv,
};
use Needs::{
    Assignment as NA, Deadline as ND, Distribution as NDist, ForReading as NF, LeadUnit as NL,
    Nothing as N0, Reason as NR, Receipt as NRc, Result as NRes, Signer as NS,
};

/// The whole rule book.
pub const TRANSITIONS: &[Transition] = &[
    // 收件: routing is its own command (it creates the new item); closing needs a reason.
    t(Ib, Pending, Routed, "分辦", OFFICE, N0),
    t(Ib, Pending, Closed, "關閉", OFFICE, NR),
    t(Ib, Closed, Pending, "重開", OFFICE, NR),
    // A route taken back (the item it made withdrawn with 撤銷): to be routed again.
    t(Ib, Routed, Pending, "撤回分辦", OFFICE, NR),
    // 收文: 簽收 → 登記 → 初審 → 擬辦 → 批辦 → 承辦 → 傳閱 → 催辦 → 辦結 → 歸檔
    t(In, Received, Registered, "登記", OFFICE, NRc),
    // Made by mistake (a route taken back) before it was 登記.
    t(In, Received, Cancelled, "撤銷", OFFICE, NR),
    t(In, Registered, Reviewed, "初審", OFFICE, N0),
    t(In, Registered, Returned, "退回", OFFICE, NR),
    t(In, Returned, Registered, "重新登記", OFFICE, N0),
    t(In, Reviewed, Proposed, "擬辦", OFFICE, N0),
    t(In, Proposed, Instructed, "批辦", SIGNERS, NR),
    // 閱知件: no 批辦 or 承辦, straight to the readers.
    t(In, Proposed, Circulating, "傳閱", OFFICE, NF),
    t(In, Instructed, Handling, "承辦", OFFICE, NL),
    t(In, Handling, Circulating, "傳閱", OFFICE, N0),
    t(In, Circulating, Handling, "收回", OFFICE, N0),
    t(In, Handling, Urging, "催辦", OFFICE, ND),
    t(In, Urging, Handling, "續辦", OFFICE, N0),
    t(In, Handling, Completed, "辦結", OFFICE, NRes),
    t(In, Circulating, Completed, "辦結", OFFICE, NRes),
    t(In, Urging, Completed, "辦結", OFFICE, NRes),
    t(In, Completed, Archived, "歸檔", OFFICE, N0),
    // 發文: 起草 → 審核 (four gates; 會簽) → 簽發 → 編號 → 印製 → 核發 → 歸檔
    t(Out, Drafting, Reviewing, "送審", OFFICE, N0),
    t(Out, Reviewing, Drafting, "退改", OFFICE, NR),
    t(Out, Reviewing, Approved, "簽發", SIGNERS, NS),
    t(Out, Approved, Numbered, "編號", OFFICE, N0),
    t(Out, Numbered, Printing, "印製", OFFICE, N0),
    t(Out, Printing, Issued, "核發", OFFICE, NDist),
    t(Out, Issued, Archived, "歸檔", OFFICE, N0),
    // 辦會: 籌備 → 已通知 → 已召開 → 已出紀要 → 歸檔; cancel before it is held
    t(Mt, Planning, Notified, "發通知", OFFICE, N0),
    t(Mt, Notified, Held, "召開", OFFICE, N0),
    t(Mt, Held, Minuted, "出紀要", OFFICE, N0),
    t(Mt, Minuted, Archived, "歸檔", OFFICE, N0),
    t(Mt, Planning, Cancelled, "取消", OFFICE, NR),
    t(Mt, Notified, Cancelled, "取消", OFFICE, NR),
    // 辦事: 登記 → 承辦 → 辦結 → 歸檔
    t(Af, Registered, Handling, "承辦", WRITERS, N0),
    t(Af, Registered, Cancelled, "撤銷", OFFICE, NR),
    t(Af, Registered, Completed, "辦結", WRITERS, NRes),
    t(Af, Handling, Completed, "辦結", WRITERS, NRes),
    t(Af, Completed, Archived, "歸檔", OFFICE, N0),
    // 督查: 立項 → 交辦 → 簽收 → 承辦 (進展) → 催辦 → 辦結報告 → 複核 → 銷號
    t(Sv, Filed, Assigned, "交辦", SUPERVISORS, NA),
    t(Sv, Filed, Cancelled, "撤銷", FILERS, NR),
    t(Sv, Assigned, Handling, "簽收", WRITERS, N0),
    t(Sv, Assigned, Urging, "催辦", SUPERVISORS, N0),
    t(Sv, Handling, Urging, "催辦", SUPERVISORS, N0),
    t(Sv, Urging, Handling, "續辦", WRITERS, N0),
    t(Sv, Handling, Completed, "辦結", WRITERS, NRes),
    t(Sv, Urging, Completed, "辦結", WRITERS, NRes),
    t(Sv, Completed, Handling, "退回重辦", SUPERVISORS, NR),
    t(Sv, Completed, Verified, "複核", SUPERVISORS, N0),
    t(Sv, Verified, Handling, "退回重辦", SUPERVISORS, NR),
    t(Sv, Verified, Settled, "銷號", SUPERVISORS, N0),
];

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    /// No such move exists from the current status.
    #[error("a {kind} item in status {from} cannot move to {to}; allowed from {from}: {allowed}")]
    NotAllowed {
        /// The item's kind.
        kind: Kind,
        /// Its status now.
        from: Status,
        /// The status asked for.
        to: Status,
        /// The moves that are allowed, for the message.
        allowed: String,
    },
    /// The move exists but not for this role.
    #[error("{action} needs the role {roles}; you are {role}")]
    WrongRole {
        /// The verb refused.
        action: &'static str,
        /// The user's role.
        role: Role,
        /// Who may.
        roles: String,
    },
    /// The move exists but something it needs is missing.
    #[error("{action}: {what}")]
    Missing {
        /// The verb refused.
        action: &'static str,
        /// What is missing.
        what: Lack,
    },
    /// Refused for a reason that names particulars (which gates, which holder).
    #[error("{action}: {reason}")]
    Refused {
        /// The verb refused.
        action: &'static str,
        /// Why, with its particulars.
        reason: Reason,
    },
}

impl RuleError {
    /// A refusal with particulars.
    pub fn refused(action: &'static str, reason: Reason) -> RuleError {
        RuleError::Refused { action, reason }
    }
}

/// The moves offered from an item's current status (for menus and `?`).
pub fn moves_from(kind: Kind, from: Status) -> impl Iterator<Item = &'static Transition> {
    TRANSITIONS
        .iter()
        .filter(move |t| t.kind == kind && t.from == from)
}

/// Every status that belongs to a kind, in the order of its chain.
pub fn statuses_of(kind: Kind) -> Vec<Status> {
    let mut out = vec![Status::initial(kind)];
    for t in TRANSITIONS.iter().filter(|t| t.kind == kind) {
        for s in [t.from, t.to] {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Checks that `role` may move `item` to `to` with `note`, and returns the move.
pub fn check(
    item: &Item,
    to: Status,
    role: Role,
    note: &str,
) -> Result<&'static Transition, RuleError> {
    let tr = find(item, to, role)?;
    needs(item, tr, note)?;
    Ok(tr)
}

/// The move of `item` to `to` if it exists and `role` may make it; what the
/// move needs is not checked (see [`check`]).
pub fn find(item: &Item, to: Status, role: Role) -> Result<&'static Transition, RuleError> {
    let tr = moves_from(item.kind, item.status)
        .find(|t| t.to == to)
        .ok_or_else(|| RuleError::NotAllowed {
            kind: item.kind,
            from: item.status,
            to,
            allowed: {
                let v: Vec<String> = moves_from(item.kind, item.status)
                    .map(|t| format!("{} → {}", t.action, t.to))
                    .collect();
                if v.is_empty() {
                    "nothing (final status)".into()
                } else {
                    v.join(", ")
                }
            },
        })?;
    if !tr.roles.contains(&role) {
        return Err(RuleError::WrongRole {
            action: tr.action,
            role,
            roles: tr
                .roles
                .iter()
                .map(|r| r.label())
                .collect::<Vec<_>>()
                .join("/"),
        });
    }
    Ok(tr)
}

fn needs(item: &Item, tr: &'static Transition, note: &str) -> Result<(), RuleError> {
    let missing = |what: Lack| {
        Err(RuleError::Missing {
            action: tr.action,
            what,
        })
    };
    match tr.needs {
        Needs::Nothing => {}
        Needs::Reason if note.trim().is_empty() => return missing(Lack::Reason),
        Needs::Result if note.trim().is_empty() => {
            let reading = matches!(&item.data, KindData::Incoming(d) if d.for_reading);
            if !reading {
                return missing(Lack::Result);
            }
        }
        Needs::Deadline if item.deadline.is_none() => return missing(Lack::Deadline),
        Needs::LeadUnit => {
            if let KindData::Incoming(d) = &item.data {
                if d.lead_unit.trim().is_empty() {
                    return missing(Lack::LeadUnit);
                }
            }
        }
        Needs::Assignment => {
            if let KindData::Supervision(d) = &item.data {
                if d.lead_unit.trim().is_empty() {
                    return missing(Lack::SupervisionLead);
                }
            }
            if item.deadline.is_none() {
                return missing(Lack::Deadline);
            }
        }
        Needs::Receipt => {
            if let KindData::Incoming(d) = &item.data {
                if d.copies == 0 {
                    return missing(Lack::Copies);
                }
                if d.signed_at.is_none() {
                    return missing(Lack::SignedAt);
                }
            }
        }
        Needs::ForReading => {
            if matches!(&item.data, KindData::Incoming(d) if !d.for_reading) {
                return missing(Lack::ForReading);
            }
        }
        Needs::Distribution => {
            if matches!(&item.data, KindData::Outgoing(d) if d.distribution.is_empty()) {
                return missing(Lack::Distribution);
            }
        }
        Needs::Signer => {
            if let KindData::Outgoing(d) = &item.data {
                let gates = super::fields_ext::gates_pending(d);
                if !gates.is_empty() {
                    return Err(RuleError::refused(
                        tr.action,
                        Reason::GatesPending { gates },
                    ));
                }
                let waiting = super::fields_ext::cosign_pending(d);
                if !waiting.is_empty() {
                    let units = waiting.iter().map(|u| super::sanitize::escape(u)).collect();
                    return Err(RuleError::refused(
                        tr.action,
                        Reason::CosignPending { units },
                    ));
                }
                if d.doc_type.is_upward() && d.signer.trim().is_empty() && note.trim().is_empty() {
                    return missing(Lack::Signer);
                }
            }
        }
        _ => {}
    }
    Ok(())
}
