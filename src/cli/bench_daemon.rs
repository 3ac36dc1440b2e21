//! `shuniu bench --clients N`: many clerks at once through a real daemon
//! (this program's `serve`, in its own process, on a temporary socket).
//! Each client writes to its own item at a steady rate; one more client
//! watches the pushed events. Reported: acknowledged-write latency, the time
//! from a write being sent to its event reaching the watcher, lost updates
//! (an item whose version is not 1 + its acknowledged writes), and the time
//! for a newly connected client to have what its first screen needs.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use color_eyre::eyre::{bail, eyre, Result};

use crate::client::{Client, ConnectError};
use crate::core::{Event, Filter, Service};
use crate::model::{Command, Item, Kind};

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn rss_of(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn wait_for(socket: &Path, child: &mut std::process::Child) -> Result<Client> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(st) = child.try_wait()? {
            bail!("the daemon exited: {st}");
        }
        match Client::connect(socket) {
            Ok(c) => return Ok(c),
            Err(ConnectError::NoDaemon(_)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Err(e) => return Err(eyre!(e)),
        }
    }
}

/// Runs the concurrency benchmark and prints its report; `config` (the
/// file `--config` named) is handed to the daemons it starts.
pub fn run(
    items: usize,
    clients: usize,
    rate: f64,
    seconds: f64,
    config: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let socket = dir.path().join("sock");
    let data = dir.path().join("data");
    writeln!(
        out,
        "shuniu bench --clients — {} build, {} cores; {clients} clients × {rate}/s for {seconds} s on {items} demo items",
        if cfg!(debug_assertions) { "DEBUG (numbers are not representative)" } else { "release" },
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    )?;
    let spawn = || -> Result<std::process::Child> {
        let mut daemon = Process::new(std::env::current_exe()?);
        if let Some(c) = config {
            daemon.arg("--config").arg(c);
        }
        Ok(daemon
            .args(["serve", "--log"])
            .arg(dir.path().join("daemon.log"))
            .arg("--data")
            .arg(&data)
            .arg("--socket")
            .arg(&socket)
            // Gone by itself should this benchmark be killed; no reminder
            // sweep writing beside the measured writes.
            .args(["--idle-exit", "30", "--sweep-seconds", "0"])
            .stdin(Stdio::null())
            .spawn()?)
    };
    let stop = |mut d: std::process::Child| {
        let _ = rustix::process::kill_process(
            rustix::process::Pid::from_child(&d),
            rustix::process::Signal::TERM,
        );
        let _ = d.wait();
    };

    // Load the demo data through a first daemon, then start afresh, as an
    // office's daemon would be after a restart: the figures below are not
    // coloured by the load.
    let mut daemon = spawn()?;
    let loaded = wait_for(&socket, &mut daemon).and_then(|admin| {
        let now = chrono::Utc::now().timestamp();
        let t = Instant::now();
        crate::demo::load(&admin, crate::demo::generate(items, 2026, now))?;
        writeln!(out, "demo load over the socket {:>10}", ms(t.elapsed()))?;
        Ok(())
    });
    stop(daemon);
    loaded?;
    let t = Instant::now();
    let mut daemon = spawn()?;
    let r = wait_for(&socket, &mut daemon).and_then(|admin| {
        writeln!(
            out,
            "daemon cold start (spawn → first answer) {}  RSS {:.1} MiB",
            ms(t.elapsed()),
            rss_of(daemon.id())
        )?;
        measure(&socket, &admin, daemon.id(), clients, rate, seconds, out)
    });
    stop(daemon);
    r
}

