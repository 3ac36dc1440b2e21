//! The dashboard screen: its look with the demo data at 80×24 and 160×48
//! (fixed clock and seed, so the screens are exact; `INSTA_UPDATE=always
//! cargo test --test tui_dashboard` updates them), and a walk through it on
//! the harness — the numbers shown are those `model::dashboard` counts from
//! the same service rows, a change pushed while it is open shows at once,
//! and `Esc` leaves the clerk exactly where they were.

use chrono::Days;
use shuniu::core::{Filter, Service};
use shuniu::model::dashboard::Dashboard;
use shuniu::model::{Command, Item, Kind, WorkCalendar};
use shuniu::tui::app::{Focus, INTAKE_DAYS};
use shuniu::tui::harness::{fixture, Harness};
use shuniu::tui::i18n::Lang;

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

#[test]
fn a_change_while_counting_counts_again_once_and_late_answers_are_dropped() {
    use shuniu::core::Event as Push;
    use shuniu::tui::event::{Effect, Outcome};
    use shuniu::tui::key::Key;
    use shuniu::tui::worker;

    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let mut h = Harness::new(
        svc.clone(),
        WorkCalendar::builtin(),
        (80, 24),
        Lang::Hant,
        None,
    );
    let loads = |fx: &[Effect]| -> Vec<u64> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::LoadDashboard { gen, .. } => Some(*gen),
                _ => None,
            })
            .collect()
    };
    // The key asks once.
    let fx = h.app.key(Key::ch('D'));
    let first = loads(&fx);
    assert_eq!(first.len(), 1, "{fx:?}");
    // Pushes while that request is out ask nothing more yet.
    let it = svc.list(&Filter::default()).unwrap().remove(0);
    for _ in 0..3 {
        let fx = h.app.push(Push::Changed(Box::new(it.clone())));
        assert!(loads(&fx).is_empty(), "{fx:?}");
    }
    // The answer is shown, and one more request follows for the changes.
    let answer = worker::exec(
        &h.cx,
        fx.into_iter()
            .find(|e| matches!(e, Effect::LoadDashboard { .. }))
            .unwrap(),
    )
    .unwrap();
    let fx = h.app.outcome(answer.clone());
    let second = loads(&fx);
    assert_eq!(second.len(), 1, "{fx:?}");
    assert!(second[0] > first[0]);
    assert!(h.app.dashboard.as_ref().unwrap().board.is_some());
    // The first answer again (late, stale) changes nothing and asks nothing.
    let shown = h.app.dashboard.clone();
    let fx = h.app.outcome(answer);
    assert!(loads(&fx).is_empty());
    assert_eq!(h.app.dashboard, shown);
    // The second request fails: said in the status line, the numbers kept,
    // and the next change asks again.
    let fx = h.app.outcome(Outcome::Dashboard {
        gen: second[0],
        board: Err(Box::new(shuniu::core::ServiceError::Store(
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
    assert!(h.app.dashboard.as_ref().unwrap().board.is_some());
    let fx = h.app.push(Push::Changed(Box::new(it.clone())));
    assert_eq!(loads(&fx).len(), 1, "{fx:?}");
    // Closed, a push asks nothing at all.
    h.press("<Esc>");
    assert!(h.app.dashboard.is_none());
    let fx = h.app.push(Push::Changed(Box::new(it)));
    assert!(loads(&fx).is_empty());
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
