//! 督查 follow-up as pure functions: when a report falls due, the traffic
//! lights, the reminder sweep, and the 通報 statistics checked against a
//! small fixture counted by hand; and 立項 from a source item through the
//! Service (the source type inferred from its kind).

mod rules_support;

use rules_support::{create, d, draft, now, today, Office};
use shuniu::cli::report::{supervision_csv, supervision_md};
use shuniu::core::Service;
use shuniu::model::{
    supervision::{due, light, report_due, sweep, Light, Thresholds},
    sv_stats::unit_stats,
    Item, Kind, KindData, Link, LinkRel, Progress, Reminder, ReminderReason, ReportCycle, Status,
    SupervisionSource, WorkCalendar,
};

fn cal() -> WorkCalendar {
    WorkCalendar::builtin()
}

/// A 督查 item of `unit` in `status` due on `deadline`.
fn task(id: u64, unit: &str, status: Status, deadline: &str) -> Item {
    let mut it = Item::new(Kind::Supervision, format!("督查事項{id}"), "t", now());
    it.id = id;
    it.code = format!("督2026-{id:04}");
    it.status = status;
    it.deadline = Some(d(deadline));
    if let KindData::Supervision(s) = &mut it.data {
        s.lead_unit = unit.into();
        s.assigned_on = Some(d("2026-10-08"));
        s.accepted_at = Some(now() - 40 * 86_400);
    }
    it
}

fn with(mut it: Item, f: impl FnOnce(&mut shuniu::model::SupervisionData)) -> Item {
    if let KindData::Supervision(s) = &mut it.data {
        f(s);
    }
    it
}

fn reported(it: Item, on: &str) -> Item {
    with(it, |s| {
        s.progress.push(Progress {
            on: d(on),
            at: now(),
            by: "t".into(),
            text: "進展".into(),
            milestone: false,
        })
    })
}

fn done(it: Item, on: &str) -> Item {
    with(it, |s| {
        s.completed_on = Some(d(on));
        s.result = "已辦結".into();
    })
}

#[test]
fn reports_fall_due_by_cycle_from_the_last_report() {
    let c = cal();
    let it = reported(task(1, "甲", Status::Handling, "2026-12-31"), "2026-11-20");
    assert_eq!(report_due(&it, &c), Some(d("2026-11-27")), "weekly");
    let monthly = with(it.clone(), |s| s.report = ReportCycle::Monthly);
    assert_eq!(report_due(&monthly, &c), Some(d("2026-12-20")));
    let daily = with(it.clone(), |s| s.report = ReportCycle::Daily);
    assert_eq!(
        report_due(&daily, &c),
        Some(d("2026-11-23")),
        "next working day"
    );
    let ms = with(it.clone(), |s| s.report = ReportCycle::Milestones);
    assert_eq!(report_due(&ms, &c), None);
    // Without a report: counted from the 簽收; not due before it.
    let fresh = task(2, "甲", Status::Handling, "2026-12-31");
    assert_eq!(report_due(&fresh, &c), Some(d("2026-10-23")));
    let unsigned = task(3, "甲", Status::Assigned, "2026-12-31");
    assert_eq!(report_due(&unsigned, &c), None);
}

