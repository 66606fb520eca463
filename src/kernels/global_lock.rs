//! `global-lock`: items of pure computation that, like Python code under CPython's global
//! interpreter lock (the GIL), may only be computed while holding one lock shared by every
//! thread. A thread holds the lock for `hold` items and then hands it on, as CPython's forced
//! switching does, so threads take turns and computation never runs on two cores at once.
//! Before each turn a thread may wait outside the lock, as a Python thread does for I/O with the
//! GIL released: those waits overlap, and that is the only part threads speed up.
//!
//! The lock is [`FairLock`], first come first served: a thread that releases it cannot take it
//! straight back while others wait, and waiting threads sleep rather than spin, so a queue of
//! threads costs no CPU. Each run makes its own lock and passes it to its tasks, so runs (and
//! tests running at the same time) never share one.

use std::ops::Range;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rayon::prelude::*;

use super::spin::{jump, seed, spin};
use super::{chunk_ranges, position_weight};
use crate::trace::{SpanKind, span, task};

/// Whether computing needs the process-wide lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lock {
    /// No lock: threads compute at the same time.
    None,
    /// One lock for the whole run, held while computing, as Python code holds the GIL.
    Global,
}

/// A fair (first come, first served) lock: a ticket lock built on a [`Mutex`] and a
/// [`Condvar`]. Each thread that asks takes the next ticket and sleeps on the condition variable
/// until its number is served; releasing serves the next number. A thread that releases and
/// asks again takes a new ticket behind every thread already waiting, which is what keeps
/// threads taking turns (a plain [`Mutex`] lets the releasing thread win again, since the
/// others are still waking up).
#[derive(Debug, Default)]
pub struct FairLock {
    tickets: Mutex<Tickets>,
    turn: Condvar,
}

#[derive(Debug, Default)]
struct Tickets {
    /// The ticket the next thread to ask will get.
    next: u64,
    /// The ticket that holds the lock, or may take it now.
    serving: u64,
}

/// Holding a [`FairLock`]; dropping it hands the lock to the next ticket.
#[derive(Debug)]
pub struct FairGuard<'a> {
    lock: &'a FairLock,
}

impl FairLock {
    /// A new, free lock.
    pub fn new() -> FairLock {
        FairLock::default()
    }

    /// The ticket counters. The inner mutex is held only to read or bump them, never across
    /// user code, so it cannot be poisoned by a panicking item; if it were, the counters are
    /// still consistent, so the poison is ignored.
    fn tickets(&self) -> MutexGuard<'_, Tickets> {
        self.tickets.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits (asleep, not spinning) until every thread that asked before has had its turn, then
    /// holds the lock until the guard is dropped.
    pub fn lock(&self) -> FairGuard<'_> {
        let mut tickets = self.tickets();
        let mine = tickets.next;
        tickets.next += 1;
        // Every waiter is woken at each release and all but one go back to sleep; with at most a
        // few dozen threads that is cheaper than a condition variable per ticket.
        let _served = self.turn.wait_while(tickets, |t| t.serving != mine).unwrap_or_else(PoisonError::into_inner);
        FairGuard { lock: self }
    }

    /// Threads that have asked for the lock and not yet been served, the holder excluded.
    pub fn queued(&self) -> u64 {
        let tickets = self.tickets();
        (tickets.next - tickets.serving).saturating_sub(1)
    }
}

impl Drop for FairGuard<'_> {
    fn drop(&mut self) {
        self.lock.tickets().serving += 1;
        self.lock.turn.notify_all();
    }
}

/// Item `index`'s contribution to the result: its `steps`-step chain, weighted by its position
/// so the result depends on every item and where it is.
#[inline(never)] // a fresh call per item: see `kernels` on V8 tiering
fn item(index: u64, steps: u64) -> u64 {
    spin(seed(index), steps).wrapping_mul(position_weight(index))
}

