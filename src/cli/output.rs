//! What the CLI prints: tables for people, JSON for scripts. Every stored
//! string goes through `sanitize::escape` (tables) or JSON escaping.

use std::io::Write;

use chrono::NaiveDate;
use color_eyre::eyre::Result;

use crate::core::{Found, Row, Service};
use crate::model::{
    fields, sanitize::escape, sanitize::escape_multiline, time, HistoryEntry, Item, Kind,
};

use super::intake::Format;
use super::table::render;

fn deadline_cell(deadline: Option<NaiveDate>, overdue: bool) -> String {
    match deadline {
        Some(d) if overdue => format!("{d} 逾期"),
        Some(d) => d.to_string(),
        None => String::new(),
    }
}

/// List rows as a table.
pub fn items(rows: &[Row], today: NaiveDate, out: &mut dyn Write) -> Result<()> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.code.clone(),
                r.status.label().into(),
                r.urgency.label().into(),
                r.unit.clone(),
                deadline_cell(r.deadline, r.is_overdue(today)),
                r.title.clone(),
            ]
        })
        .collect();
    write!(
        out,
        "{}",
        render(
            &["代碼", "狀態", "緩急", "單位", "期限", "標題"],
            &rows,
            &[0, 0, 0, 16, 0, 60]
        )
    )?;
    Ok(())
}

/// One item, every field, its notes and its history.
pub fn show(
    it: &Item,
    history: &[HistoryEntry],
    today: NaiveDate,
    out: &mut dyn Write,
) -> Result<()> {
    writeln!(out, "{} {}", it.code, escape(&it.title))?;
    for f in fields::fields_of(it.kind).filter(|f| !matches!(f.name, "title" | "code")) {
        let v = it.get(f.name).unwrap_or_default();
        if v.is_empty() {
            continue;
        }
        let v = if f.name == "deadline" {
            deadline_cell(it.deadline, it.is_overdue(today))
        } else {
            v
        };
        if v.contains('\n') {
            writeln!(out, "  {}:", f.label)?;
            for l in escape_multiline(&v).lines() {
                writeln!(out, "    {l}")?;
            }
        } else {
            writeln!(out, "  {}: {}", f.label, escape(&v))?;
        }
    }
    if !it.links.is_empty() {
        let l: Vec<String> = it
            .links
            .iter()
            .map(|l| format!("{:?} {}", l.rel, l.id))
            .collect();
        writeln!(out, "  關聯: {}", l.join(", "))?;
    }
    if !it.notes.is_empty() {
        writeln!(out, "備註:")?;
        for n in &it.notes {
            writeln!(
                out,
                "  {} {}: {}",
                time::format_ts(n.at),
                escape(&n.by),
                escape(&n.text)
            )?;
        }
    }
    writeln!(out, "歷史:")?;
    history_lines(history, out)
}

/// An item's history as a timeline.
pub fn history(h: &[HistoryEntry], out: &mut dyn Write) -> Result<()> {
    history_lines(h, out)
}

fn history_lines(h: &[HistoryEntry], out: &mut dyn Write) -> Result<()> {
    for e in h {
        let note = if e.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", escape(&e.note))
        };
        writeln!(
            out,
            "  v{} {} {} {}{}",
            e.version,
            time::format_ts(e.at),
            escape(&e.by),
            escape(&e.action),
            note
        )?;
        for c in &e.changes {
            writeln!(
                out,
                "      {}: {} → {}",
                c.field,
                super::table::fit(&c.before, 40),
                super::table::fit(&c.after, 40)
            )?;
        }
    }
    Ok(())
}

/// Search results in aligned columns.
pub fn found(found: &[Found], today: NaiveDate, out: &mut dyn Write) -> Result<()> {
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|f| match f {
            Found::Item(it) => vec![
                it.kind.label().into(),
                it.code.clone(),
                it.status.label().into(),
                it.unit.clone(),
                deadline_cell(it.deadline, it.is_overdue(today)),
                it.title.clone(),
            ],
            Found::Unit(u) => vec![
                "單位".into(),
                u.key.clone(),
                String::new(),
                u.phone.clone(),
                String::new(),
                u.name.clone(),
            ],
            Found::Person(p) => vec![
                "人員".into(),
                p.id.to_string(),
                p.title.clone(),
                p.unit.clone(),
                p.phones.join(" "),
                p.name.clone(),
            ],
        })
        .collect();
    if rows.is_empty() {
        writeln!(out, "no match")?;
        return Ok(());
    }
    write!(
        out,
        "{}",
        render(
            &["類別", "代碼", "狀態", "單位", "期限/電話", "標題/名稱"],
            &rows,
            &[0, 0, 0, 16, 26, 60]
        )
    )?;
    Ok(())
}

