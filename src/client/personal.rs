//! Personal mode, like tmux: connect to this user's daemon for a data
//! folder, starting it in the background when there is none.
//!
//! Two clerks' shells starting at once must not start two daemons or take
//! each other's socket: the starter takes `start.lock` beside the socket,
//! tries to connect once more, and only then starts `shuniu serve`, which
//! itself replaces a socket file only once it holds the socket's lock.

use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Client, ConnectError};
use crate::server::lock;

/// Where a personal daemon is and how to start one.
#[derive(Debug, Clone)]
pub struct Personal {
    /// The data folder it owns.
    pub data: PathBuf,
    /// Its socket (see `config::personal_socket`).
    pub socket: PathBuf,
    /// A config file to hand on (`--config`).
    pub config: Option<PathBuf>,
    /// Seconds it stays after the last client leaves.
    pub idle_exit: u64,
    /// Its log (the daemon's standard error goes there too).
    pub log: PathBuf,
}

/// Makes `dir` if it is missing and insists that it is a real folder,
/// owned by this user, that nobody else may enter.
pub fn private_folder(dir: &Path) -> Result<(), ConnectError> {
    use std::os::unix::fs::DirBuilderExt;
    if !dir.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| ConnectError::Other(format!("creating {}: {e}", dir.display())))?;
    }
    let m = std::fs::symlink_metadata(dir)
        .map_err(|e| ConnectError::Other(format!("{}: {e}", dir.display())))?;
    let me = rustix::process::getuid().as_raw();
    let refuse = |why: String| {
        ConnectError::Other(format!(
            "refusing the socket folder {}: {why}; someone could listen in on your connection. Remove it, or set XDG_RUNTIME_DIR to a private folder",
            dir.display()
        ))
    };
    if !m.is_dir() {
        return Err(refuse("it is not a folder".into()));
    }
    if m.uid() != me {
        return Err(refuse(format!("it belongs to uid {}, not to you", m.uid())));
    }
    if m.mode() & 0o077 != 0 {
        return Err(refuse(format!(
            "others may use it (mode {:o}, it must be 700)",
            m.mode() & 0o777
        )));
    }
    Ok(())
}

/// The program to start as the daemon: this one, unless `SHUNIU_EXE` says
/// otherwise. A program not called shuniu (a test harness) is not started.
fn daemon_exe() -> Result<PathBuf, ConnectError> {
    if let Some(p) = std::env::var_os("SHUNIU_EXE").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe()
        .map_err(|e| ConnectError::Other(format!("finding this program: {e}")))?;
    let name = exe.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("shuniu") {
        Ok(exe)
    } else {
        Err(ConnectError::Other(format!(
            "{name} cannot start a shuniu daemon; set SHUNIU_EXE to the shuniu program (or SHUNIU_NO_DAEMON=1)"
        )))
    }
}

/// Connects to the personal daemon of `p.data`, starting it if need be.
pub fn connect_or_start(p: &Personal) -> Result<Client, ConnectError> {
    let dir = p.socket.parent().unwrap_or(Path::new("/"));
    private_folder(dir)?;
    let mut last = None;
    // A daemon that is just exiting (idle) may drop a fresh connection: try again.
    for _ in 0..3 {
        match Client::connect(&p.socket) {
            Ok(c) => return same_data(c, p),
            Err(ConnectError::NoDaemon(_) | ConnectError::Handshake { .. }) => {}
            Err(e) => return Err(e),
        }
        let _guard = lock::lock(&dir.join("start.lock"))
            .map_err(|e| ConnectError::Other(format!("locking {}: {e}", dir.display())))?;
        match Client::connect(&p.socket) {
            Ok(c) => return same_data(c, p),
            Err(ConnectError::NoDaemon(_)) => {}
            Err(e @ ConnectError::Handshake { .. }) => {
                last = Some(e);
                continue;
            }
            Err(e) => return Err(e),
        }
        match start(p) {
            Ok(c) => return same_data(c, p),
            Err(e @ ConnectError::Handshake { .. }) => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| ConnectError::NoDaemon(p.socket.clone())))
}

