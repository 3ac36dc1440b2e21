//! The per-user 已辦 index (`D` keys), which every history entry has been
//! written with since it was introduced. A folder written before that holds
//! history no one's 已辦 lists: on opening a folder whose index was never
//! built (no `m/done_index` marker), the index is rebuilt from the history
//! once, in batches. It only adds keys (the same ones a write adds), so a
//! rebuild cut short by a crash is simply done again at the next open, and
//! the marker is set only after the last batch is on disk.
//!
//! A key names one write: writer, time, item and version. The writes one
//! batch makes for one writer at one time (a bulk intake of 20,000 items)
//! share a key, the first write's, whose value lists the others as pairs
//! of item and version: one tree insert instead of one per item was a
//! fifth of an intake's store time. A key with an empty value is one write.

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

/// The writes one key holds at most (a value of 4 KiB).
const RUN: usize = 256;

/// One write for the 已辦 index, as a batch collects them.
#[derive(Debug, Clone)]
pub struct Done {
    /// The writer's login.
    pub by: String,
    /// When.
    pub at: i64,
    /// The item written.
    pub item: u64,
    /// The version the write produced.
    pub version: u64,
}

/// The keys and values that store `done`: consecutive writes of one
/// writer at one time share a key, at most [`RUN`] of them.
pub fn runs(done: &[Done]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out: Vec<(Vec<u8>, Vec<u8>)> = vec![];
    let mut i = 0;
    while i < done.len() {
        let first = &done[i];
        let mut value = vec![];
        let mut j = i + 1;
        while j < done.len() && j - i < RUN && done[j].by == first.by && done[j].at == first.at {
            value.extend_from_slice(&done[j].item.to_be_bytes());
            value.extend_from_slice(&done[j].version.to_be_bytes());
            j += 1;
        }
        out.push((
            keys::done(&first.by, first.at, first.item, first.version),
            value,
        ));
        i = j;
    }
    out
}

/// The single-write keys a stored key and value stand for, in the order
/// written; `None` when the value is not a whole number of pairs.
pub fn expand(key: &[u8], value: &[u8]) -> Option<Vec<Vec<u8>>> {
    if !value.len().is_multiple_of(16) || key.len() < 24 {
        return None;
    }
    let base = &key[..key.len() - 16];
    let mut out = vec![key.to_vec()];
    for pair in value.chunks_exact(16) {
        let mut k = base.to_vec();
        k.extend_from_slice(pair);
        out.push(k);
    }
    Some(out)
}

/// The items of a stored key and value, the last written first.
pub fn items_of(key: &[u8], value: &[u8]) -> Vec<u64> {
    let mut out: Vec<u64> = value
        .chunks_exact(16)
        .rev()
        .filter_map(|pair| keys::read_u64(pair, 0))
        .collect();
    out.extend(
        key.len()
            .checked_sub(16)
            .and_then(|at| keys::read_u64(key, at)),
    );
    out
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

    #[test]
    fn one_writers_writes_of_one_batch_share_keys_and_read_back_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path(), 1 << 20).unwrap();
        // 600 items by wang at one time (three keys of at most 256), then
        // one by li, then wang again at a later time, all in one batch.
        s.write::<_, super::super::StoreError>(|t| {
            for item in 1..=600 {
                t.append_history(&entry(item, 1, "wang"))?;
            }
            t.append_history(&entry(700, 1, "li"))?;
            let mut later = entry(5, 2, "wang");
            later.at += 60;
            t.append_history(&later)
        })
        .unwrap();
        assert_eq!(s.db.scan_prefix([keys::DONE]).count(), 3 + 1 + 1);
        let wang = s.done_by("wang", 1000).unwrap();
        assert_eq!(wang.len(), 600, "each item once");
        // The newest write first (item 5 again, later), then the run from its last.
        assert_eq!(&wang[..3], [5, 600, 599]);
        assert_eq!(*wang.last().unwrap(), 1);
        assert_eq!(s.done_by("wang", 2).unwrap(), [5, 600]);
        assert_eq!(s.done_by("li", 10).unwrap(), [700]);
        assert!(s.check().unwrap().ok(), "{:?}", s.check().unwrap().problems);
        // A run that lost a pair is seen by check as a missing entry; a
        // value that is not pairs is named.
        let (k, v) =
            s.db.scan_prefix(keys::done_prefix("wang"))
                .next()
                .unwrap()
                .unwrap();
        let says = |value: &[u8], what: &str| {
            s.db.insert(&k, value).unwrap();
            let problems = s.check().unwrap().problems;
            assert!(problems.iter().any(|p| p.contains(what)), "{problems:?}");
        };
        says(&v[..v.len() - 16], "1 history entries are missing");
        says(&v[..v.len() - 3], "not pairs of item and version");
    }
}
