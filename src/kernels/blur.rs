//! `blur`: a Gaussian blur of a W x H RGBA image (the seeds' photo-editing example), separable:
//! a horizontal pass then a vertical pass, each a row per task. Weights are integers summing to
//! 2^14 and every sum is exact, so the output is bit-identical whatever the number of threads.

use crate::trace::task;
use rayon::prelude::*;

use crate::workload::{Image, KernelError, try_zeroed};

const SHIFT: u32 = 14;
const ONE: u32 = 1 << SHIFT;

/// Integer Gaussian weights for taps -radius..=radius (sigma = radius / 2), summing to 2^14.
pub fn weights(radius: usize) -> Vec<u32> {
    let sigma = (radius as f64 / 2.0).max(0.5);
    let raw: Vec<f64> = (0..=2 * radius)
        .map(|i| {
            let d = i as f64 - radius as f64;
            (-d * d / (2.0 * sigma * sigma)).exp()
        })
        .collect();
    let total: f64 = raw.iter().sum();
    let mut w: Vec<u32> = raw.iter().map(|v| (v / total * ONE as f64).round() as u32).collect();
    // Rounding may leave the sum off by a little: the centre tap takes the difference.
    let sum: u32 = w.iter().sum();
    w[radius] = (w[radius] + ONE).checked_sub(sum).expect("centre weight stays positive");
    w
}

/// A test picture: colour gradients, a checkerboard and circles, so a blur is visible.
pub fn picture(width: usize, height: usize) -> Result<Image, KernelError> {
    let mut rgba = try_zeroed::<u8>(width * height * 4, "image")?;
    rgba.par_chunks_mut((width * 4).max(1)).enumerate().for_each(|(y, row)| {
        for (x, px) in row.chunks_exact_mut(4).enumerate() {
            let checker = ((x / 40 + y / 40) % 2) as u8 * 90;
            let (cx, cy) = (x as f64 - width as f64 / 2.0, y as f64 - height as f64 / 2.0);
            let ring = (((cx * cx + cy * cy).sqrt() / 25.0) as u32).is_multiple_of(2);
            px[0] = ((x * 255) / width.max(1)) as u8;
            px[1] = if ring { 230 } else { ((y * 255) / height.max(1)) as u8 };
            px[2] = checker + 60;
            px[3] = 255;
        }
    });
    Ok(Image { width: width as u32, height: height as u32, rgba })
}

/// Bytes of a row summed at a time: their u32 sums (8 KB) stay in L1 cache while every tap is
/// added, instead of streaming a whole row's sums through L2 once per tap.
const STRIP: usize = 2048;

/// `dst` = the weighted sum over taps t of `source(t)`, a strip of [`STRIP`] bytes at a time;
/// `source(t)` is the tap's row of bytes, as long as `dst`. Unit stride: the tap loop vectorises.
#[inline(always)]
fn weighted_sum<'a>(dst: &mut [u8], weights: &[u32], source: impl Fn(usize) -> &'a [u8]) {
    let mut acc = [0u32; STRIP];
    for (s, out) in dst.chunks_mut(STRIP).enumerate() {
        let acc = &mut acc[..out.len()];
        acc.fill(ONE / 2);
        for (t, &w) in weights.iter().enumerate() {
            for (a, &b) in acc.iter_mut().zip(&source(t)[s * STRIP..]) {
                *a += w * b as u32;
            }
        }
        for (d, &a) in out.iter_mut().zip(acc.iter()) {
            *d = (a >> SHIFT) as u8;
        }
    }
}

/// One row of the horizontal pass: `src` row -> `dst` row, edges clamped. The row is first
/// copied with `radius` edge pixels repeated on each side, so every tap is a unit-stride pass
/// over the bytes, like the vertical pass.
#[inline(never)] // a fresh call per row: see `kernels` on V8 tiering
fn horizontal_row(src: &[u8], dst: &mut [u8], weights: &[u32], padded: &mut Vec<u8>) {
    let radius = weights.len() / 2;
    let row_bytes = src.len();
    if row_bytes == 0 {
        return;
    }
    padded.clear();
    for _ in 0..radius {
        padded.extend_from_slice(&src[..4]);
    }
    padded.extend_from_slice(src);
    for _ in 0..radius {
        padded.extend_from_slice(&src[row_bytes - 4..]);
    }
    weighted_sum(dst, weights, |t| &padded[t * 4..t * 4 + row_bytes]);
}

