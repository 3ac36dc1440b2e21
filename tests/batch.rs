//! `Service::apply_batch`: several commands in one store write, all or
//! nothing, each item's version checked once, history and audit for each
//! command — in-process (`Core`) and through the daemon (`Client`), by the
//! same test bodies; and `meeting decide`, which is one batch: the 督查
//! item is born 交辦, the meeting moves one version.

mod daemon_support;
mod store_support;

use std::time::Duration;

use shuniu::cli::meetings::{self, MeetingCmd};
use shuniu::core::{AuditFilter, Event, Filter, Service, ServiceError};
use shuniu::model::{
    fields::DateCtx, Act, BatchStep, Command, Item, Kind, Link, LinkRel, Status, WorkCalendar,
};

/// A draft of `kind` with `fields` set as typed, dated by the service's today.
fn draft(svc: &dyn Service, kind: Kind, title: &str, fields: &[(&str, &str)]) -> Item {
    let cal = WorkCalendar::builtin();
    let cx = DateCtx {
        today: svc.today(),
        cal: &cal,
    };
    let mut it = Item::new(kind, title, "", 0);
    for (f, v) in fields {
        it.set(f, v, &cx).unwrap_or_else(|e| panic!("{f}={v}: {e}"));
    }
    it
}

fn create(svc: &dyn Service, it: Item) -> Item {
    svc.apply(Command::Create { item: Box::new(it) }).unwrap()
}

fn mv(svc: &dyn Service, it: &Item, to: Status) -> Item {
    svc.apply(Command::Move {
        id: it.id,
        version: it.version,
        to,
        note: String::new(),
    })
    .unwrap()
}

/// A meeting that has been held (decisions may be filed from it).
fn held_meeting(svc: &dyn Service, title: &str) -> Item {
    let m = create(svc, draft(svc, Kind::Meeting, title, &[]));
    let m = mv(svc, &m, Status::Notified);
    mv(svc, &m, Status::Held)
}

/// A 督查 draft filed from `source` as its decision.
fn decision(svc: &dyn Service, source: &Item, title: &str) -> Item {
    let mut it = draft(svc, Kind::Supervision, title, &[("type", "會議決定")]);
    it.links.push(Link {
        id: source.id,
        rel: LinkRel::Source,
    });
    it
}

fn assign(deadline: &str) -> Command {
    Command::Act {
        id: 0,
        version: 0,
        act: Act::Assign {
            lead: "市住建局".into(),
            assisting: "市財政局".into(),
            deadline: deadline.into(),
            report: "每週".into(),
        },
    }
}

/// Everything a refused batch must leave as it was.
#[derive(Debug, PartialEq)]
struct Snapshot {
    items: Vec<(u64, u64)>,
    history: usize,
    audit: usize,
}

fn snapshot(svc: &dyn Service) -> Snapshot {
    let rows = svc.rows(&Filter::default()).unwrap();
    let mut items: Vec<(u64, u64)> = rows.iter().map(|r| (r.id, r.version)).collect();
    items.sort();
    let history = rows.iter().map(|r| svc.history(r.id).unwrap().len()).sum();
    let audit = svc
        .audit(&AuditFilter::default())
        .unwrap()
        .iter()
        .filter(|e| e.action == "write")
        .count();
    Snapshot {
        items,
        history,
        audit,
    }
}

fn rule(r: shuniu::core::Result<Vec<Item>>) -> String {
    match r {
        Err(ServiceError::Rule(m)) => m.message,
        other => panic!("expected a refusal by rule, got {other:?}"),
    }
}

