//! A real `shuniu serve` on a temporary socket, for tests. Shared by the
//! `tests/daemon*.rs` files (and usable by the TUI's end-to-end tests with
//! `mod daemon_support;`). Every daemon is stopped when its handle drops.
#![allow(dead_code)]

use std::io::Read;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use shuniu::client::Client;
use shuniu::proto::{self, Answer, Hello, HelloReply};

pub mod office;

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_shuniu")
}

/// Polls `f` until it holds or `secs` pass; true if it held.
pub fn eventually(secs: f64, mut f: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let mut nap = Duration::from_millis(2);
    loop {
        if f() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(50));
    }
}

/// A command for the binary with a clean environment rooted at `home`.
pub fn shuniu(home: &Path) -> Command {
    let mut c = Command::new(bin());
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("share"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_RUNTIME_DIR", home.join("run"))
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null());
    c
}

/// A running daemon.
pub struct Daemon {
    pub home: PathBuf,
    pub data: PathBuf,
    pub socket: PathBuf,
    pub log: PathBuf,
    child: Option<Child>,
}

impl Daemon {
    /// Starts a daemon with its data folder, socket and log under `home`,
    /// short handshake and frame timeouts, and waits until it listens.
    pub fn start(home: &Path) -> Daemon {
        Daemon::start_with(home, &home.join("data"), &home.join("sock"), &[])
    }

    /// Like `start`, with a given data folder, socket and extra arguments.
    pub fn start_with(home: &Path, data: &Path, socket: &Path, extra: &[&str]) -> Daemon {
        let log = home.join("daemon.log");
        let child = Self::command(home, data, socket, &log, extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn shuniu serve");
        let mut d = Daemon {
            home: home.to_path_buf(),
            data: data.to_path_buf(),
            socket: socket.to_path_buf(),
            log,
            child: Some(child),
        };
        let up = eventually(30.0, || {
            if let Ok(Some(st)) = d.child.as_mut().unwrap().try_wait() {
                panic!("the daemon exited at start ({st}):\n{}", d.log_text());
            }
            UnixStream::connect(&d.socket).is_ok()
        });
        assert!(
            up,
            "the daemon did not listen within 30 s:\n{}",
            d.log_text()
        );
        d
    }

    /// The `serve` command line (for tests that expect it to fail).
    pub fn command(home: &Path, data: &Path, socket: &Path, log: &Path, extra: &[&str]) -> Command {
        let mut c = shuniu(home);
        c.arg("serve")
            .arg("--data")
            .arg(data)
            .arg("--socket")
            .arg(socket)
            .arg("--log")
            .arg(log)
            .args(["--handshake-ms", "400", "--patience-ms", "400"])
            .args(extra);
        c
    }

    /// The daemon's process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// A new client.
    pub fn client(&self) -> Client {
        Client::connect(&self.socket).unwrap_or_else(|e| panic!("connect: {e}"))
    }

    /// Everything logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until the log says `needle`.
    pub fn wait_log(&self, needle: &str) -> bool {
        eventually(10.0, || self.log_text().contains(needle))
    }

    fn signal(&self, sig: rustix::process::Signal) {
        if let Some(c) = &self.child {
            let _ = rustix::process::kill_process(rustix::process::Pid::from_child(c), sig);
        }
    }

    /// SIGTERM, without waiting for the daemon to exit.
    pub fn terminate(&self) {
        self.signal(rustix::process::Signal::TERM);
    }

    /// Waits for the daemon to exit (after `terminate`).
    pub fn wait(mut self) -> ExitStatus {
        self.child.take().unwrap().wait().expect("wait")
    }

    /// SIGTERM, and the exit status.
    pub fn stop(mut self) -> ExitStatus {
        self.signal(rustix::process::Signal::TERM);
        self.child.take().unwrap().wait().expect("wait")
    }

    /// SIGKILL, as a crash would.
    pub fn kill(mut self) {
        self.signal(rustix::process::Signal::KILL);
        let _ = self.child.take().unwrap().wait();
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = rustix::process::kill_process(
                rustix::process::Pid::from_child(&c),
                rustix::process::Signal::TERM,
            );
            let gone = eventually(10.0, || matches!(c.try_wait(), Ok(Some(_))));
            if !gone {
                let _ = c.kill();
                let _ = c.wait();
            }
        }
    }
}

/// Connects and shakes hands by hand; returns the stream after the welcome.
pub fn raw_session(socket: &Path) -> UnixStream {
    let mut s = UnixStream::connect(socket).expect("connect");
    proto::write_frame(&mut s, &Hello::ours()).expect("hello");
    let body = proto::read_frame(&mut s).expect("reply");
    let reply: HelloReply = proto::decode(&body).expect("decode");
    assert!(matches!(reply.answer, Answer::Welcome(_)), "{reply:?}");
    s
}

/// True once the daemon has closed `s` (a read gives end-of-file or an error).
pub fn closed_by_daemon(s: &mut UnixStream, secs: f64) -> bool {
    s.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    eventually(secs, || {
        let mut b = [0u8; 64];
        match s.read(&mut b) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
        }
    })
}

