//! A real terminal for end-to-end tests: each `Tmux` starts its own tmux
//! server (`tmux -L NAME -f /dev/null`) with a temporary HOME, XDG folders
//! and data folder, types with `send-keys`, reads the screen with
//! `capture-pane` and polls it until a deadline (never a fixed sleep). The
//! server is killed when the `Tmux` is dropped, however the test ends.
//! (The same harness as `e2e_tui.rs`, shared with `e2e_flows.rs`.)

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static N: AtomicUsize = AtomicUsize::new(0);
pub const PROMPT: &str = "E2E>";

pub struct Tmux {
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

pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Tmux {
    pub fn start(w: u16, h: u16) -> Option<Tmux> {
        if !have_tmux() {
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

/// The line above the bottom one: the status line (mode, user, position).
pub fn status_line(s: &str) -> String {
    s.lines().rev().nth(1).unwrap_or("").to_string()
}
