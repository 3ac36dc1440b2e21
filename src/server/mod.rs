//! `shuniu serve`: the one process that owns a data folder. It listens on a
//! Unix socket, gives each connection a thread and a `Core` for the peer's
//! uid (`SO_PEERCRED`), and pushes every change to the clients allowed to
//! see it.
//!
//! Start: lock the data folder (a second daemon on it is refused, naming the
//! first), open the store, lock the socket (a live daemon's socket is never
//! taken; once the lock is ours a socket file there is stale and removed),
//! bind. Stop (SIGTERM, SIGINT, SIGHUP, or idle for `--idle-exit`): remove
//! the socket, stop accepting, let each connection finish the request it is
//! in, close the store, release the locks, exit 0.

mod conn;
mod dispatch;
pub mod lock;
pub mod log;
mod sweep;

use std::collections::HashMap;
use std::io::Read;
use std::os::fd::AsFd;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use rustix::event::{poll, PollFd, PollFlags, Timespec};

use crate::core::{Clock, Core, Engine};
use crate::model::WorkCalendar;

pub use dispatch::dispatch;
pub use log::Log;
pub use sweep::Sweep;

/// How `shuniu serve` runs.
pub struct ServeOptions {
    /// The data folder to own.
    pub data: PathBuf,
    /// The socket to listen on.
    pub socket: PathBuf,
    /// Make the socket `0660` and owned by this group (shared mode).
    pub group: Option<String>,
    /// Exit this long after the last client leaves (personal mode).
    pub idle_exit: Option<Duration>,
    /// sled's page cache.
    pub cache_bytes: u64,
    /// The working-day calendar.
    pub calendar: WorkCalendar,
    /// How long a new connection may take to say hello.
    pub handshake: Duration,
    /// How long a frame, once begun, may take to arrive.
    pub patience: Duration,
    /// The 督查 reminder sweep, when the daemon runs it (`None`: never).
    pub sweep: Option<Sweep>,
}

/// The lock file of a data folder.
pub fn data_lock_path(data: &Path) -> PathBuf {
    data.join("daemon.lock")
}

/// The lock file of a socket.
pub fn socket_lock_path(socket: &Path) -> PathBuf {
    let mut s = socket.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

/// Who holds a data folder, in words, if a daemon does.
pub fn data_owner(data: &Path) -> Option<String> {
    let d = lock::holder(&data_lock_path(data));
    let pid = lock::field(&d, "pid")?;
    let sock = lock::field(&d, "socket").unwrap_or("?");
    Some(format!("the shuniu daemon pid {pid} on socket {sock}"))
}

fn answers(socket: &Path) -> bool {
    UnixStream::connect(socket).is_ok()
}

/// Live connections, so a stop can wait for them and idleness can be seen.
struct Conns {
    state: Mutex<ConnState>,
    changed: Condvar,
}

struct ConnState {
    open: HashMap<u64, UnixStream>,
    idle_since: Instant,
}

impl Conns {
    fn add(&self, id: u64, s: &UnixStream) {
        if let Ok(c) = s.try_clone() {
            self.state.lock().expect("lock").open.insert(id, c);
        }
    }

    fn remove(&self, id: u64) {
        let mut st = self.state.lock().expect("lock");
        st.open.remove(&id);
        if st.open.is_empty() {
            st.idle_since = Instant::now();
        }
        self.changed.notify_all();
    }

    /// How long nobody has been connected (`None` while someone is).
    fn idle_for(&self) -> Option<Duration> {
        let st = self.state.lock().expect("lock");
        st.open.is_empty().then(|| st.idle_since.elapsed())
    }

    /// Ends every connection after the request it is in.
    fn stop_reading(&self) -> usize {
        let st = self.state.lock().expect("lock");
        for s in st.open.values() {
            let _ = s.shutdown(std::net::Shutdown::Read);
        }
        st.open.len()
    }

    fn wait_empty(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut st = self.state.lock().expect("lock");
        while !st.open.is_empty() {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            st = self
                .changed
                .wait_timeout(st, deadline - now)
                .expect("lock")
                .0;
        }
        true
    }
}

/// Makes the socket's folder if it is missing (private, or group-readable
/// in shared mode) and refuses one that is a symlink.
fn socket_folder(socket: &Path, gid: Option<u32>) -> Result<(), String> {
    let dir = socket
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(if gid.is_some() { 0o750 } else { 0o700 })
            .create(dir)
            .map_err(|e| format!("creating the socket folder {}: {e}", dir.display()))?;
        if let Some(g) = gid {
            rustix::fs::chown(dir, None, Some(rustix::fs::Gid::from_raw(g)))
                .map_err(|e| format!("giving {} to group {g}: {e}", dir.display()))?;
        }
    }
    Ok(())
}

