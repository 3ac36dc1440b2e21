//! Golden records of schema 1: stored bytes that must keep decoding.
//!
//! `tests/golden/records-v1.bin` holds one encoded record of every stored type
//! (an `Item` of each kind with every field filled, a `HistoryEntry`, an
//! `AuditEntry`, a `User`, a `Unit`, a `Person`), exactly as schema 1 of
//! `shuniu::store::codec` wrote them. A data folder written by any earlier
//! build holds these same bytes. Since schema 2 they decode through the
//! migration in `store/legacy/` (`v1 → current`), and `expected()` below is
//! what that migration produces: the schema-1 values plus what schema 2
//! derives for them (收文 簽收 = the record's creation, 督查 `report_every_days`
//! 366 → 每366天, `completed_on` of a 銷號 item = the day of its last change).
//! `tests/golden_v2.rs` does the same for schema 2's own file.
//!
//! The container format and the shared checks are in `golden_support/`.
//!
//! * Never re-bless `records-v1.bin`: the helper refuses to write it once
//!   `SCHEMA` is not 1. Its bytes are what real data folders contain.
//! * Change `expected()` only to the values the migration produces.

mod golden_support;

use golden_support::*;
use shuniu::model::{
    time, AffairData, AffairType, AuditEntry, Change, Channel, Classification, DocNo, DocType,
    HistoryEntry, InboxData, IncomingData, Kind, KindData, MeetingData, MeetingType, OutgoingData,
    Person, ReportCycle, Role, Status, SupervisionData, SupervisionSource, Unit, User,
};
use shuniu::store::SCHEMA;

/// The schema `records-v1.bin` was written with.
const FILE_SCHEMA: u16 = 1;
const FILE: &str = "records-v1.bin";

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
                // Schema 2: the 簽收 was the record's creation.
                signed_at: Some(1_795_570_200 + 2),
                signed_by: "wang".into(),
                returns: vec![],
                circulation: vec![],
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
                round: 0,
                gates: vec![],
                cosigners: vec![],
                cosigned: vec![],
                distribution: vec![],
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
                report: ReportCycle::EveryDays(366),
                result: "按期完成，准予銷號".into(),
                reminders: 3,
                assigned_on: None,
                accepted_at: None,
                accepted_by: String::new(),
                progress: vec![],
                reminded: vec![],
                // 銷號 in schema 1: completed on the day of its last change.
                completed_on: Some(time::local_date(1_795_656_600 + 6)),
                verified_by: String::new(),
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

fn file() -> Vec<u8> {
    golden_bytes(FILE, FILE_SCHEMA, expected)
}

#[test]
fn golden_v1_records_still_decode() {
    check_decodes(&file(), FILE_SCHEMA, &expected());
}

#[test]
fn migrated_records_are_written_in_todays_schema() {
    // Reading a v1 record and writing it back gives a current envelope that
    // decodes to the same value: that is how a folder upgrades, record by record.
    for (i, ((_, bytes), w)) in read_container(&file()).iter().zip(&expected()).enumerate() {
        let got = w.decode_like(bytes, "golden").unwrap();
        let again = got.encode();
        assert_eq!(
            u16::from_be_bytes([again[0], again[1]]),
            SCHEMA,
            "record {i}"
        );
        assert_eq!(
            w.decode_like(&again, "re-encoded").unwrap(),
            got,
            "record {i}"
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
    let records = read_container(&file());
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
    check_damage_refused(&file(), &expected());
}
