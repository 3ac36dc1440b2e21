//! 發文字號 and routing through `Core` on a real sled folder: numbers
//! allocated once, in order, per prefix and year, and inbox requests routed
//! into linked items.

mod store_support;

use std::sync::{Arc, Barrier};

use shuniu::core::{Core, Service, ServiceError};
use shuniu::model::{
    Classification, Command, DocNo, Item, Kind, KindData, Link, LinkRel, Note, Role, Status,
};
use store_support::*;

// ------------------------------------------------------------ 發文字號

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

#[test]
fn a_new_year_starts_numbering_at_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (n1, n2, waiting) = {
        let admin = Core::for_uid(engine_at(&data, at(2026, 12, 31, 16)), 1000, "admin").unwrap();
        let n1 = mv(
            &admin,
            &approved(&admin, "關於歲末檢查的通知", "市政辦發"),
            Status::Numbered,
            "",
        )
        .unwrap();
        let n2 = mv(
            &admin,
            &approved(&admin, "關於年終總結的通知", "市政辦發"),
            Status::Numbered,
            "",
        )
        .unwrap();
        // Signed off in the old year, numbered in the new one.
        let waiting = approved(&admin, "關於跨年值班的通知", "市政辦發");
        assert_eq!(waiting.code, "發2026-0003");
        (n1, n2, waiting)
    };
    assert_eq!(n1.get("doc_no").unwrap(), "市政辦發〔2026〕1號");
    assert_eq!(n2.get("doc_no").unwrap(), "市政辦發〔2026〕2號");

    let admin = Core::for_uid(engine_at(&data, at(2027, 1, 4, 9)), 1000, "admin").unwrap();
    let late = mv(&admin, &waiting, Status::Numbered, "").unwrap();
    assert_eq!(
        doc_no(&late),
        DocNo {
            prefix: "市政辦發".into(),
            year: 2027,
            seq: 1
        }
    );
    let next = mv(
        &admin,
        &approved(&admin, "關於新年工作的通知", "市政辦發"),
        Status::Numbered,
        "",
    )
    .unwrap();
    assert_eq!(next.get("doc_no").unwrap(), "市政辦發〔2027〕2號");
    // Item codes start again too; last year's numbers still find their documents.
    assert_eq!(next.code, "發2027-0001");
    assert_eq!(admin.get_by_code("市政辦發〔2026〕2號").unwrap().id, n2.id);
    assert_eq!(
        admin.get_by_code("市政辦發〔2027〕1號").unwrap().id,
        late.id
    );
    let report = admin.check().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
}
