//! The real `shuniu` binary for what an administrator and a clerk do around
//! the items: `ls` with each filter, `user set|disable` and their refusals,
//! `audit --since`, unknown values that list the valid ones, and holiday
//! calendars an administrator adds in a folder (and a broken one, named
//! with its line).

mod cli_support;

use cli_support::{s, Env};

/// The code `add` printed.
fn code(out: &str) -> String {
    out.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The titles among `titles` that `ls ARGS` lists.
fn listed<'a>(e: &Env, args: &[&str], titles: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["ls"];
    a.extend_from_slice(args);
    let out = e.ok(&a);
    titles.iter().copied().filter(|t| out.contains(t)).collect()
}

#[test]
fn ls_filters_by_status_unit_handler_and_text() {
    let e = Env::new();
    e.ok(&[
        "add",
        "收件",
        "供暖不足來電",
        "--set",
        "handler=王麗",
        "--set",
        "unit=秘書一科",
    ]);
    e.ok(&[
        "add",
        "收件",
        "路燈不亮來電",
        "--set",
        "handler=李明",
        "--set",
        "unit=秘書二科",
    ]);
    let noise = code(&e.ok(&[
        "add",
        "收件",
        "夜間噪音投訴",
        "--set",
        "handler=王強",
        "--set",
        "unit=秘書一科",
    ]));
    assert!(e
        .ok(&["move", &noise, "關閉", "--note", "重複來電"])
        .contains("已關閉"));
    let all = ["供暖不足來電", "路燈不亮來電", "夜間噪音投訴"];
    assert_eq!(listed(&e, &[], &all), all);

    assert_eq!(
        listed(&e, &["--status", "待處理"], &all),
        ["供暖不足來電", "路燈不亮來電"]
    );
    assert_eq!(listed(&e, &["--status", "已關閉"], &all), ["夜間噪音投訴"]);
    assert_eq!(
        listed(&e, &["--unit", "秘書一科"], &all),
        ["供暖不足來電", "夜間噪音投訴"]
    );
    assert_eq!(listed(&e, &["--unit", "二科"], &all), ["路燈不亮來電"]);
    assert_eq!(
        listed(&e, &["--handler", "王"], &all),
        ["供暖不足來電", "夜間噪音投訴"]
    );
    assert_eq!(listed(&e, &["--handler", "李明"], &all), ["路燈不亮來電"]);
    assert_eq!(listed(&e, &["--text", "供暖"], &all), ["供暖不足來電"]);
    // Pinyin initials reach the same item.
    assert_eq!(listed(&e, &["--text", "ldbl"], &all), ["路燈不亮來電"]);
    // Every condition given must hold.
    assert_eq!(
        listed(&e, &["--unit", "秘書一科", "--status", "待處理"], &all),
        ["供暖不足來電"]
    );
    assert!(listed(&e, &["--text", "噪音", "--status", "待處理"], &all).is_empty());
    let json = e.ok(&["ls", "--json", "--handler", "王"]);
    assert_eq!(json.lines().count(), 2, "{json}");
    assert!(json.lines().all(|l| l.starts_with('{')), "{json}");
}

#[test]
fn an_unknown_status_lists_the_valid_ones() {
    let e = Env::new();
    let it = code(&e.ok(&["add", "收件", "來件"]));
    for args in [
        vec!["ls", "--status", "不存在"],
        vec!["move", it.as_str(), "不存在"],
    ] {
        let o = e.run(&args);
        assert!(!o.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("'不存在' is not a valid status"),
            "{args:?}: {err}"
        );
        for valid in ["待處理", "已分辦", "已關閉", "登記", "歸檔"] {
            assert!(err.contains(valid), "{args:?}: no {valid} in {err}");
        }
    }
    // Nothing moved.
    assert!(e.ok(&["show", &it]).contains("待處理"));
}

