//! Finding the store and the user: config layers, the data folder, the
//! calendar, and the `Service` the rest of the CLI (and the TUI) talks to.
//!
//! Which `Service`, in order:
//! 1. `--no-daemon` / `SHUNIU_NO_DAEMON=1`: the data folder opened in this
//!    process (single-user debugging).
//! 2. `--socket` / `SHUNIU_SOCKET`: a shared daemon; connect, never start one.
//! 3. `--data` / `SHUNIU_DATA`: this user's personal daemon for that folder,
//!    started in the background if it is not running.
//! 4. `socket = "…"` in a config file: as 2.
//! 5. Otherwise the personal daemon of `data = "…"` or the XDG data folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use color_eyre::eyre::{eyre, Result, WrapErr};

use crate::client::{self, Client, Personal};
use crate::config;
use crate::core::{Clock, Core, Engine, Service};
use crate::model::WorkCalendar;
use crate::store::DEFAULT_CACHE_BYTES;

use super::args::{Global, ServeArgs};

/// sled's page cache as the config sets it (`cache_mb`), for the daemon,
/// `--no-daemon` and the benchmarks alike.
pub fn cache_bytes(cfg: &config::Config) -> u64 {
    cfg.cache_mb.map(|m| m << 20).unwrap_or(DEFAULT_CACHE_BYTES)
}

/// A personal daemon stays this long after its last client, unless
/// `SHUNIU_IDLE_EXIT` says otherwise.
pub const DEFAULT_IDLE_EXIT: u64 = 60;

/// An opened service and what the clerk should be told about the set-up.
pub struct Opened {
    /// The service to talk to.
    pub svc: Box<dyn Service>,
    /// The working-day calendar (for dates typed on this side).
    pub calendar: WorkCalendar,
    /// Config or calendar files that were skipped, and why.
    pub warnings: Vec<String>,
}

/// The data folder: flag or `SHUNIU_DATA`, else the config files, else XDG.
pub fn data_dir(g: &Global, cfg: &config::Config) -> PathBuf {
    g.data
        .clone()
        .or_else(|| cfg.data.clone())
        .unwrap_or_else(config::default_data_dir)
}

/// Where the service lives for this command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// In this process.
    InProcess(PathBuf),
    /// A shared daemon: connect only.
    Shared(PathBuf),
    /// This user's daemon for a data folder, started on demand.
    Personal {
        /// The data folder.
        data: PathBuf,
        /// Its socket.
        socket: PathBuf,
    },
}

/// Decides where the service is (see the module doc for the order).
pub fn target(g: &Global, cfg: &config::Config) -> Target {
    if g.no_daemon {
        return Target::InProcess(data_dir(g, cfg));
    }
    if let Some(s) = &g.socket {
        return Target::Shared(s.clone());
    }
    if g.data.is_none() {
        if let Some(s) = &cfg.socket {
            return Target::Shared(s.clone());
        }
    }
    let data = data_dir(g, cfg);
    Target::Personal {
        socket: config::personal_socket(&data),
        data,
    }
}

/// This process's Unix uid and login.
pub fn me() -> (u32, String) {
    let uid = rustix::process::getuid().as_raw();
    let login = login_of(uid)
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| format!("uid{uid}"));
    (uid, login)
}

/// The login of a uid, from /etc/passwd.
pub fn login_of(uid: u32) -> Option<String> {
    config::login_of(uid)
}

/// The uid of a login, from /etc/passwd.
pub fn uid_of(login: &str) -> Option<u32> {
    config::uid_of(login)
}

/// The personal daemon's log file.
pub fn daemon_log() -> PathBuf {
    config::state_dir().join("daemon.log")
}

