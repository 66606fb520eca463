//! `amdahl`: a synthetic workload with a chosen serial fraction s, the ground truth for
//! Amdahl's law. A share s of the work runs on one thread while the pool waits; the rest is cut
//! into small chunks that the pool shares. On k workers the time is then T1 * (s + (1 - s) / k)
//! plus overheads, which is what the page's fit should recover.

use crate::trace::task;
use rayon::prelude::*;

use super::chunk_ranges;
use super::spin::{jump, seed, spin};

/// Steps per parallel chunk: small enough to balance, large enough (tens of microseconds) that
/// dispatch costs nothing measurable.
pub const CHUNK_STEPS: u64 = 1 << 16;

/// How `work` steps split into the serial share and the parallel share.
pub fn split(work: u64, serial_fraction: f64) -> (u64, u64) {
    let serial = ((work as f64) * serial_fraction).round() as u64;
    (serial.min(work), work - serial.min(work))
}

/// Runs the serial share on this thread, then the parallel share on the current rayon pool.
/// Returns a combination of all results, the same for any number of threads.
pub fn run(work: u64, serial_fraction: f64) -> u64 {
    let (serial, parallel) = split(work, serial_fraction);
    let head = task(|| serial_share(serial));
    let tail: u64 =
        chunk_ranges(parallel, CHUNK_STEPS).map(|range| task(|| chunk(range))).reduce(|| 0, u64::wrapping_add);
    head ^ tail
}

#[inline(never)] // its own function, so V8 tiers it up like the chunks: see `kernels`
fn serial_share(steps: u64) -> u64 {
    spin(seed(u64::MAX), steps)
}

#[inline(never)] // a fresh call per chunk: see `kernels` on V8 tiering
fn chunk(range: std::ops::Range<u64>) -> u64 {
    spin(seed(range.start / CHUNK_STEPS), range.end - range.start)
}

/// The result of [`run`] from the closed form: no spinning at all.
pub fn expected(work: u64, serial_fraction: f64) -> u64 {
    let (serial, parallel) = split(work, serial_fraction);
    let chunks = parallel.div_ceil(CHUNK_STEPS);
    let tail =
        (0..chunks).map(|c| jump(seed(c), (parallel - c * CHUNK_STEPS).min(CHUNK_STEPS))).fold(0u64, u64::wrapping_add);
    jump(seed(u64::MAX), serial) ^ tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_equals_closed_form_over_sizes_and_fractions() {
        for work in [0, 1, 1000, CHUNK_STEPS, CHUNK_STEPS + 1, 5 * CHUNK_STEPS + 77] {
            for s in [0.0, 0.1, 0.25, 0.5, 1.0] {
                assert_eq!(run(work, s), expected(work, s), "work={work} s={s}");
            }
        }
    }

    #[test]
    fn split_keeps_all_the_work() {
        assert_eq!(split(1000, 0.25), (250, 750));
        assert_eq!(split(1000, 0.0), (0, 1000));
        assert_eq!(split(1000, 1.0), (1000, 0));
        assert_eq!(split(7, 0.5), (4, 3));
    }

    #[test]
    fn same_result_on_one_to_four_threads() {
        let expected = expected(3 * CHUNK_STEPS + 5, 0.3);
        for threads in 1..=4 {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            assert_eq!(pool.install(|| run(3 * CHUNK_STEPS + 5, 0.3)), expected);
        }
    }
}
