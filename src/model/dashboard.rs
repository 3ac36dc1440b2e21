//! The dashboard: what a 主任 asks first — what falls due today and this
//! week, which units hold overdue work, how much came in each day. Pure
//! counting over whatever the caller holds (whole items, or the list rows the
//! workbench keeps in memory), so the TUI header, a dashboard tab and the
//! weekly report all count the same way.
//!
//! The rules, so a reader can count by hand:
//!
//! * **Due today**: open items whose deadline is `today`.
//! * **Due this week**: open items whose deadline is from `today` to the
//!   Sunday of `today`'s week (Monday–Sunday), `today` included. An item due
//!   earlier in the week and still open is overdue instead.
//! * **Overdue**: open items whose deadline is before `today`, counted for
//!   their responsible unit — the 牽頭單位 of a 督查 item, the owning unit
//!   (承辦單位) of any other — most first, then by unit name. An item with no
//!   unit counts under the empty name (the caller labels it).
//! * **Intake**: 收件 items by the office-local day they were created, for the
//!   `days` days ending with `today` (oldest first, days without any included).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::{sv_stats, time, Item, Kind, Status, WorkCalendar};

/// What the dashboard needs of one item, borrowed from an item or a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Which tab it lives in.
    pub kind: Kind,
    /// Where it stands (only open items can be due or overdue).
    pub status: Status,
    /// The unit it counts for when overdue: a 督查's 牽頭單位, else the owning unit.
    pub unit: &'a str,
    /// When it must be done.
    pub deadline: Option<NaiveDate>,
    /// The office-local day it was created, when the source knows it (items
    /// and list rows do; a source that does not feeds the intake with
    /// [`Dashboard::with_intake`]).
    pub created: Option<NaiveDate>,
}

/// Anything the dashboard can count: implemented for [`Item`] here and for the
/// list row (`core::Row`) next to it.
pub trait DashSource {
    /// The fields the dashboard counts.
    fn entry(&self) -> Entry<'_>;
}

impl DashSource for Item {
    fn entry(&self) -> Entry<'_> {
        Entry {
            kind: self.kind,
            status: self.status,
            unit: sv_stats::lead_unit(self),
            deadline: self.deadline,
            created: Some(time::local_date(self.created)),
        }
    }
}

impl<T: DashSource> DashSource for &T {
    fn entry(&self) -> Entry<'_> {
        (*self).entry()
    }
}

/// How many items of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindCount {
    /// The kind.
    pub kind: Kind,
    /// How many.
    pub count: usize,
}

/// How many overdue items one unit holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitCount {
    /// The unit (empty: none named on the item).
    pub unit: String,
    /// How many.
    pub count: usize,
}

/// How many requests came in on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    /// The day.
    pub day: NaiveDate,
    /// 收件 created that day.
    pub count: usize,
    /// Whether it was a working day (a sparkline may dim the others).
    pub workday: bool,
}

/// The dashboard's numbers for one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    /// The day counted for.
    pub today: NaiveDate,
    /// The Sunday ending `today`'s week.
    pub week_end: NaiveDate,
    /// Working days left this week, `today` included.
    pub workdays_left: u32,
    /// Open items due today, one entry per kind in [`Kind::ALL`] order (zeros included).
    pub due_today: Vec<KindCount>,
    /// Open items due from today to `week_end`, per kind as `due_today`.
    pub due_this_week: Vec<KindCount>,
    /// Open items past their deadline.
    pub overdue: usize,
    /// Overdue items per responsible unit, most first, then by name.
    pub overdue_by_unit: Vec<UnitCount>,
    /// 收件 created per day, oldest first, ending with `today`.
    pub intake: Vec<DayCount>,
}

/// The Sunday of `day`'s week (Monday to Sunday).
pub fn week_end(day: NaiveDate) -> NaiveDate {
    let left = 6 - u64::from(day.weekday().num_days_from_monday());
    day.checked_add_days(Days::new(left)).unwrap_or(day)
}

/// The Monday of `day`'s week.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    let back = u64::from(day.weekday().num_days_from_monday());
    day.checked_sub_days(Days::new(back)).unwrap_or(day)
}

