//! Untrusted text on the new screens: a title, a unit and a lead unit holding
//! an OSC title sequence, a screen clear and a bidi override (U+202E, which
//! ratatui would keep: it only drops control characters) are drawn as
//! visible placeholders in the queue, the dashboard's bars and the 督查
//! statistics, and no cell holds ESC, BEL or U+202E.

use std::sync::Arc;

use shuniu::core::{Core, Service};
use shuniu::model::{Classification, Command, Item, Kind, Role, User, WorkCalendar};
use shuniu::tui::harness::{fixture, Harness, FIXED_NOW};
use shuniu::tui::i18n::Lang;

/// A title with a terminal-title sequence, a clear-screen and a bidi override.
const TITLE: &str = "惡意\x1b]0;pwned\x07\x1b[2J\u{202E}標題";
/// A unit name short enough for a bar's label once escaped (14 cells).
const UNIT: &str = "\x1b[2J\u{202E}名";

/// Asserts no cell of the drawn screen holds a raw ESC, BEL or bidi override.
fn no_raw_cell(h: &mut Harness) {
    let b = h.cells();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            let sym = b[(x, y)].symbol();
            assert!(
                !sym.contains(['\x1b', '\x07', '\u{202E}']),
                "cell ({x},{y}) holds {sym:?}"
            );
        }
    }
}

fn create(core: &Core, kind: Kind, title: &str, set: &[(&str, &str)]) -> Item {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let cal = WorkCalendar::builtin();
    let dc = shuniu::model::DateCtx { today, cal: &cal };
    let mut it = Item::new(kind, title, "tester", FIXED_NOW);
    for (k, v) in set {
        it.set(k, v, &dc).unwrap();
    }
    core.apply(Command::Create { item: Box::new(it) }).unwrap()
}

fn harness(core: Arc<Core>) -> Harness {
    let mut h = Harness::new(core, WorkCalendar::builtin(), (140, 40), Lang::Hant, None);
    h.cx.now = Some(FIXED_NOW);
    h
}

#[test]
fn the_queue_draws_a_hostile_title_as_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let admin = fixture(&dir.path().join("data"), 0);
    admin
        .save_user(User {
            login: "li".into(),
            uid: 2001,
            display: "李明".into(),
            unit: "辦公室".into(),
            role: Role::Clerk,
            clearance: Classification::Internal,
            disabled: false,
        })
        .unwrap();
    let li = Arc::new(Core::for_uid(admin.engine().clone(), 2001, "li").unwrap());
    create(&admin, Kind::Affair, TITLE, &[("handler", "李明")]);
    let mut h = harness(li);
    h.press("<C-t>");
    assert!(h.app.queue.is_some());
    let s = h.screen();
    assert!(s.contains("待辦（1）"), "{s}");
    assert!(s.contains("惡意␛]0;pwned␇␛[2J<U+202E>標題"), "{s}");
    no_raw_cell(&mut h);
}

#[test]
fn the_dashboard_and_the_statistics_draw_hostile_unit_names_as_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), 0);
    // Overdue: counted under its unit in the dashboard's bars.
    create(
        &core,
        Kind::Affair,
        TITLE,
        &[("unit", UNIT), ("deadline", "2026-11-10")],
    );
    let mut h = harness(core.clone());
    h.press("D");
    h.timeout();
    let s = h.screen();
    assert!(
        s.lines().any(|l| l.contains("␛[2J<U+202E>名")),
        "the bar's label, escaped:\n{s}"
    );
    no_raw_cell(&mut h);
    h.press("D");
    assert!(h.app.dashboard.is_none());

    // A 督查 item of this year led by the same unit: the statistics' label.
    let mut it = Item::new(Kind::Supervision, TITLE, "tester", FIXED_NOW);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let cal = WorkCalendar::builtin();
    let dc = shuniu::model::DateCtx { today, cal: &cal };
    for (k, v) in [("deadline", "2026-11-10"), ("lead_unit", UNIT)] {
        it.set(k, v, &dc).unwrap();
    }
    it.status = shuniu::model::Status::Handling;
    core.create_many(vec![it]).unwrap();
    h.press("5");
    h.timeout();
    h.press("s");
    assert_eq!(h.app.overlay, Some(shuniu::tui::app::Overlay::Stats));
    let s = h.screen();
    assert!(s.contains("␛[2J<U+20"), "the unit's label, escaped:\n{s}");
    no_raw_cell(&mut h);
}

/// The key of the open menu's choice that reads `text`.
fn menu_key(s: &str, text: &str) -> String {
    let pat = format!("  {text}");
    s.lines()
        .find_map(|l| {
            let i = l.find(&pat)?;
            l[..i].chars().last().filter(|c| c.is_ascii_alphanumeric())
        })
        .unwrap_or_else(|| panic!("no choice {text} in:\n{s}"))
        .to_string()
}

#[test]
fn a_menu_naming_a_hostile_unit_draws_it_as_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), 0);
    // A joint 發文 whose co-signing unit came in with escape sequences.
    let it = create(
        &core,
        Kind::Outgoing,
        "關於聯合開展檢查的通知",
        &[("cosigners", UNIT)],
    );
    let mut h = harness(core);
    let fx = h.app.jump(shuniu::tui::app::TabKind::of(it.kind), it.id);
    h.run(fx);
    h.press("m");
    let s = h.screen();
    h.press(&menu_key(&s, "會簽"));
    let s = h.screen();
    assert!(
        s.contains("␛[2J<U+202E>名"),
        "the unit, escaped, is a choice:\n{s}"
    );
    no_raw_cell(&mut h);
}
