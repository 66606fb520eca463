//! `shared-counter`: every thread of the pool adds 1 to one shared counter, its even share of
//! `increments` times, in one of four ways. Three of them count exactly and cost very
//! differently; the fourth is the classic race and loses updates.
//!
//! Each pool thread runs exactly its share, by `rayon::broadcast` (work stealing would let one
//! thread take another's share and hide the contention): thread i of k does increments / k,
//! plus one more when i < increments % k.
//!
//! The race is written with atomics, a relaxed load followed by a separate relaxed store, so it
//! loses updates exactly as `counter += 1` on a plain shared variable would, without the
//! undefined behaviour of a data race. What the loops compile to (release build, checked with
//! `cargo rustc --release --lib -- --emit asm`, and the same with `--target wasm32-unknown-unknown
//! -Z build-std=panic_abort,std`):
//! - `add_unsynchronised`: x86-64 `incq (%rdi)` per increment, unrolled 4 times: a load, add and
//!   store of the shared word in one instruction without `lock`, so not atomic across cores.
//!   wasm: `i64.atomic.load`, `i64.add`, `i64.atomic.store` per increment (wasm's atomics are
//!   all sequentially consistent, so V8 makes the store an `xchg`: slower, and still two steps).
//!   Neither folds the loop into one `+= n`.
//! - `add_atomic`: `lock incq (%rdi)` / `i64.atomic.rmw.add` per increment, unrolled 8 times.
//! - `add_locked`: per increment, `lock cmpxchg` (lock; the futex path only when contended),
//!   `incq` of the value, `xchg` (unlock; a futex wake only when a thread waits).
//! - `add_local`: per increment, a store of the private count to the stack, the empty
//!   `black_box` asm, a load and an `inc`; one `lock addq` / `i64.atomic.rmw.add` at the end.

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Mutex, PoisonError};

use super::even_share;
use crate::trace::task;

/// How the threads add to the counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Read, add 1, write back as two separate steps (a relaxed atomic load, then a relaxed
    /// atomic store): two threads that read the same value both write value + 1, and one
    /// update is lost. No undefined behaviour: each step is atomic, the pair is not.
    Unsynchronised,
    /// One atomic read-modify-write per increment (`fetch_add`): exact, and every increment
    /// takes the counter's cache line from the thread that had it last.
    Atomic,
    /// A `std::sync::Mutex<u64>` locked around each increment: exact, and slower still.
    Mutex,
    /// Each thread counts privately and adds its total once at the end: exact, and no sharing
    /// until that one `fetch_add`.
    Local,
}

impl Mode {
    /// Every mode, in the order of the workload's `mode` choices.
    pub const ALL: [Mode; 4] = [Mode::Unsynchronised, Mode::Atomic, Mode::Mutex, Mode::Local];
}

/// Keeps its contents on a cache line of its own (128 bytes: two 64-byte lines, since x86
/// prefetches lines in pairs), so the counter shares its line with nothing else.
#[repr(align(128))]
#[derive(Debug, Default)]
struct Padded<T>(T);

/// What one count produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Threads that added to the counter (the pool's size).
    pub threads: u64,
    /// Increments asked for: the right total.
    pub expected: u64,
    /// The counter's final value.
    pub actual: u64,
}

impl Tally {
    /// Updates lost: expected − actual (negative only if something counted twice, a bug).
    pub fn lost(&self) -> i64 {
        self.expected as i64 - self.actual as i64
    }
}

// Each thread's share is one fresh call: see the module docs of `kernels` on V8's tiering.

#[inline(never)]
fn add_unsynchronised(counter: &AtomicU64, times: u64) {
    for _ in 0..times {
        let value = counter.load(Relaxed);
        counter.store(value + 1, Relaxed);
    }
}

#[inline(never)]
fn add_atomic(counter: &AtomicU64, times: u64) {
    for _ in 0..times {
        counter.fetch_add(1, Relaxed);
    }
}

#[inline(never)]
fn add_locked(counter: &Mutex<u64>, times: u64) {
    for _ in 0..times {
        // A panic cannot happen while the lock is held, so a poisoned lock still holds a count.
        *counter.lock().unwrap_or_else(PoisonError::into_inner) += 1;
    }
}

#[inline(never)]
fn add_local(counter: &AtomicU64, times: u64) {
    let mut mine = 0u64;
    for _ in 0..times {
        // black_box: without it LLVM replaces the loop by `mine = times`.
        mine = black_box(mine) + 1;
    }
    counter.fetch_add(mine, Relaxed);
}

/// Every thread of the current rayon pool adds its share of `increments` to one counter in
/// `mode`, each share one traced task; returns the counter's final value with the expected one.
pub fn count(increments: u64, mode: Mode) -> Tally {
    let threads = rayon::current_num_threads() as u64;
    let my_share =
        |ctx: rayon::BroadcastContext<'_>| even_share(increments, ctx.num_threads() as u64, ctx.index() as u64);
    let actual = match mode {
        Mode::Mutex => {
            let counter = Padded(Mutex::new(0u64));
            rayon::broadcast(|ctx| task(|| add_locked(&counter.0, my_share(ctx))));
            counter.0.into_inner().unwrap_or_else(PoisonError::into_inner)
        }
        _ => {
            let add = match mode {
                Mode::Unsynchronised => add_unsynchronised,
                Mode::Atomic => add_atomic,
                _ => add_local,
            };
            let counter = Padded(AtomicU64::new(0));
            rayon::broadcast(|ctx| task(|| add(&counter.0, my_share(ctx))));
            counter.0.into_inner()
        }
    };
    Tally { threads, expected: increments, actual }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_threads(threads: usize, increments: u64, mode: Mode) -> Tally {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| count(increments, mode))
    }

    #[test]
    fn synchronised_modes_count_exactly_on_one_to_eight_threads() {
        for mode in [Mode::Atomic, Mode::Mutex, Mode::Local] {
            for threads in 1..=8 {
                let tally = on_threads(threads, 100_003, mode);
                assert_eq!(tally, Tally { threads: threads as u64, expected: 100_003, actual: 100_003 }, "{mode:?}");
            }
        }
    }

    #[test]
    fn the_race_never_counts_more_than_asked_and_is_exact_alone() {
        let alone = on_threads(1, 1_000_000, Mode::Unsynchronised);
        assert_eq!((alone.actual, alone.lost()), (1_000_000, 0));
        for threads in 2..=4 {
            let tally = on_threads(threads, 1_000_000, Mode::Unsynchronised);
            assert!(1 <= tally.actual && tally.actual <= tally.expected, "{tally:?}");
            assert_eq!(tally.lost(), (tally.expected - tally.actual) as i64);
        }
    }

    #[test]
    fn nothing_to_count_counts_nothing() {
        for mode in Mode::ALL {
            assert_eq!(on_threads(3, 0, mode).actual, 0, "{mode:?}");
        }
    }
}
