//! The office's rules through `Core` (so through the same path as the TUI,
//! the CLI and the daemon): 督查 from 立項 to 銷號 and 收文 from 簽收 to
//! 歸檔 with the 傳閱 tracker — every new step and every refusal.
//! 發文 (審核 gates, 會簽, 簽發, 編號, 核發) is in `workflow_docs.rs`.

mod rules_support;

use rules_support::*;
use shuniu::core::Service;
use shuniu::model::{
    Act, Kind, KindData, Link, LinkRel, ReminderReason, ReportCycle, Status, SupervisionSource,
};

fn assign(lead: &str, assisting: &str, deadline: &str, report: &str) -> Act {
    Act::Assign {
        lead: lead.into(),
        assisting: assisting.into(),
        deadline: deadline.into(),
        report: report.into(),
    }
}

fn progress(text: &str, on: &str) -> Act {
    Act::Progress {
        on: on.into(),
        text: text.into(),
        milestone: false,
    }
}

fn sv(it: &shuniu::model::Item) -> &shuniu::model::SupervisionData {
    match &it.data {
        KindData::Supervision(d) => d,
        other => panic!("{other:?}"),
    }
}

#[test]
fn supervision_from_a_meeting_decision_to_settled() {
    let o = Office::new();
    let meeting = create(&o.clerk, draft(Kind::Meeting, "第12次常務會議", &[]));
    let mut task = draft(Kind::Supervision, "推進老舊小區改造", &[]);
    task.links.push(Link {
        id: meeting.id,
        rel: LinkRel::Source,
    });
    // Not before the meeting is held.
    let m = rule(o.inspector.apply(shuniu::model::Command::Create {
        item: Box::new(task.clone()),
    }));
    assert!(m.contains("held"), "{m}");
    let meeting = mv(&o.clerk, &meeting, Status::Notified, "").unwrap();
    mv(&o.clerk, &meeting, Status::Held, "").unwrap();
    // 立項 from the meeting: linked both ways, the source says 會議決定.
    let task = create(&o.inspector, task);
    assert_eq!(sv(&task).source, SupervisionSource::MeetingDecision);
    let meeting = o.clerk.get(meeting.id).unwrap();
    assert!(meeting
        .links
        .iter()
        .any(|l| l.id == task.id && l.rel == LinkRel::Derived));
    assert_eq!(last_history(&o.clerk, &meeting).0, "立項");

    // 交辦: refused without a deadline, with two lead units, with a past
    // deadline, and for a clerk; accepted in one step by an inspector.
    let m = rule(act(&o.inspector, &task, assign("市住建局", "", "", "")));
    assert!(m.contains("deadline"), "{m}");
    let m = refused(act(
        &o.inspector,
        &task,
        assign("市住建局、市財政局", "", "+5", ""),
    ));
    assert!(m.contains("exactly one"), "{m}");
    let m = rule(act(
        &o.inspector,
        &task,
        assign("市住建局", "", "2026-11-01", ""),
    ));
    assert!(m.contains("past"), "{m}");
    let m = rule(act(&o.clerk, &task, assign("市住建局", "", "+5", "")));
    assert!(m.contains("交辦") && m.contains("督查員"), "{m}");
    assert_eq!(
        o.admin.get(task.id).unwrap(),
        task,
        "refusals change nothing"
    );
    let task = act(
        &o.inspector,
        &task,
        assign("市住建局", "市財政局、市發改委", "+10工作日", "每週"),
    )
    .unwrap();
    assert_eq!(task.status, Status::Assigned);
    assert_eq!(task.deadline, Some(d("2026-12-09")), "10 working days on");
    assert_eq!(sv(&task).report, ReportCycle::Weekly);
    assert_eq!(sv(&task).assigned_on, Some(today()));
    assert_eq!(sv(&task).assisting, ["市財政局", "市發改委"]);

    // No progress before 簽收; 簽收 records who and when.
    let m = rule(act(&o.clerk, &task, progress("已開工", "")));
    assert!(m.contains("承辦"), "{m}");
    let task = mv(&o.clerk, &task, Status::Handling, "").unwrap();
    assert_eq!(sv(&task).accepted_by, "wang");
    assert_eq!(sv(&task).accepted_at, Some(now()));

    // Progress: dated, by whom; not empty, not in the future, not read-only.
    assert!(rule(act(&o.clerk, &task, progress(" ", ""))).contains("progress"));
    assert!(rule(act(&o.clerk, &task, progress("x", "明天"))).contains("future"));
    assert!(refused(act(&o.reader, &task, progress("x", ""))).contains("read-only"));
    let task = act(&o.clerk, &task, progress("完成選址和立項", "昨天")).unwrap();
    assert_eq!(sv(&task).progress[0].on, d("2026-11-24"));
    assert_eq!(sv(&task).progress[0].by, "wang");
    assert_eq!(last_history(&o.clerk, &task).0, "進展");

    // 臨近提醒: a note, no status change, once a day; supervisors only.
    let warn = |t: &str| Act::Remind {
        reason: ReminderReason::Approaching,
        text: t.into(),
    };
    assert!(rule(act(&o.clerk, &task, warn("快到期"))).contains("督查員"));
    let task = act(&o.inspector, &task, warn("距期限還有3個工作日")).unwrap();
    assert_eq!((task.status, sv(&task).reminders), (Status::Handling, 0));
    assert!(rule(act(&o.inspector, &task, warn("再提醒"))).contains("already"));

    // 催辦 (a report late): moves to 催辦 and counts.
    let urge = Act::Remind {
        reason: ReminderReason::ReportDue,
        text: "請報送進展".into(),
    };
    let task = act(&o.inspector, &task, urge).unwrap();
    assert_eq!((task.status, sv(&task).reminders), (Status::Urging, 1));
    assert_eq!(sv(&task).reminded[1].reason, ReminderReason::ReportDue);
    let task = mv(&o.clerk, &task, Status::Handling, "").unwrap();

    // 辦結報告 needs its result; 銷號 needs 複核 first; 複核 is for supervisors.
    assert!(rule(mv(&o.clerk, &task, Status::Completed, "")).contains("result"));
    let task = mv(&o.clerk, &task, Status::Completed, "按期完成改造").unwrap();
    assert_eq!(sv(&task).completed_on, Some(today()));
    assert!(rule(mv(&o.inspector, &task, Status::Settled, "")).contains("複核"));
    assert!(rule(mv(&o.clerk, &task, Status::Verified, "")).contains("督查員"));
    // 退回重辦 from 複核 clears the completion.
    let task = mv(&o.inspector, &task, Status::Verified, "").unwrap();
    assert_eq!(sv(&task).verified_by, "周督查");
    assert!(rule(mv(&o.inspector, &task, Status::Handling, "")).contains("reason"));
    let redo = mv(&o.inspector, &task, Status::Handling, "資料不全").unwrap();
    assert_eq!(
        (sv(&redo).completed_on, sv(&redo).verified_by.as_str()),
        (None, "")
    );
    let task = mv(&o.clerk, &redo, Status::Completed, "已補充資料").unwrap();
    let task = mv(&o.director, &task, Status::Verified, "").unwrap();
    let task = mv(&o.inspector, &task, Status::Settled, "").unwrap();
    assert_eq!(task.status, Status::Settled);
    assert!(o.admin.check().unwrap().ok());
}

