//! `shuniu report …`: the 督查 通報 for a period (Markdown or CSV) and the
//! 歸檔 readiness list. The numbers come from `model::sv_stats` and
//! `model::archive`; this file only lays them out.

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
    Item, Kind, KindData, WorkCalendar,
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
            match output {
                Some(p) => {
                    std::fs::write(&p, text)
                        .wrap_err_with(|| format!("writing {}", p.display()))?;
                    writeln!(out, "wrote {}", p.display())?;
                }
                None => out.write_all(text.as_bytes())?,
            }
        }
        ReportCmd::Archive { days } => archive(svc, days, out)?,
    }
    Ok(())
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

/// The numbers by unit as CSV (the last row is the total, 合計).
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
            s.unit.clone(),
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
