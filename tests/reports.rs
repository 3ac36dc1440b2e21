//! The 週報 and the 歸檔 readiness list against fixtures counted by hand.
//! The 週報's fixture is written through the Service day by day (the store
//! reopened with its clock on each day), so registration, every move and its
//! history carry the dates a real week would give them.

use std::sync::Arc;

use chrono::NaiveDate;
use shuniu::cli::report::{gather_weekly, run as report, weekly_csv, weekly_md, ReportCmd};
use shuniu::core::{Clock, Core, Engine, Service};
use shuniu::model::{
    archive::{missing_for_archive, readiness, secrecy_ends},
    fields::DateCtx,
    supervision::Thresholds,
    time, Act, Classification, Command, DocType, Item, ItemId, Kind, KindData, Link, LinkRel, Role,
    Status, User, WorkCalendar,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A data folder that can be opened with its clock on any day.
struct Office {
    dir: tempfile::TempDir,
}

impl Office {
    fn new() -> Office {
        let o = Office {
            dir: tempfile::tempdir().unwrap(),
        };
        let admin = o.open("2026-11-16 08:00", 1000, "admin");
        admin
            .save_user(User {
                login: "zhao".into(),
                uid: 2002,
                display: "趙主任".into(),
                unit: "市政府辦公室".into(),
                role: Role::Director,
                clearance: Classification::Secret,
                disabled: false,
            })
            .unwrap();
        o
    }

    fn open(&self, when: &str, uid: u32, login: &str) -> Core {
        let t = time::from_local(
            chrono::NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M").unwrap(),
        );
        let engine: Arc<Engine> = Engine::open(
            &self.dir.path().join("data"),
            16 << 20,
            WorkCalendar::builtin(),
            Clock::Fixed(t),
        )
        .unwrap();
        Core::for_uid(engine, uid, login).unwrap()
    }

    /// The 主任's session with the clock at `when` (`2026-11-23 09:00`).
    fn at(&self, when: &str) -> Core {
        self.open(when, 2002, "zhao")
    }
}

fn draft(kind: Kind, title: &str, fields: &[(&str, &str)]) -> Item {
    let cal = WorkCalendar::builtin();
    let cx = DateCtx {
        today: d("2026-11-16"),
        cal: &cal,
    };
    let mut it = Item::new(kind, title, "x", 0);
    for (f, v) in fields {
        it.set(f, v, &cx).unwrap_or_else(|e| panic!("{f}={v}: {e}"));
    }
    it
}

fn create(c: &Core, it: Item) -> Item {
    c.apply(Command::Create { item: Box::new(it) }).unwrap()
}

fn mv(c: &Core, id: ItemId, to: Status, note: &str) -> Item {
    let it = c.get(id).unwrap();
    c.apply(Command::Move {
        id,
        version: it.version,
        to,
        note: note.into(),
    })
    .unwrap_or_else(|e| panic!("{} → {to}: {e}", it.code))
}

fn assign(c: &Core, id: ItemId, lead: &str, deadline: &str) {
    let it = c.get(id).unwrap();
    c.apply(Command::Act {
        id,
        version: it.version,
        act: Act::Assign {
            lead: lead.into(),
            assisting: String::new(),
            deadline: deadline.into(),
            report: String::new(),
        },
    })
    .unwrap();
}

/// Ids of the fixture's items, by the name the hand count uses.
struct Ids {
    meeting_held: ItemId,
    outgoing_next: ItemId,
    affair_next: ItemId,
}

/// The hand-counted week: Monday 2026-11-23 to Sunday 11-29, written Friday
/// 11-27.
///
/// | when  | what                                                        | counts as |
/// |-------|-------------------------------------------------------------|-----------|
/// | 11-16 | 收件 (pending)                                               | — (last week) |
/// | 11-16 | 收文 X, 市財政局, deadline 11-20, left at 登記               | overdue 市財政局 |
/// | 11-16 | 督查 S1 交辦 市住建局 by 11-26; 辦結 11-25                   | 督查 finished on time |
/// | 11-16 | 督查 S2 交辦 市財政局 by 11-20; 辦結 11-24                   | 督查 finished late |
/// | 11-16 | 督查 S3 交辦 市財政局 by 11-20, open                         | overdue 市財政局 |
/// | 11-16 | 會議 M1 starting 11-24, 發通知; 召開 11-24; 出紀要 11-25      | held; 會議 finished |
/// | 11-16 | 會議 M2 starting 11-26, 發通知 only                          | — (not held) |
/// | 11-16 | 辦事 F1 due 12-01; 發文 O1 due 11-30                         | next week |
/// | 11-23 | 收件 ×2; one 分辦 to 收文 (registered), that 收文 辦結 11-26  | intake Mon 2; 收件 finished; 收文 registered, finished |
/// | 11-24 | 收件 ×1, 關閉 the same day                                   | intake Tue 1; 收件 finished |
/// | 11-25 | 辦事 F2, 行政科, due 11-26, open                             | registered; overdue 行政科 |
/// | 11-26 | 收件 ×1                                                      | intake Thu 1 |
///
/// Hence: intake 2,1,0,1,0,0,0 (4); registered 收件 4, 收文 1, 辦事 1 (6);
/// finished 收件 2, 收文 1, 會議 1, 督查 2 (6); 督查 on time 1, late 1;
/// overdue 市財政局 2, 行政科 1; one meeting held; next week O1 (11-30), F1 (12-01).
fn week_fixture(o: &Office) -> Ids {
    let c = o.at("2026-11-16 09:00");
    create(&c, draft(Kind::Inbox, "上週來電", &[("from", "市民")]));
    let x = create(
        &c,
        draft(
            Kind::Incoming,
            "關於校舍安全的請示",
            &[("unit", "市財政局"), ("deadline", "2026-11-20")],
        ),
    );
    mv(&c, x.id, Status::Registered, "");
    let sv = |title: &str, lead: &str, by: &str| {
        let s = create(&c, draft(Kind::Supervision, title, &[]));
        assign(&c, s.id, lead, by);
        mv(&c, s.id, Status::Handling, "");
        s.id
    };
    let s1 = sv("老舊小區改造", "市住建局", "2026-11-26");
    let s2 = sv("預算執行", "市財政局", "2026-11-20");
    sv("專項資金撥付", "市財政局", "2026-11-20");
    let m1 = create(
        &c,
        draft(
            Kind::Meeting,
            "第12次常務會議",
            &[
                ("start", "2026-11-24 09:00"),
                ("room", "第一會議室"),
                ("chair", "王市長"),
            ],
        ),
    );
    mv(&c, m1.id, Status::Notified, "");
    let m2 = create(
        &c,
        draft(Kind::Meeting, "專題會議", &[("start", "2026-11-26 14:00")]),
    );
    mv(&c, m2.id, Status::Notified, "");
    let f1 = create(
        &c,
        draft(
            Kind::Affair,
            "接待省調研組",
            &[("unit", "行政科"), ("deadline", "2026-12-01")],
        ),
    );
    let o1 = create(
        &c,
        draft(
            Kind::Outgoing,
            "關於冬季安全生產的通知",
            &[("unit", "秘書科"), ("deadline", "2026-11-30")],
        ),
    );
    drop(c);

    let c = o.at("2026-11-23 09:00");
    let a = create(
        &c,
        draft(Kind::Inbox, "市教育局來文", &[("from", "市教育局")]),
    );
    create(&c, draft(Kind::Inbox, "市民來信", &[("from", "市民")]));
    let routed = c
        .apply(Command::Route {
            id: a.id,
            version: a.version,
            to: Kind::Incoming,
        })
        .unwrap();
    assert_eq!(routed.kind, Kind::Incoming);
    drop(c);

    let c = o.at("2026-11-24 10:00");
    let b = create(&c, draft(Kind::Inbox, "重複來電", &[("from", "市民")]));
    mv(&c, b.id, Status::Closed, "重複");
    mv(&c, s2, Status::Completed, "已完成預算調整");
    mv(&c, m1.id, Status::Held, "");
    drop(c);

    let c = o.at("2026-11-25 10:00");
    mv(&c, s1, Status::Completed, "已完成改造");
    mv(&c, m1.id, Status::Minuted, "");
    create(
        &c,
        draft(
            Kind::Affair,
            "會場佈置",
            &[("unit", "行政科"), ("deadline", "2026-11-26")],
        ),
    );
    drop(c);

    let c = o.at("2026-11-26 10:00");
    create(&c, draft(Kind::Inbox, "平台留言", &[("from", "市民")]));
    let r = c.get(routed.id).unwrap();
    c.apply(Command::Set {
        id: r.id,
        version: r.version,
        fields: vec![("for_reading".into(), "是".into())],
    })
    .unwrap();
    for to in [
        Status::Registered,
        Status::Reviewed,
        Status::Proposed,
        Status::Circulating,
        Status::Completed,
    ] {
        mv(&c, routed.id, to, "");
    }
    Ids {
        meeting_held: m1.id,
        outgoing_next: o1.id,
        affair_next: f1.id,
    }
}

#[test]
fn the_weekly_report_matches_the_hand_count() {
    let o = Office::new();
    let ids = week_fixture(&o);
    let c = o.at("2026-11-27 15:00");
    // Any day of the week gives the same week.
    let w = gather_weekly(&c, d("2026-11-25")).unwrap();
    assert_eq!(w, gather_weekly(&c, d("2026-11-29")).unwrap());
    assert_eq!(
        (w.from, w.to, w.as_of),
        (d("2026-11-23"), d("2026-11-29"), d("2026-11-27"))
    );
    let intake: Vec<usize> = w.intake.iter().map(|(_, n)| *n).collect();
    assert_eq!(intake, [2, 1, 0, 1, 0, 0, 0]);
    let lines: Vec<(Kind, usize, usize)> = w
        .kinds
        .iter()
        .map(|k| (k.kind, k.registered, k.finished))
        .collect();
    assert_eq!(
        lines,
        [
            (Kind::Inbox, 4, 2),
            (Kind::Incoming, 1, 1),
            (Kind::Outgoing, 0, 0),
            (Kind::Meeting, 0, 1),
            (Kind::Affair, 1, 0),
            (Kind::Supervision, 0, 2),
        ]
    );
    assert_eq!((w.sv_on_time, w.sv_late), (1, 1));
    let overdue: Vec<(&str, usize)> = w
        .overdue
        .iter()
        .map(|u| (u.unit.as_str(), u.count))
        .collect();
    assert_eq!(overdue, [("市財政局", 2), ("行政科", 1)]);
    let m1 = c.get(ids.meeting_held).unwrap();
    assert_eq!(w.meetings.len(), 1);
    assert_eq!(
        (w.meetings[0].code.as_str(), w.meetings[0].day),
        (m1.code.as_str(), d("2026-11-24"))
    );
    let next: Vec<String> = w.next_week.iter().map(|u| u.code.clone()).collect();
    let o1 = c.get(ids.outgoing_next).unwrap().code;
    let f1 = c.get(ids.affair_next).unwrap().code;
    assert_eq!(next, [o1.clone(), f1.clone()]);

    let md = weekly_md(&w);
    assert!(
        md.starts_with("# 工作週報（2026-11-23 至 2026-11-29）"),
        "{md}"
    );
    assert!(
        md.contains("統計截至 2026-11-27。本週收件 4 件；登記 6 件，辦結 6 件；督查辦結 2 件（按期 1 件，逾期 1 件）；逾期未辦 3 件；召開會議 1 次；下週到期 2 件。"),
        "{md}"
    );
    assert!(md.contains("| 2026-11-23 | 星期一 | 2 |"), "{md}");
    assert!(md.contains("| **合計** | | 4 |"), "{md}");
    assert!(
        md.contains("| 收件 | 4 | 2 |") && md.contains("| 督查 | 0 | 2 |"),
        "{md}"
    );
    assert!(
        md.contains("按期辦結 1 件，逾期辦結 1 件；按期辦結率 50.0%。"),
        "{md}"
    );
    assert!(md.contains("| 市財政局 | 2 |\n| 行政科 | 1 |"), "{md}");
    assert!(
        md.contains(&format!(
            "| 2026-11-24 | {} | 第12次常務會議 | 第一會議室 | 王市長 |",
            m1.code
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "| 2026-11-30 | 發文 | {o1} | 關於冬季安全生產的通知 | 秘書科 | 起草 |"
        )),
        "{md}"
    );

    let csv = weekly_csv(&w).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "section,key,value");
    assert!(rows.contains(&"intake,2026-11-23,2"), "{csv}");
    assert!(rows.contains(&"registered,收件,4"), "{csv}");
    assert!(rows.contains(&"finished,督查,2"), "{csv}");
    assert!(rows.contains(&"supervision,late,1"), "{csv}");
    assert!(rows.contains(&"overdue,市財政局,2"), "{csv}");
    assert!(
        rows.contains(&format!("due,{f1},2026-12-01").as_str()),
        "{csv}"
    );
    assert_eq!(rows.iter().filter(|r| r.starts_with("intake,")).count(), 7);
}

