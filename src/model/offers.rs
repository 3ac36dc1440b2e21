//! What the current user may do on an item now: the moves allowed from its
//! status (`workflow.rs`) and the structured steps (`acts.rs`), each with its
//! label and the input it needs. The workbench's menu (`m`) and its `?` list
//! both draw from [`offers`], so they offer exactly what the rules allow, to
//! exactly the roles they allow it.

use super::effects::{apply_move, Actor};
use super::reason::Reason;
use super::workflow::{moves_from, Needs, RuleError, Transition, OFFICE, SUPERVISORS, WRITERS};
use super::{acts, supervision, Act, Item, Kind, KindData, ReminderReason, Role, Status};

/// What an offer does when it is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A workflow move to this status (`Command::Move`).
    Move(Status),
    /// 分辦: a 收件 request becomes a new item of a kind chosen (`Command::Route`).
    Route,
    /// 審核: one of the four gates passed or returned (`Act::Gate`).
    Gate,
    /// 會簽: a co-signing unit signs (`Act::CoSign`).
    CoSign,
    /// 督查 交辦 in one step (`Act::Assign`).
    Assign,
    /// 督查 進展: a progress report (`Act::Progress`).
    Progress,
    /// 督查 進展 at a milestone reached (`Act::Progress` with `milestone`).
    Milestone,
    /// 督查 臨近提醒: a reminder that the deadline is near (`Act::Remind`,
    /// `Approaching`); it changes no status.
    Approaching,
    /// 傳閱: the document handed to a reader (`Act::Circulate`).
    Circulate,
    /// 傳閱: a reader gives it back (`Act::GiveBack`).
    GiveBack,
    /// 催收: a reader is asked to give it back (`Act::Chase`).
    Chase,
    /// 立項: a new 督查 item from this one, linked both ways (a meeting's
    /// decision, an affair or a document escalated).
    Supervise,
}

/// What the note of a move is, so a prompt can say what to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Why (a return, a close, a cancellation).
    Reason,
    /// The result (辦結情況, 辦結報告).
    Result,
    /// The leader's instruction, verbatim (批辦).
    Instruction,
    /// The 簽發人 (簽發; else the signer's own name).
    Signer,
}

/// What must be typed or chosen before an offer is taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Nothing: taken at once.
    None,
    /// A note; `required` when an empty one would be refused.
    Note {
        /// What the note is.
        what: NoteKind,
        /// An empty note is refused.
        required: bool,
    },
    /// A field the move needs and the item lacks, filled in first (by name:
    /// `lead_unit`, `deadline`, `distribution`, `prefix`).
    Field(&'static str),
    /// Which gate, pass or return, and a comment (required for a return).
    Gate,
    /// One of these names (the co-signers still to sign, the readers holding it).
    OneOf(Vec<String>),
    /// Who receives it (a person or a unit).
    Holder,
    /// The 交辦: lead unit, assisting units, deadline, reporting cycle.
    Assignment,
    /// Free text (a progress report).
    Text,
    /// The new item's title.
    Title,
    /// The kind of the new item.
    Kind,
}

/// One thing the user may do on the item now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// What it does.
    pub step: Step,
    /// The verb a clerk sees (`登記`, `審核四關`, `進展` …), in 繁體.
    pub action: &'static str,
    /// The verb in English.
    pub english: &'static str,
    /// Where a move leads.
    pub to: Option<Status>,
    /// What must be given first.
    pub input: Input,
    /// Why the rules would refuse it as the item stands, when they would;
    /// it is still offered, and a refusal says the same.
    pub blocked: Option<RuleError>,
}

impl Offer {
    fn new(step: Step, action: &'static str, english: &'static str, input: Input) -> Offer {
        Offer {
            step,
            action,
            english,
            to: None,
            input,
            blocked: None,
        }
    }

    /// Whether it is taken with nothing but (at most) a note: a plain move,
    /// which may be applied to several items at once.
    pub fn is_plain_move(&self) -> bool {
        matches!(self.step, Step::Move(_)) && matches!(self.input, Input::None | Input::Note { .. })
    }
}

/// A stand-in note for trying a move that needs one.
const SOME_NOTE: &str = "…";

