//! The whole workbench driven by key sequences against an in-process `Core`
//! on a temporary store (fixed clock, demo seed 2026): motions, tabs, the
//! `/` filter, the `:` line, the language of what is said, and the keymap's
//! generated docs. Triage is in `tui_triage.rs`, forms in `tui_forms.rs`.

mod tui_support;

use shuniu::core::{Core, Service};
use shuniu::model::{Command, Item, Kind, WorkCalendar};
use shuniu::tui::app::{Mode, Overlay};
use shuniu::tui::harness::{fixture, Harness, FIXED_NOW};
use shuniu::tui::i18n::Lang;

use tui_support::*;

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
