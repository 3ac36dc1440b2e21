//! 督查 statistics by unit for the 通報: which items fell due in a period,
//! how many were finished on time, late, or are still overdue.
//!
//! The rules, so a reader can count by hand:
//!
//! * An item counts for the period when it has been 交辦 (it has a deadline
//!   and is past 立項) and its deadline falls within `[from, to]`; it counts
//!   for its 牽頭單位 (lead unit).
//! * 按期辦結: its 辦結 (`completed_on`) is on or before the deadline.
//! * 逾期辦結: 辦結 after the deadline.
//! * 逾期未結: not 辦結 and the deadline is before `today`.
//! * 未到期: not 辦結 and the deadline is `today` or later.
//! * 按期辦結率 = 按期辦結 / (按期辦結 + 逾期辦結 + 逾期未結): items whose
//!   outcome is known. No such item: no rate.
//! * 逾期 = 逾期辦結 + 逾期未結.

use chrono::NaiveDate;

use super::{time, Item, KindData, Status};

/// One unit's numbers (or the total's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitStats {
    /// The lead unit (`合計` for the total).
    pub unit: String,
    /// Items due in the period.
    pub total: usize,
    /// 按期辦結.
    pub on_time: usize,
    /// 逾期辦結.
    pub late: usize,
    /// 逾期未結.
    pub overdue_open: usize,
    /// 未到期.
    pub pending: usize,
}

impl UnitStats {
    /// 按期辦結率 in percent, when any outcome is known.
    pub fn rate(&self) -> Option<f64> {
        let known = self.on_time + self.late + self.overdue_open;
        (known > 0).then(|| self.on_time as f64 * 100.0 / known as f64)
    }

    /// 逾期: late completions and items still overdue.
    pub fn overdue(&self) -> usize {
        self.late + self.overdue_open
    }

    /// The rate as the 通報 prints it: `66.7%`, or `—`.
    pub fn rate_text(&self) -> String {
        self.rate()
            .map(|r| format!("{r:.1}%"))
            .unwrap_or_else(|| "—".into())
    }

    fn add(&mut self, o: &UnitStats) {
        self.total += o.total;
        self.on_time += o.on_time;
        self.late += o.late;
        self.overdue_open += o.overdue_open;
        self.pending += o.pending;
    }
}

/// How one item came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 按期辦結.
    OnTime,
    /// 逾期辦結.
    Late,
    /// 逾期未結.
    OverdueOpen,
    /// 未到期.
    Pending,
}

/// The day a finished item was 辦結 (its last change for records without one).
fn completed_on(it: &Item) -> Option<NaiveDate> {
    let KindData::Supervision(d) = &it.data else {
        return None;
    };
    match it.status {
        Status::Completed | Status::Verified | Status::Settled => Some(
            d.completed_on
                .unwrap_or_else(|| time::local_date(it.updated)),
        ),
        _ => None,
    }
}

/// The outcome of a 督查 item due in `[from, to]`; `None` when it does not
/// count for that period.
pub fn outcome(it: &Item, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Option<Outcome> {
    if !matches!(it.data, KindData::Supervision(_)) || it.status == Status::Filed {
        return None;
    }
    let deadline = it.deadline.filter(|d| (from..=to).contains(d))?;
    Some(match completed_on(it) {
        Some(c) if c <= deadline => Outcome::OnTime,
        Some(_) => Outcome::Late,
        None if deadline < today => Outcome::OverdueOpen,
        None => Outcome::Pending,
    })
}

/// The lead unit an item counts for.
pub fn lead_unit(it: &Item) -> &str {
    match &it.data {
        KindData::Supervision(d) if !d.lead_unit.is_empty() => &d.lead_unit,
        _ => &it.unit,
    }
}

/// Numbers per lead unit, by unit name, and the total (`合計`) last.
pub fn unit_stats(
    items: &[Item],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Vec<UnitStats> {
    let mut by: std::collections::BTreeMap<String, UnitStats> = Default::default();
    for it in items {
        let Some(o) = outcome(it, from, to, today) else {
            continue;
        };
        let unit = lead_unit(it).to_string();
        let s = by.entry(unit.clone()).or_insert_with(|| UnitStats {
            unit,
            ..UnitStats::default()
        });
        s.total += 1;
        match o {
            Outcome::OnTime => s.on_time += 1,
            Outcome::Late => s.late += 1,
            Outcome::OverdueOpen => s.overdue_open += 1,
            Outcome::Pending => s.pending += 1,
        }
    }
    let mut total = UnitStats {
        unit: "合計".into(),
        ..UnitStats::default()
    };
    let mut out: Vec<UnitStats> = by.into_values().collect();
    for s in &out {
        total.add(s);
    }
    out.push(total);
    out
}
