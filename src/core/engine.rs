//! What all sessions share: the store, the search index, the calendar, the
//! clock and the change bus. One `Engine` per data folder; one `Core` per
//! authenticated user on top of it.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};

use chrono::NaiveDate;

use crate::model::{
    time, Classification, Item, ItemId, Person, Timestamp, Unit, User, WorkCalendar,
};
use crate::search::{DocInput, Index, Prepared, Target};
use crate::store::Store;

use super::rows::RowTable;
use super::{Event, Result, Row};

/// Where the time comes from; tests and the demo pin it.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The system clock.
    System,
    /// A fixed instant.
    Fixed(Timestamp),
}

impl Clock {
    /// Now, as a timestamp.
    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => chrono::Utc::now().timestamp(),
            Clock::Fixed(t) => *t,
        }
    }
}

/// One change feed: whose it is and what they may see now (`None` while
/// their account is disabled), kept in step with their user record.
struct Subscriber {
    uid: u32,
    login: String,
    clearance: Option<Classification>,
    tx: Sender<Event>,
}

/// Shared state of one open data folder.
pub struct Engine {
    pub(super) store: Store,
    pub(super) index: RwLock<Index>,
    pub(super) calendar: WorkCalendar,
    pub(super) clock: Clock,
    subscribers: Mutex<Vec<Subscriber>>,
    /// Unit key → (name, abbreviations), to index items under what people call their unit.
    pub(super) unit_names: RwLock<Vec<Unit>>,
    /// Every item's list row, by id: lists and counts never decode items.
    /// Whoever needs both takes `index` first, then `rows`.
    pub(super) rows: RwLock<RowTable>,
    /// Counts changes to user records, so open sessions know to re-read theirs.
    users_changed: AtomicU64,
    /// One rebuild at a time (a directory change re-reads everything).
    rebuilding: Mutex<()>,
    /// While a rebuild reads the store: the rows published since it began,
    /// filed over what it read before it takes over (see
    /// `rebuild_index_alone`). Taken after `rows`.
    published_meanwhile: Mutex<Option<Vec<Row>>>,
}

impl Engine {
    /// Opens the store and builds the index from it.
    pub fn open(
        path: &Path,
        cache_bytes: u64,
        calendar: WorkCalendar,
        clock: Clock,
    ) -> Result<Arc<Engine>> {
        let store = Store::open(path, cache_bytes)?;
        Self::with_store(store, calendar, clock)
    }

    /// Builds the engine over an open store (the index is rebuilt here: the cold start).
    pub fn with_store(store: Store, calendar: WorkCalendar, clock: Clock) -> Result<Arc<Engine>> {
        let units = store.units()?;
        let engine = Engine {
            store,
            index: RwLock::new(Index::new()),
            calendar,
            clock,
            subscribers: Mutex::new(vec![]),
            unit_names: RwLock::new(units),
            rows: RwLock::new(RowTable::new()),
            users_changed: AtomicU64::new(0),
            rebuilding: Mutex::new(()),
            published_meanwhile: Mutex::new(None),
        };
        engine.rebuild_index()?;
        Ok(Arc::new(engine))
    }

    /// Re-reads every item and person into fresh rows and a fresh index
    /// (units as `unit_names` holds them).
    pub fn rebuild_index(&self) -> Result<()> {
        let _one = lock_even_poisoned(&self.rebuilding);
        self.rebuild_index_alone(None)
    }

    /// [`Engine::rebuild_index`], with the unit names first set to `units`
    /// when given, once no other rebuild runs.
    ///
    /// Writes go on while the store is read (a second at 100k items), so a
    /// write published during the read could be missing from, or older in,
    /// what was read; swapping that in would lose it from lists and search
    /// until the next start. Every row published meanwhile is therefore
    /// kept aside and filed over the fresh rows and index, under the same
    /// locks as the swap, so nothing is published between the two.
    fn rebuild_index_alone(&self, units: Option<Vec<Unit>>) -> Result<()> {
        let keeping = Keeping::start(&self.published_meanwhile);
        if let Some(units) = units {
            *self.unit_names.write().expect("lock") = units;
        }
        let built = self.build_fresh();
        let units = self.unit_names.read().expect("lock").clone();
        let mut ix = self.index.write().expect("lock");
        let mut rows = self.rows.write().expect("lock");
        let meanwhile = keeping.take();
        let (mut fresh_ix, mut fresh_rows) = built?;
        for row in meanwhile {
            fresh_ix.insert(Index::prepare(row_doc(&row, &units)));
            fresh_rows.insert(&row);
        }
        fresh_ix.settle();
        *ix = fresh_ix;
        *rows = fresh_rows;
        Ok(())
    }