#[test]
fn an_earlier_week_counts_only_its_own_days() {
    let o = Office::new();
    week_fixture(&o);
    let c = o.at("2026-11-27 15:00");
    let w = gather_weekly(&c, d("2026-11-16")).unwrap();
    assert_eq!(w.from, d("2026-11-16"));
    // Registered that Monday: 收件 1, 收文 1, 督查 3, 會議 2, 辦事 1, 發文 1.
    let reg: Vec<usize> = w.kinds.iter().map(|k| k.registered).collect();
    assert_eq!(reg, [1, 1, 1, 2, 1, 3]);
    assert!(w.kinds.iter().all(|k| k.finished == 0));
    assert_eq!(w.intake_total(), 1);
    assert!(w.meetings.is_empty());
    // Next week of that week is the report's week: S1 (11-26) and F2 (11-26) are due then;
    // S1 is finished, so only the open F2 is listed.
    let next: Vec<&str> = w.next_week.iter().map(|u| u.title.as_str()).collect();
    assert_eq!(next, ["會場佈置"]);
}

#[test]
fn the_weekly_command_writes_markdown_or_csv_to_a_file() {
    let o = Office::new();
    week_fixture(&o);
    let c = o.at("2026-11-27 15:00");
    let cal = WorkCalendar::builtin();
    let mut out = vec![];
    report(
        &c,
        &cal,
        &Thresholds::default(),
        ReportCmd::Weekly {
            week: None,
            format: shuniu::cli::report::ReportFormat::Md,
            output: None,
        },
        &mut out,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("本週收件 4 件"), "{text}");
    let file = o.dir.path().join("week.csv");
    let mut out = vec![];
    report(
        &c,
        &cal,
        &Thresholds::default(),
        ReportCmd::Weekly {
            week: Some("2026-11-23".into()),
            format: shuniu::cli::report::ReportFormat::Csv,
            output: Some(file.clone()),
        },
        &mut out,
    )
    .unwrap();
    assert!(String::from_utf8(out).unwrap().starts_with("wrote "));
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(csv.contains("finished,收文,1\n"), "{csv}");
    let err = report(
        &c,
        &cal,
        &Thresholds::default(),
        ReportCmd::Weekly {
            week: Some("next tuesday-ish".into()),
            format: shuniu::cli::report::ReportFormat::Md,
            output: None,
        },
        &mut vec![],
    )
    .unwrap_err();
    assert!(err.to_string().contains("next tuesday-ish"), "{err}");
}

