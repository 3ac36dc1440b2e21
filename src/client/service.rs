//! `Service` for `Client`: each call is one request; the reply's variant is
//! checked, so a confused daemon is an error, never a wrong value.

use crate::model::Kind;
use std::path::Path;
use std::sync::mpsc::{channel, Receiver};

use chrono::NaiveDate;

use crate::core::{
    AuditFilter, Counts, Event, Filter, Found, QueueEntry, Result, Row, Service, ServiceError,
};
use crate::model::queue::{Notice, Queue};
use crate::model::{
    AuditEntry, BatchStep, Command, HistoryEntry, Item, ItemId, Person, Unit, User,
};
use crate::proto::{Request, Response};
use crate::store::CheckReport;

use super::Client;

fn unexpected(r: &Response) -> ServiceError {
    let name = format!("{r:?}");
    let name = name
        .split(['(', ' ', '{'])
        .next()
        .unwrap_or("?")
        .to_string();
    ServiceError::Store(crate::core::Failure::Protocol(format!(
        "the daemon answered with {name}, which does not fit the question (a protocol bug)"
    )))
}

macro_rules! ask {
    ($self:ident, $req:expr, $v:ident) => {
        match $self.call($req)? {
            Response::$v(x) => Ok(x),
            other => Err(unexpected(&other)),
        }
    };
}

macro_rules! done {
    ($self:ident, $req:expr) => {
        match $self.call($req)? {
            Response::Done => Ok(()),
            other => Err(unexpected(&other)),
        }
    };
}

impl Service for Client {
    fn whoami(&self) -> Result<User> {
        ask!(self, Request::WhoAmI, User)
    }

    fn today(&self) -> NaiveDate {
        // Screens ask on every draw: the daemon's answer is kept for a few seconds.
        let mut cached = self.today.lock().expect("lock");
        if let Some((d, at)) = *cached {
            if at.elapsed() < std::time::Duration::from_secs(5) {
                return d;
            }
        }
        match self.call(Request::Today) {
            Ok(Response::Today(d)) => {
                *cached = Some((d, std::time::Instant::now()));
                d
            }
            // The daemon is gone; the screen still needs a date to draw with.
            _ => crate::model::time::local_date(chrono::Utc::now().timestamp()),
        }
    }

    fn list(&self, filter: &Filter) -> Result<Vec<Item>> {
        ask!(self, Request::List(filter.clone()), Items)
    }

    fn rows(&self, filter: &Filter) -> Result<Vec<Row>> {
        ask!(self, Request::Rows(filter.clone()), Rows)
    }

    fn get(&self, id: ItemId) -> Result<Item> {
        ask!(self, Request::Get(id), Item).map(|b| *b)
    }

    fn get_by_code(&self, code: &str) -> Result<Item> {
        ask!(self, Request::GetByCode(code.to_string()), Item).map(|b| *b)
    }

    fn apply(&self, cmd: Command) -> Result<Item> {
        ask!(self, Request::Apply(cmd), Item).map(|b| *b)
    }

    fn create_many(&self, items: Vec<Item>) -> Result<Vec<ItemId>> {
        ask!(self, Request::CreateMany(items), Ids)
    }

    fn apply_batch(&self, steps: Vec<BatchStep>) -> Result<Vec<Item>> {
        let n = steps.len();
        let items: Vec<Item> = ask!(self, Request::ApplyBatch(steps), Items)?;
        if items.len() != n {
            return Err(ServiceError::Store(crate::core::Failure::Protocol(
                format!(
                    "the daemon answered a batch of {n} with {} items (a protocol bug)",
                    items.len()
                ),
            )));
        }
        Ok(items)
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<Found>> {
        ask!(
            self,
            Request::Search {
                query: query.to_string(),
                limit: limit as u64,
            },
            Found
        )
    }

    fn search_kinds(&self, query: &str, kinds: &[Kind], limit: usize) -> Result<Vec<Found>> {
        ask!(
            self,
            Request::SearchKinds {
                query: query.to_string(),
                kinds: kinds.to_vec(),
                limit: limit as u64,
            },
            Found
        )
    }

    fn history(&self, id: ItemId) -> Result<Vec<HistoryEntry>> {
        ask!(self, Request::History(id), History)
    }

    fn latest_history(&self, ids: &[ItemId]) -> Result<Vec<HistoryEntry>> {
        ask!(self, Request::LatestHistory(ids.to_vec()), History)
    }

    fn subscribe(&self) -> Result<Receiver<Event>> {
        let (tx, rx) = channel();
        // Listen first, so nothing pushed right after the daemon agrees is missed.
        self.shared.events.lock().expect("lock").push(tx);
        let mut subscribed = self.shared.subscribed.lock().expect("lock");
        if !*subscribed {
            done!(self, Request::Subscribe)?;
            *subscribed = true;
        }
        Ok(rx)
    }

    fn counts(&self) -> Result<Counts> {
        ask!(self, Request::Counts, Counts)
    }

    fn units(&self) -> Result<Vec<Unit>> {
        ask!(self, Request::Units, Units)
    }

    fn people(&self) -> Result<Vec<Person>> {
        ask!(self, Request::People, People)
    }

    fn save_directory(&self, units: Vec<Unit>, people: Vec<Person>) -> Result<()> {
        done!(self, Request::SaveDirectory { units, people })
    }

    fn users(&self) -> Result<Vec<User>> {
        ask!(self, Request::Users, Users)
    }

    fn save_user(&self, user: User) -> Result<()> {
        done!(self, Request::SaveUser(user))
    }

    fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        ask!(self, Request::Audit(filter.clone()), Audit)
    }

    fn backup(&self, dest: &Path) -> Result<usize> {
        // The daemon writes the copy, so the path must mean the same to it.
        let dest = crate::config::absolute(dest);
        ask!(self, Request::Backup(dest.display().to_string()), Count).map(|n| n as usize)
    }

    fn check(&self) -> Result<CheckReport> {
        ask!(self, Request::Check, Check).map(Into::into)
    }

    fn queue(&self, which: Queue) -> Result<Vec<QueueEntry>> {
        ask!(self, Request::Queue(which), Queue)
    }

    fn notices(&self, unread_only: bool) -> Result<Vec<Notice>> {
        ask!(self, Request::Notices { unread_only }, Notices)
    }

    fn mark_read(&self, ids: &[u64]) -> Result<usize> {
        ask!(self, Request::MarkRead(ids.to_vec()), Count).map(|n| n as usize)
    }
}
