//! Carrying out a parsed command line against a `Service`.

use std::io::{Read, Write};

use color_eyre::eyre::{bail, eyre, Result, WrapErr};

use crate::core::{AuditFilter, Filter, Found, Service};
use crate::model::{
    fields, sanitize::escape, time, workflow, Classification, Command, DateCtx, Item, Kind, Role,
    Status, User, WorkCalendar,
};

use super::args::{Cli, Cmd, DirectoryCmd, LsArgs, UserArgs, UserCmd};
use super::intake::{self, Format};
use super::open::{open, Opened};
use super::output;

/// Runs one command line to completion, writing to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    match cli.command {
        Some(Cmd::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "shuniu", out);
            return Ok(());
        }
        Some(Cmd::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(out)?;
            return Ok(());
        }
        Some(Cmd::Bench {
            items,
            clients: Some(clients),
            rate,
            seconds,
        }) => {
            let n = items.first().copied().unwrap_or(10_000);
            let config = cli.global.config.as_deref();
            return super::bench_daemon::run(n, clients, rate, seconds, config, out);
        }
        Some(Cmd::Bench { items, .. }) => {
            return super::bench::run(&items, cli.global.config.as_deref(), out)
        }
        Some(Cmd::Serve(a)) => return super::open::serve(&cli.global, &a),
        Some(Cmd::Stop) => return super::open::stop(&cli.global, out),
        Some(Cmd::Keys) => return super::tui::keys(&cli.global, out),
        Some(Cmd::BenchTui { items }) => return super::tui::bench(&items, out),
        Some(Cmd::BenchOpen) => {
            let (cfg, _) = crate::config::load(cli.global.config.as_deref());
            let data = super::open::data_dir(&cli.global, &cfg);
            return super::bench::open_only(&data, super::open::cache_bytes(&cfg), out);
        }
        _ => {}
    }
    if cli.command.is_none() && super::tui::interactive() {
        return super::tui::run(&cli.global);
    }
    let Opened {
        svc,
        calendar,
        warnings,
    } = open(&cli.global)?;
    for w in warnings {
        eprintln!("shuniu: warning: {}", escape(&w));
    }
    let svc: &dyn Service = svc.as_ref();
    match cli.command {
        None => output::overview(svc, out),
        Some(cmd) => match super::work::dispatch(svc, &calendar, &cli.global, cmd, out)? {
            Some(cmd) => command(svc, &calendar, cmd, out),
            None => Ok(()),
        },
    }
}

fn parse_pairs(pairs: &[String]) -> Result<Vec<(String, String)>> {
    pairs
        .iter()
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .ok_or_else(|| eyre!("'{}' is not FIELD=VALUE", escape(p)))
        })
        .collect()
}

/// An item by id, code or 文號.
fn resolve(svc: &dyn Service, s: &str) -> Result<Item> {
    Ok(svc.get_by_code(s)?)
}