/// Opens the service for the current Unix user: through the daemon, or in
/// this process with `--no-daemon`.
pub fn open(g: &Global) -> Result<Opened> {
    let (cfg, errors) = config::load(g.config.as_deref());
    let mut warnings: Vec<String> = errors
        .into_iter()
        .map(|e| format!("{e} (that file is ignored; using defaults)"))
        .collect();
    let (calendar, cal_warnings) = config::load_calendar(cfg.holidays.as_deref());
    warnings.extend(cal_warnings);
    let svc: Box<dyn Service> = match target(g, &cfg) {
        Target::InProcess(data) => {
            let engine =
                Engine::open(&data, cache_bytes(&cfg), calendar.clone(), Clock::System).map_err(|e| {
                    match crate::server::data_owner(&data) {
                        Some(owner) if e.to_string().contains("in use") => eyre!(
                            "the data folder {} is served by {owner}; drop --no-daemon to use it",
                            data.display()
                        ),
                        _ => eyre!("opening the data folder {}: {e}", data.display()),
                    }
                })?;
            let (uid, login) = me();
            Box::new(Core::for_uid(engine, uid, &login)?)
        }
        Target::Shared(socket) => Box::new(
            Client::connect(&socket)
                .map_err(|e| match e {
                    client::ConnectError::NoDaemon(s) => eyre!(
                        "no shuniu daemon is listening on {} (from --socket, SHUNIU_SOCKET or the config's `socket`); is the shuniu service running? (systemctl status shuniu)",
                        s.display()
                    ),
                    e => eyre!(e),
                })?,
        ),
        Target::Personal { data, socket } => {
            let p = Personal {
                data,
                socket,
                config: g.config.clone(),
                idle_exit: idle_exit_from_env(),
                log: daemon_log(),
            };
            Box::new(client::connect_or_start(&p).map_err(|e| eyre!(e))?)
        }
    };
    Ok(Opened {
        svc,
        calendar,
        warnings,
    })
}

fn idle_exit_from_env() -> u64 {
    std::env::var("SHUNIU_IDLE_EXIT")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_IDLE_EXIT)
}

/// `shuniu serve`: runs the daemon in this process until it is stopped.
pub fn serve(g: &Global, a: &ServeArgs) -> Result<()> {
    let (cfg, errors) = config::load(g.config.as_deref());
    let (calendar, cal_warnings) = config::load_calendar(cfg.holidays.as_deref());
    let data = data_dir(g, &cfg);
    let shared = g
        .socket
        .clone()
        .or_else(|| cfg.socket.clone().filter(|_| g.data.is_none()));
    let personal = shared.is_none();
    let socket = shared.unwrap_or_else(|| config::personal_socket(&data));
    let log_path = a.log.clone().unwrap_or_else(daemon_log);
    let log = std::sync::Arc::new(
        crate::server::Log::open(&log_path)
            .wrap_err_with(|| format!("opening the log {}", log_path.display()))?,
    );
    for e in errors {
        log.line(format_args!("config: {e} (that file is ignored)"));
    }
    for w in cal_warnings {
        log.line(format_args!("calendar: {w}"));
    }
    if personal {
        // A personal socket's folder must be private, as the client insists too.
        if let Some(dir) = socket.parent() {
            client::private_folder(dir).map_err(|e| eyre!(e))?;
        }
    }
    let opts = crate::server::ServeOptions {
        data,
        socket,
        group: a.group.clone(),
        idle_exit: a.idle_exit.filter(|s| *s > 0).map(Duration::from_secs),
        cache_bytes: cache_bytes(&cfg),
        calendar,
        handshake: Duration::from_millis(a.handshake_ms),
        patience: Duration::from_millis(a.patience_ms),
        // The office's daemon sweeps; one started on demand (it exits when
        // idle; also the one `--data BACKUP check` starts) writes nothing by
        // itself.
        sweep: match a.sweep_seconds {
            Some(0) => None,
            Some(n) => Some(Duration::from_secs(n)),
            None if a.idle_exit.is_some_and(|s| s > 0) => None,
            None => cfg.sweep_every(),
        }
        .map(|every| crate::server::Sweep {
            every,
            thresholds: cfg.thresholds(),
        }),
    };
    crate::server::serve(opts, log).map_err(|e| eyre!(e))
}

/// `shuniu stop`: the daemon this command line would talk to.
pub fn stop(g: &Global, out: &mut dyn std::io::Write) -> Result<()> {
    let (cfg, _) = config::load(g.config.as_deref());
    let socket = match target(g, &cfg) {
        Target::InProcess(_) => return Err(eyre!("--no-daemon: there is no daemon to stop")),
        Target::Shared(s) => s,
        Target::Personal { socket, .. } => socket,
    };
    match client::stop(&socket).map_err(|e| eyre!(e))? {
        Some(pid) => writeln!(
            out,
            "stopped the shuniu daemon (pid {pid}) on {}",
            show(&socket)
        )?,
        None => writeln!(out, "no shuniu daemon is listening on {}", show(&socket))?,
    }
    Ok(())
}

fn show(p: &Path) -> String {
    crate::model::sanitize::escape(&p.display().to_string())
}
