//! Working items through their workflows in the workbench, by keys: `m`
//! offers what may be done now (one key each), the steps with structured
//! input ask for it, and the store holds what the rules made of it. Also the
//! 督查 tab's traffic lights (red first) and its statistics overlay.

use shuniu::core::Service;
use shuniu::model::{
    Command, Item, Kind, KindData, LinkRel, Role, Status, SupervisionSource, WorkCalendar,
};
use shuniu::tui::app::{LineFor, Mode, Overlay};
mod tui_support;

use shuniu::tui::harness::{fixture, Harness};
use shuniu::tui::i18n::Lang;
use tui_support::stocked::{item, stocked, Stocked};

type T = Stocked;

/// A store holding `items` (created before the workbench starts), the
/// workbench on it at `size`, on the tab of the first item.
fn setup(items: Vec<Item>, size: (u16, u16)) -> (T, Vec<Item>) {
    let (mut t, made) = stocked(items, size);
    if let Some(first) = made.first() {
        t.go(first.id);
    }
    (t, made)
}

impl T {
    fn get(&self, id: u64) -> Item {
        self.core.get(id).unwrap()
    }

    /// Opens `m` and returns the key of the choice that says `text`.
    fn choose(&mut self, text: &str) -> char {
        self.h.press("m");
        self.pick(text)
    }

    /// The key of the open menu's choice that says `text`.
    fn pick(&mut self, text: &str) -> char {
        let screen = self.h.screen();
        let Some(Overlay::Moves(m)) = &self.h.app.overlay else {
            panic!("no menu open; the screen:\n{screen}");
        };
        let c = m
            .choices
            .iter()
            .find(|c| c.text.contains(text))
            .unwrap_or_else(|| panic!("no choice '{text}' in the menu:\n{screen}"));
        assert!(
            screen.contains(&format!("{}  {}", c.key, c.text)),
            "the menu shows its keys:\n{screen}"
        );
        c.key
    }

    /// `m`, then the key of `text`.
    fn step(&mut self, text: &str) {
        let k = self.choose(text);
        self.h.type_text(&k.to_string());
    }

    /// The bottom line: the message, or the prompt of the line being typed.
    fn status_line(&mut self) -> String {
        let s = self.h.screen();
        s.lines().last().unwrap_or("").to_string()
    }
}

fn outgoing(it: &Item) -> &shuniu::model::OutgoingData {
    match &it.data {
        KindData::Outgoing(d) => d,
        other => panic!("{other:?}"),
    }
}

