//! 待辦 · 待閱 · 已辦 in the workbench, driven by keys against an in-process
//! `Core` on a temporary store: notices that waited are shown at start, a
//! pushed notice shows at once with its badge, Ctrl-t opens the queue from
//! anywhere, Enter goes to the item in its tab and Esc comes back.

use std::sync::Arc;

use shuniu::core::{Core, Service};
use shuniu::model::{Classification, Command, Item, Kind, Role, User, WorkCalendar};
use shuniu::tui::app::TabKind;
use shuniu::tui::harness::{fixture, Harness, FIXED_NOW};
use shuniu::tui::i18n::Lang;

fn affair(admin: &Core, title: &str, handler: &str) -> Item {
    let mut it = Item::new(Kind::Affair, title, "tester", FIXED_NOW);
    it.handler = handler.into();
    admin.apply(Command::Create { item: Box::new(it) }).unwrap()
}

fn clerk(admin: &Core) -> Arc<Core> {
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
    Arc::new(Core::for_uid(admin.engine().clone(), 2001, "li").unwrap())
}

#[test]
fn notices_show_at_start_and_at_once_and_the_queue_key_jumps_to_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let admin = fixture(&dir.path().join("data"), 0);
    let li = clerk(&admin);
    let waited = affair(&admin, "準備調研材料", "李明");
    let mut h = Harness::new(
        li.clone(),
        WorkCalendar::builtin(),
        (100, 30),
        Lang::Hant,
        None,
    );
    h.cx.now = Some(FIXED_NOW);
    let s = h.screen();
    assert!(s.contains("有 1 則未讀通知"), "{s}");
    assert!(s.contains(&waited.code) && s.contains("通知 1"), "{s}");

    // On another tab, a new assignment arrives while connected.
    h.press(":tab 2<Enter>");
    let fresh = affair(&admin, "安排會場座次", "李明");
    h.run(vec![]);
    let s = h.screen();
    assert!(
        s.contains("通知：指派") && s.contains("安排會場座次"),
        "{s}"
    );
    assert!(s.contains("通知 2"), "{s}");

    // Ctrl-t: both are to do; opening the queue counts them as seen.
    h.press("<C-t>");
    assert!(h.app.queue.is_some());
    let s = h.screen();
    assert!(s.contains("我的工作") && s.contains("待辦（2）"), "{s}");
    assert!(s.contains("待閱（0）") && s.contains("已辦（0）"), "{s}");
    assert!(
        s.contains("準備調研材料") && s.contains("安排會場座次"),
        "{s}"
    );
    assert!(!s.contains("通知 2"), "{s}");
    assert!(li.notices(true).unwrap().is_empty(), "marked read");

    // Esc goes back to where the clerk was.
    h.press("<Esc>");
    assert!(h.app.queue.is_none());
    assert_eq!(h.app.tab, 1);

    // Enter on the second line goes to that item in 辦事.
    h.press("<C-t>j");
    let id = h.app.queue.as_ref().unwrap().current().unwrap().row.id;
    h.press("<Enter>");
    assert!(h.app.queue.is_none());
    assert_eq!(h.app.tab_kind(), TabKind::Affairs);
    assert_eq!(h.app.selected_row().map(|r| r.id), Some(id));
    assert!([waited.id, fresh.id].contains(&id));
}

#[test]
fn the_queue_key_works_from_the_command_line_and_the_view_lists_done_items() {
    let dir = tempfile::tempdir().unwrap();
    let admin = fixture(&dir.path().join("data"), 0);
    let li = clerk(&admin);
    let mine = affair(&li, "自己登記的事", "");
    let mut h = Harness::new(li, WorkCalendar::builtin(), (100, 30), Lang::En, None);
    h.press(":");
    h.press("<C-t>");
    let s = h.screen();
    assert!(s.contains("My work") && s.contains("Done (1)"), "{s}");
    assert!(s.contains(&mine.code), "{s}");
    h.press("<C-t>");
    assert!(h.app.queue.is_none(), "the key again closes it");
}
