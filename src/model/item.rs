//! The work item: what every kind shares, plus each kind's own fields.
//!
//! These types are stored with bincode, which encodes fields in order with no
//! names: never reorder, remove or `skip` a field. A new field means a new
//! schema version and a migration in `store/` (this is schema 2; schema 1 is
//! frozen in `store/legacy/v1.rs`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    AffairType, Channel, Circulation, Classification, CoSign, DocNo, DocType, GateMark, Kind,
    MeetingType, Progress, Reminder, ReportCycle, Share, Status, SupervisionSource, Urgency,
};

/// Items are numbered by the store, from 1.
pub type ItemId = u64;

/// Seconds since the Unix epoch, UTC.
pub type Timestamp = i64;

/// How two items are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkRel {
    /// This item was created from the other (an inbox request, a meeting decision).
    Source,
    /// The other item was created from this one.
    Derived,
    /// Related by hand.
    Related,
}

/// A link from one item to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The other item.
    pub id: ItemId,
    /// How it relates to this one.
    pub rel: LinkRel,
}

/// One dated line written on an item: a progress report, a 催辦, a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// When it was written.
    pub at: Timestamp,
    /// Login of the writer.
    pub by: String,
    /// The text.
    pub text: String,
}

/// A work item of any kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Store-assigned, never reused.
    pub id: ItemId,
    /// Which tab it lives in.
    pub kind: Kind,
    /// The human id such as `收2026-0012`, gapless per kind and year.
    pub code: String,
    /// The subject.
    pub title: String,
    /// Where it stands in its workflow.
    pub status: Status,
    /// 平件/加急/特急.
    pub urgency: Urgency,
    /// 密級.
    pub classification: Classification,
    /// 保密期限 in years, for classified items.
    pub secrecy_years: Option<u16>,
    /// The owning (承辦/主辦) unit.
    pub unit: String,
    /// The clerk handling it.
    pub handler: String,
    /// Login of the creator.
    pub created_by: String,
    /// Creation time.
    pub created: Timestamp,
    /// Login of the last writer.
    pub updated_by: String,
    /// Last change time.
    pub updated: Timestamp,
    /// When it must be done.
    pub deadline: Option<NaiveDate>,
    /// Related items.
    pub links: Vec<Link>,
    /// Bumped by every write; writes name the version they read.
    pub version: u64,
    /// Free text.
    pub body: String,
    /// Dated notes (progress, reminders, comments), oldest first.
    pub notes: Vec<Note>,
    /// The kind's own fields.
    pub data: KindData,
}

/// The fields only one kind has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum KindData {
    /// 收件.
    Inbox(InboxData),
    /// 收文.
    Incoming(IncomingData),
    /// 發文.
    Outgoing(OutgoingData),
    /// 辦會.
    Meeting(MeetingData),
    /// 辦事.
    Affair(AffairData),
    /// 督查.
    Supervision(SupervisionData),
}

/// An incoming request not yet triaged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxData {
    /// 來文/來電/來信/來訪/平台.
    pub channel: Option<Channel>,
    /// Sending unit or person.
    pub from: String,
    /// When it arrived.
    pub received: Timestamp,
    /// The sender's reference (來文字號).
    pub reference: String,
    /// A call-back number.
    pub phone: String,
    /// Why it was closed, if it was.
    pub close_reason: String,
    /// The item it was routed to.
    pub routed_to: Option<ItemId>,
}

/// 收文: a document received from another organ.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomingData {
    /// 來文機關.
    pub from_org: String,
    /// 來文字號.
    pub reference: String,
    /// 文種.
    pub doc_type: Option<DocType>,
    /// 份數.
    pub copies: u32,
    /// 收文日期.
    pub received_on: Option<NaiveDate>,
    /// 擬辦意見.
    pub proposal: String,
    /// 批辦意見 (the leader's instruction, verbatim).
    pub instruction: String,
    /// 主辦單位: exactly one.
    pub lead_unit: String,
    /// 協辦單位.
    pub assisting: Vec<String>,
    /// 閱知件 (read only) rather than 批辦件.
    pub for_reading: bool,
    /// 辦結/答復 result.
    pub result: String,
    /// 簽收: when the document was signed for (schema 2).
    pub signed_at: Option<Timestamp>,
    /// 簽收: login of the clerk who signed for it (schema 2).
    pub signed_by: String,
    /// 初審 returns to the sender, each with its reason (schema 2).
    pub returns: Vec<Note>,
    /// The 傳閱 tracker: every hand-over, oldest first (schema 2).
    pub circulation: Vec<Circulation>,
}

