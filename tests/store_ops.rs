//! The store's housekeeping through its public API: pushed changes, backups
//! while writing, integrity checks and schema refusal (raw `sled` is used
//! only to damage a folder on purpose), the directory, and event order.

mod raw_sled;
mod store_support;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use shuniu::core::{Clock, Core, Engine, Event, Filter, Service};
use shuniu::model::{Classification, Command, Item, Kind, Person, Role, Status, WorkCalendar};
use shuniu::store::{Store, StoreError};
use store_support::*;

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
    raw_sled::open(path)
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

// ------------------------------------------------------------ lists

/// Lists come newest first (last change, then id), and a limit keeps the
/// newest of them, with or without a search.
#[test]
fn a_list_is_newest_first_and_its_limit_keeps_the_newest() {
    let e = env();
    let made: Vec<Item> = (0..6)
        .map(|i| {
            create(
                &e.admin,
                draft(Kind::Incoming, &format!("排序{i} 路燈"), &[]),
            )
        })
        .collect();
    let dir = e.close();
    let later = engine_at(&dir.path().join("data"), now() + 3600);
    let admin = Core::for_uid(later, 1000, "admin").unwrap();
    set(&admin, &made[1], &[("handler", "李四")]).unwrap();
    let ids = |f: Filter| -> Vec<u64> { admin.rows(&f).unwrap().iter().map(|r| r.id).collect() };
    let newest: Vec<u64> = [1, 5, 4, 3, 2, 0].iter().map(|&i| made[i].id).collect();
    assert_eq!(ids(Filter::default()), newest);
    let limited = |limit, text: Option<&str>| Filter {
        limit,
        text: text.map(String::from),
        ..Filter::default()
    };
    assert_eq!(ids(limited(Some(3), None)), newest[..3]);
    let found = ids(limited(None, Some("路燈")));
    assert_eq!(found.len(), 6);
    assert_eq!(ids(limited(Some(2), Some("路燈"))), found[..2]);
}
