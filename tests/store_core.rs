//! The store and the core through their public API: `Core` (the `Service`
//! implementation) on a real sled folder, plus `Store` directly for backups,
//! integrity checks and schema refusal. Raw `sled` is used only to damage a
//! folder on purpose.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use chrono::NaiveDate;
use shuniu::core::{AuditFilter, Clock, Core, Engine, Event, Filter, Found, Service, ServiceError};
use shuniu::model::{
    fields::DateCtx, time, Classification, Command, DocNo, Item, Kind, KindData, Link, LinkRel,
    Note, Person, Role, Status, User, WorkCalendar,
};
use shuniu::store::{Store, StoreError};
use tempfile::TempDir;

const CACHE: u64 = 16 << 20;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn now() -> i64 {
    time::from_local(today().and_hms_opt(9, 30, 0).unwrap())
}

struct Env {
    dir: TempDir,
    engine: Arc<Engine>,
    admin: Core,
}

fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(
        &dir.path().join("data"),
        CACHE,
        WorkCalendar::builtin(),
        Clock::Fixed(now()),
    )
    .unwrap();
    let admin = Core::for_uid(engine.clone(), 1000, "admin").unwrap();
    assert_eq!(admin.whoami().unwrap().role, Role::Admin);
    Env { dir, engine, admin }
}

impl Env {
    fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    /// Adds a user and opens a session for it.
    fn user(&self, uid: u32, login: &str, role: Role, clearance: Classification) -> Core {
        self.admin
            .save_user(User {
                login: login.into(),
                uid,
                display: format!("{login}同志"),
                unit: "秘書一科".into(),
                role,
                clearance,
                disabled: false,
            })
            .unwrap();
        Core::for_uid(self.engine.clone(), uid, login).unwrap()
    }

    /// Closes the engine, keeping the folder.
    fn close(self) -> TempDir {
        let Env { dir, engine, admin } = self;
        drop(admin);
        assert_eq!(
            Arc::strong_count(&engine),
            1,
            "a session still holds the engine"
        );
        drop(engine);
        dir
    }
}

fn draft(kind: Kind, title: &str, fields: &[(&str, &str)]) -> Item {
    let cal = WorkCalendar::builtin();
    let cx = DateCtx {
        today: today(),
        cal: &cal,
    };
    let mut it = Item::new(kind, title, "admin", now());
    for (f, v) in fields {
        it.set(f, v, &cx).unwrap_or_else(|e| panic!("{f}={v}: {e}"));
    }
    it
}

fn create(core: &Core, item: Item) -> Item {
    core.apply(Command::Create {
        item: Box::new(item),
    })
    .unwrap()
}

fn set(core: &Core, it: &Item, fields: &[(&str, &str)]) -> shuniu::core::Result<Item> {
    core.apply(Command::Set {
        id: it.id,
        version: it.version,
        fields: fields
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    })
}

fn mv(core: &Core, it: &Item, to: Status, note: &str) -> shuniu::core::Result<Item> {
    core.apply(Command::Move {
        id: it.id,
        version: it.version,
        to,
        note: note.into(),
    })
}

fn not_found(r: shuniu::core::Result<impl std::fmt::Debug>) {
    match r {
        Err(ServiceError::NotFound(_)) => {}
        other => panic!("expected NotFound, got {other:?}"),
    }
}

fn every_kind_with_fields() -> Vec<Item> {
    vec![
        draft(
            Kind::Inbox,
            "市教育局來電反映校車問題",
            &[
                ("channel", "來電"),
                ("from", "市教育局"),
                ("received", "2026-11-25 08:40"),
                ("ref", "市教發〔2026〕45號"),
                ("phone", "0571-87654321"),
                ("urgency", "加急"),
                ("handler", "張三"),
                ("deadline", "+3工作日"),
                ("body", "來電內容\n第二行"),
            ],
        ),
        draft(
            Kind::Incoming,
            "關於做好冬季校園安全工作的請示",
            &[
                ("from", "市教育局"),
                ("ref", "市教發〔2026〕46號"),
                ("doc_type", "請示"),
                ("copies", "2"),
                ("received_on", "2026-11-24"),
                ("proposal", "擬請分管領導閱示"),
                ("lead_unit", "市教育局"),
                ("assisting", "市公安局、市交通局"),
                ("for_reading", "否"),
                ("urgency", "特急"),
                ("deadline", "2026-12-01"),
                ("classification", "秘密"),
                ("secrecy_years", "5"),
                ("unit", "秘書一科"),
                ("signed_at", "2026-11-25 08:50"),
            ],
        ),
        draft(
            Kind::Outgoing,
            "關於開展安全生產大檢查的通知",
            &[
                ("doc_type", "通知"),
                ("prefix", "市政辦發"),
                ("signer", "王市長"),
                ("recipients", "各區縣人民政府"),
                ("copy_to", "市委辦公廳"),
                ("copies", "200"),
                ("copy_no", "000017"),
                ("sign_date", "2026-11-30"),
                ("classification", "內部"),
                ("cosigners", "市財政局、市發改委"),
                ("distribution", "各區縣人民政府×20、市委辦公廳×2"),
            ],
        ),
        draft(
            Kind::Meeting,
            "第12次常務會議",
            &[
                ("type", "常務會議"),
                ("start", "2026-11-27 09:00"),
                ("end", "2026-11-27 11:30"),
                ("room", "第一會議室"),
                ("chair", "王市長"),
                ("attendees", "李副市長、趙秘書長"),
                ("agenda", "市教育局: 校舍改造\n市財政局: 預算調整"),
                ("notice", "定於27日召開"),
                ("signed_in", "李副市長"),
                ("minutes", "會議議定三事"),
            ],
        ),
        draft(
            Kind::Affair,
            "市民來電諮詢",
            &[
                ("type", "電話記錄"),
                ("assigned_by", "趙秘書長"),
                ("instruction", "請答復"),
                ("contact", "錢先生"),
                ("contact_unit", "某公司"),
                ("phone", "13800138000"),
                ("started", "2026-11-25 09:10"),
                ("duration", "4:05"),
                ("follow_up", "明天回電"),
            ],
        ),
        draft(
            Kind::Supervision,
            "推進老舊小區改造",
            &[
                ("type", "年度重點工作"),
                ("lead_unit", "市住建局"),
                ("assisting", "市財政局"),
                ("report_cycle", "14"),
                ("deadline", "2026-12-31"),
                ("unit", "督查室"),
            ],
        ),
    ]
}

