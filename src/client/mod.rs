//! `Client`: the `Service` API over the daemon's socket. Requests may be
//! made from several threads at once; a reader thread hands each reply to
//! its caller by id and fans pushed events out to every `subscribe()`r.

mod personal;
mod service;

use std::collections::HashMap;
use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::core::{Cut, Event, Failure, ServiceError};
use crate::proto::{
    call_frames, decode, decode_prefix, read_frame, write_frame, Answer, Hello, HelloReply,
    ProtoError, Request, Response, ServerFrame, Splittable, Welcome, PROTOCOL_VERSION,
};

pub use personal::{connect_or_start, private_folder, stop, Personal};

/// How long the daemon may take to answer the hello.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(15);

/// Why a connection could not be made. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// Nothing listens at the socket.
    #[error("no shuniu daemon is listening on {}", .0.display())]
    NoDaemon(PathBuf),
    /// The socket is not ours to use.
    #[error("you may not use the shuniu socket {}: ask the administrator to add your account to the daemon's group (then log in again)", .0.display())]
    Permission(PathBuf),
    /// The daemon is another version of shuniu.
    #[error("this shuniu ({ours}, protocol {PROTOCOL_VERSION}) cannot talk to the daemon on {} ({theirs}, protocol {protocol}). Restart the daemon so both are the same version: run `shuniu stop` and start shuniu again (a personal daemon restarts by itself); on a shared server ask the administrator to restart the shuniu service.", socket.display())]
    Version {
        /// The socket.
        socket: PathBuf,
        /// This program's version.
        ours: String,
        /// The daemon's version.
        theirs: String,
        /// The daemon's protocol.
        protocol: u32,
    },
    /// The daemon knows the peer but will not serve it.
    #[error("the shuniu daemon refused you: {0}")]
    Refused(String),
    /// The connection broke before the handshake finished.
    #[error("the shuniu daemon on {} did not complete the handshake: {why}", socket.display())]
    Handshake {
        /// The socket.
        socket: PathBuf,
        /// What happened.
        why: String,
    },
    /// Anything else (a personal socket folder that is not private, a daemon that would not start …).
    #[error("{0}")]
    Other(String),
}

struct Pending {
    tx: Sender<Result<Response, ServiceError>>,
    /// Parts of a reply that came in several frames.
    acc: Option<Response>,
    /// A part did not fit the ones before it.
    broken: bool,
}

#[derive(Default)]
struct Calls {
    waiting: HashMap<u64, Pending>,
    /// Why the connection is gone, once it is.
    lost: Option<Cut>,
}

struct Shared {
    writer: Mutex<UnixStream>,
    next_id: AtomicU64,
    calls: Mutex<Calls>,
    events: Mutex<Vec<Sender<Event>>>,
    subscribed: Mutex<bool>,
    socket: PathBuf,
}

impl Shared {
    fn lost(&self, why: Cut) -> ServiceError {
        ServiceError::Store(Failure::Lost {
            socket: self.socket.display().to_string(),
            why,
        })
    }
}

/// A connection to `shuniu serve`, implementing `Service`.
pub struct Client {
    shared: Arc<Shared>,
    welcome: Welcome,
    /// The daemon's today, and when it was asked.
    today: Mutex<Option<(chrono::NaiveDate, std::time::Instant)>>,
    stream: UnixStream,
    reader: Option<JoinHandle<()>>,
}

