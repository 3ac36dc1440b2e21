//! The engine's list rows, one per item, kept in id order in one flat vector.
//!
//! Lists, counts and search answers are built from these rows, so they stay
//! in memory for every item, and at 100k items they were the daemon's
//! largest holding. A `BTreeMap` would hold them in half-full nodes
//! (≈ 40 MiB at 100k items); ids are handed out in ascending order, so a
//! sorted vector appends in O(1) and finds by binary search. Each row keeps
//! its text (code, title, unit, handler, counterpart, references, phones) in
//! one allocation of its own ([`PackedRow`]) rather than a `String` per
//! field: a [`Row`] is 208 bytes and an allocation per text, a packed row
//! 56 bytes and one (≈ 260 bytes a row less at 100k items, measured).

use chrono::NaiveDate;

use crate::model::{Classification, ItemId, Kind, Status, Urgency};

use super::{Filter, Row};

/// The text fields every row has, in the order they are packed.
const FIXED: usize = 5;
const CODE: usize = 0;
const TITLE: usize = 1;
const UNIT: usize = 2;
const HANDLER: usize = 3;
const COUNTERPART: usize = 4;

/// One item's row as the engine holds it: the facts lists filter and sort
/// on kept as they are, the text packed into one buffer. `row()` gives the
/// [`Row`] that is shown and sent.
#[derive(Debug, Clone)]
pub struct PackedRow {
    id: ItemId,
    version: u64,
    updated: i64,
    created: i64,
    deadline: Option<NaiveDate>,
    kind: Kind,
    status: Status,
    urgency: Urgency,
    classification: Classification,
    /// `[references u32][phones u32][end of each text u32 …][the texts]`,
    /// the ends counted from the start of the texts.
    text: Box<[u8]>,
}

impl PackedRow {
    /// Packs a row.
    pub fn of(r: &Row) -> PackedRow {
        let texts: Vec<&str> = [
            r.code.as_str(),
            &r.title,
            &r.unit,
            &r.handler,
            &r.counterpart,
        ]
        .into_iter()
        .chain(r.references.iter().map(String::as_str))
        .chain(r.phones.iter().map(String::as_str))
        .collect();
        let header = 4 * (2 + texts.len());
        let len: usize = texts.iter().map(|t| t.len()).sum();
        let mut text = Vec::with_capacity(header + len);
        text.extend_from_slice(&count(r.references.len()).to_le_bytes());
        text.extend_from_slice(&count(r.phones.len()).to_le_bytes());
        let mut end = 0usize;
        for t in &texts {
            end += t.len();
            text.extend_from_slice(&count(end).to_le_bytes());
        }
        for t in &texts {
            text.extend_from_slice(t.as_bytes());
        }
        PackedRow {
            id: r.id,
            version: r.version,
            updated: r.updated,
            created: r.created,
            deadline: r.deadline,
            kind: r.kind,
            status: r.status,
            urgency: r.urgency,
            classification: r.classification,
            text: text.into_boxed_slice(),
        }
    }

    /// The row to show or send.
    pub fn row(&self) -> Row {
        let (refs, phones) = (self.word(0) as usize, self.word(1) as usize);
        let list =
            |from: usize, n: usize| (from..from + n).map(|i| self.str(i).to_string()).collect();
        Row {
            id: self.id,
            kind: self.kind,
            code: self.code().to_string(),
            title: self.title().to_string(),
            status: self.status,
            urgency: self.urgency,
            classification: self.classification,
            unit: self.unit().to_string(),
            handler: self.handler().to_string(),
            deadline: self.deadline,
            updated: self.updated,
            created: self.created,
            version: self.version,
            counterpart: self.counterpart().to_string(),
            references: list(FIXED, refs),
            phones: list(FIXED + refs, phones),
        }
    }

    /// The item.
    pub fn id(&self) -> ItemId {
        self.id
    }

    /// Its kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Where it stands.
    pub fn status(&self) -> Status {
        self.status
    }

    /// 密級.
    pub fn classification(&self) -> Classification {
        self.classification
    }

    /// Last change.
    pub fn updated(&self) -> i64 {
        self.updated
    }

    /// Its code.
    pub fn code(&self) -> &str {
        self.str(CODE)
    }

    /// Its title.
    pub fn title(&self) -> &str {
        self.str(TITLE)
    }

    /// Owning unit.
    pub fn unit(&self) -> &str {
        self.str(UNIT)
    }

    /// Handler.
    pub fn handler(&self) -> &str {
        self.str(HANDLER)
    }

    /// Sender, caller, chair or lead unit.
    pub fn counterpart(&self) -> &str {
        self.str(COUNTERPART)
    }

