//! Fields by name. Intake, export, `shuniu set`, `:set` in the TUI, forms and
//! history all speak of fields by these names, so one table serves them all
//! and a value is validated in exactly one place.

use chrono::{NaiveDate, NaiveDateTime};

use super::{
    dates, time, AffairType, Channel, Classification, DocType, Item, Kind, KindData, MeetingType,
    Problem, ReportCycle, SupervisionSource, Urgency, ValidationError, ValueError, WorkCalendar,
};

/// What a date value is relative to, for `+3工作日` and friends.
#[derive(Debug, Clone, Copy)]
pub struct DateCtx<'a> {
    /// The day the clerk is typing on.
    pub today: NaiveDate,
    /// The working-day calendar.
    pub cal: &'a WorkCalendar,
}

/// One named field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The name used everywhere (intake, export, `:set`).
    pub name: &'static str,
    /// The 繁體 label on forms and in history.
    pub label: &'static str,
    /// The kinds that have it; empty means every kind.
    pub kinds: &'static [Kind],
    /// Set by the system (id, status, 文號…), never by hand.
    pub system: bool,
    /// Long text, edited in `$EDITOR` when wanted.
    pub long: bool,
}

const fn f(name: &'static str, label: &'static str, kinds: &'static [Kind]) -> FieldSpec {
    FieldSpec {
        name,
        label,
        kinds,
        system: false,
        long: false,
    }
}
const fn sys(name: &'static str, label: &'static str, kinds: &'static [Kind]) -> FieldSpec {
    FieldSpec {
        name,
        label,
        kinds,
        system: true,
        long: false,
    }
}
const fn long(name: &'static str, label: &'static str, kinds: &'static [Kind]) -> FieldSpec {
    FieldSpec {
        name,
        label,
        kinds,
        system: false,
        long: true,
    }
}

const ALL: &[Kind] = &[];
const IB: &[Kind] = &[Kind::Inbox];
const IN: &[Kind] = &[Kind::Incoming];
const OUT: &[Kind] = &[Kind::Outgoing];
const DOCS: &[Kind] = &[Kind::Incoming, Kind::Outgoing];
const MT: &[Kind] = &[Kind::Meeting];
const AF: &[Kind] = &[Kind::Affair];
const SV: &[Kind] = &[Kind::Supervision];
const FROM: &[Kind] = &[Kind::Inbox, Kind::Incoming];
const PHONE: &[Kind] = &[Kind::Inbox, Kind::Affair];
const LEAD: &[Kind] = &[Kind::Incoming, Kind::Supervision];
const RESULT: &[Kind] = &[Kind::Incoming, Kind::Affair, Kind::Supervision];
const INSTR: &[Kind] = &[Kind::Incoming, Kind::Affair];
const TYPE: &[Kind] = &[Kind::Meeting, Kind::Affair, Kind::Supervision];