/// Everything `who` may do on `it` now, in the order of the rule book:
/// first the moves from its status, then the structured steps. A role that
/// may not take a step is not offered it (a 只讀 user is offered nothing);
/// a step the item is not ready for is offered with the reason.
pub fn offers(it: &Item, who: &Actor) -> Vec<Offer> {
    let role = who.user.role;
    let may = |roles: &[Role]| roles.contains(&role);
    let mut out: Vec<Offer> = moves_from(it.kind, it.status)
        .filter(|t| may(t.roles))
        .map(|t| move_offer(it, t, who))
        .collect();
    let status = it.status;
    match &it.data {
        KindData::Outgoing(d) => {
            if status == Status::Reviewing && may(OFFICE) {
                out.push(Offer::new(
                    Step::Gate,
                    "審核四關",
                    "four gates",
                    Input::Gate,
                ));
            }
            let pending = super::fields_ext::cosign_pending(d);
            if matches!(status, Status::Drafting | Status::Reviewing)
                && may(WRITERS)
                && !pending.is_empty()
            {
                out.push(Offer::new(
                    Step::CoSign,
                    "會簽",
                    "co-sign",
                    Input::OneOf(pending),
                ));
            }
        }
        KindData::Incoming(d) => {
            if status == Status::Circulating && may(OFFICE) {
                out.push(Offer::new(
                    Step::Circulate,
                    "傳閱",
                    "hand out",
                    Input::Holder,
                ));
            }
            let out_with: Vec<String> = d
                .circulation
                .iter()
                .filter(|c| c.back.is_none())
                .map(|c| c.holder.clone())
                .collect();
            if !out_with.is_empty() {
                if may(WRITERS) {
                    out.push(Offer::new(
                        Step::GiveBack,
                        "退還",
                        "given back",
                        Input::OneOf(out_with.clone()),
                    ));
                }
                if may(OFFICE) {
                    out.push(Offer::new(
                        Step::Chase,
                        "催收",
                        "ask back",
                        Input::OneOf(out_with),
                    ));
                }
            }
        }
        KindData::Supervision(_) => {
            if matches!(status, Status::Handling | Status::Urging) && may(WRITERS) {
                out.push(Offer::new(Step::Progress, "進展", "progress", Input::Text));
                out.push(Offer::new(
                    Step::Milestone,
                    "節點進展",
                    "milestone reached",
                    Input::Text,
                ));
            }
            let open = [Status::Assigned, Status::Handling, Status::Urging];
            let ahead = it.deadline.is_some_and(|d| d >= who.dates.today);
            if open.contains(&status) && may(SUPERVISORS) && ahead {
                let mut o = Offer::new(
                    Step::Approaching,
                    "臨近提醒",
                    "deadline reminder",
                    Input::Text,
                );
                let act = Act::Remind {
                    reason: ReminderReason::Approaching,
                    text: SOME_NOTE.into(),
                };
                o.blocked = match try_act(it, &act, who) {
                    Err(acts::ActError::Rule(e)) => Some(e),
                    _ => None,
                };
                out.push(o);
            }
        }
        _ => {}
    }
    if may(WRITERS) && escalates(it) {
        let mut o = Offer::new(Step::Supervise, "立項督查", "to 督查", Input::Title);
        o.blocked = supervision::source_ok(it).err();
        out.push(o);
    }
    out
}

/// Whether a 督查 item may be 立項 from `it`: a meeting once held (its
/// decisions), an affair (領導交辦事項 and the like), a document still open.
fn escalates(it: &Item) -> bool {
    match it.kind {
        Kind::Meeting => matches!(it.status, Status::Held | Status::Minuted | Status::Archived),
        Kind::Affair => it.status != Status::Archived,
        Kind::Incoming => it.status.is_open(),
        _ => false,
    }
}