impl Client {
    /// Connects and shakes hands. Never starts a daemon.
    pub fn connect(socket: &Path) -> Result<Client, ConnectError> {
        let mut stream = UnixStream::connect(socket).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused => {
                ConnectError::NoDaemon(socket.to_path_buf())
            }
            std::io::ErrorKind::PermissionDenied => ConnectError::Permission(socket.to_path_buf()),
            _ => ConnectError::Other(format!("connecting to {}: {e}", socket.display())),
        })?;
        let broke = |why: String| ConnectError::Handshake {
            socket: socket.to_path_buf(),
            why,
        };
        stream
            .set_read_timeout(Some(HANDSHAKE_TIMEOUT))
            .map_err(|e| broke(e.to_string()))?;
        write_frame(&mut stream, &Hello::ours()).map_err(|e| broke(e.to_string()))?;
        let body = read_frame(&mut stream).map_err(|e| match e {
            ProtoError::Closed | ProtoError::Truncated { .. } => {
                broke("it closed the connection".into())
            }
            e => broke(e.to_string()),
        })?;
        let (protocol, theirs): (u32, String) =
            decode_prefix(&body).map_err(|e| broke(e.to_string()))?;
        if protocol != PROTOCOL_VERSION {
            return Err(ConnectError::Version {
                socket: socket.to_path_buf(),
                ours: env!("CARGO_PKG_VERSION").into(),
                theirs,
                protocol,
            });
        }
        let reply: HelloReply = decode(&body).map_err(|e| broke(e.to_string()))?;
        let welcome = match reply.answer {
            Answer::Welcome(w) => w,
            Answer::Refused(why) => return Err(ConnectError::Refused(why)),
        };
        stream
            .set_read_timeout(None)
            .map_err(|e| broke(e.to_string()))?;
        let io = |e: std::io::Error| ConnectError::Other(e.to_string());
        let shared = Arc::new(Shared {
            writer: Mutex::new(stream.try_clone().map_err(io)?),
            next_id: AtomicU64::new(1),
            calls: Mutex::new(Calls::default()),
            events: Mutex::new(vec![]),
            subscribed: Mutex::new(false),
            socket: socket.to_path_buf(),
        });
        let reader = {
            let (shared, stream) = (shared.clone(), stream.try_clone().map_err(io)?);
            std::thread::Builder::new()
                .name("shuniu-client".into())
                .spawn(move || read_loop(&shared, stream))
                .map_err(io)?
        };
        Ok(Client {
            shared,
            welcome,
            today: Mutex::new(None),
            stream,
            reader: Some(reader),
        })
    }

    /// What the daemon said on connecting (user, pid, data folder).
    pub fn welcome(&self) -> &Welcome {
        &self.welcome
    }

    /// The socket this client is connected to.
    pub fn socket(&self) -> &Path {
        &self.shared.socket
    }

    /// Sends one request and waits for its whole reply.
    pub fn call(&self, req: Request) -> Result<Response, ServiceError> {
        let sh = &self.shared;
        let id = sh.next_id.fetch_add(1, Ordering::Relaxed);
        let frames = call_frames(id, req).map_err(|e| {
            ServiceError::invalid("request", crate::model::Problem::Other(e.to_string()))
        })?;
        let (tx, rx) = channel();
        {
            let mut calls = sh.calls.lock().expect("lock");
            if let Some(why) = &calls.lost {
                return Err(sh.lost(why.clone()));
            }
            calls.waiting.insert(
                id,
                Pending {
                    tx,
                    acc: None,
                    broken: false,
                },
            );
        }
        let sent = {
            let mut w = sh.writer.lock().expect("lock");
            frames.iter().try_for_each(|f| w.write_all(f))
        };
        if let Err(e) = sent {
            sh.calls.lock().expect("lock").waiting.remove(&id);
            return Err(sh.lost(Cut::Other(e.to_string())));
        }
        rx.recv().unwrap_or_else(|_| Err(sh.lost(Cut::NoReply)))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }
}

fn read_loop(sh: &Shared, mut stream: UnixStream) {
    let why = loop {
        let body = match read_frame(&mut stream) {
            Ok(b) => b,
            Err(ProtoError::Closed) => break Cut::Closed,
            Err(e) => break Cut::Other(e.to_string()),
        };
        match decode::<ServerFrame>(&body) {
            Ok(ServerFrame::Reply { id, last, result }) => deliver(sh, id, last, result),
            Ok(ServerFrame::Event(ev)) => {
                sh.events
                    .lock()
                    .expect("lock")
                    .retain(|tx| tx.send(ev.clone()).is_ok());
            }
            Err(e) => break Cut::Other(format!("the daemon sent a malformed frame: {e}")),
        }
    };
    let mut calls = sh.calls.lock().expect("lock");
    for (_, p) in calls.waiting.drain() {
        let _ = p.tx.send(Err(sh.lost(why.clone())));
    }
    calls.lost = Some(why);
    drop(calls);
    // Subscribers see their channel close: the screen can say "disconnected".
    sh.events.lock().expect("lock").clear();
}

fn deliver(sh: &Shared, id: u64, last: bool, result: Result<Response, ServiceError>) {
    let mut calls = sh.calls.lock().expect("lock");
    let Some(p) = calls.waiting.get_mut(&id) else {
        return;
    };
    if !last {
        if let Ok(part) = result {
            match &mut p.acc {
                None => p.acc = Some(part),
                Some(acc) => p.broken |= !acc.append(part),
            }
        }
        return;
    }
    let p = calls.waiting.remove(&id).expect("present");
    let r = match (p.acc, result) {
        (Some(mut acc), Ok(part)) => {
            if acc.append(part) && !p.broken {
                Ok(acc)
            } else {
                Err(ServiceError::Store(Failure::Protocol(
                    "the daemon's reply came in parts that do not fit together".into(),
                )))
            }
        }
        (_, r) => r,
    };
    let _ = p.tx.send(r);
}