#[test]
fn user_set_and_disable_from_the_cli() {
    let e = Env::new();
    e.ok(&[
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
    let out = e.ok(&[
        "user",
        "set",
        "clerk1",
        "--role",
        "director",
        "--clearance",
        "機密",
        "--unit",
        "督查室",
        "--name",
        "王麗",
    ]);
    assert_eq!(out.trim(), "clerk1: 主任, 機密", "{out}");
    let row = |list: &str| -> String {
        list.lines()
            .find(|l| l.starts_with("clerk1"))
            .unwrap_or_default()
            .to_string()
    };
    let list = e.ok(&["user", "list"]);
    let r = row(&list);
    for cell in ["4242", "王麗", "督查室", "主任", "機密"] {
        assert!(r.contains(cell), "no {cell} in: {r}\n{list}");
    }
    assert!(!r.contains("停用"), "{r}");

    assert_eq!(
        e.ok(&["user", "disable", "clerk1"]).trim(),
        "clerk1 disabled"
    );
    assert!(row(&e.ok(&["user", "list"])).contains("停用"));
    let out = e.ok(&["user", "set", "clerk1", "--enable"]);
    assert_eq!(out.trim(), "clerk1: 主任, 機密", "{out}");
    assert!(!row(&e.ok(&["user", "list"])).contains("停用"));

    // Each change is in the audit trail, disable included.
    let audit = e.ok(&["audit"]);
    let user_lines: Vec<&str> = audit
        .lines()
        .filter(|l| l.contains(" user ") && l.contains("clerk1"))
        .collect();
    assert_eq!(user_lines.len(), 4, "{audit}");
    assert!(user_lines[2].contains("disabled"), "{audit}");

    // Refusals say what was wrong.
    for (args, says) in [
        (
            vec!["user", "set", "nobody", "--role", "clerk"],
            "no user nobody",
        ),
        (vec!["user", "disable", "nobody"], "no user nobody"),
        (
            vec!["user", "set", "clerk1", "--role", "boss"],
            "'boss' is not a valid role",
        ),
        (
            vec!["user", "set", "clerk1", "--clearance", "頂級"],
            "'頂級' is not a valid",
        ),
    ] {
        let o = e.run(&args);
        assert!(!o.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(row(&e.ok(&["user", "list"])).contains("主任"));
}

#[test]
fn audit_since_a_date() {
    let e = Env::new();
    e.ok(&["add", "收件", "今天的來件"]);
    let today = shuniu::model::time::local_date(chrono::Utc::now().timestamp());
    let since_today = e.ok(&["audit", "--since", &today.to_string()]);
    assert!(
        since_today.contains("write") && since_today.contains("建立"),
        "{since_today}"
    );
    assert_eq!(e.ok(&["audit", "--since", "2020-01-01"]), since_today);
    // From tomorrow on there is nothing yet: only the header.
    let tomorrow = e.ok(&["audit", "--since", "明天"]);
    assert_eq!(tomorrow.lines().count(), 1, "{tomorrow}");
    let o = e.run(&["audit", "--since", "2026-13-01"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("2026-13-01"), "{err}");
}

#[test]
fn holiday_calendars_from_a_folder() {
    let e = Env::new();
    let today = shuniu::model::time::local_date(chrono::Utc::now().timestamp());
    let plain = code(&e.ok(&["add", "收件", "平常期限", "--set", "deadline=+1工作日"]));
    let plain = deadline(&e, &plain);
    assert!(plain > today && plain <= today + chrono::Days::new(10));

    // The administrator's folder: this year's file (which replaces the
    // built-in one) makes the next nine days a holiday; a broken file for
    // another year is skipped and named with its line.
    let dir = e.dir.path().join("holidays");
    std::fs::create_dir(&dir).unwrap();
    let year = today.format("%Y").to_string();
    let (from, to) = (today + chrono::Days::new(1), today + chrono::Days::new(9));
    std::fs::write(
        dir.join(format!("{year}.toml")),
        format!(
            "year = {year}\n\n[[holiday]]\nname = \"測試假期\"\nfrom = \"{from}\"\nto = \"{to}\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("2031.toml"),
        "year = 2031\n\n[[holiday]]\nname = \"元旦\"\nfrom = \"2031-01-01\"\nto = \"2031-02-30\"\n",
    )
    .unwrap();
    let config = e.dir.path().join("config").join("shuniu");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!("holidays = \"{}\"\n", s(&dir)),
    )
    .unwrap();

    let o = e.run(&["add", "收件", "假期後期限", "--set", "deadline=+1工作日"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("2031.toml line 6")
            && err.contains("field 'to'")
            && err.contains("2031-02-30"),
        "{err}"
    );
    let after = deadline(&e, &code(&String::from_utf8_lossy(&o.stdout)));
    assert!(after > to, "{after} is inside the holiday {from}..{to}");
    assert!(
        after <= to + chrono::Days::new(3),
        "{after}: the first working day after {to}"
    );
}

/// The deadline `show --json` gives for an item.
fn deadline(e: &Env, code: &str) -> chrono::NaiveDate {
    let json: serde_json::Value = serde_json::from_str(&e.ok(&["show", code, "--json"])).unwrap();
    json["deadline"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("no deadline in {json}"))
}
