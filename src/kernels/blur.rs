//! `blur`: a Gaussian blur of a W x H RGBA image (the seeds' photo-editing example), separable:
//! a horizontal pass then a vertical pass, each a row per task. Weights are integers summing to
//! 2^14 and every sum is exact, so the output is bit-identical whatever the number of threads.

use crate::trace::task;
use rayon::prelude::*;

use crate::Error;
use crate::workload::{Image, try_zeroed};

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
pub fn picture(width: usize, height: usize) -> Result<Image, Error> {
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
            // A weight is at most 2^14: said as a u16, the products are 16-bit by 16-bit, which
            // SSE2 multiplies eight lanes at a time (pmullw/pmulhuw). A u32 weight asks for a
            // 32-bit lane multiply, which baseline x86-64 lacks, and LLVM made the native loop
            // scalar: blur took 330 ms natively at 1 worker against wasm's 200 (simd128 has
            // i32x4.mul). Now both take about 200 ms.
            // (`u16::try_from` loses LLVM that range again: 320 ms. The weights sum to 2^14, so
            // the cast drops nothing.)
            debug_assert!(w <= ONE);
            let w = u32::from(w as u16);
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
pub fn blur_parallel(src: &Image, radius: usize) -> Result<Image, Error> {
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

/// A position-weighted fingerprint of the pixels, eight bytes to a word (the last zero-padded).
/// A whole word is one load. Only the short last word is copied: a copy of a length the
/// compiler cannot see is a `memory.copy` call in wasm, and one per word made this pass over
/// the output take 13.6 ms of a 250 ms blur at 1 worker in Chromium, twice native's 6.6 ms.
pub fn fingerprint(rgba: &[u8]) -> u64 {
    super::fingerprint_words(rgba.par_chunks(8).map(|chunk| match <[u8; 8]>::try_from(chunk) {
        Ok(word) => u64::from_le_bytes(word),
        Err(_) => {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            u64::from_le_bytes(word)
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// An independently written reference for the whole blur: every output byte as two direct
    /// sums over the taps, horizontal then vertical, each rounded to a byte as the kernel defines
    /// it ((sum + 2^13) >> 14), with coordinates clamped to the image at the edges. No padded
    /// rows, strips or row functions: a plain loop per pixel and channel. The weights are the
    /// filter's definition, [`weights`], pinned on their own in `weights_match_the_gaussian`.
    fn reference_blur(src: &Image, radius: usize) -> Vec<u8> {
        let (width, height) = (src.width as usize, src.height as usize);
        let taps = weights(radius);
        let r = radius as isize;
        let clamped = |v: isize, len: usize| v.clamp(0, len as isize - 1) as usize;
        let to_byte = |sum: u32| ((sum + (1 << 13)) >> 14) as u8;
        let byte = |image: &[u8], x: usize, y: usize, c: usize| image[(y * width + x) * 4 + c] as u32;
        let mut horizontal = vec![0u8; src.rgba.len()];
        let mut out = vec![0u8; src.rgba.len()];
        for y in 0..height {
            for x in 0..width {
                for c in 0..4 {
                    let sum: u32 = (-r..=r)
                        .map(|d| taps[(d + r) as usize] * byte(&src.rgba, clamped(x as isize + d, width), y, c))
                        .sum();
                    horizontal[(y * width + x) * 4 + c] = to_byte(sum);
                }
            }
        }
        for y in 0..height {
            for x in 0..width {
                for c in 0..4 {
                    let sum: u32 = (-r..=r)
                        .map(|d| taps[(d + r) as usize] * byte(&horizontal, x, clamped(y as isize + d, height), c))
                        .sum();
                    out[(y * width + x) * 4 + c] = to_byte(sum);
                }
            }
        }
        out
    }

    /// Every byte random, alpha too (the test picture's alpha is always 255).
    fn noise(width: usize, height: usize, seed: u64) -> Image {
        let mut rgba = vec![0u8; width * height * 4];
        Xoshiro256PlusPlus::seed_from_u64(seed).fill_bytes(&mut rgba);
        Image { width: width as u32, height: height as u32, rgba }
    }

    /// Sizes for the reference: 1x1, 1xN and Nx1, a radius wider than the image, odd sizes, no
    /// blur at all, and rows longer than a strip of [`STRIP`] bytes (512 pixels).
    const SIZES: [(usize, usize, usize); 12] = [
        (1, 1, 2),
        (1, 9, 3),
        (9, 1, 3),
        (2, 2, 8),
        (7, 3, 1),
        (31, 17, 4),
        (10, 50, 0),
        (64, 40, 8),
        (513, 2, 2),
        (700, 5, 5),
        (0, 3, 1),
        (3, 0, 1),
    ];

    #[test]
    fn parallel_and_serial_equal_an_independent_reference() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        for (w, h, r) in SIZES {
            for (name, src) in [("picture", picture(w, h).unwrap()), ("noise", noise(w, h, (w * 1000 + h) as u64))] {
                let expected = reference_blur(&src, r);
                assert!(blur_parallel(&src, r).unwrap().rgba == expected, "{name} {w}x{h} r{r}: parallel");
                let on_three = pool.install(|| blur_parallel(&src, r)).unwrap();
                assert!(on_three.rgba == expected, "{name} {w}x{h} r{r}: parallel on 3 threads");
                for y in 0..h {
                    let row = &expected[y * w * 4..(y + 1) * w * 4];
                    assert!(blur_row_serial(&src, r, y) == row, "{name} {w}x{h} r{r}: serial row {y}");
                }
            }
        }
    }

    /// Why the reference rounds twice: a blur in one step, the exact 2-D convolution with weights
    /// w(i) w(j) / 2^28 rounded once, is what a separable blur approximates, but rounding the
    /// horizontal pass to bytes moves each byte by up to half a level, and the vertical pass's
    /// rounding by another half: the kernel may differ from it by one level, never more.
    #[test]
    fn within_one_level_of_the_exact_two_dimensional_convolution() {
        for (w, h, r) in [(1, 9, 3), (9, 1, 3), (31, 17, 4), (64, 40, 8), (513, 2, 2)] {
            let src = noise(w, h, 7);
            let out = blur_parallel(&src, r).unwrap().rgba;
            let taps: Vec<u64> = weights(r).into_iter().map(u64::from).collect();
            let clamped = |v: isize, len: usize| v.clamp(0, len as isize - 1) as usize;
            for y in 0..h {
                for x in 0..w {
                    for c in 0..4 {
                        let mut sum = 0u64;
                        for (i, wy) in taps.iter().enumerate() {
                            let sy = clamped(y as isize + i as isize - r as isize, h);
                            for (j, wx) in taps.iter().enumerate() {
                                let sx = clamped(x as isize + j as isize - r as isize, w);
                                sum += wy * wx * src.rgba[(sy * w + sx) * 4 + c] as u64;
                            }
                        }
                        let exact = (sum + (1 << 27)) >> 28;
                        let got = out[(y * w + x) * 4 + c] as u64;
                        assert!(got.abs_diff(exact) <= 1, "{w}x{h} r{r} ({x}, {y}) channel {c}: {got} vs {exact}");
                    }
                }
            }
        }
    }

    #[test]
    fn weights_match_the_gaussian() {
        // exp(-d^2 / (2 sigma^2)) with sigma = radius / 2 (at least 1/2), over 2^14, rounded; the
        // centre takes what rounding left over. Computed apart from this code (Python's math.exp).
        for (radius, expected) in [
            (0, &[16384][..]),
            (1, &[1745, 12894, 1745]),
            (2, &[893, 4001, 6596, 4001, 893]),
            (3, &[600, 1823, 3551, 4436, 3551, 1823, 600]),
        ] {
            assert_eq!(weights(radius), expected, "radius {radius}");
        }
    }

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

    /// The fingerprint reads bytes as little-endian words, the last padded with zeros, whatever
    /// the length: whole words and a short tail alike (an odd width leaves one).
    #[test]
    fn fingerprint_reads_zero_padded_little_endian_words() {
        let bytes = noise(1031, 1, 7).rgba; // 4124 bytes: 515 words and 4 bytes over
        for len in [0, 1, 4, 8, 12, 17, 4096, bytes.len()] {
            let serial = bytes[..len].chunks(8).enumerate().fold(0u64, |acc, (i, chunk)| {
                let word = chunk.iter().rev().fold(0u64, |w, &b| (w << 8) | u64::from(b));
                acc.wrapping_add(word.wrapping_mul(crate::kernels::position_weight(i as u64)))
            });
            assert_eq!(fingerprint(&bytes[..len]), serial, "{len} bytes");
        }
    }
}
