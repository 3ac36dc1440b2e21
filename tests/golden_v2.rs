//! Golden records of schema 2: stored bytes that must keep decoding.
//!
//! `tests/golden/records-v2.bin` holds one encoded record of every stored
//! type, every field filled — including what schema 2 added: 收文 簽收 times,
//! returns and the 傳閱 tracker; 發文 審核 rounds and gate marks, 會簽 and the
//! 核發 list; 督查 reporting cycles, 交辦/簽收/辦結 dates, progress reports,
//! reminders and 複核 — exactly as schema 2 of `shuniu::store::codec` writes
//! them. See `tests/golden.rs` for the rules (never re-bless a committed file;
//! a layout change is a new schema with a migration and a new file).

mod golden_support;

use golden_support::*;
use shuniu::model::{
    AffairData, AffairType, AuditEntry, Change, Channel, Circulation, Classification, CoSign,
    DocNo, DocType, Gate, GateMark, HistoryEntry, InboxData, IncomingData, Kind, KindData,
    MeetingData, MeetingType, Note, OutgoingData, Person, Progress, Reminder, ReminderReason,
    ReportCycle, Role, Share, Status, SupervisionData, SupervisionSource, Unit, User,
};
use shuniu::store::SCHEMA;

/// The schema `records-v2.bin` was written with.
const FILE_SCHEMA: u16 = 2;
const FILE: &str = "records-v2.bin";

fn note(at: i64, by: &str, text: &str) -> Note {
    Note {
        at,
        by: by.into(),
        text: text.into(),
    }
}

fn items() -> Vec<Rec> {
    let dt = |d: u32, h: u32, m: u32| date(2026, 11, d).and_hms_opt(h, m, 0).unwrap();
    vec![
        Rec::Item(base(
            1,
            Kind::Inbox,
            Status::Routed,
            KindData::Inbox(InboxData {
                channel: Some(Channel::Visit),
                from: "市教育局".into(),
                received: 1_795_500_000,
                reference: "市教發〔2026〕45號".into(),
                phone: "0571-8765 4321轉8".into(),
                close_reason: String::new(),
                routed_to: Some(2),
            }),
        )),
        Rec::Item(base(
            2,
            Kind::Incoming,
            Status::Circulating,
            KindData::Incoming(IncomingData {
                from_org: "市財政局".into(),
                reference: "市財發〔2026〕3號".into(),
                doc_type: Some(DocType::Bulletin),
                copies: 3,
                received_on: Some(date(2026, 11, 20)),
                proposal: "擬請分管領導閱示".into(),
                instruction: "同意".into(),
                lead_unit: "市教育局".into(),
                assisting: vec!["市公安局".into()],
                for_reading: true,
                result: String::new(),
                signed_at: Some(1_795_500_100),
                signed_by: "wang".into(),
                returns: vec![note(1_795_500_200, "li", "文種使用不當")],
                circulation: vec![
                    Circulation {
                        holder: "王市長".into(),
                        by: "wang".into(),
                        since: 1_795_510_000,
                        back: Some(1_795_520_000),
                        chased: 2,
                        last_chased: Some(1_795_515_000),
                    },
                    Circulation {
                        holder: "李副市長".into(),
                        by: "wang".into(),
                        since: 1_795_530_000,
                        back: None,
                        chased: 0,
                        last_chased: None,
                    },
                ],
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
                recipients: "省人民政府".into(),
                copy_to: "市委辦公廳".into(),
                copies: 250,
                copy_no: "000017".into(),
                sign_date: Some(date(2026, 11, 30)),
                round: 2,
                gates: vec![
                    GateMark {
                        gate: Gate::Wording,
                        round: 1,
                        passed: false,
                        by: "zhao".into(),
                        at: 1_795_540_000,
                        comment: "第三段表述不準確".into(),
                    },
                    GateMark {
                        gate: Gate::Procedure,
                        round: 2,
                        passed: true,
                        by: "zhao".into(),
                        at: 1_795_550_000,
                        comment: String::new(),
                    },
                ],
                cosigners: vec!["市財政局".into(), "市發改委".into()],
                cosigned: vec![CoSign {
                    unit: "市財政局".into(),
                    by: "qian".into(),
                    at: 1_795_545_000,
                    note: "同意".into(),
                }],
                distribution: vec![
                    Share {
                        unit: "省人民政府".into(),
                        copies: 2,
                    },
                    Share {
                        unit: "市委辦公廳".into(),
                        copies: 1,
                    },
                ],
            }),
        )),
        Rec::Item(base(
            4,
            Kind::Meeting,
            Status::Held,
            KindData::Meeting(MeetingData {
                meeting_type: MeetingType::Executive,
                start: Some(dt(27, 9, 0)),
                end: Some(dt(27, 11, 30)),
                room: "第一會議室".into(),
                chair: "王市長".into(),
                attendees: vec!["李副市長".into(), "趙秘書長".into()],
                agenda: vec!["市教育局: 校舍改造".into()],
                notice: "定於11月27日上午9時召開常務會議。".into(),
                signed_in: vec!["李副市長".into(), "趙秘書長".into()],
                minutes: "會議議定：一、…".into(),
            }),
        )),
        Rec::Item(base(
            5,
            Kind::Affair,
            Status::Handling,
            KindData::Affair(AffairData {
                affair_type: AffairType::PhoneCall,
                assigned_by: "趙秘書長".into(),
                instruction: "請核實".into(),
                contact: "錢先生".into(),
                contact_unit: "某運輸公司".into(),
                phone: "13800138000".into(),
                started: Some(1_795_571_000),
                duration_secs: 330,
                follow_up: "明天回電確認".into(),
                result: String::new(),
            }),
        )),
        Rec::Item(base(
            6,
            Kind::Supervision,
            Status::Verified,
            KindData::Supervision(SupervisionData {
                source: SupervisionSource::MeetingDecision,
                lead_unit: "市住建局".into(),
                assisting: vec!["市財政局".into(), "各區縣".into()],
                report: ReportCycle::EveryDays(10),
                result: "按期完成".into(),
                reminders: 2,
                assigned_on: Some(date(2026, 10, 8)),
                accepted_at: Some(1_795_000_000),
                accepted_by: "sun".into(),
                progress: vec![Progress {
                    on: date(2026, 11, 1),
                    at: 1_795_100_000,
                    by: "sun".into(),
                    text: "完成選址".into(),
                    milestone: true,
                }],
                reminded: vec![
                    Reminder {
                        on: date(2026, 11, 10),
                        at: 1_795_200_000,
                        by: "zhou".into(),
                        reason: ReminderReason::Approaching,
                        text: "距期限還有3個工作日".into(),
                    },
                    Reminder {
                        on: date(2026, 11, 20),
                        at: 1_795_300_000,
                        by: "zhou".into(),
                        reason: ReminderReason::ReportDue,
                        text: "請報送進展".into(),
                    },
                ],
                completed_on: Some(date(2026, 11, 24)),
                verified_by: "周督查員".into(),
            }),
        )),
        // A second 督查 item for the other cycles' encodings.
        Rec::Item(base(
            7,
            Kind::Supervision,
            Status::Settled,
            KindData::Supervision(SupervisionData {
                source: SupervisionSource::KeyWork,
                lead_unit: "市交通局".into(),
                assisting: vec![],
                report: ReportCycle::Monthly,
                result: "已完成".into(),
                reminders: 0,
                assigned_on: None,
                accepted_at: None,
                accepted_by: String::new(),
                progress: vec![],
                reminded: vec![],
                completed_on: None,
                verified_by: String::new(),
            }),
        )),
    ]
}