fn measure(
    socket: &Path,
    admin: &Client,
    daemon: u32,
    clients: usize,
    rate: f64,
    seconds: f64,
    out: &mut dyn Write,
) -> Result<()> {
    // A new client: connect, then what a first screen asks for.
    let mut first = vec![];
    for _ in 0..20 {
        let t = Instant::now();
        let c = Client::connect(socket).map_err(|e| eyre!(e))?;
        c.whoami()?;
        c.counts()?;
        let rows = c.rows(&Filter {
            kind: Some(Kind::Inbox),
            open: true,
            ..Filter::default()
        })?;
        first.push(t.elapsed());
        std::hint::black_box(rows);
    }
    writeln!(
        out,
        "connect + whoami + counts + one tab's rows   p50 {}  max {}",
        ms(pct(&mut first, 0.5)),
        ms(pct(&mut first, 1.0))
    )?;

    // One item per client, so every write is expected to succeed.
    let targets: Vec<Item> = (0..clients)
        .map(|i| Item::new(Kind::Inbox, format!("壓測來件{i}"), "bench", 0))
        .collect();
    let ids = admin.create_many(targets)?;

    // The watcher: when each (item, version) arrived.
    let seen: Arc<Mutex<HashMap<(u64, u64), Instant>>> = Arc::default();
    let watcher = Client::connect(socket).map_err(|e| eyre!(e))?;
    let rx = watcher.subscribe()?;
    let seen2 = seen.clone();
    let watch = std::thread::spawn(move || {
        while let Ok(ev) = rx.recv() {
            if let Event::Changed(it) = ev {
                seen2
                    .lock()
                    .expect("lock")
                    .insert((it.id, it.version), Instant::now());
            }
        }
    });

    let sent: Arc<Mutex<HashMap<(u64, u64), Instant>>> = Arc::default();
    let start = Instant::now() + Duration::from_millis(200);
    let end = start + Duration::from_secs_f64(seconds);
    let period = Duration::from_secs_f64(1.0 / rate);
    let mut workers = vec![];
    for (i, id) in ids.iter().copied().enumerate() {
        let socket = socket.to_path_buf();
        let sent = sent.clone();
        workers.push(std::thread::spawn(
            move || -> Result<(Vec<Duration>, u64, u64)> {
                let c = Client::connect(&socket).map_err(|e| eyre!(e))?;
                let mut version = c.get(id)?.version;
                let mut lat = vec![];
                let mut refused = 0;
                // Spread the clients over one period so they do not all write at the same instant.
                let mut next = start + period.mul_f64(i as f64 / clients.max(1) as f64);
                while next < end {
                    if let Some(d) = next.checked_duration_since(Instant::now()) {
                        std::thread::sleep(d);
                    }
                    let t = Instant::now();
                    sent.lock().expect("lock").insert((id, version + 1), t);
                    match c.apply(Command::Set {
                        id,
                        version,
                        fields: vec![("handler".into(), format!("經辦{}", version + 1))],
                    }) {
                        Ok(it) => {
                            lat.push(t.elapsed());
                            version = it.version;
                        }
                        Err(_) => refused += 1,
                    }
                    next += period;
                }
                Ok((lat, version, refused))
            },
        ));
    }
    let mut lat = vec![];
    let mut lost = 0;
    let mut refused = 0;
    let mut acked = 0u64;
    for (w, id) in workers.into_iter().zip(&ids) {
        let (l, version, r) = w.join().map_err(|_| eyre!("a client thread panicked"))??;
        acked += l.len() as u64;
        refused += r;
        let stored = admin.get(*id)?;
        if stored.version != 1 + l.len() as u64 || stored.version != version {
            lost += 1;
        }
        lat.extend(l);
    }
    let elapsed = Instant::now().saturating_duration_since(start);

    // Every acknowledged write's event should reach the watcher; allow them a moment.
    let sent = std::mem::take(&mut *sent.lock().expect("lock"));
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline
        && sent
            .keys()
            .any(|k| !seen.lock().expect("lock").contains_key(k))
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    let seen_now = seen.lock().expect("lock").clone();
    let mut push: Vec<Duration> = sent
        .iter()
        .filter_map(|(k, t0)| seen_now.get(k).map(|t1| t1.saturating_duration_since(*t0)))
        .collect();
    let missing = sent.len() - push.len();
    drop(watcher);
    let _ = watch.join();

    writeln!(
        out,
        "writes acknowledged      {acked} in {:.1} s ({:.0}/s), refused {refused}",
        elapsed.as_secs_f64(),
        acked as f64 / elapsed.as_secs_f64()
    )?;
    writeln!(
        out,
        "ack latency              p50 {}  p99 {}  max {}",
        ms(pct(&mut lat, 0.5)),
        ms(pct(&mut lat, 0.99)),
        ms(pct(&mut lat, 1.0))
    )?;
    writeln!(
        out,
        "write → other client     p50 {}  p99 {}  max {}  ({missing} events missing)",
        ms(pct(&mut push, 0.5)),
        ms(pct(&mut push, 0.99)),
        ms(pct(&mut push, 1.0))
    )?;
    writeln!(out, "lost updates             {lost}")?;
    writeln!(out, "daemon RSS under load    {:.1} MiB", rss_of(daemon))?;
    Ok(())
}
