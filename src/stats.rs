//! Statistics for the native runner, the same as the page's `www/js/stats.js` (median, speedup,
//! and the Amdahl fit), so native and browser results are computed alike.

/// The median of a non-empty list.
pub fn median(values: &[f64]) -> f64 {
    assert!(!values.is_empty(), "median of no values");
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / 2.0 }
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
    fn clamps_and_refuses() {
        let fit = fit_amdahl(&[(1, 100.0), (2, 45.0)]).unwrap();
        assert_eq!(fit.serial_fraction, 0.0);
        assert!(fit.raw_serial_fraction < 0.0);
        assert_eq!(fit_amdahl(&[(2, 10.0), (2, 11.0)]), None);
        assert_eq!(fit_amdahl(&[]), None);
    }
}
