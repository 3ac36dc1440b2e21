//! A workflow refusal as it crosses the socket: the English message the CLI
//! prints, the verb refused, and why as data ([`Why`]), so a workbench
//! connected to the daemon says it in the clerk's language as a local one
//! does. `RuleError` holds `&'static` verbs and cannot be decoded; this can.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::reason::{Lack, Reason};
use super::{Kind, Role, RuleError, Status};

/// Why a rule refused, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Why {
    /// No such move from the item's status.
    NotAllowed {
        /// The item's kind.
        kind: Kind,
        /// Its status.
        from: Status,
        /// The status asked for.
        to: Status,
    },
    /// Not for this role.
    WrongRole {
        /// The user's role.
        role: Role,
        /// Who may.
        roles: Vec<Role>,
    },
    /// Something needed is missing.
    Missing(Lack),
    /// Something stands in the way.
    Refused(Reason),
}

/// A refusal: its English message, the verb (empty when none) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// What the CLI prints, in English.
    pub message: String,
    /// The verb refused (`簽發`, `進展`); empty for a refusal of no verb.
    pub action: String,
    /// Why, as data.
    pub why: Why,
}

impl Refusal {
    /// A refusal `core` makes itself; with no verb the message is the reason alone.
    pub fn new(action: &str, reason: Reason) -> Refusal {
        let message = if action.is_empty() {
            reason.to_string()
        } else {
            format!("{action}: {reason}")
        };
        Refusal {
            message,
            action: action.to_string(),
            why: Why::Refused(reason),
        }
    }

    /// A refusal in English words only (nothing a clerk normally meets).
    pub fn other(message: impl Into<String>) -> Refusal {
        Refusal::new("", Reason::Other(message.into()))
    }
}

impl From<RuleError> for Refusal {
    fn from(e: RuleError) -> Refusal {
        let message = e.to_string();
        let (action, why) = match e {
            RuleError::NotAllowed { kind, from, to, .. } => {
                (String::new(), Why::NotAllowed { kind, from, to })
            }
            RuleError::WrongRole {
                action,
                role,
                roles,
            } => (
                action.to_string(),
                Why::WrongRole {
                    role,
                    roles: roles
                        .split('/')
                        .filter_map(|r| Role::parse(r).ok())
                        .collect(),
                },
            ),
            RuleError::Missing { action, what } => (action.to_string(), Why::Missing(what)),
            RuleError::Refused { action, reason } => (action.to_string(), Why::Refused(reason)),
        };
        Refusal {
            message,
            action,
            why,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::ops::Deref for Refusal {
    type Target = str;

    fn deref(&self) -> &str {
        &self.message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_error_keeps_its_english_and_its_particulars() {
        let e = RuleError::refused(
            "簽發",
            Reason::GatesPending {
                gates: vec![crate::model::Gate::ALL[0]],
            },
        );
        let r = Refusal::from(e.clone());
        assert_eq!(r.message, e.to_string());
        assert_eq!(r.action, "簽發");
        assert!(matches!(&r.why, Why::Refused(Reason::GatesPending { gates }) if gates.len() == 1));
        let e = RuleError::WrongRole {
            action: "批辦",
            role: Role::Clerk,
            roles: "管理員/主任/領導".into(),
        };
        let Why::WrongRole { roles, .. } = Refusal::from(e).why else {
            panic!("not a role refusal")
        };
        assert_eq!(roles, vec![Role::Admin, Role::Director, Role::Leader]);
    }

    #[test]
    fn a_refusal_of_no_verb_is_its_reason_alone() {
        let r = Refusal::new("", Reason::SelfLink);
        assert_eq!(r.to_string(), "an item cannot be linked to itself");
        let r = Refusal::new("編號", Reason::Renumber);
        assert!(r.starts_with("編號: this document"), "{r}");
    }
}
