//! Schema 1 → today's types. Each conversion is total: every v1 value has a
//! current one. What schema 2 added is filled in as documented in
//! `docs/data-format.md`:
//!
//! * 收文: `signed_at`/`signed_by` (簽收) are the record's creation, which in
//!   schema 1 was the 簽收; no returns, nothing in circulation.
//! * 發文: review round 0 with no gate marks, no co-signers, no distribution
//!   list (documents already signed stay signed).
//! * 督查: `report_every_days` becomes a [`ReportCycle`] (0 → 按節點, 1 → 每日,
//!   7 → 每週, n → 每 n 天); an item already 辦結 or 銷號 gets `completed_on`
//!   from its last change; no progress reports or reminders.

use crate::model::{
    time, AffairData, AffairType, AuditEntry, Change, Channel, Classification, DocNo, DocType,
    HistoryEntry, InboxData, IncomingData, Item, Kind, KindData, Link, LinkRel, MeetingData,
    MeetingType, Note, OutgoingData, Person, ReportCycle, Role, Status, SupervisionData,
    SupervisionSource, Unit, Urgency, User,
};

use super::v1::*;

fn kind(k: KindV1) -> Kind {
    match k {
        KindV1::Inbox => Kind::Inbox,
        KindV1::Incoming => Kind::Incoming,
        KindV1::Outgoing => Kind::Outgoing,
        KindV1::Meeting => Kind::Meeting,
        KindV1::Affair => Kind::Affair,
        KindV1::Supervision => Kind::Supervision,
    }
}

fn status(s: StatusV1) -> Status {
    use StatusV1 as V;
    match s {
        V::Pending => Status::Pending,
        V::Routed => Status::Routed,
        V::Closed => Status::Closed,
        V::Received => Status::Received,
        V::Registered => Status::Registered,
        V::Reviewed => Status::Reviewed,
        V::Returned => Status::Returned,
        V::Proposed => Status::Proposed,
        V::Instructed => Status::Instructed,
        V::Handling => Status::Handling,
        V::Circulating => Status::Circulating,
        V::Urging => Status::Urging,
        V::Drafting => Status::Drafting,
        V::Reviewing => Status::Reviewing,
        V::Approved => Status::Approved,
        V::Numbered => Status::Numbered,
        V::Printing => Status::Printing,
        V::Issued => Status::Issued,
        V::Planning => Status::Planning,
        V::Notified => Status::Notified,
        V::Held => Status::Held,
        V::Minuted => Status::Minuted,
        V::Cancelled => Status::Cancelled,
        V::Filed => Status::Filed,
        V::Assigned => Status::Assigned,
        V::Completed => Status::Completed,
        V::Settled => Status::Settled,
        V::Archived => Status::Archived,
    }
}

fn urgency(u: UrgencyV1) -> Urgency {
    match u {
        UrgencyV1::Normal => Urgency::Normal,
        UrgencyV1::Urgent => Urgency::Urgent,
        UrgencyV1::Immediate => Urgency::Immediate,
    }
}

fn classification(c: ClassificationV1) -> Classification {
    match c {
        ClassificationV1::Public => Classification::Public,
        ClassificationV1::Internal => Classification::Internal,
        ClassificationV1::Secret => Classification::Secret,
        ClassificationV1::Confidential => Classification::Confidential,
        ClassificationV1::TopSecret => Classification::TopSecret,
    }
}

fn role(r: RoleV1) -> Role {
    match r {
        RoleV1::Admin => Role::Admin,
        RoleV1::Director => Role::Director,
        RoleV1::Clerk => Role::Clerk,
        RoleV1::Inspector => Role::Inspector,
        RoleV1::Leader => Role::Leader,
        RoleV1::ReadOnly => Role::ReadOnly,
    }
}

