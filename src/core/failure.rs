//! The particulars of a `ServiceError` that is not a rule or a field: why
//! the user may not (`Denied`), what was not found (`NotFound`), and why
//! the store or the connection failed (`Store`). They cross the socket as
//! data; their `Display` is the English the CLI prints, and the workbench
//! says them in the clerk's language (an OS message stays as the OS said
//! it, inside a translated sentence).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Classification, ItemId, Role};

/// What a role check guards (`Core::require`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Guarded {
    /// Saving units and people.
    Directory,
    /// `users`.
    ListUsers,
    /// `save_user`.
    ChangeUsers,
    /// `audit`.
    Audit,
    /// `backup`.
    Backup,
    /// `check`.
    Check,
}

impl Guarded {
    /// The English words (`changing the directory`).
    pub fn english(self) -> &'static str {
        match self {
            Guarded::Directory => "changing the directory",
            Guarded::ListUsers => "listing users",
            Guarded::ChangeUsers => "changing users",
            Guarded::Audit => "reading the audit trail",
            Guarded::Backup => "making a backup",
            Guarded::Check => "checking the store",
        }
    }
}

/// Why the user may not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Denial {
    /// The Unix user has no shuniu account.
    NotUser {
        /// Their login.
        login: String,
        /// Their uid.
        uid: u32,
    },
    /// The account is disabled.
    Disabled {
        /// Its login.
        login: String,
    },
    /// The step needs another role.
    NeedsRole {
        /// What was asked.
        what: Guarded,
        /// The roles that may.
        roles: Vec<Role>,
    },
    /// The role only reads.
    ReadOnly {
        /// The user's role.
        role: Role,
    },
    /// The item is classified above the user's clearance.
    AboveClearance {
        /// The item's 密級.
        level: Classification,
        /// The user's clearance.
        clearance: Classification,
    },
}

impl fmt::Display for Denial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Denial::NotUser { login, uid } => write!(
                f,
                "{login} (uid {uid}) is not a shuniu user; the administrator can add it with: shuniu user add {login} --role clerk --unit UNIT --clearance 內部"
            ),
            Denial::Disabled { login } => write!(
                f,
                "the shuniu account of {login} is disabled; ask the administrator to enable it (shuniu user set {login} --enable)"
            ),
            Denial::NeedsRole { what, roles } => {
                let v: Vec<&str> = roles.iter().map(|r| r.label()).collect();
                write!(f, "{} needs the role {}", what.english(), v.join("/"))
            }
            Denial::ReadOnly { role } => write!(f, "the role {role} is read-only"),
            Denial::AboveClearance { level, clearance } => {
                write!(f, "{level} is above your clearance ({clearance})")
            }
        }
    }
}

/// What was not found (or may not be seen: the two look the same on purpose).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// An item, by id.
    Item(ItemId),
    /// The item a link names.
    Linked(ItemId),
    /// An item, by the code typed (escaped).
    Code(String),
    /// The history of an item at a version.
    History {
        /// The item.
        id: ItemId,
        /// The version.
        version: u64,
    },
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::Item(id) => write!(f, "item {id}"),
            Missing::Linked(id) => write!(f, "linked item {id}"),
            Missing::Code(c) => f.write_str(c),
            Missing::History { id, version } => write!(f, "history of item {id} v{version}"),
        }
    }
}

/// Why a connection to the daemon ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cut {
    /// The daemon closed it (it stopped, or was restarted).
    Closed,
    /// A request got no answer before the connection ended.
    NoReply,
    /// What the OS or the frame decoder said, in English.
    Other(String),
}

impl fmt::Display for Cut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cut::Closed => f.write_str("the daemon closed it"),
            Cut::NoReply => f.write_str("no reply came"),
            Cut::Other(s) => f.write_str(s),
        }
    }
}

/// Why the store, the daemon or the connection failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failure {
    /// Another shuniu process owns the data folder.
    Busy {
        /// The folder.
        path: String,
    },
    /// The folder was written by a newer shuniu.
    NewerSchema {
        /// The folder's schema.
        found: u16,
        /// What this build reads.
        supported: u16,
    },
    /// The connection to the daemon was lost.
    Lost {
        /// The daemon's socket.
        socket: String,
        /// Why.
        why: Cut,
    },
    /// The daemon panicked answering (its log says more).
    DaemonBug,
    /// The daemon's answer did not fit the question, in English.
    Protocol(String),
    /// Anything else (the disk, sled, a record that does not decode), as
    /// the store or the OS said it, in English.
    Other(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Busy { path } => write!(
                f,
                "the data folder {path} is in use by another shuniu process (sled could not acquire its lock); connect to that daemon instead"
            ),
            Failure::NewerSchema { found, supported } => write!(
                f,
                "the data folder was written by a newer shuniu (schema {found}; this build reads up to {supported}); upgrade shuniu — the folder was not changed"
            ),
            Failure::Lost { socket, why } => write!(
                f,
                "the connection to the shuniu daemon on {socket} was lost ({why}); start shuniu again"
            ),
            Failure::DaemonBug => f.write_str("the daemon hit a bug answering this; see its log"),
            Failure::Protocol(s) | Failure::Other(s) => f.write_str(s),
        }
    }
}