// ------------------------------------------------------------ create and get

#[test]
fn every_kind_round_trips_exactly() {
    let e = env();
    for d in every_kind_with_fields() {
        let made = create(&e.admin, d.clone());
        assert_eq!(made.version, 1);
        assert_eq!(made.code, format!("{}2026-0001", d.kind.code_prefix()));
        let got = e.admin.get(made.id).unwrap();
        assert_eq!(
            got, made,
            "{}: get differs from what create returned",
            d.kind
        );
        let mut want = d.clone();
        want.id = made.id;
        want.code = made.code.clone();
        want.version = 1;
        if let KindData::Incoming(w) = &mut want.data {
            // A 收文 is created at its 簽收: the store records who signed for it.
            w.signed_by = "admin".into();
        }
        assert_eq!(got, want, "{}: the stored item is not the draft", d.kind);
        for f in shuniu::model::fields::fields_of(d.kind) {
            if !matches!(f.name, "id" | "code" | "version") {
                assert_eq!(
                    got.get(f.name),
                    want.get(f.name),
                    "{} field {}",
                    d.kind,
                    f.name
                );
            }
        }
        assert_eq!(e.admin.get_by_code(&made.code).unwrap().id, made.id);
    }
    // Still exactly the same after the folder is closed and opened again.
    let before: Vec<Item> = (1..=6).map(|id| e.admin.get(id).unwrap()).collect();
    let dir = e.close();
    let engine = Engine::open(
        &dir.path().join("data"),
        CACHE,
        WorkCalendar::builtin(),
        Clock::Fixed(now()),
    )
    .unwrap();
    let admin = Core::for_uid(engine, 1000, "admin").unwrap();
    let after: Vec<Item> = (1..=6).map(|id| admin.get(id).unwrap()).collect();
    assert_eq!(before, after);
}

#[test]
fn codes_are_gapless_per_kind_and_a_refused_create_uses_no_number() {
    let e = env();
    let mut codes = vec![];
    for (i, kind) in [
        Kind::Incoming,
        Kind::Outgoing,
        Kind::Incoming,
        Kind::Supervision,
        Kind::Incoming,
        Kind::Outgoing,
    ]
    .into_iter()
    .enumerate()
    {
        let it = create(&e.admin, draft(kind, &format!("第{i}件"), &[]));
        assert_eq!(it.id, i as u64 + 1, "ids are gapless across kinds");
        codes.push(it.code);
    }
    assert_eq!(
        codes,
        [
            "收2026-0001",
            "發2026-0001",
            "收2026-0002",
            "督2026-0001",
            "收2026-0003",
            "發2026-0002"
        ]
    );
    // A 加急 收文 without deadline is refused; it takes neither an id nor a code.
    let bad = draft(Kind::Incoming, "加急無期限", &[("urgency", "加急")]);
    match e.admin.apply(Command::Create {
        item: Box::new(bad),
    }) {
        Err(ServiceError::Invalid { field, .. }) => assert_eq!(field, "deadline"),
        other => panic!("{other:?}"),
    }
    let next = create(&e.admin, draft(Kind::Incoming, "下一件", &[]));
    assert_eq!((next.id, next.code.as_str()), (7, "收2026-0004"));
    assert!(e.admin.check().unwrap().ok());
}

// ------------------------------------------------------------ history

#[test]
fn history_records_who_did_what_with_before_and_after() {
    let e = env();
    let wang = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    let li = e.user(2002, "li", Role::Clerk, Classification::Internal);
    let v1 = create(
        &wang,
        draft(Kind::Incoming, "原標題", &[("from", "市教育局")]),
    );
    let v2 = set(
        &li,
        &v1,
        &[
            ("title", "新標題"),
            ("urgency", "加急"),
            ("deadline", "2026-12-01"),
        ],
    )
    .unwrap();
    assert_eq!((v2.version, v2.updated_by.as_str()), (2, "li"));
    let v3 = mv(&wang, &v2, Status::Registered, "").unwrap();
    assert_eq!((v3.version, v3.updated_by.as_str()), (3, "wang"));

    let h = wang.history(v1.id).unwrap();
    assert_eq!(h.len(), 3);
    let summary: Vec<_> = h
        .iter()
        .map(|x| (x.item, x.version, x.by.as_str(), x.action.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (1, 1, "wang", "建立"),
            (1, 2, "li", "修改"),
            (1, 3, "wang", "登記")
        ]
    );
    assert!(h.iter().all(|x| x.at == now()));

    let created: Vec<_> = h[0]
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str()))
        .collect();
    assert!(created.contains(&("title", "", "原標題")), "{created:?}");
    assert!(created.contains(&("from", "", "市教育局")), "{created:?}");
    assert!(
        created.contains(&("code", "", "收2026-0001")),
        "{created:?}"
    );

    let changed: Vec<_> = h[1]
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        changed,
        [
            ("title", "原標題", "新標題"),
            ("urgency", "平件", "加急"),
            ("deadline", "", "2026-12-01")
        ]
    );

    let moved: Vec<_> = h[2]
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(moved, [("status", "簽收", "登記")]);

    // A Set that changes nothing writes nothing.
    let same = set(&wang, &v3, &[("title", "新標題")]).unwrap();
    assert_eq!(same.version, 3);
    assert_eq!(wang.history(v1.id).unwrap().len(), 3);
}

