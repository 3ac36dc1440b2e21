//! The whole workbench driven by key sequences against an in-process `Core`
//! on a temporary store (fixed clock, demo seed 2026): what a clerk types,
//! what the store holds afterwards, and what the screen shows.

use std::sync::Arc;

use shuniu::core::{Core, Filter, Service};
use shuniu::model::{Command, Item, Kind, LinkRel, Status, Urgency, WorkCalendar};
use shuniu::tui::app::{Mode, Overlay};
use shuniu::tui::harness::{fixture, Harness, FIXED_NOW};
use shuniu::tui::i18n::Lang;

struct T {
    _dir: tempfile::TempDir,
    core: Arc<Core>,
    h: Harness,
}

fn setup(items: usize, size: (u16, u16)) -> T {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), items);
    let h = Harness::new(
        core.clone(),
        WorkCalendar::builtin(),
        size,
        Lang::Hant,
        Some(dir.path().join("drafts")),
    );
    T { _dir: dir, core, h }
}

impl T {
    fn sel(&self) -> Item {
        let r = self.h.app.selected_row().expect("a selected row").clone();
        self.core.get(r.id).unwrap()
    }
    fn sel_index(&self) -> usize {
        self.h.app.cur().selected
    }
}

#[test]
fn counts_motions_and_tabs() {
    let mut t = setup(400, (80, 24));
    t.h.press("5j");
    assert_eq!(t.sel_index(), 5);
    t.h.press("2k");
    assert_eq!(t.sel_index(), 3);
    t.h.press("G");
    assert_eq!(t.sel_index(), t.h.app.cur().len() - 1);
    t.h.press("gg");
    assert_eq!(t.sel_index(), 0);
    t.h.press("<C-d>");
    assert_eq!(t.sel_index(), 10, "half of the 20 list rows");
    t.h.press("<C-u>");
    assert_eq!(t.sel_index(), 0);
    t.h.press("12G");
    assert_eq!(t.sel_index(), 11);
    // A lone digit switches tabs once the count times out; gt and gT cycle.
    t.h.press("3");
    assert_eq!(t.h.app.tab, 0, "still waiting for a motion");
    assert!(t.h.screen().contains(" 3 "), "the pending count shows");
    t.h.timeout();
    assert_eq!(t.h.app.tab, 2);
    t.h.press("gt");
    assert_eq!(t.h.app.tab, 3);
    t.h.press("gTgT");
    assert_eq!(t.h.app.tab, 1);
    t.h.press("6");
    t.h.press("?");
    assert_eq!(
        t.h.app.tab, 5,
        "a digit followed by a non-motion key switches first"
    );
    assert!(matches!(t.h.app.overlay, Some(Overlay::Help { .. })));
    t.h.press("<Esc>");
    // g shows the which-key hint, Esc cancels.
    t.h.press("1g");
    t.h.timeout();
    assert!(t.h.screen().contains("gt"), "which-key lists gt");
    t.h.press("<Esc>");
    assert!(t.h.app.pending.is_empty());
    t.h.press(":q<Enter>");
    assert!(t.h.app.quit);
}

#[test]
fn triage_route_urgency_undo_repeat() {
    let mut t = setup(400, (80, 24));
    let before = t.h.app.cur().len();
    let first = t.sel();
    // A 特急 document needs a deadline before it can become a 收文: the model says so.
    t.h.press("t+3工作日<Enter>W");
    let routed = t.core.get(first.id).unwrap();
    let screen = t.h.screen();
    assert_eq!(routed.status, Status::Routed, "{screen}");
    assert_eq!(
        t.h.app.cur().len(),
        before - 1,
        "the routed request leaves the inbox"
    );
    let new = t
        .core
        .list(&Filter {
            kind: Some(Kind::Incoming),
            ..Filter::default()
        })
        .unwrap()
        .into_iter()
        .find(|i| {
            i.links
                .iter()
                .any(|l| l.id == first.id && l.rel == LinkRel::Source)
        })
        .expect("the new 收文 links to its request");
    assert_eq!(new.title, first.title);
    assert!(
        t.h.screen().contains(&new.code),
        "the message names the new item"
    );

    // Urgency cycles with p; u takes it back as a new change; history is kept.
    let it = t.sel();
    let u0 = it.urgency;
    t.h.press("p");
    let after = t.core.get(it.id).unwrap();
    assert_ne!(after.urgency, u0);
    t.h.press("u");
    let undone = t.core.get(it.id).unwrap();
    assert_eq!(undone.urgency, u0);
    assert_eq!(
        undone.version,
        it.version + 2,
        "the undo is a change of its own"
    );
    assert!(t.core.history(it.id).unwrap().len() >= 3);

    // . repeats the last change (the urgency set) on another item.
    t.h.press("p");
    let set_to = t.core.get(it.id).unwrap().urgency;
    t.h.press("j.");
    assert_eq!(t.sel().urgency, set_to);
}

