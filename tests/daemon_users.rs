//! Real clerks on one server: when the tests run as root (CI does), two real
//! Unix accounts with different clearances (and one the daemon does not
//! know) use a shared daemon on a group socket through the CLI. A's 機密
//! item never exists for B — not in `ls`, `find`, `show`, `history`,
//! `export`, nor in B's live feed — while A's triage of an ordinary item
//! reaches B's subscription without B asking. Elsewhere it says why it is
//! skipped.

mod daemon_support;

use std::os::unix::fs::MetadataExt;

use daemon_support::office::Office;
use daemon_support::TmuxServer;

fn first_word(s: &str) -> String {
    s.split_whitespace().next().unwrap_or_default().to_string()
}

#[test]
fn two_clerks_on_one_shared_daemon() {
    let office = match Office::open("snt", &["a", "b", "c"]) {
        Ok(o) => o,
        Err(why) => {
            eprintln!("skipped two_clerks_on_one_shared_daemon: {why}");
            return;
        }
    };
    let (a, b, c) = (office.user(0), office.user(1), office.user(2));
    let gid = shuniu::config::gid_of_group(&office.accounts.group).unwrap();
    let meta = std::fs::metadata(&office.daemon.socket).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o660, "{:o}", meta.mode());
    assert_eq!(meta.gid(), gid);

    // The daemon's own account (root here) is the first administrator.
    assert!(office.admin(&["user", "list"]).contains("root"));
    office.admin(&[
        "user",
        "add",
        &a,
        "--role",
        "clerk",
        "--unit",
        "秘書一科",
        "--clearance",
        "機密",
    ]);
    office.admin(&[
        "user",
        "add",
        &b,
        "--role",
        "clerk",
        "--unit",
        "秘書二科",
        "--clearance",
        "內部",
    ]);

    // An account the daemon does not know is told who can let it in, and how.
    let o = office.run_as(&c, &["ls"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("shuniu user add {c}")), "{err}");

    let secret = first_word(&office.ok_as(
        &a,
        &[
            "add",
            "收件",
            "絕對保密的來件",
            "--set",
            "classification=機密",
        ],
    ));
    let open = first_word(&office.ok_as(&a, &["add", "收件", "市民來電反映供暖"]));

    // For B the secret item does not exist, anywhere.
    let ls = office.ok_as(&b, &["ls"]);
    assert!(
        ls.contains("市民來電反映供暖") && !ls.contains("絕對保密"),
        "{ls}"
    );
    let found = office.ok_as(&b, &["find", "絕對保密"]);
    assert!(!found.contains("絕對保密"), "{found}");
    for args in [
        vec!["show", secret.as_str()],
        vec!["history", secret.as_str()],
    ] {
        let o = office.run_as(&b, &args);
        assert!(!o.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("not found") && !err.contains("絕對保密"),
            "{err}"
        );
    }
    let export = office.ok_as(&b, &["export"]);
    assert!(
        !export.contains("絕對保密") && export.contains("供暖"),
        "{export}"
    );
    // A sees it, and the read of a 機密 item is audited.
    assert!(office.ok_as(&a, &["show", &secret]).contains("絕對保密"));
    let audit = office.admin(&["audit", "--user", &a]);
    assert!(audit.contains("read") && audit.contains("write"), "{audit}");
    // B is a clerk, not an administrator.
    assert!(!office.run_as(&b, &["user", "list"]).status.success());

    // B watches; A changes the secret item, then triages the open one.
    let (mut watch, lines) = office.watch_as(&b, 2, 30);
    office.ok_as(&a, &["set", &secret, "handler=張秘書"]);
    let routed = office.ok_as(&a, &["route", &open, "收文"]);
    let new_code = routed.split_whitespace().nth(2).unwrap().to_string();
    let seen: Vec<String> = lines.map(|l| l.unwrap()).collect();
    let st = watch.wait().unwrap();
    assert!(st.success(), "watch: {st}");
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.iter().any(|l| l.starts_with(&new_code)), "{seen:?}");
    assert!(
        seen.iter()
            .any(|l| l.starts_with(&open) && l.contains("已分辦")),
        "{seen:?}"
    );
    assert!(!seen.iter().any(|l| l.contains(&secret)), "{seen:?}");
}

