//! `shuniu report …`: the 督查 通報 for a period (Markdown or CSV), the
//! weekly summary (週報) and the 歸檔 readiness list. The numbers come from
//! `model::sv_stats`, `model::weekly` and `model::archive`; this file only
//! gathers the items and lays the numbers out.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use color_eyre::eyre::{bail, Result, WrapErr};

use crate::core::{Filter, Service};
use crate::model::{
    archive::readiness,
    sanitize::escape,
    supervision::Thresholds,
    sv_stats::{lead_unit, outcome, unit_stats, Outcome, UnitStats},
    time,
    weekly::{status_days, weekly, StatusDays, Weekly},
    Item, ItemId, Kind, KindData, WorkCalendar,
};

use super::work::date_arg;

/// How the 通報 is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown: the 通報 text with its tables.
    Md,
    /// CSV: the numbers by unit, one row each.
    Csv,
}

/// The reports.
#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// The 督查 通報: items due in the period by lead unit — on time, late,
    /// still overdue — the on-time rate, and the list of overdue items.
    Supervision {
        /// First day of the period (any date form).
        #[arg(long)]
        from: String,
        /// Last day of the period.
        #[arg(long)]
        to: String,
        /// md or csv.
        #[arg(long, value_enum, default_value = "md")]
        format: ReportFormat,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The 週報: the week's intake per day, registered and finished per
    /// kind, 督查 finished on time or late, overdue by unit, meetings held,
    /// and what falls due next week.
    Weekly {
        /// Any day of the week (any date form; default this week).
        #[arg(long, value_name = "DATE")]
        week: Option<String>,
        /// md or csv.
        #[arg(long, value_enum, default_value = "md")]
        format: ReportFormat,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// 歸檔 readiness: finished items missing a result or reply, and
    /// classified items whose 保密期限 ends within the given days.
    Archive {
        /// How far ahead to flag a 保密期限 ending.
        #[arg(long, default_value_t = 90)]
        days: u64,
    },
}

/// Runs one report.
pub fn run(
    svc: &dyn Service,
    cal: &WorkCalendar,
    _th: &Thresholds,
    cmd: ReportCmd,
    out: &mut dyn Write,
) -> Result<()> {
    match cmd {
        ReportCmd::Supervision {
            from,
            to,
            format,
            output,
        } => {
            let (from, to) = (date_arg(&from, svc, cal)?, date_arg(&to, svc, cal)?);
            if to < from {
                bail!("--to {to} is before --from {from}");
            }
            let items = svc.list(&Filter {
                kind: Some(Kind::Supervision),
                ..Filter::default()
            })?;
            let today = svc.today();
            let text = match format {
                ReportFormat::Md => supervision_md(&items, from, to, today, cal),
                ReportFormat::Csv => supervision_csv(&unit_stats(&items, from, to, today))?,
            };
            write_report(&text, output, out)?;
        }
        ReportCmd::Weekly {
            week,
            format,
            output,
        } => {
            let day = match week {
                Some(s) => date_arg(&s, svc, cal)?,
                None => svc.today(),
            };
            let w = gather_weekly(svc, day)?;
            let text = match format {
                ReportFormat::Md => weekly_md(&w),
                ReportFormat::Csv => weekly_csv(&w)?,
            };
            write_report(&text, output, out)?;
        }
        ReportCmd::Archive { days } => archive(svc, days, out)?,
    }
    Ok(())
}

/// Writes a report to its file (saying so) or to `out`.
fn write_report(text: &str, output: Option<PathBuf>, out: &mut dyn Write) -> Result<()> {
    match output {
        Some(p) => {
            std::fs::write(&p, text).wrap_err_with(|| format!("writing {}", p.display()))?;
            writeln!(out, "wrote {}", p.display())?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(())
}

/// The 週報's numbers for the week around `day`, as the user may see them:
/// every item, and the status history of those changed since the week began
/// (nothing older can have moved within it).
pub fn gather_weekly(svc: &dyn Service, day: NaiveDate) -> Result<Weekly> {
    let items = svc.list(&Filter::default())?;
    let monday = crate::model::dashboard::week_start(day);
    let since = time::from_local(monday.and_hms_opt(0, 0, 0).unwrap_or_default());
    let mut moves: BTreeMap<ItemId, StatusDays> = BTreeMap::new();
    for it in items.iter().filter(|it| it.updated >= since) {
        moves.insert(it.id, status_days(&svc.history(it.id)?));
    }
    Ok(weekly(&items, &moves, day, svc.today()))
}

/// A unit's name in a table, or 未定單位 for an item naming none.
fn unit_cell(u: &str) -> String {
    if u.trim().is_empty() {
        "（未定單位）".into()
    } else {
        md(u)
    }
}

/// The 週報 in Markdown: a summary paragraph, then one table per question.
pub fn weekly_md(w: &Weekly) -> String {
    let registered: usize = w.kinds.iter().map(|k| k.registered).sum();
    let finished: usize = w.kinds.iter().map(|k| k.finished).sum();
    let mut s = format!("# 工作週報（{} 至 {}）\n\n", w.from, w.to);
    s += &format!(
        "統計截至 {}。本週收件 {} 件；登記 {registered} 件，辦結 {finished} 件；督查辦結 {} 件（按期 {} 件，逾期 {} 件）；逾期未辦 {} 件；召開會議 {} 次；下週到期 {} 件。\n\n",
        w.as_of,
        w.intake_total(),
        w.sv_on_time + w.sv_late,
        w.sv_on_time,
        w.sv_late,
        w.overdue_total(),
        w.meetings.len(),
        w.next_week.len(),
    );
    s += "## 每日收件\n\n| 日期 | 星期 | 收件 |\n|---|---|---:|\n";
    for (d, n) in &w.intake {
        s += &format!(
            "| {d} | {} | {n} |\n",
            crate::model::meetings::weekday_cn(*d)
        );
    }
    s += &format!("| **合計** | | {} |\n", w.intake_total());
    s += "\n## 登記與辦結\n\n| 類別 | 登記 | 辦結 |\n|---|---:|---:|\n";
    for k in &w.kinds {
        s += &format!("| {} | {} | {} |\n", k.kind, k.registered, k.finished);
    }
    s += &format!("| **合計** | {registered} | {finished} |\n");
    s += "\n## 督查辦結\n\n";
    let done = w.sv_on_time + w.sv_late;
    if done == 0 {
        s += "本週無督查事項辦結。\n";
    } else {
        s += &format!(
            "按期辦結 {} 件，逾期辦結 {} 件；按期辦結率 {:.1}%。\n",
            w.sv_on_time,
            w.sv_late,
            w.sv_on_time as f64 * 100.0 / done as f64
        );
    }
    s += &format!("\n## 逾期未辦（截至 {}）\n\n", w.as_of);
    if w.overdue.is_empty() {
        s += "無。\n";
    } else {
        s += "| 單位 | 逾期 |\n|---|---:|\n";
        for u in &w.overdue {
            s += &format!("| {} | {} |\n", unit_cell(&u.unit), u.count);
        }
    }
    s += "\n## 本週會議\n\n";
    if w.meetings.is_empty() {
        s += "無。\n";
    } else {
        s += "| 日期 | 代碼 | 會議 | 會議室 | 主持人 |\n|---|---|---|---|---|\n";
        for m in &w.meetings {
            s += &format!(
                "| {} | {} | {} | {} | {} |\n",
                m.day,
                md(&m.code),
                md(&m.title),
                md(&m.room),
                md(&m.chair)
            );
        }
    }
    s += "\n## 下週到期\n\n";
    if w.next_week.is_empty() {
        s += "無。\n";
    } else {
        s += "| 期限 | 類別 | 代碼 | 事項 | 單位 | 狀態 |\n|---|---|---|---|---|---|\n";
        for u in &w.next_week {
            s += &format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                u.deadline,
                u.kind,
                md(&u.code),
                md(&u.title),
                unit_cell(&u.unit),
                u.status
            );
        }
    }
    s
}

/// The 週報 as CSV rows of `section,key,value`: `intake,DATE,N`,
/// `registered,KIND,N`, `finished,KIND,N`, `supervision,on_time|late,N`,
/// `overdue,UNIT,N`, `meeting,CODE,DATE`, `due,CODE,DATE`.
pub fn weekly_csv(w: &Weekly) -> Result<String> {
    let mut c = csv::Writer::from_writer(vec![]);
    c.write_record(["section", "key", "value"])?;
    let mut row = |a: &str, b: &str, v: String| c.write_record([a, &escape(b), &v]);
    for (d, n) in &w.intake {
        row("intake", &d.to_string(), n.to_string())?;
    }
    for k in &w.kinds {
        row("registered", k.kind.label(), k.registered.to_string())?;
    }
    for k in &w.kinds {
        row("finished", k.kind.label(), k.finished.to_string())?;
    }
    row("supervision", "on_time", w.sv_on_time.to_string())?;
    row("supervision", "late", w.sv_late.to_string())?;
    for u in &w.overdue {
        row("overdue", &u.unit, u.count.to_string())?;
    }
    for m in &w.meetings {
        row("meeting", &m.code, m.day.to_string())?;
    }
    for u in &w.next_week {
        row("due", &u.code, u.deadline.to_string())?;
    }
    Ok(String::from_utf8(c.into_inner()?)?)
}

/// A table cell of Markdown: escaped for the terminal and for the table.
fn md(s: &str) -> String {
    escape(s).replace('|', "\\|")
}

fn stats_row(s: &UnitStats, bold: bool) -> String {
    let name = if bold {
        format!("**{}**", md(&s.unit))
    } else {
        md(&s.unit)
    };
    format!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} |\n",
        s.total,
        s.on_time,
        s.late,
        s.overdue_open,
        s.pending,
        s.rate_text(),
        s.overdue()
    )
}

