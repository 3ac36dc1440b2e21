//! `shuniu meeting …`, `shuniu meetings`, `shuniu rooms`: 辦會 from the
//! command line — a meeting saved only after its conflicts are shown, the
//! week view and the leaders' schedule, the 會議通知, sign-in, and a
//! decision turned into a 督查 item in one command.

use std::collections::BTreeMap;
use std::io::Write;

use clap::Subcommand;
use color_eyre::eyre::{bail, Result};

use crate::core::{Filter, Service};
use crate::model::{
    meetings::{conflicts, notice_text, people, week_of, weekday_cn, Room},
    sanitize::escape,
    Act, Command, DateCtx, Item, Kind, KindData, Link, LinkRel, WorkCalendar,
};

use super::work::act;

/// The 辦會 subcommands.
#[derive(Debug, Subcommand)]
pub enum MeetingCmd {
    /// A new meeting; refused while it clashes (room, chair, attendees) unless --force.
    Add {
        /// The meeting's name.
        title: String,
        /// Fields as name=value: type, start, end, room, chair, attendees, agenda …
        #[arg(short, long = "set", value_name = "FIELD=VALUE")]
        set: Vec<String>,
        /// Save despite the clashes shown.
        #[arg(long)]
        force: bool,
    },
    /// What clashes with a meeting.
    Check {
        /// The meeting.
        item: String,
    },
    /// The 會議通知 text; `--save` stores it in the meeting's `notice`.
    Notice {
        /// The meeting.
        item: String,
        /// Store it on the meeting.
        #[arg(long)]
        save: bool,
        /// Who issues it.
        #[arg(long, default_value = "市政府辦公室")]
        issuer: String,
    },
    /// 簽到: record who signed in.
    Signin {
        /// The meeting.
        item: String,
        /// Names.
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// A decision of a held meeting becomes a 督查 item, linked back (and
    /// 交辦 at once with --lead and --deadline).
    Decide {
        /// The meeting.
        item: String,
        /// The decision, as the 督查 item's title.
        text: String,
        /// 牽頭單位.
        #[arg(long)]
        lead: Option<String>,
        /// 配合單位.
        #[arg(long, default_value = "")]
        assist: String,
        /// The deadline (any date form).
        #[arg(long)]
        deadline: Option<String>,
        /// The reporting cycle.
        #[arg(long, default_value = "")]
        report: String,
    },
}

/// Runs one `meeting` subcommand.
pub fn run(
    svc: &dyn Service,
    cal: &WorkCalendar,
    rooms: &[Room],
    cmd: MeetingCmd,
    out: &mut dyn Write,
) -> Result<()> {
    let ctx = DateCtx {
        today: svc.today(),
        cal,
    };
    match cmd {
        MeetingCmd::Add { title, set, force } => {
            let me = svc.whoami()?;
            let mut it = Item::new(Kind::Meeting, "", &me.login, 0);
            it.set("title", &title, &ctx)?;
            for p in &set {
                let (k, v) = p
                    .split_once('=')
                    .ok_or_else(|| color_eyre::eyre::eyre!("'{}' is not FIELD=VALUE", escape(p)))?;
                it.set(k.trim(), v, &ctx)?;
            }
            let found = conflicts(&it, &all_meetings(svc)?, rooms);
            print_conflicts(&found, out)?;
            if !found.is_empty() && !force {
                bail!(
                    "not saved: {} clash(es); change the meeting or give --force",
                    found.len()
                );
            }
            let it = svc.apply(Command::Create { item: Box::new(it) })?;
            writeln!(out, "{} {}", it.code, escape(&it.title))?;
        }
        MeetingCmd::Check { item } => {
            let it = svc.get_by_code(&item)?;
            let found = conflicts(&it, &all_meetings(svc)?, rooms);
            print_conflicts(&found, out)?;
            if found.is_empty() {
                writeln!(out, "{}: no clashes", it.code)?;
            }
        }
        MeetingCmd::Notice { item, save, issuer } => {
            let it = svc.get_by_code(&item)?;
            if it.kind != Kind::Meeting {
                bail!("{} is a {}, not a meeting", it.code, it.kind);
            }
            let text = notice_text(&it, &issuer, svc.today());
            for l in text.lines() {
                writeln!(out, "{}", escape(l))?;
            }
            if save {
                let it = svc.apply(Command::Set {
                    id: it.id,
                    version: it.version,
                    fields: vec![("notice".into(), text)],
                })?;
                writeln!(out, "saved to {} v{}", it.code, it.version)?;
            }
        }
        MeetingCmd::Signin { item, names } => {
            let it = svc.get_by_code(&item)?;
            let KindData::Meeting(d) = &it.data else {
                bail!("{} is a {}, not a meeting", it.code, it.kind);
            };
            let mut signed = d.signed_in.clone();
            for n in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                if !signed.iter().any(|s| s == n) {
                    signed.push(n.to_string());
                }
            }
            let it = svc.apply(Command::Set {
                id: it.id,
                version: it.version,
                fields: vec![("signed_in".into(), signed.join("、"))],
            })?;
            let KindData::Meeting(d) = &it.data else {
                unreachable!("a meeting")
            };
            let absent: Vec<&str> = people(d)
                .into_iter()
                .filter(|p| !d.signed_in.iter().any(|s| s == p))
                .collect();
            writeln!(
                out,
                "{} 簽到 {}；未到 {}",
                it.code,
                d.signed_in.len(),
                escape(&absent.join("、"))
            )?;
        }
        MeetingCmd::Decide {
            item,
            text,
            lead,
            assist,
            deadline,
            report,
        } => {
            let m = svc.get_by_code(&item)?;
            let me = svc.whoami()?;
            let mut it = Item::new(Kind::Supervision, "", &me.login, 0);
            it.set("title", &text, &ctx)?;
            it.set("type", "會議決定", &ctx)?;
            it.links.push(Link {
                id: m.id,
                rel: LinkRel::Source,
            });
            let it = svc.apply(Command::Create { item: Box::new(it) })?;
            writeln!(out, "{} {} ← {}", it.code, escape(&it.title), m.code)?;
            if let (Some(lead), Some(deadline)) = (lead, deadline) {
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
                    "{} {} {} 期限 {}",
                    it.code,
                    it.status,
                    escape(&it.get("lead_unit").unwrap_or_default()),
                    it.get("deadline").unwrap_or_default()
                )?;
            }
        }
    }
    Ok(())
}

