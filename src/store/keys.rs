//! Key layout of the one sled tree. One tree keeps every write a single
//! atomic batch; a one-byte prefix says what the key holds.

use crate::model::ItemId;

/// `i` + id: an item.
pub const ITEM: u8 = b'i';
/// `h` + id + version: a history entry.
pub const HISTORY: u8 = b'h';
/// `c` + code: id of the item with that code.
pub const CODE: u8 = b'c';
/// `n` + 文號: id of the document with that number.
pub const DOCNO: u8 = b'n';
/// `q` + name: a sequence's last used value.
pub const SEQ: u8 = b'q';
/// `a` + time + counter: an audit entry.
pub const AUDIT: u8 = b'a';
/// `u` + uid: a user.
pub const USER: u8 = b'u';
/// `U` + key: a unit.
pub const UNIT: u8 = b'U';
/// `p` + id: a person.
pub const PERSON: u8 = b'p';
/// `m` + name: metadata (schema version).
pub const META: u8 = b'm';
/// `N` + login + 0 + time + id: a notice for that user.
pub const NOTICE: u8 = b'N';
/// `D` + login + 0 + time + item + version: an empty marker that the user
/// wrote that version (their 已辦), kept with every history entry.
pub const DONE: u8 = b'D';

/// `N` + login + 0: every notice of a user, oldest first.
pub fn notice_prefix(login: &str) -> Vec<u8> {
    let mut k = text(NOTICE, login);
    k.push(0);
    k
}

/// `N` + login + 0 + time + id.
pub fn notice(login: &str, at: i64, id: u64) -> Vec<u8> {
    let mut k = notice_prefix(login);
    k.extend_from_slice(&(at as u64).to_be_bytes());
    k.extend_from_slice(&id.to_be_bytes());
    k
}

/// `D` + login + 0: every write of a user, oldest first.
pub fn done_prefix(login: &str) -> Vec<u8> {
    let mut k = text(DONE, login);
    k.push(0);
    k
}

/// `D` + login + 0 + time + item + version.
pub fn done(login: &str, at: i64, item: ItemId, version: u64) -> Vec<u8> {
    let mut k = done_prefix(login);
    k.extend_from_slice(&(at as u64).to_be_bytes());
    k.extend_from_slice(&item.to_be_bytes());
    k.extend_from_slice(&version.to_be_bytes());
    k
}

/// `i` + id.
pub fn item(id: ItemId) -> Vec<u8> {
    with_u64(ITEM, id)
}

/// `h` + id + version.
pub fn history(id: ItemId, version: u64) -> Vec<u8> {
    let mut k = with_u64(HISTORY, id);
    k.extend_from_slice(&version.to_be_bytes());
    k
}

/// Prefix of every history entry of an item.
pub fn history_prefix(id: ItemId) -> Vec<u8> {
    with_u64(HISTORY, id)
}

/// A text-keyed entry.
pub fn text(prefix: u8, s: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(1 + s.len());
    k.push(prefix);
    k.extend_from_slice(s.as_bytes());
    k
}

/// A u64-keyed entry (big endian, so keys sort numerically).
pub fn with_u64(prefix: u8, n: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(9);
    k.push(prefix);
    k.extend_from_slice(&n.to_be_bytes());
    k
}

/// `u` + uid.
pub fn user(uid: u32) -> Vec<u8> {
    let mut k = vec![USER];
    k.extend_from_slice(&uid.to_be_bytes());
    k
}

/// Reads a big-endian u64 at `at`.
pub fn read_u64(bytes: &[u8], at: usize) -> Option<u64> {
    bytes
        .get(at..at + 8)
        .map(|b| u64::from_be_bytes(b.try_into().expect("8 bytes")))
}

/// A printable form of a key for error messages.
pub fn show(key: &[u8]) -> String {
    let Some((&p, rest)) = key.split_first() else {
        return "<empty key>".into();
    };
    match p {
        ITEM | PERSON => format!("{}/{}", p as char, read_u64(key, 1).unwrap_or(0)),
        HISTORY => format!(
            "h/{}/{}",
            read_u64(key, 1).unwrap_or(0),
            read_u64(key, 9).unwrap_or(0)
        ),
        NOTICE | DONE => {
            let login = rest.split(|b| *b == 0).next().unwrap_or_default();
            let n = 1 + login.len() + 1 + 8;
            format!(
                "{}/{}/{}",
                p as char,
                crate::model::sanitize::escape(&String::from_utf8_lossy(login)),
                read_u64(key, n).unwrap_or(0)
            )
        }
        _ => format!(
            "{}/{}",
            p as char,
            crate::model::sanitize::escape(&String::from_utf8_lossy(rest))
        ),
    }
}
