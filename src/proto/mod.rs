//! The wire contract between `shuniu serve` and its clients. See
//! `docs/protocol.md` for the same in prose.
//!
//! Every message is one frame: a 4-byte big-endian length, then that many
//! bytes of bincode 2 (serde, standard config). A frame longer than
//! [`MAX_FRAME`] is refused before anything is allocated. Decoding is limited
//! to the frame's size and must consume the frame exactly.
//!
//! A connection starts with a handshake: the client sends [`Hello`], the
//! server answers [`HelloReply`]. The first two fields of both (protocol
//! number, program version) are frozen forever, so any two versions of
//! shuniu can at least tell each other that they do not match. After a
//! `Welcome` the client sends [`ClientFrame`]s and the server sends
//! [`ServerFrame`]s: replies carry the id of their request; events are
//! pushed unasked once the client has subscribed.
//!
//! A message too large for one frame (a long list, a big intake) is sent as
//! several parts with the same id, `last: false` on all but the final one;
//! the receiver appends the parts' lists (see [`Request::append`] and
//! [`Response::append`]).
//!
//! No wire type may use serde's `skip`, `skip_serializing_if`, `flatten`,
//! `tag` or `untagged`: bincode writes fields in order without names.

mod frame;

use crate::model::Kind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::{AuditFilter, Counts, Event, Filter, Found, QueueEntry, Row, ServiceError};
use crate::model::queue::{Notice, Queue};
use crate::model::{
    AuditEntry, BatchStep, Command, HistoryEntry, Item, ItemId, Person, Unit, User,
};
use crate::store::CheckReport;

pub use frame::{
    decode, decode_prefix, encode, read_frame, read_frame_patient, write_frame, ProtoError,
};

/// The protocol this build speaks. Bump it whenever any wire type changes
/// shape (including the model types inside them).
pub const PROTOCOL_VERSION: u32 = 6;

/// The largest frame either side accepts, in bytes (the length prefix excluded).
pub const MAX_FRAME: usize = 16 << 20;

/// Where a long list is cut into parts: far enough under [`MAX_FRAME`] that
/// decoding a part (whose claim is its elements' in-memory size) stays
/// within the decoding limit even for lists of small records.
pub const PART_BYTES: usize = MAX_FRAME / 8;

/// The largest message (all parts of one request or reply together).
pub const MAX_MESSAGE: usize = 512 << 20;

/// The client's first frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    /// [`PROTOCOL_VERSION`] of the client. Frozen position: first.
    pub protocol: u32,
    /// The client program's version (`CARGO_PKG_VERSION`). Frozen position: second.
    pub version: String,
    /// The client's process id, for the daemon's log.
    pub pid: u32,
}

impl Hello {
    /// This build's hello.
    pub fn ours() -> Hello {
        Hello {
            protocol: PROTOCOL_VERSION,
            version: env!("CARGO_PKG_VERSION").to_string(),
            pid: std::process::id(),
        }
    }
}

/// The server's answer to [`Hello`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelloReply {
    /// [`PROTOCOL_VERSION`] of the server. Frozen position: first.
    pub protocol: u32,
    /// The daemon's program version. Frozen position: second.
    pub version: String,
    /// Whether the client may go on.
    pub answer: Answer,
}

/// Welcome or refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// The peer is a known, enabled user.
    Welcome(Welcome),
    /// The peer may not connect; the reason is phrased for the clerk.
    Refused(String),
}

/// What a client learns on connecting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    /// The user the peer's uid maps to.
    pub user: User,
    /// The daemon's process id.
    pub pid: u32,
    /// The data folder the daemon owns.
    pub data: String,
}

/// A client-to-server frame after the handshake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientFrame {
    /// A request (or one part of it).
    Call {
        /// Chosen by the client, echoed in the reply.
        id: u64,
        /// False while more parts of this request follow.
        last: bool,
        /// The request.
        req: Request,
    },
}

/// A server-to-client frame after the handshake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServerFrame {
    /// The answer to a request (or one part of it).
    Reply {
        /// The request's id.
        id: u64,
        /// False while more parts of this reply follow (those are always `Ok`).
        last: bool,
        /// The answer.
        result: Result<Response, ServiceError>,
    },
    /// A change, pushed to a subscribed client allowed to see it.
    Event(Event),
}

