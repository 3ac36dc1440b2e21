//! The caller view's items: complete however many items concern the
//! caller, each with its last change, driven by keys against an in-process
//! `Core` on a temporary store (fixed clock, demo seed 2026).

mod tui_support;

use shuniu::core::Service;
use shuniu::demo::FIXTURE_TITLE;
use shuniu::model::{Command, Item, Kind, WorkCalendar};
use shuniu::tui::harness::FIXED_NOW;
use shuniu::tui::worker;
use tui_support::setup_fixed as setup;

#[test]
fn caller_view_shows_who_changed_each_item_last_and_how() {
    let mut t = setup(400, (160, 48));
    // A clerk sets the fixture 請示's deadline and then notes a step: the
    // caller view shows the last of these writes.
    let it = t
        .core
        .rows(&shuniu::core::Filter::default())
        .unwrap()
        .into_iter()
        .find(|r| r.title == FIXTURE_TITLE)
        .unwrap();
    let it = t
        .core
        .apply(Command::Set {
            id: it.id,
            version: it.version,
            fields: vec![("urgency".into(), "特急".into())],
        })
        .unwrap();
    t.h.press("<C-f>");
    t.h.type_text("1234");
    t.h.press("<Enter>");
    let c = t.h.app.caller.as_ref().unwrap();
    let row = c.items.iter().find(|r| r.row.id == it.id).unwrap();
    let last = row.last.as_ref().expect("its last change");
    assert_eq!(last.by, "tester");
    assert_eq!(last.action, "修改");
    assert_eq!(last.fields, ["urgency"]);
    // Every item carries the last entry of its own history.
    for r in &c.items {
        let h = t.core.history(r.row.id).unwrap();
        assert_eq!(
            r.last
                .as_ref()
                .map(|l| (l.at, l.by.as_str(), l.action.as_str())),
            h.last().map(|h| (h.at, h.by.as_str(), h.action.as_str())),
            "{}",
            r.row.code
        );
    }
    let s = t.h.screen();
    let line = s
        .lines()
        .find(|l| l.contains(&it.code))
        .unwrap_or_else(|| panic!("{} on screen:\n{s}", it.code));
    assert!(
        line.contains("tester 修改 緊急程度"),
        "who and what, by the field's label: {line}"
    );
}

#[test]
fn caller_items_are_complete_beyond_the_search_cap() {
    use shuniu::model::fields::DateCtx;
    let t = setup(0, (80, 24));
    let cal = WorkCalendar::builtin();
    let ctx = DateCtx {
        today: t.core.today(),
        cal: &cal,
    };
    let make = |title: &str, deadline: &str| {
        let mut it = Item::new(Kind::Incoming, "", "tester", FIXED_NOW);
        it.set("title", title, &ctx).unwrap();
        it.set("from", "市教育局", &ctx).unwrap();
        it.set("unit", "市政府辦公室", &ctx).unwrap();
        it.set("deadline", deadline, &ctx).unwrap();
        it
    };
    // The oldest: long overdue. Then more requests from the same unit than
    // one search returns.
    let mut items = vec![make("市教育局關於早已逾期事項的請示", "2026-01-05")];
    for i in 0..shuniu::search::MAX_RESULTS + 100 {
        items.push(make(
            &format!("市教育局關於第{i}項工作的報告"),
            "2026-12-31",
        ));
    }
    t.core.create_many(items).unwrap();
    let rows = worker::caller_rows(&*t.core, "市教育局", "").unwrap();
    assert_eq!(
        rows.first().map(|r| r.title.as_str()),
        Some("市教育局關於早已逾期事項的請示"),
        "the oldest, overdue request is found and shown first"
    );
    assert!(rows.iter().all(|r| r.counterpart == "市教育局"));
}

#[test]
fn opening_the_caller_view_makes_a_bounded_number_of_requests() {
    use tui_support::counting::{total, Counting};
    let dir = tempfile::tempdir().unwrap();
    let core = shuniu::tui::harness::fixture(&dir.path().join("data"), 400);
    let svc = Counting::new(core.clone());
    let mut h = shuniu::tui::harness::Harness::new(
        svc.clone(),
        WorkCalendar::builtin(),
        (160, 48),
        shuniu::tui::i18n::Lang::Hant,
        None,
    );
    let open = |h: &mut shuniu::tui::harness::Harness| {
        h.press("<Esc><Esc>:tab 1<Enter><C-f>");
        h.type_text("1234");
        svc.take();
        h.press("<Enter>");
        let calls = svc.take();
        let c = h.app.caller.as_ref().expect("the caller view");
        assert!(c.loaded);
        assert!(c.items.iter().all(|r| r.last.is_some()));
        (c.items.len(), calls)
    };
    let (few, first) = open(&mut h);
    assert!(few > 0);
    // One request for every item's last change, none per item; the rest is
    // the rows (the unit's, the names the index finds, for the view and
    // for the 通訊錄's detail) and the day.
    assert_eq!(first.get("history"), None, "{first:?}");
    assert_eq!(first.get("latest_history"), Some(&1), "{first:?}");
    assert!(total(&first) <= 12, "{first:?}");

    // 120 more open items for the caller's unit (each was a `history`
    // request before): the same requests, however many items.
    let unit = core
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.key == "jyj")
        .unwrap()
        .name;
    let more = (0..120)
        .map(|i| {
            let mut it = Item::new(Kind::Incoming, format!("來電單位的第{i}件"), "", FIXED_NOW);
            it.unit = unit.clone();
            it
        })
        .collect();
    core.create_many(more).unwrap();
    h.run(vec![]);
    let (many, again) = open(&mut h);
    assert_eq!(many, few + 120);
    assert_eq!(again, first);
}
