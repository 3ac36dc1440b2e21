use super::*;
use crate::model::{Circulation, Gate, GateMark};

fn user(login: &str, display: &str, unit: &str, role: Role) -> User {
    User {
        login: login.into(),
        uid: 1000,
        display: display.into(),
        unit: unit.into(),
        role,
        clearance: Classification::Confidential,
        disabled: false,
    }
}

fn units() -> Vec<Unit> {
    vec![Unit {
        key: "jyj".into(),
        name: "市教育局".into(),
        abbreviations: vec!["教育局".into()],
        phone: String::new(),
        doc_prefix: String::new(),
    }]
}

fn staff() -> Vec<User> {
    vec![
        user("wang", "王芳", "辦公室", Role::Clerk),
        user("li", "李明", "jyj", Role::Clerk),
        user("zhao", "趙局長", "辦公室", Role::Leader),
        user("qian", "錢督查", "督查室", Role::Inspector),
    ]
}

fn item(kind: Kind, status: Status) -> Item {
    let mut it = Item::new(kind, "關於校舍安全的通知", "wang", 0);
    it.id = 7;
    it.status = status;
    it
}

fn on(it: &Item, users: &[User], units: &[Unit]) -> Vec<(String, Why)> {
    let p = People { users, units };
    on_whom(it, &p)
        .into_iter()
        .map(|(u, w)| (u.login.clone(), w))
        .collect()
}

#[test]
fn the_handler_of_an_open_item_has_it_to_do_by_display_name_or_login() {
    let (us, un) = (staff(), units());
    let mut it = item(Kind::Affair, Status::Handling);
    it.handler = "李明".into();
    assert_eq!(on(&it, &us, &un), vec![("li".into(), Why::Handler)]);
    it.handler = "wang".into();
    assert_eq!(on(&it, &us, &un), vec![("wang".into(), Why::Handler)]);
    it.status = Status::Completed;
    assert!(on(&it, &us, &un).is_empty(), "a finished item is on no one");
}

#[test]
fn a_disabled_or_uncleared_user_is_never_on_an_item() {
    let (mut us, un) = (staff(), units());
    let mut it = item(Kind::Affair, Status::Handling);
    it.handler = "李明".into();
    us[1].disabled = true;
    assert!(on(&it, &us, &un).is_empty());
    us[1].disabled = false;
    us[1].clearance = Classification::Internal;
    it.classification = Classification::Confidential;
    assert!(on(&it, &us, &un).is_empty());
}

#[test]
fn supervision_awaiting_acceptance_is_on_the_lead_units_people_or_its_handler() {
    let (us, un) = (staff(), units());
    let mut it = item(Kind::Supervision, Status::Assigned);
    if let KindData::Supervision(d) = &mut it.data {
        d.lead_unit = "教育局".into();
    }
    assert_eq!(on(&it, &us, &un), vec![("li".into(), Why::LeadUnit)]);
    it.handler = "王芳".into();
    assert_eq!(on(&it, &us, &un), vec![("wang".into(), Why::LeadUnit)]);
    it.handler.clear();
    it.status = Status::Handling;
    assert_eq!(on(&it, &us, &un), vec![("li".into(), Why::Handler)]);
}

#[test]
fn a_circulated_copy_is_to_read_for_its_holder_until_given_back() {
    let (us, un) = (staff(), units());
    let mut it = item(Kind::Incoming, Status::Circulating);
    it.handler = "王芳".into();
    let out = Circulation {
        holder: "李明".into(),
        by: "wang".into(),
        since: 1,
        back: None,
        chased: 0,
        last_chased: None,
    };
    if let KindData::Incoming(d) = &mut it.data {
        d.circulation.push(out);
    }
    assert_eq!(
        on(&it, &us, &un),
        vec![("wang".into(), Why::Handler), ("li".into(), Why::Holder)]
    );
    assert_eq!(Why::Holder.queue(), Queue::ToRead);
    if let KindData::Incoming(d) = &mut it.data {
        d.circulation[0].back = Some(2);
    }
    assert_eq!(on(&it, &us, &un), vec![("wang".into(), Why::Handler)]);
}

#[test]
fn a_copy_circulated_to_a_unit_is_to_read_for_its_people() {
    let (us, un) = (staff(), units());
    let mut it = item(Kind::Incoming, Status::Circulating);
    if let KindData::Incoming(d) = &mut it.data {
        d.for_reading = true;
        d.circulation.push(Circulation {
            holder: "市教育局".into(),
            by: "wang".into(),
            since: 1,
            back: None,
            chased: 0,
            last_chased: None,
        });
    }
    assert_eq!(on(&it, &us, &un), vec![("li".into(), Why::Holder)]);
}

#[test]
fn leaders_have_the_documents_awaiting_instruction_and_signing() {
    let (us, un) = (staff(), units());
    let mut inc = item(Kind::Incoming, Status::Proposed);
    inc.handler = "王芳".into();
    assert_eq!(
        on(&inc, &us, &un),
        vec![("zhao".into(), Why::ForInstruction)],
        "in 擬辦 it waits for the leader, not the clerk"
    );
    let mut out = item(Kind::Outgoing, Status::Reviewing);
    out.handler = "王芳".into();
    assert_eq!(on(&out, &us, &un), vec![("wang".into(), Why::Handler)]);
    if let KindData::Outgoing(d) = &mut out.data {
        for gate in Gate::ALL {
            d.gates.push(GateMark {
                gate: *gate,
                round: d.round,
                passed: true,
                by: "wang".into(),
                at: 1,
                comment: String::new(),
            });
        }
    }
    assert_eq!(on(&out, &us, &un), vec![("zhao".into(), Why::ForSigning)]);
}