// ---- 歸檔 readiness ----

fn today() -> NaiveDate {
    d("2026-11-27")
}

fn finished(kind: Kind, status: Status) -> Item {
    let mut it = Item::new(
        kind,
        "事項",
        "t",
        time::from_local(d("2026-11-02").and_hms_opt(9, 0, 0).unwrap()),
    );
    it.status = status;
    it
}

fn incoming(doc_type: Option<DocType>, result: &str) -> Item {
    let mut it = finished(Kind::Incoming, Status::Completed);
    if let KindData::Incoming(d) = &mut it.data {
        d.doc_type = doc_type;
        d.result = result.into();
    }
    it
}

fn secret_received(on: &str) -> Item {
    let mut it = incoming(Some(DocType::Notice), "已辦");
    it.classification = Classification::Secret;
    it.secrecy_years = Some(10);
    if let KindData::Incoming(d) = &mut it.data {
        d.received_on = Some(self::d(on));
    }
    it
}

#[test]
fn readiness_names_a_missing_result() {
    let it = incoming(Some(DocType::Notice), "");
    assert_eq!(missing_for_archive(&it), ["辦結 without a result (result)"]);
    assert!(missing_for_archive(&incoming(Some(DocType::Notice), "已落實")).is_empty());
    // A 閱知件 needs none; an open item is not checked yet.
    let mut read = incoming(None, "");
    if let KindData::Incoming(d) = &mut read.data {
        d.for_reading = true;
    }
    assert!(missing_for_archive(&read).is_empty());
    let mut open = incoming(None, "");
    open.status = Status::Handling;
    assert!(missing_for_archive(&open).is_empty());
    let affair = finished(Kind::Affair, Status::Completed);
    assert_eq!(
        missing_for_archive(&affair),
        ["辦結 without a result (result)"]
    );
    let sv = finished(Kind::Supervision, Status::Settled);
    assert_eq!(missing_for_archive(&sv), ["no 辦結報告 (result)"]);
    let out = finished(Kind::Outgoing, Status::Issued);
    assert_eq!(
        missing_for_archive(&out),
        [
            "no 發文字號 (編號 was skipped)",
            "no distribution list (distribution)"
        ]
    );
}

