//! `monte-carlo-pi`: its declaration, run and check.

use super::int_param;
use crate::kernels::monte_carlo_pi;
use crate::workload::{Check, Input, KernelError, Outcome, Params, WeakScaling, Workload, WorkloadSpec, format_number};

/// The declaration and check of this workload.
pub struct MonteCarloPi;

static MONTE_CARLO_PI: WorkloadSpec = WorkloadSpec {
    id: "monte-carlo-pi",
    title: "Monte Carlo π",
    description: "Throws N random points at the unit square and counts those inside the quarter \
        circle: 4 × inside / N approaches π. The points come in fixed chunks, each drawn from its \
        own generator seeded by the master seed and the chunk's number, so the estimate is \
        bit-identical whether one worker or sixteen computed it: reproducible randomness.",
    params: &[
        int_param(
            "samples",
            "Samples",
            "points",
            (300_000_000.0, 10_000_000.0, 1.0, 4_000_000_000.0),
            "Random points thrown; the error shrinks as 1/√N.",
        ),
        super::SEED,
    ],
    verification: "Within 6 standard errors of π (a wrong kernel is far outside), and identical \
        to the result at every other worker count.",
    weak: WeakScaling::Size { param: "samples", exponent: 1.0 },
};

impl Workload for MonteCarloPi {
    fn spec(&self) -> &'static WorkloadSpec {
        &MONTE_CARLO_PI
    }

    fn run(&self, params: &Params, _input: &Input) -> Result<Outcome, KernelError> {
        let samples = params.int("samples");
        let hits = monte_carlo_pi::hits_parallel(samples, params.int("seed"));
        let pi = monte_carlo_pi::estimate(hits, samples);
        Ok(Outcome {
            summary: format!("π ≈ {pi:.6} ({} inside)", format_number(hits as f64)),
            digest: hits,
            image: None,
            detail: None,
        })
    }

    fn verify(&self, params: &Params, _input: &Input, outcome: &Outcome) -> Check {
        let samples = params.int("samples");
        let pi = monte_carlo_pi::estimate(outcome.digest, samples);
        let sigma = monte_carlo_pi::standard_error(samples);
        let off = (pi - std::f64::consts::PI).abs();
        Check::new(
            off <= 6.0 * sigma,
            format!("|estimate − π| = {off:.2e}, {:.1} standard errors (limit 6)", off / sigma),
        )
    }
}