#[test]
fn an_item_urged_before_it_was_signed_for_is_signed_for_on_resumption() {
    let o = Office::new();
    let task = create(&o.inspector, draft(Kind::Supervision, "專項整治", &[]));
    let task = act(&o.inspector, &task, assign("市公安局", "", "+3", "按節點")).unwrap();
    let task = mv(&o.inspector, &task, Status::Urging, "請儘快簽收").unwrap();
    assert_eq!(sv(&task).reminded[0].reason, ReminderReason::Manual);
    let task = mv(&o.clerk, &task, Status::Handling, "").unwrap();
    assert_eq!(sv(&task).accepted_by, "wang");
}

#[test]
fn incoming_from_receipt_to_archive_with_circulation() {
    let o = Office::new();
    // Routed from an inbox request: the 收件 is the sender's record.
    let req = create(
        &o.clerk,
        draft(Kind::Inbox, "市教育局來文", &[("from", "市教育局")]),
    );
    let doc = o
        .clerk
        .apply(shuniu::model::Command::Route {
            id: req.id,
            version: req.version,
            to: Kind::Incoming,
        })
        .unwrap();
    let KindData::Incoming(i) = &doc.data else {
        panic!()
    };
    assert_eq!(
        (i.copies, i.signed_by.as_str()),
        (1, "wang"),
        "簽收 recorded"
    );

    // 登記 needs the count.
    let zero = set(&o.clerk, &doc, &[("copies", "0")]).unwrap();
    assert!(rule(mv(&o.clerk, &zero, Status::Registered, "")).contains("copies"));
    let doc = set(&o.clerk, &zero, &[("copies", "3")]).unwrap();
    let doc = mv(&o.clerk, &doc, Status::Registered, "").unwrap();

    // 初審 return: a reason, kept on the document and on the sender's record.
    assert!(rule(mv(&o.clerk, &doc, Status::Returned, " ")).contains("reason"));
    let back = mv(&o.clerk, &doc, Status::Returned, "文種使用不當").unwrap();
    let KindData::Incoming(i) = &back.data else {
        panic!()
    };
    assert_eq!(i.returns[0].text, "文種使用不當");
    let req = o.clerk.get(req.id).unwrap();
    assert!(req.notes.last().unwrap().text.contains("文種使用不當"));
    assert_eq!(last_history(&o.clerk, &req).0, "退文");

    // Back on track: a 批辦件 cannot go straight to 傳閱.
    let doc = mv(&o.clerk, &back, Status::Registered, "").unwrap();
    let doc = mv(&o.clerk, &doc, Status::Reviewed, "").unwrap();
    let doc = mv(&o.clerk, &doc, Status::Proposed, "").unwrap();
    assert!(rule(mv(&o.clerk, &doc, Status::Circulating, "")).contains("閱知件"));
    // 承辦: exactly one lead unit, before which it is refused.
    let doc = mv(&o.leader, &doc, Status::Instructed, "請教育局辦理").unwrap();
    assert!(rule(mv(&o.clerk, &doc, Status::Handling, "")).contains("lead unit"));
    assert!(set(&o.clerk, &doc, &[("lead_unit", "市教育局、市財政局")]).is_err());
    let doc = set(&o.clerk, &doc, &[("lead_unit", "市教育局")]).unwrap();
    let doc = mv(&o.clerk, &doc, Status::Handling, "").unwrap();
    let doc = mv(&o.clerk, &doc, Status::Circulating, "").unwrap();

    // 傳閱: hand out, not twice to the same reader; 催收; give back.
    let out = |h: &str| Act::Circulate { holder: h.into() };
    let doc = act(&o.clerk, &doc, out("李市長")).unwrap();
    assert!(rule(act(&o.clerk, &doc, out("李市長"))).contains("already holds"));
    let doc = act(&o.clerk, &doc, out("趙主任")).unwrap();
    let doc = act(
        &o.clerk,
        &doc,
        Act::Chase {
            holder: "李市長".into(),
        },
    )
    .unwrap();
    assert!(doc.notes.last().unwrap().text.contains("催收"));
    let m = rule(act(
        &o.clerk,
        &doc,
        Act::Chase {
            holder: "張三".into(),
        },
    ));
    assert!(m.contains("does not hold"), "{m}");
    let doc = act(
        &o.leader,
        &doc,
        Act::GiveBack {
            holder: "李市長".into(),
        },
    )
    .unwrap();
    // 辦結 while a copy is out is refused; 收回 recalls every copy.
    let m = rule(mv(&o.clerk, &doc, Status::Completed, "已答復"));
    assert!(m.contains("趙主任") && m.contains("still holds"), "{m}");
    let doc = mv(&o.clerk, &doc, Status::Handling, "").unwrap();
    let KindData::Incoming(i) = &doc.data else {
        panic!()
    };
    assert!(i.circulation.iter().all(|c| c.back.is_some()));
    assert_eq!(i.circulation[0].chased, 1);
    let doc = mv(&o.clerk, &doc, Status::Completed, "已書面答復").unwrap();
    let doc = mv(&o.clerk, &doc, Status::Archived, "").unwrap();
    assert_eq!(doc.status, Status::Archived);
}