/// The item a request was routed to (its `routed_to`).
fn routed_item(core: &Core, req: u64) -> Item {
    let r = core.get(req).unwrap();
    let to = r.get("routed_to").unwrap();
    core.get(to.parse().expect("routed")).unwrap()
}

#[test]
fn u_takes_a_route_back_as_new_changes() {
    let mut t = setup(400, (100, 30));
    let open = t.h.app.cur().len();
    let req = t.sel();
    t.h.press("S");
    let made = routed_item(&t.core, req.id);
    assert_eq!((made.kind, made.status), (Kind::Supervision, Status::Filed));
    assert_eq!(t.h.app.cur().len(), open - 1);
    t.h.press("u");
    let s = t.h.screen();
    assert!(s.contains("已撤銷：→ 督查"), "{s}");
    // The 督查 is withdrawn, the request pending again and back in the list.
    let gone = t.core.get(made.id).unwrap();
    assert_eq!(gone.status, Status::Cancelled);
    assert_eq!(gone.version, made.version + 1, "a change of its own");
    let back = t.core.get(req.id).unwrap();
    assert_eq!(back.status, Status::Pending);
    assert_eq!(back.get("routed_to").unwrap(), "", "routed nowhere");
    assert_eq!(t.h.app.cur().len(), open);
    assert!(t.h.app.cur().rows.iter().any(|r| r.id == req.id));
    // History kept on both: the route, then its taking back.
    let h = t.core.history(req.id).unwrap();
    let actions: Vec<&str> = h.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.ends_with(&["分辦", "撤回分辦"]), "{actions:?}");
    assert!(h.last().unwrap().note.contains(&made.code));
    let h = t.core.history(made.id).unwrap();
    assert_eq!(h.last().unwrap().action, "撤銷");
    assert!(h.last().unwrap().note.contains(&req.code));
    // The request can be routed again, elsewhere.
    t.h.press("gg");
    let again =
        t.h.app
            .cur()
            .rows
            .iter()
            .position(|r| r.id == req.id)
            .unwrap();
    t.h.press(&format!("{}G", again + 1));
    assert_eq!(t.sel().id, req.id);
    t.h.press("A");
    let made2 = routed_item(&t.core, req.id);
    assert_eq!(
        (made2.kind, made2.status),
        (Kind::Affair, Status::Registered)
    );
    assert_ne!(made2.id, made.id);
    // Once the new item is worked on, the route stands: u refuses and writes nothing.
    t.core
        .apply(Command::Move {
            id: made2.id,
            version: made2.version,
            to: Status::Handling,
            note: String::new(),
        })
        .unwrap();
    let before = t.core.get(req.id).unwrap().version;
    t.h.press("u");
    let m = t.h.app.message.clone().unwrap().0;
    assert_eq!(m, format!("{} 已在「承辦」，分辦不能再撤回", made2.code));
    assert_eq!(t.core.get(req.id).unwrap().version, before);
    assert_eq!(t.core.get(made2.id).unwrap().status, Status::Handling);
}

#[test]
fn u_takes_back_a_route_to_each_kind() {
    let mut t = setup(400, (100, 30));
    for (key, kind, from, verb) in [
        (
            "t+3工作日<Enter>W",
            Kind::Incoming,
            Status::Received,
            "撤銷",
        ),
        ("M", Kind::Meeting, Status::Planning, "取消"),
        ("A", Kind::Affair, Status::Registered, "撤銷"),
        ("S", Kind::Supervision, Status::Filed, "撤銷"),
    ] {
        let req = t.sel();
        t.h.press(key);
        let made = routed_item(&t.core, req.id);
        assert_eq!((made.kind, made.status), (kind, from), "{key}");
        t.h.press("u");
        let gone = t.core.get(made.id).unwrap();
        assert_eq!(gone.status, Status::Cancelled, "{key}: {}", t.h.screen());
        assert_eq!(
            t.core.history(made.id).unwrap().last().unwrap().action,
            verb
        );
        assert_eq!(t.core.get(req.id).unwrap().status, Status::Pending, "{key}");
        // On to the next request for the next kind.
        let i =
            t.h.app
                .cur()
                .rows
                .iter()
                .position(|r| r.id == req.id)
                .unwrap();
        t.h.press(&format!("{}G", i + 2));
    }
}

