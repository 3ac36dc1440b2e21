//! The generator's other half: 辦會 (meetings over the coming four weeks, a
//! few recent ones with minutes), 辦事 (交辦, 電話記錄, 接待, 後勤) and 督查
//! (the whole chain, with overdue, imminent and distant deadlines).

use chrono::{Duration, NaiveDateTime, NaiveTime};

use crate::model::{
    time, AffairData, AffairType, Item, Kind, KindData, MeetingData, MeetingType, Progress,
    Reminder, ReminderReason, ReportCycle, Status, SupervisionData, SupervisionSource,
};

use super::gen::{Gen, BY, DAY};
use super::titles::weighted;
use super::topics::{ISSUES, LOGISTICS, ROOMS};
use super::units::{OFFICE, UNITS, UPPER};

const FUTURE_MEETING: &[(Status, u32)] = &[
    (Status::Planning, 45),
    (Status::Notified, 45),
    (Status::Cancelled, 10),
];

const PAST_MEETING: &[(Status, u32)] = &[
    (Status::Held, 30),
    (Status::Minuted, 40),
    (Status::Archived, 30),
];

const IN_BIG_ROOM: &[(MeetingType, u32)] = &[
    (MeetingType::Executive, 60),
    (MeetingType::Plenary, 10),
    (MeetingType::Topical, 30),
];

const IN_SMALL_ROOM: &[(MeetingType, u32)] = &[
    (MeetingType::Topical, 50),
    (MeetingType::Office, 30),
    (MeetingType::Other, 20),
];

const AFFAIR_TYPES: &[(AffairType, u32)] = &[
    (AffairType::Assigned, 30),
    (AffairType::PhoneCall, 35),
    (AffairType::Reception, 15),
    (AffairType::Logistics, 20),
];

const AFFAIR: &[(Status, u32)] = &[
    (Status::Registered, 25),
    (Status::Handling, 35),
    (Status::Completed, 25),
    (Status::Archived, 15),
];

const SOURCES: &[(SupervisionSource, u32)] = &[
    (SupervisionSource::KeyWork, 30),
    (SupervisionSource::MeetingDecision, 25),
    (SupervisionSource::Instruction, 25),
    (SupervisionSource::Project, 15),
    (SupervisionSource::Other, 5),
];

const SUPERVISION: &[(Status, u32)] = &[
    (Status::Filed, 8),
    (Status::Assigned, 14),
    (Status::Handling, 35),
    (Status::Urging, 15),
    (Status::Completed, 15),
    (Status::Verified, 5),
    (Status::Settled, 8),
];

/// Start times of the morning and the afternoon sessions.
const STARTS: [[(u32, u32); 3]; 2] = [[(9, 0), (9, 30), (10, 0)], [(14, 30), (15, 0), (15, 30)]];