/// One task: the items of one block, one turn with the lock.
///
/// The wait outside the lock is `std::thread::sleep`. On wasm32 with atomics (this crate's wasm
/// build), the pinned nightly's std implements it in `library/std/src/sys/thread/wasm.rs` as
/// `memory.atomic.wait32` on a local that nobody notifies, with the duration as its timeout, so
/// the thread blocks for the whole time without spinning. That instruction may block on a Web
/// Worker only (on a page's main thread it traps); every rayon thread and the compute worker that
/// calls into the pool are Web Workers, so it works wherever these tasks run. The lock's
/// `Mutex` and `Condvar` block the same way (std's futex implementation for wasm).
fn block(items: Range<u64>, steps: u64, waiting_ms: f64, lock: Option<&FairLock>) -> u64 {
    if waiting_ms > 0.0 {
        let wait = Duration::from_secs_f64(waiting_ms * (items.end - items.start) as f64 / 1e3);
        span(SpanKind::Wait, || std::thread::sleep(wait));
    }
    let held = lock.map(|lock| span(SpanKind::Lock, || lock.lock()));
    // Each item is a task (a Work bar); recorded while the lock is held, so with the global
    // lock no two threads' Work bars overlap in time.
    let value = items.map(|i| task(|| item(i, steps))).fold(0, u64::wrapping_add);
    drop(held);
    value
}

/// Computes `items` items of `steps` steps each on the current rayon pool, in blocks of `hold`
/// items, one rayon task per block. Each block first waits `waiting_ms` per item outside any lock,
/// then computes its items, holding the run's global lock when `lock` is [`Lock::Global`]. The
/// result does not depend on the pool, `lock`, `hold` or `waiting_ms`.
pub fn run(items: u64, steps: u64, waiting_ms: f64, lock: Lock, hold: u64) -> u64 {
    let global = FairLock::new();
    let lock = match lock {
        Lock::None => None,
        Lock::Global => Some(&global),
    };
    chunk_ranges(items, hold.max(1))
        .with_max_len(1) // blocks are stolen one at a time
        .map(|block_items| block(block_items, steps, waiting_ms, lock))
        .reduce(|| 0, u64::wrapping_add)
}

