//! Upgrading a data folder from schema 1: the folder's `m/schema` is raised
//! on open, records are migrated as they are read (nothing is rewritten in
//! place) and written back in the current schema when next written.

mod golden_support;
mod raw_sled;

use std::path::Path;

use chrono::NaiveDate;
use golden_support::read_container;
use shuniu::core::{Clock, Core, Engine, Service};
use shuniu::model::{time, Command, KindData, Status, WorkCalendar};
use shuniu::store::{Store, SCHEMA};

const CACHE: u64 = 16 << 20;

fn now() -> i64 {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    time::from_local(today.and_hms_opt(9, 30, 0).unwrap())
}

/// The schema-1 envelope of the golden 收文 (item 2, 收2026-0002).
fn v1_incoming() -> Vec<u8> {
    let file =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/records-v1.bin"))
            .unwrap();
    let (ty, bytes) = read_container(&file).swap_remove(1);
    assert_eq!((ty, bytes[0], bytes[1]), (1, 0, 1), "an item of schema 1");
    bytes
}

fn item_key(id: u64) -> Vec<u8> {
    let mut k = vec![b'i'];
    k.extend_from_slice(&id.to_be_bytes());
    k
}

#[test]
fn a_schema_1_folder_is_read_through_the_migration_and_rewritten_on_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    // A folder as schema 1 left it: its meta says 1 and its item is a v1 record.
    {
        drop(Store::open(&path, CACHE).unwrap());
        let db = raw_sled::open(&path);
        db.insert(b"mschema", &1u16.to_be_bytes()).unwrap();
        db.insert(item_key(2), v1_incoming()).unwrap();
        db.insert("c收2026-0002".as_bytes(), &2u64.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    // Opening raises the folder's schema, and changes no record.
    {
        let engine =
            Engine::open(&path, CACHE, WorkCalendar::builtin(), Clock::Fixed(now())).unwrap();
        let admin = Core::for_uid(engine.clone(), 1000, "admin").unwrap();
        let it = admin.get_by_code("收2026-0002").unwrap();
        assert_eq!((it.id, it.status, it.version), (2, Status::Urging, 302));
        let KindData::Incoming(d) = &it.data else {
            panic!("{:?}", it.data)
        };
        // What schema 2 derives: the 簽收 was the record's creation.
        assert_eq!(d.signed_at, Some(it.created));
        assert_eq!(d.signed_by, "wang");
        assert!(d.circulation.is_empty() && d.returns.is_empty());
        drop(admin);
        drop(engine);
    }
    {
        let db = raw_sled::open(&path);
        assert_eq!(
            db.get(b"mschema").unwrap().unwrap().as_ref(),
            &SCHEMA.to_be_bytes()
        );
        let raw = db.get(item_key(2)).unwrap().unwrap();
        assert_eq!(&raw[..2], &1u16.to_be_bytes(), "reading rewrote nothing");
    }
    // A write stores the record in today's schema, and it reads back the same.
    let before = {
        let engine =
            Engine::open(&path, CACHE, WorkCalendar::builtin(), Clock::Fixed(now())).unwrap();
        let admin = Core::for_uid(engine, 1000, "admin").unwrap();
        let it = admin.get(2).unwrap();
        admin
            .apply(Command::Set {
                id: 2,
                version: it.version,
                fields: vec![("handler".into(), "李四".into())],
            })
            .unwrap()
    };
    {
        let db = raw_sled::open(&path);
        let raw = db.get(item_key(2)).unwrap().unwrap();
        assert_eq!(
            &raw[..2],
            &SCHEMA.to_be_bytes(),
            "written in the new schema"
        );
    }
    let engine = Engine::open(&path, CACHE, WorkCalendar::builtin(), Clock::Fixed(now())).unwrap();
    let admin = Core::for_uid(engine, 1000, "admin").unwrap();
    let after = admin.get(2).unwrap();
    assert_eq!(after, before);
    assert_eq!(after.handler, "李四");
}
