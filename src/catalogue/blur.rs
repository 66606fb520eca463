//! `blur`: its declaration, run and check.

use super::int_param;
use crate::Error;
use crate::kernels::blur as kernel;
use crate::limits::SPOT_CHECK_STRIDE;
use crate::workload::{
    Check, Checks, Engine, Extra, Image, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec, input_of,
};

/// The declaration and check of this workload.
pub struct Blur;

static SPEC: WorkloadSpec = WorkloadSpec {
    id: "blur",
    title: "Image blur",
    description: "Blurs a W × H picture with a Gaussian of the given radius, in two passes (rows, \
        then columns), the way photo editors do. Every output row is independent within a pass, \
        so rows are shared out among the workers; between the passes all workers must finish, a \
        barrier that costs a little at every worker count.",
    params: &[
        int_param("width", "Width", "px", (2400.0, 400.0, 1.0, 4096.0), "Picture width in pixels."),
        int_param("height", "Height", "px", (1600.0, 300.0, 1.0, 16384.0), "Picture height in pixels."),
        int_param("radius", "Radius", "px", (24.0, 4.0, 0.0, 64.0), "Blur radius; time grows in proportion to it."),
    ],
    verification: "Every 16th row and the last recomputed on one thread from the original \
        picture and compared byte for byte; the image identical at every worker count.",
    weak: WeakScaling::Size { param: "height", exponent: 1.0, log_power: 0.0 },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::Streams,
    image: true,
    limits: &[],
};

impl Workload for Blur {
    fn spec(&self) -> &'static WorkloadSpec {
        &SPEC
    }

    fn prepare(&self, params: &Params) -> Result<Input, Error> {
        Ok(Box::new(kernel::picture(params.int("width") as usize, params.int("height") as usize)?))
    }

    fn run(&self, params: &Params, input: &Input) -> Result<Outcome, Error> {
        let out = kernel::blur_parallel(input_of::<Image>(input), params.int("radius") as usize)?;
        Ok(Outcome {
            summary: format!("{} × {} picture blurred, radius {}", out.width, out.height, params.int("radius")),
            digest: kernel::fingerprint(&out.rgba),
            image: Some(out),
            detail: None,
            extra: Extra::new(),
        })
    }

    fn verify(&self, params: &Params, input: &Input, outcome: &Outcome) -> Check {
        let src = input_of::<Image>(input);
        let Some(out) = &outcome.image else {
            return Check::new(false, "no image was produced");
        };
        let (height, row_bytes) = (src.height as usize, src.width as usize * 4);
        let mut compared = 0;
        for y in (0..height).step_by(SPOT_CHECK_STRIDE).chain(height.checked_sub(1)) {
            let expected = kernel::blur_row_serial(src, params.int("radius") as usize, y);
            if out.rgba[y * row_bytes..(y + 1) * row_bytes] != expected[..] {
                return Check::new(false, format!("row {y} differs from the serial reference"));
            }
            compared += 1;
        }
        Check::new(true, format!("{compared} rows equal the serial reference"))
    }
}
