//! 傳閱 outstanding: every 收文 copy out with a reader (a circulation entry
//! not yet given back), who holds it, since when, how many days, how often
//! it was asked back (催收). Pure over whatever items the caller holds, so
//! `shuniu circulation` and the workbench's 傳閱 view list the same rows.
//!
//! The rules, so a reader can count by hand:
//!
//! * **Out**: a circulation entry of a 收文 item whose `back` is `None`.
//! * **Days**: calendar days from the office-local day it was handed over
//!   to `today` (handed over today: 0).
//! * **Over N**: with `over_days > 0`, only copies out for more than N days;
//!   with 0, all of them.
//! * **Order**: longest out first (by the moment handed over); copies handed
//!   over at the same moment keep the items' order, then the entries'.

use chrono::NaiveDate;

use super::{time, Item, ItemId, KindData, Timestamp};

/// One copy out with a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Out {
    /// The item.
    pub id: ItemId,
    /// The item's version the row was read from (a 催收 names it).
    pub version: u64,
    /// The item's code.
    pub code: String,
    /// The item's title (untrusted: escape before showing).
    pub title: String,
    /// Who holds the copy (untrusted).
    pub holder: String,
    /// When it was handed over.
    pub since: Timestamp,
    /// Days out, as counted above.
    pub days: i64,
    /// How often it was asked back.
    pub chased: u32,
}

/// The copies of `it` out with a reader, in the entries' order, whatever
/// their days (for a caller that filters later).
pub fn of_item(it: &Item, today: NaiveDate) -> Vec<Out> {
    let KindData::Incoming(d) = &it.data else {
        return vec![];
    };
    d.circulation
        .iter()
        .filter(|c| c.back.is_none())
        .map(|c| Out {
            id: it.id,
            version: it.version,
            code: it.code.clone(),
            title: it.title.clone(),
            holder: c.holder.clone(),
            since: c.since,
            days: (today - time::local_date(c.since)).num_days(),
            chased: c.chased,
        })
        .collect()
}

/// Whether a row passes `over_days` (0: every row does).
pub fn passes(o: &Out, over_days: u32) -> bool {
    over_days == 0 || o.days > i64::from(over_days)
}

/// Every copy out with a reader for more than `over_days` days (0: all),
/// longest out first.
pub fn outstanding<'a, I>(items: I, today: NaiveDate, over_days: u32) -> Vec<Out>
where
    I: IntoIterator<Item = &'a Item>,
{
    let mut rows: Vec<Out> = items
        .into_iter()
        .flat_map(|it| of_item(it, today))
        .filter(|o| passes(o, over_days))
        .collect();
    sort(&mut rows);
    rows
}

/// Longest out first; ties keep their order (the sort is stable).
pub fn sort(rows: &mut [Out]) {
    rows.sort_by_key(|o| o.since);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Circulation, Kind};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn ts(day: NaiveDate, h: u32) -> Timestamp {
        time::from_local(day.and_hms_opt(h, 0, 0).unwrap())
    }

    fn circ(holder: &str, since: Timestamp, back: Option<Timestamp>, chased: u32) -> Circulation {
        Circulation {
            holder: holder.into(),
            by: "clerk".into(),
            since,
            back,
            chased,
            last_chased: None,
        }
    }

    fn incoming(id: ItemId, code: &str, out: Vec<Circulation>) -> Item {
        let mut it = Item::new(Kind::Incoming, format!("文{id}"), "clerk", ts(d(11, 1), 9));
        it.id = id;
        it.version = id + 10;
        it.code = code.into();
        if let KindData::Incoming(data) = &mut it.data {
            data.circulation = out;
        }
        it
    }

    /// Wednesday 2026-11-25.
    fn today() -> NaiveDate {
        d(11, 25)
    }

    fn office() -> Vec<Item> {
        vec![
            incoming(
                1,
                "SW-1",
                vec![
                    // out 5 days, chased twice
                    circ("王五", ts(d(11, 20), 15), None, 2),
                    // given back: not out
                    circ("趙六", ts(d(11, 2), 9), Some(ts(d(11, 3), 9)), 1),
                ],
            ),
            // out 10 days; late in the evening still counts its day
            incoming(2, "SW-2", vec![circ("李四", ts(d(11, 15), 23), None, 0)]),
            // handed over today: 0 days
            incoming(3, "SW-3", vec![circ("張三", ts(d(11, 25), 8), None, 0)]),
            // not 收文: never out, whatever it holds
            Item::new(Kind::Affair, "事", "clerk", 0),
        ]
    }

    fn view(rows: &[Out]) -> Vec<(&str, &str, i64, u32)> {
        rows.iter()
            .map(|o| (o.code.as_str(), o.holder.as_str(), o.days, o.chased))
            .collect()
    }

    #[test]
    fn lists_every_copy_out_longest_first() {
        let items = office();
        let rows = outstanding(&items, today(), 0);
        assert_eq!(
            view(&rows),
            vec![
                ("SW-2", "李四", 10, 0),
                ("SW-1", "王五", 5, 2),
                ("SW-3", "張三", 0, 0),
            ]
        );
        assert_eq!((rows[1].id, rows[1].version), (1, 11));
        assert_eq!(rows[1].title, "文1");
    }

    #[test]
    fn over_keeps_only_the_copies_out_longer() {
        let items = office();
        let codes = |n| {
            outstanding(&items, today(), n)
                .into_iter()
                .map(|o| o.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(4), vec!["SW-2", "SW-1"]);
        // exactly 5 days is not more than 5
        assert_eq!(codes(5), vec!["SW-2"]);
        assert_eq!(codes(10), Vec::<String>::new());
    }

    #[test]
    fn one_item_with_two_readers_gives_two_rows_in_hand_over_order() {
        let it = incoming(
            7,
            "SW-7",
            vec![
                circ("乙", ts(d(11, 24), 9), None, 0),
                circ("甲", ts(d(11, 23), 9), None, 1),
            ],
        );
        assert_eq!(of_item(&it, today()).len(), 2);
        let rows = outstanding([&it], today(), 0);
        assert_eq!(
            view(&rows),
            vec![("SW-7", "甲", 2, 1), ("SW-7", "乙", 1, 0)]
        );
    }

    #[test]
    fn nothing_out_is_no_rows() {
        let it = incoming(1, "SW-1", vec![]);
        assert!(outstanding([&it], today(), 0).is_empty());
        assert!(outstanding(std::iter::empty(), today(), 0).is_empty());
    }
}
