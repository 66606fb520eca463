//! The limits of a sweep, declared once. The native runner checks them here; the catalogue
//! (`pkg/catalogue.json`, under `limits`) carries them to the page, the lessons and the headless
//! and Python runners (`www/js/limits.js` reads them from there), so every runner refuses the
//! same inputs with the same ranges.

use serde::Serialize;

/// An inclusive range with the value used when none is given.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Range {
    /// The smallest value allowed.
    pub min: f64,
    /// The largest value allowed.
    pub max: f64,
    /// The value used when none is given.
    pub default: f64,
}

impl Range {
    /// Whether `value` lies in the range.
    pub fn contains(&self, value: f64) -> bool {
        (self.min..=self.max).contains(&value)
    }
}

/// Timed runs per point (after one warm-up run). Six by default: the fewest whose median has a
/// 95% interval (five give min to max, 93.75%).
pub const REPEATS: Range = Range { min: 1.0, max: 100.0, default: 6.0 };

/// With automatic repeats: the time budget per point, in seconds.
pub const BUDGET_S: Range = Range { min: 1.0, max: 600.0, default: 30.0 };

/// The most pool threads any runner starts for one point. The page allows fewer: twice the
/// device's logical cores (to show oversubscription), at least 2, never above this.
pub const MAX_WORKERS: usize = 1024;

/// The most values one parameter sweep (`--vary`, the page's "Sweep over") runs.
pub const MAX_VARIED_VALUES: usize = 12;

/// Spot checks of the image and hashing workloads recompute every this-many-th row or buffer
/// (and the last) on one thread: 1/16 of the work, still catching a wrong row or buffer anywhere
/// the partition puts a boundary.
pub const SPOT_CHECK_STRIDE: usize = 16;

/// Every limit, as the catalogue writes them.
#[derive(Debug, Serialize)]
pub struct Limits {
    /// [`REPEATS`].
    pub repeats: Range,
    /// [`BUDGET_S`].
    pub budget_s: Range,
    /// [`MAX_WORKERS`].
    pub max_workers: usize,
    /// [`MAX_VARIED_VALUES`].
    pub max_varied_values: usize,
    /// [`SPOT_CHECK_STRIDE`].
    pub spot_check_stride: usize,
}

/// The limits in force.
pub const LIMITS: Limits = Limits {
    repeats: REPEATS,
    budget_s: BUDGET_S,
    max_workers: MAX_WORKERS,
    max_varied_values: MAX_VARIED_VALUES,
    spot_check_stride: SPOT_CHECK_STRIDE,
};
