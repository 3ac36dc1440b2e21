//! Workflow refusals and refused fields said in the clerk's language: the
//! typed reasons of `model::reason` (as a `RuleError` from the model, or a
//! `Refusal` from `core` or the daemon) and a field's `Problem` that came
//! back from a write. The one place they become words on screen.

use super::{problem, tr, Lang, T};
use crate::core::ServiceError;
use crate::model::{
    fields, time, ArchiveGap, Lack, Problem, Reason, Refusal, RuleError, Status, Why,
};

fn list(lang: Lang, v: &[String]) -> String {
    let sep = if lang == Lang::En { ", " } else { "、" };
    lang.label(&v.join(sep), &v.join(sep))
}

fn status(lang: Lang, s: Status) -> String {
    lang.label(s.label(), s.english())
}

fn lack(lang: Lang, l: Lack) -> String {
    let t = match l {
        Lack::Reason => T::LackReason,
        Lack::Result => T::LackResult,
        Lack::Deadline => T::LackDeadline,
        Lack::LeadUnit => T::LackLeadUnit,
        Lack::SupervisionLead => T::LackSupervisionLead,
        Lack::Copies => T::LackCopies,
        Lack::SignedAt => T::LackSignedAt,
        Lack::ForReading => T::LackForReading,
        Lack::Distribution => T::LackDistribution,
        Lack::Signer => T::LackSigner,
        Lack::ReturnComment => T::LackReturnComment,
        Lack::CosignUnit => T::LackCosignUnit,
        Lack::ProgressText => T::LackProgressText,
        Lack::Receiver => T::LackReceiver,
        Lack::Holder => T::LackHolder,
        Lack::ReminderText => T::LackReminderText,
        Lack::Prefix => T::LackPrefix,
    };
    t.text(lang).to_string()
}

fn gap(lang: Lang, g: ArchiveGap) -> String {
    let t = match g {
        ArchiveGap::Unanswered => T::GapUnanswered,
        ArchiveGap::NoResult => T::GapNoResult,
        ArchiveGap::NoReport => T::GapNoReport,
        ArchiveGap::NoDocNo => T::GapNoDocNo,
        ArchiveGap::NoDistribution => T::GapNoDistribution,
    };
    t.text(lang).to_string()
}

/// A field's name as the clerk reads it (`期限`), or the name given.
fn field_label(lang: Lang, field: &str) -> String {
    fields::spec(field)
        .map(|s| lang.label(s.label, s.name))
        .unwrap_or_else(|| crate::model::sanitize::escape(field))
}