/// 發文: a document the office issues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingData {
    /// 文種.
    pub doc_type: DocType,
    /// 機關代字 used for the 發文字號, e.g. `市政辦發`.
    pub prefix: String,
    /// Allocated at 編號.
    pub doc_no: Option<DocNo>,
    /// 簽發人.
    pub signer: String,
    /// 主送機關.
    pub recipients: String,
    /// 抄送機關.
    pub copy_to: String,
    /// 印數.
    pub copies: u32,
    /// 份號 (6 digits) for classified documents.
    pub copy_no: String,
    /// 成文日期.
    pub sign_date: Option<NaiveDate>,
    /// The 審核 round: each 送審 starts a new one (schema 2).
    pub round: u16,
    /// Every gate mark of every round, oldest first (schema 2).
    pub gates: Vec<GateMark>,
    /// 會簽: the units that must co-sign a joint document (schema 2).
    pub cosigners: Vec<String>,
    /// 會簽: the signatures given (schema 2).
    pub cosigned: Vec<CoSign>,
    /// 核發: who gets how many copies (schema 2).
    pub distribution: Vec<Share>,
}

/// 辦會: a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingData {
    /// 常務會議, 專題會議 …
    pub meeting_type: MeetingType,
    /// Start, local time.
    pub start: Option<chrono::NaiveDateTime>,
    /// End, local time.
    pub end: Option<chrono::NaiveDateTime>,
    /// 會議室.
    pub room: String,
    /// 主持人.
    pub chair: String,
    /// 出席人員.
    pub attendees: Vec<String>,
    /// 議題, each `unit: title`.
    pub agenda: Vec<String>,
    /// 會議通知 text.
    pub notice: String,
    /// 簽到: who signed in.
    pub signed_in: Vec<String>,
    /// 會議紀要.
    pub minutes: String,
}

/// 辦事: an errand, a call, a visit, a logistics request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffairData {
    /// Which sort of affair.
    pub affair_type: AffairType,
    /// The leader who assigned it (交辦人).
    pub assigned_by: String,
    /// The instruction as given.
    pub instruction: String,
    /// Caller or visitor.
    pub contact: String,
    /// Their unit.
    pub contact_unit: String,
    /// Their number.
    pub phone: String,
    /// Call or visit start.
    pub started: Option<Timestamp>,
    /// Call length in seconds.
    pub duration_secs: u32,
    /// What follows (follow-up / 安排).
    pub follow_up: String,
    /// 辦結 result.
    pub result: String,
}

/// 督查: a supervised task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionData {
    /// 立項 source.
    pub source: SupervisionSource,
    /// 牽頭單位.
    pub lead_unit: String,
    /// 配合單位.
    pub assisting: Vec<String>,
    /// How often the lead unit reports (schema 1 held a number of days here).
    pub report: ReportCycle,
    /// 辦結報告.
    pub result: String,
    /// 催辦 sent so far.
    pub reminders: u32,
    /// The day it was 交辦 (schema 2).
    pub assigned_on: Option<NaiveDate>,
    /// 簽收 by the lead unit: when (schema 2).
    pub accepted_at: Option<Timestamp>,
    /// 簽收: by whom (schema 2).
    pub accepted_by: String,
    /// Progress reports (進展), oldest first (schema 2).
    pub progress: Vec<Progress>,
    /// 臨近提醒 and 催辦 sent, oldest first (schema 2).
    pub reminded: Vec<Reminder>,
    /// The day the 辦結報告 was accepted as 辦結 (schema 2).
    pub completed_on: Option<NaiveDate>,
    /// Who 複核'd the result (schema 2).
    pub verified_by: String,
}

