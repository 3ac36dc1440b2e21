//! The 傳閱 view in the workbench, driven by keys against an in-process
//! `Core` on a temporary store: a 收文 handed to two readers on different
//! days (each hand-over written under its own fixed clock), the view lists
//! both with their holders and the days counted here by hand, `c` asks one
//! back (its 催收 count goes up, on the store and on the screen), `Enter`
//! goes to the item in 辦文 and `Esc` leaves the clerk where they were; and
//! its look at 80×24 (`INSTA_UPDATE=always cargo test --test
//! tui_circulation` updates it).

use std::path::Path;

use shuniu::core::{Clock, Core, Engine, Service};
use shuniu::model::{Act, Command, Item, ItemId, Kind, KindData, Status, WorkCalendar};
use shuniu::tui::harness::{fixture, Harness, FIXED_NOW};
use shuniu::tui::i18n::Lang;

const DAY: i64 = 86_400;

/// The store in `dir` opened with its clock at `now`.
fn core_at(dir: &Path, now: i64) -> Core {
    let engine = Engine::open(dir, 16 << 20, WorkCalendar::builtin(), Clock::Fixed(now))
        .expect("open the store");
    Core::for_uid(engine, 1000, "tester").expect("the first user")
}

fn step(c: &Core, it: Item, cmd: impl FnOnce(ItemId, u64) -> Command) -> Item {
    c.apply(cmd(it.id, it.version)).expect("applied")
}

/// A 收文 moved to 傳閱 (at FIXED_NOW minus four days).
fn document(dir: &Path, title: &str) -> ItemId {
    let c = core_at(dir, FIXED_NOW - 4 * DAY);
    let mut it = Item::new(Kind::Incoming, title, "tester", FIXED_NOW - 4 * DAY);
    if let KindData::Incoming(d) = &mut it.data {
        d.for_reading = true;
    }
    let mut it = c.apply(Command::Create { item: Box::new(it) }).unwrap();
    for s in ["登記", "初審", "擬辦", "傳閱"] {
        let to = Status::parse(s).unwrap();
        it = step(&c, it, |id, version| Command::Move {
            id,
            version,
            to,
            note: String::new(),
        });
    }
    it.id
}

/// Hands the item to `holder` with the store's clock at `now`.
fn circulate(dir: &Path, id: ItemId, holder: &str, now: i64) {
    let c = core_at(dir, now);
    let it = c.get(id).unwrap();
    step(&c, it, |id, version| Command::Act {
        id,
        version,
        act: Act::Circulate {
            holder: holder.into(),
        },
    });
}

/// The store with one document out with two readers: 張秘書長 for three
/// days, 李副主任 since yesterday.
fn office(dir: &Path) -> ItemId {
    let id = document(dir, "省政府關於加強安全生產的通知");
    circulate(dir, id, "張秘書長", FIXED_NOW - 3 * DAY);
    circulate(dir, id, "李副主任", FIXED_NOW - DAY);
    id
}

/// Days out as a reader counts them: from the office-local day handed
/// over to today (the office is UTC+8).
fn days_out(since: i64, now: i64) -> i64 {
    let day = |t: i64| (t + 8 * 3600).div_euclid(DAY);
    day(now) - day(since)
}

/// The screen line holding `holder`.
fn line_of<'a>(screen: &'a str, holder: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(holder))
        .unwrap_or_else(|| panic!("no line for {holder}:\n{screen}"))
}

/// The two numbers right after the time `HH:MM` on a row: days, 催收.
fn numbers(line: &str) -> (i64, u32) {
    let after = line.split_once(':').expect("a time").1;
    let mut n = after[2..].split_whitespace();
    (
        n.next().unwrap().parse().unwrap(),
        n.next().unwrap().parse().unwrap(),
    )
}

#[test]
fn lists_both_readers_chases_one_and_jumps_to_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = office(&data);
    let svc = fixture(&data, 0);
    let mut h = Harness::new(
        svc.clone(),
        WorkCalendar::builtin(),
        (120, 36),
        Lang::Hant,
        None,
    );
    h.cx.now = Some(FIXED_NOW);
    // The clerk is somewhere: the 辦會 tab.
    h.press(":tab 3<Enter>");
    let before = (h.app.tab, h.app.focus);
    let screen_before = h.screen();

    h.press("R");
    let s = h.screen();
    assert!(s.contains("傳閱中（2 份）"), "{s}");
    // Longest out first.
    let at = |who: &str| s.find(who).unwrap_or_else(|| panic!("{who}:\n{s}"));
    assert!(at("張秘書長") < at("李副主任"), "{s}");
    let zhang = numbers(line_of(&s, "張秘書長"));
    let li = numbers(line_of(&s, "李副主任"));
    assert_eq!(zhang, (days_out(FIXED_NOW - 3 * DAY, FIXED_NOW), 0));
    assert_eq!(li, (days_out(FIXED_NOW - DAY, FIXED_NOW), 0));
    assert_eq!((zhang.0, li.0), (3, 1));
    assert!(line_of(&s, "李副主任").contains("安全生產"), "{s}");

    // Esc: back exactly where the clerk was.
    h.press("<Esc>");
    assert!(h.app.circulation.is_none());
    assert_eq!((h.app.tab, h.app.focus), before);
    assert_eq!(h.screen(), screen_before);

    // :circulation 2 keeps only the copy out for more than two days.
    h.press(":circulation 2<Enter>");
    let s = h.screen();
    assert!(s.contains("傳閱超過 2 天（1 份）"), "{s}");
    assert!(s.contains("張秘書長") && !s.contains("李副主任"), "{s}");
    h.press("<Esc>");

    // 催收 李副主任 from the view: the store and the row count it.
    h.press("Rj");
    h.press("c");
    let it = svc.get(id).unwrap();
    let KindData::Incoming(d) = &it.data else {
        unreachable!()
    };
    let chased: Vec<(&str, u32)> = d
        .circulation
        .iter()
        .map(|c| (c.holder.as_str(), c.chased))
        .collect();
    assert_eq!(chased, vec![("張秘書長", 0), ("李副主任", 1)]);
    let s = h.screen();
    assert_eq!(numbers(line_of(&s, "李副主任")), (1, 1), "{s}");
    assert_eq!(numbers(line_of(&s, "張秘書長")), (3, 0), "{s}");
    // Still on the same row, and asking again counts again.
    h.press("c");
    let s = h.screen();
    assert_eq!(numbers(line_of(&s, "李副主任")), (1, 2), "{s}");

    // Enter: the item in the 辦文 tab, its detail shown.
    h.press("<Enter>");
    assert!(h.app.circulation.is_none());
    assert_eq!(h.app.tab, 1);
    assert_eq!(h.app.selected_row().map(|r| r.id), Some(id));
    assert_eq!(h.app.detail.as_ref().map(|d| d.item.id), Some(id));
}

#[test]
fn nothing_out_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // In 傳閱, but handed to no one yet.
    document(&data, "市委辦公室通報");
    let svc = fixture(&data, 0);
    let mut h = Harness::new(svc, WorkCalendar::builtin(), (80, 24), Lang::En, None);
    h.press(":circulation<Enter>");
    let s = h.screen();
    assert!(s.contains("no 收文 copy is out for 傳閱"), "{s}");
}

#[test]
fn circulation_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    office(&data);
    let svc = fixture(&data, 0);
    let mut h = Harness::new(svc, WorkCalendar::builtin(), (80, 24), Lang::Hant, None);
    h.cx.now = Some(FIXED_NOW);
    h.press("R");
    insta::assert_snapshot!("circulation_80x24", h.screen());
}
