//! `primes`: count the primes below N by trial division, the CPU-bound example of the seeds.
//! Each number is tested on its own, so the work splits across threads with no communication;
//! larger numbers cost more, which rayon's work stealing evens out.

use crate::trace::task;
use rayon::prelude::*;

/// Whether `n` is prime, by trial division by odd numbers up to its square root.
pub fn is_prime(n: u32) -> bool {
    if n < 4 {
        return n >= 2;
    }
    if n.is_multiple_of(2) {
        return false;
    }
    let mut divisor = 3u32;
    while (divisor as u64) * (divisor as u64) <= n as u64 {
        if n.is_multiple_of(divisor) {
            return false;
        }
        divisor += 2;
    }
    true
}

/// Counts primes below `limit` by trial division, on one thread.
pub fn count_serial(limit: u32) -> u64 {
    (0..limit).filter(|&n| is_prime(n)).count() as u64
}

/// Numbers per task by default: far above dispatch cost, small enough to balance (bigger
/// numbers cost more).
pub const GRAIN: u64 = 1 << 14;

#[inline(never)] // a fresh call per chunk: see `kernels` on V8 tiering
fn count_range(range: std::ops::Range<u64>) -> u64 {
    (range.start as u32..range.end as u32).filter(|&n| is_prime(n)).count() as u64
}

/// Counts primes below `limit` by trial division, on the current rayon pool, `grain` numbers
/// per rayon task (each chunk is its own task).
pub fn count_parallel(limit: u32, grain: u64) -> u64 {
    super::chunk_ranges(limit as u64, grain).with_max_len(1).map(|range| task(|| count_range(range))).sum()
}

/// Counts primes below `limit` with the sieve of Eratosthenes: a different algorithm, used as the
/// independent reference for trial division.
pub fn count_sieve(limit: u32) -> u64 {
    let limit = limit as usize;
    if limit < 3 {
        return 0;
    }
    let mut composite = vec![false; limit];
    let mut count = 0u64;
    for n in 2..limit {
        if composite[n] {
            continue;
        }
        count += 1;
        // In u64: on wasm32 usize is 32 bits, and n * n overflows it from n = 65,536 on.
        let mut multiple = n as u64 * n as u64;
        while multiple < limit as u64 {
            composite[multiple as usize] = true;
            multiple += n as u64;
        }
    }
    count
}

/// π(10^k) for k = 1..=8: the number of primes below 10^k, as published.
pub const KNOWN_PI: [(u32, u64); 8] = [
    (10, 4),
    (100, 25),
    (1_000, 168),
    (10_000, 1_229),
    (100_000, 9_592),
    (1_000_000, 78_498),
    (10_000_000, 664_579),
    (100_000_000, 5_761_455),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers() {
        let primes: Vec<u32> = (0..30).filter(|&n| is_prime(n)).collect();
        assert_eq!(primes, [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
        assert!(is_prime(4_294_967_291), "largest 32-bit prime");
        assert!(!is_prime(65_521 * 65_519), "product of two large primes");
    }

    #[test]
    fn all_three_counts_agree_with_published_values() {
        for (limit, expected) in KNOWN_PI.into_iter().take(7) {
            assert_eq!(count_sieve(limit), expected, "sieve below {limit}");
            assert_eq!(count_parallel(limit, GRAIN), expected, "parallel below {limit}");
        }
        for (limit, expected) in KNOWN_PI.into_iter().take(5) {
            assert_eq!(count_serial(limit), expected, "serial below {limit}");
        }
    }

    #[test]
    fn edge_limits() {
        for limit in [0, 1, 2, 3, 4, 5, 4097, 12_345] {
            for grain in [1, 7, GRAIN] {
                assert_eq!(count_parallel(limit, grain), count_sieve(limit), "below {limit}, grain {grain}");
            }
            assert_eq!(count_serial(limit), count_sieve(limit), "below {limit}");
        }
    }
}