/// Real Unix accounts for multi-user tests (root only): a group and users
/// in it, with unique names, removed again when this drops — also when the
/// test fails.
pub struct Accounts {
    pub group: String,
    pub users: Vec<String>,
}

impl Accounts {
    /// Why multi-user tests cannot run here, if they cannot.
    pub fn unavailable() -> Option<String> {
        if !rustix::process::getuid().is_root() {
            return Some("not running as root, so no Unix accounts can be made".into());
        }
        for tool in ["useradd", "groupadd", "userdel", "groupdel", "runuser"] {
            let found = Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false);
            if !found {
                return Some(format!("{tool} is not installed"));
            }
        }
        None
    }

    /// Makes group `{prefix}g{suffix}` and users `{prefix}{name}{suffix}`.
    pub fn create(prefix: &str, names: &[&str]) -> Accounts {
        let suffix: String = (0..6).map(|_| fastrand::lowercase()).collect();
        let mut a = Accounts {
            group: format!("{prefix}g{suffix}"),
            users: vec![],
        };
        let ok = |c: &mut Command| {
            let o = c.output().expect("run");
            assert!(
                o.status.success(),
                "{c:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        };
        ok(Command::new("groupadd").arg(&a.group));
        for n in names {
            let user = format!("{prefix}{n}{suffix}");
            ok(Command::new("useradd")
                .args(["-M", "-N", "-s", "/bin/sh", "-g"])
                .arg(&a.group)
                .arg(&user));
            a.users.push(user);
        }
        a
    }

    /// A command run as `user` with a clean environment (plus `env`).
    pub fn as_user(
        &self,
        user: &str,
        home: &Path,
        program: &Path,
        env: &[(&str, &str)],
    ) -> Command {
        let mut c = Command::new("runuser");
        c.args(["-u", user, "--", "env", "-i"])
            .arg(format!(
                "PATH={}",
                std::env::var("PATH").unwrap_or_default()
            ))
            .arg(format!("HOME={}", home.display()))
            .arg(format!("USER={user}"))
            .arg("RUST_BACKTRACE=0");
        for (k, v) in env {
            c.arg(format!("{k}={v}"));
        }
        c.arg(program).stdin(Stdio::null());
        c
    }
}

/// Kills every process of `user` (a workbench whose terminal went away under
/// `runuser` may outlive its tmux server) and waits until none is left, so
/// `userdel` can remove the account.
fn kill_processes_of(user: &str) {
    let Some(uid) = Command::new("id")
        .args(["-u", user])
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim()
                .parse::<u32>()
                .ok()
        })
    else {
        return;
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let mut left = 0;
        for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
                continue;
            };
            let status = std::fs::read_to_string(e.path().join("status")).unwrap_or_default();
            let owner = status
                .lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|l| l.split_whitespace().next())
                .and_then(|v| v.parse::<u32>().ok());
            if owner == Some(uid) {
                left += 1;
                if let Some(p) = rustix::process::Pid::from_raw(pid) {
                    let _ = rustix::process::kill_process(p, rustix::process::Signal::KILL);
                }
            }
        }
        if left == 0 || std::time::Instant::now() > deadline {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for u in &self.users {
            kill_processes_of(u);
            let _ = Command::new("userdel").arg(u).output();
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

/// A private tmux server for end-to-end tests of the workbench: sessions run
/// a given shell command; screens are read with `capture-pane` and polled
/// until a deadline. The server is killed when this drops, however the test ends.
pub struct TmuxServer {
    pub name: String,
}

impl TmuxServer {
    /// A new server, or why not (tmux missing).
    pub fn start() -> Result<TmuxServer, String> {
        let ok = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            return Err("tmux is not installed".into());
        }
        let suffix: String = (0..8).map(|_| fastrand::lowercase()).collect();
        Ok(TmuxServer {
            name: format!("shuniu-mu-{}-{suffix}", std::process::id()),
        })
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.name, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// A detached session `name` of `w`×`h` running `command` (a shell line).
    pub fn session(&self, name: &str, w: u16, h: u16, command: &str) {
        let o = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
            command,
        ]);
        assert!(
            o.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    /// Sends tmux key names (`Enter`, `Escape`, `j`…) to a session.
    pub fn keys(&self, session: &str, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", session];
        a.extend_from_slice(keys);
        self.tmux(&a);
    }

    /// Types text literally (UTF-8 included).
    pub fn text(&self, session: &str, s: &str) {
        self.tmux(&["send-keys", "-t", session, "-l", s]);
    }

    /// The session's screen as text.
    pub fn screen(&self, session: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", session]).stdout)
            .into_owned()
    }

    /// Polls a session's screen until `f` holds (20 s at most); returns that screen.
    pub fn wait_for(&self, session: &str, what: &str, f: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        if eventually(20.0, || {
            last = self.screen(session);
            f(&last)
        }) {
            return last;
        }
        panic!("timed out waiting for {what} in session {session}; the screen:\n{last}");
    }
}

impl Drop for TmuxServer {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}