/// What stands in the way, in `lang`.
pub fn reason(lang: Lang, r: &Reason) -> String {
    let kind = |k: &crate::model::Kind| lang.label(k.label(), k.english());
    let ts = |t: &i64| time::format_ts(*t);
    match r {
        Reason::GatesPending { gates } => {
            let v: Vec<String> = gates
                .iter()
                .map(|g| lang.label(g.label(), g.english()))
                .collect();
            tr(lang, T::WhyGatesPending, &[&list(lang, &v)])
        }
        Reason::CosignPending { units } => tr(lang, T::WhyCosignPending, &[&list(lang, units)]),
        Reason::StillHeld { holder, since } => tr(lang, T::WhyStillHeld, &[holder, &ts(since)]),
        Reason::Overissued { sent, printed } => tr(
            lang,
            T::WhyOverissued,
            &[&sent.to_string(), &printed.to_string()],
        ),
        Reason::ArchiveGaps { gaps } => {
            let v: Vec<String> = gaps.iter().map(|g| gap(lang, *g)).collect();
            v.join(if lang == Lang::En { "; " } else { "；" })
        }
        Reason::Format { findings } => {
            let v: Vec<String> = findings
                .iter()
                .map(|f| {
                    tr(
                        lang,
                        T::FieldProblem,
                        &[
                            &field_label(lang, f.field()),
                            &super::format_problem(lang, f),
                        ],
                    )
                })
                .collect();
            tr(
                lang,
                T::WhyFormat,
                &[
                    &v.len().to_string(),
                    &v.join(if lang == Lang::En { "; " } else { "；" }),
                ],
            )
        }
        Reason::SigninStatus { code, status: s } => {
            tr(lang, T::WhySigninStatus, &[code, &status(lang, *s)])
        }
        Reason::NotInvited { code, names } => {
            tr(lang, T::WhyNotInvited, &[code, &list(lang, names)])
        }
        Reason::NotHeld { code, status: s } => tr(lang, T::WhyNotHeld, &[code, &status(lang, *s)]),
        Reason::OnlyKind { kind: k, is } => tr(lang, T::WhyOnlyKind, &[&kind(k), &kind(is)]),
        Reason::OnlyWhile { statuses, is } => {
            let v: Vec<String> = statuses.iter().map(|s| status(lang, *s)).collect();
            tr(lang, T::WhyOnlyWhile, &[&v.join("/"), &status(lang, *is)])
        }
        Reason::GatePassed { gate, round } => tr(
            lang,
            T::WhyGatePassed,
            &[
                &lang.label(gate.label(), gate.english()),
                &round.to_string(),
            ],
        ),
        Reason::NotCosigner { unit, cosigners } => {
            tr(lang, T::WhyNotCosigner, &[unit, &list(lang, cosigners)])
        }
        Reason::AlreadySigned { unit } => tr(lang, T::WhyAlreadySigned, &[unit]),
        Reason::DeadlinePast { deadline } => tr(lang, T::WhyDeadlinePast, &[&deadline.to_string()]),
        Reason::Future { day } => tr(lang, T::WhyFuture, &[&day.to_string()]),
        Reason::AlreadyHolds { holder, since } => {
            tr(lang, T::WhyAlreadyHolds, &[holder, &ts(since)])
        }
        Reason::NotCirculated => tr(lang, T::WhyNotCirculated, &[]),
        Reason::NotHolder { holder } => tr(lang, T::WhyNotHolder, &[holder]),
        Reason::AlreadyReminded { reason: r } => tr(
            lang,
            T::WhyAlreadyReminded,
            &[&lang.label(r.label(), r.english())],
        ),
        Reason::Renumber => tr(lang, T::WhyRenumber, &[]),
        Reason::StartsAt {
            kind: k,
            initial,
            got,
        } => tr(
            lang,
            T::WhyStartsAt,
            &[&kind(k), &status(lang, *initial), &status(lang, *got)],
        ),
        Reason::DocNoByHand => tr(lang, T::WhyDocNoByHand, &[]),
        Reason::RouteOnly { to } => tr(lang, T::WhyRouteOnly, &[&kind(to)]),
        Reason::SelfLink => tr(lang, T::WhySelfLink, &[]),
        Reason::NoUndo => tr(lang, T::WhyNoUndo, &[]),
        Reason::Other(s) => s.clone(),
    }
}

/// A refusal, in `lang`: `簽發：審核四關須全部通過；未通過：文字關`.
pub fn refusal(lang: Lang, r: &Refusal) -> String {
    let why = match &r.why {
        Why::NotAllowed { kind, from, to } => {
            let v: Vec<String> = crate::model::workflow::moves_from(*kind, *from)
                .map(|t| {
                    format!(
                        "{} → {}",
                        lang.label(t.action, t.action),
                        status(lang, t.to)
                    )
                })
                .collect();
            let allowed = if v.is_empty() {
                T::RefFinal.text(lang).to_string()
            } else {
                list(lang, &v)
            };
            let k = lang.label(kind.label(), kind.english());
            return tr(
                lang,
                T::RefNotAllowed,
                &[&k, &status(lang, *from), &status(lang, *to), &allowed],
            );
        }
        Why::WrongRole { role, roles } => {
            let v: Vec<String> = roles
                .iter()
                .map(|r| lang.label(r.label(), r.english()))
                .collect();
            let action = lang.label(&r.action, &r.action);
            return tr(
                lang,
                T::RefWrongRole,
                &[
                    &action,
                    &v.join("/"),
                    &lang.label(role.label(), role.english()),
                ],
            );
        }
        Why::Missing(l) => lack(lang, *l),
        Why::Refused(x) => reason(lang, x),
    };
    if r.action.is_empty() {
        why
    } else {
        tr(lang, T::RefWith, &[&lang.label(&r.action, &r.action), &why])
    }
}

