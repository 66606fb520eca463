//! `mandelbrot`: its declaration, run and check.

use super::int_param;
use crate::Error;
use crate::kernels::mandelbrot;
use crate::limits::SPOT_CHECK_STRIDE;
use crate::workload::{
    Check, Checks, Engine, Extra, Image, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec,
    try_zeroed,
};

/// The declaration and check of this workload.
pub struct Mandelbrot;

static MANDELBROT: WorkloadSpec = WorkloadSpec {
    id: "mandelbrot",
    title: "Mandelbrot set",
    description: "Iterates z ← z² + c for every pixel of a W × H image of the whole set until z \
        escapes or the iteration limit is reached; W and H set how finely the same region is \
        sampled. Pixels are independent, but those inside the set cost the \
        full limit while those far outside escape at once, so the rows are very unequal: a \
        lesson in load balancing that rayon's work stealing handles for us.",
    params: &[
        int_param(
            "width",
            "Width",
            "px",
            (1200.0, 300.0, 1.0, 4096.0),
            "Image width in pixels; the region drawn stays the same.",
        ),
        int_param(
            "height",
            "Height",
            "px",
            (800.0, 200.0, 1.0, 16384.0),
            "Image height in pixels; the region drawn stays the same.",
        ),
        int_param(
            "max_iter",
            "Iteration limit",
            "iterations",
            (1000.0, 500.0, 1.0, 100_000.0),
            "Iterations before a point counts as inside the set; time grows with it.",
        ),
    ],
    verification: "Every 16th row and the last recomputed serially and compared byte for byte; \
        the checksum identical at every worker count.",
    weak: WeakScaling::Size { param: "height", exponent: 1.0, log_power: 0.0 },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::Compute,
    image: true,
    limits: &[],
};

impl Workload for Mandelbrot {
    fn spec(&self) -> &'static WorkloadSpec {
        &MANDELBROT
    }

    fn run(&self, params: &Params, _input: &Input) -> Result<Outcome, Error> {
        let (width, height, max_iter) = mandelbrot_size(params);
        let mut rgba = try_zeroed::<u8>(width as usize * height as usize * 4, "image")?;
        let checksum = mandelbrot::render_parallel(width, height, max_iter, &mut rgba);
        Ok(Outcome {
            summary: format!("{width} × {height} image, checksum {checksum:016x}"),
            digest: checksum,
            image: Some(Image { width, height, rgba }),
            detail: None,
            extra: Extra::new(),
        })
    }

    fn verify(&self, params: &Params, _input: &Input, outcome: &Outcome) -> Check {
        let (width, height, max_iter) = mandelbrot_size(params);
        let Some(image) = &outcome.image else {
            return Check::new(false, "no image was produced");
        };
        match mandelbrot::spot_check_rows(width, height, max_iter, &image.rgba, SPOT_CHECK_STRIDE as u32) {
            Ok(rows) => Check::new(true, format!("{rows} rows equal the serial reference")),
            Err(row) => Check::new(false, format!("row {row} differs from the serial reference")),
        }
    }
}

fn mandelbrot_size(params: &Params) -> (u32, u32, u32) {
    (params.int("width") as u32, params.int("height") as u32, params.int("max_iter") as u32)
}
