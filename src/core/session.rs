//! `Core`: the `Service` API for one authenticated user on a shared `Engine`.
//! Role checks, clearance filtering and the audit trail live here, so no
//! caller — TUI, CLI or daemon connection — can go around them.

use std::path::Path;
use std::sync::mpsc::Receiver;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::model::queue::{Notice, Queue};
use crate::model::{
    fields::DateCtx, AuditEntry, BatchStep, Classification, Command, HistoryEntry, Item, ItemId,
    Kind, Person, Role, Unit, User,
};
use crate::search::Target;
use crate::store::CheckReport;

use super::apply::{self, Origin, WriteCtx};
use super::audit;
use super::identity::{self, Identity};
use super::rows::PackedRow;
use super::{
    AuditFilter, Counts, Engine, Event, Filter, Found, QueueEntry, Result, Row, Service,
    ServiceError,
};

/// From how many items a bulk create prepares its index documents on a
/// second thread while the store writes (below it a thread costs more
/// than it saves).
const BESIDE_FROM: usize = 256;

/// One user's view of the office. The user's record is re-read whenever an
/// administrator changes any user (see `identity.rs`), so a lowered
/// clearance, a new role or a disabled account holds from the next request.
pub struct Core {
    engine: Arc<Engine>,
    id: Identity,
}

impl Core {
    /// The session of the user with Unix uid `uid`. On a store with no users
    /// at all, `uid` becomes the first administrator (the daemon's own
    /// account, or the clerk on a personal store).
    pub fn for_uid(engine: Arc<Engine>, uid: u32, login: &str) -> Result<Core> {
        let generation = engine.user_generation();
        if let Some(user) = engine.store.user(uid)? {
            if user.disabled {
                return Err(identity::disabled(&user));
            }
            let id = Identity::new(user, generation);
            return Ok(Core { engine, id });
        }
        if engine.store.users()?.is_empty() {
            let user = User {
                login: login.to_string(),
                uid,
                display: login.to_string(),
                unit: "辦公室".into(),
                role: Role::Admin,
                clearance: Classification::TopSecret,
                disabled: false,
            };
            engine
                .store
                .write_then(|t| t.put_user(&user), |_| engine.user_changed(&user))?;
            let id = Identity::new(user, engine.user_generation());
            return Ok(Core { engine, id });
        }
        Err(ServiceError::Denied(super::Denial::NotUser {
            login: login.to_string(),
            uid,
        }))
    }

    /// A session for a known user record (tests, the demo loader).
    pub fn as_user(engine: Arc<Engine>, user: User) -> Core {
        let id = Identity::new(user, engine.user_generation());
        Core { engine, id }
    }

    /// The engine beneath (for the daemon and benchmarks).
    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// What a user is shown of search hits: rows, units and people, each
    /// item checked against the user's clearance once more.
    fn found(&self, me: &User, hits: Vec<crate::search::Hit>) -> Result<Vec<Found>> {
        let units = self.engine.unit_names.read().expect("lock");
        let rows = self.engine.rows.read().expect("lock");
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            match h.target {
                Target::Item(id) => {
                    if let Some(r) = rows.get(&id).filter(|r| me.may_see(r.classification())) {
                        out.push(Found::Item(Box::new(r.row())));
                    }
                }
                Target::Unit(key) => {
                    if let Some(u) = units.iter().find(|u| u.key == key) {
                        out.push(Found::Unit(u.clone()));
                    }
                }
                Target::Person(id) => {
                    if let Some(p) = self.engine.store.person(id)? {
                        out.push(Found::Person(p));
                    }
                }
            }
        }
        Ok(out)
    }

    /// The user as they are now (refused if disabled since).
    fn me(&self) -> Result<Arc<User>> {
        self.id.current(&self.engine)
    }

    fn ctx<'a>(&'a self, user: &'a User) -> WriteCtx<'a> {
        WriteCtx {
            user,
            now: self.engine.clock.now(),
            dates: DateCtx {
                today: self.engine.today(),
                cal: &self.engine.calendar,
            },
        }
    }

    /// The current user, provided their role is one of `roles`.
    fn require(&self, roles: &[Role], what: super::Guarded) -> Result<Arc<User>> {
        let me = self.me()?;
        if roles.contains(&me.role) {
            Ok(me)
        } else {
            Err(ServiceError::Denied(super::Denial::NeedsRole {
                what,
                roles: roles.to_vec(),
            }))
        }
    }

    /// One `read` entry for the 機密/絕密 items `ids` one request returned
    /// (`what`: how they left, `列出`), naming them all; none when empty.
    fn audit_reads(&self, me: &User, what: &str, ids: &[ItemId]) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let e = AuditEntry {
            at: self.engine.clock.now(),
            user: me.login.clone(),
            action: "read".into(),
            item: (ids.len() == 1).then_some(ids[0]),
            detail: audit::naming(&format!("{what} {} 件機密/絕密", ids.len()), ids),
        };
        self.engine.store.write(|t| t.audit(&e))?;
        Ok(())
    }

    fn audit_read(&self, me: &User, it: &Item) -> Result<()> {
        if it.classification.audit_reads() {
            let e = AuditEntry {
                at: self.engine.clock.now(),
                user: me.login.clone(),
                action: "read".into(),
                item: Some(it.id),
                detail: format!("{} {}", it.classification, it.code),
            };
            self.engine.store.write(|t| t.audit(&e))?;
        }
        Ok(())
    }
}

