//! `sum-of-squares`: its declaration, run and check.

use super::int_param;
use crate::Error;
use crate::kernels::sum_of_squares;
use crate::workload::{
    Check, Checks, Engine, Extra, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec,
};

/// The declaration and check of this workload.
pub struct SumOfSquares;

static SUM_OF_SQUARES: WorkloadSpec = WorkloadSpec {
    id: "sum-of-squares",
    title: "Sum of squares",
    description: "Adds up i × i for every i below N, exactly, in 128-bit integers: a loop with no \
        memory traffic, so it scales almost perfectly. A compiler would normally replace this loop \
        with a formula; here every term is really computed, and the formula checks the answer.",
    params: &[
        int_param(
            "n",
            "N (terms)",
            "",
            (1_000_000_000.0, 30_000_000.0, 1.0, sum_of_squares::MAX_N as f64),
            "Sums i × i for i from 0 to N − 1; time grows in proportion to N.",
        ),
        super::grain_param("terms per task", sum_of_squares::GRAIN, 1 << 16),
    ],
    verification: "Equal to the closed form (N−1)·N·(2N−1)/6.",
    weak: WeakScaling::Size { param: "n", exponent: 1.0, log_power: 0.0 },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::Compute,
    image: false,
    limits: &[],
};

impl Workload for SumOfSquares {
    fn spec(&self) -> &'static WorkloadSpec {
        &SUM_OF_SQUARES
    }

    fn run(&self, params: &Params, _input: &Input) -> Result<Outcome, Error> {
        let total = sum_of_squares::sum_parallel(params.int("n"), params.int("grain"));
        Ok(Outcome {
            summary: format!("sum = {total}"),
            digest: fold_u128(total),
            image: None,
            detail: None,
            extra: Extra::new(),
        })
    }

    fn verify(&self, params: &Params, _input: &Input, outcome: &Outcome) -> Check {
        let exact = sum_of_squares::closed_form(params.int("n"));
        Check::new(outcome.digest == fold_u128(exact), format!("closed form (N−1)N(2N−1)/6 = {exact}"))
    }
}

fn fold_u128(value: u128) -> u64 {
    (value as u64) ^ ((value >> 64) as u64).rotate_left(17)
}
