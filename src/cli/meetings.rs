//! `shuniu meeting …`, `shuniu meetings`, `shuniu rooms`: 辦會 from the
//! command line — a meeting saved only after its conflicts are shown (by
//! `meeting add`, and by `add 會議` and `set` of its schedule too), the week
//! view and the leaders' schedule, the 會議通知, sign-in, and a decision
//! turned into a 督查 item in one command.

use std::io::Write;

use clap::Subcommand;
use color_eyre::eyre::{bail, Result};

use crate::core::{Filter, Service};
use crate::model::{
    meetings::{
        conflicts, new_conflicts, notice_text, people, uninvited, week_meetings, week_of,
        weekday_cn, Room, SCHEDULE_FIELDS, SIGNIN_STATUSES,
    },
    sanitize::escape,
    Act, BatchStep, Command, DateCtx, Item, Kind, KindData, Link, LinkRel, WorkCalendar,
};

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
    /// 簽到: record who signed in (while 已通知 or 已召開; only the chair and
    /// attendees, unless --extra).
    Signin {
        /// The meeting.
        item: String,
        /// Names.
        #[arg(required = true)]
        names: Vec<String>,
        /// Accept names not invited (列席, a deputy): they are added to the
        /// attendees in the same write.
        #[arg(long)]
        extra: bool,
    },
    /// A decision of a held meeting becomes a 督查 item, linked back (and
    /// 交辦 at once with --lead and --deadline, which go together).
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
        MeetingCmd::Add { title, set, force } => add(svc, cal, rooms, &title, &set, force, out)?,
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
        MeetingCmd::Signin { item, names, extra } => signin(svc, &item, &names, extra, out)?,
        MeetingCmd::Decide {
            item,
            text,
            lead,
            assist,
            deadline,
            report,
        } => {
            let m = svc.get_by_code(&item)?;
            if m.kind != Kind::Meeting {
                bail!(
                    "{} is a {}, not a meeting; to 立項 from it use: shuniu supervise new TITLE --from {}",
                    m.code,
                    m.kind,
                    m.code
                );
            }
            let assign = match (lead, deadline) {
                (Some(lead), Some(deadline)) => Some(Act::Assign {
                    lead,
                    assisting: assist,
                    deadline,
                    report,
                }),
                (Some(_), None) => {
                    bail!("--lead needs --deadline: 交辦 names a lead unit and a deadline together")
                }
                (None, Some(_)) => {
                    bail!("--deadline needs --lead: 交辦 names a lead unit and a deadline together")
                }
                (None, None) if !assist.is_empty() || !report.is_empty() => {
                    bail!("--assist and --report are part of 交辦: give --lead and --deadline too")
                }
                (None, None) => None,
            };
            let me = svc.whoami()?;
            let mut it = Item::new(Kind::Supervision, "", &me.login, 0);
            it.set("title", &text, &ctx)?;
            it.set("type", "會議決定", &ctx)?;
            it.links.push(Link {
                id: m.id,
                rel: LinkRel::Source,
            });
            // 立項 and 交辦 in one store write: both or neither, so a bad
            // unit, date or role (or a change in between) saves nothing.
            let mut steps = vec![BatchStep::of(Command::Create { item: Box::new(it) })];
            let assigned = assign.is_some();
            if let Some(act) = assign {
                steps.push(BatchStep::on(
                    0,
                    Command::Act {
                        id: 0,
                        version: 0,
                        act,
                    },
                ));
            }
            let it = svc
                .apply_batch(steps)
                .map_err(|e| color_eyre::eyre::eyre!("not saved: {e}"))?
                .remove(0);
            writeln!(out, "{} {} ← {}", it.code, escape(&it.title), m.code)?;
            if assigned {
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

/// Parses `FIELD=VALUE` pairs.
fn pairs(set: &[String]) -> Result<Vec<(String, String)>> {
    set.iter()
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .ok_or_else(|| color_eyre::eyre::eyre!("'{}' is not FIELD=VALUE", escape(p)))
        })
        .collect()
}

/// Prints the clashes; refuses (nothing saved) when there are any and the
/// user did not insist.
fn refuse_clashes(found: &[String], force: bool, out: &mut dyn Write) -> Result<()> {
    print_conflicts(found, out)?;
    if !found.is_empty() && !force {
        bail!(
            "not saved: {} clash(es); change the meeting or give --force",
            found.len()
        );
    }
    Ok(())
}

