//! What `tests/cli*.rs` share: the real `shuniu` binary run as a clerk
//! would, in a temporary HOME with its own personal daemon.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary HOME and data folder; its personal daemon is stopped on drop.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_shuniu"));
        let home = self.dir.path();
        c.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("USER", "tester")
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("share"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_RUNTIME_DIR", home.join("run"))
            // Each test gets its own personal daemon, gone soon after (and stopped in Drop).
            .env("SHUNIU_IDLE_EXIT", "5")
            .env("SHUNIU_DATA", self.data())
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null());
        let admin = self.dir.path().join("admin.toml");
        if admin.exists() {
            c.env("SHUNIU_CONFIG", admin);
        }
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// Runs and insists on success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "shuniu {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// Runs, insists on failure, returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(!o.status.success(), "shuniu {args:?} succeeded");
        String::from_utf8(o.stderr).unwrap()
    }

    /// The clerk's own config file (`$XDG_CONFIG_HOME/shuniu/config.toml`).
    pub fn config(&self, text: &str) {
        let dir = self.dir.path().join("config/shuniu");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), text).unwrap();
    }

    /// A config file the administrator names (`SHUNIU_CONFIG`, as `--config`):
    /// where the rooms may come from, the system file aside.
    pub fn admin_config(&self, text: &str) {
        std::fs::write(self.dir.path().join("admin.toml"), text).unwrap();
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for Env {
    /// Stops the test's personal daemons (the data folder's and a backup's)
    /// before the folder goes away.
    fn drop(&mut self) {
        let _ = self.cmd(&["stop"]).output();
        let backup = self.dir.path().join("backup");
        if backup.exists() {
            let _ = self.cmd(&["--data", s(&backup), "stop"]).output();
        }
    }
}

/// A path as the `&str` an argument list wants.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