impl Service for Core {
    fn whoami(&self) -> Result<User> {
        Ok(self.me()?.as_ref().clone())
    }

    fn today(&self) -> NaiveDate {
        self.engine.today()
    }

    fn list(&self, f: &Filter) -> Result<Vec<Item>> {
        let me = self.me()?;
        let items = self
            .rows(f)?
            .into_iter()
            .filter_map(|r| self.engine.store.get(r.id).transpose())
            .collect::<Result<Vec<_>, _>>()?;
        // Whole items leave here (`ls --json`, `export`): every classified
        // one is a read, recorded in one entry that names them all.
        let classified: Vec<ItemId> = items
            .iter()
            .filter(|it| it.classification.audit_reads())
            .map(|it| it.id)
            .collect();
        self.audit_reads(&me, "列出", &classified)?;
        Ok(items)
    }

    fn rows(&self, f: &Filter) -> Result<Vec<Row>> {
        let me = self.me()?;
        let today = self.engine.today();
        // The index is asked before the rows are locked: publishing takes
        // the index and then the rows, so holding the rows while waiting
        // for the index could wait for each other for good.
        let hits = match &f.text {
            Some(q) if !q.trim().is_empty() => {
                Some(self.engine.index.read().expect("lock").search(
                    q,
                    me.clearance,
                    crate::search::MAX_RESULTS,
                ))
            }
            _ => None,
        };
        let rows = self.engine.rows.read().expect("lock");
        let keep = |r: &&PackedRow| me.may_see(r.classification()) && r.matches(f, today);
        // Chosen, sorted and cut to the limit as the packed rows they are;
        // only what is answered becomes a `Row`.
        let mut chosen: Vec<&PackedRow> = match hits {
            Some(hits) => hits
                .into_iter()
                .filter_map(|h| match h.target {
                    Target::Item(id) => rows.get(&id).filter(keep),
                    _ => None,
                })
                .collect(),
            _ => {
                let mut v: Vec<&PackedRow> = rows.values().filter(keep).collect();
                v.sort_unstable_by(|a, b| b.updated().cmp(&a.updated()).then(b.id().cmp(&a.id())));
                v
            }
        };
        if let Some(n) = f.limit {
            chosen.truncate(n);
        }
        let out: Vec<Row> = chosen.into_iter().map(PackedRow::row).collect();
        Ok(out)
    }

    fn get(&self, id: ItemId) -> Result<Item> {
        let me = self.me()?;
        match self.engine.store.get(id)? {
            Some(it) if me.may_see(it.classification) => {
                self.audit_read(&me, &it)?;
                Ok(it)
            }
            _ => Err(ServiceError::NotFound(super::Missing::Item(id))),
        }
    }

    fn get_by_code(&self, code: &str) -> Result<Item> {
        self.me()?;
        let id = self
            .engine
            .store
            .find_code(code.trim())?
            .or_else(|| code.trim().parse().ok())
            .ok_or_else(|| not_found(code))?;
        self.get(id).map_err(|_| not_found(code))
    }

    fn apply(&self, cmd: Command) -> Result<Item> {
        // The time is taken under the writer lock, so writes are stamped in the
        // order they commit and their pushes go out in that order too.
        let me = self.me()?;
        let (written, _) = self.engine.store.write_then(
            |t| {
                let w = apply::apply(t, &self.ctx(&me), cmd)?;
                Ok::<_, ServiceError>((w, t.take_notices()))
            },
            |(w, n)| {
                self.engine.published(w);
                self.engine.notified(n);
            },
        )?;
        Ok(written
            .into_iter()
            .next()
            .expect("a write returns its item"))
    }

