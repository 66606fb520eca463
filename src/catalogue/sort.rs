//! `sort`: its declaration, run and check.

use std::sync::Arc;

use super::{SEED, int_param};
use crate::Error;
use crate::kernels::sort as kernel;
use crate::workload::{
    Check, Checks, Engine, Extra, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec, format_number,
    input_of,
};

/// The declaration and check of this workload.
pub struct Sort;

static SPEC: WorkloadSpec = WorkloadSpec {
    id: "sort",
    title: "Parallel sort",
    description: "Sorts N random 64-bit integers with rayon's parallel sort, a quicksort whose \
        halves are sorted by different workers. Unlike the other workloads it moves a lot of \
        memory, so memory bandwidth, not arithmetic, limits how well it scales. Each run sorts a \
        fresh copy of the same input; the copy is part of the time.",
    params: &[
        int_param("n", "Values (N)", "", (20_000_000.0, 500_000.0, 1.0, 40_000_000.0), "How many values to sort."),
        SEED,
    ],
    verification: "The output is in order and holds exactly the input's values (a multiset \
        fingerprint of both), and is identical at every worker count.",
    // Comparison sorting: N ln N comparisons.
    weak: WeakScaling::Size { param: "n", exponent: 1.0, log_power: 1.0 },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::Streams,
    image: false,
    limits: &[],
};

struct Unsorted {
    values: Vec<u64>,
    fingerprint: (u64, u64),
}

impl Workload for Sort {
    fn spec(&self) -> &'static WorkloadSpec {
        &SPEC
    }

    fn prepare(&self, params: &Params) -> Result<Input, Error> {
        let values = kernel::generate(params.int("n") as usize, params.int("seed"))?;
        let fingerprint = kernel::multiset_fingerprint(&values);
        Ok(Box::new(Unsorted { values, fingerprint }))
    }

    fn run(&self, _params: &Params, input: &Input) -> Result<Outcome, Error> {
        let sorted = kernel::sort_parallel(&input_of::<Unsorted>(input).values)?;
        Ok(Outcome {
            summary: format!("{} values sorted", format_number(sorted.len() as f64)),
            digest: kernel::sequence_fingerprint(&sorted),
            image: None,
            detail: Some(Arc::new(sorted)),
            extra: Extra::new(),
        })
    }

    fn verify(&self, _params: &Params, input: &Input, outcome: &Outcome) -> Check {
        let Some(sorted) = outcome.detail_as::<Vec<u64>>() else {
            return Check::new(false, "no output was produced");
        };
        if !kernel::is_sorted(sorted) {
            return Check::new(false, "the output is not in order");
        }
        if kernel::multiset_fingerprint(sorted) != input_of::<Unsorted>(input).fingerprint {
            return Check::new(false, "the output does not hold the same values as the input");
        }
        if kernel::sequence_fingerprint(sorted) != outcome.digest {
            return Check::new(false, "the output does not match its fingerprint");
        }
        Check::new(true, "in order, with the same values as the input (multiset fingerprint)")
    }
}
