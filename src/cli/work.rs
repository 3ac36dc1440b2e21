//! The workflow subcommands that need structured input: 審核 gates, 會簽,
//! the GB/T 9704 format check, 傳閱 hand-overs and the 傳閱 tracker. The
//! rules are `model`'s; these only parse and print. `dispatch` also routes
//! `supervise`, `report` and the meeting commands (which need the config's
//! thresholds and rooms).

use std::io::Write;

use clap::Args;
use color_eyre::eyre::{bail, eyre, Result};

use crate::core::{Filter, Service};
use crate::model::{
    format::check_format, sanitize::escape, time, Act, Command, DateCtx, Gate, Item, Kind,
    KindData, WorkCalendar,
};

use super::args::{Cmd, Global};

/// `shuniu gate ITEM GATE pass|return [-n COMMENT]`.
#[derive(Debug, Args)]
pub struct GateArgs {
    /// The 發文 under 審核 (id, code).
    pub item: String,
    /// 文字, 政策法規, 格式 or 運轉流程 (with or without 關; wording, policy, format, procedure).
    pub gate: String,
    /// pass (通過) or return (退回; sends the draft back to 起草).
    pub verdict: String,
    /// The comment; required for a return.
    #[arg(short, long, default_value = "")]
    pub note: String,
}

/// `shuniu cosign ITEM UNIT [-n NOTE]`.
#[derive(Debug, Args)]
pub struct CosignArgs {
    /// The joint 發文 (id, code).
    pub item: String,
    /// The co-signing unit, as listed in `cosigners`.
    pub unit: String,
    /// The unit's opinion.
    #[arg(short, long, default_value = "")]
    pub note: String,
}

/// `shuniu circulate ITEM HOLDER [--back | --chase]`.
#[derive(Debug, Args)]
pub struct CirculateArgs {
    /// The 收文 in 傳閱 (id, code).
    pub item: String,
    /// Who receives it (or gives it back, or is asked to).
    pub holder: String,
    /// Record that the holder gave it back.
    #[arg(long, conflicts_with = "chase")]
    pub back: bool,
    /// 催收: ask the holder to give it back.
    #[arg(long)]
    pub chase: bool,
}

/// Runs the subcommands of this module (and `supervise`, `report`); any
/// other command is handed back for `run::command`.
pub fn dispatch(
    svc: &dyn Service,
    cal: &WorkCalendar,
    g: &Global,
    cmd: Cmd,
    out: &mut dyn Write,
) -> Result<Option<Cmd>> {
    let (cfg, _) = crate::config::load(g.config.as_deref());
    let th = cfg.thresholds();
    let rooms = cfg.rooms.as_deref().unwrap_or(&[]);
    match cmd {
        Cmd::Gate(a) => gate(svc, a, out)?,
        Cmd::Cosign(a) => {
            let it = svc.get_by_code(&a.item)?;
            let it = act(
                svc,
                &it,
                Act::CoSign {
                    unit: a.unit,
                    note: a.note,
                },
            )?;
            let pending = match &it.data {
                KindData::Outgoing(d) => crate::model::fields_ext::cosign_pending(d),
                _ => vec![],
            };
            writeln!(
                out,
                "{} 會簽 v{}; still to sign: {}",
                it.code,
                it.version,
                if pending.is_empty() {
                    "none".to_string()
                } else {
                    escape(&pending.join("、"))
                }
            )?;
        }
        Cmd::CheckFormat { item } => {
            let it = svc.get_by_code(&item)?;
            if it.kind != Kind::Outgoing {
                bail!("{} is a {}; the format check is for 發文", it.code, it.kind);
            }
            if !format_report(&it, svc.today(), out)? {
                bail!("the format check found problems; 簽發 is refused until they are fixed");
            }
        }
        Cmd::Circulate(a) => {
            let it = svc.get_by_code(&a.item)?;
            let holder = a.holder.clone();
            let (act_, verb) = if a.back {
                (Act::GiveBack { holder }, "退還")
            } else if a.chase {
                (Act::Chase { holder }, "催收")
            } else {
                (Act::Circulate { holder }, "傳閱")
            };
            let it = act(svc, &it, act_)?;
            writeln!(
                out,
                "{} {verb} {} v{}",
                it.code,
                escape(&a.holder),
                it.version
            )?;
        }
        Cmd::Circulation { over } => circulation(svc, over.unwrap_or(0), out)?,
        Cmd::Link { item, other } => link(svc, &item, &other, out)?,
        Cmd::Supervise(c) => super::supervise::run(svc, cal, &th, c, out)?,
        Cmd::Meeting(c) => super::meetings::run(svc, cal, rooms, c, out)?,
        Cmd::Meetings {
            week,
            people,
            leaders,
        } => super::meetings::week(svc, cal, week, people, leaders, out)?,
        // A meeting is saved only once its clashes are shown, whichever
        // command makes or moves it.
        Cmd::Add {
            kind,
            title,
            set,
            force,
        } if Kind::parse(&kind) == Ok(Kind::Meeting) => {
            super::meetings::add(svc, cal, rooms, &title, &set, force, out)?
        }
        Cmd::Set {
            item,
            fields,
            force,
            if_version,
        } => {
            let it = svc.get_by_code(&item)?;
            // A stale --if-version goes on to the plain set, which refuses it
            // naming who changed what.
            let stale = if_version.is_some_and(|v| v != it.version);
            if stale || !super::meetings::set_checked(svc, cal, rooms, &it, &fields, force, out)? {
                return Ok(Some(Cmd::Set {
                    item,
                    fields,
                    force,
                    if_version,
                }));
            }
        }
        Cmd::Rooms => super::meetings::rooms(rooms, out)?,
        Cmd::Report(r) => super::report::run(svc, cal, &th, r, out)?,
        other => return Ok(Some(other)),
    }
    Ok(None)
}

