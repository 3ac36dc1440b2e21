//! A write in progress: reads see its own pending writes, and nothing reaches
//! the tree until the whole batch is applied by `Store::write`.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::model::{
    queue::Notice, time, AuditEntry, HistoryEntry, Item, ItemId, Person, Unit, User,
};

use super::codec::{self, RecordType};
use super::done_index;
use super::error::{Result, StoreError};
use super::keys;

/// Pending writes of one atomic batch.
pub struct Txn<'a> {
    db: &'a sled::Db,
    /// Every write of this batch by key (the last one wins); it becomes the sled batch at commit.
    pending: HashMap<Vec<u8>, Option<Vec<u8>>>,
    /// The notices this batch stores, to be pushed once it commits.
    notices: Vec<Notice>,
    /// Users and units as stored before this batch: the store's copy from
    /// an earlier batch when it has one, else read once for this batch (a
    /// bulk create asks for them for every item it lands somewhere).
    people: Option<Arc<PeopleCopy>>,
    /// Items this batch numbered (their id came from the `item` sequence
    /// here): none of them is stored yet, so writing one reads nothing
    /// from the tree. That the sequence is beyond every stored id is what
    /// `check` verifies.
    numbered: HashSet<ItemId>,
    /// The 已辦 entries of this batch, in the order written; runs of one
    /// writer at one time become one key (see `done_index::runs`).
    done: Vec<done_index::Done>,
}

/// Every user and every unit, decoded: what the store keeps between
/// batches so that a write that lands its item on someone does not decode
/// the whole directory again (at 100k items that was most of a write).
pub(super) type PeopleCopy = (Vec<User>, Vec<Unit>);

impl<'a> Txn<'a> {
    pub(super) fn new(db: &'a sled::Db, people: Option<Arc<PeopleCopy>>) -> Self {
        Txn {
            db,
            pending: HashMap::new(),
            notices: vec![],
            people,
            numbered: HashSet::new(),
            done: vec![],
        }
    }

    /// Whether this batch writes a user or a unit (the store's copy of
    /// them is then out of date once it commits).
    pub(super) fn touches_people(&self) -> bool {
        self.pending.keys().any(|k| {
            k.first()
                .is_some_and(|&p| p == keys::USER || p == keys::UNIT)
        })
    }

    /// The users and units this batch read from the tree, if it had to.
    pub(super) fn people_read(&self) -> Option<Arc<PeopleCopy>> {
        self.people.clone()
    }

    pub(super) fn into_batch(self) -> sled::Batch {
        let mut batch = sled::Batch::default();
        for (k, v) in done_index::runs(&self.done) {
            batch.insert(k, v);
        }
        for (k, v) in self.pending {
            match v {
                Some(v) => batch.insert(k, v),
                None => batch.remove(k),
            }
        }
        batch
    }

    fn raw_get(&self, k: &[u8]) -> Result<Option<Vec<u8>>> {
        if let Some(v) = self.pending.get(k) {
            return Ok(v.clone());
        }
        Ok(self.db.get(k)?.map(|v| v.to_vec()))
    }

    /// Like `raw_get` for a key of item `id`: an item this batch numbered
    /// has nothing in the tree yet, so only the batch's own writes are read.
    fn raw_get_of(&self, id: ItemId, k: &[u8]) -> Result<Option<Vec<u8>>> {
        if self.numbered.contains(&id) {
            return Ok(self.pending.get(k).cloned().flatten());
        }
        self.raw_get(k)
    }

    fn raw_put(&mut self, k: Vec<u8>, v: Vec<u8>) {
        self.pending.insert(k, Some(v));
    }

    fn raw_del(&mut self, k: Vec<u8>) {
        self.pending.insert(k, None);
    }

    /// The item as it is now (including this batch's writes).
    pub fn get(&self, id: ItemId) -> Result<Option<Item>> {
        let k = keys::item(id);
        self.raw_get_of(id, &k)?
            .map(|v| codec::decode(RecordType::Item, &v, &|| keys::show(&k)))
            .transpose()
    }

