//! `shuniu find` as a clerk and a script use it: the real binary on demo
//! data in a temporary folder (opened in-process, so no daemon is left
//! behind), its table read back by display width, its JSON lines parsed.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use unicode_width::UnicodeWidthChar;

const HEADER: [&str; 6] = [
    "類別",
    "代碼",
    "狀態/職務",
    "單位",
    "期限/電話",
    "標題/名稱",
];

fn shuniu(home: &Path, args: &[OsString]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shuniu"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("USER", "tester")
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("share"))
        .env("XDG_RUNTIME_DIR", home.join("run"))
        .env("SHUNIU_DATA", home.join("data"))
        .env("SHUNIU_NO_DAEMON", "1")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn ok(home: &Path, args: &[&str]) -> String {
    let args: Vec<OsString> = args.iter().map(OsString::from).collect();
    let o = shuniu(home, &args);
    assert!(
        o.status.success(),
        "shuniu {args:?} failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// A temporary home with 300 demo items.
fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo", "--items", "300"]);
    dir
}

/// The display column each character of `line` starts at.
fn columns(line: &str) -> Vec<(usize, char)> {
    let mut at = 0;
    line.chars()
        .map(|c| {
            let here = at;
            at += c.width().unwrap_or(0);
            (here, c)
        })
        .collect()
}

/// Where each header label starts, in display columns.
fn header_starts(header: &str) -> Vec<usize> {
    let cols = columns(header);
    HEADER
        .iter()
        .map(|h| {
            let first = h.chars().next().unwrap();
            let i = header.find(h).unwrap_or_else(|| panic!("{h} in {header}"));
            let chars_before = header[..i].chars().count();
            assert_eq!(cols[chars_before].1, first);
            cols[chars_before].0
        })
        .collect()
}

/// The cells of a table line cut at the header's columns; panics when a
/// cell does not start exactly at its column after two blank cells (a table
/// aligned by characters or bytes instead of display width).
fn cells(line: &str, starts: &[usize]) -> Vec<String> {
    let cols = columns(line);
    let mut out = vec![String::new(); starts.len()];
    for (at, c) in &cols {
        let k = starts.iter().rposition(|s| s <= at).unwrap();
        out[k].push(*c);
    }
    for (k, &s) in starts.iter().enumerate().skip(1) {
        // Two blank cells before each column, and no wide character
        // straddling its first cell.
        let before: String = cols
            .iter()
            .filter(|(at, _)| *at + 2 >= s && *at < s)
            .map(|(_, c)| *c)
            .collect();
        if cols.iter().any(|(at, _)| *at >= s) {
            assert_eq!(before, "  ", "column {k} of {line:?}");
            assert!(
                cols.iter().any(|(at, _)| *at == s),
                "a character straddles column {k} of {line:?}"
            );
        }
    }
    out.iter().map(|c| c.trim().to_string()).collect()
}

/// A cell shows `value`, perhaps cut with an ellipsis.
fn shows(cell: &str, value: &str) -> bool {
    cell == value || cell.strip_suffix('…').is_some_and(|c| value.starts_with(c))
}

fn str_of<'a>(j: &'a serde_json::Value, k: &str) -> &'a str {
    j[k].as_str()
        .unwrap_or_else(|| panic!("{k} is a string in {j}"))
}