/// One call of the `Service` API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// `whoami`.
    WhoAmI,
    /// `today`.
    Today,
    /// `list`.
    List(Filter),
    /// `rows`.
    Rows(Filter),
    /// `get`.
    Get(ItemId),
    /// `get_by_code`.
    GetByCode(String),
    /// `apply`.
    Apply(Command),
    /// `create_many` (splittable).
    CreateMany(Vec<Item>),
    /// `search`.
    Search {
        /// The query.
        query: String,
        /// At most this many.
        limit: u64,
    },
    /// `history`.
    History(ItemId),
    /// Start pushing events on this connection.
    Subscribe,
    /// `counts`.
    Counts,
    /// `units`.
    Units,
    /// `people`.
    People,
    /// `save_directory` (splittable).
    SaveDirectory {
        /// Units.
        units: Vec<Unit>,
        /// People.
        people: Vec<Person>,
    },
    /// `users`.
    Users,
    /// `save_user`.
    SaveUser(User),
    /// `audit`.
    Audit(AuditFilter),
    /// `backup` to an absolute path on the daemon's machine.
    Backup(String),
    /// `check`.
    Check,
    /// Nothing; answered with `Done` (liveness).
    Ping,
    /// `queue`: the user's 待辦, 待閱 or 已辦 (protocol 4).
    Queue(Queue),
    /// `notices` (protocol 4).
    Notices {
        /// Only the unread ones.
        unread_only: bool,
    },
    /// `mark_read`: these notice ids (protocol 4); answered with `Count`.
    MarkRead(Vec<u64>),
    /// `apply_batch`: several commands in one store write, all or nothing
    /// (protocol 5; never split, a batch is one message); answered with
    /// `Items`, one per command.
    ApplyBatch(Vec<BatchStep>),
    /// `latest_history`: the last history entry of each of these items
    /// (protocol 5; splittable); answered with `History`, one entry per
    /// item the user may see.
    LatestHistory(Vec<ItemId>),
    /// `search_kinds` (protocol 6): quick find among items of these kinds
    /// only; answered with `Found`.
    SearchKinds {
        /// The query.
        query: String,
        /// The kinds asked for.
        kinds: Vec<Kind>,
        /// At most this many.
        limit: u64,
    },
}

/// The successful answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// A user.
    User(User),
    /// A date.
    Today(NaiveDate),
    /// Items (splittable).
    Items(Vec<Item>),
    /// List rows (splittable).
    Rows(Vec<Row>),
    /// One item.
    Item(Box<Item>),
    /// Ids (splittable).
    Ids(Vec<ItemId>),
    /// Search hits (splittable).
    Found(Vec<Found>),
    /// History entries (splittable).
    History(Vec<HistoryEntry>),
    /// Counts.
    Counts(Counts),
    /// Units (splittable).
    Units(Vec<Unit>),
    /// People (splittable).
    People(Vec<Person>),
    /// Users (splittable).
    Users(Vec<User>),
    /// Audit entries (splittable).
    Audit(Vec<AuditEntry>),
    /// A number.
    Count(u64),
    /// A check report.
    Check(WireCheck),
    /// Done, nothing to return.
    Done,
    /// Queue entries (splittable; protocol 4).
    Queue(Vec<QueueEntry>),
    /// Notices (splittable; protocol 4).
    Notices(Vec<Notice>),
}

/// `store::CheckReport` on the wire.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireCheck {
    /// Records read.
    pub records: u64,
    /// Items among them.
    pub items: u64,
    /// Problems, one line each.
    pub problems: Vec<String>,
}

impl From<CheckReport> for WireCheck {
    fn from(r: CheckReport) -> Self {
        WireCheck {
            records: r.records as u64,
            items: r.items as u64,
            problems: r.problems,
        }
    }
}

impl From<WireCheck> for CheckReport {
    fn from(w: WireCheck) -> Self {
        CheckReport {
            records: w.records as usize,
            items: w.items as usize,
            problems: w.problems,
        }
    }
}

/// Splits `v` into `n` nearly equal pieces.
fn halves<T>(mut v: Vec<T>) -> (Vec<T>, Vec<T>) {
    let back = v.split_off(v.len() / 2);
    (v, back)
}

/// Messages that may be sent in several parts.
pub trait Splittable: Sized + Serialize {
    /// Splits a message in two (the first part goes first), or `None` when
    /// it cannot be split further.
    fn split(self) -> Result<(Self, Self), Self>;
    /// Appends a later part to this one; false when the kinds differ.
    fn append(&mut self, later: Self) -> bool;
}