fn expected() -> Vec<Rec> {
    let mut v = items();
    v.extend([
        Rec::History(HistoryEntry {
            item: 3,
            version: 7,
            at: 1_795_656_603,
            by: "zhao".into(),
            action: "文字關退回".into(),
            note: "第三段表述不準確".into(),
            changes: vec![Change {
                field: "gates".into(),
                before: "第1輪：文字關待審、政策法規關待審、格式關待審、運轉流程關待審".into(),
                after: "第1輪：文字關退回、政策法規關待審、格式關待審、運轉流程關待審".into(),
            }],
        }),
        Rec::Audit(AuditEntry {
            at: 1_795_656_700,
            user: "jimi".into(),
            action: "read".into(),
            item: Some(2),
            detail: "機密 收2026-0002".into(),
        }),
        Rec::User(User {
            login: "zhou".into(),
            uid: 4_000_000_002,
            display: "周督查員".into(),
            unit: "督查室".into(),
            role: Role::Leader,
            clearance: Classification::Secret,
            disabled: false,
        }),
        Rec::Unit(Unit {
            key: "zjj".into(),
            name: "市住建局".into(),
            abbreviations: vec!["住建局".into()],
            phone: "0571-87000002".into(),
            doc_prefix: "市建發".into(),
        }),
        Rec::Person(Person {
            id: 7,
            name: "孫工".into(),
            unit: "zjj".into(),
            title: "科長".into(),
            phones: vec!["13900139001".into()],
            notes: String::new(),
        }),
    ]);
    v
}

fn file() -> Vec<u8> {
    golden_bytes(FILE, FILE_SCHEMA, expected)
}

#[test]
fn golden_v2_records_still_decode() {
    check_decodes(&file(), FILE_SCHEMA, &expected());
}

#[test]
fn this_build_still_writes_the_v2_golden_bytes() {
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
fn damaged_v2_records_are_refused() {
    check_damage_refused(&file(), &expected());
}
