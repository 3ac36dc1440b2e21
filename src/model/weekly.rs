//! The 周報 (weekly summary): what came in each day of a week, what was
//! registered and finished per kind, how the 督查 items finished that week
//! came out, who holds overdue work, which meetings were held, and what falls
//! due next week. Pure counting over items and the days their statuses
//! changed (taken from their history by the caller), so it can be checked
//! against a fixture counted by hand.
//!
//! The rules:
//!
//! * The week runs Monday to Sunday around the day asked for.
//! * **收件 per day**: 收件 created on each day of the week.
//! * **Registered**: items of each kind created in the week.
//! * **Finished**: items of each kind that reached their kind's finishing
//!   step in the week — 收件 分辦 or 關閉, 收文 and 辦事 辦結, 發文 核發, 會議
//!   出紀要, 督查 辦結 — counted once however often it happened.
//! * **督查 finished on time / late**: 督查 items 辦結 in the week (their
//!   `completed_on`, else the day of the move), on time when on or before the
//!   deadline (an item without a deadline is on time).
//! * **Overdue by unit**: open items past their deadline on the day the report
//!   is written (`as_of`), by responsible unit as the dashboard counts them.
//! * **Meetings held**: meetings not cancelled, held (已召開 or later), whose
//!   start is in the week (without a start: the day of 召開).
//! * **Next week**: open items whose deadline falls in the following week,
//!   soonest first.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::dashboard::{overdue_by_unit, week_start, UnitCount};
use super::{time, HistoryEntry, Item, ItemId, Kind, KindData, Status};

/// The days an item entered each status, oldest first (from its history).
pub type StatusDays = Vec<(NaiveDate, Status)>;

/// The statuses that mark a kind's work as finished.
pub fn finishing(kind: Kind) -> &'static [Status] {
    match kind {
        Kind::Inbox => &[Status::Routed, Status::Closed],
        Kind::Incoming | Kind::Affair | Kind::Supervision => &[Status::Completed],
        Kind::Outgoing => &[Status::Issued],
        Kind::Meeting => &[Status::Minuted],
    }
}

/// The days an item entered each status, from its history (the `status`
/// changes of every write, the creation's included).
pub fn status_days(history: &[HistoryEntry]) -> StatusDays {
    history
        .iter()
        .flat_map(|h| {
            h.changes
                .iter()
                .filter(|c| c.field == "status")
                .filter_map(move |c| Some((time::local_date(h.at), Status::parse(&c.after).ok()?)))
        })
        .collect()
}

/// One kind's line: registered and finished in the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindLine {
    /// The kind.
    pub kind: Kind,
    /// Created in the week.
    pub registered: usize,
    /// Reached its finishing step in the week.
    pub finished: usize,
}

/// One meeting held in the week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The day.
    pub day: NaiveDate,
    /// Its code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Its room.
    pub room: String,
    /// Its chair.
    pub chair: String,
}

/// One item falling due next week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    /// The deadline.
    pub deadline: NaiveDate,
    /// The kind.
    pub kind: Kind,
    /// Its code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// The responsible unit.
    pub unit: String,
    /// Where it stands.
    pub status: Status,
}

/// The 周報's numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weekly {
    /// Monday of the week.
    pub from: NaiveDate,
    /// Sunday of the week.
    pub to: NaiveDate,
    /// The day the report is written (overdue is counted on it).
    pub as_of: NaiveDate,
    /// 收件 created on each day, Monday first (seven entries).
    pub intake: Vec<(NaiveDate, usize)>,
    /// Registered and finished, one line per kind in [`Kind::ALL`] order.
    pub kinds: Vec<KindLine>,
    /// 督查 辦結 in the week on or before the deadline.
    pub sv_on_time: usize,
    /// 督查 辦結 in the week after the deadline.
    pub sv_late: usize,
    /// Open items overdue on `as_of`, by unit, most first.
    pub overdue: Vec<UnitCount>,
    /// Meetings held, by day.
    pub meetings: Vec<Held>,
    /// Open items due next week, soonest first.
    pub next_week: Vec<Upcoming>,
}

impl Weekly {
    /// The intake of the whole week.
    pub fn intake_total(&self) -> usize {
        self.intake.iter().map(|(_, n)| n).sum()
    }

    /// Overdue items in all.
    pub fn overdue_total(&self) -> usize {
        self.overdue.iter().map(|u| u.count).sum()
    }

    /// The line of one kind.
    pub fn kind(&self, kind: Kind) -> KindLine {
        self.kinds
            .iter()
            .copied()
            .find(|l| l.kind == kind)
            .unwrap_or(KindLine {
                kind,
                registered: 0,
                finished: 0,
            })
    }
}

