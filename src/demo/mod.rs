//! `shuniu demo`: a realistic city government to try the workbench on, and
//! the data set the benchmarks measure. Generation is deterministic: the same
//! seed and the same `now` give byte-identical data.
//!
//! The directory holds about forty units (局、委、辦、區縣) with six or so
//! people each; the items spread over the six kinds roughly as an office sees
//! them (收件 20%, 收文 25%, 發文 15%, 辦會 10%, 辦事 15%, 督查 15%).
//! Fixtures every demo script relies on: 張三 (quick find `zs`), 王建國,
//! 科長 of 市教育局 with a mobile ending in 1234 (the only number that does),
//! and the 收文 `市教育局關於校舍安全工作的請示`, 來文字號 `市教發〔2026〕45號`.

mod directory;
mod gen;
mod names;
mod titles;
mod topics;
mod units;
mod work;

#[cfg(test)]
mod tests;

use fastrand::Rng;

use crate::core::Service;
use crate::model::{Item, Kind, Person, Timestamp, Unit};

pub use directory::{WANG_JIANGUO, ZHANG_SAN};
pub use gen::{FIXTURE_REF, FIXTURE_TITLE};

/// How many items `load` writes per `create_many` call.
pub const CHUNK: usize = 5_000;

/// The share of each kind, in percent (the rest goes to 收文).
const SPREAD: &[(Kind, usize)] = &[
    (Kind::Inbox, 20),
    (Kind::Incoming, 25),
    (Kind::Outgoing, 15),
    (Kind::Meeting, 10),
    (Kind::Affair, 15),
    (Kind::Supervision, 15),
];

/// A generated office: the directory and the work items, ready to `load`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoData {
    /// The units of the city government.
    pub units: Vec<Unit>,
    /// The people of the directory (ids 0: the store allocates them).
    pub people: Vec<Person>,
    /// Work items, oldest first (id, code and version left for the store).
    pub items: Vec<Item>,
}

/// How many items of each kind `items` in all makes, in `SPREAD` order.
fn counts(items: usize) -> Vec<(Kind, usize)> {
    let mut v: Vec<(Kind, usize)> = SPREAD.iter().map(|(k, p)| (*k, items * p / 100)).collect();
    let given: usize = v.iter().map(|(_, n)| n).sum();
    v[1].1 += items - given;
    v
}

/// Generates `items` work items in all, spread over the six kinds, with
/// the directory they refer to. `now` is the clock: items were created in
/// the 90 days before it, deadlines and meetings are relative to it.
pub fn generate(items: usize, seed: u64, now: Timestamp) -> DemoData {
    let mut rng = Rng::with_seed(seed);
    let dir = directory::Directory::build(&mut rng);
    let mut g = gen::Gen::new(rng, &dir, now);
    let mut out = Vec::with_capacity(items);
    for (kind, n) in counts(items) {
        for i in 0..n {
            out.push(match kind {
                Kind::Inbox => g.inbox(),
                Kind::Incoming if i == 0 => g.fixture(),
                Kind::Incoming => g.incoming(),
                Kind::Outgoing => g.outgoing(),
                Kind::Meeting => g.meeting(),
                Kind::Affair => g.affair(),
                Kind::Supervision => g.supervision(),
            });
        }
    }
    g.number_meetings(&mut out);
    // Oldest first, so the store's codes grow with time; the sort is stable.
    out.sort_by_key(|it| it.created);
    DemoData {
        units: dir.units,
        people: dir.people,
        items: out,
    }
}

/// Writes `data` through `svc`: the directory first, then the items in
/// chunks of `CHUNK`. Returns the number of items created.
pub fn load(svc: &dyn Service, data: DemoData) -> crate::core::Result<usize> {
    svc.save_directory(data.units, data.people)?;
    let mut created = 0;
    let mut items = data.items.into_iter();
    loop {
        let chunk: Vec<Item> = items.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            return Ok(created);
        }
        created += svc.create_many(chunk)?.len();
    }
}
