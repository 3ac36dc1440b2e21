//! `shuniu intake`: incoming requests from JSON lines or CSV (DESIGN §6).
//! Parsing is all-or-nothing: every line is checked first, every error is
//! reported with its line and field, and nothing is stored unless all pass.

use std::collections::BTreeMap;

use crate::model::{fields, time, DateCtx, Item, Kind, Timestamp, ValidationError};

/// The fields a request may carry (DESIGN §6). `title` is required.
pub const INTAKE_FIELDS: &[&str] = &[
    "title",
    "from",
    "channel",
    "received",
    "ref",
    "phone",
    "urgency",
    "classification",
    "deadline",
    "body",
];

/// Which syntax the input uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A header row of field names, then one request per row.
    Csv,
}

impl Format {
    /// Guesses from a file name, else from the first non-blank character.
    pub fn detect(name: Option<&str>, text: &str) -> Format {
        if let Some(n) = name {
            let n = n.to_ascii_lowercase();
            if n.ends_with(".csv") {
                return Format::Csv;
            }
            if n.ends_with(".jsonl") || n.ends_with(".json") || n.ends_with(".ndjson") {
                return Format::Jsonl;
            }
        }
        if text.trim_start().starts_with('{') {
            Format::Jsonl
        } else {
            Format::Csv
        }
    }
}

/// One refused line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line of the input.
    pub line: usize,
    /// What was wrong, naming the field.
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// At most this many errors are reported; the rest are counted.
pub const MAX_ERRORS: usize = 50;

/// Parses a whole input into inbox drafts, or every error found.
pub fn parse(
    text: &str,
    format: Format,
    by: &str,
    now: Timestamp,
    ctx: &DateCtx,
) -> Result<Vec<Item>, Vec<LineError>> {
    // Each line is read and checked on its own, so the lines are shared
    // out over the cores; results keep the file's order.
    let read = |r: &Row| -> Result<Item, LineError> {
        match r {
            Ok((line, fields)) => to_item(fields, by, now, ctx).map_err(|message| LineError {
                line: *line,
                message,
            }),
            Err((line, message)) => Err(LineError {
                line: *line,
                message: message.clone(),
            }),
        }
    };
    let results = match format {
        Format::Jsonl => {
            let lines: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| (i + 1, l))
                .collect();
            par_map(&lines, |&(line, l)| read(&jsonl_row(line, l)))
        }
        Format::Csv => par_map(&csv_rows(text), read),
    };
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(it) => items.push(it),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// Below this many lines one thread reads them all.
const PARALLEL_FROM: usize = 2000;

/// `f` of every element, in order, the slice cut into one run per core.
fn par_map<T: Sync, U: Send>(xs: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    par_map_on(crate::cores::available(8), xs, f)
}

/// [`par_map`] on `cores` threads.
fn par_map_on<T: Sync, U: Send>(cores: usize, xs: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    if cores <= 1 || xs.len() < PARALLEL_FROM {
        return xs.iter().map(f).collect();
    }
    let parts: Vec<&[T]> = xs.chunks(xs.len().div_ceil(cores)).collect();
    crate::cores::each(parts.len(), |p| parts[p].iter().map(&f).collect::<Vec<U>>())
        .into_iter()
        .flatten()
        .collect()
}

type Row = Result<(usize, BTreeMap<String, String>), (usize, String)>;

/// One JSON line's fields, or what is wrong with it.
fn jsonl_row(line: usize, l: &str) -> Row {
    let v: serde_json::Value = serde_json::from_str(l.trim_start_matches('\u{feff}'))
        .map_err(|e| (line, format!("not valid JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or((line, "each line must be one JSON object".to_string()))?;
    let mut out = BTreeMap::new();
    for (k, v) in obj {
        let s = match v {
            serde_json::Value::Null => continue,
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            _ => return Err((line, format!("field '{}': must be text", esc(k)))),
        };
        out.insert(k.clone(), s);
    }
    Ok((line, out))
}

fn csv_rows(text: &str) -> Vec<Row> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect::<Vec<_>>(),
        Err(e) => return vec![Err((1, format!("cannot read the header row: {e}")))],
    };
    let mut rows = vec![];
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map(|p| p.line() as usize).unwrap_or(0);
                let fields = headers
                    .iter()
                    .zip(r.iter())
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(h, v)| (h.clone(), v.to_string()))
                    .collect();
                rows.push(Ok((line, fields)));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                rows.push(Err((line, format!("not valid CSV: {e}"))));
            }
        }
    }
    if rows.is_empty() && headers.iter().any(|h| !INTAKE_FIELDS.contains(&h.as_str())) {
        // A header with a typo and no rows is still worth an error.
        rows.push(Ok((
            1,
            headers.iter().map(|h| (h.clone(), String::new())).collect(),
        )));
    }
    rows
}