fn supervision(it: &Item) -> &shuniu::model::SupervisionData {
    match &it.data {
        KindData::Supervision(d) => d,
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_outgoing_document_from_draft_to_archive_by_keys() {
    let (mut t, made) = setup(
        vec![item(
            Kind::Outgoing,
            "關於做好冬季供暖工作的通知",
            &[
                ("doc_type", "通知"),
                ("recipients", "各區人民政府"),
                ("prefix", "市政辦發"),
            ],
        )],
        (120, 36),
    );
    let id = made[0].id;
    t.step("送審");
    assert_eq!(t.get(id).status, Status::Reviewing);
    // 簽發 is offered with what is missing: the four gates.
    t.h.press("m");
    let s = t.h.screen();
    assert!(s.contains("簽發 → 簽發") && s.contains("文字關"), "{s}");
    t.h.press("<Esc>");
    // A return needs its comment: an empty one is asked for again.
    t.step("審核四關");
    let k = t.pick("政策法規關");
    t.h.type_text(&k.to_string());
    let k = t.pick("退回");
    t.h.type_text(&k.to_string());
    t.h.press("<Enter>");
    assert!(
        matches!(&t.h.app.line, Some(l) if matches!(l.purpose, LineFor::Step(_))),
        "still asking"
    );
    assert!(t.status_line().contains("必須填寫"), "{}", t.h.screen());
    t.h.type_text("引用的條例已修訂");
    t.h.press("<Enter>");
    let it = t.get(id);
    assert_eq!(it.status, Status::Drafting, "a return sends it back");
    assert!(outgoing(&it)
        .gates
        .iter()
        .any(|g| !g.passed && g.comment == "引用的條例已修訂"));
    // Again: 送審, then the four gates passed one by one.
    t.step("送審");
    for (i, gate) in ["文字關", "政策法規關", "格式關", "運轉流程關"]
        .iter()
        .enumerate()
    {
        t.step("審核四關");
        let screen = t.h.screen();
        assert_eq!(
            screen.matches("（已通過）").count(),
            i,
            "the gate menu shows what passed:\n{screen}"
        );
        let k = t.pick(gate);
        t.h.type_text(&k.to_string());
        let k = t.pick("通過");
        t.h.type_text(&k.to_string());
        t.h.press("<Enter>");
        let s = t.status_line();
        assert!(s.contains(&format!("{gate}通過")), "{s}");
    }
    let it = t.get(id);
    assert!(shuniu::model::fields_ext::gates_pending(outgoing(&it)).is_empty());
    // 簽發 asks for the 簽發人 (may be empty: the signer's own name).
    t.step("簽發");
    assert_eq!(t.h.app.mode, Mode::Prompt);
    t.h.press("<Enter>");
    assert_eq!(t.get(id).status, Status::Approved, "{}", t.h.screen());
    // 編號 allocates the 發文字號.
    t.step("編號");
    let it = t.get(id);
    assert_eq!(it.status, Status::Numbered);
    let no = outgoing(&it).doc_no.clone().expect("a 文號").to_string();
    assert_eq!(no, "市政辦發〔2026〕1號");
    assert!(t.h.screen().contains(&no), "the detail shows the 文號");
    t.step("印製");
    // 核發 asks for the distribution list, which it lacks.
    t.step("核發");
    assert!(t.h.screen().contains("分送"), "{}", t.h.screen());
    t.h.type_text("各區人民政府×2、市直各部門");
    t.h.press("<Enter>");
    let it = t.get(id);
    assert_eq!(it.status, Status::Issued, "{}", t.h.screen());
    assert_eq!(outgoing(&it).distribution.len(), 2);
    t.step("歸檔");
    assert_eq!(t.get(id).status, Status::Archived, "{}", t.h.screen());
    // Nothing more to do: the menu says so.
    t.h.press("m");
    assert!(t.h.app.overlay.is_none());
    assert!(t.status_line().contains("最終狀態"), "{}", t.h.screen());
}

#[test]
fn a_supervision_item_from_filed_to_settled_by_keys() {
    let (mut t, made) = setup(
        vec![item(Kind::Supervision, "推進老舊小區改造", &[])],
        (120, 36),
    );
    let id = made[0].id;
    // 交辦: four answers; a bad deadline is refused by the date parser and asked again.
    t.step("交辦");
    t.h.type_text("市住建局");
    t.h.press("<Enter>");
    t.h.type_text("市財政局、市城管局");
    t.h.press("<Enter>");
    assert!(t.h.screen().contains("交辦 3/4"), "{}", t.h.screen());
    t.h.type_text("下下下週");
    t.h.press("<Enter>");
    let s = t.status_line();
    assert!(
        s.contains("交辦 3/4") && s.contains("下下下週"),
        "asked again: {s}"
    );
    t.h.press("<C-u>");
    t.h.type_text("+20工作日");
    t.h.press("<Enter>");
    t.h.type_text("每週");
    t.h.press("<Enter>");
    let it = t.get(id);
    assert_eq!(it.status, Status::Assigned, "{}", t.h.screen());
    assert_eq!(supervision(&it).lead_unit, "市住建局");
    assert_eq!(supervision(&it).assisting.len(), 2);
    assert!(it.deadline.is_some());
    t.step("簽收");
    assert_eq!(t.get(id).status, Status::Handling);
    // 進展: a dated report.
    t.step("進展");
    t.h.type_text("已完成12個小區的摸底");
    t.h.press("<Enter>");
    let it = t.get(id);
    assert_eq!(supervision(&it).progress.len(), 1);
    // u does not take a step back, nor what came before it.
    t.h.press("u");
    assert!(t.status_line().contains("沒有"), "{}", t.h.screen());
    assert_eq!(t.get(id).version, it.version);
    assert_eq!(supervision(&it).progress[0].text, "已完成12個小區的摸底");
    // 辦結 needs the 辦結報告.
    t.step("辦結");
    t.h.type_text("改造全部完成，居民驗收通過");
    t.h.press("<Enter>");
    let it = t.get(id);
    assert_eq!(it.status, Status::Completed);
    assert_eq!(supervision(&it).result, "改造全部完成，居民驗收通過");
    t.step("複核");
    assert_eq!(t.get(id).status, Status::Verified);
    t.step("銷號");
    assert_eq!(t.get(id).status, Status::Settled);
}

#[test]
fn a_held_meeting_decision_becomes_a_supervision_item_in_one_step() {
    let (mut t, made) = setup(vec![item(Kind::Meeting, "第12次常務會議", &[])], (120, 36));
    let id = made[0].id;
    // Not before it is held.
    t.h.press("m");
    assert!(!t.h.screen().contains("立項督查"));
    t.h.press("<Esc>");
    t.step("發通知");
    t.step("召開");
    assert_eq!(t.get(id).status, Status::Held);
    t.step("立項督查");
    assert!(
        t.h.app
            .line
            .as_ref()
            .is_some_and(|l| l.input.text.is_empty()),
        "a decision starts empty"
    );
    t.h.type_text("年底前完成背街小巷路燈改造");
    t.h.press("<Enter>");
    // The new 督查 item is shown in its tab, linked both ways.
    let row = t.h.app.selected_row().expect("the new item").clone();
    assert_eq!(row.kind, Kind::Supervision);
    assert_eq!(row.title, "年底前完成背街小巷路燈改造");
    let sv = t.get(row.id);
    assert_eq!(supervision(&sv).source, SupervisionSource::MeetingDecision);
    assert!(sv
        .links
        .iter()
        .any(|l| l.id == id && l.rel == LinkRel::Source));
    assert!(t
        .get(id)
        .links
        .iter()
        .any(|l| l.id == row.id && l.rel == LinkRel::Derived));
    assert!(t.status_line().contains("已立項"), "{}", t.h.screen());
    // The meeting goes on to 歸檔.
    t.go(id);
    t.step("出紀要");
    t.step("歸檔");
    assert_eq!(t.get(id).status, Status::Archived);
}

#[test]
fn s_escalates_an_affair_and_the_affair_goes_on_to_archive() {
    let (mut t, made) = setup(
        vec![item(Kind::Affair, "市長交辦：\u{1b}[2J調研菜市場改造", &[])],
        (120, 36),
    );
    let id = made[0].id;
    t.h.press("S");
    assert_eq!(
        t.h.app.line.as_ref().map(|l| l.input.text.as_str()),
        Some("市長交辦：[2J調研菜市場改造"),
        "an escalation starts from the affair's title, no escape sequence in the line"
    );
    t.h.press("<Enter>");
    let row = t.h.app.selected_row().unwrap().clone();
    assert_eq!(row.kind, Kind::Supervision);
    assert_eq!(
        supervision(&t.get(row.id)).source,
        SupervisionSource::Instruction
    );
    t.go(id);
    t.step("承辦");
    t.step("辦結");
    t.h.press("<Enter>");
    assert_eq!(t.get(id).status, Status::Handling, "a result is required");
    assert!(t.status_line().contains("辦結"), "{}", t.h.screen());
    t.step("辦結");
    t.h.type_text("已完成調研並報市長");
    t.h.press("<Enter>");
    t.step("歸檔");
    assert_eq!(t.get(id).status, Status::Archived);
}

#[test]
fn an_incoming_document_through_circulation_to_archive() {
    let (mut t, made) = setup(
        vec![item(
            Kind::Incoming,
            "省政府關於加強安全生產的通知",
            &[("from", "省政府辦公廳")],
        )],
        (120, 36),
    );
    let id = made[0].id;
    for verb in ["登記", "初審", "擬辦"] {
        t.step(verb);
    }
    // 批辦: the instruction, verbatim.
    t.step("批辦");
    t.h.type_text("請市應急局牽頭辦理");
    t.h.press("<Enter>");
    assert_eq!(t.get(id).status, Status::Instructed);
    // 承辦 asks for the lead unit it lacks.
    t.step("承辦");
    t.h.type_text("市應急管理局");
    t.h.press("<Enter>");
    let it = t.get(id);
    assert_eq!(it.status, Status::Handling, "{}", t.h.screen());
    t.step("傳閱 → 傳閱");
    // Hand it to two readers, ask one back, take one back.
    for who in ["張秘書長", "李副主任"] {
        let k = t.choose("傳閱");
        assert_ne!(t.pick("傳閱"), t.pick("收回"));
        t.h.type_text(&k.to_string());
        t.h.type_text(who);
        t.h.press("<Enter>");
    }
    t.step("催收");
    let k = t.pick("李副主任");
    t.h.type_text(&k.to_string());
    t.step("退還");
    let k = t.pick("張秘書長");
    t.h.type_text(&k.to_string());
    let it = t.get(id);
    let KindData::Incoming(d) = &it.data else {
        unreachable!()
    };
    let li = d
        .circulation
        .iter()
        .find(|c| c.holder == "李副主任")
        .unwrap();
    assert_eq!((li.chased, li.back), (1, None));
    assert!(d
        .circulation
        .iter()
        .any(|c| c.holder == "張秘書長" && c.back.is_some()));
    // 辦結 is refused while a copy is out, and the menu says why.
    t.h.press("m");
    assert!(
        t.h.screen().contains("辦結：李副主任 仍持有"),
        "{}",
        t.h.screen()
    );
    t.h.press("<Esc>");
    t.step("收回");
    t.step("辦結");
    t.h.type_text("已按要求部署檢查");
    t.h.press("<Enter>");
    t.step("歸檔");
    assert_eq!(t.get(id).status, Status::Archived, "{}", t.h.screen());
}

#[test]
fn cosign_from_the_menu_and_a_read_only_user_is_offered_nothing() {
    let (mut t, made) = setup(
        vec![item(
            Kind::Outgoing,
            "關於聯合開展消防檢查的通知",
            &[("cosigners", "市消防救援支隊、市應急管理局")],
        )],
        (120, 36),
    );
    let id = made[0].id;
    t.step("會簽");
    let k = t.pick("市應急管理局");
    t.h.type_text(&k.to_string());
    t.h.type_text("同意");
    t.h.press("<Enter>");
    let it = t.get(id);
    assert_eq!(outgoing(&it).cosigned.len(), 1);
    assert_eq!(outgoing(&it).cosigned[0].unit, "市應急管理局");
    assert_eq!(outgoing(&it).cosigned[0].note, "同意");
    // The last co-signer needs no choosing.
    t.step("會簽");
    assert!(t.h.screen().contains("市消防救援支隊"), "{}", t.h.screen());
    t.h.press("<Enter>");
    assert_eq!(outgoing(&t.get(id)).cosigned.len(), 2);
    // As 只讀, nothing is offered, in `m` or in `?`.
    t.h.app.setup.user.role = Role::ReadOnly;
    t.h.press("m");
    assert!(t.h.app.overlay.is_none());
    assert!(
        t.status_line().contains("沒有可做的步驟"),
        "{}",
        t.h.screen()
    );
    t.h.press("?");
    assert!(t.h.screen().contains("你現在沒有可做的步驟"));
}

#[test]
fn m_before_the_item_is_read_opens_the_menu_once_it_arrives() {
    let (mut t, _) = setup(vec![item(Kind::Affair, "接待省調研組", &[])], (120, 36));
    // Just changed elsewhere: the detail is being read again.
    t.h.app.detail = None;
    let fx = t.h.app.key(shuniu::tui::key::Key::ch('m'));
    assert!(t.h.app.overlay.is_none());
    assert!(t.status_line().contains("載入中"));
    t.h.run(fx);
    let screen = t.h.screen();
    assert!(
        matches!(t.h.app.overlay, Some(Overlay::Moves(_))),
        "{screen}"
    );
    assert!(screen.contains("1  承辦 → 承辦"), "{screen}");
}

#[test]
fn the_help_lists_what_may_be_done_on_this_item() {
    let (mut t, _) = setup(
        vec![item(Kind::Supervision, "推進垃圾分類", &[])],
        (120, 100),
    );
    t.h.press("?");
    let s = t.h.screen();
    assert!(s.contains("此事項 督2026-0001（立項）：按 m 後"), "{s}");
    assert!(s.contains("1                交辦 → 交辦"), "{s}");
    assert!(s.contains("督查統計"), "the statistics key is listed:\n{s}");
}

fn imported(title: &str, status: Status, deadline: &str, lead: &str, done: Option<&str>) -> Item {
    let mut it = item(
        Kind::Supervision,
        title,
        &[
            ("deadline", deadline),
            ("lead_unit", lead),
            ("report_cycle", "按節點"),
        ],
    );
    it.status = status;
    if let KindData::Supervision(d) = &mut it.data {
        d.assigned_on = Some(chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        if let Some(c) = done {
            d.completed_on = Some(chrono::NaiveDate::parse_from_str(c, "%Y-%m-%d").unwrap());
            d.result = "已辦結".into();
        }
    }
    it
}

#[test]
fn the_supervision_tab_sorts_red_first_and_shows_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), 0);
    let items = vec![
        imported("綠燈事項", Status::Handling, "2026-12-31", "市教育局", None),
        imported("紅燈事項", Status::Handling, "2026-11-10", "市住建局", None),
        imported("黃燈事項", Status::Handling, "2026-11-26", "市教育局", None),
        imported(
            "按期辦結事項",
            Status::Completed,
            "2026-11-20",
            "市教育局",
            Some("2026-11-18"),
        ),
        imported(
            "逾期辦結事項",
            Status::Completed,
            "2026-11-02",
            "市住建局",
            Some("2026-11-09"),
        ),
    ];
    core.create_many(items).unwrap();
    let mut h = Harness::new(
        core.clone(),
        WorkCalendar::builtin(),
        (120, 36),
        Lang::Hant,
        None,
    );
    h.press("5");
    h.timeout();
    let titles: Vec<String> = h.app.cur().rows.iter().map(|r| r.title.clone()).collect();
    assert_eq!(
        &titles[..3],
        &["紅燈事項", "黃燈事項", "綠燈事項"],
        "red first, then yellow, then green"
    );
    let s = h.screen();
    let line = |t: &str| s.lines().find(|l| l.contains(t)).unwrap().to_string();
    assert!(line("紅燈事項").contains("紅"), "{s}");
    assert!(line("黃燈事項").contains("黃 "), "{s}");
    assert!(line("綠燈事項").contains("綠 "), "{s}");
    // The statistics: by lead unit, this year's deadlines.
    h.press("s");
    assert_eq!(h.app.overlay, Some(Overlay::Stats));
    let s = h.screen();
    assert!(
        s.contains("按期辦結率（%）") && s.contains("逾期件數"),
        "{s}"
    );
    assert!(
        s.contains("合計 5 項：按期辦結 1，逾期辦結 1，逾期未結 1，未到期 2；按期辦結率 33.3%"),
        "{s}"
    );
    let edu = s.lines().find(|l| l.contains("市教育局")).unwrap();
    assert!(edu.contains("100.0%"), "{s}");
    let build = s.lines().find(|l| l.contains("市住建局")).unwrap();
    assert!(
        build.contains("市住建局 0.0%") && build.contains("市住建局 2█"),
        "{s}"
    );
    h.press("<Esc>");
    assert!(h.app.overlay.is_none());
    // A push keeps the order: the green item, made overdue, moves up.
    let green = h
        .app
        .cur()
        .rows
        .iter()
        .find(|r| r.title == "綠燈事項")
        .unwrap()
        .clone();
    core.apply(Command::Set {
        id: green.id,
        version: green.version,
        fields: vec![("deadline".into(), "2026-11-01".into())],
    })
    .unwrap();
    h.run(vec![]);
    let titles: Vec<String> = h.app.cur().rows.iter().map(|r| r.title.clone()).collect();
    assert_eq!(&titles[..2], &["綠燈事項", "紅燈事項"], "{titles:?}");
}

