//! What the CLI prints: tables for people, JSON for scripts. Every stored
//! string goes through `sanitize::escape` (tables) or JSON escaping.

use std::io::Write;

use chrono::NaiveDate;
use color_eyre::eyre::Result;

use crate::core::{Found, Row, Service};
use crate::model::{
    fields, sanitize::escape, sanitize::escape_multiline, time, HistoryEntry, Item, Kind, Unit,
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

/// The words of a `find` query as one string. A word that is not UTF-8
/// (a terminal in another encoding, a lone UTF-16 surrogate from a
/// script) is refused with the word and the bytes at fault, rather than
/// searched for as something else.
pub fn query_words(words: &[std::ffi::OsString]) -> Result<String> {
    use std::os::unix::ffi::OsStrExt;
    let mut out = Vec::with_capacity(words.len());
    for (n, w) in words.iter().enumerate() {
        let bytes = w.as_bytes();
        match std::str::from_utf8(bytes) {
            Ok(s) => out.push(s),
            Err(e) => {
                let at = e.valid_up_to();
                // The undecodable run (up to four bytes), as a clerk's
                // helper would look for it in a hex dump.
                let hex: Vec<String> = bytes[at..]
                    .iter()
                    .enumerate()
                    .take_while(|(i, b)| *i == 0 || **b >= 0x80)
                    .take(4)
                    .map(|(_, b)| format!("{b:02X}"))
                    .collect();
                color_eyre::eyre::bail!(
                    "find: word {} of the query is not UTF-8 text: bytes {} at byte {} \
                     (is the terminal set to UTF-8?)",
                    n + 1,
                    hex.join(" "),
                    at
                );
            }
        }
    }
    Ok(out.join(" "))
}

/// The columns of `shuniu find`: a unit has no status and no deadline, a
/// person no code; a person's 職務 stands in the status column and their
/// phones, like a unit's, in the deadline column.
pub const FOUND_HEADER: [&str; 6] = [
    "類別",
    "代碼",
    "狀態/職務",
    "單位",
    "期限/電話",
    "標題/名稱",
];

/// The name of a unit given by key, full name or abbreviation (the key
/// itself when the directory does not know it).
pub fn unit_name<'a>(unit: &'a str, units: &'a [Unit]) -> &'a str {
    units
        .iter()
        .find(|u| u.key == unit || u.name == unit || u.abbreviations.iter().any(|a| a == unit))
        .map(|u| u.name.as_str())
        .unwrap_or(unit)
}

/// Search results in aligned columns (`FOUND_HEADER`); `units` names the
/// units people belong to.
pub fn found(found: &[Found], units: &[Unit], today: NaiveDate, out: &mut dyn Write) -> Result<()> {
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
                String::new(),
                u.phone.clone(),
                u.name.clone(),
            ],
            Found::Person(p) => vec![
                "人員".into(),
                String::new(),
                p.title.clone(),
                unit_name(&p.unit, units).to_string(),
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
        render(&FOUND_HEADER, &rows, &[0, 0, 0, 16, 26, 60])
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

/// A JSON value as one line a terminal shows as it is: serde_json escapes
/// only C0 controls, so DEL, C1 controls and bidi overrides (U+202E …) are
/// written as `\uXXXX` too. The JSON means the same; no character is lost.
pub fn json_line(v: &serde_json::Value) -> String {
    let s = v.to_string();
    if !s.chars().any(crate::model::sanitize::is_dangerous) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 12);
    for c in s.chars() {
        if crate::model::sanitize::is_dangerous(c) {
            // Outside strings serde_json writes only ASCII punctuation, so
            // such a character is inside a string, where `\u` is valid.
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One item as a JSON line.
pub fn item_json(it: &Item) -> String {
    json_line(&item_value(it))
}

/// One search result as a JSON line: an item's row, a unit, or a person
/// (with their unit's name in `unit` and what it was stored as in `unit_key`).
pub fn found_json(f: &Found, units: &[Unit]) -> String {
    let v = match f {
        Found::Item(r) => serde_json::json!({
            "id": r.id, "kind": r.kind.label(), "code": r.code, "status": r.status.label(),
            "title": r.title, "urgency": r.urgency.label(), "classification": r.classification.label(),
            "unit": r.unit, "handler": r.handler,
            "deadline": r.deadline.map(|d| d.to_string()).unwrap_or_default(),
            "updated": time::format_ts(r.updated),
        }),
        Found::Unit(u) => serde_json::json!({
            "kind": "單位", "key": u.key, "name": u.name,
            "abbreviations": u.abbreviations, "phone": u.phone, "doc_prefix": u.doc_prefix,
        }),
        Found::Person(p) => serde_json::json!({
            "kind": "人員", "id": p.id, "name": p.name,
            "unit": unit_name(&p.unit, units), "unit_key": p.unit,
            "title": p.title, "phones": p.phones, "notes": p.notes,
        }),
    };
    json_line(&v)
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
