//! Writes as data. The TUI, the CLI and the daemon's clients all describe a
//! change as a `Command`; `Core` checks it against the rules and the store
//! applies it atomically.

use serde::{Deserialize, Serialize};

use super::{Gate, Item, ItemId, Kind, ReminderReason, Status};

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
    /// A workflow step that needs structured input (a gate of 審核, a
    /// 會簽, a 督查 交辦 or progress report, a 傳閱 hand-over); see `acts.rs`.
    Act {
        /// Which item.
        id: ItemId,
        /// The version read.
        version: u64,
        /// What to do.
        act: Act,
    },
}

/// The structured workflow steps. Each is checked by `model::acts` (role,
/// status, what it needs) exactly like a move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Act {
    /// 審核: one of the four gates passed, or returned with a comment (a
    /// return sends the draft back to 起草).
    Gate {
        /// Which gate.
        gate: Gate,
        /// Passed (true) or returned.
        pass: bool,
        /// The reviewer's comment; required for a return.
        comment: String,
    },
    /// 會簽: a co-signing unit signs a joint document.
    CoSign {
        /// The unit (one of `cosigners`).
        unit: String,
        /// Its opinion, if any.
        note: String,
    },
    /// 督查 交辦 in one step: the units, the deadline and the reporting cycle,
    /// typed as a clerk types them, then the move to 交辦.
    Assign {
        /// 牽頭單位: exactly one.
        lead: String,
        /// 配合單位, `、`-separated.
        assisting: String,
        /// Any date form: `2026-12-31`, `+20工作日`, `+30`.
        deadline: String,
        /// 每日/每週/每月/按節點 or a number of days; empty keeps the current one.
        report: String,
    },
    /// 督查 進展: a dated progress report by the lead unit.
    Progress {
        /// The day reported on (any date form; empty for today).
        on: String,
        /// The report.
        text: String,
        /// A milestone reached.
        milestone: bool,
    },
    /// 臨近提醒 or 催辦 on a 督查 item (what `shuniu supervise urge` writes).
    Remind {
        /// Why.
        reason: ReminderReason,
        /// The text sent.
        text: String,
    },
    /// 傳閱: hand the document to a reader.
    Circulate {
        /// Who receives it.
        holder: String,
    },
    /// 傳閱: a reader gives it back.
    GiveBack {
        /// Who had it.
        holder: String,
    },
    /// 催收: ask a reader to give it back.
    Chase {
        /// Who has it.
        holder: String,
    },
}

/// One command of a batch (`Service::apply_batch`), which applies them all
/// in one store write or none of them. A command names its item and the
/// version read as usual, or (`on`) works on the item an earlier command of
/// the same batch wrote first — the 督查 item a meeting's decision creates,
/// whose id and version nobody knows before the write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchStep {
    /// What to do.
    pub cmd: Command,
    /// `Some(n)`: on the item command `n` of the batch (counted from 0, an
    /// earlier one) returned, as that batch left it; the command's own id
    /// and version are ignored.
    pub on: Option<u32>,
}

impl BatchStep {
    /// A command on the item and version it names.
    pub fn of(cmd: Command) -> BatchStep {
        BatchStep { cmd, on: None }
    }

    /// A command on the item the batch's command `n` returned.
    pub fn on(n: u32, cmd: Command) -> BatchStep {
        BatchStep { cmd, on: Some(n) }
    }
}

impl Command {
    /// The version a command on an existing item read.
    pub fn version(&self) -> Option<u64> {
        match self {
            Command::Create { .. } => None,
            Command::Set { version, .. }
            | Command::Move { version, .. }
            | Command::Route { version, .. }
            | Command::Note { version, .. }
            | Command::Link { version, .. }
            | Command::Act { version, .. } => Some(*version),
        }
    }

    /// Points a command on an existing item at `id` as read at `version`
    /// (a batch's later command on what an earlier one wrote); false for a
    /// `Create`, which names no item.
    pub fn retarget(&mut self, to: ItemId, at: u64) -> bool {
        match self {
            Command::Create { .. } => false,
            Command::Set { id, version, .. }
            | Command::Move { id, version, .. }
            | Command::Route { id, version, .. }
            | Command::Note { id, version, .. }
            | Command::Link { id, version, .. }
            | Command::Act { id, version, .. } => {
                *id = to;
                *version = at;
                true
            }
        }
    }

    /// The item a command writes to, if it already exists.
    pub fn target(&self) -> Option<ItemId> {
        match self {
            Command::Create { .. } => None,
            Command::Set { id, .. }
            | Command::Move { id, .. }
            | Command::Route { id, .. }
            | Command::Note { id, .. }
            | Command::Link { id, .. }
            | Command::Act { id, .. } => Some(*id),
        }
    }
}
