//! User changes reaching connections that are already open, over a real
//! daemon socket. Every client here is the test's own Unix account, so one
//! connection changes the user all of them are; `daemon_users.rs` does the
//! same with real accounts when run as root.

mod daemon_support;

use std::time::Duration;

use daemon_support::Daemon;
use shuniu::client::{Client, ConnectError};
use shuniu::core::{Event, Filter, Service, ServiceError};
use shuniu::model::{Command, Item, Kind};

fn inbox(title: &str) -> Item {
    Item::new(Kind::Inbox, title, "", 0)
}

fn create(c: &Client, title: &str) -> Item {
    c.apply(Command::Create {
        item: Box::new(inbox(title)),
    })
    .unwrap()
}

/// Saves the connected user's own record after `change` (every client of
/// these tests is the same Unix account, so this is how one of them changes
/// the user all of them are).
fn change_me(c: &Client, change: impl FnOnce(&mut shuniu::model::User)) {
    let mut me = c.whoami().unwrap();
    change(&mut me);
    c.save_user(me).unwrap();
}

#[test]
fn a_lowered_clearance_and_a_disabled_account_reach_open_connections() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let a = d.client();
    let b = d.client();
    let feed = b.subscribe().unwrap();
    let mut secret = inbox("機密來件");
    secret.classification = shuniu::model::Classification::Confidential;
    secret.secrecy_years = Some(10);
    let secret = a
        .apply(Command::Create {
            item: Box::new(secret),
        })
        .unwrap();
    let public = create(&a, "公開來件");
    for want in [&secret, &public] {
        match feed.recv_timeout(Duration::from_secs(10)).unwrap() {
            Event::Changed(got) => assert_eq!(got.id, want.id),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(b.get(secret.id).unwrap().id, secret.id);

    // The clearance drops while B stays connected: B's very next requests obey it.
    change_me(&a, |u| {
        u.clearance = shuniu::model::Classification::Internal
    });
    assert_eq!(
        b.whoami().unwrap().clearance,
        shuniu::model::Classification::Internal
    );
    assert!(matches!(b.get(secret.id), Err(ServiceError::NotFound(_))));
    let listed: Vec<u64> = b
        .list(&Filter::default())
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(listed, vec![public.id]);
    assert!(b
        .search("機密來件", 10)
        .unwrap()
        .iter()
        .all(|f| !matches!(f, shuniu::core::Found::Item(r) if r.id == secret.id)));
    // B's feed, opened before, still carries what B may see.
    let p2 = a
        .apply(Command::Set {
            id: public.id,
            version: public.version,
            fields: vec![("handler".into(), "李明".into())],
        })
        .unwrap();
    match feed.recv_timeout(Duration::from_secs(10)).unwrap() {
        Event::Changed(got) => assert_eq!(*got, p2),
        other => panic!("{other:?}"),
    }

    // Disabled: every request on the open connection is refused, in words.
    change_me(&a, |u| u.disabled = true);
    for r in [
        b.whoami().map(|_| ()),
        b.list(&Filter::default()).map(|_| ()),
        b.get(public.id).map(|_| ()),
        a.get(public.id).map(|_| ()),
    ] {
        match r {
            Err(ServiceError::Denied(m)) => {
                assert!(matches!(m, shuniu::core::Denial::Disabled { .. }), "{m}")
            }
            other => panic!("a disabled account got {other:?}"),
        }
    }
    // And a new connection is refused at the handshake.
    match Client::connect(&d.socket) {
        Err(ConnectError::Refused(m)) => assert!(m.contains("disabled"), "{m}"),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a disabled account connected"),
    }
}

#[test]
fn a_role_change_reaches_open_connections() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let a = d.client();
    let b = d.client();
    let it = create(&a, "來件");
    assert!(b.users().is_ok());
    change_me(&a, |u| u.role = shuniu::model::Role::ReadOnly);
    assert!(matches!(b.users(), Err(ServiceError::Denied(_))));
    match b.apply(Command::Set {
        id: it.id,
        version: it.version,
        fields: vec![("handler".into(), "王麗".into())],
    }) {
        Err(ServiceError::Denied(m)) => assert!(m.to_string().contains("read-only"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(b.get(it.id).unwrap(), it, "reading is still allowed");
}
