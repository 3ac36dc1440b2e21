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

/// Row `y` of a buffer as (x, symbol) for each character drawn (the cells a
/// wide character covers after its first are left out).
fn row(b: &ratatui::buffer::Buffer, y: u16) -> Vec<(u16, String)> {
    let mut out = vec![];
    let mut skip = 0;
    for x in 0..b.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = b[(x, y)].symbol().to_string();
        skip = shuniu::tui::text::width(&sym).saturating_sub(1);
        out.push((x, sym));
    }
    out
}

/// The x of each character of `needle` in row `y`.
fn find(b: &ratatui::buffer::Buffer, y: u16, needle: &str) -> Option<Vec<u16>> {
    let r = row(b, y);
    let want: Vec<String> = needle.chars().map(String::from).collect();
    (0..r.len().saturating_sub(want.len() - 1))
        .find(|&i| r[i..i + want.len()].iter().map(|c| &c.1).eq(want.iter()))
        .map(|i| r[i..i + want.len()].iter().map(|c| c.0).collect())
}

#[test]
fn the_headers_overdue_counts_use_the_themes_overdue_slot() {
    use shuniu::model::Kind;
    use shuniu::tui::theme::Slot;
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let mut h = Harness::new(svc, WorkCalendar::builtin(), (120, 30), Lang::Hant, None);
    let count = |h: &Harness, k: Kind| {
        h.app
            .counts
            .by_kind
            .iter()
            .find(|r| r.0 == k)
            .map(|r| (r.1, r.2))
            .unwrap()
    };
    for theme in ["default", "light", "high-contrast"] {
        h.press(&format!(":theme {theme}<Enter>"));
        let th = h.app.setup.theme.clone();
        let overdue = th.get(Slot::Overdue).fg.expect("an overdue colour");
        let b = h.cells();
        // 收件 is the active tab, 督查 is not: both counts of overdue in its colour.
        for (label, kind, slot) in [
            ("1 收件", Kind::Inbox, Slot::TabActive),
            ("5 督查", Kind::Supervision, Slot::Tab),
        ] {
            let (open, late) = count(&h, kind);
            assert!(late > 0, "{kind}: the fixture has overdue items");
            let text = format!("{label} {open} {late}");
            let xs = find(&b, 0, &text).unwrap_or_else(|| panic!("{text} in the header"));
            let late_x = &xs[xs.len() - late.to_string().len()..];
            for x in late_x {
                assert_eq!(b[(*x, 0)].fg, overdue, "{theme} {text}: overdue at {x}");
            }
            let open_x = xs[label.chars().count() + 1];
            assert_eq!(
                Some(b[(open_x, 0)].fg),
                th.get(slot).fg.or(th.get(Slot::Header).fg),
                "{theme} {text}: the open count in the tab's colour"
            );
            assert_ne!(
                b[(open_x, 0)].fg,
                overdue,
                "{theme}: only overdue is overdue"
            );
        }
    }
}

#[test]
fn an_unchanged_screen_writes_no_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let svc = fixture(dir.path(), 400);
    let mut h = Harness::new(svc, WorkCalendar::builtin(), (80, 24), Lang::Hant, None);
    assert!(h.bytes() > 1000, "the first frame is the whole screen");
    assert_eq!(h.bytes(), 0, "the same state again: nothing");
    // A key that changes nothing (up on the first row) writes nothing.
    h.press("k");
    assert!(h.app.dirty, "the key woke the loop");
    assert_eq!(h.bytes(), 0);
    // A key that does: a few rows, then nothing again.
    h.press("j");
    let j = h.bytes();
    assert!(j > 0 && j <= 300, "one j: {j} bytes");
    assert_eq!(h.bytes(), 0);
    // With the cursor shown (a form's field), an unchanged frame is silent too.
    h.press("o");
    assert!(h.bytes() > 0);
    assert_eq!(h.bytes(), 0);
    h.type_text("路");
    let typed = h.bytes();
    assert!(typed > 0 && typed < 200, "one character: {typed} bytes");
    assert_eq!(h.bytes(), 0);
}
