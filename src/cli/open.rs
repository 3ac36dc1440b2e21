//! Finding the store and the user: config layers, the data folder, the
//! calendar, and the `Service` the rest of the CLI talks to.

use std::path::PathBuf;

use color_eyre::eyre::{Result, WrapErr};

use crate::config;
use crate::core::{Clock, Core, Engine, Service};
use crate::model::WorkCalendar;
use crate::store::DEFAULT_CACHE_BYTES;

use super::args::Global;

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

/// This process's Unix uid and login.
pub fn me() -> (u32, String) {
    let uid = rustix::process::getuid().as_raw();
    let login = login_of(uid)
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| format!("uid{uid}"));
    (uid, login)
}

fn passwd() -> Vec<(String, u32)> {
    std::fs::read_to_string("/etc/passwd")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?;
            let uid = f.nth(1)?.parse().ok()?;
            Some((name.to_string(), uid))
        })
        .collect()
}

/// The login of a uid, from /etc/passwd.
pub fn login_of(uid: u32) -> Option<String> {
    passwd()
        .into_iter()
        .find(|(_, u)| *u == uid)
        .map(|(n, _)| n)
}

/// The uid of a login, from /etc/passwd.
pub fn uid_of(login: &str) -> Option<u32> {
    passwd()
        .into_iter()
        .find(|(n, _)| n == login)
        .map(|(_, u)| u)
}

/// Opens the store in this process for the current Unix user.
pub fn open(g: &Global) -> Result<Opened> {
    let (cfg, errors) = config::load(g.config.as_deref());
    let mut warnings: Vec<String> = errors
        .into_iter()
        .map(|e| format!("{e} (that file is ignored; using defaults)"))
        .collect();
    let (calendar, cal_warnings) = config::load_calendar(cfg.holidays.as_deref());
    warnings.extend(cal_warnings);
    let data = data_dir(g, &cfg);
    let cache = cfg.cache_mb.map(|m| m << 20).unwrap_or(DEFAULT_CACHE_BYTES);
    let engine = Engine::open(&data, cache, calendar.clone(), Clock::System)
        .wrap_err_with(|| format!("opening the data folder {}", data.display()))?;
    let (uid, login) = me();
    let core = Core::for_uid(engine, uid, &login)?;
    Ok(Opened {
        svc: Box::new(core),
        calendar,
        warnings,
    })
}