fn in_week(d: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    (from..=to).contains(&d)
}

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// Counts the week around `day` over `items`, with `moves` giving each
/// item's [`status_days`] (items missing from it changed no status), as
/// written on `as_of`.
pub fn weekly(
    items: &[Item],
    moves: &BTreeMap<ItemId, StatusDays>,
    day: NaiveDate,
    as_of: NaiveDate,
) -> Weekly {
    let from = week_start(day);
    let to = plus(from, 6);
    let none = StatusDays::new();
    let mut intake: BTreeMap<NaiveDate, usize> = (0..7).map(|i| (plus(from, i), 0)).collect();
    let mut registered: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut finished: BTreeMap<Kind, usize> = BTreeMap::new();
    let (mut sv_on_time, mut sv_late) = (0, 0);
    let mut meetings = vec![];
    let mut next_week = vec![];
    let (next_from, next_to) = (plus(from, 7), plus(from, 13));
    for it in items {
        let days = moves.get(&it.id).unwrap_or(&none);
        let created = time::local_date(it.created);
        if in_week(created, from, to) {
            *registered.entry(it.kind).or_default() += 1;
            if it.kind == Kind::Inbox {
                *intake.entry(created).or_default() += 1;
            }
        }
        let ends = finishing(it.kind);
        let done_in_week = days
            .iter()
            .filter(|(d, s)| ends.contains(s) && in_week(*d, from, to))
            .map(|(d, _)| *d)
            .next_back();
        if done_in_week.is_some() {
            *finished.entry(it.kind).or_default() += 1;
        }
        if let KindData::Supervision(d) = &it.data {
            let completed = d.completed_on.filter(|_| {
                matches!(
                    it.status,
                    Status::Completed | Status::Verified | Status::Settled
                )
            });
            if let Some(c) = completed.or(done_in_week).filter(|c| in_week(*c, from, to)) {
                if it.deadline.is_none_or(|dl| c <= dl) {
                    sv_on_time += 1;
                } else {
                    sv_late += 1;
                }
            }
        }
        if let KindData::Meeting(d) = &it.data {
            let held = matches!(it.status, Status::Held | Status::Minuted | Status::Archived);
            let on = d.start.map(|s| s.date()).or_else(|| {
                days.iter()
                    .find(|(_, s)| *s == Status::Held)
                    .map(|(d, _)| *d)
            });
            if let Some(on) = on.filter(|on| held && in_week(*on, from, to)) {
                meetings.push(Held {
                    day: on,
                    code: it.code.clone(),
                    title: it.title.clone(),
                    room: d.room.clone(),
                    chair: d.chair.clone(),
                });
            }
        }
        if let Some(dl) = it.deadline {
            if it.status.is_open() && in_week(dl, next_from, next_to) {
                next_week.push(Upcoming {
                    deadline: dl,
                    kind: it.kind,
                    code: it.code.clone(),
                    title: it.title.clone(),
                    unit: super::sv_stats::lead_unit(it).to_string(),
                    status: it.status,
                });
            }
        }
    }
    meetings.sort_by(|a, b| (a.day, &a.code).cmp(&(b.day, &b.code)));
    next_week.sort_by(|a, b| (a.deadline, &a.code).cmp(&(b.deadline, &b.code)));
    Weekly {
        from,
        to,
        as_of,
        intake: intake.into_iter().collect(),
        kinds: Kind::ALL
            .iter()
            .map(|&kind| KindLine {
                kind,
                registered: registered.get(&kind).copied().unwrap_or(0),
                finished: finished.get(&kind).copied().unwrap_or(0),
            })
            .collect(),
        sv_on_time,
        sv_late,
        overdue: overdue_by_unit(items, as_of),
        meetings,
        next_week,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Change;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn at(day: NaiveDate) -> i64 {
        time::from_local(day.and_hms_opt(9, 0, 0).unwrap())
    }

    fn item(id: u64, kind: Kind, status: Status, created: NaiveDate) -> Item {
        let mut it = Item::new(kind, format!("事項{id}"), "t", at(created));
        it.id = id;
        it.code = format!("{}2026-{id:04}", kind.code_prefix());
        it.status = status;
        it
    }

    #[test]
    fn status_days_come_from_the_history() {
        let h = |day, after: &str| HistoryEntry {
            item: 1,
            version: 1,
            at: at(day),
            by: "t".into(),
            action: "x".into(),
            note: String::new(),
            changes: vec![
                Change {
                    field: "title".into(),
                    before: String::new(),
                    after: "t".into(),
                },
                Change {
                    field: "status".into(),
                    before: String::new(),
                    after: after.into(),
                },
            ],
        };
        let got = status_days(&[h(d(11, 2), "承辦"), h(d(11, 4), "辦結")]);
        assert_eq!(
            got,
            vec![(d(11, 2), Status::Handling), (d(11, 4), Status::Completed)]
        );
    }

    /// Week of Monday 2026-11-23; written on Friday 11-27.
    #[test]
    fn counts_the_week_by_hand() {
        let mut items = vec![
            // 收件: Mon ×2, Wed ×1 in the week; one the Sunday before.
            item(1, Kind::Inbox, Status::Routed, d(11, 23)),
            item(2, Kind::Inbox, Status::Pending, d(11, 23)),
            item(3, Kind::Inbox, Status::Closed, d(11, 25)),
            item(4, Kind::Inbox, Status::Routed, d(11, 22)),
            // 收文: registered Tue, finished Thu; another finished from last week.
            item(5, Kind::Incoming, Status::Completed, d(11, 24)),
            item(6, Kind::Incoming, Status::Archived, d(11, 2)),
            // 督查: on time (deadline 11-26, done 11-25), late (deadline 11-20, done 11-24).
            item(7, Kind::Supervision, Status::Settled, d(11, 2)),
            item(8, Kind::Supervision, Status::Completed, d(11, 2)),
            // Overdue, open: 市教育局 ×1.
            item(9, Kind::Affair, Status::Handling, d(11, 2)),
            // Meetings: held Tue; planned Thu (not held); held without start on Wed.
            item(10, Kind::Meeting, Status::Minuted, d(11, 2)),
            item(11, Kind::Meeting, Status::Planning, d(11, 2)),
            item(12, Kind::Meeting, Status::Held, d(11, 2)),
            // Due next week: 12-01 and 11-30; one finished (not listed).
            item(13, Kind::Outgoing, Status::Reviewing, d(11, 2)),
            item(14, Kind::Affair, Status::Registered, d(11, 24)),
            item(15, Kind::Affair, Status::Completed, d(11, 2)),
        ];
        let set_sv = |it: &mut Item, dl: NaiveDate, done: NaiveDate| {
            it.deadline = Some(dl);
            if let KindData::Supervision(s) = &mut it.data {
                s.completed_on = Some(done);
            }
        };
        set_sv(&mut items[6], d(11, 26), d(11, 25));
        set_sv(&mut items[7], d(11, 20), d(11, 24));
        items[8].deadline = Some(d(11, 26));
        items[8].unit = "市教育局".into();
        let start = |it: &mut Item, s: Option<NaiveDate>| {
            if let KindData::Meeting(m) = &mut it.data {
                m.start = s.map(|s| s.and_hms_opt(9, 0, 0).unwrap());
            }
        };
        start(&mut items[9], Some(d(11, 24)));
        start(&mut items[10], Some(d(11, 26)));
        start(&mut items[11], None);
        items[12].deadline = Some(d(12, 1));
        items[13].deadline = Some(d(11, 30));
        items[14].deadline = Some(d(11, 30));
        let moves: BTreeMap<ItemId, StatusDays> = [
            (1, vec![(d(11, 23), Status::Routed)]),
            (3, vec![(d(11, 25), Status::Closed)]),
            (4, vec![(d(11, 23), Status::Routed)]),
            (
                5,
                vec![
                    (d(11, 24), Status::Registered),
                    (d(11, 26), Status::Completed),
                ],
            ),
            (
                6,
                vec![
                    (d(11, 20), Status::Completed),
                    (d(11, 23), Status::Archived),
                ],
            ),
            (7, vec![(d(11, 25), Status::Completed)]),
            (8, vec![(d(11, 24), Status::Completed)]),
            (
                10,
                vec![(d(11, 24), Status::Held), (d(11, 25), Status::Minuted)],
            ),
            (12, vec![(d(11, 25), Status::Held)]),
        ]
        .into_iter()
        .collect();
        let w = weekly(&items, &moves, d(11, 25), d(11, 27));
        assert_eq!((w.from, w.to), (d(11, 23), d(11, 29)));
        let intake: Vec<usize> = w.intake.iter().map(|(_, n)| *n).collect();
        assert_eq!(intake, vec![2, 0, 1, 0, 0, 0, 0]);
        assert_eq!(w.intake_total(), 3);
        assert_eq!(w.kind(Kind::Inbox).registered, 3);
        // 1 (Mon), 3 (Wed) and 4 (routed Mon, though created the Sunday before).
        assert_eq!(w.kind(Kind::Inbox).finished, 3);
        assert_eq!(w.kind(Kind::Incoming).registered, 1);
        assert_eq!(w.kind(Kind::Incoming).finished, 1);
        assert_eq!(w.kind(Kind::Supervision).finished, 2);
        assert_eq!(w.kind(Kind::Meeting).finished, 1);
        assert_eq!(w.kind(Kind::Affair).registered, 1);
        assert_eq!(w.kind(Kind::Affair).finished, 0);
        assert_eq!((w.sv_on_time, w.sv_late), (1, 1));
        assert_eq!(
            w.overdue,
            vec![UnitCount {
                unit: "市教育局".into(),
                count: 1
            }]
        );
        let held: Vec<(&str, NaiveDate)> = w
            .meetings
            .iter()
            .map(|m| (m.code.as_str(), m.day))
            .collect();
        assert_eq!(
            held,
            vec![("會2026-0010", d(11, 24)), ("會2026-0012", d(11, 25))]
        );
        let next: Vec<&str> = w.next_week.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(next, vec!["事2026-0014", "發2026-0013"]);
    }
}
