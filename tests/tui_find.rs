//! Quick find, the caller view, the call record and the 通訊錄 forms, driven
//! by key sequences against an in-process `Core` on a temporary store
//! (fixed clock, demo seed 2026), as `tui_keys.rs` drives the rest.

mod tui_support;

use std::time::Duration;

use shuniu::core::{Found, Service};
use shuniu::demo::{FIXTURE_REF, FIXTURE_TITLE, WANG_JIANGUO};
use shuniu::model::{AffairType, Command, Item, Kind, KindData, WorkCalendar};
use shuniu::tui::app::{DirRow, Focus, Mode, Overlay, Who};
use shuniu::tui::event::{Effect, Outcome};
use shuniu::tui::harness::{fixture, Harness, FIXED_NOW};
use shuniu::tui::i18n::Lang;
use shuniu::tui::key::Key;
use shuniu::tui::worker;
use tui_support::{setup_fixed as setup, tab, T};

#[test]
fn quick_find_opens_everywhere_and_esc_restores_exactly() {
    let mut t = setup(400, (80, 24));
    // In 辦事, three rows down, a visual selection under way.
    tab(&mut t, 4);
    t.h.press("2jvj");
    let before = (
        t.h.app.tab,
        t.h.app.cur().selected,
        t.h.app.mode,
        t.h.app.cur().filter.clone(),
    );
    assert_eq!(before.2, Mode::Visual { anchor: 2 });
    t.h.press("<C-f>");
    assert!(t.h.app.find.is_some(), "C-f opens the popup in visual mode");
    let s = t.h.screen();
    assert!(s.contains("快速查找") && s.contains(" 查找 "), "{s}");
    t.h.type_text("wkz");
    let f = t.h.app.find.as_ref().unwrap();
    assert!(
        matches!(f.results.first(), Some(Found::Person(p)) if p.name == WANG_JIANGUO),
        "wkz finds 王科長: {:?}",
        f.results.first()
    );
    assert!(t.h.screen().contains("王建國"));
    t.h.press("<Esc>");
    assert!(t.h.app.find.is_none());
    let after = (
        t.h.app.tab,
        t.h.app.cur().selected,
        t.h.app.mode,
        t.h.app.cur().filter.clone(),
    );
    assert_eq!(before, after, "Esc returns exactly where the clerk was");

    // From the `/` line: the filter being typed stays, and so does the line.
    t.h.press("<Esc>/");
    t.h.type_text("通知");
    t.h.press("<C-f>");
    assert!(t.h.app.find.is_some(), "C-f works while typing a filter");
    t.h.type_text("xsaq");
    t.h.press("<Esc>");
    assert_eq!(t.h.app.mode, Mode::Search);
    assert_eq!(t.h.app.line.as_ref().unwrap().input.text, "通知");
    assert_eq!(t.h.app.cur().filter, "通知");
    t.h.press("<Esc>");

    // From the help, and from the detail pane.
    t.h.press("?<C-f>");
    assert!(t.h.app.overlay.is_none() && t.h.app.find.is_some());
    t.h.press("<Esc><Enter>");
    assert_eq!(t.h.app.focus, Focus::Detail);
    t.h.press("<C-f>");
    assert!(t.h.app.find.is_some());
    t.h.press("<Esc>");
    assert_eq!(t.h.app.focus, Focus::Detail, "back in the detail pane");

    // Not in a form: there the key is the clerk's to type with.
    t.h.press("<Esc>o");
    assert_eq!(t.h.app.mode, Mode::Insert);
    t.h.press("<C-f>");
    assert!(t.h.app.find.is_none(), "no quick find in insert mode");
}

