//! Group commit: one disk flush at a time, each covering every batch
//! applied before it began, so writers whose batches were applied while
//! another's flush ran share the next flush instead of each sealing a small
//! log buffer of its own and syncing it.
//!
//! sled 0.34 holds a global lock shared for the whole of a flush, and
//! `apply_batch` takes it exclusively: no batch is applied while a flush
//! runs, and while an `apply_batch` waits for it every sled read waits
//! too (the lock lets no reader past a waiting writer). So a writer waits
//! for a running flush here ([`GroupFlush::wait_idle`]), on our own lock,
//! before it applies: the flush still holds it up, but not every reader.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The flushing lock and what the flushes have covered.
#[derive(Default)]
pub(super) struct GroupFlush {
    /// How many batches are applied: the next one's number (counted under
    /// the writer lock, so numbers follow the order batches were applied
    /// in, which is also the order they publish in).
    applied: AtomicU64,
    /// Batches numbered below this are on disk; held while flushing.
    durable: Mutex<u64>,
}

impl GroupFlush {
    /// Returns once no flush is running (a flush may start right after;
    /// this only keeps writers from queueing inside sled's lock).
    pub(super) fn wait_idle(&self) {
        drop(self.durable.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// A batch is applied: its number (called under the writer lock).
    pub(super) fn applied(&self) -> u64 {
        self.applied.fetch_add(1, Ordering::AcqRel)
    }

    /// Returns once batch `n` is on disk: at once when a flush that began
    /// after it was applied has finished, else after running `flush` (which
    /// makes everything applied so far durable) itself.
    pub(super) fn flush<E>(&self, n: u64, flush: impl FnOnce() -> Result<(), E>) -> Result<(), E> {
        let mut durable = self.durable.lock().unwrap_or_else(|p| p.into_inner());
        if *durable > n {
            return Ok(());
        }
        let covers = self.applied.load(Ordering::Acquire);
        flush()?;
        *durable = (*durable).max(covers);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A flush that counts itself, or fails.
    fn counted(n: &Cell<u32>, ok: bool) -> impl FnOnce() -> Result<(), &'static str> + '_ {
        move || {
            n.set(n.get() + 1);
            if ok {
                Ok(())
            } else {
                Err("disk full")
            }
        }
    }

    #[test]
    fn a_flush_covers_every_batch_applied_before_it_began_and_no_later_one() {
        let g = GroupFlush::default();
        let flushes = Cell::new(0);
        for n in 0..3 {
            assert_eq!(g.applied(), n);
        }
        g.flush(0, counted(&flushes, true)).unwrap();
        // 1 and 2 were applied before that flush began: covered.
        g.flush(1, counted(&flushes, true)).unwrap();
        g.flush(2, counted(&flushes, true)).unwrap();
        assert_eq!(flushes.get(), 1);
        // 3 came after: it needs a flush of its own.
        assert_eq!(g.applied(), 3);
        g.flush(3, counted(&flushes, true)).unwrap();
        assert_eq!(flushes.get(), 2);
    }

    #[test]
    fn a_failed_flush_covers_nothing() {
        let g = GroupFlush::default();
        let flushes = Cell::new(0);
        assert_eq!(g.applied(), 0);
        assert_eq!(g.flush(0, counted(&flushes, false)), Err("disk full"));
        g.flush(0, counted(&flushes, true)).unwrap();
        assert_eq!(
            flushes.get(),
            2,
            "the write whose flush failed is not taken as durable"
        );
    }
}
