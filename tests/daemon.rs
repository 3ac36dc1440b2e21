//! The daemon and its clients on a real socket: requests, conflicts and
//! pushes across the wire, and every kind of bad input — each harming only
//! the connection it came on.

mod daemon_support;

use std::io::Write;
use std::os::unix::net::{UnixListener, UnixStream};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use daemon_support::{closed_by_daemon, eventually, raw_session, Daemon};
use shuniu::client::{Client, ConnectError};
use shuniu::core::{Event, Filter, Service, ServiceError};
use shuniu::model::{Command, Item, Kind};
use shuniu::proto::{
    self, Answer, ClientFrame, Hello, HelloReply, Request, ServerFrame, PROTOCOL_VERSION,
};

fn inbox(title: &str) -> Item {
    Item::new(Kind::Inbox, title, "", 0)
}

fn create(c: &Client, title: &str) -> Item {
    c.apply(Command::Create {
        item: Box::new(inbox(title)),
    })
    .unwrap()
}

#[test]
fn requests_and_conflicts_cross_the_wire_intact() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let a = d.client();
    let b = d.client();
    assert_eq!(a.welcome().pid, d.pid());
    let me = a.whoami().unwrap();
    assert_eq!(me.uid, rustix::process::getuid().as_raw());

    let it = create(&a, "關於供暖的來電");
    let seen_by_b = b.get_by_code(&it.code).unwrap();
    assert_eq!(seen_by_b, it);
    a.apply(Command::Set {
        id: it.id,
        version: it.version,
        fields: vec![("handler".into(), "李明".into())],
    })
    .unwrap();
    let stale = b.apply(Command::Set {
        id: it.id,
        version: seen_by_b.version,
        fields: vec![("handler".into(), "王麗".into())],
    });
    match stale {
        Err(ServiceError::Conflict {
            id,
            read,
            version,
            by,
            when,
            changed,
        }) => {
            assert_eq!((id, read, version), (it.id, 1, 2));
            assert_eq!(by, me.login);
            // Which fields, by whom, crossed intact.
            assert_eq!(
                changed,
                vec![shuniu::core::ChangedField {
                    field: "handler".into(),
                    by: me.login.clone(),
                    when,
                }]
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(matches!(b.get(9999), Err(ServiceError::NotFound(_))));
    assert_eq!(b.history(it.id).unwrap().len(), 2);
    assert!(b.search("供暖", 10).unwrap().len() == 1);
    assert_eq!(b.list(&Filter::default()).unwrap().len(), 1);
    assert!(b.check().unwrap().ok());
    assert!(a.today() > chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
}

#[test]
fn changes_reach_other_clients_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let writer = d.client();
    let watcher = d.client();
    let rx = watcher.subscribe().unwrap();
    let rx2 = watcher.subscribe().unwrap();
    let it = create(&writer, "來件甲");
    for r in [&rx, &rx2] {
        match r.recv_timeout(Duration::from_secs(10)).unwrap() {
            Event::Changed(got) => assert_eq!(*got, it),
            other => panic!("{other:?}"),
        }
    }
    // When the daemon goes, subscribers see their feed end.
    assert_eq!(d.stop().code(), Some(0));
    assert!(rx.recv_timeout(Duration::from_secs(10)).is_err());
    assert!(matches!(
        watcher.whoami(),
        Err(ServiceError::Store(shuniu::core::Failure::Lost { .. }))
    ));
}

#[test]
fn big_lists_cross_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let c = d.client();
    // About 24 MB: more than one 16 MiB frame each way.
    let items: Vec<Item> = (0..1500)
        .map(|i| {
            let mut it = inbox(&format!("長文{i}"));
            it.body = "說明".repeat(2700);
            it
        })
        .collect();
    let ids = c.create_many(items).unwrap();
    assert_eq!(ids.len(), 1500);
    let back = c.list(&Filter::default()).unwrap();
    assert_eq!(back.len(), 1500);
    assert!(back.iter().all(|it| it.body.len() == 2700 * 6));
    assert!(
        d.log_text().matches("dropped").count() == 0,
        "{}",
        d.log_text()
    );
}

#[test]
fn malformed_truncated_and_oversized_frames_close_only_their_connection() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let good = d.client();
    create(&good, "before");

    // Garbage instead of a hello.
    let mut s = UnixStream::connect(&d.socket).unwrap();
    s.write_all(&[0, 0, 0, 5, 0xff, 0xfe, 0xfd, 0xfc, 0xfb])
        .unwrap();
    assert!(closed_by_daemon(&mut s, 10.0));

    // A malformed request after a proper handshake.
    let mut s = raw_session(&d.socket);
    s.write_all(&[0, 0, 0, 3, 9, 9, 9]).unwrap();
    assert!(closed_by_daemon(&mut s, 10.0));

    // A valid request with a byte too many inside its frame.
    let mut s = raw_session(&d.socket);
    let mut body = proto::encode(&ClientFrame::Call {
        id: 1,
        last: true,
        req: Request::Ping,
    })
    .unwrap()[4..]
        .to_vec();
    body.push(0);
    s.write_all(&(body.len() as u32).to_be_bytes()).unwrap();
    s.write_all(&body).unwrap();
    assert!(closed_by_daemon(&mut s, 10.0));

    // A length prefix far over the limit: refused before anything is allocated.
    let mut s = raw_session(&d.socket);
    s.write_all(&[0xff, 0xff, 0xff, 0xf0, 1, 2, 3]).unwrap();
    assert!(closed_by_daemon(&mut s, 10.0));

    // A frame cut short by the client going away.
    let mut s = raw_session(&d.socket);
    s.write_all(&[0, 0, 0, 100, 1, 2, 3, 4]).unwrap();
    drop(s);

    assert!(d.wait_log("closed inside a frame"), "{}", d.log_text());
    let log = d.log_text();
    for why in [
        "handshake",
        "malformed frame",
        "trailing bytes",
        "over the limit",
    ] {
        assert!(log.contains(why), "no '{why}' in the log:\n{log}");
    }
    // The clerk who behaved was never disturbed.
    create(&good, "after");
    assert_eq!(good.list(&Filter::default()).unwrap().len(), 2);
    assert!(good.check().unwrap().ok());
}

