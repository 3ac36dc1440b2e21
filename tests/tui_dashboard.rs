//! The dashboard screen: its look with the demo data at 80×24 and 160×48
//! (fixed clock and seed, so the screens are exact; `INSTA_UPDATE=always
//! cargo test --test tui_dashboard` updates them), and a walk through it on
//! the harness — the numbers shown are those `model::dashboard` counts from
//! the same service rows, a change pushed while it is open shows at once,
//! and `Esc` leaves the clerk exactly where they were.

mod tui_support;

use chrono::Days;
use shuniu::core::{Filter, Service};
use shuniu::model::dashboard::Dashboard;
use shuniu::model::{Command, Item, Kind, WorkCalendar};
use shuniu::tui::app::{Focus, INTAKE_DAYS};
use shuniu::tui::event::{Effect, Outcome};
use shuniu::tui::harness::{fixture, Harness};
use shuniu::tui::i18n::Lang;
use shuniu::tui::worker;

/// The dashboard counted here, from every row the service holds (not the
/// two requests the worker makes), for the service's today.
fn expected(svc: &dyn Service) -> Dashboard {
    let rows = svc.rows(&Filter::default()).unwrap();
    Dashboard::build(&rows, svc.today(), &WorkCalendar::builtin(), INTAKE_DAYS)
}

fn dashboard_at(size: (u16, u16), lang: Lang) -> String {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let mut h = Harness::new(svc, WorkCalendar::builtin(), size, lang, None);
    h.press("D");
    h.screen()
}

#[test]
fn dashboard_at_80x24() {
    insta::assert_snapshot!("dashboard_80x24", dashboard_at((80, 24), Lang::Hant));
}

#[test]
fn dashboard_at_160x48() {
    insta::assert_snapshot!("dashboard_160x48", dashboard_at((160, 48), Lang::Hant));
}

#[test]
fn dashboard_in_english_at_80x24() {
    insta::assert_snapshot!("dashboard_en_80x24", dashboard_at((80, 24), Lang::En));
}

#[test]
fn every_line_fits_the_screen() {
    for size in [(80, 24), (100, 30), (123, 40), (160, 48)] {
        let s = dashboard_at(size, Lang::Hant);
        for line in s.lines() {
            assert!(
                shuniu::tui::text::width(line) <= size.0 as usize,
                "{size:?} too wide: {line}"
            );
        }
    }
}

/// The line of the table for `label`, its two counts.
fn table_counts(screen: &str, label: &str) -> (usize, usize) {
    let line = screen
        .lines()
        .find(|l| l.trim_start_matches(['>', ' ', '│']).starts_with(label))
        .unwrap_or_else(|| panic!("no {label} line:\n{screen}"));
    let rest = line.trim_start_matches(['>', ' ', '│']);
    let nums: Vec<usize> = rest[label.len()..]
        .split_whitespace()
        .take(2)
        .map(|n| n.parse().unwrap())
        .collect();
    (nums[0], nums[1])
}