/// Every field of an item as one JSON object, by the names intake uses.
pub fn item_value(it: &Item) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for f in fields::fields_of(it.kind) {
        if let Some(v) = it.get(f.name) {
            let v = match f.name {
                "id" | "version" => serde_json::Value::from(v.parse::<u64>().unwrap_or(0)),
                _ => serde_json::Value::from(v),
            };
            m.insert(f.name.to_string(), v);
        }
    }
    serde_json::Value::Object(m)
}

/// One item as a JSON line.
pub fn item_json(it: &Item) -> String {
    item_value(it).to_string()
}

/// One search result as a JSON line.
pub fn found_json(f: &Found) -> String {
    match f {
        Found::Item(r) => serde_json::json!({
            "id": r.id, "kind": r.kind.label(), "code": r.code, "status": r.status.label(),
            "title": r.title, "urgency": r.urgency.label(), "classification": r.classification.label(),
            "unit": r.unit, "handler": r.handler,
            "deadline": r.deadline.map(|d| d.to_string()).unwrap_or_default(),
            "updated": time::format_ts(r.updated),
        })
        .to_string(),
        Found::Unit(u) => serde_json::json!({"kind": "單位", "key": u.key, "name": u.name, "abbreviations": u.abbreviations, "phone": u.phone}).to_string(),
        Found::Person(p) => serde_json::json!({"kind": "人員", "id": p.id, "name": p.name, "unit": p.unit, "title": p.title, "phones": p.phones}).to_string(),
    }
}

/// Writes items as JSON lines or CSV. CSV needs one kind's columns, so
/// without `--kind` it uses the union of the columns of the kinds present.
pub fn export(
    items: &[Item],
    kind: Option<Kind>,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Jsonl => {
            for it in items {
                writeln!(out, "{}", item_json(it))?;
            }
        }
        Format::Csv => {
            let kinds: Vec<Kind> = match kind {
                Some(k) => vec![k],
                None => Kind::ALL
                    .iter()
                    .copied()
                    .filter(|k| items.iter().any(|i| i.kind == *k))
                    .collect(),
            };
            let cols: Vec<&str> = fields::FIELDS
                .iter()
                .filter(|f| f.kinds.is_empty() || f.kinds.iter().any(|k| kinds.contains(k)))
                .map(|f| f.name)
                .collect();
            let mut w = csv::Writer::from_writer(out);
            w.write_record(&cols)?;
            for it in items {
                w.write_record(cols.iter().map(|c| it.get(c).unwrap_or_default()))?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

/// `shuniu` with no subcommand: where things stand, and what to type next.
pub fn overview(svc: &dyn Service, out: &mut dyn Write) -> Result<()> {
    let me = svc.whoami()?;
    let counts = svc.counts()?;
    writeln!(
        out,
        "樞紐 shuniu — {} ({}, {})  {}",
        escape(&me.display),
        me.role,
        me.clearance,
        svc.today()
    )?;
    let total: usize = counts.by_kind.iter().map(|r| r.1).sum();
    if total == 0
        && svc
            .list(&crate::core::Filter {
                limit: Some(1),
                ..Default::default()
            })?
            .is_empty()
    {
        writeln!(out, "\nThe store is empty. Load demo data with `shuniu demo`, or register requests with `shuniu intake FILE`.")?;
    } else {
        let rows: Vec<Vec<String>> = counts
            .by_kind
            .iter()
            .map(|(k, open, overdue)| vec![k.label().into(), open.to_string(), overdue.to_string()])
            .collect();
        write!(out, "\n{}", render(&["類別", "在辦", "逾期"], &rows, &[]))?;
        let overdue = svc.rows(&crate::core::Filter {
            overdue: true,
            limit: Some(5),
            ..Default::default()
        })?;
        if !overdue.is_empty() {
            writeln!(out, "\n最近逾期:")?;
            items(&overdue, svc.today(), out)?;
        }
    }
    writeln!(
        out,
        "\nshuniu ls · shuniu find QUERY · shuniu show CODE · shuniu --help"
    )?;
    Ok(())
}