#[test]
fn readiness_wants_a_reply_to_a_request() {
    let req = incoming(Some(DocType::Request), "");
    let got = missing_for_archive(&req);
    assert_eq!(got.len(), 1);
    assert!(got[0].contains("請示 without a reply"), "{got:?}");
    // Answered in words, or by a linked 批復: ready.
    assert!(missing_for_archive(&incoming(Some(DocType::Request), "同意")).is_empty());
    let mut linked = req.clone();
    linked.links.push(Link {
        id: 9,
        rel: LinkRel::Related,
    });
    assert!(missing_for_archive(&linked).is_empty());
    // The request it came from is no reply.
    let mut sourced = req;
    sourced.links.push(Link {
        id: 9,
        rel: LinkRel::Source,
    });
    assert_eq!(missing_for_archive(&sourced).len(), 1);
}

#[test]
fn readiness_flags_secrecy_terms_ending_or_ended() {
    let soon = secret_received("2016-12-20");
    assert_eq!(secrecy_ends(&soon), Some(d("2026-12-20")));
    let got = readiness(&soon, today(), 90);
    assert_eq!(
        got,
        ["保密期限 ends on 2026-12-20 (23 days): review for declassification"]
    );
    assert!(
        readiness(&soon, today(), 20).is_empty(),
        "beyond the horizon"
    );
    let ended = secret_received("2016-11-01");
    assert_eq!(
        readiness(&ended, today(), 90),
        ["保密期限 ended on 2026-11-01: review for declassification"]
    );
    assert!(readiness(&secret_received("2020-01-01"), today(), 90).is_empty());
    // Unclassified items have no term; a 發文 counts from its 成文日期.
    assert_eq!(secrecy_ends(&incoming(None, "x")), None);
    let mut out = finished(Kind::Outgoing, Status::Drafting);
    out.classification = Classification::Confidential;
    out.secrecy_years = Some(20);
    if let KindData::Outgoing(d) = &mut out.data {
        d.sign_date = Some(self::d("2006-12-01"));
    }
    assert_eq!(secrecy_ends(&out), Some(d("2026-12-01")));
}