#[test]
fn assign_due_close_and_reopen() {
    let mut t = setup(400, (100, 30));
    let id = t.sel().id;
    t.h.press("a");
    assert_eq!(t.h.app.mode, Mode::Prompt);
    t.h.type_text("張");
    for _ in 0..30 {
        t.h.press("<Tab>");
        if t.h.app.line.as_ref().unwrap().input.text == "張三" {
            break;
        }
    }
    assert_eq!(
        t.h.app.line.as_ref().unwrap().input.text,
        "張三",
        "Tab cycles through the 張s"
    );
    t.h.press("<Enter>");
    assert_eq!(t.core.get(id).unwrap().handler, "張三");
    t.h.press("t");
    t.h.type_text("+3工作日");
    t.h.press("<Enter>");
    let today = t.core.today();
    let want = WorkCalendar::builtin().add_workdays(today, 3);
    assert_eq!(t.core.get(id).unwrap().deadline, Some(want));
    // Close asks for a reason; an empty one is not accepted.
    t.h.press("C<Enter>");
    assert_eq!(t.h.app.mode, Mode::Prompt, "still asking for the reason");
    t.h.type_text("重複來件");
    t.h.press("<Enter>");
    let closed = t.core.get(id).unwrap();
    assert_eq!(closed.status, Status::Closed);
    assert_eq!(closed.get("close_reason").unwrap(), "重複來件");
    t.h.press("u");
    assert_eq!(
        t.core.get(id).unwrap().status,
        Status::Pending,
        "undo reopens"
    );
}

#[test]
fn visual_bulk_asks_first() {
    let mut t = setup(400, (80, 24));
    let ids: Vec<u64> = t.h.app.cur().rows[..3].iter().map(|r| r.id).collect();
    let before: Vec<Urgency> = ids
        .iter()
        .map(|i| t.core.get(*i).unwrap().urgency)
        .collect();
    t.h.press("vjj:urgency 特急<Enter>");
    assert!(matches!(t.h.app.overlay, Some(Overlay::Confirm { .. })));
    assert!(t.h.screen().contains("對 3 項執行"));
    t.h.press("n");
    let now: Vec<Urgency> = ids
        .iter()
        .map(|i| t.core.get(*i).unwrap().urgency)
        .collect();
    assert_eq!(before, now, "no means nothing changed");
    t.h.press("y");
    assert_eq!(
        t.h.app.mode,
        Mode::Visual { anchor: 0 },
        "n kept the selection"
    );
    t.h.press(":urgency 特急<Enter>y");
    for i in &ids {
        assert_eq!(t.core.get(*i).unwrap().urgency, Urgency::Immediate);
    }
    assert_eq!(t.h.app.mode, Mode::Normal);
    // One u takes back all three.
    t.h.press("u");
    let now: Vec<Urgency> = ids
        .iter()
        .map(|i| t.core.get(*i).unwrap().urgency)
        .collect();
    assert_eq!(before, now);
}

#[test]
fn slash_filters_as_you_type() {
    let mut t = setup(400, (100, 30));
    t.h.press("2");
    t.h.timeout();
    let all = t.h.app.cur().len();
    t.h.press("/");
    t.h.type_text("xsaq");
    assert!(t.h.app.cur().len() < all);
    assert!(
        t.h.app
            .cur()
            .rows
            .iter()
            .any(|r| r.title == shuniu::demo::FIXTURE_TITLE),
        "pinyin initials find 校舍安全"
    );
    t.h.press("<Enter>");
    assert_eq!(t.h.app.mode, Mode::Normal);
    assert!(t.h.screen().contains("/xsaq"));
    let n = t.h.app.cur().len();
    if n > 1 {
        t.h.press("n");
        assert_eq!(t.sel_index(), 1);
        t.h.press("N");
        assert_eq!(t.sel_index(), 0);
    }
    t.h.press("<Esc>");
    assert_eq!(t.h.app.cur().len(), all, "Esc clears the filter");
}

/// 20 督查 items, then 400 newer 收件 items, every title with 路燈: the best
/// 300 matches of 路燈 across everything are all 收件.
fn outnumbered() -> T {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), 0);
    let make = |kind, title: String| {
        let mut it = Item::new(kind, &title, "tester", FIXED_NOW);
        it.unit = "市政府辦公室".into();
        it
    };
    core.create_many(
        (0..20)
            .map(|i| make(Kind::Supervision, format!("路燈整改督辦第{i}項")))
            .collect(),
    )
    .unwrap();
    core.create_many(
        (0..400)
            .map(|i| make(Kind::Inbox, format!("路燈不亮來件第{i}號")))
            .collect(),
    )
    .unwrap();
    let h = Harness::new(
        core.clone(),
        WorkCalendar::builtin(),
        (100, 30),
        Lang::Hant,
        Some(dir.path().join("drafts")),
    );
    T { _dir: dir, core, h }
}