/// Every field, in the order forms and exports show them.
pub const FIELDS: &[FieldSpec] = &[
    sys("id", "編號", ALL),
    sys("kind", "類別", ALL),
    sys("code", "代碼", ALL),
    sys("status", "狀態", ALL),
    f("title", "標題", ALL),
    f("urgency", "緊急程度", ALL),
    f("classification", "密級", ALL),
    f("secrecy_years", "保密期限(年)", ALL),
    f("unit", "承辦單位", ALL),
    f("handler", "經辦人", ALL),
    f("deadline", "期限", ALL),
    long("body", "內容", ALL),
    f("channel", "來源渠道", IB),
    f("from", "來文機關/來電人", FROM),
    f("received", "收到時間", IB),
    f("ref", "來文字號", FROM),
    f("phone", "電話", PHONE),
    sys("close_reason", "關閉原因", IB),
    sys("routed_to", "分辦至", IB),
    f("doc_type", "文種", DOCS),
    f("copies", "份數", DOCS),
    f("received_on", "收文日期", IN),
    long("proposal", "擬辦意見", IN),
    long("instruction", "批辦/交辦意見", INSTR),
    f("lead_unit", "主辦單位", LEAD),
    f("assisting", "協辦單位", LEAD),
    f("for_reading", "閱知件", IN),
    long("result", "辦理結果", RESULT),
    f("prefix", "機關代字", OUT),
    sys("doc_no", "發文字號", OUT),
    f("signer", "簽發人", OUT),
    f("recipients", "主送機關", OUT),
    f("copy_to", "抄送機關", OUT),
    f("copy_no", "份號", OUT),
    f("sign_date", "成文日期", OUT),
    f("type", "類型", TYPE),
    f("start", "開始時間", MT),
    f("end", "結束時間", MT),
    f("room", "會議室", MT),
    f("chair", "主持人", MT),
    f("attendees", "出席人員", MT),
    long("agenda", "議題", MT),
    long("notice", "會議通知", MT),
    f("signed_in", "簽到", MT),
    long("minutes", "會議紀要", MT),
    f("assigned_by", "交辦人", AF),
    f("contact", "來電/來訪人", AF),
    f("contact_unit", "來電/來訪單位", AF),
    f("started", "開始時間", AF),
    f("duration", "通話時長", AF),
    long("follow_up", "後續安排", AF),
    f("report_cycle", "報送頻次", SV),
    sys("reminders", "催辦次數", SV),
    // Schema 2: the records kept inside an item (see `fields_ext.rs`).
    f("signed_at", "簽收時間", IN),
    sys("signed_by", "簽收人", IN),
    sys("returns", "退文記錄", IN),
    sys("circulation", "傳閱中", IN),
    sys("gates", "審核四關", OUT),
    f("cosigners", "會簽單位", OUT),
    sys("cosigned", "已會簽", OUT),
    f("distribution", "分送", OUT),
    sys("assigned_on", "交辦日期", SV),
    sys("accepted", "簽收", SV),
    sys("progress", "進展", SV),
    sys("completed_on", "辦結日期", SV),
    sys("verified_by", "複核人", SV),
    sys("version", "版本", ALL),
    sys("created", "建立時間", ALL),
    sys("created_by", "建立人", ALL),
    sys("updated", "更新時間", ALL),
    sys("updated_by", "更新人", ALL),
];

/// The spec of a field by name, if it exists at all.
pub fn spec(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.name == name)
}

/// The fields an item of `kind` has, in display order.
pub fn fields_of(kind: Kind) -> impl Iterator<Item = &'static FieldSpec> {
    FIELDS
        .iter()
        .filter(move |f| f.kinds.is_empty() || f.kinds.contains(&kind))
}

pub(super) fn list(v: &[String]) -> String {
    v.join("、")
}

pub(super) fn parse_list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；', '\n'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// 主辦/牽頭單位: exactly one; the others are 協辦 (`assisting`).
fn one_unit(v: &str) -> Result<String, ValueError> {
    let units = parse_list(v);
    if units.len() > 1 {
        return Err(ValueError::of(Problem::OneLeadUnit));
    }
    Ok(units.into_iter().next().unwrap_or_default())
}

pub(super) fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn opt_dt(d: Option<NaiveDateTime>) -> String {
    d.map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

fn parse_u32(s: &str) -> Result<u32, ValueError> {
    s.trim().parse().map_err(|_| {
        ValueError::of(Problem::NotWholeNumber {
            got: super::sanitize::escape(s),
        })
    })
}

fn parse_bool(s: &str) -> Result<bool, ValueError> {
    match s.trim() {
        "是" | "true" | "yes" | "1" | "閱知" | "阅知" | "閱知件" => Ok(true),
        "否" | "false" | "no" | "0" | "批辦" | "批办" | "批辦件" | "" => Ok(false),
        other => Err(ValueError::not_one_of("yes/no value", other, &["是", "否"])),
    }
}

/// 份號: six digits (GB/T 9704 7.2.1).
fn parse_copy_no(s: &str) -> Result<String, ValueError> {
    let t = s.trim();
    if t.is_empty() || (t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit())) {
        Ok(t.to_string())
    } else {
        Err(ValueError::of(Problem::CopyNo {
            got: super::sanitize::escape(t),
        }))
    }
}

