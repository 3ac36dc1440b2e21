//! Errors the domain rules raise. They name the field and say, in words a
//! clerk understands, what was wrong with the value.

use thiserror::Error;

/// A single value that could not be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct ValueError {
    /// What was wrong, already phrased for a person.
    pub message: String,
}

impl ValueError {
    /// Any free-form reason.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The value is not one of a closed list; the list is named so the clerk can pick.
    pub fn not_one_of(what: &str, got: &str, valid: &[&str]) -> Self {
        Self::new(format!(
            "'{}' is not a valid {what}; valid values: {}",
            super::sanitize::escape(got),
            valid.join(", ")
        ))
    }
}

/// A value refused for a named field of a record.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("field '{field}': {message}")]
pub struct ValidationError {
    /// The field name as used by intake, the CLI and `:set`.
    pub field: String,
    /// Why it was refused.
    pub message: String,
}

impl ValidationError {
    /// Refuses `field` for `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Attaches a field name to a value error.
    pub fn at(field: impl Into<String>, e: ValueError) -> Self {
        Self::new(field, e.message)
    }
}
