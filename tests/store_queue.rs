//! 待辦 · 待閱 · 已辦 and notices through `Core` on a real sled folder: a
//! notice is stored by the write that lands the item (and by nothing that
//! fails), survives a restart, reaches only its user's feeds and never a
//! user who may not see the item.

mod raw_sled;
mod store_support;

use shuniu::core::{Event, Service};
use shuniu::model::queue::{Landing, Queue, Why};
use shuniu::model::{Classification, Command, Kind, Role};
use store_support::*;

fn notices_pushed(feed: &std::sync::mpsc::Receiver<Event>) -> Vec<(u64, Landing)> {
    feed.try_iter()
        .filter_map(|ev| match ev {
            Event::Notice(n) => Some((n.item, n.what)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_new_handler_gets_a_notice_stored_with_the_write_and_kept_across_a_restart() {
    let e = env();
    let li = e.user(2001, "li", Role::Clerk, Classification::Internal);
    let it = create(&e.admin, draft(Kind::Affair, "協調會場布置", &[]));
    assert!(li.notices(false).unwrap().is_empty());
    // A write that fails stores no notice, although it named li.
    let bad = e.admin.apply(Command::Set {
        id: it.id,
        version: it.version,
        fields: vec![
            ("handler".into(), "li同志".into()),
            ("deadline".into(), "下個世紀".into()),
        ],
    });
    assert!(bad.is_err());
    assert!(li.notices(false).unwrap().is_empty());
    let it = set(&e.admin, &it, &[("handler", "li同志")]).unwrap();
    let got = li.notices(true).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(
        (
            got[0].item,
            got[0].what,
            got[0].by.as_str(),
            got[0].to.as_str()
        ),
        (it.id, Landing::Assigned, "admin", "li")
    );
    let todo = li.queue(Queue::Todo).unwrap();
    assert_eq!(todo.len(), 1);
    assert_eq!((todo[0].row.id, todo[0].why), (it.id, Some(Why::Handler)));
    let done = e.admin.queue(Queue::Done).unwrap();
    assert_eq!(done.first().map(|d| d.row.id), Some(it.id));
    assert!(li.queue(Queue::Done).unwrap().is_empty());
    assert!(
        e.admin.notices(false).unwrap().is_empty(),
        "the writer is not told"
    );

    drop(li);
    let dir = e.close();
    let engine = engine_at(&dir.path().join("data"), now());
    let li = shuniu::core::Core::for_uid(engine.clone(), 2001, "li").unwrap();
    let kept = li.notices(true).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].item, it.id);
    assert_eq!(
        engine.store().check().unwrap().problems,
        Vec::<String>::new()
    );
}

#[test]
fn a_notice_goes_only_to_its_users_feed_and_marking_it_read_keeps_it() {
    let e = env();
    let li = e.user(2001, "li", Role::Clerk, Classification::Internal);
    let wang = e.user(2002, "wang", Role::Clerk, Classification::Internal);
    let li_feed = li.subscribe().unwrap();
    let wang_feed = wang.subscribe().unwrap();
    let it = create(
        &wang,
        draft(Kind::Affair, "接待省廳調研組", &[("handler", "li")]),
    );
    assert_eq!(notices_pushed(&li_feed), vec![(it.id, Landing::Assigned)]);
    assert!(notices_pushed(&wang_feed).is_empty());
    let n = li.notices(true).unwrap();
    assert_eq!(li.mark_read(&[n[0].id]).unwrap(), 1);
    assert!(li.notices(true).unwrap().is_empty());
    let all = li.notices(false).unwrap();
    assert_eq!((all.len(), all[0].read), (1, true));
    assert_eq!(wang.mark_read(&[n[0].id]).unwrap(), 0, "not wang's to mark");
}

#[test]
fn a_confidential_items_notice_never_reaches_an_internal_user() {
    let e = env();
    let li = e.user(2001, "li", Role::Clerk, Classification::Internal);
    let feed = li.subscribe().unwrap();
    let secret = create(
        &e.admin,
        draft(
            Kind::Affair,
            "機密事項",
            &[("classification", "機密"), ("handler", "li同志")],
        ),
    );
    assert!(li.notices(false).unwrap().is_empty());
    assert!(notices_pushed(&feed).is_empty());
    assert!(li.queue(Queue::Todo).unwrap().is_empty());
    // A notice given while the item was 內部 is withdrawn once it is raised.
    let open = create(
        &e.admin,
        draft(Kind::Affair, "一般事項", &[("handler", "li同志")]),
    );
    assert_eq!(li.notices(true).unwrap().len(), 1);
    set(&e.admin, &open, &[("classification", "機密")]).unwrap();
    assert!(li.notices(true).unwrap().is_empty());
    assert!(li.queue(Queue::Todo).unwrap().is_empty());
    let _ = secret;
}

#[test]
fn a_circulated_document_is_to_read_for_its_holder_until_given_back() {
    use shuniu::model::{Act, Status};
    let e = env();
    let li = e.user(2001, "li", Role::Clerk, Classification::Internal);
    let doc = create(
        &e.admin,
        draft(
            Kind::Incoming,
            "關於防汛工作的通知",
            &[
                ("for_reading", "是"),
                ("copies", "1"),
                ("signed_at", "今天"),
            ],
        ),
    );
    let doc = mv(&e.admin, &doc, Status::Registered, "").unwrap();
    let doc = mv(&e.admin, &doc, Status::Reviewed, "").unwrap();
    let doc = mv(&e.admin, &doc, Status::Proposed, "").unwrap();
    let doc = mv(&e.admin, &doc, Status::Circulating, "").unwrap();
    let doc = e
        .admin
        .apply(Command::Act {
            id: doc.id,
            version: doc.version,
            act: Act::Circulate {
                holder: "li同志".into(),
            },
        })
        .unwrap();
    let n = li.notices(true).unwrap();
    assert_eq!(
        n.iter().map(|n| n.what).collect::<Vec<_>>(),
        [Landing::Circulated]
    );
    let read = li.queue(Queue::ToRead).unwrap();
    assert_eq!(read.iter().map(|r| r.row.id).collect::<Vec<_>>(), [doc.id]);
    assert!(li.queue(Queue::Todo).unwrap().is_empty());
    li.apply(Command::Act {
        id: doc.id,
        version: doc.version,
        act: Act::GiveBack {
            holder: "li同志".into(),
        },
    })
    .unwrap();
    assert!(li.queue(Queue::ToRead).unwrap().is_empty());
    assert_eq!(li.queue(Queue::Done).unwrap()[0].row.id, doc.id);
}

/// The 已辦 of a session: the ids, most recent first.
fn done_ids(c: &shuniu::core::Core) -> Vec<u64> {
    c.queue(Queue::Done)
        .unwrap()
        .iter()
        .map(|e| e.row.id)
        .collect()
}

/// Removes every 已辦 key and the marker that the index was built, as a
/// folder written before the index looks; returns how many keys went.
fn strip_done_index(path: &std::path::Path) -> usize {
    let db = raw_sled::open(path);
    let keys: Vec<_> = db.scan_prefix([b'D']).map(|kv| kv.unwrap().0).collect();
    for k in &keys {
        db.remove(k).unwrap();
    }
    assert!(
        db.remove(b"mdone_index").unwrap().is_some(),
        "the marker was set"
    );
    db.flush().unwrap();
    keys.len()
}

#[test]
fn a_folder_from_before_the_done_index_gets_it_built_from_history_on_open() {
    let e = env();
    let li = e.user(2001, "li", Role::Clerk, Classification::Internal);
    let a = create(&e.admin, draft(Kind::Affair, "協調會場布置", &[]));
    let b = create(&li, draft(Kind::Affair, "採購辦公用品", &[]));
    let a = set(&li, &a, &[("handler", "li同志")]).unwrap();
    let c = create(&e.admin, draft(Kind::Incoming, "關於防汛工作的通知", &[]));
    set(&e.admin, &a, &[("title", "協調會場布置（第一會議室）")]).unwrap();
    let (admin_done, li_done) = (done_ids(&e.admin), done_ids(&li));
    let sorted = |v: &[u64]| {
        let mut v = v.to_vec();
        v.sort();
        v
    };
    assert_eq!(sorted(&admin_done), [a.id, c.id]);
    assert_eq!(sorted(&li_done), [a.id, b.id]);
    assert!(e.admin.check().unwrap().ok());
    let path = e.data();
    drop(li);
    let dir = e.close();
    assert!(strip_done_index(&path) >= 5);
    // Reopened: the index is rebuilt from the history, nothing lost.
    let engine = engine_at(&path, now());
    let admin = shuniu::core::Core::for_uid(engine.clone(), 1000, "admin").unwrap();
    let li = shuniu::core::Core::for_uid(engine.clone(), 2001, "li").unwrap();
    assert_eq!(done_ids(&admin), admin_done);
    assert_eq!(done_ids(&li), li_done);
    let report = admin.check().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    // And only once: a write after the rebuild is indexed by the write itself.
    let d = create(&li, draft(Kind::Affair, "安排值班", &[]));
    let now_done = done_ids(&li);
    assert_eq!((now_done.len(), now_done[0]), (3, d.id), "{now_done:?}");
    drop((admin, li));
    drop(engine);
    drop(dir);
}

#[test]
fn check_says_when_the_done_index_disagrees_with_history() {
    let e = env();
    create(&e.admin, draft(Kind::Affair, "協調會場布置", &[]));
    create(&e.admin, draft(Kind::Affair, "採購辦公用品", &[]));
    let path = e.data();
    let dir = e.close();
    {
        let db = raw_sled::open(&path);
        // One write missing from the index (the marker says it was built),
        // and one index entry for a write that never happened.
        let k = db.scan_prefix([b'D']).next().unwrap().unwrap().0;
        db.remove(&k).unwrap();
        let mut stray = b"Dghost\0".to_vec();
        stray.extend_from_slice(&[0u8; 24]);
        db.insert(stray, &[][..]).unwrap();
        db.flush().unwrap();
    }
    let engine = engine_at(&path, now());
    let admin = shuniu::core::Core::for_uid(engine.clone(), 1000, "admin").unwrap();
    let problems = admin.check().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("已辦 index") && p.contains("missing")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("已辦 index") && p.contains("name no history")),
        "{problems:?}"
    );
    drop(admin);
    drop(engine);
    drop(dir);
}

#[test]
fn a_user_added_after_a_write_that_read_the_users_is_landed_on_by_the_next() {
    // The store keeps the users and units a write read for the next one;
    // adding a user must not leave the next write with the old list.
    let e = env();
    let li = e.user(2001, "li", Role::Clerk, Classification::Internal);
    let it = create(&e.admin, draft(Kind::Affair, "協調會場布置", &[]));
    let it = set(&e.admin, &it, &[("handler", "li同志")]).unwrap();
    assert_eq!(li.notices(false).unwrap().len(), 1);
    let wang = e.user(2002, "wang", Role::Clerk, Classification::Internal);
    set(&e.admin, &it, &[("handler", "wang同志")]).unwrap();
    let got = wang.notices(false).unwrap();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].item, got[0].what), (it.id, Landing::Assigned));
}