/// The 通報 in Markdown: a summary, the table by unit and the overdue list.
pub fn supervision_md(
    items: &[Item],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let stats = unit_stats(items, from, to, today);
    let total = stats.last().cloned().unwrap_or_default();
    let mut s = format!("# 督查通報（{from} 至 {to}）\n\n");
    s += &format!(
        "統計截至 {today}。期內到期督查事項 {} 件：按期辦結 {} 件，逾期辦結 {} 件，逾期未結 {} 件，未到期 {} 件；按期辦結率 {}。\n\n",
        total.total,
        total.on_time,
        total.late,
        total.overdue_open,
        total.pending,
        total.rate_text()
    );
    s += "## 各單位辦理情況\n\n";
    s += "| 牽頭單位 | 到期事項 | 按期辦結 | 逾期辦結 | 逾期未結 | 未到期 | 按期辦結率 | 逾期 |\n";
    s += "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    let n = stats.len();
    for (i, st) in stats.iter().enumerate() {
        s += &stats_row(st, i + 1 == n);
    }
    let mut overdue: Vec<&Item> = items
        .iter()
        .filter(|it| outcome(it, from, to, today) == Some(Outcome::OverdueOpen))
        .collect();
    overdue.sort_by_key(|it| (it.deadline, it.id));
    s += "\n## 逾期未結事項\n\n";
    if overdue.is_empty() {
        s += "無。\n";
        return s;
    }
    s += "| 代碼 | 事項 | 牽頭單位 | 期限 | 逾期工作日 | 催辦次數 |\n";
    s += "|---|---|---|---|---:|---:|\n";
    for it in overdue {
        let deadline = it.deadline.unwrap_or(today);
        let reminders = match &it.data {
            KindData::Supervision(d) => d.reminders,
            _ => 0,
        };
        s += &format!(
            "| {} | {} | {} | {deadline} | {} | {reminders} |\n",
            md(&it.code),
            md(&it.title),
            md(lead_unit(it)),
            cal.workdays_between(deadline, today),
        );
    }
    s
}

