//! Personal mode through the real binary, as a clerk's shell runs it: the
//! daemon is started on demand (once, however many start together), exits
//! when idle, refuses a socket folder others could enter; shared mode never
//! starts one; the CLI works the same against a shared daemon.

mod daemon_support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use daemon_support::{eventually, shuniu, Daemon};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut c = shuniu(self.path());
        c.env("SHUNIU_IDLE_EXIT", "5").args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args, &[]);
        assert!(
            o.status.success(),
            "shuniu {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    fn runtime(&self) -> PathBuf {
        self.path().join("run/shuniu")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.path().join("state/shuniu/daemon.log")).unwrap_or_default()
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = self.run(&["stop"], &[]);
    }
}

#[test]
fn the_first_command_starts_one_daemon_however_many_race() {
    let h = Home::new();
    let children: Vec<_> = (0..6)
        .map(|i| {
            let mut c = shuniu(h.path());
            c.env("SHUNIU_IDLE_EXIT", "5")
                .args(["add", "收件", &format!("同時{i}")])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(h.ok(&["ls"]).lines().count(), 7, "header + 6");
    assert_eq!(h.log().matches(" serving ").count(), 1, "{}", h.log());
    let sock = h.runtime().join("sock");
    let mode = std::fs::metadata(&sock).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let dir_mode = std::fs::metadata(h.runtime()).unwrap().permissions().mode();
    assert_eq!(dir_mode & 0o777, 0o700, "{dir_mode:o}");
    let out = h.ok(&["stop"]);
    assert!(out.contains("stopped the shuniu daemon"), "{out}");
    assert!(!sock.exists());
    assert!(h.ok(&["stop"]).contains("no shuniu daemon"));
}

#[test]
fn the_personal_daemon_leaves_when_idle_and_comes_back() {
    let h = Home::new();
    let o = h.run(&["add", "收件", "甲"], &[("SHUNIU_IDLE_EXIT", "1")]);
    assert!(o.status.success());
    assert!(
        eventually(15.0, || h.log().contains("stopped")),
        "{}",
        h.log()
    );
    assert!(h.log().contains("no client for 1 s"), "{}", h.log());
    assert!(!h.runtime().join("sock").exists());
    // The next command starts it again, on the same data.
    assert!(h.ok(&["ls"]).contains("甲"));
    assert_eq!(h.log().matches(" serving ").count(), 2);
}

#[test]
fn a_socket_folder_others_can_enter_is_refused() {
    let h = Home::new();
    std::fs::create_dir_all(h.runtime()).unwrap();
    std::fs::set_permissions(h.runtime(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = h.run(&["ls"], &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("refusing the socket folder") && err.contains("755"),
        "{err}"
    );
    assert!(!h.runtime().join("sock").exists(), "no daemon was started");
}

#[test]
fn a_shared_socket_is_never_started_and_says_so() {
    let h = Home::new();
    let nowhere = h.path().join("nobody.sock");
    let o = h.run(&["ls"], &[("SHUNIU_SOCKET", nowhere.to_str().unwrap())]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no shuniu daemon is listening on"), "{err}");
    assert!(!nowhere.exists());
    assert!(h.log().is_empty(), "nothing was started: {}", h.log());

    // The same through the config file's `socket` key.
    let cfg = h.path().join("c.toml");
    std::fs::write(&cfg, format!("socket = \"{}\"\n", nowhere.display())).unwrap();
    let o = h.run(&["--config", cfg.to_str().unwrap(), "ls"], &[]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no shuniu daemon is listening"));
}

#[test]
fn the_cli_works_the_same_against_a_shared_daemon() {
    let h = Home::new();
    let d = Daemon::start_with(
        h.path(),
        &h.path().join("srv"),
        &h.path().join("shared.sock"),
        &[],
    );
    let env = [("SHUNIU_SOCKET", d.socket.to_str().unwrap())];
    let ok = |args: &[&str]| {
        let o = h.run(args, &env);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    };
    ok(&["add", "收件", "普通來件"]);
    ok(&["add", "收件", "機密來件", "--set", "classification=機密"]);
    assert!(ok(&[
        "user",
        "add",
        "clerk9",
        "--uid",
        "4343",
        "--clearance",
        "內部"
    ])
    .contains("added clerk9"));
    assert!(ok(&["user", "list"]).contains("clerk9"));
    ok(&["show", "2"]);
    let audit = ok(&["audit", "--item", "2"]);
    assert!(audit.contains("read") && audit.contains("機密"), "{audit}");
    let backup = h.path().join("bk");
    assert!(ok(&["backup", backup.to_str().unwrap()]).contains("backed up"));
    assert!(ok(&["check"]).contains("0 problems"));
    assert!(!h.runtime().exists(), "no personal daemon was involved");

    // In this process, the folder the daemon owns is refused, naming the daemon.
    let o = h.run(
        &["--no-daemon", "--data", d.data.to_str().unwrap(), "ls"],
        &[],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("pid {}", d.pid())), "{err}");
    // But the backup opens in this process, and is whole.
    let o = h.run(
        &["--no-daemon", "--data", backup.to_str().unwrap(), "check"],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