#[test]
fn slash_shows_a_tabs_matches_when_other_kinds_outnumber_them() {
    let mut t = outnumbered();
    let best = t
        .core
        .search("路燈", shuniu::tui::app::TYPING_LIMIT)
        .unwrap();
    assert!(
        best.iter()
            .all(|f| matches!(f, shuniu::core::Found::Item(r) if r.kind == Kind::Inbox)),
        "the fixture's best matches are all of another kind"
    );
    t.h.press("5");
    t.h.timeout();
    assert_eq!(t.h.app.cur().len(), 20);
    t.h.press("/");
    t.h.type_text("路燈");
    assert_eq!(t.h.app.mode, Mode::Search);
    assert_eq!(
        t.h.app.cur().len(),
        20,
        "while typing, the tab shows its own matches"
    );
    assert!(t
        .h
        .app
        .cur()
        .rows
        .iter()
        .all(|r| r.kind == Kind::Supervision));
    t.h.press("<Enter>");
    assert_eq!(t.h.app.cur().len(), 20);
    let s = t.h.screen();
    assert!(!s.contains("沒有符合"), "{s}");
    // 不亮 matches only 收件: nothing here, and that is said.
    t.h.press("/<C-u>");
    t.h.type_text("不亮");
    t.h.press("<Enter>");
    assert!(t.h.app.cur().is_empty());
    assert!(t.h.screen().contains("沒有符合「不亮」的事項"));
}

#[test]
fn no_match_is_judged_on_the_whole_answer_not_on_rows_still_coming() {
    use shuniu::tui::key::{Code, Key};
    let mut t = outnumbered();
    t.h.press("5");
    t.h.timeout();
    // The clerk types faster than the rows come: every effect waits until after Enter.
    let mut fx = t.h.app.key(Key::ch('/'));
    for c in "查無此事".chars() {
        fx.extend(t.h.app.key(Key::ch(c)));
    }
    fx.extend(t.h.app.key(Key::plain(Code::Enter)));
    assert!(
        t.h.app.message.is_none(),
        "nothing judged before the answer"
    );
    t.h.run(fx);
    assert!(t.h.app.cur().is_empty());
    let s = t.h.screen();
    assert!(s.contains("沒有符合「查無此事」的事項"), "{s}");
    // And a query that matches says nothing, though the list was empty a moment before.
    let mut fx = t.h.app.key(Key::ch('/'));
    fx.extend(t.h.app.key(Key::ctrl('u')));
    for c in "整改".chars() {
        fx.extend(t.h.app.key(Key::ch(c)));
    }
    fx.extend(t.h.app.key(Key::plain(Code::Enter)));
    t.h.run(fx);
    assert_eq!(t.h.app.cur().len(), 20);
    let s = t.h.screen();
    assert!(!s.contains("沒有符合"), "{s}");
}

#[test]
fn form_creates_with_chinese_text_and_cursor_on_the_right_cell() {
    let mut t = setup(400, (100, 30));
    t.h.press("o");
    assert_eq!(t.h.app.mode, Mode::Insert);
    t.h.type_text("市民來電反映路燈不亮");
    let (x, y) = t.h.cursor();
    // Label column 20 + 1, then ten wide characters.
    assert_eq!((x, y), (21 + 20, 4));
    t.h.press("<C-w>");
    assert_eq!(
        t.h.app.form.as_ref().unwrap().fields[0].input.text,
        "",
        "C-w deletes the CJK run"
    );
    t.h.paste("市民來電反映路燈不亮\n");
    t.h.press("<Tab>");
    t.h.press("<C-u>");
    t.h.type_text("特急");
    t.h.press("<C-s>");
    let screen = t.h.screen();
    assert_eq!(t.h.app.mode, Mode::Normal, "{screen}");
    let made = t
        .core
        .rows(&Filter {
            kind: Some(Kind::Inbox),
            ..Filter::default()
        })
        .unwrap()
        .into_iter()
        .find(|r| r.title == "市民來電反映路燈不亮")
        .expect("created");
    assert_eq!(made.urgency, Urgency::Immediate);
    assert_eq!(
        t.h.app.selected_row().unwrap().id,
        made.id,
        "the new item is selected"
    );
    // Edit it: e opens the form with its values.
    t.h.press("e");
    assert_eq!(
        t.h.app.form.as_ref().unwrap().fields[0].input.text,
        "市民來電反映路燈不亮"
    );
    t.h.press("<C-u>");
    t.h.type_text("路燈不亮（已核實）");
    t.h.press("<C-s>");
    assert_eq!(t.core.get(made.id).unwrap().title, "路燈不亮（已核實）");
    let _ = t.h.screen();
}

