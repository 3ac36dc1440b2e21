//! The cold start's two heavy passes, spread over the machine's cores:
//! decoding every item into its row, and working out every row's search
//! document. The daemon pays them on every start (DESIGN §5: ≤ 2 s at
//! 100k), and both are pure per item, so each core takes its own share;
//! only filing the documents into the index stays on one thread.

use std::sync::mpsc::sync_channel;

use crate::model::{ItemId, Unit};
use crate::search::{Index, Prepared};
use crate::store::Store;

use super::engine::row_doc;
use super::rows::{PackedRow, RowTable};
use super::{Result, Row};

/// Documents worked out per hand-over: small enough that the documents in
/// flight cost little memory, large enough that the hand-overs cost nothing.
const CHUNK: usize = 2048;

/// Below this many items one thread does it all (tests, small offices).
const PARALLEL_FROM: usize = 4096;

/// How many threads share a pass over `len` records.
fn threads_for(len: usize) -> usize {
    if len < PARALLEL_FROM {
        1
    } else {
        crate::cores::available(4)
    }
}

/// Every item's row, read from disjoint id ranges at once.
pub(super) fn rows(store: &Store) -> Result<RowTable> {
    let last = store.last_item_id()?.unwrap_or(0);
    rows_in_parts(store, last, threads_for(last as usize) as u64)
}

/// [`rows`] read in `parts` ranges of ids up to `last`.
fn rows_in_parts(store: &Store, last: ItemId, parts: u64) -> Result<RowTable> {
    let mut all = Vec::with_capacity(last as usize);
    for p in read_parts(store, last, parts)? {
        all.extend(p);
    }
    Ok(RowTable::from_rows(all))
}

/// The rows of each of `parts` ranges of ids up to `last`, in id order.
fn read_parts(store: &Store, last: ItemId, parts: u64) -> Result<Vec<Vec<PackedRow>>> {
    let step = last / parts + 1;
    let read = |p: u64| -> Result<Vec<PackedRow>> {
        let from = p * step;
        let below = (p + 1 < parts).then_some((p + 1) * step);
        store
            .items_in(from, below)
            .map(|it| Ok(PackedRow::of(&Row::of(&it?))))
            .collect()
    };
    crate::cores::each(parts as usize, |p| read(p as u64))
        .into_iter()
        .collect()
}

/// Files the documents of `order`'s rows into `ix` in that order, the
/// documents worked out by worker threads a chunk at a time.
pub(super) fn index_rows(ix: &mut Index, rows: &RowTable, order: &[ItemId], units: &[Unit]) {
    index_rows_by(ix, rows, order, units, threads_for(order.len()), CHUNK);
}

/// [`index_rows`] with `n` workers handing over `chunk` documents at a time.
fn index_rows_by(
    ix: &mut Index,
    rows: &RowTable,
    order: &[ItemId],
    units: &[Unit],
    n: usize,
    chunk: usize,
) {
    let prepare = |ids: &[ItemId]| -> Vec<Prepared> {
        ids.iter()
            .map(|id| Index::prepare(row_doc(&rows[id].row(), units)))
            .collect()
    };
    if n == 1 {
        for d in prepare(order) {
            ix.insert(d);
        }
        return;
    }
    let chunks: Vec<&[ItemId]> = order.chunks(chunk).collect();
    std::thread::scope(|s| {
        // Worker w prepares chunks w, w + n, …; each has its own bounded
        // channel, so the filer takes them back in order.
        let receivers: Vec<_> = (0..n)
            .map(|w| {
                let (tx, rx) = sync_channel::<Vec<Prepared>>(1);
                let mine: Vec<&[ItemId]> = chunks.iter().skip(w).step_by(n).copied().collect();
                let prepare = &prepare;
                s.spawn(move || {
                    for c in mine {
                        if tx.send(prepare(c)).is_err() {
                            return;
                        }
                    }
                });
                rx
            })
            .collect();
        for i in 0..chunks.len() {
            let docs = receivers[i % n]
                .recv()
                .expect("a document worker stopped early");
            for d in docs {
                ix.insert(d);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Clock, Core, Engine, Service};
    use crate::model::{Classification, Item, Kind, WorkCalendar};

    /// An engine over a fresh folder holding `n` requests.
    fn engine_with(n: usize) -> (tempfile::TempDir, std::sync::Arc<Engine>) {
        let dir = tempfile::tempdir().unwrap();
        let now = 1_796_000_000;
        let engine = Engine::open(
            dir.path(),
            8 << 20,
            WorkCalendar::builtin(),
            Clock::Fixed(now),
        )
        .unwrap();
        let admin = Core::for_uid(engine.clone(), 1000, "admin").unwrap();
        let items = (0..n)
            .map(|i| {
                let at = now - (i as i64 % 7) * 100;
                let mut it = Item::new(Kind::Inbox, format!("第{i}號來電 關於路燈"), "admin", at);
                it.updated = at;
                it
            })
            .collect();
        admin.create_many(items).unwrap();
        (dir, engine)
    }

    #[test]
    fn rows_read_in_several_ranges_are_the_rows_read_in_one() {
        let (_dir, engine) = engine_with(40);
        let last = engine.store.last_item_id().unwrap().unwrap();
        assert_eq!(last, 40);
        let one = rows_in_parts(&engine.store, last, 1).unwrap();
        for parts in [1, 2, 3, 7, 40, 64] {
            // Every id once, in order, before the table could sort or
            // drop a copy.
            let ids: Vec<ItemId> = read_parts(&engine.store, last, parts)
                .unwrap()
                .concat()
                .iter()
                .map(|r| r.id())
                .collect();
            assert_eq!(ids, (1..=last).collect::<Vec<_>>(), "{parts} ranges");
        }
        for parts in [2, 3, 7, 40, 64] {
            let many = rows_in_parts(&engine.store, last, parts).unwrap();
            assert_eq!(
                many.values().map(PackedRow::row).collect::<Vec<_>>(),
                one.values().map(PackedRow::row).collect::<Vec<_>>(),
                "{parts} ranges"
            );
        }
        assert_eq!(one.values().count(), 40);
    }

    #[test]
    fn documents_prepared_by_several_workers_are_filed_in_the_given_order() {
        let (_dir, engine) = engine_with(40);
        let last = engine.store.last_item_id().unwrap().unwrap();
        let rows = rows_in_parts(&engine.store, last, 1).unwrap();
        let mut order: Vec<ItemId> = rows.values().map(|r| r.id()).collect();
        order.reverse();
        let units = engine.unit_names.read().unwrap().clone();
        let mut alone = Index::new();
        index_rows_by(&mut alone, &rows, &order, &units, 1, CHUNK);
        for (n, chunk) in [(2, 1), (3, 4), (4, 7)] {
            let mut shared = Index::new();
            index_rows_by(&mut shared, &rows, &order, &units, n, chunk);
            assert_eq!(
                shared.entry_targets(),
                alone.entry_targets(),
                "{n} workers, chunks of {chunk}: entries filed in the order given"
            );
            assert_eq!(shared.text_bytes(), alone.text_bytes());
            for q in ["路燈", "ld", "第17號", "收"] {
                let a: Vec<_> = alone
                    .search(q, Classification::Secret, 50)
                    .into_iter()
                    .map(|h| h.target)
                    .collect();
                let b: Vec<_> = shared
                    .search(q, Classification::Secret, 50)
                    .into_iter()
                    .map(|h| h.target)
                    .collect();
                assert_eq!(a, b, "{q} with {n} workers, chunks of {chunk}");
            }
        }
    }
}