#[test]
fn quick_find_enter_jumps_to_the_item_and_ctrl_o_comes_back() {
    let mut t = setup(400, (80, 24));
    t.h.press("3j");
    let from = t.h.app.selected_row().unwrap().id;
    t.h.press("<C-f>");
    t.h.type_text("〔2026〕45");
    let f = t.h.app.find.clone().unwrap();
    let Some(Found::Item(r)) = f.results.first() else {
        panic!("the 文號 finds the item first: {:?}", f.results);
    };
    assert_eq!(r.title, FIXTURE_TITLE);
    let id = r.id;
    let s = t.h.screen();
    // Kind, code, status, unit, deadline of each result.
    let line = s.lines().find(|l| l.contains(&r.code)).unwrap();
    let due = r.deadline.unwrap().format("%m-%d").to_string();
    for want in ["收文", "擬辦", "市政府辦公室", due.as_str()] {
        assert!(line.contains(want), "{want} in {line}");
    }
    assert!(
        t.h.marked().contains("〔2026〕45"),
        "the matched part is highlighted:\n{}",
        t.h.marked()
    );
    t.h.press("<Enter>");
    assert!(t.h.app.find.is_none());
    assert_eq!(t.h.app.tab, 1, "辦文");
    assert_eq!(t.h.app.selected_row().unwrap().id, id);
    assert_eq!(t.h.app.focus, Focus::Detail, "one pane: the item's detail");
    assert!(t.h.screen().contains(FIXTURE_REF));
    t.h.press("<C-o>");
    assert_eq!(t.h.app.tab, 0);
    assert_eq!(t.h.app.selected_row().unwrap().id, from);
}

#[test]
fn quick_find_pinyin_highlight_and_empty_and_long_queries() {
    let mut t = setup(400, (160, 48));
    t.h.press("<C-f>");
    assert!(t.h.screen().contains("輸入名稱、拼音首字母"));
    t.h.type_text("xsaq");
    assert!(t.h.marked().contains("校舍安全"), "{}", t.h.marked());
    t.h.press("<C-u>");
    assert!(t.h.app.find.as_ref().unwrap().results.is_empty());
    // A pasted flood and control characters: no crash, a bounded list.
    t.h.paste(&"教育\u{1b}[2J局".repeat(2000));
    let f = t.h.app.find.as_ref().unwrap();
    assert!(f.results.len() <= worker::FIND_LIMIT);
    let s = t.h.screen();
    assert!(!s.contains('\u{1b}'));
    t.h.press("<C-u>");
    t.h.type_text("zzzzqqqq");
    assert!(t.h.screen().contains("沒有符合「zzzzqqqq」的結果"));
    // Backspace on an empty query closes, as in the `/` line.
    t.h.press("<C-u><BS>");
    assert!(t.h.app.find.is_none());
}

#[test]
fn an_older_querys_answer_arriving_late_is_dropped() {
    let mut t = setup(400, (80, 24));
    let fx0 = t.h.app.key(Key::ctrl('f'));
    assert!(fx0.is_empty(), "an empty query asks nothing");
    let old = t.h.app.key(Key::ch('教'));
    let new = t.h.app.key(Key::ch('育'));
    let run = |cx: &worker::Ctx, fx: Vec<Effect>| -> Outcome {
        assert!(matches!(fx.as_slice(), [Effect::Find { .. }]), "{fx:?}");
        worker::exec(cx, fx.into_iter().next().unwrap()).unwrap()
    };
    let new_answer = run(&t.h.cx, new);
    let old_answer = run(&t.h.cx, old);
    t.h.app.outcome(new_answer);
    let shown = t.h.app.find.as_ref().unwrap().results.clone();
    assert!(!shown.is_empty());
    t.h.app.outcome(old_answer);
    let f = t.h.app.find.as_ref().unwrap();
    assert_eq!(f.results, shown, "the stale answer is dropped");
    assert_eq!(f.answered, "教育");
}