#[test]
fn opens_shows_the_counted_numbers_follows_pushes_and_esc_returns() {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let mut h = Harness::new(
        svc.clone(),
        WorkCalendar::builtin(),
        (160, 48),
        Lang::Hant,
        None,
    );
    // The clerk is somewhere: 辦文, the fourth row, its detail open.
    h.press(":tab 2<Enter>3j<Enter>");
    let (tab, selected, focus) = (h.app.tab, h.app.cur().selected, h.app.focus);
    let detail = h.app.detail.as_ref().map(|d| d.item.id);
    assert_eq!((tab, selected, focus), (1, 3, Focus::Detail));
    assert!(detail.is_some());
    let before = h.screen();

    h.press("D");
    let want = expected(svc.as_ref());
    let board = h
        .app
        .dashboard
        .as_ref()
        .and_then(|d| d.board.as_deref())
        .expect("the dashboard is counted")
        .clone();
    assert_eq!(board, want);
    assert!(want.overdue > 0 && !want.overdue_by_unit.is_empty());
    let s = h.screen();
    assert!(s.contains(&format!("逾期 {} 項", want.overdue)), "{s}");
    for (k, label) in [(Kind::Incoming, "收文"), (Kind::Supervision, "督查")] {
        assert_eq!(
            table_counts(&s, label),
            (want.due_today_of(k), want.due_this_week_of(k)),
            "{label}"
        );
    }
    let today: usize = want.due_today.iter().map(|c| c.count).sum();
    let week: usize = want.due_this_week.iter().map(|c| c.count).sum();
    assert_eq!(table_counts(&s, "合計"), (today, week));
    let top = &want.overdue_by_unit[0];
    assert!(
        s.lines()
            .any(|l| l.contains(&top.unit) && l.contains(&format!(" {}█", top.count))),
        "{s}"
    );
    let intake: usize = want.intake.iter().map(|d| d.count).sum();
    assert!(s.contains(&format!("30 天共 {intake} 件")), "{s}");

    // Another clerk registers an overdue 收件 for the top unit: the open
    // dashboard counts again, without a key press.
    let mut it = Item::new(Kind::Inbox, "補報材料", "", 0);
    it.unit = top.unit.clone();
    it.deadline = svc.today().checked_sub_days(Days::new(2));
    svc.apply(Command::Create { item: Box::new(it) }).unwrap();
    h.run(vec![]);
    let now = expected(svc.as_ref());
    assert_eq!(now.overdue, want.overdue + 1);
    assert_eq!(now.overdue_by_unit[0].count, top.count + 1);
    let board = h
        .app
        .dashboard
        .as_ref()
        .and_then(|d| d.board.as_deref())
        .expect("still open")
        .clone();
    assert_eq!(board, now);
    let s = h.screen();
    assert!(s.contains(&format!("逾期 {} 項", now.overdue)), "{s}");
    assert!(s.contains(&format!("30 天共 {} 件", intake + 1)), "{s}");
    assert!(
        s.lines()
            .any(|l| l.contains(&top.unit) && l.contains(&format!(" {}█", top.count + 1))),
        "{s}"
    );

    // Esc: back on the same tab, row and detail.
    h.press("<Esc>");
    assert!(h.app.dashboard.is_none());
    assert_eq!(
        (h.app.tab, h.app.cur().selected, h.app.focus),
        (tab, selected, focus)
    );
    assert_eq!(h.app.detail.as_ref().map(|d| d.item.id), detail);
    let after = h.screen();
    // Only the header's 收件 counts moved (the new item is there).
    assert_eq!(
        before.lines().skip(1).collect::<Vec<_>>(),
        after.lines().skip(1).collect::<Vec<_>>()
    );
}

#[test]
fn the_dashboard_key_closes_it_and_a_tab_number_goes_there() {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let mut h = Harness::new(svc, WorkCalendar::builtin(), (80, 24), Lang::Hant, None);
    h.press("D");
    assert!(h.app.dashboard.is_some());
    h.press("D");
    assert!(h.app.dashboard.is_none());
    h.press(":dashboard<Enter>");
    assert!(h.app.dashboard.is_some());
    // Keys that mean nothing here do nothing (no move, no change).
    h.press("jW");
    assert!(h.app.dashboard.is_some());
    assert_eq!(h.app.cur().selected, 0);
    h.press(":tab 5<Enter>");
    assert_eq!(h.app.tab, 4);
    h.press("q");
    assert!(h.app.dashboard.is_none());
    assert!(!h.app.quit, "q closes the dashboard, not the workbench");
}

/// The dashboard's numbers as the app holds them.
fn shown(h: &Harness) -> Dashboard {
    h.app
        .dashboard
        .as_ref()
        .and_then(|d| d.board.as_deref())
        .expect("the dashboard is counted")
        .clone()
}

#[test]
fn a_change_of_a_later_day_pushed_while_counting_reads_again_after_the_answer() {
    use shuniu::core::Event as Push;
    use shuniu::tui::key::Key;

    let tui_support::T { _dir, core, mut h } = tui_support::setup(50, (80, 24));
    // The request is read (for today); before its answer arrives, a change
    // made past midnight is pushed: it waits for the answer.
    let fx = h.app.key(Key::ch('D'));
    let answer = answer_to(&h, fx);
    let mut it = Item::new(Kind::Inbox, "補報材料", "", 0);
    it.id = 999_999;
    it.version = 1;
    let next_day = core.today().checked_add_days(Days::new(1)).unwrap();
    it.updated = shuniu::model::time::from_local(next_day.and_hms_opt(0, 5, 0).unwrap());
    let fx = h.app.push(Push::Changed(Box::new(it)));
    assert!(loads(&fx).is_empty(), "{fx:?}");
    // The answer counted the day before: shown, and everything asked again.
    let fx = h.app.outcome(answer);
    assert_eq!(loads(&fx).len(), 1, "{fx:?}");
    assert!(shown(&h).today < next_day);
}