fn parse_phone(s: &str) -> Result<String, ValueError> {
    let t = s.trim();
    let ok = t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' ' | '(' | ')' | '轉' | '转'));
    if ok && t.len() <= 40 {
        Ok(t.to_string())
    } else {
        Err(ValueError::of(Problem::Phone {
            got: super::sanitize::escape(t),
        }))
    }
}

/// Call length: seconds, `mm:ss`, or `h:mm:ss`.
fn parse_duration(s: &str) -> Result<u32, ValueError> {
    let t = s.trim();
    let parts: Result<Vec<u32>, _> = t.split(':').map(|p| p.parse::<u32>()).collect();
    match parts.as_deref() {
        Ok([s]) => Ok(*s),
        Ok([m, s]) if *s < 60 => Ok(m * 60 + s),
        Ok([h, m, s]) if *m < 60 && *s < 60 => Ok(h * 3600 + m * 60 + s),
        _ => Err(ValueError::of(Problem::Duration {
            got: super::sanitize::escape(t),
        })),
    }
}

fn fmt_duration(secs: u32) -> String {
    if secs == 0 {
        String::new()
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

fn parse_opt_date(s: &str, ctx: &DateCtx) -> Result<Option<NaiveDate>, ValueError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        dates::parse_date(s, ctx.today, ctx.cal).map(Some)
    }
}

pub(super) fn parse_opt_dt(s: &str, ctx: &DateCtx) -> Result<Option<NaiveDateTime>, ValueError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        dates::parse_datetime(s, ctx.today, ctx.cal).map(Some)
    }
}