fn all_meetings(svc: &dyn Service) -> Result<Vec<Item>> {
    Ok(svc.list(&Filter {
        kind: Some(Kind::Meeting),
        ..Filter::default()
    })?)
}

fn print_conflicts(found: &[String], out: &mut dyn Write) -> Result<()> {
    for c in found {
        writeln!(out, "clash: {}", escape(c))?;
    }
    Ok(())
}

/// `shuniu meetings [--week DATE] [--people]`: the week's meetings by day,
/// or each person's meetings (the leaders' schedule).
pub fn week(
    svc: &dyn Service,
    cal: &WorkCalendar,
    day: Option<String>,
    by_person: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let day = match day {
        Some(s) => super::work::date_arg(&s, svc, cal)?,
        None => svc.today(),
    };
    let (mon, sun) = week_of(day);
    let mut ms: Vec<Item> = all_meetings(svc)?
        .into_iter()
        .filter(|it| match &it.data {
            KindData::Meeting(d) => {
                d.start.is_some_and(|s| (mon..=sun).contains(&s.date()))
                    && it.status != crate::model::Status::Cancelled
            }
            _ => false,
        })
        .collect();
    let start = |it: &Item| match &it.data {
        KindData::Meeting(d) => d.start,
        _ => None,
    };
    ms.sort_by_key(|it| (start(it), it.id));
    writeln!(out, "{mon} 至 {sun}")?;
    let line = |it: &Item| -> String {
        let KindData::Meeting(d) = &it.data else {
            return String::new();
        };
        let s = d
            .start
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        let e = d
            .end
            .map(|t| t.format("–%H:%M").to_string())
            .unwrap_or_default();
        escape(&format!(
            "{s}{e} {} {} {} {}（{}）",
            d.room, it.code, it.status, it.title, d.chair
        ))
    };
    if by_person {
        let mut who: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
        for it in &ms {
            if let KindData::Meeting(d) = &it.data {
                for p in people(d) {
                    who.entry(p.to_string()).or_default().push(it);
                }
            }
        }
        for (p, items) in who {
            writeln!(out, "{}", escape(&p))?;
            for it in items {
                let date = start(it).map(|t| t.date()).unwrap_or(day);
                writeln!(
                    out,
                    "  {} {} {}",
                    date.format("%m-%d"),
                    weekday_cn(date),
                    line(it)
                )?;
            }
        }
        return Ok(());
    }
    for d in (0..7).map(|i| mon + chrono::Duration::days(i)) {
        let today: Vec<&Item> = ms
            .iter()
            .filter(|it| start(it).is_some_and(|t| t.date() == d))
            .collect();
        if !today.is_empty() {
            writeln!(out, "{} {}", weekday_cn(d), d.format("%m-%d"))?;
            for it in today {
                writeln!(out, "  {}", line(it))?;
            }
        }
    }
    Ok(())
}

/// `shuniu rooms`: the rooms from the config, with seats.
pub fn rooms(rooms: &[Room], out: &mut dyn Write) -> Result<()> {
    if rooms.is_empty() {
        writeln!(
            out,
            "no rooms listed; the administrator lists them in /etc/shuniu/config.toml:\n[[rooms]]\nname = \"第一會議室\"\ncapacity = 40"
        )?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = rooms
        .iter()
        .map(|r| vec![r.name.clone(), r.capacity.to_string()])
        .collect();
    write!(
        out,
        "{}",
        super::table::render(&["會議室", "座位"], &rows, &[])
    )?;
    Ok(())
}
