//! Schema 1, frozen: the stored layouts exactly as shuniu wrote them before
//! schema 2. bincode encodes fields and enum variants by position, so these
//! declarations are the v1 byte format. **Never change this file**: not a
//! field, not a variant, not an order. Today's types live in `model/`; the
//! conversion from these is in `migrate.rs`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// v1 `Kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KindV1 {
    Inbox,
    Incoming,
    Outgoing,
    Meeting,
    Affair,
    Supervision,
}

/// v1 `Status`, in v1 declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusV1 {
    Pending,
    Routed,
    Closed,
    Received,
    Registered,
    Reviewed,
    Returned,
    Proposed,
    Instructed,
    Handling,
    Circulating,
    Urging,
    Drafting,
    Reviewing,
    Approved,
    Numbered,
    Printing,
    Issued,
    Planning,
    Notified,
    Held,
    Minuted,
    Cancelled,
    Filed,
    Assigned,
    Completed,
    Settled,
    Archived,
}

/// v1 `Urgency`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UrgencyV1 {
    Normal,
    Urgent,
    Immediate,
}

/// v1 `Classification`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClassificationV1 {
    Public,
    Internal,
    Secret,
    Confidential,
    TopSecret,
}

/// v1 `Role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleV1 {
    Admin,
    Director,
    Clerk,
    Inspector,
    Leader,
    ReadOnly,
}

/// v1 `Channel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChannelV1 {
    Letter,
    Call,
    Mail,
    Visit,
    Platform,
}

/// v1 `DocType` (the 15 文種).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocTypeV1 {
    Resolution,
    Decision,
    Order,
    Communique,
    Announcement,
    Notice,
    Opinion,
    Circular,
    Bulletin,
    Report,
    Request,
    Reply,
    Motion,
    Letter,
    Minutes,
}

/// v1 `AffairType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AffairTypeV1 {
    Assigned,
    PhoneCall,
    Reception,
    Logistics,
}

/// v1 `MeetingType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingTypeV1 {
    Executive,
    Plenary,
    Office,
    Topical,
    Other,
}

/// v1 `SupervisionSource`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SupervisionSourceV1 {
    KeyWork,
    MeetingDecision,
    Instruction,
    Project,
    Other,
}

/// v1 `LinkRel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkRelV1 {
    Source,
    Derived,
    Related,
}

/// v1 `Link`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkV1 {
    pub id: u64,
    pub rel: LinkRelV1,
}

/// v1 `Note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteV1 {
    pub at: i64,
    pub by: String,
    pub text: String,
}

/// v1 `DocNo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocNoV1 {
    pub prefix: String,
    pub year: i32,
    pub seq: u32,
}

/// v1 `Item`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemV1 {
    pub id: u64,
    pub kind: KindV1,
    pub code: String,
    pub title: String,
    pub status: StatusV1,
    pub urgency: UrgencyV1,
    pub classification: ClassificationV1,
    pub secrecy_years: Option<u16>,
    pub unit: String,
    pub handler: String,
    pub created_by: String,
    pub created: i64,
    pub updated_by: String,
    pub updated: i64,
    pub deadline: Option<NaiveDate>,
    pub links: Vec<LinkV1>,
    pub version: u64,
    pub body: String,
    pub notes: Vec<NoteV1>,
    pub data: KindDataV1,
}

/// v1 `KindData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum KindDataV1 {
    Inbox(InboxDataV1),
    Incoming(IncomingDataV1),
    Outgoing(OutgoingDataV1),
    Meeting(MeetingDataV1),
    Affair(AffairDataV1),
    Supervision(SupervisionDataV1),
}

/// v1 `InboxData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxDataV1 {
    pub channel: Option<ChannelV1>,
    pub from: String,
    pub received: i64,
    pub reference: String,
    pub phone: String,
    pub close_reason: String,
    pub routed_to: Option<u64>,
}

/// v1 `IncomingData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomingDataV1 {
    pub from_org: String,
    pub reference: String,
    pub doc_type: Option<DocTypeV1>,
    pub copies: u32,
    pub received_on: Option<NaiveDate>,
    pub proposal: String,
    pub instruction: String,
    pub lead_unit: String,
    pub assisting: Vec<String>,
    pub for_reading: bool,
    pub result: String,
}

/// v1 `OutgoingData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingDataV1 {
    pub doc_type: DocTypeV1,
    pub prefix: String,
    pub doc_no: Option<DocNoV1>,
    pub signer: String,
    pub recipients: String,
    pub copy_to: String,
    pub copies: u32,
    pub copy_no: String,
    pub sign_date: Option<NaiveDate>,
}

/// v1 `MeetingData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDataV1 {
    pub meeting_type: MeetingTypeV1,
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    pub room: String,
    pub chair: String,
    pub attendees: Vec<String>,
    pub agenda: Vec<String>,
    pub notice: String,
    pub signed_in: Vec<String>,
    pub minutes: String,
}

/// v1 `AffairData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffairDataV1 {
    pub affair_type: AffairTypeV1,
    pub assigned_by: String,
    pub instruction: String,
    pub contact: String,
    pub contact_unit: String,
    pub phone: String,
    pub started: Option<i64>,
    pub duration_secs: u32,
    pub follow_up: String,
    pub result: String,
}

/// v1 `SupervisionData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionDataV1 {
    pub source: SupervisionSourceV1,
    pub lead_unit: String,
    pub assisting: Vec<String>,
    pub report_every_days: u16,
    pub result: String,
    pub reminders: u32,
}

/// v1 `Change`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeV1 {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// v1 `HistoryEntry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntryV1 {
    pub item: u64,
    pub version: u64,
    pub at: i64,
    pub by: String,
    pub action: String,
    pub note: String,
    pub changes: Vec<ChangeV1>,
}

/// v1 `AuditEntry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntryV1 {
    pub at: i64,
    pub user: String,
    pub action: String,
    pub item: Option<u64>,
    pub detail: String,
}

/// v1 `User`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserV1 {
    pub login: String,
    pub uid: u32,
    pub display: String,
    pub unit: String,
    pub role: RoleV1,
    pub clearance: ClassificationV1,
    pub disabled: bool,
}

/// v1 `Unit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitV1 {
    pub key: String,
    pub name: String,
    pub abbreviations: Vec<String>,
    pub phone: String,
    pub doc_prefix: String,
}

/// v1 `Person`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonV1 {
    pub id: u64,
    pub name: String,
    pub unit: String,
    pub title: String,
    pub phones: Vec<String>,
    pub notes: String,
}
