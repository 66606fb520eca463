//! `mandelbrot`: the Mandelbrot set on a W x H grid, coloured by escape time.
//!
//! Rows are independent, so they are handed out to threads; rows through the set cost far more
//! than rows outside it, which makes this a lesson in uneven work that work stealing absorbs.

use crate::trace::task;
use rayon::prelude::*;

/// The region drawn is fixed: its centre in the complex plane, and its width and height (the
/// whole set, at 3:2). Width and Height set only how finely it is sampled, so the work grows in
/// proportion to each: the problem stays the same picture. With a height that extended the
/// region at a width-set scale instead, the weak-scaling sweep (which grows the height) added
/// rows far outside the set that escape at once: 2 workers did 1.02× the work of 1, where 2×
/// was reported, and a student read a scaled speedup of 3.77×, 188% efficient.
pub const CENTER: (f64, f64) = (-0.75, 0.0);
/// Width of the region drawn.
pub const SPAN: f64 = 3.0;
/// Height of the region drawn. At 3:2 images (the defaults) the pixels are square; other sizes
/// stretch the picture rather than show more or less of the plane.
pub const SPAN_IM: f64 = 2.0;

/// Escape-time iterations for the point c = (cx, cy), at most `max_iter`.
#[inline]
pub fn escape_time(cx: f64, cy: f64, max_iter: u32) -> u32 {
    let (mut x, mut y) = (0.0f64, 0.0f64);
    let mut i = 0;
    while i < max_iter {
        let (xx, yy) = (x * x, y * y);
        if xx + yy > 4.0 {
            break;
        }
        y = 2.0 * x * y + cy;
        x = xx - yy + cx;
        i += 1;
    }
    i
}

/// The point of the complex plane at the centre of pixel (px, py).
pub fn pixel_to_point(px: u32, py: u32, width: u32, height: u32) -> (f64, f64) {
    let (scale_re, scale_im) = (SPAN / width as f64, SPAN_IM / height as f64);
    let cx = CENTER.0 + (px as f64 + 0.5 - width as f64 / 2.0) * scale_re;
    let cy = CENTER.1 + (py as f64 + 0.5 - height as f64 / 2.0) * scale_im;
    (cx, cy)
}

/// The colour of a pixel that escaped after `iterations` of `max_iter`: black inside the set, a
/// smooth blue-to-gold ramp outside.
pub fn colour(iterations: u32, max_iter: u32) -> [u8; 4] {
    if iterations >= max_iter {
        return [0, 0, 0, 255];
    }
    let t = (iterations as f64 / max_iter as f64).sqrt();
    let ramp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    [ramp(20.0, 255.0), ramp(40.0, 200.0), ramp(120.0, 60.0), 255]
}

/// One row: iteration counts and colours, plus the row's contribution to the checksum.
#[inline(never)] // a fresh call per row: see `kernels` on V8 tiering
fn render_row(row: u32, width: u32, height: u32, max_iter: u32, rgba: &mut [u8]) -> u64 {
    let mut checksum = 0u64;
    for (px, pixel) in rgba.chunks_exact_mut(4).enumerate() {
        let (cx, cy) = pixel_to_point(px as u32, row, width, height);
        let iterations = escape_time(cx, cy, max_iter);
        pixel.copy_from_slice(&colour(iterations, max_iter));
        let index = row as u64 * width as u64 + px as u64;
        checksum = checksum.wrapping_add(super::position_weight(index).wrapping_mul(iterations as u64 + 1));
    }
    checksum
}

/// The rendered image and the checksum of its iteration counts.
pub struct Frame {
    /// RGBA bytes, row-major, `width * height * 4` of them.
    pub rgba: Vec<u8>,
    /// Position-weighted sum of iteration counts, identical for any number of threads.
    pub checksum: u64,
}

/// Renders on the current rayon pool into `rgba` (`width * height * 4` bytes), a row per task.
pub fn render_parallel(width: u32, height: u32, max_iter: u32, rgba: &mut [u8]) -> u64 {
    assert_eq!(rgba.len(), width as usize * height as usize * 4);
    if width == 0 {
        return 0;
    }
    rgba.par_chunks_mut(width as usize * 4)
        .enumerate()
        .map(|(row, pixels)| task(|| render_row(row as u32, width, height, max_iter, pixels)))
        .reduce(|| 0, u64::wrapping_add)
}