impl Splittable for Request {
    fn split(self) -> Result<(Self, Self), Self> {
        match self {
            Request::CreateMany(v) if v.len() > 1 => {
                let (a, b) = halves(v);
                Ok((Request::CreateMany(a), Request::CreateMany(b)))
            }
            Request::LatestHistory(v) if v.len() > 1 => {
                let (a, b) = halves(v);
                Ok((Request::LatestHistory(a), Request::LatestHistory(b)))
            }
            Request::SaveDirectory { units, people } if units.len() + people.len() > 1 => {
                if units.len() > 1 {
                    let (a, b) = halves(units);
                    Ok((
                        Request::SaveDirectory {
                            units: a,
                            people: vec![],
                        },
                        Request::SaveDirectory { units: b, people },
                    ))
                } else if !units.is_empty() {
                    Ok((
                        Request::SaveDirectory {
                            units,
                            people: vec![],
                        },
                        Request::SaveDirectory {
                            units: vec![],
                            people,
                        },
                    ))
                } else {
                    let (a, b) = halves(people);
                    Ok((
                        Request::SaveDirectory {
                            units: vec![],
                            people: a,
                        },
                        Request::SaveDirectory {
                            units: vec![],
                            people: b,
                        },
                    ))
                }
            }
            other => Err(other),
        }
    }

    fn append(&mut self, later: Self) -> bool {
        match (self, later) {
            (Request::CreateMany(a), Request::CreateMany(b)) => a.extend(b),
            (Request::LatestHistory(a), Request::LatestHistory(b)) => a.extend(b),
            (
                Request::SaveDirectory { units, people },
                Request::SaveDirectory {
                    units: u2,
                    people: p2,
                },
            ) => {
                units.extend(u2);
                people.extend(p2);
            }
            _ => return false,
        }
        true
    }
}

macro_rules! split_lists {
    ($self:ident, $($v:ident),*) => {
        match $self {
            $(Response::$v(v) if v.len() > 1 => {
                let (a, b) = halves(v);
                Ok((Response::$v(a), Response::$v(b)))
            })*
            other => Err(other),
        }
    };
}

macro_rules! append_lists {
    ($self:ident, $later:ident, $($v:ident),*) => {
        match ($self, $later) {
            $((Response::$v(a), Response::$v(b)) => {
                a.extend(b);
                true
            })*
            _ => false,
        }
    };
}

impl Splittable for Response {
    fn split(self) -> Result<(Self, Self), Self> {
        split_lists!(
            self, Items, Rows, Ids, Found, History, Units, People, Users, Audit, Queue, Notices
        )
    }

    fn append(&mut self, later: Self) -> bool {
        append_lists!(
            self, later, Items, Rows, Ids, Found, History, Units, People, Users, Audit, Queue,
            Notices
        )
    }
}

/// Encodes `msg` as frames of at most [`MAX_FRAME`] bytes: each frame is
/// `head(last)` followed by the encoding of one part. Parts are made by
/// halving lists until each is at most [`PART_BYTES`] (a piece that cannot
/// be split may fill a whole frame); a single piece too large is an error.
fn parts<M: Splittable>(
    msg: M,
    head: impl Fn(bool) -> Vec<u8>,
) -> Result<Vec<Vec<u8>>, ProtoError> {
    let mut out = vec![];
    let mut total = 0usize;
    // A stack of parts still to send, the next one on top.
    let mut todo = vec![msg];
    while let Some(m) = todo.pop() {
        let last = todo.is_empty();
        let mut body = head(last);
        body.extend(frame::encode_body(&m)?);
        let n = body.len();
        if n > PART_BYTES {
            match m.split() {
                Ok((a, b)) => {
                    todo.push(b);
                    todo.push(a);
                    continue;
                }
                Err(_) if n > MAX_FRAME => return Err(ProtoError::TooLarge(n as u64)),
                // One piece that cannot be split goes whole if it fits a frame.
                Err(_) => {}
            }
        }
        total += n;
        if total > MAX_MESSAGE {
            return Err(ProtoError::TooLarge(total as u64));
        }
        out.push(frame::with_prefix(body));
    }
    Ok(out)
}

/// The frames of a request: one `ClientFrame::Call`, or several parts.
pub fn call_frames(id: u64, req: Request) -> Result<Vec<Vec<u8>>, ProtoError> {
    // Same bytes as `ClientFrame::Call { id, last, req }` (checked by a test),
    // without copying the request to wrap it.
    parts(req, |last| {
        frame::encode_body(&(0u32, id, last)).expect("small values encode")
    })
}

/// The frames of a reply: one `ServerFrame::Reply`, or several parts.
pub fn reply_frames(
    id: u64,
    result: Result<Response, ServiceError>,
) -> Result<Vec<Vec<u8>>, ProtoError> {
    match result {
        // Same bytes as `ServerFrame::Reply { id, last, result: Ok(part) }`.
        Ok(r) => parts(r, |last| {
            frame::encode_body(&(0u32, id, last, 0u32)).expect("small values encode")
        }),
        Err(e) => Ok(vec![encode(&ServerFrame::Reply {
            id,
            last: true,
            result: Err(e),
        })?]),
    }
}

#[cfg(test)]
mod tests;
