//! The structured workflow steps ([`Act`]): who may take each, in which
//! status, and what it needs. Like moves, they are checked here and nowhere
//! else, so the TUI, the CLI and the daemon cannot go around them.

use thiserror::Error;

use super::effects::{apply_move, Actor};
use super::reason::{Lack, Reason};
use super::workflow::{find, RuleError, OFFICE, SUPERVISORS, WRITERS};
use super::{
    dates, sanitize::escape, time, Act, Circulation, CoSign, GateMark, Item, Kind, KindData,
    Progress, Reminder, ReminderReason, Role, Status, ValidationError,
};

/// Why an act was refused: a rule, or a value it was given.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ActError {
    /// A workflow rule refused it.
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// A value (a unit, a date) was refused.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

/// What an act did, for the history entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// The verb recorded (`文字關通過`, `會簽`, `交辦`, `進展`, `傳閱` …).
    pub action: String,
    /// The note recorded with it.
    pub note: String,
}

fn done(action: impl Into<String>, note: impl Into<String>) -> Result<Done, ActError> {
    Ok(Done {
        action: action.into(),
        note: note.into(),
    })
}

fn role(action: &'static str, roles: &[Role], who: &Actor) -> Result<(), RuleError> {
    if roles.contains(&who.user.role) {
        return Ok(());
    }
    Err(RuleError::WrongRole {
        action,
        role: who.user.role,
        roles: roles
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join("/"),
    })
}

fn place(action: &'static str, it: &Item, kind: Kind, st: &[Status]) -> Result<(), RuleError> {
    if it.kind != kind {
        return Err(RuleError::refused(
            action,
            Reason::OnlyKind { kind, is: it.kind },
        ));
    }
    if !st.contains(&it.status) {
        return Err(RuleError::refused(
            action,
            Reason::OnlyWhile {
                statuses: st.to_vec(),
                is: it.status,
            },
        ));
    }
    Ok(())
}

fn required(action: &'static str, v: &str, what: Lack) -> Result<String, RuleError> {
    let t = v.trim();
    if t.is_empty() {
        Err(RuleError::Missing { action, what })
    } else {
        Ok(t.to_string())
    }
}

/// Checks and applies `act` to `it`. On error `it` may be partly changed:
/// callers work on a copy.
pub fn apply(it: &mut Item, act: &Act, who: &Actor) -> Result<Done, ActError> {
    match act {
        Act::Gate {
            gate,
            pass,
            comment,
        } => {
            let a = "審核";
            role(a, OFFICE, who)?;
            place(a, it, Kind::Outgoing, &[Status::Reviewing])?;
            let comment = comment.trim().to_string();
            if !pass && comment.is_empty() {
                return Err(RuleError::Missing {
                    action: a,
                    what: Lack::ReturnComment,
                }
                .into());
            }
            let KindData::Outgoing(d) = &mut it.data else {
                unreachable!("checked by place")
            };
            let state = super::fields_ext::gate_states(d)
                .into_iter()
                .find(|(g, _)| g == gate)
                .and_then(|(_, s)| s);
            if *pass && state == Some(true) {
                return Err(RuleError::refused(
                    a,
                    Reason::GatePassed {
                        gate: *gate,
                        round: d.round.into(),
                    },
                )
                .into());
            }
            d.gates.push(GateMark {
                gate: *gate,
                round: d.round,
                passed: *pass,
                by: who.user.login.clone(),
                at: who.now,
                comment: comment.clone(),
            });
            let verb = if *pass { "通過" } else { "退回" };
            if !pass {
                apply_move(it, Status::Drafting, &format!("{gate}：{comment}"), who)?;
            } else if !comment.is_empty() {
                it.notes.push(who.note(format!("{gate}通過：{comment}")));
            }
            done(format!("{gate}{verb}"), comment)
        }
        Act::CoSign { unit, note } => {
            let a = "會簽";
            role(a, WRITERS, who)?;
            place(
                a,
                it,
                Kind::Outgoing,
                &[Status::Drafting, Status::Reviewing],
            )?;
            let unit = required(a, unit, Lack::CosignUnit)?;
            let KindData::Outgoing(d) = &mut it.data else {
                unreachable!("checked by place")
            };
            if !d.cosigners.contains(&unit) {
                return Err(RuleError::refused(
                    a,
                    Reason::NotCosigner {
                        unit: escape(&unit),
                        cosigners: d.cosigners.iter().map(|u| escape(u)).collect(),
                    },
                )
                .into());
            }
            if d.cosigned.iter().any(|c| c.unit == unit) {
                return Err(RuleError::refused(
                    a,
                    Reason::AlreadySigned {
                        unit: escape(&unit),
                    },
                )
                .into());
            }
            d.cosigned.push(CoSign {
                unit: unit.clone(),
                by: who.user.login.clone(),
                at: who.now,
                note: note.trim().into(),
            });
            done(a, format!("{unit} {}", note.trim()).trim().to_string())
        }
        Act::Assign {
            lead,
            assisting,
            deadline,
            report,
        } => {
            let tr = find(it, Status::Assigned, who.user.role)?;
            let deadline = required(tr.action, deadline, Lack::Deadline)?;
            it.set("lead_unit", lead, &who.dates)?;
            it.set("assisting", assisting, &who.dates)?;
            it.set("deadline", &deadline, &who.dates)?;
            if !report.trim().is_empty() {
                it.set("report_cycle", report, &who.dates)?;
            }
            if let Some(d) = it.deadline.filter(|d| *d < who.dates.today) {
                return Err(
                    RuleError::refused(tr.action, Reason::DeadlinePast { deadline: d }).into(),
                );
            }
            apply_move(it, Status::Assigned, "", who)?;
            let KindData::Supervision(d) = &it.data else {
                unreachable!("only 督查 items have 交辦")
            };
            let units = std::iter::once(d.lead_unit.clone())
                .chain(d.assisting.iter().map(|u| format!("配合：{u}")))
                .collect::<Vec<_>>()
                .join("、");
            let due = it.deadline.map(|d| d.to_string()).unwrap_or_default();
            done(
                tr.action,
                format!("{units}；期限 {due}；{}報送", d.report.label()),
            )
        }
        Act::Progress {
            on,
            text,
            milestone,
        } => {
            let a = "進展";
            role(a, WRITERS, who)?;
            place(
                a,
                it,
                Kind::Supervision,
                &[Status::Handling, Status::Urging],
            )?;
            let text = required(a, text, Lack::ProgressText)?;
            let day = if on.trim().is_empty() {
                who.dates.today
            } else {
                dates::parse_date(on, who.dates.today, who.dates.cal)
                    .map_err(|e| ValidationError::at("on", e))?
            };
            if day > who.dates.today {
                return Err(RuleError::refused(a, Reason::Future { day }).into());
            }
            let KindData::Supervision(d) = &mut it.data else {
                unreachable!("checked by place")
            };
            d.progress.push(Progress {
                on: day,
                at: who.now,
                by: who.user.login.clone(),
                text: text.clone(),
                milestone: *milestone,
            });
            let label = if *milestone { "節點" } else { "進展" };
            it.notes.push(who.note(format!("{label}（{day}）：{text}")));
            done(label, text)
        }
        Act::Remind { reason, text } => remind(it, *reason, text, who),
        Act::Circulate { holder } => {
            let a = "傳閱";
            role(a, OFFICE, who)?;
            place(a, it, Kind::Incoming, &[Status::Circulating])?;
            let holder = required(a, holder, Lack::Receiver)?;
            let KindData::Incoming(d) = &mut it.data else {
                unreachable!("checked by place")
            };
            if let Some(c) = out_with(d, &holder) {
                return Err(RuleError::refused(
                    a,
                    Reason::AlreadyHolds {
                        holder: escape(&holder),
                        since: c.since,
                    },
                )
                .into());
            }
            d.circulation.push(Circulation {
                holder: holder.clone(),
                by: who.user.login.clone(),
                since: who.now,
                back: None,
                chased: 0,
                last_chased: None,
            });
            done(a, format!("→ {holder}"))
        }
        Act::GiveBack { holder } => {
            let a = "退還";
            role(a, WRITERS, who)?;
            let c = held(a, it, holder)?;
            c.back = Some(who.now);
            done(a, format!("← {}", holder.trim()))
        }
        Act::Chase { holder } => {
            let a = "催收";
            role(a, OFFICE, who)?;
            let now = who.now;
            let c = held(a, it, holder)?;
            c.chased += 1;
            c.last_chased = Some(now);
            let text = format!(
                "請{}退還（傳閱自{}，第{}次催收）",
                c.holder,
                time::format_ts(c.since),
                c.chased
            );
            it.notes.push(who.note(format!("催收：{text}")));
            done(a, text)
        }
    }
}