fn esc(s: &str) -> String {
    crate::model::sanitize::escape(s)
}

/// Exported records carry these too; they are accepted and left to the store.
fn is_system(name: &str) -> bool {
    fields::spec(name).is_some_and(|f| f.system) && name != "status"
}

/// The intake fields, the other editable fields of a 收件 (`unit`,
/// `handler`, `secrecy_years`, which exports carry), and system fields.
fn is_known(name: &str) -> bool {
    INTAKE_FIELDS.contains(&name)
        || is_system(name)
        || name == "status"
        || fields::fields_of(Kind::Inbox).any(|f| f.name == name)
}

fn to_item(
    row: &BTreeMap<String, String>,
    by: &str,
    now: Timestamp,
    ctx: &DateCtx,
) -> Result<Item, String> {
    for k in row.keys() {
        if !is_known(k) {
            return Err(format!(
                "unknown field '{}'; intake fields: {}",
                esc(k),
                INTAKE_FIELDS.join(", ")
            ));
        }
    }
    if let Some(k) = row.get("kind") {
        if Kind::parse(k).ok() != Some(Kind::Inbox) {
            return Err(format!(
                "field 'kind': intake takes 收件 requests only, not '{}'",
                esc(k)
            ));
        }
    }
    let title = row.get("title").map(|s| s.trim()).unwrap_or("");
    if title.is_empty() {
        return Err("field 'title': is required".into());
    }
    let mut it = Item::new(Kind::Inbox, "", by, now);
    let set = |it: &mut Item, k: &str, v: &str| {
        it.set(k, v, ctx)
            .map_err(|e: ValidationError| e.to_string())
    };
    set(&mut it, "title", title)?;
    set(&mut it, "channel", "來文")?;
    set(&mut it, "received", &time::format_ts(now))?;
    for f in fields::fields_of(Kind::Inbox).filter(|f| !f.system && f.name != "title") {
        if let Some(v) = row.get(f.name) {
            set(&mut it, f.name, v)?;
        }
    }
    if let Some(s) = row.get("status") {
        let st = crate::model::Status::parse(s).map_err(|e| format!("field 'status': {e}"))?;
        if !matches!(
            st,
            crate::model::Status::Pending | crate::model::Status::Closed
        ) {
            return Err(format!(
                "field 'status': a new request is 待處理 or 已關閉, not {st}"
            ));
        }
        it.status = st;
        if let Some(r) = row.get("close_reason") {
            if let crate::model::KindData::Inbox(d) = &mut it.data {
                d.close_reason = r.trim().to_string();
            }
        }
    }
    it.validate().map_err(|e| e.to_string())?;
    Ok(it)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KindData, Urgency, WorkCalendar};
    use chrono::NaiveDate;

    fn run(text: &str, f: Format) -> Result<Vec<Item>, Vec<LineError>> {
        let cal = WorkCalendar::builtin();
        let ctx = DateCtx {
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            cal: &cal,
        };
        parse(text, f, "t", 1_795_570_200, &ctx)
    }

    #[test]
    fn jsonl_all_fields() {
        let items = run(
            r#"{"title":"關於校舍安全的請示","from":"市教育局","channel":"來電","received":"2026-11-25 09:30","ref":"市教發〔2026〕45號","phone":"0571-87651234","urgency":"加急","classification":"內部","deadline":"+3工作日","body":"詳見附件"}"#,
            Format::Jsonl,
        )
        .unwrap();
        let it = &items[0];
        assert_eq!(it.urgency, Urgency::Urgent);
        assert_eq!(it.deadline, NaiveDate::from_ymd_opt(2026, 11, 30));
        let KindData::Inbox(d) = &it.data else {
            panic!()
        };
        assert_eq!(d.reference, "市教發〔2026〕45號");
        assert_eq!(d.phone, "0571-87651234");
    }

    #[test]
    fn errors_name_line_and_field_and_nothing_passes() {
        let mut text = String::new();
        for i in 1..=16 {
            text.push_str(&format!("{{\"title\":\"t{i}\"}}\n"));
        }
        text.push_str("{\"title\":\"bad\",\"deadline\":\"2026-13-01\"}\n");
        let errs = run(&text, Format::Jsonl).unwrap_err();
        assert_eq!(errs.len(), 1);
        let e = errs[0].to_string();
        assert!(
            e.starts_with("line 17: field 'deadline': '2026-13-01' is not a date"),
            "{e}"
        );
    }

    /// A file past `PARALLEL_FROM` lines is read on several threads: the
    /// items keep the file's order and every error its own line.
    #[test]
    fn a_long_file_read_on_every_core_keeps_order_and_line_numbers() {
        let n = PARALLEL_FROM * 2 + 37;
        let good: String = (1..=n)
            .map(|i| format!("{{\"title\":\"第{i}行\"}}\n\n"))
            .collect();
        let items = run(&good, Format::Jsonl).unwrap();
        let titles: Vec<String> = items.iter().map(|it| it.title.clone()).collect();
        assert_eq!(
            titles,
            (1..=n).map(|i| format!("第{i}行")).collect::<Vec<_>>()
        );
        // Blank lines count: item i is on line 2i - 1.
        let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
        for i in [17, 2600, n - 1] {
            lines[2 * i - 2] = format!("{{\"title\":\"t\",\"deadline\":\"2026-13-0{}\"}}", i % 9);
        }
        let errs = run(&(lines.join("\n") + "\n"), Format::Jsonl).unwrap_err();
        let at: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(at, vec![33, 5199, 2 * (n - 1) - 1]);
        assert!(
            errs[1].to_string().contains("'2026-13-08' is not a date"),
            "{}",
            errs[1]
        );
        let csv: String = std::iter::once("title,deadline\n".to_string())
            .chain((1..=n).map(|i| {
                if i == 3001 {
                    "壞,明年\n".to_string()
                } else {
                    format!("第{i}行,\n")
                }
            }))
            .collect();
        let errs = run(&csv, Format::Csv).unwrap_err();
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3002]);
    }

    #[test]
    fn work_shared_over_threads_comes_back_in_order() {
        let xs: Vec<usize> = (0..PARALLEL_FROM * 3 + 5).collect();
        let want: Vec<usize> = xs.iter().map(|x| x * 2).collect();
        for cores in [1, 2, 3, 7] {
            assert_eq!(par_map_on(cores, &xs, |x| x * 2), want, "{cores} threads");
        }
    }

    #[test]
    fn unknown_fields_and_values_list_the_valid_ones() {
        let errs = run(
            "{\"title\":\"x\",\"titel\":\"y\"}\n{\"title\":\"x\",\"urgency\":\"很急\"}",
            Format::Jsonl,
        )
        .unwrap_err();
        assert!(
            errs[0].to_string().contains("unknown field 'titel'"),
            "{}",
            errs[0]
        );
        assert!(
            errs[1].to_string().contains("平件, 加急, 特急"),
            "{}",
            errs[1]
        );
        let errs = run("{\"from\":\"x\"}", Format::Jsonl).unwrap_err();
        assert_eq!(errs[0].to_string(), "line 1: field 'title': is required");
    }

    #[test]
    fn csv_with_header_and_line_numbers() {
        let ok = run("title,from,phone\n甲,市財政局,12345\n乙,,\n", Format::Csv).unwrap();
        assert_eq!(ok.len(), 2);
        let errs = run("title,urgency\n甲,平件\n乙,急\n", Format::Csv).unwrap_err();
        assert_eq!(errs[0].line, 3);
        assert!(errs[0].message.contains("urgency"));
        let errs = run("title,colour\n甲,紅\n", Format::Csv).unwrap_err();
        assert!(errs[0].message.contains("unknown field 'colour'"));
    }

    #[test]
    fn control_characters_are_stored_but_escaped_in_errors() {
        let ok = run("{\"title\":\"a\\u001b]0;pwned\\u0007b\"}", Format::Jsonl).unwrap();
        assert_eq!(ok[0].title, "a\x1b]0;pwned\x07b");
        let errs = run(
            "{\"title\":\"x\",\"urgency\":\"\\u001b[2J\"}",
            Format::Jsonl,
        )
        .unwrap_err();
        assert!(!errs[0].to_string().contains('\x1b'));
    }

    #[test]
    fn detects_format() {
        assert_eq!(Format::detect(Some("a.CSV"), "{"), Format::Csv);
        assert_eq!(Format::detect(None, "  {\"title\":1}"), Format::Jsonl);
        assert_eq!(Format::detect(None, "title\nx"), Format::Csv);
    }
}