impl KindData {
    /// Empty fields for a new item of `kind`.
    pub fn empty(kind: Kind) -> KindData {
        match kind {
            Kind::Inbox => KindData::Inbox(InboxData::default()),
            Kind::Incoming => KindData::Incoming(IncomingData::default()),
            Kind::Outgoing => KindData::Outgoing(OutgoingData {
                doc_type: DocType::Circular,
                prefix: String::new(),
                doc_no: None,
                signer: String::new(),
                recipients: String::new(),
                copy_to: String::new(),
                copies: 0,
                copy_no: String::new(),
                sign_date: None,
                round: 0,
                gates: vec![],
                cosigners: vec![],
                cosigned: vec![],
                distribution: vec![],
            }),
            Kind::Meeting => KindData::Meeting(MeetingData {
                meeting_type: MeetingType::Office,
                start: None,
                end: None,
                room: String::new(),
                chair: String::new(),
                attendees: vec![],
                agenda: vec![],
                notice: String::new(),
                signed_in: vec![],
                minutes: String::new(),
            }),
            Kind::Affair => KindData::Affair(AffairData {
                affair_type: AffairType::Assigned,
                assigned_by: String::new(),
                instruction: String::new(),
                contact: String::new(),
                contact_unit: String::new(),
                phone: String::new(),
                started: None,
                duration_secs: 0,
                follow_up: String::new(),
                result: String::new(),
            }),
            Kind::Supervision => KindData::Supervision(SupervisionData {
                source: SupervisionSource::Other,
                lead_unit: String::new(),
                assisting: vec![],
                report: ReportCycle::Weekly,
                result: String::new(),
                reminders: 0,
                assigned_on: None,
                accepted_at: None,
                accepted_by: String::new(),
                progress: vec![],
                reminded: vec![],
                completed_on: None,
                verified_by: String::new(),
            }),
        }
    }

    /// The kind these fields belong to.
    pub fn kind(&self) -> Kind {
        match self {
            KindData::Inbox(_) => Kind::Inbox,
            KindData::Incoming(_) => Kind::Incoming,
            KindData::Outgoing(_) => Kind::Outgoing,
            KindData::Meeting(_) => Kind::Meeting,
            KindData::Affair(_) => Kind::Affair,
            KindData::Supervision(_) => Kind::Supervision,
        }
    }
}

impl Item {
    /// A blank item of `kind`, before the store gives it an id and a code.
    pub fn new(kind: Kind, title: impl Into<String>, by: &str, now: Timestamp) -> Item {
        Item {
            id: 0,
            kind,
            code: String::new(),
            title: title.into(),
            status: Status::initial(kind),
            urgency: Urgency::Normal,
            classification: Classification::Public,
            secrecy_years: None,
            unit: String::new(),
            handler: String::new(),
            created_by: by.to_string(),
            created: now,
            updated_by: by.to_string(),
            updated: now,
            deadline: None,
            links: vec![],
            version: 0,
            body: String::new(),
            notes: vec![],
            data: match KindData::empty(kind) {
                // A request arrives when it is registered, unless intake says otherwise.
                KindData::Inbox(d) => KindData::Inbox(InboxData { received: now, ..d }),
                d => d,
            },
        }
    }

    /// Open and past its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.deadline.is_some_and(|d| d < today)
    }

    /// The 發文字號 if one was allocated.
    pub fn doc_no(&self) -> Option<&DocNo> {
        match &self.data {
            KindData::Outgoing(d) => d.doc_no.as_ref(),
            _ => None,
        }
    }

    /// Other identifiers people quote for this item: 來文字號, 發文字號.
    pub fn references(&self) -> Vec<String> {
        let mut v = vec![];
        match &self.data {
            KindData::Inbox(d) if !d.reference.is_empty() => v.push(d.reference.clone()),
            KindData::Incoming(d) if !d.reference.is_empty() => v.push(d.reference.clone()),
            KindData::Outgoing(d) => {
                if let Some(n) = &d.doc_no {
                    v.push(n.to_string());
                }
            }
            _ => {}
        }
        v
    }

    /// The counterpart named on the item: sender, caller, lead unit.
    pub fn counterpart(&self) -> &str {
        match &self.data {
            KindData::Inbox(d) => &d.from,
            KindData::Incoming(d) => &d.from_org,
            KindData::Outgoing(d) => &d.recipients,
            KindData::Meeting(d) => &d.chair,
            KindData::Affair(d) => &d.contact,
            KindData::Supervision(d) => &d.lead_unit,
        }
    }

    /// Phone numbers on the item.
    pub fn phones(&self) -> Vec<&str> {
        match &self.data {
            KindData::Inbox(d) if !d.phone.is_empty() => vec![&d.phone],
            KindData::Affair(d) if !d.phone.is_empty() => vec![&d.phone],
            _ => vec![],
        }
    }
}
