//! Statistics for the native runner, the same as the page's `www/js/stats.js` (median and its
//! interval, Auto repeats' stopping rule, speedup, Karp-Flatt, the Amdahl and Gustafson fits and
//! their bootstrap ranges), so native and browser results are computed alike. The page's file
//! explains each method. Both are held to one golden file, `tests/fixtures/stats-golden.json`
//! (this file's `golden_*` tests, and `tests/unit/stats-golden.test.js`): the same inputs
//! must give the same outputs, the bootstrap ranges bit for bit.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// The confidence level of every interval.
pub const LEVEL: f64 = 0.95;

/// Auto repeats: stop when the interval's half-width is within this share of the median...
pub const AUTO_TARGET: f64 = 0.03;
/// ...with at least this many samples (the fewest that give a 95% interval)...
pub const AUTO_MIN_SAMPLES: usize = 6;
/// ...and never more than this many.
pub const AUTO_MAX_SAMPLES: usize = 100;

/// The median of a non-empty list.
pub fn median(values: &[f64]) -> f64 {
    assert!(!values.is_empty(), "median of no values");
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / 2.0 }
}

/// A confidence interval and the level it actually reaches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
    /// Its coverage (at least [`LEVEL`] from 6 samples on).
    pub level: f64,
}

/// The distribution-free interval for the median: order statistics x(l), x(n+1-l) with l the
/// largest rank where P(l <= B <= n-l) >= 95%, B ~ Binomial(n, 1/2); min..max below 6 samples.
pub fn median_interval(samples: &[f64]) -> Interval {
    let n = samples.len();
    assert!(n > 0, "interval of no samples");
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut cdf = Vec::with_capacity(n + 1);
    let (mut term, mut total) = (0.5f64.powi(n as i32), 0.0);
    for j in 0..=n {
        total += term;
        cdf.push(total);
        term = term * (n - j) as f64 / (j + 1) as f64;
    }
    let cover = |l: usize| 1.0 - 2.0 * cdf[l - 1];
    let mut l = 1;
    while (l + 1) as f64 <= n as f64 / 2.0 && cover(l + 1) >= LEVEL {
        l += 1;
    }
    Interval { low: sorted[l - 1], high: sorted[n - l], level: if n >= 2 { cover(l) } else { 0.0 } }
}

/// Half the interval's width as a share of the median.
pub fn relative_half_width(samples: &[f64]) -> f64 {
    let interval = median_interval(samples);
    (interval.high - interval.low) / 2.0 / median(samples)
}

/// Auto repeats' stopping rule: `Some(reason)` ("precise", "max" or "budget") when sampling a
/// point may stop, `None` to keep going.
pub fn auto_stop(samples: &[f64], elapsed_ms: f64, budget_ms: f64) -> Option<&'static str> {
    if samples.len() >= AUTO_MIN_SAMPLES && relative_half_width(samples) <= AUTO_TARGET {
        Some("precise")
    } else if samples.len() >= AUTO_MAX_SAMPLES {
        Some("max")
    } else if elapsed_ms >= budget_ms && !samples.is_empty() {
        Some("budget")
    } else {
        None
    }
}

/// Karp-Flatt's experimentally determined serial fraction on k > 1 workers.
pub fn karp_flatt(speedup: f64, workers: usize) -> Option<f64> {
    let k = workers as f64;
    (workers > 1 && speedup > 0.0).then(|| (1.0 / speedup - 1.0 / k) / (1.0 - 1.0 / k))
}

/// Gustafson's law S(k) = k - s(k - 1) fitted by least squares to (workers, scaled speedup)
/// points: the raw (unclamped) s, or None without a point above one worker.
pub fn fit_gustafson(points: &[(usize, f64)]) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for &(k, speedup) in points.iter().filter(|(k, _)| *k > 1) {
        let k = k as f64;
        num += (k - speedup) * (k - 1.0);
        den += (k - 1.0) * (k - 1.0);
    }
    (den > 0.0).then(|| num / den)
}

