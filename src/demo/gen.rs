//! The item generator: shared draws (time, urgency, classification,
//! deadlines, handlers) and the document kinds (收件, 收文, 發文). Meetings,
//! affairs and supervision are in `work.rs`.

use chrono::{Datelike, Duration, NaiveDate};
use fastrand::Rng;

use crate::model::{
    time, Channel, Classification, DocType, InboxData, IncomingData, Item, Kind, KindData, Note,
    OutgoingData, Status, Timestamp, Urgency, WorkCalendar,
};

use super::directory::Directory;
use super::titles::{self, weighted};
use super::topics::{CLOSE_REASONS, GATES, ISSUES, TOPICS};
use super::units::{is_local, GOV, OFFICE, UNITS, UPPER};

pub(super) const DAY: i64 = 86_400;
/// Who the demo writes as.
pub(super) const BY: &str = "demo";

/// The 收文 fixture: a 請示 from 市教育局 with 來文字號 `市教發〔2026〕45號`.
pub const FIXTURE_TITLE: &str = "市教育局關於校舍安全工作的請示";
/// The fixture's 來文字號.
pub const FIXTURE_REF: &str = "市教發〔2026〕45號";

const URGENCY: &[(Urgency, u32)] = &[
    (Urgency::Normal, 80),
    (Urgency::Urgent, 15),
    (Urgency::Immediate, 5),
];

const CLASSIFICATION: &[(Classification, u32)] = &[
    (Classification::Public, 450),
    (Classification::Internal, 455),
    (Classification::Secret, 60),
    (Classification::Confidential, 30),
    (Classification::TopSecret, 5),
];

const INBOX: &[(Status, u32)] = &[
    (Status::Pending, 70),
    (Status::Routed, 20),
    (Status::Closed, 10),
];

const CHANNELS: &[(Channel, u32)] = &[
    (Channel::Letter, 30),
    (Channel::Call, 30),
    (Channel::Mail, 10),
    (Channel::Visit, 10),
    (Channel::Platform, 20),
];

/// 收文 statuses in chain order (退回 sits beside 登記).
const INCOMING_CHAIN: &[Status] = &[
    Status::Received,
    Status::Registered,
    Status::Reviewed,
    Status::Proposed,
    Status::Instructed,
    Status::Handling,
    Status::Circulating,
    Status::Urging,
    Status::Completed,
    Status::Archived,
];

const INCOMING: &[(Status, u32)] = &[
    (Status::Received, 5),
    (Status::Registered, 8),
    (Status::Reviewed, 6),
    (Status::Returned, 2),
    (Status::Proposed, 8),
    (Status::Instructed, 8),
    (Status::Handling, 20),
    (Status::Circulating, 5),
    (Status::Urging, 8),
    (Status::Completed, 15),
    (Status::Archived, 15),
];

/// 發文 stops at 簽發: numbers are allocated by the real workflow (編號), so
/// the store's sequences stay gapless.
const OUTGOING: &[(Status, u32)] = &[
    (Status::Drafting, 40),
    (Status::Reviewing, 35),
    (Status::Approved, 25),
];

/// Draws everything from one seeded generator, in a fixed order.
pub(super) struct Gen<'a> {
    pub rng: Rng,
    pub dir: &'a Directory,
    pub now: Timestamp,
    pub today: NaiveDate,
    pub year: i32,
    /// Per topic: the index of the unit that leads it.
    pub topic_unit: Vec<usize>,
    pub cal: WorkCalendar,
    /// Meeting slots (working day, half day, room), shuffled; used in turn.
    pub slots: Vec<(NaiveDate, u8, usize)>,
    pub next_slot: usize,
    /// The next 常務會議/全體會議 number.
    pub meeting_no: u32,
}

