//! The rows the open dashboard counts, kept current from pushed changes:
//! each pushed item's row replaces the one held (or leaves, once the item
//! is closed), unless a newer version of it is known already.

use std::collections::HashMap;

use crate::core::Row;
use crate::model::{ItemId, Kind};

/// Whether the dashboard counts a row: open items (due, overdue) and every
/// 收件 (the intake counts closed ones too).
fn counted(r: &Row) -> bool {
    r.status.is_open() || r.kind == Kind::Inbox
}

/// The rows the dashboard counts, and the version at which each item it
/// took out (closed) left, so that an older push of it changes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Rows {
    /// The rows counted, by item.
    pub(super) live: HashMap<ItemId, Row>,
    gone: HashMap<ItemId, u64>,
}

impl Rows {
    /// The rows of an answer.
    pub(super) fn of(rows: Vec<Row>) -> Rows {
        Rows {
            live: rows.into_iter().map(|r| (r.id, r)).collect(),
            gone: HashMap::new(),
        }
    }

    /// Puts a pushed row in unless a newer version of it is known: in, when
    /// the dashboard counts it, else out. Whether the counted rows changed.
    pub(super) fn place(&mut self, row: Row) -> bool {
        let known = self
            .live
            .get(&row.id)
            .map(|r| r.version)
            .or_else(|| self.gone.get(&row.id).copied());
        if known.is_some_and(|v| v >= row.version) {
            return false;
        }
        if counted(&row) {
            self.gone.remove(&row.id);
            self.live.insert(row.id, row);
            true
        } else {
            self.gone.insert(row.id, row.version);
            self.live.remove(&row.id).is_some()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Status};

    fn row(id: ItemId, kind: Kind, status: Status, version: u64) -> Row {
        let mut it = Item::new(kind, "t", "", 0);
        it.id = id;
        it.status = status;
        it.version = version;
        Row::of(&it)
    }

    #[test]
    fn newer_rows_go_in_closed_ones_leave_and_older_ones_change_nothing() {
        let mut rows = Rows::of(vec![row(1, Kind::Incoming, Status::Handling, 3)]);
        // Older or the same version: nothing.
        assert!(!rows.place(row(1, Kind::Incoming, Status::Urging, 3)));
        assert!(!rows.place(row(1, Kind::Incoming, Status::Completed, 2)));
        assert_eq!(rows.live[&1].status, Status::Handling);
        // Closed: out; an older open version after that stays out.
        assert!(rows.place(row(1, Kind::Incoming, Status::Completed, 4)));
        assert!(rows.live.is_empty());
        assert!(!rows.place(row(1, Kind::Incoming, Status::Handling, 3)));
        assert!(rows.live.is_empty());
        // Reopened later: back in.
        assert!(rows.place(row(1, Kind::Incoming, Status::Handling, 5)));
        assert_eq!(rows.live[&1].version, 5);
        // A closed item never held: nothing to take out. A closed 收件 counts.
        assert!(!rows.place(row(2, Kind::Affair, Status::Completed, 1)));
        assert!(rows.place(row(3, Kind::Inbox, Status::Closed, 2)));
        assert_eq!(rows.live.len(), 2);
    }
}