/// The seed of every bootstrap: the same measurements give the same range, on either runtime.
pub const BOOTSTRAP_SEED: u64 = 0x5EED;
/// How many times a bootstrap resamples the measurements.
pub const BOOTSTRAP_RESAMPLES: usize = 1000;

/// The generator of the bootstrap's draws: xoshiro256++ seeded by SplitMix64 (rand_xoshiro's
/// `seed_from_u64`). The page's `Xoshiro256pp.seedFromU64` is the same generator, written out.
pub fn bootstrap_rng(seed: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed)
}

/// A uniform number in [0, 1): the top 53 bits of the next output over 2^53 (exact).
pub fn random_unit(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (rng.next_u64() >> 11) as f64 / 9_007_199_254_740_992.0
}

/// A uniform index below `n` (> 0): `floor(random_unit * n)`, at most n - 1. Written out rather
/// than `random_range`, whose mapping is rand's to change: the page's `nextIndex` does these very
/// IEEE operations, so the same seed draws the same indices in both runtimes (the bias, n/2^53,
/// is far below anything a bootstrap could show).
pub fn random_index(rng: &mut Xoshiro256PlusPlus, n: usize) -> usize {
    ((random_unit(rng) * n as f64).floor() as usize).min(n - 1)
}

/// The percentile bootstrap of a model fitted to medians: each point's samples resampled with
/// replacement, `fit` applied to the resampled medians, [`BOOTSTRAP_RESAMPLES`] times; the middle
/// 95% of the values (None when fewer than half the refits gave a finite value).
/// Seeded, so the same measurements give the same range; the draws, point after point and sample
/// after sample, are those of the page's `bootstrapRange`.
pub fn bootstrap_range(samples: &[Vec<f64>], fit: impl Fn(&[f64]) -> Option<f64>) -> Option<(f64, f64)> {
    if samples.iter().any(|s| s.is_empty()) {
        return None;
    }
    let mut rng = bootstrap_rng(BOOTSTRAP_SEED);
    let mut values = Vec::with_capacity(BOOTSTRAP_RESAMPLES);
    let mut draw = Vec::new();
    for _ in 0..BOOTSTRAP_RESAMPLES {
        let medians: Vec<f64> = samples
            .iter()
            .map(|point| {
                draw.clear();
                draw.extend((0..point.len()).map(|_| point[random_index(&mut rng, point.len())]));
                median(&draw)
            })
            .collect();
        if let Some(value) = fit(&medians).filter(|v| v.is_finite()) {
            values.push(value);
        }
    }
    if values.len() < BOOTSTRAP_RESAMPLES / 2 {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((q * (values.len() - 1) as f64).round() as usize).min(values.len() - 1)];
    Some((at((1.0 - LEVEL) / 2.0), at(1.0 - (1.0 - LEVEL) / 2.0)))
}

/// Amdahl's law fitted to (workers, median time) points.
#[derive(Clone, Debug, PartialEq)]
pub struct AmdahlFit {
    /// The fitted serial fraction, clamped to [0, 1].
    pub serial_fraction: f64,
    /// The unclamped value (below 0: superlinear; above 1: more workers made it slower).
    pub raw_serial_fraction: f64,
    /// The fitted one-worker time.
    pub t1_ms: f64,
    /// Root-mean-square distance of the measured times from the fitted curve.
    pub rms_residual_ms: f64,
    /// Points used.
    pub points: usize,
}