/// Puts the form's cursor on the field `name`.
fn focus(h: &mut Harness, name: &str) {
    let f = h.app.form.as_ref().expect("a form");
    let want = f
        .fields
        .iter()
        .position(|x| x.name == name)
        .unwrap_or_else(|| panic!("{name} in the form"));
    for _ in 0..f.fields.len() {
        let at = h.app.form.as_ref().unwrap().focus;
        if at == want {
            return;
        }
        h.press(if at > want { "<S-Tab>" } else { "<Tab>" });
    }
    panic!("could not reach {name}");
}

/// Fills the open form's fields (title first) and saves it.
fn fill_and_save(h: &mut Harness, values: &[(&str, &str)]) {
    for (name, v) in values {
        focus(h, name);
        h.press("<C-u>");
        h.type_text(v);
    }
    h.press("<C-s>");
}

#[test]
fn o_creates_every_kind_from_its_tab() {
    let mut t = setup(400, (100, 30));
    /// (the tab's key, the kind, the fields typed).
    type Case = (&'static str, Kind, &'static [(&'static str, &'static str)]);
    let cases: &[Case] = &[
        (
            "2",
            Kind::Outgoing,
            &[
                ("title", "關於開展校舍安全檢查的通知"),
                ("doc_type", "通知"),
                ("recipients", "各區縣教育局"),
            ],
        ),
        (
            "3",
            Kind::Meeting,
            &[
                ("title", "校舍安全工作專題會議"),
                ("start", "明天 14:00"),
                ("end", "明天 16:00"),
                ("room", "第一會議室"),
            ],
        ),
        (
            "4",
            Kind::Affair,
            &[("title", "接待市民反映校舍問題"), ("contact", "王先生")],
        ),
        (
            "5",
            Kind::Supervision,
            &[("title", "督辦校舍安全隱患整改"), ("lead_unit", "市教育局")],
        ),
    ];
    for (tab, kind, values) in cases {
        t.h.press(tab);
        t.h.timeout();
        t.h.press("o");
        if *kind == Kind::Outgoing {
            assert!(matches!(t.h.app.overlay, Some(Overlay::ChooseKind)));
            t.h.press("2");
        }
        let f = t.h.app.form.as_ref().expect("the form opens");
        assert_eq!(f.kind, *kind);
        assert!(t.h.screen().contains(&format!("新建{}", kind.label())));
        fill_and_save(&mut t.h, values);
        let s = t.h.screen();
        assert_eq!(t.h.app.mode, Mode::Normal, "{kind}: {s}");
        assert!(s.contains("已保存"), "{s}");
        let made = t.sel();
        assert_eq!(made.kind, *kind, "the new item is selected in its tab");
        assert_eq!(made.status, shuniu::model::Status::initial(*kind));
        for (name, v) in values.iter() {
            let got = made.get(name).unwrap();
            match *name {
                "start" | "end" => {
                    let day = t.core.today().succ_opt().unwrap();
                    assert!(got.starts_with(&day.to_string()), "{name}: {got}");
                    assert!(got.ends_with(&v[v.len() - 5..]), "{name}: {got}");
                }
                _ => assert_eq!(got, *v, "{kind} {name}"),
            }
        }
    }
}

#[test]
fn validation_is_shown_at_the_field() {
    let mut t = setup(400, (100, 30));
    t.h.press("o");
    t.h.type_text("來電");
    let phone =
        t.h.app
            .form
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .position(|f| f.name == "phone")
            .unwrap();
    for _ in 0..phone {
        t.h.press("<Tab>");
    }
    t.h.type_text("abc");
    t.h.press("<C-s>");
    let f = t.h.app.form.as_ref().expect("still open");
    assert_eq!(
        f.fields[phone].error.as_deref(),
        Some("「abc」不是電話號碼（只能有數字、空格、- + ( ) 和 轉）"),
        "said in 繁體, as the screen is"
    );
    assert_eq!(f.focus, phone);
    assert!(
        t.h.screen().contains("↳ 「abc」不是電話號碼"),
        "the error shows under the field"
    );
    // A deadline with both a sign and 後: the date parser's reason, in 繁體 too.
    t.h.press("<C-u>");
    let deadline =
        t.h.app
            .form
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .position(|f| f.name == "deadline")
            .unwrap();
    while t.h.app.form.as_ref().unwrap().focus != deadline {
        let up = t.h.app.form.as_ref().unwrap().focus > deadline;
        t.h.press(if up { "<S-Tab>" } else { "<Tab>" });
    }
    t.h.type_text("+3天後");
    t.h.press("<C-s>");
    let f = t.h.app.form.as_ref().expect("still open");
    let e = f.fields[deadline].error.clone().unwrap_or_default();
    assert!(
        e.starts_with("「+3天後」不是日期：正負號與「後／前」只能用一個（可填"),
        "{e}"
    );
    assert!(!e.is_ascii() && !e.contains("not a date"), "{e}");
}

