//! The engine's list rows, one per item, kept in id order in one flat vector.
//!
//! Lists, counts and search answers are built from these rows, so they stay
//! in memory for every item. A `BTreeMap` would hold them in half-full nodes
//! (≈ 40 MiB at 100k items); ids are handed out in ascending order, so a
//! sorted vector takes about half that, appends in O(1) and finds by binary
//! search.

use crate::model::ItemId;

use super::Row;

/// Every item's row, sorted by id.
#[derive(Debug, Default)]
pub struct RowTable {
    rows: Vec<Row>,
}

impl RowTable {
    /// An empty table.
    pub fn new() -> RowTable {
        RowTable::default()
    }

    /// The table of rows given in any order (the last row of an id wins).
    pub fn from_rows(mut rows: Vec<Row>) -> RowTable {
        rows.sort_by_key(|r| r.id);
        rows.dedup_by(|later, earlier| {
            let same = later.id == earlier.id;
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        rows.shrink_to_fit();
        RowTable { rows }
    }

    /// The row of an item.
    pub fn get(&self, id: &ItemId) -> Option<&Row> {
        self.rows
            .binary_search_by_key(id, |r| r.id)
            .ok()
            .map(|i| &self.rows[i])
    }

    /// Adds or replaces an item's row.
    pub fn insert(&mut self, row: Row) {
        match self.rows.last() {
            Some(last) if last.id >= row.id => {
                match self.rows.binary_search_by_key(&row.id, |r| r.id) {
                    Ok(i) => self.rows[i] = row,
                    Err(i) => self.rows.insert(i, row),
                }
            }
            _ => self.rows.push(row),
        }
    }

    /// Every row, in id order.
    pub fn values(&self) -> std::slice::Iter<'_, Row> {
        self.rows.iter()
    }
}

impl std::ops::Index<&ItemId> for RowTable {
    type Output = Row;

    fn index(&self, id: &ItemId) -> &Row {
        self.get(id).expect("a row for every indexed item")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Kind};

    fn row(id: ItemId, title: &str) -> Row {
        let mut it = Item::new(Kind::Inbox, title, "t", 0);
        it.id = id;
        Row::of(&it)
    }

    #[test]
    fn keeps_id_order_and_replaces_by_id() {
        let mut t = RowTable::from_rows(vec![row(5, "e"), row(1, "a"), row(3, "c"), row(3, "c2")]);
        assert_eq!(t.values().map(|r| r.id).collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(t[&3].title, "c2", "the later row of an id wins");
        t.insert(row(9, "i"));
        t.insert(row(2, "b"));
        t.insert(row(5, "e2"));
        assert_eq!(
            t.values().map(|r| r.id).collect::<Vec<_>>(),
            [1, 2, 3, 5, 9]
        );
        assert_eq!(t.get(&5).map(|r| r.title.as_str()), Some("e2"));
        assert!(t.get(&4).is_none());
    }
}
