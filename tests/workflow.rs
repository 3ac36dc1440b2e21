//! The rule book and field validation, tested from outside the crate:
//! every entry of `TRANSITIONS` (allowed roles, refused roles, what each move
//! needs), every move that is not in the table, and `Item::set` /
//! `Item::validate` for every field kind.

use chrono::NaiveDate;
use shuniu::model::{
    fields::{fields_of, DateCtx},
    time,
    workflow::{self, moves_from, statuses_of, Needs, RuleError},
    Classification, DocType, Gate, GateMark, Item, Kind, KindData, Role, Status, ValidationError,
    WorkCalendar, TRANSITIONS,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn now() -> i64 {
    time::from_local(today().and_hms_opt(9, 30, 0).unwrap())
}

fn cal() -> &'static WorkCalendar {
    use std::sync::OnceLock;
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(WorkCalendar::builtin)
}

fn ctx() -> DateCtx<'static> {
    DateCtx {
        today: today(),
        cal: cal(),
    }
}

fn set(it: &mut Item, field: &str, value: &str) {
    it.set(field, value, &ctx())
        .unwrap_or_else(|e| panic!("set {field}={value:?}: {e}"));
}

fn set_err(it: &Item, field: &str, value: &str) -> ValidationError {
    let mut copy = it.clone();
    let e = copy
        .set(field, value, &ctx())
        .expect_err(&format!("{field}={value:?} should be refused"));
    assert_eq!(&copy, it, "a refused set must leave the item unchanged");
    e
}

/// An item of `t.kind` in `t.from` that satisfies everything `t` needs.
/// Returns it with the note to give.
fn satisfying(t: &workflow::Transition) -> (Item, &'static str) {
    let mut it = Item::new(t.kind, "關於測試的請示", "tester", now());
    it.status = t.from;
    let mut note = "";
    match t.needs {
        Needs::Nothing => {}
        Needs::Reason => note = "材料不全，請補充",
        Needs::Result => note = "已按要求辦結",
        Needs::Deadline => set(&mut it, "deadline", "2026-12-01"),
        Needs::LeadUnit => set(&mut it, "lead_unit", "市教育局"),
        Needs::Signer => {
            // An upward document is the case where the 簽發人 matters.
            set(&mut it, "doc_type", "請示");
            set(&mut it, "signer", "王市長");
            pass_all_gates(&mut it);
        }
        Needs::Assignment => {
            set(&mut it, "lead_unit", "市住建局");
            set(&mut it, "deadline", "2026-12-01");
        }
        Needs::Receipt => {
            set(&mut it, "copies", "2");
            set(&mut it, "signed_at", "2026-11-25 09:00");
        }
        Needs::ForReading => set(&mut it, "for_reading", "閱知件"),
        Needs::Distribution => set(&mut it, "distribution", "市教育局×2"),
    }
    (it, note)
}

/// Marks the four gates of 審核 passed in the item's current round.
fn pass_all_gates(it: &mut Item) {
    if let KindData::Outgoing(d) = &mut it.data {
        for g in Gate::ALL {
            d.gates.push(GateMark {
                gate: *g,
                round: d.round,
                passed: true,
                by: "reviewer".into(),
                at: now(),
                comment: String::new(),
            });
        }
    }
}

/// The same item without what `t` needs (None when it needs nothing).
fn lacking(t: &workflow::Transition) -> Option<Item> {
    let mut it = Item::new(t.kind, "關於測試的請示", "tester", now());
    it.status = t.from;
    match t.needs {
        Needs::Nothing => return None,
        Needs::Reason
        | Needs::Result
        | Needs::Deadline
        | Needs::LeadUnit
        | Needs::Assignment
        | Needs::Receipt
        | Needs::ForReading
        | Needs::Distribution => {}
        // Gates passed, only the 簽發人 missing (gates: see workflow_rules.rs).
        Needs::Signer => {
            set(&mut it, "doc_type", "請示");
            pass_all_gates(&mut it);
        }
    }
    Some(it)
}

fn roles_label(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join("/")
}

// ---------------------------------------------------------------- the table