#[test]
fn refusals_and_the_connection_are_said_in_the_screens_language() {
    let mut t = setup(400, (100, 30));
    let before = t.sel();
    assert!(t.h.screen().contains("本機"));
    // A deadline that names no date, at the triage prompt: refused before
    // anything is sent, in the clerk's words.
    t.h.press("t");
    t.h.type_text("13月45日");
    t.h.press("<Enter>");
    let m = t.h.app.message.clone().unwrap().0;
    assert!(
        m.starts_with("期限：「13月45日」不是日期：沒有 13 月（可填 2026-12-01"),
        "{m}"
    );
    assert!(t.h.screen().contains("期限：「13月45日」不是日期"));
    assert_eq!(
        t.core.get(before.id).unwrap().version,
        before.version,
        "nothing written"
    );
    t.h.press(":set phone 打電話<Enter>");
    let m = t.h.app.message.clone().unwrap().0;
    assert!(m.starts_with("電話：「打電話」不是電話號碼"), "{m}");
    // The same in English and in 简体; the connection follows :lang too.
    t.h.press(":lang en<Enter>t");
    t.h.type_text("13月45日");
    t.h.press("<Enter>");
    let m = t.h.app.message.clone().unwrap().0;
    assert!(
        m.starts_with("deadline: '13月45日' is not a date: there is no month 13 (try"),
        "{m}"
    );
    assert!(t.h.screen().contains("local"));
    t.h.press(":lang zh-Hans<Enter>t");
    t.h.type_text("2026-02-30");
    t.h.press("<Enter>");
    let m = t.h.app.message.clone().unwrap().0;
    assert!(
        m.starts_with("期限：「2026-02-30」不是日期：2026 年 2 月没有 30 日"),
        "{m}"
    );
    assert!(t.h.screen().contains("本机"));
    // An urgency that is no urgency lists what is: from the vocabulary.
    t.h.press(":set urgency 很急<Enter>");
    let m = t.h.app.message.clone().unwrap().0;
    assert!(
        m.contains("「很急」不是可用的值；可用：平件、加急、特急"),
        "{m}"
    );
    assert_eq!(
        t.core.get(before.id).unwrap().version,
        before.version,
        "nothing written"
    );
}

#[test]
fn config_warnings_are_said_in_the_screens_language() {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), 0);
    let file = dir.path().join("config.toml");
    std::fs::write(
        &file,
        "lang = \"zh-Hant\"\n[keys.normal]\nx = \"close\"\n\"<C-q>\" = \"frob\"\n",
    )
    .unwrap();
    let (cfg, errs) = shuniu::config::load(Some(&file));
    assert!(errs.is_empty(), "{errs:?}");
    for (lang, want) in [
        (
            "zh-Hant",
            format!(
                "{} 第 4 行：keys.normal.\"<C-q>\"：沒有「frob」這個命令（沿用預設按鍵）",
                file.display()
            ),
        ),
        (
            "en",
            format!(
                "{} line 4: keys.normal.\"<C-q>\": unknown command 'frob' (the default stays)",
                file.display()
            ),
        ),
    ] {
        let prefs = shuniu::tui::Prefs {
            lang: Some(lang.into()),
            keys: cfg.keys.clone().unwrap_or_default(),
            files: vec![file.clone()],
            ..Default::default()
        };
        let (_, warnings) = shuniu::tui::setup(
            core.as_ref(),
            WorkCalendar::builtin(),
            &prefs,
            shuniu::tui::Connection::Local,
            None,
        );
        assert_eq!(warnings, vec![want]);
    }
    let prefs = shuniu::tui::Prefs {
        lang: Some("klingon".into()),
        ..Default::default()
    };
    let (setup, warnings) = shuniu::tui::setup(
        core.as_ref(),
        WorkCalendar::builtin(),
        &prefs,
        shuniu::tui::Connection::Local,
        None,
    );
    assert_eq!(setup.lang, Lang::Hant);
    assert_eq!(
        warnings,
        vec!["語言「klingon」：請用 zh-Hant、zh-Hans 或 en".to_string()]
    );
}

