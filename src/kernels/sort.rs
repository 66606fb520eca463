//! `sort`: sort N u64 values with rayon's parallel sort (a parallel quicksort with work
//! stealing). Each run sorts a fresh copy of the same input, and the copy is part of the time.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::Error;
use crate::workload::try_zeroed;

/// `n` values from `seed`, generated in fixed chunks so the input does not depend on threads.
pub fn generate(n: usize, seed: u64) -> Result<Vec<u64>, Error> {
    let mut values = try_zeroed::<u64>(n, "input")?;
    values.par_chunks_mut(1 << 16).enumerate().for_each(|(c, chunk)| {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(super::mix_seed(seed, c as u64));
        for v in chunk {
            *v = rng.next_u64();
        }
    });
    Ok(values)
}

/// Copies `input` and sorts the copy on the current rayon pool.
///
/// Wasm against native at 1 worker (issue 11; 20M values). The bench medians measured 1.17-1.26.
/// The time was split up using the pool thread's CPU time, with wasm and native runs alternated.
/// Almost all of the gap is in rayon's sort, which was 1.22-1.33x slower in V8:
/// - The block partition inlined into rayon's `recurse` runs about 9 instructions per element
///   in V8 against 7 natively. LLVM emits wasm32 addresses as `i32.add` and not as load
///   offsets, so V8 wraps each one with a 32-bit `lea` before the load. V8 also adds a dead
///   reload. build.sh now has wasm-opt fold those adds (`--low-memory-unused`). That makes the
///   sort 7-10% faster, and the whole run's median went from 1.11-1.14 to 1.08-1.09 (two
///   alternated sets of 20).
/// - Its cyclic swap loop takes about 17 instructions per element against 9.5, with spill
///   reloads.
/// - The insertion sort of short runs is on par (1.04x).
///
/// Allocating and copying favours wasm: 25 ms against 110 ms natively. dlmalloc reuses the block
/// freed two runs earlier, while glibc maps 160 MB afresh each run (page faults, kernel zeroing),
/// and the native runner also times the unmapping of the previous result. A buffer kept across
/// runs would therefore raise the ratio, not lower it. The output's fingerprint takes 25 ms
/// against 12 ms. Neither wasm-opt -O2, -O4 or no wasm-opt, nor LLVM opt-level 2 or no runtime
/// unrolling, moved the sort by more than noise (3%).
pub fn sort_parallel(input: &[u64]) -> Result<Vec<u64>, Error> {
    let mut values = try_zeroed::<u64>(input.len(), "copy to sort")?;
    values.par_iter_mut().zip(input.par_iter()).for_each(|(d, s)| *d = *s);
    values.par_sort_unstable();
    Ok(values)
}

/// A fingerprint of the multiset of values: equal for any permutation of the same values,
/// different (with overwhelming probability) for different values.
pub fn multiset_fingerprint(values: &[u64]) -> (u64, u64) {
    values
        .par_iter()
        .map(|&v| (v, super::mix_seed(v, 0)))
        .reduce(|| (0, 0), |(a1, b1), (a2, b2)| (a1.wrapping_add(a2), b1.wrapping_add(b2)))
}

/// Whether `values` are in non-decreasing order.
pub fn is_sorted(values: &[u64]) -> bool {
    values.par_windows(2).all(|w| w[0] <= w[1])
}

/// A position-weighted fingerprint of the sorted output.
pub fn sequence_fingerprint(values: &[u64]) -> u64 {
    super::fingerprint_words(values.par_iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_over_sizes_and_keeps_the_values() {
        for n in [0, 1, 2, 3, 1000, 65_537, 200_001] {
            let input = generate(n, 5).unwrap();
            let sorted = sort_parallel(&input).unwrap();
            let mut expected = input.clone();
            expected.sort_unstable();
            assert_eq!(sorted, expected, "n={n}");
            assert!(is_sorted(&sorted));
            assert_eq!(multiset_fingerprint(&sorted), multiset_fingerprint(&input));
        }
    }

    #[test]
    fn fingerprints_catch_changes() {
        let input = generate(1000, 5).unwrap();
        let mut sorted = sort_parallel(&input).unwrap();
        sorted[10] = sorted[11];
        assert!(is_sorted(&sorted));
        assert_ne!(multiset_fingerprint(&sorted), multiset_fingerprint(&input), "a duplicated value");
        assert!(!is_sorted(&[1, 3, 2]));
    }

    #[test]
    fn same_output_on_one_to_four_threads() {
        let input = generate(300_000, 7).unwrap();
        let expected = sequence_fingerprint(&sort_parallel(&input).unwrap());
        for threads in 1..=4 {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let again = pool.install(|| generate(300_000, 7)).unwrap();
            assert_eq!(again, input, "input depends on threads");
            assert_eq!(sequence_fingerprint(&pool.install(|| sort_parallel(&again)).unwrap()), expected);
        }
    }
}
