//! 辦會 in the workbench, on the harness: a meeting form shows its clashes
//! as the clerk types and a save with clashes is refused with the list
//! until the clerk says "save anyway"; the week view and the leaders'
//! schedule show the week's meetings (snapshots at 80×24 and 160×48 on the
//! demo data; counts checked against the service's own list), and move a
//! week back, forward and home; the 會議通知 overlay writes a file and
//! sends the notice; 簽到 takes the invited and refuses anyone else.

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use shuniu::core::{Core, Filter, Service};
use shuniu::model::meetings::{is_leader, notice_text, people, week_of, Room};
use shuniu::model::{Command, Item, Kind, KindData, Status, WorkCalendar};
use shuniu::tui::app::Overlay;
use shuniu::tui::harness::{fixture, Harness};
use shuniu::tui::i18n::Lang;
mod tui_support;

use tui_support::stocked::{item, stocked, Stocked};

type T = Stocked;

fn meeting(title: &str, fields: &[(&str, &str)]) -> Item {
    item(Kind::Meeting, title, fields)
}

/// A store holding `items`, the workbench on it on the 辦會 tab.
fn setup(items: Vec<Item>, size: (u16, u16)) -> (T, Vec<Item>) {
    let (mut t, made) = stocked(items, size);
    t.h.press(":tab 3<Enter>");
    (t, made)
}

impl T {
    /// Puts the form's cursor on `field` and types `text` over its value.
    fn fill(&mut self, field: &str, text: &str) {
        let f = self.h.app.form.as_ref().expect("a form");
        let i = f.fields.iter().position(|x| x.name == field).unwrap();
        let d = i as i64 - f.focus as i64;
        let key = if d > 0 { "<Tab>" } else { "<S-Tab>" };
        for _ in 0..d.abs() {
            self.h.press(key);
        }
        self.h.press("<End><C-u>");
        self.h.type_text(text);
    }

    fn meetings(&self) -> Vec<Item> {
        self.core
            .list(&Filter {
                kind: Some(Kind::Meeting),
                ..Filter::default()
            })
            .unwrap()
    }
}

fn data(it: &Item) -> &shuniu::model::MeetingData {
    match &it.data {
        KindData::Meeting(d) => d,
        _ => panic!("not a meeting"),
    }
}

#[test]
fn clashes_are_shown_as_typed_refused_on_save_then_saved_anyway() {
    let (mut t, made) = setup(
        vec![meeting(
            "第12次常務會議",
            &[
                ("start", "2026-11-26 09:00"),
                ("end", "2026-11-26 11:00"),
                ("room", "第一會議室"),
                ("chair", "王市長"),
                ("attendees", "李局長"),
            ],
        )],
        (100, 40),
    );
    t.h.app.setup.rooms = vec![Room {
        name: "第一會議室".into(),
        capacity: 3,
    }];
    let code = made[0].code.clone();
    t.h.press("o");
    assert!(t.h.screen().contains("沒有衝突"), "{}", t.h.screen());
    t.fill("title", "防汛工作專題會議");
    t.fill("start", "2026-11-26 10:00");
    t.fill("end", "2026-11-26 12:00");
    t.fill("room", "第一會議室");
    let s = t.h.screen();
    assert!(s.contains("衝突 1 處"), "{s}");
    assert!(
        s.contains(&format!(
            "第一會議室 在 11-26 09:00–11:00 已由 {code} 第12次常務會議 使用"
        )),
        "{s}"
    );
    t.fill("chair", "王市長");
    t.fill("attendees", "趙主任、錢科長、孫科長");
    let s = t.h.screen();
    assert!(s.contains("衝突 3 處"), "{s}");
    assert!(
        s.contains(&format!("王市長 在 11-26 09:00–11:00 已有會議 {code}")),
        "{s}"
    );
    assert!(s.contains("第一會議室 只有 3 個座位，邀請了 4 人"), "{s}");

    // Saving is refused with the list; nothing is written.
    t.h.press("<C-s>");
    assert!(matches!(t.h.app.overlay, Some(Overlay::Confirm { .. })));
    let s = t.h.screen();
    assert!(s.contains("未保存：有 3 處衝突"), "{s}");
    assert_eq!(t.meetings().len(), 1);
    t.h.press("n");
    assert!(t.h.app.form.is_some(), "back in the form");
    assert_eq!(t.meetings().len(), 1);

    // Moving it to the afternoon clears the clashes but the room's seats.
    t.fill("start", "2026-11-26 14:00");
    t.fill("end", "2026-11-26 16:00");
    let s = t.h.screen();
    assert!(
        s.contains("衝突 1 處") && s.contains("只有 3 個座位"),
        "{s}"
    );
    t.fill("start", "2026-11-26 10:00");
    t.fill("end", "2026-11-26 12:00");

    // Save anyway: deliberately, with y.
    t.h.press("<C-s>y");
    assert!(t.h.app.form.is_none(), "{}", t.h.screen());
    let all = t.meetings();
    assert_eq!(all.len(), 2);
    let new = all.iter().find(|m| m.title == "防汛工作專題會議").unwrap();
    assert_eq!(data(new).room, "第一會議室");
    assert_eq!(data(new).attendees.len(), 3);

    // An edit is refused only for the clashes it makes: a new title saves at once.
    t.go(new.id);
    t.h.press("e");
    let s = t.h.screen();
    assert!(s.contains("沒有衝突"), "{s}");
    t.fill("title", "防汛工作專題會議（調整）");
    t.h.press("<C-s>");
    assert!(t.h.app.overlay.is_none() && t.h.app.form.is_none());
    assert_eq!(
        t.core.get(new.id).unwrap().title,
        "防汛工作專題會議（調整）"
    );
}

