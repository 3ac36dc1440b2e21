//! `Service::search_kinds`: quick find among items of some kinds only (a
//! tab's `/`), in-process (`Core`) and through the daemon (`Client`), by
//! the same test body: the tab's item shows however many newer items of
//! other kinds match, nothing of another kind or above the user's
//! clearance is returned, and the order is `search`'s.

mod daemon_support;
mod store_support;

use shuniu::core::{Found, Service};
use shuniu::model::{Classification, Command, Item, ItemId, Kind};

fn create(svc: &dyn Service, kind: Kind, title: &str, c: Classification) -> ItemId {
    let mut it = Item::new(kind, title, "", 0);
    it.classification = c;
    it.secrecy_years = c.default_term_years();
    svc.apply(Command::Create { item: Box::new(it) })
        .unwrap()
        .id
}

fn ids(found: &[Found]) -> Vec<ItemId> {
    found
        .iter()
        .filter_map(|f| match f {
            Found::Item(r) => Some(r.id),
            _ => None,
        })
        .collect()
}

fn among_kinds(svc: &dyn Service) {
    let doc = create(
        svc,
        Kind::Incoming,
        "校舍安全的請示",
        Classification::Public,
    );
    let hidden = create(
        svc,
        Kind::Incoming,
        "校舍安全絕密件",
        Classification::TopSecret,
    );
    let items: Vec<Item> = (0..60)
        .map(|i| Item::new(Kind::Affair, format!("校舍安全檢查第{i}次"), "", 0))
        .collect();
    svc.create_many(items).unwrap();
    let mut me = svc.whoami().unwrap();
    me.clearance = Classification::Secret;
    svc.save_user(me).unwrap();

    // A plain search's best 50 are all the newer affairs.
    assert!(!ids(&svc.search("校舍安全", 50).unwrap()).contains(&doc));
    let mine = svc
        .search_kinds("校舍安全", &[Kind::Incoming, Kind::Outgoing], 50)
        .unwrap();
    assert_eq!(
        ids(&mine),
        [doc],
        "the document, not the 絕密 one ({hidden})"
    );
    // The kinds asked for, in search's order, at most the limit.
    let affairs = svc.search_kinds("校舍安全", &[Kind::Affair], 10).unwrap();
    assert_eq!(affairs.len(), 10);
    // The newest ten match (all affairs): the same answer either way.
    assert_eq!(ids(&affairs), ids(&svc.search("校舍安全", 10).unwrap()));
    assert!(svc.search_kinds("校舍安全", &[], 10).unwrap().is_empty());
}

#[test]
fn a_search_among_kinds_in_process() {
    let env = store_support::env();
    among_kinds(&env.admin);
}

#[test]
fn a_search_among_kinds_through_the_daemon() {
    let dir = tempfile::tempdir().unwrap();
    let d = daemon_support::Daemon::start(dir.path());
    among_kinds(&d.client());
}