impl<'a> Gen<'a> {
    /// A generator over `dir` with the clock at `now`.
    pub fn new(mut rng: Rng, dir: &'a Directory, now: Timestamp) -> Gen<'a> {
        let today = time::local_date(now);
        let cal = WorkCalendar::builtin();
        let topic_unit = TOPICS
            .iter()
            .map(|(_, key)| {
                UNITS
                    .iter()
                    .position(|u| u.key == *key)
                    .expect("every topic names a unit")
            })
            .collect();
        let mut slots = vec![];
        for d in 1..=28 {
            let day = today + Duration::days(d);
            if cal.is_workday(day) {
                for half in 0..2 {
                    for room in 0..super::topics::ROOMS.len() {
                        slots.push((day, half, room));
                    }
                }
            }
        }
        rng.shuffle(&mut slots);
        let meeting_no = 10 + rng.u32(..20);
        Gen {
            rng,
            dir,
            now,
            today,
            year: today.year(),
            topic_unit,
            cal,
            slots,
            next_slot: 0,
            meeting_no,
        }
    }

    // ---- shared draws ----

    /// One element of a slice.
    pub fn pick<T: Copy>(&mut self, s: &[T]) -> T {
        s[self.rng.usize(..s.len())]
    }

    /// A topic and the unit leading it.
    pub fn topic(&mut self) -> (&'static str, usize) {
        let i = self.rng.usize(..TOPICS.len());
        (TOPICS[i].0, self.topic_unit[i])
    }

    /// Any unit but the government and its office.
    pub fn other_unit(&mut self) -> usize {
        self.rng.usize(OFFICE + 1..UNITS.len())
    }

    /// A district or county.
    pub fn local_unit(&mut self) -> usize {
        loop {
            let u = self.other_unit();
            if is_local(u) {
                return u;
            }
        }
    }

    /// A moment in office hours (08:30–17:30) of the last `days` days,
    /// nearly always on a working day.
    pub fn ago(&mut self, days: i64) -> Timestamp {
        let midnight = time::from_local(self.today.and_hms_opt(0, 0, 0).expect("midnight"));
        loop {
            let back = self.rng.i64(0..days);
            let day = self.today - Duration::days(back);
            let on_duty = self.rng.u8(..20) == 0;
            let t = midnight - back * DAY + self.rng.i64(8 * 3600 + 1800..17 * 3600 + 1800);
            if (on_duty || self.cal.is_workday(day)) && t < self.now && t > self.now - days * DAY {
                return t;
            }
        }
    }

    /// A moment between `t` and now, in office hours when that day allows.
    pub fn after(&mut self, t: Timestamp) -> Timestamp {
        if t >= self.now {
            return t;
        }
        let c = t + self.rng.i64(0..=self.now - t);
        // Office midnight is 16:00 UTC.
        let midnight = c - (c + 8 * 3600).rem_euclid(DAY);
        let o = midnight + self.rng.i64(8 * 3600 + 1800..17 * 3600 + 1800);
        if o >= t && o <= self.now {
            o
        } else {
            c
        }
    }

    /// The name of someone in `unit` who handles its items.
    pub fn handler(&mut self, unit: usize) -> String {
        let staff = &self.dir.staff[unit];
        let p = staff[self.rng.usize(..staff.len())];
        self.dir.name(p).to_string()
    }

    /// The name of one of the city leaders.
    pub fn leader(&mut self) -> String {
        let p = self.dir.leaders[self.rng.usize(..self.dir.leaders.len())];
        self.dir.name(p).to_string()
    }

    /// The first working day on or after `d`.
    pub fn workday(&self, mut d: NaiveDate) -> NaiveDate {
        while !self.cal.is_workday(d) {
            d += Duration::days(1);
        }
        d
    }

    /// A deadline for an open item created at `created`: `overdue`% already
    /// past, `soon`% within three days, the rest up to two months out.
    pub fn open_deadline(&mut self, created: Timestamp, overdue: u32, soon: u32) -> NaiveDate {
        let age = (self.today - time::local_date(created)).num_days();
        let r = self.rng.u32(..100);
        if r < overdue && age >= 2 {
            // Overdue deadlines stay on the day they fell, weekend or not.
            return self.today - Duration::days(self.rng.i64(1..age.min(30)));
        }
        let d = if r < overdue + soon {
            self.rng.i64(0..=3)
        } else {
            self.rng.i64(4..=60)
        };
        let day = self.today + Duration::days(d);
        if d <= 3 {
            day
        } else {
            self.workday(day)
        }
    }

    /// The deadline a finished item had.
    pub fn past_deadline(&mut self, created: Timestamp) -> NaiveDate {
        time::local_date(created) + Duration::days(self.rng.i64(3..=30))
    }

    /// A new item with the draws every kind shares.
    pub fn base(&mut self, kind: Kind, title: String, status: Status, created: Timestamp) -> Item {
        let mut it = Item::new(kind, title, BY, created);
        it.status = status;
        it.urgency = weighted(&mut self.rng, URGENCY);
        it.classification = weighted(&mut self.rng, CLASSIFICATION);
        it.secrecy_years = it.classification.default_term_years();
        it.updated = self.after(created);
        it
    }

    /// A 來文字號 of `prefix`, never the fixture's.
    pub fn reference(&mut self, prefix: &str, created: Timestamp) -> String {
        let year = time::local_date(created).year();
        let mut n = self.rng.u32(1..=300);
        if year == 2026 && n == 45 && prefix == "市教發" {
            n = 46;
        }
        format!("{prefix}〔{year}〕{n}號")
    }

    /// A note written by the demo at a moment after `t`.
    pub fn note(&mut self, t: Timestamp, text: String) -> Note {
        Note {
            at: self.after(t),
            by: BY.to_string(),
            text,
        }
    }

    // ---- 收件 ----

    /// An incoming request: a document, call, letter, visit or platform message.
    pub fn inbox(&mut self) -> Item {
        let channel = weighted(&mut self.rng, CHANNELS);
        let status = weighted(&mut self.rng, INBOX);
        let created = self.ago(90);
        let mut d = InboxData {
            channel: Some(channel),
            received: created,
            ..InboxData::default()
        };
        let issue = self.pick(ISSUES);
        let mut body = String::new();
        let title = match channel {
            Channel::Letter => {
                let (org, prefix, dt, topic, _) = self.sender();
                d.from = org.to_string();
                d.reference = self.reference(prefix, created);
                titles::received(&mut self.rng, org, dt, topic, self.year)
            }
            Channel::Call if self.rng.bool() => {
                let (topic, unit) = self.topic();
                let p = self.caller(unit);
                d.from = self.dir.name(p).to_string();
                d.phone = self.dir.people[p].phones[self.rng.usize(..2)].clone();
                format!("{}來電詢問{topic}有關事項", UNITS[unit].name)
            }
            Channel::Call => {
                let (name, phone) = self.citizen();
                d.from = name;
                d.phone = phone;
                body = format!("來電人反映{issue}，請求有關部門儘快處理。");
                format!("市民來電反映{issue}")
            }
            Channel::Mail => {
                d.from = self.citizen().0;
                body = format!("來信反映{issue}，附現場照片三張。");
                format!("群眾來信反映{issue}")
            }
            Channel::Visit => {
                let (name, phone) = self.citizen();
                d.from = name;
                d.phone = phone;
                let u = self.local_unit();
                body = format!("來訪人反映{issue}，已做登記並留下聯繫電話。");
                format!("{}群眾來訪反映{issue}", UNITS[u].name)
            }
            Channel::Platform => {
                d.phone = self.citizen().1;
                if self.rng.bool() {
                    d.from = "政務服務便民熱線".into();
                    format!("政務服務便民熱線轉辦：{issue}")
                } else {
                    d.from = "市長信箱".into();
                    format!("市長信箱：關於{issue}的訴求")
                }
            }
        };
        if status == Status::Closed {
            d.close_reason = self.pick(CLOSE_REASONS).to_string();
        }
        let mut it = self.base(Kind::Inbox, title, status, created);
        it.unit = UNITS[OFFICE].name.to_string();
        it.handler = self.handler(OFFICE);
        it.body = body;
        if status.is_open() && self.rng.u8(..10) < 6 {
            it.deadline = Some(self.open_deadline(created, 10, 25));
        }
        it.data = KindData::Inbox(d);
        it
    }

    /// Someone of `unit` who calls the office (never the 張三 fixture, so
    /// that `zs` finds him first).
    fn caller(&mut self, unit: usize) -> usize {
        let staff = &self.dir.staff[unit];
        staff[self.rng.usize(..staff.len())]
    }

    /// A citizen and their mobile.
    fn citizen(&mut self) -> (String, String) {
        let c = &self.dir.citizens[self.rng.usize(..self.dir.citizens.len())];
        (c.0.clone(), c.1.clone())
    }

    /// Who sends the government a document: (org, its 機關代字, 文種, topic,
    /// the unit leading the topic).
    fn sender(&mut self) -> (&'static str, &'static str, DocType, &'static str, usize) {
        let (topic, tu) = self.topic();
        if self.rng.u8(..10) < 3 {
            let (org, prefix) = self.pick(UPPER);
            (
                org,
                prefix,
                weighted(&mut self.rng, titles::FROM_ABOVE),
                topic,
                tu,
            )
        } else {
            let u = if self.rng.u8(..10) < 7 {
                tu
            } else {
                self.local_unit()
            };
            let dt = weighted(&mut self.rng, titles::FROM_UNIT);
            (UNITS[u].name, UNITS[u].doc_prefix, dt, topic, tu)
        }
    }

    // ---- 收文 ----

    /// A received document somewhere along 簽收 → … → 歸檔.
    pub fn incoming(&mut self) -> Item {
        let (org, prefix, dt, topic, lead) = self.sender();
        let title = titles::received(&mut self.rng, org, dt, topic, self.year);
        let status = weighted(&mut self.rng, INCOMING);
        let created = self.ago(90);
        let rank = |s: Status| INCOMING_CHAIN.iter().position(|c| *c == s).unwrap_or(1);
        let r = rank(status);
        let mut it = self.base(Kind::Incoming, title, status, created);
        let owner = if r >= rank(Status::Handling) {
            lead
        } else {
            OFFICE
        };
        it.unit = UNITS[owner].name.to_string();
        it.handler = self.handler(owner);
        let urgent = it.urgency > Urgency::Normal;
        it.deadline = if status.is_open() {
            (urgent || status == Status::Urging || self.rng.u8(..100) < 85)
                .then(|| self.open_deadline(created, 15, 20))
        } else {
            (urgent || self.rng.bool()).then(|| self.past_deadline(created))
        };
        let leader = self.leader();
        let lead_name = UNITS[lead].name;
        let mut d = IncomingData {
            from_org: org.to_string(),
            reference: self.reference(prefix, created),
            doc_type: Some(dt),
            copies: self.rng.u32(1..=5),
            received_on: Some(time::local_date(created)),
            for_reading: matches!(dt, DocType::Bulletin | DocType::Report) && self.rng.u8(..10) < 3,
            ..IncomingData::default()
        };
        if r >= rank(Status::Proposed) {
            d.proposal = format!("擬請{leader}同志閱示，送{lead_name}研究辦理。");
        }
        if r >= rank(Status::Instructed) {
            d.instruction = format!("請{lead_name}牽頭研究辦理，按時報送結果。——{leader}");
            d.lead_unit = lead_name.to_string();
            for _ in 0..self.rng.usize(..3) {
                let a = UNITS[self.other_unit()].name;
                if a != lead_name && !d.assisting.iter().any(|x| x == a) {
                    d.assisting.push(a.to_string());
                }
            }
        }
        if matches!(status, Status::Completed | Status::Archived) {
            d.result = format!("已按批示要求辦結，{lead_name}已書面答復來文單位。");
        }
        if status == Status::Returned {
            let n = self.note(
                created,
                "退回原因：文種使用不當，請來文單位修改後重報。".into(),
            );
            d.returns.push(n.clone());
            it.notes.push(n);
        }
        d.signed_at = Some(created);
        d.signed_by = BY.to_string();
        if status == Status::Circulating {
            // Out with the leader who proposed it, since the last change.
            d.circulation.push(crate::model::Circulation {
                holder: leader.clone(),
                by: BY.to_string(),
                since: it.updated,
                back: None,
                chased: 0,
                last_chased: None,
            });
        }
        it.data = KindData::Incoming(d);
        it
    }

    /// The 收文 every demo tells: 市教育局's 請示 on 校舍安全, awaiting 擬辦.
    pub fn fixture(&mut self) -> Item {
        let created = self.now - 2 * DAY + 3_600;
        let mut it = Item::new(Kind::Incoming, FIXTURE_TITLE, BY, created);
        it.status = Status::Proposed;
        it.urgency = Urgency::Urgent;
        it.classification = Classification::Internal;
        it.unit = UNITS[OFFICE].name.to_string();
        it.handler = self.handler(OFFICE);
        it.updated = created + 1_800;
        it.deadline = Some(self.workday(self.today + Duration::days(3)));
        it.body = "我局擬於寒假期間對全市中小學校舍開展安全隱患排查整治，所需經費請予支持。".into();
        it.data = KindData::Incoming(IncomingData {
            from_org: UNITS[super::units::EDUCATION].name.to_string(),
            reference: FIXTURE_REF.to_string(),
            doc_type: Some(DocType::Request),
            copies: 2,
            received_on: Some(time::local_date(created)),
            proposal: "擬請分管教育工作的副市長閱示，送市教育局、市財政局研究辦理。".into(),
            signed_at: Some(created),
            signed_by: BY.to_string(),
            ..IncomingData::default()
        });
        it
    }

    // ---- 發文 ----

    /// A document the office is drafting, reviewing or has had signed.
    pub fn outgoing(&mut self) -> Item {
        let (topic, tu) = self.topic();
        let dt = weighted(&mut self.rng, titles::ISSUED);
        let no = self.meeting_no;
        let issued = titles::issued(&mut self.rng, dt, topic, UNITS[tu].name, self.year, no);
        let status = weighted(&mut self.rng, OUTGOING);
        let created = self.ago(90);
        let mut it = self.base(Kind::Outgoing, issued.title, status, created);
        let drafter = if self.rng.u8(..10) < 6 { OFFICE } else { tu };
        it.unit = UNITS[drafter].name.to_string();
        it.handler = self.handler(drafter);
        if self.rng.u8(..10) < 7 {
            it.deadline = Some(self.open_deadline(created, 10, 20));
        }
        let mut d = OutgoingData {
            doc_type: dt,
            prefix: issued.prefix.to_string(),
            doc_no: None,
            signer: String::new(),
            recipients: issued.recipients,
            copy_to: if self.rng.u8(..10) < 4 {
                "市委辦公室，市人大常委會辦公室，市政協辦公室".into()
            } else {
                String::new()
            },
            copies: self.rng.u32(2..=30) * 10,
            copy_no: if it.classification.is_classified() {
                format!("{:06}", self.rng.u32(1..1000))
            } else {
                String::new()
            },
            sign_date: None,
            round: 0,
            gates: vec![],
            cosigners: vec![],
            cosigned: vec![],
            distribution: vec![],
        };
        if status != Status::Drafting {
            d.round = 1;
        }
        if status == Status::Reviewing && self.rng.bool() {
            let gate = self.pick(GATES);
            let n = self.note(created, format!("{gate}：已通過，請送下一關審核。"));
            d.gates.push(passed(gate, n.at));
            it.notes.push(n);
        }
        if status == Status::Approved {
            d.signer = self.leader();
            let signed = self.after(created);
            d.sign_date = Some(time::local_date(signed));
            // Signed documents passed all four gates of 審核 before 簽發.
            for (i, gate) in GATES.iter().enumerate() {
                d.gates.push(passed(gate, created + 3_600 * (i as i64 + 1)));
            }
        }
        it.data = KindData::Outgoing(d);
        it
    }

    /// The 市長, who chairs the 常務會議 and 全體會議.
    pub fn gov_head(&self) -> String {
        self.dir.name(self.dir.heads[GOV]).to_string()
    }
}

/// A gate of 審核 passed by the demo's reviewer in the first round.
fn passed(gate: &str, at: Timestamp) -> crate::model::GateMark {
    crate::model::GateMark {
        gate: crate::model::Gate::parse(gate).expect("a gate name"),
        round: 1,
        passed: true,
        by: BY.to_string(),
        at,
        comment: String::new(),
    }
}