/// The generations of the dashboard requests among `fx`.
fn loads(fx: &[Effect]) -> Vec<u64> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::LoadDashboard { gen, .. } => Some(*gen),
            _ => None,
        })
        .collect()
}

/// The worker's answer to the dashboard request among `fx`.
fn answer_to(h: &Harness, fx: Vec<Effect>) -> Outcome {
    let e = fx
        .into_iter()
        .find(|e| matches!(e, Effect::LoadDashboard { .. }))
        .expect("a request");
    worker::exec(&h.cx, e).unwrap()
}

#[test]
fn changes_while_counting_wait_for_the_answer_and_late_answers_are_dropped() {
    use shuniu::core::Event as Push;
    use shuniu::tui::key::Key;

    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let mut h = Harness::new(
        svc.clone(),
        WorkCalendar::builtin(),
        (80, 24),
        Lang::Hant,
        None,
    );
    // The key asks once.
    let fx = h.app.key(Key::ch('D'));
    let first = loads(&fx);
    assert_eq!(first.len(), 1, "{fx:?}");
    // The request is read; then an open 收文 is closed and a 收件 comes in,
    // and their pushes arrive before the answer.
    let answer = answer_to(&h, fx);
    let open = svc
        .list(&Filter {
            kind: Some(Kind::Incoming),
            open: true,
            ..Filter::default()
        })
        .unwrap()
        .remove(0);
    let mut closed = open.clone();
    closed.status = shuniu::model::Status::Cancelled;
    closed.version += 1;
    let mut new = Item::new(Kind::Inbox, "補報材料", "", 0);
    new.id = 999_999;
    new.version = 1;
    new.created = open.created;
    new.deadline = svc.today().checked_sub_days(Days::new(2));
    for it in [&closed, &new] {
        let fx = h.app.push(Push::Changed(Box::new(it.clone())));
        assert!(loads(&fx).is_empty(), "{fx:?}");
    }
    // The answer is shown with both laid over it: nothing more is asked.
    let fx = h.app.outcome(answer.clone());
    assert!(loads(&fx).is_empty(), "{fx:?}");
    assert!(h.app.settle().is_empty());
    let mut rows = svc.rows(&Filter::default()).unwrap();
    rows.retain(|r| r.id != open.id);
    rows.push(shuniu::core::Row::of(&new));
    let want = Dashboard::build(&rows, svc.today(), &WorkCalendar::builtin(), INTAKE_DAYS);
    assert_eq!(shown(&h), want);
    assert_eq!(h.app.dashboard.as_ref().unwrap().recounts, 1);
    // An older version of a row than the one held changes nothing.
    let fx = h.app.push(Push::Changed(Box::new(open.clone())));
    assert!(loads(&fx).is_empty());
    h.app.settle();
    assert_eq!(shown(&h), want);
    assert_eq!(h.app.dashboard.as_ref().unwrap().recounts, 1);
    // A change made on a later day than the one counted: what is due has
    // moved, so everything is read again, after the change.
    let mut tomorrow = new.clone();
    tomorrow.version += 1;
    let next_day = svc.today().checked_add_days(Days::new(1)).unwrap();
    tomorrow.updated = shuniu::model::time::from_local(next_day.and_hms_opt(8, 30, 0).unwrap());
    let fx = h.app.push(Push::Changed(Box::new(tomorrow.clone())));
    let again = loads(&fx);
    assert_eq!(again.len(), 1, "{fx:?}");
    let fx = h.app.outcome(answer_to(&h, fx));
    assert!(loads(&fx).is_empty());
    h.app.settle();
    // (The pushes above were made up; the store still holds what it did.)
    let want = expected(svc.as_ref());
    assert_eq!(shown(&h), want);
    // The first answer again (late, stale) changes nothing and asks nothing.
    let before = h.app.dashboard.clone();
    let fx = h.app.outcome(answer);
    assert!(loads(&fx).is_empty());
    assert_eq!(h.app.dashboard, before);
    // `r` reads again; that request fails: said in the status line, the
    // numbers kept, and the next change, which has no rows to go into,
    // asks for them all.
    let fx = h.app.key(Key::ch('r'));
    let second = loads(&fx);
    assert_eq!(second.len(), 1, "{fx:?}");
    assert!(second[0] > first[0]);
    let fx = h.app.outcome(Outcome::Dashboard {
        gen: second[0],
        load: Err(Box::new(shuniu::core::ServiceError::Store(
            shuniu::core::Failure::Lost {
                socket: "/run/shuniu.sock".into(),
                why: shuniu::core::Cut::Closed,
            },
        ))),
    });
    assert!(loads(&fx).is_empty());
    let msg = h.app.message.clone().expect("the failure is said");
    // In the clerk's language, like every other failure.
    assert!(
        msg.0.contains("連線已中斷") && msg.0.contains("服務已關閉連線"),
        "{msg:?}"
    );
    assert!(!msg.0.contains("daemon"), "{msg:?}");
    assert_eq!(shown(&h), want);
    let fx = h.app.push(Push::Changed(Box::new(new.clone())));
    assert_eq!(loads(&fx).len(), 1, "{fx:?}");
    // Closed, a push asks nothing at all.
    h.press("<Esc>");
    assert!(h.app.dashboard.is_none());
    let fx = h.app.push(Push::Changed(Box::new(new)));
    assert!(loads(&fx).is_empty());
}

