//! `imbalanced`: its declaration, run and check.

use super::{choice_param, int_param};
use crate::Error;
use crate::kernels::imbalanced::{self as kernel, Schedule};
use crate::workload::{
    Check, Checks, Engine, Extra, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec,
};

/// The declaration and check of this workload.
pub struct Imbalanced;

const SCHEDULES: &[&str] = &["static", "stealing"];

static SPEC: WorkloadSpec = WorkloadSpec {
    id: "imbalanced",
    title: "Unbalanced work",
    description: "Items whose cost grows with the cube of their index: the last items cost far \
        more than the first. With the static schedule each worker gets an equal block of items, \
        and the worker with the last block does almost all the work while the others sit idle. \
        With work stealing, idle workers take items from busy ones. Compare the two.",
    params: &[
        int_param("items", "Items", "", (256.0, 64.0, 1.0, 100_000.0), "How many items; item i costs ∝ (i + 1)³."),
        int_param(
            "work",
            "Work",
            "steps",
            (1_000_000_000.0, 20_000_000.0, 1.0, 100_000_000_000.0),
            "Total steps over all items (about a nanosecond each).",
        ),
        choice_param(
            "schedule",
            "Schedule",
            SCHEDULES,
            0,
            "static: one equal block of items per worker; stealing: one item at a time, idle workers steal.",
        ),
    ],
    verification: "Equal to the closed form of every item's arithmetic chain, and identical at \
        every worker count and for both schedules.",
    weak: WeakScaling::Size { param: "work", exponent: 1.0, log_power: 0.0 },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::Compute,
    image: false,
    limits: &[],
};

impl Workload for Imbalanced {
    fn spec(&self) -> &'static WorkloadSpec {
        &SPEC
    }

    fn run(&self, params: &Params, _input: &Input) -> Result<Outcome, Error> {
        let schedule = if params.choice("schedule") == 0 { Schedule::Static } else { Schedule::Stealing };
        let value = kernel::run(params.int("items"), params.int("work"), schedule);
        Ok(Outcome {
            summary: format!(
                "{} items, {} schedule, result {value:016x}",
                params.int("items"),
                SCHEDULES[params.choice("schedule")]
            ),
            digest: value,
            image: None,
            detail: None,
            extra: Extra::new(),
        })
    }

    fn verify(&self, params: &Params, _input: &Input, outcome: &Outcome) -> Check {
        let expected = kernel::expected(params.int("items"), params.int("work"));
        Check::new(outcome.digest == expected, format!("closed form gives {expected:016x}"))
    }
}