/// The numbers by unit as CSV (the last row is the total, 合計). Unit names
/// are escaped: the CSV goes to standard output unless `--output` is given.
pub fn supervision_csv(stats: &[UnitStats]) -> Result<String> {
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record([
        "unit",
        "due",
        "on_time",
        "late",
        "overdue_open",
        "pending",
        "on_time_rate",
        "overdue",
    ])?;
    for s in stats {
        w.write_record([
            escape(&s.unit),
            s.total.to_string(),
            s.on_time.to_string(),
            s.late.to_string(),
            s.overdue_open.to_string(),
            s.pending.to_string(),
            s.rate().map(|r| format!("{r:.1}")).unwrap_or_default(),
            s.overdue().to_string(),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn archive(svc: &dyn Service, days: u64, out: &mut dyn Write) -> Result<()> {
    let today = svc.today();
    let mut rows = vec![];
    for it in svc.list(&Filter::default())? {
        for what in readiness(&it, today, days) {
            rows.push(vec![
                it.code.clone(),
                it.status.label().to_string(),
                what,
                it.title.clone(),
            ]);
        }
    }
    rows.sort();
    if rows.is_empty() {
        writeln!(
            out,
            "歸檔: nothing missing, no 保密期限 ending within {days} days"
        )?;
        return Ok(());
    }
    write!(
        out,
        "{}",
        super::table::render(&["代碼", "狀態", "問題", "標題"], &rows, &[0, 0, 60, 40])
    )?;
    Ok(())
}
