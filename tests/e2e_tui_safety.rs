//! The real binary in tmux, when things go wrong: a bad config file, a panic
//! (in the main loop, in the worker), escape sequences in data, SIGHUP and
//! SIGTERM. Each time the terminal is given back sane and nothing typed is
//! lost; see `e2e_support` for how each test gets its own tmux server.

mod e2e_support;

use e2e_support::*;

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
    // The whole title, placeholders and all (the detail pane may come a
    // frame after the list's row).
    let s = t.wait_for("the title with placeholders", |s| {
        s.contains("惡意␛]0;pwned␇標題␛[2J清屏")
    });
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

/// The pid of the one `shuniu` process whose command line contains `needle`.
fn pid_of(needle: &str) -> Option<i32> {
    let o = std::process::Command::new("pgrep")
        .args(["-f", "--", needle])
        .output()
        .ok()?;
    let pids: Vec<i32> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "shuniu")
        })
        .collect();
    (pids.len() == 1).then(|| pids[0])
}

fn alive(pid: i32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ")
}

/// Kills the workbench started with this command-line part when the test
/// ends, however it ends (a workbench in its own session outlives tmux).
struct Reaper(String);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = std::process::Command::new("pkill")
            .args(["-KILL", "-f", "--", &self.0])
            .status();
    }
}

#[test]
fn the_workbench_ends_when_its_terminal_goes_away_without_a_sighup() {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    // In a session of its own the workbench gets no SIGHUP when the pane
    // closes (as under `su` or `runuser`, which keep the signal): only its
    // terminal hangs up under it.
    let data = t.home().join("own-session-data");
    let arg = format!("--data {}", data.display());
    let _reaper = Reaper(arg.clone());
    t.text(&format!("setsid -w {} {arg}", env!("CARGO_BIN_EXE_shuniu")));
    t.keys(&["Enter"]);
    t.wait_for("the welcome screen", |s| s.contains("歡迎使用樞紐"));
    let pid = pid_of(&arg).expect("one workbench process");
    t.tmux(&["kill-server"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while alive(pid) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        !alive(pid),
        "the workbench kept running on a terminal that hung up"
    );
}