/// Runs the daemon until it is told to stop (or is idle); logs to `log`.
pub fn serve(opts: ServeOptions, log: Arc<Log>) -> Result<(), String> {
    let r = serve_inner(&opts, &log);
    if let Err(e) = &r {
        log.line(format_args!("not serving: {e}"));
    }
    r
}

/// Each connection holds a few descriptors: let the daemon use as many as
/// its hard limit allows (capped), not the soft default of 1024.
fn more_descriptors() -> Option<u64> {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let lim = getrlimit(Resource::Nofile);
    let want = lim.maximum.unwrap_or(65_536).min(65_536);
    if lim.current.is_some_and(|c| c < want) {
        let _ = setrlimit(
            Resource::Nofile,
            Rlimit {
                current: Some(want),
                maximum: lim.maximum,
            },
        );
    }
    getrlimit(Resource::Nofile).current
}

/// The daemon's allocator settings (also taken by `bench-open`, so its
/// figures are the daemon's): two arenas, and a fixed mmap threshold.
/// glibc gives each thread that allocates its own arena (up to 8 per core),
/// and a connection thread's arena keeps what it once held: with a hundred
/// clients that was ≈ 55 MiB on top of the engine. The daemon's threads
/// mostly wait on sockets, so two arenas serve them without contention.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) fn tune_allocator() {
    // SAFETY: mallopt only changes allocator tuning; it is called before
    // the daemon starts its connection threads, and glibc serialises it.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        // A fixed threshold: a big buffer (a tab's rows for a new client,
        // megabytes) always gets its own mapping and goes back to the
        // kernel when freed. glibc's default raises the threshold to the
        // largest block freed so far, after which such buffers stay in the
        // arenas for good.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn tune_allocator() {}

/// The cold start decodes every item on every core and throws most of
/// what it decoded away; glibc keeps those freed pages in its arenas
/// unless asked. Handing them back keeps the daemon's resident memory to
/// what it holds (DESIGN §5: ≤ 200 MB at 100k items).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) fn give_back_freed_memory() {
    // SAFETY: malloc_trim only returns free pages to the kernel; it takes
    // the arenas' locks itself.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn give_back_freed_memory() {}

