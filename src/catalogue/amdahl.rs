//! `amdahl`: its declaration, run and check.

use super::{int_param, number_param};
use crate::Error;
use crate::kernels::amdahl as kernel;
use crate::workload::{
    Check, Checks, Engine, Extra, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec,
};

/// The declaration and check of this workload.
pub struct Amdahl;

static SPEC: WorkloadSpec = WorkloadSpec {
    id: "amdahl",
    title: "Amdahl's law, made to order",
    description: "Synthetic work with a serial fraction you choose: that share runs on one thread \
        while the others wait, the rest is shared by all workers. Amdahl's law predicts the \
        speedup 1 / (s + (1 − s) / k) on k workers; this workload lets you check the law, and \
        the page's fit, against a known s.",
    params: &[
        number_param(
            "serial_fraction",
            "Serial fraction (s)",
            (0.25, 0.25, 0.0, 1.0),
            "Share of the work that runs on one thread.",
        ),
        int_param(
            "work",
            "Work",
            "steps",
            (1_000_000_000.0, 20_000_000.0, 1.0, 100_000_000_000.0),
            "Total steps of a dependent arithmetic chain (about a nanosecond each).",
        ),
    ],
    verification: "Equal to the closed form of the same arithmetic chain (its steps composed by \
        repeated squaring, no loop), and identical at every worker count.",
    weak: WeakScaling::SerialFixed { work: "work", serial_fraction: "serial_fraction" },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::Compute,
    image: false,
    limits: &[],
};

impl Workload for Amdahl {
    fn spec(&self) -> &'static WorkloadSpec {
        &SPEC
    }

    fn run(&self, params: &Params, _input: &Input) -> Result<Outcome, Error> {
        let value = kernel::run(params.int("work"), params.get("serial_fraction"));
        let (serial, parallel) = kernel::split(params.int("work"), params.get("serial_fraction"));
        Ok(Outcome {
            summary: format!("{serial} serial + {parallel} parallel steps, result {value:016x}"),
            digest: value,
            image: None,
            detail: None,
            extra: Extra::new(),
        })
    }

    fn verify(&self, params: &Params, _input: &Input, outcome: &Outcome) -> Check {
        let expected = kernel::expected(params.int("work"), params.get("serial_fraction"));
        Check::new(outcome.digest == expected, format!("closed form gives {expected:016x}"))
    }
}
