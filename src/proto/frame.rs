//! Frames: a 4-byte big-endian length, then a bincode body. The length is
//! checked against [`MAX_FRAME`] before any buffer is allocated; the body
//! must decode within that limit and be consumed exactly.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::MAX_FRAME;

/// What decoding one frame may claim. bincode counts a list's length times
/// the in-memory size of its element (an `Item` takes several times the bytes
/// it is encoded in), so the claim of a full frame of small records is well
/// over the frame's length; parts are cut at [`super::PART_BYTES`] so that
/// their claim stays under this bound, which still caps what a hostile frame
/// can make the decoder allocate.
pub const DECODE_LIMIT: usize = 4 * MAX_FRAME;

/// bincode's standard config, with [`DECODE_LIMIT`] as the decoding limit.
fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<DECODE_LIMIT>()
}

/// Why a frame could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ProtoError {
    /// The peer closed the connection between frames.
    #[error("the connection was closed")]
    Closed,
    /// The peer closed the connection inside a frame.
    #[error("the connection was closed inside a frame ({got} of {expected} bytes)")]
    Truncated {
        /// Bytes the frame should have had (header included).
        expected: u64,
        /// Bytes that came.
        got: u64,
    },
    /// A length prefix above the limit.
    #[error("a frame of {0} bytes is over the limit of {MAX_FRAME} bytes")]
    TooLarge(u64),
    /// The body is not a valid message.
    #[error("malformed frame: {0}")]
    Malformed(String),
    /// Nothing (or not all of a frame) came in time.
    #[error("timed out waiting for the peer")]
    Timeout,
    /// Any other I/O failure.
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl ProtoError {
    fn from_io(e: io::Error) -> ProtoError {
        match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => ProtoError::Timeout,
            _ => ProtoError::Io(e),
        }
    }
}

/// Encodes a value without the length prefix (no size check).
pub(super) fn encode_body<T: Serialize>(msg: &T) -> Result<Vec<u8>, ProtoError> {
    bincode::serde::encode_to_vec(msg, bincode::config::standard())
        .map_err(|e| ProtoError::Malformed(format!("cannot encode: {e}")))
}

/// Puts the length prefix in front of a body.
pub(super) fn with_prefix(body: Vec<u8>) -> Vec<u8> {
    let mut f = Vec::with_capacity(body.len() + 4);
    f.extend_from_slice(&(body.len() as u32).to_be_bytes());
    f.extend(body);
    f
}

/// One whole frame (prefix and body) for a message.
pub fn encode<T: Serialize>(msg: &T) -> Result<Vec<u8>, ProtoError> {
    let body = encode_body(msg)?;
    if body.len() > MAX_FRAME {
        return Err(ProtoError::TooLarge(body.len() as u64));
    }
    Ok(with_prefix(body))
}

/// Decodes a frame body that must hold exactly one message.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, ProtoError> {
    let (v, used) = bincode::serde::decode_from_slice(body, config())
        .map_err(|e| ProtoError::Malformed(e.to_string()))?;
    if used != body.len() {
        return Err(ProtoError::Malformed(format!(
            "{} trailing bytes after the message",
            body.len() - used
        )));
    }
    Ok(v)
}

/// Decodes the front of a frame body, ignoring what follows: only for the
/// frozen leading fields of the handshake (protocol number, version).
pub fn decode_prefix<T: DeserializeOwned>(body: &[u8]) -> Result<T, ProtoError> {
    bincode::serde::decode_from_slice(body, config())
        .map(|(v, _)| v)
        .map_err(|e| ProtoError::Malformed(e.to_string()))
}

/// Writes one message as one frame.
pub fn write_frame<T: Serialize>(w: &mut impl Write, msg: &T) -> Result<(), ProtoError> {
    w.write_all(&encode(msg)?).map_err(ProtoError::from_io)
}

/// Fills `buf` from `r`; returns how many bytes came before the end.
fn fill(r: &mut impl Read, buf: &mut [u8]) -> Result<usize, ProtoError> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(ProtoError::from_io(e)),
        }
    }
    Ok(got)
}

/// Reads one frame's body.
pub fn read_frame(r: &mut impl Read) -> Result<Vec<u8>, ProtoError> {
    let mut head = [0u8; 4];
    match fill(r, &mut head)? {
        0 => return Err(ProtoError::Closed),
        4 => {}
        n => {
            return Err(ProtoError::Truncated {
                expected: 4,
                got: n as u64,
            })
        }
    }
    read_body(r, head)
}

fn read_body(r: &mut impl Read, head: [u8; 4]) -> Result<Vec<u8>, ProtoError> {
    let len = u32::from_be_bytes(head) as usize;
    if len > MAX_FRAME {
        return Err(ProtoError::TooLarge(len as u64));
    }
    let mut body = vec![0u8; len];
    let got = fill(r, &mut body)?;
    if got < len {
        return Err(ProtoError::Truncated {
            expected: 4 + len as u64,
            got: 4 + got as u64,
        });
    }
    Ok(body)
}

/// Reads one frame, waiting as long as it takes for the first byte but
/// at most `patience` for the rest: a peer that stalls inside a frame is
/// dropped, one that is merely idle between frames is not.
pub fn read_frame_patient(s: &mut UnixStream, patience: Duration) -> Result<Vec<u8>, ProtoError> {
    s.set_read_timeout(None)?;
    let mut head = [0u8; 4];
    if fill(s, &mut head[..1])? == 0 {
        return Err(ProtoError::Closed);
    }
    s.set_read_timeout(Some(patience))?;
    let r = match fill(s, &mut head[1..])? {
        3 => read_body(s, head),
        n => Err(ProtoError::Truncated {
            expected: 4,
            got: 1 + n as u64,
        }),
    };
    s.set_read_timeout(None)?;
    r
}
