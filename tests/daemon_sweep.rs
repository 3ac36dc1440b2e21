//! The daemon sends due 督查 reminders by itself: a 督查 item 交辦 with a
//! deadline inside the yellow threshold gets its 臨近提醒 from the daemon's
//! own sweep, without anyone running `shuniu supervise urge`, and only once.

mod daemon_support;

use std::process::Output;

use daemon_support::{eventually, shuniu, Daemon};

fn cli(d: &Daemon, args: &[&str]) -> Output {
    shuniu(&d.home)
        .env("SHUNIU_SOCKET", &d.socket)
        .args(args)
        .output()
        .expect("run shuniu")
}

fn ok(d: &Daemon, args: &[&str]) -> String {
    let o = cli(d, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_daemon_sends_due_reminders_by_itself_once() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("config/shuniu");
    std::fs::create_dir_all(&conf).unwrap();
    // Every deadline within 400 working days is yellow: 臨近提醒 is due at once.
    std::fs::write(
        conf.join("config.toml"),
        "[supervision]\nyellow_workdays = 400\n",
    )
    .unwrap();
    let d = Daemon::start_with(
        dir.path(),
        &dir.path().join("data"),
        &dir.path().join("sock"),
        &["--sweep-seconds", "1"],
    );
    let out = ok(&d, &["supervise", "new", "推進老舊小區改造"]);
    let sv = out
        .split_whitespace()
        .find(|w| w.starts_with('督'))
        .expect("the new item's code")
        .to_string();
    ok(
        &d,
        &[
            "supervise",
            "assign",
            &sv,
            "--lead",
            "市住建局",
            "--deadline",
            "+20工作日",
        ],
    );
    assert!(
        eventually(20.0, || ok(&d, &["show", &sv]).contains("臨近提醒")),
        "no 臨近提醒 from the daemon:\n{}\n{}",
        ok(&d, &["show", &sv]),
        d.log_text()
    );
    assert!(d.wait_log("sweep: 1 due, 1 sent"), "{}", d.log_text());
    // Nothing is left for a sweep by hand: the daemon's went out once.
    let urge = ok(&d, &["supervise", "urge", "--dry-run"]);
    assert!(urge.contains("0 due"), "{urge}");
}