/// Counts per kind, every kind listed.
fn by_kind(counts: &BTreeMap<Kind, usize>) -> Vec<KindCount> {
    Kind::ALL
        .iter()
        .map(|&kind| KindCount {
            kind,
            count: counts.get(&kind).copied().unwrap_or(0),
        })
        .collect()
}

/// 收件 per day for the `days` days ending with `today`, from the days
/// each was created (days outside the window are ignored).
pub fn intake_per_day(
    created: impl IntoIterator<Item = NaiveDate>,
    today: NaiveDate,
    days: u32,
    cal: &WorkCalendar,
) -> Vec<DayCount> {
    let first = today
        .checked_sub_days(Days::new(u64::from(days.saturating_sub(1))))
        .unwrap_or(today);
    let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for d in created {
        if (first..=today).contains(&d) {
            *counts.entry(d).or_default() += 1;
        }
    }
    if days == 0 {
        return vec![];
    }
    first
        .iter_days()
        .take_while(|d| *d <= today)
        .map(|day| DayCount {
            day,
            count: counts.get(&day).copied().unwrap_or(0),
            workday: cal.is_workday(day),
        })
        .collect()
}

/// Overdue items per unit, most first, then by unit name.
pub fn overdue_by_unit<T: DashSource>(items: &[T], today: NaiveDate) -> Vec<UnitCount> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for it in items {
        let e = it.entry();
        if e.status.is_open() && e.deadline.is_some_and(|d| d < today) {
            *counts.entry(e.unit).or_default() += 1;
        }
    }
    let mut out: Vec<UnitCount> = counts
        .into_iter()
        .map(|(unit, count)| UnitCount {
            unit: unit.to_string(),
            count,
        })
        .collect();
    // Stable: equal counts stay in name order.
    out.sort_by_key(|u| std::cmp::Reverse(u.count));
    out
}

impl Dashboard {
    /// Counts `items` for `today`, with the intake of the last `intake_days`
    /// days taken from the 收件 among them that know their creation day.
    pub fn build<T: DashSource>(
        items: &[T],
        today: NaiveDate,
        cal: &WorkCalendar,
        intake_days: u32,
    ) -> Dashboard {
        let end = week_end(today);
        let mut today_counts = BTreeMap::new();
        let mut week_counts = BTreeMap::new();
        let mut overdue = 0;
        let mut created = vec![];
        for it in items {
            let e = it.entry();
            if e.kind == Kind::Inbox {
                created.extend(e.created);
            }
            if !e.status.is_open() {
                continue;
            }
            match e.deadline {
                Some(d) if d < today => overdue += 1,
                Some(d) if d <= end => {
                    if d == today {
                        *today_counts.entry(e.kind).or_insert(0) += 1;
                    }
                    *week_counts.entry(e.kind).or_insert(0) += 1;
                }
                _ => {}
            }
        }
        let workdays_left = today
            .iter_days()
            .take_while(|d| *d <= end)
            .filter(|d| cal.is_workday(*d))
            .count() as u32;
        Dashboard {
            today,
            week_end: end,
            workdays_left,
            due_today: by_kind(&today_counts),
            due_this_week: by_kind(&week_counts),
            overdue,
            overdue_by_unit: overdue_by_unit(items, today),
            intake: intake_per_day(created, today, intake_days, cal),
        }
    }

    /// The same numbers with the intake counted from `created` (the days the
    /// 收件 were created) instead: for callers whose source does not know
    /// when its items were created.
    pub fn with_intake(
        mut self,
        created: impl IntoIterator<Item = NaiveDate>,
        cal: &WorkCalendar,
    ) -> Dashboard {
        let days = self.intake.len() as u32;
        self.intake = intake_per_day(created, self.today, days, cal);
        self
    }

    /// How many of `kind` are due today.
    pub fn due_today_of(&self, kind: Kind) -> usize {
        count_of(&self.due_today, kind)
    }

    /// How many of `kind` are due this week.
    pub fn due_this_week_of(&self, kind: Kind) -> usize {
        count_of(&self.due_this_week, kind)
    }

    /// Intake counts alone, oldest first (what a sparkline draws).
    pub fn intake_counts(&self) -> Vec<u64> {
        self.intake.iter().map(|d| d.count as u64).collect()
    }
}