fn move_offer(it: &Item, t: &'static Transition, who: &Actor) -> Offer {
    let mut o = Offer {
        step: Step::Move(t.to),
        action: t.action,
        english: t.to.english(),
        to: Some(t.to),
        input: Input::None,
        blocked: None,
    };
    let reading = matches!(&it.data, KindData::Incoming(d) if d.for_reading);
    o.input = match (t.needs, &it.data) {
        (Needs::Nothing, _) if t.to == Status::Routed => {
            o.step = Step::Route;
            Input::Kind
        }
        (Needs::Assignment, _) => {
            o.step = Step::Assign;
            Input::Assignment
        }
        (Needs::Reason, _) if t.to == Status::Instructed => Input::Note {
            what: NoteKind::Instruction,
            required: true,
        },
        (Needs::Reason, _) => Input::Note {
            what: NoteKind::Reason,
            required: true,
        },
        (Needs::Result, _) => Input::Note {
            what: NoteKind::Result,
            required: !reading,
        },
        (Needs::Signer, KindData::Outgoing(d)) => Input::Note {
            what: NoteKind::Signer,
            required: d.doc_type.is_upward() && d.signer.trim().is_empty(),
        },
        (Needs::Signer, _) => Input::Note {
            what: NoteKind::Signer,
            required: false,
        },
        (Needs::LeadUnit, KindData::Incoming(d)) if d.lead_unit.trim().is_empty() => {
            Input::Field("lead_unit")
        }
        (Needs::Deadline, _) if it.deadline.is_none() => Input::Field("deadline"),
        (Needs::Distribution, KindData::Outgoing(d)) if d.distribution.is_empty() => {
            Input::Field("distribution")
        }
        (Needs::Nothing, KindData::Outgoing(d))
            if t.to == Status::Numbered && d.prefix.trim().is_empty() =>
        {
            Input::Field("prefix")
        }
        _ => Input::None,
    };
    o.blocked = match &o.input {
        // The value to be typed is what is missing: nothing to try yet.
        Input::Field(_) | Input::Assignment | Input::Kind => None,
        input => {
            let note = match input {
                Input::Note { required: true, .. } => SOME_NOTE,
                _ => "",
            };
            try_move(it, t.to, note, who).err()
        }
    };
    o
}

/// The move tried on a copy: what the rules (and 編號's own checks) say.
fn try_move(it: &Item, to: Status, note: &str, who: &Actor) -> Result<(), RuleError> {
    let mut copy = it.clone();
    let tr = apply_move(&mut copy, to, note, who)?;
    if let (KindData::Outgoing(d), Status::Numbered) = (&it.data, to) {
        if d.doc_no.is_some() {
            return Err(RuleError::refused(tr.action, Reason::Renumber));
        }
    }
    Ok(())
}

