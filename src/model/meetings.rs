//! 辦會: conflicts shown before a meeting is saved (the room double-booked,
//! too small, an attendee or the chair already booked), the week a date
//! falls in, the 會議通知 text, the sign-in rule, and who counts as a leader
//! for the leaders' schedule (領導日程).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};
use serde::Deserialize;

use super::{cn_date, Item, KindData, MeetingData, Person, Reason, RuleError, Status};

/// A meeting room as the administrator lists it (`[[rooms]]` in the config).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Room {
    /// Its name, as meetings name it.
    pub name: String,
    /// Seats.
    pub capacity: u32,
}

/// How long a meeting without an end is taken to last.
const DEFAULT_HOURS: i64 = 2;

fn span(d: &MeetingData) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let s = d.start?;
    Some((s, d.end.unwrap_or(s + Duration::hours(DEFAULT_HOURS))))
}

fn meeting(it: &Item) -> Option<&MeetingData> {
    match &it.data {
        KindData::Meeting(d) if it.status != Status::Cancelled => Some(d),
        _ => None,
    }
}

/// Everyone a meeting books: its chair and its attendees.
pub fn people(d: &MeetingData) -> Vec<&str> {
    let mut v: Vec<&str> = vec![];
    for p in std::iter::once(&d.chair).chain(&d.attendees) {
        let p = p.trim();
        if !p.is_empty() && !v.contains(&p) {
            v.push(p);
        }
    }
    v
}

/// One clash of a meeting, as data: the CLI prints it in words (`Display`),
/// the workbench says it in the clerk's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// The room has fewer seats than people invited.
    TooSmall {
        /// The room.
        room: String,
        /// Its seats.
        capacity: u32,
        /// People invited (the chair and the attendees).
        people: usize,
    },
    /// The room is not one the administrator listed.
    NotListed {
        /// The room named.
        room: String,
        /// The rooms listed.
        rooms: Vec<String>,
    },
    /// The room is booked by another meeting at an overlapping time.
    RoomBooked {
        /// The room.
        room: String,
        /// When the other meeting is (`11-26 09:00–11:00`).
        when: String,
        /// The other meeting's code.
        code: String,
        /// Its title.
        title: String,
    },
    /// The chair or an attendee is in another meeting at the same time.
    Busy {
        /// Who.
        person: String,
        /// When the other meeting is.
        when: String,
        /// The other meeting's code.
        code: String,
        /// Its title.
        title: String,
    },
}

impl std::fmt::Display for Clash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Clash::TooSmall {
                room,
                capacity,
                people,
            } => write!(
                f,
                "{room} seats {capacity}, but {people} people are invited"
            ),
            Clash::NotListed { room, rooms } => {
                write!(f, "{room} is not a listed room ({})", rooms.join("、"))
            }
            Clash::RoomBooked {
                room,
                when,
                code,
                title,
            } => write!(f, "{room} is booked {when} by {code} {title}"),
            Clash::Busy {
                person,
                when,
                code,
                title,
            } => write!(f, "{person} is already in {code} {title} ({when})"),
        }
    }
}

/// What clashes with meeting `m`: the room booked at an overlapping time,
/// the room too small or not listed, the chair or an attendee in another
/// meeting at the same time. Empty when nothing does. `others` may include `m`.
pub fn clashes(m: &Item, others: &[Item], rooms: &[Room]) -> Vec<Clash> {
    let Some(d) = meeting(m) else {
        return vec![];
    };
    let mut out = vec![];
    let room = rooms.iter().find(|r| r.name == d.room.trim());
    if let Some(r) = room {
        let n = people(d).len();
        if n > r.capacity as usize {
            out.push(Clash::TooSmall {
                room: r.name.clone(),
                capacity: r.capacity,
                people: n,
            });
        }
    } else if !d.room.trim().is_empty() && !rooms.is_empty() {
        out.push(Clash::NotListed {
            room: d.room.trim().to_string(),
            rooms: rooms.iter().map(|r| r.name.clone()).collect(),
        });
    }
    let Some((s, e)) = span(d) else {
        return out;
    };
    for o in others.iter().filter(|o| o.id != m.id || m.id == 0) {
        let Some(od) = meeting(o) else { continue };
        if std::ptr::eq(o, m) {
            continue;
        }
        let Some((os, oe)) = span(od) else { continue };
        if !(s < oe && os < e) {
            continue;
        }
        let when = format!("{}–{}", os.format("%m-%d %H:%M"), oe.format("%H:%M"));
        if !d.room.trim().is_empty() && od.room.trim() == d.room.trim() {
            out.push(Clash::RoomBooked {
                room: d.room.trim().to_string(),
                when: when.clone(),
                code: o.code.clone(),
                title: o.title.clone(),
            });
        }
        let theirs = people(od);
        for p in people(d).into_iter().filter(|p| theirs.contains(p)) {
            out.push(Clash::Busy {
                person: p.to_string(),
                when: when.clone(),
                code: o.code.clone(),
                title: o.title.clone(),
            });
        }
    }
    out
}