#[test]
fn traffic_lights() {
    let c = cal();
    let th = Thresholds::default();
    let l = |it: &Item| light(it, today(), &c, &th).map(|s| s.light);
    let on_track = reported(task(1, "甲", Status::Handling, "2026-12-31"), "2026-11-24");
    assert_eq!(l(&on_track), Some(Light::Green));
    // 2026-11-30 is 3 working days after Wednesday 11-25: yellow at 3.
    let near = reported(task(2, "甲", Status::Handling, "2026-11-30"), "2026-11-24");
    let sig = light(&near, today(), &c, &th).unwrap();
    assert_eq!(sig.light, Light::Yellow);
    assert!(sig.why.contains("3"), "{}", sig.why);
    let four_left = reported(task(3, "甲", Status::Handling, "2026-12-01"), "2026-11-24");
    assert_eq!(l(&four_left), Some(Light::Green));
    let wider = Thresholds {
        yellow_workdays: 5,
        ..th
    };
    assert_eq!(
        light(&four_left, today(), &c, &wider).unwrap().light,
        Light::Yellow,
        "the threshold comes from the config"
    );
    let late_report = reported(task(4, "甲", Status::Urging, "2026-12-31"), "2026-11-10");
    let sig = light(&late_report, today(), &c, &th).unwrap();
    assert_eq!(sig.light, Light::Yellow);
    assert!(sig.why.contains("2026-11-17"), "{}", sig.why);
    let overdue = task(5, "甲", Status::Assigned, "2026-11-24");
    let sig = light(&overdue, today(), &c, &th).unwrap();
    assert_eq!(sig.light, Light::Red);
    assert!(sig.why.contains("1 個工作日"), "{}", sig.why);
    // Due today is not overdue.
    let today_due = task(6, "甲", Status::Assigned, "2026-11-25");
    assert_eq!(l(&today_due), Some(Light::Yellow));
    // Finished items and other kinds have no light; red sorts first.
    assert_eq!(
        l(&done(
            task(7, "甲", Status::Completed, "2026-11-01"),
            "2026-11-01"
        )),
        None
    );
    assert_eq!(l(&Item::new(Kind::Affair, "x", "t", now())), None);
    assert!(Light::Red < Light::Yellow && Light::Yellow < Light::Green);
}

#[test]
fn the_sweep_drafts_reminders_once_per_period() {
    let c = cal();
    let th = Thresholds::default();
    let overdue = task(1, "市住建局", Status::Handling, "2026-11-20");
    let late = reported(
        task(2, "市財政局", Status::Handling, "2026-12-31"),
        "2026-11-01",
    );
    let near = reported(
        task(3, "市交通局", Status::Handling, "2026-11-27"),
        "2026-11-24",
    );
    let fine = reported(
        task(4, "市公安局", Status::Handling, "2026-12-31"),
        "2026-11-24",
    );
    let filed = task(5, "市公安局", Status::Filed, "2026-11-01");
    let items = vec![near.clone(), fine, late, filed, overdue.clone()];
    let got: Vec<(u64, ReminderReason)> = sweep(&items, today(), &c, &th)
        .into_iter()
        .map(|d| (d.id, d.reason))
        .collect();
    assert_eq!(
        got,
        [
            (1, ReminderReason::Overdue),
            (2, ReminderReason::ReportDue),
            (3, ReminderReason::Approaching)
        ]
    );
    let text = due(&overdue, today(), &c, &th).unwrap().text;
    assert!(
        text.contains("市住建局") && text.contains("2026-11-20"),
        "{text}"
    );
    // Sent two working days ago: not again yet; four working days ago: again.
    let sent = |on: &str| {
        with(overdue.clone(), |s| {
            s.reminded.push(Reminder {
                on: d(on),
                at: now(),
                by: "zhou".into(),
                reason: ReminderReason::Overdue,
                text: String::new(),
            })
        })
    };
    assert!(due(&sent("2026-11-23"), today(), &c, &th).is_none());
    assert!(due(&sent("2026-11-19"), today(), &c, &th).is_some());
    // A 臨近提醒 already sent does not stop a 催辦 for another reason.
    let warned = with(near, |s| {
        s.reminded.push(Reminder {
            on: today(),
            at: now(),
            by: "zhou".into(),
            reason: ReminderReason::Approaching,
            text: String::new(),
        })
    });
    assert!(due(&warned, today(), &c, &th).is_none());
}

