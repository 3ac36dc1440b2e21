//! What every tab looks like, in 繁體中文 with the demo data, at 80×24 and
//! 160×48, drawn on ratatui's `TestBackend`. The clock and the demo seed are
//! fixed, so the screens are exact; `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --test tui_render`) updates them.

use shuniu::model::WorkCalendar;
use shuniu::tui::harness::{fixture, Harness};
use shuniu::tui::i18n::Lang;

fn screens(size: (u16, u16)) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let mut h = Harness::new(svc, WorkCalendar::builtin(), size, Lang::Hant, None);
    let mut out = vec![];
    for tab in 1..=6 {
        h.press(&format!(":tab {tab}<Enter>"));
        out.push((format!("tab{tab}_{}x{}", size.0, size.1), h.screen()));
    }
    out
}

#[test]
fn every_tab_at_80x24() {
    for (name, screen) in screens((80, 24)) {
        insta::assert_snapshot!(name, screen);
    }
}

#[test]
fn every_tab_at_160x48() {
    for (name, screen) in screens((160, 48)) {
        insta::assert_snapshot!(name, screen);
    }
}

#[test]
fn detail_help_and_welcome() {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 0);
    let mut h = Harness::new(
        svc.clone(),
        WorkCalendar::builtin(),
        (100, 30),
        Lang::Hant,
        None,
    );
    insta::assert_snapshot!("welcome_100x30", h.screen());
    let dir2 = tempfile::tempdir().unwrap();
    let svc = fixture(dir2.path(), 400);
    let mut h = Harness::new(svc, WorkCalendar::builtin(), (80, 24), Lang::Hant, None);
    h.press("3j<Enter>");
    insta::assert_snapshot!("detail_80x24", h.screen());
    h.press("<Esc>?");
    insta::assert_snapshot!("help_80x24", h.screen());
}

#[test]
fn other_languages_render() {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    for (lang, word) in [(Lang::Hans, "办文"), (Lang::En, "Documents")] {
        let mut h = Harness::new(svc.clone(), WorkCalendar::builtin(), (160, 48), lang, None);
        let s = h.screen();
        assert!(s.contains(word), "{lang:?}:\n{s}");
    }
}

#[test]
fn wide_characters_keep_columns_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    for size in [(80, 24), (123, 40), (160, 48)] {
        let mut h = Harness::new(svc.clone(), WorkCalendar::builtin(), size, Lang::Hant, None);
        for tab in 1..=5 {
            h.press(&format!(":tab {tab}<Enter>"));
            let s = h.screen();
            for line in s.lines() {
                assert!(
                    shuniu::tui::text::width(line) <= size.0 as usize,
                    "too wide: {line}"
                );
            }
            // Every list row's status column starts at the same cell.
            let lw = if size.0 >= 100 {
                (size.0 * 11 / 20).max(60)
            } else {
                size.0
            } as usize;
            let starts: Vec<usize> = s
                .lines()
                .skip(2)
                .take(10)
                .filter(|l| l.contains("2026-"))
                .map(|l| {
                    let left: String = l.chars().skip(1).take_while(|c| *c != '│').collect();
                    let _ = lw;
                    let code_end = left.find(' ').unwrap_or(0);
                    shuniu::tui::text::width(&left[..code_end])
                })
                .collect();
            assert!(
                starts.windows(2).all(|w| w[0] == w[1]),
                "{size:?} tab {tab}: {starts:?}\n{s}"
            );
        }
    }
}

/// Quick find's popup (a 文號 fragment and a phone number) and the caller
/// view with its unit's open items, at both sizes.
fn find_screens(size: (u16, u16)) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let mut h = Harness::new(svc, WorkCalendar::builtin(), size, Lang::Hant, None);
    let (w, ht) = size;
    let mut out = vec![];
    h.press("<C-f>");
    h.type_text("教育局 請示");
    out.push((format!("find_{w}x{ht}"), h.screen()));
    h.press("<C-u>");
    h.type_text("1234");
    h.press("<Enter>");
    out.push((format!("caller_{w}x{ht}"), h.screen()));
    out
}

#[test]
fn quick_find_and_caller_at_80x24() {
    for (name, screen) in find_screens((80, 24)) {
        insta::assert_snapshot!(name, screen);
    }
}

#[test]
fn quick_find_and_caller_at_160x48() {
    for (name, screen) in find_screens((160, 48)) {
        insta::assert_snapshot!(name, screen);
    }
}