fn command(svc: &dyn Service, cal: &WorkCalendar, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let cal_today = svc.today();
    let ctx = DateCtx {
        today: cal_today,
        cal,
    };
    match cmd {
        Cmd::Add {
            kind, title, set, ..
        } => {
            let kind = Kind::parse(&kind)?;
            let me = svc.whoami()?;
            let mut it = Item::new(kind, "", &me.login, 0);
            it.set("title", &title, &ctx)?;
            for (k, v) in parse_pairs(&set)? {
                it.set(&k, &v, &ctx)?;
            }
            let it = svc.apply(Command::Create { item: Box::new(it) })?;
            writeln!(out, "{} {}", it.code, escape(&it.title))?;
        }
        Cmd::Ls(a) => ls(svc, a, out)?,
        Cmd::Show { item, json } => {
            let it = resolve(svc, &item)?;
            if json {
                writeln!(out, "{}", output::item_json(&it))?;
            } else {
                let history = svc.history(it.id)?;
                output::show(&it, &history, cal_today, out)?;
            }
        }
        Cmd::Set {
            item,
            fields,
            if_version,
            ..
        } => {
            let it = resolve(svc, &item)?;
            let it = svc.apply(Command::Set {
                id: it.id,
                version: if_version.unwrap_or(it.version),
                fields: parse_pairs(&fields)?,
            })?;
            writeln!(out, "{} v{}", it.code, it.version)?;
        }
        Cmd::Move { item, status, note } => {
            let it = resolve(svc, &item)?;
            // A verb offered from here (簽收, 催辦 …) first, then a status name.
            let to = match workflow::moves_from(it.kind, it.status)
                .find(|t| t.action == status.trim())
            {
                Some(t) => t.to,
                None => Status::parse(&status)?,
            };
            let it = svc.apply(Command::Move {
                id: it.id,
                version: it.version,
                to,
                note,
            })?;
            writeln!(out, "{} {}", it.code, it.status)?;
        }
        Cmd::Moves { item } => {
            let it = resolve(svc, &item)?;
            let rows: Vec<Vec<String>> = workflow::moves_from(it.kind, it.status)
                .map(|t| {
                    vec![
                        t.action.to_string(),
                        t.to.label().to_string(),
                        t.roles
                            .iter()
                            .map(|r| r.label())
                            .collect::<Vec<_>>()
                            .join("/"),
                    ]
                })
                .collect();
            if rows.is_empty() {
                writeln!(out, "{} is {}: no further moves", it.code, it.status)?;
            } else {
                write!(
                    out,
                    "{}",
                    super::table::render(&["動作", "到", "角色"], &rows, &[])
                )?;
            }
        }
        Cmd::Route { item, kind } => {
            let it = resolve(svc, &item)?;
            let to = Kind::parse(&kind)?;
            let new = svc.apply(Command::Route {
                id: it.id,
                version: it.version,
                to,
            })?;
            writeln!(out, "{} → {} {}", it.code, new.code, escape(&new.title))?;
        }
        Cmd::Note { item, text } => {
            let it = resolve(svc, &item)?;
            let it = svc.apply(Command::Note {
                id: it.id,
                version: it.version,
                text,
            })?;
            writeln!(out, "{} v{}", it.code, it.version)?;
        }
        Cmd::History { item } => {
            let it = resolve(svc, &item)?;
            output::history(&svc.history(it.id)?, out)?;
        }
        Cmd::Fields { kind } => {
            let kind = Kind::parse(&kind)?;
            let rows: Vec<Vec<String>> = fields::fields_of(kind)
                .map(|f| {
                    vec![
                        f.name.to_string(),
                        f.label.to_string(),
                        if f.system { "system" } else { "" }.to_string(),
                    ]
                })
                .collect();
            write!(
                out,
                "{}",
                super::table::render(&["field", "欄位", ""], &rows, &[])
            )?;
        }
        Cmd::Find { query, limit, json } => {
            let q = output::query_words(&query)?;
            let found = svc.search(&q, limit)?;
            // People name their unit by key: ask for the directory only then.
            let units = if found.iter().any(|f| matches!(f, Found::Person(_))) {
                svc.units()?
            } else {
                vec![]
            };
            if json {
                for f in &found {
                    writeln!(out, "{}", output::found_json(f, &units))?;
                }
            } else {
                output::found(&found, &units, cal_today, out)?;
            }
        }
        Cmd::Intake { file, format } => {
            let (name, text) = if file == "-" {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .wrap_err("reading standard input")?;
                (None, s)
            } else {
                let s =
                    std::fs::read_to_string(&file).wrap_err_with(|| format!("reading {file}"))?;
                (Some(file.as_str()), s)
            };
            let format = format.unwrap_or_else(|| Format::detect(name, &text));
            let me = svc.whoami()?;
            let now = chrono::Utc::now().timestamp();
            match intake::parse(&text, format, &me.login, now, &ctx) {
                Ok(items) => {
                    let n = items.len();
                    svc.create_many(items)?;
                    writeln!(out, "{n} requests registered")?;
                }
                Err(errors) => {
                    let src = name.unwrap_or("<stdin>");
                    for e in errors.iter().take(intake::MAX_ERRORS) {
                        eprintln!("{}: {e}", escape(src));
                    }
                    if errors.len() > intake::MAX_ERRORS {
                        eprintln!("… and {} more errors", errors.len() - intake::MAX_ERRORS);
                    }
                    bail!("nothing was registered: {} line(s) refused", errors.len());
                }
            }
        }
        Cmd::Export {
            format,
            kind,
            output: path,
        } => {
            let kind = kind.map(|k| Kind::parse(&k)).transpose()?;
            let mut items = svc.list(&Filter {
                kind,
                ..Filter::default()
            })?;
            items.sort_by_key(|i| i.id);
            let mut file;
            let w: &mut dyn Write = match &path {
                Some(p) => {
                    file = std::io::BufWriter::new(
                        std::fs::File::create(p)
                            .wrap_err_with(|| format!("creating {}", p.display()))?,
                    );
                    &mut file
                }
                None => out,
            };
            output::export(&items, kind, format, w)?;
            w.flush()?;
        }
        Cmd::Demo { items, seed } => {
            let now = chrono::Utc::now().timestamp();
            let data = crate::demo::generate(items, seed, now);
            let n = crate::demo::load(svc, data)?;
            writeln!(
                out,
                "loaded {n} demo items (seed {seed}); try: shuniu ls --overdue, shuniu find xsaq"
            )?;
        }
        Cmd::Backup { dest } => {
            let n = svc.backup(&dest)?;
            writeln!(out, "backed up {n} records to {}", dest.display())?;
        }
        Cmd::Check => {
            let r = svc.check()?;
            for p in &r.problems {
                writeln!(out, "problem: {}", escape(p))?;
            }
            writeln!(
                out,
                "{} records, {} items, {} problems",
                r.records,
                r.items,
                r.problems.len()
            )?;
            if !r.ok() {
                bail!("the store has {} problems", r.problems.len());
            }
        }
        Cmd::User(u) => user(svc, u, out)?,
        Cmd::Directory(d) => match d {
            DirectoryCmd::Ls { people } => super::directory::list(svc, people, out)?,
            DirectoryCmd::Export { people } => super::directory::export(svc, people, out)?,
            DirectoryCmd::Import { file } => {
                let text = if file == "-" {
                    let mut s = String::new();
                    std::io::stdin()
                        .read_to_string(&mut s)
                        .wrap_err("reading standard input")?;
                    s
                } else {
                    std::fs::read_to_string(&file).wrap_err_with(|| format!("reading {file}"))?
                };
                super::directory::import(svc, &file, &text, out)?
            }
        },
        Cmd::Watch { count, timeout } => watch(svc, count, timeout, out)?,
        Cmd::Queue { which, json } => super::queue::queue(svc, which.as_deref(), json, out)?,
        Cmd::Notices { all, read } => super::queue::notices(svc, all, read, out)?,
        Cmd::Audit { user, item, since } => {
            // An id is taken as it is: looking the item up would be a read
            // of its own (audited), and the auditor may lack its clearance.
            let item = item
                .map(|s| match s.trim().parse::<u64>() {
                    Ok(id) => Ok(id),
                    Err(_) => resolve(svc, &s).map(|i| i.id),
                })
                .transpose()?;
            let since = since
                .map(|s| crate::model::parse_date(&s, cal_today, cal))
                .transpose()?;
            let rows: Vec<Vec<String>> = svc
                .audit(&AuditFilter { user, item, since })?
                .into_iter()
                .map(|e| {
                    vec![
                        time::format_ts(e.at),
                        e.user,
                        e.action,
                        // An entry about many items names the one asked for.
                        e.item.or(item).map(|i| i.to_string()).unwrap_or_default(),
                        e.detail,
                    ]
                })
                .collect();
            write!(
                out,
                "{}",
                super::table::render(
                    &["時間", "用戶", "動作", "項目", "說明"],
                    &rows,
                    &[0, 0, 0, 0, 60]
                )
            )?;
        }
        Cmd::Supervise(_)
        | Cmd::Report(_)
        | Cmd::Gate(_)
        | Cmd::Cosign(_)
        | Cmd::CheckFormat { .. }
        | Cmd::Circulate(_)
        | Cmd::Circulation { .. }
        | Cmd::Link { .. }
        | Cmd::Meeting(_)
        | Cmd::Meetings { .. }
        | Cmd::Rooms => unreachable!("handled by work::dispatch"),
        Cmd::Completions { .. }
        | Cmd::Man
        | Cmd::Bench { .. }
        | Cmd::BenchOpen
        | Cmd::Keys
        | Cmd::BenchTui { .. }
        | Cmd::Serve(_)
        | Cmd::Stop => {
            unreachable!("handled before opening the store")
        }
    }
    Ok(())
}

