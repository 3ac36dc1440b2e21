//! 督查 follow-up: when a progress report falls due, the traffic light of an
//! item (green on track, yellow close to its deadline or a report late, red
//! overdue), and the sweep that drafts 臨近提醒 and 催辦. Pure functions of
//! (item, today, calendar, thresholds), so every screen and report agrees.

use chrono::NaiveDate;

use super::{
    time, Item, Kind, KindData, Reason, ReminderReason, RuleError, Status, SupervisionData,
    WorkCalendar,
};

/// Whether `src` may be the source a new 督查 item is 立項 from: a meeting's
/// decisions are supervised once it has been held.
pub fn source_ok(src: &Item) -> Result<(), RuleError> {
    if src.kind == Kind::Meeting
        && !matches!(
            src.status,
            Status::Held | Status::Minuted | Status::Archived
        )
    {
        return Err(RuleError::refused(
            "立項",
            Reason::NotHeld {
                code: src.code.clone(),
                status: src.status,
            },
        ));
    }
    Ok(())
}

/// The thresholds the office sets in its config file (`[supervision]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Yellow within this many working days of the deadline (`yellow_workdays`).
    pub yellow_workdays: u32,
    /// The sweep repeats the same reminder at most once per this many working
    /// days (`remind_every_workdays`).
    pub remind_every_workdays: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            yellow_workdays: 3,
            remind_every_workdays: 3,
        }
    }
}

/// A traffic light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Light {
    /// Overdue. Sorts first.
    Red,
    /// Close to its deadline, or a progress report is late.
    Yellow,
    /// On track.
    Green,
}

impl Light {
    /// 紅/黃/綠.
    pub fn label(self) -> &'static str {
        match self {
            Light::Red => "紅",
            Light::Yellow => "黃",
            Light::Green => "綠",
        }
    }

    /// red/yellow/green.
    pub fn english(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Green => "green",
        }
    }
}

/// A light and why it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    /// The colour.
    pub light: Light,
    /// Why, in words.
    pub why: String,
}

/// Still being worked on: 立項, 交辦, 承辦, 催辦.
fn in_progress(it: &Item) -> bool {
    matches!(
        it.status,
        Status::Filed | Status::Assigned | Status::Handling | Status::Urging
    )
}

/// The day the next progress report falls due: the cycle counted from the
/// last report (or from the 簽收, or the 交辦). `None` for other kinds, items
/// not yet signed for or already done, and items reporting at milestones.
pub fn report_due(it: &Item, cal: &WorkCalendar) -> Option<NaiveDate> {
    let KindData::Supervision(d) = &it.data else {
        return None;
    };
    if !matches!(it.status, Status::Handling | Status::Urging) {
        return None;
    }
    let base = d
        .progress
        .iter()
        .map(|p| p.on)
        .max()
        .or(d.accepted_at.map(time::local_date))
        .or(d.assigned_on)?;
    d.report.next_due(base, cal)
}

/// The traffic light of a 督查 item in progress; `None` for other kinds and
/// for items already 辦結.
pub fn light(it: &Item, today: NaiveDate, cal: &WorkCalendar, th: &Thresholds) -> Option<Signal> {
    if !matches!(it.data, KindData::Supervision(_)) || !in_progress(it) {
        return None;
    }
    let sig = |light, why: String| Some(Signal { light, why });
    let Some(deadline) = it.deadline else {
        return sig(Light::Green, "no deadline yet".into());
    };
    if deadline < today {
        let late = cal.workdays_between(deadline, today);
        return sig(
            Light::Red,
            format!("逾期 {late} 個工作日（期限 {deadline}）"),
        );
    }
    let left = cal.workdays_between(today, deadline);
    if left <= i64::from(th.yellow_workdays) {
        return sig(
            Light::Yellow,
            format!("距期限 {deadline} 還有 {left} 個工作日"),
        );
    }
    if let Some(due) = report_due(it, cal).filter(|d| *d < today) {
        return sig(Light::Yellow, format!("進展應於 {due} 報送，尚未報送"));
    }
    sig(Light::Green, format!("期限 {deadline}"))
}

/// A reminder the sweep would send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The item.
    pub id: u64,
    /// Why.
    pub reason: ReminderReason,
    /// The text of the 臨近提醒 or 催辦.
    pub text: String,
}

/// The lead unit a reminder addresses: the item's, or 承辦單位 when none is set.
fn lead_or_default(d: &SupervisionData) -> &str {
    if d.lead_unit.is_empty() {
        "承辦單位"
    } else {
        d.lead_unit.as_str()
    }
}

/// What to remind about `it` today, if anything: overdue → 逾期催辦; a
/// report late → 報送逾期 (a 催辦); within the yellow threshold → 臨近提醒.
/// A reminder of the same reason is not repeated within
/// `remind_every_workdays` working days.
pub fn due(it: &Item, today: NaiveDate, cal: &WorkCalendar, th: &Thresholds) -> Option<Due> {
    let KindData::Supervision(d) = &it.data else {
        return None;
    };
    if !matches!(
        it.status,
        Status::Assigned | Status::Handling | Status::Urging
    ) {
        return None;
    }
    let deadline = it.deadline?;
    let lead = lead_or_default(d);
    let (reason, text) = if deadline < today {
        (
            ReminderReason::Overdue,
            format!(
                "「{}」已超過辦理期限（{deadline}），請{lead}即報送辦理情況，說明逾期原因和辦結時限。",
                it.title
            ),
        )
    } else if let Some(r) = report_due(it, cal).filter(|r| *r < today) {
        (
            ReminderReason::ReportDue,
            format!(
                "「{}」按{}報送要求，{lead}應於{r}報送辦理進展，請即報送。",
                it.title,
                d.report.label()
            ),
        )
    } else if cal.workdays_between(today, deadline) <= i64::from(th.yellow_workdays) {
        (
            ReminderReason::Approaching,
            approaching_text(it, today, cal)?,
        )
    } else {
        return None;
    };
    let recent = d.reminded.iter().any(|r| {
        r.reason == reason
            && cal.workdays_between(r.on, today) < i64::from(th.remind_every_workdays.max(1))
    });
    (!recent).then_some(Due {
        id: it.id,
        reason,
        text,
    })
}

/// The words of a 臨近提醒 about `it` today: the deadline, the working days
/// left and the lead unit (the sweep sends them; the workbench offers them
/// to edit). `None` for other kinds and items without a deadline.
pub fn approaching_text(it: &Item, today: NaiveDate, cal: &WorkCalendar) -> Option<String> {
    let KindData::Supervision(d) = &it.data else {
        return None;
    };
    let deadline = it.deadline?;
    let lead = lead_or_default(d);
    Some(format!(
        "「{}」距辦理期限（{deadline}）還有{}個工作日，請{lead}按期辦結並報送辦結報告。",
        it.title,
        cal.workdays_between(today, deadline)
    ))
}

/// Every reminder due today among `items`, red first, then by deadline.
pub fn sweep(items: &[Item], today: NaiveDate, cal: &WorkCalendar, th: &Thresholds) -> Vec<Due> {
    let mut v: Vec<(u8, Option<NaiveDate>, Due)> = items
        .iter()
        .filter_map(|it| {
            let d = due(it, today, cal, th)?;
            let rank = match d.reason {
                ReminderReason::Overdue => 0,
                ReminderReason::ReportDue => 1,
                _ => 2,
            };
            Some((rank, it.deadline, d))
        })
        .collect();
    v.sort_by_key(|a| (a.0, a.1, a.2.id));
    v.into_iter().map(|(_, _, d)| d).collect()
}