/// A rule error of the model (an offer's reason not to), in `lang`.
pub fn rule_error(lang: Lang, e: &RuleError) -> String {
    refusal(lang, &Refusal::from(e.clone()))
}

/// A refused field, in `lang`: `期限：「下下週」不是日期…`.
pub fn field_problem(lang: Lang, field: &str, p: &Problem) -> String {
    tr(
        lang,
        T::FieldProblem,
        &[&field_label(lang, field), &problem(lang, p)],
    )
}

/// A service error, in `lang`: a refused field or rule, a denial, what was
/// not found and why the store or the connection failed, in the clerk's
/// words (an OS message inside them as the OS said it). The app says a
/// conflict of its own writes itself (`MsgConflict`, with the fields).
pub fn service_error(lang: Lang, e: &ServiceError) -> String {
    match e {
        ServiceError::Invalid {
            field, problem: p, ..
        } => field_problem(lang, field, p),
        ServiceError::Rule(r) => refusal(lang, r),
        ServiceError::Denied(d) => tr(lang, T::ErrDenied, &[&super::denial(lang, d)]),
        ServiceError::NotFound(m) => tr(lang, T::ErrNotFound, &[&super::missing(lang, m)]),
        ServiceError::Store(f) => super::failure(lang, f),
        ServiceError::Conflict { id, by, when, .. } => {
            let e = crate::model::sanitize::escape;
            tr(lang, T::ErrConflict, &[&id.to_string(), &e(by), &e(when)])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Gate, Kind, Role};

    #[test]
    fn a_refusal_is_said_in_traditional_chinese_with_its_particulars() {
        let e = RuleError::refused(
            "簽發",
            Reason::GatesPending {
                gates: vec![Gate::ALL[0], Gate::ALL[1]],
            },
        );
        let s = rule_error(Lang::Hant, &e);
        assert!(s.starts_with("簽發："), "{s}");
        assert!(s.contains("審核四關須全部通過"), "{s}");
        assert!(
            s.contains(&format!(
                "{}、{}",
                Gate::ALL[0].label(),
                Gate::ALL[1].label()
            )),
            "{s}"
        );
        assert!(!s.contains("must"), "{s}");
        let en = rule_error(Lang::En, &e);
        assert!(en.contains("not passed"), "{en}");
    }

    #[test]
    fn every_lack_and_wrong_role_and_dead_end_has_chinese_words() {
        for l in Lack::ALL {
            let e = RuleError::Missing {
                action: "交辦",
                what: *l,
            };
            let s = rule_error(Lang::Hant, &e);
            assert!(s.starts_with("交辦："), "{s}");
            assert!(!s.contains(l.english()), "{l:?} stays English: {s}");
        }
        let e = RuleError::WrongRole {
            action: "批辦",
            role: Role::Clerk,
            roles: "管理員/主任/領導".into(),
        };
        assert_eq!(
            rule_error(Lang::Hant, &e),
            "批辦須由管理員/主任/領導辦理；你是文書"
        );
        assert_eq!(
            rule_error(Lang::En, &e),
            "批辦 needs the role admin/director/leader; you are clerk"
        );
        let e = RuleError::NotAllowed {
            kind: Kind::Incoming,
            from: Status::Archived,
            to: Status::Handling,
            allowed: String::new(),
        };
        let s = rule_error(Lang::Hant, &e);
        assert!(s.contains("已是最終狀態"), "{s}");
    }

    /// One of every reason, with Chinese particulars.
    fn every_reason() -> Vec<Reason> {
        use crate::model::format::FormatProblem;
        use crate::model::ReminderReason;
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let u = || "市財政局".to_string();
        let v = vec![
            Reason::GatesPending {
                gates: Gate::ALL.to_vec(),
            },
            Reason::CosignPending { units: vec![u()] },
            Reason::StillHeld {
                holder: u(),
                since: 0,
            },
            Reason::Overissued {
                sent: 3,
                printed: 2,
            },
            Reason::ArchiveGaps {
                gaps: vec![
                    ArchiveGap::Unanswered,
                    ArchiveGap::NoResult,
                    ArchiveGap::NoReport,
                    ArchiveGap::NoDocNo,
                    ArchiveGap::NoDistribution,
                ],
            },
            Reason::Format {
                findings: vec![FormatProblem::TitleType {
                    doc_type: crate::model::DocType::Request,
                }],
            },
            Reason::SigninStatus {
                code: "會2026-0001".into(),
                status: Status::Planning,
            },
            Reason::NotInvited {
                code: "會2026-0001".into(),
                names: vec!["張三".into()],
            },
            Reason::NotHeld {
                code: "會2026-0001".into(),
                status: Status::Notified,
            },
            Reason::OnlyKind {
                kind: Kind::Outgoing,
                is: Kind::Incoming,
            },
            Reason::OnlyWhile {
                statuses: vec![Status::Handling],
                is: Status::Assigned,
            },
            Reason::GatePassed {
                gate: Gate::ALL[0],
                round: 2,
            },
            Reason::NotCosigner {
                unit: u(),
                cosigners: vec![u()],
            },
            Reason::AlreadySigned { unit: u() },
            Reason::DeadlinePast { deadline: d },
            Reason::Future { day: d },
            Reason::AlreadyHolds {
                holder: u(),
                since: 0,
            },
            Reason::NotCirculated,
            Reason::NotHolder { holder: u() },
            Reason::AlreadyReminded {
                reason: ReminderReason::Approaching,
            },
            Reason::Renumber,
            Reason::StartsAt {
                kind: Kind::Affair,
                initial: Status::Registered,
                got: Status::Completed,
            },
            Reason::DocNoByHand,
            Reason::RouteOnly { to: Kind::Outgoing },
            Reason::SelfLink,
            Reason::NoUndo,
        ];
        // A new reason must be added above: this match stops compiling.
        for r in &v {
            match r {
                Reason::GatesPending { .. }
                | Reason::CosignPending { .. }
                | Reason::StillHeld { .. }
                | Reason::Overissued { .. }
                | Reason::ArchiveGaps { .. }
                | Reason::Format { .. }
                | Reason::SigninStatus { .. }
                | Reason::NotInvited { .. }
                | Reason::NotHeld { .. }
                | Reason::OnlyKind { .. }
                | Reason::OnlyWhile { .. }
                | Reason::GatePassed { .. }
                | Reason::NotCosigner { .. }
                | Reason::AlreadySigned { .. }
                | Reason::DeadlinePast { .. }
                | Reason::Future { .. }
                | Reason::AlreadyHolds { .. }
                | Reason::NotCirculated
                | Reason::NotHolder { .. }
                | Reason::AlreadyReminded { .. }
                | Reason::Renumber
                | Reason::StartsAt { .. }
                | Reason::DocNoByHand
                | Reason::RouteOnly { .. }
                | Reason::SelfLink
                | Reason::NoUndo
                | Reason::Other(_) => {}
            }
        }
        v
    }

    #[test]
    fn every_reason_is_said_without_english_in_chinese() {
        for r in every_reason() {
            for lang in [Lang::Hant, Lang::Hans] {
                let s = reason(lang, &r);
                // Words of three or more Latin letters are English (GB/T is the standard's name).
                let english = s
                    .replace("GB/T", "")
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() >= 3);
                assert!(!english, "{r:?} in {lang:?}: {s}");
                assert_ne!(s, r.to_string(), "{r:?} is not translated");
            }
            assert!(!reason(Lang::En, &r).is_empty());
        }
    }

    #[test]
    fn a_refused_field_from_the_service_names_the_field_in_chinese() {
        let e = ServiceError::invalid("deadline", Problem::Empty);
        assert_eq!(service_error(Lang::Hant, &e), "期限：不能空白");
        let e = ServiceError::refused("", Reason::SelfLink);
        assert_eq!(service_error(Lang::Hant, &e), "事項不能關聯到自己");
    }
}