/// A new meeting (`meeting add`, and `add 會議`), saved only once its
/// clashes are shown: refused while there are any, unless `force`.
pub fn add(
    svc: &dyn Service,
    cal: &WorkCalendar,
    rooms: &[Room],
    title: &str,
    set: &[String],
    force: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let ctx = DateCtx {
        today: svc.today(),
        cal,
    };
    let me = svc.whoami()?;
    let mut it = Item::new(Kind::Meeting, "", &me.login, 0);
    it.set("title", title, &ctx)?;
    for (k, v) in pairs(set)? {
        it.set(&k, &v, &ctx)?;
    }
    refuse_clashes(
        &new_conflicts(None, &it, &all_meetings(svc)?, rooms),
        force,
        out,
    )?;
    let it = svc.apply(Command::Create { item: Box::new(it) })?;
    writeln!(out, "{} {}", it.code, escape(&it.title))?;
    Ok(())
}

/// `set` on a meeting that changes its schedule (start, end, room, chair,
/// attendees): the clashes the change makes are shown, and refused unless
/// `force`. Returns false, doing nothing, for any other `set`.
pub fn set_checked(
    svc: &dyn Service,
    cal: &WorkCalendar,
    rooms: &[Room],
    it: &Item,
    fields: &[String],
    force: bool,
    out: &mut dyn Write,
) -> Result<bool> {
    let fields = pairs(fields)?;
    if it.kind != Kind::Meeting
        || !fields
            .iter()
            .any(|(k, _)| SCHEDULE_FIELDS.contains(&k.as_str()))
    {
        return Ok(false);
    }
    let ctx = DateCtx {
        today: svc.today(),
        cal,
    };
    let mut after = it.clone();
    for (k, v) in &fields {
        after.set(k, v, &ctx)?;
    }
    refuse_clashes(
        &new_conflicts(Some(it), &after, &all_meetings(svc)?, rooms),
        force,
        out,
    )?;
    let it = svc.apply(Command::Set {
        id: it.id,
        version: it.version,
        fields,
    })?;
    writeln!(out, "{} v{}", it.code, it.version)?;
    Ok(true)
}

/// `meeting signin`: the names added to the sign-in list, in one write.
fn signin(
    svc: &dyn Service,
    item: &str,
    names: &[String],
    extra: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let it = svc.get_by_code(item)?;
    let KindData::Meeting(d) = &it.data else {
        bail!("{} is a {}, not a meeting", it.code, it.kind);
    };
    if !SIGNIN_STATUSES.contains(&it.status) {
        bail!(
            "{} is {}: 簽到 is recorded once the meeting is 已通知 or 已召開",
            it.code,
            it.status
        );
    }
    let names: Vec<String> = names
        .iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let unknown: Vec<String> = uninvited(d, &names).into_iter().map(String::from).collect();
    let mut fields = vec![];
    if !unknown.is_empty() {
        if !extra {
            bail!(
                "not invited to {}: {}; check the names, or give --extra to add them to the attendees (列席)",
                it.code,
                escape(&unknown.join("、"))
            );
        }
        let mut attendees = d.attendees.clone();
        attendees.extend(unknown.iter().cloned());
        fields.push(("attendees".to_string(), attendees.join("、")));
    }
    let mut signed = d.signed_in.clone();
    for n in names {
        if !signed.contains(&n) {
            signed.push(n);
        }
    }
    fields.push(("signed_in".into(), signed.join("、")));
    let it = svc.apply(Command::Set {
        id: it.id,
        version: it.version,
        fields,
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
    if !unknown.is_empty() {
        writeln!(
            out,
            "added to the attendees: {}",
            escape(&unknown.join("、"))
        )?;
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

/// `shuniu meetings [--week DATE] [--people [--leaders]]`: the week's
/// meetings by day, or each person's meetings; with `leaders`, only the
/// leaders' (領導日程: see `model::meetings::is_leader`).
pub fn week(
    svc: &dyn Service,
    cal: &WorkCalendar,
    day: Option<String>,
    by_person: bool,
    leaders: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let by_person = by_person || leaders;
    let directory = if leaders { svc.people()? } else { vec![] };
    let day = match day {
        Some(s) => super::work::date_arg(&s, svc, cal)?,
        None => svc.today(),
    };
    let (mon, sun) = week_of(day);
    let all = all_meetings(svc)?;
    let ms = week_meetings(&all, mon);
    let start = |it: &Item| match &it.data {
        KindData::Meeting(d) => d.start,
        _ => None,
    };
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
        let who = crate::model::meetings::by_person(&ms, leaders, &directory);
        if who.is_empty() && leaders {
            writeln!(out, "no leader has a meeting this week")?;
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
            .copied()
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
