//! What the `tests/store_*.rs` files share: a real data folder with an
//! administrator, drafts of items, and short ways to write them.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::NaiveDate;
use shuniu::core::{Clock, Core, Engine, Service, ServiceError};
use shuniu::model::{
    time, Classification, Command, DocNo, Item, Kind, Role, Status, User, WorkCalendar,
};
use tempfile::TempDir;

#[path = "../items_support/mod.rs"]
mod items;
pub use items::*;

pub const CACHE: u64 = 16 << 20;

pub struct Env {
    pub dir: TempDir,
    pub engine: Arc<Engine>,
    pub admin: Core,
}

pub fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(
        &dir.path().join("data"),
        CACHE,
        WorkCalendar::builtin(),
        Clock::Fixed(now()),
    )
    .unwrap();
    let admin = Core::for_uid(engine.clone(), 1000, "admin").unwrap();
    assert_eq!(admin.whoami().unwrap().role, Role::Admin);
    Env { dir, engine, admin }
}

impl Env {
    pub fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    /// Adds a user and opens a session for it.
    pub fn user(&self, uid: u32, login: &str, role: Role, clearance: Classification) -> Core {
        self.admin
            .save_user(User {
                login: login.into(),
                uid,
                display: format!("{login}同志"),
                unit: "秘書一科".into(),
                role,
                clearance,
                disabled: false,
            })
            .unwrap();
        Core::for_uid(self.engine.clone(), uid, login).unwrap()
    }

    /// Closes the engine, keeping the folder.
    pub fn close(self) -> TempDir {
        let Env { dir, engine, admin } = self;
        drop(admin);
        assert_eq!(
            Arc::strong_count(&engine),
            1,
            "a session still holds the engine"
        );
        drop(engine);
        dir
    }
}

pub fn not_found(r: shuniu::core::Result<impl std::fmt::Debug>) {
    match r {
        Err(ServiceError::NotFound(_)) => {}
        other => panic!("expected NotFound, got {other:?}"),
    }
}

/// Passes the four gates of 審核 of a document under review.
pub fn pass_gates(core: &Core, it: &Item) -> Item {
    let mut it = it.clone();
    for gate in shuniu::model::Gate::ALL {
        it = core
            .apply(Command::Act {
                id: it.id,
                version: it.version,
                act: shuniu::model::Act::Gate {
                    gate: *gate,
                    pass: true,
                    comment: String::new(),
                },
            })
            .unwrap();
    }
    it
}

/// A 發文 with `prefix`, walked 起草 → 審核 (four gates) → 簽發. A title
/// ending in 函 makes a 函, anything else a 通知 (the title ends with its 文種).
pub fn approved(core: &Core, title: &str, prefix: &str) -> Item {
    let dt = if title.ends_with('函') {
        "函"
    } else {
        "通知"
    };
    let fields = [
        ("prefix", prefix),
        ("doc_type", dt),
        ("recipients", "各區縣人民政府"),
    ];
    let d = create(core, draft(Kind::Outgoing, title, &fields));
    let r = pass_gates(core, &mv(core, &d, Status::Reviewing, "").unwrap());
    let a = mv(core, &r, Status::Approved, "").unwrap();
    assert_eq!(a.status, Status::Approved);
    a
}

pub fn doc_no(it: &Item) -> DocNo {
    it.doc_no().cloned().expect("a 文號")
}

/// An engine on the data folder at `path`, its clock pinned at `at`.
pub fn engine_at(path: &std::path::Path, at: i64) -> Arc<Engine> {
    Engine::open(path, CACHE, WorkCalendar::builtin(), Clock::Fixed(at)).unwrap()
}

/// A moment of a day, office time.
pub fn at(y: i32, m: u32, d: u32, h: u32) -> i64 {
    time::from_local(
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap(),
    )
}