#[test]
fn caller_view_then_a_call_record_with_its_duration() {
    let mut t = setup(400, (80, 24));
    t.h.press("<C-f>");
    t.h.type_text("1234");
    let first = t.h.app.find.as_ref().unwrap().results.first().cloned();
    assert!(
        matches!(&first, Some(Found::Person(p)) if p.name == WANG_JIANGUO),
        "the phone's last digits find the caller: {first:?}"
    );
    t.h.press("<Enter>");
    let c = t.h.app.caller.as_ref().expect("the caller view");
    assert!(matches!(&c.who, Who::Person(p) if p.name == WANG_JIANGUO));
    assert_eq!(c.unit, "市教育局");
    assert!(c.loaded && !c.items.is_empty());
    // Their unit's open items: overdue first, every one open and theirs.
    let today = t.core.today();
    let overdue: Vec<bool> = c.items.iter().map(|r| r.row.is_overdue(today)).collect();
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]), "{overdue:?}");
    assert!(c.items.iter().map(|c| &c.row).all(|r| r.status.is_open()
        && (r.unit == "市教育局" || r.counterpart == "市教育局" || r.counterpart == WANG_JIANGUO)));
    assert!(
        c.items.iter().any(|r| r.row.title == FIXTURE_TITLE),
        "the 請示 the unit sent is there"
    );
    // The 通訊錄 is under it, with the caller selected.
    assert_eq!(t.h.app.tab, 5);
    assert!(matches!(t.h.app.dir_selected(), Some(DirRow::Person(p)) if p.name == WANG_JIANGUO));
    let s = t.h.screen();
    assert!(
        s.contains("來電：王建國") && s.contains("市教育局（教育局）"),
        "{s}"
    );
    assert!(s.contains("c 開始通話記錄"));

    // c starts the record at once, time-stamped, and the timer shows.
    t.h.press("c");
    let call = t.h.app.call.clone().expect("a call");
    let id = call.id.expect("the record was created");
    let rec = t.core.get(id).unwrap();
    assert_eq!(rec.kind, Kind::Affair);
    let KindData::Affair(d) = &rec.data else {
        panic!("an affair")
    };
    assert_eq!(d.affair_type, AffairType::PhoneCall);
    assert_eq!(d.contact, WANG_JIANGUO);
    assert_eq!(d.contact_unit, "市教育局");
    assert_eq!(d.phone, "13800001234", "the number whose digits were typed");
    assert_eq!(d.started, Some(FIXED_NOW));
    assert!(t.h.app.deadline().is_some(), "the timer ticks");
    assert!(t.h.screen().contains("通話中 王建國 0:0"));
    assert!(t.h.screen().contains("c 結束通話"));

    // A minute and a half later, c ends it: the duration is saved and the
    // record opens at its 內容 for the gist.
    let c = t.h.app.call.as_mut().unwrap();
    c.since = c.since.checked_sub(Duration::from_secs(95)).unwrap();
    t.h.press("c");
    assert!(t.h.app.call.is_none());
    let rec = t.core.get(id).unwrap();
    let KindData::Affair(d) = &rec.data else {
        panic!("an affair")
    };
    assert!((95..=97).contains(&d.duration_secs), "{}", d.duration_secs);
    assert_eq!(t.h.app.mode, Mode::Insert);
    let form = t.h.app.form.as_ref().unwrap();
    assert_eq!(form.fields[form.focus].name, "body");
    assert!(t.h.screen().contains("通話結束（1:3"));
    t.h.type_text("詢問校舍安全請示的辦理進度，已告知三日內答復。");
    t.h.press("<C-s>");
    assert_eq!(t.h.app.mode, Mode::Normal);
    assert_eq!(
        t.core.get(id).unwrap().body,
        "詢問校舍安全請示的辦理進度，已告知三日內答復。"
    );
    assert_eq!(t.h.app.tab, 3, "the record is shown in 辦事");
}

