//! The store and the core through their public API: `Core` (the `Service`
//! implementation) on a real sled folder — every kind stored and read back
//! exactly, codes, history, and optimistic concurrency (conflicts that say
//! who changed which fields). Numbers and routing are in `store_numbers.rs`,
//! clearance, roles and audit in `store_access.rs`, the rest in `store_ops.rs`.

mod store_support;

use std::collections::HashSet;
use std::sync::{Arc, Barrier};

use shuniu::core::{ChangedField, Clock, Core, Engine, Service, ServiceError};
use shuniu::model::{Classification, Command, Item, Kind, KindData, Role, Status, WorkCalendar};
use store_support::*;

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
            changed,
        }) => {
            assert_eq!((*id, *read, *version, by.as_str()), (it.id, 1, 2, "wang"));
            assert_eq!(when, "2026-11-25 09:30");
            assert_eq!(
                changed,
                &vec![ChangedField {
                    field: "handler".into(),
                    by: "wang".into(),
                    when: "2026-11-25 09:30".into(),
                }]
            );
        }
        other => panic!("expected Conflict, got {other:?}"),
    }
    let msg = lost.unwrap_err().to_string();
    assert!(msg.contains("wang") && msg.contains("version 2"), "{msg}");
    assert!(msg.contains("經辦人 handler (wang)"), "{msg}");
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
fn a_conflict_names_every_field_changed_since_the_read_and_who_changed_it() {
    let e = env();
    let wang = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    let zhao = e.user(2002, "zhao", Role::Clerk, Classification::Internal);
    let li = e.user(2003, "li", Role::Clerk, Classification::Internal);
    let it = create(&e.admin, draft(Kind::Incoming, "來文", &[]));
    let read_by_li = li.get(it.id).unwrap();
    let v2 = set(&wang, &it, &[("handler", "王")]).unwrap();
    let v3 = set(&zhao, &v2, &[("deadline", "2026-12-01"), ("handler", "趙")]).unwrap();
    let v4 = set(&wang, &v3, &[("title", "王改的標題")]).unwrap();
    // A change li made no claim on (a note) is listed too: it is part of what li did not see.
    let v5 = zhao
        .apply(Command::Note {
            id: it.id,
            version: v4.version,
            text: "已電話聯繫".into(),
        })
        .unwrap();
    let history = e.admin.history(it.id).unwrap();
    let lost = set(&li, &read_by_li, &[("urgency", "加急")]).unwrap_err();
    let ServiceError::Conflict {
        read,
        version,
        by,
        changed,
        ..
    } = &lost
    else {
        panic!("expected Conflict, got {lost:?}");
    };
    assert_eq!((*read, *version, by.as_str()), (1, v5.version, "zhao"));
    // Each field once, in the order first changed, with its latest writer —
    // exactly what the history entries after version 1 say.
    let want: Vec<(String, String)> = {
        let mut v: Vec<(String, String)> = vec![];
        for h in history.iter().filter(|h| h.version > 1) {
            for c in &h.changes {
                match v.iter_mut().find(|(f, _)| *f == c.field) {
                    Some(x) => x.1 = h.by.clone(),
                    None => v.push((c.field.clone(), h.by.clone())),
                }
            }
        }
        v
    };
    let got: Vec<(String, String)> = changed
        .iter()
        .map(|c| (c.field.clone(), c.by.clone()))
        .collect();
    assert_eq!(got, want);
    let names: Vec<&str> = changed.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(&names[..3], ["handler", "deadline", "title"], "{names:?}");
    assert_eq!(changed[0].by, "zhao", "handler was changed last by zhao");
    assert_eq!(changed[2].by, "wang");
    assert!(changed.iter().all(|c| c.when == "2026-11-25 09:30"));
    let msg = lost.to_string();
    for part in [
        "經辦人 handler (zhao)",
        "期限 deadline (zhao)",
        "標題 title (wang)",
        "version 5, you read 1",
        "reload and re-apply",
    ] {
        assert!(msg.contains(part), "no '{part}' in: {msg}");
    }
    // A writer who read the latest version has no conflict at all.
    assert_eq!(set(&li, &v5, &[("urgency", "加急")]).unwrap().version, 6);
}

/// `n` clerks with uids from `uid` and logins `{login}0`, `{login}1`, ….
fn clerks(e: &Env, uid: u32, login: &str, n: u32) -> Vec<Core> {
    (0..n)
        .map(|i| {
            e.user(
                uid + i,
                &format!("{login}{i}"),
                Role::Clerk,
                Classification::Internal,
            )
        })
        .collect()
}