/// The hand-counted fixture: November 2026, counted on 11-25.
///
/// | # | unit     | status | deadline | 辦結  | counts as        |
/// |---|----------|--------|----------|-------|------------------|
/// | 1 | 市住建局 | 銷號   | 11-10    | 11-08 | 按期辦結         |
/// | 2 | 市住建局 | 辦結   | 11-20    | 11-22 | 逾期辦結         |
/// | 3 | 市住建局 | 承辦   | 11-18    |       | 逾期未結         |
/// | 4 | 市住建局 | 承辦   | 11-28    |       | 未到期           |
/// | 5 | 市財政局 | 複核   | 11-05    | 11-05 | 按期辦結         |
/// | 6 | 市財政局 | 催辦   | 11-24    |       | 逾期未結         |
/// | 7 | 市財政局 | 辦結   | 11-30    | 11-20 | 按期辦結 (early) |
/// | 8 | 市交通局 | 承辦   | 12-05    |       | — (not due in November) |
/// | 9 | 市交通局 | 立項   | 11-15    |       | — (not yet 交辦) |
/// |10 | 市交通局 | 交辦   | 11-01    |       | 逾期未結         |
/// |11 | 市交通局 | 辦結   | 10-31    | 11-02 | — (due in October) |
fn fixture() -> Vec<Item> {
    vec![
        done(
            task(1, "市住建局", Status::Settled, "2026-11-10"),
            "2026-11-08",
        ),
        done(
            task(2, "市住建局", Status::Completed, "2026-11-20"),
            "2026-11-22",
        ),
        task(3, "市住建局", Status::Handling, "2026-11-18"),
        task(4, "市住建局", Status::Handling, "2026-11-28"),
        done(
            task(5, "市財政局", Status::Verified, "2026-11-05"),
            "2026-11-05",
        ),
        with(task(6, "市財政局", Status::Urging, "2026-11-24"), |s| {
            s.reminders = 2
        }),
        done(
            task(7, "市財政局", Status::Completed, "2026-11-30"),
            "2026-11-20",
        ),
        task(8, "市交通局", Status::Handling, "2026-12-05"),
        task(9, "市交通局", Status::Filed, "2026-11-15"),
        task(10, "市交通局", Status::Assigned, "2026-11-01"),
        done(
            task(11, "市交通局", Status::Completed, "2026-10-31"),
            "2026-11-02",
        ),
    ]
}

#[test]
fn statistics_by_unit_match_the_hand_count() {
    let s = unit_stats(&fixture(), d("2026-11-01"), d("2026-11-30"), today());
    let rows: Vec<String> = s
        .iter()
        .map(|u| {
            format!(
                "{} {} {} {} {} {} {} {}",
                u.unit,
                u.total,
                u.on_time,
                u.late,
                u.overdue_open,
                u.pending,
                u.rate_text(),
                u.overdue()
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "市交通局 1 0 0 1 0 0.0% 1",
            "市住建局 4 1 1 1 1 33.3% 2",
            "市財政局 3 2 0 1 0 66.7% 1",
            "合計 8 3 1 3 1 42.9% 4",
        ]
    );
    // A period with nothing known yet has no rate.
    let later = unit_stats(&fixture(), d("2026-12-01"), d("2026-12-31"), today());
    assert_eq!(later[0].rate_text(), "—");
}

#[test]
fn the_report_in_markdown_and_csv() {
    let md = supervision_md(
        &fixture(),
        d("2026-11-01"),
        d("2026-11-30"),
        today(),
        &cal(),
    );
    assert!(
        md.starts_with("# 督查通報（2026-11-01 至 2026-11-30）"),
        "{md}"
    );
    assert!(
        md.contains("期內到期督查事項 8 件：按期辦結 3 件，逾期辦結 1 件，逾期未結 3 件，未到期 1 件；按期辦結率 42.9%。"),
        "{md}"
    );
    assert!(
        md.contains("| 市住建局 | 4 | 1 | 1 | 1 | 1 | 33.3% | 2 |"),
        "{md}"
    );
    assert!(
        md.contains("| **合計** | 8 | 3 | 1 | 3 | 1 | 42.9% | 4 |"),
        "{md}"
    );
    // The overdue list, oldest deadline first, with working days overdue.
    let list = &md[md.find("## 逾期未結事項").unwrap()..];
    let codes: Vec<&str> = list
        .lines()
        .filter_map(|l| l.strip_prefix("| 督"))
        .map(|l| &l[..9])
        .collect();
    assert_eq!(codes, ["2026-0010", "2026-0003", "2026-0006"], "{list}");
    assert!(list.contains("| 2026-11-01 | 18 | 0 |"), "{list}");
    assert!(list.contains("| 2026-11-24 | 1 | 2 |"), "{list}");

    let csv = supervision_csv(&unit_stats(
        &fixture(),
        d("2026-11-01"),
        d("2026-11-30"),
        today(),
    ))
    .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "unit,due,on_time,late,overdue_open,pending,on_time_rate,overdue"
    );
    assert_eq!(lines[2], "市住建局,4,1,1,1,1,33.3,2");
    assert_eq!(lines[4], "合計,8,3,1,3,1,42.9,4");
}

