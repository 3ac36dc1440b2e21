//! The `Service` API: everything the TUI and the CLI may ask of shuniu.
//! `Core` implements it in-process; the daemon's `Client` implements it over
//! the socket, so callers never know which they hold.

use std::path::Path;
use std::sync::mpsc::Receiver;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::queue::{Notice, Queue, Why};
use crate::model::{
    AuditEntry, BatchStep, Classification, Command, HistoryEntry, Item, ItemId, Kind, Person,
    Status, Unit, Urgency, User,
};
use crate::store::CheckReport;

use super::Result;

/// Which items `list` returns. Every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only this status.
    pub status: Option<Status>,
    /// Unit name contains this.
    pub unit: Option<String>,
    /// Handler contains this.
    pub handler: Option<String>,
    /// Only open items past their deadline.
    pub overdue: bool,
    /// Only open items.
    pub open: bool,
    /// Only items matching this search query.
    pub text: Option<String>,
    /// At most this many (newest first); `None` for all.
    pub limit: Option<usize>,
}

/// One line of a list: enough to draw a table row and to filter and sort,
/// without the whole item. The engine keeps every row in memory, so lists
/// of 100k items need no decoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The item.
    pub id: ItemId,
    /// Its kind.
    pub kind: Kind,
    /// Its code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub status: Status,
    /// 平件/加急/特急.
    pub urgency: Urgency,
    /// 密級.
    pub classification: Classification,
    /// Owning unit.
    pub unit: String,
    /// Handler.
    pub handler: String,
    /// Deadline.
    pub deadline: Option<NaiveDate>,
    /// Last change.
    pub updated: i64,
    /// When it was created (unix seconds): the day a 收件 came in, for the
    /// dashboard's intake per day.
    pub created: i64,
    /// Its version (so a command can name it without fetching the item).
    pub version: u64,
    /// Sender, caller, chair or lead unit.
    pub counterpart: String,
    /// Numbers quoted for it: 來文字號, 發文字號.
    pub references: Vec<String>,
    /// Call-back numbers on it.
    pub phones: Vec<String>,
}

impl Row {
    /// The row of an item.
    pub fn of(it: &Item) -> Row {
        Row {
            id: it.id,
            kind: it.kind,
            code: it.code.clone(),
            title: it.title.clone(),
            status: it.status,
            urgency: it.urgency,
            classification: it.classification,
            unit: it.unit.clone(),
            handler: it.handler.clone(),
            deadline: it.deadline,
            updated: it.updated,
            created: it.created,
            version: it.version,
            counterpart: it.counterpart().to_string(),
            references: it.references(),
            phones: it.phones().into_iter().map(String::from).collect(),
        }
    }

    /// Open and past its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        overdue(self.status, self.deadline, today)
    }
}

/// Open and past its deadline on `today`: one rule for a [`Row`] and for
/// the engine's packed rows.
pub(crate) fn overdue(status: Status, deadline: Option<NaiveDate>, today: NaiveDate) -> bool {
    status.is_open() && deadline.is_some_and(|d| d < today)
}

/// A search result, ready to show: what it is and why it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Found {
    /// A work item, as its list row (`get` fetches the whole item).
    Item(Box<Row>),
    /// A unit of the directory.
    Unit(Unit),
    /// A person of the directory.
    Person(Person),
}

/// Something changed; pushed to every subscriber allowed to see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// An item was created or changed (the new state).
    Changed(Box<Item>),
    /// The directory changed.
    Directory,
    /// An item landed on this user (sent only to their own feeds, and only
    /// while they may see the item).
    Notice(Box<Notice>),
}

/// One line of a queue: the item's row, and why it is on the user (`None`
/// in 已辦).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    /// Which queue.
    pub queue: Queue,
    /// Why it is on the user now.
    pub why: Option<Why>,
    /// The item.
    pub row: Row,
}

/// Which audit entries to return.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Only this login.
    pub user: Option<String>,
    /// Only this item.
    pub item: Option<ItemId>,
    /// Only from this day on.
    pub since: Option<NaiveDate>,
}

/// Overview counts for the header and the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// (kind, open items, overdue items), one row per kind.
    pub by_kind: Vec<(Kind, usize, usize)>,
}

