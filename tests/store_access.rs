//! Who may see and do what through `Core` on a real sled folder: clearance
//! (an item above it does not exist), roles, the audit trail of writes and
//! of every read of a 機密/絕密 item, and user changes reaching sessions
//! that are already open.

mod store_support;

use std::collections::HashSet;

use shuniu::core::{AuditFilter, Core, Event, Filter, Found, Service, ServiceError};
use shuniu::model::{Classification, Command, Item, Kind, Person, Role, Status};
use store_support::*;

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
        ServiceError::NotFound(shuniu::core::Missing::Item(secret.id))
    );
    assert_eq!(
        low.get(999).unwrap_err(),
        ServiceError::NotFound(shuniu::core::Missing::Item(999))
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
            let m = m.to_string();
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
            m.to_string().contains("stranger") && m.to_string().contains("not a shuniu user"),
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
    assert!(matches!(
        Core::for_uid(e.engine.clone(), 2001, "gone"),
        Err(ServiceError::Denied(shuniu::core::Denial::Disabled { .. }))
    ));
}

// ------------------------------------------------------------ audit trail

/// The audit entries `audit --item id` finds.
fn about(core: &Core, id: u64) -> Vec<shuniu::model::AuditEntry> {
    core.audit(&AuditFilter {
        item: Some(id),
        ..AuditFilter::default()
    })
    .unwrap()
}

#[test]
fn listing_classified_items_is_audited_naming_each_of_them() {
    let e = env();
    let high = e.user(2001, "jimi", Role::Clerk, Classification::Confidential);
    let secret = create(
        &e.admin,
        draft(Kind::Inbox, "機密甲", &[("classification", "機密")]),
    );
    let public = create(&e.admin, draft(Kind::Inbox, "公開件", &[]));
    let top = create(
        &e.admin,
        draft(Kind::Inbox, "絕密件", &[("classification", "絕密")]),
    );
    let secret2 = create(
        &e.admin,
        draft(Kind::Inbox, "機密乙", &[("classification", "機密")]),
    );
    let reads = |id: u64, who: &str| {
        about(&e.admin, id)
            .into_iter()
            .filter(|a| a.action == "read" && a.user == who)
            .collect::<Vec<_>>()
    };
    assert!(reads(secret.id, "jimi").is_empty());

    // What `ls --json` and `export` do: whole items through `list`.
    let listed = high.list(&Filter::default()).unwrap();
    let ids: HashSet<u64> = listed.iter().map(|i| i.id).collect();
    assert_eq!(ids, HashSet::from([secret.id, public.id, secret2.id]));
    let (a, b) = (reads(secret.id, "jimi"), reads(secret2.id, "jimi"));
    assert_eq!((a.len(), b.len()), (1, 1), "{a:?} {b:?}");
    assert_eq!(a, b, "one entry for the whole list names both");
    assert!(a[0].detail.contains("2 件"), "{:?}", a[0]);
    // Neither the public item nor the one above jimi's clearance was read.
    assert!(reads(public.id, "jimi").is_empty());
    assert!(reads(top.id, "jimi").is_empty());

    // A list without classified items leaves no trace; a filtered one names only what it returned.
    let before = e.admin.audit(&AuditFilter::default()).unwrap().len();
    high.list(&Filter {
        text: Some("公開件".into()),
        ..Filter::default()
    })
    .unwrap();
    assert_eq!(
        e.admin.audit(&AuditFilter::default()).unwrap().len(),
        before
    );
    high.list(&Filter {
        text: Some("機密乙".into()),
        ..Filter::default()
    })
    .unwrap();
    assert_eq!(reads(secret2.id, "jimi").len(), 2);
    assert_eq!(reads(secret.id, "jimi").len(), 1);
    let one = reads(secret2.id, "jimi").pop().unwrap();
    assert_eq!(
        one.item,
        Some(secret2.id),
        "an entry about one item carries it"
    );
}