#[test]
fn two_clerks_see_each_other_in_the_workbench() {
    let office = match Office::open("snw", &["a", "b", "c"]) {
        Ok(o) => o,
        Err(why) => {
            eprintln!("skipped two_clerks_see_each_other_in_the_workbench: {why}");
            return;
        }
    };
    let tmux = match TmuxServer::start() {
        Ok(t) => t,
        Err(why) => {
            eprintln!("skipped two_clerks_see_each_other_in_the_workbench: {why}");
            return;
        }
    };
    let (a, b) = (office.user(0), office.user(1));
    office.admin(&["user", "add", &a, "--role", "clerk", "--clearance", "機密"]);
    office.admin(&["user", "add", &b, "--role", "clerk", "--clearance", "內部"]);
    office.ok_as(
        &a,
        &[
            "add",
            "收件",
            "絕對保密的來件",
            "--set",
            "classification=機密",
        ],
    );
    office.ok_as(&a, &["add", "收件", "市民來電反映路燈不亮"]);
    let heating = first_word(&office.ok_as(&a, &["add", "收件", "市民來電反映供暖不足"]));

    tmux.session("a", 160, 40, &office.workbench_as(&a));
    tmux.session("b", 160, 40, &office.workbench_as(&b));
    // The list row of the heating request (not the detail pane's title line).
    let row = |screen: &str| -> String {
        screen
            .lines()
            .find(|l| {
                l.trim_start_matches(['>', ' '])
                    .starts_with(heating.as_str())
                    && l.contains("平件")
            })
            .unwrap_or_default()
            .to_string()
    };
    tmux.wait_for("a", "A's inbox", |s| {
        s.contains("供暖不足") && s.contains("絕對保密")
    });
    let before = tmux.wait_for("b", "B's inbox", |s| {
        s.contains("供暖不足") && s.contains("路燈不亮")
    });
    assert!(
        !before.contains("絕對保密"),
        "B must never see A's 機密 item:\n{before}"
    );
    assert!(row(&before).contains("待處理"), "{before}");

    // A puts the cursor on the newest request (the heating one) and routes it to 收文.
    tmux.keys("a", &["g", "g"]);
    tmux.wait_for("a", "the cursor on the heating request", |s| {
        s.lines().any(|l| l.contains("供暖不足") && l.contains('>'))
    });
    tmux.keys("a", &["W"]);
    // The request leaves A's inbox for 辦文 (the inbox lists what awaits triage).
    tmux.wait_for("a", "A's routed request", |s| {
        row(s).is_empty() && s.contains("辦文 1")
    });

    // B's screen follows without a key press: the request leaves B's inbox
    // and the 辦文 count goes up; in 辦文 the new 收文 carries its title.
    let after = tmux.wait_for("b", "the change on B's screen", |s| {
        row(s).is_empty() && s.contains("辦文 1") && s.contains("路燈不亮")
    });
    assert!(!after.contains("絕對保密"), "{after}");
    tmux.keys("b", &["2"]);
    let docs = tmux.wait_for("b", "B's 辦文 tab", |s| {
        s.lines()
            .any(|l| l.contains("供暖不足") && l.contains("收2026-"))
    });
    assert!(!docs.contains("絕對保密"), "{docs}");
    tmux.keys("b", &["1"]);

    // B's quick filter for the secret finds nothing; B's CLI agrees.
    tmux.keys("b", &["/"]);
    tmux.text("b", "絕對保密");
    let filtered = tmux.wait_for("b", "B's filter", |s| {
        s.contains("/絕對保密") || s.contains("絕對保密")
    });
    assert!(
        !filtered.lines().any(|l| l.contains("絕對保密的來件")),
        "{filtered}"
    );
    assert!(!office
        .ok_as(&b, &["find", "絕對保密"])
        .contains("絕對保密的來件"));
    assert!(office.ok_as(&b, &["show", &heating]).contains("已分辦"));
    tmux.keys("b", &["Escape"]);
    tmux.keys("a", &["q"]);
    tmux.keys("b", &["q"]);
}

/// B keeps one connection open (`shuniu watch`) while the administrator
/// lowers B's clearance, then disables and re-enables B: the feed follows
/// the record as it is at each change, never as it was at connecting.
#[test]
fn a_clerk_demoted_and_disabled_while_connected() {
    let office = match Office::open("snd", &["a", "b", "c"]) {
        Ok(o) => o,
        Err(why) => {
            eprintln!("skipped a_clerk_demoted_and_disabled_while_connected: {why}");
            return;
        }
    };
    let (a, b) = (office.user(0), office.user(1));
    office.admin(&["user", "add", &a, "--role", "clerk", "--clearance", "機密"]);
    office.admin(&["user", "add", &b, "--role", "clerk", "--clearance", "機密"]);
    let secret = first_word(&office.ok_as(
        &a,
        &["add", "收件", "保密來件", "--set", "classification=機密"],
    ));
    assert!(office.ok_as(&b, &["show", &secret]).contains("保密來件"));

    let (mut watch, mut lines) = office.watch_as(&b, 2, 60);

    // Lowered to 內部: the change to the secret item no longer reaches B's
    // open feed, the ordinary item after it does (events keep their order).
    let out = office.admin(&["user", "set", &b, "--clearance", "內部"]);
    assert!(out.contains("內部"), "{out}");
    office.ok_as(&a, &["set", &secret, "handler=張秘書"]);
    let first = first_word(&office.ok_as(&a, &["add", "收件", "降級後來件"]));
    let seen = lines.next().unwrap().unwrap();
    assert!(seen.starts_with(&first), "{seen}");

    // Disabled: nothing reaches B, and B's commands are refused in words.
    assert!(office.admin(&["user", "disable", &b]).contains("disabled"));
    let o = office.run_as(&b, &["ls"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("disabled") && err.contains("--enable"),
        "{err}"
    );
    let hidden = first_word(&office.ok_as(&a, &["add", "收件", "停用期間來件"]));
    // Enabled again: the same open feed carries what comes next.
    office.admin(&["user", "set", &b, "--enable"]);
    let last = first_word(&office.ok_as(&a, &["add", "收件", "恢復後來件"]));
    let seen = lines.next().unwrap().unwrap();
    assert!(seen.starts_with(&last), "{seen} (not {hidden})");
    let st = watch.wait().unwrap();
    assert!(st.success(), "watch: {st}");
    assert!(!office.ok_as(&b, &["ls"]).contains("保密來件"));
}