/// `shuniu watch`: one line per pushed change, after a `# watching` line
/// that says the subscription is in place.
fn watch(
    svc: &dyn Service,
    count: Option<usize>,
    timeout: Option<f64>,
    out: &mut dyn Write,
) -> Result<()> {
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::{Duration, Instant};
    let rx = svc.subscribe()?;
    writeln!(out, "# watching")?;
    out.flush()?;
    let deadline = timeout.map(|t| Instant::now() + Duration::from_secs_f64(t.max(0.0)));
    let mut n = 0;
    while count.is_none_or(|c| n < c) {
        let ev = match deadline {
            Some(d) => match rx.recv_timeout(d.saturating_duration_since(Instant::now())) {
                Ok(ev) => ev,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    bail!("the connection to the daemon was lost")
                }
            },
            None => rx
                .recv()
                .map_err(|_| eyre!("the connection to the daemon was lost"))?,
        };
        match ev {
            crate::core::Event::Changed(it) => writeln!(
                out,
                "{} v{} {} {}",
                it.code,
                it.version,
                it.status,
                escape(&it.title)
            )?,
            crate::core::Event::Directory => writeln!(out, "directory changed")?,
            crate::core::Event::Notice(n) => {
                writeln!(out, "notice {} {} {}", n.code, n.what, escape(&n.title))?
            }
        }
        out.flush()?;
        n += 1;
    }
    Ok(())
}