impl Gen<'_> {
    // ---- 辦會 ----

    /// A meeting: most in the coming four weeks (each in its own room and
    /// half day while slots last), a fifth already held.
    pub fn meeting(&mut self) -> Item {
        let (topic, tu) = self.topic();
        let past = self.rng.u8(..10) < 2;
        let (day, half, room) = if past || self.slots.is_empty() {
            let back = self.rng.i64(1..=28);
            let day = self.workday(self.today - Duration::days(back));
            (day, self.rng.u8(..2), self.rng.usize(..ROOMS.len()))
        } else {
            let s = self.slots[self.next_slot % self.slots.len()];
            self.next_slot += 1;
            s
        };
        let (h, m) = self.pick(&STARTS[half as usize]);
        let start = NaiveDateTime::new(day, NaiveTime::from_hms_opt(h, m, 0).expect("valid time"));
        let end = start + Duration::minutes(self.pick(&[60, 90, 120, 150]));
        let start_ts = time::from_local(start);
        let status = if past || start_ts <= self.now {
            weighted(&mut self.rng, PAST_MEETING)
        } else {
            weighted(&mut self.rng, FUTURE_MEETING)
        };
        let kind = if room == 0 {
            weighted(&mut self.rng, IN_BIG_ROOM)
        } else {
            weighted(&mut self.rng, IN_SMALL_ROOM)
        };
        let title = match kind {
            // Numbered in date order once all meetings exist (`number_meetings`).
            MeetingType::Executive => "市政府常務會議".to_string(),
            MeetingType::Plenary => "市政府全體會議".to_string(),
            MeetingType::Office => "市政府辦公室主任辦公會議".to_string(),
            MeetingType::Topical if self.rng.bool() => format!("{topic}專題會議"),
            MeetingType::Topical => format!("{topic}工作推進會"),
            MeetingType::Other => format!("{topic}工作調度會"),
        };
        let chair = match kind {
            MeetingType::Executive | MeetingType::Plenary => self.gov_head(),
            MeetingType::Office => self.dir.name(self.dir.heads[OFFICE]).to_string(),
            _ => self.leader(),
        };
        // 議題: the meeting's own topic first; executive meetings take more.
        let mut units = vec![tu];
        let mut agenda = vec![format!("{}：關於{topic}工作情況的匯報", UNITS[tu].name)];
        if matches!(kind, MeetingType::Executive | MeetingType::Plenary) {
            for _ in 0..1 + self.rng.usize(..3) {
                let (t, u) = self.topic();
                if !units.contains(&u) {
                    units.push(u);
                    agenda.push(format!("{}：關於{t}有關事項的匯報", UNITS[u].name));
                }
            }
        }
        for _ in 0..1 + self.rng.usize(..3) {
            let u = self.other_unit();
            if !units.contains(&u) {
                units.push(u);
            }
        }
        let dir = self.dir;
        let mut attendees: Vec<String> = vec![];
        if matches!(kind, MeetingType::Executive | MeetingType::Plenary) {
            attendees.extend(dir.leaders.iter().map(|p| dir.name(*p).to_string()));
        }
        attendees.extend(units.iter().map(|u| dir.name(dir.heads[*u]).to_string()));
        attendees.retain(|a| *a != chair);
        let created = if past {
            (start_ts - self.rng.i64(1..10) * DAY - self.rng.i64(0..=5_400))
                .max(self.now - 89 * DAY)
        } else {
            self.ago(14)
        };
        let mut it = self.base(Kind::Meeting, title, status, created);
        it.unit = UNITS[OFFICE].name.to_string();
        it.handler = self.handler(OFFICE);
        it.deadline = match status {
            Status::Planning | Status::Notified => Some(day),
            Status::Held => Some(self.workday(day + Duration::days(3))),
            Status::Minuted => Some(self.workday(day + Duration::days(7))),
            _ => None,
        };
        let mut d = MeetingData {
            meeting_type: kind,
            start: Some(start),
            end: Some(end),
            room: ROOMS[room].to_string(),
            chair,
            attendees,
            agenda,
            notice: String::new(),
            signed_in: vec![],
            minutes: String::new(),
        };
        if status != Status::Planning {
            d.notice = format!(
                "定於{}在{}召開{}，請出席人員提前十分鐘到場簽到。",
                start.format("%Y年%m月%d日 %H:%M"),
                d.room,
                it.title
            );
        }
        if matches!(status, Status::Held | Status::Minuted | Status::Archived) {
            d.signed_in = d.attendees.clone();
            if d.signed_in.len() > 3 && self.rng.bool() {
                d.signed_in.pop();
            }
        }
        if matches!(status, Status::Minuted | Status::Archived) {
            d.minutes = format!(
                "會議聽取了{}關於{topic}工作情況的匯報。會議議定：一、由{}牽頭，兩週內提出具體方案；二、各有關單位密切配合，按時報送進展。",
                UNITS[tu].name, UNITS[tu].name
            );
        }
        if status == Status::Cancelled {
            let n = self.note(created, "取消原因：主持人另有公務，會議另行安排。".into());
            it.notes.push(n);
        }
        it.data = KindData::Meeting(d);
        it
    }

    /// Numbers the 常務會議 and 全體會議 in date order, after the meetings
    /// that supervision items and minutes refer to (`meeting_no` and before).
    pub fn number_meetings(&self, items: &mut [Item]) {
        let mut meetings: Vec<(NaiveDateTime, usize)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| match &it.data {
                KindData::Meeting(m)
                    if matches!(
                        m.meeting_type,
                        MeetingType::Executive | MeetingType::Plenary
                    ) =>
                {
                    m.start.map(|s| (s, i))
                }
                _ => None,
            })
            .collect();
        meetings.sort();
        let (mut executive, mut plenary) = (self.meeting_no, 2);
        for (_, i) in meetings {
            let it = &mut items[i];
            let KindData::Meeting(m) = &mut it.data else {
                continue;
            };
            let n = if m.meeting_type == MeetingType::Executive {
                executive += 1;
                executive
            } else {
                plenary += 1;
                plenary
            };
            let title = it.title.replacen("市政府", &format!("市政府第{n}次"), 1);
            m.notice = m.notice.replacen(&it.title, &title, 1);
            it.title = title;
        }
    }

    // ---- 辦事 ----

    /// An errand: a leader's assignment, a call, a reception or logistics.
    pub fn affair(&mut self) -> Item {
        let kind = weighted(&mut self.rng, AFFAIR_TYPES);
        let status = weighted(&mut self.rng, AFFAIR);
        let (topic, tu) = self.topic();
        let created = self.ago(90);
        let dir = self.dir;
        let mut d = AffairData {
            affair_type: kind,
            assigned_by: String::new(),
            instruction: String::new(),
            contact: String::new(),
            contact_unit: String::new(),
            phone: String::new(),
            started: None,
            duration_secs: 0,
            follow_up: String::new(),
            result: String::new(),
        };
        let mut owner = OFFICE;
        let mut body = String::new();
        let title = match kind {
            AffairType::Assigned => {
                d.assigned_by = self.leader();
                d.instruction = format!("請抓緊了解{topic}有關情況，一週內形成書面報告。");
                owner = if self.rng.bool() { OFFICE } else { tu };
                if self.rng.bool() {
                    format!("落實市領導關於{topic}工作的批示要求")
                } else {
                    format!("調研{topic}有關情況並形成報告")
                }
            }
            AffairType::PhoneCall => {
                d.started = Some(created);
                d.duration_secs = self.rng.u32(30..=1500);
                if self.rng.u8(..10) < 6 {
                    let staff = &dir.staff[tu];
                    let p = staff[self.rng.usize(..staff.len())];
                    let person = &dir.people[p];
                    d.contact = person.name.clone();
                    d.contact_unit = UNITS[tu].name.to_string();
                    d.phone = person.phones[self.rng.usize(..2)].clone();
                    d.follow_up = format!("已記錄，報辦公室主任閱知後回覆{}。", UNITS[tu].name);
                    if self.rng.bool() {
                        format!("{}來電詢問{topic}專項資金撥付進度", UNITS[tu].name)
                    } else {
                        format!("{}來電協調{topic}會議時間", UNITS[tu].name)
                    }
                } else {
                    let c = &dir.citizens[self.rng.usize(..dir.citizens.len())];
                    let issue = self.pick(ISSUES);
                    d.contact = c.0.clone();
                    d.phone = c.1.clone();
                    d.follow_up = "已記錄，轉有關部門核實處理並回覆來電人。".into();
                    body = format!("來電人反映{issue}，情緒平穩，希望三日內得到答復。");
                    format!("市民來電反映{issue}")
                }
            }
            AffairType::Reception => {
                let org = if self.rng.bool() {
                    self.pick(UPPER).0
                } else {
                    UNITS[self.local_unit()].name
                };
                let c = &dir.citizens[self.rng.usize(..dir.citizens.len())];
                d.contact = c.0.clone();
                d.phone = c.1.clone();
                d.contact_unit = org.to_string();
                d.started = Some(if status == Status::Registered {
                    self.now + self.rng.i64(DAY..10 * DAY)
                } else {
                    self.after(created)
                });
                d.follow_up = "安排第二會議室座談，會後陪同實地察看。".into();
                format!("接待{org}{topic}調研組")
            }
            AffairType::Logistics => {
                d.follow_up = "已聯繫機關事務管理中心。".into();
                self.pick(LOGISTICS).to_string()
            }
        };
        if matches!(status, Status::Completed | Status::Archived) {
            d.result = "已辦結，情況已報送交辦領導。".into();
        }
        let mut it = self.base(Kind::Affair, title, status, created);
        it.unit = UNITS[owner].name.to_string();
        it.handler = self.handler(owner);
        it.body = body;
        it.deadline = if status.is_open() {
            (self.rng.u8(..10) < 8).then(|| self.open_deadline(created, 10, 20))
        } else {
            self.rng.bool().then(|| self.past_deadline(created))
        };
        it.data = KindData::Affair(d);
        it
    }

    // ---- 督查 ----

    /// A supervised task anywhere on 立項 → 交辦 → 承辦 → 催辦 → 辦結 → 複核 → 銷號.
    pub fn supervision(&mut self) -> Item {
        let source = weighted(&mut self.rng, SOURCES);
        let status = weighted(&mut self.rng, SUPERVISION);
        let (topic, tu) = self.topic();
        let created = self.ago(90);
        let title = match source {
            SupervisionSource::KeyWork => format!("{}年重點工作任務：{topic}", self.year),
            SupervisionSource::MeetingDecision => format!(
                "市政府第{}次常務會議議定事項：{topic}",
                self.meeting_no - self.rng.u32(..8)
            ),
            SupervisionSource::Instruction => format!("領導批示件：{topic}有關問題整改落實"),
            SupervisionSource::Project => format!("{topic}重大項目推進"),
            SupervisionSource::Other => format!("{topic}專項督查"),
        };
        let lead = UNITS[tu].name;
        let mut d = SupervisionData {
            source,
            lead_unit: lead.to_string(),
            assisting: vec![],
            report: match self.pick(&[0, 7, 7, 14, 30]) {
                30 => ReportCycle::Monthly,
                n => ReportCycle::from_days(n),
            },
            result: String::new(),
            reminders: 0,
            assigned_on: None,
            accepted_at: None,
            accepted_by: String::new(),
            progress: vec![],
            reminded: vec![],
            completed_on: None,
            verified_by: String::new(),
        };
        for _ in 0..self.rng.usize(..4) {
            let a = UNITS[self.other_unit()].name;
            if a != lead && !d.assisting.iter().any(|x| x == a) {
                d.assisting.push(a.to_string());
            }
        }
        let mut it = self.base(Kind::Supervision, title, status, created);
        it.unit = lead.to_string();
        it.handler = self.handler(tu);
        it.deadline = match status {
            Status::Filed => self.rng.bool().then(|| self.open_deadline(created, 0, 15)),
            Status::Completed | Status::Verified | Status::Settled => {
                Some(self.past_deadline(created))
            }
            _ => Some(self.open_deadline(created, 25, 15)),
        };
        d.reminders = match status {
            Status::Urging => self.rng.u32(1..=4),
            Status::Handling | Status::Completed | Status::Verified | Status::Settled => {
                self.rng.u32(..2)
            }
            _ => 0,
        };
        if matches!(
            status,
            Status::Handling
                | Status::Urging
                | Status::Completed
                | Status::Verified
                | Status::Settled
        ) {
            d.accepted_at = Some(created + DAY);
            d.accepted_by = BY.to_string();
            for _ in 0..1 + self.rng.usize(..2) {
                let n = self.note(
                    created,
                    format!("進展：{lead}已完成階段性任務，正在推進後續工作。"),
                );
                d.progress.push(Progress {
                    on: time::local_date(n.at),
                    at: n.at,
                    by: BY.to_string(),
                    text: n.text.trim_start_matches("進展：").to_string(),
                    milestone: false,
                });
                it.notes.push(n);
            }
            d.progress.sort_by_key(|p| p.at);
        }
        if status != Status::Filed {
            d.assigned_on = Some(time::local_date(created));
        }
        if status == Status::Urging {
            let n = self.note(
                created,
                format!("第{}次催辦：請於期限前報送辦理進展。", d.reminders),
            );
            d.reminded.push(Reminder {
                on: time::local_date(n.at),
                at: n.at,
                by: BY.to_string(),
                reason: ReminderReason::Manual,
                text: n.text.clone(),
            });
            it.notes.push(n);
        }
        if matches!(
            status,
            Status::Completed | Status::Verified | Status::Settled
        ) {
            d.result = format!("{lead}已完成{topic}各項任務，辦結報告已報送。");
            d.completed_on = Some(time::local_date(it.updated));
        }
        if matches!(status, Status::Verified | Status::Settled) {
            d.verified_by = BY.to_string();
        }
        it.notes.sort_by_key(|n| n.at);
        it.data = KindData::Supervision(d);
        it
    }
}