    fn apply_batch(&self, steps: Vec<BatchStep>) -> Result<Vec<Item>> {
        let me = self.me()?;
        let (written, _) = self.engine.store.write_then(
            |t| {
                let w = super::batch::apply_batch(t, &self.ctx(&me), steps)?;
                Ok::<_, ServiceError>((w, t.take_notices()))
            },
            |(w, n)| {
                self.engine.published(&w.all);
                self.engine.notified(n);
            },
        )?;
        Ok(written.firsts)
    }

    fn create_many(&self, items: Vec<Item>) -> Result<Vec<ItemId>> {
        let me = self.me()?;
        if !me.role.can_write() {
            return Err(ServiceError::Denied(super::Denial::ReadOnly {
                role: me.role,
            }));
        }
        let origin = if me.role == Role::Admin {
            Origin::Import
        } else {
            Origin::New
        };
        // A bulk write prepares its index documents beside the disk write.
        let threaded = items.len() >= BESIDE_FROM;
        let (written, _) = self.engine.store.write_beside(
            |t| {
                let cx = self.ctx(&me);
                let made = items
                    .into_iter()
                    .map(|it| apply::create(t, &cx, it, "建立", origin))
                    .collect::<Result<Vec<_>>>()?;
                // One write, one audit entry: the batch and every id it made.
                if let (Some(a), Some(b)) = (made.first(), made.last()) {
                    let ids: Vec<ItemId> = made.iter().map(|i| i.id).collect();
                    let what = format!("建立 {} 件 {}–{}", made.len(), a.code, b.code);
                    let item = (ids.len() == 1).then_some(a.id);
                    apply::audit_entry(t, &cx, item, &audit::naming(&what, &ids))?;
                }
                Ok::<_, ServiceError>((made, t.take_notices()))
            },
            |(w, _)| self.engine.prepared(w),
            |(w, n), prepared| {
                self.engine.published_prepared(w, prepared);
                self.engine.notified(n);
            },
            threaded,
        )?;
        Ok(written.iter().map(|i| i.id).collect())
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<Found>> {
        let me = self.me()?;
        let hits = self
            .engine
            .index
            .read()
            .expect("lock")
            .search(query, me.clearance, limit);
        self.found(&me, hits)
    }

    fn search_kinds(&self, query: &str, kinds: &[Kind], limit: usize) -> Result<Vec<Found>> {
        let me = self.me()?;
        let hits =
            self.engine
                .index
                .read()
                .expect("lock")
                .search_kinds(query, me.clearance, kinds, limit);
        self.found(&me, hits)
    }

    fn history(&self, id: ItemId) -> Result<Vec<HistoryEntry>> {
        self.get(id)?;
        Ok(self.engine.store.history(id)?)
    }

    fn latest_history(&self, ids: &[ItemId]) -> Result<Vec<HistoryEntry>> {
        let me = self.me()?;
        // Who may see what comes from the rows held in memory: no item is decoded.
        let visible: Vec<(ItemId, bool)> = {
            let rows = self.engine.rows.read().expect("lock");
            let mut seen = std::collections::HashSet::with_capacity(ids.len());
            ids.iter()
                .filter(|id| seen.insert(**id))
                .filter_map(|id| rows.get(id).filter(|r| me.may_see(r.classification())))
                .map(|r| (r.id(), r.classification().audit_reads()))
                .collect()
        };
        let mut out = Vec::with_capacity(visible.len());
        let mut classified: Vec<ItemId> = vec![];
        for (id, audited) in visible {
            if let Some(h) = self.engine.store.last_history(id)? {
                if audited {
                    classified.push(id);
                }
                out.push(h);
            }
        }
        // As `history` would audit each of them, in one entry for the request.
        self.audit_reads(&me, "最後變更", &classified)?;
        Ok(out)
    }

    fn subscribe(&self) -> Result<Receiver<Event>> {
        let seen = self.engine.user_generation();
        let me = self.me()?;
        self.engine.subscribe(&me, seen)
    }

    fn counts(&self) -> Result<Counts> {
        let me = self.me()?;
        let today = self.engine.today();
        let mut by_kind: Vec<(Kind, usize, usize)> = Kind::ALL.iter().map(|k| (*k, 0, 0)).collect();
        for r in self.engine.rows.read().expect("lock").values() {
            if !me.may_see(r.classification()) || !r.status().is_open() {
                continue;
            }
            let row = &mut by_kind[r.kind() as usize];
            row.1 += 1;
            if r.is_overdue(today) {
                row.2 += 1;
            }
        }
        Ok(Counts { by_kind })
    }

    fn units(&self) -> Result<Vec<Unit>> {
        self.me()?;
        Ok(self.engine.store.units()?)
    }

    fn people(&self) -> Result<Vec<Person>> {
        self.me()?;
        Ok(self.engine.store.people()?)
    }

    fn save_directory(&self, units: Vec<Unit>, people: Vec<Person>) -> Result<()> {
        let me = self.require(
            &[Role::Admin, Role::Director, Role::Clerk],
            super::Guarded::Directory,
        )?;
        let e = AuditEntry {
            at: self.engine.clock.now(),
            user: me.login.clone(),
            action: "directory".into(),
            item: None,
            detail: directory_detail(&units, &people),
        };
        self.engine.store.write(|t| {
            for u in &units {
                t.put_unit(u)?;
            }
            for p in &people {
                t.put_person(p)?;
            }
            t.audit(&e)?;
            Ok::<_, ServiceError>(())
        })?;
        self.engine.directory_changed()
    }

    fn users(&self) -> Result<Vec<User>> {
        self.require(&[Role::Admin], super::Guarded::ListUsers)?;
        Ok(self.engine.store.users()?)
    }

    fn save_user(&self, user: User) -> Result<()> {
        let me = self.require(&[Role::Admin], super::Guarded::ChangeUsers)?;
        user.validate()?;
        let e = AuditEntry {
            at: self.engine.clock.now(),
            user: me.login.clone(),
            action: "user".into(),
            item: None,
            detail: format!(
                "{} {} {} {}",
                user.login,
                user.role,
                user.clearance,
                if user.disabled { "disabled" } else { "enabled" }
            ),
        };
        // At the write's turn: no event is pushed by the old record after this.
        self.engine.store.write_then(
            |t| {
                t.put_user(&user)?;
                t.audit(&e)
            },
            |_| self.engine.user_changed(&user),
        )?;
        Ok(())
    }

    fn audit(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        self.require(&[Role::Admin, Role::Director], super::Guarded::Audit)?;
        let since = f
            .since
            .map(|d| crate::model::time::from_local(d.and_hms_opt(0, 0, 0).expect("midnight")));
        let mut out = vec![];
        for e in self.engine.store.audit() {
            let e = e?;
            if f.user.as_ref().is_none_or(|u| &e.user == u)
                && f.item.is_none_or(|i| audit::concerns(&e, i))
                && since.is_none_or(|s| e.at >= s)
            {
                out.push(e);
            }
        }
        Ok(out)
    }

    fn backup(&self, dest: &Path) -> Result<usize> {
        self.require(&[Role::Admin], super::Guarded::Backup)?;
        Ok(self.engine.store.backup(dest)?)
    }

    fn check(&self) -> Result<CheckReport> {
        self.require(&[Role::Admin], super::Guarded::Check)?;
        Ok(self.engine.store.check()?)
    }

    fn queue(&self, which: Queue) -> Result<Vec<QueueEntry>> {
        super::queue::queue(&self.engine, &*self.me()?, which)
    }

    fn notices(&self, unread_only: bool) -> Result<Vec<Notice>> {
        super::queue::notices(&self.engine, &*self.me()?, unread_only)
    }

    fn mark_read(&self, ids: &[u64]) -> Result<usize> {
        super::queue::mark_read(&self.engine, &*self.me()?, ids)
    }
}

/// What a directory write changed, for the audit trail: how many units and
/// people, and the first few of each by name.
fn directory_detail(units: &[Unit], people: &[Person]) -> String {
    fn some<'a>(names: impl Iterator<Item = &'a str>, n: usize) -> String {
        let mut v: Vec<&str> = names.take(6).collect();
        if n > v.len() {
            v.push("…");
        }
        v.join("、")
    }
    let mut parts = vec![];
    if !units.is_empty() {
        let keys = some(units.iter().map(|u| u.key.as_str()), units.len());
        parts.push(format!("{} 個單位 ({keys})", units.len()));
    }
    if !people.is_empty() {
        let names = some(people.iter().map(|p| p.name.as_str()), people.len());
        parts.push(format!("{} 位人員 ({names})", people.len()));
    }
    if parts.is_empty() {
        parts.push("無變更".into());
    }
    format!("目錄: {}", parts.join(", "))
}

/// Not found, by the code typed (escaped: it came from the user).
fn not_found(code: &str) -> ServiceError {
    ServiceError::NotFound(super::Missing::Code(crate::model::sanitize::escape(code)))
}