/// [`clashes`] in words, as the CLI prints them.
pub fn conflicts(m: &Item, others: &[Item], rooms: &[Room]) -> Vec<String> {
    clashes(m, others, rooms)
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The fields whose change can make a meeting clash: a `set` of any of them
/// is checked as a new meeting is.
pub const SCHEDULE_FIELDS: &[&str] = &["start", "end", "room", "chair", "attendees"];

/// The clashes `after` brings that `before` did not have: every clash of a
/// new meeting (`before` is `None`), and for an edit only those the edit
/// causes, so a change of room is not refused for a clash it did not make.
/// `others` may include the meeting itself (any version).
pub fn new_clashes(
    before: Option<&Item>,
    after: &Item,
    others: &[Item],
    rooms: &[Room],
) -> Vec<Clash> {
    let had = before
        .map(|b| clashes(b, others, rooms))
        .unwrap_or_default();
    clashes(after, others, rooms)
        .into_iter()
        .filter(|c| !had.contains(c))
        .collect()
}

/// [`new_clashes`] in words, as the CLI prints them.
pub fn new_conflicts(
    before: Option<&Item>,
    after: &Item,
    others: &[Item],
    rooms: &[Room],
) -> Vec<String> {
    new_clashes(before, after, others, rooms)
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The meetings of the week from `monday` (not cancelled, with a start in
/// that week), by start time: the week view of the CLI and the workbench.
pub fn week_meetings(items: &[Item], monday: NaiveDate) -> Vec<&Item> {
    let sunday = monday + Duration::days(6);
    let mut ms: Vec<&Item> = items
        .iter()
        .filter(|it| {
            meeting(it)
                .and_then(|d| d.start)
                .is_some_and(|s| (monday..=sunday).contains(&s.date()))
        })
        .collect();
    ms.sort_by_key(|it| (meeting(it).and_then(|d| d.start), it.id));
    ms
}

/// The week's meetings per person (the chair and the attendees), names in
/// order; with `leaders_only`, only the leaders' (領導日程, see
/// [`is_leader`]). `week` is [`week_meetings`]' answer.
pub fn by_person<'a>(
    week: &[&'a Item],
    leaders_only: bool,
    directory: &[Person],
) -> Vec<(String, Vec<&'a Item>)> {
    let mut who: std::collections::BTreeMap<String, Vec<&'a Item>> = Default::default();
    for it in week {
        if let Some(d) = meeting(it) {
            for p in people(d)
                .into_iter()
                .filter(|p| !leaders_only || is_leader(p, directory))
            {
                who.entry(p.to_string()).or_default().push(it);
            }
        }
    }
    who.into_iter().collect()
}

/// The statuses in which 簽到 is recorded: notified (people arrive and sign
/// in as it opens) or held (late arrivals). Not while 籌備 (nobody has been
/// told yet), nor once the 紀要 is out, cancelled or filed.
pub const SIGNIN_STATUSES: &[Status] = &[Status::Notified, Status::Held];

/// The names among `names` that the meeting did not invite (neither its chair
/// nor an attendee), in the order given.
pub fn uninvited<'a>(d: &MeetingData, names: &'a [String]) -> Vec<&'a str> {
    let invited = people(d);
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty() && !invited.contains(n))
        .collect()
}

