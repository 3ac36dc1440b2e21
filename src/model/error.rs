//! Errors the domain rules raise. They name the field and say, in words a
//! clerk understands, what was wrong with the value.

use thiserror::Error;

use super::problem::Problem;

/// A single value that could not be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct ValueError {
    /// What was wrong, already phrased for a person (in English).
    pub message: String,
    /// The same, as data, for a display in another language.
    pub problem: Problem,
}

impl ValueError {
    /// Any free-form reason.
    pub fn new(message: impl Into<String>) -> Self {
        Self::of(Problem::Other(message.into()))
    }

    /// A typed problem; the message is its English wording.
    pub fn of(problem: Problem) -> Self {
        Self {
            message: problem.to_string(),
            problem,
        }
    }

    /// The value is not one of a closed list; the list is named so the clerk can pick.
    pub fn not_one_of(what: &str, got: &str, valid: &[&str]) -> Self {
        Self::of(Problem::NotOneOf {
            what: what.to_string(),
            got: super::sanitize::escape(got),
            valid: valid.iter().map(|v| v.to_string()).collect(),
        })
    }
}

/// A value refused for a named field of a record.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
// The field name may be what a user typed (`--set NAME=…`): escaped.
#[error("field '{}': {message}", crate::model::sanitize::escape(.field))]
pub struct ValidationError {
    /// The field name as used by intake, the CLI and `:set`.
    pub field: String,
    /// Why it was refused (in English).
    pub message: String,
    /// The same, as data, for a display in another language.
    pub problem: Problem,
}

impl ValidationError {
    /// Refuses `field` for `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::of(field, Problem::Other(message.into()))
    }

    /// Refuses `field` for a typed problem.
    pub fn of(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            message: problem.to_string(),
            problem,
        }
    }

    /// Attaches a field name to a value error.
    pub fn at(field: impl Into<String>, e: ValueError) -> Self {
        Self {
            field: field.into(),
            message: e.message,
            problem: e.problem,
        }
    }
}
