//! `shuniu supervise …`: 督查 from the command line — 立項 (from a source
//! item, linked both ways), 交辦 in one step, progress reports, the
//! traffic-light board, and the sweep that sends 臨近提醒 and 催辦.

use std::io::Write;

use clap::Subcommand;
use color_eyre::eyre::{bail, Result};

use crate::core::{Filter, Service};
use crate::model::{
    sanitize::escape,
    supervision::{light, Light, Thresholds},
    Act, Command, DateCtx, Item, Kind, KindData, Link, LinkRel, ReminderReason, WorkCalendar,
};

use super::work::act;

/// The 督查 subcommands.
#[derive(Debug, Subcommand)]
pub enum SuperviseCmd {
    /// 立項: a new 督查 item; `--from` links it to its source (a meeting, a
    /// document, an affair), which is linked back.
    New {
        /// The task.
        title: String,
        /// 年度重點工作, 會議決定, 領導批示, 重大項目 (default: from the source's kind, else 其他).
        #[arg(long)]
        source: Option<String>,
        /// The source item (id, code or 文號).
        #[arg(long, value_name = "ITEM")]
        from: Option<String>,
        /// Other fields as name=value (repeatable).
        #[arg(short, long = "set", value_name = "FIELD=VALUE")]
        set: Vec<String>,
    },
    /// 交辦: lead unit, assisting units, deadline and reporting cycle in one step.
    Assign {
        /// The 督查 item.
        item: String,
        /// 牽頭單位 (exactly one).
        #[arg(long)]
        lead: String,
        /// 配合單位, separated by 、 or commas.
        #[arg(long, default_value = "")]
        assist: String,
        /// The deadline: `2026-12-31`, `+20工作日`, `+30`, `月底` …
        #[arg(long)]
        deadline: String,
        /// 每日 (daily), 每週 (weekly), 每月 (monthly), 按節點 (milestones) or days.
        #[arg(long, default_value = "")]
        report: String,
    },
    /// 進展: a dated progress report by the lead unit.
    Progress {
        /// The 督查 item.
        item: String,
        /// The report.
        text: String,
        /// The day reported on (default today).
        #[arg(long, default_value = "")]
        on: String,
        /// A milestone reached.
        #[arg(long)]
        milestone: bool,
    },
    /// Every 督查 item in progress with its traffic light, red first.
    Board {
        /// Only this lead unit (contains).
        #[arg(long)]
        unit: Option<String>,
    },
    /// Sends today's 臨近提醒 and 催辦: items close to their deadline, with a
    /// progress report late, or overdue.
    Urge {
        /// Only list what would be sent.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs one `supervise` subcommand.
pub fn run(
    svc: &dyn Service,
    cal: &WorkCalendar,
    th: &Thresholds,
    cmd: SuperviseCmd,
    out: &mut dyn Write,
) -> Result<()> {
    let ctx = DateCtx {
        today: svc.today(),
        cal,
    };
    match cmd {
        SuperviseCmd::New {
            title,
            source,
            from,
            set,
        } => {
            let me = svc.whoami()?;
            let mut it = Item::new(Kind::Supervision, "", &me.login, 0);
            it.set("title", &title, &ctx)?;
            if let Some(s) = source {
                it.set("type", &s, &ctx)?;
            }
            let src = from.map(|f| svc.get_by_code(&f)).transpose()?;
            if let Some(src) = &src {
                it.links.push(Link {
                    id: src.id,
                    rel: LinkRel::Source,
                });
            }
            for p in &set {
                let (k, v) = p
                    .split_once('=')
                    .ok_or_else(|| color_eyre::eyre::eyre!("'{}' is not FIELD=VALUE", escape(p)))?;
                it.set(k.trim(), v, &ctx)?;
            }
            let it = svc.apply(Command::Create { item: Box::new(it) })?;
            match src {
                Some(s) => writeln!(
                    out,
                    "{} {} ({} ← {})",
                    it.code,
                    escape(&it.title),
                    it.get("type").unwrap_or_default(),
                    s.code
                )?,
                None => writeln!(out, "{} {}", it.code, escape(&it.title))?,
            }
        }
        SuperviseCmd::Assign {
            item,
            lead,
            assist,
            deadline,
            report,
        } => {
            let it = svc.get_by_code(&item)?;
            let it = act(
                svc,
                &it,
                Act::Assign {
                    lead,
                    assisting: assist,
                    deadline,
                    report,
                },
            )?;
            writeln!(
                out,
                "{} {}: {} 期限 {}, {}報送",
                it.code,
                it.status,
                escape(&it.get("lead_unit").unwrap_or_default()),
                it.get("deadline").unwrap_or_default(),
                it.get("report_cycle").unwrap_or_default()
            )?;
        }
        SuperviseCmd::Progress {
            item,
            text,
            on,
            milestone,
        } => {
            let it = svc.get_by_code(&item)?;
            let it = act(
                svc,
                &it,
                Act::Progress {
                    on,
                    text,
                    milestone,
                },
            )?;
            writeln!(
                out,
                "{} v{} {}",
                it.code,
                it.version,
                escape(&it.get("progress").unwrap_or_default())
            )?;
        }
        SuperviseCmd::Board { unit } => board(svc, cal, th, unit, out)?,
        SuperviseCmd::Urge { dry_run } => urge(svc, cal, th, dry_run, out)?,
    }
    Ok(())
}

fn supervision_items(svc: &dyn Service) -> Result<Vec<Item>> {
    Ok(svc.list(&Filter {
        kind: Some(Kind::Supervision),
        ..Filter::default()
    })?)
}

fn board(
    svc: &dyn Service,
    cal: &WorkCalendar,
    th: &Thresholds,
    unit: Option<String>,
    out: &mut dyn Write,
) -> Result<()> {
    let today = svc.today();
    let mut rows: Vec<(Light, Option<chrono::NaiveDate>, Vec<String>)> = vec![];
    for it in supervision_items(svc)? {
        let Some(sig) = light(&it, today, cal, th) else {
            continue;
        };
        let lead = match &it.data {
            KindData::Supervision(d) => d.lead_unit.clone(),
            _ => String::new(),
        };
        if unit.as_ref().is_some_and(|u| !lead.contains(u.as_str())) {
            continue;
        }
        rows.push((
            sig.light,
            it.deadline,
            vec![
                sig.light.label().to_string(),
                it.code.clone(),
                it.status.label().to_string(),
                lead,
                sig.why,
                it.title.clone(),
            ],
        ));
    }
    rows.sort_by_key(|r| (r.0, r.1));
    let count = |l: Light| rows.iter().filter(|r| r.0 == l).count();
    writeln!(
        out,
        "紅 {} · 黃 {} · 綠 {} (yellow within {} working days)",
        count(Light::Red),
        count(Light::Yellow),
        count(Light::Green),
        th.yellow_workdays
    )?;
    let rows: Vec<Vec<String>> = rows.into_iter().map(|r| r.2).collect();
    write!(
        out,
        "{}",
        super::table::render(
            &["燈", "代碼", "狀態", "牽頭單位", "說明", "標題"],
            &rows,
            &[0, 0, 0, 16, 36, 50]
        )
    )?;
    Ok(())
}

fn urge(
    svc: &dyn Service,
    cal: &WorkCalendar,
    th: &Thresholds,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let done = crate::core::sweep::remind(svc, cal, th, dry_run)?;
    let (mut sent, mut refused) = (0, 0);
    for r in &done {
        let line = format!("{} {}: {}", r.item.code, r.due.reason, escape(&r.due.text));
        match &r.sent {
            None => writeln!(out, "would send {line}")?,
            Some(Ok(_)) => {
                sent += 1;
                writeln!(out, "sent {line}")?;
            }
            Some(Err(e)) => {
                refused += 1;
                writeln!(out, "refused {}: {}", r.item.code, escape(&e.to_string()))?;
            }
        }
    }
    let due: Vec<_> = done.iter().map(|r| &r.due).collect();
    let urging = due
        .iter()
        .filter(|d| d.reason != ReminderReason::Approaching)
        .count();
    writeln!(
        out,
        "{} due: {} 催辦, {} 臨近提醒{}",
        due.len(),
        urging,
        due.len() - urging,
        if dry_run {
            " (dry run: nothing sent)".to_string()
        } else {
            format!("; {sent} sent")
        }
    )?;
    if refused > 0 {
        bail!("{refused} reminder(s) were refused");
    }
    Ok(())
}