fn same_data(c: Client, p: &Personal) -> Result<Client, ConnectError> {
    let want = crate::config::absolute(&p.data);
    if Path::new(&c.welcome().data) == want {
        Ok(c)
    } else {
        Err(ConnectError::Other(format!(
            "the daemon on {} serves {}, not {}; stop it (shuniu stop) or use another socket",
            p.socket.display(),
            c.welcome().data,
            want.display()
        )))
    }
}

/// Starts `shuniu serve` in its own session and waits until it answers.
fn start(p: &Personal) -> Result<Client, ConnectError> {
    let exe = daemon_exe()?;
    let other = |e: String| ConnectError::Other(e);
    if let Some(d) = p.log.parent() {
        std::fs::create_dir_all(d).map_err(|e| other(format!("creating {}: {e}", d.display())))?;
    }
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&p.log)
        .map_err(|e| other(format!("opening {}: {e}", p.log.display())))?;
    let from = log.metadata().map(|m| m.len()).unwrap_or(0);
    let mut cmd = Command::new(&exe);
    cmd.arg("serve")
        .arg("--data")
        .arg(&p.data)
        .arg("--socket")
        .arg(&p.socket)
        .arg("--idle-exit")
        .arg(p.idle_exit.to_string())
        .arg("--log")
        .arg(&p.log);
    if let Some(c) = &p.config {
        cmd.arg("--config").arg(c);
    }
    cmd.env_remove("SHUNIU_SOCKET")
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| other(e.to_string()))?)
        .stderr(log);
    // SAFETY: setsid is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            rustix::process::setsid()?;
            Ok(())
        });
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| other(format!("starting {} serve: {e}", exe.display())))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut nap = Duration::from_millis(5);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(other(format!(
                "the shuniu daemon did not start ({status}): {}",
                tail(&p.log, from)
            )));
        }
        match Client::connect(&p.socket) {
            Ok(c) => return Ok(c),
            Err(ConnectError::NoDaemon(_)) if Instant::now() < deadline => {}
            Err(ConnectError::NoDaemon(_)) => {
                return Err(other(format!(
                    "the shuniu daemon did not answer on {} within 30 s; see {}",
                    p.socket.display(),
                    p.log.display()
                )))
            }
            Err(e) => return Err(e),
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(50));
    }
}

/// What was logged from `from` on, last lines first trimmed to a few.
fn tail(log: &Path, from: u64) -> String {
    let mut s = String::new();
    if let Ok(mut f) = std::fs::File::open(log) {
        let _ = f.seek(SeekFrom::Start(from));
        let _ = f.take(64 << 10).read_to_string(&mut s);
    }
    let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
    let keep = &lines[lines.len().saturating_sub(3)..];
    if keep.is_empty() {
        format!("nothing in {}", log.display())
    } else {
        keep.join(" / ")
    }
}

/// Stops the daemon listening on `socket` (SIGTERM to the peer's pid) and
/// waits until it is gone. `Ok(None)` when nothing listens there.
pub fn stop(socket: &Path) -> Result<Option<u32>, ConnectError> {
    let s = match std::os::unix::net::UnixStream::connect(socket) {
        Ok(s) => s,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Ok(None)
        }
        Err(e) => return Err(ConnectError::Other(format!("{}: {e}", socket.display()))),
    };
    let cred = rustix::net::sockopt::socket_peercred(&s)
        .map_err(|e| ConnectError::Other(format!("who listens on {}: {e}", socket.display())))?;
    drop(s);
    rustix::process::kill_process(cred.pid, rustix::process::Signal::TERM).map_err(|e| {
        ConnectError::Other(format!(
            "cannot stop the daemon (pid {}): {e}",
            cred.pid.as_raw_nonzero()
        ))
    })?;
    // Gone once the socket's lock is free (the kernel frees it at exit, even
    // while the process waits to be reaped) or the process no longer exists.
    let sock_lock = crate::server::socket_lock_path(socket);
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if matches!(lock::try_lock(&sock_lock), Ok(Some(_)))
            || rustix::process::test_kill_process(cred.pid).is_err()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(Some(cred.pid.as_raw_nonzero().get() as u32))
}