/// Renders on one thread, row after row: the reference for [`render_parallel`].
pub fn render_serial(width: u32, height: u32, max_iter: u32) -> Frame {
    let mut rgba = vec![0u8; width as usize * height as usize * 4];
    let mut checksum = 0u64;
    if width > 0 {
        for (row, pixels) in rgba.chunks_exact_mut(width as usize * 4).enumerate() {
            checksum = checksum.wrapping_add(render_row(row as u32, width, height, max_iter, pixels));
        }
    }
    Frame { rgba, checksum }
}

/// Recomputes every `stride`-th row (and the last) serially and compares them with `rgba`.
/// Returns how many rows were compared, or the first row that differs.
pub fn spot_check_rows(width: u32, height: u32, max_iter: u32, rgba: &[u8], stride: u32) -> Result<u32, u32> {
    let row_bytes = width as usize * 4;
    let mut expected = vec![0u8; row_bytes];
    let mut compared = 0;
    let rows = (0..height).step_by(stride.max(1) as usize).chain(height.checked_sub(1));
    for row in rows {
        render_row(row, width, height, max_iter, &mut expected);
        let start = row as usize * row_bytes;
        if rgba[start..start + row_bytes] != expected[..] {
            return Err(row);
        }
        compared += 1;
    }
    Ok(compared)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The image written out independently, pixel by pixel, from the definitions: the point at the
    /// pixel's centre, the escape-time loop, the colour ramp and the checksum. It calls none of
    /// `pixel_to_point`, `escape_time`, `colour` or `render_row`, but does the same floating-point
    /// operations in the same order (Rust never fuses or reorders them), so the iteration counts,
    /// and with them every byte and the checksum, must agree exactly.
    struct Reference {
        iterations: Vec<u32>,
        rgba: Vec<u8>,
        checksum: u64,
    }

    fn reference(width: u32, height: u32, max_iter: u32) -> Reference {
        let (w, h) = (width as usize, height as usize);
        let (mut iterations, mut rgba, mut checksum) = (Vec::new(), Vec::new(), 0u64);
        for py in 0..h {
            for px in 0..w {
                // The region SPAN by SPAN_IM, centred on CENTER, whatever the image's size; the
                // centre's imaginary part is 0, so it is left out (adding 0.0 changes no value here).
                let (pixel_re, pixel_im) = (SPAN / width as f64, SPAN_IM / height as f64);
                let c_re = CENTER.0 + (px as f64 + 0.5 - width as f64 / 2.0) * pixel_re;
                let c_im = (py as f64 + 0.5 - height as f64 / 2.0) * pixel_im;
                // z <- z^2 + c from z = 0 while |z| <= 2, at most max_iter times.
                let (mut z_re, mut z_im, mut n) = (0.0f64, 0.0f64, 0u32);
                while n < max_iter && z_re * z_re + z_im * z_im <= 4.0 {
                    (z_re, z_im) = (z_re * z_re - z_im * z_im + c_re, 2.0 * z_re * z_im + c_im);
                    n += 1;
                }
                iterations.push(n);
                // Inside: black. Outside: from (20, 40, 120) to (255, 200, 60) by sqrt(n / max).
                if n == max_iter {
                    rgba.extend([0, 0, 0, 255]);
                } else {
                    let t = (n as f64 / max_iter as f64).sqrt();
                    let (from, to) = ([20.0, 40.0, 120.0], [255.0, 200.0, 60.0]);
                    rgba.extend((0..3).map(|c| (from[c] + (to[c] - from[c]) * t).round() as u8));
                    rgba.push(255);
                }
                let index = (py * w + px) as u64;
                checksum = checksum.wrapping_add(crate::kernels::position_weight(index).wrapping_mul(n as u64 + 1));
            }
        }
        Reference { iterations, rgba, checksum }
    }

    #[test]
    fn parallel_and_serial_equal_an_independent_reference() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        // Empty, 1x1, 1xN and Nx1, odd sizes, one iteration, and enough to reach the set.
        for (w, h, it) in [
            (0, 0, 10),
            (0, 4, 10),
            (4, 0, 10),
            (1, 1, 50),
            (1, 31, 100),
            (31, 1, 100),
            (7, 3, 1),
            (7, 3, 100),
            (64, 48, 200),
            (101, 37, 300),
            (33, 65, 500),
        ] {
            let expected = reference(w, h, it);
            let serial = render_serial(w, h, it);
            assert!(serial.rgba == expected.rgba, "{w}x{h} i{it}: serial image");
            assert_eq!(serial.checksum, expected.checksum, "{w}x{h} i{it}: serial checksum");
            let mut rgba = vec![0; w as usize * h as usize * 4];
            assert_eq!(render_parallel(w, h, it, &mut rgba), expected.checksum, "{w}x{h} i{it}: parallel checksum");
            assert!(rgba == expected.rgba, "{w}x{h} i{it}: parallel image");
            let mut rgba = vec![0; w as usize * h as usize * 4];
            let checksum = pool.install(|| render_parallel(w, h, it, &mut rgba));
            assert_eq!(checksum, expected.checksum, "{w}x{h} i{it}: checksum on 3 threads");
            assert!(rgba == expected.rgba, "{w}x{h} i{it}: image on 3 threads");
            assert_eq!(spot_check_rows(w, h, it, &expected.rgba, 3), Ok(h.div_ceil(3) + h.min(1)), "{w}x{h}");
        }
        // Not a vacuous comparison: these frames hold the set and points that escape at once.
        let frame = reference(64, 48, 200);
        assert!(frame.iterations.contains(&200) && frame.iterations.iter().any(|&n| n < 3));
    }

    #[test]
    fn the_work_grows_in_proportion_to_the_height() {
        // Weak scaling grows the height k-fold for k workers: that must be k times the iterations
        // (it had been 1.02 times for 2, the new rows all far outside the set).
        let work = |height| reference(150, height, 300).iterations.iter().map(|&n| u64::from(n)).sum::<u64>() as f64;
        let base = work(100);
        for k in [2, 3, 4] {
            let ratio = work(100 * k) / base;
            assert!((ratio / f64::from(k) - 1.0).abs() < 0.02, "height ×{k}: work ×{ratio:.3}");
        }
    }

    #[test]
    fn known_points() {
        assert_eq!(escape_time(0.0, 0.0, 1000), 1000, "origin is in the set");
        assert_eq!(escape_time(-1.0, 0.0, 1000), 1000, "period-2 bulb");
        assert_eq!(escape_time(2.0, 2.0, 1000), 1, "far outside escapes at once");
        assert_eq!(escape_time(0.5, 0.0, 1000), 5);
    }

    #[test]
    fn parallel_equals_serial_over_sizes() {
        for (w, h, it) in [(0, 0, 10), (1, 1, 50), (7, 3, 100), (64, 48, 200), (101, 37, 300)] {
            let serial = render_serial(w, h, it);
            let mut rgba = vec![0; w as usize * h as usize * 4];
            let checksum = render_parallel(w, h, it, &mut rgba);
            assert_eq!(checksum, serial.checksum, "{w}x{h}");
            assert!(rgba == serial.rgba, "{w}x{h} image differs");
            assert!(spot_check_rows(w, h, it, &rgba, 4).is_ok());
        }
    }

    #[test]
    fn spot_check_finds_a_wrong_row() {
        let mut frame = render_serial(32, 20, 100);
        frame.rgba[32 * 4 * 8] ^= 1;
        assert_eq!(spot_check_rows(32, 20, 100, &frame.rgba, 4), Err(8));
    }

    #[test]
    fn checksum_is_the_same_for_one_to_four_threads() {
        let serial = render_serial(120, 90, 250).checksum;
        for threads in 1..=4 {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut rgba = vec![0; 120 * 90 * 4];
            assert_eq!(pool.install(|| render_parallel(120, 90, 250, &mut rgba)), serial);
        }
    }
}