/// Takes an item to 督查 承辦 by keys: 交辦 to 市住建局 in 20 working days, 簽收.
fn assigned_and_accepted(t: &mut T, id: u64) {
    t.go(id);
    t.step("交辦");
    for answer in ["市住建局", "", "+20工作日", "按節點"] {
        if !answer.is_empty() {
            t.h.type_text(answer);
        }
        t.h.press("<Enter>");
    }
    t.step("簽收");
    assert_eq!(t.get(id).status, Status::Handling, "{}", t.h.screen());
}

#[test]
fn a_milestone_progress_report_and_a_deadline_reminder_from_the_menu() {
    let (mut t, made) = setup(
        vec![item(Kind::Supervision, "推進雨污分流改造", &[])],
        (120, 36),
    );
    let id = made[0].id;
    assigned_and_accepted(&mut t, id);
    assert_eq!(
        supervision(&t.get(id)).report,
        shuniu::model::ReportCycle::Milestones
    );
    // 節點進展: the report is kept as a milestone reached.
    t.step("節點進展");
    assert!(
        t.status_line().contains("達到的節點及進展情況"),
        "{}",
        t.h.screen()
    );
    t.h.type_text("主幹管網全線貫通");
    t.h.press("<Enter>");
    let it = t.get(id);
    let p = &supervision(&it).progress;
    assert_eq!(p.len(), 1, "{}", t.h.screen());
    assert!(p[0].milestone, "{p:?}");
    assert_eq!(p[0].text, "主幹管網全線貫通");
    assert!(
        it.notes.iter().any(|n| n.text.starts_with("節點（")),
        "{:?}",
        it.notes
    );
    // A plain 進展 is not a milestone.
    t.step("進展");
    t.h.type_text("支管接駁完成六成");
    t.h.press("<Enter>");
    let p = supervision(&t.get(id)).progress.clone();
    assert_eq!(
        p.iter().map(|p| p.milestone).collect::<Vec<_>>(),
        [true, false]
    );
    // 臨近提醒: the line starts with the words the sweep would send; the
    // status stays, the reminder is recorded.
    t.step("臨近提醒");
    let draft = t.h.app.line.as_ref().map(|l| l.input.text.clone());
    let draft = draft.unwrap_or_default();
    assert!(
        draft.contains("「推進雨污分流改造」距辦理期限") && draft.contains("請市住建局按期辦結"),
        "the draft is offered: {draft}"
    );
    t.h.press("<Enter>");
    let it = t.get(id);
    assert_eq!(it.status, Status::Handling);
    let r = &supervision(&it).reminded;
    assert_eq!(r.len(), 1, "{}", t.h.screen());
    assert_eq!(r[0].reason, shuniu::model::ReminderReason::Approaching);
    assert!(r[0].text.contains("按期辦結"), "{:?}", r[0]);
    // Once a day: offered again with the reason, in 繁體.
    t.h.press("m");
    let s = t.h.screen();
    assert!(s.contains("今天已發過臨近提醒"), "{s}");
    assert!(!s.contains("already sent"), "{s}");
}