    /// The item's version as stored before this batch (`None` for an item
    /// this batch creates): what a client read, for a batch of several
    /// commands on one item that all name the version read once.
    pub fn stored_version(&self, id: ItemId) -> Result<Option<u64>> {
        if self.numbered.contains(&id) {
            return Ok(None);
        }
        let k = keys::item(id);
        self.db
            .get(&k)?
            .map(|v| {
                codec::decode::<Item>(RecordType::Item, &v, &|| keys::show(&k)).map(|it| it.version)
            })
            .transpose()
    }

    /// The item, provided it is still at the version the writer read;
    /// otherwise a `Conflict` naming who changed it, when, and (from the
    /// history entries written since) which fields.
    pub fn get_at(&self, id: ItemId, version: u64) -> Result<Item> {
        let it = self.get(id)?.ok_or(StoreError::NotFound(id))?;
        if it.version != version {
            let mut newer = vec![];
            for v in version.saturating_add(1)..=it.version {
                let k = keys::history(id, v);
                if let Some(raw) = self.raw_get(&k)? {
                    newer.push(codec::decode(RecordType::History, &raw, &|| {
                        keys::show(&k)
                    })?);
                }
            }
            return Err(StoreError::Conflict {
                id,
                read: version,
                version: it.version,
                by: it.updated_by.clone(),
                when: time::format_ts(it.updated),
                at: it.updated,
                newer,
            });
        }
        Ok(it)
    }

    /// Stores an item and keeps the code and 文號 indexes in step.
    pub fn put(&mut self, it: &Item) -> Result<()> {
        let old = self.get(it.id)?;
        if let Some(old) = &old {
            if old.code != it.code {
                self.raw_del(keys::text(keys::CODE, &old.code));
            }
            if let Some(n) = old.doc_no() {
                if Some(n) != it.doc_no() {
                    self.raw_del(keys::text(keys::DOCNO, &n.to_string()));
                }
            }
        }
        if !it.code.is_empty() {
            self.claim(keys::text(keys::CODE, &it.code), it.id, &it.code)?;
        }
        if let Some(n) = it.doc_no() {
            self.claim(
                keys::text(keys::DOCNO, &n.to_string()),
                it.id,
                &n.to_string(),
            )?;
        }
        self.raw_put(keys::item(it.id), codec::encode(RecordType::Item, it)?);
        Ok(())
    }

    fn claim(&mut self, k: Vec<u8>, id: ItemId, what: &str) -> Result<()> {
        if let Some(v) = self.raw_get(&k)? {
            let owner = keys::read_u64(&v, 0).unwrap_or(0);
            if owner != id {
                return Err(StoreError::Duplicate(format!(
                    "{} is already used by item {owner}",
                    crate::model::sanitize::escape(what)
                )));
            }
        }
        self.raw_put(k, id.to_be_bytes().to_vec());
        Ok(())
    }

    /// Appends one history entry (keyed by item and the version it produced).
    pub fn append_history(&mut self, h: &HistoryEntry) -> Result<()> {
        let k = keys::history(h.item, h.version);
        if self.raw_get_of(h.item, &k)?.is_some() {
            return Err(StoreError::Duplicate(format!(
                "history of item {} already has version {}",
                h.item, h.version
            )));
        }
        self.raw_put(k, codec::encode(RecordType::History, h)?);
        if !h.by.is_empty() {
            self.done.push(done_index::Done {
                by: h.by.clone(),
                at: h.at,
                item: h.item,
                version: h.version,
            });
        }
        Ok(())
    }

    /// Stores a notice for its user, giving it the next id, and keeps it to
    /// be pushed once the batch commits (see [`Txn::take_notices`]).
    pub fn put_notice(&mut self, n: &Notice) -> Result<Notice> {
        let mut n = n.clone();
        n.id = self.next("notice")?;
        self.raw_put(
            keys::notice(&n.to, n.at, n.id),
            codec::encode(RecordType::Notice, &n)?,
        );
        self.notices.push(n.clone());
        Ok(n)
    }

