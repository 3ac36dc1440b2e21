//! Errors of the `Service` API. They cross the socket, so they are plain data;
//! callers branch on the variant (a conflict offers a reload, not-found
//! closes the view), and the message is already phrased for a person.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{acts::ActError, RuleError, ValidationError};
use crate::store::StoreError;

/// Why a service call failed.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum ServiceError {
    /// No such item, or one the user may not see (the two are indistinguishable on purpose).
    #[error("{0} not found")]
    NotFound(String),
    /// Someone else changed the item since it was read.
    #[error("item {id} was changed by {by} at {when} (now version {version}, you read {read}); reload and re-apply")]
    Conflict {
        /// Which item.
        id: u64,
        /// The version the writer read.
        read: u64,
        /// The version now.
        version: u64,
        /// Who.
        by: String,
        /// When, office time.
        when: String,
    },
    /// The user's role does not allow it.
    #[error("not allowed: {0}")]
    Denied(String),
    /// A field value was refused.
    #[error("{field}: {message}")]
    Invalid {
        /// The field.
        field: String,
        /// Why.
        message: String,
    },
    /// A workflow rule refused the move.
    #[error("{0}")]
    Rule(String),
    /// The store failed.
    #[error("{0}")]
    Store(String),
}

impl From<ValidationError> for ServiceError {
    fn from(e: ValidationError) -> Self {
        ServiceError::Invalid {
            field: e.field,
            message: e.message,
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
        ServiceError::Rule(e.to_string())
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(id) => ServiceError::NotFound(format!("item {id}")),
            StoreError::Conflict {
                id,
                read,
                version,
                by,
                when,
                ..
            } => ServiceError::Conflict {
                id,
                read,
                version,
                by,
                when,
            },
            e => ServiceError::Store(e.to_string()),
        }
    }
}

/// Service results.
pub type Result<T, E = ServiceError> = std::result::Result<T, E>;
