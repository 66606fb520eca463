//! `sum-of-squares`: the sum of i*i for i in 0..N, the seeds' `heavy_computation`, exactly.
//!
//! LLVM recognises this loop and replaces it with the closed form, which would measure nothing.
//! The index therefore advances as `i = (i + 1) & mask` with a `mask` (all ones) that the
//! optimiser cannot see through: the index is no longer a recurrence it can solve, so every term
//! is really computed, at the cost of one AND per step on every target. (`black_box` on each
//! index would also work, but in wasm it spills the index to memory every step, which would make
//! the wasm/native comparison measure the barrier rather than the kernel.) The closed form is
//! kept as the independent reference.

use std::hint::black_box;

use rayon::prelude::*;

use super::chunk_ranges;
use crate::trace::task;

/// Largest N: every i*i then fits in a u64 and the total in a u128.
pub const MAX_N: u64 = 1 << 32;

/// Terms per task by default: about a millisecond of work, far above the cost of a task.
pub const GRAIN: u64 = 1 << 20;

#[inline(never)] // a fresh call per chunk: see `kernels` on V8 tiering
fn sum_range(range: std::ops::Range<u64>) -> u128 {
    if range.is_empty() {
        return 0;
    }
    let mask = black_box(u64::MAX);
    // Squares are summed in a u64 over blocks short enough that the block's sum cannot
    // overflow (18 terms at N = 10^9), then added to the u128 total: a u128 add per term costs
    // an extra compare and add in wasm, which has no carry flag.
    let largest_square = (range.end - 1) * (range.end - 1);
    let block = (u64::MAX / largest_square.max(1)).clamp(1, 1 << 16);
    let mut total = 0u128;
    let mut i = range.start;
    while i < range.end {
        let stop = range.end.min(i.saturating_add(block));
        let mut partial = 0u64;
        while i < stop {
            partial += i * i;
            i = (i + 1) & mask;
        }
        total += partial as u128;
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
    fn closed_form_is_exact_at_the_largest_n() {
        // (2^32-1) 2^32 (2^33-1) / 6, computed by hand in two steps that cannot overflow.
        let n = MAX_N as u128;
        assert_eq!(closed_form(MAX_N), (n - 1) * (n / 2) * (2 * n - 1) / 3);
    }
}
