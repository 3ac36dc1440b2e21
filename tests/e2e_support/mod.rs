//! What the end-to-end tests share: a tmux server of their own per test,
//! with a temporary HOME, XDG folders and data folder; keys in with
//! `send-keys`, the screen out with `capture-pane`, polled to a deadline.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static N: AtomicUsize = AtomicUsize::new(0);
pub const PROMPT: &str = "E2E>";

pub mod walk;

pub struct Tmux {
    name: String,
    dir: tempfile::TempDir,
    /// The server's socket file, removed with the server.
    socket: Option<PathBuf>,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.name, "kill-server"])
            .output();
        if let Some(p) = &self.socket {
            let _ = std::fs::remove_file(p);
        }
    }
}

pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Tmux {
    pub fn start(w: u16, h: u16) -> Option<Tmux> {
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
        let mut t = Tmux {
            name,
            dir: tempfile::tempdir().unwrap(),
            socket: None,
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
        let socket = t.tmux(&["display-message", "-p", "#{socket_path}"]);
        t.socket = Some(PathBuf::from(socket.trim())).filter(|p| p.is_absolute());
        t.wait_for("the shell prompt", |s| s.contains(PROMPT));
        Some(t)
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let o = Command::new("tmux")
            .args(["-L", &self.name])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", "main"];
        a.extend_from_slice(keys);
        self.tmux(&a);
    }

    /// Types text literally (UTF-8 included).
    pub fn text(&self, s: &str) {
        self.tmux(&["send-keys", "-t", "main", "-l", s]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "main"])
    }

    pub fn wait_for(&self, what: &str, f: impl Fn(&str) -> bool) -> String {
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

    pub fn shuniu(&self, args: &str) {
        self.text(&format!("{} {args}", env!("CARGO_BIN_EXE_shuniu")));
        self.keys(&["Enter"]);
    }

    /// Sends a signal to the workbench: the pane's shell's child, by its pid.
    pub fn signal(&self, sig: &str) {
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

    pub fn home(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// After the workbench exits: the prompt is back and the terminal is sane.
    pub fn assert_sane(&self) {
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

pub fn status_line(s: &str) -> String {
    s.lines().rev().nth(1).unwrap_or("").to_string()
}

/// The code on the selected row (the one marked `>`).
pub fn selected_code(s: &str) -> String {
    s.lines()
        .find_map(|l| l.strip_prefix('>'))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or("")
        .to_string()
}

/// A field of the detail pane (`緊急程度 平件` → `平件`).
pub fn detail_field(s: &str, label: &str) -> Option<String> {
    let key = format!("│{label} ");
    s.lines()
        .find_map(|l| l.split_once(&key).map(|(_, v)| v.trim().to_string()))
}

/// The open count of 收件 in the header.
pub fn inbox_count(s: &str) -> Option<usize> {
    let (_, rest) = s.lines().next()?.split_once("1 收件 ")?;
    rest.split_whitespace().next()?.parse().ok()
}

/// The length of the list in the status line (`· 6/274` → 274).
pub fn list_len(s: &str) -> Option<usize> {
    status_line(s).rsplit('/').next()?.trim().parse().ok()
}

/// The demo data is in and the 收件 list has settled: it holds every open
/// request the header counts, on its first row (no push of the load still
/// on its way to move the cursor).
pub fn demo_settled(s: &str) -> bool {
    s.contains("已載入 2000 項示範資料")
        && status_line(s).contains("· 1/")
        && inbox_count(s).is_some()
        && inbox_count(s) == list_len(s)
}

/// The bottom line asks for the reason to close (the detail pane has a
/// field of that name too).
pub fn asks_reason(s: &str) -> bool {
    s.lines().last().is_some_and(|l| l.starts_with("關閉原因"))
}

/// The new item's code in the last line's "X 已分辦為 Y".
pub fn routed_to(s: &str) -> Option<String> {
    let (_, rest) = s.lines().last()?.split_once("已分辦為 ")?;
    rest.split_whitespace().next().map(str::to_string)
}

/// Writes the clerk's config file, `$XDG_CONFIG_HOME/shuniu/config.toml`.
pub fn write_config(t: &Tmux, text: &str) -> PathBuf {
    let dir = t.home().join("config").join("shuniu");
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("config.toml");
    std::fs::write(&f, text).unwrap();
    f
}
