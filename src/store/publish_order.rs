//! Publishing writes in the order they were applied, once the writer lock
//! no longer covers the flush: each applied write takes a ticket under the
//! lock, and waits for its ticket's turn after its flush. Without this, of
//! two writes to one item the later could reach the index and the pushed
//! feeds first and be overwritten there by the earlier.

use std::collections::HashMap;
use std::sync::Mutex;
use std::thread::Thread;

/// The ticket whose turn it is, and who waits for which ticket: passing
/// the turn wakes only the next ticket's writer (waking every waiter for
/// each turn made a hundred clerks' writes mostly context switches).
#[derive(Default)]
pub(super) struct Turns {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    now: u64,
    waiting: HashMap<u64, Thread>,
}

/// An applied write's place in the order. Dropped unused (the write's
/// flush failed, or a panic unwound past it), it still takes its turn and
/// passes it on, or every later writer would wait for it.
pub(super) struct Ticket<'a> {
    turns: &'a Turns,
    ticket: u64,
    used: bool,
}

/// A write's turn to publish; the next ticket's turn comes when it drops,
/// also when publishing panics.
pub(super) struct Turn<'a> {
    turns: &'a Turns,
    ticket: u64,
}

impl Turns {
    /// The ticket of batch number `ticket`: numbers given out in the order
    /// batches were applied, from 0, none skipped (see `GroupFlush::applied`).
    pub(super) fn ticket(&self, ticket: u64) -> Ticket<'_> {
        Ticket {
            turns: self,
            ticket,
            used: false,
        }
    }

    fn wait_for(&self, ticket: u64) -> Turn<'_> {
        let mut st = self.lock();
        if st.now != ticket {
            st.waiting.insert(ticket, std::thread::current());
            while st.now != ticket {
                drop(st);
                std::thread::park();
                st = self.lock();
            }
            st.waiting.remove(&ticket);
        }
        Turn {
            turns: self,
            ticket,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl<'a> Ticket<'a> {
    /// Blocks until every earlier ticket has published.
    pub(super) fn wait(mut self) -> Turn<'a> {
        self.used = true;
        self.turns.wait_for(self.ticket)
    }
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        if !self.used {
            drop(self.turns.wait_for(self.ticket));
        }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut st = self.turns.lock();
        st.now = self.ticket + 1;
        if let Some(next) = st.waiting.get(&st.now) {
            next.unpark();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_come_in_ticket_order_whatever_order_the_writers_arrive_in() {
        let turns = Turns::default();
        let seen = Mutex::new(vec![]);
        let tickets: Vec<Ticket> = (0..6).map(|n| turns.ticket(n)).collect();
        std::thread::scope(|s| {
            // The later tickets start waiting first.
            for (n, t) in tickets.into_iter().enumerate().rev() {
                let seen = &seen;
                s.spawn(move || {
                    let _turn = t.wait();
                    seen.lock().unwrap().push(n);
                });
            }
        });
        assert_eq!(*seen.lock().unwrap(), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_ticket_dropped_unused_or_a_turn_that_panics_still_passes_on() {
        let turns = Turns::default();
        let (a, b, c) = (turns.ticket(0), turns.ticket(1), turns.ticket(2));
        drop(a); // its flush failed
        let r = std::thread::scope(|s| {
            s.spawn(move || {
                let _turn = b.wait();
                panic!("publishing failed");
            })
            .join()
        });
        assert!(r.is_err());
        let turn = c.wait();
        assert_eq!(turn.ticket, 2);
    }
}
