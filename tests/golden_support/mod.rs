//! What the golden-file tests share: the container format, a record of any
//! stored type, blessing, and the checks run on every golden file.
//!
//! File format (all integers big-endian):
//!
//! ```text
//! magic   b"SHUNIU-GOLDEN\n"          14 bytes
//! records repeated until the end of the file:
//!         type   u8                   the RecordType tag (1 Item … 6 Person)
//!         length u32                  bytes of the envelope that follows
//!         bytes  [u8; length]         codec::encode(type, &value): [schema u16][type u8][bincode]
//! ```

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use shuniu::model::{
    AuditEntry, Classification, HistoryEntry, Item, Kind, KindData, Link, LinkRel, Note, Person,
    Status, Unit, Urgency, User,
};
use shuniu::store::codec::{self, RecordType};
use shuniu::store::{StoreError, SCHEMA};

pub const MAGIC: &[u8] = b"SHUNIU-GOLDEN\n";

pub fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// One record of any stored type.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Rec {
    Item(Item),
    History(HistoryEntry),
    Audit(AuditEntry),
    User(User),
    Unit(Unit),
    Person(Person),
}

impl Rec {
    pub fn ty(&self) -> RecordType {
        match self {
            Rec::Item(_) => RecordType::Item,
            Rec::History(_) => RecordType::History,
            Rec::Audit(_) => RecordType::Audit,
            Rec::User(_) => RecordType::User,
            Rec::Unit(_) => RecordType::Unit,
            Rec::Person(_) => RecordType::Person,
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let ty = self.ty();
        match self {
            Rec::Item(v) => codec::encode(ty, v),
            Rec::History(v) => codec::encode(ty, v),
            Rec::Audit(v) => codec::encode(ty, v),
            Rec::User(v) => codec::encode(ty, v),
            Rec::Unit(v) => codec::encode(ty, v),
            Rec::Person(v) => codec::encode(ty, v),
        }
        .expect("encode")
    }

    /// Decodes `bytes` as a record of the same type as `self`.
    pub fn decode_like(&self, bytes: &[u8], key: &str) -> Result<Rec, StoreError> {
        let ty = self.ty();
        let k = || key.to_string();
        Ok(match self {
            Rec::Item(_) => Rec::Item(codec::decode(ty, bytes, &k)?),
            Rec::History(_) => Rec::History(codec::decode(ty, bytes, &k)?),
            Rec::Audit(_) => Rec::Audit(codec::decode(ty, bytes, &k)?),
            Rec::User(_) => Rec::User(codec::decode(ty, bytes, &k)?),
            Rec::Unit(_) => Rec::Unit(codec::decode(ty, bytes, &k)?),
            Rec::Person(_) => Rec::Person(codec::decode(ty, bytes, &k)?),
        })
    }
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Fields every kind shares, all filled, with values that differ per kind.
pub fn base(id: u64, kind: Kind, status: Status, data: KindData) -> Item {
    Item {
        id,
        kind,
        code: format!("{}2026-{:04}", kind.code_prefix(), id),
        title: format!("關於第{id}件事項的處理意見（含“引號”與 emoji 🏛）"),
        status,
        urgency: Urgency::Immediate,
        classification: Classification::Confidential,
        secrecy_years: Some(20),
        unit: "市政府辦公室秘書一科".into(),
        handler: "張三".into(),
        created_by: "wang".into(),
        created: 1_795_570_200 + id as i64,
        updated_by: "li".into(),
        updated: 1_795_656_600 + id as i64,
        deadline: Some(date(2026, 12, 31)),
        links: vec![
            Link {
                id: 100 + id,
                rel: LinkRel::Source,
            },
            Link {
                id: 200 + id,
                rel: LinkRel::Derived,
            },
            Link {
                id: u64::MAX - id,
                rel: LinkRel::Related,
            },
        ],
        version: 300 + id,
        body: "正文第一段。\n正文第二段：tab\there.".into(),
        notes: vec![
            Note {
                at: 1_795_570_260,
                by: "wang".into(),
                text: "催辦：請於週五前報送".into(),
            },
            Note {
                at: -86_400,
                by: "li".into(),
                text: "進展：已完成初稿".into(),
            },
        ],
        data,
    }
}

pub fn write_container(recs: &[Rec]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    for r in recs {
        let bytes = r.encode();
        out.push(r.ty() as u8);
        out.extend_from_slice(&u32::try_from(bytes.len()).unwrap().to_be_bytes());
        out.extend_from_slice(&bytes);
    }
    out
}

/// The records of a container: (type tag, envelope bytes).
pub fn read_container(file: &[u8]) -> Vec<(u8, Vec<u8>)> {
    assert!(file.starts_with(MAGIC), "not a golden file (bad magic)");
    let mut rest = &file[MAGIC.len()..];
    let mut out = vec![];
    while !rest.is_empty() {
        assert!(
            rest.len() >= 5,
            "truncated record header at the end of the golden file"
        );
        let ty = rest[0];
        let len = u32::from_be_bytes(rest[1..5].try_into().unwrap()) as usize;
        assert!(rest.len() >= 5 + len, "truncated record in the golden file");
        out.push((ty, rest[5..5 + len].to_vec()));
        rest = &rest[5 + len..];
    }
    out
}

/// The committed file `name`, written first if missing or when blessing
/// (`SHUNIU_BLESS=1`) — but only while this build's schema is the file's:
/// a file of an older schema is never rewritten.
pub fn golden_bytes(name: &str, file_schema: u16, expected: fn() -> Vec<Rec>) -> Vec<u8> {
    let path = golden_path(name);
    let bless = std::env::var("SHUNIU_BLESS").is_ok_and(|v| v == "1");
    if (bless && SCHEMA == file_schema) || !path.exists() {
        assert_eq!(
            SCHEMA, file_schema,
            "{name} is the schema-{file_schema} golden file and is never rewritten by a newer schema; add records-v{SCHEMA}.bin instead"
        );
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let tmp = path.with_extension(format!("bin.tmp{}", std::process::id()));
        std::fs::write(&tmp, write_container(&expected())).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        eprintln!("wrote {} — commit it", path.display());
    }
    std::fs::read(&path).unwrap()
}

/// Every record of the file decodes (through the migrations for an older
/// schema) to exactly the value `want` says, and every type and kind is there.
pub fn check_decodes(file: &[u8], file_schema: u16, want: &[Rec]) {
    let records = read_container(file);
    assert_eq!(
        records.len(),
        want.len(),
        "the golden file holds {} records",
        records.len()
    );
    for (i, ((ty, bytes), w)) in records.iter().zip(want).enumerate() {
        assert_eq!(*ty, w.ty() as u8, "record {i}: container type");
        assert_eq!(bytes[2], *ty, "record {i}: envelope type tag");
        assert_eq!(
            u16::from_be_bytes([bytes[0], bytes[1]]),
            file_schema,
            "record {i}: envelope schema"
        );
        let got = w
            .decode_like(bytes, &format!("golden/{i}"))
            .unwrap_or_else(|e| panic!("record {i} ({:?}) no longer decodes: {e}", w.ty()));
        assert_eq!(
            &got,
            w,
            "record {i} ({:?}) decodes to something else",
            w.ty()
        );
    }
    for ty in 1..=6u8 {
        assert!(
            records.iter().any(|(t, _)| *t == ty),
            "no record of type {ty}"
        );
    }
    for kind in Kind::ALL {
        assert!(
            want.iter()
                .any(|r| matches!(r, Rec::Item(it) if it.kind == *kind)),
            "no {kind} item"
        );
    }
}

/// Damaged records are refused as such, never misread.
pub fn check_damage_refused(file: &[u8], want: &[Rec]) {
    let records = read_container(file);
    for (i, ((_, bytes), w)) in records.iter().zip(want).enumerate() {
        let key = format!("golden/{i}");
        let mut longer = bytes.clone();
        longer.push(0);
        match w.decode_like(&longer, &key) {
            Err(StoreError::Decode { key: k, reason }) => {
                assert_eq!(k, key);
                assert!(reason.contains("trailing"), "{reason}");
            }
            other => panic!("record {i}: trailing byte accepted: {other:?}"),
        }
        let short = &bytes[..bytes.len() - 1];
        assert!(
            matches!(w.decode_like(short, &key), Err(StoreError::Decode { .. })),
            "record {i}: truncation accepted"
        );
        assert!(matches!(
            w.decode_like(&bytes[..2], &key),
            Err(StoreError::Decode { .. })
        ));
        let other = &want[(i + 6) % want.len()];
        if other.ty() != w.ty() {
            match other.decode_like(bytes, &key) {
                Err(StoreError::Decode { reason, .. }) => {
                    assert!(reason.contains("type tag"), "{reason}")
                }
                res => panic!("record {i} read as {:?}: {res:?}", other.ty()),
            }
        }
        let mut newer = bytes.clone();
        newer[..2].copy_from_slice(&(SCHEMA + 1).to_be_bytes());
        assert!(matches!(
            w.decode_like(&newer, &key),
            Err(StoreError::NewerSchema { found, supported }) if found == SCHEMA + 1 && supported == SCHEMA
        ));
        let mut older = bytes.clone();
        older[..2].copy_from_slice(&0u16.to_be_bytes());
        match w.decode_like(&older, &key) {
            Err(StoreError::Decode { reason, .. }) => {
                assert!(reason.contains("schema 0"), "{reason}")
            }
            res => panic!("record {i}: schema 0 accepted: {res:?}"),
        }
    }
}
