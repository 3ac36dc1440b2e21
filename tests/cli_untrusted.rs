//! Untrusted text in what the new commands print: a title, a unit and a
//! person's name holding an OSC title sequence, a screen clear and a bidi
//! override come out as visible placeholders (`␛`, `␇`, `<U+202E>`), never
//! raw — in the queue (table and JSON), the week's meetings, the 通報 as CSV,
//! the 週報 and a refused field name.

mod cli_support;

use chrono::{Days, Local};
use cli_support::Env;

/// A title with a terminal-title sequence, a clear-screen and a bidi override.
const TITLE: &str = "惡意\x1b]0;pwned\x07\x1b[2J\u{202E}標題";
/// A unit or person name (no `;`, which would split a list of names).
const NAME: &str = "惡意\x1b[2J\u{202E}名";

/// Asserts `s` carries no raw ESC, BEL or bidi override.
fn nothing_raw(what: &str, s: &str) {
    assert!(
        !s.contains(['\x1b', '\x07', '\u{202E}']),
        "{what} printed raw control text:\n{s:?}"
    );
}

fn ok(e: &Env, args: &[&str]) -> String {
    let out = e.ok(args);
    nothing_raw(&format!("{args:?}"), &out);
    out
}

#[test]
fn queue_and_meetings_show_placeholders_and_json_keeps_the_text() {
    let e = Env::new();
    let added = ok(&e, &["add", "事務", TITLE, "--set", "handler=tester"]);
    assert!(added.contains("␛]0;pwned␇␛[2J<U+202E>標題"), "{added}");

    let q = ok(&e, &["queue", "已辦"]);
    assert!(q.contains("␛]0;pwned␇␛[2J<U+202E>標題"), "{q}");
    let json = ok(&e, &["queue", "已辦", "--json"]);
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(v["title"], TITLE, "the JSON still means the stored title");
    assert!(json.contains("\\u202e"), "{json}");

    let day = Local::now().date_naive() + Days::new(14);
    let (start, end) = (format!("start={day} 09:00"), format!("end={day} 10:00"));
    let (room, chair) = (format!("room={NAME}"), format!("chair={NAME}"));
    ok(
        &e,
        &[
            "meeting", "add", TITLE, "--set", &start, "--set", &end, "--set", &room, "--set",
            &chair,
        ],
    );
    let week = ok(&e, &["meetings", "--week", &day.to_string()]);
    assert!(
        week.contains("<U+202E>標題") && week.contains("惡意␛[2J<U+202E>名"),
        "{week}"
    );
    let people = ok(&e, &["meetings", "--week", &day.to_string(), "--people"]);
    assert!(
        people.lines().any(|l| l == "惡意␛[2J<U+202E>名"),
        "the chair heads a section, escaped:\n{people}"
    );
}

#[test]
fn reports_escape_unit_names_in_csv_and_markdown() {
    let e = Env::new();
    let created = ok(&e, &["supervise", "new", TITLE]);
    let code = created.split_whitespace().next().unwrap().to_string();
    let deadline = Local::now().date_naive() + Days::new(21);
    ok(
        &e,
        &[
            "supervise",
            "assign",
            &code,
            "--lead",
            NAME,
            "--deadline",
            &deadline.to_string(),
        ],
    );
    let csv = ok(
        &e,
        &[
            "report",
            "supervision",
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--format",
            "csv",
        ],
    );
    assert!(
        csv.lines().any(|l| l.starts_with("惡意␛[2J<U+202E>名,1,")),
        "{csv}"
    );
    // The week before the deadline lists it under 下週到期, with its unit.
    let week = (deadline - Days::new(7)).to_string();
    let md = ok(&e, &["report", "weekly", "--week", &week]);
    let due = md
        .lines()
        .find(|l| l.contains(&code))
        .unwrap_or_else(|| panic!("{code} is due next week:\n{md}"));
    assert!(
        due.contains("<U+202E>標題") && due.contains("惡意␛[2J<U+202E>名"),
        "{due}"
    );
}

#[test]
fn a_field_name_typed_with_control_text_is_refused_escaped() {
    let e = Env::new();
    let bad = format!("{NAME}=1");
    for args in [
        vec!["meeting", "add", "會議", "--set", &bad],
        vec!["add", "事務", "標題", "--set", &bad],
    ] {
        let o = e.run(&args);
        assert!(!o.status.success(), "{args:?} is refused");
        let err = String::from_utf8_lossy(&o.stderr);
        nothing_raw(&format!("{args:?}"), &err);
        assert!(
            err.contains("field '惡意␛[2J<U+202E>名': no such field"),
            "{err}"
        );
    }
}
