//! 發文 through `Core`: 審核 with its four gates (each passed or returned
//! with a comment), 會簽, the GB/T 9704 format check, 簽發 by a signer only
//! once everything passed, 編號 once, 印製, 核發 with its distribution list,
//! 歸檔 — and every refusal on the way.

mod rules_support;

use rules_support::*;
use shuniu::core::Service;
use shuniu::model::{Act, Gate, Item, Kind, KindData, Status};

fn gate(g: Gate, pass: bool, comment: &str) -> Act {
    Act::Gate {
        gate: g,
        pass,
        comment: comment.into(),
    }
}

fn out(it: &Item) -> &shuniu::model::OutgoingData {
    match &it.data {
        KindData::Outgoing(d) => d,
        other => panic!("{other:?}"),
    }
}

/// A 請示 ready for 審核: prefix, recipients, title ending in its 文種.
fn request(o: &Office) -> Item {
    let d = create(
        &o.clerk,
        draft(
            Kind::Outgoing,
            "關於申請老舊小區改造資金的請示",
            &[
                ("doc_type", "請示"),
                ("prefix", "市政辦"),
                ("recipients", "省人民政府"),
                ("cosigners", "市財政局"),
            ],
        ),
    );
    mv(&o.clerk, &d, Status::Reviewing, "").unwrap()
}

#[test]
fn a_joint_upward_document_from_draft_to_archive() {
    let o = Office::new();
    let doc = request(&o);
    assert_eq!(out(&doc).round, 1, "送審 starts review round 1");

    // 簽發 before the gates: refused, naming every gate not passed.
    let m = rule(mv(&o.leader, &doc, Status::Approved, "李市長"));
    for g in ["文字關", "政策法規關", "格式關", "運轉流程關"] {
        assert!(m.contains(g), "{m}");
    }
    // A gate is passed by office staff, not by a leader or a reader.
    assert!(rule(act(&o.leader, &doc, gate(Gate::Wording, true, ""))).contains("文書"));
    assert!(refused(act(&o.reader, &doc, gate(Gate::Wording, true, ""))).contains("read-only"));
    let doc = act(&o.clerk, &doc, gate(Gate::Wording, true, "")).unwrap();
    assert!(rule(act(&o.clerk, &doc, gate(Gate::Wording, true, ""))).contains("already passed"));
    assert_eq!(last_history(&o.clerk, &doc).0, "文字關通過");

    // A return needs its comment and sends the draft back to 起草.
    assert!(rule(act(&o.clerk, &doc, gate(Gate::Policy, false, ""))).contains("comment"));
    let back = act(&o.clerk, &doc, gate(Gate::Policy, false, "引用文件已廢止")).unwrap();
    assert_eq!(back.status, Status::Drafting);
    assert!(back.get("gates").unwrap().contains("政策法規關退回"));
    let (action, note) = last_history(&o.clerk, &back);
    assert_eq!(
        (action.as_str(), note.as_str()),
        ("政策法規關退回", "引用文件已廢止")
    );
    assert!(back.notes.last().unwrap().text.contains("引用文件已廢止"));

    // Resubmitted: a new round, every gate to pass again.
    let doc = mv(&o.clerk, &back, Status::Reviewing, "").unwrap();
    assert_eq!(out(&doc).round, 2);
    assert!(doc.get("gates").unwrap().starts_with("第2輪：文字關待審"));
    let mut doc = doc;
    for g in Gate::ALL {
        doc = act(&o.director, &doc, gate(*g, true, "")).unwrap();
    }

    // 會簽: only a listed unit, once; 簽發 waits for every signature.
    let m = rule(mv(&o.leader, &doc, Status::Approved, "李市長"));
    assert!(m.contains("會簽") && m.contains("市財政局"), "{m}");
    let cosign = |u: &str| Act::CoSign {
        unit: u.into(),
        note: "同意".into(),
    };
    assert!(rule(act(&o.clerk, &doc, cosign("市教育局"))).contains("not a co-signer"));
    let doc = act(&o.clerk, &doc, cosign("市財政局")).unwrap();
    assert!(rule(act(&o.clerk, &doc, cosign("市財政局"))).contains("already signed"));
    assert!(
        set(&o.clerk, &doc, &[("cosigners", "市教育局")]).is_err(),
        "a unit that signed stays on the list"
    );

    // 簽發: a signer role only; a 上行文 names its 簽發人.
    assert!(rule(mv(&o.clerk, &doc, Status::Approved, "")).contains("領導"));
    assert!(rule(mv(&o.leader, &doc, Status::Approved, "")).contains("簽發人"));
    let doc = mv(&o.leader, &doc, Status::Approved, "李市長").unwrap();
    assert_eq!(out(&doc).signer, "李市長");
    assert_eq!(out(&doc).sign_date, Some(today()));

    // 編號 once; the 文號 is never reissued.
    let doc = mv(&o.clerk, &doc, Status::Numbered, "").unwrap();
    assert_eq!(doc.get("doc_no").unwrap(), "市政辦〔2026〕1號");
    assert!(rule(mv(&o.clerk, &doc, Status::Numbered, "")).contains("cannot move"));
    let doc = set(&o.clerk, &doc, &[("copies", "3")]).unwrap();
    let doc = mv(&o.clerk, &doc, Status::Printing, "").unwrap();

    // 核發 needs the distribution list, within the copies printed.
    assert!(rule(mv(&o.clerk, &doc, Status::Issued, "")).contains("distribution"));
    let doc = set(
        &o.clerk,
        &doc,
        &[("distribution", "省人民政府×2、市財政局×2")],
    )
    .unwrap();
    let m = rule(mv(&o.clerk, &doc, Status::Issued, ""));
    assert!(m.contains("4 copies") && m.contains("3"), "{m}");
    let doc = set(
        &o.clerk,
        &doc,
        &[("distribution", "省人民政府×2、市財政局")],
    )
    .unwrap();
    let doc = mv(&o.clerk, &doc, Status::Issued, "").unwrap();
    let doc = mv(&o.clerk, &doc, Status::Archived, "").unwrap();
    assert_eq!(doc.status, Status::Archived);
    assert!(o.admin.check().unwrap().ok());

    // The whole review is in the history.
    let actions: Vec<String> = o
        .clerk
        .history(doc.id)
        .unwrap()
        .into_iter()
        .map(|h| h.action)
        .collect();
    for a in [
        "文字關通過",
        "政策法規關退回",
        "送審",
        "運轉流程關通過",
        "會簽",
        "簽發",
        "編號",
        "核發",
    ] {
        assert!(
            actions.iter().any(|x| x == a),
            "{a} missing from {actions:?}"
        );
    }
}

