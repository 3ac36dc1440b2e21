//! A store with one user of every role, and short ways to write to it, for
//! the workflow-rule tests (`workflow_rules.rs`, `workflow_docs.rs`,
//! `supervision.rs`).

#![allow(dead_code)]

use std::sync::Arc;

use chrono::NaiveDate;
use shuniu::core::{Clock, Core, Engine, Result, Service, ServiceError};
use shuniu::model::{Classification, Item, Role, User, WorkCalendar};

#[path = "../items_support/mod.rs"]
mod items;
pub use items::*;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// One session per role, on one store.
pub struct Office {
    pub dir: tempfile::TempDir,
    pub engine: Arc<Engine>,
    pub admin: Core,
    pub clerk: Core,
    pub director: Core,
    pub inspector: Core,
    pub leader: Core,
    pub reader: Core,
}

impl Office {
    pub fn new() -> Office {
        Office::at(now())
    }

    /// An office whose clock stands at `t`.
    pub fn at(t: i64) -> Office {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::open(
            &dir.path().join("data"),
            16 << 20,
            WorkCalendar::builtin(),
            Clock::Fixed(t),
        )
        .unwrap();
        let admin = Core::for_uid(engine.clone(), 1000, "admin").unwrap();
        let mk = |uid: u32, login: &str, display: &str, role: Role| {
            admin
                .save_user(User {
                    login: login.into(),
                    uid,
                    display: display.into(),
                    unit: "市政府辦公室".into(),
                    role,
                    clearance: Classification::Secret,
                    disabled: false,
                })
                .unwrap();
            Core::for_uid(engine.clone(), uid, login).unwrap()
        };
        Office {
            clerk: mk(2001, "wang", "王秘書", Role::Clerk),
            director: mk(2002, "zhao", "趙主任", Role::Director),
            inspector: mk(2003, "zhou", "周督查", Role::Inspector),
            leader: mk(2004, "li", "李市長", Role::Leader),
            reader: mk(2005, "qian", "錢科員", Role::ReadOnly),
            admin,
            engine,
            dir,
        }
    }
}

/// The refusal's message; panics unless it is a rule refusal.
pub fn rule(r: Result<Item>) -> String {
    match r {
        Err(ServiceError::Rule(m)) => m.message,
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

/// The message of any refusal.
pub fn refused(r: Result<Item>) -> String {
    match r {
        Err(e) => e.to_string(),
        Ok(it) => panic!("accepted: {} {}", it.code, it.status),
    }
}

/// The last history entry's action and note.
pub fn last_history(core: &Core, it: &Item) -> (String, String) {
    let h = core.history(it.id).unwrap();
    let e = h.last().unwrap();
    (e.action.clone(), e.note.clone())
}
