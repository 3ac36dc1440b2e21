//! `Service::latest_history`: the last history entry of many items in one
//! request — each item once, in the order asked, the ones the user may not
//! see (or that do not exist) simply absent, and the 機密/絕密 ones returned
//! audited in one `read` entry naming them — in-process (`Core`) and
//! through the daemon (`Client`), by the same test body.

mod daemon_support;
mod store_support;

use shuniu::core::{AuditFilter, Service};
use shuniu::model::{AuditEntry, Classification, Command, Item, ItemId, Kind};

fn create(svc: &dyn Service, title: &str, c: Classification) -> Item {
    let mut it = Item::new(Kind::Inbox, title, "", 0);
    it.classification = c;
    it.secrecy_years = c.default_term_years();
    svc.apply(Command::Create { item: Box::new(it) }).unwrap()
}

fn clearance(svc: &dyn Service, c: Classification) {
    let mut me = svc.whoami().unwrap();
    me.clearance = c;
    svc.save_user(me).unwrap();
}

/// The `read` entries written since the audit trail held `from` entries.
fn reads_since(svc: &dyn Service, from: usize) -> Vec<AuditEntry> {
    let all = svc.audit(&AuditFilter::default()).unwrap();
    all[from..]
        .iter()
        .filter(|e| e.action == "read")
        .cloned()
        .collect()
}

fn audited(svc: &dyn Service) -> usize {
    svc.audit(&AuditFilter::default()).unwrap().len()
}

fn last_of_many(svc: &dyn Service) {
    let public = create(svc, "公開來件", Classification::Public);
    let secret = create(svc, "秘密來件", Classification::Secret);
    let conf = create(svc, "機密來件", Classification::Confidential);
    let top = create(svc, "絕密來件", Classification::TopSecret);
    // A second write to one of them: its last entry is that write.
    let public = svc
        .apply(Command::Note {
            id: public.id,
            version: public.version,
            text: "已電話催辦".into(),
        })
        .unwrap();
    assert_eq!(public.version, 2);

    // Each once, in the order asked; an id of no item is absent.
    let before = audited(svc);
    let ask = [top.id, public.id, 999_999, secret.id, conf.id, public.id];
    let got = svc.latest_history(&ask).unwrap();
    let ids: Vec<ItemId> = got.iter().map(|h| h.item).collect();
    assert_eq!(ids, [top.id, public.id, secret.id, conf.id]);
    assert_eq!(got[1].version, 2);
    assert_eq!(got[1].note, "已電話催辦");
    // The classified ones returned are one read, which names both.
    let reads = reads_since(svc, before);
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0].item, None);
    assert!(
        reads[0].detail.starts_with("最後變更 2 件機密/絕密"),
        "{reads:?}"
    );
    for (id, named) in [(conf.id, true), (top.id, true), (public.id, false)] {
        let found = svc
            .audit(&AuditFilter {
                item: Some(id),
                ..AuditFilter::default()
            })
            .unwrap()
            .iter()
            .any(|e| e.action == "read" && e.detail.starts_with("最後變更"));
        assert_eq!(found, named, "audit --item {id}");
    }
    // Each is the last entry of the item's own history.
    for h in &got {
        assert_eq!(svc.history(h.item).unwrap().last(), Some(h));
    }

    // Below 機密, the user sees none of the classified ones and nothing is
    // audited; the rest is unchanged.
    clearance(svc, Classification::Secret);
    let before = audited(svc);
    let got = svc.latest_history(&ask).unwrap();
    let ids: Vec<ItemId> = got.iter().map(|h| h.item).collect();
    assert_eq!(ids, [public.id, secret.id]);
    assert!(reads_since(svc, before).is_empty());

    // At 機密: the 絕密 item is still absent; the one read names the 機密 one.
    clearance(svc, Classification::Confidential);
    let before = audited(svc);
    let got = svc.latest_history(&ask).unwrap();
    let ids: Vec<ItemId> = got.iter().map(|h| h.item).collect();
    assert_eq!(ids, [public.id, secret.id, conf.id]);
    let reads = reads_since(svc, before);
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0].item, Some(conf.id));

    // Nothing asked, nothing returned, nothing audited.
    let before = audited(svc);
    assert!(svc.latest_history(&[]).unwrap().is_empty());
    assert!(reads_since(svc, before).is_empty());
}

#[test]
fn the_last_change_of_many_items_in_process() {
    let env = store_support::env();
    last_of_many(&env.admin);
}

#[test]
fn the_last_change_of_many_items_through_the_daemon() {
    let dir = tempfile::tempdir().unwrap();
    let d = daemon_support::Daemon::start(dir.path());
    last_of_many(&d.client());
}

#[test]
fn the_last_change_of_thousands_of_items_through_the_daemon_in_one_request() {
    // One request answers for every item, in order (the splitting of id
    // lists too long for one frame part is `proto`'s unit test).
    let dir = tempfile::tempdir().unwrap();
    let d = daemon_support::Daemon::start(dir.path());
    let c = d.client();
    let items: Vec<Item> = (0..3000)
        .map(|i| Item::new(Kind::Inbox, format!("來件{i}"), "", 0))
        .collect();
    let ids = c.create_many(items).unwrap();
    let got = c.latest_history(&ids).unwrap();
    assert_eq!(got.iter().map(|h| h.item).collect::<Vec<_>>(), ids);
    assert!(got.iter().all(|h| h.version == 1));
}