fn count_of(counts: &[KindCount], kind: Kind) -> usize {
    counts
        .iter()
        .find(|c| c.kind == kind)
        .map_or(0, |c| c.count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KindData;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn ts(day: NaiveDate) -> i64 {
        time::from_local(day.and_hms_opt(10, 0, 0).unwrap())
    }

    fn item(kind: Kind, status: Status, unit: &str, deadline: Option<NaiveDate>) -> Item {
        let mut it = Item::new(kind, "t", "clerk", ts(d(11, 1)));
        it.status = status;
        it.unit = unit.into();
        it.deadline = deadline;
        it
    }

    fn supervision(status: Status, owner: &str, lead: &str, deadline: NaiveDate) -> Item {
        let mut it = item(Kind::Supervision, status, owner, Some(deadline));
        if let KindData::Supervision(s) = &mut it.data {
            s.lead_unit = lead.into();
        }
        it
    }

    fn inbox(created: NaiveDate) -> Item {
        Item::new(Kind::Inbox, "req", "clerk", ts(created))
    }

    /// Wednesday 2026-11-25; the week ends Sunday 11-29.
    fn today() -> NaiveDate {
        d(11, 25)
    }

    /// A hand-made office: what each item counts for is in its comment.
    fn office() -> Vec<Item> {
        vec![
            // due today: 收文 ×2, 督查 ×1
            item(
                Kind::Incoming,
                Status::Handling,
                "市教育局",
                Some(d(11, 25)),
            ),
            item(
                Kind::Incoming,
                Status::Registered,
                "市財政局",
                Some(d(11, 25)),
            ),
            supervision(Status::Assigned, "督查室", "市教育局", d(11, 25)),
            // due later this week: 發文 (Fri), 辦事 (Sun)
            item(Kind::Outgoing, Status::Reviewing, "秘書科", Some(d(11, 27))),
            item(Kind::Affair, Status::Handling, "行政科", Some(d(11, 29))),
            // next week: not this week
            item(Kind::Affair, Status::Handling, "行政科", Some(d(11, 30))),
            // finished: never due, never overdue
            item(
                Kind::Incoming,
                Status::Completed,
                "市財政局",
                Some(d(11, 25)),
            ),
            item(Kind::Incoming, Status::Archived, "市財政局", Some(d(11, 2))),
            // overdue: 市教育局 ×3 (one as 牽頭單位 of a 督查 owned by 督查室),
            // 市財政局 ×1, no unit ×1
            item(Kind::Incoming, Status::Urging, "市教育局", Some(d(11, 24))),
            item(Kind::Affair, Status::Handling, "市教育局", Some(d(11, 23))),
            supervision(Status::Urging, "督查室", "市教育局", d(11, 10)),
            item(
                Kind::Outgoing,
                Status::Drafting,
                "市財政局",
                Some(d(11, 20)),
            ),
            item(Kind::Meeting, Status::Planning, "", Some(d(11, 24))),
            // no deadline
            item(Kind::Affair, Status::Handling, "行政科", None),
            // intake: 11-25 ×2, 11-23 ×1, 11-19 ×1 (outside a 7-day window: 11-18)
            inbox(d(11, 25)),
            inbox(d(11, 25)),
            inbox(d(11, 23)),
            inbox(d(11, 19)),
            inbox(d(11, 18)),
        ]
    }

    #[test]
    fn counts_what_falls_due_today_and_this_week_by_kind() {
        let cal = WorkCalendar::builtin();
        let db = Dashboard::build(&office(), today(), &cal, 7);
        assert_eq!(db.week_end, d(11, 29));
        assert_eq!(db.due_today_of(Kind::Incoming), 2);
        assert_eq!(db.due_today_of(Kind::Supervision), 1);
        assert_eq!(db.due_today_of(Kind::Outgoing), 0);
        let today_total: usize = db.due_today.iter().map(|c| c.count).sum();
        assert_eq!(today_total, 3);
        assert_eq!(db.due_this_week_of(Kind::Incoming), 2);
        assert_eq!(db.due_this_week_of(Kind::Supervision), 1);
        assert_eq!(db.due_this_week_of(Kind::Outgoing), 1);
        assert_eq!(db.due_this_week_of(Kind::Affair), 1);
        let week_total: usize = db.due_this_week.iter().map(|c| c.count).sum();
        assert_eq!(week_total, 5);
        assert_eq!(db.due_today.len(), Kind::ALL.len());
        // Wednesday to Friday are working days; the weekend is not.
        assert_eq!(db.workdays_left, 3);
    }

    #[test]
    fn overdue_by_responsible_unit_most_first() {
        let cal = WorkCalendar::builtin();
        let db = Dashboard::build(&office(), today(), &cal, 7);
        assert_eq!(db.overdue, 5);
        let got: Vec<(&str, usize)> = db
            .overdue_by_unit
            .iter()
            .map(|u| (u.unit.as_str(), u.count))
            .collect();
        // Ties (1 each) in name order: "" sorts before any name.
        assert_eq!(got, vec![("市教育局", 3), ("", 1), ("市財政局", 1)]);
    }

    #[test]
    fn intake_per_day_over_the_window_oldest_first() {
        let cal = WorkCalendar::builtin();
        let db = Dashboard::build(&office(), today(), &cal, 7);
        let days: Vec<NaiveDate> = db.intake.iter().map(|c| c.day).collect();
        assert_eq!(days.first(), Some(&d(11, 19)));
        assert_eq!(days.last(), Some(&today()));
        assert_eq!(db.intake_counts(), vec![1, 0, 0, 0, 1, 0, 2]);
        // 11-21 and 11-22 are a weekend.
        let weekend: Vec<bool> = db.intake.iter().map(|c| c.workday).collect();
        assert_eq!(weekend, vec![true, true, false, false, true, true, true]);
    }

    #[test]
    fn rows_without_creation_days_take_the_intake_separately() {
        let cal = WorkCalendar::builtin();
        let items = office();
        let db = Dashboard::build(&items, today(), &cal, 3)
            .with_intake([d(11, 24), d(11, 24), d(11, 1)], &cal);
        assert_eq!(db.intake_counts(), vec![0, 2, 0]);
        assert_eq!(db.intake[0].day, d(11, 23));
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        assert_eq!(week_end(d(11, 23)), d(11, 29));
        assert_eq!(week_end(d(11, 29)), d(11, 29));
        assert_eq!(week_start(d(11, 29)), d(11, 23));
        assert_eq!(week_start(d(11, 23)), d(11, 23));
        // On a Sunday only that day is left, and it is no working day.
        let cal = WorkCalendar::builtin();
        let db = Dashboard::build(&office(), d(11, 29), &cal, 1);
        assert_eq!(db.workdays_left, 0);
        assert_eq!(db.due_this_week_of(Kind::Affair), 1);
        assert_eq!(db.intake.len(), 1);
    }

    #[test]
    fn list_rows_count_like_items() {
        // The workbench feeds rows: same due, overdue and intake numbers,
        // the 督查's 牽頭單位 taken from the row's counterpart and the
        // intake from the row's creation time.
        let cal = WorkCalendar::builtin();
        let items = office();
        let rows: Vec<crate::core::Row> = items.iter().map(crate::core::Row::of).collect();
        let from_items = Dashboard::build(&items, today(), &cal, 7);
        let from_rows = Dashboard::build(&rows, today(), &cal, 7);
        assert_eq!(from_rows.due_today, from_items.due_today);
        assert_eq!(from_rows.due_this_week, from_items.due_this_week);
        assert_eq!(from_rows.overdue_by_unit, from_items.overdue_by_unit);
        assert_eq!(from_rows.intake, from_items.intake);
        assert_eq!(from_rows.intake_counts(), vec![1, 0, 0, 0, 1, 0, 2]);
    }

    #[test]
    fn an_empty_office_counts_zero() {
        let cal = WorkCalendar::builtin();
        let db = Dashboard::build::<Item>(&[], today(), &cal, 0);
        assert_eq!(db.overdue, 0);
        assert!(db.overdue_by_unit.is_empty());
        assert!(db.intake.is_empty());
        assert!(db.due_this_week.iter().all(|c| c.count == 0));
    }
}