/// One row of the vertical pass: output row `y` from the rows of `tmp` around it.
#[inline(never)] // a fresh call per row: see `kernels` on V8 tiering
fn vertical_row(tmp: &[u8], row_bytes: usize, height: usize, y: usize, dst: &mut [u8], weights: &[u32]) {
    let radius = weights.len() / 2;
    weighted_sum(dst, weights, |t| {
        let sy = (y + t).saturating_sub(radius).min(height - 1);
        &tmp[sy * row_bytes..(sy + 1) * row_bytes]
    });
}

/// Blurs `src` with `radius` on the current rayon pool.
pub fn blur_parallel(src: &Image, radius: usize) -> Result<Image, KernelError> {
    let (width, height) = (src.width as usize, src.height as usize);
    let row_bytes = width * 4;
    let weights = weights(radius);
    let mut tmp = try_zeroed::<u8>(src.rgba.len(), "intermediate image")?;
    let mut out = try_zeroed::<u8>(src.rgba.len(), "output image")?;
    if row_bytes > 0 {
        tmp.par_chunks_mut(row_bytes)
            .zip(src.rgba.par_chunks(row_bytes))
            .for_each_init(Vec::new, |padded, (dst, row)| task(|| horizontal_row(row, dst, &weights, padded)));
        out.par_chunks_mut(row_bytes)
            .enumerate()
            .for_each(|(y, dst)| task(|| vertical_row(&tmp, row_bytes, height, y, dst, &weights)));
    }
    Ok(Image { width: src.width, height: src.height, rgba: out })
}

/// Recomputes output row `y` on one thread from `src` alone: the horizontal pass of just the
/// rows it needs, then its vertical pass. The serial reference for spot checks.
pub fn blur_row_serial(src: &Image, radius: usize, y: usize) -> Vec<u8> {
    let (width, height) = (src.width as usize, src.height as usize);
    let row_bytes = width * 4;
    let weights = weights(radius);
    let mut tmp = vec![0u8; src.rgba.len()];
    let mut padded = Vec::new();
    for sy in y.saturating_sub(radius)..(y + radius + 1).min(height) {
        let range = sy * row_bytes..(sy + 1) * row_bytes;
        horizontal_row(&src.rgba[range.clone()], &mut tmp[range], &weights, &mut padded);
    }
    let mut out = vec![0u8; row_bytes];
    vertical_row(&tmp, row_bytes, height, y, &mut out, &weights);
    out
}

/// A position-weighted fingerprint of the pixels, eight bytes to a word.
pub fn fingerprint(rgba: &[u8]) -> u64 {
    super::fingerprint_words(rgba.par_chunks(8).map(|chunk| {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        u64::from_le_bytes(word)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_one_and_are_symmetric() {
        for radius in [0, 1, 2, 8, 30] {
            let w = weights(radius);
            assert_eq!(w.iter().sum::<u32>(), ONE, "radius {radius}");
            assert!(w.iter().eq(w.iter().rev()), "radius {radius}");
        }
    }

    #[test]
    fn a_flat_image_stays_flat() {
        let flat = Image { width: 9, height: 5, rgba: [10, 20, 30, 255].repeat(45) };
        assert_eq!(blur_parallel(&flat, 3).unwrap(), flat);
    }

    #[test]
    fn every_row_equals_the_serial_reference_over_sizes() {
        for (w, h, r) in [(1, 1, 2), (7, 3, 1), (31, 17, 4), (64, 40, 8), (10, 50, 0)] {
            let src = picture(w, h).unwrap();
            let out = blur_parallel(&src, r).unwrap();
            for y in 0..h {
                assert_eq!(
                    out.rgba[y * w * 4..(y + 1) * w * 4],
                    blur_row_serial(&src, r, y)[..],
                    "{w}x{h} r{r} row {y}"
                );
            }
        }
        let empty = picture(0, 0).unwrap();
        assert!(blur_parallel(&empty, 3).unwrap().rgba.is_empty());
    }

    #[test]
    fn bit_identical_on_one_to_four_threads() {
        let src = picture(120, 80).unwrap();
        let expected = fingerprint(&blur_parallel(&src, 6).unwrap().rgba);
        for threads in 1..=4 {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            assert_eq!(fingerprint(&pool.install(|| blur_parallel(&src, 6)).unwrap().rgba), expected);
        }
    }
}
