//! `sum-of-squares`: the sum of i*i for i in 0..N, the seeds' `heavy_computation`, exactly.
//!
//! LLVM recognises this loop and replaces it with the closed form, which would measure nothing.
//! The index therefore advances as `i = (i + 8) & mask` with a `mask` (all ones) that the
//! optimiser cannot see through: the index is no longer a recurrence it can solve, so every term
//! is really computed (eight multiplies a step, checked in the generated code of both targets).
//! (`black_box` on each index would also work, but in wasm it spills the index to memory every
//! step, which would make the wasm/native comparison measure the barrier rather than the
//! kernel.) The closed form is kept as the independent reference.
//!
//! One term a step, the loop was bound by the index chain (an add and an AND, two cycles a
//! term), and the wasm/native ratio moved between 1.0 and 1.23 with native code layout; eight
//! terms a step, both are bound by the multiplies and run within a few percent of each other.

use std::hint::black_box;

use rayon::prelude::*;

use super::chunk_ranges;
use crate::trace::task;

/// Largest N: every i*i then fits in a u64 and the total in a u128.
pub const MAX_N: u64 = 1 << 32;

/// Below this index eight squares sum without overflowing a u64 (8 · (2^30)² = 2^63).
const FAST_LIMIT: u64 = 1 << 30;

/// Terms per task by default: about a millisecond of work, far above the cost of a task.
pub const GRAIN: u64 = 1 << 20;

#[inline(never)] // a fresh call per chunk: see `kernels` on V8 tiering
fn sum_range(range: std::ops::Range<u64>) -> u128 {
    if range.is_empty() {
        return 0;
    }
    let mask = black_box(u64::MAX);
    let mut total = 0u128;
    let mut i = range.start;
    // Eight terms a step, summed in a u64 and then added to the u128 total: the index chain
    // (an add and the opaque AND) and the u128 add (an extra compare and add in wasm, which has
    // no carry flag) are paid once per eight terms, so the multiplies set the pace. Eight
    // squares fit in a u64 while i < 2^30; past that, one term at a time in u128.
    let fast_end = range.end.min(FAST_LIMIT);
    while i + 8 <= fast_end {
        let square = |d: u64| (i + d) * (i + d);
        let eight = square(0) + square(1) + square(2) + square(3) + square(4) + square(5) + square(6) + square(7);
        total += eight as u128;
        i = (i + 8) & mask;
    }
    while i < range.end {
        total += (i * i) as u128;
        i = (i + 1) & mask;
    }
    total
}

/// Sums i*i for i in 0..n on one thread. `n` must be at most [`MAX_N`].
pub fn sum_serial(n: u64) -> u128 {
    assert!(n <= MAX_N);
    sum_range(0..n)
}

/// Sums i*i for i in 0..n on the current rayon pool, `grain` terms per rayon task (each chunk
/// is its own task, so a small grain shows what a task costs). `n` must be at most [`MAX_N`].
pub fn sum_parallel(n: u64, grain: u64) -> u128 {
    assert!(n <= MAX_N);
    chunk_ranges(n, grain).with_max_len(1).map(|range| task(|| sum_range(range))).sum()
}

/// The closed form (n-1)n(2n-1)/6, exact in u128 for n up to [`MAX_N`].
pub fn closed_form(n: u64) -> u128 {
    if n == 0 {
        return 0;
    }
    let n = n as u128;
    (n - 1) * n * (2 * n - 1) / 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_and_parallel_equal_the_closed_form() {
        for n in [0, 1, 2, 3, 10, 65_535, 65_536, 65_537, 1_000_003, 3_000_000] {
            assert_eq!(sum_serial(n), closed_form(n), "serial n={n}");
            for grain in [1, 1000, GRAIN] {
                assert_eq!(sum_parallel(n, grain), closed_form(n), "parallel n={n} grain={grain}");
            }
        }
        assert_eq!(closed_form(4), 14);
    }

    #[test]
    fn ranges_across_the_eight_term_limit_and_at_the_top_are_exact() {
        for range in [FAST_LIMIT - 13..FAST_LIMIT + 29, FAST_LIMIT - 8..FAST_LIMIT, MAX_N - 17..MAX_N, 5..6, 7..7] {
            let expected = closed_form(range.end) - closed_form(range.start);
            assert_eq!(sum_range(range.clone()), expected, "{range:?}");
        }
    }

    #[test]
    fn closed_form_is_exact_at_the_largest_n() {
        // (2^32-1) 2^32 (2^33-1) / 6, computed by hand in two steps that cannot overflow.
        let n = MAX_N as u128;
        assert_eq!(closed_form(MAX_N), (n - 1) * (n / 2) * (2 * n - 1) / 3);
    }
}