    /// A fresh index and rows read from the store.
    fn build_fresh(&self) -> Result<(Index, RowTable)> {
        // Rows first (they hold everything the index needs), then the index
        // built newest-last from them, so it needs no re-sort and no copy.
        let rows = super::rebuild::rows(&self.store)?;
        let units = self.unit_names.read().expect("lock").clone();
        let mut order: Vec<(i64, ItemId)> = rows.values().map(|r| (r.updated(), r.id())).collect();
        order.sort_unstable();
        let order: Vec<ItemId> = order.into_iter().map(|(_, id)| id).collect();
        let mut ix = Index::new();
        for u in &units {
            ix.upsert(unit_doc(u));
        }
        for p in self.store.people()? {
            ix.upsert(person_doc(&p, &units));
        }
        super::rebuild::index_rows(&mut ix, &rows, &order, &units);
        ix.settle();
        Ok((ix, rows))
    }

    /// Live entries in the search index.
    pub fn index_len(&self) -> usize {
        self.index.read().expect("lock").len()
    }

    /// Bytes of folded text in the search index.
    pub fn index_bytes(&self) -> usize {
        self.index.read().expect("lock").text_bytes()
    }

    /// The office's today.
    pub fn today(&self) -> NaiveDate {
        time::local_date(self.clock.now())
    }

    /// The working-day calendar.
    pub fn calendar(&self) -> &WorkCalendar {
        &self.calendar
    }

    /// The store (for backups and checks).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Indexes written items and tells every subscriber allowed to see them.
    pub(super) fn published(&self, items: &[Item]) {
        self.published_prepared(items, self.prepared(items));
    }

    /// The rows and index documents of written items: the part of
    /// publishing them that needs no lock but the unit names, so a bulk
    /// write works it out on another core while the store writes.
    pub(super) fn prepared(&self, items: &[Item]) -> Vec<(Row, Prepared)> {
        let units = self.unit_names.read().expect("lock");
        items
            .iter()
            .map(|it| {
                let row = Row::of(it);
                let doc = Index::prepare(row_doc(&row, &units));
                (row, doc)
            })
            .collect()
    }

    /// [`Engine::published`] with the rows and documents already worked
    /// out by [`Engine::prepared`] from the same items.
    pub(super) fn published_prepared(&self, items: &[Item], prepared: Vec<(Row, Prepared)>) {
        {
            let mut ix = self.index.write().expect("lock");
            let mut rows = self.rows.write().expect("lock");
            let mut meanwhile = lock_even_poisoned(&self.published_meanwhile);
            for (row, doc) in prepared {
                ix.insert(doc);
                rows.insert(&row);
                if let Some(kept) = meanwhile.as_mut() {
                    kept.push(row);
                }
            }
            ix.settle();
        }
        let mut subs = self.subscribers.lock().expect("lock");
        subs.retain(|s| {
            items
                .iter()
                .filter(|it| s.clearance.is_some_and(|c| it.classification <= c))
                .all(|it| s.tx.send(Event::Changed(Box::new(it.clone()))).is_ok())
        });
    }

    /// Pushes each notice to its user's feeds, if they may see its item.
    /// Called at the turn of the write that stored them (in write order).
    pub(super) fn notified(&self, notices: &[crate::model::queue::Notice]) {
        if notices.is_empty() {
            return;
        }
        let mut subs = self.subscribers.lock().expect("lock");
        subs.retain(|s| {
            notices
                .iter()
                .filter(|n| n.to == s.login)
                .filter(|n| s.clearance.is_some_and(|c| n.classification <= c))
                .all(|n| s.tx.send(Event::Notice(Box::new(n.clone()))).is_ok())
        });
    }

    /// How many times user records have changed since the engine opened.
    pub(super) fn user_generation(&self) -> u64 {
        self.users_changed.load(Ordering::Acquire)
    }

    /// A user record was written: open sessions re-read theirs on their next
    /// request, and their change feeds filter by it from the next event on.
    /// Called at its write's turn, so no event is published in between.
    pub(super) fn user_changed(&self, user: &User) {
        let mut subs = self.subscribers.lock().expect("lock");
        for s in subs.iter_mut().filter(|s| s.uid == user.uid) {
            s.clearance = (!user.disabled).then_some(user.clearance);
        }
        self.users_changed.fetch_add(1, Ordering::AcqRel);
    }

    /// Re-indexes the directory and tells every subscriber.
    pub(super) fn directory_changed(&self) -> Result<()> {
        {
            let _one = lock_even_poisoned(&self.rebuilding);
            let units = self.store.units()?;
            self.rebuild_index_alone(Some(units))?;
        }
        let mut subs = self.subscribers.lock().expect("lock");
        subs.retain(|s| s.clearance.is_none() || s.tx.send(Event::Directory).is_ok());
        Ok(())
    }

    /// A new change feed for `user` (their record as read at user generation
    /// `seen`), filtered by their clearance — and silent while they are
    /// disabled — as their record changes.
    pub(super) fn subscribe(&self, user: &User, seen: u64) -> Result<Receiver<Event>> {
        let (tx, rx) = channel();
        let mut subs = self.subscribers.lock().expect("lock");
        // `user_changed` moves the generation while holding this lock: a
        // change since `seen` is either visible here or will update this feed.
        let mut clearance = Some(user.clearance);
        if self.user_generation() != seen {
            if let Some(now) = self.store.user(user.uid)? {
                clearance = (!now.disabled).then_some(now.clearance);
            }
        }
        subs.push(Subscriber {
            uid: user.uid,
            login: user.login.clone(),
            clearance,
            tx,
        });
        Ok(rx)
    }
}