fn serve_inner(opts: &ServeOptions, log: &Arc<Log>) -> Result<(), String> {
    tune_allocator();
    let pid = std::process::id();
    let fds = more_descriptors();
    let gid = match &opts.group {
        Some(g) => Some(
            crate::config::gid_of_group(g)
                .ok_or_else(|| format!("there is no group {g} in /etc/group"))?,
        ),
        None => None,
    };
    let socket = crate::config::absolute(&opts.socket);
    let data = crate::config::absolute(&opts.data);

    // 1. The data folder: one daemon each.
    std::fs::create_dir_all(&data)
        .map_err(|e| format!("creating the data folder {}: {e}", data.display()))?;
    let data_lock = data_lock_path(&data);
    let mut data_held = lock::lock_patiently(&data_lock, Duration::from_secs(5), || {
        // A holder whose socket answers is alive and staying: give up at once.
        let d = lock::holder(&data_lock);
        lock::field(&d, "socket").is_some_and(|s| answers(Path::new(s)))
    })
    .map_err(|e| format!("locking {}: {e}", data_lock.display()))?
    .ok_or_else(|| {
        format!(
            "the data folder {} is already served by {}; connect to it (SHUNIU_SOCKET=…) instead of starting a second daemon",
            data.display(),
            data_owner(&data).unwrap_or_else(|| "another shuniu process".into())
        )
    })?;
    data_held
        .describe(&format!("pid={pid}\nsocket={}\n", socket.display()))
        .map_err(|e| format!("writing {}: {e}", data_lock.display()))?;

    // 2. The store, and the daemon's own account as the first administrator.
    let started = Instant::now();
    let engine = loop {
        match Engine::open(
            &data,
            opts.cache_bytes,
            opts.calendar.clone(),
            Clock::System,
        ) {
            Ok(e) => break e,
            // A daemon that just let go of the folder may still be closing it.
            Err(e)
                if e.to_string().contains("in use")
                    && started.elapsed() < Duration::from_secs(3) =>
            {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(format!("opening {}: {e}", data.display())),
        }
    };
    let me = rustix::process::getuid().as_raw();
    let login = crate::config::login_of(me).unwrap_or_else(|| format!("uid{me}"));
    let _ = Core::for_uid(engine.clone(), me, &login);
    give_back_freed_memory();

    // 3. The socket: one daemon each; a stale file is replaced, a live one never.
    socket_folder(&socket, gid)?;
    let sock_lock = socket_lock_path(&socket);
    let mut sock_held =
        lock::lock_patiently(&sock_lock, Duration::from_secs(5), || answers(&socket))
            .map_err(|e| format!("locking {}: {e}", sock_lock.display()))?
            .ok_or_else(|| {
                let d = lock::holder(&sock_lock);
                format!(
            "another shuniu daemon (pid {}) is listening on {}; a live socket is never taken over",
            lock::field(&d, "pid").unwrap_or("?"),
            socket.display()
        )
            })?;
    sock_held
        .describe(&format!("pid={pid}\ndata={}\n", data.display()))
        .map_err(|e| format!("writing {}: {e}", sock_lock.display()))?;
    match std::fs::symlink_metadata(&socket) {
        Ok(m) if std::os::unix::fs::FileTypeExt::is_socket(&m.file_type()) => {
            std::fs::remove_file(&socket)
                .map_err(|e| format!("removing the stale socket {}: {e}", socket.display()))?;
            log.line(format_args!("removed a stale socket {}", socket.display()));
        }
        Ok(_) => {
            return Err(format!(
                "{} exists and is not a socket; not touching it",
                socket.display()
            ))
        }
        Err(_) => {}
    }
    let listener = UnixListener::bind(&socket)
        .map_err(|e| format!("listening on {}: {e}", socket.display()))?;
    let mode = if gid.is_some() { 0o660 } else { 0o600 };
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(mode))
        .map_err(|e| format!("chmod {}: {e}", socket.display()))?;
    if let Some(g) = gid {
        rustix::fs::chown(&socket, None, Some(rustix::fs::Gid::from_raw(g)))
            .map_err(|e| format!("giving {} to group {g}: {e}", socket.display()))?;
    }
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;

    // 4. Signals arrive as bytes on a socket pair, next to the listener in one poll.
    let (sig_rx, sig_tx) = UnixStream::pair().map_err(|e| e.to_string())?;
    sig_rx.set_nonblocking(true).map_err(|e| e.to_string())?;
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ])
    .map_err(|e| format!("installing signal handlers: {e}"))?;
    let sig_handle = signals.handle();
    std::thread::Builder::new()
        .name("shuniu-signals".into())
        .spawn(move || {
            use std::io::Write;
            let mut tx = sig_tx;
            for s in signals.forever() {
                let _ = tx.write_all(&[s as u8]);
            }
        })
        .map_err(|e| e.to_string())?;

    log.line(format_args!(
        "serving {} on {} (shuniu {}, protocol {}, {} items indexed in {} ms, {} descriptors{}{})",
        data.display(),
        socket.display(),
        env!("CARGO_PKG_VERSION"),
        crate::proto::PROTOCOL_VERSION,
        engine.index_len(),
        started.elapsed().as_millis(),
        fds.map(|n| n.to_string())
            .unwrap_or_else(|| "unlimited".into()),
        opts.group
            .as_ref()
            .map(|g| format!(", group {g}"))
            .unwrap_or_default(),
        opts.idle_exit
            .map(|d| format!(", exits {} s after the last client", d.as_secs()))
            .unwrap_or_default(),
    ));

    let ctx = Arc::new(conn::Ctx {
        engine,
        log: log.clone(),
        handshake: opts.handshake,
        patience: opts.patience,
        data: data.display().to_string(),
    });
    let conns = Arc::new(Conns {
        state: Mutex::new(ConnState {
            open: HashMap::new(),
            idle_since: Instant::now(),
        }),
        changed: Condvar::new(),
    });
    // The reminder sweep runs beside the connections until the daemon stops.
    let (sweep_stop, sweep_rx) = std::sync::mpsc::channel::<()>();
    let sweeper = opts.sweep.map(|s| {
        let (engine, log) = (ctx.engine.clone(), log.clone());
        let login = login.clone();
        std::thread::Builder::new()
            .name("shuniu-sweep".into())
            .spawn(move || sweep::run(engine, me, login, s, log, sweep_rx))
    });
    let why = accept_loop(&listener, &sig_rx, &ctx, &conns, opts.idle_exit);
    drop(sweep_stop);
    if let Some(Ok(h)) = sweeper {
        let _ = h.join();
    }
    let why = why?;

    // Stop: nobody new can connect, everyone finishes the request in hand.
    let _ = std::fs::remove_file(&socket);
    drop(listener);
    let open = conns.stop_reading();
    log.line(format_args!(
        "stopping ({why}); {open} connection(s) finishing"
    ));
    if !conns.wait_empty(Duration::from_secs(10)) {
        log.line("connections still busy after 10 s; stopping anyway (every acknowledged write is already on disk)");
    }
    sig_handle.close();
    drop(ctx); // the last `Engine` handle once every connection is gone: sled closes
    drop(sock_held);
    drop(data_held);
    log.line("stopped");
    Ok(())
}

