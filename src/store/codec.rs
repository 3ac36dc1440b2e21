//! The record envelope: every stored value is `[schema u16 BE][type u8][bincode]`.
//! bincode is not self-describing, so the schema number says which layout the
//! bytes follow, and decoding is bounded and must consume every byte.
//! A record of an older schema is decoded in that schema's frozen layout and
//! migrated to today's type (`legacy/`); records are always written in [`SCHEMA`].

use serde::{de::DeserializeOwned, Serialize};

use super::error::{Result, StoreError};

/// The schema this build writes. Bump it with a migration when a stored type
/// changes: freeze the old layouts in `legacy/vN.rs` and convert from them.
/// Schema 1: the first release. Schema 2: 審核 gates, 會簽, 核發 lists, the
/// 傳閱 tracker, 簽收 times, 督查 progress, reminders and 複核.
pub const SCHEMA: u16 = 2;

/// A stored type: today's layout is its serde form; older layouts are
/// converted by `upgrade` (implemented in `legacy/` for every record type).
pub trait Stored: Serialize + DeserializeOwned {
    /// Decodes a body written under the older `schema` into today's type.
    /// The error is the reason, phrased for a person.
    fn upgrade(schema: u16, body: &[u8]) -> std::result::Result<Self, String>;
}

/// Decodes one bincode body exactly (bounded, no trailing bytes).
pub(super) fn decode_body<T: DeserializeOwned>(body: &[u8]) -> std::result::Result<T, String> {
    let (v, used) = bincode::serde::decode_from_slice(body, config()).map_err(|e| e.to_string())?;
    if used != body.len() {
        return Err(format!("{} trailing bytes", body.len() - used));
    }
    Ok(v)
}

/// The largest record we will decode (a long meeting's minutes fit easily).
pub const MAX_RECORD: usize = 8 << 20;

/// What a record holds, so a misplaced value is caught rather than misread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum RecordType {
    /// An `Item`.
    Item = 1,
    /// A `HistoryEntry`.
    History = 2,
    /// An `AuditEntry`.
    Audit = 3,
    /// A `User`.
    User = 4,
    /// A `Unit`.
    Unit = 5,
    /// A `Person`.
    Person = 6,
    /// A `Notice` (new in schema 2: no older layout exists).
    Notice = 7,
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_RECORD>()
}

/// Encodes `v` in an envelope.
pub fn encode<T: Serialize>(ty: RecordType, v: &T) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(128);
    out.extend_from_slice(&SCHEMA.to_be_bytes());
    out.push(ty as u8);
    let body = bincode::serde::encode_to_vec(v, config())
        .map_err(|e| StoreError::Encode(e.to_string()))?;
    out.extend_from_slice(&body);
    Ok(out)
}

/// Decodes an envelope of the expected type. `key` names the record in errors.
pub fn decode<T: Stored>(ty: RecordType, bytes: &[u8], key: &dyn Fn() -> String) -> Result<T> {
    let err = |reason: String| StoreError::Decode { key: key(), reason };
    if bytes.len() < 3 {
        return Err(err("shorter than the envelope header".into()));
    }
    let schema = u16::from_be_bytes([bytes[0], bytes[1]]);
    if bytes[2] != ty as u8 {
        return Err(err(format!(
            "type tag {} where {:?} was expected",
            bytes[2], ty
        )));
    }
    if bytes.len() > MAX_RECORD + 3 {
        return Err(err(format!(
            "{} bytes, over the {MAX_RECORD}-byte limit",
            bytes.len()
        )));
    }
    match schema {
        SCHEMA => decode_body(&bytes[3..]).map_err(err),
        s if s > SCHEMA => Err(StoreError::NewerSchema {
            found: s,
            supported: SCHEMA,
        }),
        0 => Err(err("schema 0 has no migration".into())),
        s => T::upgrade(s, &bytes[3..]).map_err(|e| err(format!("schema {s}: {e}"))),
    }
}
