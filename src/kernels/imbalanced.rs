//! `imbalanced`: items whose cost grows steeply with their index (as the cube), scheduled two
//! ways. `Static` cuts the items into one equal block per thread, the way a naive split or
//! `Pool.map` with large chunks does: the thread holding the last block does most of the work
//! while the others wait. `Stealing` hands items out one at a time through rayon's work
//! stealing, so idle threads take work from busy ones.

use crate::trace::task;
use rayon::prelude::*;

use super::spin::{jump, seed, spin};

/// How items are handed to threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// One contiguous, equal block of items per thread.
    Static,
    /// Items one at a time, idle threads stealing from busy ones.
    Stealing,
}

/// Steps for item `index` of `items` when all items together take about `work` steps:
/// proportional to (index + 1)^3.
pub fn cost(index: u64, items: u64, work: u64) -> u64 {
    // Sum of (i+1)^3 for i < n is (n(n+1)/2)^2.
    let n = items as f64;
    let total = (n * (n + 1.0) / 2.0).powi(2);
    ((work as f64) * ((index + 1) as f64).powi(3) / total).round() as u64
}

#[inline(never)] // a fresh call per item: see `kernels` on V8 tiering
fn item(index: u64, items: u64, work: u64) -> u64 {
    spin(seed(index), cost(index, items, work))
}

/// Runs all items on the current rayon pool with `schedule`; the result does not depend on it.
pub fn run(items: u64, work: u64, schedule: Schedule) -> u64 {
    match schedule {
        Schedule::Stealing => (0..items as usize)
            .into_par_iter()
            .with_max_len(1)
            .map(|i| task(|| item(i as u64, items, work)))
            .reduce(|| 0, u64::wrapping_add),
        Schedule::Static => {
            // Each pool thread runs its own block: `broadcast` calls this once on every thread
            // with its index. Blocks handed out as parallel tasks instead are not static: with
            // little work, the first thread finishes its block and takes the next before the
            // other thread has woken up, and one thread runs them all (a newcomer saw
            // "Thread 1: 0 tasks" at 64 items of 2e7 steps).
            let threads = rayon::current_num_threads() as u64;
            let block = items.div_ceil(threads).max(1);
            rayon::broadcast(|context| {
                let t = context.index() as u64;
                let range = (t * block).min(items)..((t + 1) * block).min(items);
                range.map(|i| task(|| item(i, items, work))).fold(0u64, u64::wrapping_add)
            })
            .into_iter()
            .fold(0, u64::wrapping_add)
        }
    }
}

/// The result of [`run`] from the closed form.
pub fn expected(items: u64, work: u64) -> u64 {
    (0..items).map(|i| jump(seed(i), cost(i, items, work))).fold(0, u64::wrapping_add)
}

/// The share of all work in the last of `threads` equal blocks: what bounds the static schedule.
pub fn last_block_share(items: u64, threads: u64) -> f64 {
    let block = items.div_ceil(threads);
    let start = block * (threads - 1);
    let part: u64 = (start.min(items)..items).map(|i| (i + 1).pow(3)).sum();
    let all: u64 = (0..items).map(|i| (i + 1).pow(3)).sum();
    part as f64 / all as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_add_up_to_the_work_and_grow() {
        let total: u64 = (0..100).map(|i| cost(i, 100, 1_000_000)).sum();
        assert!((total as i64 - 1_000_000).abs() < 100, "{total}");
        assert!(cost(99, 100, 1_000_000) > 100 * cost(9, 100, 1_000_000));
    }

    #[test]
    fn both_schedules_equal_the_closed_form_on_one_to_four_threads() {
        for (items, work) in [(0, 1000), (1, 1000), (7, 100_000), (64, 1_000_000)] {
            let expected = expected(items, work);
            for threads in 1..=4 {
                let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                for schedule in [Schedule::Static, Schedule::Stealing] {
                    assert_eq!(
                        pool.install(|| run(items, work, schedule)),
                        expected,
                        "{items} items {schedule:?} {threads}t"
                    );
                }
            }
        }
    }

    #[test]
    fn static_gives_every_thread_exactly_its_own_block() {
        // No work per item and a pool gone idle (its threads asleep) before each run: the thread
        // that starts finishes its block long before another wakes, and could take the next
        // one. Each thread must still run exactly its own block.
        let (items, threads) = (64, 2);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        for _ in 0..20 {
            std::thread::sleep(std::time::Duration::from_millis(5));
            let (_, timeline) = pool.install(|| crate::trace::record_run(|| run(items, 0, Schedule::Static)));
            let per_thread: Vec<u64> = (0..threads)
                .map(|t| timeline.spans.iter().filter(|s| s.thread == Some(t)).map(|s| s.tasks).sum())
                .collect();
            assert_eq!(per_thread, [32, 32]);
        }
    }

    #[test]
    fn the_last_static_block_carries_most_of_the_work() {
        // With two threads the second half of the items holds 15/16 of the cubic cost.
        assert!((last_block_share(1000, 2) - 0.9375).abs() < 0.01);
    }
}
