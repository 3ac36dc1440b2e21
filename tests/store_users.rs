//! User changes reaching sessions that are already open, through `Core` on
//! a real sled folder: a lowered clearance, a new role and a disabled
//! account hold from the next request, and change feeds follow the record.

mod store_support;

use shuniu::core::{AuditFilter, Core, Event, Filter, Found, Service, ServiceError};
use shuniu::model::{Classification, Kind, Role};
use store_support::*;

// ------------------------------------------------------------ user changes reach open sessions

/// Saves `login`'s record after `change`.
fn change_user(admin: &Core, login: &str, change: impl FnOnce(&mut shuniu::model::User)) {
    let mut u = admin
        .users()
        .unwrap()
        .into_iter()
        .find(|u| u.login == login)
        .unwrap();
    change(&mut u);
    admin.save_user(u).unwrap();
}

/// The items of pushed events so far, as (id, version).
fn pushed(feed: &std::sync::mpsc::Receiver<Event>) -> Vec<(u64, u64)> {
    feed.try_iter()
        .filter_map(|ev| match ev {
            Event::Changed(it) => Some((it.id, it.version)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_lowered_clearance_holds_at_once_in_an_open_session_and_its_feed() {
    let e = env();
    let jimi = e.user(2001, "jimi", Role::Clerk, Classification::Confidential);
    let feed = jimi.subscribe().unwrap();
    let secret = create(
        &e.admin,
        draft(Kind::Inbox, "機密來件", &[("classification", "機密")]),
    );
    let public = create(&e.admin, draft(Kind::Inbox, "公開來件", &[]));
    assert_eq!(pushed(&feed), vec![(secret.id, 1), (public.id, 1)]);
    assert_eq!(jimi.get(secret.id).unwrap().id, secret.id);

    change_user(&e.admin, "jimi", |u| u.clearance = Classification::Internal);
    assert_eq!(jimi.whoami().unwrap().clearance, Classification::Internal);
    not_found(jimi.get(secret.id));
    not_found(jimi.get_by_code(&secret.code));
    not_found(jimi.history(secret.id));
    let listed: Vec<u64> = jimi
        .list(&Filter::default())
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(listed, vec![public.id]);
    assert!(jimi
        .search("機密來件", 10)
        .unwrap()
        .iter()
        .all(|f| !matches!(f, Found::Item(r) if r.id == secret.id)));
    let inbox = jimi.counts().unwrap().by_kind[Kind::Inbox as usize];
    assert_eq!((inbox.1, inbox.2), (1, 0));
    assert!(matches!(
        set(&jimi, &secret, &[("handler", "紀")]),
        Err(ServiceError::NotFound(_))
    ));

    // The feed opened before the change filters by the new clearance.
    let s2 = set(&e.admin, &secret, &[("handler", "甲")]).unwrap();
    let p2 = set(&e.admin, &public, &[("handler", "乙")]).unwrap();
    assert_eq!(pushed(&feed), vec![(public.id, p2.version)]);
    // Raised again, the same feed carries the secret item's changes again.
    change_user(&e.admin, "jimi", |u| {
        u.clearance = Classification::Confidential
    });
    let s3 = set(&e.admin, &s2, &[("handler", "丙")]).unwrap();
    assert_eq!(pushed(&feed), vec![(secret.id, s3.version)]);
    assert_eq!(jimi.get(secret.id).unwrap(), s3);
}

#[test]
fn a_role_change_holds_at_once_in_an_open_session() {
    let e = env();
    let wang = e.user(2001, "wang", Role::Admin, Classification::Internal);
    let it = create(&wang, draft(Kind::Inbox, "來件", &[]));
    assert!(wang.users().is_ok());
    change_user(&e.admin, "wang", |u| u.role = Role::ReadOnly);
    assert_eq!(wang.whoami().unwrap().role, Role::ReadOnly);
    for denied in [
        wang.users().map(|_| ()),
        wang.audit(&AuditFilter::default()).map(|_| ()),
        set(&wang, &it, &[("handler", "王")]).map(|_| ()),
        wang.create_many(vec![draft(Kind::Inbox, "批", &[])])
            .map(|_| ()),
        wang.save_directory(vec![], vec![]),
    ] {
        assert!(matches!(denied, Err(ServiceError::Denied(_))), "{denied:?}");
    }
    // Reading is still allowed.
    assert_eq!(wang.get(it.id).unwrap().id, it.id);
}

#[test]
fn a_disabled_user_is_refused_in_an_open_session_and_hears_nothing() {
    let e = env();
    let wang = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    let other = e.user(2002, "li", Role::Clerk, Classification::Internal);
    let feed = wang.subscribe().unwrap();
    let it = create(&e.admin, draft(Kind::Inbox, "來件", &[]));
    assert_eq!(pushed(&feed), vec![(it.id, 1)]);

    change_user(&e.admin, "wang", |u| u.disabled = true);
    let refusals = [
        wang.whoami().map(|_| ()),
        wang.get(it.id).map(|_| ()),
        wang.list(&Filter::default()).map(|_| ()),
        wang.rows(&Filter::default()).map(|_| ()),
        wang.search("來件", 5).map(|_| ()),
        wang.counts().map(|_| ()),
        set(&wang, &it, &[("handler", "王")]).map(|_| ()),
        wang.subscribe().map(|_| ()),
    ];
    for r in refusals {
        match r {
            Err(ServiceError::Denied(m)) => {
                let m = m.to_string();
                assert!(m.contains("wang") && m.contains("disabled"), "{m}")
            }
            other => panic!("a disabled user got {other:?}"),
        }
    }
    // Pushes are made as the write commits: nothing reached the disabled feed.
    let it2 = set(&e.admin, &it, &[("handler", "李")]).unwrap();
    assert!(pushed(&feed).is_empty());
    // Others are not affected.
    assert_eq!(other.get(it.id).unwrap(), it2);

    change_user(&e.admin, "wang", |u| u.disabled = false);
    let it3 = set(&e.admin, &it2, &[("handler", "趙")]).unwrap();
    assert_eq!(pushed(&feed), vec![(it.id, it3.version)]);
    assert_eq!(wang.get(it.id).unwrap(), it3);
}
