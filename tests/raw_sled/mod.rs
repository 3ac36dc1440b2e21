//! Opening a data folder with sled directly, as a test that damages or
//! inspects raw records must. sled releases its file lock from a background
//! thread a moment after the last handle is dropped, so an open straight
//! after a close is retried until a deadline instead of failing at once.

use std::path::Path;
use std::time::{Duration, Instant};

/// The folder's sled database, waiting (up to 10 s) for a just-closed owner's lock.
pub fn open(path: &Path) -> sled::Db {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if Instant::now() < deadline && e.to_string().contains("lock") => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Err(e) => panic!("raw open of {}: {e}", path.display()),
        }
    }
}
