//! The real binary in a real terminal: each test starts its own tmux server
//! (`tmux -L NAME -f /dev/null`) with a temporary HOME, XDG folders and data
//! folder, types with `send-keys` and reads the screen with `capture-pane`,
//! polling until a deadline (never fixed sleeps). The server is killed when
//! the test ends, however it ends. Skipped (with a note) where tmux is
//! missing, unless `CI` is set: then a missing tmux fails the test.
//! This file: a clerk's session (counts, triage, undo, repeat, filter, a
//! form), `$EDITOR`, quick find and a call record; the safety of the
//! terminal and of bad input is in `e2e_tui_safety.rs`.

mod e2e_support;

use e2e_support::*;

#[test]
fn a_clerks_first_session() {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    t.shuniu("");
    t.wait_for("the welcome screen", |s| {
        s.contains("歡迎使用樞紐") && s.contains("載入示範資料")
    });
    t.text("d");
    // Loaded, and the list reloaded with the cursor on its first row.
    t.wait_for("the demo data", demo_settled);
    // Move with a count.
    t.text("gg5j");
    t.wait_for("row 6", |s| status_line(s).contains("· 6/"));
    // Triage three requests with single keys: to 督查, urgency, to 事務.
    t.text("S");
    t.wait_for("the route to 督查", |s| s.contains("已分辦為 督"));
    // The urgency of the request now selected, as its detail shows it.
    let s = t.wait_for("the next request's detail", |s| {
        let code = selected_code(s);
        !code.is_empty() && s.contains(&format!("│{code}")) && detail_field(s, "緊急程度").is_some()
    });
    let code = selected_code(&s);
    let urgency = detail_field(&s, "緊急程度").unwrap();
    let version: u64 = detail_field(&s, "版本").unwrap().parse().unwrap();
    t.text("p");
    let s = t.wait_for("the urgency change", |s| {
        s.lines()
            .last()
            .is_some_and(|l| l.contains(&format!("{code}：緊急程度=")))
            && detail_field(s, "版本") == Some((version + 1).to_string())
    });
    let changed = detail_field(&s, "緊急程度").unwrap();
    assert_ne!(changed, urgency, "p changed the urgency:\n{s}");
    // Undo it: the field is back as it was, as a change of its own.
    t.text("u");
    let s = t.wait_for("the undo", |s| {
        s.contains("已撤銷") && detail_field(s, "版本") == Some((version + 2).to_string())
    });
    assert_eq!(selected_code(&s), code, "{s}");
    assert_eq!(detail_field(&s, "緊急程度").unwrap(), urgency, "{s}");
    // The count in the header is settled: the worker answers in order, and
    // the route's count came back before the urgency's change did.
    let open = inbox_count(&s).unwrap();
    t.text("A");
    let s = t.wait_for("the route to 事務", |s| {
        routed_to(s).is_some_and(|c| c.starts_with('事')) && inbox_count(s) == Some(open - 1)
    });
    let first = routed_to(&s).unwrap();
    // Repeat the route on the next request with '.': another new 事務, one
    // request fewer in the inbox.
    t.text(".");
    let s = t.wait_for("the repeated route", |s| {
        routed_to(s).is_some_and(|c| c != first && c.starts_with('事'))
            && inbox_count(s) == Some(open - 2)
    });
    assert_ne!(routed_to(&s).unwrap(), first);
    // Filter 辦文 with '/', as typed: what does not match leaves the list.
    t.text("2");
    let s = t.wait_for("the 辦文 tab", |s| {
        (s.contains("[收]") || s.contains("[發]")) && status_line(s).contains("· 1/")
    });
    let all = list_len(&s).unwrap();
    let top = selected_code(&s);
    let top_matches = s.contains("校舍安全");
    t.text("/xsaq");
    let s = t.wait_for("the filter", |s| {
        s.contains("校舍安全") && status_line(s).contains("/xsaq") && selected_code(s) != top
    });
    let shown = list_len(&s).unwrap();
    assert!(shown < all && shown > 0, "{shown} of {all}:\n{s}");
    if !top_matches {
        assert!(!s.contains(&top), "{top} does not match and left:\n{s}");
    }
    // Each key waits for its effect: an Escape with a key right behind it
    // reads as Alt and that key.
    t.keys(&["Enter"]);
    t.wait_for("the filter kept", |s| {
        status_line(s).contains("/xsaq") && status_line(s).contains("普通")
    });
    t.keys(&["Escape"]);
    t.wait_for("the filter cleared", |s| {
        !status_line(s).contains("/xsaq") && list_len(s) == Some(all)
    });
    // A form with Chinese text: a new 收文, saved.
    t.text("o1");
    t.wait_for("the form", |s| s.contains("新建收文"));
    t.text("關於路燈維修經費的請示");
    t.keys(&["C-s"]);
    // The confirmation can come a frame before the list shows the new row.
    t.wait_for("the save, and the new row in the list", |s| {
        s.contains("已保存 收") && s.contains("關於路燈維修經費的請示")
    });
    // Quit; the shell is back and sane.
    t.text("q");
    t.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
    t.assert_sane();
}