#[test]
fn every_item_of_a_bulk_create_is_found_in_the_audit_trail() {
    let e = env();
    let clerk = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    let first = create(&clerk, draft(Kind::Inbox, "在先", &[]));
    let drafts: Vec<Item> = (0..5)
        .map(|i| draft(Kind::Inbox, &format!("批量{i}"), &[]))
        .collect();
    let ids = clerk.create_many(drafts).unwrap();
    assert_eq!(ids.len(), 5);
    let one = create(&clerk, draft(Kind::Inbox, "在後", &[]));
    for id in &ids {
        let found = about(&e.admin, *id);
        let writes: Vec<_> = found.iter().filter(|a| a.action == "write").collect();
        assert_eq!(writes.len(), 1, "item {id}: {found:?}");
        assert_eq!(writes[0].user, "wang");
        assert!(writes[0].detail.contains("建立 5 件"), "{:?}", writes[0]);
    }
    // Its neighbours' entries are their own.
    for it in [&first, &one] {
        let found = about(&e.admin, it.id);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].detail, "建立");
    }
    // A batch of one names its item directly.
    let single = clerk
        .create_many(vec![draft(Kind::Inbox, "單件", &[])])
        .unwrap();
    assert_eq!(about(&e.admin, single[0])[0].item, Some(single[0]));
}

#[test]
fn directory_changes_are_audited() {
    let e = env();
    let clerk = e.user(2001, "wang", Role::Clerk, Classification::Internal);
    clerk
        .save_directory(
            vec![shuniu::model::Unit {
                key: "lyj".into(),
                name: "市林業局".into(),
                abbreviations: vec!["林業局".into()],
                phone: "0571-87009999".into(),
                doc_prefix: "市林發".into(),
            }],
            vec![Person {
                id: 0,
                name: "趙林".into(),
                unit: "市林業局".into(),
                title: "科長".into(),
                phones: vec!["13711112222".into()],
                notes: String::new(),
            }],
        )
        .unwrap();
    let trail = e
        .admin
        .audit(&AuditFilter {
            user: Some("wang".into()),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(trail.len(), 1, "{trail:?}");
    let entry = &trail[0];
    assert_eq!((entry.action.as_str(), entry.item), ("directory", None));
    assert!(
        entry.detail.contains("1 個單位") && entry.detail.contains("lyj"),
        "{entry:?}"
    );
    assert!(
        entry.detail.contains("1 位人員") && entry.detail.contains("趙林"),
        "{entry:?}"
    );
    // A refused directory write (a viewer may not) leaves no entry.
    let viewer = e.user(2002, "kan", Role::ReadOnly, Classification::Internal);
    assert!(viewer.save_directory(vec![], vec![]).is_err());
    assert!(e
        .admin
        .audit(&AuditFilter {
            user: Some("kan".into()),
            ..AuditFilter::default()
        })
        .unwrap()
        .is_empty());
}

#[test]
fn audit_since_a_day_keeps_that_day_and_later() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // One session a day, each on the folder as the day before left it.
    for (day, title) in [(20, "二十日件"), (23, "二十三日件"), (24, "二十四日件")] {
        let admin = Core::for_uid(engine_at(&data, at(2026, 11, day, 17)), 1000, "admin").unwrap();
        create(&admin, draft(Kind::Inbox, title, &[]));
    }
    let admin = Core::for_uid(engine_at(&data, at(2026, 11, 25, 9)), 1000, "admin").unwrap();
    let since = |d: u32| -> Vec<String> {
        admin
            .audit(&AuditFilter {
                since: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap()),
                ..AuditFilter::default()
            })
            .unwrap()
            .into_iter()
            .filter_map(|e| e.item)
            .map(|id| admin.get(id).unwrap().title)
            .collect()
    };
    assert_eq!(since(1), ["二十日件", "二十三日件", "二十四日件"]);
    assert_eq!(since(21), ["二十三日件", "二十四日件"]);
    // A day counts from its midnight, office time: 17:00 on the 23rd is in.
    assert_eq!(since(23), ["二十三日件", "二十四日件"]);
    assert_eq!(since(24), ["二十四日件"]);
    assert!(since(25).is_empty());
}
