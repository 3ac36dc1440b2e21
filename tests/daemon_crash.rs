//! Crash safety: 8 clients write continuously through `Client`, the daemon
//! is killed with SIGKILL at a random moment and started again; every write
//! that was acknowledged is there, and `check` passes. 20 rounds here
//! (`SHUNIU_CRASH_ROUNDS` for more; `scripts/crash-test.sh` runs hundreds).

mod daemon_support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use daemon_support::{shuniu, Daemon};
use shuniu::client::Client;
use shuniu::core::{Filter, Service};
use shuniu::model::{Command, Item, Kind};

/// What the daemon acknowledged: an item at (at least) a version, with a
/// title and the handler written by that version.
#[derive(Debug, Clone)]
struct Ack {
    id: u64,
    version: u64,
    title: String,
    handler: String,
}

const WRITERS: usize = 8;

fn writer(c: Client, round: usize, t: usize, stop: Arc<AtomicBool>, acks: Arc<Mutex<Vec<Ack>>>) {
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        let title = format!("r{round}-t{t}-{n}");
        n += 1;
        let Ok(it) = c.apply(Command::Create {
            item: Box::new(Item::new(Kind::Inbox, title.clone(), "", 0)),
        }) else {
            return;
        };
        acks.lock().unwrap().push(Ack {
            id: it.id,
            version: it.version,
            title: title.clone(),
            handler: String::new(),
        });
        let mut version = it.version;
        for j in 0..3 {
            let handler = format!("經辦{j}");
            let Ok(it) = c.apply(Command::Set {
                id: it.id,
                version,
                fields: vec![("handler".into(), handler.clone())],
            }) else {
                return;
            };
            version = it.version;
            acks.lock().unwrap().push(Ack {
                id: it.id,
                version,
                title: title.clone(),
                handler,
            });
        }
    }
}

/// Every acknowledged write is in the store: the item at that version or
/// later, and at exactly its last acknowledged version with that handler
/// (a later, unacknowledged write may also have landed).
fn verify(c: &Client, acks: &[Ack]) {
    let items: HashMap<u64, Item> = c
        .list(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|it| (it.id, it))
        .collect();
    let mut last: HashMap<u64, &Ack> = HashMap::new();
    for a in acks {
        let it = items
            .get(&a.id)
            .unwrap_or_else(|| panic!("acknowledged item {} ({}) is gone", a.id, a.title));
        assert_eq!(it.title, a.title);
        assert!(
            it.version >= a.version,
            "item {} is at v{}, but v{} was acknowledged",
            a.id,
            it.version,
            a.version
        );
        let e = last.entry(a.id).or_insert(a);
        if a.version > e.version {
            *e = a;
        }
    }
    for a in last.values() {
        let it = &items[&a.id];
        if it.version == a.version {
            assert_eq!(it.handler, a.handler, "item {}", a.id);
        }
    }
    let report = c.check().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
}

#[test]
fn every_acknowledged_write_survives_sigkill() {
    let rounds: usize = std::env::var("SHUNIU_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let mut all: Vec<Ack> = vec![];
    let mut rng = fastrand::Rng::new();
    for round in 0..rounds {
        let d = Daemon::start(home);
        verify(&d.client(), &all);
        let stop = Arc::new(AtomicBool::new(false));
        let acks = Arc::new(Mutex::new(vec![]));
        let threads: Vec<_> = (0..WRITERS)
            .map(|t| {
                let c = d.client();
                let (stop, acks) = (stop.clone(), acks.clone());
                std::thread::spawn(move || writer(c, round, t, stop, acks))
            })
            .collect();
        // The crash comes at a random moment, mid-write for most clients.
        std::thread::sleep(Duration::from_millis(rng.u64(20..200)));
        d.kill();
        stop.store(true, Ordering::Relaxed);
        for t in threads {
            t.join().unwrap();
        }
        let acks = std::mem::take(&mut *acks.lock().unwrap());
        eprintln!("round {round}: {} acknowledged writes", acks.len());
        all.extend(acks);
    }
    let d = Daemon::start(home);
    verify(&d.client(), &all);
    assert!(all.len() > rounds, "the writers wrote: {}", all.len());
    let data = d.data.clone();
    assert_eq!(d.stop().code(), Some(0));
    // And the command a clerk or an administrator would run after a crash.
    let o = shuniu(home)
        .args(["--no-daemon", "--data"])
        .arg(&data)
        .arg("check")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && out.contains(" 0 problems"), "{out}");
}
