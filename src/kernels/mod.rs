//! The kernels, one file per workload. Each has a serial reference and a rayon-parallel version
//! that runs on whatever rayon pool is current: the wasm pool made by `initThreadPool(k)` in the
//! browser, or a native pool of exactly k threads in the native runner and the tests.

pub mod amdahl;
pub mod blur;
pub mod imbalanced;
pub mod mandelbrot;
pub mod matmul;
pub mod monte_carlo_pi;
pub mod primes;
pub mod sha256;
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

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

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
