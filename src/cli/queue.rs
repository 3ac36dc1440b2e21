//! `shuniu queue` and `shuniu notices`: the clerk's 待辦, 待閱 and 已辦, and
//! the notices of items that landed on them, as the workbench shows them.

use std::io::Write;

use color_eyre::eyre::{eyre, Result};

use crate::core::Service;
use crate::model::queue::Queue;
use crate::model::{sanitize::escape, time};

use super::table::render;

/// `shuniu queue [待辦|待閱|已辦] [--json]` (all three without a name).
pub fn queue(
    svc: &dyn Service,
    which: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let queues = match which {
        Some(w) => vec![Queue::parse(w).map_err(|e| eyre!("queue: {e}"))?],
        None => vec![Queue::Todo, Queue::ToRead, Queue::Done],
    };
    for q in queues {
        let entries = svc.queue(q)?;
        if json {
            for e in &entries {
                let r = &e.row;
                let v = serde_json::json!({
                    "queue": q.label(), "why": e.why.map(|w| w.label()).unwrap_or_default(),
                    "id": r.id, "kind": r.kind.label(), "code": r.code, "status": r.status.label(),
                    "title": r.title, "unit": r.unit, "handler": r.handler,
                    "deadline": r.deadline.map(|d| d.to_string()).unwrap_or_default(),
                    "updated": time::format_ts(r.updated),
                });
                writeln!(out, "{}", super::output::json_line(&v))?;
            }
            continue;
        }
        writeln!(out, "{}（{}）", q.label(), entries.len())?;
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                let r = &e.row;
                vec![
                    r.code.clone(),
                    e.why.map(|w| w.label()).unwrap_or("").into(),
                    r.status.label().into(),
                    r.deadline.map(|d| d.to_string()).unwrap_or_default(),
                    r.title.clone(),
                ]
            })
            .collect();
        if !rows.is_empty() {
            write!(
                out,
                "{}",
                render(
                    &["代碼", "原因", "狀態", "期限", "標題"],
                    &rows,
                    &[0, 0, 0, 0, 60]
                )
            )?;
        }
    }
    Ok(())
}

/// `shuniu notices [--all] [--read]`: the unread notices (or all), newest
/// first; `--read` marks the ones shown as read.
pub fn notices(svc: &dyn Service, all: bool, read: bool, out: &mut dyn Write) -> Result<()> {
    let list = svc.notices(!all)?;
    for n in &list {
        let note = if n.note.trim().is_empty() {
            String::new()
        } else {
            format!("：{}", escape(n.note.trim()))
        };
        writeln!(
            out,
            "{} {} {} {} {}（{}）{}{}",
            time::format_ts(n.at),
            if n.read { " " } else { "*" },
            n.what.label(),
            escape(&n.code),
            escape(&n.title),
            escape(&n.by),
            escape(&n.action),
            note
        )?;
    }
    if list.is_empty() {
        writeln!(
            out,
            "{}",
            if all {
                "沒有通知"
            } else {
                "沒有未讀通知"
            }
        )?;
    }
    if read {
        let ids: Vec<u64> = list.iter().filter(|n| !n.read).map(|n| n.id).collect();
        svc.mark_read(&ids)?;
    }
    Ok(())
}