fn out_with<'a>(d: &'a super::IncomingData, holder: &str) -> Option<&'a Circulation> {
    d.circulation
        .iter()
        .find(|c| c.back.is_none() && c.holder == holder)
}

/// The open hand-over of `it` to `holder`.
fn held<'a>(
    action: &'static str,
    it: &'a mut Item,
    holder: &str,
) -> Result<&'a mut Circulation, RuleError> {
    let holder = required(action, holder, Lack::Holder)?;
    let KindData::Incoming(d) = &mut it.data else {
        return Err(RuleError::refused(action, Reason::NotCirculated));
    };
    d.circulation
        .iter_mut()
        .find(|c| c.back.is_none() && c.holder == holder)
        .ok_or_else(|| {
            RuleError::refused(
                action,
                Reason::NotHolder {
                    holder: escape(&holder),
                },
            )
        })
}

/// 臨近提醒 (a note) or 催辦 (the move to 催辦, or another 催辦 while there).
fn remind(
    it: &mut Item,
    reason: ReminderReason,
    text: &str,
    who: &Actor,
) -> Result<Done, ActError> {
    let a = if reason == ReminderReason::Approaching {
        "臨近提醒"
    } else {
        "催辦"
    };
    role(a, SUPERVISORS, who)?;
    let open = [Status::Assigned, Status::Handling, Status::Urging];
    place(a, it, Kind::Supervision, &open)?;
    let text = required(a, text, Lack::ReminderText)?;
    let today = who.dates.today;
    let KindData::Supervision(d) = &it.data else {
        unreachable!("checked by place")
    };
    if d.reminded
        .iter()
        .any(|r| r.on == today && r.reason == reason)
    {
        return Err(RuleError::refused(a, Reason::AlreadyReminded { reason }).into());
    }
    if reason != ReminderReason::Approaching && it.status != Status::Urging {
        apply_move(it, Status::Urging, &text, who)?;
        if let KindData::Supervision(d) = &mut it.data {
            if let Some(last) = d.reminded.last_mut() {
                last.reason = reason;
            }
        }
        return done(a, text);
    }
    let KindData::Supervision(d) = &mut it.data else {
        unreachable!("checked by place")
    };
    if reason != ReminderReason::Approaching {
        d.reminders += 1;
    }
    d.reminded.push(Reminder {
        on: today,
        at: who.now,
        by: who.user.login.clone(),
        reason,
        text: text.clone(),
    });
    it.notes.push(who.note(format!("{a}：{text}")));
    done(a, text)
}