/// The week's meetings counted from the service's own list.
fn week_count(svc: &dyn Service, monday: NaiveDate) -> usize {
    let sunday = monday + Duration::days(6);
    svc.list(&Filter {
        kind: Some(Kind::Meeting),
        ..Filter::default()
    })
    .unwrap()
    .iter()
    .filter(|it| it.status != Status::Cancelled)
    .filter(|it| {
        data(it)
            .start
            .is_some_and(|s| s.date() >= monday && s.date() <= sunday)
    })
    .count()
}

/// The workbench at `size` on 400 demo items, and its service.
fn demo(size: (u16, u16)) -> (tempfile::TempDir, Arc<Core>, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let h = Harness::new(svc.clone(), WorkCalendar::builtin(), size, Lang::Hant, None);
    (dir, svc, h)
}

fn week_at(size: (u16, u16), keys: &str) -> String {
    let (_dir, _, mut h) = demo(size);
    h.press(keys);
    h.screen()
}

#[test]
fn week_view_at_80x24() {
    insta::assert_snapshot!("week_80x24", week_at((80, 24), "3w"));
}

#[test]
fn week_view_at_160x48() {
    insta::assert_snapshot!("week_160x48", week_at((160, 48), "3w"));
}

#[test]
fn leaders_view_at_160x48() {
    insta::assert_snapshot!("leaders_160x48", week_at((160, 48), "3wL"));
}

#[test]
fn every_week_line_fits_the_screen() {
    for size in [(80, 24), (100, 30), (160, 48)] {
        for keys in ["3w", "3wL"] {
            let s = week_at(size, keys);
            for line in s.lines() {
                assert!(
                    shuniu::tui::text::width(line) <= size.0 as usize,
                    "{size:?} too wide: {line}"
                );
            }
        }
    }
}

#[test]
fn the_week_view_counts_what_the_service_holds_and_moves_by_weeks() {
    let (_dir, svc, mut h) = demo((160, 48));
    let this = week_of(svc.today()).0;
    h.press("2");
    h.timeout();
    h.press("w");
    assert_eq!(h.app.tab, 2, "w goes to 辦會");
    let w = h.app.week.clone().expect("the week view");
    assert_eq!(w.monday, this);
    let n = week_count(svc.as_ref(), this);
    assert!(n > 0, "the demo has meetings this week");
    assert_eq!(h.app.week_items().len(), n);
    let s = h.screen();
    assert!(s.contains(&format!("本週 {n} 場會議")), "{s}");
    assert!(
        s.contains("星期一 11-23") && s.contains("星期日 11-29"),
        "{s}"
    );
    // The first meeting's line: its time, room, title and chair.
    let first = h.app.week_items()[0].clone();
    let d = data(&first);
    let line = s
        .lines()
        .find(|l| l.contains(&d.start.unwrap().format("%H:%M").to_string()) && l.contains(&d.chair))
        .unwrap_or_else(|| panic!("no line for {}:\n{s}", first.code));
    assert!(line.contains(d.room.as_str()), "{line}");

    // ] next week, [ back two, T home.
    h.press("]");
    let next = this + Duration::days(7);
    assert_eq!(h.app.week.as_ref().unwrap().monday, next);
    let n2 = week_count(svc.as_ref(), next);
    assert!(h.screen().contains(&format!("本週 {n2} 場會議")));
    assert!(h.screen().contains(&next.format("%Y-%m-%d").to_string()));
    h.press("[[");
    assert_eq!(
        h.app.week.as_ref().unwrap().monday,
        this - Duration::days(7)
    );
    let n0 = week_count(svc.as_ref(), this - Duration::days(7));
    assert_eq!(h.app.week_items().len(), n0);
    h.press("T");
    assert_eq!(h.app.week.as_ref().unwrap().monday, this);

    // Enter opens the meeting under the cursor.
    h.press("j<Enter>");
    assert!(h.app.week.is_none());
    let second = {
        let all: Vec<Item> = svc
            .list(&Filter {
                kind: Some(Kind::Meeting),
                ..Filter::default()
            })
            .unwrap();
        let mut ms: Vec<Item> = all
            .into_iter()
            .filter(|it| it.status != Status::Cancelled)
            .filter(|it| {
                data(it)
                    .start
                    .is_some_and(|s| s.date() >= this && s.date() <= this + Duration::days(6))
            })
            .collect();
        ms.sort_by_key(|it| (data(it).start, it.id));
        ms[1].id
    };
    assert_eq!(h.app.selected_row().map(|r| r.id), Some(second));

    // w toggles back to the list; the keys of the week view are refused there.
    h.press("w");
    assert!(h.app.week.is_some());
    h.press("w");
    assert!(h.app.week.is_none());
    h.press("]");
    assert!(h.screen().contains("在週視圖中使用"), "{}", h.screen());
}