fn channel(c: ChannelV1) -> Channel {
    match c {
        ChannelV1::Letter => Channel::Letter,
        ChannelV1::Call => Channel::Call,
        ChannelV1::Mail => Channel::Mail,
        ChannelV1::Visit => Channel::Visit,
        ChannelV1::Platform => Channel::Platform,
    }
}

fn doc_type(d: DocTypeV1) -> DocType {
    use DocTypeV1 as V;
    match d {
        V::Resolution => DocType::Resolution,
        V::Decision => DocType::Decision,
        V::Order => DocType::Order,
        V::Communique => DocType::Communique,
        V::Announcement => DocType::Announcement,
        V::Notice => DocType::Notice,
        V::Opinion => DocType::Opinion,
        V::Circular => DocType::Circular,
        V::Bulletin => DocType::Bulletin,
        V::Report => DocType::Report,
        V::Request => DocType::Request,
        V::Reply => DocType::Reply,
        V::Motion => DocType::Motion,
        V::Letter => DocType::Letter,
        V::Minutes => DocType::Minutes,
    }
}

fn affair_type(a: AffairTypeV1) -> AffairType {
    match a {
        AffairTypeV1::Assigned => AffairType::Assigned,
        AffairTypeV1::PhoneCall => AffairType::PhoneCall,
        AffairTypeV1::Reception => AffairType::Reception,
        AffairTypeV1::Logistics => AffairType::Logistics,
    }
}

fn meeting_type(m: MeetingTypeV1) -> MeetingType {
    match m {
        MeetingTypeV1::Executive => MeetingType::Executive,
        MeetingTypeV1::Plenary => MeetingType::Plenary,
        MeetingTypeV1::Office => MeetingType::Office,
        MeetingTypeV1::Topical => MeetingType::Topical,
        MeetingTypeV1::Other => MeetingType::Other,
    }
}

fn source(s: SupervisionSourceV1) -> SupervisionSource {
    match s {
        SupervisionSourceV1::KeyWork => SupervisionSource::KeyWork,
        SupervisionSourceV1::MeetingDecision => SupervisionSource::MeetingDecision,
        SupervisionSourceV1::Instruction => SupervisionSource::Instruction,
        SupervisionSourceV1::Project => SupervisionSource::Project,
        SupervisionSourceV1::Other => SupervisionSource::Other,
    }
}

fn link(l: LinkV1) -> Link {
    Link {
        id: l.id,
        rel: match l.rel {
            LinkRelV1::Source => LinkRel::Source,
            LinkRelV1::Derived => LinkRel::Derived,
            LinkRelV1::Related => LinkRel::Related,
        },
    }
}

fn note(n: NoteV1) -> Note {
    Note {
        at: n.at,
        by: n.by,
        text: n.text,
    }
}