impl Item {
    /// The value of a named field as text (empty when unset); `None` when
    /// this kind has no such field.
    pub fn get(&self, name: &str) -> Option<String> {
        let common = match name {
            "id" => Some(self.id.to_string()),
            "kind" => Some(self.kind.label().to_string()),
            "code" => Some(self.code.clone()),
            "status" => Some(self.status.label().to_string()),
            "title" => Some(self.title.clone()),
            "urgency" => Some(self.urgency.label().to_string()),
            "classification" => Some(self.classification.label().to_string()),
            "secrecy_years" => Some(
                self.secrecy_years
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
            ),
            "unit" => Some(self.unit.clone()),
            "handler" => Some(self.handler.clone()),
            "deadline" => Some(opt_date(self.deadline)),
            "body" => Some(self.body.clone()),
            "version" => Some(self.version.to_string()),
            "created" => Some(time::format_ts(self.created)),
            "created_by" => Some(self.created_by.clone()),
            "updated" => Some(time::format_ts(self.updated)),
            "updated_by" => Some(self.updated_by.clone()),
            _ => None,
        };
        if common.is_some() {
            return common;
        }
        let s = |v: &String| Some(v.clone());
        match (&self.data, name) {
            (KindData::Inbox(d), "channel") => {
                Some(d.channel.map(|c| c.label().to_string()).unwrap_or_default())
            }
            (KindData::Inbox(d), "from") => s(&d.from),
            (KindData::Inbox(d), "received") => Some(time::format_ts(d.received)),
            (KindData::Inbox(d), "ref") => s(&d.reference),
            (KindData::Inbox(d), "phone") => s(&d.phone),
            (KindData::Inbox(d), "close_reason") => s(&d.close_reason),
            (KindData::Inbox(d), "routed_to") => {
                Some(d.routed_to.map(|i| i.to_string()).unwrap_or_default())
            }
            (KindData::Incoming(d), "from") => s(&d.from_org),
            (KindData::Incoming(d), "ref") => s(&d.reference),
            (KindData::Incoming(d), "doc_type") => Some(
                d.doc_type
                    .map(|t| t.label().to_string())
                    .unwrap_or_default(),
            ),
            (KindData::Incoming(d), "copies") => Some(d.copies.to_string()),
            (KindData::Incoming(d), "received_on") => Some(opt_date(d.received_on)),
            (KindData::Incoming(d), "proposal") => s(&d.proposal),
            (KindData::Incoming(d), "instruction") => s(&d.instruction),
            (KindData::Incoming(d), "lead_unit") => s(&d.lead_unit),
            (KindData::Incoming(d), "assisting") => Some(list(&d.assisting)),
            (KindData::Incoming(d), "for_reading") => {
                Some(if d.for_reading { "是" } else { "否" }.into())
            }
            (KindData::Incoming(d), "result") => s(&d.result),
            (KindData::Outgoing(d), "doc_type") => Some(d.doc_type.label().to_string()),
            (KindData::Outgoing(d), "copies") => Some(d.copies.to_string()),
            (KindData::Outgoing(d), "prefix") => s(&d.prefix),
            (KindData::Outgoing(d), "doc_no") => {
                Some(d.doc_no.as_ref().map(|n| n.to_string()).unwrap_or_default())
            }
            (KindData::Outgoing(d), "signer") => s(&d.signer),
            (KindData::Outgoing(d), "recipients") => s(&d.recipients),
            (KindData::Outgoing(d), "copy_to") => s(&d.copy_to),
            (KindData::Outgoing(d), "copy_no") => s(&d.copy_no),
            (KindData::Outgoing(d), "sign_date") => Some(opt_date(d.sign_date)),
            (KindData::Meeting(d), "type") => Some(d.meeting_type.label().to_string()),
            (KindData::Meeting(d), "start") => Some(opt_dt(d.start)),
            (KindData::Meeting(d), "end") => Some(opt_dt(d.end)),
            (KindData::Meeting(d), "room") => s(&d.room),
            (KindData::Meeting(d), "chair") => s(&d.chair),
            (KindData::Meeting(d), "attendees") => Some(list(&d.attendees)),
            (KindData::Meeting(d), "agenda") => Some(d.agenda.join("\n")),
            (KindData::Meeting(d), "notice") => s(&d.notice),
            (KindData::Meeting(d), "signed_in") => Some(list(&d.signed_in)),
            (KindData::Meeting(d), "minutes") => s(&d.minutes),
            (KindData::Affair(d), "type") => Some(d.affair_type.label().to_string()),
            (KindData::Affair(d), "assigned_by") => s(&d.assigned_by),
            (KindData::Affair(d), "instruction") => s(&d.instruction),
            (KindData::Affair(d), "contact") => s(&d.contact),
            (KindData::Affair(d), "contact_unit") => s(&d.contact_unit),
            (KindData::Affair(d), "phone") => s(&d.phone),
            (KindData::Affair(d), "started") => {
                Some(d.started.map(time::format_ts).unwrap_or_default())
            }
            (KindData::Affair(d), "duration") => Some(fmt_duration(d.duration_secs)),
            (KindData::Affair(d), "follow_up") => s(&d.follow_up),
            (KindData::Affair(d), "result") => s(&d.result),
            (KindData::Supervision(d), "type") => Some(d.source.label().to_string()),
            (KindData::Supervision(d), "lead_unit") => s(&d.lead_unit),
            (KindData::Supervision(d), "assisting") => Some(list(&d.assisting)),
            (KindData::Supervision(d), "report_cycle") => Some(d.report.label()),
            (KindData::Supervision(d), "result") => s(&d.result),
            (KindData::Supervision(d), "reminders") => Some(d.reminders.to_string()),
            _ => super::fields_ext::get(&self.data, name),
        }
    }

    /// Sets a named field from text as a clerk typed it. The error names the
    /// field and says what was wrong; on error the item is unchanged.
    pub fn set(&mut self, name: &str, value: &str, ctx: &DateCtx) -> Result<(), ValidationError> {
        let Some(sp) = spec(name) else {
            return Err(ValidationError::of(
                name,
                Problem::NoSuchField {
                    kind: self.kind,
                    fields: fields_of(self.kind)
                        .filter(|f| !f.system)
                        .map(|f| f.name.to_string())
                        .collect(),
                },
            ));
        };
        if sp.system {
            return Err(ValidationError::of(name, Problem::SystemField));
        }
        if !(sp.kinds.is_empty() || sp.kinds.contains(&self.kind)) {
            return Err(ValidationError::of(
                name,
                Problem::NotOfKind { kind: self.kind },
            ));
        }
        let mut next = self.clone();
        next.set_unchecked(name, value, ctx)
            .map_err(|e| ValidationError::at(name, e))?;
        *self = next;
        Ok(())
    }