/// The result of [`run`] from the closed form of each item's chain ([`jump`], no loop over steps).
pub fn expected(items: u64, steps: u64) -> u64 {
    (0..items).map(|i| jump(seed(i), steps).wrapping_mul(position_weight(i))).fold(0, u64::wrapping_add)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{Span, Timeline, record_run};
    use std::sync::Arc;
    use std::time::Instant;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
    }

    #[test]
    fn every_lock_and_hold_equals_the_closed_form_on_one_to_four_threads() {
        for (items, steps) in [(0, 1000), (1, 1000), (10, 5000), (37, 20_000)] {
            let expected = expected(items, steps);
            for threads in 1..=4 {
                let pool = pool(threads);
                for lock in [Lock::None, Lock::Global] {
                    for hold in [1, 2, 7, 64] {
                        let got = pool.install(|| run(items, steps, 0.0, lock, hold));
                        assert_eq!(got, expected, "{items} items {lock:?} hold {hold} {threads}t");
                    }
                }
            }
        }
    }

    #[test]
    fn waiting_changes_nothing_but_the_time() {
        let got = pool(3).install(|| run(12, 1000, 0.2, Lock::Global, 2));
        assert_eq!(got, expected(12, 1000));
    }

    #[test]
    fn the_result_sees_every_item_and_its_position() {
        let base = expected(5, 1000);
        assert_ne!(base, expected(4, 1000), "an item left out");
        assert_ne!(base, expected(5, 999), "a step left out");
        // Items 1 and 2 swapped:
        let swapped = (0..5u64)
            .map(|i| [0, 2, 1, 3, 4][i as usize])
            .enumerate()
            .map(|(pos, i)| jump(seed(i), 1000).wrapping_mul(position_weight(pos as u64)))
            .fold(0, u64::wrapping_add);
        assert_ne!(base, swapped);
    }

    /// The bars of one kind, on every thread.
    fn of_kind(timeline: &Timeline, kind: SpanKind) -> Vec<&Span> {
        timeline.spans.iter().filter(|s| s.kind == kind).collect()
    }

    /// With the global lock, computation is serialised: every Work bar is recorded while its
    /// thread holds the lock, from after it acquired it to before it released it, and the next
    /// holder acquires only after that release, so on the one monotonic clock no two threads'
    /// Work bars can overlap. With hold = 1 each bar is one item: a thread's bars are kept apart
    /// by the Lock bars between its turns (bars of different kinds never merge), so a bar never
    /// stretches over another thread's turn. Items of ~2 ms make a broken lock certain to show:
    /// four threads computing at once overlap whether they get a core each or share one.
    #[test]
    fn with_the_global_lock_no_two_threads_compute_at_once() {
        let (items, steps) = (24, 2_000_000);
        let (value, timeline) = pool(4).install(|| record_run(|| run(items, steps, 0.0, Lock::Global, 1)));
        assert_eq!(value, expected(items, steps));
        let work = of_kind(&timeline, SpanKind::Work);
        assert_eq!(work.iter().map(|s| s.tasks).sum::<u64>(), items, "every item recorded once");
        assert!(work.iter().all(|s| s.tasks == 1), "one item per turn with hold = 1");
        let lock_tasks: u64 = of_kind(&timeline, SpanKind::Lock).iter().map(|s| s.tasks).sum();
        assert_eq!(lock_tasks, items, "one Lock bar per turn");
        for (i, a) in work.iter().enumerate() {
            for b in &work[i + 1..] {
                if a.thread != b.thread {
                    assert!(a.end_ms <= b.start_ms || b.end_ms <= a.start_ms, "overlap: {a:?} and {b:?}");
                }
            }
        }
    }

    #[test]
    fn waiting_shows_as_wait_bars_of_at_least_the_time_asked() {
        for lock in [Lock::None, Lock::Global] {
            let (value, timeline) = pool(2).install(|| record_run(|| run(6, 1000, 1.0, lock, 2)));
            assert_eq!(value, expected(6, 1000));
            let waits = of_kind(&timeline, SpanKind::Wait);
            // Each wait is followed by a Lock or Work bar, so none merge: one per block of 2 items.
            assert_eq!(waits.len(), 3, "{lock:?}: {waits:?}");
            assert!(waits.iter().all(|s| s.end_ms - s.start_ms >= 1.999), "{lock:?}: sleep is at least 2 ms");
            assert_eq!(of_kind(&timeline, SpanKind::Lock).is_empty(), lock == Lock::None);
        }
    }

    #[test]
    fn without_waiting_there_are_no_wait_bars() {
        let (_, timeline) = pool(2).install(|| record_run(|| run(6, 1000, 0.0, Lock::Global, 1)));
        assert!(of_kind(&timeline, SpanKind::Wait).is_empty());
    }

    /// Blocks until `lock` has `count` threads queued. A test helper: threads get in line in
    /// their own time, and the tests below need to know the order they did.
    fn until_queued(lock: &FairLock, count: u64) {
        let start = Instant::now();
        while lock.queued() < count {
            assert!(start.elapsed() < Duration::from_secs(10), "no thread queued for the lock");
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn the_fair_lock_serves_in_order_and_a_releasing_thread_goes_to_the_back() {
        let lock = Arc::new(FairLock::new());
        let order = Arc::new(Mutex::new(Vec::new()));
        let held = lock.lock();
        let spawn = |name: &'static str| {
            let (lock, order) = (Arc::clone(&lock), Arc::clone(&order));
            std::thread::spawn(move || {
                let _held = lock.lock();
                order.lock().unwrap().push(name);
            })
        };
        let first = spawn("first");
        until_queued(&lock, 1);
        let second = spawn("second");
        until_queued(&lock, 2);
        // Release and ask again at once: both waiting threads are ahead of this one.
        drop(held);
        let again = lock.lock();
        order.lock().unwrap().push("releaser");
        drop(again);
        first.join().unwrap();
        second.join().unwrap();
        assert_eq!(*order.lock().unwrap(), ["first", "second", "releaser"]);
        assert_eq!(lock.queued(), 0);
    }
}
