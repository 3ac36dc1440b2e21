//! A `Service` that counts the requests made of it (by name) and passes
//! them on: how the read-cost tests tell how many round trips a screen
//! would make to the daemon.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use shuniu::core::{AuditFilter, Counts, Event, Filter, Found, QueueEntry, Result, Row, Service};
use shuniu::model::queue::{Notice, Queue};
use shuniu::model::{
    AuditEntry, BatchStep, Command, HistoryEntry, Item, ItemId, Person, Unit, User,
};
use shuniu::store::CheckReport;

/// The wrapped service and the requests made so far.
pub struct Counting {
    inner: Arc<dyn Service>,
    calls: Mutex<BTreeMap<&'static str, usize>>,
}

impl Counting {
    pub fn new(inner: Arc<dyn Service>) -> Arc<Counting> {
        Arc::new(Counting {
            inner,
            calls: Mutex::new(BTreeMap::new()),
        })
    }

    fn count(&self, what: &'static str) {
        *self.calls.lock().unwrap().entry(what).or_default() += 1;
    }

    /// Requests by name since the last `take` (and forgets them).
    pub fn take(&self) -> BTreeMap<&'static str, usize> {
        std::mem::take(&mut *self.calls.lock().unwrap())
    }
}

/// The requests of a `take`, all together.
pub fn total(calls: &BTreeMap<&'static str, usize>) -> usize {
    calls.values().sum()
}

impl Service for Counting {
    fn whoami(&self) -> Result<User> {
        self.count("whoami");
        self.inner.whoami()
    }
    fn today(&self) -> NaiveDate {
        self.count("today");
        self.inner.today()
    }
    fn list(&self, f: &Filter) -> Result<Vec<Item>> {
        self.count("list");
        self.inner.list(f)
    }
    fn rows(&self, f: &Filter) -> Result<Vec<Row>> {
        self.count("rows");
        self.inner.rows(f)
    }
    fn get(&self, id: ItemId) -> Result<Item> {
        self.count("get");
        self.inner.get(id)
    }
    fn get_by_code(&self, code: &str) -> Result<Item> {
        self.count("get_by_code");
        self.inner.get_by_code(code)
    }
    fn apply(&self, cmd: Command) -> Result<Item> {
        self.count("apply");
        self.inner.apply(cmd)
    }
    fn apply_batch(&self, steps: Vec<BatchStep>) -> Result<Vec<Item>> {
        self.count("apply_batch");
        self.inner.apply_batch(steps)
    }
    fn create_many(&self, items: Vec<Item>) -> Result<Vec<ItemId>> {
        self.count("create_many");
        self.inner.create_many(items)
    }
    fn search(&self, query: &str, limit: usize) -> Result<Vec<Found>> {
        self.count("search");
        self.inner.search(query, limit)
    }
    fn history(&self, id: ItemId) -> Result<Vec<HistoryEntry>> {
        self.count("history");
        self.inner.history(id)
    }
    fn latest_history(&self, ids: &[ItemId]) -> Result<Vec<HistoryEntry>> {
        self.count("latest_history");
        self.inner.latest_history(ids)
    }
    fn subscribe(&self) -> Result<Receiver<Event>> {
        self.count("subscribe");
        self.inner.subscribe()
    }
    fn counts(&self) -> Result<Counts> {
        self.count("counts");
        self.inner.counts()
    }
    fn units(&self) -> Result<Vec<Unit>> {
        self.count("units");
        self.inner.units()
    }
    fn people(&self) -> Result<Vec<Person>> {
        self.count("people");
        self.inner.people()
    }
    fn save_directory(&self, units: Vec<Unit>, people: Vec<Person>) -> Result<()> {
        self.count("save_directory");
        self.inner.save_directory(units, people)
    }
    fn users(&self) -> Result<Vec<User>> {
        self.count("users");
        self.inner.users()
    }
    fn save_user(&self, user: User) -> Result<()> {
        self.count("save_user");
        self.inner.save_user(user)
    }
    fn audit(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        self.count("audit");
        self.inner.audit(f)
    }
    fn backup(&self, dest: &Path) -> Result<usize> {
        self.count("backup");
        self.inner.backup(dest)
    }
    fn check(&self) -> Result<CheckReport> {
        self.count("check");
        self.inner.check()
    }
    fn queue(&self, which: Queue) -> Result<Vec<QueueEntry>> {
        self.count("queue");
        self.inner.queue(which)
    }
    fn notices(&self, unread_only: bool) -> Result<Vec<Notice>> {
        self.count("notices");
        self.inner.notices(unread_only)
    }
    fn mark_read(&self, ids: &[u64]) -> Result<usize> {
        self.count("mark_read");
        self.inner.mark_read(ids)
    }
}