#[test]
fn table_columns_hold_what_their_headers_say() {
    let home = demo();
    // Items, units and people: 發改委 is a unit's abbreviation, its people
    // and its items (units named by full CJK names wider than the column).
    for q in ["fgw", "教育局", "1234"] {
        let table = ok(home.path(), &["find", q, "-n", "40"]);
        let json = ok(home.path(), &["find", q, "-n", "40", "--json"]);
        let mut lines = table.lines();
        let header = lines.next().unwrap();
        let starts = header_starts(header);
        let rows: Vec<Vec<String>> = lines.map(|l| cells(l, &starts)).collect();
        let hits: Vec<serde_json::Value> = json
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
            .collect();
        assert_eq!(rows.len(), hits.len(), "{q}: one row per hit");
        assert!(!rows.is_empty(), "{q}");
        let mut kinds = std::collections::BTreeSet::new();
        for (r, j) in rows.iter().zip(&hits) {
            let kind = str_of(j, "kind");
            assert_eq!(r[0], kind, "{q}: {r:?}");
            kinds.insert(kind.to_string());
            match kind {
                "單位" => {
                    assert_eq!(r[1], str_of(j, "key"), "code of a unit is its key");
                    assert_eq!(r[2], "", "a unit has no status");
                    assert_eq!(r[3], "", "a unit belongs to no unit");
                    assert!(shows(&r[4], str_of(j, "phone")), "{r:?}");
                    assert!(shows(&r[5], str_of(j, "name")), "{r:?}");
                }
                "人員" => {
                    assert_eq!(r[1], "", "a person has no code: {r:?}");
                    assert_eq!(r[2], str_of(j, "title"), "{r:?}");
                    let unit = str_of(j, "unit");
                    assert!(shows(&r[3], unit), "{r:?} unit {unit}");
                    assert_ne!(unit, str_of(j, "unit_key"), "the unit's name, not its key");
                    let phones: Vec<&str> = j["phones"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p.as_str().unwrap())
                        .collect();
                    assert!(shows(&r[4], &phones.join(" ")), "{r:?}");
                    assert!(shows(&r[5], str_of(j, "name")), "{r:?}");
                }
                _ => {
                    assert_eq!(r[1], str_of(j, "code"), "{r:?}");
                    assert_eq!(r[2], str_of(j, "status"), "{r:?}");
                    assert!(shows(&r[3], str_of(j, "unit")), "{r:?}");
                    let deadline = str_of(j, "deadline");
                    assert!(
                        r[4] == deadline || r[4] == format!("{deadline} 逾期"),
                        "{r:?}"
                    );
                    assert!(shows(&r[5], str_of(j, "title")), "{r:?}");
                    assert!(j["id"].as_u64().is_some(), "{j}");
                }
            }
        }
        if q == "fgw" {
            assert!(
                kinds.contains("單位") && kinds.contains("人員"),
                "{kinds:?}"
            );
            assert!(kinds.len() >= 3, "{kinds:?}");
        }
    }
}

#[test]
fn json_lines_carry_every_field() {
    let home = demo();
    let json = ok(home.path(), &["find", "王建國", "--json"]);
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(first["kind"], "人員");
    assert_eq!(first["name"], "王建國");
    assert_eq!(first["unit"], "市教育局");
    assert_eq!(first["title"], "科長");
    assert!(first["phones"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "13800001234"));
    assert!(first["id"].as_u64().is_some());

    let json = ok(home.path(), &["find", "市教發〔2026〕45號", "--json"]);
    let it: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(it["title"], "市教育局關於校舍安全工作的請示");
    for k in [
        "id", "kind", "code", "status", "unit", "deadline", "updated",
    ] {
        assert!(!it[k].is_null(), "{k} in {it}");
    }

    let json = ok(home.path(), &["find", "發改委", "--json"]);
    let unit: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(unit["kind"], "單位");
    assert_eq!(unit["name"], "市發展和改革委員會");
    assert!(unit["abbreviations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "發改委"));
    // Nothing found: no lines, success.
    assert_eq!(ok(home.path(), &["find", "鑫淼焱垚", "--json"]), "");
}

#[test]
fn a_query_that_is_not_utf8_is_refused_cleanly() {
    let home = tempfile::tempdir().unwrap();
    // ED A0 80: an unpaired UTF-16 surrogate (U+D800) encoded as if it were
    // UTF-8, as a script may pass it.
    for (word, bad) in [
        (vec![0xED, 0xA0, 0x80], "bytes ED A0 80 at byte 0"),
        (b"ab\xff".to_vec(), "bytes FF at byte 2"),
        (
            [b"\xe6\x95\x99".as_slice(), &[0xED, 0xA0, 0x80]].concat(),
            "bytes ED A0 80 at byte 3",
        ),
    ] {
        let args = [
            OsString::from("find"),
            OsString::from("教育"),
            OsString::from_vec(word.clone()),
        ];
        let o = shuniu(home.path(), &args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{word:X?}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.contains("word 2 of the query is not UTF-8 text") && err.contains(bad),
            "{word:X?}: {err}"
        );
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn hostile_queries_print_bounded_results() {
    let home = demo();
    let long = "關於".repeat(5_000);
    for q in [long.as_str(), "\u{1b}[2J", "%", "2"] {
        let out = ok(home.path(), &["find", q, "-n", "5"]);
        assert!(out.lines().count() <= 6, "{q:.10}: {out}");
        assert!(
            !out.contains('\u{1b}'),
            "no raw escape reaches the terminal"
        );
    }
}
