//! An office of real clerks (root only): Unix accounts in one group, each
//! with a home folder, and a shared daemon on a group socket, with ways to
//! run the CLI as any of them or as the daemon's own account. What
//! `daemon_users.rs` and `daemon_queue.rs` set up alike.

use std::io::{BufRead, BufReader, Lines};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Output, Stdio};

use super::{bin, shuniu, Accounts, Daemon};

/// The shared daemon and its clerks. Dropped in field order: the daemon
/// stops first, then the accounts go, then the folder.
pub struct Office {
    pub daemon: Daemon,
    pub accounts: Accounts,
    /// The binary the accounts run (a copy where the build folder is closed to them).
    pub program: PathBuf,
    pub dir: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Office {
    /// A shared daemon with accounts `{prefix}{name}…` for `names`, each with
    /// a home folder; `Err` (and why) where accounts cannot be made.
    pub fn open(prefix: &str, names: &[&str]) -> Result<Office, String> {
        if let Some(why) = Accounts::unavailable() {
            return Err(why);
        }
        let accounts = Accounts::create(prefix, names);
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        for u in &accounts.users {
            let home = dir.join(format!("home-{u}"));
            std::fs::create_dir(&home).unwrap();
            let uid = shuniu::config::uid_of(u).unwrap();
            rustix::fs::chown(&home, Some(rustix::fs::Uid::from_raw(uid)), None).unwrap();
        }
        let daemon = Daemon::start_with(
            &dir,
            &dir.join("data"),
            &dir.join("run/sock"),
            &["--group", &accounts.group],
        );
        let program = program_for(&accounts.users[0], &accounts, &dir);
        Ok(Office {
            daemon,
            accounts,
            program,
            dir,
            _tmp: tmp,
        })
    }

    /// The login of the `i`-th account (in the order of `names`).
    pub fn user(&self, i: usize) -> String {
        self.accounts.users[i].clone()
    }

    /// An account's home folder.
    pub fn home(&self, user: &str) -> PathBuf {
        self.dir.join(format!("home-{user}"))
    }

    /// The CLI as `user` against the shared daemon, arguments still to add.
    pub fn as_user(&self, user: &str) -> Command {
        self.accounts.as_user(
            user,
            &self.home(user),
            &self.program,
            &[("SHUNIU_SOCKET", self.daemon.socket.to_str().unwrap())],
        )
    }

    /// Runs the CLI as `user`.
    pub fn run_as(&self, user: &str, args: &[&str]) -> Output {
        self.as_user(user).args(args).output().unwrap()
    }

    /// Runs the CLI as `user` and insists on success; returns stdout.
    pub fn ok_as(&self, user: &str, args: &[&str]) -> String {
        let o = self.run_as(user, args);
        assert!(
            o.status.success(),
            "{user}: shuniu {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// `shuniu watch --count N --timeout SECS` as `user`, once it says it
    /// is watching: the process and the lines still to come.
    pub fn watch_as(
        &self,
        user: &str,
        count: u32,
        timeout: u32,
    ) -> (Child, Lines<BufReader<ChildStdout>>) {
        let mut watch = self
            .as_user(user)
            .args(["watch", "--count", &count.to_string()])
            .args(["--timeout", &timeout.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(watch.stdout.take().unwrap()).lines();
        assert_eq!(lines.next().unwrap().unwrap(), "# watching");
        (watch, lines)
    }

    /// The shell line that runs the workbench as `user` against the shared
    /// daemon (for a tmux session).
    pub fn workbench_as(&self, user: &str) -> String {
        let home = self.home(user);
        let env = [
            format!("PATH={}", std::env::var("PATH").unwrap_or_default()),
            format!("HOME={}", home.display()),
            format!("USER={user}"),
            "TERM=tmux-256color".into(),
            "LANG=C.UTF-8".into(),
            format!("XDG_CONFIG_HOME={}", home.join("config").display()),
            format!("XDG_STATE_HOME={}", home.join("state").display()),
            format!("SHUNIU_SOCKET={}", self.daemon.socket.display()),
        ];
        format!(
            "runuser -u {user} -- env -i {} {}",
            env.map(|e| format!("'{e}'")).join(" "),
            self.program.display()
        )
    }

    /// Runs the CLI as the daemon's own account (the first administrator)
    /// and insists on success; returns stdout.
    pub fn admin(&self, args: &[&str]) -> String {
        let o = shuniu(&self.dir)
            .env("SHUNIU_SOCKET", &self.daemon.socket)
            .args(args)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "admin: shuniu {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }
}

/// A copy of the binary any account may run, if the build folder is not open to them.
fn program_for(user: &str, accounts: &Accounts, dir: &Path) -> PathBuf {
    let built = PathBuf::from(bin());
    let can_run = accounts
        .as_user(user, dir, Path::new("/bin/sh"), &[])
        .args(["-c", &format!("test -x '{}'", built.display())])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if can_run {
        return built;
    }
    let copy = dir.join("shuniu");
    std::fs::copy(&built, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
    copy
}
