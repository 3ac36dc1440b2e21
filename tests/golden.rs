//! Golden records: stored bytes that must keep decoding.
//!
//! `tests/golden/records-v1.bin` holds one encoded record of every stored type
//! (an `Item` of each kind with every field filled, a `HistoryEntry`, an
//! `AuditEntry`, a `User`, a `Unit`, a `Person`), exactly as schema 1 of
//! `shuniu::store::codec` wrote them. The test decodes the committed file and
//! compares each record with the value built in `expected()` below. A data
//! folder written by any earlier build holds these same bytes, so when this
//! test fails, the change would break every existing office's data.
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
//!
//! Blessing (writing the file):
//!
//! * The test writes the file when it is missing, or when run with
//!   `SHUNIU_BLESS=1 cargo test --test golden`; otherwise it only reads.
//!   Commit the file it writes.
//! * Never re-bless `records-v1.bin` to make a failure go away. Once committed,
//!   its bytes are what real data folders contain. The only legitimate
//!   re-bless is adding a new record to `expected()` while every existing
//!   record's bytes stay the same (check with `git diff --stat`: the file only grows).
//! * A change to a stored type (a field added, removed, reordered or retyped)
//!   is a new schema: bump `codec::SCHEMA`, write a migration from the old
//!   layout, add `records-vN.bin` with its own test built like this one, and
//!   keep this file decoding (through the migration) into today's types —
//!   change `expected()` only to the values the migration produces.
//!   Blessing refuses to write `records-v1.bin` once `SCHEMA` is not 1.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use shuniu::model::{
    AffairData, AffairType, AuditEntry, Change, Channel, Classification, DocNo, DocType,
    HistoryEntry, InboxData, IncomingData, Item, Kind, KindData, Link, LinkRel, MeetingData,
    MeetingType, Note, OutgoingData, Person, Role, Status, SupervisionData, SupervisionSource,
    Unit, Urgency, User,
};
use shuniu::store::codec::{self, RecordType};
use shuniu::store::{StoreError, SCHEMA};

const MAGIC: &[u8] = b"SHUNIU-GOLDEN\n";
/// The schema `records-v1.bin` was written with.
const FILE_SCHEMA: u16 = 1;

fn golden_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/records-v1.bin")
}

/// One record of any stored type.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
enum Rec {
    Item(Item),
    History(HistoryEntry),
    Audit(AuditEntry),
    User(User),
    Unit(Unit),
    Person(Person),
}

impl Rec {
    fn ty(&self) -> RecordType {
        match self {
            Rec::Item(_) => RecordType::Item,
            Rec::History(_) => RecordType::History,
            Rec::Audit(_) => RecordType::Audit,
            Rec::User(_) => RecordType::User,
            Rec::Unit(_) => RecordType::Unit,
            Rec::Person(_) => RecordType::Person,
        }
    }