/// `shuniu link A B`: both items record the other as related, in one write.
fn link(svc: &dyn Service, item: &str, other: &str, out: &mut dyn Write) -> Result<()> {
    let a = svc.get_by_code(item)?;
    let b = svc.get_by_code(other)?;
    let after = svc.apply(Command::Link {
        id: a.id,
        version: a.version,
        other: b.id,
    })?;
    if after.version == a.version {
        writeln!(out, "{} and {} are already linked", a.code, b.code)?;
    } else {
        writeln!(
            out,
            "{} {} ↔ {} {} (關聯)",
            a.code,
            escape(&a.title),
            b.code,
            escape(&b.title)
        )?;
    }
    Ok(())
}

/// Applies one act to the item as read.
pub fn act(svc: &dyn Service, it: &Item, act: Act) -> Result<Item> {
    Ok(svc.apply(Command::Act {
        id: it.id,
        version: it.version,
        act,
    })?)
}

fn gate(svc: &dyn Service, a: GateArgs, out: &mut dyn Write) -> Result<()> {
    let gate = Gate::parse_loose(&a.gate)?;
    let pass = match a.verdict.trim() {
        "pass" | "通過" | "通过" | "ok" => true,
        "return" | "退回" | "退改" => false,
        v => bail!("'{}' is not pass (通過) or return (退回)", escape(v)),
    };
    let it = svc.get_by_code(&a.item)?;
    let it = act(
        svc,
        &it,
        Act::Gate {
            gate,
            pass,
            comment: a.note,
        },
    )?;
    let states = it.get("gates").unwrap_or_default();
    writeln!(out, "{} {} v{}: {}", it.code, it.status, it.version, states)?;
    Ok(())
}

/// Prints the format findings; true when none would refuse 簽發.
pub fn format_report(it: &Item, today: chrono::NaiveDate, out: &mut dyn Write) -> Result<bool> {
    let findings = check_format(it, today);
    let blocking = findings.iter().filter(|f| !f.at_signing).count();
    writeln!(out, "{} {}", it.code, escape(&it.title))?;
    for f in &findings {
        let tag = if f.at_signing {
            "  (set at 簽發)"
        } else {
            ""
        };
        writeln!(
            out,
            "  {}: {}{tag}",
            f.field,
            escape(&f.problem.to_string())
        )?;
    }
    if blocking == 0 {
        writeln!(out, "format: ok (GB/T 9704)")?;
    } else {
        writeln!(out, "format: {blocking} finding(s)")?;
    }
    Ok(blocking == 0)
}

/// `shuniu circulation --over N`: every copy out with a reader for more than
/// N days (calendar days from the office-local day it was handed over, as
/// `model::circulation` counts them), longest out first; without N, all.
fn circulation(svc: &dyn Service, over: u32, out: &mut dyn Write) -> Result<()> {
    let today = svc.today();
    let items = svc.list(&Filter {
        kind: Some(Kind::Incoming),
        ..Filter::default()
    })?;
    let rows: Vec<Vec<String>> = crate::model::circulation::outstanding(&items, today, over)
        .into_iter()
        .map(|o| {
            vec![
                o.code,
                o.holder,
                time::format_ts(o.since),
                o.days.to_string(),
                o.chased.to_string(),
                o.title,
            ]
        })
        .collect();
    if rows.is_empty() {
        writeln!(out, "nothing out for 傳閱 longer than {over} days")?;
        return Ok(());
    }
    write!(
        out,
        "{}",
        super::table::render(
            &["代碼", "持有人", "自", "天數", "催收", "標題"],
            &rows,
            &[0, 16, 0, 0, 0, 50]
        )
    )?;
    Ok(())
}

/// A date typed on the command line, in any form the date parser accepts.
pub fn date_arg(s: &str, svc: &dyn Service, cal: &WorkCalendar) -> Result<chrono::NaiveDate> {
    let ctx = DateCtx {
        today: svc.today(),
        cal,
    };
    crate::model::parse_date(s, ctx.today, ctx.cal).map_err(|e| eyre!("'{}': {e}", escape(s)))
}
