//! The real `shuniu` binary, run as a clerk would, each test in its own
//! temporary HOME and data folder.

mod cli_support;

use std::process::Stdio;

use cli_support::{s, Env};

#[test]
fn empty_store_overview_says_what_to_do() {
    let e = Env::new();
    let out = e.ok(&[]);
    assert!(out.contains("樞紐 shuniu"), "{out}");
    assert!(out.contains("shuniu demo"), "{out}");
}

#[test]
fn demo_then_list_find_show() {
    let e = Env::new();
    let out = e.ok(&["demo", "--items", "400", "--seed", "7"]);
    assert!(out.contains("loaded 400 demo items"), "{out}");
    let over = e.ok(&[]);
    assert!(over.contains("督查") && over.contains("逾期"), "{over}");

    let zs = e.ok(&["find", "zs"]);
    assert!(zs.contains("張三"), "{zs}");
    let phone = e.ok(&["find", "1234"]);
    assert!(
        phone.lines().nth(1).unwrap_or("").contains("王建國"),
        "{phone}"
    );
    let docno = e.ok(&["find", "〔2026〕45"]);
    assert!(docno.contains("市教育局關於校舍安全工作的請示"), "{docno}");
    let simp = e.ok(&["find", "教育局关于校舍安全"]);
    assert!(simp.contains("市教育局關於校舍安全工作的請示"), "{simp}");

    let ls = e.ok(&["ls", "--kind", "督查", "--overdue"]);
    assert!(ls.lines().count() > 1, "{ls}");
    assert!(ls.contains("逾期"), "{ls}");

    let json = e.ok(&["ls", "--kind", "收文", "--json", "-n", "3"]);
    assert_eq!(json.lines().count(), 3);
    for l in json.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["kind"], "收文");
        assert!(v["code"].as_str().unwrap().starts_with("收"));
    }
}

#[test]
fn add_set_move_and_history() {
    let e = Env::new();
    let out = e.ok(&[
        "add",
        "收文",
        "辦文流程優化的意見",
        "--set",
        "from=市財政局",
        "--set",
        "ref=市財發〔2026〕3號",
    ]);
    let code = out.split_whitespace().next().unwrap().to_string();
    assert_eq!(
        code,
        format!("收{}-0001", chrono::Local::now().format("%Y"))
    );
    assert!(e.ok(&["find", "办文"]).contains(&code));
    e.ok(&["set", &code, "deadline=2026-12-31", "handler=李明"]);
    e.ok(&["move", &code, "登記"]);
    let moves = e.ok(&["moves", &code]);
    assert!(moves.contains("初審") && moves.contains("退回"), "{moves}");
    let refused = e.run(&["move", &code, "歸檔"]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("cannot move to 歸檔"), "{err}");
    let show = e.ok(&["show", &code]);
    assert!(show.contains("經辦人: 李明"), "{show}");
    assert!(show.contains("deadline:  → 2026-12-31"), "{show}");
    assert!(show.contains("v3") && show.contains("登記"), "{show}");
    // A 來文字號 is the sender's number, not ours: `show` takes our code or 文號 only,
    // and says so in plain text (no colour codes when stderr is not a terminal).
    let by_ref = e.run(&["show", "市財發〔2026〕3號"]);
    assert!(!by_ref.status.success());
    let err = String::from_utf8_lossy(&by_ref.stderr);
    assert!(
        err.contains("市財發〔2026〕3號 not found") && !err.contains('\x1b'),
        "{err}"
    );
    assert!(e.ok(&["find", "市財發〔2026〕3號"]).contains(&code));
}

#[test]
fn intake_is_all_or_nothing_and_names_line_and_field() {
    let e = Env::new();
    let mut text = String::new();
    for i in 1..=16 {
        text.push_str(&format!(
            "{{\"title\":\"來文{i}\",\"from\":\"市教育局\"}}\n"
        ));
    }
    text.push_str("{\"title\":\"壞的\",\"deadline\":\"2026-13-01\"}\n");
    let f = e.write("in.jsonl", &text);
    let o = e.run(&["intake", s(&f)]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("line 17: field 'deadline': '2026-13-01' is not a date"),
        "{err}"
    );
    assert!(err.contains("nothing was registered"), "{err}");
    assert_eq!(
        e.ok(&["ls", "--kind", "收件"]).lines().count(),
        1,
        "only the header"
    );

    let good = e.write(
        "good.csv",
        "title,from,phone,urgency\n請求甲,市民政局,0571-8888 1234,加急\n請求乙,,,\n",
    );
    assert!(e
        .ok(&["intake", s(&good)])
        .contains("2 requests registered"));
    assert_eq!(e.ok(&["ls", "--kind", "收件"]).lines().count(), 3);

    let unknown = e.write("u.jsonl", "{\"title\":\"x\",\"kindd\":\"收文\"}\n");
    let o = e.run(&["intake", s(&unknown)]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("line 1: unknown field 'kindd'"));
}