#[test]
fn a_document_for_reading_goes_from_proposal_to_readers_and_needs_no_result() {
    let o = Office::new();
    let doc = create(
        &o.clerk,
        draft(Kind::Incoming, "省政府通報", &[("for_reading", "閱知件")]),
    );
    let mut doc = doc;
    for to in [Status::Registered, Status::Reviewed, Status::Proposed] {
        doc = mv(&o.clerk, &doc, to, "").unwrap();
    }
    let doc = mv(&o.clerk, &doc, Status::Circulating, "").unwrap();
    let doc = act(
        &o.clerk,
        &doc,
        Act::Circulate {
            holder: "li".into(),
        },
    )
    .unwrap();
    let doc = act(
        &o.clerk,
        &doc,
        Act::GiveBack {
            holder: "li".into(),
        },
    )
    .unwrap();
    let doc = mv(&o.clerk, &doc, Status::Completed, "").unwrap();
    assert_eq!(doc.get("result").unwrap(), "已閱");
    mv(&o.clerk, &doc, Status::Archived, "").unwrap();
}

#[test]
fn acts_on_the_wrong_kind_or_status_are_refused() {
    let o = Office::new();
    let doc = create(&o.clerk, draft(Kind::Incoming, "來文", &[]));
    let m = rule(act(&o.clerk, &doc, progress("x", "")));
    assert!(m.contains("督查"), "{m}");
    let m = rule(act(
        &o.clerk,
        &doc,
        Act::Circulate {
            holder: "li".into(),
        },
    ));
    assert!(m.contains("傳閱"), "{m}");
    let task = create(&o.inspector, draft(Kind::Supervision, "督查", &[]));
    let m = rule(act(
        &o.inspector,
        &task,
        Act::Remind {
            reason: ReminderReason::Overdue,
            text: "逾期".into(),
        },
    ));
    assert!(m.contains("交辦"), "{m}");
}

#[test]
fn archiving_a_finished_item_without_its_result_is_refused() {
    let o = Office::new();
    // An import (a restore, old data) can hold a 辦結 item with no result.
    let mut it = draft(Kind::Affair, "接待來訪", &[]);
    it.status = Status::Completed;
    let id = o.admin.create_many(vec![it]).unwrap()[0];
    let it = o.admin.get(id).unwrap();
    let m = rule(mv(&o.clerk, &it, Status::Archived, ""));
    assert!(m.contains("result"), "{m}");
    let it = set(&o.clerk, &it, &[("result", "已妥善接待")]).unwrap();
    mv(&o.clerk, &it, Status::Archived, "").unwrap();
}