/// The 簽到 rule, checked by `core` on every edit: the sign-in list may only
/// change while the meeting is 已通知 or 已召開, and only to names it invited
/// (a 列席 guest is added to the attendees first, or in the same edit).
pub fn signin_ok(before: &Item, after: &Item) -> Result<(), RuleError> {
    let (KindData::Meeting(b), KindData::Meeting(a)) = (&before.data, &after.data) else {
        return Ok(());
    };
    if a.signed_in == b.signed_in {
        return Ok(());
    }
    if !SIGNIN_STATUSES.contains(&after.status) {
        return Err(RuleError::refused(
            "簽到",
            Reason::SigninStatus {
                code: after.code.clone(),
                status: after.status,
            },
        ));
    }
    let unknown = uninvited(a, &a.signed_in);
    if !unknown.is_empty() {
        return Err(RuleError::refused(
            "簽到",
            Reason::NotInvited {
                code: after.code.clone(),
                names: unknown.iter().map(|n| super::sanitize::escape(n)).collect(),
            },
        ));
    }
    Ok(())
}

/// Posts that make a person a leader on the leaders' schedule: the city's
/// 市長 and 副市長, the 秘書長, and their like in districts and counties.
pub const LEADER_TITLES: &[&str] = &[
    "市長",
    "常務副市長",
    "副市長",
    "秘書長",
    "副秘書長",
    "區長",
    "副區長",
    "縣長",
    "副縣長",
    "書記",
    "副書記",
];

/// Whether a post is a leader's (`市長`, `常務副市長`, `秘書長` …).
pub fn is_leader_title(title: &str) -> bool {
    LEADER_TITLES.contains(&title.trim())
}

/// Whether `name`, as a meeting lists it, is a leader: a person of the
/// directory with a leader's post, or — for a name the directory does not
/// know — a name that itself ends in one (`王市長`).
pub fn is_leader(name: &str, directory: &[Person]) -> bool {
    let name = name.trim();
    let known: Vec<&Person> = directory.iter().filter(|p| p.name == name).collect();
    if known.is_empty() {
        return LEADER_TITLES
            .iter()
            .any(|t| name.len() > t.len() && name.ends_with(t));
    }
    known.iter().any(|p| is_leader_title(&p.title))
}

/// The Monday and Sunday of the week `day` is in.
pub fn week_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let mon = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    (mon, mon + Duration::days(6))
}