#[test]
fn the_archive_report_lists_what_the_store_holds() {
    let o = Office::new();
    let admin = o.open("2026-11-27 09:00", 1000, "admin");
    // Records imported as already finished (a migration, a restore) are
    // where results go missing: the workflow itself asks for them.
    let mut no_result = incoming(Some(DocType::Notice), "");
    no_result.title = "無結果的收文".into();
    let mut request = incoming(Some(DocType::Request), "");
    request.title = "未答復的請示".into();
    let mut secret = secret_received("2016-12-20");
    secret.title = "將解密的收文".into();
    let ready = incoming(Some(DocType::Notice), "已辦");
    let ids = admin
        .create_many(vec![no_result, request, secret, ready])
        .unwrap();
    let codes: Vec<String> = ids.iter().map(|id| admin.get(*id).unwrap().code).collect();
    let cal = WorkCalendar::builtin();
    let run = |days: u64| {
        let mut out = vec![];
        report(
            &admin,
            &cal,
            &Thresholds::default(),
            ReportCmd::Archive { days },
            &mut out,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    };
    let text = run(90);
    let line = |code: &str| {
        text.lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_else(|| panic!("{code} missing:\n{text}"))
            .to_string()
    };
    assert!(line(&codes[0]).contains("辦結 without a result"), "{text}");
    assert!(line(&codes[1]).contains("請示 without a reply"), "{text}");
    assert!(
        line(&codes[2]).contains("保密期限 ends on 2026-12-20"),
        "{text}"
    );
    assert!(!text.contains(&codes[3]), "{text}");
    // With a shorter horizon the secrecy term is not flagged; nothing at all: said so.
    assert!(!run(10).contains(&codes[2]));
    let empty = Office::new();
    let admin = empty.open("2026-11-27 09:00", 1000, "admin");
    let mut out = vec![];
    report(
        &admin,
        &cal,
        &Thresholds::default(),
        ReportCmd::Archive { days: 30 },
        &mut out,
    )
    .unwrap();
    assert!(String::from_utf8(out).unwrap().contains("nothing missing"));
}
