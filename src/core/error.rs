//! Errors of the `Service` API. They cross the socket, so they are plain data;
//! callers branch on the variant (a conflict offers a reload, not-found
//! closes the view), and the message is already phrased for a person.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{
    acts::ActError, sanitize, time, HistoryEntry, Problem, Refusal, RuleError, ValidationError,
};
use crate::store::StoreError;

pub use super::failure::{Cut, Denial, Failure, Guarded, Missing};

/// Why a service call failed.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum ServiceError {
    /// No such item, or one the user may not see (the two are indistinguishable on purpose).
    #[error("{0} not found")]
    NotFound(Missing),
    /// Someone else changed the item since it was read. Nothing of the
    /// refused write was stored. To re-apply: `get` the item again (it is at
    /// `version`), redo the edits on it, and send them naming `version`;
    /// `changed` says which of the clerk's fields someone else touched.
    #[error("item {id} was changed by {by} at {when} (now version {version}, you read {read}){}; reload and re-apply", changed_list(.changed))]
    Conflict {
        /// Which item.
        id: u64,
        /// The version the writer read.
        read: u64,
        /// The version now.
        version: u64,
        /// Who made the latest change.
        by: String,
        /// When, office time (`YYYY-MM-DD HH:MM`).
        when: String,
        /// Every field changed since `read`, each once, in the order first
        /// changed, with who changed it last and when.
        changed: Vec<ChangedField>,
    },
    /// The user's role does not allow it.
    #[error("not allowed: {0}")]
    Denied(Denial),
    /// A field value was refused.
    #[error("{field}: {message}")]
    Invalid {
        /// The field.
        field: String,
        /// Why, in English.
        message: String,
        /// Why, as data (so a workbench says it in its own language).
        problem: Problem,
    },
    /// A workflow rule refused the move: its English message and why, as data.
    #[error("{0}")]
    Rule(Refusal),
    /// The store, the daemon or the connection to it failed.
    #[error("{0}")]
    Store(Failure),
}

/// One field someone else changed since the version a writer read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedField {
    /// The field's name, as `shuniu fields` lists it (`handler`, `deadline` …).
    pub field: String,
    /// Login of whoever changed it last.
    pub by: String,
    /// When they did, office time (`YYYY-MM-DD HH:MM`).
    pub when: String,
}

impl ChangedField {
    /// The changed fields of history entries (oldest first): each field once,
    /// in the order first changed, with its latest writer.
    pub fn from_history(entries: &[HistoryEntry]) -> Vec<ChangedField> {
        let mut out: Vec<ChangedField> = vec![];
        for h in entries {
            let when = time::format_ts(h.at);
            for c in &h.changes {
                match out.iter_mut().find(|f| f.field == c.field) {
                    Some(f) => {
                        f.by = h.by.clone();
                        f.when = when.clone();
                    }
                    None => out.push(ChangedField {
                        field: c.field.clone(),
                        by: h.by.clone(),
                        when: when.clone(),
                    }),
                }
            }
        }
        out
    }
}

/// `: 經辦人 handler (wang), 期限 deadline (li)` — the fields, for the message.
fn changed_list(changed: &[ChangedField]) -> String {
    if changed.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = changed
        .iter()
        .map(|c| {
            let label = crate::model::fields::spec(&c.field)
                .map(|s| format!("{} ", s.label))
                .unwrap_or_default();
            format!(
                "{label}{} ({})",
                sanitize::escape(&c.field),
                sanitize::escape(&c.by)
            )
        })
        .collect();
    format!(": {}", parts.join(", "))
}

impl From<ValidationError> for ServiceError {
    fn from(e: ValidationError) -> Self {
        ServiceError::Invalid {
            field: e.field,
            message: e.message,
            problem: e.problem,
        }
    }
}

impl From<ActError> for ServiceError {
    fn from(e: ActError) -> Self {
        match e {
            ActError::Rule(e) => e.into(),
            ActError::Invalid(e) => e.into(),
        }
    }
}

impl From<RuleError> for ServiceError {
    fn from(e: RuleError) -> Self {
        ServiceError::Rule(e.into())
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(id) => ServiceError::NotFound(Missing::Item(id)),
            StoreError::Conflict {
                id,
                read,
                version,
                by,
                when,
                newer,
                ..
            } => ServiceError::Conflict {
                id,
                read,
                version,
                by,
                when,
                changed: ChangedField::from_history(&newer),
            },
            StoreError::Locked { path } => ServiceError::Store(Failure::Busy { path }),
            StoreError::NewerSchema { found, supported } => {
                ServiceError::Store(Failure::NewerSchema { found, supported })
            }
            e => ServiceError::Store(Failure::Other(e.to_string())),
        }
    }
}

impl ServiceError {
    /// A field refused for a typed problem.
    pub fn invalid(field: impl Into<String>, problem: Problem) -> ServiceError {
        ValidationError::of(field, problem).into()
    }

    /// A refusal `core` makes itself (no rule table move involved).
    pub fn refused(action: &str, reason: crate::model::Reason) -> ServiceError {
        ServiceError::Rule(Refusal::new(action, reason))
    }
}

/// Service results.
pub type Result<T, E = ServiceError> = std::result::Result<T, E>;