#[test]
fn a_unit_from_quick_find_and_the_call_key_elsewhere() {
    let mut t = setup(400, (160, 48));
    t.h.press("c");
    assert!(t.h.app.call.is_none());
    assert!(t.h.screen().contains("先選擇來電人"), "c needs a caller");
    t.h.press("<C-f>");
    t.h.type_text("發改委");
    t.h.press("<Enter>");
    let c = t.h.app.caller.as_ref().unwrap();
    assert!(matches!(&c.who, Who::Unit(u) if u.name == "市發展和改革委員會"));
    assert!(c.items.iter().all(|r| r.row.status.is_open()));
    // j moves in the caller's items; Enter opens one in its tab.
    t.h.press("j");
    let r = t.h.app.caller.as_ref().unwrap().items[1].row.clone();
    t.h.press("<Enter>");
    assert!(t.h.app.caller.is_none());
    assert_eq!(t.h.app.selected_row().unwrap().id, r.id);
    // In the 通訊錄, c calls the selected entry directly.
    tab(&mut t, 6);
    t.h.press("c");
    assert!(t.h.app.call.is_some());
}

#[test]
fn directory_lists_units_and_people_and_filters() {
    let mut t = setup(400, (160, 48));
    tab(&mut t, 6);
    let s = t.h.screen();
    assert!(s.contains("簡稱") || s.contains("市教育局"), "{s}");
    t.h.press("/");
    t.h.type_text("wjg");
    t.h.press("<Enter>");
    let rows = &t.h.app.cur().dir;
    assert!(matches!(&rows[0], DirRow::Unit(u) if u.name == "市教育局"));
    assert!(rows
        .iter()
        .any(|r| matches!(r, DirRow::Person(p) if p.name == WANG_JIANGUO)));
    let s = t.h.screen();
    assert!(
        s.contains("市教育局       科長"),
        "the unit's name, not its key:\n{s}"
    );
}

#[test]
fn directory_form_validates_at_the_field_then_saves() {
    let mut t = setup(400, (100, 30));
    tab(&mut t, 6);
    t.h.press("o");
    assert_eq!(t.h.app.overlay, Some(Overlay::ChooseDirectory));
    t.h.press("1");
    assert_eq!(t.h.app.mode, Mode::Insert);
    assert!(t.h.screen().contains("新建人員"));
    t.h.type_text("陳測試");
    t.h.press("<Tab><C-u>");
    t.h.type_text("不存在局");
    t.h.press("<Tab>");
    t.h.type_text("科員");
    t.h.press("<Tab>");
    t.h.type_text("0571-12345678、abc");
    t.h.press("<C-s>");
    let f = t.h.app.form.as_ref().expect("still open");
    let err = |name: &str| {
        f.fields
            .iter()
            .find(|x| x.name == name)
            .and_then(|x| x.error.clone())
            .unwrap_or_default()
    };
    assert!(err("unit").contains("不存在局"), "{}", err("unit"));
    assert!(err("phones").contains("「abc」不是電話號碼"));
    assert_eq!(
        f.fields[f.focus].name, "unit",
        "the cursor goes to the first error"
    );
    let s = t.h.screen();
    assert!(s.contains("↳ 通訊錄裡沒有「不存在局」這個單位"), "{s}");
    // Fixed: the unit by its abbreviation, two phones.
    t.h.press("<C-u>");
    t.h.type_text("教育局");
    t.h.press("<Tab><Tab><C-u>");
    t.h.type_text("0571-12345678、13912345678");
    t.h.press("<C-s>");
    let s = t.h.screen();
    assert_eq!(t.h.app.mode, Mode::Normal, "{s}");
    let p = t
        .core
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "陳測試")
        .expect("saved");
    assert_eq!(p.unit, "jyj");
    assert_eq!(p.phones, vec!["0571-12345678", "13912345678"]);
    assert!(matches!(t.h.app.dir_selected(), Some(DirRow::Person(x)) if x.id == p.id));
    assert!(t.h.screen().contains("已保存 陳測試"));
    // Edit: e opens the person with their values.
    t.h.press("e");
    let f = t.h.app.form.as_ref().unwrap();
    assert_eq!(f.fields[1].input.text, "市教育局");
    t.h.press("<Tab><Tab><C-u>");
    t.h.type_text("副科長");
    t.h.press("<C-s>");
    let p2 = t
        .core
        .people()
        .unwrap()
        .into_iter()
        .find(|x| x.id == p.id)
        .unwrap();
    assert_eq!(p2.title, "副科長");
    // A new unit: the name is required; the key comes from its initials.
    t.h.press("o2<C-s>");
    assert!(t.h.screen().contains("↳ 必須填寫"));
    t.h.type_text("市測試局");
    t.h.press("<Tab>");
    t.h.type_text("測試局");
    t.h.press("<C-s>");
    let u = t
        .core
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.name == "市測試局")
        .expect("the unit");
    assert_eq!(u.key, "scsj");
    assert_eq!(u.abbreviations, vec!["測試局"]);
}