    fn encode(&self) -> Vec<u8> {
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
    fn decode_like(&self, bytes: &[u8], key: &str) -> Result<Rec, StoreError> {
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

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Fields every kind shares, all filled, with values that differ per kind.
fn base(id: u64, kind: Kind, status: Status, data: KindData) -> Item {
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

fn expected() -> Vec<Rec> {
    let dt = |d: u32, h: u32, m: u32| date(2026, 11, d).and_hms_opt(h, m, 0).unwrap();
    vec![
        Rec::Item(base(
            1,
            Kind::Inbox,
            Status::Closed,
            KindData::Inbox(InboxData {
                channel: Some(Channel::Platform),
                from: "市教育局".into(),
                received: 1_795_500_000,
                reference: "市教發〔2026〕45號".into(),
                phone: "0571-8765 4321轉8".into(),
                close_reason: "重複來文".into(),
                routed_to: Some(42),
            }),
        )),
        Rec::Item(base(
            2,
            Kind::Incoming,
            Status::Urging,
            KindData::Incoming(IncomingData {
                from_org: "市財政局".into(),
                reference: "市財發〔2026〕3號".into(),
                doc_type: Some(DocType::Minutes),
                copies: 4_000_000_000,
                received_on: Some(date(2026, 11, 20)),
                proposal: "擬請分管領導閱示".into(),
                instruction: "同意，請教育局牽頭辦理".into(),
                lead_unit: "市教育局".into(),
                assisting: vec!["市公安局".into(), "市交通局".into()],
                for_reading: true,
                result: "已答復來文單位".into(),
            }),
        )),
        Rec::Item(base(
            3,
            Kind::Outgoing,
            Status::Issued,
            KindData::Outgoing(OutgoingData {
                doc_type: DocType::Request,
                prefix: "市政辦發".into(),
                doc_no: Some(DocNo {
                    prefix: "市政辦發".into(),
                    year: 2026,
                    seq: 128,
                }),
                signer: "王市長".into(),
                recipients: "各區縣人民政府，市政府各部門".into(),
                copy_to: "市委辦公廳".into(),
                copies: 250,
                copy_no: "000017".into(),
                sign_date: Some(date(2026, 11, 30)),
            }),
        )),
        Rec::Item(base(
            4,
            Kind::Meeting,
            Status::Minuted,
            KindData::Meeting(MeetingData {
                meeting_type: MeetingType::Topical,
                start: Some(dt(27, 9, 0)),
                end: Some(dt(27, 11, 30)),
                room: "第一會議室".into(),
                chair: "王市長".into(),
                attendees: vec!["李副市長".into(), "趙秘書長".into()],
                agenda: vec!["市教育局: 校舍改造".into(), "市財政局: 預算調整".into()],
                notice: "定於11月27日上午9時召開專題會議。".into(),
                signed_in: vec!["李副市長".into()],
                minutes: "會議議定：一、…；二、…。".into(),
            }),
        )),
        Rec::Item(base(
            5,
            Kind::Affair,
            Status::Completed,
            KindData::Affair(AffairData {
                affair_type: AffairType::Logistics,
                assigned_by: "趙秘書長".into(),
                instruction: "請安排車輛".into(),
                contact: "錢先生".into(),
                contact_unit: "某運輸公司".into(),
                phone: "13800138000".into(),
                started: Some(1_795_571_000),
                duration_secs: 3_723,
                follow_up: "明天回電確認".into(),
                result: "已安排".into(),
            }),
        )),
        Rec::Item(base(
            6,
            Kind::Supervision,
            Status::Settled,
            KindData::Supervision(SupervisionData {
                source: SupervisionSource::Project,
                lead_unit: "市住建局".into(),
                assisting: vec!["市財政局".into(), "各區縣".into()],
                report_every_days: 366,
                result: "按期完成，准予銷號".into(),
                reminders: 3,
            }),
        )),
        Rec::History(HistoryEntry {
            item: 3,
            version: 7,
            at: 1_795_656_603,
            by: "li".into(),
            action: "編號".into(),
            note: "→ 市政辦發〔2026〕128號".into(),
            changes: vec![
                Change {
                    field: "status".into(),
                    before: "簽發".into(),
                    after: "編號".into(),
                },
                Change {
                    field: "doc_no".into(),
                    before: String::new(),
                    after: "市政辦發〔2026〕128號".into(),
                },
            ],
        }),
        Rec::Audit(AuditEntry {
            at: 1_795_656_700,
            user: "jimi".into(),
            action: "read".into(),
            item: Some(2),
            detail: "機密 收2026-0002".into(),
        }),
        Rec::Audit(AuditEntry {
            at: 1_795_656_701,
            user: "admin".into(),
            action: "user".into(),
            item: None,
            detail: "wang 文書 內部 enabled".into(),
        }),
        Rec::User(User {
            login: "wang".into(),
            uid: 4_000_000_001,
            display: "王秘書".into(),
            unit: "秘書一科".into(),
            role: Role::Inspector,
            clearance: Classification::TopSecret,
            disabled: true,
        }),
        Rec::Unit(Unit {
            key: "jyj".into(),
            name: "市教育局".into(),
            abbreviations: vec!["教育局".into(), "市教委".into()],
            phone: "0571-87000000".into(),
            doc_prefix: "市教發".into(),
        }),
        Rec::Person(Person {
            id: 1 << 40,
            name: "歐陽明".into(),
            unit: "jyj".into(),
            title: "辦公室主任".into(),
            phones: vec!["0571-87000001".into(), "13900139000".into()],
            notes: "週三下午不在".into(),
        }),
    ]
}

fn write_container(recs: &[Rec]) -> Vec<u8> {
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
fn read_container(file: &[u8]) -> Vec<(u8, Vec<u8>)> {
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

/// The committed file, written first (once per test process) if missing or when blessing.
fn golden_bytes() -> Vec<u8> {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let path = golden_path();
    ONCE.call_once(|| {
        let bless = std::env::var("SHUNIU_BLESS").is_ok_and(|v| v == "1");
        if bless || !path.exists() {
            assert_eq!(
                SCHEMA, FILE_SCHEMA,
                "records-v1.bin is the schema-1 golden file and is never rewritten by a newer schema; add records-v{SCHEMA}.bin instead"
            );
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let tmp = path.with_extension("bin.tmp");
            std::fs::write(&tmp, write_container(&expected())).unwrap();
            std::fs::rename(&tmp, &path).unwrap();
            eprintln!("wrote {} — commit it", path.display());
        }
    });
    std::fs::read(&path).unwrap()
}

#[test]
fn golden_v1_records_still_decode() {
    let file = golden_bytes();
    let records = read_container(&file);
    let want = expected();
    assert_eq!(
        records.len(),
        want.len(),
        "the golden file holds {} records",
        records.len()
    );
    for (i, ((ty, bytes), w)) in records.iter().zip(&want).enumerate() {
        assert_eq!(*ty, w.ty() as u8, "record {i}: container type");
        assert_eq!(bytes[2], *ty, "record {i}: envelope type tag");
        assert_eq!(
            u16::from_be_bytes([bytes[0], bytes[1]]),
            FILE_SCHEMA,
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
    // Every record type is represented, and every kind of item.
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

#[test]
fn this_build_still_writes_the_golden_bytes() {
    // While the build's schema is the file's, encoding today's values must
    // give exactly the committed bytes: anything else is a silent format change.
    if SCHEMA != FILE_SCHEMA {
        return;
    }
    let records = read_container(&golden_bytes());
    for (i, ((_, bytes), w)) in records.iter().zip(&expected()).enumerate() {
        assert_eq!(
            &w.encode(),
            bytes,
            "record {i} ({:?}) is now encoded differently",
            w.ty()
        );
    }
}

#[test]
fn damaged_golden_records_are_refused() {
    let records = read_container(&golden_bytes());
    let want = expected();
    for (i, ((_, bytes), w)) in records.iter().zip(&want).enumerate() {
        let key = format!("golden/{i}");
        // A trailing byte.
        let mut longer = bytes.clone();
        longer.push(0);
        match w.decode_like(&longer, &key) {
            Err(StoreError::Decode { key: k, reason }) => {
                assert_eq!(k, key);
                assert!(reason.contains("trailing"), "{reason}");
            }
            other => panic!("record {i}: trailing byte accepted: {other:?}"),
        }
        // Cut short.
        let short = &bytes[..bytes.len() - 1];
        assert!(
            matches!(w.decode_like(short, &key), Err(StoreError::Decode { .. })),
            "record {i}: truncation accepted"
        );
        assert!(matches!(
            w.decode_like(&bytes[..2], &key),
            Err(StoreError::Decode { .. })
        ));
        // The wrong type.
        let other = &want[(i + 6) % want.len()];
        if other.ty() != w.ty() {
            match other.decode_like(bytes, &key) {
                Err(StoreError::Decode { reason, .. }) => {
                    assert!(reason.contains("type tag"), "{reason}")
                }
                res => panic!("record {i} read as {:?}: {res:?}", other.ty()),
            }
        }
        // A newer schema is refused as such; an older one without migration is a decode error.
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
