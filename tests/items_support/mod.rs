//! Items for tests on a store, written the short way: the office's fixed
//! today and now, a draft with fields set as typed, and one-line `Create`,
//! `Set`, `Move` and `Act`. Shared by `store_support` and `rules_support`
//! (each includes this file and re-exports it).
#![allow(dead_code)]

use chrono::NaiveDate;
use shuniu::core::{Core, Result, Service};
use shuniu::model::{fields::DateCtx, time, Act, Command, Item, Kind, Status, WorkCalendar};

/// The office's today in these tests.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// 09:30 office time on `today()`.
pub fn now() -> i64 {
    time::from_local(today().and_hms_opt(9, 30, 0).unwrap())
}

/// A draft of `kind` with `fields` set by name, as a clerk types them.
pub fn draft(kind: Kind, title: &str, fields: &[(&str, &str)]) -> Item {
    let cal = WorkCalendar::builtin();
    let cx = DateCtx {
        today: today(),
        cal: &cal,
    };
    let mut it = Item::new(kind, title, "admin", now());
    for (f, v) in fields {
        it.set(f, v, &cx).unwrap_or_else(|e| panic!("{f}={v}: {e}"));
    }
    it
}

/// Creates `item`, which must be accepted.
pub fn create(core: &Core, item: Item) -> Item {
    core.apply(Command::Create {
        item: Box::new(item),
    })
    .unwrap()
}

/// Sets fields of `it` at the version it holds.
pub fn set(core: &Core, it: &Item, fields: &[(&str, &str)]) -> Result<Item> {
    core.apply(Command::Set {
        id: it.id,
        version: it.version,
        fields: fields
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    })
}

/// Moves `it` to `to` with a note.
pub fn mv(core: &Core, it: &Item, to: Status, note: &str) -> Result<Item> {
    core.apply(Command::Move {
        id: it.id,
        version: it.version,
        to,
        note: note.into(),
    })
}

/// A structured step on `it`.
pub fn act(core: &Core, it: &Item, act: Act) -> Result<Item> {
    core.apply(Command::Act {
        id: it.id,
        version: it.version,
        act,
    })
}