#[test]
fn every_transition_is_unique_per_kind_from_and_to() {
    for (i, a) in TRANSITIONS.iter().enumerate() {
        for b in &TRANSITIONS[i + 1..] {
            assert!(
                !(a.kind == b.kind && a.from == b.from && a.to == b.to),
                "duplicate move {} {} → {}",
                a.kind,
                a.from,
                a.to
            );
        }
        assert_ne!(a.from, a.to, "{} {}: a move to itself", a.kind, a.action);
        assert!(
            !a.roles.is_empty(),
            "{} {}: nobody may make it",
            a.kind,
            a.action
        );
        assert!(
            !a.roles.contains(&Role::ReadOnly),
            "{} {}: read-only users may not move anything",
            a.kind,
            a.action
        );
    }
}

#[test]
fn every_status_of_a_kind_is_reachable_and_open_ones_have_a_way_out() {
    for &kind in Kind::ALL {
        let all = statuses_of(kind);
        let start = Status::initial(kind);
        assert!(start.is_open(), "{kind}: starts closed");
        let mut seen = vec![start];
        let mut todo = vec![start];
        while let Some(s) = todo.pop() {
            for t in moves_from(kind, s) {
                if !seen.contains(&t.to) {
                    seen.push(t.to);
                    todo.push(t.to);
                }
            }
        }
        for s in &all {
            assert!(
                seen.contains(s),
                "{kind}: {s} cannot be reached from {start}"
            );
            if s.is_open() {
                assert!(
                    moves_from(kind, *s).next().is_some(),
                    "{kind}: open status {s} has no way out"
                );
            }
        }
    }
}

#[test]
fn every_transition_accepts_its_roles_and_refuses_all_others() {
    for t in TRANSITIONS {
        let (it, note) = satisfying(t);
        for &role in Role::ALL {
            let got = workflow::check(&it, t.to, role, note);
            if t.roles.contains(&role) {
                let tr = got.unwrap_or_else(|e| {
                    panic!(
                        "{} {} ({} → {}) by {role}: {e}",
                        t.kind, t.action, t.from, t.to
                    )
                });
                assert_eq!(tr, t, "check returned another move");
            } else {
                match &got {
                    Err(RuleError::WrongRole {
                        action,
                        role: r,
                        roles,
                    }) => {
                        assert_eq!(*action, t.action);
                        assert_eq!(*r, role);
                        assert_eq!(*roles, roles_label(t.roles));
                        let msg = got.unwrap_err().to_string();
                        assert!(
                            msg.contains(t.action) && msg.contains(role.label()),
                            "{msg}"
                        );
                    }
                    other => panic!(
                        "{} {} by {role}: expected WrongRole, got {other:?}",
                        t.kind, t.action
                    ),
                }
            }
        }
    }
}

