//! Triage and workflow by keys: routing (and taking a route back), urgency,
//! handler, deadline, close, bulk changes, moves and links, `u` and `.`, and
//! a conflict with another clerk's change.

mod tui_support;

use shuniu::core::{Core, Filter, Service};
use shuniu::model::{Command, Item, Kind, LinkRel, Status, Urgency, WorkCalendar};
use shuniu::tui::app::{Mode, Overlay};

use tui_support::*;

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
    // A conflict the clerk moves on from is not re-applied later.
    let it = t.sel();
    colleague(&t.core)
        .apply(Command::Set {
            id: it.id,
            version: it.version,
            fields: vec![("handler".into(), "王五".into())],
        })
        .unwrap();
    t.h.press("p");
    assert!(t.h.app.conflict.is_some());
    t.h.press("j");
    t.h.press("p");
    t.h.press("<C-r>");
    assert_eq!(t.h.app.message.clone().unwrap().0, "沒有要再套用的修改");
    assert_eq!(
        t.core.get(it.id).unwrap().urgency,
        it.urgency,
        "the old edit stays undone"
    );
}