/// What the TUI and the CLI may ask.
pub trait Service: Send + Sync {
    /// The authenticated user.
    fn whoami(&self) -> Result<User>;
    /// The office's today (for overdue and relative dates).
    fn today(&self) -> NaiveDate;
    /// Items matching a filter, newest first.
    fn list(&self, filter: &Filter) -> Result<Vec<Item>>;
    /// List rows matching a filter, newest first (text filters: best match first).
    fn rows(&self, filter: &Filter) -> Result<Vec<Row>>;
    /// One item by id.
    fn get(&self, id: ItemId) -> Result<Item>;
    /// One item by code (`收2026-0012`) or 文號.
    fn get_by_code(&self, code: &str) -> Result<Item>;
    /// Applies one change; returns the item written (for `Route`, the new item).
    fn apply(&self, cmd: Command) -> Result<Item>;
    /// Applies several commands in one store write, all or nothing (a 立項
    /// and the 交辦 of the item it creates); each is checked and recorded —
    /// history, audit — as `apply` would, and each item's version is checked
    /// once. Returns, for each command, the item it wrote first, as the
    /// batch left it.
    fn apply_batch(&self, steps: Vec<BatchStep>) -> Result<Vec<Item>>;
    /// Creates many items at once, all or nothing; returns their ids.
    fn create_many(&self, items: Vec<Item>) -> Result<Vec<ItemId>>;
    /// Quick find across items, units and people.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<Found>>;
    /// Quick find among items of `kinds` only (a tab's `/`): the index
    /// stops once it has `limit` of them. The default asks `search` for as
    /// many as it returns and keeps those of `kinds`.
    fn search_kinds(&self, query: &str, kinds: &[Kind], limit: usize) -> Result<Vec<Found>> {
        let mut v = self.search(query, crate::search::MAX_RESULTS)?;
        v.retain(|f| matches!(f, Found::Item(r) if kinds.contains(&r.kind)));
        v.truncate(limit);
        Ok(v)
    }
    /// An item's history, oldest first.
    fn history(&self, id: ItemId) -> Result<Vec<HistoryEntry>>;
    /// The last history entry of each of `ids` (in their order, each once):
    /// one request for a list that shows every item's last change. An item
    /// that does not exist or that the user may not see is simply absent;
    /// the 機密/絕密 ones returned are one `read` audit entry naming them all.
    fn latest_history(&self, ids: &[ItemId]) -> Result<Vec<HistoryEntry>>;
    /// Changes as they happen.
    fn subscribe(&self) -> Result<Receiver<Event>>;
    /// Open and overdue counts per kind.
    fn counts(&self) -> Result<Counts>;
    /// Units of the directory.
    fn units(&self) -> Result<Vec<Unit>>;
    /// People of the directory.
    fn people(&self) -> Result<Vec<Person>>;
    /// Adds or replaces units and people in one write.
    fn save_directory(&self, units: Vec<Unit>, people: Vec<Person>) -> Result<()>;
    /// Every user (administrators only).
    fn users(&self) -> Result<Vec<User>>;
    /// Adds or replaces a user (administrators only).
    fn save_user(&self, user: User) -> Result<()>;
    /// The audit trail (administrators and 主任 only).
    fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>>;
    /// A consistent copy of the store into a new folder.
    fn backup(&self, dest: &Path) -> Result<usize>;
    /// Verifies the store.
    fn check(&self) -> Result<CheckReport>;
    /// The current user's 待辦, 待閱 or 已辦 (已辦: newest first, bounded).
    fn queue(&self, which: Queue) -> Result<Vec<QueueEntry>>;
    /// The current user's notices, newest first (only the unread ones if asked).
    fn notices(&self, unread_only: bool) -> Result<Vec<Notice>>;
    /// Marks some of the current user's notices read; returns how many changed.
    fn mark_read(&self, ids: &[u64]) -> Result<usize>;
}

/// The dashboard counts list rows as they are: a 督查 row's counterpart is its
/// 牽頭單位; the intake counts a 收件 row by the office-local day it was created.
impl crate::model::dashboard::DashSource for Row {
    fn entry(&self) -> crate::model::dashboard::Entry<'_> {
        let unit = if self.kind == Kind::Supervision && !self.counterpart.is_empty() {
            &self.counterpart
        } else {
            &self.unit
        };
        crate::model::dashboard::Entry {
            kind: self.kind,
            status: self.status,
            unit,
            deadline: self.deadline,
            created: Some(crate::model::time::local_date(self.created)),
        }
    }
}