/// An item of schema 1 as today's `Item`.
pub fn item(v: ItemV1) -> Item {
    let st = status(v.status);
    let data = match v.data {
        KindDataV1::Inbox(d) => KindData::Inbox(InboxData {
            channel: d.channel.map(channel),
            from: d.from,
            received: d.received,
            reference: d.reference,
            phone: d.phone,
            close_reason: d.close_reason,
            routed_to: d.routed_to,
        }),
        KindDataV1::Incoming(d) => KindData::Incoming(IncomingData {
            from_org: d.from_org,
            reference: d.reference,
            doc_type: d.doc_type.map(doc_type),
            copies: d.copies,
            received_on: d.received_on,
            proposal: d.proposal,
            instruction: d.instruction,
            lead_unit: d.lead_unit,
            assisting: d.assisting,
            for_reading: d.for_reading,
            result: d.result,
            signed_at: Some(v.created),
            signed_by: v.created_by.clone(),
            returns: vec![],
            circulation: vec![],
        }),
        KindDataV1::Outgoing(d) => KindData::Outgoing(OutgoingData {
            doc_type: doc_type(d.doc_type),
            prefix: d.prefix,
            doc_no: d.doc_no.map(|n| DocNo {
                prefix: n.prefix,
                year: n.year,
                seq: n.seq,
            }),
            signer: d.signer,
            recipients: d.recipients,
            copy_to: d.copy_to,
            copies: d.copies,
            copy_no: d.copy_no,
            sign_date: d.sign_date,
            round: 0,
            gates: vec![],
            cosigners: vec![],
            cosigned: vec![],
            distribution: vec![],
        }),
        KindDataV1::Meeting(d) => KindData::Meeting(MeetingData {
            meeting_type: meeting_type(d.meeting_type),
            start: d.start,
            end: d.end,
            room: d.room,
            chair: d.chair,
            attendees: d.attendees,
            agenda: d.agenda,
            notice: d.notice,
            signed_in: d.signed_in,
            minutes: d.minutes,
        }),
        KindDataV1::Affair(d) => KindData::Affair(AffairData {
            affair_type: affair_type(d.affair_type),
            assigned_by: d.assigned_by,
            instruction: d.instruction,
            contact: d.contact,
            contact_unit: d.contact_unit,
            phone: d.phone,
            started: d.started,
            duration_secs: d.duration_secs,
            follow_up: d.follow_up,
            result: d.result,
        }),
        KindDataV1::Supervision(d) => KindData::Supervision(SupervisionData {
            source: source(d.source),
            lead_unit: d.lead_unit,
            assisting: d.assisting,
            report: ReportCycle::from_days(d.report_every_days),
            result: d.result,
            reminders: d.reminders,
            assigned_on: None,
            accepted_at: None,
            accepted_by: String::new(),
            progress: vec![],
            reminded: vec![],
            completed_on: matches!(st, Status::Completed | Status::Settled)
                .then(|| time::local_date(v.updated)),
            verified_by: String::new(),
        }),
    };
    Item {
        id: v.id,
        kind: kind(v.kind),
        code: v.code,
        title: v.title,
        status: st,
        urgency: urgency(v.urgency),
        classification: classification(v.classification),
        secrecy_years: v.secrecy_years,
        unit: v.unit,
        handler: v.handler,
        created_by: v.created_by,
        created: v.created,
        updated_by: v.updated_by,
        updated: v.updated,
        deadline: v.deadline,
        links: v.links.into_iter().map(link).collect(),
        version: v.version,
        body: v.body,
        notes: v.notes.into_iter().map(note).collect(),
        data,
    }
}

/// A history entry of schema 1 (same fields today).
pub fn history(v: HistoryEntryV1) -> HistoryEntry {
    HistoryEntry {
        item: v.item,
        version: v.version,
        at: v.at,
        by: v.by,
        action: v.action,
        note: v.note,
        changes: v
            .changes
            .into_iter()
            .map(|c| Change {
                field: if c.field == "report_every_days" {
                    "report_cycle".into()
                } else {
                    c.field
                },
                before: c.before,
                after: c.after,
            })
            .collect(),
    }
}

/// An audit entry of schema 1 (same fields today).
pub fn audit(v: AuditEntryV1) -> AuditEntry {
    AuditEntry {
        at: v.at,
        user: v.user,
        action: v.action,
        item: v.item,
        detail: v.detail,
    }
}

/// A user of schema 1 (same fields today).
pub fn user(v: UserV1) -> User {
    User {
        login: v.login,
        uid: v.uid,
        display: v.display,
        unit: v.unit,
        role: role(v.role),
        clearance: classification(v.clearance),
        disabled: v.disabled,
    }
}

/// A unit of schema 1 (same fields today).
pub fn unit(v: UnitV1) -> Unit {
    Unit {
        key: v.key,
        name: v.name,
        abbreviations: v.abbreviations,
        phone: v.phone,
        doc_prefix: v.doc_prefix,
    }
}

/// A person of schema 1 (same fields today).
pub fn person(v: PersonV1) -> Person {
    Person {
        id: v.id,
        name: v.name,
        unit: v.unit,
        title: v.title,
        phones: v.phones,
        notes: v.notes,
    }
}
