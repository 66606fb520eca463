//! `matmul`: C = A·B for n x n f64 matrices, cache-blocked. Each task owns a band of C's rows,
//! so no two threads write the same memory, and each entry of C is summed in the same order
//! whatever the number of threads: the result is bit-identical across worker counts.

use crate::trace::task;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::Error;
use crate::workload::try_zeroed;

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
    pub fn random(n: usize, seed: u64) -> Result<Matrix, Error> {
        let mut data = try_zeroed::<f64>(n * n, "matrix")?;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        for x in &mut data {
            *x = rng.random::<f64>() * 2.0 - 1.0;
        }
        Ok(Matrix { n, data })
    }

    /// Zeros.
    pub fn zeros(n: usize) -> Result<Matrix, Error> {
        Ok(Matrix { n, data: try_zeroed::<f64>(n * n, "matrix")? })
    }
}

/// Columns of C per tile: a 64 x 256 tile of B (128 KB) stays in L2 while a band of C uses it.
pub const COLUMNS: usize = 256;

/// The register block: [`MR`] rows by [`NR`] columns of C are summed in registers over a block
/// of k, then stored once. Four rows of four doubles are eight 128-bit registers, which fit both
/// x86-64's sixteen and V8's allocation of wasm SIMD registers with room for B and the broadcast.
const MR: usize = 4;
/// Columns of the register block (one `f64x4`, two 128-bit lanes).
const NR: usize = 4;

/// Adds A[rows, :] · B into `band` (rows `first..first + band.len()/n` of C), tile by tile:
/// for each tile of C's columns, for each block of k, every MR x NR block of the band.
///
/// The tile of B is first copied into panels of NR columns laid out k by k, and the MR rows of A
/// k by k, so the innermost loop reads both with unit stride and no bounds checks.
/// Every entry of C is summed in the same order on every path (C plus each term, k ascending),
/// so the register-blocked interior and the scalar edges agree bit for bit, and the result does
/// not depend on the number of threads.
#[inline(never)] // a fresh call per band: see `kernels` on V8 tiering
fn update_band(a: &Matrix, b: &Matrix, first: usize, band: &mut [f64]) {
    let n = a.n;
    let rows = band.len() / n.max(1);
    let mut b_panels = Vec::with_capacity(BLOCK * COLUMNS);
    let mut a_block = Vec::with_capacity(BLOCK * MR);
    for j0 in (0..n).step_by(COLUMNS) {
        let j1 = (j0 + COLUMNS).min(n);
        let full = j0 + (j1 - j0) / NR * NR; // columns j0..full are covered by whole panels
        for k0 in (0..n).step_by(BLOCK) {
            let k1 = (k0 + BLOCK).min(n);
            let depth = k1 - k0;
            b_panels.clear();
            for j in (j0..full).step_by(NR) {
                for k in k0..k1 {
                    b_panels.extend_from_slice(&b.data[k * n + j..k * n + j + NR]);
                }
            }
            let mut r = 0;
            while r + MR <= rows {
                a_block.clear();
                for k in k0..k1 {
                    a_block.extend((0..MR).map(|i| a.data[(first + r + i) * n + k]));
                }
                for (p, panel) in b_panels.chunks_exact(depth * NR).enumerate() {
                    register_block(&a_block, panel, n, &mut band[r * n + j0 + p * NR..]);
                }
                for i in r..r + MR {
                    scalar_entries(a, b, first + i, full..j1, k0..k1, &mut band[i * n..]);
                }
                r += MR;
            }
            for i in r..rows {
                scalar_entries(a, b, first + i, j0..j1, k0..k1, &mut band[i * n..]);
            }
        }
    }
}

/// C[0..MR, 0..NR] += A · B over one block of k, where `a` holds MR entries of A per k, `b`
/// holds NR entries of B per k, and `c` starts at the block's first entry with rows `n` apart.
/// The MR x NR sums live in registers for the whole block.
#[inline(always)]
fn register_block(a: &[f64], b: &[f64], n: usize, c: &mut [f64]) {
    use std::simd::f64x4;
    let mut acc: [f64x4; MR] = std::array::from_fn(|i| f64x4::from_slice(&c[i * n..i * n + NR]));
    for (a_k, b_k) in a.chunks_exact(MR).zip(b.chunks_exact(NR)) {
        let b_k = f64x4::from_slice(b_k);
        for (sums, &a_ik) in acc.iter_mut().zip(a_k) {
            *sums += f64x4::splat(a_ik) * b_k;
        }
    }
    for (i, sums) in acc.iter().enumerate() {
        sums.copy_to_slice(&mut c[i * n..i * n + NR]);
    }
}

/// The edges the register block does not cover: C[row, cols] += A[row, ks] · B[ks, cols], one
/// entry at a time, in the same order of terms. `c_row` starts at C's row `row` in the band.
fn scalar_entries(
    a: &Matrix,
    b: &Matrix,
    row: usize,
    cols: std::ops::Range<usize>,
    ks: std::ops::Range<usize>,
    c_row: &mut [f64],
) {
    let n = a.n;
    for j in cols {
        let mut sum = c_row[j];
        for k in ks.clone() {
            sum += a.data[row * n + k] * b.data[k * n + j];
        }
        c_row[j] = sum;
    }
}

/// C = A·B on the current rayon pool, a band of [`BLOCK`] rows of C per task.
pub fn multiply_parallel(a: &Matrix, b: &Matrix, c: &mut Matrix) {
    let n = a.n;
    c.data.fill(0.0);
    if n == 0 {
        return;
    }
    c.data.par_chunks_mut(BLOCK * n).enumerate().for_each(|(i, band)| task(|| update_band(a, b, i * BLOCK, band)));
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