#[test]
fn ctrl_e_edits_a_field_in_editor_and_the_form_saves_it() {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    // A scripted $EDITOR: it reads what the field held and writes it back
    // with more, as a clerk would in vi.
    let editor = t.home().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nold=$(cat \"$1\")\nprintf '%s（編輯器補充：請市政工程處三日內修復）\\n' \"$old\" > \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    t.text(&format!(
        "EDITOR={} {}",
        editor.display(),
        env!("CARGO_BIN_EXE_shuniu")
    ));
    t.keys(&["Enter"]);
    t.wait_for("the welcome screen", |s| s.contains("歡迎使用樞紐"));
    t.keys(&["Enter"]);
    t.wait_for("the empty list", |s| s.contains("沒有事項"));
    t.text("o");
    t.wait_for("the form", |s| s.contains("新建收件"));
    t.text("路燈不亮");
    t.wait_for("the typing", |s| s.contains("路燈不亮"));
    t.keys(&["C-e"]);
    // The workbench is back, the field holds what the editor wrote.
    t.wait_for("the edited field", |s| {
        s.contains("新建收件") && s.contains("路燈不亮（編輯器補充")
    });
    t.keys(&["C-s"]);
    // Saved, and the detail pane (it loads after the list's row, whose
    // title column is too narrow for the whole text) shows the edited title.
    t.wait_for("the save and the edited title", |s| {
        s.contains("已保存 件") && s.contains("路燈不亮（編輯器補充")
    });
    t.text("q");
    t.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
    t.assert_sane();
    // The title as stored: the editor's whole line, its newline trimmed.
    t.keys(&["C-l"]);
    t.shuniu("ls --kind 收件 --json | grep -o '\"title\":\"[^\"]*\"'");
    t.wait_for("the stored title", |s| {
        s.contains("\"title\":\"路燈不亮（編輯器補充：請市政工程處三日內修復）\"")
    });
}

#[test]
fn quick_find_from_the_help_screen_then_a_call_record() {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    t.shuniu("");
    t.wait_for("the welcome screen", |s| s.contains("歡迎使用樞紐"));
    t.text("d");
    t.wait_for("the demo data", |s| s.contains("已載入 2000 項示範資料"));
    // Not a list: the key help is open over the 收件.
    t.text("?");
    t.wait_for("the help", |s| s.contains("按鍵（j/k 捲動"));
    t.keys(&["C-f"]);
    t.wait_for("the popup", |s| {
        s.contains("快速查找") && s.contains("查找：")
    });
    // The last digits of 王科長's mobile.
    t.text("1234");
    let s = t.wait_for("the caller found", |s| {
        s.contains("王建國") && s.contains("13800001234")
    });
    assert!(status_line(&s).contains("查找"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("the caller view", |s| {
        s.contains("來電：王建國") && s.contains("相關在辦事項")
    });
    // c starts the record; the timer shows in the status line.
    t.text("c");
    t.wait_for("the call record", |s| {
        s.contains("已建立") && status_line(s).contains("通話中 王建國")
    });
    t.text("c");
    t.wait_for("the gist form", |s| {
        s.contains("通話結束") && s.contains("編輯 事")
    });
    t.text("詢問校舍安全請示的辦理進度");
    t.keys(&["C-s"]);
    t.wait_for("the save", |s| s.contains("已保存 事"));
    // Esc from quick find returns where the clerk was: the 辦事 list.
    t.keys(&["C-f"]);
    t.wait_for("the popup", |s| s.contains("快速查找"));
    t.keys(&["Escape"]);
    t.wait_for("the list again", |s| {
        !s.contains("快速查找") && s.contains("詢問校舍安全")
    });
    t.text("q");
    t.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
    t.assert_sane();
}
