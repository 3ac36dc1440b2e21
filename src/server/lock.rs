//! Advisory locks (`flock`) that say who owns what: one on the data folder
//! (one daemon per folder) and one beside the socket (one daemon per socket;
//! while it is held the socket is live, once it is free a socket file left
//! there is stale). Each lock file holds the owner's pid and socket, so a
//! refusal can name the running daemon. The kernel drops a lock when its
//! process dies, so a crash never leaves a lock behind.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::fs::{flock, FlockOperation};

/// A lock this process holds, released when dropped.
pub struct Held {
    file: File,
    path: PathBuf,
}

impl Held {
    /// Records who holds the lock.
    pub fn describe(&mut self, text: &str) -> std::io::Result<()> {
        self.file.set_len(0)?;
        self.file.rewind()?;
        self.file.write_all(text.as_bytes())?;
        self.file.flush()
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o644)
        .open(path)
}

/// Takes the lock if it is free; `None` if another process holds it.
pub fn try_lock(path: &Path) -> std::io::Result<Option<Held>> {
    let file = open(path)?;
    match flock(&file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(Some(Held {
            file,
            path: path.to_path_buf(),
        })),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Waits for the lock (blocking); for short critical sections such as
/// starting a personal daemon.
pub fn lock(path: &Path) -> std::io::Result<Held> {
    let file = open(path)?;
    loop {
        match flock(&file, FlockOperation::LockExclusive) {
            Ok(()) => {
                return Ok(Held {
                    file,
                    path: path.to_path_buf(),
                })
            }
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
    }
}

/// Takes the lock, waiting up to `patience` while `give_up()` says the
/// holder is on its way out (e.g. its socket no longer answers).
pub fn lock_patiently(
    path: &Path,
    patience: Duration,
    mut give_up: impl FnMut() -> bool,
) -> std::io::Result<Option<Held>> {
    let deadline = Instant::now() + patience;
    loop {
        if let Some(h) = try_lock(path)? {
            return Ok(Some(h));
        }
        if give_up() || Instant::now() >= deadline {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// What the holder of a lock wrote about itself (empty if nothing).
pub fn holder(path: &Path) -> String {
    let mut s = String::new();
    if let Ok(mut f) = File::open(path) {
        let _ = f.read_to_string(&mut s);
    }
    s.trim().to_string()
}

/// The value of `key=` in a holder description.
pub fn field<'a>(desc: &'a str, key: &str) -> Option<&'a str> {
    desc.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
}