#[test]
fn demo_data_leaves_the_cursor_on_the_first_row() {
    let mut t = setup(0, (100, 30));
    assert_eq!(t.h.app.overlay, Some(Overlay::Welcome));
    // Pushes of the load arrive while the list fills: the cursor must not ride them.
    t.h.press("d");
    assert_eq!(t.h.app.cur().selected, 0);
    let first = t.h.app.cur().rows[0].id;
    assert_eq!(t.h.app.cur().sel_id, Some(first));
    // The same when pushes of new items arrive before the reloaded rows:
    // each lands on top and the cursor would follow the first of them.
    t.h.press("5j");
    let fx = t.h.app.outcome(Outcome::DemoLoaded(0));
    let mut pushes = vec![];
    for title in ["先到的推送一", "先到的推送二"] {
        let it = Item::new(Kind::Inbox, title, "other", FIXED_NOW);
        let it = t
            .core
            .apply(Command::Create { item: Box::new(it) })
            .unwrap();
        pushes.extend(t.h.app.push(shuniu::core::Event::Changed(Box::new(it))));
    }
    assert_eq!(t.h.app.cur().selected, 1, "the cursor rode the pushes");
    pushes.extend(fx);
    t.h.run(pushes);
    assert_eq!(t.h.app.cur().selected, 0);
    assert_eq!(t.h.app.cur().offset, 0);
    assert_eq!(t.h.app.cur().sel_id, Some(t.h.app.cur().rows[0].id));
}

#[test]
fn the_status_line_says_when_the_service_is_gone() {
    let mut t = setup(400, (100, 30));
    assert!(t.h.screen().contains("本機"));
    t.h.app.disconnected();
    let s = t.h.screen();
    assert!(s.contains("已斷線") && !s.contains("本機"), "{s}");
    assert!(s.contains("連線已中斷"));
}

#[test]
fn clearing_a_filter_brings_the_whole_list_back_at_once() {
    let mut t = setup(400, (100, 30));
    tab(&mut t, 2);
    let all = t.h.app.cur().len();
    t.h.press("/");
    t.h.type_text("xsaq");
    assert!(t.h.app.cur().len() < all);
    assert!(
        t.h.app.cur().unfiltered.is_some(),
        "the whole list is kept aside"
    );
    let fx = t.h.app.key(Key::plain(shuniu::tui::key::Code::Esc));
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::LoadRows { .. })),
        "no reload: {fx:?}"
    );
    assert_eq!(t.h.app.cur().len(), all);
    t.h.run(fx);
}

/// Opens quick find over the overlay on screen, finds 張三, and closes the
/// popup again: the overlay must be back exactly as it was.
fn find_over_overlay_and_back(t: &mut T, what: &str) {
    let before = t.h.app.overlay.clone();
    assert!(before.is_some(), "{what}: an overlay to start from");
    let state = (t.h.app.tab, t.h.app.mode, t.h.app.cur().selected);
    t.h.press("<C-f>");
    assert!(t.h.app.find.is_some(), "{what}: C-f opens quick find");
    t.h.type_text("zs");
    let f = t.h.app.find.as_ref().unwrap();
    assert!(
        matches!(f.results.first(), Some(Found::Person(p)) if p.name == "張三"),
        "{what}: {:?}",
        f.results.first()
    );
    assert!(t.h.screen().contains("張三"), "{what}: the popup is drawn");
    t.h.press("<Esc>");
    assert!(t.h.app.find.is_none(), "{what}");
    assert_eq!(
        t.h.app.overlay, before,
        "{what}: Esc brings the overlay back"
    );
    assert_eq!(
        (t.h.app.tab, t.h.app.mode, t.h.app.cur().selected),
        state,
        "{what}: and the screen under it"
    );
}