#[test]
fn refusals_in_the_menu_and_after_a_write_are_said_in_traditional_chinese() {
    let (mut t, made) = setup(
        vec![item(
            Kind::Outgoing,
            "關於做好冬季供暖工作的通知",
            &[("doc_type", "通知"), ("recipients", "各區人民政府")],
        )],
        (160, 36),
    );
    let id = made[0].id;
    let it = t.get(id);
    t.core
        .apply(Command::Move {
            id,
            version: it.version,
            to: Status::Reviewing,
            note: String::new(),
        })
        .unwrap();
    t.go(id);
    // The menu says why 簽發 would be refused, with the gates not passed.
    t.h.press("m");
    let s = t.h.screen();
    assert!(
        s.contains("簽發：審核四關須全部通過；未通過：文字關、政策法規關、格式關、運轉流程關"),
        "{s}"
    );
    assert!(!s.contains("must all pass"), "{s}");
    t.h.press("<Esc>");
    // Taken anyway: the refusal of the write is in 繁體 too.
    t.step("簽發");
    t.h.press("<Enter>");
    let line = t.status_line();
    assert!(line.contains("錯誤：簽發：審核四關須全部通過"), "{line}");
    assert_eq!(t.get(id).status, Status::Reviewing);
    // In English, the same refusal in English words.
    t.h.app.setup.lang = Lang::En;
    t.step("approved");
    t.h.press("<Enter>");
    let line = t.status_line();
    assert!(
        line.contains("the four gates of 審核 must all pass first"),
        "{line}"
    );
}

#[test]
fn a_bad_theme_file_is_reported_in_traditional_chinese() {
    let (mut t, _) = setup(vec![item(Kind::Affair, "協調接待用車", &[])], (120, 36));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mine.toml");
    std::fs::write(&p, "accent = \"#zzzzzz\"\n").unwrap();
    t.h.press(":");
    t.h.type_text(&format!("theme {}", p.display()));
    t.h.press("<Enter>");
    let line = t.status_line();
    assert!(
        line.contains("「#zzzzzz」不是 #rrggbb 顏色") && line.contains("沿用繼承的顏色"),
        "{line}"
    );
    assert!(!line.contains("using the inherited"), "{line}");
}