#[test]
fn titles_cannot_break_the_markdown_or_the_terminal() {
    let mut it = task(1, "市住建局|x", Status::Handling, "2026-11-02");
    it.title = "a|b\x1b[31m".into();
    let md = supervision_md(&[it], d("2026-11-01"), d("2026-11-30"), today(), &cal());
    assert!(!md.contains('\x1b'), "{md}");
    assert!(md.contains("a\\|b") && md.contains("市住建局\\|x"), "{md}");
}

/// A 督查 item 立項 from `src`, its source type left to the store unless `ty`.
fn escalated(o: &Office, src: &Item, ty: Option<&str>) -> Item {
    let fields: Vec<(&str, &str)> = ty.map(|t| ("type", t)).into_iter().collect();
    let mut it = draft(Kind::Supervision, "督辦：落實市長交辦", &fields);
    it.links.push(Link {
        id: src.id,
        rel: LinkRel::Source,
    });
    create(&o.inspector, it)
}

fn source_of(it: &Item) -> SupervisionSource {
    match &it.data {
        KindData::Supervision(d) => d.source,
        _ => panic!("{} is no 督查 item", it.code),
    }
}

#[test]
fn an_affair_escalated_to_supervision_is_a_leaders_instruction() {
    let o = Office::new();
    let affair = create(
        &o.clerk,
        draft(
            Kind::Affair,
            "市長交辦：校舍安全排查",
            &[("assigned_by", "李市長"), ("instruction", "一週內報結果")],
        ),
    );
    let sv = escalated(&o, &affair, None);
    assert_eq!(source_of(&sv), SupervisionSource::Instruction);
    assert_eq!(sv.get("type").as_deref(), Some("領導批示"));
    // Linked both ways: the affair records what was made from it.
    assert!(sv
        .links
        .iter()
        .any(|l| l.id == affair.id && l.rel == LinkRel::Source));
    let back = o.clerk.get(affair.id).unwrap();
    assert!(back
        .links
        .iter()
        .any(|l| l.id == sv.id && l.rel == LinkRel::Derived));
    // Any affair, not only a 領導交辦: a phone call escalated is still a 批示 to follow.
    let call = create(
        &o.clerk,
        draft(Kind::Affair, "來電：路燈損壞", &[("type", "電話記錄")]),
    );
    assert_eq!(
        source_of(&escalated(&o, &call, None)),
        SupervisionSource::Instruction
    );
    // A source type given by hand wins over the inference.
    let sv = escalated(&o, &affair, Some("重大項目"));
    assert_eq!(source_of(&sv), SupervisionSource::Project);
    // A 收文 is a 批示 only once a leader has instructed on it.
    let doc = create(&o.clerk, draft(Kind::Incoming, "省政府來文", &[]));
    assert_eq!(
        source_of(&escalated(&o, &doc, None)),
        SupervisionSource::Other
    );
}