#[test]
fn quick_find_opens_over_every_overlay() {
    // The welcome of an empty store (the directory is there to find).
    let mut t = setup(0, (100, 30));
    shuniu::demo::load(&*t.core, {
        let mut d = shuniu::demo::generate(0, 2026, FIXED_NOW);
        d.items.clear();
        d
    })
    .unwrap();
    assert_eq!(t.h.app.overlay, Some(Overlay::Welcome));
    find_over_overlay_and_back(&mut t, "welcome");

    let mut t = setup(400, (100, 30));
    // A yes/no question before a bulk change: Esc from quick find brings the
    // question back, and a jump elsewhere drops it without doing anything.
    let ids: Vec<u64> = t.h.app.cur().rows[..2].iter().map(|r| r.id).collect();
    let urgency = |t: &T| -> Vec<_> {
        ids.iter()
            .map(|i| t.core.get(*i).unwrap().urgency)
            .collect()
    };
    let before = urgency(&t);
    t.h.press("vj:urgency 特急<Enter>");
    assert!(matches!(t.h.app.overlay, Some(Overlay::Confirm { .. })));
    find_over_overlay_and_back(&mut t, "confirm");
    t.h.press("<C-f>");
    t.h.type_text("〔2026〕45");
    t.h.press("<Enter>");
    assert!(
        t.h.app.overlay.is_none(),
        "the question is gone after a jump"
    );
    assert_eq!(t.h.app.selected_row().unwrap().title, FIXTURE_TITLE);
    assert_eq!(urgency(&t), before, "and nothing was changed");

    // The workflow moves of an item.
    t.h.press("<Esc>");
    t.h.press("m");
    assert!(matches!(t.h.app.overlay, Some(Overlay::Moves { .. })));
    find_over_overlay_and_back(&mut t, "moves");
    t.h.press("<Esc>");

    // 收文 or 發文 in 辦文; person or unit in the 通訊錄.
    tab(&mut t, 2);
    t.h.press("o");
    assert_eq!(t.h.app.overlay, Some(Overlay::ChooseKind));
    find_over_overlay_and_back(&mut t, "choose kind");
    t.h.press("<Esc>");
    tab(&mut t, 6);
    t.h.press("o");
    assert_eq!(t.h.app.overlay, Some(Overlay::ChooseDirectory));
    find_over_overlay_and_back(&mut t, "choose directory");
}

#[test]
fn quick_find_opens_over_a_draft_offer_but_not_over_a_form() {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), 400);
    let drafts = dir.path().join("drafts");
    let harness = || {
        Harness::new(
            core.clone(),
            WorkCalendar::builtin(),
            (100, 30),
            Lang::Hant,
            Some(drafts.clone()),
        )
    };
    let mut h = harness();
    h.press("o");
    h.type_text("草稿標題");
    // In a form the key is the clerk's: no popup, even over its question.
    h.press("<C-f>");
    assert!(h.app.find.is_none());
    drop(h);
    let h = harness();
    let mut t = T {
        _dir: dir,
        core: core.clone(),
        h,
    };
    assert!(matches!(t.h.app.overlay, Some(Overlay::Draft(_))));
    find_over_overlay_and_back(&mut t, "draft offer");
    t.h.press("r");
    assert_eq!(t.h.app.mode, Mode::Insert, "the draft is still offered");
    t.h.press("<Esc>");
    assert!(matches!(t.h.app.overlay, Some(Overlay::Confirm { .. })));
    t.h.press("<C-f>");
    assert!(t.h.app.find.is_none(), "not over a form's question");
}