#[test]
fn intake_from_stdin() {
    use std::io::Write;
    let e = Env::new();
    let mut c = e.cmd(&["intake", "-"]);
    c.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("{\"title\":\"電話來件\",\"channel\":\"來電\"}\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(e.ok(&["ls"]).contains("電話來件"));
}

#[test]
fn escape_sequences_in_titles_never_reach_the_terminal() {
    let e = Env::new();
    let f = e.write(
        "evil.jsonl",
        "{\"title\":\"正常\\u001b]0;pwned\\u0007\\u001b[2J標題\\u202e\"}\n",
    );
    e.ok(&["intake", s(&f)]);
    for args in [vec!["ls"], vec!["find", "正常"], vec!["show", "1"], vec![]] {
        let out = e.ok(&args);
        assert!(
            !out.contains('\x1b') && !out.contains('\x07') && !out.contains('\u{202e}'),
            "{args:?}: {out:?}"
        );
        if !args.is_empty() {
            assert!(
                out.contains("正常␛]0;pwned␇␛[2J標題<U+202E>"),
                "{args:?}: {out}"
            );
        }
    }
    // JSON keeps the exact text, escaped the JSON way.
    let json = e.ok(&["ls", "--json"]);
    assert!(json.contains("\\u001b]0;pwned\\u0007"), "{json}");
}

#[test]
fn export_and_intake_round_trip_the_inbox() {
    let a = Env::new();
    let f = a.write(
        "in.jsonl",
        "{\"title\":\"甲\",\"from\":\"市教育局\",\"channel\":\"來電\",\"received\":\"2026-11-20 10:15\",\"ref\":\"市教發〔2026〕45號\",\"phone\":\"0571-87651234\",\"urgency\":\"特急\",\"classification\":\"內部\",\"deadline\":\"2026-12-01\",\"body\":\"第一行\\n第二行\"}\n{\"title\":\"乙\"}\n",
    );
    a.ok(&["intake", s(&f)]);
    let first = a.ok(&["export", "--kind", "收件"]);
    let b = Env::new();
    let g = b.write("export.jsonl", &first);
    b.ok(&["intake", s(&g)]);
    let second = b.ok(&["export", "--kind", "收件"]);
    let strip = |t: &str| -> Vec<serde_json::Value> {
        t.lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                for k in ["created", "updated", "created_by", "updated_by"] {
                    v.as_object_mut().unwrap().remove(k);
                }
                v
            })
            .collect()
    };
    assert_eq!(strip(&first), strip(&second));
    let csv = a.ok(&["export", "--format", "csv", "--kind", "收件"]);
    assert!(csv.starts_with("id,kind,code,status,title"), "{csv}");
    assert_eq!(
        csv.lines().count(),
        4,
        "header + 2 rows, one with a two-line body: {csv}"
    );
}