/// Runs `f(i, session)` for every session on its own thread, all let go
/// at once; the results in session order.
fn together<T: Send + 'static>(
    sessions: Vec<Core>,
    f: impl Fn(usize, Core) -> T + Send + Sync + Clone + 'static,
) -> Vec<T> {
    let barrier = Arc::new(Barrier::new(sessions.len()));
    let handles: Vec<_> = sessions
        .into_iter()
        .enumerate()
        .map(|(t, core)| {
            let (barrier, f) = (barrier.clone(), f.clone());
            std::thread::spawn(move || {
                barrier.wait();
                f(t, core)
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

#[test]
fn eight_threads_creating_get_unique_gapless_ids_and_codes() {
    let e = env();
    let made = together(clerks(&e, 3000, "clerk", 8), |t, core| {
        (0..50)
            .map(|i| {
                let it = create(
                    &core,
                    draft(Kind::Incoming, &format!("線程{t}第{i}件"), &[]),
                );
                (it.id, it.code)
            })
            .collect::<Vec<_>>()
    });
    let mut all = vec![];
    for mine in made {
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

/// Publishing a write takes the index and then the rows; a text-filtered
/// list used to hold the rows while it asked the index, and the two could
/// wait for each other for good (found by review with a probe like this).
#[test]
fn text_filtered_lists_beside_writes_never_deadlock() {
    let e = env();
    let writer = e.user(3200, "typist", Role::Clerk, Classification::Internal);
    let readers: Vec<Core> = (0..2)
        .map(|i| {
            e.user(
                3201 + i,
                &format!("lister{i}"),
                Role::Clerk,
                Classification::Internal,
            )
        })
        .collect();
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    for r in readers {
        let (stop, done_tx) = (stop.clone(), done_tx.clone());
        std::thread::spawn(move || {
            let f = shuniu::core::Filter {
                text: Some("路燈".into()),
                ..shuniu::core::Filter::default()
            };
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                r.rows(&f).unwrap();
                n += 1;
            }
            done_tx.send(n).unwrap();
        });
    }
    {
        let (stop, done_tx) = (stop.clone(), done_tx.clone());
        std::thread::spawn(move || {
            for i in 0..300 {
                create(
                    &writer,
                    draft(Kind::Incoming, &format!("第{i}件 路燈維修"), &[]),
                );
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            done_tx.send(300).unwrap();
        });
    }
    // A deadlock shows as threads that never finish: give them a generous deadline.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    for _ in 0..3 {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        done_rx
            .recv_timeout(left)
            .expect("writers and text-filtered lists stuck waiting for each other");
    }
}

/// Writers share flushes and no longer hold the writer lock while the disk
/// syncs, so the order of publishing is kept apart from the lock: a change
/// pushed, indexed and listed must always be the item's latest, never an
/// earlier write that finished its flush later.
#[test]
fn concurrent_writes_to_one_item_are_published_in_version_order_and_all_kept() {
    let e = env();
    let it = create(&e.admin, draft(Kind::Incoming, "八人同改的來文", &[]));
    let feed = e.admin.subscribe().unwrap();
    let id = it.id;
    together(clerks(&e, 3100, "writer", 8), move |t, core| {
        let mut made = 0;
        while made < 20 {
            let cur = core.get(id).unwrap();
            match set(&core, &cur, &[("handler", &format!("經辦{t}-{made}"))]) {
                Ok(_) => made += 1,
                Err(ServiceError::Conflict { .. }) => {}
                Err(other) => panic!("{other}"),
            }
        }
    });
    let last = e.admin.get(it.id).unwrap();
    assert_eq!(last.version, 1 + 8 * 20, "every acknowledged write is kept");
    let versions: Vec<u64> = feed
        .try_iter()
        .filter_map(|ev| match ev {
            shuniu::core::Event::Changed(c) if c.id == it.id => Some(c.version),
            _ => None,
        })
        .collect();
    assert_eq!(
        versions,
        (2..=last.version).collect::<Vec<_>>(),
        "pushed once each, in version order"
    );
    let rows = e.admin.rows(&shuniu::core::Filter::default()).unwrap();
    let row = rows.iter().find(|r| r.id == it.id).unwrap();
    assert_eq!(row.handler, last.handler, "the list shows the last write");
    let hits = e.admin.search(&last.handler, 5).unwrap();
    assert!(
        hits.iter()
            .any(|h| matches!(h, shuniu::core::Found::Item(r) if r.id == it.id && r.version == last.version)),
        "the index holds the last write: {hits:?}"
    );
    let report = e.admin.check().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
}

/// A background of 1,500 items, and an administrator saving the directory
/// over and over (each save rebuilds the rows and index) until stopped.
struct DirectorySaves {
    stop: Arc<std::sync::atomic::AtomicBool>,
    editor: std::thread::JoinHandle<u32>,
}

impl DirectorySaves {
    fn start(e: &Env, uid: u32, login: &str) -> DirectorySaves {
        let drafts: Vec<Item> = (0..1500)
            .map(|i| draft(Kind::Incoming, &format!("第{i}件 背景來文"), &[]))
            .collect();
        e.admin.create_many(drafts).unwrap();
        let (units, people) = (e.admin.units().unwrap(), e.admin.people().unwrap());
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let saver = e.user(uid, login, Role::Admin, Classification::Internal);
        let editor = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut saves = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) || saves < 3 {
                    saver.save_directory(units.clone(), people.clone()).unwrap();
                    saves += 1;
                }
                saves
            })
        };
        DirectorySaves { stop, editor }
    }

    /// Stops the saves once at least three ran.
    fn stop(self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(self.editor.join().unwrap() >= 3);
    }
}

/// A directory change re-reads every item into fresh rows and a fresh
/// index while writes go on. A write published during that read must not
/// be lost from lists and search when the fresh ones take over.
#[test]
fn writes_during_a_directory_rebuild_stay_in_lists_and_search() {
    let e = env();
    let saves = DirectorySaves::start(&e, 3300, "saver");
    // Each write creates an item no later write touches, so a write lost
    // by any of the rebuilds stays lost.
    let made: Vec<Item> = together(clerks(&e, 3310, "writer", 4), move |t, core| {
        (0..100)
            .map(|n| {
                create(
                    &core,
                    draft(Kind::Incoming, &format!("寫手{t}之{n}件"), &[]),
                )
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    saves.stop();
    let rows = e.admin.rows(&shuniu::core::Filter::default()).unwrap();
    let listed: HashSet<u64> = rows.iter().map(|r| r.id).collect();
    let missing: Vec<&str> = made
        .iter()
        .filter(|it| !listed.contains(&it.id))
        .map(|it| it.title.as_str())
        .collect();
    assert!(missing.is_empty(), "missing from the list: {missing:?}");
    let unfound: Vec<&str> = made
        .iter()
        .filter(|it| {
            !e.admin
                .search(&it.title, 3)
                .unwrap()
                .iter()
                .any(|h| matches!(h, shuniu::core::Found::Item(r) if r.id == it.id))
        })
        .map(|it| it.title.as_str())
        .collect();
    assert!(unfound.is_empty(), "missing from search: {unfound:?}");
}

/// As above, for changes to items that already exist: the last version
/// written is the one listed and found once the rebuilds are over.
#[test]
fn updates_during_a_directory_rebuild_stay_in_lists_and_search() {
    let e = env();
    let saves = DirectorySaves::start(&e, 3400, "saver2");
    let mine: Vec<Item> = (0..40)
        .map(|n| create(&e.admin, draft(Kind::Incoming, &format!("待改{n}件"), &[])))
        .collect();
    // Writer t changes items t, t + 4, …, each ten times; the last
    // change of every item is its own handler name.
    let last: Vec<Item> = together(clerks(&e, 3410, "updater", 4), move |t, core| {
        let mut out = vec![];
        for it in mine.iter().skip(t).step_by(4) {
            let mut cur = it.clone();
            for round in 0..10 {
                cur = set(
                    &core,
                    &cur,
                    &[("handler", &format!("改者{t}輪{round}號{}", it.id))],
                )
                .unwrap();
            }
            out.push(cur);
        }
        out
    })
    .into_iter()
    .flatten()
    .collect();
    saves.stop();
    let rows = e.admin.rows(&shuniu::core::Filter::default()).unwrap();
    for it in &last {
        let row = rows.iter().find(|r| r.id == it.id).unwrap();
        assert_eq!(
            (row.version, &row.handler),
            (it.version, &it.handler),
            "the list shows the last write"
        );
        let hits = e.admin.search(&it.handler, 5).unwrap();
        assert!(
            hits.iter().any(
                |h| matches!(h, shuniu::core::Found::Item(r) if r.id == it.id && r.version == it.version)
            ),
            "the index holds the last write of {}: {hits:?}",
            it.id
        );
    }
}