/// Tries an act on a copy of `it`: what the rules would say to it now.
pub fn try_act(it: &Item, act: &super::Act, who: &Actor) -> Result<(), acts::ActError> {
    let mut copy = it.clone();
    acts::apply(&mut copy, act, who).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Act, Circulation, DateCtx, DocType, Gate, OutgoingData, User, WorkCalendar,
    };
    use chrono::NaiveDate;

    fn user(role: Role) -> User {
        User {
            login: "u".into(),
            uid: 1,
            display: "用戶".into(),
            unit: String::new(),
            role,
            clearance: crate::model::Classification::TopSecret,
            disabled: false,
        }
    }

    fn with<R>(role: Role, f: impl FnOnce(&Actor) -> R) -> R {
        let cal = WorkCalendar::builtin();
        let u = user(role);
        let who = Actor {
            user: &u,
            now: 1_795_570_200,
            dates: DateCtx {
                today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
                cal: &cal,
            },
        };
        f(&who)
    }

    fn item(kind: Kind, status: Status) -> Item {
        let mut it = Item::new(kind, "關於做好冬季供暖工作的通知", "u", 0);
        it.status = status;
        it
    }

    fn actions(o: &[Offer]) -> Vec<&'static str> {
        o.iter().map(|o| o.action).collect()
    }

    fn outgoing(it: &mut Item) -> &mut OutgoingData {
        match &mut it.data {
            KindData::Outgoing(d) => d,
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_read_only_user_is_offered_nothing() {
        for kind in Kind::ALL {
            for st in super::super::workflow::statuses_of(*kind) {
                let it = item(*kind, st);
                let o = with(Role::ReadOnly, |w| offers(&it, w));
                assert!(o.is_empty(), "{kind} {st}: {:?}", actions(&o));
            }
        }
    }

    #[test]
    fn only_signers_are_offered_signing() {
        let it = item(Kind::Outgoing, Status::Reviewing);
        let clerk = with(Role::Clerk, |w| offers(&it, w));
        assert_eq!(actions(&clerk), vec!["退改", "審核四關"]);
        let leader = with(Role::Leader, |w| offers(&it, w));
        assert_eq!(
            actions(&leader),
            vec!["簽發"],
            "a leader signs but does not mark the gates"
        );
        let admin = with(Role::Admin, |w| offers(&it, w));
        assert_eq!(actions(&admin), vec!["退改", "簽發", "審核四關"]);
        // Before the four gates pass, 簽發 is offered with the reason.
        let sign = admin.iter().find(|o| o.action == "簽發").unwrap();
        let why = sign.blocked.as_ref().unwrap().to_string();
        assert!(why.contains("文字關"), "{why}");
        assert_eq!(
            sign.input,
            Input::Note {
                what: NoteKind::Signer,
                required: false
            }
        );
        assert_eq!(
            admin.iter().find(|o| o.action == "審核四關").unwrap().input,
            Input::Gate
        );
    }

    #[test]
    fn signing_is_ready_once_the_gates_pass() {
        let mut it = item(Kind::Outgoing, Status::Drafting);
        {
            let d = outgoing(&mut it);
            d.doc_type = DocType::Circular;
            d.recipients = "各區人民政府".into();
            d.prefix = "市政辦發".into();
        }
        with(Role::Admin, |w| {
            apply_move(&mut it, Status::Reviewing, "", w).unwrap();
            for g in Gate::ALL {
                let act = Act::Gate {
                    gate: *g,
                    pass: true,
                    comment: String::new(),
                };
                assert_eq!(try_act(&it, &act, w), Ok(()));
                acts::apply(&mut it, &act, w).unwrap();
            }
            let o = offers(&it, w);
            let sign = o.iter().find(|o| o.action == "簽發").unwrap();
            assert_eq!(sign.blocked, None, "{o:?}");
            // A 請示 must name its 簽發人: the note becomes required.
            outgoing(&mut it).doc_type = DocType::Request;
            let o = offers(&it, w);
            let sign = o.iter().find(|o| o.action == "簽發").unwrap();
            assert_eq!(
                sign.input,
                Input::Note {
                    what: NoteKind::Signer,
                    required: true
                }
            );
        });
    }

    #[test]
    fn steps_that_need_structured_input_say_so() {
        // 督查 立項: 交辦 needs the assignment, for supervisors only.
        let it = item(Kind::Supervision, Status::Filed);
        // (撤銷 withdraws a mistaken 立項 — a plain move with its reason.)
        let o = with(Role::Inspector, |w| offers(&it, w));
        assert_eq!(actions(&o), vec!["交辦", "撤銷"]);
        assert_eq!((o[0].step, &o[0].input), (Step::Assign, &Input::Assignment));
        let o = with(Role::Clerk, |w| offers(&it, w));
        assert_eq!(actions(&o), vec!["撤銷"], "交辦 is the supervisors'");
        // 承辦: 催辦 (supervisors), 辦結 with its report, and 進展 for anyone writing.
        let it = item(Kind::Supervision, Status::Handling);
        let o = with(Role::Clerk, |w| offers(&it, w));
        assert_eq!(actions(&o), vec!["辦結", "進展", "節點進展"]);
        assert_eq!(o[1].input, Input::Text);
        assert_eq!((o[2].step, &o[2].input), (Step::Milestone, &Input::Text));
        let o = with(Role::Inspector, |w| offers(&it, w));
        assert_eq!(actions(&o), vec!["催辦", "辦結", "進展", "節點進展"]);
        // 收文 批辦 → 承辦 asks for the lead unit when there is none.
        let it = item(Kind::Incoming, Status::Instructed);
        let o = with(Role::Clerk, |w| offers(&it, w));
        assert_eq!(o[0].input, Input::Field("lead_unit"));
        // 發文 印製 → 核發 asks for the distribution list; 編號 for a 代字.
        let it = item(Kind::Outgoing, Status::Printing);
        let o = with(Role::Clerk, |w| offers(&it, w));
        assert_eq!(o[0].input, Input::Field("distribution"));
        let it = item(Kind::Outgoing, Status::Approved);
        let o = with(Role::Clerk, |w| offers(&it, w));
        assert_eq!(o[0].input, Input::Field("prefix"));
        // 收件: 分辦 chooses a kind.
        let it = item(Kind::Inbox, Status::Pending);
        let o = with(Role::Clerk, |w| offers(&it, w));
        assert_eq!((o[0].step, &o[0].input), (Step::Route, &Input::Kind));
        assert!(!o[0].is_plain_move());
        assert!(o[1].is_plain_move(), "關閉 with its reason");
    }

    #[test]
    fn circulation_offers_follow_who_holds_it() {
        let mut it = item(Kind::Incoming, Status::Circulating);
        let o = with(Role::Clerk, |w| offers(&it, w));
        assert_eq!(actions(&o), vec!["收回", "辦結", "傳閱", "立項督查"]);
        if let KindData::Incoming(d) = &mut it.data {
            d.circulation.push(Circulation {
                holder: "張秘書長".into(),
                by: "u".into(),
                since: 0,
                back: None,
                chased: 0,
                last_chased: None,
            });
        }
        let o = with(Role::Clerk, |w| offers(&it, w));
        let back = o.iter().find(|o| o.step == Step::GiveBack).unwrap();
        assert_eq!(back.input, Input::OneOf(vec!["張秘書長".into()]));
        assert!(o.iter().any(|o| o.step == Step::Chase));
        // 辦結 is refused while a copy is out: offered with the reason.
        let done = o.iter().find(|o| o.action == "辦結").unwrap();
        assert!(
            done.blocked
                .as_ref()
                .unwrap()
                .to_string()
                .contains("張秘書長"),
            "{done:?}"
        );
        // A leader may give it back but not chase it.
        let o = with(Role::Leader, |w| offers(&it, w));
        assert!(o.iter().any(|o| o.step == Step::GiveBack));
        assert!(!o.iter().any(|o| o.step == Step::Chase));
    }

    #[test]
    fn cosign_offers_the_units_still_to_sign() {
        let mut it = item(Kind::Outgoing, Status::Drafting);
        assert!(!with(Role::Clerk, |w| offers(&it, w))
            .iter()
            .any(|o| o.step == Step::CoSign));
        outgoing(&mut it).cosigners = vec!["市財政局".into(), "市教育局".into()];
        let o = with(Role::Clerk, |w| offers(&it, w));
        let c = o.iter().find(|o| o.step == Step::CoSign).unwrap();
        assert_eq!(
            c.input,
            Input::OneOf(vec!["市財政局".into(), "市教育局".into()])
        );
    }

    #[test]
    fn supervision_is_offered_from_held_meetings_affairs_and_open_documents() {
        let sup = |kind, st| {
            let it = item(kind, st);
            with(Role::Clerk, |w| offers(&it, w))
                .iter()
                .any(|o| o.step == Step::Supervise && o.blocked.is_none())
        };
        assert!(!sup(Kind::Meeting, Status::Planning));
        assert!(!sup(Kind::Meeting, Status::Notified));
        assert!(sup(Kind::Meeting, Status::Held));
        assert!(sup(Kind::Meeting, Status::Archived));
        assert!(sup(Kind::Affair, Status::Registered));
        assert!(!sup(Kind::Affair, Status::Archived));
        assert!(sup(Kind::Incoming, Status::Handling));
        assert!(!sup(Kind::Incoming, Status::Archived));
        assert!(!sup(Kind::Outgoing, Status::Drafting));
        assert!(!sup(Kind::Supervision, Status::Handling));
    }

    #[test]
    fn a_deadline_reminder_is_offered_to_supervisors_while_the_deadline_is_ahead() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut it = item(Kind::Supervision, Status::Handling);
        let has = |o: &[Offer]| o.iter().any(|o| o.step == Step::Approaching);
        // No deadline: nothing to be near.
        assert!(!has(&with(Role::Inspector, |w| offers(&it, w))));
        it.deadline = Some(today + chrono::Days::new(3));
        let o = with(Role::Inspector, |w| offers(&it, w));
        let r = o.iter().find(|o| o.step == Step::Approaching).unwrap();
        assert_eq!(
            (r.action, &r.input, &r.blocked),
            ("臨近提醒", &Input::Text, &None)
        );
        // Supervisors only; not once the deadline is past (that is 催辦's).
        assert!(!has(&with(Role::Clerk, |w| offers(&it, w))));
        it.status = Status::Assigned;
        assert!(has(&with(Role::Inspector, |w| offers(&it, w))));
        it.deadline = Some(today - chrono::Days::new(1));
        assert!(!has(&with(Role::Inspector, |w| offers(&it, w))));
        // Sent today already: offered with the reason.
        it.deadline = Some(today + chrono::Days::new(3));
        let act = Act::Remind {
            reason: ReminderReason::Approaching,
            text: "請按期辦結".into(),
        };
        with(Role::Inspector, |w| acts::apply(&mut it, &act, w)).unwrap();
        let o = with(Role::Inspector, |w| offers(&it, w));
        let r = o.iter().find(|o| o.step == Step::Approaching).unwrap();
        assert!(
            matches!(
                &r.blocked,
                Some(RuleError::Refused {
                    reason: Reason::AlreadyReminded { .. },
                    ..
                })
            ),
            "{r:?}"
        );
        assert!(
            !with(Role::Inspector, |w| offers(&it, w))
                .iter()
                .any(|o| o.step == Step::Progress),
            "an 交辦 item is not yet reporting"
        );
    }

    #[test]
    fn archiving_is_offered_with_what_is_missing() {
        let it = item(Kind::Affair, Status::Completed);
        let o = with(Role::Clerk, |w| offers(&it, w));
        let a = o.iter().find(|o| o.action == "歸檔").unwrap();
        assert!(a.blocked.is_some(), "an affair without its result: {a:?}");
    }
}