fn accept_loop(
    listener: &UnixListener,
    sig_rx: &UnixStream,
    ctx: &Arc<conn::Ctx>,
    conns: &Arc<Conns>,
    idle_exit: Option<Duration>,
) -> Result<String, String> {
    let mut next_id = 0u64;
    loop {
        // With an idle limit, look again at least every 200 ms.
        let timeout = idle_exit.map(|_| Timespec {
            tv_sec: 0,
            tv_nsec: 200_000_000,
        });
        let (lfd, sfd) = (listener.as_fd(), sig_rx.as_fd());
        let mut fds = [
            PollFd::new(&lfd, PollFlags::IN),
            PollFd::new(&sfd, PollFlags::IN),
        ];
        match poll(&mut fds, timeout.as_ref()) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(format!("poll: {e}")),
        }
        let (conn_ready, sig_ready) = (!fds[0].revents().is_empty(), !fds[1].revents().is_empty());
        if sig_ready {
            let mut b = [0u8; 8];
            let n = (&*sig_rx).read(&mut b).unwrap_or(0);
            if n > 0 {
                return Ok(format!("signal {}", signal_name(b[0] as i32)));
            }
        }
        if conn_ready {
            loop {
                match listener.accept() {
                    Ok((s, _)) => {
                        next_id += 1;
                        let id = next_id;
                        let _ = s.set_nonblocking(false);
                        conns.add(id, &s);
                        let (cx, cs) = (ctx.clone(), conns.clone());
                        let spawned = std::thread::Builder::new()
                            .name(format!("shuniu-conn-{id}"))
                            .spawn(move || {
                                conn::run(&cx, id, s);
                                // Let go of the engine before saying this connection is gone,
                                // so a stop that waited for all of them can close the store.
                                drop(cx);
                                cs.remove(id);
                            });
                        if let Err(e) = spawned {
                            ctx.log
                                .line(format_args!("conn {id}: no thread for it: {e}"));
                            conns.remove(id);
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        // Out of descriptors and the like: say so, back off, go on.
                        ctx.log.line(format_args!("accept: {e}"));
                        std::thread::sleep(Duration::from_millis(50));
                        break;
                    }
                }
            }
        }
        if let (Some(limit), Some(idle)) = (idle_exit, conns.idle_for()) {
            if idle >= limit {
                return Ok(format!("no client for {} s", limit.as_secs_f64()));
            }
        }
    }
}

fn signal_name(s: i32) -> &'static str {
    match s {
        signal_hook::consts::SIGTERM => "SIGTERM",
        signal_hook::consts::SIGINT => "SIGINT",
        signal_hook::consts::SIGHUP => "SIGHUP",
        _ => "?",
    }
}