#[test]
fn backup_and_check() {
    let e = Env::new();
    e.ok(&["demo", "--items", "200"]);
    assert!(e.ok(&["check"]).contains("0 problems"));
    let dest = e.dir.path().join("backup");
    assert!(e.ok(&["backup", s(&dest)]).contains("backed up"));
    let o = e.cmd(&["--data", s(&dest), "check"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let again = e.run(&["backup", s(&dest)]);
    assert!(!again.status.success(), "a backup never overwrites");
}

#[test]
fn bad_config_is_named_and_defaults_used() {
    let e = Env::new();
    let cfg = e.write("cfg.toml", "cache_mb = 16\ncolour = \"red\"\n");
    let o = e.cmd(&["--config", s(&cfg), "ls"]).output().unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cfg.toml line 2") && err.contains("colour"),
        "{err}"
    );
}

#[test]
fn unknown_values_list_valid_ones() {
    let e = Env::new();
    let o = e.run(&["ls", "--kind", "公文"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("'公文' is not a valid kind") && err.contains("收文"),
        "{err}"
    );
}

#[test]
fn completions_and_man_page() {
    let e = Env::new();
    assert!(e.ok(&["completions", "bash"]).contains("shuniu"));
    assert!(e.ok(&["completions", "zsh"]).contains("#compdef shuniu"));
    let man = e.ok(&["man"]);
    assert!(
        man.contains(".TH shuniu") || man.contains(".TH SHUNIU"),
        "{}",
        &man[..200.min(man.len())]
    );
}

#[test]
fn a_stale_set_is_refused_naming_the_fields_changed_since() {
    let e = Env::new();
    let code = e.ok(&["add", "收件", "來件"]);
    let code = code.split_whitespace().next().unwrap().to_string();
    assert!(e.ok(&["show", &code]).contains("版本: 1"));
    assert!(e
        .ok(&["set", &code, "handler=王麗", "deadline=2026-12-31"])
        .contains("v2"));
    let o = e.run(&["set", &code, "--if-version", "1", "title=改過的標題"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    for part in [
        "now version 2, you read 1",
        "經辦人 handler (",
        "期限 deadline (",
        "reload and re-apply",
    ] {
        assert!(err.contains(part), "no '{part}' in: {err}");
    }
    assert!(!e.ok(&["show", &code]).contains("改過的標題"));
    // Naming the current version goes through.
    assert!(e
        .ok(&["set", &code, "--if-version", "2", "title=改過的標題"])
        .contains("v3"));
}

#[test]
fn users_and_clearance_from_the_cli() {
    let e = Env::new();
    e.ok(&["add", "收件", "普通來件"]);
    e.ok(&["add", "收件", "機密來件", "--set", "classification=機密"]);
    let out = e.ok(&[
        "user",
        "add",
        "clerk1",
        "--uid",
        "4242",
        "--role",
        "clerk",
        "--clearance",
        "內部",
    ]);
    assert!(out.contains("added clerk1"), "{out}");
    let list = e.ok(&["user", "list"]);
    assert!(
        list.contains("clerk1") && list.contains("文書") && list.contains("內部"),
        "{list}"
    );
    e.ok(&["show", "2"]);
    let audit = e.ok(&["audit", "--item", "2"]);
    assert!(audit.contains("read") && audit.contains("機密"), "{audit}");
    // `show` reads it (and its history); asking the trail about it does not.
    let shown = audit.matches("read").count();
    assert!(shown >= 1, "{audit}");
    assert_eq!(
        e.ok(&["audit", "--item", "2"]).matches("read").count(),
        shown
    );
    // Whole items leaving by `ls --json` and `export` are reads too; the
    // public item is never in the trail as read.
    assert!(e.ok(&["ls", "--json"]).contains("機密來件"));
    assert!(e.ok(&["export"]).contains("機密來件"));
    let audit = e.ok(&["audit", "--item", "2"]);
    assert_eq!(audit.matches("read").count(), shown + 2, "{audit}");
    assert!(audit.contains("列出 1 件機密/絕密"), "{audit}");
    assert!(!e.ok(&["audit", "--item", "1"]).contains("read"));
}

#[test]
fn directory_import_export_round_trip_and_errors() {
    let e = Env::new();
    let units = e.write(
        "units.csv",
        "key,name,abbreviations,phone,doc_prefix\nlyj,市林業局,林業局、林業,0571-87009999,市林發\n",
    );
    assert!(e
        .ok(&["directory", "import", s(&units)])
        .contains("1 units saved"));
    let people = e.write(
        "people.csv",
        "name,unit,title,phones,notes\n趙林,林業局,科長,13711112222/0571-87009998,古樹名木\n錢木,市林業局,科員,13711113333,\n",
    );
    assert!(e
        .ok(&["directory", "import", s(&people)])
        .contains("2 people saved"));
    let found = e.ok(&["find", "2222"]);
    assert!(found.contains("趙林"), "{found}");
    assert!(e.ok(&["find", "林業"]).contains("市林業局"));

    let bad = e.write(
        "bad.csv",
        "name,unit,phones\n孫一,市林業局,1\n李二,不存在局,\n周三,,x-y\n",
    );
    let o = e.run(&["directory", "import", s(&bad)]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("line 3: field 'unit'") && err.contains("line 4: field 'phones'"),
        "{err}"
    );
    assert!(
        !e.ok(&["directory", "ls", "--people"]).contains("孫一"),
        "nothing of a refused file is saved"
    );

    let exported = e.ok(&["directory", "export", "--people"]);
    assert!(
        exported.starts_with("id,name,unit,title,phones,notes"),
        "{exported}"
    );
    let again = e.write("again.csv", &exported);
    assert!(e
        .ok(&["directory", "import", s(&again)])
        .contains("2 people saved"));
    let listed = e.ok(&["directory", "ls", "--people"]);
    assert_eq!(
        listed.matches("趙林").count(),
        1,
        "re-importing an export updates, never duplicates: {listed}"
    );
    assert!(listed.contains("市林業局"), "{listed}");
}