/// Rows published while a rebuild reads the store, kept for as long as
/// this lives: dropping it (the rebuild done, failed or panicking) stops
/// the keeping, so a failed rebuild cannot leave every later write's row
/// piling up.
struct Keeping<'a>(&'a Mutex<Option<Vec<Row>>>);

impl<'a> Keeping<'a> {
    fn start(kept: &'a Mutex<Option<Vec<Row>>>) -> Keeping<'a> {
        *lock_even_poisoned(kept) = Some(vec![]);
        Keeping(kept)
    }

    /// The rows kept so far; none are kept after this.
    fn take(&self) -> Vec<Row> {
        lock_even_poisoned(self.0).take().unwrap_or_default()
    }
}

impl Drop for Keeping<'_> {
    fn drop(&mut self) {
        *lock_even_poisoned(self.0) = None;
    }
}

/// A lock whose data stays sound whatever a panicking holder did (the
/// rebuild's turn, the rows kept aside): a failed rebuild must not make
/// every later directory save fail after its write was stored.
fn lock_even_poisoned<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn unit_aliases(name: &str, units: &[Unit]) -> Vec<String> {
    units
        .iter()
        .find(|u| u.key == name || u.name == name || u.abbreviations.iter().any(|a| a == name))
        .map(|u| {
            let mut v = vec![u.name.clone()];
            v.extend(u.abbreviations.iter().cloned());
            v
        })
        .unwrap_or_default()
}

/// What the index holds for an item (built from its list row).
pub fn row_doc(r: &Row, units: &[Unit]) -> DocInput {
    // Each name once: an alias already contained in another text adds nothing
    // but bytes to scan (教育局 in 市教育局), while 發改委 for 市發展和改革委員會 is kept.
    let mut text: Vec<String> = Vec::with_capacity(6);
    let mut add = |s: &str| {
        if !s.is_empty() && !text.iter().any(|t| t.contains(s)) {
            text.push(s.to_string());
        }
    };
    add(&r.title);
    add(&r.unit);
    add(&r.counterpart);
    add(&r.handler);
    for a in unit_aliases(&r.unit, units)
        .iter()
        .chain(unit_aliases(&r.counterpart, units).iter())
    {
        add(a);
    }
    let mut exact = vec![r.code.clone()];
    exact.extend(r.references.iter().cloned());
    DocInput {
        target: Target::Item(r.id),
        kind: Some(r.kind),
        level: r.classification,
        open: r.status.is_open(),
        updated: r.updated,
        exact,
        text,
        plain: vec![r.status.label().to_string(), r.kind.label().to_string()],
        phones: r.phones.clone(),
    }
}

/// What the index holds for a unit.
pub fn unit_doc(u: &Unit) -> DocInput {
    let mut text = vec![u.name.clone()];
    text.extend(u.abbreviations.iter().cloned());
    let mut exact = vec![u.key.clone()];
    exact.extend(text.iter().cloned());
    DocInput {
        target: Target::Unit(u.key.clone()),
        kind: None,
        level: Classification::Public,
        open: true,
        updated: 0,
        exact,
        text,
        plain: vec![u.doc_prefix.clone()],
        phones: vec![u.phone.clone()],
    }
}

/// What the index holds for a person: their name and how callers are
/// addressed (王科長) are identities, so they rank first when typed whole.
pub fn person_doc(p: &Person, units: &[Unit]) -> DocInput {
    let addressed = format!("{}{}", p.name.chars().next().unwrap_or(' '), p.title);
    let mut text = vec![p.name.clone(), addressed.clone()];
    text.extend(unit_aliases(&p.unit, units));
    DocInput {
        target: Target::Person(p.id),
        kind: None,
        level: Classification::Public,
        open: true,
        updated: 0,
        exact: vec![p.name.clone(), addressed],
        text,
        plain: vec![p.title.clone(), p.notes.clone()],
        phones: p.phones.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_kept_aside_only_while_a_rebuild_runs_even_one_that_panics() {
        let kept: Mutex<Option<Vec<Row>>> = Mutex::new(None);
        {
            let keeping = Keeping::start(&kept);
            assert_eq!(kept.lock().unwrap().as_ref().map(Vec::len), Some(0));
            assert!(keeping.take().is_empty());
            assert!(kept.lock().unwrap().is_none(), "none kept after the take");
        }
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _keeping = Keeping::start(&kept);
            let _held = kept.lock().unwrap();
            panic!("a rebuild fails while the kept rows are locked");
        }));
        assert!(panicked.is_err());
        assert!(kept.is_poisoned());
        assert!(
            lock_even_poisoned(&kept).is_none(),
            "a failed rebuild leaves nothing keeping rows"
        );
    }
}