#[test]
fn a_wrong_protocol_version_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let mut s = UnixStream::connect(&d.socket).unwrap();
    let future = Hello {
        protocol: PROTOCOL_VERSION + 1,
        version: "9.0.0".into(),
        pid: 1,
    };
    proto::write_frame(&mut s, &future).unwrap();
    let reply: HelloReply = proto::decode(&proto::read_frame(&mut s).unwrap()).unwrap();
    assert_eq!(reply.protocol, PROTOCOL_VERSION);
    match reply.answer {
        Answer::Refused(why) => assert!(why.contains("restart the daemon"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert!(d.wait_log("refused: protocol"), "{}", d.log_text());

    // And a client meeting a daemon of another version says what to do.
    let sock = dir.path().join("old.sock");
    let l = UnixListener::bind(&sock).unwrap();
    let fake = std::thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let _ = proto::read_frame(&mut s).unwrap();
        // What a daemon speaking another protocol sends: only the frozen head matters.
        proto::write_frame(&mut s, &(PROTOCOL_VERSION + 5, "7.7.7".to_string(), 1u8)).unwrap();
    });
    let e = Client::connect(&sock).err().expect("refused");
    fake.join().unwrap();
    assert!(matches!(e, ConnectError::Version { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("7.7.7") && msg.contains("Restart the daemon") && msg.contains("shuniu stop"),
        "{msg}"
    );
}

#[test]
fn silent_and_stalled_clients_block_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    // One says nothing at all; one stops in the middle of a frame.
    let mut silent = UnixStream::connect(&d.socket).unwrap();
    let mut stalled = raw_session(&d.socket);
    stalled.write_all(&[0, 0]).unwrap();
    let mut half_hello = UnixStream::connect(&d.socket).unwrap();
    half_hello.write_all(&[0, 0, 0, 40, 1]).unwrap();

    let good = d.client();
    for i in 0..20 {
        let t = Instant::now();
        create(&good, &format!("正常{i}"));
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    }
    assert!(closed_by_daemon(&mut silent, 10.0));
    assert!(closed_by_daemon(&mut stalled, 10.0));
    assert!(closed_by_daemon(&mut half_hello, 10.0));
    let log = d.log_text();
    assert!(log.contains("no hello within"), "{log}");
    assert!(log.contains("stalled"), "{log}");
    assert_eq!(good.list(&Filter::default()).unwrap().len(), 20);
}

#[test]
fn a_client_leaving_mid_request_loses_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let good = d.client();

    // The first part of a request in parts, then gone.
    let mut s = raw_session(&d.socket);
    let f = proto::encode(&ClientFrame::Call {
        id: 1,
        last: false,
        req: Request::CreateMany(vec![inbox("半途")]),
    })
    .unwrap();
    s.write_all(&f).unwrap();
    drop(s);
    assert!(
        d.wait_log("left in the middle of a request"),
        "{}",
        d.log_text()
    );

    // A whole write, sent and abandoned before the answer: it is done (and durable) all the same.
    let mut s = raw_session(&d.socket);
    let f = proto::encode(&ClientFrame::Call {
        id: 7,
        last: true,
        req: Request::Apply(Command::Create {
            item: Box::new(inbox("送出即走")),
        }),
    })
    .unwrap();
    s.write_all(&f).unwrap();
    drop(s);
    assert!(eventually(10.0, || good
        .list(&Filter::default())
        .unwrap()
        .iter()
        .any(|it| it.title == "送出即走")));
    assert!(!good
        .list(&Filter::default())
        .unwrap()
        .iter()
        .any(|it| it.title == "半途"));

    // A client that reads nothing while its events pile up is no one's problem either.
    let mut deaf = raw_session(&d.socket);
    let f = proto::encode(&ClientFrame::Call {
        id: 1,
        last: true,
        req: Request::Subscribe,
    })
    .unwrap();
    deaf.write_all(&f).unwrap();
    let body = proto::read_frame(&mut deaf).unwrap();
    assert!(matches!(
        proto::decode::<ServerFrame>(&body).unwrap(),
        ServerFrame::Reply { id: 1, .. }
    ));
    for i in 0..50 {
        create(&good, &format!("事{i}"));
    }
    assert!(good.check().unwrap().ok());
    drop(deaf);
}

