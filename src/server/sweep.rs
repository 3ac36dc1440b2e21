//! The daemon's own 督查 reminder sweep: once at start and then every
//! `every`, as the daemon's account (the store's first administrator), so
//! 臨近提醒 and 催辦 go out without anyone running `shuniu supervise urge`.
//! What it sent or could not send is logged.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use crate::core::{Core, Engine};
use crate::model::supervision::Thresholds;

use super::Log;

/// How the daemon sweeps.
#[derive(Debug, Clone, Copy)]
pub struct Sweep {
    /// Time between two sweeps.
    pub every: Duration,
    /// The office's thresholds (`[supervision]`).
    pub thresholds: Thresholds,
}

/// Runs sweeps until `stop` is dropped or sent to.
pub fn run(
    engine: Arc<Engine>,
    uid: u32,
    login: String,
    s: Sweep,
    log: Arc<Log>,
    stop: Receiver<()>,
) {
    loop {
        match Core::for_uid(engine.clone(), uid, &login) {
            Ok(core) => once(&core, &engine, &s, &log),
            Err(e) => log.line(format_args!("sweep: cannot act as {login}: {e}")),
        }
        match stop.recv_timeout(s.every) {
            Err(RecvTimeoutError::Timeout) => continue,
            _ => return,
        }
    }
}

fn once(core: &Core, engine: &Engine, s: &Sweep, log: &Log) {
    let done = match crate::core::sweep::remind(core, engine.calendar(), &s.thresholds, false) {
        Ok(d) => d,
        Err(e) => {
            log.line(format_args!("sweep: {e}"));
            return;
        }
    };
    if done.is_empty() {
        return;
    }
    let mut sent = 0;
    for r in &done {
        match &r.sent {
            Some(Ok(_)) => sent += 1,
            Some(Err(e)) => log.line(format_args!("sweep: {} {}: {e}", r.item.code, r.due.reason)),
            None => {}
        }
    }
    log.line(format_args!("sweep: {} due, {sent} sent", done.len()));
}
