//! Making a workflow move: the rule check of `workflow.rs`, then what the
//! move does besides changing the status (the 批辦 instruction kept, the
//! 簽發人 and 成文日期 set, the 傳閱 copies recalled, the 督查 dates…).
//! Everything but the 文號 allocation of 編號, which needs the store's
//! sequences and is done by `core`.

use super::fields::DateCtx;
use super::format::check_format;
use super::format::FormatProblem;
use super::reason::Reason;
use super::workflow::{check, RuleError, Transition};
use super::{
    sanitize::escape, Item, KindData, Note, Reminder, ReminderReason, Status, Timestamp, User,
};

/// Who makes a change, and when.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// The user (role, login, display name).
    pub user: &'a User,
    /// Now.
    pub now: Timestamp,
    /// Today and the working-day calendar.
    pub dates: DateCtx<'a>,
}

impl Actor<'_> {
    /// A dated note by this actor.
    pub fn note(&self, text: impl Into<String>) -> Note {
        Note {
            at: self.now,
            by: self.user.login.clone(),
            text: text.into(),
        }
    }
}

/// Checks that the actor may move `it` to `to` with `note`, then makes the
/// move: status, effects, and the note kept on the item as `動作：note`.
/// On error `it` may be partly changed: callers work on a copy.
pub fn apply_move(
    it: &mut Item,
    to: Status,
    note: &str,
    who: &Actor,
) -> Result<&'static Transition, RuleError> {
    let tr = check(it, to, who.user.role, note)?;
    let from = it.status;
    it.status = to;
    effects(it, from, tr, note.trim(), who)?;
    if !note.trim().is_empty() {
        it.notes
            .push(who.note(format!("{}：{}", tr.action, note.trim())));
    }
    Ok(tr)
}

/// Fields whose change alters what the reviewers passed.
const REVIEWED: &[&str] = &[
    "title",
    "body",
    "doc_type",
    "recipients",
    "copy_to",
    "urgency",
    "classification",
    "secrecy_years",
];

/// What an edit (`Set`) does beyond the fields: a 發文 whose text changes
/// while in 審核 starts a new review round, so the four gates are passed
/// on what will be signed, not on an earlier wording.
pub fn on_edit(before: &Item, after: &mut Item) {
    if after.status != Status::Reviewing {
        return;
    }
    let changed = REVIEWED.iter().any(|f| before.get(f) != after.get(f));
    if let (true, KindData::Outgoing(d)) = (changed, &mut after.data) {
        if d.gates.iter().any(|m| m.round == d.round) {
            d.round += 1;
        }
    }
}

fn effects(
    it: &mut Item,
    from: Status,
    tr: &Transition,
    note: &str,
    who: &Actor,
) -> Result<(), RuleError> {
    let today = who.dates.today;
    let to = tr.to;
    match (&mut it.data, to) {
        (KindData::Inbox(d), Status::Closed) => d.close_reason = note.into(),
        (KindData::Inbox(d), Status::Pending) => {
            // Reopened, or its route taken back: pending again, routed nowhere.
            d.close_reason.clear();
            d.routed_to = None;
        }
        (KindData::Incoming(d), Status::Instructed) => d.instruction = note.into(),
        (KindData::Incoming(d), Status::Returned) => d.returns.push(who.note(note)),
        (KindData::Incoming(d), Status::Handling) if from == Status::Circulating => {
            for c in d.circulation.iter_mut().filter(|c| c.back.is_none()) {
                c.back = Some(who.now);
            }
        }
        (KindData::Incoming(d), Status::Completed) => {
            if let Some(c) = d.circulation.iter().find(|c| c.back.is_none()) {
                return Err(RuleError::refused(
                    tr.action,
                    Reason::StillHeld {
                        holder: escape(&c.holder),
                        since: c.since,
                    },
                ));
            }
            d.result = if note.is_empty() && d.for_reading {
                "已閱".into()
            } else {
                note.into()
            };
        }
        (KindData::Affair(d), Status::Completed) => d.result = note.into(),
        (KindData::Outgoing(d), Status::Reviewing) => d.round += 1,
        (KindData::Outgoing(d), Status::Approved) => {
            if !note.is_empty() {
                d.signer = note.into();
            } else if d.signer.is_empty() {
                d.signer = who.user.display.clone();
            }
            d.sign_date.get_or_insert(today);
        }
        (KindData::Outgoing(d), Status::Issued) => {
            let sent: u32 = d.distribution.iter().map(|s| s.copies).sum();
            if d.copies == 0 {
                d.copies = sent;
            } else if sent > d.copies {
                return Err(RuleError::refused(
                    tr.action,
                    Reason::Overissued {
                        sent,
                        printed: d.copies,
                    },
                ));
            }
        }
        (KindData::Supervision(d), Status::Assigned) => d.assigned_on = Some(today),
        (KindData::Supervision(d), Status::Handling) => {
            if matches!(from, Status::Completed | Status::Verified) {
                d.completed_on = None;
                d.verified_by.clear();
            } else if d.accepted_at.is_none() {
                d.accepted_at = Some(who.now);
                d.accepted_by = who.user.login.clone();
            }
        }
        (KindData::Supervision(d), Status::Urging) => {
            d.reminders += 1;
            d.reminded.push(Reminder {
                on: today,
                at: who.now,
                by: who.user.login.clone(),
                reason: ReminderReason::Manual,
                text: note.into(),
            });
        }
        (KindData::Supervision(d), Status::Completed) => {
            d.result = note.into();
            d.completed_on = Some(today);
        }
        (KindData::Supervision(d), Status::Verified) => {
            d.verified_by = who.user.display.clone();
        }
        _ => {}
    }
    if to == Status::Archived {
        let gaps = super::archive::archive_gaps(it);
        if !gaps.is_empty() {
            return Err(RuleError::refused(tr.action, Reason::ArchiveGaps { gaps }));
        }
    }
    if it.status == Status::Approved {
        let findings: Vec<FormatProblem> = check_format(it, today)
            .into_iter()
            .map(|f| f.problem)
            .collect();
        if !findings.is_empty() {
            return Err(RuleError::refused(tr.action, Reason::Format { findings }));
        }
    }
    Ok(())
}
