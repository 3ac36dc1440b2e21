//! `:import` and `:export` in the 通訊錄 tab: CSV files of units or
//! people, all or nothing, every bad field reported by line; driven by keys
//! against an in-process `Core` on a temporary store.

mod tui_support;

use shuniu::core::Service;
use shuniu::tui::app::{DirRow, Focus};
use tui_support::{setup_fixed as setup, tab};

#[test]
fn directory_import_is_all_or_nothing_with_every_bad_field_shown() {
    let mut t = setup(400, (160, 48));
    let dir = tempfile::tempdir().unwrap();
    let before = t.core.people().unwrap();

    // Outside the 通訊錄 the commands say where they work.
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "name,unit,title,phones,notes\n陳新人,教育局,科員,0571-88001122、13900001111,新到任\n周同事,fgw,副主任,13900002222,\n",
    )
    .unwrap();
    t.h.press(&format!(":import {}<Enter>", good.display()));
    assert!(
        t.h.screen().contains("只能在通訊錄中使用"),
        "{}",
        t.h.screen()
    );
    assert_eq!(t.core.people().unwrap().len(), before.len());

    tab(&mut t, 6);
    // A file with three bad rows, one of them bad in three fields.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "name,unit,title,phones\n好人,教育局,科員,0571-1\n,不存在局,科員,abc\n乙,教育局,科員,電話\n丙,市財政局,,\n",
    )
    .unwrap();
    t.h.press(&format!(":import {}<Enter>", bad.display()));
    assert_eq!(
        t.core.people().unwrap(),
        before,
        "nothing is saved, not even the good rows"
    );
    let report = t.h.app.import_report.clone().expect("a report");
    let found: Vec<(usize, Option<&str>)> =
        report.errors.iter().map(|e| (e.line, e.field)).collect();
    assert_eq!(
        found,
        [
            (3, Some("name")),
            (3, Some("unit")),
            (3, Some("phones")),
            (4, Some("phones"))
        ]
    );
    let s = t.h.screen();
    assert!(
        s.contains("沒有匯入：4 處錯誤；第 3 行 name："),
        "the message:\n{s}"
    );
    assert!(s.contains("沒有保存任何內容，4 處錯誤"), "the report:\n{s}");
    for line in [
        "第 3 行 name：必須填寫",
        "第 3 行 unit：通訊錄中沒有「不存在局」這個單位",
        "第 3 行 phones：「abc」不是電話號碼",
        "第 4 行 phones：「電話」不是電話號碼",
    ] {
        assert!(s.contains(line), "{line} in\n{s}");
    }

    // The good file: every row saved, the report gone, the directory shows them.
    t.h.press(&format!(":import {}<Enter>", good.display()));
    assert!(t.h.app.import_report.is_none());
    let people = t.core.people().unwrap();
    assert_eq!(people.len(), before.len() + 2);
    let chen = people.iter().find(|p| p.name == "陳新人").unwrap();
    assert_eq!(chen.unit, "jyj");
    assert_eq!(chen.phones, ["0571-88001122", "13900001111"]);
    assert!(t.h.screen().contains("匯入 0 個單位、2 位人員"));
    assert!(t
        .h
        .app
        .cur()
        .dir
        .iter()
        .any(|r| matches!(r, DirRow::Person(p) if p.name == "周同事")));

    // Not UTF-8, or missing: refused, saying where.
    let latin = dir.path().join("latin1.csv");
    std::fs::write(&latin, b"name,unit\nok,jyj\n\xe9t\xe9,jyj\n").unwrap();
    t.h.press(&format!(":import {}<Enter>", latin.display()));
    let r = t.h.app.import_report.as_ref().unwrap();
    assert_eq!(r.errors[0].line, 3);
    assert_eq!(
        r.errors[0].problem,
        shuniu::model::directory_problem::RowProblem::NotUtf8 { byte: 17 }
    );
    assert!(t.h.screen().contains("不是 UTF-8 文字"), "{}", t.h.screen());
    t.h.press(&format!(":import {}/none.csv<Enter>", dir.path().display()));
    assert!(t.h.screen().contains("無法使用"), "{}", t.h.screen());
    assert_eq!(t.core.people().unwrap().len(), before.len() + 2);
}

#[test]
fn directory_export_writes_a_new_file_that_imports_back() {
    let mut t = setup(400, (160, 48));
    let dir = tempfile::tempdir().unwrap();
    tab(&mut t, 6);
    let people_file = dir.path().join("people.csv");
    t.h.press(&format!(":export 人員 {}<Enter>", people_file.display()));
    let people = t.core.people().unwrap();
    assert!(
        t.h.screen()
            .contains(&format!("已把 {} 位人員匯出到", people.len())),
        "{}",
        t.h.screen()
    );
    let text = std::fs::read_to_string(&people_file).unwrap();
    let units = t.core.units().unwrap();
    assert_eq!(
        shuniu::model::directory_csv::parse(&text, &units).unwrap(),
        shuniu::model::directory_csv::Parsed::People(people.clone())
    );
    // Without a word: what is under the cursor (the first row is a unit).
    assert!(matches!(t.h.app.dir_selected(), Some(DirRow::Unit(_))));
    let units_file = dir.path().join("units.csv");
    t.h.press(&format!(":export {}<Enter>", units_file.display()));
    let text = std::fs::read_to_string(&units_file).unwrap();
    assert!(text.starts_with("key,name,abbreviations,phone,doc_prefix"));
    assert_eq!(text.lines().count(), units.len() + 1);
    // Never over an existing file.
    std::fs::write(&people_file, "mine").unwrap();
    t.h.press(&format!(":export people {}<Enter>", people_file.display()));
    assert!(t.h.screen().contains("已經存在，沒有覆蓋"));
    assert_eq!(std::fs::read_to_string(&people_file).unwrap(), "mine");
    // And the export imports back unchanged (ids kept: updates, not copies).
    t.h.press(&format!(":import {}<Enter>", units_file.display()));
    assert_eq!(t.core.units().unwrap(), units);
    assert_eq!(t.core.people().unwrap(), people);
}

#[test]
fn a_refused_import_is_shown_on_a_narrow_screen_too() {
    let mut t = setup(400, (80, 24));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("u.csv");
    std::fs::write(&bad, "key,name,phone\n教育,,電話\n").unwrap();
    tab(&mut t, 6);
    t.h.press(&format!(":import {}<Enter>", bad.display()));
    assert_eq!(
        t.h.app.focus,
        Focus::Detail,
        "the report is what the clerk needs"
    );
    let s = t.h.screen();
    for line in ["第 2 行 name：", "第 2 行 key：", "第 2 行 phone："] {
        assert!(s.contains(line), "{line} in\n{s}");
    }
    // Moving on leaves it behind.
    t.h.press("<Esc>j");
    assert!(t.h.app.import_report_shown().is_none());
}
