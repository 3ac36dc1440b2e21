//! The per-user 已辦 index (`D` keys), which every history entry has been
//! written with since it was introduced. A folder written before that holds
//! history no one's 已辦 lists: on opening a folder whose index was never
//! built (no `m/done_index` marker), the index is rebuilt from the history
//! once, in batches. It only adds keys (the same ones a write adds), so a
//! rebuild cut short by a crash is simply done again at the next open, and
//! the marker is set only after the last batch is on disk.

use super::codec::{self, RecordType};
use super::keys;
use super::{Result, Store};
use crate::model::HistoryEntry;

/// History entries read per batch of the rebuild.
pub const BACKFILL_BATCH: usize = 4096;

/// The key of the marker that the 已辦 index holds every history entry.
pub fn marker() -> Vec<u8> {
    keys::text(keys::META, "done_index")
}

/// The 已辦 key of a history entry, when it has a writer.
pub fn key_of(h: &HistoryEntry) -> Option<Vec<u8>> {
    (!h.by.is_empty()).then(|| keys::done(&h.by, h.at, h.item, h.version))
}

impl Store {
    /// Whether the 已辦 index is known to hold every history entry.
    pub fn done_index_built(&self) -> Result<bool> {
        Ok(self.db.get(marker())?.is_some())
    }

    /// Rebuilds the 已辦 index from the history unless the marker says it
    /// was built, `batch` history entries at a time; returns how many index
    /// keys were added. Holds the writer lock, so no write interleaves.
    pub fn build_done_index(&self, batch: usize) -> Result<usize> {
        let _guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if self.done_index_built()? {
            return Ok(0);
        }
        let batch = batch.max(1);
        let mut added = 0;
        let mut after: Option<Vec<u8>> = None;
        loop {
            let start = after.clone().unwrap_or_else(|| vec![keys::HISTORY]);
            let mut b = sled::Batch::default();
            let mut read = 0;
            for kv in self.db.range(start..) {
                let (k, v) = kv?;
                if k.first() != Some(&keys::HISTORY) {
                    break;
                }
                if after.as_deref() == Some(k.as_ref()) {
                    continue;
                }
                let h: HistoryEntry = codec::decode(RecordType::History, &v, &|| keys::show(&k))?;
                if let Some(dk) = key_of(&h) {
                    if self.db.get(&dk)?.is_none() {
                        b.insert(dk, Vec::<u8>::new());
                        added += 1;
                    }
                }
                after = Some(k.to_vec());
                read += 1;
                if read >= batch {
                    break;
                }
            }
            self.db.apply_batch(b)?;
            self.db.flush()?;
            if read < batch {
                break;
            }
        }
        self.db.insert(marker(), &[1u8])?;
        self.db.flush()?;
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, HistoryEntry};

    fn entry(item: u64, version: u64, by: &str) -> HistoryEntry {
        HistoryEntry {
            item,
            version,
            at: 1_795_570_200 + version as i64,
            by: by.into(),
            action: "修改".into(),
            note: String::new(),
            changes: vec![Change {
                field: "title".into(),
                before: String::new(),
                after: "x".into(),
            }],
        }
    }

    #[test]
    fn the_index_is_rebuilt_from_history_in_batches_once() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path(), 1 << 20).unwrap();
        assert!(
            s.done_index_built().unwrap(),
            "a new folder's index is built"
        );
        // Seven entries by two writers and one by nobody (a system write).
        s.write::<_, super::super::StoreError>(|t| {
            for v in 1..=4 {
                t.append_history(&entry(1, v, "wang"))?;
            }
            for v in 1..=3 {
                t.append_history(&entry(2, v, "li"))?;
            }
            t.append_history(&entry(3, 1, ""))
        })
        .unwrap();
        assert_eq!(s.done_by("wang", 10).unwrap(), [1]);
        // As a folder from before the index: no marker, no `D` keys.
        for kv in s.db.scan_prefix([keys::DONE]) {
            s.db.remove(kv.unwrap().0).unwrap();
        }
        s.db.remove(marker()).unwrap();
        assert!(s.done_by("wang", 10).unwrap().is_empty());
        assert!(!s.check().unwrap().ok(), "check sees the index lacks them");
        // Batches of three: the last batch is partial, an entry on a
        // boundary is neither skipped nor counted twice.
        assert_eq!(s.build_done_index(3).unwrap(), 7);
        assert!(s.done_index_built().unwrap());
        assert_eq!(s.done_by("wang", 10).unwrap(), [1]);
        assert_eq!(s.done_by("li", 10).unwrap(), [2]);
        assert_eq!(s.db.scan_prefix([keys::DONE]).count(), 7);
        assert!(s.check().unwrap().ok(), "{:?}", s.check().unwrap().problems);
        // Once: a second call adds nothing.
        assert_eq!(s.build_done_index(3).unwrap(), 0);
    }
}
