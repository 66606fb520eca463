//! `monte-carlo-pi`: estimate pi from random points in the unit square.
//!
//! The samples are cut into fixed chunks and chunk c draws from its own generator, seeded from
//! the master seed and c. Which thread runs a chunk then changes nothing: the hit count, and so
//! the estimate, is bit-identical for any number of workers. (One generator shared by all
//! threads would need a lock and would give a different answer on every run.)
//!
//! Two other ways of seeding are offered as demonstrations of what goes wrong otherwise:
//! [`Seeding::PerWorker`] gives each pool thread its own stream, so the estimate changes with
//! the number of threads; [`Seeding::SameSeed`] gives every thread the same stream, so the
//! threads draw the same points and only 1/k of them are distinct.

use crate::trace::task;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use super::{chunk_ranges, even_share, mix_seed};

/// Samples per chunk (and per independently seeded generator).
pub const CHUNK: u64 = 1 << 20;

/// How the random streams are seeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seeding {
    /// Fixed chunks of [`CHUNK`] samples, chunk c seeded from (seed, c): the same estimate on
    /// any number of threads.
    PerChunk,
    /// One stream per pool thread, thread i seeded from (seed, i), each drawing its even share:
    /// a fine estimate, but a different one for every number of threads.
    PerWorker,
    /// Every pool thread seeded alike, from (seed, 0), each drawing its even share: the threads
    /// repeat each other's points, and only the largest share of them are distinct.
    SameSeed,
}

impl Seeding {
    /// Every seeding, in the order of the workload's `seeding` choices.
    pub const ALL: [Seeding; 3] = [Seeding::PerChunk, Seeding::PerWorker, Seeding::SameSeed];
}

/// The next `count` points of `rng`: how many fall inside the quarter circle.
#[inline(always)]
fn draw(rng: &mut Xoshiro256PlusPlus, count: u64) -> u64 {
    let mut hits = 0;
    for _ in 0..count {
        let x: f64 = rng.random();
        let y: f64 = rng.random();
        hits += (x * x + y * y < 1.0) as u64;
    }
    hits
}

// A fresh call per chunk: see the module docs of `kernels` on V8's tiering.
#[inline(never)]
fn hits_in_chunk(master: u64, range: std::ops::Range<u64>) -> u64 {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(mix_seed(master, range.start / CHUNK));
    draw(&mut rng, range.end - range.start)
}

// The same for a piece of one thread's stream, which goes on in the next piece.
#[inline(never)]
fn hits_in_piece(rng: &mut Xoshiro256PlusPlus, count: u64) -> u64 {
    draw(rng, count)
}

/// Points inside the quarter circle among the first `count` of the stream seeded with
/// `stream_seed`, on one thread: the reference for one thread's share.
pub fn hits_of_stream(stream_seed: u64, count: u64) -> u64 {
    draw(&mut Xoshiro256PlusPlus::seed_from_u64(stream_seed), count)
}

/// Points inside the quarter circle when every thread of the current pool draws its even share
/// of `samples` from its own generator, seeded with `stream_seed(thread index)`. A thread draws
/// its share in pieces of [`CHUNK`], each a traced task, continuing one stream.
fn hits_per_thread(samples: u64, stream_seed: impl Fn(u64) -> u64 + Sync) -> u64 {
    let counts = rayon::broadcast(|ctx| {
        let (threads, index) = (ctx.num_threads() as u64, ctx.index() as u64);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(stream_seed(index));
        let mut left = even_share(samples, threads, index);
        let mut hits = 0;
        while left > 0 {
            let piece = left.min(CHUNK);
            hits += task(|| hits_in_piece(&mut rng, piece));
            left -= piece;
        }
        hits
    });
    counts.into_iter().sum()
}

/// Points inside the quarter circle out of `samples`, seeded as `seeding` says, on the current
/// rayon pool.
pub fn hits_seeded(samples: u64, seed: u64, seeding: Seeding) -> u64 {
    match seeding {
        Seeding::PerChunk => hits_parallel(samples, seed),
        Seeding::PerWorker => hits_per_thread(samples, |thread| mix_seed(seed, thread)),
        Seeding::SameSeed => hits_per_thread(samples, |_| mix_seed(seed, 0)),
    }
}

/// How many of `samples` points are distinct when drawn by `threads` threads seeded as
/// `seeding` says: all of them, except with one seed for all, where the shares are prefixes of
/// one stream and the largest share holds every distinct point.
pub fn distinct_samples(samples: u64, threads: u64, seeding: Seeding) -> u64 {
    match seeding {
        Seeding::SameSeed => even_share(samples, threads.max(1), 0),
        _ => samples,
    }
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

    fn on_threads(threads: usize, samples: u64, seed: u64, seeding: Seeding) -> u64 {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| hits_seeded(samples, seed, seeding))
    }

    #[test]
    fn per_chunk_seeding_is_bit_identical_on_one_to_eight_threads() {
        let samples = 3 * CHUNK + 4321;
        let serial = hits_serial(samples, 2026);
        for threads in 1..=8 {
            assert_eq!(on_threads(threads, samples, 2026, Seeding::PerChunk), serial, "{threads} threads");
        }
    }

    #[test]
    fn one_seed_for_all_repeats_one_stream_on_every_thread() {
        let m = CHUNK + 777; // more than one piece per thread
        let one = hits_of_stream(mix_seed(2026, 0), m);
        for k in 1..=4u64 {
            assert_eq!(on_threads(k as usize, k * m, 2026, Seeding::SameSeed), k * one, "{k} threads");
            assert_eq!(distinct_samples(k * m, k, Seeding::SameSeed), m);
        }
        assert_eq!(distinct_samples(10, 3, Seeding::SameSeed), 4);
        assert_eq!(distinct_samples(10, 3, Seeding::PerWorker), 10);
    }

    #[test]
    fn a_stream_per_worker_is_the_sum_of_the_workers_streams() {
        let samples = 2 * CHUNK + 5;
        let by_hand = hits_of_stream(mix_seed(7, 0), CHUNK + 3) + hits_of_stream(mix_seed(7, 1), CHUNK + 2);
        assert_eq!(on_threads(2, samples, 7, Seeding::PerWorker), by_hand);
        assert_eq!(on_threads(1, samples, 7, Seeding::PerWorker), hits_of_stream(mix_seed(7, 0), samples));
        // And so it changes with the worker count (checked for this seed and size: 1,647,792
        // hits on one worker, 1,646,737 on two).
        assert_ne!(on_threads(1, samples, 7, Seeding::PerWorker), on_threads(2, samples, 7, Seeding::PerWorker));
    }

    #[test]
    fn seeds_change_the_sample() {
        assert_ne!(hits_parallel(CHUNK, 1), hits_parallel(CHUNK, 2));
    }
}
