//! The 通訊錄 and the users: units, people, and the accounts that log in.

use serde::{Deserialize, Serialize};

use super::{Classification, Role, ValidationError};

/// A unit of the city government (局、委、辦、區縣).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Short stable key, e.g. `jyj`.
    pub key: String,
    /// Full name, e.g. `市教育局`.
    pub name: String,
    /// What people actually say: `教育局`, `發改委`.
    pub abbreviations: Vec<String>,
    /// The office's main number.
    pub phone: String,
    /// 機關代字 for its documents, if it issues any.
    pub doc_prefix: String,
}

/// A person in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Store-assigned id.
    pub id: u64,
    /// Full name.
    pub name: String,
    /// Unit key.
    pub unit: String,
    /// Post, e.g. `科長`.
    pub title: String,
    /// Numbers, office and mobile.
    pub phones: Vec<String>,
    /// Free notes.
    pub notes: String,
}

/// A login account, mapped from a Unix uid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Unix login name.
    pub login: String,
    /// Unix uid the daemon sees on the socket.
    pub uid: u32,
    /// Name shown to others.
    pub display: String,
    /// Unit key or name.
    pub unit: String,
    /// What they may do.
    pub role: Role,
    /// The highest classification they may see.
    pub clearance: Classification,
    /// A disabled user is refused at connect.
    pub disabled: bool,
}

impl User {
    /// Whether this user may see an item of `c` at all.
    pub fn may_see(&self, c: Classification) -> bool {
        c <= self.clearance
    }

    /// Checks the record's own rules.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.login.trim().is_empty() {
            return Err(ValidationError::new("login", "must not be empty"));
        }
        if self
            .login
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(ValidationError::new(
                "login",
                "no spaces or control characters",
            ));
        }
        Ok(())
    }
}