/// Another clerk, `lin`, on the same store.
fn colleague(core: &Core) -> Core {
    let mut u = core.whoami().unwrap();
    u.login = "lin".into();
    u.display = "林文書".into();
    u.uid = 1001;
    Core::as_user(core.engine().clone(), u)
}

#[test]
fn a_conflict_says_who_changed_what_and_ctrl_r_reapplies_the_change() {
    let mut t = setup(400, (100, 30));
    let it = t.sel();
    // lin assigns it while this clerk is about to change its urgency.
    colleague(&t.core)
        .apply(Command::Set {
            id: it.id,
            version: it.version,
            fields: vec![("handler".into(), "李四".into())],
        })
        .unwrap();
    t.h.press("p");
    let m = t.h.app.message.clone().unwrap().0;
    assert_eq!(
        m,
        format!(
            "{} 已被 lin 於 2026-11-25 09:30 修改（經辦人）；已重新載入，按 <C-r> 再套用您的修改",
            it.code
        )
    );
    assert!(t
        .h
        .screen()
        .contains("已被 lin 於 2026-11-25 09:30 修改（經辦人）"));
    let now = t.core.get(it.id).unwrap();
    assert_eq!(
        (now.urgency, now.version),
        (it.urgency, it.version + 1),
        "nothing of ours written"
    );
    // One key: reload and apply the urgency again, on lin's version.
    t.h.press("<C-r>");
    let after = t.core.get(it.id).unwrap();
    assert_ne!(after.urgency, it.urgency, "our change is in");
    assert_eq!(after.handler, "李四", "and lin's too");
    assert_eq!(after.version, it.version + 2);
    assert!(t.h.screen().contains(&format!("{}：緊急程度=", it.code)));
    // The re-applied change is a change like any other: u takes it back.
    t.h.press("u");
    assert_eq!(t.core.get(it.id).unwrap().urgency, it.urgency);
    // Nothing is pending any more.
    t.h.press("<C-r>");
    assert_eq!(t.h.app.message.clone().unwrap().0, "沒有要再套用的修改");
}

#[test]
fn a_conflicting_form_save_keeps_the_form_and_ctrl_r_saves_it_on_the_new_version() {
    let mut t = setup(400, (100, 30));
    let it = t.sel();
    t.h.press("e");
    assert!(t.h.app.form.is_some());
    t.h.press("<C-u>");
    t.h.type_text("標題改過了");
    colleague(&t.core)
        .apply(Command::Set {
            id: it.id,
            version: it.version,
            fields: vec![
                ("deadline".into(), "2026-12-31".into()),
                ("handler".into(), "李四".into()),
            ],
        })
        .unwrap();
    t.h.press("<C-s>");
    let m = t.h.app.message.clone().unwrap().0;
    assert!(
        m.starts_with(&format!(
            "{} 已被 lin 於 2026-11-25 09:30 修改（經辦人、期限）",
            it.code
        )) || m.starts_with(&format!(
            "{} 已被 lin 於 2026-11-25 09:30 修改（期限、經辦人）",
            it.code
        )),
        "{m}"
    );
    let f =
        t.h.app
            .form
            .as_ref()
            .expect("the form stays open, nothing typed is lost");
    assert_eq!(f.fields[0].input.text, "標題改過了");
    assert!(!f.saving);
    assert_eq!(t.core.get(it.id).unwrap().title, it.title);
    t.h.press("<C-r>");
    assert!(t.h.app.form.is_none(), "{}", t.h.screen());
    let after = t.core.get(it.id).unwrap();
    assert_eq!(after.title, "標題改過了");
    assert_eq!(after.handler, "李四");
    assert_eq!(after.deadline.unwrap().to_string(), "2026-12-31");
    assert!(t.h.screen().contains(&format!("已保存 {}", it.code)));
}

#[test]
fn drafts_survive_and_are_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), 400);
    let drafts = dir.path().join("drafts");
    let mut h = Harness::new(
        core.clone(),
        WorkCalendar::builtin(),
        (100, 30),
        Lang::Hant,
        Some(drafts.clone()),
    );
    h.press("o");
    h.type_text("草稿標題");
    assert_eq!(shuniu::tui::draft::list(&drafts).len(), 1, "saved as typed");
    drop(h); // the terminal went away
    let mut h = Harness::new(
        core,
        WorkCalendar::builtin(),
        (100, 30),
        Lang::Hant,
        Some(drafts.clone()),
    );
    assert!(matches!(h.app.overlay, Some(Overlay::Draft(_))));
    assert!(h.screen().contains("草稿標題"));
    h.press("r");
    assert_eq!(
        h.app.form.as_ref().unwrap().fields[0].input.text,
        "草稿標題"
    );
    h.press("<Esc>");
    assert!(
        matches!(h.app.overlay, Some(Overlay::Confirm { .. })),
        "discarding asks"
    );
    h.press("y");
    assert!(shuniu::tui::draft::list(&drafts).is_empty());
}