    /// Open and past its deadline on `today` (as [`Row::is_overdue`]).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        super::service::overdue(self.status, self.deadline, today)
    }

    /// Whether every condition of `f` but the text search holds.
    pub fn matches(&self, f: &Filter, today: NaiveDate) -> bool {
        f.kind.is_none_or(|k| self.kind == k)
            && f.status.is_none_or(|s| self.status == s)
            && f.unit
                .as_ref()
                .is_none_or(|u| self.unit().contains(u.as_str()))
            && f.handler
                .as_ref()
                .is_none_or(|h| self.handler().contains(h.as_str()))
            && (!f.overdue || self.is_overdue(today))
            && (!f.open || self.status.is_open())
    }

    /// The header's `i`th number.
    fn word(&self, i: usize) -> u32 {
        let b = &self.text[4 * i..4 * i + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The `i`th packed text.
    fn str(&self, i: usize) -> &str {
        let n = FIXED + self.word(0) as usize + self.word(1) as usize;
        let base = 4 * (2 + n);
        let start = if i == 0 {
            0
        } else {
            self.word(2 + i - 1) as usize
        };
        let end = self.word(2 + i) as usize;
        std::str::from_utf8(&self.text[base + start..base + end])
            .expect("a packed row's texts were packed whole from strings")
    }
}

/// A length as the header keeps it. No row's text comes near 4 GiB (a
/// record is at most `store::codec::MAX_RECORD`).
fn count(n: usize) -> u32 {
    u32::try_from(n).expect("a row's text under 4 GiB")
}

/// Every item's row, sorted by id.
#[derive(Debug, Default)]
pub struct RowTable {
    rows: Vec<PackedRow>,
}

impl RowTable {
    /// An empty table.
    pub fn new() -> RowTable {
        RowTable::default()
    }

    /// The table of rows given in any order (the last row of an id wins).
    pub fn from_rows(mut rows: Vec<PackedRow>) -> RowTable {
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
    pub fn get(&self, id: &ItemId) -> Option<&PackedRow> {
        self.rows
            .binary_search_by_key(id, |r| r.id)
            .ok()
            .map(|i| &self.rows[i])
    }

    /// Adds or replaces an item's row.
    pub fn insert(&mut self, row: &Row) {
        let row = PackedRow::of(row);
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
    pub fn values(&self) -> std::slice::Iter<'_, PackedRow> {
        self.rows.iter()
    }
}

impl std::ops::Index<&ItemId> for RowTable {
    type Output = PackedRow;

    fn index(&self, id: &ItemId) -> &PackedRow {
        self.get(id).expect("a row for every indexed item")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;

    fn row(id: ItemId, title: &str) -> PackedRow {
        let mut it = Item::new(Kind::Inbox, title, "t", 0);
        it.id = id;
        PackedRow::of(&Row::of(&it))
    }

    #[test]
    fn keeps_id_order_and_replaces_by_id() {
        let mut t = RowTable::from_rows(vec![row(5, "e"), row(1, "a"), row(3, "c"), row(3, "c2")]);
        assert_eq!(t.values().map(|r| r.id).collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(t[&3].title(), "c2", "the later row of an id wins");
        t.insert(&row(9, "i").row());
        t.insert(&row(2, "b").row());
        t.insert(&row(5, "e2").row());
        assert_eq!(
            t.values().map(|r| r.id).collect::<Vec<_>>(),
            [1, 2, 3, 5, 9]
        );
        assert_eq!(t.get(&5).map(|r| r.title()), Some("e2"));
        assert!(t.get(&4).is_none());
    }

    fn full_row() -> Row {
        Row {
            id: 42,
            kind: Kind::Incoming,
            code: "收2026-0042".into(),
            title: "關於\u{1b}[31m轉發\u{0}通知的請示".into(),
            status: Status::Circulating,
            urgency: Urgency::Urgent,
            classification: Classification::Confidential,
            unit: "市教育局".into(),
            handler: "張三".into(),
            deadline: NaiveDate::from_ymd_opt(2026, 12, 4),
            updated: 1_800_000_000,
            created: 1_790_000_000,
            version: 7,
            counterpart: "".into(),
            references: vec!["教發〔2026〕12號".into(), "".into(), "x".into()],
            phones: vec!["0571-87001234".into()],
        }
    }

    #[test]
    fn a_packed_row_gives_back_every_field_as_it_was() {
        let r = full_row();
        let p = PackedRow::of(&r);
        assert_eq!(p.row(), r);
        assert_eq!(
            (p.code(), p.title(), p.unit(), p.handler(), p.counterpart()),
            (r.code.as_str(), r.title.as_str(), "市教育局", "張三", "")
        );
        let bare = Row {
            references: vec![],
            phones: vec![],
            title: String::new(),
            ..r
        };
        assert_eq!(PackedRow::of(&bare).row(), bare);
    }

    #[test]
    fn a_packed_row_filters_and_counts_as_its_row_does() {
        let p = PackedRow::of(&full_row());
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let f = |unit: Option<&str>, handler: Option<&str>, kind, status, overdue, open| Filter {
            kind,
            status,
            unit: unit.map(String::from),
            handler: handler.map(String::from),
            overdue,
            open,
            ..Filter::default()
        };
        let circulating = Some(Status::Circulating);
        for (filter, kept) in [
            (f(None, None, None, None, false, false), true),
            (f(Some("教育"), None, None, None, false, false), true),
            (f(Some("財政"), None, None, None, false, false), false),
            (f(None, Some("張"), None, None, true, false), true),
            (f(None, Some("李"), None, None, false, false), false),
            (
                f(None, None, Some(Kind::Meeting), None, false, false),
                false,
            ),
            (
                f(None, None, Some(Kind::Incoming), circulating, false, true),
                true,
            ),
            (
                f(None, None, None, Some(Status::Archived), false, false),
                false,
            ),
        ] {
            assert_eq!(p.matches(&filter, today), kept, "{filter:?}");
        }
        let later = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert!(!p.matches(&f(None, None, None, None, true, false), later));
        assert!(p.is_overdue(today));
        assert!(!p.is_overdue(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()));
    }
}
