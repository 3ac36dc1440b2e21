//! Forms by keys: creating every kind, Chinese text and the cursor's cell,
//! validation at the field, drafts that survive, a conflicting save.

mod tui_support;

use shuniu::core::{Filter, Service};
use shuniu::model::{Command, Kind, Urgency, WorkCalendar};
use shuniu::tui::app::{Mode, Overlay};
use shuniu::tui::harness::{fixture, Harness};
use shuniu::tui::i18n::Lang;

use tui_support::*;

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
fn a_second_save_while_the_first_is_on_its_way_makes_nothing() {
    use shuniu::tui::event::Effect;
    let mut t = setup(400, (100, 30));
    t.h.press("o");
    t.h.type_text("市民來電反映井蓋缺失");
    let save = shuniu::tui::key::parse_keys("<C-s>").unwrap()[0];
    // Two presses before the worker has answered the first.
    let first = t.h.app.key(save);
    let second = t.h.app.key(save);
    let saves = |fx: &[Effect]| {
        fx.iter()
            .filter(|e| matches!(e, Effect::SaveForm { .. }))
            .count()
    };
    assert_eq!((saves(&first), saves(&second)), (1, 0));
    t.h.run(first);
    t.h.run(second);
    let made = t
        .core
        .rows(&Filter {
            kind: Some(Kind::Inbox),
            ..Filter::default()
        })
        .unwrap()
        .into_iter()
        .filter(|r| r.title == "市民來電反映井蓋缺失")
        .count();
    assert_eq!(made, 1);
    let screen = t.h.screen();
    assert_eq!(t.h.app.mode, Mode::Normal, "{screen}");
}
