//! `monte-carlo-pi`: estimate pi from random points in the unit square.
//!
//! The samples are cut into fixed chunks and chunk c draws from its own generator, seeded from
//! the master seed and c. Which thread runs a chunk then changes nothing: the hit count, and so
//! the estimate, is bit-identical for any number of workers. (One generator shared by all
//! threads would need a lock and would give a different answer on every run.)

use crate::trace::task;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use super::{chunk_ranges, mix_seed};

/// Samples per chunk (and per independently seeded generator).
pub const CHUNK: u64 = 1 << 20;

// A fresh call per chunk: see the module docs of `kernels` on V8's tiering.
#[inline(never)]
fn hits_in_chunk(master: u64, range: std::ops::Range<u64>) -> u64 {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(mix_seed(master, range.start / CHUNK));
    let mut hits = 0;
    for _ in range {
        let x: f64 = rng.random();
        let y: f64 = rng.random();
        hits += (x * x + y * y < 1.0) as u64;
    }
    hits
}

/// Points inside the quarter circle out of `samples`, chunk by chunk on one thread.
pub fn hits_serial(samples: u64, seed: u64) -> u64 {
    (0..samples.div_ceil(CHUNK)).map(|c| hits_in_chunk(seed, c * CHUNK..((c + 1) * CHUNK).min(samples))).sum()
}

/// Points inside the quarter circle out of `samples`, on the current rayon pool.
pub fn hits_parallel(samples: u64, seed: u64) -> u64 {
    chunk_ranges(samples, CHUNK).map(|range| task(|| hits_in_chunk(seed, range))).sum()
}

/// The estimate of pi from a hit count.
pub fn estimate(hits: u64, samples: u64) -> f64 {
    4.0 * hits as f64 / samples as f64
}

/// The standard error of the estimate for `samples` points: 4 sqrt(p(1-p)/n) with p = pi/4.
pub fn standard_error(samples: u64) -> f64 {
    let p = std::f64::consts::FRAC_PI_4;
    4.0 * (p * (1.0 - p) / samples as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_equals_serial_for_awkward_sizes() {
        for samples in [1, 2, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 12_345] {
            assert_eq!(hits_parallel(samples, 7), hits_serial(samples, 7), "{samples} samples");
        }
    }

    #[test]
    fn bit_identical_for_one_to_four_threads() {
        let samples = 5 * CHUNK + 999;
        let counts: Vec<u64> = (1..=4)
            .map(|threads| {
                let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                pool.install(|| hits_parallel(samples, 2026))
            })
            .collect();
        assert!(counts.windows(2).all(|w| w[0] == w[1]), "{counts:?}");
    }

    #[test]
    fn estimate_is_within_five_standard_errors_of_pi() {
        let samples = 8 * CHUNK;
        for seed in [0, 1, 2026] {
            let pi = estimate(hits_parallel(samples, seed), samples);
            let error = (pi - std::f64::consts::PI).abs();
            assert!(error < 5.0 * standard_error(samples), "seed {seed}: {pi}");
        }
    }

    #[test]
    fn seeds_change_the_sample() {
        assert_ne!(hits_parallel(CHUNK, 1), hits_parallel(CHUNK, 2));
    }
}