/// A bad command anywhere in a batch saves nothing of it: not the items
/// created before it, not the sources they link back, not a code, not a
/// history line nor an audit entry.
fn all_or_nothing(svc: &dyn Service) {
    let m = held_meeting(svc, "第5次常務會議");
    let req = create(svc, draft(svc, Kind::Inbox, "市民來電反映路燈", &[]));
    let before = snapshot(svc);
    // 立項, then a 交辦 with a past deadline: refused, and the 立項 with it.
    let r = svc.apply_batch(vec![
        BatchStep::of(Command::Create {
            item: Box::new(decision(svc, &m, "加快老舊小區改造")),
        }),
        BatchStep::on(0, assign("2020-01-01")),
    ]);
    assert!(r.is_err(), "{r:?}");
    assert_eq!(snapshot(svc), before, "nothing half-written");
    assert!(svc
        .rows(&Filter {
            kind: Some(Kind::Supervision),
            ..Filter::default()
        })
        .unwrap()
        .is_empty());
    // A change of one item, then a stale write on another: the conflict
    // comes back whole and the first change is not kept either.
    let r = svc.apply_batch(vec![
        BatchStep::of(Command::Set {
            id: req.id,
            version: req.version,
            fields: vec![("handler".into(), "李明".into())],
        }),
        BatchStep::of(Command::Note {
            id: m.id,
            version: m.version - 1,
            text: "會議紀要待印發".into(),
        }),
    ]);
    match r {
        Err(ServiceError::Conflict {
            id, read, version, ..
        }) => {
            assert_eq!((id, read, version), (m.id, m.version - 1, m.version));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(snapshot(svc), before);
    assert_eq!(svc.get(req.id).unwrap().handler, "");
    // A command on an item no earlier command made; a Create told to work
    // on another item; an empty batch.
    let m1 = rule(svc.apply_batch(vec![BatchStep::on(0, assign("+10"))]));
    assert!(m1.contains("command 1 of 1"), "{m1}");
    let m2 = rule(svc.apply_batch(vec![
        BatchStep::of(Command::Note {
            id: req.id,
            version: req.version,
            text: "已聯繫".into(),
        }),
        BatchStep::on(
            0,
            Command::Create {
                item: Box::new(draft(svc, Kind::Affair, "x", &[])),
            },
        ),
    ]));
    assert!(m2.contains("command 2 of 2"), "{m2}");
    rule(svc.apply_batch(vec![]));
    assert_eq!(snapshot(svc), before);
    // The same batch with a good deadline: the new item takes the first
    // code, as if the refused batches had never been.
    let out = svc
        .apply_batch(vec![
            BatchStep::of(Command::Create {
                item: Box::new(decision(svc, &m, "加快老舊小區改造")),
            }),
            BatchStep::on(0, assign("+20工作日")),
        ])
        .unwrap();
    assert_eq!(out.len(), 2);
    let sv = &out[0];
    assert_eq!(out[1], *sv, "both commands wrote the 督查 item first");
    assert!(sv.code.ends_with("-0001"), "{}", sv.code);
    assert_eq!((sv.status, sv.version), (Status::Assigned, 2));
    assert_eq!(sv.get("lead_unit").as_deref(), Some("市住建局"));
    assert_eq!(svc.get(sv.id).unwrap(), *sv);
    let after = svc.get(m.id).unwrap();
    assert_eq!(after.version, m.version + 1);
    assert!(after
        .links
        .iter()
        .any(|l| l.id == sv.id && l.rel == LinkRel::Derived));
}

/// Several commands on one item name the version read once; each gets its
/// own history entry and audit entry; a stale read refuses them all.
fn one_version_check_per_item(svc: &dyn Service) {
    let it = create(svc, draft(svc, Kind::Inbox, "群眾來信反映停車難", &[]));
    let audit_before = svc.audit(&AuditFilter::default()).unwrap().len();
    let v = it.version;
    let out = svc
        .apply_batch(vec![
            BatchStep::of(Command::Set {
                id: it.id,
                version: v,
                fields: vec![("handler".into(), "李明".into())],
            }),
            BatchStep::of(Command::Set {
                id: it.id,
                version: v,
                fields: vec![("deadline".into(), "+3工作日".into())],
            }),
            BatchStep::of(Command::Note {
                id: it.id,
                version: v,
                text: "已轉交通部門".into(),
            }),
        ])
        .unwrap();
    let now = svc.get(it.id).unwrap();
    assert_eq!(now.version, v + 3);
    assert_eq!(out, vec![now.clone(), now.clone(), now.clone()]);
    assert_eq!(now.handler, "李明");
    assert!(now.deadline.is_some());
    let h = svc.history(it.id).unwrap();
    let actions: Vec<(u64, &str)> = h.iter().map(|e| (e.version, e.action.as_str())).collect();
    assert_eq!(
        actions,
        vec![(1, "建立"), (2, "修改"), (3, "修改"), (4, "備註")]
    );
    let audit = svc.audit(&AuditFilter {
        item: Some(it.id),
        ..AuditFilter::default()
    });
    let writes = audit
        .unwrap()
        .iter()
        .filter(|e| e.action == "write")
        .count();
    assert_eq!(writes, 4, "建立 and one per command");
    assert_eq!(
        svc.audit(&AuditFilter::default()).unwrap().len(),
        audit_before + 3
    );
    // The version read before that batch is stale now: all refused.
    let r = svc.apply_batch(vec![
        BatchStep::of(Command::Note {
            id: it.id,
            version: v,
            text: "又來電催問".into(),
        }),
        BatchStep::of(Command::Set {
            id: it.id,
            version: v,
            fields: vec![("handler".into(), "王麗".into())],
        }),
    ]);
    assert!(
        matches!(
            r,
            Err(ServiceError::Conflict {
                read: 1,
                version: 4,
                ..
            })
        ),
        "{r:?}"
    );
    assert_eq!(svc.get(it.id).unwrap(), now);
}

/// `meeting decide --lead --deadline`: one batch; the 督查 item is 交辦
/// from its first appearance, linked both ways, the meeting one version on.
fn decide(svc: &dyn Service) {
    let m = held_meeting(svc, "第9次常務會議");
    let rx = svc.subscribe().unwrap();
    let mut out = Vec::new();
    meetings::run(
        svc,
        &WorkCalendar::builtin(),
        &[],
        MeetingCmd::Decide {
            item: m.code.clone(),
            text: "年底前完成背街小巷路燈改造".into(),
            lead: Some("市住建局".into()),
            assist: "市財政局".into(),
            deadline: Some("+20工作日".into()),
            report: "每週".into(),
        },
        &mut out,
    )
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    let code = out.split_whitespace().next().unwrap().to_string();
    assert!(
        out.contains(&format!("← {}", m.code)) && out.contains("交辦"),
        "{out}"
    );
    let sv = svc.get_by_code(&code).unwrap();
    assert_eq!((sv.status, sv.version), (Status::Assigned, 2));
    let h = svc.history(sv.id).unwrap();
    assert_eq!(
        h.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["建立", "交辦"]
    );
    assert_eq!(h[0].at, h[1].at, "one write");
    assert!(sv
        .links
        .iter()
        .any(|l| l.id == m.id && l.rel == LinkRel::Source));
    let after = svc.get(m.id).unwrap();
    assert_eq!(after.version, m.version + 1, "one version step");
    assert!(after
        .links
        .iter()
        .any(|l| l.id == sv.id && l.rel == LinkRel::Derived));
    // As pushed: the 督查 item first seen already 交辦, never at 立項; the
    // meeting once, at its one new version.
    let mut first_sv = None;
    let mut m_pushes = vec![];
    while first_sv.is_none() || m_pushes.last().map(|i: &Item| i.version) != Some(after.version) {
        match rx.recv_timeout(Duration::from_secs(10)) {
            Ok(Event::Changed(it)) if it.id == sv.id && first_sv.is_none() => first_sv = Some(*it),
            Ok(Event::Changed(it)) if it.id == m.id => m_pushes.push(*it),
            Ok(_) => {}
            Err(e) => panic!("no push of the decision: {e}"),
        }
    }
    assert_eq!(first_sv.unwrap(), sv);
    assert_eq!(m_pushes, vec![after]);
    // A past deadline: refused in words, nothing saved.
    let before = snapshot(svc);
    let err = meetings::run(
        svc,
        &WorkCalendar::builtin(),
        &[],
        MeetingCmd::Decide {
            item: m.code.clone(),
            text: "另一項決定".into(),
            lead: Some("市住建局".into()),
            assist: String::new(),
            deadline: Some("2020-01-01".into()),
            report: String::new(),
        },
        &mut Vec::new(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("not saved") && err.contains("past"), "{err}");
    assert_eq!(snapshot(svc), before);
}

#[test]
fn a_batch_is_all_or_nothing_in_process() {
    let env = store_support::env();
    all_or_nothing(&env.admin);
}

#[test]
fn a_batch_is_all_or_nothing_through_the_daemon() {
    let dir = tempfile::tempdir().unwrap();
    let d = daemon_support::Daemon::start(dir.path());
    all_or_nothing(&d.client());
}

#[test]
fn a_batch_checks_each_items_version_once_in_process() {
    let env = store_support::env();
    one_version_check_per_item(&env.admin);
}

#[test]
fn a_batch_checks_each_items_version_once_through_the_daemon() {
    let dir = tempfile::tempdir().unwrap();
    let d = daemon_support::Daemon::start(dir.path());
    one_version_check_per_item(&d.client());
}

#[test]
fn decide_files_the_assigned_item_in_one_step_in_process() {
    let env = store_support::env();
    decide(&env.admin);
}

#[test]
fn decide_files_the_assigned_item_in_one_step_through_the_daemon() {
    let dir = tempfile::tempdir().unwrap();
    let d = daemon_support::Daemon::start(dir.path());
    decide(&d.client());
}