#[test]
fn selection_follows_the_item_when_another_clerk_adds_one() {
    let mut t = setup(400, (80, 24));
    t.h.press("3j");
    let id = t.sel().id;
    let other = Core::as_user(t.core.engine().clone(), t.core.whoami().unwrap());
    let mut it = Item::new(Kind::Inbox, "另一位同事新登記的來件", "other", FIXED_NOW);
    it.unit = "市政府辦公室".into();
    other.apply(Command::Create { item: Box::new(it) }).unwrap();
    t.h.run(vec![]);
    assert_eq!(t.sel().id, id);
    assert_eq!(t.sel_index(), 4);
    assert!(t.h.screen().contains("另一位同事新登記的來件"));
}

#[test]
fn workflow_moves_and_links() {
    let mut t = setup(400, (160, 48));
    let req = t.sel();
    t.h.press("t+3<Enter>W");
    t.h.press("2");
    t.h.timeout();
    let new = t.sel();
    assert!(
        new.links.iter().any(|l| l.id == req.id),
        "the new 收文 is on top"
    );
    assert_eq!(new.status, Status::Received);
    t.h.press("m");
    assert!(t.h.screen().contains("1  登記"));
    t.h.press("1");
    assert_eq!(t.core.get(new.id).unwrap().status, Status::Registered);
    t.h.press(":move 退回 缺附件<Enter>");
    let it = t.core.get(new.id).unwrap();
    assert_eq!(it.status, Status::Returned);
    // gf follows the link back to the request; C-o returns.
    t.h.press("gf");
    assert_eq!(t.h.app.tab, 0);
    assert_eq!(t.sel().id, req.id);
    t.h.press("<C-o>");
    assert_eq!(t.h.app.tab, 1);
    assert_eq!(t.sel().id, new.id);
}

#[test]
fn escape_sequences_in_titles_are_shown_as_placeholders() {
    let mut t = setup(0, (160, 30));
    t.h.press("<Enter>");
    let mut it = Item::new(
        Kind::Inbox,
        "標題\x1b]0;pwned\x07\x1b[2J\u{202E}反轉",
        "x",
        FIXED_NOW,
    );
    it.set(
        "from",
        "來電人\x1b[31m",
        &shuniu::model::DateCtx {
            today: t.core.today(),
            cal: &WorkCalendar::builtin(),
        },
    )
    .unwrap();
    t.core
        .apply(Command::Create { item: Box::new(it) })
        .unwrap();
    t.h.run(vec![]);
    let s = t.h.screen();
    assert!(s.contains("標題␛]0;pwned␇␛[2J<U+202E>"), "{s}");
    assert!(s
        .lines()
        .all(|l| !l.chars().any(shuniu::model::sanitize::is_dangerous)));
}

#[test]
fn welcome_on_an_empty_store() {
    let mut t = setup(0, (100, 30));
    assert_eq!(t.h.app.overlay, Some(Overlay::Welcome));
    t.h.cx.now = Some(FIXED_NOW);
    t.h.press("d");
    assert!(t.h.app.overlay.is_none());
    assert!(t.h.app.cur().len() > 100);
    assert!(t.h.screen().contains("已載入 2000 項示範資料"));
}

#[test]
fn command_line_completes_and_reports() {
    let mut t = setup(400, (100, 30));
    t.h.press(":ass<Tab>");
    assert_eq!(t.h.app.line.as_ref().unwrap().input.text, "assign");
    t.h.press("<C-u>");
    t.h.type_text("frob");
    t.h.press("<Enter>");
    assert!(t.h.screen().contains("未知命令：frob"));
    t.h.press(":lang en<Enter>");
    assert!(t.h.screen().contains("Inbox"));
    t.h.press(":theme high-contrast<Enter>");
    assert_eq!(t.h.app.setup.theme.name, "high-contrast");
}

#[test]
fn docs_keys_md_is_what_the_keymap_generates() {
    let want = shuniu::tui::keymap::markdown(&shuniu::tui::keymap::Keymap::default());
    let have = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md"))
        .unwrap_or_default();
    assert!(
        have == want,
        "docs/keys.md is stale: run `cargo test --test tui_keys -- --ignored regenerate_keys_md`"
    );
}

#[test]
#[ignore]
fn regenerate_keys_md() {
    let md = shuniu::tui::keymap::markdown(&shuniu::tui::keymap::Keymap::default());
    std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md"), md).unwrap();
}