    fn set_unchecked(&mut self, name: &str, v: &str, ctx: &DateCtx) -> Result<(), ValueError> {
        let text = || v.trim().to_string();
        match name {
            "title" => {
                let t = v.trim();
                if t.is_empty() {
                    return Err(ValueError::of(Problem::Empty));
                }
                if t.chars().count() > 500 {
                    return Err(ValueError::of(Problem::TooLong { max: 500 }));
                }
                self.title = t.to_string();
                return Ok(());
            }
            "urgency" => {
                self.urgency = Urgency::parse(v)?;
                return Ok(());
            }
            "classification" => {
                let c = Classification::parse(v)?;
                self.classification = c;
                self.secrecy_years = if c.is_classified() {
                    self.secrecy_years.or(c.default_term_years())
                } else {
                    None
                };
                return Ok(());
            }
            "secrecy_years" => {
                if v.trim().is_empty() {
                    self.secrecy_years = self.classification.default_term_years();
                } else {
                    let y = parse_u32(v)?;
                    if !(1..=30).contains(&y) {
                        return Err(ValueError::of(Problem::SecrecyYears));
                    }
                    if !self.classification.is_classified() {
                        return Err(ValueError::of(Problem::SecrecyUnclassified));
                    }
                    self.secrecy_years = Some(y as u16);
                }
                return Ok(());
            }
            "unit" => {
                self.unit = text();
                return Ok(());
            }
            "handler" => {
                self.handler = text();
                return Ok(());
            }
            "deadline" => {
                self.deadline = parse_opt_date(v, ctx)?;
                return Ok(());
            }
            "body" => {
                self.body = v.to_string();
                return Ok(());
            }
            _ => {}
        }
        match (&mut self.data, name) {
            (KindData::Inbox(d), "channel") => {
                d.channel = if v.trim().is_empty() {
                    None
                } else {
                    Some(Channel::parse(v)?)
                }
            }
            (KindData::Inbox(d), "from") => d.from = text(),
            (KindData::Inbox(d), "received") => {
                d.received = match parse_opt_dt(v, ctx)? {
                    Some(dt) => time::from_local(dt),
                    None => return Err(ValueError::of(Problem::Empty)),
                }
            }
            (KindData::Inbox(d), "ref") => d.reference = text(),
            (KindData::Inbox(d), "phone") => d.phone = parse_phone(v)?,
            (KindData::Incoming(d), "from") => d.from_org = text(),
            (KindData::Incoming(d), "ref") => d.reference = text(),
            (KindData::Incoming(d), "doc_type") => {
                d.doc_type = if v.trim().is_empty() {
                    None
                } else {
                    Some(DocType::parse(v)?)
                }
            }
            (KindData::Incoming(d), "copies") => d.copies = parse_u32(v)?,
            (KindData::Incoming(d), "received_on") => d.received_on = parse_opt_date(v, ctx)?,
            (KindData::Incoming(d), "proposal") => d.proposal = v.to_string(),
            (KindData::Incoming(d), "instruction") => d.instruction = v.to_string(),
            (KindData::Incoming(d), "lead_unit") => d.lead_unit = one_unit(v)?,
            (KindData::Incoming(d), "assisting") => d.assisting = parse_list(v),
            (KindData::Incoming(d), "for_reading") => d.for_reading = parse_bool(v)?,
            (KindData::Incoming(d), "result") => d.result = v.to_string(),
            (KindData::Outgoing(d), "doc_type") => d.doc_type = DocType::parse(v)?,
            (KindData::Outgoing(d), "copies") => d.copies = parse_u32(v)?,
            (KindData::Outgoing(d), "prefix") => {
                let p = text();
                if p.chars()
                    .any(|c| c.is_ascii_digit() || "〔〕[]號号".contains(c))
                {
                    return Err(ValueError::of(Problem::PrefixOnly));
                }
                d.prefix = p;
            }
            (KindData::Outgoing(d), "signer") => d.signer = text(),
            (KindData::Outgoing(d), "recipients") => d.recipients = text(),
            (KindData::Outgoing(d), "copy_to") => d.copy_to = text(),
            (KindData::Outgoing(d), "copy_no") => d.copy_no = parse_copy_no(v)?,
            (KindData::Outgoing(d), "sign_date") => d.sign_date = parse_opt_date(v, ctx)?,
            (KindData::Meeting(d), "type") => d.meeting_type = MeetingType::parse(v)?,
            (KindData::Meeting(d), "start") => d.start = parse_opt_dt(v, ctx)?,
            (KindData::Meeting(d), "end") => d.end = parse_opt_dt(v, ctx)?,
            (KindData::Meeting(d), "room") => d.room = text(),
            (KindData::Meeting(d), "chair") => d.chair = text(),
            (KindData::Meeting(d), "attendees") => d.attendees = parse_list(v),
            (KindData::Meeting(d), "agenda") => {
                d.agenda = v
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            }
            (KindData::Meeting(d), "notice") => d.notice = v.to_string(),
            (KindData::Meeting(d), "signed_in") => d.signed_in = parse_list(v),
            (KindData::Meeting(d), "minutes") => d.minutes = v.to_string(),
            (KindData::Affair(d), "type") => d.affair_type = AffairType::parse(v)?,
            (KindData::Affair(d), "assigned_by") => d.assigned_by = text(),
            (KindData::Affair(d), "instruction") => d.instruction = v.to_string(),
            (KindData::Affair(d), "contact") => d.contact = text(),
            (KindData::Affair(d), "contact_unit") => d.contact_unit = text(),
            (KindData::Affair(d), "phone") => d.phone = parse_phone(v)?,
            (KindData::Affair(d), "started") => {
                d.started = parse_opt_dt(v, ctx)?.map(time::from_local)
            }
            (KindData::Affair(d), "duration") => {
                d.duration_secs = if v.trim().is_empty() {
                    0
                } else {
                    parse_duration(v)?
                }
            }
            (KindData::Affair(d), "follow_up") => d.follow_up = v.to_string(),
            (KindData::Affair(d), "result") => d.result = v.to_string(),
            (KindData::Supervision(d), "type") => d.source = SupervisionSource::parse(v)?,
            (KindData::Supervision(d), "lead_unit") => d.lead_unit = one_unit(v)?,
            (KindData::Supervision(d), "assisting") => d.assisting = parse_list(v),
            (KindData::Supervision(d), "report_cycle") => d.report = ReportCycle::parse(v)?,
            (KindData::Supervision(d), "result") => d.result = v.to_string(),
            (data, name) => super::fields_ext::set(data, name, v, ctx)?,
        }
        Ok(())
    }

    /// Whole-record rules that no single field can check. Run before every save.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.title.trim().is_empty() {
            return Err(ValidationError::of("title", Problem::Empty));
        }
        if self.classification.is_classified() && self.secrecy_years.is_none() {
            return Err(ValidationError::of("secrecy_years", Problem::SecrecyNeeded));
        }
        if self.kind == Kind::Incoming && self.urgency > Urgency::Normal && self.deadline.is_none()
        {
            return Err(ValidationError::of(
                "deadline",
                Problem::DeadlineNeeded {
                    urgency: self.urgency,
                },
            ));
        }
        if let KindData::Meeting(d) = &self.data {
            if let (Some(s), Some(e)) = (d.start, d.end) {
                if e <= s {
                    return Err(ValidationError::of("end", Problem::EndBeforeStart));
                }
            }
        }
        if self.data.kind() != self.kind {
            return Err(ValidationError::of("kind", Problem::WrongKindData));
        }
        Ok(())
    }
}