#[test]
fn the_role_is_checked_before_what_the_move_needs() {
    // A clerk asking to 簽發 an upward document with no signer hears about the role.
    let mut it = Item::new(Kind::Outgoing, "關於經費的請示", "tester", now());
    it.status = Status::Reviewing;
    set(&mut it, "doc_type", "請示");
    let e = workflow::check(&it, Status::Approved, Role::Clerk, "").unwrap_err();
    assert!(
        matches!(
            e,
            RuleError::WrongRole {
                action: "簽發",
                role: Role::Clerk,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn every_transition_refuses_what_it_needs_when_missing() {
    let mut checked = 0;
    for t in TRANSITIONS {
        let Some(it) = lacking(t) else {
            // Needs nothing: accepted with an empty note by every allowed role.
            let (it, _) = satisfying(t);
            for &role in t.roles {
                workflow::check(&it, t.to, role, "").unwrap_or_else(|e| {
                    panic!("{} {} needs nothing but refused: {e}", t.kind, t.action)
                });
            }
            continue;
        };
        for &role in t.roles {
            for note in ["", "   \n"] {
                let e = workflow::check(&it, t.to, role, note).unwrap_err();
                let RuleError::Missing { action, what } = &e else {
                    panic!("{} {}: expected Missing, got {e:?}", t.kind, t.action);
                };
                assert_eq!(*action, t.action);
                let want = match t.needs {
                    Needs::Reason => "reason",
                    Needs::Result => "result",
                    Needs::Deadline => "deadline",
                    Needs::LeadUnit => "lead unit",
                    Needs::Signer => "簽發人",
                    Needs::Assignment => "lead unit",
                    Needs::Receipt => "copies",
                    Needs::ForReading => "閱知件",
                    Needs::Distribution => "distribution",
                    Needs::Nothing => unreachable!(),
                };
                assert!(
                    what.english().contains(want),
                    "{} {}: '{what}' should mention {want}",
                    t.kind,
                    t.action
                );
                assert!(e.to_string().starts_with(t.action), "{e}");
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn a_note_satisfies_reason_and_result_but_not_deadline_or_lead_unit() {
    for t in TRANSITIONS {
        let role = t.roles[0];
        let Some(it) = lacking(t) else { continue };
        let with_note = workflow::check(&it, t.to, role, "有說明");
        match t.needs {
            Needs::Reason | Needs::Result => assert!(with_note.is_ok(), "{} {}", t.kind, t.action),
            // An upward document may name its 簽發人 in the note.
            Needs::Signer => assert!(with_note.is_ok(), "{} {}", t.kind, t.action),
            Needs::Deadline
            | Needs::LeadUnit
            | Needs::Assignment
            | Needs::Receipt
            | Needs::ForReading
            | Needs::Distribution => assert!(
                matches!(with_note, Err(RuleError::Missing { .. })),
                "{} {}: a note is no deadline or lead unit",
                t.kind,
                t.action
            ),
            Needs::Nothing => unreachable!(),
        }
    }
}

#[test]
fn a_lead_unit_of_blanks_is_no_lead_unit() {
    let mut it = Item::new(Kind::Incoming, "來文", "tester", now());
    it.status = Status::Instructed;
    set(&mut it, "lead_unit", "   ");
    let e = workflow::check(&it, Status::Handling, Role::Clerk, "").unwrap_err();
    assert!(
        matches!(
            e,
            RuleError::Missing {
                action: "承辦", ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn only_upward_documents_must_name_their_signer() {
    let mut it = Item::new(Kind::Outgoing, "關於開展檢查的通知", "tester", now());
    it.status = Status::Reviewing;
    pass_all_gates(&mut it);
    // 通知 is not 上行文: no signer needed.
    assert!(workflow::check(&it, Status::Approved, Role::Leader, "").is_ok());
    for upward in ["請示", "報告"] {
        set(&mut it, "doc_type", upward);
        assert!(
            matches!(
                workflow::check(&it, Status::Approved, Role::Leader, ""),
                Err(RuleError::Missing { .. })
            ),
            "{upward}"
        );
    }
}

#[test]
fn moves_not_in_the_table_are_refused_and_the_message_lists_the_allowed_ones() {
    let mut refused = 0;
    for &kind in Kind::ALL {
        for from in statuses_of(kind) {
            let allowed: Vec<_> = moves_from(kind, from).collect();
            let mut it = Item::new(kind, "標題", "tester", now());
            it.status = from;
            // Satisfy every possible need so only the table can refuse.
            it.deadline = Some(today());
            if let KindData::Incoming(d) = &mut it.data {
                d.lead_unit = "市教育局".into();
            }
            for &to in Status::ALL {
                if allowed.iter().any(|t| t.to == to) {
                    continue;
                }
                let e = workflow::check(&it, to, Role::Admin, "理由").unwrap_err();
                let RuleError::NotAllowed {
                    kind: k,
                    from: f,
                    to: t2,
                    allowed: list,
                } = &e
                else {
                    panic!("{kind} {from} → {to}: expected NotAllowed, got {e:?}");
                };
                assert_eq!((*k, *f, *t2), (kind, from, to));
                if allowed.is_empty() {
                    assert_eq!(list, "nothing (final status)");
                } else {
                    for t in &allowed {
                        let entry = format!("{} → {}", t.action, t.to);
                        assert!(
                            list.contains(&entry),
                            "{kind} {from}: '{list}' lacks '{entry}'"
                        );
                    }
                }
                let msg = e.to_string();
                assert!(
                    msg.contains(list.as_str()) && msg.contains(to.label()),
                    "{msg}"
                );
                refused += 1;
            }
        }
    }
    assert!(refused > 100, "only {refused} refusals checked");
}

#[test]
fn a_status_of_another_kind_is_a_dead_end() {
    // A 收文 somehow in 起草 offers nothing.
    let mut it = Item::new(Kind::Incoming, "來文", "tester", now());
    it.status = Status::Drafting;
    let e = workflow::check(&it, Status::Reviewing, Role::Admin, "").unwrap_err();
    assert!(
        matches!(&e, RuleError::NotAllowed { allowed, .. } if allowed == "nothing (final status)"),
        "{e:?}"
    );
}

#[test]
fn concrete_examples_from_the_chains() {
    let mut inc = Item::new(Kind::Incoming, "來文", "tester", now());
    // The 簽收: one copy, signed for at 09:00 (`Core` records both at creation).
    set(&mut inc, "copies", "1");
    set(&mut inc, "signed_at", "2026-11-25 09:00");
    assert_eq!(
        workflow::check(&inc, Status::Registered, Role::Clerk, "")
            .unwrap()
            .action,
        "登記"
    );
    // Skipping 登記 is not allowed; the message names 登記.
    let e = workflow::check(&inc, Status::Reviewed, Role::Clerk, "")
        .unwrap_err()
        .to_string();
    assert!(e.contains("登記 → 登記"), "{e}");
    inc.status = Status::Proposed;
    // 批辦 is for signers, not clerks, and needs the instruction as the note.
    assert!(matches!(
        workflow::check(&inc, Status::Instructed, Role::Clerk, "同意"),
        Err(RuleError::WrongRole { .. })
    ));
    assert!(workflow::check(&inc, Status::Instructed, Role::Leader, "同意，請教育局辦理").is_ok());
    let mut sv = Item::new(Kind::Supervision, "督查", "tester", now());
    assert!(matches!(
        workflow::check(&sv, Status::Assigned, Role::Inspector, ""),
        Err(RuleError::Missing {
            action: "交辦", ..
        })
    ));
    sv.deadline = Some(today());
    // 交辦 names the lead unit too.
    assert!(matches!(
        workflow::check(&sv, Status::Assigned, Role::Inspector, ""),
        Err(RuleError::Missing {
            action: "交辦", ..
        })
    ));
    set(&mut sv, "lead_unit", "市住建局");
    assert!(workflow::check(&sv, Status::Assigned, Role::Inspector, "").is_ok());
    assert!(matches!(
        workflow::check(&sv, Status::Assigned, Role::Clerk, ""),
        Err(RuleError::WrongRole { .. })
    ));
}

// ---------------------------------------------------------------- Item::set

/// (kind, field, typed value, value read back with `get`)
const EXAMPLES: &[(Kind, &str, &str, &str)] = &[
    (
        Kind::Incoming,
        "title",
        "  關於學校安全的通知  ",
        "關於學校安全的通知",
    ),
    (Kind::Incoming, "urgency", "urgent", "加急"),
    (Kind::Incoming, "classification", "内部", "內部"),
    (Kind::Incoming, "unit", " 秘書一科 ", "秘書一科"),
    (Kind::Incoming, "handler", "張三", "張三"),
    (Kind::Incoming, "deadline", "+3", "2026-11-28"),
    (Kind::Incoming, "body", "  正文\n第二行 ", "  正文\n第二行 "),
    (Kind::Inbox, "channel", "來電", "來電"),
    (Kind::Inbox, "channel", "", ""),
    (Kind::Inbox, "from", "市教育局", "市教育局"),
    (
        Kind::Inbox,
        "received",
        "2026-11-24 08:15",
        "2026-11-24 08:15",
    ),
    (
        Kind::Inbox,
        "ref",
        "市教發〔2026〕45號",
        "市教發〔2026〕45號",
    ),
    (
        Kind::Inbox,
        "phone",
        "0571-8765 4321轉8",
        "0571-8765 4321轉8",
    ),
    (Kind::Incoming, "from", "市財政局", "市財政局"),
    (
        Kind::Incoming,
        "ref",
        "市財發〔2026〕3號",
        "市財發〔2026〕3號",
    ),
    (Kind::Incoming, "doc_type", "批复", "批復"),
    (Kind::Incoming, "copies", "3", "3"),
    (Kind::Incoming, "received_on", "2026-11-20", "2026-11-20"),
    (
        Kind::Incoming,
        "proposal",
        "擬請教育局辦理",
        "擬請教育局辦理",
    ),
    (Kind::Incoming, "instruction", "同意", "同意"),
    (Kind::Incoming, "lead_unit", "市教育局", "市教育局"),
    (
        Kind::Incoming,
        "assisting",
        "市財政局，市公安局、 市衛健委",
        "市財政局、市公安局、市衛健委",
    ),
    (Kind::Incoming, "for_reading", "閱知件", "是"),
    (Kind::Incoming, "for_reading", "否", "否"),
    (Kind::Incoming, "result", "已答復", "已答復"),
    (Kind::Outgoing, "doc_type", "請示", "請示"),
    (Kind::Outgoing, "copies", "120", "120"),
    (Kind::Outgoing, "prefix", "市政辦發", "市政辦發"),
    (Kind::Outgoing, "signer", "王市長", "王市長"),
    (
        Kind::Outgoing,
        "recipients",
        "各區縣人民政府",
        "各區縣人民政府",
    ),
    (Kind::Outgoing, "copy_to", "市委辦公廳", "市委辦公廳"),
    (Kind::Outgoing, "copy_no", "000123", "000123"),
    (Kind::Outgoing, "copy_no", "", ""),
    (Kind::Outgoing, "sign_date", "12-01", "2026-12-01"),
    (Kind::Meeting, "type", "常务会议", "常務會議"),
    (Kind::Meeting, "start", "明天 14:00", "2026-11-26 14:00"),
    (Kind::Meeting, "end", "2026-11-26 16:30", "2026-11-26 16:30"),
    (Kind::Meeting, "room", "第一會議室", "第一會議室"),
    (Kind::Meeting, "chair", "李主任", "李主任"),
    (Kind::Meeting, "attendees", "張三,李四", "張三、李四"),
    (
        Kind::Meeting,
        "agenda",
        "教育局: 校舍\n\n  財政局: 預算  ",
        "教育局: 校舍\n財政局: 預算",
    ),
    (Kind::Meeting, "notice", "定於明天召開", "定於明天召開"),
    (Kind::Meeting, "signed_in", "張三", "張三"),
    (Kind::Meeting, "minutes", "會議議定", "會議議定"),
    (Kind::Affair, "type", "電話記錄", "電話記錄"),
    (Kind::Affair, "assigned_by", "王市長", "王市長"),
    (Kind::Affair, "instruction", "請盡快落實", "請盡快落實"),
    (Kind::Affair, "contact", "趙先生", "趙先生"),
    (Kind::Affair, "contact_unit", "某公司", "某公司"),
    (Kind::Affair, "phone", "13800138000", "13800138000"),
    (
        Kind::Affair,
        "started",
        "2026-11-25 09:00",
        "2026-11-25 09:00",
    ),
    (Kind::Affair, "duration", "330", "5:30"),
    (Kind::Affair, "duration", "1:02:03", "62:03"),
    (Kind::Affair, "follow_up", "明天回電", "明天回電"),
    (Kind::Affair, "result", "已辦", "已辦"),
    (Kind::Supervision, "type", "領導批示", "領導批示"),
    (Kind::Supervision, "lead_unit", "市住建局", "市住建局"),
    (Kind::Supervision, "assisting", "市財政局", "市財政局"),
    (Kind::Supervision, "report_cycle", "14", "每14天"),
    (Kind::Supervision, "report_cycle", "weekly", "每週"),
    (
        Kind::Incoming,
        "signed_at",
        "2026-11-24 08:15",
        "2026-11-24 08:15",
    ),
    (
        Kind::Outgoing,
        "cosigners",
        "市財政局,市發改委",
        "市財政局、市發改委",
    ),
    (
        Kind::Outgoing,
        "distribution",
        "市教育局×3、市財政局",
        "市教育局×3、市財政局×1",
    ),
    (Kind::Supervision, "result", "已完成", "已完成"),
];

#[test]
fn every_editable_field_of_every_kind_sets_and_reads_back() {
    for &(kind, field, input, want) in EXAMPLES {
        let mut it = Item::new(kind, "標題", "tester", now());
        set(&mut it, field, input);
        assert_eq!(
            it.get(field).as_deref(),
            Some(want),
            "{kind} {field}={input:?}"
        );
    }
    // The table covers every editable field of every kind (a new field needs a line).
    for &kind in Kind::ALL {
        for f in fields_of(kind).filter(|f| !f.system) {
            let covered = EXAMPLES
                .iter()
                .any(|(k, n, _, _)| *n == f.name && (*k == kind || f.kinds.is_empty()));
            let covered = covered || f.name == "secrecy_years"; // see secrecy_years_rules
            assert!(covered, "no example sets {kind} field {}", f.name);
        }
    }
}

#[test]
fn bad_urgency_lists_the_valid_values() {
    let it = Item::new(Kind::Incoming, "標題", "tester", now());
    let e = set_err(&it, "urgency", "很急");
    assert_eq!(e.field, "urgency");
    for v in ["很急", "平件", "加急", "特急"] {
        assert!(e.message.contains(v), "{}", e.message);
    }
    assert!(e.to_string().starts_with("field 'urgency':"), "{e}");
}

#[test]
fn bad_closed_values_list_the_valid_ones() {
    let cases: &[(Kind, &str, &str, &[&str])] = &[
        (
            Kind::Incoming,
            "classification",
            "頂級",
            &["公開", "內部", "秘密", "機密", "絕密"],
        ),
        (Kind::Incoming, "doc_type", "便條", &["決議", "紀要", "函"]),
        (Kind::Outgoing, "doc_type", "", &["決議", "紀要"]),
        (
            Kind::Inbox,
            "channel",
            "電郵",
            &["來文", "來電", "來信", "來訪", "平台"],
        ),
        (Kind::Meeting, "type", "茶話會", &["常務會議", "專題會議"]),
        (
            Kind::Affair,
            "type",
            "閒聊",
            &["交辦", "電話記錄", "接待", "後勤"],
        ),
        (
            Kind::Supervision,
            "type",
            "隨便",
            &["年度重點工作", "領導批示"],
        ),
        (Kind::Incoming, "for_reading", "也許", &["是", "否"]),
    ];
    for (kind, field, input, valid) in cases {
        let it = Item::new(*kind, "標題", "tester", now());
        let e = set_err(&it, field, input);
        assert_eq!(e.field, *field);
        for v in *valid {
            assert!(e.message.contains(v), "{kind} {field}: {}", e.message);
        }
    }
}

#[test]
fn control_characters_in_a_refused_value_are_escaped_in_the_message() {
    let it = Item::new(Kind::Incoming, "標題", "tester", now());
    let e = set_err(&it, "urgency", "\x1b[31m急");
    assert!(!e.message.contains('\x1b'), "{:?}", e.message);
    assert!(e.message.contains('␛'), "{:?}", e.message);
}

#[test]
fn bad_dates_name_the_problem() {
    let it = Item::new(Kind::Incoming, "標題", "tester", now());
    let e = set_err(&it, "deadline", "2026-02-30");
    assert_eq!(e.field, "deadline");
    assert!(e.message.contains("2026-02 has no day 30"), "{}", e.message);
    let e = set_err(&it, "deadline", "下個月吧");
    assert!(
        e.message.contains("is not a date") && e.message.contains("try "),
        "{}",
        e.message
    );
    let e = set_err(&it, "received_on", "13/45");
    assert_eq!(e.field, "received_on");
    assert!(e.message.contains("13/45"), "{}", e.message);
    let mt = Item::new(Kind::Meeting, "會", "tester", now());
    let e = set_err(&mt, "start", "明天 25:00");
    assert_eq!(e.field, "start");
    assert!(e.message.contains("time of day"), "{}", e.message);
    let ib = Item::new(Kind::Inbox, "件", "tester", now());
    let e = set_err(&ib, "received", "");
    assert!(e.message.contains("must not be empty"), "{}", e.message);
    // An empty deadline clears it.
    let mut it2 = it.clone();
    set(&mut it2, "deadline", "2026-12-01");
    set(&mut it2, "deadline", " ");
    assert_eq!(it2.deadline, None);
}

#[test]
fn copy_no_is_six_digits() {
    let it = Item::new(Kind::Outgoing, "發文", "tester", now());
    for bad in ["12345", "1234567", "12345a", "１２３４５６", "00 123"] {
        let e = set_err(&it, "copy_no", bad);
        assert_eq!(e.field, "copy_no");
        assert!(e.message.contains("6 digits"), "{bad}: {}", e.message);
    }
    let mut ok = it.clone();
    set(&mut ok, "copy_no", " 000001 ");
    assert_eq!(ok.get("copy_no").unwrap(), "000001");
}

#[test]
fn incoming_lead_unit_is_exactly_one() {
    let it = Item::new(Kind::Incoming, "來文", "tester", now());
    for many in [
        "市教育局、市財政局",
        "市教育局,市財政局",
        "市教育局；市財政局",
    ] {
        let e = set_err(&it, "lead_unit", many);
        assert_eq!(e.field, "lead_unit");
        assert!(
            e.message.contains("exactly one") && e.message.contains("assisting"),
            "{}",
            e.message
        );
    }
    let mut one = it.clone();
    set(&mut one, "lead_unit", "市教育局、");
    assert_eq!(one.get("lead_unit").unwrap(), "市教育局");
}

#[test]
fn supervision_lead_unit_is_exactly_one_too() {
    let it = Item::new(Kind::Supervision, "督查", "tester", now());
    let e = set_err(&it, "lead_unit", "市住建局、市財政局");
    assert_eq!(e.field, "lead_unit");
    assert!(e.message.contains("exactly one"), "{}", e.message);
}

#[test]
fn secrecy_years_rules() {
    let public = Item::new(Kind::Incoming, "來文", "tester", now());
    let e = set_err(&public, "secrecy_years", "5");
    assert_eq!(e.field, "secrecy_years");
    assert!(
        e.message.contains("秘密") && e.message.contains("保密期限"),
        "{}",
        e.message
    );

    let mut c = public.clone();
    set(&mut c, "classification", "機密");
    assert_eq!(c.secrecy_years, Some(20), "機密 defaults to 20 years");
    for bad in ["0", "31", "100"] {
        let e = set_err(&c, "secrecy_years", bad);
        assert!(e.message.contains("1 to 30"), "{bad}: {}", e.message);
    }
    let e = set_err(&c, "secrecy_years", "十年");
    assert!(e.message.contains("whole number"), "{}", e.message);
    set(&mut c, "secrecy_years", "15");
    assert_eq!(c.secrecy_years, Some(15));
    // Changing the level keeps a term already given.
    set(&mut c, "classification", "絕密");
    assert_eq!(c.secrecy_years, Some(15));
    // Empty restores the level's default.
    set(&mut c, "secrecy_years", "");
    assert_eq!(c.secrecy_years, Some(30));
    // Declassified: no term any more.
    set(&mut c, "classification", "公開");
    assert_eq!(c.secrecy_years, None);
    set(&mut c, "classification", "秘密");
    assert_eq!(c.secrecy_years, Some(10));
    c.validate().unwrap();
}

#[test]
fn unknown_field_is_refused_and_the_fields_are_listed() {
    let it = Item::new(Kind::Outgoing, "發文", "tester", now());
    let e = set_err(&it, "colour", "red");
    assert_eq!(e.field, "colour");
    assert!(e.message.contains("no such field"), "{}", e.message);
    for f in ["title", "prefix", "signer", "copy_no"] {
        assert!(e.message.contains(f), "{}", e.message);
    }
    // System fields are not offered.
    assert!(
        !e.message.contains("doc_no") && !e.message.contains("version"),
        "{}",
        e.message
    );
}

#[test]
fn system_fields_are_refused() {
    let specs = shuniu::model::FIELDS.iter().filter(|f| f.system);
    let mut n = 0;
    for f in specs {
        for &kind in Kind::ALL {
            if !(f.kinds.is_empty() || f.kinds.contains(&kind)) {
                continue;
            }
            let it = Item::new(kind, "標題", "tester", now());
            let e = set_err(&it, f.name, "1");
            assert_eq!(e.field, f.name);
            assert!(
                e.message.contains("set by the system"),
                "{kind} {}: {}",
                f.name,
                e.message
            );
            n += 1;
        }
    }
    assert!(n >= 6 * 8, "{n}");
}

#[test]
fn fields_of_another_kind_are_refused() {
    let cases = [
        (Kind::Incoming, "prefix"),
        (Kind::Inbox, "lead_unit"),
        (Kind::Outgoing, "room"),
        (Kind::Meeting, "phone"),
        (Kind::Affair, "copy_no"),
        (Kind::Supervision, "received_on"),
        (Kind::Outgoing, "type"),
    ];
    for (kind, field) in cases {
        let it = Item::new(kind, "標題", "tester", now());
        let e = set_err(&it, field, "x");
        assert_eq!(e.field, field);
        assert!(
            e.message.contains("has no such field") && e.message.contains(kind.label()),
            "{}",
            e.message
        );
    }
}

#[test]
fn other_field_values_are_checked() {
    let inc = Item::new(Kind::Incoming, "來文", "tester", now());
    assert!(set_err(&inc, "title", "   ")
        .message
        .contains("must not be empty"));
    assert!(set_err(&inc, "title", &"長".repeat(501))
        .message
        .contains("500"));
    assert!(set_err(&inc, "copies", "三")
        .message
        .contains("whole number"));
    assert!(set_err(&inc, "copies", "-1")
        .message
        .contains("whole number"));
    let out = Item::new(Kind::Outgoing, "發文", "tester", now());
    for bad in [
        "市政辦發〔2026〕",
        "市政辦發2026",
        "市政辦發[",
        "市政辦發号",
    ] {
        assert!(
            set_err(&out, "prefix", bad).message.contains("機關代字"),
            "{bad}"
        );
    }
    let ib = Item::new(Kind::Inbox, "件", "tester", now());
    assert!(set_err(&ib, "phone", "call me")
        .message
        .contains("phone number"));
    assert!(set_err(&ib, "phone", &"1".repeat(41))
        .message
        .contains("phone number"));
    let af = Item::new(Kind::Affair, "事", "tester", now());
    for bad in ["5:60", "abc", "1:2:3:4", "1:60:00"] {
        assert!(
            set_err(&af, "duration", bad).message.contains("duration"),
            "{bad}"
        );
    }
    let sv = Item::new(Kind::Supervision, "督", "tester", now());
    assert!(set_err(&sv, "report_cycle", "367").message.contains("366"));
    let mut ok = sv.clone();
    set(&mut ok, "report_cycle", "366");
    set(&mut ok, "report_cycle", "0");
    assert_eq!(ok.get("report_cycle").unwrap(), "按節點");
}

// ---------------------------------------------------------------- Item::validate

#[test]
fn urgent_incoming_without_deadline_is_refused_naming_deadline() {
    for level in ["加急", "特急"] {
        let mut it = Item::new(Kind::Incoming, "來文", "tester", now());
        set(&mut it, "urgency", level);
        let e = it.validate().unwrap_err();
        assert_eq!(e.field, "deadline");
        assert!(e.message.contains(level), "{}", e.message);
        set(&mut it, "deadline", "+2工作日");
        it.validate().unwrap();
    }
    // 平件 needs none; other kinds are not held to it.
    Item::new(Kind::Incoming, "來文", "tester", now())
        .validate()
        .unwrap();
    let mut out = Item::new(Kind::Outgoing, "發文", "tester", now());
    set(&mut out, "urgency", "特急");
    out.validate().unwrap();
}

#[test]
fn meeting_must_end_after_it_starts() {
    let mut mt = Item::new(Kind::Meeting, "常務會議", "tester", now());
    set(&mut mt, "start", "2026-11-26 14:00");
    set(&mut mt, "end", "2026-11-26 13:00");
    let e = mt.validate().unwrap_err();
    assert_eq!(e.field, "end");
    assert!(e.message.contains("end after it starts"), "{}", e.message);
    set(&mut mt, "end", "2026-11-26 14:00");
    assert_eq!(
        mt.validate().unwrap_err().field,
        "end",
        "zero length is refused too"
    );
    set(&mut mt, "end", "2026-11-26 15:00");
    mt.validate().unwrap();
    // Only a start (end unknown) is fine.
    set(&mut mt, "end", "");
    mt.validate().unwrap();
}

#[test]
fn validate_catches_what_set_cannot() {
    let mut it = Item::new(Kind::Incoming, "來文", "tester", now());
    it.title = "  ".into();
    assert_eq!(it.validate().unwrap_err().field, "title");
    let mut it = Item::new(Kind::Incoming, "來文", "tester", now());
    it.classification = Classification::Secret;
    it.secrecy_years = None;
    assert_eq!(it.validate().unwrap_err().field, "secrecy_years");
    let mut it = Item::new(Kind::Incoming, "來文", "tester", now());
    it.data = KindData::empty(Kind::Outgoing);
    assert_eq!(it.validate().unwrap_err().field, "kind");
    // Sanity: DocType is stored in the data, not lost.
    let mut out = Item::new(Kind::Outgoing, "發文", "tester", now());
    set(&mut out, "doc_type", "函");
    assert!(matches!(&out.data, KindData::Outgoing(d) if d.doc_type == DocType::Letter));
}
