//! The kernels, one file per workload. Each has a serial reference and a rayon-parallel version
//! that runs on whatever rayon pool is current: the wasm pool made by `initThreadPool(k)` in the
//! browser, or a native pool of exactly k threads in the native runner and the tests.
//!
//! Each kernel's unit of work (a chunk, a row, a band, a buffer) is a function marked
//! `#[inline(never)]`, so every task is a fresh call. In the browser, V8 runs wasm first in
//! baseline code and swaps in optimised code only for new calls (there is no on-stack
//! replacement for wasm). Inlined into rayon's loop over a thread's share of the work, the hot
//! loop could run a whole share in baseline code: a 2-worker Monte Carlo run was then no faster
//! than 1 worker in one fresh instance out of three, and 1.9x faster in the others.

pub mod amdahl;
pub mod blur;
pub mod global_lock;
pub mod imbalanced;
pub mod mandelbrot;
pub mod matmul;
pub mod monte_carlo_pi;
pub mod primes;
pub mod sha256;
pub mod shared_counter;
pub mod sort;
pub mod spin;
pub mod sum_of_squares;

/// Splits `0..len` into consecutive ranges of `chunk` items (the last may be shorter).
/// Fixed chunks make results that depend on how work is split (floating-point sums, per-chunk
/// random streams) independent of the number of threads.
pub fn chunk_ranges(len: u64, chunk: u64) -> impl rayon::iter::IndexedParallelIterator<Item = std::ops::Range<u64>> {
    use rayon::prelude::*;
    assert!(chunk > 0, "chunk size must be positive");
    let count = usize::try_from(len.div_ceil(chunk)).expect("chunk count fits in usize");
    (0..count).into_par_iter().map(move |c| {
        let start = c as u64 * chunk;
        start..(start + chunk).min(len)
    })
}

/// Part `index` of `total` items split evenly into `parts` parts: total / parts, plus one for the
/// first total % parts parts. Used where each pool thread takes exactly its own share.
pub fn even_share(total: u64, parts: u64, index: u64) -> u64 {
    total / parts + u64::from(index < total % parts)
}

/// The seed of stream `index` under a master seed: a SplitMix64-style mix of the two, so
/// neighbouring streams (chunks, tasks) get unrelated seeds. Used wherever work is split into
/// independently seeded pieces, which makes results independent of the number of threads.
pub fn mix_seed(master: u64, index: u64) -> u64 {
    let mut z = master ^ index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The weight of position `index` in a fingerprint: odd, and different for every position.
#[inline]
pub fn position_weight(index: u64) -> u64 {
    index.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1
}

/// A fingerprint of a sequence of 64-bit words that depends on every word and its position:
/// the wrapping sum of word × [`position_weight`]. A sum is associative, so it is computed on the
/// current rayon pool: done on one thread, it would be serial work inside the timed run.
pub fn fingerprint_words(words: impl rayon::iter::IndexedParallelIterator<Item = u64>) -> u64 {
    use rayon::prelude::*;
    words
        .with_min_len(1 << 14)
        .enumerate()
        .map(|(i, word)| word.wrapping_mul(position_weight(i as u64)))
        .reduce(|| 0, u64::wrapping_add)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn neighbouring_streams_get_unrelated_seeds() {
        assert_ne!(mix_seed(0, 0), mix_seed(0, 1));
        assert_ne!(mix_seed(0, 1), mix_seed(1, 0));
        // Stream 0 of master 0 is SplitMix64's published first output for seed 0: a reference
        // from outside this code, which also pins every seeded result (a change here would
        // silently change every Monte Carlo estimate and every random input).
        assert_eq!(mix_seed(0, 0), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn fingerprints_see_values_and_positions() {
        let base = fingerprint_words(vec![1u64, 2, 3].into_par_iter());
        assert_ne!(base, fingerprint_words(vec![1u64, 3, 2].into_par_iter()), "a swap");
        assert_ne!(base, fingerprint_words(vec![1u64, 2, 4].into_par_iter()), "a change");
        let long: Vec<u64> = (0..100_000).collect();
        let serial = long
            .iter()
            .enumerate()
            .fold(0u64, |acc, (i, w)| acc.wrapping_add(w.wrapping_mul(position_weight(i as u64))));
        assert_eq!(fingerprint_words(long.par_iter().copied()), serial);
    }

    #[test]
    fn even_shares_add_up_and_differ_by_at_most_one() {
        for (total, parts) in [(0, 1), (1, 3), (10, 3), (10, 10), (7, 8), (1_000_003, 8)] {
            let shares: Vec<u64> = (0..parts).map(|i| even_share(total, parts, i)).collect();
            assert_eq!(shares.iter().sum::<u64>(), total, "{total} over {parts}");
            assert!(shares.iter().max().unwrap() - shares.iter().min().unwrap() <= 1, "{shares:?}");
        }
        assert_eq!((0..3).map(|i| even_share(10, 3, i)).collect::<Vec<_>>(), [4, 3, 3]);
    }

    #[test]
    fn chunks_cover_the_range_exactly_once() {
        for (len, chunk) in [(0, 4), (1, 4), (4, 4), (5, 4), (17, 5), (1000, 1)] {
            let ranges: Vec<_> = chunk_ranges(len, chunk).collect();
            let covered: Vec<u64> = ranges.iter().cloned().flatten().collect();
            assert_eq!(covered, (0..len).collect::<Vec<_>>(), "len {len} chunk {chunk}");
            assert!(ranges.iter().all(|r| !r.is_empty() && r.end - r.start <= chunk));
        }
    }
}
