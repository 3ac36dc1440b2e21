//! The only module that knows sled and bincode.
//!
//! One sled tree holds everything (see `keys.rs`), so each write is one atomic
//! batch. Writers are serialised by a mutex (sled allows one process per
//! folder, and that process is the daemon), which makes sequences gapless and
//! version checks exact; every batch is flushed before a write returns.

mod backup;
mod check;
pub mod codec;
mod done_index;
pub mod error;
mod group_flush;
pub mod keys;
mod legacy;
mod publish_order;
mod txn;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::model::{AuditEntry, HistoryEntry, Item, ItemId, Person, Unit, User};

pub use check::CheckReport;
pub use codec::{RecordType, Stored, SCHEMA};
pub use done_index::BACKFILL_BATCH;
pub use error::{Result, StoreError};
pub use txn::Txn;

/// The default sled page cache, far below sled's 1 GiB default: reads of whole items are
/// rare (lists and search run on the engine's in-memory rows), so a small cache serves.
pub const DEFAULT_CACHE_BYTES: u64 = 32 << 20;

/// An open data folder.
pub struct Store {
    db: sled::Db,
    path: PathBuf,
    /// Taken to read and apply a batch.
    writer: Mutex<()>,
    /// The ticket whose turn it is to publish; see [`Store::write_then`].
    turn: publish_order::Turns,
    /// One flush at a time, covering every batch applied before it began.
    flusher: group_flush::GroupFlush,
    /// Users and units as the last batch that needed them read them; gone
    /// once a batch writes either (see `Txn::users_and_units`).
    people: Mutex<Option<std::sync::Arc<txn::PeopleCopy>>>,
}

