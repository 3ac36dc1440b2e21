//! The daemon's log: one line per event, to a file (or standard error with
//! `--log -`, for journald). Text from clients is escaped before it is written.

use std::fmt::Display;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

/// An append-only log.
pub struct Log {
    out: Mutex<Box<dyn Write + Send>>,
    pid: u32,
}

impl Log {
    /// Opens `path` for appending (creating its folder), or standard error for `-`.
    pub fn open(path: &Path) -> std::io::Result<Log> {
        let out: Box<dyn Write + Send> = if path == Path::new("-") {
            Box::new(std::io::stderr())
        } else {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            Box::new(OpenOptions::new().create(true).append(true).open(path)?)
        };
        Ok(Log {
            out: Mutex::new(out),
            pid: std::process::id(),
        })
    }

    /// A log that keeps nothing (tests of the server in-process).
    pub fn sink() -> Log {
        Log {
            out: Mutex::new(Box::new(std::io::sink())),
            pid: std::process::id(),
        }
    }

    /// Writes one line, stamped with the time and this process's id.
    pub fn line(&self, msg: impl Display) {
        let text = crate::model::sanitize::escape(&msg.to_string());
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S%.3f");
        let mut out = self.out.lock().unwrap_or_else(|p| p.into_inner());
        let _ = writeln!(out, "{now} shuniu[{}] {text}", self.pid);
        let _ = out.flush();
    }
}
