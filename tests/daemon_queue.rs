//! Notices over a real daemon socket. A notice for a clerk who is away
//! waits in the store and is listed when they next connect (any account:
//! it is written before the daemon starts, by another user in-process).
//! When the tests run as root, two real Unix accounts share a daemon: A
//! assigns an item to B, and B's open connection (`shuniu watch`) gets the
//! notice without asking, while C, offline, finds theirs with `shuniu notices`.

mod daemon_support;

use daemon_support::office::Office;
use daemon_support::{shuniu, Daemon};
use shuniu::core::{Clock, Core, Engine, Service};
use shuniu::model::queue::{Landing, Queue};
use shuniu::model::{Classification, Command, Item, Kind, Role, User, WorkCalendar};

#[test]
fn a_notice_written_while_the_clerk_was_away_is_listed_on_the_next_connect() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let me = rustix::process::getuid().as_raw();
    let login = shuniu::config::login_of(me).unwrap_or_else(|| format!("uid{me}"));
    let item_id = {
        let engine = Engine::open(&data, 16 << 20, WorkCalendar::builtin(), Clock::System).unwrap();
        // The first session makes this account the administrator, as the daemon would.
        let admin = Core::for_uid(engine.clone(), me, &login).unwrap();
        let other = if me == 4242 { 4243 } else { 4242 };
        admin
            .save_user(User {
                login: "zhangsan".into(),
                uid: other,
                display: "張三".into(),
                unit: "辦公室".into(),
                role: Role::Clerk,
                clearance: Classification::Internal,
                disabled: false,
            })
            .unwrap();
        let zhang = Core::for_uid(engine.clone(), other, "zhangsan").unwrap();
        let mut it = Item::new(Kind::Affair, "協調接待用車", "zhangsan", 0);
        it.handler = login.clone();
        let it = zhang.apply(Command::Create { item: Box::new(it) }).unwrap();
        drop((admin, zhang));
        drop(engine);
        it.id
    };
    let d = Daemon::start_with(dir.path(), &data, &dir.path().join("sock"), &[]);
    let c = d.client();
    let waiting = c.notices(true).unwrap();
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(
        (waiting[0].item, waiting[0].what, waiting[0].by.as_str()),
        (item_id, Landing::Assigned, "zhangsan")
    );
    let todo = c.queue(Queue::Todo).unwrap();
    assert_eq!(todo.iter().map(|e| e.row.id).collect::<Vec<_>>(), [item_id]);
    assert_eq!(c.mark_read(&[waiting[0].id]).unwrap(), 1);
    assert!(c.notices(true).unwrap().is_empty());
    // The CLI says the same over the socket.
    let out = shuniu(dir.path())
        .env("SHUNIU_SOCKET", &d.socket)
        .args(["notices", "--all"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("指派") && text.contains("協調接待用車"),
        "{text}"
    );
    let out = shuniu(dir.path())
        .env("SHUNIU_SOCKET", &d.socket)
        .args(["queue", "待辦", "--json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\"why\":\"經辦\"") && text.contains("協調接待用車"),
        "{text}"
    );
    d.stop();
}

#[test]
fn an_assignment_reaches_the_other_clerks_connection_without_asking() {
    let office = match Office::open("snq", &["b", "c"]) {
        Ok(o) => o,
        Err(why) => {
            eprintln!(
                "skipped an_assignment_reaches_the_other_clerks_connection_without_asking: {why}"
            );
            return;
        }
    };
    let (b, c) = (office.user(0), office.user(1));
    let a = office.daemon.client();
    for u in [&b, &c] {
        office.admin(&["user", "add", u, "--role", "clerk", "--clearance", "內部"]);
    }
    let (mut watch, lines) = office.watch_as(&b, 2, 30);
    let mut it = Item::new(Kind::Affair, "落實會場安保", "", 0);
    it.handler = b.clone();
    let it = a.apply(Command::Create { item: Box::new(it) }).unwrap();
    let mut other = Item::new(Kind::Affair, "整理來訪登記", "", 0);
    other.handler = c.clone();
    let other = a
        .apply(Command::Create {
            item: Box::new(other),
        })
        .unwrap();
    let seen: Vec<String> = lines.map(|l| l.unwrap()).collect();
    assert!(watch.wait().unwrap().success());
    let notices: Vec<&String> = seen.iter().filter(|l| l.starts_with("notice ")).collect();
    assert_eq!(notices.len(), 1, "{seen:?}");
    assert!(
        notices[0].contains(&it.code) && notices[0].contains("指派"),
        "{seen:?}"
    );
    assert!(!seen
        .iter()
        .any(|l| l.starts_with("notice ") && l.contains(&other.code)));
    // C was not connected: the notice waited.
    let o = office.run_as(&c, &["notices", "--read"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains(&other.code) && text.contains("整理來訪登記"),
        "{text}"
    );
    let o = office.run_as(&c, &["notices"]);
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("沒有未讀通知"));
    drop(a);
}