impl Store {
    /// Opens (or creates) the data folder at `path` with a page cache of
    /// `cache_bytes`. Refuses a folder written by a newer schema without touching it.
    pub fn open(path: &Path, cache_bytes: u64) -> Result<Store> {
        std::fs::create_dir_all(path).map_err(|e| StoreError::Sled(e.into()))?;
        // A folder closed a moment ago (by this process or a daemon that is
        // exiting) keeps its lock until sled's flusher thread lets go: retry
        // for a second before calling it owned by someone else.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
        let db = loop {
            let opened = sled::Config::new()
                .path(path)
                .cache_capacity(cache_bytes)
                .mode(sled::Mode::LowSpace)
                .open();
            match opened {
                Ok(db) => break db,
                Err(sled::Error::Io(ref io))
                    if io.kind() == std::io::ErrorKind::WouldBlock
                        || io.to_string().contains("lock") =>
                {
                    if std::time::Instant::now() >= deadline {
                        return Err(StoreError::Locked {
                            path: path.display().to_string(),
                        });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                Err(e) => return Err(StoreError::Sled(e)),
            }
        };
        let key = keys::text(keys::META, "schema");
        match db.get(&key)? {
            Some(v) => {
                let found =
                    u16::from_be_bytes(v.as_ref().try_into().map_err(|_| StoreError::Decode {
                        key: "m/schema".into(),
                        reason: "not a u16".into(),
                    })?);
                if found > SCHEMA {
                    return Err(StoreError::NewerSchema {
                        found,
                        supported: SCHEMA,
                    });
                }
                if found < SCHEMA {
                    // Records are migrated as they are read and rewritten in
                    // SCHEMA when next written; the folder now holds records
                    // an older build cannot read, so it says so.
                    db.insert(&key, &SCHEMA.to_be_bytes())?;
                    db.flush()?;
                }
            }
            None => {
                db.insert(key, &SCHEMA.to_be_bytes())?;
                db.flush()?;
            }
        }
        let store = Store {
            db,
            path: path.to_path_buf(),
            writer: Mutex::new(()),
            turn: publish_order::Turns::default(),
            flusher: group_flush::GroupFlush::default(),
            people: Mutex::new(None),
        };
        // A folder from before the 已辦 index: build it from the history, once.
        store.build_done_index(BACKFILL_BATCH)?;
        Ok(store)
    }

    /// The folder this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` as one atomic, durable write: nothing of it is stored if it
    /// fails, and everything is on disk when this returns `Ok`.
    /// The closure's error type is the caller's, so rule errors pass through untouched.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Txn) -> Result<T, E>,
    ) -> Result<T, E> {
        self.write_then(f, |_| {})
    }

    /// Like [`Store::write`], and then runs `then` on the result once the
    /// write is durable, in the order the writes were applied, so whatever
    /// it publishes (index updates, pushed events) goes out in the same
    /// order as the writes. The writer lock covers reading and applying a
    /// batch, not the flush: batches applied between two flushes share the
    /// next one (see `group_flush.rs`). `then` must not write to the store:
    /// that write's turn would come after the one `then` is holding.
    pub fn write_then<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Txn) -> Result<T, E>,
        then: impl FnOnce(&T),
    ) -> Result<T, E> {
        self.write_inner(f, |_, commit| commit(), |out, ()| then(out))
    }

    /// Like [`Store::write_then`], with `beside` run on the result on a
    /// second thread while the batch is written and flushed, its answer
    /// handed to `then`: a bulk write prepares what it publishes (index
    /// documents) on the other core instead of after the disk. `beside`
    /// must not publish anything itself; when the write fails its answer
    /// is dropped. With `threaded` false it runs in line, after the flush
    /// (a thread costs more than a single write's work).
    pub fn write_beside<T: Sync, U: Send, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Txn) -> Result<T, E>,
        beside: impl FnOnce(&T) -> U + Send,
        then: impl FnOnce(&T, U),
        threaded: bool,
    ) -> Result<T, E> {
        self.write_inner(
            f,
            |out, commit| {
                if !threaded {
                    commit()?;
                    return Ok(beside(out));
                }
                std::thread::scope(|s| {
                    let aside = s.spawn(|| beside(out));
                    let committed = commit();
                    let made = aside
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    committed.map(|()| made)
                })
            },
            then,
        )
    }

    /// The write itself: `run` gets the closure's result and the commit
    /// (apply the batch and let the next writer in, then flush), and says
    /// what `then` is handed.
    fn write_inner<T, M, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Txn) -> Result<T, E>,
        run: impl FnOnce(&T, &mut dyn FnMut() -> Result<()>) -> Result<M>,
        then: impl FnOnce(&T, M),
    ) -> Result<T, E> {
        let guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let cached = self
            .people
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let mut txn = Txn::new(&self.db, cached);
        let out = f(&mut txn)?;
        let keep = if txn.touches_people() {
            None
        } else {
            txn.people_read()
        };
        let batch = txn.into_batch();
        // Whatever happens to the batch, the copy is only kept when the
        // batch left users and units as they were.
        *self.people.lock().unwrap_or_else(|p| p.into_inner()) = None;
        let mut batch = Some(batch);
        let mut guard = Some(guard);
        let mut ticket = None;
        let mut keep = Some(keep);
        let mut commit = || -> Result<()> {
            if let Some(b) = batch.take() {
                self.flusher.wait_idle();
                self.db.apply_batch(b)?;
                *self.people.lock().unwrap_or_else(|p| p.into_inner()) = keep.take().flatten();
                let n = self.flusher.applied();
                ticket = Some(self.turn.ticket(n));
                drop(guard.take());
                self.flusher.flush(n, || self.db.flush().map(|_| ()))?;
            }
            Ok(())
        };
        let made = run(&out, &mut commit);
        debug_assert!(
            batch.is_none() || made.is_err(),
            "a write's `run` returned without committing"
        );
        drop(guard);
        // An applied write takes its turn even when its flush failed, or
        // every later writer would wait for it.
        if let Some(t) = ticket {
            let _turn = t.wait();
            then(&out, made?);
        } else {
            made?;
        }
        Ok(out)
    }

    /// One item, as stored.
    pub fn get(&self, id: ItemId) -> Result<Option<Item>> {
        let k = keys::item(id);
        match self.db.get(&k)? {
            Some(v) => Ok(Some(codec::decode(RecordType::Item, &v, &|| {
                keys::show(&k)
            })?)),
            None => Ok(None),
        }
    }

    /// The id of the item with a code (`收2026-0012`) or 文號.
    pub fn find_code(&self, code: &str) -> Result<Option<ItemId>> {
        for p in [keys::CODE, keys::DOCNO] {
            if let Some(v) = self.db.get(keys::text(p, code))? {
                return Ok(keys::read_u64(&v, 0));
            }
        }
        Ok(None)
    }

    /// Every item, in id order.
    pub fn items(&self) -> impl Iterator<Item = Result<Item>> + '_ {
        self.items_in(0, None)
    }

    /// The items with ids in `from..below` (to the last one when `below` is
    /// `None`), in id order: the cold start reads disjoint ranges on several
    /// cores.
    pub fn items_in(
        &self,
        from: ItemId,
        below: Option<ItemId>,
    ) -> impl Iterator<Item = Result<Item>> + '_ {
        let end = match below {
            Some(b) => keys::item(b),
            None => vec![keys::ITEM + 1],
        };
        self.db
            .range(keys::item(from)..end)
            .map(|r| decode_entry(RecordType::Item, r))
    }

    /// The highest item id stored, if any (where [`Store::items_in`]'s
    /// ranges end).
    pub fn last_item_id(&self) -> Result<Option<ItemId>> {
        match self.db.scan_prefix([keys::ITEM]).keys().next_back() {
            Some(k) => Ok(keys::read_u64(&k?, 1)),
            None => Ok(None),
        }
    }

    /// An item's history, oldest first.
    pub fn history(&self, id: ItemId) -> Result<Vec<HistoryEntry>> {
        self.db
            .scan_prefix(keys::history_prefix(id))
            .map(|r| {
                let (k, v) = r?;
                codec::decode(RecordType::History, &v, &|| keys::show(&k))
            })
            .collect()
    }

    /// An item's last history entry (its newest write), read without the
    /// rest: the caller view shows only that.
    pub fn last_history(&self, id: ItemId) -> Result<Option<HistoryEntry>> {
        match self.db.scan_prefix(keys::history_prefix(id)).next_back() {
            Some(r) => {
                let (k, v) = r?;
                Ok(Some(codec::decode(RecordType::History, &v, &|| {
                    keys::show(&k)
                })?))
            }
            None => Ok(None),
        }
    }

    /// The audit trail, oldest first.
    pub fn audit(&self) -> impl Iterator<Item = Result<AuditEntry>> + '_ {
        self.scan(keys::AUDIT, RecordType::Audit)
    }

    /// Every user.
    pub fn users(&self) -> Result<Vec<User>> {
        self.scan(keys::USER, RecordType::User).collect()
    }

    /// The user with a uid.
    pub fn user(&self, uid: u32) -> Result<Option<User>> {
        let k = keys::user(uid);
        match self.db.get(&k)? {
            Some(v) => Ok(Some(codec::decode(RecordType::User, &v, &|| {
                keys::show(&k)
            })?)),
            None => Ok(None),
        }
    }

    /// A user's notices, oldest first.
    pub fn notices(&self, login: &str) -> Result<Vec<crate::model::queue::Notice>> {
        self.db
            .scan_prefix(keys::notice_prefix(login))
            .map(|r| {
                let (k, v) = r?;
                codec::decode(RecordType::Notice, &v, &|| keys::show(&k))
            })
            .collect()
    }

    /// The items a user wrote, the most recently written first, each once,
    /// at most `limit` (their 已辦).
    pub fn done_by(&self, login: &str, limit: usize) -> Result<Vec<ItemId>> {
        let prefix = keys::done_prefix(login);
        let mut out: Vec<ItemId> = vec![];
        'keys: for r in self.db.scan_prefix(&prefix).rev() {
            let (k, v) = r?;
            if k.len() != prefix.len() + 24 {
                continue;
            }
            for id in done_index::items_of(&k, &v) {
                if !out.contains(&id) {
                    out.push(id);
                    if out.len() >= limit {
                        break 'keys;
                    }
                }
            }
        }
        Ok(out)
    }

    /// Every unit of the directory.
    pub fn units(&self) -> Result<Vec<Unit>> {
        self.scan(keys::UNIT, RecordType::Unit).collect()
    }

    /// Every person of the directory.
    pub fn people(&self) -> Result<Vec<Person>> {
        self.scan(keys::PERSON, RecordType::Person).collect()
    }

    /// One person of the directory (a quick-find hit names one, and reading
    /// the whole directory for it cost a keystroke several milliseconds).
    pub fn person(&self, id: u64) -> Result<Option<Person>> {
        let k = keys::with_u64(keys::PERSON, id);
        match self.db.get(&k)? {
            Some(v) => Ok(Some(codec::decode(RecordType::Person, &v, &|| {
                keys::show(&k)
            })?)),
            None => Ok(None),
        }
    }

    /// How many items are stored.
    pub fn item_count(&self) -> usize {
        self.db.scan_prefix([keys::ITEM]).count()
    }

    fn scan<T: Stored>(&self, prefix: u8, ty: RecordType) -> impl Iterator<Item = Result<T>> + '_ {
        self.db
            .scan_prefix([prefix])
            .map(move |r| decode_entry(ty, r))
    }

    /// Bytes on disk, for the admin overview.
    pub fn size_on_disk(&self) -> u64 {
        self.db.size_on_disk().unwrap_or(0)
    }
}

/// A record read off a scan, decoded; an error names its key.
fn decode_entry<T: Stored>(ty: RecordType, r: sled::Result<(sled::IVec, sled::IVec)>) -> Result<T> {
    let (k, v) = r?;
    codec::decode(ty, &v, &|| keys::show(&k))
}
