//! The real binary in a real terminal: each test starts its own tmux server
//! (`tmux -L NAME -f /dev/null`) with a temporary HOME, XDG folders and data
//! folder, types with `send-keys` and reads the screen with `capture-pane`,
//! polling until a deadline (never fixed sleeps). The server is killed when
//! the test ends, however it ends. Skipped (with a note) where tmux is
//! missing, unless `CI` is set: then a missing tmux fails the test.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static N: AtomicUsize = AtomicUsize::new(0);
const PROMPT: &str = "E2E>";

struct Tmux {
    name: String,
    dir: tempfile::TempDir,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.name, "kill-server"])
            .output();
    }
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Tmux {
    fn start(w: u16, h: u16) -> Option<Tmux> {
        if !have_tmux() {
            // On CI (`.ci/run` installs tmux) a missing tmux is a failure, not a skip.
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is not installed but CI is set: the end-to-end tests cannot run"
            );
            eprintln!("tmux is not installed: end-to-end test skipped");
            return None;
        }
        let name = format!(
            "shuniu-e2e-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let t = Tmux {
            name,
            dir: tempfile::tempdir().unwrap(),
        };
        let home = t.dir.path();
        let path = std::env::var("PATH").unwrap_or_default();
        let env = [
            format!("HOME={}", home.display()),
            format!("PATH={path}"),
            "TERM=tmux-256color".into(),
            "LANG=C.UTF-8".into(),
            "USER=tester".into(),
            format!("XDG_CONFIG_HOME={}", home.join("config").display()),
            format!("XDG_DATA_HOME={}", home.join("share").display()),
            format!("XDG_STATE_HOME={}", home.join("state").display()),
            format!("SHUNIU_DATA={}", home.join("data").display()),
            "SHUNIU_NO_DAEMON=true".into(),
            "RUST_BACKTRACE=0".into(),
            format!("PS1={PROMPT} "),
        ];
        let cmd = format!(
            "env -i {} bash --norc --noprofile",
            env.map(|e| format!("'{e}'")).join(" ")
        );
        let ok = Command::new("tmux")
            .args([
                "-L",
                &t.name,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "main",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                &cmd,
            ])
            .status()
            .unwrap()
            .success();
        assert!(ok, "tmux new-session");
        t.wait_for("the shell prompt", |s| s.contains(PROMPT));
        Some(t)
    }

    fn tmux(&self, args: &[&str]) -> String {
        let o = Command::new("tmux")
            .args(["-L", &self.name])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", "main"];
        a.extend_from_slice(keys);
        self.tmux(&a);
    }

    /// Types text literally (UTF-8 included).
    fn text(&self, s: &str) {
        self.tmux(&["send-keys", "-t", "main", "-l", s]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "main"])
    }

    fn wait_for(&self, what: &str, f: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if f(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn shuniu(&self, args: &str) {
        self.text(&format!("{} {args}", env!("CARGO_BIN_EXE_shuniu")));
        self.keys(&["Enter"]);
    }

    /// Sends a signal to the workbench: the pane's shell's child, by its pid.
    fn signal(&self, sig: &str) {
        let shell = self.tmux(&["display-message", "-p", "-t", "main", "#{pane_pid}"]);
        let o = Command::new("pgrep")
            .args(["-P", shell.trim()])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&o.stdout).trim().to_string();
        assert!(
            !pid.is_empty() && !pid.contains('\n'),
            "one child of the shell: {pid:?}"
        );
        let ok = Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    fn home(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// After the workbench exits: the prompt is back and the terminal is sane.
    fn assert_sane(&self) {
        self.keys(&["Enter"]);
        self.text("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | tr '\\n' ,; echo :STTY");
        self.keys(&["Enter"]);
        let s = self.wait_for("stty", |s| {
            s.lines()
                .any(|l| l.ends_with(":STTY") && !l.contains("echo "))
        });
        let line = s
            .lines()
            .find(|l| l.ends_with(":STTY") && !l.contains("echo "))
            .unwrap();
        assert!(
            line.contains("icanon,")
                && line.contains("echo,")
                && !line.contains("-icanon")
                && !line.contains("-echo"),
            "{line}"
        );
    }
}

fn status_line(s: &str) -> String {
    s.lines().rev().nth(1).unwrap_or("").to_string()
}

/// The code on the selected row (the one marked `>`).
fn selected_code(s: &str) -> String {
    s.lines()
        .find_map(|l| l.strip_prefix('>'))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or("")
        .to_string()
}

/// A field of the detail pane (`緊急程度 平件` → `平件`).
fn detail_field(s: &str, label: &str) -> Option<String> {
    let key = format!("│{label} ");
    s.lines()
        .find_map(|l| l.split_once(&key).map(|(_, v)| v.trim().to_string()))
}

/// The open count of 收件 in the header.
fn inbox_count(s: &str) -> Option<usize> {
    let (_, rest) = s.lines().next()?.split_once("1 收件 ")?;
    rest.split_whitespace().next()?.parse().ok()
}

/// The length of the list in the status line (`· 6/274` → 274).
fn list_len(s: &str) -> Option<usize> {
    status_line(s).rsplit('/').next()?.trim().parse().ok()
}

/// The demo data is in and the 收件 list has settled: it holds every open
/// request the header counts, on its first row (no push of the load still
/// on its way to move the cursor).
fn demo_settled(s: &str) -> bool {
    s.contains("已載入 2000 項示範資料")
        && status_line(s).contains("· 1/")
        && inbox_count(s).is_some()
        && inbox_count(s) == list_len(s)
}

/// The bottom line asks for the reason to close (the detail pane has a
/// field of that name too).
fn asks_reason(s: &str) -> bool {
    s.lines().last().is_some_and(|l| l.starts_with("關閉原因"))
}

/// The new item's code in the last line's "X 已分辦為 Y".
fn routed_to(s: &str) -> Option<String> {
    let (_, rest) = s.lines().last()?.split_once("已分辦為 ")?;
    rest.split_whitespace().next().map(str::to_string)
}

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
    let s = t.wait_for("the save", |s| s.contains("已保存 件"));
    assert!(s.contains("路燈不亮（編輯器補充"), "{s}");
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

/// Writes the clerk's config file, `$XDG_CONFIG_HOME/shuniu/config.toml`.
fn write_config(t: &Tmux, text: &str) -> PathBuf {
    let dir = t.home().join("config").join("shuniu");
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("config.toml");
    std::fs::write(&f, text).unwrap();
    f
}

#[test]
fn a_bad_binding_is_named_by_file_line_and_key_and_the_rest_still_works() {
    let Some(t) = Tmux::start(160, 30) else {
        return;
    };
    let f = write_config(
        &t,
        "theme = \"default\"\n[keys.normal]\nx = \"close\"\n\"<C-q>\" = \"frob\"\n",
    );
    t.shuniu("");
    let want = format!(
        "{} 第 4 行：keys.normal.\"<C-q>\"：沒有「frob」這個命令（沿用預設按鍵）",
        f.display()
    );
    let s = t.wait_for("the warning", |s| s.contains(&want));
    assert!(s.contains("歡迎使用樞紐"), "it started all the same:\n{s}");
    t.text("d");
    t.wait_for("the demo data", demo_settled);
    // The default keys work, and so does the good binding of the same file.
    t.text("5j");
    t.wait_for("row 6", |s| status_line(s).contains("· 6/"));
    t.text("x");
    t.wait_for("x asks for the reason to close", asks_reason);
    t.keys(&["Escape"]);
    t.wait_for("the prompt closed", |s| !asks_reason(s));
    t.text("q");
    t.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
    t.assert_sane();
}

#[test]
fn a_config_file_that_is_not_toml_is_named_by_line_and_skipped() {
    let Some(t) = Tmux::start(160, 30) else {
        return;
    };
    let f = write_config(&t, "lang = \"en\"\n[keys.normal\nx = \"close\"\n");
    t.shuniu("");
    // The file is skipped whole: the screen stays in 繁體, the default language.
    let want = format!("{} 第 2 行：keys.normal：", f.display());
    let s = t.wait_for("the warning", |s| s.contains(&want));
    assert!(s.contains("此檔案未採用，沿用預設設定"), "{s}");
    assert!(s.contains("歡迎使用樞紐"), "{s}");
    t.text("d");
    t.wait_for("the demo data", demo_settled);
    t.text("5j");
    t.wait_for("row 6", |s| status_line(s).contains("· 6/"));
    // x is not bound (the file's binding never applied: a prompt would
    // take the j); C, the default, is.
    t.text("xj");
    t.wait_for("row 7", |s| status_line(s).contains("· 7/"));
    t.text("C");
    t.wait_for("C asks for the reason to close", asks_reason);
    t.keys(&["Escape"]);
    t.wait_for("the prompt closed", |s| !asks_reason(s));
    t.text("q");
    t.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
    t.assert_sane();
}

/// Starts the workbench with `SHUNIU_TEST_PANIC=trigger`, presses `key`,
/// and checks that the terminal was given back before color-eyre's report
/// was printed: the report is on the shell's screen (not lost with the
/// alternate screen), the exit status is a panic's, the terminal is sane.
fn panics_cleanly(trigger: &str, key: &str) {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    t.text(&format!(
        "SHUNIU_TEST_PANIC={trigger} {}; echo \"rc=$?\"",
        env!("CARGO_BIN_EXE_shuniu")
    ));
    t.keys(&["Enter"]);
    t.wait_for("the welcome screen", |s| s.contains("歡迎使用樞紐"));
    t.text(key);
    let s = t.wait_for("the report and the exit status", |s| {
        s.contains("rc=101") && s.trim_end().ends_with(PROMPT)
    });
    assert!(
        s.contains("The application panicked (crashed).")
            && s.contains(&format!("SHUNIU_TEST_PANIC={trigger}")),
        "color-eyre's report is on the shell's screen:\n{s}"
    );
    assert!(
        !s.contains("歡迎使用樞紐") && !s.contains("樞紐  1 收件"),
        "the workbench's screen is gone (the alternate screen was left before the report):\n{s}"
    );
    let report = s.find("The application panicked").unwrap();
    let rc = s.find("rc=101").unwrap();
    assert!(report < rc, "the report, then the shell:\n{s}");
    t.assert_sane();
}

#[test]
fn a_panic_in_the_main_loop_restores_the_terminal_then_reports() {
    panics_cleanly("key", "j");
}

#[test]
fn a_panic_in_the_worker_thread_restores_the_terminal_then_reports() {
    // `d` asks the worker for the demo data: its first effect.
    panics_cleanly("worker", "d");
}

#[test]
fn escape_sequences_in_data_never_reach_the_terminal() {
    let Some(t) = Tmux::start(120, 30) else {
        return;
    };
    let f = t.home().join("evil.jsonl");
    std::fs::write(&f, "{\"title\":\"惡意\\u001b]0;pwned\\u0007標題\\u001b[2J清屏\",\"from\":\"某人\\u001b[31m\"}\n").unwrap();
    t.shuniu(&format!("intake {}", f.display()));
    t.wait_for("the intake", |s| s.contains("1 requests registered"));
    t.shuniu("");
    let s = t.wait_for("the list", |s| s.contains("惡意"));
    assert!(s.contains("惡意␛]0;pwned␇標題␛[2J清屏"), "{s}");
    assert!(
        s.lines().next().unwrap().contains("收件"),
        "the header is intact:\n{s}"
    );
    let title = t.tmux(&["display-message", "-p", "-t", "main", "#{pane_title}"]);
    assert!(
        !title.contains("pwned"),
        "the pane title was changed: {title}"
    );
    t.text("q");
    t.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
    t.assert_sane();
}

#[test]
fn sighup_keeps_the_draft_and_restores_the_terminal() {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    t.shuniu("");
    t.wait_for("the welcome screen", |s| s.contains("歡迎使用樞紐"));
    t.keys(&["Enter"]);
    t.text("o");
    t.wait_for("the form", |s| s.contains("新建收件"));
    t.text("斷線前未保存的來件");
    t.wait_for("the typing", |s| s.contains("斷線前未保存的來件"));
    // The SSH connection drops: SIGHUP to the workbench.
    t.signal("HUP");
    t.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
    t.assert_sane();
    // The next start offers the draft back.
    t.keys(&["C-l"]);
    t.shuniu("");
    t.wait_for("the draft offer", |s| {
        s.contains("上次有未保存的表單") && s.contains("斷線前未保存的來件")
    });
    t.text("r");
    t.wait_for("the restored form", |s| {
        s.contains("新建收件") && s.contains("斷線前未保存的來件")
    });
    t.keys(&["C-s"]);
    t.wait_for("the save", |s| s.contains("已保存 件"));
    // SIGTERM ends it cleanly too.
    t.signal("TERM");
    t.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
    t.assert_sane();
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