#[test]
fn a_burst_of_pushes_reads_nothing_again_and_is_counted_once() {
    use shuniu::model::Status;
    use tui_support::counting::Counting;

    let dir = tempfile::tempdir().unwrap();
    let core = fixture(dir.path(), 400);
    let svc = Counting::new(core.clone());
    let mut h = Harness::new(
        svc.clone(),
        WorkCalendar::builtin(),
        (160, 48),
        Lang::Hant,
        None,
    );
    svc.take();
    h.press("D");
    // Opening reads the rows once: the open ones and the 收件.
    let opened = svc.take();
    assert_eq!(opened.get("rows"), Some(&2), "{opened:?}");
    assert_eq!(shown(&h), expected(core.as_ref()));
    let recounts = h.app.dashboard.as_ref().unwrap().recounts;

    // Another clerk, in one go: ten overdue 收件 for one unit, and two open
    // 收文 with deadlines 撤銷 (a push each, twelve in all, before the screen wakes).
    let unit = shown(&h).overdue_by_unit[0].unit.clone();
    let colleague = {
        let mut u = core.whoami().unwrap();
        u.login = "lin".into();
        u.uid = 1001;
        shuniu::core::Core::as_user(core.engine().clone(), u)
    };
    for i in 0..10 {
        let mut it = Item::new(Kind::Inbox, format!("補報材料{i}"), "", 0);
        it.unit = unit.clone();
        it.deadline = core.today().checked_sub_days(Days::new(2));
        colleague
            .apply(Command::Create { item: Box::new(it) })
            .unwrap();
    }
    let open: Vec<_> = core
        .rows(&Filter {
            kind: Some(Kind::Incoming),
            status: Some(Status::Received),
            ..Filter::default()
        })
        .unwrap()
        .into_iter()
        .filter(|r| r.deadline.is_some())
        .collect();
    let mut closed = 0;
    for r in open {
        let moved = colleague.apply(Command::Move {
            id: r.id,
            version: r.version,
            to: Status::Cancelled,
            note: "重複登記".into(),
        });
        if moved.is_ok() {
            closed += 1;
        }
        if closed == 2 {
            break;
        }
    }
    assert_eq!(closed, 2, "two 收文 closed");
    h.run(vec![]);
    // No row was read again, and the numbers were counted once, right.
    let burst = svc.take();
    assert_eq!(burst.get("rows"), None, "{burst:?}");
    assert_eq!(burst.get("list"), None, "{burst:?}");
    let d = h.app.dashboard.as_ref().unwrap();
    assert_eq!(d.recounts, recounts + 1);
    let want = expected(core.as_ref());
    assert_eq!(shown(&h), want);
    let s = h.screen();
    assert!(s.contains(&format!("逾期 {} 項", want.overdue)), "{s}");
}

#[test]
fn the_user_guide_shows_the_real_screen() {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/user-guide.md"))
        .unwrap();
    let section = guide
        .split("## Dashboard (儀表板)")
        .nth(1)
        .expect("a Dashboard section in docs/user-guide.md");
    let capture = section
        .split("```text\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("a text capture in the Dashboard section");
    let screen = dashboard_at((80, 24), Lang::Hant);
    assert_eq!(capture, screen.trim_end_matches('\n'));
}
