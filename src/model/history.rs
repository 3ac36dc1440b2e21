//! The append-only record of who changed what and when.

use serde::{Deserialize, Serialize};

use super::{ItemId, Timestamp};

/// One field's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Field name (see `fields.rs`).
    pub field: String,
    /// Value before, as text.
    pub before: String,
    /// Value after, as text.
    pub after: String,
}

/// One write to an item: every field it changed, by whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The item.
    pub item: ItemId,
    /// The version this write produced.
    pub version: u64,
    /// When.
    pub at: Timestamp,
    /// Login of the writer.
    pub by: String,
    /// What kind of write: `建立`, `修改`, a workflow verb such as `登記`, `撤銷`.
    pub action: String,
    /// The note given with it (a reason, a result), if any.
    pub note: String,
    /// The fields changed.
    pub changes: Vec<Change>,
}

/// An entry of the audit trail: writes and reads of classified items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: Timestamp,
    /// Login.
    pub user: String,
    /// `read`, `write`, `export`, `denied` …
    pub action: String,
    /// The item, if one.
    pub item: Option<ItemId>,
    /// Details.
    pub detail: String,
}

/// Compares two items field by field (by the names in `fields.rs`).
pub fn diff(before: &super::Item, after: &super::Item) -> Vec<Change> {
    super::fields::FIELDS
        .iter()
        .filter(|f| !matches!(f.name, "version" | "updated" | "updated_by"))
        .filter_map(|f| {
            let a = before.get(f.name);
            let b = after.get(f.name);
            (a != b).then(|| Change {
                field: f.name.to_string(),
                before: a.unwrap_or_default(),
                after: b.unwrap_or_default(),
            })
        })
        .collect()
}

/// The fields a new item was created with: every editable field of its kind
/// whose value differs from a blank item's.
pub fn created(it: &super::Item) -> Vec<Change> {
    let blank = super::Item::new(it.kind, String::new(), "", 0);
    super::fields::fields_of(it.kind)
        .filter(|f| !f.system || matches!(f.name, "status" | "code"))
        .filter_map(|f| {
            let after = it.get(f.name)?;
            let before = blank.get(f.name).unwrap_or_default();
            (after != before).then(|| Change {
                field: f.name.to_string(),
                before,
                after,
            })
        })
        .collect()
}