fn ls(svc: &dyn Service, a: LsArgs, out: &mut dyn Write) -> Result<()> {
    let f = Filter {
        kind: a.kind.map(|k| Kind::parse(&k)).transpose()?,
        status: a.status.map(|s| Status::parse(&s)).transpose()?,
        unit: a.unit,
        handler: a.handler,
        overdue: a.overdue,
        open: a.open,
        text: a.text,
        limit: a.limit,
    };
    if a.json {
        for it in &svc.list(&f)? {
            writeln!(out, "{}", output::item_json(it))?;
        }
    } else {
        output::items(&svc.rows(&f)?, svc.today(), out)?;
    }
    Ok(())
}

fn user(svc: &dyn Service, cmd: UserCmd, out: &mut dyn Write) -> Result<()> {
    match cmd {
        UserCmd::List => {
            let rows: Vec<Vec<String>> = svc
                .users()?
                .into_iter()
                .map(|u| {
                    vec![
                        u.login,
                        u.uid.to_string(),
                        u.display,
                        u.unit,
                        u.role.label().into(),
                        u.clearance.label().into(),
                        if u.disabled { "停用" } else { "" }.into(),
                    ]
                })
                .collect();
            write!(
                out,
                "{}",
                super::table::render(
                    &["登錄名", "uid", "姓名", "單位", "角色", "密級", ""],
                    &rows,
                    &[]
                )
            )?;
        }
        UserCmd::Disable { login } => {
            let mut u = find_user(svc, &login)?;
            u.disabled = true;
            svc.save_user(u)?;
            writeln!(out, "{} disabled", escape(&login))?;
        }
        UserCmd::Add(a) => {
            if svc.users()?.iter().any(|u| u.login == a.login) {
                bail!("user {} exists; use shuniu user set", escape(&a.login));
            }
            let uid = match a.uid {
                Some(u) => u,
                None => super::open::uid_of(&a.login).ok_or_else(|| {
                    eyre!(
                        "no Unix account {} in /etc/passwd; give --uid",
                        escape(&a.login)
                    )
                })?,
            };
            let u = apply_user_args(
                User {
                    login: a.login.clone(),
                    uid,
                    display: a.login.clone(),
                    unit: String::new(),
                    role: Role::Clerk,
                    clearance: Classification::Internal,
                    disabled: false,
                },
                &a,
            )?;
            svc.save_user(u.clone())?;
            writeln!(
                out,
                "added {} (uid {}, {}, {})",
                escape(&u.login),
                u.uid,
                u.role,
                u.clearance
            )?;
        }
        UserCmd::Set(a) => {
            let u = apply_user_args(find_user(svc, &a.login)?, &a)?;
            svc.save_user(u.clone())?;
            writeln!(
                out,
                "{}: {}, {}{}",
                escape(&u.login),
                u.role,
                u.clearance,
                if u.disabled { ", disabled" } else { "" }
            )?;
        }
    }
    Ok(())
}

fn find_user(svc: &dyn Service, login: &str) -> Result<User> {
    svc.users()?
        .into_iter()
        .find(|u| u.login == login)
        .ok_or_else(|| eyre!("no user {}; shuniu user list shows them", escape(login)))
}

fn apply_user_args(mut u: User, a: &UserArgs) -> Result<User> {
    if let Some(uid) = a.uid {
        u.uid = uid;
    }
    if let Some(n) = &a.name {
        u.display = n.clone();
    }
    if let Some(n) = &a.unit {
        u.unit = n.clone();
    }
    if let Some(r) = &a.role {
        u.role = Role::parse(r)?;
    }
    if let Some(c) = &a.clearance {
        u.clearance = Classification::parse(c)?;
    }
    if a.enable {
        u.disabled = false;
    }
    Ok(u)
}

/// Prints a search hit's kind for `find`.
pub fn found_kind(f: &Found) -> &'static str {
    match f {
        Found::Item(it) => it.kind.label(),
        Found::Unit(_) => "單位",
        Found::Person(_) => "人員",
    }
}
