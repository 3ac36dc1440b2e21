//! Writes as data. The TUI, the CLI and the daemon's clients all describe a
//! change as a `Command`; `Core` checks it against the rules and the store
//! applies it atomically.

use serde::{Deserialize, Serialize};

use super::{Item, ItemId, Kind, Status};

/// A change a user asks for. Every command on an existing item names the
/// version it read, so a stale write is refused instead of overwriting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// Create a new item (id, code and version are assigned by the store).
    Create {
        /// The draft; `set` fields first, then send it.
        item: Box<Item>,
    },
    /// Set fields by name, as typed (`deadline` = `+3工作日`).
    Set {
        /// Which item.
        id: ItemId,
        /// The version read.
        version: u64,
        /// `(field, value)` pairs.
        fields: Vec<(String, String)>,
    },
    /// A workflow move (`登記`, `退回` …) with its note.
    Move {
        /// Which item.
        id: ItemId,
        /// The version read.
        version: u64,
        /// The status to move to.
        to: Status,
        /// Reason, instruction or result, as the move needs.
        note: String,
    },
    /// Triage an inbox request into a new item of another kind, linked both ways.
    Route {
        /// The inbox request.
        id: ItemId,
        /// The version read.
        version: u64,
        /// The kind to create.
        to: Kind,
    },
    /// Add a dated note (progress report, 催辦, comment).
    Note {
        /// Which item.
        id: ItemId,
        /// The version read.
        version: u64,
        /// The text.
        text: String,
    },
    /// Link two items.
    Link {
        /// Which item.
        id: ItemId,
        /// The version read.
        version: u64,
        /// The other item.
        other: ItemId,
    },
}

impl Command {
    /// The item a command writes to, if it already exists.
    pub fn target(&self) -> Option<ItemId> {
        match self {
            Command::Create { .. } => None,
            Command::Set { id, .. }
            | Command::Move { id, .. }
            | Command::Route { id, .. }
            | Command::Note { id, .. }
            | Command::Link { id, .. } => Some(*id),
        }
    }
}
