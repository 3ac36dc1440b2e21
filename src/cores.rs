//! Work shared over the machine's cores, for the passes that are pure per
//! record and big enough to pay for threads (the cold start, a long intake
//! file): each part on its own scoped thread, results in part order.

/// How many threads a pass may use: the cores there are, at most `max`.
pub(crate) fn available(max: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, max.max(1))
}

/// `f(0)`, …, `f(parts - 1)`, each on its own thread (in line for one
/// part); a part's panic is the caller's.
pub(crate) fn each<U: Send>(parts: usize, f: impl Fn(usize) -> U + Sync) -> Vec<U> {
    if parts <= 1 {
        return (0..parts.max(1)).map(&f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..parts).map(|p| s.spawn(move || f(p))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_in_order_on_as_many_threads_as_asked() {
        for parts in [0, 1, 2, 5] {
            let got = each(parts, |p| (p, std::thread::current().id()));
            assert_eq!(
                got.iter().map(|g| g.0).collect::<Vec<_>>(),
                (0..parts.max(1)).collect::<Vec<_>>()
            );
            let threads: std::collections::HashSet<_> = got.iter().map(|g| g.1).collect();
            assert_eq!(threads.len(), parts.max(1));
        }
        assert!((1..=3).contains(&available(3)));
    }

    #[test]
    #[should_panic(expected = "part 1 failed")]
    fn a_part_that_panics_panics_the_caller() {
        each(3, |p| assert_ne!(p, 1, "part 1 failed"));
    }
}
