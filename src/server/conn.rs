//! One client connection: the handshake (peer uid → user), then requests
//! answered in order, and events pushed by a second thread once the client
//! subscribes. Anything malformed ends this connection only, with a logged
//! reason; a peer that stalls holds nothing but its own thread.

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::core::{Core, Engine, Event, Service, ServiceError};
use crate::proto::{
    self, decode, decode_prefix, read_frame, read_frame_patient, reply_frames, write_frame, Answer,
    ClientFrame, Hello, HelloReply, ProtoError, Request, Response, ServerFrame, Splittable,
    Welcome, MAX_MESSAGE, PROTOCOL_VERSION,
};

use super::dispatch::dispatch;
use super::log::Log;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A peer that does not read what it is sent for this long is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// What every connection shares.
pub(super) struct Ctx {
    pub engine: Arc<Engine>,
    pub log: Arc<Log>,
    /// How long a new connection may take to say hello.
    pub handshake: Duration,
    /// How long a frame, once begun, may take to arrive whole.
    pub patience: Duration,
    /// The data folder, as told to clients.
    pub data: String,
}

/// Serves one connection to its end and logs how it ended.
pub(super) fn run(ctx: &Ctx, conn: u64, mut stream: UnixStream) {
    match session(ctx, conn, &mut stream) {
        Ok(()) => ctx.log.line(format_args!("conn {conn}: closed")),
        Err(why) => ctx.log.line(format_args!("conn {conn}: dropped: {why}")),
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

fn session(ctx: &Ctx, conn: u64, stream: &mut UnixStream) -> Result<(), String> {
    let cred = rustix::net::sockopt::socket_peercred(&*stream)
        .map_err(|e| format!("no peer credentials: {e}"))?;
    let uid = cred.uid.as_raw();
    let pid = cred.pid.as_raw_nonzero().get();
    stream
        .set_read_timeout(Some(ctx.handshake))
        .and_then(|_| stream.set_write_timeout(Some(WRITE_TIMEOUT)))
        .map_err(|e| e.to_string())?;
    let who = format!("uid {uid} pid {pid}");
    let body = match read_frame(stream) {
        // A probe (`shuniu stop`, a readiness check): nothing to complain about.
        Err(ProtoError::Closed) => return Ok(()),
        r => r,
    };
    let body = body.map_err(|e| match e {
        ProtoError::Timeout => format!(
            "{who}: no hello within {:.1} s",
            ctx.handshake.as_secs_f64()
        ),
        e => format!("{who}: handshake: {e}"),
    })?;
    let reply = |answer| HelloReply {
        protocol: PROTOCOL_VERSION,
        version: VERSION.into(),
        answer,
    };
    let (protocol, version): (u32, String) =
        decode_prefix(&body).map_err(|e| format!("{who}: handshake: {e}"))?;
    if protocol != PROTOCOL_VERSION {
        let reason = format!(
            "this daemon (shuniu {VERSION}, pid {}) speaks protocol {PROTOCOL_VERSION}, the client (shuniu {version}) protocol {protocol}; restart the daemon so both are the same version",
            std::process::id()
        );
        let _ = write_frame(stream, &reply(Answer::Refused(reason)));
        return Err(format!(
            "{who}: refused: protocol {protocol} (shuniu {version}), this daemon speaks {PROTOCOL_VERSION}"
        ));
    }
    let hello: Hello = decode(&body).map_err(|e| format!("{who}: handshake: {e}"))?;
    let login = crate::config::login_of(uid).unwrap_or_else(|| format!("uid{uid}"));
    let core = match Core::for_uid(ctx.engine.clone(), uid, &login) {
        Ok(c) => c,
        Err(e) => {
            let _ = write_frame(stream, &reply(Answer::Refused(e.to_string())));
            return Err(format!("{who} ({login}): refused: {e}"));
        }
    };
    let user = core.whoami().map_err(|e| e.to_string())?;
    let welcome = Welcome {
        user: user.clone(),
        pid: std::process::id(),
        data: ctx.data.clone(),
    };
    write_frame(stream, &reply(Answer::Welcome(welcome))).map_err(|e| format!("{who}: {e}"))?;
    ctx.log.line(format_args!(
        "conn {conn}: {who} ({login}, {}, {}) connected with shuniu {}",
        user.role, user.clearance, hello.version
    ));
    requests(ctx, stream, &core)
}

/// Sets a flag when dropped, so the pusher thread knows the connection ended.
struct Closed(Arc<AtomicBool>);

impl Drop for Closed {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn requests(ctx: &Ctx, stream: &mut UnixStream, core: &Core) -> Result<(), String> {
    let writer = Arc::new(Mutex::new(stream.try_clone().map_err(|e| e.to_string())?));
    let closed = Closed(Arc::new(AtomicBool::new(false)));
    let mut subscribed = false;
    // A request arriving in parts: its id, what came so far, and its size.
    let mut partial: Option<(u64, Request, usize)> = None;
    loop {
        let body = match read_frame_patient(stream, ctx.patience) {
            Ok(b) => b,
            Err(ProtoError::Closed) if partial.is_none() => return Ok(()),
            Err(ProtoError::Closed) => {
                return Err("the client left in the middle of a request".into())
            }
            Err(ProtoError::Timeout) => {
                return Err(format!(
                    "a frame stalled for {:.1} s",
                    ctx.patience.as_secs_f64()
                ))
            }
            Err(e) => return Err(e.to_string()),
        };
        let ClientFrame::Call { id, last, req } = decode(&body).map_err(|e| e.to_string())?;
        let (req, size) = match partial.take() {
            None => (req, body.len()),
            Some((pid, mut acc, size)) => {
                let size = size + body.len();
                if pid != id {
                    return Err(format!("request {id} began inside the parts of {pid}"));
                }
                if size > MAX_MESSAGE {
                    return Err(format!("a request of over {MAX_MESSAGE} bytes"));
                }
                if !acc.append(req) {
                    return Err(format!("the parts of request {id} do not match"));
                }
                (acc, size)
            }
        };
        if !last {
            partial = Some((id, req, size));
            continue;
        }
        let result = match req {
            Request::Subscribe => subscribe(core, &writer, &closed.0, &mut subscribed),
            req => catch_unwind(AssertUnwindSafe(|| dispatch(core, req))).unwrap_or_else(|_| {
                ctx.log
                    .line(format_args!("request {id}: the daemon hit a bug (panic)"));
                Err(ServiceError::Store(crate::core::Failure::DaemonBug))
            }),
        };
        let frames = reply_frames(id, result).or_else(|e| {
            reply_frames(
                id,
                Err(ServiceError::Store(crate::core::Failure::Other(format!(
                    "the answer cannot be sent: {e}"
                )))),
            )
        });
        let frames = frames.map_err(|e| e.to_string())?;
        let mut w = writer.lock().unwrap_or_else(|p| p.into_inner());
        for f in frames {
            w.write_all(&f)
                .map_err(|e| format!("sending the reply to request {id}: {e}"))?;
        }
    }
}

fn subscribe(
    core: &Core,
    writer: &Arc<Mutex<UnixStream>>,
    closed: &Arc<AtomicBool>,
    subscribed: &mut bool,
) -> crate::core::Result<Response> {
    if !*subscribed {
        let rx = core.subscribe()?;
        let (w, c) = (writer.clone(), closed.clone());
        std::thread::Builder::new()
            .name("shuniu-push".into())
            .spawn(move || push(rx, w, c))
            .map_err(|e| {
                ServiceError::Store(crate::core::Failure::Other(format!(
                    "cannot start pushing events: {e}"
                )))
            })?;
        *subscribed = true;
    }
    Ok(Response::Done)
}

/// Forwards events to the client until it goes away.
fn push(rx: Receiver<Event>, writer: Arc<Mutex<UnixStream>>, closed: Arc<AtomicBool>) {
    loop {
        match rx.recv_timeout(Duration::from_millis(500)) {
            Ok(ev) => {
                let Ok(f) = proto::encode(&ServerFrame::Event(ev)) else {
                    continue;
                };
                let mut w = writer.lock().unwrap_or_else(|p| p.into_inner());
                if w.write_all(&f).is_err() {
                    // A client that cannot take its events is not left half-informed.
                    let _ = w.shutdown(std::net::Shutdown::Both);
                    return;
                }
            }
            Err(RecvTimeoutError::Timeout) if !closed.load(Ordering::Relaxed) => {}
            Err(_) => return,
        }
    }
}
