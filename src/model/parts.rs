//! The records an item keeps inside it (schema 2): 審核 marks, 會簽
//! signatures, the 核發 distribution list, the 傳閱 tracker, 督查 progress
//! reports and reminders, and the reporting cycle.
//!
//! Stored with bincode like `item.rs`: never reorder, remove or `skip` a
//! field; a change is a new schema and a migration in `store/`.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Gate, ReminderReason, Timestamp, ValueError, WorkCalendar};

/// One gate of 審核 passed or returned, in one review round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateMark {
    /// Which gate.
    pub gate: Gate,
    /// The review round (each 送審 starts a new one).
    pub round: u16,
    /// Passed, or returned for revision.
    pub passed: bool,
    /// Login of the reviewer.
    pub by: String,
    /// When.
    pub at: Timestamp,
    /// The reviewer's comment (required for a return).
    pub comment: String,
}

/// A co-signing unit's signature on a joint document (會簽).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoSign {
    /// The unit that signed.
    pub unit: String,
    /// Login of whoever recorded it.
    pub by: String,
    /// When.
    pub at: Timestamp,
    /// The unit's opinion, if any.
    pub note: String,
}

/// One line of a 核發 distribution list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    /// The receiving unit.
    pub unit: String,
    /// How many copies it gets.
    pub copies: u32,
}

/// One hand-over of a document in 傳閱: who holds it, since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Circulation {
    /// Who holds it (a login or a name).
    pub holder: String,
    /// Login of the clerk who handed it over.
    pub by: String,
    /// Since when.
    pub since: Timestamp,
    /// When it came back; `None` while out.
    pub back: Option<Timestamp>,
    /// How often it was asked back (催收).
    pub chased: u32,
    /// The last 催收.
    pub last_chased: Option<Timestamp>,
}

/// A progress report (進展) on a 督查 item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The day it reports on.
    pub on: NaiveDate,
    /// When it was written.
    pub at: Timestamp,
    /// Login of the reporter.
    pub by: String,
    /// The report.
    pub text: String,
    /// A milestone reached (for items reporting at milestones).
    pub milestone: bool,
}

/// A 臨近提醒 or 催辦 written on a 督查 item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// The office day it was sent on.
    pub on: NaiveDate,
    /// When.
    pub at: Timestamp,
    /// Login of the sender.
    pub by: String,
    /// Why.
    pub reason: ReminderReason,
    /// The text sent.
    pub text: String,
}

/// How often the lead unit of a 督查 item reports progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportCycle {
    /// Every working day.
    Daily,
    /// Every 7 days.
    Weekly,
    /// Every calendar month.
    Monthly,
    /// At milestones only: no report falls due by the calendar.
    Milestones,
    /// Every n days.
    EveryDays(u16),
}

impl ReportCycle {
    /// The label clerks read: 每日, 每週, 每月, 按節點, 每14天.
    pub fn label(self) -> String {
        match self {
            ReportCycle::Daily => "每日".into(),
            ReportCycle::Weekly => "每週".into(),
            ReportCycle::Monthly => "每月".into(),
            ReportCycle::Milestones => "按節點".into(),
            ReportCycle::EveryDays(n) => format!("每{n}天"),
        }
    }

    /// From a v1 record's `report_every_days` (0 meant at milestones).
    pub fn from_days(n: u16) -> ReportCycle {
        match n {
            0 => ReportCycle::Milestones,
            1 => ReportCycle::Daily,
            7 => ReportCycle::Weekly,
            n => ReportCycle::EveryDays(n),
        }
    }

    /// Parses 每日/每週/每月/按節點 (简体 and English too) or a number of days.
    pub fn parse(s: &str) -> Result<ReportCycle, ValueError> {
        let t = s.trim();
        let words: &[(&[&str], ReportCycle)] = &[
            (
                &["每日", "每天", "daily", "日報", "日报"],
                ReportCycle::Daily,
            ),
            (
                &["每週", "每周", "weekly", "週報", "周报"],
                ReportCycle::Weekly,
            ),
            (&["每月", "monthly", "月報", "月报"], ReportCycle::Monthly),
            (
                &[
                    "按節點",
                    "按节点",
                    "節點",
                    "节点",
                    "milestones",
                    "milestone",
                ],
                ReportCycle::Milestones,
            ),
        ];
        for (names, c) in words {
            if names.iter().any(|n| n.eq_ignore_ascii_case(t)) {
                return Ok(*c);
            }
        }
        let digits = t
            .trim_start_matches('每')
            .trim_end_matches(['天', '日'])
            .trim();
        match digits.parse::<u32>() {
            Ok(n) if n <= 366 => Ok(ReportCycle::from_days(n as u16)),
            Ok(_) => Err(ValueError::new("report at least once a year (0–366 days)")),
            Err(_) => Err(ValueError::not_one_of(
                "reporting cycle",
                t,
                &["每日", "每週", "每月", "按節點", "a number of days"],
            )),
        }
    }

    /// When the report after one on `last` falls due; `None` at milestones.
    pub fn next_due(self, last: NaiveDate, cal: &WorkCalendar) -> Option<NaiveDate> {
        match self {
            ReportCycle::Daily => Some(cal.add_workdays(last, 1)),
            ReportCycle::Weekly => last.checked_add_days(Days::new(7)),
            ReportCycle::Monthly => last.checked_add_months(Months::new(1)),
            ReportCycle::Milestones => None,
            ReportCycle::EveryDays(n) => last.checked_add_days(Days::new(u64::from(n))),
        }
    }
}

/// A date as GB/T 9704 writes 成文日期: Arabic numerals, the full year, no
/// leading zeros (`2026年11月5日`).
pub fn cn_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn cycles_parse_and_label() {
        for (s, want) in [
            ("每週", ReportCycle::Weekly),
            ("weekly", ReportCycle::Weekly),
            ("每日", ReportCycle::Daily),
            ("月报", ReportCycle::Monthly),
            ("按節點", ReportCycle::Milestones),
            ("0", ReportCycle::Milestones),
            ("7", ReportCycle::Weekly),
            ("14", ReportCycle::EveryDays(14)),
            ("每10天", ReportCycle::EveryDays(10)),
        ] {
            assert_eq!(ReportCycle::parse(s).unwrap(), want, "{s}");
        }
        assert!(ReportCycle::parse("367")
            .unwrap_err()
            .message
            .contains("366"));
        assert!(ReportCycle::parse("偶爾")
            .unwrap_err()
            .message
            .contains("每週"));
        assert_eq!(ReportCycle::EveryDays(14).label(), "每14天");
    }

    #[test]
    fn next_due_by_cycle() {
        let cal = WorkCalendar::builtin();
        // 2026-11-27 is a Friday: the next working day is Monday.
        assert_eq!(
            ReportCycle::Daily.next_due(d(2026, 11, 27), &cal),
            Some(d(2026, 11, 30))
        );
        assert_eq!(
            ReportCycle::Monthly.next_due(d(2026, 1, 31), &cal),
            Some(d(2026, 2, 28))
        );
        assert_eq!(ReportCycle::Milestones.next_due(d(2026, 1, 1), &cal), None);
        assert_eq!(cn_date(d(2026, 3, 5)), "2026年3月5日");
    }
}