#[test]
fn two_hundred_connections_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let n = 200;
    let gate = Arc::new(Barrier::new(n));
    let socket = d.socket.clone();
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let (gate, socket) = (gate.clone(), socket.clone());
            std::thread::spawn(move || {
                gate.wait();
                let c = Client::connect(&socket).unwrap();
                c.whoami().unwrap();
                create(&c, &format!("併發{i}"));
                c
            })
        })
        .collect();
    let clients: Vec<Client> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    // All 200 are still connected and served.
    assert_eq!(clients[0].list(&Filter::default()).unwrap().len(), n);
    assert!(clients[n - 1].counts().is_ok());
    drop(clients);
    let c = d.client();
    assert!(c.check().unwrap().ok());
}

#[test]
fn sigterm_finishes_and_removes_the_socket() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let c = d.client();
    for i in 0..5 {
        create(&c, &format!("終止前{i}"));
    }
    let socket = d.socket.clone();
    let (home, data) = (d.home.clone(), d.data.clone());
    let st = d.stop();
    assert_eq!(st.code(), Some(0), "exit status {st}");
    assert!(!socket.exists(), "the socket is removed on a clean stop");
    drop(c);
    let d = Daemon::start_with(&home, &data, &socket, &[]);
    assert_eq!(d.client().list(&Filter::default()).unwrap().len(), 5);
    assert!(d.log_text().contains("stopping (signal SIGTERM)"));
}