#[test]
fn the_format_check_refuses_signing_until_its_findings_are_fixed() {
    let o = Office::new();
    let d = create(
        &o.clerk,
        draft(
            Kind::Outgoing,
            "冬季安全生產",
            &[("prefix", "市政辦發"), ("classification", "秘密")],
        ),
    );
    let mut doc = mv(&o.clerk, &d, Status::Reviewing, "").unwrap();
    for g in Gate::ALL {
        doc = act(&o.clerk, &doc, gate(*g, true, "")).unwrap();
    }
    let m = rule(mv(&o.leader, &doc, Status::Approved, ""));
    for f in ["title", "copy_no", "recipients"] {
        assert!(m.contains(f), "{f}: {m}");
    }
    assert!(m.contains("GB/T 9704"), "{m}");
    assert_eq!(o.admin.get(doc.id).unwrap(), doc, "nothing changed");
    let doc = set(
        &o.clerk,
        &doc,
        &[
            ("title", "關於做好冬季安全生產工作的通知"),
            ("copy_no", "000001"),
            ("recipients", "各區縣人民政府"),
        ],
    )
    .unwrap();
    // The title changed under review: round 2, the gates to pass again.
    assert_eq!(out(&doc).round, 2);
    assert!(rule(mv(&o.leader, &doc, Status::Approved, "")).contains("not passed"));
    let mut doc = doc;
    for g in Gate::ALL {
        doc = act(&o.clerk, &doc, gate(*g, true, "")).unwrap();
    }
    // Not every edit does: the 份號 is no part of the text reviewed.
    let doc = set(&o.clerk, &doc, &[("copy_no", "000002")]).unwrap();
    assert_eq!(out(&doc).round, 2);
    let doc = mv(&o.leader, &doc, Status::Approved, "").unwrap();
    assert_eq!(out(&doc).signer, "李市長", "the signer's own name");
}

#[test]
fn review_steps_on_a_document_not_under_review_are_refused() {
    let o = Office::new();
    let d = create(&o.clerk, draft(Kind::Outgoing, "關於X的通知", &[]));
    let m = rule(act(&o.clerk, &d, gate(Gate::Format, true, "")));
    assert!(m.contains("審核"), "{m}");
    let inc = create(&o.clerk, draft(Kind::Incoming, "來文", &[]));
    let m = rule(act(&o.clerk, &inc, gate(Gate::Format, true, "")));
    assert!(m.contains("發文"), "{m}");
}
