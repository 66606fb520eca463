//! `matmul`: C = A·B for n x n f64 matrices, cache-blocked. Each task owns a band of C's rows,
//! so no two threads write the same memory, and each entry of C is summed in the same order
//! whatever the number of threads: the result is bit-identical across worker counts.

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::workload::{try_zeroed, KernelError};

/// Rows of C per task, and the depth of the k blocks: 64 rows of B (64 x n doubles) stay in
/// cache while a band of C is updated.
pub const BLOCK: usize = 64;

/// A square matrix, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    /// Rows and columns.
    pub n: usize,
    /// `n * n` entries.
    pub data: Vec<f64>,
}

impl Matrix {
    /// A matrix of uniform values in [-1, 1) from `seed`.
    pub fn random(n: usize, seed: u64) -> Result<Matrix, KernelError> {
        let mut data = try_zeroed::<f64>(n * n, "matrix")?;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        for x in &mut data {
            *x = rng.random::<f64>() * 2.0 - 1.0;
        }
        Ok(Matrix { n, data })
    }

    /// Zeros.
    pub fn zeros(n: usize) -> Result<Matrix, KernelError> {
        Ok(Matrix { n, data: try_zeroed::<f64>(n * n, "matrix")? })
    }
}

/// Columns of C per tile: a 64 x 256 tile of B (128 KB) and of C's band stay in L2 together.
pub const COLUMNS: usize = 256;

/// Adds A[rows, :] · B into `band` (rows `first..first + band.len()/n` of C), tile by tile:
/// for each tile of C's columns, for each block of k, every row of the band.
#[inline(never)] // a fresh call per band: see `kernels` on V8 tiering
fn update_band(a: &Matrix, b: &Matrix, first: usize, band: &mut [f64]) {
    let n = a.n;
    for j0 in (0..n).step_by(COLUMNS) {
        let j1 = (j0 + COLUMNS).min(n);
        for k0 in (0..n).step_by(BLOCK) {
            let k1 = (k0 + BLOCK).min(n);
            for (r, c_full) in band.chunks_exact_mut(n).enumerate() {
                let a_row = &a.data[(first + r) * n..(first + r + 1) * n];
                let c_row = &mut c_full[j0..j1];
                let b_tile = |k: usize| &b.data[k * n + j0..k * n + j1];
                // Four k at a time: the tile of C's row is loaded and stored once per four rows
                // of B instead of once per row. Unit stride over j: these loops vectorise.
                let mut k = k0;
                while k + 4 <= k1 {
                    let (a0, a1, a2, a3) = (a_row[k], a_row[k + 1], a_row[k + 2], a_row[k + 3]);
                    // Equal lengths, visibly: the loop then needs no bounds checks and vectorises.
                    let len = c_row.len();
                    let (b0, b1, b2, b3) = (&b_tile(k)[..len], &b_tile(k + 1)[..len], &b_tile(k + 2)[..len], &b_tile(k + 3)[..len]);
                    for j in 0..len {
                        c_row[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
                    }
                    k += 4;
                }
                for k in k..k1 {
                    let aik = a_row[k];
                    for (c, &bkj) in c_row.iter_mut().zip(b_tile(k)) {
                        *c += aik * bkj;
                    }
                }
            }
        }
    }
}

/// C = A·B on the current rayon pool, a band of [`BLOCK`] rows of C per task.
pub fn multiply_parallel(a: &Matrix, b: &Matrix, c: &mut Matrix) {
    let n = a.n;
    c.data.fill(0.0);
    if n == 0 {
        return;
    }
    c.data.par_chunks_mut(BLOCK * n).enumerate().for_each(|(i, band)| update_band(a, b, i * BLOCK, band));
}

/// C = A·B with the same blocking on one thread: the serial reference.
pub fn multiply_serial(a: &Matrix, b: &Matrix) -> Matrix {
    let n = a.n;
    let mut c = Matrix { n, data: vec![0.0; n * n] };
    if n > 0 {
        for (i, band) in c.data.chunks_mut(BLOCK * n).enumerate() {
            update_band(a, b, i * BLOCK, band);
        }
    }
    c
}

/// Freivalds' check, independent of how C was computed: for a random vector x, A(Bx) must equal
/// Cx up to rounding. Costs O(n²) instead of the product's O(n³); a wrong entry of C is caught
/// unless x happens to hide it. Returns the largest error relative to the rounding bound
/// (at most 1 passes).
pub fn freivalds(a: &Matrix, b: &Matrix, c: &Matrix, seed: u64) -> f64 {
    let n = a.n;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let x: Vec<f64> = (0..n).map(|_| rng.random::<f64>() * 2.0 - 1.0).collect();
    let times = |m: &Matrix, v: &[f64]| -> Vec<f64> {
        m.data.chunks_exact(n.max(1)).map(|row| row.iter().zip(v).map(|(p, q)| p * q).sum()).collect()
    };
    let abs = |m: &Matrix| Matrix { n, data: m.data.iter().map(|v| v.abs()).collect() };
    let abs_x: Vec<f64> = x.iter().map(|v| v.abs()).collect();
    let abx = times(a, &times(b, &x));
    let cx = times(c, &x);
    // |A||B||x| bounds every intermediate sum; rounding error is at most a few n·eps of it.
    let bound = times(&abs(a), &times(&abs(b), &abs_x));
    let eps = f64::EPSILON * 4.0 * (n as f64 + 2.0);
    abx.iter()
        .zip(&cx)
        .zip(&bound)
        .map(|((p, q), m)| (p - q).abs() / (eps * m).max(f64::MIN_POSITIVE))
        .fold(0.0, f64::max)
}

/// A position-weighted fingerprint of C's exact bits.
pub fn fingerprint(c: &Matrix) -> u64 {
    super::fingerprint_words(c.data.par_iter().map(|v| v.to_bits()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_product_by_hand() {
        let a = Matrix { n: 2, data: vec![1.0, 2.0, 3.0, 4.0] };
        let b = Matrix { n: 2, data: vec![5.0, 6.0, 7.0, 8.0] };
        let mut c = Matrix::zeros(2).unwrap();
        multiply_parallel(&a, &b, &mut c);
        assert_eq!(c.data, [19.0, 22.0, 43.0, 50.0]);
    }

    #[test]
    fn parallel_equals_serial_bit_for_bit_over_sizes() {
        for n in [0, 1, 2, 63, 64, 65, 130] {
            let a = Matrix::random(n, 1).unwrap();
            let b = Matrix::random(n, 2).unwrap();
            let mut c = Matrix::zeros(n).unwrap();
            multiply_parallel(&a, &b, &mut c);
            assert!(c == multiply_serial(&a, &b), "n={n}");
            assert!(freivalds(&a, &b, &c, 9) <= 1.0, "n={n}");
        }
    }

    #[test]
    fn freivalds_catches_a_wrong_entry() {
        let a = Matrix::random(100, 1).unwrap();
        let b = Matrix::random(100, 2).unwrap();
        let mut c = multiply_serial(&a, &b);
        c.data[4321] += 1e-6;
        assert!(freivalds(&a, &b, &c, 9) > 1.0);
    }

    #[test]
    fn fingerprint_same_on_one_to_four_threads() {
        let a = Matrix::random(150, 1).unwrap();
        let b = Matrix::random(150, 2).unwrap();
        let expected = fingerprint(&multiply_serial(&a, &b));
        for threads in 1..=4 {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut c = Matrix::zeros(150).unwrap();
            pool.install(|| multiply_parallel(&a, &b, &mut c));
            assert_eq!(fingerprint(&c), expected, "{threads} threads");
        }
    }
}