#[test]
fn a_move_with_a_note_keeps_the_note_in_history_and_on_the_item() {
    let e = env();
    let it = create(&e.admin, draft(Kind::Inbox, "來信", &[]));
    let closed = mv(&e.admin, &it, Status::Closed, "重複來信").unwrap();
    assert_eq!(closed.get("close_reason").unwrap(), "重複來信");
    assert_eq!(closed.notes.last().unwrap().text, "關閉：重複來信");
    let h = e.admin.history(it.id).unwrap();
    assert_eq!(h[1].note, "重複來信");
    assert!(h[1]
        .changes
        .iter()
        .any(|c| c.field == "close_reason" && c.after == "重複來信"));
    // 關閉 without a reason is refused by the rules and changes nothing.
    let again = create(&e.admin, draft(Kind::Inbox, "來信2", &[]));
    match mv(&e.admin, &again, Status::Closed, " ") {
        Err(ServiceError::Rule(m)) => assert!(m.contains("關閉") && m.contains("reason"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(e.admin.get(again.id).unwrap(), again);
}

// ------------------------------------------------------------ concurrency

#[test]
fn a_stale_write_is_refused_naming_who_changed_it() {
    let e = env();
    let wang = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    let li = e.user(2002, "li", Role::Clerk, Classification::Internal);
    let it = create(&e.admin, draft(Kind::Incoming, "來文", &[]));
    let read_by_wang = wang.get(it.id).unwrap();
    let read_by_li = li.get(it.id).unwrap();
    let won = set(&wang, &read_by_wang, &[("handler", "王")]).unwrap();
    let lost = set(
        &li,
        &read_by_li,
        &[("handler", "李"), ("title", "李改的標題")],
    );
    match &lost {
        Err(ServiceError::Conflict {
            id,
            read,
            version,
            by,
            when,
        }) => {
            assert_eq!((*id, *read, *version, by.as_str()), (it.id, 1, 2, "wang"));
            assert_eq!(when, "2026-11-25 09:30");
        }
        other => panic!("expected Conflict, got {other:?}"),
    }
    let msg = lost.unwrap_err().to_string();
    assert!(msg.contains("wang") && msg.contains("version 2"), "{msg}");
    assert_eq!(
        e.admin.get(it.id).unwrap(),
        won,
        "the refused write changed something"
    );
    assert_eq!(e.admin.history(it.id).unwrap().len(), 2);
    // Moves and notes are held to the same rule.
    assert!(matches!(
        mv(&li, &read_by_li, Status::Registered, ""),
        Err(ServiceError::Conflict { .. })
    ));
    assert!(matches!(
        li.apply(Command::Note {
            id: it.id,
            version: 1,
            text: "備註".into()
        }),
        Err(ServiceError::Conflict { .. })
    ));
    // Reading again and re-applying works.
    let fresh = li.get(it.id).unwrap();
    assert_eq!(set(&li, &fresh, &[("handler", "李")]).unwrap().version, 3);
}

#[test]
fn eight_threads_creating_get_unique_gapless_ids_and_codes() {
    let e = env();
    let sessions: Vec<Core> = (0..8)
        .map(|i| {
            e.user(
                3000 + i,
                &format!("clerk{i}"),
                Role::Clerk,
                Classification::Internal,
            )
        })
        .collect();
    let barrier = Arc::new(Barrier::new(8));
    let handles: Vec<_> = sessions
        .into_iter()
        .enumerate()
        .map(|(t, core)| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                (0..50)
                    .map(|i| {
                        let it = create(
                            &core,
                            draft(Kind::Incoming, &format!("線程{t}第{i}件"), &[]),
                        );
                        (it.id, it.code)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut all = vec![];
    for h in handles {
        let mine = h.join().unwrap();
        assert!(
            mine.windows(2).all(|w| w[0].0 < w[1].0),
            "one thread's ids must increase"
        );
        all.extend(mine);
    }
    let mut ids: Vec<u64> = all.iter().map(|x| x.0).collect();
    ids.sort();
    assert_eq!(ids, (1..=400).collect::<Vec<_>>());
    let codes: HashSet<String> = all.iter().map(|x| x.1.clone()).collect();
    let want: HashSet<String> = (1..=400).map(|n| format!("收2026-{n:04}")).collect();
    assert_eq!(codes, want);
    for (id, code) in &all {
        assert_eq!(e.admin.get_by_code(code).unwrap().id, *id);
    }
    let report = e.admin.check().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!(report.items, 400);
}

// ------------------------------------------------------------ 發文字號

/// Passes the four gates of 審核 of a document under review.
fn pass_gates(core: &Core, it: &Item) -> Item {
    let mut it = it.clone();
    for gate in shuniu::model::Gate::ALL {
        it = core
            .apply(Command::Act {
                id: it.id,
                version: it.version,
                act: shuniu::model::Act::Gate {
                    gate: *gate,
                    pass: true,
                    comment: String::new(),
                },
            })
            .unwrap();
    }
    it
}

/// A 發文 with `prefix`, walked 起草 → 審核 (four gates) → 簽發. A title
/// ending in 函 makes a 函, anything else a 通知 (the title ends with its 文種).
fn approved(core: &Core, title: &str, prefix: &str) -> Item {
    let dt = if title.ends_with('函') {
        "函"
    } else {
        "通知"
    };
    let fields = [
        ("prefix", prefix),
        ("doc_type", dt),
        ("recipients", "各區縣人民政府"),
    ];
    let d = create(core, draft(Kind::Outgoing, title, &fields));
    let r = pass_gates(core, &mv(core, &d, Status::Reviewing, "").unwrap());
    let a = mv(core, &r, Status::Approved, "").unwrap();
    assert_eq!(a.status, Status::Approved);
    a
}

fn doc_no(it: &Item) -> DocNo {
    it.doc_no().cloned().expect("a 文號")
}

#[test]
fn outgoing_documents_are_numbered_once_in_order() {
    let e = env();
    let first = approved(&e.admin, "第一份通知", "市政辦發");
    assert!(first.doc_no().is_none(), "no number before 編號");
    if let KindData::Outgoing(d) = &first.data {
        assert_eq!(
            d.signer, "admin",
            "簽發 records the signer (the display name)"
        );
        assert_eq!(d.sign_date, Some(today()));
    }
    let first = mv(&e.admin, &first, Status::Numbered, "").unwrap();
    assert_eq!(
        doc_no(&first),
        DocNo {
            prefix: "市政辦發".into(),
            year: 2026,
            seq: 1
        }
    );
    assert_eq!(first.get("doc_no").unwrap(), "市政辦發〔2026〕1號");
    assert_eq!(
        e.admin.get_by_code("市政辦發〔2026〕1號").unwrap().id,
        first.id
    );
    let h = e.admin.history(first.id).unwrap();
    assert!(h
        .last()
        .unwrap()
        .changes
        .iter()
        .any(|c| c.field == "doc_no" && c.before.is_empty() && c.after == "市政辦發〔2026〕1號"));

    let second = approved(&e.admin, "第二份通知", "市政辦發");
    let second = mv(&e.admin, &second, Status::Numbered, "").unwrap();
    assert_eq!(second.get("doc_no").unwrap(), "市政辦發〔2026〕2號");

    // Numbering again is impossible and changes nothing.
    match mv(&e.admin, &first, Status::Numbered, "") {
        Err(ServiceError::Rule(m)) => assert!(m.contains("cannot move"), "{m}"),
        other => panic!("{other:?}"),
    }
    let printed = mv(&e.admin, &first, Status::Printing, "").unwrap();
    assert!(matches!(
        mv(&e.admin, &printed, Status::Numbered, ""),
        Err(ServiceError::Rule(_))
    ));
    assert_eq!(doc_no(&e.admin.get(first.id).unwrap()).seq, 1);

    // Another prefix has its own sequence.
    let other = approved(&e.admin, "函", "市政辦函");
    let other = mv(&e.admin, &other, Status::Numbered, "").unwrap();
    assert_eq!(other.get("doc_no").unwrap(), "市政辦函〔2026〕1號");

    // Without a prefix there is nothing to number (the format check before
    // 簽發 says so already), and nothing is used up.
    let bare = create(
        &e.admin,
        draft(
            Kind::Outgoing,
            "無代字的通知",
            &[("recipients", "各區縣人民政府")],
        ),
    );
    let bare = pass_gates(
        &e.admin,
        &mv(&e.admin, &bare, Status::Reviewing, "").unwrap(),
    );
    match mv(&e.admin, &bare, Status::Approved, "") {
        Err(ServiceError::Rule(m)) => assert!(m.contains("prefix"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(e.admin.get(bare.id).unwrap(), bare);
    let third = approved(&e.admin, "第三份通知", "市政辦發");
    assert_eq!(
        doc_no(&mv(&e.admin, &third, Status::Numbered, "").unwrap()).seq,
        3
    );
    assert!(e.admin.check().unwrap().ok());
}

#[test]
fn eight_clerks_numbering_at_once_get_one_to_eight() {
    let e = env();
    let docs: Vec<Item> = (0..8)
        .map(|i| approved(&e.admin, &format!("第{i}號通知"), "市政辦發"))
        .collect();
    let barrier = Arc::new(Barrier::new(8));
    let handles: Vec<_> = docs
        .into_iter()
        .enumerate()
        .map(|(i, doc)| {
            let core = e.user(
                4000 + i as u32,
                &format!("clerk{i}"),
                Role::Clerk,
                Classification::Internal,
            );
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let n = mv(&core, &doc, Status::Numbered, "").unwrap();
                (n.id, doc_no(&n))
            })
        })
        .collect();
    let got: Vec<(u64, DocNo)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let mut seqs: Vec<u32> = got.iter().map(|(_, d)| d.seq).collect();
    seqs.sort();
    assert_eq!(seqs, (1..=8).collect::<Vec<_>>());
    for (id, d) in &got {
        assert_eq!((d.prefix.as_str(), d.year), ("市政辦發", 2026));
        assert_eq!(e.admin.get_by_code(&d.to_string()).unwrap().id, *id);
    }
    assert!(e.admin.check().unwrap().ok());
}

fn forged_outgoing() -> Item {
    let mut forged = draft(Kind::Outgoing, "偽造", &[("prefix", "市政辦發")]);
    forged.status = Status::Numbered;
    if let KindData::Outgoing(d) = &mut forged.data {
        d.doc_no = Some(DocNo {
            prefix: "市政辦發".into(),
            year: 2026,
            seq: 1,
        });
        d.signer = "王市長".into();
    }
    forged.notes.push(Note {
        at: now(),
        by: "director".into(),
        text: "同意".into(),
    });
    forged
}

#[test]
fn create_does_not_take_system_fields_from_the_draft() {
    let e = env();
    let clerk = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    if let Ok(made) = clerk.apply(Command::Create {
        item: Box::new(forged_outgoing()),
    }) {
        assert_eq!(made.status, Status::Drafting, "a new 發文 starts in 起草");
        assert!(made.doc_no().is_none(), "a 文號 is only allocated at 編號");
        assert!(
            made.notes.is_empty(),
            "notes are not forged in another's name"
        );
    }
    assert!(
        e.admin.check().unwrap().ok(),
        "{:?}",
        e.admin.check().unwrap().problems
    );
}

#[test]
fn a_forged_number_does_not_block_real_numbering() {
    let e = env();
    let clerk = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    let _ = clerk.apply(Command::Create {
        item: Box::new(forged_outgoing()),
    });
    let real = approved(&e.admin, "真的通知", "市政辦發");
    let real = mv(&e.admin, &real, Status::Numbered, "").expect("編號 still works");
    assert!(real.doc_no().is_some());
    assert!(
        e.admin.check().unwrap().ok(),
        "{:?}",
        e.admin.check().unwrap().problems
    );
}

// ------------------------------------------------------------ routing

#[test]
fn routing_an_inbox_request_creates_a_linked_incoming_document() {
    let e = env();
    let req = create(
        &e.admin,
        draft(
            Kind::Inbox,
            "關於校車安全的來文",
            &[
                ("channel", "來文"),
                ("from", "市教育局"),
                ("ref", "市教發〔2026〕45號"),
                ("received", "2026-11-24 16:00"),
                ("urgency", "加急"),
                ("deadline", "2026-12-02"),
                ("classification", "秘密"),
                ("body", "正文"),
            ],
        ),
    );
    let made = e
        .admin
        .apply(Command::Route {
            id: req.id,
            version: req.version,
            to: Kind::Incoming,
        })
        .unwrap();
    assert_eq!(made.kind, Kind::Incoming);
    assert_eq!(made.status, Status::Received);
    assert_eq!(made.code, "收2026-0001");
    assert_eq!(made.title, req.title);
    assert_eq!(made.get("from").unwrap(), "市教育局");
    assert_eq!(made.get("ref").unwrap(), "市教發〔2026〕45號");
    assert_eq!(made.get("received_on").unwrap(), "2026-11-24");
    assert_eq!(
        (made.urgency, made.deadline, made.classification),
        (req.urgency, req.deadline, req.classification)
    );
    assert_eq!(made.secrecy_years, Some(10));
    assert_eq!(made.body, "正文");
    assert_eq!(
        made.links,
        [Link {
            id: req.id,
            rel: LinkRel::Source
        }]
    );
    assert_eq!(e.admin.get(made.id).unwrap(), made);

    let after = e.admin.get(req.id).unwrap();
    assert_eq!(after.status, Status::Routed);
    assert_eq!(after.version, 2);
    assert_eq!(after.get("routed_to").unwrap(), made.id.to_string());
    assert_eq!(
        after.links,
        [Link {
            id: made.id,
            rel: LinkRel::Derived
        }]
    );
    let h = e.admin.history(req.id).unwrap();
    assert_eq!(h.last().unwrap().action, "分辦");
    assert!(
        h.last().unwrap().note.contains("收2026-0001"),
        "{:?}",
        h.last()
    );
    assert_eq!(
        e.admin.history(made.id).unwrap()[0].action,
        format!("由 {} 分辦", req.code)
    );

    // A routed request cannot be routed again.
    match e.admin.apply(Command::Route {
        id: req.id,
        version: after.version,
        to: Kind::Affair,
    }) {
        Err(ServiceError::Rule(m)) => assert!(m.contains("cannot move"), "{m}"),
        other => panic!("{other:?}"),
    }
    // Routing to the inbox itself, or routing a document, is refused and stores nothing.
    let req2 = create(&e.admin, draft(Kind::Inbox, "第二件", &[]));
    assert!(matches!(
        e.admin.apply(Command::Route {
            id: req2.id,
            version: 1,
            to: Kind::Inbox
        }),
        Err(ServiceError::Rule(_))
    ));
    assert!(matches!(
        e.admin.apply(Command::Route {
            id: made.id,
            version: 1,
            to: Kind::Affair
        }),
        Err(ServiceError::Rule(_))
    ));
    assert_eq!(e.admin.get(req2.id).unwrap(), req2);
    assert_eq!(e.engine.store().item_count(), 3);
    assert!(e.admin.check().unwrap().ok());
}

#[test]
fn routing_a_call_makes_a_phone_record() {
    let e = env();
    let req = create(
        &e.admin,
        draft(
            Kind::Inbox,
            "市民來電",
            &[
                ("channel", "來電"),
                ("from", "錢先生"),
                ("phone", "13800138000"),
                ("received", "2026-11-25 09:05"),
            ],
        ),
    );
    let made = e
        .admin
        .apply(Command::Route {
            id: req.id,
            version: 1,
            to: Kind::Affair,
        })
        .unwrap();
    assert_eq!(made.code, "事2026-0001");
    assert_eq!(made.get("type").unwrap(), "電話記錄");
    assert_eq!(made.get("contact").unwrap(), "錢先生");
    assert_eq!(made.get("phone").unwrap(), "13800138000");
    assert_eq!(made.get("started").unwrap(), "2026-11-25 09:05");
}

// ------------------------------------------------------------ clearance

#[test]
fn an_item_above_a_users_clearance_does_not_exist_for_them() {
    let e = env();
    let low = e.user(2001, "neibu", Role::Clerk, Classification::Internal);
    let high = e.user(2002, "jimi", Role::Director, Classification::Confidential);
    let low_feed = low.subscribe().unwrap();
    let high_feed = high.subscribe().unwrap();

    let public = create(
        &e.admin,
        draft(
            Kind::Incoming,
            "關於供暖的公開通知",
            &[("unit", "市住建局")],
        ),
    );
    let secret = create(
        &e.admin,
        draft(
            Kind::Incoming,
            "關於供暖改造的機密請示",
            &[
                ("classification", "機密"),
                ("unit", "市住建局"),
                ("ref", "市建發〔2026〕9號"),
                ("from", "市住建局"),
            ],
        ),
    );
    assert_eq!(secret.secrecy_years, Some(20));

    // By id, by code, by history: exactly like a missing item.
    assert_eq!(
        low.get(secret.id).unwrap_err(),
        ServiceError::NotFound(format!("item {}", secret.id))
    );
    assert_eq!(
        low.get(999).unwrap_err(),
        ServiceError::NotFound("item 999".into())
    );
    not_found(low.history(secret.id));
    not_found(low.get_by_code(&secret.code));
    not_found(low.get_by_code("市建發〔2026〕9號"));
    not_found(low.get_by_code(&secret.id.to_string()));
    assert_eq!(low.get(public.id).unwrap(), public);

    // Never in lists, searches or counts.
    let ids = |v: Vec<Item>| v.into_iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(ids(low.list(&Filter::default()).unwrap()), [public.id]);
    assert_eq!(
        ids(low
            .list(&Filter {
                text: Some("供暖".into()),
                ..Filter::default()
            })
            .unwrap()),
        [public.id]
    );
    assert!(low
        .list(&Filter {
            text: Some("機密請示".into()),
            ..Filter::default()
        })
        .unwrap()
        .is_empty());
    for q in ["供暖", "機密", &secret.code, "市建發", "gn"] {
        for f in low.search(q, 50).unwrap() {
            if let Found::Item(it) = f {
                assert_ne!(it.id, secret.id, "search '{q}' showed the secret item");
            }
        }
    }
    let counts = low.counts().unwrap();
    assert!(
        counts.by_kind.contains(&(Kind::Incoming, 1, 0)),
        "{counts:?}"
    );

    // No writes of any sort, and no Conflict that would name its last writer.
    not_found(set(&low, &secret, &[("handler", "我")]));
    not_found(low.apply(Command::Set {
        id: secret.id,
        version: 99,
        fields: vec![("handler".into(), "我".into())],
    }));
    not_found(mv(&low, &secret, Status::Registered, ""));
    not_found(low.apply(Command::Note {
        id: secret.id,
        version: 1,
        text: "看看".into(),
    }));
    not_found(low.apply(Command::Link {
        id: public.id,
        version: public.version,
        other: secret.id,
    }));
    not_found(low.apply(Command::Link {
        id: secret.id,
        version: 1,
        other: public.id,
    }));
    not_found(low.apply(Command::Route {
        id: secret.id,
        version: 1,
        to: Kind::Affair,
    }));
    assert!(matches!(
        low.apply(Command::Create {
            item: Box::new(draft(Kind::Incoming, "越級", &[("classification", "秘密")]))
        }),
        Err(ServiceError::Denied(_))
    ));
    assert!(matches!(
        low.create_many(vec![draft(
            Kind::Inbox,
            "越級",
            &[("classification", "機密")]
        )]),
        Err(ServiceError::Denied(_))
    ));
    assert!(
        matches!(
            set(&low, &public, &[("classification", "機密")]),
            Err(ServiceError::Denied(_))
        ),
        "nor may they raise an item out of their own sight"
    );
    assert_eq!(e.admin.get(secret.id).unwrap().version, 1);

    // A change to the secret item is pushed only to those cleared for it.
    let secret2 = set(&e.admin, &secret, &[("handler", "趙")]).unwrap();
    let low_events: Vec<Event> = low_feed.try_iter().collect();
    assert_eq!(low_events, [Event::Changed(Box::new(public.clone()))]);
    let high_events: Vec<Event> = high_feed.try_iter().collect();
    assert_eq!(
        high_events,
        [
            Event::Changed(Box::new(public.clone())),
            Event::Changed(Box::new(secret.clone())),
            Event::Changed(Box::new(secret2.clone()))
        ]
    );

    // The cleared user sees it, and the read is audited.
    let reads = |who: &str| {
        e.admin
            .audit(&AuditFilter {
                item: Some(secret.id),
                ..AuditFilter::default()
            })
            .unwrap()
            .into_iter()
            .filter(|a| a.action == "read" && a.user == who)
            .count()
    };
    assert_eq!(reads("jimi"), 0);
    assert_eq!(high.get(secret.id).unwrap(), secret2);
    assert_eq!(reads("jimi"), 1);
    let entry = high
        .audit(&AuditFilter {
            item: Some(secret.id),
            user: Some("jimi".into()),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(entry.len(), 1);
    assert_eq!(
        (entry[0].action.as_str(), entry[0].item, entry[0].at),
        ("read", Some(secret.id), now())
    );
    assert!(entry[0].detail.contains(&secret.code), "{:?}", entry[0]);
    assert_eq!(high.get_by_code(&secret.code).unwrap().id, secret.id);
    assert_eq!(reads("jimi"), 2);
    assert!(high
        .list(&Filter::default())
        .unwrap()
        .iter()
        .any(|i| i.id == secret.id));
    // The refused attempts of the low user read nothing.
    assert_eq!(reads("neibu"), 0);
    // Reads of unclassified items are not audited.
    high.get(public.id).unwrap();
    assert!(e
        .admin
        .audit(&AuditFilter {
            item: Some(public.id),
            ..AuditFilter::default()
        })
        .unwrap()
        .iter()
        .all(|a| a.action != "read"));
}

// ------------------------------------------------------------ roles

#[test]
fn read_only_users_cannot_write_anything() {
    let e = env();
    let ro = e.user(2001, "guest", Role::ReadOnly, Classification::Secret);
    let it = create(&e.admin, draft(Kind::Incoming, "來文", &[]));
    let denied = |r: shuniu::core::Result<Item>| match r {
        Err(ServiceError::Denied(m)) => {
            assert!(m.contains("只讀") || m.contains("read-only"), "{m}")
        }
        other => panic!("expected Denied, got {other:?}"),
    };
    denied(ro.apply(Command::Create {
        item: Box::new(draft(Kind::Incoming, "新", &[])),
    }));
    denied(set(&ro, &it, &[("title", "改")]));
    denied(mv(&ro, &it, Status::Registered, ""));
    denied(ro.apply(Command::Note {
        id: it.id,
        version: 1,
        text: "備註".into(),
    }));
    assert!(matches!(
        ro.create_many(vec![draft(Kind::Inbox, "新", &[])]),
        Err(ServiceError::Denied(_))
    ));
    assert!(matches!(
        ro.save_directory(vec![], vec![]),
        Err(ServiceError::Denied(_))
    ));
    assert_eq!(ro.get(it.id).unwrap(), it, "reading is fine");
    assert_eq!(e.engine.store().item_count(), 1);
}

#[test]
fn a_clerk_cannot_sign_off_and_is_told_who_can() {
    let e = env();
    let clerk = e.user(2001, "wang", Role::Clerk, Classification::Secret);
    let leader = e.user(2002, "boss", Role::Leader, Classification::Secret);
    let d = create(
        &clerk,
        draft(
            Kind::Outgoing,
            "關於經費的請示",
            &[
                ("doc_type", "請示"),
                ("prefix", "市政辦"),
                ("recipients", "省人民政府"),
            ],
        ),
    );
    let r = pass_gates(&clerk, &mv(&clerk, &d, Status::Reviewing, "").unwrap());
    match mv(&clerk, &r, Status::Approved, "") {
        Err(ServiceError::Rule(m)) => {
            assert!(
                m.contains("簽發") && m.contains("領導") && m.contains("文書"),
                "{m}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(clerk.get(r.id).unwrap(), r);
    // An upward document needs its 簽發人 even from a leader.
    assert!(
        matches!(mv(&leader, &r, Status::Approved, ""), Err(ServiceError::Rule(m)) if m.contains("簽發人"))
    );
    let a = mv(&leader, &r, Status::Approved, "李市長").unwrap();
    assert_eq!(a.get("signer").unwrap(), "李市長");
    // Users, audit, backup and check are not for clerks.
    assert!(matches!(clerk.users(), Err(ServiceError::Denied(_))));
    assert!(matches!(
        clerk.audit(&AuditFilter::default()),
        Err(ServiceError::Denied(_))
    ));
    assert!(matches!(clerk.check(), Err(ServiceError::Denied(_))));
    assert!(matches!(
        clerk.backup(&e.dir.path().join("b")),
        Err(ServiceError::Denied(_))
    ));
    assert!(!e.dir.path().join("b").exists());
    let mut me = clerk.whoami().unwrap();
    me.role = Role::Admin;
    assert!(matches!(clerk.save_user(me), Err(ServiceError::Denied(_))));
    assert_eq!(
        e.admin
            .users()
            .unwrap()
            .iter()
            .find(|u| u.login == "wang")
            .unwrap()
            .role,
        Role::Clerk
    );
}

#[test]
fn unknown_and_disabled_uids_are_refused() {
    let e = env();
    match Core::for_uid(e.engine.clone(), 4242, "stranger") {
        Err(ServiceError::Denied(m)) => assert!(
            m.contains("stranger") && m.contains("not a shuniu user"),
            "{m}"
        ),
        Err(other) => panic!("{other:?}"),
        Ok(_) => panic!("a stranger got in"),
    }
    let _ = e.user(2001, "gone", Role::Clerk, Classification::Internal);
    let mut u = e
        .admin
        .users()
        .unwrap()
        .into_iter()
        .find(|u| u.login == "gone")
        .unwrap();
    u.disabled = true;
    e.admin.save_user(u).unwrap();
    assert!(
        matches!(Core::for_uid(e.engine.clone(), 2001, "gone"), Err(ServiceError::Denied(m)) if m.contains("disabled"))
    );
}

// ------------------------------------------------------------ subscribe

#[test]
fn subscribers_hear_other_sessions_writes() {
    let e = env();
    let clerk = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    let feed = e.admin.subscribe().unwrap();
    let it = create(&clerk, draft(Kind::Inbox, "來電", &[("from", "市教育局")]));
    assert_eq!(
        feed.recv_timeout(Duration::from_secs(5)).unwrap(),
        Event::Changed(Box::new(it.clone()))
    );
    let it2 = set(&clerk, &it, &[("handler", "王")]).unwrap();
    assert_eq!(
        feed.recv_timeout(Duration::from_secs(5)).unwrap(),
        Event::Changed(Box::new(it2.clone()))
    );
    // A route pushes both the new item and the request.
    let made = clerk
        .apply(Command::Route {
            id: it.id,
            version: it2.version,
            to: Kind::Incoming,
        })
        .unwrap();
    let got: Vec<Event> = feed.try_iter().collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], Event::Changed(Box::new(made)));
    assert!(matches!(&got[1], Event::Changed(r) if r.id == it.id && r.status == Status::Routed));
    // A refused write pushes nothing.
    assert!(set(&clerk, &it2, &[("handler", "李")]).is_err());
    assert!(feed.try_recv().is_err());
    // Directory changes are announced too.
    clerk
        .save_directory(
            vec![shuniu::model::Unit {
                key: "jyj".into(),
                name: "市教育局".into(),
                abbreviations: vec!["教育局".into()],
                phone: "0571-1234".into(),
                doc_prefix: "市教發".into(),
            }],
            vec![],
        )
        .unwrap();
    assert_eq!(
        feed.recv_timeout(Duration::from_secs(5)).unwrap(),
        Event::Directory
    );
}

// ------------------------------------------------------------ backup

#[test]
fn backup_while_writing_is_one_consistent_point_in_time() {
    let e = env();
    let writer = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    let stop = Arc::new(AtomicBool::new(false));
    let made = Arc::new(AtomicUsize::new(0));
    let handle = {
        let (stop, made) = (stop.clone(), made.clone());
        std::thread::spawn(move || {
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                let it = create(
                    &writer,
                    draft(Kind::Incoming, &format!("第{i}件"), &[("handler", "王")]),
                );
                // Every other item gets a second version, so histories move too.
                if i % 2 == 0 {
                    set(&writer, &it, &[("title", &format!("第{i}件（改）"))]).unwrap();
                }
                i += 1;
                made.store(i, Ordering::SeqCst);
            }
        })
    };
    let wait_for = |n: usize| {
        let t0 = std::time::Instant::now();
        while made.load(Ordering::SeqCst) < n {
            assert!(
                t0.elapsed() < Duration::from_secs(60),
                "the writer is stuck"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    wait_for(20);
    let dest = e.dir.path().join("backup");
    let copied = e.admin.backup(&dest).unwrap();
    let at_backup = made.load(Ordering::SeqCst);
    wait_for(at_backup + 10);
    stop.store(true, Ordering::SeqCst);
    handle.join().unwrap();
    let total = e.engine.store().item_count();
    assert!(copied > 0);
    assert!(!e.dir.path().join("backup.partial").exists());

    let copy = Store::open(&dest, CACHE).unwrap();
    let report = copy.check().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!(report.records, copied);
    let items: Vec<Item> = copy.items().collect::<Result<_, _>>().unwrap();
    let k = items.len();
    assert!(k >= 20 && k < total, "backup has {k} of {total}");
    assert_eq!(
        items.iter().map(|i| i.id).collect::<Vec<_>>(),
        (1..=k as u64).collect::<Vec<_>>()
    );
    for it in &items {
        let live = e.engine.store().get(it.id).unwrap().unwrap();
        // The copy holds each item as it was at that moment: the same or an earlier version.
        assert!(it.version <= live.version);
        if it.version == live.version {
            assert_eq!(it, &live);
        }
        assert_eq!(copy.history(it.id).unwrap().len() as u64, it.version);
    }
    // The copy's sequences continue where its items end.
    let engine = Engine::with_store(copy, WorkCalendar::builtin(), Clock::Fixed(now())).unwrap();
    let admin = Core::for_uid(engine, 1000, "admin").unwrap();
    let next = create(&admin, draft(Kind::Incoming, "恢復後第一件", &[]));
    assert_eq!(
        (next.id, next.code),
        (k as u64 + 1, format!("收2026-{:04}", k + 1))
    );

    // A backup never overwrites.
    assert!(e.admin.backup(&dest).is_err());
}

// ------------------------------------------------------------ check and schema

fn raw(path: &Path) -> sled::Db {
    sled::open(path).expect("raw open")
}

#[test]
fn check_reports_damage() {
    let e = env();
    for i in 0..3 {
        create(&e.admin, draft(Kind::Incoming, &format!("第{i}件"), &[]));
    }
    assert!(e.admin.check().unwrap().ok());
    let path = e.data();
    let dir = e.close();
    {
        let db = raw(&path);
        let mut k = vec![b'i'];
        k.extend_from_slice(&99u64.to_be_bytes());
        db.insert(
            k,
            &b"\x00\x01\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"[..],
        )
        .unwrap();
        db.insert(b"qitem", &1u64.to_be_bytes()).unwrap();
        db.remove("c收2026-0002".as_bytes()).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&path, CACHE).unwrap();
    let r = store.check().unwrap();
    assert!(!r.ok());
    let has = |a: &str, b: &str| r.problems.iter().any(|p| p.contains(a) && p.contains(b));
    assert!(has("i/99", "does not decode"), "{:?}", r.problems);
    assert!(
        has("sequence item is at 1", "3 is already used"),
        "{:?}",
        r.problems
    );
    assert!(
        has("item 2", "missing from the code index"),
        "{:?}",
        r.problems
    );
    assert_eq!(r.problems.len(), 3, "{:?}", r.problems);
    assert_eq!(r.items, 3);
    drop(store);
    drop(dir);
}

#[test]
fn a_folder_of_a_newer_schema_is_refused_and_left_alone() {
    let e = env();
    create(&e.admin, draft(Kind::Incoming, "來文", &[]));
    let path = e.data();
    let dir = e.close();
    let dump = |db: &sled::Db| {
        db.iter()
            .map(|kv| kv.unwrap())
            .map(|(k, v)| (k.to_vec(), v.to_vec()))
            .collect::<Vec<_>>()
    };
    let before = {
        let db = raw(&path);
        assert_eq!(
            db.get(b"mschema").unwrap().unwrap().as_ref(),
            &shuniu::store::SCHEMA.to_be_bytes()
        );
        db.insert(b"mschema", &[0u8, 99][..]).unwrap();
        db.flush().unwrap();
        dump(&db)
    };
    match Store::open(&path, CACHE) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!((found, supported), (99, shuniu::store::SCHEMA));
        }
        Err(other) => panic!("expected NewerSchema, got {other}"),
        Ok(_) => panic!("a newer folder was opened"),
    }
    let err = Engine::open(&path, CACHE, WorkCalendar::builtin(), Clock::Fixed(now()))
        .err()
        .expect("refused");
    assert!(err.to_string().contains("newer shuniu"), "{err}");
    let db = raw(&path);
    assert_eq!(db.get(b"mschema").unwrap().unwrap().as_ref(), &[0u8, 99]);
    assert_eq!(dump(&db), before, "the folder was changed");
    drop(db);
    drop(dir);
}

#[test]
fn a_second_open_of_the_same_folder_is_refused_clearly() {
    let e = env();
    match Store::open(&e.data(), CACHE) {
        Err(StoreError::Locked { path }) => assert!(path.contains("data"), "{path}"),
        Err(other) => panic!("expected Locked, got {other}"),
        Ok(_) => panic!("two stores on one folder"),
    }
}

// ------------------------------------------------------------ directory

#[test]
fn a_person_saved_with_an_explicit_id_is_never_overwritten() {
    let e = env();
    let p = |id: u64, name: &str| Person {
        id,
        name: name.into(),
        unit: "jyj".into(),
        title: "科長".into(),
        phones: vec!["0571-1000".into()],
        notes: String::new(),
    };
    e.admin.save_directory(vec![], vec![p(0, "張一")]).unwrap();
    e.admin.save_directory(vec![], vec![p(3, "趙三")]).unwrap();
    assert!(
        e.admin.check().unwrap().ok(),
        "{:?}",
        e.admin.check().unwrap().problems
    );
    for name in ["李二", "王四", "錢五"] {
        e.admin.save_directory(vec![], vec![p(0, name)]).unwrap();
    }
    let people = e.admin.people().unwrap();
    assert_eq!(people.len(), 5, "{people:?}");
    assert!(people.iter().any(|x| x.name == "趙三"));
}

// ------------------------------------------------------------ event order

#[test]
fn events_of_one_item_arrive_in_version_order() {
    // Two clerks race on one item while a third keeps searching (holding the
    // index's read lock, which widens the window). Rounds run until events
    // arrive out of order or the time budget is spent.
    let e = env();
    let writers: Vec<Arc<Core>> = (0..2)
        .map(|t| {
            Arc::new(e.user(
                5000 + t,
                &format!("w{t}"),
                Role::Clerk,
                Classification::Internal,
            ))
        })
        .collect();
    let reader = Arc::new(e.user(5100, "reader", Role::Clerk, Classification::Internal));
    let t0 = std::time::Instant::now();
    let mut round = 0;
    while t0.elapsed() < Duration::from_secs(8) {
        round += 1;
        let it = create(
            &e.admin,
            draft(Kind::Incoming, &format!("搶寫{round}"), &[]),
        );
        let feed = e.admin.subscribe().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let searcher = {
            let (reader, stop) = (reader.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let _ = reader.search("搶寫", 20);
                }
            })
        };
        let handles: Vec<_> = writers
            .iter()
            .enumerate()
            .map(|(t, core)| {
                let core = core.clone();
                std::thread::spawn(move || {
                    let mut done = 0;
                    while done < 200 {
                        let cur = core.get(it.id).unwrap();
                        if set(&core, &cur, &[("handler", &format!("w{t}-{done}"))]).is_ok() {
                            done += 1;
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        stop.store(true, Ordering::SeqCst);
        searcher.join().unwrap();
        let versions: Vec<u64> = feed
            .try_iter()
            .filter_map(|ev| match ev {
                Event::Changed(i) if i.id == it.id => Some(i.version),
                _ => None,
            })
            .collect();
        assert_eq!(versions.len(), 400);
        let out_of_order: Vec<_> = versions.windows(2).filter(|w| w[0] >= w[1]).collect();
        assert!(
            out_of_order.is_empty(),
            "round {round}: {} events out of order, e.g. {:?}",
            out_of_order.len(),
            out_of_order.first()
        );
        let last = e.admin.get(it.id).unwrap();
        let hits = e
            .admin
            .list(&Filter {
                text: Some(last.handler.clone()),
                ..Filter::default()
            })
            .unwrap();
        assert!(
            hits.iter().any(|h| h.id == it.id),
            "round {round}: the index lost the last write"
        );
    }
}