#[test]
fn the_leaders_schedule_lists_each_leader_and_their_meetings() {
    let (_dir, svc, mut h) = demo((160, 48));
    h.press("3wL");
    assert!(h.app.week.as_ref().unwrap().leaders);
    // Counted here: every leader among the chairs and attendees this week.
    let this = week_of(svc.today()).0;
    let dir_people = svc.people().unwrap();
    let mut leaders: std::collections::BTreeMap<String, usize> = Default::default();
    for it in svc
        .list(&Filter {
            kind: Some(Kind::Meeting),
            ..Filter::default()
        })
        .unwrap()
    {
        let d = data(&it);
        if it.status == Status::Cancelled
            || !d
                .start
                .is_some_and(|s| s.date() >= this && s.date() <= this + Duration::days(6))
        {
            continue;
        }
        for p in people(d) {
            if is_leader(p, &dir_people) {
                *leaders.entry(p.to_string()).or_default() += 1;
            }
        }
    }
    assert!(!leaders.is_empty(), "the demo's leaders hold meetings");
    let s = h.screen();
    assert!(s.contains(&format!("{} 位領導", leaders.len())), "{s}");
    assert!(s.contains("領導日程 2026-11-23 至 2026-11-29"), "{s}");
    assert_eq!(
        h.app.week_items().len(),
        leaders.values().sum::<usize>(),
        "each leader's meetings, once per leader"
    );
    let (first, _) = leaders.iter().next().unwrap();
    assert!(
        s.lines()
            .any(|l| l.trim().trim_matches('│').trim() == first),
        "{s}"
    );
    // L again: back to the days.
    h.press("L");
    assert!(!h.app.week.as_ref().unwrap().leaders);
}

#[test]
fn the_notice_overlay_writes_a_file_and_sends_the_notice() {
    let (mut t, made) = setup(
        vec![meeting(
            "防汛工作會議",
            &[
                ("start", "2026-11-27 14:30"),
                ("room", "第二會議室"),
                ("chair", "王市長"),
                ("attendees", "李局長、趙主任"),
            ],
        )],
        (100, 30),
    );
    let id = made[0].id;
    t.go(id);
    t.h.press("<Enter>b");
    let it = t.core.get(id).unwrap();
    let want = notice_text(
        &it,
        "市政府辦公室",
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    );
    assert!(matches!(t.h.app.overlay, Some(Overlay::Notice(_))));
    let s = t.h.screen();
    assert!(s.contains("關於召開防汛工作會議的通知"), "{s}");
    assert!(s.contains("李局長、趙主任："), "{s}");
    // > asks for the file, the default name ready; a path typed instead.
    t.h.press(">");
    let line = t.h.app.line.as_ref().expect("the file prompt");
    assert_eq!(line.input.text, format!("會議通知-{}.txt", it.code));
    let file = t.dir.path().join("通知.txt");
    t.h.press("<C-u>");
    t.h.type_text(file.to_str().unwrap());
    t.h.press("<Enter>");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), want);
    assert!(t.h.screen().contains("會議通知已寫入"), "{}", t.h.screen());
    // Never over a file that exists.
    t.h.press("b>");
    t.h.press("<C-u>");
    t.h.type_text(file.to_str().unwrap());
    t.h.press("<Enter>");
    assert!(t.h.screen().contains("已經存在"), "{}", t.h.screen());
    // Ctrl-s saves it on the meeting and moves 籌備 → 已通知 (發通知).
    assert_eq!(it.status, Status::Planning);
    t.h.press("b<C-s>");
    let it = t.core.get(id).unwrap();
    assert_eq!(it.status, Status::Notified);
    assert_eq!(data(&it).notice, want);
    assert!(t.h.app.overlay.is_none());
    // Not a meeting, no notice: nothing opens.
}