#[test]
fn sigterm_answers_the_requests_in_flight_then_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let mut s = raw_session(&d.socket);
    // Twenty bulk creates, sent whole (write_all returns once the daemon has
    // read or queued every byte), then SIGTERM while it works through them.
    let (n, size) = (20u64, 150usize);
    for id in 1..=n {
        let items = (0..size)
            .map(|i| inbox(&format!("請求{id}第{i}件")))
            .collect();
        for f in proto::call_frames(id, Request::CreateMany(items)).unwrap() {
            s.write_all(&f).unwrap();
        }
    }
    d.terminate();
    let mut answered = 0;
    let mut stop_seen_before_last = false;
    for want in 1..=n {
        let body = proto::read_frame(&mut s)
            .unwrap_or_else(|e| panic!("request {want} was not answered ({e}):\n{}", d.log_text()));
        match proto::decode::<ServerFrame>(&body).unwrap() {
            ServerFrame::Reply {
                id,
                last: true,
                result: Ok(proto::Response::Ids(ids)),
            } => {
                assert_eq!((id, ids.len()), (want, size));
                answered += 1;
            }
            other => panic!("{other:?}"),
        }
        if want == n {
            stop_seen_before_last = d.log_text().contains("stopping (signal SIGTERM)");
        }
    }
    assert_eq!(answered, n);
    // Then the connection ends, and the daemon exits cleanly.
    assert!(closed_by_daemon(&mut s, 10.0));
    let (home, data, socket) = (d.home.clone(), d.data.clone(), d.socket.clone());
    let log = d.log.clone();
    let st = d.wait();
    assert_eq!(st.code(), Some(0), "exit status {st}");
    let log = std::fs::read_to_string(log).unwrap();
    assert!(
        log.contains("1 connection(s) finishing") && log.contains("stopped"),
        "{log}"
    );
    assert!(
        stop_seen_before_last,
        "the stop began only after every answer was sent, so nothing was in flight:\n{log}"
    );
    // Every answered write is there after a restart.
    let d = Daemon::start_with(&home, &data, &socket, &[]);
    let c = d.client();
    assert_eq!(c.rows(&Filter::default()).unwrap().len(), n as usize * size);
    assert!(c.check().unwrap().ok());
}

#[test]
fn one_daemon_per_data_folder_and_per_socket() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let log = dir.path().join("second.log");

    // A second daemon on the same data folder names the first and leaves.
    let o = Daemon::command(
        dir.path(),
        &d.data,
        &dir.path().join("other.sock"),
        &log,
        &[],
    )
    .output()
    .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("pid {}", d.pid())) && err.contains(d.socket.to_str().unwrap()),
        "{err}"
    );

    // A second daemon on the same socket (another folder) never takes it.
    let o = Daemon::command(dir.path(), &dir.path().join("data2"), &d.socket, &log, &[])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("is listening on") && err.contains(&d.pid().to_string()),
        "{err}"
    );
    assert_eq!(
        d.client().welcome().pid,
        d.pid(),
        "the first still owns the socket"
    );
}

#[test]
fn a_stale_socket_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sock");
    drop(UnixListener::bind(&sock).unwrap()); // what a crash leaves behind
    assert!(sock.exists());
    // A process another test forks in the moment the listener is open holds
    // a copy of it until its exec closes it: wait for the socket to go dead.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while UnixStream::connect(&sock).is_ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "the socket stays live"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let d = Daemon::start(dir.path());
    assert!(d.wait_log("removed a stale socket"), "{}", d.log_text());
    create(&d.client(), "新的");
    // A file that is not a socket is never removed.
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "keep me").unwrap();
    let o = Daemon::command(
        dir.path(),
        &dir.path().join("d2"),
        &plain,
        &dir.path().join("l2"),
        &[],
    )
    .output()
    .unwrap();
    assert!(!o.status.success());
    assert_eq!(std::fs::read_to_string(&plain).unwrap(), "keep me");
}
