//! What can go wrong below the core. Callers branch on `Conflict`,
//! `NotFound` and `NewerSchema`; the rest are reported as they are.

use thiserror::Error;

use crate::model::{HistoryEntry, ItemId, Timestamp};

/// A store failure.
#[derive(Debug, Error)]
pub enum StoreError {
    /// sled itself failed (disk, lock, corruption).
    #[error("store: {0}")]
    Sled(#[from] sled::Error),
    /// Another process owns the data folder.
    #[error("the data folder {path} is in use by another shuniu process (sled could not acquire its lock); connect to that daemon instead")]
    Locked {
        /// The folder.
        path: String,
    },
    /// A record did not decode.
    #[error("record {key} does not decode: {reason}")]
    Decode {
        /// The key, printable.
        key: String,
        /// Why.
        reason: String,
    },
    /// A record could not be encoded (should not happen).
    #[error("cannot encode record: {0}")]
    Encode(String),
    /// The folder was written by a newer shuniu.
    #[error("the data folder was written by a newer shuniu (schema {found}; this build reads up to {supported}); upgrade shuniu — the folder was not changed")]
    NewerSchema {
        /// The folder's schema.
        found: u16,
        /// What this build understands.
        supported: u16,
    },
    /// No such item.
    #[error("item {0} not found")]
    NotFound(ItemId),
    /// The write named a version that is no longer current.
    #[error("item {id} was changed by {by} at {when} (now version {version}, you read {read}); reload and re-apply")]
    Conflict {
        /// Which item.
        id: ItemId,
        /// The version the writer read.
        read: u64,
        /// The version now.
        version: u64,
        /// Who made the newer change.
        by: String,
        /// When, in office time.
        when: String,
        /// When, as a timestamp.
        at: Timestamp,
        /// The history entries written since the version read, oldest first.
        newer: Vec<HistoryEntry>,
    },
    /// A value already taken (a code or 文號 collision, which `check` would report).
    #[error("{0}")]
    Duplicate(String),
}

/// Store results.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