#[test]
fn a_notice_whose_sending_is_refused_is_not_saved_either() {
    // 發通知 is the office's; a leader may edit a meeting but not send it.
    // The notice and the move are one write: refused, neither is kept.
    let (mut t, made) = setup(
        vec![meeting(
            "防汛工作會議",
            &[
                ("start", "2026-11-27 14:30"),
                ("chair", "王市長"),
                ("attendees", "李局長"),
            ],
        )],
        (100, 30),
    );
    let id = made[0].id;
    let mut me = t.core.whoami().unwrap();
    me.role = shuniu::model::Role::Leader;
    t.core.save_user(me).unwrap();
    t.go(id);
    t.h.press("<Enter>b<C-s>");
    let it = t.core.get(id).unwrap();
    assert_eq!(it.status, Status::Planning);
    assert_eq!(data(&it).notice, "", "the notice was saved without 發通知");
    assert_eq!(it.version, made[0].version);
    let (m, level) = t.h.app.message.clone().expect("the refusal is said");
    assert_eq!(level, shuniu::tui::app::Level::Error, "{m}");
}

#[test]
fn sign_in_takes_the_invited_and_refuses_the_others() {
    let (mut t, made) = setup(
        vec![meeting(
            "第13次常務會議",
            &[
                ("start", "2026-11-25 09:00"),
                ("chair", "王市長"),
                ("attendees", "李局長、趙主任"),
            ],
        )],
        (100, 30),
    );
    let id = made[0].id;
    t.go(id);
    // Not while 籌備.
    t.h.press("<Enter>I");
    assert!(t.h.app.overlay.is_none());
    assert!(
        t.h.screen().contains("簽到在已通知或已召開時記錄"),
        "{}",
        t.h.screen()
    );
    let it = t.core.get(id).unwrap();
    t.core
        .apply(Command::Move {
            id,
            version: it.version,
            to: Status::Notified,
            note: String::new(),
        })
        .unwrap();
    t.h.run(vec![]);
    // The menu offers the invited; a key signs one in.
    t.h.press("I");
    let Some(Overlay::Moves(m)) = &t.h.app.overlay else {
        panic!("no sign-in menu:\n{}", t.h.screen());
    };
    let names: Vec<&str> = m.choices.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(names, ["王市長", "李局長", "趙主任"]);
    let key = m.choices[1].key;
    t.h.type_text(&key.to_string());
    assert_eq!(data(&t.core.get(id).unwrap()).signed_in, ["李局長"]);
    // Signed in already: not offered again.
    t.h.press("I");
    let Some(Overlay::Moves(m)) = &t.h.app.overlay else {
        panic!("no sign-in menu");
    };
    assert!(m.choices.iter().all(|c| c.text != "李局長"));
    t.h.press("<Esc>");
    // A name not invited is refused, and nothing is written.
    let v = t.core.get(id).unwrap().version;
    t.h.press(":signin 錢科長<Enter>");
    assert!(t.h.screen().contains("錢科長 不在"), "{}", t.h.screen());
    assert_eq!(t.core.get(id).unwrap().version, v);
    // Typed names of the invited are taken.
    t.h.press(":signin 趙主任<Enter>");
    assert_eq!(
        data(&t.core.get(id).unwrap()).signed_in,
        ["李局長", "趙主任"]
    );
}

#[test]
fn leaders_view_at_80x24() {
    insta::assert_snapshot!("leaders_80x24", week_at((80, 24), "3wL"));
}

/// The form of a meeting that clashes, and its 會議通知, at 80×24.
#[test]
fn clash_form_and_notice_at_80x24() {
    let (mut t, made) = setup(
        vec![meeting(
            "第12次常務會議",
            &[
                ("start", "2026-11-26 09:00"),
                ("end", "2026-11-26 11:00"),
                ("room", "第一會議室"),
                ("chair", "王市長"),
                ("attendees", "李局長、趙主任"),
            ],
        )],
        (80, 24),
    );
    t.h.press("o");
    t.fill("title", "防汛工作專題會議");
    t.fill("start", "2026-11-26 10:00");
    t.fill("room", "第一會議室");
    t.fill("chair", "王市長");
    let form = t.h.screen();
    insta::assert_snapshot!("clash_form_80x24", form);
    t.h.press("<Esc>y");
    t.go(made[0].id);
    t.h.press("<Enter>b");
    insta::assert_snapshot!("notice_80x24", t.h.screen());
}