/// Fits T(k) = a + b/k by least squares weighted by 1/T^2 (relative error), then s = a/(a+b).
/// The page's `fitAmdahl` does exactly this. None without two distinct worker counts.
pub fn fit_amdahl(points: &[(usize, f64)]) -> Option<AmdahlFit> {
    let usable: Vec<(f64, f64)> =
        points.iter().filter(|(k, t)| *k > 0 && *t > 0.0).map(|&(k, t)| (k as f64, t)).collect();
    let mut distinct: Vec<f64> = usable.iter().map(|p| p.0).collect();
    distinct.dedup();
    if distinct.len() < 2 {
        return None;
    }
    let (mut sw, mut sx, mut sxx, mut sy, mut sxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(k, t) in &usable {
        let (w, x) = (1.0 / (t * t), 1.0 / k);
        sw += w;
        sx += w * x;
        sxx += w * x * x;
        sy += w * t;
        sxy += w * x * t;
    }
    let det = sw * sxx - sx * sx;
    if det.abs() <= 0.0 || !det.is_finite() {
        return None;
    }
    let a = (sy * sxx - sx * sxy) / det;
    let b = (sw * sxy - sx * sy) / det;
    let t1 = a + b;
    if t1 <= 0.0 {
        return None;
    }
    let raw = a / t1;
    let s = raw.clamp(0.0, 1.0);
    let squares: f64 = usable.iter().map(|&(k, t)| (t - t1 * (s + (1.0 - s) / k)).powi(2)).sum();
    Some(AmdahlFit {
        serial_fraction: s,
        raw_serial_fraction: raw,
        t1_ms: t1,
        rms_residual_ms: (squares / usable.len() as f64).sqrt(),
        points: usable.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    fn amdahl(s: f64, t1: f64, ks: &[usize]) -> Vec<(usize, f64)> {
        ks.iter().map(|&k| (k, t1 * (s + (1.0 - s) / k as f64))).collect()
    }

    #[test]
    fn median_odd_and_even() {
        assert_eq!(median(&[5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn a_perfect_curve_recovers_its_serial_fraction() {
        for s in [0.0, 0.1, 0.25, 0.3, 1.0] {
            for ks in [&[1, 2][..], &[1, 2, 4, 8], &[2, 3]] {
                let fit = fit_amdahl(&amdahl(s, 1000.0, ks)).unwrap();
                assert!((fit.serial_fraction - s).abs() < 1e-9, "s={s} ks={ks:?}");
                assert!((fit.t1_ms - 1000.0).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn median_interval_ranks_and_levels() {
        let ranks = |n: usize| (1..=n).map(|i| i as f64).collect::<Vec<_>>();
        assert_eq!(median_interval(&ranks(15)), Interval { low: 4.0, high: 12.0, level: 0.96484375 });
        assert_eq!(median_interval(&ranks(6)), Interval { low: 1.0, high: 6.0, level: 0.96875 });
        assert_eq!(median_interval(&ranks(5)), Interval { low: 1.0, high: 5.0, level: 0.9375 });
        for n in [6, 7, 10, 20, 50, 100] {
            assert!(median_interval(&ranks(n)).level >= LEVEL, "n={n}");
        }
    }

    #[test]
    fn median_interval_covers_at_its_stated_rate() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(42);
        for n in [6, 9, 15, 30] {
            let (trials, mut covered, mut stated) = (4000, 0, 0.0);
            for _ in 0..trials {
                // Skewed timings around a median of 100: exp of a (Box-Muller) normal.
                let samples: Vec<f64> = (0..n)
                    .map(|_| {
                        let (u, v): (f64, f64) = (rng.random(), rng.random());
                        100.0 * (0.05 * (-2.0 * (1.0 - u).ln()).sqrt() * (std::f64::consts::TAU * v).cos()).exp()
                    })
                    .collect();
                let interval = median_interval(&samples);
                covered += (interval.low <= 100.0 && 100.0 <= interval.high) as usize;
                stated = interval.level;
            }
            let rate = covered as f64 / trials as f64;
            assert!((rate - stated).abs() < 0.012, "n={n}: covered {rate}, stated {stated}");
        }
    }

    #[test]
    fn auto_stops_when_precise_at_the_budget_or_the_cap() {
        assert_eq!(auto_stop(&[100.0; 5], 0.0, 1e4), None);
        assert_eq!(auto_stop(&[100.0; 6], 0.0, 1e4), Some("precise"));
        let noisy = [100.0, 150.0, 90.0, 130.0, 80.0, 160.0, 95.0, 140.0];
        assert_eq!(auto_stop(&noisy, 5e3, 1e4), None);
        assert_eq!(auto_stop(&noisy, 1e4, 1e4), Some("budget"));
        let wide: Vec<f64> = (0..AUTO_MAX_SAMPLES).map(|i| 100.0 + (i % 2) as f64 * 50.0).collect();
        assert_eq!(auto_stop(&wide, 0.0, 1e9), Some("max"));
    }

    #[test]
    fn karp_flatt_is_constant_on_amdahl_and_gustafson_recovers_s() {
        for s in [0.0, 0.1, 0.3] {
            for k in [2usize, 3, 4, 8, 64] {
                let speedup = 1.0 / (s + (1.0 - s) / k as f64);
                assert!((karp_flatt(speedup, k).unwrap() - s).abs() < 1e-12);
            }
            let scaled: Vec<(usize, f64)> = [1usize, 2, 4, 8].iter().map(|&k| (k, s + (1.0 - s) * k as f64)).collect();
            assert!((fit_gustafson(&scaled).unwrap() - s).abs() < 1e-9);
        }
        assert_eq!(karp_flatt(1.5, 1), None);
        assert_eq!(fit_gustafson(&[(1, 1.0)]), None);
    }

    #[test]
    fn bootstrap_range_contains_the_true_s() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let ks = [1usize, 2, 4];
        let samples: Vec<Vec<f64>> = ks
            .iter()
            .map(|&k| {
                (0..20).map(|_| 1000.0 * (0.2 + 0.8 / k as f64) * (1.0 + 0.02 * (rng.random::<f64>() - 0.5))).collect()
            })
            .collect();
        let fit = |medians: &[f64]| {
            let points: Vec<(usize, f64)> = ks.iter().copied().zip(medians.iter().copied()).collect();
            fit_amdahl(&points).map(|f| f.serial_fraction)
        };
        let (low, high) = bootstrap_range(&samples, fit).unwrap();
        assert!(low <= 0.2 && 0.2 <= high && high - low < 0.05, "{low}-{high}");
        assert_eq!(bootstrap_range(&[vec![]], fit), None);
    }

    #[test]
    fn clamps_and_refuses() {
        let fit = fit_amdahl(&[(1, 100.0), (2, 45.0)]).unwrap();
        assert_eq!(fit.serial_fraction, 0.0);
        assert!(fit.raw_serial_fraction < 0.0);
        assert_eq!(fit_amdahl(&[(2, 10.0), (2, 11.0)]), None);
        assert_eq!(fit_amdahl(&[]), None);
    }

    // The golden file, shared with the page's tests/unit/stats-golden.test.js. How its expected
    // values were obtained is in its comment and in tests/fixtures/stats-golden.py.

    use serde_json::Value;

    fn golden() -> Value {
        serde_json::from_str(include_str!("../tests/fixtures/stats-golden.json")).expect("the golden file is JSON")
    }

    fn section<'a>(fixture: &'a Value, name: &str) -> &'a [Value] {
        fixture[name].as_array().unwrap_or_else(|| panic!("no section {name}"))
    }

    fn numbers(value: &Value) -> Vec<f64> {
        value.as_array().expect("a list").iter().map(|v| v.as_f64().expect("a number")).collect()
    }

    /// A u64 or a float given as a string, to be matched bit for bit (see the file's comment).
    fn parsed<T: std::str::FromStr>(value: &Value) -> T {
        value.as_str().and_then(|text| text.parse().ok()).unwrap_or_else(|| panic!("{value} is not a number string"))
    }

    /// Within the file's tolerance of an exact value rounded once: relative, or absolute below 1.
    fn assert_close(actual: f64, expected: &Value, tolerance: f64, what: &str) {
        assert_close_at(actual, expected, tolerance, 1.0, what);
    }

    /// The same with a scale: a time's rounding error is relative to the times fitted (t1_ms), so
    /// a residual of 0 ms is matched within tolerance x t1.
    fn assert_close_at(actual: f64, expected: &Value, tolerance: f64, scale: f64, what: &str) {
        let expected = expected.as_f64().unwrap_or_else(|| panic!("{what}: expected {expected}, got {actual}"));
        let bound = tolerance * expected.abs().max(scale).max(1.0);
        assert!((actual - expected).abs() <= bound, "{what}: {actual} vs {expected}");
    }

    fn name(case: &Value) -> &str {
        case["name"].as_str().unwrap_or("?")
    }

    /// Gustafson's s as the native runner fits it (`bench::fit_points`): each point's scaled speedup
    /// over the 1-worker point, (f_k / f_1) * T1 / Tk, then [`fit_gustafson`]; the raw value.
    fn gustafson_of(workers: &[usize], factors: &[f64], medians: &[f64]) -> Option<f64> {
        let base = workers.iter().position(|&k| k == 1)?;
        let scaled: Vec<(usize, f64)> =
            (0..medians.len()).map(|i| (workers[i], factors[i] / factors[base] * medians[base] / medians[i])).collect();
        fit_gustafson(&scaled)
    }

    #[test]
    fn golden_generator_is_xoshiro256pp_seeded_by_splitmix64() {
        let generator = &golden()["generator"];
        let reference = &generator["splitmix64_reference"];
        let mut splitmix = rand_xoshiro::SplitMix64::seed_from_u64(parsed(&reference["seed"]));
        for expected in reference["outputs"].as_array().unwrap() {
            assert_eq!(splitmix.next_u64(), parsed::<u64>(expected), "SplitMix64 reference");
        }
        let reference = &generator["xoshiro256pp_reference"];
        let mut seed = [0u8; 32];
        for (bytes, word) in seed.chunks_exact_mut(8).zip(reference["state"].as_array().unwrap()) {
            bytes.copy_from_slice(&parsed::<u64>(word).to_le_bytes());
        }
        let mut rng = Xoshiro256PlusPlus::from_seed(seed);
        for expected in reference["outputs"].as_array().unwrap() {
            assert_eq!(rng.next_u64(), parsed::<u64>(expected), "xoshiro256++ reference");
        }
        let seeded = &generator["seeded"];
        assert_eq!(seeded["seed"].as_u64(), Some(BOOTSTRAP_SEED));
        let mut rng = bootstrap_rng(BOOTSTRAP_SEED);
        for expected in seeded["outputs"].as_array().unwrap() {
            assert_eq!(rng.next_u64(), parsed::<u64>(expected), "seeded outputs");
        }
        let mut rng = bootstrap_rng(BOOTSTRAP_SEED);
        for expected in seeded["units"].as_array().unwrap() {
            assert_eq!(random_unit(&mut rng).to_bits(), parsed::<f64>(expected).to_bits(), "seeded units");
        }
        let mut rng = bootstrap_rng(BOOTSTRAP_SEED);
        for draw in seeded["draws"].as_array().unwrap() {
            let (n, index) = (draw[0].as_u64().unwrap() as usize, draw[1].as_u64().unwrap() as usize);
            assert_eq!(random_index(&mut rng, n), index, "an index below {n}");
        }
    }

    #[test]
    fn golden_medians_intervals_and_auto_stop() {
        let fixture = golden();
        let tolerance = fixture["tolerance"].as_f64().unwrap();
        assert_eq!(fixture["level"].as_f64(), Some(LEVEL));
        for case in section(&fixture, "median") {
            assert_close(median(&numbers(&case["values"])), &case["median"], tolerance, name(case));
        }
        for case in section(&fixture, "median_interval") {
            let samples = numbers(&case["samples"]);
            let interval = median_interval(&samples);
            // Order statistics are samples: exactly.
            assert_eq!(interval.low, case["low"].as_f64().unwrap(), "{}: low", name(case));
            assert_eq!(interval.high, case["high"].as_f64().unwrap(), "{}: high", name(case));
            assert_close(interval.level, &case["level"], tolerance, name(case));
            assert_close(relative_half_width(&samples), &case["relative_half_width"], tolerance, name(case));
        }
        for case in section(&fixture, "auto_stop") {
            let samples = numbers(&case["samples"]);
            let (elapsed, budget) = (case["elapsed_ms"].as_f64().unwrap(), case["budget_ms"].as_f64().unwrap());
            assert_eq!(auto_stop(&samples, elapsed, budget), case["stop"].as_str(), "{}", name(case));
        }
    }

    #[test]
    fn golden_karp_flatt_and_fits_with_raw_and_clamped_values() {
        let fixture = golden();
        let tolerance = fixture["tolerance"].as_f64().unwrap();
        for case in section(&fixture, "karp_flatt") {
            let workers = case["workers"].as_u64().unwrap() as usize;
            match karp_flatt(case["speedup"].as_f64().unwrap(), workers) {
                Some(value) => assert_close(value, &case["value"], tolerance, name(case)),
                None => assert!(case["value"].is_null(), "{}: no value", name(case)),
            }
        }
        for case in section(&fixture, "amdahl") {
            let points: Vec<(usize, f64)> = case["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (p[0].as_u64().unwrap() as usize, p[1].as_f64().unwrap()))
                .collect();
            let expected = &case["fit"];
            let Some(fit) = fit_amdahl(&points) else {
                assert!(expected.is_null(), "{}: no fit", name(case));
                continue;
            };
            let t1 = expected["t1_ms"].as_f64().unwrap();
            for (field, actual, scale) in [
                ("serial_fraction", fit.serial_fraction, 1.0),
                ("raw_serial_fraction", fit.raw_serial_fraction, 1.0),
                ("t1_ms", fit.t1_ms, t1),
                ("rms_residual_ms", fit.rms_residual_ms, t1),
            ] {
                assert_close_at(actual, &expected[field], tolerance, scale, &format!("{}: {field}", name(case)));
            }
            assert_eq!(Some(fit.points as u64), expected["points"].as_u64(), "{}", name(case));
        }
        for case in section(&fixture, "gustafson") {
            let points = case["points"].as_array().unwrap();
            let workers: Vec<usize> = points.iter().map(|p| p["workers"].as_u64().unwrap() as usize).collect();
            let factors: Vec<f64> = points.iter().map(|p| p["work_factor"].as_f64().unwrap()).collect();
            let medians: Vec<f64> = points.iter().map(|p| p["median_ms"].as_f64().unwrap()).collect();
            let expected = &case["fit"];
            let Some(raw) = gustafson_of(&workers, &factors, &medians) else {
                assert!(expected.is_null(), "{}: no fit", name(case));
                continue;
            };
            assert_close(raw, &expected["raw_serial_fraction"], tolerance, name(case));
            assert_close(raw.clamp(0.0, 1.0), &expected["serial_fraction"], tolerance, name(case));
        }
    }

    #[test]
    fn golden_bootstrap_ranges_bit_for_bit() {
        let fixture = golden();
        assert_eq!(fixture["bootstrap_seed"].as_u64(), Some(BOOTSTRAP_SEED));
        assert_eq!(fixture["bootstrap_resamples"].as_u64(), Some(BOOTSTRAP_RESAMPLES as u64));
        for case in section(&fixture, "bootstrap") {
            let points = case["points"].as_array().unwrap();
            let workers: Vec<usize> = points.iter().map(|p| p["workers"].as_u64().unwrap() as usize).collect();
            let samples: Vec<Vec<f64>> = points.iter().map(|p| numbers(&p["samples_ms"])).collect();
            // The fits as the native runner bootstraps them (`bench::fit_points`).
            let range = match case["model"].as_str() {
                Some("amdahl") => bootstrap_range(&samples, |medians| {
                    let points: Vec<(usize, f64)> = workers.iter().copied().zip(medians.iter().copied()).collect();
                    fit_amdahl(&points).map(|fit| fit.serial_fraction)
                }),
                Some("gustafson") => {
                    let factors: Vec<f64> = points.iter().map(|p| p["work_factor"].as_f64().unwrap()).collect();
                    bootstrap_range(&samples, |medians| {
                        gustafson_of(&workers, &factors, medians).map(|s| s.clamp(0.0, 1.0))
                    })
                }
                other => panic!("unknown model {other:?}"),
            };
            let expected = case["range"].as_array().map(|r| (parsed::<f64>(&r[0]), parsed::<f64>(&r[1])));
            let bits = |r: Option<(f64, f64)>| r.map(|(low, high)| (low.to_bits(), high.to_bits()));
            assert_eq!(bits(range), bits(expected), "{}: {range:?} vs {expected:?}", name(case));
        }
    }
}