#[test]
fn inspectors_have_finished_supervision_to_verify_then_settle() {
    let (us, un) = (staff(), units());
    let mut it = item(Kind::Supervision, Status::Completed);
    it.handler = "李明".into();
    assert_eq!(
        on(&it, &us, &un),
        vec![("qian".into(), Why::ForVerification)]
    );
    it.status = Status::Verified;
    assert_eq!(on(&it, &us, &un), vec![("qian".into(), Why::ForSettling)]);
    it.status = Status::Settled;
    assert!(on(&it, &us, &un).is_empty());
}

fn land(
    before: Option<&Item>,
    after: &Item,
    action: &str,
    note: &str,
    by: &str,
) -> Vec<(String, Landing)> {
    let (us, un) = (staff(), units());
    landings(
        before,
        after,
        action,
        note,
        by,
        &People {
            users: &us,
            units: &un,
        },
    )
}

#[test]
fn a_new_handler_is_told_and_the_old_one_is_not() {
    let mut a = item(Kind::Affair, Status::Handling);
    a.handler = "王芳".into();
    let mut b = a.clone();
    b.handler = "李明".into();
    assert_eq!(
        land(Some(&a), &b, "修改", "", "zhao"),
        vec![("li".into(), Landing::Assigned)]
    );
    assert!(
        land(Some(&b), &b, "修改", "", "zhao").is_empty(),
        "nothing changed, nothing lands"
    );
}

#[test]
fn the_writer_is_never_told_of_their_own_write() {
    let a = item(Kind::Affair, Status::Handling);
    let mut b = a.clone();
    b.handler = "李明".into();
    assert!(land(Some(&a), &b, "修改", "", "li").is_empty());
    assert_eq!(
        land(None, &b, "建立", "", "wang"),
        vec![("li".into(), Landing::Assigned)],
        "a new item with a handler lands on them"
    );
}

#[test]
fn delegation_lands_on_the_lead_unit_and_instruction_on_the_handler() {
    let mut a = item(Kind::Supervision, Status::Filed);
    if let KindData::Supervision(d) = &mut a.data {
        d.lead_unit = "jyj".into();
    }
    let mut b = a.clone();
    b.status = Status::Assigned;
    assert_eq!(
        land(Some(&a), &b, "交辦", "", "qian"),
        vec![("li".into(), Landing::Delegated)]
    );
    let mut p = item(Kind::Incoming, Status::Proposed);
    p.handler = "王芳".into();
    let mut i = p.clone();
    i.status = Status::Instructed;
    assert_eq!(
        land(Some(&p), &i, "批辦", "請教育局牽頭辦理", "zhao"),
        vec![("wang".into(), Landing::Instructed)]
    );
    let mut r = p.clone();
    r.status = Status::Reviewed;
    assert_eq!(
        land(Some(&r), &p, "擬辦", "", "wang"),
        vec![("zhao".into(), Landing::Awaiting)],
        "擬辦 lands on the leaders for 批辦"
    );
}

#[test]
fn urging_and_returns_land_again_on_whoever_has_it() {
    let mut a = item(Kind::Supervision, Status::Handling);
    a.handler = "李明".into();
    let mut b = a.clone();
    b.status = Status::Urging;
    assert_eq!(
        land(Some(&a), &b, "催辦", "請於週五前報送", "qian"),
        vec![("li".into(), Landing::Urged)]
    );
    assert_eq!(
        land(Some(&b), &b, "臨近提醒", "還有三個工作日", "qian"),
        vec![("li".into(), Landing::Reminded)]
    );
    let mut c = a.clone();
    c.status = Status::Completed;
    assert_eq!(
        land(Some(&c), &a, "退回重辦", "數據不全", "qian"),
        vec![("li".into(), Landing::Returned)]
    );
    let mut d = item(Kind::Outgoing, Status::Drafting);
    d.handler = "王芳".into();
    let mut rv = d.clone();
    rv.status = Status::Reviewing;
    assert_eq!(
        land(Some(&rv), &d, "文字關退回", "第二段措辭", "zhao"),
        vec![("wang".into(), Landing::Returned)]
    );
}

#[test]
fn circulation_lands_to_read_and_a_chase_only_on_the_holder_asked() {
    let mut a = item(Kind::Incoming, Status::Circulating);
    a.handler = "王芳".into();
    let mut b = a.clone();
    if let KindData::Incoming(d) = &mut b.data {
        for h in ["李明", "趙局長"] {
            d.circulation.push(Circulation {
                holder: h.into(),
                by: "wang".into(),
                since: 1,
                back: None,
                chased: 0,
                last_chased: None,
            });
        }
    }
    assert_eq!(
        land(Some(&a), &b, "傳閱", "→ 李明", "wang"),
        vec![
            ("li".into(), Landing::Circulated),
            ("zhao".into(), Landing::Circulated)
        ]
    );
    assert_eq!(
        land(
            Some(&b),
            &b,
            "催收",
            "請李明退還（傳閱自…，第1次催收）",
            "wang"
        ),
        vec![("li".into(), Landing::Chased)]
    );
}

#[test]
fn queue_names_parse_in_all_three_languages() {
    assert_eq!(Queue::parse("待辦").unwrap(), Queue::Todo);
    assert_eq!(Queue::parse("待阅").unwrap(), Queue::ToRead);
    assert_eq!(Queue::parse("done").unwrap(), Queue::Done);
    assert!(Queue::parse("明天").is_err());
}