    /// The notices stored by this batch so far, handed to the caller to
    /// publish after the commit (nothing is sent from inside a write).
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// Every user, as stored before this batch.
    pub fn users(&self) -> Result<Vec<User>> {
        self.db
            .scan_prefix([keys::USER])
            .map(|r| {
                let (k, v) = r?;
                codec::decode(RecordType::User, &v, &|| keys::show(&k))
            })
            .collect()
    }

    /// Every user and every unit as stored before this batch, read once per
    /// batch however often it is asked.
    pub fn users_and_units(&mut self) -> Result<(&[User], &[Unit])> {
        if self.people.is_none() {
            self.people = Some(Arc::new((self.users()?, self.units()?)));
        }
        let (users, units) = &**self.people.as_ref().expect("just read");
        Ok((users, units))
    }

    /// Every unit, as stored before this batch.
    pub fn units(&self) -> Result<Vec<Unit>> {
        self.db
            .scan_prefix([keys::UNIT])
            .map(|r| {
                let (k, v) = r?;
                codec::decode(RecordType::Unit, &v, &|| keys::show(&k))
            })
            .collect()
    }

    /// Marks a user's notices read; returns how many changed.
    pub fn mark_read(&mut self, login: &str, ids: &[u64]) -> Result<usize> {
        let mut n = 0;
        for r in self.db.scan_prefix(keys::notice_prefix(login)) {
            let (k, v) = r?;
            let mut note: Notice = codec::decode(RecordType::Notice, &v, &|| keys::show(&k))?;
            if !note.read && ids.contains(&note.id) {
                note.read = true;
                self.raw_put(k.to_vec(), codec::encode(RecordType::Notice, &note)?);
                n += 1;
            }
        }
        Ok(n)
    }

    /// Allocates the next number of a named sequence (from 1, no gaps: the
    /// number is only used if the whole batch commits).
    pub fn next(&mut self, name: &str) -> Result<u64> {
        let k = keys::text(keys::SEQ, name);
        let cur = self
            .raw_get(&k)?
            .and_then(|v| keys::read_u64(&v, 0))
            .unwrap_or(0);
        let n = cur + 1;
        self.raw_put(k, n.to_be_bytes().to_vec());
        if name == "item" {
            self.numbered.insert(n);
        }
        Ok(n)
    }

    /// Appends to the audit trail.
    pub fn audit(&mut self, e: &AuditEntry) -> Result<()> {
        let mut k = keys::with_u64(keys::AUDIT, e.at as u64);
        k.extend_from_slice(&self.db.generate_id()?.to_be_bytes());
        self.raw_put(k, codec::encode(RecordType::Audit, e)?);
        Ok(())
    }

    /// Stores a user.
    pub fn put_user(&mut self, u: &User) -> Result<()> {
        self.raw_put(keys::user(u.uid), codec::encode(RecordType::User, u)?);
        Ok(())
    }

    /// Stores a unit.
    pub fn put_unit(&mut self, u: &Unit) -> Result<()> {
        self.raw_put(
            keys::text(keys::UNIT, &u.key),
            codec::encode(RecordType::Unit, u)?,
        );
        Ok(())
    }

    /// Stores a person (give a new one `id` 0 to have one allocated).
    pub fn put_person(&mut self, p: &Person) -> Result<u64> {
        let mut p = p.clone();
        if p.id == 0 {
            p.id = self.next("person")?;
        } else {
            // An explicit id moves the sequence past it, so it is never handed out again.
            let k = keys::text(keys::SEQ, "person");
            let cur = self
                .raw_get(&k)?
                .and_then(|v| keys::read_u64(&v, 0))
                .unwrap_or(0);
            if p.id > cur {
                self.raw_put(k, p.id.to_be_bytes().to_vec());
            }
        }
        self.raw_put(
            keys::with_u64(keys::PERSON, p.id),
            codec::encode(RecordType::Person, &p)?,
        );
        Ok(p.id)
    }
}