/// 星期一 … 星期日.
pub fn weekday_cn(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn numeral(i: usize) -> String {
    NUMERALS
        .get(i)
        .map(|s| s.to_string())
        .unwrap_or_else(|| (i + 1).to_string())
}

/// The 會議通知 of a meeting, in the office's usual form, dated `today` and
/// issued by `issuer` (e.g. 市政府辦公室).
pub fn notice_text(it: &Item, issuer: &str, today: NaiveDate) -> String {
    let Some(d) = meeting(it) else {
        return String::new();
    };
    let mut s = format!("關於召開{}的通知\n\n", it.title);
    if !d.attendees.is_empty() {
        s += &format!("{}：\n\n", d.attendees.join("、"));
    }
    let when = match d.start {
        Some(t) => {
            let half = if t.hour() < 12 { "上午" } else { "下午" };
            let h = if t.hour() > 12 {
                t.hour() - 12
            } else {
                t.hour()
            };
            let min = if t.minute() == 0 {
                String::new()
            } else {
                format!("{}分", t.minute())
            };
            format!(
                "{}（{}）{half}{h}時{min}",
                cn_date(t.date()),
                weekday_cn(t.date())
            )
        }
        None => "另行通知的時間".into(),
    };
    let room = if d.room.trim().is_empty() {
        String::new()
    } else {
        format!("在{}", d.room.trim())
    };
    let chair = if d.chair.trim().is_empty() {
        String::new()
    } else {
        format!("，由{}主持", d.chair.trim())
    };
    s += &format!(
        "　　經研究，定於{when}{room}召開{}{chair}。現將有關事項通知如下：\n",
        it.title
    );
    let mut n = 0;
    if !d.agenda.is_empty() {
        s += &format!("　　{}、會議議題\n", numeral(n));
        for (i, a) in d.agenda.iter().enumerate() {
            s += &format!("　　（{}）{}\n", numeral(i), a.trim());
        }
        n += 1;
    }
    if !d.attendees.is_empty() {
        s += &format!(
            "　　{}、出席人員\n　　{}\n",
            numeral(n),
            d.attendees.join("、")
        );
        n += 1;
    }
    s += &format!(
        "　　{}、有關要求\n　　請出席人員提前10分鐘到場簽到。因故不能出席的，請提前向{issuer}請假。\n\n",
        numeral(n)
    );
    s += &format!("{issuer}\n{}\n", cn_date(today));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn mt(id: u64, room: &str, start: &str, end: &str, people: &[&str]) -> Item {
        let mut it = Item::new(Kind::Meeting, format!("會議{id}"), "t", 0);
        it.id = id;
        it.code = format!("會2026-{id:04}");
        let p = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
        if let KindData::Meeting(d) = &mut it.data {
            d.room = room.into();
            d.start = p(start);
            d.end = p(end);
            d.chair = people[0].into();
            d.attendees = people[1..].iter().map(|s| s.to_string()).collect();
        }
        it
    }

    #[test]
    fn rooms_and_people_clash_only_when_times_overlap() {
        let rooms = vec![Room {
            name: "第一會議室".into(),
            capacity: 2,
        }];
        let a = mt(
            1,
            "第一會議室",
            "2026-11-26 09:00",
            "2026-11-26 11:00",
            &["王市長", "李局長"],
        );
        let b = mt(
            2,
            "第一會議室",
            "2026-11-26 10:30",
            "2026-11-26 12:00",
            &["趙主任"],
        );
        let c = mt(
            3,
            "第二會議室",
            "2026-11-26 10:00",
            "",
            &["李局長", "錢科長", "孫科長"],
        );
        let d = mt(
            4,
            "第一會議室",
            "2026-11-26 11:00",
            "2026-11-26 12:00",
            &["王市長"],
        );
        let all = vec![a.clone(), b.clone(), c.clone(), d.clone()];
        let got = conflicts(&a, &all, &rooms);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].contains("第一會議室 is booked") && got[0].contains("會2026-0002"));
        assert!(got[1].contains("李局長 is already in 會2026-0003"));
        // Back to back is no clash; an unlisted room and a full room are named.
        assert!(conflicts(&d, &[a.clone(), d.clone()], &rooms).is_empty());
        let got = conflicts(&c, std::slice::from_ref(&c), &rooms);
        assert!(got[0].contains("not a listed room"), "{got:?}");
        let mut big = a.clone();
        if let KindData::Meeting(m) = &mut big.data {
            m.attendees.push("周科長".into());
        }
        assert!(conflicts(&big, &[], &rooms)[0].contains("seats 2, but 3"));
        let mut gone = b;
        gone.status = Status::Cancelled;
        assert_eq!(conflicts(&a, &[gone, c], &rooms).len(), 1);
    }

    #[test]
    fn an_edit_is_refused_only_for_the_clashes_it_makes() {
        let rooms = vec![Room {
            name: "第一會議室".into(),
            capacity: 10,
        }];
        let a = mt(
            1,
            "第一會議室",
            "2026-11-26 09:00",
            "2026-11-26 11:00",
            &["王市長"],
        );
        let b = mt(
            2,
            "第二會議室",
            "2026-11-26 10:00",
            "2026-11-26 12:00",
            &["王市長", "李局長"],
        );
        let all = vec![a.clone(), b.clone()];
        // b already clashes with a over 王市長; moving b into a's room adds the room.
        let mut moved = b.clone();
        if let KindData::Meeting(d) = &mut moved.data {
            d.room = "第一會議室".into();
        }
        let got = new_conflicts(Some(&b), &moved, &all, &rooms);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].contains("第一會議室 is booked"), "{got:?}");
        // Moving b to the afternoon clears every clash: nothing new.
        let mut later = b.clone();
        if let KindData::Meeting(d) = &mut later.data {
            d.start = NaiveDateTime::parse_from_str("2026-11-26 14:00", "%Y-%m-%d %H:%M").ok();
            d.end = None;
        }
        assert!(new_conflicts(Some(&b), &later, &all, &rooms).is_empty());
        // A new meeting: every clash is new (a's chair; an unlisted room).
        let mut fresh = b.clone();
        fresh.id = 0;
        let got = new_conflicts(None, &fresh, std::slice::from_ref(&a), &rooms);
        assert_eq!(got, conflicts(&fresh, &[a], &rooms));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].contains("not a listed room") && got[1].contains("王市長"),
            "{got:?}"
        );
    }

    #[test]
    fn sign_in_only_while_notified_or_held_and_only_the_invited() {
        let before = mt(
            1,
            "第一會議室",
            "2026-11-26 09:00",
            "",
            &["王市長", "李局長"],
        );
        let with = |status: Status, names: &[&str]| {
            let mut it = before.clone();
            it.status = status;
            if let KindData::Meeting(d) = &mut it.data {
                d.signed_in = names.iter().map(|s| s.to_string()).collect();
            }
            it
        };
        let at = |s: Status| {
            let mut b = before.clone();
            b.status = s;
            b
        };
        for s in [Status::Notified, Status::Held] {
            assert!(signin_ok(&at(s), &with(s, &["李局長", "王市長"])).is_ok());
        }
        for s in [
            Status::Planning,
            Status::Minuted,
            Status::Cancelled,
            Status::Archived,
        ] {
            let e = signin_ok(&at(s), &with(s, &["李局長"])).unwrap_err();
            assert!(e.to_string().contains("已通知 or 已召開"), "{s}: {e}");
        }
        let e = signin_ok(
            &at(Status::Held),
            &with(Status::Held, &["李局長", "錢科長", "孫科長"]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("錢科長、孫科長") && e.contains("attendees"),
            "{e}"
        );
        // An edit that leaves the list alone is never refused.
        assert!(signin_ok(&at(Status::Planning), &at(Status::Planning)).is_ok());
    }

    #[test]
    fn leaders_by_post_in_the_directory_or_by_name() {
        let p = |name: &str, title: &str| Person {
            id: 0,
            name: name.into(),
            unit: "szf".into(),
            title: title.into(),
            phones: vec![],
            notes: String::new(),
        };
        let dir = vec![
            p("李明", "常務副市長"),
            p("趙剛", "局長"),
            p("孫麗", "秘書長"),
        ];
        assert!(is_leader("李明", &dir));
        assert!(is_leader(" 孫麗 ", &dir));
        assert!(!is_leader("趙剛", &dir));
        // Not in the directory: the name says it.
        assert!(is_leader("王市長", &dir));
        assert!(!is_leader("錢科長", &dir));
        assert!(!is_leader("市長", &[]), "a bare post is no one");
    }

    #[test]
    fn the_notice_reads_as_the_office_writes_it() {
        let mut it = mt(
            1,
            "第一會議室",
            "2026-11-26 14:30",
            "",
            &["王市長", "李局長", "趙主任"],
        );
        if let KindData::Meeting(d) = &mut it.data {
            d.agenda = vec!["市教育局：校舍改造".into()];
        }
        let t = notice_text(
            &it,
            "市政府辦公室",
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        );
        assert!(
            t.starts_with("關於召開會議1的通知\n\n李局長、趙主任：\n"),
            "{t}"
        );
        assert!(
            t.contains(
                "定於2026年11月26日（星期四）下午2時30分在第一會議室召開會議1，由王市長主持"
            ),
            "{t}"
        );
        assert!(
            t.contains("一、會議議題\n　　（一）市教育局：校舍改造"),
            "{t}"
        );
        assert!(t.contains("三、有關要求"), "{t}");
        assert!(t.ends_with("市政府辦公室\n2026年11月25日\n"), "{t}");
        assert_eq!(
            week_of(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()).0,
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }
}
