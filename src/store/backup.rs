//! `shuniu backup`: a consistent copy of a store that is in use. Writers wait
//! while the copy is taken, so it is one point in time; the copy is a data
//! folder that `shuniu --data COPY` opens directly.

use std::path::Path;

use super::{Result, Store, StoreError};

impl Store {
    /// Copies every record into a new data folder at `dest`, which must not exist.
    /// Returns the number of records copied.
    pub fn backup(&self, dest: &Path) -> Result<usize> {
        if dest.exists() {
            return Err(StoreError::Duplicate(format!(
                "{} already exists; give a new folder for the backup",
                dest.display()
            )));
        }
        let _guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let tmp = dest.with_extension("partial");
        let _ = std::fs::remove_dir_all(&tmp);
        let copy = sled::Config::new()
            .path(&tmp)
            .cache_capacity(16 << 20)
            .open()?;
        let mut n = 0;
        let mut batch = sled::Batch::default();
        for kv in self.db.iter() {
            let (k, v) = kv?;
            batch.insert(k, v);
            n += 1;
            if n % 10_000 == 0 {
                copy.apply_batch(std::mem::take(&mut batch))?;
            }
        }
        copy.apply_batch(batch)?;
        copy.flush()?;
        drop(copy);
        std::fs::rename(&tmp, dest).map_err(|e| StoreError::Sled(e.into()))?;
        Ok(n)
    }
}
